"""The reader-facing view data: charts, heat maps, "More about", the latest 30 days, and pages that
stay byte-identical when newer articles arrive."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

import feedparser
import pytest

from builder import indexes
from builder.model import Article
from builder.views import names as name_views
from builder.views.base import _Urls
from builder.views.listings import _pager
from tests.helpers import article, broken_links, build_site, html_text, snapshot, write_files


def make(day: str, actors: tuple[str, ...] = (), tags: tuple[str, ...] = (), title: str = "") -> Article:
    when = datetime.fromisoformat(day).replace(tzinfo=UTC)
    slug = title or f"a-{day}"
    return Article(rel=f"content/{slug}.md", title=title or slug, date=when, slug=slug, actors=actors, tags=tags)


def site_of(*articles: Article) -> list[Article]:
    return indexes.chronological(articles)


# -- month histogram -------------------------------------------------------------------------------

def test_month_histogram_fills_empty_months_across_a_year_end() -> None:
    articles = site_of(make("2023-11-03"), make("2023-11-20"), make("2024-02-01"), make("2024-02-02"),
                       make("2024-02-28"))
    assert indexes.month_histogram(articles, range(len(articles))) == [
        (2023, 11, 2), (2023, 12, 0), (2024, 1, 0), (2024, 2, 3)]


def test_month_histogram_of_some_members_only() -> None:
    articles = site_of(make("2024-01-05", actors=("A",)), make("2024-03-05"), make("2024-04-05", actors=("A",)))
    members = indexes.by_actor(articles)["A"]
    assert indexes.month_histogram(articles, members) == [(2024, 1, 1), (2024, 2, 0), (2024, 3, 0), (2024, 4, 1)]
    assert indexes.month_histogram(articles, ()) == []


# -- coverage charts -----------------------------------------------------------------------------------

def _steps(outline: str) -> list[tuple[int, int]]:
    """(height, months) of each step of an area's outline."""
    return [(40 - int(top), int(run)) for top, run in re.findall(r"V(\d+)h(\d+)", outline)]


def test_a_chart_of_many_months_is_an_area_with_a_step_a_month() -> None:
    """Issue #8 asks for coverage by month: over ten years that is 120 months, drawn as one SVG
    outline (for a while such spans were shown as a bar a year)."""
    days = ["2001-01-10", "2001-01-20", "2001-03-05", *[f"{y}-06-01" for y in range(2002, 2011)], "2010-12-31"]
    articles = site_of(*(make(day, actors=("A",)) for day in days))
    chart = name_views.month_chart(articles, indexes.by_actor(articles)["A"], "A")
    assert chart.unit == "month" and chart.bars == () and chart.area is not None
    assert chart.area.width == 120 and chart.area.height == 40
    assert chart.area.outline.startswith("M0 40") and chart.area.outline.endswith("V40Z")
    steps = _steps(chart.area.outline)
    assert sum(months for _, months in steps) == 120
    assert steps[:3] == [(40, 1), (0, 1), (20, 1)]  # January 2001's two articles, February's none, March's one
    assert steps[-1] == (20, 1)  # December 2010
    assert chart.area.ticks == "".join(f"M{12 * year} 0V40" for year in range(1, 10))  # each January but the first
    assert chart.summary == ("Articles about A per month, January 2001 to December 2010: 13 articles in 12 months; "
                             "the most, 2, in January 2001.")
    assert dict(chart.years) == {"2001": 3, **{str(y): 1 for y in range(2002, 2010)}, "2010": 2}


def test_a_chart_of_five_years_or_less_has_a_bar_a_month() -> None:
    articles = site_of(make("2020-01-10", actors=("A",)), make("2024-12-10", actors=("A",)))
    chart = name_views.month_chart(articles, indexes.by_actor(articles)["A"], "A")
    assert chart.area is None and len(chart.bars) == 60 and chart.unit == "month"


def test_an_actor_named_over_many_years_has_its_coverage_drawn_as_an_area(tmp_path: Path) -> None:
    root = write_files(tmp_path, {f"content/s{year}.md": article(f"Story {year}", f"{year}-05-01T10:00:00Z",
                                                                 actors="[Mark Rutte]")
                                  for year in range(2010, 2025)})
    build_site(root, search=False)
    text = page(root / "site", "actors/mark-rutte")
    assert "Coverage by month" in text
    svg = re.search(r'<svg class="area" viewBox="0 0 169 40" preserveAspectRatio="none" role="img" '
                    r'aria-label="Articles about Mark Rutte per month, May 2010 to May 2024: 15 articles in '
                    r'15 months; the most, 1, in May 2010\."><path d="M0 40[^"]*V40Z"/><path class="ticks" d="[^"]+" '
                    r'vector-effect="non-scaling-stroke"/></svg>', text)
    assert svg and "style=" not in text
    assert 'class="bars' not in text and '<th scope="row">2017</th><td>1</td>' in text


