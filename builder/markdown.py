"""Markdown to HTML, failing closed: raw HTML off and only safe link schemes.

markdown-it looks for the ``]`` of a link label by skipping tokens one at a time, again for
every ``[`` (nested up to its ``maxNesting`` of 100): 300,000 ``[`` took half a minute. Two
guards keep that linear without changing any output: a ``[`` with no ``]`` after it in its
block cannot open a link or an image, so it is not scanned at all; and the tokens skipped
while scanning labels are counted, so a body that would still need more than
``MAX_LABEL_STEPS`` (many ``[`` with a ``]`` far after them) is refused with its line.

Most wire copy is plain paragraphs, and markdown-it spends 0.5 ms on each article to find that
out (three quarters of reading a file). ``_plain_paragraphs`` recognises such bodies (no
character any Markdown rule reacts to, no line that could open a block) and writes the same
HTML directly; anything else goes to markdown-it. tests/test_markdown.py checks the two agree
on random text made of the characters that matter.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock, html_block
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline, image, link
from markdown_it.token import Token

from builder.slugs import slugify

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
MAX_LABEL_STEPS = 1_000_000  # per body: about a second; real articles need a few per link
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_STEPS_LEFT = "archive:label_steps_left"  # keys of markdown-it's env, the per-parse scratch space
_BLOCK_LINE = "archive:block_line"
_LAST_CLOSE = "archive:last_close"
_NEXT_CLOSE = "archive:next_close"
_BASE_PATH = "archive:base_path"  # the site's base path, under which root-relative links go
# Code points HTML forbids in text (the Nu HTML Checker: "Forbidden code point"): C0 controls but
# NUL (markdown-it makes it U+FFFD, as CommonMark says) and the white space tab, line feed, form
# feed and carriage return; DEL and the C1 controls; Unicode's noncharacters. Wire copy carries
# them (terminal colour codes, EBCDIC's next line). They are taken out of the rendered HTML (so
# "\x01# x" stays a paragraph); the two that end a line become a space, keeping words apart. One
# range stands for the noncharacters of the planes above the first (U+1FFFE, U+1FFFF, U+2FFFE...):
# a class of the 32 is ten times slower to search, on every body; what else it finds is kept.
_FORBIDDEN = re.compile("[\x01-\x08\x0b\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff\U0001fffe-\U0010ffff]")
_LINE_ENDS = {"\x0b": " ", "\x85": " "}
# The UTF-8 bytes that every forbidden code point's encoding contains (controls; the lead bytes of
# C1, of U+F000-U+FFFF and of the upper planes): a text without any holds none. Deleting them from
# the encoded text takes 3 us for a 4 kB body, searching it with the class above 14 us.
_FORBIDDEN_BYTES = bytes([*range(0x09), 0x0B, *range(0x0E, 0x20), 0x7F, 0xC2, 0xEF, *range(0xF0, 0xF5)])


def _may_hold_forbidden(text: str) -> bool:
    data = text.encode("utf-8", "surrogatepass")
    return len(data.translate(None, _FORBIDDEN_BYTES)) != len(data)

InlineRule = Callable[[StateInline, bool], bool]


class MarkdownTooComplex(ValueError):
    """A body whose link brackets would take markdown-it minutes to resolve."""

    def __init__(self, line: int) -> None:
        super().__init__(f"too many '[' before a ']' for the Markdown renderer (over {MAX_LABEL_STEPS:,} "
                         "steps to match them); write a literal bracket as \\[")
        self.line = line  # 0-based, within the body: the first line of the block


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


def link_url(url: str) -> str:
    """``url`` as the body's links are written (markdown-it's normalizeLink): the characters a URL
    may not hold (spaces, quotes, "<", non-ASCII) percent-encoded, the host in punycode."""
    return _parser(False).normalizeLink(url)


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
    md.block.ruler.before("table", "comment_block", _comment_block,
                          {"alt": ["paragraph", "reference", "blockquote", "list"]})
    md.inline.ruler.before("text", "comment_inline", _comment_inline)
    md.block.ruler.at("html_block", _html_block_but_comments, {"alt": ["paragraph", "reference", "blockquote"]})
    md.core.ruler.at("inline", _inline_blocks)
    md.core.ruler.push("empty_headings", _drop_empty_headings)
    md.core.ruler.push("below_the_title", _below_the_title)
    md.core.ruler.push("heading_ids", _heading_ids)
    md.core.ruler.push("external_images", _link_external_images)
    md.core.ruler.push("named_links", _name_empty_links)
    md.core.ruler.push("site_paths", _under_base_path)
    md.core.ruler.push("aligned_cells", _align_by_class)
    md.core.ruler.push("scrolled_by_keys", _focusable_tables)
    for rule in ("fence", "code_block"):
        md.add_render_rule(rule, _focusable_pre(getattr(md.renderer, rule)))
    md.inline.ruler.at("link", _needs_close(link, "["))
    md.inline.ruler.at("image", _needs_close(image, "!["))
    md.inline.skipToken = _counted(md.inline.skipToken)  # type: ignore[method-assign, assignment]
    return md


# An HTML comment is an editor's note to editors ("<!-- TODO: check with a second source -->"):
# left out of the page, whether raw HTML is allowed or not (escaped, it was shown to readers, and
# even as HTML it would be in the page's source). One that is never closed is text: a comment
# running to the end of the body would hide the rest of the article without a word.
def _comment_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A comment on lines of its own (nothing but spaces after its ``-->``): no token at all."""
    opening = state.bMarks[start] + state.tShift[start]
    if state.is_code_block(start) or not state.src.startswith("<!--", opening):
        return False
    close = _next_close(state.env, state.src, opening + 2)  # ("<!-->" closes itself, as in CommonMark)
    line = bisect_left(state.eMarks, close, start, end) if close >= 0 else end
    if line >= end or state.src[close + 3:state.eMarks[line]].strip():
        return False  # not closed here; or text follows on its line: a paragraph, whose comment goes inline
    if not silent:
        state.line = line + 1
    return True


