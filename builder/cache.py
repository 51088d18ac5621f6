"""The persistent build cache in ROOT/.archive-cache/ (git-ignored).

- ``documents.pickle``: per content file, its size, mtime and content hash and what loading it
  gave (an Article without its body, a Profile, or errors). A file whose size and mtime are
  unchanged is not read again; one whose bytes are unchanged is not parsed again. The entries
  changed since it was written are in ``documents-changes.pickle`` (see DocumentCache).
- ``bodies-<salt>.sqlite``: rendered Markdown bodies by content hash, each with its checksum
  (SQLite checks none of its own). Render workers read them, so no process ever holds every
  body at once; a missing or damaged body is simply rendered again.
- ``pages-<output>.pickle``: the key of every page of the last successful build into that output
  folder (a hash of its template, the layouts, the settings and its view data), and a
  fingerprint of the whole input. A page whose key is unchanged is not rendered: its file is kept
  (hard-linked from the previous site in a full build, builder.write).
- ``stamp-<output>.pickle``: the content files' sizes and mtimes and a hash of the other input of
  the site in place (see Stamp): a build with nothing to do stops after one look at the folder.
- ``outputs-<output>.pickle``: the size and mtime of every file of the site in place
  (builder.outputs): files changed or removed there since are written again. Its format is its
  own, so it outlives an upgrade of the builder, unlike every other file here.
- ``jinja/``: the compiled layouts, and the layouts each one uses (builder.inputs); ``search/``:
  the Pagefind bundles by a hash of their pages (builder.search); ``lock``: held while a build
  runs, so that builds of one project (a dev server's and a command line's) take turns
  (``build_lock``).

Every pickle is written as (format, salt, sha256 of payload, payload): a file from another
builder version or other settings, or with a wrong checksum, is ignored and rebuilt, never
trusted. Writes go through a temporary file and a rename. Body stores and records of other
builder versions, settings or output folders are dropped after a build but the last used few
(``forget_stale``).
"""

from __future__ import annotations

import fcntl
import gc
import hashlib
import os
import pickle
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from builder import __version__
from builder.errors import SourceError


def _code_digest() -> str:
    """A hash of the builder's own code: a cache written by other code is never trusted, even
    when the version number did not change (as during development)."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).parent
    for path in sorted(package.rglob("*.py")):
        if path.relative_to(package).parts[0] in ("importer", "gen.py", "bench.py"):
            continue  # code that no build runs
        digest.update(path.relative_to(package).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()[:16]


FORMAT = f"archive-cache-4/{__version__}/{_code_digest()}"
CACHE = ".archive-cache"  # the cache folder, under the project root, git-ignored


@dataclass(frozen=True)
class CachedDocument:
    size: int
    mtime_ns: int
    digest: str
    result: Any  # Article (without body), Profile, or list[SourceError]
    timeline: str = ""  # an article's hashes: builder.rebuild.article_shape
    names: str = ""


@dataclass(frozen=True)
class Hidden:
    """A page of a shard's search bundle that the patch bundle replaces, or that is gone."""

    bundle: str  # the digest of the shard's bundle
    id: str  # Pagefind's page id there (its fragment's name)
    filters: dict[str, list[str]]  # the page's filter values there, to take off the counts


@dataclass
class SearchBundles:
    """The search bundles in place (builder.search): a bundle per shard, and the patch bundle
    of the pages changed since their shard's bundle was made."""

    shards: dict[str, str] = field(default_factory=dict)  # shard -> digest of its bundle
    pages: dict[str, dict[str, str]] = field(default_factory=dict)  # shard -> {path: search key} indexed
    patch: str = ""  # digest of the patch bundle; "" when there is none
    hidden: dict[str, Hidden] = field(default_factory=dict)  # page path -> its stale version


# The search bundles in place outlive the record of pages, which a new builder version cannot
# read: bundles are named by their pages' search keys, which no version changes.
SEARCH_RECORD_FORMAT = "archive-search-1"