# -- heat-map levels -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("counts", "steps", "levels"), [
    ([0, 1, 2, 4], 4, [0, 1, 2, 4]),
    ([3, 1], 4, [4, 2]),  # a rounded-up share of the largest
    ([1, 100], 4, [1, 4]),  # any article shows
    ([0, 0, 0], 4, [0, 0, 0]),
    ([], 4, []),
    ([5, 10], 10, [5, 10]),
])
def test_heat_levels(counts: list[int], steps: int, levels: list[int]) -> None:
    assert indexes.heat_levels(counts, steps) == levels


# -- more about ------------------------------------------------------------------------------------------

def test_more_about_lists_only_earlier_articles_newest_first() -> None:
    articles = site_of(*(make(f"2024-01-{d:02d}", actors=("A", "B")) for d in range(1, 8)))
    index = indexes.by_actor(articles)
    picks = indexes.more_about(articles, index, 3, actors=2, per_actor=2)
    assert picks == [("A", [2, 1]), ("B", [0])]  # B gets what A did not take: each article once
    assert all(p < 3 for _, items in picks for p in items)


def test_more_about_skips_excluded_and_limits_actors() -> None:
    articles = site_of(make("2024-01-01", actors=("A",)), make("2024-01-02", actors=("A",)),
                       make("2024-01-03", actors=("B",)), make("2024-01-04", actors=("A", "B", "C", "D")))
    index = indexes.by_actor(articles)
    assert indexes.more_about(articles, index, 3, actors=3, per_actor=3, exclude=[1]) == [
        ("A", [0]), ("B", [2]), ("C", [])]
    assert indexes.more_about(articles, index, 0, actors=3, per_actor=3) == [("A", [])]


def test_more_about_does_not_change_when_newer_articles_arrive() -> None:
    older = site_of(*(make(f"2024-01-{d:02d}", actors=("A",)) for d in range(1, 6)))
    newer = site_of(*older, *(make(f"2024-02-{d:02d}", actors=("A",)) for d in range(1, 6)))
    assert (indexes.more_about(older, indexes.by_actor(older), 2)
            == indexes.more_about(newer, indexes.by_actor(newer), 2) == [("A", [1, 0])])


# -- the latest 30 days ----------------------------------------------------------------------------------

def test_latest_days_counts_back_from_the_newest_article_not_the_clock() -> None:
    articles = site_of(make("2001-01-01", actors=("Old",)), make("2001-05-01T12:00:00", actors=("Edge",)),
                       make("2001-05-20", actors=("X", "Y"), tags=("T",)), make("2001-05-31T12:00:00", actors=("X",)))
    window = indexes.latest_days(articles, 30)
    assert list(window) == [1, 2, 3]  # 1 May 12:00 is exactly 30 days before 31 May 12:00
    assert indexes.top_names(articles, window, lambda a: a.actors, 10) == [("X", 2), ("Edge", 1), ("Y", 1)]
    assert indexes.top_names(articles, window, lambda a: a.tags, 10) == [("T", 1)]
    assert indexes.top_names(articles, window, lambda a: a.actors, 1) == [("X", 2)]
    assert list(indexes.latest_days([], 30)) == []


def test_top_names_counts_an_article_once_per_name() -> None:
    articles = [make("2024-01-01", actors=("A", "A", "B"))]
    assert indexes.top_names(articles, [0], lambda a: a.actors, 5) == [("A", 1), ("B", 1)]


# -- built pages ---------------------------------------------------------------------------------------

PER_PAGE = 3
COUNT = 13  # with the newest: 14; no listing grows a new full page (see below)


def corpus() -> dict[str, str]:
    files = {"pyproject.toml": f"[tool.archive]\nper_page = {PER_PAGE}\n"}
    for i in range(COUNT):
        month, day = 1 + i // 5, 1 + (i % 5) * 3
        actors = ["Mark Rutte", "NATO"] if i % 2 else ["Mark Rutte", "Viktor Orbán", "Russia"]
        files[f"content/s{i:02d}.md"] = article(f"Story {i:02d}", f"2024-{month:02d}-{day:02d}T10:00:00Z",
                                                body=f"Body of story {i}. " * 40, source="AP",
                                                tags=f"[Trade, {'Grain' if i % 3 else 'Energy'}]",
                                                actors="[" + ", ".join(actors) + "]")
    return files


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_files(tmp_path_factory.mktemp("design"), corpus())
    build_site(root, search=False)
    return root / "site"


def page(site: Path, path: str) -> str:
    return html_text(site / path / "index.html")


def test_article_page_shows_more_about_earlier_articles_only(built: Path) -> None:
    text = page(built, "2024/02/07/story-07")
    more = text[text.index('id="more-heading"'):]
    assert 'href="/actors/mark-rutte/"' in more and 'href="/actors/nato/"' in more
    later = {f"story-{i:02d}" for i in range(8, COUNT)}
    assert not [slug for slug in later if slug in more]
    assert "min read" in text and ">AP<" in text


