"""Whole-file writes: a temporary file in the same folder, then a rename, so a reader never sees half a file.

The temporary file is made private (0600) by ``mkstemp``; before the rename it
gets the mode the replaced file had, or for a new file the usual one, 0666 less
the umask (0644 under the default umask), as ``open()`` would have given it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import UsageError
from .paths import display_path


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` whole or not at all.

    A path that cannot be written (its folder is a file, no permission, a full
    disk) is a UsageError naming the file, not a traceback.
    """
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        if isinstance(data, str):
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                fh.write(data)
        else:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except OSError as e:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        reason = e.strerror or str(e)
        if path.is_dir():
            reason = "it is a folder"
        elif any(p.exists() and not p.is_dir() for p in path.parents):
            reason = f"{display_path(next(p for p in path.parents if p.exists() and not p.is_dir()))} is a file, not a folder"
        raise UsageError(f"cannot write {display_path(path)}: {reason}; choose a file in a folder you can write to") from None
    except BaseException:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    """The permissions ``path`` has, or would get from ``open()``: 0666 less the umask."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        pass
    # the umask can only be read by setting it; set it straight back
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask
