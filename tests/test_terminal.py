"""The CLI at a terminal (a pseudo-terminal of a known width) and piped: progress, width, colour."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.cells import cell_len

from cheikg.cli import cli

from conftest import copy_seed_data
from terminal import on_terminal, screen_lines

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import generate  # noqa: E402

try:
    generate.find_reference(None)
    HAVE_REFERENCE = True
except SystemExit:
    HAVE_REFERENCE = False

STEPS = ("reading records", "mapping records to RDF", "loading the store", "validating", "writing the dump")
RATE = re.compile(r"loading the store .*\b(\d[\d,]*)/\1 triples +([\d,]+) triples/s")


def _progress_of(screen: list[str]) -> dict[str, str]:
    """The last drawing of each step's line."""
    found = {}
    for line in screen:
        for name in STEPS:
            if f" {name} " in line:
                found[name] = line
    return found


def _assert_build_progress(code: int, output: str, triples_at_least: int) -> None:
    assert code == 0, output
    screen = screen_lines(output)
    assert screen[0].startswith("Records: "), screen[:3]  # first, before the steps
    steps = _progress_of(screen)
    assert list(steps) == list(STEPS), steps
    rate = RATE.search(steps["loading the store"])
    assert rate, steps["loading the store"]
    assert int(rate.group(1).replace(",", "")) >= triples_at_least
    assert int(rate.group(2).replace(",", "")) > 0
    assert all("✓" in line for line in steps.values()), steps  # each step finished
    assert any(line.startswith("Validation: 0 violations") for line in screen)


@pytest.mark.skipif(not HAVE_REFERENCE, reason="benchmarks/generate.py needs the staged reference files (../shared/reference), which are not beside this checkout")
def test_a_generated_build_of_1e5_triples_shows_progress_with_triples_per_second(tmp_path):
    generate.generate(tmp_path / "gen", 100_000, seed=3)
    code, output = on_terminal(["build", "--data", str(tmp_path / "gen" / "data"), "--build", str(tmp_path / "build")], columns=110)
    _assert_build_progress(code, output, 90_000)


def test_build_on_a_terminal_shows_each_step_then_the_summary(tmp_path):
    copy_seed_data(tmp_path / "data")
    code, output = on_terminal(["build"], columns=110, cwd=tmp_path)
    _assert_build_progress(code, output, 40_000)


def test_piped_build_shows_no_progress(tmp_path):
    copy_seed_data(tmp_path / "data")
    done = subprocess.run([sys.executable, "-m", "cheikg", "build"], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Records: data\nTriples: ")
    assert done.stderr == ""


def test_quiet_build_on_a_terminal_shows_no_progress(tmp_path):
    copy_seed_data(tmp_path / "data")
    code, output = on_terminal(["build", "--quiet"], columns=110, cwd=tmp_path)
    assert code == 0, output
    assert "triples/s" not in output and "loading the store" not in output
    assert "\x1b[?25l" not in output  # not even an empty progress display


def test_institutions_with_chosen_columns_and_limit_fit_80_columns(built_checkout):
    code, output = on_terminal(["query", "institutions", "--columns", "moeCode,labelZh", "--limit", "5"], columns=80, cwd=built_checkout)
    assert code == 0, output
    screen = [line for line in screen_lines(output) if line]
    assert screen == [
        "moeCode     labelZh",
        "----------  ------------------------",
        "3622000335  长春师范高等专科学校",
        "3632000466  盐城幼儿师范高等专科学校",
        "3632000583  苏州幼儿师范高等专科学校",
        "3636000312  上饶幼儿师范高等专科学校",
        "3636000519  抚州幼儿师范高等专科学校",
        "(5 of 2919 rows)",
    ]
    assert max(cell_len(line) for line in screen) <= 80


@pytest.mark.parametrize("columns", [80, 50])
def test_a_wide_answer_is_cut_to_the_terminal_counting_cjk_as_two_columns(built_checkout, columns):
    code, output = on_terminal(["query", "institutions", "--param", "province=江西省", "--limit", "3"], columns=columns, cwd=built_checkout)
    assert code == 0, output
    screen = [line for line in screen_lines(output) if line]
    assert max(cell_len(line) for line in screen) <= columns, screen
    assert " ".join(screen).endswith("cut to fit the terminal)")
    assert "…" in "".join(screen)


def test_piped_tables_are_complete_and_plain(built_checkout, monkeypatch):
    monkeypatch.chdir(built_checkout)
    result = CliRunner().invoke(cli, ["query", "institutions", "--param", "province=江西省", "--limit", "3"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["institution", "moeCode", "labelZh", "label", "provinceLabelZh", "provinceLabel", "cityLabelZh", "cityLabel",
                                "educationLevel", "institutionStatus", "supervisingDepartments"]
    assert "…" not in result.stdout and "\x1b" not in result.stdout
    assert lines[-1] == "(3 of 117 rows)"


def test_colour_on_a_terminal_unless_no_color_or_never(built_checkout):
    args = ["query", "institutions", "--columns", "moeCode", "--limit", "1"]
    code, coloured = on_terminal(args, cwd=built_checkout)
    assert code == 0 and "\x1b[1mmoeCode\x1b[0m" in coloured
    code, plain = on_terminal(args, cwd=built_checkout, env={"NO_COLOR": "1"})
    assert code == 0 and "\x1b[" not in plain and "moeCode" in plain
    code, never = on_terminal([*args, "--color", "never"], cwd=built_checkout)
    assert code == 0 and "\x1b[" not in never
    code, always = on_terminal(["--color", "always", *args], cwd=built_checkout, env={"NO_COLOR": "1"})  # the option overrides NO_COLOR
    assert code == 0 and "\x1b[1mmoeCode" in always


def test_color_always_styles_piped_output_and_auto_does_not(built_checkout, monkeypatch):
    monkeypatch.chdir(built_checkout)
    args = ["query", "institutions", "--columns", "moeCode", "--limit", "1"]
    assert CliRunner().invoke(cli, args).stdout.startswith("moeCode\n")
    assert CliRunner().invoke(cli, [*args, "--color", "always"]).stdout.startswith("\x1b[1mmoeCode\x1b[0m\n")
    bad = CliRunner().invoke(cli, [*args, "--color", "sometimes"])
    assert bad.exit_code == 2 and "'sometimes' is not one of 'auto', 'always', 'never'" in bad.stderr


def test_push_reports_its_upload_as_a_step_of_the_progress_display():
    from cheikg.cli.remote import _uploaded
    from cheikg.progress import Step

    seen: list[Step] = []
    report = _uploaded(seen.append)
    report(1000, 2500)
    report(2500, 2500)
    assert seen == [Step("uploading", 1000, 2500, "triples"), Step("uploading", 2500, 2500, "triples", finished=True)]
    assert _uploaded(None) is None  # off a terminal push reports nothing


def test_network_measures_report_their_steps(seed_kg):
    from cheikg.network import network_metrics

    seen = []
    network_metrics(seed_kg.target, "co-membership", progress=seen.append)
    finished = [s.name for s in seen if s.finished]
    assert finished == ["building the network", "betweenness", "eigenvector centrality", "communities"]
