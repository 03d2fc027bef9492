"""The benchmark generator and runner at a tiny size: reproducible records that build clean, every workload reported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
sys.path.insert(0, str(BENCH))

import generate  # noqa: E402
import run  # noqa: E402

TINY = 2000

try:
    generate.find_reference(None)
    HAVE_REFERENCE = True
except SystemExit:
    HAVE_REFERENCE = False

# the generator needs the staged reference files; scoring the results does not
needs_reference = pytest.mark.skipif(not HAVE_REFERENCE, reason="the staged reference files (../shared/reference) are not beside this checkout")


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bench") / "tiny"
    generate.generate(out, TINY, seed=7)
    return out


@needs_reference
def test_same_seed_same_bytes(tiny, tmp_path):
    again = tmp_path / "again"
    generate.generate(again, TINY, seed=7)
    assert generate.digest(tiny) == generate.digest(again)
    other = tmp_path / "other"
    generate.generate(other, TINY, seed=8)
    assert generate.digest(tiny) != generate.digest(other)


@needs_reference
def test_records_build_with_no_violations(tiny, tmp_path):
    from cheikg.build import build

    result = build(tiny / "data", tmp_path / "build")
    counts = {s: result.report.count(s) for s in ("violation", "warning", "info")}
    assert counts == {"violation": 0, "warning": 0, "info": 0}, [str(f) for f in result.report.findings[:5]]
    assert result.written
    manifest = json.loads((tiny / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["records"]["alliances"] >= 1
    assert sum(manifest["submission_records"].values()) == 1000
    # every kind the issue names is generated, and the sources carry quotes
    for kind in ("organizations", "places", "alliances", "memberships", "persons", "posts", "events", "agreements", "programs", "sources"):
        assert manifest["records"][kind] > 0, kind
    assert "cheikg:AgreementParty" in result.counts and "oa:TextQuoteSelector" in result.counts


@needs_reference
def test_alliances_have_20_to_200_members_and_rotating_chairs(tmp_path):
    ref = generate.load_reference(generate.find_reference(None))
    gen = generate.Generator(ref, 0.05, seed=3)
    gen.generate()
    members: dict[str, set[str]] = {}
    for m in gen.rows["memberships"]:
        if m["role"] == "member":
            members.setdefault(m["organization"], set()).add(m["member"])
    founding = {a["id"]: a["stated_counts"][0]["count"] for a in gen.rows["alliances"]}
    assert all(20 <= n <= 200 for n in founding.values()), founding
    assert all(len(members[a]) >= n for a, n in founding.items())
    chairs = [m for m in gen.rows["memberships"] if m["role"] == "rotating-chair" and not m["on_behalf_of"]]
    assert any(m["succeeds"] and m["term"] for m in chairs)
    parties = [len(a["parties"]) for a in gen.rows["agreements"]]
    assert min(parties) >= 2 and max(parties) <= 5


@needs_reference
def test_quick_run_reports_every_workload(tmp_path):
    results = tmp_path / "results"
    skip = "build_full,validate,pyshacl,submission,rdflib_queries"
    proc = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--size", str(TINY), "--quick", "--work", str(tmp_path / "work"),
         "--results", str(results), "--skip", skip],
        capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    res = json.loads((results / f"{TINY}.json").read_text(encoding="utf-8"))
    assert set(res["workloads"]) == set(run.KEYS)
    for key, value in res["workloads"].items():
        assert "error" not in value, (key, value)
    skipped = {k for k, v in res["workloads"].items() if "skipped" in v}
    assert skipped <= set(skip.split(",")) | {"rdflib_queries", "validate_fast", "network"}, skipped
    w = res["workloads"]
    assert w["build"]["triples"] == res["triples"] > 1000
    assert w["build"]["peak_mb"] > 0
    assert w["export_turtle"]["same_bytes_as_build_dump"] is True
    assert w["oxigraph_load"]["seconds"] > 0 and w["rdflib_parse"]["triples"] == res["triples"]
    # the same library queries ran on the embedded store and on pyoxigraph directly, with the same row counts
    assert set(w["queries"]["queries"]) == set(w["oxigraph_queries"]["queries"])
    assert all(w["queries"]["queries"][n]["rows"] == w["oxigraph_queries"]["queries"][n]["rows"] for n in w["queries"]["queries"])
    assert {"build_vs_oxigraph_bulk_load", "queries_embedded_vs_oxigraph", "rdflib_serialize_vs_export_turtle", "build_peak_memory_mb"} <= set(res["goals"])
    assert "queries_embedded_vs_oxigraph" in proc.stdout


def _query_workloads(emb: dict[str, tuple[float, float]], direct: dict[str, tuple[float, float]] | None) -> dict:
    """queries (and oxigraph_queries) results with the given (wall, CPU) seconds per query."""
    queries = {n: {"seconds": w, "cpu": c, "rows": 1} for n, (w, c) in emb.items()}
    w = {"queries": {"queries": queries}}
    if direct is None:
        w["oxigraph_queries"] = {"queries": {n: {"seconds": 0.1, "cpu": 0.1, "rows": 1} for n in emb}}
    else:
        for n, (dw, dc) in direct.items():
            queries[n].update(direct_seconds=dw, direct_cpu=dc)
    return w


def test_the_embedding_goal_is_judged_on_cpu_when_timed_by_turns():
    # wall 2.0x (a loaded machine), CPU 1.2x: the runner adds little work
    goal = run.ratios(_query_workloads({"a": (0.2, 0.12), "b": (0.1, 0.1)}, {"a": (0.1, 0.1), "b": (0.1, 0.1)}))["queries_embedded_vs_oxigraph"]
    assert (goal["ratio"], goal["worst"], goal["ratio_cpu"], goal["met"]) == (2.0, "a", 1.2, True)
    assert goal["judged_on"] == "CPU, by turns on one store"
    # CPU 1.6x: missed, whatever the wall clock says
    goal = run.ratios(_query_workloads({"a": (0.1, 0.16)}, {"a": (0.1, 0.1)}))["queries_embedded_vs_oxigraph"]
    assert (goal["ratio"], goal["ratio_cpu"], goal["met"]) == (1.0, 1.6, False)


def test_the_embedding_goal_falls_back_to_wall_against_a_separate_store():
    goal = run.ratios(_query_workloads({"a": (0.2, 0.1)}, None))["queries_embedded_vs_oxigraph"]
    assert (goal["ratio"], goal["ratio_cpu"], goal["met"], goal["judged_on"]) == (2.0, 1.0, False, "wall, separate stores")
