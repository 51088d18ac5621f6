"""The site model: articles with canonical names, in time order, with their indexes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from builder import indexes
from builder.config import Settings
from builder.errors import SourceError
from builder.model import Article, Profile
from builder.names import Names, resolve_names
from builder.routes import route_errors


@dataclass(frozen=True)
class Site:
    settings: Settings
    articles: list[Article]  # oldest first; drafts only when asked for
    tags: Names
    actors: Names
    tag_index: dict[str, tuple[int, ...]]
    actor_index: dict[str, tuple[int, ...]]
    year_index: dict[int, tuple[int, ...]]
    month_index: dict[tuple[int, int], tuple[int, ...]]
    day_index: dict[tuple[int, int, int], tuple[int, ...]]


def _canonical(article: Article, tags: Names, actors: Names) -> Article:
    """The article with its names in canonical spelling (itself when they already are: most
    are, and copying 100,000 dataclasses costs seconds)."""
    if tags.are_canonical(article.tags) and actors.are_canonical(article.actors):
        return article
    canonical_tags, canonical_actors = tags.canonical(article.tags), actors.canonical(article.actors)
    if canonical_tags == article.tags and canonical_actors == article.actors:
        return article
    return replace(article, tags=canonical_tags, actors=canonical_actors)


def build_site(settings: Settings, articles: Sequence[Article], actor_profiles: Sequence[Profile],
               tag_profiles: Sequence[Profile], drafts: bool = False, until: datetime | None = None,
               ) -> tuple[Site | None, list[SourceError]]:
    """``until``: the present, after which articles are held back (None: none is)."""
    published: list[Article] = []
    held: list[Article] = []
    for article in articles:
        if drafts or not article.draft:
            (held if until is not None and article.date > until else published).append(article)
    published = indexes.chronological(published)  # (oldest first: a name's first use keeps its URL)
    actors, errors = resolve_names(actor_profiles, (n for a in published for n in a.actors), "other")
    tags, tag_errors = resolve_names(tag_profiles, (n for a in published for n in a.tags), "tag")
    errors += tag_errors
    canonical = [_canonical(a, tags, actors) for a in published]
    # (an article held back until its date is compared too: its URL clash would otherwise fail
    # the first build after that date, a scheduled one that nobody watches)
    errors += route_errors(canonical + held)
    if errors:
        return None, errors
    site = Site(settings, canonical, tags, actors, indexes.by_tag(canonical), indexes.by_actor(canonical),
                *indexes.by_date(canonical))
    return site, []
