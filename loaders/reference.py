"""Reference tables to RDF: every Chinese higher-education institution, places, countries, world universities.

The tables of ``data/reference/`` (described in its README.md) are read by
:func:`read_tables`; :func:`claim` finds which reference entities curated
records are, :func:`reference_index` gives index entries (so records may refer
to any reference entity by its id) with the name keys the resolver looks names
up by, and :func:`reference_graph` the triples.  Like the record loaders these
are pure functions of their inputs: the tables and the curated records.

A curated record that states a code *is* the reference entity with that code:
an organization's ``moe_code``, a place's ``division_code`` or
``country_code``, and a foreign university whose English name and country are
exactly those of an entry of the world list.  The entity keeps the curated id
(one IRI, no duplicate); the curated values win where a field has one value
(a name per language, the type, the place), and the reference adds what the
record leaves out.  A reference name that differs from the curated one is kept
as an alternative name, with a reified statement saying which data set gives
it, so both values keep their sources.

Ids of the other reference entities: ``moe-<MOE code>`` (institutions),
``cn-<division code>`` (provinces, cities, counties), the lower-case ISO
3166-1 alpha-2 code (countries), ``m49-<English name>`` (the regions of UN M49
that contain the countries: ``m49-central-asia``), and a world university's
first web domain with dots as hyphens (``uts-edu-au``).  World universities, and county-level
divisions that seat no institution, enter the graph when a record refers to
them (the index and the resolver know all of them).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import FOAF, PROV, RDF, SKOS, TIME, XSD

from cheikg.findings import Finding
from cheikg.namespaces import CHEIKG, ORG, RES, SCHEMA, SKOSXL, VOCAB, WD

from .graph import PLACE_CLASSES, Index, IndexEntry
from .records import Record

Triple = tuple[URIRef, URIRef, object]
Key = tuple[str, str]  # (how, text): how a name or code identifies an entity

# table -> (required columns, the source records of its data)
TABLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "places-cn.csv": (("id", "division_code", "type", "name.en", "name.zh", "pinyin", "within"), ("ref-cn-divisions", "ref-cn-divisions-en")),
    "countries.csv": (("id", "country_code", "name.en", "name.zh", "alt_names.en", "alt_names.zh", "within"),
                      ("ref-iso3166", "ref-countries-zh", "ref-countries-zh-gbt2659", "ref-cldr-territories")),
    "regions.csv": (("id", "name.en", "name.zh", "within"), ("ref-iso3166", "ref-cldr-territories")),
    "institutions.csv": (("id", "moe_code", "name.zh", "supervising_department", "place", "level", "status"), ("ref-moe-hei-list-2025",)),
    "institutions-ror.csv": (("id", "ror", "wikidata", "match", "name.en", "name.zh", "acronyms", "homepage"), ("ref-ror-cn",)),
    "institution-names-2017.csv": (("moe_code", "name_2017", "name_2025"), ("ref-moe-hei-list-2017", "ref-moe-hei-list-2025")),
    "universities-world.csv": (("id", "name.en", "country", "homepage", "domains"), ("ref-world-universities",)),
}
LIST_2017 = "2017-05-31"  # the dates the MOE lists are as of (data/reference/README.md)
LIST_2025 = "2025-06-20"
# Taiwan, Hong Kong and Macao are not in the NBS table: their codes and names come from adminGeo
ADMINGEO_ONLY = frozenset({"710000", "810000", "820000"})
UNIVERSITY = URIRef(f"{VOCAB}organization-type/university")
COUNTRY = URIRef(f"{VOCAB}place-type/country")
REGION = URIRef(f"{VOCAB}place-type/region")
COOPERATIVE = "cooperative"  # the status of institutions the MOE list remarks 中外合作办学及内地与港澳合作办学
LEGAL_PERSON_NOTE = (
    "A Sino-foreign (or mainland-Hong Kong/Macao) cooperative institution of the MOE list of higher-education "
    "institutions. Its legal personality is inferred: an institution of the list acquires it on approval (Higher "
    "Education Law, Art. 30); the list does not print it."
)
DAY = TIME.unitDay


def _concept(scheme: str, notation: str) -> URIRef:
    return URIRef(f"{VOCAB}{scheme}/{notation}")


# ---------------------------------------------------------------- reading


@dataclass
class Table:
    name: str
    path: str  # as messages show it
    rows: list[dict[str, str]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)

    def __iter__(self) -> Iterator[tuple[int, dict[str, str]]]:
        return iter(zip(self.lines, self.rows))


@dataclass(eq=False)
class Tables:
    tables: dict[str, Table] = field(default_factory=dict)
    memo: dict[object, object] = field(default_factory=dict, repr=False)  # what is derived from the tables' contents alone
    local: dict[object, object] = field(default_factory=dict, repr=False)  # ... and from their paths too (index entries)

    def get(self, name: str) -> Table:
        return self.tables.get(name) or Table(name, name)

    def __bool__(self) -> bool:
        return bool(self.tables)


def read_table(path: str, text: str) -> tuple[Table | None, list[Finding]]:
    """Parse one table's text; a missing column or a short row is a finding naming the line."""
    name = Path(path).name
    parsed = _parse(name, text)
    problems = [Finding(path, line, message, rule=rule) for line, message, rule in parsed[2]]
    if parsed[0] is None:
        return None, problems
    return Table(name, path, parsed[0], parsed[1]), problems


