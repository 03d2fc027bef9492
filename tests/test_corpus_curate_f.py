"""Facts of the sources-2 articles curated by curate-f (065, 067, 078), asked of the corpus graph.

Every expected value is read off the article text (data/articles/sources-2/NNN_*.txt) and the records
that transcribe it (data/facts/*), not pasted from a run of the queries: the eight new units licensed by
Vice Minister Tian Xuejun at the 2019 International Chinese Language Education Conference and their
agreements signed by Ma Jianfei for the Confucius Institute Headquarters, the year's 27 new institutes and
66 classrooms; the Tourism Confucius Institute at Udayana University of Nanchang University and Nanchang
Normal University, approved in December 2019, operating from the first half of 2020, opened online on
8 April 2021; the Confucius Institute at the University of Nairobi, host of the opening of the 2024 Joint
Conference for Confucius Institutes in Africa, with its classroom, teaching centres and partners. A year
that is an editor's [bracketed] note is inferred.
"""

from __future__ import annotations

from test_corpus_a import one, pick, picked, rows  # the corpus tests' helpers: a query's rows as text, columns picked

# -- 065 Xinhua (cgia.cn): the 2019 International Chinese Language Education Conference, Changsha

LICENSED_2019 = {
    # the units of 在签署仪式上...为8个机构授牌 that are Confucius Institutes or a Classroom (the eighth, the
    # Chinese language centre at Villa College, is neither)
    ("res:ci-belarusian-state-university-of-physical-culture", "confucius-institute", "BY"),
    ("res:ci-udayana-university", "confucius-institute", "ID"),
    ("res:ci-ateneo-de-davao-university", "confucius-institute", "PH"),
    ("res:ci-tbilisi-open-teaching-university", "confucius-institute", "GE"),
    ("res:ci-university-of-jeddah", "confucius-institute", "SA"),
    ("res:ci-universidad-de-la-frontera", "confucius-institute", "CL"),
    ("res:ci-classroom-timor-leste-business-school", "confucius-classroom", "TL"),
}


def test_065_tian_xuejun_licensed_the_new_units_at_the_signing_ceremony_of_10_december_2019(corpus_kg):
    institutes = rows(corpus_kg, "confucius-institutes")
    licensed = [r for r in institutes if r["licensingDate"] == "2019-12-10"]
    assert picked(licensed, "institute", "type", "countryCode") == LICENSED_2019
    # each with the cooperation agreement (合作协议) signed the same day
    assert picked(licensed, "agreements", "agreementDate", "agreementPrecision") == {("合作协议", "2019-12-10", "day")}
    licensing = one(rows(corpus_kg, "events"), event="res:licensing-new-confucius-institutes-2019-12-10")
    assert pick([licensing], "type", "date", "precision", "dateInferred", "partOf", "places") == [
        ("licensing", "2019-12-10", "day", "true", "res:signing-ceremony-new-confucius-institutes-2019-12-10", "Changsha City"),
    ]
    got = rows(corpus_kg, "event-participants", event="licensing-new-confucius-institutes-2019-12-10")
    assert picked(got, "agent", "role") == {("res:tian-xuejun", "licensor")}


def test_065_ma_jianfei_signed_for_the_headquarters_with_each_foreign_institution(corpus_kg):
    signings = [r for r in rows(corpus_kg, "agreement-signings") if r["signedAt"] == "res:signing-ceremony-new-confucius-institutes-2019-12-10"]
    assert len({r["agreement"] for r in signings}) == 8
    assert picked(signings, "type", "date", "dateInferred") == {("confucius-institute-agreement", "2019-12-10", "true")}
    hosts = {r["party"] for r in signings if r["party"] != "res:hanban"}
    assert hosts == {
        "res:belarusian-state-university-of-physical-culture", "res:udayana-university", "res:ateneo-de-davao-university",
        "res:tbilisi-open-teaching-university", "res:university-of-jeddah", "res:universidad-de-la-frontera",
        "res:villa-college", "res:timor-leste-business-school",
    }
    # the foreign representatives are not named; the headquarters' signatory is
    assert picked(signings, "party", "signatory") == {(h, None) for h in hosts} | {("res:hanban", "res:ma-jianfei")}
    # 孔子学院总部副总干事 on the day: the post sources-2/064 (curate-e) prints as "Deputy Chief Executive" that year
    posts = rows(corpus_kg, "person-posts", person="ma-jianfei")
    assert ("deputy-chief-executive", "res:hanban", "2019-12-10") in picked(posts, "role", "organization", "asOf")  # corrected by gaps
    got = rows(corpus_kg, "sources-of", entity="post-ma-jianfei-hanban-deputy-director-general")
    assert {("res:cucas-csu-university-of-orleans-ci-2019",), ("res:cgia-xinhua-2019-international-chinese-education-conference",)} <= picked(
        [r for r in got if r["relation"] == "self"], "source")


