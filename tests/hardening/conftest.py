"""Hardening tests: a session summary of how many cases each property and fuzzer tried."""

from __future__ import annotations

import shutil
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import hypothesis.configuration
import pytest

from tests.hardening.support import CASES, NOTES

# Hypothesis keeps a Unicode table cache in its home folder: keep it out of the checkout.
_HOME = Path(tempfile.mkdtemp(prefix="hardening-hypothesis-"))
hypothesis.configuration.set_hypothesis_home_dir(str(_HOME))
_DURATIONS: dict[str, float] = defaultdict(float)
_STARTED = time.monotonic()


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if "tests/hardening/" in report.nodeid:
        _DURATIONS[report.nodeid.split("::")[0].rsplit("/", 1)[-1]] += report.duration


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    if not CASES and not _DURATIONS:
        return
    write = terminalreporter.write_line
    terminalreporter.section("hardening: cases tried")
    for name, number in sorted(CASES.items()):
        write(f"{number:>7,}  {name}")
    write(f"{sum(CASES.values()):>7,}  in all")
    if _DURATIONS:
        terminalreporter.section("hardening: seconds per file")
        for name, seconds in sorted(_DURATIONS.items()):
            write(f"{seconds:>7.1f}  {name}")
        write(f"{time.monotonic() - _STARTED:>7.1f}  wall clock since collection")
    for section, lines in sorted(NOTES.items()):
        terminalreporter.section(f"hardening: {section}")
        for line in lines:
            write(line)


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_HOME, ignore_errors=True)
