"""Writing the site folder whole or not at all: staged beside the target, then swapped in.

A folder is only ever replaced when it holds a site cheikg wrote (its marker file) or is
empty, so ``-o`` pointed at a folder of the user's by mistake deletes nothing.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from cheikg.errors import UsageError
from cheikg.paths import display_path

MARKER = ".cheikg-site"
MARKER_TEXT = b"A site written by `cheikg site`; `cheikg site -o` replaces this folder whole.\n"


def check_target(out: Path) -> None:
    """Refuse a folder that is a file or holds anything but an earlier site (checked before the pages are made)."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"cannot write the site to {display_path(out)}: it is a file; give a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise UsageError(
            f"{display_path(out)} already holds files that are not a site cheikg wrote; give a new or empty folder (cheikg replaces only its own sites)"
        )


def write_site(files: dict[str, bytes], out: Path) -> None:
    out = Path(out)
    check_target(out)
    parent = out.absolute().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=parent, prefix=f".{out.name}.", suffix=".partial"))
    except OSError as e:
        raise UsageError(f"cannot write the site to {display_path(out)}: {e.strerror or e}") from None
    old: Path | None = None
    try:
        for rel, data in sorted(files.items()):
            path = staging / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        (staging / MARKER).write_bytes(MARKER_TEXT)
        os.chmod(staging, 0o755)
        if out.exists():
            old = Path(tempfile.mkdtemp(dir=parent, prefix=f".{out.name}.", suffix=".old"))
            old.rmdir()
            out.rename(old)
        staging.rename(out)
    except OSError as e:
        shutil.rmtree(staging, ignore_errors=True)
        if old is not None and not out.exists():
            old.rename(out)
        raise UsageError(f"cannot write the site to {display_path(out)}: {e.strerror or e}") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if old is not None and not out.exists():
            old.rename(out)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
