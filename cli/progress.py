"""Progress drawn on standard error, with rich: one line per step, a bar where the total is known, and its rate.

Only on a terminal and without --quiet: piped or redirected output, and tests,
get no progress at all. A command passes the callback to the library function it
calls::

    with shown_progress() as progress:
        result = build(data_dir, build_dir, progress=progress)

``progress`` is None when nothing is to be drawn, which the library takes as
"report nothing" (cheikg.progress).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator

from rich.console import Console
from rich.progress import BarColumn, Progress, ProgressColumn, SpinnerColumn, Task, TaskProgressColumn, TextColumn, TimeElapsedColumn
from rich.text import Text

from cheikg.progress import Progress as ProgressCallback
from cheikg.progress import Step

from .output import colour, is_terminal, quiet


class _Count(ProgressColumn):
    """``1,234/57,251 triples``, or ``1,234 triples`` while the total is unknown."""

    def render(self, task: Task) -> Text:
        unit = task.fields.get("unit", "")
        done = f"{int(task.completed):,}"
        text = f"{done}/{int(task.total):,}" if task.total is not None else done
        return Text(f"{text} {unit}".rstrip(), style="progress.download")


class _Rate(ProgressColumn):
    """Units a second over the step so far (``412,345 triples/s``), from its first report to its last."""

    def render(self, task: Task) -> Text:
        unit = task.fields.get("unit", "")
        elapsed = task.elapsed
        if not unit or not elapsed or not task.completed:
            return Text("")
        return Text(f"{task.completed / elapsed:,.0f} {unit}/s", style="progress.data.speed")


def progress_wanted(stream=None) -> bool:
    return not quiet() and is_terminal(sys.stderr if stream is None else stream)


@contextlib.contextmanager
def shown_progress() -> Iterator[ProgressCallback | None]:
    """A callback drawing each step on standard error, or None off a terminal or with --quiet."""
    if not progress_wanted():
        yield None
        return
    console = Console(file=sys.stderr, no_color=not colour(sys.stderr), highlight=False)
    bars = Progress(
        SpinnerColumn(finished_text="[progress.spinner]✓"),
        TextColumn("{task.description}"),
        BarColumn(bar_width=24),
        TaskProgressColumn(),
        _Count(),
        _Rate(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
        redirect_stdout=False,  # the command's own output goes to standard output as it is
    )
    tasks: dict[str, int] = {}

    def draw(step: Step) -> None:
        if not tasks:  # the display starts with the first step: a command with nothing to report draws nothing
            bars.start()
        task = tasks.get(step.name)
        if task is None:
            task = tasks[step.name] = bars.add_task(step.name, total=step.total, unit=step.unit)
        if step.finished:
            total = step.total if step.total is not None else step.done
            bars.update(task, total=total or 1, completed=step.done or total or 1)
            bars.stop_task(task)
        else:
            bars.update(task, total=step.total, completed=step.done)

    try:
        yield draw
    finally:
        if tasks:
            bars.stop()
