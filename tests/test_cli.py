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
    assert ("'treaty' is not one of 'agreement', 'alliance', 'confucius-institute', 'document', 'event', 'grant', 'institution', 'membership', "
            "'organization', 'person', 'place', 'post', 'program', 'programme-approval', 'source'") in result.output


def test_internal_errors_are_one_line(workdir, monkeypatch):
    import cheikg.cli.commands as commands

    def boom(*a, **k):
        raise RuntimeError("kaput")

    monkeypatch.setattr(commands, "build_graph", boom)
    result = invoke("build")
    assert result.exit_code == 5
    assert result.stderr.startswith("Error: internal error (RuntimeError: kaput); details in ")


# ---- the query's own help, the catalogue as data

def test_query_name_help_shows_its_description_parameters_and_columns(workdir):
    result = invoke("query", "role-holders-on", "--help")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("Usage: cheikg query role-holders-on --param date=DATE [--param NAME=VALUE]...\n")
    assert "\n  Who held a role (by default the chair) of an alliance on a given day\n" in out
    assert "\n  The holders of a role in an alliance on the day `date`: the alliance, the\n" in out
    assert (
        "Parameters (--param NAME=VALUE):\n"
        "  date (date, required)\n"
        "      the day (YYYY-MM-DD)\n"
        "      example: --param date=2025-12-01\n"
        "  role (concept of alliance-role, repeatable, default chair)\n"
    ) in out
    assert "  alliance (id)\n      only this alliance (its id, such as jx-scoe-alliance)\n      example: --param alliance=jx-scoe-alliance\n" in out
    columns = out.split("Columns:\n", 1)[1].split("\n\n", 1)[0]
    assert columns.split() == (
        "date, alliance, allianceLabel, allianceLabelZh, role, roleLabel, roleLabelZh, holder, holderLabel, holderLabelZh, holderType, onBehalfOf, "
        "onBehalfOfLabel, start, precision, startKnown, startInferred, countedFrom, countedFromBasis, end, endPrecision, endInferred, term, "
        "inferred, inferredFields, membership"
    ).split()
    assert "Example:\n  cheikg query role-holders-on --param date=2025-12-01 --format csv\n" in out
    assert invoke("query", "--describe", "role-holders-on").stdout == out


def test_query_help_without_a_name_is_the_command_help(workdir):
    result = invoke("query", "--help")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].endswith(" query [OPTIONS] [NAMES]...")
    assert "--columns A,B,..." in result.stdout and "--raw-csv" in result.stdout


