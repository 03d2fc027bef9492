"""Query answers as plain values, the same whichever engine produced them."""

from __future__ import annotations

from dataclasses import dataclass

from cheikg.namespaces import PREFIXES

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


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
            for prefix, ns in _BY_LENGTH:
                if self.value.startswith(ns) and len(self.value) > len(ns):
                    return f"{prefix}:{self.value[len(ns):]}"
            return self.value
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


_BY_LENGTH = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))


@dataclass(frozen=True)
class Answer:
    """A SELECT answer: column names and rows (None where a variable is unbound)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Term | None, ...], ...]

    def records(self) -> list[dict[str, str | None]]:
        """Rows as dicts of plain strings (IRIs in prefixed form), handy in tests and notebooks."""
        return [{c: (t.compact() if t else None) for c, t in zip(self.columns, row)} for row in self.rows]
