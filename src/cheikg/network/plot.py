"""Pictures of a network (PNG or SVG): nodes coloured by community or province (a foreign node by its
country), sized by centrality,
labelled in English or Chinese.

Drawn with matplotlib (the ``plot`` extra) on a Figure of its own, never the
pyplot state machine, so it works headless and from threads.  Each connected
component is laid out on its own (seeded spring layout) and the components
are packed in rows, largest first: a single spring layout of a disconnected
graph flings the small components to the edges.  Inside a component each
community gets a disc of its own (a ring when dense, as the members of one
alliance are), so two alliances sharing a member do not collapse into a ball.  Labels are checked against
the fonts before drawing (see fonts.py) and matplotlib's missing-glyph
warnings are collected, so a picture never carries empty boxes silently.
"""

from __future__ import annotations

import io
import math
import textwrap
import warnings
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from cheikg.atomic import write_atomic
from cheikg.errors import UsageError
from cheikg.paths import display_path
from cheikg.queries.runner import Target

from .fonts import INSTALL_HINT, FontSet, font_set
from .graphs import DEFAULT_NETWORK, JOIN, build_network
from .metrics import SEED, betweenness, eigenvector, find_communities

LANGS = ("en", "zh")
COLOUR_BY = ("community", "province")
SIZE_BY = ("degree", "weighted-degree", "betweenness", "eigenvector")
SUFFIXES = (".png", ".svg")
INCHES_PER_UNIT = 0.85  # a layout unit: about the width of one wrapped English label line at 8 pt
MAX_INCHES = 28.0
RING_UP_TO = 12  # communities up to this size are drawn as rings: no overlaps, every label readable
MAX_LABELS = 60  # above this many nodes only the largest are labelled, or the labels hide the picture
DPI = 150

# UI text of the picture (titles and legends), not facts of the graph
TITLES = {
    "co-membership": ("Co-membership network", "联盟共同成员网络"),
    "partnership": ("Partnership network", "合作伙伴网络"),
    "person-organization": ("Person-organization network", "人员与机构网络"),
    "institution-alliance": ("Institution-alliance network", "机构与联盟二分网络"),
}
WORDS = {
    "nodes": ("nodes", "个节点"),
    "edges": ("edges", "条边"),
    "community": ("community", "社区"),
    "province": ("province or country", "省份或国家"),
    "none": ("no place", "地点不详"),
    "colour": ("colour", "颜色"),
    "size": ("size", "大小"),
    "around": ("around", "邻域"),
    "degree": ("degree", "度"),
    "weighted-degree": ("weighted degree", "加权度"),
    "betweenness": ("betweenness", "介数中心性"),
    "eigenvector": ("eigenvector centrality", "特征向量中心性"),
    "organization": ("organization", "机构"),
    "alliance": ("alliance", "联盟"),
    "person": ("person", "人员"),
    "event": ("event", "活动"),
}
MARKERS = {"organization": "o", "alliance": "H", "person": "s", "event": "D"}
PALETTE = (
    "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
)
NO_PLACE_COLOUR = "#d0d0d0"


@dataclass(frozen=True)
class Picture:
    path: Path | None
    data: bytes
    fmt: str
    nodes: int
    edges: int
    labels: dict[str, str]  # the text drawn for each labelled node
    texts: tuple[str, ...]  # every text drawn (labels, title, legend)
    fonts: FontSet
    notes: tuple[str, ...]
    missing_glyphs: tuple[str, ...]  # matplotlib's missing-glyph warnings: none in a good picture


def _word(key: str, lang: str) -> str:
    return WORDS[key][1 if lang == "zh" else 0]


