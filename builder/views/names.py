"""Tag and actor pages (a listing and a feed each, a profile, a chart of articles per month, the
names most often found with it) and the tag and actor indexes, split A to Z when long."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from functools import cached_property, lru_cache, partial
from itertools import groupby
from typing import Any

from markupsafe import Markup

from builder import indexes, routes
from builder.model import Article
from builder.names import Entity
from builder.site import Site
from builder.slugs import RESERVED_NAME_SLUGS, name_key, name_slug, slugify
from builder.views.base import (
    MONTHS,
    Area,
    Bar,
    Chart,
    Job,
    Link,
    PageMeta,
    PageSpec,
    SiteView,
    Topic,
    _kind_label,
    _Links,
    _Urls,
    format_date,
    iso,
    plural,
)
from builder.views.listings import _Listing, _listing_pages
from builder.views.special import _feed_job

KIND_LABELS = {"person": "People", "organisation": "Organisations", "country": "Countries",
               "place": "Places", "other": "Others"}
TOGETHER_COUNT = 10
CHART_STEPS = 10  # bar heights in tenths of the tallest bar
DENSE_BARS = 48  # above this many months, bars touch
CHART_MONTHS = 60  # above this many months, an area instead of bars
AREA_HEIGHT = 40  # the area's steps: the busiest month is this high
TOP_PER_KIND = 50  # the actors index shows a kind's most named first when it has more than this
TOP_TAGS = 30
# An index of more names than this gives each letter of its long lists a page of its own
# (/actors/a-z/others/c/, /tags/a-z/c/): 4,400 actors on one page weighed 500 kB.
INDEX_NAMES_MAX = 400


def _entity_pages(site: Site, view: SiteView, links: _Links, urls: _Urls,
                  wanted: Callable[[Topic], bool]) -> list[PageSpec]:
    per_page = site.settings.per_page
    pages: list[PageSpec] = []
    for registry, index, to_path, kind in ((site.tags, site.tag_index, routes.tag_path, "tag"),
                                           (site.actors, site.actor_index, routes.actor_path, "actor")):
        every_name = registry.entities()
        entities = [e for e in every_name if e.name in index]
        names = _NameIndex(site, entities, index, urls, kind)
        pages.append(PageSpec(names.path, "entities.html", partial(_entity_index_job, names, view, urls)))
        pages += [PageSpec(path, "letter.html", partial(_letter_job, names, view, urls, group, letter))
                  for group, letter, path in names.letter_pages()]
        redirects = _alias_redirects(every_name, urls.paged[kind], to_path)
        old_paths: dict[str, list[str]] = {}
        for path, _, name in redirects:
            old_paths.setdefault(name, []).append(path)
        for entity in (e for e in entities if e.name in urls.paged[kind] and wanted((kind, e.name))):
            members = index[entity.name]
            feed = f"{to_path(entity.slug)}feed.xml"
            # The kind in the title, as the kicker shows it: tag "Russia" and country "Russia".
            title = f"{_kind_label(entity, kind)}: {entity.name}"
            feed_job = partial(_feed_job, site, view, urls, title=f"{title} · {site.settings.title}",
                               positions=members, page_path=to_path(entity.slug), feed_path=feed)
            pages.append(PageSpec(feed, "feed.xml", partial(feed_job, path=feed), (kind, entity.name)))
            # The same feed at each old name's URL (a static host cannot redirect a feed reader):
            # its id and self link are the feed's own, which readers then follow. About the name,
            # as the feed is (its articles); whether it is there depends on every name's slug, as
            # the redirect's: a rebuild where names' pages come or go compares the paths of the
            # names' feeds with the last build's (builder.rebuild.moved_feeds).
            pages += [PageSpec(f"{old}feed.xml", "feed.xml", partial(feed_job, path=f"{old}feed.xml"),
                               (kind, entity.name)) for old in old_paths.get(entity.name, ())]
            pages += _listing_pages(_Listing(
                to_path(entity.slug), "entity.html", view, links, urls, heading=entity.name, kind=kind,
                feed_url=urls(feed), description=_entity_description(entity, len(members)),
                every={"entity": _entity_every(entity, kind)},
                front=partial(_entity_front, site, entity, members, urls, kind), topic=(kind, entity.name),
                title=title, site=site),
                members, per_page)
        # About the whole archive (topic None), not the name: whether an alias gets its redirect
        # depends on every name's slug, and an article that comes or goes with a name of that
        # slug (or the last one naming it) gives or takes it, whatever the name it redirects to.
        pages += [PageSpec(path, "redirect.html", partial(_redirect_job, view, urls, path, target, name))
                  for path, target, name in redirects]
    return pages


def old_name_feeds(site: Site) -> dict[str, Topic]:
    """The feeds written at old names' URLs (``_alias_redirects``), each with its name's topic
    (("tag", name) or ("actor", name)): a rebuild where names' pages came or went compares them
    with the previous build's record (builder.rebuild.moved_feeds)."""
    urls = _Urls(site)
    return {f"{path}feed.xml": (kind, name)
            for registry, to_path, kind in ((site.tags, routes.tag_path, "tag"),
                                            (site.actors, routes.actor_path, "actor"))
            for path, _, name in _alias_redirects(registry.entities(), urls.paged[kind], to_path)}


