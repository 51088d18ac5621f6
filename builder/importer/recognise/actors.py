"""Actors: the people, organisations and countries an article is about, under canonical names.

Recognition works on *runs*: stretches of capitalised words joined by spaces, particles ("bin",
"von der"), possessives and the small words of organisations' names ("Central Bank of Kuwait").
Each run goes through three passes:

1. the gazetteer (profiles, built-in organisations, countries, demonyms), longest match first;
2. organisation patterns around a head word ("Ministry", "Bank", "Corporation", "(ACR)");
3. the remaining capitalised words, cut into name chunks and judged by their context: a role
   before ("Foreign Minister Sergei Lavrov"), a possessive country ("Hungary's Viktor Orban"), a
   verb of saying ("Jane Doe said"), an apposition ("Jane Doe, chief economist at..."), a given
   name. Chunks without such evidence are only matched against names found elsewhere in the
   article, which is how "Rutte" and "Trump" reach their full names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from builder.importer.recognise._gazetteer import (
    AMBIGUOUS,
    DEMONYM,
    OWNABLE,
    SINGLE_WORD,
    Alias,
    Entity,
    Gazetteer,
    case_ok,
)
from builder.importer.recognise._text import JOINERS, RUN, RUN_WORD, clean, fold, is_acronym, name_key
from builder.importer.recognise.data import words as lex
from builder.importer.recognise.data.countries import DEMONYMS


@dataclass(frozen=True)
class KnownActor:
    """An actor an editor has a profile for (content/actors/*.md)."""

    name: str  # canonical name, e.g. "Mark Rutte"
    kind: str  # person | organisation | country | place | other
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class FoundActor:
    name: str  # canonical name
    kind: str  # person | organisation | country | place | other
    aliases: tuple[str, ...]  # other spellings seen in this text, sorted, without the name itself
    known: bool  # True when it matched a KnownActor
    mentions: int  # mentions in the title and the body


class ActorFinder:
    """Finds actors in articles; build it once (the lookup tables are built here) and reuse it."""

    def __init__(self, known: Sequence[KnownActor] = ()) -> None:
        self._gazetteer = Gazetteer(known)

    def find(self, title: str, paragraphs: Sequence[str]) -> list[FoundActor]:
        """Actors ordered by importance: title and lead mentions weigh more; ties by first mention."""
        return _Reading(self._gazetteer, title, paragraphs).actors()


# -- patterns and weights ----------------------------------------------------------------------

SEGMENT = 1_000_000  # positions are segment * SEGMENT + offset; the title is segment 0
TITLE_WEIGHT, LEAD_WEIGHT, BODY_WEIGHT = 3.0, 2.0, 1.0
WEAK = 0.5  # a demonym ("Dutch") or a country inside an organisation's name
POSSESSIVE = 1 << 8  # mention flag: "Jordan's" is the country even where a Michael Jordan is about
# Mention flag: a one-word country name opening the title or a sentence whose word the text also writes
# in lowercase ("Turkey prices soar" beside "a frozen turkey"): the country only if named otherwise too.
ORDINARY = 1 << 9

_AFTER_RUN = re.compile(r" ([a-z]+)\b")
_COMMA_WORD = re.compile(r", ([a-z]+)\b")
_LOWER_TAIL = re.compile(r"(?: [a-z][\w'-]*){1,3}")
# Words after a company's name: "UniCredit chief executive Andrea Orcel", "UniCredit shares rose".
_COMPANY_AFTER = re.compile(r" (?:CEO|chief executive|chairman|chairwoman|co-founder|founder|boss|shares|"
                            r"shareholders|stock)\b")
_ACRONYM_AFTER = re.compile(r"\s*\(([A-Z][A-Za-z0-9&+.-]{1,15})\)")
# "Jane Doe, the central bank governor,", "Jane Doe, 45,", "Zabihullah Mujahid, the Taliban's chief spokesman"
_ROLE_ALTERNATIVES = "|".join(sorted((re.escape(w) for w in lex.ROLE_WORDS), key=len, reverse=True))
_APPOSITION = re.compile(r",\s+(?:\d{1,3},|(?:the |a |an |his |her |its |their )?(?:[\w'-]+\s+){0,5}?"
                         r"(?:" + _ROLE_ALTERNATIVES + r")\b)", re.IGNORECASE)
# A lowercase surname after a role and a given name: "US President Donald trump at the White House".
_LOWER_SURNAME = re.compile(r" ([a-z][a-z'-]{2,})\b(?:\s*([,.;:!?)]|$)|\s+([a-z]+)\b)")
_LOWER_WORD = re.compile(r"(?<![\w'-])[a-z][a-z'-]+")
_LOWER_START = re.compile(r"[\W_]*[a-z]")  # a paragraph that starts in lowercase: "venezuela will seek"
# Words before a place: "in Chad", "exports to Jordan" name the country, whoever else is named Chad.
_PLACE_PREPOSITIONS = frozenset({"in", "into", "to", "from", "across", "throughout", "within", "inside",
                                 "toward", "towards"})
_SENTENCE_END = frozenset(".!?:;\"\u201c\u201d(\u2014\u2013-\u2022*\n")

# Adjectives that start organisations' names at the start of a sentence too ("National Semiconductor
# Corp said"), unlike "Outgoing" or "Former".
_NAME_ADJECTIVES = lex.GENERIC_ORG_WORDS - lex.ROLE_QUALIFIERS
_ADJECTIVE_ENDINGS = ("-based", "-led", "-owned", "-backed", "-controlled", "-run", "-born")
_DEMONYM_OF = {country: names[0] for country, names in DEMONYMS.items()}
_NOT_NAMES = lex.PORTFOLIO_WORDS | lex.ORG_HEADS | lex.THING_HEADS | lex.COMMON_WORDS
_NOT_SURNAMES = (lex.FUNCTION_WORDS | lex.IRREGULAR_VERBS | lex.COMMON_WORDS | lex.REPORTING_VERBS
                 | lex.ROLE_WORDS)
_NOTHING = Entity("", "other", shown=False)  # consumed words that name nothing ("the Foreign Ministry")


def _namey(word: str) -> bool:
    """A word that can be part of a name: "Rutte", "DeSantis", "Al-Sabah", "al-Sudani"."""
    return (word[:1].isupper() and not is_acronym(word)) or (word[:3] in ("al-", "el-") and len(word) > 4)


def _is_suffix(word: str) -> bool:
    """ "Jr", "III", "XIV" after a name; "Xi" (Jinping) is a name, not the numeral."""
    return fold(word) in lex.NAME_SUFFIXES and (word.isupper() or word[:2] in ("Jr", "Sr"))


def _titled(word: str) -> str:
    """ "trump" -> "Trump"; particles stay lowercase ("bin", "von")."""
    if word[:1].islower() and fold(word) not in lex.NAME_PARTICLES and word[:3] not in ("al-", "el-"):
        return word[:1].upper() + word[1:]
    return word


def _initials_match(acronym: str, words: Sequence[str]) -> bool:
    """ "OPEC" for "Organization of the Petroleum Exporting Countries"; "KUNA" for "Kuwait News Agency"."""
    letters = [c for c in acronym if c.isalpha()]
    initials = [w[0] for w in words if w[:1].isupper()]
    if not letters or not initials or letters[0] != initials[0]:
        return False
    return sum(1 for c in letters if c in initials) * 3 >= len(letters) * 2


# -- one article ---------------------------------------------------------------------------------

@dataclass(eq=False, slots=True)
class _Person:
    name: str
    words: tuple[str, ...]  # folded words without particles, titles and suffixes: ("mark", "rutte")
    all_words: tuple[str, ...]  # folded words as written, particles included
    first: int  # position of the first mention
    merged: _Person | None = None
    official: bool = False  # found after a role: "Defence Minister Israel Katz"

    def final(self) -> _Person:
        person = self
        while person.merged is not None:
            person = person.merged
        return person


@dataclass(frozen=True, slots=True)
class _Mention:
    target: Entity | _Person
    surface: str
    pos: int
    weight: float = 1.0
    flags: int = 0


@dataclass(slots=True)
class _Context:
    role: bool = False  # "Foreign Minister Sergei Lavrov", "spokesman Dmitry Peskov"
    role_at: int = -1  # the role word's index in the run
    title: str = ""  # "King" in "King Charles III"
    possessor: bool = False  # "Hungary's Viktor Orban"
    speaker: bool = False  # "said Jane Doe"
    verb: bool = False  # "Jane Doe said"
    apposition: bool = False  # "Jane Doe, chief economist at X"
    organisation: bool = False  # "state oil company Pemex"


@dataclass(slots=True)
class _Group:
    entity: Entity
    first: int
    count: int = 0
    score: float = 0.0
    surfaces: set[str] = field(default_factory=set)


class _Run:
    """Capitalised words of one run, with what each has been recognised as."""

    __slots__ = ("end", "initial", "inside", "keys", "offs", "owner", "seg", "span_start", "start", "tail",
                 "text", "words")

    def __init__(self, seg: int, text: str, match: re.Match[str]) -> None:
        self.seg, self.text, self.start, self.end = seg, text, match.start(), match.end()
        found = match.group()
        if " " in found or "'" in found:
            self.words: list[str] = RUN_WORD.findall(found)
            self.offs: list[int] = []
            cursor = self.start
            for word in self.words:
                cursor = text.index(word, cursor)
                self.offs.append(cursor)
                cursor += len(word)
        else:  # most runs are one word
            self.words, self.offs = [found], [self.start]
        self.keys = [fold(w) for w in self.words]
        self.owner: list[Alias | Entity | None] = [None] * len(self.words)
        self.span_start = list(range(len(self.words)))
        self.inside = [False] * len(self.words)  # inside an organisation's name
        self.initial = _starts_sentence(text, self.start)
        self.tail = ""  # lowercase words after the run that end a profile's name

    def surface(self, first: int, end: int) -> str:
        return self.text[self.offs[first]:self.offs[end - 1] + len(self.words[end - 1])]

    def pos(self, i: int) -> int:
        return self.seg * SEGMENT + self.offs[i]

    def span_end(self, i: int) -> int:
        owner, end = self.owner[i], i + 1
        while end < len(self.words) and self.owner[end] is owner and self.span_start[end] == i:
            end += 1
        return end


def _previous_word(text: str, start: int) -> tuple[str, str]:
    """The word before ``start``, lowercased, and the full stop or comma right after it."""
    if start == 0 or text[start - 1] != " ":
        return "", ""
    words = text[max(0, start - 40):start].split()
    if not words:
        return "", ""
    word = words[-1]
    mark = word[-1] if word[-1] in ".," else ""
    word = word[:-1] if mark else word
    return (word.lower(), mark) if word[:1].isalpha() else ("", "")


def _said_after(text: str, end: int, comma: bool = False) -> bool:
    """ "Rutte noted", or with ``comma`` ", said" (after "..., Kent Walker, said")."""
    match = (_COMMA_WORD if comma else _AFTER_RUN).match(text, end)
    return match is not None and match.group(1) in lex.REPORTING_VERBS


def _starts_sentence(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] == " ":
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


class _Reading:
    """The state of reading one article: mentions found so far and what is left to resolve."""

    def __init__(self, gazetteer: Gazetteer, title: str, paragraphs: Sequence[str]) -> None:
        self.gaz = gazetteer
        body = [p for p in paragraphs if p and p.strip()]
        self.segments = [clean(title, False)] + [clean(p, i == 0) for i, p in enumerate(body)]
        self.mentions: list[_Mention] = []
        self.persons: dict[str, _Person] = {}
        self.singles: list[tuple[int, str, str, str]] = []  # (pos, word, key, surface) after a role
        self.loose: list[list[tuple[int, str, str]]] = []  # (pos, word, key) chunks to match later
        self.orgs: dict[tuple[str, ...], Entity] = {}
        self.acronyms: dict[str, Entity] = {}
        self.acronym_uses: list[tuple[int, str]] = []
        self.defined_at: set[int] = set()  # positions of "(ACR)" right after a name
        self.full_names: dict[tuple[str, ...], _Person] = {}
        self.found_orgs: set[str] = set()  # organisations known by their context, not the gazetteer
        self.evidence: set[str] = set()  # words used alone as someone's name ("Williams told")
        self.candidates: list[tuple[int, list[str], str]] = []  # names that lack evidence of their own
        self.by_word: tuple[dict[str, list[_Person]], ...] = ({}, {}, {})  # surname, first, middle
        self._lowercase: set[str] | None = None
        self._body_lowercase: set[str] | None = None

    def actors(self) -> list[FoundActor]:
        for seg in range(1, len(self.segments)):
            self._read(seg, True)
        self._read(0, False)  # the title: only names known by now (headline capitals mislead)
        self._promote_candidates()
        self._merge_persons()
        self._resolve_singles()
        self._resolve_loose()
        for pos, word in self.acronym_uses:
            if word in self.acronyms:
                self.mentions.append(_Mention(self.acronyms[word], word, pos))
        return self._aggregate()

    # -- reading runs ----------------------------------------------------------------------

    def _read(self, seg: int, discover: bool) -> None:
        text = self.segments[seg]
        for match in RUN.finditer(text):
            if " " not in match.group() and self._read_word(seg, text, match):
                continue
            run = _Run(seg, text, match)
            self._match_gazetteer(run)
            self._find_organisations(run, discover)
            self._record_aliases(run)
            self._read_names(run, discover)

    def _read_word(self, seg: int, text: str, match: re.Match[str]) -> bool:
        """A run of one word, read without building a run (most runs are one word); False when
        it needs the full treatment (a role before it: "spokesman Peskov")."""
        word, start = match.group(), match.start()
        possessive = word.endswith("'s")
        if possessive:
            word = word[:-2]
        if "'" in word:
            return False
        key, pos = fold(word), seg * SEGMENT + start
        if pos in self.defined_at:
            return True  # "(PIF)" right after "Public Investment Fund": the same mention
        for alias in self.gaz.index.get(key, ()):
            if len(alias.keys) > 1 and alias.entity.known:
                return False  # maybe a profile's name going on in lowercase: "Donald trump"
            if len(alias.keys) == 1 and case_ok(alias, [word], 0):
                self._alias_mention(alias, word, pos, alias.flags & DEMONYM != 0, possessive,
                                    _starts_sentence(text, start))
                if alias.entity.kind == "organisation" and not possessive:
                    self._define_acronym(seg, text, match.end(), alias.entity)
                return True
        if key in lex.COMMON_WORDS or key in lex.ROLE_WORDS or key in lex.NEVER_NAMES or key in lex.ORG_HEADS:
            return True  # "The", "However", "President", "Ministry" alone name nobody
        before, mark = _previous_word(text, start)
        if before in lex.ROLE_WORDS:
            return False  # "spokesman Peskov": the full reading judges roles
        if (before in lex.ORG_NOUNS and not mark) or (len(key) > 6 and key.endswith(lex.ORG_ENDINGS)) \
                or (not possessive and _COMPANY_AFTER.match(text, match.end())):
            self._add_organisation(word, pos, (key,), seg, text, match.end())  # "lender Commerzbank"
        elif is_acronym(word):
            if not _is_suffix(word) and pos not in self.defined_at:
                self.acronym_uses.append((pos, word))
        else:
            if not possessive and _said_after(text, match.end()):
                self.evidence.add(key)  # "Williams told": Suni Williams, met earlier, is a person
            self.loose.append([(pos, word, key)])
        return True

    def _add_organisation(self, name: str, pos: int, keys: tuple[str, ...], seg: int, text: str,
                          end: int) -> None:
        """An organisation known by its context; ``end`` is where an "(ACR)" may follow, or -1."""
        entity = self.orgs.get(keys) or Entity(name, "organisation")
        self.orgs.setdefault(keys, entity)
        self.found_orgs.add(entity.name)
        self.mentions.append(_Mention(entity, name, pos))
        self._define_acronym(seg, text, end, entity)

    def _match_gazetteer(self, run: _Run) -> None:
        """Longest known spelling first: "Central Bank of Kuwait" before "Kuwait", and "National
        Hurricane Center" before "The National" (a newspaper) that starts one word earlier."""
        i, count = 0, len(run.keys)
        while i < count:
            alias = self._alias_at(run, i)
            if alias is None:
                i += 1
                continue
            end = min(count, i + len(alias.keys))
            if any(self._reaches_beyond(run, j, end) for j in range(i + 1, end)):
                i += 1
                continue
            for j in range(i, end):
                run.owner[j], run.span_start[j] = alias, i
            i = end

    def _alias_at(self, run: _Run, i: int) -> Alias | None:
        keys, count = run.keys, len(run.keys)
        for alias in self.gaz.index.get(keys[i], ()):
            size = len(alias.keys)
            if i + size > count:
                if alias.entity.known and run.words[i][:1].isupper() and self._tail_matches(run, i, alias):
                    return alias
                continue
            if (size == 1 or tuple(keys[i:i + size]) == alias.keys) \
                    and case_ok(alias, run.words, i) and not self._part_of_name(run, alias, i):
                return alias
        return None

    def _tail_matches(self, run: _Run, i: int, alias: Alias) -> bool:
        """A profile's name whose last words are written in lowercase after the run: "Donald trump"."""
        inside = len(run.keys) - i
        if tuple(run.keys[i:]) != alias.keys[:inside]:
            return False
        tail = _LOWER_TAIL.match(run.text, run.end)
        words = tail.group().split() if tail else []
        if tuple(fold(w) for w in words[:len(alias.keys) - inside]) != alias.keys[inside:]:
            return False
        run.tail = " ".join(words[:len(alias.keys) - inside])
        return True

    def _reaches_beyond(self, run: _Run, i: int, end: int) -> bool:
        alias = self._alias_at(run, i) if run.keys[i] in self.gaz.index else None
        return alias is not None and i + len(alias.keys) > end

    def _part_of_name(self, run: _Run, alias: Alias, i: int) -> bool:
        """ "Michael Jordan", "Melania Trump", "Defence Minister Israel Katz": not the country or profile;
        "Russia's Security Council": not the UN's."""
        if i > 0 and alias.entity.kind == "organisation" and len(alias.keys) > 1 and alias.keys[0] in lex.ORG_HEADS \
                and self._name_word_before(run, i - 1):
            return True  # "Long-Term Credit Bank of Japan Ltd", "Royal Bank of Canada": not the central bank
        if alias.flags & OWNABLE and i > 0:
            before = run.owner[i - 1]
            return run.words[i - 1] == "'s" or (isinstance(before, Alias) and before.entity.kind == "country")
        if len(alias.keys) != 1 or alias.flags & DEMONYM or not alias.flags & (SINGLE_WORD | AMBIGUOUS):
            return False
        words, keys = run.words, run.keys
        if i > 0 and run.owner[i - 1] is None and keys[i - 1] in lex.GIVEN_NAMES and _namey(words[i - 1]):
            return True
        following = i + 1
        if not (alias.flags & AMBIGUOUS and keys[i] in lex.GIVEN_NAMES and following < len(words)
                and _namey(words[following]) and keys[following] not in _NOT_NAMES
                and keys[following] not in lex.ROLE_WORDS):
            return False
        return keys[following] not in self.gaz.index or self._surname_of_speaker(run, following)

    def _surname_of_speaker(self, run: _Run, i: int) -> bool:
        """ "Johnson" in "Chad Johnson said": a word that starts a longer known name ("Johnson &
        Johnson") without it, ending a name that speaks or is described; not "a Georgia Republican"."""
        if i != len(run.words) - 1 or any(len(alias.keys) == 1 for alias in self.gaz.index[run.keys[i]]):
            return False
        return _said_after(run.text, run.end) or bool(_APPOSITION.match(run.text, run.end))

    def _name_word_before(self, run: _Run, i: int) -> bool:
        """An unclaimed capitalised word that goes on into the name after it."""
        word, key = run.words[i], run.keys[i]
        return run.owner[i] is None and word[:1].isupper() and word != "'s" and not is_acronym(word) \
            and key not in lex.ROLE_WORDS and key not in JOINERS and key not in lex.NEVER_NAMES \
            and key not in lex.GIVEN_NAMES and not key.endswith("-based") \
            and not (i == 0 and run.initial and key in lex.COMMON_WORDS)

    def _record_aliases(self, run: _Run) -> None:
        i = 0
        while i < len(run.words):
            owner = run.owner[i]
            if not isinstance(owner, Alias) or run.span_start[i] != i:
                i += 1
                continue
            end = run.span_end(i)
            if run.inside[i] and owner.entity.kind != "country":
                i = end  # "African Union" in "African Union Commission": the commission is meant
                continue
            possessive = end < len(run.words) and run.words[end] == "'s"
            weak = owner.flags & DEMONYM != 0 or run.inside[i]
            surface = run.surface(i, end) + (f" {run.tail}" if end == len(run.words) and run.tail else "")
            self._alias_mention(owner, surface, run.pos(i), weak, possessive, i == 0 and run.initial)
            for first, size, country in owner.inner:
                if i + first + size > min(end, len(run.words)):
                    continue  # the name matched a shorter run than the alias ("Bank of Japan Ltd.")
                self.mentions.append(_Mention(country, run.surface(i + first, i + first + size),
                                              run.pos(i + first), WEAK))
            if end == len(run.words) and owner.entity.kind == "organisation":
                self._define_acronym(run.seg, run.text, run.end, owner.entity)
            i = end

    def _alias_mention(self, alias: Alias, surface: str, pos: int, weak: bool, possessive: bool,
                       initial: bool = False) -> None:
        if alias.entity.shown and pos not in self.defined_at:
            flags = alias.flags | (POSSESSIVE if possessive else 0)
            if initial and not possessive and self._ordinary_word(alias):
                flags |= ORDINARY
            self.mentions.append(_Mention(alias.entity, surface, pos, WEAK if weak else 1.0, flags))

    # -- organisations ---------------------------------------------------------------------

    def _find_organisations(self, run: _Run, discover: bool) -> None:
        i = 0
        while i < len(run.words):
            if run.owner[i] is None and run.keys[i] in lex.ORG_HEADS and run.words[i][:1].isupper():
                i = self._organisation_at(run, i, discover)
            else:
                i += 1

    def _organisation_at(self, run: _Run, head: int, discover: bool) -> int:
        """The organisation around a head word; returns the index after it. In a headline
        (``discover`` false) only organisations the body named count: "Dubai Police arrest gang"."""
        before = run.owner[head - 1] if head else None
        if run.keys[head] in lex.CORPORATE_SUFFIXES and isinstance(before, Alias):
            run.owner[head] = before  # "Apple Inc" is Apple
            return head + 1
        first, end = self._extend_left(run, head), self._extend_right(run, head)
        if not discover:
            known = self.orgs.get(tuple(run.keys[first:end]))
            if known is not None:
                for j in range(first, end):
                    run.owner[j], run.inside[j] = run.owner[j] or known, run.owner[j] is not None
                self.mentions.append(_Mention(known, run.surface(first, end), run.pos(first)))
            return end
        name = self._organisation_name(run, first, end)
        entity = Entity(name, "organisation") if name else _NOTHING
        for j in range(first, end):
            if run.owner[j] is None:
                run.owner[j] = entity
            else:
                run.inside[j] = True
        if name:
            self.found_orgs.add(name)
            self.mentions.append(_Mention(entity, run.surface(first, end), run.pos(first)))
            self.orgs.setdefault(tuple(run.keys[first:end]), entity)
            if end == len(run.words):
                self._define_acronym(run.seg, run.text, run.end, entity)
        return end

    def _extend_left(self, run: _Run, head: int) -> int:
        first = head
        while first > 0:
            owner, word, key = run.owner[first - 1], run.words[first - 1], run.keys[first - 1]
            if isinstance(owner, Alias) and (owner.entity.kind in ("country", "place", "other")
                                             or (owner.entity.kind == "organisation" and owner.entity.shown)):
                # "Kuwait Petroleum Corporation", "Russian Foreign Ministry" (but not the newspaper
                # "The National" in "The National Assembly")
                first = run.span_start[first - 1]
                continue
            if key in ("and", "&") and owner is None and first >= 2 and self._left_word(run, first - 2):
                first -= 1  # "Food and Drug Administration"
                continue
            # A role word starting the run is a company's first word ("General Dynamics Corp",
            # "Chief Auto Parts Inc"); further in, a person's ("Foreign Minister ... Corp").
            role = key in lex.ROLE_WORDS and first - 1 > 0 and key not in lex.OWNER_ROLES
            if owner is not None or not word[:1].isupper() or role or key in JOINERS \
                    or key in lex.NEVER_NAMES or key.endswith("-based") or word == "'s" \
                    or (first - 1 == 0 and run.initial and key in lex.COMMON_WORDS
                        and key not in _NAME_ADJECTIVES):  # but "National Convenience Stores Inc"
                break
            first -= 1
        return first

    def _left_word(self, run: _Run, i: int) -> bool:
        word, key = run.words[i], run.keys[i]
        return run.owner[i] is None and word[:1].isupper() and key not in lex.ROLE_WORDS \
            and key not in JOINERS and key not in lex.NEVER_NAMES and key not in lex.GIVEN_NAMES \
            and not (i == 0 and run.initial)

    def _extend_right(self, run: _Run, head: int) -> int:
        end, count = head + 1, len(run.words)
        while end < count:
            word, key = run.words[end], run.keys[end]
            if run.owner[end] is None and word[:1].isupper() and word != "'s" and key not in lex.ROLE_WORDS \
                    and key not in lex.NEVER_NAMES and key not in lex.GIVEN_NAMES:
                end += 1  # "Bank Muscat", "Capital Economics"
                continue
            if run.owner[end] is not None or key not in ("of", "for", "on", "&", "and"):
                break
            after = end + 1
            while after < count and run.keys[after] == "the" and key != "and":
                after += 1
            stop = self._organisation_word(run, after, key == "and")
            if stop < 0:
                break
            end = stop
        return end

    def _organisation_word(self, run: _Run, i: int, after_and: bool) -> int:
        """The end of a word (or known name) that may continue an organisation's name, or -1."""
        if i >= len(run.words):
            return -1
        owner, word, key = run.owner[i], run.words[i], run.keys[i]
        if isinstance(owner, Alias) and owner.entity.kind != "person" and not after_and:
            return run.span_end(i)  # "Central Bank of Nigeria"
        if owner is None and word[:1].isupper() and key not in lex.ROLE_WORDS and word != "'s" \
                and key not in lex.NEVER_NAMES and (not after_and or self._last_portfolio_word(run, i)):
            return i + 1  # "Ministry of Health and Prevention"
        return -1

    def _last_portfolio_word(self, run: _Run, i: int) -> bool:
        """ "and Prevention" ends "Ministry of Health and Prevention"; "and the National Bureau of
        Statistics" starts another name."""
        following = i + 1
        return run.keys[i] in lex.PORTFOLIO_WORDS and run.keys[i - 1] != "the" and (
            following == len(run.words) or run.owner[following] is not None
            or not run.words[following][:1].isupper())

    def _organisation_name(self, run: _Run, first: int, end: int) -> str:
        """The name as written, or "" for a generic one ("the Foreign Ministry") nothing qualifies."""
        text = run.surface(first, end)
        for j in range(first, end):
            key = run.keys[j]
            if run.owner[j] is not None or (key not in lex.GENERIC_ORG_WORDS and key not in lex.ORG_HEADS
                                            and key not in JOINERS):
                return text
        owner = run.owner[first - 2] if first >= 2 and run.words[first - 1] == "'s" else None
        if isinstance(owner, Alias) and owner.entity.kind == "country" and owner.entity.name in _DEMONYM_OF:
            return f"{_DEMONYM_OF[owner.entity.name]} {text}"  # "Russia's Foreign Ministry"
        return ""

    def _define_acronym(self, seg: int, text: str, end: int, entity: Entity) -> None:
        """ "Public Investment Fund (PIF)": later uses of PIF are the fund."""
        if end < 0:
            return
        if text.startswith("(", end) or text.startswith(" (", end):
            match = _ACRONYM_AFTER.match(text, end)
            # An acronym, or a short name with the same first letter: "(Afreximbank)"
            if match and (is_acronym(match.group(1)) or match.group(1)[0] == entity.name[:1]):
                self.acronyms.setdefault(match.group(1), entity)
                self.defined_at.add(seg * SEGMENT + match.start(1))

    # -- names -----------------------------------------------------------------------------

    def _read_names(self, run: _Run, discover: bool) -> None:
        """Cuts the words nobody claimed into name chunks; roles and small words cut them."""
        words, keys, count = run.words, run.keys, len(run.words)
        chunk: list[int] = []
        role = -1  # the role word that introduces the next chunk
        for i in range(count):
            word, key, owner = words[i], keys[i], run.owner[i]
            is_role = owner is None and (key in lex.ROLE_WORDS or word in lex.UPPERCASE_ROLES)
            if chunk and (self._inside_name(run, i) or self._place_as_surname(run, i, chunk)):
                chunk.append(i)  # "Mohammed Shia al-Sudani": "Shia" is a name here, not an adjective
            elif owner is not None or is_role or word == "'s" or key in lex.NEVER_NAMES \
                    or (key in JOINERS and not self._particle(run, i, chunk)) \
                    or (is_acronym(word) and not _is_suffix(word)):
                self._flush(run, chunk, role, discover, followed_by_role=is_role)
                # a role names one person: "Investor David La Roche of North Kingstown"
                role = self._next_role(run, i, role if not chunk else -1, is_role)
                chunk = []
                if owner is None and is_acronym(word) and word != "'s":
                    self._acronym_use(run, i)
            elif chunk or not self._never_starts_name(run, i, role):
                chunk.append(i)
        self._flush(run, chunk, role, discover, followed_by_role=False)

    def _inside_name(self, run: _Run, i: int) -> bool:
        owner, following = run.owner[i], i + 1
        return isinstance(owner, Alias) and owner.entity.kind == "other" and len(owner.keys) == 1 \
            and following < len(run.words) and run.owner[following] is None and _namey(run.words[following])

    def _place_as_surname(self, run: _Run, i: int, chunk: list[int]) -> bool:
        """ "Madrid" in "Miguel de la Madrid": a one-word place after a given name and a particle
        is the end of a person's name, not the city."""
        owner = run.owner[i]
        return isinstance(owner, Alias) and owner.entity.kind == "place" and len(owner.keys) == 1 \
            and run.keys[chunk[-1]] in lex.NAME_PARTICLES and run.words[chunk[-1]].islower() \
            and run.keys[chunk[0]] in lex.GIVEN_NAMES

    def _never_starts_name(self, run: _Run, i: int, role: int) -> bool:
        """ "Energy" in "Energy Minister", "Affairs" in "Minister of State for Energy Affairs Saad
        Al-Kaabi", a lone "III": words of an office or a suffix, not the start of a name."""
        if _is_suffix(run.words[i]):
            return True
        return run.keys[i] in lex.PORTFOLIO_WORDS and (role >= 0 or self._before_role(run, i))

    def _particle(self, run: _Run, i: int, chunk: list[int]) -> bool:
        """ "bin" in "Mohammed bin Salman": a small word between two parts of a name."""
        following = i + 1
        while following < len(run.words) and run.keys[following] in lex.NAME_PARTICLES \
                and run.words[following].islower():
            following += 1  # "von der Leyen"
        if not (chunk and run.keys[i] in lex.NAME_PARTICLES and following < len(run.words)):
            return False
        if run.owner[following] is None:
            return _namey(run.words[following])
        return self._place_as_surname(run, following, [*chunk, following - 1])

    def _next_role(self, run: _Run, i: int, role: int, is_role: bool) -> int:
        """The role still waiting for its name after word i ("President of Russia Vladimir Putin")."""
        if is_role:
            return i
        owner, key = run.owner[i], run.keys[i]
        if key == "and":
            following = i + 1
            keeps = following < len(run.words) and run.keys[following] in lex.PORTFOLIO_WORDS
            return role if keeps else -1  # "Prime Minister and Foreign Minister Sheikh..."
        if key in JOINERS or (isinstance(owner, Alias) and owner.entity.kind != "person"):
            return role
        return -1

    def _before_role(self, run: _Run, i: int) -> bool:
        j = i + 1
        while j < len(run.words) and run.keys[j] in lex.PORTFOLIO_WORDS:
            j += 1
        return j < len(run.words) and run.owner[j] is None and run.keys[j] in lex.ROLE_WORDS

    def _acronym_use(self, run: _Run, i: int) -> None:
        if run.pos(i) not in self.defined_at:
            self.acronym_uses.append((run.pos(i), run.words[i]))

    def _flush(self, run: _Run, chunk: list[int], role: int, discover: bool, followed_by_role: bool) -> None:
        while chunk and run.keys[chunk[-1]] in lex.NAME_PARTICLES and run.words[chunk[-1]].islower():
            chunk = chunk[:-1]
        if len(chunk) > 1 and chunk[0] == 0 and run.initial and self._common(run.words[0], run.keys[0]):
            chunk = chunk[1:]  # "Most EU leaders", "Speaking to Bloomberg TV"
        for j, i in enumerate(chunk):
            if run.keys[i].endswith(_ADJECTIVE_ENDINGS):  # "California-based Baker", "Icahn-led"
                chunk = chunk[j + 1:] if j == 0 else []
                break
        if not chunk or followed_by_role:
            return  # nothing, or a role's qualifier: "Treasury" in "Treasury Secretary"
        if not discover:
            self._add_loose(run, chunk)
            return
        self._classify(run, chunk, self._context(run, chunk, role))

    def _common(self, word: str, key: str) -> bool:
        """An ordinary word capitalised because it starts a sentence."""
        if key in lex.GIVEN_NAMES:
            return False
        if key in lex.COMMON_WORDS or key.endswith(("ing", "ly")):
            return True
        if self._lowercase is None:
            self._lowercase = set(_LOWER_WORD.findall(" ".join(self.segments)))
        return key in self._lowercase

    def _ordinary_word(self, alias: Alias) -> bool:
        """A one-word country name that the body also writes as an ordinary word: "a frozen turkey"."""
        return alias.entity.kind == "country" and len(alias.keys) == 1 and not alias.flags & DEMONYM \
            and alias.keys[0] in self._ordinary_words()

    def _ordinary_words(self) -> set[str]:
        """The words the body writes in lowercase, if it is carefully cased: not in the title, whose
        capitals the importer chose, nor in copy that starts a paragraph in lowercase or writes a day
        or a month so ("venezuela will seek ... on thursday": names lowercased are still names)."""
        if self._body_lowercase is None:
            body = self.segments[1:]
            words = set(_LOWER_WORD.findall(" ".join(body)))
            careless = any(_LOWER_START.match(p) for p in body) or not words.isdisjoint(lex.CALENDAR_NAMES)
            self._body_lowercase = set() if careless else words
        return self._body_lowercase

    def _context(self, run: _Run, chunk: list[int], role: int) -> _Context:
        context = _Context(role=role >= 0, role_at=role)
        first, last = chunk[0], chunk[-1]
        if role >= 0 and role == first - 1 and run.keys[role] in lex.REGAL_TITLES:
            context.title = run.words[role][:1].upper() + run.words[role][1:].lower()
        if first >= 2 and run.words[first - 1] == "'s":
            owner = run.owner[first - 2]
            if isinstance(owner, Alias):
                context.possessor = owner.entity.kind != "person"
            else:
                context.possessor = owner is not None and owner is not _NOTHING
        word, mark = _previous_word(run.text, run.start) if first == 0 else ("", "")
        if mark == "." and word in lex.ABBREVIATED_ROLES:
            context.role, run.initial = True, False  # "Gov. Ron DeSantis": the full stop ends no sentence
        elif not mark:
            context.role |= word in lex.ROLE_WORDS
            according = word != "to" or run.text.endswith("according to ", 0, run.start)
            context.speaker = word in lex.BEFORE_SPEAKER and according
            context.organisation = word in lex.ORG_NOUNS
        if last == len(run.words) - 1:
            context.verb = _said_after(run.text, run.end)
            if mark == ",":  # ", Kent Walker, said", "president, Omar Alieu Touray, urged"
                context.verb |= _said_after(run.text, run.end, comma=True)
                context.apposition = word in lex.ROLE_WORDS and run.text.startswith(",", run.end)
            context.apposition |= bool(_APPOSITION.match(run.text, run.end))
        return context

    def _classify(self, run: _Run, chunk: list[int], context: _Context) -> None:
        keys = run.keys
        core = [i for i in chunk if keys[i] not in lex.NAME_PARTICLES and not _is_suffix(run.words[i])]
        if not core or self._acronym_organisation(run, chunk, core):
            return
        if keys[chunk[-1]] in lex.THING_HEADS or all(keys[i] in _NOT_NAMES for i in core) \
                or any(c.isdigit() for i in chunk for c in run.words[i]) \
                or all(len(run.words[i]) == 1 for i in core):
            return  # "Digital Markets Act", "Category 4", "O" in "P and O"
        size, given = len(core), keys[core[0]] in lex.GIVEN_NAMES
        at_end = chunk[-1] == len(run.words) - 1
        if (context.organisation and not context.role and size <= 4) \
                or (size == 1 and len(keys[core[0]]) > 6 and keys[core[0]].endswith(lex.ORG_ENDINGS)) \
                or (at_end and not context.role and not given and _COMPANY_AFTER.match(run.text, run.end)):
            name = run.surface(chunk[0], chunk[-1] + 1)
            self._add_organisation(name, run.pos(chunk[0]), tuple(keys[i] for i in chunk), run.seg, run.text,
                                   run.end if at_end else -1)
        elif size >= 2 and any(keys[i] in lex.COMPANY_WORDS for i in (core[1:] if given else core)):
            self._company(run, chunk, context)  # "Hughes Tool said", "Marine Midland said" (but "Marine Le Pen")
        elif context.role and size == 1:
            self._after_role(run, chunk, context, given)
        elif (context.role and size <= 6) or (size <= 4 and size >= 2 and (
                context.possessor or context.speaker or context.apposition or given)) \
                or (2 <= size <= 3 and context.verb):
            # "Prince Abdulaziz bin Salman": the title stays out
            self._add_person(run, chunk, "", official=context.role)
        else:
            if size == 1 and context.verb:
                self.evidence.add(keys[core[0]])
            elif 2 <= size <= 4 and all(_namey(run.words[i]) for i in core):
                self.candidates.append((run.pos(chunk[0]), [run.words[i] for i in chunk],
                                        run.surface(chunk[0], chunk[-1] + 1)))
            self._add_loose(run, chunk)

    def _company(self, run: _Run, chunk: list[int], context: _Context) -> None:
        """A name with a company's words: an organisation when something says it acts ("Hughes Tool
        said", "lead manager Banque Generale"), else only what the article names elsewhere."""
        if context.verb or context.speaker or context.possessor or context.role or context.organisation:
            at_end = chunk[-1] == len(run.words) - 1
            self._add_organisation(run.surface(chunk[0], chunk[-1] + 1), run.pos(chunk[0]),
                                   tuple(run.keys[i] for i in chunk), run.seg, run.text, run.end if at_end else -1)
        else:
            self._add_loose(run, chunk)

    def _after_role(self, run: _Run, chunk: list[int], context: _Context, given: bool) -> None:
        """One word after a role: "King Charles III", "President Donald trump", or a surname."""
        if context.title:
            self._add_person(run, chunk, context.title, official=True)
            return
        if not given and self._not_a_surname(run, chunk[0], context.role_at):
            self._add_loose(run, chunk)  # a person of that name met elsewhere in the article still counts
            return
        surname = self._lowercase_surname(run) if given and chunk[-1] == len(run.words) - 1 else ""
        if surname:
            self._add_person(run, chunk, "", surname, official=True)
            return
        i = chunk[0]
        self.evidence.add(run.keys[i])
        self.singles.append((run.pos(i), run.words[i], run.keys[i], run.surface(chunk[0], chunk[-1] + 1)))

    def _not_a_surname(self, run: _Run, i: int, role: int) -> bool:
        """A lone word after a role that is no one's surname: an ordinary word ("General Accident",
        "General Agreement on Tariffs and Trade"), or part of a longer name: a joiner before it
        ("President of Chrysler") or after it ("Director General Agreeeement on Tariffs")."""
        key, words, keys = run.keys[i], run.words, run.keys
        if key in lex.COMPANY_WORDS or key in lex.COMMON_WORDS or key in lex.THING_HEADS or key in lex.ORG_HEADS \
                or (key.endswith("s") and (key[:-1] in lex.ORG_HEADS or key[:-1] in lex.THING_HEADS)):
            return True
        if i > 0 and keys[i - 1] in JOINERS and keys[i - 1] not in lex.NAME_PARTICLES:
            return True
        following = i + 1
        if following + 1 < len(words) and keys[following] in ("of", "on", "for", "&", "and"):
            after = following + 1
            while after < len(words) - 1 and keys[after] == "the":
                after += 1
            word = words[after]
            if run.owner[after] is None and word[:1].isupper() and keys[after] not in lex.ROLE_WORDS \
                    and keys[after] not in lex.PORTFOLIO_WORDS and keys[after] not in lex.GIVEN_NAMES:
                return True
        if 0 <= role < len(words) and keys[role] in lex.ADJECTIVE_ROLES and words[role][:1].isupper() \
                and (role == 0 or keys[role - 1] not in lex.ROLE_WORDS):
            return True  # "General Accident", but "Attorney General Meese"
        return self._common(words[i], key)

    def _lowercase_surname(self, run: _Run) -> str:
        match = _LOWER_SURNAME.match(run.text, run.end)
        if not match:
            return ""
        word = match.group(1)
        if word in _NOT_SURNAMES or word.endswith(("ed", "ing", "ly")):
            return ""
        following = match.group(3)
        return word if following is None or following in lex.FUNCTION_WORDS else ""

    def _acronym_organisation(self, run: _Run, chunk: list[int], core: list[int]) -> bool:
        """ "Kuwait Direct Investment Promotion Authority (KDIPA)" without a known head word."""
        if chunk[-1] != len(run.words) - 1 or len(core) < 2 or run.keys[core[0]] in lex.GIVEN_NAMES:
            return False
        match = _ACRONYM_AFTER.match(run.text, run.end)
        first = chunk[0]
        before = run.owner[first - 1] if first else None
        if isinstance(before, Alias) and before.entity.kind in ("place", "country"):
            first = run.span_start[first - 1]  # "Kurdistan Regional Government (KRG)"
        words = run.words[first:chunk[-1] + 1]
        if not match or not is_acronym(match.group(1)) or not _initials_match(match.group(1), words):
            return False
        entity = Entity(run.surface(first, chunk[-1] + 1), "organisation")
        self.found_orgs.add(entity.name)
        self.mentions.append(_Mention(entity, entity.name, run.pos(first)))
        self.orgs.setdefault(tuple(run.keys[first:chunk[-1] + 1]), entity)
        self._define_acronym(run.seg, run.text, run.end, entity)
        return True

    def _add_person(self, run: _Run, chunk: list[int], title: str, surname: str = "",
                    official: bool = False) -> None:
        written = [run.words[i] for i in chunk] + ([surname] if surname else [])
        pos = run.pos(chunk[0])
        person = self._person(written, title, pos)
        person.official |= official
        surface = run.surface(chunk[0], chunk[-1] + 1) + (f" {surname}" if surname else "")
        self.mentions.append(_Mention(person, f"{title} {surface}" if title else surface, pos))

    def _person(self, written: list[str], title: str, pos: int) -> _Person:
        name = " ".join(([title] if title else []) + [_titled(w) for w in written])
        key = name_key(name)
        person = self.persons.get(key)
        if person is None:
            folded = tuple(fold(w) for w in written)
            core = tuple(fold(w) for w in written if fold(w) not in lex.NAME_PARTICLES and not _is_suffix(w))
            person = self.persons[key] = _Person(name, core, folded, pos)
        return person

    def _add_loose(self, run: _Run, chunk: list[int]) -> None:
        self.loose.append([(run.pos(i), run.words[i], run.keys[i]) for i in chunk])

    # -- resolving -------------------------------------------------------------------------

    def _promote_candidates(self) -> None:
        """ "Butch Wilmore and Suni Williams had flown..." is not evidence, but "Williams told" later is."""
        for pos, written, _ in self.candidates:
            if fold(written[-1]) in self.evidence and not self.gaz.profile(" ".join(written)):
                self._person(written, "", pos)

    def _merge_persons(self) -> None:
        """ "Abiy Ahmed" found beside "Abiy Ahmed Ali" is the same person."""
        people = sorted(self.persons.values(), key=lambda p: -len(p.words))
        for i, short in enumerate(people):
            for long in people[:i]:
                if len(long.words) > len(short.words) >= 2 and _contains(long.words, short.words) \
                        and (long.words[0] == short.words[0] or long.words[-1] == short.words[-1]):
                    short.merged = long.final()
                    break
        for person in people:
            if person.merged is None:
                self._index_person(person)

    def _index_person(self, person: _Person) -> None:
        self.full_names.setdefault(person.words, person)
        self.full_names.setdefault(person.all_words, person)
        surnames, firsts, middles = self.by_word
        surnames.setdefault(person.words[-1], []).append(person)
        if len(person.words) >= 2:
            firsts.setdefault(person.words[0], []).append(person)
        for word in person.words[1:-1]:
            middles.setdefault(word, []).append(person)  # "Lula" in "Luiz Inacio Lula da Silva"

    def _person_for(self, key: str, pos: int) -> _Person | None:
        """The person a lone word names: surname first, then first name, then a middle name; the
        nearest earlier mention wins when several people share it."""
        for table in self.by_word:
            people = table.get(key)
            if people:
                before = [p for p in people if p.first <= pos]
                return max(before, key=lambda p: p.first) if before else min(people, key=lambda p: p.first)
        return None

    def _resolve_singles(self) -> None:
        """ "President Erdogan": the full name if the article has it, a profile's surname, else as is."""
        for pos, word, key, surface in self.singles:
            person = self._person_for(key, pos)
            if person is not None:
                self.mentions.append(_Mention(person, surface, pos))
                continue
            known = self.gaz.known_surnames.get(key)
            if known is not None and known.shown:
                self.mentions.append(_Mention(known, surface, pos))
                continue
            person = self.persons.get(key)
            if person is None:
                person = self.persons[key] = _Person(_titled(word), (key,), (key,), pos)
                self._index_person(person)
            self.mentions.append(_Mention(person, surface, pos))

    def _resolve_loose(self) -> None:
        """Chunks without evidence of their own: full names and organisations found elsewhere in the
        article, then single words (surnames)."""
        for chunk in self.loose:
            i = 0
            while i < len(chunk):
                i += self._resolve_at(chunk, i)

    def _resolve_at(self, chunk: list[tuple[int, str, str]], i: int) -> int:
        pos, word, key = chunk[i]
        for size in range(min(6, len(chunk) - i), 1, -1):
            keys = tuple(k for _, _, k in chunk[i:i + size])
            target: Entity | _Person | None = self.full_names.get(keys) or self.orgs.get(keys)
            if target is not None:
                surface = " ".join(w for _, w, _ in chunk[i:i + size])
                self.mentions.append(_Mention(target, surface, pos))
                return size
        target = self.orgs.get((key,)) or (self._person_for(key, pos) if _namey(word) else None)
        if target is not None:
            self.mentions.append(_Mention(target, word, pos))  # "UniCredit", "Rutte"
        return 1

    # -- results ---------------------------------------------------------------------------

    def _aggregate(self) -> list[FoundActor]:
        groups: dict[str, _Group] = {}
        lead = SEGMENT if len(self.segments) > 1 else -1
        people: dict[int, Entity] = {}
        # Surnames of people an editor has a profile for, mentioned here: "Jordan" after a profiled
        # "Michael Jordan" is the person, as it is after a Michael Jordan found in the text.
        known_people = {fold(m.target.name.split()[-1]): m.target for m in self.mentions
                        if isinstance(m.target, Entity) and m.target.kind == "person" and m.target.known}
        # Countries named otherwise than by a sentence's first word the text also writes in lowercase
        # ("Turkey prices soar ... a frozen turkey" names no country; "Turkey said ... Turkish" does).
        named = {m.target for m in self.mentions if isinstance(m.target, Entity) and not m.flags & ORDINARY}
        # Countries named otherwise than by a lone word that may be a person's name: a demonym, a
        # possessive, a longer name, an organisation's name, a place's preposition ("Israeli",
        # "Jordan's", "Hashemite Kingdom of Jordan", "Bank of Israel", "in Chad").
        evidenced = {m.target for m in self.mentions if isinstance(m.target, Entity) and not m.flags & ORDINARY
                     and (not m.flags & AMBIGUOUS or m.flags & POSSESSIVE or m.weight == WEAK
                          or self._after_preposition(m.pos))}
        # People the article names formally, after a role or by their surname alone ("Defence Minister
        # Israel Katz", "Katz said"): news copy never calls them by their first name alone.
        formal = {id(p.final()) for p in self.persons.values() if p.official}
        formal |= {id(m.target.final()) for m in self.mentions if isinstance(m.target, _Person)
                   and len(m.target.final().words) >= 2 and fold(m.surface) == m.target.final().words[-1]}
        for mention in self.mentions:
            if mention.flags & ORDINARY and mention.target not in named:
                continue
            entity = self._entity_of(mention, people, known_people, evidenced, formal)
            if not entity.shown:
                continue
            key = name_key(entity.name)
            group = groups.get(key)
            if group is None:
                group = groups[key] = _Group(entity, mention.pos)
            group.first = min(group.first, mention.pos)
            group.count += 1
            segment = mention.pos // SEGMENT * SEGMENT
            weight = TITLE_WEIGHT if segment == 0 else LEAD_WEIGHT if segment == lead else BODY_WEIGHT
            group.score += weight * mention.weight
            group.surfaces.add(mention.surface)
        self._merge_short_forms(groups)
        self._merge_company_prefixes(groups)
        ordered = sorted(groups.values(), key=lambda g: (-g.score, g.first, g.entity.name))
        return [FoundActor(g.entity.name, g.entity.kind, _aliases(g, groups), g.entity.known, g.count)
                for g in ordered]

    def _after_preposition(self, pos: int) -> bool:
        return _previous_word(self.segments[pos // SEGMENT], pos % SEGMENT)[0] in _PLACE_PREPOSITIONS

    def _merge_short_forms(self, groups: dict[str, _Group]) -> None:
        """ "Novo chief executive Mike Doustdar" in an article about Novo Nordisk: one organisation."""
        organisations = [(key, g) for key, g in groups.items() if g.entity.kind == "organisation"]
        for key, group in organisations:
            if " " in key or group.entity.known or group.entity.name not in self.found_orgs:
                continue
            longer = [g for other, g in organisations if other.startswith(key + " ")]
            if len(longer) == 1:
                target = longer[0]
                target.count += group.count
                target.score += group.score
                target.first = min(target.first, group.first)
                target.surfaces |= group.surfaces
                del groups[key]

    def _merge_company_prefixes(self, groups: dict[str, _Group]) -> None:
        """ "Lai Sun gained 50 cents" in an article about Lai Sun Garment Co: the company, not a person."""
        organisations = [key for key, g in groups.items() if g.entity.kind == "organisation"]
        for key, group in list(groups.items()):
            if group.entity.kind != "person" or group.entity.known or " " not in key:
                continue
            longer = [other for other in organisations if other.startswith(key + " ")]
            if len(longer) == 1:
                target = groups[longer[0]]
                target.count += group.count
                target.score += group.score
                target.first = min(target.first, group.first)
                target.surfaces |= group.surfaces
                del groups[key]

    def _entity_of(self, mention: _Mention, people: dict[int, Entity], known_people: dict[str, Entity],
                   evidenced: set[Entity], formal: set[int]) -> Entity:
        target = mention.target
        local = self.acronyms.get(mention.surface)
        if local is not None:
            target = local  # "International Cricket Council (ICC)": here ICC is not the criminal court
        if isinstance(target, Entity) and mention.flags & AMBIGUOUS and not mention.flags & POSSESSIVE:
            key = fold(mention.surface)
            person = self._person_for(key, mention.pos)
            words = person.final().words if person is not None else ()
            if person is not None and words[-1] == key:
                target = person  # "Jordan, the former Chicago Bulls star": Michael Jordan
            elif key in known_people:
                target = known_people[key]
            elif person is not None and words[0] == key and person.first < mention.pos \
                    and target not in evidenced and id(person.final()) not in formal:
                # "Jordan Henderson scored ... Jordan was named player of the month": the person,
                # unless the article names them formally or the country otherwise.
                target = person
        if isinstance(target, _Person):
            person = target.final()
            entity = people.get(id(person))
            if entity is None:
                entity = people[id(person)] = self.gaz.profile(person.name) or Entity(person.name, "person")
            return entity
        if target.known:
            return target
        return self.gaz.profile(target.name) or target


def _aliases(group: _Group, groups: dict[str, _Group]) -> tuple[str, ...]:
    """Other spellings seen, but never another actor's name ("Jordan" is not an alias of Michael
    Jordan where Jordan the country is found too): aliases become profile aliases."""
    return tuple(sorted(s for s in group.surfaces
                        if s != group.entity.name and groups.get(name_key(s), group) is group))


def _contains(long: tuple[str, ...], short: tuple[str, ...]) -> bool:
    return any(long[i:i + len(short)] == short for i in range(len(long) - len(short) + 1))
