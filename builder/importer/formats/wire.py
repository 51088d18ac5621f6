"""Plain text from other wires (AP, Reuters, AFP shape): headline, optional byline and date line,
a ``CITY (AP) —`` dateline in the lead, a copyright trailer."""

from __future__ import annotations

import re

from builder.importer import text as t
from builder.importer.dates import dateline_date, is_date_line, parse_date
from builder.importer.record import ParseError, WireArticle

_BYLINE = re.compile(r"^By\s+(?P<author>[^\n]{2,120})$", re.IGNORECASE)
# "Copyright 2024 The Associated Press", and Reuters' "\u00a9 Thomson Reuters 2024": the year after
# the holder's name, too (a few words, on the same line)
_YEAR = re.compile(r"(?:Copyright|\u00a9|\(c\))(?:\s*[A-Za-z][\w.&,-]*){0,4}\s*(?P<year>(?:19|20)\d{2})\b",
                   re.IGNORECASE)
_AGENCIES = {"ap": "AP", "reuters": "Reuters", "afp": "AFP", "upi": "UPI", "dpa": "DPA",
             "kuna": "KUNA", "wam": "WAM", "spa": "SPA", "qna": "QNA", "xinhua": "Xinhua",
             "ians": "IANS", "pti": "PTI", "ani": "ANI", "anadolu": "Anadolu", "aa": "Anadolu",
             "tass": "TASS", "efe": "EFE", "ansa": "ANSA", "kyodo": "Kyodo", "yonhap": "Yonhap"}
_AGENCY_WORD = re.compile(r"\b(?P<agency>Reuters|AP|AFP)\b")


def parse(data: bytes, origin: str) -> list[WireArticle]:
    lines = t.lines_of(t.decode(data))
    trailer = next((i for i, line in enumerate(lines) if t.TRAILER.match(line.strip())), len(lines))
    year = _copyright_year(lines[trailer:])
    head = [line.strip() for line in lines[:trailer]]
    filled = [i for i, line in enumerate(head) if line]
    if not filled:
        raise ParseError("empty input")
    title, author, date_text, body_start = _head(head, filled)
    paragraphs = t.without_trailer(t.paragraphs_of(lines[body_start:trailer]))  # AP's "___" above its credits
    if not paragraphs:
        raise ParseError("no body text after the title")
    dateline, agency, paragraphs[0] = t.split_dateline(paragraphs[0])
    date = parse_date(date_text) if date_text else None
    if date is None and dateline:
        date = dateline_date(dateline, year)
    source = _AGENCIES.get(agency.lower(), agency) or _agency_in(lines[trailer:])
    return [WireArticle(origin=origin, title=title, paragraphs=tuple(p for p in paragraphs if p),
                        date=date, source=source, author=author, dateline=dateline)]


def _head(lines: list[str], filled: list[int]) -> tuple[str, str, str, int]:
    """Title, byline author, date text, and where the body starts; a date line may lead."""
    author = date_text = ""
    if is_date_line(lines[filled[0]], filled[0] + 1):
        date_text, filled = lines[filled[0]], filled[1:]
        if not filled:
            raise ParseError("no title after the date line")
    title = " ".join(lines[filled[0]].split())  # tabs and runs of spaces are no part of a title
    if t.split_dateline(title)[1]:  # "WASHINGTON (AP) — The Federal Reserve..." where the headline goes
        raise ParseError("no headline: the copy opens with its dateline and lead; add the headline above it",
                         filled[0] + 1)
    body_start = filled[0] + 1
    for i in filled[1:4]:
        line = lines[i]
        byline = _BYLINE.match(line)
        if byline and not author:
            author = t.byline_name(byline.group("author"))
        elif not date_text and is_date_line(line, i + 1):
            date_text = line
        else:
            break
        body_start = i + 1
    return title, author, date_text, body_start


def _copyright_year(lines: list[str]) -> int | None:
    for line in lines:
        match = _YEAR.search(line)
        if match:
            return int(match.group("year"))
    return None


def _agency_in(trailer: list[str]) -> str:
    for line in trailer:
        match = _AGENCY_WORD.search(line)
        if match:
            return match.group("agency")
    return ""
