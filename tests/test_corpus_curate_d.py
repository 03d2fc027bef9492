"""Facts of the sources-2 articles curated by curate-d (046, 051, 072, 074), asked of the corpus graph.

Every expected value is read off the article text (data/articles/sources-2/NNN_*.txt) and the records
that transcribe it (data/facts/*), not pasted from a run of the queries: the MOU signed for eight
HBCUs by Morgan State's president David Wilson with CEAIE; the Franco-Chinese forum of 30 June 2016 at
University Paris Descartes, part of the third session of the high-level dialogue, and its two
agreements; the Sino-German College of USST with Hamburg University of Applied Sciences, from the visits
of 1985 to Regensburg's admission on 18 October [2022]; the 9th General Assembly of the Chinese-Foreign
Joint Institutes Committee at Hebei University. A year that is an editor's [bracketed] note, or a date
taken from the URL, is inferred.
"""

from __future__ import annotations

from test_corpus_a import one, pick, picked, rows  # the corpus tests' helpers: a query's rows as text, columns picked


# -- 046 White House Initiative on HBCUs: the HBCU-CEAIE memorandum of understanding, Beijing 2014

MOU = "res:hbcu-ceaie-mou-2014"


def test_046_the_mou_was_signed_for_the_hbcus_by_david_wilson_with_ceaie_on_the_release_day(corpus_kg):
    signings = [r for r in rows(corpus_kg, "agreement-signings") if r["agreement"] == MOU]
    assert picked(signings, "type", "date", "precision", "dateInferred") == {("memorandum-of-understanding", "2014-07-09", "day", "true")}
    assert picked(signings, "party", "partyCountryLabel", "signatory", "signatoryPosts") == {
        ("res:china-education-association-for-international-exchange", "China", None, None),
        ("res:morgan-state-university", "United States of America", "res:david-wilson", "president (Morgan State University)"),
    }


def test_046_liu_yandong_announced_the_1000_scholarships_on_capitol_hill_in_november_2013(corpus_kg):
    program = one(rows(corpus_kg, "programs"), program="res:hbcu-1000-scholarship-initiative")
    assert pick([program], "type", "launchedBy", "launchedAt", "date", "precision") == [
        ("program", "Liu Yandong", "res:capitol-hill-cbc-hbcu-presidents-meeting-2013", "2013-11-01", "month"),
    ]
    meeting = one(rows(corpus_kg, "events"), event="res:capitol-hill-cbc-hbcu-presidents-meeting-2013")
    assert pick([meeting], "type", "places") == [("meeting", "Capitol Hill")]
    got = rows(corpus_kg, "event-participants", event="capitol-hill-cbc-hbcu-presidents-meeting-2013")
    assert picked(got, "agent", "role") == {
        ("res:liu-yandong", "speaker"),
        ("res:congressional-black-caucus", "attendee"),
        ("res:howard-university", "attendee"),
        ("res:morgan-state-university", "attendee"),
        ("res:tougaloo-college", "attendee"),
        ("res:xavier-university-of-louisiana", "attendee"),
    }


def test_046_the_roundtable_and_the_5th_cpe_in_beijing_in_july_2014(corpus_kg):
    events = rows(corpus_kg, "events")
    assert pick([one(events, event="res:hbcus-chinese-universities-roundtable-2014"), one(events, event="res:us-china-cpe-5th-2014")],
                "label", "date", "precision", "dateInferred", "places") == [
        ("HBCUs-Chinese Universities Roundtable", "2014-07-01", "month", "true", "Beijing"),
        ("5th U.S.-China Consultation on People to People Exchange", "2014-07-01", "month", "true", "Beijing"),
    ]


def test_046_the_release_is_a_source_of_ceaie_and_of_liu_yandongs_vice_premiership(corpus_kg):
    # additions to stored records: the release now supports the records themselves, beside their first sources
    # (other articles print the post too: sources-2/059 of 2017 is a source of it as well)
    got = rows(corpus_kg, "sources-of", entity="post-liu-yandong-state-council-vice-premier")
    assert picked([r for r in got if r["relation"] == "self"], "source") >= {
        ("res:scupi-milestones",), ("res:edgov-hbcu-ceaie-mou-beijing-2014",), ("res:cdefi-franco-chinese-higher-education-forum-2016",),
    }
    got = rows(corpus_kg, "sources-of", entity="china-education-association-for-international-exchange")
    assert ("res:edgov-hbcu-ceaie-mou-beijing-2014",) in picked([r for r in got if r["relation"] == "self"], "source")


