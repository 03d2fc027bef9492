"""Push the built graph to a SPARQL 1.1 server, all or nothing.

The triples go to a fresh temporary named graph first, through the SPARQL 1.1
Graph Store HTTP Protocol in chunks (or chunked ``INSERT DATA`` when the
server has no Graph Store endpoint).  The server's count of that graph must
equal ours before anything is touched; then one SPARQL Update moves it onto
the target (``MOVE``: replace) or adds it (``ADD``: append).  A failed or
interrupted push therefore leaves the target as it was, the temporary graph is
dropped, and every error says what the server holds afterwards, asked rather
than assumed; advice to drop something is given only when the server still
holds it, as ``DROP SILENT GRAPH``, which every SPARQL 1.1 server takes
(Virtuoso refuses a plain ``DROP GRAPH`` of a graph it does not know).

Two things servers differ in:

- Some servers' default graph is the union of all their graphs (Virtuoso's,
  Fuseki's with unionDefaultGraph): a push cannot replace it, and a count of
  it counts everything.  Before pushing to the default graph, one marker
  triple is written to the temporary graph and looked for in the default
  graph; found, the push is refused up front with what to do instead.
- A server may refuse a large request (Virtuoso's SPARQL compiler runs out of
  memory on 20,000 triples of ``INSERT DATA``).  A chunk refused with HTTP
  400, 413 or 500 is sent again in halves, and the push says which
  ``--chunk-size`` the server took.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .build import open_store
from .errors import EndpointError, UsageError
from .remote import EndpointStatusError, RemoteEndpoint

DEFAULT_CHUNK = 20_000
_NO_GRAPH_STORE = (404, 405, 501)
_TOO_LARGE = (400, 413, 500)  # what servers answer a request too large for them (Virtuoso: 400 "SP030 ... memory exhausted")
_IRI = re.compile(r'^[a-zA-Z][a-zA-Z0-9+.-]*:[^\x00-\x20<>"{}|^`\\]*\Z')
_VIRTUOSO_PERMISSION = re.compile(r"\b(SR186|SQ110)\b|SECURITY:")

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class PushResult:
    triples: int  # the count the server reports for the target afterwards
    pushed: int  # the triples of the built graph
    graph: str | None  # None: the default graph
    method: str  # "graph store" or "update"
    replaced: bool
    chunk_size: int = DEFAULT_CHUNK  # the chunk the server took (smaller than asked when it refused larger ones)


def check_graph_iri(iri: str) -> str:
    if not _IRI.match(iri):
        raise UsageError(f"--graph: '{iri}' is not an IRI; give an absolute IRI such as https://example.org/cheikg, without spaces, quotes or <>{{}}|^`\\")
    return iri


def graph_name(graph: str | None) -> str:
    return f"graph <{graph}>" if graph else "the default graph"


class _Upload:
    """The temporary graph of one push: what was sent to it, and how to say what the server holds."""

    def __init__(self, endpoint: RemoteEndpoint, tmp: str, method: str, chunk_size: int, notify: Callable[[str], None] | None):
        self.endpoint, self.tmp, self.method, self.chunk_size, self.notify = endpoint, tmp, method, chunk_size, notify
        self.sent = False  # a request that may have written to the temporary graph was sent
        self.refused: tuple[int, int] | None = None  # the chunk size and status of a refusal not yet overcome

    def send(self, lines: Sequence[str], progress: Progress | None = None) -> None:
        total, start = len(lines), 0
        while True:
            size = self.chunk_size
            self._send_chunk(lines[start : start + size], replace=start == 0)
            start += size
            if progress and total > size:
                progress(min(start, total), total)
            if start >= total:
                return

    def _send_chunk(self, chunk: Sequence[str], *, replace: bool) -> None:
        """One chunk; a chunk the server finds too large goes again in halves (and later chunks at that size)."""
        try:
            self._request(chunk, replace)
        except EndpointStatusError as e:
            if e.status not in _TOO_LARGE or _VIRTUOSO_PERMISSION.search(e.server_message):
                raise
            if len(chunk) < 2:
                if self.refused is None:
                    raise
                raise EndpointStatusError(f"{e} (the server refused every chunk size down to one triple, so the size is not the cause)", e.status, e.server_message) from None
            self.refused = self.refused or (len(chunk), e.status)
            self.chunk_size = min(self.chunk_size, (len(chunk) + 1) // 2)
            start = 0
            while start < len(chunk):  # at the size learnt so far, which a piece may halve again
                size = self.chunk_size
                self._send_chunk(chunk[start : start + size], replace=replace and start == 0)
                start += size
            return
        if self.refused and self.notify:
            size, status = self.refused
            self.notify(f"note: the server refused {size} triples in one request (HTTP {status}) and took {len(chunk)}: --chunk-size {len(chunk)} starts there")
        self.refused = None

    def _request(self, chunk: Sequence[str], replace: bool) -> None:
        try:
            self._write("".join(chunk), replace)
        except EndpointStatusError as e:
            self.sent |= e.status >= 500  # a 4xx refused the request unread; a 5xx may have written part of it
            raise
        except (EndpointError, KeyboardInterrupt):
            self.sent = True  # no answer: the server may have taken it
            raise
        self.sent = True

    def _write(self, body: str, replace: bool) -> None:
        if self.method == "graph store":
            try:
                # PUT creates the graph even for an empty chunk (and replaces a probe's marker); POST merges the rest in
                self.endpoint.graph_store("PUT" if replace else "POST", self.tmp, body.encode("utf-8"))
                return
            except EndpointStatusError as e:
                if e.status not in _NO_GRAPH_STORE:
                    raise
                if self.notify:
                    self.notify(f"note: no Graph Store endpoint at {self.endpoint.config.store} (HTTP {e.status}); uploading with SPARQL Update INSERT DATA instead")
                self.method = "update"
        self.endpoint.update(f"INSERT DATA {{ GRAPH <{self.tmp}> {{\n{body}}} }}")

    def drop(self) -> bool:
        try:
            self.endpoint.update(f"DROP SILENT GRAPH <{self.tmp}>")
        except (EndpointError, KeyboardInterrupt):
            return False
        return True

    def left(self) -> int | None:
        """Triples the server holds in the temporary graph (None: it does not answer)."""
        try:
            return self.endpoint.count(self.tmp)
        except (EndpointError, KeyboardInterrupt):
            return None

    def cleanup(self, target: str) -> str:
        """Drop the temporary graph after a failure before the swap, and say what the server holds."""
        if not self.sent:
            return f"{target} is unchanged and nothing is left on the server"
        if self.drop():
            return f"{target} is unchanged and the upload was dropped"
        return f"{target} is unchanged; " + self.leftover(self.left())

    def leftover(self, left: int | None) -> str:
        """What the server holds in the temporary graph (``left`` triples, None: unknown), and how to remove it."""
        if left == 0:
            return "nothing is left on the server"
        if left is None:
            return (f"the server may still hold part of the upload in the temporary graph <{self.tmp}>: "
                    f"if it does, remove it with the SPARQL update DROP SILENT GRAPH <{self.tmp}>")
        return f"the server still holds {left} triples in the temporary graph <{self.tmp}>: remove them with the SPARQL update DROP SILENT GRAPH <{self.tmp}>"


def push(
    lines: Sequence[str],
    endpoint: RemoteEndpoint,
    *,
    graph: str | None = None,
    replace: bool = True,
    chunk_size: int = DEFAULT_CHUNK,
    progress: Progress | None = None,
    notify: Callable[[str], None] | None = None,
    temporary: str | None = None,
) -> PushResult:
    """Push N-Triples ``lines`` (one triple each, no blank nodes) to ``graph`` on ``endpoint``."""
    if graph is not None:
        check_graph_iri(graph)
    if chunk_size < 1:
        raise UsageError("--chunk-size must be at least 1")
    upload = _Upload(endpoint, temporary or f"urn:cheikg:push:{uuid.uuid4().hex}", "graph store" if endpoint.config.store else "update", chunk_size, notify)
    target = graph_name(graph)
    total = len(lines)
    try:
        if graph is None:
            _refuse_a_union_default_graph(upload)
        before = 0 if replace else endpoint.count(graph)
        upload.send(lines, progress)
        held = endpoint.count(upload.tmp)
        if held != total:
            raise EndpointError(f"the server holds {held} of the {total} triples pushed to a temporary graph")
        overlap = 0 if replace else _overlap(endpoint, upload.tmp, graph)
    except (EndpointError, KeyboardInterrupt) as e:  # an interrupt too: never leave an upload behind silently
        raise EndpointError(f"{_what_failed(e, 'push')}; {upload.cleanup(target)}") from None
    into = f"<{graph}>" if graph else "DEFAULT"
    try:
        if replace:
            endpoint.update(f"MOVE GRAPH <{upload.tmp}> TO {into}", retry=False)
        else:
            endpoint.update(f"ADD GRAPH <{upload.tmp}> TO {into} ; DROP SILENT GRAPH <{upload.tmp}>", retry=False)
    except (EndpointError, KeyboardInterrupt) as e:
        raise EndpointError(f"{_what_failed(e, 'swap')}; {_state(upload, graph, target)}") from None
    after = endpoint.count(graph)
    expected = total if replace else before + total - overlap
    if after != expected:
        raise EndpointError(
            f"after the push the server counts {after} triples in {target}, expected {expected}; "
            f"the server is left in that state: check it, and push again with --replace"
        )
    return PushResult(after, total, graph, upload.method, replace, upload.chunk_size)


def _refuse_a_union_default_graph(upload: _Upload) -> None:
    """Refuse, before any upload, a default graph that is the union of the server's graphs."""
    marker = f"{upload.tmp}#default-graph-probe"
    upload.send([f"<{marker}> <{marker}> <{marker}> .\n"])
    union = upload.endpoint.count_of(f"<{marker}> ?p ?o") > 0
    if not upload.drop():
        raise EndpointError("the server did not drop the temporary graph of a probe")
    upload.sent = False
    if union:
        raise EndpointError(
            "the server's default graph is the union of all its graphs (Virtuoso's is), so a push cannot replace it and its count "
            "is not ours: push into a named graph with --graph IRI, and query it with --graph IRI"
        )


