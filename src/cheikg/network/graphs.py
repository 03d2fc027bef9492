"""The networks of the knowledge graph as networkx graphs, built from the query library's answers.

Every network is read through ``queries/network-*.rq`` on a query Target (the
embedded store or a remote endpoint), never by walking triples, so a remote
SPARQL endpoint gives the same graphs as a local build.

Nodes are keyed by record id (``jufe``; the full IRI for a node outside the
cheikg namespace) and carry the same attributes in every network, all strings,
never None (GraphML readers choke on missing values): ``label`` and
``label_zh`` (empty when the records give no Chinese name), ``kind``
(organization, alliance, person, event), ``type`` (the organization or event
type code), ``province`` and ``country`` with their Chinese names (several
joined with `` | ``), and ``iri``.  Nodes and edges are inserted in sorted
order, so every export and measure is the same whatever PYTHONHASHSEED.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass

import networkx as nx

from cheikg.errors import UsageError
from cheikg.namespaces import RES
from cheikg.queries import catalog
from cheikg.queries.results import Answer, Term
from cheikg.queries.runner import Target, run

JOIN = " | "


@dataclass(frozen=True)
class NetworkKind:
    name: str
    summary: str
    query: str  # the library query its edges come from


NETWORKS: dict[str, NetworkKind] = {
    k.name: k
    for k in (
        NetworkKind(
            "co-membership",
            "institutions linked when they hold roles in the same alliance; weight: the mean rank of their roles, summed over shared alliances",
            "network-alliance-roles",
        ),
        NetworkKind(
            "partnership",
            "organizations linked by agreements, joint institutes and co-built centres; edges carry type, date and source",
            "network-partnerships",
        ),
        NetworkKind(
            "person-organization",
            "persons linked to organizations and events by posts, participation, acting on behalf of, organizing and hosting",
            "network-person-organization",
        ),
        NetworkKind(
            "institution-alliance",
            "bipartite: institutions linked to the alliances they hold roles in (node attribute bipartite: 0 institution, 1 alliance)",
            "network-alliance-roles",
        ),
    )
}
DEFAULT_NETWORK = "co-membership"
NODE_ATTRIBUTES = ("label", "label_zh", "kind", "type", "province", "province_zh", "country", "country_zh", "iri")


def node_id(term: Term | None) -> str:
    """A record's id for a cheikg resource, else the IRI itself."""
    if term is None:
        return ""
    return term.value[len(str(RES)) :] if term.value.startswith(str(RES)) else term.value


def _rows(answer: Answer) -> list[dict[str, Term | None]]:
    return [dict(zip(answer.columns, row)) for row in answer.terms]


def _text(term: Term | None) -> str:
    return "" if term is None else term.value


def _joined(values) -> str:
    return JOIN.join(sorted({v for v in values if v}))


def check_network(name: str) -> NetworkKind:
    if name not in NETWORKS:
        close = difflib.get_close_matches(name, list(NETWORKS), n=2)
        hint = f" Did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        raise UsageError(f"no network is named '{name}'.{hint} The networks: {', '.join(NETWORKS)}")
    return NETWORKS[name]


def node_table(target: Target, ids=None, kind: str | None = None) -> dict[str, dict[str, str]]:
    """Attributes of the nodes ``ids`` (or of every node of ``kind``), from the network-nodes query.

    Only the nodes a network holds are asked for, so a graph with thousands of
    reference institutions (or a remote endpoint) answers for the few in it.
    """
    params: dict[str, list[str]] = {}
    if ids is not None:
        if not ids:
            return {}
        params["node"] = sorted(ids)
    if kind is not None:
        params["kind"] = [kind]
    out: dict[str, dict[str, str]] = {}
    places: dict[str, dict[str, list[tuple[str, str]]]] = defaultdict(lambda: {"province": [], "country": []})
    for row in _rows(run(catalog.get("network-nodes"), target, params)):
        nid = node_id(row["node"])
        if nid not in out:
            out[nid] = {
                "label": _text(row["label"]) or nid,
                "label_zh": _text(row["labelZh"]),
                "kind": _text(row["kind"]),
                "type": _text(row["type"]),
                "iri": _text(row["node"]),
            }
        kind = _text(row["placeKind"])
        if kind in ("province", "country"):
            pair = (_text(row["placeLabel"]) or node_id(row["place"]), _text(row["placeLabelZh"]))
            if pair not in places[nid][kind]:
                places[nid][kind].append(pair)
    for nid, attrs in out.items():
        for kind in ("province", "country"):
            pairs = sorted(places[nid][kind]) if nid in places else []
            attrs[kind] = JOIN.join(en for en, _ in pairs)
            # Chinese names in the same order as the English ones, so the nth names match
            attrs[f"{kind}_zh"] = JOIN.join(zh for _, zh in pairs) if any(zh for _, zh in pairs) else ""
    return out


