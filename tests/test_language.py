"""Language tags: their direction, the attributes of text in another language, and which tags are
registered."""

from __future__ import annotations

from pathlib import Path

import pycountry
import pytest

from builder.language import _ISO_639_1, direction, part_attributes, tag_problem
from tests.helpers import article, build_errors, write_files


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


@pytest.mark.parametrize("tag", ["ar", "en", "AR-eg", "he", "iw", "yi", "fa", "ur", "ps", "ckb", "sh", "pt-BR",
                                 "sr-Latn", "zh-Hant-TW", "az-Arab-IR", "es-419", "de-1996", "yue", "arb",
                                 "sem", "und", "qaa", "en-US-u-ca-gregory", "en-x-private"])
def test_registered_tags_pass(tag: str) -> None:
    assert tag_problem(tag) == ""


@pytest.mark.parametrize(("tag", "problem"), [
    ("ara", "'ara' has a two-letter code, which the tag must use: 'ar'"),  # ISO 639-2 where 639-1 has one
    ("fre", "'fre' has a two-letter code, which the tag must use: 'fr'"),  # the bibliographic code
    ("zz", "'zz' is no language code of ISO 639"),
    ("xx-YY", "'xx' is no language code of ISO 639"),
    ("en-Abcd", "'Abcd' is no script of ISO 15924 (such as Latn, Arab or Cyrl)"),
    ("en-a-bbb", "'a' is no known extension"),
    ("Arabic", "not of the form of a language tag"),
])
def test_unregistered_tags_are_named(tag: str, problem: str) -> None:
    """The Nu HTML Checker: 'The language subtag "ara" is not a valid ISO language part of a
    language tag'; a screen reader cannot tell which language such a tag means either."""
    assert tag_problem(tag) == problem


def test_an_article_or_site_with_an_unregistered_tag_is_refused_with_a_fix(tmp_path: Path) -> None:
    write_files(tmp_path, {"content/a.md": article("Tongue", language="ara"),
                           "content/b.md": article("Other", "2024-05-02T10:00:00Z", language="ar")})
    assert build_errors(tmp_path) == [
        "content/a.md:4:11: language: 'ara' is not a registered language tag: "
        "'ara' has a two-letter code, which the tag must use: 'ar'"]
    write_files(tmp_path, {"content/a.md": article("Tongue", language="ar"),
                           "pyproject.toml": '[tool.archive]\nlanguage = "eng"\n'})
    errors = build_errors(tmp_path)
    assert len(errors) == 1 and "tool.archive.language" in errors[0] and "must use: 'en'" in errors[0], errors


def test_the_two_letter_codes_known_without_pycountry_are_its_own() -> None:
    """Builds check "en" without importing pycountry (100-170 ms a build): its list, copied."""
    assert {language.alpha_2 for language in pycountry.languages if hasattr(language, "alpha_2")} == _ISO_639_1

