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
"""

from __future__ import annotations

import re

import yaml

_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)  # BaseLoader: every plain scalar untagged
_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
# Plain scalars ruamel reads as numbers of other forms (YAML 1.2 ints and floats: 010, 0o17, 0x1f, 1_000, 1.5, .inf ...)
_OTHER_NUMBER = re.compile(
    r"^(?:[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+"
    r"|[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+"
    r"|[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
# A tag ('!x', '!!str') can only follow a blank, a line start or a flow or block indicator
_TAG = re.compile(r"(?:^|[\s\[{,:?-])!")


class Fallback(Exception):
    """The text needs ruamel: a syntax error, or a construct the fast path does not mimic."""


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
    """The document of ``text`` as Map, Seq and scalars; raises Fallback when ruamel must read it."""
    if _TAG.search(text):
        raise Fallback("explicit tag")
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as e:
        raise Fallback(str(e)) from None
    return None if node is None else _build(node)


def _build(node: yaml.Node) -> object:
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if isinstance(node, yaml.SequenceNode):
        if node.tag != _SEQ:
            raise Fallback(node.tag)
        seq = Seq()
        for item in node.value:
            seq.append(_build(item))
            seq.positions.append((item.start_mark.line, item.start_mark.column))
        return seq
    if node.tag != _MAP:
        raise Fallback(node.tag)
    out = Map()
    for knode, vnode in node.value:
        if not isinstance(knode, yaml.ScalarNode) or (not knode.style and knode.value == "<<"):
            raise Fallback("complex or merge key")
        key = _scalar(knode)
        if key in out.positions:
            raise Fallback("duplicate key")  # ruamel phrases it, with its position
        if isinstance(vnode, yaml.ScalarNode) and not vnode.style and vnode.value == "":
            raise Fallback("empty value")  # ruamel places it at the next token, libyaml after the colon
        out[key] = _build(vnode)
        out.positions[key] = (knode.start_mark.line, knode.start_mark.column, vnode.start_mark.line, vnode.start_mark.column)
    return out


def _scalar(node: yaml.ScalarNode) -> object:
    if node.tag != _STR:
        raise Fallback(node.tag)
    text = node.value
    if node.style:  # quoted, literal or folded: text as written (plain is None, or '' from libyaml)
        return text
    if _NULL.match(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.match(text):
        return int(text)
    if _OTHER_NUMBER.match(text):
        raise Fallback("number")
    return text


def from_ruamel(value: object) -> object:
    """ruamel's round-trip result as Map, Seq and scalars, positions taken from its ``lc``."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, CommentedMap):
        out = Map()
        for key, item in value.items():
            out[key] = from_ruamel(item)
            kline, kcol, vline, vcol = value.lc.data[key]
            out.positions[key] = (kline, kcol, vline, vcol)
        return out
    if isinstance(value, CommentedSeq):
        seq = Seq()
        for i, item in enumerate(value):
            seq.append(from_ruamel(item))
            seq.positions.append(tuple(value.lc.item(i)))
        return seq
    return value
