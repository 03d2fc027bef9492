"""RDF submissions (.ttl, .nt, .jsonld, .rdf): read offline, and refused where the shapes could not check them.

Reading (:func:`parse`) reads nothing from the network: owl:imports, remote
JSON-LD contexts and XML document type declarations (external entities) are
refused before any parser sees the text; what rdflib would accept but the
stores reject (an IRI with a space) is refused with its line too.

Checking (:func:`check`) decides what an RDF submission may say. SHACL checks
a node only if a shape targets it, so a graph of blank nodes, or of IRIs no
shape targets, would "conform" without a single check. The graph built from
records has no blank nodes and only http(s) IRIs, every node is a record's
(``res:ID``) or a part of one (``res:ID.part``), and each record's kind is its
own. So an RDF submission is held to the same: no blank nodes (they cannot be
matched against the stored graph, nor named in a message); only http(s) IRIs;
subjects under ``res:``; a new subject has a class some shape checks (else
nothing would check it); a stored subject keeps the classes it is stored
with (``res:tyut a schema:Person`` is refused), and is validated together with
its stored triples, as a record submission's references are.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from cheikg.loaders.graph import Index, Origin
from cheikg.loaders.records import decode, read_file
from cheikg.loaders.yamltree import MAX_DEPTH
from cheikg.namespaces import PREFIXES, RES, SH

from .findings import Finding
from .paths import display_path

RDF_FORMATS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".rdf": "xml", ".owl": "xml"}
_FORMAT_NAMES = {"turtle": "Turtle", "nt": "N-Triples", "json-ld": "JSON-LD", "xml": "RDF/XML"}

_IMPORT = re.compile(r"owl:imports|<http://www\.w3\.org/2002/07/owl#imports>|owl#imports")
_DOCTYPE = re.compile(r"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
# what an IRI may not hold (RFC 3987), and what the stores refuse to load
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f-\x9f]')
_HTTP = re.compile(r"https?://", re.IGNORECASE)


def rdf_format(path: Path) -> str | None:
    return RDF_FORMATS.get(path.suffix.lower())


@dataclass
class RdfFile:
    """An RDF file read: its graph, and its text to find the lines of terms in."""

    name: str
    fmt: str
    text: str
    graph: Graph

    def line_of(self, term: object, *, subject: bool = False) -> int | None:
        """The line where ``term`` (a term, or an IRI as text) is first written, found by its spellings in the text
        (best effort); a ``subject`` preferably where it starts a line, or follows "@id": or rdf:about=."""
        if isinstance(term, BNode):
            return _blank_node_line(self.text, self.fmt)
        iri = str(term)
        spellings = [f"<{iri}>", f'"{iri}"']
        for prefix, namespace in list(self.graph.namespaces()) + list(PREFIXES.items()):
            if iri.startswith(str(namespace)) and len(iri) > len(str(namespace)):
                local = iri[len(str(namespace)):]
                spellings += [f"{prefix}:{local}", f'"{prefix}:{local}"'] if prefix else [f":{local}"]
        before = [r"(?:^|\n)[ \t]*", r'"@id"\s*:\s*', r"rdf:about\s*=\s*"] if subject else []
        for lead in before + [""]:
            found = [pos for pos in (_find_term(self.text, s, lead) for s in spellings) if pos >= 0]
            if found:
                return self.text.count("\n", 0, min(found)) + 1 + (1 if lead and self.text[min(found)] == "\n" else 0)
        return None


def _find_term(text: str, spelling: str, lead: str = "") -> int:
    """The first place ``spelling`` stands as a whole term (not inside a longer name), after ``lead``."""
    for m in re.finditer(lead + re.escape(spelling), text):
        after = text[m.end(): m.end() + 2]
        if not after or not (after[0].isalnum() or after[0] in "-_:/#" or (after[0] == "." and after[1:].isalnum())):
            return m.start()
    return -1


def _blank_node_line(text: str, fmt: str) -> int | None:
    if fmt in ("turtle", "nt"):
        # strings, IRIs and comments blanked out (same length), so '[' and '_:' are syntax
        plain = re.sub(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^>\n]*>|#[^\n]*',
                       lambda m: re.sub(r"[^\n]", " ", m.group()), text)
        m = re.search(r"_:|\[|\(", plain)
    elif fmt == "xml":
        m = re.search(r"rdf:nodeID|parseType=[\"']Resource|<rdf:Description(?![^>]*rdf:about)", text)
    else:
        m = None
    return text.count("\n", 0, m.start()) + 1 if m else None


# ---------------------------------------------------------------- reading


def parse(path: Path) -> RdfFile | list[Finding]:
    """Read one RDF file offline: the file read, or why it is not read (exit 3)."""
    name = display_path(path)
    fmt = rdf_format(path)
    data, problems = read_file(path, name)
    if data is None:
        return problems
    text, problems = decode(name, data)
    if text is None:
        return problems

    def at(pos: int) -> int:
        return text.count("\n", 0, pos) + 1

    found = _IMPORT.search(text)
    if found:
        return [Finding(name, at(found.start()), "owl:imports is refused: validation reads no other documents; put the triples in the file itself", rule="input/import")]
    if fmt == "xml":
        found = _DOCTYPE.search(text)
        if found:
            return [Finding(name, at(found.start()), "XML document type declarations and entities are refused: they can read local files or the network (XXE); remove the <!DOCTYPE ...> block", rule="input/xml-entity")]
    if fmt == "json-ld":
        problem = _json_nesting(name, text) or _remote_context(name, text)
        if problem:
            return [problem]
    g = Graph()
    kind = _FORMAT_NAMES[fmt]
    try:
        with _quiet_rdflib():  # rdflib warns on stderr of IRIs it accepts anyway; they are refused below
            g.parse(data=text, format=fmt, publicID=path.resolve().as_uri())
    except RecursionError:
        return [Finding(name, None, f"is not valid {kind}: it is nested too deep to read; a record's triples nest a few levels", rule="input/rdf-syntax")]
    except Exception as e:  # rdflib raises many types for bad syntax
        m = re.search(r"line (\d+)", str(e))
        why = re.search(r"Bad syntax \((.+?)\) at \^", str(e))
        msg = why.group(1) if why else (str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__)
        return [Finding(name, int(m.group(1)) if m else None, f"is not valid {kind}: {msg}", rule="input/rdf-syntax")]
    if (None, OWL.imports, None) in g:
        return [Finding(name, None, "owl:imports is refused: validation reads no other documents; put the triples in the file itself", rule="input/import")]
    read = RdfFile(name, fmt, text, g)
    bad = sorted({str(t) for triple in g for t in triple if isinstance(t, URIRef) and _IRI_FORBIDDEN.search(str(t))})
    if bad:
        char = _IRI_FORBIDDEN.search(bad[0]).group()  # type: ignore[union-attr]
        what = "a space" if char == " " else f"the character U+{ord(char):04X}"
        return [Finding(name, read.line_of(bad[0]), f"<{bad[0]}> is not an IRI: it holds {what}; write it percent-encoded (a space is %20)", rule="input/rdf-syntax")]
    return read


class _quiet_rdflib:
    def __enter__(self):
        self.logger = logging.getLogger("rdflib")
        self.level = self.logger.level
        self.logger.setLevel(logging.CRITICAL)

    def __exit__(self, *exc):
        self.logger.setLevel(self.level)


def _json_nesting(name: str, text: str) -> Finding | None:
    """JSON nested past MAX_DEPTH levels: refused with its line before a recursive parser reaches it."""
    depth = 0
    plain = re.sub(r'"(?:[^"\\]|\\.)*"', '""', text)  # brackets inside strings are text
    line = 1
    for m in re.finditer(r"[\[\]{}\n]", plain):
        c = m.group()
        if c == "\n":
            line += 1
        elif c in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return Finding(name, line, f"is nested more than {MAX_DEPTH} levels deep; a record's triples nest a few levels: check the brackets", rule="input/rdf-syntax")
        else:
            depth -= 1
    return None


def _remote_context(name: str, text: str) -> Finding | None:
    """A JSON-LD @context given by URL would be fetched by the parser: refuse it, whatever its nesting."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        return Finding(name, e.lineno, f"is not valid JSON: {e.msg}", column=e.colno, rule="input/rdf-syntax")

    def remote(ctx: object) -> str | None:
        if isinstance(ctx, str):
            return ctx
        if isinstance(ctx, list):
            return next((r for r in map(remote, ctx) if r), None)
        if isinstance(ctx, dict):
            imported = ctx.get("@import")
            return imported if isinstance(imported, str) else None
        return None

    def walk(node: object) -> str | None:
        if isinstance(node, dict):
            if "@context" in node and (url := remote(node["@context"])):
                return url
            return next((r for r in map(walk, node.values()) if r), None)
        if isinstance(node, list):
            return next((r for r in map(walk, node) if r), None)
        return None

    url = walk(doc)
    if url is None:
        return None
    pos = text.find(json.dumps(url)[1:-1])
    line = text[:pos].count("\n") + 1 if pos >= 0 else None
    return Finding(name, line, f"the remote JSON-LD context '{url}' is refused: validation reads nothing from the network; put the context in the file itself", rule="input/remote-context")


