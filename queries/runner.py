"""Run a library query on a target: bind its parameters, send the final text, return the answer."""

from __future__ import annotations

from typing import Protocol

from .binding import bind
from .catalog import LIST_SEPARATOR, Query
from .results import TRUTH, XSD_BOOLEAN, XSD_STRING, Answer, Term

_BOOLEAN_TYPES = (XSD_BOOLEAN, "http://www.w3.org/2001/XMLSchema#integer", "http://www.w3.org/2001/XMLSchema#int")


class Target(Protocol):
    """Anything that answers SPARQL text: the embedded store, or a remote endpoint."""

    def select(self, sparql: str) -> Answer: ...


def run(query: Query, target: Target, params: dict[str, list[str]] | None = None) -> Answer:
    """Bind ``params`` (name -> values) safely into ``query`` and run it on ``target``."""
    answer = target.select(bind(query, params or {}))
    if query.booleans:
        answer = read_booleans(answer, query.booleans)
    return sorted_lists(answer, query.lists) if query.lists else answer


def read_booleans(answer: Answer, columns: tuple[str, ...]) -> Answer:
    """A declared boolean column's 1 and 0 (Virtuoso answers booleans as integers) as true and false."""
    at = [i for i, c in enumerate(answer.columns) if c in columns]

    def fix(term: Term | None) -> Term | None:
        if term is None or term.kind != "literal" or term.datatype not in _BOOLEAN_TYPES or term.value not in TRUTH:
            return term
        return Term("literal", TRUTH[term.value], XSD_BOOLEAN)

    return Answer(answer.columns, tuple(tuple(fix(t) if i in at else t for i, t in enumerate(row)) for row in answer.terms))


def sorted_lists(answer: Answer, columns: tuple[str, ...]) -> Answer:
    """The values inside each joined column in order, as plain text, so an answer has the same text on every run and engine.

    Plain text: Oxigraph keeps the language tag of a GROUP_CONCAT whose values share one, Virtuoso does not.
    An empty list is no value: Oxigraph leaves a GROUP_CONCAT of unbound values unbound, Virtuoso makes it "".
    An empty value in a list is left out: a query that gathers two lists in one GROUP BY joins "" for the rows
    that belong to the other list (an unbound value would make the whole GROUP_CONCAT an error).
    """
    at = [i for i, c in enumerate(answer.columns) if c in columns]
    if not at:
        return answer

    def fix(term: Term | None) -> Term | None:
        if term is None or term.kind != "literal":
            return term
        values = sorted(value for value in term.value.split(LIST_SEPARATOR) if value)
        if not values:
            return None
        return Term("literal", LIST_SEPARATOR.join(values), XSD_STRING)

    rows = tuple(tuple(fix(t) if i in at else t for i, t in enumerate(row)) for row in answer.terms)
    return Answer(answer.columns, rows)