@lru_cache(maxsize=16)
def _parse(name: str, text: str) -> tuple[list[dict[str, str]] | None, list[int], list[tuple[int | None, str, str]]]:
    """Rows, their lines and the problems (line, message, rule) of a table's text, whatever its path."""
    spec = TABLES.get(name)
    if spec is None:
        return None, [], [(1, f"'{name}' is not a reference table; the tables are {', '.join(TABLES)}", "input/kind")]
    try:
        rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), strict=True))
    except csv.Error as e:
        return None, [], [(None, f"is not valid CSV: {e}", "input/csv")]
    if not rows:
        return None, [], [(1, "the table is empty; it starts with a header row", "input/empty")]
    header = [h.strip() for h in rows[0]]
    missing = [c for c in spec[0] if c not in header]
    if missing:
        return None, [], [(1, f"the header lacks the column '{missing[0]}'; a {name} table has {', '.join(spec[0])}", "input/csv")]
    out: list[dict[str, str]] = []
    lines: list[int] = []
    problems: list[tuple[int | None, str, str]] = []
    line = 1 + sum(c.count("\n") for c in rows[0])
    for row in rows[1:]:
        start = line + 1
        line += 1 + sum(c.count("\n") for c in row)
        if not any(c.strip() for c in row):
            continue
        if len(row) != len(header):
            problems.append((start, f"the row has {len(row)} cells but the header has {len(header)} columns; quote cells that contain commas", "input/csv"))
            continue
        out.append({h: c.strip() for h, c in zip(header, row)})
        lines.append(start)
    return out, lines, problems


def read_tables(files: Iterable[tuple[str, str]]) -> tuple[Tables, list[Finding]]:
    """(display path, text) of each table file to the tables, and what could not be read.

    The same files give the same Tables object, and the same contents (under
    another path: a copy of the data directory) share what is derived from the
    contents alone, so that work is done once per process.
    """
    return _read_tables(tuple(files))


@lru_cache(maxsize=4)
def _read_tables(files: tuple[tuple[str, str], ...]) -> tuple[Tables, list[Finding]]:
    tables, problems = Tables(memo=_content_memo(tuple((Path(path).name, text) for path, text in files))), []
    for path, text in files:
        table, found = read_table(path, text)
        problems += found
        if table is not None:
            tables.tables[table.name] = table
    return tables, problems


@lru_cache(maxsize=4)
def _content_memo(contents: tuple[tuple[str, str], ...]) -> dict[object, object]:
    return {}


def _multi(cell: str) -> list[str]:
    return [v.strip() for v in cell.split("|") if v.strip()]


def _names(row: dict[str, str], prefix: str) -> dict[str, list[str]]:
    """Dotted columns ``prefix.<lang>`` to {lang: values}."""
    out = {}
    for col, cell in row.items():
        if col.startswith(prefix + ".") and cell:
            out[col[len(prefix) + 1:]] = _multi(cell)
    return out


# ---------------------------------------------------------------- claims


@dataclass
class Claims:
    """Which reference entities curated records are: reference id -> curated record."""

    records: dict[str, Record] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    # reference id -> curated id of the claims of records not at hand (the stored ones, when a submission is checked)
    stored: dict[str, str] = field(default_factory=dict)

    def iri(self, ref_id: str) -> URIRef:
        return RES[self.curated_id(ref_id)]

    def curated_id(self, ref_id: str) -> str:
        rec = self.records.get(ref_id)
        return rec.id if rec is not None else self.stored.get(ref_id, ref_id)  # type: ignore[return-value]

    def aliases(self) -> dict[str, str]:
        """Reference id -> the id of the curated record that is that entity (where the two differ)."""
        out = {rid: cid for rid, cid in self.stored.items() if rid != cid}
        out.update({rid: rec.id for rid, rec in self.records.items() if rid != rec.id})  # type: ignore[misc]
        return dict(sorted(out.items()))


