"""Articles 025-040 of the corpus (curator C's ten), asked through the query library.

The expected values are read off the articles in /work/shared/sources (025, 026, 028, 030, 032,
033, 034, 035, 039, 040) and the records that transcribe them (data/facts/*-<slug>.yaml), not
pasted from a run: the Silk Road Wheat Innovation Alliance was announced at NWAFU on 2 November
[2019] with Zhang Zhengmao "elected council chairman"; the Ministry of Education "approved Wenzhou
University and Kean University to prepare for the establishment of Wenzhou-Kean University" on
16 November 2011 and "formally approved the establishment of WKU" on 31 March 2014; and so on.
The session graph (`corpus_kg`) compiles data/ without the reference tables, so the tests compare
ids and the labels of curated records, not labels only the reference data gives (countries such
as the United States, cities such as Kunshan). Columns that join several names (GROUP_CONCAT)
are compared as sets.
"""

from __future__ import annotations

from cheikg.api import KnowledgeGraph

from conftest import texts

MOE_LABEL = "Ministry of Education"


def rows(kg: KnowledgeGraph, name: str, **params) -> list[dict]:
    return texts(kg.query(name, **params))


def pick(records: list[dict], *cols: str) -> set[tuple]:
    return {tuple(r[c] for c in cols) for r in records}


def names(joined: str | None) -> frozenset[str]:
    return frozenset(joined.split(" | ")) if joined else frozenset()


def one(records: list[dict], col: str, value: str) -> dict:
    (row,) = [r for r in records if r[col] == value]
    return row


def event_row(kg: KnowledgeGraph, event: str, **period) -> dict:
    return one(rows(kg, "events", **period), "event", f"res:{event}")


def organization_row(kg: KnowledgeGraph, organization: str) -> dict:
    return one(rows(kg, "organizations"), "organization", f"res:{organization}")


# -- 025 NWAFU: Silk Road Wheat Innovation Alliance, 2 November [2019]

WHEAT = "silk-road-wheat-innovation-alliance"
SRAETIA = "silk-road-agricultural-education-technology-innovation-alliance"


def test_025_wheat_alliance_founded_at_nwafu_with_the_year_inferred(corpus_kg):
    row = one(rows(corpus_kg, "alliances"), "alliance", f"res:{WHEAT}")
    assert (row["founded"], row["foundedPrecision"], row["foundedInferred"]) == ("2019-11-02", "day", "true")
    assert row["foundingEvent"] == "res:silk-road-wheat-innovation-alliance-founding-conference"
    conference = event_row(corpus_kg, "silk-road-wheat-innovation-alliance-founding-conference")
    assert (conference["type"], conference["heldAt"], conference["dateInferred"]) == (
        "founding-conference", "res:northwest-a-f-university", "true")


def test_025_first_council_initiator_and_supporter(corpus_kg):
    got = rows(corpus_kg, "alliance-members", alliance=WHEAT)
    assert pick(got, "member", "role", "start", "term") == {
        ("res:zhang-zhengmao", "chair", "2019-11-02", "1"),
        ("res:kang-zhensheng", "honorary-chair", "2019-11-02", "1"),
        ("res:northwest-a-f-university", "initiator", None, None),
        (f"res:{SRAETIA}", "supporter", None, None),
    }
    chairs = rows(corpus_kg, "alliance-chairs", alliance=WHEAT)
    assert pick(chairs, "holder", "role", "startInferred") == {
        ("res:zhang-zhengmao", "chair", "true"),
        ("res:kang-zhensheng", "honorary-chair", "true"),
    }


def test_025_charter_draft_and_yangling_declaration_adopted_at_the_founding(corpus_kg):
    got = rows(corpus_kg, "documents", about=WHEAT)
    assert pick(got, "title", "type", "adoptedAt", "adoptedAtDate") == {
        ("Silk Road Wheat Innovation Alliance Charter (Draft)", "charter",
         "res:silk-road-wheat-innovation-alliance-founding-conference", "2019-11-02"),
        ("Yangling Declaration of the Silk Road Wheat Innovation Alliance", "declaration",
         "res:silk-road-wheat-innovation-alliance-founding-conference", "2019-11-02"),
    }


def test_025_the_two_named_presenters(corpus_kg):
    got = rows(corpus_kg, "event-participants", event="silk-road-wheat-innovation-alliance-founding-conference")
    assert pick(got, "agent", "role") == {
        ("res:kang-zhensheng", "speaker"), ("res:goncharov-nikolai-petrovich", "speaker")}


