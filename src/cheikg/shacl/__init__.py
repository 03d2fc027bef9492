"""A fast SHACL validator: the shapes compiled to SPARQL and run on an embedded Oxigraph store.

pySHACL walks the data graph node by node in Python; at a million triples that
takes minutes. Here each (shape, constraint) pair becomes one SPARQL SELECT
whose rows are the validation results (focus node, path, value), evaluated by
Oxigraph in Rust. pySHACL remains the reference: the results are the same
(tests/test_fastshacl.py compares both on valid and invalid graphs), and the
W3C SHACL test suite runs on this engine for every component it supports.

Supported (SHACL Core and SPARQL-based constraints):

* targets: sh:targetNode, sh:targetClass, implicit class targets,
  sh:targetSubjectsOf, sh:targetObjectsOf;
* paths: predicate, inverse, sequence, alternative, zero-or-more, one-or-more,
  zero-or-one;
* value type: sh:class, sh:datatype, sh:nodeKind;
* cardinality: sh:minCount, sh:maxCount;
* value range: sh:minExclusive, sh:minInclusive, sh:maxExclusive, sh:maxInclusive;
* string: sh:minLength, sh:maxLength, sh:pattern (with sh:flags), sh:languageIn,
  sh:uniqueLang;
* property pair: sh:equals, sh:disjoint, sh:lessThan, sh:lessThanOrEquals;
* logical: sh:not, sh:and, sh:or, sh:xone;
* shape-based: sh:node (with the failing value's results as sh:detail, as
  pySHACL reports them), sh:property, sh:qualifiedValueShape with
  sh:qualifiedMinCount / sh:qualifiedMaxCount / sh:qualifiedValueShapesDisjoint;
* other: sh:closed with sh:ignoredProperties, sh:hasValue, sh:in;
* SPARQL-based constraints (sh:sparql with sh:select, sh:prefixes, $this,
  $PATH, $currentShape) on shapes with targets or under sh:property;
* sh:severity, sh:message, sh:deactivated.

Refused with ``FastShaclUnsupported`` (never silently skipped), so the caller
uses pySHACL instead: SHACL-AF (sh:target, sh:rule, sh:expression, ...),
SHACL-JS, custom constraint components, recursive shapes, SPARQL constraints
inside nested shapes or using MINUS/VALUES/SERVICE/sub-selects/$shapesGraph,
blank nodes as constants in shapes, regular expressions with look-around or
back-references, cardinalities above 5 inside nested shapes, and data holding
XSD literals that Oxigraph rewrites on load (non-canonical numbers such as
"01"^^xsd:integer, derived integer types such as xsd:int, which Oxigraph stores
as xsd:integer).
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph

from .engine import FastReport, Result
from .engine import validate as _validate
from .load import load
from .model import FastShaclUnsupported

__all__ = ["FastReport", "FastShaclUnsupported", "Result", "validate"]


def validate(data: ox.Store | Graph | bytes, shapes: Graph, *, focus: list | None = None,
             allow_warnings: bool = False) -> FastReport:
    """Validate ``data`` (a pyoxigraph Store, an rdflib Graph or N-Triples bytes) against ``shapes``.

    ``focus`` limits the top-level focus nodes to those IRIs, as pySHACL's
    ``focus_nodes``. Raises FastShaclUnsupported when the shapes or the data
    need something this engine does not run.
    """
    return _validate(load(data), shapes, focus=focus, allow_warnings=allow_warnings)
