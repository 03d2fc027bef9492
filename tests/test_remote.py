"""Remote endpoints: a real Oxigraph server filled by `push`, answering every library query as the embedded store does.

The server is started from the tests (``oxigraph serve`` on a free loopback
port) and stopped by its process id.  Failures are played by small stub
servers on loopback: a port with nothing listening, a server answering 500,
503 or 429, one that hangs, one that answers HTML or JSON that is not SPARQL
results, and one that counts one triple short after a push.
"""

from __future__ import annotations

import base64
import json
import os
import signal
import socket
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from click.testing import CliRunner
from test_binding import INJECTIONS

from cheikg.api import KnowledgeGraph
from cheikg.build import open_store, vocabulary
from cheikg.cli import cli
from cheikg.config import EndpointConfig, endpoint_config
from cheikg.errors import EndpointError, QueryError, UsageError
from cheikg.export import to_ntriples
from cheikg.namespaces import RES
from cheikg.push import push
from cheikg.queries.binding import bind
from cheikg.queries.catalog import library, parse_query
from cheikg.queries.results import LANG_STRING, XSD_STRING
from cheikg.queries.runner import run
from cheikg.remote import RemoteEndpoint, open_endpoint

GRAPH = "https://example.org/cheikg/pushed"


def oxigraph_binary() -> str:
    """The Oxigraph server the tests push to (the oxigraph package of the test extra): beside this Python, else on PATH."""
    import shutil
    import sys

    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    assert found, "the tests need the Oxigraph server: pip install '.[test]'"
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# -- a real Oxigraph server


