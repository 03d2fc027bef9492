"""Queries of the local graph: never a call to another host, a --timeout, and Ctrl-C that stops them (issue 16)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cheikg.api import KnowledgeGraph
from cheikg.cli import cli
from cheikg.errors import QueryError
from cheikg.sparql_policy import MAX_NESTING, ServiceRefused, checked, refusal

from listener import Listener

EMBEDDED_SERVICE = (
    "Error: SERVICE (a federated query to another endpoint) is refused: a query of the local graph never calls "
    "other hosts; ask that endpoint itself with --endpoint URL\n"
)
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"


def query(*args: str):
    return CliRunner().invoke(cli, ["query", *args])


def service_queries(url: str) -> list[str]:
    """SERVICE calls as written plainly and as hidden from a pattern over the text."""
    return [
        f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ #x\rSERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",  # Oxigraph ends a comment at \r
        f"SELECT * WHERE {{ ?s ?p ?o #\r\n SERVICE SILENT <{url}> {{ ?s ?p ?o }} }} LIMIT 1",
        f"SELECT * WHERE {{ \\u0053ERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?x ?y ?z FILTER EXISTS {{ SERVICE SILENT <{url}> {{ ?x ?y ?z }} }} }} LIMIT 1",
        f"SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }} }} }}",
        f"ASK {{ OPTIONAL {{ sErViCe silent <{url}> {{ ?s ?p ?o }} }} }}",
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ BIND(<{url}> AS ?where) SERVICE SILENT ?where {{ ?s ?p ?o }} }}",
    ]


@pytest.mark.parametrize("index", range(9))
def test_an_embedded_query_never_calls_another_host(checkout, index):
    with Listener() as listener:
        text = service_queries(listener.url)[index]
        result = query("--sparql", text)
        assert (result.exit_code, result.stdout, result.stderr) == (2, "", EMBEDDED_SERVICE)
        with pytest.raises(QueryError, match=r"^SERVICE \(a federated query"):
            KnowledgeGraph.open().sparql(text)
        assert listener.calls() == 0


def test_the_word_service_elsewhere_is_a_query_like_any_other(checkout):
    result = query("--sparql", 'SELECT ?service WHERE { ?service ?p "SERVICE" } # SERVICE <http://example.org/> { }', "--format", "csv")
    assert (result.exit_code, result.stdout) == (0, "service\n")
    result = query("--sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s <http://example.org/SERVICE> ?o }", "--format", "csv")
    assert (result.exit_code, result.stdout) == (0, "n\n0\n")


def test_an_update_is_refused_by_the_read_only_store(checkout):
    result = query("--sparql", "DELETE WHERE { ?s ?p ?o }")
    assert (result.exit_code, result.stderr) == (
        2, "Error: SPARQL Update is refused: the graph is read-only; `cheikg ingest` adds records, and `cheikg build` rebuilds the graph\n"
    )


@pytest.mark.parametrize(("text", "message"), [
    ("SELECT * WHERE { \\u005Cu0053ERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
     "the query spells an escape with an escape (\\u0053 once the others are decoded), which SPARQL engines read differently; write the character itself"),
    ('SELECT * WHERE { ?s ?p "\\uD800" }', "the escape \\uD800 in the query is not a character; write the character itself"),
    ("SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }",
     f"the query nests brackets 5002 deep, more than the {MAX_NESTING} this graph accepts; write it flatter"),
    ("SELECT * WHERE { SERVICE", "the query is not valid SPARQL (line 1, column 18); check the syntax there"),
    ('SELECT * WHERE { ?s ?p "\udcff" }', "character 25 of the query is not text (bytes that are not UTF-8?); write the query in UTF-8"),
])
def test_texts_that_cannot_be_read_one_way_are_refused_with_why(checkout, text, message):
    result = query("--sparql", text)
    assert (result.exit_code, result.stderr) == (2, f"Error: {message}\n")


def test_deep_but_allowed_nesting_runs(checkout):
    """The limit leaves room: the query thread has the stack for it."""
    depth = MAX_NESTING - 2  # and the braces and BIND( around it
    result = query("--sparql", "SELECT ?x WHERE { BIND(" + "(" * depth + "1" + ")" * depth + " AS ?x) }", "--format", "csv")
    assert (result.exit_code, result.stdout) == (0, "x\n1\n")


def test_embedded_timeout_stops_the_query(checkout):
    started = time.monotonic()
    result = query("--sparql", CARTESIAN, "--timeout", "1")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", "Error: the query did not finish within 1 s (--timeout); ask a narrower question, add a LIMIT, or allow more time\n"
    )
    assert time.monotonic() - started < 20  # the same query runs for minutes
    assert query("--sparql", "ASK { ?s ?p ?o }", "--timeout", "30", "--format", "csv").stdout == "result\ntrue\n"


def test_graph_still_needs_an_endpoint():
    result = query("alliances", "--embedded", "--graph", "https://example.org/g")
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (2, "Error: --embedded cannot be combined with --endpoint or --graph")


def _query_thread_busy(pid: int) -> bool:
    """The main thread asleep (waiting) while another thread of ``pid`` has run for a second: the query is under way."""
    tasks = Path(f"/proc/{pid}/task")
    busy = main_waiting = False
    for task in tasks.iterdir():
        try:
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):  # a thread that ended since the listing
            continue
        state, utime = fields[0], int(fields[11])
        if int(task.name) == pid:
            main_waiting = state == "S"
        elif utime >= os.sysconf("SC_CLK_TCK"):
            busy = True
    return busy and main_waiting


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads thread states from /proc")
def test_ctrl_c_stops_a_running_embedded_query(checkout):
    process = subprocess.Popen(
        [sys.executable, "-m", "cheikg", "query", "--sparql", CARTESIAN],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=checkout,
    )
    try:
        deadline = time.monotonic() + 60
        while not _query_thread_busy(process.pid):
            assert process.poll() is None and time.monotonic() < deadline, "the query never started"
            time.sleep(0.1)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)  # the query runs for minutes; a loaded machine needs some seconds to exit
    finally:
        process.kill()
        process.wait()
    assert (process.returncode, out, err) == (130, "", "Error: interrupted (Ctrl-C): the query was stopped\n")


# -- the check itself: whatever it lets through, the engine never calls out

def test_refusal_names_service_for_the_served_endpoint():
    assert refusal("SELECT * WHERE { SERVICE <http://example.org/> { } }") == (
        "SERVICE (a federated query to another endpoint) is refused by this read-only endpoint"
    )
    assert refusal('SELECT * WHERE { ?s ?p "SERVICE" }') is None


_FRAGMENTS = [
    "#", "\r", "\n", "\r\n", '"', "'", '"""', "'''", "\\", "<", ">", "\\u0022", "\\u0027", "\\u000D", "\\u000A", "\\u0023",
    "\\u005C", " ", "\t", "\x0c", "\u2028", "\x85", "?x", "ex:a", "ex:a\\#", "{", "}", ".", ";", "(", ")", '"x"',
    "<http://e/x>", "^^", "@en", "FILTER(", "OPTIONAL {", "SELECT * WHERE {", "sErViCe",
]


