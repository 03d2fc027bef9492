"""The networks of the seed graph, their measures, exports and pictures, with values read off the seed articles.

What the records say (data/facts/*.yaml), and so what the networks must be:

- Jiangxi alliance (002): JUFE is the chair institution (role rank 4); Nanchang University,
  Nanchang Hangkong University and Jiangxi Normal University are vice-chairs (3); JXUTCM and
  Gannan Normal University directors (2). Shanxi alliance (000): TYUT is a member and the
  (inferred) rotating chair, the only institution named; Sang Shengbo is a person. So the
  co-membership network is a complete graph on the six Jiangxi institutions (15 ties) plus TYUT
  alone: JUFE's degree is 5, its weighted degree 3 x (4+3)/2 + 2 x (4+2)/2 = 16.5, every
  betweenness is 0, and the six form one community.
- Partnerships: JUFE-UTS and Nanchang Hangkong-Belarusian State agreements (002), two CSCSE-WUT
  agreements (001), the joint institutes Griffith College at JUFE and Queen Mary College at
  Nanchang University (organizations.yaml), the China-SCO centre co-built by XJTU and the Shaanxi
  government (004): 11 organizations, 6 ties; JUFE alone lies between two others (UTS and
  Griffith), so its betweenness is 1 / C(10, 2) = 1/45.
"""

from __future__ import annotations

import csv
import io
import json
import os
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from cheikg.api import KnowledgeGraph
from cheikg.build import compile_records
from cheikg.cli import cli
from cheikg.errors import UsageError
from cheikg.export import to_ntriples
from cheikg.network import build_network, measure, network_text, read_network
from cheikg.network import metrics as metrics_module
from cheikg.network.fonts import FontSet, font_set
from cheikg.network.plot import plot_network, render

ROOT = Path(__file__).resolve().parent.parent
FIVE_ARTICLES = ("000-shanxi-isea", "001-wut-cscse-seminar", "002-jiangxi-scoe-alliance", "003-ustb-internationalization", "004-xjtu-china-sco-centre")
JIANGXI = {"jufe", "nanchang-university", "nanchang-hangkong-university", "jiangxi-normal-university", "jxutcm", "gannan-normal-university"}
NETWORK_NAMES = ("co-membership", "partnership", "person-organization", "institution-alliance")


@pytest.fixture(scope="module")
def five_ntriples() -> str:
    """The graph of the five seed articles the values above are derived from (later articles add nodes)."""
    data = ROOT / "data"
    files = [data / f for f in ("sources.yaml", "places.yaml", "organizations.yaml", "persons.yaml")]
    files += [data / "facts" / f"{name}.yaml" for name in FIVE_ARTICLES]
    return to_ntriples(compile_records(files).graph)


@pytest.fixture(scope="module")
def five_kg(five_ntriples) -> KnowledgeGraph:
    return KnowledgeGraph.in_memory(five_ntriples.encode())


@pytest.fixture()
def cli_kg(five_kg, monkeypatch):
    """The CLI's `network` commands answering from the in-memory seed graph (no build on disk)."""
    import cheikg.cli.network as commands

    monkeypatch.setattr(commands, "_target", lambda data_dir, build_dir, progress=None: five_kg.target)
    return five_kg


def invoke(*args: str):
    return CliRunner().invoke(cli, ["network", *args])


def nodes_table(metrics) -> dict[str, dict]:
    return {r["id"]: r for r in metrics.tables["nodes"].records()}


# -- the networks


def test_co_membership_of_the_seed_graph(five_kg):
    graph = five_kg.network("co-membership")
    assert isinstance(graph, nx.Graph) and not graph.is_directed()
    assert set(graph) == JIANGXI | {"tyut"}
    assert nx.is_isomorphic(graph, nx.disjoint_union(nx.complete_graph(6), nx.empty_graph(1)))
    assert graph.edges["jufe", "nanchang-university"] == {"weight": 3.5, "alliances": 1, "alliance_ids": "jx-scoe-alliance"}
    assert graph.edges["jxutcm", "gannan-normal-university"]["weight"] == 2.0
    assert graph.nodes["jufe"] == {
        "label": "Jiangxi University of Finance and Economics", "label_zh": "江西财经大学", "kind": "organization", "type": "university",
        "province": "Jiangxi Province", "province_zh": "江西省", "country": "China", "country_zh": "中国",
        "iri": "https://w3id.org/cheikg/resource/jufe", "alliances": 1, "alliance_roles": "jx-scoe-alliance: chair",
    }
    assert graph.nodes["tyut"]["alliance_roles"] == "shanxi-isea: member, rotating-chair"
    assert graph.nodes["tyut"]["province_zh"] == "山西省"


