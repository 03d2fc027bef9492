"""The SHACL shapes, each with an example graph that conforms to it and one that it rejects.

Every constraint-bearing shape of shapes/*.ttl (each property shape and each
SPARQL constraint, named in https://w3id.org/cheikg/shapes#) has a folder
tests/shapes/<local name>/ with:

* valid.ttl     -- a small, complete graph in which the focus node conforms;
* invalid.ttl   -- a small graph in which the shape reports the problem it exists for;
* expected.yaml -- ``path:`` the expected sh:resultPath (full IRI, or null) and
                   ``severity:`` Violation, Warning or Info.

Each graph is validated together with the ontology and its vocabularies (a built
graph always includes them: class hierarchy, skos:inScheme of the concepts),
against the packaged shapes, the way cheikg.validation calls pySHACL.

The helper node shapes used only through sh:node (shp:In<Scheme>) have no folder
of their own: their property shapes are exercised by the vocabulary shapes that
reference them.  A new shape without examples, or a folder whose shape is gone,
fails the suite.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pytest
import yaml
from pyshacl import validate
from rdflib import BNode, Graph, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from cheikg import resources
from cheikg.build import ontology_graph
from cheikg.validation import shapes_graph

ROOT = Path(__file__).resolve().parent.parent
SHAPE_FILES = sorted((ROOT / "shapes").glob("*.ttl"))
EXAMPLES = Path(__file__).resolve().parent / "shapes"
EXAMPLE_FILES = ("valid.ttl", "invalid.ttl", "expected.yaml")

SH = Namespace("http://www.w3.org/ns/shacl#")
SHP = "https://w3id.org/cheikg/shapes#"
SEVERITIES = {"Violation": SH.Violation, "Warning": SH.Warning, "Info": SH.Info}
TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)
# where a shape is used as a nested shape of another one, not validated against targets of its own
NESTED = (SH.node, SH.qualifiedValueShape, SH["not"])


# -- the declared shapes ---------------------------------------------------------------------------

def _declared() -> Graph:
    """shapes/*.ttl as written (a separate parse: pySHACL adds triples to the graph it is given)."""
    g = Graph()
    for path in SHAPE_FILES:
        g.parse(path, format="turtle")
    return g


DECLARED = _declared()


def _property_shapes(g: Graph) -> set:
    return set(g.subjects(RDF.type, SH.PropertyShape)) | set(g.objects(None, SH.property)) | set(g.subjects(SH.path, None))


def _sparql_constraints(g: Graph) -> set:
    return set(g.subjects(RDF.type, SH.SPARQLConstraint)) | set(g.objects(None, SH.sparql))


def _helper_node_shapes(g: Graph) -> set:
    """Node shapes only used nested in others (sh:node ...): no target, no implicit class target."""
    nested = {o for p in NESTED for o in g.objects(None, p)}
    return {
        s for s in nested
        if not any(g.value(s, t) is not None for t in TARGETS)
        and (s, RDF.type, RDFS.Class) not in g and (s, RDF.type, OWL.Class) not in g
    }


HELPERS = _helper_node_shapes(DECLARED)
HELPER_PROPERTY_SHAPES = {p for h in HELPERS for p in DECLARED.objects(h, SH.property)}


def _constraint_shapes(g: Graph) -> list[URIRef]:
    """Shapes that report results of their own: property shapes (but those of helpers) and SPARQL constraints."""
    shapes = (_property_shapes(g) | _sparql_constraints(g)) - {
        p for p in HELPER_PROPERTY_SHAPES if set(g.subjects(SH.property, p)) <= HELPERS
    }
    return sorted(s for s in shapes if isinstance(s, URIRef))


CONSTRAINT_SHAPES = _constraint_shapes(DECLARED)


def local(shape: URIRef) -> str:
    return str(shape)[len(SHP):] if str(shape).startswith(SHP) else str(shape)


FOLDERS = sorted(p.name for p in EXAMPLES.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


# -- validation ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Result:
    shape: URIRef | BNode | None       # sh:sourceShape
    constraint: URIRef | BNode | None  # sh:sourceConstraint (SPARQL-based constraints)
    focus: object
    path: object
    severity: object
    message: str | None

    def of(self, shape: URIRef) -> bool:
        return shape in (self.shape, self.constraint)

    def __str__(self) -> str:
        name = local(self.constraint if isinstance(self.constraint, URIRef) else self.shape)  # type: ignore[arg-type]
        sev = str(self.severity).rsplit("#", 1)[-1]
        return f"{sev} {name} focus={self.focus} path={self.path}: {self.message}"


@lru_cache(maxsize=None)
def results(example: Path) -> tuple[Result, ...]:
    """The top-level results of validating ``example`` plus the ontology against the packaged shapes."""
    data = Graph()
    data += ontology_graph()
    data.parse(example, format="turtle")
    # as cheikg.validation.run_shacl calls it; inplace: the graph is ours and throw-away (no cloning)
    _conforms, report, _text = validate(
        data, shacl_graph=shapes_graph(), inference="none", advanced=True, allow_warnings=True, inplace=True
    )
    out = []
    for r in report.objects(None, SH.result):  # not the nested sh:detail results
        msg = report.value(r, SH.resultMessage)
        out.append(Result(report.value(r, SH.sourceShape), report.value(r, SH.sourceConstraint), report.value(r, SH.focusNode),
                          report.value(r, SH.resultPath), report.value(r, SH.resultSeverity), None if msg is None else str(msg)))
    return tuple(out)


def expected(folder: str) -> dict:
    with (EXAMPLES / folder / "expected.yaml").open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def shown(rs) -> str:
    return "\n  ".join(["", *map(str, rs)]) if rs else " (none)"


# -- 1. every shape has its examples, every folder its shape ---------------------------------------

def test_shapes_found():
    assert len(CONSTRAINT_SHAPES) > 50, "the shapes could not be enumerated"
    assert HELPERS, "the vocabulary helper shapes (sh:node) could not be found"


def test_every_shape_file_is_loaded():
    assert [p.name for p in SHAPE_FILES] == sorted(resources.SHAPE_FILES), "shapes/*.ttl and resources.SHAPE_FILES differ"


@pytest.mark.parametrize("shape", CONSTRAINT_SHAPES, ids=local)
def test_shape_has_examples(shape):
    assert str(shape).startswith(SHP), f"{shape} is not in {SHP}, so it cannot name its example folder"
    folder = EXAMPLES / local(shape)
    missing = [name for name in EXAMPLE_FILES if not (folder / name).is_file()]
    assert not missing, f"{local(shape)} needs examples: add {', '.join(str(folder / m) for m in missing)}"


@pytest.mark.parametrize("folder", FOLDERS)
def test_folder_names_a_shape(folder):
    assert URIRef(SHP + folder) in CONSTRAINT_SHAPES, f"tests/shapes/{folder}: no shape shp:{folder} carries a constraint"
    missing = [name for name in EXAMPLE_FILES if not (EXAMPLES / folder / name).is_file()]
    assert not missing, f"tests/shapes/{folder} lacks {missing}"
    exp = expected(folder)
    assert set(exp) == {"path", "severity"}, f"expected.yaml keys: {sorted(exp)}"
    assert exp["severity"] in SEVERITIES
    assert exp["path"] is None or str(exp["path"]).startswith(("http://", "https://")), "path is a full IRI or null"


def test_helper_shapes_are_exercised():
    """Each sh:node helper is used by a shape with examples, so its property shapes are tested through it."""
    for helper in HELPERS:
        users = {s for p in NESTED for s in DECLARED.subjects(p, helper)}
        assert users & set(CONSTRAINT_SHAPES), f"{local(helper)} is used by no shape that has examples"
        assert all(isinstance(u, URIRef) and (EXAMPLES / local(u)).is_dir() for u in users & set(CONSTRAINT_SHAPES))


# -- 2. the examples -------------------------------------------------------------------------------

@pytest.mark.parametrize("folder", FOLDERS)
def test_valid_example(folder):
    shape = URIRef(SHP + folder)
    rs = results(EXAMPLES / folder / "valid.ttl")
    own = [r for r in rs if r.of(shape)]
    assert not own, f"valid.ttl of {folder} is reported by its own shape:{shown(own)}"
    violations = [r for r in rs if r.severity == SH.Violation]
    assert not violations, f"valid.ttl of {folder} has violations:{shown(violations)}"


@pytest.mark.parametrize("folder", FOLDERS)
def test_invalid_example(folder):
    shape = URIRef(SHP + folder)
    exp = expected(folder)
    path = None if exp["path"] is None else URIRef(exp["path"])
    severity = SEVERITIES[exp["severity"]]
    rs = results(EXAMPLES / folder / "invalid.ttl")
    own = [r for r in rs if r.of(shape)]
    assert own, f"invalid.ttl of {folder} is not reported by shp:{folder}; results:{shown(rs)}"
    assert any(r.path == path for r in own), f"expected sh:resultPath {path}; got:{shown(own)}"
    assert any(r.path == path and r.severity == severity for r in own), f"expected sh:{exp['severity']}; got:{shown(own)}"


# -- 3. the shapes are well-formed SHACL -----------------------------------------------------------

def test_shapes_pass_meta_shacl():
    conforms, _report, text = validate(Graph(), shacl_graph=shapes_graph(), meta_shacl=True, inference="none", advanced=True)
    assert conforms, text


# -- 4. every shape is named, with a message for the user ------------------------------------------

def test_property_shapes_have_iris():
    blank = [s for s in _property_shapes(DECLARED) if not isinstance(s, URIRef)]
    assert not blank, f"{len(blank)} property shapes are blank nodes; give each an IRI in {SHP}"


@pytest.mark.parametrize("shape", sorted(s for s in _property_shapes(DECLARED) if isinstance(s, URIRef)), ids=local)
def test_property_shape_has_name_and_message(shape):
    assert DECLARED.value(shape, SH.name) is not None, f"{local(shape)} has no sh:name"
    assert DECLARED.value(shape, SH.message) is not None, f"{local(shape)} has no sh:message"


@pytest.mark.parametrize("constraint", sorted(s for s in _sparql_constraints(DECLARED) if isinstance(s, URIRef)), ids=local)
def test_sparql_constraint_has_name_and_message(constraint):
    assert DECLARED.value(constraint, SH.name) is not None, f"{local(constraint)} has no sh:name"
    assert DECLARED.value(constraint, SH.message) is not None, f"{local(constraint)} has no sh:message"
