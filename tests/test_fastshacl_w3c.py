"""The W3C SHACL test suite, run on the fast validator (cheikg.shacl).

tests/w3c_shacl/ is a copy of the suite's core/ and sparql/ tests (see its
SOURCE.md). Every test listed by the manifests is run: its data graph is
validated against its shapes graph and the report is compared with the
expected one by the suite's rules: the same sh:conforms and the same results
as a multiset of (focus node, result path, value, source constraint component,
source shape, severity), messages ignored. The files are parsed as written
(rdflib's literal normalization off: it would turn "1"^^xsd:boolean into
"true" and "none"^^xsd:boolean into "false", changing what the tests test).

A test expecting a failure (mf:result sht:Failure) passes when the engine
refuses the shapes (FastShaclUnsupported). Tests of what the engine does not
claim are reported as skipped, after checking that the engine refuses them
rather than validating them wrongly; tests of claimed components whose data
Oxigraph stores in another form are listed in REFUSED and must be refused with
that reason.
"""

from __future__ import annotations

import functools
import warnings
from collections import Counter
from pathlib import Path

import pytest
import rdflib
from rdflib import BNode, Graph, Literal, Namespace
from rdflib.collection import Collection
from rdflib.namespace import RDF, XSD

from cheikg.shacl import FastShaclUnsupported, validate

SUITE = Path(__file__).resolve().parent / "w3c_shacl"
SH = Namespace("http://www.w3.org/ns/shacl#")
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")

# components and features the fast validator does not claim: the engine must refuse these tests
UNCLAIMED = {
    "sparql/component/optional-001": "SPARQL-based custom constraint components are not supported",
    "sparql/component/propertyValidator-select-001": "SPARQL-based custom constraint components are not supported",
    "sparql/component/validator-001": "SPARQL-based custom constraint components are not supported",
    "sparql/pre-binding/unsupported-sparql-006": "SPARQL-based custom constraint components are not supported",
    "sparql/pre-binding/pre-binding-007": "$this pre-bound inside a sub-select is not supported",
    "sparql/pre-binding/shapesGraph-001": "$shapesGraph (the shapes graph as a named graph) is not supported",
}
# claimed components, but the data holds literals Oxigraph stores in canonical form: refused, with this reason
REFUSED = {
    "core/node/maxExclusive-001": '"4.0"^^xsd:decimal is stored as "4"^^xsd:decimal',
    "core/node/maxInclusive-001": '"4.0"^^xsd:decimal is stored as "4"^^xsd:decimal',
    "core/node/minExclusive-001": '"4.0"^^xsd:decimal is stored as "4"^^xsd:decimal',
    "core/property/datatype-ill-formed": '"300"^^xsd:byte is stored as "300"^^xsd:integer',
}


@functools.lru_cache(maxsize=None)
def parse(path: Path) -> Graph:
    """A test file as written (the suite's graphs use relative IRIs, resolved against the file)."""
    normalize = rdflib.NORMALIZE_LITERALS
    rdflib.NORMALIZE_LITERALS = False
    try:
        with warnings.catch_warnings():  # rdflib warns about the ill-typed literals some tests are about
            warnings.simplefilter("ignore")
            return Graph().parse(path, format="turtle", publicID=path.resolve().as_uri())
    finally:
        rdflib.NORMALIZE_LITERALS = normalize


def _file(iri) -> Path:
    return Path(str(iri)[len("file://"):])


def manifest_tests(manifest: Path) -> list[tuple[str, Path, object]]:
    """(name, file, test node) of every test the manifest lists, following mf:include."""
    g = parse(manifest)
    out = []
    for included in sorted(g.objects(None, MF.include), key=str):
        out += manifest_tests(_file(included))
    for entries in g.objects(None, MF.entries):
        for test in Collection(g, entries):
            out.append((str(_file(test).relative_to(SUITE)).replace(".ttl", ""), manifest, test))
    return out


CASES = manifest_tests(SUITE / "core" / "manifest.ttl") + manifest_tests(SUITE / "sparql" / "manifest.ttl")


def _term(t):
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
    return (_term(g.value(r, SH.focusNode)), _path(g, g.value(r, SH.resultPath)), _term(g.value(r, SH.value)),
            g.value(r, SH.sourceConstraintComponent), g.value(r, SH.sourceShape), g.value(r, SH.resultSeverity))


def run(manifest: Path, test):
    g = parse(manifest)
    action = g.value(test, MF.action)
    data = parse(_file(g.value(action, SHT.dataGraph)))
    shapes = parse(_file(g.value(action, SHT.shapesGraph)))
    return g, g.value(test, MF.result), validate(data, shapes)


def test_suite_found():
    assert len(CASES) == 120, len(CASES)
    names = {name for name, _m, _t in CASES}
    assert set(UNCLAIMED) | set(REFUSED) <= names, "a listed test is not in the suite"


@pytest.mark.parametrize("name, manifest, test", CASES, ids=[c[0] for c in CASES])
def test_w3c(name, manifest, test):
    g = parse(manifest)
    expected = g.value(test, MF.result)
    if name in UNCLAIMED or name in REFUSED or expected == SHT.Failure:
        with pytest.raises(FastShaclUnsupported) as refusal:
            run(manifest, test)
        if name in REFUSED:
            assert REFUSED[name] in str(refusal.value)
        if name in UNCLAIMED:
            pytest.skip(f"{UNCLAIMED[name]} (refused: {refusal.value})")
        return
    _g, expected, report = run(manifest, test)
    graph = report.graph()
    assert report.conforms == g.value(expected, SH.conforms).toPython()
    want = Counter(_key(g, r) for r in g.objects(expected, SH.result))
    got = Counter(_key(graph, r) for r in graph.objects(None, SH.result))
    assert got == want, f"missing {list((want - got).elements())}; unexpected {list((got - want).elements())}"
