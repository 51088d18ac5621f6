"""Read the content folder: every Markdown file, as bytes, in a stable order."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISREG

from builder.errors import SourceError

MAX_FILE_BYTES = 8 * 1024 * 1024  # far above any real article; stops runaway inputs early


@dataclass(frozen=True)
class SourceFile:
    rel: str  # path relative to the project root, with forward slashes: used in every message
    data: bytes

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class SourceEntry:
    """A content file found by a scan, before it is read."""

    rel: str
    path: str
    size: int
    mtime_ns: int


def no_content(root: Path) -> SourceError:
    """The error for a project without ``content/``: most often a command run in another folder,
    or a typo in --root, so it names the folder it looked in."""
    return SourceError("content", 0, 0, "", f"content folder not found in {root}; run archive in the "
                       "project's folder, or name that folder with --root (in a new folder, "
                       "archive new \"Headline\" starts one)")


def scan_sources(root: Path, content: Path) -> tuple[list[SourceEntry], list[SourceError]]:
    """All Markdown files (``*.md``, ``*.markdown``) below ``content`` (sorted) with their size and
    mtime; hidden files and editor temp files are skipped, symlinks leading outside and oversized
    files refused.

    An error about a whole file names its line 1; only folders have no line."""
    entries: list[SourceEntry] = []
    errors: list[SourceError] = []
    if not content.is_dir():
        return entries, [no_content(root)]
    base = content.resolve()
    files, linked, unreadable = _walk(str(content))
    for folder, reason in unreadable:
        errors.append(SourceError(_rel(root, folder), 0, 0, "", f"cannot read the folder ({reason}); its "
                                  "articles would be left out of the site: make it readable, or remove it"))
    for folder in linked:
        if not Path(folder).resolve().is_relative_to(base):
            errors.append(SourceError(_rel(root, folder), 0, 0, "", "symbolic link to a folder outside "
                                      "content/ refused"))
    for path, is_link in files:
        rel = _rel(root, path)
        if not is_utf8(rel):
            errors.append(SourceError(_shown(rel), 1, 0, "", "the file name is not valid UTF-8; rename it"))
            continue
        if is_link and not Path(path).resolve().is_relative_to(base):
            errors.append(SourceError(rel, 1, 0, "", "symbolic link pointing outside content/ refused"))
            continue
        try:
            stat = os.stat(path)
        except OSError as exc:
            errors.append(SourceError(rel, 1, 0, "", f"cannot read: {exc.strerror or exc}"))
            continue
        if stat.st_size > MAX_FILE_BYTES:
            errors.append(SourceError(rel, 1, 0, "", f"file is {stat.st_size:,} bytes; the limit is "
                                      f"{MAX_FILE_BYTES:,} bytes per article"))
            continue
        entries.append(SourceEntry(rel, path, stat.st_size, stat.st_mtime_ns))
    return entries, errors


def read_entry(entry: SourceEntry) -> SourceFile | SourceError:
    try:
        data = read_regular(entry.path)
    except OSError as exc:
        return SourceError(entry.rel, 1, 0, "", f"cannot read: {exc.strerror or exc}")
    if data is None:
        return SourceError(entry.rel, 1, 0, "", "not a regular file (a named pipe, a device or a socket); "
                           "content files are Markdown files")
    return SourceFile(entry.rel, data)


def read_regular(path: str | Path) -> bytes | None:
    """A file's bytes; None when it is not a regular file. Opened without blocking and checked
    once open: a file replaced by a named pipe between a scan and this read (an editor, the dev
    server's watcher) must not leave the build waiting for a writer forever."""
    handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        found = os.fstat(handle)
        if not S_ISREG(found.st_mode):
            return None
        # os.read, not a file object: that looked the file up twice more and asked whether it
        # was a terminal (30,000 system calls for 10,000 articles).
        pieces = []
        while piece := os.read(handle, max(found.st_size + 1, 65536)):
            pieces.append(piece)
        return b"".join(pieces)
    finally:
        os.close(handle)


def read_sources(root: Path, content: Path) -> tuple[list[SourceFile], list[SourceError]]:
    """Every content file, read."""
    entries, errors = scan_sources(root, content)
    files: list[SourceFile] = []
    for entry in entries:
        found = read_entry(entry)
        if isinstance(found, SourceError):
            errors.append(found)
        else:
            files.append(found)
    return files, errors


def _walk(content: str) -> tuple[list[tuple[str, bool]], list[str], list[tuple[str, str]]]:
    """Content files (path, is a symlink) in a stable order, symlinked folders (not followed), and
    folders that could not be read (path, why). One pass with os.scandir: no stat call but for
    symlinks, on 100,000 files."""
    files: list[tuple[str, bool]] = []
    linked: list[str] = []
    unreadable: list[tuple[str, str]] = []
    stack = [content]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as found:
                entries = sorted(found, key=lambda e: e.name)
        except (FileNotFoundError, NotADirectoryError):
            continue  # gone since it was listed (a checkout): the next build sees what replaced it
        except OSError as exc:  # (chmod 000): its articles must not vanish without a word
            unreadable.append((folder, exc.strerror or str(exc)))
            continue
        subfolders = []
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if not entry.name.startswith((".", "_")):
                    subfolders.append(entry.path)
            elif entry.is_symlink() and entry.is_dir():
                linked.append(entry.path)
            elif is_content_name(entry.name):
                files.append((entry.path, entry.is_symlink()))
        stack += reversed(subfolders)  # depth first, in name order
    return files, linked, unreadable


def is_content_name(name: str) -> bool:
    """A Markdown file: .md, or .markdown as Hugo and Jekyll also read, in any case (found by a
    probe: a.markdown and B.MD were left out without a word)."""
    # Editors leave .#x.md, x.md~, .x.md.swp and similar beside the real file.
    return name.lower().endswith((".md", ".markdown")) and not name.startswith((".", "#", "~"))


def is_utf8(name: str) -> bool:
    """False for text with bytes that are not UTF-8 (a file name, an argument: Python keeps them
    as lone surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _shown(name: str) -> str:
    """A name as it can be printed: bytes that are not UTF-8 become U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _rel(root: Path, path: str) -> str:
    """``path`` relative to the project root, as messages show it (on 100,000 files: no pathlib)."""
    prefix = f"{root}/"
    return path[len(prefix):] if path.startswith(prefix) else path