def _problem(rec: Record, name: str, message: str, rule: str, severity: str = "violation", value: object = None) -> Finding:
    line, col = rec.position(name)
    return Finding(rec.path, line, message, record=rec.id, field=name, column=col, severity=severity, rule=rule, value=None if value is None else str(value))


_NOT_NAME = re.compile(r"[^\w]+", re.UNICODE)


def name_key(name: str) -> str:
    """A name as the world list and a record are compared: case, punctuation, '&' and a leading 'The' aside."""
    text = _NOT_NAME.sub(" ", unicodedata.normalize("NFKC", name).casefold().replace("&", " and ")).split()
    if text[:1] == ["the"]:
        text = text[1:]
    return " ".join(text)


def claim(tables: Tables, records: list[Record], stored: dict[str, str] | None = None) -> Claims:
    """The reference entity each curated record states it is, by code or (foreign universities) by exact name and country.

    ``stored``: reference id -> curated id of the claims already made by stored records (a submission is
    checked against them): a record may not take an entity another record is, and a stored country record
    stands for its code.
    """
    claims = Claims(stored=dict(stored or {}))
    institutions = {row["moe_code"]: row for _, row in tables.get("institutions.csv")}
    places = {row["division_code"]: row for _, row in tables.get("places-cn.csv")}
    countries = {row["country_code"]: row for _, row in tables.get("countries.csv")}
    countries_by_id = {row["id"] for row in countries.values()}
    former = {row["moe_code"]: row for _, row in tables.get("institution-names-2017.csv") if not row["name_2025"]}
    world: dict[tuple[str, str], list[str]] = {}
    for _, row in tables.get("universities-world.csv"):
        world.setdefault((name_key(row["name.en"]), row["country"]), []).append(row["id"])
    ids = {row["id"] for _, row in tables.get("universities-world.csv")} | {row["id"] for row in institutions.values()}
    # curated country ids -> ISO code: a country record's own code, or a reference country's id
    alpha2 = {cid: rid for rid, cid in claims.stored.items() if rid in countries_by_id}
    alpha2.update({r.id: str(r.values["country_code"]).lower() for r in records if r.kind is not None and r.kind.name == "place" and r.values.get("country_code")})

    def take(ref_id: str, rec: Record, name: str) -> None:
        other = claims.records.get(ref_id)
        owner = claims.stored.get(ref_id)
        if other is not None and other.id != rec.id:
            claims.findings.append(_problem(rec, name, f"'{other.id}' ({other.path}:{other.line}) already is the reference entity {ref_id}; one entity has one record: merge the two", "reference/duplicate", value=ref_id))
            return
        if other is None and owner is not None and owner != rec.id:
            claims.findings.append(_problem(rec, name, f"the stored record '{owner}' already is the reference entity {ref_id}; one entity has one record: "
                                            f"give this record the id '{owner}' to add what it says to that record", "reference/duplicate", value=ref_id))
            return
        claims.records[ref_id] = rec

    for rec in records:
        if rec.kind is None or rec.id is None:
            continue
        if rec.kind.name == "organization":
            code = rec.values.get("moe_code")
            named = rec.values.get("reference")
            if named:
                if str(named) in ids:
                    take(str(named), rec, "reference")
                else:
                    claims.findings.append(_problem(rec, "reference", f"'{named}' is not the id of an institution of the reference tables (data/reference/institutions.csv, "
                                                    "universities-world.csv); `cheikg resolve NAME` tells the id", "reference/unknown-code", "violation", named))
            elif code:
                code = str(code)
                if code in institutions:
                    take(institutions[code]["id"], rec, "moe_code")
                elif len(code) == 10 and code.isdigit():
                    gone = former.get(code)
                    why = (f"; the list of {LIST_2017} has it as {gone['name_2017']}, since merged or upgraded under another code" if gone else "")
                    claims.findings.append(_problem(rec, "moe_code", f"'{code}' is not on the MOE list of {LIST_2025}{why}", "reference/unknown-code", "warning", code))
            elif rec.values.get("type") == "university":
                country = rec.values.get("country")
                code2 = alpha2.get(str(country), str(country)) if country else None
                if code2 and code2 != "cn":
                    names = rec.values.get("name", {}).get("en", []) + rec.values.get("alt_names", {}).get("en", [])  # type: ignore[union-attr]
                    matches = sorted({i for n in names for i in world.get((name_key(n), code2), [])})
                    if len(matches) == 1:
                        take(matches[0], rec, "name")
                    elif matches:
                        claims.findings.append(_problem(rec, "name", f"its names are those of several entries of the world list ({', '.join(matches)}); keep the name of one", "reference/ambiguous", "warning"))
        elif rec.kind.name == "place":
            code = rec.values.get("division_code")
            if code:
                row = places.get(str(code))
                if row is None:
                    claims.findings.append(_problem(rec, "division_code", f"'{code}' is not a code of the division table (data/reference/places-cn.csv, NBS codes as of 2023-06-30)", "reference/unknown-code", "warning", code))
                else:
                    take(row["id"], rec, "division_code")
                    if rec.values.get("type") != row["type"]:
                        claims.findings.append(_problem(rec, "type", f"the division table makes {code} a {row['type']}, not a {rec.values.get('type')}; write type: {row['type']}", "reference/type", "warning", rec.values.get("type")))
            code = rec.values.get("country_code")
            if code:
                row = countries.get(str(code))
                if row is None:
                    claims.findings.append(_problem(rec, "country_code", f"'{code}' is not an ISO 3166-1 alpha-2 code of the reference countries", "reference/unknown-code", "warning", code))
                else:
                    take(row["id"], rec, "country_code")
    return claims


