"""Record files that cannot be read, or hold wrong values: exact messages with file, line, record and field."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cheikg.build import vocabulary
from cheikg.loaders.dates import parse_date
from cheikg.loaders.graph import records_to_graph
from cheikg.loaders.records import decode, read_text

ORG = "organizations:\n  - id: x-univ\n    name: {en: X University}\n    type: university\n"


def findings(text: str, name: str = "sub.yaml") -> list[str]:
    result = read_text(name, text)
    loaded = records_to_graph(result.records, vocabulary())
    return [str(f) for f in result.unreadable + result.findings + loaded.findings]


@pytest.mark.parametrize(
    "text, expected",
    [
        (ORG + "    colour: red\n", "sub.yaml:5:13: record 'x-univ': field 'colour': 'colour' is not a field of organization records (did you mean 'country'?)"),
        (ORG + "    acronym: [XU]\n", "sub.yaml:5:14: record 'x-univ': field 'acronym': 'acronym' is not a field of organization records (did you mean 'acronyms'?)"),
        (ORG.replace("university", "universty"), "sub.yaml:4:11: record 'x-univ': field 'type': 'universty' is not in the organization-type vocabulary. Did you mean 'university'?"),
        (ORG + "    legal_personality: maybe\n", "sub.yaml:5:24: record 'x-univ': field 'legal_personality': 'legal_personality' must be true or false, not 'maybe'"),
        (ORG + "    moe_code: 12345\n", "sub.yaml:5:15: record 'x-univ': field 'moe_code': '12345' is not an MOE institution code; it has 10 digits, such as 4114010112"),
        (ORG + "    parent: nowhere\n", "sub.yaml:5:13: record 'x-univ': field 'parent': no organization or alliance has the id 'nowhere'. Add an organization record with this id, or correct the id."),
        (ORG.replace("id: x-univ", "id: X Univ"), "sub.yaml:2:9: field 'id': 'X Univ' is not a valid id; use lower-case letters, digits and hyphens, such as 'jiangxi-normal-university'"),
        (ORG.replace("    name: {en: X University}\n", ""), "sub.yaml:2:5: record 'x-univ': field 'name': 'name' is required: official name in English and Chinese"),
        ("alliances:\n  - id: a\n    name: A\n    founded: 2025-13-45\n", "sub.yaml:4:14: record 'a': field 'founded': '2025-13-45' is not a real date: there is no month 13; write YYYY-MM-DD, YYYY-MM or YYYY (for example 2025-11-18)"),
        ("alliances:\n  - id: a\n    name: A\n    founded: 2025-02-30\n", "sub.yaml:4:14: record 'a': field 'founded': '2025-02-30' is not a real date: month 2 of 2025 has no day 30; write YYYY-MM-DD, YYYY-MM or YYYY (for example 2025-11-18)"),
        ("alliances:\n  - id: a\n    name: A\n    founded: 45979\n", "sub.yaml:4:14: record 'a': field 'founded': '45979' looks like an Excel serial day number, not a date; write YYYY-MM-DD, YYYY-MM or YYYY (for example 2025-11-18)"),
        ("alliances:\n  - id: a\n    name: A\n    founded: {value: 2025, inferred: [decade]}\n", "sub.yaml:4:14: record 'a': field 'founded': 'inferred' of a date lists the parts the source does not print: year, month or day; not 'decade'"),
        ("organisations:\n  - id: a\n", "sub.yaml:1:1: 'organisations' is not a kind of record (did you mean 'organizations'?); the kinds are sources, places, organizations, persons, alliances, memberships, posts, events, agreements, programs, documents"),
        ("organizations:\n  id: a\n", "sub.yaml:1:1: 'organizations' must be a list of records, each starting with '- id:'"),
        ("agreements:\n  - id: g\n    title: G\n    type: cooperation-agreement\n    parties:\n      - party: x\n        signatory: 5\n", "sub.yaml:7:20: record 'g': field 'parties[1].signatory': 'signatory' must be an id or code such as 'tyut', not '5'"),
        ("memberships:\n  - id: m\n    member: a\n    organization: a\n    role: member\n    quote: said so\n", "sub.yaml:6:12: record 'm': field 'quote': a 'quote' needs the 'source' it is quoted from"),
    ],
)
def test_record_problems(text, expected):
    assert any(f.startswith(expected) for f in findings(text)), findings(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("organizations:\n  - id: a\n\tname: x\n", "sub.yaml:3:1: a tab character; YAML indents with spaces only: replace the tab with spaces"),
        ("organizations:\n  - id: a\n    id: b\n", "sub.yaml:3:5: the key 'id' appears twice in the same record; keep one"),
        ("organizations: [\n", "sub.yaml:2:1: is not valid YAML"),
        ("", "sub.yaml:1: the file is empty; a record file lists records under kind names such as 'organizations:'"),
        ("# only a comment\n", "sub.yaml:1: the file is empty; a record file lists records under kind names such as 'organizations:'"),
        ("- id: a\n", "sub.yaml:1: the file holds a list; a record file is a mapping of kind names to lists of records, such as 'organizations:'"),
    ],
)
def test_unreadable_files(text, expected):
    (message,) = findings(text)
    assert message.startswith(expected)


def test_wrong_kind_of_file():
    (message,) = findings("hello", "notes.txt")
    assert message == "notes.txt: '.txt' files are not record files; give .yaml or .csv files (or Turtle to `validate`)"


def test_non_utf8_is_refused_with_its_line():
    text, problems = decode("gbk.yaml", "organizations:\n  - id: a\n    name: 啊\n".encode("gbk"))
    assert text is None
    assert str(problems[0]) == "gbk.yaml:3:11: byte 0xB0 is not UTF-8; save the file as UTF-8 (GBK and other encodings are not read)"


def test_byte_order_mark_is_accepted():
    text, problems = decode("bom.yaml", b"\xef\xbb\xbf" + ORG.encode())
    assert problems == [] and findings(text) == []


@pytest.mark.parametrize("raw, iso", [("２０２５-１１-１８", "2025-11-18"), ("2025年11月18日", "2025-11-18"), ("2025年11月", "2025-11-01"), ("2025", "2025-01-01")])
def test_dates_accepted_after_normalisation(raw, iso):
    assert parse_date(raw).iso == iso


def test_csv_records_with_line_numbers():
    text = "id,member,organization,role,source\nm1,tyut,shanxi-isea,member,s\nm2,tyut,shanxi-isea,chiar,s\n"
    result = read_text("memberships-extra.csv", text)
    loaded = records_to_graph(result.records, vocabulary())
    messages = [str(f) for f in loaded.findings if f.field == "role"]
    assert messages == ["memberships-extra.csv:3:4: record 'm2': field 'role': 'chiar' is not in the alliance-role vocabulary. Did you mean 'chair' or 'co-chair'? Allowed: "
                        + ", ".join(sorted(vocabulary()["alliance-role"]))]


def test_csv_named_after_no_kind():
    (message,) = findings("id\na\n", "people.csv")
    assert message.startswith("people.csv:1: a CSV file is named after the kind of its records")


yaml_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20), st.dates().map(str))
yaml_values = st.recursive(yaml_scalars, lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=10), inner, max_size=3)), max_leaves=12)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from(["organizations", "memberships", "events", "agreements", "alliances", "x"]),
                       st.lists(st.dictionaries(st.sampled_from(["id", "name", "type", "member", "date", "parties", "participants", "source", "sources", "founded", "stated_counts"]), yaml_values, max_size=6), max_size=3),
                       max_size=3))
def test_arbitrary_structures_never_crash(doc):
    import json

    text = json.dumps(doc, ensure_ascii=False)  # JSON is YAML
    findings(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_never_crashes(text):
    findings(text)


def test_a_csv_cell_keeps_its_line_breaks_as_lf_and_a_long_cell_is_read():
    text = 'id,member,organization,role,source,quote\r\nm-x,wut,shanxi-isea,member,s,"two\r\nlines"\r\nm-y,wut,shanxi-isea,chair,s,"' + "x" * 200_000 + '"\r\n'
    result = read_text("memberships.csv", text)
    assert result.unreadable == [] and [r.line for r in result.records] == [2, 4]
    assert result.records[0].values["sources"][0].quote == "two\nlines"
    assert len(result.records[1].values["sources"][0].quote) == 200_000


def test_control_characters_written_as_escapes_are_refused_in_keys_too():
    result = read_text("sub.yaml", 'organizations:\n  - id: x\n    "\\e[2J": y\n')
    assert [(f.line, f.column, f.message) for f in result.unreadable] == [
        (3, 5, "the control character U+001B (\\u001b), written as an escape, is not allowed in a record; delete it")]


def test_long_values_are_cut_short_in_messages():
    result = read_text("sub.yaml", "memberships:\n  - id: m-x\n    term: " + "x" * 1000 + "\n")
    (message,) = [f.message for f in result.findings if f.field == "term"]
    assert message == "'term' must be a whole number such as 15, not '" + "x" * 60 + "... (1,000 characters)'"
