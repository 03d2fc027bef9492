"""`cheikg network`: measures, exports and pictures of the networks in the graph. Thin commands over cheikg.network."""

from __future__ import annotations

from pathlib import Path

import click

from cheikg.build import open_store
from cheikg.network import COMMUNITY_METHODS, DEFAULT_NETWORK, FORMATS, NETWORKS, SEED, TABLES, export_network, network_metrics
from cheikg.network.export import EXTENSIONS
from cheikg.network.metrics import Metrics, Table
from cheikg.network.plot import COLOUR_BY, LANGS, SIZE_BY
from cheikg.paths import display_path, reading_dirs
from cheikg.queries.results import Answer, Term

from . import completion
from .commands import _note, data_options
from .formats import ANSWER_FORMATS, format_answer, json_text, split_columns, with_columns
from .output import colour, echo, is_terminal, quiet_option, width
from .progress import shown_progress


def _network_options(f):
    f = quiet_option(f)
    f = click.option("--alliance", metavar="ID", shell_complete=completion.alliance_ids, help="Only this alliance's neighbourhood: its role holders and their neighbours.")(f)
    f = click.option(
        "--network",
        "name",
        type=click.Choice(list(NETWORKS)),
        default=DEFAULT_NETWORK,
        show_default=True,
        help="Which network (see `cheikg network list`).",
    )(f)
    return f


def _target(data_dir: Path | None, build_dir: Path | None, progress=None):
    data_dir, build_dir = reading_dirs(data_dir, build_dir)
    return open_store(data_dir, build_dir, notify=_note, progress=progress)


def _cell(value: object) -> Term | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return Term("literal", "true" if value else "false", "http://www.w3.org/2001/XMLSchema#boolean")
    if isinstance(value, int):
        return Term("literal", str(value), "http://www.w3.org/2001/XMLSchema#integer")
    if isinstance(value, float):
        return Term("literal", repr(value), "http://www.w3.org/2001/XMLSchema#double")
    return Term("literal", str(value))


def _answer(table: Table) -> Answer:
    return Answer(table.columns, tuple(tuple(_cell(v) for v in row) for row in table.rows))


def _header(metrics: Metrics) -> list[str]:
    sampled = f"sampled from {metrics.betweenness_samples} source nodes" if metrics.betweenness_samples else "exact"
    modularity = "none (no edges)" if metrics.modularity is None else repr(metrics.modularity)
    return [
        f"Network: {metrics.network}, {metrics.nodes} nodes, {metrics.edges} edges",
        f"Communities: {metrics.communities_method} (seed {metrics.seed}), modularity {modularity}",
        f"Betweenness: {sampled} (unweighted shortest paths, normalised)",
        *(f"note: {n}" for n in metrics.notes),
    ]


def metrics_text(
    metrics: Metrics, fmt: str, table: str | None, *, fit: int | None = None, colour: bool = False, columns: list[str] | None = None, limit: int | None = None
) -> tuple[str, list[str]]:
    """The measures as text in ``fmt``, and notes for standard error (CSV and TSV carry none inline).

    ``columns`` chooses the columns of one table (the nodes table unless --table names another); ``limit``
    the number of rows of each table shown.
    """
    if columns and table == "all":
        raise click.UsageError("--columns chooses the columns of one table: name it with --table (nodes, communities, ...)")
    if columns or fmt in ("csv", "tsv"):
        table = table or "nodes"
    if fmt in ("csv", "tsv") and table == "all":
        raise click.UsageError("CSV and TSV hold one table: choose it with --table (nodes, communities, ...)")
    chosen = list(TABLES) if table in (None, "all") else [table]
    answers = {name: _cut(_answer(metrics.tables[name]), columns, limit, name) for name in chosen}
    if fmt == "json":
        doc = {"summary": metrics.summary(), "notes": list(metrics.notes)}
        doc.update({name: [dict(zip(a.columns, row)) for row in _values(a)] for name, a in answers.items()})
        return json_text(doc), []
    if fmt in ("csv", "tsv"):
        return format_answer(answers[table], fmt), _header(metrics)
    out = "\n".join(_header(metrics)) + "\n"
    for name, answer in answers.items():
        heading = name.capitalize()
        out += f"\n## {heading}\n\n" if fmt == "md" else f"\n{heading}\n"
        out += format_answer(answer, fmt, fit=fit, colour=colour, total=len(metrics.tables[name].rows))
    return out, []


def _cut(answer: Answer, columns: list[str] | None, limit: int | None, name: str) -> Answer:
    if columns:
        answer = with_columns(answer, columns, f"the {name} table")
    return answer.head(limit) if limit is not None else answer


def _values(answer: Answer) -> list[tuple]:
    """The measures as the JSON numbers, booleans and text they were (the table's cells made them RDF terms)."""
    return [tuple(None if t is None else t.to_python() for t in row) for row in answer.terms]


