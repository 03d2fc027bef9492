"""A local listening socket that records every connection made to it: proof that a query called no host."""

from __future__ import annotations

import socket
import threading
import time


class Listener:
    """Listens on a free loopback port; ``calls()`` is how many connections arrived, after a short wait for late ones."""

    def __init__(self) -> None:
        self._sock = socket.socket()
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(64)
        self._sock.settimeout(0.1)
        self.port = self._sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/sparql"
        self._count = 0
        self._closed = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                conn, _ = self._sock.accept()
            except (TimeoutError, socket.timeout):
                continue
            except OSError:
                return
            self._count += 1
            conn.close()  # an engine that called gets an error at once, not a hang

    def calls(self, wait: float = 0.3) -> int:
        time.sleep(wait)
        return self._count

    def close(self) -> None:
        self._closed.set()
        self._thread.join()
        self._sock.close()

    def __enter__(self) -> "Listener":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
