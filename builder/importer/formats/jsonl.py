"""JSON Lines: one article per line, with ``title``, ``date``, ``body`` and optional fields."""

from __future__ import annotations

import json
from typing import Any

from builder.importer import text as t
from builder.importer.dates import parse_date
from builder.importer.record import Failure, ParseError, WireArticle

# Common names for the same field in exports from other systems.
_KEYS = {
    "title": ("title", "headline"),
    "date": ("date", "published", "datetime", "pubDate", "published_at", "time"),
    "body": ("body", "text", "content", "article"),
    "source": ("source", "agency", "publisher", "wire"),
    "source_id": ("source_id", "id", "guid", "newid"),
    "source_url": ("source_url", "url", "link"),
    "summary": ("summary", "description", "abstract"),
    "author": ("author", "byline"),
    "tags": ("tags", "topics", "keywords"),
    "actors": ("actors", "people", "orgs", "entities"),
}


def parse(data: bytes, origin: str) -> list[WireArticle]:
    """Every record, failing on the first bad one (see ``parse_lines`` to keep going)."""
    found = parse_lines(data, origin)
    for item in found:
        if isinstance(item, Failure):
            raise ParseError(f"{item.origin}: {item.reason}")
    return [item for item in found if isinstance(item, WireArticle)]


def parse_lines(data: bytes, origin: str) -> list[WireArticle | Failure]:
    """Each record as an article, or the reason that record cannot be imported."""
    text = t.decode(data, max_bytes=None)  # the limit applies to each record, not the file
    found: list[WireArticle | Failure] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > t.MAX_INPUT_BYTES:
            found.append(Failure(f"{origin}:{number}", f"record is over {t.MAX_INPUT_BYTES:,} characters"))
        elif line.strip():
            try:
                found.append(_record(line, f"{origin}:{number}"))
            except ParseError as exc:
                found.append(Failure(f"{origin}:{number}", str(exc)))
    return found or [Failure(origin, "no JSON records")]


def _record(line: str, origin: str) -> WireArticle:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ParseError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(record, dict):
        raise ParseError("expected a JSON object per line")
    title = _text(record, "title")
    body = _text(record, "body")
    if not title:
        raise ParseError("no title (expected a 'title' field)")
    paragraphs = t.paragraphs_of(t.lines_of(t.normalise(body)))
    if not paragraphs:
        raise ParseError("no body (expected a 'body' field)")
    date_text = _text(record, "date")
    try:
        date = parse_date(date_text) if date_text else None
    except ValueError as exc:
        raise ParseError(f"date {date_text!r} is not a real date ({exc})") from None
    if date_text and date is None:
        raise ParseError(f"date {date_text!r} is not a date this importer reads; use ISO 8601")
    return WireArticle(origin=origin, title=" ".join(title.split()), paragraphs=tuple(paragraphs),
                       date=date, source=_text(record, "source"), source_id=_text(record, "source_id"),
                       source_url=_text(record, "source_url"), author=_text(record, "author"),
                       summary=_text(record, "summary"), tags=_names(record, "tags"),
                       actors=_names(record, "actors"))


def _value(record: dict[str, Any], field: str) -> Any:
    for key in _KEYS[field]:
        if record.get(key) not in (None, "", []):
            return record[key]
    return None


def _text(record: dict[str, Any], field: str) -> str:
    value = _value(record, field)
    if value is None or isinstance(value, (dict, list, bool)):
        return ""
    return str(value).strip()


def _names(record: dict[str, Any], field: str) -> tuple[str, ...]:
    value = _value(record, field)
    items = value if isinstance(value, list) else [value] if isinstance(value, str) else []
    return tuple(" ".join(str(v).split()) for v in items if isinstance(v, (str, int)) and str(v).strip())
