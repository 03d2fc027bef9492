"""Records to a validated graph, an embedded store and a dump: the library behind `build`.

Layout of a build directory::

    build/graph/store/      the pyoxigraph store the queries run on
    build/graph/cheikg.ttl  the deterministic Turtle dump
    build/graph/manifest.json  fingerprint of the records it was built from, counts

A build is written to ``build/graph.new`` and swapped in by renaming, so a
failed or interrupted build never leaves a half-written graph behind.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import json
import shutil
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from cheikg import __version__
from cheikg.loaders.graph import INDEX_FORMAT, Index, Origin, Triple, Vocab, records_to_graph, to_graph
from cheikg.loaders.quotes import Article, body, check_quotes
from cheikg.loaders.records import decode, is_record_file, read_paths
from cheikg.loaders.statements import merge_statements, settle_required
from cheikg.loaders.reference import Tables, attach_keys, claim, read_tables, reference_graph, reference_index
from cheikg.namespaces import RES
from cheikg.paths import display_path

from .errors import BuildMissingError, ChangedWhileReadingError, InputError, UsageError
from .export import WRITERS, Lines, unsorted_lines, write_turtle
from .findings import Finding
from .lock import data_lock
from .resolver import did_you_mean
from .progress import Progress, step
from .resources import ontology_texts
from .shacl import FastShaclUnsupported
from .shacl.load import ill_typed_made_valid, rewritten_literals
from .store import EmbeddedStore
from .validation import Report, merge, run_shacl

GRAPH_DIR = "graph"
REFERENCE_DIR = "reference"
ARTICLES_DIR = "articles"
DUMP_NAME = "cheikg.ttl"
INDEX_NAME = "index.json"

@contextlib.contextmanager
def paused_gc():
    """Without the cyclic garbage collector for a while.

    Reading and mapping a million triples' records makes tens of millions of small
    objects and almost no garbage cycles, and the collector's passes over them were
    more than half of the time of such a build (benchmarks/README.md).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@functools.cache
def ontology_graph() -> Graph:
    """The ontology and its vocabularies: part of every built graph, so labels of roles and types are queryable."""
    g = Graph()
    for _name, text in ontology_texts():
        g.parse(data=text, format="turtle")
    return g


@functools.cache
def vocabulary() -> Vocab:
    """Concept IRIs by scheme notation and concept notation, read from vocabularies.ttl."""
    onto = ontology_graph()
    out: Vocab = {}
    for concept, scheme in onto.subject_objects(SKOS.inScheme):
        notation = onto.value(concept, SKOS.notation)
        scheme_notation = onto.value(scheme, SKOS.notation)
        if notation is not None and scheme_notation is not None:
            out.setdefault(str(scheme_notation), {})[str(notation)] = concept  # type: ignore[assignment]
    return out


@dataclass
class Compiled:
    """Records read and mapped: their triples (with the ontology's), where each node came from, what is wrong.

    ``triples`` may repeat a triple (the store and ``graph`` keep one); ``graph``
    is made on first use, since a build writes the store from the list.
    """

    triples: list[Triple]
    origins: dict[str, Origin]
    findings: list[Finding]
    index: Index
    record_nodes: list[URIRef] = field(default_factory=list)

    @functools.cached_property
    def graph(self) -> Graph:
        return to_graph(self.triples)


def compile_records(
    paths: list[Path], *, context: Index | None = None, with_ontology: bool = True, reference: list[Path] | None = None,
    articles: Path | None = None, progress: Progress | None = None
) -> Compiled:
    """Read record files (and reference tables) and map them to a graph. Unreadable files raise InputError (exit 3).

    A curated record that states a code is the reference entity with that code
    (cheikg.loaders.reference); the other reference entities are context the
    records may refer to by id.
    """
    with step(progress, "reading records", total=len(paths) + len(reference or []), unit="files"):
        result = read_paths(paths)
        tables, unreadable = read_reference(reference or [])
    if result.unreadable or unreadable:
        raise InputError(result.unreadable + unreadable)
    with step(progress, "mapping records to RDF", total=len(result.records), unit="records"):
        return _mapped(result, tables, context, with_ontology, articles)


