"""Run a library query on a target: bind its parameters, send the final text, return the answer."""

from __future__ import annotations

from typing import Protocol

from .binding import bind
from .catalog import Query
from .results import Answer


class Target(Protocol):
    """Anything that answers SPARQL text: the embedded store, or a remote endpoint."""

    def select(self, sparql: str) -> Answer: ...


def run(query: Query, target: Target, params: dict[str, list[str]] | None = None) -> Answer:
    """Bind ``params`` (name -> values) safely into ``query`` and run it on ``target``."""
    return target.select(bind(query, params or {}))
