"""Language tags: their direction, and the attributes of text in another language."""

from __future__ import annotations

import pytest

from builder.language import direction, part_attributes


@pytest.mark.parametrize(("tag", "expected"), [
    ("ar", "rtl"), ("AR-eg", "rtl"), ("he-IL", "rtl"), ("fa", "rtl"), ("ur", "rtl"),
    ("ku-Arab", "rtl"), ("az-Arab-IR", "rtl"),  # a right-to-left script, whatever the language
    ("ar-Latn", "ltr"),  # Arabic in Latin letters
    ("en", "ltr"), ("pt-BR", "ltr"), ("zh-Hant", "ltr"), ("ru", "ltr")])
def test_direction(tag: str, expected: str) -> None:
    assert direction(tag) == expected


def test_text_in_the_site_language_gets_no_attributes() -> None:
    assert part_attributes("", "en") == "" and part_attributes("EN", "en") == ""
    assert part_attributes("ar", "en") == ' lang="ar" dir="rtl"'
    assert part_attributes("en", "ar") == ' lang="en" dir="ltr"'  # an English article on an Arabic site
