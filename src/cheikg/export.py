"""Deterministic dumps: the same graph gives the same bytes, whatever the hash seed.

The writers sort subjects, predicates and objects by their N-Triples form and
use one fixed prefix table (only the prefixes a dump uses are printed).  The
graph has no blank nodes (the loaders mint every IRI), so sorting is a total
order and a changed record changes only its own lines.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Callable, Iterable, Iterator

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from .errors import UsageError
from .namespaces import PREFIXES

FORMATS = ("turtle", "nt", "jsonld", "trig")
EXTENSIONS = {"turtle": ".ttl", "nt": ".nt", "jsonld": ".jsonld", "trig": ".trig"}
_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*(?:[.][A-Za-z0-9_-]+)*\Z")
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))
_BY_NAMESPACE = {ns: p for p, ns in PREFIXES.items()}
assert all(ns.endswith(("/", "#")) for ns in PREFIXES.values()), "Names._compact relies on it"

Triple = tuple[URIRef, URIRef, object]


_ECHAR = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f"\\\x7f]')


def _escape(text: str) -> str:
    """Canonical N-Triples escaping (RDF 1.2): ECHAR for \b \t \n \f \r " \\, UCHAR for other controls.

    Oxigraph writes the same form, so lines from the store and lines from an
    rdflib graph compare equal and sort the same.
    """
    if not _NEEDS_ESCAPE.search(text):
        return text
    return _NEEDS_ESCAPE.sub(lambda m: _ECHAR.get(m.group(), f"\\u{ord(m.group()):04X}"), text)


def _literal(term: Literal, iri: Callable[[str], str]) -> str:
    body = f'"{_escape(str(term))}"'
    if term.language:
        return f"{body}@{term.language.lower()}"  # BCP 47 tags are case-insensitive; canonical N-Triples and Oxigraph lower them
    if term.datatype and term.datatype != XSD.string:
        return f"{body}^^{iri(str(term.datatype))}"
    return body


def nt_term(term: object) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        return _literal(term, lambda iri: f"<{iri}>")
    raise UsageError(f"cannot write {term!r}: the graph holds a blank node; every node must have an IRI")


class Lines(list):
    """A graph as its N-Triples lines ('<s> <p> o .' and a newline), sorted: the one sort every dump is written from.

    Sorting lines sorts by subject, then predicate, then object (an IRI ends with '>',
    which no IRI holds, and a literal's form is never followed by a character below
    ' '), so each writer reads its order off the list instead of sorting again.
    """

    @classmethod
    def of(cls, source: Iterable[Triple] | Lines) -> Lines:
        if isinstance(source, Lines):
            return source
        out = cls(unsorted_lines(source))
        out.sort()
        return out

    @classmethod
    def from_unsorted(cls, lines: Iterable[str]) -> Lines:
        """Lines already in canonical form (Oxigraph's N-Triples), in any order."""
        out = cls(lines)
        out.sort()
        return out


def unsorted_lines(triples: Iterable[Triple]) -> Iterator[str]:
    """N-Triples lines of rdflib triples, in the graph's order (a store's bulk load needs no order)."""
    forms: dict[object, str] = {}  # IRIs repeat (predicates, classes, objects): format each once

    def form(term: object) -> str:
        if isinstance(term, URIRef):
            text = forms.get(term)
            if text is None:
                text = forms[term] = f"<{term}>"
            return text
        return nt_term(term)

    return (f"{form(s)} {form(p)} {form(o)} .\n" for s, p, o in triples)


def _split(line: str) -> tuple[str, str, str]:
    s, p, rest = line.split(" ", 2)  # no IRI holds a space
    return s, p, rest[:-3]


def to_ntriples(source: Iterable[Triple] | Lines) -> str:
    return "".join(Lines.of(source))


class _Names:
    """Prefixed names from the fixed table, remembering which prefixes were used."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self._done: dict[str, str] = {}

    def iri(self, iri: str) -> str:
        done = self._done.get(iri)
        if done is None:
            done = self._done[iri] = self._compact(iri)
        return done

    def _compact(self, iri: str) -> str:
        # the table's namespaces end in '/' or '#', so the longest one an IRI can have ends at its last '/' or '#'
        cut = max(iri.rfind("/"), iri.rfind("#")) + 1
        prefix = _BY_NAMESPACE.get(iri[:cut])
        if prefix is not None and (cut == len(iri) or _LOCAL.match(iri, cut)):
            self.used.add(prefix)
            return f"{prefix}:{iri[cut:]}"
        for prefix, ns in _BY_LENGTH:
            if iri.startswith(ns):
                local = iri[len(ns):]
                if local == "" or _LOCAL.match(local):
                    self.used.add(prefix)
                    return f"{prefix}:{local}"
        return f"<{iri}>"

    def term(self, term: object) -> str:
        if isinstance(term, URIRef):
            return self.iri(str(term))
        if isinstance(term, Literal):
            return _literal(term, self.iri)
        return nt_term(term)

    def nt(self, form: str) -> str:
        """The Turtle form of a term given in N-Triples."""
        if form[0] == "<":
            return self.iri(form[1:-1])
        end = form.rfind('"') + 1
        if form.startswith("^^<", end):
            return f"{form[:end]}^^{self.iri(form[end + 3:-1])}"
        return form


_RDF_TYPE = f"<{RDF.type}>"


def to_turtle(source: Iterable[Triple] | Lines) -> str:
    return "".join(_turtle_parts(source))


def write_turtle(source: Iterable[Triple] | Lines, path: Path) -> None:
    """The Turtle of ``source`` into ``path``, without holding the whole text as one string."""
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.writelines(_turtle_parts(source))


def _turtle_parts(source: Iterable[Triple] | Lines) -> list[str]:
    names = _Names()
    blocks: list[str] = []
    group: list[tuple[str, str, str]] = []

    def flush() -> None:
        # rdf:type first within a subject (written 'a'), then predicates in IRI order
        rows = [r for r in group if r[1] == _RDF_TYPE] + [r for r in group if r[1] != _RDF_TYPE]
        parts: list[str] = []
        pred_prev = None
        for i, (_s, p, o) in enumerate(rows):
            o_text = names.nt(o)
            if p == pred_prev:
                parts.append(f",\n        {o_text}")
                continue
            p_text = "a" if p == _RDF_TYPE else names.nt(p)
            if i == 0:
                parts.append(f"{names.nt(rows[0][0])}\n    {p_text} {o_text}")
            else:
                parts.append(f" ;\n    {p_text} {o_text}")
            pred_prev = p
        blocks.append("".join(parts) + " .\n")

    for line in Lines.of(source):
        row = _split(line)
        if group and row[0] != group[0][0]:
            flush()
            group = []
        group.append(row)
    if group:
        flush()
    header = "".join(f"@prefix {p}: <{PREFIXES[p]}> .\n" for p in sorted(names.used)) + "\n"
    parts = [header]
    for i, block in enumerate(blocks):
        parts += ("\n", block) if i else (block,)
    return parts


def to_trig(source: Iterable[Triple] | Lines) -> str:
    """The graph as TriG: its triples in the default graph (Turtle is valid TriG)."""
    return to_turtle(source)


_UNESCAPE = re.compile(r'\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[btnfr"\\])')
_ECHAR_VALUE = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}


def _unescape(body: str) -> str:
    if "\\" not in body:
        return body
    return _UNESCAPE.sub(lambda m: _ECHAR_VALUE.get(m.group(1)) or chr(int(m.group(1)[1:], 16)), body)


def to_jsonld(source: Iterable[Triple] | Lines) -> str:
    """Flattened JSON-LD with a context of the prefix table: one node object per subject, sorted."""
    names = _Names()

    def iri(form: str) -> str:
        short = names.iri(form[1:-1])
        return short[1:-1] if short.startswith("<") else short

    nodes: dict[str, dict] = {}
    for line in Lines.of(source):
        s, p, o = _split(line)
        node = nodes.setdefault(s, {"@id": iri(s)})
        if p == _RDF_TYPE:
            node.setdefault("@type", []).append(iri(o))
            continue
        key = iri(p)
        if o[0] == "<":
            value: dict = {"@id": iri(o)}
        else:
            end = o.rfind('"')
            value = {"@value": _unescape(o[1:end])}
            suffix = o[end + 1:]
            if suffix.startswith("@"):
                value["@language"] = suffix[1:]
            elif suffix:
                value["@type"] = iri(suffix[2:])
        node.setdefault(key, []).append(value)
    context = {p: PREFIXES[p] for p in sorted(names.used)}
    doc = {"@context": context, "@graph": [nodes[k] for k in sorted(nodes, key=lambda s: s[1:-1])]}
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


WRITERS = {"turtle": to_turtle, "nt": to_ntriples, "jsonld": to_jsonld, "trig": to_trig}


def serialize(graph: Graph | Lines, fmt: str) -> str:
    if fmt not in WRITERS:
        raise UsageError(f"unknown format '{fmt}'; choose one of {', '.join(FORMATS)}")
    return WRITERS[fmt](graph)  # type: ignore[arg-type]

