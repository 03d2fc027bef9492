"""The fast validator (cheikg.shacl) gives pySHACL's results, on valid and invalid graphs.

Both engines validate the same graphs against the packaged shapes, called as
cheikg.validation calls pySHACL, and every validation result must match: focus
node, path, value, source constraint component, source shape, source
constraint, severity and messages, with the sh:detail results nested under
sh:node results; as multisets, since both report a result once per (parent,
value) pair. The graphs:

* the seed graph (data/, compiled as `cheikg build` does);
* every example of tests/shapes/<Shape>/ (valid and invalid), merged into one
  graph with each example's resources renamed apart;
* the seed graph after seeded random perturbations (deleted, duplicated and
  retargeted triples, broken literals, language tags and dates), which breaks
  most constraints at once.

Then: run_shacl(engine="fast") gives the same findings as the default engine,
and what the fast engine does not run is refused with a message, never
skipped.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from pyshacl import validate as pyshacl_validate
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, XSD

from cheikg.build import ontology_graph
from cheikg.export import to_ntriples
from cheikg.resources import shape_texts
from cheikg.shacl import FastShaclUnsupported
from cheikg.shacl import validate as fast_validate
from cheikg.validation import _report as validation_report
from cheikg.validation import run_shacl, shapes_graph

SH = Namespace("http://www.w3.org/ns/shacl#")
RES = "https://w3id.org/cheikg/resource/"
EXAMPLES = Path(__file__).resolve().parent / "shapes"


# -- comparing two validation reports --------------------------------------------------------------

def _term(t):
    """RDF 1.1 equality: a plain literal is an xsd:string, language tags are case-insensitive."""
    if isinstance(t, Literal):
        if t.language:
            return Literal(str(t), lang=t.language.lower())
        if t.datatype in (None, XSD.string):
            return Literal(str(t))
    return t


def _path(g: Graph, p):
    if not isinstance(p, BNode):
        return p
    if g.value(p, RDF.first) is not None:
        return ("list", *(_path(g, i) for i in Collection(g, p)))
    return tuple(sorted((str(pred), _path(g, o)) for pred, o in g.predicate_objects(p)))


def _key(g: Graph, r) -> tuple:
    shape = g.value(r, SH.sourceShape)
    return (
        _term(g.value(r, SH.focusNode)), _path(g, g.value(r, SH.resultPath)), _term(g.value(r, SH.value)),
        g.value(r, SH.sourceConstraintComponent), shape if isinstance(shape, URIRef) else "(blank shape)",
        g.value(r, SH.sourceConstraint), g.value(r, SH.resultSeverity),
        tuple(sorted(str(m) for m in g.objects(r, SH.resultMessage))),
        tuple(sorted(_key(g, d) for d in g.objects(r, SH.detail))),
    )


def results(report: Graph, top_level_focus=None) -> Counter:
    """Every sh:ValidationResult of a report (top-level and sh:detail), with its nested details;
    or only the top-level ones whose focus node is in ``top_level_focus``."""
    if top_level_focus is None:
        return Counter(_key(report, r) for r in report.subjects(RDF.type, SH.ValidationResult))
    return Counter(_key(report, r) for r in report.objects(None, SH.result) if report.value(r, SH.focusNode) in top_level_focus)


def reference_report(data: Graph, focus=None) -> Graph:
    """pySHACL's report, called as cheikg.validation.run_shacl calls it."""
    kwargs = {} if focus is None else {"focus_nodes": focus}
    _c, report, _t = pyshacl_validate(data, shacl_graph=shapes_graph(), inference="none", advanced=True,
                                      allow_warnings=True, **kwargs)
    return report


def both(data: Graph) -> tuple[Counter, Counter]:
    fast = fast_validate(data, shapes_graph(), allow_warnings=True).graph()
    return results(reference_report(data)), results(fast)


def assert_same(reference: Counter, fast: Counter) -> None:
    missing, extra = reference - fast, fast - reference
    shown = [f"pySHACL only: {k}" for k in missing.elements()] + [f"fast only: {k}" for k in extra.elements()]
    assert not shown, "\n".join(shown[:20])


