"""The bad-input corpus: each folder under tests/bad_input/ holds one submitted file and what
`cheikg validate` must answer: the exact standard output, standard error and exit code.

Exit 3 is unreadable input, 1 records with violations, 0 input accepted after
normalisation (a byte-order mark, full-width digits, 2025年11月12日, CRLF).
To review a deliberate change of wording: CHEIKG_UPDATE_GOLDEN=1 python -m pytest tests/test_bad_input.py,
then read `git diff tests/bad_input`.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from cheikg.cli import cli

CORPUS = Path(__file__).parent / "bad_input"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 40
    exits = [yaml.safe_load((CORPUS / c / "expected.yaml").read_text(encoding="utf-8"))["exit"] for c in CASES]
    assert min(exits.count(3), exits.count(1), exits.count(0)) >= 5, exits


@pytest.mark.parametrize("case", CASES)
def test_bad_input(checkout, case):
    folder = CORPUS / case
    (submitted,) = [p for p in folder.iterdir() if p.name != "expected.yaml"]
    shutil.copy(submitted, checkout / submitted.name)
    result = CliRunner().invoke(cli, ["validate", submitted.name])
    got = {"exit": result.exit_code, "stdout": result.stdout, "stderr": result.stderr}
    expected_file = folder / "expected.yaml"
    if os.environ.get("CHEIKG_UPDATE_GOLDEN"):
        expected_file.write_text(yaml.safe_dump(got, allow_unicode=True, sort_keys=False, width=100000), encoding="utf-8")
    expected = yaml.safe_load(expected_file.read_text(encoding="utf-8"))
    assert got == expected
    assert "Traceback" not in result.output
