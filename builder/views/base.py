"""What every kind of page shares: the view types, the site's URLs, an article's link, dates
and counts as pages write them."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from markupsafe import Markup

from builder import routes
from builder.language import direction, part_attributes
from builder.model import Article, Profile
from builder.names import Entity, Names
from builder.site import Site

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
KIND_SINGULAR = {"person": "Person", "organisation": "Organisation", "country": "Country",
                 "place": "Place", "other": "Actor"}
NO_BODY = Markup("")


# What pages show of an article besides its structure (date, names, URL, aliases): a change of
# these alone re-renders only the pages whose Job lists the article in ``refs``.
DISPLAY_FIELDS = frozenset({"title", "summary", "source", "source_id", "source_url", "image",
                            "body_html", "words", "digest", "extra"})


Topic = tuple[str | int, ...] | None


@dataclass(frozen=True)
class Job:
    path: str  # site path: "" is the home page, "x/" a folder's index.html, else a file
    template: str
    context: dict[str, Any]
    refs: tuple[int, ...] = ()  # positions of the articles whose display fields the page shows


@dataclass(frozen=True)
class PageSpec:
    """A page to be: its path and template now, its view data when ``make`` is called."""

    path: str
    template: str
    make: Callable[[], Job]
    # What the page is about, for rebuilds that know what changed (builder.pages): ("article",
    # position), ("actor", name), ("tag", name), ("year", y), ("month", y, m), ("day", y, m, d);
    # None for pages about the whole archive (home, indexes, feeds, sitemaps).
    topic: Topic = None
    # A listing page: how many pages of its listing are newer (0: the front page). New articles
    # change only the newest few (builder.indexes.paginate); 0 for every other page.
    newer_pages: int = 0


@dataclass(frozen=True)
class Link:
    url: str
    label: str
    count: int = 0
    kind: str = ""


@dataclass(frozen=True)
class ArticleLink:
    url: str
    title: str
    date_iso: str
    date_text: str
    source: str
    summary: str
    lang: Markup  # lang and dir attributes for the title and summary in another language, else ""
    # A hash of the fields above, made once per link and process: page keys take it instead of
    # them (a listing page shows 20 links, and each article is on a dozen pages).
    key: bytes = field(compare=False, repr=False)

    @classmethod
    def keyed(cls, url: str, title: str, date_iso: str, date_text: str, source: str, summary: str,
              lang: Markup) -> ArticleLink:
        shown = "\0".join((url, title, date_iso, date_text, source, summary, lang))
        return cls(url, title, date_iso, date_text, source, summary, lang, hashlib.sha1(shown.encode()).digest())


@dataclass(frozen=True)
class SiteView:
    title: str
    description: str
    language: str
    direction: str  # of the site's language: "rtl" or "ltr"
    base_path: str
    origin: str
    home_url: str
    search_url: str
    tags_url: str
    actors_url: str
    feed_url: str
    css_url: str
    search_js_url: str
    search_enabled: bool  # false with --no-search: the search page then offers only the fallback
    listing_summaries: bool  # listings show summaries (the home page always does)


@dataclass(frozen=True)
class PageMeta:
    title: str
    canonical: str  # absolute URL; "" for a page of no address of its own (404.html: not indexed)
    description: str = ""
    kind: str = "page"
    feed_url: str = ""
    section: str = ""  # the header link the page is under: "home", "tags" or "actors"
    feed_title: str = ""  # the feed's name for readers: the same on every page of a listing


@dataclass(frozen=True)
class MoreAbout:
    """An actor of an article and its most recent articles before this one."""

    actor: Link
    kind_label: str
    items: tuple[ArticleLink, ...]
    note: str = ""  # why there are no items
    picks: tuple[int, ...] = ()  # the items' positions (the page's refs)


@dataclass(frozen=True)
class Bar:
    label: str  # "March 2025"
    count: int
    level: int  # 0 to CHART_STEPS (views.names): the bar's height in tenths of the tallest
    new_year: bool  # a January after the first bar: a tick on the time axis


@dataclass(frozen=True)
class Area:
    """A chart of many months as one SVG shape: ``outline`` is its path, a step a month (a month
    is one unit wide, the busiest month ``height`` high, a month with an article at least one),
    ``ticks`` a line at each January but the first."""

    width: int
    height: int
    outline: str
    ticks: str


@dataclass(frozen=True)
class Chart:
    """Articles per month (per year over centuries), as bars, or as an area over more months than
    bars can show; ``summary`` is its accessible name, ``years`` its text alternative."""

    bars: tuple[Bar, ...]
    summary: str
    start_label: str
    end_label: str
    peak: int
    years: tuple[tuple[str, int], ...]  # (year, articles), oldest first
    dense: bool  # too many bars for gaps between them
    unit: str = "month"  # what a bar counts: month, or year over centuries
    area: Area | None = None  # instead of bars, over many months


@dataclass(frozen=True)
class Cell:
    """One month of a year page's heat map, or one day of a month page's calendar."""

    label: str  # "March", or "3 March 2025"
    short: str  # "Mar", or "3"
    url: str  # empty when the period has no articles: shown, not linked
    count: int
    level: int  # 0 to HEAT_STEPS (views.dates)
    text: str  # "3 articles", "no articles"


@dataclass(frozen=True)
class Pager:
    number: int
    first_item: int
    last_item: int
    older_url: str | None
    newer_url: str | None
    links: tuple[Link, ...]  # label "…" with an empty url is a gap; empty url = current page
    # The front page (the newest articles), from a page not next to it: its URL never changes,
    # so an old page keeps its bytes as the archive grows.
    latest_url: str | None = None
    # A long tag's or actor's front page: each year with the page that holds its newest article
    # (1,782 pages for a tag of 35,000 articles were otherwise one page at a time).
    years: tuple[Link, ...] = ()


@dataclass(frozen=True)
class ArticleView:
    title: str
    url: str
    date_iso: str
    date_text: str
    updated_iso: str
    updated_text: str
    source: str
    source_id: str
    source_url: str
    author: str
    image: str
    summary: str
    body_digest: str  # the body comes from the body store at render time, not through the view
    source_rel: str
    words: int
    reading_minutes: int
    tags: tuple[Link, ...]
    actors: tuple[Link, ...]
    day_url: str
    year: str
    sort_key: str  # UTC ISO 8601: sorts in time order whatever the site zone's offsets
    lang: Markup  # lang and dir attributes for the text in another language than the site's, else ""
    extra: dict[str, Any] = field(default_factory=dict)
    json_ld: Markup = NO_BODY  # schema.org NewsArticle, escaped for a <script> element
    body_html: Markup = NO_BODY


# The value types of page contexts (builder.pages.page_key pickles them field by field).
VIEW_TYPES = (Link, ArticleLink, SiteView, PageMeta, MoreAbout, Bar, Area, Chart, Cell, Pager, ArticleView)


def _curated(profile: Profile | None) -> bool:
    return profile is not None and not profile.stub


class _Urls:
    """Root-relative URLs under the base path, and absolute ones for feeds and canonicals."""

    def __init__(self, site: Site) -> None:
        self.base = site.settings.base_path
        self.origin = site.settings.origin
        self.language = site.settings.language  # (text in another language is marked as such)
        # Names with a page (and a feed): every tag (editors choose them); actors named in enough
        # articles or given a profile (other than an import's stub nobody has edited). The many
        # actors an importer finds once would otherwise each cost a page and a feed for one link.
        least = site.settings.actor_page_min
        self.paged = {"tag": set(site.tag_index),
                      "actor": {name for name, members in site.actor_index.items()
                                if len(members) >= least or _curated(site.actors.entity(name).profile)}}
        self._chips: dict[tuple[str, str], Link] = {}

    def chip(self, kind: str, registry: Names, name: str) -> Link:
        """A tag's or actor's link without a count (made once: articles name the same few often)."""
        link = self._chips.get((kind, name))
        if link is None:
            entity = registry.entity(name)
            link = self._chips[kind, name] = Link(self.entity(kind, entity), entity.name, 0, entity.kind)
        return link

    def entity(self, kind: str, entity: Entity) -> str:
        """The URL of a tag's or actor's page; "" when it has none."""
        if entity.name not in self.paged[kind]:
            return ""
        return self(routes.actor_path(entity.slug) if kind == "actor" else routes.tag_path(entity.slug))

    def __call__(self, path: str) -> str:
        return routes.url(self.base, path)

    def absolute(self, path: str) -> str:
        return self.origin + self(path)

    def link(self, value: str) -> str:
        """A URL from front matter (``source_url``): an http(s) address as it is, a site path
        (``/archive/original.html``) under the base path, as aliases are."""
        return self(value.removeprefix("/")) if value.startswith("/") else value

    def absolute_link(self, value: str) -> str:
        """``link``, absolute: what Open Graph and JSON-LD need (``image``)."""
        return self.absolute(value.removeprefix("/")) if value.startswith("/") else value


def entity_urls(site: Site) -> dict[str, str]:
    """Every tag's and actor's page URL ("" for a name without a page), keyed "tag:name" and
    "actor:name": a rebuild compares them with the previous build's."""
    urls = _Urls(site)
    return {f"{kind}:{name}": urls.entity(kind, registry.entity(name))
            for kind, registry, index in (("tag", site.tags, site.tag_index), ("actor", site.actors, site.actor_index))
            for name in index}


