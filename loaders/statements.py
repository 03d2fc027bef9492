"""Records that share an id are statements about one entity, merged before the graph is made.

To add to a stored record, a curator writes a record with its id that gives only
what is new: another source and its quote, an alternative name, a founding date
the stored record leaves out. Every record with that id is a *statement* about
the entity, and the entity is their union: lists (alternative names, acronyms,
participants, citations) are joined. A field with one value may be given by
several statements only with the same value, unless one of them lists the field
under ``disputes`` (its value is kept beside the other, as a disputed statement
with its source) or ``corrects`` (its value replaces the other's, which is kept
as superseded). No statement comes first: the entity does not depend on the
order of the files, so a submission validated against the stored records and a
build of both give the same graph.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from cheikg.findings import Finding

from . import schema
from .dates import Date
from .identity import canonical, digest
from .records import Citation, Record

# fields that hold one value per statement but are joined, not compared: an editorial note per statement
JOINED_TEXT = ("note",)
NOT_MERGED = ("id", *schema.AMENDING)
ALREADY_STORED = "record/already-stored"


@dataclass(frozen=True)
class SetAside:
    """A value a statement gives that the entity does not take: disputed by it, or superseded by a correction."""

    field: str
    lang: str | None  # names: the language of the value set aside
    statement: Record
    how: str  # "disputed" or "superseded"
    by: Record | None = None  # superseded: the statement that corrects it


@dataclass
class Entity:
    """One entity: its merged record and the statements it was made from (one, mostly)."""

    record: Record
    statements: list[Record]
    set_aside: list[SetAside] = field(default_factory=list)

    @property
    def merged(self) -> bool:
        return len(self.statements) > 1


@dataclass
class Merged:
    """Records grouped into entities, and what merging them found."""

    entities: list[Entity]
    findings: list[Finding] = field(default_factory=list)
    skipped: list[Record] = field(default_factory=list)  # records restating a stored (or earlier) statement identically
    stored: set[int] = field(default_factory=set)  # id() of the statements read from the stored records

    def adds(self, rec: Record) -> list[str]:
        """What a statement about a stored record adds to it, by field: what no stored statement gives."""
        entity = next((e for e in self.entities if any(s is rec for s in e.statements)), None)
        if entity is None:
            return []
        before = [s for s in entity.statements if id(s) in self.stored]
        out = []
        for name, value in rec.values.items():
            if name in ("inferred", "note"):
                continue
            if name in schema.AMENDING:
                out.append(name)
                continue
            given = [s.values[name] for s in before if name in s.values]
            if name == "sources":
                known = {(c.source, c.quote) for v in given for c in v}  # type: ignore[attr-defined]
                if any((c.source, c.quote) not in known for c in value):  # type: ignore[attr-defined]
                    out.append("sources")
            elif isinstance(value, dict):
                if any(t not in (g.get(lang) or []) for g in given or [{}] for lang, texts in value.items() for t in texts):  # type: ignore[union-attr]
                    out.append(name)
            elif isinstance(value, list):
                seen = [repr(canonical(x)) for g in given for x in g]  # type: ignore[union-attr]
                if any(repr(canonical(x)) not in seen for x in value):
                    out.append(name)
            elif not any(_same(g) == _same(value) for g in given):
                out.append(name)
        return out

    @property
    def records(self) -> list[Record]:
        return [e.record for e in self.entities]

    def present(self) -> set[tuple[str, str]]:
        """(id, field) of every field some statement of an entity gives: a required field one statement leaves out is met by another."""
        return {(e.record.id, name) for e in self.entities if e.record.id for name in e.record.values} | {
            (e.record.id, "source") for e in self.entities if e.record.id and e.record.values.get("sources")
        }


def settle_required(findings: Iterable[Finding], merged: Merged) -> list[Finding]:
    """The reader's findings, without 'X is required' where another statement of the same record gives X."""
    present = merged.present()
    return [f for f in findings if not (f.rule == "record/required" and (f.record, f.field) in present)]