def test_the_datelines_separators_are_spaced_alike(built: Path) -> None:
    """The dateline read "06:48 UTC · Reuters· 3 min read": the separator after the source hugged
    it (the layout's line break went with its block tag), where the one before it was spaced."""
    dateline = re.search(r'<p class="dateline".*?</p>', page(built, "2024/02/07/story-07"))
    assert dateline is not None
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", dateline.group(0))).strip()
    assert text == "7 February 2024, 10:00 UTC · AP · 1 min read 2024"  # the year: a hidden filter


def test_entity_front_page_has_chart_with_text_alternative(built: Path) -> None:
    text = page(built, "actors/viktor-orban")
    assert 'role="img"' in text and 'aria-label="Articles about Viktor Orbán per month, January 2024 to ' in text
    assert "<caption>" in text and '<th scope="row">2024</th>' in text
    assert "Often named with" in text and 'href="/actors/mark-rutte/"' in text
    assert "<svg" not in text and "style=" not in text  # no active content, no inline styles
    older = page(built, "actors/viktor-orban/page/1")
    assert 'role="img"' not in older


def test_year_and_month_pages_have_heat_maps(built: Path) -> None:
    year = page(built, "2024")
    assert re.search(r'<li class="h\d"><a href="/2024/01/">', year)
    assert '<li class="h0"><span class="name" aria-hidden="true">December</span>' in year  # shown, not linked
    month = page(built, "2024/01")
    assert '<ol class="cells start-1"' in month  # 1 January 2024 was a Monday
    assert 'href="/2024/01/04/"' in month and 'href="/2024/01/02/"' not in month


def test_home_front_shows_the_latest_30_days_and_older_pages_do_not(built: Path) -> None:
    front = page(built, "")
    trending = front[front.index('id="trending-heading"'):]
    assert "Mark Rutte" in trending and "Trade" in trending
    assert "Last 30 days" in front and 'href="/2024/"' in front
    assert "Last 30 days" not in page(built, "page/1")


LISTINGS = ("", "page/1", "tags/trade", "actors/mark-rutte", "actors/mark-rutte/page/1", "2024", "2024/01",
            "2024/01/04")


def _listed_summaries(text: str) -> list[str]:
    listing = text[text.index('id="list-heading"'):]
    return re.findall(r'<p class="summary">([^<]*)</p>', listing)


def test_every_listing_shows_each_articles_summary(built: Path) -> None:
    """Issue #8: every listing shows title, date, source and summary (for a while only the home
    page did, to save bytes)."""
    for path in LISTINGS:
        text = page(built, path)
        listing = text[text.index('id="list-heading"'):]
        items = re.findall(r'<li><h3><a href="[^"]*">Story (\d+)</a></h3>\s*<p class="meta">.*? · '
                           r'<span class="source">AP</span></p>\s*<p class="summary">([^<]*)</p>', listing)
        assert items and len(items) == listing.count("<li><h3>"), path
        assert all(summary.startswith(f"Body of story {int(n)}. ") for n, summary in items), path


def test_listing_summaries_off_leaves_them_on_the_home_page_only(tmp_path: Path) -> None:
    files = corpus()
    files["pyproject.toml"] += "listing_summaries = false\n"
    site = build_site(write_files(tmp_path, files), search=False) and tmp_path / "site"
    front = page(site, "")
    assert len(_listed_summaries(front)) == front.count("<li><h3>") > 0
    for path in LISTINGS[1:]:
        assert _listed_summaries(page(site, path)) == [], path


def test_actors_index_groups_by_kind_with_letter_jumps(built: Path) -> None:
    text = page(built, "actors")
    assert '<h2 id="others">Others</h2>' in text
    assert 'href="#others-m"' in text and 'id="others-m"' in text
    # Each kind has its own "M": the link says whose (WCAG 2.4.4), as the letter pages' links do.
    assert '<a href="#others-m"><span class="visually-hidden">Others: </span>M</a>' in text


def test_a_long_kind_shows_its_most_named_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(name_views, "TOP_PER_KIND", 2)
    write_files(tmp_path, {
        "content/a.md": article("One", actors="[Łukasz Nowak, Zed, Anna]"),
        "content/b.md": article("Two", "2024-05-02T10:00:00Z", actors="[Zed, Anna]"),
        "content/c.md": article("Three", "2024-05-03T10:00:00Z", actors="[Zed]"),
    })
    build_site(tmp_path, search=False)
    text = html_text(tmp_path / "site" / "actors" / "index.html")
    top = text[text.index("Most named"):text.index("All 3, A to Z")]
    assert top.index(">Zed<") < top.index(">Anna<") and "Nowak" not in top
    assert re.search(r'id="others-l".*?Łukasz Nowak', text)  # transliterated: under L, not #


