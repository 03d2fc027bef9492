"""SHACL constraints as SPARQL text for Oxigraph: focus patterns, value conditions, one query per constraint.

Three building blocks:

* a *focus pattern* is a group that binds ``?this`` to each focus node once
  (targets, or the values of a parent property shape, or the failing values of
  a ``sh:node`` constraint whose details are wanted);
* ``ok(constraint, var)`` is a boolean expression true when the value in ``var``
  satisfies a value-level constraint (class, datatype, pattern, in, ...);
* ``nonconforming(shape, var)`` is a boolean expression true when the node in
  ``var`` does not conform to a whole shape, used for the shape-expecting
  components (sh:node, sh:not, sh:and, sh:or, sh:xone, qualified shapes).

Every comparison that can raise a SPARQL error is wrapped in COALESCE so an
error counts as a failed check, which is how SHACL treats incomparable values.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

from .model import SH, Constraint, FastShaclUnsupported, Path, Shape, SparqlConstraint

RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
SUBCLASS_OF = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"

# datatypes whose well-formedness Oxigraph checks through its cast function of the same name
_CASTABLE = {XSD[n] for n in ("integer", "decimal", "double", "float", "boolean", "date", "dateTime", "time", "gYear",
                               "gYearMonth", "gMonth", "gMonthDay", "gDay", "duration", "dayTimeDuration",
                               "yearMonthDuration")}
# Oxigraph stores every valid literal of these as xsd:integer: one left with its own datatype is ill-formed
_INTEGER_SUBTYPES = {XSD[n] for n in ("int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
                                      "negativeInteger", "nonPositiveInteger", "unsignedLong", "unsignedInt",
                                      "unsignedShort", "unsignedByte")}
_NODE_KINDS = {
    SH.IRI: "isIRI({v})", SH.BlankNode: "isBlank({v})", SH.Literal: "isLiteral({v})",
    SH.BlankNodeOrIRI: "(isIRI({v}) || isBlank({v}))", SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
    SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))",
}
_RANGES = {SH.MinExclusiveConstraintComponent: ">", SH.MinInclusiveConstraintComponent: ">=",
           SH.MaxExclusiveConstraintComponent: "<", SH.MaxInclusiveConstraintComponent: "<="}
VALUE_LEVEL = {
    SH.ClassConstraintComponent, SH.DatatypeConstraintComponent, SH.NodeKindConstraintComponent,
    *_RANGES, SH.MinLengthConstraintComponent, SH.MaxLengthConstraintComponent, SH.PatternConstraintComponent,
    SH.LanguageInConstraintComponent, SH.InConstraintComponent, SH.NodeConstraintComponent, SH.NotConstraintComponent,
    SH.AndConstraintComponent, SH.OrConstraintComponent, SH.XoneConstraintComponent,
}
_NESTED_COUNT_LIMIT = 6  # nested cardinalities are compiled to n distinct variables; beyond that, refuse
_REGEX_UNSAFE = re.compile(r"\(\?[=!<]|\\[1-9]|\\[pP]\{")  # lookaround, back-references, unicode classes differ between Python and Rust


def term(t: object) -> str:
    """An IRI or literal of the shapes graph as SPARQL text."""
    if isinstance(t, URIRef):
        if re.search(r'[\x00-\x20<>"{}|^`\\]', str(t)):
            raise FastShaclUnsupported(f"the IRI {str(t)!r} cannot be written in SPARQL")
        return f"<{t}>"
    if isinstance(t, Literal):
        text = string(str(t))
        if t.language:
            return f"{text}@{t.language}"
        if t.datatype is not None and t.datatype != XSD.string:
            return f"{text}^^<{t.datatype}>"
        return text
    raise FastShaclUnsupported(f"the term {t!r} cannot be used as a constant in the fast validator")


def string(text: str) -> str:
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
               .replace("\t", "\\t"))
    return f'"{escaped}"'


@dataclass(frozen=True)
class Focus:
    """A group binding ?this to each focus node; ``ctx`` are the variables that tell apart the same node
    reached from different parents (a nested sh:property is validated once per (parent, value) pair)."""

    pattern: str
    ctx: tuple[str, ...] = ()
    prefixes: str = ""  # PREFIX lines a SPARQL target in the pattern needs

    @property
    def vars(self) -> str:
        return "".join(c + " " for c in self.ctx)


@dataclass(frozen=True)
class Query:
    """One SELECT and how its rows become results: kind is value, self, focus, lang, closed or sparql."""

    text: str
    kind: str


class Compiler:
    """Builds the SPARQL; ``subclasses(C)`` is C and its SHACL subclasses in the data graph.

    Class targets and sh:class are written with the subclasses listed
    (``?x rdf:type ?t . VALUES ?t {...}``) rather than as the path
    ``rdf:type/rdfs:subClassOf*``: the closure is computed once per class, and a
    class without subclasses becomes a plain triple pattern.
    """

    def __init__(self, subclasses: Callable[[URIRef], list[URIRef]]) -> None:
        self._n = 0
        self.subclasses = subclasses

    def var(self, stem: str = "v") -> str:
        self._n += 1
        return f"?{stem}{self._n}"

    # -- focus patterns ----------------------------------------------------------------------------

    def target_focus(self, shape: Shape, focus: list[URIRef] | None) -> Focus:
        parts = []
        if shape.target_nodes:
            parts.append("VALUES ?this { " + " ".join(term(t) for t in dict.fromkeys(shape.target_nodes)) + " }")
        classes = sorted({sub for c in shape.target_classes for sub in self.subclasses(c)}, key=str)
        if classes:
            parts.append(self.typed("?this", classes))
        for p in shape.target_subjects_of:
            parts.append(f"?this {term(p)} {self.var('o')} .")
        for p in shape.target_objects_of:
            parts.append(f"{self.var('s')} {term(p)} ?this .")
        prefixes = ""
        for t in shape.target_selects:
            own, body = _split_prologue(t.select)
            prefixes = merge_prefixes(prefixes, t.prefixes, own)
            if len(re.findall(r"\bSELECT\b", _strip(body), re.IGNORECASE)) != 1:
                raise FastShaclUnsupported(f"the SPARQL target of {shape} has a sub-select, which the fast validator does not nest")
            parts.append("{ " + body + " }")
        union = " UNION ".join("{ " + p + " }" for p in parts)
        if focus is not None:
            given = "VALUES ?this { " + " ".join(term(f) for f in focus) + " }"
            if not shape.target_selects:
                # each given node tested against the targets: a join of a long VALUES with a class's
                # instances is quadratic in Oxigraph (7 s for 5,000 nodes), this is 50 ms
                return Focus("{ SELECT ?this WHERE { " + given + " FILTER EXISTS { " + union + " } } }")
            return Focus("{ SELECT DISTINCT ?this WHERE { " + given + " " + union + " } }", prefixes=prefixes)
        if len(parts) == 1 and (len(classes) == 1 or not classes) and not (shape.target_subjects_of or shape.target_objects_of
                                                                           or shape.target_selects):
            return Focus(parts[0])  # one class or a list of nodes: each focus node once, no DISTINCT needed
        return Focus("{ SELECT DISTINCT ?this WHERE { " + union + " } }", prefixes=prefixes)

    def typed(self, v: str, classes: list[URIRef]) -> str:
        """A pattern matching when ``v`` has one of ``classes`` as rdf:type."""
        if len(classes) == 1:
            return f"{v} {RDF_TYPE} {term(classes[0])} ."
        t = self.var("t")
        return f"{v} {RDF_TYPE} {t} . VALUES {t} {{ {' '.join(term(c) for c in classes)} }}"

    def focus_query(self, focus: Focus) -> Query:
        return Query(_prologue(focus.prefixes) + f"SELECT {focus.vars}?this WHERE {{ {focus.pattern} }}", "focus")

    def values_focus(self, focus: Focus, path: Path) -> Focus:
        """The value nodes of ``path`` for each focus node of ``focus``: one focus per (parent, value) pair."""
        f = self.var("c")
        ctx = focus.ctx + (f,)
        return Focus(f"{{ SELECT DISTINCT {' '.join(ctx)} ?this WHERE {{ {{ SELECT {focus.vars}(?this AS {f}) WHERE {{ {focus.pattern} }} }} "
                     f"{f} {path.sparql()} ?this . }} }}", ctx, focus.prefixes)

    def failing_values_focus(self, shape: Shape, c: Constraint, focus: Focus) -> Focus:
        """The distinct value nodes that fail the sh:node constraint ``c``, as a focus (for its details)."""
        if shape.path is None:
            return Focus(f"{{ SELECT DISTINCT ?this WHERE {{ {focus.pattern} FILTER(!({self.ok(c, '?this')})) }} }}", prefixes=focus.prefixes)
        return Focus("{ SELECT DISTINCT ?this WHERE { { SELECT ?value WHERE { " + focus.pattern + f" ?this {shape.path.sparql()} ?value . "
                     + f"FILTER(!({self.ok(c, '?value')})) }} }} BIND(?value AS ?this) }} }}", prefixes=focus.prefixes)

    # -- value-level conditions --------------------------------------------------------------------

    def ok(self, c: Constraint, v: str) -> str:
        comp = c.component
        if comp == SH.ClassConstraintComponent:
            return f"EXISTS {{ {self.typed(v, self.subclasses(c.value))} }}"  # type: ignore[arg-type]
        if comp == SH.DatatypeConstraintComponent:
            return _datatype(c.value, v)
        if comp == SH.NodeKindConstraintComponent:
            if c.value not in _NODE_KINDS:
                raise FastShaclUnsupported(f"sh:nodeKind {c.value} is not a SHACL node kind")
            return _NODE_KINDS[c.value].format(v=v)
        if comp in _RANGES:
            return f"COALESCE({v} {_RANGES[comp]} {term(c.value)}, false)"
        if comp == SH.MinLengthConstraintComponent:
            return f"(!isBlank({v}) && COALESCE(STRLEN(STR({v})) >= {c.value}, false))"
        if comp == SH.MaxLengthConstraintComponent:
            return f"(!isBlank({v}) && COALESCE(STRLEN(STR({v})) <= {c.value}, false))"
        if comp == SH.PatternConstraintComponent:
            return f"(!isBlank({v}) && COALESCE(REGEX(STR({v}), {string(c.value)}, {string(c.extra['flags'])}), false))"
        if comp == SH.LanguageInConstraintComponent:
            tests = " || ".join(f"langMatches(LANG({v}), {string(str(t))})" for t in c.value) or "false"
            return f"COALESCE(isLiteral({v}) && ({tests}), false)"
        if comp == SH.InConstraintComponent:
            return "(" + (" || ".join(f"sameTerm({v}, {term(t)})" for t in c.value) or "false") + ")"
        if comp == SH.NodeConstraintComponent:
            return f"!({self.nonconforming(c.value, v)})"
        if comp == SH.NotConstraintComponent:
            return self.nonconforming(c.value, v)
        if comp == SH.AndConstraintComponent:
            return "!(" + (" || ".join(self.nonconforming(s, v) for s in c.value) or "false") + ")"
        if comp == SH.OrConstraintComponent:
            classes = [_class_only(s) for s in c.value]  # type: ignore[union-attr]
            if classes and all(classes):  # sh:or ( [ sh:class A ] [ sh:class B ] ...): one type test
                return f"EXISTS {{ {self.typed(v, sorted({sub for k in classes for sub in self.subclasses(k)}, key=str))} }}"
            return "!(" + (" && ".join(self.nonconforming(s, v) for s in c.value) or "true") + ")"
        if comp == SH.XoneConstraintComponent:
            return "((" + (" + ".join(f"IF({self.nonconforming(s, v)}, 0, 1)" for s in c.value) or "0") + ") = 1)"
        raise AssertionError(comp)

    # -- whole-shape conformance -------------------------------------------------------------------

    def nonconforming(self, shape: Shape, x: str) -> str:
        """A boolean expression: the node in ``x`` does not conform to ``shape``."""
        if shape.deactivated:
            return "false"
        if shape.sparql:
            raise FastShaclUnsupported(f"{shape} has SPARQL constraints and is used inside another shape; validate with pySHACL")
        terms = [self._violates(shape, c, x) for c in shape.constraints]
        terms = [t for t in terms if t != "false"]
        return "(" + " || ".join(terms) + ")" if terms else "false"

    def _violates(self, shape: Shape, c: Constraint, x: str) -> str:
        comp, path = c.component, shape.path
        if comp in VALUE_LEVEL:
            if path is None:
                return f"!({self.ok(c, x)})"
            v = self.var()
            return f"EXISTS {{ {x} {path.sparql()} {v} . FILTER(!({self.ok(c, v)})) }}"
        assert path is not None or comp in (SH.EqualsConstraintComponent, SH.DisjointConstraintComponent,
                                            SH.HasValueConstraintComponent, SH.ClosedConstraintComponent,
                                            SH.PropertyConstraintComponent)
        if comp == SH.MinCountConstraintComponent:
            if c.value == 0:
                return "false"
            return f"NOT EXISTS {{ {self._distinct_values(x, path, c.value)} }}"  # type: ignore[arg-type]
        if comp == SH.MaxCountConstraintComponent:
            return f"EXISTS {{ {self._distinct_values(x, path, c.value + 1)} }}"  # type: ignore[arg-type]
        if comp == SH.UniqueLangConstraintComponent:
            a, b = self.var(), self.var()
            p = path.sparql()  # type: ignore[union-attr]
            return (f"EXISTS {{ {x} {p} {a} . {x} {p} {b} . FILTER(!sameTerm({a}, {b}) && LANG({a}) != \"\" "
                    f"&& LCASE(LANG({a})) = LCASE(LANG({b}))) }}")
        if comp in (SH.EqualsConstraintComponent, SH.DisjointConstraintComponent):
            other = term(c.value)
            if path is None:
                if comp == SH.DisjointConstraintComponent:
                    return f"EXISTS {{ {x} {other} {x} }}"
                o = self.var()
                return f"(NOT EXISTS {{ {x} {other} {x} }} || EXISTS {{ {x} {other} {o} . FILTER(!sameTerm({o}, {x})) }})"
            v, p = self.var(), path.sparql()
            if comp == SH.DisjointConstraintComponent:
                return f"EXISTS {{ {x} {p} {v} . {x} {other} {v} }}"
            w = self.var()
            return (f"(EXISTS {{ {x} {p} {v} . FILTER NOT EXISTS {{ {x} {other} {v} }} }} || "
                    f"EXISTS {{ {x} {other} {w} . FILTER NOT EXISTS {{ {x} {p} {w} }} }})")
        if comp in (SH.LessThanConstraintComponent, SH.LessThanOrEqualsConstraintComponent):
            op = "<" if comp == SH.LessThanConstraintComponent else "<="
            v, w = self.var(), self.var()
            return f"EXISTS {{ {x} {path.sparql()} {v} . {x} {term(c.value)} {w} . FILTER(!COALESCE({v} {op} {w}, false)) }}"  # type: ignore[union-attr]
        if comp == SH.HasValueConstraintComponent:
            if path is None:
                return f"!sameTerm({x}, {term(c.value)})"
            return f"NOT EXISTS {{ {x} {path.sparql()} {term(c.value)} }}"
        if comp == SH.ClosedConstraintComponent:
            p, o = self.var("p"), self.var("o")
            allowed = ", ".join(term(a) for a in c.value)  # type: ignore[union-attr]
            cond = f"FILTER({p} NOT IN ({allowed}))" if allowed else ""
            if path is None:
                return f"EXISTS {{ {x} {p} {o} . {cond} }}"
            v = self.var()
            return f"EXISTS {{ {x} {path.sparql()} {v} . {v} {p} {o} . {cond} }}"
        if comp == SH.PropertyConstraintComponent:
            if path is None:
                return self.nonconforming(c.value, x)  # type: ignore[arg-type]
            v = self.var()
            inner = self.nonconforming(c.value, v)  # type: ignore[arg-type]
            return "false" if inner == "false" else f"EXISTS {{ {x} {path.sparql()} {v} . FILTER({inner}) }}"
        if comp in (SH.QualifiedMinCountConstraintComponent, SH.QualifiedMaxCountConstraintComponent):
            n = c.extra["count"]
            if comp == SH.QualifiedMinCountConstraintComponent:
                if n == 0:
                    return "false"
                return f"NOT EXISTS {{ {self._distinct_values(x, path, n, lambda v: self.qualifies(c, v))} }}"  # type: ignore[arg-type]
            return f"EXISTS {{ {self._distinct_values(x, path, n + 1, lambda v: self.qualifies(c, v))} }}"  # type: ignore[arg-type]
        raise AssertionError(comp)

    def qualifies(self, c: Constraint, v: str) -> str:
        """The value conforms to the qualified value shape and to none of its disjoint siblings."""
        parts = [f"!({self.nonconforming(c.value, v)})"]  # type: ignore[arg-type]
        parts += [self.nonconforming(s, v) for s in c.extra["siblings"]]
        return "(" + " && ".join(parts) + ")"

    def _distinct_values(self, x: str, path: Path, n: int, cond=None) -> str:
        """A pattern matching when ``x`` has at least n distinct values (each satisfying cond)."""
        if n > _NESTED_COUNT_LIMIT:
            raise FastShaclUnsupported(f"a cardinality of {n - 1} or more inside a nested shape is beyond the fast validator; validate with pySHACL")
        vs = [self.var() for _ in range(n)]
        p = path.sparql()
        pattern = " ".join(f"{x} {p} {v} ." for v in vs)
        filters = [f"!sameTerm({a}, {b})" for a, b in combinations(vs, 2)]
        if cond is not None:
            filters += [cond(v) for v in vs]
        return pattern + (f" FILTER({' && '.join(filters)})" if filters else "")

    # -- top-level queries -------------------------------------------------------------------------

    def constraint_query(self, shape: Shape, c: Constraint, focus: Focus) -> Query:
        """One SELECT whose rows are the results of ``c``; the focus's context variables keep one row per parent."""
        query = self._constraint_query(shape, c, focus)
        return Query(_prologue(focus.prefixes) + query.text, query.kind) if query.text else query

    def _constraint_query(self, shape: Shape, c: Constraint, focus: Focus) -> Query:
        comp, path = c.component, shape.path
        p = path.sparql() if path is not None else ""
        f, v = focus.pattern, focus.vars
        distinct = "" if path is None or path.duplicate_free else "DISTINCT "
        if comp in VALUE_LEVEL:
            if path is None:
                return Query(f"SELECT {v}?this WHERE {{ {f} FILTER(!({self.ok(c, '?this')})) }}", "self")
            return Query(f"SELECT {distinct}{v}?this ?value WHERE {{ {f} ?this {p} ?value . FILTER(!({self.ok(c, '?value')})) }}", "value")
        if comp == SH.MinCountConstraintComponent:
            if c.value == 0:
                return Query("", "none")
            if c.value == 1:
                return Query(f"SELECT {v}?this WHERE {{ {f} FILTER NOT EXISTS {{ ?this {p} ?v }} }}", "focus")
            return Query(f"SELECT {v}?this WHERE {{ {{ SELECT {v}?this (COUNT(DISTINCT ?v) AS ?n) WHERE {{ {f} OPTIONAL {{ ?this {p} ?v }} }} "
                         f"GROUP BY {v}?this }} FILTER(?n < {c.value}) }}", "focus")
        if comp == SH.MaxCountConstraintComponent:
            return Query(f"SELECT {v}?this WHERE {{ {{ SELECT {v}?this (COUNT(DISTINCT ?v) AS ?n) WHERE {{ {f} ?this {p} ?v }} "
                         f"GROUP BY {v}?this }} FILTER(?n > {c.value}) }}", "focus")
        if comp == SH.UniqueLangConstraintComponent:
            return Query(f"SELECT DISTINCT {v}?this ?lang WHERE {{ {f} ?this {p} ?a . ?this {p} ?b . "
                         f"FILTER(!sameTerm(?a, ?b)) BIND(LCASE(LANG(?a)) AS ?lang) FILTER(?lang != \"\" && ?lang = LCASE(LANG(?b))) }}", "lang")
        if comp in (SH.EqualsConstraintComponent, SH.DisjointConstraintComponent):
            other = term(c.value)
            if path is None:
                if comp == SH.DisjointConstraintComponent:
                    return Query(f"SELECT {v}?this WHERE {{ {f} ?this {other} ?this }}", "self")
                return Query(f"SELECT {v}?this ?value WHERE {{ {{ {f} FILTER NOT EXISTS {{ ?this {other} ?this }} BIND(?this AS ?value) }} "
                             f"UNION {{ {f} ?this {other} ?value . FILTER(!sameTerm(?value, ?this)) }} }}", "value")
            if comp == SH.DisjointConstraintComponent:
                return Query(f"SELECT {distinct}{v}?this ?value WHERE {{ {f} ?this {p} ?value . ?this {other} ?value }}", "value")
            return Query(f"SELECT DISTINCT {v}?this ?value WHERE {{ {{ {f} ?this {p} ?value . FILTER NOT EXISTS {{ ?this {other} ?value }} }} "
                         f"UNION {{ {f} ?this {other} ?value . FILTER NOT EXISTS {{ ?this {p} ?value }} }} }}", "value")
        if comp in (SH.LessThanConstraintComponent, SH.LessThanOrEqualsConstraintComponent):
            op = "<" if comp == SH.LessThanConstraintComponent else "<="
            inner = f"SELECT DISTINCT {v}?this ?value WHERE {{ {f} ?this {p} ?value }}"
            return Query(f"SELECT {v}?this ?value WHERE {{ {{ {inner} }} ?this {term(c.value)} ?w . FILTER(!COALESCE(?value {op} ?w, false)) }}", "value")
        if comp == SH.HasValueConstraintComponent:
            if path is None:
                return Query(f"SELECT {v}?this WHERE {{ {f} FILTER(!sameTerm(?this, {term(c.value)})) }}", "focus")
            return Query(f"SELECT {v}?this WHERE {{ {f} FILTER NOT EXISTS {{ ?this {p} {term(c.value)} }} }}", "focus")
        if comp == SH.ClosedConstraintComponent:
            allowed = ", ".join(term(a) for a in c.value)  # type: ignore[union-attr]
            cond = f"FILTER(?path NOT IN ({allowed}))" if allowed else ""
            if path is None:
                return Query(f"SELECT {v}?this ?path ?value WHERE {{ {f} ?this ?path ?value . {cond} }}", "closed")
            return Query(f"SELECT DISTINCT {v}?this ?path ?value WHERE {{ {f} ?this {p} ?cv . ?cv ?path ?value . {cond} }}", "closed")
        if comp in (SH.QualifiedMinCountConstraintComponent, SH.QualifiedMaxCountConstraintComponent):
            n = c.extra["count"]
            cond = self.qualifies(c, "?v")
            if comp == SH.QualifiedMinCountConstraintComponent:
                if n == 0:
                    return Query("", "none")
                return Query(f"SELECT {v}?this WHERE {{ {{ SELECT {v}?this (COUNT(DISTINCT ?v) AS ?n) WHERE {{ {f} OPTIONAL {{ ?this {p} ?v . FILTER({cond}) }} }} "
                             f"GROUP BY {v}?this }} FILTER(?n < {n}) }}", "focus")
            return Query(f"SELECT {v}?this WHERE {{ {{ SELECT {v}?this (COUNT(DISTINCT ?v) AS ?n) WHERE {{ {f} ?this {p} ?v . FILTER({cond}) }} "
                         f"GROUP BY {v}?this }} FILTER(?n > {n}) }}", "focus")
        raise AssertionError(comp)

    def sparql_query(self, shape: Shape, sc: SparqlConstraint, focus: Focus) -> Query:
        return prebind(shape, sc, focus)