def _add_nodes(graph: nx.Graph, ids, target: Target, **extra) -> None:
    """Add ``ids`` in sorted order with the common attributes, then the network's own (``extra``: value or node -> value)."""
    nodes = node_table(target, set(ids))
    for nid in sorted(ids):
        attrs = nodes.get(nid) or {"label": nid, "label_zh": "", "kind": "", "type": "", "iri": nid}
        full = {k: attrs.get(k, "") for k in NODE_ATTRIBUTES}
        graph.add_node(nid, **full, **{k: v[nid] if isinstance(v, dict) else v for k, v in extra.items()})


def build_network(target: Target, name: str = DEFAULT_NETWORK, *, alliance: str | None = None) -> nx.Graph:
    """The network ``name`` (see NETWORKS) as a networkx graph; with ``alliance``, that alliance's neighbourhood."""
    kind = check_network(name)
    alliances = check_alliance(target, alliance) if alliance is not None else {}
    graph = _BUILDERS[kind.name](target)
    graph.graph["name"] = kind.name
    graph.graph["description"] = kind.summary
    if alliance is not None:
        graph = neighbourhood(graph, target, alliance, alliances[alliance])
    return graph


def check_alliance(target: Target, alliance: str) -> dict[str, dict[str, str]]:
    """Every alliance's attributes; a UsageError (with the closest ids) when ``alliance`` is none of them."""
    nodes = node_table(target, kind="alliance")
    alliances = sorted(nodes)
    if alliance not in alliances:
        close = difflib.get_close_matches(alliance, alliances, n=2, cutoff=0.5)
        hint = f" Did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        raise UsageError(f"no alliance has the id '{alliance}'.{hint} `cheikg query alliances` lists them")
    return nodes


def neighbourhood(graph: nx.Graph, target: Target, alliance: str, attrs: dict[str, str]) -> nx.Graph:
    """The alliance's role holders (and the alliance itself, when a node), with their neighbours in ``graph``.

    Role holders absent from this network are kept as isolated nodes, so the
    picture of an alliance always shows its members.
    """
    rows = _rows(run(catalog.get("network-alliance-roles"), target, {"alliance": [alliance]}))
    seeds = {node_id(r["institution"]) for r in rows}
    if alliance in graph:
        seeds.add(alliance)
    missing = seeds - set(graph)
    keep = set(seeds)
    for seed in seeds - missing:
        keep.update(graph[seed])
    sub = nx.Graph()
    sub.graph.update(graph.graph)
    sub.graph["alliance"] = alliance
    sub.graph["alliance_label"] = attrs["label"]
    sub.graph["alliance_label_zh"] = attrs["label_zh"]
    ordered = sorted(keep)
    for nid in ordered:
        if nid in graph:
            sub.add_node(nid, **graph.nodes[nid])
        else:
            _add_nodes(sub, [nid], target, **_extra_defaults(graph))
    for u, v, data in sorted(graph.subgraph(ordered).edges(data=True), key=lambda e: tuple(sorted(e[:2]))):
        sub.add_edge(u, v, **data)
    return sub


def _extra_defaults(graph: nx.Graph) -> dict[str, object]:
    """Values for the network-specific node attributes of a node added from outside the network."""
    defaults: dict[str, object] = {}
    for _, data in list(graph.nodes(data=True))[:1]:
        for key, value in data.items():
            if key not in NODE_ATTRIBUTES:
                defaults[key] = type(value)()
    return defaults


# -- the networks


def _role_rows(target: Target) -> dict[tuple[str, str], tuple[float, set[str]]]:
    """(institution, alliance) -> (highest role weight, role codes)."""
    held: dict[tuple[str, str], tuple[float, set[str]]] = {}
    for row in _rows(run(catalog.get("network-alliance-roles"), target)):
        key = (node_id(row["institution"]), node_id(row["alliance"]))
        weight = float(_text(row["roleWeight"]) or 1)
        best, roles = held.get(key, (0.0, set()))
        held[key] = (max(best, weight), roles | {_text(row["role"])})
    return held


