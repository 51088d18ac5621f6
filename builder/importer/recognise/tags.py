"""Topic tags: keyword rules (the editors' and the built-in ones) plus the most prominent actors."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from builder.importer.recognise._text import name_key
from builder.importer.recognise.actors import FoundActor
from builder.importer.recognise.data.topics import TOPICS

TITLE_HIT, SPECIFIC_HIT, COMMON_HIT = 3, 2, 1
ACTOR_TAGS = 3  # organisations and countries that become tags
ACTOR_TAG_KINDS = ("organisation", "country")

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015]+")


@dataclass(frozen=True)
class TagRule:
    tag: str  # e.g. "Defence spending"
    keywords: tuple[str, ...]  # e.g. ("defence spending", "defense spending", "military budget")


def default_rules() -> list[TagRule]:
    """The built-in topics (Diplomacy, Oil, Elections, ...) shipped with the package."""
    return [TagRule(tag, keywords) for tag, keywords in TOPICS]


def find_tags(title: str, paragraphs: Sequence[str], actors: Sequence[FoundActor],
              rules: Sequence[TagRule] = (), max_tags: int = 8) -> list[str]:
    """Tags for an article: the rules that fire (the editors' ``rules`` merged into the built-in
    ones), strongest first then by name, followed by up to three prominent organisations and
    countries among ``actors`` (which come ordered by importance)."""
    actor_tags = _actor_tags(actors, max(0, min(ACTOR_TAGS, max_tags // 2)))
    taken = {name_key(tag) for tag in actor_tags}
    rule_tags = [tag for tag in _matcher(rules).tags(title, paragraphs) if name_key(tag) not in taken]
    return rule_tags[:max(0, max_tags - len(actor_tags))] + actor_tags


def _actor_tags(actors: Sequence[FoundActor], limit: int) -> list[str]:
    # One passing mention does not make an article about a country: two are needed.
    chosen = [a.name for a in actors if a.kind in ACTOR_TAG_KINDS and a.mentions >= 2]
    return list(dict.fromkeys(chosen))[:limit]


def _matcher(rules: Sequence[TagRule]) -> _Matcher:
    try:
        return _cached_matcher(tuple(rules))
    except TypeError:  # rules with list keywords are not hashable: build without the cache
        return _Matcher(rules)


@lru_cache(maxsize=16)
def _cached_matcher(rules: tuple[TagRule, ...]) -> _Matcher:
    # Imports call find_tags thousands of times with the same editor rules: compile them once.
    return _Matcher(rules)


@dataclass
class _Hits:
    title: int = 0
    specific: int = 0  # multi-word keywords in the body: "defence spending"
    common: int = 0  # single words in the body: "oil"

    def fires(self) -> bool:
        return self.title > 0 or self.specific > 0 or self.common >= 2

    def score(self) -> int:
        return TITLE_HIT * self.title + SPECIFIC_HIT * self.specific + COMMON_HIT * self.common


class _Matcher:
    """Keyword lookup by word n-grams, case- and accent-insensitive, on word boundaries."""

    def __init__(self, editor_rules: Sequence[TagRule]) -> None:
        self.tags_by_index: list[str] = []
        keywords_by_tag: dict[str, tuple[int, set[str]]] = {}
        for rule in [*default_rules(), *editor_rules]:
            key = name_key(rule.tag)
            if key not in keywords_by_tag:
                keywords_by_tag[key] = (len(self.tags_by_index), set())
                self.tags_by_index.append(rule.tag)
            elif rule in editor_rules:
                self.tags_by_index[keywords_by_tag[key][0]] = rule.tag  # the editor's spelling wins
            keywords_by_tag[key][1].update(rule.keywords)
        # first word -> [(words, rule indices, specific)], longest first
        self.index: dict[str, list[tuple[tuple[str, ...], set[int], bool]]] = {}
        entries: dict[tuple[str, ...], tuple[set[int], bool]] = {}
        for number, keywords in keywords_by_tag.values():
            for keyword in sorted(keywords):  # sorted: the result must not depend on hash order
                for words, specific in _forms(keyword):
                    entries.setdefault(words, (set(), specific))[0].add(number)
        for words, (numbers, specific) in entries.items():
            self.index.setdefault(words[0], []).append((words, numbers, specific))
        for group in self.index.values():
            group.sort(key=lambda entry: (-len(entry[0]), entry[0]))

    def tags(self, title: str, paragraphs: Sequence[str]) -> list[str]:
        hits: dict[int, _Hits] = {}
        self._count(_fold(title), hits, in_title=True)
        for paragraph in paragraphs:
            self._count(_fold(paragraph), hits, in_title=False)
        fired = [(h.score(), self.tags_by_index[n]) for n, h in hits.items() if h.fires()]
        return [tag for _, tag in sorted(fired, key=lambda item: (-item[0], item[1].casefold()))]

    def _count(self, text: str, hits: dict[int, _Hits], in_title: bool) -> None:
        words = _WORD.findall(text)
        i = 0
        while i < len(words):
            size = 1
            for entry_words, numbers, specific in self.index.get(words[i], ()):
                if tuple(words[i:i + len(entry_words)]) == entry_words:
                    size = len(entry_words)
                    for number in numbers:
                        _hit(hits.setdefault(number, _Hits()), in_title, specific)
                    break
            i += size


def _hit(hits: _Hits, in_title: bool, specific: bool) -> None:
    if in_title:
        hits.title += 1
    elif specific:
        hits.specific += 1
    else:
        hits.common += 1


def _forms(keyword: str) -> list[tuple[tuple[str, ...], bool]]:
    """The word sequences a keyword matches: as given, with a plural, and hyphenated words joined
    ("cease-fire" also matches "ceasefire")."""
    folded = _fold(keyword.strip())
    parts = [p for p in _SEPARATORS.split(folded) if p]
    words = [w for part in parts for w in _WORD.findall(part)]
    if not words:
        return []
    specific = len(words) > 1
    forms = {tuple(words)}
    forms.add((*words[:-1], words[-1] + "s"))
    forms.add((*words[:-1], words[-1] + "es"))
    if "-" in folded and " " not in folded:
        forms.add(("".join(words),))
    return [(form, specific) for form in forms]


def _fold(text: str) -> str:
    text = text.lower()
    if text.isascii():
        return text
    text = text.replace("\u2019", "'")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
