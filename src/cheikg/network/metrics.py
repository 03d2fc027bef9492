"""Measures of a network: centralities, communities, components, bridging nodes, per-place summaries.

Choices a reader of the numbers needs to know (each run also says them in its notes):

- Betweenness counts unweighted shortest paths (a tie is a tie, whatever its
  weight) and is normalised by networkx's 2/((n-1)(n-2)).  It is exact while
  nodes x edges stays within ``EXACT_BETWEENNESS_WORK`` (about 3 s on two
  cores, measured by benchmarks/network_betweenness.py); above that it is
  estimated from ``k`` source nodes drawn with the run's seed, ``k`` chosen to
  keep the same amount of work, and the output says so.
- Eigenvector centrality is weighted and computed within each connected
  component (on a disconnected graph the principal eigenvector is zero outside
  one component, hiding the others), scaled so the most central node of each
  component has 1; isolated nodes have 0.  A component on which the power
  iteration does not converge gets no value, and a note.
- Communities are Louvain's (or greedy modularity's) on the weights, with a
  fixed seed, so a run repeats; they are numbered by size, then by first id.
- A bridging node has betweenness above 0 and neighbours in at least two
  communities (its own counted); ``participation`` is Guimera and Amaral's
  participation coefficient 1 - sum_c (k_ic / k_i)^2 on weighted degrees.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx

from cheikg.errors import UsageError
from cheikg.progress import Progress, step
from cheikg.queries.runner import Target

from .graphs import DEFAULT_NETWORK, JOIN, build_network

SEED = 42
EXACT_BETWEENNESS_WORK = 6_000_000
MIN_BETWEENNESS_SAMPLES = 100
EIGENVECTOR_MAX_ITER = 1000
COMMUNITY_METHODS = ("louvain", "greedy")
TABLES = ("nodes", "communities", "bridging", "components", "provinces", "countries")
NO_PLACE = "(none)"


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]

    def records(self) -> list[dict[str, object]]:
        return [dict(zip(self.columns, row)) for row in self.rows]


@dataclass(frozen=True)
class Metrics:
    network: str
    nodes: int
    edges: int
    communities_method: str
    seed: int
    modularity: float | None
    betweenness_method: str  # "exact" or "sampled"
    betweenness_samples: int | None
    notes: tuple[str, ...]
    tables: dict[str, Table] = field(default_factory=dict)

    def summary(self) -> dict[str, object]:
        return {
            "network": self.network,
            "nodes": self.nodes,
            "edges": self.edges,
            "communities": self.communities_method,
            "seed": self.seed,
            "modularity": self.modularity,
            "betweenness": self.betweenness_method,
            "betweenness_samples": self.betweenness_samples,
        }


def network_metrics(
    target: Target,
    name: str = DEFAULT_NETWORK,
    *,
    alliance: str | None = None,
    communities: str = "louvain",
    seed: int = SEED,
    progress: Progress | None = None,
) -> Metrics:
    """Build the network ``name`` (or an alliance's neighbourhood in it) and measure it; ``progress`` hears of each step."""
    with step(progress, "building the network"):
        graph = build_network(target, name, alliance=alliance)
    return measure(graph, communities=communities, seed=seed, progress=progress)


def _r(value: float | None) -> float | None:
    return None if value is None else round(float(value), 6) + 0.0  # + 0.0 turns -0.0 into 0.0


def betweenness(graph: nx.Graph, seed: int = SEED, work: int | None = None) -> tuple[dict, int | None]:
    """Normalised betweenness and the number of sampled sources (None when exact)."""
    work = EXACT_BETWEENNESS_WORK if work is None else work
    n, m = graph.number_of_nodes(), graph.number_of_edges()
    if n * m <= work:
        return nx.betweenness_centrality(graph, normalized=True), None
    k = max(MIN_BETWEENNESS_SAMPLES, work // max(m, 1))
    if k >= n:
        return nx.betweenness_centrality(graph, normalized=True), None
    return nx.betweenness_centrality(graph, k=k, normalized=True, seed=seed), k


def eigenvector(graph: nx.Graph, max_iter: int = EIGENVECTOR_MAX_ITER) -> tuple[dict[str, float | None], list[str]]:
    """Weighted eigenvector centrality within each connected component, the top node of each at 1."""
    values: dict[str, float | None] = {}
    failed: list[list[str]] = []
    for component in _components(graph):
        if len(component) == 1:
            values[component[0]] = 0.0
            continue
        try:
            scores = nx.eigenvector_centrality(graph.subgraph(component), max_iter=max_iter, tol=1e-6, weight="weight")
        except nx.PowerIterationFailedConvergence:
            failed.append(component)
            values.update(dict.fromkeys(component))
            continue
        top = max(scores.values())
        values.update({node: scores[node] / top for node in component})
    notes = []
    connected = [c for c in _components(graph) if len(c) > 1]
    if len(connected) > 1 or (connected and len(connected[0]) < graph.number_of_nodes()):
        notes.append(
            "eigenvector centrality is relative to each node's connected component (1 = the most central node of "
            f"its component; isolated nodes 0): the network has {len(_components(graph))} components"
        )
    for component in failed:
        notes.append(
            f"eigenvector centrality did not converge within {max_iter} iterations on the component of "
            f"{component[0]} ({len(component)} nodes); it is left empty there"
        )
    return values, notes


def find_communities(graph: nx.Graph, method: str = "louvain", seed: int = SEED) -> list[list[str]]:
    """Communities as sorted id lists, largest first (ties by first id)."""
    if method not in COMMUNITY_METHODS:
        raise UsageError(f"'{method}' is not a community method; use {' or '.join(COMMUNITY_METHODS)}")
    if graph.number_of_edges() == 0:
        found = [{n} for n in graph]
    elif method == "louvain":
        found = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    else:
        found = nx.community.greedy_modularity_communities(graph, weight="weight")
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))


