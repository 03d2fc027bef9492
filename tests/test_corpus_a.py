"""Facts of the articles curated by curator A (shared/sources 001-013), asked of the corpus graph.

Every expected value is read off the article text (/work/shared/sources/NNN_*.txt) and the records that
transcribe it (data/facts/*-NNN-*.yaml), not pasted from a run of the queries: UANSR founded on
22 May [2015] in Xi'an with the Xi'an Declaration, Qiu Yong the AUA's Founding President, NEFU made
ASRTU co-chair in its tenth-anniversary year, Wang Dinghua the Chinese executive director of the
China-Africa mechanism, and so on. A date whose year is an editor's [bracketed] note is inferred.

The graph is ``corpus_kg`` (all of data/ with its reference tables), so the assertions
use ids and the labels of curated records, not the labels the reference tables add (Qingdao, Nanning).
"""

from __future__ import annotations

from cheikg.api import KnowledgeGraph

from conftest import texts


def rows(kg: KnowledgeGraph, name: str, **params) -> list[dict]:
    return texts(kg.query(name, **params))


def pick(records: list[dict], *cols: str) -> list[tuple]:
    return [tuple(r[c] for c in cols) for r in records]


def picked(records: list[dict], *cols: str) -> set[tuple]:
    """The distinct tuples (queries that cite give one row per supporting quote)."""
    return set(pick(records, *cols))


def names(joined: str | None) -> frozenset[str]:
    return frozenset(joined.split(" | ")) if joined else frozenset()


def one(records: list[dict], **match) -> dict:
    found = [r for r in records if all(r[k] == v for k, v in match.items())]
    assert len(found) == 1, (match, found)
    return found[0]


# -- 001 XJTU: the University Alliance of the New Silk Road (UANSR)


def test_001_uansr_founded_in_xian_on_22_may_2015_with_the_xian_declaration(corpus_kg):
    uansr = one(rows(corpus_kg, "alliances"), alliance="res:uansr")
    assert pick([uansr], "label", "founded", "foundedPrecision", "foundedInferred", "foundingEvent", "foundingEventDate", "placeLabel") == [
        ("University Alliance of the New Silk Road", "2015-05-22", "day", "true",  # "22 May [2015]"
         "res:silk-road-education-fair-opening-ceremony-2015", "2015-05-22", "Xi'an City"),
    ]
    docs = rows(corpus_kg, "documents", about="uansr")
    assert pick(docs, "document", "type", "issuedBy", "adoptedAt", "date", "precision") == [
        ("res:xjtu-uansr-global-call-2015", "proposal", "Xi'an Jiaotong University", None, "2015-01-01", "month"),
        ("res:uansr-xian-declaration", "declaration", None, "res:silk-road-education-fair-opening-ceremony-2015", "2015-05-22", "day"),
    ]


def test_001_xjtu_initiated_uansr_and_close_to_100_universities_attended(corpus_kg):
    assert pick(rows(corpus_kg, "alliance-members", alliance="uansr"), "member", "role", "start") == [
        ("res:xjtu", "initiator", None),
        # sources-2/075: the Central Asia-China forum is one of its regional alliances (curate-b)
        ("res:central-asia-china-higher-education-cooperation-forum", "member", None),
    ]
    assert pick(rows(corpus_kg, "alliance-stated-counts", alliance="uansr"), "role", "statedCount", "qualifier", "namedHolders", "inferred") == [
        # the one member named (by 075) is the Central Asia-China forum
        ("member", "100", "close to 100 universities from 22 countries and regions", "1", "true"),
    ]


def test_001_the_fair_was_sponsored_by_shaanxi_and_organised_by_its_education_department_and_xjtu(corpus_kg):
    fair = one(rows(corpus_kg, "events"), event="res:silk-road-education-fair-2015")
    assert pick([fair], "type", "date", "organizers", "places") == [("fair", None, "Shaanxi Provincial People's Government", "Xi'an City")]
    opening = one(rows(corpus_kg, "events"), event="res:silk-road-education-fair-opening-ceremony-2015")
    assert pick([opening], "type", "date", "dateInferred", "partOf") == [("opening-ceremony", "2015-05-22", "true", "res:silk-road-education-fair-2015")]
    assert pick(rows(corpus_kg, "event-participants", event="silk-road-education-fair-2015"), "agent", "role") == [
        ("res:shaanxi-education-department", "host"), ("res:xjtu", "host"),
    ]