@pytest.fixture(scope="session")
def oxigraph(tmp_path_factory):
    """`oxigraph serve` on a free loopback port: yields its base URL; stopped by its pid."""
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    process = subprocess.Popen(
        [oxigraph_binary(), "serve", "--location", str(location / "db"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                assert process.poll() is None, "oxigraph serve exited at start"
                assert time.monotonic() < deadline, "oxigraph serve did not listen within 20 s"
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        os.kill(process.pid, signal.SIGTERM)
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def local(built_checkout):
    """The embedded store of the checkout's build: the reference answers."""
    return open_store(built_checkout / "data", built_checkout / "build", rebuild=False)


@pytest.fixture(scope="session")
def lines(local) -> list[str]:
    return to_ntriples(local.triples()).splitlines(keepends=True)


@pytest.fixture(scope="session")
def remote(oxigraph, built_checkout) -> RemoteEndpoint:
    """The server's default graph filled by `cheikg push`."""
    result = CliRunner().invoke(
        cli, ["push", "--endpoint", f"{oxigraph}/query", "--data", str(built_checkout / "data"), "--build", str(built_checkout / "build")]
    )
    assert result.exit_code == 0, result.output
    return open_endpoint(f"{oxigraph}/query")


def example_value(param) -> str:
    """A value of the parameter's type that the seed records make meaningful."""
    if param.type == "concept":
        return sorted(vocabulary()[param.scheme])[0]
    return {"id": "tyut", "iri": f"{RES}tyut", "date": "2025-11-12", "integer": "1", "boolean": "true", "string": "Shanxi"}[param.type]


def test_every_library_query_answers_the_same_remote_and_embedded(remote, local):
    lib = library()
    assert len(lib) >= 16
    nonempty = 0
    for name, query in lib.items():
        required = {p.name: [example_value(p)] for p in query.params if p.required}
        every = {p.name: [example_value(p)] for p in query.params}
        for values in (required, every) if every != required else (required,):
            embedded = run(query, local, values)
            answer = run(query, remote, values)
            assert answer.columns == embedded.columns, name
            assert answer.terms == embedded.terms, f"{name} {values}: the remote answer differs"
            nonempty += values is required and bool(embedded.terms)
    assert nonempty >= len(lib) * 3 // 4  # the comparison is over real answers, not empty ones


def test_typed_literals_and_language_tags_come_back_as_in_the_embedded_store(remote, local):
    text = "SELECT ?label (3 AS ?n) WHERE { <https://w3id.org/cheikg/resource/tyut> <http://www.w3.org/2004/02/skos/core#prefLabel> ?label } ORDER BY ?label"
    answer = remote.select(text)
    assert answer == local.select(text)
    labels = {row[0].lang: row[0] for row in answer.terms}
    assert labels["zh"].value == "太原理工大学" and labels["zh"].datatype == LANG_STRING
    assert answer.terms[0][1].datatype == "http://www.w3.org/2001/XMLSchema#integer"
    plain = remote.select('SELECT ("x" AS ?s) WHERE {}')
    assert plain.terms[0][0].datatype == XSD_STRING and plain == local.select('SELECT ("x" AS ?s) WHERE {}')


def test_ask_and_construct_answers_match(remote, local):
    ask = "ASK { <https://w3id.org/cheikg/resource/tyut> ?p ?o }"
    assert remote.select(ask) == local.select(ask)
    construct = "CONSTRUCT { ?s ?p ?o } WHERE { VALUES ?s { <https://w3id.org/cheikg/resource/tyut> } ?s ?p ?o }"
    assert sorted(remote.select(construct).terms, key=repr) == sorted(local.select(construct).terms, key=repr)
    assert len(remote.select(construct).terms) >= 5


@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_corpus_comes_back_intact_from_the_server(remote, value):
    echo = parse_query("echo", "#+ summary: e\n#+ description: e\n#+ params:\n#+   - {name: v, type: string, description: v}\nSELECT ?v WHERE { }\n")
    answer = remote.select(bind(echo, {"v": [value]}))
    assert answer.columns == ("v",)
    assert len(answer.terms) == 1
    assert answer.terms[0][0].value == value


def test_hostile_parameter_values_never_change_what_a_library_query_asks(remote, local):
    query = library()["alliance-members"]
    plain = run(query, remote, {"role": ["chair"]})
    for value in INJECTIONS:
        with pytest.raises(QueryError):
            run(query, remote, {"alliance": [value]})  # not an id, not an IRI: refused before any request
    assert run(query, remote, {"role": ["chair"]}) == plain == run(query, local, {"role": ["chair"]})


def test_cli_query_endpoint_prints_the_embedded_rows(remote, oxigraph, built_checkout, monkeypatch):
    monkeypatch.chdir(built_checkout)
    runner = CliRunner()
    embedded = runner.invoke(cli, ["query", "alliance-chairs", "--format", "csv"])
    remote_run = runner.invoke(cli, ["query", "alliance-chairs", "--endpoint", f"{oxigraph}/query", "--format", "csv"])
    assert embedded.exit_code == 0 and remote_run.exit_code == 0, remote_run.output
    assert remote_run.stdout == embedded.stdout
    assert "Sang Shengbo" in remote_run.stdout and "Jiangxi University of Finance and Economics" in remote_run.stdout
    for fmt in ("json", "table", "tsv", "md"):
        args = ["query", "alliance-members", "-p", "alliance=jx-scoe-alliance", "--format", fmt]
        assert runner.invoke(cli, [*args, "--endpoint", f"{oxigraph}/query"]).stdout == runner.invoke(cli, args).stdout
    sparql = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    counted = runner.invoke(cli, ["query", "--sparql", sparql, "--endpoint", f"{oxigraph}/query", "--format", "csv"])
    assert counted.stdout == runner.invoke(cli, ["query", "--sparql", sparql, "--format", "csv"]).stdout


def test_cli_query_file_runs_remote(remote, oxigraph, built_checkout, tmp_path, monkeypatch):
    monkeypatch.chdir(built_checkout)
    rq = tmp_path / "q.rq"
    rq.write_text("SELECT ?label WHERE { <https://w3id.org/cheikg/resource/tyut> <http://www.w3.org/2004/02/skos/core#prefLabel> ?label } ORDER BY ?label\n", encoding="utf-8")
    runner = CliRunner()
    remote_run = runner.invoke(cli, ["query", "--file", str(rq), "--endpoint", f"{oxigraph}/query", "--format", "json"])
    assert remote_run.exit_code == 0, remote_run.output
    assert remote_run.stdout == runner.invoke(cli, ["query", "--file", str(rq), "--format", "json"]).stdout
    assert '"xml:lang": "zh"' in remote_run.stdout


# -- the default endpoint from the environment or a settings file the user names


def test_default_endpoint_from_the_environment(remote, oxigraph, built_checkout, monkeypatch):
    monkeypatch.chdir(built_checkout)
    runner = CliRunner()
    embedded = runner.invoke(cli, ["query", "alliances", "--format", "csv"]).stdout
    monkeypatch.setenv("CHEIKG_ENDPOINT", f"{oxigraph}/query")
    result = runner.invoke(cli, ["query", "alliances", "--format", "csv"])
    assert result.exit_code == 0 and result.stdout == embedded
    assert result.stderr == f"note: asking {oxigraph}/query (from CHEIKG_ENDPOINT); --embedded asks the local graph\n"
    monkeypatch.setenv("CHEIKG_ENDPOINT", f"http://127.0.0.1:{free_port()}/query")  # nothing there: --embedded must not ask it
    local_run = runner.invoke(cli, ["query", "alliances", "--format", "csv", "--embedded"])
    assert local_run.exit_code == 0 and local_run.stdout == embedded and local_run.stderr == ""
    assert endpoint_config(cwd=built_checkout, env={}) is None  # nothing named: the embedded store


def test_a_settings_file_in_the_working_directory_is_read_only_when_named(stub, checkout, monkeypatch):
    server = stub(lambda *a: (200, JSON_RESULTS, results(1)))
    (checkout / "cheikg.toml").write_text(f'[endpoint]\nquery = "{server.url}"\ntimeout = 5\n', encoding="utf-8")
    monkeypatch.delenv("CHEIKG_ENDPOINT", raising=False)
    monkeypatch.setenv("CHEIKG_ENDPOINT_TOKEN", "s3cr3t")
    runner = CliRunner()
    sparql = ["query", "--sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s <https://w3id.org/cheikg/ontology#hasRole> ?o }", "--format", "csv"]
    unnamed = runner.invoke(cli, sparql)
    assert unnamed.exit_code == 0, unnamed.output
    assert server.requests == []  # neither the query nor the token went to the file's endpoint
    assert unnamed.stderr == "note: cheikg.toml is read only when named (--endpoint cheikg.toml); asking the local graph\n"
    assert unnamed.stdout == runner.invoke(cli, [*sparql, "--embedded"]).stdout
    assert endpoint_config(cwd=checkout, env={}) is None
    named = runner.invoke(cli, [*sparql, "--endpoint", "cheikg.toml"])
    assert named.exit_code == 0, named.output
    assert named.stdout == "n\n1\n"
    assert named.stderr == f"note: asking {server.url} (from cheikg.toml); --embedded asks the local graph\n"
    assert [r[2].get("Authorization") for r in server.requests] == ["Bearer s3cr3t"]  # named by the user: trusted with the token
    monkeypatch.setenv("CHEIKG_ENDPOINT", str(checkout / "cheikg.toml"))
    config = endpoint_config(cwd=Path("/"))
    assert config == EndpointConfig(server.url, server.url.replace("/query", "/update"), server.url.replace("/query", "/store"), 5.0, 3, None, str(checkout / "cheikg.toml"))


def test_a_settings_file_refuses_credentials_unknown_keys_and_a_missing_query(tmp_path):
    settings = tmp_path / ".cheikg.toml"
    settings.write_text('[endpoint]\nquery = "http://127.0.0.1:1/query"\npassword = "hunter2"\n', encoding="utf-8")
    with pytest.raises(UsageError) as e:
        endpoint_config(".cheikg.toml", cwd=tmp_path, env={})
    assert str(e.value) == ".cheikg.toml: 'password' does not belong in a file; set CHEIKG_ENDPOINT_USER/CHEIKG_ENDPOINT_PASSWORD or CHEIKG_ENDPOINT_TOKEN in the environment"
    settings.write_text('[endpoint]\nquery = "http://127.0.0.1:1/query"\ntimeuot = 5\n', encoding="utf-8")
    with pytest.raises(UsageError, match="unknown key 'timeuot' in \\[endpoint\\]"):
        endpoint_config(".cheikg.toml", cwd=tmp_path, env={})
    settings.write_text('[endpoint]\ntimeout = 5\n', encoding="utf-8")
    with pytest.raises(UsageError) as e:
        endpoint_config(".cheikg.toml", cwd=tmp_path, env={})
    assert str(e.value) == '.cheikg.toml: needs an [endpoint] table with query = "http://..."'
    with pytest.raises(UsageError) as e:
        endpoint_config("nothere.toml", cwd=tmp_path, env={})
    assert str(e.value) == "nothere.toml: no such file; --endpoint and CHEIKG_ENDPOINT take a URL, or the path of a TOML file with an [endpoint] table"


def test_url_conventions():
    config = endpoint_config("http://127.0.0.1:7878/query", env={}, cwd=Path("/"))
    assert (config.update, config.store) == ("http://127.0.0.1:7878/update", "http://127.0.0.1:7878/store")
    fuseki = endpoint_config("http://h:3030/ds/query", env={}, cwd=Path("/"))
    assert (fuseki.update, fuseki.store) == ("http://h:3030/ds/update", "http://h:3030/ds/store")
    virtuoso = endpoint_config("http://h:8890/sparql", env={}, cwd=Path("/"))
    assert (virtuoso.update, virtuoso.store) == ("http://h:8890/sparql", "http://h:8890/sparql-graph-crud")
    virtuoso_auth = endpoint_config("http://h:8890/sparql-auth", env={}, cwd=Path("/"))
    assert (virtuoso_auth.update, virtuoso_auth.store) == ("http://h:8890/sparql-auth", "http://h:8890/sparql-graph-crud-auth")
    other = endpoint_config("http://h/blazegraph/namespace/kb/sparql?x=1", env={}, cwd=Path("/"))
    assert (other.update, other.store) == ("http://h/blazegraph/namespace/kb/sparql?x=1", None)
    given = endpoint_config("http://h/sparql", update="http://h/up", store="http://h/gsp", env={}, cwd=Path("/"))
    assert (given.update, given.store) == ("http://h/up", "http://h/gsp")


def test_credentials_in_the_url_are_refused():
    result = CliRunner().invoke(cli, ["query", "alliances", "--endpoint", "http://me:secret@127.0.0.1:1/query"])
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: --endpoint: the URL holds a user name or password; remove it and set CHEIKG_ENDPOINT_USER/CHEIKG_ENDPOINT_PASSWORD"
        " (or CHEIKG_ENDPOINT_TOKEN) in the environment instead\n"
    )
    assert "secret" not in result.output


# -- push


def test_push_into_a_named_graph_then_query_it_as_the_default_graph(oxigraph, remote, local, built_checkout):
    args = ["--endpoint", f"{oxigraph}/query", "--data", str(built_checkout / "data"), "--build", str(built_checkout / "build")]
    result = CliRunner().invoke(cli, ["push", *args, "--graph", GRAPH, "--chunk-size", "1000"])
    assert result.exit_code == 0, result.output
    total = len(local)
    assert result.stdout == (
        f"Pushed {total} triples to graph <{GRAPH}> at {oxigraph}/query (replaced, via the Graph Store protocol)\n"
        f"The server counts {total} triples in graph <{GRAPH}>\n"
    )
    assert result.stderr == ""  # the upload's progress is drawn on a terminal only (tests/test_terminal.py)
    named = KnowledgeGraph.connect(f"{oxigraph}/query", graph=GRAPH)
    assert named.query("alliance-chairs") == KnowledgeGraph(local).query("alliance-chairs")
    # no temporary graph is left behind
    graphs = remote.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert [row[0].value for row in graphs.terms] == [GRAPH]


def test_push_replace_removes_what_was_there_and_append_keeps_it(oxigraph, remote, lines):
    lines = lines[:600]  # a server's writes take their time; the modes do not need the whole graph
    target = "https://example.org/cheikg/modes"
    remote.update(f'INSERT DATA {{ GRAPH <{target}> {{ <https://example.org/stale> <https://example.org/p> "left over" }} }}')
    result = push(lines, remote, graph=target, replace=False)
    assert (result.triples, result.pushed, result.replaced) == (len(lines) + 1, len(lines), False)
    again = push(lines, remote, graph=target, replace=False)  # the same triples again: the count must not grow
    assert again.triples == len(lines) + 1
    replaced = push(lines, remote, graph=target, replace=True)
    assert replaced.triples == len(lines) == remote.count(target)
    assert remote.select(f"ASK {{ GRAPH <{target}> {{ <https://example.org/stale> ?p ?o }} }}").terms[0][0].value == "false"
    remote.update(f"DROP GRAPH <{target}>")


def test_push_falls_back_to_insert_data_without_a_graph_store(oxigraph, remote, lines):
    notes: list[str] = []
    target = "https://example.org/cheikg/no-gsp"
    endpoint = open_endpoint(f"{oxigraph}/query", store=f"{oxigraph}/no-graph-store-here")
    part = lines[:700]
    progress: list[tuple[int, int]] = []
    result = push(part, endpoint, graph=target, chunk_size=300, notify=notes.append, progress=lambda *a: progress.append(a))
    assert (result.method, result.triples) == ("update", len(part))
    assert notes == [f"note: no Graph Store endpoint at {oxigraph}/no-graph-store-here (HTTP 404); uploading with SPARQL Update INSERT DATA instead"]
    assert progress == [(300, 700), (600, 700), (700, 700)]
    in_target = remote.select(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{target}> {{ ?s ?p ?o }} }}")
    assert to_ntriples(triple_terms(in_target)).splitlines(keepends=True) == sorted(part)
    remote.update(f"DROP GRAPH <{target}>")


def temporary_graphs(endpoint) -> list[str]:
    answer = endpoint.select('SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "urn:cheikg:push:")) }')
    return [row[0].value for row in answer.terms]


@pytest.mark.parametrize("interruption", [KeyboardInterrupt(), EndpointError("the SPARQL endpoint X did not answer within 1 s")])
def test_an_append_that_fails_or_is_interrupted_after_the_upload_drops_it_and_says_so(oxigraph, remote, lines, monkeypatch, interruption):
    target = "https://example.org/cheikg/append"
    remote.update(f'INSERT DATA {{ GRAPH <{target}> {{ <https://example.org/kept> <https://example.org/p> "there before" }} }}')

    def overlap(*args):
        assert len(temporary_graphs(remote)) == 1  # the whole upload is on the server when the append's count is interrupted
        raise interruption

    monkeypatch.setattr("cheikg.push._overlap", overlap)
    with pytest.raises(EndpointError) as e:
        push(lines[:500], remote, graph=target, replace=False)
    what = "the push was interrupted" if isinstance(interruption, KeyboardInterrupt) else str(interruption)
    assert str(e.value) == f"{what}; graph <{target}> is unchanged and the upload was dropped"
    assert temporary_graphs(remote) == [] and remote.count(target) == 1
    remote.update(f"DROP SILENT GRAPH <{target}>")


def test_an_interrupted_swap_says_what_the_server_holds_and_its_advice_works(oxigraph, remote, lines, monkeypatch):
    target = "https://example.org/cheikg/swap"
    update = remote.update

    def interrupted(text, **kw):
        if text.startswith("MOVE"):
            raise KeyboardInterrupt
        return update(text, **kw)

    monkeypatch.setattr(remote, "update", interrupted)
    with pytest.raises(EndpointError) as e:
        push(lines[:400], remote, graph=target, temporary="urn:cheikg:push:swap")
    monkeypatch.undo()
    assert str(e.value) == (
        f"the swap was interrupted; graph <{target}> holds 0 triples, and the server still holds 400 triples in the temporary graph "
        "<urn:cheikg:push:swap>: remove them with the SPARQL update DROP SILENT GRAPH <urn:cheikg:push:swap>"
    )
    remote.update(str(e.value).rsplit("SPARQL update ", 1)[1])  # the advice, as printed
    assert temporary_graphs(remote) == []


def test_no_drop_advice_when_the_server_refused_every_write(stub, lines):
    def respond(method, path, headers, body):
        if path.startswith("/store") or path == "/update":
            return (403, {"Content-Type": "text/plain"}, b"read-only")
        return (200, JSON_RESULTS, results(0))

    server = stub(respond)
    with pytest.raises(EndpointError) as e:
        push(lines[:100], open_endpoint(server.url), graph=GRAPH)
    assert str(e.value) == (
        f"the Graph Store endpoint {server.url.replace('/query', '/store')} answered HTTP 403 Forbidden: read-only; "
        f"graph <{GRAPH}> is unchanged and nothing is left on the server"
    )
    assert [r[1].split("?")[0] for r in server.requests] == ["/store"]  # refused unread: nothing to drop, nothing to ask


def test_when_the_server_no_longer_answers_the_advice_is_conditional(stub, lines):
    answers = iter([(200, JSON_RESULTS, results(99))])  # the count after the upload; then the server is gone

    def respond(method, path, headers, body):
        if path.startswith("/store"):
            return (201, {}, b"")
        return next(answers, (503, {"Content-Type": "text/plain"}, b"gone"))

    server = stub(respond)
    endpoint = RemoteEndpoint(endpoint_config(server.url, env={}, cwd=Path("/"), retries=0))
    with pytest.raises(EndpointError) as e:
        push(lines[:100], endpoint, graph=GRAPH, temporary="urn:cheikg:push:t3")
    assert str(e.value) == (
        f"the server holds 99 of the 100 triples pushed to a temporary graph; graph <{GRAPH}> is unchanged; the server may still hold "
        "part of the upload in the temporary graph <urn:cheikg:push:t3>: if it does, remove it with the SPARQL update DROP SILENT GRAPH <urn:cheikg:push:t3>"
    )


def test_digest_is_answered_in_the_scheme_the_server_asks_for(stub, monkeypatch):
    challenge = 'Digest realm="SPARQL", nonce="n0nce", qop="auth", opaque="0paque"'

    def respond(method, path, headers, body):
        auth = headers.get("Authorization") or ""
        if auth.startswith("Digest ") and 'username="reader"' in auth and 'realm="SPARQL"' in auth and 'nonce="n0nce"' in auth:
            return (200, JSON_RESULTS, results(3))
        return (401, {"WWW-Authenticate": challenge, "Content-Type": "text/plain"}, b"")

    server = stub(respond)
    monkeypatch.setenv("CHEIKG_ENDPOINT_USER", "reader")
    monkeypatch.setenv("CHEIKG_ENDPOINT_PASSWORD", "pa:ss")
    endpoint = open_endpoint(server.url)
    assert endpoint.select("SELECT * WHERE { ?s ?p ?o }").terms[0][0].value == "3"
    endpoint.select("SELECT * WHERE { ?s ?p ?o }")
    sent = [r[2].get("Authorization") for r in server.requests]
    assert sent[0] is None and len(sent) == 3  # challenged once; the next request answers up front
    assert all(a.startswith("Digest ") for a in sent[1:]) and "nc=00000002" in sent[2]
    assert not any("pa:ss" in (a or "") or (a or "").startswith("Basic") for a in sent)


def triple_terms(answer):
    """Rows of ?s ?p ?o back as rdflib terms, to write them as N-Triples."""
    from rdflib import Literal, URIRef

    def term(t):
        if t.kind == "iri":
            return URIRef(t.value)
        return Literal(t.value, lang=t.lang) if t.lang else Literal(t.value, datatype=URIRef(t.datatype))

    return [tuple(term(t) for t in row) for row in answer.terms]


def test_push_refuses_a_graph_that_is_not_an_iri(oxigraph, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["push", "--endpoint", f"{oxigraph}/query", "--graph", "x> } ; DROP ALL ; #"])
    assert result.exit_code == 2
    assert result.stderr == "Error: --graph: 'x> } ; DROP ALL ; #' is not an IRI; give an absolute IRI such as https://example.org/cheikg, without spaces, quotes or <>{}|^`\\\n"


def test_push_needs_an_endpoint(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CHEIKG_ENDPOINT", raising=False)
    result = CliRunner().invoke(cli, ["push"])
    assert result.exit_code == 2
    assert result.stderr == "Error: give --endpoint URL (or --endpoint FILE.toml, a file with an [endpoint] table), or set CHEIKG_ENDPOINT\n"


# -- stub servers for the failures


class Stub:
    """A loopback HTTP server answering from ``respond(method, path, headers, body)``; records each request."""

    def __init__(self, respond):
        self.respond = respond
        self.requests: list[tuple[str, str, dict, bytes]] = []
        self.release = threading.Event()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def handle_one(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                stub.requests.append((self.command, self.path, dict(self.headers), body))
                answer = stub.respond(self.command, self.path, self.headers, body)
                if answer == "hang":
                    stub.release.wait(10)
                    return
                if answer == "drip":  # a whole answer, one byte at a time: no single read ever waits long
                    for byte in b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\nContent-Length: 20\r\n\r\n":
                        if stub.release.wait(0.2):
                            return
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                    return
                status, headers, data = answer
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = handle_one

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/query"
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def close(self):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture()
def stub():
    made: list[Stub] = []

    def make(respond):
        made.append(Stub(respond))
        return made[-1]

    yield make
    for s in made:
        s.close()


def results(n: int) -> bytes:
    doc = {"head": {"vars": ["n"]}, "results": {"bindings": [{"n": {"type": "literal", "value": str(n), "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]}}
    return json.dumps(doc).encode()


JSON_RESULTS = {"Content-Type": "application/sparql-results+json"}


def query_error(*args: str):
    return CliRunner().invoke(cli, ["query", "--sparql", "SELECT * WHERE { ?s ?p ?o }", *args])


def test_nothing_listening():
    url = f"http://127.0.0.1:{free_port()}/query"
    result = query_error("--endpoint", url)
    assert result.exit_code == 4
    assert result.stderr == f"Error: cannot reach the SPARQL endpoint {url}: connection refused; is the server running, and is the port right?\n"


def test_host_name_that_does_not_resolve():
    result = query_error("--endpoint", "http://no-such-host.invalid/query")
    assert result.exit_code == 4
    assert result.stderr == "Error: cannot reach the SPARQL endpoint http://no-such-host.invalid/query: the host name no-such-host.invalid does not resolve; check the URL\n"


def test_server_error_with_its_message(stub):
    server = stub(lambda *a: (500, {"Content-Type": "text/plain"}, b"Internal error:\n  the disk is full\n"))
    result = query_error("--endpoint", server.url)
    assert result.exit_code == 4
    assert result.stderr == f"Error: the SPARQL endpoint {server.url} answered HTTP 500 Internal Server Error: Internal error: the disk is full\n"
    assert len(server.requests) == 1  # a 500 is not retried


def test_html_error_page_is_reduced_to_its_text(stub):
    page = b"<html><head><style>p{}</style></head><body><h1>404 Not Found</h1><p>nginx</p></body></html>"
    server = stub(lambda *a: (404, {"Content-Type": "text/html"}, page))
    result = query_error("--endpoint", server.url)
    assert result.exit_code == 4
    assert result.stderr == f"Error: the SPARQL endpoint {server.url} answered HTTP 404 Not Found: 404 Not Found nginx; check the URL (for Oxigraph: http://HOST:PORT/query)\n"


def test_hanging_server_times_out(stub):
    server = stub(lambda *a: "hang")
    started = time.monotonic()
    result = query_error("--endpoint", server.url, "--timeout", "0.5")
    assert time.monotonic() - started < 5
    assert result.exit_code == 4
    assert result.stderr == f"Error: the SPARQL endpoint {server.url} did not answer within 0.5 s; raise --timeout, or ask a smaller question\n"


def test_an_answer_that_is_not_sparql_results(stub):
    server = stub(lambda *a: (200, {"Content-Type": "text/html; charset=utf-8"}, b"<html><body>Welcome</body></html>"))
    result = query_error("--endpoint", server.url)
    assert result.exit_code == 4
    assert result.stderr == (
        f"Error: the SPARQL endpoint {server.url} answered with text/html, not SPARQL results; "
        "give the URL of its query endpoint (for Oxigraph: http://HOST:PORT/query)\n"
    )
    server.respond = lambda *a: (200, {"Content-Type": "application/json"}, b'{"hello": "world"}')
    result = query_error("--endpoint", server.url)
    assert result.exit_code == 4
    assert result.stderr == (
        f"Error: the SPARQL endpoint {server.url} answered with application/json, not SPARQL results (the JSON is not a SPARQL results document); "
        "give the URL of its query endpoint (for Oxigraph: http://HOST:PORT/query)\n"
    )


def test_an_answer_cut_short_is_refused_not_passed_off_as_complete(stub):
    capped = stub(lambda *a: (200, {**JSON_RESULTS, "X-SPARQL-MaxRows": "1"}, results(7)))
    result = query_error("--endpoint", capped.url)
    assert result.exit_code == 4 and result.stdout == ""
    assert result.stderr == (
        f"Error: the SPARQL endpoint {capped.url} returns at most 1 rows (X-SPARQL-MaxRows) and this answer has 1: it may be cut short, "
        "so it is not shown; ask a narrower question (a parameter, or a LIMIT below 1), or raise the server's limit "
        "(Virtuoso: ResultSetMaxRows in the [SPARQL] section of virtuoso.ini)\n"
    )
    partial = stub(lambda *a: (200, {**JSON_RESULTS, "X-SQL-State": "S1TAT", "X-SQL-Message": "RC...: Returning incomplete results,\r\n query interrupted by result timeout."}, results(7)))
    result = query_error("--endpoint", partial.url)
    assert result.exit_code == 4 and result.stdout == ""
    assert result.stderr == (
        f"Error: the SPARQL endpoint {partial.url} stopped the query at its time limit and answered with the rows found so far "
        "(RC...: Returning incomplete results, query interrupted by result timeout.); they are not shown: ask a narrower question, "
        "or raise the server's limit (Virtuoso: MaxQueryExecutionTime in the [SPARQL] section of virtuoso.ini)\n"
    )
    below = stub(lambda *a: (200, {**JSON_RESULTS, "X-SPARQL-MaxRows": "2"}, results(7)))
    assert query_error("--endpoint", below.url, "--format", "csv").stdout == "n\n7\n"


def test_a_query_refused_on_virtuosos_estimate_says_what_to_change(stub):
    """Virtuoso's words (a server holding more than our graph, or after many writes, estimates far above the real time)."""
    refusal = (b"Virtuoso 42000 Error The estimated execution time 1004518 (sec) exceeds the limit of 400 (sec).\n\n"
               b"SPARQL query:\nSELECT * WHERE { ?s ?p ?o }")
    server = stub(lambda *a: (500, {"Content-Type": "text/plain"}, refusal))
    result = query_error("--endpoint", server.url)
    assert result.exit_code == 4
    assert result.stderr == (
        f"Error: the SPARQL endpoint {server.url} answered HTTP 500 Internal Server Error: Virtuoso 42000 Error The estimated execution time "
        "1004518 (sec) exceeds the limit of 400 (sec). SPARQL query: SELECT * WHERE { ?s ?p ?o }; Virtuoso refuses a query on its own "
        "estimate of the time it would take (MaxQueryCostEstimationTime in the [SPARQL] section of virtuoso.ini); its estimates depend on "
        "everything the server holds and are often far off, and OpenLink advises commenting that setting out: ask the server's administrator\n"
    )


def test_busy_server_is_retried_with_backoff(stub):
    statuses = iter([503, 429, 200])

    def respond(*a):
        status = next(statuses)
        return (status, JSON_RESULTS, results(7)) if status == 200 else (status, {"Content-Type": "text/plain"}, b"busy")

    server = stub(respond)
    sleeps: list[float] = []
    endpoint = RemoteEndpoint(endpoint_config(server.url, env={}, cwd=Path("/")), backoff=0.25, sleep=sleeps.append)
    assert endpoint.select("SELECT * WHERE { ?s ?p ?o }").terms[0][0].value == "7"
    assert sleeps == [0.25, 0.5]
    assert len(server.requests) == 3


def test_retries_give_up_with_the_count_and_honour_retry_after(stub):
    server = stub(lambda *a: (503, {"Content-Type": "text/plain", "Retry-After": "0"}, b"overloaded, try later"))
    result = query_error("--endpoint", server.url)
    assert result.exit_code == 4
    assert result.stderr == f"Error: the SPARQL endpoint {server.url} answered HTTP 503 Service Unavailable after 4 attempts: overloaded, try later\n"
    assert len(server.requests) == 4


def test_a_bad_request_is_not_retried(stub):
    server = stub(lambda *a: (400, {"Content-Type": "text/plain"}, b"error at 1:6: expected [_]"))
    result = query_error("--endpoint", server.url)
    assert result.exit_code == 4
    assert result.stderr == f"Error: the SPARQL endpoint {server.url} answered HTTP 400 Bad Request: error at 1:6: expected [_]\n"
    assert len(server.requests) == 1


def test_bearer_token_is_sent_from_the_environment_and_never_printed(stub, monkeypatch):
    server = stub(lambda *a: (401, {"Content-Type": "text/plain"}, b"bad token"))
    monkeypatch.setenv("CHEIKG_ENDPOINT_TOKEN", "s3cr3t-t0ken")
    result = query_error("--endpoint", server.url)
    assert server.requests[0][2]["Authorization"] == "Bearer s3cr3t-t0ken"
    assert result.exit_code == 4
    assert result.stderr == f"Error: the SPARQL endpoint {server.url} answered HTTP 401 Unauthorized: bad token; the credentials in the environment were refused\n"
    assert "s3cr3t" not in result.output
    endpoint = open_endpoint(server.url)
    assert "s3cr3t" not in repr(endpoint) + repr(endpoint.config) + repr(vars(endpoint).get("config"))


def basic_challenge(accepted: str):
    """A server that wants Basic: a challenge without the right header, results with it."""

    def respond(method, path, headers, body):
        if headers.get("Authorization") == accepted:
            return (200, JSON_RESULTS, results(1))
        return (401, {"WWW-Authenticate": 'Basic realm="sparql"', "Content-Type": "text/plain"}, b"who are you?")

    return respond


def test_basic_auth_is_sent_from_the_environment_when_the_server_asks_for_it(stub, monkeypatch):
    expected = "Basic " + base64.b64encode(b"reader:pa:ss").decode()
    server = stub(basic_challenge(expected))
    monkeypatch.setenv("CHEIKG_ENDPOINT_USER", "reader")
    monkeypatch.setenv("CHEIKG_ENDPOINT_PASSWORD", "pa:ss")
    endpoint = open_endpoint(server.url)
    assert endpoint.select("SELECT * WHERE { ?s ?p ?o }").terms[0][0].value == "1"
    # the first request carries nothing: the server's challenge says Basic, and only then is the password sent
    assert [r[2].get("Authorization") for r in server.requests] == [None, expected]
    endpoint.select("SELECT * WHERE { ?s ?p ?o }")  # the origin took Basic once: later requests carry it up front
    assert [r[2].get("Authorization") for r in server.requests] == [None, expected, expected]
    result = query_error("--endpoint", server.url, "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout == "n\n1\n"
    assert "pa:ss" not in result.output


def test_wrong_basic_credentials_are_reported_as_refused(stub, monkeypatch):
    server = stub(basic_challenge("Basic nobody"))
    monkeypatch.setenv("CHEIKG_ENDPOINT_USER", "reader")
    monkeypatch.setenv("CHEIKG_ENDPOINT_PASSWORD", "wrong")
    result = query_error("--endpoint", server.url)
    assert result.exit_code == 4
    assert result.stderr == f"Error: the SPARQL endpoint {server.url} answered HTTP 401 Unauthorized: who are you?; the credentials in the environment were refused\n"
    assert len(server.requests) == 2  # asked, answered once, refused: not tried again and again


def redirect_to(location: str, status: int = 302):
    return lambda *a: (status, {"Location": location, "Content-Type": "text/plain"}, b"moved")


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
@pytest.mark.parametrize("credentials", [{"CHEIKG_ENDPOINT_TOKEN": "s3cr3t"}, {"CHEIKG_ENDPOINT_USER": "reader", "CHEIKG_ENDPOINT_PASSWORD": "pa:ss"}])
def test_credentials_never_follow_a_redirect_to_another_origin(stub, monkeypatch, status, credentials):
    elsewhere = stub(lambda method, path, headers, body: (401, {"WWW-Authenticate": 'Basic realm="x"'}, b"") if "Authorization" not in headers else (200, JSON_RESULTS, results(1)))
    server = stub(redirect_to(elsewhere.url, status))
    for name, value in credentials.items():
        monkeypatch.setenv(name, value)
    for args in (["--sparql", "SELECT * WHERE { ?s ?p ?o }"], ["alliances"]):
        result = CliRunner().invoke(cli, ["query", *args, "--endpoint", server.url])
        assert result.exit_code == 4
        assert result.stderr == (
            f"Error: the SPARQL endpoint {server.url} redirects (HTTP {status}) to {elsewhere.url}, another origin; credentials are never "
            "sent to another origin, so nothing was sent there: if you trust that server, give its URL with --endpoint\n"
        )
    assert elsewhere.requests == []
    assert len(server.requests) == 2


def test_push_credentials_never_follow_a_redirect_to_another_origin(stub, monkeypatch, lines):
    elsewhere = stub(lambda *a: (201, {}, b""))
    server = stub(redirect_to(elsewhere.url.replace("/query", "/store"), 307))
    monkeypatch.setenv("CHEIKG_ENDPOINT_TOKEN", "s3cr3t")
    with pytest.raises(EndpointError, match="another origin; credentials are never sent"):
        push(lines[:10], open_endpoint(server.url), graph=GRAPH)
    assert elsewhere.requests == []
    assert all(r[2].get("Authorization") == "Bearer s3cr3t" for r in server.requests)


def test_a_redirect_within_the_origin_keeps_the_token_and_one_without_credentials_is_followed(stub, monkeypatch):
    server = stub(lambda method, path, headers, body: redirect_to("/moved", 303)() if path == "/query" else (200, JSON_RESULTS, results(5)))
    monkeypatch.setenv("CHEIKG_ENDPOINT_TOKEN", "s3cr3t")
    assert open_endpoint(server.url).select("SELECT * WHERE { ?s ?p ?o }").terms[0][0].value == "5"
    assert [(r[0], r[1], r[2].get("Authorization")) for r in server.requests] == [("POST", "/query", "Bearer s3cr3t"), ("GET", "/moved", "Bearer s3cr3t")]
    monkeypatch.delenv("CHEIKG_ENDPOINT_TOKEN")
    elsewhere = stub(lambda *a: (200, JSON_RESULTS, results(6)))
    away = stub(redirect_to(elsewhere.url, 302))
    assert open_endpoint(away.url).select("SELECT * WHERE { ?s ?p ?o }").terms[0][0].value == "6"  # nothing to leak: followed
    assert len(elsewhere.requests) == 1


def test_timeout_bounds_the_whole_request_not_each_read(stub):
    server = stub(lambda *a: "drip")
    started = time.monotonic()
    result = query_error("--endpoint", server.url, "--timeout", "1")
    elapsed = time.monotonic() - started
    assert result.exit_code == 4
    assert result.stderr == f"Error: the SPARQL endpoint {server.url} did not answer within 1 s; raise --timeout, or ask a smaller question\n"
    assert elapsed < 4  # the dripped answer takes 80 bytes x 0.2 s = 16 s


def test_missing_credentials_are_named(stub, monkeypatch):
    for name in ("CHEIKG_ENDPOINT_TOKEN", "CHEIKG_ENDPOINT_USER", "CHEIKG_ENDPOINT_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    server = stub(lambda *a: (401, {"Content-Type": "text/plain"}, b""))
    result = query_error("--endpoint", server.url)
    assert result.exit_code == 4
    assert result.stderr == (
        f"Error: the SPARQL endpoint {server.url} answered HTTP 401 Unauthorized; set CHEIKG_ENDPOINT_TOKEN, or CHEIKG_ENDPOINT_USER "
        "and CHEIKG_ENDPOINT_PASSWORD, in the environment\n"
    )


def test_the_query_text_sent_is_the_bound_text(stub):
    server = stub(lambda *a: (200, JSON_RESULTS, results(0)))
    query = library()["alliance-members"]
    run(query, open_endpoint(server.url), {"alliance": ["jx-scoe-alliance"]})
    method, _, headers, body = server.requests[0]
    assert method == "POST" and headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert parse_qs(body.decode())["query"] == [bind(query, {"alliance": ["jx-scoe-alliance"]})]


class FakeStore:
    """A server that takes every upload and update but counts the temporary graph one triple short."""

    def __init__(self, total: int, short_in: str):
        self.total, self.short_in = total, short_in
        self.updates: list[str] = []

    def __call__(self, method, path, headers, body):
        if path.startswith("/store"):
            return (201, {}, b"")
        form = parse_qs(body.decode())
        if path == "/update":
            self.updates.append(form["update"][0])
            return (204, {}, b"")
        text = form["query"][0]
        if "default-graph-probe" in text:
            return (200, JSON_RESULTS, results(0))  # a default graph of its own, not the union of all graphs
        in_tmp = "GRAPH <urn:cheikg:push:" in text
        n = self.total - 1 if (in_tmp and self.short_in == "temporary") or (not in_tmp and self.short_in == "target") else self.total
        return (200, JSON_RESULTS, results(n))


def test_a_short_count_after_upload_fails_and_leaves_the_target_alone(stub, lines, built_checkout):
    fake = FakeStore(len(lines), "temporary")
    server = stub(fake)
    args = ["push", "--endpoint", server.url, "--data", str(built_checkout / "data"), "--build", str(built_checkout / "build")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 4
    n = len(lines)
    assert result.stderr == (
        f"Error: the server holds {n - 1} of the {n} triples pushed to a temporary graph; "
        "the default graph is unchanged and the upload was dropped\n"
    )
    # the probe of the default graph is dropped, then the upload
    assert len(fake.updates) == 2 and all(u.startswith("DROP SILENT GRAPH <urn:cheikg:push:") for u in fake.updates)
    assert not any("MOVE" in u for u in fake.updates)


def test_a_wrong_count_after_the_swap_fails_loudly(stub, lines):
    fake = FakeStore(len(lines), "target")
    server = stub(fake)
    with pytest.raises(EndpointError) as e:
        push(lines, open_endpoint(server.url), graph=GRAPH, temporary="urn:cheikg:push:t1")
    assert str(e.value) == (
        f"after the push the server counts {len(lines) - 1} triples in graph <{GRAPH}>, expected {len(lines)}; "
        "the server is left in that state: check it, and push again with --replace"
    )
    assert fake.updates == [f"MOVE GRAPH <urn:cheikg:push:t1> TO <{GRAPH}>"]


def test_a_failed_upload_is_dropped_and_reported(stub, lines):
    def respond(method, path, headers, body):
        if path.startswith("/store"):
            return (507, {"Content-Type": "text/plain"}, b"no space left")
        return (204, {}, b"")

    server = stub(respond)
    with pytest.raises(EndpointError) as e:
        push(lines, open_endpoint(server.url), temporary="urn:cheikg:push:t2")
    store = server.url.replace("/query", "/store")
    assert str(e.value) == (
        f"the Graph Store endpoint {store} answered HTTP 507 Insufficient Storage: no space left; "
        "the default graph is unchanged and the upload was dropped"
    )
    assert parse_qs(server.requests[-1][3].decode())["update"] == ["DROP SILENT GRAPH <urn:cheikg:push:t2>"]


def test_dataframe_from_an_endpoint(remote, oxigraph, local):
    import pandas
    frame = KnowledgeGraph.connect(f"{oxigraph}/query").dataframe("alliance-chairs")
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame.columns) == list(KnowledgeGraph(local).query("alliance-chairs").columns)
    assert frame.to_dict("records") == KnowledgeGraph(local).dataframe("alliance-chairs").to_dict("records")


def test_xml_results_are_read_like_json(stub):
    xml = (
        b'<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head><variable name="label"/><variable name="n"/>'
        b'<variable name="none"/></head><results><result><binding name="label"><literal xml:lang="zh">\xe5\xa4\xaa\xe5\x8e\x9f</literal></binding>'
        b'<binding name="n"><literal datatype="http://www.w3.org/2001/XMLSchema#integer">3</literal></binding></result>'
        b'<result><binding name="label"><literal>plain</literal></binding><binding name="n"><uri>https://example.org/x</uri></binding></result>'
        b"</results></sparql>"
    )
    server = stub(lambda *a: (200, {"Content-Type": "application/sparql-results+xml"}, xml))
    answer = open_endpoint(server.url).select("SELECT * WHERE { ?s ?p ?o }")
    assert answer.columns == ("label", "n", "none")
    assert [[(t.kind, t.value, t.datatype, t.lang) if t else None for t in row] for row in answer.terms] == [
        [("literal", "太原", LANG_STRING, "zh"), ("literal", "3", "http://www.w3.org/2001/XMLSchema#integer", None), None],
        [("literal", "plain", XSD_STRING, None), ("iri", "https://example.org/x", None, None), None],
    ]


def test_server_side_timeout_parameter_from_a_settings_file(stub, tmp_path, monkeypatch):
    server = stub(lambda *a: (200, JSON_RESULTS, results(1)))
    (tmp_path / "lab.toml").write_text(f'[endpoint]\nquery = "{server.url}"\ntimeout = 12.5\nserver-timeout-param = "timeout"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CHEIKG_ENDPOINT", "lab.toml")
    result = CliRunner().invoke(cli, ["query", "--sparql", "SELECT * WHERE { ?s ?p ?o }", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stderr == f"note: asking {server.url} (from lab.toml); --embedded asks the local graph\n"
    form = parse_qs(server.requests[0][3].decode())
    assert form["timeout"] == ["13"] and form["query"] == ["SELECT * WHERE { ?s ?p ?o }"]
