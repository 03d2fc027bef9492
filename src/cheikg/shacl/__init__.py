"""A fast SHACL validator: the shapes compiled to SPARQL and run on an embedded Oxigraph store.

pySHACL walks the data graph node by node in Python; at a million triples that
takes minutes. Here each (shape, constraint) pair becomes one SPARQL SELECT
whose rows are the validation results (focus node, path, value), evaluated by
Oxigraph in Rust, several at a time. pySHACL stays the reference:
tests/test_fastshacl.py checks both give the same results on valid and invalid
graphs, and tests/test_fastshacl_w3c.py runs the W3C SHACL test suite on this
engine for every component it supports.

Supported (SHACL Core, SPARQL-based constraints, SPARQL targets):

* targets: sh:targetNode, sh:targetClass, implicit class targets,
  sh:targetSubjectsOf, sh:targetObjectsOf, and SHACL-AF sh:target with a
  sh:SPARQLTarget (sh:select);
* paths: predicate, inverse, sequence, alternative, zero-or-more, one-or-more,
  zero-or-one;
* value type: sh:class, sh:datatype, sh:nodeKind;
* cardinality: sh:minCount, sh:maxCount;
* value range: sh:minExclusive, sh:minInclusive, sh:maxExclusive, sh:maxInclusive;
* string: sh:minLength, sh:maxLength, sh:pattern (with sh:flags), sh:languageIn,
  sh:uniqueLang;
* property pair: sh:equals, sh:disjoint, sh:lessThan, sh:lessThanOrEquals;
* logical: sh:not, sh:and, sh:or, sh:xone;
* shape-based: sh:node (the failing value's own results nested as sh:detail,
  as pySHACL reports them), sh:property, sh:qualifiedValueShape with
  sh:qualifiedMinCount, sh:qualifiedMaxCount, sh:qualifiedValueShapesDisjoint;
* other: sh:closed with sh:ignoredProperties, sh:hasValue, sh:in;
* SPARQL-based constraints: sh:sparql with sh:select, sh:prefixes (with
  owl:imports), $this, $PATH, $currentShape, ?path, ?value, ?failure, message
  templates ({?var});
* sh:severity, sh:message, sh:deactivated; focus nodes (pySHACL's
  focus_nodes: the given IRIs that a shape targets).

Refused with ``FastShaclUnsupported`` (never skipped silently), so the caller
validates with pySHACL instead: SHACL-AF rules, functions, node expressions and
target types other than sh:SPARQLTarget, SHACL-JS, custom constraint
components, recursive shapes, SPARQL constraints inside nested shapes (sh:node,
sh:or, ...), SPARQL using MINUS, VALUES, SERVICE, sub-selects or
$shapesGraph, blank nodes as constants in shapes, regular expressions with
look-around, back-references or \\p{..} classes, cardinalities above 5
inside nested shapes; and XSD literals that Oxigraph stores in another form
than rdflib reads them ("4.0"^^xsd:decimal stored as "4", "5"^^xsd:int as
"5"^^xsd:integer, "+00:00" as "Z") where a shape reads them (see load.py).

Known differences from pySHACL, none met by the project's shapes: results of
shapes without sh:message carry no sh:resultMessage (pySHACL writes a generic
sentence; tests/test_shapes.py requires a message on every shape that reports);
sh:languageIn matches tags as SPARQL langMatches ("zh-Hans-CN" matches
"zh-Hans"; pySHACL compares the whole tag or its first subtag); and with focus
nodes, the values of a focus node are checked against nested shapes (sh:node,
sh:or) whether or not they are focus nodes themselves, where pySHACL skips
them (see tests/test_fastshacl.py::test_pyshacl_focus_nodes_skip_nested_shapes).
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph

from .engine import FastReport, Result
from .engine import validate as _validate
from .load import load as _load
from .model import FastShaclUnsupported

__all__ = ["FastReport", "FastShaclUnsupported", "Result", "validate"]


def validate(data: ox.Store | Graph | bytes, shapes: Graph, *, focus: list | None = None,
             allow_warnings: bool = False) -> FastReport:
    """Validate ``data`` (a pyoxigraph Store, an rdflib Graph or N-Triples bytes) against ``shapes``.

    ``focus`` limits the top-level focus nodes to those IRIs, as pySHACL's
    ``focus_nodes``. Raises FastShaclUnsupported when the shapes or the data
    need something this engine does not run.
    """
    return _validate(_load(data), shapes, focus=focus, allow_warnings=allow_warnings)
