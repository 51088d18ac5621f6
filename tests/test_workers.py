"""Work in other processes: pools and a process aside."""

from __future__ import annotations

import os

from builder.workers import aside


def test_aside_runs_in_another_process_and_returns_its_result() -> None:
    result = aside(lambda: (os.getpid(), {"a/index.html"}))
    pid, files = result()
    assert pid != os.getpid() and files == {"a/index.html"}


def test_aside_runs_the_function_here_when_its_process_fails() -> None:
    here = os.getpid()
    result = aside(lambda: "here" if os.getpid() == here else os._exit(3))
    assert result() == "here"
