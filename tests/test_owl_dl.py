"""The ontology with its imports, and every built graph, are OWL 2 DL and consistent (OWL API, HermiT, Pellet).

One child process (tests/owl2_check.py) checks every graph below in one JVM. A term that a
change to the ontology or to a loader starts using without declaring it fails here, with the
declaration to add to ontology/imports/declarations.ttl.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import FOAF, OWL, RDF, RDFS

from cheikg.build import ontology_graph
from cheikg.export import to_ntriples
from cheikg.namespaces import CHEIKG, RES
from cheikg.resources import import_texts

sys.path.insert(0, str(Path(__file__).parent))
from owl2_check import java_missing  # noqa: E402

SCHEMA = "https://schema.org/"
HINT = ("declare each reused term once in ontology/imports/declarations.ttl (owl:Class, owl:ObjectProperty for IRI values, "
        "owl:DatatypeProperty for literal values, owl:AnnotationProperty for labels, notes and metadata); "
        "a language-tagged range is rdf:PlainLiteral, not rdf:langString")


def _with_imports(*graphs: Graph) -> Graph:
    g = Graph()
    for part in graphs:
        g += part
    for _name, text in import_texts():
        g.parse(data=text, format="turtle")
    return g


def _without_reification(g: Graph) -> Graph:
    """The graph less the rdf:Statement nodes of reference names (loaders/reference.py).

    An RDF reification of a triple that is not asserted (the reference data's name for a node
    whose record names it otherwise) has no counterpart in OWL 2 DL, where rdf:Statement,
    rdf:subject, rdf:predicate and rdf:object are reserved vocabulary.
    """
    statements = set(g.subjects(RDF.type, RDF.Statement))
    out = Graph()
    for t in g:
        if t[0] not in statements:
            out.add(t)
    return out


def _ontology() -> Graph:
    return _with_imports(ontology_graph())


def _undeclared_reuse() -> Graph:
    """A new property ranging over a schema.org class nobody declared, and data using an undeclared schema.org property."""
    g = _ontology()
    g.add((CHEIKG.fundedBy, RDF.type, OWL.ObjectProperty))
    g.add((CHEIKG.fundedBy, RDFS.range, URIRef(SCHEMA + "Organization")))
    g.add((RES.tyut, URIRef(SCHEMA + "foundingDate"), Literal("1902")))
    return g


def _langstring_range() -> Graph:
    """The ontology as it was: a language-tagged text property ranging over rdf:langString, and a value of it."""
    g = _ontology()
    g.set((CHEIKG.postTitle, RDFS.range, RDF.langString))
    g.add((RES["post-1"], CHEIKG.postTitle, Literal("校长", lang="zh")))
    return g


def _data_property_with_an_iri() -> Graph:
    g = _ontology()
    g.add((RES.cn, CHEIKG.countryCode, RES.china))
    return g


def _person_alliance() -> Graph:
    """An alliance that is also a person: foaf:Person is disjoint with foaf:Organization (ORG pitfall P4)."""
    g = _ontology()
    g.add((RES["shanxi-isea"], RDF.type, CHEIKG.Alliance))
    g.add((RES["shanxi-isea"], RDF.type, FOAF.Person))
    return g


@pytest.fixture(scope="module")
def checked(tmp_path_factory, corpus_compiled) -> dict[str, dict]:
    missing = java_missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"the OWL 2 DL check cannot run in CI: {missing}")
        pytest.skip(missing)
    graphs = {
        "ontology": _ontology(),
        "built": _without_reification(_with_imports(corpus_compiled.graph)),
        "undeclared": _undeclared_reuse(),
        "langstring": _langstring_range(),
        "pun": _data_property_with_an_iri(),
        "person-alliance": _person_alliance(),
    }
    folder = tmp_path_factory.mktemp("owl2")
    paths = []
    for name, g in graphs.items():
        path = folder / f"{name}.nt"
        path.write_text(to_ntriples(g), encoding="utf-8")
        paths.append(str(path))
    checker = Path(__file__).parent / "owl2_check.py"
    run = subprocess.run([sys.executable, str(checker), "--unsatisfiable", *paths], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    results = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
    return {name: result for name, result in zip(graphs, results, strict=True)}


_RESERVED = {"rdf": str(RDF), "rdfs": str(RDFS), "owl": str(OWL), "xsd": "http://www.w3.org/2001/XMLSchema#"}


def _entities(result: dict) -> set[tuple[str, str]]:
    """(kind, term) of each violation: the term is the first IRI the OWL API names."""
    out = set()
    for v in result["violations"]:
        term = re.search(r": <([^>]*)>|: (rdf|rdfs|owl|xsd):([\w-]+)", v["text"])
        iri = (term.group(1) or _RESERVED[term.group(2)] + term.group(3)) if term else v["text"]
        out.add((v["kind"], iri))
    return out


def _report(result: dict) -> str:
    return "\n".join(v["text"] for v in result["violations"][:40]) + "\n" + HINT


def test_ontology_with_imports_is_owl2_dl(checked):
    assert checked["ontology"]["violations"] == [], _report(checked["ontology"])


def test_built_graph_is_owl2_dl(checked):
    """Every term the loaders write is declared, once, as one kind (the records, the corpus and the reference data)."""
    assert checked["built"]["violations"] == [], _report(checked["built"])


def test_ontology_is_consistent_and_every_class_satisfiable(checked):
    result = checked["ontology"]
    assert (result["hermit"], result["pellet"]) == (True, True)
    assert result["unsatisfiable"] == []


def test_built_graph_is_consistent_for_hermit_and_pellet(checked):
    """The issue's finding: Pellet called the built graph inconsistent (rdf:langString ranges); HermiT and Pellet agree now."""
    result = checked["built"]
    assert (result["hermit"], result["pellet"]) == (True, True)
    assert result["unsatisfiable"] == []


def test_an_undeclared_reused_term_is_named(checked):
    assert _entities(checked["undeclared"]) == {
        ("UseOfUndeclaredClass", SCHEMA + "Organization"),
        ("UseOfUndeclaredAnnotationProperty", SCHEMA + "foundingDate"),
    }


def test_a_langstring_range_is_not_dl_and_pellet_finds_it_inconsistent(checked):
    result = checked["langstring"]
    assert _entities(result) == {
        ("UseOfReservedVocabularyForClassIRI", str(RDF.langString)),
        ("UseOfUndeclaredClass", str(RDF.langString)),
        ("UseOfUndeclaredObjectProperty", str(CHEIKG.postTitle)),
        ("IllegalPunning", str(CHEIKG.postTitle)),
    }
    assert result["pellet"] is False


def test_a_data_property_given_an_iri_is_an_illegal_pun(checked):
    """The OWL API reads the IRI-valued triple as an annotation: cheikg:countryCode is then two kinds of property."""
    assert _entities(checked["pun"]) == {
        ("UseOfUndeclaredAnnotationProperty", str(CHEIKG.countryCode)),
        ("IllegalPunning", str(CHEIKG.countryCode)),
    }


def test_a_person_that_is_an_alliance_is_inconsistent(checked):
    result = checked["person-alliance"]
    assert result["violations"] == []
    assert (result["hermit"], result["pellet"]) == (False, False)
