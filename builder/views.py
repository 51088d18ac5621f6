"""Views: display-ready data for every page, computed before any template runs.

Templates only show what is here: URLs are final, dates are formatted, lists are sorted.
``site_pages`` lists one ``PageSpec`` per output file, in a stable order; its ``make`` computes
the page's ``Job`` only when called, so a rebuild computes the views of the pages it needs,
and render workers compute them in parallel.

Each Job names the articles whose display fields (``DISPLAY_FIELDS``: title, summary, source...)
it shows in ``refs``. Everything else a page shows of articles (dates, names, URLs) is their
structure: while that is unchanged, an edited article changes only the pages that refer to it.
"""

from __future__ import annotations

import hashlib
import json
from calendar import monthrange
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cache, cached_property, lru_cache, partial
from typing import Any

from markupsafe import Markup

from builder import indexes, routes
from builder.indexes import Page
from builder.model import Article
from builder.names import Entity, Names
from builder.site import Site
from builder.slugs import name_key, slugify

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
KIND_LABELS = {"person": "People", "organisation": "Organisations", "country": "Countries",
               "place": "Places", "other": "Others"}
KIND_SINGULAR = {"person": "Person", "organisation": "Organisation", "country": "Country",
                 "place": "Place", "other": "Actor"}
WORDS_PER_MINUTE = 230
NO_BODY = Markup("")
MORE_ABOUT_ACTORS = 3  # "More about" the article's first actors...
MORE_ABOUT_ITEMS = 2  # ...each with its most recent earlier articles
TRENDING_DAYS = 30  # the home page's "latest 30 days", counted back from the newest article
TRENDING_COUNT = 12
TOGETHER_COUNT = 10
CHART_STEPS = 10  # bar heights in tenths of the tallest bar
DENSE_BARS = 48  # above this many months, bars touch
CHART_MONTHS = 60  # above this many months, one bar a year
CHART_YEARS = 100  # above this many years, bars only for the years with articles
HEAT_STEPS = 4  # heat-map levels of the date archive's month and day grids
TOP_PER_KIND = 50  # the actors index shows a kind's most named first when it has more than this
TOP_TAGS = 30
# An index of more names than this gives each letter of its long lists a page of its own
# (/actors/a-z/others/c/, /tags/a-z/c/): 4,400 actors on one page weighed 500 kB.
INDEX_NAMES_MAX = 400
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


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
    # A hash of the fields above, made once per link and process: page keys take it instead of
    # them (a listing page shows 20 links, and each article is on a dozen pages).
    key: bytes = field(compare=False, repr=False)

    @classmethod
    def keyed(cls, url: str, title: str, date_iso: str, date_text: str, source: str, summary: str) -> ArticleLink:
        shown = "\0".join((url, title, date_iso, date_text, source, summary))
        return cls(url, title, date_iso, date_text, source, summary, hashlib.sha1(shown.encode()).digest())


@dataclass(frozen=True)
class SiteView:
    title: str
    description: str
    language: str
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


@dataclass(frozen=True)
class PageMeta:
    title: str
    canonical: str  # absolute URL
    description: str = ""
    kind: str = "page"
    feed_url: str = ""


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
    level: int  # 0 to CHART_STEPS: the bar's height in tenths of the tallest
    new_year: bool  # a January after the first bar: a tick on the time axis


@dataclass(frozen=True)
class Chart:
    """Articles per month (per year over long spans), as bars; ``summary`` is its accessible name,
    ``years`` its text alternative."""

    bars: tuple[Bar, ...]
    summary: str
    start_label: str
    end_label: str
    peak: int
    years: tuple[tuple[str, int], ...]  # (year, articles), oldest first
    dense: bool  # too many bars for gaps between them
    unit: str = "month"  # what a bar counts: month, or year for long spans


@dataclass(frozen=True)
class Cell:
    """One month of a year page's heat map, or one day of a month page's calendar."""

    label: str  # "March", or "3 March 2025"
    short: str  # "Mar", or "3"
    url: str  # empty when the period has no articles: shown, not linked
    count: int
    level: int  # 0 to HEAT_STEPS
    text: str  # "3 articles", "no articles"


@dataclass(frozen=True)
class Pager:
    number: int
    first_item: int
    last_item: int
    older_url: str | None
    newer_url: str | None
    links: tuple[Link, ...]  # label "…" with an empty url is a gap; empty url = current page


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
    extra: dict[str, Any] = field(default_factory=dict)
    json_ld: Markup = NO_BODY  # schema.org NewsArticle, escaped for a <script> element
    body_html: Markup = NO_BODY


# The value types of page contexts (builder.pages.page_key pickles them field by field).
VIEW_TYPES = (Link, ArticleLink, SiteView, PageMeta, MoreAbout, Bar, Chart, Cell, Pager, ArticleView)