def plot_network(
    target: Target,
    output: Path,
    name: str = DEFAULT_NETWORK,
    *,
    alliance: str | None = None,
    lang: str = "en",
    colour: str = "community",
    size: str = "degree",
    seed: int = SEED,
    fonts: FontSet | None = None,
) -> Picture:
    """Draw the network ``name`` (or an alliance's neighbourhood in it) to ``output`` (.png or .svg), atomically."""
    fmt = output.suffix.lower().lstrip(".")
    if output.suffix.lower() not in SUFFIXES:
        raise UsageError(f"cannot tell the picture format of {display_path(output)}: name the file .png or .svg")
    for value, allowed, what in ((lang, LANGS, "language"), (colour, COLOUR_BY, "colouring"), (size, SIZE_BY, "size measure")):
        if value not in allowed:
            raise UsageError(f"'{value}' is not a {what}; use one of {', '.join(allowed)}")
    graph = build_network(target, name, alliance=alliance)
    if graph.number_of_nodes() == 0:
        where = f" around the alliance {alliance}" if alliance else ""
        raise UsageError(f"the {name} network has no nodes{where}: nothing to draw")
    picture = render(graph, fmt, lang=lang, colour=colour, size=size, seed=seed, fonts=fonts)
    write_atomic(output, picture.data)
    return Picture(output, picture.data, fmt, picture.nodes, picture.edges, picture.labels, picture.texts, picture.fonts, picture.notes, picture.missing_glyphs)


def _measure(graph: nx.Graph, size: str, seed: int) -> dict[str, float]:
    if size == "degree":
        return {n: float(d) for n, d in graph.degree()}
    if size == "weighted-degree":
        return {n: float(d) for n, d in graph.degree(weight="weight")}
    if size == "betweenness":
        return betweenness(graph, seed)[0]
    values, _ = eigenvector(graph)
    return {n: v or 0.0 for n, v in values.items()}


def _ring(nodes: list[str], spacing: float = 1.3) -> dict[str, tuple[float, float]]:
    """Nodes evenly on a circle whose circumference gives each ``spacing`` units (room for a label)."""
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    radius = max(0.9, len(nodes) * spacing / (2 * math.pi))
    step = 2 * math.pi / len(nodes)
    return {n: (radius * math.cos(math.pi / 2 - i * step), radius * math.sin(math.pi / 2 - i * step)) for i, n in enumerate(nodes)}


def _group(graph: nx.Graph, nodes: list[str], seed: int) -> dict[str, tuple[float, float]]:
    """One community: a ring when small or dense (the members of one alliance), else a spring layout with room for labels."""
    sub = graph.subgraph(nodes)
    if len(nodes) <= RING_UP_TO or nx.density(sub) >= 0.3:
        return _ring(nodes)
    raw = nx.spring_layout(sub, seed=seed, weight=None, k=2.0 / math.sqrt(len(nodes)), iterations=300)
    cx = sum(p[0] for p in raw.values()) / len(raw)
    cy = sum(p[1] for p in raw.values()) / len(raw)
    distances = sorted(math.hypot(p[0] - cx, p[1] - cy) for p in raw.values())
    # scaled on the 80th percentile, so a few outlying leaves do not squeeze the core together
    reach = distances[int(0.8 * (len(distances) - 1))] or distances[-1] or 1.0
    spread = len(nodes) * 1.3 / (2 * math.pi)  # the radius a ring of them would have
    return {n: ((float(p[0]) - cx) * spread / reach, (float(p[1]) - cy) * spread / reach) for n, p in raw.items()}


def _extent(local: dict[str, tuple[float, float]]) -> float:
    return max(math.hypot(x, y) for x, y in local.values()) + 1.1


def _component(graph: nx.Graph, nodes: list[str], community: dict[str, int], seed: int) -> dict[str, tuple[float, float]]:
    """A component as its communities (each a ring or a small spring layout) placed apart by a spring layout of them."""
    members: dict[int, list[str]] = {}
    for node in nodes:
        members.setdefault(community[node], []).append(node)
    groups = [members[k] for k in sorted(members)]
    if len(groups) == 1:
        return _group(graph, nodes, seed)
    inner = [_group(graph, g, seed) for g in groups]
    radius = [_extent(p) for p in inner]
    of = {n: i for i, g in enumerate(groups) for n in g}
    between = nx.Graph()
    between.add_nodes_from(range(len(groups)))
    for u, v in graph.subgraph(nodes).edges():
        if of[u] != of[v]:
            w = between.get_edge_data(of[u], of[v], {"weight": 0})["weight"]
            between.add_edge(of[u], of[v], weight=w + 1)
    centres = nx.spring_layout(between, seed=seed, weight="weight", iterations=300)
    # one uniform scale that keeps every two community discs apart
    scale = 1.0
    for i in range(len(groups)):
        for j in range(i + 1, len(groups)):
            gap = math.dist(centres[i], centres[j]) or 1e-6
            scale = max(scale, (radius[i] + radius[j] + 0.4) / gap)
    return {n: (float(centres[i][0]) * scale + x, float(centres[i][1]) * scale + y) for i, local in enumerate(inner) for n, (x, y) in local.items()}