def test_partnership_edges_carry_type_date_and_source(five_kg):
    graph = five_kg.network("partnership")
    assert graph.number_of_nodes() == 11 and graph.number_of_edges() == 6
    assert set(graph.edges) == {
        ("belarusian-state-university", "nanchang-hangkong-university"), ("cscse", "wut"), ("griffith-university", "jufe"),
        ("jufe", "uts"), ("nanchang-university", "qmul"), ("shaanxi-peoples-government", "xjtu"),
    }
    cscse = graph.edges["cscse", "wut"]
    assert cscse["ties"] == 2 and cscse["weight"] == 2.0
    assert cscse["tie_type"] == "program-agreement | strategic-cooperation-agreement"
    assert cscse["date"] == "2024-06-18" and cscse["sources"] == "wut-cscse-seminar-2025"
    assert cscse["inferred"] is True  # date and occasion read from context
    uts = graph.edges["jufe", "uts"]
    assert (uts["kind"], uts["tie_type"], uts["date"], uts["sources"]) == ("agreement", "cooperative-education-agreement", "2025-11-17", "xinhua-jiangxi-scoe-alliance")
    assert uts["inferred"] is True  # the year is inferred
    griffith = graph.edges["griffith-university", "jufe"]
    assert (griffith["kind"], griffith["via"], griffith["date"], griffith["inferred"]) == ("joint-institute", "griffith-college-jufe", "", True)
    centre = graph.edges["shaanxi-peoples-government", "xjtu"]
    assert (centre["kind"], centre["tie_type"], centre["via"], centre["inferred"]) == ("co-built-centre", "cooperation-centre", "china-sco-hecc", False)
    assert graph.nodes["uts"]["country"] == "Australia" and graph.nodes["uts"]["province"] == ""


def test_person_organization_network(five_kg):
    graph = five_kg.network("person-organization")
    liu = graph["liu-wenwei"]
    assert set(liu) == {"shanxi-isea-founding-conference", "tianjin-university", "tju-school-of-international-education"}
    assert liu["tianjin-university"]["relation"] == "on-behalf-of"
    assert liu["tju-school-of-international-education"]["role"] == "vice-dean"
    li = graph.edges["li-jinbi", "shanxi-education-department"]
    assert li["relation"] == "on-behalf-of | post" and li["ties"] == 4
    assert li["role"] == "attendee | deputy-director-general | party-leadership-group-member | speaker"
    assert graph.edges["tyut", "shanxi-isea-founding-conference"]["relation"] == "host"
    assert graph.edges["ustb", "ustb-year-of-internationalization-meeting-2024"]["relation"] == "organizer"
    assert {graph.nodes[n]["kind"] for n in graph} == {"person", "organization", "event"}


def test_institution_alliance_graph_is_bipartite(five_kg):
    graph = five_kg.network("institution-alliance")
    assert nx.is_bipartite(graph)
    alliances = {n for n, d in graph.nodes(data=True) if d["bipartite"] == 1}
    assert alliances == {"jx-scoe-alliance", "shanxi-isea"}
    assert set(graph["jx-scoe-alliance"]) == JIANGXI
    assert graph.edges["tyut", "shanxi-isea"] == {"weight": 4.0, "roles": "member | rotating-chair"}
    assert graph.nodes["jx-scoe-alliance"]["province"] == "Jiangxi Province"


