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
