"""The facts sources-2's curators recorded approximately, for want of a code, asked of the corpus graph again.

Issue 15 ("one fact in six had no field and went into a note") and issue 19: the curators of 050, 059,
064, 065, 066, 067 and 078 wrote a close code and kept the exact words in a note. The vocabulary now has
the codes (inspector, permanent-secretary, charge-d-affaires, deputy-chief-executive, reception,
announcement, language-centre; host and unveiler widened) and a participant may act on behalf of a person;
the records were moved through `cheikg ingest` (data/facts/054-060), never by editing a stored file.
Every expected value is read off the article texts (data/articles/sources-2/) and those submissions.
"""

from __future__ import annotations

from test_corpus_a import one, pick, picked, rows

from cheikg.build import vocabulary
from cheikg.loaders.graph import records_to_graph
from cheikg.loaders.records import read_text
from cheikg.vocab import scheme

def history(kg, record: str) -> set[tuple]:
    """(status, property, value or None, source, submitted file) of a record's statements."""
    return picked(rows(kg, "record-history", record=record), "status", "property", "value", "source", "file")


# -- the vocabulary: every new code with both labels and a definition, as `cheikg vocab` lists it

def test_the_new_codes_have_labels_and_definitions_in_english_and_chinese():
    wanted = {
        "post": {"inspector": "巡视员", "permanent-secretary": "常务秘书", "charge-d-affaires": "临时代办", "deputy-chief-executive": "副总干事"},
        "event-type": {"reception": "招待会", "announcement": "公布"},
        "organization-type": {"language-centre": "语言中心"},
    }
    for code, concepts in wanted.items():
        got = {c.code: c for c in scheme(code).concepts}
        for notation, zh in concepts.items():
            concept = got[notation]
            assert concept.label_zh == zh
            assert concept.label_en and concept.definition_en and concept.definition_zh, notation
    # the close codes the curators chose say when the new ones apply instead
    posts = {c.code: c for c in scheme("post").concepts}
    assert "Cabinet Secretary" in posts["minister"].definition_en
    roles = {c.code: c for c in scheme("participation-role").concepts}
    assert "receive the visitors" in roles["host"].definition_en
    assert "inaugurated by" in roles["unveiler"].definition_en


# -- 064 CUCAS: the chargé d'affaires, the Deputy Chief Executive, a reception

def test_064_yu_jinsong_is_charge_d_affaires_and_the_correction_keeps_the_old_code_with_its_source(corpus_kg):
    assert pick(rows(corpus_kg, "person-posts", person="yu-jinsong"), "role", "title", "organization") == [
        ("charge-d-affaires", "Chargé d'Affaires of the Chinese Embassy in France", "res:embassy-of-china-in-france")]
    got = history(corpus_kg, "post-yu-jinsong-embassy-of-china-in-france-charge-d-affaires")
    assert ("superseded", "role", "head", "res:cucas-csu-university-of-orleans-ci-2019",
            "064-cucas-csu-university-of-orleans-confucius-institute-2019.yaml") in got
    assert ("stated", "role", None, "res:cucas-csu-university-of-orleans-ci-2019", "064-orleans-corrections.yaml") in got


def test_064_065_ma_jianfei_deputy_chief_executive_is_one_post_printed_in_two_languages(corpus_kg):
    posts = rows(corpus_kg, "person-posts", person="ma-jianfei")
    headquarters = [r for r in posts if r["postHolding"] == "res:post-ma-jianfei-hanban-deputy-director-general"]
    assert picked(headquarters, "role", "organization", "asOf") == {("deputy-chief-executive", "res:hanban", "2019-12-10")}
    # his 2012 Hanban deputy directorship (副主任, sources-2/042) is another post, untouched
    assert ("deputy-director", "res:hanban", "2012-02-17") in picked(posts, "role", "organization", "asOf")
    got = history(corpus_kg, "post-ma-jianfei-hanban-deputy-director-general")
    # both articles' statements of deputy-director-general are superseded by the correction, which cites both
    superseded = {(src, f) for status, prop, _v, src, f in got if (status, prop) == ("superseded", "role")}
    assert superseded == {
        ("res:cucas-csu-university-of-orleans-ci-2019", "064-cucas-csu-university-of-orleans-confucius-institute-2019.yaml"),
        ("res:cgia-xinhua-2019-international-chinese-education-conference", "065-2019-international-chinese-education-conference-new-confucius-institutes.yaml"),
    }
    assert {v for status, prop, v, _s, _f in got if (status, prop) == ("superseded", "role")} == {"deputy director-general"}
    assert {src for status, prop, _v, src, f in got if (status, prop, f) == ("stated", "role", "064-orleans-corrections.yaml")} == {
        "res:cucas-csu-university-of-orleans-ci-2019", "res:cgia-xinhua-2019-international-chinese-education-conference"}


def test_064_the_university_of_orleans_gave_a_reception(corpus_kg):
    event = one(rows(corpus_kg, "events", **{"from": "2019-07-08", "to": "2019-07-08"}), event="res:university-of-orleans-reception-csu-guests-2019")
    assert (event["type"], event["typeLabel"], event["organizers"]) == ("reception", "reception", "University of Orleans")
    assert ("superseded", "eventType", "meeting", "res:cucas-csu-university-of-orleans-ci-2019",
            "064-cucas-csu-university-of-orleans-confucius-institute-2019.yaml") in history(corpus_kg, "university-of-orleans-reception-csu-guests-2019")