def test_an_alliance_neighbourhood_keeps_its_members(five_kg):
    graph = five_kg.network("partnership", alliance="jx-scoe-alliance")
    assert set(graph) == JIANGXI | {"uts", "griffith-university", "qmul", "belarusian-state-university"}
    assert graph.number_of_edges() == 4
    assert graph.graph["alliance"] == "jx-scoe-alliance"
    # TYUT has no partnership in the records: kept as a lone node, so the picture shows the member
    shanxi = five_kg.network("partnership", alliance="shanxi-isea")
    assert set(shanxi) == {"tyut"} and shanxi.number_of_edges() == 0


def test_unknown_network_and_alliance_are_usage_errors(five_kg):
    with pytest.raises(UsageError, match=r"^no network is named 'co-member'\. Did you mean 'co-membership'\?"):
        build_network(five_kg.target, "co-member")
    with pytest.raises(UsageError, match=r"^no alliance has the id 'jx-scoe'\. Did you mean 'jx-scoe-alliance'\?"):
        build_network(five_kg.target, "co-membership", alliance="jx-scoe")


def test_the_whole_seed_graph_keeps_the_jiangxi_alliance_together(seed_kg):
    """On every record shipped (more articles than the five): JUFE's ties and the Jiangxi community hold."""
    graph = seed_kg.network("co-membership")
    nodes = nodes_table(measure(graph))
    assert set(graph["jufe"]) == JIANGXI - {"jufe"} and nodes["jufe"]["degree"] == 5
    assert len({nodes[n]["community"] for n in JIANGXI}) == 1


# -- measures


def test_co_membership_measures(five_kg):
    result = measure(five_kg.network("co-membership"))
    nodes = nodes_table(result)
    assert (nodes["jufe"]["degree"], nodes["jufe"]["weighted_degree"], nodes["jufe"]["betweenness"]) == (5, 16.5, 0.0)
    assert nodes["nanchang-university"]["weighted_degree"] == 14.5
    assert nodes["jxutcm"]["weighted_degree"] == 12.5
    assert (nodes["tyut"]["degree"], nodes["tyut"]["eigenvector"]) == (0, 0.0)
    assert all(r["betweenness"] == 0.0 for r in nodes.values())
    # eigenvector centrality follows the role ranks: chair, then vice-chairs, then directors
    assert nodes["jufe"]["eigenvector"] == 1.0
    assert 1.0 > nodes["nanchang-university"]["eigenvector"] == nodes["jiangxi-normal-university"]["eigenvector"] > nodes["jxutcm"]["eigenvector"] > 0
    # the Jiangxi alliance's members form one community, TYUT another
    assert {nodes[n]["community"] for n in JIANGXI} == {1} and nodes["tyut"]["community"] == 2
    assert [r["ids"] for r in result.tables["components"].records()] == [" | ".join(sorted(JIANGXI)), "tyut"]
    assert result.modularity == 0.0 and result.tables["bridging"].rows == ()
    provinces = {r["province"]: r for r in result.tables["provinces"].records()}
    assert (provinces["Jiangxi Province"]["nodes"], provinces["Jiangxi Province"]["edges_within"], provinces["Jiangxi Province"]["edges_across"]) == (6, 15, 0)
    assert provinces["Jiangxi Province"]["province_zh"] == "江西省"
    assert provinces["Jiangxi Province"]["top"] == "Jiangxi University of Finance and Economics"
    assert provinces["Shanxi Province"]["nodes"] == 1
    assert [r["country"] for r in result.tables["countries"].records()] == ["China"]
    assert any("relative to each node's connected component" in n for n in result.notes)
    assert result.betweenness_method == "exact"


def test_partnership_measures(five_kg):
    result = measure(five_kg.network("partnership"))
    nodes = nodes_table(result)
    assert nodes["jufe"]["betweenness"] == round(1 / 45, 6) and nodes["jufe"]["degree"] == 2
    assert result.tables["nodes"].rows[0][0] == "jufe"  # most between first
    assert [r["size"] for r in result.tables["components"].records()] == [3, 2, 2, 2, 2]
    countries = {r["country"]: r for r in result.tables["countries"].records()}
    assert (countries["Australia"]["nodes"], countries["Australia"]["edges_within"], countries["Australia"]["edges_across"]) == (2, 0, 2)
    assert countries["Australia"]["country_zh"] == "澳大利亚"


