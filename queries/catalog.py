"""The query library: ``.rq`` files with a strict ``#+`` YAML header.

A header names the question (``summary``), explains it (``description``), may
group it (``tags``) and declares typed parameters (``params``), the answer
columns that join several values (``lists``) and those holding true or false
(``booleans``).

Why ``booleans`` is declared rather than left to the engine: Virtuoso 7
answers every boolean, whether computed (``EXISTS``, a comparison, ``BOUND``),
a constant (``true``, ``"true"^^xsd:boolean``) or stored, as the integer 1 or
0, so no query text makes every engine answer with booleans.  The runner turns
the 1 and 0 of a declared column into ``true`` and ``false``; the header also
tells a reader which columns are flags.  A ``lists`` column is plain text
(``xsd:string``) whatever the engine: Oxigraph keeps the language tag of a
``GROUP_CONCAT`` whose values share one, Virtuoso drops it.  The header is
parsed strictly: unknown keys, a missing summary, a parameter the query never
uses, a malformed type are errors, not warnings (grlc only warns).

Example header::

    #+ summary: Which institutions and persons chair which alliances
    #+ description: Chairs, rotating chairs and co-chairs, with their terms and sources.
    #+ tags: [alliances]
    #+ params:
    #+   - name: alliance
    #+     type: id
    #+     description: only this alliance (its id, such as jx-scoe-alliance)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from pathlib import Path

import yaml

from cheikg.errors import QueryError
from cheikg.resources import queries_dir

PARAM_TYPES = ("id", "iri", "string", "integer", "date", "boolean", "concept")
_HEADER_KEYS = {"summary", "description", "tags", "params", "lists", "booleans"}
LIST_SEPARATOR = " | "
_PARAM_KEYS = {"name", "type", "description", "required", "multi", "scheme", "default"}
_NAME = re.compile(r"^[a-z][a-z0-9_]*\Z")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    description: str
    required: bool = False
    multi: bool = False
    scheme: str | None = None  # for type concept: the concept scheme's notation
    default: object = None


@dataclass(frozen=True)
class Query:
    name: str
    summary: str
    description: str
    text: str  # the query without its header
    tags: tuple[str, ...] = ()
    params: tuple[Param, ...] = field(default_factory=tuple)
    origin: str = ""
    # answer columns that join several values with " | " (GROUP_CONCAT): the runner sorts the values
    # inside, since engines concatenate in whatever order their grouping met the rows
    lists: tuple[str, ...] = ()
    # answer columns holding true or false: the runner reads an engine's 1 and 0 (Virtuoso's) as such
    booleans: tuple[str, ...] = ()

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


def parse_query(name: str, source: str, origin: str = "") -> Query:
    """Parse one query file's text; raise QueryError naming the file and line."""
    where = origin or f"{name}.rq"
    header_lines: list[str] = []
    body_start = 0
    lines = source.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("#+"):
            header_lines.append(line[2:].removeprefix(" ") if line[2:3] == " " else line[2:])
            body_start = i + 1
        elif line.strip() == "" and not header_lines:
            continue
        else:
            break
    if not header_lines:
        raise QueryError(f"{where}:1: the query has no '#+' header; start it with '#+ summary: ...' and '#+ description: ...'")
    try:
        meta = yaml.safe_load("\n".join(header_lines))
    except yaml.YAMLError as e:
        line = getattr(getattr(e, "problem_mark", None), "line", 0) + 1
        raise QueryError(f"{where}:{line}: the '#+' header is not valid YAML: {getattr(e, 'problem', e)}") from None
    if not isinstance(meta, dict):
        raise QueryError(f"{where}:1: the '#+' header must be 'key: value' lines such as '#+ summary: ...'")
    unknown = sorted(set(meta) - _HEADER_KEYS)
    if unknown:
        raise QueryError(f"{where}: unknown header key '{unknown[0]}'; the keys are {', '.join(sorted(_HEADER_KEYS))}")
    for key in ("summary", "description"):
        if not isinstance(meta.get(key), str) or not meta[key].strip():
            raise QueryError(f"{where}: the header needs a '{key}' (one line of text)")
    tags = meta.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise QueryError(f"{where}: 'tags' must be a list of words, such as [alliances]")
    body = "\n".join(lines[body_start:]).strip() + "\n"
    params = tuple(_param(where, p, body) for p in (meta.get("params") or []))
    names = [p.name for p in params]
    if len(set(names)) != len(names):
        raise QueryError(f"{where}: a parameter is declared twice")
    if not re.search(r"\bWHERE\s*\{", body, re.IGNORECASE) and params:
        raise QueryError(f"{where}: a query with parameters needs a 'WHERE {{' clause to bind them in")
    lists = meta.get("lists") or []
    if not isinstance(lists, list) or not all(isinstance(c, str) for c in lists):
        raise QueryError(f"{where}: 'lists' must be a list of answer columns, such as [parties, sources]")
    for column in lists:
        if not re.search(rf"\bAS\s+\?{re.escape(column)}\b", body):
            raise QueryError(f"{where}: the list column '{column}' is not made by the query; name a variable it binds with '... AS ?{column}'")
    booleans = meta.get("booleans") or []
    if not isinstance(booleans, list) or not all(isinstance(c, str) for c in booleans):
        raise QueryError(f"{where}: 'booleans' must be a list of answer columns, such as [inferred]")
    for column in booleans:
        if not re.search(rf"\?{re.escape(column)}\b", body):
            raise QueryError(f"{where}: the boolean column '{column}' is not in the query; name a variable it answers")
    return Query(name, meta["summary"].strip(), meta["description"].strip(), body, tuple(tags), params, where, tuple(lists), tuple(booleans))