def components(found: Counter) -> set[str]:
    return {str(k[3]).rsplit("#", 1)[-1] for k in found}


# -- the graphs --------------------------------------------------------------------------------------

def test_seed_graph(seed_compiled):
    reference, fast = both(seed_compiled.graph)
    assert_same(reference, fast)
    assert sum(fast.values()) == sum(reference.values())


def _examples_graph() -> Graph:
    """Every tests/shapes example, valid and invalid, each with its resources renamed apart."""
    # resources the shapes name (res:cn, in SPARQL) keep their IRI
    kept = set(re.findall(re.escape(RES) + r"[^\s<>\"]+", "".join(text for _name, text in shape_texts())))
    merged = Graph()
    merged += ontology_graph()
    for folder in sorted(p for p in EXAMPLES.iterdir() if p.is_dir()):
        for kind in ("valid", "invalid"):
            g = Graph().parse(folder / f"{kind}.ttl", format="turtle")

            def rename(t, tag=f"{folder.name}-{kind}-"):
                return URIRef(RES + tag + t[len(RES):]) if isinstance(t, URIRef) and t.startswith(RES) and str(t) not in kept else t

            for s, p, o in g:
                merged.add((rename(s), p, rename(o)))
    return merged


def test_shape_examples():
    reference, fast = both(_examples_graph())
    assert_same(reference, fast)
    folders = {p.name for p in EXAMPLES.iterdir() if p.is_dir()}
    reported = {str(k[5] or k[4]).rsplit("#", 1)[-1] for k in fast}
    assert folders <= reported, f"invalid examples not reported: {sorted(folders - reported)}"
    assert {"MinCountConstraintComponent", "MaxCountConstraintComponent", "ClassConstraintComponent",
            "DatatypeConstraintComponent", "NodeConstraintComponent", "HasValueConstraintComponent",
            "OrConstraintComponent", "PatternConstraintComponent", "UniqueLangConstraintComponent",
            "LanguageInConstraintComponent", "InConstraintComponent",
            "MinInclusiveConstraintComponent", "SPARQLConstraintComponent"} <= components(fast)


def perturb(graph: Graph, seed: int, n: int = 100) -> Graph:
    """The graph after ``n`` seeded random changes to the triples of its resources (but the quote annotations)."""
    rng = random.Random(seed)
    out = Graph()
    out += graph
    quotes = {s for s, o in graph.subject_objects(RDF.type) if str(o).startswith("http://www.w3.org/ns/oa#")}
    data = sorted(((s, p, o) for s, p, o in graph if str(s).startswith(RES) and s not in quotes),
                  key=lambda t: tuple(x.n3() for x in t))
    nodes = sorted({o for _s, _p, o in data if isinstance(o, URIRef)} | {s for s, _p, _o in data}, key=str)
    # not the timestamps: Oxigraph writes "+00:00" as "Z", which the fast validator refuses where a shape reads it
    literals = sorted({o for _s, _p, o in data if isinstance(o, Literal) and o.datatype != XSD.dateTime}, key=lambda t: t.n3())
    odd = [Literal("2025-13-01", datatype=XSD.date), Literal("2025", datatype=XSD.gYear), Literal("x"),
           Literal("name", lang="fr"), Literal("-3", datatype=XSD.integer), Literal("12345", datatype=XSD.integer),
           Literal("411401011", datatype=URIRef("https://w3id.org/cheikg/ontology#MOECode")),
           Literal("cn"), URIRef("https://example.org/not-ror"), Literal("2024-01-01", datatype=XSD.date)]
    for _ in range(n):
        s, p, o = rng.choice(data)
        change = rng.randrange(6)
        if change == 0:
            out.remove((s, p, o))
        elif change == 1:
            out.add((s, p, rng.choice(nodes)))
        elif change == 2:
            out.remove((s, p, o))
            out.add((s, p, rng.choice(literals + odd)))
        elif change == 3:
            out.add((s, p, rng.choice(odd)))
        elif change == 4:
            out.remove((s, RDF.type, rng.choice(sorted(graph.objects(s, RDF.type), key=str) or [RDF.nil])))
        else:
            out.add((rng.choice(nodes), p, o))
    return out