def test_person_organization_betweenness(five_kg):
    nodes = nodes_table(measure(five_kg.network("person-organization")))
    # Liu Wenwei alone links Tianjin University and its school (2 nodes) to the 6 others of the
    # Shanxi founding conference's component, and the two to each other: 13 pairs of 26 nodes
    assert nodes["liu-wenwei"]["betweenness"] == round(13 * 2 / (25 * 24), 6)


def test_bridging_nodes_link_two_communities():
    graph = nx.relabel_nodes(nx.barbell_graph(4, 1), str)  # two 4-cliques joined through node 4
    result = measure(graph)
    communities = {r["id"]: r["community"] for r in result.tables["nodes"].records()}
    assert len(set(communities.values())) == 2
    bridges = [r["id"] for r in result.tables["bridging"].records()]
    # node 4 first; with it, the clique node on the side of the other community
    other = "5" if communities["4"] == communities["3"] else "3"
    assert bridges == ["4", other]


def test_betweenness_is_sampled_above_the_work_budget_and_says_so():
    graph = nx.relabel_nodes(nx.gnm_random_graph(300, 900, seed=1), str)
    first = measure(graph, exact_work=1000)
    assert (first.betweenness_method, first.betweenness_samples) == ("sampled", 100)
    assert any(n.startswith("betweenness is estimated from 100 sampled source nodes (seed 42), not exact") for n in first.notes)
    assert first.tables["nodes"].rows == measure(graph, exact_work=1000).tables["nodes"].rows  # seeded: repeats
    assert metrics_module.betweenness(graph)[1] is None  # within the default budget: exact


def test_eigenvector_that_does_not_converge_is_left_empty():
    graph = nx.relabel_nodes(nx.path_graph(5), str)
    result = measure(graph, eigenvector_max_iter=1)
    assert all(r["eigenvector"] is None for r in result.tables["nodes"].records())
    assert any("did not converge within 1 iterations" in n for n in result.notes)


def test_communities_repeat_and_greedy_agrees_on_the_seed(five_kg):
    graph = five_kg.network("person-organization")
    louvain = measure(graph).tables["communities"].rows
    assert louvain == measure(graph).tables["communities"].rows
    greedy = measure(graph, communities="greedy").tables["communities"].records()
    assert sum(r["size"] for r in greedy) == graph.number_of_nodes()


# -- the CLI


def test_metrics_csv_lists_institutions_with_degree_and_betweenness(cli_kg):
    result = invoke("metrics", "--network", "co-membership", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(result.stdout))}
    assert set(rows) == JIANGXI | {"tyut"}
    assert (rows["jufe"]["degree"], rows["jufe"]["betweenness"], rows["jufe"]["label_zh"]) == ("5", "0.0", "江西财经大学")
    assert result.stderr.startswith("Network: co-membership, 7 nodes, 15 edges\n")


def test_metrics_table_json_and_md(cli_kg):
    table = invoke("metrics", "--network", "partnership")
    assert table.exit_code == 0
    assert "Betweenness: exact (unweighted shortest paths, normalised)" in table.stdout
    assert "\nProvinces\n" in table.stdout and "\nCountries\n" in table.stdout
    doc = json.loads(invoke("metrics", "--network", "partnership", "--format", "json").stdout)
    assert doc["summary"]["nodes"] == 11 and doc["summary"]["betweenness"] == "exact"
    assert doc["nodes"][0]["id"] == "jufe" and doc["nodes"][0]["betweenness"] == round(1 / 45, 6)
    md = invoke("metrics", "--format", "md", "--table", "provinces").stdout
    assert "## Provinces" in md and "| Jiangxi Province | 江西省 | 6 | 15 | 0 |" in md


def test_metrics_says_when_betweenness_is_sampled(cli_kg, monkeypatch):
    monkeypatch.setattr(metrics_module, "EXACT_BETWEENNESS_WORK", 1)
    monkeypatch.setattr(metrics_module, "MIN_BETWEENNESS_SAMPLES", 2)
    result = invoke("metrics", "--network", "person-organization", "--table", "nodes")
    assert result.exit_code == 0
    assert "Betweenness: sampled from 2 source nodes" in result.stdout
    assert "note: betweenness is estimated from 2 sampled source nodes (seed 42), not exact" in result.stdout


