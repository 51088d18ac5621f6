"""builder.watch: the dev server's watcher, with real inotify events."""

from __future__ import annotations

import logging
import os
import shutil
import time
from pathlib import Path

from watchdog.events import FileSystemEvent

from builder.watch import Watcher


def seen(batches: list[set[str]], path: Path, timeout: float = 10) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(str(path) in batch for batch in list(batches)):
            return True
        time.sleep(0.05)
    return False


def test_a_file_saved_into_a_new_folder_before_its_watch_began_is_seen(tmp_path: Path) -> None:
    """layouts/ made and an override saved into it a millisecond later, while the server is busy
    with a build: the folder's watch begins after the save, which makes no event of its own.
    (Found with 100,000 articles: the override was never picked up.)"""
    batches: list[set[str]] = []
    watcher = Watcher(tmp_path, [tmp_path / "layouts"], batches.append)
    begin_watch = watcher.collector.created

    def busy(path: str) -> None:  # the watch of the new folder begins half a second late
        time.sleep(0.5)
        begin_watch(path)

    watcher.collector.created = busy
    watcher.start()
    try:
        (tmp_path / "layouts").mkdir()
        override = tmp_path / "layouts" / "article.html"
        override.write_text("<p>override</p>")
        assert seen(batches, override)
        later = tmp_path / "layouts" / "base.html"  # and the folder is watched from then on
        later.write_text("<p>base</p>")
        assert seen(batches, later)
    finally:
        watcher.close()


def test_editor_temporary_files_are_not_changes(tmp_path: Path) -> None:
    batches: list[set[str]] = []
    (tmp_path / "content").mkdir()
    watcher = Watcher(tmp_path, [tmp_path / "content"], batches.append)
    watcher.start()
    try:
        (tmp_path / "content" / ".a.md.swp").write_text("swap")
        (tmp_path / "content" / "a.md~").write_text("backup")
        article = tmp_path / "content" / "a.md"
        article.write_text("---\ntitle: A\n---\n")
        assert seen(batches, article)
        assert not any(name.endswith((".swp", "~")) for batch in batches for name in batch)
    finally:
        watcher.close()


def test_a_named_pipe_is_reported_without_being_opened(tmp_path: Path) -> None:
    """Opening a FIFO waits for a writer: the watcher must only name it, never read it, or every
    later change would go unseen. Also in a folder created while watching (which is listed)."""
    batches: list[set[str]] = []
    (tmp_path / "content").mkdir()
    watcher = Watcher(tmp_path, [tmp_path / "content", tmp_path / "static"], batches.append)
    watcher.start()
    try:
        pipe = tmp_path / "content" / "pipe.md"
        os.mkfifo(pipe)
        assert seen(batches, pipe)
        (tmp_path / "static").mkdir()
        os.mkfifo(tmp_path / "static" / "pipe.css")
        after = tmp_path / "content" / "a.md"
        after.write_text("---\ntitle: A\n---\n")
        assert seen(batches, after)
    finally:
        watcher.close()


def test_a_folder_deleted_and_made_again_is_watched_again(tmp_path: Path) -> None:
    """Found by a probe: after ``rm -rf content && git checkout -- content``, or a checkout of a
    branch without layouts/ and back, no edit in the folder was ever seen again (its watch had
    stopped with the folder, and the observer kept it under that path). Also a folder moved away
    and another put in its place: the old watch follows the folder to its new name."""
    batches: list[set[str]] = []
    (tmp_path / "content").mkdir()
    (tmp_path / "pyproject.toml").write_text("")
    watcher = Watcher(tmp_path, [tmp_path / "content", tmp_path / "pyproject.toml"], batches.append)
    watcher.start()
    try:
        for turn in range(2):  # and again: the new watch is replaced in its turn
            shutil.rmtree(tmp_path / "content")
            (tmp_path / "content" / "2025").mkdir(parents=True)
            restored = tmp_path / "content" / "2025" / f"restored-{turn}.md"
            restored.write_text("---\ntitle: A\n---\n")
            assert seen(batches, restored)  # made with the folder: listed
            time.sleep(0.3)
            edited = tmp_path / "content" / "2025" / f"edited-{turn}.md"
            edited.write_text("---\ntitle: B\n---\n")
            assert seen(batches, edited), batches
        (tmp_path / "content").rename(tmp_path / "old")
        (tmp_path / "content").mkdir()
        time.sleep(0.3)
        replaced = tmp_path / "content" / "c.md"
        replaced.write_text("---\ntitle: C\n---\n")
        assert seen(batches, replaced), batches
    finally:
        watcher.close()


def test_events_lost_in_an_inotify_overflow_make_a_batch_of_every_target(tmp_path: Path) -> None:
    """Found at 100,000 articles: a tag renamed across 1,467 files while the dev server was busy
    overflowed the kernel's inotify queue; watchdog rebuilt its watches and said so, but handed
    over none of the lost events, and the server never rebuilt (the old tag page stayed served
    for good). An overflow now hands over the watched folders, so the build looks at them all."""
    batches: list[set[str]] = []
    (tmp_path / "content").mkdir()
    watcher = Watcher(tmp_path, [tmp_path / "content", tmp_path / "pyproject.toml"], batches.append)
    watcher.start()
    try:
        # (what watchdog's inotify reader logs when the kernel reports IN_Q_OVERFLOW)
        reader = logging.getLogger("watchdog.observers.inotify_c")
        reader.warning("Inotify queue overflowed; filesystem events were lost")
        assert seen(batches, tmp_path / "content") and seen(batches, tmp_path / "pyproject.toml")
    finally:
        watcher.close()
    assert watcher._overflow not in logging.getLogger("watchdog.observers").handlers


def test_reading_files_queues_no_events(tmp_path: Path) -> None:
    """Found at 100,000 articles: a grep over content/ while the dev server ran overflowed the
    kernel's inotify queue (each file read queued an open and a close event, 200,000 in all,
    which the watcher then ignored). Only changes are asked of inotify now."""
    (tmp_path / "content").mkdir()
    read = tmp_path / "content" / "a.md"
    read.write_text("---\ntitle: A\n---\n")
    kinds: list[str] = []
    batches: list[set[str]] = []
    watcher = Watcher(tmp_path, [tmp_path / "content"], batches.append)
    collect = watcher.collector.on_any_event

    def on_any_event(event: FileSystemEvent) -> None:
        kinds.append(event.event_type)
        collect(event)

    watcher.collector.on_any_event = on_any_event  # type: ignore[method-assign]
    watcher.start()
    try:
        for _ in range(3):
            read.read_text()
        written = tmp_path / "content" / "b.md"
        written.write_text("---\ntitle: B\n---\n")
        assert seen(batches, written)
        assert not {"opened", "closed_no_write"} & set(kinds), kinds
    finally:
        watcher.close()