def test_046_signed_in_beijing_recognising_the_scholarships_and_the_5th_cpe_in_its_series(corpus_kg):
    mou = one(rows(corpus_kg, "agreements"), agreement=MOU)
    assert pick([mou], "signedAt", "signedIn", "status") == [(None, "res:beijing", "signed")]
    assert "1,000 scholarships" in mou["description"]
    cpe = one(rows(corpus_kg, "events"), event="res:us-china-cpe-5th-2014")
    assert pick([cpe], "partOf", "ordinal") == [("res:us-china-cpe", "5")]
    attendance = rows(corpus_kg, "event-attendance", event="hbcus-chinese-universities-roundtable-2014")
    assert pick(attendance, "statedCount", "approximation") == [("8", None)]  # "eight American HBCUs", exactly


# -- 051 CDEFI: the Franco-Chinese forum on higher education, Paris, 30 June 2016

FORUM = "res:franco-chinese-higher-education-forum-2016"


def test_051_the_forum_at_paris_descartes_was_part_of_the_third_session_of_the_dialogue(corpus_kg):
    forum = one(rows(corpus_kg, "events"), event=FORUM)
    assert pick([forum], "type", "date", "precision", "heldAt", "places", "partOf") == [
        ("forum", "2016-06-30", "day", "res:university-paris-descartes", "Paris", "res:franco-chinese-high-level-dialogue-human-exchanges-3rd-session"),
    ]
    round_tables = [r for r in rows(corpus_kg, "events") if r["partOf"] == FORUM]
    assert sorted(pick(round_tables, "type", "date")) == [("group-discussion", "2016-06-30")] * 2


def test_051_five_co_organizers_and_the_minister_and_vice_premier_present(corpus_kg):
    got = rows(corpus_kg, "event-participants", event="franco-chinese-higher-education-forum-2016")
    assert picked(got, "agent", "role", "onBehalfOf", "inferred") == {
        ("res:cpu", "co-organizer", None, "false"),
        ("res:cdefi", "co-organizer", None, "false"),
        ("res:university-paris-descartes", "co-organizer", None, "false"),
        ("res:china-scholarship-council", "co-organizer", None, "false"),
        ("res:france-ministry-of-foreign-affairs", "co-organizer", None, "false"),
        ("res:najat-vallaud-belkacem", "attendee", "res:france-ministry-of-national-education-higher-education-and-research", "true"),
        ("res:liu-yandong", "attendee", "res:state-council-of-the-peoples-republic-of-china", "true"),
    }
    assert pick(rows(corpus_kg, "person-posts", person="najat-vallaud-belkacem"), "role", "title", "asOf") == [
        ("minister", "Minister of national education, higher education and research", "2016-06-30"),
    ]


def test_051_two_cooperation_agreements_were_signed_during_the_forum(corpus_kg):
    signed = [r for r in rows(corpus_kg, "agreements") if r["signedAt"] == FORUM]
    assert sorted(pick(signed, "agreement", "type", "date", "parties")) == [
        ("res:chimie-paristech-buct-engineering-education-agreement-2016", "cooperation-agreement", "2016-06-30",
         "Beijing University of Chemical Technology | Chimie ParisTech"),
        ("res:insa-group-csc-student-reception-agreement-2016", "cooperation-agreement", "2016-06-30",
         "China Scholarship Council | Technology Universities – the INSA Group"),
    ]
    # University Paris Descartes and Chimie ParisTech are the world list's Paris V and ENSCP
    orgs = {r["organization"]: r for r in rows(corpus_kg, "organizations")}
    assert orgs["res:chimie-paristech"]["countryLabel"] == orgs["res:university-paris-descartes"]["countryLabel"] == "France"