# ---------------------------------------------------------------- checking


@dataclass
class Checked:
    findings: list[Finding]
    origins: dict[str, Origin]  # each subject's file and line, so SHACL results on it are located
    stored: list[str]  # the stored subjects it describes: their stored triples are validated with it


def check(files: list[RdfFile], context: Index | None, store, ontology: Graph, shapes: Graph) -> Checked:
    """What the shapes cannot check, as violations; and where each subject was written."""
    out = Checked([], {}, [])
    targets = _targets(shapes)
    for f in files:
        g = f.graph
        blanks = {t for triple in g for t in triple if isinstance(t, BNode)}
        if blanks:
            out.findings.append(Finding(
                f.name, f.line_of(next(iter(blanks))),
                f"a blank node ({len(blanks)} in the file): the graph has none, since a blank node cannot be matched against the stored "
                "graph, nor named in a message; name each node with its IRI (https://w3id.org/cheikg/resource/ID)", rule="rdf/blank-node"))
        others = sorted({str(t) for triple in g for t in triple if isinstance(t, URIRef) and not _HTTP.match(str(t))})
        for iri in others:
            out.findings.append(Finding(f.name, f.line_of(iri), f"<{iri}> is refused: the graph's IRIs are http(s) addresses", rule="rdf/iri", value=iri))
        stored_graph = Graph()
        subjects = sorted({s for s in g.subjects() if isinstance(s, URIRef) and _HTTP.match(str(s))})
        stored = [s for s in subjects if _record_id(s) is not None and context is not None and _record_id(s) in context.entries]
        if stored and store is not None:
            stored_graph = store.describe([str(s) for s in stored])
        # a record's parts (res:m-x.term, res:m-x.quote.src) are checked from the record's node, as the graph's are
        checked_records = {_record_id(s) for s in subjects if str(s) == f"{RES}{_record_id(s)}" and _targeted(s, g, targets, ontology)}
        checked_records |= {_record_id(s) for s in stored}
        for s in subjects:
            line = f.line_of(s, subject=True)
            rid = _record_id(s)
            # a result on the subject names the predicate as its field, at the subject's line
            out.origins[str(s)] = Origin(f.name, line or 1, None, rid, "rdf", fields={str(p): (_short(p), line or 1, None) for p in g.predicates(s)})
            if rid is None:
                out.findings.append(Finding(f.name, line, f"<{s}> is not a resource of the graph: an RDF submission describes records' "
                                            f"resources, https://w3id.org/cheikg/resource/ID", rule="rdf/subject", value=str(s)))
                continue
            if s in stored:
                had = set(stored_graph.objects(s, RDF.type))
                kinds = _with_superclasses(had, ontology)
                entry = context.entries[rid]  # type: ignore[union-attr]
                for c in sorted(set(g.objects(s, RDF.type)) - kinds):
                    out.findings.append(Finding(
                        f.name, line, f"'{rid}' is stored as {_a(entry.kind)} at {entry.path}:{entry.line}; an RDF submission cannot make it "
                        f"{_short(c)}: correct the stored record, or describe another resource", record=rid, field="rdf:type", rule="rdf/stored-class", value=_short(c)))
                out.stored.append(str(s))
            elif rid not in checked_records and not _targeted(s, g, targets, ontology):
                classes = ", ".join(_short(c) for c in sorted(g.objects(s, RDF.type))) or "none"
                out.findings.append(Finding(
                    f.name, line, f"no shape would check '{rid}': its classes ({classes}) are none the shapes check, and it has no property "
                    f"they check every subject of; give it the class and properties of the record it stands for (`cheikg new KIND` shows them)",
                    record=rid, rule="rdf/unchecked"))
    return out


