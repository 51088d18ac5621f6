"""Every kind of page, in light and dark, in headless Chromium: axe-core finds nothing serious, nothing
overflows a phone's width, nothing is fetched from another host; screenshots for a human eye."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from builder.gen import generate_corpus
from builder.views import names as name_views
from tests.browser.conftest import serve
from tests.helpers import article, build_site, write_files

pytestmark = pytest.mark.slow

SHOTS = Path(__file__).resolve().parent.parent / "artifacts" / "screenshots"
PHONE, DESKTOP = {"width": 360, "height": 800}, {"width": 1280, "height": 900}
BLOCKING = ("serious", "critical")
# Dark mode changes colours only (custom properties under prefers-color-scheme): there, the colour
# rules alone run, which halves the time axe takes.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
KINDS = ("home", "home-page-1", "article", "article-rtl", "actor", "actor-many-months", "actors", "actors-letter",
         "tag", "tags", "year", "month", "day", "search", "404")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    root = tmp_path_factory.mktemp("design")
    generate_corpus(root, 40, years=3)
    write_files(root, {"pyproject.toml": '[tool.archive]\ntitle = "The Wire Archive"\nper_page = 5\n'
                                         'description = "Wire copy, indexed by actor, tag and date."\n',
                       # Arabic wire copy on an English site: marked as such (lang, dir), in its direction
                       "content/arabic.md": "---\ntitle: مصر تحذر الأمم المتحدة من نقص المياه\n"
                                            "date: 2025-06-15T09:00:00Z\nslug: egypt-water-ar\nlanguage: ar\n"
                                            "actors: [Egypt, United Nations]\ntags: [Water]\n---\n\n"
                                            + "قالت مصر إن العمل مع الشركاء بشأن نقص المياه سيستمر. " * 30 + "\n",
                       # An actor named over nine years: its coverage by month is an SVG area, not bars
                       "content/harbour-2016.md": "---\ntitle: Harbour authority opens a new berth\n"
                                                  "date: 2016-02-01T09:00:00Z\nactors: [Harbour Authority]\n"
                                                  "---\n\nThe berth opened on time.\n",
                       "content/harbour-2025.md": "---\ntitle: Harbour authority reports record cargo\n"
                                                  "date: 2025-01-10T09:00:00Z\nactors: [Harbour Authority]\n"
                                                  "---\n\nCargo rose for a third year.\n"})
    with pytest.MonkeyPatch.context() as patch:  # the actors index of a large archive: letters on pages
        patch.setattr(name_views, "INDEX_NAMES_MAX", 40)
        patch.setattr(name_views, "TOP_PER_KIND", 10)
        build_site(root, base_url="https://user.github.io/repo/")
    out = root / "site"
    with serve(out, "/repo/") as url:
        yield url, _paths(out)


def _largest(folder: Path) -> str:
    """The sub-folder with the most article links on its front page: one with several pages."""
    def links(path: Path) -> int:
        return len(re.findall(r'<article class="teaser">', (path / "index.html").read_text("utf-8"))) + (
            100 * len(list((path / "page").glob("*"))))
    best = max((p for p in folder.iterdir() if (p / "index.html").is_file() and p.name != "page"), key=links)
    return best.relative_to(folder.parent).as_posix() + "/"


def _paths(out: Path) -> dict[str, str]:
    year = _largest_year(out)
    month = max((p for p in (out / year).iterdir() if p.name.isdigit()), key=lambda p: len(list(p.iterdir())))
    day = next(p for p in sorted(month.iterdir()) if p.is_dir())
    articles = sorted(day.parent.parent.glob("*/*/*/index.html"))
    article = articles[len(articles) // 2].parent
    return {
        "home": "", "home-page-1": "page/1/", "actors": "actors/", "tags": "tags/", "404": "404.html",
        "actor": _largest(out / "actors"), "tag": _largest(out / "tags"), "year": f"{year}/",
        "month": month.relative_to(out).as_posix() + "/", "day": day.relative_to(out).as_posix() + "/",
        "article": article.relative_to(out).as_posix() + "/", "search": "search/?q=talks",
        "article-rtl": "2025/06/15/egypt-water-ar/", "actor-many-months": "actors/harbour-authority/",
        "actors-letter": min(out.glob("actors/a-z/*/*/index.html")).parent.relative_to(out).as_posix() + "/",
    }


def _largest_year(out: Path) -> str:
    years = [p for p in out.iterdir() if re.fullmatch(r"\d{4}", p.name)]
    return max(years, key=lambda p: len(list(p.glob("*/*/*/index.html")))).name


def _readable(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"][:5]:
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    {' '.join(map(str, node['target']))}: {summary[:300]}")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", KINDS)
def test_page_is_accessible_fits_a_phone_and_stays_local(browser: Any, site: tuple[str, dict[str, str]],
                                                         kind: str, scheme: str) -> None:
    from axe_playwright_python.sync_playwright import Axe  # ships axe.min.js: nothing is downloaded

    url, paths = site
    context = browser.new_context(color_scheme=scheme, viewport=PHONE, bypass_csp=True)  # axe injects a script
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(url + paths[kind])
    if kind == "search":
        page.wait_for_selector(".pagefind-ui__result-link", timeout=10_000)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{kind}-phone-{scheme}.png"), full_page=True)
    widths = {}
    for width in (360, 320):
        page.set_viewport_size({"width": width, "height": 800})
        widths[width] = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=str(SHOTS / f"{kind}-desktop-{scheme}.png"), full_page=True)
    options: dict[str, Any] = {"resultTypes": ["violations"]}
    if scheme == "dark":
        options["runOnly"] = COLOUR_RULES
    results = Axe().run(page, options=options)
    context.close()

    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING]
    assert not blocking, f"axe on {kind} ({scheme}):\n{_readable(blocking)}"
    assert widths == {360: 360, 320: 320}, f"{kind} ({scheme}) overflows: scroll widths {widths}"
    assert requests and all(r.startswith(url.split("/repo/")[0] + "/") for r in requests), requests


def test_only_the_search_page_loads_scripts(browser: Any, site: tuple[str, dict[str, str]]) -> None:
    url, paths = site
    context = browser.new_context(bypass_csp=True)  # lets the test evaluate its own expressions
    page = context.new_page()
    scripts: list[str] = []
    page.on("request", lambda r: scripts.append(page.url) if r.resource_type == "script" else None)
    for kind in KINDS:
        page.goto(url + paths[kind])
    context.close()
    assert {s.split("/repo/")[1].split("?")[0] for s in scripts} == {"search/"}


def _luminance(rgb: tuple[float, ...]) -> float:
    channels = [c / 255 for c in rgb]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


PLACEHOLDER = """(selector) => {
  const box = document.querySelector(selector);
  const hint = getComputedStyle(box, "::placeholder");
  let node = box, background = getComputedStyle(node).backgroundColor;
  while (/rgba\\(.*, 0\\)$|transparent/.test(background) && node.parentElement) {
    node = node.parentElement;
    background = getComputedStyle(node).backgroundColor;
  }
  return [box.placeholder, hint.color, hint.opacity, background];
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_search_boxes_placeholders_are_readable(browser: Any, site: tuple[str, dict[str, str]],
                                                    scheme: str) -> None:
    """The search boxes show no visible label but their placeholder ("Search the archive", and
    "Search" on the search page): Chromium's grey gave the header's 4.0:1 in dark, and Pagefind's
    UI fades its own to a fifth, 1.3:1. Both now read at 4.5:1 or more (WCAG 1.4.3)."""
    url, paths = site
    context = browser.new_context(color_scheme=scheme, bypass_csp=True)
    page = context.new_page()
    ratios = {}
    for path, selector in (("home", "#site-search"), ("search", ".pagefind-ui__search-input")):
        page.goto(url + paths[path])
        page.wait_for_selector(selector)
        text, colour, opacity, background = page.evaluate(PLACEHOLDER, selector)
        fore = [float(v) for v in re.findall(r"[\d.]+", colour)[:3]]
        back = [float(v) for v in re.findall(r"[\d.]+", background)[:3]]
        seen = tuple(f * float(opacity) + b * (1 - float(opacity)) for f, b in zip(fore, back, strict=True))
        light, dark = sorted((_luminance(seen), _luminance(tuple(back))), reverse=True)
        ratios[text] = round((light + 0.05) / (dark + 0.05), 2)
    context.close()
    assert all(ratio >= 4.5 for ratio in ratios.values()), f"{scheme}: {ratios}"


def test_skip_link_is_first_and_visible_on_focus(browser: Any, site: tuple[str, dict[str, str]]) -> None:
    url, paths = site
    context = browser.new_context(viewport=PHONE, bypass_csp=True)
    page = context.new_page()
    page.goto(url + paths["article"])
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.className, document.activeElement.getBoundingClientRect().top]")
    assert focused[0] == "skip" and focused[1] >= 0
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    context.close()


