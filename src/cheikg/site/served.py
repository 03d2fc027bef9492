"""The query API and the site on the served endpoint (`cheikg serve [--site]`).

``/api/QUERY[.FORMAT]`` answers a library query through the server's query engines, so the
endpoint's policy holds for it too: worker processes, the time limit, the result cap.  With
``--site`` the pages are served from the same process, at the paths the site has in its folder
(``/index.html``, ``/entity/ID.html`` ...), beside ``/api/``: the query pages then run their
forms, and an entity page's questions run live.
"""

from __future__ import annotations

from collections.abc import Callable

from cheikg.loaders.graph import Index
from cheikg.queries.results import Answer
from cheikg.remote import read_results

from .http_api import EngineStatus, QueryApi

_TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}


class EngineTarget:
    """The served query engines as a query target: a SPARQL text in, an Answer out (or EngineStatus)."""

    def __init__(self, engines):
        self.engines = engines

    def select(self, sparql: str) -> Answer:
        status, ctype, body = self.engines.answer(sparql, "application/sparql-results+json")
        if status != 200:
            raise EngineStatus(status, body.decode("utf-8", "replace").strip())
        return read_results("the served graph", ctype.split(";")[0].strip(), body)


def add_routes(app, engines, *, index: Callable[[], Index] | None = None, site: dict[str, bytes] | None = None) -> None:
    """Route ``/api/`` to the query API (``index``: the stored records' index, for ids given as names), and,
    given the site's files, each of them to its path."""
    from cheikg.serve.app import HttpError, Response

    api = QueryApi(EngineTarget(engines), index)

    def answer(request):
        got = api.answer(request.path[len("/api/"):], request.params(), request.headers.get("accept", ""))
        return Response(got.status, got.body, got.content_type)

    app.route("/api/", answer, prefix=True)
    if not site:
        return

    def page(request):
        path = request.path.lstrip("/")
        data = site.get(path)
        if data is None:
            raise HttpError(404, f"no such page: {request.path}")
        suffix = path[path.rfind("."):]
        return Response(200, data, _TYPES.get(suffix, "application/octet-stream"))

    tops = sorted({p.split("/", 1)[0] for p in site if "/" in p})
    for top in tops:
        app.route(f"/{top}/", page, prefix=True)
    for path in sorted(p for p in site if "/" not in p):
        app.route(f"/{path}", page)
