"""Records that succeed, contain or are part of themselves: the relations between records that must not loop.

A membership that succeeds itself (or a term that another term it succeeds
succeeds), a place that lies within itself, an organization that is a unit of
its own unit, an event that is part of itself, an alliance that is a member of
an alliance that is a member of it: each is accepted by the shapes one triple
at a time, and each would send a query that follows the relation round for
ever. ``cycles`` finds them among the records being loaded, with the path of
the loop; stored records never point to a new id, so a loop always runs
through the submission.
"""

from __future__ import annotations

from collections.abc import Iterable

from cheikg.findings import Finding

from . import schema
from .records import Record

# (kind, field) -> what one step of the relation says, and what the loop would mean
RELATIONS: dict[tuple[str, str], tuple[str, str]] = {
    ("membership", "succeeds"): ("succeeds", "a term cannot come after itself"),
    ("organization", "parent"): ("is a unit of", "an organization cannot be a unit of itself"),
    ("place", "within"): ("lies within", "a place cannot lie within itself"),
    ("event", "part_of"): ("is part of", "an event cannot be part of itself"),
}
# a membership record joins its member to its organization: that relation is between the agents
MEMBER_OF = ("is a member of", "an alliance or organization cannot be a member of itself")


# per kind, the reference fields that may name a record of the same kind: a record naming itself there is refused
_SELF_FIELDS: dict[str, tuple[str, ...]] = {
    kind.name: tuple(f.name for f in kind.fields if f.type == schema.REF and kind.name in f.kinds) for kind in schema.KINDS.values()
}


def cycles(records: Iterable[Record]) -> list[Finding]:
    """A finding per record naming itself, and per loop among ``records`` (one per strongly connected group)."""
    records = [r for r in records if r.kind is not None and r.id is not None]
    findings = _self_references(records)
    by_id: dict[str, Record] = {}
    for rec in records:
        by_id.setdefault(rec.id, rec)  # type: ignore[arg-type]
    rank = {rec_id: i for i, rec_id in enumerate(by_id)}
    for (kind, name), (verb, why) in RELATIONS.items():
        edges: dict[str, list[str]] = {}
        for rec in records:
            target = rec.values.get(name) if rec.kind.name == kind else None  # type: ignore[union-attr]
            if isinstance(target, str) and target != rec.id and target in by_id and by_id[target].kind is rec.kind:
                edges.setdefault(rec.id, []).append(target)  # type: ignore[arg-type]
        for loop in _loops(edges, rank):
            findings.append(_finding(by_id[loop[0]], name, _loop_message(loop, verb, why, name), loop))
    return findings + _membership_loops(records, rank)


def _self_references(records: list[Record]) -> list[Finding]:
    out = []
    for rec in records:
        kind = rec.kind.name  # type: ignore[union-attr]
        for name in _SELF_FIELDS[kind]:
            value = rec.values.get(name)
            if rec.id == value or (isinstance(value, list) and rec.id in value):
                verb, why = RELATIONS.get((kind, name), ("", ""))
                message = (f"'{rec.id}' {verb} itself: {why}; correct '{name}'" if verb else
                           f"'{rec.id}' names itself as its own '{name}'; a record cannot refer to itself: correct '{name}'")
                out.append(_finding(rec, name, message, [rec.id, rec.id]))  # type: ignore[list-item]
        if kind == "membership":
            member = rec.values.get("member")
            if member is not None and member == rec.values.get("organization"):
                message = f"'{member}' {MEMBER_OF[0]} itself: {MEMBER_OF[1]}; correct 'member' or 'organization'"
                out.append(_finding(rec, "member", message, [member, member]))  # type: ignore[list-item]
    return out


def _membership_loops(records: list[Record], rank: dict[str, int]) -> list[Finding]:
    """Alliances and organizations that are members of each other, through membership records."""
    edges: dict[str, list[str]] = {}
    via: dict[tuple[str, str], Record] = {}
    for rec in records:
        if rec.kind.name != "membership":  # type: ignore[union-attr]
            continue
        member, org = rec.values.get("member"), rec.values.get("organization")
        if isinstance(member, str) and isinstance(org, str) and member != org:
            edges.setdefault(member, []).append(org)
            via.setdefault((member, org), rec)
    # an agent ranks by its first membership, so that each loop is reported on the membership that comes first
    agents: dict[str, int] = {}
    for (member, _org), rec in via.items():
        agents[member] = min(agents.get(member, len(rank)), rank[rec.id])  # type: ignore[index]
    verb, why = MEMBER_OF
    return [_finding(via[(loop[0], loop[1])], "member", _loop_message(loop, verb, why, "member"), loop)
            for loop in _loops(edges, agents)]


def _loops(edges: dict[str, list[str]], rank: dict[str, int]) -> list[list[str]]:
    """One loop of two or more nodes per strongly connected group of ``edges`` (Tarjan's algorithm, without
    recursion), each a path from its group's first node by ``rank`` back to it, in the order of ``rank``."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    groups: list[set[str]] = []
    for root in sorted(edges, key=lambda n: rank.get(n, len(rank))):
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            targets = edges.get(node, [])
            if i < len(targets):
                work.append((node, i + 1))
                target = targets[i]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            if low[node] == index[node]:
                group = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(group)
            if work:  # the node was reached from the one below it on the work stack
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    loops = [_path_back(min(group, key=lambda n: rank.get(n, len(rank))), group, edges) for group in groups]
    return sorted(loops, key=lambda loop: rank.get(loop[0], len(rank)))


def _path_back(start: str, group: set[str], edges: dict[str, list[str]]) -> list[str]:
    """The shortest path from ``start`` back to itself inside ``group`` (breadth first, edges in order)."""
    parent: dict[str, str | None] = {start: None}
    frontier = [start]
    while frontier:
        reached = []
        for node in frontier:
            for target in edges.get(node, []):
                if target == start:
                    path = [node]
                    while parent[path[-1]] is not None:
                        path.append(parent[path[-1]])  # type: ignore[arg-type]
                    return path[::-1] + [start]
                if target in group and target not in parent:
                    parent[target] = node
                    reached.append(target)
        frontier = reached
    raise AssertionError("a strongly connected group leads back to each of its nodes")  # pragma: no cover


def _loop_message(loop: list[str], verb: str, why: str, name: str) -> str:
    return f"the records loop: {' → '.join(loop)} (each {verb} the next); {why}, even through others: correct '{name}' in one of them"


def _finding(rec: Record, name: str, message: str, loop: list[str]) -> Finding:
    """The finding on ``rec``'s field ``name``, whose value is the loop's next step."""
    line, col = rec.position(name)
    return Finding(rec.path, line, message, record=rec.id, field=name, column=col, rule="record/cycle", value=loop[1])
