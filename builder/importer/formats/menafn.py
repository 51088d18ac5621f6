"""MENAFN plain text: a date line, the title, the body (lead tagged "(MENAFN- Provider)"),
an id line such as MENAFN16032025000045015687ID1109319523, a legal disclaimer, page words."""

from __future__ import annotations

import re

from builder.importer import text as t
from builder.importer.dates import is_date_line, parse_date
from builder.importer.record import ParseError, WireArticle, raise_all
from builder.model import MAX_TITLE

_ID = re.compile(r"^MENAFN\d{8,}ID\d+$")
_ID_AT_END = re.compile(r"(?<![A-Za-z0-9])MENAFN\d{8,}ID\d+$")  # alone, or glued to the last sentence
_LIKE_ID = re.compile(r"^MENAFN[0-9A-Za-z]{8,}ID[0-9A-Za-z]*$")  # a damaged one: no story line reads so
# The provider may hold one level of brackets: "(MENAFN- Asia Times (AT))".
_LEAD_TAG = re.compile(r"^\(MENAFN(?:\s*-\s*(?P<provider>(?:[^()]|\([^()]*\)){1,80}))?\)\s*")
# The disclaimer: its heading alone on its line, or its text. A paragraph of the story that opens
# with "Legal disclaimer: ..." is no trailer (it cut the rest of the article off).
_TRAILER = re.compile(r"^(?:(?:Legal\s+)?Disclaimer\s*[:\u2013\u2014-]?\s*$|(?:(?:Legal\s+)?Disclaimer\s*"
                      r"[:\u2013\u2014-]?\s*)?MENAFN provides the information)", re.IGNORECASE)
_TIME_OF_DAY = re.compile(r"\b\d{1,2}:\d{2}\b")
_YEAR_OR_ZONE = re.compile(r"\b(?:1[89]\d\d|2\d{3}|GMT|UTC)\b")
_PAGE_WORDS = frozenset({"search", "comments", "share", "print", "email", "tags", "advertisement",
                         "read more", "related", "menu", "home"})


def parse(data: bytes, origin: str) -> list[WireArticle]:
    lines = t.lines_of(t.decode(data))
    errors: list[ParseError] = []  # each said at once: a file is not fixed one error per run
    try:
        lines, source_id, notes = _without_trailer(lines)
    except ParseError as exc:  # (two articles in one file: the first one's head is still checked)
        errors.append(exc)
        source_id, notes = "", []
    date_line, title, title_line, body_start = _head(lines, errors)
    title = " ".join(title.split())  # tabs and runs of spaces are no part of a title
    if not title or _LEAD_TAG.match(title):  # (the story's first paragraph is no title)
        errors.append(ParseError("no title: expected a date line, then the title, then the body"))
    elif len(title) > MAX_TITLE:
        errors.append(ParseError(f"the title is {len(title):,} characters long; the limit is {MAX_TITLE:,}",
                                 title_line))
    paragraphs = t.paragraphs_of(lines[body_start:])
    if paragraphs:
        paragraphs = [p for p in (_without_title(paragraphs[0], title), *paragraphs[1:]) if p]
    if not paragraphs:
        errors.append(ParseError("no body text after the title"))
    raise_all(errors)
    # The lead tag opens the first paragraph, or the second or third under a photo credit
    # ("Photo: WAM") or a standfirst: the dateline follows it there.
    lead = next((i for i, p in enumerate(paragraphs[:3]) if _LEAD_TAG.match(p)), 0)
    provider, paragraphs[lead] = _lead_tag(paragraphs[lead])
    if lead + 1 < len(paragraphs) and _is_title(paragraphs[lead], title):
        paragraphs[lead] = ""  # "(MENAFN- KUNA) Kuwait oil output rises", the story below it
        lead += 1
    dateline, agency, paragraphs[lead] = t.split_dateline(paragraphs[lead])
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs:
        raise ParseError("no body text after the title")
    return [WireArticle(origin=origin, title=title, paragraphs=tuple(paragraphs),
                        date=parse_date(date_line) if date_line else None, source="MENAFN",
                        provider=provider or agency, source_id=source_id, dateline=dateline, notes=tuple(notes))]


