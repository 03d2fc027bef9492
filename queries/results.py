"""Query answers, the same whichever engine produced them: rows of Python values, the RDF terms behind them.

An :class:`Answer` is a sequence of rows. Each row is a dict from column name to
a Python value (None where the variable is unbound):

=============================================  ==========================================
RDF term                                        Python value
=============================================  ==========================================
IRI                                             :class:`IRI` (a ``str``; ``.compact`` is ``res:jufe``)
blank node                                      :class:`BlankNode` (a ``str``)
``xsd:date``, ``xsd:gYearMonth``, ``xsd:gYear``  :class:`Date` (a ``datetime.date`` with ``.precision``)
``xsd:dateTime``                                ``datetime.datetime``
``xsd:integer`` and its subtypes                ``int``
``xsd:decimal``                                 ``decimal.Decimal``
``xsd:double``, ``xsd:float``                   ``float``
``xsd:boolean``                                 ``bool``
any other literal (text, language-tagged text,  ``str`` (its lexical form)
codes, a value not of its datatype)
=============================================  ==========================================

Dates keep their precision. The graph stores a date recorded to a month or a
year (``2025-11``, ``2025``) as the first day of that period, and the queries
answer its precision in the column right after it, named ``precision`` or
``...Precision`` (``start, precision``; ``end, endPrecision``). A :class:`Date`
is that first day, with
``precision`` "year", "month" or "day" taken from there (or from the datatype
of an ``xsd:gYear``/``xsd:gYearMonth``); ``str()`` prints it as recorded
(``2025-11``), and it compares, sorts and subtracts as the ``datetime.date`` it is.

``answer.terms`` holds the RDF terms themselves (lexical forms, datatypes,
language tags), which the CLI's formats print; ``answer.dataframe()`` gives a
pandas DataFrame with dtypes to match.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from cheikg.namespaces import PREFIXES

XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
XSD_BOOLEAN = XSD + "boolean"
# a boolean by its canonical form, from any lexical form an engine answers (Virtuoso answers 1 and 0)
TRUTH = {"1": "true", "0": "false", "true": "true", "false": "false"}
LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

_INTEGERS = {XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger", "nonPositiveInteger",
                                 "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte")}
_FLOATS = {XSD + "double", XSD + "float"}
_DATES = {XSD + "date": "day", XSD + "gYearMonth": "month", XSD + "gYear": "year"}
_DATE_FORM = re.compile(r"^(-?\d{4,})(?:-(\d{2}))?(?:-(\d{2}))?(?:Z|[+-]\d{2}:\d{2})?\Z")
_CODE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*\Z")
PRECISIONS = ("year", "month", "day")


class IRI(str):
    """An IRI in an answer: the full IRI as a ``str``, so it compares with and passes as text."""

    __slots__ = ()

    @property
    def compact(self) -> str:
        """The IRI in prefixed form when a dump prefix covers it (``res:jufe``), else the IRI."""
        return _compact(self)

    def __repr__(self) -> str:
        return f"IRI({str.__repr__(self)})"


class BlankNode(str):
    """A blank node's label in an answer (the graph has none of its own; a CONSTRUCT may make some)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"BlankNode({str.__repr__(self)})"


class Date(dt.date):
    """A date with the precision it was recorded to: the first day of its year or month when not "day".

    ``Date(2025, 11, 1, precision="month")`` is November 2025: ``str()`` gives
    ``2025-11``, ``isoformat()`` the day ``2025-11-01``; it compares and sorts
    as that day.
    """

    __slots__ = ("_precision",)

    def __new__(cls, year: int, month: int = 1, day: int = 1, precision: str = "day") -> Date:
        if precision not in PRECISIONS:
            raise ValueError(f"precision must be one of {', '.join(PRECISIONS)}, not {precision!r}")
        self = super().__new__(cls, year, month, day)
        self._precision = precision
        return self

    @property
    def precision(self) -> str:
        return self._precision

    def with_precision(self, precision: str) -> Date:
        return Date(self.year, self.month, self.day, precision)

    def __str__(self) -> str:
        if self._precision == "year":
            return f"{self.year:04d}"
        if self._precision == "month":
            return f"{self.year:04d}-{self.month:02d}"
        return self.isoformat()

    def __repr__(self) -> str:
        return f"Date({self.year}, {self.month}, {self.day}, precision={self._precision!r})"

    def __reduce__(self):
        return (Date, (self.year, self.month, self.day, self._precision))


