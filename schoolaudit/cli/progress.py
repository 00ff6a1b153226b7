"""A progress bar on stderr for long batches; nothing at all when stderr is not a terminal.

Scripts and CI logs get no bar (and no escape codes); a person at a terminal
sees files done, files rejected so far, the rate and the time left.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def with_progress(
    items: Iterable[T], total: int, rejected: Callable[[], int], *, label: str = "Checking"
) -> Iterator[T]:
    """Yield `items` unchanged, showing progress when stderr is a terminal."""
    if not sys.stderr.isatty() or total < 2:
        yield from items
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("files · {task.fields[rejected]} rejected"),
        TextColumn("· {task.fields[rate]}"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(label, total=total, rejected=0, rate="")
        for item in items:
            yield item
            speed = progress.tasks[0].speed
            progress.update(
                task,
                advance=1,
                rejected=rejected(),
                rate=f"{speed:,.0f} files/s" if speed else "",
            )
