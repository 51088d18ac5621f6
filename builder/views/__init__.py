"""Views: display-ready data for every page, computed before any template runs.

Templates only show what is here: URLs are final, dates are formatted, lists are sorted.
``site_pages`` lists one ``PageSpec`` per output file, in a stable order; its ``make`` computes
the page's ``Job`` only when called, so a rebuild computes the views of the pages it needs,
and render workers compute them in parallel.

Each Job names the articles whose display fields (``DISPLAY_FIELDS``: title, summary, source...)
it shows in ``refs``. Everything else a page shows of articles (dates, names, URLs) is their
structure: while that is unchanged, an edited article changes only the pages that refer to it.

One module per kind of page, in the order ``site_pages`` lists them; each imports only ``base``
and the few helpers it shares (a listing's pages, a feed):

- ``base``: the view types (``Job``, ``PageSpec``, ``Link``, ``ArticleView``...), the site's
  URLs, an article's link, dates and counts as pages write them
- ``articles``: article pages, their redirects, "More about", JSON-LD
- ``listings``: the paginated listing and its pager; the home page and its trending names
- ``names``: tag and actor pages, their charts, the tag and actor indexes (A to Z)
- ``dates``: the year, month and day archive and its heat maps
- ``special``: search page and API, feeds, sitemaps, 404, robots.txt
"""

from __future__ import annotations

from collections.abc import Callable

from builder.site import Site
from builder.views.articles import MORE_ABOUT_ACTORS, MORE_ABOUT_ITEMS, _article_pages, article_job
from builder.views.base import (
    DISPLAY_FIELDS,
    MONTHS,
    VIEW_TYPES,
    ArticleLink,
    ArticleView,
    Bar,
    Cell,
    Chart,
    Job,
    Link,
    MoreAbout,
    PageMeta,
    Pager,
    PageSpec,
    SiteView,
    Topic,
    _Links,
    _site_view,
    _Urls,
    entity_urls,
    format_date,
    iso,
    noun,
    plural,
)
from builder.views.dates import _date_pages, month_grid, year_grid
from builder.views.listings import _home_pages
from builder.views.names import _entity_pages, month_chart, old_name_feeds
from builder.views.special import _special_pages

__all__ = [
    "DISPLAY_FIELDS",
    "MONTHS",
    "MORE_ABOUT_ACTORS",
    "MORE_ABOUT_ITEMS",
    "VIEW_TYPES",
    "ArticleLink",
    "ArticleView",
    "Bar",
    "Cell",
    "Chart",
    "Job",
    "Link",
    "MoreAbout",
    "PageMeta",
    "PageSpec",
    "Pager",
    "SiteView",
    "Topic",
    "article_job",
    "entity_urls",
    "format_date",
    "iso",
    "month_chart",
    "month_grid",
    "noun",
    "old_name_feeds",
    "plural",
    "site_pages",
    "year_grid",
]


def _every(topic: Topic) -> bool:
    return True


def site_pages(site: Site, search: bool = True, wanted: Callable[[Topic], bool] | None = None) -> list[PageSpec]:
    """Every output file of the site, its view data not computed yet; with ``wanted``, of the
    pages about an article, a name or a period only those whose topic it accepts (a rebuild
    that knows what changed lists no more)."""
    urls = _Urls(site)
    view = _site_view(site, urls, search)
    links = _Links(site, urls)
    wanted = wanted or _every
    pages = list(_article_pages(site, view, links, urls, wanted))
    pages += _home_pages(site, view, links, urls)
    pages += _entity_pages(site, view, links, urls, wanted)
    pages += _date_pages(site, view, links, urls, wanted)
    pages += _special_pages(site, view, urls)
    return pages
