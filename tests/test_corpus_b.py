"""Articles 014-023 of the corpus, asked through the query library.

The expected values are read off the articles in /work/shared/sources (014 to 023) and the
records that transcribe them (data/facts/*-014-* ... *-023-* and the stored CCHEIC record that
article 016 completes), not pasted from a run: the Central Asia alliance was established on
12 May 2025 at the first China-Central Asia Education Ministers' Meeting, CEAIE is "the Chinese
Secretariat of CCHEIC", LZU is the Belt and Road alliance's "secretary-general unit", and so on.
The session graph (`corpus_kg`) compiles data/ without the reference tables, so the tests compare
ids and the labels of curated records, not labels only the reference data gives (Ningbo, Urumqi).
Columns that join several names (GROUP_CONCAT) are compared as sets.
"""

from __future__ import annotations

from cheikg.api import KnowledgeGraph

from conftest import texts

CEAIE = "res:china-education-association-for-international-exchange"
CEAIE_LABEL = "China Education Association for International Exchange"


def rows(kg: KnowledgeGraph, name: str, **params) -> list[dict]:
    return texts(kg.query(name, **params))


def pick(records: list[dict], *cols: str) -> set[tuple]:
    return {tuple(r[c] for c in cols) for r in records}


def names(joined: str | None) -> frozenset[str]:
    return frozenset(joined.split(" | ")) if joined else frozenset()


def alliance_row(kg: KnowledgeGraph, alliance: str) -> dict:
    (row,) = [r for r in rows(kg, "alliances") if r["alliance"] == f"res:{alliance}"]
    return row


def event_row(kg: KnowledgeGraph, event: str, **period) -> dict:
    (row,) = [r for r in rows(kg, "events", **period) if r["event"] == f"res:{event}"]
    return row


# -- 014 Xinjiang Daily: China-Central Asia Industry-Education Integration Alliance

CCA = "china-central-asia-industry-education-integration-alliance"


def test_014_alliance_established_at_the_ministers_meeting_guided_by_ceaie(corpus_kg):
    row = alliance_row(corpus_kg, CCA)
    assert (row["founded"], row["foundedPrecision"], row["foundedInferred"]) == ("2025-05-12", "day", "false")
    assert row["foundingEvent"] == "res:china-central-asia-education-ministers-meeting-2025"
    assert row["foundingEventLabel"] == "First China-Central Asia Education Ministers' Meeting"
    assert row["foundingEventDate"] == "2025-05-12"
    assert names(row["guidedBy"]) == {CEAIE_LABEL}


def test_014_led_by_two_institutions(corpus_kg):
    got = rows(corpus_kg, "alliance-members", alliance=CCA)
    assert pick(got, "member", "role", "inferred") == {
        ("res:xinjiang-agricultural-vocational-technical-university", "lead-institution", "false"),
        ("res:tajik-agrarian-university", "lead-institution", "false"),
    }
    assert {r["roleLabelZh"] for r in got} == {"牵头单位"}


def test_014_more_than_70_participants_and_the_1231_project(corpus_kg):
    (count,) = rows(corpus_kg, "alliance-stated-counts", alliance=CCA)
    assert (count["role"], count["statedCount"], count["namedHolders"], count["qualifier"]) == (
        "member", "70", "0", "more than 70 Chinese and foreign universities and enterprises")
    project = [r for r in rows(corpus_kg, "programs", about=CCA)]
    assert pick(project, "program", "label", "type", "launchedBy") == {
        ("res:china-central-asia-industry-education-1231-project", '"1231" project', "project",
         "China-Central Asia Industry-Education Integration Alliance"),
    }


# -- 015 CEAIE: ninth meeting of CCHEIC, Ningbo, 24 May 2024


def test_015_ceaie_is_the_chinese_secretariat(corpus_kg):
    assert pick(rows(corpus_kg, "alliance-members", alliance="ccheic"), "member", "role") == {(CEAIE, "secretariat-host")}


def test_015_ninth_meeting_organized_by_ceaie_with_keynotes(corpus_kg):
    meeting = event_row(corpus_kg, "ccheic-ninth-meeting-2024", **{"from": "2024-05-24", "to": "2024-05-24"})
    assert (meeting["date"], meeting["precision"], meeting["type"], meeting["organizers"]) == (
        "2024-05-24", "day", "conference", CEAIE_LABEL)
    keynotes = rows(corpus_kg, "event-participants", event="ccheic-ninth-meeting-2024")
    assert pick(keynotes, "agent", "role", "post", "postOrganization") == {
        ("res:sinisa-berjan", "keynote-speaker", "ambassador", "res:embassy-of-bosnia-and-herzegovina-in-china"),
        ("res:zhao-gang", "keynote-speaker", "vice president", "res:beijing-foreign-studies-university"),
    }


