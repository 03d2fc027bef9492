"""One writer at a time per data directory: `ingest`, `build` and the rebuild a query or a validation
starts take the directory's lock, and wait for it while another process holds it.

The lock is an ``flock`` on the data directory itself: no lock file to leave behind or to be stale,
and the kernel lets go of it when its process ends, however it ends (SIGKILL included). Within one
process the lock is re-entrant, since `ingest` validates first and a validation may rebuild.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from .errors import BusyError
from .paths import display_path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no flock; writers are not serialised there
    fcntl = None  # type: ignore[assignment]

DEFAULT_WAIT = 600.0  # seconds; CHEIKG_LOCK_TIMEOUT overrides
_POLL = 0.1
_held: dict[str, int] = {}  # resolved data directory -> depth, in this process
_guard = threading.RLock()


@contextlib.contextmanager
def data_lock(data_dir: Path, *, notify: Callable[[str], None] | None = None, wait: float | None = None) -> Iterator[None]:
    """Hold the data directory's lock for the block; wait (and say so once) while another process has it."""
    key = str(data_dir.resolve())
    with _guard:
        if _held.get(key):
            _held[key] += 1
            try:
                yield
            finally:
                _held[key] -= 1
            return
        fd = _acquire(data_dir, notify, wait)
        _held[key] = 1
        try:
            yield
        finally:
            _held.pop(key, None)
            if fd is not None:
                os.close(fd)  # releases the flock


def _acquire(data_dir: Path, notify: Callable[[str], None] | None, wait: float | None) -> int | None:
    if fcntl is None or not data_dir.is_dir():
        return None
    limit = float(os.environ.get("CHEIKG_LOCK_TIMEOUT", DEFAULT_WAIT)) if wait is None else wait
    fd = os.open(data_dir, os.O_RDONLY)
    deadline = time.monotonic() + limit
    told = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            if time.monotonic() >= deadline:
                os.close(fd)
                raise BusyError(f"another cheikg process is writing {display_path(data_dir)} (an ingest or a build) and still was after {limit:g} s; "
                                "run the command again when it has finished (CHEIKG_LOCK_TIMEOUT sets how long to wait)") from None
            if not told and notify is not None:
                notify(f"note: another cheikg process is writing {display_path(data_dir)} (an ingest or a build); waiting for it to finish")
                told = True
            time.sleep(_POLL)
        except OSError:  # a file system without flock: nothing to serialise with
            os.close(fd)
            return None
