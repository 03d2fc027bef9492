"""Where a remote SPARQL endpoint is and how to reach it: options, environment, a settings file.

The endpoint is always one the user named: ``--endpoint`` on the command line,
else the environment variable ``CHEIKG_ENDPOINT``.  Either holds a URL, or the
path of a TOML file (such as ``cheikg.toml``) that describes the endpoint::

    [endpoint]
    query = "http://127.0.0.1:7878/query"
    update = "http://127.0.0.1:7878/update"   # optional, derived from query
    store = "http://127.0.0.1:7878/store"     # optional, derived from query
    timeout = 60                              # seconds, for each whole request
    retries = 3                               # on HTTP 429, 502, 503, 504
    server-timeout-param = "timeout"          # optional: Fuseki, GraphDB take one, in seconds

A file is read only when it is named: a ``cheikg.toml`` that happens to lie in
the working directory (a cloned repository's, say) never chooses where
queries, and the environment's credentials, go.  With nothing named the
embedded store is used.  Credentials are read from the environment only
(``CHEIKG_ENDPOINT_TOKEN`` for a bearer token, or ``CHEIKG_ENDPOINT_USER``
and ``CHEIKG_ENDPOINT_PASSWORD`` for HTTP Digest or Basic auth, whichever the
server asks for), so they never appear on a command line, in shell history or
in a file that may be committed; they are sent only to the origins of the
endpoint's URLs (cheikg.transport).
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
        kind = "bearer token" if self.token else "user and password" if self.user else "none"
        return f"Credentials({kind})"


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
        raise UsageError(f"{what}: '{url}' is not an http:// or https:// URL (for Oxigraph: http://127.0.0.1:7878/query) nor a .toml file")
    if parts.username is not None or parts.password is not None:
        raise UsageError(
            f"{what}: the URL holds a user name or password; remove it and set {ENV_USER}/{ENV_PASSWORD} (or {ENV_TOKEN}) in the environment instead"
        )
    return url


def derive_urls(query: str) -> tuple[str, str | None]:
    """Update and Graph Store URLs beside a query URL.

    A query URL whose last segment is ``query`` (Oxigraph ``/query``, Fuseki
    ``/ds/query``) has ``update`` and ``store`` siblings.  Virtuoso's ``/sparql``
    takes updates itself, and its Graph Store is ``/sparql-graph-crud`` (and
    ``/sparql-auth``'s is ``/sparql-graph-crud-auth``): its SPARQL compiler runs
    out of memory on large ``INSERT DATA`` requests, its Turtle loader behind the
    Graph Store does not.  Any other URL also takes updates (Fuseki ``/ds``,
    Blazegraph) and no Graph Store endpoint is assumed, so pushes use ``INSERT DATA``.
    """
    parts = urlsplit(query)
    head, _, last = parts.path.rpartition("/")
    sibling = lambda name: urlunsplit((parts.scheme, parts.netloc, f"{head}/{name}", "", ""))
    if last == "query":
        return sibling("update"), sibling("store")
    if last in ("sparql", "sparql-auth") and not parts.query:
        return query, sibling(last.replace("sparql", "sparql-graph-crud"))
    return query, None


def is_settings_file(value: str) -> bool:
    """Whether an --endpoint or CHEIKG_ENDPOINT value names a TOML file rather than a URL."""
    return "://" not in value and value.lower().endswith(".toml")


def read_settings_file(path: Path, name: str) -> dict:
    """The [endpoint] table of a TOML settings file the user named (``name``, as given, for messages)."""
    if not path.is_file():
        raise UsageError(f"{name}: no such file; --endpoint and {ENV_ENDPOINT} take a URL, or the path of a TOML file with an [endpoint] table")
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise UsageError(f"{name}: cannot be read as TOML ({e}); fix it") from None
    table = doc.get("endpoint")
    if not isinstance(table, dict) or not table.get("query"):
        raise UsageError(f"{name}: needs an [endpoint] table with query = \"http://...\"")
    secret = sorted(set(table) & _SECRET_KEYS)
    if secret:
        raise UsageError(f"{name}: '{secret[0]}' does not belong in a file; set {ENV_USER}/{ENV_PASSWORD} or {ENV_TOKEN} in the environment")
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise UsageError(f"{name}: unknown key '{unknown[0]}' in [endpoint]; the keys are {', '.join(sorted(_KEYS))}")
    return table


def unnamed_settings_file(cwd: Path | None = None) -> str | None:
    """A cheikg.toml (or .cheikg.toml) in ``cwd`` with an [endpoint] table: it is not read unless named, and the CLI says so."""
    folder = Path.cwd() if cwd is None else cwd
    for name in CONFIG_FILES:
        path = folder / name
        try:
            if path.is_file() and "[endpoint]" in path.read_text(encoding="utf-8", errors="replace"):
                return name
        except OSError:
            continue
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
    """The endpoint the user named (``url``, else CHEIKG_ENDPOINT), or None for the embedded store.

    A value naming a TOML file (relative to ``cwd``) is read for the URLs and
    settings; explicit arguments win over the file's.
    """
    env = os.environ if env is None else env
    origin = "--endpoint"
    if url is None and env.get(ENV_ENDPOINT):
        url, origin = env[ENV_ENDPOINT], ENV_ENDPOINT
    if url is None:
        return None
    table: dict = {}
    file_name = ""
    if is_settings_file(url):
        path = Path(url) if Path(url).is_absolute() else (Path.cwd() if cwd is None else cwd) / url
        table, file_name = read_settings_file(path, url), url
        url, origin = str(table["query"]), url
    check_url(url, origin)
    derived_update, derived_store = derive_urls(url)
    update = update or table.get("update") or derived_update
    store = store or table.get("store") or derived_store
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
