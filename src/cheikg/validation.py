"""SHACL validation whose results point back to the record, file and line.

pySHACL validates the graph; each result's focus node is looked up in the
loaders' origin map, and its path in that node's field map, so a result reads
``data/facts/x.yaml:12:5: record 'm1': field 'end': ...`` instead of a bare IRI.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from rdflib import Graph, URIRef
from rdflib.namespace import PROV, RDF

from cheikg.loaders.graph import PREDICATES, Origin, to_graph

from .errors import UsageError
from .findings import SEVERITIES, Finding
from .namespaces import SH
from .resources import shape_texts

_SEVERITY = {str(SH.Violation): "violation", str(SH.Warning): "warning", str(SH.Info): "info"}
@functools.cache
def shapes_graph() -> Graph:
    g = Graph()
    for name, text in shape_texts():
        g.parse(data=text, format="turtle", publicID=f"https://w3id.org/cheikg/shapes/{name}")
    return g


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    shacl: Graph | None = None  # pySHACL's own report

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def fails(self, level: str = "violation") -> bool:
        limit = SEVERITIES.index(level)
        return any(SEVERITIES.index(f.severity) <= limit for f in self.findings)


def merge(record_level: list[Finding], shacl: list[Finding]) -> list[Finding]:
    """Both lists, without SHACL results on a field the record reader already reported (one problem, one result)."""
    reported = {(f.path, f.record, f.field) for f in record_level}
    kept = [f for f in shacl if (f.path, f.record, f.field) not in reported]
    return sorted(record_level + kept, key=Finding.sort_key)


def locate(origins: dict[str, Origin], node: str) -> Origin | None:
    """The origin of a node, or of the record whose id starts its IRI (res:<id>.<part>)."""
    while node:
        if node in origins:
            return origins[node]
        if "." not in node.rsplit("/", 1)[-1]:
            return None
        node = node.rsplit(".", 1)[0]
    return None


ENGINES = ("pyshacl", "fast", "auto")


def run_shacl(data, origins: dict[str, Origin], *, focus: list[URIRef] | None = None, engine: str = "pyshacl") -> Report:
    """Validate ``data`` against the packaged shapes; results located through ``origins``.

    ``engine``: "pyshacl" (the reference, ``data`` an rdflib Graph or a list of
    rdflib triples); "fast" (cheikg.shacl: the shapes compiled to SPARQL on
    Oxigraph, the same results; ``data`` may also be a pyoxigraph Store or
    N-Triples bytes; raises FastShaclUnsupported for shapes or literals it does
    not run); "auto" (fast, falling back to pySHACL where fast refuses).
    """
    if engine not in ENGINES:
        raise UsageError(f"unknown SHACL engine {engine!r}; use one of {', '.join(ENGINES)}")
    if engine != "pyshacl":
        from .shacl import FastShaclUnsupported
        from .shacl import validate as fast_validate

        try:
            report = fast_validate(data, shapes_graph(), focus=focus, allow_warnings=True).graph()
            return _report(report, origins)
        except FastShaclUnsupported:
            if engine == "fast" or not isinstance(data, (Graph, list)):
                raise
    from pyshacl import validate

    if isinstance(data, list):
        data = to_graph(data)

    kwargs = {}
    if focus is not None:
        kwargs["focus_nodes"] = focus
    _conforms, report, _text = validate(
        data, shacl_graph=shapes_graph(), inference="none", advanced=True, allow_warnings=True, **kwargs
    )
    return _report(report, origins)


def _report(report: Graph, origins: dict[str, Origin]) -> Report:
    findings = [_finding(report, r, origins) for r in report.subjects(RDF.type, SH.ValidationResult)]
    return Report(sorted(findings, key=Finding.sort_key), report)


def _finding(report: Graph, result, origins: dict[str, Origin]) -> Finding:
    focus = report.value(result, SH.focusNode)
    path = report.value(result, SH.resultPath)
    value = report.value(result, SH.value)
    message = report.value(result, SH.resultMessage)
    severity = _SEVERITY.get(str(report.value(result, SH.resultSeverity)), "violation")
    shape = report.value(result, SH.sourceConstraint) or report.value(result, SH.sourceShape)
    origin = locate(origins, str(focus))
    text = str(message) if message is not None else "does not conform to its shape"
    rule = str(shape) if isinstance(shape, URIRef) else str(report.value(result, SH.sourceConstraintComponent))
    shown_value = None if value is None else str(value)
    if origin is None:
        return Finding("<graph>", None, text, severity=severity, rule=rule, focus=str(focus), value=shown_value,
                       field=None if path is None else str(path))
    fld, line, col, where = origin.fields.get(str(path), (None, origin.line, origin.column, origin.path)) if path is not None else (None, origin.line, origin.column, origin.path)
    if fld is None and path is not None:  # a field the record leaves out: name it by its predicate
        preds = {**PREDICATES.get(origin.kind, {}), "source": PROV.wasDerivedFrom}
        name = next((n for n, pred in preds.items() if str(pred) == str(path)), None)
        fld = None if name is None else origin.field_prefix + name
    if fld is None and origin.field_prefix:
        fld = origin.field_prefix.rstrip(".")
    return Finding(where or origin.path, line, text, record=origin.record, field=fld, column=col, severity=severity, rule=rule,
                   focus=str(focus), value=shown_value)
