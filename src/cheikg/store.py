"""The embedded store: pyoxigraph on disk, behind the query Target interface.

A remote SPARQL endpoint is a second implementation of the same interface
(``select(text) -> Answer``), so the query runner does not care where a graph
lives.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef

from cheikg.queries.results import Answer, Term

from .errors import QueryError
from .export import Lines

_OWN_IRI = re.compile(r"^https://w3id\.org/cheikg/resource/[A-Za-z0-9._-]+\Z")


class Target(Protocol):
    def select(self, sparql: str) -> Answer: ...


def _term(t: object) -> Term | None:
    if t is None:
        return None
    if isinstance(t, ox.NamedNode):
        return Term("iri", t.value)
    if isinstance(t, ox.BlankNode):
        return Term("bnode", t.value)
    if isinstance(t, ox.Literal):
        return Term("literal", t.value, t.datatype.value if t.datatype else None, t.language)
    return Term("literal", str(t))


def to_rdflib(t: object):
    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.Literal):
        if t.language:
            return Literal(t.value, lang=t.language)
        return Literal(t.value, datatype=URIRef(t.datatype.value))
    raise QueryError(f"unexpected term {t!r}")


class EmbeddedStore:
    """A pyoxigraph store opened read-only (queries) or in memory (tests, submissions)."""

    def __init__(self, store: ox.Store):
        self._store = store

    @classmethod
    def open(cls, path: Path) -> EmbeddedStore:
        return cls(ox.Store.read_only(str(path)))

    @classmethod
    def create(cls, path: Path | None, ntriples: bytes | Iterable[bytes]) -> EmbeddedStore:
        """A new store holding the N-Triples, given whole or in chunks of whole lines.

        Oxigraph's bulk loader holds what it is given and more while it sorts (800 MB
        for a million triples given at once); chunks of 100,000 lines load as fast
        and keep that to about 100 MB.
        """
        store = ox.Store(str(path)) if path is not None else ox.Store()
        for chunk in [ntriples] if isinstance(ntriples, bytes) else ntriples:
            if chunk:
                store.bulk_load(chunk, ox.RdfFormat.N_TRIPLES)
        if path is not None:
            # compact the files the loads left: queries on the store as loaded ran 40% slower than on
            # one bulk-loaded at once; this takes 0.1 s per 100,000 triples (benchmarks/README.md)
            store.optimize()
        return cls(store)

    @property
    def oxigraph(self) -> ox.Store:
        """The pyoxigraph store itself (the build validates the staged store with the fast SHACL engine)."""
        return self._store

    def close(self) -> None:
        """Flush to disk and let go of the store (before its folder is renamed); closing twice is harmless."""
        store = self.__dict__.pop("_store", None)
        if store is not None:
            store.flush()

    def __len__(self) -> int:
        return len(self._store)

    def select(self, sparql: str) -> Answer:
        try:
            result = self._store.query(sparql)
        except SyntaxError as e:
            where = str(e).split(": expected", 1)[0].splitlines()[0]
            raise QueryError(f"the query is not valid SPARQL ({where}); check the syntax there") from None
        if isinstance(result, ox.QueryBoolean):
            return Answer(("result",), ((Term("literal", "true" if bool(result) else "false", "http://www.w3.org/2001/XMLSchema#boolean"),),))
        if isinstance(result, ox.QueryTriples):
            rows = tuple((_term(t.subject), _term(t.predicate), _term(t.object)) for t in result)
            return Answer(("subject", "predicate", "object"), rows)
        columns = tuple(v.value for v in result.variables)
        iris: dict[str, Term] = {}  # an IRI comes back in many rows: one Term each

        def term(t: object) -> Term | None:
            if type(t) is ox.NamedNode:
                value = t.value
                found = iris.get(value)
                if found is None:
                    found = iris[value] = Term("iri", value)
                return found
            return _term(t)

        rows = tuple(tuple(term(sol[c]) for c in columns) for sol in result)
        return Answer(columns, rows)

    def describe(self, iris: list[str]) -> Graph:
        """The triples about ``iris`` (our own resource IRIs), with the types of what they point to.

        This is the context a submission is validated in: the stored nodes it
        references, not the whole graph.
        """
        g = Graph()
        bad = [i for i in iris if not _OWN_IRI.match(i)]
        if bad:
            raise QueryError(f"not a cheikg resource IRI: {bad[0]}")
        for start in range(0, len(iris), 500):
            values = " ".join(f"<{i}>" for i in iris[start : start + 500])
            text = f"CONSTRUCT {{ ?s ?p ?o . ?o a ?t }} WHERE {{ VALUES ?s {{ {values} }} ?s ?p ?o OPTIONAL {{ ?o a ?t }} }}"
            for t in self._store.query(text):
                g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
        return g

    def lines(self) -> Lines:
        """The stored triples as sorted N-Triples lines, the form every dump is written from.

        Oxigraph writes canonical N-Triples, as cheikg.export does, so this skips
        making an rdflib term of every value.
        """
        text = self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()).decode("utf-8")
        return Lines.from_unsorted(text.splitlines(keepends=True))

    def triples(self) -> Iterator[tuple]:
        for q in self._store.quads_for_pattern(None, None, None, ox.DefaultGraph()):
            yield to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)