def format_date(value: datetime, with_time: bool = True) -> str:
    text = f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    return f"{text}, {value:%H:%M} {value.tzname()}" if with_time else text


def iso(value: datetime | None) -> str:
    """RFC 3339, as feeds, sitemaps, JSON-LD and <time> want it. An offset with seconds (local
    mean time, +00:19:32 in Amsterdam until 1937) is in none of them: such a time is given in UTC."""
    if not value:
        return ""
    offset = value.utcoffset()
    if offset is not None and offset % _MINUTE:
        value = value.astimezone(UTC)
    return value.isoformat()


_MINUTE = timedelta(minutes=1)


def _site_view(site: Site, urls: _Urls, search: bool) -> SiteView:
    s = site.settings
    return SiteView(s.title, s.description, s.language, direction(s.language), s.base_path, s.origin, urls(""),
                    urls("search/"), urls("tags/"), urls("actors/"), urls("feed.xml"),
                    urls("assets/style.css"), urls("assets/search.js"), search,
                    s.listing_summaries)


class _Links:
    """Each article's link as listings show it, made when first asked for: a rebuild that checks
    a few pages of 100,000 articles makes a few, and each render worker makes its own."""

    def __init__(self, site: Site, urls: _Urls) -> None:
        self._articles, self._urls = site.articles, urls
        self._made: dict[int, ArticleLink] = {}

    def __getitem__(self, position: int) -> ArticleLink:
        link = self._made.get(position)
        if link is None:
            link = self._made[position] = _article_link(self._articles[position], self._urls)
        return link

    def __len__(self) -> int:
        return len(self._articles)


def _article_link(article: Article, urls: _Urls) -> ArticleLink:
    return ArticleLink.keyed(urls(routes.article_path(article)), article.title, article.date.date().isoformat(),
                             format_date(article.date, with_time=False), article.source, article.summary,
                             part_attributes(article.language, urls.language))


def _kind_label(entity: Entity, kind: str) -> str:
    return KIND_SINGULAR.get(entity.kind, "Actor") if kind == "actor" else "Tag"


def plural(count: int, word: str) -> str:
    """``1 article``, ``10,000 articles``: for pages and for the lines commands print."""
    return f"{count:,} {noun(count, word)}"


def noun(count: int, word: str) -> str:
    """The word alone, for a count shown apart from it: ``article`` for 1, else ``articles``."""
    return word if count == 1 else f"{word}s"
