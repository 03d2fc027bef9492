"""The fields the articles needed (issue 15): each one written in a record, validated, built and shown by a query.

MADE_UP holds records written for these tests only (none is a real fact): a foundation, a newspaper
with a former and a planned name, posts without an organization record, a forum with its theme,
ordinal, supporter and stated attendance, an agreement with its content, duration, place and
status, a grant of money and land, and a bilingual source. They are validated as `cheikg validate`
validates a submission against the seed data, then compiled with the seed records and queried.
"""

from __future__ import annotations

from conftest import texts

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from cheikg.api import KnowledgeGraph
from cheikg.build import compile_records, record_files, reference_tables
from cheikg.export import to_ntriples
from cheikg.namespaces import CHEIKG, RES, SCHEMA, SKOSXL
from cheikg.submission import validate_paths

MADE_UP = """
sources:
  - id: test-bilingual
    title: {en: Made-up bilingual article, zh: 虚构的双语报道}
    type: news-article
    published: 2024-05-01
    language: [en, zh]
organizations:
  - id: test-foundation
    name: {en: Made-up Foundation}
    type: foundation
    country: us
    founded: 1990
    description: {en: A made-up foundation that gives grants to universities.}
    source: test-bilingual
    quote: made-up sentence on the foundation
  - id: test-daily
    name: {en: Made-up Daily, zh: 虚构日报}
    type: media-organization
    country: cn
    founded: {value: 2001-05, inferred: [month], note: the article prints the year only; the month is made up for the test}
    dissolved: 2020
    former_names:
      - name: {en: Made-up Evening News, zh: 虚构晚报}
        from: 2001-05
        until: 2005
        source: test-bilingual
        quote: made-up sentence on the former name
    planned_names:
      - name: {en: Made-up Morning News}
        as_of: 2000-12
        source: test-bilingual
        quote: made-up sentence on the planned name
    source: test-bilingual
    quote: made-up sentence on the newspaper
  - id: test-francophone
    name: {fr: Université Inventée, ru: Выдуманный университет}
    type: university
    country: fr
    source: test-bilingual
    quote: made-up sentence on a university named in French and Russian
persons:
  - id: test-person
    name: {en: Made Up, fr: Personne Inventée}
    source: test-bilingual
    quote: made-up sentence on the person
posts:
  - id: test-post-head-of-state
    person: test-person
    jurisdiction: kz
    role: head-of-state
    source: test-bilingual
    quote: made-up sentence on the head of state
  - id: test-post-editor
    person: test-person
    organization: test-daily
    role: editor-in-chief
    former: true
    source: test-bilingual
    quote: made-up sentence on the former editor
  - id: test-post-advisor
    person: test-person
    organization_name: {en: Made-up Presidential Office}
    role: senior-advisor
    source: test-bilingual
    quote: made-up sentence on the advisor
events:
  - id: test-forum-series
    name: {en: Made-up Forum}
    type: event-series
    source: test-bilingual
    quote: made-up sentence on the series
  - id: test-forum-3
    name: {en: 3rd Made-up Forum}
    type: forum
    date: 2024-04-20
    part_of: test-forum-series
    ordinal: 3
    theme: {en: Made-up cooperation, zh: 虚构的合作}
    supported_by: [test-foundation]
    attendance:
      - count: 40
        approximation: more-than
        qualifier: representatives
        role: attendee
        source: test-bilingual
        quote: more than 40 representatives (made up)
      - count: 20
        approximation: more-than
        qualifier: universities
        source: test-bilingual
        quote: from over 20 universities (made up)
    source: test-bilingual
    quote: made-up sentence on the forum
agreements:
  - id: test-agreement
    title: {en: Made-up cooperation agreement}
    type: cooperation-agreement
    date: 2024-04-21
    signed_in: kz
    duration: P3Y
    status: pending-approval
    description: {en: Made-up joint training of students.}
    parties:
      - party: test-foundation
      - party: test-daily
      - party: test-francophone
    source: test-bilingual
    quote: made-up sentence on the agreement
grants:
  - id: test-grant
    name: {en: Made-up Foundation grant to the Made-up Daily}
    type: grant
    funder: [test-foundation]
    recipient: [test-daily]
    amount: 130000000
    currency: USD
    land_area: 330000
    approximation: about
    date: 2019
    description: {en: For made-up scholarships.}
    source: test-bilingual
    quote: made-up sentence on the grant
"""


