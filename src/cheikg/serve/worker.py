"""A query engine process of the served endpoint: ``python -m cheikg.serve.worker STORE``.

It opens the store read-only and answers one query at a time over its
standard input and output (``frame`` below): the parent sends the query text,
the Accept header, the time limit and the result cap; the worker checks the
query (cheikg.sparql_policy: never SERVICE, never an update), runs it on
pyoxigraph, and sends back a status, a content type and the serialized
answer.  A worker stuck in a query past its time is killed by the parent
(cheikg.serve.engine): pyoxigraph cannot cancel a query, a process can be
stopped.

On Linux the worker first moves into a network namespace of its own, where no
host can be reached: should a SERVICE call ever get past the check, it fails
there too.  Where the system does not allow that (no user namespaces), the
check alone stands; the ready message says which.
"""

from __future__ import annotations

import json
import os
import signal
import struct
import sys
import time
from typing import BinaryIO

HEADER = struct.Struct(">I")  # the length of a message's JSON header
CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000


def frame(out: BinaryIO, header: dict, body: bytes = b"") -> None:
    """One message: a 4-byte length, a JSON header (with the body's length), the body."""
    data = json.dumps({**header, "length": len(body)}).encode("utf-8")
    out.write(HEADER.pack(len(data)) + data + body)
    out.flush()


def read_frame(inp: BinaryIO) -> tuple[dict, bytes] | None:
    """The next message, or None at the end of the input."""
    head = inp.read(HEADER.size)
    if len(head) < HEADER.size:
        return None
    header = json.loads(inp.read(HEADER.unpack(head)[0]))
    return header, inp.read(header["length"]) if header["length"] else b""


def isolate_network() -> bool:
    """Leave the host's network (Linux: a new network namespace, no interface up); whether that worked.

    Call it while the process has one thread: unshare refuses a new user namespace to a threaded one.
    """
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return False
    flags = CLONE_NEWNET if os.geteuid() == 0 else CLONE_NEWUSER | CLONE_NEWNET
    return libc.unshare(flags) == 0


class _Stop(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


class _Capped:
    """A binary sink that stops the serialization (and so the query) past a size or a time."""

    def __init__(self, max_bytes: int, deadline: float):
        self.parts: list[bytes] = []
        self.size, self.max_bytes, self.deadline = 0, max_bytes, deadline

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.size > self.max_bytes:
            raise _Stop(413, "over the cap")
        if time.monotonic() > self.deadline:
            raise _Stop(500, "past the deadline")
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


def answer(store, query: str, accept: str | None, timeout: float, max_bytes: int) -> tuple[int, str, bytes]:
    """Status, content type and body for ``query`` on ``store`` (the messages are the endpoint's; see sparql.py)."""
    import pyoxigraph as ox

    from cheikg.errors import QueryError
    from cheikg.sparql_policy import ServiceRefused, UpdateRefused, checked, is_update, refusal

    from . import messages
    from .negotiation import GRAPHS, RESULTS, choose, offered

    deadline = time.monotonic() + timeout
    try:
        text = checked(query)
    except ServiceRefused:
        return messages.text(403, refusal(query) or messages.SERVICE)
    except UpdateRefused:
        return messages.text(403, messages.READ_ONLY)
    except QueryError as e:
        return messages.text(400, str(e))
    try:
        result = store.query(text)
    except SyntaxError as e:
        if is_update(text):
            return messages.text(403, messages.READ_ONLY)
        return messages.text(400, f"the query is not valid SPARQL: {e}")
    except (OSError, RuntimeError, ValueError) as e:
        return messages.text(500, f"the query failed: {e}")
    graph = isinstance(result, ox.QueryTriples)
    offers = GRAPHS if graph else RESULTS
    fmt = choose(accept, offers, ox.RdfFormat.TURTLE if graph else ox.QueryResultsFormat.JSON)
    if fmt is None:
        what = "a graph" if graph else "results"
        return messages.text(406, f"this query gives {what}, sent as one of: {offered(offers)}; none is in the Accept header ({accept})")
    sink = _Capped(max_bytes, deadline)
    try:
        result.serialize(sink, format=fmt)
    except _Stop as stop:
        return messages.over_cap(max_bytes) if stop.status == 413 else messages.timed_out(timeout)
    except (OSError, RuntimeError, ValueError, SyntaxError) as e:
        if isinstance(e.__context__, _Stop):  # pyoxigraph wraps what the sink raised
            return messages.over_cap(max_bytes) if e.__context__.status == 413 else messages.timed_out(timeout)
        return messages.text(500, f"the query failed: {e}")
    finally:
        del result
    return 200, fmt.media_type, b"".join(sink.parts)


def main(argv: list[str]) -> int:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C at the terminal stops `cheikg serve`, which stops its workers
    isolated = isolate_network()
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # whatever else writes to standard output goes to the log, not into the answers
    inp = os.fdopen(os.dup(0), "rb")

    import pyoxigraph as ox
    from rdflib.plugins.sparql import parser  # noqa: F401  # loaded now, not in the first query's time

    from cheikg.bounded import start_thread

    store = ox.Store.read_only(argv[1])
    frame(out, {"ready": True, "isolated": isolated})

    def serve() -> None:
        while (message := read_frame(inp)) is not None:
            request, _ = message
            status, ctype, body = answer(store, request["query"], request.get("accept"), request["timeout"], request["max_bytes"])
            frame(out, {"status": status, "type": ctype}, body)

    start_thread(serve, name="cheikg-worker").join()  # a large stack: queries nest
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
