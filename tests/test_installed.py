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


def _run(installed: Path, cwd: Path, *args: str, cache: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(installed)}
    env.pop("CHEIKG_DATA", None)
    env.pop("CHEIKG_BUILD", None)
    if cache is not None:
        env["XDG_CACHE_HOME"] = str(cache)  # platformdirs' per-user cache on Linux
    return subprocess.run([sys.executable, "-m", "cheikg", *args], cwd=cwd, env=env, capture_output=True, text=True)


def test_installed_copy_ships_its_files(installed):
    pkg = installed / "cheikg"
    for rel in ("ontology/cheikg.ttl", "ontology/vocabularies.ttl", "shapes/core.ttl", "queries/alliance-chairs.rq", "data/organizations.yaml", "data/facts",
                "data/reference/institutions.csv", "data/reference/sources.yaml", "data/reference/README.md"):
        assert (pkg / rel).exists(), rel
    assert not (installed / "cli").exists() and not (installed / "loaders").exists()
    assert (installed / "bin" / "cheikg").exists()


def test_installed_cli_reads_outside_a_checkout_without_writing_there(installed, tmp_path):
    """query, export and network outside a checkout build the shipped records once into the per-user cache,
    and write nothing into the working directory (nor into the installed package)."""
    cwd, cache = tmp_path / "elsewhere", tmp_path / "cache"
    cwd.mkdir()
    query = _run(installed, cwd, "query", "alliance-chairs", "--format", "csv", cache=cache)
    assert query.returncode == 0, query.stderr
    assert "res:jufe" in query.stdout
    assert "building the graph into " + str(cache) in query.stderr
    (manifest,) = cache.glob("cheikg/*/build/graph/manifest.json")
    assert manifest.parent.parent.parent.name.startswith("0.")  # one folder per version and installed copy
    for args in (("export", "--format", "nt"), ("network", "metrics", "--format", "csv")):
        again = _run(installed, cwd, *args, cache=cache)
        assert again.returncode == 0, again.stderr
        assert "building" not in again.stderr  # the cached build is current
    assert list(cwd.iterdir()) == []
    assert not (installed / "cheikg" / "build").exists()
    imported = subprocess.run([sys.executable, "-c", "import cheikg; print(cheikg.__file__)"], cwd=cwd,
                              env={**os.environ, "PYTHONPATH": str(installed)}, capture_output=True, text=True)
    assert imported.stdout.startswith(str(installed))


def test_installed_cli_writes_the_site_with_its_templates_and_styles(installed, tmp_path):
    pkg = installed / "cheikg" / "site"
    for rel in ("templates/entity.html", "templates/base.html", "static/style.css", "static/search.js", "static/query.js"):
        assert (pkg / rel).is_file(), rel
    done = _run(installed, tmp_path, "site", "-o", "out", cache=tmp_path / "cache")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Wrote out: ")
    assert "江西财经大学" in (tmp_path / "out" / "entity" / "jufe.html").read_text(encoding="utf-8")
    assert (tmp_path / "out" / "static" / "style.css").read_bytes() == (pkg / "static" / "style.css").read_bytes()


def test_installed_cli_builds_with_a_named_build_and_refuses_a_missing_one(installed, tmp_path):
    build = _run(installed, tmp_path, "build", "--build", "kg", cache=tmp_path / "cache")
    assert build.returncode == 0, build.stderr
    assert "Validation: 0 violations" in build.stdout and "Built: kg/graph" in build.stdout
    assert (tmp_path / "kg" / "graph" / "cheikg.ttl").is_file()
    missing = _run(installed, tmp_path, "query", "alliances", "--build", "no-such-build", cache=tmp_path / "cache")
    assert missing.returncode == 2
    assert missing.stderr == (
        "Error: the build directory no-such-build does not exist; build into it first (cheikg build --build no-such-build), or leave out --build\n"
    )
    assert not (tmp_path / "no-such-build").exists()
