"""Language tags: which ones a page may carry, and which way their text runs."""

from __future__ import annotations

import html
import re
from functools import lru_cache

import pycountry
from markupsafe import Markup

TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")  # BCP 47, as the lang attribute wants

# Two-letter subtags in the IANA registry that ISO 639-3 (pycountry's list) has not: deprecated
# ones still valid in a tag, and Serbo-Croatian.
_REGISTERED_TWO = frozenset({"in", "iw", "ji", "jw", "mo", "sh"})

# Languages written right to left (primary subtags), and scripts that are, whatever the language
# ("ku-Arab": Kurdish in Arabic script; "az-Arab").
_RTL_LANGUAGES = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ps", "sd", "syr",
                            "ug", "ur", "yi"})
_RTL_SCRIPTS = frozenset({"arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg"})
_LTR_SCRIPTS = frozenset({"latn", "cyrl", "grek"})


@lru_cache(maxsize=256)
def tag_problem(tag: str) -> str:
    """Why ``tag`` is no language tag for a lang attribute, or "" when it is one: the form of
    BCP 47, a language subtag of the IANA registry (ISO 639: the two-letter code where there is
    one, "ar" and never "ara"), a script of ISO 15924 and no unknown extension. A browser or
    screen reader cannot tell which language an unregistered tag means (the Nu HTML Checker
    reports it as an error)."""
    if not TAG.fullmatch(tag):
        return "not of the form of a language tag"
    primary, *rest = tag.split("-")
    problem = _language_problem(primary.lower())
    if problem:
        return problem
    for part in rest:
        if part.lower() == "x":
            break  # private use from here on
        if len(part) == 1:
            return "" if part.lower() in "tu" else f"'{part}' is no known extension"
        if len(part) == 4 and part.isalpha() and pycountry.scripts.get(alpha_4=part) is None:
            return f"'{part}' is no script of ISO 15924 (such as Latn, Arab or Cyrl)"
    return ""


def tag_error(value: str, example: str) -> str:
    """The message for a setting or field that should hold a language tag ("" when it does):
    the tag's form first, then its registration."""
    if not TAG.fullmatch(value):
        return f"expected a language tag such as '{example}' or 'pt-BR', got {value!r}"
    problem = tag_problem(value)
    return f"{value!r} is not a registered language tag: {problem}" if problem else ""


def _language_problem(subtag: str) -> str:
    if subtag in _REGISTERED_TWO or "qaa" <= subtag <= "qtz":
        return ""
    if len(subtag) == 2:
        found = pycountry.languages.get(alpha_2=subtag)
        return "" if found is not None else f"'{subtag}' is no language code of ISO 639"
    found = pycountry.languages.get(alpha_3=subtag) or pycountry.languages.get(bibliographic=subtag)
    if found is not None and hasattr(found, "alpha_2"):
        return f"'{subtag}' has a two-letter code, which the tag must use: '{found.alpha_2}'"
    if found is not None or pycountry.language_families.get(alpha_3=subtag) is not None:
        return ""
    return f"'{subtag}' is no language code of ISO 639"


def direction(tag: str) -> str:
    """"rtl" or "ltr": the direction of text in the language ``tag``."""
    parts = tag.lower().split("-")
    scripts = {p for p in parts[1:] if len(p) == 4 and p.isalpha()}
    if scripts & _RTL_SCRIPTS:
        return "rtl"
    if scripts & _LTR_SCRIPTS:
        return "ltr"
    return "rtl" if parts[0] in _RTL_LANGUAGES else "ltr"


def other_language(tag: str, site_tag: str) -> str:
    """``tag`` when it names another language than the site's, else ""."""
    return tag if tag and tag.lower() != site_tag.lower() else ""


def part_attributes(tag: str, site_tag: str) -> Markup:
    """The ``lang`` and ``dir`` attributes of text in another language than the page's (WCAG
    3.1.2, language of parts: a screen reader then reads it with that language's rules, and a
    browser lays it out in its direction); nothing for text in the site's language."""
    other = other_language(tag, site_tag)
    return Markup(f' lang="{html.escape(other)}" dir="{direction(other)}"') if other else Markup("")
