"""Run a library query on a target: bind its parameters, send the final text, return the answer."""

from __future__ import annotations

from typing import Protocol

from .binding import bind
from .catalog import LIST_SEPARATOR, Query
from .results import Answer, Term


class Target(Protocol):
    """Anything that answers SPARQL text: the embedded store, or a remote endpoint."""

    def select(self, sparql: str) -> Answer: ...


def run(query: Query, target: Target, params: dict[str, list[str]] | None = None) -> Answer:
    """Bind ``params`` (name -> values) safely into ``query`` and run it on ``target``."""
    answer = target.select(bind(query, params or {}))
    return sorted_lists(answer, query.lists) if query.lists else answer


def sorted_lists(answer: Answer, columns: tuple[str, ...]) -> Answer:
    """The values inside each joined column in order, so an answer has the same text on every run and engine."""
    at = [i for i, c in enumerate(answer.columns) if c in columns]
    if not at:
        return answer

    def fix(term: Term | None) -> Term | None:
        if term is None or LIST_SEPARATOR not in term.value:
            return term
        return Term(term.kind, LIST_SEPARATOR.join(sorted(term.value.split(LIST_SEPARATOR))), term.datatype, term.lang)

    rows = tuple(tuple(fix(t) if i in at else t for i, t in enumerate(row)) for row in answer.terms)
    return Answer(answer.columns, rows)
