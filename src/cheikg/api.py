"""The Python API for notebooks and scripts.

>>> from cheikg.api import KnowledgeGraph
>>> kg = KnowledgeGraph.open()                       # doctest: +SKIP
>>> kg.query("alliance-chairs")[0]["allianceLabel"]  # doctest: +SKIP
'International Students Education Alliance in Shanxi'
>>> remote = KnowledgeGraph.connect("http://127.0.0.1:7878/query")   # doctest: +SKIP

Answers are sequences of rows, each a dict of Python values (see
cheikg.queries.results); errors are Python errors that are also
:class:`cheikg.errors.CheikgError`: a keyword argument a query does not take, or
a required one left out, is an :class:`ArgumentError` (a ``TypeError``); a value
it refuses an :class:`ArgumentValueError` (a ``ValueError``); a query name it
does not know an :class:`UnknownQueryError` (a ``KeyError``).
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
from pathlib import Path

from cheikg.queries import catalog
from cheikg.queries.binding import serialize_value
from cheikg.queries.catalog import Query
from cheikg.queries.results import IRI, Answer, Date
from cheikg.queries.runner import run

from .build import open_store
from .errors import QueryError, UsageError
from .paths import reading_dirs
from .store import EmbeddedStore

__all__ = ["KnowledgeGraph", "Answer", "IRI", "Date", "ArgumentError", "ArgumentValueError", "UnknownQueryError"]


class ArgumentError(QueryError, TypeError):
    """A keyword argument the query does not take, a required one left out, or several values for a single one."""


class ArgumentValueError(QueryError, ValueError):
    """A value a query (or export) refuses: not a date, not an id, not one of the formats."""


class UnknownQueryError(QueryError, KeyError):
    """No library query has that name."""

    def __str__(self) -> str:  # KeyError would print the message quoted
        return str(self.args[0])


class KnowledgeGraph:
    """A built knowledge graph to ask library queries of, by name with keyword arguments."""

    def __init__(self, target, dirs: tuple[Path, Path] | None = None):
        self.target = target
        self._dirs = dirs  # the data and build directories of an opened build: its index resolves id parameters

    @classmethod
    def open(cls, data: Path | str | None = None, build: Path | str | None = None) -> KnowledgeGraph:
        """The graph built from ``data``, built first if the records changed since.

        ``data`` defaults to ./data in a checkout, else the records shipped with
        cheikg; ``build`` to ./build beside the data, or for the shipped records a
        folder in the per-user cache (as `cheikg query` does). A ``build`` folder
        that does not exist is an error (``cheikg.errors.BuildMissingError``):
        build into it first with ``cheikg build --build DIR``.
        """
        data_dir, build_dir = reading_dirs(None if data is None else Path(data), None if build is None else Path(build))
        return cls(open_store(data_dir, build_dir), (data_dir, build_dir))

    @classmethod
    def connect(cls, url: str | None = None, *, graph: str | None = None, timeout: float | None = None) -> KnowledgeGraph:
        """A graph on a SPARQL 1.1 endpoint (default: $CHEIKG_ENDPOINT; a URL, or a .toml file naming one), queried like the built one.

        Credentials come from CHEIKG_ENDPOINT_TOKEN or CHEIKG_ENDPOINT_USER/CHEIKG_ENDPOINT_PASSWORD;
        ``graph`` makes a named graph the default graph of every query.
        """
        from .remote import open_endpoint

        return cls(open_endpoint(url, required=True, default_graph=graph, timeout=timeout))

    @classmethod
    def in_memory(cls, ntriples: bytes) -> KnowledgeGraph:
        """A graph held in memory, made from N-Triples bytes."""
        return cls(EmbeddedStore.create(None, ntriples))

    @staticmethod
    def queries() -> dict[str, Query]:
        """The query library by name: each with ``summary``, ``description`` and ``params`` (name, type, description)."""
        return dict(catalog.library())

    def query(self, name: str, /, **arguments: object) -> Answer:
        """Run the library query ``name`` with its parameters as keyword arguments.

        A list or tuple binds a multi-valued parameter; a ``datetime.date`` a date
        one; None leaves a parameter out. The answer is a sequence of rows, each a
        dict of Python values by column (``answer[0]["memberLabel"]``);
        ``answer.dataframe()`` is a pandas DataFrame.
        """
        query = _library_query(name)
        values = _values(query, arguments)
        if self._dirs is not None and isinstance(self.target, EmbeddedStore):
            # an id argument may be a name, acronym or code, as on the command line (cheikg.params)
            from .build import stored_index
            from .params import resolve_ids

            data_dir, build_dir = self._dirs
            try:
                values = resolve_ids(query, values, exists=self.target.has, index=functools.cache(lambda: stored_index(data_dir, build_dir)))
            except UsageError as e:
                raise ArgumentValueError(f"query({query.name!r}): argument {str(e).removeprefix('parameter ')}") from None
        _check_ids(query, values)
        return run(query, self.target, values)

    def sparql(self, text: str) -> Answer:
        """Run SPARQL text as it is (no parameters): a SELECT or ASK answer, or a CONSTRUCT's triples as rows."""
        return self.target.select(text)

    def dataframe(self, name: str, /, **arguments: object):
        """``query(name, **arguments).dataframe()``: the answer as a pandas DataFrame with typed columns."""
        return self.query(name, **arguments).dataframe()

    def export(self, fmt: str = "turtle") -> str:
        """The graph as text in ``fmt`` (turtle, nt, jsonld or trig): the text `cheikg export --format FMT` writes.

        Deterministic: the same records give the same text; encoded as UTF-8 it is
        byte for byte the file `cheikg export` writes.
        """
        from .export import WRITERS

        if not isinstance(self.target, EmbeddedStore):
            raise UsageError("export() reads the embedded store; a graph on an endpoint is exported by its server")
        if fmt not in WRITERS:
            raise ArgumentValueError(f"export(): unknown format {fmt!r}; choose one of {', '.join(repr(w) for w in WRITERS)}")
        return WRITERS[fmt](self.target.lines())

    def network(self, name: str = "co-membership", *, alliance: str | None = None):
        """A networkx graph: co-membership, partnership, person-organization or institution-alliance.

        With ``alliance`` (an id), only that alliance's role holders and their
        neighbours. Measures: ``cheikg.network.measure(graph)``.
        """
        from .network import build_network

        return build_network(self.target, name, alliance=alliance)