def test_015_opening_ceremony_speakers_and_their_posts(corpus_kg):
    got = rows(corpus_kg, "event-participants", event="ccheic-ninth-meeting-2024-opening-ceremony")
    assert pick(got, "agent", "role", "postTitle", "onBehalfOf") == {
        ("res:fu-bo", "speaker", "Deputy Secretary-General of CEAIE", CEAIE),
        ("res:sashko-nasev", "speaker", "Ambassador of North Macedonia to China", "res:embassy-of-north-macedonia-in-china"),
        ("res:xie-bin", "speaker", "Deputy Director of the Zhejiang Provincial Department of Education", "res:zhejiang-education-department"),
        ("res:xu-yan", "speaker", "Deputy Mayor of Ningbo", "res:ningbo-municipal-peoples-government"),
    }
    assert {r["eventDate"] for r in got} == {"2024-05-24"}
    assert {r["inferred"] for r in got} == {"true"}  # "on behalf of" is not printed


def test_015_projects_and_xi_jinpings_proposal(corpus_kg):
    assert pick(rows(corpus_kg, "programs", about="ccheic"), "label", "type") == {
        ("Education Capacity Building Projects", "project"), ("China Education Tour", "project"),
    }
    (proposal,) = [r for r in rows(corpus_kg, "programs") if r["program"] == "res:xi-jinping-european-youth-exchange-doubling-proposal-2024"]
    assert (proposal["launchedBy"], proposal["launchedAt"], proposal["date"], proposal["precision"]) == (
        "Xi Jinping", "res:xi-jinping-visit-to-europe-2024", "2024-05-01", "month")


# -- 016 China Daily: the China-CEE university association founded in Tianjin, 2014


def test_016_ccheic_founded_in_tianjin_at_the_education_policy_meeting(corpus_kg):
    row = alliance_row(corpus_kg, "ccheic")
    # "established in Tianjin on Monday": 22 September 2014 is the editor's note, so inferred
    assert (row["founded"], row["foundedPrecision"], row["foundedInferred"]) == ("2014-09-22", "day", "true")
    assert row["foundingEvent"] == "res:china-ceec-education-policy-meeting-2014"
    assert row["placeLabel"] == "Tianjin City"


def test_016_sixteen_chinese_universities(corpus_kg):
    (count,) = rows(corpus_kg, "alliance-stated-counts", alliance="ccheic")
    assert (count["statedCount"], count["qualifier"], count["inferred"], count["source"]) == (
        "16", "Chinese universities", "true", "res:chinadaily-china-cee-university-association-2014")


def test_016_announcement_and_vice_minister_hao_ping(corpus_kg):
    (doc,) = rows(corpus_kg, "documents", about="ccheic")
    assert (doc["document"], doc["type"], doc["adoptedAt"], doc["date"]) == (
        "res:china-cee-university-association-announcement-2014", "declaration", "res:china-ceec-education-policy-meeting-2014", "2014-09-22")
    (post,) = rows(corpus_kg, "person-posts", person="hao-ping")
    assert (post["role"], post["organization"], post["title"]) == ("vice-minister", "res:moe", "China's vice-minister of education")
    (speech,) = rows(corpus_kg, "event-participants", event="china-ceec-education-policy-meeting-2014")
    assert (speech["agent"], speech["role"], speech["inferred"]) == ("res:hao-ping", "speaker", "true")


# -- 017 Lanzhou University: the "Belt and Road Initiative" University Alliance

BRI = "belt-and-road-initiative-university-alliance"


def test_017_founded_in_dunhuang_by_four_universities(corpus_kg):
    row = alliance_row(corpus_kg, BRI)
    assert (row["founded"], row["foundedPrecision"], row["placeLabel"]) == ("2015-10-17", "day", "Dunhuang")
    founders = rows(corpus_kg, "alliance-members", alliance=BRI, role="founding-member")
    assert pick(founders, "member", "start") == {
        ("res:lanzhou-university", "2015-10-17"), ("res:fudan-university", "2015-10-17"),
        ("res:beijing-normal-university", "2015-10-17"), ("res:ural-national-economic-university", "2015-10-17"),
    }