def merge_statements(records: Iterable[Record], stored: Iterable[Record] = (), stored_digests: dict[str, list[tuple[str, int, str]]] | None = None) -> Merged:
    """Group ``records`` by id and merge each group.

    ``stored``: records of the stored data with the ids of some of ``records``, read for context
    (validating a submission): they take part in the merge and are never reported on.
    ``stored_digests``: id -> (path, line, digest) of each stored statement (the build's index): a record
    restating one identically is skipped with an info.
    """
    stored = list(stored)
    stored_ids = {id(r) for r in stored}
    groups: dict[tuple[str, str], list[Record]] = {}
    order: list[tuple[str, str] | Record] = []
    out = Merged([], stored=stored_ids)
    seen_digests: dict[tuple[str, str], dict[str, Record]] = {}
    known = stored_digests or {}
    for rec in [*stored, *records]:
        if rec.kind is None or rec.id is None:
            continue
        key = (rec.id, rec.kind.name)
        dig = digest(rec)
        if id(rec) not in stored_ids:
            earlier = seen_digests.get(key, {}).get(dig)
            where = f"{earlier.path}:{earlier.line}" if earlier is not None else next(
                (f"{p}:{ln}" for p, ln, d in known.get(rec.id, ()) if d == dig), None)
            if where is not None:
                out.findings.append(Finding(rec.path, rec.line, f"already stored, identically, at {where}; ingest skips it",
                                            record=rec.id, column=rec.column, severity="info", rule=ALREADY_STORED))
                out.skipped.append(rec)
                continue
        seen_digests.setdefault(key, {})[dig] = rec
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(rec)
    for key in order:
        statements = groups[key]  # type: ignore[index]
        if len(statements) == 1:
            out.entities.append(Entity(statements[0], statements))
            continue
        record, set_aside, found = _merge(statements)
        out.entities.append(Entity(record, statements, set_aside))
        out.findings += found
    return out


# ---------------------------------------------------------------- merging


def _is_list(spec: schema.Field) -> bool:
    return spec.multi or spec.type in (schema.TEXTS, schema.OBJECTS, schema.SOURCES)


def _same(value: object) -> object:
    """What two values are compared by: a date by its day and precision, not how it was inferred."""
    if isinstance(value, Date):
        return (value.iso, value.precision)
    return repr(canonical(value))


def _shown(value: object) -> str:
    if isinstance(value, Date):
        return value.as_stated
    if isinstance(value, list) and len(value) == 1:
        return str(value[0])
    return str(value)


def _sources(rec: Record) -> str:
    cited = sorted({c.source for c in rec.values.get("sources") or []})  # type: ignore[union-attr]
    return f" ({', '.join(cited)})" if cited else ""


def _marks(rec: Record, kind: schema.Kind, findings: list[Finding]) -> tuple[set[str], set[str]]:
    """The fields a statement disputes and corrects; a name that cannot be disputed is reported."""
    out: list[set[str]] = []
    for how in schema.AMENDING:
        names = set()
        for name in rec.values.get(how) or []:  # type: ignore[union-attr]
            spec = kind.field(name)
            line, col = rec.position(how)
            if spec is None or name in NOT_MERGED or name in JOINED_TEXT or name in ("source", "quote", "sources", "inferred"):
                findings.append(Finding(rec.path, line, f"'{name}' is not a field of {kind.name} records with one value; '{how}' lists such fields",
                                        record=rec.id, field=how, column=col, rule="record/amend", value=name))
            elif _is_list(spec):
                findings.append(Finding(rec.path, line, f"'{name}' holds a list, which joins what every record with this id gives: there is nothing to {how[:-1]}; leave it out of '{how}'",
                                        record=rec.id, field=how, column=col, rule="record/amend", value=name))
            else:
                names.add(name)
        out.append(names)
    disputes, corrects = out
    for name in sorted(disputes & corrects):
        line, col = rec.position("corrects")
        findings.append(Finding(rec.path, line, f"'{name}' is listed under both 'disputes' and 'corrects'; keep it under one",
                                record=rec.id, field="corrects", column=col, rule="record/amend", value=name))
    return disputes - corrects, corrects - disputes


