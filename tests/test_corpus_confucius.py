"""Facts of the articles curated by confucius (data/articles/sources-2: 050, 059, 066), asked of the corpus graph.

Every expected value is read off the article text (data/articles/sources-2/NNN_*.txt) and the
records that transcribe it (data/facts/*.yaml ingested from /work/curation/confucius), not pasted
from a run of the queries: the Ministry of Education's 32 joint programmes of the first half of
2020 with four UK partnerships named, the Confucius Institute at Zayed University run with BFSU and
approved by NOCFL on 4 July 2010, the one CSU co-built with DRC Foreign Affairs University licensed
by Liu Yandong at the 12th Confucius Institute Conference. A date whose year is an editor's
[bracketed] note is inferred; NOCFL is identified as Hanban by the curators (marked inferred).

The graph is ``corpus_kg`` (all of data/ with its reference tables); the assertions pick the rows of
these articles' entities, so other curators' additions (more Confucius Institutes of CSU, more
institutes approved in 2010) do not move them.
"""

from __future__ import annotations

from test_corpus_a import one, pick, rows  # the corpus tests' helpers: a query's rows as text, columns picked


# -- 066 British Council: the Ministry of Education approves 32 new joint programmes in the first half of 2020

APPROVAL_2020_H1 = "res:moe-joint-programme-approval-2020-h1"
UK_PROGRAMMES = ("animation (Fujian Jiangxia University / University of Wales Trinity St David) | "
                 "clinical pharmacy (China Pharmaceutical University / University of Manchester) | "
                 "digital media technology (Guangxi University of Finance and Economics / University of Chichester) | "
                 "software engineering (Neusoft Institute of Guangdong / University of the West of England, Bristol)")


def test_066_the_approval_of_the_first_half_of_2020_by_the_ministry_with_32_programmes(corpus_kg):
    approval = [r for r in rows(corpus_kg, "programme-approvals") if r["approval"] == APPROVAL_2020_H1]
    total = one(approval, statedCount="32")
    assert pick([total], "year", "date", "precision", "end", "endPrecision", "approvedBy", "qualifier", "countries", "namedProgrammes") == [
        ("2020", "2020-01-01", "year", "2020-06-01", "month", "Ministry of Education",
         "new Sino-foreign joint programmes at bachelor's degree level and above", None, "4")]
    # "Six of the 32 approved programmes involve US universities. ... Italy with four ..., Germany with three, and Russia and Spain with two each."
    assert pick([r for r in approval if r["countries"]], "statedCount", "countries") == [
        ("6", "US"), ("4", "GB"), ("4", "IT"), ("3", "DE"), ("2", "ES"), ("2", "RU")]
    # by field: 18 engineering, 6 arts and design, 4 medicine, 2 pre-school education (and the total)
    assert sorted(int(r["statedCount"]) for r in approval if not r["countries"]) == [2, 4, 6, 18, 32]


def test_066_the_four_uk_programmes_with_their_chinese_and_foreign_parties(corpus_kg):
    uk = [r for r in rows(corpus_kg, "programme-approvals", country="gb") if r["approval"] == APPROVAL_2020_H1]
    assert pick(uk, "statedCount", "qualifier", "countries", "namedProgrammes", "programmes") == [
        ("4", "UK partnerships, all at bachelor's degree level", "GB", "4", UK_PROGRAMMES)]
    # no programme with a US partner is named, so the US count lists none
    us = [r for r in rows(corpus_kg, "programme-approvals", country="us") if r["approval"] == APPROVAL_2020_H1]
    assert pick(us, "statedCount", "namedProgrammes", "programmes") == [("6", None, None)]


def test_066_the_chinese_parties_printed_in_english_are_the_moe_list_institutions(corpus_kg):
    orgs = {r["organization"]: r for r in rows(corpus_kg, "organizations") if r["organization"] in (
        "res:guangxi-university-of-finance-and-economics", "res:neusoft-institute-guangdong")}
    assert sorted((o, r["labelZh"], r["moeCode"]) for o, r in orgs.items()) == [
        ("res:guangxi-university-of-finance-and-economics", "广西财经学院", "4145011548"),
        ("res:neusoft-institute-guangdong", "广东东软学院", "4144012574")]


# -- 050 BFSU: the Confucius Institute at United Arab Emirates Zayed University

ZAYED_CI = "res:ci-zayed-university"


def test_050_the_institute_with_its_host_partner_approval_operation_and_inauguration(corpus_kg):
    institute = one(rows(corpus_kg, "confucius-institutes", partner="beijing-foreign-studies-university"), institute=ZAYED_CI)
    assert pick([institute], "instituteLabel", "type", "host", "hostLabel", "countryCode", "partners", "approvedBy") == [
        ("Confucius Institute at United Arab Emirates Zayed University", "confucius-institute", "res:zu-ac-ae", "Zayed University", "AE",
         "Beijing Foreign Studies University", "Hanban")]
    assert pick([institute], "approvalDate", "approvalPrecision", "operationStart", "inaugurationDate", "closureDate") == [
        ("2010-07-04", "day", "2010-08-24", "2012-03-07", None)]
    assert ZAYED_CI in {r["institute"] for r in rows(corpus_kg, "confucius-institutes", country="ae")}


