"""Commented record templates, generated from the record schema (so they never drift from it)."""

from __future__ import annotations

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


def _lines(fields: tuple[Field, ...], indent: str, first_dash: bool, kind: str = "") -> list[str]:
    out = []
    dash = first_dash
    for f in fields:
        if f.name in ("sources",):
            continue
        lead = indent[:-2] + "- " if dash else indent
        dash = False
        req = "required" if f.required else "optional"
        extra = f" (a code of the {f.scheme} vocabulary: cheikg vocab {f.scheme})" if f.type == schema.VOCAB else f" (id of: {', '.join(f.kinds)})" if f.type == schema.REF else ""
        if f.type == schema.OBJECTS:
            out.append(f"{lead}{f.name}:  # {req}: {f.help}")
            out += _lines(f.fields, indent + "    ", True)
            continue
        comment = "" if f.required else "# "
        value = f"new-{kind}" if f.type == schema.ID else _value(f)
        out.append(f"{lead}{comment}{f.name}: {value}  # {req}: {f.help}{extra}")
    return out


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
