"""An ingested file of a sources-2 article still validates clean against data/ without it (issue 19, Tests).

For a sample of the files ``cheikg ingest`` wrote for the articles of ``data/articles/sources-2/``,
data/ is copied without that file and without the files ingested after it that depend on it (that
add to, refer to or cite a record it added, and so on), the copy is built, and the file, stripped of
the ``submissions`` record ingest wrote into it, is submitted again: it must validate with 0
violations and 0 warnings, and ingest (a dry run) must add and extend exactly the records its
submissions record lists, writing the same records as are stored. The copy is all of data/ with its
reference tables and articles, not a seed-size one: a stored record the file adds to, or a name it
must not clash with, is in it as in the real build.

The sample covers files that only add records and files that add to stored records (a submissions
record with ``additions``). Files whose exclusions do not touch one another's dependencies share one
build, which keeps the test to a few builds of the whole of data/.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from cheikg.build import build, record_files, stored_index
from cheikg.ingest import ingest
from cheikg.loaders import schema
from cheikg.loaders.records import Record, read_paths

from conftest import DATA

ARTICLES = "sources-2/"
PER_GROUP = 3  # files sampled among those that only add records, and among those that add to stored ones
MAX_BUILDS = 2  # builds of the whole of data/ the test may take (a few seconds each)


@dataclass(frozen=True)
class Ingested:
    path: Path
    ingested_at: str
    file: str  # the name of the submitted file
    records: tuple[str, ...]  # ids it added
    additions: tuple[str, ...]  # stored ids it added to
    cites: tuple[str, ...]


def _submission(path: Path) -> Ingested | None:
    doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    subs = doc.get("submissions") or []
    if len(subs) != 1:
        return None
    sub = subs[0]
    return Ingested(path, sub["ingested_at"], sub["file"], tuple(sub.get("records") or ()), tuple(sub.get("additions") or ()),
                    tuple(sub.get("cites") or ()))


def _mentions(rec: Record) -> set[str]:
    """Every id a record names: its own (an addition names a stored record), its references and the sources it cites."""
    out = {rec.id} if rec.id else set()
    out |= {c.source for c in rec.values.get("sources") or []}  # type: ignore[union-attr]
    for spec in rec.fields:
        value = rec.values.get(spec.name)
        if spec.type == schema.REF:
            out |= set(value) if isinstance(value, list) else {value} if isinstance(value, str) else set()
        elif spec.type == schema.OBJECTS:
            for item in value or []:  # type: ignore[union-attr]
                out |= _mentions(item)
    return out


class Corpus:
    """The record files of data/, the ingested ones with what they added, and who depends on whom."""

    def __init__(self, data: Path):
        self.files = record_files(data)
        records = read_paths(self.files).records
        self.mentions: dict[Path, set[str]] = {p: set() for p in self.files}
        by_path = {p.resolve(): p for p in self.files}  # records name their files as display paths
        for rec in records:
            if rec.kind is not None and rec.kind.name != "submission":
                self.mentions[by_path[Path(rec.path).resolve()]] |= _mentions(rec)
        source_files = {r.id: r.values.get("file") for r in records if r.kind is not None and r.kind.name == "source"}
        self.ingested = {p: s for p in self.files if p.parent.name == "facts" and (s := _submission(p)) is not None}
        self.of_articles = sorted(
            (s for s in self.ingested.values() if any(str(source_files.get(c) or "").startswith(ARTICLES) for c in s.cites)),
            key=lambda s: (s.ingested_at, s.path.name),
        )

    def depends_on(self, path: Path) -> set[Path]:
        """The files that name a record ``path`` added, directly or through another such file."""
        out: set[Path] = set()
        frontier = [self.ingested[path]]
        while frontier:
            added = set(frontier.pop().records)
            for other, named in self.mentions.items():
                if other != path and other not in out and named & added:
                    out.add(other)
                    if other in self.ingested:
                        frontier.append(self.ingested[other])
        return out

    def needs(self, path: Path) -> set[Path]:
        """The ingested files whose added records ``path`` names (what it was validated against)."""
        named = self.mentions[path]
        return {p for p, s in self.ingested.items() if p != path and named & set(s.records)}


def _spread(items: list, n: int) -> list:
    """The items, n of them spread evenly over the list (first and last included) before the others."""
    if len(items) <= n:
        return list(items)
    first = [items[round(i * (len(items) - 1) / (n - 1))] for i in range(n)]
    return first + [s for s in items if s not in first]


def sample(corpus: Corpus) -> list[tuple[set[Path], list[Ingested]]]:
    """PER_GROUP files that add to stored records and PER_GROUP that only add, spread over the corpus, in at most
    MAX_BUILDS batches: the files of a batch are checked against one build of data/ without all of them and
    their dependents, so none of them may need (name a record added by) a file another one's exclusion removes."""
    out: list[tuple[set[Path], list[Ingested]]] = []
    for group in ([s for s in corpus.of_articles if s.additions], [s for s in corpus.of_articles if not s.additions]):
        taken = 0
        for s in _spread(group, PER_GROUP):
            if taken == PER_GROUP:
                break
            excluded = {s.path} | corpus.depends_on(s.path)
            assert all(p in corpus.ingested for p in excluded), (
                f"{s.path.name}: a file not written by ingest names a record it added: {sorted(p.name for p in excluded if p not in corpus.ingested)}")
            for group_excluded, batch in out:
                if not (corpus.needs(s.path) & group_excluded) and not any(corpus.needs(o.path) & excluded for o in batch):
                    group_excluded |= excluded
                    batch.append(s)
                    taken += 1
                    break
            else:
                if len(out) < MAX_BUILDS:
                    out.append((excluded, [s]))
                    taken += 1
    return out


