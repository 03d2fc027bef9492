"""The `cheikg` command: thin commands over the library, one error family turned into exit codes.

Exit codes: 0 success; 1 validation results at or above the failure level;
2 usage error; 3 unreadable input; 4 remote endpoint error; 5 internal error;
130 a query stopped by Ctrl-C.
"""

from __future__ import annotations

import os
import tempfile
import time
import traceback
from pathlib import Path

import click

from cheikg import __version__
from cheikg.errors import EXIT_BUG, CheikgError, InputError

from .commands import register
from .network import register as register_network
from .output import color_option, printable, quiet_option
from .remote import register as register_remote
from .resolve import register as register_resolve
from .site import register as register_site
from .vocab import register as register_vocab

EPILOG = """\b
Exit codes:
  0  success
  1  validation found results at or above --fail-on (violations by default)
  2  usage error (unknown query, bad parameter, missing build)
  3  unreadable input (malformed YAML/CSV/Turtle, not UTF-8, empty file)
  4  remote endpoint error (unreachable, timed out, HTTP error, not SPARQL
     results, a push the server does not count back in full)
  5  internal error (a bug: please report it; the details are written to
     ~/.local/state/cheikg/crashes, or $CHEIKG_CRASH_DIR, which keeps the
     last 20)
  130 interrupted: Ctrl-C stopped a running query
"""


class Group(click.Group):
    """Turns library errors into one clean message and their exit code, never a traceback.

    Every command also takes --color (unless it has an option of that name, as
    `network plot` has for its nodes), so it can follow the command as well as
    precede it.
    """

    group_class = type  # subgroups (network) are Groups too

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        if not any("--color" in p.opts for p in cmd.params if isinstance(p, click.Option)):
            color_option(cmd)
        super().add_command(cmd, name)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except InputError as e:
            click.echo(f"Error: cannot read the input:\n{printable(str(e), keep_newlines=True)}", err=True)
            ctx.exit(e.exit_code)
        except CheikgError as e:
            click.echo(f"Error: {printable(str(e), keep_newlines=True)}", err=True)
            ctx.exit(e.exit_code)
        except BrokenPipeError:  # output piped to `head`
            ctx.exit(0)
        except Exception as e:  # a bug: one line here, the details in a file for whoever reports it
            if os.environ.get("CHEIKG_DEBUG"):
                raise
            name = write_crash_report()
            where = f"details in {name}" if name else "run again with CHEIKG_DEBUG=1 for the details"
            click.echo(printable(f"Error: internal error ({type(e).__name__}: {str(e)[:300]}); {where}. Please report it."), err=True)
            ctx.exit(EXIT_BUG)


CRASH_DIR_VARIABLE = "CHEIKG_CRASH_DIR"
MAX_CRASH_REPORTS = 20


def crash_dir() -> Path:
    """Where crash reports go: $CHEIKG_CRASH_DIR, else the user's state folder ($XDG_STATE_HOME/cheikg/crashes,
    by default ~/.local/state/cheikg/crashes), one place rather than a new file in /tmp each time."""
    if os.environ.get(CRASH_DIR_VARIABLE):
        return Path(os.environ[CRASH_DIR_VARIABLE])
    state = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(state) / "cheikg" / "crashes"


def write_crash_report() -> str | None:
    """The traceback being handled, in a new file of crash_dir() (or, if that cannot be written, of a per-user folder
    of the temporary directory); the oldest reports beyond MAX_CRASH_REPORTS are removed. None if nothing could be written."""
    fallback = Path(tempfile.gettempdir()) / f"cheikg-crashes-{os.getuid() if hasattr(os, 'getuid') else 'user'}"
    for folder in (crash_dir(), fallback):
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd, name = tempfile.mkstemp(dir=folder, prefix=time.strftime("crash-%Y%m%d-%H%M%S-"), suffix=".txt")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                traceback.print_exc(file=fh)
        except OSError:
            continue
        _prune(folder, keep=Path(name))
        return name
    return None


def _prune(folder: Path, keep: Path) -> None:
    try:
        reports = sorted((p for p in folder.glob("crash-*.txt") if p != keep), key=lambda p: (p.stat().st_mtime, p.name))
        for old in reports[: max(0, len(reports) - (MAX_CRASH_REPORTS - 1))]:
            old.unlink(missing_ok=True)
    except OSError:
        pass


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]}, epilog=EPILOG)
@click.version_option(__version__, prog_name="cheikg")
@quiet_option
@color_option
def cli() -> None:
    """cheikg: the knowledge graph of Chinese higher-education internationalization.

    \b
    Build the graph from the curated records, ask the query library,
    validate new records and export dumps:
      cheikg build
      cheikg query alliance-chairs
      cheikg validate submission.yaml
      cheikg export --format turtle -o cheikg.ttl

    \b
    On a terminal, long steps show their progress on standard error
    (--quiet: none) and tables fit its width; piped output is complete
    and plain. Colour follows --color auto|always|never and NO_COLOR.
    Shell completion: eval "$(_CHEIKG_COMPLETE=bash_source cheikg)"
    (zsh_source for zsh; fish_source for fish), see README.md.
    """


register(cli)
register_network(cli)
register_remote(cli)
register_resolve(cli)
register_site(cli)
register_vocab(cli)


def main() -> None:
    cli()
