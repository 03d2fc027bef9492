"""A remote SPARQL 1.1 endpoint behind the query Target interface (``select(text) -> Answer``).

Queries go through SPARQLWrapper (the request it builds: form-encoded POST,
Accept header, credentials); answers are read into the same ``Answer`` and
``Term`` values as the embedded store's, typed literals and language tags
included, so every output format prints the same bytes wherever the graph
lives.  Every failure becomes one ``EndpointError`` line (exit code 4) that
names the URL and what to do; credentials come from the environment and are
never part of a message.
"""

from __future__ import annotations

import http.client
import json
import math
import re
import socket
import ssl
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable
from urllib.parse import urlencode, urlsplit

from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper

from cheikg import __version__
from cheikg.queries.results import LANG_STRING, TRUTH, XSD_BOOLEAN, XSD_STRING, Answer, Term

from .config import ENV_ENDPOINT, ENV_PASSWORD, ENV_TOKEN, ENV_USER, Credentials, EndpointConfig, credentials_from_env, endpoint_config
from .errors import EndpointError, UsageError
from .transport import DeadlinePassed, RedirectRefused, Response, Transport

RETRY_STATUSES = (429, 502, 503, 504)
_VIRTUOSO_ESTIMATE = re.compile(r"The estimated execution time -?\d+ \(sec\) exceeds the limit")
MAX_DELAY = 30.0
USER_AGENT = f"cheikg/{__version__}"
_RESULTS_NS = "{http://www.w3.org/2005/sparql-results#}"



class EndpointStatusError(EndpointError):
    """An endpoint that answered with an HTTP error status (kept, so `push` can tell a missing Graph Store)."""

    def __init__(self, message: str, status: int, server_message: str = ""):
        super().__init__(message)
        self.status = status
        self.server_message = server_message


