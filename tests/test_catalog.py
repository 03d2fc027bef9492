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
        ("#+ summary: s\n#+ description: d\n#+ colour: red\n", "q.rq: unknown header key 'colour'; the keys are description, params, summary, tags"),
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
