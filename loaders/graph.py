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
import hashlib
import functools
import re
from collections.abc import Callable, Iterable
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
from .statements import Entity, Merged, merge_statements


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
CHEIKG, OA, OPENGOV, ORG, SCHEMA, SKOSXL = (_Terms(getattr(_ns, n)) for n in ("CHEIKG", "OA", "OPENGOV", "ORG", "SCHEMA", "SKOSXL"))
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
    "confucius-institute": (CHEIKG.ConfuciusInstitute,),
    "confucius-classroom": (CHEIKG.ConfuciusClassroom,),
    "cooperation-centre": (CHEIKG.CooperationCentre,),
    "intergovernmental-organization": (ORG.FormalOrganization,),
    "research-institute": (ORG.FormalOrganization,),
    "academy": (ORG.FormalOrganization,),
    "association": (ORG.FormalOrganization,),
    "company": (ORG.FormalOrganization,),
    "media-organization": (ORG.FormalOrganization, SCHEMA.NewsMediaOrganization),
    "foundation": (ORG.FormalOrganization, SCHEMA.FundingAgency),
    "language-centre": (ORG.FormalOrganization,),
    "other": (ORG.Organization,),
}
# a municipality (直辖市) is a province-level division and a city at once; a county-level division is neither
PLACE_CLASSES = {
    "country": (SCHEMA.Country,), "province": (SCHEMA.State,), "municipality": (SCHEMA.State, SCHEMA.City), "city": (SCHEMA.City,),
    "county": (SCHEMA.AdministrativeArea,), "venue": (), "region": (),
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
        "parent": ORG.subOrganizationOf, "foreign_partner": CHEIKG.foreignPartner, "chinese_partner": CHEIKG.chinesePartner, "theme": CHEIKG.instituteTheme,
        "co_built_by": CHEIKG.coBuiltBy, "guided_by": CHEIKG.guidedBy,
        "legal_personality": CHEIKG.hasLegalPersonality, "moe_code": ORG.identifier,
        "ror": SCHEMA.sameAs, "wikidata": SCHEMA.sameAs, "homepage": FOAF.homepage,
        "founded": CHEIKG.foundingDate, "dissolved": CHEIKG.dissolutionDate, "former_names": CHEIKG.historicName,
        "planned_names": CHEIKG.plannedName, "description": DCTERMS.description, "stated_counts": CHEIKG.hasOrganizationCount,
    },
    "organization_count": {
        "count": CHEIKG["count"], "qualifier": CHEIKG.countQualifier, "approximation": CHEIKG.countApproximation,
        "organization_type": CHEIKG.countedType, "as_of": CHEIKG.countedOn,
    },
    "name_in_use": {"name": SKOSXL.literalForm, "from": CHEIKG.inUseFrom, "until": CHEIKG.inUseUntil, "as_of": CHEIKG.inUseOn},
    "person": {"name": SKOS.prefLabel, "alt_names": SKOS.altLabel, "honorific": CHEIKG.honorific},
    "alliance": {
        "name": SKOS.prefLabel, "alt_names": SKOS.altLabel, "acronyms": CHEIKG.acronym,
        "founded": CHEIKG.foundingDate, "founding_event": ORG.resultedFrom, "scope": CHEIKG.scope,
        "place": SCHEMA.location, "purpose": ORG.purpose, "guided_by": CHEIKG.guidedBy,
        "stated_counts": CHEIKG.hasStatedCount,
    },
    "stated_count": {
        "role": CHEIKG.countedRole, "count": CHEIKG["count"], "qualifier": CHEIKG.countQualifier,
        "approximation": CHEIKG.countApproximation,
    },
    "attendance": {
        "role": CHEIKG.countedRole, "count": CHEIKG["count"], "qualifier": CHEIKG.countQualifier,
        "approximation": CHEIKG.countApproximation,
    },
    "membership": {
        "member": ORG.member, "organization": ORG.organization, "role": ORG.role,
        "start": TIME.hasBeginning, "end": TIME.hasEnd, "term": CHEIKG.termOrdinal,
        "succeeds": CHEIKG.succeeds, "on_behalf_of": OPENGOV.onBehalfOf, "side": CHEIKG.side,
    },
    "post": {
        "person": ORG.member, "organization": ORG.organization, "role": ORG.role,
        "title": CHEIKG.postTitle, "start": TIME.hasBeginning, "end": TIME.hasEnd,
        "as_of": CHEIKG.attestedOn, "jurisdiction": SCHEMA.jurisdiction, "organization_name": CHEIKG.organizationName,
        "former": CHEIKG.former,
    },
    "event": {
        "name": SKOS.prefLabel, "alt_names": SKOS.altLabel, "type": CHEIKG.eventType, "date": CHEIKG.date, "end": CHEIKG.endDate,
        "place": SCHEMA.location, "held_at": CHEIKG.heldAt, "organizer": SCHEMA.organizer,
        "guided_by": CHEIKG.guidedBy, "part_of": SCHEMA.superEvent, "participants": CHEIKG.hasParticipation,
        "about": SCHEMA.about, "theme": CHEIKG.theme, "ordinal": SCHEMA.position, "supported_by": SCHEMA.sponsor,
        "attendance": CHEIKG.hasAttendanceCount, "stated_counts": CHEIKG.hasEventCount,
    },
    "event_count": {
        "count": CHEIKG["count"], "qualifier": CHEIKG.countQualifier, "approximation": CHEIKG.countApproximation,
        "program_type": CHEIKG.countedType, "organization_type": CHEIKG.countedType, "country": CHEIKG.countedCountry,
    },
    "participant": {
        "agent": CHEIKG.participant, "role": CHEIKG.participationRole,
        "on_behalf_of": OPENGOV.onBehalfOf, "speech_title": CHEIKG.speechTitle,
    },
    "agreement": {
        "title": SKOS.prefLabel, "type": CHEIKG.agreementType, "date": CHEIKG.date,
        "signed_at": CHEIKG.signedAt, "parties": CHEIKG.hasParty, "establishes": CHEIKG.establishes,
        "description": DCTERMS.description, "duration": TIME.hasDuration, "signed_in": SCHEMA.locationCreated,
        "status": CHEIKG.agreementStatus,
    },
    "party": {"party": CHEIKG.party, "signatory": CHEIKG.signatory},
    "program": {
        "name": SKOS.prefLabel, "type": CHEIKG.programType, "launched_by": CHEIKG.launchedBy,
        "launched_at": CHEIKG.launchedAt, "date": CHEIKG.date, "about": CHEIKG.programOf, "foreign_partner": CHEIKG.foreignPartner,
        "description": DCTERMS.description,
    },
    "grant": {
        "name": SKOS.prefLabel, "type": CHEIKG.grantType, "funder": SCHEMA.funder, "recipient": SCHEMA.fundedItem,
        "amount": SCHEMA.amount, "currency": SCHEMA.currency, "land_area": CHEIKG.landArea,
        "approximation": CHEIKG.countApproximation, "date": CHEIKG.date, "description": DCTERMS.description,
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
NESTED_KIND = {
    ("alliance", "stated_counts"): "stated_count", ("event", "participants"): "participant", ("agreement", "parties"): "party",
    ("organization", "former_names"): "name_in_use", ("organization", "planned_names"): "name_in_use", ("event", "attendance"): "attendance",
    ("event", "stated_counts"): "event_count", ("organization", "stated_counts"): "organization_count",
}
DURATION_UNITS = {"Y": TIME.unitYear, "M": TIME.unitMonth, "W": TIME.unitWeek, "D": TIME.unitDay}
SQUARE_METRE = "MTK"  # UN/CEFACT Common Code, as schema:unitCode takes it


@dataclass
class Origin:
    """Where a minted node came from: a record, or a part of one."""

    path: str
    line: int
    column: int
    record: str | None
    kind: str
    field_prefix: str = ""
    # predicate IRI -> (field, line, col, file): a merged record's fields come from several files
    fields: dict[str, tuple[str, int, int, str]] = field(default_factory=dict)


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
    statements: tuple[tuple[str, int, str], ...] = ()  # (path, line, digest) of each record with this id, when several

    @property
    def is_reference(self) -> bool:
        """An entity of the reference tables (data/reference/*.csv), not a curated record."""
        return _parent_name(self.path) == "reference"

    def locations(self) -> tuple[tuple[str, int, str], ...]:
        """Where each statement of the record is written, with its digest."""
        return self.statements or ((self.path, self.line, self.digest),)


@dataclass
class Index:
    """Every record id known to a build: the records themselves and any context."""

    entries: dict[str, IndexEntry] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)  # natural key -> record id
    # record id -> the (how, text) keys of the reference entity the record is (loaders.reference)
    claimed: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    # reference id -> the id of the curated record that is that reference entity: the reference id keeps naming
    # it (a record written before the curated one still resolves) and no other record may take it
    aliases: dict[str, str] = field(default_factory=dict)

    def get(self, token: str) -> IndexEntry | None:
        """The entry an id names: its own, or that of the curated record a reference id is claimed by."""
        entry = self.entries.get(token)
        if entry is None and token in self.aliases:
            entry = self.entries.get(self.aliases[token])
        return entry

    @classmethod
    def of(cls, records: Merged | Iterable[Record], base: Index | None = None) -> tuple[Index, list[Finding]]:
        """The index of the entities on top of ``base``: ids unique across kinds, one record per fact.

        An entity with the id of a stored one of its kind (in ``base``) is that entity with what a
        submission adds to it (loaders.statements): it replaces the stored entry.
        """
        merged = records if isinstance(records, Merged) else merge_statements(records)
        index = cls(dict(base.entries) if base else {}, dict(base.keys) if base else {}, dict(base.claimed) if base else {},
                    dict(base.aliases) if base else {})
        findings = []
        for entity in merged.entities:
            rec = entity.record
            if rec.id is None or rec.kind is None:
                continue
            statements = tuple((s.path, s.line, digest(s)) for s in entity.statements) if entity.merged else ()
            entry = IndexEntry(rec.kind.name, RES[rec.id], rec.path, rec.line, _names_of(rec), digest(rec), natural_key(rec), statements=statements)
            owner = index.aliases.get(rec.id)
            if owner is not None and owner != rec.id:
                where = index.entries.get(owner)
                at = f" ({where.path}:{where.line})" if where is not None else ""
                findings.append(
                    Finding(rec.path, rec.line, f"the id '{rec.id}' names the reference entity that '{owner}'{at} states it is (by its code, or its name and country); "
                            f"write '{owner}' to refer to it, or choose another id for a different {entry.kind}",
                            record=rec.id, field="id", column=rec.column, rule="record/duplicate-id", value=rec.id))
                continue
            seen = index.entries.get(rec.id)
            if seen is not None and not (seen.stored and seen.kind == entry.kind and not seen.is_reference):
                findings.append(Finding(rec.path, rec.line, _taken(rec.id, seen, entry.kind), record=rec.id, field="id", column=rec.column,
                                        rule="record/duplicate-id", value=rec.id))
                continue
            if seen is not None:  # the stored entity, with the statements of the records being loaded
                entry.stored = True
                if seen.key is not None and index.keys.get(seen.key) == rec.id:
                    del index.keys[seen.key]
            if entry.key is not None:
                other = index.keys.get(entry.key)
                if other is not None and other != rec.id:
                    where = index.entries[other]
                    findings.append(
                        Finding(rec.path, rec.line, f"states the same {entry.kind} ({describe_key(entry.key)}) as '{other}' at {where.path}:{where.line}; "
                                f"to add this record's source (and what else it says) to '{other}', give this record the id '{other}': "
                                "a record with the id of another adds what it states to it",
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

        def row(e: IndexEntry) -> list:
            out = [e.kind, rel(e.path), e.line, list(e.names), e.digest, e.key]
            extra = {}
            if e.statements:
                extra["statements"] = [[rel(p), line, d] for p, line, d in e.statements]
            if e.keys:  # what the resolver knows it by: the same did-you-mean from a submission's check as from a build
                extra["keys"] = [list(k) for k in e.keys]
            if extra:
                out.append(extra)
            return out

        return {"format": INDEX_FORMAT, "entries": {i: row(e) for i, e in sorted(self.entries.items())}, "aliases": dict(sorted(self.aliases.items()))}

    @classmethod
    def from_json(cls, data: dict, path_of) -> Index:
        """The stored index; ``path_of`` turns a data-relative file name into the name shown in messages."""
        if data.get("format") != INDEX_FORMAT:
            raise ValueError("an index of another format")
        entries = {}
        keys = {}
        for i, (kind, path, line, names, dig, key, *more) in data["entries"].items():
            extra = more[0] if more else {}
            statements = tuple((path_of(p), ln, d) for p, ln, d in extra.get("statements", ()))
            typed = tuple((how, text) for how, text in extra.get("keys", ()))
            entries[i] = IndexEntry(kind, RES[i], path_of(path), line, tuple(names), dig, key, stored=True, keys=typed, statements=statements)
            if key is not None:
                keys[key] = i
        return cls(entries, keys, aliases=dict(data.get("aliases", {})))


INDEX_FORMAT = 3


def _parent_name(path: str) -> str:
    from pathlib import PurePath

    return PurePath(path).parent.name


def _taken(rid: str, seen: IndexEntry, kind: str) -> str:
    if seen.is_reference:
        return (f"the id '{rid}' names a reference entity ({seen.names[0] if seen.names else rid}, {seen.path}:{seen.line}); refer to it by this id "
                "without a record of your own, or make the record that entity by stating its code (or, for a foreign university, its name and country as the list has them)")
    return f"the id '{rid}' is already used by the {seen.kind} at {seen.path}:{seen.line}; ids are unique across all records: choose another for this {kind}"


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
    merged: Merged | None = None

    @functools.cached_property
    def graph(self) -> Graph:
        return to_graph(self.triples)


DidYouMean = Callable[[Index, str, tuple[str, ...]], str]


def records_to_graph(records: Merged | list[Record], vocab: Vocab, *, context: Index | None = None, did_you_mean: DidYouMean | None = None) -> LoadResult:
    """Map records to triples; references resolve against the records and ``context``.

    Records sharing an id are merged first (loaders.statements), unless ``records`` is merged already.
    ``did_you_mean(index, token, kinds)`` phrases the hint for an unknown id (cheikg.resolver passes one in;
    the loaders do not reach for it, so they stay a pure function of what they are given).
    """
    merged = records if isinstance(records, Merged) else merge_statements(records)
    index, findings = Index.of(merged, context)
    findings = merged.findings + findings + cycles(merged.records)
    emitter = _Emitter([], vocab, index, {}, findings, did_you_mean or _no_hint)
    generated = _generated_by(merged)
    for entity in merged.entities:
        rec = entity.record
        entry = index.entries.get(rec.id) if rec.id is not None else None
        if rec.kind is not None and entry is not None and (entry.path, entry.line) == (rec.path, rec.line):
            emitter.record(rec)
            if entity.merged:
                emitter.statements(entity, generated)
    return LoadResult(emitter.triples, emitter.origins, findings, index, merged)


def _no_hint(index: Index, token: str, kinds: tuple[str, ...]) -> str:
    return ""


def _generated_by(merged: Merged) -> dict[tuple[str, str], list[str]]:
    """(file, record id) -> the submissions of that file that added the record or a statement to it."""
    out: dict[tuple[str, str], list[str]] = {}
    for rec in merged.records:
        if rec.kind is not None and rec.kind.name == "submission" and rec.id:
            for name in ("records", "additions"):
                for rid in rec.values.get(name) or []:  # type: ignore[union-attr]
                    out.setdefault((rec.path, rid), []).append(rec.id)
    return out


class _Emitter:
    def __init__(self, triples: list[Triple], vocab: Vocab, index: Index, origins: dict[str, Origin], findings: list[Finding], did_you_mean: DidYouMean):
        self.triples = triples
        self.vocab = vocab
        self.index = index
        self.origins = origins
        self.findings = findings
        self.did_you_mean = did_you_mean

    # -- helpers
    def add(self, s: URIRef, p: URIRef, o) -> None:
        self.triples.append((s, p, o))

    def problem(self, rec: Record, name: str, message: str, rule: str, value: object = None) -> None:
        line, col = rec.position(name)
        self.findings.append(
            Finding(rec.path_of(name), line, message, record=rec.top.id, field=rec.prefix + name, column=col, rule=rule, value=None if value is None else str(value))
        )

    def suggest(self, token: str, kinds: tuple[str, ...]) -> str:
        return self.did_you_mean(self.index, token, kinds)

    def origin(self, node: URIRef, rec: Record, kind: str, extra: dict[str, str] | None = None) -> None:
        preds = {**PREDICATES.get(kind, {}), **PROVENANCE_PREDICATES}
        fields = {}
        for name, pred in preds.items():
            if name in rec.positions or name in rec.values:
                label = "source" if name == "sources" and "source" in rec.positions else name
                line, col = rec.position(label)
                fields.setdefault(str(pred), (rec.prefix + label, line, col, rec.path_of(label)))
        self.origins[str(node)] = Origin(rec.path, rec.line, rec.column, rec.top.id, kind, rec.prefix, fields)

    def ref(self, rec: Record, name: str, kinds: tuple[str, ...]) -> list[URIRef]:
        raw = rec.values.get(name)
        if raw is None:
            return []
        out = []
        for token in raw if isinstance(raw, list) else [raw]:
            entry = self.index.get(token)
            if entry is None:
                hint = self.suggest(token, kinds) or f" Add {_a(kinds[0])} record with this id, or correct the id."
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
            self.origins[str(instant)].fields[str(TIME.inXSDDate)] = (rec.prefix + name, *rec.position(name), rec.path_of(name))

    def provenance(self, node: URIRef, rec: Record, kind: str) -> None:
        """Sources and quotes; a nested entry without its own inherits its record's sources (not quotes)."""
        own: list[Citation] = rec.values.get("sources") or []  # type: ignore[assignment]
        inherited = [] if own or rec.parent is None else rec.parent.citations()
        quoted: dict[str, int] = {}
        for cit in own:
            if cit.quote:
                quoted[cit.source] = quoted.get(cit.source, 0) + 1
        for cit in own + inherited:
            entry = self.index.get(cit.source)
            if entry is None or entry.kind != "source":
                hint = self.suggest(cit.source, ("source",))
                line, col = cit.line, cit.column
                msg = (f"no source has the id '{cit.source}'." + (hint or " Add it to sources.yaml first.")) if entry is None else f"'{cit.source}' is a {entry.kind}, not a source"
                self.findings.append(Finding(cit.path or rec.path, line, msg, record=rec.top.id, field=rec.prefix + ("source" if "source" in rec.positions else "sources"), column=col, rule="record/unknown-reference", value=cit.source))
                continue
            self.add(node, PROV.wasDerivedFrom, entry.iri)
            if cit.quote and cit in own:
                # one annotation per quoted sentence; several from one source are told apart by their text, not their
                # order, which a statement added later (loaders.statements) would change
                ann = URIRef(f"{node}.quote.{cit.source}" + (f".{_short_hash(cit.quote)}" if quoted[cit.source] > 1 else ""))
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
        notes = rec.values.get("note")
        for note in notes if isinstance(notes, list) else [notes] if notes else []:
            self.add(node, SKOS.editorialNote, Literal(note))
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

    # -- statements: what each record with a shared id gives, and the values the entity does not take
    def statements(self, entity: Entity, generated: dict[tuple[str, str], list[str]]) -> None:
        """A node per statement of a merged record (its fields as properties, its sources, the submission
        that added it), and a node per value set aside (disputed, or superseded by a correction) saying which
        property it is of, the value, and its sources.

        A record written once gets none of these: its node is its only statement.
        """
        rec = entity.record
        kind = rec.kind.name  # type: ignore[union-attr]
        node = RES[rec.id]  # type: ignore[index]
        preds = PREDICATES.get(kind, {})
        aside = {(id(a.statement), a.field) for a in entity.set_aside}
        nodes = {}
        for st in entity.statements:
            sn = nodes[id(st)] = URIRef(f"{node}.statement.{digest(st)[:8]}")
            self.add(sn, RDF.type, CHEIKG.RecordStatement)
            self.add(sn, CHEIKG.statementOf, node)
            for name in st.values:
                pred = preds.get(name)
                if pred is not None and (id(st), name) not in aside:
                    self.add(sn, CHEIKG.statesProperty, pred)
            for cit in st.values.get("sources") or []:  # type: ignore[union-attr]
                entry = self.index.get(cit.source)
                if entry is not None and entry.kind == "source":
                    self.add(sn, PROV.wasDerivedFrom, entry.iri)
            for sub in generated.get((st.path, rec.id), []):  # type: ignore[arg-type]
                self.add(sn, PROV.wasGeneratedBy, RES[sub])
            self.origins[str(sn)] = Origin(st.path, st.line, st.column, st.id, kind)
        for a in entity.set_aside:
            st = a.statement
            tag = a.field + (f".{a.lang.lower()}" if a.lang else "")
            sn = URIRef(f"{node}.{a.how}.{tag}.{digest(st)[:8]}")
            self.add(sn, RDF.type, CHEIKG.DisputedValue if a.how == "disputed" else CHEIKG.SupersededValue)
            self.add(sn, CHEIKG.statementOf, node)
            self.add(sn, CHEIKG.statesProperty, preds[a.field])
            for term in self.values_of(st, a.field, a.lang, URIRef(f"{sn}.value")):
                self.add(sn, CHEIKG.statedValue, term)
            for cit in st.values.get("sources") or []:  # type: ignore[union-attr]
                entry = self.index.get(cit.source)
                if entry is not None and entry.kind == "source":
                    self.add(sn, PROV.wasDerivedFrom, entry.iri)
            for sub in generated.get((st.path, rec.id), []):  # type: ignore[arg-type]
                self.add(sn, PROV.wasGeneratedBy, RES[sub])
            if a.by is not None:
                self.add(nodes[id(a.by)], PROV.wasRevisionOf, sn)
            line, col = st.position(a.field)
            self.origins[str(sn)] = Origin(st.path, st.line, st.column, st.id, kind, "", {str(CHEIKG.statedValue): (a.field, line, col, st.path)})

    def values_of(self, rec: Record, name: str, lang: str | None, instant: URIRef) -> list:
        """The RDF terms of one field's value, as the record's own node would get them."""
        spec = rec.kind.field(name) if rec.kind else None  # type: ignore[union-attr]
        value = rec.values.get(name)
        if spec is None or value is None:
            return []
        if spec.type == schema.DATE and isinstance(value, Date):
            self.instant(instant, value)
            return [instant]
        if spec.type == schema.REF:
            return self.ref(rec, name, spec.kinds)
        if spec.type == schema.VOCAB:
            return self.concept(rec, name, spec.scheme)
        if spec.type == schema.NAMES and isinstance(value, dict):
            return [Literal(t, lang=lg.lower()) for lg in sorted(value) if lang is None or lg == lang for t in value[lg]]
        if spec.type == schema.URL:
            return [URIRef(str(value))]
        if spec.type == schema.INT:
            return [Literal(value, datatype=XSD.integer)]
        return [Literal(value)]

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
        # a Sino-foreign cooperative institution (中外合作办学机构) is a joint institute whatever its
        # organization type: a university with a foreign partner or a stated legal personality is one too
        if org_type == "joint-institute" or rec.values.get("foreign_partner") or "legal_personality" in rec.values:
            if org_type != "joint-institute":
                self.add(node, RDF.type, CHEIKG.JointInstitute)
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
        self.dated(rec, node, "founded", CHEIKG.foundingDate, URIRef(f"{node}.founded"))
        self.dated(rec, node, "dissolved", CHEIKG.dissolutionDate, URIRef(f"{node}.dissolved"))
        self._names_in_use(node, rec, "former_names", CHEIKG.historicName, CHEIKG.HistoricName, "former-name")
        self._names_in_use(node, rec, "planned_names", CHEIKG.plannedName, CHEIKG.PlannedName, "planned-name")
        for n, sub in enumerate(rec.values.get("stated_counts") or [], 1):  # type: ignore[union-attr, arg-type]
            count = self._count(node, sub, n, CHEIKG.hasOrganizationCount, CHEIKG.OrganizationCount, "organization_count")
            self.dated(sub, count, "as_of", CHEIKG.countedOn, URIRef(f"{count}.as-of"))

    def _names_in_use(self, node: URIRef, rec: Record, name: str, pred: URIRef, cls: URIRef, part: str) -> None:
        """One label node per name and language (a skosxl:Label has one literal form), with when it was in use."""
        for n, sub in enumerate(rec.values.get(name) or [], 1):  # type: ignore[union-attr, arg-type]
            names = sub.values.get("name")
            if not isinstance(names, dict):
                continue
            for lang in sorted(names):
                if len(names[lang]) > 1:
                    self.problem(sub, "name", f"'name' has {len(names[lang])} {lang} values; give each name its own entry", "record/type")
                label = URIRef(f"{node}.{part}.{n}.{lang.lower()}")
                self.add(node, pred, label)
                self.add(label, RDF.type, cls)
                self.add(label, SKOSXL.literalForm, Literal(names[lang][0], lang=lang.lower()))
                self.origin(label, sub, "name_in_use")
                for field_name, date_pred in (("from", CHEIKG.inUseFrom), ("until", CHEIKG.inUseUntil), ("as_of", CHEIKG.inUseOn)):
                    self.dated(sub, label, field_name, date_pred, URIRef(f"{label}.{field_name.replace('_', '-')}"))
                self.provenance(label, sub, "name_in_use")

    def _person(self, node: URIRef, rec: Record) -> None:
        self.add(node, RDF.type, SCHEMA.Person)
        self.add(node, RDF.type, FOAF.Person)
        self.simple(node, rec, "person")

    def _alliance(self, node: URIRef, rec: Record) -> None:
        self.add(node, RDF.type, CHEIKG.Alliance)
        self.simple(node, rec, "alliance")
        self.dated(rec, node, "founded", CHEIKG.foundingDate, URIRef(f"{node}.founded"))
        seen: dict[str, int] = {}
        for sub in rec.values.get("stated_counts") or []:  # type: ignore[union-attr]
            role = str(sub.values.get("role"))
            n = seen[role] = seen.get(role, -1) + 1  # the first count of a role is .count.<role>, the next .count.<role>.1, .2 ...
            count = URIRef(f"{node}.count.{role}" + (f".{n}" if n else ""))
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
        for n, sub in enumerate(rec.values.get("attendance") or [], 1):  # type: ignore[union-attr, arg-type]
            count = URIRef(f"{node}.attendance.{n}")
            self.add(node, CHEIKG.hasAttendanceCount, count)
            self.add(count, RDF.type, CHEIKG.AttendanceCount)
            self.origin(count, sub, "attendance")
            self.simple(count, sub, "attendance")
            self.provenance(count, sub, "attendance")
        for n, sub in enumerate(rec.values.get("stated_counts") or [], 1):  # type: ignore[union-attr, arg-type]
            self._count(node, sub, n, CHEIKG.hasEventCount, CHEIKG.EventCount, "event_count")

    def _count(self, node: URIRef, sub: Record, n: int, pred: URIRef, cls: URIRef, kind: str) -> URIRef:
        """The n-th number a record's source states of it (an event's, an organization's), as a node of its own."""
        count = URIRef(f"{node}.count.{n}")
        self.add(node, pred, count)
        self.add(count, RDF.type, cls)
        self.origin(count, sub, kind)
        self.simple(count, sub, kind)
        self.provenance(count, sub, kind)
        return count

    def _agreement(self, node: URIRef, rec: Record) -> None:
        self.add(node, RDF.type, CHEIKG.Agreement)
        self.simple(node, rec, "agreement", skip=("duration",))
        if rec.values.get("duration"):
            text = str(rec.values["duration"])
            m = _DURATION.match(text)
            if m is None:
                self.problem(rec, "duration", f"'{text}' is not an ISO 8601 duration of one unit: write P3Y for three years, P6M for six months, P2W or P10D", "record/duration", text)
            else:
                duration = URIRef(f"{node}.duration")
                self.origin(duration, rec, "agreement")
                self.add(node, TIME.hasDuration, duration)
                self.add(duration, RDF.type, TIME.Duration)
                self.add(duration, TIME.numericDuration, Literal(int(m.group(1)), datatype=XSD.decimal))
                self.add(duration, TIME.unitType, DURATION_UNITS[m.group(2)])
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


    def _grant(self, node: URIRef, rec: Record) -> None:
        self.add(node, RDF.type, CHEIKG.Grant)
        self.simple(node, rec, "grant", skip=("amount", "currency", "land_area", "approximation"))
        self.dated(rec, node, "date", CHEIKG.date, URIRef(f"{node}.date"))
        approximation = self.concept(rec, "approximation", "count-approximation")
        amount, currency = rec.values.get("amount"), rec.values.get("currency")
        if amount is not None and not currency:
            self.problem(rec, "amount", "an 'amount' needs its 'currency', an ISO 4217 code such as USD or CNY", "record/required")
        elif currency and amount is None:
            self.problem(rec, "currency", "a 'currency' goes with an 'amount'; give the amount, or leave the currency out", "record/required")
        elif amount is not None:
            money = URIRef(f"{node}.amount")
            self.origin(money, rec, "grant")
            self.add(node, RDF.type, SCHEMA.MonetaryGrant)
            self.add(node, SCHEMA.amount, money)
            self.add(money, RDF.type, SCHEMA.MonetaryAmount)
            self.add(money, SCHEMA.value, Literal(amount, datatype=XSD.integer))
            self.add(money, SCHEMA.currency, Literal(str(currency)))
            for concept in approximation:
                self.add(money, CHEIKG.countApproximation, concept)
        if rec.values.get("land_area") is not None:
            land = URIRef(f"{node}.land-area")
            self.origin(land, rec, "grant")
            self.add(node, CHEIKG.landArea, land)
            self.add(land, RDF.type, SCHEMA.QuantitativeValue)
            self.add(land, SCHEMA.value, Literal(rec.values["land_area"], datatype=XSD.integer))
            self.add(land, SCHEMA.unitCode, Literal(SQUARE_METRE))
            for concept in approximation:
                self.add(land, CHEIKG.countApproximation, concept)
        if approximation and amount is None and rec.values.get("land_area") is None:
            self.problem(rec, "approximation", "'approximation' bounds an 'amount' or a 'land_area'; give one, or leave it out", "record/required")

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


def _short_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def _a(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


_TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z\Z")
_DURATION = re.compile(r"^P([1-9][0-9]*)([YMWD])\Z")


def _date_literal(date: Date) -> Literal:
    if date.precision == "day":
        return Literal(date.iso, datatype=XSD.date)
    if date.precision == "month":
        return Literal(date.as_stated, datatype=XSD.gYearMonth)
    return Literal(date.as_stated, datatype=XSD.gYear)
