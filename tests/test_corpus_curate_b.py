"""Facts of the articles curated by curate-b (data/articles/sources-2: 048, 052, 054, 073, 075, 077), asked of the corpus graph.

Every expected value is read off the article text (data/articles/sources-2/NNN_*.txt) and the
records that transcribe it (data/facts/*.yaml ingested from /work/curation/curate-b), not pasted
from a run of the queries: the China-Central Asia Universities Alliance founded by 51 universities
on 27 September [2016] in Urumqi, UIBE the Chinese lead and secretariat of the China-Russia Economic
Universities Alliance since it led its founding in 2013, and so on. A date whose year is an editor's
[bracketed] note is inferred; an English name that only the editor's gloss gives is inferred.

The graph is ``corpus_kg`` (all of data/ with its reference tables); the assertions pick the rows of
these articles' entities, so other curators' additions do not move them.
"""

from __future__ import annotations

from cheikg.api import KnowledgeGraph

from conftest import texts


def rows(kg: KnowledgeGraph, name: str, **params) -> list[dict]:
    return texts(kg.query(name, **params))


def pick(records: list[dict], *cols: str) -> list[tuple]:
    return [tuple(r[c] for c in cols) for r in records]


def one(records: list[dict], **match) -> dict:
    found = [r for r in records if all(r[k] == v for k, v in match.items())]
    assert len(found) == 1, (match, found)
    return found[0]


# -- 054 SCIO/Xinhua: the China-Central Asia Universities Alliance (中国-中亚国家大学联盟), Urumqi 2016

CCAUA = "china-central-asia-universities-alliance"
CCAUA_FORUM = "res:china-central-asia-university-presidents-forum-2016"


def test_054_founded_in_urumqi_on_27_september_2016_by_51_universities(corpus_kg):
    alliance = one(rows(corpus_kg, "alliances"), alliance=f"res:{CCAUA}")
    assert pick([alliance], "labelZh", "founded", "foundedPrecision", "foundedInferred", "foundingEvent", "placeLabel", "scope") == [
        ("中国-中亚国家大学联盟", "2016-09-27", "day", "true", CCAUA_FORUM, "Urumqi City", "Central Asia | China"),
    ]
    counts = rows(corpus_kg, "alliance-stated-counts", alliance=CCAUA)
    assert pick(counts, "role", "statedCount", "qualifier", "inferred") == [
        ("founding-member", "51", "来自中国、中亚以及丝绸之路经济带沿线共7个国家的高校", "false"),
    ]


def test_054_the_six_named_members(corpus_kg):
    got = rows(corpus_kg, "alliance-members", alliance=CCAUA)
    assert sorted(pick(got, "member", "memberLabelZh", "role")) == [
        ("res:altai-state-technical-university", "阿尔泰国立技术大学", "member"),
        ("res:eurasian-university-kazakhstan", "欧亚大学", "member"),
        ("res:magtymguly-state-university", "马赫土穆库里国立大学", "member"),
        ("res:moe-4143010533", "中南大学", "member"),
        ("res:moe-4165010755", "新疆大学", "member"),
        ("res:tsinghua-university", "清华大学", "member"),
    ]


def test_054_the_declaration_issued_at_the_presidents_forum(corpus_kg):
    docs = rows(corpus_kg, "documents", about=CCAUA)
    assert pick(docs, "document", "titleZh", "type", "adoptedAt", "date") == [
        ("res:china-central-asia-universities-alliance-declaration", "中国-中亚国家大学联盟宣言", "declaration", CCAUA_FORUM, "2016-09-27"),
    ]
    forum = one(rows(corpus_kg, "events"), event=CCAUA_FORUM)
    assert pick([forum], "type", "labelZh", "date", "dateInferred", "places") == [("forum", "中国-中亚国家大学校长论坛", "2016-09-27", "true", "Urumqi City")]
    programs = [r for r in rows(corpus_kg, "programs") if r["about"] == f"res:{CCAUA}"]
    assert sorted(pick(programs, "labelZh", "type")) == [
        ("在中亚国家建设新的孔子学院", "project"),
        ("建立国别联合研究中心、国际智库合作平台以及跨区域、跨学科的重大问题研究中心", "project"),
    ]


# -- 073 UIBE: the China-Russia Economic Universities Alliance (中俄经济类大学联盟) and the 2023 joint statement

CREUA = "china-russia-economic-universities-alliance"
SIMILAR = "china-russia-similar-universities-alliances"


def test_073_uibe_led_the_founding_in_2013_and_is_chinese_lead_and_secretariat(corpus_kg):
    alliance = one(rows(corpus_kg, "alliances"), alliance=f"res:{CREUA}")
    assert pick([alliance], "labelZh", "founded", "foundedPrecision", "scope", "guidedBy") == [
        ("中俄经济类大学联盟", "2013-01-01", "year", "China | Russian Federation", "Ministry of Education"),
    ]
    got = rows(corpus_kg, "alliance-members", alliance=CREUA)
    assert pick(got, "member", "memberLabelZh", "role", "start", "precision") == [
        ("res:uibe", "对外经济贸易大学", "initiator", "2013-01-01", "year"),
        ("res:uibe", "对外经济贸易大学", "lead-institution", None, None),
        ("res:uibe", "对外经济贸易大学", "secretariat-host", None, None),
    ]


def test_073_the_joint_statement_of_21_march_2023_supports_the_alliances_of_similar_universities(corpus_kg):
    docs = rows(corpus_kg, "documents", about=SIMILAR)
    assert pick(docs, "document", "titleZh", "type", "date", "precision", "issuedBy") == [
        ("res:china-russia-joint-statement-2023-03-21", "中华人民共和国和俄罗斯联邦关于深化新时代全面战略协作伙伴关系的联合声明", "declaration",
         "2023-03-21", "day", None),  # "中俄双方": the two states are no records
    ]
    counts = rows(corpus_kg, "alliance-stated-counts", alliance=SIMILAR)
    assert pick(counts, "role", "statedCount", "qualifier", "inferred") == [("member", "700", "双方参与院校", "true")]


def test_073_the_2022_presidents_forum_co_hosted_by_uibe_moscow_university_and_spb_economics(corpus_kg):
    forum = "china-russia-similar-universities-alliances-presidents-forum-2022"
    got = rows(corpus_kg, "event-participants", event=forum)
    assert sorted(pick(got, "agent", "role")) == [
        ("res:lomonosov-moscow-state-university", "host"),
        ("res:st-petersburg-state-university-of-economics", "host"),
        ("res:uibe", "host"),
    ]
    event = one(rows(corpus_kg, "events"), event=f"res:{forum}")
    assert pick([event], "type", "labelZh", "date", "dateInferred") == [("forum", "中俄同类大学联盟校长论坛", "2022-12-08", "false")]
    # the economic alliance is read as one of the alliances of similar universities: inferred
    members = rows(corpus_kg, "alliance-members", alliance=SIMILAR)
    assert pick(members, "member", "role", "inferred") == [(f"res:{CREUA}", "member", "true")]
