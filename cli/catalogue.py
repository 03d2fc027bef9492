"""The query library described: one query's help (`cheikg query NAME --help`), and the whole catalogue as data."""

from __future__ import annotations

import functools
import re

import click

from cheikg.queries import catalog
from cheikg.queries.catalog import LIST_SEPARATOR, Param, Query
from cheikg.queries.results import Answer, Term

from .output import printable

# a sample value where a description names none: a day the shipped records answer for
_SAMPLE = {"date": "2025-12-01", "boolean": "true", "integer": "2", "id": "ID", "iri": "https://...", "string": "TEXT"}
_SUCH_AS = re.compile(r"such as ([^;,)]+?)(?:\s+or\s|[;,)]|$)")
_LISTED = re.compile(r"\(([^()]+?)(?:,| or )")


def columns_of(query: Query) -> tuple[str, ...]:
    """The answer's columns, as the engine reads them from the query's projection (on an empty store: instant)."""
    return _columns(query.text)


@functools.cache
def _columns(text: str) -> tuple[str, ...]:
    import pyoxigraph as ox

    result = ox.Store().query(text)
    variables = getattr(result, "variables", None)
    if variables is None:  # ASK or CONSTRUCT
        return ("result",) if isinstance(result, bool) else ("subject", "predicate", "object")
    return tuple(v.value for v in variables)


def example_of(param: Param) -> str:
    """A value to show in help: the one the description gives ("such as tyut", "(江西省, ...)"), else one of its type."""
    found = _SUCH_AS.search(param.description)
    if found:
        return found.group(1).strip()
    if param.default is not None:
        return str(param.default)
    if param.type in ("string", "concept"):
        listed = _LISTED.search(param.description)
        if listed:
            return listed.group(1).strip()
    if param.type == "concept":
        return _first_code(param.scheme or "")
    return _SAMPLE.get(param.type, "VALUE")


def _first_code(scheme: str) -> str:
    from cheikg.build import vocabulary

    codes = sorted(vocabulary().get(scheme, {}))
    return codes[0] if codes else "CODE"


def _kind(param: Param) -> str:
    kind = f"{param.type} of {param.scheme}" if param.type == "concept" else param.type
    extra = [w for w, on in (("required", param.required), ("repeatable", param.multi)) if on]
    if param.default is not None:
        extra.append(f"default {param.default}")
    return ", ".join([kind, *extra])


def describe(query: Query, width: int) -> str:
    """What `cheikg query NAME --help` prints: the summary, the description, the parameters with types and examples, the columns."""
    formatter = click.HelpFormatter(width=max(width, 40), max_width=max(width, 40))
    required = " ".join(f"--param {p.name}={p.type.upper()}" for p in query.params if p.required)
    formatter.write_usage("cheikg query", f"{query.name} {required + ' ' if required else ''}[--param NAME=VALUE]... [OPTIONS]")
    formatter.write_paragraph()
    with formatter.indentation():
        formatter.write_text(printable(query.summary))
        formatter.write_paragraph()
        formatter.write_text(printable(query.description))
    if query.params:
        with formatter.section("Parameters (--param NAME=VALUE)"):
            for p in query.params:
                formatter.write_text(f"{p.name} ({_kind(p)})")
                with formatter.indentation(), formatter.indentation():
                    formatter.write_text(printable(p.description))
                    formatter.write_text(f"example: --param {p.name}={example_of(p)}")
    with formatter.section("Columns"):
        formatter.write_text(", ".join(columns_of(query)))
    with formatter.section("Example"):
        example = " ".join(f"--param {p.name}={example_of(p)}" for p in query.params if p.required)
        formatter.write_text(f"cheikg query {query.name}{' ' + example if example else ''} --format csv")
    formatter.write_paragraph()
    formatter.write_text("Options of every query (formats, --columns, --limit, --endpoint...): cheikg query --help")
    return formatter.getvalue()


def catalogue() -> list[dict]:
    """Every library query as data: name, summary, description, tags, parameters (with types and examples), columns."""
    out = []
    for name, q in catalog.library().items():
        out.append({
            "name": name,
            "summary": q.summary,
            "description": q.description,
            "tags": list(q.tags),
            "parameters": [
                {"name": p.name, "type": p.type, "scheme": p.scheme, "required": p.required, "repeatable": p.multi,
                 "default": p.default, "description": p.description, "example": example_of(p)}
                for p in q.params
            ],
            "columns": list(columns_of(q)),
        })
    return out


def listing(full: bool) -> Answer:
    """The catalogue as an answer to format: name, summary and parameters; with ``full``, also description, tags, columns."""
    def lit(text: str) -> Term | None:
        return Term("literal", text) if text else None

    rows = []
    for item in catalogue():
        params = " ".join(p["name"] if p["required"] else f"[{p['name']}]" for p in item["parameters"])
        row = [lit(item["name"]), lit(item["summary"]), lit(params)]
        if full:
            row += [lit(item["description"]), lit(LIST_SEPARATOR.join(item["tags"])), lit(LIST_SEPARATOR.join(item["columns"]))]
        rows.append(tuple(row))
    columns = ("name", "summary", "parameters") + (("description", "tags", "columns") if full else ())
    return Answer(columns, tuple(rows))