def test_050_the_institute_by_year(corpus_kg):
    by_year = [r for r in rows(corpus_kg, "confucius-institutes-by-year")
               if "Confucius Institute at United Arab Emirates Zayed University" in (r["institutes"] or "").split(" | ")]
    assert pick(by_year, "year", "milestone") == [("2010", "approval"), ("2010", "operation-start"), ("2012", "inauguration")]


def test_050_enrolment_by_year_and_staff_as_stated_counts(corpus_kg):
    counts = rows(corpus_kg, "stated-counts", of="ci-zayed-university")
    # "from over 50 students in 2010 to 410 in 2011, 549 in 2012 and 753 in 2013; in 2014 the number reached 746"
    assert pick([r for r in counts if r["qualifier"] == "students"], "asOf", "asOfPrecision", "statedCount", "approximation") == [
        ("2010-01-01", "year", "50", "more-than"), ("2011-01-01", "year", "410", None), ("2012-01-01", "year", "549", None),
        ("2013-01-01", "year", "753", None), ("2014-01-01", "year", "746", None)]
    assert pick([r for r in counts if r["asOf"] is None and r["qualifier"] in ("Chinese Director", "Chinese teachers",
                                                                             "books of all kinds in its collection")],
                "statedCount", "approximation", "qualifier") == [
        ("1500", "nearly", "books of all kinds in its collection"), ("6", None, "Chinese teachers"), ("1", None, "Chinese Director")]


def test_050_the_inauguration_by_hu_zhiping_of_nocfl_and_sheikha_nahayan(corpus_kg):
    got = rows(corpus_kg, "event-participants", event="ci-zayed-university-inauguration")
    # "inaugurated by" the two: unveilers since facts/059-zayed-inauguration-roles, beside the attendee entries first recorded
    assert pick(got, "agentLabel", "role", "postTitle", "postOrganizationLabel", "postInferred") == [
        ("Hu Zhiping", "attendee", "Deputy Director of the NOCFL", "Hanban", "true"),
        ("Hu Zhiping", "unveiler", "Deputy Director of the NOCFL", "Hanban", "true"),
        ("Sheikha Nahayan", "attendee", None, None, None),  # her ministry is no record of the graph
        ("Sheikha Nahayan", "unveiler", None, None, None)]
    posts = rows(corpus_kg, "person-posts", person="sheikha-nahayan")
    assert pick(posts, "role", "title", "organization", "asOf", "inferred") == [
        ("minister", "Minister of UAE Higher Education and Scientific Research Department", None, "2012-03-07", "false")]


# -- 059 CSU: a Confucius Institute co-built with DRC Foreign Affairs University, licensed at the 12th Confucius Institute Conference

DRC_CI = "res:ci-drc-foreign-affairs-university"


def test_059_the_institute_of_csu_in_the_drc_licensed_by_liu_yandong(corpus_kg):
    assert DRC_CI in {r["institute"] for r in rows(corpus_kg, "confucius-institutes", partner="moe-4143010533")}
    institute = one(rows(corpus_kg, "confucius-institutes", country="cd"), institute=DRC_CI)
    assert pick([institute], "host", "hostLabel", "countryLabel", "partners", "approvedBy", "licensingDate", "licensingPrecision",
                "approvalDate") == [
        ("res:drc-foreign-affairs-university", "DRC Foreign Affairs University", "Congo, Democratic Republic of the",
         "Central South University", "Liu Yandong", "2017-12-12", "day", None)]
    licensing = rows(corpus_kg, "event-participants", event="ci-drc-foreign-affairs-university-licensing")
    assert sorted({(r["agentLabel"], r["role"], r["onBehalfOfLabel"]) for r in licensing}) == [
        ("Dede Birhonga Ndemba", "attendee", "DRC Foreign Affairs University"), ("Liu Yandong", "licensor", None)]


def test_059_the_12th_confucius_institute_conference(corpus_kg):
    conference = one(rows(corpus_kg, "events"), event="res:confucius-institute-conference-2017")
    assert pick([conference], "date", "precision", "dateInferred", "type", "places", "partOf", "ordinal", "theme") == [
        ("2017-12-12", "day", "true", "conference", "Xi'an City", "res:confucius-institute-conference", "12",
         "Working Together to Build a Community of Shared Future for Mankind through Cooperation and Innovation")]
    attendance = rows(corpus_kg, "event-attendance", event="confucius-institute-conference-2017")
    assert pick(attendance, "statedCount", "approximation") == [("140", "more-than")]


def test_059_the_totals_of_institutes_and_classes_the_article_gives(corpus_kg):
    counts = rows(corpus_kg, "stated-counts", of="confucius-institute-conference-2017")
    assert pick(counts, "kind", "statedCount", "countedType") == [
        ("event", "1113", "confucius-classroom"), ("event", "525", "confucius-institute"), ("event", "146", None)]
