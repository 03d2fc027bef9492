"""Shared fixtures: the seed graph compiled once per session, in memory."""

from __future__ import annotations

from pathlib import Path

import pytest

from cheikg.api import KnowledgeGraph
from cheikg.build import compile_data, record_files
from cheikg.loaders.records import read_paths
from cheikg.export import to_ntriples

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


def texts(answer) -> list[dict[str, str | None]]:
    """An answer's rows as their RDF terms' text (IRIs in prefixed form): the exact lexical answers the query tests compare."""
    return [{c: (t.compact() if t is not None else None) for c, t in zip(answer.columns, row)} for row in answer.terms]


def is_corpus_file(path: Path) -> bool:
    """A file of the curated corpus (data/facts/005-... onwards) rather than of the five seed articles."""
    return path.parent.name == "facts" and path.name[:3].isdigit() and int(path.name[:3]) >= 5


def seed_files() -> list[Path]:
    """The five seed articles and the entity files: the graph the query tests know by heart, which the
    corpus growing does not move (records citing a corpus article keep their seed facts)."""
    return [p for p in record_files(DATA) if not is_corpus_file(p)]


@pytest.fixture(autouse=True)
def _crash_reports_in_a_temporary_folder(tmp_path_factory, monkeypatch):
    """A test that makes cheikg crash on purpose writes its report here, not in the user's state folder."""
    monkeypatch.setenv("CHEIKG_CRASH_DIR", str(tmp_path_factory.getbasetemp() / "crashes"))


@pytest.fixture(scope="session")
def seed_data(tmp_path_factory) -> Path:
    """The seed records and the reference tables as a data directory (copy_seed_data)."""
    return copy_seed_data(tmp_path_factory.mktemp("seed") / "data")


@pytest.fixture(scope="session")
def seed_compiled(seed_data):
    """The seed records with the shipped reference tables, compiled to a graph (with the ontology and vocabularies)."""
    return compile_data(seed_data)


@pytest.fixture(scope="session")
def corpus_compiled():
    """Everything shipped in data/: seed articles, the curated corpus and the reference tables."""
    return compile_data(DATA)


@pytest.fixture(scope="session")
def corpus_kg(corpus_compiled) -> KnowledgeGraph:
    return KnowledgeGraph.in_memory(to_ntriples(corpus_compiled.graph).encode())


def copy_seed_data(dest: Path) -> Path:
    """A data directory holding the seed records and the reference tables, as a checkout would before the corpus.

    Entity records (organizations.yaml ...) may also cite corpus articles; those citations are left out
    of the copy, since the articles are not in it.
    """
    import shutil

    from cheikg.loaders.records import _yaml

    files = seed_files()
    for path in files:
        target = dest / path.relative_to(DATA)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target)
    shutil.copytree(DATA / "reference", dest / "reference", dirs_exist_ok=True)
    shutil.copytree(DATA / "articles", dest / "articles", dirs_exist_ok=True)
    known = {r.id for r in read_paths(files).records if r.kind is not None and r.kind.name == "source"}
    y = _yaml()
    for path in files:
        target = dest / path.relative_to(DATA)
        doc = y.load(target.read_text(encoding="utf-8"))
        changed = False
        for items in (doc or {}).values():
            for item in items or []:
                cited = item.get("sources") if hasattr(item, "get") else None
                if cited:
                    kept = [c for c in cited if c.get("source") in known]
                    if len(kept) != len(cited):
                        cited[:] = kept
                        changed = True
        if changed:
            with target.open("w", encoding="utf-8") as fh:
                y.dump(doc, fh)
    return dest


@pytest.fixture(scope="session")
def seed_kg(seed_compiled) -> KnowledgeGraph:
    """The seed graph in an in-memory embedded store, for library queries."""
    return KnowledgeGraph.in_memory(to_ntriples(seed_compiled.graph).encode())


@pytest.fixture(scope="session")
def built_checkout(tmp_path_factory) -> Path:
    """A checkout-like folder with ./data (the seed records and reference tables) and a current ./build, made once."""
    from cheikg.build import open_store

    root = tmp_path_factory.mktemp("checkout")
    copy_seed_data(root / "data")
    open_store(root / "data", root / "build")
    return root


@pytest.fixture()
def checkout(built_checkout, tmp_path, monkeypatch) -> Path:
    """A fresh copy of ``built_checkout`` as the working directory; its build is current, so nothing rebuilds."""
    import shutil

    shutil.copytree(built_checkout / "data", tmp_path / "data")
    shutil.copytree(built_checkout / "build", tmp_path / "build")
    monkeypatch.chdir(tmp_path)
    return tmp_path


