"""A progress bar on stderr for scans that take more than a moment.

Shown only when stderr is a terminal (a CI log or a pre-commit hook must stay clean) and only
once the scan has run for :data:`DELAY` seconds, so that a typical commit — well under a
second — never flickers a bar. ``NO_COLOR`` turns colour off, not the bar.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

__all__ = ["DELAY", "ScanProgress", "scan_progress"]

DELAY = 0.5

Callback = Callable[[int, int], None]


class ScanProgress:
    """The engine's ``progress(done, total)`` callback, drawing a rich bar after a delay."""

    def __init__(self, stream: TextIO, delay: float = DELAY) -> None:
        self._stream = stream
        self._delay = delay
        self._started = time.monotonic()
        self._bar: Progress | None = None
        self._task: TaskID | None = None

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            if time.monotonic() - self._started < self._delay or done >= total:
                return
            # rich's live display is imported only when a bar is drawn (~10 ms of start-up that a
            # pre-commit run, which never shows one, does not pay).
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            console = Console(file=self._stream, no_color=bool(os.environ.get("NO_COLOR")))
            bar = Progress(TextColumn("scanning"), BarColumn(), MofNCompleteColumn(),
                           console=console, transient=True)
            bar.start()
            self._task = bar.add_task("scan", total=total)
            self._bar = bar
        assert self._bar is not None and self._task is not None
        self._bar.update(self._task, completed=done, total=total)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
        self._bar = None


@contextmanager
def scan_progress(enabled: bool = True, stream: TextIO | None = None) -> Iterator[Callback | None]:
    """A callback for :func:`oinlint.engine.check` when a bar may be drawn, else None."""
    out = stream or sys.stderr
    isatty = getattr(out, "isatty", None)
    if not enabled or not (isatty and isatty()) or os.environ.get("TERM") == "dumb":
        yield None
        return
    progress = ScanProgress(out)
    try:
        yield progress
    finally:
        progress.close()
