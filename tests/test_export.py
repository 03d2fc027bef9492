"""Dumps: byte-identical across runs and hash seeds, isomorphic to the built graph, readable by raptor."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from cheikg.export import FORMATS, serialize

ROOT = Path(__file__).resolve().parent.parent
PARSE_AS = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "trig": "trig"}


def _export(tmp_path: Path, seed: str, fmt: str = "turtle") -> bytes:
    out = tmp_path / f"dump-{seed}.{fmt}"
    env = {**os.environ, "PYTHONHASHSEED": seed}
    (tmp_path / "build").mkdir(exist_ok=True)  # a reading command builds into a named folder only when it exists
    subprocess.run(
        [sys.executable, "-m", "cheikg", "export", "--format", fmt, "--data", str(ROOT / "data"), "--build", str(tmp_path / "build"), "-o", str(out)],
        check=True, env=env, capture_output=True, cwd=tmp_path,
    )
    return out.read_bytes()


def test_turtle_is_byte_identical_across_hash_seeds(tmp_path):
    assert _export(tmp_path, "1") == _export(tmp_path, "4242")


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_dump_parses_back_isomorphic(seed_compiled, fmt):
    text = serialize(seed_compiled.graph, fmt)
    back = Graph()
    back.parse(data=text, format=PARSE_AS[fmt])
    if not isomorphic(back, seed_compiled.graph):
        _, only_dump, only_built = graph_diff(to_isomorphic(back), to_isomorphic(seed_compiled.graph))
        pytest.fail(f"{fmt}: only in dump {sorted(only_dump)[:5]}, only in graph {sorted(only_built)[:5]}")


def test_nt_lines_are_sorted(seed_compiled):
    lines = serialize(seed_compiled.graph, "nt").splitlines()
    assert lines == sorted(lines)
    assert len(lines) == len(seed_compiled.graph)


def test_a_changed_record_changes_only_its_own_lines(tmp_path, seed_compiled):
    from conftest import copy_seed_data

    from cheikg.build import compile_data

    data = copy_seed_data(tmp_path / "data")  # the records of seed_compiled
    before = set(serialize(seed_compiled.graph, "nt").splitlines())
    text = (data / "persons.yaml").read_text(encoding="utf-8")
    (data / "persons.yaml").write_text(text.replace("Sang Shengbo", "Sang Sheng-bo", 1), encoding="utf-8")
    after = set(serialize(compile_data(data).graph, "nt").splitlines())
    changed = before ^ after
    assert changed and all("sang-shengbo" in line for line in changed)


@pytest.mark.skipif(shutil.which("rapper") is None, reason="raptor (rapper) is installed by .ci/run")
def test_raptor_reads_the_same_triple_count(tmp_path, seed_compiled):
    path = tmp_path / "dump.ttl"
    path.write_text(serialize(seed_compiled.graph, "turtle"), encoding="utf-8")
    out = subprocess.run(["rapper", "-i", "turtle", "-c", str(path)], capture_output=True, text=True, check=True)
    assert f"returned {len(seed_compiled.graph)} triples" in out.stderr


def test_the_build_dump_has_the_bytes_of_an_export(checkout):
    from cheikg.build import DUMP_NAME, GRAPH_DIR, open_store
    from cheikg.export import to_turtle

    store = open_store(checkout / "data", checkout / "build")
    dump = (checkout / "build" / GRAPH_DIR / DUMP_NAME).read_text(encoding="utf-8")
    assert to_turtle(store.lines()) == dump
    assert dump.count("@zh-latn-pinyin") > 100  # language tags as the store keeps them: lower case


def test_lines_of_the_store_are_the_lines_of_the_compiled_graph(seed_compiled):
    from cheikg.export import Lines
    from cheikg.store import EmbeddedStore

    lines = Lines.of(seed_compiled.graph)
    store = EmbeddedStore.create(None, "".join(lines).encode())
    assert store.lines() == lines


def test_literals_are_escaped_in_canonical_n_triples_as_oxigraph_writes_them():
    import pyoxigraph as ox
    from rdflib import Literal, URIRef

    from cheikg.export import to_jsonld, to_ntriples, to_turtle

    text = 'tab\t nl\n cr\r ff\f bs\b nul\x00 del\x7f quote" backslash\\ 中文 é'
    triple = (URIRef("https://w3id.org/cheikg/resource/x"), URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal(text, lang="zh-Hant"))
    line = to_ntriples([triple])
    expected = ox.Quad(ox.NamedNode(str(triple[0])), ox.NamedNode(str(triple[1])), ox.Literal(text, language="zh-Hant"))
    assert line == f"{expected.subject} {expected.predicate} {expected.object} .\n"
    assert line.endswith('"tab\\t nl\\n cr\\r ff\\f bs\\b nul\\u0000 del\\u007F quote\\" backslash\\\\ 中文 é"@zh-hant .\n')
    for fmt, writer in (("turtle", to_turtle), ("json-ld", to_jsonld)):
        back = Graph().parse(data=writer([triple]), format=fmt)
        assert list(back) == [triple], fmt


def test_a_literal_the_store_rewrites_is_dumped_as_stored(tmp_path):
    from rdflib import Literal, URIRef
    from rdflib.namespace import XSD

    from cheikg.build import DUMP_NAME, GRAPH_DIR, write_build
    from cheikg.store import EmbeddedStore

    node, count = URIRef("https://w3id.org/cheikg/resource/x"), URIRef("https://w3id.org/cheikg/ontology#count")
    triples = [(node, count, Literal("007", datatype=XSD.integer)), (node, count, Literal("007", datatype=XSD.integer))]
    assert write_build(triples, tmp_path, "stamp") == 1
    dump = (tmp_path / GRAPH_DIR / DUMP_NAME).read_text(encoding="utf-8")
    store = EmbeddedStore.open(tmp_path / GRAPH_DIR / "store")
    assert store.lines() == [f'<{node}> <{count}> "7"^^<{XSD.integer}> .\n']
    assert dump.endswith('res:x\n    cheikg:count "7"^^xsd:integer .\n')


def test_the_api_exports_the_bytes_of_the_cli(checkout):
    from click.testing import CliRunner

    from cheikg.api import KnowledgeGraph
    from cheikg.cli import cli

    kg = KnowledgeGraph.open(checkout / "data", checkout / "build")
    for fmt in ("turtle", "nt", "jsonld"):
        result = CliRunner().invoke(cli, ["export", "--format", fmt])
        assert result.exit_code == 0, result.output
        assert result.output == kg.export(fmt), fmt
