"""Running the compiled queries on Oxigraph and turning their rows into SHACL validation results."""

from __future__ import annotations

import os
import re
import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from .compile import SUBCLASS_OF, Compiler, Focus, Query, check_pattern, term
from .load import Loaded, rewritten_literals
from .model import SH, Constraint, FastShaclUnsupported, Path, Shape, ShapesReader, SparqlConstraint


@dataclass(frozen=True, eq=False)
class Result:
    """One validation result, as in a SHACL validation report; ``details`` are sh:detail (from sh:node)."""

    focus: object
    component: URIRef
    shape: object
    severity: URIRef
    path: Path | URIRef | None = None
    value: object = None
    constraint: object = None  # sh:sourceConstraint (SPARQL-based constraints)
    messages: tuple[Literal, ...] = ()
    details: tuple[Result, ...] = ()

    @property
    def path_term(self) -> object:
        return self.path.node if isinstance(self.path, Path) else self.path


@dataclass
class FastReport:
    """The results of one validation; ``conforms`` as pySHACL computes it with the same allow_warnings."""

    results: list[Result]
    shapes: Graph
    allow_warnings: bool = False
    _graph: Graph | None = field(default=None, repr=False)

    @property
    def conforms(self) -> bool:
        allowed = {SH.Warning, SH.Info} if self.allow_warnings else set()
        return all(r.severity in allowed for r in self.results)

    def all_results(self) -> list[Result]:
        """Every result, nested sh:detail results too (they are sh:ValidationResult nodes of the report as well)."""
        out: list[Result] = []

        def walk(rs) -> None:
            for r in rs:
                out.append(r)
                walk(r.details)

        walk(self.results)
        return out

    def graph(self) -> Graph:
        """The report as an RDF graph, shaped like pySHACL's (sh:ValidationReport, sh:result, sh:detail)."""
        if self._graph is None:
            self._graph = _report_graph(self)
        return self._graph


def validate(data: Loaded, shapes: Graph, *, focus: list | None = None, allow_warnings: bool = False,
             threads: int | None = None) -> FastReport:
    reader = ShapesReader(shapes)
    if data.changed:  # reading the predicates parses the SPARQL in the shapes: only when it matters
        data.refuse_if_reached(reader.read_predicates())
    constants = reader.compared_literals()
    if constants:
        nt = "".join(f"<urn:x-cheikg:s> <urn:x-cheikg:shape> {term(c)} .\n" for c in constants).encode()
        Loaded(data.store, rewritten_literals(nt)).refuse_if_reached(None)
    engine = _Engine(data.store, threads)
    focus_nodes = None if focus is None else sorted({URIRef(str(f)) for f in focus if isinstance(f, (URIRef, str))}, key=str)
    if focus_nodes == []:
        return FastReport([], shapes, allow_warnings)
    jobs: list[_Job] = []
    for shape in reader.top_level:
        if focus_nodes is None:
            engine.plan(shape, engine.compiler.target_focus(shape, None), jobs)
            continue
        # the given nodes this shape targets, looked up in the store's indexes: each query of the shape
        # then lists only those (parsing a query with thousands of nodes in VALUES is what costs)
        targeted = engine.targeted(shape, focus_nodes)
        if targeted:
            engine.plan(shape, Focus("VALUES ?this { " + " ".join(term(t) for t in targeted) + " }"), jobs)
    return FastReport(engine.run(jobs), shapes, allow_warnings)


_TYPE = ox.NamedNode(str(RDF.type))


@dataclass
class _Job:
    """One query to run, and what its rows are the results of."""

    shape: Shape
    query: Query
    focus: Focus
    constraint: Constraint | None = None
    sparql: SparqlConstraint | None = None