# -- 026 IMAU: Silk Road Agricultural Education S&T Innovation Alliance, 5-6 November [2016]


def test_026_alliance_founded_by_nwafu_with_its_chinese_name(corpus_kg):
    row = one(rows(corpus_kg, "alliances"), "alliance", f"res:{SRAETIA}")
    assert (row["labelZh"], row["founded"], row["foundedInferred"]) == ("丝绸之路农业教育科技创新联盟", "2016-11-05", "true")
    conference = event_row(corpus_kg, "silk-road-agricultural-education-technology-innovation-alliance-founding-conference")
    assert (conference["endDate"], conference["organizers"]) == ("2016-11-06", "Northwest A&F University")


def test_026_nwafu_leads_and_imau_joins_as_member(corpus_kg):
    got = rows(corpus_kg, "alliance-members", alliance=SRAETIA)
    assert pick(got, "member", "role", "start") == {
        ("res:northwest-a-f-university", "lead-institution", None),
        ("res:northwest-a-f-university", "initiator", None),
        ("res:inner-mongolia-agricultural-university", "member", "2016-11-05"),
    }


def test_026_nearly_forty_chinese_and_more_than_ten_foreign_members(corpus_kg):
    got = rows(corpus_kg, "alliance-stated-counts", alliance=SRAETIA)
    assert pick(got, "role", "statedCount", "namedHolders") == {("member", "40", "1"), ("member", "10", "1")}
    assert {r["quote"] for r in got} == {"联盟成员中,国内有近四十所农业院校和科研机构,国外有十几所大学和科研机构。"}


def test_026_mang_lai_speaks_for_imau_at_the_forum_and_the_charter(corpus_kg):
    got = rows(corpus_kg, "event-participants", event="silk-road-agricultural-education-technology-cooperation-forum-2016")
    assert pick(got, "agent", "role", "onBehalfOf", "postOrganization") == {
        ("res:mang-lai", "speaker", "res:inner-mongolia-agricultural-university", "res:inner-mongolia-agricultural-university")}
    (charter,) = rows(corpus_kg, "documents", about=SRAETIA)
    assert (charter["titleZh"], charter["type"], charter["adoptedAtDate"]) == ("丝绸之路农业教育科技创新联盟章程", "charter", "2016-11-05")


# -- 028 Duke Today: Duke Kunshan University formally approved (September 2013)


def test_028_dku_created_by_duke_and_wuhan_university(corpus_kg):
    row = organization_row(corpus_kg, "duke-kunshan-university")
    assert (row["labelZh"], row["moeCode"], row["foreignPartners"]) == ("昆山杜克大学", "4132016406", "Duke University")
    assert names(row["coBuiltBy"]) == {"Duke University", "Wuhan University"}


def test_028_formal_approval_dated_by_the_article_month_inferred(corpus_kg):
    row = event_row(corpus_kg, "duke-kunshan-university-formal-approval")
    assert (row["type"], row["date"], row["precision"], row["dateInferred"], row["organizers"]) == (
        "formal-approval", "2013-09-01", "month", "true", MOE_LABEL)


def test_028_presidents_and_first_programmes(corpus_kg):
    posts = rows(corpus_kg, "person-posts", person="li-xiaohong") + rows(corpus_kg, "person-posts", person="richard-h-brodhead")
    assert pick(posts, "person", "role", "organization") == {
        ("res:li-xiaohong", "president", "res:wuhan-university"),
        ("res:richard-h-brodhead", "president", "res:duke-university"),
    }
    programs = rows(corpus_kg, "programs", about="duke-kunshan-university")
    assert pick(programs, "program", "type", "date") == {
        ("res:dku-master-of-global-health", "degree-program", "2014-01-01"),
        ("res:dku-master-of-management-studies", "degree-program", "2014-01-01"),
        ("res:dku-medical-physics-degree", "degree-program", None),
        ("res:dku-undergraduate-global-learning-semester", "program", None),
    }


# -- 030 WZU: Wenzhou-Kean University, from preparation to formal approval


