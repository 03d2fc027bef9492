"""Progress of long steps: library functions report it to a callback, the CLI draws it.

A function that can take more than a moment takes ``progress=None`` and reports
each of its steps through :func:`step`::

    with step(progress, "loading the store", total=len(lines), unit="triples") as advance:
        for done in load(lines):
            advance(done)

The callback receives a :class:`Step` when the step starts, at each
``advance(done)`` and when it ends (``finished`` true). Without a callback
nothing is reported and nothing is spent. ``cheikg.cli.progress`` draws the steps
on a terminal; a script may pass any callable, such as one that logs.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    """Where one step stands: ``done`` units of ``total`` (None while unknown), in ``unit`` ("triples", "files")."""

    name: str
    done: int = 0
    total: int | None = None
    unit: str = ""
    finished: bool = False


Progress = Callable[[Step], None]


def _nothing(done: int, total: int | None = None) -> None:
    return None


@contextlib.contextmanager
def step(progress: Progress | None, name: str, *, total: int | None = None, unit: str = "") -> Iterator[Callable[..., None]]:
    """Report the step ``name`` to ``progress``; yields ``advance(done, total=None)`` to say how far it got.

    On leaving the block normally the step is reported finished, with ``done``
    set to ``total`` when the block never said (a step counted only at its end).
    """
    if progress is None:
        yield _nothing
        return
    state = {"done": 0, "total": total}

    def advance(done: int, total: int | None = None) -> None:
        state["done"] = done
        if total is not None:
            state["total"] = total
        progress(Step(name, done, state["total"], unit))

    progress(Step(name, 0, total, unit))
    yield advance
    done = state["done"] or (state["total"] or 0)
    progress(Step(name, done, state["total"], unit, finished=True))
