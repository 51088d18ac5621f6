"""Canonical names for actors and tags: every alias and spelling maps to one name."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from builder.errors import SourceError
from builder.model import Profile
from builder.slugs import RESERVED_NAME_SLUGS, name_key, name_slug, short_hash


@dataclass(frozen=True)
class Entity:
    """A tag or an actor as the site shows it."""

    name: str
    slug: str
    kind: str  # person, organisation, country, place, other; "tag" for tags
    profile: Profile | None = None


class Names:
    """Maps any spelling (case-, accent- and spacing-insensitive) to an Entity."""

    def __init__(self, by_key: dict[str, Entity]) -> None:
        self._by_key = by_key
        self._by_name: dict[str, Entity] = {}  # spelling -> entity, filled as names are looked up
        self._names = frozenset(entity.name for entity in by_key.values())

    def entity(self, name: str) -> Entity:
        found = self._by_name.get(name)
        if found is None:
            found = self._by_name[name] = self._by_key[name_key(name)]
        return found

    def knows(self, name: str) -> bool:
        """Whether ``name`` (in any spelling) is a name of this archive."""
        return name in self._by_name or name_key(name) in self._by_key

    def are_canonical(self, names: tuple[str, ...]) -> bool:
        """True when ``names`` are canonical spellings, each once: what ``canonical`` would
        return, found by two set operations (most articles' names are)."""
        return self._names.issuperset(names) and len(set(names)) == len(names)

    def canonical(self, names: Iterable[str]) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for name in names:
            seen.setdefault(self.entity(name).name)
        return tuple(seen)

    def entities(self) -> list[Entity]:
        unique = {e.name: e for e in self._by_key.values()}
        return sorted(unique.values(), key=lambda e: (name_key(e.name), e.name))


def resolve_names(profiles: Sequence[Profile], used: Iterable[str], default_kind: str,
                  ) -> tuple[Names, list[SourceError]]:
    """Profiles first (their name and aliases), then every other spelling used in articles.

    A name without a profile is shown in its most frequent spelling (ties: the first in
    sorted order), so "Donald trump" in one article joins "Donald Trump" in ten others.
    """
    by_key: dict[str, Entity] = {}
    owner: dict[str, Profile] = {}
    errors: list[SourceError] = []
    for profile in sorted(profiles, key=lambda p: p.rel):
        entity = Entity(profile.name, name_slug(profile.name), profile.kind, profile)
        for alias in (profile.name, *profile.aliases):
            key = name_key(alias)
            other = owner.get(key)
            if other is not None and other is not profile:
                field = "aliases" if alias in profile.aliases else "name"
                line = profile.aliases_line if field == "aliases" else profile.name_line
                errors.append(SourceError(profile.rel, line, 0, field, f"{alias!r} already "
                                          f"belongs to {other.name!r} in {other.rel}"))
                continue
            owner[key] = profile
            by_key[key] = entity
    spellings: dict[str, dict[str, int]] = {}
    first_use: dict[str, int] = {}  # key -> rank of its first use (``used`` comes oldest first)
    # Counted first (in C): the same few thousand names recur in 100,000 articles, and each
    # spelling then needs its key once.
    for name, count in Counter(used).items():
        key = name_key(name)
        first_use.setdefault(key, len(first_use))
        if key in by_key:
            continue
        counts = spellings.get(key)
        if counts is None:  # (not setdefault, which made a dict for every name to throw away)
            spellings[key] = {name: count}
        else:
            counts[name] = count  # (each spelling comes once from the Counter)
    for key, counts in spellings.items():
        best = next(iter(counts)) if len(counts) == 1 else min(counts.items(), key=_most_used)[0]
        by_key[key] = Entity(best, name_slug(best), default_kind)
    return Names(_unique_slugs(by_key, first_use)), errors


def _most_used(spelling: tuple[str, int]) -> tuple[int, str]:
    return -spelling[1], spelling[0]


def _unique_slugs(by_key: dict[str, Entity], first_use: dict[str, int]) -> dict[str, Entity]:
    """Different names with one slug ("C++" and "C") keep distinct URLs: all but the first used get
    a hash, and so does a name whose slug is a folder of the site's own. The first used, not the
    first in sorted order: a newer article's "C" must not take "C++"'s URL and feed, which its
    readers and subscribers know (RFC 4287: a feed's id is permanent); names never used come last."""
    rank: dict[str, int] = {}
    for key, entity in by_key.items():
        rank[entity.name] = min(rank.get(entity.name, len(first_use)), first_use.get(key, len(first_use)))
    entities = sorted({e.name: e for e in by_key.values()}.values(), key=lambda e: (rank[e.name], e.name))
    taken: set[str] = set(RESERVED_NAME_SLUGS)  # a name "A-Z" gets a hashed slug, as a clash would
    renamed: dict[str, Entity] = {}
    for entity in entities:
        slug = entity.slug
        if slug in taken:
            slug = f"{slug}-{short_hash(entity.name)}"
        taken.add(slug)
        renamed[entity.name] = Entity(entity.name, slug, entity.kind, entity.profile)
    return {key: renamed[e.name] for key, e in by_key.items()}
