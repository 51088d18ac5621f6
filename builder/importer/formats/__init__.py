"""Input formats. Each ``parse(data, origin)`` returns the articles found in one input."""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable

from builder.importer.formats import html, jsonl, menafn, wire
from builder.importer.record import ParseError, WireArticle
from builder.importer.text import with_bom

Parser = Callable[[bytes, str], list[WireArticle]]
PARSERS: dict[str, Parser] = {"menafn": menafn.parse, "text": wire.parse, "html": html.parse,
                              "jsonl": jsonl.parse}  # (named in FORMATS too, in the same order)
_JSON_ARRAY = re.compile(rb"\[\s*\{")  # an array of objects; "[Photo] Text" is wire copy
_MENAFN_MARK = re.compile(rb"\(MENAFN|MENAFN\d{8,}ID\d+|Legal Disclaimer:\s*MENAFN")


def detect(name: str, data: bytes) -> str:
    """The format of an input from its name, then from its first bytes."""
    lower = name.lower()
    if lower.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if lower.endswith((".jsonl", ".ndjson", ".json")):
        return "jsonl"
    data = _as_utf8(data)
    head = data.lstrip()[:2048].lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head:
        return "html"
    if head.startswith(b"{") or _JSON_ARRAY.match(head):
        return "jsonl"
    return "menafn" if _MENAFN_MARK.search(data) else "text"


def _as_utf8(data: bytes) -> bytes:
    """The input as UTF-8, for the byte patterns above: Windows saves "Unicode" text as UTF-16
    with a byte order mark (and UTF-8 with one), in which neither "(MENAFN" nor "{" is found as
    written, and a UTF-16 MENAFN file was imported as other wire copy, disclaimer and all."""
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        text, _ = with_bom(data)
    except ParseError:
        return data  # the parser says why
    return data if text is None else text.encode("utf-8")
