"""Facts of the sources-2 articles curated by curate-e (042, 060, 064), asked of the corpus graph.

Every expected value is read off the article text (data/articles/sources-2/NNN_*.txt) and the records
that transcribe it (data/facts/*), not pasted from a run of the queries: the two agreements on the
Confucius Institute at Newcastle University signed at Hanban in Beijing on 2月17日 [2012], Xiamen
University its Chinese partner as of Stellenbosch's; the implementation agreement for the Confucius
Institute at the University of Panama signed during its rector's visit to BISU of 2月25日至28日 [2018];
the Confucius Institute of Central South University at the University of Orleans, opened on 8 July 2019
at the Hôtel Dupanloup after Tian Hongqi and Bruand signed its implementation agreement. A year that is
an editor's [bracketed] note is inferred.
"""

from __future__ import annotations

from test_corpus_a import one, pick, picked, rows  # the corpus tests' helpers: a query's rows as text, columns picked

# -- 042 Xiamen University: the Confucius Institute at Newcastle University, 2012

NEWCASTLE_CI = "res:ci-newcastle-university"
HANBAN_AGREEMENT = "res:hanban-newcastle-ci-agreement-2012"
XMU_AGREEMENT = "res:xmu-newcastle-ci-implementation-agreement-2012"


def test_042_xiamen_university_is_the_chinese_partner_of_the_newcastle_and_stellenbosch_institutes(corpus_kg):
    got = rows(corpus_kg, "confucius-institutes", partner="xiamen-university")
    assert picked(got, "institute", "instituteLabelZh", "host", "countryCode", "partners") == {
        (NEWCASTLE_CI, "英国纽卡斯尔大学孔子学院", "res:newcastle-university", "GB", "Xiamen University"),
        ("res:ci-stellenbosch-university", "斯坦陵布什大学孔子学院", "res:stellenbosch-university", "ZA", "Xiamen University"),
    }
    # the two agreements of "[2012年]2月17日" establish the Newcastle institute; nothing dates Stellenbosch's
    newcastle = one(got, institute=NEWCASTLE_CI)
    assert pick([newcastle], "agreementDate", "agreementPrecision", "inaugurationDate", "approvalDate") == [("2012-02-17", "day", None, None)]
    assert set(newcastle["agreements"].split(" | ")) == {
        "国家汉办与纽卡斯尔大学关于合作建设孔子学院的协议",
        "厦门大学与纽卡斯尔大学共建英国纽卡斯尔大学孔子学院的执行协议",
    }
    assert pick([one(got, institute="res:ci-stellenbosch-university")], "agreements", "agreementDate") == [(None, None)]


def test_042_two_agreements_signed_at_hanban_in_beijing_one_with_hanban_one_between_the_universities(corpus_kg):
    signings = [r for r in rows(corpus_kg, "agreement-signings") if r["agreement"] in (HANBAN_AGREEMENT, XMU_AGREEMENT)]
    assert picked(signings, "agreement", "type", "date", "precision", "dateInferred", "signedAt", "places", "heldAt") == {
        (HANBAN_AGREEMENT, "confucius-institute-agreement", "2012-02-17", "day", "true",
         "res:xmu-newcastle-ci-signing-ceremony-2012", "Beijing", "res:hanban"),
        (XMU_AGREEMENT, "implementation-agreement", "2012-02-17", "day", "true",
         "res:xmu-newcastle-ci-signing-ceremony-2012", "Beijing", "res:hanban"),
    }
    # who signed is not printed: the parties have no signatory
    assert picked(signings, "agreement", "party", "signatory") == {
        (HANBAN_AGREEMENT, "res:hanban", None),
        (HANBAN_AGREEMENT, "res:newcastle-university", None),
        (XMU_AGREEMENT, "res:xiamen-university", None),
        (XMU_AGREEMENT, "res:newcastle-university", None),
    }


def test_042_ma_jianfei_party_secretary_and_deputy_director_of_hanban_met_the_two_presidents(corpus_kg):
    posts = rows(corpus_kg, "person-posts", person="ma-jianfei")
    assert picked([r for r in posts if r["asOf"] == "2012-02-17"], "role", "title", "organization", "organizationLabelZh") == {
        ("party-secretary", "国家汉办党委书记", "res:hanban", "国家汉办"),
        ("deputy-director", "国家汉办副主任", "res:hanban", "国家汉办"),
    }
    got = rows(corpus_kg, "event-participants", event="hanban-xmu-newcastle-meeting-2012")
    assert picked(got, "agent", "role", "onBehalfOf") == {
        ("res:ma-jianfei", "speaker", "res:hanban"),
        ("res:chris-brink", "speaker", None),
        ("res:zhu-chongshi", "speaker", None),
    }


