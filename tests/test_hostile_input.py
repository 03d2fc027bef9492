"""Hostile input that is not a file's content (issue 16): what is not a regular file, files too large, paths that
cannot be read, parameters with line breaks, an unwritable folder beside data/, staging files of killed ingests,
crash reports. Each file's content case is in tests/bad_input/."""

from __future__ import annotations

import errno
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cheikg.cli import cli

ROOT = Path(__file__).resolve().parent.parent
QUOTE = "the International Students Education Alliance in Shanxi was established at TYUT on November 12th."
GOOD = f"""memberships:
  - id: m-x
    member: wut
    organization: shanxi-isea
    role: member
    source: tyut-shanxi-isea-founding
    quote: "{QUOTE}"
"""


def invoke(*args: str, env: dict | None = None):
    return CliRunner().invoke(cli, list(args), env=env)


def run_cli(cwd: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cheikg", *args], cwd=cwd, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "PYTHONUNBUFFERED": "1"})


# ---------------------------------------------------------------- what is not a regular file, and size


def test_a_fifo_is_refused_at_once_not_waited_on(checkout):
    os.mkfifo(checkout / "sub.yaml")
    result = run_cli(checkout, "validate", "sub.yaml", timeout=60)  # main waited for a writer for ever
    assert (result.returncode, result.stdout) == (3, "")
    assert result.stderr == "Error: cannot read the input:\nsub.yaml: is a named pipe (FIFO), not a file; give a file of records\n"


def test_a_symlink_to_dev_zero_is_refused_not_read_until_memory_runs_out(checkout):
    (checkout / "sub.yaml").symlink_to("/dev/zero")
    (checkout / "sub.ttl").symlink_to("/dev/zero")
    result = run_cli(checkout, "validate", "sub.yaml", "sub.ttl", timeout=60)
    assert (result.returncode, result.stdout) == (3, "")
    assert result.stderr == ("Error: cannot read the input:\nsub.ttl: is a device, not a file; give a file of records\n"
                             "sub.yaml: is a device, not a file; give a file of records\n")


def test_a_folder_of_records_with_a_fifo_in_it_names_the_fifo(checkout):
    (checkout / "sub").mkdir()
    (checkout / "sub" / "a.yaml").write_text(GOOD, encoding="utf-8")
    os.mkfifo(checkout / "sub" / "b.yaml")
    result = run_cli(checkout, "validate", "sub", timeout=60)
    assert result.returncode == 3
    assert result.stderr == "Error: cannot read the input:\nsub/b.yaml: is a named pipe (FIFO), not a file; give a file of records\n"


def test_files_over_the_size_limit_are_refused_and_the_limit_can_be_raised(checkout):
    (checkout / "sub.yaml").write_text(GOOD + "# padding\n" * 200, encoding="utf-8")
    size = (checkout / "sub.yaml").stat().st_size
    result = invoke("validate", "--max-file-size", "1K", "sub.yaml")
    assert result.exit_code == 3
    assert result.stderr == (f"Error: cannot read the input:\nsub.yaml: is {size:,} bytes, more than the 1,024 bytes a file may have; split it, "
                             "or raise the limit with --max-file-size (or CHEIKG_MAX_FILE_SIZE), such as --max-file-size 1M\n")
    assert invoke("validate", "sub.yaml", env={"CHEIKG_MAX_FILE_SIZE": "1000"}).exit_code == 3
    assert invoke("validate", "--max-file-size", "1M", "sub.yaml", env={"CHEIKG_MAX_FILE_SIZE": "1000"}).exit_code == 0
    assert invoke("validate", "sub.yaml").exit_code == 0  # 64 MiB by default
    bad = invoke("validate", "--max-file-size", "lots", "sub.yaml")
    assert bad.exit_code == 2 and "'lots' is not a file size" in bad.stderr


# ---------------------------------------------------------------- paths that cannot be read: exit 3, as documented


def _denied(monkeypatch, function: str, target: Path) -> None:
    """os.<function> refuses ``target`` as a folder without permission does (the tests run as root, whom nothing is refused)."""
    real = getattr(os, function)
    denied = os.path.abspath(target)

    def deny(path, *args, **kwargs):
        if isinstance(path, (str, bytes, os.PathLike)) and os.path.abspath(os.fsdecode(path)) == denied:
            raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, function, deny)


