"""The shapes graph read into shapes, paths and constraints, refusing what the fast engine cannot run.

Reading is strict: a predicate of the SHACL namespace that is neither a supported
constraint parameter nor a known annotation, a custom constraint component, a
recursive shape or a blank node used as a constant all raise ``FastShaclUnsupported``
naming the shape, so a caller falls back to pySHACL instead of getting partial results.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, XSD

from cheikg.errors import CheikgError

SH = Namespace("http://www.w3.org/ns/shacl#")


class FastShaclUnsupported(CheikgError):
    """The shapes or the data use something the fast validator does not run; use pySHACL instead."""


# parameter -> constraint component (SHACL Core and SPARQL-based constraints)
COMPONENTS: dict[URIRef, URIRef] = {
    SH["class"]: SH.ClassConstraintComponent,
    SH.datatype: SH.DatatypeConstraintComponent,
    SH.nodeKind: SH.NodeKindConstraintComponent,
    SH.minCount: SH.MinCountConstraintComponent,
    SH.maxCount: SH.MaxCountConstraintComponent,
    SH.minExclusive: SH.MinExclusiveConstraintComponent,
    SH.minInclusive: SH.MinInclusiveConstraintComponent,
    SH.maxExclusive: SH.MaxExclusiveConstraintComponent,
    SH.maxInclusive: SH.MaxInclusiveConstraintComponent,
    SH.minLength: SH.MinLengthConstraintComponent,
    SH.maxLength: SH.MaxLengthConstraintComponent,
    SH.pattern: SH.PatternConstraintComponent,
    SH.languageIn: SH.LanguageInConstraintComponent,
    SH.uniqueLang: SH.UniqueLangConstraintComponent,
    SH.equals: SH.EqualsConstraintComponent,
    SH.disjoint: SH.DisjointConstraintComponent,
    SH.lessThan: SH.LessThanConstraintComponent,
    SH.lessThanOrEquals: SH.LessThanOrEqualsConstraintComponent,
    SH["not"]: SH.NotConstraintComponent,
    SH["and"]: SH.AndConstraintComponent,
    SH["or"]: SH.OrConstraintComponent,
    SH.xone: SH.XoneConstraintComponent,
    SH.node: SH.NodeConstraintComponent,
    SH.property: SH.PropertyConstraintComponent,
    SH.qualifiedValueShape: SH.QualifiedValueShapeConstraintComponent,  # split into min/max below
    SH.closed: SH.ClosedConstraintComponent,
    SH.hasValue: SH.HasValueConstraintComponent,
    SH["in"]: SH.InConstraintComponent,
    SH.sparql: SH.SPARQLConstraintComponent,
}

# predicates of the SHACL namespace that a shape may carry without adding a constraint of their own
_ANNOTATIONS = {
    SH.name, SH.description, SH.order, SH.group, SH.defaultValue, SH.message, SH.severity, SH.deactivated,
    SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target, SH.path, SH.flags,
    SH.ignoredProperties, SH.qualifiedMinCount, SH.qualifiedMaxCount, SH.qualifiedValueShapesDisjoint,
    SH.declare, SH.prefixes, SH.shapesGraph, SH.suggestedShapesGraph, SH.entailment,
    SH.select,  # a shape may also be the SPARQL constraint it points to with sh:sparql
}
_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)
_SHAPE_LISTS = (SH["and"], SH["or"], SH.xone)
_SHAPE_VALUES = (SH["not"], SH.node, SH.property, SH.qualifiedValueShape)
_SPARQL_OK = {RDF.type, SH.select, SH.message, SH.prefixes, SH.deactivated, SH.name, SH.description, RDFS.label, RDFS.comment}


@dataclass(eq=False)
class Path:
    """A SHACL property path; ``node`` is its node in the shapes graph (copied into reports)."""

    kind: str  # pred, inv, seq, alt, star, plus, opt
    node: object
    iri: URIRef | None = None
    items: tuple[Path, ...] = ()

    @property
    def duplicate_free(self) -> bool:
        """A predicate or an inverse predicate: each (subject, object) pair is matched once."""
        return self.kind == "pred" or (self.kind == "inv" and self.items[0].kind == "pred")

    def sparql(self) -> str:
        if self.kind == "pred":
            return f"<{self.iri}>"
        inner = [p.sparql() for p in self.items]
        if self.kind == "inv":
            return f"^({inner[0]})"
        if self.kind == "seq":
            return "(" + "/".join(inner) + ")"
        if self.kind == "alt":
            return "(" + "|".join(inner) + ")"
        return f"({inner[0]})" + {"star": "*", "plus": "+", "opt": "?"}[self.kind]


@dataclass(eq=False)
class Constraint:
    component: URIRef
    value: object = None  # the parameter's value (a term, a list of terms, a shape or a list of shapes)
    extra: dict = field(default_factory=dict)


@dataclass(eq=False)
class SparqlConstraint:
    node: object
    select: str
    prefixes: str
    messages: tuple[Literal, ...]


@dataclass(eq=False)
class SparqlTarget:
    node: object
    select: str
    prefixes: str


@dataclass(eq=False)
class Shape:
    node: object
    path: Path | None = None
    severity: URIRef = SH.Violation
    deactivated: bool = False
    messages: tuple[Literal, ...] = ()
    target_nodes: list = field(default_factory=list)
    target_classes: list = field(default_factory=list)
    target_subjects_of: list = field(default_factory=list)
    target_objects_of: list = field(default_factory=list)
    target_selects: list[SparqlTarget] = field(default_factory=list)  # SHACL-AF sh:SPARQLTarget
    constraints: list[Constraint] = field(default_factory=list)
    sparql: list[SparqlConstraint] = field(default_factory=list)

    @property
    def is_property(self) -> bool:
        return self.path is not None

    @property
    def has_targets(self) -> bool:
        return bool(self.target_nodes or self.target_classes or self.target_subjects_of or self.target_objects_of
                    or self.target_selects)

    def __str__(self) -> str:
        return _name(self.node)


def _name(node: object) -> str:
    return f"<{node}>" if isinstance(node, URIRef) else f"a blank-node shape [{node}]"


class ShapesReader:
    """Reads every shape of a shapes graph once; ``top_level`` are the shapes with targets."""

    def __init__(self, sg: Graph):
        self.sg = sg
        self.shapes: dict[object, Shape] = {}
        self._custom = self._custom_parameters()
        self._class_types = {RDFS.Class, OWL.Class} | set(sg.transitive_subjects(RDFS.subClassOf, RDFS.Class))
        for node in self._shape_nodes():
            self.shape(node)
        self._check_recursion()

    # -- discovery ---------------------------------------------------------------------------------

    def _shape_nodes(self) -> list:
        sg = self.sg
        nodes = set(sg.subjects(RDF.type, SH.NodeShape)) | set(sg.subjects(RDF.type, SH.PropertyShape))
        for p in _TARGETS:
            nodes |= set(sg.subjects(p, None))
        for p in COMPONENTS:
            nodes |= {s for s in sg.subjects(p, None) if not self._is_parameter_holder(s)}
        return sorted(nodes, key=lambda n: (isinstance(n, BNode), str(n)))

    def _is_parameter_holder(self, s) -> bool:
        """Nodes that carry sh:path for other reasons than being a property shape (parameter declarations)."""
        return (None, SH.parameter, s) in self.sg

    def _custom_parameters(self) -> dict:
        """Parameters of constraint components declared in the shapes graph (whatever their rdf:type)."""
        out = {}
        for comp in set(self.sg.subjects(SH.parameter, None)):
            for param in self.sg.objects(comp, SH.parameter):
                path = self.sg.value(param, SH.path)
                if path is not None:
                    out[path] = comp
        return out

    def read_predicates(self) -> set[str] | None:
        """Predicates whose objects a shape can see as values (None: any, for sh:closed and SPARQL constraints)."""
        out: set[str] = set()
        for shape in self.shapes.values():
            for query in [(sc.prefixes, sc.select) for sc in shape.sparql] + [(t.prefixes, t.select) for t in shape.target_selects]:
                used = query_predicates(query[0] + "\n" + query[1].replace("$PATH", shape.path.sparql() if shape.path else "$PATH"))
                if used is None:
                    return None
                out |= used
            if shape.path is not None:
                out |= _path_iris(shape.path)
            out |= {str(p) for p in shape.target_objects_of}
            for c in shape.constraints:
                if c.component == SH.ClosedConstraintComponent:
                    return None
                if c.component in (SH.EqualsConstraintComponent, SH.DisjointConstraintComponent,
                                   SH.LessThanConstraintComponent, SH.LessThanOrEqualsConstraintComponent):
                    out.add(str(c.value))
        return out

    def compared_literals(self) -> list[Literal]:
        """Literals of the shapes compared by term equality (sh:in, sh:hasValue, literal sh:targetNode)."""
        out: list[Literal] = []
        for shape in self.shapes.values():
            out += [t for t in shape.target_nodes if isinstance(t, Literal)]
            for c in shape.constraints:
                if c.component == SH.InConstraintComponent:
                    out += [t for t in c.value if isinstance(t, Literal)]  # type: ignore[union-attr]
                elif c.component == SH.HasValueConstraintComponent and isinstance(c.value, Literal):
                    out.append(c.value)
        return out

    @property
    def top_level(self) -> list[Shape]:
        return [s for s in self.shapes.values() if s.has_targets and not s.deactivated]

    # -- reading one shape -------------------------------------------------------------------------

    def shape(self, node) -> Shape:
        if node in self.shapes:
            return self.shapes[node]
        sg = self.sg
        shape = Shape(node)
        self.shapes[node] = shape  # before reading the constraints, so references to it resolve
        path = sg.value(node, SH.path)
        if path is not None:
            shape.path = self._path(path, node)
        shape.severity = sg.value(node, SH.severity) or SH.Violation  # type: ignore[assignment]
        shape.deactivated = _true(sg.value(node, SH.deactivated))
        shape.messages = tuple(sorted((m for m in sg.objects(node, SH.message) if isinstance(m, Literal)), key=str))
        shape.target_nodes = sorted(sg.objects(node, SH.targetNode), key=str)
        shape.target_classes = sorted(sg.objects(node, SH.targetClass), key=str)
        if any(t in self._class_types for t in sg.objects(node, RDF.type)):
            shape.target_classes.append(node)  # implicit class target
        shape.target_subjects_of = sorted(sg.objects(node, SH.targetSubjectsOf), key=str)
        shape.target_objects_of = sorted(sg.objects(node, SH.targetObjectsOf), key=str)
        for t in shape.target_nodes + shape.target_classes + shape.target_subjects_of + shape.target_objects_of:
            _constant(t, shape, "a target")
        for t in sorted(sg.objects(node, SH.target), key=str):
            shape.target_selects.append(self._sparql_target(shape, t))
        self._read_constraints(shape)
        return shape

    def _read_constraints(self, shape: Shape) -> None:
        sg, node = self.sg, shape.node
        done: set = set()
        for p, o in sorted(sg.predicate_objects(node), key=lambda po: (str(po[0]), str(po[1]))):
            if p in self._custom:
                raise FastShaclUnsupported(f"{shape} uses the custom constraint component <{self._custom[p]}>; validate with pySHACL")
            if str(p).startswith(str(SH)) and p not in COMPONENTS and p not in _ANNOTATIONS:
                raise FastShaclUnsupported(f"{shape} uses sh:{p[len(str(SH)):]}, which the fast validator does not support; validate with pySHACL")
            if p not in COMPONENTS:
                continue
            comp = COMPONENTS[p]
            if p in (SH.minCount, SH.maxCount, SH.uniqueLang, SH.lessThan, SH.lessThanOrEquals, SH.qualifiedValueShape) and not shape.is_property:
                raise FastShaclUnsupported(f"{shape} is a node shape with sh:{p[len(str(SH)):]}, which applies to property shapes only")
            if p in (SH.minCount, SH.maxCount, SH.minLength, SH.maxLength):
                shape.constraints.append(Constraint(comp, _count(o, shape, p)))
            elif p in (SH.datatype, SH.nodeKind, SH["class"], SH.equals, SH.disjoint, SH.lessThan, SH.lessThanOrEquals):
                shape.constraints.append(Constraint(comp, _constant(o, shape, p)))
            elif p in (SH.minExclusive, SH.minInclusive, SH.maxExclusive, SH.maxInclusive, SH.hasValue):
                shape.constraints.append(Constraint(comp, _constant(o, shape, p)))
            elif p == SH.pattern:
                flags = sg.value(node, SH.flags)
                shape.constraints.append(Constraint(comp, str(o), {"flags": "" if flags is None else str(flags)}))
            elif p in (SH.languageIn, SH["in"]):
                items = [_constant(i, shape, p) for i in Collection(sg, o)]
                shape.constraints.append(Constraint(comp, items))
            elif p == SH.uniqueLang:
                if _true(o):
                    shape.constraints.append(Constraint(comp, True))
            elif p == SH.closed:
                if _true(o) and comp not in done:
                    done.add(comp)
                    ignored = sg.value(node, SH.ignoredProperties)
                    allowed = [] if ignored is None else [_constant(i, shape, SH.ignoredProperties) for i in Collection(sg, ignored)]
                    for prop in sg.objects(node, SH.property):
                        path = sg.value(prop, SH.path)
                        if isinstance(path, URIRef):
                            allowed.append(path)
                    shape.constraints.append(Constraint(comp, sorted(set(allowed), key=str)))
            elif p in _SHAPE_LISTS:
                shape.constraints.append(Constraint(comp, [self.shape(s) for s in Collection(sg, o)]))
            elif p in (SH["not"], SH.node, SH.property):
                shape.constraints.append(Constraint(comp, self.shape(o)))
            elif p == SH.qualifiedValueShape:
                self._qualified(shape, o)
            elif p == SH.sparql:
                sc = self._sparql(shape, o)
                if sc is not None:
                    shape.sparql.append(sc)

    def _qualified(self, shape: Shape, value_shape) -> None:
        sg, node = self.sg, shape.node
        siblings: list[Shape] = []
        if _true(sg.value(node, SH.qualifiedValueShapesDisjoint)):
            for parent in sg.subjects(SH.property, node):
                for sibling_prop in sg.objects(parent, SH.property):
                    for s in sg.objects(sibling_prop, SH.qualifiedValueShape):
                        if s != value_shape:
                            siblings.append(self.shape(s))
        q = self.shape(value_shape)
        low, high = sg.value(node, SH.qualifiedMinCount), sg.value(node, SH.qualifiedMaxCount)
        if low is not None:
            shape.constraints.append(Constraint(SH.QualifiedMinCountConstraintComponent, q,
                                                {"count": _count(low, shape, SH.qualifiedMinCount), "siblings": siblings}))
        if high is not None:
            shape.constraints.append(Constraint(SH.QualifiedMaxCountConstraintComponent, q,
                                                {"count": _count(high, shape, SH.qualifiedMaxCount), "siblings": siblings}))

    def _sparql(self, shape: Shape, node) -> SparqlConstraint | None:
        sg = self.sg
        for p in set(sg.predicates(node)) - _SPARQL_OK - _ANNOTATIONS - set(COMPONENTS):  # it may be a shape too
            if str(p).startswith(str(SH)):
                raise FastShaclUnsupported(f"the SPARQL constraint {_name(node)} of {shape} uses sh:{p[len(str(SH)):]}, which the fast validator does not support")
        if _true(sg.value(node, SH.deactivated)):
            return None
        select = sg.value(node, SH.select)
        if select is None:
            raise FastShaclUnsupported(f"the SPARQL constraint {_name(node)} of {shape} has no sh:select")
        messages = tuple(sorted((m for m in sg.objects(node, SH.message) if isinstance(m, Literal)), key=str))
        return SparqlConstraint(node, str(select), self._prefixes(node), messages)

    def _sparql_target(self, shape: Shape, node) -> SparqlTarget:
        sg = self.sg
        select = sg.value(node, SH.select)
        kinds = set(sg.objects(node, RDF.type))
        if select is None or (kinds and SH.SPARQLTarget not in kinds) or sg.value(node, SH.ask) is not None:
            raise FastShaclUnsupported(f"{shape} uses a sh:target other than a SPARQL target with sh:select "
                                       "(SHACL-AF target types), which the fast validator does not run")
        return SparqlTarget(node, str(select), self._prefixes(node))

    def _prefixes(self, node) -> str:
        """PREFIX lines from sh:declare of the sh:prefixes nodes and of the ontologies they owl:imports."""
        sg = self.sg
        prefixes = []
        sources, seen = list(sg.objects(node, SH.prefixes)), set()
        while sources:
            source = sources.pop()
            if source in seen:
                continue
            seen.add(source)
            sources.extend(sg.objects(source, OWL.imports))
            for decl in sg.objects(source, SH.declare):
                prefix, ns = sg.value(decl, SH.prefix), sg.value(decl, SH.namespace)
                if prefix is not None and ns is not None:
                    prefixes.append(f"PREFIX {prefix}: <{ns}>")
        return "\n".join(sorted(set(prefixes)))

    def _path(self, node, shape_node) -> Path:
        sg = self.sg
        if isinstance(node, URIRef):
            return Path("pred", node, iri=node)
        if not isinstance(node, BNode):
            raise FastShaclUnsupported(f"{_name(shape_node)} has a sh:path that is not an IRI or a blank node")
        if sg.value(node, RDF.first) is not None:
            return Path("seq", node, items=tuple(self._path(i, shape_node) for i in Collection(sg, node)))
        for pred, kind in ((SH.inversePath, "inv"), (SH.zeroOrMorePath, "star"), (SH.oneOrMorePath, "plus"), (SH.zeroOrOnePath, "opt")):
            inner = sg.value(node, pred)
            if inner is not None:
                return Path(kind, node, items=(self._path(inner, shape_node),))
        alt = sg.value(node, SH.alternativePath)
        if alt is not None:
            return Path("alt", node, items=tuple(self._path(i, shape_node) for i in Collection(sg, alt)))
        raise FastShaclUnsupported(f"{_name(shape_node)} has a sh:path the fast validator cannot read")

    def _check_recursion(self) -> None:
        """SHACL leaves recursive shapes undefined; pySHACL stops at a depth. Refuse them."""
        state: dict = {}

        def visit(shape: Shape, trail: list) -> None:
            if state.get(shape.node) == "done":
                return
            if state.get(shape.node) == "active":
                raise FastShaclUnsupported(f"{shape} is recursive (it refers back to itself); validate with pySHACL")
            state[shape.node] = "active"
            for c in shape.constraints:
                for ref in _referenced(c):
                    visit(ref, trail + [shape])
            state[shape.node] = "done"

        for s in list(self.shapes.values()):
            visit(s, [])


@functools.lru_cache(maxsize=256)
def query_predicates(text: str) -> frozenset[str] | None:
    """The predicates a SPARQL query matches triples with (None: any, for a variable or negated predicate)."""
    from rdflib.paths import AlternativePath, InvPath, MulPath, NegatedPath, SequencePath
    from rdflib.plugins.sparql import prepareQuery
    from rdflib.plugins.sparql.parserutils import CompValue

    try:
        algebra = prepareQuery(text).algebra
    except Exception:  # rdflib cannot read it: assume it reads everything
        return None
    out: set[str] = set()

    def path(p) -> bool:
        if isinstance(p, URIRef):
            out.add(str(p))
            return True
        if isinstance(p, (SequencePath, AlternativePath)):
            return all(path(a) for a in p.args)
        if isinstance(p, InvPath):
            return path(p.arg)
        if isinstance(p, MulPath):
            return path(p.path)
        return False  # a variable, a negated property set (NegatedPath) or something unknown

    def walk(x) -> bool:
        if isinstance(x, CompValue):
            for block in x.get("triples") or []:
                items = list(block)
                if any(not path(items[i + 1]) for i in range(0, len(items) - 2, 3)):
                    return False
            return all(walk(v) for v in x.values())
        if isinstance(x, (list, tuple)):
            return all(walk(i) for i in x)
        return not isinstance(x, NegatedPath)

    return frozenset(out) if walk(algebra) else None


def _path_iris(path: Path) -> set[str]:
    return {str(path.iri)} if path.kind == "pred" else {i for p in path.items for i in _path_iris(p)}


def _referenced(c: Constraint) -> list[Shape]:
    refs = []
    if isinstance(c.value, Shape):
        refs.append(c.value)
    elif isinstance(c.value, list):
        refs.extend(v for v in c.value if isinstance(v, Shape))
    refs.extend(c.extra.get("siblings", []))
    return refs


def _true(value) -> bool:
    """SHACL switches (sh:closed, sh:uniqueLang, sh:deactivated) are on for the literal true only, not "1"."""
    return isinstance(value, Literal) and value.datatype == XSD.boolean and str(value) == "true"


def _constant(term, shape: Shape, param) -> object:
    if isinstance(term, BNode):
        name = f"sh:{str(param)[len(str(SH)):]}" if isinstance(param, URIRef) else param
        raise FastShaclUnsupported(f"{shape} uses a blank node as {name}; the fast validator can only compare IRIs and literals")
    return term


def _count(term, shape: Shape, param) -> int:
    value = term.toPython() if isinstance(term, Literal) else None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise FastShaclUnsupported(f"{shape}: sh:{str(param)[len(str(SH)):]} is not a non-negative integer ({term})")
    return value
