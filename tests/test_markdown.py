"""builder.markdown: the shortcut for plain paragraphs (the property test beside the other
hardening properties compares it with markdown-it on random text)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from builder.markdown import _plain_paragraphs, render_markdown


def test_plain_wire_copy_takes_the_shortcut_with_markdown_its_output() -> None:
    body = 'Officials said "talks" would resume.\nA second line > first.\n\n\nNext paragraph, 1987.\n'
    plain = _plain_paragraphs(body)
    assert plain is not None
    assert plain.html == ("<p>Officials said &quot;talks&quot; would resume.\nA second line &gt; first.</p>\n"
                          "<p>Next paragraph, 1987.</p>\n")
    assert plain.first_paragraph == 'Officials said "talks" would resume. A second line > first.'
    assert plain.words == 13


@pytest.mark.parametrize("body", [
    "**Bold** lead.", "A [link](https://example.org).", "# Heading", "- item", "1. item", "2) item",
    "> quote", "Line\n===", "a | b\n--- | ---", "<b>x</b>", "AT&amp;T", "code `x`", "    indented",
    "trailing two  \nspaces", "tab\there", "back\\slash", "~~struck~~", "snake_case",
])
def test_anything_markdown_could_read_goes_to_markdown_it(body: str) -> None:
    assert _plain_paragraphs(body) is None
    assert render_markdown(body).html  # still rendered, by markdown-it


# -- what the Nu HTML Checker refuses ------------------------------------------------------------------

@pytest.mark.parametrize("body", [
    "Wire \x01copy\x08 with \x1b[31m colour codes.",  # the shortcut for plain paragraphs
    "Wire \x01copy\x08 with *emphasis* and \x1b[31m colour codes.",  # markdown-it
])
def test_control_characters_never_reach_the_html(body: str) -> None:
    """They reached the page: "Forbidden code point U+0001" (and U+0008, U+001B)."""
    rendered = render_markdown(body)
    assert "\x01" not in rendered.html and "\x08" not in rendered.html and "\x1b" not in rendered.html
    assert "Wire copy with" in rendered.html and "[31m colour codes." in rendered.html
    assert rendered.first_paragraph.startswith("Wire copy with")


def test_c1_controls_and_noncharacters_are_taken_out_and_line_ends_keep_words_apart() -> None:
    body = ("EBCDIC\x85next line\x0bvertical; \x80\x9f\ufdd0\ufffe\U0001fffe\U0010ffff gone; *a* NUL\x00, "
            "\U0001f600 and \U00020000 kept")
    html = render_markdown(body).html
    assert html == "<p>EBCDIC next line vertical;  gone; <em>a</em> NUL\ufffd, \U0001f600 and \U00020000 kept</p>\n"


def test_forbidden_code_points_are_taken_out_after_parsing_so_the_structure_stays() -> None:
    assert render_markdown("\x01# not a heading").html == "<p># not a heading</p>\n"
    assert render_markdown("```\ncode \x07bell\n```").html == '<pre tabindex="0"><code>code bell\n</code></pre>\n'


def test_a_heading_with_no_text_is_left_out() -> None:
    """"#" alone made <h1></h1>: "Empty heading", an empty stop in a screen reader's list of headings."""
    assert render_markdown("#\n\nText.\n\n######   \n\n## Kept").html == "<p>Text.</p>\n<h2 id=\"kept\">Kept</h2>\n"
    assert render_markdown("# `x`").html == "<h2 id=\"x\"><code>x</code></h2>\n"  # (below the title's h1)
    assert render_markdown("# \x01\n\nText.").html == "<p>Text.</p>\n"  # empty once the control is out


@pytest.mark.parametrize(("body", "html"), [
    ("[](https://example.org/a%20b)", '<p><a href="https://example.org/a%20b">https://example.org/a b</a></p>\n'),
    ("[![](/i.png)](https://x.org)", '<p><a href="https://x.org"><img src="/i.png" alt="">https://x.org</a></p>\n'),
    ("[![Map](/i.png)](https://x.org)", '<p><a href="https://x.org"><img src="/i.png" alt="Map"></a></p>\n'),
    ("[**b**](https://x.org)", '<p><a href="https://x.org"><strong>b</strong></a></p>\n'),
    ("[a]() and [c](https://x.org) [**x**]()", '<p>a and <a href="https://x.org">c</a> <strong>x</strong></p>\n'),
])
def test_a_link_with_nothing_to_read_shows_its_address(body: str, html: str) -> None:
    # A screen reader can only call "[](url)" "link" (WCAG 2.4.4): noticed by the HTML check.
    assert render_markdown(body).html == html