def test_065_27_new_institutes_and_66_classrooms_in_2019_and_550_institutes_worldwide(corpus_kg):
    year = one(rows(corpus_kg, "confucius-institutes-by-year"), year="2019", milestone="approval")
    assert pick([year], "statedInstitutes", "statedClassrooms") == [("27", "66")]
    # and the eight countries of a first Confucius Institute: a count of countries, with no counted type
    counts = rows(corpus_kg, "stated-counts", of="new-confucius-institutes-and-classrooms-2019")
    assert picked(counts, "statedCount", "countedType", "countries") == {
        ("27", "confucius-institute", None), ("66", "confucius-classroom", None), ("8", None, "CF | DM | HT | KP | MV | SA | TD | TL"),
    }
    counts = rows(corpus_kg, "stated-counts", of="international-chinese-language-education-conference-2019-closing-ceremony")
    assert picked(counts, "statedCount", "countedType") == {("550", "confucius-institute"), ("1172", "confucius-classroom")}
    closing = one(rows(corpus_kg, "events"), event="res:international-chinese-language-education-conference-2019-closing-ceremony")
    assert pick([closing], "type", "date", "dateInferred", "partOf") == [
        ("closing-ceremony", "2019-12-10", "true", "res:international-chinese-language-education-conference-2019"),
    ]


def test_065_three_new_bodies_unveiled_after_the_signing(corpus_kg):
    alliances = [r for r in rows(corpus_kg, "alliances")
                 if r["foundingEvent"] == "res:unveiling-three-new-bodies-2019-international-chinese-education-conference"]
    assert picked(alliances, "alliance", "labelZh") == {
        ("res:tcm-confucius-institutes-chinese-partners-alliance", "中医特色孔子学院中方合作院校工作联盟"),
        ("res:liaoning-confucius-institute-partner-universities-alliance", "辽宁省孔子学院合作大学联盟"),
    }
    got = rows(corpus_kg, "event-participants", event="unveiling-three-new-bodies-2019-international-chinese-education-conference")
    assert picked(got, "agent", "role") == {("res:tian-xuejun", "unveiler")}
    chile = rows(corpus_kg, "confucius-institutes", country="cl")
    assert pick(chile, "institute", "instituteLabelZh", "host", "hostLabel") == [
        ("res:ci-universidad-de-la-frontera", "智利边境大学孔子学院", "res:universidad-de-la-frontera", "Universidad de La Frontera"),
    ]


# -- 067 Nanchang University: the Tourism Confucius Institute at Udayana University

def test_067_nanchang_university_and_nanchang_normal_university_are_the_chinese_partners(corpus_kg):
    for partner in ("nanchang-university", "nanchang-normal-university"):
        got = rows(corpus_kg, "confucius-institutes", partner=partner)
        assert pick(got, "institute", "instituteLabel", "theme", "host", "countryCode", "partners") == [
            ("res:ci-udayana-university", "Tourism Confucius Institute at Udayana University", "Tourism", "res:udayana-university", "ID",
             "Nanchang Normal University | Nanchang University"),
        ], partner
    # the same institute 065 names 印度尼西亚乌达雅纳大学孔子学院, licensed by Tian Xuejun at the conference that approved it
    udayana = one(rows(corpus_kg, "confucius-institutes"), institute="res:ci-udayana-university")
    assert pick([udayana], "instituteLabelZh", "approvedBy", "licensingDate") == [("印度尼西亚乌达雅纳大学孔子学院", "Tian Xuejun", "2019-12-10")]


def test_067_approved_december_2019_operating_2020_opened_online_8_april_2021(corpus_kg):
    udayana = one(rows(corpus_kg, "confucius-institutes"), institute="res:ci-udayana-university")
    assert pick([udayana], "approvalDate", "approvalPrecision", "approvalInferred", "operationStart", "operationStartPrecision",
                "inaugurationDate", "inaugurationPrecision") == [
        ("2019-12-01", "month", "false", "2020-01-01", "year", "2021-04-08", "day"),
    ]
    approval = one(rows(corpus_kg, "events"), event="res:ci-udayana-university-approval")
    assert pick([approval], "partOf") == [("res:international-chinese-language-education-conference-2019",)]
    operation = one(rows(corpus_kg, "events"), event="res:ci-udayana-university-operation-start")
    assert pick([operation], "date", "endDate") == [("2020-01-01", "2020-06-01")]  # "the first half of 2020"