# ---------------------------------------------------------------- index and resolver keys


@dataclass
class Entry:
    """A reference entity as the index and the resolver see it."""

    id: str
    kind: str  # organization or place
    path: str
    line: int
    keys: list[Key]

    @property
    def names(self) -> tuple[str, ...]:
        """Display name first (English, else Chinese), then every other key text."""
        labels = [t for h, t in self.keys if h == "name"]
        english = [t for t in labels if t.isascii()]
        ordered = english[:1] + [t for _, t in self.keys]
        return tuple(dict.fromkeys(ordered))


def entries(tables: Tables) -> dict[str, Entry]:
    """Every reference entity by its reference id, with the keys that name it."""
    out: dict[str, Entry] = {}
    for line, row in tables.get("countries.csv"):
        keys = [("name", n) for lang in ("en", "zh") for n in _multi(row[f"name.{lang}"])]
        keys += [("alias", n) for lang in ("en", "zh") for n in _multi(row[f"alt_names.{lang}"])] + [("country-code", row["country_code"])]
        out[row["id"]] = Entry(row["id"], "place", tables.get("countries.csv").path, line, keys)
    for line, row in tables.get("regions.csv"):
        keys = [("name", n) for lang in ("en", "zh") for n in _multi(row[f"name.{lang}"])]
        out[row["id"]] = Entry(row["id"], "place", tables.get("regions.csv").path, line, keys)
    for line, row in tables.get("places-cn.csv"):
        keys = [("name", n) for lang in ("en", "zh") for n in _multi(row[f"name.{lang}"])] + [("division-code", row["division_code"])]
        out[row["id"]] = Entry(row["id"], "place", tables.get("places-cn.csv").path, line, keys)
    for line, row in tables.get("institutions.csv"):
        out[row["id"]] = Entry(row["id"], "organization", tables.get("institutions.csv").path, line,
                               [("name", row["name.zh"]), ("moe-code", row["moe_code"])])
    for _, row in tables.get("institutions-ror.csv"):
        entry = out.get(row["id"])
        if entry is None:
            continue
        if row["match"] == "zh-2025":
            entry.keys += [("name", n) for n in _multi(row["name.en"])]
        else:
            entry.keys += [("alias", n) for n in _multi(row["name.en"])]
        entry.keys += [("acronym", a) for a in _multi(row["acronyms"])]
        entry.keys += [("alias", n) for names in _names(row, "alt_names").values() for n in names]
        entry.keys += [("ror", row["ror"])] if row["ror"] else []
        entry.keys += [("wikidata", row["wikidata"])] if row["wikidata"] else []
    for _, row in tables.get("institution-names-2017.csv"):
        entry = out.get(f"moe-{row['moe_code']}")
        if entry is not None and row["name_2025"]:
            entry.keys.append(("historic-name", row["name_2017"]))
    for line, row in tables.get("universities-world.csv"):
        keys = [("name", row["name.en"])] + [("domain", d) for d in _multi(row["domains"])]
        out[row["id"]] = Entry(row["id"], "organization", tables.get("universities-world.csv").path, line, keys)
    for entry in out.values():
        entry.keys = list(dict.fromkeys(k for k in entry.keys if k[1]))
    return out


