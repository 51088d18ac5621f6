"""The search index: Pagefind (from PyPI's pagefind-bin), one bundle per year of articles and
one for the newest month (builder.indexes.search_shards).

Only article pages carry ``data-pagefind-body``, so index, tag and actor pages stay out of the
results; filters (actor, tag, year, source), metadata and the date sort come from attributes in
the article layout.

Why shards: one Pagefind index of 100,000 pages needs more memory than this machine has, and
re-indexing everything for one edited article takes minutes. Each shard is indexed on its own
(``pagefind/2024/``, ``pagefind/2025/``, ``pagefind/2025-11/``...), from a scratch folder of hard
links to its article pages, and cached by a hash of those pages: an edit re-indexes one year
(or the newest month), a new article the newest month.
The search page loads the newest bundle and merges the others (Pagefind's ``mergeIndex``).
Reuse also keeps rebuilds byte-identical: Pagefind's filter files are not byte-stable between
two runs over the same pages (its maps are unordered).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from pathlib import Path

from builder.cache import newest_first
from builder.errors import SourceError

BUNDLE = "pagefind"


_UNUSED = ("pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.")
_PRIMARY_ONLY = ("pagefind-ui.", "pagefind.js", "pagefind-worker.js", "wasm.")


def is_unused(name: str) -> bool:
    """Pagefind's component and modular UIs and its highlight script: the search page uses the
    default UI and no page highlights terms (283 kB a bundle)."""
    return name.startswith(_UNUSED)


def is_primary_only(name: str) -> bool:
    """Pagefind's UI, its script, worker and WebAssembly: a bundle that is only merged into
    another's search never loads them (mergeIndex runs on the first bundle's code and
    WebAssembly), and they are 226 kB a bundle, 0.6 kB an article at 10,000 articles."""
    return name.startswith(_PRIMARY_ONLY) or is_unused(name)


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


def shard_digest(page_keys: Sequence[str]) -> str:
    """A hash of what Pagefind reads of a shard's pages: the builder gives, for each page, a key
    of the view data the article element shows (not of neighbour links or related articles
    around it, so a new article next door does not make a year be indexed again)."""
    digest = hashlib.sha256(_version().encode())
    for key in sorted(page_keys):
        digest.update(key.encode() + b"\0")
    return digest.hexdigest()[:32]


def index_shards(shards: Mapping[str, Sequence[str]], keys: Mapping[str, Sequence[str]],
                 cache: Path, workers: int, known: Mapping[str, str], locate: Callable[[str], Path],
                 ) -> tuple[dict[str, str], dict[str, Path], int]:
    """Bundles for every shard: ``{name: [site path, ...]}`` with the page keys of each, and where
    a page's file is -> (digest per shard, bundle folder per shard, shards indexed now).
    ``known`` holds the digests of bundles already in place."""
    digests = {name: shard_digest(keys[name]) for name in shards}
    missing = [name for name in sorted(shards)
               if not (cache / digests[name] / "pagefind-entry.json").is_file()]

    def run(name: str) -> None:
        _index_one([(path, locate(path)) for path in shards[name]], cache / digests[name])

    with ThreadPoolExecutor(max(1, min(workers, len(missing) or 1))) as pool:
        list(pool.map(run, missing))
    _forget_unused(cache, set(digests.values()) | set(known.values()), keep=len(digests))
    return digests, {name: cache / digest for name, digest in digests.items()}, len(missing)


def _index_one(pages: Sequence[tuple[str, Path]], bundle: Path) -> None:
    """Index one shard: its pages as Pagefind reads them (search_copy, else a hard link) in a
    scratch folder, Pagefind, bundle to cache."""
    bundle.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".shard-", dir=bundle.parent) as scratch:
        site = Path(scratch) / "site"
        for site_path, file in pages:
            target = site / site_path / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            copy = search_copy(file.read_bytes())
            if copy is not None:
                target.write_bytes(copy)
                continue
            try:
                os.link(file, target)
            except OSError:
                shutil.copyfile(file, target)
        _run_pagefind(site)
        shutil.rmtree(bundle, ignore_errors=True)
        os.rename(site / BUNDLE, bundle)


_BODY_MARK = b"data-pagefind-body"
_TAG_NAME = re.compile(rb"<([a-zA-Z][a-zA-Z0-9-]*)")
_TITLE = re.compile(rb"<title[\s>].*?</title>", re.DOTALL)


def search_copy(page: bytes) -> bytes | None:
    """The page as Pagefind needs it: its ``<html>`` tag (the language), its title, and the
    ``data-pagefind-body`` element in ``<body ...>``, without the metadata of the head nor the
    navigation, related lists and footer around the element. Pagefind parses every byte: an
    article page of 13.4 kB cut to 6 kB is indexed with 12% less CPU, into the same fragment.

    None (index the page as it is) unless the cut is certain: one ``<html``, ``<body`` and mark,
    an element whose tag opens and closes once in the whole page (so no nesting, comment or raw
    HTML can end it early), and no ``data-pagefind`` attribute outside it; the head is kept
    whole when it has one (a layout may take a filter or metadata from there)."""
    if page.count(_BODY_MARK) != 1 or page.count(b"<body") != 1 or page.count(b"<html") != 1:
        return None
    html = page.find(b">", page.find(b"<html")) + 1
    body_tag = page.find(b"<body")
    body = page.find(b">", body_tag) + 1
    start = page.rfind(b"<", 0, page.find(_BODY_MARK))
    name = _TAG_NAME.match(page, start)
    if not 0 < html <= body_tag < body <= start or name is None:
        return None
    opening = re.compile(rb"<" + re.escape(name.group(1)) + rb"[\s>/]")
    closing = b"</" + name.group(1) + b">"
    if len(opening.findall(page)) != 1 or page.count(closing) != 1:
        return None
    end = page.find(closing) + len(closing)
    if end < start or b"data-pagefind" in page[body:start] or b"data-pagefind" in page[end:]:
        return None
    if b"data-pagefind" in page[:body_tag]:
        head = page[:body_tag]
    else:
        title = _TITLE.search(page, html, body_tag)
        head = page[:html] + b"<head>" + (title.group(0) if title else b"") + b"</head>"
    return head + page[body_tag:body] + page[start:end] + b"</body></html>\n"


def _forget_unused(cache: Path, used: set[str], keep: int) -> None:
    """Bundles no longer in use (a shard's version before an edit, the other side of --drafts)
    stay for a quick undo, the last used first, but no more of them than ``keep`` (the number of
    shards): at 100,000 articles a year's bundle is 12 MB, and keeping 60 whatever the size had
    made the search cache 1.8 GB."""
    folders = [p for p in cache.iterdir() if p.is_dir()] if cache.is_dir() else []
    for scratch in (p for p in folders if p.name.startswith(".shard-")):  # a killed build's (all indexing is done)
        shutil.rmtree(scratch, ignore_errors=True)
    entries = [p for p in folders if not p.name.startswith(".")]
    for bundle in entries:
        if bundle.name in used:
            with suppress(OSError):
                os.utime(bundle)  # last used now
    unused = newest_first(p for p in entries if p.name not in used)
    for stale in unused[keep:]:
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


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("pagefind-bin")
    except Exception:  # any failure only means "unknown version"
        return "unknown"


def _last_lines(text: str, count: int = 8) -> str:
    return " | ".join(line.strip() for line in text.splitlines()[-count:] if line.strip())


def _error(message: str) -> SourceError:
    return SourceError("search index", 0, 0, "", message)
