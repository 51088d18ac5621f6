"""Every known spelling of every known actor, indexed by its first word for longest-match lookup.

Built once per finder from the editors' profiles, the built-in organisations, pycountry's countries
and the demonym table. A profile always wins: a built-in entry whose name or alias is a profile's
becomes that profile ("EU" finds the editors' "European Union" with known=True).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

import pycountry

from builder.importer.recognise._text import fold, is_acronym, name_key, words_of
from builder.importer.recognise.data import countries, orgs
from builder.importer.recognise.data.words import GIVEN_NAMES

KINDS = frozenset({"person", "organisation", "country", "place", "other"})

# Alias flags.
DEMONYM = 1  # "Dutch": a weaker mention of the Netherlands
AMBIGUOUS = 2  # "Jordan": also a name ("Michael Jordan")
SINGLE_WORD = 4  # a one-word alias that may be part of someone else's name ("Melania Trump")
OWNABLE = 8  # "Security Council": the UN's unless a country owns it ("Russia's Security Council")


class Profile(Protocol):
    """What the gazetteer reads from a KnownActor."""

    @property
    def name(self) -> str: ...

    @property
    def kind(self) -> str: ...

    @property
    def aliases(self) -> tuple[str, ...]: ...


@dataclass(frozen=True, slots=True)
class Entity:
    name: str
    kind: str
    known: bool = False
    shown: bool = True  # False for media, places and blocked phrases (unless an editor has a profile)


@dataclass(frozen=True, slots=True)
class Alias:
    keys: tuple[str, ...]
    entity: Entity
    exact: str  # the spelling required as is ("US" never matches "us"), or "" for any case
    caps: tuple[bool, ...]  # which words are acronyms, so capitals there are no sign of a heading
    flags: int = 0
    # Countries named inside an organisation's name ("Kuwait" in "Kuwait Investment Authority"):
    # (first word, word count, country) each, counted as weak mentions of the country.
    inner: tuple[tuple[int, int, Entity], ...] = ()


class Gazetteer:
    def __init__(self, known: Sequence[Profile]) -> None:
        self._aliases: dict[tuple[str, ...], Alias] = {}
        self._spellings: dict[tuple[str, ...], tuple[str, ...]] = {}  # the words as written
        self.profiles: dict[str, Entity] = {}  # name key -> profile entity, for any spelling
        self.known_surnames: dict[str, Entity] = {}
        for profile in known:
            self._add_profile(profile)
        for canonical, aliases in orgs.INTERNATIONAL + orgs.CENTRAL_BANKS_AND_AGENCIES + \
                orgs.ARMED_AND_POLITICAL_GROUPS + orgs.COMPANIES:
            self._add_builtin(canonical, "organisation", aliases)
        for canonical, aliases in orgs.MEDIA:
            self._add_builtin(canonical, "organisation", aliases, shown=False)
        for place in orgs.PLACES:
            self._add_builtin(place, "place", (), shown=False)
        for spelling in orgs.OWNABLE:
            alias = self._aliases.get(tuple(fold(w) for w in words_of(spelling)))
            if alias is not None and not alias.entity.known:
                self._aliases[alias.keys] = Alias(alias.keys, alias.entity, alias.exact, alias.caps,
                                                  alias.flags | OWNABLE)
        for phrase in orgs.BLOCKED:
            self._add_builtin(phrase, "other", (), shown=False)
        self._add_countries()
        self.index = self._build_index()
        self._find_inner_countries()

    # -- building --------------------------------------------------------------------------

    def _add_profile(self, profile: Profile) -> None:
        kind = profile.kind if profile.kind in KINDS else "other"
        entity = Entity(profile.name, kind, known=True)
        for spelling in (profile.name, *profile.aliases):
            self.profiles.setdefault(name_key(spelling), entity)
            self._add_alias(spelling, entity, 0)
        words = [w for w in words_of(profile.name) if w[:1].isupper()]
        if kind == "person" and len(words) >= 2:
            surname = fold(words[-1])
            # Two profiles with the same surname: neither gets it.
            self.known_surnames[surname] = entity if surname not in self.known_surnames else \
                Entity("", "other", shown=False)

    def _add_builtin(self, canonical: str, kind: str, aliases: Iterable[str], shown: bool = True,
                     demonyms: Iterable[str] = (), flags: int = 0) -> None:
        spellings = (canonical, *aliases)
        demonyms = tuple(demonyms)
        entity = self._profile_for(spellings + demonyms) or Entity(canonical, kind, shown=shown)
        for spelling in spellings:
            self._add_alias(spelling, entity, flags)
        for demonym in demonyms:
            self._add_alias(demonym, entity, DEMONYM)

    def _profile_for(self, spellings: Sequence[str]) -> Entity | None:
        """The profile of a built-in entry: by its canonical name, else by a spelled-out alias."""
        found = self.profiles.get(name_key(spellings[0]))
        for spelling in spellings[1:]:
            if found is not None:
                break
            if not is_acronym(spelling):
                found = self.profiles.get(name_key(spelling))
        return found

    def _add_alias(self, spelling: str, entity: Entity, flags: int) -> None:
        words = words_of(spelling)
        if not words:
            return
        keys = tuple(fold(w) for w in words)
        existing = self._aliases.get(keys)
        if existing is not None:
            # The first spelling wins, and profiles come first; but a profile alias that is also a
            # built-in demonym ("American", written into a profile by an earlier import) stays a
            # demonym, so that re-importing with the new profiles gives the same result.
            if existing.entity is entity and flags & ~existing.flags:
                self._aliases[keys] = replace(existing, flags=existing.flags | flags)
            return
        if len(words) == 1 and entity.kind in ("person", "country", "organisation"):
            flags |= SINGLE_WORD
        exact = spelling if _needs_exact_case(words) else ""
        self._aliases[keys] = Alias(keys, entity, exact, tuple(is_acronym(w) for w in words), flags)
        self._spellings[keys] = tuple(words)

    def _add_countries(self) -> None:
        for country in pycountry.countries:
            iso_name: str = country.name
            if iso_name in countries.EXCLUDED:
                continue
            canonical = countries.CANONICAL.get(country.alpha_2) or getattr(country, "common_name", "") \
                or iso_name
            spellings = [iso_name, getattr(country, "common_name", ""), getattr(country, "official_name", "")]
            aliases = [s for s in spellings if s and "," not in s and "(" not in s and s not in
                       countries.EXCLUDED and not s.startswith("the ")]
            aliases += countries.EXTRA_ALIASES.get(canonical, ()) + countries.ACRONYMS.get(canonical, ())
            flags = AMBIGUOUS if canonical in countries.AMBIGUOUS else 0
            self._add_builtin(canonical, "country", aliases, demonyms=countries.DEMONYMS.get(canonical, ()),
                              flags=flags)

    def _find_inner_countries(self) -> None:
        """ "Saudi" in "Saudi Aramco": the same weak mention of Saudi Arabia that an organisation found
        by its pattern ("Kuwait Petroleum Corporation") gives, so a profile changes no counts."""
        for keys, alias in list(self._aliases.items()):
            if alias.entity.kind != "organisation" or not alias.entity.shown or len(keys) < 2:
                continue
            words, inner = self._spellings[keys], []
            for i in range(len(keys)):
                for other in self.index.get(keys[i], ()):
                    size = len(other.keys)
                    if other.entity.kind == "country" and size < len(keys) \
                            and keys[i:i + size] == other.keys and case_ok(other, words, i):
                        inner.append((i, size, other.entity))
                        break
            if inner:
                self._aliases[keys] = replace(alias, inner=tuple(inner))
        self.index = self._build_index()

    def _build_index(self) -> dict[str, tuple[Alias, ...]]:
        by_first: dict[str, list[Alias]] = {}
        for alias in self._aliases.values():
            by_first.setdefault(alias.keys[0], []).append(alias)
        return {first: tuple(sorted(group, key=lambda a: -len(a.keys))) for first, group in by_first.items()}

    # -- lookup ----------------------------------------------------------------------------

    def profile(self, name: str) -> Entity | None:
        return self.profiles.get(name_key(name))


def case_ok(alias: Alias, words: Sequence[str], i: int) -> bool:
    """Spelling rules: acronyms as written; names capitalised, and not in a heading's capitals."""
    size = len(alias.keys)
    if alias.exact:
        return " ".join(words[i:i + size]) == alias.exact
    first = words[i]
    if not (first[:1].isupper() or "-" in first):
        return False
    return all(len(w) < 3 or alias.caps[j] or not is_acronym(w) for j, w in enumerate(words[i:i + size]))


def _needs_exact_case(words: Sequence[str]) -> bool:
    """Acronyms ("EU", "U.S.", "OPEC+", "BoJ") and short mixed-case brands match only as written."""
    if len(words) != 1:
        return all(is_acronym(w) for w in words)
    word = words[0]
    capitals = sum(1 for c in word if c.isupper())
    return is_acronym(word) or (capitals >= 2 and len(word) <= 6) or fold(word) in GIVEN_NAMES