# -- 065 Xinhua: the Chinese language centre at Villa College

def test_065_the_villa_college_centre_is_a_language_centre(corpus_kg):
    centre = one(rows(corpus_kg, "organizations"), organization="res:villa-college-chinese-language-centre")
    assert (centre["type"], centre["labelZh"], centre["parent"]) == ("language-centre", "马尔代夫维拉学院汉语中心", "res:villa-college")
    assert ("superseded", "classification", "other organization", "res:cgia-xinhua-2019-international-chinese-education-conference",
            "065-2019-international-chinese-education-conference-new-confucius-institutes.yaml") in history(corpus_kg, "villa-college-chinese-language-centre")
    # still not a Confucius Institute or Classroom
    assert "res:villa-college-chinese-language-centre" not in {r["institute"] for r in rows(corpus_kg, "confucius-institutes")}


# -- 066 British Council: the announcement of late October 2020

def test_066_the_ministry_announced_the_list_in_october_2020_apart_from_the_approvals(corpus_kg):
    october = rows(corpus_kg, "events", **{"from": "2020-10-01", "to": "2020-10-31"})
    assert pick(october, "event", "type", "date", "precision", "organizers") == [
        ("res:moe-joint-programme-approval-2020-h1-announcement", "announcement", "2020-10-01", "month", "Ministry of Education")]
    approval = one(rows(corpus_kg, "events", **{"from": "2020-01-01", "to": "2020-12-31"}), event="res:moe-joint-programme-approval-2020-h1")
    assert (approval["type"], approval["date"], approval["precision"], approval["endDate"]) == ("approval", "2020-01-01", "year", "2020-06-01")


# -- 067 NCU: the inspector of the Jiangxi education department

def test_067_chen_xin_is_an_inspector(corpus_kg):
    assert pick(rows(corpus_kg, "person-posts", person="chen-xin"), "role", "title", "organization") == [
        ("inspector", "Inspector of the Jiangxi Provincial Department of Education", "res:jiangxi-education-department")]
    assert ("superseded", "role", "staff member", "res:ncu-tourism-confucius-institute-udayana-2021",
            "067-ncu-tourism-confucius-institute-udayana-university-2021.yaml") in history(corpus_kg, "post-chen-xin-jiangxi-education-department-inspector")


# -- 078 UoN: two Principal Secretaries, one representing the Cabinet Secretary

def test_078_the_principal_secretaries_and_whom_aurelia_rono_represented(corpus_kg):
    for person, department in (("aurelia-rono", "res:kenya-state-department-for-parliamentary-affairs"),
                               ("beatrice-inyangala", "res:kenya-state-department-for-higher-education")):
        assert pick(rows(corpus_kg, "person-posts", person=person), "role", "organization") == [("permanent-secretary", department)]
    # the Cabinet Secretary heading the Ministry of Education stays a minister
    assert pick(rows(corpus_kg, "person-posts", person="ezekiel-machogu"), "role", "title") == [("minister", "Cabinet Secretary for Education")]
    opening = rows(corpus_kg, "event-participants", event="joint-conference-confucius-institutes-africa-2024-opening-ceremony")
    rono = one(opening, agent="res:aurelia-rono")
    assert (rono["role"], rono["onBehalfOf"], rono["onBehalfOfLabel"], rono["inferred"]) == ("attendee", "res:ezekiel-machogu", "Ezekiel Machogu", "false")


# -- 050 BFSU and 059 CSU: who inaugurated an institute, who received a visitor

def test_050_the_two_who_inaugurated_the_zayed_institute_are_unveilers(corpus_kg):
    got = rows(corpus_kg, "event-participants", event="ci-zayed-university-inauguration")
    assert picked([r for r in got if r["role"] == "unveiler"], "agent") == {("res:hu-zhiping",), ("res:sheikha-nahayan",)}


def test_059_zhou_kechao_hosted_the_visit_for_csu(corpus_kg):
    got = rows(corpus_kg, "event-participants", event="dede-birhonga-ndemba-visit-csu-2017")
    assert picked([r for r in got if r["role"] in ("host", "visitor")], "agent", "role", "onBehalfOf") == {
        ("res:zhou-kechao", "host", "res:moe-4143010533"),
        ("res:dede-birhonga-ndemba", "visitor", "res:drc-foreign-affairs-university"),
    }


# -- on_behalf_of of a participant: an organization or a person, nothing else

EVENT = """persons:
  - id: deputy
    name: {en: A Deputy}
  - id: principal
    name: {en: A Principal}
places:
  - id: somewhere
    name: {en: Somewhere}
    type: city
events:
  - id: ceremony
    name: {en: A ceremony}
    type: opening-ceremony
    participants:
      - agent: deputy
        role: attendee
        on_behalf_of: WHOM
"""


def test_a_participant_may_represent_a_person_but_not_a_place():
    def found(whom: str) -> list[str]:
        result = read_text("sub.yaml", EVENT.replace("WHOM", whom))
        loaded = records_to_graph(result.records, vocabulary())
        return [str(f) for f in loaded.findings if f.field and f.field.endswith("on_behalf_of")]

    assert found("principal") == []
    assert found("somewhere") == [
        "sub.yaml:17:23: record 'ceremony': field 'participants[1].on_behalf_of': 'somewhere' is a place, "
        "but 'on_behalf_of' must name an organization or alliance or person"]
