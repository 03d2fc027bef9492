"""Every command through click's CliRunner: outputs, exact error messages and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cheikg.cli import cli

from conftest import copy_seed_data

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture()
def workdir(tmp_path, monkeypatch):
    """A checkout-like folder: ./data holds the seed records and the reference tables (see conftest.copy_seed_data)."""
    copy_seed_data(tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_build_prints_counts_and_writes_the_graph(workdir):
    result = invoke("build")
    assert result.exit_code == 0, result.output
    assert "Validation: 0 violations" in result.output
    assert "  cheikg:Alliance            2\n" in result.output
    assert (workdir / "build" / "graph" / "cheikg.ttl").is_file()
    assert (workdir / "build" / "graph" / "store").is_dir()


def test_build_with_a_violation_keeps_the_previous_build(workdir):
    assert invoke("build").exit_code == 0
    dump = (workdir / "build" / "graph" / "cheikg.ttl").read_bytes()
    facts = workdir / "data" / "facts" / "001-wut-cscse-seminar.yaml"
    # drop the second party of the first agreement: an agreement needs two
    lines = facts.read_text(encoding="utf-8").splitlines(keepends=True)
    idx = [i for i, l in enumerate(lines) if l.startswith("      - party:")]
    second = idx[1]
    j = second + 1
    while j < len(lines) and lines[j].startswith("        "):
        j += 1
    facts.write_text("".join(lines[:second] + lines[j:]), encoding="utf-8")
    result = invoke("build")
    assert result.exit_code == 1
    assert "An agreement needs at least two parties" in result.output
    assert "Not written" in result.output
    assert (workdir / "build" / "graph" / "cheikg.ttl").read_bytes() == dump
    assert not (workdir / "build" / "graph.new").exists()


def test_build_falls_back_to_pyshacl_where_the_fast_engine_refuses(workdir, monkeypatch):
    from cheikg import build as build_module
    from cheikg.shacl import FastShaclUnsupported

    def refuse(self, origins, focus):
        raise FastShaclUnsupported("refused for the test")

    monkeypatch.setattr(build_module._Staged, "validate", refuse)
    test_build_with_a_violation_keeps_the_previous_build(workdir)


def test_query_list_shows_the_catalogue(workdir):
    result = invoke("query", "--list")
    assert result.exit_code == 0
    assert any(line.startswith("alliance-chairs ") for line in result.output.splitlines())


def test_query_alliance_chairs_csv(workdir):
    import csv
    import io

    result = invoke("query", "alliance-chairs", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    got = {(r["alliance"], r["holder"], r["role"], r["term"], r["inferred"]) for r in rows}
    assert got == {
        ("res:jx-scoe-alliance", "res:jufe", "chair", "", "false"),
        ("res:shanxi-isea", "res:sang-shengbo", "rotating-chair", "", "true"),
        ("res:shanxi-isea", "res:tyut", "rotating-chair", "1", "true"),
    }


def test_query_unknown_name(workdir):
    result = invoke("query", "alliance-chair")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: no query is named 'alliance-chair'. Did you mean 'alliance-chairs'")
    assert result.stderr.endswith("`cheikg query --list` shows them all\n")


def test_query_unknown_parameter(workdir):
    result = invoke("query", "alliance-chairs", "--param", "colour=red")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: query 'alliance-chairs' has no parameter 'colour'; its parameters: ")


def test_query_bad_parameter_syntax(workdir):
    result = invoke("query", "alliance-chairs", "--param", "alliance")
    assert result.exit_code == 2
    assert "'alliance' is not NAME=VALUE" in result.output


def test_query_needs_exactly_one_query(workdir):
    result = invoke("query")
    assert result.exit_code == 2
    assert "give one query: a NAME, --file Q.rq or --sparql TEXT (see --list)" in result.output


def test_query_invalid_sparql(workdir):
    result = invoke("query", "--sparql", "SELECT ?x WHERE {")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] + "\n" == "Error: the query is not valid SPARQL (error at 1:18); check the syntax there\n"


def test_query_sparql_count(workdir):
    result = invoke("query", "--sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/cheikg/ontology#Alliance> }", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["results"]["bindings"][0]["n"]["value"] == "2"


def test_query_rebuilds_when_records_change(workdir):
    assert invoke("build").exit_code == 0
    people = workdir / "data" / "persons.yaml"
    people.write_text(people.read_text(encoding="utf-8").replace("Sang Shengbo", "Sang Shengbo-X", 1), encoding="utf-8")
    result = CliRunner().invoke(cli, ["query", "--sparql", 'ASK { ?p <http://www.w3.org/2004/02/skos/core#prefLabel> "Sang Shengbo-X"@en }', "--format", "csv"])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["result", "true"]


def test_query_show_query_binds_values_as_terms(workdir):
    result = invoke("query", "alliance-chairs", "--param", "alliance=jx-scoe-alliance", "--show-query")
    assert result.exit_code == 0
    assert "VALUES ?alliance { <https://w3id.org/cheikg/resource/jx-scoe-alliance> }" in result.output


def test_export_turtle_to_file(workdir):
    result = invoke("export", "--format", "turtle", "-o", "out/kg.ttl")
    assert result.exit_code == 0
    assert (workdir / "out" / "kg.ttl").read_text(encoding="utf-8").startswith("@prefix ")
    assert "Wrote out/kg.ttl" in result.output


def test_export_unknown_format(workdir):
    result = invoke("export", "--format", "rdfxml")
    assert result.exit_code == 2
    assert "Invalid value for '--format'" in result.output


def test_validate_clean_records(workdir):
    result = invoke("validate", "data")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "conforms: 0 violations, 0 warnings, 0 infos"


def test_validate_impossible_date_names_file_and_line(workdir):
    src = workdir / "data" / "facts" / "003-ustb-internationalization.yaml"
    bad = workdir / "bad.yaml"
    text = src.read_text(encoding="utf-8")
    assert "2024-04-12" in text
    bad.write_text(text.replace("2024-04-12", "2025-13-45", 1), encoding="utf-8")
    line = text[: text.index("2024-04-12")].count("\n") + 1
    result = invoke("validate", "bad.yaml")
    assert result.exit_code == 1
    assert f"    {line}:" in result.output
    assert "'2025-13-45' is not a real date: there is no month 13; write YYYY-MM-DD, YYYY-MM or YYYY (for example 2025-11-18)" in result.output
    assert result.stdout.startswith("bad.yaml\n")


def test_validate_json_and_sarif(workdir):
    bad = workdir / "sub.yaml"
    bad.write_text("memberships:\n  - id: m-new\n    member: tyutt\n    organization: shanxi-isea\n    role: member\n    source: tyut-shanxi-isea-founding\n    quote: TYUT would join hands with fellow member institutions\n", encoding="utf-8")
    result = invoke("validate", "sub.yaml", "--format", "json")
    assert result.exit_code == 1
    (finding,) = json.loads(result.stdout)["results"]
    assert finding["path"] == "sub.yaml" and finding["line"] == 3 and finding["column"] == 13
    assert finding["record"] == "m-new" and finding["field"] == "member" and finding["value"] == "tyutt"
    assert finding["message"].startswith("no organization or alliance or person has the id 'tyutt'. Did you mean 'tyut' (Taiyuan University of Technology)")
    sarif = json.loads(invoke("validate", "sub.yaml", "--format", "sarif").stdout)
    (res,) = sarif["runs"][0]["results"]
    assert res["level"] == "error"
    assert res["locations"][0]["physicalLocation"]["region"] == {"startLine": 3, "startColumn": 13}


def test_validate_unreadable_yaml_exits_3(workdir):
    (workdir / "broken.yaml").write_text("organizations:\n  - id: x\n    name: [unclosed\n", encoding="utf-8")
    result = invoke("validate", "broken.yaml")
    assert result.exit_code == 3
    assert result.stderr.startswith("Error: cannot read the input:\nbroken.yaml:")


def test_validate_missing_file_is_usage(workdir):
    result = invoke("validate", "nothing.yaml")
    assert result.exit_code == 2
    assert result.stderr == "Error: nothing.yaml: no such file or directory\n"


def test_validate_fail_on_info(workdir):
    sub = workdir / "sub.yaml"
    sub.write_text(
        "organizations:\n  - id: new-univ\n    name: {en: New University, zh: 新大学}\n    type: university\n    country: cn\n    source: tyut-shanxi-isea-founding\n",
        encoding="utf-8",
    )
    assert invoke("validate", "sub.yaml").exit_code == 0
    result = invoke("validate", "sub.yaml", "--fail-on", "info")
    assert result.exit_code == 1
    assert "A Chinese university without its MOE code" in result.output


def test_new_prints_a_template_that_names_every_field(workdir):
    result = invoke("new", "agreement")
    assert result.exit_code == 0
    for name in ("id:", "title:", "type:", "parties:", "- party:", "signatory:", "date:"):
        assert name in result.output


def test_new_unknown_kind(workdir):
    result = invoke("new", "treaty")
    assert result.exit_code == 2
    assert "'treaty' is not one of 'agreement', 'alliance', 'document', 'event', 'grant', 'institution', 'membership', 'organization', 'person', 'place', 'post', 'program', 'source'" in result.output


def test_internal_errors_are_one_line(workdir, monkeypatch):
    import cheikg.cli.commands as commands

    def boom(*a, **k):
        raise RuntimeError("kaput")

    monkeypatch.setattr(commands, "build_graph", boom)
    result = invoke("build")
    assert result.exit_code == 5
    assert result.stderr.startswith("Error: internal error (RuntimeError: kaput); details in ")
