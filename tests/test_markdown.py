"""builder.markdown: the shortcut for plain paragraphs (the property test beside the other
hardening properties compares it with markdown-it on random text)."""

from __future__ import annotations

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