def test_a_file_in_a_folder_that_cannot_be_searched_exits_3(checkout, monkeypatch):
    (checkout / "locked").mkdir()
    (checkout / "locked" / "sub.yaml").write_text(GOOD, encoding="utf-8")
    _denied(monkeypatch, "stat", checkout / "locked" / "sub.yaml")
    result = invoke("validate", "locked/sub.yaml")
    assert result.exit_code == 3, result.output  # an internal error (PermissionError) on main
    assert result.stderr == "Error: cannot read the input:\nlocked/sub.yaml: cannot be read: Permission denied; check that you may read it\n"


def test_a_folder_that_cannot_be_listed_exits_3(checkout, monkeypatch):
    (checkout / "locked").mkdir()
    (checkout / "locked" / "sub.yaml").write_text(GOOD, encoding="utf-8")
    _denied(monkeypatch, "scandir", checkout / "locked")
    result = invoke("validate", "locked")
    assert result.exit_code == 3, result.output  # 'no record files ... to validate', exit 2, on main
    assert result.stderr == "Error: cannot read the input:\nlocked: cannot be read: Permission denied; check that you may list this folder\n"


def test_a_file_that_cannot_be_opened_exits_3(checkout, monkeypatch):
    (checkout / "sub.yaml").write_text(GOOD, encoding="utf-8")
    _denied(monkeypatch, "open", checkout / "sub.yaml")
    result = invoke("validate", "sub.yaml")
    assert result.exit_code == 3
    assert result.stderr == ("Error: cannot read the input:\nsub.yaml: cannot be read: Permission denied; "
                             "check that the file exists and that you may read it\n")


def test_a_missing_file_stays_a_usage_error(checkout):
    result = invoke("validate", "nothing.yaml")
    assert (result.exit_code, result.stderr) == (2, "Error: nothing.yaml: no such file or directory\n")


# ---------------------------------------------------------------- query parameters


@pytest.mark.parametrize("value", ["jx-scoe-alliance\n", "jx-scoe-alliance\r\n"])
def test_a_parameter_with_a_trailing_line_break_does_not_change_the_query_text(checkout, value):
    result = invoke("query", "alliance-members", "--param", f"alliance={value}", "--show-query")
    assert result.exit_code == 2, result.output  # main bound <…/jx-scoe-alliance\n> into the text
    assert result.stderr.startswith("Error: parameter 'alliance': 'jx-scoe-alliance")
    assert "is not an IRI or a record id" in result.stderr and result.stdout == ""


def test_an_integer_parameter_of_5000_digits_is_a_usage_error(checkout):
    names = [q for q in invoke("query", "--list").stdout.splitlines() if "min_" in q]
    name, param = names[0].split()[0], re.search(r"\[?(min_\w+)", names[0]).group(1)
    result = invoke("query", name, "--param", f"{param}={'9' * 5000}")
    assert result.exit_code == 2, result.output  # an internal error (ValueError) on main
    assert f"parameter '{param}' must be a whole number between" in result.stderr


# ---------------------------------------------------------------- ingest: an unwritable folder, staging files


def test_a_read_only_parent_of_data_is_a_message_at_ingest(checkout, monkeypatch):
    import cheikg.ingest as ingest

    (checkout / "sub.yaml").write_text(GOOD, encoding="utf-8")

    def denied(*args, dir=None, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(dir))

    monkeypatch.setattr(ingest.tempfile, "mkstemp", denied)
    before = sorted(p.name for p in (checkout / "data" / "facts").iterdir())
    result = invoke("ingest", "sub.yaml")
    assert result.exit_code == 2, result.output  # an internal error (PermissionError) on main
    name = sorted(p.name for p in (checkout / "data" / "facts").iterdir())
    assert name == before
    assert result.stderr.startswith("Error: cannot write data/facts/")
    assert result.stderr.endswith(": Permission denied (.); ingest writes the new file in ., beside the data directory, "
                                  "then links it into place in one step, so both folders must be writable\n")


def _staging(folder: Path, name: str, age: float) -> Path:
    path = folder / name
    path.write_text("memberships: []\n", encoding="utf-8")
    then = time.time() - age
    os.utime(path, (then, then))
    return path


