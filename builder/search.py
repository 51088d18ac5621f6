"""The search index: Pagefind (from PyPI's pagefind-bin) run over the staged site.

Only article pages carry ``data-pagefind-body``, so index, tag and actor pages stay out of the
results; filters (actor, tag, year, source), metadata and the date sort come from attributes
in the article layout.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

from builder.errors import SourceError

BUNDLE = "pagefind"


class SearchFailed(Exception):
    def __init__(self, error: SourceError) -> None:
        self.error = error
        super().__init__(str(error))


def pagefind_executable() -> Path:
    try:
        from pagefind_bin import get_executable
    except ImportError as exc:  # pragma: no cover - a broken install
        raise SearchFailed(_error(f"pagefind-bin is not installed ({exc}); reinstall the package "
                                  "or build with --no-search")) from None
    return Path(get_executable())


def index_site(folder: Path, cache: Path | None = None) -> bool:
    """Index ``folder`` in place (the bundle goes to ``folder/pagefind``).

    The bundle is cached under ``cache`` by a hash of every HTML page, and reused when no page
    changed: indexing is the slowest step, and Pagefind's filter files are not byte-stable
    between runs over the same pages (its maps are unordered), so reuse also keeps a rebuild
    byte-identical. Returns True when the cached bundle was reused.
    """
    key = _pages_digest(folder)
    cached = cache / key if cache else None
    if cached and (cached / "pagefind-entry.json").is_file():
        _link_tree(cached, folder / BUNDLE)
        return True
    _run_pagefind(folder)
    if cache and cached:
        _store(folder / BUNDLE, cache, cached)
    return False


def _pages_digest(folder: Path) -> str:
    digest = hashlib.sha256(_version().encode())
    for path in sorted(folder.rglob("*.html")):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:32]


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("pagefind-bin")
    except Exception:  # noqa: BLE001 - any failure just means "unknown version"
        return "unknown"


def _link_tree(source: Path, target: Path) -> None:
    """Hard links where possible (no copy, and the Pages artifact accepts them), else copies."""
    for path in sorted(source.rglob("*")):
        destination = target / path.relative_to(source)
        if path.is_dir():
            destination.mkdir(parents=True, exist_ok=True)
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, destination)
        except OSError:
            shutil.copy2(path, destination)


def _store(bundle: Path, cache: Path, entry: Path) -> None:
    """Keep this bundle (and the previous one, for a quick undo) in the cache."""
    temporary = cache / f".{entry.name}.tmp-{os.getpid()}"
    shutil.rmtree(temporary, ignore_errors=True)
    _link_tree(bundle, temporary)
    shutil.rmtree(entry, ignore_errors=True)
    os.rename(temporary, entry)
    entry.touch()
    old = sorted((p for p in cache.iterdir() if p.is_dir() and not p.name.startswith(".")),
                 key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for stale in old[2:]:
        shutil.rmtree(stale, ignore_errors=True)


def _run_pagefind(folder: Path) -> None:
    command = [str(pagefind_executable()), "--site", str(folder), "--output-subdir", BUNDLE]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=3600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchFailed(_error(f"could not run Pagefind: {exc}")) from None
    output = (done.stdout + done.stderr).strip()
    if done.returncode != 0 or "Error:" in output:
        raise SearchFailed(_error(f"Pagefind failed (exit {done.returncode}): {_last_lines(output)}"))


def _last_lines(text: str, count: int = 8) -> str:
    return " | ".join(line.strip() for line in text.splitlines()[-count:] if line.strip())


def _error(message: str) -> SourceError:
    return SourceError("search index", 0, 0, "", message)
