"""Run a query in a thread of its own, and wait for it at most so long.

pyoxigraph cannot cancel a query, and while it evaluates one the calling
thread is inside Rust, where Python never sees Ctrl-C.  So the query runs in
another thread (pyoxigraph lets go of the GIL while it works) and the caller
only waits: a signal reaches the waiting thread at once (KeyboardInterrupt),
and a deadline ends the wait (QueryTimeout).  The abandoned query runs on
until it ends or the process exits: the CLI exits right after, and the served
endpoint runs queries in worker processes it kills (cheikg.serve.engine).

The thread has a large stack (address space, not memory, until used): the
parsers recurse once per nesting level, and Oxigraph's overflows the 8 MiB of
a main thread a few thousand levels down, which kills the process.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import TypeVar

from .errors import QueryError

STACK_BYTES = 256 * 1024 * 1024
T = TypeVar("T")


class QueryTimeout(QueryError):
    """A query that did not finish within its time limit."""


def run_bounded(work: Callable[[], T], timeout: float | None, *, what: str = "the query") -> T:
    """``work()`` in a thread with a large stack; QueryTimeout after ``timeout`` seconds (None: no limit)."""
    box: dict[str, object] = {}
    done = threading.Event()

    def target() -> None:
        try:
            box["value"] = work()
        except BaseException as e:  # noqa: BLE001  # handed to the waiting thread, raised there
            _clear_frames(e)  # here: pyoxigraph objects in them must be dropped by the thread that made them
            box["error"] = e
        finally:
            done.set()

    thread = start_thread(target, name="cheikg-query")
    if not done.wait(timeout):  # interrupted by a signal as soon as one comes (POSIX)
        raise QueryTimeout(f"{what} did not finish within {timeout:g} s (--timeout); ask a narrower question, add a LIMIT, or allow more time")
    thread.join()
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["value"]  # type: ignore[return-value]


def _clear_frames(error: BaseException) -> None:
    """Drop the locals of the frames an exception (and those it chains) holds; the traceback itself stays."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        traceback.clear_frames(error.__traceback__)
        error = error.__cause__ or error.__context__


def start_thread(target: Callable[[], None], *, name: str) -> threading.Thread:
    """A started daemon thread with a STACK_BYTES stack (the default stack where that cannot be had)."""
    for size in (STACK_BYTES, 0):
        old = threading.stack_size(size)
        try:
            thread = threading.Thread(target=target, name=name, daemon=True)
            thread.start()
            return thread
        except RuntimeError:  # no room for such a stack: the default one
            continue
        finally:
            threading.stack_size(old)
    raise QueryError("cannot start a thread to run the query")