def test_the_byte_precheck_misses_no_forbidden_code_point() -> None:
    """render_markdown searches for forbidden code points only in text holding one of their
    UTF-8 bytes (five times faster on a body); every code point the search finds must pass it."""
    from builder.markdown import _FORBIDDEN, _may_hold_forbidden

    found = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF and _FORBIDDEN.match(chr(c))]
    assert len(found) > 60 and all(_may_hold_forbidden(f"text {c} text") for c in found)
    assert not _may_hold_forbidden("Plain “quoted” copy from Zürich, 5 km — 20 %.\n")


def test_a_table_columns_alignment_is_a_class_the_stylesheet_sets() -> None:
    """markdown-it writes style="text-align:right", which the pages' CSP (style-src 'self') makes
    browsers ignore: a right-aligned column of figures came out left-aligned."""
    html = render_markdown("| a | b | c |\n|:--|--:|:-:|\n| 1 | 2 | 3 |").html
    assert "style=" not in html
    assert '<th class="align-left">a</th>' in html and '<td class="align-right">2</td>' in html
    assert '<td class="align-center">3</td>' in html
    css = (Path(__file__).parent.parent / "builder" / "static" / "style.css").read_text("utf-8")
    assert ".prose .align-right { text-align: right; }" in css


@pytest.mark.parametrize(("body", "html"), [
    ("![remote](https://images.example.com/p.jpg)",
     '<p><a href="https://images.example.com/p.jpg">remote</a></p>\n'),
    ("A ![*chart*](//cdn.example/c.png \"T\") here", '<p>A <a href="//cdn.example/c.png">chart</a> here</p>\n'),
    ("![](https://x.org/e.png)", '<p><a href="https://x.org/e.png">https://x.org/e.png</a></p>\n'),
    ("[![logo](https://x.org/l.png) Home](https://x.org/)", '<p><a href="https://x.org/">logo Home</a></p>\n'),
    ("![site](/assets/favicon.svg) ![rel](pic.png)",
     '<p><img src="/assets/favicon.svg" alt="site"> <img src="pic.png" alt="rel"></p>\n'),
])
def test_an_image_on_another_host_is_a_link_to_it(body: str, html: str) -> None:
    """<img src="https://..."> was written, which the pages' CSP (img-src 'self' data:) blocks: a
    broken image, and a load from another host. It is a link with its alt text; inside a link,
    its alt text."""
    assert render_markdown(body).html == html


def test_a_summary_keeps_the_alt_text_of_images() -> None:
    """The first paragraph dropped images: "See the tag, home, rel, anchor, , and ."."""
    body = ("See [the tag](/tags/same/), [home](/), [rel](x/), [anchor](#a), ![icon](/assets/favicon.svg), "
            "![remote](https://x/y.png) and ![relimg](pic.png).\n\nMore.\n")
    assert render_markdown(body).first_paragraph == "See the tag, home, rel, anchor, icon, remote and relimg."
    assert render_markdown("[![*Map* of it](/m.png)](/x/) shown").first_paragraph == "Map of it shown"


def test_root_relative_links_go_under_the_base_path_and_others_stay() -> None:
    body = ("[a](/tags/nato/) [b][ref] [c](page/) [d](#top) [e](?q=x) [f](https://example.org/)\n"
            "![map](/images/m.png)\n\n[ref]: /2024/05/01/talks/")
    html = render_markdown(body, base_path="/repo/").html
    assert re.findall(r'(?:href|src)="([^"]*)"', html) == [
        "/repo/tags/nato/", "/repo/2024/05/01/talks/", "page/", "#top", "?q=x", "https://example.org/",
        "/repo/images/m.png"]
    assert render_markdown(body).html == html.replace("/repo/", "/")