def test_017_lzu_secretary_general_unit_and_170_members(corpus_kg):
    assert pick(rows(corpus_kg, "alliance-members", alliance=BRI, role="secretary-general"), "member") == {("res:lanzhou-university",)}
    (count,) = rows(corpus_kg, "alliance-stated-counts", alliance=BRI)
    assert (count["role"], count["statedCount"]) == ("member", "170")


def test_017_dunhuang_consensus_and_theme_forums(corpus_kg):
    docs = rows(corpus_kg, "documents", about=BRI)
    assert pick(docs, "document", "type", "adoptedAt", "date") == {
        ("res:dunhuang-consensus", "consensus", "res:belt-and-road-initiative-university-alliance-founding-2015", "2015-10-17"),
        ("res:belt-and-road-initiative-university-alliance-regulations", "charter", None, None),
    }
    forums = [r for r in rows(corpus_kg, "events", **{"from": "2016-01-01", "to": "2018-12-31"}) if "theme-forum" in r["event"]]
    assert pick(forums, "event", "date", "precision", "partOf") == {
        ("res:belt-and-road-initiative-university-alliance-theme-forum-2016", "2016-09-18", "day", "res:silk-road-dunhuang-international-cultural-expo-2016"),
        ("res:belt-and-road-initiative-university-alliance-theme-forum-2017", "2017-09-01", "month", None),
        ("res:belt-and-road-initiative-university-alliance-theme-forum-2018", "2018-09-01", "month", None),
    }
    (wang,) = rows(corpus_kg, "event-participants", event="belt-and-road-initiative-university-alliance-theme-forum-2016")
    assert (wang["agent"], wang["role"], wang["post"], wang["postOrganization"]) == (
        "res:wang-cheng", "speaker", "president", "res:lanzhou-university")


# -- 018 The PIE News: University Consortium of the 21st Century Maritime Silk Road

MSR = "maritime-silk-road-university-consortium"


def test_018_coordinated_by_xiamen_university_sheffield_a_member(corpus_kg):
    assert pick(rows(corpus_kg, "alliance-members", alliance=MSR), "member", "role") == {
        ("res:xiamen-university", "coordinator"), ("res:university-of-sheffield", "member"),
    }


def test_018_sixty_institutions_four_british(corpus_kg):
    got = rows(corpus_kg, "alliance-stated-counts", alliance=MSR)
    assert pick(got, "role", "statedCount", "qualifier") == {
        ("member", "60", "institutions in total, from Europe, Australia, China, Japan, Malaysia, Singapore and the US"),
        ("member", "4", "British institutions"),
    }
    row = alliance_row(corpus_kg, MSR)
    # the article prints no date: 2018 is inferred from its publication on 5 November 2018
    assert (row["founded"], row["foundedPrecision"], row["foundedInferred"]) == ("2018-01-01", "year", "true")


def test_018_keith_burnett_keynote_for_sheffield(corpus_kg):
    got = rows(corpus_kg, "event-participants", event="maritime-silk-road-university-consortium-founding-ceremony-2018")
    assert pick(got, "agent", "role", "onBehalfOf", "postTitle") == {
        ("res:keith-burnett", "keynote-speaker", "res:university-of-sheffield", "president and vice-chancellor"),
        ("res:university-of-sheffield", "attendee", None, None),
    }
    (decl,) = rows(corpus_kg, "documents", about=MSR)
    assert (decl["type"], decl["adoptedAt"]) == ("declaration", "res:maritime-silk-road-university-consortium-founding-ceremony-2018")


# -- 019 China Daily: Sino-Russian comprehensive university alliance

SRU = "sino-russian-comprehensive-university-alliance"


def test_019_initiated_by_pku_and_msu_joined_by_tsinghua(corpus_kg):
    got = rows(corpus_kg, "alliance-members", alliance=SRU)
    assert pick(got, "member", "role", "start") == {
        ("res:peking-university", "initiator", "2017-07-05"),
        ("res:lomonosov-moscow-state-university", "initiator", "2017-07-05"),
        ("res:peking-university", "member", "2017-09-13"),
        ("res:tsinghua-university", "member", "2017-09-13"),
        ("res:lomonosov-moscow-state-university", "member", "2017-09-13"),
    }


