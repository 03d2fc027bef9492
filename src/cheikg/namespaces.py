"""Namespaces of cheikg and of the vocabularies it reuses, and the fixed prefix table of its dumps."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SDO, SKOS, TIME, XSD

CHEIKG = Namespace("https://w3id.org/cheikg/ontology#")
RES = Namespace("https://w3id.org/cheikg/resource/")
VOCAB = "https://w3id.org/cheikg/vocab/"
ORG = Namespace("http://www.w3.org/ns/org#")
OA = Namespace("http://www.w3.org/ns/oa#")
OPENGOV = Namespace("http://www.w3.org/ns/opengov#")
SCHEMA = SDO  # https://schema.org/
SH = Namespace("http://www.w3.org/ns/shacl#")
WD = Namespace("http://www.wikidata.org/entity/")
SKOSXL = Namespace("http://www.w3.org/2008/05/skos-xl#")

# The concept schemes of ontology/vocabularies.ttl, by the notation records use.
SCHEME_PREFIXES = {
    "source-type": "srctype",
    "place-type": "placetype",
    "organization-type": "orgtype",
    "alliance-role": "arole",
    "post": "post",
    "participation-role": "prole",
    "event-type": "evtype",
    "agreement-type": "agtype",
    "program-type": "progtype",
    "document-type": "doctype",
    "education-level": "edulevel",
    "institution-status": "heistatus",
    "count-approximation": "approx",
    "agreement-status": "agstatus",
    "grant-type": "granttype",
}

# One prefix table for every dump, so the same graph always prints the same bytes.
PREFIXES: dict[str, str] = {
    "cheikg": str(CHEIKG),
    "res": str(RES),
    **{p: f"{VOCAB}{s}/" for s, p in SCHEME_PREFIXES.items()},
    "dct": str(DCTERMS),
    "foaf": str(FOAF),
    "oa": str(OA),
    "opengov": str(OPENGOV),
    "org": str(ORG),
    "owl": str(OWL),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "schema": str(SCHEMA),
    "sh": str(SH),
    "skos": str(SKOS),
    "skosxl": str(SKOSXL),
    "time": str(TIME),
    "wd": str(WD),
    "xsd": str(XSD),
}


def scheme_iri(scheme: str) -> str:
    return f"{VOCAB}{scheme}"
