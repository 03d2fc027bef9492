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

import shutil
from pathlib import Path

import pytest
import yaml

from cheikg.submission import validate_paths

from test_corpus_a import one, pick, rows  # the corpus tests' helpers: a query's rows as text, columns picked

DATA = Path(__file__).resolve().parent.parent / "data"


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


# -- 048 InfoSCO: the University of the Shanghai Cooperation Organization (USCO), 2014


def test_048_putin_proposed_the_sco_university_in_2007_and_it_counts_80_institutions(corpus_kg):
    got = rows(corpus_kg, "alliance-members", alliance="usco")
    assert sorted(pick(got, "member", "memberType", "role", "start", "inferred"), key=str) == [
        ("res:dalian-university-of-foreign-languages", "organization", "member", None, "true"),  # read from its USCO students
        ("res:vladimir-putin", "person", "initiator", "2007-01-01", "false"),
    ]
    counts = rows(corpus_kg, "alliance-stated-counts", alliance="usco")
    assert pick(counts, "role", "statedCount", "qualifier", "namedHolders") == [("member", "80", "USCO higher education institutions", "1")]
    summit = one(rows(corpus_kg, "events"), event="res:sco-summit-bishkek-2007")
    assert pick([summit], "type", "date", "precision", "places") == [("meeting", "2007-01-01", "year", "Bishkek")]


def test_048_sui_zhan_secretary_general_of_the_chinese_universities_council(corpus_kg):
    got = rows(corpus_kg, "person-posts", person="sui-zhan")
    assert pick(got, "role", "organization", "organizationLabel") == [
        ("secretary-general", "res:usco-chinese-universities-coordination-council",
         "internal coordination council of the Chinese universities of the USCO"),
    ]


def test_048_xi_jinping_announced_grants_to_30000_sco_students_at_nazarbayev_university(corpus_kg):
    grants = one(rows(corpus_kg, "programs"), program="res:china-government-grants-30000-sco-students")
    assert pick([grants], "type", "launchedBy", "launchedAt", "about") == [
        ("program", "Xi Jinping", "res:xi-jinping-speech-nazarbayev-university", "res:sco"),
    ]
    speech = rows(corpus_kg, "event-participants", event="xi-jinping-speech-nazarbayev-university")
    assert pick(speech, "agent", "role") == [("res:xi-jinping", "speaker")]
    assert one(rows(corpus_kg, "events"), event="res:xi-jinping-speech-nazarbayev-university")["heldAt"] == "res:nu-edu-kz"


# -- 052 MSU on EurekAlert!: the Rectors Forum of Russian and Chinese universities, 5 July 2016


def test_052_the_rectors_forum_at_msu_within_the_commissions_xvii_session(corpus_kg):
    forum = one(rows(corpus_kg, "events"), event="res:russian-chinese-rectors-forum-2016")
    assert pick([forum], "type", "date", "dateInferred", "heldAt", "partOf", "places") == [
        ("forum", "2016-07-05", "false", "res:lomonosov-moscow-state-university",
         "res:russian-chinese-commission-for-humanitarian-cooperation-xvii-session", "Moscow"),
    ]
    session = one(rows(corpus_kg, "events"), event="res:russian-chinese-commission-for-humanitarian-cooperation-xvii-session")
    assert pick([session], "type", "organizers") == [("meeting", "Russian-Chinese Commission for Humanitarian Cooperation")]


def test_052_rector_sadovnichiy_opened_the_forum(corpus_kg):
    assert pick(rows(corpus_kg, "event-participants", event="russian-chinese-rectors-forum-2016"), "agent", "role", "post") == [
        ("res:victor-sadovnichiy", "speaker", "rector"),
    ]
    assert pick(rows(corpus_kg, "person-posts", person="victor-sadovnichiy"), "role", "organization", "asOf") == [
        ("rector", "res:lomonosov-moscow-state-university", "2016-07-05"),
    ]


def test_052_the_joint_university_in_shenzhen_with_the_partner_as_printed(corpus_kg):
    got = [r for r in rows(corpus_kg, "joint-institutes") if r["institute"] == "res:msu-beijing-university-of-technology-joint-university-shenzhen"]
    assert pick(got, "partner", "partnerCountry") == [("res:lomonosov-moscow-state-university", "res:ru")]
    got = one(rows(corpus_kg, "organizations"), organization="res:msu-beijing-university-of-technology-joint-university-shenzhen")
    assert pick([got], "type", "coBuiltBy") == [("joint-institute", "Beijing University of Technology | Lomonosov Moscow State University")]