def test_019_forty_chinese_and_twenty_russian_universities(corpus_kg):
    got = rows(corpus_kg, "alliance-stated-counts", alliance=SRU)
    assert pick(got, "statedCount", "qualifier") == {("40", "Chinese universities"), ("20", "Russian universities")}
    row = alliance_row(corpus_kg, SRU)
    # "established on Wednesday": 13 September 2017 is the editor's note
    assert (row["founded"], row["foundedInferred"]) == ("2017-09-13", "true")


def test_019_joint_declaration_of_5_july(corpus_kg):
    (doc,) = rows(corpus_kg, "documents", about=SRU)
    assert (doc["document"], doc["type"], doc["date"]) == ("res:pku-msu-joint-declaration-2017", "declaration", "2017-07-05")
    assert names(doc["issuedBy"]) == {"Peking University", "Lomonosov Moscow State University"}


# -- 020 UC Berkeley CNR: Global Alliance of Universities on Climate


def test_020_twelve_founding_members(corpus_kg):
    got = rows(corpus_kg, "alliance-members", alliance="gauc", role="founding-member")
    assert {r["member"] for r in got} == {
        "res:australian-national-university", "res:university-of-california-berkeley", "res:university-of-cambridge",
        "res:imperial-college-london", "res:london-school-of-economics-and-political-science",
        "res:massachusetts-institute-of-technology", "res:university-of-tokyo", "res:tsinghua-university",
        "res:federal-university-of-rio-de-janeiro", "res:indian-institute-of-science", "res:sciences-po",
        "res:stellenbosch-university",
    }
    (count,) = rows(corpus_kg, "alliance-stated-counts", alliance="gauc")
    assert (count["role"], count["statedCount"], count["namedHolders"], count["unnamed"]) == ("founding-member", "12", "12", "0")


def test_020_charter_approved_at_the_meeting_at_tsinghua(corpus_kg):
    (charter,) = rows(corpus_kg, "documents", about="gauc")
    assert (charter["document"], charter["type"], charter["adoptedAt"]) == ("res:gauc-charter", "charter", "res:gauc-founding-meeting")
    row = alliance_row(corpus_kg, "gauc")
    assert (row["foundingEvent"], row["founded"], row["placeLabel"]) == ("res:gauc-founding-meeting", None, "Beijing")


def test_020_uc_berkeley_representatives_and_qiu_yong(corpus_kg):
    meeting = rows(corpus_kg, "event-participants", event="gauc-founding-meeting")
    assert pick(meeting, "agent", "role", "onBehalfOf", "post") == {
        ("res:david-ackerly", "attendee", "res:university-of-california-berkeley", "dean"),
        ("res:qiu-yong", "speaker", "res:tsinghua-university", "president"),
    }
    (gadgil,) = rows(corpus_kg, "event-participants", event="gauc-academic-committee-meeting")
    assert (gadgil["agent"], gadgil["post"], gadgil["onBehalfOf"]) == (
        "res:ashok-gadgil", "professor", "res:university-of-california-berkeley")
    contexts = rows(corpus_kg, "persons-across-events", person="qiu-yong")
    assert ("res:gauc-founding-meeting", "speaker") in pick(contexts, "context", "role")


# -- 021 ZJU International Campus: UK-China Joint Institute Alliance AGM 2019

UKJI = "uk-china-joint-institute-alliance"


def test_021_sponsored_by_ceaie_and_the_british_council(corpus_kg):
    assert pick(rows(corpus_kg, "alliance-members", alliance=UKJI), "member", "role") == {
        (CEAIE, "sponsor"), ("res:british-council", "sponsor"),
    }


def test_021_founded_by_21_institutes_which_are_its_members(corpus_kg):
    got = rows(corpus_kg, "alliance-stated-counts", alliance=UKJI)
    assert pick(got, "role", "statedCount", "qualifier") == {
        ("founding-member", "21", "Chinese-UK cooperative institutes"), ("member", "21", "Chinese-UK cooperative institutes"),
    }


def test_021_agm_at_zju_and_opening_speakers(corpus_kg):
    agm = event_row(corpus_kg, "uk-china-joint-institute-alliance-agm-2019", **{"from": "2019-10-21", "to": "2019-10-21"})
    assert (agm["date"], agm["type"], agm["heldAt"], agm["places"]) == (
        "2019-10-21", "annual-meeting", "res:zhejiang-university", "Haining International Campus of Zhejiang University")
    got = rows(corpus_kg, "event-participants", event="uk-china-joint-institute-alliance-agm-2019-opening")
    assert pick(got, "agent", "post", "postOrganization") == {
        ("res:he-lianzhen", "vice president", "res:zhejiang-university"),
        ("res:shen-qinli", "deputy mayor", "res:haining-municipal-peoples-government"),
        ("res:wu-yuanyuan", "director", "res:british-council"),
    }