class _Urls:
    """Root-relative URLs under the base path, and absolute ones for feeds and canonicals."""

    def __init__(self, site: Site) -> None:
        self.base = site.settings.base_path
        self.origin = site.settings.origin
        # Names with a page (and a feed): every tag (editors choose them); actors named in enough
        # articles or given a profile. The many actors an importer finds once would otherwise
        # each cost a page and a feed for a single link.
        least = site.settings.actor_page_min
        self.paged = {"tag": set(site.tag_index),
                      "actor": {name for name, members in site.actor_index.items()
                                if len(members) >= least or site.actors.entity(name).profile is not None}}
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
    return value.isoformat() if value else ""


def _site_view(site: Site, urls: _Urls, search: bool) -> SiteView:
    s = site.settings
    return SiteView(s.title, s.description, s.language, s.base_path, s.origin, urls(""),
                    urls("search/"), urls("tags/"), urls("actors/"), urls("feed.xml"),
                    urls("assets/style.css"), urls("assets/search.js"), search)


def _every(topic: Topic) -> bool:
    return True


def site_pages(site: Site, search: bool = True, wanted: Callable[[Topic], bool] | None = None) -> list[PageSpec]:
    """Every output file of the site, its view data not computed yet; with ``wanted``, of the
    pages about an article, a name or a period only those whose topic it accepts (a rebuild
    that knows what changed lists no more)."""
    urls = _Urls(site)
    s = site.settings
    view = _site_view(site, urls, search)
    links = _Links(site, urls)
    wanted = wanted or _every
    pages = list(_article_pages(site, view, links, urls, wanted))
    pages += _listing_pages(_Listing("", "listing.html", view, links, urls, heading=s.title, kind="home",
                                     description=s.description, every={"trending": None, "years": []},
                                     front=partial(_home_front, site, urls)),
                            range(len(links)), s.per_page)
    pages += _entity_pages(site, view, links, urls, wanted)
    pages += _date_pages(site, view, links, urls, wanted)
    pages += _special_pages(site, view, urls)
    return pages


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
                       format_date(article.date, with_time=False), article.source, article.summary)


def _entity_links(names: Sequence[str], registry: Names, urls: _Urls, kind: str) -> tuple[Link, ...]:
    # No counts here: they change with every new article, and would rewrite every article page.
    return tuple(urls.chip(kind, registry, name) for name in names)


def article_job(site: Site, position: int, search: bool = True) -> Job:
    """The page of one article alone (the dev server's quick preview of an edit)."""
    urls = _Urls(site)
    return _article_job(site, _site_view(site, urls, search), lambda p: _article_link(site.articles[p], urls),
                        urls, position)


def _article_job(site: Site, view: SiteView, link: Callable[[int], ArticleLink], urls: _Urls,
                 position: int) -> Job:
    article = site.articles[position]
    path = routes.article_path(article)
    older, newer = indexes.neighbours(len(site.articles), position)
    related = indexes.related(site.articles, site.tag_index, site.actor_index, position,
                              site.settings.related_count)
    more = _more_about(site, position, related, link, urls)
    context = {
        "site": view,
        "page": PageMeta(article.title, urls.absolute(path), article.summary, "article"),
        "article": _article_view(site, article, urls),
        "older": link(older) if older is not None else None,
        "newer": link(newer) if newer is not None else None,
        "related": [link(r) for r in related],
        "more_about": more,
    }
    shown = [p for p in (older, newer) if p is not None] + related + [p for m in more for p in m.picks]
    return Job(path, "article.html", context, (position, *shown))


def _more_about(site: Site, position: int, related: Sequence[int], link: Callable[[int], ArticleLink],
                urls: _Urls) -> list[MoreAbout]:
    """The first actors of the article, each with its latest EARLIER articles not already listed
    as related: an older article's page stays the same when newer articles arrive."""
    result = []
    for name, picks in indexes.more_about(site.articles, site.actor_index, position, MORE_ABOUT_ACTORS,
                                          MORE_ABOUT_ITEMS, exclude=related):
        entity = site.actors.entity(name)
        if name not in urls.paged["actor"]:
            continue  # named in this article alone: nothing more to show
        note = ""
        if not picks:
            first = site.actor_index[name][0] == position
            note = (f"The first article about {entity.name} in the archive." if first
                    else "Its earlier articles are listed above.")
        result.append(MoreAbout(Link(urls.entity("actor", entity), entity.name, 0, entity.kind),
                                _kind_label(entity, "actor"), tuple(link(p) for p in picks), note,
                                tuple(picks)))
    return result


def _article_pages(site: Site, view: SiteView, links: _Links, urls: _Urls,
                   wanted: Callable[[Topic], bool]) -> Iterator[PageSpec]:
    for position, article in enumerate(site.articles):
        if not wanted(("article", position)):
            continue
        path = routes.article_path(article)
        yield PageSpec(path, "article.html", partial(_article_job, site, view, links.__getitem__, urls, position),
                       ("article", position))
        for alias in routes.alias_paths(article):
            yield PageSpec(alias, "redirect.html",
                           partial(_redirect_job, view, urls, alias, path, article.title, position),
                           ("article", position))


