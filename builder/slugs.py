"""Slugs: lowercase ASCII, transliterated, stable, and never able to leave the output folder."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from unidecode import unidecode

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
MAX_SLUG = 80
RESERVED_SLUGS = frozenset({"page"})  # /YYYY/MM/DD/page/N/ is pagination
RESERVED_NAME_SLUGS = frozenset({"a-z"})  # /actors/a-z/..., /tags/a-z/...: the letter pages of a long index


def slugify(text: str) -> str:
    """``Viktor Orbán`` -> ``viktor-orban``; may return "" for text with no letters or digits."""
    ascii_text = unidecode(text.replace("&", " and ")).lower()
    ascii_text = ascii_text.replace("'", "")  # "Hungary's" -> hungarys, not hungary-s
    slug = _NOT_SLUG.sub("-", ascii_text).strip("-")
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rsplit("-", 1)[0] or slug[:MAX_SLUG]
    return slug


def name_slug(name: str) -> str:
    """A slug for a tag or actor name; names without letters get a stable hash-based slug."""
    return slugify(name) or "x-" + short_hash(name)


def short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """The identity of a name for matching: case-, accent- and spacing-insensitive, and blind to
    invisible format characters, so that a joiner (kept in names for Persian) makes no second
    "NATO" (cached: an archive names the same few thousand actors and tags over and over)."""
    if name.isascii():  # most names: no accents, format characters or typographic apostrophes
        return " ".join(name.lower().split())
    return unicode_name_key(name)


def unicode_name_key(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c) and unicodedata.category(c) != "Cf")
    return " ".join(stripped.replace("\u2019", "'").split())
