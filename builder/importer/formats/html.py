"""Saved HTML article pages: title, date, author and body extracted with trafilatura, which
strips navigation, ads and boilerplate far better than anything we would write."""

from __future__ import annotations

import re
from datetime import datetime

from builder.importer import text as t
from builder.importer.dates import parse_date
from builder.importer.record import ParseError, WireArticle

# A tag ends at its ">", and holds no "<": "[^<>]" stops each search at the next tag, where
# "[^>]" ran from every "<meta" (or "<time") to the page's end when none closed (hours for 4 MB).
_META = re.compile(r"<meta\b[^<>]*>", re.IGNORECASE)
# The key's value, then whether it names a date: one pattern for both backtracked over every
# "date" in a long value without its closing quote (a 4 MB page took hours).
_META_KEY = re.compile(r"""\b(?:property|name|itemprop)\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
_DATE_KEY = re.compile("date|time|publish", re.IGNORECASE)
_META_VALUE = re.compile(r"""\bcontent\s*=\s*["']\s*(\d{4}-\d{2}-\d{2}[^"']*)["']""", re.IGNORECASE)
_JSON_LD_DATE = re.compile(r'"(date(?:Published|Created|Modified))"\s*:\s*"\s*(\d{4}-\d{2}-\d{2}[^"]*)"')
_TIME_ELEMENT = re.compile(r"""<time\b[^<>]*\bdatetime\s*=\s*["']\s*(\d{4}-\d{2}-\d{2}[^"']*)["']""", re.IGNORECASE)

# The original publication date with its time and offset, not just the day.
_DATE_PARAMS = {"original_date": True, "extensive_search": False, "outputformat": "%Y-%m-%dT%H:%M:%S%z"}


def parse(data: bytes, origin: str) -> list[WireArticle]:
    import trafilatura  # imported here: it takes a second to load and only HTML needs it

    page = t.decode(data)
    document = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False,
                                           include_tables=False, favor_precision=True,
                                           date_extraction_params=_DATE_PARAMS)
    if document is None:
        raise ParseError("no article text found in the HTML page")
    found = document if isinstance(document, dict) else document.as_dict()
    title = " ".join(str(found.get("title") or "").split())
    body = str(found.get("text") or "")
    if not title:
        raise ParseError("no title found in the HTML page (<title>, og:title or <h1>)")
    try:
        paragraphs = t.paragraphs_of(t.lines_of(body), wrapped=False)  # a line per block element
    except ParseError:  # a line of the text extracted, not of the page: no line to name
        raise ParseError(f"the text extracted from the page has a line longer than {t.MAX_LINE:,} "
                         "characters; this is not article text") from None
    if paragraphs and (t.heading_text(paragraphs[0]) or paragraphs[0]) == title:
        paragraphs = paragraphs[1:]  # the page's <h1> repeats the title
    dateline = ""
    if paragraphs:
        dateline, _, paragraphs[0] = t.split_dateline(paragraphs[0])
    if not paragraphs:
        raise ParseError("no body text found in the HTML page")
    date_text = str(found.get("date") or "")
    try:
        date = parse_date(date_text) if date_text else None
    except ValueError:
        date = None
    _check_page_dates(page, date_text[:10])
    return [WireArticle(origin=origin, title=title, paragraphs=tuple(paragraphs), date=date,
                        source=str(found.get("sitename") or ""), source_url=str(found.get("url") or ""),
                        author=str(found.get("author") or ""), dateline=dateline,
                        summary=str(found.get("description") or ""))]


def _page_dates(page: str) -> list[tuple[str, str]]:
    """(where, value) of every ISO date the page's own metadata gives: meta tags, JSON-LD, <time>."""
    found = []
    for tag in _META.findall(page):
        key = next((k.group(1) for k in _META_KEY.finditer(tag) if _DATE_KEY.search(k.group(1))), None)
        value = _META_VALUE.search(tag)
        if key and value:
            found.append((f"<meta {key}>", value.group(1).strip()))
    found += [(f"JSON-LD {key}", value.strip()) for key, value in _JSON_LD_DATE.findall(page)]
    found += [("<time datetime>", value.strip()) for value in _TIME_ELEMENT.findall(page)]
    return found


def _check_page_dates(page: str, chosen_day: str) -> None:
    """trafilatura answers an impossible date (2025-02-30) with another (2025-02-01): a date is
    never invented, so a page whose metadata holds one is refused, unless the date trafilatura
    chose is one the page itself gives correctly."""
    bad = []
    for where, value in _page_dates(page):
        try:
            datetime.fromisoformat(value[:10])
        except ValueError:
            bad.append((where, value))
            continue
        if value[:10] == chosen_day:
            return
    if bad:
        where, value = bad[0]
        raise ParseError(f"date: {value!r} ({where}) is not a real date; correct the page's date")