def _mapped(result, tables: Tables, context: Index | None, with_ontology: bool, articles: Path | None) -> Compiled:
    merged = merge_statements(result.records)  # records sharing an id are one entity
    findings = settle_required(result.findings, merged)
    if articles is not None:
        findings += check_quotes(merged.records, read_articles(merged.records, articles))
    claims = None
    if tables:
        claims = claim(tables, merged.records)
        ref_index, claimed = reference_index(tables, claims)
        if context is not None:
            ref_index.entries.update(context.entries)
        context = ref_index
    loaded = records_to_graph(merged, vocabulary(), context=context, did_you_mean=did_you_mean)
    triples = loaded.triples
    if tables and claims is not None:
        attach_keys(loaded.index, merged.records, claimed)
        ref = reference_graph(tables, claims, referenced_ids(triples))
        triples.extend(ref.triples)
        findings += ref.findings
    if with_ontology:
        triples.extend(ontology_graph())
    nodes = [URIRef(n) for n in loaded.origins]
    return Compiled(triples, loaded.origins, findings + loaded.findings, loaded.index, nodes)


def referenced_ids(triples: Iterable[Triple]) -> set[str]:
    """The ids of the resources the triples point at (objects under res:): the reference entities to include."""
    prefix = str(RES)
    return {o[len(prefix):] for _s, _p, o in triples if type(o) is URIRef and o.startswith(prefix)}


def compile_data(data_dir: Path, *, with_ontology: bool = True, articles: Path | None = None, progress: Progress | None = None) -> Compiled:
    """The records of a data directory with its reference tables; quotes checked against the article texts
    in ``articles`` (default: the data directory's articles/ folder)."""
    return compile_records(record_files(data_dir), with_ontology=with_ontology, reference=reference_tables(data_dir),
                           articles=articles or articles_dir(data_dir), progress=progress)


def articles_dir(data_dir: Path) -> Path:
    """Where a data directory keeps the texts of its articles (a source's `file` is relative to it)."""
    return data_dir / ARTICLES_DIR


def read_articles(records: list, folder: Path, files: dict[str, str | None] | None = None) -> dict[str, Article]:
    """The text of every source record's file (and of the stored sources in ``files``: id -> file), where it is at hand."""
    wanted = dict(files or {})
    for rec in records:
        if rec.kind is not None and rec.kind.name == "source" and rec.id:
            wanted[rec.id] = rec.values.get("file")  # type: ignore[assignment]
    out = {}
    for sid, name in wanted.items():
        text = None
        if name:
            path = folder / name
            try:
                if path.resolve().is_relative_to(folder.resolve()) and path.is_file():
                    text = body(path.read_text(encoding="utf-8-sig"))
            except (OSError, UnicodeDecodeError):
                text = None
        out[sid] = Article(name, text, display_path(folder))
    return out


def read_reference(paths: list[Path]) -> tuple[Tables, list[Finding]]:
    """The reference tables; a table that cannot be read is a finding (exit 3)."""
    files = []
    problems: list[Finding] = []
    for path in paths:
        name = display_path(path)
        text, found = decode(name, path.read_bytes())
        if text is None:
            problems += found
        else:
            files.append((name, text))
    tables, found = read_tables(files)
    return tables, problems + found


def directory_index(data_dir: Path) -> Index:
    """The ids, names and codes of every record and reference entity of ``data_dir``, without building a graph (for `resolve`)."""
    result = read_paths(record_files(data_dir))
    tables, unreadable = read_reference(reference_tables(data_dir))
    if result.unreadable or unreadable:
        raise InputError(result.unreadable + unreadable)
    merged = merge_statements(result.records)
    ref_index, claimed = reference_index(tables, claim(tables, merged.records))
    index, _findings = Index.of(merged, ref_index)
    attach_keys(index, merged.records, claimed)
    return index


def record_files(data_dir: Path) -> list[Path]:
    """The record files of a data directory; the tables of its reference/ folder are read by the reference loader."""
    return sorted(p for p in data_dir.rglob("*") if p.is_file() and is_record_file(p) and not is_reference_table(p))


def is_reference_table(path: Path) -> bool:
    """A table of a reference/ folder (every Chinese HEI, places, countries, world universities): no record file."""
    return path.suffix == ".csv" and path.parent.name == REFERENCE_DIR


def reference_tables(data_dir: Path) -> list[Path]:
    """data/reference/*.csv, read by the reference loader (see data/reference/README.md)."""
    return sorted((data_dir / REFERENCE_DIR).glob("*.csv"))