def _without_submissions(text: str) -> str:
    """The file as submitted: the lines of its top-level `submissions` key removed, every other byte kept."""
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("submissions:"))
    end = next((i for i in range(start + 1, len(lines)) if lines[i][:1] not in (" ", "\n", "#", "")), len(lines))
    return "".join(lines[:start] + lines[end:])


CORPUS = Corpus(DATA)
BATCHES = sample(CORPUS)
SAMPLE = sorted((s for _excluded, batch in BATCHES for s in batch), key=lambda s: (s.ingested_at, s.path.name))


def test_the_sample_covers_files_that_add_records_and_files_that_add_to_stored_ones():
    for adds in (True, False):
        available = [s for s in CORPUS.of_articles if bool(s.additions) is adds]
        chosen = [s.path.name for s in SAMPLE if bool(s.additions) is adds]
        assert available and len(chosen) == min(PER_GROUP, len(available)), (adds, chosen)


@pytest.fixture(scope="module")
def checked(tmp_path_factory) -> dict[str, tuple]:
    """Each sampled file's dry-run ingest against a build of data/ without it, with the build's index."""
    out = {}
    for n, (excluded, group) in enumerate(BATCHES):
        root = tmp_path_factory.mktemp(f"without-{n}")
        data = root / "data"
        left_out = {p.resolve() for p in excluded}
        shutil.copytree(DATA, data, ignore=lambda folder, names, left_out=left_out: [m for m in names if Path(folder, m).resolve() in left_out])
        built = build(data, root / "build")
        assert (built.report.count("violation"), built.report.count("warning")) == (0, 0), [f.message for f in built.report.findings][:5]
        index = stored_index(data, root / "build")
        for s in group:
            submitted = root / "submitted" / s.file
            submitted.parent.mkdir(parents=True, exist_ok=True)
            submitted.write_text(_without_submissions(s.path.read_text(encoding="utf-8")), encoding="utf-8")
            out[s.path.name] = (ingest([submitted], data, root / "build", dry_run=True), index, sorted(p.name for p in excluded))
            submitted.unlink()
    return out


@pytest.mark.parametrize("ingested", SAMPLE, ids=lambda s: s.path.name)
def test_the_file_validates_clean_against_data_without_it(checked, ingested):
    result, index, excluded = checked[ingested.path.name]
    assert ingested.path.name in excluded
    assert not [i for i in ingested.records if i in index.entries], "the build still holds the records the file added"
    assert all(index.entries[i].stored for i in ingested.additions), "a record the file adds to is not stored without it"
    findings = [(f.severity, f.record, f.message) for f in result.report.findings if f.severity in ("violation", "warning")]
    assert findings == []


@pytest.mark.parametrize("ingested", SAMPLE, ids=lambda s: s.path.name)
def test_ingest_would_add_and_extend_the_records_stored(checked, ingested):
    result, _index, _excluded = checked[ingested.path.name]
    # the stored file groups records by kind, the submission had them in the curator's order: compare the sets
    assert sorted(r.id for r in result.added) == sorted(ingested.records)
    assert sorted({r.id for r in result.extended}) == sorted(ingested.additions)
    assert result.unchanged == []
    again = yaml.safe_load(result.text)
    stored = yaml.safe_load(ingested.path.read_text(encoding="utf-8"))
    (sub,), (stored_sub,) = again.pop("submissions"), stored.pop("submissions")
    assert again == stored
    assert sub["file"] == stored_sub["file"] and sub.get("cites") == stored_sub.get("cites")