def _components(graph: nx.Graph) -> list[list[str]]:
    return sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c[0]))


def measure(
    graph: nx.Graph,
    *,
    communities: str = "louvain",
    seed: int = SEED,
    exact_work: int | None = None,
    eigenvector_max_iter: int = EIGENVECTOR_MAX_ITER,
    progress: Progress | None = None,
) -> Metrics:
    """Every measure of ``graph`` as tables: nodes, communities, bridging, components, provinces, countries.

    ``exact_work`` (default EXACT_BETWEENNESS_WORK) is the nodes x edges above which betweenness is sampled.
    """
    exact_work = EXACT_BETWEENNESS_WORK if exact_work is None else exact_work
    notes: list[str] = []
    n, m = graph.number_of_nodes(), graph.number_of_edges()
    degree = dict(graph.degree())
    strength = {node: float(w) for node, w in graph.degree(weight="weight")}
    with step(progress, "betweenness", total=n, unit="nodes"):
        between, samples = betweenness(graph, seed, exact_work)
    if samples is not None:
        notes.append(
            f"betweenness is estimated from {samples} sampled source nodes (seed {seed}), not exact: the network has "
            f"{n} nodes and {m} edges, and nodes x edges = {n * m:,} exceeds {exact_work:,} (about 3 s of exact computation)"
        )
    with step(progress, "eigenvector centrality", total=n, unit="nodes"):
        eigen, eigen_notes = eigenvector(graph, eigenvector_max_iter)
    notes.extend(eigen_notes)
    with step(progress, "communities", total=n, unit="nodes"):
        groups = find_communities(graph, communities, seed)
    community = {node: i for i, group in enumerate(groups, 1) for node in group}
    parts = _components(graph)
    component = {node: i for i, part in enumerate(parts, 1) for node in part}
    modularity = _r(nx.community.modularity(graph, [set(g) for g in groups], weight="weight")) if m else None

    reached: dict[str, int] = {}
    participation: dict[str, float] = {}
    for node in graph:
        by_community: dict[int, float] = defaultdict(float)
        for other, data in graph[node].items():
            by_community[community[other]] += float(data.get("weight", 1.0))
        reached[node] = len(set(by_community) | {community[node]}) if by_community else 1
        total = sum(by_community.values())
        participation[node] = 1 - sum((w / total) ** 2 for w in by_community.values()) if total else 0.0
    bridging = {node: between[node] > 0 and reached[node] >= 2 for node in graph}

    attrs = graph.nodes
    node_rows = sorted(
        (
            (
                node,
                attrs[node].get("label", node),
                attrs[node].get("label_zh", ""),
                attrs[node].get("kind", ""),
                attrs[node].get("type", ""),
                attrs[node].get("province", ""),
                attrs[node].get("country", ""),
                degree[node],
                _r(strength[node]),
                _r(between[node]),
                _r(eigen[node]),
                community[node],
                component[node],
                _r(participation[node]),
                bridging[node],
            )
            for node in graph
        ),
        key=lambda r: (-r[9], -r[7], -r[8], r[0]),
    )
    tables = {
        "nodes": Table(
            ("id", "label", "label_zh", "kind", "type", "province", "country", "degree", "weighted_degree", "betweenness",
             "eigenvector", "community", "component", "participation", "bridging"),
            tuple(node_rows),
        ),
        "communities": _groups_table("community", groups, graph),
        "components": _groups_table("component", parts, graph),
        "bridging": Table(
            ("id", "label", "community", "communities_reached", "betweenness", "participation", "degree"),
            tuple(
                (node, attrs[node].get("label", node), community[node], reached[node], _r(between[node]), _r(participation[node]), degree[node])
                for node in sorted((x for x in graph if bridging[x]), key=lambda x: (-between[x], -participation[x], x))
            ),
        ),
        "provinces": _place_table("province", graph, strength, between, degree),
        "countries": _place_table("country", graph, strength, between, degree),
    }
    return Metrics(
        network=str(graph.graph.get("name", "")),
        nodes=n,
        edges=m,
        communities_method=communities,
        seed=seed,
        modularity=modularity,
        betweenness_method="exact" if samples is None else "sampled",
        betweenness_samples=samples,
        notes=tuple(notes),
        tables=tables,
    )


