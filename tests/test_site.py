"""The static site (`cheikg site`): what the pages say, that every link resolves, that the same
graph gives the same bytes, and that the folder is written whole and only where it may be."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from cheikg.errors import UsageError
from cheikg.queries import catalog
from cheikg.resources import ontology_texts
from cheikg.site.output import MARKER, write_site
from cheikg.site.search import pinyin

HAN = re.compile("[\u3400-\u9fff]")


class Page(HTMLParser):
    """The text of a page, by element id, with the hrefs, srcs and ids it holds and Chinese text outside lang="zh"."""

    VOID = {"meta", "link", "input", "br", "img", "hr", "source", "col", "wbr"}

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None, str | None]] = []  # (tag, id, lang)
        self.texts: dict[str, list[str]] = {}
        self.all: list[str] = []
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.unmarked_chinese: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("href", "src"):
            if a.get(key) is not None:
                self.links.append(a[key])
        if a.get("id"):
            self.ids.add(a["id"])
        if tag not in self.VOID:
            self.stack.append((tag, a.get("id"), a.get("lang")))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if any(t[0] in ("script", "style") for t in self.stack):
            return
        self.all.append(data)
        for _tag, ident, _lang in self.stack:
            if ident:
                self.texts.setdefault(ident, []).append(data)
        langs = [t[2] for t in self.stack if t[2]]
        if HAN.search(data) and (not langs or not langs[-1].startswith("zh")):
            self.unmarked_chinese.append(data.strip())

    def text(self, ident: str | None = None) -> str:
        parts = self.all if ident is None else self.texts.get(ident, [])
        return re.sub(r"\s+", " ", "".join(parts)).strip()


@pytest.fixture(scope="module")
def files(seed_site) -> dict[str, bytes]:
    return seed_site


def page(files, path: str) -> Page:
    return Page(files[path].decode("utf-8"))


def test_the_jufe_page_lists_its_chair_of_the_jiangxi_alliance_with_the_seed_sentence(files):
    p = page(files, "entity/jufe.html")
    assert "Jiangxi University of Finance and Economics" in p.text()
    row = p.text("mem-jufe-jx-scoe-alliance-chair")
    assert "Jiangxi Provincial Alliance for Sino-Foreign Cooperative Education" in row
    assert "chair institution" in row and "理事长单位" in row
    assert (
        "Jiangxi University of Finance and Economics serves as the alliance's chair institution, with Nanchang University, "
        "Nanchang Hangkong University, and Jiangxi Normal University among its 10 vice-chair institutions." in row
    )
    assert "Jiangxi Province Establishes Provincial Alliance" in row  # the article it comes from
    details = p.text("details")
    assert "4136010421" in details and "Nanchang City" in details and "Jiangxi Province" in details
    assert "https://ror.org/03efmyj29" in p.links and "http://www.wikidata.org/entity/Q3496652" in p.links


def test_the_alliance_page_lists_its_chair_vice_chairs_and_directors(files):
    p = page(files, "entity/jx-scoe-alliance.html")
    assert p.text("role-chair").count("reference") == 1
    assert "Jiangxi University of Finance and Economics" in p.text("role-chair")
    vice = p.text("role-vice-chair")
    for name in ("Nanchang University", "Nanchang Hangkong University", "Jiangxi Normal University"):
        assert name in vice
    directors = p.text("role-director")
    assert "Jiangxi University of Traditional Chinese Medicine" in directors and "Gannan Normal University" in directors
    # roles in the order a reader looks for them, under one heading
    html = files["entity/jx-scoe-alliance.html"].decode()
    assert html.index('id="role-chair"') < html.index('id="role-vice-chair"') < html.index('id="role-director"')
    assert "Roles over time" in p.text()
    # the counts the article states, against the holders named
    counts = p.text("stated-counts")
    assert "vice-chair institutions" in counts and "10" in counts
    # the founding date with its inferred year
    assert "2025-11-18 (year inferred 年推断)" in p.text("details")


def test_a_terms_table_shows_holders_by_term_with_dates_at_their_precision(files):
    p = page(files, "entity/shanxi-isea.html")
    rotating = p.text("role-rotating-chair")
    assert "Taiyuan University of Technology" in rotating and "Sang Shengbo" in rotating
    assert "2025-11-12 (year inferred" in rotating
    timeline = p.text("timeline")
    assert "2025-11-12 (year inferred 年推断) — founding date 成立日期" in timeline
    assert "2025-11-12 (year inferred 年推断) — term begins 任期开始: rotating chair 轮值主席; Taiyuan University of Technology" in timeline


def test_every_class_property_and_vocabulary_is_on_the_ontology_pages_in_both_languages(files):
    g = Graph()
    for _name, text in ontology_texts():
        g.parse(data=text, format="turtle")
    p = page(files, "ontology.html")
    rows = 0
    ours = "https://w3id.org/cheikg/ontology#"  # the ontology also declares the terms it reuses, documented where they are defined
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        for term in (t for t in g.subjects(RDF.type, kind) if str(t).startswith(ours)):
            anchor = str(term).rsplit("#", 1)[-1]
            row = p.text(anchor)
            labels = {lit.language: str(lit) for lit in g.objects(term, RDFS.label)}
            assert labels["en"] in row and labels["zh"] in row, anchor
            assert str(g.value(term, RDFS.comment)) in row
            rows += 1
    assert rows > 60  # every class and property of the ontology was looked for
    schemes = list(g.subjects(RDF.type, SKOS.ConceptScheme))
    assert len(schemes) >= 12
    for scheme in schemes:
        notation = str(g.value(scheme, SKOS.notation))
        labels = {lit.language: str(lit) for lit in g.objects(scheme, SKOS.prefLabel)}
        assert labels["en"] in p.text(f"scheme-{notation}") and labels["zh"] in p.text(f"scheme-{notation}")
        vocab = page(files, f"vocab/{notation}.html")
        concepts = list(g.subjects(SKOS.inScheme, scheme))
        assert concepts
        for concept in concepts:
            code = str(g.value(concept, SKOS.notation))
            row = vocab.text(code)
            for lit in g.objects(concept, SKOS.prefLabel):
                assert str(lit) in row, (notation, code)
        # one scheme per page: no concept of another scheme on it
        others = {str(g.value(c, SKOS.notation)) for c in g.subjects(RDF.type, SKOS.Concept)} - {str(g.value(c, SKOS.notation)) for c in concepts}
        assert not (others & vocab.ids), notation


def test_english_and_chinese_labels_are_apart_and_chinese_text_carries_its_language(files):
    for path in ("entity/jufe.html", "entity/jx-scoe-alliance.html", "ontology.html", "vocab/alliance-role.html", "institutions.html", "entity/jiangxi.html"):
        p = page(files, path)
        assert not p.unmarked_chinese, (path, p.unmarked_chinese[:3])
    assert "agreement协议" not in files["ontology.html"].decode()


def test_a_source_page_lists_every_fact_that_cites_it(files, seed_kg):
    p = page(files, "entity/xinhua-jiangxi-scoe-alliance.html")
    quoted = {r["fact"].compact.removeprefix("res:") for r in seed_kg.query("site-quotes", source="xinhua-jiangxi-scoe-alliance")}
    assert len(quoted) > 10
    for fact in quoted:
        assert fact in p.ids, fact
    assert "Jiangxi University of Finance and Economics serves as the alliance's chair institution" in p.text("mem-jufe-jx-scoe-alliance-chair")


def test_every_relative_link_resolves_and_nothing_is_fetched_from_the_network(files):
    missing = []
    light = sorted(p for p in files if p.startswith("entity/moe-"))[50:]  # thousands of pages of one template: fifty of them suffice
    for path, data in files.items():
        if not path.endswith(".html") or path in light:
            continue
        p = Page(data.decode("utf-8"))
        html = data.decode("utf-8")
        for tag in re.findall(r"<(?:link|script|img)\b[^>]*>", html):
            assert not re.search(r'(?:src|href)="(?:https?:)?//', tag), (path, tag)
        for link in p.links:
            if re.match(r"^[a-z]+:", link):
                continue
            target, _, anchor = link.partition("#")
            target = target.split("?", 1)[0]
            resolved = os.path.normpath(os.path.join(os.path.dirname(path), target)) if target else path
            if resolved not in files:
                missing.append((path, link))
            elif anchor and resolved.endswith(".html") and resolved == path and anchor not in p.ids:
                missing.append((path, link))
    assert not missing, missing[:10]


def test_reference_institutions_get_a_light_page_and_their_province_lists_them(files):
    p = page(files, "entity/moe-3636000312.html")  # a college of the MOE list no article names
    assert "上饶幼儿师范高等专科学校" in p.text() and "A reference record" in p.text()
    assert "3636000312" in p.text("details") and "Shangrao City" in p.text("details")
    assert "List of ordinary higher-education institutions of China, as of 2025-06-20" in p.text("record-sources")
    assert len([path for path in files if path.startswith("entity/moe-")]) > 2800
    assert "A reference record" not in page(files, "entity/jufe.html").text()
    jiangxi = page(files, "entity/jiangxi.html")
    assert "上饶幼儿师范高等专科学校" in jiangxi.text("institutions") and "3636000312" in jiangxi.text("institutions")
    assert "江西财经大学" in jiangxi.text("institutions") and "4136010421" in jiangxi.text("institutions")


def test_the_search_index_holds_names_in_both_scripts_and_pinyin(files):
    index = files["static/search-index.js"].decode("utf-8")
    entry = re.search(r'\["entity/jufe.html",[^\]]*\]', index).group(0)
    assert "江西财经大学" in entry and "jiang xi cai jing da xue" in entry and "jxcjdx" in entry and "4136010421" in entry
    assert pinyin("太原理工大学") == ("tai yuan li gong da xue", "tylgdx")


def test_the_query_catalogue_has_a_page_per_library_query(files):
    listing = page(files, "queries.html")
    for name, q in catalog.library().items():
        assert name in listing.ids
        qp = page(files, f"query/{name}.html")
        assert q.summary in qp.text()
        for param in q.params:
            assert f"p-{param.name}" in qp.ids
    form = files["query/role-holders-on.html"].decode()
    assert 'name="date" type="date" required' in form
    assert '<option value="rotating-chair">' in form


def test_the_same_graph_gives_the_same_bytes_under_any_hash_seed(built_checkout, tmp_path, files):
    """`cheikg site` in another process, under another hash seed, writes the bytes render_site made here
    from the same records (in a store in memory, where the command reads the build on disk)."""
    seed = "2" if os.environ.get("PYTHONHASHSEED") == "1" else "1"  # this process's seed is another (random unless set)
    out = tmp_path / "site"
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run([sys.executable, "-m", "cheikg", "site", "-o", str(out)], cwd=built_checkout, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert re.match(r"Wrote .*site: \d+ entity pages, \d+ pages in all\n$", done.stdout)
    written = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert len(written) > 3000
    assert written.pop(MARKER) and written.keys() == files.keys()
    assert [k for k in files if written[k] != files[k]] == []


def test_the_folder_is_replaced_whole_and_only_when_it_is_a_site(tmp_path):
    out = tmp_path / "site"
    write_site({"index.html": b"one", "entity/a.html": b"a"}, out)
    assert (out / MARKER).is_file()
    write_site({"index.html": b"two"}, out)
    assert (out / "index.html").read_bytes() == b"two" and not (out / "entity").exists()
    mine = tmp_path / "notes"
    mine.mkdir()
    (mine / "thesis.txt").write_text("mine")
    with pytest.raises(UsageError, match="already holds files that are not a site cheikg wrote"):
        write_site({"index.html": b"x"}, mine)
    assert (mine / "thesis.txt").read_text() == "mine" and not (mine / "index.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes", "site"]  # no staging folder left behind


def test_cli_refuses_a_folder_of_the_users_with_exit_2(checkout):
    (checkout / "docs").mkdir()
    (checkout / "docs" / "paper.md").write_text("draft")
    done = subprocess.run([sys.executable, "-m", "cheikg", "site", "-o", "docs"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 2
    assert done.stderr == "Error: docs already holds files that are not a site cheikg wrote; give a new or empty folder (cheikg replaces only its own sites)\n"
    assert (checkout / "docs" / "paper.md").read_text() == "draft"


def test_values_are_escaped_and_only_web_addresses_become_links():
    from cheikg.site.ontology import Text
    from cheikg.site.render import Renderer
    from cheikg.site.values import Lit, Ref, Web

    r = Renderer("../")
    assert r.value(Web("javascript:alert(1)")) == "javascript:alert(1)"
    assert r.value(Web("https://ror.org/03efmyj29", "ROR 03efmyj29")) == '<a class="web" href="https://ror.org/03efmyj29">ROR 03efmyj29</a>'
    assert r.value(Lit("<script>x</script> 理事长")) == '&lt;script&gt;x&lt;/script&gt; <span lang="zh">理事长</span>'
    assert r.value(Ref("a", Text('A "b"', "乙"), "entity/a.html")) == '<a href="../entity/a.html"><span class="en">A &#34;b&#34;</span> <span class="zh" lang="zh">乙</span></a>'