def former_institutions(tables: Tables) -> dict[str, tuple[str, str]]:
    """MOE codes of the 2017 list that the 2025 list lacks: code -> (name, date of the 2017 list)."""
    return {row["moe_code"]: (row["name_2017"], LIST_2017) for _, row in tables.get("institution-names-2017.csv") if not row["name_2025"]}


# ---------------------------------------------------------------- triples


@dataclass
class ReferenceGraph:
    triples: list[Triple]
    findings: list[Finding]


class _Out:
    """Collects triples; curated values win for the fields the record states."""

    def __init__(self, claims: Claims):
        self.claims = claims
        self.triples: list[Triple] = []
        self.findings: list[Finding] = []

    def add(self, s: URIRef, p: URIRef, o: object) -> None:
        self.triples.append((s, p, o))

    def names(self, node: URIRef, rec: Record | None, field_name: str, names: dict[str, list[str]], sources: dict[str, str]) -> None:
        """Preferred names per language; under a curated record that names it otherwise, an alternative name with its source.

        ``sources``: the source record of the names of each language.
        """
        curated = rec.values.get(field_name, {}) if rec is not None else {}
        for lang in sorted(names):
            value = names[lang][0]
            mine = curated.get(lang) if isinstance(curated, dict) else None
            if not mine:
                self.add(node, SKOS.prefLabel, Literal(value, lang=lang.lower()))
            elif value not in mine:
                self.add(node, SKOS.altLabel, Literal(value, lang=lang.lower()))
                stmt = URIRef(f"{node}.reference-name.{lang}")
                self.add(stmt, RDF.type, RDF.Statement)
                self.add(stmt, RDF.subject, node)
                self.add(stmt, RDF.predicate, SKOS.prefLabel)
                self.add(stmt, RDF.object, Literal(value, lang=lang.lower()))
                self.add(stmt, PROV.wasDerivedFrom, RES[sources[lang]])
            for extra in names[lang][1:]:
                self.add(node, SKOS.altLabel, Literal(extra, lang=lang.lower()))

    def one(self, node: URIRef, rec: Record | None, field_name: str, pred: URIRef, value: URIRef, what: str) -> None:
        """A single-valued link: the reference value unless the record states one; a different one is reported."""
        stated = rec.values.get(field_name) if rec is not None else None
        if not stated:
            self.add(node, pred, value)
        elif RES[str(stated)] != value and rec is not None:
            self.findings.append(_problem(rec, field_name, f"the reference data has {what} '{self._id(value)}'; the record says '{stated}'", "reference/differs", "info", stated))

    def _id(self, iri: URIRef) -> str:
        return str(iri)[len(str(RES)):]

    def instant(self, node: URIRef, date: str) -> URIRef:
        self.add(node, RDF.type, TIME.Instant)
        self.add(node, TIME.inXSDDate, Literal(date, datatype=XSD.date))
        self.add(node, CHEIKG.datePrecision, DAY)
        return node


def reference_graph(tables: Tables, claims: Claims, used: set[str] = frozenset()) -> ReferenceGraph:  # type: ignore[assignment]
    """The triples of every institution, place and country, and of the world universities in ``used`` or claimed.

    The triples of the entities no record claims depend only on the tables and
    on which ids the claimed ones have: they are worked out once per process.
    """
    optional = tables.memo.get("optional")
    if optional is None:
        optional = tables.memo["optional"] = _optional(tables)
    used = frozenset(used) & optional  # type: ignore[operator]
    key = ("unclaimed", frozenset((rid, rec.id) for rid, rec in claims.records.items()), frozenset(claims.stored.items()), used)
    unclaimed = tables.memo.get(key)
    if unclaimed is None:
        if len(tables.memo) > 16:
            tables.memo.clear()
        unclaimed = tables.memo[key] = _triples(tables, claims, used, claimed=False).triples
    mine = _triples(tables, claims, used, claimed=True)
    return ReferenceGraph(unclaimed + mine.triples, claims.findings + mine.findings)  # type: ignore[operator]


