"""The record kinds of the curated data and the fields each may carry.

This table is the single source of truth for the record format: the record
reader checks records against it, ``cheikg new KIND`` prints templates from it,
and ``docs`` in ``data/README.md`` describe the same fields.  A record file is a
YAML mapping whose top-level keys are kind names (plural, as in ``KINDS``), each
holding a list of records; a CSV file holds one kind, named by its file stem.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Field types understood by the record reader.
ID = "id"  # a short id: lower-case letters, digits and hyphens
TEXT = "text"  # a plain string
NAMES = "names"  # {en: ..., zh: ...}; a bare string is taken as English
DATE = "date"  # 2025, 2025-11 or 2025-11-18, or {value, inferred, note}
INT = "int"  # a non-negative whole number
BOOL = "bool"  # true or false
URL = "url"  # an http(s) URL
REF = "ref"  # the id of a record of one of ``kinds``
VOCAB = "vocab"  # a notation from the SKOS concept scheme ``scheme``
OBJECTS = "objects"  # a list of nested records described by ``fields``
TEXTS = "texts"  # a list of strings (a single string is accepted)
SOURCES = "sources"  # a list of {source, quote} citations


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    help: str
    required: bool = False
    multi: bool = False  # REF and VOCAB: a list of values is allowed
    kinds: tuple[str, ...] = ()  # REF: the kinds an id may name
    scheme: str = ""  # VOCAB: the concept scheme's notation
    fields: tuple["Field", ...] = ()  # OBJECTS: the nested record's fields
    example: str = ""  # shown in templates


@dataclass(frozen=True)
class Kind:
    name: str  # singular, as in "organization"
    plural: str  # the top-level key in a record file
    help: str
    fields: tuple[Field, ...] = field(default_factory=tuple)
    is_fact: bool = True  # facts must cite a source (shapes enforce it)

    def field(self, name: str) -> Field | None:
        for f in self.fields:
            if f.name == name:
                return f
        return None


AGENTS = ("organization", "alliance", "person")
ORGS = ("organization", "alliance")

_ID = Field("id", ID, "short id, unique across all records (lower case, digits, hyphens)", required=True, example="tyut")
_NOTE = Field("note", TEXT, "editorial note: what the source leaves open, how a value was inferred")
_INFERRED = Field(
    "inferred",
    TEXTS,
    "names of the fields whose values the source does not state but the curator inferred (see note)",
    example="[organization]",
)
_SOURCE = Field("source", REF, "the source record this fact comes from (shorthand for one citation)", kinds=("source",))
_QUOTE = Field("quote", TEXT, "the sentence of the source that supports this fact (with `source`)")
_SOURCES = Field(
    "sources",
    SOURCES,
    "citations: a list of {source: ID, quote: TEXT}; use this or source/quote",
)
_PROVENANCE = (_SOURCE, _QUOTE, _SOURCES, _INFERRED, _NOTE)
# A record with the id of another (a stored one) is a second statement about the same entity
# (loaders/statements.py); where the two give one field different values, these say which stands.
_DISPUTES = Field(
    "disputes",
    TEXTS,
    "fields whose value here contradicts another record with this id: both are kept, this one as a disputed statement with its source",
    example="[founded]",
)
_CORRECTS = Field(
    "corrects",
    TEXTS,
    "fields whose value here replaces another record's with this id (say why in note); the replaced value is kept as superseded",
    example="[founded]",
)
AMENDING = ("disputes", "corrects")

SOURCE = Kind(
    "source",
    "sources",
    "An article or data set that facts are taken from.",
    (
        _ID,
        Field("title", NAMES, "title as printed", required=True, example="Jiangxi Province Establishes Provincial Alliance ..."),
        Field("type", VOCAB, "kind of source", required=True, scheme="source-type", example="news-article"),
        Field("publisher", TEXT, "publisher as printed", example="Xinhua (Jiangxi channel)"),
        Field("publisher_org", REF, "the publisher as an organization record", kinds=ORGS),
        Field("published", DATE, "publication date as printed", example="2025-12-18"),
        Field("url", URL, "where the article is published"),
        Field("language", TEXTS, "language of the text (BCP 47); a bilingual source lists each, such as [en, zh]", example="en"),
        Field("file", TEXT, "file name of the archived copy the curators read", example="seeds/002_74dae8fb773deb7c.txt"),
        Field("license", URL, "licence of a data set, as a URL", example="https://creativecommons.org/licenses/by-sa/4.0/"),
        Field("authors", TEXTS, "writers, editors and other credits as printed"),
        _NOTE,
    ),
    is_fact=False,
)

PLACE = Kind(
    "place",
    "places",
    "A country, province, city or venue.",
    (
        _ID,
        Field("name", NAMES, "name in English and Chinese", required=True, example="{en: Nanchang, zh: 南昌市}"),
        Field("type", VOCAB, "country, province, city or venue", required=True, scheme="place-type", example="city"),
        Field("within", REF, "the place this one lies in", kinds=("place",), example="jiangxi"),
        Field("country_code", TEXT, "ISO 3166-1 alpha-2 code (countries)", example="CN"),
        Field("division_code", TEXT, "Chinese administrative division code (provinces, cities)", example="360100"),
        *_PROVENANCE,
    ),
    is_fact=False,
)

_NAME_IN_USE = (
    Field("name", NAMES, "the name as printed, per language", required=True, example="{en: Xi'an Medical College}"),
    Field("from", DATE, "when it was first used (or announced, for a planned name)"),
    Field("until", DATE, "when it was last used: the renaming, or the day a planned name was given up"),
    Field("as_of", DATE, "a date on which the source reports the name in use (or planned)"),
    *_PROVENANCE,
)
_ORGANIZATION_COUNT = (
    Field("count", INT, "the number the source states", required=True, example="746"),
    Field("approximation", VOCAB, "how the source bounds the number ('nearly 1,500 books': nearly); absent: exact", scheme="count-approximation", example="nearly"),
    Field("qualifier", TEXT, "what is counted, as the source describes it", example="students enrolled"),
    Field("organization_type", VOCAB, "what is counted, when it is organizations (its classrooms, its partner universities): their type", scheme="organization-type", example="confucius-classroom"),
    Field("as_of", DATE, "the year or day the number is of, as the source states it", example="2014"),
    *_PROVENANCE,
)

_ORGANIZATION_HISTORY = (
    Field("founded", DATE, "founding date as the source states it", example="2012-10"),
    Field("dissolved", DATE, "date it was dissolved, closed or merged into another"),
    Field("former_names", OBJECTS, "names it had before, with when they were used", fields=_NAME_IN_USE),
    Field("planned_names", OBJECTS, "names it was to have (announced, then given up for its name)", fields=_NAME_IN_USE),
    Field("description", NAMES, "what it does, close to the source's words"),
)

ORGANIZATION = Kind(
    "organization",
    "organizations",
    "A university, government body, service centre, school, joint institute, co-built centre, foundation or media organization.",
    (
        _ID,
        Field("name", NAMES, "official name in English and Chinese", required=True, example="{en: Taiyuan University of Technology, zh: 太原理工大学}"),
        Field("alt_names", NAMES, "other names and short forms, per language (lists allowed)", multi=True),
        Field("acronyms", TEXTS, "acronyms as used in sources", example="[TYUT]"),
        Field("type", VOCAB, "kind of organization", required=True, scheme="organization-type", example="university"),
        Field("country", REF, "country the organization is in", kinds=("place",), example="cn"),
        Field("place", REF, "city (or province) where it is seated", kinds=("place",), example="taiyuan"),
        Field("parent", REF, "organization it is a unit of (a school of a university, a centre under a ministry, the foreign host of a Confucius Institute)", kinds=ORGS),
        Field("foreign_partner", REF, "foreign partner of a joint Sino-foreign institute", kinds=("organization",), multi=True),
        Field("chinese_partner", REF, "Confucius Institutes and Classrooms: the Chinese partner institution (中方合作院校) that runs it with its host (the parent)", kinds=("organization",), multi=True, example="[moe-4143010533]"),
        Field("theme", NAMES, "Confucius Institutes and other themed institutes: the theme or speciality it is devoted to, as printed (Tourism Confucius Institute: {en: Tourism}; 中医特色孔子学院: {zh: 中医})", example="{en: Tourism}"),
        Field("co_built_by", REF, "organizations that jointly built it", kinds=ORGS, multi=True),
        Field("guided_by", REF, "bodies under whose guidance it was built", kinds=ORGS, multi=True),
        Field("legal_personality", BOOL, "joint institutes: true when it is an independent legal person"),
        Field("moe_code", TEXT, "official 10-digit MOE institution code", example="4114010112"),
        Field("reference", TEXT, "the id of the reference entity (MOE list, world list) this record is, where neither a code nor its name and country show it", example="kean-edu"),
        Field("ror", URL, "ROR id as a URL", example="https://ror.org/03kv08d37"),
        Field("wikidata", TEXT, "Wikidata item id", example="Q1439591"),
        Field("homepage", URL, "official web site"),
        *_ORGANIZATION_HISTORY,
        Field("stated_counts", OBJECTS, "numbers the source states of it: its students, staff, classrooms, partner institutions ('746 students in 2014')", fields=_ORGANIZATION_COUNT),
        *_PROVENANCE,
    ),
)

PERSON = Kind(
    "person",
    "persons",
    "A person named in a source.",
    (
        _ID,
        Field("name", NAMES, "name as printed, in English (family name first for Chinese names) and Chinese", required=True, example="{en: Sang Shengbo}"),
        Field("alt_names", NAMES, "other spellings", multi=True),
        Field("honorific", TEXT, "academic title as printed (Prof., academician of ...)"),
        *_PROVENANCE,
    ),
)

_STATED_COUNT = (
    Field("role", VOCAB, "the role counted", required=True, scheme="alliance-role", example="member"),
    Field("count", INT, "the number the source states", required=True, example="15"),
    Field("approximation", VOCAB, "how the source bounds the number ('more than 70': more-than; 'close to 100': nearly); absent: exact", scheme="count-approximation", example="more-than"),
    Field("qualifier", TEXT, "how the source describes the counted group", example="universities across the province authorized to enroll international students"),
    *_PROVENANCE,
)

_EVENT_COUNT = (
    Field("count", INT, "the number the source states", required=True, example="32"),
    Field("approximation", VOCAB, "how the source bounds the number ('more than 20': more-than); absent: exact", scheme="count-approximation", example="more-than"),
    Field("qualifier", TEXT, "what is counted, as the source describes it", example="new Sino-foreign joint programmes at bachelor's degree level and above"),
    Field("program_type", VOCAB, "what is counted, when it is programs: their type", scheme="program-type", example="cooperative-education-program"),
    Field("organization_type", VOCAB, "what is counted, when it is organizations: their type", scheme="organization-type", example="confucius-institute"),
    Field("country", REF, "the countries the counted programs' partners or the counted institutions are from ('four UK programmes': gb)", kinds=("place",), multi=True, example="[gb]"),
    *_PROVENANCE,
)

_ATTENDANCE = (
    Field("count", INT, "the number the source states", required=True, example="40"),
    Field("approximation", VOCAB, "how the source bounds the number ('more than 40': more-than); absent: exact", scheme="count-approximation", example="more-than"),
    Field("qualifier", TEXT, "what is counted, as the source describes it", example="representatives"),
    Field("role", VOCAB, "how those counted took part", scheme="participation-role", example="attendee"),
    *_PROVENANCE,
)

ALLIANCE = Kind(
    "alliance",
    "alliances",
    "An alliance, consortium or league of institutions.",
    (
        _ID,
        Field("name", NAMES, "name in English and Chinese", required=True),
        Field("alt_names", NAMES, "short and other names", multi=True),
        Field("acronyms", TEXTS, "acronyms"),
        Field("founded", DATE, "founding date"),
        Field("founding_event", REF, "the conference or ceremony that founded it", kinds=("event",)),
        Field("scope", REF, "province or country it covers", kinds=("place",), multi=True),
        Field("place", REF, "city where it was founded or is seated", kinds=("place",)),
        Field("purpose", NAMES, "its stated purpose, close to the source's words"),
        Field("guided_by", REF, "bodies under whose guidance it works", kinds=ORGS, multi=True),
        Field("stated_counts", OBJECTS, "counts the source states without names: members, vice-chairs ...", fields=_STATED_COUNT),
        *_PROVENANCE,
    ),
)

MEMBERSHIP = Kind(
    "membership",
    "memberships",
    "A role an institution or person holds in an alliance (or in a co-built centre), for a period (one record per role and term).",
    (
        _ID,
        Field("member", REF, "the institution or person", required=True, kinds=AGENTS, example="tyut"),
        Field("organization", REF, "the alliance (or the co-built centre)", required=True, kinds=ORGS, example="shanxi-isea"),
        Field("role", VOCAB, "the role", required=True, scheme="alliance-role", example="rotating-chair"),
        Field("start", DATE, "start of the term"),
        Field("end", DATE, "end of the term"),
        Field("term", INT, "ordinal of the term (1 for the inaugural term)"),
        Field("succeeds", REF, "the membership record of the previous term", kinds=("membership",)),
        Field("on_behalf_of", REF, "persons: the institution they represent", kinds=ORGS),
        Field("side", REF, "the national side the role is held for (the Chinese or the Russian co-chair)", kinds=("place",), example="ru"),
        *_PROVENANCE,
    ),
)

POST = Kind(
    "post",
    "posts",
    "A post a person holds in an organization (president, director-general, dean ...).",
    (
        _ID,
        Field("person", REF, "the person", required=True, kinds=("person",)),
        Field("organization", REF, "the organization the post is in (or give jurisdiction or organization_name)", kinds=ORGS),
        Field("jurisdiction", REF, "the country, province or city whose head, governor or mayor the person is (a post without an organization record)", kinds=("place",), example="kz"),
        Field("organization_name", NAMES, "the organization as printed when the graph has no record of it", example="{en: Presidential Administration of Kazakhstan}"),
        Field("role", VOCAB, "the post", required=True, scheme="post", example="vice-president"),
        Field("title", NAMES, "the post's title as printed, when richer than the role", example="{en: Member of the Party Leadership Group and Deputy Director-General}"),
        Field("start", DATE, "start of the tenure"),
        Field("end", DATE, "end of the tenure"),
        Field("as_of", DATE, "a date on which the source reports the post held"),
        Field("former", BOOL, "true when the source calls it former (it ended before the article; the end date is not known)"),
        *_PROVENANCE,
    ),
)

_PARTICIPANT = (
    Field("agent", REF, "the person or organization", required=True, kinds=AGENTS),
    Field("role", VOCAB, "how they took part", required=True, scheme="participation-role", example="speaker"),
    Field("on_behalf_of", REF, "the organization they represented, or the person (a deputy standing in for a minister)", kinds=AGENTS),
    Field("speech_title", NAMES, "title of the speech or report"),
    *_PROVENANCE,
)

EVENT = Kind(
    "event",
    "events",
    "A conference, seminar, ceremony, meeting or visit.",
    (
        _ID,
        Field("name", NAMES, "name in English and Chinese", required=True),
        Field("alt_names", NAMES, "other names the sources use", multi=True),
        Field("type", VOCAB, "kind of event", required=True, scheme="event-type", example="founding-conference"),
        Field("date", DATE, "date (the first day)", example="2025-11-18"),
        Field("end", DATE, "last day, when it lasts several days"),
        Field("place", REF, "city or venue", kinds=("place",), multi=True),
        Field("held_at", REF, "organization whose premises hosted it", kinds=ORGS),
        Field("organizer", REF, "organizers (主办)", kinds=AGENTS, multi=True),
        Field("guided_by", REF, "bodies that guided it (指导)", kinds=ORGS, multi=True),
        Field("part_of", REF, "the larger event this is part of", kinds=("event",)),
        Field("about", REF, "what it concerns: the university an approval approves (the programs a batch approval names), the alliance a meeting is of", kinds=("organization", "alliance", "program", "agreement"), multi=True),
        Field("theme", NAMES, "its theme as printed"),
        Field("ordinal", INT, "its number in a series: 3 for 'the 3rd forum' (the series is the event it is part_of)", example="3"),
        Field("supported_by", REF, "bodies that supported it (支持单位), apart from organizers and guides", kinds=AGENTS, multi=True),
        Field("participants", OBJECTS, "who took part and how", fields=_PARTICIPANT),
        Field("attendance", OBJECTS, "how many took part, as the source states it ('more than 40 representatives from over 20 universities': two entries)", fields=_ATTENDANCE),
        Field("stated_counts", OBJECTS, "numbers the source states of what the event concerns, apart from its attendance: the programs an approval approved ('32 new joint programmes, four of them with UK partners': two entries)", fields=_EVENT_COUNT),
        *_PROVENANCE,
    ),
)

_PARTY = (
    Field("party", REF, "the organization", required=True, kinds=ORGS),
    Field("signatory", REF, "the person who signed for it", kinds=("person",)),
    *_PROVENANCE,
)

AGREEMENT = Kind(
    "agreement",
    "agreements",
    "An agreement or memorandum between two or more parties.",
    (
        _ID,
        Field("title", NAMES, "title as printed", required=True),
        Field("type", VOCAB, "kind of agreement", required=True, scheme="agreement-type", example="cooperation-agreement"),
        Field("date", DATE, "signing date"),
        Field("signed_at", REF, "the event where it was signed", kinds=("event",)),
        Field("parties", OBJECTS, "the parties (two or more) and their signatories", required=True, fields=_PARTY),
        Field("establishes", REF, "what it sets up", kinds=("organization", "program")),
        Field("description", NAMES, "its subject or content, close to the source's words"),
        Field("duration", TEXT, "how long it runs as stated, as an ISO 8601 duration of one unit: P3Y for 'three-year', P6M", example="P3Y"),
        Field("signed_in", REF, "where it was signed, when no event is recorded for the signing", kinds=("place",)),
        Field("status", VOCAB, "its status as the source reports it", scheme="agreement-status", example="signed"),
        *_PROVENANCE,
    ),
)

PROGRAM = Kind(
    "program",
    "programs",
    "A program, project or initiative launched by someone.",
    (
        _ID,
        Field("name", NAMES, "name as printed", required=True),
        Field("type", VOCAB, "kind of program", required=True, scheme="program-type", example="project"),
        Field("launched_by", REF, "who launched it", kinds=AGENTS, multi=True),
        Field("launched_at", REF, "the event where it was launched", kinds=("event",)),
        Field("date", DATE, "launch date"),
        Field("about", REF, "the organization it belongs to (the Chinese party of a Sino-foreign cooperative education program)", kinds=ORGS),
        Field("foreign_partner", REF, "the foreign party of a Sino-foreign cooperative education program", kinds=("organization",), multi=True),
        Field("description", NAMES, "what it is, close to the source's words"),
        *_PROVENANCE,
    ),
)

DOCUMENT = Kind(
    "document",
    "documents",
    "A charter, plan, declaration or proposal adopted or released.",
    (
        _ID,
        Field("title", NAMES, "title as printed", required=True),
        Field("type", VOCAB, "kind of document", required=True, scheme="document-type", example="charter"),
        Field("about", REF, "the organization it governs or concerns", kinds=ORGS),
        Field("issued_by", REF, "who proposed or issued it", kinds=AGENTS, multi=True),
        Field("adopted_at", REF, "the event where it was approved or released", kinds=("event",)),
        Field("date", DATE, "date of adoption or release"),
        Field("description", NAMES, "what it contains, close to the source's words"),
        *_PROVENANCE,
    ),
)

GRANT = Kind(
    "grant",
    "grants",
    "A grant, donation or government contribution of money or land to an institution or program.",
    (
        _ID,
        Field("name", NAMES, "a name that says who gives what to whom", required=True, example="{en: Shenzhen Municipal Government funding of Shenzhen MSU-BIT University}"),
        Field("type", VOCAB, "kind of grant", scheme="grant-type", example="government-contribution"),
        Field("funder", REF, "who gives it", required=True, kinds=AGENTS, multi=True),
        Field("recipient", REF, "the institution or program that receives it", required=True, kinds=("organization", "alliance", "program"), multi=True),
        Field("amount", INT, "the sum in whole units of the currency, as stated (US$130 million: 130000000)", example="130000000"),
        Field("currency", TEXT, "ISO 4217 code of the amount's currency", example="USD"),
        Field("land_area", INT, "land granted, in square metres", example="330000"),
        Field("approximation", VOCAB, "how the source bounds the amount or area ('more than', 'about'); absent: exact", scheme="count-approximation"),
        Field("date", DATE, "when it was granted or announced"),
        Field("description", NAMES, "what it funds, close to the source's words"),
        *_PROVENANCE,
    ),
)

_RECORD_KINDS = ("source", "place", "organization", "person", "alliance", "membership", "post", "event", "agreement", "program", "document", "grant")

SUBMISSION = Kind(
    "submission",
    "submissions",
    "Provenance of an ingested submission: which file, when, which records and sources. Written by `cheikg ingest`, not by hand.",
    (
        _ID,
        Field("file", TEXT, "name of the submitted file", required=True, example="jiangxi-2026.yaml"),
        Field("sha256", TEXT, "SHA-256 of the submitted file's bytes"),
        Field("ingested_at", TEXT, "when it was ingested, UTC, as YYYY-MM-DDThh:mm:ssZ", required=True, example="2026-11-23T05:10:00Z"),
        Field("tool", TEXT, "the program and version that ingested it", example="cheikg 0.1.0"),
        Field("records", REF, "the records it added", kinds=_RECORD_KINDS, multi=True),
        Field("additions", REF, "the stored records it added statements to (another source, names, fields they left out)", kinds=_RECORD_KINDS, multi=True),
        Field("cites", REF, "the sources its records cite", kinds=("source",), multi=True),
    ),
)

def _amendable(kind: Kind) -> Kind:
    """A kind of entity, with the fields that settle what two statements of one record give differently."""
    if kind.name in ("source", "submission"):
        return kind
    return Kind(kind.name, kind.plural, kind.help, kind.fields + (_DISPUTES, _CORRECTS), kind.is_fact)


KINDS: dict[str, Kind] = {
    k.plural: _amendable(k)
    for k in (SOURCE, PLACE, ORGANIZATION, PERSON, ALLIANCE, MEMBERSHIP, POST, EVENT, AGREEMENT, PROGRAM, DOCUMENT, GRANT, SUBMISSION)
}
BY_NAME: dict[str, Kind] = {k.name: k for k in KINDS.values()}