def _without_trailer(lines: list[str]) -> tuple[list[str], str, list[str]]:
    """Drop the legal disclaimer and what follows it, and trailing page words; find the id line.
    A second id line before the disclaimer, or after it with a date line, is a second article in
    the file: it is refused, not glued to the first nor dropped (split such a file). Also returns
    notes on what was left out that the reader of the import report should know of."""
    trailers = [i for i, line in enumerate(lines) if _TRAILER.match(line.strip())]
    end = trailers[0] if trailers else len(lines)
    # A disclaimer heading before the story's id line, with MENAFN's own after it, is the story's
    # (a press release's "Disclaimer:" section): MENAFN's trailer follows the id line. Taking the
    # first one dropped the rest of the story and lost the id line with it.
    first_id = next((i for i, line in enumerate(lines) if _ID_AT_END.search(line.strip())), None)
    if first_id is not None and first_id > end and any(i > first_id for i in trailers):
        end = next(i for i in trailers if i > first_id)
    notes = _damaged_ids(lines[:end])
    if not trailers:
        end, note = _end_at_the_id_line(lines)
        notes += note
    story = _id_lines_apart(lines[:end])
    lines, end = [*story, *lines[end:]], len(story)
    kept = lines[:end]
    # After the disclaimer, an id line alone may be a related story's (a saved page's list); with
    # a date line there too, it is the next article.
    another_after = any(_is_date_quietly(line.strip()) for line in lines[end:])
    ids = [(i, line.strip()) for i, line in enumerate(lines) if _ID.match(line.strip())
           and (i < end or another_after)]
    if len({found for _, found in ids}) > 1:
        (_, first), (at, second) = ids[0], next(x for x in ids if x[1] != ids[0][1])
        raise ParseError(f"two articles in one file: a second id line ({second}, line {at + 1}) after "
                         f"{first}; split the file, one article each", at + 1)
    # A date line after the (last) id line and before the disclaimer opens the next article, whose
    # own id line is missing: it would be glued to this one's body.
    after_id = max((i for i, line in enumerate(kept) if _ID.match(line.strip())), default=len(kept))
    glued = next((i for i in range(after_id + 1, len(kept)) if _is_date_quietly(kept[i].strip())), None)
    if glued is not None:
        raise ParseError(f"two articles in one file: a date line ({kept[glued].strip()!r}, line {glued + 1}) after "
                         f"the id line {kept[after_id].strip()}; split the file, one article each", glued + 1)
    source_id = ""
    for i, line in enumerate(kept):
        if _ID.match(line.strip()):
            source_id = line.strip()
            kept[i] = ""
    while kept and (not kept[-1].strip() or kept[-1].strip().lower() in _PAGE_WORDS):
        kept.pop()
    return [line for line in kept if not _LIKE_ID.match(line.strip())], source_id, notes


def _damaged_ids(lines: list[str]) -> list[str]:
    """Notes on lines shaped as an id line that is not one ("MENAFN1603202500004501X687ID11093"):
    left out of the body (they read as noise there), and said, since the article gets no source_id."""
    return [f"line {i + 1}: {line.strip()!r} looks like an id line but is not one (expected MENAFN, digits, "
            "ID, digits); left out of the body, and the article has no source_id"
            for i, line in enumerate(lines) if _LIKE_ID.match(line.strip()) and not _ID.match(line.strip())]


def _end_at_the_id_line(lines: list[str]) -> tuple[int, list[str]]:
    """Where the story ends in a file without a disclaimer MENAFN's patterns know: after its id
    line (or a damaged one), which closes every MENAFN story; text after it is a reworded
    disclaimer ("MENAFN provides this content as is..."), left out and said. A date line after it
    is the next article (refused later), so then nothing is cut."""
    ids = [i for i, line in enumerate(lines) if _ID_AT_END.search(line.strip()) or _LIKE_ID.match(line.strip())]
    if not ids:
        return len(lines), []
    after = [i for i in range(ids[-1] + 1, len(lines))
             if lines[i].strip() and lines[i].strip().lower() not in _PAGE_WORDS]
    if not after or any(_is_date_quietly(lines[i].strip()) for i in after):
        return len(lines), []
    shown = lines[after[0]].strip()
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    return ids[-1] + 1, [f"line {after[0] + 1}: the text after the id line left out, taken for MENAFN's "
                         f"disclaimer ({shown!r})"]


