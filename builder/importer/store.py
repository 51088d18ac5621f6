"""The content folder as the importer sees it: which files hold which articles, and safe writes.

The importer never overwrites a file an editor changed since import (its ``import_hash`` no
longer matches) unless forced, and writes through a temporary file and a rename.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from builder.config import Settings
from builder.frontmatter import as_read
from builder.importer.emit import untouched
from builder.load import validate_source
from builder.model import Article, clean_text
from builder.routes import alias_paths, article_path, day_path
from builder.slugs import slugify
from builder.source import SourceFile, read_sources

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?)?(Z|[+-]\d{2}:?\d{2})?$",
                       re.IGNORECASE)
_ALIASES = re.compile(r"^aliases:", re.MULTILINE)
_FIELD = re.compile(r"^(title|date|source_id|slug|copy_hash|import_hash):[ \t]*(.*?)[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Existing:
    path: Path
    title: str
    date: str
    source_id: str
    slug: str
    copy_hash: str = ""  # see emit.copy_hash; "" in files imported before it was written
    imported: bool = True  # False: no import_hash, an editor's own file, never the importer's
    urls: tuple[str, ...] = ()  # the site paths the file's article takes: its URL, its aliases


def _front_fields(text: str) -> dict[str, str]:
    """The few fields the importer matches on, as text exactly as written (quotes undone)."""
    if not text.startswith("---"):
        return {}
    front = text.split("\n---", 2)[0]
    return {key: _unquote(value) for key, value in _FIELD.findall(front)}


def _front_text(data: bytes) -> str:
    """A file's front matter, whole: a cut after a few kilobytes lost the ``slug:`` written after
    long ``tags:`` and ``actors:`` lines, and a re-import then moved the article to another URL."""
    data = data.removeprefix(b"\xef\xbb\xbf")  # (a byte order mark: before the "---" is looked for)
    end = data.find(b"\n---", 3) if data.startswith(b"---") else -1
    return as_read(data[:end if end >= 0 else len(data)].decode("utf-8", "replace"))


def _unquote(value: str) -> str:
    if value[:1] in ("'", '"'):
        try:
            loaded = yaml.safe_load(value)
        except yaml.YAMLError:
            return value.strip("'\"")
        return str(loaded)
    return value


class ContentIndex:
    """Existing articles by source id, by file path and by the URLs they take, read once per
    import: a file the importer writes must not take the URL of an article anywhere in
    content/ (an editor's content/editor/mine.md), or the next build fails."""

    def __init__(self, root: Path, settings: Settings, wanted: Callable[[bytes], bool] | None = None) -> None:
        """``wanted``: the files worth reading, by their bytes (``archive new`` asks about one day's
        URLs only: at 100,000 articles, reading every file's fields took it 12 s)."""
        self.root = root
        self.content = root / "content"
        self.by_source_id: dict[str, Existing] = {}
        self.by_path: dict[Path, Existing] = {}
        self.url_owners: dict[str, Path] = {}  # site path -> the file whose article takes it
        self.planned: dict[Path, str] = {}  # a dry run's files, as they would be written
        sources, _ = read_sources(root, self.content)
        for source in sources:
            if source.rel.startswith(("content/actors/", "content/tags/")) or (wanted and not wanted(source.data)):
                continue
            front = _front_text(source.data)
            fields = _front_fields(front)
            existing = Existing(root / source.rel, fields.get("title", ""), fields.get("date", ""),
                                fields.get("source_id", ""), fields.get("slug", ""),
                                fields.get("copy_hash", ""), "import_hash" in fields,
                                _site_paths(source, front, fields, settings))
            self.remember(existing)

    def remember(self, existing: Existing) -> None:
        before = self.by_path.get(existing.path)
        for url in before.urls if before else ():
            if self.url_owners.get(url) == existing.path:
                del self.url_owners[url]
        self.by_path[existing.path] = existing
        for url in existing.urls:
            self.url_owners.setdefault(url, existing.path)
        if existing.source_id:
            self.by_source_id[existing.source_id] = existing

    def url_owner(self, url: str, path: Path) -> Path | None:
        """The file other than ``path`` whose article takes the site path ``url``, if any."""
        owner = self.url_owners.get(url)
        return owner if owner != path else None


def _site_paths(source: SourceFile, front: str, fields: dict[str, str], settings: Settings) -> tuple[str, ...]:
    """The URL (and old URLs) of an article, as the build gives them. Read from the few fields
    that place it, which is quick; a file with aliases, or fields the quick reading cannot
    take, is validated as the build would (then a broken file takes no URL: the build reports it)."""
    quick = None if _ALIASES.search(front) else _quick_path(fields, settings.zone)
    if quick is not None:
        return (quick,)
    result = validate_source(source, settings)
    return (article_path(result), *alias_paths(result)) if isinstance(result, Article) else ()


def _quick_path(fields: dict[str, str], zone: ZoneInfo) -> str | None:
    slug = slugify(clean_text(fields.get("slug", "")) or clean_text(fields.get("title", "")))  # as the build reads them
    raw = fields.get("date", "")
    if not slug or not _ISO_DATE.match(raw):
        return None
    try:
        value = datetime.fromisoformat(raw.upper().replace("Z", "+00:00"))
        day = (value if value.tzinfo is None else value.astimezone(zone)).date()
    except (ValueError, OverflowError):
        return None
    return f"{day_path(day)}{slug}/"


def read_text(path: Path) -> str | None:
    try:
        return path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def may_overwrite(path: Path, force: bool) -> bool:
    text = read_text(path)
    return force or (text is not None and untouched(text))


def not_a_folder(root: Path, folder: Path) -> str | None:
    """Why files cannot be made in ``folder`` under ``root``: the first part of its path that
    exists but is no folder (``content/2024`` an editor's note), else None. Checked before
    writing so that a dry run reports what the import would, and one article fails, not all."""
    current = root
    for part in folder.relative_to(root).parts:
        current = current / part
        if os.path.lexists(current) and not current.is_dir():
            rel = current.relative_to(root).as_posix()
            return f"{rel} is a file, not a folder" if current.is_file() else f"{rel} is not a folder"
    return None


def write_atomic(path: Path, text: str) -> None:
    """Write through a temporary file in the same folder, then rename: never a half-written file.
    The temporary file is created as open() would create it (0o666 less the umask), not
    mkstemp's 0o600: imported files must be readable by whoever reads an editor's files."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
