"""JSON Lines: one article per line, with ``title``, ``date``, ``body`` and optional fields. A
file that is one JSON array of such objects (or one pretty-printed object) is read as well."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from builder.importer import text as t
from builder.importer.dates import ZoneError, parse_date
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
    "dateline": ("dateline",),
}
_NOT_SPACE = re.compile(r"[^ \t\n\r]")  # JSON white space is these four
_SURROGATE = re.compile("[\ud800-\udfff]")  # what json.loads leaves of a pair that is not one


class _Number(str):
    """A number as written: an id 1e400 or 0.10 stays itself, not inf or 0.1, and a 5,000-digit
    id is not refused by Python's limit on converting long numbers to int."""


class _Constant(str):
    """NaN or Infinity: Python's json reads them, JSON has no such values (``"id": NaN``)."""


_DECODER = json.JSONDecoder(parse_float=_Number, parse_int=_Number, parse_constant=_Constant)


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
    if _is_document(text):
        return _document(text, origin)
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


def _is_document(text: str) -> bool:
    """An array, or an object whose first line is a lone brace: JSON, but not one record a line."""
    start = text.lstrip(" \t\n\r")
    return start.startswith("[") or start.split("\n", 1)[0].strip() == "{"


def _document(text: str, origin: str) -> list[WireArticle | Failure]:
    """The objects of a JSON array (or the one object) as records, each named by its first line.
    A document that is not valid JSON is one error for the file, not one per line."""
    try:
        items = list(_items(text))
    except json.JSONDecodeError as exc:
        return [Failure(f"{origin}:{exc.lineno}", f"not valid JSON ({exc.msg} at column {exc.colno}); "
                        "expected a JSON array of objects, or JSON Lines: one object per line")]
    found: list[WireArticle | Failure] = []
    for line, value, size in items:
        try:
            if size > t.MAX_INPUT_BYTES:
                raise ParseError(f"record is over {t.MAX_INPUT_BYTES:,} characters")
            found.append(_article(value, f"{origin}:{line}"))
        except ParseError as exc:
            found.append(Failure(f"{origin}:{line}", str(exc)))
    return found or [Failure(origin, "no JSON records (an empty array)")]


def _items(text: str) -> Iterator[tuple[int, Any, int]]:
    """Each value of a top-level array, or the one value, with the line it starts on and its
    length in characters."""
    position = _skip(text, 0)
    if not text.startswith("[", position):
        value, end = _DECODER.raw_decode(text, position)
        _expect_end(text, end)
        yield text.count("\n", 0, position) + 1, value, end - position
        return
    line, counted = 1, 0
    position = _skip(text, position + 1)
    while not text.startswith("]", position):
        value, end = _DECODER.raw_decode(text, position)
        line, counted = line + text.count("\n", counted, position), position  # counted once: big files
        yield line, value, end - position
        position = _skip(text, end)
        if text.startswith(",", position):
            position = _skip(text, position + 1)
            if text.startswith("]", position):
                raise json.JSONDecodeError("Expecting value (a comma before ']')", text, position)
        elif not text.startswith("]", position):
            raise json.JSONDecodeError("Expecting ',' delimiter", text, position)
    _expect_end(text, position + 1)


def _skip(text: str, position: int) -> int:
    """The first position from ``position`` on that is not JSON white space."""
    found = _NOT_SPACE.search(text, position)
    return found.start() if found else len(text)


def _expect_end(text: str, position: int) -> None:
    if _skip(text, position) != len(text):
        raise json.JSONDecodeError("Extra data after the JSON value", text, _skip(text, position))


def _record(line: str, origin: str) -> WireArticle:
    try:
        record = _DECODER.decode(line)
    except json.JSONDecodeError as exc:
        raise ParseError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    return _article(record, origin)