_PERTURBED: dict[int, tuple[Graph, Graph]] = {}


def perturbed(seed_graph: Graph, seed: int) -> tuple[Graph, Graph]:
    """A perturbed seed graph and pySHACL's report on it, shared by the tests below (pySHACL takes seconds)."""
    if seed not in _PERTURBED:
        graph = perturb(seed_graph, seed)
        _PERTURBED[seed] = graph, reference_report(graph)
    return _PERTURBED[seed]


def test_perturbed_seed_graph(seed_compiled):
    graph, reference = perturbed(seed_compiled.graph, 1)
    fast = results(fast_validate(graph, shapes_graph(), allow_warnings=True).graph())
    assert_same(results(reference), fast)
    assert sum(fast.values()) >= 20, "the perturbations broke too little to test anything"
    assert len(components(fast)) >= 8, components(fast)


def test_focus_nodes(seed_compiled):
    """Validating some focus nodes only (as a submission is) gives the full validation's results on them.

    The oracle is pySHACL's full report cut to those focus nodes, not pySHACL
    run with focus_nodes: that one also skips the nested checks (sh:node, sh:or)
    of every value that is not itself a focus node (see the next test).
    """
    graph, reference = perturbed(seed_compiled.graph, 1)
    focus = sorted({s for s in graph.subjects() if str(s).startswith(RES)}, key=str)[::2]
    fast = fast_validate(graph, shapes_graph(), focus=focus, allow_warnings=True).graph()
    expected = results(reference, set(focus))
    assert_same(expected, results(fast, set(focus)))
    assert sum(expected.values()) >= 5, "too few results among the chosen focus nodes"
    assert len(list(fast.objects(None, SH.result))) == sum(expected.values())


def test_pyshacl_focus_nodes_skip_nested_shapes():
    """Why the focus test has another oracle: pySHACL with focus_nodes reports no sh:node failure of a value
    outside the focus nodes (Shape.validate filters the nested focus by them too); the fast validator does."""
    data = Graph()
    data += ontology_graph()
    data.parse(EXAMPLES / "AllianceMembership-role-vocab" / "invalid.ttl", format="turtle")
    focus = sorted(data.subjects(RDF.type, URIRef("https://w3id.org/cheikg/ontology#AllianceMembership")), key=str)
    full = results(reference_report(data))
    assert len(list(reference_report(data, focus).subjects(RDF.type, SH.ValidationResult))) == 0
    assert results(fast_validate(data, shapes_graph(), focus=focus, allow_warnings=True).graph()) == full
    assert {k[3] for k in full} == {SH.NodeConstraintComponent, SH.HasValueConstraintComponent}


# -- the drop-in ---------------------------------------------------------------------------------------

def test_run_shacl_fast_gives_the_same_findings(seed_compiled):
    graph, reference = perturbed(seed_compiled.graph, 1)
    fast = run_shacl(graph, seed_compiled.origins, engine="fast")
    assert Counter(fast.findings) == Counter(validation_report(reference, seed_compiled.origins).findings)
    # the random changes may all fall on reference entities (no record line): one change to a record, for the locating
    record = Graph()
    record += graph
    record.remove((URIRef(RES + "mem-tyut-shanxi-isea-rotating-chair-1"), URIRef("http://www.w3.org/ns/org#member"), None))
    fast = run_shacl(record, seed_compiled.origins, engine="fast")
    assert Counter(fast.findings) == Counter(run_shacl(record, seed_compiled.origins, engine="pyshacl").findings)
    assert any(f.path.endswith(".yaml") and f.line for f in fast.findings), "findings are not located in the records"


def test_store_and_ntriples_inputs(seed_compiled):
    graph, _reference = perturbed(seed_compiled.graph, 1)
    nt = to_ntriples(graph).encode()
    store = ox.Store()
    store.bulk_load(nt, ox.RdfFormat.N_TRIPLES)
    from_graph = results(fast_validate(graph, shapes_graph()).graph())
    assert from_graph
    assert results(fast_validate(nt, shapes_graph()).graph()) == from_graph
    assert results(fast_validate(store, shapes_graph()).graph()) == from_graph


