"""The ontology and its SKOS vocabularies, read from ontology/*.ttl into plain records.

The site's ontology pages and every label the entity pages show for a class,
a property or a coded value come from here, in English and Chinese, so the
pages say what the ontology says.  pyLODE renders our labels run together
("agreement协议") and our twelve concept schemes as one; this keeps each
language and each scheme apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from cheikg.namespaces import PREFIXES
from cheikg.resources import ontology_texts

ONTOLOGY_IRI = "https://w3id.org/cheikg/ontology"
_KINDS = {
    OWL.Class: "class",
    RDFS.Datatype: "datatype",
    OWL.ObjectProperty: "object property",
    OWL.DatatypeProperty: "datatype property",
    OWL.AnnotationProperty: "annotation property",
}
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))


def curie(iri: str) -> str:
    """``cheikg:Alliance`` for the IRI when a known prefix covers it, else the IRI."""
    for prefix, ns in _BY_LENGTH:
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


@dataclass(frozen=True)
class Text:
    """A text in English and Chinese; either may be empty."""

    en: str = ""
    zh: str = ""

    def any(self) -> str:
        return self.en or self.zh


@dataclass(frozen=True)
class OntologyTerm:
    iri: str
    kind: str  # class, datatype, object property, datatype property
    label: Text
    comment: Text
    parents: tuple[str, ...] = ()  # rdfs:subClassOf or rdfs:subPropertyOf
    domains: tuple[str, ...] = ()
    ranges: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return curie(self.iri)

    @property
    def anchor(self) -> str:
        return self.iri.rsplit("#", 1)[-1]

    @property
    def is_property(self) -> bool:
        return self.kind.endswith("property")


@dataclass(frozen=True)
class Concept:
    iri: str
    scheme: str  # the scheme's notation
    notation: str
    label: Text
    definition: Text
    alt_labels: tuple[tuple[str, str], ...] = ()  # (text, language)
    broader: tuple[str, ...] = ()
    scope_note: Text = Text()


@dataclass(frozen=True)
class Scheme:
    iri: str
    notation: str
    label: Text
    definition: Text
    concepts: tuple[Concept, ...] = field(default_factory=tuple)


@dataclass
class Ontology:
    iri: str
    title: Text
    description: Text
    version: str
    licence: str
    terms: tuple[OntologyTerm, ...]
    schemes: tuple[Scheme, ...]

    def __post_init__(self) -> None:
        self._terms = {t.iri: t for t in self.terms}
        self._concepts = {c.iri: c for s in self.schemes for c in s.concepts}

    @property
    def classes(self) -> list[OntologyTerm]:
        return [t for t in self.terms if t.kind in ("class", "datatype")]

    @property
    def properties(self) -> list[OntologyTerm]:
        return [t for t in self.terms if t.is_property]

    def term(self, iri: str) -> OntologyTerm | None:
        return self._terms.get(iri)

    def concept(self, iri: str) -> Concept | None:
        return self._concepts.get(iri)


def _text(g: Graph, node, prop) -> Text:
    found = {"en": [], "zh": []}
    for value in g.objects(node, prop):
        if isinstance(value, Literal) and value.language in found:
            found[value.language].append(str(value))
        elif isinstance(value, Literal) and value.language is None:
            found["en"].append(str(value))
    return Text(" ".join(sorted(found["en"])), " ".join(sorted(found["zh"])))


def _iris(g: Graph, node, prop) -> tuple[str, ...]:
    return tuple(sorted(str(o) for o in g.objects(node, prop) if isinstance(o, URIRef)))


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    """The packaged ontology (cheikg.ttl) and vocabularies (vocabularies.ttl)."""
    g = Graph()
    for name, text in ontology_texts():
        g.parse(data=text, format="turtle", publicID=f"{ONTOLOGY_IRI}/{name}")
    terms = []
    for node in set(g.subjects(RDFS.isDefinedBy, URIRef(ONTOLOGY_IRI))) | set(g.subjects(RDF.type, RDFS.Datatype)):
        if not isinstance(node, URIRef):
            continue
        kinds = [_KINDS[t] for t in g.objects(node, RDF.type) if t in _KINDS]
        if not kinds:
            continue
        is_prop = kinds[0].endswith("property")
        terms.append(
            OntologyTerm(
                str(node), kinds[0], _text(g, node, RDFS.label), _text(g, node, RDFS.comment),
                _iris(g, node, RDFS.subPropertyOf if is_prop else RDFS.subClassOf),
                _iris(g, node, RDFS.domain), _iris(g, node, RDFS.range),
            )
        )
    terms.sort(key=lambda t: (t.is_property, t.kind, t.name.casefold()))
    schemes = []
    for node in sorted(g.subjects(RDF.type, SKOS.ConceptScheme), key=str):
        notation = str(g.value(node, SKOS.notation) or str(node).rsplit("/", 1)[-1])
        concepts = []
        for c in g.subjects(SKOS.inScheme, node):
            concepts.append(
                Concept(
                    str(c), notation, str(g.value(c, SKOS.notation) or ""), _text(g, c, SKOS.prefLabel), _text(g, c, SKOS.definition),
                    tuple(sorted((str(a), a.language or "") for a in g.objects(c, SKOS.altLabel))),
                    _iris(g, c, SKOS.broader), _text(g, c, SKOS.scopeNote),
                )
            )
        concepts.sort(key=lambda c: c.notation)
        schemes.append(Scheme(str(node), notation, _text(g, node, SKOS.prefLabel), _text(g, node, SKOS.definition), tuple(concepts)))
    schemes.sort(key=lambda s: s.notation)
    onto = URIRef(ONTOLOGY_IRI)
    return Ontology(
        ONTOLOGY_IRI, _text(g, onto, DCTERMS.title), _text(g, onto, DCTERMS.description),
        str(g.value(onto, OWL.versionInfo) or ""), str(g.value(onto, DCTERMS.license) or ""), tuple(terms), tuple(schemes),
    )