def fingerprint(data_dir: Path) -> str:
    """What a build depends on: every record file's name and bytes, and the cheikg version."""
    h = hashlib.sha256(f"{__version__}/index-{INDEX_FORMAT}".encode())  # a build of another index format is rebuilt
    for name, text in ontology_texts():
        h.update(name.encode() + b"\0" + text.encode())
    for path in record_files(data_dir) + reference_tables(data_dir):
        h.update(path.relative_to(data_dir).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


@dataclass
class BuildResult:
    counts: dict[str, int]
    triples: int
    report: Report
    written: bool
    graph_dir: Path


_CLASS_COUNTS = """SELECT ?class (COUNT(?node) AS ?n) WHERE {
  ?node a ?class FILTER(STRSTARTS(STR(?node), "%s"))
} GROUP BY ?class""" % RES


def class_counts(store: EmbeddedStore) -> dict[str, int]:
    """Instances per class among our resources, for the build summary."""
    counts: Counter[str] = Counter()
    for cls, n in store.select(_CLASS_COUNTS).terms:
        counts[_short(cls.value)] += int(n.value)
    return dict(sorted(counts.items()))


def _short(iri) -> str:
    from cheikg.queries.results import Term

    return Term("iri", str(iri)).compact()


def build(data_dir: Path, build_dir: Path, *, validate: bool = True, allow_invalid: bool = False, notify=None, articles: Path | None = None,
          progress: Progress | None = None) -> BuildResult:
    """Compile the records, validate them, and write store + dump atomically.

    With violations the previous build is kept and nothing is written, unless
    ``allow_invalid``. ``progress`` hears of each step (cheikg.progress).
    """
    if not data_dir.is_dir():
        raise UsageError(f"the data directory {display_path(data_dir)} does not exist; give --data DIR")
    files = record_files(data_dir)
    if not files:
        raise UsageError(f"no record files (.yaml, .csv) in {display_path(data_dir)}")
    with data_lock(data_dir, notify=notify), paused_gc():
        return _build(data_dir, build_dir, validate, allow_invalid, articles, progress)


def compile_stamped(data_dir: Path, articles: Path | None = None, progress: Progress | None = None) -> tuple[Compiled, str]:
    """The records compiled, with the fingerprint of exactly what was read.

    Writers of data/ hold its lock (cheikg.lock) while a build reads; a file edited by other means
    meanwhile would make the build stamp records it never read as built, so that is refused.
    """
    stamp = fingerprint(data_dir)
    compiled = compile_data(data_dir, articles=articles, progress=progress)
    if fingerprint(data_dir) != stamp:
        raise ChangedWhileReadingError(f"the records in {display_path(data_dir)} changed while they were being read; nothing was built: run the command again")
    return compiled, stamp


def _build(data_dir: Path, build_dir: Path, validate: bool, allow_invalid: bool, articles: Path | None, progress: Progress | None = None) -> BuildResult:
    compiled, stamp = compile_stamped(data_dir, articles, progress)
    report = Report(list(compiled.findings))
    staged = _Staged.load(compiled.triples, build_dir, to_validate=validate, progress=progress)  # empties compiled.triples
    try:
        counts = class_counts(staged.store)
        if validate:
            # the records' own nodes are validated, on the staged store: the reference entities they refer
            # to are context; the reference data as a whole is validated by tests/test_reference.py.
            # The fast engine: pySHACL with focus nodes misses sh:node and sh:or results on values
            # (tests/test_fastshacl.py); it is the fallback where the fast engine refuses.
            with step(progress, "validating", total=len(compiled.record_nodes), unit="nodes"):
                try:
                    shacl = staged.validate(compiled.origins, compiled.record_nodes)
                except FastShaclUnsupported:
                    shacl = run_shacl(staged.graph(), compiled.origins, focus=compiled.record_nodes, engine="pyshacl")
            report = Report(merge(report.findings, shacl.findings), shacl.shacl)
        write = allow_invalid or not report.fails("violation")
        index = compiled.index.to_json(data_dir) if write else None  # only a written build needs it
        del compiled  # origins and index are a fifth of the memory at a million triples
        if write:
            stored, written = staged.finish(stamp, index, progress), True
        else:
            stored, written = len(set(staged.nt)), False
            staged.drop()
    except BaseException:
        staged.drop()
        raise
    return BuildResult(counts, stored, report, written, build_dir / GRAPH_DIR)


def validation_graph(compiled: Compiled) -> Graph:
    """:func:`validation_triples` as an rdflib graph (for pySHACL)."""
    return to_graph(validation_triples(compiled))


def validation_triples(compiled: Compiled) -> list[Triple]:
    """The records' triples (the reference values of the entities they are included), the triples of the
    reference entities they refer to, and the ontology: what SHACL needs to check the records' nodes.

    Leaving out the ~40,000 triples of the reference entities no record refers to spares the validator
    copying them and looking through them for targets.
    """
    reference = {i for i, e in compiled.index.entries.items() if Path(e.path).parent.name == REFERENCE_DIR}
    prefix = str(RES)
    cut = len(prefix)

    def reference_only(node) -> bool:
        return node.startswith(prefix) and node[cut:].split(".", 1)[0] in reference

    out: list[Triple] = []
    referenced = set()
    about_reference: dict[object, list[Triple]] = {}
    for t in compiled.triples:
        s, _p, o = t
        if reference_only(s):
            about_reference.setdefault(s, []).append(t)
        else:
            out.append(t)
            if type(o) is URIRef and reference_only(o):
                referenced.add(o)
    for node in sorted(referenced):
        out.extend(about_reference.get(node, ()))
    return out


def write_build(triples: Iterable[Triple], build_dir: Path, stamp: str, index: dict | None = None, progress: Progress | None = None) -> int:
    """Write the store, its Turtle dump, the index and the manifest, and swap them in; the number of triples stored.

    A list of triples is emptied once their lines are made: at a million triples
    the rdflib terms are a third of a build's memory, and nothing needs them after.
    """
    return _Staged.load(triples, build_dir, progress=progress).finish(stamp, index, progress)


@dataclass
class _Staged:
    """A build's store written in ``graph.new``, not yet swapped in: validated there, then finished or dropped."""

    build_dir: Path
    store: EmbeddedStore
    nt: list[str]
    changed: dict[str, list[str]]  # literals Oxigraph stores in another form, by predicate (see cheikg.shacl.load)
    scratch: ox.Store | None = None  # the same triples in memory, to validate

    @property
    def new(self) -> Path:
        return self.build_dir / (GRAPH_DIR + ".new")

    @classmethod
    def load(cls, triples: Iterable[Triple], build_dir: Path, *, to_validate: bool = False, progress: Progress | None = None) -> _Staged:
        """The triples into ``graph.new/store``, and with ``to_validate`` into an in-memory store too:
        the fast engine's queries run two to three times faster there than on the disk store."""
        new = build_dir / (GRAPH_DIR + ".new")
        build_dir.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(new, ignore_errors=True)
        new.mkdir()
        ill_typed = ill_typed_made_valid(triples) if isinstance(triples, list) else []
        nt = list(unsorted_lines(triples))
        if isinstance(triples, list):
            triples.clear()  # before the bulk load, which takes half a gigabyte of its own at a million triples
        with step(progress, "loading the store", total=len(nt), unit="triples") as advance:
            stream = _Encoded(nt, advance)
            scratch = ox.Store() if to_validate else None
            store = EmbeddedStore.create(new / "store", stream if scratch is None else _also_into(scratch, stream))
        changed = stream.changed
        for predicate, found in ill_typed:
            changed.setdefault(predicate, []).append(found)
        return cls(build_dir, store, nt, changed, scratch)

    def graph(self) -> Graph:
        """The staged triples as an rdflib graph, for pySHACL where the fast engine refuses (slow, and rare)."""
        return Graph().parse(data="".join(self.store.lines()), format="nt")

    def validate(self, origins: dict[str, Origin], focus: list[URIRef]) -> Report:
        """The fast SHACL engine on the in-memory copy loaded with the store (else on the staged store itself).

        Raises FastShaclUnsupported where it cannot run (the caller falls back to pySHACL)."""
        from .shacl.load import Loaded

        data = self.scratch if self.scratch is not None else self.store.oxigraph
        try:
            return run_shacl(Loaded(data, self.changed), origins, focus=focus, engine="fast")
        finally:
            self.scratch = None

    def drop(self) -> None:
        self.store.close()
        shutil.rmtree(self.new, ignore_errors=True)

    def finish(self, stamp: str, index: dict | None, progress: Progress | None = None) -> int:
        with step(progress, "writing the dump"):  # (self.nt repeats lines: the dump's count is known only once written)
            return self._finish(stamp, index)

    def _finish(self, stamp: str, index: dict | None) -> int:
        new, build_dir = self.new, self.build_dir
        # the dump is what the store holds, so it has the bytes of `cheikg export`: the lines written (one
        # sort), unless Oxigraph stores a typed literal in another, canonical form; then the store's own
        # lines (reading a store back costs as much as loading it)
        lines = Lines.from_unsorted(set(self.nt)) if not self.changed else self.store.lines()
        self.nt = []
        write_turtle(lines, new / DUMP_NAME)
        self.store.close()
        manifest = {"fingerprint": stamp, "triples": len(lines), "cheikg": __version__}
        # the ids, names and digests of the stored records: what a submission is checked against
        (new / INDEX_NAME).write_text(json.dumps(index or {}, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
        (new / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        graph_dir, old = build_dir / GRAPH_DIR, build_dir / (GRAPH_DIR + ".old")
        recover(build_dir)
        shutil.rmtree(old, ignore_errors=True)
        if graph_dir.exists():
            graph_dir.rename(old)
        new.rename(graph_dir)
        shutil.rmtree(old, ignore_errors=True)
        return len(lines)


def _also_into(store: ox.Store, chunks: Iterable[bytes]) -> Iterator[bytes]:
    for chunk in chunks:
        store.bulk_load(chunk, ox.RdfFormat.N_TRIPLES)
        yield chunk


class _Encoded:
    """N-Triples lines as encoded chunks for the store's bulk load (see EmbeddedStore.create), each
    checked on the way for literals Oxigraph would store in another form."""

    CHUNK = 100_000

    def __init__(self, lines: list[str], advance=None):
        self._lines = lines
        self._advance = advance
        self.changed: dict[str, list[str]] = {}

    def __iter__(self) -> Iterator[bytes]:
        for start in range(0, len(self._lines), self.CHUNK):
            chunk = "".join(self._lines[start : start + self.CHUNK]).encode()
            for predicate, found in rewritten_literals(chunk).items():
                self.changed.setdefault(predicate, []).extend(found)
            yield chunk
            if self._advance is not None:  # asked for the next chunk: this one is loaded
                self._advance(min(start + self.CHUNK, len(self._lines)))


def recover(build_dir: Path) -> None:
    """Finish a swap that was interrupted between its two renames."""
    graph_dir, old = build_dir / GRAPH_DIR, build_dir / (GRAPH_DIR + ".old")
    if not graph_dir.exists() and old.exists():
        old.rename(graph_dir)


def is_current(data_dir: Path, build_dir: Path) -> bool:
    manifest = build_dir / GRAPH_DIR / "manifest.json"
    try:
        return json.loads(manifest.read_text(encoding="utf-8")).get("fingerprint") == fingerprint(data_dir)
    except (OSError, ValueError):
        return False


def open_store(data_dir: Path, build_dir: Path, *, rebuild: bool = True, notify=None, progress: Progress | None = None) -> EmbeddedStore:
    """The built store; rebuilt first (without SHACL) when the records changed since the last build."""
    recover(build_dir)
    store_dir = build_dir / GRAPH_DIR / "store"
    if not _current(data_dir, build_dir):
        if not rebuild:
            raise BuildMissingError(f"no current build in {display_path(build_dir)}; run `cheikg build` first")
        with data_lock(data_dir, notify=notify):
            if not _current(data_dir, build_dir):  # another process may have built it while we waited
                if notify:
                    what = "changed since the last build" if (build_dir / GRAPH_DIR / "manifest.json").exists() else "have not been built yet"
                    notify(f"note: the records in {display_path(data_dir)} {what}; building the graph into {display_path(build_dir)} (run `cheikg build` to validate it)")
                with paused_gc():
                    compiled, stamp = compile_stamped(data_dir, progress=progress)
                    write_build(compiled.triples, build_dir, stamp, compiled.index.to_json(data_dir), progress)
    return EmbeddedStore.open(store_dir)


def _current(data_dir: Path, build_dir: Path) -> bool:
    return is_current(data_dir, build_dir) and (build_dir / GRAPH_DIR / INDEX_NAME).exists()


def stored_index(data_dir: Path, build_dir: Path) -> Index:
    """The index of the stored records, from the current build (open_store first)."""
    data = json.loads((build_dir / GRAPH_DIR / INDEX_NAME).read_text(encoding="utf-8"))
    where = functools.lru_cache(maxsize=None)(lambda rel: display_path(data_dir / rel))  # a few files, 1e5 entries
    return Index.from_json(data, where)


def export_text(data_dir: Path, build_dir: Path, fmt: str, *, notify=None, progress: Progress | None = None) -> str:
    """The current build in ``fmt`` (rebuilt first if the records changed): what `cheikg export` writes.

    Turtle (and TriG, which is the same text) is the dump the build wrote from its
    store, which has the bytes an export from the store would have (a test checks
    it); the other formats are written from the store's sorted lines.
    """
    if fmt not in WRITERS:
        raise UsageError(f"unknown format '{fmt}'; choose one of {', '.join(WRITERS)}")
    store = open_store(data_dir, build_dir, notify=notify, progress=progress)
    dump = build_dir / GRAPH_DIR / DUMP_NAME
    if fmt in ("turtle", "trig") and dump.is_file():
        return dump.read_text(encoding="utf-8")
    return WRITERS[fmt](store.lines())


def read_dump(build_dir: Path) -> Graph:
    dump = build_dir / GRAPH_DIR / DUMP_NAME
    if not dump.exists():
        raise BuildMissingError(f"no built graph in {display_path(build_dir)}; run `cheikg build` first")
    g = Graph()
    g.parse(dump, format="turtle")
    return g

