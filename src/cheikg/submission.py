"""Validate a submission (record files, or RDF) in the context of the stored graph.

Incremental: the submission's records are mapped to a graph of their own; the
stored records take part only through the build's index (ids, names, digests
and natural keys, for references, did-you-mean, duplicates and conflicts) and
through the stored triples about the nodes the submission references, pulled
from the embedded store. SHACL runs on that small graph with the submission's
nodes as focus nodes, so the cost grows with the submission, not the graph.

Validation reads nothing from the network: owl:imports, remote JSON-LD
contexts and XML document type declarations (external entities) are refused
before any parser sees the text.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path

from rdflib import Graph, URIRef

from cheikg.loaders import schema
from cheikg.loaders.graph import Index, LoadResult, records_to_graph
from cheikg.loaders.records import RECORD_SUFFIXES, Record, expand_folder, is_record_file, read_paths
from cheikg.loaders.quotes import check_quotes
from cheikg.loaders.reference import claim, reference_graph
from cheikg.loaders.statements import Merged, merge_statements, settle_required
from cheikg.namespaces import RES

from . import rdf_input
from .build import (articles_dir, is_reference_table, ontology_graph, open_store, paused_gc, read_articles, read_reference, reference_tables,
                    stored_index, vocabulary)
from .resolver import did_you_mean
from .errors import InputError, UsageError
from .findings import Finding
from .paths import display_path
from .validation import Report, merge, run_shacl, shapes_graph

RDF_FORMATS = rdf_input.RDF_FORMATS
SUBMISSION_SUFFIXES = RECORD_SUFFIXES + tuple(RDF_FORMATS)


@dataclass
class Checked:
    """A submission read and checked: its records, their graph, and the report."""

    report: Report
    records: list[Record] = field(default_factory=list)
    loaded: LoadResult | None = None
    files: list[Path] = field(default_factory=list)
    merged: Merged | None = None


def expand(paths: list[Path], unreadable: list[Finding] | None = None, wanted=None) -> list[Path]:
    """The files named and those in the folders named (``wanted`` ones: submission files by default); a path that
    exists but cannot be read or listed goes to ``unreadable`` (exit 3), a missing one is a usage error (exit 2), and
    a file given twice is a usage error (it would state every record twice)."""
    out: list[Path] = []
    unreadable = [] if unreadable is None else unreadable
    wanted = wanted or (lambda q: q.suffix.lower() in SUBMISSION_SUFFIXES and not is_reference_table(q))
    for p in paths:
        try:
            mode = os.stat(p).st_mode
        except (FileNotFoundError, NotADirectoryError):
            raise UsageError(f"{display_path(p)}: no such file or directory") from None
        except OSError as e:
            unreadable.append(Finding(display_path(p), None, f"cannot be read: {e.strerror or e}; check that you may read it", rule="input/io"))
            continue
        if stat.S_ISDIR(mode):
            out += expand_folder(p, wanted, unreadable)
        else:
            out.append(p)
    seen: dict[Path, Path] = {}
    for f in out:
        if not f.is_file():  # a device or a pipe is refused as unreadable, not as given twice
            continue
        if f.resolve() in seen:
            first = display_path(seen[f.resolve()])
            raise UsageError(f"{display_path(f)} is given twice" + (f" (as {first})" if first != display_path(f) else "") + "; give each file once")
        seen[f.resolve()] = f
    return out


def validate_paths(paths: list[Path], data_dir: Path | None, build_dir: Path | None = None, *, shacl: bool = True, notify=None,
                   articles: Path | None = None) -> Report:
    """Check the files against the shapes and the stored records; see :func:`check`."""
    return check(paths, data_dir, build_dir, shacl=shacl, notify=notify, articles=articles).report


def check(paths: list[Path], data_dir: Path | None, build_dir: Path | None = None, *, shacl: bool = True, notify=None,
          articles: Path | None = None) -> Checked:
    """Read and check a submission. Unreadable files raise InputError (exit 3).

    Quotes are checked against the article texts in ``articles`` (default: the data directory's articles/).
    """
    with paused_gc():  # the stored index of a large graph is millions of small objects
        return _check(paths, data_dir, build_dir, shacl, notify, articles)


def _check(paths: list[Path], data_dir: Path | None, build_dir: Path | None, shacl: bool, notify, articles: Path | None = None) -> Checked:
    unreadable: list[Finding] = []
    files = expand(paths, unreadable)
    if not files and not unreadable:
        raise UsageError("no record files (.yaml, .csv) or RDF files (.ttl, .nt, .jsonld, .rdf) to validate")
    record_paths = [f for f in files if is_record_file(f)]
    rdf_paths = [f for f in files if rdf_input.rdf_format(f)]
    unreadable += [
        Finding(display_path(f), None, f"'{f.suffix or f.name}' files are not record files; give .yaml, .csv or RDF (.ttl, .nt, .jsonld, .rdf) files", rule="input/kind")
        for f in files if f not in record_paths and f not in rdf_paths
    ]
    result = read_paths(record_paths)
    unreadable += result.unreadable
    rdf_files: list[rdf_input.RdfFile] = []
    for f in rdf_paths:
        parsed = rdf_input.parse(f)
        if isinstance(parsed, list):
            unreadable += parsed
        else:
            rdf_files.append(parsed)
    if unreadable:
        raise InputError(unreadable)
    rdf = Graph()
    for parsed in rdf_files:
        rdf += parsed.graph

    context, store, tables = None, None, None
    if data_dir is not None and data_dir.is_dir() and any(p.suffix in RECORD_SUFFIXES for p in data_dir.rglob("*")):
        build_dir = build_dir or data_dir.parent / "build"
        store = open_store(data_dir, build_dir, notify=notify)
        context = _without_files(stored_index(data_dir, build_dir), files)
        tables, unreadable = read_reference(reference_tables(data_dir))
        if unreadable:
            raise InputError(unreadable)
    # a record with a stored id is another statement about that record: merged with the stored ones
    stored = _stored_statements(result.records, context)
    known = {i: list(context.entries[i].locations()) for i in {r.id for r in stored}} if context is not None else {}
    merged = merge_statements(result.records, stored, known)
    findings = settle_required(result.findings, merged) + _forged(result.records, data_dir)
    folder = articles or (articles_dir(data_dir) if data_dir is not None else None)
    if folder is not None:
        cited = sorted({c.source for r in merged.records for c in _quoted(r)})
        archived = store.files_of([str(RES[s]) for s in cited if context is not None and s in context.entries]) if store is not None else {}
        findings += check_quotes(merged.records, read_articles(merged.records, folder, {k[len(str(RES)):]: v for k, v in archived.items()}))
    extra: list = []
    if context is not None and tables:
        context, extra, found = _claimed(tables, merged, context)
        findings += found
    loaded = records_to_graph(merged, vocabulary(), context=context, did_you_mean=did_you_mean)
    findings += loaded.findings
    rdf_checked = rdf_input.check(rdf_files, context, store, ontology_graph(), shapes_graph()) if rdf_files else None
    if rdf_checked is not None:
        findings += rdf_checked.findings
    report_graph = None
    if shacl:
        focus = [URIRef(n) for n in loaded.origins] + sorted({s for s in rdf.subjects() if isinstance(s, URIRef)})
        if focus:
            own = loaded.triples + list(rdf)
            data = own + extra + list(ontology_graph())
            origins = loaded.origins if rdf_checked is None else {**rdf_checked.origins, **loaded.origins}
            if store is not None:
                data += list(store.describe(sorted(set(_references(own + extra, context)) | set(rdf_checked.stored if rdf_checked else ()))))
            checked = run_shacl(data, origins, focus=focus, engine="auto")  # see build.py: pySHACL misses nested results with focus nodes
            findings = merge(findings, checked.findings)
            report_graph = checked.shacl
    # what is written in the stored files was checked when it was built: report on the submitted files
    shown = {display_path(f) for f in files}
    findings = [f for f in findings if f.path in shown or f.path == "<graph>"]
    return Checked(Report(sorted(findings, key=Finding.sort_key), report_graph), result.records, loaded, files, merged)


def _quoted(rec: Record):
    """Every citation with a quote in a record and its nested records."""
    for cit in rec.values.get("sources") or []:  # type: ignore[union-attr]
        if cit.quote:
            yield cit
    for value in rec.values.values():
        if isinstance(value, list):
            for item in value:
                if isinstance(item, Record):
                    yield from _quoted(item)


def _forged(records: list[Record], data_dir: Path | None) -> list[Finding]:
    """A `submissions` record says what `cheikg ingest` did: in a submission it would be a claim nobody checked."""
    inside = data_dir.resolve() if data_dir is not None else None
    out = []
    for rec in records:
        if rec.kind is not None and rec.kind.name == "submission" and (inside is None or not Path(rec.path).resolve().is_relative_to(inside)):
            out.append(Finding(rec.path, rec.line, "a 'submissions' record is written by `cheikg ingest` when it stores a file, not by hand: leave it out of the submission",
                               record=rec.id, column=rec.column, rule="record/submission"))
    return out


def _stored_statements(records: list[Record], context: Index | None) -> list[Record]:
    """The stored records with the ids of submitted records of their kind, read from their files."""
    if context is None:
        return []
    wanted: dict[str, set[tuple[str, int]]] = {}
    for rec in records:
        entry = context.entries.get(rec.id or "")
        if entry is not None and entry.stored and not entry.is_reference and rec.kind is not None and entry.kind == rec.kind.name:
            for path, line, _d in entry.locations():
                wanted.setdefault(path, set()).add((rec.id, line))  # type: ignore[arg-type]
    out = []
    for path in sorted(wanted):
        out += [r for r in read_paths([Path(path)]).records if (r.id, r.line) in wanted[path]]
    return out


def _claimed(tables, merged: Merged, context: Index) -> tuple[Index, list, list[Finding]]:
    """The stored context with the reference entities the submitted records state they are, as a build of
    both would have it: their ids become aliases, their reference values (and those of the reference
    entities the records point to) are added; a record may not be an entity a stored record already is."""
    claims = claim(tables, merged.records, stored=context.aliases)
    entries = {i: e for i, e in context.entries.items() if i not in claims.records or not e.is_reference}
    aliases = {**context.aliases, **claims.aliases()}
    index = Index(entries, dict(context.keys), dict(context.claimed), aliases)
    wanted = {rid for rid in claims.records} | {rec.id for rec in claims.records.values()}  # type: ignore[misc]
    for rec in merged.records:
        for value in _reference_values(rec):
            entry = context.entries.get(value)
            if entry is not None and entry.is_reference:
                wanted.add(value)
    ref = reference_graph(tables, claims, wanted)
    prefix = str(RES)
    triples = [t for t in ref.triples if str(t[0]).startswith(prefix) and str(t[0])[len(prefix):].split(".", 1)[0] in wanted]
    return index, triples, ref.findings


def _reference_values(rec: Record):
    """Every id a record (and its nested records) refers to."""
    for spec in rec.fields:
        value = rec.values.get(spec.name)
        if spec.type == schema.REF:
            yield from value if isinstance(value, list) else [value] if isinstance(value, str) else []
        elif spec.type == schema.OBJECTS:
            for item in value or []:  # type: ignore[union-attr]
                yield from _reference_values(item)


def _without_files(index: Index, files: list[Path]) -> Index:
    """The stored index minus the records of submitted files (a file of data/ checked again replaces itself)."""
    submitted = {display_path(f) for f in files}  # entry paths are display paths too: compare names, not resolve() 1e5 times
    if not any(p in submitted for e in index.entries.values() for p, _l, _d in e.locations()):
        return index
    entries = {}
    for i, e in index.entries.items():
        kept = tuple(loc for loc in e.locations() if loc[0] not in submitted)
        if len(kept) == len(e.locations()):
            entries[i] = e
        elif kept:  # another file states it too: it stays, with the statements of the other files
            entries[i] = replace(e, path=kept[0][0], line=kept[0][1], statements=kept if len(kept) > 1 else ())
    keys = {k: i for k, i in index.keys.items() if i in entries}
    return Index(entries, keys, aliases={r: c for r, c in index.aliases.items() if c in entries})


def _references(own: list, context: Index | None) -> list[str]:
    """Stored nodes the submission points to: objects under res: that it does not describe itself."""
    if context is None:
        return []
    subjects = {str(s) for s, _p, _o in own}
    out = set()
    for _s, _p, o in own:
        iri = str(o)
        if isinstance(o, URIRef) and iri.startswith(str(RES)) and iri not in subjects:
            rid = iri[len(str(RES)):].split(".", 1)[0]
            if rid in context.entries:
                out.add(iri)
    return sorted(out)
