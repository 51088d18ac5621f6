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


def test_control_characters_html_forbids_become_spaces() -> None:
    """Pasted copy brings control characters (a vertical tab for a line break, a stray SUB):
    parse errors in HTML, and not XML at all. Text fields were already cleaned; bodies were not."""
    body = "Line\x0bbreak, sub\x1a and\x7f C1\x85 end.\n\nTab\tkept; form\x0cfeed.\n"
    for rendered in (render_markdown(body), render_markdown(body + "\n**bold**")):
        assert not any(c in rendered.html for c in "\x0b\x1a\x7f\x85\x0c"), rendered.html
        assert "Line break, sub  and  C1  end." in rendered.html
        assert rendered.first_paragraph == "Line break, sub and C1 end."
