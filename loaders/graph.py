"""Checked records to an RDF graph: a pure function, with a map back to the records.

Every IRI is minted from record ids (``res:<id>``, and ``res:<id>.<part>`` for
the nodes a record needs, such as a membership's interval or an agreement's
party), so the graph has no blank nodes and a dump diffs cleanly when a record
changes.  ``origins`` maps each minted subject to the file, line, record and
fields it came from; the validation report uses it to point SHACL results back
to the source.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib import namespace as _rdflib_ns

from cheikg import namespaces as _ns
from cheikg.findings import Finding

from . import schema
from .cycles import cycles
from .dates import Date
from .identity import describe_key, digest, natural_key
from .records import Citation, Record


class _Terms:
    """A namespace whose terms are made once: rdflib makes a new URIRef on every ``PROV.wasDerivedFrom``,
    which was a tenth of mapping a million triples' records."""

    def __init__(self, namespace) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("__"):
            raise AttributeError(name)
        term = getattr(self._namespace, name)
        setattr(self, name, term)
        return term

    def __getitem__(self, name: str) -> URIRef:
        return self._namespace[name]

    def __str__(self) -> str:
        return str(self._namespace)


DCTERMS, FOAF, PROV, RDF, RDFS, SKOS, TIME, XSD = (
    _Terms(getattr(_rdflib_ns, n)) for n in ("DCTERMS", "FOAF", "PROV", "RDF", "RDFS", "SKOS", "TIME", "XSD")
)
CHEIKG, OA, OPENGOV, ORG, SCHEMA = (_Terms(getattr(_ns, n)) for n in ("CHEIKG", "OA", "OPENGOV", "ORG", "SCHEMA"))
RES, WD = _ns.RES, _ns.WD

Vocab = dict[str, dict[str, URIRef]]  # scheme notation -> {concept notation -> concept IRI}

PRECISION_UNIT = {"day": TIME.unitDay, "month": TIME.unitMonth, "year": TIME.unitYear}

ORG_CLASSES = {
    "university": (CHEIKG.University,),
    "government-body": (CHEIKG.GovernmentBody,),
    "public-service-unit": (CHEIKG.PublicServiceUnit,),
    "school": (ORG.OrganizationalUnit,),
    "office": (ORG.OrganizationalUnit,),
    "joint-institute": (CHEIKG.JointInstitute,),
    "cooperation-centre": (CHEIKG.CooperationCentre,),
    "intergovernmental-organization": (ORG.FormalOrganization,),
    "research-institute": (ORG.FormalOrganization,),
    "academy": (ORG.FormalOrganization,),
    "association": (ORG.FormalOrganization,),
    "company": (ORG.FormalOrganization,),
    "other": (ORG.Organization,),
}
# a municipality (直辖市) is a province-level division and a city at once; a county-level division is neither
PLACE_CLASSES = {
    "country": (SCHEMA.Country,), "province": (SCHEMA.State,), "municipality": (SCHEMA.State, SCHEMA.City), "city": (SCHEMA.City,),
    "county": (SCHEMA.AdministrativeArea,), "venue": (),
}

