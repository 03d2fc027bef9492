"""The `cheikg` command: thin commands over the library, one error family turned into exit codes.

Exit codes: 0 success; 1 validation results at or above the failure level;
2 usage error; 3 unreadable input; 4 remote endpoint error; 5 internal error.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import click

from cheikg import __version__
from cheikg.errors import EXIT_BUG, CheikgError, InputError

from .commands import register

EPILOG = """\b
Exit codes:
  0  success
  1  validation found results at or above --fail-on (violations by default)
  2  usage error (unknown query, bad parameter, missing build)
  3  unreadable input (malformed YAML/CSV/Turtle, not UTF-8, empty file)
  4  remote endpoint error
  5  internal error (a bug: please report it)
"""


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, epilog=EPILOG)
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


def main() -> None:
    """Entry point: library errors become one clean message and their exit code, never a traceback."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as e:
        e.show()
        sys.exit(e.exit_code)
    except click.exceptions.Exit as e:
        sys.exit(e.exit_code)
    except InputError as e:
        click.echo(f"Error: cannot read the input:\n{e}", err=True)
        sys.exit(e.exit_code)
    except CheikgError as e:
        click.echo(f"Error: {e}", err=True)
        sys.exit(e.exit_code)
    except BrokenPipeError:  # output piped to `head`
        sys.exit(0)
    except Exception as e:  # a bug: say so in one line, keep the details for whoever reports it
        if os.environ.get("CHEIKG_DEBUG"):
            raise
        fd, name = tempfile.mkstemp(prefix="cheikg-crash-", suffix=".txt")
        with os.fdopen(fd, "w") as fh:
            import traceback

            traceback.print_exc(file=fh)
        click.echo(f"Error: internal error ({type(e).__name__}: {e}); details in {name}. Please report it.", err=True)
        sys.exit(EXIT_BUG)
