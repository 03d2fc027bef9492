"""Publish the built graph to a SPARQL server: upload beside the target, check, then swap.

The triples go to a fresh temporary named graph first, through the SPARQL 1.1
Graph Store HTTP Protocol in chunks (or chunked ``INSERT DATA`` when the
server has no Graph Store endpoint).  The server's count of that graph must
equal ours before anything is touched; then one SPARQL Update moves it onto
the target (``MOVE``: replace) or adds it (``ADD``: append).  A failed or
interrupted upload therefore leaves the target as it was, and every error says
in what state the server is left.
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
_IRI = re.compile(r'^[a-zA-Z][a-zA-Z0-9+.-]*:[^\x00-\x20<>"{}|^`\\]*\Z')

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class PushResult:
    triples: int  # the count the server reports for the target afterwards
    pushed: int  # the triples of the built graph
    graph: str | None  # None: the default graph
    method: str  # "graph store" or "update"
    replaced: bool


def check_graph_iri(iri: str) -> str:
    if not _IRI.match(iri):
        raise UsageError(f"--graph: '{iri}' is not an IRI; give an absolute IRI such as https://example.org/cheikg, without spaces, quotes or <>{{}}|^`\\")
    return iri


def graph_name(graph: str | None) -> str:
    return f"graph <{graph}>" if graph else "the default graph"


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
    tmp = temporary or f"urn:cheikg:push:{uuid.uuid4().hex}"
    target = graph_name(graph)
    total = len(lines)
    before = 0 if replace else endpoint.count(graph)
    method = "graph store" if endpoint.config.store else "update"
    try:
        method = _upload(lines, endpoint, tmp, chunk_size, method, progress, notify)
        held = endpoint.count(tmp)
    except (EndpointError, KeyboardInterrupt) as e:  # an interrupt too: never leave a half upload behind silently
        raise _after_failed_upload(endpoint, tmp, target, e) from None
    if held != total:
        dropped = _drop(endpoint, tmp)
        raise EndpointError(
            f"the server holds {held} of the {total} triples pushed to a temporary graph; "
            + (f"the upload was dropped and {target} is unchanged" if dropped else f"{target} is unchanged; drop the upload with: DROP GRAPH <{tmp}>")
        )
    overlap = 0 if replace else _overlap(endpoint, tmp, graph)
    into = f"<{graph}>" if graph else "DEFAULT"
    try:
        if replace:
            endpoint.update(f"MOVE GRAPH <{tmp}> TO {into}", retry=False)
        else:
            endpoint.update(f"ADD GRAPH <{tmp}> TO {into} ; DROP GRAPH <{tmp}>", retry=False)
    except EndpointError as e:
        raise EndpointError(f"{e}; {_state(endpoint, tmp, graph, target)}") from None
    after = endpoint.count(graph)
    expected = total if replace else before + total - overlap
    if after != expected:
        raise EndpointError(
            f"after the push the server counts {after} triples in {target}, expected {expected}; "
            f"the server is left in that state: check it, and push again with --replace"
        )
    return PushResult(after, total, graph, method, replace)


def _upload(lines, endpoint, tmp, chunk_size, method, progress, notify) -> str:
    total = len(lines)
    for start in range(0, max(total, 1), chunk_size):
        chunk = lines[start : start + chunk_size]
        if method == "graph store":
            try:
                # PUT creates the graph even for an empty chunk; POST merges the rest in
                endpoint.graph_store("PUT" if start == 0 else "POST", tmp, "".join(chunk).encode("utf-8"))
            except EndpointStatusError as e:
                if start > 0 or e.status not in _NO_GRAPH_STORE:
                    raise
                if notify:
                    notify(f"note: no Graph Store endpoint at {endpoint.config.store} (HTTP {e.status}); uploading with SPARQL Update INSERT DATA instead")
                method = "update"
        if method == "update":
            endpoint.update(f"INSERT DATA {{ GRAPH <{tmp}> {{\n{''.join(chunk)}}} }}")
        if progress and total > chunk_size:
            progress(min(start + chunk_size, total), total)
    return method


def _drop(endpoint: RemoteEndpoint, tmp: str) -> bool:
    try:
        endpoint.update(f"DROP SILENT GRAPH <{tmp}>")
    except EndpointError:
        return False
    return True


def _overlap(endpoint: RemoteEndpoint, tmp: str, graph: str | None) -> int:
    """Triples of the upload the target already holds, so an append's final count can be checked exactly."""
    there = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
    answer = endpoint.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{tmp}> {{ ?s ?p ?o }} {there} }}")
    return int(answer.terms[0][0].value)  # type: ignore[union-attr]


def _after_failed_upload(endpoint: RemoteEndpoint, tmp: str, target: str, error: BaseException) -> EndpointError:
    dropped = _drop(endpoint, tmp)
    state = f"{target} is unchanged" + (
        " and the partial upload was dropped" if dropped else f"; drop the partial upload with: DROP GRAPH <{tmp}>"
    )
    if isinstance(error, KeyboardInterrupt):
        return EndpointError(f"the push was interrupted; {state}")
    return EndpointError(f"{error}; {state}")


def _state(endpoint: RemoteEndpoint, tmp: str, graph: str | None, target: str) -> str:
    """What the server holds after a failed swap, asked rather than assumed."""
    try:
        held, left = endpoint.count(graph), endpoint.count(tmp)
    except EndpointError:
        return f"the state of {target} is unknown (the server no longer answers); check it, and drop <{tmp}> if it exists"
    if left == 0:
        return f"{target} holds {held} triples"
    return f"{target} holds {held} triples and the upload waits in <{tmp}> ({left} triples): drop it with DROP GRAPH <{tmp}>"


def push_build(data_dir: Path, build_dir: Path, endpoint: RemoteEndpoint, *, notify: Callable[[str], None] | None = None, **options) -> PushResult:
    """Push the graph built from ``data_dir`` (rebuilt first when the records changed)."""
    if options.get("graph") is not None:
        check_graph_iri(options["graph"])  # before a possibly long rebuild
    store = open_store(data_dir, build_dir, notify=notify)
    lines = store.lines()
    return push(lines, endpoint, notify=notify, **options)