def test_a_long_index_gives_each_letter_a_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(name_views, "INDEX_NAMES_MAX", 3)  # 4,400 actors on one page weighed 500 kB
    monkeypatch.setattr(name_views, "TOP_PER_KIND", 2)
    write_files(tmp_path, {
        "content/a.md": article("One", actors="[Anna, Zed, Zora, A-Z, NATO]", tags="[Arms, Zinc, Zoos, Trade]"),
        "content/b.md": article("Two", "2024-05-02T10:00:00Z", actors="[Zed, Anna, A-Z]", tags="[Zinc]"),
        "content/c.md": article("Three", "2024-05-03T10:00:00Z", actors="[Zed]"),
        "content/actors/nato.md": "---\nname: NATO\nkind: organisation\n---\n",
    })
    build_site(tmp_path, search=False)
    site = tmp_path / "site"
    index = html_text(site / "actors" / "index.html")
    others = index[index.index('id="others"'):]
    assert 'href="/actors/a-z/others/z/"' in others and 'id="others-z"' not in others  # letters: pages
    assert ">Zed<" in others[:others.index("A to Z")]  # the most named stay on the index
    organisations = index[index.index('id="organisations"'):index.index('id="others"')]
    assert 'href="#organisations-n"' in organisations and ">NATO<" in organisations  # short kinds: whole
    z_page = html_text(site / "actors" / "a-z" / "others" / "z" / "index.html")
    assert re.search(r">Zed</a> <span class=\"count\">3</span>.*>Zora</a>", z_page)
    assert "Anna" not in z_page and 'aria-current="page">Z<' in z_page
    assert 'href="/actors/a-z/others/a/"' in z_page and '<a href="/actors/#others">Actors: Others</a>' in z_page
    assert "A-Z" in html_text(site / "actors" / "a-z" / "others" / "a" / "index.html")
    assert not (site / "actors" / "a-z" / "index.html").exists()  # the name "A-Z" got a slug of its own:
    assert [p.name for p in (site / "actors").glob("a-z-*/index.html")] == ["index.html"]
    tags = html_text(site / "tags" / "index.html")
    assert 'href="/tags/a-z/z/"' in tags and 'id="z"' not in tags
    z_tags = html_text(site / "tags" / "a-z" / "z" / "index.html")
    assert re.search(r">Zinc</a> <span class=\"count\">2</span>.*>Zoos<", z_tags)
    assert broken_links(site) == []


def test_adding_a_newer_article_keeps_older_pages_byte_identical(tmp_path: Path) -> None:
    root = write_files(tmp_path, corpus())
    build_site(root, search=False)
    before = snapshot(root / "site")
    # In every listing it joins, the newest article stays on the front page: no page freezes. (When
    # one does, the page below the front swaps its "Latest" link for the new page's: the pager's way.)
    write_files(root, {"content/newest.md": article("The newest story", "2024-06-01T10:00:00Z", source="AP",
                                                    tags="[Trade]", actors="[Mark Rutte, NATO, Viktor Orbán, Russia]")})
    build_site(root, search=False)
    after = snapshot(root / "site")
    articles = sorted(p for p in before if re.fullmatch(r"\d{4}/\d\d/\d\d/story-\d\d/index\.html", p))
    previous_newest = articles[-1]  # gains its "Next" link, as before
    changed = [p for p in articles if p != previous_newest and after[p] != before[p]]
    assert changed == []
    full_pages = [p for p in before if "/page/" in p or p.startswith("page/")]
    assert full_pages and [p for p in full_pages if after[p] != before[p]] == []


def test_search_shards_are_years_and_the_newest_month() -> None:
    articles = site_of(make("2023-12-31"), make("2024-11-30"), make("2024-12-01"), make("2024-12-09"))
    assert indexes.search_shards(articles) == {"2023": (0,), "2024": (1,), "2024-12": (2, 3)}
    assert indexes.search_shards(articles[:2]) == {"2023": (0,), "2024-11": (1,)}
    assert indexes.search_shards([]) == {}