def test_query_list_as_json_is_the_catalogue(workdir):
    from cheikg.queries.catalog import library

    result = invoke("query", "--list", "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert [q["name"] for q in doc] == list(library())
    chairs = next(q for q in doc if q["name"] == "role-holders-on")
    assert chairs["summary"] == "Who held a role (by default the chair) of an alliance on a given day"
    assert chairs["parameters"][1] == {
        "name": "role", "type": "concept", "scheme": "alliance-role", "required": False, "repeatable": True, "default": "chair",
        "description": "the role (a code of the alliance-role vocabulary, such as rotating-chair; repeat for several; default chair)",
        "example": "rotating-chair",
    }
    assert chairs["columns"][:3] == ["date", "alliance", "allianceLabel"]


def test_query_list_as_csv_has_a_row_per_query(workdir):
    import csv
    import io

    result = invoke("query", "--list", "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["name", "summary", "parameters", "description", "tags", "columns"]
    timeline = next(r for r in rows if r["name"] == "institution-timeline")
    assert timeline["parameters"] == "institution" and timeline["columns"].startswith("institution | institutionLabel | date")


# ---- columns, limit, CSV a spreadsheet can open, text safe to show

def test_query_columns_and_limit(workdir):
    result = invoke("query", "institutions", "--columns", "labelZh,moeCode", "--limit", "2", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout == "labelZh,moeCode\n长春师范高等专科学校,3622000335\n盐城幼儿师范高等专科学校,3632000466\n"


def test_query_unknown_column_names_the_columns(workdir):
    result = invoke("query", "alliances", "--columns", "label,foundd")
    assert result.exit_code == 2
    assert "Invalid value for --columns: the answer of alliances has no column 'foundd'. Did you mean 'founded'? Its columns: alliance, label, " in result.stderr


FORMULAS = 'SELECT ?text ?n WHERE { VALUES (?text ?n) { ("=HYPERLINK(\\"http://x.example/\\",\\"click\\")" -5) ("@SUM(A1)" 2) (" +1" 3) ("two\\n-lines" 4) ("plain" 5) } }'


def test_csv_neutralises_formula_leading_cells(workdir):
    result = invoke("query", "--sparql", FORMULAS, "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "text,n\n"
        '"\'=HYPERLINK(""http://x.example/"",""click"")",-5\n'
        "'@SUM(A1),2\n"
        "' +1,3\n"
        '"two\n\'-lines",4\n'
        "plain,5\n"
    )
    tsv = invoke("query", "--sparql", FORMULAS, "--format", "tsv").stdout
    assert tsv.splitlines()[2] == "'@SUM(A1)\t2"


def test_raw_csv_writes_values_as_they_are(workdir):
    result = invoke("query", "--sparql", FORMULAS, "--format", "csv", "--raw-csv")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1:3] == ['"=HYPERLINK(""http://x.example/"",""click"")",-5', "@SUM(A1),2"]


def test_control_characters_in_values_are_shown_as_escapes(workdir):
    title = 'SELECT ?x WHERE { VALUES ?x { "A\\u001b]0;owned\\u0007B" "C\\u009b2JD" "E\\u202eF" } }'
    result = invoke("query", "--sparql", title)
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout and "\x9b" not in result.stdout and "\u202e" not in result.stdout
    assert result.stdout.splitlines()[2:5] == ["A\\x1b]0;owned\\x07B", "C\\x9b2JD", "E\\u202eF"]
    as_json = json.loads(invoke("query", "--sparql", title, "--format", "json").stdout)  # escaped in the JSON text, the same values read back
    assert [b["x"]["value"] for b in as_json["results"]["bindings"]] == ["A\x1b]0;owned\x07B", "C\x9b2JD", "E\u202eF"]
    assert "\x1b" not in invoke("query", "--sparql", title, "--format", "json").stdout


def test_resolve_and_errors_show_control_characters_as_escapes(workdir):
    result = invoke("resolve", "\x1b]0;owned\x07TYUT")
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout and result.stdout.splitlines()[2].startswith("\\x1b]0;owned\\x07TYUT  ")
    error = invoke("query", "\x1b[2Jalliances")
    assert error.exit_code == 2
    assert error.stderr.startswith("Error: no query is named '\\x1b[2Jalliances'.")


def test_validation_messages_show_control_characters_as_escapes():
    from cheikg.cli.formats import findings_text
    from cheikg.findings import Finding

    f = Finding(path="sub\x1b[2J.yaml", line=3, column=5, record="m\x07x", field="name", severity="violation",
                message="'\x1b]0;t\x07' is not a name", value="\x1b]0;t\x07", rule="r")
    text = findings_text([f])
    assert "\x1b" not in text and "\x07" not in text
    assert text == "sub\\x1b[2J.yaml\n  record m\\x07x\n    3:5 violation name: '\\x1b]0;t\\x07' is not a name\n"


def test_sarif_uris_are_relative_to_the_repository_root(workdir):
    (workdir / ".git").mkdir()  # the top of a checkout
    folder = workdir / "submissions" / "新 records"
    folder.mkdir(parents=True)
    (folder / "sub.yaml").write_text("memberships:\n  - id: m-new\n    member: tyutt\n    organization: shanxi-isea\n    role: member\n    source: tyut-shanxi-isea-founding\n    quote: TYUT would join hands with fellow member institutions\n", encoding="utf-8")
    import os

    os.chdir(folder)
    result = invoke("validate", "sub.yaml", "--format", "sarif", "--data", str(workdir / "data"))
    assert result.exit_code == 1, result.output
    run = json.loads(result.stdout)["runs"][0]
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": workdir.resolve().as_uri() + "/"}}
    (res,) = run["results"]
    assert res["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": "submissions/%E6%96%B0%20records/sub.yaml", "uriBaseId": "%SRCROOT%"}


# ---- a named build folder, shell completion

def test_reading_commands_refuse_a_build_folder_that_does_not_exist(workdir):
    for args in (["query", "alliances"], ["export"], ["network", "metrics"]):
        result = invoke(*args, "--build", "typo")
        assert result.exit_code == 2, args
        assert result.stderr == "Error: the build directory typo does not exist; build into it first (cheikg build --build typo), or leave out --build\n"
    assert not (workdir / "typo").exists()
    assert invoke("build", "--build", "typo").exit_code == 0  # the build command makes it
    assert invoke("query", "alliances", "--build", "typo").exit_code == 0


def _complete(words: str, shell: str = "bash") -> list[str]:
    line = words.split(" ")
    env = {"_CHEIKG_COMPLETE": f"{shell}_complete", "COMP_WORDS": words, "COMP_CWORD": str(len(line) - 1)}
    result = CliRunner().invoke(cli, [], env=env, prog_name="cheikg")
    assert result.exit_code == 0, result.output
    return [item.split(",", 1)[1] for item in result.stdout.splitlines() if item]


def test_completion_offers_queries_parameters_columns_and_ids(built_checkout, monkeypatch):
    monkeypatch.chdir(built_checkout)
    assert _complete("cheikg que") == ["query"]
    assert _complete("cheikg query role-h") == ["role-holders-on"]
    assert _complete("cheikg query role-holders-on --param ") == ["date=", "role=", "alliance="]
    assert _complete("cheikg query role-holders-on --param role=rot") == ["role=rotating-chair"]
    assert _complete("cheikg query alliance-chairs --param alliance=") == ["alliance=jx-scoe-alliance", "alliance=shanxi-isea"]
    assert _complete("cheikg query institutions --param private=") == ["private=true", "private=false"]
    assert _complete("cheikg query institutions --columns moeCode,label") == ["moeCode,labelZh", "moeCode,label"]
    assert _complete("cheikg network metrics --alliance sh") == ["shanxi-isea"]
    # bash splits `alliance=sh` into `alliance`, `=`, `sh` (COMP_WORDBREAKS holds "=")
    assert _complete("cheikg query alliance-chairs --param alliance = sh") == ["shanxi-isea"]
    assert _complete("cheikg query role-holders-on --param role =")[:2] == ["=chair", "=chinese-director"]


def test_completion_without_a_build_offers_no_ids(workdir):
    assert _complete("cheikg query alliance-chairs --param alliance=") == []
    assert not (workdir / "build").exists()  # completing never builds
