"""Markdown to HTML, failing closed: raw HTML off and only safe link schemes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def is_safe_url(url: str) -> bool:
    """True for http(s)/mailto/tel URLs and for relative ones; never javascript:, data: or file:."""
    cleaned = _CONTROL.sub("", url).strip()
    if not cleaned or cleaned.startswith(("\\", "/\\")):
        return False
    try:
        scheme = urlsplit(cleaned).scheme
    except ValueError:
        return False
    return scheme == "" or scheme.lower() in SAFE_SCHEMES


@dataclass(frozen=True)
class RenderedBody:
    html: str
    first_paragraph: str  # plain text, for a default summary
    words: int


@lru_cache(maxsize=2)
def _parser(allow_html: bool) -> MarkdownIt:
    # "js-default" has raw HTML off; the commonmark preset would let <script> through.
    md = MarkdownIt("js-default", {"html": allow_html})
    md.validateLink = _validate_link  # type: ignore[method-assign]
    return md


def _validate_link(url: str) -> bool:
    return is_safe_url(url)


def render_markdown(body: str, allow_html: bool = False) -> RenderedBody:
    md = _parser(allow_html)
    tokens = md.parse(body)
    html = md.renderer.render(tokens, md.options, {})
    return RenderedBody(html, _first_paragraph(tokens), len(body.split()))


def _first_paragraph(tokens: list[Token]) -> str:
    for i, token in enumerate(tokens):
        if token.type == "paragraph_open" and i + 1 < len(tokens):
            text = _inline_text(tokens[i + 1])
            if text:
                return text
    return ""


def _inline_text(token: Token) -> str:
    pieces: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            pieces.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            pieces.append(" ")
    return " ".join("".join(pieces).split())
