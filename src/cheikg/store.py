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

from .bounded import run_bounded
from .errors import QueryError
from .export import Lines
from .sparql_policy import SERVICE_REFUSED, UPDATE_REFUSED, ServiceRefused, checked, is_update

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
    """A pyoxigraph store opened read-only (queries) or in memory (tests, submissions).

    ``select`` runs what ``cheikg.sparql_policy`` lets through (never SERVICE:
    a query of the local graph does not touch the network), in a thread of its
    own so that Ctrl-C and ``timeout`` stop the wait (``cheikg.bounded``).
    """

    def __init__(self, store: ox.Store, timeout: float | None = None):
        self._store = store
        self.timeout = timeout

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

    def with_timeout(self, timeout: float | None) -> EmbeddedStore:
        """The same store, its queries stopped after ``timeout`` seconds (QueryTimeout); None: no limit."""
        return EmbeddedStore(self._store, timeout)

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
        return run_bounded(lambda: self._answer(self._checked(sparql)), self.timeout)

    def _checked(self, sparql: str) -> str:
        """The text to run; apart from ``_answer`` because the parser's exceptions keep their callers' frames alive
        for a while, and a pyoxigraph result must be dropped by the thread that made it."""
        try:
            return checked(sparql)
        except ServiceRefused:
            raise QueryError(f"{SERVICE_REFUSED}: a query of the local graph never calls other hosts; ask that endpoint itself with --endpoint URL") from None

    def _answer(self, text: str) -> Answer:
        try:
            result = self._store.query(text)
        except SyntaxError as e:
            if is_update(text):
                raise QueryError(f"{UPDATE_REFUSED}; `cheikg ingest` adds records, and `cheikg build` rebuilds the graph") from None
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

    def has(self, rid: str) -> bool:
        """Whether the graph says anything about the resource with id ``rid`` (an id checked by the caller)."""
        iri = f"https://w3id.org/cheikg/resource/{rid}"
        if not _OWN_IRI.match(iri):
            raise QueryError(f"not a cheikg resource IRI: {iri}")
        return bool(self._store.query(f"ASK {{ <{iri}> ?p ?o }}"))

    def files_of(self, sources: list[str]) -> dict[str, str | None]:
        """The archived file (cheikg:archivedCopy) of each source IRI (our own resources), None where it names none."""
        bad = [i for i in sources if not _OWN_IRI.match(i)]
        if bad:
            raise QueryError(f"not a cheikg resource IRI: {bad[0]}")
        out: dict[str, str | None] = dict.fromkeys(sources)
        for start in range(0, len(sources), 500):
            values = " ".join(f"<{i}>" for i in sources[start : start + 500])
            text = f"SELECT ?s ?f WHERE {{ VALUES ?s {{ {values} }} ?s <https://w3id.org/cheikg/ontology#archivedCopy> ?f }}"
            for row in self._store.query(text):
                out[row["s"].value] = row["f"].value
        return out

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