def _merge(statements: list[Record]) -> tuple[Record, list[SetAside], list[Finding]]:
    first = statements[0]
    kind = first.kind
    assert kind is not None
    findings: list[Finding] = []
    merged = Record(kind, first.fields, first.path, first.line, first.column, id=first.id)
    marks = {id(s): _marks(s, kind, findings) for s in statements}
    used: dict[int, set[str]] = {id(s): set() for s in statements}  # the marks that settled something
    set_aside: list[SetAside] = []

    def give(name: str, s: Record) -> None:
        """The merged record takes the field's position (and file) from statement ``s``."""
        for key in (name, "source", "quote") if name == "sources" else (name,):
            if key in s.positions:
                merged.positions.setdefault(key, s.positions[key])
                if s.path != merged.path:
                    merged.paths.setdefault(key, s.path)

    for spec in kind.fields:
        name = spec.name
        givers = [s for s in statements if name in s.values]
        if not givers or name in NOT_MERGED:
            continue
        for s in givers:
            give(name, s)
        if name in JOINED_TEXT:
            notes = list(dict.fromkeys(str(s.values[name]) for s in givers))
            merged.values[name] = notes[0] if len(notes) == 1 else notes
        elif spec.type == schema.SOURCES:
            cites: dict[tuple[str, str | None], Citation] = {}
            for s in givers:
                for c in s.values[name]:  # type: ignore[union-attr]
                    cites.setdefault((c.source, c.quote), replace(c, path=c.path or s.path))
            merged.values[name] = list(cites.values())
        elif spec.type == schema.OBJECTS:
            # entries of a list are joined; two statements' entries for the same thing (the same party, the same
            # agent in the same role, a count of the same role and number) are one entry with what each gives
            groups: dict[str, list[Record]] = {}
            for s in givers:
                for item in s.values[name]:  # type: ignore[union-attr]
                    keys = NESTED_KEYS.get(name)
                    key = repr(canonical(item) if keys is None else [canonical(item.values.get(k)) for k in keys])
                    group = groups.setdefault(key, [])
                    if all(repr(canonical(item)) != repr(canonical(other)) for other in group):
                        group.append(item)
            joined = []
            for group in groups.values():
                if len(group) == 1:
                    joined.append(group[0])
                else:
                    item, found = _merge_entries(group, spec)
                    joined.append(item)
                    findings += found
            merged.values[name] = joined
        elif spec.type == schema.NAMES and spec.multi:
            names: dict[str, list[str]] = {}
            for s in givers:
                for lang, texts in s.values[name].items():  # type: ignore[union-attr]
                    names.setdefault(lang, [])
                    names[lang] += [t for t in texts if t not in names[lang]]
            merged.values[name] = names
        elif _is_list(spec):
            merged.values[name] = list(dict.fromkeys(v for s in givers for v in s.values[name]))  # type: ignore[union-attr]
        elif spec.type == schema.NAMES:
            langs = sorted({lang for s in givers for lang in s.values[name]})  # type: ignore[union-attr]
            value: dict[str, list[str]] = {}
            for lang in langs:
                pairs = [(s, s.values[name][lang]) for s in givers if lang in s.values[name]]  # type: ignore[index,operator]
                chosen = _settle(name, lang, pairs, marks, used, set_aside, findings, kind)
                if chosen is not None:
                    value[lang] = chosen
            if value:
                merged.values[name] = value
        else:
            chosen = _settle(name, None, [(s, s.values[name]) for s in givers], marks, used, set_aside, findings, kind)
            if chosen is not None:
                merged.values[name] = chosen
    for s in statements:
        for how, names in zip(schema.AMENDING, marks[id(s)]):
            for name in sorted(names - used[id(s)]):
                line, col = s.position(how)
                findings.append(Finding(s.path, line, f"'{name}' is listed under '{how}', but no other record with the id '{s.id}' gives it otherwise: the value is taken as stated; leave it out of '{how}'",
                                        record=s.id, field=how, column=col, severity="warning", rule="record/amend", value=name))
    return merged, set_aside, findings


# what makes two entries of a list the same thing, by field: their other fields are joined
NESTED_KEYS = {
    "parties": ("party",), "participants": ("agent", "role"), "stated_counts": ("role", "count"),
    "attendance": ("role", "count"), "former_names": ("name",), "planned_names": ("name",),
}


