"""Networks as files Gephi, Cytoscape and networkx read back: GraphML, GEXF and node-link JSON.

Attributes keep their types (GraphML and GEXF declare int, double, boolean
and string keys), Chinese names stay UTF-8 text, and no attribute is ever None
(networkx refuses to write one to GraphML, and Gephi reads an empty cell as a
type error).  Nodes and edges are written in the graph's (sorted) order, so
the same records give the same bytes.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from cheikg.atomic import write_atomic
from cheikg.errors import UsageError
from cheikg.queries.runner import Target

from .graphs import DEFAULT_NETWORK, build_network

FORMATS = ("graphml", "gexf", "json")
EXTENSIONS = {"graphml": ".graphml", "gexf": ".gexf", "json": ".json"}


def _check_values(graph: nx.Graph) -> None:
    for node, data in graph.nodes(data=True):
        for key, value in data.items():
            if value is None:
                raise UsageError(f"node {node} has no value for '{key}', which GraphML and GEXF cannot hold")
    for u, v, data in graph.edges(data=True):
        for key, value in data.items():
            if value is None:
                raise UsageError(f"the edge {u} -- {v} has no value for '{key}', which GraphML and GEXF cannot hold")


def network_text(graph: nx.Graph, fmt: str) -> str:
    """The graph in ``fmt`` (graphml, gexf or json) as text."""
    if fmt not in FORMATS:
        raise UsageError(f"'{fmt}' is not a network format; use one of {', '.join(FORMATS)}")
    _check_values(graph)
    if fmt in ("graphml", "gexf"):
        # the stream writers keep Chinese as UTF-8 text (the string generators escape it as &#...;)
        buffer = io.BytesIO()
        if fmt == "graphml":
            nx.write_graphml_xml(graph, buffer, encoding="utf-8", prettyprint=True)
        else:
            nx.write_gexf(graph, buffer, encoding="utf-8", prettyprint=True)
        text = buffer.getvalue().decode("utf-8")
        # GEXF's optional lastmodifieddate is today's date: left out, so the same records give the same bytes
        text = re.sub(r' lastmodifieddate="[0-9-]*"', "", text, count=1)
        return text.rstrip("\n") + "\n"
    return json.dumps(nx.node_link_data(graph, edges="edges"), ensure_ascii=False, indent=1) + "\n"


def read_network(path: Path, fmt: str) -> nx.Graph:
    """A written network read back by networkx (what a round-trip test and a notebook do)."""
    if fmt == "graphml":
        return nx.read_graphml(path)
    if fmt == "gexf":
        return nx.read_gexf(path)
    return nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="edges")


@dataclass(frozen=True)
class Exported:
    text: str
    nodes: int
    edges: int


def export_network(
    target: Target,
    name: str = DEFAULT_NETWORK,
    fmt: str = "graphml",
    output: Path | None = None,
    *,
    alliance: str | None = None,
) -> Exported:
    """Build the network and serialise it; with ``output``, write it there atomically."""
    graph = build_network(target, name, alliance=alliance)
    text = network_text(graph, fmt)
    if output is not None:
        write_atomic(output, text)
    return Exported(text, graph.number_of_nodes(), graph.number_of_edges())
