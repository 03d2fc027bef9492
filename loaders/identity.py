"""When two records are the same: by content (a digest) and by what they state (a natural key).

Ingest uses both: a submitted record whose id is stored with the same digest
is already there (skipped); with another digest it conflicts; a record with a
new id but the natural key of a stored one (the same member, alliance, role
and start) states a fact the graph already holds under another id.
"""

from __future__ import annotations

import hashlib
import json

from .dates import Date
from .records import Citation, Record

# Fields that make two records of a kind the same fact, whatever their ids.
# Dotted names reach into nested records (every party of an agreement).
NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "membership": ("member", "organization", "role", "start"),
    "post": ("person", "organization", "jurisdiction", "role", "start"),
    "agreement": ("type", "date", "parties.party"),
}

# How a natural key's fields are described in messages.
KEY_WORDS = {"organization": "in", "parties.party": "parties"}


def canonical(value: object) -> object:
    """A JSON-able form of a parsed value, without positions: equal facts give equal forms."""
    if isinstance(value, Record):
        return {k: canonical(v) for k, v in sorted(value.values.items())}
    if isinstance(value, Date):
        return {"date": value.iso, "precision": value.precision, "inferred": sorted(value.inferred), "note": value.note}
    if isinstance(value, Citation):
        return {"source": value.source, "quote": value.quote}
    if isinstance(value, dict):
        return {str(k): canonical(v) for k, v in sorted(value.items())}
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    return value


def digest(rec: Record) -> str:
    """A digest of the record's kind and values (not of where it is written)."""
    kind = rec.kind.name if rec.kind else ""
    text = json.dumps([kind, canonical(rec)], ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _values(rec: Record, name: str) -> list[str]:
    head, _, rest = name.partition(".")
    value = rec.values.get(head)
    if rest:
        nested = value if isinstance(value, list) else []
        return sorted(v for item in nested if isinstance(item, Record) for v in _values(item, rest))
    if value is None:
        return []
    if isinstance(value, Date):
        return [value.iso[: {"year": 4, "month": 7}.get(value.precision, 10)]]
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def natural_key(rec: Record) -> str | None:
    """``kind|field=value|...`` for kinds that have one; an absent start is part of the key too."""
    fields = NATURAL_KEYS.get(rec.kind.name if rec.kind else "")
    if fields is None:
        return None
    parts = [rec.kind.name]  # type: ignore[union-attr]
    for name in fields:
        parts.append(f"{name}=" + "+".join(_values(rec, name)))
    return "|".join(parts)


def describe_key(key: str) -> str:
    """'membership|member=tyut|...' as words: 'member tyut, in shanxi-isea, role chair, start 2025-11-12'."""
    _kind, *parts = key.split("|")
    words = []
    for part in parts:
        name, _, value = part.partition("=")
        label = KEY_WORDS.get(name, name)
        words.append(f"{label} {value.replace('+', ', ') or '(none)'}")
    return ", ".join(words)
