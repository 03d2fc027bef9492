"""What a query of cheikg's own graph may do: read it, and nothing else.

A SPARQL query can name other hosts (``SERVICE <http://...> { }``), and the
Oxigraph engine calls them.  A query of the local graph never should: the
embedded store and the served endpoint both refuse SERVICE, decided here on
the *parsed* query, never on a pattern over its text.

Two parsers read a query, this check's (rdflib's SPARQL 1.1 parser) and the
engine's (Oxigraph's), so the text both are given is made unambiguous first:

- ``\\u``/``\\U`` escapes are decoded once, as SPARQL says they are before
  parsing, and the decoded text is what the engine runs; a text whose decoding
  still holds an escape is refused, as each parser would read it differently.
- Oxigraph ends a ``#`` comment at a carriage return, rdflib only at a line
  feed, so the parse this check makes sees every carriage return as a line
  feed.  Outside comments the two are the same whitespace, and neither may
  stand inside an IRI or a short string.

A query without the letters of ``service`` in any case cannot hold the
keyword, so only the others are parsed (rdflib's parser takes 20-200 ms).
An update never runs (``query`` parses queries only, and the stores are
opened read-only); ``is_update`` tells an update apart from a syntax error so
that it is refused as such.

Queries nested deeper than ``MAX_NESTING`` brackets are refused too: both
parsers recurse, and Oxigraph overflows its stack (a crash, not an error) a
few thousand levels down.
"""

from __future__ import annotations

import re
import sys
from contextlib import contextmanager

from .errors import QueryError

MAX_NESTING = 1000
SERVICE_REFUSED = "SERVICE (a federated query to another endpoint) is refused"
UPDATE_REFUSED = "SPARQL Update is refused: the graph is read-only"
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_ESCAPE_LEFT = re.compile(r"\\[uU][0-9A-Fa-f]{4}")
_PARSE_RECURSION = 100_000  # frames for rdflib's recursive parser, in a thread with a large stack (store.bounded)


class ServiceRefused(QueryError):
    """The query calls another endpoint (SERVICE)."""


class UpdateRefused(QueryError):
    """The text is a SPARQL Update, not a query."""


def checked(query: str) -> str:
    """The text to run for ``query`` (its escapes decoded), or ServiceRefused / QueryError saying why not."""
    text = decode_escapes(query)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as e:  # a lone surrogate: bytes that were not UTF-8, kept by Python's surrogateescape
        raise QueryError(f"character {e.start + 1} of the query is not text (bytes that are not UTF-8?); write the query in UTF-8") from None
    deepest = _nesting(text)
    if deepest > MAX_NESTING:
        raise QueryError(f"the query nests brackets {deepest} deep, more than the {MAX_NESTING} this graph accepts; write it flatter")
    if "service" in text.casefold():
        tree, stopped = _parse(text, update=False)
        if tree is None:
            if is_update(text):
                raise UpdateRefused(UPDATE_REFUSED)
            raise QueryError(f"the query is not valid SPARQL ({stopped}); check the syntax there")
        if _holds_service(tree):
            raise ServiceRefused(SERVICE_REFUSED)
    return text


def refusal(query: str) -> str | None:
    """Why the served endpoint refuses ``query`` (a SERVICE call), or None."""
    try:
        checked(query)
    except ServiceRefused:
        return SERVICE_REFUSED + " by this read-only endpoint"
    except QueryError:
        return None  # not a refusal: the engine reports what is wrong with it
    return None


def is_update(text: str) -> bool:
    """Whether ``text`` (as ``checked`` returned it) parses as a SPARQL Update."""
    return _parse(text, update=True)[0] is not None


def decode_escapes(query: str) -> str:
    r"""``query`` with its \u and \U escapes decoded once; QueryError when one is not a character or one is left."""

    def char(m: re.Match) -> str:
        code = int(m.group(1) or m.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise QueryError(f"the escape {m.group(0)} in the query is not a character; write the character itself")
        return chr(code)

    text = _ESCAPE.sub(char, query)
    left = _ESCAPE_LEFT.search(text)
    if left:
        raise QueryError(
            f"the query spells an escape with an escape ({left.group(0)} once the others are decoded), which SPARQL engines read differently; write the character itself"
        )
    return text


def _nesting(text: str) -> int:
    """The deepest nesting of ( { [ in ``text``, counting every bracket (so never less than the parsers see)."""
    if sum(text.count(c) for c in "({[") <= MAX_NESTING:
        return 0  # cannot be deeper than the count
    depth = deepest = 0
    for c in text:
        if c in "({[":
            depth += 1
            deepest = max(deepest, depth)
        elif c in ")}]" and depth:
            depth -= 1
    return deepest


@contextmanager
def _deep_recursion():
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, _PARSE_RECURSION))
    try:
        yield
    finally:
        sys.setrecursionlimit(old)


def _parse(text: str, *, update: bool) -> tuple[object | None, str]:
    """rdflib's parse of ``text`` (carriage returns read as line feeds, as Oxigraph ends comments), or None and where it stopped."""
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        with _deep_recursion():
            return (parseUpdate if update else parseQuery)(text.replace("\r", "\n")), ""
    except ParseBaseException as e:
        return None, f"line {e.lineno}, column {e.col}"
    except RecursionError:
        return None, "nested too deeply to read"
    except ValueError as e:
        return None, str(e)


def _holds_service(tree) -> bool:
    """Whether a SERVICE pattern stands anywhere in rdflib's parse tree (subqueries and EXISTS included)."""
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.term import Node

    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, (str, bytes, Node)):
            continue  # terms and strings hold no patterns (and a str iterates into itself)
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                return True
            stack.extend(node.values())
        elif isinstance(node, dict):
            stack.extend(node.values())
        elif hasattr(node, "__iter__"):
            stack.extend(node)
    return False
