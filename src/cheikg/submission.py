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

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL

from cheikg.loaders.graph import Index, LoadResult, records_to_graph
from cheikg.loaders.identity import canonical
from cheikg.loaders.records import RECORD_SUFFIXES, Record, decode, read_paths
from cheikg.namespaces import RES

from .build import is_reference_table, ontology_graph, open_store, paused_gc, stored_index, vocabulary
from .errors import InputError, UsageError
from .findings import Finding
from .paths import display_path
from .validation import Report, merge, run_shacl

RDF_FORMATS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".rdf": "xml", ".owl": "xml"}
SUBMISSION_SUFFIXES = RECORD_SUFFIXES + tuple(RDF_FORMATS)


@dataclass
class Checked:
    """A submission read and checked: its records, their graph, and the report."""

    report: Report
    records: list[Record] = field(default_factory=list)
    loaded: LoadResult | None = None
    files: list[Path] = field(default_factory=list)


def expand(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        if not p.exists():
            raise UsageError(f"{display_path(p)}: no such file or directory")
        if p.is_dir():
            out += sorted(q for q in p.rglob("*") if q.is_file() and q.suffix in SUBMISSION_SUFFIXES and not is_reference_table(q))
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
    files = expand(paths)
    if not files:
        raise UsageError("no record files (.yaml, .csv) or RDF files (.ttl, .nt, .jsonld, .rdf) to validate")
    record_paths = [f for f in files if f.suffix in RECORD_SUFFIXES]
    rdf_paths = [f for f in files if f.suffix in RDF_FORMATS]
    unreadable = [
        Finding(display_path(f), None, f"'{f.suffix or f.name}' files are not record files; give .yaml, .csv or RDF (.ttl, .nt, .jsonld, .rdf) files", rule="input/kind")
        for f in files if f not in record_paths and f not in rdf_paths
    ]
    result = read_paths(record_paths)
    unreadable += result.unreadable
    rdf = Graph()
    for f in rdf_paths:
        unreadable += _parse_rdf(f, rdf)
    if unreadable:
        raise InputError(unreadable)

    context, store = None, None
    if data_dir is not None and data_dir.is_dir() and any(p.suffix in RECORD_SUFFIXES for p in data_dir.rglob("*")):
        build_dir = build_dir or data_dir.parent / "build"
        store = open_store(data_dir, build_dir, notify=notify)
        context = _without_files(stored_index(data_dir, build_dir), files)
    loaded = records_to_graph(result.records, vocabulary(), context=context)
    findings = _conflicts(list(result.findings) + loaded.findings, result.records, loaded.index)
    report_graph = None
    if shacl:
        focus = [URIRef(n) for n in loaded.origins] + sorted({s for s in rdf.subjects() if isinstance(s, URIRef)})
        if focus:
            own = loaded.triples + list(rdf)
            data = own + list(ontology_graph())
            if store is not None:
                data += list(store.describe(_references(own, context)))
            checked = run_shacl(data, loaded.origins, focus=focus, engine="auto")  # see build.py: pySHACL misses nested results with focus nodes
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


# ---------------------------------------------------------------- RDF files

_IMPORT = re.compile(r"owl:imports|<http://www\.w3\.org/2002/07/owl#imports>|owl#imports")
_DOCTYPE = re.compile(r"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


def _parse_rdf(path: Path, into: Graph) -> list[Finding]:
    name = display_path(path)
    fmt = RDF_FORMATS[path.suffix]
    text, problems = decode(name, path.read_bytes())
    if text is None:
        return problems

    def at(pos: int) -> int:
        return text[:pos].count("\n") + 1

    found = _IMPORT.search(text)
    if found:
        return [Finding(name, at(found.start()), "owl:imports is refused: validation reads no other documents; put the triples in the file itself", rule="input/import")]
    if fmt == "xml":
        found = _DOCTYPE.search(text)
        if found:
            return [Finding(name, at(found.start()), "XML document type declarations and entities are refused: they can read local files or the network (XXE); remove the <!DOCTYPE ...> block", rule="input/xml-entity")]
    if fmt == "json-ld":
        problem = _remote_context(name, text)
        if problem:
            return [problem]
    g = Graph()
    try:
        g.parse(data=text, format=fmt, publicID=path.resolve().as_uri())
    except Exception as e:  # rdflib raises many types for bad syntax
        m = re.search(r"line (\d+)", str(e))
        why = re.search(r"Bad syntax \((.+?)\) at \^", str(e))
        msg = why.group(1) if why else (str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__)
        kind = {"turtle": "Turtle", "nt": "N-Triples", "json-ld": "JSON-LD", "xml": "RDF/XML"}[fmt]
        return [Finding(name, int(m.group(1)) if m else None, f"is not valid {kind}: {msg}", rule="input/rdf-syntax")]
    if (None, OWL.imports, None) in g:
        return [Finding(name, None, "owl:imports is refused: validation reads no other documents; put the triples in the file itself", rule="input/import")]
    into += g
    return []


def _remote_context(name: str, text: str) -> Finding | None:
    """A JSON-LD @context given by URL would be fetched by the parser: refuse it, whatever its nesting."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        return Finding(name, e.lineno, f"is not valid JSON: {e.msg}", column=e.colno, rule="input/rdf-syntax")

    def remote(ctx: object) -> str | None:
        if isinstance(ctx, str):
            return ctx
        if isinstance(ctx, list):
            return next((r for r in map(remote, ctx) if r), None)
        if isinstance(ctx, dict):
            imported = ctx.get("@import")
            return imported if isinstance(imported, str) else None
        return None

    def walk(node: object) -> str | None:
        if isinstance(node, dict):
            if "@context" in node and (url := remote(node["@context"])):
                return url
            return next((r for r in map(walk, node.values()) if r), None)
        if isinstance(node, list):
            return next((r for r in map(walk, node) if r), None)
        return None

    url = walk(doc)
    if url is None:
        return None
    pos = text.find(json.dumps(url)[1:-1])
    line = text[:pos].count("\n") + 1 if pos >= 0 else None
    return Finding(name, line, f"the remote JSON-LD context '{url}' is refused: validation reads nothing from the network; put the context in the file itself", rule="input/remote-context")