def test_051_the_dialogue_set_up_in_2014_and_the_round_tables_themes(corpus_kg):
    events = rows(corpus_kg, "events")
    assert pick([one(events, event="res:franco-chinese-high-level-dialogue-human-exchanges")], "type", "date", "precision") == [
        ("event-series", "2014-01-01", "year"),
    ]
    assert pick([one(events, event="res:franco-chinese-high-level-dialogue-human-exchanges-3rd-session")], "partOf", "ordinal") == [
        ("res:franco-chinese-high-level-dialogue-human-exchanges", "3"),
    ]
    assert sorted(r["theme"] for r in events if r["partOf"] == FORUM)[0] == "innovation and governance"
    subjects = {r["agreement"]: (r["description"], r["status"]) for r in rows(corpus_kg, "agreements") if r["signedAt"] == FORUM}
    assert subjects == {
        "res:chimie-paristech-buct-engineering-education-agreement-2016": ("engineering education", "signed"),
        "res:insa-group-csc-student-reception-agreement-2016": ("the reception of students", "signed"),
    }


# -- 072 China Services Info: the Sino-German College of USST with Hamburg University of Applied Sciences

COLLEGE = "res:usst-sino-german-college"


def test_072_the_college_is_a_joint_institute_of_usst_with_two_named_german_partners(corpus_kg):
    got = [r for r in rows(corpus_kg, "joint-institutes") if r["institute"] == COLLEGE]
    assert picked(got, "host", "partner", "partnerCountry", "legalPerson", "partnerInferred") == {
        ("res:university-of-shanghai-for-science-and-technology", "res:hamburg-university-of-applied-sciences", "res:de", "false", "false"),
        ("res:university-of-shanghai-for-science-and-technology", "res:regensburg-university-of-applied-science", "res:de", "false", "false"),
    }


def test_072_milestones_from_the_visits_of_1985_to_the_authorisation_of_2014(corpus_kg):
    about = [r for r in rows(corpus_kg, "events") if r["event"] in {
        "res:usst-haw-hamburg-exchange-visits-1985", "res:shanghai-hamburg-college-founding-1998",
        "res:olaf-scholz-visit-usst-sino-german-college-2011", "res:usst-sino-german-college-moe-authorisation-2014"}]
    assert pick(about, "event", "type", "date", "precision") == [
        ("res:usst-haw-hamburg-exchange-visits-1985", "visit", "1985-01-01", "year"),
        ("res:shanghai-hamburg-college-founding-1998", "founding", "1998-01-01", "year"),
        ("res:olaf-scholz-visit-usst-sino-german-college-2011", "visit", "2011-01-01", "year"),
        ("res:usst-sino-german-college-moe-authorisation-2014", "approval", "2014-01-01", "year"),
    ]
    assert pick(rows(corpus_kg, "event-participants", event="olaf-scholz-visit-usst-sino-german-college-2011"), "agent", "role") == [
        ("res:olaf-scholz", "visitor"),
    ]
    programs = rows(corpus_kg, "programs", about="usst-sino-german-college")
    assert sorted(pick(programs, "label", "date")) == [
        ("Electrical engineering and automation", "1998-01-01"),
        ("International economics and trade", "2002-01-01"),
        ("Mechanical engineering and automation", "1998-01-01"),
    ]


def test_072_regensburg_admitted_on_18_october_2022_bringing_the_german_partners_to_four(corpus_kg):
    commission = "usst-sino-german-college-joint-commission"
    assert pick(rows(corpus_kg, "alliance-members", alliance=commission), "member", "role", "start", "precision") == [
        ("res:regensburg-university-of-applied-science", "member", "2022-10-18", "day"),
    ]
    assert picked(rows(corpus_kg, "alliance-stated-counts", alliance=commission), "role", "statedCount", "namedHolders") == {("member", "4", "1")}
    meeting = one(rows(corpus_kg, "events"), event="res:usst-sino-german-college-joint-commission-2022")
    assert pick([meeting], "type", "date", "dateInferred") == [("council-meeting", "2022-10-18", "true")]  # "18 October [2022]"


def test_072_founded_in_1998_as_the_shanghai_hamburg_college_and_approved_in_2014(corpus_kg):
    college = one(rows(corpus_kg, "organizations"), organization=COLLEGE)
    assert pick([college], "founded", "foundedPrecision") == [("1998-01-01", "year")]
    names = [r for r in rows(corpus_kg, "institution-timeline", institution="usst-sino-german-college") if r["relation"] == "former-name"]
    assert pick(names, "date", "dateKind", "factLabel") == [("1998-01-01", "from", "Shanghai-Hamburg College")]
    approvals = rows(corpus_kg, "joint-institute-approvals", institute="usst-sino-german-college")
    assert pick(approvals, "legalPerson", "approval", "approvalType", "approvalDate", "approvalPrecision") == [
        ("false", "res:usst-sino-german-college-moe-authorisation-2014", "approval", "2014-01-01", "year"),
    ]
    # a college of USST: its lack of legal personality is inferred, not printed
    assert picked([r for r in rows(corpus_kg, "joint-institutes") if r["institute"] == COLLEGE], "legalPersonInferred") == {("true",)}


