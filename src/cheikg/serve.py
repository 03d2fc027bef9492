"""`cheikg serve`: the built graph as a read-only SPARQL 1.1 endpoint.

The SPARQL work is done by the Oxigraph server (``oxigraph serve-read-only``
from the ``oxigraph`` package: the SPARQL 1.1 Protocol, content negotiation
of JSON, XML, CSV and TSV results and of Turtle and JSON-LD graphs, a query
timeout, and the YASGUI query editor).  It listens on a private loopback port
and a small proxy in front of it does the four things Oxigraph has no option
for: refusing updates with 403 (its read-only mode answers them with other
codes), refusing ``SERVICE`` (Oxigraph would call other hosts on a user's
behalf), capping the size of a result, and the query page whose examples are
the query library.

The server reads its own store, loaded from the build's Turtle dump by the
same Oxigraph binary, so a rebuild meanwhile (which swaps ``build/graph``)
never pulls files from under it and its storage format always matches.
"""

from __future__ import annotations

import html
import http.client
import json
import math
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

from cheikg.queries import catalog

from .build import DUMP_NAME, GRAPH_DIR, open_store
from .errors import UsageError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_RESULT = 16 * 1024 * 1024
MAX_REQUEST = 1024 * 1024
GRACE = 1.0  # seconds past the timeout before an unanswered query counts as stuck
_STATIC = {"/yasgui.min.js", "/yasgui.min.css", "/logo.svg"}
_QUERY_PATHS = {"/query", "/sparql"}
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_TOKEN = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r"|<[^<>\"{}|^`\\\s]*>|#[^\n]*|[?$]\w+|[A-Za-z_][\w-]*(?::[\w.-]*)?|.",
    re.DOTALL,
)