@pytest.fixture(scope="module")
def made_up_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("issue15") / "made-up-fields.yaml"
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


def one(kg, name: str, key: str, value: str, **params) -> dict:
    got = [r for r in rows(kg, name, **params) if r[key] == value]
    assert len(got) == 1, got
    return got[0]


def test_the_submission_validates_against_the_seed_data(made_up_file, seed_data, tmp_path):
    report = validate_paths([made_up_file], seed_data, tmp_path / "build")
    assert [(f.severity, f.message) for f in report.findings if f.severity != "info"] == []


def test_organization_history_and_types(kg, compiled):
    daily = one(kg, "organizations", "organization", "res:test-daily")
    assert (daily["type"], daily["founded"], daily["foundedPrecision"], daily["dissolved"], daily["dissolvedPrecision"]) == (
        "media-organization", "2001-05-01", "month", "2020-01-01", "year")
    foundation = one(kg, "organizations", "organization", "res:test-foundation")
    assert (foundation["type"], foundation["founded"], foundation["description"]) == (
        "foundation", "1990-01-01", "A made-up foundation that gives grants to universities.")
    g = compiled.graph
    assert (RES["test-daily"], RDF.type, SCHEMA.NewsMediaOrganization) in g
    assert (RES["test-foundation"], RDF.type, SCHEMA.FundingAgency) in g
    # one label node per name and language
    assert set(g.objects(RES["test-daily"], CHEIKG.historicName)) == {
        URIRef(RES["test-daily.former-name.1.en"]), URIRef(RES["test-daily.former-name.1.zh"])}
    assert (RES["test-daily.planned-name.1.en"], SKOSXL.literalForm, Literal("Made-up Morning News", lang="en")) in g
    timeline = rows(kg, "institution-timeline", institution="test-daily")
    assert [(r["date"], r["dateKind"], r["factKind"], r["relation"], r["factLabel"], r["dateInferred"]) for r in timeline] == [
        ("2000-12-01", "as-of", "name", "planned-name", "Made-up Morning News", "false"),
        ("2001-05-01", "from", "name", "former-name", "Made-up Evening News", "false"),
        ("2001-05-01", "from", "name", "former-name", "虚构晚报", "false"),
        ("2001-05-01", "founded", "organization", "founded", "Made-up Daily", "true"),  # the month is inferred
        ("2005-01-01", "until", "name", "former-name", "Made-up Evening News", "false"),
        ("2005-01-01", "until", "name", "former-name", "虚构晚报", "false"),
        ("2019-01-01", "date", "grant", "funded", "Made-up Foundation grant to the Made-up Daily", "false"),
        ("2020-01-01", "dissolved", "organization", "dissolved", "Made-up Daily", "false"),
        ("2024-04-21", "date", "agreement", "party", "Made-up cooperation agreement", "false"),
    ]


def test_posts_without_an_organization_record_and_former_posts(kg):
    got = {r["postHolding"]: r for r in rows(kg, "person-posts", person="test-person")}
    head = got["res:test-post-head-of-state"]
    assert (head["role"], head["organization"], head["jurisdiction"], head["jurisdictionLabel"], head["former"]) == (
        "head-of-state", None, "res:kz", "Kazakhstan", "false")
    advisor = got["res:test-post-advisor"]
    assert (advisor["role"], advisor["organization"], advisor["organizationLabel"]) == (
        "senior-advisor", None, "Made-up Presidential Office")
    editor = got["res:test-post-editor"]
    assert (editor["role"], editor["organizationLabel"], editor["former"], editor["end"]) == (
        "editor-in-chief", "Made-up Daily", "true", None)