def _alias_redirects(entities: list[Entity], paged: set[str], to_path: Callable[[str], str],
                     ) -> list[tuple[str, str, str]]:
    """(path, target path, name) of each alias of a paged name's profile, to redirect to the name's
    page: ``/actors/rutte/`` leads to ``/actors/mark-rutte/``, and a name renamed with its old one
    kept in ``aliases:`` keeps its URL, as an article's ``aliases:`` do. A slug that a name with
    a page has stays that name's, and of two aliases with one slug the first in order keeps it."""
    taken = set(RESERVED_NAME_SLUGS) | {entity.slug for entity in entities if entity.name in paged}
    redirects = []
    for entity in entities:
        if entity.profile is None or entity.name not in paged:
            continue
        for alias in entity.profile.aliases:
            slug = name_slug(alias)
            if slug not in taken:
                taken.add(slug)
                redirects.append((to_path(slug), to_path(entity.slug), entity.name))
    return redirects


def _redirect_job(view: SiteView, urls: _Urls, path: str, target: str, name: str) -> Job:
    return Job(path, "redirect.html", {"site": view, "target": urls(target), "canonical": urls.absolute(target),
                                       "title": name, "what": "page", "lang": ""})


def _entity_every(entity: Entity, kind: str) -> dict[str, Any]:
    """``entity`` on every page of a name's listing: the front page's keys (``_entity_view``), those
    that change with its articles None (``together`` empty). Found by a probe: older pages had only
    the name and kind_label, so an override writing {{ entity.kind }} (the README's "its name and
    kind") or {% if entity.chart %} built until a name reached a second page, then failed."""
    return {**_entity_static(entity, kind), **dict.fromkeys(_PER_ARTICLE_KEYS), "together": []}


_PER_ARTICLE_KEYS = ("count", "first_text", "last_text", "first_iso", "last_iso", "chart")


def _entity_static(entity: Entity, kind: str) -> dict[str, Any]:
    """What a name's pages show of it whatever its articles: its names, kind and profile."""
    profile = entity.profile
    return {
        "name": entity.name,
        "kind": entity.kind,
        "kind_label": _kind_label(entity, kind),
        "aliases": list(profile.aliases) if profile else [],
        "description": profile.description if profile else "",
        "body_html": Markup(profile.body_html) if profile else Markup(""),
    }


def _entity_front(site: Site, entity: Entity, members: tuple[int, ...], urls: _Urls, kind: str,
                  ) -> dict[str, Any]:
    return {"entity": _entity_view(site, entity, members, urls, kind)}


def _entity_description(entity: Entity, count: int) -> str:
    if entity.profile and entity.profile.description:
        return entity.profile.description
    return f"{count} article{'s' if count != 1 else ''} about {entity.name}."


def _entity_view(site: Site, entity: Entity, members: tuple[int, ...], urls: _Urls,
                 kind: str) -> dict[str, Any]:
    first, last = site.articles[members[0]].date, site.articles[members[-1]].date
    together: list[Link] = []
    paged = [(name, count) for name, count in indexes.co_occurring(site.articles, members, entity.name,
                                                                len(site.actor_index))
             if name in urls.paged["actor"]]
    for name, count in paged[:TOGETHER_COUNT]:
        other = site.actors.entity(name)
        together.append(Link(urls.entity("actor", other), other.name, count, other.kind))
    return {
        **_entity_static(entity, kind),
        "count": len(members),
        "first_text": format_date(first, with_time=False),
        "last_text": format_date(last, with_time=False),
        "first_iso": iso(first),
        "last_iso": iso(last),
        "together": together,
        "chart": month_chart(site.articles, members, entity.name),
    }


