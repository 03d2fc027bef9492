"""Data into an in-memory Oxigraph store, noting the literals Oxigraph reads differently from rdflib.

Oxigraph stores valid XSD literals in its canonical form: ``"4.0"^^xsd:decimal``
becomes ``"4"^^xsd:decimal`` and ``"5"^^xsd:int`` becomes ``"5"^^xsd:integer``
(oxigraph/oxigraph#526, no option to turn it off); rdflib keeps ``"4.0"`` and
``xsd:int``. And rdflib rewrites some ill-typed literals into valid-looking ones
(``"none"^^xsd:boolean`` is kept as an ill-typed ``"false"``). SHACL checks on
such values (sh:datatype, sh:pattern, sh:in, the sh:value reported) would then
differ from pySHACL's. So the loader notes, per predicate, every literal read
differently, and validation refuses the graph when a shape can reach one of
them (``refuse_if_reached``), naming the literals. A store handed in directly is
validated as it is stored.

Blank node labels are kept (so results name the caller's blank nodes), which
bulk loading does not do: graphs with blank nodes take the slower parse path.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal

from .model import FastShaclUnsupported

_XSD = "http://www.w3.org/2001/XMLSchema#"
# the end of an XSD-typed literal: a literal prefix, so the search runs at memchr speed
_TYPED_END = re.compile(rb'"\^\^<http://www\.w3\.org/2001/XMLSchema#([A-Za-z]+)>')
_CASTABLE = {"integer", "decimal", "double", "float", "boolean", "date", "dateTime", "time", "gYear", "gYearMonth",
             "gMonth", "gMonthDay", "gDay", "duration", "dayTimeDuration", "yearMonthDuration"}
_SHOWN = 3


@dataclass
class Loaded:
    store: ox.Store
    changed: dict[str, list[str]] = field(default_factory=dict)  # predicate IRI -> literals read differently

    def refuse_if_reached(self, predicates: set[str] | None) -> None:
        """Raise if a changed literal is the object of a predicate the shapes read (None: any predicate)."""
        hits = sorted({d for p, ds in self.changed.items() if predicates is None or p in predicates for d in ds})
        if hits:
            shown = "; ".join(hits[:_SHOWN]) + (f" (and {len(hits) - _SHOWN} more)" if len(hits) > _SHOWN else "")
            raise FastShaclUnsupported(
                f"Oxigraph reads {len(hits)} literal(s) of this graph differently from rdflib and the shapes check them: "
                f"{shown}; write them in canonical form or validate with pySHACL")


def load(data: Loaded | ox.Store | Graph | list | bytes) -> Loaded:
    """The data as a store: a store as is (with what its loader noted, given a Loaded); an rdflib graph,
    a list of rdflib triples or N-Triples bytes loaded into a new in-memory one."""
    if isinstance(data, Loaded):
        return data
    if isinstance(data, ox.Store):
        return Loaded(data)
    if isinstance(data, Graph):
        nt = data.serialize(format="nt", encoding="utf-8")
    elif isinstance(data, list):
        from cheikg.export import unsorted_lines
        from cheikg.loaders.graph import to_graph

        if any(type(t) is BNode for triple in data for t in triple):  # a submitted RDF file may have them
            nt = to_graph(data).serialize(format="nt", encoding="utf-8")
        else:
            nt = "".join(unsorted_lines(data)).encode()
    elif isinstance(data, bytes):
        nt = data
    else:
        raise TypeError(f"cannot validate a {type(data).__name__}: give a pyoxigraph Store, an rdflib Graph, a list of triples or N-Triples bytes")
    changed = rewritten_literals(nt)
    if isinstance(data, (Graph, list)):
        for p, desc in ill_typed_made_valid(data):
            changed.setdefault(p, []).append(desc)
    store = ox.Store()
    if b"_:" in nt:
        store.extend(ox.parse(nt, ox.RdfFormat.N_TRIPLES))
    else:
        store.bulk_load(nt, ox.RdfFormat.N_TRIPLES)
    return Loaded(store, changed)


def rewritten_literals(nt: bytes) -> dict[str, list[str]]:
    """The XSD literals of ``nt`` that Oxigraph would store in another form, by predicate."""
    if _XSD.encode() not in nt:
        return {}
    found: dict[tuple[bytes, bytes], set[bytes]] = {}
    for m in _TYPED_END.finditer(nt):
        dt = m.group(1)
        if dt == b"string":
            continue
        # an N-Triples line is <s> <p> "lexical"^^<dt> . and only the object can hold a quote
        start = nt.rfind(b"\n", 0, m.start()) + 1
        quote = nt.index(b'"', start)
        head = nt[start:quote].split()
        if len(head) != 2 or not head[1].startswith(b"<"):
            raise FastShaclUnsupported(f"cannot read the N-Triples line {nt[start:m.end()][:200]!r}")
        found.setdefault((nt[quote + 1:m.start()], dt), set()).add(head[1][1:-1])
    if not found:
        return {}
    pairs = sorted(found)
    lines = b"".join(b'<urn:x-cheikg:%d> <urn:x-cheikg:p> "%s"^^<%s%s> .\n' % (i, lex, _XSD.encode(), dt)
                     for i, (lex, dt) in enumerate(pairs))
    written = {q.subject.value: q.object for q in ox.parse(lines, ox.RdfFormat.N_TRIPLES)}
    scratch = ox.Store()
    scratch.load(lines, ox.RdfFormat.N_TRIPLES)
    out: dict[str, list[str]] = {}
    for q in scratch.quads_for_pattern(None, None, None):
        before = written[q.subject.value]
        if q.object.value != before.value or q.object.datatype != before.datatype:
            i = int(q.subject.value.rsplit(":", 1)[1])
            for pred in found[pairs[i]]:
                out.setdefault(pred.decode(), []).append(f"{_short(before)} is stored as {_short(q.object)}")
    return out


def ill_typed_made_valid(graph: Graph | list) -> list[tuple[str, str]]:
    """rdflib literals flagged ill-typed whose (rdflib-rewritten) lexical form Oxigraph accepts as valid."""
    with warnings.catch_warnings():  # rdflib warns about each ill-typed literal it reads: those are what we look for
        warnings.simplefilter("ignore")
        suspects = [(p, o) for _s, p, o in graph if type(o) is Literal and o.ill_typed and o.datatype is not None
                    and str(o.datatype).startswith(_XSD) and str(o.datatype)[len(_XSD):] in _CASTABLE]
    out = []
    scratch = ox.Store()
    for p, o in suspects:
        dt = str(o.datatype)
        lit = ox.Literal(str(o), datatype=ox.NamedNode(dt))
        rows = list(scratch.query(f"SELECT ?v (COALESCE(isLiteral(<{dt}>(?v)), false) AS ?ok) WHERE {{}}",
                                  substitutions={ox.Variable("v"): lit}))
        if rows and str(rows[0]["ok"].value) == "true":
            out.append((str(p), f"{_short(lit)} is ill-typed for rdflib but valid for Oxigraph"))
    return out


def _short(lit: ox.Literal) -> str:
    dt = lit.datatype.value
    return f'"{lit.value}"^^xsd:{dt[len(_XSD):]}' if dt.startswith(_XSD) else f'"{lit.value}"^^<{dt}>'