def test_030_wku_timeline_from_preparation_to_formal_approval(corpus_kg):
    got = [r for r in rows(corpus_kg, "events", **{"from": "2011-01-01", "to": "2014-12-31"}) if "wenzhou-kean" in r["event"]]
    assert [(r["date"], r["type"]) for r in got] == [
        ("2011-11-16", "preparation-approval"),
        ("2012-03-21", "foundation-stone-ceremony"),
        ("2013-12-16", "evaluation"),
        ("2014-03-31", "formal-approval"),
    ]
    assert {r["organizers"] for r in got if r["type"] != "foundation-stone-ceremony"} == {MOE_LABEL}


def test_030_wku_parents_and_the_approval_steps_about_it(corpus_kg):
    row = organization_row(corpus_kg, "wenzhou-kean-university")
    assert (row["labelZh"], row["moeCode"], row["foreignPartners"]) == ("温州肯恩大学", "4133016405", "Kean University")
    assert names(row["coBuiltBy"]) == {"Wenzhou University", "Kean University"}
    cited = rows(corpus_kg, "sources-of", entity="wenzhou-kean-university")
    assert "res:wzu-wenzhou-kean-university-history" in {r["source"] for r in cited if r["relation"] == "self"}
    assert {r["fact"] for r in cited if r["relation"] == "schema:about"} == {
        f"res:wenzhou-kean-university-{step}"
        for step in ("preparation-approval", "foundation-stone-ceremony", "moe-expert-evaluation", "formal-approval")
    }


def test_030_huang_wei_heads_the_evaluation_and_the_2010_visit(corpus_kg):
    (evaluator,) = rows(corpus_kg, "event-participants", event="wenzhou-kean-university-moe-expert-evaluation")
    assert (evaluator["agent"], evaluator["role"]) == ("res:huang-wei", "evaluator")
    visit = rows(corpus_kg, "event-participants", event="kean-visit-to-wzu-2010")
    assert pick(visit, "agent", "role", "onBehalfOf") == {
        ("res:dawood-farahi", "visitor", "res:kean-university"),
        ("res:philip-connelly", "visitor", "res:kean-university"),
        ("res:lin-weiping", "host", "res:wenzhou-education-bureau"),
        ("res:zhang-zhihong", "host", "res:wenzhou-education-bureau"),
        ("res:chen-fusheng", "host", "res:wenzhou-university"),
        ("res:chen-fusheng", "speaker", "res:wenzhou-university"),
        ("res:xue-wei", "host", "res:wenzhou-university"),
    }


def test_030_two_plus_two_programmes_arranged_at_the_2008_video_meeting(corpus_kg):
    (program,) = [r for r in rows(corpus_kg, "programs") if r["program"] == "res:wzu-kean-2-plus-2-programmes"]
    assert (program["type"], program["date"], program["launchedAt"]) == (
        "cooperative-education-program", "2008-01-01", "res:wzu-kean-video-meeting-2008")
    assert names(program["launchedBy"]) == {"Wenzhou University", "Kean University"}


# -- 032 NYU Shanghai: final approval announced 15 October 2012


def test_032_nyu_shanghai_jointly_established_by_nyu_and_ecnu(corpus_kg):
    row = organization_row(corpus_kg, "new-york-university-shanghai")
    assert (row["labelZh"], row["moeCode"], row["foreignPartners"]) == ("上海纽约大学", "4131016404", "New York University")
    assert names(row["coBuiltBy"]) == {"New York University", "East China Normal University"}


def test_032_final_approval_month_inferred(corpus_kg):
    row = event_row(corpus_kg, "new-york-university-shanghai-formal-approval")
    assert (row["type"], row["date"], row["precision"], row["dateInferred"], row["organizers"]) == (
        "formal-approval", "2012-10-01", "month", "true", MOE_LABEL)


def test_032_presidents_of_nyu_and_ecnu(corpus_kg):
    posts = rows(corpus_kg, "person-posts", person="john-sexton") + rows(corpus_kg, "person-posts", person="chen-qun")
    assert pick(posts, "person", "role", "organization", "asOf") == {
        ("res:john-sexton", "president", "res:new-york-university", "2012-10-15"),
        ("res:chen-qun", "president", "res:east-china-normal-university", "2012-10-15"),
    }


# -- 033 Grainger College of Engineering: the ZJU-UIUC Institute


def test_033_zju_uiuc_institute_of_zju_with_uiuc(corpus_kg):
    got = rows(corpus_kg, "joint-institutes", host="zhejiang-university")
    assert pick(got, "institute", "partner", "partnerInferred") == {
        ("res:zju-uiuc-institute", "res:university-of-illinois-urbana-champaign", "false")}


