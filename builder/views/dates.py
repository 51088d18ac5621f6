"""The date archive: a listing for every year, month and day with articles, with links to the
periods around it, and heat maps of a year's months and a month's days."""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Callable, Sequence
from datetime import date, datetime
from functools import partial
from typing import Any

from builder import indexes, routes
from builder.site import Site
from builder.views.base import (
    MONTHS,
    Cell,
    Link,
    PageSpec,
    SiteView,
    Topic,
    _Links,
    _Urls,
    format_date,
    plural,
)
from builder.views.listings import _Listing, _listing_pages

HEAT_STEPS = 4  # heat-map levels of the date archive's month and day grids
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


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


def _count_text(count: int) -> str:
    return plural(count, "article") if count else "no articles"