@dataclass
class PageState:
    keys: dict[str, str] = field(default_factory=dict)  # site path -> page key
    fingerprint: str = ""  # the whole input of the last successful build
    search: SearchBundles = field(default_factory=SearchBundles)
    search_keys: dict[str, str] = field(default_factory=dict)  # article path -> builder.search.page_search_key
    refs: dict[str, tuple[int, ...]] = field(default_factory=dict)  # site path -> articles it shows
    structure: str = ""  # hash of the input but for articles' display fields (builder.views)
    placement: str = ""  # the same without the articles' slugs (builder.rebuild.Shape)
    timeline: str = ""  # and without their names
    digests: list[str] = field(default_factory=list)  # each article's content hash, oldest first
    base: str = ""  # hash of the input but for articles (settings, layouts, profiles...)
    view_base: str = ""  # the same without layouts and static files (builder.rebuild.relaid_pages)
    templates: dict[str, str] = field(default_factory=dict)  # template -> digest (builder.inputs.template_digests)
    static: str = ""  # hash of the static files (builder.inputs.static_digest)
    searched: bool | None = None  # whether the build indexed the site for search (--no-search: False)
    overridden: tuple[str, ...] = ()  # files of pages that a static file stood in for (builder.write.static_overrides)
    entity_urls: dict[str, str] = field(default_factory=dict)  # builder.views.base.entity_urls
    topics: dict[str, tuple[str | int, ...] | None] = field(default_factory=dict)  # site path -> PageSpec.topic
    size: int = 0  # bytes of the whole output
    # New with every build that changes the site: a dev server whose build found the site already
    # made (by another process) still sees that it changed, and reloads its browsers.
    commit: str = ""
    # The content's warnings that stay until the content is mended (a misspelt field): said again
    # by a build that finds nothing to do, or "fixed" would be the reading of a silent build.
    lasting: list[SourceError] = field(default_factory=list)


@dataclass(frozen=True)
class Stamp:
    """What the site in place was built from, the content files by size and mtime: a build that
    finds the same has nothing to do, and knows it without reading ``documents.pickle`` and
    ``pages.pickle`` (1.5 s at 100,000 articles). Removed before a build changes the site."""

    inputs: str  # everything but the content files (builder.inputs.input_digest)
    files: dict[str, tuple[int, int]]  # content file -> (size, mtime_ns)
    articles: int
    pages: int
    size: int  # bytes of the whole output
    held: tuple[tuple[str, datetime], ...] = ()  # articles held back until their date, oldest first
    lasting: tuple[SourceError, ...] = ()  # PageState.lasting


def read_pickle(path: Path, salt: str, form: str = FORMAT) -> Any:
    """The payload of a cache file, or None when it is missing, stale or corrupt; ``form``:
    the format it must have been written in (by default this builder's version and code)."""
    try:
        with open(path, "rb") as handle:
            stored_form, stored_salt, checksum, payload = pickle.load(handle)
        if stored_form != form or stored_salt != salt or hashlib.sha256(payload).hexdigest() != checksum:
            return None
        with _no_collection():
            return pickle.loads(payload)
    except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError, AttributeError,
            ImportError, IndexError, KeyError, MemoryError, OverflowError, RecursionError):
        return None