def test_cli_errors(cli_kg, tmp_path):
    bad = invoke("metrics", "--network", "co-member")
    assert bad.exit_code == 2
    assert "Invalid value for '--network': 'co-member' is not one of 'co-membership', 'partnership'" in bad.output
    unknown = invoke("plot", "--alliance", "jx-scoe", "-o", str(tmp_path / "x.png"))
    assert unknown.exit_code == 2
    assert unknown.output == "Error: no alliance has the id 'jx-scoe'. Did you mean 'jx-scoe-alliance'? `cheikg query alliances` lists them\n"
    assert not (tmp_path / "x.png").exists()
    blocker = tmp_path / "afile"
    blocker.write_text("", encoding="utf-8")
    for args in (("export", "-o", str(blocker / "kg.graphml")), ("plot", "-o", str(blocker / "kg.png"))):
        unwritable = invoke(*args)
        assert unwritable.exit_code == 2
        assert unwritable.output.startswith(f"Error: cannot write {blocker / args[-1].rsplit('/', 1)[-1]}: {blocker} is a file, not a folder;")
    jpg = invoke("plot", "-o", str(tmp_path / "kg.jpg"))
    assert (jpg.exit_code, jpg.output.splitlines()[-1]) == (2, f"Error: cannot tell the picture format of {tmp_path / 'kg.jpg'}: name the file .png or .svg")
    both = invoke("metrics", "--format", "csv", "--table", "all")
    assert both.exit_code == 2 and "CSV and TSV hold one table" in both.output


# -- exports


@pytest.mark.parametrize("name", NETWORK_NAMES)
@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_exports_read_back_with_the_same_nodes_edges_and_attributes(seed_kg, tmp_path, name, fmt):
    graph = seed_kg.network(name)
    path = tmp_path / f"kg.{fmt}"
    path.write_text(network_text(graph, fmt), encoding="utf-8")
    back = read_network(path, fmt)
    assert sorted(back.nodes) == sorted(graph.nodes)
    assert {frozenset(e) for e in back.edges} == {frozenset(e) for e in graph.edges}
    for node, data in graph.nodes(data=True):
        assert dict(back.nodes[node]) == data, node
    for u, v, data in graph.edges(data=True):
        got = dict(back.edges[u, v])
        if fmt == "gexf":
            got.pop("id")  # GEXF numbers its edges
        assert got == data, (u, v)


def test_graphml_declares_types_and_keeps_chinese(five_kg):
    text = network_text(five_kg.network("partnership"), "graphml")
    assert "江西财经大学" in text and "&#" not in text
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    keys = {(k.get("for"), k.get("attr.name")): k.get("attr.type") for k in ET.fromstring(text.encode()).findall("g:key", ns)}
    assert keys[("edge", "weight")] == "double" and keys[("edge", "ties")] == "long"
    assert keys[("edge", "inferred")] == "boolean" and keys[("node", "label_zh")] == "string"
    assert network_text(five_kg.network("partnership"), "gexf").count("lastmodifieddate") == 0


def test_export_refuses_missing_values():
    graph = nx.Graph()
    graph.add_node("a", label=None)
    with pytest.raises(UsageError, match="node a has no value for 'label'"):
        network_text(graph, "graphml")


