"""The competency questions of ONTOLOGY.md section 4, asked of the seed graph and of made-up records.

The seed answers are read off the five seed articles and the records that transcribe them (as in
test_queries_seed.py): JUFE is the Jiangxi alliance's chair institution with no start printed, the
alliance was inaugurated on 18 November, the Xinhua article is dated 18 December, and so on.

Where the seed articles give no answer (no institution holds roles in two alliances, no fact is
reported twice), the question is asked of the seed records plus MADE_UP, records written for these
tests only and compiled like any record file: none of them is a real fact.  Columns that join several
names (GROUP_CONCAT) are compared as sets, since SPARQL fixes no order inside them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cheikg.api import KnowledgeGraph
from cheikg.build import compile_records, record_files, reference_tables
from cheikg.errors import QueryError
from cheikg.export import to_ntriples
from cheikg.namespaces import PROV, RES
from rdflib import URIRef
from rdflib.namespace import DCTERMS
from cheikg.queries.binding import bind
from cheikg.queries.catalog import get, library

from conftest import texts

DATA = Path(__file__).resolve().parent.parent / "data"

SHANXI_ISEA = "International Students Education Alliance in Shanxi"
JX_ALLIANCE = "Jiangxi Provincial Alliance for Sino-Foreign Cooperative Education"
JUFE = "Jiangxi University of Finance and Economics"
TYUT = "Taiyuan University of Technology"
SHANXI_CONFERENCE = "Founding conference of the International Students Education Alliance in Shanxi"
CSCSE_SEMINAR = "2025 International Education Program Seminar"
VISIT = "Visit of CSCSE Director Wang Daquan and his team to Wuhan University of Technology"
IUR = "2025 International Conference on Industry-University-Research Cooperation in Jiangxi and the Education International Cooperation & Exchange Conference"
JUFE_UTS = "res:jufe-uts-cooperative-education-agreement"
NCHU_BSU = "res:nchu-bsu-cooperative-education-agreement"
COMPREHENSIVE = "res:cscse-wut-comprehensive-strategic-cooperation-agreement"
STUDY_ABROAD = "res:cscse-wut-study-abroad-training-program-cooperation-agreement"
JUFE_UTS_TITLE = (
    "Sino-foreign cooperative education project agreement between Jiangxi University of Finance and Economics and the University of "
    "Technology Sydney"
)
NCHU_BSU_TITLE = "Sino-foreign cooperative education project agreement between Nanchang Hangkong University and Belarusian State University"
GB = "United Kingdom of Great Britain and Northern Ireland"


def rows(kg: KnowledgeGraph, name: str, **params) -> list[dict]:
    return texts(kg.query(name, **params))


def pick(records: list[dict], *cols: str) -> list[tuple]:
    return [tuple(r[c] for c in cols) for r in records]


def names(joined: str | None) -> frozenset[str]:
    return frozenset(joined.split(" | ")) if joined else frozenset()


# Made up for these tests only; the ids start with test- so that no real record can clash.
MADE_UP = """
sources:
  - id: test-report-a
    title: {en: Made-up report A}
    type: news-article
    published: 2025-12-20
  - id: test-report-b
    title: {en: Made-up report B}
    type: news-article

organizations:
  - id: test-ustb-school
    name: {en: Made-up School of USTB}
    type: school
    country: cn
    parent: ustb
    source: test-report-a
    quote: made-up sentence
  - id: test-placeless-university
    name: {en: Made-up University Without a Place}
    type: university
    country: cn
    source: test-report-a
    quote: made-up sentence

alliances:
  - id: test-alliance
    name: {en: Made-up Alliance}
    stated_counts:
      - {role: member, count: 15, source: test-report-a, quote: made-up sentence}
      - {role: member, count: 16, source: test-report-b, quote: made-up sentence}
      - {role: director, count: 3, source: test-report-a, quote: made-up sentence}
      - {role: director, count: 4, source: test-report-a, quote: another made-up sentence}
    source: test-report-a
    quote: made-up sentence

memberships:
  - id: test-m-tyut-chair-1
    member: tyut
    organization: test-alliance
    role: chair
    term: 1
    start: 2024-01
    end: 2024-12
    source: test-report-a
    quote: made-up sentence
  - id: test-m-jufe-chair-2
    member: jufe
    organization: test-alliance
    role: chair
    term: 2
    succeeds: test-m-tyut-chair-1
    source: test-report-a
    quote: made-up sentence
  - id: test-m-ncu-chair
    member: nanchang-university
    organization: test-alliance
    role: chair
    source: test-report-b
    quote: made-up sentence
  - id: test-m-tyut-member
    member: tyut
    organization: test-alliance
    role: member
    source: test-report-a
    quote: made-up sentence
  - id: test-m-sang-rotating-again
    member: sang-shengbo
    organization: shanxi-isea
    role: rotating-chair
    start: 2025-12-01
    source: test-report-a
    quote: made-up sentence

posts:
  - id: test-post-luo-a
    person: luo-rong
    organization: wut
    role: vice-president
    start: 2020
    source: test-report-a
    quote: made-up sentence
  - id: test-post-luo-b
    person: luo-rong
    organization: wut
    role: vice-president
    start: 2021
    source: test-report-b
    quote: made-up sentence

events:
  - id: test-forum
    name: {en: Made-up forum}
    type: forum
    date: 2025-06
    held_at: moe
    organizer: [jufe]
    guided_by: [jiangxi-education-department]
    source: test-report-a
    quote: made-up sentence

agreements:
  - id: test-agreement-jufe-uts-again
    title: {en: Made-up second record of the JUFE-UTS agreement}
    type: cooperative-education-agreement
    date: 2025-11-18
    signed_at: jx-scoe-alliance-inauguration
    parties: [{party: jufe}, {party: uts}]
    source: test-report-a
    quote: made-up sentence
  - id: test-agreement-jufe-uts-month
    title: {en: Made-up third record of the JUFE-UTS agreement}
    type: cooperative-education-agreement
    date: 2025-11
    parties: [{party: uts}, {party: jufe}]
    source: test-report-b
    quote: made-up sentence
  - id: test-agreement-ustb-qmul
    title: {en: Made-up USTB-QMUL memorandum}
    type: memorandum-of-understanding
    date: 2024-05
    parties: [{party: ustb}, {party: qmul}]
    source: test-report-a
    quote: made-up sentence
  - id: test-agreement-school-uts
    title: {en: Made-up agreement of a USTB school with UTS}
    type: cooperation-agreement
    date: 2023
    parties: [{party: test-ustb-school}, {party: uts}]
    source: test-report-a
    quote: made-up sentence
  - id: test-agreement-placeless-griffith
    title: {en: Made-up agreement of a university without a place}
    type: cooperation-agreement
    date: 2024-03-01
    parties: [{party: test-placeless-university}, {party: griffith-university}]
    source: test-report-a
    quote: made-up sentence
