"""Shared fixtures: the seed graph compiled once per session, in memory."""

from __future__ import annotations

from pathlib import Path

import pytest

from cheikg.api import KnowledgeGraph
from cheikg.build import compile_records, record_files
from cheikg.export import to_ntriples

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


@pytest.fixture(scope="session")
def seed_compiled():
    """The shipped records compiled to a graph (with the ontology and vocabularies)."""
    return compile_records(record_files(DATA))


@pytest.fixture(scope="session")
def seed_kg(seed_compiled) -> KnowledgeGraph:
    """The seed graph in an in-memory embedded store, for library queries."""
    return KnowledgeGraph.in_memory(to_ntriples(seed_compiled.graph).encode())


@pytest.fixture(scope="session")
def built_checkout(tmp_path_factory) -> Path:
    """A checkout-like folder with ./data (a copy of the shipped records) and a current ./build, made once."""
    import shutil

    from cheikg.build import open_store

    root = tmp_path_factory.mktemp("checkout")
    shutil.copytree(DATA, root / "data", ignore=shutil.ignore_patterns("reference"))  # TEMP-REFERENCE
    open_store(root / "data", root / "build")
    return root


@pytest.fixture()
def checkout(built_checkout, tmp_path, monkeypatch) -> Path:
    """A fresh copy of ``built_checkout`` as the working directory; its build is current, so nothing rebuilds."""
    import shutil

    shutil.copytree(built_checkout / "data", tmp_path / "data")
    shutil.copytree(built_checkout / "build", tmp_path / "build")
    monkeypatch.chdir(tmp_path)
    return tmp_path
