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
import re
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass, fields, replace
from datetime import datetime
from typing import Any

from builder.cache import CachedDocument, PageState
from builder.errors import SourceError
from builder.indexes import RELATED_WINDOW
from builder.inputs import READS_SEARCH
from builder.model import Article, Profile
from builder.names import Names
from builder.routes import actor_path, alias_paths, article_path, tag_path
from builder.site import Site
from builder.slugs import name_key
from builder.views import DISPLAY_FIELDS, MORE_ABOUT_ACTORS, MORE_ABOUT_ITEMS, PageSpec, Topic, old_name_feeds, plural
from builder.write import file_rel

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
    """The input but for the display fields of articles (builder.views.base.DISPLAY_FIELDS), at three
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
    of ``topics`` (builder.views.base.PageSpec.topic) and, with ``archive_wide``, every page about the
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
    # Only layouts or static files changed (relaid_pages): the pages of these templates, whatever
    # their topic.
    templates: frozenset[str] | None = None
    # Pages whose file in the site is not as the last build left it (``repairing``), checked
    # whatever else is, and their topics, listed whatever else is.
    repair: frozenset[str] = frozenset()
    repair_topics: frozenset[Topic] = frozenset()
    # The search flag switched (search_switched): the pages of these templates too, whatever else.
    also_templates: frozenset[str] = frozenset()

    def __contains__(self, spec: PageSpec) -> bool:
        if spec.path in self.repair or spec.template in self.also_templates:
            return True
        if self.templates is not None:
            return spec.template in self.templates
        if self.exact:
            return spec.path in self.paths or spec.topic in self.whole
        if self.newest_pages is not None and spec.newer_pages > self.newest_pages:
            return False
        return spec.path in self.paths or spec.topic in self.topics or (self.archive_wide and spec.topic is None)

    def wants(self, topic: Topic) -> bool:
        """Whether pages about ``topic`` need listing at all (archive-wide ones always do)."""
        return self.templates is not None or topic is None or topic in self.topics or topic in self.whole \
            or topic in self.repair_topics


def search_switched(only: Dirty, templates: dict[str, str]) -> Dirty | None:
    """A build with search after one without, or the reverse: the flag changes the pages of the
    templates that read it (the search page), and whether the search API file is made, which are
    all pages about the whole archive; with a layout that reads it on every page, every page."""
    readers = {name for name, digest in templates.items() if digest.endswith(READS_SEARCH)} | {"pagefind.js"}
    if not readers <= {"search.html", "pagefind.js"}:
        return None
    return replace(only, also_templates=frozenset(readers))


def repairing(only: Dirty | None, previous: PageState, damaged: set[str]) -> Dirty | None:
    """``only`` with the pages whose files in the site someone changed or removed (``damaged``,
    builder.outputs): the record of their keys is dropped, so they are rendered and written again."""
    paths = [path for path in previous.keys if file_rel(path) in damaged] if damaged else []
    for path in paths:
        del previous.keys[path]
    if only is None or not paths:
        return only
    if any(path not in previous.topics for path in paths):
        return None
    return replace(only, repair=frozenset(paths), repair_topics=frozenset(previous.topics[path] for path in paths))


def pages_to_check(site: Site, previous: PageState, base: str, view_base: str, shape: Shape, urls: dict[str, str],
                   replaced: dict[str, Any], templates: dict[str, str]) -> tuple[Dirty | None, PageState]:
    """The pages a rebuild over the previous site must look at (None: every page), tried from
    the narrowest case to the widest, and the previous build's record, its positions moved along
    when articles came or went. ``base``: the input but for articles (settings, layouts,
    profiles); ``view_base``: the same without layouts and static files."""
    digests = [article.digest for article in site.articles]
    only = dirty_pages(site, previous, base, shape, urls, replaced)
    if only is None and previous.base != base:
        only = relaid_pages(previous, view_base, digests, templates)
    if only is None and previous.base == base:  # (else every page is checked)
        positions = matched_positions(previous.digests, digests)
        only = added_or_removed_pages(site, previous, base, urls, replaced, positions)
        if only is not None:  # articles came or went among others: positions moved
            previous = renumbered(previous, positions)
    return only, previous


def relaid_pages(previous: PageState, view_base: str, digests: list[str], templates: dict[str, str]) -> Dirty | None:
    """When only layouts or static files changed since the previous build (not an article, a
    profile or a setting: ``view_base`` is the input but for articles, layouts and static files),
    the pages of the templates whose digest changed, each digest covering the layouts its
    template uses (builder.inputs.template_digests). Views do not depend on layouts, and pages
    name static files by URL only, so no other page can change: after an edit of article.html,
    the 19,000 other pages of 10,000 articles are not even looked at; after an edit of a style
    sheet, none is. None otherwise."""
    if not previous.templates or previous.view_base != view_base or previous.digests != digests:
        return None
    changed = {name for name in templates.keys() | previous.templates.keys()
               if templates.get(name) != previous.templates.get(name)}
    return Dirty(templates=frozenset(changed))


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
    The pages of a topic that the site no longer has (the old URL's) go (builder.pages.write_pages)."""
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


