"""Commented record templates, generated from the record schema (so they never drift from it)."""

from __future__ import annotations

from dataclasses import dataclass

from cheikg.loaders import schema
from cheikg.loaders.schema import Field, Kind


def _value(f: Field) -> str:
    if f.example:
        return f.example
    return {
        schema.ID: "my-id",
        schema.NAMES: "{en: ..., zh: ...}",
        schema.DATE: "2025-11-18",
        schema.INT: "1",
        schema.BOOL: "false",
        schema.URL: "https://...",
        schema.REF: "[id, ...]" if f.multi else "some-id",
        schema.VOCAB: "code",
        schema.TEXTS: "[...]",
    }.get(f.type, "...")


@dataclass(frozen=True)
class Commented:
    """A preset shown commented out: an optional field a composite template suggests (a themed institute's theme)."""

    value: object


def _commented_out(line: str) -> str:
    body = line.lstrip(" ")
    return line if body.startswith("#") else f"{line[:len(line) - len(body)]}# {body}"


def _lines(fields: tuple[Field, ...], indent: str, first_dash: bool, kind: str = "", preset: dict[str, object] | None = None) -> list[str]:
    """One commented line per field; a field in ``preset`` is written with that value, uncommented unless the value
    is Commented (a nested field's preset is a list of presets, one entry each)."""
    out = []
    dash = first_dash
    for f in fields:
        if f.name in ("sources",) or (preset is not None and f.name not in preset and (f.name in _SHOWN_WHEN_PRESET or f.type == schema.OBJECTS)):
            continue
        lead = indent[:-2] + "- " if dash else indent
        dash = False
        req = "required" if f.required else "optional"
        extra = f" (a code of the {f.scheme} vocabulary: cheikg vocab {f.scheme})" if f.type == schema.VOCAB else f" (id of: {', '.join(f.kinds)})" if f.type == schema.REF else ""
        given = (preset or {}).get(f.name)
        suggested = isinstance(given, Commented)
        if suggested:
            given = given.value
        if f.type == schema.OBJECTS:
            block = [f"{lead}{f.name}:  # {req}: {f.help}"]
            for entry in given if isinstance(given, list) else [None]:
                block += _lines(f.fields, indent + "    ", True, preset=entry)
            out += [_commented_out(line) for line in block] if suggested else block
            continue
        comment = "" if (f.required or given is not None) and not suggested else "# "
        value = given if given is not None else f"new-{kind}" if f.type == schema.ID else _value(f)
        out.append(f"{lead}{comment}{f.name}: {value}  # {req}: {f.help}{extra}")
    return out


# fields a composite template leaves out unless it presets them (they are rarely given with it)
_SHOWN_WHEN_PRESET = ("disputes", "corrects", "inferred", "note", "alt_names", "acronyms", "moe_code", "reference", "ror", "wikidata",
                      "homepage", "former_names", "planned_names", "description", "legal_personality", "foreign_partner", "co_built_by",
                      "guided_by", "founded", "place", "held_at", "part_of", "theme", "ordinal", "supported_by", "attendance",
                      "end", "signed_at", "duration", "signed_in", "status", "launched_by", "launched_at", "on_behalf_of",
                      "speech_title", "approximation", "organization_type", "program_type", "country", "qualifier", "signatory")


def template(kind: Kind) -> str:
    head = [
        f"# A{'n' if kind.name[0] in 'aeiou' else ''} {kind.name} record. {kind.help}",
        "# Fill in the values, uncomment the optional fields you need, then run",
        "#   cheikg validate THIS-FILE.yaml",
        "# Coded values: `cheikg vocab` lists the vocabularies, `cheikg vocab SCHEME` their codes; dates are 2025, 2025-11 or 2025-11-18.",
        "# To add to a stored record (another source, names, a field it leaves out), write a record with its id giving only that.",
        f"{kind.plural}:",
    ]
    return "\n".join(head + _lines(kind.fields, "    ", True, kind.name)) + "\n"