def _redirect_job(view: SiteView, urls: _Urls, path: str, target: str, title: str, position: int) -> Job:
    return Job(path, "redirect.html", {"site": view, "target": urls(target), "canonical": urls.absolute(target),
                                       "title": title}, (position,))


def _article_view(site: Site, article: Article, urls: _Urls) -> ArticleView:
    return ArticleView(
        title=article.title, url=urls(routes.article_path(article)), date_iso=iso(article.date),
        date_text=format_date(article.date), updated_iso=iso(article.updated),
        updated_text=format_date(article.updated) if article.updated else "",
        source=article.source, source_id=article.source_id, source_url=article.source_url,
        image=article.image, summary=article.summary, body_digest=article.digest, source_rel=article.rel,
        words=article.words, reading_minutes=max(1, round(article.words / WORDS_PER_MINUTE)),
        tags=_entity_links(article.tags, site.tags, urls, "tag"),
        actors=_entity_links(article.actors, site.actors, urls, "actor"),
        day_url=urls(routes.day_path(article.date)), year=str(article.date.year),
        sort_key=article.date.astimezone(UTC).replace(tzinfo=None, microsecond=0).isoformat() + "Z",
        extra=article.extra,
        json_ld=_json_ld(site, article, urls))


SCHEMA_TYPES = {"person": "Person", "organisation": "Organization", "country": "Country",
                "place": "Place", "other": "Thing"}


def _json_ld(site: Site, article: Article, urls: _Urls) -> Markup:
    """schema.org NewsArticle: what search engines need, not a copy of the page (the summary is
    its meta description; the actors beyond the first three are in the page)."""
    things = []
    for name in article.actors[:3]:
        entity = site.actors.entity(name)
        thing = {"@type": SCHEMA_TYPES.get(entity.kind, "Thing"), "name": name}
        if name in urls.paged["actor"]:
            thing["url"] = urls.origin + urls.entity("actor", entity)
        things.append(thing)
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": article.title[:110],
        "datePublished": iso(article.date), "dateModified": iso(article.updated or article.date),
        "mainEntityOfPage": urls.absolute(routes.article_path(article)),
        "publisher": {"@type": "Organization", "name": site.settings.publisher or site.settings.title},
        "about": things, "keywords": list(article.tags),
    }
    if article.source:
        data["sourceOrganization"] = {"@type": "Organization", "name": article.source}
    if article.image:
        data["image"] = article.image
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    # Inside <script>, "</script" or "<!--" in a value would end the element: escape every "<".
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


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


def _listing_pages(listing: _Listing, positions: Sequence[int], per_page: int) -> list[PageSpec]:
    first = listing.first
    pages = [(first if page.is_front else routes.page_path(first, page.number), page)
             for page in indexes.paginate(positions, per_page)]
    return [PageSpec(path, listing.template, partial(_listing_job, listing, path, page, len(positions)),
                     listing.topic, page.count - page.number) for path, page in pages]


def _listing_job(listing: _Listing, path: str, page: Page, total: int) -> Job:
    first, urls, heading = listing.first, listing.urls, listing.heading
    title = heading if page.is_front else f"{heading} (page {page.number})"
    meta = listing.description if page.is_front else f"{heading}, page {page.number}."
    context = {
        "site": listing.view,
        "page": PageMeta(title, urls.absolute(path), meta, listing.kind, listing.feed_url),
        "heading": heading,
        "items": [listing.links[p] for p in page.items],
        "pager": _pager(first, page, urls) if page.count > 1 else None,
        "is_front": page.is_front,
        "total": total if page.is_front else 0,
        "front_url": urls(first),
        **(listing.every or {}),
        **(listing.front() if page.is_front and listing.front else {}),
    }
    return Job(path, listing.template, context, page.items)


def _pager(first: str, page: Page, urls: _Urls) -> Pager:
    def page_url(number: int) -> str:
        return urls(first if number == page.count else routes.page_path(first, number))

    shown = sorted({n for n in (1, page.number - 1, page.number, page.number + 1)
                    if 1 <= n <= page.count})
    links: list[Link] = []
    for i, number in enumerate(shown):
        if i and number != shown[i - 1] + 1:
            links.append(Link("", "\u2026"))
        label = "Latest" if number == page.count else str(number)
        links.append(Link("" if number == page.number else page_url(number), label, number))
    return Pager(page.number, page.first_item, page.first_item + len(page.items) - 1,
                 page_url(page.number - 1) if page.number > 1 else None,
                 page_url(page.number + 1) if not page.is_front else None, tuple(links))