def test_a_year_or_month_over_the_limit_is_cut_into_runs_of_whole_days() -> None:
    """Found by a simulated year of daily builds: a year of 30,000 articles (80 a day) was one
    bundle, for which Pagefind took 6.8 GB; bundles now hold at most SEARCH_BUNDLE_PAGES but a
    single day's articles, and articles added to the newest day change the last run only."""
    days = ["2024-03-01", "2024-03-01", "2024-03-02", "2024-03-05", "2024-03-05", "2024-03-05",
            "2024-04-01", "2024-12-01", "2024-12-01", "2024-12-02", "2024-12-03", "2024-12-03"]
    articles = site_of(*(make(day, title=f"t{i}") for i, day in enumerate(days)))
    assert indexes.search_shards(articles, limit=3) == {
        "2024-03-01": (0, 1, 2), "2024-03-05": (3, 4, 5), "2024-04-01": (6,),  # the year, less its newest month
        "2024-12-01": (7, 8, 9), "2024-12-03": (10, 11)}  # the newest month
    assert indexes.search_shards(articles, limit=7) == {"2024": tuple(range(7)), "2024-12": tuple(range(7, 12))}
    # A day over the limit is a run of its own; one more article on the newest day leaves the others.
    grown = site_of(*articles, make("2024-12-03", title="t12"), make("2024-12-03", title="t13"))
    assert indexes.search_shards(grown, limit=3) == {
        "2024-03-01": (0, 1, 2), "2024-03-05": (3, 4, 5), "2024-04-01": (6,),
        "2024-12-01": (7, 8, 9), "2024-12-03": (10, 11, 12, 13)}
    assert indexes.newest_shard(grown) == "2024-12" and indexes.newest_shard(articles[:7]) == "2024-04"


def test_date_indexes_group_positions_by_year_month_and_day() -> None:
    articles = site_of(make("2023-12-31"), make("2024-01-01"), make("2024-01-01", title="b"), make("2024-02-03"))
    years, months, days = indexes.by_date(articles)
    assert years == {2023: (0,), 2024: (1, 2, 3)}
    assert months == {(2023, 12): (0,), (2024, 1): (1, 2), (2024, 2): (3,)}
    assert days == {(2023, 12, 31): (0,), (2024, 1, 1): (1, 2), (2024, 2, 3): (3,)}


def test_count_chips_read_article_for_one(tmp_path: Path) -> None:
    """Screen readers hear "(1 article)", not "(1 articles)" (a bug on 18,572 chips at 10,000)."""
    pairs = ["[Ann, Bob]", "[Ann, Bob]", "[Ann, Cem]", "[Cem, Dan]"]
    root = write_files(tmp_path, {f"content/s{i}.md": article(f"Story {i}", f"2024-01-0{i + 1}T10:00:00Z",
                                                              actors=names)
                                  for i, names in enumerate(pairs)})
    build_site(root, search=False)
    text = page(root / "site", "actors/ann")
    hidden = '<span class="count"><span class="visually-hidden">(</span>{}<span class="visually-hidden"> {})'
    assert "Bob " + hidden.format(2, "articles") in text
    assert "Cem " + hidden.format(1, "article") in text


def test_counts_of_a_thousand_and_more_are_grouped_as_the_screen_reader_text_is(tmp_path: Path) -> None:
    """A reader read "1041 articles in the archive" and "Articles 1041" where the chart's text
    said "1,041 articles": every count shown is written with its thousands grouped."""
    minutes = [i * 10 for i in range(1041)]  # 1,041 articles within a week of January 2024
    root = write_files(tmp_path, {f"content/s{i}.md": article(
        f"Story {i}", f"2024-01-{1 + m // 1440:02d}T{m // 60 % 24:02d}:{m % 60:02d}:00Z",
        tags="[Trade]", actors="[Ann Lee]") for i, m in enumerate(minutes)})
    build_site(root, search=False)
    site = root / "site"
    assert "<p class=\"meta\">1,041 articles in the archive</p>" in page(site, "")
    assert "articles 1,021 to 1,041, counted from the oldest" in page(site, "")
    assert '<h2 id="list-heading">Articles 1,001 to 1,020</h2>' in page(site, "page/51")
    assert re.search(r">Trade <span class=\"count\"><span class=\"visually-hidden\">\(</span>1,041<", page(site, ""))
    tag = page(site, "tags/trade")
    assert "<dt>Articles</dt><dd>1,041</dd>" in tag and "<td>1,041</td>" in tag
    assert re.search(r">Ann Lee <span class=\"count\"><span class=\"visually-hidden\">\(</span>1,041<", tag)
    assert ">Trade</a> <span class=\"count\">1,041</span>" in page(site, "tags")
    assert ">Ann Lee</a> <span class=\"count\">1,041</span>" in page(site, "actors")
    assert "<p class=\"meta\">1,041 articles</p>" in page(site, "2024")
    assert "<span class=\"n\" aria-hidden=\"true\">1,041</span>" in page(site, "2024")