# -- SPARQL-based constraints ------------------------------------------------------------------------

_UNSUPPORTED_IN_SELECT = re.compile(r"\b(MINUS|VALUES|SERVICE)\b|\bAS\s+[?$]this\b|\$shapesGraph\b", re.IGNORECASE)


def prebind(shape: Shape, sc: SparqlConstraint, focus: Focus) -> Query:
    """The constraint's SELECT with ``$this`` pre-bound to each focus node.

    Where $this is only used in the top-level group (or in EXISTS and OPTIONAL
    groups under it), joining the focus pattern first in that group is the same
    as pre-binding, and one query serves every focus node (kind ``sparql``).
    Where it is used inside other nested groups (UNION branches, plain groups),
    the query is run once per focus node with $this substituted (kind
    ``sparql-each``). MINUS, VALUES, SERVICE, sub-selects and a re-bound $this,
    which SHACL excludes from pre-binding, are refused.
    """
    text = sc.select
    body = _strip(text)
    if _UNSUPPORTED_IN_SELECT.search(body):
        raise FastShaclUnsupported(f"the SPARQL constraint {_node(sc.node)} of {shape} uses a construct SHACL forbids with pre-bound variables or the fast validator does not bind ($shapesGraph)")
    if len(re.findall(r"\bSELECT\b", body, re.IGNORECASE)) != 1:
        raise FastShaclUnsupported(f"the SPARQL constraint {_node(sc.node)} of {shape} has a sub-select, which the fast validator does not pre-bind")
    if "$PATH" in text:
        if shape.path is None:
            raise FastShaclUnsupported(f"the SPARQL constraint {_node(sc.node)} uses $PATH in a node shape")
        text = text.replace("$PATH", shape.path.sparql())
    if "$currentShape" in text:
        text = re.sub(r"\$currentShape\b", term(shape.node), text)
    text = _project_this(text, shape, sc, focus.ctx)
    brace = _where_brace(text)
    if brace < 0:
        raise FastShaclUnsupported(f"the SPARQL constraint {_node(sc.node)} of {shape} has no WHERE group")
    if _this_in_nested_group(text):
        # substituted $this is a constant, which BOUND() does not take: pre-bound means bound
        text = re.sub(r"\bBOUND\s*\(\s*[?$]this\s*\)", "(true)", text, flags=re.IGNORECASE)
        return Query(_prologue(sc.prefixes) + text, "sparql-each")
    prologue = _prologue(merge_prefixes(sc.prefixes, focus.prefixes))
    return Query(prologue + text[: brace + 1] + " " + focus.pattern + " " + text[brace + 1:], "sparql")


