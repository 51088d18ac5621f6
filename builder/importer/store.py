"""The content folder as the importer sees it: which files hold which articles, and safe writes.

The importer never overwrites a file an editor changed since import (its ``import_hash`` no
longer matches) unless forced, and writes through a temporary file and a rename.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from builder.importer.emit import untouched
from builder.source import read_sources

_FIELD = re.compile(r"^(title|date|source_id|slug):[ \t]*(.*?)[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Existing:
    path: Path
    title: str
    date: str
    source_id: str
    slug: str


def _front_fields(text: str) -> dict[str, str]:
    """The few fields the importer matches on, as text exactly as written (quotes undone)."""
    if not text.startswith("---"):
        return {}
    front = text.split("\n---", 2)[0]
    return {key: _unquote(value) for key, value in _FIELD.findall(front)}


def _unquote(value: str) -> str:
    if value[:1] in ("'", '"'):
        try:
            loaded = yaml.safe_load(value)
        except yaml.YAMLError:
            return value.strip("'\"")
        return str(loaded)
    return value


class ContentIndex:
    """Existing articles by source id and by file path, read once per import."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.content = root / "content"
        self.by_source_id: dict[str, Existing] = {}
        self.by_path: dict[Path, Existing] = {}
        sources, _ = read_sources(root, self.content)
        for source in sources:
            if source.rel.startswith(("content/actors/", "content/tags/")):
                continue
            fields = _front_fields(source.data[:8192].decode("utf-8", "replace"))
            existing = Existing(root / source.rel, fields.get("title", ""), fields.get("date", ""),
                                fields.get("source_id", ""), fields.get("slug", ""))
            self.remember(existing)

    def remember(self, existing: Existing) -> None:
        self.by_path[existing.path] = existing
        if existing.source_id:
            self.by_source_id[existing.source_id] = existing


def read_text(path: Path) -> str | None:
    try:
        return path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def may_overwrite(path: Path, force: bool) -> bool:
    text = read_text(path)
    return force or (text is not None and untouched(text))


def write_atomic(path: Path, text: str) -> None:
    """Write through a temporary file in the same folder, then rename: never a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