def test_export_cli_writes_a_graphml_networkx_reads(cli_kg, tmp_path):
    out = tmp_path / "kg.graphml"
    result = invoke("export", "--format", "graphml", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stderr == f"Wrote {out} (7 nodes, 15 edges)\n"
    back = nx.read_graphml(out)
    assert back.number_of_nodes() == 7 and back.nodes["jufe"]["label_zh"] == "江西财经大学"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_measures_and_exports_do_not_depend_on_the_hash_seed(five_ntriples, tmp_path):
    nt = tmp_path / "seed.nt"
    nt.write_text(five_ntriples, encoding="utf-8")
    script = (
        "import sys, json\n"
        "from pathlib import Path\n"
        "from cheikg.api import KnowledgeGraph\n"
        "from cheikg.network import measure, network_text\n"
        "kg = KnowledgeGraph.in_memory(Path(sys.argv[1]).read_bytes())\n"
        "g = kg.network('person-organization')\n"
        "m = measure(g)\n"
        "print(json.dumps({k: t.rows for k, t in m.tables.items()}, ensure_ascii=False))\n"
        "print(network_text(g, 'graphml'))\n"
    )
    runs = [
        subprocess.Popen([sys.executable, "-c", script, str(nt)], env={**os.environ, "PYTHONHASHSEED": seed}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for seed in ("1", "2")
    ]
    outputs = [run.communicate() for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert outputs[0][0] == outputs[1][0] and outputs[0][0]


# -- pictures


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def _charmaps(fonts: FontSet) -> set[int]:
    from matplotlib.ft2font import FT2Font

    chars: set[int] = set()
    for path in fonts.files:
        chars |= set(FT2Font(path).get_charmap())
    return chars


def test_plot_png_with_chinese_labels_and_no_missing_glyphs(cli_kg, tmp_path):
    out = tmp_path / "kg.png"
    result = invoke("plot", "-o", str(out), "--lang", "zh")
    assert result.exit_code == 0, result.output
    assert result.stderr.endswith(f"Wrote {out} (7 nodes, 15 edges)\n")
    data = out.read_bytes()
    width, height = _png_size(data)
    assert width >= 1000 and height >= 600 and len(data) > 30_000
    picture = plot_network(cli_kg.target, tmp_path / "again.png", "co-membership", lang="zh")
    assert picture.data == data  # the same picture every time
    assert picture.fonts.cjk is not None, "the plot extra's CJK font (noto-cjk-sans-otc) is missing"
    assert picture.labels["jufe"] == "江西财经大学" and picture.labels["tyut"] == "太原理工大学"
    assert picture.missing_glyphs == ()
    chars = _charmaps(picture.fonts)
    for text in picture.texts:
        assert all(c.isspace() or ord(c) in chars for c in text), text


def test_plot_of_an_alliance_in_english_svg(cli_kg, tmp_path):
    out = tmp_path / "jiangxi.svg"
    picture = plot_network(cli_kg.target, out, "partnership", alliance="jx-scoe-alliance", colour="province", size="betweenness")
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<?xml") and "<svg" in text and "<text" not in text  # glyphs drawn as outlines
    assert (picture.nodes, picture.edges) == (10, 4)
    assert picture.labels["jufe"] == "Jiangxi University of\nFinance and Economics"
    assert "Jiangxi Province" in picture.texts and picture.missing_glyphs == ()


def test_plot_without_a_chinese_font_labels_in_english_and_says_why(five_kg):
    picture = render(five_kg.network("co-membership"), "png", lang="zh", fonts=font_set(cjk_file=None))
    assert picture.labels["jufe"] == "Jiangxi University of\nFinance and Economics"
    assert picture.missing_glyphs == ()
    assert any(n.startswith("no font with Chinese glyphs was found, so 7 node(s) are labelled in English; to draw Chinese, pip install 'cheikg[plot]'") for n in picture.notes)


def test_missing_glyphs_are_caught(five_kg):
    """A font set that claims glyphs it has not: matplotlib's warnings are collected, not lost."""
    honest = font_set(cjk_file=None)
    liar = FontSet(honest.families, honest.files, "DejaVu Sans", set(range(0x30000)))
    picture = render(five_kg.network("co-membership"), "png", lang="zh", fonts=liar)
    assert picture.missing_glyphs and "missing from font" in picture.missing_glyphs[0]
    assert any("glyph(s) could not be drawn" in n for n in picture.notes)


def test_plot_cli_without_a_chinese_font(cli_kg, tmp_path, monkeypatch):
    import cheikg.network.fonts as fonts

    monkeypatch.setattr(fonts, "bundled_cjk_file", lambda: None)
    monkeypatch.setattr(fonts, "_system_cjk_entry", lambda: None)
    result = invoke("plot", "-o", str(tmp_path / "kg.png"), "--lang", "zh")
    assert result.exit_code == 0
    assert "note: no font with Chinese glyphs was found" in result.stderr
    assert (tmp_path / "kg.png").stat().st_size > 30_000
