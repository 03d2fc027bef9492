"""The records of the graph as the site sees them: nodes with their statements, the links into
each node, and the quotes behind each record, read through two library queries.

``site-statements`` gives every statement about a record and ``site-quotes`` every supporting
sentence; the pages are made from these answers and nothing else, so a page shows what the
query library answers.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from cheikg.namespaces import RES
from cheikg.queries import catalog
from cheikg.queries.results import Term
from cheikg.queries.runner import Target, run

from . import terms as T

RESOURCE = str(RES)


def record_id(iri: str) -> str:
    return iri[len(RESOURCE):] if iri.startswith(RESOURCE) else iri


@dataclass
class Node:
    """One record: its IRI, classes and statements (property IRI -> values, in a fixed order)."""

    iri: str
    types: set[str] = field(default_factory=set)
    props: dict[str, list[Term]] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return record_id(self.iri)

    def values(self, prop: str) -> list[Term]:
        return self.props.get(prop, [])

    def first(self, prop: str) -> Term | None:
        found = self.props.get(prop)
        return found[0] if found else None

    def iris(self, prop: str) -> list[str]:
        return [t.value for t in self.props.get(prop, ()) if t.kind == "iri"]

    def text(self, prop: str, lang: str | None = None) -> str:
        """The first value of ``prop`` in ``lang`` (any language when None)."""
        for t in self.props.get(prop, ()):
            if t.kind == "literal" and (lang is None or (t.lang or "") == lang or (lang == "en" and not t.lang and t.datatype in (None, T.XSD_STRING))):
                return t.value
        return ""


@dataclass(frozen=True)
class Quote:
    source: str  # the source's IRI
    text: str


class SiteGraph:
    """Every record, the links pointing at each, and the quotes supporting each."""

    def __init__(self, statements: list[tuple[Term, Term, Term]], quotes: list[tuple[Term, Term, Term]]):
        self.nodes: dict[str, Node] = {}
        self.incoming: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for s, p, o in sorted(statements, key=_statement_key):
            node = self.nodes.get(s.value)
            if node is None:
                node = self.nodes[s.value] = Node(s.value)
            if p.value == T.RDF_TYPE:
                node.types.add(o.value)
                continue
            node.props.setdefault(p.value, []).append(o)
            if o.kind == "iri" and o.value.startswith(RESOURCE):
                self.incoming[o.value].append((s.value, p.value))
        self.quotes: dict[str, list[Quote]] = defaultdict(list)
        for fact, source, quote in sorted(quotes, key=lambda r: (r[0].value, r[1].value, r[2].value)):
            self.quotes[fact.value].append(Quote(source.value, quote.value))

    @classmethod
    def read(cls, target: Target) -> SiteGraph:
        """The graph of ``target`` (the embedded store or an endpoint) through the site queries."""
        statements = run(catalog.get("site-statements"), target).terms
        quotes = run(catalog.get("site-quotes"), target).terms
        return cls([r for r in statements if None not in r], [r for r in quotes if None not in r])

    def node(self, iri: str) -> Node | None:
        return self.nodes.get(iri)

    def linked_from(self, iri: str, *props: str) -> list[str]:
        """The subjects that point at ``iri`` with one of ``props`` (any property when none is given)."""
        return [s for s, p in self.incoming.get(iri, ()) if not props or p in props]

    def sources_of(self, iri: str) -> list[str]:
        node = self.nodes.get(iri)
        return node.iris(T.DERIVED_FROM) if node else []


def _statement_key(row: tuple[Term, Term, Term]) -> tuple:
    s, p, o = row
    return (s.value, p.value, o.kind, o.value, o.lang or "", o.datatype or "")
