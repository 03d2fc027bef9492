"""Dates as the sources print them: a day, a month or a year, some parts inferred."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from cheikg.findings import shown

PRECISIONS = ("year", "month", "day")
# matched whole (fullmatch), in ASCII digits once NFKC has made full-width digits ASCII
_ISO = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", re.ASCII)
_CHINESE = re.compile(r"(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?", re.ASCII)
_HINT = "write YYYY-MM-DD, YYYY-MM or YYYY (for example 2025-11-18)"


class DateError(ValueError):
    """A value that is not a date; the message says how to write one."""


@dataclass(frozen=True)
class Date:
    """A date with its precision; ``iso`` is the first day of the period."""

    year: int
    month: int | None = None
    day: int | None = None
    inferred: tuple[str, ...] = ()  # the parts the curator inferred: year, month, day
    note: str | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def iso(self) -> str:
        return f"{self.year:04d}-{self.month or 1:02d}-{self.day or 1:02d}"

    @property
    def as_stated(self) -> str:
        if self.day:
            return self.iso
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def as_date(self) -> dt.date:
        return dt.date.fromisoformat(self.iso)


def parse_date(value: object) -> Date:
    """Read a scalar date (``2025``, ``"2025-11"``, ``2025-11-18``); raise DateError.

    Full-width digits and the Chinese form 2025年11月18日 are normalised; an Excel
    serial number or any other form is refused.
    """
    if isinstance(value, bool):
        raise DateError(f"'{value}' is not a date; {_HINT}")
    if isinstance(value, dt.datetime):
        raise DateError(f"'{value}' has a time of day; {_HINT}")
    if isinstance(value, dt.date):
        return Date(value.year, value.month, value.day)
    if isinstance(value, int):
        if 1000 <= value <= 2999:
            return Date(value)
        if 20000 <= value <= 80000:
            raise DateError(f"'{value}' looks like an Excel serial day number, not a date; {_HINT}")
        raise DateError(f"'{shown(value)}' is not a date; {_HINT}")
    if isinstance(value, float):
        raise DateError(f"'{value}' is not a date; {_HINT}")
    if not isinstance(value, str):
        what = "a list" if isinstance(value, list) else "a mapping" if isinstance(value, dict) else "that"
        raise DateError(f"a date must be a single value, not {what}; {_HINT}")
    text = unicodedata.normalize("NFKC", value).strip()
    m = _ISO.fullmatch(text) or _CHINESE.fullmatch(text)
    if not m:
        if text.isascii() and text.isdigit() and len(text) == 5 and 20000 <= int(text) <= 80000:
            raise DateError(f"'{value}' looks like an Excel serial day number, not a date; {_HINT}")
        raise DateError(f"'{shown(value)}' is not a date; {_HINT}")
    year, month, day = (int(g) if g else None for g in m.groups())
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"'{value}' is not a real date: there is no month {month}; {_HINT}")
    if day is not None:
        try:
            dt.date(year, month, day)
        except ValueError:
            raise DateError(f"'{value}' is not a real date: month {month} of {year} has no day {day}; {_HINT}") from None
    return Date(year, month, day)
