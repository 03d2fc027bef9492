"""Where the user's records and build live: the one place that reads the working directory."""

from __future__ import annotations

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


def default_build_dir(data_dir: Path) -> Path:
    """Beside the data directory for a user's records; ./build for the shipped ones (never site-packages)."""
    env = os.environ.get("CHEIKG_BUILD")
    if env:
        return Path(env)
    if data_dir.resolve() == shipped_data_dir().resolve():
        return Path("build")
    return data_dir.resolve().parent / "build"


def resolve_dirs(data: Path | None, build: Path | None) -> tuple[Path, Path]:
    data_dir = data if data is not None else default_data_dir()
    return data_dir, build if build is not None else default_build_dir(data_dir)


def display_path(path: Path) -> str:
    """A path as messages show it: relative to the working directory when inside it."""
    absolute = path.absolute()
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(absolute)