def test_033_plaque_unveiled_by_wilson_and_jin(corpus_kg):
    got = rows(corpus_kg, "event-participants", event="zju-uiuc-institute-plaque-unveiling")
    assert pick(got, "agent", "role", "post", "postOrganization") == {
        ("res:barbara-wilson", "unveiler", "chancellor", "res:university-of-illinois-urbana-champaign"),
        ("res:jin-deshui", "unveiler", "chair", "res:zhejiang-university"),
    }


def test_033_undergraduate_programmes_from_fall_2016(corpus_kg):
    (program,) = rows(corpus_kg, "programs", about="zju-uiuc-institute")
    assert (program["program"], program["type"], program["date"], program["precision"]) == (
        "res:zju-uiuc-institute-undergraduate-engineering-programmes", "degree-program", "2016-01-01", "year")


# -- 034 SCUPI milestones


def test_034_scupi_is_sichuan_universitys_institute_with_pitt(corpus_kg):
    got = rows(corpus_kg, "joint-institutes", host="sichuan-university")
    assert pick(got, "institute", "partner") == {("res:sichuan-university-pittsburgh-institute", "res:university-of-pittsburgh")}


def test_034_two_agreements_with_their_signatories(corpus_kg):
    got = rows(corpus_kg, "agreement-signings", organization="university-of-pittsburgh")
    assert pick(got, "agreement", "date", "party", "signatory") == {
        ("res:scu-pitt-agreement-to-form-scupi", "2013-03-06", "res:sichuan-university", "res:li-guangxian"),
        ("res:scu-pitt-agreement-to-form-scupi", "2013-03-06", "res:university-of-pittsburgh", "res:patricia-e-beeson"),
        ("res:scu-pitt-framework-agreement-2013", "2013-05-24", "res:sichuan-university", "res:xie-heping"),
        ("res:scu-pitt-framework-agreement-2013", "2013-05-24", "res:university-of-pittsburgh", "res:mark-a-nordenberg"),
    }
    agreements = rows(corpus_kg, "agreements", party="sichuan-university")
    assert pick(agreements, "agreement", "type", "signedAt") == {
        ("res:scu-pitt-agreement-to-form-scupi", "cooperation-agreement", "res:scu-pitt-meeting-chengdu-2013"),
        ("res:scu-pitt-framework-agreement-2013", "framework-agreement", "res:scu-delegation-visit-to-pitt-2013"),
    }


def test_034_moe_approval_march_2014_and_unveiling_witnessed_by_liu_yandong(corpus_kg):
    approval = event_row(corpus_kg, "sichuan-university-pittsburgh-institute-moe-approval")
    assert (approval["type"], approval["date"], approval["precision"], approval["dateInferred"]) == (
        "formal-approval", "2014-03-01", "month", "false")
    got = rows(corpus_kg, "event-participants", event="sichuan-university-pittsburgh-institute-plaque-unveiling-2015")
    assert pick(got, "agent", "role", "postInferred") == {
        ("res:patrick-gallagher", "unveiler", "false"),
        ("res:xie-heping", "unveiler", "false"),
        ("res:liu-yandong", "witness", "true"),
    }


# -- 035 The Irish Times: UCD and BJUT set up the Beijing-Dublin International campus


def test_035_agreement_signed_by_hugh_brady_establishes_the_campus(corpus_kg):
    (row,) = rows(corpus_kg, "agreements", party="university-college-dublin")
    assert (row["agreement"], row["date"], row["precision"], row["signatories"], row["signedAt"]) == (
        "res:ucd-bjut-beijing-dublin-campus-agreement", "2011-01-01", "year", "Hugh Brady",
        "res:ucd-bjut-beijing-dublin-campus-signing")
    assert names(row["parties"]) == {"University College Dublin", "Beijing University of Technology"}
    (signing,) = [r for r in rows(corpus_kg, "agreement-signings", organization="university-college-dublin")
                  if r["party"] == "res:university-college-dublin"]
    assert signing["dateInferred"] == "true"


def test_035_campus_is_bjuts_with_ucd_and_its_dual_degree_programmes(corpus_kg):
    got = rows(corpus_kg, "joint-institutes", host="beijing-university-of-technology")
    assert pick(got, "institute", "partner") == {
        ("res:beijing-dublin-international-campus", "res:university-college-dublin"),
        # sources-2/052 names "the Beijing University of Technology" (as printed) as MSU's partner in Shenzhen
        ("res:msu-beijing-university-of-technology-joint-university-shenzhen", "res:lomonosov-moscow-state-university"),
    }
    (program,) = rows(corpus_kg, "programs", about="beijing-dublin-international-campus")
    assert (program["type"], program["date"], program["precision"]) == ("degree-program", "2012-09-01", "month")