def co_membership(target: Target) -> nx.Graph:
    held = _role_rows(target)
    members: dict[str, list[str]] = defaultdict(list)
    for institution, alliance in sorted(held):
        members[alliance].append(institution)
    ties: dict[tuple[str, str], dict] = {}
    for alliance in sorted(members):
        group = sorted(members[alliance])
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                tie = ties.setdefault((a, b), {"weight": 0.0, "alliances": 0, "alliance_ids": []})
                tie["weight"] += (held[(a, alliance)][0] + held[(b, alliance)][0]) / 2
                tie["alliances"] += 1
                tie["alliance_ids"].append(alliance)
    roles: dict[str, list[str]] = defaultdict(list)
    counts: dict[str, int] = defaultdict(int)
    for (institution, alliance), (_, codes) in sorted(held.items()):
        roles[institution].append(f"{alliance}: {', '.join(sorted(codes))}")
        counts[institution] += 1
    graph = nx.Graph()
    _add_nodes(graph, {i for i, _ in held}, target, alliances=dict(counts), alliance_roles={k: "; ".join(v) for k, v in roles.items()})
    for (a, b), tie in sorted(ties.items()):
        graph.add_edge(a, b, weight=tie["weight"], alliances=tie["alliances"], alliance_ids=JOIN.join(tie["alliance_ids"]))
    return graph


def institution_alliance(target: Target) -> nx.Graph:
    held = _role_rows(target)
    graph = nx.Graph()
    institutions = {i for i, _ in held}
    alliances = {a for _, a in held}
    _add_nodes(graph, institutions | alliances, target, bipartite={n: 1 if n in alliances else 0 for n in institutions | alliances})
    for (institution, alliance), (weight, codes) in sorted(held.items()):
        graph.add_edge(institution, alliance, weight=weight, roles=JOIN.join(sorted(codes)))
    return graph


def partnership(target: Target) -> nx.Graph:
    ties: dict[tuple[str, str], dict[str, set]] = {}
    for row in _rows(run(catalog.get("network-partnerships"), target)):
        a, b = sorted((node_id(row["a"]), node_id(row["b"])))
        tie = ties.setdefault((a, b), defaultdict(set))
        via = node_id(row["via"])
        tie["via"].add(via)
        tie["via_label"].add(_text(row["viaLabel"]) or via)
        tie["kind"].add(_text(row["kind"]))
        tie["tie_type"].add(_text(row["type"]))
        tie["date"].add(_text(row["date"]))
        tie["sources"].add(node_id(row["source"]))
        tie["inferred"].add(_text(row["inferred"]) == "true")
    graph = nx.Graph()
    _add_nodes(graph, {n for pair in ties for n in pair}, target)
    for (a, b), tie in sorted(ties.items()):
        graph.add_edge(
            a,
            b,
            weight=float(len(tie["via"])),
            ties=len(tie["via"]),
            kind=_joined(tie["kind"]),
            tie_type=_joined(tie["tie_type"]),
            date=_joined(tie["date"]),
            sources=_joined(tie["sources"]),
            via=_joined(tie["via"]),
            via_label=_joined(tie["via_label"]),
            inferred=any(tie["inferred"]),
        )
    return graph


def person_organization(target: Target) -> nx.Graph:
    ties: dict[tuple[str, str], dict[str, set]] = {}
    for row in _rows(run(catalog.get("network-person-organization"), target)):
        a, b = sorted((node_id(row["agent"]), node_id(row["target"])))
        tie = ties.setdefault((a, b), defaultdict(set))
        relation, role, via = _text(row["relation"]), _text(row["role"]), node_id(row["via"])
        tie["tie"].add((relation, role, via))
        tie["relation"].add(relation)
        tie["role"].add(role)
        tie["date"].add(_text(row["date"]))
        tie["via"].add(via)
        tie["inferred"].add(_text(row["inferred"]) == "true")
    graph = nx.Graph()
    _add_nodes(graph, {n for pair in ties for n in pair}, target)
    for (a, b), tie in sorted(ties.items()):
        graph.add_edge(
            a,
            b,
            weight=float(len(tie["tie"])),
            ties=len(tie["tie"]),
            relation=_joined(tie["relation"]),
            role=_joined(tie["role"]),
            date=_joined(tie["date"]),
            via=_joined(tie["via"]),
            inferred=any(tie["inferred"]),
        )
    return graph


_BUILDERS = {
    "co-membership": co_membership,
    "partnership": partnership,
    "person-organization": person_organization,
    "institution-alliance": institution_alliance,
}