# -- 002 Tsinghua: the first Asian Universities Alliance Executives' Meeting


def test_002_aua_executive_and_founding_presidents(corpus_kg):
    chairs = rows(corpus_kg, "alliance-chairs", alliance="aua")
    assert picked(chairs, "holder", "holderLabel", "holderType", "role", "start") == {
        ("res:bundhit-eua-arporn", "Bundhit Eua-arporn", "person", "executive-president", None),
        ("res:qiu-yong", "Qiu Yong", "person", "founding-president", None),
    }
    assert {r["sources"] for r in chairs} == {"tsinghua-aua-first-executives-meeting-2017"}


def test_002_tsinghua_led_the_launch_is_a_founding_institution_and_hosts_the_secretariat(corpus_kg):
    got = rows(corpus_kg, "alliance-members", alliance="aua")
    assert sorted(r["role"] for r in got if r["member"] == "res:tsinghua-university") == ["founding-member", "initiator", "secretariat-host"]
    assert pick(rows(corpus_kg, "alliance-members", alliance="aua", role="secretariat-host"), "member", "memberLabelZh") == [
        ("res:tsinghua-university", "清华大学"),
    ]


def test_002_the_first_executives_meeting_at_chulalongkorn(corpus_kg):
    meeting = one(rows(corpus_kg, "events"), event="res:aua-executives-meeting-2017")
    assert pick([meeting], "date", "dateInferred", "endDate", "heldAt") == [("2017-11-16", "true", "2017-11-17", "res:chulalongkorn-university")]
    got = rows(corpus_kg, "event-participants", event="aua-executives-meeting-2017")
    assert pick(got, "agent", "role", "post", "postOrganization", "onBehalfOf") == [
        ("res:bundhit-eua-arporn", "speaker", "president", "res:chulalongkorn-university", None),
        ("res:chulalongkorn-university", "host", None, None, None),
        ("res:yuan-si", "attendee", "vice chair", "res:tsinghua-university", "res:tsinghua-university"),  # headed the delegation
    ]
    assert pick(rows(corpus_kg, "person-posts", person="yuan-si"), "role", "title", "organization") == [
        ("vice-chair", "Vice Chairperson of the University Council of Tsinghua University", "res:tsinghua-university"),
    ]
    docs = rows(corpus_kg, "documents", about="aua")
    assert pick(docs, "document", "type", "issuedBy") == [
        ("res:aua-constitution", "charter", None),
        ("res:aua-executives-meeting-2017-congratulatory-letter", "letter", "Qiu Yong"),
    ]


# -- 004 Guangzhou: the Guangdong-Hong Kong-Macao University Alliance for Postgraduate Education

GBA_PG = "guangdong-hong-kong-macao-university-alliance-for-postgraduate-education"


def test_004_four_universities_launched_the_postgraduate_alliance(corpus_kg):
    got = rows(corpus_kg, "alliance-members", alliance=GBA_PG)
    assert pick(got, "member", "role") == [
        ("res:guangzhou-university", "initiator"),
        ("res:macau-university-of-science-and-technology", "initiator"),
        ("res:sun-yat-sen-university", "initiator"),
        ("res:hong-kong-polytechnic-university", "initiator"),  # "The Hong Kong ..." sorts last
    ]


def test_004_founded_at_a_signing_ceremony_during_the_youth_scholars_forum(corpus_kg):
    alliance = one(rows(corpus_kg, "alliances"), alliance=f"res:{GBA_PG}")
    assert pick([alliance], "founded", "foundedInferred", "foundingEvent") == [
        ("2019-10-31", "true", "res:gd-hk-macao-postgraduate-alliance-signing-ceremony-2019"),
    ]
    signing = one(rows(corpus_kg, "events"), event="res:gd-hk-macao-postgraduate-alliance-signing-ceremony-2019")
    assert pick([signing], "type", "partOf", "date") == [("signing-ceremony", "res:ghmua-youth-scholars-forum-2019", "2019-10-31")]
    forum = one(rows(corpus_kg, "events"), event="res:ghmua-youth-scholars-forum-2019")
    assert pick([forum], "type", "heldAt", "places") == [("forum", "res:sun-yat-sen-university", "Guangzhou campus of Sun Yat-sen University")]


