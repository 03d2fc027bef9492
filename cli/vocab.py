"""`cheikg vocab`: the codes of the vocabularies, with labels and definitions."""

from __future__ import annotations

import click

from cheikg.queries.results import Answer, Term
from cheikg.vocab import scheme, schemes

from .formats import format_answer


def _lit(value: object) -> Term | None:
    return None if value is None else Term("literal", str(value))


def register(cli: click.Group) -> None:
    @cli.command()
    @click.argument("name", required=False, metavar="[SCHEME]")
    @click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "md"]), default="table", show_default=True)
    def vocab(name, fmt) -> None:
        """List the vocabularies of coded values, or the codes of one (SCHEME) with their labels and definitions.

        A record's coded field (a membership's role, an event's type) takes a
        code of one vocabulary; `cheikg new KIND` names the vocabulary of each.

        \b
        Example:
          cheikg vocab
          cheikg vocab alliance-role
          cheikg vocab post --format csv
        """
        if name is None:
            rows = tuple((_lit(s.code), _lit(s.label_en), _lit(s.label_zh), _lit(len(s.concepts))) for s in schemes().values())
            answer = Answer(("scheme", "label", "labelZh", "codes"), rows)
        else:
            found = scheme(name)
            rows = tuple((_lit(c.code), _lit(c.label_en), _lit(c.label_zh), _lit(c.definition_en), _lit(c.definition_zh)) for c in found.concepts)
            answer = Answer(("code", "label", "labelZh", "definition", "definitionZh"), rows)
        click.echo(format_answer(answer, fmt), nl=False)
