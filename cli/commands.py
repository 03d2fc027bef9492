"""The commands. Each parses its options, calls one library function and formats the result."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from cheikg import __version__
from cheikg.atomic import write_atomic
from cheikg.build import build as build_graph
from cheikg.build import export_text, open_store
from cheikg.config import unnamed_settings_file
from cheikg.errors import EXIT_INVALID, QueryInterrupted, UsageError
from cheikg.export import EXTENSIONS, FORMATS
from cheikg.findings import SEVERITIES
from cheikg.loaders import schema
from cheikg.paths import display_path, resolve_dirs
from cheikg.queries import catalog
from cheikg.queries.binding import bind
from cheikg.queries.runner import run
from cheikg.remote import open_endpoint
from cheikg.ingest import ingest as ingest_submission
from cheikg.submission import validate_paths

from .formats import ANSWER_FORMATS, findings_json, findings_sarif, findings_text, format_answer
from .templates import template


# what `new` offers: every kind a submitter writes (submission records are written by ingest)
NEW_KINDS = {name: name for name in schema.BY_NAME if name != "submission"} | {"institution": "organization"}


def data_options(f):
    f = click.option("--build", "build_dir", type=click.Path(file_okay=False, path_type=Path), help="Build directory (default: beside the data directory, or ./build for the shipped records).")(f)
    f = click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path), help="Records directory (default: ./data when present, else the records shipped with cheikg).")(f)
    return f


def _note(message: str) -> None:
    click.echo(message, err=True)


_write_atomic = write_atomic  # the library's whole-file writer (cheikg.atomic), shared with `network`


def register(cli: click.Group) -> None:
    @cli.command()
    @data_options
    @click.option("--allow-invalid", is_flag=True, help="Write the build even when validation finds violations.")
    def build(data_dir: Path | None, build_dir: Path | None, allow_invalid: bool) -> None:
        """Build the graph: records -> RDF -> SHACL -> embedded store and Turtle dump.

        Prints the count of each class and the validation summary. With
        violations nothing is written (the previous build stays) and the exit
        code is 1.

        \b
        Example:
          cheikg build
          cheikg build --data my-records --build /tmp/kg
        """
        data_dir, build_dir = resolve_dirs(data_dir, build_dir)
        result = build_graph(data_dir, build_dir, allow_invalid=allow_invalid)
        click.echo(f"Records: {display_path(data_dir)}")
        click.echo(f"Triples: {result.triples}")
        width = max(len(k) for k in result.counts)
        for cls, n in result.counts.items():
            click.echo(f"  {cls.ljust(width)}  {n}")
        report = result.report
        if report.findings:
            click.echo(findings_text(report.findings, colour=sys.stdout.isatty()), nl=False)
        click.echo(
            f"Validation: {report.count('violation')} violations, {report.count('warning')} warnings, {report.count('info')} infos"
        )
        if result.written:
            click.echo(f"Built: {display_path(result.graph_dir)}")
        else:
            click.echo("Not written: fix the violations above (or use --allow-invalid); the previous build is unchanged.")
        if report.fails("violation"):
            sys.exit(EXIT_INVALID)

    @cli.command()
    @click.argument("names", nargs=-1)
    @click.option("--file", "query_file", type=click.Path(dir_okay=False, path_type=Path), help="Run the query in this .rq file.")
    @click.option("--sparql", help="Run this SPARQL text.")
    @click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE", help="A parameter value; repeat for several.")
    @click.option("--format", "fmt", type=click.Choice(ANSWER_FORMATS), default="table", show_default=True)
    @click.option("--list", "list_queries", is_flag=True, help="List the query library with summaries.")
    @click.option("--show-query", is_flag=True, help="Print the final query text (parameters bound) instead of running it.")
    @click.option("--endpoint", "endpoint_url", metavar="URL|FILE.toml", help="Ask this SPARQL 1.1 query endpoint (a URL, or a TOML file with an [endpoint] table) instead of the embedded store (default: $CHEIKG_ENDPOINT, else the embedded store).")
    @click.option("--embedded", is_flag=True, help="Ask the embedded store even when CHEIKG_ENDPOINT names an endpoint.")
    @click.option("--timeout", type=click.FloatRange(min=0, min_open=True), metavar="SECONDS", help="Stop the query after this many seconds: exit 2 on the embedded store (default: no limit), 4 on a remote endpoint, where it bounds the whole request (default 60, or timeout in the .toml file).")
    @click.option("--graph", "default_graph", metavar="IRI", help="Remote: query this named graph as the default graph (default-graph-uri); on servers whose default graph is the union of all graphs, such as Virtuoso, name the graph you pushed.")
    @data_options
    def query(names, query_file, sparql, params, fmt, list_queries, show_query, endpoint_url, embedded, timeout, default_graph, data_dir, build_dir) -> None:
        """Ask a question: a library query by NAME, a .rq file or SPARQL text.

        Parameter values are bound as RDF terms, never pasted into the text;
        a remote endpoint gets the same final text (see --show-query).
        A default endpoint can be set with CHEIKG_ENDPOINT=URL, or
        CHEIKG_ENDPOINT=FILE.toml for a file with an [endpoint] table
        (query = "URL" and optionally update, store, timeout, retries); a
        cheikg.toml in the working directory is read only when named.
        Credentials come from the environment only: CHEIKG_ENDPOINT_TOKEN
        (bearer), or CHEIKG_ENDPOINT_USER and CHEIKG_ENDPOINT_PASSWORD (Digest
        or Basic, as the server asks), and go only to the endpoint's own
        origin. Remote failures exit with 4. Ctrl-C stops a running query
        (exit 130). A query of the embedded store never calls other hosts:
        SERVICE is refused (exit 2).

        \b
        Example:
          cheikg query --list
          cheikg query alliance-chairs --format csv
          cheikg query alliance-members --param alliance=jx-scoe-alliance
          cheikg query --sparql 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
          cheikg query alliance-chairs --endpoint http://127.0.0.1:7878/query
        """
        if list_queries:
            lib = catalog.library()
            width = max((len(n) for n in lib), default=0)
            for name, q in lib.items():
                ps = " ".join(f"[{p.name}]" if not p.required else p.name for p in q.params)
                click.echo(f"{name.ljust(width)}  {q.summary}" + (f"  (params: {ps})" if ps else ""))
            return
        chosen = [x for x in (bool(names), query_file is not None, sparql is not None) if x]
        if len(chosen) != 1 or len(names) > 1:
            raise click.UsageError("give one query: a NAME, --file Q.rq or --sparql TEXT (see --list)")
        q = catalog.get(names[0]) if names else catalog.from_file(query_file) if query_file else catalog.adhoc(sparql)
        values: dict[str, list[str]] = {}
        for item in params:
            name, sep, value = item.partition("=")
            if not sep or not name:
                raise click.BadParameter(f"'{item}' is not NAME=VALUE", param_hint="--param")
            values.setdefault(name.strip(), []).append(value)
        text = bind(q, values)
        if show_query:
            click.echo(text, nl=False)
            return
        if embedded and (endpoint_url or default_graph):
            raise click.UsageError("--embedded cannot be combined with --endpoint or --graph")
        target = None if embedded else open_endpoint(endpoint_url, timeout=timeout, default_graph=default_graph)
        if target is None:
            if default_graph:
                raise click.UsageError("--graph applies to a remote endpoint: give --endpoint URL")
            unnamed = None if embedded else unnamed_settings_file()
            if unnamed:
                _note(f"note: {unnamed} is read only when named (--endpoint {unnamed}); asking the local graph")
            data_dir, build_dir = resolve_dirs(data_dir, build_dir)
            target = open_store(data_dir, build_dir, notify=_note).with_timeout(timeout)
        elif target.config.origin != "--endpoint":
            _note(f"note: asking {target.config.query} (from {target.config.origin}); --embedded asks the local graph")
        try:
            answer = run(q, target, values)
        except KeyboardInterrupt:
            raise QueryInterrupted("interrupted (Ctrl-C): the query was stopped") from None
        click.echo(format_answer(answer, fmt), nl=False)

    @cli.command()
    @click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
    @click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "turtle"]), default="text", show_default=True)
    @click.option("--fail-on", type=click.Choice(SEVERITIES), default="violation", show_default=True, help="Exit 1 when a result is at least this severe.")
    @data_options
    def validate(paths, fmt, fail_on, data_dir, build_dir) -> None:
        """Validate a submission: record files (.yaml, .csv) or RDF (.ttl, .nt, .jsonld, .rdf).

        The records are checked against the shapes and against the stored
        graph (--data): references must resolve, and a record that restates a
        stored fact under another id, or a stored id with other values, is
        reported. Only the submission and the stored nodes it references are
        validated, not the whole graph. Nothing is read from the network:
        owl:imports, remote JSON-LD contexts and XML entities are refused.

        Results are grouped by file and record, each with line:column, field,
        severity and what to do. Exit 0 clean, 1 results at or above
        --fail-on, 2 usage error, 3 unreadable input.

        \b
        Example:
          cheikg validate submission.yaml
          cheikg validate data/ --format sarif > report.sarif
        """
        data_dir, build_dir = resolve_dirs(data_dir, build_dir)
        report = validate_paths(list(paths), data_dir, build_dir, notify=_note)
        if fmt == "json":
            click.echo(findings_json(report.findings), nl=False)
        elif fmt == "sarif":
            click.echo(findings_sarif(report.findings, __version__), nl=False)
        elif fmt == "turtle":
            click.echo(_report_turtle(report), nl=False)
        else:
            if report.findings:
                click.echo(findings_text(report.findings, colour=sys.stdout.isatty()), nl=False)
            counts = {s: report.count(s) for s in SEVERITIES}
            verdict = "fails" if report.fails(fail_on) else "conforms"
            click.echo(f"{verdict}: {counts['violation']} violations, {counts['warning']} warnings, {counts['info']} infos")
        if report.fails(fail_on):
            sys.exit(EXIT_INVALID)

    @cli.command()
    @click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
    @click.option("--dry-run", is_flag=True, help="Validate and show what would be added; write nothing.")
    @data_options
    def ingest(paths, dry_run, data_dir, build_dir) -> None:
        """Merge a submission into the data directory, all or nothing.

        The submission is validated first (as `cheikg validate`); with any
        violation nothing is written and the exit code is 1. Records already
        stored identically are skipped, so ingesting twice adds nothing the
        second time; a stored id with other values, or a second record for a
        stored fact (the same member, alliance, role and start; the same
        parties, type and date of an agreement), is refused as a conflict.
        The new records go into one new file, data/facts/NNN-NAME.yaml, with
        a `submissions` record of which file, when, and which records and
        sources it added. A failure, a kill or Ctrl-C leaves data/ unchanged.

        \b
        Example:
          cheikg ingest submission.yaml --dry-run
          cheikg ingest submission.yaml && cheikg build
        """
        data_dir, build_dir = resolve_dirs(data_dir, build_dir)
        if {"site-packages", "dist-packages"} & set(data_dir.resolve().parts):
            raise UsageError("ingest writes to a data directory of your own: run it where ./data is, or give --data DIR")
        result = ingest_submission(list(paths), data_dir, build_dir, dry_run=dry_run, notify=_note)
        if result.report.findings:
            click.echo(findings_text(result.report.findings, colour=sys.stdout.isatty()), nl=False)
        if result.refused:
            counts = {s: result.report.count(s) for s in SEVERITIES}
            click.echo(f"refused: {counts['violation']} violations, {counts['warning']} warnings, {counts['info']} infos; nothing was written")
            sys.exit(EXIT_INVALID)
        for rec in result.added:
            click.echo(f"  add        {rec.kind.name} {rec.id}")
        for rec in result.unchanged:
            click.echo(f"  unchanged  {rec.kind.name} {rec.id} (already stored)")
        if not result.added:
            click.echo(f"Nothing to add: all {len(result.unchanged)} records are already stored.")
        elif dry_run:
            click.echo(f"Would write {display_path(result.target)} ({len(result.added)} records); nothing written (--dry-run):")
            click.echo(result.text, nl=False)
        else:
            click.echo(f"Wrote {display_path(result.target)}: {len(result.added)} records added, {len(result.unchanged)} unchanged. Run `cheikg build` to rebuild the graph.")

    @cli.command()
    @click.option("--format", "fmt", type=click.Choice(FORMATS), default="turtle", show_default=True)
    @click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file (atomically) instead of standard output.")
    @data_options
    def export(fmt, output, data_dir, build_dir) -> None:
        """Export the built graph: the same records always give the same bytes.

        \b
        Example:
          cheikg export --format turtle -o cheikg.ttl
          cheikg export --format nt | sort | diff - old.nt
        """
        data_dir, build_dir = resolve_dirs(data_dir, build_dir)
        text = export_text(data_dir, build_dir, fmt, notify=_note)
        if output is None:
            click.echo(text, nl=False)
            return
        if output.suffix and output.suffix != EXTENSIONS[fmt]:
            _note(f"note: writing {fmt} to a file named {output.name}")
        _write_atomic(output, text)
        _note(f"Wrote {display_path(output)}")

    @cli.command()
    @click.argument("kind", type=click.Choice(sorted(NEW_KINDS)))
    def new(kind: str) -> None:
        """Print a commented template for a record of KIND, to start a submission from.

        `institution` is another name for `organization`.

        \b
        Example:
          cheikg new membership > submission.yaml
          cheikg validate submission.yaml && cheikg ingest submission.yaml
        """
        click.echo(template(schema.BY_NAME[NEW_KINDS[kind]]), nl=False)


def _report_turtle(report) -> str:
    """pySHACL's own report graph; record-level problems, which SHACL never saw, go to standard error."""
    record_level = [f for f in report.findings if f.rule.startswith("record/")]
    if record_level:
        _note(findings_text(record_level).rstrip("\n"))
    if report.shacl is None:
        return "@prefix sh: <http://www.w3.org/ns/shacl#> .\n\n[] a sh:ValidationReport ;\n    sh:conforms true .\n"
    return report.shacl.serialize(format="turtle")
