"""The one module that knows where packaged files live (ontology, shapes, queries, records).

Everything is found through importlib.resources, so an installed copy works
from any directory; only the user's own data directory comes from the command
line or the current directory.
"""

from __future__ import annotations

from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from pathlib import Path

# the reused terms' declarations ship with the ontology, so every built graph is OWL 2 DL
ONTOLOGY_FILES = ("cheikg.ttl", "vocabularies.ttl", "imports/declarations.ttl")
SHAPE_FILES = ("core.ttl", "ranges.ttl", "vocabularies.ttl", "recommended.ttl", "sparql.ttl")


def ontology_dir() -> Traversable:
    return files("cheikg.ontology")


def shapes_dir() -> Traversable:
    return files("cheikg.shapes")


def queries_dir() -> Traversable:
    return files("cheikg.queries")


def ontology_texts() -> list[tuple[str, str]]:
    return [(name, ontology_dir().joinpath(*name.split("/")).read_text(encoding="utf-8")) for name in ONTOLOGY_FILES]


def shape_texts() -> list[tuple[str, str]]:
    return [(name, (shapes_dir() / name).read_text(encoding="utf-8")) for name in SHAPE_FILES]


def import_texts() -> list[tuple[str, str]]:
    """The axioms and declarations of the ontologies cheikg builds on (for the OWL RL and OWL 2 DL checks)."""
    folder = ontology_dir() / "imports"
    return sorted((p.name, p.read_text(encoding="utf-8")) for p in folder.iterdir() if p.name.endswith(".ttl"))


def shipped_data_dir() -> Path:
    """The records shipped in the package, as a real directory."""
    # the package is installed as files on disk (not zipped), so as_file returns it in place
    with as_file(files("cheikg.data")) as path:
        return Path(path)
