"""Networks of the knowledge graph: networkx graphs built through the query library, their measures,
exports for Gephi and Cytoscape, and pictures."""

from __future__ import annotations

from .export import FORMATS, export_network, network_text, read_network
from .graphs import DEFAULT_NETWORK, NETWORKS, build_network
from .metrics import COMMUNITY_METHODS, SEED, TABLES, Metrics, Table, measure, network_metrics

__all__ = [
    "COMMUNITY_METHODS",
    "DEFAULT_NETWORK",
    "FORMATS",
    "NETWORKS",
    "SEED",
    "TABLES",
    "Metrics",
    "Table",
    "build_network",
    "export_network",
    "measure",
    "network_metrics",
    "network_text",
    "read_network",
]