# Templates of a thing several records state together: each record of its kind with the fields it needs preset.
_CITED = {"source": "some-source-id", "quote": '"the sentence of the article that states it"'}
COMPOSITES: dict[str, tuple[str, tuple[tuple[str, dict[str, object]], ...]]] = {
    "confucius-institute": (
        "A Confucius Institute (or, with type confucius-classroom, a Confucius Classroom): the institute, the events about it "
        "(approval, licensing, inauguration; operation-start and closure when the source states them) and the agreement "
        "that establishes it. Delete the records the source does not state.",
        (
            ("organization", {"id": "ci-host-university", "name": "{en: Confucius Institute at ..., zh: ...孔子学院}",
                              "type": "confucius-institute", "country": "xx", "parent": "host-university-id",
                              "chinese_partner": "[chinese-partner-university-id]", "theme": Commented("{en: Tourism, zh: 旅游}"),
                              "stated_counts": Commented([{"count": "746", "qualifier": "students enrolled", "as_of": "2014", **_CITED},
                                                          {"count": "1", "organization_type": "confucius-classroom", **_CITED}]),
                              **_CITED}),
            ("event", {"id": "ci-host-university-approval", "name": "{en: Approval of the Confucius Institute at ...}", "type": "approval",
                       "date": "2010-07-04", "organizer": "[approving-body-id]", "about": "[ci-host-university]", **_CITED}),
            ("event", {"id": "ci-host-university-licensing", "name": "{en: Licensing of the Confucius Institute at ...}", "type": "licensing",
                       "date": "2017-12-12", "about": "[ci-host-university]",
                       "participants": [{"agent": "licensing-person-id", "role": "licensor", **_CITED}], **_CITED}),
            ("event", {"id": "ci-host-university-inauguration", "name": "{en: Inauguration of the Confucius Institute at ...}",
                       "type": "inauguration-ceremony", "date": "2012-03-07", "about": "[ci-host-university]", **_CITED}),
            ("agreement", {"id": "ci-host-university-agreement", "title": "{en: ...}", "type": "confucius-institute-agreement",
                           "date": "2012-02-17", "parties": [{"party": "approving-body-id"}, {"party": "host-university-id"}],
                           "establishes": "ci-host-university", **_CITED}),
        ),
    ),
    "programme-approval": (
        "An approval of Sino-foreign cooperative education programmes in a batch: the approval with the numbers it states "
        "(one entry per number: the total, those of one country ...) and the programmes it names, each with its Chinese "
        "party (about) and foreign party.",
        (
            ("event", {"id": "moe-joint-programme-approval-2020-h1", "name": "{en: ...}", "type": "approval", "date": "2020",
                       "end": "2020-06", "organizer": "[moe]", "about": "[programme-id]",
                       "stated_counts": [{"count": "32", "program_type": "cooperative-education-program", "qualifier": "...", **_CITED},
                                         {"count": "4", "program_type": "cooperative-education-program", "country": "[gb]",
                                          "qualifier": "...", **_CITED}], **_CITED}),
            ("program", {"id": "programme-id", "name": "{en: ...}", "type": "cooperative-education-program",
                         "about": "chinese-university-id", "foreign_partner": "[foreign-university-id]", "description": "{en: ...}", **_CITED}),
        ),
    ),
}


def composite_template(name: str) -> str:
    """The template of a thing several records state together (COMPOSITES), its records grouped by kind."""
    help_text, records = COMPOSITES[name]
    head = [
        f"# {help_text}",
        "# Fill in the values (the ids are examples: write the ids `cheikg resolve` gives), then run",
        "#   cheikg validate THIS-FILE.yaml",
        "# Coded values: `cheikg vocab SCHEME` lists them; dates are 2025, 2025-11 or 2025-11-18.",
    ]
    body: list[str] = []
    for plural in dict.fromkeys(schema.BY_NAME[kind].plural for kind, _ in records):
        body.append(f"{plural}:")
        for kind, preset in records:
            if schema.BY_NAME[kind].plural == plural:
                body += _lines(schema.BY_NAME[kind].fields, "    ", True, kind, preset)
    return "\n".join(head + body) + "\n"