def _library_query(name: str) -> Query:
    queries = catalog.library()
    if name not in queries:
        close = difflib.get_close_matches(name, list(queries), n=3)
        hint = f" Did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        raise UnknownQueryError(f"no query is named {name!r}.{hint} KnowledgeGraph.queries() lists them")
    return queries[name]


def _values(query: Query, arguments: dict[str, object]) -> dict[str, list[str]]:
    """The keyword arguments as the binder's text values, checked as a Python call checks its arguments."""
    call = f"query({query.name!r})"
    known = [p.name for p in query.params]
    for key in arguments:
        if query.param(key) is None:
            close = difflib.get_close_matches(key, known, n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            raise ArgumentError(f"{call} got an unexpected keyword argument {key!r}.{hint} Its arguments: {', '.join(known) or 'none'}")
    values: dict[str, list[str]] = {}
    for param in query.params:
        given = arguments.get(param.name)
        if given is None:
            if param.required:
                raise ArgumentError(f"{call} missing required keyword argument {param.name!r}: {param.description}")
            continue
        items = list(given) if isinstance(given, (list, tuple, set, frozenset)) else [given]
        if len(items) > 1 and not param.multi:
            raise ArgumentError(f"{call}: argument {param.name!r} takes one value, not {len(items)}")
        values[param.name] = [_text(param.name, v) for v in items]
        if param.type == "id":
            continue  # a name, acronym or code is resolved to an id by query() (or refused there)
        for value in values[param.name]:
            try:
                serialize_value(param, value)
            except QueryError as e:  # the binder speaks of parameters; a Python call has arguments
                message = str(e).removeprefix("parameter ")
                raise ArgumentValueError(f"{call}: argument {message}") from None
    return values


def _check_ids(query: Query, values: dict[str, list[str]]) -> None:
    """Id arguments that could not be resolved (a graph without its index): checked as the binder checks them."""
    for name, given in values.items():
        param = query.param(name)
        for value in given if param is not None and param.type == "id" else []:
            try:
                serialize_value(param, value)
            except QueryError as e:
                raise ArgumentValueError(f"query({query.name!r}): argument {str(e).removeprefix('parameter ')}") from None


def _text(name: str, value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        raise ArgumentValueError(f"argument {name!r}: give a date, not a date and time ({value!r})")
    if isinstance(value, dt.date):
        return dt.date.isoformat(value)
    return str(value)
