"""What a rebuild must check: the pages an edit or new articles can change.

A build keeps a record of the previous one (builder.cache.PageState: each page's key, topic and
the articles it shows). When the input changed only in some articles, these functions say which
pages can show the change (``Dirty``); every other page is kept as it is, unread. When they
cannot tell, they say None, and every page is checked. Each shortcut is tested against a cold
build, byte for byte (tests/test_incremental.py, tests/hardening/test_properties.py).

Hashes of the input at three depths (``Shape``) tell the kinds of change apart: display fields
only; URLs that moved; names added or removed; dates that keep each article's place.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields, replace
from typing import Any

from builder.cache import CachedDocument, PageState
from builder.errors import SourceError
from builder.indexes import RELATED_WINDOW
from builder.model import Article
from builder.routes import actor_path, alias_paths, article_path, tag_path
from builder.site import Site
from builder.views import DISPLAY_FIELDS, MORE_ABOUT_ACTORS, MORE_ABOUT_ITEMS, PageSpec, Topic

# The fields of an article that pages show beyond the article's own page and the pages that
# list it in their refs, its URL and names aside: its place in time. (The lines that slug: and
# aliases: come from are only ever shown in error messages, made again by every build.)
TIMELINE_FIELDS = tuple(f.name for f in fields(Article)
                        if f.name not in DISPLAY_FIELDS | {"slug", "slug_line", "aliases_line", "tags", "actors"})


def article_shape(article: Article) -> tuple[str, str]:
    """Hashes of an article's timeline fields and of its names, as written (computed once, when
    it is parsed)."""
    return (hashlib.sha1(repr([getattr(article, name) for name in TIMELINE_FIELDS]).encode()).hexdigest(),
            hashlib.sha1(repr((article.tags, article.actors)).encode()).hexdigest())


@dataclass(frozen=True)
class Shape:
    """The input but for the display fields of articles (builder.views.DISPLAY_FIELDS), at three
    depths. While the *structure* is unchanged, so are every index, URL and list of the site (the
    site model is a function of the articles' other fields and of the rest of the input); the
    *placement* leaves out the articles' slugs (their URLs), the *timeline* their names too: while
    it is unchanged, every article keeps its place in the archive's order and in its periods."""

    structure: str
    placement: str
    timeline: str

    def __iter__(self) -> Iterator[str]:
        return iter((self.structure, self.placement, self.timeline))


def shape_of(base: str, documents: dict[str, CachedDocument]) -> Shape:
    structure, placement, timeline = (hashlib.sha256(base.encode()) for _ in range(3))
    for rel in sorted(documents):
        document = documents[rel]
        if isinstance(document.result, Article):
            timeline.update(f"{rel}:{document.timeline}".encode())
            placement.update(f"{rel}:{document.timeline}:{document.names}".encode())
            structure.update(f"{rel}:{document.timeline}:{document.names}:{document.result.slug}".encode())
    return Shape(structure.hexdigest(), placement.hexdigest(), timeline.hexdigest())


@dataclass(frozen=True)
class Dirty:
    """The pages a rebuild checks when it knows what changed: those at ``paths``, those about one
    of ``topics`` (builder.views.PageSpec.topic) and, with ``archive_wide``, every page about the
    whole archive. Every other page is kept as it is. With ``exact``, only the pages at ``paths``
    are checked, and ``topics`` only says which pages to list (those of a topic come together)."""

    paths: frozenset[str] = frozenset()
    topics: frozenset[Topic] = frozenset()
    archive_wide: bool = False
    exact: bool = False
    whole: frozenset[Topic] = frozenset()  # with ``exact``: topics all of whose pages are checked
    # Of a listing, only the pages with at most this many newer ones (new articles leave the
    # older pages as they are); None: all of them.
    newest_pages: int | None = None

    def __contains__(self, spec: PageSpec) -> bool:
        if self.exact:
            return spec.path in self.paths or spec.topic in self.whole
        if self.newest_pages is not None and spec.newer_pages > self.newest_pages:
            return False
        return spec.path in self.paths or spec.topic in self.topics or (self.archive_wide and spec.topic is None)

    def wants(self, topic: Topic) -> bool:
        """Whether pages about ``topic`` need listing at all (archive-wide ones always do)."""
        return topic is None or topic in self.topics or topic in self.whole


def dirty_pages(site: Site, previous: PageState, base: str, shape: Shape, urls: dict[str, str],
                 replaced: dict[str, Any]) -> Dirty | None:
    """When every edited article keeps its place in the archive's order (so every other article
    keeps its own), the pages an edit can change; None when every page must be checked.

    - Display fields only (the structure is the same, so is every index and URL): the pages that
      show the edited articles.
    - URLs moved too (a title edited, and the slug follows it): also the sitemap and, for an
      article with a name that has no page, the indexes of names (which then link to it).
    - Tags or actors changed too (``replaced``: the edited files' previous documents): also all
      pages of each name added or removed, the front pages of the article's names (names seen
      together), the indexes of names (counts), the home page (trending names), and the later
      articles those names' related and More about lists can reach (``_reach``).
    - Dates changed too (a time corrected, a day that moves the URL): also the fronts of the
      article's names, and every page of the periods it left and joined and of those beside them.
    The pages of a topic that the site no longer has (the old URL's) go (builder.pipeline.write_pages)."""
    if len(previous.digests) != len(site.articles) or previous.base != base:
        return None  # articles came or went; or settings, layouts or profiles changed
    changed = {i for i, article in enumerate(site.articles) if article.digest != previous.digests[i]}
    if previous.structure != shape.structure and not all(_in_place(site, previous, i, replaced) for i in changed):
        return None  # an article at a new place in the archive's order: positions shifted
    dirty = {article_path(site.articles[i]) for i in changed}
    dirty.update(path for path, refs in previous.refs.items() if not changed.isdisjoint(refs))
    whole: set[Topic] = {("article", i) for i in changed}
    # The pages about the whole archive that list no article: the sitemap shows every article's
    # URL, and the indexes of names show counts, and a name's newest article when it has no page.
    archive_indexes = (path for path, topic in previous.topics.items()
                       if topic is None and not previous.refs.get(path))
    if previous.timeline != shape.timeline:  # dates: the periods the article left and joined
        for i in changed:  # and its names' first and latest mention, months
            dirty.update(_fronts(site, urls, site.articles[i].tags, site.articles[i].actors))
        whole |= _redated(site, changed, replaced)
    if previous.placement != shape.placement:
        renamed = _renamed(site, previous, changed, urls, replaced)
        if renamed is None:
            return None
        fronts, names_whole = renamed
        # The home page's trending names count the latest 30 days, more articles than it lists.
        dirty.update(fronts, archive_indexes, [""])
        whole |= names_whole
    elif previous.structure != shape.structure:
        unpaged = any(not urls.get(f"{kind}:{name}") for i in changed
                      for kind, names in (("tag", site.articles[i].tags), ("actor", site.articles[i].actors))
                      for name in names)
        dirty.update(path for path in archive_indexes if unpaged or path.startswith("sitemap"))
    # Only those pages are checked; the pages about the same article, name or period are listed
    # with them (builder.views.site_pages lists a topic's pages together), not checked: a tag of
    # 30,000 articles has 1,500 pages, and one of them shows the edited article.
    topics = frozenset(topic for topic in map(previous.topics.get, dirty) if topic is not None)
    return Dirty(frozenset(dirty), topics, exact=True, whole=frozenset(whole))


def _renamed(site: Site, previous: PageState, changed: set[int], urls: dict[str, str],
             replaced: dict[str, Any]) -> tuple[set[str], set[Topic]] | None:
    """For edited articles whose tags or actors changed: (the front pages of their names, the
    topics all of whose pages may change). None when that cannot be known: a name appeared,
    went, changed its spelling or URL, or an edited file's previous version is not at hand."""
    if urls != previous.entity_urls:
        return None
    fronts: set[str] = set()
    whole: set[Topic] = set()
    reach = _reach(site.settings.related_count)
    for i in changed:
        article, old = site.articles[i], replaced[site.articles[i].rel]
        try:
            old_tags, old_actors = site.tags.canonical(old.tags), site.actors.canonical(old.actors)
        except KeyError:
            return None
        for kind, now, before, index in (("tag", article.tags, old_tags, site.tag_index),
                                         ("actor", article.actors, old_actors, site.actor_index)):
            for name in set(now) ^ set(before):
                whole.add((kind, name))  # its listing pages, feed and counts
                members = index.get(name, ())
                at = bisect_right(members, i)
                whole.update(("article", position) for position in members[at:at + reach])
        if set(article.actors) != set(old_actors):  # the names seen together on fronts
            fronts |= _fronts(site, urls, {*article.tags, *old_tags}, {*article.actors, *old_actors})
    return fronts, whole


def _in_place(site: Site, previous: PageState, position: int, replaced: dict[str, Any]) -> bool:
    """Whether the edited article at ``position`` was there before (the previous version of its
    file, at hand, is the one the page record has there)."""
    old = replaced.get(site.articles[position].rel)
    return isinstance(old, Article) and old.digest == previous.digests[position]


def _redated(site: Site, changed: set[int], replaced: dict[str, Any]) -> set[Topic]:
    """The periods edited articles left or joined, with the periods beside them (their pages
    link to the nearest period with articles)."""
    topics: set[Topic] = set()
    periods: dict[str, list[Any]] = {}  # each kind's periods in order, sorted when first needed
    for i in changed:
        article, old = site.articles[i], replaced[site.articles[i].rel]
        if old.date.date() == article.date.date():
            continue  # the same day: its pages list the article, and are checked for it
        for when in (old.date, article.date):
            for kind, index, key in (("year", site.year_index, when.year),
                                     ("month", site.month_index, (when.year, when.month)),
                                     ("day", site.day_index, (when.year, when.month, when.day))):
                if kind not in periods:
                    periods[kind] = sorted(index)
                keys = periods[kind]
                at = bisect_left(keys, key)
                for period in [key, *keys[max(0, at - 1):at + 2]]:
                    topics.add((kind, *period) if isinstance(period, tuple) else (kind, period))
    return topics


def _fronts(site: Site, urls: dict[str, str], tags: Iterable[str], actors: Iterable[str]) -> set[str]:
    """The site paths of the front pages of these names (those that have one)."""
    paths = {_front_path(site, "tag", name, urls) for name in tags}
    paths.update(_front_path(site, "actor", name, urls) for name in actors)
    return paths - {""}


def _reach(related_count: int) -> int:
    """How many later articles of a name an article's change of names can reach (a bound): each
    looks back at RELATED_WINDOW earlier articles per name for its related list, and for More
    about at most past its related articles and the picks of its first actors."""
    return RELATED_WINDOW + related_count + MORE_ABOUT_ACTORS * MORE_ABOUT_ITEMS


def _front_path(site: Site, kind: str, name: str, urls: dict[str, str]) -> str:
    """The site path of a name's front page, "" when it has none."""
    if not urls.get(f"{kind}:{name}"):
        return ""
    registry, to_path = (site.tags, tag_path) if kind == "tag" else (site.actors, actor_path)
    return to_path(registry.entity(name).slug)


def appended_pages(site: Site, previous: PageState, base: str, urls: dict[str, str]) -> Dirty | None:
    """When the only change is new articles (a wire archive's every day, late arrivals among the
    newest included): the pages that can show them. None: every page must be checked.

    An older article's page never shows a newer one (related and More about look back only), a
    full page of a listing never changes while nothing older is added (pages are numbered from the
    oldest), and a tag's, an actor's or a period's pages show its own articles only. So the pages
    to check are the new articles' own, those of their names and periods, those of the articles
    just before and after each (their "previous" and "next" links) with their periods, the later
    articles of the same names that a related or More about list can reach, and the archive-wide
    ones (home, indexes, feeds, sitemaps); and for a name that now gets a page, the pages of its
    articles and of the names beside it. Of each listing, only the pages that hold an article as
    new as the oldest new one, and the one before them: a tag of 30,000 articles has 1,500 pages,
    and a new story the front one. (The record's positions move with the articles: renumbered.)"""
    positions = old_positions(previous.digests, [article.digest for article in site.articles])
    if not previous.base or previous.base != base or positions is None or len(positions) == len(site.articles):
        return None
    promoted = []
    for key, url in previous.entity_urls.items():
        now = urls.get(key)
        if now != url:
            if url or not now:
                return None  # a name renamed or moved: any page may show it
            promoted.append(key)
    topics: set[Topic] = set()

    def add(position: int) -> None:
        article = site.articles[position]
        topics.add(("article", position))
        topics.update(("tag", name) for name in article.tags)
        topics.update(("actor", name) for name in article.actors)
        day = article.date
        topics.update({("year", day.year), ("month", day.year, day.month), ("day", day.year, day.month, day.day)})

    new = sorted(set(range(len(site.articles))) - set(positions))
    reach = _reach(site.settings.related_count)
    for position in new:
        for beside in range(max(0, position - 1), min(len(site.articles), position + 2)):
            add(beside)
        article = site.articles[position]
        for index, names in ((site.tag_index, article.tags), (site.actor_index, article.actors)):
            for name in names:
                members = index[name]
                at = bisect_right(members, position)
                topics.update(("article", later) for later in members[at:at + reach])
    for key in promoted:
        kind, name = key.split(":", 1)
        for position in (site.actor_index if kind == "actor" else site.tag_index)[name]:
            add(position)
    # A name that now gets a page gets all of them at once; otherwise a listing changes from the
    # page of its oldest new article to the front: at most as many items as there are articles
    # from that one on, and the page before them (its link to the next page).
    from_first = len(site.articles) - new[0]
    return Dirty(topics=frozenset(topics), archive_wide=True,
                 newest_pages=None if promoted else from_first // site.settings.per_page + 2)


def old_positions(before: list[str], now: list[str]) -> list[int] | None:
    """Where each article of the previous build is now, when they are all still there, in the
    same order (articles were added among them); None otherwise."""
    positions: list[int] = []
    at = 0
    for digest in before:
        while at < len(now) and now[at] != digest:
            at += 1
        if at == len(now):
            return None
        positions.append(at)
        at += 1
    return positions


def renumbered(previous: PageState, now: list[str]) -> PageState:
    """The record of the previous build with the positions of its articles as they are now (new
    articles came in among them): the articles pages show (refs) and article pages' topics."""
    positions = old_positions(previous.digests, now)
    if positions is None or positions == list(range(len(positions))):
        return previous

    def topic(value: Topic) -> Topic:
        return ("article", positions[int(value[1])]) if value and value[0] == "article" else value

    return replace(previous, refs={path: tuple(positions[i] for i in refs) for path, refs in previous.refs.items()},
                   topics={path: topic(value) for path, value in previous.topics.items()})


def moved_urls(site: Site, replaced: dict[str, Any]) -> list[SourceError]:
    """Edited articles whose URL moved (a new title, and the slug follows it; a new date), each
    with the aliases: line that keeps the old URL working: links to it are out there."""
    warnings: list[SourceError] = []
    for article in site.articles if replaced else ():
        old = replaced.get(article.rel)
        if isinstance(old, Article) and not old.draft:
            before, now = article_path(old), article_path(article)
            if before != now and before not in alias_paths(article):
                warnings.append(SourceError(article.rel, article.slug_line, 0, "slug", (
                    f"the article moved from /{before} to /{now}; links to the old URL will fail "
                    f"unless it is kept: add aliases: [\"/{before}\"]")))
    return warnings
