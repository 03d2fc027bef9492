"""Ingest: validated submissions merged into data/ all or nothing, with provenance; conflicts and duplicates refused."""

from __future__ import annotations

import hashlib
import re
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV

from cheikg.build import vocabulary
from cheikg.cli import cli
from cheikg.namespaces import RES

QUOTE = "the International Students Education Alliance in Shanxi was established at TYUT on November 12th."
JX_QUOTE = "Jiangxi University of Finance and Economics serves as the alliance's chair institution"

BROKEN = f"""\
memberships:
  - id: m-new
    member: tyutt
    organization: shanxi-isea
    role: chiar
    start: 2025-11-12
    end: 2025-01-01
    source: tyut-shanxi-isea-founding
    quote: "{QUOTE}"
agreements:
  - id: g-new
    title: {{en: Cooperation agreement between JUFE and WUT}}
    type: cooperation-agreement
    date: 2025-11-17
    parties:
      - party: jufe
    source: xinhua-jiangxi-scoe-alliance
    quote: "{JX_QUOTE}"
"""

FIXED = (BROKEN.replace("tyutt", "tyut").replace("chiar", "member").replace("end: 2025-01-01", "end: 2026-01-01")
         .replace("      - party: jufe\n", "      - party: jufe\n      - party: wut\n"))


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args))


def nth(checkout: Path, k: int = 1) -> str:
    """The number ingest gives the k-th file it writes into data/facts."""
    taken = [int(m.group(1)) for p in (checkout / "data" / "facts").iterdir() if (m := re.match(r"^(\d{3,})-", p.name))]
    return f"{max(taken) + k:03d}"


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with the digest of its bytes."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_four_problems_four_results_and_nothing_written(checkout):
    (checkout / "sub.yaml").write_text(BROKEN, encoding="utf-8")
    before = tree(checkout / "data")
    result = invoke("ingest", "sub.yaml")
    assert result.exit_code == 1
    allowed = ", ".join(sorted(vocabulary()["alliance-role"]))
    assert result.stdout == (
        "sub.yaml\n"
        "  record m-new\n"
        "    3:13 violation member: no organization or alliance or person has the id 'tyutt'. Did you mean 'tyut' (Taiyuan University of Technology)?\n"
        f"    5:11 violation role: 'chiar' is not in the alliance-role vocabulary. Did you mean 'chair' or 'co-chair'? Allowed: {allowed}\n"
        "    7:10 violation end: The term ends (2025-01-01) before it starts (2025-11-12); check both dates.\n"
        "  record g-new\n"
        "    16:7 violation parties: An agreement needs at least two parties: list every party under 'parties'.\n"
        "refused: 4 violations, 0 warnings, 0 infos; nothing was written\n"
    )
    assert tree(checkout / "data") == before


def test_fixed_submission_is_ingested_and_queried(checkout):
    n = nth(checkout)
    (checkout / "sub.yaml").write_text(FIXED, encoding="utf-8")
    result = invoke("ingest", "sub.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "  add        membership m-new",
        "  add        agreement g-new",
        f"Wrote data/facts/{n}-sub.yaml: 2 records added, 0 stored records extended, 0 unchanged. Run `cheikg build` to rebuild the graph.",
    ]
    build = invoke("build")
    assert build.exit_code == 0 and "Validation: 0 violations, 0 warnings, 0 infos" in build.stdout
    answer = invoke("query", "agreements", "--param", "party=wut", "--format", "csv")
    assert "res:g-new,Cooperation agreement between JUFE and WUT" in answer.stdout
    members = invoke("query", "alliance-members", "--param", "alliance=shanxi-isea", "--format", "csv")
    assert "Taiyuan University of Technology" in members.stdout and "2026-01-01" in members.stdout


def test_round_trip_through_export(checkout):
    n = nth(checkout)
    (checkout / "sub.yaml").write_text(FIXED, encoding="utf-8")
    assert invoke("ingest", "sub.yaml").exit_code == 0
    assert invoke("build").exit_code == 0
    assert invoke("export", "--format", "turtle", "-o", "kg.ttl").exit_code == 0
    g = Graph().parse(checkout / "kg.ttl", format="turtle")
    sub = RES[f"submission-{n}-sub"]
    assert set(g.objects(sub, PROV.generated)) == {RES["m-new"], RES["g-new"]}
    assert set(g.objects(sub, PROV.used)) == {RES["tyut-shanxi-isea-founding"], RES["xinhua-jiangxi-scoe-alliance"]}
    assert (sub, URIRef("https://w3id.org/cheikg/ontology#submittedFile"), Literal("sub.yaml")) in g
    assert {str(o) for o in g.objects(RES["g-new"], URIRef("https://w3id.org/cheikg/ontology#hasParty"))} == {
        f"{RES}g-new.party.jufe", f"{RES}g-new.party.wut"}


