"""Parameter values are bound as terms: an injection corpus never changes the query's shape."""

from __future__ import annotations

import pytest
from rdflib.plugins.sparql import prepareQuery

from cheikg.errors import QueryError
from cheikg.queries.binding import bind, serialize_value
from cheikg.queries.catalog import Param, parse_query

QUERY = parse_query(
    "probe",
    """#+ summary: probe
#+ description: a query to bind into
#+ params:
#+   - name: label
#+     type: string
#+     description: a label
#+   - name: thing
#+     type: id
#+     description: a record id
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?thing ?label WHERE {
  ?thing skos:prefLabel ?label .  # a comment with WHERE { in it
  FILTER(?label != "WHERE {")
}
ORDER BY ?label
""",
)

INJECTIONS = [
    'x" } ; DROP ALL ; #',
    "x' } #",
    "a > b",
    "}",
    "{ ?s ?p ?o }",
    "line\nbreak } UNION { ?s ?p ?o",
    "tab\tand\rreturn",
    "# comment } ",
    '"""triple"""',
    "back\\slash\\",
    "太原理工大学",
    "ending with backslash \\",
    "\x07bell",
]


def _shape(text: str):
    return str(prepareQuery(text).algebra).replace("\n", " ")


def _without_values(algebra: str) -> str:
    import re

    return re.sub(r"res=\[[^\]]*\]", "res=[...]", algebra)


@pytest.mark.parametrize("value", INJECTIONS)
def test_string_values_never_change_the_query_shape(value):
    plain = bind(QUERY, {"label": ["harmless"]})
    hostile = bind(QUERY, {"label": [value]})
    assert hostile.count("\n") == plain.count("\n")
    prepared = prepareQuery(hostile)
    assert [str(v) for v in prepared.algebra["PV"]] == ["thing", "label"]
    # the bound value comes back intact from a real engine
    from cheikg.api import KnowledgeGraph

    kg = KnowledgeGraph.in_memory(b"")
    answer = kg.sparql(bind(parse_query("echo", '#+ summary: e\n#+ description: e\n#+ params:\n#+   - {name: v, type: string, description: v}\nSELECT ?v WHERE { }\n'), {"v": [value]}))
    assert answer.terms[0][0].value == value


@pytest.mark.parametrize("value", ["\\u0022", "x\\U0000007D"])
def test_unicode_escapes_are_refused(value):
    with pytest.raises(QueryError, match="a backslash followed by 'u' is refused"):
        bind(QUERY, {"label": [value]})


@pytest.mark.parametrize("value", ["http://x/> . } #", "http://x/a b", 'http://x/"', "http://x/{", "not an iri", "javascript:<x>"])
def test_hostile_iris_are_refused(value):
    with pytest.raises(QueryError, match="is not an IRI or a record id"):
        bind(QUERY, {"thing": [value]})


def test_ids_become_resource_iris():
    assert serialize_value(Param("thing", "id", "d"), "tyut") == "<https://w3id.org/cheikg/resource/tyut>"


def test_values_go_after_the_real_where_brace():
    text = bind(QUERY, {"thing": ["tyut"]})
    assert "SELECT ?thing ?label WHERE {\n  VALUES ?thing { <https://w3id.org/cheikg/resource/tyut> }\n" in text


def test_typed_values_are_checked():
    with pytest.raises(QueryError, match="must be a whole number"):
        serialize_value(Param("n", "integer", "d"), "1; DROP")
    with pytest.raises(QueryError, match="is not a real date"):
        serialize_value(Param("d", "date", "d"), "2025-02-30")
    assert serialize_value(Param("d", "date", "d"), "2025-11") == '"2025-11-01"^^<http://www.w3.org/2001/XMLSchema#date>'


def test_unknown_and_missing_parameters():
    with pytest.raises(QueryError, match="has no parameter 'nope'"):
        bind(QUERY, {"nope": ["x"]})
    with pytest.raises(QueryError, match="takes one value"):
        bind(QUERY, {"label": ["a", "b"]})


@pytest.mark.parametrize(("kind", "value"), [
    ("id", "jx-scoe-alliance\n"),  # '$' matched before the final newline: the id was pasted into the IRI with its line break
    ("id", "tyut\r\n"),
    ("concept", "member\n"),
    ("iri", "https://example.org/x\n"),
])
def test_a_trailing_line_break_never_reaches_the_query_text(kind, value):
    param = Param("p", kind, "d", scheme="alliance-role") if kind == "concept" else Param("p", kind, "d")
    with pytest.raises(QueryError) as refused:
        serialize_value(param, value)
    assert "\n" not in str(refused.value)  # shown as \n, not printed


def test_an_integer_parameter_of_5000_digits_is_refused_not_a_crash():
    with pytest.raises(QueryError, match=r"^parameter 'n' must be a whole number between -9,223,372,036,854,775,808 and "
                                          r"9,223,372,036,854,775,807, not one of 5,000 digits$"):
        serialize_value(Param("n", "integer", "d"), "9" * 5000)
    assert serialize_value(Param("n", "integer", "d"), " 007 ") == "7"
    with pytest.raises(QueryError, match="must be a whole number, not"):
        serialize_value(Param("n", "integer", "d"), "١٢")  # Arabic-Indic digits are digits to \d, not to SPARQL
