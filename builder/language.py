"""Language tags: which ones a page may carry, and which way their text runs."""

from __future__ import annotations

import html
import re
from functools import lru_cache

from markupsafe import Markup

TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")  # BCP 47, as the lang attribute wants

# Two-letter subtags in the IANA registry that ISO 639-3 (pycountry's list) has not: deprecated
# ones still valid in a tag, and Serbo-Croatian.
_REGISTERED_TWO = frozenset({"in", "iw", "ji", "jw", "mo", "sh"})

# ISO 639-1, the two-letter codes that nearly every site and article uses ("en", "ar"), known
# without pycountry: importing it and reading its list of languages cost every build 100-170 ms
# on a slow day for this one lookup. tests/test_language.py compares the list with pycountry's;
# other codes and scripts are still looked up there.
_ISO_639_1_CODES = """
aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv
dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie
ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv
mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm
rn ro ru rw sa sc sd se sg sh si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr
ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
"""
_ISO_639_1 = frozenset(_ISO_639_1_CODES.split())

# Languages written right to left (primary subtags), and scripts that are, whatever the language
# ("ku-Arab": Kurdish in Arabic script; "az-Arab").
_RTL_LANGUAGES = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ps", "sd", "syr",
                            "ug", "ur", "yi"})
_RTL_SCRIPTS = frozenset({"arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg"})
_LTR_SCRIPTS = frozenset({"latn", "cyrl", "grek"})
_KNOWN_SCRIPTS = _RTL_SCRIPTS | _LTR_SCRIPTS  # (no need of pycountry for these)


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
        if len(part) == 4 and part.isalpha() and not _is_script(part):
            return f"'{part}' is no script of ISO 15924 (such as Latn, Arab or Cyrl)"
    return ""


def tag_error(value: str, example: str) -> str:
    """The message for a setting or field that should hold a language tag ("" when it does):
    the tag's form first, then its registration."""
    if not TAG.fullmatch(value):
        return f"expected a language tag such as '{example}' or 'pt-BR', got {value!r}"
    problem = tag_problem(value)
    return f"{value!r} is not a registered language tag: {problem}" if problem else ""


def _is_script(subtag: str) -> bool:
    if subtag.lower() in _KNOWN_SCRIPTS:
        return True
    import pycountry  # (see _ISO_639_1)

    return pycountry.scripts.get(alpha_4=subtag) is not None


def _language_problem(subtag: str) -> str:
    if subtag in _ISO_639_1 or subtag in _REGISTERED_TWO or "qaa" <= subtag <= "qtz":
        return ""
    if len(subtag) == 2:
        return f"'{subtag}' is no language code of ISO 639"
    import pycountry  # (see _ISO_639_1)

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