def _entity_pages(site: Site, view: SiteView, links: _Links, urls: _Urls,
                  wanted: Callable[[Topic], bool]) -> list[PageSpec]:
    per_page = site.settings.per_page
    pages: list[PageSpec] = []
    for registry, index, to_path, kind in ((site.tags, site.tag_index, routes.tag_path, "tag"),
                                           (site.actors, site.actor_index, routes.actor_path, "actor")):
        entities = [e for e in registry.entities() if e.name in index]
        names = _NameIndex(site, entities, index, urls, kind)
        pages.append(PageSpec(names.path, "entities.html", partial(_entity_index_job, names, view, urls)))
        pages += [PageSpec(path, "letter.html", partial(_letter_job, names, view, urls, group, letter))
                  for group, letter, path in names.letter_pages()]
        for entity in (e for e in entities if e.name in urls.paged[kind] and wanted((kind, e.name))):
            members = index[entity.name]
            feed = f"{to_path(entity.slug)}feed.xml"
            pages.append(PageSpec(feed, "feed.xml", partial(
                _feed_job, site, view, urls, feed, f"{entity.name} · {site.settings.title}", members,
                to_path(entity.slug)), (kind, entity.name)))
            pages += _listing_pages(_Listing(
                to_path(entity.slug), "entity.html", view, links, urls, heading=entity.name, kind=kind,
                feed_url=urls(feed), description=_entity_description(entity, len(members)),
                every={"entity": {"name": entity.name, "kind_label": _kind_label(entity, kind)}},
                front=partial(_entity_front, site, entity, members, urls, kind), topic=(kind, entity.name)),
                members, per_page)
    return pages


def _entity_front(site: Site, entity: Entity, members: tuple[int, ...], urls: _Urls, kind: str,
                  ) -> dict[str, Any]:
    return {"entity": _entity_view(site, entity, members, urls, kind)}


def _kind_label(entity: Entity, kind: str) -> str:
    return KIND_SINGULAR.get(entity.kind, "Actor") if kind == "actor" else "Tag"


def _entity_description(entity: Entity, count: int) -> str:
    if entity.profile and entity.profile.description:
        return entity.profile.description
    return f"{count} article{'s' if count != 1 else ''} about {entity.name}."


def _entity_view(site: Site, entity: Entity, members: tuple[int, ...], urls: _Urls,
                 kind: str) -> dict[str, Any]:
    profile = entity.profile
    first, last = site.articles[members[0]].date, site.articles[members[-1]].date
    together: list[Link] = []
    paged = [(name, count) for name, count in indexes.co_occurring(site.articles, members, entity.name,
                                                                len(site.actor_index))
             if name in urls.paged["actor"]]
    for name, count in paged[:TOGETHER_COUNT]:
        other = site.actors.entity(name)
        together.append(Link(urls.entity("actor", other), other.name, count, other.kind))
    return {
        "name": entity.name,
        "kind": entity.kind,
        "kind_label": _kind_label(entity, kind),
        "aliases": list(profile.aliases) if profile else [],
        "description": profile.description if profile else "",
        "body_html": Markup(profile.body_html) if profile else Markup(""),
        "count": len(members),
        "first_text": format_date(first, with_time=False),
        "last_text": format_date(last, with_time=False),
        "first_iso": iso(first),
        "last_iso": iso(last),
        "together": together,
        "chart": month_chart(site.articles, members, entity.name),
    }


def month_chart(articles: Sequence[Article], members: Sequence[int], name: str) -> Chart:
    """Bars of the articles about ``name`` per month from its first month to its last; per year
    when that is more than ``CHART_MONTHS`` months (300 bars would weigh more than the page)."""
    first, last = articles[members[0]].date, articles[members[-1]].date  # members are oldest first
    span = (last.year - first.year) * 12 + last.month - first.month + 1
    if CHART_MONTHS < span <= indexes.EVEN_MONTHS:
        # A bar for every year of the span, counted by year: no list of 300 months first.
        per_year = Counter(articles[p].date.year for p in members)
        years = {str(y): per_year[y] for y in range(first.year, last.year + 1)}
        counts = [(y, count, False) for y, count in years.items()]
        unit = "year"
    else:
        months = indexes.month_histogram(articles, members)
        years = {}
        for y, _, count in months:
            years[str(y)] = years.get(str(y), 0) + count
        if len(months) > CHART_MONTHS:
            # Over centuries (dates typed wrong, say), only the years with articles get a bar.
            counts = [(y, count, False) for y, count in years.items()]
            unit = "year"
        else:
            counts = [(f"{MONTHS[m - 1]} {y}", count, m == 1 and i > 0) for i, (y, m, count) in enumerate(months)]
            unit = "month"
    levels = indexes.heat_levels([count for _, count, _ in counts], CHART_STEPS)
    bars = tuple(Bar(label, count, level, tick) for (label, count, tick), level in zip(counts, levels, strict=True))
    peak = max(bars, key=lambda b: b.count)  # the earliest of the busiest
    total = sum(b.count for b in bars)
    active = sum(1 for b in bars if b.count)
    summary = (f"Articles about {name} per {unit}, {bars[0].label} to {bars[-1].label}: {plural(total, 'article')} "
               f"in {plural(active, unit)}; the most, {peak.count}, in {peak.label}.")
    return Chart(bars, summary, bars[0].label, bars[-1].label, peak.count, tuple(years.items()),
                 len(bars) > DENSE_BARS, unit)