def test_004_forum_speakers_and_their_posts(corpus_kg):
    got = rows(corpus_kg, "event-participants", event="ghmua-youth-scholars-forum-2019")
    assert pick(got, "agent", "role", "post", "postOrganization", "inferred") == [
        ("res:luo-jun", "speaker", "president", "res:sun-yat-sen-university", "true"),
        ("res:wai-ping-kong-alexander", "speaker", "vice president", "res:hong-kong-polytechnic-university", "true"),
    ]


# -- 005 ISTU: the Association of Sino-Russian Technical Universities (ASRTU)


def test_005_asrtu_founded_6_march_2011_at_hit_shenzhen_by_bauman_and_hit(corpus_kg):
    asrtu = one(rows(corpus_kg, "alliances"), alliance="res:asrtu")
    assert pick([asrtu], "founded", "foundedPrecision", "foundedInferred", "foundingEvent") == [("2011-03-06", "day", "false", "res:asrtu-founding-2011")]
    founding = one(rows(corpus_kg, "events"), event="res:asrtu-founding-2011")
    assert pick([founding], "type", "date", "heldAt") == [("founding", "2011-03-06", "res:hit-shenzhen-branch")]
    assert pick(rows(corpus_kg, "alliance-members", alliance="asrtu", role="initiator"), "member") == [
        ("res:bauman-moscow-state-technical-university",), ("res:harbin-institute-of-technology",),
    ]


def test_005_thirty_founding_members_and_istu_a_full_member_since_2011(corpus_kg):
    counts = rows(corpus_kg, "alliance-stated-counts", alliance="asrtu")
    assert picked(counts, "role", "statedCount", "namedHolders", "unnamed") == {("founding-member", "30", "0", "30")}
    # the count is cited by both ASRTU articles (005: "30 universities, 15 from each country"; 006: "thirty")
    assert {r["source"] for r in counts} == {"res:istu-asrtu-convention-st-petersburg", "res:nefu-asrtu-co-chair-2021"}
    istu = one(rows(corpus_kg, "alliance-members", alliance="asrtu", role="member"), member="res:kalashnikov-izhevsk-state-technical-university")
    assert pick([istu], "start", "precision") == [("2011-01-01", "year")]


def test_005_convention_in_st_petersburg_at_itmo(corpus_kg):
    conv = one(rows(corpus_kg, "events"), event="res:asrtu-convention-st-petersburg")
    # "From 22 to 24 September": no year is printed, so no date
    assert pick([conv], "date", "places", "heldAtLabel") == [
        (None, "St. Petersburg", "Saint Petersburg National Research University of Information Technologies, Mechanics and Optics"),
    ]
    assert pick(rows(corpus_kg, "event-participants", event="asrtu-convention-st-petersburg"), "agent", "post", "onBehalfOf") == [
        ("res:alexander-elensky", "vice-rector", "res:kalashnikov-izhevsk-state-technical-university"),
    ]


# -- 006 NEFU: co-chair of ASRTU


def test_006_nefu_co_chair_since_2021_and_aleksandrov_chairman_on_the_russian_side(corpus_kg):
    chairs = rows(corpus_kg, "alliance-chairs", alliance="asrtu")
    assert picked(chairs, "holder", "role", "start", "precision", "startInferred") == {
        ("res:anatoly-aleksandrov", "chair", None, None, None),
        ("res:north-eastern-federal-university", "co-chair", "2021-01-01", "year", "true"),
    }
    # before the tenth-anniversary year NEFU was not co-chair; Aleksandrov's start is not printed (counted from 2011)
    assert picked(rows(corpus_kg, "alliance-chairs", alliance="asrtu", date="2020-12-31"), "holder") == {("res:anatoly-aleksandrov",)}


