"""Shared by the hardening tests: case counters, build outcome checks, HTML inspection."""

from __future__ import annotations

import contextlib
import hashlib
import html
import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings

from builder.errors import BuildFailed
from builder.pipeline import BuildOptions, BuildResult, build

ROOT = Path(__file__).resolve().parents[2]  # the project checkout
FIXTURES = ROOT / "tests" / "importer" / "fixtures"
CASES: Counter[str] = Counter()  # printed at the end of the session by conftest.py
NOTES: dict[str, list[str]] = {}  # things worth reading in the summary (not failures)

# Hypothesis: no example database (nothing written into the checkout), no per-example deadline.
HYPOTHESIS = {"deadline": None, "database": None, "derandomize": False,
              "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large,
                                        HealthCheck.function_scoped_fixture]}


def hypothesis_settings(examples: int, **extra: Any) -> settings:
    return settings(max_examples=examples, **{**HYPOTHESIS, **extra})


def count(name: str, n: int = 1) -> None:
    CASES[name] += n


def note(section: str, text: str, limit: int = 20) -> None:
    shown = NOTES.setdefault(section, [])
    if len(shown) < limit and text not in shown:
        shown.append(text)


# -- build outcomes ------------------------------------------------------------------------------

PATH_LINE = re.compile(r"^[^:]+:\d+(:\d+)?: ")  # path:line[:column]: ...
PATH_ONLY = re.compile(r"^[^:]+: ")  # what SourceError prints when it knows no line (line 0)


def error_lines(failed: BuildFailed) -> list[str]:
    return [str(error) for error in failed.errors]


def check_errors(failed: BuildFailed, what: str, *, allow_line_zero: bool = True) -> list[str]:
    """Every error of a failed build names a file and a line (``path:line: ``). Errors whose line
    is unknown (0) print as ``path: message``: accepted here when ``allow_line_zero`` (the
    format itself is pinned by test_properties.test_every_error_names_its_line), and counted."""
    lines = error_lines(failed)
    assert lines, f"{what}: BuildFailed without any error"
    for error, text in zip(failed.errors, lines, strict=True):
        if PATH_LINE.match(text):
            continue
        if allow_line_zero and error.line == 0 and PATH_ONLY.match(text) and error.path:
            count(f"{what}: errors without a line (printed as path: message)")
            note("errors printed without a line", text[:160])
            continue
        raise AssertionError(f"{what}: error not in path:line form: {text!r}")
    return lines


def build_or_errors(root: Path, what: str, **options: Any) -> BuildResult | list[str]:
    """Build in process: the result, or the checked error lines. Any other exception propagates."""
    options.setdefault("search", False)
    options.setdefault("workers", 1)
    try:
        return build(BuildOptions(root=root, **options))
    except BuildFailed as failed:
        return check_errors(failed, what)


def assert_inside(folder: Path) -> None:
    """Every file below ``folder`` is a regular file or folder that resolves inside it."""
    top = folder.resolve()
    for path in folder.rglob("*"):
        assert not path.is_symlink(), path
        assert path.resolve().is_relative_to(top), path


def snapshot(folder: Path, skip: tuple[str, ...] = ()) -> dict[str, str]:
    """Every file below ``folder`` (hidden ones too) with the hash of its bytes."""
    result = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_file() and not rel.startswith(skip):
            result[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return result


def run_cli(*args: str, env: dict[str, str] | None = None, timeout: float = 180,
            ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "builder", *args], capture_output=True, text=True,
                          timeout=timeout, env=env, cwd=str(ROOT), check=False)


# -- HTML ----------------------------------------------------------------------------------------

class Page(HTMLParser):
    """Start tags with their (unescaped) attributes, the text of every element, and <h1>/<title>."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.stack: list[str] = []
        self.texts: list[str] = []
        self.h1s: list[str] = []
        self.title = ""
        self.script_texts: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        if tag == "h1":
            self.h1s.append("")
        if tag not in ("meta", "link", "br", "hr", "img", "input", "wbr", "source"):
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        top = self.stack[-1] if self.stack else ""
        if top == "script":
            self.script_texts.append(data)
            return
        if "h1" in self.stack:
            self.h1s[-1] += data
        if top == "title":
            self.title += data
        if "head" not in self.stack:
            self.texts.append(data)

    @property
    def h1(self) -> str:
        """The first <h1>: a page's own heading (a Markdown body may hold more)."""
        return self.h1s[0] if self.h1s else ""

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.texts).split())

    def elements(self, name: str) -> list[dict[str, str]]:
        return [attrs for tag, attrs in self.tags if tag == name]