"""

# Records cannot give an institution two identifiers of one kind, but a merged or pushed graph can.
IDENTIFIER_CONFLICTS = """
@prefix res: <https://w3id.org/cheikg/resource/> .
@prefix schema: <https://schema.org/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix cheikg: <https://w3id.org/cheikg/ontology#> .
res:tyut schema:sameAs <http://www.wikidata.org/entity/Q999999999> .
res:xjtu org:identifier "4161010000"^^cheikg:MOECode .
"""


@pytest.fixture(scope="module")
def made_up_kg(tmp_path_factory, seed_data) -> KnowledgeGraph:
    path = tmp_path_factory.mktemp("records") / "made-up.yaml"
    path.write_text(MADE_UP, encoding="utf-8")
    compiled = compile_records([*record_files(seed_data), path], reference=reference_tables(seed_data))
    assert compiled.findings == []
    graph = compiled.graph
    graph.parse(data=IDENTIFIER_CONFLICTS, format="turtle")
    return KnowledgeGraph.in_memory(to_ntriples(graph).encode())


# -- the library as a whole


def test_the_library_answers_at_least_24_questions():
    assert len(library()) >= 24


def test_every_chinese_label_column_has_its_english_twin():
    for name, query in library().items():
        columns = set(select_columns(query.text))
        for column in columns:
            if column.endswith("LabelZh"):
                assert column[: -len("Zh")] in columns, f"{name}: {column} without {column[:-2]}"


def select_columns(text: str) -> list[str]:
    select = text[text.index("SELECT") : text.index("{")]
    return [word[1:] for word in select.split() if word.startswith("?") and not word.endswith(")")]


# -- role-holders-on (and the same rule in alliance-chairs)

JUFE_CHAIR_ON = {
    "date": "2025-12-01", "alliance": "res:jx-scoe-alliance", "allianceLabel": JX_ALLIANCE, "allianceLabelZh": None,
    "role": "chair", "roleLabel": "chair institution", "roleLabelZh": "理事长单位",
    "holder": "res:jufe", "holderLabel": JUFE, "holderLabelZh": "江西财经大学", "holderType": "organization",
    "onBehalfOf": None, "onBehalfOfLabel": None, "start": None, "precision": None,
    # no start printed: counted from the alliance's founding on 18 November
    "startKnown": "false", "startInferred": None, "countedFrom": "2025-11-18", "countedFromBasis": "founding",
    "end": None, "endPrecision": None, "endInferred": None, "term": None, "inferred": "false", "inferredFields": None,
    "membership": "res:mem-jufe-jx-scoe-alliance-chair",
}


def test_role_holders_on_a_day_default_to_the_chair(seed_kg):
    assert rows(seed_kg, "role-holders-on", date="2025-12-01") == [JUFE_CHAIR_ON]
    assert rows(seed_kg, "role-holders-on", date="2025-11-18")[0]["holder"] == "res:jufe"
    assert rows(seed_kg, "role-holders-on", date="2025-11-17") == []  # the day before the alliance was founded


def test_role_holders_on_a_day_of_several_roles(seed_kg):
    got = rows(seed_kg, "role-holders-on", date="2025-12-01", role=["rotating-chair", "vice-chair"])
    assert pick(got, "alliance", "role", "holder", "start", "startKnown", "countedFrom", "countedFromBasis", "term", "inferred") == [
        # Shanxi ("International ...") first; the rotating chairs start on the founding day (year inferred)
        ("res:shanxi-isea", "rotating-chair", "res:sang-shengbo", "2025-11-12", "true", "2025-11-12", "start", None, "true"),
        ("res:shanxi-isea", "rotating-chair", "res:tyut", "2025-11-12", "true", "2025-11-12", "start", "1", "true"),
        ("res:jx-scoe-alliance", "vice-chair", "res:jiangxi-normal-university", None, "false", "2025-11-18", "founding", None, "false"),
        ("res:jx-scoe-alliance", "vice-chair", "res:nanchang-hangkong-university", None, "false", "2025-11-18", "founding", None, "false"),
        ("res:jx-scoe-alliance", "vice-chair", "res:nanchang-university", None, "false", "2025-11-18", "founding", None, "false"),
    ]
    assert {r["holderType"] for r in got} == {"person", "organization"}
    assert pick(rows(seed_kg, "role-holders-on", date="2025-11-15", role=["rotating-chair", "vice-chair"]), "holder") == [
        ("res:sang-shengbo",), ("res:tyut",),
    ]
    assert rows(seed_kg, "role-holders-on", date="2025-11-11", role="rotating-chair") == []
    assert rows(seed_kg, "role-holders-on", date="2025-12-01", role="vice-chair", alliance="shanxi-isea") == []
    assert rows(seed_kg, "role-holders-on", date="2025-12-01", role="secretary-general") == []  # not named


def test_role_holders_on_needs_a_day(seed_kg):
    with pytest.raises(QueryError) as e:
        seed_kg.query("role-holders-on")
    assert str(e.value) == "query('role-holders-on') missing required keyword argument 'date': the day (YYYY-MM-DD)"  # the API speaks Python
    with pytest.raises(QueryError) as e:
        seed_kg.query("role-holders-on", date="2025-12-01", role="chiar chair")
    assert str(e.value) == "query('role-holders-on'): argument 'role': 'chiar chair' is not a code of the alliance-role vocabulary"


@pytest.mark.parametrize(
    ("date", "held"),
    [
        ("2023-12-31", []),
        ("2024-01-01", [("res:tyut", "2024-01-01", "start", "true")]),  # a start stated as a month counts from its first day
        ("2024-12-31", [("res:tyut", "2024-01-01", "start", "true")]),  # an end stated as a month lasts to its last day
        ("2025-01-01", []),
        ("2025-12-19", []),
        # the second chair has no start and the made-up alliance no founding date: counted from report A (20 December)
        ("2025-12-20", [("res:jufe", "2025-12-20", "source", "false")]),
        ("2030-01-01", [("res:jufe", "2025-12-20", "source", "false")]),
    ],
)
def test_role_holders_on_a_day_without_a_founding_date(made_up_kg, date, held):
    got = rows(made_up_kg, "role-holders-on", date=date, alliance="test-alliance")
    assert pick(got, "holder", "countedFrom", "countedFromBasis", "startKnown") == held
    # Nanchang University's chair has no start, no founding date and an undated source: it is never placed


def test_alliance_chairs_and_role_holders_on_agree(made_up_kg):
    chair_roles = ["chair", "co-chair", "rotating-chair", "honorary-chair", "executive-president", "founding-president"]
    for date in ("2024-06-01", "2025-01-01", "2025-11-12", "2025-11-20", "2025-12-20"):
        chairs = {r["membership"] for r in rows(made_up_kg, "alliance-chairs", date=date)}
        holders = {r["membership"] for r in rows(made_up_kg, "role-holders-on", date=date, role=chair_roles)}
        assert chairs == holders, date
    # without a date alliance-chairs lists every chair term, placed in time or not
    undated = [r for r in rows(made_up_kg, "alliance-chairs", alliance="test-alliance") if r["startKnown"] == "false"]
    assert pick(undated, "holder", "term", "succeeds") == [("res:jufe", "2", "res:test-m-tyut-chair-1"), ("res:nanchang-university", None, None)]


# -- alliance-members: the role column is the role's code

def test_alliance_members_role_column_is_the_code(seed_kg):
    query = get("alliance-members")
    text = bind(query, {"role": ["vice-chair"]})
    # the role's IRI is bound inside the sub-select, where ?role is the IRI
    assert text.count("VALUES ?role { <https://w3id.org/cheikg/vocab/alliance-role/vice-chair> }") == 1
    assert text.index("VALUES ?role") > text.index("SELECT ?membership ?alliance ?member (?role AS ?roleConcept)")
    got = rows(seed_kg, "alliance-members", role="vice-chair")
    assert pick(got, "role", "roleLabel", "roleLabelZh", "member") == [
        ("vice-chair", "vice-chair institution", "副理事长单位", "res:jiangxi-normal-university"),
        ("vice-chair", "vice-chair institution", "副理事长单位", "res:nanchang-hangkong-university"),
        ("vice-chair", "vice-chair institution", "副理事长单位", "res:nanchang-university"),
    ]
    assert {r["role"] for r in rows(seed_kg, "alliance-members")} == {"member", "rotating-chair", "chair", "director", "vice-chair"}


# -- multi-alliance-institutions

SEED_INSTITUTION_ROLES = [
    ("res:gannan-normal-university", "1", "res:jx-scoe-alliance", "director", None),
    ("res:jiangxi-normal-university", "1", "res:jx-scoe-alliance", "vice-chair", None),
    ("res:jufe", "1", "res:jx-scoe-alliance", "chair", None),
    ("res:jxutcm", "1", "res:jx-scoe-alliance", "director", None),
    ("res:nanchang-hangkong-university", "1", "res:jx-scoe-alliance", "vice-chair", None),
    ("res:nanchang-university", "1", "res:jx-scoe-alliance", "vice-chair", None),
    ("res:tyut", "1", "res:shanxi-isea", "member", None),
    ("res:tyut", "1", "res:shanxi-isea", "rotating-chair", "2025-11-12"),
]


def test_multi_alliance_institutions_on_the_seed(seed_kg):
    # each seed article is about one alliance, and no institution is named in both
    assert rows(seed_kg, "multi-alliance-institutions") == []
    got = rows(seed_kg, "multi-alliance-institutions", min_alliances=1)
    assert pick(got, "institution", "allianceCount", "alliance", "role", "start") == SEED_INSTITUTION_ROLES
    assert got[-1] == {
        "institution": "res:tyut", "institutionLabel": TYUT, "institutionLabelZh": "太原理工大学", "allianceCount": "1",
        "alliance": "res:shanxi-isea", "allianceLabel": SHANXI_ISEA, "allianceLabelZh": None, "role": "rotating-chair",
        "roleLabel": "rotating chair", "roleLabelZh": "轮值主席", "start": "2025-11-12", "precision": "day",
        "membership": "res:mem-tyut-shanxi-isea-rotating-chair-1",
    }
    assert pick(rows(seed_kg, "multi-alliance-institutions", min_alliances=1, institution="tyut"), "role") == [("member",), ("rotating-chair",)]
    assert rows(seed_kg, "multi-alliance-institutions", min_alliances=1, institution="sang-shengbo") == []  # a person


def test_multi_alliance_institutions_with_the_made_up_alliance(made_up_kg):
    got = rows(made_up_kg, "multi-alliance-institutions")
    assert pick(got, "institution", "allianceCount", "alliance", "role", "membership") == [
        ("res:jufe", "2", "res:jx-scoe-alliance", "chair", "res:mem-jufe-jx-scoe-alliance-chair"),
        ("res:jufe", "2", "res:test-alliance", "chair", "res:test-m-jufe-chair-2"),
        ("res:nanchang-university", "2", "res:jx-scoe-alliance", "vice-chair", "res:mem-ncu-jx-scoe-alliance-vice-chair"),
        ("res:nanchang-university", "2", "res:test-alliance", "chair", "res:test-m-ncu-chair"),
        ("res:tyut", "2", "res:shanxi-isea", "member", "res:mem-tyut-shanxi-isea-member"),
        ("res:tyut", "2", "res:shanxi-isea", "rotating-chair", "res:mem-tyut-shanxi-isea-rotating-chair-1"),
        ("res:tyut", "2", "res:test-alliance", "chair", "res:test-m-tyut-chair-1"),
        ("res:tyut", "2", "res:test-alliance", "member", "res:test-m-tyut-member"),
    ]
    assert rows(made_up_kg, "multi-alliance-institutions", min_alliances=3) == []
    assert {r["institution"] for r in rows(made_up_kg, "multi-alliance-institutions", institution="jufe")} == {"res:jufe"}
    with pytest.raises(QueryError) as e:
        made_up_kg.query("multi-alliance-institutions", min_alliances="two")
    assert str(e.value) == "query('multi-alliance-institutions'): argument 'min_alliances' must be a whole number, not 'two'"


# -- province-foreign-partners

GRIFFITH_LINK = {
    "province": "res:jiangxi", "provinceLabel": "Jiangxi Province", "provinceLabelZh": "江西省",
    "country": "res:au", "countryLabel": "Australia", "countryLabelZh": "澳大利亚",
    "partner": "res:griffith-university", "partnerLabel": "Griffith University",
    "institution": "res:jufe", "institutionLabel": JUFE, "institutionLabelZh": "江西财经大学",
    "link": "joint-institute", "via": "res:griffith-college-jufe",
    "viaLabel": "Griffith College of Digital Intelligence at Jiangxi University of Finance and Economics",
    "legalPerson": None,  # not stated
    "type": None, "typeLabel": None, "date": None, "precision": None, "inferred": "true",  # the partner is read from the name
}
SEED_LINKS = [
    ("res:jiangxi", "res:au", "res:griffith-university", "res:jufe", "joint-institute", "res:griffith-college-jufe", None),
    ("res:jiangxi", "res:au", "res:uts", "res:jufe", "agreement", JUFE_UTS, "2025-11-17"),
    ("res:jiangxi", "res:by", "res:belarusian-state-university", "res:nanchang-hangkong-university", "agreement", NCHU_BSU, "2025-11-17"),
    ("res:jiangxi", "res:gb", "res:qmul", "res:nanchang-university", "joint-institute", "res:queen-mary-college-ncu", None),
]
LINK_COLUMNS = ("province", "country", "partner", "institution", "link", "via", "date")


def test_province_foreign_partners_on_the_seed(seed_kg):
    got = rows(seed_kg, "province-foreign-partners")
    # the CSCSE-WUT agreements are between two Chinese bodies, so not foreign partnerships
    assert pick(got, *LINK_COLUMNS) == SEED_LINKS
    assert got[0] == GRIFFITH_LINK
    assert pick(got[1:3], "type", "typeLabel", "precision", "inferred") == [
        ("cooperative-education-agreement", "Sino-foreign cooperative education agreement", "day", "false"),
    ] * 2
    assert pick(rows(seed_kg, "province-foreign-partners", province="jiangxi", country="au"), *LINK_COLUMNS) == SEED_LINKS[:2]
    assert pick(rows(seed_kg, "province-foreign-partners", country="gb"), *LINK_COLUMNS) == SEED_LINKS[3:]
    # a period keeps the dated agreements only
    assert pick(rows(seed_kg, "province-foreign-partners", **{"from": "2025-11-17", "to": "2025-11-17"}), *LINK_COLUMNS) == [
        SEED_LINKS[1], SEED_LINKS[2],
    ]
    assert rows(seed_kg, "province-foreign-partners", **{"from": "2025-11-18"}) == []
    assert rows(seed_kg, "province-foreign-partners", to="2025-11-16") == []
    assert rows(seed_kg, "province-foreign-partners", province="shanxi") == []


def test_province_foreign_partners_follow_the_place_hierarchy(made_up_kg):
    beijing = rows(made_up_kg, "province-foreign-partners", province="beijing")
    # USTB is seated in Beijing (a municipality recorded as a province); the made-up school has no place
    # of its own and is placed by its parent; the made-up university without a place is left out
    assert pick(beijing, *LINK_COLUMNS, "precision") == [
        ("res:beijing", "res:au", "res:uts", "res:test-ustb-school", "agreement", "res:test-agreement-school-uts", "2023-01-01", "year"),
        ("res:beijing", "res:gb", "res:qmul", "res:ustb", "agreement", "res:test-agreement-ustb-qmul", "2024-05-01", "month"),
    ]
    assert "res:test-placeless-university" not in {r["institution"] for r in rows(made_up_kg, "province-foreign-partners")}

    def vias(**period):
        return [r["via"] for r in rows(made_up_kg, "province-foreign-partners", province="beijing", **period)]

    # a date known to the month or the year counts as the whole month or year
    assert vias(**{"from": "2024-05-31"}) == ["res:test-agreement-ustb-qmul"]
    assert vias(**{"from": "2024-06-01"}) == []
    assert vias(to="2024-05-01") == ["res:test-agreement-school-uts", "res:test-agreement-ustb-qmul"]
    assert vias(to="2024-04-30") == ["res:test-agreement-school-uts"]
    assert vias(**{"from": "2023-12-31", "to": "2023-12-31"}) == ["res:test-agreement-school-uts"]


# -- government-events

SEMINAR_ROW = {
    "event": "res:cscse-2025-international-education-program-seminar", "eventLabel": CSCSE_SEMINAR, "eventLabelZh": None,
    "date": "2025-01-03", "precision": "day", "body": "res:cscse", "bodyLabel": "Chinese Service Center for Scholarly Exchange",
    "bodyLabelZh": None, "bodyType": "public-service-unit", "relation": "organizer", "relationLabel": "organizer",
    "relationLabelZh": "主办", "through": None, "throughLabel": None, "inferred": "false", "participation": None,
}


def li_jinbi_row(role: str, label_zh: str) -> dict:
    # "Li Jinbi, Member of the Party Leadership Group and Deputy Director-General of Shanxi Provincial Education
    # Department ... attended the conference and delivered speeches": on its behalf is inferred
    return {
        "event": "res:shanxi-isea-founding-conference", "eventLabel": SHANXI_CONFERENCE, "eventLabelZh": None,
        "date": "2025-11-12", "precision": "day", "body": "res:shanxi-education-department",
        "bodyLabel": "Shanxi Provincial Education Department", "bodyLabelZh": None, "bodyType": "government-body",
        "relation": role, "relationLabel": role, "relationLabelZh": label_zh, "through": "res:li-jinbi", "throughLabel": "Li Jinbi",
        "inferred": "true", "participation": f"res:shanxi-isea-founding-conference.part.li-jinbi.{role}",
    }


def test_government_events_on_the_seed(seed_kg):
    assert rows(seed_kg, "government-events") == [SEMINAR_ROW, li_jinbi_row("attendee", "出席"), li_jinbi_row("speaker", "致辞、报告")]
    assert rows(seed_kg, "government-events", body="cscse") == [SEMINAR_ROW]
    assert rows(seed_kg, "government-events", body="moe") == []
    assert rows(seed_kg, "government-events", body="tyut") == []  # a university, not a government body


def test_government_events_of_other_organization_types(seed_kg):
    got = rows(seed_kg, "government-events", type="university")
    assert pick(got, "event", "body", "relation", "through") == [
        ("res:ustb-year-of-internationalization-meeting-2024", "res:ustb", "organizer", None),
        ("res:cscse-visit-wut-2024-06-18", "res:wut", "held-at", None),
        ("res:cscse-2025-international-education-program-seminar", "res:wut", "attendee", "res:luo-rong"),
        ("res:cscse-2025-international-education-program-seminar", "res:wut", "keynote-speaker", "res:luo-rong"),
        ("res:china-sco-hecc-inauguration", "res:xjtu", "speaker", "res:zhang-liqun"),
        ("res:shanxi-isea-founding-conference", "res:tyut", "held-at", None),
        ("res:shanxi-isea-founding-conference", "res:tyut", "speaker", "res:shen-xingquan"),
        ("res:shanxi-isea-founding-conference", "res:tianjin-university", "speaker", "res:liu-wenwei"),
    ]
    assert pick(got[1:2], "relationLabel", "relationLabelZh") == [("held at", "举办地单位")]
    both = rows(seed_kg, "government-events", type=["university", "public-service-unit"])
    assert len(both) == len(got) + 1 and SEMINAR_ROW in both


def test_government_events_guided_and_hosted(made_up_kg):
    forum = [r for r in rows(made_up_kg, "government-events") if r["event"] == "res:test-forum"]
    assert pick(forum, "body", "bodyType", "relation", "relationLabel", "relationLabelZh", "date", "precision") == [
        ("res:jiangxi-education-department", "government-body", "guide", "guiding body", "指导", "2025-06-01", "month"),
        ("res:moe", "government-body", "held-at", "held at", "举办地单位", "2025-06-01", "month"),
    ]


# -- single-source-facts

XJTU_ARTICLE = "res:xjtu-china-sco-centre"


def test_single_source_facts_of_one_article(seed_kg):
    got = rows(seed_kg, "single-source-facts", source="xjtu-china-sco-centre")
    assert pick(got, "fact", "quotes", "inferred") == [
        ("res:cae", "1", "false"),
        ("res:china-sco-hecc", "3", "false"),  # three sentences, one article
        ("res:china-sco-hecc-construction-plan", "1", "false"),
        ("res:china-sco-hecc-inauguration", "1", "false"),
        ("res:china-sco-hecc-inauguration.part.zhang-liqun.speaker", "1", "true"),
        ("res:china-sco-hecc-unveiling", "1", "false"),
        ("res:iharbour", "1", "false"),
        ("res:mfa", "1", "false"),
        ("res:post-zhang-liqun-xjtu-president", "1", "false"),
        ("res:sco", "1", "false"),
        ("res:sco-countries-cultural-education-publishing-alliance-initiative-project", "1", "false"),
        ("res:sco-excellent-engineering-talent-training-and-evaluation-standard-project", "1", "false"),
        ("res:sco-excellent-talent-overseas-internship-program", "1", "false"),
        ("res:sco-international-curriculum-system-construction-project", "1", "false"),
        ("res:sco-international-summer-school-project", "1", "false"),
        ("res:sco-university-student-affairs-development-forum-project", "1", "false"),
        ("res:shaanxi", "1", "false"),
        ("res:shaanxi-peoples-government", "1", "false"),
        ("res:tianjin", "1", "false"),
        ("res:xian", "1", "false"),
        ("res:xjtu", "1", "false"),
        ("res:zhang-liqun", "1", "false"),
    ]
    assert {(r["source"], r["sourceTitle"], r["publisher"], r["published"]) for r in got} == {
        (XJTU_ARTICLE, "China-SCO Higher Education Cooperation Center launched in Xi'an", "XJTU news", None),
    }
    assert got[1]["factLabel"] == "China-SCO Higher Education Cooperation Center"
    # the Ministry of Education is named by three articles, so it rests on no single one
    assert rows(seed_kg, "single-source-facts", source="moe") == []


def test_single_source_facts_are_every_fact_with_one_source(seed_kg, seed_compiled):
    # the same question answered by walking the graph in Python
    sources: dict[str, set[str]] = {}
    datasets = set(seed_compiled.graph.subjects(DCTERMS.type, URIRef("https://w3id.org/cheikg/vocab/source-type/dataset")))
    for fact, source in seed_compiled.graph.subject_objects(PROV.wasDerivedFrom):
        if source not in datasets:
            sources.setdefault(str(fact), set()).add(str(source))
    expected = sorted((next(iter(s)), fact) for fact, s in sources.items() if len(s) == 1)
    got = seed_kg.query("single-source-facts")
    assert [(row[2].value, row[0].value) for row in got.terms] == expected
    assert len(expected) == 137 and str(RES.moe) not in {fact for _, fact in expected}
    by_fact = {r["fact"]: r for r in texts(got)}
    # two sentences of the Xinhua article; agreement parties carry their agreement's source but no quote
    assert by_fact["res:nanchang-hangkong-university"]["quotes"] == "2"
    assert by_fact["res:jufe-uts-cooperative-education-agreement.party.uts"]["quotes"] == "0"
    assert by_fact["res:jianlong-conference-room"]["inferred"] == "true"


# -- alliance-role-counts


def test_alliance_role_counts_on_the_seed(seed_kg):
    got = rows(seed_kg, "alliance-role-counts")
    assert pick(got, "alliance", "role", "statedCount", "namedHolders", "unnamed", "count") == [
        # "15 universities": TYUT alone is named a member
        ("res:shanxi-isea", "member", "15", "1", "14", "res:shanxi-isea.count.member"),
        # no count stated; Sang Shengbo and TYUT are named rotating chairs
        ("res:shanxi-isea", "rotating-chair", None, "2", None, None),
        ("res:jx-scoe-alliance", "chair", None, "1", None, None),
        ("res:jx-scoe-alliance", "director", "7", "2", "5", "res:jx-scoe-alliance.count.director"),
        ("res:jx-scoe-alliance", "vice-chair", "10", "3", "7", "res:jx-scoe-alliance.count.vice-chair"),
    ]
    assert pick(got, "allianceLabel", "roleLabel", "roleLabelZh")[3] == (JX_ALLIANCE, "director institution", "理事单位")
    assert [r["role"] for r in rows(seed_kg, "alliance-role-counts", alliance="shanxi-isea")] == ["member", "rotating-chair"]
    assert rows(seed_kg, "alliance-role-counts", alliance="tyut") == []


def test_alliance_role_counts_with_two_counts_of_a_role(made_up_kg):
    got = rows(made_up_kg, "alliance-role-counts", alliance="test-alliance")
    assert pick(got, "role", "statedCount", "namedHolders", "unnamed", "count") == [
        ("chair", None, "3", None, None),
        ("director", "3", "0", "3", "res:test-alliance.count.director"),
        ("director", "4", "0", "4", "res:test-alliance.count.director.1"),
        ("member", "15", "1", "14", "res:test-alliance.count.member"),
        ("member", "16", "1", "15", "res:test-alliance.count.member.1"),
    ]


# -- missing-identifiers

SEED_MISSING = [
    ("res:china-sco-hecc", "cooperation-centre", "ror wikidata"),
    ("res:jiangxi-education-department", "government-body", "wikidata"),  # ROR has it, Wikidata not recorded
    ("res:mfa", "government-body", "ror wikidata"),
    ("res:shaanxi-peoples-government", "government-body", "wikidata"),
    ("res:shanxi-education-department", "government-body", "ror wikidata"),
    ("res:shanxi-provincial-government", "government-body", "ror wikidata"),
    ("res:sco", "intergovernmental-organization", "ror wikidata"),
    ("res:griffith-college-jufe", "joint-institute", "ror wikidata"),
    ("res:queen-mary-college-ncu", "joint-institute", "ror wikidata"),
    ("res:ustb-office-of-international-affairs", "office", "ror wikidata"),
    ("res:wut-international-office", "office", "ror wikidata"),
    ("res:shanxi-provincial-party-committee", "other", "ror wikidata"),
    ("res:cscse", "public-service-unit", "ror wikidata"),
    ("res:tju-school-of-international-education", "school", "ror wikidata"),
    ("res:wut-school-of-international-education", "school", "ror wikidata"),
    ("res:belarusian-state-university", "university", "ror wikidata"),
    # "No ROR record with a matching MOE code in the staged ROR file, so no ror/wikidata"
    ("res:gannan-normal-university", "university", "ror wikidata"),
    ("res:griffith-university", "university", "ror wikidata"),
    ("res:nanchang-hangkong-university", "university", "ror wikidata"),
    ("res:qmul", "university", "ror wikidata"),
    ("res:uts", "university", "ror wikidata"),
]


def test_missing_identifiers_on_the_seed(seed_kg):
    got = rows(seed_kg, "missing-identifiers")
    assert pick(got, "organization", "type", "missing") == SEED_MISSING
    assert {r["conflicting"] for r in got} == {None}  # every Chinese university of the seed has its MOE code
    assert got[1] == {
        "organization": "res:jiangxi-education-department", "type": "government-body", "label": "Jiangxi Provincial Education Department",
        "labelZh": None, "countryLabel": "China", "moeCode": None, "ror": "https://ror.org/04d8xwh61", "wikidata": None,
        "missing": "wikidata", "conflicting": None,
    }
    assert pick(rows(seed_kg, "missing-identifiers", type="university", country="cn"), "organization", "moeCode") == [
        ("res:gannan-normal-university", "4136010418"), ("res:nanchang-hangkong-university", "4136010406"),
    ]
    assert [r["organization"] for r in rows(seed_kg, "missing-identifiers", identifier="wikidata", type="government-body")] == [
        "res:jiangxi-education-department", "res:mfa", "res:shaanxi-peoples-government", "res:shanxi-education-department",
        "res:shanxi-provincial-government",
    ]
    assert [r["organization"] for r in rows(seed_kg, "missing-identifiers", identifier="ror", type="government-body")] == [
        "res:mfa", "res:shanxi-education-department", "res:shanxi-provincial-government",
    ]
    assert rows(seed_kg, "missing-identifiers", identifier="moe-code") == []
    assert rows(seed_kg, "missing-identifiers", country="au", type="joint-institute") == []


def test_missing_and_conflicting_identifiers(made_up_kg):
    got = {r["organization"]: r for r in rows(made_up_kg, "missing-identifiers", type="university", country="cn")}
    assert set(got) == {
        "res:gannan-normal-university", "res:nanchang-hangkong-university", "res:test-placeless-university", "res:tyut", "res:xjtu",
    }
    # a Chinese university without its MOE code
    assert (got["res:test-placeless-university"]["missing"], got["res:test-placeless-university"]["conflicting"]) == (
        "moe-code ror wikidata", None,
    )
    # two Wikidata items for TYUT, two MOE codes for XJTU
    assert (got["res:tyut"]["missing"], got["res:tyut"]["conflicting"], names(got["res:tyut"]["wikidata"])) == (
        None, "wikidata", {"Q7676661", "Q999999999"},
    )
    assert (got["res:xjtu"]["missing"], got["res:xjtu"]["conflicting"], names(got["res:xjtu"]["moeCode"])) == (
        None, "moe-code", {"4161010698", "4161010000"},
    )
    assert [r["organization"] for r in rows(made_up_kg, "missing-identifiers", identifier="moe-code")] == ["res:test-placeless-university"]


# -- persons-across-events

POSTS_WANG = "director (Chinese Service Center for Scholarly Exchange)"
POSTS_SANG = "vice president (Taiyuan University of Technology)"


def test_persons_across_events_on_the_seed(seed_kg):
    got = rows(seed_kg, "persons-across-events")
    assert pick(got, "person", "contexts", "context", "contextType", "date", "role", "onBehalfOf", "posts") == [
        # Sang Shengbo speaks at the founding conference and is the alliance's rotating chair
        ("res:sang-shengbo", "2", "res:shanxi-isea-founding-conference", "event", "2025-11-12", "speaker", None, POSTS_SANG),
        ("res:sang-shengbo", "2", "res:shanxi-isea", "alliance", "2025-11-12", "rotating-chair", None, POSTS_SANG),
        # Wang Daquan visits WUT in June 2024 and speaks at the seminar in January 2025
        ("res:wang-daquan", "2", "res:cscse-visit-wut-2024-06-18", "event", "2024-06-18", "signatory", None, POSTS_WANG),
        ("res:wang-daquan", "2", "res:cscse-visit-wut-2024-06-18", "event", "2024-06-18", "visitor", None, POSTS_WANG),
        ("res:wang-daquan", "2", "res:cscse-2025-international-education-program-seminar", "event", "2025-01-03", "keynote-speaker", None,
         POSTS_WANG),
    ]
    assert pick(got[:2], "contextLabel", "roleLabel", "record") == [
        (SHANXI_CONFERENCE, "speaker", "res:shanxi-isea-founding-conference.part.sang-shengbo.speaker"),
        (SHANXI_ISEA, "rotating chair", "res:mem-sang-shengbo-shanxi-isea-rotating-chair"),
    ]


def test_persons_across_events_of_one_person(seed_kg):
    got = rows(seed_kg, "persons-across-events", min_contexts=1, person="li-jinbi")
    assert [(r["role"], r["onBehalfOfLabel"], names(r["posts"])) for r in got] == [
        ("attendee", "Shanxi Provincial Education Department", {
            "member of the party leadership group (Shanxi Provincial Education Department)",
            "deputy director-general (Shanxi Provincial Education Department)"}),
        ("speaker", "Shanxi Provincial Education Department", {
            "member of the party leadership group (Shanxi Provincial Education Department)",
            "deputy director-general (Shanxi Provincial Education Department)"}),
    ]
    assert rows(seed_kg, "persons-across-events", person="li-jinbi") == []  # one event only
    everyone = rows(seed_kg, "persons-across-events", min_contexts=1)
    # every person named as taking part in an event or holding an alliance role; Xi Jinping only wrote letters
    assert {r["person"] for r in everyone} == {
        f"res:{p}" for p in ("sang-shengbo", "wang-daquan", "li-jinbi", "liu-wenwei", "luo-rong", "lyu-zhaoping", "shen-xingquan",
                             "yang-renshu", "yang-zongkai", "yu-chengwen", "zhang-dawei", "zhang-liqun")
    }
    assert len(everyone) == 21


# -- institution-timeline

TYUT_TIMELINE = [
    ("2025-11-12", "start", "alliance-role", "res:mem-tyut-shanxi-isea-rotating-chair-1", SHANXI_ISEA, "rotating-chair", None),
    ("2025-11-12", "date", "event", "res:shanxi-isea-founding-conference", SHANXI_CONFERENCE, "held-at", None),
    ("2025-11-12", "date", "event", "res:shanxi-isea-founding-conference", SHANXI_CONFERENCE, "speaker", "res:shen-xingquan"),
    ("2025-11-12", "as-of", "post", "res:post-sang-shengbo-tyut-vice-president", "Vice President", "vice-president", "res:sang-shengbo"),
    ("2025-11-12", "as-of", "post", "res:post-shen-xingquan-tyut-party-secretary", "Secretary of TYUT Party Committee", "party-secretary",
     "res:shen-xingquan"),
]
TIMELINE_COLUMNS = ("date", "dateKind", "factKind", "fact", "factLabel", "relation", "through")


def test_institution_timeline_of_tyut(seed_kg):
    got = rows(seed_kg, "institution-timeline", institution="tyut")
    assert pick(got, *TIMELINE_COLUMNS) == TYUT_TIMELINE
    # every date of the Shanxi article lacks its year
    assert {(r["institution"], r["institutionLabel"], r["precision"], r["dateInferred"], r["unit"]) for r in got} == {
        ("res:tyut", TYUT, "day", "true", None),
    }


def test_institution_timeline_of_wut_and_of_units(seed_kg):
    assert pick(rows(seed_kg, "institution-timeline", institution="wut"), *TIMELINE_COLUMNS, "dateInferred") == [
        # the agreements' date is read from the account of the visit, so inferred; the visit itself is dated
        ("2024-06-18", "date", "agreement", COMPREHENSIVE, "Comprehensive Strategic Cooperation Agreement", "party", None, "true"),
        ("2024-06-18", "date", "agreement", STUDY_ABROAD, "Study Abroad Training Program Cooperation Agreement", "party", None, "true"),
        ("2024-06-18", "date", "event", "res:cscse-visit-wut-2024-06-18", VISIT, "held-at", None, "false"),
        # as the agreements' date, the day he is reported president is that of the visit, inferred
        ("2024-06-18", "as-of", "post", "res:post-yang-zongkai-wut-president", "president", "president", "res:yang-zongkai", "true"),
        ("2025-01-03", "date", "event", "res:cscse-2025-international-education-program-seminar", CSCSE_SEMINAR, "attendee", "res:luo-rong",
         "true"),
        ("2025-01-03", "date", "event", "res:cscse-2025-international-education-program-seminar", CSCSE_SEMINAR, "keynote-speaker",
         "res:luo-rong", "true"),
        ("2025-01-03", "as-of", "post", "res:post-luo-rong-wut-vice-president", "vice president", "vice-president", "res:luo-rong", "true"),
    ]
    # Liu Wenwei's post is in Tianjin University's School of International Education
    assert pick(rows(seed_kg, "institution-timeline", institution="tianjin-university"), "fact", "relation", "through", "unit", "unitLabel") == [
        ("res:shanxi-isea-founding-conference", "speaker", "res:liu-wenwei", None, None),
        ("res:post-liu-wenwei-tju-sie-vice-dean", "vice-dean", "res:liu-wenwei", "res:tju-school-of-international-education",
         "Tianjin University School of International Education"),
    ]


def test_institution_timeline_of_an_alliance_and_of_nothing(seed_kg):
    got = rows(seed_kg, "institution-timeline", institution="shanxi-isea")
    assert pick(got, "date", "dateKind", "factKind", "fact", "relation") == [
        ("2025-11-12", "founded", "alliance", "res:shanxi-isea", "founded"),
        ("2025-11-12", "date", "document", "res:shanxi-isea-charter", "about"),
        # the proposal has no date of its own: dated by the founding conference it was made at
        ("2025-11-12", "event-date", "document", "res:shanxi-isea-proposal", "about"),
    ]
    assert rows(seed_kg, "institution-timeline", institution="no-such-institution") == []
    with pytest.raises(QueryError):
        seed_kg.query("institution-timeline")


def test_institution_timeline_with_terms_that_end(made_up_kg):
    got = rows(made_up_kg, "institution-timeline", institution="tyut")
    assert pick(got, *TIMELINE_COLUMNS)[:2] == [
        ("2024-01-01", "start", "alliance-role", "res:test-m-tyut-chair-1", "Made-up Alliance", "chair", None),
        ("2024-12-01", "end", "alliance-role", "res:test-m-tyut-chair-1", "Made-up Alliance", "chair", None),
    ]
    assert pick(got, *TIMELINE_COLUMNS)[2:] == TYUT_TIMELINE
    assert pick(got[:2], "precision", "dateInferred") == [("month", "false"), ("month", "false")]


# -- conflicting-facts

REPORT_A = ("res:test-report-a", "Made-up report A")
XINHUA = ("res:xinhua-jiangxi-scoe-alliance",
          "Jiangxi Province Establishes Provincial Alliance to Boost High-Quality Development of Sino-Foreign Cooperative Education")


def conflict(kind, about, about_label, role, prop, fact, value, source, other_fact, other_value, other_source) -> dict:
    return {
        "kind": kind, "about": about, "aboutLabel": about_label, "role": role, "property": prop,
        "fact": fact, "value": value, "source": source[0], "sourceTitle": source[1],
        "otherFact": other_fact, "otherValue": other_value, "otherSource": other_source[0], "otherSourceTitle": other_source[1],
    }


def test_no_conflicts_on_the_seed(seed_kg):
    assert rows(seed_kg, "conflicting-facts") == []  # each fact is reported by one article


def test_conflicting_facts(made_up_kg):
    again = "res:test-agreement-jufe-uts-again"
    assert rows(made_up_kg, "conflicting-facts") == [
        conflict("agreement", JUFE_UTS, JUFE_UTS_TITLE, "cooperative-education-agreement", "date",
                 JUFE_UTS, "2025-11-17", XINHUA, again, "2025-11-18", REPORT_A),
        conflict("agreement", JUFE_UTS, JUFE_UTS_TITLE, "cooperative-education-agreement", "signed-at",
                 JUFE_UTS, IUR, XINHUA, again, "Inauguration of the Jiangxi Provincial Alliance for Sino-Foreign Cooperative Education", REPORT_A),
        conflict("alliance-role", "res:shanxi-isea", SHANXI_ISEA, "rotating-chair", "start",
                 "res:mem-sang-shengbo-shanxi-isea-rotating-chair", "2025-11-12",
                 ("res:tyut-shanxi-isea-founding", "International Students Education Alliance in Shanxi established at TYUT"),
                 "res:test-m-sang-rotating-again", "2025-12-01", REPORT_A),
        conflict("post", "res:luo-rong", "Luo Rong", "vice-president", "start",
                 "res:test-post-luo-a", "2020", REPORT_A, "res:test-post-luo-b", "2021", ("res:test-report-b", "Made-up report B")),
        conflict("stated-count", "res:test-alliance", "Made-up Alliance", "member", "count",
                 "res:test-alliance.count.member", "15", REPORT_A, "res:test-alliance.count.member.1", "16",
                 ("res:test-report-b", "Made-up report B")),
    ]
    # not conflicts: "2025-11" agrees with both 17 and 18 November; the director counts 3 and 4 come from one
    # report; the TYUT chair terms differ in term; Luo Rong's post from the seminar article has no start


# -- agreement-signings

def test_agreement_signings_on_the_seed(seed_kg):
    got = rows(seed_kg, "agreement-signings")
    assert [(r["agreement"], r["date"], r["dateInferred"], r["signedAt"], names(r["places"]), r["heldAt"], r["party"], r["partyCountryLabel"],
             r["signatory"], names(r["signatoryPosts"])) for r in got] == [
        # "Director Wang and WUT President Yang Zongkai jointly signed two pivotal agreements" during the visit of 18 June 2024
        (COMPREHENSIVE, "2024-06-18", "true", "res:cscse-visit-wut-2024-06-18", set(), "res:wut", "res:cscse", "China", "res:wang-daquan",
         {POSTS_WANG}),
        (COMPREHENSIVE, "2024-06-18", "true", "res:cscse-visit-wut-2024-06-18", set(), "res:wut", "res:wut", "China", "res:yang-zongkai",
         {"president (Wuhan University of Technology)"}),
        (STUDY_ABROAD, "2024-06-18", "true", "res:cscse-visit-wut-2024-06-18", set(), "res:wut", "res:cscse", "China", "res:wang-daquan",
         {POSTS_WANG}),
        (STUDY_ABROAD, "2024-06-18", "true", "res:cscse-visit-wut-2024-06-18", set(), "res:wut", "res:wut", "China", "res:yang-zongkai",
         {"president (Wuhan University of Technology)"}),
        # signed at the Nanchang conference of 17 November (year inferred); no signatories printed
        (JUFE_UTS, "2025-11-17", "true", "res:jiangxi-iur-cooperation-conference-2025", {"Nanchang City"}, None, "res:jufe", "China", None,
         set()),
        (JUFE_UTS, "2025-11-17", "true", "res:jiangxi-iur-cooperation-conference-2025", {"Nanchang City"}, None, "res:uts", "Australia", None,
         set()),
        (NCHU_BSU, "2025-11-17", "true", "res:jiangxi-iur-cooperation-conference-2025", {"Nanchang City"}, None,
         "res:belarusian-state-university", "Belarus", None, set()),
        (NCHU_BSU, "2025-11-17", "true", "res:jiangxi-iur-cooperation-conference-2025", {"Nanchang City"}, None,
         "res:nanchang-hangkong-university", "China", None, set()),
    ]
    assert pick(got[4:5], "title", "type", "signedAtLabel", "partyLabel", "partyLabelZh") == [
        (JUFE_UTS_TITLE, "cooperative-education-agreement", IUR, JUFE, "江西财经大学"),
    ]


def test_agreement_signings_filters(seed_kg):
    assert pick(rows(seed_kg, "agreement-signings", organization="uts"), "agreement", "party") == [(JUFE_UTS, "res:jufe"), (JUFE_UTS, "res:uts")]
    assert {r["agreement"] for r in rows(seed_kg, "agreement-signings", event="cscse-visit-wut-2024-06-18")} == {COMPREHENSIVE, STUDY_ABROAD}
    assert rows(seed_kg, "agreement-signings", event="jx-scoe-alliance-inauguration") == []
    assert rows(seed_kg, "agreement-signings", organization="wut", event="jiangxi-iur-cooperation-conference-2025") == []


# -- alliance-history


def test_alliance_history_on_the_seed(seed_kg):
    got = rows(seed_kg, "alliance-history")
    assert pick(got, "alliance", "date", "precision", "dateInferred", "change", "role", "holder", "term") == [
        ("res:shanxi-isea", "2025-11-12", "day", "true", "founded", None, None, None),
        ("res:shanxi-isea", "2025-11-12", "day", "true", "started", "rotating-chair", "res:sang-shengbo", None),
        ("res:shanxi-isea", "2025-11-12", "day", "true", "started", "rotating-chair", "res:tyut", "1"),
        # TYUT's membership has no start and the TYUT article no publication date: undated, last
        ("res:shanxi-isea", None, None, None, "reported", "member", "res:tyut", None),
        ("res:jx-scoe-alliance", "2025-11-18", "day", "true", "founded", None, None, None),
        # no starts printed: dated by the Xinhua article of 18 December 2025
        ("res:jx-scoe-alliance", "2025-12-18", "day", "false", "reported", "chair", "res:jufe", None),
        ("res:jx-scoe-alliance", "2025-12-18", "day", "false", "reported", "director", "res:gannan-normal-university", None),
        ("res:jx-scoe-alliance", "2025-12-18", "day", "false", "reported", "director", "res:jxutcm", None),
        ("res:jx-scoe-alliance", "2025-12-18", "day", "false", "reported", "vice-chair", "res:jiangxi-normal-university", None),
        ("res:jx-scoe-alliance", "2025-12-18", "day", "false", "reported", "vice-chair", "res:nanchang-hangkong-university", None),
        ("res:jx-scoe-alliance", "2025-12-18", "day", "false", "reported", "vice-chair", "res:nanchang-university", None),
    ]
    assert pick(got[1:3], "holderLabel", "holderType", "roleLabel", "membership") == [
        ("Sang Shengbo", "person", "rotating chair", "res:mem-sang-shengbo-shanxi-isea-rotating-chair"),
        (TYUT, "organization", "rotating chair", "res:mem-tyut-shanxi-isea-rotating-chair-1"),
    ]
    assert [r["change"] for r in rows(seed_kg, "alliance-history", alliance="shanxi-isea")] == ["founded", "started", "started", "reported"]


def test_alliance_history_shows_rotation(made_up_kg):
    got = rows(made_up_kg, "alliance-history", alliance="test-alliance")
    assert pick(got, "date", "precision", "change", "role", "holder", "term", "succeeds") == [
        ("2024-01-01", "month", "started", "chair", "res:tyut", "1", None),
        ("2024-12-01", "month", "ended", "chair", "res:tyut", "1", None),
        ("2025-12-20", "day", "reported", "chair", "res:jufe", "2", "res:test-m-tyut-chair-1"),
        ("2025-12-20", "day", "reported", "member", "res:tyut", None, None),
        (None, None, "reported", "chair", "res:nanchang-university", None, None),
    ]
