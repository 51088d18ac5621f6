"""Indexes: pure functions of the article list. No I/O, no templates, no paths.

Articles are referred to by their position in the list sorted oldest first, so every index
is a tuple of small integers and the order is total: (date, slug, source file).
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import chain
from typing import TypeVar

from builder.model import Article

K = TypeVar("K", bound=Hashable)

RELATED_WINDOW = 12  # earlier articles considered per shared name: bounds work on huge tags


def chronological(articles: Sequence[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: (a.date, a.slug, a.rel))


def group_by(articles: Sequence[Article], keys: Callable[[Article], Sequence[K]],
             ) -> dict[K, tuple[int, ...]]:
    """Positions of the articles under each key, oldest first."""
    groups: dict[K, list[int]] = defaultdict(list)
    for position, article in enumerate(articles):
        for key in keys(article):
            groups[key].append(position)
    return {key: tuple(group) for key, group in groups.items()}


def by_tag(articles: Sequence[Article]) -> dict[str, tuple[int, ...]]:
    return group_by(articles, lambda a: a.tags)


def by_actor(articles: Sequence[Article]) -> dict[str, tuple[int, ...]]:
    return group_by(articles, lambda a: a.actors)


def by_date(articles: Sequence[Article]) -> tuple[dict[int, tuple[int, ...]], dict[tuple[int, int], tuple[int, ...]],
                                                   dict[tuple[int, int, int], tuple[int, ...]]]:
    """Positions by year, by (year, month) and by (year, month, day): one pass, not three
    (0.3 -> 0.1 s at 100,000 articles, in every build that loads the site)."""
    years: dict[int, list[int]] = defaultdict(list)
    months: dict[tuple[int, int], list[int]] = defaultdict(list)
    days: dict[tuple[int, int, int], list[int]] = defaultdict(list)
    for position, article in enumerate(articles):
        when = article.date
        year, month = when.year, when.month
        years[year].append(position)
        months[year, month].append(position)
        days[year, month, when.day].append(position)
    return ({key: tuple(group) for key, group in years.items()}, {key: tuple(group) for key, group in months.items()},
            {key: tuple(group) for key, group in days.items()})


# The most articles a search bundle takes but a single day's. Pagefind holds a whole bundle in
# memory while it indexes it: 6.8 GB for a year of 30,000 articles (a wire archive taking 80 a
# day), 1.1 GB for 5,000, and a build runs one Pagefind per core.
SEARCH_BUNDLE_PAGES = 5_000


def search_shards(articles: Sequence[Article], limit: int | None = None) -> dict[str, tuple[int, ...]]:
    """The articles of each search bundle, oldest bundle first: one per year, and one for the
    newest article's month ("2025-11"), which that year's bundle then leaves out. A year or a
    newest month of more than ``limit`` articles is cut at day boundaries into bundles of at
    most ``limit`` (a single day's articles excepted), each named by its first day ("2025-03-14").

    A bundle is indexed again whenever one of its articles changes. New articles land in the
    newest month, and editors mostly correct recent ones: a month of a 100,000-article archive
    is indexed in about a second, its year takes ten. Older months join their year when the
    next month begins (one re-index of that year a month, or of the last bundles of a year cut
    in parts), so the search page merges one bundle more than it has years, not twelve."""
    if not articles:
        return {}
    limit = SEARCH_BUNDLE_PAGES if limit is None else limit
    newest = articles[-1].date
    periods: dict[tuple[int, int], list[int]] = defaultdict(list)
    for position, article in enumerate(articles):
        day = article.date
        month = day.month if (day.year, day.month) == (newest.year, newest.month) else 0
        periods[(day.year, month)].append(position)
    shards: dict[str, tuple[int, ...]] = {}
    for year, month in sorted(periods):
        positions = periods[year, month]
        if len(positions) <= limit:
            shards[_shard_name(year, month)] = tuple(positions)
        else:
            shards.update(_by_days(articles, positions, limit))
    return shards


def _by_days(articles: Sequence[Article], positions: Sequence[int], limit: int) -> dict[str, tuple[int, ...]]:
    """Runs of whole consecutive days of at most ``limit`` articles (or one day alone), each named
    by its first day. Cut from the first day on: articles added to the newest day change the
    last run only (or move that day to a run of its own)."""
    days: dict[date, list[int]] = defaultdict(list)
    for position in positions:
        days[articles[position].date.date()].append(position)
    runs: list[tuple[date, list[int]]] = []
    for day, found in days.items():  # (oldest first, as the articles are)
        if runs and len(runs[-1][1]) + len(found) <= limit:
            runs[-1][1].extend(found)
        else:
            runs.append((day, found))
    return {day.isoformat(): tuple(run) for day, run in runs}


def newest_shard(articles: Sequence[Article]) -> str:
    """The name of the newest search bundle (search_shards' last), from the newest month's
    articles alone (the last ones): the search page and its API file ask for it on every build."""
    newest = articles[-1].date
    start = len(articles) - 1
    while start and (articles[start - 1].date.year, articles[start - 1].date.month) == (newest.year, newest.month):
        start -= 1
    return next(reversed(search_shards(articles[start:])))


def _shard_name(year: int, month: int) -> str:
    return f"{year}-{month:02d}" if month else str(year)


@dataclass(frozen=True)
class Page:
    """One page of a listing. Pages are numbered from the oldest, so adding an article never
    changes a full page: only the front page (which holds the newest ``per_page`` to
    ``2 * per_page - 1`` items) and, when it overflows, one newly frozen page."""

    number: int  # 1 = oldest; the front page has the highest number
    count: int  # pages in the listing, front page included
    items: tuple[int, ...]  # newest first
    first_item: int  # 1-based position of the oldest item on this page, counted from the oldest

    @property
    def is_front(self) -> bool:
        return self.number == self.count


def paginate(positions: Sequence[int], per_page: int) -> list[Page]:
    """Split oldest-first positions into frozen full pages and one front page."""
    frozen = max(0, len(positions) // per_page - 1)
    count = frozen + 1
    pages = []
    for number in range(1, count + 1):
        start = (number - 1) * per_page
        end = start + per_page if number < count else len(positions)
        pages.append(Page(number, count, tuple(reversed(positions[start:end])), start + 1))
    return pages


def neighbours(count: int, position: int) -> tuple[int | None, int | None]:
    """The previous (older) and next (newer) positions in time."""
    return (position - 1 if position > 0 else None, position + 1 if position + 1 < count else None)


def related(articles: Sequence[Article], tag_index: dict[str, tuple[int, ...]],
            actor_index: dict[str, tuple[int, ...]], position: int, limit: int) -> list[int]:
    """Earlier articles sharing the most actors and tags (an actor counts twice), nearest first.

    Candidates are the ``RELATED_WINDOW`` articles just before this one in each of its names'
    lists: a tag with 30,000 articles costs what one with 12 does, and a new article never
    changes the related list of an older one, so adding it rewrites no older article page.
    """
    if limit <= 0:
        return []
    # Weights must not depend on global counts: those change with every new article.
    article = articles[position]
    scores: dict[int, int] = {}
    score = scores.get
    for names, index, weight in ((article.actors, actor_index, 2), (article.tags, tag_index, 1)):
        for name in names:
            members = index[name]
            at = bisect_left(members, position)
            for other in members[max(0, at - RELATED_WINDOW):at]:
                scores[other] = score(other, 0) + weight
    # The highest scores, the nearest (highest position) first among equals.
    return [other for _, other in heapq.nlargest(limit, zip(scores.values(), scores.keys(), strict=True))]


def co_occurring(articles: Sequence[Article], members: tuple[int, ...], name: str,
                 limit: int) -> list[tuple[str, int]]:
    """The actors most often named together with ``name`` in its articles."""
    counts = Counter(chain.from_iterable([articles[position].actors for position in members]))
    counts.pop(name, None)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]


EVEN_MONTHS = 1200  # a histogram spanning more months (a century) keeps only months with articles


def month_histogram(articles: Sequence[Article], members: Sequence[int]) -> list[tuple[int, int, int]]:
    """``(year, month, count)`` for every month from the first member's to the last's, empty
    months included, so a chart's bars are evenly spaced in time. ``members`` are oldest first.

    Over more than ``EVEN_MONTHS`` months only the months with articles are listed: two
    articles dated 0002 and 9999 would otherwise make 120,000 bars."""
    if not members:
        return []
    counts: Counter[tuple[int, int]] = Counter((articles[p].date.year, articles[p].date.month) for p in members)
    first, last = min(counts), max(counts)
    if (last[0] - first[0]) * 12 + last[1] - first[1] >= EVEN_MONTHS:
        return [(year, month, count) for (year, month), count in sorted(counts.items())]
    result = []
    year, month = first
    while (year, month) <= last:
        result.append((year, month, counts[(year, month)]))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return result


def heat_levels(counts: Sequence[int], steps: int = 4) -> list[int]:
    """A level from 0 to ``steps`` per count, relative to the largest: 0 only for no articles,
    1 for the smallest non-zero count, ``steps`` for the largest."""
    top = max(counts, default=0)
    return [0 if count <= 0 else max(1, -(-count * steps // top)) for count in counts]


def more_about(articles: Sequence[Article], actor_index: dict[str, tuple[int, ...]], position: int,
               actors: int = 3, per_actor: int = 3, exclude: Sequence[int] = ()) -> list[tuple[str, list[int]]]:
    """For the article's first ``actors`` actors, their ``per_actor`` most recent EARLIER articles,
    newest first, each shown once (``exclude``: already shown, e.g. the related articles).

    Earlier only, like ``related``: a newer article never changes an older article's page."""
    seen = {*exclude, position}
    result = []
    for name in articles[position].actors[:actors]:
        members = actor_index.get(name, ())
        picks: list[int] = []
        at = bisect_left(members, position) - 1
        while at >= 0 and len(picks) < per_actor:
            if members[at] not in seen:
                picks.append(members[at])
                seen.add(members[at])
            at -= 1
        result.append((name, picks))
    return result


def latest_days(articles: Sequence[Article], days: int) -> range:
    """Positions of the articles of the ``days`` days up to the newest article's date (never the
    clock: the same articles give the same window whenever the site is built)."""
    if not articles:
        return range(0)
    try:
        start = articles[-1].date - timedelta(days=days)
    except OverflowError:  # the window starts before year 1: it holds every article
        return range(len(articles))
    return range(bisect_left(articles, start, key=lambda a: a.date), len(articles))


def top_names(articles: Sequence[Article], positions: Sequence[int],
              names: Callable[[Article], Sequence[str]], limit: int) -> list[tuple[str, int]]:
    """The names most often found in the articles at ``positions``, with their counts; ties by name."""
    counts: Counter[str] = Counter()
    for position in positions:
        counts.update(set(names(articles[position])))
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]
