"""Saved HTML article pages: title, date, author and body extracted with trafilatura, which
strips navigation, ads and boilerplate far better than anything we would write."""

from __future__ import annotations

import re
from datetime import date as Date
from datetime import datetime, time

from builder.importer import text as t
from builder.importer.dates import MONTHS, parse_date
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
    author = str(found.get("author") or "")
    byline = _BYLINE.match(t.heading_text(paragraphs[0]) or paragraphs[0]) if paragraphs else None
    if byline:  # "By Jane Doe and John Roe" above the story: the author, not its first paragraph
        author = author or t.byline_name(byline.group("author"))
        paragraphs = paragraphs[1:]
    paragraphs = t.without_trailer(paragraphs)  # "Reporting by ...", "Copyright 2024 The Associated Press"
    dateline = ""
    if paragraphs:
        dateline, _, paragraphs[0] = t.split_dateline(paragraphs[0])
    if not paragraphs:
        raise ParseError("no body text found in the HTML page")
    date_text = str(found.get("date") or "")
    _check_page_dates(page, date_text[:10])
    date = _stated_date(page, date_text)
    return [WireArticle(origin=origin, title=title, paragraphs=tuple(paragraphs), date=date,
                        source=str(found.get("sitename") or ""), source_url=str(found.get("url") or ""),
                        author=author, dateline=dateline,
                        summary=str(found.get("description") or ""))]


_BYLINE = re.compile(r"^By\s+(?P<author>[^\n]{2,120})$")


def _stated_date(page: str, date_text: str) -> datetime | Date | None:
    """The date trafilatura (htmldate) found, as the page states it. htmldate writes a day it found
    alone (a URL's /2023/11/02/, which it prefers to the page's published_time) as midnight, and
    completes a date without its day (<meta name="date" content="2024-03">) with today's day: a
    time and a day that were invented. The time is taken from the page's own metadata for that
    day, else the date is a day alone; and a day the page does not state is no date."""
    try:
        found = parse_date(date_text) if date_text else None
    except ValueError:
        return None
    if found is None:
        return None
    day = found.date() if isinstance(found, datetime) else found
    stated = [value for _, value in _page_dates(page) if value[:10] == day.isoformat()]
    if isinstance(found, datetime) and found.tzinfo is None and found.time() == time(0):
        found = day
        for value in stated:
            try:
                timed = parse_date(value)
            except ValueError:
                continue
            if isinstance(timed, datetime):
                found = timed
                break
    if not stated and not _day_in_page(page, day):
        return None
    return found


def _day_in_page(page: str, day: Date) -> bool:
    """Whether the page writes the day whole: 2024-03-05, 2024/03/05, 20240305, 05.03.2024,
    3/5/2024, 5 March 2024, March 5, 2024."""
    y, m, d = day.year, f"0?{day.month}", f"0?{day.day}"
    month = "(?:" + "|".join(name for name, number in MONTHS.items() if number == day.month) + ")"
    forms = (rf"{y}[-/.]{m}[-/.]{d}(?!\d)", rf"{y}{day.month:02}{day.day:02}(?!\d)", rf"(?<!\d){d}[./]{m}[./]{y}",
             rf"(?<!\d){m}/{d}/{y}", rf"(?<!\d){d}(?:st|nd|rd|th)?\.?\s+{month}\.?,?\s+{y}",
             rf"\b{month}\.?\s+{d}(?:st|nd|rd|th)?,?\s+{y}")
    return any(re.search(form, page, re.IGNORECASE) for form in forms)


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