_PREFIX = re.compile(r"^\s*PREFIX\s+([A-Za-z0-9_.-]*):\s*<([^>]*)>\s*", re.IGNORECASE)


def _split_prologue(text: str) -> tuple[str, str]:
    """PREFIX lines written in a query, and the rest."""
    lines = []
    while (m := _PREFIX.match(text)) is not None:
        lines.append(f"PREFIX {m.group(1)}: <{m.group(2)}>")
        text = text[m.end():]
    if re.match(r"\s*BASE\b", text, re.IGNORECASE):
        raise FastShaclUnsupported("a SPARQL target with a BASE declaration cannot be nested")
    return "\n".join(lines), text


def merge_prefixes(*blocks: str) -> str:
    """PREFIX lines of several queries that end up in one: refused when a prefix means two namespaces."""
    seen: dict[str, str] = {}
    for block in blocks:
        for line in block.splitlines():
            m = _PREFIX.match(line)
            if m is None:
                continue
            if seen.get(m.group(1), m.group(2)) != m.group(2):
                raise FastShaclUnsupported(f"the prefix {m.group(1)}: is declared for two namespaces in SPARQL that must run as one query")
            seen[m.group(1)] = m.group(2)
    return "\n".join(f"PREFIX {p}: <{ns}>" for p, ns in sorted(seen.items()))