def _article(record: Any, origin: str) -> WireArticle:
    if not isinstance(record, dict):
        raise ParseError(f"expected a JSON object, got {_kind(record)}")
    title = _text(record, "title")
    body = _text(record, "body")
    if not title:
        raise ParseError("no title (expected a 'title' field)")
    try:
        paragraphs = t.paragraphs_of(t.lines_of(t.normalise(t.html_body_text(body))))
    except ParseError as exc:  # the record's line is named already; this line is the body's
        raise ParseError(f"body: line {exc.line or 0:,} is longer than {t.MAX_LINE:,} characters; "
                         "this is not article text") from None
    if not paragraphs:
        raise ParseError("no body (expected a 'body' field)")
    dateline, agency, lead = t.split_dateline(paragraphs[0])  # "LONDON (Reuters) - Oil prices..."
    if lead.strip():
        paragraphs[0] = lead
    else:  # (a dateline and nothing more: the lead stays as it is)
        dateline = agency = ""
    date_text = _text(record, "date")
    try:
        date = parse_date(date_text) if date_text else None
    except ZoneError as exc:
        raise ParseError(f"date: {date_text!r}: {exc}") from None
    except ValueError as exc:
        raise ParseError(f"date {date_text!r} is not a real date ({exc})") from None
    if date_text and date is None:
        raise ParseError(f"date {date_text!r} is not a date this importer reads; use ISO 8601")
    return WireArticle(origin=origin, title=" ".join(title.split()), paragraphs=tuple(paragraphs),
                       date=date, source=_text(record, "source") or agency, source_id=_source_id(record),
                       source_url=_text(record, "source_url"), author=t.byline_name(_text(record, "author")),
                       summary=_text(record, "summary"), tags=_names(record, "tags"),
                       actors=_names(record, "actors"),
                       dateline=_text(record, "dateline").strip(" -\u2013\u2014") or dateline)


def _value(record: dict[str, Any], field: str) -> tuple[str, Any]:
    """The first of the field's names the record fills, and its value; ("", None) for none."""
    for key in _KEYS[field]:
        if record.get(key) not in (None, "", []):
            return key, record[key]
    return "", None


def _text(record: dict[str, Any], field: str) -> str:
    key, value = _value(record, field)
    if value is None:
        return ""
    _check_scalar(key, value, "text")
    return str(value).strip()


def _source_id(record: dict[str, Any]) -> str:
    """The id, which must be one line: the importer finds an article's file again by it, and an
    id with a line break (``"X\\n---\\ntitle: hacked"``) cannot be matched as written (each re-import
    made another file). Changing it (joining its lines) could make two ids one, so it is refused."""
    value = _text(record, "source_id")
    bad = next((c for c in value if unicodedata.category(c) in ("Cc", "Zl", "Zp")), None)
    if bad is not None:
        key, _ = _value(record, "source_id")
        shown = value if len(value) <= 60 else value[:60] + "..."
        raise ParseError(f"{key}: {shown!r} contains {_char_name(bad)}; expected an id on one line, "
                         "without control characters")
    return value


def _char_name(char: str) -> str:
    return "a line break" if char in "\n\r\x85\u2028\u2029" else f"the control character U+{ord(char):04X}"


def _names(record: dict[str, Any], field: str) -> tuple[str, ...]:
    """Names from every key of the field the record fills: Reuters-21578 gives both 'people' and
    'orgs' (only the first was read)."""
    names: list[str] = []
    for key in _KEYS[field]:
        value = record.get(key)
        items = [] if value in (None, "", []) else value if isinstance(value, list) else [value]
        for item in items:
            _check_scalar(key, item, "a name or a list of names")
        names += [" ".join(v.split()) for v in items if v.strip()]
    return tuple(dict.fromkeys(names))


def _check_scalar(key: str, value: Any, expected: str) -> None:
    """Text and numbers are text (an id 123); anything else is named as what it is."""
    if isinstance(value, _Constant):
        raise ParseError(f"{key}: {value} is not a JSON value; write \"{value}\" in quotes if it is text")
    if not isinstance(value, str):
        raise ParseError(f"{key}: expected {expected}, got {_kind(value)}")
    half = _SURROGATE.search(value)  # "\ud800" is valid JSON, but no character: it cannot be written
    if half:
        raise ParseError(f"{key}: holds \\u{ord(half.group()):04x}, half of a surrogate pair, which is no "
                         f"character; expected {expected}")


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, _Number):
        return "a number"
    if isinstance(value, _Constant):
        return str(value)
    if isinstance(value, str):
        return "text"
    return "an object" if isinstance(value, dict) else "a list" if isinstance(value, list) else "null"
