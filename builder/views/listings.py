"""Paginated listings of articles (the home page, a tag's, an actor's, a period's): their pages,
the pager, and the home page's own front (the trending names, the years)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from builder import indexes, routes
from builder.indexes import Page
from builder.site import Site
from builder.views.base import (
    Job,
    Link,
    PageMeta,
    Pager,
    PageSpec,
    SiteView,
    Topic,
    _Links,
    _Urls,
    format_date,
    iso,
    plural,
)

TRENDING_DAYS = 30  # the home page's "latest 30 days", counted back from the newest article
TRENDING_COUNT = 12
YEAR_JUMP_PAGES = 10  # a tag's or actor's listing of this many pages or more: its front page jumps to each year


@dataclass(frozen=True)
class _Listing:
    """What every page of one listing shares. Counts, descriptions and other data that change
    with every new article (``front``, computed only for the front page) go on the front page
    only, so a full page, once written, never changes."""

    first: str  # the front page's path
    template: str
    view: SiteView
    links: _Links
    urls: _Urls
    heading: str
    kind: str
    description: str = ""
    feed_url: str = ""
    front: Callable[[], dict[str, Any]] | None = None
    every: dict[str, Any] | None = None
    topic: Topic = None
    title: str = ""  # the pages' <title> when the heading alone is not enough ("Tag: Russia")
    site: Site | None = None  # a tag's or actor's: its long listing's front page jumps to each year


SECTIONS = {"home": "home", "tag": "tags", "actor": "actors"}  # a listing's kind: its header link


def _listing_pages(listing: _Listing, positions: Sequence[int], per_page: int) -> list[PageSpec]:
    first = listing.first
    pages = [(first if page.is_front else routes.page_path(first, page.number), page)
             for page in indexes.paginate(positions, per_page)]
    return [PageSpec(path, listing.template, partial(_listing_job, listing, path, page, positions, per_page),
                     listing.topic, page.count - page.number) for path, page in pages]


def _listing_job(listing: _Listing, path: str, page: Page, positions: Sequence[int], per_page: int) -> Job:
    total = len(positions)
    first, urls, heading = listing.first, listing.urls, listing.heading
    named = listing.title or heading
    title = named if page.is_front else f"{named} (page {page.number})"
    meta = listing.description if page.is_front else f"{heading}, page {page.number}."
    context = {
        "site": listing.view,
        "page": PageMeta(title, urls.absolute(path), meta, listing.kind, listing.feed_url,
                         SECTIONS.get(listing.kind, ""), named),
        "heading": heading,
        "items": [listing.links[p] for p in page.items],
        "pager": _pager(first, page, urls, _year_pages(listing, page, positions, per_page)) if page.count > 1 else None,
        "is_front": page.is_front,
        "total": total if page.is_front else 0,
        "front_url": urls(first),
        **(listing.every or {}),
        **(listing.front() if page.is_front and listing.front else {}),
    }
    return Job(path, listing.template, context, page.items)


def _year_pages(listing: _Listing, page: Page, positions: Sequence[int], per_page: int) -> dict[int, int]:
    """Newest year first, the page holding each year's newest article: a long tag's or actor's
    front page only (full pages never change, and the front page changes anyway)."""
    if listing.site is None or not page.is_front or page.count < YEAR_JUMP_PAGES:
        return {}
    articles = listing.site.articles
    years: dict[int, int] = {}
    for at in range(len(positions) - 1, -1, -1):
        years.setdefault(articles[positions[at]].date.year, min(at // per_page + 1, page.count))
    return years


def _pager(first: str, page: Page, urls: _Urls, years: dict[int, int] | None = None) -> Pager:
    def page_url(number: int) -> str:
        return urls(first if number == page.count else routes.page_path(first, number))

    shown = sorted({n for n in (1, page.number - 1, page.number, page.number + 1)
                    if 1 <= n <= page.count})
    links: list[Link] = []
    for i, number in enumerate(shown):
        if i and number != shown[i - 1] + 1:
            links.append(Link("", "\u2026"))
        label = "Latest" if number == page.count else f"{number:,}"  # as "Page 1,500" above it
        links.append(Link("" if number == page.number else page_url(number), label, number))
    return Pager(page.number, page.first_item, page.first_item + len(page.items) - 1,
                 page_url(page.number - 1) if page.number > 1 else None,
                 page_url(page.number + 1) if not page.is_front else None, tuple(links),
                 page_url(page.count) if page.number + 1 < page.count else None,
                 tuple(Link(page_url(number), str(year), number) for year, number in (years or {}).items()))


def _home_pages(site: Site, view: SiteView, links: _Links, urls: _Urls) -> list[PageSpec]:
    """The home page: the listing of every article; its front shows the trending names and the years."""
    s = site.settings
    return _listing_pages(_Listing("", "listing.html", view, links, urls, heading=s.title, kind="home",
                                   description=s.description, every={"trending": None, "years": []},
                                   front=partial(_home_front, site, urls)),
                          range(len(links)), s.per_page)


def _home_front(site: Site, urls: _Urls) -> dict[str, Any]:
    return {"trending": _trending(site, urls),
            "years": [Link(urls(routes.year_path(y)), str(y), len(site.year_index[y]))
                      for y in sorted(site.year_index, reverse=True)]}


def _trending(site: Site, urls: _Urls) -> dict[str, Any] | None:
    """The actors and tags most present in the TRENDING_DAYS days up to the newest article: front
    page only, since it changes with every article."""
    window = indexes.latest_days(site.articles, TRENDING_DAYS)
    if not window:
        return None
    first, newest = site.articles[window[0]].date, site.articles[-1].date
    actors = [Link(urls.entity("actor", site.actors.entity(name)), name, count, site.actors.entity(name).kind)
              for name, count in indexes.top_names(site.articles, window, lambda a: a.actors, TRENDING_COUNT)
              if name in urls.paged["actor"]]
    tags = [Link(urls.entity("tag", site.tags.entity(name)), name, count, "tag")
            for name, count in indexes.top_names(site.articles, window, lambda a: a.tags, TRENDING_COUNT)
            if name in urls.paged["tag"]]
    return {"days": TRENDING_DAYS, "count": len(window), "count_text": plural(len(window), "article"),
            "actors": actors, "tags": tags,
            "since_text": format_date(first, with_time=False), "since_iso": iso(first),
            "until_text": format_date(newest, with_time=False), "until_iso": iso(newest)}
