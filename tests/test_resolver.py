"""Name resolution: every form a name takes, ambiguity and near misses; the command and the loaders' "did you mean".

The names are resolved against ``reference_data`` (tests/conftest.py): the shipped
reference tables with a few records of the seed articles (tyut, jufe, the Jiangxi
places), so that the expected ids do not move when curators add records.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cheikg.cli import cli
from cheikg.namespaces import ORG, RES
from cheikg.resolver import Resolver, fold, loose, resolve_names

ROOT = Path(__file__).resolve().parent.parent

TYUT = ("tyut", "Taiyuan University of Technology", "太原理工大学", "4114010112")
JUFE = ("jufe", "Jiangxi University of Finance and Economics", "江西财经大学", "4136010421")


def one(data: Path, name: str, kinds=("organization",)):
    (resolution,) = resolve_names([name], data, kinds)
    return resolution


def entity(c) -> tuple:
    return (c.id, c.label, c.label_zh, c.moe_code)


@pytest.mark.parametrize(("name", "how", "expected"), [
    ("tyut", "id", TYUT),
    ("4114010112", "moe-code", TYUT),
    ("４１１４０１０１１２", "moe-code", TYUT),  # full-width digits
    ("moe-4114010112", "reference-id", TYUT),  # the reference id of an institution a record claims
    ("https://ror.org/03kv08d37", "ror", TYUT),
    ("03kv08d37", "ror", TYUT),
    ("Q7676661", "wikidata", TYUT),
    ("http://www.wikidata.org/entity/Q7676661", "wikidata", TYUT),
    ("Taiyuan University of Technology", "name", TYUT),
    ("taiyuan university of technology", "name", TYUT),
    ("太原理工大学", "name", TYUT),
    ("太原理工大學", "name", TYUT),  # traditional characters
    ("TYUT", "acronym", TYUT),
    ("ＴＹＵＴ", "acronym", TYUT),
    ("JUFE", "acronym", JUFE),  # ROR's acronym: the record states none
    ("4136010421", "moe-code", JUFE),
    ("Imperial University of Peking", "alias", ("moe-4111010001", "Peking University", "北京大学", "4111010001")),
    ("常熟理工学院", "historic-name", ("moe-4132010333", "Suzhou University of Technology", "苏州工学院", "4132010333")),
    ("淮海工学院", "historic-name", ("moe-4132011641", "Jiangsu Ocean University", "江苏海洋大学", "4132011641")),
    ("uts.edu.au", "domain", ("uts-edu-au", "University of Technology Sydney", None, None)),
    ("https://www.uts.edu.au/study", "domain", ("uts-edu-au", "University of Technology Sydney", None, None)),
    ("University of Technology Sydney", "name", ("uts-edu-au", "University of Technology Sydney", None, None)),
])
def test_every_form_of_a_name_resolves(reference_data, name, how, expected):
    r = one(reference_data, name)
    assert (r.status, len(r.candidates)) == ("resolved", 1)
    assert (entity(r.entity), r.entity.how, r.entity.score) == (expected, how, 100.0)


def test_a_shared_acronym_is_ambiguous_and_lists_every_holder(reference_data):
    r = one(reference_data, "CMU")
    assert r.status == "ambiguous" and r.entity is None
    assert [(c.id, c.label, c.how) for c in r.candidates] == [
        ("moe-4111010025", "Capital Medical University", "acronym"),
        ("moe-4121010159", "China Medical University", "acronym"),
    ]
    assert [c.id for c in one(reference_data, "HNU").candidates] == [
        "moe-4123010231", "moe-4132010323", "moe-4134014098", "moe-4142010514", "moe-4143010542",
    ]


def test_a_main_name_wins_over_another_entitys_alias(reference_data):
    # 'Nanchang University' is the name of 南昌大学 and an alias of no other: resolved; the rule is the order of tiers
    r = one(reference_data, "Nanchang University")
    assert (r.status, r.entity.id, r.entity.how) == ("resolved", "moe-4136010403", "name")


@pytest.mark.parametrize(("name", "top", "how", "score"), [
    ("Jiangxi Univ. of Finance & Economics", "jufe", "name", 100.0),  # the same words written otherwise: suggested, not chosen
    ("Univ of Technology Sydney", "uts-edu-au", "name", 100.0),
    ("Universty of Tecnology Sydney", "uts-edu-au", "name", 96.7),
    ("tyutt", "tyut", "id", 88.9),
    ("江西财大", "jufe", "name", 80.0),
    ("Jiangxi University of Finance", "jufe", "name", 95.3),  # every word of the query in the name
])
def test_near_misses_are_suggested_never_chosen(reference_data, name, top, how, score):
    r = one(reference_data, name)
    assert r.status == "suggested" and r.entity is None
    assert (r.candidates[0].id, r.candidates[0].how, round(r.candidates[0].score, 1)) == (top, how, score)


def test_a_written_out_name_suggests_only_its_exact_loose_matches(reference_data):
    assert [c.id for c in one(reference_data, "Jiangxi Univ. of Finance & Economics").candidates] == ["jufe"]


def test_nothing_close_is_unresolved(reference_data):
    assert one(reference_data, "xyzzy").status == "unresolved"
    assert one(reference_data, "xyzzy").candidates == ()
    # a code two digits off is no near miss
    assert one(reference_data, "4114019999").status == "unresolved"


def test_a_code_or_name_no_longer_listed_says_why(reference_data):
    expected = "河北工业职业技术学院 (4113010873) is on the MOE list of 2017-05-31 but not on the 2025 list: merged or upgraded under another code"
    for name in ("4113010873", "河北工业职业技术学院"):
        r = one(reference_data, name)
        assert (r.status, r.candidates, r.note) == ("unresolved", (), expected)


def test_kinds_choose_what_a_name_may_stand_for(reference_data):
    assert one(reference_data, "江西省").status != "resolved"  # no organization has that name
    place = one(reference_data, "江西省", ("place",))
    assert (place.status, place.entity.id, place.entity.how) == ("resolved", "jiangxi", "name")
    assert one(reference_data, "360100", ("place",)).entity.id == "cn-360100"
    assert one(reference_data, "AU", ("place",)).entity.id == "au"
    assert one(reference_data, "澳大利亚", None).entity.id == "au"  # any kind


def test_folding_and_loosening():
    assert fold("  太原理工大學 （ＴＹＵＴ）") == "太原理工大学 (tyut)"
    assert loose("Jiangxi Univ. of Finance & Economics") == "jiangxi university of finance and economics"
    assert loose("Xi'an Jiaotong Univ.") == "xi an jiaotong university"


def test_a_resolver_of_plain_names_works_without_typed_keys():
    from cheikg.resolver import Entity

    r = Resolver([Entity("a", "organization", (("name", "Alpha University"),)), Entity("b", "organization", (("name", "Alpha Univ"),))])
    assert r.resolve("alpha university").entity.id == "a"
    # both read 'alpha university' loosely: two suggestions, none chosen
    assert [c.id for c in r.resolve("Alpha Univ.").candidates] == ["a", "b"]


# -- the loaders' "did you mean", through validate


def test_an_unknown_reference_suggests_by_name_code_and_claimed_reference_id(reference_data, tmp_path):
    from cheikg.build import compile_data

    data = tmp_path / "data"
    import shutil

    shutil.copytree(reference_data, data)
    (data / "more.yaml").write_text(
        "memberships:\n"
        "  - id: m1\n    member: 太原理工大学\n    organization: jx-scoe-alliance\n    role: member\n    source: xinhua-jiangxi-scoe-alliance\n"
        "  - id: m2\n    member: moe-4114010112\n    organization: jx-scoe-alliance\n    role: member\n    source: xinhua-jiangxi-scoe-alliance\n"
        "  - id: m3\n    member: '4136010404'\n    organization: jx-scoe-alliance\n    role: member\n    source: xinhua-jiangxi-scoe-alliance\n"
        "  - id: m4\n    member: CMU\n    organization: jx-scoe-alliance\n    role: member\n    source: xinhua-jiangxi-scoe-alliance\n",
        encoding="utf-8",
    )
    compiled = compile_data(data)
    messages = [f.message for f in compiled.findings if f.rule == "record/unknown-reference"]
    # the reference id of an entity a curated record is (tyut states moe_code 4114010112) names that record
    assert (RES["m2"], ORG.member, RES["tyut"]) in compiled.graph
    assert messages == [
        "no organization or alliance or person has the id '太原理工大学'. Did you mean 'tyut' (Taiyuan University of Technology)?",
        "no organization or alliance or person has the id '4136010404'. Did you mean 'moe-4136010404' (East China Jiaotong University)?",
        "no organization or alliance or person has the id 'CMU'. Did you mean 'moe-4111010025' (Capital Medical University) "
        "or 'moe-4121010159' (China Medical University)?",
    ]


# -- the command


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_resolve_command_on_the_shipped_records():
    """The issue's example: each name resolves, or is offered as the top suggestion; exit 1 since one is only suggested."""
    result = invoke("resolve", "--data", str(ROOT / "data"), "TYUT", "太原理工大学", "4136010421", "Jiangxi Univ. of Finance & Economics")
    assert result.exit_code == 1, result.output
    assert result.output.splitlines() == [
        "query                                 status     id    label                                        labelZh       moeCode     match     score  note",
        "------------------------------------  ---------  ----  -------------------------------------------  ------------  ----------  --------  -----  ----",
        "TYUT                                  resolved   tyut  Taiyuan University of Technology             太原理工大学  4114010112  acronym",
        "太原理工大学                          resolved   tyut  Taiyuan University of Technology             太原理工大学  4114010112  name",
        "4136010421                            resolved   jufe  Jiangxi University of Finance and Economics  江西财经大学  4136010421  moe-code",
        "Jiangxi Univ. of Finance & Economics  suggested  jufe  Jiangxi University of Finance and Economics  江西财经大学  4136010421  name      100",
        "(4 rows)",
    ]


