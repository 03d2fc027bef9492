"""Shell completion (bash, zsh, fish, through click): query names, their parameters and columns, ids from the built graph.

Completion never builds: ids come from the index of the current build
(build/graph/index.json), and nothing is offered when there is none.
"""

from __future__ import annotations

import json
from pathlib import Path

import click
from click.shell_completion import CompletionItem

from cheikg.errors import CheikgError

_MAX = 200  # a shell lists this many at most; typing narrows them
# id parameters whose name says the kind of record they take (the others take several kinds)
_KIND_OF = {"alliance": "alliance", "institution": "organization", "host": "organization", "party": "organization",
            "organization": "organization", "person": "person", "event": "event", "source": "source", "province": "place", "country": "place"}


class RememberArgs(click.Command):
    """A command that keeps its raw arguments in ``ctx.meta``: while completing an option's value, click parses
    the line with that value missing, which leaves the other parameters unset (the query NAME among them)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta[_ARGS] = list(args)
        return super().parse_args(ctx, args)


_ARGS = "cheikg.args"


def _query(ctx: click.Context):
    from cheikg.queries import catalog

    library = catalog.library()
    names = ctx.params.get("names") or [a for a in ctx.meta.get(_ARGS, ()) if a in library]
    return library.get(names[0]) if names else None


def query_names(ctx: click.Context, param, incomplete: str) -> list[CompletionItem]:
    from cheikg.queries import catalog

    # bash splits words at "=": `--param alliance=jx` reaches us as `--param alliance = jx`, and the value
    # being typed looks like a NAME
    args = ctx.meta.get(_ARGS, [])
    if len(args) >= 2 and args[-2] in ("--param", "-p") and "=" not in args[-1] and not incomplete:  # `alliance =` (click drops the "=")
        return [CompletionItem("=" + c.value.partition("=")[2], help=c.help) for c in query_params(ctx, param, args[-1] + "=")]
    if len(args) >= 3 and args[-3] in ("--param", "-p") and args[-1] == "=":
        return [CompletionItem(c.value.partition("=")[2], help=c.help) for c in query_params(ctx, param, f"{args[-2]}={incomplete}")]
    if ctx.params.get("names"):  # one NAME per query
        return []
    return [CompletionItem(name, help=q.summary) for name, q in catalog.library().items() if name.startswith(incomplete)]


def query_params(ctx: click.Context, param, incomplete: str) -> list[CompletionItem]:
    """``NAME=`` for the chosen query's parameters, then after ``NAME=`` its values: ids, codes, true/false."""
    query = _query(ctx)
    if query is None:
        return []
    name, sep, value = incomplete.partition("=")
    if not sep:
        return [CompletionItem(f"{p.name}=", help=p.description) for p in query.params if p.name.startswith(name)]
    p = query.param(name)
    if p is None:
        return []
    if p.type == "id":
        found = ids(ctx, value, kind=_KIND_OF.get(p.name))
    elif p.type == "concept":
        found = _codes(p.scheme or "", value)
    elif p.type == "boolean":
        found = [(v, "") for v in ("true", "false") if v.startswith(value)]
    else:
        found = []
    return [CompletionItem(f"{name}={v}", help=h) for v, h in found[:_MAX]]


def query_columns(ctx: click.Context, param, incomplete: str) -> list[CompletionItem]:
    """Columns of the chosen query, after the ones already typed (``--columns a,b,``)."""
    from .catalogue import columns_of

    query = _query(ctx)
    if query is None:
        return []
    done, _, last = incomplete.rpartition(",")
    head = f"{done}," if done else ""
    chosen = set(done.split(",")) if done else set()
    return [CompletionItem(head + c) for c in columns_of(query) if c.startswith(last) and c not in chosen]


def alliance_ids(ctx: click.Context, param, incomplete: str) -> list[CompletionItem]:
    return [CompletionItem(i, help=h) for i, h in ids(ctx, incomplete, kind="alliance")[:_MAX]]


def ids(ctx: click.Context, prefix: str, kind: str | None = None) -> list[tuple[str, str]]:
    """(id, first name) of the records and reference entities in the current build, by prefix; none without a build."""
    from cheikg.paths import resolve_dirs

    try:
        _, build_dir = resolve_dirs(ctx.params.get("data_dir"), ctx.params.get("build_dir"))
        index = json.loads((Path(build_dir) / "graph" / "index.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, CheikgError):
        return []
    out = []
    for i, entry in index.get("entries", {}).items():  # the build's index (cheikg.loaders.graph.Index.to_json)
        if i.startswith(prefix) and (kind is None or entry[0] == kind):
            names = entry[3] if len(entry) > 3 else []
            out.append((i, names[0] if names else ""))
    return out


def _codes(scheme: str, prefix: str) -> list[tuple[str, str]]:
    from cheikg.build import vocabulary

    return [(code, "") for code in sorted(vocabulary().get(scheme, {})) if code.startswith(prefix)]