def _id_lines_apart(lines: list[str]) -> list[str]:
    """An id line glued to the story's last sentence ("...borders.MENAFN16...ID11...") on a line
    of its own, as the id line is."""
    apart = []
    for line in lines:
        found = None if _ID.match(line.strip()) else _ID_AT_END.search(line.strip())
        apart.extend([line.strip()[:found.start()].rstrip(), found.group()] if found else [line])
    return apart


def _head(lines: list[str], errors: list[ParseError]) -> tuple[str, str, int, int]:
    """The date line, the title, the title's line number, and the index where the body starts.
    The date line may come first or second, or be missing (then the date is reported missing,
    never invented). A date line that is wrong is an error in ``errors``, and the line after it
    is still read as the title."""
    filled = [i for i, line in enumerate(lines) if line.strip()][:3]
    if not filled:
        raise ParseError("empty input")
    first = lines[filled[0]].strip()
    if len(filled) > 1:
        found = _date_line(first, filled[0] + 1, errors, by_shape=True)
        if found is not False:
            return first if found else "", lines[filled[1]].strip(), filled[1] + 1, filled[1] + 1
        second = lines[filled[1]].strip()
        found = _date_line(second, filled[1] + 1, errors)
        if found is not False:
            return second if found else "", first, filled[0] + 1, filled[1] + 1
    return "", first, filled[0] + 1, filled[0] + 1


def _date_line(line: str, number: int, errors: list[ParseError], by_shape: bool = False) -> bool | None:
    """Whether ``line`` is a date line: None for one that is wrong (its error added to ``errors``):
    one with the shape of a date that is not a real one (31 February, a weekday that is not the
    date's, 3/4/2025), and with ``by_shape`` one in a form this importer does not read."""
    try:
        if is_date_line(line, number):
            return True
    except ParseError as exc:
        errors.append(exc)
        return None
    if by_shape and _looks_like_a_date(line):
        errors.append(ParseError(f"the first line {line!r} looks like a date line but is not one this importer "
                                 "reads (such as 'Saturday 22 March 2025 01:33 GMT'); write it so, or remove it and "
                                 "give --date", number))
        return None
    return False


def _looks_like_a_date(line: str) -> bool:
    """A short line with a time of day, a day's number and a year or zone ("Samedi 22 mars 2025
    01:33 GMT"): a date line in a form this importer does not read, which would become the title.
    (A headline with a time, "Markets close at 15:30 GMT", has no day's number.)"""
    time = _TIME_OF_DAY.search(line)
    if len(line) > 60 or time is None:
        return False
    rest = line[:time.start()] + " " + line[time.end():]
    return bool(re.search(r"\b\d{1,2}\b", rest)) and bool(_YEAR_OR_ZONE.search(rest))


def _is_date_quietly(line: str) -> bool:
    try:
        return parse_date(line) is not None
    except ValueError:
        return True  # the shape of a date line, wrong as it may be


def _without_title(paragraph: str, title: str) -> str:
    """The first body paragraph without the title repeated at its start ("Title", "TITLE." alone,
    or just before the lead tag): the title is in the front matter already."""
    text = t.heading_text(paragraph) or paragraph
    match = re.match(re.escape(title.rstrip(" .:")) + r"[ .:]*", text, re.IGNORECASE)
    if not match:
        return paragraph
    rest = text[match.end():].lstrip()
    return rest if not rest or _LEAD_TAG.match(rest) else paragraph


def _is_title(paragraph: str, title: str) -> bool:
    """The headline again, as written: one with a full stop is the story's first sentence (the
    hypothesis test's "Ab aa aa." under the title "Ab aa aa"), which stays."""
    return paragraph.strip(" :").casefold() == title.strip(" :").casefold()


def _lead_tag(paragraph: str) -> tuple[str, str]:
    match = _LEAD_TAG.match(paragraph)
    if not match:
        return "", paragraph
    return (match.group("provider") or "").strip(), paragraph[match.end():]