def test_unknown_engine(seed_compiled):
    from cheikg.errors import UsageError

    with pytest.raises(UsageError, match="unknown SHACL engine 'rdf'; use one of pyshacl, fast, auto"):
        run_shacl(Graph(), {}, engine="rdf")


# -- what it refuses -----------------------------------------------------------------------------------

EX = "http://example.org/"
PREFIXES = f"@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <{EX}> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"


def shapes(text: str) -> Graph:
    return Graph().parse(data=PREFIXES + text, format="turtle")


@pytest.mark.parametrize("text, message", [
    ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:rule [ a sh:TripleRule ] .",
     "<http://example.org/S> uses sh:rule, which the fast validator does not support; validate with pySHACL"),
    ("ex:S a sh:NodeShape ; sh:target [ a ex:MyTargetType ; ex:param 1 ] .",
     "<http://example.org/S> uses a sh:target other than a SPARQL target with sh:select (SHACL-AF target types)"),
    ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:node ex:S .",
     "<http://example.org/S> is recursive (it refers back to itself); validate with pySHACL"),
    ("ex:Comp a sh:ConstraintComponent ; sh:parameter [ sh:path ex:param ] . ex:S a sh:NodeShape ; sh:targetClass ex:C ; ex:param 1 .",
     "<http://example.org/S> uses the custom constraint component <http://example.org/Comp>; validate with pySHACL"),
    ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:in ( [ ex:p 1 ] ) .",
     "<http://example.org/S> uses a blank node as sh:in; the fast validator can only compare IRIs and literals"),
    ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:pattern '^(?=a)' ] .",
     "the sh:pattern '^(?=a)' (flags '') uses regular-expression features the fast validator does not run the same way as pySHACL"),
    ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:sparql [ sh:select 'SELECT $this WHERE { $this ?p ?o . MINUS { $this ?p 1 } }' ] .",
     "uses a construct SHACL forbids with pre-bound variables"),
])
def test_unsupported_shapes_are_refused(text, message):
    data = Graph().parse(data=f"<{EX}x> a <{EX}C> ; <{EX}p> 'a' .", format="turtle")
    with pytest.raises(FastShaclUnsupported) as e:
        fast_validate(data, shapes(text))
    assert message in str(e.value)


def test_literals_oxigraph_rewrites_are_refused_where_a_shape_reads_them():
    data = Graph().parse(data=f"@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . <{EX}x> a <{EX}C> ; "
                              f"<{EX}p> '5'^^xsd:int ; <{EX}q> '2.50'^^xsd:decimal .", format="turtle")
    reads_p = shapes("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:datatype xsd:int ] .")
    with pytest.raises(FastShaclUnsupported) as e:
        fast_validate(data, reads_p)
    assert str(e.value) == ('Oxigraph reads 1 literal(s) of this graph differently from rdflib and the shapes check them: '
                            '"5"^^xsd:int is stored as "5"^^xsd:integer; write them in canonical form or validate with pySHACL')
    reads_other = shapes("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:r ; sh:minCount 1 ] .")
    assert len(fast_validate(data, reads_other).results) == 1  # ex:p and ex:q are not read: validated


def test_run_shacl_auto_falls_back_to_pyshacl(monkeypatch):
    data = Graph()
    data += ontology_graph()
    data.parse(EXAMPLES / "AllianceMembership-member-kind" / "invalid.ttl", format="turtle")
    import cheikg.shacl as fast

    def refuse(*_a, **_k):
        raise FastShaclUnsupported("refused for the test")

    monkeypatch.setattr(fast, "validate", refuse)
    with pytest.raises(FastShaclUnsupported, match="refused for the test"):
        run_shacl(data, {}, engine="fast")
    auto = run_shacl(data, {}, engine="auto")
    assert [f.rule for f in auto.findings] == ["https://w3id.org/cheikg/shapes#AllianceMembership-member-kind"]
    assert auto.findings == run_shacl(data, {}).findings
