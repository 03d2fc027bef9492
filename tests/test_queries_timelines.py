"""Timelines (issue 15): every dated fact about an institution, events in a range, terms and what was inferred.

Answers are read off the curated corpus (data/) and, for the seed articles, the seed graph.
"""

from __future__ import annotations

from conftest import texts

from pathlib import Path

import pytest
from rdflib import Graph

from cheikg.api import KnowledgeGraph
from cheikg.export import to_ntriples

DATA = Path(__file__).resolve().parent.parent / "data"

# two made-up events known to the month, to check where a month ends (no real fact)
MADE_UP_EVENTS = """
@prefix res: <https://w3id.org/cheikg/resource/> .
@prefix cheikg: <https://w3id.org/cheikg/ontology#> .
@prefix time: <http://www.w3.org/2006/time#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
res:feb-2020 a cheikg:Event ; cheikg:date res:feb-2020.date .
res:feb-2020.date a time:Instant ; time:inXSDDate "2020-02-01"^^xsd:date ; cheikg:datePrecision time:unitMonth .
res:feb-2100 a cheikg:Event ; cheikg:date res:feb-2100.date .
res:feb-2100.date a time:Instant ; time:inXSDDate "2100-02-01"^^xsd:date ; cheikg:datePrecision time:unitMonth .
"""


@pytest.fixture(scope="module")
def made_up_events() -> KnowledgeGraph:
    return KnowledgeGraph.in_memory(to_ntriples(Graph().parse(data=MADE_UP_EVENTS, format="turtle")).encode())


def rows(kg, name: str, **params) -> list[dict]:
    return texts(kg.query(name, **params))


def pick(records: list[dict], *cols: str) -> list[tuple]:
    return [tuple(r[c] for c in cols) for r in records]


TIMELINE = ("date", "precision", "dateInferred", "dateKind", "factKind", "fact", "relation")


def test_timeline_of_a_joint_university_shows_its_approvals(corpus_kg):
    assert pick(rows(corpus_kg, "institution-timeline", institution="new-york-university-shanghai"), *TIMELINE) == [
        # "announced that it had received final approval": the month of the announcement, inferred
        ("2012-10-01", "month", "true", "date", "event", "res:new-york-university-shanghai-formal-approval", "about"),
    ]
    assert pick(rows(corpus_kg, "institution-timeline", institution="wenzhou-kean-university"), *TIMELINE) == [
        ("2011-11-16", "day", "false", "date", "event", "res:wenzhou-kean-university-preparation-approval", "about"),
        ("2012-03-21", "day", "false", "date", "event", "res:wenzhou-kean-university-foundation-stone-ceremony", "about"),
        ("2013-12-16", "day", "false", "date", "event", "res:wenzhou-kean-university-moe-expert-evaluation", "about"),
        ("2014-03-31", "day", "false", "date", "event", "res:wenzhou-kean-university-formal-approval", "about"),
    ]


def test_timeline_shows_a_name_change_of_the_moe_list(corpus_kg):
    # 蚌埠医学院 on the list of 2017-05-31 is 蚌埠医科大学 on the list of 2025-06-20
    got = rows(corpus_kg, "institution-timeline", institution="moe-4134010367")
    assert pick(got, "date", "dateKind", "factKind", "fact", "factLabel", "relation") == [
        ("2017-05-31", "as-of", "name", "res:moe-4134010367.name-2017", "蚌埠医学院", "former-name"),
        ("2025-06-20", "replaced-by", "name", "res:moe-4134010367.name-2017", "蚌埠医学院", "former-name"),
    ]


def test_events_in_a_range_say_whether_they_lie_inside_it(corpus_kg):
    # the Maritime Silk Road consortium's ceremony is dated "2018" only: it overlaps 10 December 2018,
    # it does not lie inside it
    got = rows(corpus_kg, "events", **{"from": "2018-12-10", "to": "2018-12-10"})
    assert pick(got, "event", "date", "precision", "inside") == [
        ("res:maritime-silk-road-university-consortium-founding-ceremony-2018", "2018-01-01", "year", "false"),
    ]
    whole_year = rows(corpus_kg, "events", **{"from": "2018-01-01", "to": "2018-12-31"})
    assert {(r["precision"], r["inside"]) for r in whole_year} == {("year", "true"), ("month", "true"), ("day", "true")}
    # a month counts to its last day: 28 February in 2019, 29 February in 2020
    months = {r["event"]: r["inside"] for r in rows(corpus_kg, "events", **{"from": "2018-09-01", "to": "2018-09-30"})}
    assert months["res:belt-and-road-initiative-university-alliance-theme-forum-2018"] == "true"
    months = {r["event"]: r["inside"] for r in rows(corpus_kg, "events", **{"from": "2018-09-01", "to": "2018-09-29"})}
    assert months["res:belt-and-road-initiative-university-alliance-theme-forum-2018"] == "false"
    assert {r["inside"] for r in rows(corpus_kg, "events")} == {None}  # no range, no answer