def test_072_olaf_scholz_then_first_mayor_of_hamburg_now_german_chancellor(corpus_kg):
    assert sorted(pick(rows(corpus_kg, "person-posts", person="olaf-scholz"), "role", "title", "jurisdiction", "former", "asOf")) == [
        ("head-of-government", "German Chancellor", "res:de", "false", "2022-11-04"),
        ("mayor", "first mayor of Hamburg", "res:hamburg", "true", "2011-01-01"),
    ]


# -- 074 Hebei University: the 9th General Assembly of the Chinese-Foreign Joint Institutes Committee (CJIC)

ASSEMBLY = "res:cjic-9th-general-assembly"


def test_074_the_assembly_at_hebei_university_from_25_to_27_april_2023(corpus_kg):
    assembly = one(rows(corpus_kg, "events"), event=ASSEMBLY)
    assert pick([assembly], "type", "date", "dateInferred", "endDate", "heldAt", "organizers") == [
        ("conference", "2023-04-25", "true", "2023-04-27", "res:hebei-university", "Chinese-Foreign Joint Institutes Committee"),
    ]


def test_074_guided_by_the_moe_department_and_organised_by_the_hbu_uclan_school(corpus_kg):
    got = rows(corpus_kg, "event-participants", event="cjic-9th-general-assembly")
    assert picked(got, "agent", "role", "onBehalfOf") == {
        ("res:hbu-uclan-school-of-media-communication-and-creative-industries", "host", None),
        ("res:tao-hongjian", "speaker", "res:moe-department-of-international-cooperation-and-exchange"),
        ("res:hou-jianguo", "attendee", "res:hebei-education-department"),
        ("res:wang-jingyao", "attendee", "res:moe-international-supervision-and-school-management-office"),
        ("res:zhao-yanzhi", "speaker", "res:cjic"),
    }
    school = [r for r in rows(corpus_kg, "joint-institutes") if r["institute"] == "res:hbu-uclan-school-of-media-communication-and-creative-industries"]
    assert pick(school, "host", "partner", "partnerInferred") == [("res:hebei-university", "res:university-of-central-lancashire", "true")]


def test_074_zhao_yanzhi_president_of_shenyang_university_and_of_cjic(corpus_kg):
    assert pick(rows(corpus_kg, "person-posts", person="zhao-yanzhi"), "role", "organization", "asOf") == [
        ("president", "res:shenyang-university", "2023-04-25"),
    ]
    assert pick(rows(corpus_kg, "alliance-members", alliance="cjic"), "member", "role", "onBehalfOf", "inferred") == [
        ("res:zhao-yanzhi", "chair", "res:shenyang-university", "true"),
    ]


def test_074_the_ninth_of_the_series_more_than_360_people_from_over_150_institutions_and_programmes(corpus_kg):
    assembly = one(rows(corpus_kg, "events"), event=ASSEMBLY)
    assert pick([assembly], "partOf", "ordinal") == [("res:cjic-general-assembly", "9")]
    assert assembly["theme"].startswith("To study, publicise and implement the spirit of the 20th National Congress")
    attendance = rows(corpus_kg, "event-attendance", event="cjic-9th-general-assembly")
    assert pick(attendance, "statedCount", "approximation", "qualifier", "role") == [
        ("360", "more-than", "people", "attendee"),
        ("150", "more-than", "Chinese-foreign joint institutions and programmes across China", None),
    ]
    counsels = [r for p in ("tao-hongjian", "hou-jianguo") for r in rows(corpus_kg, "person-posts", person=p)]
    assert pick(counsels, "role", "organization") == [
        ("senior-advisor", "res:moe-department-of-international-cooperation-and-exchange"),
        ("senior-advisor", "res:hebei-education-department"),
    ]
