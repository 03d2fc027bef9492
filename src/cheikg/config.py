"""Where a remote SPARQL endpoint is and how to reach it: options, environment, a config file.

Precedence, first found wins: the command-line option, the environment
variable ``CHEIKG_ENDPOINT``, then ``cheikg.toml`` (or ``.cheikg.toml``) in the
working directory::

    [endpoint]
    query = "http://127.0.0.1:7878/query"
    update = "http://127.0.0.1:7878/update"   # optional, derived from query
    store = "http://127.0.0.1:7878/store"     # optional, derived from query
    timeout = 60                              # seconds
    retries = 3                               # on HTTP 429, 502, 503, 504
    server-timeout-param = "timeout"          # optional: Fuseki, GraphDB take one, in seconds

With none of them the embedded store is used.  Credentials are read from the
environment only (``CHEIKG_ENDPOINT_TOKEN`` for a bearer token, or
``CHEIKG_ENDPOINT_USER`` and ``CHEIKG_ENDPOINT_PASSWORD`` for HTTP basic auth),
so they never appear on a command line, in shell history or in a file that
may be committed.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from .errors import UsageError

ENV_ENDPOINT = "CHEIKG_ENDPOINT"
ENV_TOKEN = "CHEIKG_ENDPOINT_TOKEN"
ENV_USER = "CHEIKG_ENDPOINT_USER"
ENV_PASSWORD = "CHEIKG_ENDPOINT_PASSWORD"
CONFIG_FILES = ("cheikg.toml", ".cheikg.toml")
DEFAULT_TIMEOUT = 60.0
DEFAULT_RETRIES = 3

_KEYS = {"query", "update", "store", "timeout", "retries", "server-timeout-param"}
_SECRET_KEYS = {"password", "token", "user", "username", "auth", "authorization"}


@dataclass(frozen=True)
class Credentials:
    """HTTP credentials from the environment; ``repr`` never shows them."""

    user: str | None = None
    password: str | None = None
    token: str | None = None

    def __repr__(self) -> str:
        kind = "bearer token" if self.token else "basic auth" if self.user else "none"
        return f"Credentials({kind})"

    def header(self) -> str | None:
        """The Authorization header value, or None."""
        if self.token:
            return f"Bearer {self.token}"
        if self.user is not None:
            import base64

            pair = f"{self.user}:{self.password or ''}".encode()
            return "Basic " + base64.b64encode(pair).decode("ascii")
        return None


def credentials_from_env(env: dict[str, str] | None = None) -> Credentials:
    env = os.environ if env is None else env
    token = env.get(ENV_TOKEN) or None
    user = env.get(ENV_USER) or None
    password = env.get(ENV_PASSWORD)
    if token and user:
        raise UsageError(f"set either {ENV_TOKEN} or {ENV_USER}/{ENV_PASSWORD}, not both")
    if password and not user:
        raise UsageError(f"{ENV_PASSWORD} is set but {ENV_USER} is not; set both for HTTP basic auth")
    return Credentials(user, password, token)


@dataclass(frozen=True)
class EndpointConfig:
    """The URLs of one server's SPARQL query, update and Graph Store endpoints, and how to call them."""

    query: str
    update: str
    store: str | None
    timeout: float = DEFAULT_TIMEOUT
    retries: int = DEFAULT_RETRIES
    server_timeout_param: str | None = None
    origin: str = "--endpoint"  # where the query URL came from, for messages


def check_url(url: str, what: str = "--endpoint") -> str:
    """An http(s) URL without credentials in it, or UsageError."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"{what}: '{url}' is not an http:// or https:// URL (for Oxigraph: http://127.0.0.1:7878/query)")
    if parts.username is not None or parts.password is not None:
        raise UsageError(
            f"{what}: the URL holds a user name or password; remove it and set {ENV_USER}/{ENV_PASSWORD} (or {ENV_TOKEN}) in the environment instead"
        )
    return url


def derive_urls(query: str) -> tuple[str, str | None]:
    """Update and Graph Store URLs beside a query URL.

    A query URL whose last segment is ``query`` (Oxigraph ``/query``, Fuseki
    ``/ds/query``) has ``update`` and ``store`` siblings.  Otherwise the query URL
    also takes updates (Virtuoso ``/sparql``, Fuseki ``/ds``, Blazegraph) and no
    Graph Store endpoint is assumed, so pushes fall back to ``INSERT DATA``.
    """
    parts = urlsplit(query)
    head, _, last = parts.path.rpartition("/")
    if last == "query":
        sibling = lambda name: urlunsplit((parts.scheme, parts.netloc, f"{head}/{name}", "", ""))
        return sibling("update"), sibling("store")
    return query, None


def read_config_file(cwd: Path | None = None) -> tuple[dict, str] | None:
    """The [endpoint] table of cheikg.toml or .cheikg.toml in ``cwd``, and the file's name."""
    folder = Path.cwd() if cwd is None else cwd
    for name in CONFIG_FILES:
        path = folder / name
        if not path.is_file():
            continue
        try:
            doc = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
            raise UsageError(f"{name}: cannot be read as TOML ({e}); fix it or remove it") from None
        table = doc.get("endpoint", {})
        if not isinstance(table, dict):
            raise UsageError(f"{name}: 'endpoint' must be a table: [endpoint] then query = \"http://...\"")
        secret = sorted(set(table) & _SECRET_KEYS)
        if secret:
            raise UsageError(
                f"{name}: '{secret[0]}' does not belong in a file; set {ENV_USER}/{ENV_PASSWORD} or {ENV_TOKEN} in the environment"
            )
        unknown = sorted(set(table) - _KEYS)
        if unknown:
            raise UsageError(f"{name}: unknown key '{unknown[0]}' in [endpoint]; the keys are {', '.join(sorted(_KEYS))}")
        return table, name
    return None


def endpoint_config(
    url: str | None = None,
    *,
    update: str | None = None,
    store: str | None = None,
    timeout: float | None = None,
    retries: int | None = None,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> EndpointConfig | None:
    """The endpoint to use, or None for the embedded store; explicit arguments win over environment and file."""
    env = os.environ if env is None else env
    found = read_config_file(cwd)
    table, file_name = found if found else ({}, "")
    origin = "--endpoint"
    if url is None and env.get(ENV_ENDPOINT):
        url, origin = env[ENV_ENDPOINT], ENV_ENDPOINT
    if url is None and table.get("query"):
        url, origin = str(table["query"]), file_name
    if url is None:
        return None
    check_url(url, origin)
    derived_update, derived_store = derive_urls(url)
    same_server = table.get("query") == url  # the file's update/store belong to the file's query URL
    update = update or (table.get("update") if same_server else None) or derived_update
    store = store or (table.get("store") if same_server else None) or derived_store
    check_url(update, "--update-endpoint")
    if store is not None:
        check_url(store, "--store-endpoint")
    t = timeout if timeout is not None else _number(table, "timeout", file_name, DEFAULT_TIMEOUT)
    r = retries if retries is not None else int(_number(table, "retries", file_name, DEFAULT_RETRIES))
    if t <= 0:
        raise UsageError("the timeout must be a positive number of seconds")
    if r < 0:
        raise UsageError("retries must be 0 or more")
    param = table.get("server-timeout-param")
    return EndpointConfig(url, update, store, float(t), r, str(param) if param else None, origin)


def _number(table: dict, key: str, file_name: str, default: float) -> float:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise UsageError(f"{file_name}: '{key}' must be a number, not {value!r}")
    return float(value)