def layout(graph: nx.Graph, seed: int = SEED, groups: list[list[str]] | None = None) -> dict[str, tuple[float, float]]:
    """Each component laid out alone (its communities apart, see _component), then packed in rows, largest first."""
    groups = groups if groups is not None else find_communities(graph, "louvain", seed)
    community = {node: i for i, group in enumerate(groups) for node in group}
    parts = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c[0]))
    boxes = []
    for part in parts:
        local = _component(graph, part, community, seed)
        cx = (max(x for x, _ in local.values()) + min(x for x, _ in local.values())) / 2
        cy = (max(y for _, y in local.values()) + min(y for _, y in local.values())) / 2
        local = {n: (x - cx, y - cy) for n, (x, y) in local.items()}
        boxes.append((part, local, _extent(local)))
    total = sum((2 * r) ** 2 for _, _, r in boxes)
    row_width = max(2 * boxes[0][2], math.sqrt(total) * 1.4)
    positions: dict[str, tuple[float, float]] = {}
    x = y = 0.0
    row_height = 0.0
    for _, local, radius in boxes:
        if x > 0 and x + 2 * radius > row_width:
            x, y = 0.0, y - row_height
            row_height = 0.0
        cx, cy = x + radius, y - radius
        for node, (px, py) in local.items():
            positions[node] = (cx + px, cy + py)
        x += 2 * radius
        row_height = max(row_height, 2 * radius)
    return positions


def _place(data: dict) -> tuple[str, str]:
    """The province a node lies in (its first), else its country: English and Chinese names."""
    for key in ("province", "country"):
        if data.get(key):
            zh = data.get(f"{key}_zh", "").split(JOIN)
            return data[key].split(JOIN)[0], zh[0] if zh else ""
    return "", ""


def _label(graph: nx.Graph, node: str, lang: str, fonts: FontSet) -> tuple[str, bool]:
    """The label to draw and whether a Chinese name had to give way to the English one."""
    data = graph.nodes[node]
    english = data.get("label") or node
    if lang == "zh" and data.get("label_zh"):
        if fonts.covers(data["label_zh"]):
            return data["label_zh"], False
        return english, True
    return english, False


