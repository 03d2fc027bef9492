"""Dates as the records state them: a day, a month or a year, with the parts the curators inferred."""

from __future__ import annotations

from dataclasses import dataclass

from . import terms as T
from .graph import Node, SiteGraph

_LENGTH = {"day": 10, "month": 7, "year": 4}
_UNIT_NAMES = {T.TIME + "unitYear": "year", T.TIME + "unitMonth": "month", T.TIME + "unitDay": "day"}
_ZH = {"year": "年", "month": "月", "day": "日"}


@dataclass(frozen=True)
class Date:
    value: str  # ISO, as stored (a month or a year is stored as its first day)
    precision: str  # day, month or year
    inferred: tuple[str, ...] = ()  # the parts the source does not print: year, month, day
    note: str = ""

    @property
    def text(self) -> str:
        """The date at its precision: 2025-11-18, 2025-11 or 2025."""
        return self.value[: _LENGTH.get(self.precision, 10)]

    @property
    def year(self) -> str:
        return self.value[:4]

    @property
    def inferred_text(self) -> str:
        return ", ".join(self.inferred)

    @property
    def inferred_zh(self) -> str:
        return "、".join(_ZH[p] for p in self.inferred if p in _ZH)


def instant(g: SiteGraph, iri: str) -> Date | None:
    """The date of a time:Instant record."""
    node = g.node(iri)
    if node is None:
        return None
    value = node.first(T.IN_XSD_DATE)
    if value is None:
        return None
    unit = node.first(T.DATE_PRECISION)
    precision = _UNIT_NAMES.get(unit.value, "day") if unit else "day"
    order = ("year", "month", "day")
    inferred = tuple(sorted({_UNIT_NAMES[t.value] for t in node.values(T.INFERRED_UNIT) if t.value in _UNIT_NAMES}, key=order.index))
    return Date(value.value, precision, inferred, node.text(T.NOTE))


def literal(value: str, datatype: str | None) -> Date:
    """A date stored as a literal (a source's publication date: xsd:date, gYearMonth or gYear)."""
    precision = T.LITERAL_PRECISION.get(datatype or "", "day")
    return Date(value, precision)


def of(g: SiteGraph, node: Node, prop: str) -> Date | None:
    """The date ``node`` holds under ``prop`` (an instant, a term's start or end, or a literal)."""
    if prop in (T.HAS_BEGINNING, T.HAS_END):
        for interval in node.iris(T.MEMBER_DURING):
            inner = g.node(interval)
            if inner is not None and inner.iris(prop):
                return instant(g, inner.iris(prop)[0])
        return None
    term = node.first(prop)
    if term is None:
        return None
    if term.kind == "iri":
        return instant(g, term.value)
    return literal(term.value, term.datatype)