class _Engine:
    def __init__(self, store: ox.Store, threads: int | None = None):
        self.store = store
        self.threads = threads if threads is not None else min(4, len(os.sched_getaffinity(0)))
        self.compiler = Compiler(self._subclasses)
        self._checked: set = set()
        self._closures: dict = {}
        self._types: dict = {}  # rdf:type of the given focus nodes

    def _subclasses(self, cls: URIRef) -> list[URIRef]:
        # the class itself is added: Oxigraph's zero-length path skips a class the graph does not mention
        if cls not in self._closures:
            rows = self.store.query(f"SELECT DISTINCT ?c WHERE {{ ?c {SUBCLASS_OF}* {term(cls)} }}")
            self._closures[cls] = sorted({cls} | {URIRef(r["c"].value) for r in rows if isinstance(r["c"], ox.NamedNode)}, key=str)
        return self._closures[cls]

    def targeted(self, shape: Shape, given: list[URIRef]) -> list[URIRef]:
        """The nodes of ``given`` that ``shape`` targets (pySHACL's focus_nodes: IRIs only)."""
        default = ox.DefaultGraph()

        def has(s=None, p=None, o=None) -> bool:
            return next(iter(self.store.quads_for_pattern(s, p, o, default)), None) is not None

        classes = {str(sub) for c in shape.target_classes for sub in self._subclasses(c)}
        selected: set[str] = set()
        if shape.target_selects:
            only = replace(shape, target_nodes=[], target_classes=[], target_subjects_of=[], target_objects_of=[])
            rows = self._rows(self.compiler.focus_query(self.compiler.target_focus(only, None)), shape)[1]
            selected = {r["this"].value for r in rows if isinstance(r["this"], ox.NamedNode)}
        out = []
        for node in given:
            n = ox.NamedNode(str(node))
            if classes and node not in self._types:
                self._types[node] = {q.object.value for q in self.store.quads_for_pattern(n, _TYPE, None, default)}
            if (node in shape.target_nodes or str(node) in selected or (classes and not classes.isdisjoint(self._types[node]))
                    or any(has(n, ox.NamedNode(str(p))) for p in shape.target_subjects_of)
                    or any(has(None, ox.NamedNode(str(p)), n) for p in shape.target_objects_of)):
                out.append(node)
        return out

    def evaluate(self, shape: Shape, focus: Focus) -> list[Result]:
        """The results of ``shape`` for the focus nodes bound by ``focus``."""
        jobs: list[_Job] = []
        self.plan(shape, focus, jobs)
        return self.run(jobs)

    def plan(self, shape: Shape, focus: Focus, jobs: list[_Job]) -> None:
        """Add the queries of ``shape`` and of its property shapes to ``jobs``."""
        for c in shape.constraints:
            if c.component == SH.PropertyConstraintComponent:
                child: Shape = c.value  # type: ignore[assignment]
                if not child.deactivated:
                    self.plan(child, focus if shape.path is None else self.compiler.values_focus(focus, shape.path), jobs)
                continue
            self._check(c)
            query = self.compiler.constraint_query(shape, c, focus)
            if query.kind != "none":
                jobs.append(_Job(shape, query, focus, constraint=c))
        for sc in shape.sparql:
            jobs.append(_Job(shape, self.compiler.sparql_query(shape, sc, focus), focus, sparql=sc))

    def run(self, jobs: list[_Job]) -> list[Result]:
        """Run the queries, in threads (Oxigraph evaluates without holding the GIL), and read their rows in order."""
        if self.threads > 1 and len(jobs) > 1:
            with ThreadPoolExecutor(self.threads) as pool:
                outputs = list(pool.map(self._execute, jobs))
        else:
            outputs = [self._execute(job) for job in jobs]
        results: list[Result] = []
        for job, (names, rows) in zip(jobs, outputs):
            if job.sparql is not None:
                results.extend(self._sparql_results(job, names, rows))
                continue
            found = [self._result(job, row) for row in rows]
            if found and job.constraint.component == SH.NodeConstraintComponent:  # type: ignore[union-attr]
                found = self._with_details(job, found)
            results.extend(found)
        return results

    def _execute(self, job: _Job) -> tuple[list[str], list]:
        if job.query.kind != "sparql-each":
            return self._rows(job.query, job.shape)
        names: list[str] = []
        rows = []  # pre-bound one focus node at a time
        for node in self._rows(self.compiler.focus_query(job.focus), job.shape)[1]:
            names, some = self._rows(job.query, job.shape, {ox.Variable("this"): node["this"]})
            rows.extend((node, r) for r in some)
        return names, rows

    def _check(self, c: Constraint) -> None:
        if c.component == SH.PatternConstraintComponent and (c.value, c.extra["flags"]) not in self._checked:
            check_pattern(c.value, c.extra["flags"], self.store)  # type: ignore[arg-type]
            self._checked.add((c.value, c.extra["flags"]))
        for sub in _nested_constraints(c):
            self._check(sub)

    def _rows(self, query: Query, shape: Shape, bind: dict | None = None) -> tuple[list[str], list]:
        try:
            solutions = self.store.query(query.text, substitutions=bind) if bind else self.store.query(query.text)
            return [v.value for v in solutions.variables], list(solutions)
        except SyntaxError as e:
            raise FastShaclUnsupported(f"the query compiled for {shape} is not valid SPARQL for Oxigraph ({e}); validate with pySHACL") from None
        except (OSError, ValueError) as e:
            raise FastShaclUnsupported(f"Oxigraph could not evaluate the query compiled for {shape} ({e}); validate with pySHACL") from None

    def _result(self, job: _Job, row) -> Result:
        shape, kind, component = job.shape, job.query.kind, job.constraint.component  # type: ignore[union-attr]
        this = to_rdflib(row["this"])
        if kind == "value":
            return Result(this, component, shape.node, shape.severity, shape.path, to_rdflib(row["value"]), messages=shape.messages)
        if kind == "self":
            return Result(this, component, shape.node, shape.severity, shape.path, this, messages=shape.messages)
        if kind == "closed":
            return Result(this, component, shape.node, shape.severity, to_rdflib(row["path"]), to_rdflib(row["value"]), messages=shape.messages)
        return Result(this, component, shape.node, shape.severity, shape.path, messages=shape.messages)

    def _with_details(self, job: _Job, found: list[Result]) -> list[Result]:
        """Each failing value's own results, nested as sh:detail the way pySHACL reports sh:node."""
        c = job.constraint
        nested = self.evaluate(c.value, self.compiler.failing_values_focus(job.shape, c, job.focus))  # type: ignore[union-attr, arg-type]
        by_focus: dict = {}
        for r in nested:
            by_focus.setdefault(r.focus, []).append(r)
        return [Result(r.focus, r.component, r.shape, r.severity, r.path, r.value, r.constraint, r.messages,
                       tuple(by_focus.get(r.value, ()))) for r in found]

    def _sparql_results(self, job: _Job, names: list[str], rows: list) -> list[Result]:
        """One result per distinct (this, path, value, other bindings), as pySHACL reports SPARQL constraints."""
        shape, sc = job.shape, job.sparql
        ctx = [c[1:] for c in job.focus.ctx]
        seen: set = set()
        out = []
        for row in rows:
            parent, row = row if job.query.kind == "sparql-each" else (row, row)
            context = tuple(parent[c] for c in ctx)
            bound = {n: to_rdflib(row[n]) for n in names if n not in ctx and row[n] is not None}
            if "failure" in bound:
                raise FastShaclUnsupported(f"the SPARQL constraint of {shape} reported a failure (?failure) for {bound.get('this')}")
            this, path, value = bound.pop("this"), bound.pop("path", None), bound.pop("value", None)
            key = (context, this, path, value, tuple(sorted(bound.items(), key=str)))
            if key in seen:
                continue
            seen.add(key)
            if value is None and not shape.is_property:
                value = this
            shown = {**bound, "this": this, "value": value}
            if path is not None:
                shown["path"] = path
            messages = tuple(Literal(_format(m, shown)) for m in sc.messages + shape.messages)  # type: ignore[union-attr]
            out.append(Result(this, SH.SPARQLConstraintComponent, shape.node, shape.severity,
                              path if path is not None else shape.path, value, sc.node, messages))  # type: ignore[union-attr]
        return out