def squash(text: str) -> str:
    return " ".join(text.split())


def unescape(text: str) -> str:
    return html.unescape(text)


# -- active content --------------------------------------------------------------------------------

SAFE_SCHEMES = frozenset({"", "http", "https", "mailto", "tel"})
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
OWN_SCRIPTS = re.compile(r"^/(?:[^?#]*/)?(?:pagefind/\d{4}(?:-\d\d)?/pagefind-ui\.js|assets/search\.js)$")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "poster", "data", "xlink:href", "background",
                  "cite", "srcset", "ping")
ACTIVE_TAGS = frozenset({"iframe", "object", "embed", "svg", "math", "base", "frame", "frameset", "applet",
                         "portal", "template", "style"})


def browser_scheme(url: str) -> str:
    """The scheme a browser sees (WHATWG URL parsing trims C0 controls and spaces and drops tabs and
    newlines anywhere), lowercased; "" for a relative URL."""
    cleaned = re.sub(r"[\t\n\r]", "", url.strip("".join(map(chr, range(0x21)))))
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else ""


def active_content(page: Page, name: str) -> list[str]:
    """Everything in one page that could run script: script elements (but the search page's own
    and JSON-LD data blocks), event handler attributes, unsafe URL schemes, script-capable tags."""
    problems = []
    for tag, attrs in page.tags:
        where = f"{name}: <{tag} {attrs}>"
        if tag == "script":
            if attrs == {"type": "application/ld+json"}:
                continue
            if name.endswith("search/index.html") and OWN_SCRIPTS.match(attrs.get("src", "")) \
                    and set(attrs) <= {"src", "defer"}:
                continue
            problems.append(f"script element: {where}")
        if tag in ACTIVE_TAGS:
            problems.append(f"active element: {where}")
        problems += [f"event handler {a}: {where}" for a in attrs if a.lower().startswith("on")]
        for attribute in URL_ATTRIBUTES:
            if attribute in attrs:
                urls = [u.strip().split(" ")[0] for u in attrs[attribute].split(",")] \
                    if attribute == "srcset" else [attrs[attribute]]
                problems += [f"{browser_scheme(u)}: URL in {attribute}: {where}" for u in urls
                             if browser_scheme(u) not in SAFE_SCHEMES]
        if tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
            target = re.sub(r"^\s*\d+\s*;\s*url\s*=\s*", "", attrs.get("content", ""), flags=re.I)
            if browser_scheme(target) not in SAFE_SCHEMES or target.startswith("//"):
                problems.append(f"refresh to {target!r}: {where}")
        if tag == "a" and attrs.get("href", "").startswith("//"):
            problems.append(f"protocol-relative link: {where}")
    for text in page.script_texts:
        if "<" in text:
            problems.append(f"{name}: '<' inside a script data block: {text[:120]!r}")
    return problems


def site_active_content(site: Path) -> list[str]:
    problems = []
    for path in sorted(site.rglob("*.html")):
        if "pagefind" in path.relative_to(site).parts:
            continue
        problems += active_content(Page(path.read_text("utf-8")), path.relative_to(site).as_posix())
    return problems


@contextlib.contextmanager
def serving(root: Path, log: Path) -> Iterator[str]:
    """``archive serve --watch`` for ``root`` as a real process on a free port, its output in
    ``log``: yields the base URL; the process group is stopped afterwards, killed if it hangs."""
    with open(log, "wb") as handle:
        process = subprocess.Popen([sys.executable, "-m", "builder", "serve", "--root", str(root), "--watch",
                                    "--port", "0"], stdout=handle, stderr=subprocess.STDOUT, cwd=str(ROOT),
                                   start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while "serving" not in log.read_text() and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.1)
        found = re.search(r"at (http://127\.0\.0\.1:\d+/)", log.read_text())
        assert found, log.read_text()
        yield found.group(1)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(30)
