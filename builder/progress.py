"""Progress for long builds and imports: a bar with rate and time left, on a terminal only.

Nothing is shown for work that ends within a second, with ``--quiet``, when standard error is
not a terminal, or under CI (logs want lines, not redraws).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from rich.progress import ProgressColumn


class Progress(Protocol):
    def start(self, label: str, total: int) -> None: ...
    def advance(self, count: int = 1) -> None: ...
    def stop(self) -> None: ...


class Silent:
    def start(self, label: str, total: int) -> None:
        pass

    def advance(self, count: int = 1) -> None:
        pass

    def stop(self) -> None:
        pass


@contextmanager
def step(progress: Progress | None, label: str, total: int) -> Iterator[Progress]:
    """One step of ``total`` items shown on ``progress`` (None: nothing shown), stopped however
    it ends: ``with step(progress, "rendering", len(pages)) as shown: ... shown.advance()``."""
    shown = progress or Silent()
    shown.start(label, total)
    try:
        yield shown
    finally:
        shown.stop()


class Bar:
    """A rich progress bar that appears only once a step has taken more than ``delay`` seconds."""

    def __init__(self, delay: float = 1.0) -> None:
        self.delay = delay
        self._bar: object | None = None
        self._task: object | None = None
        self._label = ""
        self._total = 0
        self._done = 0
        self._started = 0.0

    def start(self, label: str, total: int) -> None:
        self.stop()
        self._label, self._total, self._done, self._started = label, total, 0, time.monotonic()

    def advance(self, count: int = 1) -> None:
        self._done += count
        if self._bar is None and time.monotonic() - self._started > self.delay and self._total:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            # On standard error, the terminal make_progress checked: standard output may be a file.
            bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                           _rate_column(), TimeRemainingColumn(), transient=True, console=Console(stderr=True))
            bar.start()
            self._task = bar.add_task(self._label, total=self._total, completed=self._done)
            self._bar = bar
        elif self._bar is not None:
            self._bar.update(self._task, completed=self._done)  # type: ignore[attr-defined]

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()  # type: ignore[attr-defined]
        self._bar = None


def _rate_column() -> ProgressColumn:
    from rich.progress import ProgressColumn, Task
    from rich.text import Text


    class RateColumn(ProgressColumn):
        def render(self, task: Task) -> Text:
            return Text(f"{task.speed:,.0f}/s" if task.speed else "")

    return RateColumn()


def make_progress(quiet: bool = False) -> Progress:
    if quiet or os.environ.get("CI") or not sys.stderr.isatty():
        return Silent()
    return Bar()
