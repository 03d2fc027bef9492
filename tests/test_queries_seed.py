"""Every library query asked of the seed graph, with the answers the seed articles give.

The expected rows are read off the five seed articles (/work/shared/seeds) and the records
that transcribe them (data/), not pasted from a run of the queries: JUFE is the chair
institution of the Jiangxi alliance, Sang Shengbo "serving as the alliance rotating chair"
in Shanxi, TYUT the inferred inaugural rotating chair university, and so on.  Columns that
join several names (GROUP_CONCAT) are compared as sets, since the order inside them is not
fixed by SPARQL.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from rdflib import Graph

from cheikg.api import KnowledgeGraph
from cheikg.errors import QueryError
from cheikg.export import to_ntriples
from cheikg.loaders.reference import LEGAL_PERSON_NOTE
from cheikg.queries.catalog import library

from conftest import texts

SHANXI_SOURCE = "res:tyut-shanxi-isea-founding"
SHANXI_TITLE = "International Students Education Alliance in Shanxi established at TYUT"
JIANGXI_SOURCE = "res:xinhua-jiangxi-scoe-alliance"
JIANGXI_TITLE = "Jiangxi Province Establishes Provincial Alliance to Boost High-Quality Development of Sino-Foreign Cooperative Education"
WUT_SOURCE = "res:wut-cscse-seminar-2025"
SHANXI_ISEA = "International Students Education Alliance in Shanxi"
JX_ALLIANCE = "Jiangxi Provincial Alliance for Sino-Foreign Cooperative Education"

# sentences of the seed articles, verbatim
Q_JUFE_CHAIR = (
    "Jiangxi University of Finance and Economics serves as the alliance's chair institution, with Nanchang University, "
    "Nanchang Hangkong University, and Jiangxi Normal University among its 10 vice-chair institutions."
)
Q_DIRECTORS = "Additionally, Jiangxi University of Traditional Chinese Medicine and Gannan Normal University are among its 7 director institutions."
Q_SANG = (
    "Vice President Sang Shengbo, serving as the alliance rotating chair, initiated a proposal to all member units with the core "
    "concept of \u201cSharing, Co-building, and Winning Together.\u201d"
)
Q_CHARTER = (
    "The conference reviewed and approved the Charter of the International Students Education Alliance in Shanxi, including the "
    "list of the inaugural rotating chair university, the alliance rotating chairs, and the alliance secretary-general and deputy "
    "secretaries-general."
)
Q_15 = (
    "The conference also brought together deputy leaders and heads of departments responsible for international students from 15 "
    "universities across the province authorized to enroll international students."
)
Q_JOINT = (
    "In recent years, Jiangxi has achieved a breakthrough in this field with the Ministry of Education's approval for the "
    "establishment of prestigious institutions such as the Queen Mary College at Nanchang University and the Griffith College of "
    "Digital Intelligence at Jiangxi University of Finance and Economics, filling a critical gap in high-level cooperative education."
)
Q_SIGNED_NOV17 = (
    "During the conference, a series of high-profile Sino-foreign cooperative education projects were signed, including agreements "
    "between Jiangxi University of Finance and Economics and the University of Technology Sydney, Australia, and between Nanchang "
    "Hangkong University and Belarusian State University."
)
LUO_SPEECH = "Implementing the Educational Power Strategy and Deepening International Cooperation through School-Enterprise Collaboration"
LIU_SPEECH = (
    "130 Years of Glory, Responsibility for a Strong Nation: Building the Tianjin University Model for International Student "
    "Education Emphasizing Both Standardization and Distinctive Features"
)


def rows(kg: KnowledgeGraph, name: str, **params) -> list[dict]:
    return texts(kg.query(name, **params))


def pick(records: list[dict], *cols: str) -> list[tuple]:
    return [tuple(r[c] for c in cols) for r in records]


def names(joined: str | None) -> frozenset[str]:
    """A ' | '-joined column as a set (an empty join may come back unbound or empty)."""
    return frozenset(joined.split(" | ")) if joined else frozenset()


# -- the library as a whole


# a value for each required parameter, by its type
REQUIRED_SAMPLES = {"id": "tyut", "date": "2025-12-01"}
# questions the five seed articles give no answer to (tests/test_queries_competency.py asks them of made-up records)
# the seed articles state no attendance and no grant (tests/test_fields_issue15.py asks those of made-up records)
# nor any Confucius Institute or batch approval of programmes (tests/test_confucius_institutes.py asks those of made-up records);
# their two alliances are provincial, with members in China only (tests/test_queries_regions.py asks multi-region-institutions
# and region-alliances, whose region the sample id "tyut" is not)
EMPTY_ON_SEED = {"multi-alliance-institutions", "conflicting-facts", "record-history", "event-attendance", "grants",
                 "confucius-institutes", "confucius-institutes-by-year", "programme-approvals", "stated-counts",
                 "multi-region-institutions", "region-alliances"}


def required_values(query, id_value: str) -> dict[str, str]:
    return {p.name: id_value if p.type == "id" else REQUIRED_SAMPLES[p.type] for p in query.params if p.required}


def test_every_query_answers_on_the_seed_graph(seed_kg):
    lib = library()
    assert {
        "alliance-chairs", "alliance-members", "alliance-stated-counts", "alliances", "institution-roles", "agreements",
        "events", "event-participants", "person-posts", "organizations", "joint-institutes", "programs", "documents",
        "sources-of", "inferred-facts", "inferred-dates",
    } <= set(lib)
    for name, query in lib.items():
        required = required_values(query, "tyut")
        answer = seed_kg.query(name, **required)
        if name in EMPTY_ON_SEED:
            assert answer.terms == (), f"{name} now answers on the seed graph: drop it from EMPTY_ON_SEED"
        else:
            assert len(answer.terms) >= 1, f"{name} answers nothing on the seed graph"
        assert answer.terms == seed_kg.query(name, **required).terms, f"{name}: two runs answer in different orders"


def test_no_query_repeats_a_row(seed_kg):
    for name, query in library().items():
        answer = seed_kg.query(name, **required_values(query, "jufe"))
        assert len(set(answer.terms)) == len(answer.terms), name


# -- alliance-chairs

SANG_ROW = {
    "alliance": "res:shanxi-isea", "allianceLabel": SHANXI_ISEA, "allianceLabelZh": None,
    "holder": "res:sang-shengbo", "holderLabel": "Sang Shengbo", "holderLabelZh": None, "holderType": "person",
    "role": "rotating-chair", "roleLabel": "rotating chair",
    "start": "2025-11-12", "precision": "day", "startInferred": "true", "end": None, "endPrecision": None,
    "term": None, "inferred": "true", "startKnown": "true", "onBehalfOf": None, "onBehalfOfLabel": None, "succeeds": None,
    "membership": "res:mem-sang-shengbo-shanxi-isea-rotating-chair",
    # the record lists its start as inferred (the year is not printed either)
    "inferredFields": "start", "sources": SHANXI_SOURCE.removeprefix("res:"), "quotes": Q_SANG,
}
TYUT_ROW = {
    "alliance": "res:shanxi-isea", "allianceLabel": SHANXI_ISEA, "allianceLabelZh": None,
    "holder": "res:tyut", "holderLabel": "Taiyuan University of Technology", "holderLabelZh": "太原理工大学",
    "holderType": "organization", "role": "rotating-chair", "roleLabel": "rotating chair",
    "start": "2025-11-12", "precision": "day", "startInferred": "true", "end": None, "endPrecision": None,
    "term": "1", "inferred": "true", "startKnown": "true", "onBehalfOf": None, "onBehalfOfLabel": None, "succeeds": None,
    "membership": "res:mem-tyut-shanxi-isea-rotating-chair-1",
    # the charter's list of the inaugural rotating chair university is not printed: TYUT is inferred
    "inferredFields": "member", "sources": SHANXI_SOURCE.removeprefix("res:"), "quotes": Q_CHARTER,
}
JUFE_ROW = {
    "alliance": "res:jx-scoe-alliance", "allianceLabel": JX_ALLIANCE, "allianceLabelZh": None,
    "holder": "res:jufe", "holderLabel": "Jiangxi University of Finance and Economics", "holderLabelZh": "江西财经大学",
    "holderType": "organization", "role": "chair", "roleLabel": "chair institution",
    "start": None, "precision": None, "startInferred": None, "end": None, "endPrecision": None,
    "term": None, "inferred": "false", "startKnown": "false", "onBehalfOf": None, "onBehalfOfLabel": None, "succeeds": None,
    "membership": "res:mem-jufe-jx-scoe-alliance-chair",
    "inferredFields": None, "sources": JIANGXI_SOURCE.removeprefix("res:"), "quotes": Q_JUFE_CHAIR,
}


def test_alliance_chairs(seed_kg):
    answer = seed_kg.query("alliance-chairs")
    assert answer.columns[:12] == (
        "alliance", "allianceLabel", "allianceLabelZh", "holder", "holderLabel", "holderLabelZh", "holderType",
        "role", "roleLabel", "start", "precision", "startInferred",
    )
    # Shanxi ("International ...") before Jiangxi; Sang Shengbo before Taiyuan University of Technology
    assert texts(answer) == [SANG_ROW, TYUT_ROW, JUFE_ROW]


def test_alliance_chairs_of_one_alliance(seed_kg):
    assert rows(seed_kg, "alliance-chairs", alliance="jx-scoe-alliance") == [JUFE_ROW]
    assert rows(seed_kg, "alliance-chairs", alliance="shanxi-isea") == [SANG_ROW, TYUT_ROW]
    assert rows(seed_kg, "alliance-chairs", alliance="no-such-alliance") == []
    assert rows(seed_kg, "alliance-chairs", alliance="tyut") == []  # an institution, not an alliance


def test_alliance_chairs_on_a_date(seed_kg):
    # both Shanxi terms start on the founding day; JUFE's start is not printed, so its term counts from
    # the Jiangxi alliance's founding on 18 November
    assert rows(seed_kg, "alliance-chairs", date="2025-11-12") == [SANG_ROW, TYUT_ROW]
    assert rows(seed_kg, "alliance-chairs", date="2025-11-17") == [SANG_ROW, TYUT_ROW]
    assert rows(seed_kg, "alliance-chairs", date="2025-11-18") == [SANG_ROW, TYUT_ROW, JUFE_ROW]
    assert rows(seed_kg, "alliance-chairs", date="2026-06-30") == [SANG_ROW, TYUT_ROW, JUFE_ROW]
    assert rows(seed_kg, "alliance-chairs", date="2025-11-11") == []
    assert rows(seed_kg, "alliance-chairs", date="2025-11-12", alliance="jx-scoe-alliance") == []
    assert rows(seed_kg, "alliance-chairs", date="2025-11-18", alliance="jx-scoe-alliance") == [JUFE_ROW]
    with pytest.raises(QueryError):
        seed_kg.query("alliance-chairs", date="2025-13-45")


# A made-up alliance with terms that end, to check how an end stated as a year or a month counts.
TERMS = """
@prefix res: <https://w3id.org/cheikg/resource/> .
@prefix cheikg: <https://w3id.org/cheikg/ontology#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix time: <http://www.w3.org/2006/time#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix arole: <https://w3id.org/cheikg/vocab/alliance-role/> .
@prefix post: <https://w3id.org/cheikg/vocab/post/> .
@prefix opengov: <http://www.w3.org/ns/opengov#> .

