"""Confucius Institutes and batch approvals of joint programmes (issue 19), on made-up records.

MADE_UP holds records written for these tests only (none is a real fact): two Confucius Institutes
and a Confucius Classroom at foreign hosts with their Chinese partner institutions, the events about
them (approval, licensing, the start of operations, inauguration, closure) and the agreements that
establish them; a year's approval that states how many institutes and classrooms were approved; and
a ministry's approval of joint programmes in a half-year, naming two of them, with the counts it
states. The file is validated as `cheikg validate` validates a submission against the seed data,
then compiled with the seed records and asked through the query library; every expected answer
is read off MADE_UP.
"""

from __future__ import annotations

import pytest
from conftest import texts
from rdflib.namespace import RDF

from cheikg.api import KnowledgeGraph
from cheikg.build import compile_records, record_files, reference_tables
from cheikg.cli.templates import composite_template
from cheikg.export import to_ntriples
from cheikg.namespaces import CHEIKG, RES
from cheikg.submission import validate_paths

MADE_UP = """
sources:
  - id: test-ci-article
    title: {en: Made-up article on Confucius Institutes}
    type: news-article
    published: 2024-05-01
    language: [en]
organizations:
  - id: test-licensing-body
    name: {en: Made-up Language Council, zh: 虚构语言委员会}
    type: public-service-unit
    country: cn
    source: test-ci-article
    quote: made-up sentence on the council
  - id: test-ministry
    name: {en: Made-up Ministry}
    type: government-body
    country: cn
    source: test-ci-article
    quote: made-up sentence on the ministry
  - id: test-chinese-university
    name: {en: Made-up Chinese University, zh: 虚构大学}
    type: university
    country: cn
    source: test-ci-article
    quote: made-up sentence on the Chinese university
  - id: test-chinese-college
    name: {zh: 虚构学院}
    type: university
    country: cn
    source: test-ci-article
    quote: made-up sentence on the Chinese college
  - id: test-french-host
    name: {fr: Université Inventée}
    type: university
    country: fr
    source: test-ci-article
    quote: made-up sentence on the French host
  - id: test-kenyan-host
    name: {en: Made-up Kenyan University}
    type: university
    country: ke
    source: test-ci-article
    quote: made-up sentence on the Kenyan host
  - id: test-kenyan-school
    name: {en: Made-up Kenyan School}
    type: school
    country: ke
    source: test-ci-article
    quote: made-up sentence on the Kenyan school
  - id: test-uk-university
    name: {en: Made-up British University}
    type: university
    country: gb
    source: test-ci-article
    quote: made-up sentence on the British university
  - id: test-us-university
    name: {en: Made-up American University}
    type: university
    country: us
    source: test-ci-article
    quote: made-up sentence on the American university
  - id: test-ci-france
    name: {en: Confucius Institute at the Made-up French University, zh: 虚构法国大学孔子学院}
    type: confucius-institute
    parent: test-french-host
    chinese_partner: [test-chinese-university, test-chinese-college]
    stated_counts:
      - {count: 50, approximation: more-than, qualifier: students, as_of: 2010, source: test-ci-article, quote: made-up sentence on its students}
      - {count: 410, qualifier: students, as_of: {value: 2011, inferred: [year], note: made up}, source: test-ci-article, quote: made-up sentence on its students}
    source: test-ci-article
    quote: made-up sentence on the French institute
  - id: test-ci-kenya
    name: {en: Confucius Institute at the Made-up Kenyan University}
    type: confucius-institute
    country: ke
    parent: test-kenyan-host
    chinese_partner: [test-chinese-college]
    theme: {en: Tourism, zh: 旅游}
    dissolved: 2021-03
    stated_counts:
      - count: 1
        organization_type: confucius-classroom
        qualifier: Confucius Classroom
        source: test-ci-article
        quote: made-up sentence on its classroom and partners
      - count: 17
        qualifier: partner institutions
        source: test-ci-article
        quote: made-up sentence on its classroom and partners
    source: test-ci-article
    quote: made-up sentence on the Kenyan institute
  - id: test-classroom-kenya
    name: {zh: 虚构肯尼亚中学孔子课堂}
    type: confucius-classroom
    parent: test-kenyan-school
    chinese_partner: [test-chinese-university]
    source: test-ci-article
    quote: made-up sentence on the classroom
events:
  - id: test-ci-france-approval
    name: {en: Approval of the made-up French institute}
    type: approval
    date: 2010-07-04
    organizer: [test-licensing-body]
    about: [test-ci-france]
    source: test-ci-article
    quote: made-up sentence on the approval
  - id: test-ci-france-operation
    name: {en: Start of operations of the made-up French institute}
    type: operation-start
    date: 2010-08-24
    about: [test-ci-france]
    source: test-ci-article
    quote: made-up sentence on the start of operations
  - id: test-ci-france-opening
    name: {en: Inauguration of the made-up French institute}
    type: inauguration-ceremony
    date: 2012-03
    about: [test-ci-france]
    source: test-ci-article
    quote: made-up sentence on the inauguration
  - id: test-ci-kenya-approval
    name: {en: Approval of the made-up Kenyan institute}
    type: approval
    date: {value: 2019-12, inferred: [year], note: the made-up article prints the month only}
    organizer: [test-licensing-body, test-ministry]
    about: [test-ci-kenya]
    source: test-ci-article
    quote: made-up sentence on the Kenyan approval
  - id: test-licensing-2019
    name: {en: Licensing of the made-up institutes of 2019}
    type: licensing
    date: 2019-12-10
    about: [test-ci-kenya, test-classroom-kenya]
    participants:
      - agent: test-ministry
        role: licensor
    source: test-ci-article
    quote: made-up sentence on the licensing
  - id: test-ci-kenya-closure
    name: {en: Closure of the made-up Kenyan institute}
    type: closure
    date: 2021-02-20
    about: [test-ci-kenya]
    source: test-ci-article
    quote: made-up sentence on the closure
  - id: test-approvals-2019
    name: {en: Made-up approvals of new Confucius Institutes in 2019}
    type: approval
    date: 2019
    organizer: [test-licensing-body]
    stated_counts:
      - count: 27
        organization_type: confucius-institute
        qualifier: new Confucius Institutes
        source: test-ci-article
        quote: made-up sentence on 27 institutes
      - count: 66
        organization_type: confucius-classroom
        qualifier: new Confucius Classrooms
        source: test-ci-article
        quote: made-up sentence on 66 classrooms
      - count: 2
        organization_type: confucius-institute
        country: [ke]
        qualifier: new Confucius Institutes in Kenya
        source: test-ci-article
        quote: made-up sentence on two Kenyan institutes
    source: test-ci-article
    quote: made-up sentence on the approvals of 2019
  - id: test-approvals-2018
    name: {en: Made-up approvals of new Confucius Institutes in 2018}
    type: approval
    date: 2018
    stated_counts:
      - count: 5
        organization_type: confucius-institute
        source: test-ci-article
        quote: made-up sentence on five institutes
    source: test-ci-article
    quote: made-up sentence on the approvals of 2018
  - id: test-programme-approval-2020
    name: {en: Made-up approval of joint programmes in the first half of 2020}
    type: approval
    date: 2020
    end: 2020-06
    organizer: [test-ministry]
    about: [test-programme-uk, test-programme-us]
    stated_counts:
      - count: 32
        program_type: cooperative-education-program
        qualifier: new joint programmes
        source: test-ci-article
        quote: made-up sentence on 32 programmes
      - count: 4
        program_type: cooperative-education-program
        country: [gb]
        qualifier: UK partnerships
        source: test-ci-article
        quote: made-up sentence on four UK programmes
      - count: 18
        approximation: more-than
        program_type: cooperative-education-program
        qualifier: in engineering
        source: test-ci-article
        quote: made-up sentence on engineering
    source: test-ci-article
    quote: made-up sentence on the programme approval
agreements:
  - id: test-ci-france-agreement
    title: {en: Made-up agreement on the French institute}
    type: confucius-institute-agreement
    date: 2009-12
    parties:
      - party: test-licensing-body
      - party: test-french-host
    establishes: test-ci-france
    source: test-ci-article
    quote: made-up sentence on the agreement
  - id: test-ci-france-implementation
    title: {en: Made-up implementation agreement}
    type: implementation-agreement
    date: 2010-01-15
    parties:
      - party: test-chinese-university
      - party: test-french-host
    establishes: test-ci-france
    source: test-ci-article
    quote: made-up sentence on the implementation agreement
programs:
  - id: test-programme-uk
    name: {en: Made-up clinical pharmacy programme}
    type: cooperative-education-program
    about: test-chinese-university
    foreign_partner: [test-uk-university]
    source: test-ci-article
    quote: made-up sentence on the UK programme
  - id: test-programme-us
    name: {en: Made-up software programme}
    type: cooperative-education-program
    about: test-chinese-college
    foreign_partner: [test-us-university]
    source: test-ci-article
    quote: made-up sentence on the US programme
"""