Value = IRI | BlankNode | Date | dt.datetime | int | Decimal | float | bool | str


@dataclass(frozen=True)
class Term:
    """An RDF term in an answer: an IRI, a blank node or a literal."""

    kind: str  # "iri", "bnode" or "literal"
    value: str
    datatype: str | None = None
    lang: str | None = None

    def compact(self) -> str:
        """The IRI in prefixed form when a dump prefix covers it; a literal's text."""
        if self.kind == "iri":
            return _compact(self.value)
        if self.kind == "bnode":
            return f"_:{self.value}"
        return self.value

    def to_json(self) -> dict:
        """The SPARQL 1.1 JSON results form of the term."""
        if self.kind == "iri":
            return {"type": "uri", "value": self.value}
        if self.kind == "bnode":
            return {"type": "bnode", "value": self.value}
        out = {"type": "literal", "value": self.value}
        if self.lang:
            out["xml:lang"] = self.lang
        elif self.datatype and self.datatype != XSD_STRING:
            out["datatype"] = self.datatype
        return out

    @property
    def is_number(self) -> bool:
        return self.kind == "literal" and (self.datatype in _INTEGERS or self.datatype in _FLOATS or self.datatype == XSD + "decimal")

    def to_python(self) -> Value:
        """The term as a Python value (see the module's table); a literal not of its datatype stays text."""
        if self.kind == "iri":
            return IRI(self.value)
        if self.kind == "bnode":
            return BlankNode(self.value)
        d, text = self.datatype, self.value
        try:
            if d in _INTEGERS:
                return int(text.strip())
            if d == XSD + "decimal":
                return Decimal(text.strip())
            if d in _FLOATS:
                return float(text.strip().replace("INF", "inf"))
            if d == XSD + "boolean":
                if text.strip() in ("true", "1"):
                    return True
                if text.strip() in ("false", "0"):
                    return False
                return text
            if d in _DATES:
                return _date(text, _DATES[d])
            if d == XSD + "dateTime":
                return dt.datetime.fromisoformat(text.strip())
        except (ValueError, InvalidOperation):
            return text
        return text


def _compact(iri: str) -> str:
    for prefix, ns in _BY_LENGTH:
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def _date(text: str, precision: str) -> Date | str:
    m = _DATE_FORM.match(text.strip())
    if not m or (precision == "day" and m.group(3) is None) or (precision == "month" and (m.group(2) is None or m.group(3))):
        return text
    if precision == "year" and m.group(2):
        return text
    return Date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1), precision)


_BY_LENGTH = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))