def _count_text(count: int) -> str:
    return plural(count, "article") if count else "no articles"


def plural(count: int, word: str) -> str:
    """``1 article``, ``10,000 articles``: for pages and for the lines commands print."""
    return f"{count:,} {noun(count, word)}"


def noun(count: int, word: str) -> str:
    """The word alone, for a count shown apart from it: ``article`` for 1, else ``articles``."""
    return word if count == 1 else f"{word}s"


class _NameIndex:
    """The names of the tag or actor index, grouped (actors by kind, tags by letter) once per
    process, when a page first needs them. Over ``INDEX_NAMES_MAX`` names the index is split:
    each long group lists its letters on pages of their own."""

    def __init__(self, site: Site, entities: list[Entity], index: dict[str, tuple[int, ...]], urls: _Urls,
                 kind: str) -> None:
        self.site, self.entities, self.index, self.urls, self.kind = site, entities, index, urls, kind
        self.path = "actors/" if kind == "actor" else "tags/"
        self.heading = "Actors" if kind == "actor" else "Tags"
        self.split = len(entities) > INDEX_NAMES_MAX

    def _group(self, entity: Entity) -> str:
        return KIND_LABELS.get(entity.kind, "Others") if self.kind == "actor" else ""

    def letter_pages(self) -> list[tuple[str, str, str]]:
        """(group, letter, path) of every letter page: none unless the index is split; for
        actors, only the kinds too long to list whole on the index."""
        return self._letter_pages if self.split else []

    @cached_property
    def _letter_pages(self) -> list[tuple[str, str, str]]:
        letters: dict[str, set[str]] = {}
        for entity in self.entities:
            letters.setdefault(self._group(entity), set()).add(_letter(entity.name))
        counts = Counter(self._group(entity) for entity in self.entities)
        return [(group, letter, self.letter_path(group, letter)) for group in sorted(letters)
                if self.kind == "tag" or counts[group] > TOP_PER_KIND for letter in sorted(letters[group])]

    def letter_path(self, group: str, letter: str) -> str:
        return f"{self.path}a-z/{_anchor(group) + '/' if group else ''}{_anchor(letter)}/"

    @cached_property
    def sections(self) -> list[tuple[str, list[Link]]]:
        """(kind label, its links) for actors, (letter, its links A to Z) for tags."""
        groups: dict[str, list[Link]] = {}
        site, urls = self.site, self.urls
        for entity in self.entities:
            key = self._group(entity) or _letter(entity.name)
            members = self.index[entity.name]
            # A name without a page of its own leads to its newest article.
            url = urls.entity(self.kind, entity) or urls(routes.article_path(site.articles[members[-1]]))
            groups.setdefault(key, []).append(Link(url, entity.name, len(members), entity.kind))
        order = list(KIND_LABELS.values()) if self.kind == "actor" else sorted(groups)
        return [(label, groups[label] if self.kind == "actor" else sorted(groups[label], key=_az))
                for label in order if label in groups]

    @cached_property
    def by_letter(self) -> dict[str, dict[str, list[Link]]]:
        """group ("" for tags) -> letter -> its links A to Z: an index's A-to-Z list, or a letter page's."""
        result: dict[str, dict[str, list[Link]]] = {}
        for label, links in self.sections:
            letters = result.setdefault(label if self.kind == "actor" else "", {})
            for link in sorted(links, key=_az):
                letters.setdefault(_letter(link.label), []).append(link)
        return result


def _entity_index_job(names: _NameIndex, view: SiteView, urls: _Urls) -> Job:
    sections, kind, path = names.sections, names.kind, names.path
    letter_url = (lambda group, letter: urls(names.letter_path(group, letter))) if names.split else None
    tag_letters = [{"letter": label, "url": letter_url("", label)} for label, _ in sections] \
        if letter_url and kind == "tag" else []
    context = {
        "site": view,
        "page": PageMeta(names.heading, urls.absolute(path), f"Every {kind} in the archive.", "index"),
        "heading": names.heading,
        "sections": [] if tag_letters else [{"label": label, "anchor": _anchor(label), "links": links}
                                            for label, links in sections],
        "letter_pages": tag_letters,
        "total": len(names.entities),
        "kind": kind,
        "top": _most_counted([link for _, links in sections for link in links], TOP_TAGS) if kind == "tag" else [],
        "kinds": [_kind_section(label, links, names.by_letter[label], letter_url) for label, links in sections]
        if kind == "actor" else [],
    }
    return Job(path, "entities.html", context)


def _letter_job(names: _NameIndex, view: SiteView, urls: _Urls, group: str, letter: str) -> Job:
    """One letter of a split index: the names of a kind (actors) or of all tags under it."""
    links = names.by_letter[group][letter]
    siblings = [(g, other, path) for g, other, path in names.letter_pages() if g == group]
    title = f"{group or names.heading}: {letter}"
    path = names.letter_path(group, letter)
    up = Link(urls(names.path) + (f"#{_anchor(group)}" if group else ""),
              f"{names.heading}: {group}" if group else names.heading)
    context = {
        "site": view,
        "page": PageMeta(title, urls.absolute(path), f"{title}: {plural(len(links), 'name')}.", "index"),
        "heading": title,
        "up": up,
        "letters": [Link("" if other == letter else urls(other_path), other) for _, other, other_path in siblings],
        "links": links,
        "total": len(links),
    }
    return Job(path, "letter.html", context)


