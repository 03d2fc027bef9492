"""Validate a submission (record files, or RDF) in the context of the stored graph.

Incremental: the submission's records are mapped to a graph of their own; the
stored records take part only through the build's index (ids, names, digests
and natural keys, for references, did-you-mean, duplicates and conflicts) and
through the stored triples about the nodes the submission references, pulled
from the embedded store. SHACL runs on that small graph with the submission's
nodes as focus nodes, so the cost grows with the submission, not the graph.

RDF files are read and held to what the shapes can check by cheikg.rdf_input.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

from cheikg.loaders.graph import Index, LoadResult, records_to_graph
from cheikg.loaders.identity import canonical
from cheikg.loaders.records import RECORD_SUFFIXES, Record, expand_folder, is_record_file, read_paths
from cheikg.namespaces import RES

from . import rdf_input
from .build import is_reference_table, ontology_graph, open_store, paused_gc, stored_index, vocabulary
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


def expand(paths: list[Path], unreadable: list[Finding] | None = None, wanted=None) -> list[Path]:
    """The files named and those in the folders named (``wanted`` ones: submission files by default); a path that
    exists but cannot be read or listed goes to ``unreadable`` (exit 3), a missing one is a usage error (exit 2)."""
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
    return out


def validate_paths(paths: list[Path], data_dir: Path | None, build_dir: Path | None = None, *, shacl: bool = True, notify=None) -> Report:
    """Check the files against the shapes and the stored records; see :func:`check`."""
    return check(paths, data_dir, build_dir, shacl=shacl, notify=notify).report


def check(paths: list[Path], data_dir: Path | None, build_dir: Path | None = None, *, shacl: bool = True, notify=None) -> Checked:
    """Read and check a submission. Unreadable files raise InputError (exit 3)."""
    with paused_gc():  # the stored index of a large graph is millions of small objects
        return _check(paths, data_dir, build_dir, shacl, notify)


def _check(paths: list[Path], data_dir: Path | None, build_dir: Path | None, shacl: bool, notify) -> Checked:
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

    context, store = None, None
    if data_dir is not None and data_dir.is_dir() and any(p.suffix in RECORD_SUFFIXES for p in data_dir.rglob("*")):
        build_dir = build_dir or data_dir.parent / "build"
        store = open_store(data_dir, build_dir, notify=notify)
        context = _without_files(stored_index(data_dir, build_dir), files)
    loaded = records_to_graph(result.records, vocabulary(), context=context)
    findings = _conflicts(list(result.findings) + loaded.findings, result.records, loaded.index)
    rdf_checked = rdf_input.check(rdf_files, context, store, ontology_graph(), shapes_graph()) if rdf_files else None
    if rdf_checked is not None:
        findings += rdf_checked.findings
    report_graph = None
    if shacl:
        focus = [URIRef(n) for n in loaded.origins] + sorted({s for s in rdf.subjects() if isinstance(s, URIRef)})
        if focus:
            own = loaded.triples + list(rdf)
            data = own + list(ontology_graph())
            origins = loaded.origins if rdf_checked is None else {**rdf_checked.origins, **loaded.origins}
            if store is not None:
                data += list(store.describe(sorted(set(_references(own, context)) | set(rdf_checked.stored if rdf_checked else ()))))
            checked = run_shacl(data, origins, focus=focus, engine="auto")  # see build.py: pySHACL misses nested results with focus nodes
            findings = merge(findings, checked.findings)
            report_graph = checked.shacl
    return Checked(Report(sorted(findings, key=Finding.sort_key), report_graph), result.records, loaded, files)


def _without_files(index: Index, files: list[Path]) -> Index:
    """The stored index minus the records of submitted files (a file of data/ checked again replaces itself)."""
    submitted = {display_path(f) for f in files}  # entry paths are display paths too: compare names, not resolve() 1e5 times
    if not any(e.path in submitted for e in index.entries.values()):
        return index
    entries = {i: e for i, e in index.entries.items() if e.path not in submitted}
    keys = {k: i for k, i in index.keys.items() if i in entries}
    return Index(entries, keys)


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


# ---------------------------------------------------------------- conflicts


def _conflicts(findings: list[Finding], records: list[Record], index: Index) -> list[Finding]:
    """A submitted record whose id is stored with other values: one finding per field that differs."""
    out = []
    by_place = {(r.path, r.line): r for r in records}
    reported = {(f.path, f.record, f.field) for f in findings}
    stored_files: dict[str, dict[str, Record]] = {}
    for f in findings:
        entry = index.entries.get(f.record or "")
        rec = by_place.get((f.path, f.line))
        if f.rule != "record/duplicate-id" or entry is None or not entry.stored or rec is None or rec.kind is None or entry.kind != rec.kind.name:
            out.append(f)
            continue
        if entry.path not in stored_files:
            stored_files[entry.path] = {r.id: r for r in read_paths([Path(entry.path)]).records if r.id}
        stored = stored_files[entry.path].get(rec.id)
        if stored is None:
            out.append(f)
            continue
        order = [x.name for x in rec.kind.fields]
        names = sorted(set(rec.values) | set(stored.values), key=lambda n: order.index(n) if n in order else len(order))
        left_out = []
        for name in names:
            mine, theirs = canonical(rec.values.get(name)), canonical(stored.values.get(name))
            if mine == theirs or (rec.path, rec.id, name) in reported:
                continue
            if mine in (None, []):
                left_out.append(name)
                continue
            line, col = rec.position(name)
            where = f"the stored record '{rec.id}' at {entry.path}:{stored.position(name)[0]}"
            message = (f"{where} has no '{name}': ingest adds records, it does not edit them; add the value to the stored record there"
                       if theirs in (None, []) else
                       f"conflicts with {where}: stored {_show(theirs)}, submitted {_show(mine)}; "
                       "correct the stored record there if it is wrong, or keep both statements as two records with their sources")
            out.append(Finding(rec.path, line, message, record=rec.id, field=name, column=col, rule="record/conflict", value=_show(mine)))
        if left_out:
            out.append(
                Finding(rec.path, rec.line,
                        f"the stored record '{rec.id}' at {entry.path}:{entry.line} also has {', '.join(left_out)}: a record with a stored id restates it whole "
                        "(ingest adds records, it does not edit them); give the same values, or leave the record out",
                        record=rec.id, column=rec.column, rule="record/conflict")
            )
    return out


def _show(value: object) -> str:
    if value is None or value == []:
        return "nothing"
    if isinstance(value, dict) and "date" in value and "precision" in value:
        return repr(value["date"][: {"year": 4, "month": 7}.get(value["precision"], 10)])
    if isinstance(value, dict) and "source" in value and "quote" in value:
        return repr(value["source"])
    if isinstance(value, list):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_show(v)}" for k, v in value.items()) + "}"
    return repr(value)
