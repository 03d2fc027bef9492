"""The hand corrections of data/ named by issue 15 (the audit of the records against their articles).

Each asserts the corrected record as the graph answers it: a value that was not the article's is
gone or marked inferred, with a note that says why.
"""

from __future__ import annotations

from conftest import texts


def rows(kg, name: str, **params) -> list[dict]:
    return texts(kg.query(name, **params))


def inferred(kg, fact: str) -> set[tuple[str, str]]:
    """(property, values) of the inferred-facts rows of a fact."""
    return {(r["property"], r["values"]) for r in rows(kg, "inferred-facts") if r["fact"] == fact}


def test_013_keith_burnett_post_is_dated_by_the_ceremony_and_marked_inferred(corpus_kg):
    # as_of was the article's publication date (5 November 2018), by which he had left the post
    post = rows(corpus_kg, "person-posts", person="keith-burnett")
    assert [(r["organization"], r["asOf"], r["asOfPrecision"], r["inferred"]) for r in post] == [
        ("res:university-of-sheffield", "2018-01-01", "year", "true")]
    assert inferred(corpus_kg, "res:post-keith-burnett-university-of-sheffield-president") == {("cheikg:attestedOn", "2018-01-01")}


def test_001_signing_at_the_visit_is_marked_inferred(corpus_kg):
    # the article does not date the signing: it follows the account of the 18 June 2024 visit
    assert inferred(corpus_kg, "res:post-yang-zongkai-wut-president") == {("cheikg:attestedOn", "2024-06-18")}
    for signer in ("wang-daquan", "yang-zongkai"):
        assert inferred(corpus_kg, f"res:cscse-visit-wut-2024-06-18.part.{signer}.signatory") == {("cheikg:participationRole", "signatory")}


def test_014_asrtu_projects_launched_by_asrtu_are_marked_inferred(corpus_kg):
    # "ASRTU has run large projects": that it launched them is inferred, as in 006 for the same wording
    for program in ("res:asrtu-friendship-trains", "res:asrtu-research-paper-competition"):
        assert inferred(corpus_kg, program) == {("cheikg:launchedBy", "Association of Sino-Russian Technical Universities")}


def test_028_dku_masters_programmes_dated_2014_are_marked_inferred(corpus_kg):
    for program in ("res:dku-master-of-global-health", "res:dku-master-of-management-studies"):
        assert inferred(corpus_kg, program) == {("cheikg:date", "2014-01-01")}
    timeline = rows(corpus_kg, "institution-timeline", institution="duke-kunshan-university")
    assert {(r["fact"], r["dateInferred"]) for r in timeline if r["factKind"] == "program"} == {
        ("res:dku-master-of-global-health", "true"), ("res:dku-master-of-management-studies", "true")}


def test_025_xjtlu_foreign_partner_is_marked_inferred(corpus_kg):
    assert ("cheikg:foreignPartner", "University of Liverpool") in inferred(corpus_kg, "res:xian-jiaotong-liverpool-university")
    xjtlu = [r for r in rows(corpus_kg, "joint-institutes") if r["institute"] == "res:xian-jiaotong-liverpool-university"]
    assert [(r["partner"], r["partnerInferred"]) for r in xjtlu] == [("res:university-of-liverpool", "true")]


def test_022_jia_wenjian_as_speaker_is_marked_inferred(corpus_kg):
    assert inferred(corpus_kg, "res:china-africa-consortium-annual-conference-2024.part.jia-wenjian.speaker") == {
        ("cheikg:participationRole", "speaker"), ("opengov:onBehalfOf", "Beijing Foreign Studies University")}


def test_033_global_study_tour_alliance_purpose_is_marked_inferred(corpus_kg):
    assert {p for p, _ in inferred(corpus_kg, "res:global-study-tour-alliance")} == {"org:resultedFrom", "org:purpose"}


def test_017_uc_berkeley_college_of_natural_resources_rests_on_an_editor_note_and_is_marked_inferred(corpus_kg):
    assert {p for p, _ in inferred(corpus_kg, "res:uc-berkeley-college-of-natural-resources")} == {"skos:prefLabel", "org:subOrganizationOf"}


# -- the seed facts the graph lacked (ingested: data/facts/035-seed-facts-002-004.yaml)

def test_seed_002_moe_approvals_of_the_two_jiangxi_colleges(corpus_kg):
    got = {r["institute"]: r for r in rows(corpus_kg, "joint-institute-approvals")}
    assert [(got[i]["approval"], got[i]["approvalType"], got[i]["approvalDate"]) for i in (
        "res:queen-mary-college-ncu", "res:griffith-college-jufe")] == [
        ("res:queen-mary-college-ncu-moe-approval", "approval", None),  # "in recent years": no date, no kind of approval
        ("res:griffith-college-jufe-moe-approval", "approval", None),
    ]
    about = {(r["event"], r["organizers"]) for r in rows(corpus_kg, "events") if r["event"].endswith("college-ncu-moe-approval")
             or r["event"].endswith("college-jufe-moe-approval")}
    assert about == {("res:queen-mary-college-ncu-moe-approval", "Ministry of Education"),
                     ("res:griffith-college-jufe-moe-approval", "Ministry of Education")}


def test_seed_004_zhang_liqun_is_an_academician_of_the_cae(corpus_kg):
    posts = rows(corpus_kg, "person-posts", person="zhang-liqun")
    assert [(r["role"], r["organization"], r["asOf"]) for r in posts] == [
        ("academician", "res:cae", "2025-09-02"), ("president", "res:xjtu", "2025-09-02")]


def test_seed_004_xjtu_leads_the_preparation_of_the_china_sco_centre(corpus_kg):
    roles = [r for r in rows(corpus_kg, "institution-roles", institution="xjtu") if r["alliance"] == "res:china-sco-hecc"]
    assert [(r["role"], r["allianceLabel"]) for r in roles] == [("lead-institution", "China-SCO Higher Education Cooperation Center")]