def test_006_nefu_joined_in_2015_at_the_shanghai_meeting(corpus_kg):
    nefu = one(rows(corpus_kg, "alliance-members", alliance="asrtu", role="member"), member="res:north-eastern-federal-university")
    assert pick([nefu], "start", "precision") == [("2015-01-01", "year")]
    meeting = one(rows(corpus_kg, "events"), event="res:asrtu-meeting-shanghai-2015")
    assert pick([meeting], "date", "precision") == [("2015-01-01", "year")]


def test_006_rectors_and_projects(corpus_kg):
    assert pick(rows(corpus_kg, "person-posts", person="anatoly-aleksandrov"), "role", "organization", "asOf") == [
        ("rector", "res:bauman-moscow-state-technical-university", "2021-04-02"),
    ]
    assert pick(rows(corpus_kg, "person-posts", person="anatoly-nikolaev"), "role", "organization") == [
        ("rector", "res:north-eastern-federal-university"),
    ]
    assert pick(rows(corpus_kg, "programs", about="asrtu"), "program", "type", "launchedBy") == [
        ("res:asrtu-friendship-trains", "program", "Association of Sino-Russian Technical Universities"),
        ("res:asrtu-research-paper-competition", "project", "Association of Sino-Russian Technical Universities"),
    ]


# -- 007 China Daily: the BRICS University League


def test_007_league_launched_in_beijing_in_october_2015_for_the_five_brics_members(corpus_kg):
    league = one(rows(corpus_kg, "alliances"), alliance="res:brics-university-league")
    assert pick([league], "founded", "foundedPrecision", "foundedInferred", "placeLabel") == [("2015-10-01", "month", "false", "Beijing")]
    proposal = one(rows(corpus_kg, "events"), event="res:brics-studies-conference-2013")
    assert pick([proposal], "label", "date", "precision") == [
        ("International Academic Conference and Seminars on BRICS Studies", "2013-07-01", "month"),
    ]
    assert pick(rows(corpus_kg, "alliance-stated-counts", alliance="brics-university-league"), "role", "statedCount", "inferred") == [
        ("initiator", "9", "true"),  # "educators from nine higher-education institutions in China and Russia"
    ]


def test_007_secretariat_at_beijing_normal_university(corpus_kg):
    assert pick(rows(corpus_kg, "alliance-members", alliance="brics-university-league"), "member", "role") == [
        ("res:beijing-normal-university", "secretariat-host"),
    ]
    assert pick(rows(corpus_kg, "person-posts", person="wang-lei"), "role", "organization", "organizationLabel") == [
        ("director", "res:bnu-center-for-cooperation-among-brics-members", "Center for Cooperation Among BRICS Members"),
    ]


def test_007_the_education_minister_and_the_ministers_declaration(corpus_kg):
    assert pick(rows(corpus_kg, "person-posts", person="chen-baosheng"), "role", "organization", "asOf") == [
        ("minister", "res:moe", "2017-09-05"),
    ]
    decl = one(rows(corpus_kg, "documents"), document="res:brics-education-ministers-declaration-2017")
    assert pick([decl], "type", "date", "precision") == [("declaration", "2017-07-01", "month")]


# -- 008 People's Daily: the China-Arab Consortium of Universities Exchange Mechanism

ARAB = "china-arab-consortium-of-universities-exchange-mechanism"


def test_008_inaugurated_in_amman_on_19_september_2023(corpus_kg):
    mech = one(rows(corpus_kg, "alliances"), alliance=f"res:{ARAB}")
    assert pick([mech], "founded", "foundedInferred", "foundingEvent", "placeLabel") == [
        ("2023-09-19", "true", "res:china-arab-consortium-inauguration-2023", "Amman"),
    ]
    # "on Tuesday" under the date line "AMMAN, 20 September": the day and the year are the editor's "[19 September 2023]"
    dates = [r for r in rows(corpus_kg, "inferred-dates") if r["fact"] in (f"res:{ARAB}", "res:china-arab-consortium-inauguration-2023")]
    assert sorted(pick(dates, "fact", "property", "date", "inferredPart")) == [
        ("res:china-arab-consortium-inauguration-2023", "cheikg:date", "2023-09-19", "day"),
        ("res:china-arab-consortium-inauguration-2023", "cheikg:date", "2023-09-19", "year"),
        (f"res:{ARAB}", "cheikg:foundingDate", "2023-09-19", "day"),
        (f"res:{ARAB}", "cheikg:foundingDate", "2023-09-19", "year"),
    ]


