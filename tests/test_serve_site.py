"""`cheikg serve` with the query API, and `--site` with the site's pages, over HTTP."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from cheikg.build import DUMP_NAME, GRAPH_DIR, stored_index
from cheikg.serve import Server


@pytest.fixture(scope="module")
def site_files(seed_site):
    return seed_site


@pytest.fixture(scope="module")
def served(built_checkout, site_files):
    dump = built_checkout / "build" / GRAPH_DIR / DUMP_NAME
    index = lambda: stored_index(built_checkout / "data", built_checkout / "build")  # noqa: E731
    with Server(dump, port=0, timeout=5, index=index, site=site_files) as server:
        server.serve_in_thread()
        yield server


def get(url: str, accept: str | None = None):
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        response = urllib.request.urlopen(request, timeout=60)
    except urllib.error.HTTPError as e:
        response = e
    with response:
        return response.getcode(), response.headers.get("Content-Type"), response.read()


def test_the_api_answers_as_the_cli_does(served, built_checkout):
    status, ctype, body = get(f"{served.url}/api/alliance-chairs.csv")
    cli = subprocess.run([sys.executable, "-m", "cheikg", "query", "alliance-chairs", "--format", "csv"], cwd=built_checkout, capture_output=True, text=True, timeout=300)
    assert (status, ctype) == (200, "text/csv; charset=utf-8")
    assert body.decode("utf-8") == cli.stdout
    status, ctype, body = get(f"{served.url}/api/alliance-members?alliance=jx-scoe-alliance", accept="application/sparql-results+json")
    assert (status, ctype) == (200, "application/sparql-results+json")
    assert len(json.loads(body)["results"]["bindings"]) == 6


def test_a_bad_parameter_is_a_400_with_the_message(served):
    status, ctype, body = get(f"{served.url}/api/role-holders-on.csv")
    assert (status, ctype, body) == (400, "text/plain; charset=utf-8", b"query 'role-holders-on' needs --param date=VALUE (the day (YYYY-MM-DD))\n")
    status, _, body = get(f"{served.url}/api/role-holders-on.json?date=2025-02-30")
    assert status == 400 and json.loads(body)["error"].startswith("parameter 'date': '2025-02-30' is not a real date")
    assert get(f"{served.url}/api/no-such-query.csv")[0] == 404
    status, _, body = get(f"{served.url}/api/alliance-members.csv?alliance=TYUT")
    assert status == 400 and body.decode().startswith("parameter 'alliance': no alliance has the id 'TYUT'.")
    # an id given as a name, through the engines' ASK for the ids the graph has
    status, _, body = get(f"{served.url}/api/institution-roles.csv?institution=TYUT")
    assert status == 200 and "International Students Education Alliance in Shanxi" in body.decode()


def test_the_openapi_document_and_id_suggestions_are_served(served):
    status, ctype, body = get(f"{served.url}/api/openapi.json")
    assert (status, ctype) == (200, "application/json")
    assert json.loads(body)["paths"]["/api/alliance-chairs"]["get"]["operationId"] == "alliance_chairs"
    doc = json.loads(get(f"{served.url}/api/_resolve?q=%E5%A4%AA%E5%8E%9F%E7%90%86%E5%B7%A5%E5%A4%A7%E5%AD%A6&param=institution")[2])
    assert doc["candidates"][0]["id"] == "tyut"


def test_the_site_is_served_beside_the_endpoint(served, site_files):
    status, ctype, body = get(f"{served.url}/entity/jufe.html")
    assert (status, ctype) == (200, "text/html; charset=utf-8") and body == site_files["entity/jufe.html"]
    assert get(f"{served.url}/static/style.css")[1] == "text/css; charset=utf-8"
    assert get(f"{served.url}/index.html")[2] == site_files["index.html"]
    assert get(f"{served.url}/entity/no-such-thing.html")[0] == 404
    # the endpoint and its query page are where they were
    assert get(f"{served.url}/")[0] == 200 and b"YASGUI" in get(f"{served.url}/")[2].upper()
    assert get(f"{served.url}/query?query=ASK%7B%7D", accept="application/sparql-results+json")[0] == 200


def test_without_site_there_are_no_pages_but_the_api(built_checkout):
    with Server(built_checkout / "build" / GRAPH_DIR / DUMP_NAME, port=0, engines=1) as server:
        server.serve_in_thread()
        assert get(f"{server.url}/entity/jufe.html")[0] == 404
        assert get(f"{server.url}/api/alliances.csv")[0] == 200


def test_cheikg_serve_site_command(built_checkout):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "cheikg", "serve", "--site", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=built_checkout,
    )
    try:
        assert process.stdout.readline().startswith("Serving build read-only: SPARQL endpoint")
        url = f"http://127.0.0.1:{port}"
        assert process.stdout.readline() == f"Query API {url}/api/QUERY.csv (described at {url}/api/openapi.json), site {url}/index.html\n"
        assert process.stdout.readline() == "Press Ctrl-C to stop.\n"
        status, ctype, body = get(f"{url}/api/alliance-chairs.csv")
        assert status == 200 and body.decode().startswith("alliance,allianceLabel,allianceLabelZh,holder,")
        assert "Jiangxi University of Finance and Economics" in get(f"{url}/entity/jufe.html")[2].decode()
    finally:
        os.kill(process.pid, signal.SIGTERM)
        process.communicate(timeout=30)
    assert process.returncode == 0
