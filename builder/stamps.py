"""The ``import_hash`` stamp on the files the importer writes: whether a file is still, byte for
byte, what the importer wrote. Such a file holds nothing an editor put there: a later import may
replace it, and an actor profile stub nobody has curated does not give its actor a page."""

from __future__ import annotations

import hashlib
import re

HASH_FIELD = "import_hash"
_HASH_LINE = re.compile(rf"^{HASH_FIELD}:.*\n", re.MULTILINE)


def content_hash(text: str) -> str:
    """The hash of a file's text without its own hash line."""
    return hashlib.sha256(_HASH_LINE.sub("", text).encode("utf-8")).hexdigest()[:20]


def with_hash(text: str) -> str:
    head, sep, rest = text.partition("\n---\n")
    return f"{head}\n{HASH_FIELD}: {content_hash(text)}{sep}{rest}"


def stored_hash(text: str) -> str | None:
    text = text.removeprefix("\ufeff")  # (an editor's byte order mark: still the importer's file)
    match = re.search(rf"^{HASH_FIELD}:\s*(\S+)\s*$", text.split("\n---", 2)[0] if text.startswith("---")
                      else "", re.MULTILINE)
    return match.group(1) if match else None


def untouched(text: str) -> bool:
    """True when the file is byte for byte what the importer wrote (its hash still matches)."""
    stored = stored_hash(text)
    return stored is not None and stored == content_hash(text)
