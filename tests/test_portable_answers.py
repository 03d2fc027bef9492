"""Answers that do not depend on the engine: declared boolean columns, and joined lists as plain text.

Virtuoso 7 answers every boolean as the integer 1 or 0, and drops the language
tag that Oxigraph keeps on a GROUP_CONCAT of labels in one language; the
query header declares which columns are flags (``booleans``) and which join
values (``lists``), and the runner reads both the same from every engine.
"""

from __future__ import annotations

import pytest
from test_remote import example_value

from cheikg.queries.catalog import library, parse_query
from cheikg.queries.results import LANG_STRING, XSD_BOOLEAN, XSD_STRING, Answer, Term
from cheikg.queries.runner import run

XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"


class Canned:
    """A target answering every query with the same rows, as some engine would."""

    def __init__(self, answer: Answer):
        self.answer = answer

    def select(self, sparql: str) -> Answer:
        return self.answer


FLAGS = parse_query("flags", "#+ summary: s\n#+ description: d\n#+ booleans: [known]\n#+ lists: [names]\n"
                    "SELECT ?known ?count (GROUP_CONCAT(?name) AS ?names) WHERE { } GROUP BY ?known ?count\n")


def test_declared_boolean_columns_read_1_and_0_as_true_and_false():
    one, zero = Term("literal", "1", XSD_INTEGER), Term("literal", "0", XSD_INTEGER)
    answer = run(FLAGS, Canned(Answer(("known", "count", "names"), ((one, one, None), (zero, zero, None), (None, one, None)))))
    assert answer.terms == (
        (Term("literal", "true", XSD_BOOLEAN), one, None),
        (Term("literal", "false", XSD_BOOLEAN), zero, None),  # an undeclared column keeps its integers
        (None, one, None),
    )


def test_list_columns_are_sorted_plain_text_whatever_the_engine_tagged():
    tagged = Term("literal", "Tsinghua University | Peking University", LANG_STRING, "en")
    answer = run(FLAGS, Canned(Answer(("known", "count", "names"), ((None, None, tagged),))))
    assert answer.terms[0][2] == Term("literal", "Peking University | Tsinghua University", XSD_STRING)


def test_an_empty_list_is_no_value_as_on_oxigraph():
    """Oxigraph leaves a GROUP_CONCAT of unbound values unbound; Virtuoso 7 answers it as an empty string."""
    answer = run(FLAGS, Canned(Answer(("known", "count", "names"), ((None, None, Term("literal", "", XSD_STRING)),))))
    assert answer.terms == ((None, None, None),)


@pytest.mark.parametrize("name", sorted(library()))
def test_every_boolean_column_of_the_library_is_declared(name, corpus_kg):
    """A flag column must be declared, or Virtuoso's answer prints 1 and 0 where the embedded store prints true and false.

    A flag column holds booleans only; a column of values of any type (site-statements' value) is not one:
    declared, its integers 1 and 0 would be read as booleans (its stored booleans come back as such anyway).
    """
    query = library()[name]
    types: dict[str, set[str | None]] = {}
    required = {p.name: [example_value(p)] for p in query.params if p.required}
    every = {p.name: [example_value(p)] for p in query.params}
    for values in (required, every) if every != required else (required,):
        answer = run(query, corpus_kg.target, values)
        for row in answer.terms:
            for column, term in zip(answer.columns, row):
                if term is not None:
                    types.setdefault(column, set()).add(term.datatype)
    flags = {column for column, seen in types.items() if seen == {XSD_BOOLEAN}}
    assert sorted(flags - set(query.booleans)) == []
    assert sorted(set(query.booleans) - flags - {c for c in query.booleans if c not in types}) == []  # a declared column holds booleans only
