"""The query header is parsed strictly: a malformed header is an error naming the file."""

from __future__ import annotations

import pytest

from cheikg.errors import QueryError
from cheikg.queries.catalog import library, parse_query

BODY = "SELECT ?x WHERE { ?x ?p ?o }\n"


@pytest.mark.parametrize(
    "header, message",
    [
        ("", "q.rq:1: the query has no '#+' header; start it with '#+ summary: ...' and '#+ description: ...'"),
        ("#+ summary: s\n", "q.rq: the header needs a 'description' (one line of text)"),
        ("#+ description: d\n", "q.rq: the header needs a 'summary' (one line of text)"),
        ("#+ summary: s\n#+ description: d\n#+ colour: red\n", "q.rq: unknown header key 'colour'; the keys are booleans, description, lists, params, summary, tags"),
        ("#+ summary: s\n#+ description: d\n#+ booleans: flag\n", "q.rq: 'booleans' must be a list of answer columns, such as [inferred]"),
        ("#+ summary: s\n#+ description: d\n#+ booleans: [flag]\n", "q.rq: the boolean column 'flag' is not in the query; name a variable it answers"),
        ("#+ summary: s\n#+ description: d\n#+ lists: names\n", "q.rq: 'lists' must be a list of answer columns, such as [parties, sources]"),
        ("#+ summary: s\n#+ description: d\n#+ lists: [x]\n", "q.rq: the list column 'x' is not made by the query; name a variable it binds with '... AS ?x'"),
        ("#+ summary: [unclosed\n#+ description: d\n", "q.rq:2: the '#+' header is not valid YAML: expected ',' or ']', but got ':'"),
        ("#+ summary: s\n#+ description: d\n#+ tags: red\n", "q.rq: 'tags' must be a list of words, such as [alliances]"),
        ("#+ summary: s\n#+ description: d\n#+ params:\n#+   - {name: y, type: string, description: d}\n", "q.rq: parameter 'y' is declared but the query never uses ?y"),
        ("#+ summary: s\n#+ description: d\n#+ params:\n#+   - {name: x, type: colour, description: d}\n", "q.rq: parameter 'x' has type 'colour'"),
        ("#+ summary: s\n#+ description: d\n#+ params:\n#+   - {name: x, type: concept, description: d}\n", "q.rq: parameter 'x' of type concept needs a 'scheme'"),
        ("#+ summary: s\n#+ description: d\n#+ params:\n#+   - {name: x, type: id}\n", "q.rq: parameter 'x' needs a 'description'"),
        ("#+ summary: s\n#+ description: d\n#+ params:\n#+   - {name: x, type: id, description: d, optional: true}\n", "q.rq: parameter 'x' has unknown key 'optional'"),
    ],
)
def test_bad_headers_are_errors(header, message):
    with pytest.raises(QueryError) as e:
        parse_query("q", header + BODY)
    assert str(e.value).startswith(message)


def test_every_library_query_parses_and_documents_itself():
    lib = library()
    assert len(lib) >= 11
    for name, q in lib.items():
        assert q.summary and q.description, name
        assert "ORDER BY" in q.text.upper(), f"{name}: a SELECT without ORDER BY answers in no fixed order"


def test_joined_columns_are_answered_in_order_whatever_the_engine_met_the_rows():
    from cheikg.queries.results import XSD_STRING, Answer, Term
    from cheikg.queries.runner import run

    query = parse_query("q", "#+ summary: s\n#+ description: d\n#+ lists: [names]\n"
                        "SELECT ?x (GROUP_CONCAT(?n; SEPARATOR=\" | \") AS ?names) WHERE { ?x ?p ?n } GROUP BY ?x ORDER BY ?x\n")

    class Engine:
        def select(self, text):
            return Answer(("x", "names"), ((Term("iri", "urn:a"), Term("literal", "Zhejiang | Anhui | 北京 | Beijing")), (Term("iri", "urn:b"), None)))

    answer = run(query, Engine())
    assert answer.terms == ((Term("iri", "urn:a"), Term("literal", "Anhui | Beijing | Zhejiang | 北京", XSD_STRING)), (Term("iri", "urn:b"), None))


def test_every_group_concat_column_of_the_library_is_sorted():
    import re

    made = re.compile(r'GROUP_CONCAT\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\)\s*AS\s*\?(\w+)', re.S)
    for name, q in library().items():
        assert set(made.findall(q.text)) == set(q.lists), name