@dataclass(frozen=True)
class Answer(Sequence):
    """A SELECT answer: a sequence of rows, each a dict of Python values by column (None where unbound).

    ``for row in answer``, ``answer[0]["memberLabel"]``, ``len(answer)``;
    ``answer.columns`` names the columns; ``answer.dataframe()`` is a pandas
    DataFrame; ``answer.terms`` holds the RDF terms (tuples in column order).
    """

    columns: tuple[str, ...]
    terms: tuple[tuple[Term | None, ...], ...]

    def __len__(self) -> int:
        return len(self.terms)

    def __getitem__(self, index):
        return self._rows[index]

    def __iter__(self) -> Iterator[dict[str, Value | None]]:
        return iter(self._rows)

    def __bool__(self) -> bool:
        return bool(self.terms)

    @functools.cached_property
    def _rows(self) -> list[dict[str, Value | None]]:
        precision_of = _precision_columns(self.columns)
        out = []
        for row in self.terms:
            values = {c: (t.to_python() if t is not None else None) for c, t in zip(self.columns, row)}
            for column, companion in precision_of.items():
                value, precision = values[column], values[companion]
                if isinstance(value, Date) and precision in PRECISIONS and precision != value.precision:
                    values[column] = value.with_precision(precision)
            out.append(values)
        return out

    def select(self, columns: Sequence[str]) -> Answer:
        """Only ``columns``, in that order (a KeyError names a column the answer does not have)."""
        at = []
        for c in columns:
            if c not in self.columns:
                raise KeyError(c)
            at.append(self.columns.index(c))
        return Answer(tuple(columns), tuple(tuple(row[i] for i in at) for row in self.terms))

    def head(self, n: int) -> Answer:
        """The first ``n`` rows."""
        return Answer(self.columns, self.terms[:n])

    def dataframe(self):
        """The answer as a pandas DataFrame, one column per answer column, with dtypes to match the values.

        Dates are ``datetime64[s]`` (a month- or year-precision date is the first day
        of its period; its precision stays in its precision column), booleans
        ``boolean``, integers ``Int64``, decimals and doubles ``Float64`` (all three
        nullable), columns of codes (``chair``, ``founding-member``: plain strings of
        lower-case words and hyphens) ``category``, IRIs and other text ``string``.
        Needs pandas (``pip install 'cheikg[pandas]'``).
        """
        try:
            import pandas as pd
        except ImportError:
            raise ImportError("Answer.dataframe() needs pandas: pip install 'cheikg[pandas]'") from None
        data = {}
        for i, column in enumerate(self.columns):
            terms = [row[i] for row in self.terms]
            values = [row[column] for row in self._rows]
            data[column] = pd.Series(values, dtype=_dtype(terms, values), name=column) if values else pd.Series([], dtype="object", name=column)
        return pd.DataFrame(data, columns=list(self.columns))

    # ---- deprecated: two other shapes of the same rows, kept for one release

    @property
    def rows(self) -> tuple[tuple[Term | None, ...], ...]:
        """Deprecated: ``answer.terms`` is the RDF terms; iterate the answer for rows of Python values."""
        warnings.warn("Answer.rows is deprecated: iterate the answer for rows of Python values, or use Answer.terms for the RDF terms",
                      DeprecationWarning, stacklevel=2)
        return self.terms

    def records(self) -> list[dict[str, str | None]]:
        """Deprecated: rows as dicts of text (IRIs in prefixed form); iterate the answer instead."""
        warnings.warn("Answer.records() is deprecated: iterate the answer for rows of Python values (IRI.compact gives the prefixed form)",
                      DeprecationWarning, stacklevel=2)
        return [{c: (t.compact() if t else None) for c, t in zip(self.columns, row)} for row in self.terms]


def _precision_columns(columns: tuple[str, ...]) -> dict[str, str]:
    """Date column -> the column holding its precision: a ``precision`` or ``...Precision`` column holds the
    precision of the column just before it (``start, precision``; ``end, endPrecision``; ``eventDate, eventPrecision``)."""
    return {columns[i - 1]: c for i, c in enumerate(columns) if i and (c == "precision" or c.endswith("Precision"))}


def _dtype(terms: list[Term | None], values: list) -> str:
    kinds = {type(v) for v in values if v is not None}
    if not kinds:
        return "object"
    if kinds <= {Date}:
        return "datetime64[s]"
    if kinds == {bool}:
        return "boolean"
    if kinds == {int}:
        return "Int64"
    if kinds <= {int, Decimal, float}:
        return "Float64"
    if kinds <= {str}:
        plain = all(t is None or (t.datatype in (None, XSD_STRING) and not t.lang) for t in terms)
        if plain and all(v is None or _CODE.match(v) for v in values):
            return "category"
        return "string"
    if kinds <= {IRI, BlankNode, str}:
        return "string"
    return "object"