# -- 075 XJTU: the Central Asia-China Higher Education Cooperation Forum, KazNU 2023

CACHEF = "central-asia-china-higher-education-cooperation-forum"


def test_075_xjtu_and_kaznu_initiated_the_forum_and_are_its_permanent_co_chairs(corpus_kg):
    chairs = rows(corpus_kg, "alliance-chairs", alliance=CACHEF)
    assert sorted({(r["holder"], r["role"], r["start"], r["inferred"]) for r in chairs}) == [
        ("res:kaznu-kz", "co-chair", None, "true"),  # the side (Kazakhstan) is the curator's reading
        ("res:xjtu", "co-chair", None, "true"),
    ]
    counts = rows(corpus_kg, "alliance-stated-counts", alliance=CACHEF)
    assert pick(counts, "role", "statedCount", "namedHolders") == [("initiator", "20", "2")]
    # one of the regional alliances of XJTU's Silk Road alliance
    got = [r for r in rows(corpus_kg, "alliance-members", alliance="uansr") if r["member"] == f"res:{CACHEF}"]
    assert pick(got, "role", "memberType", "inferred") == [("member", "organization", "true")]


def test_075_the_first_session_at_kaznu_and_the_speakers_of_its_opening_ceremony(corpus_kg):
    forum = one(rows(corpus_kg, "events"), event=f"res:{CACHEF}-2023")
    assert pick([forum], "type", "date", "dateInferred", "heldAt", "organizers") == [
        ("forum", "2023-10-14", "true", "res:kaznu-kz", "Al-Farabi Kazakh National University | Xi'an Jiaotong University"),
    ]
    speakers = rows(corpus_kg, "event-participants", event=f"{CACHEF}-2023-opening-ceremony")
    assert sorted(pick(speakers, "agent", "role", "post")) == [
        ("res:darkhan-ahmed-zaki", "speaker", "vice-minister"),
        ("res:jiang-wei-consul-general-almaty", "speaker", "consul-general"),
        ("res:malik-otarbayev", "speaker", None),  # his post has a jurisdiction, no organization: event-participants shows none
        ("res:tuimebayev-zhanseit-kanseituly", "speaker", "rector"),
        ("res:wang-shuguo", "speaker", "president"),
    ]


def test_075_the_forum_is_an_alliance_of_central_asia_with_its_co_chairs(corpus_kg):
    got = one(rows(corpus_kg, "region-alliances", region="m49-central-asia"), alliance=f"res:{CACHEF}")
    assert pick([got], "ties", "countries", "chairs", "secretariats") == [
        ("member | scope", "Central Asia | Kazakhstan", "Al-Farabi Kazakh National University (co-chair) | Xi'an Jiaotong University (co-chair)", None),
    ]


# -- 077 CEAIE: the China-Australia University Presidents Forum and the China-Australia Research University Alliance, 2024

CARUA = "china-australia-research-university-alliance"


def test_077_the_forum_co_hosted_by_ceaie_and_the_go8_in_adelaide(corpus_kg):
    forum = one(rows(corpus_kg, "events"), event="res:china-australia-university-presidents-forum-2024")
    assert pick([forum], "type", "date", "dateInferred", "places", "organizers") == [
        ("forum", "2024-05-29", "true", "Adelaide", "China Education Association for International Exchange | Group of Eight Australia"),
    ]
    got = rows(corpus_kg, "event-participants", event="china-australia-university-presidents-forum-2024")
    assert sorted(set(pick(got, "agent", "role"))) == [  # a row per post the participant held (Mark Scott, Peter Høj: two)
        ("res:fu-bo", "speaker"), ("res:li-wei-education-office-embassy-australia", "attendee"), ("res:mark-scott", "speaker"),
        ("res:peter-hoj", "speaker"), ("res:vicki-thompson", "moderator"),
    ]


def test_077_the_alliances_first_meeting_and_its_22_and_8_universities(corpus_kg):
    meeting = one(rows(corpus_kg, "events"), event=f"res:{CARUA}-first-meeting-2024")
    assert pick([meeting], "type", "date", "places") == [("meeting", "2024-05-29", "Adelaide")]
    counts = rows(corpus_kg, "alliance-stated-counts", alliance=CARUA)
    assert sorted(pick(counts, "role", "statedCount", "qualifier", "inferred")) == [
        ("member", "22", "leading Chinese universities", "true"),
        ("member", "8", "leading research-intensive universities of Australia", "true"),
    ]