def test_008_speakers_at_the_inauguration(corpus_kg):
    got = rows(corpus_kg, "event-participants", event="china-arab-consortium-inauguration-2023")
    assert pick(got, "agent", "role", "post", "postOrganization") == [
        ("res:amr-ezzat-salama", "speaker", "secretary-general", "res:association-of-arab-universities"),
        ("res:chen-chuandong", "speaker", "ambassador", "res:embassy-of-china-in-jordan"),
        ("res:du-yubo", "speaker", "president", "res:china-association-of-higher-education"),
    ]


def test_008_du_yubo_president_of_cahe_reported_by_two_articles(corpus_kg):
    got = rows(corpus_kg, "person-posts", person="du-yubo")
    assert pick(got, "role", "organization", "asOf") == [("president", "res:china-association-of-higher-education", "2023-09-19")]
    sources = {r["source"] for r in rows(corpus_kg, "sources-of", entity="post-du-yubo-cahe-president")}
    assert {"res:people-china-arab-consortium-exchange-mechanism-2023", "res:chinadaily-china-africa-consortium-chinese-secretariat-2023"} <= sources


# -- 010 China Daily: the Chinese Secretariat of the China-Africa mechanism unveiled at BFSU

AFRICA = "china-africa-consortium-of-universities-exchange-mechanism"


def test_010_cahe_and_aau_held_the_unveiling_at_bfsu_on_31_august_2023(corpus_kg):
    ev = one(rows(corpus_kg, "events"), event="res:china-africa-consortium-chinese-secretariat-unveiling-2023")
    assert pick([ev], "type", "date", "dateInferred", "heldAt") == [("unveiling-ceremony", "2023-08-31", "false", "res:beijing-foreign-studies-university")]
    assert names(ev["organizers"]) == {"China Association of Higher Education", "Association of African Universities"}


def test_010_six_unveilers_and_two_speakers(corpus_kg):
    got = rows(corpus_kg, "event-participants", event="china-africa-consortium-chinese-secretariat-unveiling-2023")
    assert {r["agent"] for r in got if r["role"] == "unveiler"} == {
        "res:du-yubo", "res:zhang-daliang", "res:o-b-oyewole", "res:wang-dinghua", "res:yang-dan", "res:hao-qingjie",
    }
    assert {r["agent"] for r in got if r["role"] == "speaker"} == {"res:du-yubo", "res:o-b-oyewole"}
    assert picked([r for r in got if r["agent"] == "res:yang-dan"], "post") == {("president",), ("deputy party secretary",)}


def test_010_bfsu_hosts_the_chinese_secretariat_inferred(corpus_kg):
    got = rows(corpus_kg, "alliance-members", alliance=AFRICA, role="secretariat-host")
    assert pick(got, "member", "start", "inferred") == [("res:beijing-foreign-studies-university", "2023-08-31", "true")]


# -- 011 BFSU: the mechanism's annual conference, second phase


def test_011_wang_dinghua_chinese_executive_director(corpus_kg):
    got = rows(corpus_kg, "alliance-members", alliance=AFRICA, role="chinese-director")
    assert pick(got, "member", "memberLabel") == [("res:wang-dinghua", "Wang Dinghua")]


def test_011_annual_conference_hosted_by_bfsu_ended_7_september_2024(corpus_kg):
    ev = one(rows(corpus_kg, "events"), event="res:china-africa-consortium-annual-conference-2024")
    assert pick([ev], "type", "date", "endDate", "heldAt") == [("annual-meeting", None, "2024-09-07", "res:beijing-foreign-studies-university")]
    got = rows(corpus_kg, "event-participants", event="china-africa-consortium-annual-conference-2024")
    assert picked(got, "agent", "role") == {
        ("res:beijing-foreign-studies-university", "host"), ("res:wang-dinghua", "speaker"), ("res:jia-wenjian", "speaker"),
    }


