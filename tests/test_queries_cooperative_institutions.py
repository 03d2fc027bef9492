"""Sino-foreign cooperative institutions (中外合作办学机构) as the regulation types them (issue 15).

An independent legal person (Duke Kunshan, NYU Shanghai, Wenzhou-Kean) or a secondary college
without legal personality (Queen Mary College at Nanchang University) is a cheikg:JointInstitute
alike, whether curated or known only from the MOE list by its remark; the library queries list
them with their Chinese hosts, foreign partners and legal personality. Answers are read off the
curated corpus (data/): the articles of 026, 027 and 028 and the seed article 002.
"""

from __future__ import annotations

from conftest import texts

from cheikg.loaders.reference import LEGAL_PERSON_NOTE


def rows(kg, name: str, **params) -> list[dict]:
    return texts(kg.query(name, **params))


def pick(records: list[dict], *cols: str) -> list[tuple]:
    return [tuple(r[c] for c in cols) for r in records]


DKU, NYUSH, WKU = "res:duke-kunshan-university", "res:new-york-university-shanghai", "res:wenzhou-kean-university"
COLLEGES = {
    # institute: (host, partner, partner inferred from the college's name)
    "res:beijing-dublin-international-campus": ("res:beijing-university-of-technology", "res:university-college-dublin", "false"),
    "res:griffith-college-jufe": ("res:jufe", "res:griffith-university", "true"),
    "res:queen-mary-college-ncu": ("res:nanchang-university", "res:qmul", "true"),
    "res:sichuan-university-pittsburgh-institute": ("res:sichuan-university", "res:university-of-pittsburgh", "false"),
    "res:zju-uiuc-institute": ("res:zhejiang-university", "res:university-of-illinois-urbana-champaign", "false"),
}


def test_joint_institutes_lists_the_legal_persons_and_the_secondary_colleges(corpus_kg):
    got = rows(corpus_kg, "joint-institutes")
    curated = {r["institute"]: r for r in got if not r["institute"].startswith("res:moe-")}
    assert pick([curated[i] for i in (DKU, NYUSH, WKU)], "legalPerson", "legalPersonInferred", "host", "hostRelation", "partner") == [
        # "a new joint-venture institution created by Duke University and Wuhan University": its legal
        # personality is not printed, the MOE list makes it a legal person (inferred)
        ("true", "true", "res:wuhan-university", "co-builder", "res:duke-university"),
        # "the first American university with independent legal status"
        ("true", "false", "res:east-china-normal-university", "co-builder", "res:new-york-university"),
        # "a Sino-US cooperative university with independent corporate status"
        ("true", "false", "res:wenzhou-university", "co-builder", "res:kean-university"),
    ]
    for institute, (host, partner, inferred) in COLLEGES.items():
        row = curated[institute]
        assert (row["legalPerson"], row["host"], row["hostRelation"], row["partner"], row["partnerInferred"]) == (
            None, host, "unit-of", partner, inferred), institute
    # XJTLU: the Liverpool article names no Chinese host
    assert pick([curated["res:xian-jiaotong-liverpool-university"]], "host", "partner", "legalPerson", "legalPersonInferred") == [
        (None, "res:university-of-liverpool", "true", "true")
    ]
    # sources-2: the USST Sino-German College (072, a secondary college, not a legal person, with two German
    # partners each as unit-of and co-builder), the HBU-UCLan school (074) and the joint university MSU and
    # "the Beijing University of Technology" (as printed) were building in Shenzhen (052)
    assert pick([curated["res:usst-sino-german-college"]], "legalPerson", "host") == [
        ("false", "res:university-of-shanghai-for-science-and-technology")]
    assert pick([curated["res:msu-beijing-university-of-technology-joint-university-shenzhen"]], "host", "hostRelation", "partner") == [
        ("res:beijing-university-of-technology", "co-builder", "res:lomonosov-moscow-state-university")]
    # 14 on the MOE list (four of them curated), five secondary colleges of the first corpus and three of sources-2
    assert len(curated) == 12 and len(got) == 25
    known_only_from_the_list = [r for r in got if r["institute"].startswith("res:moe-")]
    assert {r["institute"] for r in known_only_from_the_list} >= {"res:moe-4144016409", "res:moe-4133016301"}  # Shenzhen MSU-BIT, UNNC
    assert {(r["legalPerson"], r["legalPersonInferred"], r["host"], r["partner"]) for r in known_only_from_the_list} == {
        ("true", "true", None, None)
    }


def test_joint_institutes_of_a_host(corpus_kg):
    assert pick(rows(corpus_kg, "joint-institutes", host="wuhan-university"), "institute", "hostRelation") == [(DKU, "co-builder")]
    assert pick(rows(corpus_kg, "joint-institutes", host="nanchang-university"), "institute", "hostRelation") == [
        ("res:queen-mary-college-ncu", "unit-of")
    ]
    assert rows(corpus_kg, "joint-institutes", host="duke-university") == []  # the foreign partner is no host


