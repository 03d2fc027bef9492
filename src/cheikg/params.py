"""Id parameters of library queries written as curators write them: a name, an acronym, a code.

A value that names a record (or a reference entity) is used as it is. Any other goes through the resolver
(cheikg.resolver, the one behind every "did you mean"): a value that names one entity is used, and said; an
unknown or ambiguous one is a usage error with the candidates, never a query that silently matches nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from cheikg.loaders.graph import Index
from cheikg.queries.catalog import Query

from .errors import UsageError

_ID = re.compile(r"[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?\Z")
# what an id parameter names, by its name (the library's convention); others name a record of any kind
KINDS_BY_NAME = {
    "alliance": ("alliance",), "institution": ("organization",), "organization": ("organization", "alliance"),
    "party": ("organization", "alliance"), "host": ("organization", "alliance"), "body": ("organization", "alliance"),
    "person": ("person",), "agent": ("organization", "alliance", "person"), "event": ("event",), "source": ("source",),
    "country": ("place",), "province": ("place",), "place": ("place",), "partner": ("organization",),
}


def check_concepts(query: Query, values: dict[str, list[str]]) -> None:
    """A code parameter's values must be codes of its vocabulary ('chiar' would match nothing, silently)."""
    import difflib

    from .build import vocabulary

    for name, given in values.items():
        param = query.param(name)
        if param is None or param.type != "concept":
            continue
        codes = vocabulary().get(param.scheme or "", {})
        for value in given:
            if value not in codes:
                close = difflib.get_close_matches(value, list(codes), n=3, cutoff=0.6)
                hint = (" Did you mean " + " or ".join(f"'{c}'" for c in close) + "?") if close else ""
                raise UsageError(f"parameter '{name}': '{value}' is not a code of the {param.scheme} vocabulary.{hint} "
                                 f"`cheikg vocab {param.scheme}` lists them")


def resolve_ids(query: Query, values: dict[str, list[str]], *, exists: Callable[[str], bool], index: Callable[[], Index],
                notify: Callable[[str], None] | None = None) -> dict[str, list[str]]:
    """``values`` with each id parameter's values made record ids; ``exists(id)`` asks the graph, ``index()`` gives
    the stored records' index (read only when a value is not an id in the graph). Code parameters are checked
    against their vocabulary."""
    from .resolver import resolver_of

    check_concepts(query, values)
    out: dict[str, list[str]] = {}
    for name, given in values.items():
        param = query.param(name)
        if param is None or param.type != "id":
            out[name] = given
            continue
        ids = []
        for value in given:
            if _ID.match(value) and exists(value):
                ids.append(value)
                continue
            found = index()
            entry = found.get(value)
            if entry is not None:  # a reference id (or one a curated record claims): the entity it names
                rid = str(entry.iri).rsplit("/", 1)[-1]
                if rid != value and notify:
                    notify(f"note: {name}={value} is '{rid}'")
                ids.append(rid)
                continue
            kinds = KINDS_BY_NAME.get(name) or tuple(sorted({e.kind for e in found.entries.values()}))
            resolver = resolver_of(found)
            resolution = resolver.resolve(value, kinds)
            if resolution.status == "resolved":
                c = resolution.candidates[0]
                if notify:
                    notify(f"note: {name}={value} is '{c.id}' ({c.label})")
                ids.append(c.id)
                continue
            # a name written as an id ('nyu-shanghai' for the alias 'NYU Shanghai'): exact once punctuation and case go
            exact = [c for c in resolution.candidates if c.score >= 100.0 and c.how != "id"]
            if resolution.status == "suggested" and len(exact) == 1:
                c = exact[0]
                if notify:
                    notify(f"note: {name}={value} is '{c.id}' ({c.label}), by its {c.how} '{c.matched}'")
                ids.append(c.id)
                continue
            what = " or ".join(kinds) if name in KINDS_BY_NAME else "record"
            if resolution.status == "ambiguous":
                shown = " or ".join(f"'{c.id}' ({c.label})" for c in resolution.candidates[:5])
                why = f"'{value}' names several: {shown}; give the id of one"
            else:
                hint = resolver.did_you_mean(value, kinds, limit=5) or (f" {resolution.note}." if resolution.note else "")
                why = f"no {what} has the id '{value}'.{hint}"
            raise UsageError(f"parameter '{name}': {why}")
        out[name] = ids
    return out