def test_event_theme_ordinal_supporters_and_attendance(kg):
    forum = one(kg, "events", "event", "res:test-forum-3")
    assert (forum["ordinal"], forum["theme"], forum["supporters"], forum["partOf"]) == (
        "3", "Made-up cooperation", "Made-up Foundation", "res:test-forum-series")
    attendance = rows(kg, "event-attendance", event="test-forum-3")
    assert [(r["statedCount"], r["approximation"], r["qualifier"], r["role"], r["namedParticipants"], r["quote"]) for r in attendance] == [
        ("40", "more-than", "representatives", "attendee", "0", "more than 40 representatives (made up)"),
        ("20", "more-than", "universities", None, "0", "from over 20 universities (made up)"),
    ]


def test_agreement_content_duration_place_and_status(kg):
    agreement = one(kg, "agreements", "agreement", "res:test-agreement")
    assert (agreement["description"], agreement["duration"], agreement["signedIn"], agreement["signedInLabel"], agreement["status"],
            agreement["signedAt"]) == ("Made-up joint training of students.", "P3Y", "res:kz", "Kazakhstan", "pending-approval", None)


def test_grants_of_money_and_land(kg):
    grant = one(kg, "grants", "grant", "res:test-grant")
    assert {k: grant[k] for k in ("label", "type", "funders", "recipients", "amount", "currency", "landArea", "approximation", "date",
                                   "precision", "description", "sources", "inferred")} == {
        "label": "Made-up Foundation grant to the Made-up Daily", "type": "grant", "funders": "Made-up Foundation",
        "recipients": "Made-up Daily", "amount": "130000000", "currency": "USD", "landArea": "330000", "approximation": "about",
        "date": "2019-01-01", "precision": "year", "description": "For made-up scholarships.", "sources": "test-bilingual",
        "inferred": "false",
    }
    assert rows(kg, "grants", recipient="test-foundation") == []


def test_names_fall_back_from_english_to_chinese_to_any_language(kg):
    # a party named in French and Russian only: its name is shown (the least of the two), not a blank
    signings = rows(kg, "agreement-signings", organization="test-francophone")
    assert {(r["party"], r["partyLabel"]) for r in signings} == {
        ("res:test-francophone", "Université Inventée"), ("res:test-daily", "Made-up Daily"), ("res:test-foundation", "Made-up Foundation")}
    agreement = one(kg, "agreements", "agreement", "res:test-agreement")
    assert agreement["parties"] == "Made-up Daily | Made-up Foundation | Université Inventée"
    # a Chinese institution of the MOE list without an English name shows its Chinese name
    listed = one(kg, "joint-institutes", "institute", "res:moe-4132013962")
    assert (listed["instituteLabel"], listed["instituteLabelZh"]) == ("苏州百年职业学院", "苏州百年职业学院")
    assert all(r["instituteLabel"] for r in rows(kg, "joint-institutes"))


def test_a_bilingual_source_lists_both_languages(kg):
    assert one(kg, "sources", "source", "res:test-bilingual")["languages"] == "en | zh"
    assert {r["source"] for r in rows(kg, "sources", language="zh")} >= {"res:test-bilingual"}
    assert "res:test-bilingual" not in {r["source"] for r in rows(kg, "sources", language="fr")}


@pytest.mark.parametrize(("record", "field", "message"), [
    ("agreements:\n  - id: x-agreement\n    title: {en: X}\n    type: cooperation-agreement\n    duration: three years\n"
     "    parties: [{party: tyut}, {party: jufe}]\n    source: tyut-shanxi-isea-founding\n    quote: q\n",
     "duration", "'three years' is not an ISO 8601 duration of one unit: write P3Y for three years, P6M for six months, P2W or P10D"),
    ("grants:\n  - id: x-grant\n    name: {en: X}\n    funder: [tyut]\n    recipient: [jufe]\n    amount: 5\n"
     "    source: tyut-shanxi-isea-founding\n    quote: q\n",
     "amount", "an 'amount' needs its 'currency', an ISO 4217 code such as USD or CNY"),
    ("grants:\n  - id: x-grant\n    name: {en: X}\n    funder: [tyut]\n    recipient: [jufe]\n    amount: 5\n    currency: yuan\n"
     "    source: tyut-shanxi-isea-founding\n    quote: q\n",
     "currency", "A currency is an ISO 4217 code of three capital letters, such as USD or CNY."),
    ("posts:\n  - id: x-post\n    person: sang-shengbo\n    role: governor\n    source: tyut-shanxi-isea-founding\n    quote: q\n",
     "organization", "A post is held somewhere: give its 'organization', or the 'jurisdiction' it governs (a head of state, a governor), "
     "or the 'organization_name' as printed."),
    ("alliances:\n  - id: x-alliance\n    name: {en: X}\n    stated_counts:\n      - role: member\n        count: 70\n"
     "        approximation: roughly\n    source: tyut-shanxi-isea-founding\n    quote: q\n",
     "stated_counts[1].approximation", "'roughly' is not in the count-approximation vocabulary."),
])
def test_bad_values_of_the_new_fields(tmp_path, seed_data, record, field, message):
    path = tmp_path / "bad.yaml"
    path.write_text(record, encoding="utf-8")
    report = validate_paths([path], seed_data, tmp_path / "build")
    got = [(f.field, f.message) for f in report.findings if f.severity == "violation"]
    assert any(f == field and m.startswith(message) for f, m in got), got