def _merge_entries(entries: list[Record], spec: schema.Field) -> tuple[Record, list[Finding]]:
    """Entries of one list that are the same thing (a party, a participant, a count), given by several statements:
    one entry with the fields of each; a field given two values is reported; each keeps its citations."""
    first = entries[0]
    findings: list[Finding] = []
    out = Record(None, first.fields, first.path, first.line, first.column, parent=first.parent, prefix=first.prefix)
    for field_spec in spec.fields:
        name = field_spec.name
        givers = [e for e in entries if name in e.values]
        if not givers or name == "sources":
            continue
        g = givers[0]
        out.values[name] = g.values[name]
        out.positions[name] = g.position(name)
        if g.path != out.path:
            out.paths[name] = g.path
        for other in givers[1:]:
            if _same(other.values[name]) != _same(g.values[name]) and not _is_list(field_spec):
                line, col = other.position(name)
                findings.append(Finding(other.path, line, f"'{_shown(other.values[name])}' contradicts {g.path}:{g.position(name)[0]}, which gives "
                                        f"{other.prefix}{name} '{_shown(g.values[name])}' for the same entry; give one value (or a separate entry)",
                                        record=other.top.id, field=other.prefix + name, column=col, rule="record/conflict", value=_shown(other.values[name])))
            elif _is_list(field_spec):
                out.values[name] = list(dict.fromkeys([*out.values[name], *other.values[name]]))  # type: ignore[misc]
    # each entry's citations (its own, or those it inherits from its statement, without their quotes, which
    # belong to the statement) stay with the joined entry
    cites: dict[tuple[str, str | None], Citation] = {}
    for e in entries:
        own = e.values.get("sources") or []
        for c in own or [replace(c, quote=None) for c in (e.parent.citations() if e.parent else [])]:  # type: ignore[union-attr]
            cites.setdefault((c.source, c.quote), replace(c, path=c.path or e.path))
    if cites:
        out.values["sources"] = list(cites.values())
    for key in ("source", "quote", "sources"):
        if key in first.positions:
            out.positions[key] = first.positions[key]
    return out, findings


def _settle(name: str, lang: str | None, pairs: list[tuple[Record, object]], marks: dict[int, tuple[set[str], set[str]]],
            used: dict[int, set[str]], set_aside: list[SetAside], findings: list[Finding], kind: schema.Kind) -> object:
    """The value of a one-valued field (of one language, for names) several statements give."""
    if len({_same(v) for _s, v in pairs}) == 1:
        # the same value: from the statement that infers least of it
        return min(pairs, key=lambda p: len(p[1].inferred) if isinstance(p[1], Date) else 0)[1]
    disputing = [(s, v) for s, v in pairs if name in marks[id(s)][0]]
    correcting = [(s, v) for s, v in pairs if name in marks[id(s)][1]]
    standing = [(s, v) for s, v in pairs if name not in marks[id(s)][0]]
    what = f"{name} ({lang})" if lang else name
    if correcting:
        applied_s, applied = correcting[0]
        for s, v in correcting[1:]:
            if _same(v) != _same(applied):
                line, col = s.position(name)
                findings.append(Finding(s.path, line, f"'{what}' is corrected to '{_shown(v)}' here and to '{_shown(applied)}' at {applied_s.path}:{applied_s.position(name)[0]}; "
                                        "one record corrects a field: remove 'corrects' from one of them", record=s.id, field=name, column=col, rule="record/amend", value=_shown(v)))
        used[id(applied_s)].add(name)
        for s, v in pairs:
            if _same(v) != _same(applied):
                disputed = name in marks[id(s)][0]
                if disputed:
                    used[id(s)].add(name)
                set_aside.append(SetAside(name, lang, s, "disputed" if disputed else "superseded", None if disputed else applied_s))
        return applied
    values = list(dict.fromkeys(_same(v) for _s, v in standing))
    if not standing:
        s, v = pairs[-1]
        line, col = s.position(name)
        findings.append(Finding(s.path, line, f"every record with the id '{s.id}' disputes '{what}': one value must stand; remove '{name}' from 'disputes' in one of them",
                                record=s.id, field=name, column=col, rule="record/amend", value=_shown(v)))
        return pairs[0][1]
    applied_s, applied = standing[0]
    if len(values) > 1:
        s, v = next((s, v) for s, v in standing if _same(v) != _same(applied))
        line, col = s.position(name)
        alt = (f"; if it is another name of the same {kind.name}, put it under alt_names instead"
               if kind.field("alt_names") is not None and name == "name" else "")
        findings.append(Finding(
            s.path, line,
            f"'{_shown(v)}' contradicts the record '{s.id}' at {applied_s.path}:{applied_s.position(name)[0]}{_sources(applied_s)}, which gives {what} '{_shown(applied)}'. "
            f"A record has one {what}: to keep both with their sources (conflicting-facts lists them), add 'disputes: [{name}]' here; "
            f"if the value there is wrong, add 'corrects: [{name}]' and say why in 'note'{alt}; if this record is about another {kind.name}, give it another id",
            record=s.id, field=name, column=col, rule="record/conflict", value=_shown(v)))
        return applied
    for s, v in disputing:
        if _same(v) != _same(applied):
            used[id(s)].add(name)
            set_aside.append(SetAside(name, lang, s, "disputed"))
    return applied