def test_042_chris_brink_heads_newcastle_and_formerly_headed_stellenbosch(corpus_kg):
    posts = rows(corpus_kg, "person-posts", person="chris-brink")
    assert picked(posts, "role", "organization", "former", "asOf") == {
        ("president", "res:newcastle-university", "false", "2012-02-17"),
        ("president", "res:stellenbosch-university", "true", None),
    }
    assert picked(rows(corpus_kg, "person-posts", person="zhu-chongshi"), "role", "title", "organization") == {
        ("president", "厦门大学校长", "res:xiamen-university"),
    }


# -- 060 Beijing International Studies University: the Confucius Institute at the University of Panama, 2018

PANAMA_CI = "res:ci-university-of-panama"


def test_060_bisu_is_the_chinese_partner_of_the_confucius_institute_at_the_university_of_panama(corpus_kg):
    got = rows(corpus_kg, "confucius-institutes", country="pa")
    assert pick(got, "institute", "instituteLabelZh", "host", "hostLabel", "partners", "agreements", "agreementDate", "agreementPrecision") == [
        (PANAMA_CI, "巴拿马大学孔子学院", "res:university-of-panama", "Universidad de Panamá",  # the world list's name of the host
         "Beijing International Studies University", "巴拿马大学孔子学院执行协议", "2018-02-01", "month"),
    ]
    # BISU's record claims its MOE code (4111010031): the partner is asked by the record's id
    assert pick(rows(corpus_kg, "confucius-institutes", partner="beijing-international-studies-university"), "institute") == [(PANAMA_CI,)]


def test_060_the_rector_led_a_four_member_delegation_to_bisu_from_25_to_28_february(corpus_kg):
    visit = one(rows(corpus_kg, "events"), event="res:university-of-panama-delegation-visit-bisu-2018")
    assert pick([visit], "type", "date", "dateInferred", "endDate", "heldAt") == [
        ("visit", "2018-02-25", "true", "2018-02-28", "res:beijing-international-studies-university"),
    ]
    signing = one(rows(corpus_kg, "events"), event="res:ci-university-of-panama-implementation-agreement-signing-2018")
    assert pick([signing], "type", "date", "precision", "partOf") == [
        ("signing-ceremony", "2018-02-01", "month", "res:university-of-panama-delegation-visit-bisu-2018"),
    ]
    assert pick(rows(corpus_kg, "event-attendance", event="university-of-panama-delegation-visit-bisu-2018"), "statedCount", "approximation", "role") == [
        ("4", None, "visitor"),
    ]
    got = rows(corpus_kg, "event-participants", event="university-of-panama-delegation-visit-bisu-2018")
    assert picked(got, "agent", "role", "postTitle", "onBehalfOf") == {
        ("res:eduardo-flores-castro", "visitor", "巴拿马大学校长", "res:university-of-panama"),
        ("res:ji-jinbiao", "speaker", "二外校党委副书记", "res:beijing-international-studies-university"),
        ("res:ji-jinbiao", "speaker", "二外校长", "res:beijing-international-studies-university"),
        ("res:cao-diefeng", "speaker", "国家汉办发展规划处处长", "res:hanban"),
    }


def test_060_the_implementation_agreement_parties_are_inferred_and_bisu_has_a_belt_and_road_institute(corpus_kg):
    signings = [r for r in rows(corpus_kg, "agreement-signings") if r["agreement"] == "res:ci-university-of-panama-implementation-agreement-2018"]
    assert picked(signings, "type", "party", "signatory") == {
        ("implementation-agreement", "res:beijing-international-studies-university", None),
        ("implementation-agreement", "res:university-of-panama", None),
    }
    inferred = rows(corpus_kg, "inferred-facts")
    assert picked([r for r in inferred if r["fact"] == "res:ci-university-of-panama-implementation-agreement-2018"], "property") == {("cheikg:hasParty",)}
    assert picked([r for r in inferred if r["fact"] == PANAMA_CI], "property", "values") == {
        ("skos:prefLabel", "Confucius Institute at the University of Panama | 巴拿马大学孔子学院"),  # the English name is the gloss's
        ("cheikg:chinesePartner", "Beijing International Studies University"),  # not printed as such
    }
    orgs = rows(corpus_kg, "organizations")
    institute = one(orgs, organization="res:bisu-china-belt-and-road-strategy-research-institute")
    assert pick([institute], "type", "parent") == [("research-institute", "res:beijing-international-studies-university")]
    division = one(orgs, organization="res:hanban-development-planning-division")
    assert pick([division], "labelZh", "type", "parent") == [("国家汉办发展规划处", "office", "res:hanban")]


