"""The served web application: a WSGI app and its routing table, apart from the HTTP server that runs it.

Adding a route
--------------
A handler takes a ``Request`` and returns a ``Response``. Register it in
``cheikg.serve.server.build_app``, where the app's routes are listed::

    app.route("/api/", api.answer, methods=("GET", "POST"), prefix=True)   # /api/QUERY
    app.route("/site/", static_files(site_dir), prefix=True)

An exact path wins over a prefix, and a longer prefix over a shorter one.
``GET`` routes answer ``HEAD`` too (the server sends no body). A handler
never sees the socket: the HTTP server (cheikg.serve.http) has already
applied the request limits (size, time, framing) and read the whole body.
Raise ``HttpError(status, message)`` to answer with a plain-text error; any
other exception becomes a one-line 500, never a traceback to the client.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import parse_qs

LOG = logging.getLogger("cheikg.serve")
_REASONS = {
    200: "OK", 400: "Bad Request", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed", 406: "Not Acceptable",
    413: "Content Too Large", 415: "Unsupported Media Type", 500: "Internal Server Error", 502: "Bad Gateway",
    503: "Service Unavailable",
}


class HttpError(Exception):
    """An answer other than 200, with a one-line message for the client."""

    def __init__(self, status: int, message: str, headers: Iterable[tuple[str, str]] = ()):
        super().__init__(message)
        self.status, self.message, self.headers = status, message, list(headers)


@dataclass
class Request:
    method: str
    path: str
    query_string: str
    headers: dict[str, str]  # lower-case names
    body: bytes

    @classmethod
    def from_environ(cls, environ: dict) -> Request:
        headers = {k[5:].replace("_", "-").lower(): v for k, v in environ.items() if k.startswith("HTTP_")}
        for key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            if environ.get(key):
                headers[key.replace("_", "-").lower()] = environ[key]
        length = int(environ.get("CONTENT_LENGTH") or 0)  # the server checked it, and de-chunked the body
        body = environ["wsgi.input"].read(length) if length > 0 else b""
        path = environ.get("PATH_INFO", "/").encode("latin-1").decode("utf-8", "replace")
        return cls(environ["REQUEST_METHOD"], path, environ.get("QUERY_STRING", ""), headers, body)

    @property
    def content_type(self) -> str:
        """The media type of the body, without parameters, lower case."""
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    def params(self) -> dict[str, list[str]]:
        """The query-string parameters (name -> values)."""
        return parse_qs(self.query_string, keep_blank_values=True)

    def form(self) -> dict[str, list[str]]:
        """The fields of a form body (application/x-www-form-urlencoded)."""
        return parse_qs(self.body.decode("utf-8", "replace"), keep_blank_values=True)


@dataclass
class Response:
    status: int
    body: bytes
    content_type: str
    headers: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def text(cls, status: int, message: str, headers: Iterable[tuple[str, str]] = ()) -> Response:
        return cls(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8", list(headers))


Handler = Callable[[Request], Response]


@dataclass
class _Route:
    handler: Handler
    methods: tuple[str, ...]


class App:
    """A WSGI application: requests are routed by path to handlers, and their answers sent."""

    def __init__(self, not_found: str = "no such page: {path}"):
        self._exact: dict[str, _Route] = {}
        self._prefixes: list[tuple[str, _Route]] = []
        self._not_found = not_found

    def route(self, path: str, handler: Handler, *, methods: Iterable[str] = ("GET",), prefix: bool = False) -> None:
        """Send requests for ``path`` (or, with ``prefix``, every path under it) to ``handler``."""
        allowed = tuple(dict.fromkeys(m.upper() for m in methods))
        if "GET" in allowed and "HEAD" not in allowed:
            allowed += ("HEAD",)
        entry = _Route(handler, allowed)
        if prefix:
            self._prefixes.append((path, entry))
            self._prefixes.sort(key=lambda p: -len(p[0]))
        else:
            self._exact[path] = entry

    def find(self, path: str) -> _Route | None:
        if path in self._exact:
            return self._exact[path]
        return next((entry for start, entry in self._prefixes if path.startswith(start)), None)

    def answer(self, request: Request) -> Response:
        entry = self.find(request.path)
        try:
            if entry is None:
                raise HttpError(404, self._not_found.format(path=request.path))
            if request.method not in entry.methods:
                raise HttpError(405, f"{request.method} is not answered at {request.path}; use {' or '.join(entry.methods)}",
                                [("Allow", ", ".join(entry.methods))])
            return entry.handler(request)
        except HttpError as e:
            return Response.text(e.status, e.message, e.headers)
        except Exception as e:  # noqa: BLE001  # a bug: one line in the log, a plain 500 for the client
            LOG.error("internal error answering %s %s: %s: %s", request.method, request.path, type(e).__name__, e)
            return Response.text(500, "internal error; the server log has a line about it")

    def __call__(self, environ: dict, start_response) -> list[bytes]:
        try:
            request = Request.from_environ(environ)
        except (ValueError, OSError) as e:
            response = Response.text(400, f"the request cannot be read: {e}")
        else:
            response = self.answer(request)
        headers = [
            ("Content-Type", response.content_type),
            ("Content-Length", str(len(response.body))),
            ("X-Content-Type-Options", "nosniff"),
            *response.headers,
        ]
        start_response(f"{response.status} {_REASONS.get(response.status, 'Status')}", headers)
        return [response.body]
