"""The served endpoint's query engines: worker processes (cheikg.serve.worker) over one read-only store.

Why processes: pyoxigraph cannot cancel a query, and a sort or an aggregate
runs to its end however long that takes; a worker past its time is killed and
replaced, and the other workers go on answering meanwhile.  Why not the
Oxigraph server: it listens on a TCP port, which anyone on the machine could
call with no policy in front; workers talk to this process over pipes only.

A query waits at most ``timeout`` seconds for a free worker (then 503, try
again), and runs at most ``timeout`` seconds (the worker stops streaming rows
past it; one stuck in a sort is killed ``GRACE`` seconds later: 500).
``restarts`` counts the workers replaced (killed, or died).
"""

from __future__ import annotations

import json
import os
import queue
import select
import subprocess
import sys
import threading
import time
from pathlib import Path

from cheikg.errors import UsageError

from . import messages
from .worker import HEADER, frame

GRACE = 2.0  # seconds past the timeout before a worker that has not answered is killed
START_TIMEOUT = 60.0


class _Stuck(Exception):
    """No answer by the deadline."""


class _Gone(Exception):
    """The worker's pipe closed: it died."""


class _Worker:
    def __init__(self, store: Path, log: Path):
        with open(log, "ab") as err:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "cheikg.serve.worker", str(store)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err, bufsize=0,
            )
        self._out = self.process.stdout.fileno()
        self.ready = self._read(time.monotonic() + START_TIMEOUT)[0]

    def ask(self, request: dict, deadline: float) -> tuple[dict, bytes]:
        try:
            frame(self.process.stdin, request)
        except (BrokenPipeError, OSError):
            raise _Gone from None
        return self._read(deadline)

    def _read(self, deadline: float) -> tuple[dict, bytes]:
        size = HEADER.unpack(self._exactly(HEADER.size, deadline))[0]
        head = json.loads(self._exactly(size, deadline))
        return head, self._exactly(head["length"], deadline) if head["length"] else b""

    def _exactly(self, n: int, deadline: float) -> bytes:
        parts, got = [], 0
        while got < n:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._out], [], [], left)[0]:
                raise _Stuck
            chunk = os.read(self._out, min(n - got, 1 << 20))
            if not chunk:
                raise _Gone
            parts.append(chunk)
            got += len(chunk)
        return b"".join(parts)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for pipe in (self.process.stdin, self.process.stdout):
            try:
                pipe.close()
            except OSError:
                pass


class Engines:
    """``count`` workers over the store at ``store``; ``answer`` runs one query on a free one."""

    def __init__(self, store: Path, count: int, timeout: float, max_result: int, log: Path):
        self.store, self.count, self.timeout, self.max_result, self.log = store, count, timeout, max_result, log
        self.restarts = 0
        self.isolated = False
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False

    def start(self) -> Engines:
        started: list[_Worker | BaseException] = []

        def one() -> None:
            try:
                started.append(_Worker(self.store, self.log))
            except BaseException as e:  # noqa: BLE001  # reported below, after every start has ended
                started.append(e)

        threads = [threading.Thread(target=one) for _ in range(self.count)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        workers = [w for w in started if isinstance(w, _Worker)]
        self._all.update(workers)
        if len(workers) < self.count:
            self.close()
            raise UsageError(f"the query engine did not start: {_last_line(self.log)}")
        self.isolated = all(w.ready.get("isolated") for w in workers)
        for w in workers:
            self._idle.put(w)
        return self

    def answer(self, query: str, accept: str | None) -> tuple[int, str, bytes]:
        """Status, content type and body: the query's answer or why there is none."""
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return messages.text(503, f"every query engine has been busy for {self.timeout:g} s; try again shortly")
        request = {"query": query, "accept": accept, "timeout": self.timeout, "max_bytes": self.max_result}
        try:
            head, body = worker.ask(request, time.monotonic() + self.timeout + GRACE)
        except _Stuck:
            self._replace(worker)
            return messages.timed_out(self.timeout)
        except (_Gone, ValueError, KeyError):
            self._replace(worker)
            return messages.text(500, "the query engine stopped on this query; it has been restarted")
        self._idle.put(worker)
        return head["status"], head["type"], body

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` and start another in the background; the others answer meanwhile."""
        worker.kill()
        with self._lock:
            self._all.discard(worker)
            self.restarts += 1
            if self._closed:
                return

        def start() -> None:
            try:
                new = _Worker(self.store, self.log)
            except Exception:  # noqa: BLE001  # one fewer engine; the log has why
                return
            with self._lock:
                if self._closed:
                    new.kill()
                    return
                self._all.add(new)
            self._idle.put(new)

        threading.Thread(target=start, name="cheikg-engine-start", daemon=True).start()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers, self._all = list(self._all), set()
        for w in workers:
            w.kill()


def _last_line(log: Path) -> str:
    try:
        lines = [line.strip() for line in log.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
    except OSError:
        lines = []
    return lines[-1] if lines else "no message"