# Which predicate each field becomes, per kind: used to emit triples, to map a
# SHACL result path back to a field, and to record `inferred` fields.
PREDICATES: dict[str, dict[str, URIRef]] = {
    "source": {
        "title": DCTERMS.title, "type": DCTERMS.type, "publisher": CHEIKG.publisherName,
        "publisher_org": DCTERMS.publisher, "published": DCTERMS.issued, "url": SCHEMA.url,
        "language": DCTERMS.language, "file": CHEIKG.archivedCopy, "authors": CHEIKG.credit, "license": DCTERMS.license,
    },
    "place": {
        "name": SKOS.prefLabel, "type": CHEIKG.placeType, "within": SCHEMA.containedInPlace,
        "country_code": CHEIKG.countryCode, "division_code": CHEIKG.divisionCode,
    },
    "organization": {
        "name": SKOS.prefLabel, "alt_names": SKOS.altLabel, "acronyms": CHEIKG.acronym,
        "type": ORG.classification, "country": CHEIKG.country, "place": SCHEMA.location,
        "parent": ORG.subOrganizationOf, "foreign_partner": CHEIKG.foreignPartner,
        "co_built_by": CHEIKG.coBuiltBy, "guided_by": CHEIKG.guidedBy,
        "legal_personality": CHEIKG.hasLegalPersonality, "moe_code": ORG.identifier,
        "ror": SCHEMA.sameAs, "wikidata": SCHEMA.sameAs, "homepage": FOAF.homepage,
    },
    "person": {"name": SKOS.prefLabel, "alt_names": SKOS.altLabel, "honorific": CHEIKG.honorific},
    "alliance": {
        "name": SKOS.prefLabel, "alt_names": SKOS.altLabel, "acronyms": CHEIKG.acronym,
        "founded": CHEIKG.foundingDate, "founding_event": ORG.resultedFrom, "scope": CHEIKG.scope,
        "place": SCHEMA.location, "purpose": ORG.purpose, "guided_by": CHEIKG.guidedBy,
        "stated_counts": CHEIKG.hasStatedCount,
    },
    "stated_count": {"role": CHEIKG.countedRole, "count": CHEIKG["count"], "qualifier": CHEIKG.countQualifier},
    "membership": {
        "member": ORG.member, "organization": ORG.organization, "role": ORG.role,
        "start": TIME.hasBeginning, "end": TIME.hasEnd, "term": CHEIKG.termOrdinal,
        "succeeds": CHEIKG.succeeds, "on_behalf_of": OPENGOV.onBehalfOf, "side": CHEIKG.side,
    },
    "post": {
        "person": ORG.member, "organization": ORG.organization, "role": ORG.role,
        "title": CHEIKG.postTitle, "start": TIME.hasBeginning, "end": TIME.hasEnd,
        "as_of": CHEIKG.attestedOn,
    },
    "event": {
        "name": SKOS.prefLabel, "alt_names": SKOS.altLabel, "type": CHEIKG.eventType, "date": CHEIKG.date, "end": CHEIKG.endDate,
        "place": SCHEMA.location, "held_at": CHEIKG.heldAt, "organizer": SCHEMA.organizer,
        "guided_by": CHEIKG.guidedBy, "part_of": SCHEMA.superEvent, "participants": CHEIKG.hasParticipation,
        "about": SCHEMA.about,
    },
    "participant": {
        "agent": CHEIKG.participant, "role": CHEIKG.participationRole,
        "on_behalf_of": OPENGOV.onBehalfOf, "speech_title": CHEIKG.speechTitle,
    },
    "agreement": {
        "title": SKOS.prefLabel, "type": CHEIKG.agreementType, "date": CHEIKG.date,
        "signed_at": CHEIKG.signedAt, "parties": CHEIKG.hasParty, "establishes": CHEIKG.establishes,
    },
    "party": {"party": CHEIKG.party, "signatory": CHEIKG.signatory},
    "program": {
        "name": SKOS.prefLabel, "type": CHEIKG.programType, "launched_by": CHEIKG.launchedBy,
        "launched_at": CHEIKG.launchedAt, "date": CHEIKG.date, "about": CHEIKG.programOf,
        "description": DCTERMS.description,
    },
    "submission": {
        "file": CHEIKG.submittedFile, "sha256": CHEIKG.sha256, "ingested_at": PROV.endedAtTime,
        "tool": CHEIKG.tool, "records": PROV.generated, "cites": PROV.used,
    },
    "document": {
        "title": SKOS.prefLabel, "type": CHEIKG.documentType, "about": SCHEMA.about,
        "issued_by": DCTERMS.creator, "adopted_at": CHEIKG.adoptedAt, "date": CHEIKG.date,
        "description": DCTERMS.description,
    },
}
PROVENANCE_PREDICATES = {"sources": PROV.wasDerivedFrom, "note": SKOS.editorialNote, "inferred": CHEIKG.inferredProperty}
NESTED_KIND = {("alliance", "stated_counts"): "stated_count", ("event", "participants"): "participant", ("agreement", "parties"): "party"}


@dataclass
class Origin:
    """Where a minted node came from: a record, or a part of one."""

    path: str
    line: int
    column: int
    record: str | None
    kind: str
    field_prefix: str = ""
    fields: dict[str, tuple[str, int, int]] = field(default_factory=dict)  # predicate IRI -> (field, line, col)


@dataclass
class IndexEntry:
    kind: str
    iri: URIRef
    path: str
    line: int
    names: tuple[str, ...] = ()
    digest: str = ""  # of the record's values (identity.digest)
    key: str | None = None  # the fact it states (identity.natural_key)
    stored: bool = False  # from the stored records (context), not from the records being loaded
    keys: tuple[tuple[str, str], ...] = ()  # (how, text) the resolver finds it by: ('moe-code', '4114010112'), ('acronym', 'TYUT') ...


