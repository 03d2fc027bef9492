"""What the terminal gets: colour (--color, NO_COLOR), progress on or off (--quiet), its width, and text made safe to show.

Text that comes from data (names, quotes, file names, messages quoting values)
may hold control characters: an escape sequence could set the window title or
erase a line. :func:`printable` shows each as an escape (``\\x1b``) instead.
"""

from __future__ import annotations

import os
import re
import shutil
import sys

import click

COLOR_CHOICES = ("auto", "always", "never")
_META = "cheikg.output"

# C0 and C1 controls, DEL, the bidirectional embeddings, overrides and isolates (which reorder what follows
# them on screen), and the line and paragraph separators
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_UNSAFE_KEEPING_NEWLINES = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _escape(match: re.Match) -> str:
    c = match.group(0)
    return _NAMED.get(c) or (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with control characters shown as escapes (``\\x1b``, ``\\u202e``); line breaks kept when asked."""
    return (_UNSAFE_KEEPING_NEWLINES if keep_newlines else _UNSAFE).sub(_escape, text)


def _settings() -> dict:
    ctx = click.get_current_context(silent=True)
    if ctx is None:
        return {}
    return ctx.find_root().meta.setdefault(_META, {})


def set_color(ctx: click.Context, param, value: str | None) -> None:
    """Callback of --color: remembered for the whole invocation, whichever command it was given to."""
    if value is not None:
        ctx.find_root().meta.setdefault(_META, {})["color"] = value


def set_quiet(ctx: click.Context, param, value: bool) -> None:
    if value:
        ctx.find_root().meta.setdefault(_META, {})["quiet"] = True


def color_option(f):
    return click.option(
        "--color", type=click.Choice(COLOR_CHOICES), default=None, expose_value=False, is_eager=True, callback=set_color,
        help="Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.",
    )(f)


def quiet_option(f):
    return click.option("--quiet", "-q", is_flag=True, expose_value=False, is_eager=True, callback=set_quiet,
                        help="Show no progress on standard error.")(f)


def is_terminal(stream=None) -> bool:
    stream = sys.stdout if stream is None else stream
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def colour(stream=None) -> bool:
    """Whether to colour what goes to ``stream`` (standard output by default).

    --color always or never decides; else (auto) colour only a terminal, and
    only when NO_COLOR is unset or empty (https://no-color.org) and TERM is not dumb.
    """
    choice = _settings().get("color", "auto")
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return is_terminal(stream)


def quiet() -> bool:
    return bool(_settings().get("quiet"))


def width() -> int:
    """The terminal's width in columns ($COLUMNS when set, else the terminal's own, else 80)."""
    return shutil.get_terminal_size((80, 24)).columns


def echo(text: str, *, nl: bool = True, err: bool = False) -> None:
    """Write ``text`` (already safe to show); styles are kept exactly when colour is on for that stream."""
    click.echo(text, nl=nl, err=err, color=colour(sys.stderr if err else sys.stdout))


def note(message: str) -> None:
    """A message for standard error: notes, warnings, what was written."""
    click.echo(printable(message, keep_newlines=True), err=True, color=False)