def test_ingesting_twice_adds_nothing(checkout):
    n = nth(checkout)
    (checkout / "sub.yaml").write_text(FIXED, encoding="utf-8")
    assert invoke("ingest", "sub.yaml").exit_code == 0
    after_first = tree(checkout / "data")
    again = invoke("ingest", "sub.yaml")
    assert again.exit_code == 0
    assert again.stdout.splitlines()[-3:] == [
        "  unchanged  membership m-new (already stored)",
        "  unchanged  agreement g-new (already stored)",
        "Nothing to add: all 2 records are already stored.",
    ]
    assert f"info already stored, identically, at data/facts/{n}-sub.yaml:" in again.stdout
    assert tree(checkout / "data") == after_first


def test_partly_stored_submission_adds_only_the_new_records(checkout):
    n2 = nth(checkout, 2)
    (checkout / "sub.yaml").write_text(FIXED, encoding="utf-8")
    assert invoke("ingest", "sub.yaml").exit_code == 0
    more = FIXED + "persons:\n  - id: new-person\n    name: {en: Wang Xiaoming}\n    source: tyut-shanxi-isea-founding\n    quote: \"" + QUOTE + "\"\n"
    (checkout / "more.yaml").write_text(more, encoding="utf-8")
    result = invoke("ingest", "more.yaml")
    assert result.exit_code == 0, result.output
    assert "  add        person new-person" in result.stdout
    text = (checkout / "data" / "facts" / f"{n2}-more.yaml").read_text(encoding="utf-8")
    assert "id: new-person" in text and "id: m-new" not in text


def test_conflicting_value_is_refused_field_by_field(checkout):
    n = nth(checkout)
    (checkout / "sub.yaml").write_text(FIXED, encoding="utf-8")
    assert invoke("ingest", "sub.yaml").exit_code == 0
    (checkout / "sub2.yaml").write_text(FIXED.replace("date: 2025-11-17", "date: 2025-11-18"), encoding="utf-8")
    before = tree(checkout / "data")
    result = invoke("ingest", "sub2.yaml")
    assert result.exit_code == 1
    assert (f"    14:11 violation date: '2025-11-18' contradicts the record 'g-new' at data/facts/{n}-sub.yaml:28 (xinhua-jiangxi-scoe-alliance), "
            "which gives date '2025-11-17'. A record has one date: to keep both with their sources (conflicting-facts lists them), add 'disputes: [date]' here; "
            "if the value there is wrong, add 'corrects: [date]' and say why in 'note'; if this record is about another agreement, give it another id\n") in result.stdout
    assert tree(checkout / "data") == before


def test_the_same_fact_under_another_id_is_refused(checkout):
    n = nth(checkout)
    text = FIXED.replace("id: m-new", "id: m-again").replace("id: g-new", "id: g-again")
    (checkout / "sub.yaml").write_text(FIXED, encoding="utf-8")
    assert invoke("ingest", "sub.yaml").exit_code == 0
    (checkout / "again.yaml").write_text(text, encoding="utf-8")
    result = invoke("ingest", "again.yaml")
    assert result.exit_code == 1
    assert (f"    2:5 violation id: states the same membership (member tyut, in shanxi-isea, role member, start 2025-11-12) as 'm-new' at data/facts/{n}-sub.yaml:16; "
            "to add this record's source (and what else it says) to 'm-new', give this record the id 'm-new': a record with the id of another adds what it states to it "
            "[value: m-again]\n") in result.stdout
    assert "violation id: states the same agreement (type cooperation-agreement, date 2025-11-17, parties jufe, wut) as 'g-new'" in result.stdout


def test_a_stored_fact_restated_in_the_seed_data_is_found(checkout):
    """The seed data's own memberships are natural keys too: a copy of one under a new id is caught."""
    text = (checkout / "data" / "facts" / "002-jiangxi-scoe-alliance.yaml").read_text(encoding="utf-8")
    start = text.index("memberships:")
    block = text[start:].split("\n  - id: ", 2)[1]
    (checkout / "copy.yaml").write_text("memberships:\n  - id: copied-" + block.rstrip() + "\n", encoding="utf-8")
    result = invoke("validate", "copy.yaml")
    assert result.exit_code == 1
    assert "violation id: states the same membership" in result.stdout