def _most_counted(links: Sequence[Link], limit: int) -> list[Link]:
    return sorted(links, key=lambda link: (-link.count, name_key(link.label), link.label))[:limit]


def _kind_section(label: str, links: list[Link], letters: dict[str, list[Link]],
                  letter_url: Callable[[str, str], str] | None) -> dict[str, Any]:
    """One kind of the actors index: its most named first when it is long, then A to Z with jump
    links, or, in a split index, links to its letters' pages."""
    anchor = _anchor(label)
    long = len(links) > TOP_PER_KIND
    on_pages = bool(letter_url and long)
    return {
        "label": label, "anchor": anchor, "count": len(links), "on_pages": on_pages,
        "top": _most_counted(links, TOP_PER_KIND) if long else [],
        "letters": [{"letter": letter, "anchor": f"{anchor}-{_anchor(letter)}",
                     "url": letter_url(label, letter) if letter_url and on_pages else "", "links": letters[letter]}
                    for letter in sorted(letters)],
    }


@lru_cache(maxsize=1 << 16)
def _letter(name: str) -> str:
    first = slugify(name)[:1].upper()  # transliterated: "Łukasz" under L, "Ørsted" under O
    return first if "A" <= first <= "Z" else "#"


def _az(link: Link) -> tuple[str, str]:
    return slugify(link.label), link.label


def _anchor(label: str) -> str:
    return "other" if label == "#" else label.lower()


def _date_pages(site: Site, view: SiteView, links: _Links, urls: _Urls,
                wanted: Callable[[Topic], bool]) -> list[PageSpec]:
    per_page = site.settings.per_page
    years = sorted(site.year_index)
    months = sorted(site.month_index)
    days = sorted(site.day_index)
    month_days: dict[tuple[int, int], list[tuple[int, int, int]]] = {}
    for day in days:
        month_days.setdefault(day[:2], []).append(day)
    pages: list[PageSpec] = []
    for i, year in enumerate(years):
        if not wanted(("year", year)):
            continue
        pages += _period_pages(routes.year_path(year), str(year), view, links, urls, site.year_index[year],
                               per_page, None, partial(_year_front, site, urls, years, i), ("year", year))
    for i, (year, month) in enumerate(months):
        if not wanted(("month", year, month)):
            continue
        pages += _period_pages(routes.month_path(year, month), f"{MONTHS[month - 1]} {year}", view, links,
                               urls, site.month_index[(year, month)], per_page,
                               Link(urls(routes.year_path(year)), str(year)),
                               partial(_month_front, site, urls, months, i, month_days[(year, month)]),
                               ("month", year, month))
    for i, day in enumerate(days):
        if not wanted(("day", *day)):
            continue
        when = datetime(*day)
        pages += _period_pages(routes.day_path(when), format_date(when, with_time=False),
                               view, links, urls, site.day_index[day], per_page,
                               Link(urls(routes.month_path(*day[:2])), _month_label(day[:2])[1]),
                               partial(_day_front, urls, days, i), ("day", *day))
    return pages


def _period_pages(path: str, label: str, view: SiteView, links: _Links, urls: _Urls,
                  members: tuple[int, ...], per_page: int, up: Link | None,
                  front: Callable[[], dict[str, Any]], topic: Topic) -> list[PageSpec]:
    every: dict[str, Any] = {"period": {"label": label, "up": up, "children": [], "older": None, "newer": None,
                                        "grid": None}}
    return _listing_pages(_Listing(path, "period.html", view, links, urls, heading=label, kind="period",
                                   description=f"Articles of {label}.", every=every, front=front, topic=topic),
                          members, per_page)


def _period_front(label: str, up: Link | None, children: list[Link], around: tuple[Link | None, Link | None],
                  grid: dict[str, Any] | None) -> dict[str, Any]:
    return {"period": {"label": label, "children": children, "older": around[0], "newer": around[1],
                       "up": up, "grid": grid}}


def _year_front(site: Site, urls: _Urls, years: list[int], i: int) -> dict[str, Any]:
    year = years[i]
    children = [Link(urls(routes.month_path(year, m)) if (year, m) in site.month_index else "",
                     MONTHS[m - 1], len(site.month_index.get((year, m), ()))) for m in range(1, 13)]
    return _period_front(str(year), None, children,
                         _neighbour(years, i, lambda y: (routes.year_path(y), str(y)), urls),
                         year_grid(year, [c.count for c in children], urls))