def test_067_the_opening_ceremonys_speakers_and_the_two_who_unveiled_the_nameplate(corpus_kg):
    got = rows(corpus_kg, "event-participants", event="ci-udayana-university-opening-ceremony-2021")
    assert picked(got, "agent", "role") == {
        ("res:zhu-xinglong", "speaker"), ("res:zhao-lingshan", "speaker"), ("res:chen-xin", "speaker"),
        ("res:zhou-chuangbing", "speaker"), ("res:wang-jinping", "speaker"), ("res:a-a-raka-sedewi", "speaker"),
        ("res:zhu-xinglong", "unveiler"), ("res:a-a-raka-sedewi", "unveiler"),
    }
    posts = {r["person"]: r for r in rows(corpus_kg, "person-posts") if r["asOf"] == "2021-04-08"}
    assert pick([posts["res:zhou-chuangbing"], posts["res:wang-jinping"], posts["res:a-a-raka-sedewi"], posts["res:zhu-xinglong"]],
                "role", "organization") == [
        ("president", "res:nanchang-university"),
        ("party-secretary", "res:nanchang-normal-university"),
        ("president", "res:udayana-university"),
        ("consul-general", "res:consulate-general-of-china-in-denpasar"),
    ]
    zhao = rows(corpus_kg, "person-posts", person="zhao-lingshan")
    assert picked(zhao, "role", "organization") == {  # "Vice Chairman and Secretary General": two posts
        ("vice-chair", "res:chinese-international-education-foundation"),
        ("secretary-general", "res:chinese-international-education-foundation"),
    }


# -- 078 University of Nairobi: the 2024 Joint Conference for Confucius Institutes in Africa

def test_078_the_institute_at_the_university_of_nairobi_has_a_classroom_five_centres_and_17_partners(corpus_kg):
    kenya = rows(corpus_kg, "confucius-institutes", country="ke")
    assert pick(kenya, "institute", "host", "hostLabel", "countryLabel", "partners") == [
        ("res:ci-university-of-nairobi", "res:uonbi-ac-ke", "University of Nairobi", "Kenya", None),  # its Chinese partner is not named
    ]
    counts = rows(corpus_kg, "stated-counts", of="ci-university-of-nairobi")
    assert picked(counts, "statedCount", "qualifier", "countedType", "asOf") == {
        ("1", "Confucius Classroom", "confucius-classroom", "2024-05-30"),
        ("5", "teaching centres", None, "2024-05-30"),
        ("17", "partner institutions taking part in Chinese-language education across Kenya", None, "2024-05-30"),
    }


def test_078_the_opening_ceremony_on_30_may_2024_in_the_chandaria_auditorium(corpus_kg):
    opening = one(rows(corpus_kg, "events"), event="res:joint-conference-confucius-institutes-africa-2024-opening-ceremony")
    assert pick([opening], "type", "date", "precision", "places", "partOf") == [
        ("opening-ceremony", "2024-05-30", "day", "Chandaria Auditorium", "res:joint-conference-confucius-institutes-africa-2024"),
    ]
    got = rows(corpus_kg, "event-participants", event="joint-conference-confucius-institutes-africa-2024-opening-ceremony")
    assert picked(got, "agent", "role") == {
        ("res:ci-university-of-nairobi", "host"),
        ("res:stephen-kiama", "speaker"), ("res:zhong-yinghua", "speaker"),
        ("res:aurelia-rono", "attendee"), ("res:beatrice-inyangala", "attendee"), ("res:zhou-pingjian", "attendee"),
        ("res:yang-wei-cief", "attendee"),
        ("res:kenya-national-examination-council", "attendee"), ("res:kenya-institute-of-curriculum-development", "attendee"),
        ("res:national-defence-university-kenya", "attendee"), ("res:chinese-language-teachers-association-of-kenya", "attendee"),
    }


def test_078_the_guests_posts_and_the_foundations_officers_across_two_articles(corpus_kg):
    posts = {(r["person"], r["role"]): r for r in rows(corpus_kg, "person-posts")}
    assert pick([posts[("res:stephen-kiama", "president")], posts[("res:zhou-pingjian", "ambassador")],
                 posts[("res:zhong-yinghua", "chair")]], "title", "organization", "asOf") == [
        ("Vice Chancellor", "res:uonbi-ac-ke", "2024-05-30"),
        ("Ambassador of the People's Republic of China to Kenya", "res:embassy-of-china-in-kenya", "2024-05-30"),
        ("Chair of the International Society for Chinese Language Teaching", "res:international-society-for-chinese-language-teaching", "2024-05-30"),
    ]
    # the Chinese International Education Foundation: Zhao Lingshan in 2021 (067), Yang Wei its President in 2024 (078)
    cief = [r for r in rows(corpus_kg, "person-posts") if r["organization"] == "res:chinese-international-education-foundation"]
    assert picked(cief, "person", "role", "asOf") == {
        ("res:zhao-lingshan", "vice-chair", "2021-04-08"),
        ("res:zhao-lingshan", "secretary-general", "2021-04-08"),
        ("res:yang-wei-cief", "president", "2024-05-30"),
    }