def added_or_removed_pages(site: Site, previous: PageState, base: str, urls: dict[str, str],
                           replaced: dict[str, Any], positions: list[int | None] | None) -> Dirty | None:
    """When the only change is articles added or removed, every other one in the same order (a
    wire archive's every day, copy that came in late, a story taken down; an edit that moves an
    article past others counts as its removal and its addition): the pages that can show the
    change. None: every page must be checked.

    An older article's page never shows a newer one (related and More about look back only), a
    full page of a listing never changes while nothing older comes or goes (pages are numbered from
    the oldest), and a tag's, an actor's or a period's pages show its own articles only. So the
    pages to check are the new articles' own, those of the articles just before and after each new
    or removed one (their "previous" and "next" links) with their periods, those of its names and
    periods, the later articles of the same names that a related or More about list can reach,
    every page that showed a removed article, and the archive-wide ones (home, indexes, feeds,
    sitemaps); and for a name that now gets a page, the pages of its articles and of the names
    beside it. Of each listing, only the pages from the one that holds the oldest change to the
    front, and the one before them: a tag of 30,000 articles has 1,500 pages, and a new story the
    front one. ``positions``: matched_positions of the previous build's articles (the record's
    positions move with the articles: renumbered)."""
    if not previous.base or previous.base != base or positions is None:
        return None
    gone = _removed_positions(positions)
    removed = [replaced.get(rel) for rel in _removed_files(previous, gone, replaced)]
    new = sorted(set(range(len(site.articles))) - set(positions))
    if not (new or removed) or not all(isinstance(old, Article) for old in removed):
        return None  # nothing came or went; or a removed article's last version is not at hand
    paged = _changed_pages_of_names(previous.entity_urls, urls)
    if paged is None:
        return None  # a name's page moved: any page may link it
    promoted, vanished = paged
    for key in vanished:
        kind, name = key.split(":", 1)
        if _known(site.tags if kind == "tag" else site.actors, [name]):
            return None  # not gone: spelled another way now, on every page that shows it
    topics: set[Topic] = set()

    def add(position: int) -> None:
        if 0 <= position < len(site.articles):
            article = site.articles[position]
            topics.add(("article", position))
            topics.update(_names_and_periods(article.tags, article.actors, article.date))

    reach = _reach(site.settings.related_count)

    def later_of_its_names(tags: tuple[str, ...], actors: tuple[str, ...], after: int) -> None:
        for index, names in ((site.tag_index, tags), (site.actor_index, actors)):
            for name in names:
                members = index.get(name, ())
                at = bisect_left(members, after)
                topics.update(("article", later) for later in members[at:at + reach])

    changes: list[int] = []  # where each change is in today's order
    for position in new:
        add(position - 1)
        add(position)
        add(position + 1)
        later_of_its_names(site.articles[position].tags, site.articles[position].actors, position + 1)
        changes.append(position)
    for old, gone_at in zip(removed, gone, strict=True):
        assert isinstance(old, Article)
        tags, actors = _known(site.tags, old.tags), _known(site.actors, old.actors)  # as called today
        place = _next_survivor(positions, gone_at, len(site.articles))  # where it was, today
        add(place - 1)
        add(place)
        topics.update(_names_and_periods(tags, actors, old.date))
        topics.add(("removed", gone_at))  # its page goes (builder.pages.write_pages)
        later_of_its_names(tags, actors, place)
        changes.append(place)
    for key in promoted:  # a page now, or none now: the links to it on its articles' pages
        kind, name = key.split(":", 1)
        topics.add((kind, name))
        for position in (site.actor_index if kind == "actor" else site.tag_index).get(name, ()):
            add(position)
    topics.update(tuple(key.split(":", 1)) for key in vanished)  # named no more: its pages go
    if urls != previous.entity_urls:  # names' pages came or went: an old name's URL may have changed hands
        topics |= moved_feeds(site, previous)
    gone_set = set(gone)
    showed = frozenset(path for path, refs in previous.refs.items() if not gone_set.isdisjoint(refs))
    topics.update(topic for topic in (_moved_topic(previous.topics.get(path), positions) for path in showed)
                  if topic is not None)  # so that they are listed
    # A name that now gets a page gets all of them at once; otherwise a listing changes from the
    # page of the oldest change to the front: at most as many items as there are articles from
    # there on, and the page before them (its link to the next page).
    from_first = len(site.articles) - min(changes)
    return Dirty(showed, frozenset(topics), archive_wide=True,
                 newest_pages=None if promoted else from_first // site.settings.per_page + 2)


def moved_feeds(site: Site, previous: PageState) -> set[Topic]:
    """A name's feed is written again at each old name's URL (a profile's alias) that no name with
    a page has, nor an earlier alias: a name that gets a page, or loses it, can take such a URL
    from another name, or give it one, whose other pages do not change. The names of the feeds at
    old names' URLs that the previous build had elsewhere or not at all, and of the names whose
    feeds were there instead. (A feed leaving such a URL that no other takes is one of a name
    that lost its page, checked already.)"""
    moved: set[Topic] = set()
    for path, topic in old_name_feeds(site).items():
        before = previous.topics.get(path)
        if before != topic:
            moved.update(t for t in (topic, before) if t is not None)
    return moved


def _changed_pages_of_names(before: dict[str, str], now: dict[str, str]) -> tuple[list[str], list[str]] | None:
    """The names ("tag:NATO") whose page came or went -> (those still named, those named no
    more); None when a page moved (another name took its URL)."""
    paged, vanished = [], []
    for key, url in before.items():
        today = now.get(key)
        if today is None:
            vanished.append(key)
        elif today != url:
            if url and today:
                return None
            paged.append(key)
    return paged, vanished


def _known(names: Names, spellings: Iterable[str]) -> tuple[str, ...]:
    """The canonical names of those spellings that still name something."""
    known: dict[str, None] = {}
    for spelling in spellings:
        with suppress(KeyError):
            known.setdefault(names.entity(spelling).name)
    return tuple(known)


def _names_and_periods(tags: Iterable[str], actors: Iterable[str], day: datetime) -> set[Topic]:
    return {*(("tag", name) for name in tags), *(("actor", name) for name in actors),
            ("year", day.year), ("month", day.year, day.month), ("day", day.year, day.month, day.day)}


def _moved_topic(value: Topic, positions: list[int | None]) -> Topic:
    """A topic of the previous build's record with its article's position as it is now."""
    if not value or value[0] != "article":
        return value
    position = positions[int(value[1])]
    return ("removed", value[1]) if position is None else ("article", position)


def matched_positions(before: list[str], now: list[str]) -> list[int | None] | None:
    """Where each article of the previous build is now (None: gone), when those still there keep
    their order; None when they do not, or when two articles have the same content hash."""
    where = {digest: position for position, digest in enumerate(now)}
    if len(where) != len(now) or len(set(before)) != len(before):
        return None
    positions = [where.get(digest) for digest in before]
    kept = [position for position in positions if position is not None]
    return positions if kept == sorted(kept) else None


def _removed_positions(positions: list[int | None]) -> list[int]:
    return [old for old, position in enumerate(positions) if position is None]


def _next_survivor(positions: list[int | None], old: int, end: int) -> int:
    """The position today of the first article after ``old`` that is still there (or the end)."""
    return next((position for position in positions[old + 1:] if position is not None), end)


def _removed_files(previous: PageState, gone: list[int], replaced: dict[str, Any]) -> list[str]:
    """The files of the removed articles, found by the content hash the record has for them."""
    by_digest = {old.digest: rel for rel, old in replaced.items() if isinstance(old, Article)}
    return [by_digest.get(previous.digests[old], "") for old in gone]


def renumbered(previous: PageState, positions: list[int | None] | None) -> PageState:
    """The record of the previous build with the positions of its articles as they are now
    (``positions``: matched_positions; articles came or went among them): the articles pages show
    (refs) and article pages' topics; a removed article's pages get the topic ("removed", old
    position)."""
    if positions is None or positions == list(range(len(positions))):
        return previous

    def refs(shown: tuple[int, ...]) -> tuple[int, ...]:
        return tuple(position for position in (positions[i] for i in shown) if position is not None)

    return replace(previous, refs={path: refs(shown) for path, shown in previous.refs.items()},
                   topics={path: _moved_topic(value, positions) for path, value in previous.topics.items()})


def moved_articles(site: Site, replaced: dict[str, Any]) -> list[tuple[Article, str, str]]:
    """Edited articles whose URL moved (a new title, and the slug follows it; a new date), with
    the old path and the new one."""
    moves: list[tuple[Article, str, str]] = []
    for article in site.articles if replaced else ():
        old = replaced.get(article.rel)
        if isinstance(old, Article) and article_path(old) != article_path(article):
            moves.append((article, article_path(old), article_path(article)))
    return moves


def moved_urls(moves: list[tuple[Article, str, str]], replaced: dict[str, Any],
               site_files: Collection[str] = ()) -> list[SourceError]:
    """Of the articles that moved (``moved_articles``), the published ones, each with the aliases:
    line that keeps the old URL working: links to it are out there. ``site_files``: the files of
    the site in place, when known: an old URL without a page there was never published (an
    article held back until its date, whose date was then corrected: found by a probe, it was
    told to keep a URL nobody ever saw)."""
    return [SourceError(article.rel, article.slug_line, 0, "slug", (
                f"the article moved from /{before} to /{now}; links to the old URL will fail "
                f"unless it is kept: add aliases: [\"/{before}\"]"))
            for article, before, now in moves
            if not replaced[article.rel].draft and before not in alias_paths(article)
            and (not site_files or file_rel(before) in site_files)]


def renamed_profiles(site: Site, replaced: dict[str, Any]) -> list[SourceError]:
    """Profiles whose name an edit changed while articles still give the old one, now among
    neither its name nor its aliases: those articles name someone else (the old name, on its
    own, at the old URL) and left the profile's page. Told with the aliases: that keeps them."""
    old_profiles = {rel: old for rel, old in replaced.items() if isinstance(old, Profile)}
    if not old_profiles:
        return []
    warnings = []
    for registry, index, kind in ((site.actors, site.actor_index, "actor"), (site.tags, site.tag_index, "tag")):
        for entity in registry.entities():
            profile = entity.profile
            old = old_profiles.get(profile.rel) if profile is not None else None
            if profile is None or old is None or name_key(old.name) in map(name_key, (profile.name, *profile.aliases)):
                continue
            count = len(index.get(registry.entity(old.name).name, ())) if registry.knows(old.name) else 0
            if count:
                warnings.append(SourceError(profile.rel, profile.name_line, 0, "name", (
                    f"renamed from {old.name!r}, which {plural(count, 'article')} still "
                    f"name: they are no longer about {profile.name!r}; add {old.name!r} to aliases: to keep "
                    f"them (and its URL, which then leads to the {kind}'s page)")))
    return warnings


_ARTICLE_FILE = re.compile(r"(\d{4}/\d{2}/\d{2}/([^/]+)/)index\.html")


def moved_days(site: Site, before: Iterable[str], told: Collection[str]) -> list[tuple[str, Article]]:
    """Article pages of the last build (``before``: its files) that are gone while the article of
    that slug now stands on another day, with no edit that moved it (``told``: the old paths of
    those): a new time zone places the articles dated near midnight on another day. The old
    paths, with the article now elsewhere."""
    old = {match.group(1): match.group(2) for match in map(_ARTICLE_FILE.fullmatch, before) if match}
    if not old:  # (a first build: nothing to compare, and 100,000 paths not made for nothing)
        return []
    now = {article_path(article): article for article in site.articles}
    kept = {*now, *(path for article in site.articles for path in alias_paths(article))}
    arrived: dict[str, list[Article]] = {}  # by slug, the articles on a page the last build did not have
    for path, article in now.items():
        if path not in old:
            arrived.setdefault(article.slug, []).append(article)
    return sorted((path, arrived[slug][0]) for path, slug in old.items()
                  if path not in kept and path not in told and len(arrived.get(slug, ())) == 1)


def moved_day_warnings(moves: list[tuple[str, Article]], shown: int = 5) -> list[SourceError]:
    """The articles ``moved_days`` found: their old URLs fail and their feed ids change, as for an
    edited date, so each is told the same way (the first few, then a count)."""
    warnings = [SourceError(article.rel, 0, 0, "date", (
                    f"the article moved from /{path} to /{article_path(article)} (its date falls on another "
                    "day in the site's time zone); links to the old URL will fail unless it is kept: "
                    f"add aliases: [\"/{path}\"]")) for path, article in moves[:shown]]
    if len(moves) > shown:
        warnings.append(SourceError("content", 0, 0, "", f"... and {len(moves) - shown} more articles moved to "
                                                         "another day"))
    return warnings