@contextmanager
def _no_collection() -> Iterator[None]:
    """Without the cyclic garbage collector, which walks every object made so far again and
    again while millions are made: 100,000 cached documents load in 0.9 s instead of 2.8 s."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def write_pickle(path: Path, salt: str, value: Any, form: str = FORMAT) -> None:
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as handle:
            pickle.dump((form, salt, hashlib.sha256(payload).hexdigest(), payload), handle,
                        protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError as exc:  # (a full disk: the part written would hold on to the space)
        with suppress(OSError):
            temporary.unlink()
        raise OSError(exc.errno, exc.strerror, str(path)) from exc


class DocumentCache:
    """``documents.pickle``, and beside it ``documents-changes.pickle``: what changed since it was
    written. Editing one file of 100,000 rewrites the small file, not the large one, until the
    changes reach a tenth of it."""

    def __init__(self, folder: Path, salt: str) -> None:
        self.base_path, self.changes_path = folder / "documents.pickle", folder / "documents-changes.pickle"
        self.salt = salt
        self._token = ""  # names the base: changes written for another base are ignored
        self._changes: dict[str, CachedDocument | None] = {}  # None: removed
        self._read: dict[str, CachedDocument] = {}

    def read(self) -> dict[str, CachedDocument]:
        base = read_pickle(self.base_path, self.salt)
        token, documents = base if isinstance(base, tuple) and len(base) == 2 else ("", {})
        changes = read_pickle(self.changes_path, self.salt) if token else None
        if isinstance(changes, tuple) and len(changes) == 2 and changes[0] == token:
            self._changes = dict(changes[1])
            for rel, document in self._changes.items():
                if document is None:
                    documents.pop(rel, None)
                else:
                    documents[rel] = document
        self._token, self._read = token, dict(documents)
        return documents

    def write(self, documents: dict[str, CachedDocument]) -> None:
        """Record ``documents``: entries not read from the cache (``is``) or no longer there."""
        fresh: dict[str, CachedDocument | None] = {
            rel: document for rel, document in documents.items() if self._read.get(rel) is not document}
        fresh.update((rel, None) for rel in self._read if rel not in documents)
        if not fresh:
            return
        changes = {**self._changes, **fresh}
        if self._token and len(changes) <= max(100, len(documents) // 10):
            write_pickle(self.changes_path, self.salt, (self._token, changes))
            self._changes = changes
        else:
            self._token = os.urandom(8).hex()
            write_pickle(self.base_path, self.salt, (self._token, documents))
            self.changes_path.unlink(missing_ok=True)
            self._changes = {}
        self._read = dict(documents)


class BodyStore:
    """Rendered bodies by key, in SQLite: many readers (the render workers), one writer."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._connection: sqlite3.Connection | None = None

    def _connect(self) -> sqlite3.Connection:
        if self._connection is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                self._connection = self._open()
            except sqlite3.DatabaseError:  # a corrupt file: start again
                _remove_store(self.path)
                self._connection = self._open()
        return self._connection

    def _open(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=OFF")  # a cache: losing it costs a re-render only
        connection.execute("CREATE TABLE IF NOT EXISTS bodies "
                           "(key TEXT PRIMARY KEY, html TEXT NOT NULL, checksum INTEGER NOT NULL)")
        if "checksum" not in {row[1] for row in connection.execute("PRAGMA table_info(bodies)")}:
            connection.close()
            raise sqlite3.DatabaseError("a store without checksums")  # (an earlier format)
        return connection

    def put_many(self, items: list[tuple[str, str]]) -> None:
        if items:
            try:
                with self._transaction() as connection:
                    connection.executemany("INSERT OR REPLACE INTO bodies VALUES (?, ?, ?)",
                                           ((key, html, _checksum(html)) for key, html in items))
            except sqlite3.DatabaseError:
                self.reset()

    def get(self, key: str) -> str | None:
        """The body stored under ``key``; None when there is none, or when its bytes are not those
        stored (a damaged file: SQLite only notices damage to its own structure)."""
        try:
            row = self._connect().execute("SELECT html, checksum FROM bodies WHERE key = ?", (key,)).fetchone()
        except sqlite3.DatabaseError:
            return None
        if row is None or not isinstance(row[0], str) or _checksum(row[0]) != row[1]:
            return None
        return row[0]

    @contextmanager
    def reading(self) -> Iterator[None]:
        """One read transaction for many ``get``: each on its own took and released SQLite's
        shared lock and checked the file (about six system calls, 60,000 for 10,000 pages)."""
        try:
            connection = self._connect()
            connection.execute("BEGIN")
        except sqlite3.DatabaseError:
            yield  # each get then says what it finds
            return
        try:
            yield
        finally:
            with suppress(sqlite3.Error):
                connection.execute("COMMIT")

    def keep_only(self, keys: set[str]) -> None:
        """Forget bodies no article uses any more, so the store does not grow forever."""
        try:
            with self._transaction() as connection:
                stored = {row[0] for row in connection.execute("SELECT key FROM bodies")}
                connection.executemany("DELETE FROM bodies WHERE key = ?", ((k,) for k in stored - keys))
        except sqlite3.DatabaseError:
            self.reset()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        connection = self._connect()
        connection.execute("BEGIN")
        try:
            yield connection
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")

    def reset(self) -> None:
        self.close()
        _remove_store(self.path)

    def close(self) -> None:
        if self._connection is not None:
            with suppress(sqlite3.Error):
                self._connection.close()
            self._connection = None


def _remove_store(path: Path) -> None:
    """A body store and its journal: a journal left beside a new store would be replayed into it."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _checksum(html: str) -> int:
    return zlib.crc32(html.encode("utf-8", "surrogatepass"))


KEEP_OTHER_STORES = 1  # body stores of other builder versions or settings kept, the last used
KEEP_OTHER_RECORDS = 3  # records of other output folders (--out) kept, the last used


def forget_stale(folder: Path, store: Path, out_key: str) -> None:
    """After a build (under its lock): drop the body stores and page records that other builder
    versions, other settings or other output folders left, but the last used few, and the
    temporary files of killed builds. Each upgrade of the builder made a new body store (460 MB
    at 100,000 articles) and nothing read the old ones again: a 100,000-article cache had grown
    to 5.8 GB after nine."""
    with suppress(OSError):
        os.utime(store)  # the store in use is the newest
    stores = newest_first(folder.glob("bodies-*.sqlite"))
    for stale in [path for path in stores if path != store][KEEP_OTHER_STORES:]:
        _remove_store(stale)
    for leftover in [*folder.glob(".*.tmp"), *folder.glob("jinja/*.tmp")]:  # writes a killed build left
        leftover.unlink(missing_ok=True)
    records = newest_first(folder.glob("pages-*.pickle"))
    keys = [path.name[len("pages-"):-len(".pickle")] for path in records]
    for key in [key for key in keys if key != out_key][KEEP_OTHER_RECORDS:]:
        # The record and stamp go before the mark of an unrecorded site: never a record alone.
        for name in (f"pages-{key}.pickle", f"stamp-{key}.pickle", f"outputs-{key}.pickle", f"search-{key}.pickle",
                     f"unrecorded-{key}"):
            (folder / name).unlink(missing_ok=True)


def newest_first(paths: Iterable[Path]) -> list[Path]:
    """By modification time, newest first; a path gone meanwhile is left out."""
    dated = []
    for path in paths:
        with suppress(OSError):
            dated.append((path.stat().st_mtime_ns, path))
    return [path for _, path in sorted(dated, reverse=True)]


_held_locks: list[int] = []


@contextmanager
def build_lock(folder: Path) -> Iterator[None]:
    """One build at a time per project (a dev server and a CLI build may both start one)."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        _held_locks.append(handle.fileno())
        try:
            yield
        finally:
            _held_locks.remove(handle.fileno())
            fcntl.flock(handle, fcntl.LOCK_UN)


def forget_inherited_locks() -> None:
    """In a forked worker: close the build lock's descriptor, so that a worker left behind by a
    killed build cannot keep the lock (and hang every later build)."""
    for descriptor in _held_locks:
        with suppress(OSError):
            os.close(descriptor)
    _held_locks.clear()


def body_key(digest: str, salt: str) -> str:
    return hashlib.sha1(f"{salt}:{digest}".encode()).hexdigest()