def _prologue(prefixes: str) -> str:
    return prefixes + "\n" if prefixes else ""


def _this_in_nested_group(text: str) -> bool:
    """Is $this used inside a group that a join on the top-level group would not bind it in?"""
    stack: list[bool] = []  # per open group: is $this bound there by a join on the top-level group
    last_word = ""
    for m in _LEXEMES.finditer(text):
        token = m.group(0)
        if token == "{":
            if not stack:
                stack.append(True)
            else:
                stack.append(stack[-1] and last_word.upper() in ("EXISTS", "OPTIONAL"))
            last_word = ""
        elif token == "}":
            if stack:
                stack.pop()
            last_word = ""
        elif token[:1] not in "\"'#<" or len(token) == 1:
            if stack and not stack[-1] and re.search(r"[?$]this\b", token):
                return True
            words = re.findall(r"[A-Za-z_]+", token)
            if words:
                last_word = words[-1]
    return False


def _project_this(text: str, shape: Shape, sc: SparqlConstraint, ctx: tuple[str, ...] = ()) -> str:
    """The SELECT projecting $this (and the focus's context variables), so each row names its focus node."""
    stripped = _strip(text)
    m = re.search(r"\bSELECT\s+(?:(?:DISTINCT|REDUCED)\s+)?", stripped, re.IGNORECASE)
    if m is None:
        raise FastShaclUnsupported(f"the SPARQL constraint {_node(sc.node)} of {shape} is not a SELECT query")
    head = stripped[m.end(): _where_brace(text)]
    if head.lstrip().startswith("*"):
        return text
    extra = "".join(c + " " for c in ctx) + ("" if re.search(r"[?$]this\b", head) else "?this ")
    if extra and re.search(r"\bGROUP\s+BY\b", stripped, re.IGNORECASE):
        raise FastShaclUnsupported(f"the SPARQL constraint {_node(sc.node)} of {shape} groups its rows without projecting $this")
    return text[: m.end()] + extra + text[m.end():]


