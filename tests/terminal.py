"""Run the CLI on a pseudo-terminal of a given size, as a user at a terminal would, and read what the screen got."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


def on_terminal(args: list[str], *, columns: int = 80, cwd: Path | None = None, env: dict | None = None, timeout: float = 300) -> tuple[int, str]:
    """Run ``python -m cheikg ARGS`` with standard input, output and error on one pseudo-terminal ``columns`` wide.

    Returns the exit code and everything written to the terminal (escape sequences included).
    """
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    full_env = {**os.environ, "TERM": "xterm-256color", **(env or {})}
    for name in ("COLUMNS", "LINES", "NO_COLOR"):
        if not env or name not in env:
            full_env.pop(name, None)
    proc = subprocess.Popen([sys.executable, "-m", "cheikg", *args], stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=full_env, close_fds=True)
    os.close(slave)
    out = bytearray()
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.5)
            if ready:
                try:
                    data = os.read(master, 65536)
                except OSError:  # the child closed the terminal
                    break
                if not data:
                    break
                out += data
            elif proc.poll() is not None:
                break
        else:
            proc.kill()
            raise TimeoutError(f"cheikg {' '.join(args)} ran past {timeout} s")
    finally:
        os.close(master)
    return proc.wait(timeout=30), out.decode("utf-8", "replace")


def screen_lines(output: str) -> list[str]:
    """The lines as they end up on screen: escape sequences dropped, a line redrawn after a carriage return kept as last drawn."""
    lines = []
    for raw in ANSI.sub("", output).split("\n"):
        parts = [p for p in raw.split("\r") if p]
        lines.append(parts[-1] if parts else "")
    return lines