def _optional(tables: Tables) -> frozenset[str]:
    """The entities that enter the graph only when used: world universities, and counties that seat no institution."""
    seats = {row["place"] for _, row in tables.get("institutions.csv")}
    counties = {row["id"] for _, row in tables.get("places-cn.csv") if row["type"] == "county" and row["id"] not in seats}
    return frozenset(counties | {row["id"] for _, row in tables.get("universities-world.csv")})


def _triples(tables: Tables, claims: Claims, used: frozenset[str], *, claimed: bool) -> ReferenceGraph:
    """The triples of the claimed entities, or of the others."""
    out = _Out(claims)
    add = out.add
    cn = claims.iri("cn")
    for _, row in tables.get("countries.csv"):
        node, rec = claims.iri(row["id"]), claims.records.get(row["id"])
        if (rec is not None) != claimed:
            continue
        ref_iso, ref_zh, ref_gbt, ref_cldr = TABLES["countries.csv"][1]
        sources = (ref_iso, ref_zh) + ((ref_gbt,) if row["alt_names.zh"] else ()) + ((ref_cldr,) if row["alt_names.en"] else ())
        if rec is None:
            add(node, RDF.type, SCHEMA.Place)
            add(node, RDF.type, SCHEMA.Country)
            add(node, CHEIKG.placeType, COUNTRY)
        out.names(node, rec, "name", {lang: _multi(row[f"name.{lang}"]) for lang in ("en", "zh") if row[f"name.{lang}"]},
                  {"en": "ref-iso3166", "zh": "ref-countries-zh"})
        for lang in ("en", "zh"):
            for alt in _multi(row[f"alt_names.{lang}"]):
                add(node, SKOS.altLabel, Literal(alt, lang=lang))
        add(node, CHEIKG.countryCode, Literal(row["country_code"]))
        if row["within"]:
            out.one(node, rec, "within", SCHEMA.containedInPlace, claims.iri(row["within"]), "within")
        for source in sources:
            add(node, PROV.wasDerivedFrom, RES[source])
    for _, row in tables.get("regions.csv"):
        node, rec = claims.iri(row["id"]), claims.records.get(row["id"])
        if (rec is not None) != claimed:
            continue
        ref_iso, ref_cldr = TABLES["regions.csv"][1]
        if rec is None:
            add(node, RDF.type, SCHEMA.Place)
            add(node, CHEIKG.placeType, REGION)
        out.names(node, rec, "name", {lang: _multi(row[f"name.{lang}"]) for lang in ("en", "zh") if row[f"name.{lang}"]},
                  {"en": ref_iso, "zh": ref_cldr})
        if row["within"]:
            out.one(node, rec, "within", SCHEMA.containedInPlace, claims.iri(row["within"]), "within")
        for source in (ref_iso,) + ((ref_cldr,) if row["name.zh"] else ()):
            add(node, PROV.wasDerivedFrom, RES[source])
    seats = tables.memo.get("seats")
    if seats is None:
        seats = tables.memo["seats"] = frozenset(row["place"] for _, row in tables.get("institutions.csv"))
    for _, row in tables.get("places-cn.csv"):
        node, rec = claims.iri(row["id"]), claims.records.get(row["id"])
        if (rec is not None) != claimed:
            continue
        if rec is None and row["type"] == "county" and row["id"] not in seats and row["id"] not in used:  # type: ignore[operator]
            continue
        if row["division_code"] in ADMINGEO_ONLY:
            sources = ("ref-cn-divisions-en",)
        else:
            sources = TABLES["places-cn.csv"][1] if row["name.en"] or row["pinyin"] else TABLES["places-cn.csv"][1][:1]
        if rec is None:
            add(node, RDF.type, SCHEMA.Place)
            for cls in PLACE_CLASSES[row["type"]]:
                add(node, RDF.type, cls)
            add(node, CHEIKG.placeType, _concept("place-type", row["type"]))
        zh_source = "ref-cn-divisions-en" if row["division_code"] in ADMINGEO_ONLY else "ref-cn-divisions"
        out.names(node, rec, "name", {lang: _multi(row[f"name.{lang}"]) for lang in ("en", "zh") if row[f"name.{lang}"]},
                  {"en": "ref-cn-divisions-en", "zh": zh_source})
        if row["pinyin"]:
            add(node, SKOS.altLabel, Literal(row["pinyin"], lang="zh-latn-pinyin"))
        out.one(node, rec, "within", SCHEMA.containedInPlace, claims.iri(row["within"]), "within")
        add(node, CHEIKG.divisionCode, Literal(row["division_code"]))
        for source in sources:
            add(node, PROV.wasDerivedFrom, RES[source])
    ror = {row["id"]: row for _, row in tables.get("institutions-ror.csv")}
    renamed: dict[str, list[str]] = {}
    for _, row in tables.get("institution-names-2017.csv"):
        if row["name_2025"]:
            renamed.setdefault(f"moe-{row['moe_code']}", []).append(row["name_2017"])
    for _, row in tables.get("institutions.csv"):
        node, rec = claims.iri(row["id"]), claims.records.get(row["id"])
        if (rec is not None) != claimed:
            continue
        link = ror.get(row["id"])
        sources = TABLES["institutions.csv"][1] + (TABLES["institutions-ror.csv"][1] if link else ())
        if rec is None:
            add(node, RDF.type, CHEIKG.University)
            add(node, ORG.classification, UNIVERSITY)
        names = {"zh": [row["name.zh"]]}
        if link is not None and link["match"] == "zh-2025" and link["name.en"]:
            names["en"] = [link["name.en"]]
        out.names(node, rec, "name", names, {"zh": "ref-moe-hei-list-2025", "en": "ref-ror-cn"})
        out.one(node, rec, "country", CHEIKG.country, cn, "country")
        out.one(node, rec, "place", SCHEMA.location, claims.iri(row["place"]), "place")
        add(node, ORG.identifier, Literal(row["moe_code"], datatype=CHEIKG.MOECode))
        for dept in _multi(row["supervising_department"]):
            add(node, CHEIKG.supervisingDepartment, Literal(dept, lang="zh"))
        add(node, CHEIKG.educationLevel, _concept("education-level", row["level"]))
        if row["status"]:
            add(node, CHEIKG.institutionStatus, _concept("institution-status", row["status"]))
        if row["status"] == COOPERATIVE:
            _cooperative(out, node, rec)
        if link is not None:
            _ror(out, node, rec, link)
        for n, old in enumerate(renamed.get(row["id"], []), 1):
            name = URIRef(f"{node}.name-2017" + (f".{n}" if n > 1 else ""))
            add(node, CHEIKG.historicName, name)
            add(name, RDF.type, CHEIKG.HistoricName)
            add(name, SKOSXL.literalForm, Literal(old, lang="zh"))
            add(name, CHEIKG.inUseOn, out.instant(URIRef(f"{name}.in-use"), LIST_2017))
            add(name, CHEIKG.replacedOnOrBefore, out.instant(URIRef(f"{name}.replaced"), LIST_2025))
            for source in TABLES["institution-names-2017.csv"][1]:
                add(name, PROV.wasDerivedFrom, RES[source])
        for source in sources:
            add(node, PROV.wasDerivedFrom, RES[source])
    for _, row in tables.get("universities-world.csv"):
        if row["id"] not in used and row["id"] not in claims.records:
            continue
        node, rec = claims.iri(row["id"]), claims.records.get(row["id"])
        if (rec is not None) != claimed:
            continue
        if rec is None:
            add(node, RDF.type, CHEIKG.University)
            add(node, ORG.classification, UNIVERSITY)
        out.names(node, rec, "name", {"en": [row["name.en"]]}, {"en": "ref-world-universities"})
        out.one(node, rec, "country", CHEIKG.country, claims.iri(row["country"]), "country")
        for page in _multi(row["homepage"]):
            add(node, FOAF.homepage, URIRef(page))
        for source in TABLES["universities-world.csv"][1]:
            add(node, PROV.wasDerivedFrom, RES[source])
    return ReferenceGraph(out.triples, out.findings)


