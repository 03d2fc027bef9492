"""A finding: one thing wrong with the input, located in the source record."""

from __future__ import annotations

from dataclasses import dataclass

SEVERITIES = ("violation", "warning", "info")  # most severe first


@dataclass(frozen=True)
class Finding:
    """What is wrong, where: file, line and column, record id and field.

    ``rule`` names what found it: ``record/<check>`` for the record reader, or
    the IRI of the SHACL shape; ``focus`` is the IRI of the node concerned.
    """

    path: str
    line: int | None
    message: str
    record: str | None = None
    field: str | None = None
    column: int | None = None
    value: str | None = None
    severity: str = "violation"
    rule: str = ""
    focus: str | None = None

    def location(self) -> str:
        loc = self.path
        if self.line is not None:
            loc += f":{self.line}"
            if self.column is not None:
                loc += f":{self.column}"
        return loc

    def sort_key(self) -> tuple:
        return (
            self.path,
            self.line or 0,
            self.column or 0,
            self.record or "",
            self.field or "",
            SEVERITIES.index(self.severity),
            self.message,
        )

    def __str__(self) -> str:
        parts = [self.location()]
        if self.record:
            parts.append(f"record '{self.record}'")
        if self.field:
            parts.append(f"field '{self.field}'")
        return ": ".join(parts) + ": " + self.message


def shown(value: object, limit: int = 80) -> str:
    """A value as a message quotes it: line breaks as \\n, and cut short when long (a 5,000-digit number, a 140,000-character cell)."""
    text = str(value).replace("\n", "\\n")
    return text if len(text) <= limit else f"{text[:limit * 3 // 4]}... ({len(text):,} characters)"
