"""Facts of the sources-2 articles curated by curate-c (047, 055, 057, 062, 063, 079), asked of the corpus graph.

Every expected value is read off the article text (data/articles/sources-2/NNN_*.txt) and the records that
transcribe it (data/facts/*-NNN-*.yaml's records, ingested from /work/curation/curate-c), not pasted from a
run of the queries: the Ministry of Education signed memorandums with six provinces, regions and cities
on 11 April [2017], Guangxi University held the First Annual Forum of the China-ASEAN University Think
Tank Network on 3-4 September 2017, the China-South Asia TVET Research Center was founded by three
institutions at the 3rd International Conference on TVET in Developing Countries, and so on. A date whose
year is an editor's [bracketed] note is inferred.

The graph is ``corpus_kg`` (all of data/ with its reference tables), so the assertions use ids and the
labels of curated records; a label only the reference tables give (Nanning City, 广西大学) is asserted
where the query returns it for a reference id.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cheikg.api import KnowledgeGraph
from cheikg.build import build
from cheikg.submission import validate_paths

from conftest import DATA, texts


def rows(kg: KnowledgeGraph, name: str, **params) -> list[dict]:
    return texts(kg.query(name, **params))


def picked(records: list[dict], *cols: str) -> set[tuple]:
    """The distinct tuples (queries that cite give one row per supporting quote)."""
    return {tuple(r[c] for c in cols) for r in records}


def names(joined: str | None) -> frozenset[str]:
    return frozenset(joined.split(" | ")) if joined else frozenset()


def one(records: list[dict], **match) -> dict:
    found = [r for r in records if all(r[k] == v for k, v in match.items())]
    assert len(found) == 1, (match, found)
    return found[0]


# -- 055 Shaanxi government site: MOE Belt and Road education memorandums with provinces, 2017

SIX = {
    "inner-mongolia": "Inner Mongolia Autonomous Region People's Government",
    "jilin": "Jilin Provincial People's Government",
    "heilongjiang": "Heilongjiang Provincial People's Government",
    "shaanxi": "Shaanxi Provincial People's Government",
    "qinghai": "Qinghai Provincial People's Government",
    "qingdao": "Qingdao Municipal People's Government",
}


def test_055_moe_signed_six_memorandums_on_11_april_2017_with_six_provincial_level_governments(corpus_kg):
    signed = [r for r in rows(corpus_kg, "agreements", party="moe") if r["agreement"].endswith("-belt-and-road-education-memorandum-2017")]
    assert {r["agreement"] for r in signed} == {f"res:moe-{slug}-belt-and-road-education-memorandum-2017" for slug in SIX}
    for r in signed:
        slug = r["agreement"][len("res:moe-"):-len("-belt-and-road-education-memorandum-2017")]
        assert (r["type"], r["date"], r["precision"], r["countries"]) == ("memorandum-of-understanding", "2017-04-11", "day", "China")
        assert names(r["parties"]) == {"Ministry of Education", SIX[slug]}
        assert r["signatories"] is None  # no signatory is named
    # "On 11 April [2017]": the year is an editor's note
    inferred = {(r["fact"], r["date"], r["inferredPart"]) for r in rows(corpus_kg, "inferred-dates")}
    assert {f"res:moe-{slug}-belt-and-road-education-memorandum-2017" for slug in SIX} == {
        fact for fact, date, part in inferred if fact.endswith("-belt-and-road-education-memorandum-2017") and (date, part) == ("2017-04-11", "year")}


def test_055_the_shaanxi_party_is_the_stored_provincial_government_and_the_others_are_inferred(corpus_kg):
    orgs = rows(corpus_kg, "organizations")
    assert one(orgs, organization="res:shaanxi-peoples-government")["labelZh"] == "陕西省人民政府"
    qingdao = one(orgs, organization="res:qingdao-peoples-government")
    assert (qingdao["type"], qingdao["labelZh"], qingdao["cityLabel"], qingdao["provinceLabel"]) == (
        "government-body", "青岛市人民政府", "Qingdao City", "Shandong Province")
    # the article prints only "Qingdao" and "Shaanxi": each party is its people's government by inference,
    # and the names of the governments not stored before are the curators' composition
    inferred = {(r["fact"], r["property"]) for r in rows(corpus_kg, "inferred-facts")}
    assert ("res:qingdao-peoples-government", "skos:prefLabel") in inferred
    assert ("res:shaanxi-peoples-government", "skos:prefLabel") not in inferred
    assert ("res:moe-shaanxi-belt-and-road-education-memorandum-2017.party.shaanxi-peoples-government", "cheikg:party") in inferred


def test_055_the_initiative_of_july_2016_and_the_vice_minister(corpus_kg):
    initiative = one(rows(corpus_kg, "programs"), program="res:belt-and-road-education-cooperation-initiative")
    assert (initiative["type"], initiative["launchedBy"], initiative["date"], initiative["precision"]) == (
        "initiative", "Ministry of Education", "2016-07-01", "month")
    posts = rows(corpus_kg, "person-posts", person="tian-xuejun")
    assert picked(posts, "role", "organization", "asOf", "asOfPrecision") == {("vice-minister", "res:moe", "2017-04-21", "day")}


# -- 057 ASEAN-China Centre: First Annual Forum of the China-ASEAN University Think Tank Network, Nanning 2017

FORUM_057 = "china-asean-university-think-tank-network-annual-forum-2017"


def test_057_guangxi_university_held_the_first_annual_forum_in_nanning_on_3_4_september_2017(corpus_kg):
    forum = one(rows(corpus_kg, "events", **{"from": "2017-09-01", "to": "2017-09-30"}), event=f"res:{FORUM_057}")
    assert (forum["type"], forum["date"], forum["endDate"], forum["dateInferred"], forum["places"], forum["organizers"]) == (
        "forum", "2017-09-03", "2017-09-04", "false", "Nanning City", "Guangxi University")
    opening = one(rows(corpus_kg, "events", **{"from": "2017-09-01", "to": "2017-09-30"}), event=f"res:{FORUM_057}-opening-ceremony")
    assert (opening["type"], opening["partOf"]) == ("opening-ceremony", f"res:{FORUM_057}")


def test_057_guangxi_university_established_the_network(corpus_kg):
    members = rows(corpus_kg, "alliance-members", alliance="china-asean-university-think-tank-network")
    assert picked(members, "member", "memberLabelZh", "role", "inferred") == {("res:moe-4145010593", "广西大学", "initiator", "false")}


def test_057_seven_speakers_opened_the_forum_and_two_gave_keynotes(corpus_kg):
    opening = rows(corpus_kg, "event-participants", event=f"{FORUM_057}-opening-ceremony")
    assert picked(opening, "agent", "role", "onBehalfOf", "postTitle") == {
        ("res:choltis-dhirathiti", "speaker", "res:asean-university-network", "Executive Director of the ASEAN University Network (AUN)"),
        ("res:zheng-xinli", "speaker", "res:china-center-for-international-economic-exchanges",
         "Permanent Vice Chairman of the China Center for International Economic Exchanges"),
        ("res:yu-hongjun", "speaker", "res:cppcc-national-committee-committee-of-foreign-affairs", None),
        ("res:guo-yezhou", "speaker", "res:cpc-central-committee-international-department",
         "Vice-Minister of the International Department of the Central Committee of the Communist Party of China (CPC)"),
        ("res:zhao-deming", "speaker", "res:cpc-guangxi-committee-standing-committee", None),
        ("res:li-kang", "speaker", "res:cppcc-guangxi-committee",
         "Vice-Chairman of the Guangxi Zhuang Autonomous Region Committee of the Chinese People's Political Consultative Conference"),
        ("res:vithit-powattanasuk", "speaker", "res:asean-china-centre", None),
    }
    keynotes = [r for r in rows(corpus_kg, "event-participants", event=FORUM_057) if r["role"] == "keynote-speaker"]
    assert {r["agent"] for r in keynotes} == {"res:zheng-xinli", "res:yu-hongjun"}


# -- 062 China Services Info: 3rd International Conference on TVET in Developing Countries, Ningbo 2018

CONFERENCE_062 = "third-international-conference-on-tvet-in-developing-countries-2018"


def test_062_the_research_center_was_founded_by_three_institutions_and_is_seated_in_ningbo(corpus_kg):
    center = one(rows(corpus_kg, "organizations"), organization="res:china-south-asia-tvet-research-center")
    assert (center["type"], center["cityLabel"]) == ("research-institute", "Ningbo City")
    assert names(center["coBuiltBy"]) == {
        "Ningbo Polytechnic", "Bangladesh Institution of Diploma Engineers", "Sri Lanka Vocational and Technical University"}
    polytechnic = one(rows(corpus_kg, "organizations"), organization="res:ningbo-polytechnic")
    assert (polytechnic["moeCode"], polytechnic["labelZh"]) == ("4133010863", "宁波职业技术大学")


def test_062_the_conference_at_ningbo_polytechnic_and_the_founding_within_it(corpus_kg):
    december = rows(corpus_kg, "events", **{"from": "2018-12-01", "to": "2018-12-31"})
    conference = one(december, event=f"res:{CONFERENCE_062}")
    assert (conference["type"], conference["date"], conference["dateInferred"], conference["heldAt"], conference["places"]) == (
        "conference", "2018-12-03", "true", "res:ningbo-polytechnic", "Ningbo City")
    founding = one(december, event="res:china-south-asia-tvet-research-center-founding-2018")
    assert (founding["type"], founding["partOf"]) == ("founding", f"res:{CONFERENCE_062}")


def test_062_the_heads_of_the_two_south_asian_founders(corpus_kg):
    assert picked(rows(corpus_kg, "person-posts", person="akma-hamid"), "role", "organization", "asOf") == {
        ("chair", "res:bangladesh-institution-of-diploma-engineers", "2018-12-03")}
    assert picked(rows(corpus_kg, "person-posts", person="gld-wickramasingh"), "personLabel", "role", "organization") == {
        ("G. L. D. Wickramasingh", "president", "res:sri-lanka-vocational-and-technical-university")}
    speakers = rows(corpus_kg, "event-participants", event=CONFERENCE_062)
    # where each said what he said is not printed: the three are speakers by inference
    assert picked(speakers, "agent", "role", "inferred") == {
        ("res:ma-shuchao", "speaker", "true"), ("res:akma-hamid", "speaker", "true"), ("res:gld-wickramasingh", "speaker", "true")}


# -- 079 Yunnan University: China–South and Southeast Asia Vocational Education Cooperation Alliance, Kunming 2025

ALLIANCE_079 = "china-south-southeast-asia-vocational-education-cooperation-alliance"
CONFERENCE_079 = "china-south-southeast-asia-vocational-education-alliance-inaugural-conference-2025"
FORUM_079 = "china-south-southeast-asia-vocational-education-alliance-first-forum-2025"


def test_079_the_alliance_was_founded_in_kunming_on_23_october_2025_the_year_inferred(corpus_kg):
    alliance = one(rows(corpus_kg, "alliances"), alliance=f"res:{ALLIANCE_079}")
    assert (alliance["founded"], alliance["foundedPrecision"], alliance["foundedInferred"], alliance["foundingEvent"], alliance["placeLabel"]) == (
        "2025-10-23", "day", "true", f"res:{CONFERENCE_079}", "Kunming City")


def test_079_the_inaugural_conference_adopted_the_charter(corpus_kg):
    docs = rows(corpus_kg, "documents", about=ALLIANCE_079)
    assert picked(docs, "document", "type", "adoptedAt", "date") == {
        ("res:china-south-southeast-asia-vocational-education-alliance-charter", "charter", f"res:{CONFERENCE_079}", "2025-10-23")}


def test_079_ma_wenhui_gave_the_keynote_as_president_of_yunnan_university(corpus_kg):
    keynote = rows(corpus_kg, "event-participants", event=CONFERENCE_079)
    assert picked(keynote, "agent", "role", "onBehalfOf", "onBehalfOfLabel", "speechTitle") == {
        ("res:ma-wenhui", "keynote-speaker", "res:moe-4153010673", "Yunnan University",
         "The Mission and Tasks of the China–South and Southeast Asia Vocational Education Cooperation Alliance")}
    assert picked(rows(corpus_kg, "person-posts", person="ma-wenhui"), "role", "organization") == {("president", "res:moe-4153010673")}


# -- 063 Asia Times: the China-ASEAN Education Cooperation Week (2019) and the documents of 2008-2017

WEEK = "china-asean-education-cooperation-week"


def test_063_the_week_is_a_series_of_yearly_editions_with_their_ordinals(corpus_kg):
    events = rows(corpus_kg, "events")
    series = one(events, event=f"res:{WEEK}")
    assert (series["type"], series["label"], series["labelZh"], series["date"]) == (
        "event-series", "China-ASEAN Education Cooperation Week", "中国-东盟教育交流周", None)
    assert names(series["organizers"]) == {"Ministry of Foreign Affairs", "Ministry of Education", "Guizhou Provincial People's Government"}
    editions = {r["ordinal"]: (r["event"], r["date"], r["precision"]) for r in events if r["partOf"] == f"res:{WEEK}"}
    assert editions == {
        "1": (f"res:{WEEK}-2008", "2008-01-01", "year"),
        "2": (f"res:{WEEK}-2009", "2009-01-01", "year"),
        "3": (f"res:{WEEK}-2010", "2010-01-01", "year"),
        "6": (f"res:{WEEK}-2013", "2013-01-01", "year"),
        "7": (f"res:{WEEK}-2014", "2014-09-01", "day"),
        "9": (f"res:{WEEK}-2016", "2016-01-01", "year"),
        "10": (f"res:{WEEK}-2017", "2017-01-01", "year"),
        "12": (f"res:{WEEK}-2019", "2019-07-22", "day"),
    }
    # the 1st, 2nd, 7th and 12th are printed; the others are counted from "every year since 2008"
    inferred = {r["fact"] for r in rows(corpus_kg, "inferred-facts") if r["property"] == "schema:position"}
    assert {f"res:{WEEK}-{year}" for year in (2008, 2009, 2010, 2013, 2014, 2016, 2017, 2019)} & inferred == {
        f"res:{WEEK}-{year}" for year in (2010, 2013, 2016, 2017)}


def test_063_the_2019_week_opened_in_guizhou_on_22_july_with_its_theme(corpus_kg):
    week = one(rows(corpus_kg, "events", **{"from": "2019-07-01", "to": "2019-07-31"}), event=f"res:{WEEK}-2019")
    assert (week["type"], week["dateInferred"], week["places"], week["theme"]) == (
        "conference", "false", "Guizhou Province", "To deepen practical cooperation and share development benefits")
    assert names(week["organizers"]) == {"Ministry of Foreign Affairs", "Ministry of Education", "Guizhou Provincial People's Government"}


def test_063_the_ten_documents_and_statements_adopted_at_the_editions(corpus_kg):
    docs = {r["document"]: (r["type"], r["adoptedAt"], r["date"]) for r in rows(corpus_kg, "documents")}
    assert {k: v for k, v in docs.items() if v[1] and "week" in v[1] or v[1] and "roundtable" in v[1]} == {
        "res:caecw-2008-guiyang-statement-university-rectors-forum": ("declaration", f"res:{WEEK}-2008-university-rectors-forum", "2008-01-01"),
        "res:caecw-2009-minutes-university-rectors-forum": ("declaration", f"res:{WEEK}-2009-university-rectors-forum", "2009-01-01"),
        "res:caecw-2010-guiyang-statement-education-minister-roundtable": (
            "declaration", "res:china-asean-education-minister-roundtable-conference-2010", "2010-01-01"),
        "res:china-asean-double-100000-students-mobility-plan": ("plan", f"res:{WEEK}-2010", "2010-01-01"),
        "res:caecw-2016-joint-announcement-action-plan": ("declaration", f"res:{WEEK}-2016", "2016-01-01"),
        "res:china-asean-double-100000-students-mobility-plan-upgraded": ("plan", f"res:{WEEK}-2016", "2016-01-01"),
        "res:china-asean-educational-cooperation-plan-of-action-2017-2020": ("plan", f"res:{WEEK}-2017", "2017-01-01"),
        "res:china-asean-vocational-education-cooperation-alliance-guiyang-consensus": ("consensus", f"res:{WEEK}-2017", "2017-01-01"),
    }
    # the two scholarships of the ten are schemes, recorded as programs launched at their editions
    programs = {r["program"]: (r["type"], r["launchedAt"], r["date"]) for r in rows(corpus_kg, "programs")}
    assert programs["res:guizhou-government-scholarship"] == ("program", f"res:{WEEK}-2013", "2013-01-01")
    assert programs["res:china-asean-maritime-silk-road-scholarship"] == ("program", f"res:{WEEK}-2016", "2016-01-01")


def test_063_five_of_the_ten_alliances_the_week_established_are_named(corpus_kg):
    founded = {r["alliance"] for r in rows(corpus_kg, "alliances") if r["foundingEvent"] == f"res:{WEEK}"}
    assert founded == {
        "res:china-asean-rail-transit-education-and-training-alliance",
        "res:china-asean-innovation-and-entrepreneurship-education-alliance",
        "res:alibaba-global-e-commerce-talent-consortium",
        "res:china-asean-transport-vocational-education-alliance",
        "res:china-asean-education-and-training-alliance",
    }


# -- 047 gov.cn (Xinhua): the 7th China-ASEAN Education Cooperation Week, Guiyang 2014


def test_047_the_seventh_week_opened_in_guiyang_on_1_september_2014_the_year_inferred(corpus_kg):
    week = one(rows(corpus_kg, "events", **{"from": "2014-09-01", "to": "2014-09-30"}), event=f"res:{WEEK}-2014")
    assert (week["labelZh"], week["date"], week["dateInferred"], week["places"], week["partOf"], week["ordinal"]) == (
        '第七届"中国-东盟教育交流周"', "2014-09-01", "true", "Guiyang City", f"res:{WEEK}", "7")
    assert names(week["organizers"]) == {"Ministry of Foreign Affairs", "Ministry of Education", "Guizhou Provincial People's Government"}


def test_047_ma_mingqiang_spoke_at_the_opening_as_secretary_general_of_the_asean_china_centre(corpus_kg):
    opening = rows(corpus_kg, "event-participants", event=f"{WEEK}-2014-opening-ceremony")
    assert picked(opening, "agent", "agentLabel", "role", "onBehalfOf", "postTitle") == {
        ("res:ma-mingqiang", "Ma Mingqiang", "speaker", "res:asean-china-centre", "中国-东盟中心秘书长")}
    assert picked(rows(corpus_kg, "person-posts", person="ma-mingqiang"), "personLabelZh", "role", "organization", "asOf") == {
        ("马明强", "secretary-general", "res:asean-china-centre", "2014-09-01")}


def test_047_the_asean_china_centre_its_chinese_name_founding_and_its_asean_tour(corpus_kg):
    centre = one(rows(corpus_kg, "organizations"), organization="res:asean-china-centre")
    assert (centre["labelZh"], centre["type"], centre["founded"], centre["foundedPrecision"], centre["description"]) == (
        "中国-东盟中心", "intergovernmental-organization", "2011-01-01", "year", "中国和东盟10国共同建立的政府间组织")
    tour = one(rows(corpus_kg, "programs"), program="res:chinese-higher-vocational-colleges-asean-tour")
    assert (tour["labelZh"], tour["type"], tour["launchedBy"]) == ("中国高职院校东盟行", "program", "ASEAN-China Centre")
    history = rows(corpus_kg, "record-history", record="asean-china-centre")
    assert "govcn-xinhua-seventh-china-asean-education-week-2014" in {r["source"].removeprefix("res:") for r in history if r["source"]}


# -- the model's fields, added to 055, 057, 062 and 079 after they were first ingested


def test_055_the_six_memorandums_were_signed_in_beijing(corpus_kg):
    signed = [r for r in rows(corpus_kg, "agreements", party="moe") if r["agreement"].endswith("-belt-and-road-education-memorandum-2017")]
    assert len(signed) == 6
    assert picked(signed, "signedIn", "status", "signedAt") == {("res:beijing", "signed", None)}


def test_057_the_first_annual_forum_is_the_first_of_a_series(corpus_kg):
    forum = one(rows(corpus_kg, "events"), event=f"res:{FORUM_057}")
    assert (forum["partOf"], forum["ordinal"]) == ("res:china-asean-university-think-tank-network-annual-forum", "1")


def test_062_the_third_conference_and_the_centre_founded_there(corpus_kg):
    conference = one(rows(corpus_kg, "events"), event=f"res:{CONFERENCE_062}")
    assert (conference["partOf"], conference["ordinal"]) == ("res:international-conference-on-tvet-in-developing-countries", "3")
    center = one(rows(corpus_kg, "organizations"), organization="res:china-south-asia-tvet-research-center")
    assert (center["founded"], center["foundedPrecision"]) == ("2018-12-03", "day")


def test_079_over_400_witnessed_the_founding_and_eight_reported_at_the_first_forum(corpus_kg):
    counts = rows(corpus_kg, "event-attendance")
    assert picked([r for r in counts if r["event"] in (f"res:{CONFERENCE_079}", f"res:{FORUM_079}")], "event", "statedCount", "approximation", "role") == {
        (f"res:{CONFERENCE_079}", "400", "more-than", "attendee"),
        (f"res:{FORUM_079}", "8", None, "speaker"),
    }
    forum = one(rows(corpus_kg, "events"), event=f"res:{FORUM_079}")
    assert (forum["ordinal"], forum["theme"]) == ("1", "International Cooperation in Vocational Education in the RCEP Era")


# -- a sample of the articles: each ingested file, validated against a build of data/ without it, is
#    clean, as it was when it was ingested (later additions to its records are left out with it)


def without_its_file(tmp_path: Path, slug: str) -> tuple[Path, Path]:
    """A copy of data/ without the files ingested for one article, built; and the article's submission as it was."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    ingested = sorted((data / "facts").glob(f"*-{slug}*.yaml"))
    (first,) = [p for p in ingested if p.name.endswith(f"-{slug}.yaml")]
    text = first.read_text(encoding="utf-8")
    for path in ingested:
        path.unlink()
    built = build(data, tmp_path / "build")
    assert built.report.findings == []
    # the submission is the ingested file less the `submissions` record ingest wrote at its top
    lines = text.splitlines(keepends=True)
    start = lines.index("submissions:\n")
    end = next(i for i in range(start + 1, len(lines)) if lines[i][:1].isalpha())
    submission = tmp_path / f"{slug}.yaml"
    submission.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")
    return data, submission


@pytest.mark.parametrize("slug", [
    "acc-china-asean-university-think-tank-network-forum-2017",
    "ynu-china-south-southeast-asia-vocational-education-alliance-2025",
])
def test_an_article_validates_clean_against_the_graph_built_without_it(tmp_path, slug):
    data, submission = without_its_file(tmp_path, slug)
    report = validate_paths([submission], data, tmp_path / "build")
    assert [(f.severity, f.record, f.field, f.message) for f in report.findings] == []
    # clean because its records are checked against a graph that lacks them, not because it is empty
    assert not any(slug in p.read_text(encoding="utf-8") for p in (data / "facts").glob("*.yaml"))
    assert submission.read_text(encoding="utf-8").count("\n  - id: ") >= 5
