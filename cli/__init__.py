"""The `cheikg` command: thin commands over the library, one error family turned into exit codes.

Exit codes: 0 success; 1 validation results at or above the failure level;
2 usage error; 3 unreadable input; 4 remote endpoint error; 5 internal error;
130 a query stopped by Ctrl-C.
"""

from __future__ import annotations

import os
import tempfile
import traceback

import click

from cheikg import __version__
from cheikg.errors import EXIT_BUG, CheikgError, InputError

from .commands import register
from .network import register as register_network
from .remote import register as register_remote
from .resolve import register as register_resolve

EPILOG = """\b
Exit codes:
  0  success
  1  validation found results at or above --fail-on (violations by default)
  2  usage error (unknown query, bad parameter, missing build)
  3  unreadable input (malformed YAML/CSV/Turtle, not UTF-8, empty file)
  4  remote endpoint error (unreachable, timed out, HTTP error, not SPARQL
     results, a push the server does not count back in full)
  5  internal error (a bug: please report it)
  130 interrupted: Ctrl-C stopped a running query
"""


class Group(click.Group):
    """Turns library errors into one clean message and their exit code, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except InputError as e:
            click.echo(f"Error: cannot read the input:\n{e}", err=True)
            ctx.exit(e.exit_code)
        except CheikgError as e:
            click.echo(f"Error: {e}", err=True)
            ctx.exit(e.exit_code)
        except BrokenPipeError:  # output piped to `head`
            ctx.exit(0)
        except Exception as e:  # a bug: one line here, the details in a file for whoever reports it
            if os.environ.get("CHEIKG_DEBUG"):
                raise
            fd, name = tempfile.mkstemp(prefix="cheikg-crash-", suffix=".txt")
            with os.fdopen(fd, "w") as fh:
                traceback.print_exc(file=fh)
            click.echo(f"Error: internal error ({type(e).__name__}: {e}); details in {name}. Please report it.", err=True)
            ctx.exit(EXIT_BUG)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]}, epilog=EPILOG)
@click.version_option(__version__, prog_name="cheikg")
def cli() -> None:
    """cheikg: the knowledge graph of Chinese higher-education internationalization.

    \b
    Build the graph from the curated records, ask the query library,
    validate new records and export dumps:
      cheikg build
      cheikg query alliance-chairs
      cheikg validate submission.yaml
      cheikg export --format turtle -o cheikg.ttl
    """


register(cli)
register_network(cli)
register_remote(cli)
register_resolve(cli)


def main() -> None:
    cli()