@pytest.fixture(scope="module")
def engine():
    with Listener() as listener:
        yield ox.Store(), listener


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(before=st.lists(st.sampled_from(_FRAGMENTS), max_size=6), after=st.lists(st.sampled_from(_FRAGMENTS), max_size=6),
       head=st.sampled_from(["SELECT * WHERE { ", "SELECT * WHERE { ?s ?p ", "ASK { ", ""]), silent=st.booleans())
def test_no_text_the_check_lets_through_makes_oxigraph_call_out(engine, before, after, head, silent):
    store, listener = engine
    call = f"SERVICE {'SILENT ' if silent else ''}<http://127.0.0.1:{listener.port}/> {{ ?a ?b ?c }}"
    text = "PREFIX ex: <http://e/>\n" + head + "".join(before) + call + "".join(after) + (" }" if head else "")
    try:
        runnable = checked(text)
    except QueryError:
        return  # refused, or not SPARQL: nothing runs
    calls = listener.calls(wait=0)
    try:
        result = store.query(runnable)
        if not isinstance(result, ox.QueryBoolean):
            list(result)
    except (SyntaxError, OSError, RuntimeError):
        pass
    assert listener.calls(wait=0.05) == calls, f"{text!r} was let through and called out"


def test_the_check_refuses_what_the_examples_hide():
    for text in service_queries("http://127.0.0.1:9/sparql"):
        with pytest.raises(ServiceRefused):
            checked(text)
