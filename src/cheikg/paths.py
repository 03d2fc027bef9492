"""Where the user's records and build live: the one place that reads the working directory.

In a checkout (a working directory holding ``./data``) the records are ``./data``
and the build ``./build``. Anywhere else the records are the ones shipped in the
package, and their build lives in the per-user cache directory (platformdirs:
``~/.cache/cheikg`` on Linux, ``~/Library/Caches/cheikg`` on macOS,
``%LOCALAPPDATA%\\cheikg\\Cache`` on Windows), so reading commands never write
into the current directory and an installed copy never writes into site-packages.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from .resources import shipped_data_dir


def default_data_dir() -> Path:
    """./data when the working directory holds one (a checkout), else the records shipped in the package."""
    env = os.environ.get("CHEIKG_DATA")
    if env:
        return Path(env)
    local = Path("data")
    if local.is_dir():
        return local
    return shipped_data_dir()


def shipped_build_dir() -> Path:
    """The build of the shipped records: in the per-user cache, one folder per installed copy and version."""
    from platformdirs import user_cache_path

    from . import __version__

    # two installed copies (two virtual environments) each keep their own build, not one rebuilding the other's
    copy = hashlib.sha256(str(shipped_data_dir().resolve()).encode()).hexdigest()[:12]
    return user_cache_path("cheikg", appauthor=False) / f"{__version__}-{copy}" / "build"


def default_build_dir(data_dir: Path) -> Path:
    """Beside the data directory for a user's records; the per-user cache for the shipped ones."""
    env = os.environ.get("CHEIKG_BUILD")
    if env:
        return Path(env)
    data = data_dir.resolve()
    if data == shipped_data_dir().resolve() and data != Path("data").resolve():  # (an editable install's checkout ships its ./data)
        return shipped_build_dir()
    return data.parent / "build"


def resolve_dirs(data: Path | None, build: Path | None) -> tuple[Path, Path]:
    data_dir = data if data is not None else default_data_dir()
    return data_dir, build if build is not None else default_build_dir(data_dir)


def reading_dirs(data: Path | None, build: Path | None) -> tuple[Path, Path]:
    """:func:`resolve_dirs` for a command that reads a build: a build directory the user names must exist.

    A missing default build is made on first use; a named one that does not exist
    is a typing mistake more often than a wish for a new build there.
    """
    from .errors import BuildMissingError

    if build is not None and not build.is_dir():
        what = "is not a folder" if build.exists() else "does not exist"
        raise BuildMissingError(
            f"the build directory {display_path(build)} {what}; build into it first (cheikg build --build {display_path(build)}), or leave out --build"
        )
    return resolve_dirs(data, build)


def display_path(path: Path) -> str:
    """A path as messages show it: relative to the working directory when inside it."""
    absolute = path.absolute()
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(absolute)