@pytest.mark.parametrize("allow_html", [False, True])
@pytest.mark.parametrize(("body", "html", "summary"), [
    ("The minister resigned.\n\n<!-- TODO: tipster J. Smith -->\n\nHe left.",
     "<p>The minister resigned.</p>\n<p>He left.</p>\n", "The minister resigned."),
    ("<!-- check the figures\n\nwith the agency -->\nShares fell.", "<p>Shares fell.</p>\n", "Shares fell."),
    ("Shares <!-- by 4%? --> fell.", "<p>Shares  fell.</p>\n", "Shares fell."),
    ("<!-->\nShares fell.", "<p>Shares fell.</p>\n", "Shares fell."),
    # (found in review: with allow_html, markdown-it's HTML block took these lines raw, note and all)
    ("<!-- TODO: ask J. Smith --> Shares fell.", "<p> Shares fell.</p>\n", "Shares fell."),
    ("## <!-- TODO -->\n\n<!-- a --> <!-- b -->\n\nShares fell.", "<p>Shares fell.</p>\n", "Shares fell."),
])
def test_an_html_comment_is_an_editors_note_left_out_of_the_page(body: str, html: str, summary: str,
                                                                 allow_html: bool) -> None:
    """Found by a probe: with raw HTML off a comment was escaped, so readers saw the editor's note
    (and search found it); with it on, the note was in the page's source."""
    rendered = render_markdown(body, allow_html=allow_html)
    assert (rendered.html, rendered.first_paragraph) == (html, summary)


@pytest.mark.parametrize("allow_html", [False, True])
def test_a_comment_never_closed_or_in_code_is_text(allow_html: bool) -> None:
    """An unclosed "<!--" would otherwise hide the rest of the article without a word (as raw
    HTML it did: browsers read the rest as the comment's)."""
    assert render_markdown("<!-- never closed\n\nStill here.", allow_html=allow_html).html == \
        "<p>&lt;!-- never closed</p>\n<p>Still here.</p>\n"
    assert render_markdown("`<!-- x -->` and\n\n    <!-- y -->").html == \
        '<p><code>&lt;!-- x --&gt;</code> and</p>\n<pre tabindex="0"><code>&lt;!-- y --&gt;\n</code></pre>\n'


@pytest.mark.parametrize(("body", "html"), [
    ("# Background\n\nText.\n\n## Detail\n\n###### Note",
     '<h2 id="background">Background</h2>\n<p>Text.</p>\n<h3 id="detail">Detail</h3>\n<h6 id="note">Note</h6>\n'),
    ("Background\n===\n\nText.", '<h2 id="background">Background</h2>\n<p>Text.</p>\n'),
    ("## Background\n\n### Detail", '<h2 id="background">Background</h2>\n<h3 id="detail">Detail</h3>\n'),  # as written
])
def test_the_bodys_headings_stay_below_the_articles_title(body: str, html: str) -> None:
    """Found by a probe: a body's "# Heading" made a second h1 on the page, whose h1 is the title."""
    assert render_markdown(body).html == html


def test_headings_have_ids_to_link_to_that_no_layout_uses() -> None:
    """Found by a probe: [see](#background) could never work, a heading had no id (Hugo and MkDocs
    give one). The same text twice is told apart; an id of the layouts' (the skip link's "main",
    a section's "related-heading") is left to them."""
    body = ("## Talks in Geneva\n\n## Talks in Geneva\n\n## Main\n\n## Related heading\n\n## More about it\n\n"
            "## \U0001f389")
    assert render_markdown(body).html == (
        '<h2 id="talks-in-geneva">Talks in Geneva</h2>\n<h2 id="talks-in-geneva-2">Talks in Geneva</h2>\n'
        '<h2 id="main-2">Main</h2>\n<h2 id="related-heading-section">Related heading</h2>\n'
        '<h2 id="section-more-about-it">More about it</h2>\n<h2>\U0001f389</h2>\n')


def test_a_heading_never_takes_the_dev_servers_overlay_id() -> None:
    """Found by a probe: "## Archive build error" got id="archive-build-error", the id of the
    dev server's build-error overlay (builder/reload.js), which then wrote the error into that
    heading, in the article's flow, instead of over the page."""
    assert render_markdown("## Archive build error").html == (
        '<h2 id="archive-build-error-2">Archive build error</h2>\n')


def test_an_editors_comments_are_not_read_in_the_reading_time() -> None:
    """Found in review: 3,000 words of notes made a two-word article a "15 min read"."""
    assert render_markdown("Two words.\n\n<!-- " + "note " * 3000 + "-->").words == 2


def test_a_wide_table_or_code_block_takes_the_focus_to_scroll_by_keys() -> None:
    """Found by a probe (axe-core's scrollable-region-focusable): they scroll sideways in their own
    box, which only Chromium lets the keyboard reach by itself."""
    html = render_markdown("```py\nx = 1\n```\n\n    code\n\n| a |\n|---|\n| 1 |").html
    assert html.count('<pre tabindex="0"><code') == 2 and html.count('<table tabindex="0">') == 1
