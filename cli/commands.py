"""The commands. Each parses its options, calls one library function and formats the result."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from cheikg import __version__
from cheikg.atomic import write_atomic
from cheikg.build import build as build_graph
from cheikg.build import export_text, open_store, stored_index
from cheikg.config import unnamed_settings_file
from cheikg.errors import EXIT_INVALID, QueryInterrupted, UsageError
from cheikg.export import EXTENSIONS, FORMATS
from cheikg.findings import SEVERITIES
from cheikg.loaders import schema
from cheikg.loaders.records import MAX_FILE_SIZE_VARIABLE, parse_size, set_max_file_size
from cheikg.paths import display_path, reading_dirs, resolve_dirs
from cheikg.queries import catalog
from cheikg.queries.binding import bind
from cheikg.queries.runner import run
from cheikg.remote import open_endpoint
from cheikg.ingest import ingest as ingest_submission
from cheikg.params import check_concepts, resolve_ids
from cheikg.submission import validate_paths

from . import completion
from .catalogue import catalogue, describe, listing
from .formats import ANSWER_FORMATS, findings_json, findings_sarif, findings_text, format_answer, json_text, repository_root, split_columns, with_columns
from .output import colour, echo, is_terminal, note, quiet_option, width
from .progress import shown_progress
from .templates import COMPOSITES, composite_template, template


# what `new` offers: every kind a submitter writes (submission records are written by ingest)
NEW_KINDS = {name: name for name in schema.BY_NAME if name != "submission"} | {"institution": "organization"} | {name: name for name in COMPOSITES}


def _max_file_size(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    try:
        set_max_file_size(parse_size(value) if value else None)
    except UsageError as e:
        raise click.BadParameter(str(e)) from None


def data_options(f):
    f = click.option("--max-file-size", metavar="SIZE", expose_value=False, callback=_max_file_size, envvar=MAX_FILE_SIZE_VARIABLE,
                     help=f"The largest record or RDF file read, such as 200M (default 64M; also ${MAX_FILE_SIZE_VARIABLE}).")(f)
    f = click.option("--build", "build_dir", type=click.Path(file_okay=False, path_type=Path), help="Build directory (default: beside the data directory, or ./build for the shipped records).")(f)
    f = click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path), help="Records directory (default: ./data when present, else the records shipped with cheikg).")(f)
    return f


_note = note  # notes to standard error, control characters shown as escapes (cli.output)


_write_atomic = write_atomic  # the library's whole-file writer (cheikg.atomic), shared with `network`


def register(cli: click.Group) -> None:
    @cli.command()
    @data_options
    @click.option("--allow-invalid", is_flag=True, help="Write the build even when validation finds violations.")
    @click.option("--articles", type=click.Path(file_okay=False, exists=True, path_type=Path), metavar="DIR",
                  help="Check quotes against the article texts in DIR (default: the data directory's articles/).")
    @quiet_option
    def build(data_dir: Path | None, build_dir: Path | None, allow_invalid: bool, articles: Path | None) -> None:
        """Build the graph: records -> RDF -> SHACL -> embedded store and Turtle dump.

        Prints the count of each class and the validation summary. With
        violations nothing is written (the previous build stays) and the exit
        code is 1. On a terminal, each step's progress (reading records,
        mapping, loading the store with triples/s, validating, writing the
        dump) is shown on standard error; --quiet shows none.

        \b
        Example:
          cheikg build
          cheikg build --data my-records --build /tmp/kg
        """
        data_dir, build_dir = resolve_dirs(data_dir, build_dir)
        click.echo(f"Records: {display_path(data_dir)}")
        with shown_progress() as progress:
            result = build_graph(data_dir, build_dir, allow_invalid=allow_invalid, progress=progress, notify=_note, articles=articles)
        click.echo(f"Triples: {result.triples}")
        width = max(len(k) for k in result.counts)
        for cls, n in result.counts.items():
            click.echo(f"  {cls.ljust(width)}  {n}")
        report = result.report
        if report.findings:
            echo(findings_text(report.findings, colour=colour()), nl=False)
        click.echo(
            f"Validation: {report.count('violation')} violations, {report.count('warning')} warnings, {report.count('info')} infos"
        )
        if result.written:
            click.echo(f"Built: {display_path(result.graph_dir)}")
        else:
            click.echo("Not written: fix the violations above (or use --allow-invalid); the previous build is unchanged.")
        if report.fails("violation"):
            sys.exit(EXIT_INVALID)

    @cli.command(cls=completion.RememberArgs, add_help_option=False)
    @click.argument("names", nargs=-1, shell_complete=completion.query_names)
    @click.option("--file", "query_file", type=click.Path(dir_okay=False, path_type=Path), help="Run the query in this .rq file.")
    @click.option("--sparql", help="Run this SPARQL text.")
    @click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE", shell_complete=completion.query_params, help="A parameter value; repeat for several.")
    @click.option("--format", "fmt", type=click.Choice(ANSWER_FORMATS), default="table", show_default=True)
    @click.option("--columns", metavar="A,B,...", shell_complete=completion.query_columns, help="Only these columns, in this order (any format).")
    @click.option("--limit", type=click.IntRange(min=0), metavar="N", help="Only the first N rows (any format).")
    @click.option("--raw-csv", is_flag=True, help="CSV and TSV: write every value as it is; by default a cell a spreadsheet would run as a formula (=, +, -, @, tab or CR first) gets a ' before it.")
    @click.option("--list", "list_queries", is_flag=True, help="List the query library with summaries; with --format json, csv, tsv or md, the whole catalogue as data.")
    @click.option("--describe", "describe_query", is_flag=True, help="Describe the query NAME (as NAME --help): its description, parameters with types and examples, columns.")
    @click.option("--show-query", is_flag=True, help="Print the final query text (parameters bound) instead of running it.")
    @click.option("--endpoint", "endpoint_url", metavar="URL|FILE.toml", help="Ask this SPARQL 1.1 query endpoint (a URL, or a TOML file with an [endpoint] table) instead of the embedded store (default: $CHEIKG_ENDPOINT, else the embedded store).")
    @click.option("--embedded", is_flag=True, help="Ask the embedded store even when CHEIKG_ENDPOINT names an endpoint.")
    @click.option("--timeout", type=click.FloatRange(min=0, min_open=True), metavar="SECONDS", help="Stop the query after this many seconds: exit 2 on the embedded store (default: no limit), 4 on a remote endpoint, where it bounds the whole request (default 60, or timeout in the .toml file).")
    @click.option("--graph", "default_graph", metavar="IRI", help="Remote: query this named graph as the default graph (default-graph-uri); on servers whose default graph is the union of all graphs, such as Virtuoso, name the graph you pushed.")
    @data_options
    @quiet_option
    @click.option("-h", "--help", "show_help", is_flag=True, help="Show this message and exit; after a NAME, that query's description, parameters and columns.")
    @click.pass_context
    def query(ctx, names, query_file, sparql, params, fmt, columns, limit, raw_csv, list_queries, describe_query, show_query, endpoint_url, embedded, timeout, default_graph, data_dir, build_dir, show_help) -> None:
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

        On a terminal a table is cut to the terminal's width (--columns and
        --limit choose what to show); piped, every column is written whole.

        \b
        Example:
          cheikg query --list
          cheikg query role-holders-on --help
          cheikg query alliance-chairs --format csv
          cheikg query institutions --columns moeCode,labelZh --limit 5
          cheikg query alliance-members --param alliance=jx-scoe-alliance
          cheikg query --sparql 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
          cheikg query alliance-chairs --endpoint http://127.0.0.1:7878/query
        """
        if show_help and not names:
            click.echo(ctx.get_help())
            return
        if list_queries:
            if fmt == "json":
                click.echo(json_text(catalogue()), nl=False)
            else:
                _show(listing(full=fmt != "table"), fmt, raw_csv=raw_csv)
            return
        chosen = [x for x in (bool(names), query_file is not None, sparql is not None) if x]
        if len(chosen) != 1 or len(names) > 1:
            raise click.UsageError("give one query: a NAME, --file Q.rq or --sparql TEXT (see --list)")
        q = catalog.get(names[0]) if names else catalog.from_file(query_file) if query_file else catalog.adhoc(sparql)
        if show_help or describe_query:
            click.echo(describe(q, width() if is_terminal() else 80), nl=False)
            return
        values: dict[str, list[str]] = {}
        for item in params:
            name, sep, value = item.partition("=")
            if not sep or not name:
                raise click.BadParameter(f"'{item}' is not NAME=VALUE", param_hint="--param")
            values.setdefault(name.strip(), []).append(value)
        # unknown, missing or malformed parameters are usage errors before anything is built or asked (an id
        # parameter's value may be a name, resolved below: checked as an id here)
        bind(q, {k: ["x" if (p := q.param(k)) is not None and p.type == "id" and v.isprintable() else v for v in vs] for k, vs in values.items()})
        check_concepts(q, values)
        if embedded and (endpoint_url or default_graph):
            raise click.UsageError("--embedded cannot be combined with --endpoint or --graph")
        target = None if embedded else open_endpoint(endpoint_url, timeout=timeout, default_graph=default_graph)
        if target is None:
            if default_graph:
                raise click.UsageError("--graph applies to a remote endpoint: give --endpoint URL")
            unnamed = None if embedded else unnamed_settings_file()
            if unnamed:
                _note(f"note: {unnamed} is read only when named (--endpoint {unnamed}); asking the local graph")
            data_dir, build_dir = reading_dirs(data_dir, build_dir)
            with shown_progress() as progress:
                target = open_store(data_dir, build_dir, notify=_note, progress=progress).with_timeout(timeout)
            # id parameters given as names, acronyms or codes become the records' ids (or a usage error)
            values = resolve_ids(q, values, exists=target.has, index=functools.cache(lambda: stored_index(data_dir, build_dir)), notify=_note)
        elif target.config.origin != "--endpoint":
            _note(f"note: asking {target.config.query} (from {target.config.origin}); --embedded asks the local graph")
        if show_query:
            click.echo(bind(q, values), nl=False)
            return
        try:
            answer = run(q, target, values)
        except KeyboardInterrupt:
            raise QueryInterrupted("interrupted (Ctrl-C): the query was stopped") from None
        if columns:
            answer = with_columns(answer, split_columns(columns), f"the answer of {q.name}")
        _show(answer, fmt, raw_csv=raw_csv, limit=limit)

    @cli.command()
    @click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
    @click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "turtle"]), default="text", show_default=True)
    @click.option("--fail-on", type=click.Choice(SEVERITIES), default="violation", show_default=True, help="Exit 1 when a result is at least this severe.")
    @click.option("--articles", type=click.Path(file_okay=False, exists=True, path_type=Path), metavar="DIR",
                  help="Check quotes against the article texts in DIR (a source's `file` is relative to it; default: the data directory's articles/).")
    @data_options
    def validate(paths, fmt, fail_on, articles, data_dir, build_dir) -> None:
        """Validate a submission: record files (.yaml, .csv) or RDF (.ttl, .nt, .jsonld, .rdf).

        The records are checked against the shapes and against the stored
        graph (--data): references must resolve, and a record that restates a
        stored fact under another id, or a stored id with other values, is
        reported. Only the submission and the stored nodes it references are
        validated, not the whole graph. Nothing is read from the network:
        owl:imports, remote JSON-LD contexts and XML entities are refused.

        Results are grouped by file and record, each with line:column, field,
        severity and what to do. SARIF locations are relative to the top of
        the git checkout (uriBaseId %SRCROOT%). Exit 0 clean, 1 results at or
        above --fail-on, 2 usage error, 3 unreadable input.

        \b
        Example:
          cheikg validate submission.yaml
          cheikg validate data/ --format sarif > report.sarif
        """
        data_dir, build_dir = reading_dirs(data_dir, build_dir)
        report = validate_paths(list(paths), data_dir, build_dir, notify=_note, articles=articles)
        if fmt == "json":
            click.echo(findings_json(report.findings), nl=False)
        elif fmt == "sarif":
            click.echo(findings_sarif(report.findings, __version__, repository_root()), nl=False)
        elif fmt == "turtle":
            click.echo(_report_turtle(report), nl=False)
        else:
            if report.findings:
                echo(findings_text(report.findings, colour=colour()), nl=False)
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
        second time. A record with the id of a stored one adds to it what it
        says (another source and quote, other names, fields the stored record
        leaves out); a value that contradicts the stored one is refused unless
        the record lists the field under `disputes` (both kept, with their
        sources) or `corrects` (it replaces the stored value). A second record
        for a stored fact under a new id (the same member, alliance, role and
        start; the same parties, type and date of an agreement) is refused
        with the id to write instead. What is new goes into one new file,
        data/facts/NNN-NAME.yaml, with a `submissions` record of which file,
        when, which records it added, which stored records it added to and
        which sources they cite. A failure, a kill or Ctrl-C leaves data/
        unchanged.

        \b
        Example:
          cheikg ingest submission.yaml --dry-run
          cheikg ingest submission.yaml && cheikg build
        """
        data_dir, build_dir = reading_dirs(data_dir, build_dir)
        if {"site-packages", "dist-packages"} & set(data_dir.resolve().parts):
            raise UsageError("ingest writes to a data directory of your own: run it where ./data is, or give --data DIR")
        result = ingest_submission(list(paths), data_dir, build_dir, dry_run=dry_run, notify=_note)
        if result.report.findings:
            echo(findings_text(result.report.findings, colour=colour()), nl=False)
        if result.refused:
            counts = {s: result.report.count(s) for s in SEVERITIES}
            click.echo(f"refused: {counts['violation']} violations, {counts['warning']} warnings, {counts['info']} infos; nothing was written")
            sys.exit(EXIT_INVALID)
        for rec in result.added:
            click.echo(f"  add        {rec.kind.name} {rec.id}")
        for rec in result.extended:
            click.echo(f"  extend     {rec.kind.name} {rec.id} (stored; adds {', '.join(result.adds.get(id(rec)) or ['nothing new'])})")
        for rec in result.unchanged:
            click.echo(f"  unchanged  {rec.kind.name} {rec.id} (already stored)")
        counts = f"{len(result.added)} records added, {len(result.extended)} stored records extended, {len(result.unchanged)} unchanged"
        if not result.added and not result.extended:
            click.echo(f"Nothing to add: all {len(result.unchanged)} records are already stored.")
        elif dry_run:
            click.echo(f"Would write {display_path(result.target)} ({counts}); nothing written (--dry-run):")
            click.echo(result.text, nl=False)
        else:
            click.echo(f"Wrote {display_path(result.target)}: {counts}. Run `cheikg build` to rebuild the graph.")

    @cli.command()
    @click.option("--format", "fmt", type=click.Choice(FORMATS), default="turtle", show_default=True)
    @click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file (atomically; mode 0644 under the usual umask) instead of standard output.")
    @data_options
    @quiet_option
    def export(fmt, output, data_dir, build_dir) -> None:
        """Export the built graph: the same records always give the same bytes.

        \b
        Example:
          cheikg export --format turtle -o cheikg.ttl
          cheikg export --format nt | sort | diff - old.nt
        """
        data_dir, build_dir = reading_dirs(data_dir, build_dir)
        with shown_progress() as progress:
            text = export_text(data_dir, build_dir, fmt, notify=_note, progress=progress)
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

        `institution` is another name for `organization`. `confucius-institute` prints the records
        that state a Confucius Institute together (the institute, the events about it, the agreement
        that establishes it), `programme-approval` an approval of joint programmes in a batch with
        the programmes it names.

        \b
        Example:
          cheikg new membership > submission.yaml
          cheikg validate submission.yaml && cheikg ingest submission.yaml
        """
        click.echo(composite_template(kind) if kind in COMPOSITES else template(schema.BY_NAME[NEW_KINDS[kind]]), nl=False)


def _show(answer, fmt: str, *, raw_csv: bool = False, limit: int | None = None) -> None:
    """Write an answer: on a terminal, tables fit its width and styles follow --color; piped, every column whole."""
    total = len(answer)
    if limit is not None:
        answer = answer.head(limit)
    terminal = is_terminal()
    text = format_answer(answer, fmt, fit=width() if terminal else None, colour=colour(), raw_csv=raw_csv, total=total)
    if terminal and fmt in ("csv", "tsv"):
        from .output import printable

        text = printable(text, keep_newlines=True)
    echo(text, nl=False)


def _report_turtle(report) -> str:
    """pySHACL's own report graph; record-level problems, which SHACL never saw, go to standard error."""
    record_level = [f for f in report.findings if f.rule.startswith("record/")]
    if record_level:
        _note(findings_text(record_level).rstrip("\n"))
    if report.shacl is None:
        return "@prefix sh: <http://www.w3.org/ns/shacl#> .\n\n[] a sh:ValidationReport ;\n    sh:conforms true .\n"
    return report.shacl.serialize(format="turtle")
