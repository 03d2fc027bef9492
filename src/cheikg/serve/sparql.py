"""The SPARQL 1.1 Protocol endpoint: /query (and /sparql) answer queries, every write is refused.

GET with ``?query=``, POST as a form (``query=``) or as ``application/sparql-query``.
The query goes to a worker (cheikg.serve.engine), which checks it (never
SERVICE, never an update), runs it and serializes the answer in the type the
Accept header asks for. SPARQL Update, in any of the protocol's forms, and the
Graph Store protocol's writes get 403.
"""

from __future__ import annotations

from . import messages
from .app import App, HttpError, Request, Response
from .engine import Engines

QUERY_PATHS = ("/query", "/sparql")
WRITE_PATHS = ("/update", "/store")
FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"


class Endpoint:
    def __init__(self, engines: Engines):
        self.engines = engines

    def query(self, request: Request) -> Response:
        if request.method == "POST":
            if request.content_type == SPARQL_UPDATE:
                raise HttpError(403, messages.READ_ONLY)
            if request.content_type == FORM:
                params = request.form()
            elif request.content_type == SPARQL_QUERY:
                params = {"query": [request.body.decode("utf-8", "replace")]}
            else:
                raise HttpError(415, f"send a query as {SPARQL_QUERY} or as a form ({FORM})")
        else:
            params = request.params()
        if "update" in params:
            raise HttpError(403, messages.READ_ONLY)
        queries = params.get("query", [])
        if len(queries) != 1:
            raise HttpError(400, "give exactly one 'query' parameter")
        status, ctype, body = self.engines.answer(queries[0], request.headers.get("accept"))
        headers = [("Retry-After", "5")] if status == 503 else []
        return Response(status, body, ctype, headers)

    def refuse_write(self, request: Request) -> Response:
        raise HttpError(403, messages.READ_ONLY)


def add_routes(app: App, endpoint: Endpoint) -> None:
    for path in QUERY_PATHS:
        app.route(path, endpoint.query, methods=("GET", "POST"))
    for path in WRITE_PATHS:
        app.route(path, endpoint.refuse_write, methods=("GET", "POST", "PUT", "DELETE", "PATCH"))
