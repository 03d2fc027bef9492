"""The SKOS vocabularies of coded values (roles, posts, types), as a curator reads them: codes, labels, definitions.

They live in ontology/vocabularies.ttl; `cheikg vocab [SCHEME]` and the templates of `cheikg new` point here.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Literal
from rdflib.namespace import RDF, SKOS

from .build import ontology_graph
from .errors import UsageError


@dataclass(frozen=True)
class Concept:
    code: str
    label_en: str | None
    label_zh: str | None
    definition_en: str | None
    definition_zh: str | None


@dataclass(frozen=True)
class Scheme:
    code: str
    label_en: str | None
    label_zh: str | None
    concepts: tuple[Concept, ...]


def _text(g, node, pred, lang: str) -> str | None:
    values = sorted(str(o) for o in g.objects(node, pred) if isinstance(o, Literal) and (o.language or "").lower() == lang)
    return values[0] if values else None


def schemes() -> dict[str, Scheme]:
    """Every concept scheme by its code, with its concepts in code order."""
    g = ontology_graph()
    out = {}
    for scheme in g.subjects(RDF.type, SKOS.ConceptScheme):
        code = g.value(scheme, SKOS.notation)
        if code is None:
            continue
        concepts = []
        for concept in g.subjects(SKOS.inScheme, scheme):
            notation = g.value(concept, SKOS.notation)
            if notation is not None:
                concepts.append(Concept(str(notation), _text(g, concept, SKOS.prefLabel, "en"), _text(g, concept, SKOS.prefLabel, "zh"),
                                        _text(g, concept, SKOS.definition, "en"), _text(g, concept, SKOS.definition, "zh")))
        out[str(code)] = Scheme(str(code), _text(g, scheme, SKOS.prefLabel, "en"), _text(g, scheme, SKOS.prefLabel, "zh"),
                                tuple(sorted(concepts, key=lambda c: c.code)))
    return dict(sorted(out.items()))


def scheme(code: str) -> Scheme:
    """One scheme by its code; an unknown code is a usage error naming the schemes."""
    found = schemes()
    if code not in found:
        import difflib

        close = difflib.get_close_matches(code, list(found), n=1)
        hint = f" Did you mean '{close[0]}'?" if close else ""
        raise UsageError(f"'{code}' is not a vocabulary.{hint} The vocabularies are {', '.join(found)}")
    return found[code]