def render(
    graph: nx.Graph,
    fmt: str = "png",
    *,
    lang: str = "en",
    colour: str = "community",
    size: str = "degree",
    seed: int = SEED,
    fonts: FontSet | None = None,
) -> Picture:
    """The picture of ``graph`` as PNG or SVG bytes, with what was drawn and what could not be."""
    try:
        import matplotlib
        from matplotlib.collections import LineCollection
        from matplotlib.figure import Figure
        from matplotlib.lines import Line2D
    except ImportError:
        raise UsageError("pictures need matplotlib: pip install 'cheikg[plot]'") from None
    fonts = fonts if fonts is not None else font_set()
    notes: list[str] = []
    # titles and legends in Chinese only when a font has their glyphs
    zh_ui = "".join(TITLES.get(str(graph.graph.get("name")), ("", ""))[1]) + "".join(w[1] for w in WORDS.values()) + "：，（）"
    ui = "zh" if lang == "zh" and fonts.covers(zh_ui) else "en"
    n, m = graph.number_of_nodes(), graph.number_of_edges()
    groups = find_communities(graph, "louvain", seed)
    pos = layout(graph, seed, groups)
    values = _measure(graph, size, seed)
    top = max(values.values(), default=0.0)
    node_size = {node: 120 + 1100 * (values[node] / top) if top > 0 else 400 for node in graph}

    # colours and their legend
    if colour == "community":
        group_of = {node: i for i, group in enumerate(groups) for node in group}
        colours = {node: PALETTE[group_of[node] % len(PALETTE)] for node in graph}
        legend = [(PALETTE[i % len(PALETTE)], f"{_word('community', ui)} {i + 1} ({len(g)})") for i, g in enumerate(groups[: len(PALETTE)])]
    else:
        firsts = {node: _place(graph.nodes[node]) for node in graph}
        places = sorted({p for p in firsts.values() if p[0]})
        place_colour = {p[0]: PALETTE[i % len(PALETTE)] for i, p in enumerate(places)}
        colours = {node: place_colour.get(firsts[node][0], NO_PLACE_COLOUR) for node in graph}
        legend = []
        for en, zh in places:
            shown = zh if lang == "zh" and zh and fonts.covers(zh) else en
            legend.append((place_colour[en], shown))
        if any(not p[0] for p in firsts.values()):
            legend.append((NO_PLACE_COLOUR, _word("none", ui)))

    # labels: the most central nodes only on a large graph
    ranked = sorted(graph, key=lambda x: (-values[x], x))
    labelled = ranked if n <= MAX_LABELS else ranked[:MAX_LABELS]
    if n > MAX_LABELS:
        notes.append(f"only the {MAX_LABELS} nodes with the highest {_word(size, 'en')} are labelled ({n} nodes)")
    labels: dict[str, str] = {}
    fell_back = []
    for node in labelled:
        text, fallback = _label(graph, node, lang, fonts)
        if fallback:
            fell_back.append(node)
        labels[node] = text if lang == "zh" and not fallback and graph.nodes[node].get("label_zh") else textwrap.fill(text, 24)
    no_zh = [node for node in labelled if lang == "zh" and not graph.nodes[node].get("label_zh")]
    if no_zh:
        notes.append(f"{len(no_zh)} of {len(labelled)} labelled nodes have no Chinese name in the records and are labelled in English")
    if fell_back:
        notes.append(
            f"no font with Chinese glyphs was found, so {len(fell_back)} node(s) are labelled in English; to draw Chinese, {INSTALL_HINT}"
            if fonts.cjk is None
            else f"{len(fell_back)} Chinese label(s) have characters no font here has and are shown in English: {', '.join(sorted(fell_back))}"
        )

    en_title, zh_title = TITLES.get(str(graph.graph.get("name")), (str(graph.graph.get("name", "network")), str(graph.graph.get("name", "network"))))
    if ui == "zh":
        title = f"{zh_title}：{n} {_word('nodes', 'zh')}，{m} {_word('edges', 'zh')}"
        subtitle = f"{_word('colour', 'zh')}：{_word(colour, 'zh')}（{'Louvain' if colour == 'community' else ''}）  {_word('size', 'zh')}：{_word(size, 'zh')}"
        subtitle = subtitle.replace("（）", "")
    else:
        title = f"{en_title}: {n} {_word('nodes', 'en')}, {m} {_word('edges', 'en')}"
        subtitle = f"{_word('colour', 'en')}: {_word(colour, 'en')}{' (Louvain, seed %d)' % seed if colour == 'community' else ''}   {_word('size', 'en')}: {_word(size, 'en')}"
    alliance = graph.graph.get("alliance")
    if alliance:
        name = graph.graph.get("alliance_label") or alliance
        zh_name = graph.graph.get("alliance_label_zh")
        if ui == "zh" and zh_name and fonts.covers(zh_name):
            name = zh_name
        subtitle += f"   {_word('around', ui)}: {name}" if ui == "en" else f"   {_word('around', 'zh')}：{name}"

    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    # a fixed number of inches per layout unit, so markers and labels (in points) keep their room;
    # a very large layout is shrunk to MAX_INCHES and its text and markers with it
    left, right, bottom, top_pad = min(xs) - 1.2, max(xs) + 1.2, min(ys) - 1.6, max(ys) + 0.9
    span_x, span_y = right - left, top_pad - bottom
    per_unit = min(INCHES_PER_UNIT, MAX_INCHES / span_x, MAX_INCHES / span_y)
    scale = max(0.5, per_unit / INCHES_PER_UNIT)
    legend_width = 2.8 * scale
    header = 1.0 * scale
    plot_w, plot_h = max(span_x * per_unit, 5.0), max(span_y * per_unit, 3.5)
    width, height = plot_w + legend_width + 0.2, plot_h + header + 0.2
    rc = {
        "font.family": fonts.families,
        "svg.fonttype": "path",  # glyphs as outlines: a viewer without the font still shows them
        "svg.hashsalt": "cheikg",  # stable element ids, so the same graph gives the same SVG
    }
    caught: list[str] = []
    with matplotlib.rc_context(rc), warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        fig = Figure(figsize=(width, height), dpi=DPI)
        ax = fig.add_axes((0.1 / width, 0.1 / height, plot_w / width, plot_h / height))
        ax.set_axis_off()
        if m:
            weights = [float(d.get("weight", 1.0)) for _, _, d in graph.edges(data=True)]
            heaviest = max(weights) or 1.0
            segments = [(pos[u], pos[v]) for u, v in graph.edges()]
            ax.add_collection(LineCollection(segments, colors="#8a8a8a", alpha=0.55, linewidths=[0.8 + 2.4 * w / heaviest for w in weights], zorder=1))
        kinds = sorted({graph.nodes[x].get("kind", "") for x in graph})
        for kind in kinds:
            order = [x for x in graph if graph.nodes[x].get("kind", "") == kind]
            ax.scatter(
                [pos[x][0] for x in order],
                [pos[x][1] for x in order],
                s=[node_size[x] * scale**2 for x in order],
                c=[colours[x] for x in order],
                marker=MARKERS.get(kind, "o"),
                edgecolors="white",
                linewidths=1.2,
                zorder=2,
            )
        for node, text in labels.items():
            radius_pts = math.sqrt(node_size[node]) * scale / 2
            ax.annotate(
                text,
                pos[node],
                xytext=(0, -radius_pts - 3),
                textcoords="offset points",
                ha="center",
                va="top",
                fontsize=8 * scale,
                zorder=3,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.75},
            )
        # equal units on both axes: rings stay round
        mid_x, mid_y = (left + right) / 2, (bottom + top_pad) / 2
        ax.set_xlim(mid_x - plot_w / per_unit / 2, mid_x + plot_w / per_unit / 2)
        ax.set_ylim(mid_y - plot_h / per_unit / 2, mid_y + plot_h / per_unit / 2)
        fig.text(0.1 / width, 1 - 0.15 / height, title, ha="left", va="top", fontsize=14 * scale)
        fig.text(0.1 / width, 1 - (0.15 + 0.45 * scale) / height, subtitle, ha="left", va="top", fontsize=9 * scale, color="#555555")
        handles = [Line2D([], [], marker="o", linestyle="", markersize=8 * scale, markerfacecolor=c, markeredgecolor="white", label=t) for c, t in legend]
        if len(kinds) > 1:
            handles += [
                Line2D([], [], marker=MARKERS.get(k, "o"), linestyle="", markersize=8 * scale, markerfacecolor="#ffffff", markeredgecolor="#555555", label=_word(k, ui) if k in WORDS else k)
                for k in kinds
            ]
        if handles:
            ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8 * scale, frameon=False)
        out = io.BytesIO()
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        fig.savefig(out, format=fmt, dpi=DPI, metadata=metadata)
        caught = [str(w.message) for w in seen if "missing from font" in str(w.message)]
    if caught:
        notes.append(f"{len(caught)} glyph(s) could not be drawn: {caught[0]}")
    texts = (title, subtitle, *labels.values(), *(t for _, t in legend))
    return Picture(None, out.getvalue(), fmt, n, m, labels, texts, fonts, tuple(notes), tuple(caught))