def test_country_partners_link_the_partner_with_the_institution_and_its_hosts(corpus_kg):
    got = {r["partner"]: r for r in rows(corpus_kg, "country-partners", country="US")}
    assert {p: (got[p]["via"], got[p]["chineseInstitutions"], got[p]["jointInstitutes"]) for p in (
        "res:duke-university", "res:new-york-university", "res:kean-university", "res:university-of-pittsburgh")} == {
        "res:duke-university": ("joint-institute", "Duke Kunshan University | Wuhan University", "Duke Kunshan University (legal person)"),
        "res:new-york-university": ("joint-institute", "East China Normal University | New York University Shanghai",
                                    "New York University Shanghai (legal person)"),
        "res:kean-university": ("joint-institute", "Wenzhou University | Wenzhou-Kean University", "Wenzhou-Kean University (legal person)"),
        # a secondary college counts as its university; its legal personality is not recorded
        "res:university-of-pittsburgh": ("agreement | joint-institute", "Sichuan University", "Sichuan University-Pittsburgh Institute"),
    }
    gb = {r["partner"]: r for r in rows(corpus_kg, "country-partners", country="GB")}
    assert (gb["res:qmul"]["chineseInstitutions"], gb["res:qmul"]["jointInstitutes"]) == (
        "Nanchang University", "Queen Mary College at Nanchang University")


def test_province_foreign_partners_of_shanghai_jiangsu_and_zhejiang(corpus_kg):
    columns = ("institution", "partner", "link", "via", "legalPerson", "inferred")
    # Shanghai's foreign partners were empty although NYU Shanghai is in the graph
    assert pick(rows(corpus_kg, "province-foreign-partners", province="cn-310000"), *columns) == [
        # sources-2/072: the Sino-German College of USST with its two German partners
        ("res:university-of-shanghai-for-science-and-technology", "res:hamburg-university-of-applied-sciences", "joint-institute",
         "res:usst-sino-german-college", "false", "false"),
        ("res:university-of-shanghai-for-science-and-technology", "res:regensburg-university-of-applied-science", "joint-institute",
         "res:usst-sino-german-college", "false", "false"),
        ("res:east-china-normal-university", "res:new-york-university", "joint-institute", NYUSH, "true", "false"),
        (NYUSH, "res:new-york-university", "joint-institute", NYUSH, "true", "false"),
    ]
    jiangsu = pick(rows(corpus_kg, "province-foreign-partners", province="cn-320000", country="us"), *columns)
    assert jiangsu == [(DKU, "res:duke-university", "joint-institute", DKU, "true", "false")]
    # Wuhan University, Duke Kunshan's Chinese host, is seated in Hubei
    assert ("res:wuhan-university", "res:duke-university", "joint-institute", DKU, "true", "false") in pick(
        rows(corpus_kg, "province-foreign-partners", province="hubei"), *columns)
    zhejiang = pick(rows(corpus_kg, "province-foreign-partners", province="cn-330000", country="us"), "institution", "via")
    assert zhejiang == [("res:wenzhou-university", WKU), (WKU, WKU), ("res:zhejiang-university", "res:zju-uiuc-institute")]
    jiangxi = pick(rows(corpus_kg, "province-foreign-partners", province="jiangxi", country="gb"), *columns)
    assert jiangxi == [("res:nanchang-university", "res:qmul", "joint-institute", "res:queen-mary-college-ncu", None, "true")]


def test_preparation_to_formal_approval(corpus_kg):
    got = {r["institute"]: r for r in rows(corpus_kg, "joint-institute-approvals")}
    cols = ("preparationApproval", "preparationDate", "preparationPrecision", "approval", "approvalType", "approvalDate",
            "approvalPrecision", "approvalInferred", "monthsBetween")
    assert pick([got[WKU], got[NYUSH], got[DKU]], *cols) == [
        ("res:wenzhou-kean-university-preparation-approval", "2011-11-16", "day",
         "res:wenzhou-kean-university-formal-approval", "formal-approval", "2014-03-31", "day", "false", "28"),
        # the articles date neither approval: the month of the article, marked inferred
        (None, None, None, "res:new-york-university-shanghai-formal-approval", "formal-approval", "2012-10-01", "month", "true", None),
        (None, None, None, "res:duke-kunshan-university-formal-approval", "formal-approval", "2013-09-01", "month", "true", None),
    ]
    assert pick(rows(corpus_kg, "joint-institute-approvals", institute="wenzhou-kean-university"), "approvalDate") == [("2014-03-31",)]
    # every joint institute has a row, approved or not
    assert set(got) == {r["institute"] for r in rows(corpus_kg, "joint-institutes")}


def test_network_partnerships_cite_the_article_that_states_the_tie(corpus_kg):
    got = [r for r in rows(corpus_kg, "network-partnerships") if r["via"] in (DKU, NYUSH, WKU)]
    assert pick(got, "a", "b", "kind", "via", "inferred", "source") == [
        ("res:duke-university", "res:wuhan-university", "joint-institute", DKU, "false", "res:duke-today-dku-approval-2013"),
        ("res:east-china-normal-university", "res:new-york-university", "joint-institute", NYUSH, "false",
         "res:nyu-shanghai-final-moe-approval-2012"),
        ("res:kean-university", "res:wenzhou-university", "joint-institute", WKU, "false", "res:wzu-wenzhou-kean-university-history"),
    ]


def test_the_moe_list_makes_a_cooperative_institution_a_joint_institute(seed_compiled):
    from cheikg.namespaces import CHEIKG, RES
    from rdflib import Literal, RDF
    from rdflib.namespace import SKOS

    g = seed_compiled.graph
    node = RES["moe-4144016409"]  # 深圳北理莫斯科大学: no record of the seed names it
    assert (node, RDF.type, CHEIKG.JointInstitute) in g
    assert (node, CHEIKG.hasLegalPersonality, Literal(True)) in g
    assert (node, CHEIKG.inferredProperty, CHEIKG.hasLegalPersonality) in g
    assert (node, SKOS.editorialNote, Literal(LEGAL_PERSON_NOTE)) in g
    assert (RES["moe-4111010001"], RDF.type, CHEIKG.JointInstitute) not in g  # 北京大学: no remark
