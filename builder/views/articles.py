"""Article pages: the article with its neighbours, related articles, "More about" its actors and
its schema.org JSON-LD; and the redirects from its old URLs."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC
from functools import partial
from typing import Any

from markupsafe import Markup

from builder import indexes, routes
from builder.language import part_attributes
from builder.markdown import link_url
from builder.model import Article
from builder.names import Names
from builder.site import Site
from builder.views.base import (
    ArticleLink,
    ArticleView,
    Job,
    Link,
    MoreAbout,
    PageMeta,
    PageSpec,
    SiteView,
    Topic,
    _article_link,
    _kind_label,
    _Links,
    _site_view,
    _Urls,
    format_date,
    iso,
)

WORDS_PER_MINUTE = 230
MORE_ABOUT_ACTORS = 3  # "More about" the article's first actors...
MORE_ABOUT_ITEMS = 2  # ...each with its most recent earlier articles


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
                           partial(_redirect_job, view, urls, alias, path, article, position),
                           ("article", position))


def _redirect_job(view: SiteView, urls: _Urls, path: str, target: str, article: Article, position: int) -> Job:
    return Job(path, "redirect.html", {
        "site": view, "target": urls(target), "canonical": urls.absolute(target), "title": article.title,
        "what": "article", "lang": part_attributes(article.language, urls.language)}, (position,))


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


def _article_view(site: Site, article: Article, urls: _Urls) -> ArticleView:
    return ArticleView(
        title=article.title, url=urls(routes.article_path(article)), date_iso=iso(article.date),
        date_text=format_date(article.date, article.timed), updated_iso=iso(article.updated),
        updated_text=format_date(article.updated, article.updated_timed) if article.updated else "",
        source=article.source, source_id=article.source_id, source_url=urls.link(article.source_url),
        author=article.author, image=urls.absolute_link(article.image), summary=article.summary,
        body_digest=article.digest, source_rel=article.rel,
        words=article.words, reading_minutes=max(1, round(article.words / WORDS_PER_MINUTE)),
        tags=_entity_links(article.tags, site.tags, urls, "tag"),
        actors=_entity_links(article.actors, site.actors, urls, "actor"),
        day_url=urls(routes.day_path(article.date)), year=str(article.date.year),
        sort_key=article.date.astimezone(UTC).replace(tzinfo=None, microsecond=0).isoformat() + "Z",
        lang=part_attributes(article.language, urls.language), extra=article.extra,
        json_ld=_json_ld(site, article, urls))


def _entity_links(names: Sequence[str], registry: Names, urls: _Urls, kind: str) -> tuple[Link, ...]:
    # No counts here: they change with every new article, and would rewrite every article page.
    return tuple(urls.chip(kind, registry, name) for name in names)


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
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": article.title,
        "datePublished": iso(article.date), "dateModified": iso(article.updated or article.date),
        "mainEntityOfPage": urls.absolute(routes.article_path(article)),
        "publisher": {"@type": "Organization", "name": site.settings.publisher or site.settings.title},
        "about": things, "keywords": list(article.tags),
        "inLanguage": article.language or site.settings.language,
    }
    if article.author:
        data["author"] = {"@type": "Person", "name": article.author}
    if article.source:
        data["sourceOrganization"] = {"@type": "Organization", "name": article.source}
    if article.image:
        data["image"] = link_url(urls.absolute_link(article.image))  # (encoded as og:image is)
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    # Inside <script>, "</script" or "<!--" in a value would end the element: escape every "<".
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
