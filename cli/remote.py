"""The commands that talk to SPARQL servers: `push` the built graph to one, `serve` it as one."""

from __future__ import annotations

import ipaddress
import signal
from pathlib import Path

import click

from cheikg.paths import display_path, resolve_dirs
from cheikg.push import DEFAULT_CHUNK, graph_name, push_build
from cheikg.remote import open_endpoint
from cheikg.serve import DEFAULT_HOST, DEFAULT_MAX_RESULT, DEFAULT_PORT, DEFAULT_TIMEOUT, serve_build

from .commands import data_options
from .output import quiet_option
from .progress import shown_progress


def _note(message: str) -> None:
    click.echo(message, err=True)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def register(cli: click.Group) -> None:
    @cli.command()
    @click.option("--endpoint", "endpoint_url", metavar="URL|FILE.toml", help="The server's SPARQL query endpoint, or a TOML file with an [endpoint] table (default: $CHEIKG_ENDPOINT).")
    @click.option("--update-endpoint", metavar="URL", help="Its SPARQL Update endpoint (default: .../query gives .../update; any other URL takes updates itself).")
    @click.option("--store-endpoint", metavar="URL", help="Its Graph Store endpoint (default: .../query gives .../store, Virtuoso's .../sparql gives .../sparql-graph-crud and .../sparql-auth .../sparql-graph-crud-auth; otherwise none, and INSERT DATA is used).")
    @click.option("--graph", metavar="IRI", help="Push into this named graph (default: the default graph).")
    @click.option("--replace/--append", default=True, help="Replace the graph's content (the default), or add to it.")
    @click.option("--timeout", type=click.FloatRange(min=0, min_open=True), metavar="SECONDS", help="Give up on a request after this many seconds: the whole request, not each read (default 60).")
    @click.option("--chunk-size", type=click.IntRange(min=1), default=DEFAULT_CHUNK, show_default=True, help="Triples per upload request; a request the server refuses as too large is sent again in halves, and a note says which size it took.")
    @data_options
    @quiet_option
    def push(endpoint_url, update_endpoint, store_endpoint, graph, replace, timeout, chunk_size, data_dir, build_dir) -> None:
        """Publish the built graph to a SPARQL 1.1 server (Oxigraph, Fuseki, GraphDB, Virtuoso...).

        The triples go to a temporary named graph first (SPARQL 1.1 Graph Store
        HTTP Protocol, or INSERT DATA where the server has no Graph Store
        endpoint), are counted on the server, then one SPARQL Update moves them
        onto the target (MOVE for --replace, ADD for --append): a failed or
        interrupted push leaves the target as it was and drops the temporary
        graph. The server's count afterwards must be the expected one, else
        the exit code is 4 and the message says what the server holds. A
        server whose default graph is the union of all its graphs (Virtuoso)
        needs --graph. Credentials come from the environment only:
        CHEIKG_ENDPOINT_TOKEN, or CHEIKG_ENDPOINT_USER and
        CHEIKG_ENDPOINT_PASSWORD (Digest or Basic, as the server asks).

        \b
        Example:
          oxigraph serve --location kg-db --bind 127.0.0.1:7878 &
          cheikg push --endpoint http://127.0.0.1:7878/query
          cheikg push --endpoint http://127.0.0.1:7878/query --graph https://example.org/cheikg --append
          CHEIKG_ENDPOINT_USER=dba CHEIKG_ENDPOINT_PASSWORD=... cheikg push \\
            --endpoint http://127.0.0.1:8890/sparql-auth --graph https://w3id.org/cheikg/graph
        """
        endpoint = open_endpoint(endpoint_url, required=True, update=update_endpoint, store=store_endpoint, timeout=timeout)
        assert endpoint is not None
        data_dir, build_dir = resolve_dirs(data_dir, build_dir)
        with shown_progress() as progress:
            result = push_build(
                data_dir, build_dir, endpoint, graph=graph, replace=replace, chunk_size=chunk_size,
                progress=_uploaded(progress), notify=_note,
            )
        how = "replaced" if result.replaced else "appended"
        via = "Graph Store protocol" if result.method == "graph store" else "SPARQL Update"
        click.echo(f"Pushed {result.pushed} triples to {graph_name(result.graph)} at {endpoint.config.query} ({how}, via the {via})")
        click.echo(f"The server counts {result.triples} triples in {graph_name(result.graph)}")

    @cli.command()
    @click.option("--host", default=DEFAULT_HOST, show_default=True, help="Address to listen on: loopback by default; 0.0.0.0 opens it to the network.")
    @click.option("--port", type=click.IntRange(0, 65535), default=DEFAULT_PORT, show_default=True, help="Port to listen on (0: any free port).")
    @click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_TIMEOUT, show_default=True, metavar="SECONDS", help="Stop a query after this many seconds; a query waits as long for a free engine.")
    @click.option("--max-result-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_RESULT, show_default=True, help="Refuse a result larger than this.")
    @click.option("--site", "with_site", is_flag=True, help="Also serve the site of the graph (the pages of `cheikg site`), whose query pages then run their forms.")
    @data_options
    def serve(host, port, timeout, max_result_bytes, with_site, data_dir, build_dir) -> None:
        """Serve the built graph as a read-only SPARQL 1.1 endpoint with a query page.

        GET or POST /query (the SPARQL 1.1 Protocol): results as JSON, XML, CSV
        or TSV, CONSTRUCT and DESCRIBE as Turtle or JSON-LD, chosen by the
        Accept header. The page at / runs queries in the browser and offers
        the query library as examples. Updates, Graph Store writes and
        SERVICE calls to other endpoints are refused (403), decided on the
        parsed query; a query running past --timeout is stopped (500); a
        result over --max-result-bytes is refused (413); when every engine is
        busy past --timeout, 503.

        GET /api/QUERY.csv?PARAM=VALUE answers a library query (csv, tsv,
        json or srj for SPARQL JSON results, by the extension or the Accept
        header) with the binding and the messages of `cheikg query` (400 for a
        bad parameter); /api/openapi.json describes them all. With --site the
        site's pages are served too (/index.html, /entity/ID.html ...).

        HTTP limits: a request body of 1 MiB (413), request line and headers
        of 256 KiB (431), a whole request within 30 s of its first byte and
        an idle connection closed after 30 s, 256 open connections (more wait
        in the listen backlog of 1024), and framing that two servers could
        read differently (Transfer-Encoding with Content-Length or in
        HTTP/1.0, no HTTP version) refused with 400.

        \b
        Example:
          cheikg serve
          cheikg query alliance-chairs --endpoint http://127.0.0.1:7878/query
          curl 'http://127.0.0.1:7878/api/alliance-chairs.csv'
          cheikg serve --site
        """
        data_dir, build_dir = resolve_dirs(data_dir, build_dir)
        server = serve_build(data_dir, build_dir, notify=_note, site=with_site, host=host, port=port, timeout=timeout, max_result=max_result_bytes)
        try:
            if not _is_loopback(host):
                _note(f"warning: listening on {host}: anyone who can reach this machine can query the graph")
            signal.signal(signal.SIGTERM, _stop)
            click.echo(f"Serving {display_path(Path(build_dir))} read-only: SPARQL endpoint {server.url}/query, query page {server.url}/")
            click.echo(f"Query API {server.url}/api/QUERY.csv (described at {server.url}/api/openapi.json)" + (f", site {server.url}/index.html" if with_site else ""))
            click.echo("Press Ctrl-C to stop.")
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.close()


def _uploaded(progress):
    """push's (done, total) upload reports as the step "uploading" of the progress display (or nothing off a terminal)."""
    if progress is None:
        return None
    from cheikg.progress import Step

    return lambda done, total: progress(Step("uploading", done, total, "triples", finished=done >= total))


def _stop(signum, frame) -> None:
    raise KeyboardInterrupt
