"""The libyaml fast path reads every record file exactly as ruamel does: values, types and positions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cheikg.loaders import records, yamltree

ROOT = Path(__file__).resolve().parent.parent


def _ruamel(text: str) -> object:
    return yamltree.from_ruamel(records._yaml().load(text))


def _kind(value: object) -> type:
    for t in (yamltree.Map, yamltree.Seq, bool, int, str):
        if isinstance(value, t):
            return t
    return type(value)


def _same(a: object, b: object, where: str = "") -> None:
    assert _kind(a) is _kind(b), (where, a, b)
    if isinstance(a, yamltree.Map):
        assert list(a) == list(b), where
        assert a.positions == b.positions, where
        for key in a:
            _same(a[key], b[key], f"{where}.{key}")
    elif isinstance(a, yamltree.Seq):
        assert len(a) == len(b) and a.positions == b.positions, where
        for i, (x, y) in enumerate(zip(a, b)):
            _same(x, y, f"{where}[{i}]")
    else:
        assert a == b, (where, a, b)


def _yaml_files() -> list[Path]:
    return sorted(p for folder in ("data", "tests") for p in (ROOT / folder).rglob("*.y*ml"))


def test_every_yaml_file_of_the_repository_reads_the_same_both_ways():
    fast = 0
    for path in _yaml_files():
        text = path.read_text(encoding="utf-8", errors="replace")
        try:
            got = yamltree.load(text)
        except (yamltree.Fallback, yamltree.Refused):  # Refused: the hostile cases of tests/bad_input
            continue
        _same(_ruamel(text), got, str(path.relative_to(ROOT)))
        fast += 1
    assert fast >= 200  # the curated facts, the shape examples and the bad-input cases


@pytest.mark.parametrize(
    "text",
    [
        "a: true\nb: False\nc: 12\nd: -3\ne: null\nf: ~\nh: 'true'\ni: \"12\"\n",
        "date: 2017-09-22\nwhen: 2026-11-23T05:10:00Z\nyear: 2017\n",
        "yes: no\non: off\n",  # YAML 1.2: text, as ruamel reads it
        "text: |\n  two\n  lines\nfolded: >\n  one\n  line\n",
        "list:\n  - a\n  - {en: x, zh: 中文}\n  - [1, two]\n",
        "organizations:\n  - id: tyut\n    name:\n      en: Taiyuan University of Technology\n      zh: 太原理工大学\n",
        "anchor: &x {a: 1}\nalias: *x\n",
        "'quoted key': 1\n\"dq\": 2\n",
        "- item\n- 7\n",
        "scalar\n",
    ],
)
def test_values_types_and_positions_match_ruamel(text):
    _same(_ruamel(text), yamltree.load(text))


@pytest.mark.parametrize(
    "text",
    [
        "a: !!str 12\n",  # an explicit tag
        "a: 1\na: 2\n",  # a duplicate key: ruamel's message
        "a: 1\ng:\nh: 2\n",  # an empty value: ruamel places it at the next token
        "n: 1.5\n", "n: 0x1f\n", "n: 1_000\n", "n: .inf\n",  # numbers ruamel reads in other forms
        "? [a, b]\n: c\n",  # a complex key
        "n: 010\n", "n: 0o17\n", "n: 1e3\n",
        "a: [1, 2\n",  # a syntax error: ruamel phrases it
        "a:\n\t- b\n",
    ],
)
def test_what_the_fast_path_does_not_mimic_goes_to_ruamel(text):
    with pytest.raises(yamltree.Fallback):
        yamltree.load(text)


def test_a_record_file_reads_the_same_records_on_either_path():
    path = ROOT / "data" / "facts" / "001-shanxi-alliance.yaml"
    if not path.exists():
        path = sorted((ROOT / "data" / "facts").glob("*.yaml"))[0]
    text = path.read_text(encoding="utf-8")
    fast = records.read_text(str(path), text)
    slow = records._read_yaml_ruamel(str(path), text)
    assert fast.findings == slow.findings and fast.unreadable == slow.unreadable
    assert [_plain(r) for r in fast.records] == [_plain(r) for r in slow.records]
    assert len(fast.records) > 5


def _plain(value: object) -> object:
    """A record as nested tuples, without the parent links that make dataclass equality recurse."""
    if isinstance(value, records.Record):
        return (value.id, value.path, value.line, value.column, value.prefix, sorted(value.positions.items()), _plain(value.values))
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


# ---------------------------------------------------------------- what either path refuses, with its line


def _refused(text: str) -> tuple[int | None, int | None, str]:
    """The refusal of ``text`` on the fast path and on ruamel's, which must agree."""
    with pytest.raises(yamltree.Refused) as fast:
        yamltree.load(text)
    slow = records._read_yaml_ruamel("sub.yaml", text).unreadable
    assert [(f.line, f.column, f.message) for f in slow] == [(fast.value.line, fast.value.column, fast.value.message)]
    return fast.value.line, fast.value.column, fast.value.message


