"""Safe parameter binding: values become RDF terms in a VALUES block, never raw text.

The bound query is plain SPARQL 1.1 text, the same for the embedded store and
for any remote endpoint: ``VALUES (?a ?b) { (<iri> "text") }`` is inserted at
the start of the query's outermost WHERE group, so FILTERs in that group see
the values.  Each value is checked against its declared type and serialised by
us: an IRI with a character that could end it is refused, a string has every
quote, backslash and line break escaped, and a string holding a ``\\u``
escape is refused because some engines decode those before parsing.
"""

from __future__ import annotations

import re
import unicodedata

from cheikg.errors import QueryError
from cheikg.findings import shown
from cheikg.loaders.dates import DateError, parse_date
from cheikg.namespaces import RES, VOCAB

from .catalog import Param, Query

_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f-\x9f]')
# matched whole (fullmatch): '$' also matches before a final newline, which would put "id\n" into the query text
_ID = re.compile(r"[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?")
_CONCEPT = re.compile(r"[a-z0-9-]+")
_INTEGER = re.compile(r"[+-]?[0-9]+")
_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")
# the engines hold xsd:integer in 64 bits; a longer number would not compare as written
_INTEGER_RANGE = (-(2**63), 2**63 - 1)


def serialize_value(param: Param, raw: str) -> str:
    """One user value as a SPARQL term, or QueryError saying why it is refused."""
    t = param.type
    if t == "id":
        if _ID.fullmatch(raw):
            return f"<{RES}{raw}>"
        return _iri(param, raw)
    if t == "iri":
        return _iri(param, raw)
    if t == "concept":
        if not _CONCEPT.fullmatch(raw):
            raise QueryError(f"parameter '{param.name}': '{shown(raw)}' is not a code of the {param.scheme} vocabulary")
        return f"<{VOCAB}{param.scheme}/{raw}>"
    if t == "integer":
        digits = raw.strip()
        if not _INTEGER.fullmatch(digits):
            raise QueryError(f"parameter '{param.name}' must be a whole number, not '{shown(raw)}'")
        low, high = _INTEGER_RANGE
        if len(digits.lstrip("+-")) > 19 or not low <= int(digits) <= high:
            raise QueryError(f"parameter '{param.name}' must be a whole number between {low:,} and {high:,}, not one of {len(digits.lstrip('+-')):,} digits")
        return str(int(digits))
    if t == "boolean":
        if raw.lower() not in ("true", "false"):
            raise QueryError(f"parameter '{param.name}' must be true or false, not '{shown(raw)}'")
        return raw.lower()
    if t == "date":
        try:
            date = parse_date(raw)
        except DateError as e:
            raise QueryError(f"parameter '{param.name}': {e}") from None
        return f'"{date.iso}"^^<http://www.w3.org/2001/XMLSchema#date>'
    return _string(param, raw)


def _iri(param: Param, raw: str) -> str:
    if not _SCHEME.match(raw) or _IRI_FORBIDDEN.search(raw):
        raise QueryError(
            f"parameter '{param.name}': '{shown(raw)}' is not an IRI or a record id; an IRI has a scheme (https:) and no spaces, line breaks, quotes or <>{{}}|^`\\ characters"
        )
    return f"<{raw}>"


def _string(param: Param, raw: str) -> str:
    if re.search(r"\\[uU]", raw):
        raise QueryError(f"parameter '{param.name}': a backslash followed by 'u' is refused, since SPARQL engines may read it as a character escape")
    text = unicodedata.normalize("NFC", raw)
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    )
    escaped = "".join(c if c >= " " else f"\\u{ord(c):04X}" for c in escaped)
    return f'"{escaped}"'


def bind(query: Query, values: dict[str, list[str]]) -> str:
    """The final query text with ``values`` bound; unknown or missing parameters are errors."""
    for name in values:
        if query.param(name) is None:
            known = ", ".join(p.name for p in query.params) or "none"
            raise QueryError(f"query '{query.name}' has no parameter '{name}'; its parameters: {known}")
    rows: list[tuple[str, list[str]]] = []
    for param in query.params:
        given = values.get(param.name)
        if not given and param.default is not None:
            given = [str(param.default)]
        if not given:
            if param.required:
                raise QueryError(f"query '{query.name}' needs --param {param.name}=VALUE ({param.description})")
            continue
        if len(given) > 1 and not param.multi:
            raise QueryError(f"parameter '{param.name}' takes one value; it was given {len(given)}")
        rows.append((param.name, [serialize_value(param, v) for v in given]))
    if not rows:
        return query.text
    clauses = []
    for name, terms in rows:
        clauses.append(f"VALUES ?{name} {{ {' '.join(terms)} }}")
    return _insert_after_where(query.text, " ".join(clauses))


def _insert_after_where(text: str, clause: str) -> str:
    """Insert ``clause`` after the '{' that opens the outermost WHERE group (outside strings, IRIs, comments)."""
    pos = _find_where_brace(text)
    if pos < 0:
        raise QueryError("the query has no WHERE { ... } group to bind parameters in")
    return text[: pos + 1] + "\n  " + clause + "\n" + text[pos + 1 :]


_TOKEN = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r"|<[^<>\"{}|^`\\\s]*>|#[^\n]*|(?<![?$\w])WHERE\b|\{|[^\"'<#{W]+|.",
    re.IGNORECASE | re.DOTALL,
)


def _find_where_brace(text: str) -> int:
    seen_where = False
    for m in _TOKEN.finditer(text):
        tok = m.group(0)
        if tok.upper() == "WHERE":
            seen_where = True
        elif tok == "{" and seen_where:
            return m.start()
    return -1
