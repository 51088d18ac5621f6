"""Saved HTML article pages: title, date, author and body extracted with trafilatura, which
strips navigation, ads and boilerplate far better than anything we would write."""

from __future__ import annotations

from builder.importer import text as t
from builder.importer.dates import parse_date
from builder.importer.record import ParseError, WireArticle

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
    paragraphs = t.paragraphs_of(t.lines_of(body), wrapped=False)  # a line per block element
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
    return [WireArticle(origin=origin, title=title, paragraphs=tuple(paragraphs), date=date,
                        source=str(found.get("sitename") or ""), source_url=str(found.get("url") or ""),
                        author=str(found.get("author") or ""), dateline=dateline,
                        summary=str(found.get("description") or ""))]