# -- 022 University of Exeter: China UK Humanities Alliance Executive Council


def test_022_secretariat_at_tsinghua_exeter_leads_the_uk_side(corpus_kg):
    assert pick(rows(corpus_kg, "alliance-members", alliance="ukcha", role="secretariat-host"), "member") == {("res:tsinghua-university",)}
    assert pick(rows(corpus_kg, "alliance-members", alliance="ukcha", role="lead-institution"), "member") == {("res:university-of-exeter",)}
    roles = rows(corpus_kg, "institution-roles", institution="university-of-exeter")
    assert pick(roles, "alliance", "role", "inferred") == {("res:ukcha", "lead-institution", "false"), ("res:ukcha", "member", "true")}


def test_022_seventeen_universities_fourteen_represented(corpus_kg):
    (count,) = rows(corpus_kg, "alliance-stated-counts", alliance="ukcha")
    assert (count["statedCount"], count["namedHolders"], count["unnamed"]) == ("17", "14", "3")
    attendees = rows(corpus_kg, "event-participants", event="ukcha-executive-council-meeting-2020")
    assert {r["agent"] for r in attendees} == {
        "res:tsinghua-university", "res:peking-university", "res:fudan-university", "res:chinese-university-of-hong-kong",
        "res:beijing-foreign-studies-university", "res:shanghai-international-studies-university", "res:wuhan-university",
        "res:university-of-oxford", "res:university-of-cambridge", "res:university-of-manchester", "res:university-of-warwick",
        "res:university-of-exeter", "res:university-of-reading", "res:kings-college-london",
    }


def test_022_meeting_of_14_december_year_inferred(corpus_kg):
    meeting = event_row(corpus_kg, "ukcha-executive-council-meeting-2020", **{"from": "2020-12-14", "to": "2020-12-14"})
    assert (meeting["date"], meeting["precision"], meeting["dateInferred"], meeting["type"]) == (
        "2020-12-14", "day", "true", "council-meeting")


# -- 023 University of Liverpool: Jiangsu-UK 20+20 World-Class University Consortium

JS = "jiangsu-uk-20plus20-consortium"


def test_023_spearheaded_in_2016_supported_and_led(corpus_kg):
    got = rows(corpus_kg, "alliance-members", alliance=JS)
    assert pick(got, "member", "role", "start", "precision") == {
        ("res:british-council", "initiator", "2016-01-01", "year"),
        ("res:universities-uk-international", "initiator", "2016-01-01", "year"),
        ("res:jiangsu-education-department", "initiator", "2016-01-01", "year"),
        ("res:british-council", "supporter", None, None),
        ("res:jiangsu-education-department", "supporter", None, None),
        ("res:university-of-liverpool", "lead-institution", None, None),
        ("res:university-of-liverpool", "member", None, None),
    }
    row = alliance_row(corpus_kg, JS)
    assert (row["founded"], row["foundedPrecision"]) == ("2016-01-01", "year")


def test_023_sixteen_uk_and_23_jiangsu_universities(corpus_kg):
    got = rows(corpus_kg, "alliance-stated-counts", alliance=JS)
    assert pick(got, "statedCount", "qualifier") == {("16", "UK member universities"), ("23", "Jiangsu universities")}


def test_023_xjtlu_liverpool_presence_and_inaugural_meeting(corpus_kg):
    (xjtlu,) = [r for r in rows(corpus_kg, "organizations") if r["organization"] == "res:xian-jiaotong-liverpool-university"]
    assert (xjtlu["moeCode"], xjtlu["labelZh"], xjtlu["foreignPartners"]) == ("4132016403", "西交利物浦大学", "University of Liverpool")
    (liverpool,) = rows(corpus_kg, "event-participants", event="jiangsu-uk-20plus20-consortium-inaugural-meeting-2019")
    assert (liverpool["agent"], liverpool["role"]) == ("res:university-of-liverpool", "attendee")
    meeting = event_row(corpus_kg, "jiangsu-uk-20plus20-consortium-inaugural-meeting-2019", **{"from": "2019-01-01", "to": "2019-12-31"})
    assert (meeting["date"], meeting["precision"], meeting["dateInferred"]) == ("2019-01-01", "year", "true")