def test_stale_staging_files_of_killed_ingests_are_removed_by_the_next_ingest(checkout):
    (checkout / "sub.yaml").write_text(GOOD, encoding="utf-8")
    env = {**os.environ, "CHEIKG_TEST_INGEST_PAUSE": "60"}
    killed = subprocess.Popen([sys.executable, "-m", "cheikg", "ingest", "sub.yaml"], cwd=checkout, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 90
    while not list(checkout.glob(".cheikg-ingest-*.yaml")):
        assert time.monotonic() < deadline and killed.poll() is None
        time.sleep(0.05)
    killed.kill()
    killed.wait(timeout=30)
    (left,) = checkout.glob(".cheikg-ingest-*.yaml")
    os.utime(left, (time.time() - 3600, time.time() - 3600))
    # a live ingest's staging file: old, but locked by its writer
    live = _staging(checkout, ".cheikg-ingest-live0000.yaml", 3600)
    holder = subprocess.Popen([sys.executable, "-c", "import fcntl, sys, time; f = open(sys.argv[1]); fcntl.flock(f, fcntl.LOCK_EX); "
                               "print('locked', flush=True); time.sleep(120)", str(live)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "locked\n"
        fresh = _staging(checkout, ".cheikg-ingest-fresh000.yaml", 0)  # just made: another ingest may be about to lock it
        other = _staging(checkout, ".cheikg-ingest-notours.txt", 3600)  # not a name ingest makes
        result = invoke("ingest", "sub.yaml")
        assert result.exit_code == 0, result.output
        assert f"Removed 1 temporary file left by an interrupted ingest: {left.name}" in result.stderr
        assert sorted(p.name for p in checkout.glob(".cheikg-ingest-*")) == sorted([live.name, fresh.name, other.name])
    finally:
        holder.kill()
        holder.wait(timeout=30)


# ---------------------------------------------------------------- crash reports


def test_crash_reports_go_to_one_folder_with_a_cap(checkout, monkeypatch, tmp_path):
    import cheikg.cli as cheikg_cli
    import cheikg.cli.commands as commands

    folder = tmp_path / "crashes"
    monkeypatch.setenv("CHEIKG_CRASH_DIR", str(folder))

    def boom(*args, **kwargs):
        raise RuntimeError("kaput \x1b]0;title\x07")

    monkeypatch.setattr(commands, "build_graph", boom)
    for _ in range(cheikg_cli.MAX_CRASH_REPORTS + 5):
        result = invoke("build")
        assert result.exit_code == 5
    reports = sorted(folder.glob("crash-*.txt"))
    assert len(reports) == cheikg_cli.MAX_CRASH_REPORTS
    assert f"details in {folder}" in result.stderr
    assert "\x1b" not in result.stderr and "kaput \\x1b]0;title\\x07" in result.stderr
    assert "RuntimeError: kaput" in reports[-1].read_text(encoding="utf-8")


def test_the_default_crash_folder_is_the_users_state_folder(monkeypatch, tmp_path):
    import cheikg.cli as cheikg_cli

    monkeypatch.delenv("CHEIKG_CRASH_DIR")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert cheikg_cli.crash_dir() == tmp_path / "state" / "cheikg" / "crashes"


# ---------------------------------------------------------------- the audit of '$' in validating patterns


def test_no_validating_pattern_ends_in_a_dollar_that_lets_a_final_newline_through():
    """'^x$' matches 'x\\n': every anchored pattern of the code base ends in \\Z or is used with fullmatch."""
    pattern = re.compile(r"""re\.(?:compile|match|search)\(\s*r?(["'])\^(?:(?!\1).)*\$\1""")
    found = [f"{p.relative_to(ROOT)}:{n}" for folder in ("src", "loaders", "queries", "cli", "benchmarks")
             for p in sorted((ROOT / folder).rglob("*.py"))
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line)]
    assert found == []


def test_record_files_named_in_capitals_are_ingested_and_built(checkout):
    (checkout / "SUB.YAML").write_text(GOOD, encoding="utf-8")  # main: "ingest takes record files (.yaml, .csv); RDF files ..."
    (checkout / "MEMBERSHIPS-NEW.CSV").write_text(
        f'id,member,organization,role,source,quote\nm-y,tyut,shanxi-isea,rotating-chair,tyut-shanxi-isea-founding,"{QUOTE}"\n', encoding="utf-8")
    for name in ("SUB.YAML", "MEMBERSHIPS-NEW.CSV"):
        result = invoke("ingest", name)
        assert result.exit_code == 0, result.output
        assert "1 records added" in result.stdout
    assert invoke("build").exit_code == 0