def test_a_tag_and_an_actor_of_one_name_have_pages_and_feeds_of_distinct_titles(tmp_path: Path) -> None:
    """Tag "Russia" and actor "Russia" (182 such pairs at 3,000 generated articles) had pages, page 2s
    and feeds all titled "Russia · News Archive": two tabs, bookmarks or feed subscriptions that read
    alike. Each title now says what the page's kicker says, the kind."""
    root = write_files(tmp_path, {f"content/s{i}.md": article(
        f"Story {i}", f"2024-02-{i // 2 + 1:02d}T{10 + i % 2}:00:00Z", tags="[Russia]", actors="[Russia]")
        for i in range(40)})
    write_files(root, {"content/actors/russia.md": "---\nname: Russia\nkind: country\n---\n"})
    build_site(root, search=False)
    site = root / "site"

    def title(path: str) -> str:
        return re.findall(r"<title>(.*?)</title>", page(site, path))[0]

    assert title("tags/russia") == "Tag: Russia \u00b7 News Archive"
    assert title("actors/russia") == "Country: Russia \u00b7 News Archive"
    assert title("tags/russia/page/1") == "Tag: Russia (page 1) \u00b7 News Archive"
    assert title("actors/russia/page/1") == "Country: Russia (page 1) \u00b7 News Archive"
    assert "<h1>Russia</h1>" in page(site, "tags/russia")  # the heading stays the name
    feeds = [feedparser.parse((site / kind / "russia" / "feed.xml").read_bytes()).feed.title
             for kind in ("tags", "actors")]
    assert feeds == ["Tag: Russia \u00b7 News Archive", "Country: Russia \u00b7 News Archive"]


def test_the_site_navigation_says_which_section_the_reader_is_in(tmp_path: Path) -> None:
    """The header's Latest, Tags and Actors links looked the same on every page: nothing told a
    reader (nor a screen reader) where they were, as Hugo's, Pelican's and MkDocs' themes do."""
    root = write_files(tmp_path, {f"content/s{i}.md": article(
        f"Story {i}", f"2024-02-{i // 2 + 1:02d}T{10 + i % 2}:00:00Z", tags="[Trade]", actors="[Ann Lee]")
        for i in range(40)})
    build_site(root, search=False)
    site = root / "site"

    def nav(path: str) -> list[str]:
        header = page(site, path).split('<nav class="site-nav"')[1].split("</nav>")[0]
        return re.findall(r'<a href="[^"]*"(?: aria-current="(\w+)")?>', header)

    assert nav("") == ["page", "", ""]
    assert nav("page/1") == ["true", "", ""]
    assert nav("tags") == ["", "page", ""]
    assert nav("tags/trade") == nav("tags/trade/page/1") == ["", "true", ""]
    assert nav("actors") == ["", "", "page"]
    assert nav("actors/ann-lee") == ["", "", "true"]
    assert nav("2024") == nav("2024/02/01/story-0") == nav("search") == ["", "", ""]


def test_the_indexes_of_an_archive_without_tags_or_actors_say_so(tmp_path: Path) -> None:
    """An archive whose articles name no tag nor actor (an editor's first articles) showed /tags/
    and /actors/ as "0 in the archive, A to Z; each with its number of articles." over an empty
    "Jump to section" navigation landmark and an empty list."""
    root = write_files(tmp_path, {"content/a.md": article("Lonely story")})
    build_site(root, search=False)
    for path, noun in (("tags", "a tag"), ("actors", "an actor")):
        text = page(root / "site", path)
        main = text[text.index("<main"):text.index("</main>")]
        assert f"None in the archive yet: no article names {noun}." in main
        assert "<nav" not in main and "<ul" not in main and 'class="az"' not in main


def test_an_empty_archives_home_page_lists_nothing(tmp_path: Path) -> None:
    """A new project's home page said "No articles yet." above an empty list, which screen
    readers announce as a list of no items."""
    root = write_files(tmp_path, {"content/.keep": ""})
    build_site(root, search=False)
    main = page(root / "site", "")
    assert "<p>No articles yet.</p>" in main and "<ol" not in main[main.index("<main"):]


ARABIC_TITLE = "مصر تحذر الأمم المتحدة من نقص المياه"


def test_an_article_in_another_language_is_marked_wherever_its_text_is_shown(tmp_path: Path) -> None:
    """WCAG 3.1.2, language of parts: an Arabic article on an English site was read by screen
    readers with English rules, and its title ran left to right in every listing."""
    root = write_files(tmp_path, {
        "content/ar.md": article(ARABIC_TITLE, "2025-03-20T09:00:00Z", body="قالت مصر إن العمل سيستمر.",
                                 language="ar", summary="قالت مصر إن العمل سيستمر.", tags="[Water]",
                                 aliases="[/old/egypt-water/]"),
        "content/en.md": article("Egypt warns over water", "2025-03-21T09:00:00Z", tags="[Water]"),
    })
    build_site(root, search=False)
    site = root / "site"
    marked = ' lang="ar" dir="rtl"'
    own = (site / "2025/03/20" / _slug_folder(site / "2025/03/20") / "index.html").read_text()
    assert f"<h1 data-pagefind-meta=\"title\"{marked}>{ARABIC_TITLE}</h1>" in own
    assert f'<div class="body prose"{marked} data-pagefind-meta="language[lang]">' in own  # (search results too)
    assert '<html lang="en">' in own  # the page stays the site's: one search index, the English UI
    [ld] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', own)
    assert json.loads(ld)["inLanguage"] == "ar"
    assert f"{marked}>{ARABIC_TITLE}</a>" in (site / "old/egypt-water/index.html").read_text()  # its old URL's page
    for listing in ("index.html", "tags/water/index.html", "2025/03/index.html"):
        text = (site / listing).read_text()
        assert text.count(f"<h3{marked}><a ") == 1 and text.count("<h3><a ") == 1  # the Arabic title alone
    english = (site / "2025/03/21/egypt-warns-over-water/index.html").read_text()
    assert f'<span class="title"{marked}>{ARABIC_TITLE}</span>' in english  # its "Previous" link
    assert json.loads(re.findall(r'ld\+json">(.*?)</script>', english)[0])["inLanguage"] == "en"
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo
    assert [e.title_detail.language for e in feed.entries] == ["en", "ar"]  # xml:lang on its entry