def _groups_table(what: str, groups: list[list[str]], graph: nx.Graph) -> Table:
    rows = []
    for i, group in enumerate(groups, 1):
        members = set(group)
        internal = graph.subgraph(group).number_of_edges()
        provinces = sorted({p for node in group for p in _split(graph.nodes[node].get("province", ""))})
        rows.append(
            (
                i,
                len(group),
                internal,
                sum(1 for u, v in graph.edges(group) if (u in members) != (v in members)),
                JOIN.join(provinces),
                JOIN.join(graph.nodes[node].get("label", node) for node in group),
                JOIN.join(group),
            )
        )
    return Table((what, "size", "edges_within", "edges_across", "provinces", "members", "ids"), tuple(rows))


def _split(joined: str) -> list[str]:
    return [p for p in joined.split(JOIN) if p] if joined else []


def _place_table(key: str, graph: nx.Graph, strength: dict, between: dict, degree: dict) -> Table:
    """Per province (or country): its nodes, ties inside and across, summed weighted degree and betweenness, top node."""
    names: dict[str, str] = {}
    members: dict[str, list[str]] = defaultdict(list)
    for node, data in graph.nodes(data=True):
        places = _split(data.get(key, "")) or [NO_PLACE]
        zh = _split(data.get(f"{key}_zh", ""))
        for i, place in enumerate(places):
            members[place].append(node)
            if i < len(zh) and zh[i]:
                names.setdefault(place, zh[i])
    rows = []
    for place in sorted(members, key=lambda p: (p == NO_PLACE, p)):
        group = set(members[place])
        within = graph.subgraph(group).number_of_edges()
        across = sum(1 for u, v in graph.edges(group) if (u in group) != (v in group))
        top = min(group, key=lambda x: (-between[x], -strength[x], -degree[x], x))
        rows.append(
            (
                place,
                names.get(place, ""),
                len(group),
                within,
                across,
                _r(sum(strength[x] for x in group)),
                _r(sum(between[x] for x in group)),
                graph.nodes[top].get("label", top),
            )
        )
    return Table((key, f"{key}_zh", "nodes", "edges_within", "edges_across", "weighted_degree", "betweenness", "top"), tuple(rows))