def test_templates_show_the_new_fields(cli_runner=None):
    from cheikg.cli.templates import template
    from cheikg.loaders.schema import BY_NAME

    organization = template(BY_NAME["organization"])
    for line in ("    # founded: 2012-10  # optional: founding date as the source states it",
                 "    # former_names:  # optional: names it had before, with when they were used",
                 "    # description: {en: ..., zh: ...}  # optional: what it does, close to the source's words"):
        assert line in organization.splitlines() or line.replace("    # former_names:", "    former_names:") in organization.splitlines(), line
    grant = template(BY_NAME["grant"])
    assert "    # amount: 130000000  # optional: the sum in whole units of the currency, as stated (US$130 million: 130000000)" in grant
    assert "    funder: [id, ...]  # required: who gives it (id of: organization, alliance, person)" in grant
    post = template(BY_NAME["post"])
    assert "    # jurisdiction: kz  # optional: the country, province or city whose head, governor or mayor the person is (a post without an organization record) (id of: place)" in post
    assert "    # former: false  # optional: true when the source calls it former (it ended before the article; the end date is not known)" in post


def test_the_new_fields_go_in_through_ingest_and_come_out_of_a_query(checkout):
    from click.testing import CliRunner

    from cheikg.cli import cli

    (checkout / "made-up-fields.yaml").write_text(MADE_UP, encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", "made-up-fields.yaml"])
    assert result.exit_code == 0, result.output
    assert "  add        grant test-grant" in result.stdout.splitlines()
    build = CliRunner().invoke(cli, ["build"])
    assert build.exit_code == 0 and "Validation: 0 violations" in build.stdout, build.output
    answer = CliRunner().invoke(cli, ["query", "grants", "--param", "recipient=test-daily", "--format", "csv"])
    assert answer.stdout.splitlines()[1].startswith(
        "res:test-grant,Made-up Foundation grant to the Made-up Daily,grant,Made-up Foundation,Made-up Daily,130000000,USD,330000,about,2019-01-01,year,")


def test_the_new_fields_keep_the_built_graph_owl2_dl_and_consistent(compiled, tmp_path):
    """Every term the new fields write is declared once, as one kind (ontology/imports/declarations.ttl)."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    from rdflib import Graph
    from rdflib.namespace import RDF as RDF_NS

    from cheikg.resources import import_texts

    sys.path.insert(0, str(Path(__file__).parent))
    from owl2_check import java_missing

    missing = java_missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"the OWL 2 DL check cannot run in CI: {missing}")
        pytest.skip(missing)
    g = Graph()
    statements = set(compiled.graph.subjects(RDF_NS.type, RDF_NS.Statement))  # reference names' reification: not OWL
    for t in compiled.graph:
        if t[0] not in statements:
            g.add(t)
    for _name, text in import_texts():
        g.parse(data=text, format="turtle")
    path = tmp_path / "fields.nt"
    path.write_text(to_ntriples(g), encoding="utf-8")
    run = subprocess.run([sys.executable, str(Path(__file__).parent / "owl2_check.py"), str(path)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    result = json.loads(next(line for line in run.stdout.splitlines() if line.startswith("{")))
    assert [v["text"] for v in result["violations"]] == []
    assert (result["hermit"], result["pellet"]) == (True, True)
