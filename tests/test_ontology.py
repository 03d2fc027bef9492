"""The ontology documents itself and stays consistent with the data under OWL RL."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from cheikg.build import ontology_graph
from cheikg.namespaces import CHEIKG, RES
from cheikg.resources import import_texts


def _terms(g: Graph):
    for cls in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDFS.Datatype):
        for s in g.subjects(RDF.type, cls):
            if str(s).startswith(str(CHEIKG)):
                yield s


def test_every_term_has_english_label_and_comment():
    g = ontology_graph()
    terms = sorted(_terms(g))
    assert len(terms) > 60
    for term in terms:
        labels = {l.language for l in g.objects(term, RDFS.label)}
        assert "en" in labels, term
        assert any(isinstance(c, Literal) for c in g.objects(term, RDFS.comment)), term


def test_every_concept_has_en_and_zh_labels_and_a_notation():
    from rdflib.namespace import SKOS

    g = ontology_graph()
    concepts = list(g.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) > 90
    for c in concepts:
        assert {l.language for l in g.objects(c, SKOS.prefLabel)} == {"en", "zh"}, c
        assert g.value(c, SKOS.notation) is not None, c


def _shared_pref_labels(g: Graph) -> list[tuple[str, str, str, list[str]]]:
    """(scheme, language, label, concepts) for each preferred label that two concepts of one scheme share."""
    from rdflib.namespace import SKOS

    holders: dict[tuple[str, str, str], list[str]] = {}
    for c in g.subjects(RDF.type, SKOS.Concept):
        for scheme in g.objects(c, SKOS.inScheme):
            for label in g.objects(c, SKOS.prefLabel):
                holders.setdefault((str(scheme), label.language, str(label)), []).append(str(c))
    return sorted((*key, sorted(concepts)) for key, concepts in holders.items() if len(concepts) > 1)


def _missing_definitions(g: Graph) -> list[tuple[str, str]]:
    """(concept, language) for each concept without a skos:definition in English or in Chinese."""
    from rdflib.namespace import SKOS

    return sorted((str(c), lang) for c in g.subjects(RDF.type, SKOS.Concept) for lang in ("en", "zh")
                  if lang not in {d.language for d in g.objects(c, SKOS.definition)})


def test_no_two_concepts_of_a_scheme_share_a_preferred_label():
    """vice-chancellor, vice-president and vice-rector were all 副校长; president, rector and chancellor 校长; program and project 项目."""
    assert _shared_pref_labels(ontology_graph()) == []


def test_every_concept_has_an_english_and_a_chinese_definition():
    assert _missing_definitions(ontology_graph()) == []


def test_the_vocabulary_checks_name_what_is_wrong():
    g = Graph().parse(data="""
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        @prefix ex: <https://example.org/> .
        ex:a a skos:Concept ; skos:inScheme ex:posts ; skos:prefLabel "president"@en, "校长"@zh ; skos:definition "Head."@en, "首长。"@zh .
        ex:b a skos:Concept ; skos:inScheme ex:posts ; skos:prefLabel "rector"@en, "校长"@zh ; skos:definition "Head."@en .
        ex:c a skos:Concept ; skos:inScheme ex:other ; skos:prefLabel "president"@en ; skos:definition "A."@en, "甲。"@zh .
    """, format="turtle")
    assert _shared_pref_labels(g) == [("https://example.org/posts", "zh", "校长", ["https://example.org/a", "https://example.org/b"])]
    assert _missing_definitions(g) == [("https://example.org/b", "zh")]


def _owlrl_closure(data: Graph) -> Graph:
    owlrl = pytest.importorskip("owlrl")
    g = Graph()
    g += data
    for _name, text in import_texts():
        g.parse(data=text, format="turtle")
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(g)
    return g


def _inconsistencies(g: Graph) -> list[str]:
    # owlrl marks a clash by typing a node owl:Nothing or adding an error message
    errors = [str(o) for o in g.objects(None, URIRef("http://www.daml.org/2002/03/agents/agent-ont#error"))]
    errors += [str(s) for s in g.subjects(RDF.type, OWL.Nothing)]
    return errors


SAMPLED_PROVINCES = ("11", "36", "65")  # Beijing (a municipality), Jiangxi, Xinjiang (county-level cities under the region)


def _records_and_reference_sample(compiled) -> Graph:
    """The records' triples, the reference entities they refer to, and those of three provinces and every country.

    OWL RL (owlrl, pure Python) over all 2,919 institutions of the reference data
    takes minutes and meets the same few patterns again and again: one loader
    function per table makes every row's triples. The sample holds every kind
    of reference node (institution, ROR link, historic name, province,
    municipality, city, county, country, world university, reified name).
    """
    reference = {i for i, e in compiled.index.entries.items() if Path(e.path).parent.name == "reference"}

    def reference_id(node) -> str | None:
        local = str(node)[len(str(RES)):].split(".", 1)[0] if str(node).startswith(str(RES)) else None
        return local if local in reference else None

    def in_sample(local: str) -> bool:
        return (len(local) == 2  # a country
                or local.startswith("moe-41") and local[6:8] in SAMPLED_PROVINCES
                or local.startswith("cn-") and local[3:5] in SAMPLED_PROVINCES)

    kept = {i for i in reference if in_sample(i)}
    kept |= {reference_id(o) for s, _p, o in compiled.graph if reference_id(s) is None and reference_id(o) is not None}
    out = Graph()
    for s, p, o in compiled.graph:
        if reference_id(s) is None or reference_id(s) in kept:
            out.add((s, p, o))
    return out


def test_ontology_and_seed_data_are_consistent_under_owl_rl(seed_compiled):
    closed = _owlrl_closure(_records_and_reference_sample(seed_compiled))
    assert _inconsistencies(closed) == []
    # the closure does what the ontology says: a university is an org:Organization
    assert (RES.tyut, RDF.type, URIRef("http://www.w3.org/ns/org#Organization")) in closed


def test_the_consistency_check_can_fail(seed_compiled):
    """An alliance that is also a person clashes (foaf:Person is disjoint with foaf:Organization)."""
    data = _records_and_reference_sample(seed_compiled)
    data.add((RES["shanxi-isea"], RDF.type, URIRef("http://xmlns.com/foaf/0.1/Person")))
    assert _inconsistencies(_owlrl_closure(data))