def _what_failed(error: BaseException, step: str) -> str:
    if isinstance(error, KeyboardInterrupt):
        return f"the {step} was interrupted"
    text = str(error)
    if isinstance(error, EndpointStatusError) and _VIRTUOSO_PERMISSION.search(error.server_message):
        text += (
            "; Virtuoso takes writes from a user with the SPARQL_UPDATE role: push to /sparql-auth (its Graph Store is "
            "/sparql-graph-crud-auth) with that user's name and password in CHEIKG_ENDPOINT_USER and CHEIKG_ENDPOINT_PASSWORD"
        )
    return text


def _overlap(endpoint: RemoteEndpoint, tmp: str, graph: str | None) -> int:
    """Triples of the upload the target already holds, so an append's final count can be checked exactly."""
    there = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
    return endpoint.count_of(f"GRAPH <{tmp}> {{ ?s ?p ?o }} {there}")


def _state(upload: _Upload, graph: str | None, target: str) -> str:
    """What the server holds after a failed or interrupted swap, asked rather than assumed."""
    try:
        held = upload.endpoint.count(graph)
    except (EndpointError, KeyboardInterrupt):
        held = None
    left = upload.left()
    if held is None and left is None:
        return (f"the state of {target} is unknown (the server no longer answers): check it, and if the temporary graph "
                f"<{upload.tmp}> is still there, remove it with the SPARQL update DROP SILENT GRAPH <{upload.tmp}>")
    holds = f"{target} holds {held} triples" if held is not None else f"the count of {target} is unknown"
    if left == 0:
        return holds
    return f"{holds}, and " + upload.leftover(left)


def push_build(data_dir: Path, build_dir: Path, endpoint: RemoteEndpoint, *, notify: Callable[[str], None] | None = None, **options) -> PushResult:
    """Push the graph built from ``data_dir`` (rebuilt first when the records changed)."""
    if options.get("graph") is not None:
        check_graph_iri(options["graph"])  # before a possibly long rebuild
    store = open_store(data_dir, build_dir, notify=notify)
    lines = store.lines()
    return push(lines, endpoint, notify=notify, **options)
