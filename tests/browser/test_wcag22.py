"""WCAG 2.2 AA criteria that axe-core does not check, measured in headless Chromium on every kind of
page: target size (2.5.8), text spacing (1.4.12), focus not obscured (2.4.11), focus visible and the
contrast of focus rings and input borders (2.4.7, 1.4.11), and the print stylesheet."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from builder.gen import generate_corpus
from tests.browser.conftest import serve
from tests.helpers import article, build_site, write_files

pytestmark = pytest.mark.slow

# The WCAG text-spacing bookmarklet, as the Understanding document for 1.4.12 gives it.
TEXT_SPACING = """* { line-height: 1.5 !important; letter-spacing: .12em !important; word-spacing: .16em !important; }
p { margin-bottom: 2em !important; }"""
WIDTHS = (320, 1280)
KINDS = ("home", "home-page", "article", "actor", "actors", "actors-letter", "tag", "tag-page", "tags",
         "year", "month", "day", "search", "404")

# Measures, injected into each page: what is hidden from sight is skipped (visually-hidden text,
# Pagefind's own hidden legends: a 1 px box that clips its content).
MEASURE = r"""
window.wcag = {
  shown(el) {
    for (let e = el; e && e !== document.body; e = e.parentElement) {
      const cs = getComputedStyle(e), r = e.getBoundingClientRect();
      if (cs.display === 'none' || cs.visibility === 'hidden') return false;
      if (r.width <= 1 || r.height <= 1) return false;
    }
    return el.getClientRects().length > 0;
  },
  name(el) {
    const text = (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ');
    return el.tagName.toLowerCase() + (el.className && typeof el.className === 'string'
      ? '.' + el.className.trim().split(/\s+/)[0] : '') + (text ? ` "${text.slice(0, 30)}"` : '');
  },
  targets() {
    return [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary')]
      .filter(el => el.classList.contains('skip') || this.shown(el));
  },
  // A link inside a sentence or a line of text is excepted (its size is the text's).
  inline(el) {
    const cs = getComputedStyle(el);
    if (cs.display !== 'inline') return false;
    let block = el.parentElement;
    while (block && getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
    return block.textContent.trim().length - el.textContent.trim().length > 3;
  },
  // 2.5.8: at least 24 x 24, or a 24 px circle on its centre meets no other target nor the
  // circle of another small one.
  smallTargets() {
    const all = this.targets(), rects = all.map(el => el.getBoundingClientRect());
    const small = rects.map(r => r.width < 23.95 || r.height < 23.95);
    const gap = (x, y, r) => Math.hypot(Math.max(r.left - x, 0, x - r.right), Math.max(r.top - y, 0, y - r.bottom));
    const out = [];
    all.forEach((el, i) => {
      if (!small[i] || this.inline(el)) return;
      const r = rects[i], x = r.left + r.width / 2, y = r.top + r.height / 2;
      const near = all.find((other, j) => {
        if (j === i || other.contains(el) || el.contains(other)) return false;
        const q = rects[j];
        const apart = Math.hypot(x - q.left - q.width / 2, y - q.top - q.height / 2);
        return gap(x, y, q) < 11.95 || (small[j] && apart < 23.95);
      });
      if (near) out.push(`${this.name(el)} ${r.width.toFixed(1)}x${r.height.toFixed(1)} next to ${this.name(near)}`);
    });
    return out;
  },
  // 1.4.12: content wider than its box (spilling over a neighbour or out of sight), or cut off.
  spills() {
    const out = [];
    for (const el of document.querySelectorAll('body *')) {
      if (!this.shown(el) || el.clientWidth === 0) continue;
      const cs = getComputedStyle(el), dx = el.scrollWidth - el.clientWidth, dy = el.scrollHeight - el.clientHeight;
      const clips = v => v === 'hidden' || v === 'clip';
      const scrolls = cs.overflowX === 'auto' || cs.overflowX === 'scroll';
      if (dx > 1 && !scrolls) out.push(`${this.name(el)} is ${dx}px too narrow`);
      else if (dy > 1 && clips(cs.overflowY)) out.push(`${this.name(el)} cuts ${dy}px of its content`);
    }
    return out;
  },
  colour(c) {
    const [r, g, b, a] = c.match(/[\d.]+/g).map(Number);
    const f = v => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    return {l: 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b), opaque: a === undefined || a > 0.99};
  },
  ratio(a, b) {
    const x = this.colour(a).l, y = this.colour(b).l;
    return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
  },
  background(el) {
    for (let e = el; e; e = e.parentElement) {
      const c = getComputedStyle(e).backgroundColor;
      if (this.colour(c).opaque) return c;
    }
    return 'rgb(255, 255, 255)';
  },
  // The focused element: how much of it is hidden under other content, its ring, and the
  // contrast of the ring against what it is drawn on and next to (the band the ring covers and
  // 1 px beyond it, on each side; and the element itself when the ring is inside it).
  focus() {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    const r = el.getBoundingClientRect(), cs = getComputedStyle(el);
    let covered = 0, seen = 0, by = null;
    for (const fx of [0.1, 0.5, 0.9]) for (const fy of [0.15, 0.5, 0.85]) {
      const x = r.left + r.width * fx, y = r.top + r.height * fy;
      if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
      seen++;
      const top = document.elementFromPoint(x, y);
      if (top && !el.contains(top) && !top.contains(el)) { covered++; by = this.name(top); }
    }
    const width = parseFloat(cs.outlineWidth), offset = parseFloat(cs.outlineOffset);
    const ring = cs.outlineStyle !== 'none' && width >= 2;
    let worst = null;
    if (ring) {
      const points = [];
      for (const d of [offset + width / 2, offset + width + 1]) {
        points.push([r.left + r.width / 2, r.top - d], [r.left + r.width / 2, r.bottom + d],
                    [r.left - d, r.top + r.height / 2], [r.right + d, r.top + r.height / 2]);
      }
      const behind = points.filter(([x, y]) => x >= 0 && y >= 0 && x < innerWidth && y < innerHeight)
        .map(([x, y]) => document.elementFromPoint(x, y)).filter(Boolean).map(e => this.background(e));
      if (offset < 0) behind.push(this.background(el));
      for (const c of behind) {
        const ratio = this.ratio(cs.outlineColor, c);
        if (!worst || ratio < worst.ratio) worst = {ratio: +ratio.toFixed(2), against: c};
      }
    }
    return {name: this.name(el), covered, seen, by, ring, outline: `${cs.outlineStyle} ${cs.outlineWidth}`, worst};
  },
};
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    root = tmp_path_factory.mktemp("wcag")
    generate_corpus(root, 150, years=3)
    write_files(root, {"pyproject.toml": '[tool.archive]\ntitle = "The Wire Archive"\nper_page = 10\n'})
    build_site(root, base_url="https://user.github.io/repo/")
    out = root / "site"
    with serve(out, "/repo/") as url:
        yield url, _paths(out)


def _paths(out: Path) -> dict[str, str]:
    def rel(path: Path) -> str:
        return path.relative_to(out).as_posix() + "/"

    def paged(folder: Path) -> Path:
        pages = [p for p in folder.iterdir() if (p / "page").is_dir()]
        return max(pages, key=lambda p: len(list((p / "page").iterdir())))

    year = max((p for p in out.iterdir() if p.name.isdigit()), key=lambda p: len(list(p.glob("*/*/*/index.html"))))
    month = max((p for p in year.iterdir() if p.name.isdigit()), key=lambda p: len(list(p.iterdir())))
    day = next(p for p in sorted(month.iterdir()) if p.is_dir())
    article = next(p.parent for p in sorted(day.glob("*/index.html")))
    actor, tag = paged(out / "actors"), paged(out / "tags")
    letter = min(out.glob("actors/a-z/*/*/index.html"), default=None)
    return {"home": "", "home-page": "page/1/", "article": rel(article), "actor": rel(actor), "actors": "actors/",
            "actors-letter": rel(letter.parent) if letter else "actors/", "tag": rel(tag),
            "tag-page": rel(tag / "page" / "1"), "tags": "tags/", "year": rel(year), "month": rel(month),
            "day": rel(day), "search": "search/?q=talks&filters=1", "404": "404.html"}


def _open(browser: Any, url: str, kind: str, width: int, scheme: str = "light", height: int = 800) -> tuple[Any, Any]:
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme,
                                  reduced_motion="reduce", bypass_csp=True)  # the test injects its measures
    page = context.new_page()
    page.goto(url)
    if kind == "search":  # the results, and the filters opened (the URL asks for them)
        page.wait_for_selector(".pagefind-ui__filter-checkbox", state="attached", timeout=15_000)
        page.evaluate("document.querySelectorAll('#search details').forEach(d => { d.open = true; })")
    page.add_script_tag(content=MEASURE)
    return context, page


@pytest.mark.parametrize("kind", KINDS)
def test_every_target_is_24px_or_spaced_as_24px(browser: Any, site: tuple[str, dict[str, str]], kind: str) -> None:
    """WCAG 2.5.8: links that are not in a line of text, chips, pager links, buttons, the search
    filters' checkboxes and headings, the skip link."""
    url, paths = site
    found = {}
    for width in WIDTHS:
        context, page = _open(browser, url + paths[kind], kind, width)
        page.keyboard.press("Tab")  # the skip link, shown
        found[width] = page.evaluate("wcag.smallTargets()")
        if kind == "tags" and width == 320:  # the measure finds a planted offender
            page.add_style_tag(content=".entity-list li { padding: 0 !important; border: 0 !important; }")
            assert page.evaluate("wcag.smallTargets()"), "the target-size measure found nothing planted"
        context.close()
    assert found == {width: [] for width in WIDTHS}, found


@pytest.mark.parametrize("kind", KINDS)
def test_text_spacing_cuts_and_spills_nothing(browser: Any, site: tuple[str, dict[str, str]], kind: str) -> None:
    """WCAG 1.4.12 at a phone's width and a desktop's: with the bookmarklet's spacing, no text is
    cut off or spills out of its box (over a neighbour or past the screen's edge), nothing scrolls sideways."""
    url, paths = site
    found = {}
    for width in WIDTHS:
        context, page = _open(browser, url + paths[kind], kind, width)
        page.add_style_tag(content=TEXT_SPACING)
        scroll = page.evaluate("document.documentElement.scrollWidth")
        found[width] = page.evaluate("wcag.spills()") + ([f"page scrolls to {scroll}px"] if scroll > width else [])
        context.close()
    assert found == {width: [] for width in WIDTHS}, found


@pytest.mark.parametrize("kind", KINDS)
def test_text_at_twice_its_size_reflows_on_a_phone(browser: Any, site: tuple[str, dict[str, str]], kind: str) -> None:
    """WCAG 1.4.4 with 1.4.10: a phone's reader sets text to 200% (the browser's font size, not
    the zoom), and the page still fits 320 px (found by a probe: "More about" took 512 px, its
    columns at least 15rem; a tag's chart axis 377 px)."""
    url, paths = site
    context, page = _open(browser, url + paths[kind], kind, 320)
    page.add_style_tag(content="html { font-size: 200% !important; }")
    scroll = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert scroll <= 320, scroll


def test_forced_colours_keep_the_bars_of_a_chart(browser: Any, tmp_path: Path) -> None:
    """Found by a probe: high contrast drops background images, and the bars were one: an empty box."""
    root = write_files(tmp_path, {f"content/s{i}.md": article(f"Story {i}", f"2024-0{1 + i % 9}-0{1 + i % 7}T10:00:00Z",
                                                              tags="[Energy]") for i in range(12)})
    build_site(root, search=False)
    with serve(root / "site") as url:
        context = browser.new_context(forced_colors="active")
        page = context.new_page()
        page.goto(url + "tags/energy/")
        bars = page.evaluate("[...document.querySelectorAll('.bars span')]"
                             ".map(s => getComputedStyle(s).backgroundImage)")
        context.close()
    assert bars and all("linear-gradient" in bar for bar in bars), bars


def test_a_source_named_in_arabic_keeps_the_datelines_order(browser: Any, tmp_path: Path) -> None:
    """WCAG 1.3.2. Found by a probe: "2 April 2025, 10:00 UTC · · وكالة الأنباء 1 min read": the
    Arabic name's direction took the dot after it to its other side."""
    root = write_files(tmp_path, {"content/a.md": article("Talks", "2025-04-02T10:00:00Z", source='"وكالة الأنباء"')})
    build_site(root, search=False)
    with serve(root / "site") as url:
        context = browser.new_context()
        page = context.new_page()
        page.goto(url + "2025/04/02/talks/")
        order = page.evaluate("""[...document.querySelector('.dateline').children]
            .filter(e => e.getClientRects().length)
            .map(e => [e.className, Math.round(e.getBoundingClientRect().left)])""")
        context.close()
    assert [name for name, _ in sorted(order, key=lambda item: item[1])] == [name for name, _ in order], order


def test_print_wraps_code_and_shows_whole_tables(browser: Any, tmp_path: Path) -> None:
    """Found by a probe: on paper a long line of code stopped at the page's edge and a wide table
    lost its last columns (both scroll on screen; paper does not)."""
    code = "x = " + "_".join(["a_very_long_identifier"] * 12)
    table = "| " + " | ".join(f"Column number {i} heading" for i in range(8)) + " |\n|" + "---|" * 8 + "\n| " + \
        " | ".join(f"cell {i} with some text" for i in range(8)) + " |"
    root = write_files(tmp_path, {"content/a.md": article("Wide", "2024-05-01", body=f"```\n{code}\n```\n\n{table}")})
    build_site(root, search=False)
    with serve(root / "site") as url:
        context = browser.new_context(viewport={"width": 718, "height": 800})
        page = context.new_page()
        page.goto(url + "2024/05/01/wide/")
        page.emulate_media(media="print")
        hidden = page.evaluate("[...document.querySelectorAll('.prose pre, .prose table')]"
                               ".filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.tagName)")
        context.close()
    assert hidden == [], hidden


# Each Tab stop is measured in the page when the next Tab goes down: after the browser moved the
# focus and scrolled to it, before it moves on. One round trip a stop instead of two (the sticky
# content test pressed Tab over 1,000 times: 49 s on a slow day).
RECORD_FOCUS = """
if (!window.wcagStops) {
  window.addEventListener('keydown', e => { if (e.key === 'Tab') wcagStops.push(wcag.focus()); }, true);
}
window.wcagStops = [];
"""


def _tab_through(page: Any, key: str, stops: int) -> list[dict[str, Any]]:
    page.evaluate(RECORD_FOCUS)
    for _ in range(stops):
        page.keyboard.press(key)
    # (the first state is the focus before the first Tab; the last one's Tab never comes)
    states: list[dict[str, Any] | None] = page.evaluate("[...wcagStops.slice(1), wcag.focus()]")
    return [state for state in states if state]


# (each size a test of its own: the actors page takes over 1,600 Tab presses in all, and one
# test of 45 s could leave the other worker idle at the end of a run)
@pytest.mark.parametrize(("width", "height"), [(1280, 700), (320, 180)])
@pytest.mark.parametrize("kind", ["actors", "tags"])  # the pages with sticky content
def test_focus_is_never_hidden_under_sticky_content(browser: Any, site: tuple[str, dict[str, str]], kind: str,
                                                    width: int, height: int) -> None:
    """WCAG 2.4.11: tabbing forwards, then back to the top, on a window that scrolls (at 400 %
    zoom, 1280 x 720 is 320 x 180); the index pages have a sticky bar of letters or kinds."""
    url, paths = site
    hidden = []
    context, page = _open(browser, url + paths[kind], kind, width, height=height)
    stops = page.evaluate("wcag.targets().length") + 2
    for key in ("Tab", "Shift+Tab"):
        for state in _tab_through(page, key, stops):
            if state["seen"] and state["covered"] == state["seen"]:
                hidden.append(f"{width}x{height} {key}: {state['name']} under {state['by']}")
    context.close()
    assert not hidden, "\n".join(hidden[:20])


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", ["home", "article", "actor", "actors-letter", "year", "month", "tag-page", "search"])
def test_focus_rings_show_with_3_to_1_contrast(browser: Any, site: tuple[str, dict[str, str]], kind: str,
                                              scheme: str) -> None:
    """WCAG 2.4.7 and 1.4.11: every element reached by Tab draws a ring (an outline of 2 px or more)
    whose colour has 3:1 against what it is drawn on and next to: the page, a heat-map cell, a button."""
    url, paths = site
    context, page = _open(browser, url + paths[kind], kind, 1280, scheme)
    states = _tab_through(page, "Tab", min(page.evaluate("wcag.targets().length") + 1, 120))
    context.close()
    assert states
    no_ring = [s["name"] for s in states if not s["ring"]]
    weak = [f"{s['name']}: {s['worst']['ratio']}:1 against {s['worst']['against']}" for s in states
            if s["ring"] and s["worst"] and s["worst"]["ratio"] < 3]
    assert not no_ring, f"no visible focus ring: {no_ring}"
    assert not weak, "\n".join(weak)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_input_borders_have_3_to_1_contrast(browser: Any, site: tuple[str, dict[str, str]], scheme: str) -> None:
    """WCAG 1.4.11: the header's search box and the search page's box and filter checkboxes are
    found by their borders."""
    url, paths = site
    weak = []
    for kind in ("home", "search"):
        context, page = _open(browser, url + paths[kind], kind, 1280, scheme)
        weak += page.evaluate("""[...document.querySelectorAll('input:not([type=hidden])')].filter(i => wcag.shown(i))
            .map(i => [wcag.name(i), getComputedStyle(i).borderTopColor, wcag.background(i.parentElement),
                       parseFloat(getComputedStyle(i).borderTopWidth)])
            .filter(([, border, bg, width]) => width < 1 || wcag.ratio(border, bg) < 3)""")
        context.close()
    assert not weak, weak


def test_print_leaves_out_navigation_and_search_controls(browser: Any, site: tuple[str, dict[str, str]]) -> None:
    """And keeps the site's name above the page: a printed article said nowhere where it came from."""
    url, paths = site
    printed = {}
    for kind in ("article", "tag-page", "search"):
        context, page = _open(browser, url + paths[kind], kind, 718)
        page.emulate_media(media="print")
        printed[kind] = page.evaluate("""[...document.querySelectorAll(
            '.skip, .site-nav, .site-footer, .search-form, .search-sort, #search, .pager, .neighbours, .jump-nav')]
            .filter(e => e.getClientRects().length).map(e => wcag.name(e))""")
        printed[kind] += [f"scrolls to {w}" for w in [page.evaluate("document.documentElement.scrollWidth")] if w > 718]
        brand = page.evaluate("[...document.querySelectorAll('.site-header .brand')].filter(e => e.getClientRects()"
                              ".length).map(e => e.textContent)")
        printed[kind] += [] if brand == [page.evaluate("document.querySelector('.footer-title').textContent")] \
            else [f"site name shown: {brand}"]
        context.close()
    assert printed == {kind: [] for kind in printed}, printed