def oxigraph_binary() -> str:
    """The `oxigraph` program of this environment (beside the Python running cheikg), else on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise UsageError("cheikg serve needs the Oxigraph server from the oxigraph package: pip install 'cheikg[serve]'")


def refusal(query: str) -> str | None:
    """Why this query is refused (a federated SERVICE call), or None.

    SPARQL lets ``\\u`` escapes stand anywhere in a query, so they are decoded
    first; strings, IRIs and comments are skipped, so the word in a literal is
    harmless.
    """
    text = _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), query)
    for m in _TOKEN.finditer(text):
        if m.group(0).upper() == "SERVICE":
            return "SERVICE (a federated query to another endpoint) is refused by this read-only endpoint"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A read-only SPARQL endpoint over a Turtle dump: Oxigraph behind the policy proxy."""

    def __init__(
        self,
        dump: Path,
        *,
        host: str = DEFAULT_HOST,
        port: int = DEFAULT_PORT,
        timeout: float = DEFAULT_TIMEOUT,
        max_result: int = DEFAULT_MAX_RESULT,
    ):
        if timeout <= 0:
            raise UsageError("--timeout must be a positive number of seconds")
        if max_result < 1:
            raise UsageError("--max-result-bytes must be at least 1")
        self.dump, self.host, self.port = dump, host, port
        self.timeout, self.max_result = timeout, max_result
        self._dir: Path | None = None
        self._process: subprocess.Popen | None = None
        self._http: ThreadingHTTPServer | None = None
        self._serving = False
        self._lock = threading.Lock()
        self._binary = ""
        self.upstream = ""

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def start(self) -> "Server":
        self._binary = oxigraph_binary()
        self._dir = Path(tempfile.mkdtemp(prefix="cheikg-serve-"))
        try:
            self._load()
            self._process, self.upstream = self._start_upstream()
            self._bind()
        except BaseException:
            self.close()
            raise
        return self

    def _load(self) -> None:
        assert self._dir is not None
        done = subprocess.run(
            [self._binary, "load", "--location", str(self._dir / "store"), "--file", str(self.dump)],
            capture_output=True, text=True, check=False,
        )
        if done.returncode != 0:
            raise UsageError(f"the Oxigraph server could not load {self.dump}: {_last_line(done.stderr)}; rebuild with `cheikg build`")

    def _start_upstream(self) -> tuple[subprocess.Popen, str]:
        assert self._dir is not None
        port = _free_port()
        log_path = self._dir / f"oxigraph-{port}.log"
        with open(log_path, "wb") as log:
            process = subprocess.Popen(
                [self._binary, "serve-read-only", "--location", str(self._dir / "store"), "--bind", f"127.0.0.1:{port}",
                 "--timeout-s", str(max(1, math.ceil(self.timeout)))],
                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise UsageError(f"the Oxigraph server stopped at start: {_last_line(log_path.read_text(encoding='utf-8', errors='replace'))}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    return process, f"http://127.0.0.1:{port}"
            except OSError:
                time.sleep(0.05)
        process.kill()
        raise UsageError("the Oxigraph server did not start within 20 s")

    def restart_upstream(self, stale: str) -> None:
        """Replace an Oxigraph process stuck on an overrunning query.

        Its own --timeout-s is checked only while a query yields rows, so a
        long sort or aggregate runs on; killing the process is the one way to
        stop it.  The new process starts first (read-only processes may share
        the store), so other clients see no gap.
        """
        with self._lock:
            if self.upstream != stale or self._process is None:
                return  # another request already restarted it
            old = self._process
            self._process, self.upstream = self._start_upstream()
        old.kill()
        old.wait()

    def _bind(self) -> None:
        handler = type("Handler", (_Handler,), {"server_state": self})
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        server_class = type("HTTPServer", (ThreadingHTTPServer,), {"address_family": family, "daemon_threads": True})
        try:
            self._http = server_class((self.host, self.port), handler)
        except OSError as e:
            if e.errno in (98, 48):  # EADDRINUSE on Linux, macOS
                raise UsageError(f"port {self.port} on {self.host} is in use; choose another with --port") from None
            raise UsageError(f"cannot listen on {self.host}:{self.port}: {e.strerror or e}; check --host and --port") from None
        self.port = self._http.server_address[1]

    def serve_forever(self) -> None:
        assert self._http is not None
        self._serving = True
        self._http.serve_forever(poll_interval=0.2)

    def serve_in_thread(self) -> threading.Thread:
        self._serving = True  # before the thread runs, so a close() right away still stops it
        thread = threading.Thread(target=self.serve_forever, name="cheikg-serve", daemon=True)
        thread.start()
        return thread

    def close(self) -> None:
        if self._http is not None:
            if self._serving:  # shutdown() waits for serve_forever, which returns at once if it already ended
                self._http.shutdown()
            self._http.server_close()
            self._http = None
        if self._process is not None:
            self._process.kill()  # read-only: nothing to flush
            self._process.wait()
            self._process = None
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None

    def __enter__(self) -> "Server":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()


def serve_build(data_dir: Path, build_dir: Path, *, notify: Callable[[str], None] | None = None, **options) -> Server:
    """A started Server over the graph built from ``data_dir`` (rebuilt first when the records changed)."""
    open_store(data_dir, build_dir, notify=notify)
    return Server(build_dir / GRAPH_DIR / DUMP_NAME, **options).start()


class _Handler(BaseHTTPRequestHandler):
    server_state: Server
    server_version = "cheikg"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args) -> None:  # noqa: A002  # quiet: a query string may hold anything
        pass

    # -- routing

    def do_GET(self) -> None:
        path, _, qs = self.path.partition("?")
        if path == "/":
            self._send(200, "text/html; charset=utf-8", query_page().encode("utf-8"))
        elif path in _STATIC:
            self._forward("GET", path, None, None)
        elif path in _QUERY_PATHS:
            params = parse_qs(qs, keep_blank_values=True)
            self._query("GET", qs, None, None, params)
        elif path == "/update" or path == "/store":
            self._refuse_write()
        else:
            self._error(404, f"no such page: {path}; the SPARQL endpoint is /query")

    def do_POST(self) -> None:
        path = self.path.partition("?")[0]
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_REQUEST:
            self._error(413, f"the request is larger than {MAX_REQUEST} bytes")
            return
        body = self.rfile.read(length) if length else b""
        if path not in _QUERY_PATHS:
            if path in ("/update", "/store"):
                self._refuse_write()
            else:
                self._error(404, f"no such endpoint: {path}; the SPARQL endpoint is /query")
            return
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if ctype == "application/sparql-update":
            self._refuse_write()
        elif ctype == "application/x-www-form-urlencoded":
            params = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
            self._query("POST", "", body, ctype, params)
        elif ctype == "application/sparql-query":
            self._query("POST", "", body, ctype, {"query": [body.decode("utf-8", "replace")]})
        else:
            self._error(415, "send a query as application/sparql-query or as a form (application/x-www-form-urlencoded)")

    def do_PUT(self) -> None:
        self._refuse_write()

    do_DELETE = do_PATCH = do_PUT

    # -- the policy

    def _refuse_write(self) -> None:
        self._error(403, "this endpoint is read-only: SPARQL Update and Graph Store writes are refused")

    def _query(self, method: str, qs: str, body: bytes | None, ctype: str | None, params: dict[str, list[str]]) -> None:
        if "update" in params:
            self._refuse_write()
            return
        queries = params.get("query", [])
        if len(queries) != 1:
            self._error(400, "give exactly one 'query' parameter")
            return
        why = refusal(queries[0])
        if why:
            self._error(403, why)
            return
        self._forward(method, "/query" + (f"?{qs}" if qs else ""), body, ctype)

    def _forward(self, method: str, path: str, body: bytes | None, ctype: str | None) -> None:
        state = self.server_state
        headers = {"Accept": self.headers.get("Accept") or "application/sparql-results+json"}
        if ctype:
            headers["Content-Type"] = ctype
        answer = None
        for _ in range(2):  # once more if the engine was restarted under this request
            upstream = state.upstream
            request = urllib.request.Request(upstream + path, data=body, method=method, headers=headers)
            started = time.monotonic()
            try:
                answer = self._fetch(request, started + state.timeout + GRACE, capped=path.startswith("/query"))
                break
            except TimeoutError:
                state.restart_upstream(upstream)
                self._timed_out()
                return
            except (urllib.error.URLError, OSError, http.client.HTTPException):
                if state.upstream == upstream:
                    break
        if answer is None:
            self._error(502, "the query engine is not answering; restart cheikg serve")
            return
        status, content_type, data = answer
        if status == 200 and path.startswith("/query") and time.monotonic() - started >= state.timeout:
            self._timed_out()  # Oxigraph cancelled it mid-answer and sent what it had
        elif data is None:
            self._error(413, f"the result is larger than this endpoint's cap of {state.max_result} bytes; add a LIMIT or ask for fewer columns")
        else:
            self._send(status, content_type, data)

    def _fetch(self, request: urllib.request.Request, deadline: float, capped: bool) -> tuple[int, str, bytes | None]:
        """Status, type and body (None when over the cap) of the upstream answer, or TimeoutError past ``deadline``."""
        state = self.server_state
        try:
            response = urllib.request.urlopen(request, timeout=max(deadline - time.monotonic(), 0.1))
        except urllib.error.HTTPError as e:
            response = e
        except urllib.error.URLError as e:
            if isinstance(e.reason, TimeoutError):
                raise e.reason from None
            raise
        with response:
            parts, size = [], 0
            while chunk := response.read(65536):
                size += len(chunk)
                if capped and size > state.max_result:
                    return response.getcode(), "", None
                if time.monotonic() > deadline:
                    raise TimeoutError
                parts.append(chunk)
            return response.getcode(), response.headers.get("Content-Type") or "application/octet-stream", b"".join(parts)

    def _timed_out(self) -> None:
        limit = self.server_state.timeout
        self._error(500, f"the query did not finish within {limit:g} s, this endpoint's limit; ask a narrower question or add a LIMIT")

    # -- answers

    def _error(self, status: int, message: str) -> None:
        self._send(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))

    def _send(self, status: int, ctype: str, data: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else "no message"


def query_page() -> str:
    """The browser page: Oxigraph's YASGUI editor, and the query library as examples to start from."""
    examples = []
    for name, q in catalog.library().items():
        params = "".join(f"\n# ?{p.name}: {p.description}" + (" (required)" if p.required else "") for p in q.params)
        head = f"# {q.summary}{params}"
        if q.params:
            head += "\n# bind a parameter with VALUES, for example: VALUES ?" + q.params[0].name + " { ... }"
        examples.append({"name": name, "summary": q.summary, "text": f"{head}\n{q.text}"})
    options = "\n".join(
        f'      <option value="{i}">{html.escape(e["name"])}: {html.escape(e["summary"])}</option>' for i, e in enumerate(examples)
    )
    data = json.dumps([e["text"] for e in examples], ensure_ascii=False).replace("</", "<\\/")
    names = json.dumps([e["name"] for e in examples])
    return _PAGE.replace("{options}", options).replace("{examples}", data).replace("{names}", names)


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>cheikg SPARQL endpoint</title>
  <link href="./yasgui.min.css" rel="stylesheet" type="text/css">
  <script src="./yasgui.min.js"></script>
  <style>body { font-family: sans-serif; margin: 1em; } label { font-weight: bold; } select { max-width: 100%; }</style>
</head>
<body>
  <h1>cheikg: read-only SPARQL endpoint</h1>
  <p>The knowledge graph of Chinese higher-education internationalization. Endpoint: <code>/query</code> (GET or POST, SPARQL 1.1 Protocol).</p>
  <p><label for="examples">Example queries from the library:</label>
    <select id="examples">
      <option value="">choose a question...</option>
{options}
    </select></p>
  <div id="yasgui"></div>
  <script>
    const examples = {examples};
    const names = {names};
    const base = window.location.href.replace(/[?#].*$/, "").replace(/\\/$/, "");
    const yasgui = new Yasgui(document.getElementById("yasgui"), {
      requestConfig: { endpoint: base + "/query", method: "POST" },
      copyEndpointOnNewTab: true,
      endpointCatalogueOptions: { getData: () => [{ endpoint: base + "/query" }], keys: [] },
    });
    const choose = document.getElementById("examples");
    choose.addEventListener("change", (event) => {
      if (event.target.value !== "") { yasgui.getTab().setQuery(examples[Number(event.target.value)]); }
    });
    // /?example=NAME opens and runs that library query: a link to share
    const wanted = names.indexOf(new URLSearchParams(window.location.search).get("example"));
    if (wanted >= 0) {
      choose.value = String(wanted);
      yasgui.getTab().setQuery(examples[wanted]);
      yasgui.getTab().query();
    }
  </script>
</body>
</html>
"""