def _cooperative(out: _Out, node: URIRef, rec: Record | None) -> None:
    """An institution the list remarks as cooperatively run is a Sino-foreign cooperative institution (中外合作办学机构).

    Being on the list of higher-education institutions with a code of its own, it is an independent
    legal person (Higher Education Law, Art. 30: an institution acquires legal personality on its
    approval); the list does not say so, so the value is marked inferred, unless a record states it.
    The 2025 list remarks mainland-Hong Kong/Macao cooperation together with Sino-foreign cooperation;
    the Regulations apply to it by reference (Art. 61), so those institutions are typed alike.
    """
    out.add(node, RDF.type, CHEIKG.JointInstitute)
    if rec is None or "legal_personality" not in rec.values:
        out.add(node, RDF.type, ORG.FormalOrganization)
        out.add(node, CHEIKG.hasLegalPersonality, Literal(True))
        out.add(node, CHEIKG.inferred, Literal(True))
        out.add(node, CHEIKG.inferredProperty, CHEIKG.hasLegalPersonality)
        if rec is None:  # a record's own note speaks for the record
            out.add(node, SKOS.editorialNote, Literal(LEGAL_PERSON_NOTE))


def _ror(out: _Out, node: URIRef, rec: Record | None, link: dict[str, str]) -> None:
    """What the ROR record adds: identifiers, acronyms, alternative names, home page.

    ROR's English name is the institution's English name only when ROR's Chinese
    label is the current (2025) name; when it is the 2017 name, the ROR record
    predates the rename and its English name is kept as an alternative name.
    """
    add = out.add
    stated = str(rec.values.get("ror")) if rec is not None and rec.values.get("ror") else None
    if stated and stated != link["ror"] and rec is not None:
        out.findings.append(_problem(rec, "ror", f"the ROR record matched through the MOE code is {link['ror']}; the record says {stated} (both kept)", "reference/differs", "warning", stated))
    add(node, SCHEMA.sameAs, URIRef(link["ror"]))
    if link["wikidata"]:
        add(node, SCHEMA.sameAs, WD[link["wikidata"]])
    if link["match"] != "zh-2025":
        for name in _multi(link["name.en"]):
            add(node, SKOS.altLabel, Literal(name, lang="en"))
    for acronym in _multi(link["acronyms"]):
        add(node, CHEIKG.acronym, Literal(acronym))
    for lang, names in sorted(_names(link, "alt_names").items()):
        for name in names:
            add(node, SKOS.altLabel, Literal(name, lang=lang.lower()))
    if link["homepage"]:
        add(node, FOAF.homepage, URIRef(link["homepage"]))


