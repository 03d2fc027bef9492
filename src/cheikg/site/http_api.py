"""The HTTP API of the query library, apart from any web server: a request (query name with an
optional extension, parameters, Accept header) in, an answer (status, content type, body) out.

``/api/QUERY.csv?param=value`` answers a library query as CSV, TSV, JSON or SPARQL results, by
the extension or else the Accept header.  Parameters are bound exactly as `cheikg query` binds
them, and a bad one gets the CLI's message with status 400; an unknown query 404; a format the
client cannot take 406.  ``openapi()`` describes every query and its parameters.  A server mounts
``QueryApi.answer`` under ``/api/`` (and ``openapi()`` at ``/api/openapi.json``).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import dataclass

from cheikg import __version__
from cheikg.errors import CheikgError, EndpointError
from cheikg.loaders.graph import Index
from cheikg.params import KINDS_BY_NAME, resolve_ids
from cheikg.queries import catalog
from cheikg.queries.binding import bind
from cheikg.queries.catalog import Param, Query
from cheikg.queries.results import Answer, Term
from cheikg.queries.runner import Target, run

# extension -> (media type, CLI format of the same bytes, or None for the API's own JSON)
FORMATS: dict[str, tuple[str, str | None]] = {
    "json": ("application/json", None),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "tsv": ("text/tab-separated-values; charset=utf-8", "tsv"),
    "srj": ("application/sparql-results+json", "json"),
}
_BY_MEDIA = {media.split(";")[0]: ext for ext, (media, _) in FORMATS.items()}
_BY_MEDIA["text/plain"] = "csv"
DEFAULT_FORMAT = "json"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_NUMBERS = {_XSD + t for t in ("integer", "int", "long", "decimal", "double", "float", "nonNegativeInteger")}
_RESOURCE = "https://w3id.org/cheikg/resource/"


class EngineStatus(Exception):
    """A query engine's answer other than 200 (a query past its time, a result over the cap, every engine busy)."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


@dataclass(frozen=True)
class ApiAnswer:
    status: int
    content_type: str
    body: bytes
    message: str = ""  # the error, for a status other than 200


def split_name(tail: str) -> tuple[str, str | None]:
    """``alliance-chairs.csv`` -> (``alliance-chairs``, ``csv``); no extension -> (name, None)."""
    name, dot, ext = tail.rpartition(".")
    return (name, ext) if dot else (tail, None)


def negotiate(accept: str) -> str | None:
    """The format for an Accept header (JSON when it names none or anything); None when it names only others."""
    if not accept.strip():
        return DEFAULT_FORMAT
    ranked = []
    for i, part in enumerate(accept.split(",")):
        media, *attrs = [p.strip() for p in part.split(";")]
        q = 1.0
        for a in attrs:
            if a.startswith("q="):
                try:
                    q = float(a[2:])
                except ValueError:
                    q = 0.0
        ranked.append((-q, i, media.lower()))
    for negq, _i, media in sorted(ranked):
        if negq == 0:
            continue
        if media in _BY_MEDIA:
            return _BY_MEDIA[media]
        if media in ("*/*", "application/*"):
            return DEFAULT_FORMAT
        if media == "text/*":
            return "csv"
    return None


class QueryApi:
    """Answers the library queries on ``target``.

    ``index`` gives the stored records' index (cheikg.build.stored_index, read once when first
    needed): with it an id parameter may be a name, an acronym or a code, resolved as `cheikg
    query` resolves it, and ``/api/_resolve`` suggests ids.
    """

    def __init__(self, target: Target, index: Callable[[], Index] | None = None):
        self.target = target
        self.index = functools.cache(index) if index is not None else None

    def answer(self, tail: str, params: dict[str, list[str]], accept: str = "") -> ApiAnswer:
        """The answer to ``/api/TAIL?params`` (TAIL is the query's name, with an optional format extension)."""
        name, ext = split_name(tail)
        if ext is not None and ext not in FORMATS:
            return _error(404, f"no format '{ext}' for query answers; the formats are {', '.join(sorted(FORMATS))}", "json")
        fmt = ext or negotiate(accept)
        if fmt is None:
            return _error(406, f"cannot answer in any of the types of 'Accept: {accept}'; the types are {', '.join(m for m, _ in FORMATS.values())}", "json")
        if name == "openapi" and fmt == "json":
            return ApiAnswer(200, "application/json", _dumps(openapi()))
        if name == "_resolve":
            return self.suggest(params)
        try:
            query = catalog.get(name)
        except CheikgError as e:
            return _error(404, str(e), fmt)
        values = {k: [v for v in vs if v != ""] for k, vs in params.items()}
        values = {k: vs for k, vs in values.items() if vs}  # a blank form field is a parameter not given
        try:
            if self.index is not None:
                # as `cheikg query`: names, missing and malformed values refused first (an id may be a name), then ids resolved
                bind(query, {k: ["x" if (p := query.param(k)) is not None and p.type == "id" else v for v in vs] for k, vs in values.items()})
                values = resolve_ids(query, values, exists=self._exists, index=self.index)
            answer = run(query, self.target, values)
        except EngineStatus as e:
            return _error(e.status, e.message, fmt)
        except EndpointError as e:
            return _error(502, str(e), fmt)
        except CheikgError as e:
            return _error(400, str(e), fmt)
        return ApiAnswer(200, FORMATS[fmt][0], render(answer, fmt, query, values))

    def _exists(self, rid: str) -> bool:
        has = getattr(self.target, "has", None)
        if has is not None:
            return has(rid)
        answer = self.target.select(f"ASK {{ <{_RESOURCE}{rid}> ?p ?o }}")  # rid matched the id pattern: no IRI can end early
        return bool(answer.terms) and answer.terms[0][0] is not None and answer.terms[0][0].value == "true"

    def suggest(self, params: dict[str, list[str]]) -> ApiAnswer:
        """Ids for a typed name (`/api/_resolve?q=TYUT&param=institution`): the resolver's exact matches and near misses."""
        text = (params.get("q") or [""])[0].strip()
        if self.index is None or not text:
            return ApiAnswer(200, "application/json", _dumps({"query": text, "status": "unresolved", "candidates": []}))
        from cheikg.resolver import resolver_of

        kinds = KINDS_BY_NAME.get((params.get("param") or [""])[0])
        resolution = resolver_of(self.index()).resolve(text, kinds)
        return ApiAnswer(200, "application/json", _dumps(resolution.to_json()))