def test_a_long_unbroken_headline_overflows_no_grid(browser: Any, tmp_path: Path) -> None:
    """A headline with a word or URL longer than the screen is wide breaks inside the home page's
    grid (with the aside) and the previous/next boxes too, not only in the article's own <h1>:
    a grid track sized by its content used to grow to the word's width."""
    word = "Supercalifragilistic" * 6
    root = write_files(tmp_path, {
        "content/long.md": article(f"Word {word} and https://example.com/{'a' * 120}", "2025-03-20T09:00:00Z"),
        "content/after.md": article("The article after it", "2025-03-21T09:00:00Z", slug="after"),
        "content/before.md": article("The article before it", "2025-03-19T09:00:00Z", slug="before"),
    })
    build_site(root)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    widths = {}
    with serve(root / "site") as url:
        for path in ("", "2025/03/21/after/", "2025/03/19/before/"):
            page.goto(url + path)
            for width in (360, 1280):
                page.set_viewport_size({"width": width, "height": 800})
                widths[path, width] = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert widths == {(path, width): width for path, width in widths}, widths


def test_long_words_in_source_tags_and_actors_overflow_nothing_at_320_px(browser: Any, tmp_path: Path) -> None:
    """German compounds (and wire codes) in the source, a tag and an actor made the article page
    665 px wide at 320 px: the kicker's tag link, the dateline's source and an actor chip's <li>
    did not break, nor the source in listings' meta lines."""
    source, tag, actor = ("Bundesministeriumfürwirtschaftundklimaschutz",
                          "Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz",
                          "Donaudampfschifffahrtsgesellschaftskapitän")
    fields = {"source": source, "tags": f"[{tag}]", "actors": f"[{actor}]"}
    root = write_files(tmp_path, {
        "content/long.md": article("Long words", "2025-03-20T09:00:00Z", slug="long", **fields),
        "content/other.md": article("Other", "2025-03-21T09:00:00Z", slug="other",
                                    **{**fields, "actors": f"[{actor}, {actor}kollege]"}),
    })
    build_site(root, search=False)
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    widths = {}
    paths = ("2025/03/20/long/", "2025/03/21/other/", "", "tags/", "actors/", "2025/03/", "2025/03/20/",
             f"tags/{tag.lower().replace('ü', 'u')}/", f"actors/{actor.lower().replace('ä', 'a')}/")
    with serve(root / "site") as url:
        for path in paths:
            assert page.goto(url + path).status == 200, path
            widths[path] = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert widths == dict.fromkeys(paths, 320), widths
