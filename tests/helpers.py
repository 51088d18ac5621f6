"""Small helpers shared by the tests: fixture sites from dicts, tree snapshots, a link checker."""

from __future__ import annotations

import hashlib
import re
import textwrap
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from builder.errors import BuildFailed
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
    return build(BuildOptions(root=root, workers=1, **options))  # type: ignore[arg-type]


def build_errors(root: Path, **options: object) -> list[str]:
    """Build, expecting failure; returns the printed error lines."""
    try:
        build_site(root, **options)
    except BuildFailed as failed:
        return [str(e) for e in failed.errors]
    raise AssertionError("the build was expected to fail")


def snapshot(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` with the hash of its bytes (hidden files included)."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        for name in ("href", "src"):
            value = values.get(name)
            if value is not None and not (tag == "link" and values.get("rel") == "canonical"):
                self.links.append(value)


def broken_links(site: Path, base_path: str = "/") -> list[str]:
    """Every internal link and anchor in every HTML page that does not resolve to a file."""
    problems: list[str] = []
    pages = sorted(site.rglob("*.html"))
    parsed: dict[Path, _Links] = {}
    for page in pages:
        parser = _Links()
        parser.feed(page.read_text("utf-8"))
        parsed[page] = parser
    for page, parser in parsed.items():
        for link in parser.links:
            problem = _check_link(site, base_path, page, link, parsed)
            if problem:
                problems.append(f"{page.relative_to(site)}: {problem}")
    return problems


def _check_link(site: Path, base_path: str, page: Path, link: str,
                parsed: dict[Path, _Links]) -> str | None:
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        return None if parts.scheme in ("http", "https", "mailto") else f"unsafe link {link}"
    url, fragment = parts.path, parts.fragment
    if not url:
        target = page
    elif url.startswith("/"):
        if not url.startswith(base_path):
            return f"{link} is outside the base path {base_path}"
        target = site / unquote(url[len(base_path):])
    else:
        target = page.parent / unquote(url)
    if target.is_dir():
        target = target / "index.html"
    if not target.is_file():
        return f"{link} does not resolve"
    if fragment and target in parsed and fragment not in parsed[target].ids:
        return f"{link}: no element with id {fragment!r}"
    return None


def html_text(path: Path) -> str:
    return re.sub(r"\s+", " ", path.read_text("utf-8"))
