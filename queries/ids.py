"""An `id` parameter that names no node of the graph: the record a name, acronym or alias stands for.

`--param institution=nyu-shanghai` names no record (the record is new-york-university-shanghai),
and a query bound to it answers nothing, which reads as "no facts". Before a library query runs on
the embedded store, each `id` value that is no node of the graph is looked up by the resolver of
the build's index (cheikg.resolver): a name, acronym or alias that stands for one entity exactly
(resolved), or exactly in its loose form ('nyu-shanghai' is 'NYU Shanghai' without its space and
case), is taken for it, and a note says so; anything else is left as given, with a note naming the
closest ids. A remote endpoint has no index here: its values are bound as given.
"""

from __future__ import annotations

from collections.abc import Callable

from cheikg.namespaces import RES

from .binding import _ID
from .catalog import Query

EXACT = 100.0  # the resolver's score of a match in the loose form


def resolve_id_params(query: Query, values: dict[str, list[str]], target, index_of: Callable) -> tuple[dict[str, list[str]], list[str]]:
    """``values`` with each `id` value that names no node replaced by the record it unambiguously stands for; and notes."""
    out: dict[str, list[str]] = {}
    notes: list[str] = []
    resolver = None
    for name, given in values.items():
        param = query.param(name)
        if param is None or param.type != "id":
            out[name] = given
            continue
        kept = []
        for value in given:
            if not _ID.match(value) or _is_node(target, value):
                kept.append(value)
                continue
            if resolver is None:
                from cheikg.resolver import resolver_of

                resolver = resolver_of(index_of())
            found = resolver.resolve(value)
            exact = [c for c in found.candidates if found.status == "resolved" or c.score >= EXACT]
            if len(exact) == 1 and exact[0].id == value:  # an entity of the index that has no node in the graph
                kept.append(value)
            elif len(exact) == 1 and found.status in ("resolved", "suggested"):
                chosen = exact[0]
                kept.append(chosen.id)
                notes.append(f"note: no record has the id '{value}'; {name} is {chosen.id} ({chosen.label}), by its {chosen.how} '{chosen.matched}'")
            else:
                kept.append(value)
                hint = resolver.did_you_mean(value, ("organization", "alliance", "person", "place", "event", "source"))
                notes.append(f"note: no record has the id '{value}'.{hint}" if hint else f"note: no record has the id '{value}'")
        out[name] = kept
    return out, notes


def _is_node(target, value: str) -> bool:
    # the value matched the id pattern (letters, digits, '.', '-'), so it is safe inside an IRI
    answer = target.select(f"SELECT ?p WHERE {{ <{RES}{value}> ?p ?o }} LIMIT 1")
    return bool(answer.rows)