# ---------------------------------------------------------------- index


def record_keys(rec: Record) -> list[Key]:
    """The keys a curated record names its entity by."""
    keys: list[Key] = []
    for field_name, how in (("name", "name"), ("title", "name"), ("alt_names", "alias")):
        value = rec.values.get(field_name)
        if isinstance(value, dict):
            for lang in sorted(value, key=lambda lang: (lang != "en", lang)):
                keys += [(how, v) for v in value[lang]]
    keys += [("acronym", a) for a in rec.values.get("acronyms") or []]  # type: ignore[union-attr]
    for field_name, how in (("moe_code", "moe-code"), ("ror", "ror"), ("wikidata", "wikidata"), ("division_code", "division-code"), ("country_code", "country-code")):
        if rec.values.get(field_name):
            keys.append((how, str(rec.values[field_name])))
    return keys


def reference_index(tables: Tables, claims: Claims) -> tuple[Index, dict[str, list[Key]]]:
    """Index entries of the reference entities no record claims, and the keys of the claimed ones by curated id."""
    every = tables.local.get("index")
    if every is None:
        every = tables.local["index"] = {
            rid: IndexEntry(e.kind, URIRef(f"{RES}{rid}"), e.path, e.line, e.names, keys=tuple(e.keys)) for rid, e in entries(tables).items()
        }
    claimed: dict[str, list[Key]] = {}
    for rid, rec in claims.records.items():
        entry = every.get(rid)  # type: ignore[union-attr]
        if entry is not None:
            claimed.setdefault(rec.id, []).extend([("reference-id", rid), *entry.keys])  # type: ignore[arg-type]
    taken = claims.records.keys() | claims.stored.keys()
    index = Index({rid: e for rid, e in every.items() if rid not in taken}, claimed={i: tuple(k) for i, k in claimed.items()},  # type: ignore[union-attr]
                  aliases=claims.aliases())
    return index, claimed


def attach_keys(index: Index, records: list[Record], claimed: dict[str, list[Key]]) -> None:
    """Give the curated entries of ``index`` their typed keys, and the keys of the reference entity each one is."""
    by_id = {r.id: r for r in records if r.id is not None}
    for rid, entry in index.entries.items():
        rec = by_id.get(rid)
        if rec is None or (entry.path, entry.line) != (rec.path, rec.line):
            continue
        keys = list(dict.fromkeys(record_keys(rec) + claimed.get(rid, [])))
        entry.keys = tuple(keys)
        entry.names = tuple(dict.fromkeys(entry.names + tuple(t for _, t in keys)))
    index.__dict__.pop("_resolver", None)  # keys changed: a resolver made before is stale
