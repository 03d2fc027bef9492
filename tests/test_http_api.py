"""The HTTP API of the query library, without a server: statuses, formats, messages and the OpenAPI document."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from cheikg.build import open_store, stored_index
from cheikg.cli.formats import format_answer
from cheikg.queries import catalog
from cheikg.site.http_api import FORMATS, QueryApi, negotiate, openapi
from cheikg.site.ontology import load_ontology


@pytest.fixture(scope="module")
def api(built_checkout):
    data, build = built_checkout / "data", built_checkout / "build"
    return QueryApi(open_store(data, build, rebuild=False), lambda: stored_index(data, build))


def test_alliance_chairs_csv_is_what_the_cli_prints(api, seed_kg, checkout):
    got = api.answer("alliance-chairs.csv", {})
    assert (got.status, got.content_type) == (200, "text/csv; charset=utf-8")
    cli = subprocess.run([sys.executable, "-m", "cheikg", "query", "alliance-chairs", "--format", "csv"], capture_output=True, text=True, timeout=300)
    assert cli.returncode == 0
    assert got.body.decode("utf-8") == cli.stdout
    rows = list(csv.DictReader(io.StringIO(cli.stdout)))
    assert {(r["allianceLabel"], r["holderLabel"], r["role"]) for r in rows} >= {
        ("Jiangxi Provincial Alliance for Sino-Foreign Cooperative Education", "Jiangxi University of Finance and Economics", "chair"),
        ("International Students Education Alliance in Shanxi", "Taiyuan University of Technology", "rotating-chair"),
    }


def test_the_format_comes_from_the_extension_else_the_accept_header(api, seed_kg):
    answer = seed_kg.query("alliance-members", alliance="jx-scoe-alliance")
    tsv = api.answer("alliance-members.tsv", {"alliance": ["jx-scoe-alliance"]})
    assert tsv.body.decode() == format_answer(answer, "tsv")
    srj = api.answer("alliance-members", {"alliance": ["jx-scoe-alliance"]}, "application/sparql-results+json")
    assert srj.content_type == "application/sparql-results+json" and json.loads(srj.body) == json.loads(format_answer(answer, "json"))
    assert api.answer("alliance-members", {}, "text/csv;q=0.5, application/json;q=0.9").content_type == "application/json"
    assert api.answer("alliance-members", {}, "text/csv").content_type == "text/csv; charset=utf-8"
    assert api.answer("alliance-members", {}, "").content_type == "application/json"
    refused = api.answer("alliance-members", {}, "application/xml")
    assert refused.status == 406 and "application/xml" in refused.message
    unknown = api.answer("alliance-members.xlsx", {})
    assert unknown.status == 404 and unknown.message == "no format 'xlsx' for query answers; the formats are csv, json, srj, tsv"
    assert negotiate("text/html, */*;q=0.1") == "json" and negotiate("image/png") is None


def test_json_rows_hold_plain_values(api):
    got = api.answer("role-holders-on.json", {"date": ["2025-12-01"], "role": ["chair", "rotating-chair"]})
    doc = json.loads(got.body)
    assert doc["query"] == "role-holders-on" and doc["parameters"] == {"date": ["2025-12-01"], "role": ["chair", "rotating-chair"]}
    holders = {(r["allianceLabel"], r["holderLabel"], r["role"]) for r in doc["rows"]}
    assert ("Jiangxi Provincial Alliance for Sino-Foreign Cooperative Education", "Jiangxi University of Finance and Economics", "chair") in holders
    assert ("International Students Education Alliance in Shanxi", "Sang Shengbo", "rotating-chair") in holders
    tyut = next(r for r in doc["rows"] if r["holderLabel"] == "Taiyuan University of Technology")
    assert tyut["holder"] == "https://w3id.org/cheikg/resource/tyut" and tyut["term"] == 1 and tyut["inferred"] is True


def test_a_bad_parameter_is_a_400_with_the_clis_message(api, checkout):
    cases = [
        ("role-holders-on", {}),
        ("role-holders-on", {"date": ["2025-13-45"]}),
        ("role-holders-on", {"date": ["2025-12-01"], "role": ["chair!"]}),
        ("alliance-members", {"colour": ["red"]}),
        ("alliance-members", {"alliance": ["jx scoe"]}),
        ("alliance-members", {"alliance": ["no-such-alliance"]}),
        ("alliance-members", {"alliance": ["jx scoe"], "role": ["chair!"]}),
    ]
    for name, params in cases:
        got = api.answer(name + ".csv", params)
        args = [f"--param={k}={v}" for k, vs in params.items() for v in vs]
        cli = subprocess.run([sys.executable, "-m", "cheikg", "query", name, *args], capture_output=True, text=True, timeout=300)
        assert cli.returncode == 2, cli.stderr
        assert got.status == 400 and got.content_type == "text/plain; charset=utf-8"
        assert "Error: " + got.body.decode() == cli.stderr, (name, params)
    missing = api.answer("role-holders-on.json", {})
    assert json.loads(missing.body) == {"error": "query 'role-holders-on' needs --param date=VALUE (the day (YYYY-MM-DD))", "status": 400}


def test_blank_form_fields_are_parameters_not_given(api, seed_kg):
    got = api.answer("alliance-members.csv", {"alliance": [""], "role": [""]})
    assert got.status == 200 and got.body.decode() == format_answer(seed_kg.query("alliance-members"), "csv")


def test_values_are_bound_never_pasted(api):
    got = api.answer("country-partners.json", {"country": ['AU" ) } } SELECT * WHERE { ?s ?p ?o } #']})
    assert got.status == 200 and json.loads(got.body)["rows"] == []
    refused = api.answer("alliance-members.json", {"alliance": ["x> } ; DROP ALL ; <y"]})
    assert refused.status == 400 and json.loads(refused.body)["error"].startswith("parameter 'alliance': no alliance has the id 'x> } ; DROP ALL ; <y'")
    refused = api.answer("site-quotes.json", {"source": ["https://example.org/x> } ; DROP ALL ; <y"]})
    assert refused.status == 400 and json.loads(refused.body)["error"].startswith("parameter 'source': no source has the id 'https://example.org/x> }")


def test_an_id_may_be_a_name_as_on_the_command_line(api, seed_kg):
    by_name = api.answer("alliance-members.csv", {"alliance": ["Jiangxi Provincial Alliance for Sino-Foreign Cooperative Education"]})
    assert by_name.status == 200
    assert by_name.body.decode() == format_answer(seed_kg.query("alliance-members", alliance="jx-scoe-alliance"), "csv")
    by_code = api.answer("institution-roles.csv", {"institution": ["4136010421"]})
    assert by_code.body.decode() == format_answer(seed_kg.query("institution-roles", institution="jufe"), "csv")


def test_an_unknown_query_is_a_404_with_suggestions(api):
    got = api.answer("aliance-chairs.csv", {})
    assert got.status == 404 and got.message == "no query is named 'aliance-chairs'. Did you mean 'alliance-chairs' or 'alliance-history' or 'alliances'? `cheikg query --list` shows them all"


def test_ids_are_suggested_by_the_resolver(api):
    doc = json.loads(api.answer("_resolve", {"q": ["TYUT"], "param": ["institution"]}).body)
    assert doc["status"] == "resolved" and doc["candidates"][0]["id"] == "tyut" and doc["candidates"][0]["labelZh"] == "太原理工大学"
    near = json.loads(api.answer("_resolve", {"q": ["Jiangxi Univ. of Finance & Economics"]}).body)
    assert near["status"] == "suggested" and near["candidates"][0]["id"] == "jufe"


def test_the_openapi_document_lists_every_query_and_its_parameters(api):
    doc = openapi()
    assert json.loads(api.answer("openapi.json", {}).body) == doc
    assert doc["openapi"] == "3.0.3"
    schemes = {s.notation: [c.notation for c in s.concepts] for s in load_ontology().schemes}
    for name, q in catalog.library().items():
        for path in (f"/api/{name}", f"/api/{name}.{{format}}"):
            op = doc["paths"][path]["get"]
            assert op["summary"] == q.summary
            params = {p["name"]: p for p in op["parameters"] if p["in"] == "query"}
            assert list(params) == [p.name for p in q.params]
            for p in q.params:
                spec = params[p.name]
                assert spec["required"] is p.required and spec["description"] == p.description
                schema = spec["schema"]["items"] if p.multi else spec["schema"]
                if p.type == "concept":
                    assert schema["enum"] == schemes[p.scheme]
                assert schema["type"] == {"integer": "integer", "boolean": "boolean"}.get(p.type, "string")
            assert set(op["responses"]["200"]["content"]) == {m.split(";")[0] for m, _ in FORMATS.values()}
    holders = doc["paths"]["/api/role-holders-on"]["get"]["parameters"]
    assert holders[0] == {"name": "date", "in": "query", "required": True, "description": "the day (YYYY-MM-DD)", "schema": {"type": "string", "format": "date"}}
    assert holders[1]["schema"]["default"] == ["chair"] and holders[1]["explode"] is True