def _html_block_but_comments(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """markdown-it's HTML block, but for a line that opens a comment: with allow_html it took a
    comment followed by text (or never closed, to the end of the body) as raw HTML, note and all
    (found in review). Such a line is a paragraph, whose comments go inline."""
    if state.src.startswith("<!--", state.bMarks[start] + state.tShift[start]):
        return False
    return html_block(state, start, end, silent)


def _comment_inline(state: StateInline, silent: bool) -> bool:
    """A comment within a paragraph: nothing, its text neither shown nor searched."""
    if not state.src.startswith("<!--", state.pos):
        return False
    close = _next_close(state.env, state.src, state.pos + 2)
    if close < 0:
        return False
    state.pos = close + 3
    return True


def _next_close(env: MutableMapping[str, Any], text: str, start: int) -> int:
    """Where the first "-->" of ``text`` from ``start`` is (-1: none), remembered: asked again for
    each "<!--", a search to the end each time made 8,000 unclosed ones take 24 s."""
    found: dict[str, tuple[int, int]] = env.setdefault(_NEXT_CLOSE, {})
    searched_from, close = found.get(text, (len(text) + 1, -1))
    if not searched_from <= start <= (close if close >= 0 else len(text)):
        searched_from, close = start, text.find("-->", start)
        found[text] = (searched_from, close)
    return close


def _validate_link(url: str) -> bool:
    return is_safe_url(url)


def _inline_blocks(state: StateCore) -> None:
    """markdown-it's core "inline" rule, noting the line of the block being parsed."""
    line = 0
    for token in state.tokens:
        line = token.map[0] if token.map else line
        if token.type == "inline":
            state.env[_BLOCK_LINE] = line
            if token.children is None:
                token.children = []
            state.md.inline.parse(token.content, state.md, state.env, token.children)


def _drop_empty_headings(state: StateCore) -> None:
    """A heading with no text (a line of "#" alone, or a comment alone) is left out: an empty
    heading is a stop with nothing to read in a screen reader's list of headings. So is a
    paragraph of comments alone ("<!-- a --> <!-- b -->")."""
    tokens = state.tokens
    empty = [i for i, token in enumerate(tokens[:-2]) if tokens[i + 1].type == "inline"
             and (token.type == "heading_open" or (token.type == "paragraph_open" and "<!--" in tokens[i + 1].content))
             and _shows_nothing(tokens[i + 1])]
    for i in reversed(empty):
        del tokens[i:i + 3]


def _shows_nothing(inline: Token) -> bool:
    return not _allowed(_inline_text(inline)).strip() and not any(c.type == "image" for c in inline.children or ())


def _below_the_title(state: StateCore) -> None:
    """A body with ``# Heading`` has its headings one level down: the page's one h1 is the
    article's title (found by a probe: a body opening with its headline made a second h1, and
    screen readers' lists of headings two tops). A body of ``##`` sections is left as written."""
    headings = [token for token in state.tokens if token.type in ("heading_open", "heading_close")]
    if any(token.tag == "h1" for token in headings):
        for token in headings:
            token.tag = f"h{min(int(token.tag[1]) + 1, 6)}"


# Ids of the built-in layouts' own elements, which a heading of the body must not take (a body's
# "## Main" as id="main" would take the skip link's target); and of the dev server's build-error
# overlay (builder/reload.js), which a heading "## Archive build error" took in every preview:
# the error was then written into that heading, in the article's flow, and no overlay shown.
LAYOUT_IDS = frozenset({"main", "search", "site-search", "sort-link", "pager-years", "trending-actors",
                        "trending-tags", "archive-build-error"})


def _heading_ids(state: StateCore) -> None:
    """Each heading of the body gets an id from its text (``## Talks in Geneva`` ->
    ``talks-in-geneva``), so a link can point at a section (``[see](#talks-in-geneva)``, or from
    another page), as Hugo and MkDocs do: found by a probe, there was no way to make an anchor.
    The second heading of the same text gets ``-2``; none takes an id of the layouts'."""
    taken = set(LAYOUT_IDS)
    tried: dict[str, int] = {}  # base -> the last number tried (a body of 100,000 "## Update": linear)
    tokens = state.tokens
    for i, token in enumerate(tokens[:-1]):
        if token.type != "heading_open":
            continue
        base = slugify(_inline_text(tokens[i + 1]))
        if not base:
            continue
        if base.endswith("-heading"):  # (the layouts' section headings: "related-heading"...)
            base += "-section"
        if base.startswith("more-"):  # (and "More about" each name: "more-<name>")
            base = "section-" + base
        number = tried.get(base, 1)
        anchor = base if number == 1 else f"{base}-{number}"
        while anchor in taken:
            number += 1
            anchor = f"{base}-{number}"
        tried[base] = number
        taken.add(anchor)
        token.attrSet("id", anchor)


_ALIGNMENTS = {"text-align:left": "align-left", "text-align:right": "align-right",
               "text-align:center": "align-center"}


def _align_by_class(state: StateCore) -> None:
    """A table column's alignment (``|--:|``) as a class, not markdown-it's ``style`` attribute,
    which the pages' Content-Security-Policy (``style-src 'self'``) makes browsers ignore."""
    for token in state.tokens:
        if token.type in ("th_open", "td_open"):
            style = token.attrs.pop("style", None)
            if style in _ALIGNMENTS:
                token.attrSet("class", _ALIGNMENTS[str(style)])


# A wide table or line of code scrolls sideways in its own box (the page does not: WCAG 1.4.10),
# which a keyboard can scroll only once the box takes the focus: Chromium gives it that by itself,
# other browsers (Safari) do not (axe-core's scrollable-region-focusable; found by a probe).
def _focusable_tables(state: StateCore) -> None:
    for token in state.tokens:
        if token.type == "table_open":
            token.attrSet("tabindex", "0")


def _focusable_pre(render: Callable[..., str]) -> Callable[..., str]:
    def rendered(_renderer: object, *args: object) -> str:  # (add_render_rule binds it to the renderer)
        html = render(*args)
        return '<pre tabindex="0">' + html[5:] if html.startswith("<pre>") else html
    return rendered


def _link_external_images(state: StateCore) -> None:
    """An image on another host (``![remote](https://images.example.com/p.jpg)``) becomes a link
    to it with its alt text: the pages' Content-Security-Policy (``img-src 'self' data:``) would
    block it, a broken image, and the site loads nothing from other hosts. Inside a link, where
    another link cannot go, it is its alt text alone. Images of the site itself stay images."""
    for block in state.tokens:
        if not block.children or not any(c.type == "image" for c in block.children):
            continue
        children: list[Token] = []
        in_link = 0
        for token in block.children:
            in_link += 1 if token.type == "link_open" else -1 if token.type == "link_close" else 0
            src = str(token.attrGet("src") or "") if token.type == "image" else ""
            if not _is_external(src):
                children.append(token)
                continue
            text = Token("text", "", 0)
            text.content = _inline_text(token)
            if in_link:
                children.append(text)
                continue
            opening = Token("link_open", "a", 1)
            opening.attrSet("href", src)
            children += [opening, text, Token("link_close", "a", -1)]
        block.children = children


def _is_external(src: str) -> bool:
    """Whether an image's address names a host (``https://...``, ``//...``) or a scheme."""
    try:
        parts = urlsplit(src)
    except ValueError:
        return True
    return bool(parts.scheme or parts.netloc or src.startswith("//"))


def _name_empty_links(state: StateCore) -> None:
    """A link with nothing to read (``[](https://example.org)``, or only an image without alt
    text) is a stop a screen reader can only call "link": its address becomes its text. A link
    to nowhere (``[x]()``) is only its text."""
    for block in state.tokens:
        children = block.children or []
        nowhere: list[tuple[int, int]] = []
        for i, token in enumerate(children):
            if token.type != "link_open":
                continue
            end = next(j for j in range(i + 1, len(children)) if children[j].type == "link_close")
            href = str(token.attrGet("href") or "")
            if not href:
                nowhere.append((i, end))
                continue
            inside = children[i + 1:end]
            if not any(c.content.strip() for c in inside if c.type in ("text", "code_inline", "image")):
                text = Token("text", "", 0)
                text.content = state.md.normalizeLinkText(href)
                children.insert(end, text)
        for start, end in reversed(nowhere):  # (links never nest: the pairs do not overlap)
            del children[end], children[start]


def _under_base_path(state: StateCore) -> None:
    """A root-relative link or image (``/2024/05/01/talks/``, ``/images/map.png``) names a page or
    file of the site, as ``image:`` and ``aliases:`` do: it goes under the base path
    (``/repo/2024/05/01/talks/``), or a site deployed under /repo/ would link off itself."""
    base = state.env.get(_BASE_PATH, "/")
    if base == "/":
        return
    for block in state.tokens:
        for token in block.children or ():
            name = "href" if token.type == "link_open" else "src" if token.type == "image" else ""
            value = str(token.attrGet(name) or "") if name else ""
            if value.startswith("/") and not value.startswith("//"):
                token.attrSet(name, base + value[1:])


def _needs_close(rule: InlineRule, start: str) -> InlineRule:
    """``rule`` (link or image, which start with ``[`` or ``![``), skipped where no ``]``
    follows: markdown-it would fail the same way, after scanning the rest of the block."""
    label = len(start)  # the label starts after the "[" or "!["

    def guarded(state: StateInline, silent: bool) -> bool:
        if state.src[state.pos] != start[0]:
            return False
        closes: dict[str, int] = state.env.setdefault(_LAST_CLOSE, {})
        last = closes.get(state.src)
        if last is None:
            last = closes[state.src] = state.src.rfind("]")
        return last >= state.pos + label and rule(state, silent)
    return guarded


def _counted(skip_token: Callable[[StateInline], None]) -> Callable[[StateInline], None]:
    """markdown-it's skipToken (used only to find the end of link labels), within a budget."""
    def counted(state: StateInline) -> None:
        left = state.env.get(_STEPS_LEFT, MAX_LABEL_STEPS)
        if left <= 0:
            raise MarkdownTooComplex(state.env.get(_BLOCK_LINE, 0))
        state.env[_STEPS_LEFT] = left - 1
        skip_token(state)
    return counted


def render_markdown(body: str, allow_html: bool = False, base_path: str = "/") -> RenderedBody:
    """Raises MarkdownTooComplex for a body whose link brackets cannot be matched in linear time.
    Root-relative links go under ``base_path``, the site's (``/repo/``)."""
    rendered = _plain_paragraphs(body)
    if rendered is None:
        md = _parser(allow_html)
        tokens = md.parse(body, {_BASE_PATH: base_path})
        html = md.renderer.render(tokens, md.options, {})
        rendered = RenderedBody(html, _first_paragraph(tokens), _word_count(body))
    if _may_hold_forbidden(rendered.html) and _FORBIDDEN.search(rendered.html):
        # Taken out of the HTML, not the Markdown: the structure stays as parsed.
        rendered = RenderedBody(_allowed(rendered.html), _allowed(rendered.first_paragraph), rendered.words)
    return rendered


def _word_count(body: str) -> int:
    """The words a reader reads: an editor's comments are none (3,000 words of notes made a
    two-word article a "15 min read"). (No regular expression: "<!--.*?-->" tried every "<!--"
    of a body without "-->" to its end, 60,000 of them for minutes.)"""
    pieces, at = [], 0
    while (start := body.find("<!--", at)) >= 0 and (end := body.find("-->", start + 2)) >= 0:
        pieces.append(body[at:start])
        at = end + 3
    return sum(len(piece.split()) for piece in pieces) + len(body[at:].split())


def _allowed(text: str) -> str:
    return _FORBIDDEN.sub(_replacement, text)


def showable(text: str) -> str:
    """Text without the code points HTML and XML cannot hold, NUL included: the escapes of YAML's
    quoted text ("\\x01", "\\uffff") put them in front matter fields that layouts show as they are."""
    return _allowed(text.replace("\x00", "")) if _may_hold_forbidden(text) else text


def _replacement(match: re.Match[str]) -> str:
    character = match.group()
    if character > "\uffff" and ord(character) & 0xFFFE != 0xFFFE:
        return character  # a character of the upper planes that is no noncharacter (CJK, in plane 2)
    return _LINE_ENDS.get(character, "")


# Characters that start an inline rule of the "js-default" preset (escape, code, emphasis,
# strikethrough, link, autolink, raw HTML, entity) or that markdown-it reads differently from
# text (tab, carriage return, NUL, table pipe); "!" and "]" only matter after a "[".
_MARKUP = "\\`*_~[<&|\t\r\x00"
# The start of a line that could open a block (heading, quote, list, rule, setext underline,
# fence, HTML block): checked on the first character of every line.
_BLOCK_START = frozenset("#>-+=")
_ORDERED_ITEM = re.compile(r"\d+[.)]")


def _plain_paragraphs(body: str) -> RenderedBody | None:
    """markdown-it's output for a body of plain paragraphs, or None when it may be anything else."""
    if any(character in body for character in _MARKUP):  # ten times faster than a regex here
        return None
    paragraphs: list[list[str]] = [[]]
    for line in body.split("\n"):
        if not line:
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        if line[0].isspace() or line[-1].isspace() or line[0] in _BLOCK_START \
                or (line[0].isdigit() and _ORDERED_ITEM.match(line)):
            return None
        paragraphs[-1].append(line)
    if not paragraphs[-1]:
        paragraphs.pop()
    html = "".join("<p>" + _escape("\n".join(lines)) + "</p>\n" for lines in paragraphs)
    first = " ".join(" ".join(paragraphs[0]).split()) if paragraphs else ""
    return RenderedBody(html, first, len(body.split()))


def _escape(text: str) -> str:
    """markdown-it's escapeHtml (no "&" or "<" gets here)."""
    return text.replace(">", "&gt;").replace('"', "&quot;")


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
        elif child.type == "image":  # its alt text, as a screen reader reads it
            pieces.append(_inline_text(child))
        elif child.type in ("softbreak", "hardbreak"):
            pieces.append(" ")
    return " ".join("".join(pieces).split())