def _month_front(site: Site, urls: _Urls, months: list[tuple[int, int]], i: int,
                 days: list[tuple[int, int, int]]) -> dict[str, Any]:
    year, month = months[i]
    children = [Link(urls(routes.day_path(datetime(*d))), str(d[2]), len(site.day_index[d])) for d in days]
    return _period_front(f"{MONTHS[month - 1]} {year}", Link(urls(routes.year_path(year)), str(year)),
                         children, _neighbour(months, i, _month_label, urls),
                         month_grid(year, month, site.day_index, urls))


def _day_front(urls: _Urls, days: list[tuple[int, int, int]], i: int) -> dict[str, Any]:
    day = days[i]
    return _period_front(format_date(datetime(*day), with_time=False),
                         Link(urls(routes.month_path(*day[:2])), _month_label(day[:2])[1]), [],
                         _neighbour(days, i, _day_label, urls), None)


def year_grid(year: int, counts: Sequence[int], urls: _Urls) -> dict[str, Any]:
    """The twelve months of a year as a heat map; months without articles are shown, not linked."""
    levels = indexes.heat_levels(counts, HEAT_STEPS)
    cells = [Cell(MONTHS[m], MONTHS[m], urls(routes.month_path(year, m + 1)) if counts[m] else "",
                  counts[m], levels[m], _count_text(counts[m])) for m in range(12)]
    return {"cells": cells, "kind": "months", "start": 1, "weekdays": (),
            "label": f"Articles per month in {year}"}


def month_grid(year: int, month: int, day_index: dict[tuple[int, int, int], tuple[int, ...]],
               urls: _Urls) -> dict[str, Any]:
    """A month as a calendar heat map, Monday first: ``start`` is the weekday column (1 to 7) of its
    first day; days without articles are shown, not linked."""
    days = range(1, monthrange(year, month)[1] + 1)
    counts = [len(day_index.get((year, month, d), ())) for d in days]
    levels = indexes.heat_levels(counts, HEAT_STEPS)
    cells = [Cell(format_date(datetime(year, month, d), with_time=False), str(d),
                  urls(routes.day_path(date(year, month, d))) if counts[d - 1] else "", counts[d - 1],
                  levels[d - 1], _count_text(counts[d - 1])) for d in days]
    return {"cells": cells, "kind": "days", "start": date(year, month, 1).isoweekday(),
            "weekdays": tuple((name[:3], name) for name in WEEKDAYS),
            "label": f"Articles per day in {MONTHS[month - 1]} {year}"}


def _month_label(key: tuple[int, int]) -> tuple[str, str]:
    return routes.month_path(*key), f"{MONTHS[key[1] - 1]} {key[0]}"


def _day_label(key: tuple[int, int, int]) -> tuple[str, str]:
    when = datetime(*key)
    return routes.day_path(when), format_date(when, with_time=False)


def _neighbour(keys: Sequence[Any], i: int, label: Any, urls: _Urls) -> tuple[Link | None, Link | None]:
    def link(key: Any) -> Link:
        path, text = label(key)
        return Link(urls(path), text)

    return (link(keys[i - 1]) if i > 0 else None, link(keys[i + 1]) if i + 1 < len(keys) else None)


def _special_pages(site: Site, view: SiteView, urls: _Urls) -> list[PageSpec]:
    pages = [PageSpec("search/", "search.html", partial(_search_job, site, view, urls)),
             PageSpec("404.html", "404.html", partial(
                 Job, "404.html", "404.html",
                 {"site": view, "page": PageMeta("Page not found", urls.absolute("404.html"), "", "404")})),
             PageSpec("feed.xml", "feed.xml", partial(_feed_job, site, view, urls, "feed.xml", site.settings.title,
                                                      range(len(site.articles)), ""))]
    if view.search_enabled and site.articles:
        path = _search_api_folder(site) + "pagefind.js"
        pages.append(PageSpec(path, "pagefind.js", partial(_search_api_job, site, view, urls, path)))
    pages += _sitemap_pages(site, view, urls)
    pages.append(PageSpec("robots.txt", "robots.txt", partial(
        Job, "robots.txt", "robots.txt", {"site": view, "sitemap": urls.absolute("sitemap.xml")})))
    return pages


def _search_job(site: Site, view: SiteView, urls: _Urls) -> Job:
    years = [Link(urls(routes.year_path(y)), str(y), len(site.year_index[y]))
             for y in sorted(site.year_index, reverse=True)]
    return Job("search/", "search.html", {
        "site": view, "years": years, "bundles": _bundles(site, urls),
        "api": urls(_search_api_folder(site)) if site.articles else "",
        "page": PageMeta("Search", urls.absolute("search/"), "Search the archive.", "search")})


def _bundles(site: Site, urls: _Urls) -> list[str]:
    """The search bundles' folders, newest first: the search page loads the first, merges the others."""
    return [urls(f"pagefind/{name}/") for name in reversed(indexes.search_shards(site.articles))]


def _search_api_folder(site: Site) -> str:
    """``search/2025-11/``: named after the newest bundle, so that a browser holding a cached
    search page and a fresh API file (or the reverse) never pairs one month's with another's."""
    return f"search/{indexes.newest_shard(site.articles)}/"