@dataclass
class Index:
    """Every record id known to a build: the records themselves and any context."""

    entries: dict[str, IndexEntry] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)  # natural key -> record id
    # record id -> the (how, text) keys of the reference entity the record is (loaders.reference)
    claimed: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, records: Iterable[Record], base: Index | None = None) -> tuple[Index, list[Finding]]:
        """The index of ``records`` on top of ``base``; a record restating a stored one identically is reported (info), not loaded twice."""
        index = cls(dict(base.entries) if base else {}, dict(base.keys) if base else {}, dict(base.claimed) if base else {})
        findings = []
        for rec in records:
            if rec.id is None or rec.kind is None:
                continue
            entry = IndexEntry(rec.kind.name, RES[rec.id], rec.path, rec.line, _names_of(rec), digest(rec), natural_key(rec))
            seen = index.entries.get(rec.id)
            if seen is not None and (seen.path, seen.line) != (rec.path, rec.line):
                if seen.stored and seen.digest == entry.digest:
                    findings.append(
                        Finding(rec.path, rec.line, f"already stored, identically, at {seen.path}:{seen.line}; ingest skips it",
                                record=rec.id, column=rec.column, severity="info", rule="record/already-stored")
                    )
                    continue
                how = "with other values" if seen.stored and seen.kind == entry.kind else ""
                findings.append(
                    Finding(rec.path, rec.line, f"the id '{rec.id}' is already used by the {seen.kind} at {seen.path}:{seen.line}"
                            + (f" {how}; change the stored record there, or choose another id for a different {entry.kind}" if how else "; ids are unique across all records: choose another"),
                            record=rec.id, field="id", column=rec.column, rule="record/duplicate-id", value=rec.id)
                )
                continue
            if entry.key is not None:
                other = index.keys.get(entry.key)
                if other is not None and other != rec.id:
                    where = index.entries[other]
                    findings.append(
                        Finding(rec.path, rec.line, f"states the same {entry.kind} ({describe_key(entry.key)}) as '{other}' at {where.path}:{where.line}; "
                                f"add this record's source to '{other}' instead of a second record",
                                record=rec.id, field="id", column=rec.column, rule="record/duplicate-fact", value=rec.id)
                    )
                    continue
                index.keys[entry.key] = rec.id
            index.entries[rec.id] = entry
        return index, findings

    def to_json(self, relative_to) -> dict:
        """A compact form for the build directory; paths relative to the data directory."""
        from functools import cache
        from pathlib import Path

        root = Path(relative_to).resolve()

        @cache  # a few files hold every entry: resolve each once, not once per record
        def rel(path: str) -> str:
            try:
                return Path(path).resolve().relative_to(root).as_posix()
            except ValueError:
                return path

        return {i: [e.kind, rel(e.path), e.line, list(e.names), e.digest, e.key] for i, e in sorted(self.entries.items())}

    @classmethod
    def from_json(cls, data: dict, path_of) -> Index:
        """The stored index; ``path_of`` turns a data-relative file name into the name shown in messages."""
        entries = {}
        keys = {}
        for i, (kind, path, line, names, dig, key) in data.items():
            entries[i] = IndexEntry(kind, RES[i], path_of(path), line, tuple(names), dig, key, stored=True)
            if key is not None:
                keys[key] = i
        return cls(entries, keys)

    def suggest(self, token: str, kinds: tuple[str, ...]) -> str:
        """A 'did you mean' for an unknown id: by id, code, name in any language or script, acronym (cheikg.resolver)."""
        from cheikg.resolver import resolver_of

        return resolver_of(self).did_you_mean(token, kinds)


def _names_of(rec: Record) -> tuple[str, ...]:
    out: list[str] = []
    for key in ("name", "title", "alt_names"):
        value = rec.values.get(key)
        if isinstance(value, dict):
            for lang in sorted(value, key=lambda lang: (lang != "en", lang)):
                out += value[lang]
    out += rec.values.get("acronyms") or []  # type: ignore[operator]
    return tuple(out)


Triple = tuple[URIRef, URIRef, object]


def to_graph(triples: list[Triple]) -> Graph:
    """An rdflib graph of the triples (made only when asked for: pySHACL, tests, the Python API)."""
    g = Graph()
    g.addN((s, p, o, g) for s, p, o in triples)
    return g