def _node(n: object) -> str:
    return f"<{n}>" if isinstance(n, URIRef) else "(a blank node)"


_LEXEMES = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\'|"(?:[^"\\\n]|\\.)*"'
                      r"|'(?:[^'\\\n]|\\.)*'|#[^\n]*|<[^<>\"{}|^`\\\s]*>|\{|\}|[^\"'#<{}]+|.", re.DOTALL)


def _strip(text: str) -> str:
    """The query with its strings, IRIs and comments blanked out (same length, so offsets still hold)."""
    return "".join(" " * len(m.group(0)) if m.group(0)[:1] in "\"'#<" and len(m.group(0)) > 1 else m.group(0)
                   for m in _LEXEMES.finditer(text))


def _where_brace(text: str) -> int:
    """Offset of the brace opening the WHERE group: the first ``{`` outside strings, IRIs and comments."""
    for m in _LEXEMES.finditer(text):
        if m.group(0) == "{":
            return m.start()
    return -1


def _class_only(shape: Shape) -> URIRef | None:
    """The class of a shape that is nothing but one sh:class constraint on its focus node."""
    if shape.deactivated or shape.path is not None or shape.sparql or len(shape.constraints) != 1:
        return None
    c = shape.constraints[0]
    return c.value if c.component == SH.ClassConstraintComponent and isinstance(c.value, URIRef) else None  # type: ignore[return-value]