def register(cli: click.Group) -> None:
    @cli.group()
    def network() -> None:
        """Networks of institutions, persons and alliances: measures, exports for Gephi and Cytoscape, pictures.

        \b
        Networks (--network):
          co-membership         institutions that hold roles in the same alliance
          partnership           agreements, joint institutes, co-built centres
          person-organization   posts, event participation, organizers, hosts
          institution-alliance  bipartite: institutions and their alliances

        \b
        Example:
          cheikg network metrics --network co-membership --format csv
          cheikg network export --format graphml -o kg.graphml
          cheikg network plot -o kg.png --lang zh
        """

    @network.command("list")
    def list_networks() -> None:
        """List the networks with what links their nodes."""
        width = max(len(n) for n in NETWORKS)
        for kind in NETWORKS.values():
            click.echo(f"{kind.name.ljust(width)}  {kind.summary}  (query: {kind.query})")

    @network.command()
    @_network_options
    @click.option("--communities", type=click.Choice(COMMUNITY_METHODS), default="louvain", show_default=True, help="Community detection: Louvain or greedy modularity.")
    @click.option("--seed", type=int, default=SEED, show_default=True, help="Seed of Louvain and of sampled betweenness, so runs repeat.")
    @click.option("--format", "fmt", type=click.Choice(ANSWER_FORMATS), default="table", show_default=True)
    @click.option(
        "--table",
        type=click.Choice([*TABLES, "all"]),
        help="Which table: all of them for table, md and json; nodes for csv and tsv (which hold one).",
    )
    @click.option("--columns", metavar="A,B,...", help="Only these columns of the table (the nodes table unless --table names another).")
    @click.option("--limit", type=click.IntRange(min=0), metavar="N", help="Only the first N rows of each table.")
    @data_options
    def metrics(name, alliance, communities, seed, fmt, table, columns, limit, data_dir, build_dir) -> None:
        """Degree, weighted degree, betweenness, eigenvector centrality, communities, bridges, components, places.

        The nodes table has one row per node, most between first; communities,
        bridging (betweenness above 0 and neighbours in two or more
        communities), components, provinces and countries summarise it.
        Betweenness is sampled (and says so) on large networks.

        \b
        Example:
          cheikg network metrics --network co-membership --format csv
          cheikg network metrics --columns id,label_zh,degree,betweenness --limit 5
          cheikg network metrics --network partnership --table provinces
          cheikg network metrics --alliance jx-scoe-alliance --format json
        """
        with shown_progress() as progress:
            result = network_metrics(_target(data_dir, build_dir, progress), name, alliance=alliance, communities=communities, seed=seed, progress=progress)
        chosen = split_columns(columns) if columns else None
        text, notes = metrics_text(result, fmt, table, fit=width() if is_terminal() else None, colour=colour(), columns=chosen, limit=limit)
        for line in notes:
            _note(line)
        echo(text, nl=False)

    @network.command("export")
    @_network_options
    @click.option("--format", "fmt", type=click.Choice(FORMATS), default="graphml", show_default=True, help="GraphML and GEXF (Gephi, Cytoscape) or node-link JSON (networkx, d3).")
    @click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file (atomically) instead of standard output.")
    @data_options
    def export_cmd(name, alliance, fmt, output, data_dir, build_dir) -> None:
        """Export a network with typed attributes and Chinese names, for Gephi, Cytoscape or networkx.

        \b
        Example:
          cheikg network export --format graphml -o kg.graphml
          cheikg network export --network partnership --format gexf -o partners.gexf
        """
        if output is not None and output.suffix and output.suffix.lower() != EXTENSIONS[fmt]:
            _note(f"note: writing {fmt} to a file named {output.name}")
        with shown_progress() as progress:
            target = _target(data_dir, build_dir, progress)
        result = export_network(target, name, fmt, output, alliance=alliance)
        if output is None:
            click.echo(result.text, nl=False)
        else:
            _note(f"Wrote {display_path(output)} ({result.nodes} nodes, {result.edges} edges)")

    @network.command()
    @_network_options
    @click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The picture: FILE.png or FILE.svg.")
    @click.option("--lang", type=click.Choice(LANGS), default="en", show_default=True, help="Label nodes in English or Chinese (English where no Chinese name is recorded).")
    @click.option("--colour", "--color", "colour", type=click.Choice(COLOUR_BY), default="community", show_default=True, help="Colour nodes by community or by province.")
    @click.option("--size", type=click.Choice(SIZE_BY), default="degree", show_default=True, help="Size nodes by this centrality.")
    @click.option("--seed", type=int, default=SEED, show_default=True, help="Seed of the layout and the communities.")
    @data_options
    def plot(name, alliance, output, lang, colour, size, seed, data_dir, build_dir) -> None:
        """Draw a network, or one alliance's neighbourhood, to a PNG or SVG picture.

        Chinese labels need a font with Chinese glyphs: pip install
        'cheikg[plot]' installs Noto Sans CJK; without one, labels are drawn
        in English and a note says so.

        \b
        Example:
          cheikg network plot -o kg.png
          cheikg network plot --alliance jx-scoe-alliance --lang zh -o jiangxi.svg
        """
        from cheikg.network.plot import plot_network

        with shown_progress() as progress:
            target = _target(data_dir, build_dir, progress)
        picture = plot_network(target, output, name, alliance=alliance, lang=lang, colour=colour, size=size, seed=seed)
        for note in picture.notes:
            _note(f"note: {note}")
        _note(f"Wrote {display_path(output)} ({picture.nodes} nodes, {picture.edges} edges)")
