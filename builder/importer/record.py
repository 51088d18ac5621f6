"""What every input format is parsed into, before recognition and writing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class WireArticle:
    """One article as found in raw copy; text fields are plain text, never HTML."""

    origin: str  # the input file (and record number for JSON Lines), for messages
    title: str
    paragraphs: tuple[str, ...]
    date: datetime | date | None  # a date alone when the copy gives no time
    source: str = ""  # the wire or publisher: MENAFN, AP, Reuters...
    provider: str = ""  # MENAFN's original provider, e.g. "Khaleej Times"
    source_id: str = ""
    source_url: str = ""
    author: str = ""
    dateline: str = ""  # "KUWAIT, Jan 5", without the agency
    summary: str = ""
    tags: tuple[str, ...] = ()  # given by the input (JSON Lines), merged with recognised ones
    actors: tuple[str, ...] = ()
    extra: dict[str, object] = field(default_factory=dict)
    notes: tuple[str, ...] = ()  # what reading the copy left out or guessed: warnings ("line 31: ...")


@dataclass(frozen=True)
class Failure:
    """An input (or one record of it) that cannot be imported, and why."""

    origin: str
    reason: str


class ParseError(Exception):
    """The input cannot be imported; the message says why (and what would fix it), and ``line``
    where in the input, when a line is to blame."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


class ParseErrors(ParseError):
    """Several reasons one input cannot be imported, each named by its line: listed at once, not
    one per run."""

    def __init__(self, errors: list[ParseError]) -> None:
        super().__init__("; ".join(map(str, errors)), errors[0].line)
        self.errors = errors


def raise_all(errors: list[ParseError]) -> None:
    """Raise the errors found in one input, if any."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise ParseErrors(errors)
