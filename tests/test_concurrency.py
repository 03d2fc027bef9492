"""Writers of one data directory are serialised: two ingests at once, an ingest during a build, a build
that reads records another program edits."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cheikg import build as build_module
from cheikg.cli import cli
from cheikg.errors import BusyError, ChangedWhileReadingError
from cheikg.lock import data_lock

JX = "xinhua-jiangxi-scoe-alliance"
JX_QUOTE = "On November 18, the Jiangxi Provincial Alliance for Sino-Foreign Cooperative Education was officially inaugurated in Nanchang."


def submission(role: str) -> str:
    return f"""\
memberships:
  - id: m-race
    member: wut
    organization: jx-scoe-alliance
    role: {role}
    source: {JX}
    quote: "{JX_QUOTE}"
"""


def _cheikg(cwd: Path, *args: str, pause: str | None = None) -> subprocess.Popen:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    if pause:
        env["CHEIKG_TEST_INGEST_PAUSE"] = pause
    return subprocess.Popen([sys.executable, "-m", "cheikg", *args], cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_ingests_at_once_are_serialised_and_the_second_sees_the_first(checkout):
    (checkout / "a.yaml").write_text(submission("member"), encoding="utf-8")
    (checkout / "b.yaml").write_text(submission("vice-chair"), encoding="utf-8")
    first = _cheikg(checkout, "ingest", "a.yaml", pause="3")
    deadline = time.monotonic() + 60
    while not list(checkout.glob(".cheikg-ingest-*")):  # the first is writing, with the lock held
        assert first.poll() is None and time.monotonic() < deadline, first.stderr.read() if first.poll() is not None else "no staging file"
        time.sleep(0.05)
    second = _cheikg(checkout, "ingest", "b.yaml")
    out1, err1 = first.communicate(timeout=120)
    out2, err2 = second.communicate(timeout=120)
    assert first.returncode == 0, out1 + err1
    assert "waiting for it to finish" in err2
    # the second was validated against data/ with the first's file: the same id with another role
    assert second.returncode == 1, out2 + err2
    assert "violation role: 'vice-chair' contradicts the record 'm-race'" in out2
    assert len(list((checkout / "data" / "facts").glob("*-a.yaml"))) == 1 and not list((checkout / "data" / "facts").glob("*-b.yaml"))
    result = CliRunner().invoke(cli, ["build"])
    assert result.exit_code == 0 and "Validation: 0 violations" in result.stdout


def test_an_identical_second_ingest_at_once_adds_nothing(checkout):
    (checkout / "a.yaml").write_text(submission("member"), encoding="utf-8")
    (checkout / "b.yaml").write_text(submission("member"), encoding="utf-8")
    procs = [_cheikg(checkout, "ingest", name) for name in ("a.yaml", "b.yaml")]
    outs = [p.communicate(timeout=180) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    written = list((checkout / "data" / "facts").glob("*-[ab].yaml"))
    assert len(written) == 1, outs
    assert sum("Nothing to add: all 1 records are already stored." in out for out, _err in outs) == 1


def test_the_lock_is_waited_for_then_refused_with_a_message(checkout):
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time; from pathlib import Path; from cheikg.lock import data_lock\n"
                               "with data_lock(Path('data')):\n    print('held', flush=True); time.sleep(30)"],
                              cwd=checkout, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        notes = []
        with pytest.raises(BusyError) as caught:
            with data_lock(checkout / "data", notify=notes.append, wait=0.5):
                pass
        assert str(caught.value).startswith("another cheikg process is writing ")
        assert str(caught.value).endswith("and still was after 0.5 s; run the command again when it has finished (CHEIKG_LOCK_TIMEOUT sets how long to wait)")
        assert len(notes) == 1 and notes[0].endswith("(an ingest or a build); waiting for it to finish")
    finally:
        holder.kill()
        holder.wait()
    with data_lock(checkout / "data", wait=5):  # a killed holder lets go of it
        pass


def test_a_build_never_stamps_records_it_did_not_read(checkout, monkeypatch):
    """A file edited while the records are read: the build refuses, rather than mark a stale graph current."""
    real = build_module.compile_data

    def edited_meanwhile(data_dir, **kw):
        compiled = real(data_dir, **kw)
        (data_dir / "persons.yaml").write_text((data_dir / "persons.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
        return compiled

    monkeypatch.setattr(build_module, "compile_data", edited_meanwhile)
    manifest = (checkout / "build" / "graph" / "manifest.json").read_text(encoding="utf-8")
    with pytest.raises(ChangedWhileReadingError, match="changed while they were being read; nothing was built"):
        build_module.build(checkout / "data", checkout / "build")
    assert (checkout / "build" / "graph" / "manifest.json").read_text(encoding="utf-8") == manifest
