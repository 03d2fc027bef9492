"""The same answers on Virtuoso 7 as on the embedded store: a real server, filled by `cheikg push`.

One Virtuoso per session (tests/virtuoso_server.py: Debian's default ini,
temporary database, free loopback ports, stopped by its pid), filled with the
shipped records by the documented command::

    CHEIKG_ENDPOINT_USER=cheikg CHEIKG_ENDPOINT_PASSWORD=... \\
      cheikg push --endpoint http://127.0.0.1:8890/sparql-auth --graph https://w3id.org/cheikg/graph

Skipped with the reason when Virtuoso is not installed; CI installs it.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_remote import example_value

import virtuoso_server
from cheikg.build import open_store
from cheikg.cli import cli
from cheikg.queries.catalog import library
from cheikg.queries.runner import run
from cheikg.remote import open_endpoint

MISSING = virtuoso_server.missing()
REQUIRED = os.environ.get("CHEIKG_REQUIRE_VIRTUOSO") == "1"  # set by .ci/run: in CI a missing server fails, never skips
pytestmark = pytest.mark.skipif(MISSING is not None and not REQUIRED, reason=MISSING or "")

DATA = Path(__file__).resolve().parent.parent / "data"
GRAPH = "https://w3id.org/cheikg/graph"


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory):
    if MISSING:
        pytest.fail(f"CHEIKG_REQUIRE_VIRTUOSO is set but {MISSING}")
    started = time.monotonic()
    server = virtuoso_server.start(tmp_path_factory.mktemp("virtuoso"))
    print(f"Virtuoso answered after {time.monotonic() - started:.1f} s")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def push_env(virtuoso) -> dict[str, str]:
    return {"CHEIKG_ENDPOINT_USER": virtuoso_server.PUSH_USER, "CHEIKG_ENDPOINT_PASSWORD": virtuoso.password, "CHEIKG_ENDPOINT": None, "CHEIKG_ENDPOINT_TOKEN": None}


@pytest.fixture(scope="session")
def build_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("virtuoso-build") / "build"


@pytest.fixture(scope="session")
def pushed(virtuoso, push_env, build_dir):
    """The shipped records pushed into GRAPH with the documented command; the push's own output."""
    result = CliRunner().invoke(
        cli, ["push", "--endpoint", f"{virtuoso.url}/sparql-auth", "--graph", GRAPH, "--data", str(DATA), "--build", str(build_dir)], env=push_env,
    )
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="session")
def local(pushed, build_dir):
    return open_store(DATA, build_dir, rebuild=False)


@pytest.fixture(scope="session")
def remote(virtuoso, pushed):
    """The anonymous, read-only endpoint, asked about the pushed graph."""
    return open_endpoint(f"{virtuoso.url}/sparql", default_graph=GRAPH)


def test_push_fills_virtuoso_with_the_documented_command(pushed, local, virtuoso):
    total = len(local)
    assert pushed.stdout == (
        f"Pushed {total} triples to graph <{GRAPH}> at {virtuoso.url}/sparql-auth (replaced, via the Graph Store protocol)\n"
        f"The server counts {total} triples in graph <{GRAPH}>\n"
    )


def test_every_library_query_answers_the_same_on_virtuoso(remote, local):
    differ = []
    for name, query in library().items():
        values = {p.name: [example_value(p)] for p in query.params if p.required}
        embedded = run(query, local, values)
        try:
            answer = run(query, remote, values)
        except Exception as e:  # noqa: BLE001 - every query is reported, not only the first failing one
            differ.append(f"{name}: {e}")
            continue
        if answer != embedded:
            differ.append(f"{name}: {len(answer.rows)} rows, embedded {len(embedded.rows)}")
    assert differ == []
