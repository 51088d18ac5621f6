"""Progress bars: only on a terminal, only for work that takes more than a moment."""

from __future__ import annotations

import io
import sys

import pytest

from builder.progress import Bar, Silent, make_progress


def test_no_bar_when_quiet_in_ci_or_off_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    assert isinstance(make_progress(quiet=True), Silent)
    monkeypatch.setenv("CI", "true")
    assert isinstance(make_progress(), Silent)
    monkeypatch.delenv("CI")
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert isinstance(make_progress(), Silent)
    monkeypatch.setattr(sys, "stderr", _Terminal())
    assert isinstance(make_progress(), Bar)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_bar_appears_only_once_a_step_takes_longer_than_its_delay() -> None:
    quick = Bar(delay=3600)
    quick.start("rendering", 10)
    quick.advance(5)
    assert quick._bar is None
    slow = Bar(delay=0)
    slow.start("rendering", 10)
    slow.advance(5)
    assert slow._bar is not None
    slow.advance(5)
    slow.stop()
    assert slow._bar is None
