"""Deterministic dumps: the same graph gives the same bytes, whatever the hash seed.

The writers sort subjects, predicates and objects by their N-Triples form and
use one fixed prefix table (only the prefixes a dump uses are printed).  The
graph has no blank nodes (the loaders mint every IRI), so sorting is a total
order and a changed record changes only its own lines.
"""

from __future__ import annotations

import json
import re
from typing import Callable, Iterable, Iterator

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from .errors import UsageError
from .namespaces import PREFIXES

FORMATS = ("turtle", "nt", "jsonld", "trig")
EXTENSIONS = {"turtle": ".ttl", "nt": ".nt", "jsonld": ".jsonld", "trig": ".trig"}
_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*(?:[.][A-Za-z0-9_-]+)*$")
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))

Triple = tuple[URIRef, URIRef, object]


def _escape(text: str) -> str:
    out = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    return "".join(c if c >= " " else f"\\u{ord(c):04X}" for c in out)


def _literal(term: Literal, iri: Callable[[str], str]) -> str:
    body = f'"{_escape(str(term))}"'
    if term.language:
        return f"{body}@{term.language}"
    if term.datatype and term.datatype != XSD.string:
        return f"{body}^^{iri(str(term.datatype))}"
    return body


def nt_term(term: object) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        return _literal(term, lambda iri: f"<{iri}>")
    raise UsageError(f"cannot write {term!r}: the graph holds a blank node; every node must have an IRI")


def _sorted(triples: Iterable[Triple]) -> list[tuple[str, str, str, Triple]]:
    return sorted((nt_term(s), nt_term(p), nt_term(o), (s, p, o)) for s, p, o in triples)


def to_ntriples(triples: Iterable[Triple]) -> str:
    return "".join(f"{s} {p} {o} .\n" for s, p, o, _ in _sorted(triples))


class _Names:
    """Prefixed names from the fixed table, remembering which prefixes were used."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def iri(self, iri: str) -> str:
        for prefix, ns in _BY_LENGTH:
            if iri.startswith(ns):
                local = iri[len(ns):]
                if local == "" or _LOCAL.match(local):
                    self.used.add(prefix)
                    return f"{prefix}:{local}"
        return f"<{iri}>"

    def term(self, term: object) -> str:
        if isinstance(term, URIRef):
            return self.iri(str(term))
        if isinstance(term, Literal):
            return _literal(term, self.iri)
        return nt_term(term)


def to_turtle(triples: Iterable[Triple]) -> str:
    names = _Names()
    blocks: list[str] = []
    current: str | None = None
    lines: list[str] = []
    rows = _sorted(triples)
    # rdf:type first within a subject, then predicates in IRI order
    rows.sort(key=lambda r: (r[0], r[1] != f"<{RDF.type}>", r[1], r[2]))
    pred_prev = None
    for s_nt, p_nt, _o_nt, (s, p, o) in rows:
        if s_nt != current:
            if lines:
                blocks.append(" ;\n".join(lines) + " .\n")
            current, lines, pred_prev = s_nt, [], None
            head = names.term(s)
        else:
            head = None
        p_text = "a" if p == RDF.type else names.term(p)
        o_text = names.term(o)
        if p_nt == pred_prev:
            lines[-1] += f",\n        {o_text}"
        elif head is not None:
            lines.append(f"{head}\n    {p_text} {o_text}")
        else:
            lines.append(f"    {p_text} {o_text}")
        pred_prev = p_nt
    if lines:
        blocks.append(" ;\n".join(lines) + " .\n")
    header = "".join(f"@prefix {p}: <{PREFIXES[p]}> .\n" for p in sorted(names.used))
    return header + "\n" + "\n".join(blocks)


def to_trig(triples: Iterable[Triple]) -> str:
    """The graph as TriG: its triples in the default graph (Turtle is valid TriG)."""
    return to_turtle(triples)


def to_jsonld(triples: Iterable[Triple]) -> str:
    """Flattened JSON-LD with a context of the prefix table: one node object per subject, sorted."""
    names = _Names()
    nodes: dict[str, dict] = {}
    for _s, _p, _o, (s, p, o) in _sorted(triples):
        node = nodes.setdefault(str(s), {"@id": names.iri(str(s))})
        if p == RDF.type:
            node.setdefault("@type", []).append(names.iri(str(o)))
            continue
        key = names.iri(str(p))
        if key.startswith("<"):
            key = str(p)
        if isinstance(o, URIRef):
            value: dict = {"@id": names.iri(str(o))}
        elif o.language:
            value = {"@value": str(o), "@language": o.language}
        elif o.datatype and o.datatype != XSD.string:
            value = {"@value": str(o), "@type": names.iri(str(o.datatype))}
        else:
            value = {"@value": str(o)}
        node.setdefault(key, []).append(value)
    for node in nodes.values():
        if node["@id"].startswith("<"):
            node["@id"] = node["@id"][1:-1]
        for k, vals in node.items():
            if k == "@type":
                node[k] = [v[1:-1] if v.startswith("<") else v for v in vals]
            elif isinstance(vals, list):
                for v in vals:
                    for key in ("@id", "@type"):
                        if key in v and v[key].startswith("<"):
                            v[key] = v[key][1:-1]
    context = {p: PREFIXES[p] for p in sorted(names.used)}
    doc = {"@context": context, "@graph": [nodes[k] for k in sorted(nodes)]}
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


WRITERS = {"turtle": to_turtle, "nt": to_ntriples, "jsonld": to_jsonld, "trig": to_trig}


def serialize(graph: Graph, fmt: str) -> str:
    if fmt not in WRITERS:
        raise UsageError(f"unknown format '{fmt}'; choose one of {', '.join(FORMATS)}")
    return WRITERS[fmt](graph)  # type: ignore[arg-type]


def iter_triples(graph: Graph) -> Iterator[Triple]:
    yield from graph  # type: ignore[misc]