res:test-alliance a cheikg:Alliance ; skos:prefLabel "Test Alliance"@en .
res:t-old a org:Membership, cheikg:AllianceMembership ; org:organization res:test-alliance ; org:member res:jufe ;
    org:role arole:chair ; org:memberDuring res:t-old.during .
res:t-old.during a time:Interval ; time:hasBeginning res:t-old.start ; time:hasEnd res:t-old.end .
res:t-old.start a time:Instant ; time:inXSDDate "2020-01-01"^^xsd:date ; cheikg:datePrecision time:unitYear .
res:t-old.end a time:Instant ; time:inXSDDate "2024-01-01"^^xsd:date ; cheikg:datePrecision time:unitYear .
res:t-mid a org:Membership, cheikg:AllianceMembership ; org:organization res:test-alliance ; org:member res:tyut ;
    org:role arole:co-chair ; org:memberDuring res:t-mid.during .
res:t-mid.during a time:Interval ; time:hasBeginning res:t-mid.start ; time:hasEnd res:t-mid.end .
res:t-mid.start a time:Instant ; time:inXSDDate "2021-01-01"^^xsd:date ; cheikg:datePrecision time:unitMonth .
res:t-mid.end a time:Instant ; time:inXSDDate "2021-06-01"^^xsd:date ; cheikg:datePrecision time:unitMonth .
res:t-new a org:Membership, cheikg:AllianceMembership ; org:organization res:test-alliance ;
    org:member res:nanchang-university ; org:role arole:chair ; org:memberDuring res:t-new.during ; cheikg:succeeds res:t-old .
res:t-new.during a time:Interval ; time:hasBeginning res:t-new.start .
res:t-new.start a time:Instant ; time:inXSDDate "2025-03-01"^^xsd:date ; cheikg:datePrecision time:unitMonth .
res:t-person a org:Membership, cheikg:AllianceMembership ; org:organization res:test-alliance ; org:member res:sang-shengbo ;
    org:role arole:executive-president ; opengov:onBehalfOf res:tyut .
res:t-member a org:Membership, cheikg:AllianceMembership ; org:organization res:test-alliance ; org:member res:uts ;
    org:role arole:member .

res:test-event a cheikg:Event ; skos:prefLabel "Test event in November"@en ; cheikg:date res:test-event.date ;
    cheikg:hasParticipation res:test-event.part .
res:test-event.date a time:Instant ; time:inXSDDate "2025-11-01"^^xsd:date ; cheikg:datePrecision time:unitMonth .
res:test-event.part a cheikg:Participation ; cheikg:participant res:wang-daquan ;
    cheikg:participationRole <https://w3id.org/cheikg/vocab/participation-role/attendee> .
res:post-old a org:Membership, cheikg:PostHolding ; org:member res:wang-daquan ; org:organization res:cscse ;
    org:role post:deputy-director ; org:memberDuring res:post-old.during .