def month_chart(articles: Sequence[Article], members: Sequence[int], name: str) -> Chart:
    """The articles about ``name`` per month from its first month to its last: a bar a month up
    to ``CHART_MONTHS`` months, an area beyond (see _area_chart), a bar a year over centuries."""
    first, last = articles[members[0]].date, articles[members[-1]].date  # members are oldest first
    span = (last.year - first.year) * 12 + last.month - first.month + 1
    if CHART_MONTHS < span <= indexes.EVEN_MONTHS:
        return _area_chart(articles, members, name, first.year * 12 + first.month - 1, span)
    months = indexes.month_histogram(articles, members)
    years: dict[str, int] = {}
    for y, _, count in months:
        years[str(y)] = years.get(str(y), 0) + count
    if span > indexes.EVEN_MONTHS:
        # Over centuries (dates typed wrong, say), only the years with articles get a bar.
        counts = [(y, count, False) for y, count in years.items()]
        unit = "year"
    else:
        counts = [(f"{MONTHS[m - 1]} {y}", count, m == 1 and i > 0) for i, (y, m, count) in enumerate(months)]
        unit = "month"
    levels = indexes.heat_levels([count for _, count, _ in counts], CHART_STEPS)
    bars = tuple(Bar(label, count, level, tick) for (label, count, tick), level in zip(counts, levels, strict=True))
    peak = max(bars, key=lambda b: b.count)  # the earliest of the busiest
    summary = _chart_summary(name, unit, bars[0].label, bars[-1].label, [b.count for b in bars], peak.label)
    return Chart(bars, summary, bars[0].label, bars[-1].label, peak.count, tuple(years.items()),
                 len(bars) > DENSE_BARS, unit)


def _area_chart(articles: Sequence[Article], members: Sequence[int], name: str, start: int, span: int) -> Chart:
    """Over more months than bars can show (300 weighed 13 kB), one SVG shape with a step a
    month: runs of equal months are one step. ``start``: the first month, as year * 12 + month - 1.
    Counted straight into a list of months, with no label or bar per month (3,000 charts: 0.1 s)."""
    counts = [0] * span
    for position in members:
        date = articles[position].date
        counts[date.year * 12 + date.month - 1 - start] += 1
    years: dict[str, int] = {}
    month = 0
    while month < span:  # a year at a time
        year, index = divmod(start + month, 12)
        years[str(year)] = sum(counts[month:month + 12 - index])
        month += 12 - index

    def label(month: int) -> str:
        year, index = divmod(start + month, 12)
        return f"{MONTHS[index]} {year}"

    peak = counts.index(max(counts))  # the earliest of the busiest
    levels = indexes.heat_levels(counts, AREA_HEIGHT)
    outline = "".join(f"V{AREA_HEIGHT - level}h{len(list(run))}" for level, run in groupby(levels))
    januaries = range(12 - start % 12, span, 12)  # each but the first month's: a tick on the time axis
    area = Area(span, AREA_HEIGHT, f"M0 {AREA_HEIGHT}{outline}V{AREA_HEIGHT}Z",
                "".join(f"M{month} 0V{AREA_HEIGHT}" for month in januaries))
    summary = _chart_summary(name, "month", label(0), label(span - 1), counts, label(peak))
    return Chart((), summary, label(0), label(span - 1), counts[peak], tuple(years.items()), True, "month", area)


def _chart_summary(name: str, unit: str, first: str, last: str, counts: Sequence[int], peak: str) -> str:
    """The chart's accessible name: its span, its total, and its busiest month or year."""
    active = sum(1 for count in counts if count)
    return (f"Articles about {name} per {unit}, {first} to {last}: {plural(sum(counts), 'article')} in "
            f"{plural(active, unit)}; the most, {max(counts):,}, in {peak}.")


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
        "page": PageMeta(names.heading, urls.absolute(path), f"Every {kind} in the archive.", "index",
                         section=f"{kind}s"),
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
        "page": PageMeta(title, urls.absolute(path), f"{title}: {plural(len(links), 'name')}.", "index",
                         section=f"{names.kind}s"),
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
