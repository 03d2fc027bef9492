"""`cheikg site`: the static site of the graph."""

from __future__ import annotations

from pathlib import Path

import click

from cheikg.build import open_store
from cheikg.paths import display_path, reading_dirs

from .commands import _note, data_options
from .progress import shown_progress


def register(cli: click.Group) -> None:
    @cli.command()
    @click.option("-o", "--output", required=True, type=click.Path(file_okay=False, path_type=Path), help="The folder to write the site to (a new or empty folder, or an earlier site, which is replaced).")
    @data_options
    def site(output: Path, data_dir: Path | None, build_dir: Path | None) -> None:
        """Write a static site of the graph: a page per entity, indexes, the ontology and the query catalogue.

        Every page is made from the library queries: names in English and
        Chinese, facts grouped by kind with the article and sentence behind
        each, roles over time, a timeline. Links are relative, so the folder
        works from file:// and from any web server; the search runs in the
        browser. The same graph gives the same bytes. The folder is written
        whole or not at all, and only a new or empty folder, or a site cheikg
        wrote before, is written to.

        \b
        Example:
          cheikg site -o site/
          python -m http.server -d site/ 8000
        """
        from cheikg.site import build_site
        from cheikg.site.output import check_target

        check_target(output)
        data_dir, build_dir = reading_dirs(data_dir, build_dir)
        with shown_progress() as progress:
            store = open_store(data_dir, build_dir, notify=_note, progress=progress)
            result = build_site(store, output, progress=progress)
        click.echo(f"Wrote {display_path(output)}: {result.entity_pages} entity pages, {result.pages} pages in all")