res:post-old.during a time:Interval ; time:hasEnd res:post-old.end .
res:post-old.end a time:Instant ; time:inXSDDate "2024-01-01"^^xsd:date ; cheikg:datePrecision time:unitDay .
"""


@pytest.fixture(scope="module")
def terms_kg(seed_compiled) -> KnowledgeGraph:
    g = Graph()
    for triple in seed_compiled.graph:
        g.add(triple)
    g.parse(data=TERMS, format="turtle")
    return KnowledgeGraph.in_memory(to_ntriples(g).encode())


@pytest.mark.parametrize(
    ("date", "held"),
    [
        ("2019-12-31", set()),
        ("2020-01-01", {"res:t-old"}),
        ("2021-06-30", {"res:t-old", "res:t-mid"}),  # an end month lasts to its last day
        ("2021-07-01", {"res:t-old"}),
        ("2024-12-31", {"res:t-old"}),  # an end year lasts to its last day
        ("2025-01-01", set()),
        ("2025-03-15", {"res:t-new"}),
    ],
)
def test_alliance_chairs_terms_that_end(terms_kg, date, held):
    got = rows(terms_kg, "alliance-chairs", alliance="test-alliance", date=date)
    assert {r["membership"] for r in got} == held


def test_alliance_chairs_of_the_made_up_alliance(terms_kg):
    got = rows(terms_kg, "alliance-chairs", alliance="test-alliance")
    # only chair-like roles: the plain member (UTS) is left out; persons act for an institution
    assert pick(got, "membership", "holderType", "role", "start", "precision", "end", "endPrecision", "onBehalfOfLabel", "succeeds") == [
        ("res:t-old", "organization", "chair", "2020-01-01", "year", "2024-01-01", "year", None, None),
        ("res:t-new", "organization", "chair", "2025-03-01", "month", None, None, None, "res:t-old"),
        ("res:t-mid", "organization", "co-chair", "2021-01-01", "month", "2021-06-01", "month", None, None),
        ("res:t-person", "person", "executive-president", None, None, None, None, "Taiyuan University of Technology", None),
    ]
    assert {(r["sources"], r["quotes"], r["inferredFields"]) for r in got} == {(None, None, None)}


def test_events_period_counts_a_month_as_a_whole(terms_kg):
    def events(**params):
        return {r["event"] for r in rows(terms_kg, "events", **params)} & {"res:test-event"}

    assert events(**{"from": "2025-11-20"}) == {"res:test-event"}
    assert events(**{"from": "2025-12-01"}) == set()
    assert events(to="2025-11-01") == {"res:test-event"}
    assert events(to="2025-10-31") == set()


def test_event_participants_leave_out_posts_ended_before_the_event(terms_kg):
    got = rows(terms_kg, "event-participants", event="test-event")
    # the deputy directorship ended in 2024; only the directorship (no dates) is shown
    assert pick(got, "agent", "role", "post", "postHolding") == [
        ("res:wang-daquan", "attendee", "director", "res:post-wang-daquan-cscse-director")
    ]
    visit = rows(terms_kg, "event-participants", event="cscse-visit-wut-2024-06-18")
    assert "res:post-old" not in {r["postHolding"] for r in visit}


# -- alliance-members


def test_alliance_members(seed_kg):
    got = rows(seed_kg, "alliance-members")
    assert pick(got, "alliance", "member", "memberType", "role", "roleLabel", "start", "precision", "term", "inferred", "membership") == [
        ("res:shanxi-isea", "res:tyut", "organization", "member", "member", None, None, None, "false", "res:mem-tyut-shanxi-isea-member"),
        ("res:shanxi-isea", "res:sang-shengbo", "person", "rotating-chair", "rotating chair", "2025-11-12", "day", None, "true",
         "res:mem-sang-shengbo-shanxi-isea-rotating-chair"),
        ("res:shanxi-isea", "res:tyut", "organization", "rotating-chair", "rotating chair", "2025-11-12", "day", "1", "true",
         "res:mem-tyut-shanxi-isea-rotating-chair-1"),
        ("res:jx-scoe-alliance", "res:jufe", "organization", "chair", "chair institution", None, None, None, "false",
         "res:mem-jufe-jx-scoe-alliance-chair"),
        ("res:jx-scoe-alliance", "res:gannan-normal-university", "organization", "director", "director institution", None, None, None,
         "false", "res:mem-gnnu-jx-scoe-alliance-director"),
        ("res:jx-scoe-alliance", "res:jxutcm", "organization", "director", "director institution", None, None, None, "false",
         "res:mem-jxutcm-jx-scoe-alliance-director"),
        ("res:jx-scoe-alliance", "res:jiangxi-normal-university", "organization", "vice-chair", "vice-chair institution", None, None,
         None, "false", "res:mem-jxnu-jx-scoe-alliance-vice-chair"),
        ("res:jx-scoe-alliance", "res:nanchang-hangkong-university", "organization", "vice-chair", "vice-chair institution", None,
         None, None, "false", "res:mem-nchu-jx-scoe-alliance-vice-chair"),
        ("res:jx-scoe-alliance", "res:nanchang-university", "organization", "vice-chair", "vice-chair institution", None, None, None,
         "false", "res:mem-ncu-jx-scoe-alliance-vice-chair"),
    ]
    assert {r["allianceLabel"] for r in got} == {SHANXI_ISEA, JX_ALLIANCE}
    assert {r["roleLabelZh"] for r in got if r["role"] == "vice-chair"} == {"副理事长单位"}
    assert all(r["onBehalfOf"] is None for r in got)


def test_alliance_members_filters(seed_kg):
    vice = rows(seed_kg, "alliance-members", role="vice-chair")
    assert pick(vice, "member", "memberLabel", "memberLabelZh") == [
        ("res:jiangxi-normal-university", "Jiangxi Normal University", "江西师范大学"),
        ("res:nanchang-hangkong-university", "Nanchang Hangkong University", "南昌航空大学"),
        ("res:nanchang-university", "Nanchang University", "南昌大学"),
    ]
    assert pick(rows(seed_kg, "alliance-members", alliance="shanxi-isea"), "member", "role") == [
        ("res:tyut", "member"), ("res:sang-shengbo", "rotating-chair"), ("res:tyut", "rotating-chair"),
    ]
    assert pick(rows(seed_kg, "alliance-members", alliance="shanxi-isea", role="rotating-chair"), "member") == [
        ("res:sang-shengbo",), ("res:tyut",),
    ]
    assert rows(seed_kg, "alliance-members", alliance="shanxi-isea", role="vice-chair") == []
    assert rows(seed_kg, "alliance-members", role="secretary-general") == []  # not named in the articles
    assert rows(seed_kg, "alliance-members", alliance="no-such-alliance") == []


# -- alliance-stated-counts


def test_alliance_stated_counts(seed_kg):
    got = rows(seed_kg, "alliance-stated-counts")
    assert pick(got, "alliance", "role", "statedCount", "namedHolders", "unnamed", "qualifier", "inferred") == [
        # "15 universities across the province": only TYUT ("fellow member institutions") is named a member
        ("res:shanxi-isea", "member", "15", "1", "14", "universities across the province authorized to enroll international students", "true"),
        # "among its 7 director institutions": JXUTCM and Gannan Normal University
        ("res:jx-scoe-alliance", "director", "7", "2", "5", "director institutions", "false"),
        # "among its 10 vice-chair institutions": Nanchang, Nanchang Hangkong, Jiangxi Normal
        ("res:jx-scoe-alliance", "vice-chair", "10", "3", "7", "vice-chair institutions", "false"),
    ]
    assert pick(got, "founded", "foundedPrecision", "foundingEvent") == [
        ("2025-11-12", "day", "res:shanxi-isea-founding-conference"),
        ("2025-11-18", "day", "res:jx-scoe-alliance-inauguration"),
        ("2025-11-18", "day", "res:jx-scoe-alliance-inauguration"),
    ]
    assert pick(got, "source", "quote") == [(SHANXI_SOURCE, Q_15), (JIANGXI_SOURCE, Q_DIRECTORS), (JIANGXI_SOURCE, Q_JUFE_CHAIR)]
    assert [r["count"] for r in rows(seed_kg, "alliance-stated-counts", alliance="shanxi-isea")] == ["res:shanxi-isea.count.member"]
    assert rows(seed_kg, "alliance-stated-counts", alliance="no-such-alliance") == []


# -- alliances


def test_alliances(seed_kg):
    got = rows(seed_kg, "alliances")
    assert pick(got, "alliance", "label", "founded", "foundedPrecision", "foundedInferred", "foundingEvent", "foundingEventDate",
                "placeLabel", "memberships") == [
        ("res:shanxi-isea", SHANXI_ISEA, "2025-11-12", "day", "true", "res:shanxi-isea-founding-conference", "2025-11-12", None, "3"),
        ("res:jx-scoe-alliance", JX_ALLIANCE, "2025-11-18", "day", "true", "res:jx-scoe-alliance-inauguration", "2025-11-18",
         "Nanchang City", "6"),
    ]
    assert [names(r["scope"]) for r in got] == [{"Shanxi Province"}, {"Jiangxi Province"}]
    assert [names(r["guidedBy"]) for r in got] == [{"Shanxi Provincial Education Department"}, set()]


# -- institution-roles


def test_institution_roles(seed_kg):
    got = rows(seed_kg, "institution-roles")
    assert pick(got, "institution", "alliance", "role", "allianceCount") == [
        ("res:gannan-normal-university", "res:jx-scoe-alliance", "director", "1"),
        ("res:jiangxi-normal-university", "res:jx-scoe-alliance", "vice-chair", "1"),
        ("res:jufe", "res:jx-scoe-alliance", "chair", "1"),
        ("res:jxutcm", "res:jx-scoe-alliance", "director", "1"),
        ("res:nanchang-hangkong-university", "res:jx-scoe-alliance", "vice-chair", "1"),
        ("res:nanchang-university", "res:jx-scoe-alliance", "vice-chair", "1"),
        ("res:tyut", "res:shanxi-isea", "member", "1"),
        ("res:tyut", "res:shanxi-isea", "rotating-chair", "1"),
    ]  # persons (Sang Shengbo) are not institutions


def test_institution_roles_of_one_institution(seed_kg):
    assert rows(seed_kg, "institution-roles", institution="tyut") == [
        {"institution": "res:tyut", "institutionLabel": "Taiyuan University of Technology", "institutionLabelZh": "太原理工大学",
         "allianceCount": "1", "alliance": "res:shanxi-isea", "allianceLabel": SHANXI_ISEA, "role": "member", "roleLabel": "member",
         "start": None, "precision": None, "end": None, "endPrecision": None, "term": None, "inferred": "false",
         "membership": "res:mem-tyut-shanxi-isea-member"},
        {"institution": "res:tyut", "institutionLabel": "Taiyuan University of Technology", "institutionLabelZh": "太原理工大学",
         "allianceCount": "1", "alliance": "res:shanxi-isea", "allianceLabel": SHANXI_ISEA, "role": "rotating-chair",
         "roleLabel": "rotating chair", "start": "2025-11-12", "precision": "day", "end": None, "endPrecision": None, "term": "1",
         "inferred": "true", "membership": "res:mem-tyut-shanxi-isea-rotating-chair-1"},
    ]
    assert rows(seed_kg, "institution-roles", institution="sang-shengbo") == []
    assert rows(seed_kg, "institution-roles", institution="no-such-institution") == []


# -- agreements

COMPREHENSIVE = "res:cscse-wut-comprehensive-strategic-cooperation-agreement"
STUDY_ABROAD = "res:cscse-wut-study-abroad-training-program-cooperation-agreement"
JUFE_UTS = "res:jufe-uts-cooperative-education-agreement"
NCHU_BSU = "res:nchu-bsu-cooperative-education-agreement"
VISIT = "res:cscse-visit-wut-2024-06-18"
IUR = "res:jiangxi-iur-cooperation-conference-2025"
CSCSE = "Chinese Service Center for Scholarly Exchange"
WUT = "Wuhan University of Technology"
WUT_TITLE = "CSCSE 2025 International Education Program Seminar: WUT delivers keynote address"


def agreement_rows(records):
    return [
        (r["agreement"], r["title"], r["type"], r["date"], r["precision"], names(r["parties"]), names(r["countries"]),
         names(r["signatories"]), r["signedAt"], names(r["sources"]), r["inferred"])
        for r in records
    ]


def test_agreements(seed_kg):
    got = rows(seed_kg, "agreements")
    assert agreement_rows(got) == [
        # signed by Director Wang Daquan and WUT President Yang Zongkai during the 18 June 2024 visit (date and occasion inferred)
        (COMPREHENSIVE, "Comprehensive Strategic Cooperation Agreement", "strategic-cooperation-agreement", "2024-06-18", "day",
         {CSCSE, WUT}, {"China"}, {"Wang Daquan", "Yang Zongkai"}, VISIT, {WUT_TITLE}, "true"),
        (STUDY_ABROAD, "Study Abroad Training Program Cooperation Agreement", "program-agreement", "2024-06-18", "day",
         {CSCSE, WUT}, {"China"}, {"Wang Daquan", "Yang Zongkai"}, VISIT, {WUT_TITLE}, "true"),
        # signed at the Nanchang conference of 17 November; no signatories printed
        (JUFE_UTS,
         "Sino-foreign cooperative education project agreement between Jiangxi University of Finance and Economics and the University of Technology Sydney",
         "cooperative-education-agreement", "2025-11-17", "day", {"Jiangxi University of Finance and Economics", "University of Technology Sydney"},
         {"China", "Australia"}, set(), IUR, {JIANGXI_TITLE}, "false"),
        (NCHU_BSU,
         "Sino-foreign cooperative education project agreement between Nanchang Hangkong University and Belarusian State University",
         "cooperative-education-agreement", "2025-11-17", "day", {"Nanchang Hangkong University", "Belarusian State University"},
         {"China", "Belarus"}, set(), IUR, {JIANGXI_TITLE}, "false"),
    ]
    assert got[0]["signedAtLabel"] == "Visit of CSCSE Director Wang Daquan and his team to Wuhan University of Technology"


def test_agreements_of_one_party(seed_kg):
    uts = rows(seed_kg, "agreements", party="uts")
    assert [r["agreement"] for r in uts] == [JUFE_UTS]
    # the filter selects agreements, not parties: the other party is still listed
    assert names(uts[0]["parties"]) == {"Jiangxi University of Finance and Economics", "University of Technology Sydney"}
    assert [r["agreement"] for r in rows(seed_kg, "agreements", party="wut")] == [COMPREHENSIVE, STUDY_ABROAD]
    assert [r["agreement"] for r in rows(seed_kg, "agreements", party="cscse")] == [COMPREHENSIVE, STUDY_ABROAD]
    assert rows(seed_kg, "agreements", party="tyut") == []
    assert rows(seed_kg, "agreements", party="no-such-party") == []


# -- events


def event_rows(records):
    return [
        (r["event"], r["date"], r["precision"], r["dateInferred"], r["type"], names(r["places"]), r["heldAt"], names(r["organizers"]),
         r["partOf"])
        for r in records
    ]


USTB = "University of Science and Technology Beijing"
ALL_EVENTS = [
    ("res:ustb-year-of-internationalization-meeting-2024", "2024-04-12", "day", "false", "work-meeting", {"Jianlong Conference Room"}, None,
     {USTB}, None),
    ("res:cscse-visit-wut-2024-06-18", "2024-06-18", "day", "false", "visit", set(), "res:wut", set(), None),
    ("res:cscse-2025-international-education-program-seminar", "2025-01-03", "day", "true", "seminar", {"Beijing"}, None, {CSCSE}, None),
    ("res:china-sco-hecc-inauguration", "2025-09-02", "day", "true", "inauguration-ceremony", {"Tianjin City"}, None, set(), None),
    ("res:shanxi-isea-founding-conference", "2025-11-12", "day", "true", "founding-conference", set(), "res:tyut", set(), None),
    (IUR, "2025-11-17", "day", "true", "conference", {"Nanchang City"}, None, set(), None),
    ("res:jx-scoe-alliance-inauguration", "2025-11-18", "day", "true", "inauguration-ceremony", {"Nanchang City"}, None, set(), None),
    # no date printed: last, by name
    ("res:ustb-year-of-internationalization-meeting-2024-group-discussion", None, None, None, "group-discussion", set(), None, set(),
     "res:ustb-year-of-internationalization-meeting-2024"),
    ("res:cscse-2025-seminar-group-discussions", None, None, None, "group-discussion", set(), None, set(),
     "res:cscse-2025-international-education-program-seminar"),
    ("res:shanxi-isea-unveiling-ceremony", None, None, None, "unveiling-ceremony", set(), None, set(), "res:shanxi-isea-founding-conference"),
    ("res:china-sco-hecc-unveiling", None, None, None, "unveiling-ceremony", {"iHarbour"}, None, set(), None),
]


def test_events_timeline(seed_kg):
    got = rows(seed_kg, "events")
    assert event_rows(got) == ALL_EVENTS
    assert got[0]["label"] == '"Year of Internationalization" Work Advancement Meeting'
    assert got[4]["heldAtLabel"] == "Taiyuan University of Technology"


def test_events_in_a_period(seed_kg):
    def ids(**params):
        return [r["event"] for r in rows(seed_kg, "events", **params)]

    assert ids(**{"from": "2025-01-01", "to": "2025-10-31"}) == [
        "res:cscse-2025-international-education-program-seminar", "res:china-sco-hecc-inauguration",
    ]
    assert ids(**{"from": "2025-11-13"}) == [IUR, "res:jx-scoe-alliance-inauguration"]
    assert ids(to="2024-12-31") == ["res:ustb-year-of-internationalization-meeting-2024", "res:cscse-visit-wut-2024-06-18"]
    assert ids(**{"from": "2024-06-18", "to": "2024-06-18"}) == ["res:cscse-visit-wut-2024-06-18"]
    assert ids(**{"from": "2026-01-01"}) == []


# -- event-participants

LUO_POST = ("vice president", None, "res:wut")


def test_event_participants_at_the_cscse_seminar(seed_kg):
    got = rows(seed_kg, "event-participants", event="cscse-2025-international-education-program-seminar")
    assert pick(got, "agent", "agentType", "role", "post", "postTitle", "postOrganization", "onBehalfOf", "speechTitle", "inferred") == [
        # "Vice President Luo Rong attended the event on behalf of Wuhan University of Technology (WUT)"
        ("res:luo-rong", "person", "attendee", "vice president", None, "res:wut", "res:wut", None, "false"),
        ("res:luo-rong", "person", "keynote-speaker", "vice president", None, "res:wut", "res:wut", LUO_SPEECH, "false"),
        # "At the seminar, CSCSE Director Wang Daquan presented a keynote report."
        ("res:wang-daquan", "person", "keynote-speaker", "director", None, "res:cscse", None, None, "false"),
    ]
    assert {r["eventDate"] for r in got} == {"2025-01-03"}


def test_event_participants_at_the_shanxi_founding_conference(seed_kg):
    got = rows(seed_kg, "event-participants", event="shanxi-isea-founding-conference")
    assert pick(got, "agent", "role", "post", "postOrganization", "postInferred", "onBehalfOf", "inferred") == [
        # Li Jinbi, "Member of the Party Leadership Group and Deputy Director-General": one row per post
        ("res:li-jinbi", "attendee", "deputy director-general", "res:shanxi-education-department", "false",
         "res:shanxi-education-department", "true"),
        ("res:li-jinbi", "attendee", "member of the party leadership group", "res:shanxi-education-department", "false",
         "res:shanxi-education-department", "true"),
        ("res:li-jinbi", "speaker", "deputy director-general", "res:shanxi-education-department", "false",
         "res:shanxi-education-department", "true"),
        ("res:li-jinbi", "speaker", "member of the party leadership group", "res:shanxi-education-department", "false",
         "res:shanxi-education-department", "true"),
        ("res:liu-wenwei", "speaker", "vice dean", "res:tju-school-of-international-education", "false", "res:tianjin-university", "true"),
        # "Vice President Sang Shengbo": TYUT is inferred, and he is not said to speak for it
        ("res:sang-shengbo", "speaker", "vice president", "res:tyut", "true", None, "false"),
        ("res:shen-xingquan", "attendee", "party secretary", "res:tyut", "false", None, "false"),
        ("res:shen-xingquan", "speaker", "party secretary", "res:tyut", "false", "res:tyut", "true"),
    ]
    assert [r["speechTitle"] for r in got if r["speechTitle"]] == [LIU_SPEECH]
    assert got[4]["postTitle"] == "Vice Dean of the School of International Education at Tianjin University"


def test_event_participants_everywhere_and_unknown_event(seed_kg):
    got = rows(seed_kg, "event-participants")
    participations = {r["participation"] for r in got}
    # 5 participants at the Shanxi conference (8 rows with posts), 3 at the seminar, 3 at the visit, 7 at USTB, 1 at the SCO ceremony
    assert len(participations) == 6 + 3 + 3 + 7 + 1
    assert {r["event"] for r in got} == {
        "res:shanxi-isea-founding-conference", "res:cscse-2025-international-education-program-seminar", "res:cscse-visit-wut-2024-06-18",
        "res:ustb-year-of-internationalization-meeting-2024", "res:china-sco-hecc-inauguration",
    }
    assert rows(seed_kg, "event-participants", event="no-such-event") == []


# -- person-posts

ALL_POSTS = [
    ("res:li-jinbi", "deputy-director-general", "res:shanxi-education-department", "Deputy Director-General", "2025-11-12", "false"),
    ("res:li-jinbi", "party-leadership-group-member", "res:shanxi-education-department", "Member of the Party Leadership Group", "2025-11-12",
     "false"),
    ("res:liu-wenwei", "vice-dean", "res:tju-school-of-international-education",
     "Vice Dean of the School of International Education at Tianjin University", "2025-11-12", "false"),
    ("res:luo-rong", "vice-president", "res:wut", None, "2025-01-03", "false"),
    ("res:lyu-zhaoping", "vice-president", "res:ustb", "Vice President of USTB", "2024-04-12", "false"),
    ("res:sang-shengbo", "vice-president", "res:tyut", "Vice President", "2025-11-12", "true"),
    ("res:shen-xingquan", "party-secretary", "res:tyut", "Secretary of TYUT Party Committee", "2025-11-12", "false"),
    ("res:wang-daquan", "director", "res:cscse", None, "2025-01-03", "false"),
    ("res:yang-renshu", "president", "res:ustb", "President of USTB", "2024-04-12", "false"),
    ("res:yang-zongkai", "president", "res:wut", None, "2024-06-18", "true"),
    ("res:yu-chengwen", "vice-chancellor", "res:ustb", "Vice Chancellor of USTB", "2024-04-12", "false"),
    ("res:zhang-dawei", "director", "res:ustb-office-of-international-affairs", "Director of the Office of International Affairs", "2024-04-12",
     "false"),
    ("res:zhang-liqun", "president", "res:xjtu", None, "2025-09-02", "false"),
]


def test_person_posts(seed_kg):
    got = rows(seed_kg, "person-posts")
    assert pick(got, "person", "role", "organization", "title", "asOf", "inferred") == ALL_POSTS
    assert {r["asOfPrecision"] for r in got} == {"day"}
    assert all(r["start"] is None and r["end"] is None for r in got)  # no article prints a tenure


def test_person_posts_of_one_person(seed_kg):
    assert rows(seed_kg, "person-posts", person="sang-shengbo") == [
        {"person": "res:sang-shengbo", "personLabel": "Sang Shengbo", "personLabelZh": None, "role": "vice-president",
         "roleLabel": "vice president", "roleLabelZh": "副校长、副会长、副社长", "title": "Vice President", "organization": "res:tyut",
         "organizationLabel": "Taiyuan University of Technology", "organizationLabelZh": "太原理工大学", "jurisdiction": None,
         "jurisdictionLabel": None, "start": None, "startPrecision": None, "end": None, "endPrecision": None, "former": "false",
         "asOf": "2025-11-12", "asOfPrecision": "day", "inferred": "true",
         "postHolding": "res:post-sang-shengbo-tyut-vice-president"},
    ]
    assert pick(rows(seed_kg, "person-posts", person="li-jinbi"), "role") == [("deputy-director-general",), ("party-leadership-group-member",)]
    assert rows(seed_kg, "person-posts", person="tyut") == []
    assert rows(seed_kg, "person-posts", person="no-such-person") == []


# -- organizations

ORGANIZATION_IDS = {
    "tyut", "tianjin-university", "wut", "jufe", "nanchang-university", "nanchang-hangkong-university", "jiangxi-normal-university",
    "jxutcm", "gannan-normal-university", "ustb", "xjtu", "tju-school-of-international-education", "wut-school-of-international-education",
    "wut-international-office", "ustb-office-of-international-affairs", "queen-mary-college-ncu", "griffith-college-jufe", "qmul",
    "griffith-university", "uts", "belarusian-state-university", "moe", "mfa", "cscse", "shanxi-education-department",
    "shanxi-provincial-party-committee", "shanxi-provincial-government", "jiangxi-education-department", "shaanxi-peoples-government",
    "china-sco-hecc", "sco", "cae",
}


# the MOE codes the seed records state: those institutions of the reference list keep the records' ids
SEED_MOE_CODES = {
    "4114010112", "4112010056", "4142010497", "4136010421", "4136010403", "4136010406", "4136010414", "4136010412", "4136010418",
    "4111010008", "4161010698",
}


def listed_institutions() -> set[str]:
    """The ids of the reference institutions no seed record is (data/reference/institutions.csv, read here with csv)."""
    with (Path(__file__).resolve().parent.parent / "data" / "reference" / "institutions.csv").open(encoding="utf-8", newline="") as fh:
        return {f"res:{r['id']}" for r in csv.DictReader(fh) if r["moe_code"] not in SEED_MOE_CODES}


def test_organizations_one_row_each(seed_kg):
    got = rows(seed_kg, "organizations")
    # every organization record, and every institution of the MOE list (2,919, of which 11 are seed records)
    assert len(got) == len(ORGANIZATION_IDS) + 2919 - 11 == 2940
    assert {r["organization"] for r in got} == {f"res:{i}" for i in ORGANIZATION_IDS} | listed_institutions()
    assert [r["type"] for r in got] == sorted(r["type"] for r in got)


def test_organizations_rows(seed_kg):
    by_id = {r["organization"]: r for r in rows(seed_kg, "organizations")}

    def row(org_id):
        r = dict(by_id[org_id])
        for col in ("acronyms", "foreignPartners", "coBuiltBy", "guidedBy"):
            r[col] = names(r[col])
        return r

    assert row("res:tyut") == {
        "organization": "res:tyut", "type": "university", "typeLabel": "university or college",
        "label": "Taiyuan University of Technology", "labelZh": "太原理工大学", "acronyms": {"TYUT"}, "parent": None, "parentLabel": None,
        "foreignPartners": set(), "coBuiltBy": set(), "guidedBy": set(), "placeLabel": "Taiyuan City", "cityLabel": "Taiyuan City",
        "provinceLabel": "Shanxi Province", "countryLabel": "China", "moeCode": "4114010112",
        "founded": None, "foundedPrecision": None, "dissolved": None, "dissolvedPrecision": None, "description": None,
    }
    # "jointly built by XJTU and the Shaanxi Provincial People's Government under the guidance and support of the Chinese
    # Ministry of Education and the Ministry of Foreign Affairs"; launched in Xi'an
    assert row("res:china-sco-hecc") == {
        "organization": "res:china-sco-hecc", "type": "cooperation-centre", "typeLabel": "cooperation centre",
        "label": "China-SCO Higher Education Cooperation Center", "labelZh": None, "acronyms": set(), "parent": None, "parentLabel": None,
        "foreignPartners": set(), "coBuiltBy": {"Xi'an Jiaotong University", "Shaanxi Provincial People's Government"},
        "guidedBy": {"Ministry of Education", "Ministry of Foreign Affairs"}, "placeLabel": "Xi'an City", "cityLabel": "Xi'an City",
        "provinceLabel": "Shaanxi Province", "countryLabel": "China", "moeCode": None,
        "founded": None, "foundedPrecision": None, "dissolved": None, "dissolvedPrecision": None, "description": None,
    }
    assert row("res:queen-mary-college-ncu") == {
        "organization": "res:queen-mary-college-ncu", "type": "joint-institute", "typeLabel": "joint Sino-foreign institute",
        "label": "Queen Mary College at Nanchang University", "labelZh": None, "acronyms": set(), "parent": "res:nanchang-university",
        "parentLabel": "Nanchang University", "foreignPartners": {"Queen Mary University of London"}, "coBuiltBy": set(), "guidedBy": set(),
        "placeLabel": None, "cityLabel": None, "provinceLabel": None, "countryLabel": "China", "moeCode": None,
        "founded": None, "foundedPrecision": None, "dissolved": None, "dissolvedPrecision": None, "description": None,
    }
    # Beijing is a municipality: one place that is both the province-level division and the city
    assert (row("res:ustb")["placeLabel"], row("res:ustb")["cityLabel"], row("res:ustb")["provinceLabel"]) == ("Beijing", "Beijing", "Beijing")
    assert row("res:wut")["acronyms"] == {"WUT", "WHUT"}
    assert row("res:cscse")["parent"] == "res:moe"
    assert row("res:sco")["countryLabel"] is None
    assert row("res:uts")["countryLabel"] == "Australia"


# -- joint-institutes

GRIFFITH_COLLEGE = {
    "institute": "res:griffith-college-jufe",
    "instituteLabel": "Griffith College of Digital Intelligence at Jiangxi University of Finance and Economics", "instituteLabelZh": None,
    "host": "res:jufe", "hostLabel": "Jiangxi University of Finance and Economics", "hostLabelZh": "江西财经大学",
    "hostRelation": "unit-of", "partner": "res:griffith-university", "partnerLabel": "Griffith University", "partnerCountry": "res:au",
    "partnerCountryLabel": "Australia", "legalPerson": None, "legalPersonInferred": None, "partnerInferred": "true",
}
QUEEN_MARY_COLLEGE = {
    "institute": "res:queen-mary-college-ncu", "instituteLabel": "Queen Mary College at Nanchang University", "instituteLabelZh": None,
    "host": "res:nanchang-university", "hostLabel": "Nanchang University", "hostLabelZh": "南昌大学",
    "hostRelation": "unit-of", "partner": "res:qmul", "partnerLabel": "Queen Mary University of London", "partnerCountry": "res:gb",
    "partnerCountryLabel": "United Kingdom of Great Britain and Northern Ireland", "legalPerson": None, "legalPersonInferred": None,
    "partnerInferred": "true",
}
# the 14 institutions the MOE list remarks as cooperatively run (中外合作办学及内地与港澳合作办学): legal persons,
# which the list does not print (so inferred); no record of the seed names their hosts or partners
MOE_COOPERATIVE = {
    "moe-4131016404": "上海纽约大学", "moe-4132013962": "苏州百年职业学院", "moe-4132016403": "西交利物浦大学",
    "moe-4132016406": "昆山杜克大学", "moe-4133016301": "宁波诺丁汉大学", "moe-4133016405": "温州肯恩大学",
    "moe-4135016411": "福州墨尔本理工职业学院", "moe-4141014685": "郑州亚欧交通职业学院", "moe-4144014851": "香港城市大学（东莞）",
    "moe-4144016401": "北京师范大学-香港浸会大学联合国际学院", "moe-4144016407": "香港中文大学（深圳）",
    "moe-4144016409": "深圳北理莫斯科大学", "moe-4144016410": "广东以色列理工学院", "moe-4144016412": "香港科技大学（广州）",
}


def test_joint_institutes(seed_kg):
    got = rows(seed_kg, "joint-institutes")
    # the article names the colleges only; the partners are read from their names, so inferred
    assert [r for r in got if not r["institute"].startswith("res:moe-")] == [GRIFFITH_COLLEGE, QUEEN_MARY_COLLEGE]
    listed = {(r["institute"], r["instituteLabelZh"], r["legalPerson"], r["legalPersonInferred"], r["host"], r["partner"])
              for r in got if r["institute"].startswith("res:moe-")}
    assert listed == {(f"res:{i}", zh, "true", "true", None, None) for i, zh in MOE_COOPERATIVE.items()}
    assert len(got) == 16
    assert rows(seed_kg, "joint-institutes", host="nanchang-university") == [QUEEN_MARY_COLLEGE]
    assert rows(seed_kg, "joint-institutes", host="jufe") == [GRIFFITH_COLLEGE]
    assert rows(seed_kg, "joint-institutes", host="tyut") == []
    assert rows(seed_kg, "joint-institutes", host="no-such-university") == []


# -- programs

SCO_UNVEILING = "res:china-sco-hecc-unveiling"


def test_programs(seed_kg):
    got = rows(seed_kg, "programs")
    assert [(r["program"], r["type"], names(r["launchedBy"]), r["launchedAt"], r["about"]) for r in got] == [
        # released at the unveiling ceremony in iHarbour, Xi'an; who launched them is not printed
        ("res:sco-countries-cultural-education-publishing-alliance-initiative-project", "initiative", set(), SCO_UNVEILING, "res:china-sco-hecc"),
        ("res:sco-excellent-talent-overseas-internship-program", "program", set(), SCO_UNVEILING, "res:china-sco-hecc"),
        ("res:sco-international-curriculum-system-construction-project", "project", set(), SCO_UNVEILING, "res:china-sco-hecc"),
        ("res:sco-international-summer-school-project", "summer-school", set(), SCO_UNVEILING, "res:china-sco-hecc"),
        ("res:sco-excellent-engineering-talent-training-and-evaluation-standard-project", "project", set(), SCO_UNVEILING,
         "res:china-sco-hecc"),
        ("res:sco-university-student-affairs-development-forum-project", "project", set(), SCO_UNVEILING, "res:china-sco-hecc"),
        # USTB's strategies
        ("res:ustb-358-initiative", "strategy", {USTB}, None, "res:ustb"),
        ("res:ustb-year-of-internationalization", "strategy", {USTB}, None, "res:ustb"),
    ]
    # the unveiling has no printed date, and no program has a launch date of its own
    assert all(r["eventDate"] is None and r["date"] is None for r in got)
    assert got[0]["launchedAtLabel"] == "Unveiling ceremony of the China-SCO Higher Education Cooperation Center"


def test_programs_about_one_organization(seed_kg):
    assert pick(rows(seed_kg, "programs", about="ustb"), "label") == [("358 initiative",), ("Year of Internationalization",)]
    assert len(rows(seed_kg, "programs", about="china-sco-hecc")) == 6
    assert rows(seed_kg, "programs", about="xjtu") == []


# -- documents


def test_documents(seed_kg):
    got = rows(seed_kg, "documents")
    assert [(r["document"], r["type"], r["about"], names(r["issuedBy"]), r["adoptedAt"], r["adoptedAtDate"], r["date"], r["precision"])
            for r in got] == [
        ("res:china-sco-hecc-construction-plan", "plan", "res:china-sco-hecc", set(), SCO_UNVEILING, None, None, None),
        ("res:shanxi-isea-charter", "charter", "res:shanxi-isea", set(), "res:shanxi-isea-founding-conference", "2025-11-12", "2025-11-12",
         "day"),
        ("res:shanxi-isea-proposal", "proposal", "res:shanxi-isea", {"Sang Shengbo"}, "res:shanxi-isea-founding-conference", "2025-11-12",
         None, None),
        # the USTB article: "two important reply letters to USTB by President XI Jinping", undated
        ("res:xi-jinping-reply-letters-to-ustb", "letter", "res:ustb", {"Xi Jinping"}, None, None, None, None),
    ]
    assert got[1]["title"] == "Charter of the International Students Education Alliance in Shanxi"
    assert [r["document"] for r in rows(seed_kg, "documents", about="china-sco-hecc")] == ["res:china-sco-hecc-construction-plan"]
    assert rows(seed_kg, "documents", about="jx-scoe-alliance") == []


# -- sources-of


def test_sources_of_a_membership(seed_kg):
    assert rows(seed_kg, "sources-of", entity="mem-jufe-jx-scoe-alliance-chair") == [
        {"entity": "res:mem-jufe-jx-scoe-alliance-chair", "fact": "res:mem-jufe-jx-scoe-alliance-chair", "factLabel": None, "relation": "self",
         "source": JIANGXI_SOURCE, "sourceTitle": JIANGXI_TITLE, "publisher": "新华网", "published": "2025-12-18", "quote": Q_JUFE_CHAIR},
    ]


def test_sources_of_an_institution(seed_kg):
    got = rows(seed_kg, "sources-of", entity="jufe")
    assert pick(got, "fact", "relation", "source", "quote") == [
        # the reference data sets its list entry and ROR record come from (data/reference), without quotes
        ("res:jufe", "self", "res:ref-moe-hei-list-2025", None),
        ("res:jufe", "self", "res:ref-ror-cn", None),
        ("res:jufe", "self", JIANGXI_SOURCE, Q_JUFE_CHAIR),
        ("res:griffith-college-jufe", "org:subOrganizationOf", JIANGXI_SOURCE, Q_JOINT),
        # the party node inherits the agreement's source but not its quote ...
        ("res:jufe-uts-cooperative-education-agreement.party.jufe", "cheikg:party", JIANGXI_SOURCE, None),
        ("res:mem-jufe-jx-scoe-alliance-chair", "org:member", JIANGXI_SOURCE, Q_JUFE_CHAIR),
        # ... which the agreement itself carries
        (JUFE_UTS, "cheikg:hasParty", JIANGXI_SOURCE, Q_SIGNED_NOV17),
    ]
    assert {(r["sourceTitle"], r["publisher"], r["published"]) for r in got if r["source"] == JIANGXI_SOURCE} == {(JIANGXI_TITLE, "新华网", "2025-12-18")}
    assert (got[0]["sourceTitle"], got[0]["published"]) == ("List of ordinary higher-education institutions of China, as of 2025-06-20", "2025-06-20")


def test_sources_of_an_alliance_include_its_stated_counts(seed_kg):
    got = rows(seed_kg, "sources-of", entity="jx-scoe-alliance")
    assert {(r["fact"], r["relation"]) for r in got} == {
        ("res:jx-scoe-alliance", "self"),
        ("res:jx-scoe-alliance.count.vice-chair", "cheikg:hasStatedCount"),
        ("res:jx-scoe-alliance.count.director", "cheikg:hasStatedCount"),
        *{(f"res:{m}", "org:organization") for m in (
            "mem-jufe-jx-scoe-alliance-chair", "mem-ncu-jx-scoe-alliance-vice-chair", "mem-nchu-jx-scoe-alliance-vice-chair",
            "mem-jxnu-jx-scoe-alliance-vice-chair", "mem-jxutcm-jx-scoe-alliance-director", "mem-gnnu-jx-scoe-alliance-director")},
    }
    assert [r["quote"] for r in got if r["fact"] == "res:jx-scoe-alliance.count.director"] == [Q_DIRECTORS]


def test_sources_of_a_fact_cited_twice_from_one_article(seed_kg):
    # Nanchang Hangkong University cites two sentences of the same article: one row each
    got = rows(seed_kg, "sources-of", entity="nanchang-hangkong-university")
    assert sorted(r["quote"] for r in got if r["relation"] == "self" and r["source"] == JIANGXI_SOURCE) == sorted([Q_JUFE_CHAIR, Q_SIGNED_NOV17])


def test_sources_of_needs_a_known_entity(seed_kg):
    assert rows(seed_kg, "sources-of", entity="no-such-entity") == []
    with pytest.raises(QueryError):
        seed_kg.query("sources-of")


def test_sources_of_a_reference_place(seed_kg):
    # no article names the United Kingdom: its record is the reference country GB, from the ISO 3166,
    # Chinese country name and CLDR (its common English name) data sets; QMUL's country points to it, and QMUL is an entry of the world list
    got = rows(seed_kg, "sources-of", entity="gb")
    assert pick(got, "fact", "relation", "source") == [
        ("res:gb", "self", "res:ref-cldr-territories"), ("res:gb", "self", "res:ref-countries-zh"), ("res:gb", "self", "res:ref-iso3166"),
        ("res:qmul", "cheikg:country", "res:ref-world-universities"), ("res:qmul", "cheikg:country", JIANGXI_SOURCE),
    ]


# -- inferred-facts and inferred-dates


def test_inferred_facts(seed_kg):
    got = rows(seed_kg, "inferred-facts")
    tyut, sxedu = "Taiyuan University of Technology", "Shanxi Provincial Education Department"
    visit = "Visit of CSCSE Director Wang Daquan and his team to Wuhan University of Technology"
    part = "res:shanxi-isea-founding-conference.part."
    assert pick(got, "fact", "property", "values") == [
        ("res:china-sco-hecc-inauguration.part.zhang-liqun.speaker", "opengov:onBehalfOf", "Xi'an Jiaotong University"),
        ("res:cscse-visit-wut-2024-06-18.part.wang-daquan.signatory", "cheikg:participationRole", "signatory"),
        ("res:cscse-visit-wut-2024-06-18.part.yang-zongkai.signatory", "cheikg:participationRole", "signatory"),
        (COMPREHENSIVE, "cheikg:date", "2024-06-18"),
        (COMPREHENSIVE, "cheikg:signedAt", visit),
        (STUDY_ABROAD, "cheikg:date", "2024-06-18"),
        (STUDY_ABROAD, "cheikg:signedAt", visit),
        ("res:griffith-college-jufe", "cheikg:foreignPartner", "Griffith University"),
        ("res:griffith-university", "skos:prefLabel", "Griffith University"),
        ("res:jianlong-conference-room", "schema:containedInPlace", "Beijing"),
        ("res:mem-sang-shengbo-shanxi-isea-rotating-chair", "time:hasBeginning", "2025-11-12"),
        ("res:mem-tyut-shanxi-isea-rotating-chair-1", "org:member", tyut),
        *[(f"res:{i}", "cheikg:hasLegalPersonality", "true") for i in sorted(MOE_COOPERATIVE)],
        ("res:post-sang-shengbo-tyut-vice-president", "org:organization", tyut),
        ("res:post-yang-zongkai-wut-president", "cheikg:attestedOn", "2024-06-18"),
        ("res:qmul", "skos:prefLabel", "Queen Mary University of London"),
        ("res:queen-mary-college-ncu", "cheikg:foreignPartner", "Queen Mary University of London"),
        (part + "li-jinbi.attendee", "opengov:onBehalfOf", sxedu),
        (part + "li-jinbi.speaker", "opengov:onBehalfOf", sxedu),
        (part + "liu-wenwei.speaker", "opengov:onBehalfOf", "Tianjin University"),
        (part + "shen-xingquan.speaker", "opengov:onBehalfOf", tyut),
        ("res:shanxi-isea.count.member", "cheikg:countedRole", "member"),
        ("res:ustb-office-of-international-affairs", "org:subOrganizationOf", USTB),
        ("res:wut-international-office", "org:subOrganizationOf", WUT),
        ("res:wut-school-of-international-education", "org:subOrganizationOf", WUT),
    ]
    tyut_chair = next(r for r in got if r["fact"] == "res:mem-tyut-shanxi-isea-rotating-chair-1")
    assert tyut_chair["note"].startswith("The article says an inaugural rotating chair university was approved but does not name it.")
    # an institution of the MOE list is a legal person by law, which the list does not print
    assert {r["note"] for r in got if r["property"] == "cheikg:hasLegalPersonality"} == {LEGAL_PERSON_NOTE}


def test_inferred_dates(seed_kg):
    got = rows(seed_kg, "inferred-dates")
    # every date the articles print without a year: 12 November (Shanxi), 3 January (CSCSE seminar),
    # 17 and 18 November (Jiangxi), 2 September (SCO centre)
    expected = {
        ("res:cscse-2025-international-education-program-seminar", "cheikg:date", "2025-01-03"),
        ("res:post-luo-rong-wut-vice-president", "cheikg:attestedOn", "2025-01-03"),
        ("res:post-wang-daquan-cscse-director", "cheikg:attestedOn", "2025-01-03"),
        ("res:china-sco-hecc-inauguration", "cheikg:date", "2025-09-02"),
        ("res:post-zhang-liqun-xjtu-president", "cheikg:attestedOn", "2025-09-02"),
        ("res:shanxi-isea", "cheikg:foundingDate", "2025-11-12"),
        ("res:shanxi-isea-founding-conference", "cheikg:date", "2025-11-12"),
        ("res:shanxi-isea-charter", "cheikg:date", "2025-11-12"),
        ("res:mem-sang-shengbo-shanxi-isea-rotating-chair", "time:hasBeginning", "2025-11-12"),
        ("res:mem-tyut-shanxi-isea-rotating-chair-1", "time:hasBeginning", "2025-11-12"),
        *{(f"res:{p}", "cheikg:attestedOn", "2025-11-12") for p in (
            "post-li-jinbi-shanxi-edu-plg-member", "post-li-jinbi-shanxi-edu-deputy-dg", "post-shen-xingquan-tyut-party-secretary",
            "post-sang-shengbo-tyut-vice-president", "post-liu-wenwei-tju-sie-vice-dean")},
        (IUR, "cheikg:date", "2025-11-17"),
        (JUFE_UTS, "cheikg:date", "2025-11-17"),
        (NCHU_BSU, "cheikg:date", "2025-11-17"),
        ("res:jx-scoe-alliance", "cheikg:foundingDate", "2025-11-18"),
        ("res:jx-scoe-alliance-inauguration", "cheikg:date", "2025-11-18"),
    }
    assert len(got) == len(expected) == 20
    assert set(pick(got, "fact", "property", "date")) == expected
    assert {(r["precision"], r["inferredPart"]) for r in got} == {("day", "year")}
    assert [r["date"] for r in got] == sorted(r["date"] for r in got)
    assert all(r["note"] for r in got)