@dataclass
class LoadResult:
    """The records' triples (a list, in emission order; rdflib's Graph.add was a fifth of a large build)."""

    triples: list[Triple]
    origins: dict[str, Origin]
    findings: list[Finding]
    index: Index

    @functools.cached_property
    def graph(self) -> Graph:
        return to_graph(self.triples)


def records_to_graph(records: list[Record], vocab: Vocab, *, context: Index | None = None) -> LoadResult:
    """Map records to triples; references resolve against the records and ``context``."""
    index, findings = Index.of(records, context)
    findings += cycles(records)
    emitter = _Emitter([], vocab, index, {}, findings)
    for rec in records:
        entry = index.entries.get(rec.id) if rec.id is not None else None
        if rec.kind is not None and entry is not None and (entry.path, entry.line) == (rec.path, rec.line):
            emitter.record(rec)
    return LoadResult(emitter.triples, emitter.origins, findings, index)


class _Emitter:
    def __init__(self, triples: list[Triple], vocab: Vocab, index: Index, origins: dict[str, Origin], findings: list[Finding]):
        self.triples = triples
        self.vocab = vocab
        self.index = index
        self.origins = origins
        self.findings = findings

    # -- helpers
    def add(self, s: URIRef, p: URIRef, o) -> None:
        self.triples.append((s, p, o))

    def problem(self, rec: Record, name: str, message: str, rule: str, value: object = None) -> None:
        line, col = rec.position(name)
        self.findings.append(
            Finding(rec.path, line, message, record=rec.top.id, field=rec.prefix + name, column=col, rule=rule, value=None if value is None else str(value))
        )

    def origin(self, node: URIRef, rec: Record, kind: str, extra: dict[str, str] | None = None) -> None:
        preds = {**PREDICATES.get(kind, {}), **PROVENANCE_PREDICATES}
        fields = {}
        for name, pred in preds.items():
            if name in rec.positions or name in rec.values:
                label = "source" if name == "sources" and "source" in rec.positions else name
                line, col = rec.position(label)
                fields.setdefault(str(pred), (rec.prefix + label, line, col))
        self.origins[str(node)] = Origin(rec.path, rec.line, rec.column, rec.top.id, kind, rec.prefix, fields)

    def ref(self, rec: Record, name: str, kinds: tuple[str, ...]) -> list[URIRef]:
        raw = rec.values.get(name)
        if raw is None:
            return []
        out = []
        for token in raw if isinstance(raw, list) else [raw]:
            entry = self.index.entries.get(token)
            if entry is None:
                hint = self.index.suggest(token, kinds) or f" Add {_a(kinds[0])} record with this id, or correct the id."
                self.problem(rec, name, f"no {' or '.join(kinds)} has the id '{token}'.{hint}", "record/unknown-reference", token)
            elif entry.kind not in kinds:
                self.problem(rec, name, f"'{token}' is {_a(entry.kind)}, but '{name}' must name {_a(' or '.join(kinds))}", "record/reference-kind", token)
            else:
                out.append(entry.iri)
        return out

    def concept(self, rec: Record, name: str, scheme: str) -> list[URIRef]:
        raw = rec.values.get(name)
        if raw is None:
            return []
        concepts = self.vocab.get(scheme, {})
        out = []
        for token in raw if isinstance(raw, list) else [raw]:
            iri = concepts.get(token)
            if iri is None:
                close = difflib.get_close_matches(token, list(concepts), n=3, cutoff=0.6)
                hint = (" Did you mean " + " or ".join(f"'{c}'" for c in close) + "?") if close else ""
                self.problem(rec, name, f"'{token}' is not in the {scheme} vocabulary.{hint} Allowed: {', '.join(sorted(concepts))}", "record/vocabulary", token)
            else:
                out.append(iri)
        return out

    def names(self, node: URIRef, pred: URIRef, value: object, rec: Record, name: str, single: bool) -> None:
        if not isinstance(value, dict):
            return
        for lang in sorted(value):
            texts = value[lang]
            if single and len(texts) > 1:
                self.problem(rec, name, f"'{name}' has {len(texts)} {lang} values; give one, and put the others under 'alt_names'", "record/type")
            for text in texts:
                self.add(node, pred, Literal(text, lang=lang.lower()))

    def instant(self, node: URIRef, date: Date) -> URIRef:
        self.add(node, RDF.type, TIME.Instant)
        self.add(node, TIME.inXSDDate, Literal(date.iso, datatype=XSD.date))
        self.add(node, CHEIKG.datePrecision, PRECISION_UNIT[date.precision])
        for part in date.inferred:
            self.add(node, CHEIKG.inferredUnit, PRECISION_UNIT[part])
        if date.note:
            self.add(node, SKOS.editorialNote, Literal(date.note))
        return node

    def dated(self, rec: Record, subject: URIRef, name: str, pred: URIRef, instant: URIRef) -> None:
        date = rec.values.get(name)
        if isinstance(date, Date):
            self.add(subject, pred, self.instant(instant, date))
            self.origin(instant, rec, "date")
            self.origins[str(instant)].fields[str(TIME.inXSDDate)] = (rec.prefix + name, *rec.position(name))

    def provenance(self, node: URIRef, rec: Record, kind: str) -> None:
        """Sources and quotes; a nested entry without its own inherits its record's sources (not quotes)."""
        own: list[Citation] = rec.values.get("sources") or []  # type: ignore[assignment]
        inherited = [] if own or rec.parent is None else rec.parent.citations()
        quotes_per_source: dict[str, int] = {}
        for cit in own + inherited:
            entry = self.index.entries.get(cit.source)
            if entry is None or entry.kind != "source":
                hint = self.index.suggest(cit.source, ("source",))
                line, col = cit.line, cit.column
                msg = (f"no source has the id '{cit.source}'." + (hint or " Add it to sources.yaml first.")) if entry is None else f"'{cit.source}' is a {entry.kind}, not a source"
                self.findings.append(Finding(rec.path, line, msg, record=rec.top.id, field=rec.prefix + ("source" if "source" in rec.positions else "sources"), column=col, rule="record/unknown-reference", value=cit.source))
                continue
            self.add(node, PROV.wasDerivedFrom, entry.iri)
            if cit.quote and cit in own:
                # one annotation per quoted sentence: a second quote from the same source gets its ordinal
                n = quotes_per_source[cit.source] = quotes_per_source.get(cit.source, 0) + 1
                ann = URIRef(f"{node}.quote.{cit.source}" + (f".{n}" if n > 1 else ""))
                target, selector = URIRef(f"{ann}.target"), URIRef(f"{ann}.selector")
                self.add(ann, RDF.type, OA.Annotation)
                self.add(ann, OA.motivatedBy, OA.describing)
                self.add(ann, OA.hasBody, node)
                self.add(ann, OA.hasTarget, target)
                self.add(target, RDF.type, OA.SpecificResource)
                self.add(target, OA.hasSource, entry.iri)
                self.add(target, OA.hasSelector, selector)
                self.add(selector, RDF.type, OA.TextQuoteSelector)
                self.add(selector, OA.exact, Literal(cit.quote))
        if rec.values.get("note"):
            self.add(node, SKOS.editorialNote, Literal(rec.values["note"]))
        preds = PREDICATES.get(kind, {})
        for name in rec.values.get("inferred") or []:  # type: ignore[union-attr]
            pred = preds.get(name)
            if pred is None:
                self.problem(rec, "inferred", f"'{name}' is not a field of this record; 'inferred' lists the fields whose values are inferred", "record/inferred", name)
                continue
            self.add(node, CHEIKG.inferred, Literal(True))
            self.add(node, CHEIKG.inferredProperty, pred)

    def simple(self, node: URIRef, rec: Record, kind: str, skip: tuple[str, ...] = ()) -> None:
        """Emit the fields whose mapping is one predicate per value."""
        preds = PREDICATES[kind]
        for f in rec.fields:
            pred = preds.get(f.name)
            value = rec.values.get(f.name)
            if pred is None or value is None or f.name in skip or f.type == schema.DATE:
                continue
            if f.type == schema.REF:
                for iri in self.ref(rec, f.name, f.kinds):
                    self.add(node, pred, iri)
            elif f.type == schema.VOCAB:
                for iri in self.concept(rec, f.name, f.scheme):
                    self.add(node, pred, iri)
            elif f.type == schema.NAMES:
                self.names(node, pred, value, rec, f.name, single=not f.multi)
            elif f.type == schema.TEXTS:
                for text in value:  # type: ignore[union-attr]
                    self.add(node, pred, Literal(text))
            elif f.type == schema.TEXT:
                self.add(node, pred, Literal(value))
            elif f.type == schema.URL:
                self.add(node, pred, URIRef(str(value)))
            elif f.type == schema.INT:
                self.add(node, pred, Literal(value, datatype=XSD.integer))
            elif f.type == schema.BOOL:
                self.add(node, pred, Literal(value))

    # -- kinds
    def record(self, rec: Record) -> None:
        kind = rec.kind.name  # type: ignore[union-attr]
        node = RES[rec.id]  # type: ignore[index]
        self.origin(node, rec, kind)
        getattr(self, f"_{kind}")(node, rec)
        self.provenance(node, rec, kind)

    def _source(self, node: URIRef, rec: Record) -> None:
        self.add(node, RDF.type, CHEIKG.Source)
        if rec.values.get("type") == "news-article":
            self.add(node, RDF.type, SCHEMA.NewsArticle)
        self.simple(node, rec, "source")
        date = rec.values.get("published")
        if isinstance(date, Date):
            self.add(node, DCTERMS.issued, _date_literal(date))

    def _place(self, node: URIRef, rec: Record) -> None:
        self.add(node, RDF.type, SCHEMA.Place)
        for cls in PLACE_CLASSES.get(rec.values.get("type"), ()):  # type: ignore[arg-type]
            self.add(node, RDF.type, cls)
        self.simple(node, rec, "place")

    def _organization(self, node: URIRef, rec: Record) -> None:
        org_type = rec.values.get("type")
        classes = ORG_CLASSES.get(org_type, (ORG.Organization,))  # type: ignore[arg-type]
        for cls in classes:
            self.add(node, RDF.type, cls)
        if org_type == "joint-institute":
            legal = rec.values.get("legal_personality")
            self.add(node, RDF.type, ORG.FormalOrganization if legal else ORG.OrganizationalUnit if legal is False or rec.values.get("parent") else ORG.Organization)
        self.simple(node, rec, "organization", skip=("moe_code", "wikidata"))
        if rec.values.get("moe_code"):
            code = str(rec.values["moe_code"])
            if not (len(code) == 10 and code.isdigit()):
                self.problem(rec, "moe_code", f"'{code}' is not an MOE institution code; it has 10 digits, such as 4114010112", "record/moe-code", code)
            else:
                self.add(node, ORG.identifier, Literal(code, datatype=CHEIKG.MOECode))
        if rec.values.get("wikidata"):
            qid = str(rec.values["wikidata"])
            if not (qid.startswith("Q") and qid[1:].isdigit()):
                self.problem(rec, "wikidata", f"'{qid}' is not a Wikidata item id; it looks like Q1439591", "record/wikidata", qid)
            else:
                self.add(node, SCHEMA.sameAs, WD[qid])
        if rec.values.get("parent") and classes[0] == ORG.OrganizationalUnit:
            for parent in self.ref(rec, "parent", schema.ORGS):
                self.add(node, ORG.unitOf, parent)

    def _person(self, node: URIRef, rec: Record) -> None:
        self.add(node, RDF.type, SCHEMA.Person)
        self.add(node, RDF.type, FOAF.Person)
        self.simple(node, rec, "person")

    def _alliance(self, node: URIRef, rec: Record) -> None:
        self.add(node, RDF.type, CHEIKG.Alliance)
        self.simple(node, rec, "alliance")
        self.dated(rec, node, "founded", CHEIKG.foundingDate, URIRef(f"{node}.founded"))
        seen: set[str] = set()
        for sub in rec.values.get("stated_counts") or []:  # type: ignore[union-attr]
            role = sub.values.get("role")
            key = f"{role}" + (f".{len(seen)}" if role in seen else "")
            seen.add(str(role))
            count = URIRef(f"{node}.count.{key}")
            self.add(node, CHEIKG.hasStatedCount, count)
            self.add(count, RDF.type, CHEIKG.StatedCount)
            self.origin(count, sub, "stated_count")
            self.simple(count, sub, "stated_count")
            self.provenance(count, sub, "stated_count")

    def _membership(self, node: URIRef, rec: Record) -> None:
        self.add(node, RDF.type, ORG.Membership)
        self.add(node, RDF.type, CHEIKG.AllianceMembership)
        self._during(node, rec, "membership")

    def _post(self, node: URIRef, rec: Record) -> None:
        self.add(node, RDF.type, ORG.Membership)
        self.add(node, RDF.type, CHEIKG.PostHolding)
        self._during(node, rec, "post")
        self.dated(rec, node, "as_of", CHEIKG.attestedOn, URIRef(f"{node}.as-of"))

    def _during(self, node: URIRef, rec: Record, kind: str) -> None:
        self.simple(node, rec, kind)
        if "start" in rec.values or "end" in rec.values:
            interval = URIRef(f"{node}.during")
            self.add(node, ORG.memberDuring, interval)
            self.add(interval, RDF.type, TIME.Interval)
            self.origin(interval, rec, kind)
            self.dated(rec, interval, "start", TIME.hasBeginning, URIRef(f"{node}.start"))
            self.dated(rec, interval, "end", TIME.hasEnd, URIRef(f"{node}.end"))

    def _event(self, node: URIRef, rec: Record) -> None:
        self.add(node, RDF.type, CHEIKG.Event)
        self.simple(node, rec, "event")
        self.dated(rec, node, "date", CHEIKG.date, URIRef(f"{node}.date"))
        self.dated(rec, node, "end", CHEIKG.endDate, URIRef(f"{node}.end"))
        seen: set[str] = set()
        for sub in rec.values.get("participants") or []:  # type: ignore[union-attr]
            agent, role = sub.values.get("agent"), sub.values.get("role")
            part = URIRef(f"{node}.part.{agent}.{role}")
            if str(part) in seen:
                self.problem(sub, "agent", f"'{agent}' is listed twice with the role '{role}'; merge the two entries", "record/duplicate", agent)
                continue
            seen.add(str(part))
            self.add(node, CHEIKG.hasParticipation, part)
            self.add(part, RDF.type, CHEIKG.Participation)
            self.origin(part, sub, "participant")
            self.simple(part, sub, "participant")
            self.provenance(part, sub, "participant")

    def _agreement(self, node: URIRef, rec: Record) -> None:
        self.add(node, RDF.type, CHEIKG.Agreement)
        self.simple(node, rec, "agreement")
        self.dated(rec, node, "date", CHEIKG.date, URIRef(f"{node}.date"))
        seen: set[str] = set()
        for sub in rec.values.get("parties") or []:  # type: ignore[union-attr]
            party_id = sub.values.get("party")
            part = URIRef(f"{node}.party.{party_id}")
            if str(part) in seen:
                self.problem(sub, "party", f"'{party_id}' is listed twice as a party; list each party once", "record/duplicate", party_id)
                continue
            seen.add(str(part))
            self.add(node, CHEIKG.hasParty, part)
            self.add(part, RDF.type, CHEIKG.AgreementParty)
            self.origin(part, sub, "party")
            self.simple(part, sub, "party")
            self.provenance(part, sub, "party")

    def _program(self, node: URIRef, rec: Record) -> None:
        self.add(node, RDF.type, CHEIKG.Program)
        self.simple(node, rec, "program")
        self.dated(rec, node, "date", CHEIKG.date, URIRef(f"{node}.date"))

    def _document(self, node: URIRef, rec: Record) -> None:
        self.add(node, RDF.type, CHEIKG.Document)
        self.simple(node, rec, "document")
        self.dated(rec, node, "date", CHEIKG.date, URIRef(f"{node}.date"))


    def _submission(self, node: URIRef, rec: Record) -> None:
        self.add(node, RDF.type, PROV.Activity)
        self.add(node, RDF.type, CHEIKG.Submission)
        self.add(node, RDFS.label, Literal(f"submission {rec.values['file']}", lang="en"))
        self.simple(node, rec, "submission", skip=("ingested_at",))
        when = str(rec.values.get("ingested_at") or "")
        if not _TIMESTAMP.match(when):
            self.problem(rec, "ingested_at", f"'{when}' is not a UTC time such as 2026-11-23T05:10:00Z", "record/type", when)
        else:
            # as written ('Z'), as Oxigraph keeps it; rdflib would rewrite it '+00:00'
            self.add(node, PROV.endedAtTime, Literal(when, datatype=XSD.dateTime, normalize=False))


def _a(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


_TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z\Z")


def _date_literal(date: Date) -> Literal:
    if date.precision == "day":
        return Literal(date.iso, datatype=XSD.date)
    if date.precision == "month":
        return Literal(date.as_stated, datatype=XSD.gYearMonth)
    return Literal(date.as_stated, datatype=XSD.gYear)