def test_dry_run_writes_nothing_and_shows_the_file(checkout):
    n = nth(checkout)
    (checkout / "sub.yaml").write_text(FIXED, encoding="utf-8")
    before = tree(checkout / "data")
    result = invoke("ingest", "sub.yaml", "--dry-run")
    assert result.exit_code == 0
    assert f"Would write data/facts/{n}-sub.yaml (2 records added, 0 stored records extended, 0 unchanged); nothing written (--dry-run):" in result.stdout
    assert f"submissions:\n  - id: submission-{n}-sub\n    file: sub.yaml\n" in result.stdout
    assert tree(checkout / "data") == before


def test_csv_submission_becomes_yaml_records(checkout):
    n = nth(checkout)
    (checkout / "memberships-new.csv").write_text(
        "id,member,organization,role,start,source,quote\n"
        f"m-csv,wut,shanxi-isea,member,2025-11-12,tyut-shanxi-isea-founding,\"{QUOTE}\"\n", encoding="utf-8")
    result = invoke("ingest", "memberships-new.csv")
    assert result.exit_code == 0, result.output
    text = (checkout / "data" / "facts" / f"{n}-memberships-new.yaml").read_text(encoding="utf-8")
    assert "memberships:\n  - id: m-csv\n    member: wut\n" in text
    assert invoke("build").exit_code == 0


def test_files_inside_data_and_rdf_files_are_usage_errors(checkout):
    result = invoke("ingest", "data/facts/000-shanxi-isea.yaml")
    assert result.exit_code == 2
    assert result.stderr == ("Error: data/facts/000-shanxi-isea.yaml is already in the data directory data; ingest takes files from outside it "
                             "(use `cheikg validate` to check files in place)\n")
    (checkout / "x.ttl").write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    result = invoke("ingest", "x.ttl")
    assert result.exit_code == 2
    assert result.stderr == "Error: x.ttl: ingest takes record files (.yaml, .csv); RDF files can be validated but not ingested\n"


def _big_submission(path: Path, n: int) -> None:
    rows = [f"m-bulk-{i},tyut,shanxi-isea,member,{1900 + i % 100}-01-01,tyut-shanxi-isea-founding,\"{QUOTE}\"" for i in range(n)]
    # distinct natural keys: one start year each, and a term ordinal to keep the records distinct
    path.write_text("id,member,organization,role,start,source,quote,term\n" + "\n".join(f"{r},{i + 1}" for i, r in enumerate(rows[:100])) + "\n", encoding="utf-8")


def _run_ingest(cwd: Path, pause: str) -> subprocess.Popen:
    env = {**os.environ, "CHEIKG_TEST_INGEST_PAUSE": pause, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([sys.executable, "-m", "cheikg", "ingest", "memberships-bulk.csv"], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _wait_for_staging(cwd: Path, proc: subprocess.Popen) -> Path:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        staged = list(cwd.glob(".cheikg-ingest-*"))
        if staged and staged[0].stat().st_size > 0:
            return staged[0]
        assert proc.poll() is None, proc.stderr.read().decode()
        time.sleep(0.05)
    raise AssertionError("the ingest never reached its write")


def test_killed_mid_write_leaves_data_unchanged(checkout):
    _big_submission(checkout / "memberships-bulk.csv", 100)
    before = tree(checkout / "data")
    proc = _run_ingest(checkout, "30")
    _wait_for_staging(checkout, proc)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert tree(checkout / "data") == before
    # and the same submission ingests cleanly afterwards
    result = invoke("ingest", "memberships-bulk.csv")
    assert result.exit_code == 0, result.output
    assert "100 records added" in result.stdout


def test_interrupted_mid_write_leaves_data_unchanged_and_cleans_up(checkout):
    _big_submission(checkout / "memberships-bulk.csv", 100)
    before = tree(checkout / "data")
    for sig in (signal.SIGINT, signal.SIGTERM):
        proc = _run_ingest(checkout, "30")
        _wait_for_staging(checkout, proc)
        proc.send_signal(sig)
        proc.wait(timeout=30)
        assert proc.returncode != 0
        assert tree(checkout / "data") == before
        assert list(checkout.glob(".cheikg-ingest-*")) == []