def test_035_mayor_hosts_and_ambassador_speaks(corpus_kg):
    got = rows(corpus_kg, "event-participants", event="ucd-bjut-beijing-dublin-campus-signing")
    assert pick(got, "agent", "role") == {
        ("res:guo-jinlong", "host"), ("res:hugh-brady", "signatory"),
        ("res:declan-kelleher", "attendee"), ("res:declan-kelleher", "speaker"),
    }
    medal = rows(corpus_kg, "event-participants", event="confucius-institute-medal-presentation-ucd")
    assert pick(medal, "agent", "role") == {("res:guo-jinlong", "award-recipient"), ("res:ruairi-quinn", "award-presenter")}


# -- 039 CAFA: 2025 China Study Abroad Forum, 11 April


def test_039_cafa_cscse_strategic_agreement_signed_by_lin_mao(corpus_kg):
    (row,) = rows(corpus_kg, "agreements", party="central-academy-of-fine-arts")
    assert (row["type"], row["date"], row["signatories"], row["signedAt"]) == (
        "strategic-cooperation-agreement", "2025-04-11", "Lin Mao", "res:china-study-abroad-forum-2025-opening-ceremony")
    assert names(row["parties"]) == {"Central Academy of Fine Arts", "Chinese Service Center for Scholarly Exchange"}


def test_039_global_study_tour_alliance_launched_by_nearly_20_universities(corpus_kg):
    members = rows(corpus_kg, "alliance-members", alliance="global-study-tour-alliance")
    assert pick(members, "member", "role") == {
        ("res:central-academy-of-fine-arts", "initiator"), ("res:university-of-queensland", "initiator")}
    (count,) = rows(corpus_kg, "alliance-stated-counts", alliance="global-study-tour-alliance")
    assert (count["role"], count["statedCount"], count["namedHolders"], count["unnamed"]) == ("initiator", "20", "2", "18")


def test_039_opening_speech_and_cscse_curriculum_platform(corpus_kg):
    got = rows(corpus_kg, "event-participants", event="china-study-abroad-forum-2025-opening-ceremony")
    assert ("res:xu-qingsen", "speaker", "vice-minister", "res:moe") in pick(got, "agent", "role", "post", "postOrganization")
    (program,) = [r for r in rows(corpus_kg, "programs") if r["program"] == "res:cscse-study-in-china-study-the-world-curriculum-platform"]
    assert (program["launchedBy"], program["launchedAt"]) == (
        "Chinese Service Center for Scholarly Exchange", "res:china-study-abroad-forum-2025-opening-ceremony")


# -- 040 British Council: agreements witnessed by Jo Johnson at XJTLU, 22 September [2016]


def test_040_jo_johnson_witnesses_the_signing_at_xjtlu(corpus_kg):
    (row,) = rows(corpus_kg, "event-participants", event="uk-china-education-agreements-signing-xjtlu-2016")
    assert (row["agent"], row["role"], row["post"], row["postInferred"]) == ("res:jo-johnson", "witness", "minister", "true")
    signing = event_row(corpus_kg, "uk-china-education-agreements-signing-xjtlu-2016")
    assert (signing["date"], signing["dateInferred"], signing["heldAt"], signing["partOf"]) == (
        "2016-09-22", "true", "res:xian-jiaotong-liverpool-university", "res:jo-johnson-visit-to-xjtlu-2016")


def test_040_consortium_announced_by_three_bodies(corpus_kg):
    (row,) = [r for r in rows(corpus_kg, "documents") if r["document"] == "res:uk-china-science-and-technology-consortium-announcement-2016"]
    assert row["type"] == "declaration"
    assert names(row["issuedBy"]) == {"British Council", "Universities UK International", "Excellence League of China"}


def test_040_release_cited_for_xjtlu_and_the_british_council(corpus_kg):
    for entity in ("xian-jiaotong-liverpool-university", "british-council", "universities-uk-international"):
        sources = {r["source"] for r in rows(corpus_kg, "sources-of", entity=entity)}
        assert "res:britishcouncil-xjtlu-uk-china-agreements-2016" in sources, entity