def _nested_constraints(c: Constraint) -> list[Constraint]:
    shapes = []
    if isinstance(c.value, Shape):
        shapes.append(c.value)
    elif isinstance(c.value, list):
        shapes.extend(v for v in c.value if isinstance(v, Shape))
    shapes.extend(c.extra.get("siblings", []))
    return [sub for s in shapes for sub in s.constraints]


def _format(message: Literal, names: dict) -> str:
    """sh:message with {?var} / {$var} replaced by the bound values, as pySHACL formats them."""
    text = str(message)
    for name, value in names.items():
        if value is not None:
            text = re.sub(r"\{[?$]" + re.escape(name) + r"\}", lambda _m, v=value: str(v), text)
    return text


def to_rdflib(t: object):
    if t is None:
        return None
    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return BNode(t.value)
    if isinstance(t, ox.Literal):
        if t.language:
            return Literal(t.value, lang=t.language)
        dt = t.datatype.value
        if dt == str(XSD.string):
            return Literal(t.value)  # RDF 1.1: a plain literal is an xsd:string; rdflib keeps them apart
        # as stored: rdflib would otherwise rewrite an ill-typed "none"^^xsd:boolean into "false" (and warn)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return Literal(t.value, datatype=URIRef(dt), normalize=False)
    raise FastShaclUnsupported(f"unexpected term {t!r} in a result")


def _report_graph(report: FastReport) -> Graph:
    g = Graph()
    for prefix, ns in report.shapes.namespaces():
        g.bind(prefix, ns, override=False)
    g.bind("sh", SH)
    root = BNode()
    g.add((root, RDF.type, SH.ValidationReport))
    g.add((root, SH.conforms, Literal(report.conforms)))

    def add(r: Result) -> BNode:
        node = BNode()
        g.add((node, RDF.type, SH.ValidationResult))
        g.add((node, SH.sourceConstraintComponent, r.component))
        g.add((node, SH.sourceShape, r.shape))
        g.add((node, SH.resultSeverity, r.severity))
        g.add((node, SH.focusNode, r.focus))
        if r.value is not None:
            g.add((node, SH.value, r.value))
        if r.path is not None:
            g.add((node, SH.resultPath, r.path_term))
            _copy_path(report.shapes, r.path_term, g)
        if r.constraint is not None:
            g.add((node, SH.sourceConstraint, r.constraint))
        for m in r.messages:
            g.add((node, SH.resultMessage, m))
        for d in r.details:
            g.add((node, SH.detail, add(d)))
        return node

    for r in report.results:
        g.add((root, SH.result, add(r)))
    return g


def _copy_path(sg: Graph, node, g: Graph) -> None:
    if not isinstance(node, BNode):
        return
    for p, o in sg.predicate_objects(node):
        if (node, p, o) not in g:
            g.add((node, p, o))
            _copy_path(sg, o, g)
