"""Submissions are validated incrementally, with the same results as validating everything, and without the network."""

from __future__ import annotations

import json

import shutil
import socket

import pytest
from click.testing import CliRunner

from cheikg.build import compile_data, validation_graph
from cheikg.cli import cli
from cheikg.submission import check
from cheikg.validation import merge, run_shacl


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args))


def _key(f):
    return (f.line, f.column, f.record, f.field, f.rule, f.severity, f.message, f.value)


BREAKAGES = [
    ("", ""),  # the file as it is: clean either way
    ("role: rotating-chair", "role: rotating-chiar"),
    ("    term: 1\n", "    term: 1\n    end: 2020-01-01\n"),
    ("    member: tyut\n", "    member: tyutt\n"),
    ("type: founding-conference", "type: founding-conferense"),
]


@pytest.mark.parametrize("old, new", BREAKAGES)
def test_incremental_results_equal_whole_graph_results(checkout, old, new):
    """The submission checked against the stored build gives exactly the results of validating the whole graph."""
    name = "000-shanxi-isea.yaml"
    text = (checkout / "data" / "facts" / name).read_text(encoding="utf-8")
    assert old in text
    broken = text.replace(old, new, 1)
    (checkout / "data" / "facts" / name).unlink()
    sub = checkout / name
    sub.write_text(broken, encoding="utf-8")
    incremental = check([sub], checkout / "data", checkout / "build").report.findings

    whole = checkout / "whole"
    shutil.copytree(checkout / "data", whole)
    (whole / "facts" / name).write_text(broken, encoding="utf-8")
    compiled = compile_data(whole)  # with the reference tables, validated as `cheikg build` does
    findings = merge(compiled.findings, run_shacl(validation_graph(compiled), compiled.origins, focus=compiled.record_nodes).findings)
    expected = [f for f in findings if f.path.endswith("facts/" + name)]
    assert sorted(map(_key, incremental)) == sorted(map(_key, expected))
    assert bool(expected) == bool(old)


def test_the_context_is_the_referenced_nodes_only(checkout):
    """A membership pulls in the stored alliance and member, not the rest of the graph."""
    sub = checkout / "m.yaml"
    sub.write_text("memberships:\n  - id: m-x\n    member: wut\n    organization: shanxi-isea\n    role: member\n"
                   "    source: tyut-shanxi-isea-founding\n    quote: \"TYUT would join hands\"\n", encoding="utf-8")
    from cheikg.build import open_store
    from cheikg.submission import _references

    checked = check([sub], checkout / "data", checkout / "build")
    refs = _references(checked.loaded.graph, checked.loaded.index)
    assert [r.rsplit("/", 1)[1] for r in refs] == ["shanxi-isea", "tyut-shanxi-isea-founding", "wut"]
    context = open_store(checkout / "data", checkout / "build").describe(refs)
    described = {str(s) for s, p, o in context if str(p) != "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"}
    assert sorted(d.rsplit("/", 1)[1] for d in described) == ["shanxi-isea", "tyut-shanxi-isea-founding", "wut"]
    assert "https://w3id.org/cheikg/resource/jx-scoe-alliance" not in {str(s) for s in context.subjects()}
    assert 0 < len(context) < 150


NO_NETWORK_CASES = {
    "remote.jsonld": (
        '{\n  "@context": "https://schema.org/",\n  "@id": "https://w3id.org/cheikg/resource/x",\n  "name": "X"\n}\n',
        "remote.jsonld:2: the remote JSON-LD context 'https://schema.org/' is refused: validation reads nothing from the network; put the context in the file itself",
    ),
    "nested.jsonld": (
        '{\n  "@graph": [\n    {\n      "@context": [{"name": "http://schema.org/name"}, "http://example.org/ctx.jsonld"],\n      "@id": "urn:x"\n    }\n  ]\n}\n',
        "nested.jsonld:4: the remote JSON-LD context 'http://example.org/ctx.jsonld' is refused: validation reads nothing from the network; put the context in the file itself",
    ),
    "import.jsonld": (
        '{\n  "@context": {"@import": "https://example.org/ctx.jsonld"},\n  "@id": "urn:x"\n}\n',
        "import.jsonld:2: the remote JSON-LD context 'https://example.org/ctx.jsonld' is refused: validation reads nothing from the network; put the context in the file itself",
    ),
    "xxe.rdf": (
        '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:s="http://schema.org/">\n'
        '  <rdf:Description rdf:about="urn:x"><s:name>&xxe;</s:name></rdf:Description>\n</rdf:RDF>\n',
        "xxe.rdf:2: XML document type declarations and entities are refused: they can read local files or the network (XXE); remove the <!DOCTYPE ...> block",
    ),
    "imports.ttl": (
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n\n<urn:x> owl:imports <https://example.org/onto.ttl> .\n",
        "imports.ttl:3: owl:imports is refused: validation reads no other documents; put the triples in the file itself",
    ),
    "imports.jsonld": (
        '{\n  "@id": "urn:x",\n  "http://www.w3.org/2002/07/owl#imports": {"@id": "https://example.org/onto.ttl"}\n}\n',
        "imports.jsonld:3: owl:imports is refused: validation reads no other documents; put the triples in the file itself",
    ),
}


@pytest.fixture()
def no_network(monkeypatch):
    """Any attempt to reach the network fails the test."""
    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.mark.parametrize("name", sorted(NO_NETWORK_CASES))
def test_network_references_are_refused_before_parsing(checkout, no_network, name):
    text, message = NO_NETWORK_CASES[name]
    (checkout / name).write_text(text, encoding="utf-8")
    result = invoke("validate", name)
    assert result.exit_code == 3
    assert result.stderr == f"Error: cannot read the input:\n{message}\n"


def test_inline_json_ld_is_read_offline(checkout, no_network):
    (checkout / "ok.jsonld").write_text(
        '{\n  "@context": {"name": "http://www.w3.org/2004/02/skos/core#prefLabel"},\n'
        '  "@id": "https://w3id.org/cheikg/resource/x-univ",\n  "@type": "https://w3id.org/cheikg/ontology#University",\n  "name": "X University"\n}\n',
        encoding="utf-8")
    result = invoke("validate", "ok.jsonld")
    assert result.exit_code in (0, 1), result.output
    assert "Error" not in result.output


def test_a_turtle_submission_with_blank_nodes_is_refused_with_the_line(checkout):
    """The graph has no blank nodes (every node is minted from a record id): one cannot be matched against the
    stored graph nor named in a message, so an RDF submission that has one is refused (cheikg.rdf_input)."""
    (checkout / "bnode.ttl").write_text(
        "@prefix cheikg: <https://w3id.org/cheikg/ontology#> .\n@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "@prefix org: <http://www.w3.org/ns/org#> .\n\n"
        "<https://w3id.org/cheikg/resource/x-univ> a cheikg:University ;\n"
        "    skos:prefLabel \"X University\"@en ;\n    org:hasSite [ skos:prefLabel \"main campus\"@en ] .\n",
        encoding="utf-8")
    result = invoke("validate", "bnode.ttl", "--format", "json")
    assert result.exit_code == 1, result.output
    found = {(r["line"], r["message"]) for r in json.loads(result.output)["results"] if r["rule"] == "rdf/blank-node"}
    assert found == {(7, "a blank node (1 in the file): the graph has none, since a blank node cannot be matched against the stored graph, "
                         "nor named in a message; name each node with its IRI (https://w3id.org/cheikg/resource/ID)")}
