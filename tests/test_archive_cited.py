"""Every archived article is cited in the built graph (issue 19's "done when").

The archive (data/articles/{seeds,sources,sources-2}) is what the curators read; an article there
that no source record names, or whose source no fact cites, is an article whose facts never made
it into data/. The expected list is the archive on disk, so a new article archived without being
curated fails here.
"""

from __future__ import annotations

from pathlib import Path

from conftest import texts

ARTICLES = Path(__file__).resolve().parent.parent / "data" / "articles"


def archived() -> set[str]:
    return {p.relative_to(ARTICLES).as_posix() for p in ARTICLES.glob("*/*.txt")}


def test_the_archive_holds_the_three_batches():
    batches = {name.split("/")[0] for name in archived()}
    assert batches == {"seeds", "sources", "sources-2"}
    assert len([n for n in archived() if n.startswith("sources-2/")]) == 25


def test_every_archived_article_is_a_source_cited_by_facts(corpus_kg):
    cited = {r["file"]: int(r["facts"]) for r in texts(corpus_kg.query("sources")) if r["file"]}
    assert sorted(archived() - cited.keys()) == []
    assert sorted(f for f, n in cited.items() if n == 0) == []
    # and no source names a file the archive lacks (a typo would leave its quotes unchecked)
    assert sorted(cited.keys() - archived()) == []
