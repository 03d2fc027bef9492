"""`cheikg resolve NAME...`: which entity a name, acronym or code stands for."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from cheikg.errors import EXIT_INVALID
from cheikg.paths import resolve_dirs
from cheikg.queries.results import Answer, Term
from cheikg.resolver import Resolution, resolve_names

from .formats import format_answer, json_text
from .output import colour, echo, is_terminal, width

KINDS = ("organization", "place", "person", "alliance", "source", "event", "any")
COLUMNS = ("query", "status", "id", "label", "labelZh", "moeCode", "match", "score", "note")


def resolutions_answer(resolutions: list[Resolution]) -> Answer:
    """One row per candidate (one empty row for a name with none), in the order the names were given."""

    def lit(value: object) -> Term | None:
        return None if value is None or value == "" else Term("literal", str(value))

    rows = []
    for r in resolutions:
        if not r.candidates:
            rows.append((lit(r.query), lit(r.status), None, None, None, None, None, None, lit(r.note)))
        for c in r.candidates:
            score = None if r.status in ("resolved", "ambiguous") else f"{c.score:.0f}"
            rows.append((lit(r.query), lit(r.status), lit(c.id), lit(c.label), lit(c.label_zh), lit(c.moe_code), lit(c.how), lit(score), None))
    return Answer(COLUMNS, tuple(rows))


def register(cli: click.Group) -> None:
    @cli.command()
    @click.argument("names", nargs=-1, required=True)
    @click.option("--kind", "kinds", type=click.Choice(KINDS), multiple=True, help="What the names stand for (repeatable; default organization).")
    @click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "md"]), default="table", show_default=True)
    @click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path), help="Records directory (default: ./data when present, else the records shipped with cheikg).")
    def resolve(names, kinds, fmt, data_dir) -> None:
        """Resolve names, acronyms and codes to the institutions (or other entities) they stand for.

        A NAME is an id, an MOE code, a ROR id, a Wikidata item, a web domain,
        or an English or Chinese name, acronym, alias or historic name, in
        simplified or traditional characters. It is *resolved* when it names
        one entity exactly, *ambiguous* when it names several (all are listed),
        *suggested* when only near misses were found (listed best first; never
        chosen for you) and *unresolved* otherwise.

        Exit 0 when every name is resolved, 1 when some are ambiguous,
        suggested or unresolved, 2 on a usage error, 3 when the records
        cannot be read.

        \b
        Example:
          cheikg resolve TYUT 太原理工大学 4136010421
          cheikg resolve "Jiangxi Univ. of Finance & Economics" --format json
          cheikg resolve 江西省 --kind place
        """
        data_dir, _ = resolve_dirs(data_dir, None)
        wanted = None if "any" in kinds else (kinds or ("organization",))
        resolutions = resolve_names(list(names), data_dir, wanted)
        if fmt == "json":
            click.echo(json_text([r.to_json() for r in resolutions]), nl=False)
        else:
            echo(format_answer(resolutions_answer(resolutions), fmt, fit=width() if is_terminal() else None, colour=colour()), nl=False)
        if any(r.status != "resolved" for r in resolutions):
            sys.exit(EXIT_INVALID)
