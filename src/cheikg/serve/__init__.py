"""`cheikg serve`: the built graph as a read-only SPARQL 1.1 endpoint, with a query page.

The modules, from the socket in:

- ``http``: the HTTP server (waitress) and the limits on what clients send;
- ``app``: the WSGI application and its routing table (how to add a route);
- ``server``: start and stop: a private copy of the store, the engines, the routes (``build_app``);
- ``sparql``: the SPARQL 1.1 Protocol endpoint (/query), writes refused;
- ``engine`` and ``worker``: queries run in worker processes, killed past their time;
- ``negotiation``: the answer's serialization from the Accept header;
- ``messages``: what the endpoint says instead of results;
- ``page``: the query page at / and its files.

What a query may do is decided in ``cheikg.sparql_policy`` (never SERVICE, never an update).
"""

from cheikg.sparql_policy import refusal

from .http import Limits
from .server import DEFAULT_HOST, DEFAULT_MAX_RESULT, DEFAULT_PORT, DEFAULT_TIMEOUT, Server, build_app, serve_build

__all__ = ["DEFAULT_HOST", "DEFAULT_MAX_RESULT", "DEFAULT_PORT", "DEFAULT_TIMEOUT", "Limits", "Server", "build_app", "refusal", "serve_build"]
