"""Language tags: which ones a page may carry, and which way their text runs."""

from __future__ import annotations

import html
import re

from markupsafe import Markup

TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")  # BCP 47, as the lang attribute wants

# Languages written right to left (primary subtags), and scripts that are, whatever the language
# ("ku-Arab": Kurdish in Arabic script; "az-Arab").
_RTL_LANGUAGES = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ps", "sd", "syr",
                            "ug", "ur", "yi"})
_RTL_SCRIPTS = frozenset({"arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg"})
_LTR_SCRIPTS = frozenset({"latn", "cyrl", "grek"})


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