def render(answer: Answer, fmt: str, query: Query, values: dict[str, list[str]]) -> bytes:
    """The answer in ``fmt``: CSV, TSV and SPARQL results are the bytes `cheikg query --format` prints."""
    cli_format = FORMATS[fmt][1]
    if cli_format is not None:
        from cheikg.cli.formats import format_answer

        return format_answer(answer, cli_format).encode("utf-8")
    doc = {
        "query": query.name,
        "parameters": values,
        "columns": list(answer.columns),
        "rows": [{c: _plain(t) for c, t in zip(answer.columns, row)} for row in answer.terms],
    }
    return _dumps(doc)


def _plain(term: Term | None):
    """A value as JSON: a number or a boolean as such, an IRI and any other literal as its text."""
    if term is None:
        return None
    if term.kind == "literal" and term.datatype in _NUMBERS:
        try:
            return int(term.value)
        except ValueError:
            try:
                return float(term.value)
            except ValueError:
                return term.value
    if term.kind == "literal" and term.datatype == _XSD + "boolean":
        return term.value == "true"
    return term.value


def _error(status: int, message: str, fmt: str) -> ApiAnswer:
    if fmt in ("json", "srj"):
        return ApiAnswer(status, "application/json", _dumps({"error": message, "status": status}), message)
    return ApiAnswer(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"), message)


def _dumps(doc) -> bytes:
    return (json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode("utf-8")


# ------------------------------------------------------------------ OpenAPI


def _schema(p: Param) -> dict:
    if p.type == "integer":
        one: dict = {"type": "integer"}
    elif p.type == "boolean":
        one = {"type": "boolean"}
    elif p.type == "date":
        one = {"type": "string", "format": "date"}
    elif p.type == "iri":
        one = {"type": "string", "format": "iri"}
    elif p.type == "id":
        one = {"type": "string", "pattern": "^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$|^[a-zA-Z][a-zA-Z0-9+.-]*:"}
    elif p.type == "concept":
        from .ontology import load_ontology

        codes = next((list(c.notation for c in s.concepts) for s in load_ontology().schemes if s.notation == p.scheme), [])
        one = {"type": "string", "enum": codes}
    else:
        one = {"type": "string"}
    if p.default is not None and not p.multi:
        one["default"] = p.default
    if p.multi:
        many: dict = {"type": "array", "items": one}
        if p.default is not None:
            many["default"] = [p.default]
        return many
    return one


def _parameter(p: Param) -> dict:
    out = {"name": p.name, "in": "query", "required": p.required, "description": p.description, "schema": _schema(p)}
    if p.multi:
        out.update({"style": "form", "explode": True})
    return out


def openapi(base: str = "/api") -> dict:
    """The OpenAPI 3.0 description of the API: one operation per library query and format."""
    paths: dict[str, dict] = {}
    responses_common = {
        "400": {"description": "A parameter is missing or refused; the body says which and how to fix it (the message of `cheikg query`)."},
        "404": {"description": "No query of that name, or no such format."},
    }
    for name, q in catalog.library().items():
        content = {media.split(";")[0]: {"schema": _answer_schema(ext)} for ext, (media, _) in FORMATS.items()}
        op = {
            "operationId": name.replace("-", "_"),
            "summary": q.summary,
            "description": q.description,
            "tags": list(q.tags),
            "parameters": [_parameter(p) for p in q.params],
            "responses": {"200": {"description": "The answer, one row per solution.", "content": content}, **responses_common,
                          "406": {"description": "The Accept header names none of the formats."}},
        }
        paths[f"{base}/{name}"] = {"get": op}
        by_ext = dict(op, operationId=op["operationId"] + "_as", parameters=op["parameters"] + [
            {"name": "format", "in": "path", "required": True, "description": "the format of the answer", "schema": {"type": "string", "enum": sorted(FORMATS)}}])
        by_ext["responses"] = {"200": {"description": "The answer in the format of the extension.", "content": content}, **responses_common}
        paths[f"{base}/{name}.{{format}}"] = {"get": by_ext}
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "cheikg query API",
            "version": __version__,
            "description": "The library queries of the cheikg knowledge graph. Parameters are bound as RDF terms, never pasted into the query text, exactly as `cheikg query NAME --param NAME=VALUE` binds them. Formats: json (columns and rows), csv and tsv (the bytes of `cheikg query --format csv|tsv`), srj (SPARQL 1.1 JSON results, the bytes of `--format json`).",
        },
        "paths": paths,
    }


def _answer_schema(ext: str) -> dict:
    if ext == "json":
        return {"type": "object", "properties": {
            "query": {"type": "string"}, "parameters": {"type": "object"}, "columns": {"type": "array", "items": {"type": "string"}},
            "rows": {"type": "array", "items": {"type": "object"}}}}
    if ext == "srj":
        return {"type": "object", "properties": {"head": {"type": "object"}, "results": {"type": "object"}}}
    return {"type": "string"}
