"""Work in other processes: pools and a process aside."""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path

import pytest

from builder.workers import aside, interrupt, uninterrupted
from tests.helpers import article, build_site, ctrl_c_state, write_files


def test_aside_runs_in_another_process_and_returns_its_result() -> None:
    result = aside(lambda: (os.getpid(), {"a/index.html"}))
    pid, files = result()
    assert pid != os.getpid() and files == {"a/index.html"}


def test_aside_runs_the_function_here_when_its_process_fails() -> None:
    here = os.getpid()
    result = aside(lambda: "here" if os.getpid() == here else os._exit(3))
    assert result() == "here"


def test_aside_without_a_process_to_be_had_runs_here_and_leaves_ctrl_c_alone(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Found in review: a fork that failed (no memory, no process left) raised with Ctrl-C still
    blocked in the build process, which no Ctrl-C would then stop."""
    def no_fork() -> int:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    result = aside(lambda: os.getpid())
    assert not ctrl_c_state(), ctrl_c_state()
    assert result() == os.getpid()


def test_ctrl_c_and_sigterm_wait_for_an_uninterrupted_block_then_act() -> None:
    assert not ctrl_c_state(), ctrl_c_state()
    done = []
    with pytest.raises(KeyboardInterrupt), uninterrupted():
        signal.raise_signal(signal.SIGINT)
        done.append("the rest of the block")
    assert done == ["the rest of the block"]
    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        with pytest.raises(KeyboardInterrupt), uninterrupted():
            signal.raise_signal(signal.SIGTERM)
            done.append("again")
        assert done[-1] == "again"
        assert signal.getsignal(signal.SIGTERM) is interrupt  # handlers are put back
    finally:
        signal.signal(signal.SIGTERM, previous)


def test_an_uninterrupted_block_in_another_thread_just_runs() -> None:
    ran: list[bool] = []

    def block() -> None:
        with uninterrupted():
            ran.append(True)

    thread = threading.Thread(target=block)
    thread.start()
    thread.join()
    assert ran == [True]


def test_ctrl_c_during_a_rebuilds_commit_leaves_the_whole_new_site(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C halfway through an overlay commit (files moved into the site one by one) left a site
    half old, half new; now the commit ends, and then the build stops."""
    root = write_files(tmp_path, {f"content/a{i}.md": article(f"Story {i}", f"2024-05-0{i}T10:00:00Z")
                                  for i in range(1, 6)})
    build_site(root, search=False)
    write_files(root, {"layouts/base.html": (Path(__file__).parents[1] / "builder" / "layouts" / "base.html")
                       .read_text().replace("</body>", "<!-- second -->\n</body>")})
    moved = []
    real_replace = os.replace

    def replace_then_ctrl_c(source: str, target: str) -> None:
        real_replace(source, target)
        if str(target).startswith(str(root / "site") + os.sep):  # a page moved into the site
            moved.append(target)
            if len(moved) == 3:
                signal.raise_signal(signal.SIGINT)

    monkeypatch.setattr(os, "replace", replace_then_ctrl_c)
    assert not ctrl_c_state(), ctrl_c_state()
    with pytest.raises(KeyboardInterrupt):
        build_site(root, search=False)
    monkeypatch.undo()
    pages = [p for p in (root / "site").rglob("*.html") if "<!doctype html>" in p.read_text()]
    assert len(moved) > 3 and len(pages) > 10
    assert all("<!-- second -->" in page.read_text() for page in pages)
