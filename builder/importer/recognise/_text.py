"""Text plumbing for recognition: clean-up of wire furniture, capitalised runs, folded keys."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from builder.importer.text import split_dateline

# Uppercase letters beyond ASCII ("Ö", "Ş", "Ž"), for names like "Péter Szijjártó" or "Özil".
_UPPER = "A-Z" + "".join(chr(c) for c in range(0xC0, 0x250) if chr(c).isupper())

# A capitalised word: "Rutte", "U.S.", "OPEC+", "S&P", "O'Brien", "Al-Sabah", "al-Qaeda", "G7", and a
# number after "of" ("Group of 20"). "'s" is never part of a word: it is the possessive.
_CAP_WORD = (
    rf"(?:[{_UPPER}]\.){{2,}}"
    rf"|[{_UPPER}]\.(?= [{_UPPER}][a-z])"  # a middle initial: "Robert F. Kennedy"
    r"|(?:Jr|Sr)\."
    rf"|[{_UPPER}][\w&]*(?:(?:-|'(?!s\b))[\w&]+)*\+?"
    rf"|(?:al|el|as|ad|ash|an|ar|at|az)-[{_UPPER}]\w*(?:-\w+)*"
)
# A number continues a run after "of" ("Group of 20"); it never starts one ("a total of 500").
_NUMBER_AFTER_OF = r"(?<=of )\d{1,3}\b"
# Lowercase words allowed inside a run, between capitalised words: name particles ("bin", "von der")
# and the small words of organisations' names ("Bank of England", "Organization of the...").
JOINERS = frozenset({"of", "the", "for", "and", "on", "&", "de", "da", "do", "dos", "das", "del", "di", "du",
                     "van", "von", "der", "den", "la", "le", "bin", "bint", "ibn", "al", "el", "ter", "ten"})
_JOINER = "(?:" + "|".join(sorted(JOINERS, key=lambda w: (-len(w), w))) + ")"

# A run: capitalised words separated by single spaces, joiners and possessives, e.g.
# "Hungary's Viktor Orban", "Central Bank of Kuwait", "NATO Secretary General Mark Rutte".
RUN = re.compile(
    rf"(?<![\w&'.-])(?:{_CAP_WORD})(?:(?:'s)?[ ]+(?:{_JOINER}[ ]+)*(?:{_CAP_WORD}|{_NUMBER_AFTER_OF}))*(?:'s\b)?"
)
# Splits a run into words, the possessive "'s" being a word of its own.
RUN_WORD = re.compile(r"'s(?=\s|$)|\S+?(?='s(?:\s|$))|\S+")


# Wire furniture that names agencies, places and editors without being about them.
_PROVIDER_TAG = re.compile(r"^\s*\((?:MENAFN|menafn)[^)]{0,60}\)\s*")
_CREDITS = re.compile(r"\((?:Reporting|Writing|Editing|Additional reporting|Compiled|Edited|Produced)"
                      r"\b[^)]*\)|\(end\).*$|\bMENAFN\d+ID\d+\b", re.DOTALL)
# "said.The minister" (copy pasted from web pages glues sentences).
_GLUED = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00a0": " ", "\x1e": " ", "\x1d": " "})


def clean(paragraph: str, lead: bool) -> str:
    """A paragraph without datelines, provider tags and credits; apostrophes made plain."""
    text = paragraph.translate(_QUOTES)
    if text[:1] == "(":
        text = _PROVIDER_TAG.sub("", text, count=1)
    if lead:
        text = split_dateline(text.lstrip())[2]  # the importer's own dateline rule, not a copy
    if "(" in text or "MENAFN" in text:
        text = _CREDITS.sub(" ", text)
    return _GLUED.sub(" ", text)


@lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """The identity of a word or name: case- and accent-insensitive ("Orbán" -> "orban")."""
    lowered = word.casefold()
    if lowered.isascii():
        return lowered
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("\u2019", "'")


@lru_cache(maxsize=1 << 14)
def words_of(name: str) -> tuple[str, ...]:
    """A name split as runs are: "People's Bank of China" -> People, 's, Bank, of, China."""
    return tuple(RUN_WORD.findall(name.translate(_QUOTES)))


@lru_cache(maxsize=1 << 14)
def name_key(name: str) -> str:
    return " ".join(fold(word) for word in words_of(name))


@lru_cache(maxsize=1 << 16)
def is_acronym(word: str) -> bool:
    """ "NATO", "U.S.", "OPEC+", "G7": two or more letters, all in capitals."""
    return word.isupper() and sum(1 for c in word if c.isalpha()) >= 2