def test_a_merge_key_is_refused_on_both_paths():
    assert _refused("base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n")[:2] == (3, 3)


def test_aliases_are_limited_in_uses_and_in_the_values_they_repeat():
    ok = "a: &a x\nb: [" + ", ".join(["*a"] * yamltree.MAX_ALIASES) + "]\n"
    assert yamltree.load(ok)["b"] == ["x"] * yamltree.MAX_ALIASES
    line, column, message = _refused("a: &a x\nb: [" + ", ".join(["*a"] * (yamltree.MAX_ALIASES + 1)) + "]\n")
    assert (line, column) == (2, 5 + 4 * yamltree.MAX_ALIASES) and message.startswith("too many aliases: by this one ('*a')")
    big = "a: &a [" + ", ".join(["x"] * 999) + "]\n"  # 1,000 values (the list and its items)
    assert yamltree.load(big + "b: [" + ", ".join(["*a"] * 10) + "]\n")
    assert _refused(big + "b: [" + ", ".join(["*a"] * 11) + "]\n")[0] == 2


def test_an_alias_inside_what_it_names_is_refused_where_it_is_written():
    assert _refused("a: &a\n  b: [1, *a]\n")[:2] == (2, 10)
    assert _refused("- &s [x, [y, *s]]\n")[:2] == (1, 14)


def test_nesting_is_limited_on_both_paths():
    levels = yamltree.MAX_DEPTH - 1  # inside the top mapping
    deep = "a: " + "[" * levels + "]" * levels + "\n"
    assert yamltree.load(deep) is not None
    assert records._read_yaml_ruamel("sub.yaml", deep).unreadable == []
    assert _refused("a: " + "[" * (levels + 1) + "]" * (levels + 1) + "\n")[:2] == (1, 4 + levels)


def test_numbers_too_long_are_refused_on_both_paths():
    assert _refused("n: " + "7" * (yamltree.MAX_DIGITS + 1) + "\n")[:2] == (1, 4)
    assert yamltree.load("n: " + "7" * yamltree.MAX_DIGITS + "\n")["n"] == int("7" * yamltree.MAX_DIGITS)


@pytest.mark.parametrize(("text", "expected"), [
    ("a: !foo x\n", "the tag '!foo' is not read"),
    ("a: !!python/object/apply:os.system [ls]\n", "the tag '!!python/object/apply:os.system' is not read"),
    ("a: !!binary aGk=\n", "this value is not read"),
    ("a: !!set {x}\n", "this value is not read"),
])
def test_tags_beyond_the_core_schema_are_refused(text, expected):
    with pytest.raises(yamltree.Refused, match=re.escape(expected)) as refused:
        yamltree.from_ruamel(records._yaml().load(text), len(text))
    assert (refused.value.line, refused.value.column) == (1, 4)


def test_ruamel_types_become_plain_python_values():
    doc = yamltree.from_ruamel(records._yaml().load("a: !!str 12\nb: 1.5\nc: !!int '7'\nd: |\n  x\ne: 0x1f\nf: 'q'\n"), 100)
    assert [(k, type(v), v) for k, v in doc.items()] == [
        ("a", str, "12"), ("b", float, 1.5), ("c", int, 7), ("d", str, "x\n"), ("e", int, 31), ("f", str, "q")]


def test_a_structure_containing_itself_is_refused_by_the_ruamel_conversion_too():
    from ruamel.yaml.comments import CommentedSeq

    loop = records._yaml().load("- a\n")
    loop.append(loop)  # what ruamel builds of '&s [*s]', were libyaml's check ever passed by
    assert isinstance(loop, CommentedSeq)
    with pytest.raises(yamltree.Refused):
        yamltree.from_ruamel(loop, 10)


def test_a_tagged_key_keeps_its_position():
    doc = yamltree.from_ruamel(records._yaml().load("!!str 2025: x\n"), 20)
    assert list(doc) == ["2025"] and type(list(doc)[0]) is str and doc.positions["2025"] == (0, 0, 0, 12)