def _record_id(iri: URIRef) -> str | None:
    """The record a resource IRI is, or is a part of (res:m-x.term is part of m-x); None outside res:."""
    text = str(iri)
    if not text.startswith(str(RES)) or len(text) == len(str(RES)):
        return None
    return text[len(str(RES)):].split(".", 1)[0]


@dataclass(frozen=True)
class _Targets:
    classes: frozenset
    subjects_of: frozenset
    objects_of: frozenset
    nodes: frozenset


def _targets(shapes: Graph) -> _Targets:
    """What the shapes target (a SPARQL target is left out: it narrows a class target here)."""
    classes = set(shapes.objects(None, SH.targetClass))
    classes |= {s for s in shapes.subjects(RDF.type, SH.NodeShape) if (s, RDF.type, RDFS.Class) in shapes or (s, RDF.type, OWL.Class) in shapes}
    return _Targets(frozenset(classes), frozenset(shapes.objects(None, SH.targetSubjectsOf)),
                    frozenset(shapes.objects(None, SH.targetObjectsOf)), frozenset(shapes.objects(None, SH.targetNode)))


def _targeted(node: URIRef, g: Graph, targets: _Targets, ontology: Graph) -> bool:
    if node in targets.nodes or _with_superclasses(set(g.objects(node, RDF.type)), ontology) & targets.classes:
        return True
    return any(p in targets.subjects_of for p in g.predicates(node)) or any(p in targets.objects_of for p in g.predicates(None, node))


def _with_superclasses(classes: set, ontology: Graph) -> set:
    out = set(classes)
    todo = list(classes)
    while todo:
        for parent in ontology.objects(todo.pop(), RDFS.subClassOf):
            if isinstance(parent, URIRef) and parent not in out:
                out.add(parent)
                todo.append(parent)
    return out


def _short(iri) -> str:
    text = str(iri)
    for prefix, namespace in PREFIXES.items():
        if text.startswith(namespace) and len(text) > len(namespace):
            return f"{prefix}:{text[len(namespace):]}"
    return f"<{text}>"


def _a(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun
