"""Watching the project for changes: content, layouts, static files and settings.

Editors save by writing a temporary file and renaming it, and ``git checkout`` touches a
thousand files at once: every event kind counts (created, modified, moved, deleted), editor
temporary files are ignored, and a burst of events becomes one batch after a quiet moment.
"""

from __future__ import annotations

import logging
import re
import sys
import threading
import time
import warnings
from collections.abc import Callable, Iterable
from contextlib import suppress
from pathlib import Path

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirModifiedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch
from watchdog.observers.polling import PollingObserver

QUIET_SECONDS = 0.05  # a save is a burst of a few events within milliseconds
# vim swap and backup files, emacs lock and autosave files, JetBrains and other "safe write"
# temporaries, vim's 4913 probe, macOS and Windows metadata
_TEMPORARY = re.compile(r"(^\.#|^#.*#$|~$|\.sw[a-p]$|\.tmp$|\.temp$|^4913$|\.bak$|___jb_\w+___$|"
                        r"^\.DS_Store$|^Thumbs\.db$|\.part$|\.crdownload$)")
_IGNORED_FOLDERS = frozenset({".git", ".archive-cache", "__pycache__", ".venv", "node_modules"})
# A folder watched anew while a checkout fills it: watchdog's walk of it and its own watch of a
# subfolder just made both register that subfolder, and it warns (once per subfolder, on the
# terminal) that it keeps one of the two identical callbacks. Nothing is lost.
warnings.filterwarnings("ignore", r"Callback with id .* already exists for watch", RuntimeWarning,
                        r"watchdog\.")


# Every kind but a file opened or closed unwritten: inotify then queues no event for a file read
# (grep over 100,000 articles, a backup, the build's own reading made 200,000, and overflowed
# the kernel's queue of 16,384).
_CHANGES: list[type[FileSystemEvent]] = [FileCreatedEvent, DirCreatedEvent, FileModifiedEvent, DirModifiedEvent,
                                         FileMovedEvent, DirMovedEvent, FileDeletedEvent, DirDeletedEvent,
                                         FileClosedEvent]


def is_relevant(path: str) -> bool:
    name = path.rsplit("/", 1)[-1]
    if _TEMPORARY.search(name):
        return False
    return not any(part in _IGNORED_FOLDERS or part.startswith(".site") for part in path.split("/"))


class _Overflow(logging.Handler):
    """watchdog's warnings, shown as before; when the kernel's inotify queue overflowed (a burst
    of thousands of files saved while the server is busy), ``lost()``: watchdog rebuilds its
    watches but reports none of the events it lost, so nothing else would say the files changed."""

    def __init__(self, lost: Callable[[], None]) -> None:
        super().__init__(logging.WARNING)
        self.lost = lost

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        overflowed = "events were lost" in message
        print(message + ("; every watched file is looked at again" if overflowed else ""), file=sys.stderr)
        if overflowed:
            self.lost()


class _Collector(FileSystemEventHandler):
    def __init__(self, batch: Callable[[set[str]], None], root: Path) -> None:
        self.batch = batch
        self.root = root
        self.pending: set[str] = set()
        self.last_event = 0.0
        self.lock = threading.Lock()
        self.wake = threading.Event()
        self.created: Callable[[str], None] = lambda path: None

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return  # reading a file changes nothing
        if event.is_directory and event.event_type in ("created", "moved"):
            self.created(str(getattr(event, "dest_path", "") or event.src_path))
        self.add([str(event.src_path), str(getattr(event, "dest_path", "") or "")])

    def add(self, paths: Iterable[str]) -> None:
        relevant = {p for p in paths if p and is_relevant(p)}
        if not relevant:
            return
        with self.lock:
            self.pending |= relevant
            self.last_event = time.monotonic()
        self.wake.set()

    def run(self, stop: threading.Event) -> None:
        """Hand over a batch once no event came for ``QUIET_SECONDS``."""
        while not stop.is_set():
            self.wake.wait(0.5)
            with self.lock:
                quiet = time.monotonic() - self.last_event >= QUIET_SECONDS
                ready = self.pending if quiet and self.pending else None
                if ready is not None:
                    self.pending = set()
                    self.wake.clear()
            if ready is not None:
                self.batch(ready)
            elif self.pending:
                time.sleep(QUIET_SECONDS / 2)


class Watcher:
    """Calls ``batch(paths)`` from one thread, one batch at a time, after each burst of changes."""

    def __init__(self, root: Path, targets: Iterable[Path], batch: Callable[[set[str]], None],
                 poll: bool = False) -> None:
        self.collector = _Collector(batch, root)
        self.root = root
        targets = list(targets)
        self.targets = [t for t in targets if t.exists()]
        self.target_paths = [str(t) for t in targets]  # (those made later included)
        # A folder that does not exist yet (layouts/ before the first override), or that goes and
        # comes back (``rm -rf content`` then ``git checkout -- content``, a checkout of a branch
        # without layouts/ and back, a folder moved away and another put in its place) is watched
        # anew each time it is made: the root itself is watched, not recursively, for that.
        self.folders = {str(t) for t in targets if t.is_dir() or not t.exists()}
        self.watches: dict[str, ObservedWatch] = {}
        self.collector.created = self._watch_new
        self.poll = poll
        self.stop = threading.Event()
        self.observer: BaseObserver | None = None
        self.note = ""
        self._overflow = _Overflow(lambda: self.collector.add(self.target_paths))

    def changing(self) -> bool:
        """Whether changes to the targets were seen that are not handed over yet (a burst still
        going on). Events of the project's folder itself do not count: a build makes its staging
        folder and site there."""
        with self.collector.lock:
            pending = list(self.collector.pending)
        return any(path == target or path.startswith(target + "/") for path in pending
                   for target in self.target_paths)

    def start(self) -> None:
        logging.getLogger("watchdog.observers").addHandler(self._overflow)
        self.observer = self._observer(self.poll)
        threading.Thread(target=self.collector.run, args=(self.stop,), name="watch", daemon=True).start()

    def _observer(self, poll: bool) -> BaseObserver:
        observer: BaseObserver = PollingObserver(timeout=0.5) if poll else Observer()
        self.watches = {}
        try:
            for target in self.targets:
                if target.is_dir():
                    self.watches[str(target)] = self._schedule(observer, str(target), recursive=True)
                else:
                    self._schedule(observer, str(target.parent), recursive=False)
            self._schedule(observer, str(self.root), recursive=False)
            observer.start()
        except OSError as exc:
            if poll:
                raise
            # inotify watches or instances exhausted (errno 28 / 24): say so, and poll instead.
            self.note = (f"file watching with inotify failed ({exc}); polling instead. Raise "
                         "fs.inotify.max_user_watches to watch without polling.")
            return self._observer(True)
        if poll and not self.note:
            self.note = "watching by polling (--poll): changes are seen within about a second"
        return observer

    def _schedule(self, observer: BaseObserver, path: str, recursive: bool) -> ObservedWatch:
        return observer.schedule(self.collector, path, recursive=recursive, event_filter=_CHANGES)

    def _watch_new(self, path: str) -> None:
        if path not in self.folders or self.observer is None or not Path(path).is_dir():
            return
        # The watch of a folder that was deleted has stopped, and one of a folder moved away
        # follows it to its new name; the observer keeps either under this path, and would
        # not watch the path again while it does.
        old = self.watches.pop(path, None)
        if old is not None:
            with suppress(KeyError):
                self.observer.unschedule(old)
        self.watches[path] = self._schedule(self.observer, path, recursive=True)
        # A file written into the new folder before its watch began made no event (mkdir then a
        # save a millisecond later, while a build keeps this process busy; a checkout writing
        # thousands): what the folder holds now counts as changed.
        self.collector.add(str(found) for found in Path(path).rglob("*"))

    def close(self) -> None:
        self.stop.set()
        logging.getLogger("watchdog.observers").removeHandler(self._overflow)
        if self.observer is not None:
            self.observer.stop()
            self.observer.join(timeout=5)
