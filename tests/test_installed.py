"""The CLI from a real (non-editable) install, run in an empty directory: packaged files found through importlib.resources."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("site")
    # reuse this environment's setuptools when recent enough, else let pip fetch one
    isolation = ["--no-build-isolation"] if _has_setuptools() else []
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", *isolation, "--target", str(target), str(ROOT)],
        check=True, capture_output=True, text=True,
    )
    return target


def _has_setuptools() -> bool:
    try:
        import setuptools
    except ImportError:
        return False
    return tuple(int(x) for x in setuptools.__version__.split(".")[:2]) >= (69, 0)


def _run(installed: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(installed)}
    env.pop("CHEIKG_DATA", None)
    return subprocess.run([sys.executable, "-m", "cheikg", *args], cwd=cwd, env=env, capture_output=True, text=True)


def test_installed_copy_ships_its_files(installed):
    pkg = installed / "cheikg"
    for rel in ("ontology/cheikg.ttl", "ontology/vocabularies.ttl", "shapes/core.ttl", "queries/alliance-chairs.rq", "data/organizations.yaml", "data/facts",
                "data/reference/institutions.csv", "data/reference/sources.yaml", "data/reference/README.md"):
        assert (pkg / rel).exists(), rel
    assert not (installed / "cli").exists() and not (installed / "loaders").exists()
    assert (installed / "bin" / "cheikg").exists()


def test_installed_cli_builds_and_queries_from_an_empty_directory(installed, tmp_path):
    build = _run(installed, tmp_path, "build")
    assert build.returncode == 0, build.stderr
    assert "Validation: 0 violations" in build.stdout
    assert (tmp_path / "build" / "graph" / "cheikg.ttl").is_file()
    assert not (installed / "cheikg" / "build").exists()
    query = _run(installed, tmp_path, "query", "alliance-chairs", "--format", "csv")
    assert query.returncode == 0, query.stderr
    assert "res:jufe" in query.stdout
    imported = subprocess.run([sys.executable, "-c", "import cheikg; print(cheikg.__file__)"], cwd=tmp_path,
                              env={**os.environ, "PYTHONPATH": str(installed)}, capture_output=True, text=True)
    assert imported.stdout.startswith(str(installed))


def test_installed_cli_writes_the_site_with_its_templates_and_styles(installed, tmp_path):
    pkg = installed / "cheikg" / "site"
    for rel in ("templates/entity.html", "templates/base.html", "static/style.css", "static/search.js", "static/query.js"):
        assert (pkg / rel).is_file(), rel
    done = _run(installed, tmp_path, "site", "-o", "out")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Wrote out: ")
    assert "江西财经大学" in (tmp_path / "out" / "entity" / "jufe.html").read_text(encoding="utf-8")
    assert (tmp_path / "out" / "static" / "style.css").read_bytes() == (pkg / "static" / "style.css").read_bytes()