def test_011_bfsu_presidents_in_2023_and_2024(corpus_kg):
    # two articles, two dates: Yang Dan on 31 August 2023 (010), Jia Wenjian on 7 September [2024] (011)
    yang = rows(corpus_kg, "person-posts", person="yang-dan")
    jia = rows(corpus_kg, "person-posts", person="jia-wenjian")
    assert pick(yang, "role", "organization", "asOf") == [
        ("deputy-party-secretary", "res:beijing-foreign-studies-university", "2023-08-31"),
        ("president", "res:beijing-foreign-studies-university", "2023-08-31"),
    ]
    assert pick(jia, "role", "organization", "asOf") == [
        ("deputy-party-secretary", "res:beijing-foreign-studies-university", "2024-09-07"),
        ("president", "res:beijing-foreign-studies-university", "2024-09-07"),
    ]


# -- 013 ASEAN-China Centre: the ASEAN-China Arts Colleges Alliance (ACACA)


def test_013_acaca_inaugurated_16_march_2017_with_19_first_members(corpus_kg):
    acaca = one(rows(corpus_kg, "alliances"), alliance="res:acaca")
    assert pick([acaca], "founded", "foundedInferred", "foundingEvent", "foundingEventDate") == [
        ("2017-03-16", "false", "res:acaca-inauguration-2017", "2017-03-16"),
    ]
    assert pick(rows(corpus_kg, "alliance-stated-counts", alliance="acaca"), "role", "statedCount", "qualifier") == [
        ("founding-member", "19", "first ACACA member colleges and universities"),
    ]
    ev = one(rows(corpus_kg, "events"), event="res:acaca-inauguration-2017")
    assert ev["places"] == "Nanning International Convention and Exhibition Center"


def test_013_three_initiators(corpus_kg):
    assert pick(rows(corpus_kg, "alliance-members", alliance="acaca"), "member", "role") == [
        ("res:asean-china-centre", "initiator"),
        ("res:guangxi-arts-university", "initiator"),
        ("res:seameo-rihed", "initiator"),
    ]


def test_013_officials_and_consulates_at_the_inauguration(corpus_kg):
    got = rows(corpus_kg, "event-participants", event="acaca-inauguration-2017")
    assert {r["agent"] for r in got if r["agentType"] != "person"} == {
        f"res:consulate-general-of-{c}-in-nanning" for c in ("lao-pdr", "malaysia", "myanmar", "thailand")
    }
    assert picked([r for r in got if r["agent"] == "res:deng-jun"], "role", "post", "postOrganization") == {
        ("attendee", "party secretary", "res:guangxi-arts-university"),
        ("speaker", "party secretary", "res:guangxi-arts-university"),
    }
    assert pick(rows(corpus_kg, "person-posts", person="chantavit-sujatanond"), "role", "title", "organization") == [
        ("director", "Centre Director of SEAMEO RIHED", "res:seameo-rihed"),
    ]


# -- across the articles: the same persons in several events and alliances


def test_du_yubo_and_wang_dinghua_appear_across_articles(corpus_kg):
    du = rows(corpus_kg, "persons-across-events", person="du-yubo")
    assert {r["contexts"] for r in du} == {"2"}
    assert picked(du, "context", "role") == {
        ("res:china-arab-consortium-inauguration-2023", "speaker"),  # 008, Amman
        ("res:china-africa-consortium-chinese-secretariat-unveiling-2023", "speaker"),  # 010, BFSU
        ("res:china-africa-consortium-chinese-secretariat-unveiling-2023", "unveiler"),
    }
    wang = rows(corpus_kg, "persons-across-events", person="wang-dinghua")
    assert {r["contexts"] for r in wang} == {"3"}
    assert picked(wang, "context", "contextType", "role") == {
        ("res:china-africa-consortium-chinese-secretariat-unveiling-2023", "event", "unveiler"),  # 010
        ("res:china-africa-consortium-annual-conference-2024", "event", "speaker"),  # 011
        (f"res:{AFRICA}", "alliance", "chinese-director"),  # 011
    }