def test_a_site_in_a_right_to_left_language_runs_right_to_left(tmp_path: Path) -> None:
    root = write_files(tmp_path, {
        "pyproject.toml": '[tool.archive]\nlanguage = "ar"\n',
        "content/ar.md": article(ARABIC_TITLE, "2025-03-20T09:00:00Z"),
        "content/en.md": article("Egypt warns over water", "2025-03-21T09:00:00Z", language="en"),
    })
    build_site(root, search=False)
    home = (root / "site" / "index.html").read_text()
    assert '<html lang="ar" dir="rtl">' in home
    assert '<h3 lang="en" dir="ltr"><a ' in home and "<h3><a " in home


def _slug_folder(day: Path) -> str:
    [folder] = [p.name for p in day.iterdir() if p.is_dir()]
    return folder


def test_every_older_page_links_the_latest_and_stays_right_as_pages_are_added(tmp_path: Path) -> None:
    """Found by a probe: from page 1 of a 50-page listing the newest articles were 49 clicks away
    (the pager showed the first page and the neighbours only). Every page not next to the front
    now links it; the link's URL never changes, and the page that stops being next to the front
    gains it in the build that adds the page: incremental builds equal a cold one."""
    files = {"pyproject.toml": "[tool.archive]\nper_page = 2\n"}
    files.update({f"content/s{i}.md": article(f"Story {i}", f"2024-01-{i + 1:02d}T10:00:00Z", tags="[Trade]")
                  for i in range(7)})
    root = write_files(tmp_path / "project", files)
    build_site(root, search=False)
    latest = '<li class="step"><a href="/"><span aria-hidden="true">« </span>Latest</a></li>'
    assert latest in page(root / "site", "page/1") and latest not in page(root / "site", "")
    for i in range(7, 12):  # new pages appear: older pages stop being next to the front
        write_files(root, {f"content/s{i}.md": article(f"Story {i}", f"2024-01-{i + 1:02d}T10:00:00Z",
                                                       tags="[Trade]")})
        build_site(root, search=False)
        cold = write_files(tmp_path / f"cold-{i}", {**files, **{f"content/s{j}.md": (root / f"content/s{j}.md")
                                                                 .read_text() for j in range(i + 1)}})
        build_site(cold, search=False, cache=False)
        assert snapshot(root / "site") == snapshot(cold / "site"), i
    pages = sorted(p.parent.name for p in (root / "site" / "page").glob("*/index.html"))
    assert [latest in page(root / "site", f"page/{n}") for n in pages] == \
        [int(n) + 1 < len(pages) + 1 for n in pages]  # all but the one next to the front
    tag_page = page(root / "site", "tags/trade/page/1")
    assert '<a href="/tags/trade/"><span aria-hidden="true">« </span>Latest</a>' in tag_page


def test_the_search_page_has_one_search_field(tmp_path: Path) -> None:
    """Found by a probe: the search page showed the header's empty box beside its own, both
    "Search the archive" to a screen reader. Without a search index the header's box stays."""
    root = write_files(tmp_path, {"content/a.md": article("Grain talks", "2025-03-20T09:00:00Z")})
    build_site(root)
    assert 'id="site-search"' not in page(root / "site", "search")
    assert 'id="site-search"' in page(root / "site", "")
    build_site(root, search=False)
    assert 'id="site-search"' in page(root / "site", "search")


def test_the_search_page_without_javascript_says_why_there_is_no_search(tmp_path: Path) -> None:
    """Found by a probe: an empty archive's search page, and that of a site built with --no-search,
    said "Full-text search needs JavaScript" to readers whose browser runs it."""
    root = write_files(tmp_path / "root", {"content/a.md": article("First story", "2024-05-01T10:00:00Z")})
    empty = write_files(tmp_path / "empty", {"content/.keep": ""})
    build_site(root, search=False)
    assert "built without its search index" in html_text(root / "site" / "search" / "index.html")
    build_site(empty, search=True)
    text = html_text(empty / "site" / "search" / "index.html")
    assert "nothing to search yet" in text and "JavaScript" not in text


