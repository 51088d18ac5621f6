"""Imported copy is untrusted: no raw HTML by default, no dangerous URL schemes, everything escaped,
and no name or path from content can place a file outside the output folder."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.helpers import article, broken_links, build_errors, build_site, snapshot, write_files

ATOM = "{http://www.w3.org/2005/Atom}"
SAFE_SCHEMES = {"", "http", "https", "mailto", "tel"}
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


class Page(HTMLParser):
    """Every start tag with its (unescaped) attributes, and the text of <title>."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.title = ""
        self._in_title = False
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data

    def urls(self) -> list[str]:
        return [attrs[name] for _, attrs in self.tags for name in ("href", "src") if name in attrs]

    def elements(self, name: str) -> list[dict[str, str]]:
        return [attrs for tag, attrs in self.tags if tag == name]


def browser_scheme(url: str) -> str:
    """The scheme a browser sees (WHATWG URL parsing: trim C0 controls and spaces, drop tabs and
    newlines anywhere), lowercased; "" for a relative URL."""
    cleaned = re.sub(r"[\t\n\r]", "", url.strip("".join(map(chr, range(0x21)))))
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else ""


def html_pages(site: Path) -> dict[str, Page]:
    return {p.relative_to(site).as_posix(): Page(p.read_text("utf-8")) for p in sorted(site.rglob("*.html"))}


OWN_SCRIPTS = re.compile(r"^/(pagefind/\d{4}(?:-\d\d)?/pagefind-ui\.js|assets/search\.js)$")  # the search page's


def assert_no_active_content(site: Path) -> None:
    """No page has a script-capable element (but the search page's own scripts), an event handler
    or an unsafe URL."""
    for name, page in html_pages(site).items():
        for tag, attrs in page.tags:
            if tag == "script" and name == "search/index.html" and OWN_SCRIPTS.match(attrs.get("src") or ""):
                continue
            if tag == "script" and attrs == {"type": "application/ld+json"}:
                continue  # data, never run; test_json_ld_of_hostile_values_is_inert checks its text
            assert tag not in ("script", "img", "svg", "iframe", "object", "embed"), (name, tag, attrs)
            handlers = [a for a in attrs if a.startswith("on")]
            assert not handlers, (name, tag, attrs)
        for url in page.urls():
            assert browser_scheme(url) in SAFE_SCHEMES, (name, url)


def assert_inside(site: Path) -> None:
    top = site.resolve()
    for path in site.rglob("*"):
        assert not path.is_symlink(), path
        assert path.resolve().is_relative_to(top), path


def read(site: Path, path: str) -> str:
    target = site / path
    return (target / "index.html" if target.is_dir() else target).read_text("utf-8")


def only_page(site: Path, folder: str) -> str:
    pages = sorted(p for p in (site / folder).glob("*/index.html"))
    assert len(pages) == 1, pages
    return pages[0].read_text("utf-8")


# -- raw HTML -------------------------------------------------------------------------------------

RAW_HTML_BODY = "<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)> inline.\n"


