"""Small helpers shared by the tests: fixture sites from dicts, tree snapshots, a link checker."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import signal
import textwrap
from collections.abc import Iterator
from pathlib import Path

from builder.errors import BuildFailed
from builder.linkcheck import check_links
from builder.pipeline import BuildOptions, BuildResult, build


def write_files(root: Path, files: dict[str, str | bytes]) -> Path:
    """Create ``{"content/a.md": "...", "layouts/x.html": "..."}`` under ``root``."""
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(textwrap.dedent(data).lstrip("\n"), encoding="utf-8")
    return root


def article(title: str = "A title", date: str = "2024-05-01T10:00:00Z", body: str = "Body text.",
            **fields: str) -> str:
    """An article file's text; ``fields`` are extra front matter lines given as YAML text."""
    lines = ["---"]
    if title is not None:
        lines.append(f"title: {title}")
    if date is not None:
        lines.append(f"date: {date}")
    lines += [f"{key}: {value}" for key, value in fields.items()]
    lines += ["---", "", body, ""]
    return "\n".join(lines)


def build_site(root: Path, **options: object) -> BuildResult:
    options.setdefault("workers", 1)
    return build(BuildOptions(root=root, **options))  # type: ignore[arg-type]


def build_errors(root: Path, **options: object) -> list[str]:
    """Build, expecting failure; returns the printed error lines."""
    try:
        build_site(root, **options)
    except BuildFailed as failed:
        return [str(e) for e in failed.errors]
    raise AssertionError("the build was expected to fail")


def site_files(folder: Path) -> Iterator[tuple[str, str]]:
    """Every file below ``folder`` (hidden files included): its path relative to it, and its
    path. (os.walk: pathlib's rglob, is_file and relative_to took a third of a rebuild walk.)"""
    for top, _, names in os.walk(folder):
        rel_top = os.path.relpath(top, folder)
        for name in names:
            path = os.path.join(top, name)
            if os.path.isfile(path):
                yield (name if rel_top == "." else f"{rel_top}/{name}"), path


def snapshot(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` with the hash of its bytes (hidden files included)."""
    return {rel: hashlib.sha256(Path(path).read_bytes()).hexdigest() for rel, path in site_files(folder)}


def mtimes(folder: Path) -> dict[str, int]:
    """Every file below ``folder`` with its mtime in nanoseconds."""
    return {rel: os.stat(path).st_mtime_ns for rel, path in site_files(folder)}


def broken_links(site: Path, base_path: str = "/") -> list[str]:
    """Every internal link and anchor in every HTML page that does not resolve, as
    ``<page>: <link>: <reason>`` (the crawler of ``archive check --links``)."""
    return [str(problem) for problem in check_links(site, base_path)]


def html_text(path: Path) -> str:
    return re.sub(r"\s+", " ", path.read_text("utf-8"))


def searchable_pages(site: Path) -> dict[str, dict[str, object]]:
    """What a search of the built site can find: ``{url: Pagefind's record of the page}`` over every
    bundle, without the stale pages that ``pagefind/patch.json`` hides, the patch's pages winning."""
    folder = site / "pagefind"
    hidden = json.loads((folder / "patch.json").read_text())["hidden"]
    bundles = sorted((p for p in folder.iterdir() if p.is_dir()), key=lambda p: p.name == "patch")
    pages: dict[str, dict[str, object]] = {}
    for bundle in bundles:
        for fragment in sorted((bundle / "fragment").iterdir()):
            page_id = fragment.name.removesuffix(".pf_fragment")
            if page_id in hidden and bundle.name != "patch":
                continue
            record = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
            assert record["url"] not in pages or bundle.name == "patch", f"{record['url']} twice"
            pages[record["url"]] = record
    return pages


class RecordedProgress:
    """A progress display that writes down what it is told."""

    def __init__(self) -> None:
        self.steps: list[tuple[str, int, int]] = []  # (label, total, advanced)

    def start(self, label: str, total: int) -> None:
        self.steps.append((label, total, 0))

    def advance(self, count: int = 1) -> None:
        label, total, done = self.steps[-1]
        self.steps[-1] = (label, total, done + count)

    def stop(self) -> None:
        pass


def ctrl_c_state() -> str:
    """What keeps Ctrl-C from reaching this process as Python sets it up ("" when nothing does):
    tests of Ctrl-C say so first, rather than only that no KeyboardInterrupt came."""
    handler = signal.getsignal(signal.SIGINT)
    blocked = signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, set())
    if handler is signal.default_int_handler and not blocked:
        return ""
    return f"SIGINT handler {handler!r}, blocked in this thread: {blocked}"


def pagefind_processes(under: Path) -> list[int]:
    """Pagefind processes indexing a folder below ``under``."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            command = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if any(b"pagefind" in part for part in command[:1]) and any(str(under).encode() in p for p in command):
            found.append(int(entry.name))
    return found