class RemoteEndpoint:
    """One server's query endpoint (and its update and Graph Store endpoints, for `push`)."""

    def __init__(
        self,
        config: EndpointConfig,
        credentials: Credentials | None = None,
        *,
        default_graph: str | None = None,
        backoff: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.config = config
        self._transport = Transport([u for u in (config.query, config.update, config.store) if u], credentials, config.timeout)
        self.default_graph = default_graph
        self._backoff = backoff
        self._sleep = sleep

    def __repr__(self) -> str:
        return f"RemoteEndpoint({self.config.query!r})"

    # -- queries

    def select(self, sparql: str) -> Answer:
        """Run a query (SELECT, ASK, CONSTRUCT, DESCRIBE) and read its answer."""
        wrapper = self._wrapper(self.config.query, sparql)
        graph_answer = wrapper.queryType in ("CONSTRUCT", "DESCRIBE")
        wrapper.setReturnFormat(TURTLE if graph_answer else JSON)
        if self.default_graph:
            wrapper.addDefaultGraph(self.default_graph)
        response = self._call(self.config.query, "SPARQL endpoint", wrapper._createRequest())
        if graph_answer:
            answer = _read_triples(self.config.query, response.content_type, response.body)
        else:
            answer = read_results(self.config.query, response.content_type, response.body)
            if wrapper.queryType == "ASK":
                answer = _ask_answer(self.config.query, answer)
        _check_cap(self.config.query, response, answer)
        return answer

    def update(self, text: str, *, retry: bool = True) -> None:
        """Run a SPARQL Update on the update endpoint (retried only when ``retry``: a MOVE is not idempotent)."""
        wrapper = self._wrapper(self.config.update, text)
        self._call(self.config.update, "SPARQL update endpoint", wrapper._createRequest(), retries=self.config.retries if retry else 0)

    def count(self, graph: str | None) -> int:
        """Triples in ``graph`` (None: the default graph)."""
        pattern = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
        return self.count_of(pattern)

    def count_of(self, pattern: str) -> int:
        """The solutions of a graph pattern, counted by the server."""
        answer = self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")
        try:
            return int(answer.terms[0][0].value)  # type: ignore[union-attr]
        except (IndexError, AttributeError, ValueError):
            raise EndpointError(f"the SPARQL endpoint {self.config.query} did not answer a count with a number") from None

    # -- the Graph Store HTTP Protocol (SPARQLWrapper has none)

    def graph_store(self, method: str, graph: str, body: bytes, content_type: str = "application/n-triples") -> None:
        """PUT or POST ``body`` into ``graph`` on the Graph Store endpoint."""
        store = self.config.store
        if store is None:
            raise EndpointError("no Graph Store endpoint is configured; give --store-endpoint URL")
        url = store + ("&" if "?" in store else "?") + urlencode({"graph": graph})
        request = urllib.request.Request(url, data=body, method=method, headers={"Content-Type": content_type, "User-Agent": USER_AGENT})
        self._call(store, "Graph Store endpoint", request)

    # -- plumbing

    def _wrapper(self, url: str, text: str) -> SPARQLWrapper:
        """SPARQLWrapper builds the request (form-encoded POST, Accept header); the transport sends it."""
        wrapper = SPARQLWrapper(url, agent=USER_AGENT)
        wrapper.setMethod(POST)  # bound queries can be long; a form POST has no URL length limit
        wrapper.setQuery(text)
        if self.config.server_timeout_param:
            wrapper.addParameter(self.config.server_timeout_param, str(math.ceil(self.config.timeout)))
        return wrapper

    def _call(self, url: str, what: str, request: urllib.request.Request, *, retries: int | None = None) -> Response:
        """The 2xx response to ``request``, with retries on 429/502/503/504 (exponential backoff, Retry-After honoured)."""
        retries = self.config.retries if retries is None else retries
        attempt = 0
        while True:
            attempt += 1
            try:
                response = self._transport.send(request)
            except DeadlinePassed:
                raise EndpointError(
                    f"the {what} {url} did not answer within {self.config.timeout:g} s; raise --timeout, or ask a smaller question"
                ) from None
            except RedirectRefused as e:
                raise EndpointError(
                    f"the {what} {url} redirects (HTTP {e.status}) to {e.location}, another origin; credentials are never sent to "
                    "another origin, so nothing was sent there: if you trust that server, give its URL with --endpoint"
                ) from None
            except (urllib.error.URLError, OSError, http.client.HTTPException) as e:
                raise EndpointError(_network_message(url, what, e, self.config.timeout)) from None
            if response.status < 400:
                return response
            if response.status in RETRY_STATUSES and attempt <= retries:
                self._sleep(self._delay(attempt, response.headers.get("Retry-After") if response.headers else None))
                continue
            message = _server_message(response)
            raise EndpointStatusError(self._http_message(url, what, response, message, attempt), response.status, message)

    def _delay(self, attempt: int, retry_after: str | None) -> float:
        if retry_after and retry_after.strip().isdigit():
            return min(float(retry_after.strip()), MAX_DELAY)
        return min(self._backoff * 2 ** (attempt - 1), MAX_DELAY)

    def _http_message(self, url: str, what: str, response: Response, message: str, attempts: int) -> str:
        code = response.status
        status = f"HTTP {code} {response.reason}".rstrip()
        after = f" after {attempts} attempts" if attempts > 1 else ""
        text = f"the {what} {url} answered {status}{after}" + (f": {message}" if message else "")
        if code == 401:
            text += (
                "; the credentials in the environment were refused" if self._transport.has_credentials
                else f"; set {ENV_TOKEN}, or {ENV_USER} and {ENV_PASSWORD}, in the environment"
            )
        elif code == 404:
            text += "; check the URL (for Oxigraph: http://HOST:PORT/query)"
        elif _VIRTUOSO_ESTIMATE.search(message):
            text += (
                "; Virtuoso refuses a query on its own estimate of the time it would take (MaxQueryCostEstimationTime in the [SPARQL] "
                "section of virtuoso.ini); its estimates depend on everything the server holds and are often far off, and OpenLink "
                "advises commenting that setting out: ask the server's administrator"
            )
        return text


def _server_message(response: Response, limit: int = 300) -> str:
    """The server's explanation, on one line: HTML tags dropped, whitespace collapsed, cut at ``limit``."""
    text = response.body.decode("utf-8", "replace")
    if "html" in response.content_type:
        text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", text)
        text = re.sub(r"<[^>]+>", " ", text)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _network_message(url: str, what: str, error: BaseException, timeout: float) -> str:
    reason = error.reason if isinstance(error, urllib.error.URLError) else error
    host = urlsplit(url).hostname or url
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"the {what} {url} did not answer within {timeout:g} s; raise --timeout, or ask a smaller question"
    if isinstance(reason, ConnectionRefusedError):
        return f"cannot reach the {what} {url}: connection refused; is the server running, and is the port right?"
    if isinstance(reason, socket.gaierror):
        return f"cannot reach the {what} {url}: the host name {host} does not resolve; check the URL"
    if isinstance(reason, ssl.SSLError):
        return f"cannot reach the {what} {url}: TLS failed ({reason.reason or reason}); check the URL and the server's certificate"
    if isinstance(reason, BrokenPipeError):
        return (f"the {what} {url} closed the connection before the request was sent whole (servers do that to a request "
                "too large for them, or without the credentials they want); try a smaller --chunk-size, and check the server's log")
    if isinstance(reason, (http.client.RemoteDisconnected, ConnectionResetError)):
        return f"the {what} {url} closed the connection without an answer; check the URL and the server's log"
    if isinstance(reason, http.client.HTTPException):
        return f"the {what} {url} sent a malformed HTTP answer ({type(reason).__name__}); check the URL"
    detail = getattr(reason, "strerror", None) or str(reason)
    return f"cannot reach the {what} {url}: {detail}; check the URL"


def _not_results(url: str, content_type: str, why: str = "") -> EndpointError:
    return EndpointError(
        f"the SPARQL endpoint {url} answered with {content_type or 'no content type'}, not SPARQL results{why}; "
        "give the URL of its query endpoint (for Oxigraph: http://HOST:PORT/query)"
    )


def read_results(url: str, content_type: str, body: bytes) -> Answer:
    """SPARQL 1.1 query results (JSON, or XML from servers that prefer it) as an Answer."""
    if content_type in ("application/sparql-results+json", "application/json"):
        try:
            return _json_answer(json.loads(body.decode("utf-8")))
        except (UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError):
            raise _not_results(url, content_type, " (the JSON is not a SPARQL results document)") from None
    if content_type in ("application/sparql-results+xml", "application/xml", "text/xml"):
        try:
            return _xml_answer(ET.fromstring(body))
        except (ET.ParseError, KeyError, ValueError):
            raise _not_results(url, content_type, " (the XML is not a SPARQL results document)") from None
    raise _not_results(url, content_type)


def _literal(value: str, datatype: str | None, lang: str | None) -> Term:
    # the embedded store reports the implicit datatypes; so do we, so answers compare equal
    if lang:
        return Term("literal", value, LANG_STRING, lang)
    if datatype == XSD_BOOLEAN:
        value = TRUTH.get(value.strip(), value)  # Virtuoso stores "true" and answers "1": the same value
    return Term("literal", value, datatype or XSD_STRING)



def _ask_answer(url: str, answer: Answer) -> Answer:
    """An ASK answer as a boolean, also from servers that answer it as a table.

    Virtuoso 7 answers ASK with one column (``__ASK_RETVAL``): a row holding 1
    for true, no row for false.
    """
    if answer.columns == ("result",) and len(answer.terms) == 1 and answer.terms[0][0] and answer.terms[0][0].datatype == XSD_BOOLEAN:
        return answer
    if len(answer.columns) == 1 and len(answer.terms) <= 1:
        cell = answer.terms[0][0] if answer.terms else None
        return _boolean(cell is not None and cell.value not in ("0", "false"))
    raise _not_results(url, "a table", " (an ASK query needs a true or false answer)")


def _check_cap(url: str, response: Response, answer: Answer) -> None:
    """Refuse an answer the server may have cut short rather than pass it off as complete.

    Virtuoso announces its row limit (ResultSetMaxRows) in ``X-SPARQL-MaxRows``
    when an answer reaches it.  Fetching the rest page by page is no way out:
    Virtuoso refuses an ORDER BY whose OFFSET plus LIMIT passes that limit
    (SR353).  And a query stopped at the server's time limit may come back
    with the rows found so far ("anytime" answers), marked ``X-SQL-State: S1TAT``.
    """
    headers = response.headers
    if headers is not None and (headers.get("X-SQL-State") or "").strip() == "S1TAT":
        raise EndpointError(
            f"the SPARQL endpoint {url} stopped the query at its time limit and answered with the rows found so far "
            f"({' '.join((headers.get('X-SQL-Message') or 'X-SQL-State: S1TAT').split())[:200]}); they are not shown: ask a narrower "
            "question, or raise the server's limit (Virtuoso: MaxQueryExecutionTime in the [SPARQL] section of virtuoso.ini)"
        )
    announced = (headers.get("X-SPARQL-MaxRows") or "").strip() if headers is not None else ""
    if not announced.isdigit() or len(answer.terms) < int(announced):
        return
    n = int(announced)
    raise EndpointError(
        f"the SPARQL endpoint {url} returns at most {n} rows (X-SPARQL-MaxRows) and this answer has {len(answer.terms)}: "
        f"it may be cut short, so it is not shown; ask a narrower question (a parameter, or a LIMIT below {n}), "
        "or raise the server's limit (Virtuoso: ResultSetMaxRows in the [SPARQL] section of virtuoso.ini)"
    )


def _json_term(node: dict) -> Term:
    kind, value = node["type"], node["value"]
    if not isinstance(value, str):
        raise TypeError(value)
    if kind == "uri":
        return Term("iri", value)
    if kind == "bnode":
        return Term("bnode", value)
    if kind in ("literal", "typed-literal"):
        return _literal(value, node.get("datatype"), node.get("xml:lang"))
    raise ValueError(kind)


def _json_answer(doc: dict) -> Answer:
    if "boolean" in doc:
        if not isinstance(doc["boolean"], bool):
            raise ValueError(doc["boolean"])
        return _boolean(doc["boolean"])
    columns = tuple(doc["head"]["vars"])
    rows = []
    for binding in doc["results"]["bindings"]:
        rows.append(tuple(_json_term(binding[c]) if c in binding else None for c in columns))
    return Answer(columns, tuple(rows))


def _boolean(value: bool) -> Answer:
    return Answer(("result",), ((Term("literal", "true" if value else "false", XSD_BOOLEAN),),))


def _xml_answer(root: ET.Element) -> Answer:
    if root.tag != f"{_RESULTS_NS}sparql":
        raise ValueError(root.tag)
    boolean = root.find(f"{_RESULTS_NS}boolean")
    if boolean is not None:
        return _boolean((boolean.text or "").strip() == "true")
    columns = tuple(v.attrib["name"] for v in root.iter(f"{_RESULTS_NS}variable"))
    rows = []
    results = root.find(f"{_RESULTS_NS}results")
    if results is None:
        raise ValueError("no results")
    for result in results.findall(f"{_RESULTS_NS}result"):
        cells: dict[str, Term] = {}
        for binding in result.findall(f"{_RESULTS_NS}binding"):
            node = binding[0]
            kind = node.tag[len(_RESULTS_NS):]
            text = node.text or ""
            if kind == "uri":
                cells[binding.attrib["name"]] = Term("iri", text)
            elif kind == "bnode":
                cells[binding.attrib["name"]] = Term("bnode", text)
            elif kind == "literal":
                lang = node.attrib.get("{http://www.w3.org/XML/1998/namespace}lang")
                cells[binding.attrib["name"]] = _literal(text, node.attrib.get("datatype"), lang)
            else:
                raise ValueError(kind)
        rows.append(tuple(cells.get(c) for c in columns))
    return Answer(columns, tuple(rows))


def _read_triples(url: str, content_type: str, body: bytes) -> Answer:
    """A CONSTRUCT or DESCRIBE answer (Turtle or N-Triples) as subject/predicate/object rows, like the embedded store's."""
    import pyoxigraph as ox

    from .store import _term

    formats = {"text/turtle": ox.RdfFormat.TURTLE, "application/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES}
    if content_type not in formats:
        raise _not_results(url, content_type, " (a CONSTRUCT answer must be Turtle or N-Triples)")
    try:
        triples = list(ox.parse(body, formats[content_type]))
    except SyntaxError:
        raise _not_results(url, content_type, " (the Turtle does not parse)") from None
    return Answer(("subject", "predicate", "object"), tuple((_term(t.subject), _term(t.predicate), _term(t.object)) for t in triples))


def open_endpoint(
    url: str | None = None,
    *,
    required: bool = False,
    default_graph: str | None = None,
    update: str | None = None,
    store: str | None = None,
    timeout: float | None = None,
    retries: int | None = None,
) -> RemoteEndpoint | None:
    """The endpoint named by ``url`` or CHEIKG_ENDPOINT (a URL or a .toml file), with credentials from the environment.

    None when none is named (the embedded store is the default), unless ``required``.
    """
    config = endpoint_config(url, update=update, store=store, timeout=timeout, retries=retries)
    if config is None:
        if required:
            raise UsageError(f"give --endpoint URL (or --endpoint FILE.toml, a file with an [endpoint] table), or set {ENV_ENDPOINT}")
        return None
    if default_graph is not None:
        from .push import check_graph_iri

        check_graph_iri(default_graph)
    return RemoteEndpoint(config, credentials_from_env(), default_graph=default_graph)
