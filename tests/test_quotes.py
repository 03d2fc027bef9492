"""Quotes are checked against the archived article texts (data/articles/): every shipped quote, and a
submission's, with the closest sentence named when one is not in the article."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from cheikg.build import articles_dir, read_articles, record_files
from cheikg.cli import cli
from cheikg.loaders.quotes import _citations, check_quotes, normalize
from cheikg.loaders.records import read_paths
from cheikg.loaders.statements import merge_statements

DATA = Path(__file__).resolve().parent.parent / "data"
JX = "xinhua-jiangxi-scoe-alliance"


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_every_shipped_quote_is_in_its_article():
    merged = merge_statements(read_paths(record_files(DATA)).records)
    articles = read_articles(merged.records, articles_dir(DATA))
    quoted = {c.source for r in merged.records for _o, _i, c in _citations(r) if c.quote}
    # every source a quote cites has its text at hand, so the check below checked every quote
    assert quoted and all(articles[s].text for s in quoted), sorted(s for s in quoted if not articles[s].text)
    assert sum(1 for r in merged.records for _o, _i, c in _citations(r) if c.quote) > 800
    assert check_quotes(merged.records, articles) == []


def test_normalising_forgives_only_what_copying_changes():
    assert normalize("the “Study in Shanxi”\n brand — it’s") == normalize('the "Study in Shanxi" brand - it\'s')
    assert normalize("江西财经\n大学") == normalize("江西财经大学")
    assert normalize("chair institution") != normalize("chair institutions")


def test_a_quote_not_in_the_article_names_the_closest_sentence(checkout):
    (checkout / "q.yaml").write_text(f"""\
persons:
  - id: someone
    name: {{en: Someone}}
    source: {JX}
    quote: "Jiangxi University of Finance and Economics serves as the chair institution of the alliance"
  - id: someone-else
    name: {{en: Someone Else}}
    sources:
      - {{source: {JX}, quote: x}}
""", encoding="utf-8")
    result = invoke("validate", "q.yaml")
    assert result.exit_code == 1
    assert result.stdout == (
        "q.yaml\n"
        "  record someone\n"
        "    4:13 violation quote: the quote is not in the text of 'xinhua-jiangxi-scoe-alliance' (seeds/002_74dae8fb773deb7c.txt); the closest sentence there is "
        "\"Jiangxi University of Finance and Economics serves as the alliance's chair institution, with Nanchang University, Nanchang Hangkong University, "
        "and Jiangxi Normal University among its 10 vice-chair institutions.\". Copy the sentence verbatim: only white space, quotation marks, apostrophes "
        "and dashes may differ [value: Jiangxi University of Finance and Economics serves as the chair institution of the alliance]\n"
        "  record someone-else\n"
        "    9:9 violation sources[1].quote: 'x' is too short to support a fact: copy the whole sentence of the source that states it\n"
        "fails: 2 violations, 0 warnings, 0 infos\n")


def test_a_source_without_its_text_gets_one_info_and_another_folder_can_be_named(checkout, tmp_path):
    (checkout / "s.yaml").write_text("""\
sources:
  - id: new-article
    title: {en: A new article}
    type: news-article
    file: new/001_article.txt
persons:
  - id: one
    name: {en: One}
    source: new-article
    quote: "One attended the meeting in Beijing."
  - id: two
    name: {en: Two}
    source: new-article
    quote: "Two attended the meeting in Beijing."
""", encoding="utf-8")
    result = invoke("validate", "s.yaml")
    assert result.exit_code == 0
    assert "    9:13 info quote: the quotes citing 'new-article' are not checked: its file new/001_article.txt is not in data/articles\n" in result.stdout
    assert result.stdout.count("not checked") == 1
    folder = tmp_path / "texts"
    (folder / "new").mkdir(parents=True)
    (folder / "new" / "001_article.txt").write_text("url: x\n---\nOne attended the meeting in Beijing. Three did not.\n", encoding="utf-8")
    result = invoke("validate", "s.yaml", "--articles", str(folder))
    assert result.exit_code == 1
    assert "violation quote: the quote is not in the text of 'new-article' (new/001_article.txt); the closest sentence there is \"One attended the meeting in Beijing.\"" in result.stdout
    assert "record one" not in result.stdout
