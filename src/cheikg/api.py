"""The Python API for notebooks and scripts.

>>> from cheikg.api import KnowledgeGraph
>>> kg = KnowledgeGraph.open()                       # doctest: +SKIP
>>> kg.query("alliance-chairs").records()[0]["allianceLabel"]   # doctest: +SKIP
'International Students Education Alliance in Shanxi'
>>> remote = KnowledgeGraph.connect("http://127.0.0.1:7878/query")   # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path

from cheikg.queries import catalog
from cheikg.queries.results import Answer
from cheikg.queries.runner import run

from .build import open_store
from .paths import resolve_dirs
from .store import EmbeddedStore


class KnowledgeGraph:
    """A built knowledge graph to ask library queries of, by name with keyword parameters."""

    def __init__(self, target):
        self.target = target

    @classmethod
    def open(cls, data: Path | str | None = None, build: Path | str | None = None) -> "KnowledgeGraph":
        """The graph built from ``data`` (default: ./data in a checkout, else the shipped records)."""
        data_dir, build_dir = resolve_dirs(None if data is None else Path(data), None if build is None else Path(build))
        return cls(open_store(data_dir, build_dir))

    @classmethod
    def connect(cls, url: str | None = None, *, graph: str | None = None, timeout: float | None = None) -> "KnowledgeGraph":
        """A graph on a SPARQL 1.1 endpoint (default: $CHEIKG_ENDPOINT; a URL, or a .toml file naming one), queried like the built one.

        Credentials come from CHEIKG_ENDPOINT_TOKEN or CHEIKG_ENDPOINT_USER/CHEIKG_ENDPOINT_PASSWORD;
        ``graph`` makes a named graph the default graph of every query.
        """
        from .remote import open_endpoint

        return cls(open_endpoint(url, required=True, default_graph=graph, timeout=timeout))

    @classmethod
    def in_memory(cls, ntriples: bytes) -> "KnowledgeGraph":
        return cls(EmbeddedStore.create(None, ntriples))

    def query(self, name: str, **params: object) -> Answer:
        """Run the library query ``name``; a list value binds a multi-valued parameter."""
        values = {k: [str(x) for x in v] if isinstance(v, (list, tuple)) else [str(v)] for k, v in params.items() if v is not None}
        return run(catalog.get(name), self.target, values)

    def sparql(self, text: str) -> Answer:
        return self.target.select(text)

    def export(self, fmt: str = "turtle") -> str:
        """The graph as deterministic Turtle, N-Triples, JSON-LD or TriG (the same bytes as `cheikg export`)."""
        from .errors import UsageError
        from .export import WRITERS

        if not isinstance(self.target, EmbeddedStore):
            raise UsageError("export reads the embedded store; a remote graph is exported by its server")
        if fmt not in WRITERS:
            raise UsageError(f"unknown format '{fmt}'; choose one of {', '.join(WRITERS)}")
        return WRITERS[fmt](self.target.lines())

    def network(self, name: str = "co-membership", *, alliance: str | None = None):
        """A networkx graph: co-membership, partnership, person-organization or institution-alliance.

        With ``alliance`` (an id), only that alliance's role holders and their
        neighbours. Measures: ``cheikg.network.measure(graph)``.
        """
        from .network import build_network

        return build_network(self.target, name, alliance=alliance)

    def dataframe(self, name: str, **params: object):
        """The answer as a pandas DataFrame (needs pandas: pip install 'cheikg[pandas]')."""
        try:
            import pandas as pd
        except ImportError:
            from .errors import UsageError

            raise UsageError("dataframes need pandas: pip install pandas") from None
        answer = self.query(name, **params)
        return pd.DataFrame(answer.records(), columns=list(answer.columns))