def _param(where: str, raw: object, body: str) -> Param:
    if not isinstance(raw, dict) or "name" not in raw or "type" not in raw:
        raise QueryError(f"{where}: each parameter needs at least 'name' and 'type'")
    unknown = sorted(set(raw) - _PARAM_KEYS)
    if unknown:
        raise QueryError(f"{where}: parameter '{raw['name']}' has unknown key '{unknown[0]}'; the keys are {', '.join(sorted(_PARAM_KEYS))}")
    name, typ = raw["name"], raw["type"]
    if not isinstance(name, str) or not _NAME.match(name):
        raise QueryError(f"{where}: '{name}' is not a parameter name; use lower case letters, digits and _")
    if typ not in PARAM_TYPES:
        raise QueryError(f"{where}: parameter '{name}' has type '{typ}'; the types are {', '.join(PARAM_TYPES)}")
    if typ == "concept" and not isinstance(raw.get("scheme"), str):
        raise QueryError(f"{where}: parameter '{name}' of type concept needs a 'scheme'")
    if not re.search(rf"[?$]{name}\b", body):
        raise QueryError(f"{where}: parameter '{name}' is declared but the query never uses ?{name}")
    if not isinstance(raw.get("description", ""), str) or not raw.get("description"):
        raise QueryError(f"{where}: parameter '{name}' needs a 'description'")
    for flag in ("required", "multi"):
        if not isinstance(raw.get(flag, False), bool):
            raise QueryError(f"{where}: '{flag}' of parameter '{name}' must be true or false")
    return Param(name, typ, raw["description"], raw.get("required", False), raw.get("multi", False), raw.get("scheme"), raw.get("default"))


def _folder_queries(folder: Traversable) -> dict[str, Query]:
    out = {}
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".rq"):
            name = item.name[:-3]
            out[name] = parse_query(name, item.read_text(encoding="utf-8"), f"queries/{item.name}")
    return out


_LIBRARY: dict[str, Query] | None = None


def library() -> dict[str, Query]:
    """Every query shipped with cheikg, by name."""
    global _LIBRARY
    if _LIBRARY is None:
        _LIBRARY = _folder_queries(queries_dir())
    return _LIBRARY


def get(name: str) -> Query:
    queries = library()
    if name not in queries:
        import difflib

        close = difflib.get_close_matches(name, list(queries), n=3)
        hint = f" Did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        raise QueryError(f"no query is named '{name}'.{hint} `cheikg query --list` shows them all")
    return queries[name]


def from_file(path: Path) -> Query:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise QueryError(f"{path}: cannot be read: {e}") from None
    if text.lstrip().startswith("#+"):
        return parse_query(path.stem, text, str(path))
    return adhoc(text, str(path))


def adhoc(text: str, origin: str = "--sparql") -> Query:
    """A query without a header (from --sparql or a plain .rq file): no parameters."""
    return Query("adhoc", "ad-hoc query", "", text, (), (), origin)
