"""`cheikg serve`: the built graph as a read-only SPARQL endpoint, asked by SPARQLWrapper and by plain HTTP."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from urllib.parse import quote, urlencode

import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.compare import isomorphic
from SPARQLWrapper import JSON, POST, SPARQLWrapper

from cheikg.build import DUMP_NAME, GRAPH_DIR, open_store
from cheikg.cli import cli
from cheikg.export import to_ntriples
from cheikg.queries.catalog import library
from cheikg.queries.runner import run
from cheikg.remote import open_endpoint
from cheikg.serve import Server, refusal
from cheikg.serve.server import DEFAULT_ENGINES

from listener import Listener

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
TYUT = "https://w3id.org/cheikg/resource/tyut"


@pytest.fixture(scope="module")
def local(built_checkout):
    return open_store(built_checkout / "data", built_checkout / "build", rebuild=False)


@pytest.fixture(scope="module")
def served(built_checkout):
    with Server(built_checkout / "build" / GRAPH_DIR / DUMP_NAME, port=0, timeout=1, max_result=200_000) as server:
        server.serve_in_thread()
        yield server


def http(url: str, *, data: bytes | None = None, accept: str | None = None, ctype: str | None = None, method: str | None = None):
    headers = {k: v for k, v in {"Accept": accept, "Content-Type": ctype}.items() if v}
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        response = urllib.request.urlopen(request, timeout=30)
    except urllib.error.HTTPError as e:
        response = e
    with response:
        return response.getcode(), response.headers.get_content_type(), response.read()


def test_sparqlwrapper_client_gets_the_embedded_answers(served, local):
    client = SPARQLWrapper(f"{served.url}/query")
    client.setQuery(COUNT)
    client.setReturnFormat(JSON)
    doc = client.queryAndConvert()
    assert int(doc["results"]["bindings"][0]["n"]["value"]) == len(local)
    endpoint = open_endpoint(f"{served.url}/query")
    for name in ("alliance-chairs", "alliance-members", "agreements", "events", "sources-of"):
        query = library()[name]
        values = {p.name: ["tyut"] for p in query.params if p.required}
        assert run(query, endpoint, values) == run(query, local, values), name


def test_update_is_refused_with_403(served, local):
    client = SPARQLWrapper(f"{served.url}/query")
    client.setMethod(POST)
    client.setQuery("DROP ALL")
    with pytest.raises(urllib.error.HTTPError) as e:
        client.query()
    assert e.value.code == 403
    refused = b"this endpoint is read-only: SPARQL Update and Graph Store writes are refused\n"
    assert e.value.read() == refused
    insert = "INSERT DATA { <https://example.org/a> <https://example.org/b> <https://example.org/c> }"
    assert http(f"{served.url}/update", data=urlencode({"update": insert}).encode(), ctype="application/x-www-form-urlencoded")[::2] == (403, refused)
    assert http(f"{served.url}/query", data=insert.encode(), ctype="application/sparql-update")[::2] == (403, refused)
    assert http(f"{served.url}/query?update={quote(insert)}")[::2] == (403, refused)
    assert http(f"{served.url}/store?default", data=b"<https://example.org/a> <https://example.org/b> <https://example.org/c> .",
                ctype="application/n-triples", method="PUT")[::2] == (403, refused)
    assert http(f"{served.url}/store?default", method="DELETE")[::2] == (403, refused)
    # and nothing changed
    status, _, body = http(f"{served.url}/query?query={quote(COUNT)}", accept="text/csv")
    assert (status, body) == (200, f"n\r\n{len(local)}\r\n".encode())


SERVICE = b"SERVICE (a federated query to another endpoint) is refused by this read-only endpoint\n"


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { service silent <http://127.0.0.2:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o . SERVICE ?where { ?s ?p ?o } }",
    "SELECT * WHERE { \\u0053ERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "PREFIX x: <http://example.org/>\nSELECT * WHERE { # a comment\n SeRvIcE x:sparql { ?s ?p ?o } }",
])
def test_service_calls_are_refused(served, query):
    assert refusal(query) is not None
    assert http(f"{served.url}/query?query={quote(query)}")[::2] == (403, SERVICE)
    assert http(f"{served.url}/query", data=query.encode(), ctype="application/sparql-query")[::2] == (403, SERVICE)


def hidden_calls(url: str) -> list[str]:
    call = f"SERVICE SILENT <{url}> {{ ?s ?p ?o }}"
    return [
        f"SELECT * WHERE {{ #x\r{call} }}",  # Oxigraph ends a comment at \r; the old check read it to \n
        f"SELECT * WHERE {{ ?s ?p ?o #x\r {call} }} LIMIT 1",
        f"SELECT * WHERE {{ #x\r\n{call} }}",
        f"SELECT * WHERE {{ \\u0053{call[1:]} }}",  # S as an escape
    ]


@pytest.mark.parametrize("index", range(4))
def test_a_hidden_service_call_is_refused_and_no_host_is_called(served, index):
    with Listener() as listener:
        query = hidden_calls(listener.url)[index]
        assert http(f"{served.url}/query?query={quote(query)}")[::2] == (403, SERVICE)
        assert http(f"{served.url}/query", data=query.encode(), ctype="application/sparql-query")[::2] == (403, SERVICE)
        form = urlencode({"query": query}).encode()
        assert http(f"{served.url}/query", data=form, ctype="application/x-www-form-urlencoded")[::2] == (403, SERVICE)
        assert listener.calls() == 0


@pytest.mark.parametrize("query", [
    'SELECT * WHERE { ?s ?p "SERVICE" }',
    "SELECT * WHERE { ?s <http://example.org/SERVICE> ?o } # SERVICE in a comment",
    "SELECT ?service WHERE { ?service ?p ?o } LIMIT 1",
])
def test_the_word_elsewhere_is_harmless(served, query):
    assert refusal(query) is None
    assert http(f"{served.url}/query?query={quote(query)}", accept="application/sparql-results+json")[0] == 200


@pytest.mark.parametrize(("accept", "ctype", "head"), [
    ("application/sparql-results+json", "application/sparql-results+json", b'{"head":{"vars":["n"]}'),
    ("application/sparql-results+xml", "application/sparql-results+xml", b'<?xml version="1.0"?><sparql'),
    ("text/csv", "text/csv", b"n\r\n"),
    ("text/tab-separated-values", "text/tab-separated-values", b"?n\n"),
])
def test_select_results_by_content_negotiation_get_and_post(served, accept, ctype, head):
    got = http(f"{served.url}/query?query={quote(COUNT)}", accept=accept)
    posted = http(f"{served.url}/query", data=urlencode({"query": COUNT}).encode(), ctype="application/x-www-form-urlencoded", accept=accept)
    assert got == posted
    assert got[:2] == (200, ctype)
    assert got[2].startswith(head)


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # inside rdflib's JSON-LD parser
@pytest.mark.parametrize(("accept", "fmt"), [("text/turtle", "turtle"), ("application/ld+json", "json-ld")])
def test_construct_as_turtle_and_json_ld(served, local, accept, fmt):
    construct = f"CONSTRUCT {{ <{TYUT}> ?p ?o }} WHERE {{ <{TYUT}> ?p ?o }}"
    status, ctype, body = http(f"{served.url}/query?query={quote(construct)}", accept=accept)
    assert (status, ctype) == (200, accept)
    expected = Graph().parse(data=to_ntriples(t for t in local.triples() if str(t[0]) == TYUT), format="nt")
    assert len(expected) >= 5
    assert isomorphic(Graph().parse(data=body.decode("utf-8"), format=fmt), expected)


def test_a_query_past_the_timeout_is_stopped(served):
    slow = "SELECT ?a WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a LIMIT 1"
    started = time.monotonic()
    status, ctype, body = http(f"{served.url}/query?query={quote(slow)}", accept="text/csv")
    assert time.monotonic() - started < 6
    assert (status, body) == (500, b"the query did not finish within 1 s, this endpoint's limit; ask a narrower question or add a LIMIT\n")
    assert http(f"{served.url}/query?query={quote(COUNT)}", accept="text/csv")[0] == 200  # the engine is back


def test_a_result_over_the_cap_is_refused(served):
    everything = "SELECT * WHERE { ?s ?p ?o }"
    assert http(f"{served.url}/query?query={quote(everything)}", accept="text/csv")[::2] == (
        413, b"the result is larger than this endpoint's cap of 200000 bytes; add a LIMIT or ask for fewer columns\n"
    )
    assert http(f"{served.url}/query?query={quote(everything + ' LIMIT 10')}", accept="text/csv")[0] == 200


def test_query_errors_pass_through(served):
    assert http(f"{served.url}/query?query=SELEC")[:2] == (400, "text/plain")
    assert http(f"{served.url}/nowhere")[::2] == (404, b"no such page: /nowhere; the SPARQL endpoint is /query\n")


def test_query_page_offers_the_library_as_examples(served):
    status, ctype, body = http(f"{served.url}/")
    assert (status, ctype) == (200, "text/html")
    page = body.decode("utf-8")
    start = page.index("const examples = ") + len("const examples = ")
    examples = json.loads(page[start : page.index(";\n", start)].replace("<\\/", "</"))
    lib = library()
    assert len(examples) == len(lib)
    for (name, query), text in zip(lib.items(), examples):
        assert f">{name}: " in page
        assert text.endswith(query.text) and text.startswith(f"# {query.summary}")
    assert http(f"{served.url}/yasgui.min.js")[:2] == (200, "application/javascript")


def test_port_in_use_is_a_usage_error(served, built_checkout):
    result = CliRunner().invoke(cli, ["serve", "--port", str(served.port), "--data", str(built_checkout / "data"), "--build", str(built_checkout / "build")])
    assert result.exit_code == 2
    assert result.stderr == f"Error: port {served.port} on 127.0.0.1 is in use; choose another with --port\n"


def test_cheikg_serve_command_answers_and_stops_on_sigterm(built_checkout):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "cheikg", "serve", "--port", str(port), "--data", str(built_checkout / "data"), "--build", str(built_checkout / "build")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=built_checkout,
    )
    try:
        first = process.stdout.readline()
        assert first == f"Serving build read-only: SPARQL endpoint http://127.0.0.1:{port}/query, query page http://127.0.0.1:{port}/\n"
        assert process.stdout.readline() == f"Query API http://127.0.0.1:{port}/api/QUERY.csv (described at http://127.0.0.1:{port}/api/openapi.json)\n"
        assert process.stdout.readline() == "Press Ctrl-C to stop.\n"
        client = SPARQLWrapper(f"http://127.0.0.1:{port}/query")
        client.setQuery(COUNT)
        client.setReturnFormat(JSON)
        assert int(client.queryAndConvert()["results"]["bindings"][0]["n"]["value"]) > 1000
        client.setMethod(POST)
        client.setQuery("CLEAR DEFAULT")
        with pytest.raises(urllib.error.HTTPError) as e:
            client.query()
        assert e.value.code == 403
        engines = children(process.pid)
        assert len(engines) == DEFAULT_ENGINES  # the query engines, worker processes
        # the one port anything listens on is the endpoint's: no engine port to call with another policy
        assert listening_ports([process.pid, *engines]) == {port}
    finally:
        os.kill(process.pid, signal.SIGTERM)
        out, err = process.communicate(timeout=15)
    assert process.returncode == 0, err
    assert err == ""
    assert out == ""
    for engine in engines:
        with pytest.raises(ProcessLookupError):
            os.kill(engine, 0)  # stopped with it


def listening_ports(pids: list[int]) -> set[int]:
    """The TCP ports on which the processes ``pids`` listen, each seen in its own network namespace (from /proc)."""
    ports = set()
    for pid in pids:
        sockets = set()
        for fd in os.listdir(f"/proc/{pid}/fd"):
            try:
                target = os.readlink(f"/proc/{pid}/fd/{fd}")
            except OSError:
                continue
            if target.startswith("socket:["):
                sockets.add(target[8:-1])
        for table in ("tcp", "tcp6"):
            with open(f"/proc/{pid}/net/{table}") as fh:
                for line in fh.readlines()[1:]:
                    fields = line.split()
                    if fields[3] == "0A" and fields[9] in sockets:  # 0A: LISTEN
                        ports.add(int(fields[1].rsplit(":", 1)[1], 16))
    return ports


def children(pid: int) -> list[int]:
    """Process ids whose parent is ``pid`` (from /proc)."""
    found = []
    for stat in os.listdir("/proc"):
        if stat.isdigit():
            try:
                with open(f"/proc/{stat}/stat") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(stat))
    return found