def test_a_long_tags_front_page_jumps_to_each_year(tmp_path: Path) -> None:
    """Found at 100,000 articles: the tag Diplomacy had 1,782 pages and its pager linked page 1,
    the neighbours and the front page only, so its 2012 articles were hundreds of clicks away.
    A tag's or actor's front page of ten pages or more now links the page holding each year's
    newest article; full pages are unchanged (they never change as articles are added)."""
    files = {"pyproject.toml": "[tool.archive]\nper_page = 2\n"}
    files.update({f"content/s{y}-{m}.md": article(f"Story {y} {m}", f"{y}-{m:02d}-10T10:00:00Z", tags="[Trade]")
                  for y in (2022, 2023, 2024) for m in range(1, 9)})
    root = write_files(tmp_path, files)
    build_site(root, search=False)
    front = (root / "site" / "tags" / "trade" / "index.html").read_text("utf-8")
    jumps = re.findall(r'<li><a href="([^"]+)">(\d{4})</a></li>', front)
    assert jumps == [("/tags/trade/", "2024"), ("/tags/trade/page/8/", "2023"), ("/tags/trade/page/4/", "2022")]
    assert "Story 2023 8" in page(root / "site", "tags/trade/page/8")
    assert "Story 2022 8" in page(root / "site", "tags/trade/page/4")
    assert "Jump to a year" not in page(root / "site", "tags/trade/page/8")
    assert "Jump to a year" not in page(root / "site", "")  # the home page has its years already
    assert broken_links(root / "site") == []


def test_page_numbers_in_the_pager_group_their_thousands() -> None:
    """Found at 100,000 articles: a pager read "Page 1,500: articles 29,981 to 30,000" above links
    labelled "1499" and "1501"."""
    pager = _pager("tags/x/", indexes.Page(1500, 1783, (), 29_981), cast(Any, lambda path: "/" + path))
    assert [link.label for link in pager.links] == ["1", "\u2026", "1,499", "1,500", "1,501"]


def test_every_page_of_a_name_has_the_entity_keys_of_its_front_page(tmp_path: Path) -> None:
    """Found by a probe: the README gives entity.html "entity: its name and kind", but a name's
    older pages (page/N/) had only name and kind_label, so an override writing {{ entity.kind }}
    or {% if entity.chart %} built, and passed archive check, until a name reached a second page."""
    files: dict[str, str | bytes] = {
        "pyproject.toml": "[tool.archive]\nper_page = 2\n",
        "layouts/entity.html": ('{% extends "base.html" %}{% block main %}<p class="k">{{ entity.kind }}</p>'
                                '{% if entity.chart %}<p>chart</p>{% endif %}{{ entity.description }}'
                                '{% endblock %}\n'),
    }
    for day in range(1, 6):
        files[f"content/a{day}.md"] = article(f"Story {day}", f"2024-05-0{day}T10:00:00Z", tags="[NATO]",
                                              actors="[Mark Rutte]")
    write_files(tmp_path, files)
    build_site(tmp_path, search=False)
    for path in ("tags/nato/", "tags/nato/page/1/", "actors/mark-rutte/", "actors/mark-rutte/page/1/"):
        page = (tmp_path / "site" / path / "index.html").read_text()
        assert re.search(r'<p class="k">(tag|other|person)</p>', page), path
    assert "<p>chart</p>" in (tmp_path / "site/tags/nato/index.html").read_text()
    assert "<p>chart</p>" not in (tmp_path / "site/tags/nato/page/1/index.html").read_text()


def test_a_names_older_pages_have_the_front_pages_entity_keys_none_where_they_count_articles(
        tmp_path: Path) -> None:
    """Found in review: the older pages' entity keys were a hand-made copy of the front page's,
    with a count of 0 shown as a fact; one list of keys now, those about the articles None."""
    write_files(tmp_path, {"content/a.md": article("Talks", "2024-05-01T10:00:00Z", tags="[NATO]"),
                           "content/b.md": article("More talks", "2024-05-02T10:00:00Z", tags="[NATO]"),
                           "content/tags/nato.md": "---\nname: NATO\naliases: [North Atlantic Alliance]\n"
                                                   "description: The alliance.\n---\n"})
    site = build_site(tmp_path, search=False).site
    assert site is not None
    entity = site.tags.entity("NATO")
    members = site.tag_index["NATO"]
    front = name_views._entity_view(site, entity, members, _Urls(site), "tag")
    every = name_views._entity_every(entity, "tag")
    assert set(every) == set(front)
    assert {k for k, v in every.items() if v != front[k]} - {"together"} == set(name_views._PER_ARTICLE_KEYS)
    assert every["description"] == "The alliance." and every["aliases"] == ["North Atlantic Alliance"]
    assert all(every[k] is None for k in name_views._PER_ARTICLE_KEYS) and every["together"] == []