def _search_api_job(site: Site, view: SiteView, urls: _Urls, path: str) -> Job:
    """``search/<newest bundle>/pagefind.js``: the newest bundle's API, with filters loaded only
    when the reader asks for them."""
    primary = urls(f"pagefind/{indexes.newest_shard(site.articles)}/pagefind.js")
    return Job(path, "pagefind.js", {"site": view, "primary": primary, "patch": urls("pagefind/patch.json")})


def _feed_job(site: Site, view: SiteView, urls: _Urls, path: str, title: str, positions: Sequence[int],
              page_path: str) -> Job:
    """An Atom feed of the newest entries; ``updated`` comes from the articles, never the clock."""
    shown = tuple(reversed(positions[-site.settings.feed_size:]))
    newest = [site.articles[p] for p in shown]
    updated = max((a.updated or a.date for a in newest), default=None)
    return Job(path, "feed.xml", {
        "site": view, "title": title, "feed_url": urls.absolute(path), "home": urls.absolute(page_path),
        "updated": iso(updated) if updated else "1970-01-01T00:00:00+00:00",
        "entries": [{"title": a.title, "summary": a.summary, "source": a.source, "tags": a.tags,
                     "url": urls.absolute(routes.article_path(a)), "published": iso(a.date),
                     "updated": iso(a.updated or a.date)} for a in newest]}, shown)


SITEMAP_LIMIT = 50_000  # URLs per sitemap file, as the protocol requires


def _sitemap_pages(site: Site, view: SiteView, urls: _Urls) -> list[PageSpec]:
    """``sitemap.xml``, or above 50,000 URLs a sitemap index of parts. URLs go oldest first, so
    a new article only ever changes the last part."""
    count = (len(site.articles) + bool(site.articles) + len(urls.paged["tag"]) + len(urls.paged["actor"])
             + len(site.year_index))  # the entries of _sitemap
    # Listed once per process, however many of its parts are made.
    entries: Callable[[], list[tuple[str, str]]] = cache(partial(_sitemap, site, urls))
    if count <= SITEMAP_LIMIT:
        return [PageSpec("sitemap.xml", "sitemap.xml", partial(_sitemap_job, entries, view, 0))]
    parts = [PageSpec(f"sitemap-{number}.xml", "sitemap.xml", partial(_sitemap_job, entries, view, number))
             for number in range(1, (count - 1) // SITEMAP_LIMIT + 2)]
    return [*parts, PageSpec("sitemap.xml", "sitemap-index.xml", partial(_sitemap_index_job, entries, view, urls))]


def _sitemap_job(sitemap: Callable[[], list[tuple[str, str]]], view: SiteView, number: int) -> Job:
    """The whole sitemap (``number`` 0), or its part ``number`` (from 1)."""
    entries = sitemap()
    if number == 0:
        return Job("sitemap.xml", "sitemap.xml", {"site": view, "entries": entries})
    start = (number - 1) * SITEMAP_LIMIT
    return Job(f"sitemap-{number}.xml", "sitemap.xml", {"site": view, "entries": entries[start:start + SITEMAP_LIMIT]})


def _sitemap_index_job(sitemap: Callable[[], list[tuple[str, str]]], view: SiteView, urls: _Urls) -> Job:
    entries = sitemap()
    parts = []
    for number, start in enumerate(range(0, len(entries), SITEMAP_LIMIT), start=1):
        chunk = entries[start:start + SITEMAP_LIMIT]
        parts.append((urls.absolute(f"sitemap-{number}.xml"), max((lastmod for _, lastmod in chunk), default="")))
    return Job("sitemap.xml", "sitemap-index.xml", {"site": view, "parts": parts})


def _sitemap(site: Site, urls: _Urls) -> list[tuple[str, str]]:
    """Articles oldest first, then the front pages of the indexes, each with its last change."""
    changed = [a.updated or a.date for a in site.articles]
    entries = [(urls.absolute(routes.article_path(a)), iso(when))
               for a, when in zip(site.articles, changed, strict=True)]
    updated = any(a.updated for a in site.articles)

    def newest(members: Sequence[int]) -> str:
        # Members are in time order: without updates their last is their newest. (Scanning all
        # of them for every tag, actor and year took 1.5 s at 100,000 articles.)
        return iso(max(map(changed.__getitem__, members)) if updated else changed[members[-1]])

    if site.articles:
        entries.append((urls.absolute(""), newest(range(len(site.articles)))))
    for registry, index, to_path, kind in ((site.tags, site.tag_index, routes.tag_path, "tag"),
                                           (site.actors, site.actor_index, routes.actor_path, "actor")):
        entries += [(urls.absolute(to_path(registry.entity(name).slug)), newest(members))
                    for name, members in sorted(index.items()) if name in urls.paged[kind]]
    entries += [(urls.absolute(routes.year_path(year)), newest(members))
                for year, members in sorted(site.year_index.items())]
    return entries