# -- 064 CUCAS: the Confucius Institute of Central South University at the University of Orleans, 2019

ORLEANS_CI = "res:ci-university-of-orleans"


def test_064_csu_opened_its_confucius_institute_at_the_university_of_orleans_on_8_july_2019(corpus_kg):
    got = rows(corpus_kg, "confucius-institutes", country="fr")
    assert pick(got, "institute", "host", "partners", "agreements", "agreementDate", "inaugurationDate", "inaugurationPrecision") == [
        (ORLEANS_CI, "res:university-of-orleans", "Central South University",
         "implementation agreement for jointly building the Confucius Institute", "2019-07-08", "2019-07-08", "day"),
    ]
    assert ORLEANS_CI in {r["institute"] for r in rows(corpus_kg, "confucius-institutes", partner="moe-4143010533")}
    by_year = [r for r in rows(corpus_kg, "confucius-institutes-by-year") if r["year"] == "2019" and r["milestone"] == "inauguration"]
    assert len(by_year) == 1 and "Confucius Institute at the University of Orleans" in by_year[0]["institutes"].split(" | ")


def test_064_tian_hongqi_and_bruand_signed_the_implementation_and_student_exchange_agreements(corpus_kg):
    agreements = {"res:csu-university-of-orleans-ci-implementation-agreement-2019", "res:csu-university-of-orleans-student-exchange-agreement-2019"}
    signings = [r for r in rows(corpus_kg, "agreement-signings") if r["agreement"] in agreements]
    assert picked(signings, "agreement", "type", "date", "places", "party", "signatory", "signatoryPosts") == {
        ("res:csu-university-of-orleans-ci-implementation-agreement-2019", "implementation-agreement", "2019-07-08", "Hôtel Dupanloup",
         "res:moe-4143010533", "res:tian-hongqi", "president (Central South University)"),
        ("res:csu-university-of-orleans-ci-implementation-agreement-2019", "implementation-agreement", "2019-07-08", "Hôtel Dupanloup",
         "res:university-of-orleans", "res:bruand", "president (University of Orleans)"),
        ("res:csu-university-of-orleans-student-exchange-agreement-2019", "program-agreement", "2019-07-08", "Hôtel Dupanloup",
         "res:moe-4143010533", "res:tian-hongqi", "president (Central South University)"),
        ("res:csu-university-of-orleans-student-exchange-agreement-2019", "program-agreement", "2019-07-08", "Hôtel Dupanloup",
         "res:university-of-orleans", "res:bruand", "president (University of Orleans)"),
    }


def test_064_the_opening_ceremony_guests_and_ma_jianfeis_letter(corpus_kg):
    got = rows(corpus_kg, "event-participants", event="ci-university-of-orleans-opening-ceremony-2019")
    assert picked(got, "agent", "role", "postTitle") == {
        ("res:yu-jinsong", "speaker", "Chargé d'Affaires of the Chinese Embassy in France"),
        ("res:yang-jin", "attendee", "Education Minister Counsellor"),
        ("res:francois-bonneau", "attendee", "President of the Centre-Val de Loire Regional Council"),
        ("res:martine-grivot", "attendee", None),  # "Vice Mayor of Orleans": a post without an organization record
        ("res:bai-yi", "speaker", "Chief of the Office of International Cooperation and Exchanges of CSU"),
    }
    assert pick(rows(corpus_kg, "event-attendance", event="ci-university-of-orleans-opening-ceremony-2019"), "statedCount", "approximation", "qualifier") == [
        ("100", "more-than", "Chinese and French guests"),
    ]
    letters = rows(corpus_kg, "documents", about="ci-university-of-orleans")
    assert pick(letters, "document", "type", "issuedBy", "adoptedAt") == [
        ("res:ma-jianfei-congratulatory-letter-ci-university-of-orleans-2019", "letter", "Ma Jianfei", "res:ci-university-of-orleans-opening-ceremony-2019"),
    ]
    # "Deputy Chief Executive of Confucius Institute Headquarters" (副总干事): one body with Hanban, of whose
    # party committee he was secretary and deputy director in 2012 (042)
    assert picked(rows(corpus_kg, "person-posts", person="ma-jianfei"), "role", "organization") == {
        ("party-secretary", "res:hanban"), ("deputy-director", "res:hanban"), ("deputy-chief-executive", "res:hanban"),  # corrected by gaps
    }
    cited = rows(corpus_kg, "sources-of", entity="post-ma-jianfei-hanban-deputy-director-general")
    assert "res:cucas-csu-university-of-orleans-ci-2019" in {r["source"] for r in cited}
