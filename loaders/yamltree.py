"""YAML text to dicts and lists that remember where each key, value and item was written.

Record files are read with libyaml (PyYAML's C parser, through ``compose``, whose
nodes carry their start marks): about fifteen times faster than ruamel's
pure-Python round-trip loader, which was half of a large build.  Scalars are
resolved by the YAML 1.2 core schema, as ruamel does, except that timestamps stay
text (a date is checked by our own rules, with our own messages).

Anything this fast path does not reproduce exactly as ruamel would (explicit tags,
merge keys, complex keys, duplicate keys, empty values, numbers other than plain
integers, and every syntax error) raises :class:`Fallback`; the caller then reads the text with
ruamel, whose behaviour and error messages stay the reference, and converts its
result with :func:`from_ruamel` to the same two types.

A record file is a few levels of plain values, so what YAML allows beyond that is
refused with its line (:class:`Refused`), on either path: nesting deeper than
``MAX_DEPTH``; aliases (``*name``) used more than ``MAX_ALIASES`` times or
repeating more than ``MAX_ALIAS_VALUES`` values in all (a "billion laughs" file
of a few hundred bytes would otherwise expand to gigabytes), or inside the
value they name; merge keys (``<<``), which hide a record's fields elsewhere;
tags other than the core schema's (``!!python/object`` ...); numbers of more
than ``MAX_DIGITS`` digits.
"""

from __future__ import annotations

import re

import yaml
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.scalarbool import ScalarBoolean

_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)  # BaseLoader: every plain scalar untagged
_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"

MAX_DEPTH = 50  # mappings and lists inside each other; a record file needs about six
MAX_ALIASES = 1_000  # uses of aliases (*name) in one file
MAX_ALIAS_VALUES = 10_000  # values repeated by aliases in one file, counting aliases inside aliases
MAX_DIGITS = 100  # a number no field takes, and past 4,300 digits one Python will not convert