def _datatype(dt: object, v: str) -> str:
    if not isinstance(dt, URIRef):
        raise FastShaclUnsupported(f"sh:datatype {dt} is not an IRI")
    if dt == RDF.langString:
        return f"(isLiteral({v}) && LANG({v}) != \"\")"
    base = f"isLiteral({v}) && DATATYPE({v}) = {term(dt)}"
    if dt in _CASTABLE:
        return f"COALESCE({base} && isLiteral({term(dt)}({v})), false)"
    if dt in _INTEGER_SUBTYPES:
        return "false"  # valid ones are stored as xsd:integer, so a literal still typed so is ill-formed
    return f"COALESCE({base}, false)"


def check_pattern(pattern: str, flags: str, store: ox.Store) -> None:
    """Refuse regular expressions that Oxigraph cannot compile or that Python and Rust read differently."""
    if _REGEX_UNSAFE.search(pattern) or set(flags) - set("ismx"):
        raise FastShaclUnsupported(f"the sh:pattern {pattern!r} (flags {flags!r}) uses regular-expression features the fast validator does not run the same way as pySHACL")
    try:
        rows = list(store.query(f"SELECT (REGEX(\"\", {string(pattern)}, {string(flags)}) AS ?ok) WHERE {{}}"))
    except (SyntaxError, ValueError, OSError) as e:
        raise FastShaclUnsupported(f"the sh:pattern {pattern!r} cannot be run on Oxigraph: {e}") from None
    if not rows or rows[0]["ok"] is None:
        raise FastShaclUnsupported(f"the sh:pattern {pattern!r} is not a regular expression Oxigraph accepts")