# A small curated record set over the shipped reference tables: answers that do not move when the
# curators add records to data/. The facts are the Jiangxi seed article's (seeds/002), the Shanxi
# article's host TYUT, and places the reference tables name; references use reference ids
# (moe-<code>, uts-edu-au, cn-330481) where no curated record exists.
REFERENCE_FIXTURE = """\
sources:
  - id: xinhua-jiangxi-scoe-alliance
    title: {en: "Jiangxi Province Establishes Provincial Alliance to Boost High-Quality Development of Sino-Foreign Cooperative Education"}
    type: news-article
    publisher: 新华网
    published: 2025-12-18
    language: en
    file: seeds/002_74dae8fb773deb7c.txt
places:
  - id: jiangxi
    name: {en: Jiangxi Province, zh: 江西省}
    type: province
    within: cn
    division_code: "360000"
  - id: hubei
    name: {en: Hubei Province, zh: 湖北省}
    type: province
    within: cn
    division_code: "420000"
  - id: taiyuan
    name: {en: Taiyuan City, zh: 太原市}
    type: city
    division_code: "140100"
organizations:
  - id: tyut
    name: {en: Taiyuan University of Technology, zh: 太原理工大学}
    acronyms: [TYUT]
    type: university
    country: cn
    moe_code: "4114010112"
    source: xinhua-jiangxi-scoe-alliance
  - id: jufe
    name: {en: Jiangxi University of Finance and Economics, zh: 江西财经大学}
    type: university
    country: cn
    moe_code: "4136010421"
    source: xinhua-jiangxi-scoe-alliance
alliances:
  - id: jx-scoe-alliance
    name: {en: Jiangxi Provincial Alliance for Sino-Foreign Cooperative Education}
    scope: [jiangxi]
    source: xinhua-jiangxi-scoe-alliance
    quote: "On November 18, the Jiangxi Provincial Alliance for Sino-Foreign Cooperative Education was officially inaugurated in Nanchang."
memberships:
  - id: mem-jufe-chair
    member: jufe
    organization: jx-scoe-alliance
    role: chair
    source: xinhua-jiangxi-scoe-alliance
    quote: "Jiangxi University of Finance and Economics serves as the alliance's chair institution, with Nanchang University, Nanchang Hangkong University, and Jiangxi Normal University among its 10 vice-chair institutions."
  - id: mem-ncu-vice-chair
    member: moe-4136010403
    organization: jx-scoe-alliance
    role: vice-chair
    source: xinhua-jiangxi-scoe-alliance
    quote: "Jiangxi University of Finance and Economics serves as the alliance's chair institution, with Nanchang University, Nanchang Hangkong University, and Jiangxi Normal University among its 10 vice-chair institutions."
agreements:
  - id: jufe-uts-agreement
    title: {en: Sino-foreign cooperative education project agreement between Jiangxi University of Finance and Economics and the University of Technology Sydney}
    type: cooperative-education-agreement
    parties:
      - party: jufe
      - party: uts-edu-au
    source: xinhua-jiangxi-scoe-alliance
    quote: "During the conference, a series of high-profile Sino-foreign cooperative education projects were signed, including agreements between Jiangxi University of Finance and Economics and the University of Technology Sydney, Australia, and between Nanchang Hangkong University and Belarusian State University."
"""


@pytest.fixture(scope="session")
def reference_data(tmp_path_factory) -> Path:
    """A data directory: the shipped reference tables (and their sources) with REFERENCE_FIXTURE's records."""
    import shutil

    root = tmp_path_factory.mktemp("reference-data")
    shutil.copytree(DATA / "reference", root / "reference")
    (root / "articles" / "seeds").mkdir(parents=True)
    shutil.copy(DATA / "articles" / "seeds" / "002_74dae8fb773deb7c.txt", root / "articles" / "seeds")
    (root / "records.yaml").write_text(REFERENCE_FIXTURE, encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def reference_compiled(reference_data):
    return compile_data(reference_data)


@pytest.fixture(scope="session")
def reference_kg(reference_compiled) -> KnowledgeGraph:
    return KnowledgeGraph.in_memory(to_ntriples(reference_compiled.graph).encode())


@pytest.fixture(scope="session")
def seed_site(seed_kg) -> dict[str, bytes]:
    """The files of the seed graph's site (cheikg.site.render_site), made once: the same bytes as `cheikg site` on built_checkout."""
    from cheikg.site import render_site

    return render_site(seed_kg.target)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """A headless Chromium (tests/browser.py) for a test module, with a profile of its own."""
    from browser import start_browser

    driver = start_browser(tmp_path_factory.mktemp("chromium-profile"))
    yield driver
    driver.quit()