def test_events_inside_knows_leap_years(made_up_events):
    inside = {(r["event"], r["inside"]) for r in rows(made_up_events, "events", **{"from": "2020-02-01", "to": "2020-02-28"})}
    assert inside == {("res:feb-2020", "false")}
    inside = {(r["event"], r["inside"]) for r in rows(made_up_events, "events", **{"from": "2020-02-01", "to": "2020-02-29"})}
    assert inside == {("res:feb-2020", "true")}
    inside = {(r["event"], r["inside"]) for r in rows(made_up_events, "events", **{"from": "2100-02-01", "to": "2100-02-28"})}
    assert inside == {("res:feb-2100", "true")}  # 2100 is no leap year


def test_role_holders_on_show_an_inferred_start_and_which_fields_were_inferred(corpus_kg):
    got = {r["holder"]: r for r in rows(corpus_kg, "role-holders-on", date="2025-12-01", role=["chair", "rotating-chair"])}
    # the year of the wheat alliance's founding is not printed: a start inferred in part, no field inferred
    zhang = got["res:zhang-zhengmao"]
    assert (zhang["startKnown"], zhang["startInferred"], zhang["inferred"], zhang["inferredFields"]) == ("true", "true", "false", None)
    tyut = got["res:tyut"]
    assert (tyut["startInferred"], tyut["inferred"], tyut["inferredFields"]) == ("true", "true", "member")
    jufe = got["res:jufe"]
    assert (jufe["startKnown"], jufe["startInferred"], jufe["inferred"], jufe["inferredFields"]) == ("false", None, "false", None)


def test_alliance_chairs_print_one_row_per_term(corpus_kg):
    got = rows(corpus_kg, "alliance-chairs", alliance="asrtu")
    # NEFU's co-chair term is supported by two sentences of one article: one row
    assert pick(got, "membership", "inferredFields", "sources") == [
        ("res:mem-anatoly-aleksandrov-asrtu-chair", None, "nefu-asrtu-co-chair-2021"),
        ("res:mem-north-eastern-federal-university-asrtu-co-chair", "side", "nefu-asrtu-co-chair-2021"),
    ]
    assert got[1]["quotes"].split(" | ") == [
        "As part of the celebration, North-Eastern Federal University (NEFU) was given the status of co-chair of the organisation.",
        "He called it symbolic that NEFU became co-chair in the Association's tenth-anniversary year and ahead of Russia's chairmanship of the Arctic Council.",
    ]
    every = rows(corpus_kg, "alliance-chairs")
    assert len({r["membership"] for r in every}) == len(every)


@pytest.fixture(scope="module")
def corpus_checkout(tmp_path_factory) -> Path:
    """A copy of data/ (the seed articles and the corpus) with a current build, made once."""
    import shutil

    from cheikg.build import open_store

    root = tmp_path_factory.mktemp("corpus-checkout")
    shutil.copytree(DATA, root / "data")
    open_store(root / "data", root / "build")
    return root


def test_cli_timeline_of_nyu_shanghai_by_the_id_a_user_writes(corpus_checkout, monkeypatch):
    """`--param institution=nyu-shanghai` names no record: the record whose alias it writes answers, and a note says which."""
    from click.testing import CliRunner

    from cheikg.cli import cli

    monkeypatch.chdir(corpus_checkout)

    result = CliRunner().invoke(cli, ["query", "institution-timeline", "--param", "institution=nyu-shanghai", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert [line.split(",")[:10] for line in result.stdout.splitlines()[1:]] == [[
        "res:new-york-university-shanghai", "New York University Shanghai", "2012-10-01", "month", "true", "date", "event",
        "res:new-york-university-shanghai-formal-approval", "Final approval of NYU Shanghai by China's Ministry of Education", "about"]]
    assert result.stderr == "note: institution=nyu-shanghai is 'new-york-university-shanghai' (New York University Shanghai), by its alias 'NYU Shanghai'\n"
    typo = CliRunner().invoke(cli, ["query", "institution-timeline", "--param", "institution=tyutt"])
    assert typo.exit_code == 2
    assert "no organization has the id 'tyutt'. Did you mean 'tyut' (Taiyuan University of Technology)?" in typo.stderr


def test_api_timeline_of_nyu_shanghai_by_the_id_a_user_writes(corpus_checkout):
    from cheikg.api import KnowledgeGraph

    kg = KnowledgeGraph.open(corpus_checkout / "data", corpus_checkout / "build")
    assert [r["fact"] for r in rows(kg, "institution-timeline", institution="nyu-shanghai")] == [
        "res:new-york-university-shanghai-formal-approval"]