def test_resolve_exits_0_when_every_name_resolves_and_writes_csv(reference_data):
    result = invoke("resolve", "--data", str(reference_data), "--format", "csv", "TYUT", "4136010421")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "query,status,id,label,labelZh,moeCode,match,score,note\n"
        "TYUT,resolved,tyut,Taiyuan University of Technology,太原理工大学,4114010112,acronym,,\n"
        "4136010421,resolved,jufe,Jiangxi University of Finance and Economics,江西财经大学,4136010421,moe-code,,\n"
    )


def test_resolve_json(reference_data):
    result = invoke("resolve", "--data", str(reference_data), "--format", "json", "CMU", "xyzzy")
    assert result.exit_code == 1
    doc = json.loads(result.output)
    assert [(d["query"], d["status"], [c["id"] for c in d["candidates"]], d["note"]) for d in doc] == [
        ("CMU", "ambiguous", ["moe-4111010025", "moe-4121010159"], None),
        ("xyzzy", "unresolved", [], None),
    ]
    assert doc[0]["candidates"][0] == {
        "id": "moe-4111010025", "kind": "organization", "label": "Capital Medical University", "labelZh": "首都医科大学",
        "moeCode": "4111010025", "how": "acronym", "matched": "CMU", "score": 100.0,
    }


def test_resolve_usage_errors():
    result = invoke("resolve")
    assert result.exit_code == 2
    assert "Missing argument 'NAMES...'" in result.output
    result = invoke("resolve", "--kind", "treaty", "x")
    assert result.exit_code == 2
    assert "Invalid value for '--kind'" in result.output