_NULL = re.compile(r"(?:~|null|Null|NULL|)")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
# Plain scalars ruamel reads as numbers of other forms (YAML 1.2 ints and floats: 010, 0o17, 0x1f, 1_000, 1.5, .inf ...)
_OTHER_NUMBER = re.compile(
    r"(?:[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+"
    r"|[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+"
    r"|[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))"
)
# A tag ('!x', '!!str'), an anchor ('&x') or an alias ('*x') can only follow a blank, a line start or a flow
# or block indicator, and a merge key is '<<'. Candidates are found fast (a regular expression with the
# character before in it took a tenth of reading a large file), then judged by the character before them.
_CANDIDATE = re.compile(r"[!&*][^\s]|<<")
_INDICATOR_BEFORE = frozenset(" \t\r\n[{,:?-")
# the tags of the YAML 1.2 core schema: a record file may write them (!!str 2025), but no other
CORE_TAGS = frozenset(f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map"))


class Fallback(Exception):
    """The text needs ruamel: a syntax error, or a construct the fast path does not mimic."""


class Refused(Exception):
    """YAML that is valid but not read as records; ``line`` and ``column`` are 1-based."""

    def __init__(self, line: int | None, column: int | None, message: str):
        super().__init__(message)
        self.line = line
        self.column = column
        self.message = message


class Map(dict):
    """A mapping with ``positions[key] = (key line, key column, value line, value column)``, 0-based."""

    __slots__ = ("positions",)

    def __init__(self) -> None:
        super().__init__()
        self.positions: dict[object, tuple[int, int, int, int]] = {}


class Seq(list):
    """A sequence with ``positions[i] = (line, column)`` of each item, 0-based."""

    __slots__ = ("positions",)

    def __init__(self) -> None:
        super().__init__()
        self.positions: list[tuple[int, int]] = []


def load(text: str) -> object:
    """The document of ``text`` as Map, Seq and scalars; raises Fallback when ruamel must read it, Refused."""
    tagged = structured = False
    for m in _CANDIDATE.finditer(text):
        at = m.start()
        if text[at] == "<":
            structured = True
        elif at == 0 or text[at - 1] in _INDICATOR_BEFORE:
            tagged, structured = tagged or text[at] == "!", structured or text[at] != "!"
    if structured:
        check_structure(text)
    if tagged:
        raise Fallback("explicit tag")
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as e:
        raise Fallback(str(e)) from None
    except RecursionError:  # libyaml stops at 1,000 levels, Python before
        check_structure(text)
        raise Fallback("deep nesting") from None
    return None if node is None else _build(node, 0)


def _build(node: yaml.Node, depth: int) -> object:
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if depth == MAX_DEPTH:
        raise _too_deep(node.start_mark)
    if isinstance(node, yaml.SequenceNode):
        if node.tag != _SEQ:
            raise Fallback(node.tag)
        seq = Seq()
        for item in node.value:
            seq.append(_build(item, depth + 1))
            seq.positions.append((item.start_mark.line, item.start_mark.column))
        return seq
    if node.tag != _MAP:
        raise Fallback(node.tag)
    out = Map()
    for knode, vnode in node.value:
        if not isinstance(knode, yaml.ScalarNode):
            raise Fallback("complex key")
        if not knode.style and knode.value == "<<":
            raise _merge_key(knode.start_mark)
        key = _scalar(knode)
        if key in out.positions:
            raise Fallback("duplicate key")  # ruamel phrases it, with its position
        if isinstance(vnode, yaml.ScalarNode) and not vnode.style and vnode.value == "":
            raise Fallback("empty value")  # ruamel places it at the next token, libyaml after the colon
        out[key] = _build(vnode, depth + 1)
        out.positions[key] = (knode.start_mark.line, knode.start_mark.column, vnode.start_mark.line, vnode.start_mark.column)
    return out


def _scalar(node: yaml.ScalarNode) -> object:
    if node.tag != _STR:
        raise Fallback(node.tag)
    text = node.value
    if node.style:  # quoted, literal or folded: text as written (plain is None, or '' from libyaml)
        return text
    if _NULL.fullmatch(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.fullmatch(text):
        if len(text) > MAX_DIGITS:
            raise _long_number(node.start_mark, text)
        return int(text)
    if _OTHER_NUMBER.fullmatch(text):
        raise Fallback("number")
    return text


# ---------------------------------------------------------------- what is refused, with its line


def too_deep_message() -> str:
    return (f"the values are nested more than {MAX_DEPTH} levels deep; a record file needs a few levels "
            "(kind, record, field, list): check the brackets and indentation")


def long_number_message(text: str) -> str:
    return (f"a number of {len(text.lstrip('+-')):,} digits: no field takes a number this long (at most {MAX_DIGITS}); "
            "check the value, or put it in quotes if it is text")


_MERGE_KEY = "a merge key ('<<') is not read: write the fields out in each record, so that every record reads on its own"


def _too_deep(mark) -> Refused:
    return Refused(mark.line + 1, mark.column + 1, too_deep_message())


def _merge_key(mark) -> Refused:
    return Refused(mark.line + 1, mark.column + 1, _MERGE_KEY)


def _long_number(mark, text: str) -> Refused:
    return Refused(mark.line + 1, mark.column + 1, long_number_message(text))


def check_structure(text: str) -> None:
    """Refuse (with the line) aliases past the limits or inside what they name, merge keys and deep nesting.

    Reads libyaml's events, which come one by one whatever the nesting and with
    every alias where it is written (a composed document has lost where each alias
    was). A syntax error ends the check: the parser reports it.
    """
    sizes: dict[str, int] = {}  # anchor -> values it holds, aliases inside it expanded
    # open collections: [anchor, values so far, is a mapping, next scalar is a key]
    stack: list[list] = []
    aliases = repeated = 0
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            if isinstance(event, yaml.CollectionStartEvent):
                _take_slot(stack)
                if len(stack) == MAX_DEPTH:
                    raise _too_deep(event.start_mark)
                stack.append([event.anchor, 1, isinstance(event, yaml.MappingStartEvent), True])
            elif isinstance(event, yaml.CollectionEndEvent):
                anchor, count, _, _ = stack.pop()
                if anchor is not None:
                    sizes[anchor] = count
                if stack:
                    stack[-1][1] += count
            elif isinstance(event, yaml.ScalarEvent):
                is_key = _take_slot(stack)
                if is_key and event.implicit[0] and event.style is None and event.value == "<<":
                    raise _merge_key(event.start_mark)
                if event.anchor is not None:
                    sizes[event.anchor] = 1
                if stack:
                    stack[-1][1] += 1
            elif isinstance(event, yaml.AliasEvent):
                _take_slot(stack)
                mark = event.start_mark
                if any(frame[0] == event.anchor for frame in stack):
                    raise Refused(mark.line + 1, mark.column + 1,
                                  f"the alias '*{event.anchor}' is inside the value it names ('&{event.anchor}'): a value cannot contain itself; write the values out")
                count = sizes.get(event.anchor)
                if count is None:
                    return  # an undefined alias: the parser's error
                aliases += 1
                repeated += count
                if aliases > MAX_ALIASES or repeated > MAX_ALIAS_VALUES:
                    raise Refused(mark.line + 1, mark.column + 1,
                                  f"too many aliases: by this one ('*{event.anchor}') the file's aliases repeat {repeated:,} values in {aliases:,} uses, "
                                  f"more than the {MAX_ALIAS_VALUES:,} values or {MAX_ALIASES:,} uses a record file may have; write the values out")
                if stack:
                    stack[-1][1] += count
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        if "maximum nesting depth" in str(e) and mark is not None:  # libyaml stops at 1,000 levels, looking ahead
            raise _too_deep(mark) from None
        return  # a syntax error: the parser phrases it


def _take_slot(stack: list[list]) -> bool:
    """Whether the next node of the innermost collection is a mapping key; advances the key/value turn."""
    if not stack or not stack[-1][2]:
        return False
    frame = stack[-1]
    is_key = frame[3]
    frame[3] = not is_key
    return is_key


# ---------------------------------------------------------------- ruamel's result


def from_ruamel(value: object, text_length: int | None = None) -> object:
    """ruamel's round-trip result as Map, Seq and plain scalars, positions taken from its ``lc``.

    ruamel's own types (ScalarFloat, TaggedScalar, LiteralScalarString ...) become
    the plain Python values they stand for, so that no message shows them. The
    caller ran :func:`check_structure` on the text; ``text_length`` bounds the
    work all the same (a document holds at most about one value per character,
    but for what aliases repeat), in case ruamel read what libyaml did not.
    """
    budget = [float("inf") if text_length is None else text_length + MAX_ALIAS_VALUES]
    return _plain(value, (0, 0), 0, budget, set())


def _plain(value: object, at: tuple[int, int], depth: int, budget: list[float], open_: set[int]) -> object:
    budget[0] -= 1
    tag = getattr(getattr(value, "tag", None), "value", None)
    if tag is not None and tag not in CORE_TAGS:
        raise Refused(at[0] + 1, at[1] + 1, f"the tag '{_short_tag(tag)}' is not read: record files hold text, numbers, true/false, lists and mappings; remove the tag")
    if isinstance(value, (CommentedMap, CommentedSeq)):
        if depth == MAX_DEPTH or id(value) in open_ or budget[0] < 0:
            raise Refused(at[0] + 1, at[1] + 1,
                          "the values here are nested too deep, contain themselves, or repeat too much through aliases; write the values out")
        open_.add(id(value))
        try:
            if isinstance(value, CommentedMap):
                if getattr(value, "merge", None):
                    raise Refused(value.lc.line + 1, value.lc.col + 1, _MERGE_KEY)
                out = Map()
                for key, item in value.items():
                    kline, kcol, vline, vcol = value.lc.data.get(key) or (*at, *at)
                    plain_key = _plain(key, (kline, kcol), depth + 1, budget, open_)
                    out[plain_key] = _plain(item, (vline, vcol), depth + 1, budget, open_)
                    out.positions[plain_key] = (kline, kcol, vline, vcol)
                return out
            seq = Seq()
            for i, item in enumerate(value):
                pos = tuple(value.lc.data.get(i) or at)
                seq.append(_plain(item, pos, depth + 1, budget, open_))
                seq.positions.append(pos)
            return seq
        finally:
            open_.discard(id(value))
    if isinstance(value, TaggedScalar):
        return value.value  # !!str: the text as written
    if isinstance(value, (bool, ScalarBoolean)):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)
    if value is None:
        return None
    raise Refused(at[0] + 1, at[1] + 1, "this value is not read: record files hold text, numbers, true/false, lists and mappings")


def _short_tag(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag
