"""Start and stop the served graph: a private copy of the store, its query engines, the app and the HTTP server.

``build_app`` lists the routes; add new ones there (cheikg.serve.app says how).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from cheikg.build import DUMP_NAME, GRAPH_DIR, open_store, stored_index
from cheikg.errors import UsageError
from cheikg.loaders.graph import Index

from . import page, sparql
from .app import App
from .engine import Engines
from .http import HttpServer, Limits

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_RESULT = 16 * 1024 * 1024
DEFAULT_ENGINES = min(4, os.cpu_count() or 1)
DEFAULT_LIMITS = Limits()


def build_app(engines: Engines, *, index: Callable[[], Index] | None = None, site: dict[str, bytes] | None = None) -> App:
    """The served routes: the SPARQL endpoint, the refused write endpoints, the query page and its files,
    the query library's API at /api/ and, given its files, the site (cheikg.site.served)."""
    from cheikg.site import served

    app = App(not_found="no such page: {path}; the SPARQL endpoint is /query")
    sparql.add_routes(app, sparql.Endpoint(engines))
    page.add_routes(app)
    served.add_routes(app, engines, index=index, site=site)
    return app


class Server:
    """A read-only SPARQL endpoint over a Turtle dump (the build's), with the query page."""

    def __init__(
        self,
        dump: Path,
        *,
        host: str = DEFAULT_HOST,
        port: int = DEFAULT_PORT,
        timeout: float = DEFAULT_TIMEOUT,
        max_result: int = DEFAULT_MAX_RESULT,
        engines: int = DEFAULT_ENGINES,
        limits: Limits = DEFAULT_LIMITS,
        index: Callable[[], Index] | None = None,
        site: dict[str, bytes] | None = None,
    ):
        if timeout <= 0:
            raise UsageError("--timeout must be a positive number of seconds")
        if max_result < 1:
            raise UsageError("--max-result-bytes must be at least 1")
        self.dump, self.host, self.port = dump, host, port
        self.timeout, self.max_result, self.engine_count, self.limits = timeout, max_result, engines, limits
        self.index, self.site = index, site  # the stored records' index (ids given as names) and the site's files, if served
        self._dir: Path | None = None
        self.engines: Engines | None = None
        self._http: HttpServer | None = None

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def restarts(self) -> int:
        """Query engines replaced since the start (a query past its time, or one that crashed its engine)."""
        return self.engines.restarts if self.engines else 0

    def start(self) -> Server:
        self._dir = Path(tempfile.mkdtemp(prefix="cheikg-serve-"))
        try:
            self._http = HttpServer(None, self.host, self.port, self.limits)  # first: a port in use fails at once
            self.port = self._http.port
            store = self._load()
            self.engines = Engines(store, self.engine_count, self.timeout, self.max_result, self._dir / "engines.log").start()
            self._http.set_app(build_app(self.engines, index=self.index, site=self.site))
        except BaseException:
            self.close()
            raise
        return self

    def _load(self) -> Path:
        """The dump loaded into a store of the server's own, so a rebuild meanwhile never moves files under it."""
        assert self._dir is not None
        path = self._dir / "store"
        try:
            store = ox.Store(str(path))
            store.bulk_load(path=str(self.dump), format=ox.RdfFormat.TURTLE)
            store.flush()
        except (OSError, SyntaxError, ValueError) as e:
            raise UsageError(f"cannot load {self.dump}: {e}; rebuild with `cheikg build`") from None
        del store  # closed, so that the engines can open it read-only
        return path

    def serve_forever(self) -> None:
        assert self._http is not None
        self._http.serve_forever()

    def serve_in_thread(self) -> threading.Thread:
        assert self._http is not None
        return self._http.serve_in_thread()

    def close(self) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None
        if self.engines is not None:
            self.engines.close()
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()


def serve_build(data_dir: Path, build_dir: Path, *, notify: Callable[[str], None] | None = None, site: bool = False, **options) -> Server:
    """A started Server over the graph built from ``data_dir`` (rebuilt first when the records changed);
    with ``site``, the static site of that graph too (cheikg.site), made at the start."""
    store = open_store(data_dir, build_dir, notify=notify)
    files = None
    if site:
        from cheikg.site import render_site

        files = render_site(store)
    return Server(build_dir / GRAPH_DIR / DUMP_NAME, index=lambda: stored_index(data_dir, build_dir), site=files, **options).start()
