"""Validate files of records (or Turtle) in the context of the existing records."""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import Graph, URIRef

from cheikg.loaders.graph import records_to_graph
from cheikg.loaders.records import RECORD_SUFFIXES, decode, read_paths

from .build import ontology_graph, record_files, vocabulary
from .paths import display_path
from .errors import InputError, UsageError
from .findings import Finding
from .validation import Report, merge, run_shacl

RDF_SUFFIXES = (".ttl",)


def _expand(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        if not p.exists():
            raise UsageError(f"{display_path(p)}: no such file or directory")
        if p.is_dir():
            out += sorted(q for q in p.rglob("*") if q.is_file() and q.suffix in RECORD_SUFFIXES + RDF_SUFFIXES)
        else:
            out.append(p)
    return out


def validate_paths(paths: list[Path], data_dir: Path | None, *, shacl: bool = True) -> Report:
    """Check the files against the shapes; references resolve against ``data_dir``'s records too.

    Only the submitted files' own nodes are validated (SHACL focus nodes), but
    the data graph holds the context records, so a reference to a stored
    institution is checked against its type.
    """
    files = _expand(paths)
    if not files:
        raise UsageError("no record files (.yaml, .csv) or Turtle files (.ttl) to validate")
    submitted = {f.resolve() for f in files}
    record_paths = [f for f in files if f.suffix in RECORD_SUFFIXES]
    turtle_paths = [f for f in files if f.suffix in RDF_SUFFIXES]
    others = [f for f in files if f not in record_paths and f not in turtle_paths]
    unreadable: list[Finding] = []
    for f in others:
        unreadable.append(Finding(display_path(f), None, f"'{f.suffix or f.name}' files are not record files; give .yaml, .csv or .ttl files", rule="input/kind"))

    context_records = []
    if data_dir is not None and data_dir.is_dir():
        context_files = [p for p in record_files(data_dir) if p.resolve() not in submitted]
        context_records = read_paths(context_files).records
    vocab = vocabulary()
    context = records_to_graph(context_records, vocab)
    result = read_paths(record_paths)
    unreadable += result.unreadable
    turtle = Graph()
    for f in turtle_paths:
        unreadable += _parse_turtle(f, turtle)
    if unreadable:
        raise InputError(unreadable)
    loaded = records_to_graph(result.records, vocab, context=context.index)
    findings = list(result.findings) + loaded.findings
    report_graph = None
    if shacl:
        data = loaded.graph + turtle + context.graph + ontology_graph()
        focus = [URIRef(n) for n in loaded.origins] + sorted({s for s in turtle.subjects() if isinstance(s, URIRef)})
        if focus:
            checked = run_shacl(data, loaded.origins, focus=focus)
            findings = merge(findings, checked.findings)
            report_graph = checked.shacl
    return Report(sorted(findings, key=Finding.sort_key), report_graph)


_IMPORT = re.compile(r"owl:imports|<http://www\.w3\.org/2002/07/owl#imports>")


def _parse_turtle(path: Path, into: Graph) -> list[Finding]:
    name = display_path(path)
    text, problems = decode(name, path.read_bytes())
    if text is None:
        return problems
    found = _IMPORT.search(text)
    if found:
        line = text[: found.start()].count("\n") + 1
        return [Finding(name, line, "owl:imports is refused: validation reads no other documents; put the triples in the file itself", rule="input/import")]
    g = Graph()
    try:
        g.parse(data=text, format="turtle", publicID=path.resolve().as_uri())
    except Exception as e:  # rdflib raises several types for bad syntax
        m = re.search(r"line (\d+)", str(e))
        msg = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        return [Finding(name, int(m.group(1)) if m else None, f"is not valid Turtle: {msg}", rule="input/turtle")]
    into += g
    return []