def test_077_posts_of_the_go8_chair_and_deputy_chair(corpus_kg):
    assert sorted(pick(rows(corpus_kg, "person-posts", person="mark-scott"), "role", "organization", "title")) == [
        ("chair", "res:group-of-eight-australia", "Chair of the Go8"),
        ("president", "res:sydney-edu-au", "Vice-Chancellor of the University of Sydney"),
    ]
    assert sorted(pick(rows(corpus_kg, "person-posts", person="peter-hoj"), "role", "organization", "title")) == [
        ("president", "res:adelaide-edu-au", "Vice-Chancellor of the University of Adelaide"),
        ("vice-chair", "res:group-of-eight-australia", "Deputy Chair of the Go8"),
    ]
    # Fu Bo's stored post, reported again by this article
    fu_bo = rows(corpus_kg, "person-posts", person="fu-bo")
    assert pick(fu_bo, "role", "organization") == [("deputy-secretary-general", "res:china-education-association-for-international-exchange")]


# -- the model's fields, added to these articles' records after they were ingested


def test_heads_of_state_and_advisors_as_posts_of_a_jurisdiction(corpus_kg):
    got = rows(corpus_kg, "person-posts", person="kassym-jomart-tokayev")
    assert pick(got, "role", "title", "organization", "jurisdiction", "asOf") == [
        ("head-of-state", "president of Kazakhstan", None, "res:kz", "2023-10-14"),
    ]
    assert pick(rows(corpus_kg, "person-posts", person="malik-otarbayev"), "role", "jurisdiction") == [("senior-advisor", "res:kz")]
    assert pick(rows(corpus_kg, "person-posts", person="vladimir-putin"), "role", "title", "jurisdiction", "asOf", "asOfPrecision") == [
        ("head-of-state", "Russian President", "res:ru", "2007-01-01", "year"),
    ]
    assert pick(rows(corpus_kg, "person-posts", person="jiang-wei-consul-general-almaty"), "role", "organization") == [("consul-general", "res:mfa")]
    assert pick(rows(corpus_kg, "person-posts", person="vicki-thompson"), "role", "organization") == [("chief-executive", "res:group-of-eight-australia")]


def test_themes_ordinals_supporters_and_attendance(corpus_kg):
    events = {r["event"]: r for r in rows(corpus_kg, "events")}
    forum = events[f"res:{CACHEF}-2023"]
    assert pick([forum], "ordinal", "theme", "supporters") == [
        ("1", "Integration of Industry and Education of the Fourth Industrial Revolution", "Ministry of Education | Ministry of Education of Kazakhstan"),
    ]
    assert events["res:russian-chinese-commission-for-humanitarian-cooperation-xvii-session"]["ordinal"] == "17"
    assert events[f"res:{CARUA}-first-meeting-2024"]["ordinal"] == "1"
    adelaide = rows(corpus_kg, "event-attendance", event="china-australia-university-presidents-forum-2024")
    assert sorted(pick(adelaide, "statedCount", "approximation", "qualifier"), key=str) == [
        ("22", None, "leading Chinese universities"),
        ("8", None, "leading research-intensive universities of Australia"),
        ("80", "more-than", "presidents and representatives"),
    ]
    urumqi = rows(corpus_kg, "event-attendance", event="china-central-asia-university-presidents-forum-2016")
    assert pick(urumqi, "statedCount", "approximation") == [("100", "more-than")]  # "100余名"


# -- an ingested article validated against the data without it: clean, as when it was ingested


@pytest.mark.parametrize("stored", [
    "036-china-central-asia-universities-alliance-urumqi-2016.yaml",  # new entities, a region as scope, reference universities
    "038-central-asia-china-higher-education-cooperation-forum-kaznu-2023.yaml",  # additions to stored records (uansr)
])
def test_an_ingested_article_validates_clean_against_the_data_without_it(tmp_path, stored):
    data = tmp_path / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns(stored, "__pycache__"))
    records = yaml.safe_load((DATA / "facts" / stored).read_text(encoding="utf-8"))
    del records["submissions"]  # written by ingest: the submission as it was sent had none
    submission = tmp_path / stored
    submission.write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=False), encoding="utf-8")
    report = validate_paths([submission], data, tmp_path / "build")
    assert [str(f) for f in report.findings] == []