@pytest.fixture(scope="module")
def made_up_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("issue19") / "made-up-confucius.yaml"
    path.write_text(MADE_UP, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def compiled(made_up_file, seed_data):
    result = compile_records([*record_files(seed_data), made_up_file], reference=reference_tables(seed_data))
    assert result.findings == []
    return result


@pytest.fixture(scope="module")
def kg(compiled) -> KnowledgeGraph:
    return KnowledgeGraph.in_memory(to_ntriples(compiled.graph).encode())


def rows(kg, name: str, **params) -> list[dict]:
    return texts(kg.query(name, **params))


def pick(records: list[dict], *cols: str) -> list[tuple]:
    return [tuple(r[c] for c in cols) for r in records]


def test_the_submission_validates_against_the_seed_data(made_up_file, seed_data, tmp_path):
    report = validate_paths([made_up_file], seed_data, tmp_path / "build")
    # the made-up Chinese universities have no MOE code (an info), nothing else is reported
    assert [(f.severity, f.message) for f in report.findings if f.severity != "info"] == []


def test_a_confucius_institute_is_its_own_kind_not_a_joint_institute(compiled):
    g = compiled.graph
    assert (RES["test-ci-france"], RDF.type, CHEIKG.ConfuciusInstitute) in g
    assert (RES["test-classroom-kenya"], RDF.type, CHEIKG.ConfuciusClassroom) in g
    assert (RES["test-ci-france"], RDF.type, CHEIKG.JointInstitute) not in g
    assert set(g.objects(RES["test-ci-france"], CHEIKG.chinesePartner)) == {RES["test-chinese-university"], RES["test-chinese-college"]}


MILESTONES = ("approvalDate", "approvalPrecision", "approvalInferred", "licensingDate", "agreementDate", "agreementPrecision",
              "inaugurationDate", "inaugurationPrecision", "operationStart", "operationStartPrecision", "closureDate", "closurePrecision")


def test_confucius_institutes_with_hosts_partners_and_milestones(kg):
    got = rows(kg, "confucius-institutes")
    assert pick(got, "institute", "type", "host", "hostLabel", "countryCode", "countryLabel", "partners", "approvedBy", "agreements") == [
        # ordered by country: France, Kenya (the classroom's country is its host's)
        ("res:test-ci-france", "confucius-institute", "res:test-french-host", "Université Inventée", "FR", "France",
         "Made-up Chinese University | 虚构学院", "Made-up Language Council",
         "Made-up agreement on the French institute | Made-up implementation agreement"),
        ("res:test-ci-kenya", "confucius-institute", "res:test-kenyan-host", "Made-up Kenyan University", "KE", "Kenya",
         "虚构学院", "Made-up Language Council | Made-up Ministry", None),
        # licensed by the Ministry in the role licensor, which organized no approval of it
        ("res:test-classroom-kenya", "confucius-classroom", "res:test-kenyan-school", "Made-up Kenyan School", "KE", "Kenya",
         "Made-up Chinese University", "Made-up Ministry", None),
    ]
    assert pick(got, "theme") == [(None,), ("Tourism",), (None,)]
    france, kenya, classroom = got
    assert pick([france], *MILESTONES) == [
        ("2010-07-04", "day", "false", None, "2009-12-01", "month", "2012-03-01", "month", "2010-08-24", "day", None, None)]
    # the approval's year is inferred; the closure event comes before the dissolution date
    assert pick([kenya], *MILESTONES) == [
        ("2019-12-01", "month", "true", "2019-12-10", None, None, None, None, None, None, "2021-02-20", "day")]
    assert pick([classroom], *MILESTONES) == [(None, None, None, "2019-12-10", None, None, None, None, None, None, None, None)]


def test_confucius_institutes_of_a_chinese_partner_and_of_a_country(kg):
    assert pick(rows(kg, "confucius-institutes", partner="test-chinese-college"), "institute") == [
        ("res:test-ci-france",), ("res:test-ci-kenya",)]
    assert pick(rows(kg, "confucius-institutes", partner="test-chinese-university"), "institute") == [
        ("res:test-ci-france",), ("res:test-classroom-kenya",)]
    assert pick(rows(kg, "confucius-institutes", country="ke"), "institute") == [("res:test-ci-kenya",), ("res:test-classroom-kenya",)]
    assert rows(kg, "confucius-institutes", partner="test-french-host") == []  # a host is no Chinese partner


def test_confucius_institutes_by_year(kg):
    got = rows(kg, "confucius-institutes-by-year")
    assert pick(got, "year", "milestone", "named", "institutes", "statedInstitutes", "statedClassrooms") == [
        ("2009", "agreement", "1", "Confucius Institute at the Made-up French University", None, None),
        ("2010", "agreement", "1", "Confucius Institute at the Made-up French University", None, None),
        ("2010", "approval", "1", "Confucius Institute at the Made-up French University", None, None),
        ("2010", "operation-start", "1", "Confucius Institute at the Made-up French University", None, None),
        ("2012", "inauguration", "1", "Confucius Institute at the Made-up French University", None, None),
        # a year whose approval states a count and names no institute in the graph
        ("2018", "approval", "0", None, "5", None),
        # the year's stated counts (27 and 66; the count of Kenya's institutes is part of the 27) beside the one in the graph
        ("2019", "approval", "1", "Confucius Institute at the Made-up Kenyan University", "27", "66"),
        ("2019", "licensing", "2", "Confucius Institute at the Made-up Kenyan University | 虚构肯尼亚中学孔子课堂", None, None),
        # the closure event and the dissolution date of one institute count it once
        ("2021", "closure", "1", "Confucius Institute at the Made-up Kenyan University", None, None),
    ]


def test_stated_counts_of_events_and_organizations(kg):
    assert pick(rows(kg, "stated-counts", of="test-ci-france"), "kind", "statedCount", "approximation", "qualifier", "asOf", "asOfPrecision",
                "inferred", "quote") == [
        ("organization", "50", "more-than", "students", "2010-01-01", "year", "false", "made-up sentence on its students"),
        ("organization", "410", None, "students", "2011-01-01", "year", "true", "made-up sentence on its students"),
    ]
    assert pick(rows(kg, "stated-counts", of="test-ci-kenya"), "statedCount", "countedType", "qualifier") == [
        ("17", None, "partner institutions"), ("1", "confucius-classroom", "Confucius Classroom")]
    assert pick(rows(kg, "stated-counts", of="test-approvals-2019"), "kind", "statedCount", "countedType", "countries") == [
        ("event", "66", "confucius-classroom", None), ("event", "27", "confucius-institute", None), ("event", "2", "confucius-institute", "KE")]


def test_programme_approvals_with_counts_and_named_programmes(kg):
    got = rows(kg, "programme-approvals")
    assert pick(got, "year", "approval", "date", "precision", "end", "endPrecision", "approvedBy") == [
        ("2020", "res:test-programme-approval-2020", "2020-01-01", "year", "2020-06-01", "month", "Made-up Ministry")] * 3
    assert pick(got, "statedCount", "approximation", "qualifier", "countries", "namedProgrammes", "programmes") == [
        ("32", None, "new joint programmes", None, "2",
         "Made-up clinical pharmacy programme (Made-up Chinese University / Made-up British University) | "
         "Made-up software programme (虚构学院 / Made-up American University)"),
        ("18", "more-than", "in engineering", None, "2",
         "Made-up clinical pharmacy programme (Made-up Chinese University / Made-up British University) | "
         "Made-up software programme (虚构学院 / Made-up American University)"),
        # a count of one country's programmes names only the programmes with a partner from it
        ("4", None, "UK partnerships", "GB", "1", "Made-up clinical pharmacy programme (Made-up Chinese University / Made-up British University)"),
    ]
    assert pick(rows(kg, "programme-approvals", country="gb"), "statedCount", "namedProgrammes") == [("4", "1")]
    assert rows(kg, "programme-approvals", country="us") == []  # no count of US programmes is stated


# the example ids of the composite templates, as a curator fills them in (with the made-up records)
FILLED = {"host-university-id": "test-french-host", "chinese-partner-university-id": "test-chinese-university",
          "approving-body-id": "test-licensing-body", "licensing-person-id": "test-ministry", "country: xx": "country: fr",
          "some-source-id": "test-ci-article", "[moe]": "[test-ministry]", "chinese-university-id": "test-chinese-college",
          "foreign-university-id": "test-uk-university", "ci-host-university": "test-ci-template",
          "moe-joint-programme-approval-2020-h1": "test-template-approval", "programme-id": "test-template-programme"}


def _filled(name: str, folder) -> object:
    text = composite_template(name)
    for example, value in FILLED.items():
        text = text.replace(example, value)
    path = folder / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_composite_templates_validate_and_answer_once_filled_in(made_up_file, seed_data, tmp_path):
    filled = [_filled("confucius-institute", tmp_path), _filled("programme-approval", tmp_path)]
    report = validate_paths([made_up_file, *filled], seed_data, tmp_path / "build")
    assert [(f.severity, f.message) for f in report.findings if f.severity != "info"] == []
    result = compile_records([*record_files(seed_data), made_up_file, *filled], reference=reference_tables(seed_data))
    assert result.findings == []
    kg = KnowledgeGraph.in_memory(to_ntriples(result.graph).encode())
    institute = [r for r in rows(kg, "confucius-institutes") if r["institute"] == "res:test-ci-template"]
    assert pick(institute, "host", "partners", "approvedBy", "approvalDate", "licensingDate", "inaugurationDate", "agreementDate") == [
        # the approving body organized its approval, the licensor licensed it
        ("res:test-french-host", "Made-up Chinese University", "Made-up Language Council | Made-up Ministry", "2010-07-04", "2017-12-12",
         "2012-03-07", "2012-02-17")]
    approval = [r for r in rows(kg, "programme-approvals") if r["approval"] == "res:test-template-approval"]
    assert pick(approval, "statedCount", "countries", "namedProgrammes") == [("32", None, "1"), ("4", "GB", "1")]  # its one programme has a British partner


def _uncomment_suggestions(text: str) -> str:
    """The template with its suggested fields (theme, stated_counts) taken up, as a curator would."""
    out, in_counts = [], False
    for line in text.splitlines():
        body = line.lstrip(" ")
        lead = line[:len(line) - len(body)]
        if body.startswith("# stated_counts:"):
            in_counts = True
        elif not body.startswith("#"):
            in_counts = False
        if body.startswith("# theme:") or in_counts:
            line = lead + body[2:]
        out.append(line)
    return "\n".join(out) + "\n"


def test_the_institute_template_suggests_a_theme_and_stated_counts_that_validate(made_up_file, seed_data, tmp_path):
    path = _filled("confucius-institute", tmp_path)
    text = path.read_text(encoding="utf-8")
    assert [line.split("  # optional")[0] for line in text.splitlines() if "theme:" in line] == ["    # theme: {en: Tourism, zh: 旅游}"]
    path.write_text(_uncomment_suggestions(text), encoding="utf-8")
    report = validate_paths([made_up_file, path], seed_data, tmp_path / "build")
    assert [(f.severity, f.message) for f in report.findings if f.severity != "info"] == []
    result = compile_records([*record_files(seed_data), made_up_file, path], reference=reference_tables(seed_data))
    kg = KnowledgeGraph.in_memory(to_ntriples(result.graph).encode())
    (institute,) = [r for r in rows(kg, "confucius-institutes") if r["institute"] == "res:test-ci-template"]
    assert institute["theme"] == "Tourism"
    counts = [r for r in rows(kg, "stated-counts") if r["of"] == "res:test-ci-template"]
    assert sorted((r["statedCount"], r["qualifier"]) for r in counts) == [("1", None), ("746", "students enrolled")]
