"""Which serialization a client gets: its Accept header against what the engine writes."""

from __future__ import annotations

import pyoxigraph as ox

# media types clients send (SPARQLWrapper, YASGUI, curl), each to the format written for it
RESULTS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPHS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
    "text/n3": ox.RdfFormat.N3,
}


def choose(accept: str | None, offers: dict, default):
    """The format ``offers`` (RESULTS or GRAPHS) has for the best type ``accept`` takes, or None (406).

    No Accept header, or ``*/*``, gets ``default``;
    ``type/*`` gets the first offer of that type; ``q=0`` refuses a type.
    """
    wanted = []
    for position, item in enumerate((accept or "*/*").split(",")):
        media, *params = [part.strip() for part in item.split(";")]
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if media and q > 0:
            wanted.append((-q, position, media.lower()))
    for _, _, media in sorted(wanted):
        if media == "*/*":
            return default
        if media.endswith("/*"):
            found = next((f for m, f in offers.items() if m.startswith(media[:-1])), None)
            if found is not None:
                return found
        elif media in offers:
            return offers[media]
    return None


def offered(offers: dict) -> str:
    return ", ".join(dict.fromkeys(f.media_type.split(";")[0] for f in offers.values()))