def test_raw_html_is_escaped_by_default(tmp_path: Path) -> None:
    write_files(tmp_path, {"content/a.md": article("Raw HTML", body=RAW_HTML_BODY)})
    build_site(tmp_path)
    site = tmp_path / "site"
    html = read(site, "2024/05/01/raw-html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert_no_active_content(site)


def test_allow_html_lets_raw_html_through(tmp_path: Path) -> None:
    write_files(tmp_path, {"content/a.md": article("Raw HTML", body=RAW_HTML_BODY),
                           "pyproject.toml": "[tool.archive]\nallow_html = true\n"})
    build_site(tmp_path)
    page = Page(read(tmp_path / "site", "2024/05/01/raw-html"))
    assert page.elements("script")
    assert {"src": "x", "onerror": "alert(1)"} in page.elements("img")


# -- link schemes ---------------------------------------------------------------------------------

@pytest.mark.parametrize("markdown", [
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x](java&#x09;script:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "![x](data:image/png;base64,AAAA)",
    "[x](vbscript:msgbox(1))",
    "[x](file:///etc/passwd)",
    "<javascript:alert(1)>",
    "[x][ref]\n\n[ref]: javascript:alert(1)",
    "![x][img]\n\n[img]: data:image/svg+xml;base64,PHN2Zz4=",
])
@pytest.mark.parametrize("allow_html", [False, True], ids=["default", "allow_html"])
def test_dangerous_link_schemes_never_reach_href_or_src(tmp_path: Path, markdown: str,
                                                        allow_html: bool) -> None:
    body = f"Safe [control](https://example.org/ok) link.\n\n{markdown}\n"
    write_files(tmp_path, {"content/a.md": article("Links", body=body),
                           "pyproject.toml": f"[tool.archive]\nallow_html = {str(allow_html).lower()}\n"})
    build_site(tmp_path)
    site = tmp_path / "site"
    urls = [url for page in html_pages(site).values() for url in page.urls()]
    assert "https://example.org/ok" in urls  # the parser does see links in the body
    schemes = {browser_scheme(url) for url in urls}
    assert schemes <= SAFE_SCHEMES, schemes


def test_browser_scheme_sees_what_a_browser_sees() -> None:
    assert browser_scheme(" \x01java\tscript:alert(1)") == "javascript"
    assert browser_scheme("DATA:text/html,x") == "data"
    assert browser_scheme("java%09script:alert(1)") == ""
    assert browser_scheme("/2024/05/01/a/") == ""


# -- hostile front matter values -------------------------------------------------------------------

HOSTILE = {
    "title": "<img src=x onerror=alert(1)>",
    "summary": '"><script>alert(2)</script>',
    "source": "<b onmouseover=alert(3)>Wire</b>",
    "source_id": "</span><script>alert(4)</script>",
    "tag": "<svg onload=alert(5)>",
    "actor": "<iframe src=javascript:alert(6)>",
}


EVERY_ACTOR_PAGED = "[tool.archive]\nactor_page_min = 1\n"  # actors named once get pages too


def _yaml(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def test_hostile_values_are_escaped_everywhere(tmp_path: Path) -> None:
    write_files(tmp_path, {"pyproject.toml": EVERY_ACTOR_PAGED, "content/a.md": article(
        _yaml(HOSTILE["title"]), summary=_yaml(HOSTILE["summary"]), source=_yaml(HOSTILE["source"]),
        source_id=_yaml(HOSTILE["source_id"]), tags=f"[{_yaml(HOSTILE['tag'])}]",
        actors=f"[{_yaml(HOSTILE['actor'])}]")})
    build_site(tmp_path)
    site = tmp_path / "site"
    assert_no_active_content(site)
    for path in sorted(site.rglob("*")):
        if path.suffix in (".html", ".xml"):
            text = path.read_text("utf-8")
            for value in HOSTILE.values():
                assert value not in text, (path, value)

    escaped_title = "&lt;img src=x onerror=alert(1)&gt;"
    article_html = read(site, "2024/05/01/img-src-x-onerror-alert-1")
    pages = {"article": article_html, "home": read(site, ""), "tag": only_page(site, "tags"),
             "actor": only_page(site, "actors"), "day": read(site, "2024/05/01")}
    for name, html in pages.items():
        assert escaped_title in html, name
    assert Page(article_html).title == HOSTILE["title"] + " \u00b7 News Archive"
    page_text = re.sub(r"\s+", " ", article_html)
    assert "&lt;b onmouseover=alert(3)&gt;Wire&lt;/b&gt;" in page_text
    assert "&lt;/span&gt;&lt;script&gt;alert(4)&lt;/script&gt;" in page_text
    metas = Page(article_html).elements("meta")
    description = [a["content"] for a in metas if a.get("name") == "description"]
    assert description == [HOSTILE["summary"]]

    feed = ET.fromstring((site / "feed.xml").read_bytes())
    entry = feed.find(f"{ATOM}entry")
    assert entry is not None
    assert entry.findtext(f"{ATOM}title") == HOSTILE["title"]
    assert entry.findtext(f"{ATOM}summary") == HOSTILE["summary"]
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == HOSTILE["source"]
    assert [c.get("term") for c in entry.iter(f"{ATOM}category")] == [HOSTILE["tag"]]


def test_hostile_profile_text_is_escaped(tmp_path: Path) -> None:
    write_files(tmp_path, {
        "content/a.md": article("Profiled", tags="[NATO]"),
        "content/tags/nato.md": "---\nname: NATO\ndescription: '<script>alert(7)</script>'\n"
                                "aliases: ['<img src=x onerror=alert(8)>']\n---\n"
                                "<script>alert(9)</script> [x](javascript:alert(10))\n",
    })
    build_site(tmp_path)
    site = tmp_path / "site"
    html = read(site, "tags/nato")
    for number in (7, 9):
        assert f"&lt;script&gt;alert({number})&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(8)&gt;" in html
    assert_no_active_content(site)


# -- URLs in front matter ---------------------------------------------------------------------------

@pytest.mark.parametrize(("field", "value"), [
    ("source_url", "javascript:alert(1)"),
    ("source_url", "JavaScript:alert(1)"),
    ("source_url", '"\\tjavascript:alert(1)"'),
    ("source_url", "' javascript:alert(1)'"),
    ("source_url", "'data:text/html,<script>alert(1)</script>'"),
    ("source_url", "vbscript:msgbox(1)"),
    ("source_url", "file:///etc/passwd"),
    ("image", "data:image/png;base64,AAAA"),
    ("image", "javascript:alert(1)"),
])
def test_unsafe_url_in_front_matter_is_rejected(tmp_path: Path, field: str, value: str) -> None:
    write_files(tmp_path, {"content/a.md": article("Unsafe URL", **{field: value})})
    errors = build_errors(tmp_path)
    assert [e for e in errors if e.startswith("content/a.md:4:") and f" {field}: " in e
            and "not a safe URL" in e], errors
    assert not (tmp_path / "site").exists()


def test_safe_source_url_is_linked(tmp_path: Path) -> None:
    write_files(tmp_path, {"content/a.md": article("Linked", source_url="'https://example.org/a?b=1&c=<2>'")})
    build_site(tmp_path)
    html = read(tmp_path / "site", "2024/05/01/linked")
    # Percent-encoded, as links in the body are: '<' and '>' are no URL characters ("Bad value for
    # attribute href: Illegal character in query", said the Nu HTML Checker).
    assert "https://example.org/a?b=1&c=%3C2%3E" in Page(html).urls()
    assert 'href="https://example.org/a?b=1&amp;c=%3C2%3E"' in html


def test_source_and_image_urls_are_written_as_body_links_are(tmp_path: Path) -> None:
    write_files(tmp_path, {"content/a.md": article(
        "Linked", source_url="'https://example.org/a b?q=\"x\"&r=[1]'", image="'https://example.org/i m.png'",
        body="[Same](<https://example.org/a b?q=\"x\"&r=[1]>)")})
    build_site(tmp_path)
    page = Page(read(tmp_path / "site", "2024/05/01/linked"))
    assert page.urls().count("https://example.org/a%20b?q=%22x%22&r=%5B1%5D") == 2  # body and source
    assert [m["content"] for m in page.elements("meta") if m.get("property") == "og:image"] == [
        "https://example.org/i%20m.png"]


def test_site_paths_in_image_and_source_url_go_under_the_base_path(tmp_path: Path) -> None:
    """They were written as given: og:image "/images/photo.jpg" (Open Graph needs an absolute URL;
    the file is at /repo/images/photo.jpg) and href="/archive/original.html", outside /repo/."""
    base = "https://user.github.io/repo/"
    write_files(tmp_path, {
        "content/a.md": article("Linked", image="/images/photo.jpg", source_url="/archive/original.html"),
        "static/images/photo.jpg": b"jpeg", "static/archive/original.html": "<p>The original.</p>"})
    build_site(tmp_path, base_url=base, search=False)
    text = read(tmp_path / "site", "2024/05/01/linked")
    page = Page(text)
    assert [m["content"] for m in page.elements("meta") if m.get("property") == "og:image"] == [
        f"{base}images/photo.jpg"]
    [json_ld] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', text)
    assert json.loads(json_ld)["image"] == f"{base}images/photo.jpg"
    assert "/repo/archive/original.html" in page.urls()
    assert broken_links(tmp_path / "site", base) == []


@pytest.mark.parametrize(("field", "value", "problem"), [
    ("image", "photo.jpg", "'photo.jpg' is relative, so each page showing it would name another file; "
                           "use an http(s) address or a site path such as /images/photo.jpg"),
    ("source_url", "original.html", "'original.html' is relative, so each page showing it would name "
                                    "another file; use an http(s) address or a site path such as "
                                    "/archive/original.html"),
    ("image", "//cdn.example/p.png", "'//cdn.example/p.png' is protocol-relative (it names a host, not a path)"),
    ("image", "/a/../p.png", "'/a/../p.png' has '.', '..' or backslashes in its path"),
    ("source_url", "mailto:desk@example.org", "'mailto:desk@example.org' is not an http(s) address"),
])
def test_image_and_source_url_are_addresses_or_site_paths(tmp_path: Path, field: str, value: str,
                                                          problem: str) -> None:
    """A relative image gave og:image "photo.jpg"; what it meant depended on the page showing it."""
    write_files(tmp_path, {"content/a.md": article("Linked", **{field: value})})
    [error] = build_errors(tmp_path)
    assert error.startswith(f"content/a.md:4:{len(field) + 3}: {field}: {problem}"), error


# -- paths --------------------------------------------------------------------------------------------

TRICKY_NAMES = ["../../etc", "..", ".", "/", "..\\..\\windows", "%2e%2e/%2e%2e/x"]


def test_tag_and_actor_names_cannot_leave_the_output_folder(tmp_path: Path) -> None:
    outer = tmp_path / "outer"
    names = "[" + ", ".join(_yaml(n) for n in TRICKY_NAMES) + "]"
    write_files(outer, {"project/pyproject.toml": EVERY_ACTOR_PAGED,
                        "project/content/a.md": article("Paths", tags=names, actors=names)})
    before = {p.relative_to(outer).as_posix() for p in outer.rglob("*")}
    build_site(outer / "project")
    site = outer / "project" / "site"
    after = {p.relative_to(outer).as_posix() for p in outer.rglob("*")}
    written = {p for p in after - before if not p.startswith(("project/site", "project/.archive-cache"))}
    assert written == set()
    assert_inside(site)
    for folder in ("tags", "actors"):
        pages = sorted(site.glob(f"{folder}/*/index.html"))
        assert len(pages) == len(TRICKY_NAMES), pages
        headings = {h for p in pages for h in re.findall(r"<h1[^>]*>(.*?)</h1>", p.read_text("utf-8"))}
        assert headings == set(TRICKY_NAMES)  # one page each, "../../etc" and ".." included
    assert broken_links(site) == []


@pytest.mark.parametrize("alias", [
    "/../../outside/", "../outside", "/a/../../b/", "/..", "'\\..\\outside\\'", "javascript:alert(1)",
    "https://evil.example/x/", "/",
])
def test_alias_outside_the_site_is_refused(tmp_path: Path, alias: str) -> None:
    write_files(tmp_path, {"project/content/a.md": article("Moved", aliases=f"[{alias}]")})
    errors = build_errors(tmp_path / "project")
    assert [e for e in errors if e.startswith("content/a.md:4:") and " aliases: " in e], errors
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project"]
    assert not (tmp_path / "project" / "site").exists()


def test_alias_inside_the_site_redirects(tmp_path: Path) -> None:
    write_files(tmp_path, {"content/a.md": article("Moved", aliases="[/2019/old-title/]")})
    build_site(tmp_path)
    page = Page(read(tmp_path / "site", "2019/old-title"))
    refresh = [a["content"] for a in page.elements("meta") if a.get("http-equiv") == "refresh"]
    assert refresh == ["0; url=/2024/05/01/moved/"]


@pytest.mark.parametrize("alias", ["/feed.xml", "/404.html", "/assets/style.css"])
def test_alias_on_a_generated_file_is_an_error(tmp_path: Path, alias: str) -> None:
    write_files(tmp_path, {"content/a.md": article("Moved", aliases=f"[{alias}]")})
    errors = build_errors(tmp_path)
    assert [e for e in errors if e.startswith("content/a.md") and alias in e], errors


def test_alias_on_a_generated_file_gives_no_traceback_in_cli(tmp_path: Path) -> None:
    write_files(tmp_path, {"content/a.md": article("Moved", aliases="[/feed.xml]")})
    result = subprocess.run([sys.executable, "-m", "builder", "build", "--root", str(tmp_path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr, result.stderr
    assert "content/a.md" in result.stderr


@pytest.mark.parametrize("alias", ["/tags/", "/2024/05/01/"])
def test_alias_on_a_generated_page_is_an_error(tmp_path: Path, alias: str) -> None:
    write_files(tmp_path, {"content/a.md": article("Moved", tags="[NATO]", aliases=f"[{alias}]")})
    errors = build_errors(tmp_path)
    assert [e for e in errors if e.startswith("content/a.md") and alias in e], errors


# -- control characters ---------------------------------------------------------------------------

def test_control_characters_in_body_keep_the_feed_well_formed(tmp_path: Path) -> None:
    write_files(tmp_path, {"content/a.md": article("Control", body="Wire \x01copy\x08 with \x1b[31m codes.")})
    build_site(tmp_path)
    site = tmp_path / "site"
    feed = ET.fromstring((site / "feed.xml").read_bytes())
    summary = feed.findtext(f"{ATOM}entry/{ATOM}summary") or ""
    assert "copy" in summary
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", summary)


def test_output_is_unchanged_by_a_failed_hostile_build(tmp_path: Path) -> None:
    write_files(tmp_path, {"content/a.md": article("Fine")})
    build_site(tmp_path)
    before = snapshot(tmp_path / "site")
    write_files(tmp_path, {"content/b.md": article("Evil", source_url="javascript:alert(1)",
                                                   aliases="[/../../outside/]")})
    errors = build_errors(tmp_path)
    assert any(" source_url: " in e for e in errors) and any(" aliases: " in e for e in errors)
    assert snapshot(tmp_path / "site") == before
    assert not list(tmp_path.glob(".site.*"))


def test_json_ld_of_hostile_values_is_inert(tmp_path: Path) -> None:
    hostile = "</script><script>alert(1)</script><!--"
    write_files(tmp_path, {"content/a.md": article(_yaml(hostile), "2024-05-01T10:00:00Z",
                                                   actors=f"[{_yaml(hostile)}]", summary=_yaml(hostile))})
    build_site(tmp_path, search=False)
    page = next((tmp_path / "site" / "2024" / "05" / "01").glob("*/index.html")).read_text("utf-8")
    data = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert data is not None and "<" not in data.group(1)
    parsed = json.loads(data.group(1))
    assert parsed["headline"] == hostile and parsed["about"][0]["name"] == hostile


# -- invisible characters in titles and names -------------------------------------------------------

def test_invisible_characters_in_titles_and_names_are_dropped_or_kept_as_words_need(tmp_path: Path) -> None:
    """Found by a probe: every format character became a space, so a soft hyphen split
    "Wash-ington" in two, Persian lost the zero-width non-joiner it writes inside words (and
    emoji their joiner); the bidi overrides, embeddings and isolates that reorder how a title
    reads (Trojan Source) are dropped as before, and a joiner makes no second actor of a name."""
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # "I want": ZWNJ after its prefix
    title = f"Wash\u00adington \u202egnissim\u202c {persian} \u200bnow \u2066isolated\u2069 \U0001F468\u200d\U0001F469"
    write_files(tmp_path, {"content/a.md": article(_yaml(title), actors="['NA\u200dTO', NATO]",
                                                   summary=_yaml("x\u00ady \u200fz")),
                           "pyproject.toml": EVERY_ACTOR_PAGED})
    build_site(tmp_path, search=False)
    site = tmp_path / "site"
    page = read(site, next((site / "2024" / "05" / "01").iterdir()).relative_to(site).as_posix())
    feed = ET.fromstring((site / "feed.xml").read_bytes())
    shown = feed.findtext(f"{ATOM}entry/{ATOM}title")
    assert shown == f"Washington gnissim {persian} now isolated \U0001F468\u200d\U0001F469"
    assert feed.findtext(f"{ATOM}entry/{ATOM}summary") == "xy \u200fz"  # a direction mark is kept
    assert shown in page and not re.search("[\u00ad\u200b\u202a-\u202e\u2066-\u2069]", page)
    assert [p.name for p in (site / "actors").iterdir() if p.is_dir()] == ["nato"]
