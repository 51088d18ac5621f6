"""The pages about the whole archive that are not listings: search page and search API, the
site's feed (whose job also makes each tag's and actor's feed), the sitemaps, 404 and robots.txt."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from functools import cache, partial

from builder import indexes, routes
from builder.language import other_language
from builder.model import Article
from builder.site import Site
from builder.views.base import Job, Link, PageMeta, PageSpec, SiteView, _Urls, iso


def _special_pages(site: Site, view: SiteView, urls: _Urls) -> list[PageSpec]:
    pages = [PageSpec("search/", "search.html", partial(_search_job, site, view, urls)),
             PageSpec("404.html", "404.html", partial(
                 Job, "404.html", "404.html",
                 {"site": view, "page": PageMeta("Page not found", "", "", "404")})),  # (served at any missing URL)
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
              page_path: str, feed_path: str = "") -> Job:
    """An Atom feed of the newest entries; ``updated`` comes from the articles, never the clock.
    ``path``: the file written; ``feed_path``: the feed's own address (its id and self link),
    when that is another (a name's feed written again at an old name's URL), else ``path``."""
    shown = tuple(reversed(positions[-site.settings.feed_size:]))
    newest = [site.articles[p] for p in shown]
    updated = max((a.updated or a.date for a in newest), default=None)
    return Job(path, "feed.xml", {
        "site": view, "title": title, "feed_url": urls.absolute(feed_path or path), "home": urls.absolute(page_path),
        "updated": iso(updated) if updated else "1970-01-01T00:00:00+00:00",
        "entries": [{"title": a.title, "summary": a.summary, "source": a.source, "author": a.author, "tags": a.tags,
                     "url": urls.absolute(routes.article_path(a)), "id": urls.absolute(_first_path(a)),
                     "published": iso(a.date),
                     "updated": iso(a.updated or a.date),
                     "language": other_language(a.language, urls.language)}
                    for a in newest]}, shown)


def _first_path(article: Article) -> str:
    """The path an entry is known by: its first old URL (``aliases:``) when it has moved, so that
    a corrected headline, which moves its article, is no new entry to feed readers (RFC 4287: an
    entry's id never changes). An old URL keeps its characters (a folder ``<x>``, ``old story``),
    which an IRI may not all hold: those are percent-encoded (letters of other scripts stay, as
    the IRI allows them, so an id that was valid does not change)."""
    old = routes.alias_paths(article)
    return _IRI_UNSAFE.sub(_percent, old[0]) if old else routes.article_path(article)


# What an IRI path cannot hold as it is (RFC 3987): controls, space, '"<>\^`{|}', and '%', '?' and
# '#', which an old URL holds only decoded ("/old/%3F/" names the folder "?"), not as delimiters.
_IRI_UNSAFE = re.compile(r'[\x00-\x20\x7f-\x9f"<>\\^`{|}%?#]')


def _percent(match: re.Match[str]) -> str:
    return "".join(f"%{byte:02X}" for byte in match.group().encode("utf-8"))


SITEMAP_LIMIT = 50_000  # URLs per sitemap file, as the protocol requires


def _sitemap_pages(site: Site, view: SiteView, urls: _Urls) -> list[PageSpec]:
    """``sitemap.xml``, or above 50,000 URLs a sitemap index of parts. URLs go oldest first, so
    a new article only ever changes the last part."""
    count = (len(site.articles) + 3 + len(urls.paged["tag"]) + len(urls.paged["actor"])
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
        parts.append((urls.absolute(f"sitemap-{number}.xml"), _latest(lastmod for _, lastmod in chunk)))
    return Job("sitemap.xml", "sitemap-index.xml", {"site": view, "parts": parts})


def _latest(lastmods: Iterable[str]) -> str:
    """The latest of some lastmods ("" for none) by the instant each names: as text, 02:30+02:00
    comes after 02:15+01:00, which is later in the hour the clocks go back."""
    return max(filter(None, lastmods), key=datetime.fromisoformat, default="")


def _sitemap(site: Site, urls: _Urls) -> list[tuple[str, str]]:
    """Articles oldest first, then the home page, the tag and actor indexes and the front pages of
    the tags', actors' and years' pages, each with its last change."""
    changed = [a.updated or a.date for a in site.articles]
    entries = [(urls.absolute(routes.article_path(a)), iso(when))
               for a, when in zip(site.articles, changed, strict=True)]
    updated = any(a.updated for a in site.articles)

    def newest(members: Sequence[int]) -> str:
        # Members are in time order: without updates their last is their newest. (Scanning all
        # of them for every tag, actor and year took 1.5 s at 100,000 articles.)
        return iso(max(map(changed.__getitem__, members)) if updated else changed[members[-1]])

    # The home page, always: a sitemap needs at least one URL (a first deploy may have no article);
    # and the tag and actor indexes, the archive's other ways in.
    latest = newest(range(len(site.articles))) if site.articles else ""
    entries += [(urls.absolute(path), latest) for path in ("", "tags/", "actors/")]
    for registry, index, to_path, kind in ((site.tags, site.tag_index, routes.tag_path, "tag"),
                                           (site.actors, site.actor_index, routes.actor_path, "actor")):
        entries += [(urls.absolute(to_path(registry.entity(name).slug)), newest(members))
                    for name, members in sorted(index.items()) if name in urls.paged[kind]]
    entries += [(urls.absolute(routes.year_path(year)), newest(members))
                for year, members in sorted(site.year_index.items())]
    return entries
