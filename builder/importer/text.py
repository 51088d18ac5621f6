"""Plain-text helpers shared by the wire formats: decoding, paragraphs, datelines, clean-up."""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Sequence
from functools import cache
from html.parser import HTMLParser

from builder.importer.record import ParseError

MAX_INPUT_BYTES = 4 * 1024 * 1024
MAX_LINE = 20_000

_TERMINAL = (".", "!", "?", ":", '"', "\u201d", "'", "\u2019", ")", ";")
_GLUED = re.compile(r"(?<=[a-z\u00df-\u00ff]{2}[.!?])(?=[A-Z\u00c0-\u00de][a-z])")
_GLUED_QUOTE = re.compile(r"(?<=[a-z0-9][.!?])([\"\u201c\u201d])(?=[A-Z\u00c0-\u00de])")
_LIST_ITEM = re.compile(r"^\s*(?:[-*\u2022\u25aa\u25cf\u2013]|(?P<number>\d{1,2})[.)])\s+(?=\S)")
# "KUWAIT, Jan 5 (KUNA) --", "WASHINGTON (AP) —", "LONDON, March 5 (Reuters) -", "DUBAI, 5 Jan. (WAM) -"
# (a place in capitals may hold accented ones: "BOGOT\u00c1, Colombia", "S\u00c3O PAULO", "MALM\u00d6")
_CAPS = "A-Z\u00c0-\u00d6\u00d8-\u00de"
_LETTERS = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff"
_DATELINE = re.compile(
    rf"^(?P<place>[{_CAPS}][{_CAPS}.'\u2019 -]{{1,40}}(?:,\s*[{_CAPS}][{_LETTERS}.' -]{{1,30}})?"
    r"(?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]{2,8}\.?)"
    r"(?:,?\s+\d{4})?)?)\s*"
    r"\((?P<agency>[A-Za-z][A-Za-z .&-]{0,30})\)\s*(?:--|-|\u2014|\u2013|:)\s*")

# "AMMAN — The government...": a place in capitals and a dash, without an agency
_PLACE_DATELINE = re.compile(rf"^(?P<place>[{_CAPS}][{_CAPS}.'\u2019-]{{2,}}(?: [{_CAPS}][{_CAPS}.'\u2019-]+){{0,3}}"
                             rf"(?:,\s*[{_CAPS}][{_LETTERS}.]+(?: [{_CAPS}][{_LETTERS}.]+)?)?)"
                             r"\s*(?:--|\u2014|\u2013)\s+")


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def decode(data: bytes, max_bytes: int | None = MAX_INPUT_BYTES) -> str:
    """The text of an input (see ``decoded``); NUL bytes refused. ``max_bytes`` is per article:
    a JSON Lines file of many articles passes None."""
    return decoded(data, max_bytes)[0]


def decoded(data: bytes, max_bytes: int | None = MAX_INPUT_BYTES) -> tuple[str, str]:
    """The text of an input and the encoding assumed for it ("" for UTF-8): UTF-8 (with or
    without BOM); UTF-16 or UTF-32 with a BOM; else Windows-1252 when the text reads as a
    Western language in it, else the encoding charset-normalizer finds."""
    if not data.strip():
        raise ParseError("empty input")
    if max_bytes is not None and len(data) > max_bytes:
        raise ParseError(f"input is {len(data):,} bytes; the limit is {MAX_INPUT_BYTES:,}")
    text, encoding = with_bom(data)
    if text is None:  # (a UTF-16 file is half NUL bytes: checked after its BOM is read)
        if b"\x00" in data:  # named by its line: one in a JSON Lines file of thousands of records
            line = data.count(b"\n", 0, data.index(b"\x00")) + 1
            raise ParseError("binary input (contains NUL bytes); expected text", line)
        try:
            text, encoding = data.decode("utf-8-sig"), ""
        except UnicodeDecodeError:
            text, encoding = _declared(data) or _decode_legacy(data)
        else:
            repaired = undoubled(text)
            if repaired is not None:
                text, encoding = repaired, TWICE
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise ParseError("binary input (contains NUL characters); expected text", line)
    return normalise(text), encoding


# UTF-8 read as Windows-1252 and saved as UTF-8 again: "CafÃ©", "â€œquotedâ€\x9d". Such text
# is valid UTF-8, so nothing else would tell; and its slugs were nonsense ("cafa-c").
TWICE = "UTF-8 encoded twice"
_MOJIBAKE = re.compile("[\u00c2\u00c3][\u0080-\u00bf\u0152-\u2122]|\u00e2\u20ac[\u0080-\u00bf\u0152-\u2122]")


def undoubled(text: str, signs: int = 2) -> str | None:
    """``text`` as first written when it is UTF-8 encoded twice (``signs`` of it at least, and
    the whole text reads back as UTF-8); else None."""
    if len(_MOJIBAKE.findall(text, 0, 100_000)) < signs:
        return None
    raw = bytearray()
    for char in text:  # (the bytes Windows-1252 showed: its five undefined ones pass as they are)
        code = ord(char)
        if code < 256:
            raw.append(code)
            continue
        try:
            raw += char.encode("cp1252")
        except UnicodeEncodeError:
            return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),  # before UTF-16's: longer
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def with_bom(data: bytes) -> tuple[str | None, str]:
    """Text in UTF-16 or UTF-32 with its byte order mark (what Windows saves as "Unicode")."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding.upper()
            except UnicodeDecodeError as exc:
                raise ParseError(f"starts with a {encoding.upper()} byte order mark but byte "
                                 f"{exc.start:,} is not {encoding.upper()}; save it as UTF-8") from None
    return None, ""


# Letters that make a Windows-1252 reading doubtful: in 1252 they are Icelandic, but they are
# what Turkish (1254) text becomes in it.
_DOUBTFUL_1252 = frozenset("\u00f0\u00fd\u00fe\u00d0\u00dd\u00de")
_ACCENTED = "\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff"  # Latin-1's letters
_FOREIGN_RUN = re.compile(f"[{_ACCENTED}]{{3}}")  # three in a row: Cyrillic or Greek read as 1252
_SYMBOL_IN_WORD = re.compile(f"(?<=[A-Za-z{_ACCENTED}])[\u00a1-\u00bf\u00d7\u00f7](?=[A-Za-z{_ACCENTED}])")  # "Za¿ó³æ"


def _decode_legacy(data: bytes) -> tuple[str, str]:
    """Windows-1252, the superset of Latin-1 that wire copy in Western languages is written in,
    unless the text does not read as such (Cyrillic, Greek or Polish letters come out as runs
    of accented letters or symbols inside words): then what charset-normalizer finds. Asked
    first, charset-normalizer took French and German for cp1250, cp1257 or cp775 ("S\u0103o Paulo")."""
    mixed = _utf8_mixed_with_1252(data)
    if mixed is not None and _reads_western(mixed):
        return mixed, "UTF-8 mixed with Windows-1252"
    western = data.decode("cp1252", _WHATWG_1252)
    if _reads_western(western):
        return western, "Windows-1252"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return (western, "Windows-1252") if best is None else (str(best), best.encoding)


# A saved page names its encoding: <meta charset="shift_jis">, or <meta http-equiv="Content-Type"
# content="text/html; charset=windows-1251">, in its first bytes. Guessed as Windows-1252 instead,
# a Japanese page was imported as mojibake without a word of warning.
_META_CHARSET = re.compile(rb"""<meta\b[^<>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
# What browsers (WHATWG) read these labels as: Latin-1 and ASCII pages are Windows-1252.
_AS_WHATWG = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252",
              "ascii": "cp1252", "iso8859-1": "cp1252", "l1": "cp1252"}


def _declared(data: bytes) -> tuple[str, str] | None:
    """The text of a page that is not UTF-8 in the encoding its <meta> names, when it names one
    Python knows (other than UTF-8, which the page is not) and the page reads in it; else None."""
    found = _META_CHARSET.search(data[:4096])
    if found is None:
        return None
    label = found.group(1).decode("ascii").lower()
    name = _AS_WHATWG.get(label, label)
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    if info.name in ("utf-8", "utf-8-sig") or info.name.startswith(("utf-16", "utf-32")):
        return None
    if info.name == "cp1252":
        return None  # the usual reading, with its checks (a page that says Latin-1 but is Greek)
    try:
        return data.decode(info.name), f"{info.name} (as the page's <meta charset> says)"
    except UnicodeDecodeError:
        return None


def _reads_western(text: str) -> bool:
    return not (_FOREIGN_RUN.search(text) or _SYMBOL_IN_WORD.search(text) or _DOUBTFUL_1252.intersection(text))


# A UTF-8 sequence of more than one byte, and what such sequences are in copy pasted together
# from a UTF-8 and a Windows-1252 source: Latin-1's letters and signs, curly quotes and dashes,
# the euro. Windows-1252 text rarely holds one by chance ("\u00c9\u201d", an E acute and a closing
# quote, is U+0254), and then it is no such character.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_WESTERN_CHARACTER = re.compile("[\u00a0-\u00ff\u2010-\u203a\u20ac]")


def _utf8_mixed_with_1252(data: bytes) -> str | None:
    """The text of copy that is UTF-8 in parts and Windows-1252 in others, when every UTF-8
    sequence in it is a Western character; else None. Read whole as 1252, its UTF-8 part was
    "S\u00c3\u00a3o Paulo"; charset-normalizer read all of it as cp1250 ("Sp\u0102\u00a9aking")."""
    sequences = _UTF8_SEQUENCE.findall(data)
    for sequence in sequences:
        try:
            character = sequence.decode("utf-8")
        except UnicodeDecodeError:  # (a surrogate's, or an overlong form)
            return None
        if not _WESTERN_CHARACTER.fullmatch(character):
            return None
    return data.decode("utf-8", _AS_1252) if sequences else None


def _as_1252(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start:error.end].decode("cp1252", _WHATWG_1252), error.end


def _as_c1_control(error: UnicodeError) -> tuple[str, int]:
    """The bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) as the C1 controls
    Latin-1 and browsers (WHATWG) read them as, which normalise() then drops: strictly, one stray
    byte failed the whole article, then read as charset-normalizer's cp852 ("Russia\u013as")."""
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start:error.end].decode("latin-1"), error.end


_WHATWG_1252 = "archive-whatwg-1252"
codecs.register_error(_WHATWG_1252, _as_c1_control)
_AS_1252 = "archive-as-1252"
codecs.register_error(_AS_1252, _as_1252)


# Line ends other than CR and LF, which the control characters below would delete (gluing the
# words around them): NEL (EBCDIC's), Unicode's line and paragraph separators, the vertical tab
# (Word's manual line break) and the form feed (a page break).
_OTHER_LINE_ENDS = str.maketrans({"\x85": "\n", "\u2028": "\n", "\u2029": "\n\n", "\x0b": "\n", "\x0c": "\n"})


def normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_OTHER_LINE_ENDS)
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    # Control characters other than newline and tab never belong in copy.
    return _CONTROL.sub("", text)


def lines_of(text: str) -> list[str]:
    lines = [line.rstrip() for line in text.split("\n")]
    long = next((number for number, line in enumerate(lines, start=1) if len(line) > MAX_LINE), None)
    if long is not None:
        raise ParseError(f"a line is longer than {MAX_LINE:,} characters; this is not article text", long)
    return lines


def blocks(lines: list[str]) -> list[list[str]]:
    """Runs of non-blank lines (with their indentation)."""
    result: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line.rstrip())
        elif current:
            result.append(current)
            current = []
    if current:
        result.append(current)
    return result


HEADING_MARK = "\x1e"  # marks a subheading paragraph; control characters never survive ``normalise``
TABLE_MARK = "\x1d"  # marks a table kept as its lines (columns aligned by spaces)
# A table row: three columns or more, apart by two spaces or more ("Chicago    --   3.04   2.98");
# a sentence's double space after a full stop is no column.
_COLUMN_GAP = re.compile(r"(?<=[^\s.!?:;,]) {2,}(?=\S)")
_TABLE_ROWS = 2
_LABEL = 30


def paragraphs_of(body_lines: list[str], wrapped: bool = True) -> list[str]:
    """Paragraphs from blank-line blocks; inside a block, a line ending a sentence ends a paragraph
    (copy with single newlines), hard-wrapped lines are joined, list items kept apart, and a
    short unpunctuated line above a longer one is a subheading (digests of several items).
    Copy that indents its paragraphs (Reuters) starts one at each indented line, and rows of
    columns aligned by spaces stay a table. ``wrapped=False``: text where every line is a
    paragraph (extracted from HTML), never joined."""
    paragraphs: list[str] = []
    for raw in blocks(body_lines):
        table = _table_lines(raw) if wrapped else set()
        indents = [_indent(line) for line in raw] if any(line[0] in " \t" for line in raw) else []
        indented = len(set(indents)) > 1  # some lines indented, and not all alike
        block = [line.strip() for line in raw]
        current = ""
        for i, line in enumerate(block):
            if i in table:
                if current:
                    paragraphs.append(current)
                    current = ""
                if i - 1 in table:
                    paragraphs[-1] += "\n" + raw[i]
                else:
                    paragraphs.append(TABLE_MARK + raw[i])
                continue
            if _is_subheading(line, block[i + 1] if i + 1 < len(block) else ""):
                if current:
                    paragraphs.append(current)
                paragraphs.append(HEADING_MARK + line)
                current = ""
                continue
            starts_item = bool(_LIST_ITEM.match(line))
            starts_indented = indented and indents[i] > min(indents)
            # Copy that indents its paragraphs says where each begins: a line ending a sentence
            # there is only where the wrap fell.
            ends = not indented and _ends_paragraph(current)
            if current and (not wrapped or starts_item or starts_indented or ends or _is_item(current)):
                paragraphs.append(current)
                current = ""
            current = f"{current} {line}" if current else line
        if current:
            paragraphs.append(current)
    return [_tidy(p) for p in paragraphs]


def _tidy(paragraph: str) -> str:
    if paragraph.startswith(HEADING_MARK):
        return paragraph
    if paragraph.startswith(TABLE_MARK):
        rows = paragraph[1:].split("\n")
        cut = min(_indent(row) for row in rows)
        return TABLE_MARK + "\n".join(row.expandtabs(4)[cut:] for row in rows)
    return fix_glued(" ".join(paragraph.split()))


def _indent(line: str) -> int:
    spaced = line.expandtabs(4) if "\t" in line else line
    return len(spaced) - len(spaced.lstrip())


def _table_lines(block: list[str]) -> set[int]:
    """The lines of a block that are rows of a table: runs of two or more with three columns (apart
    by spaces or by pipes)."""
    stripped = [line.strip() for line in block]
    # (or apart by pipes, "Revenue | 18.7 | 19.2", which wires use too: those rows were joined)
    rows = [("  " in line and len(_COLUMN_GAP.findall(line)) >= 2) or _piped(line) for line in stripped]
    for i in range(1, len(rows) - 1):  # a row's label wrapped on a line of its own: "Baltimore/"
        if rows[i - 1] and rows[i + 1] and len(stripped[i]) <= _LABEL and not _ends_sentence(stripped[i]):
            rows[i] = True
    found: set[int] = set()
    start = 0
    for i in range(len(rows) + 1):
        if i == len(rows) or not rows[i]:
            if i - start >= _TABLE_ROWS:
                found.update(range(start, i))
            start = i + 1
    return found


def _piped(line: str) -> bool:
    """A row of three columns or more apart by pipes: "Item | 2024 | 2025"."""
    return line.count("|") >= 2 and sum(1 for cell in line.split("|") if cell.strip()) >= 3


def table_text(paragraph: str) -> str | None:
    return paragraph[1:] if paragraph.startswith(TABLE_MARK) else None


# The wire's last line, its sign-off or an end mark: "Reuter" ends 16,951 of Reuters-21578's
# 19,042 stories. Furniture, not text: it would end every page and every search excerpt.
_SIGN_OFF = re.compile(r"(?:-+ ?)?(?:(?P<agency>(?i:reuters?)|AP|AFP|UPI)|\((?i:end|ends)\)|ENDS|-0-|#{3}|- ?30 ?-)")
_GLUED_SIGN_OFF = re.compile(r"(?<=\S) +(?:Reuter|REUTER)$")  # (1987's name; no sentence ends so)
_SIGN_OFF_AGENCY = {"reuter": "Reuters", "reuters": "Reuters", "ap": "AP", "afp": "AFP", "upi": "UPI"}


def sign_off(paragraphs: Sequence[str]) -> tuple[list[str], str]:
    """The paragraphs without the sign-offs that end them ("REUTER", then " Reuter": some copy
    has two), and the agency they name (or "")."""
    kept, agency = list(paragraphs), ""
    while kept:
        last = kept[-1].strip()
        found = _SIGN_OFF.fullmatch(last)
        if found is not None and len(kept) >= 2:  # (a body that is only a sign-off is what it is)
            kept.pop()
            agency = agency or _SIGN_OFF_AGENCY.get((found.group("agency") or "").lower(), "")
            continue
        glued = _GLUED_SIGN_OFF.search(last)  # a table's last row and the sign-off, joined
        if glued is not None and found is None:
            kept[-1], agency = last[:glued.start()], agency or "Reuters"
        break
    return kept, agency


# Where a wire's trailer starts: its copyright line, its credits ("Reporting by ...", which
# Reuters writes in brackets: "(Reporting by Alex Lawler; Editing by Jason Neely)") and its
# standards note. Nothing after it is the story.
TRAILER = re.compile(r"^\(?(?:Copyright\b|\u00a9|\(c\)|All rights reserved|(?:Additional )?Reporting by|Editing by|"
                     r"Writing by|Compiled by|Our Standards:|(?:The )?Associated Press (?:writers? |reporters? )?"
                     r"[^\n]{0,200}\bcontributed\b)", re.IGNORECASE)
_SEPARATOR = re.compile(r"^(?:_{3,}|\*{3,}|-{3,}|(?:\* ){2,}\*)$")  # AP's "___" above its credits


def without_trailer(paragraphs: Sequence[str]) -> list[str]:
    """The paragraphs without the trailer paragraphs that end them (a page's credits, copyright
    line and standards note): only at the end, a paragraph that opens with "Copyright" earlier on
    is story."""
    kept = list(paragraphs)
    while len(kept) > 1 and (TRAILER.match(kept[-1]) or _SEPARATOR.match(kept[-1])):
        kept.pop()
    return kept


_BY = re.compile(r"^by\s+", re.IGNORECASE)
_BYLINE_AGENCY = re.compile(r",?\s*(?:The\s+)?(?:Associated Press|AP|Reuters?|AFP|Agence France-Presse)\s*$")


_JOINERS = frozenset({"and", "und", "et", "y", "e", "&"})  # between the names of a byline


def byline_name(byline: str) -> str:
    """'By MARY CLARKSON, Associated Press' -> 'Mary Clarkson'."""
    name = _BYLINE_AGENCY.sub("", _BY.sub("", byline.strip())).strip(" ,;")
    # (names in capitals, whatever joins them: 'JOSH BOAK and CHRISTOPHER RUGABER')
    if not " ".join(word for word in name.split(" ") if word not in _JOINERS).isupper():
        return name
    return " ".join(word if word in _JOINERS else word.title() for word in name.split(" "))


# A word with its punctuation around it: ("(", "U.S.", ",") from "(U.S.,".
_TOKEN = re.compile(r"^([^\w]*)(.*?)([^\w.]*)$")
_ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "st", "gen", "col", "sen", "rep", "gov", "corp", "inc", "co",
                            "ltd", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
                            "dec"})
_SENTENCE_END = re.compile(r"[.!?:;]['\"\u2019\u201d)]*$")


def headline_case(title: str, paragraphs: Sequence[str]) -> str:
    """An all-capitals headline ('U.S. TRADE DEFICIT WIDENS', as old wires wrote them) with each
    word as the body writes it ('U.S. trade deficit widens'); a word the body does not have is
    written in lower case unless it holds a full stop, an ampersand or a digit ('AT&T'); the
    first word starts with a capital. Any other title, one of a single word or mostly in a
    script without capitals, or one over an all-capitals body, is left as it is."""
    letters = [c for c in title if c.isalpha()]
    if (title != title.upper() or sum(c.isupper() for c in letters) * 2 < len(letters) or len(title.split()) < 2
            or not any(c.islower() for paragraph in paragraphs[:12] for c in paragraph)):
        return title  # (in a script without capitals, or a single word: nothing to go by)
    forms = _forms_in(paragraphs)
    words = []
    for position, token in enumerate(title.split()):
        before, core, after = _TOKEN.match(token).groups()  # type: ignore[union-attr]
        written = _as_in_body(core, forms, code=before.endswith("<"))  # "<IBM>": a ticker
        if position == 0 and written[:1].islower():
            written = written[:1].upper() + written[1:]
        words.append(before + written + after)
    return " ".join(words)


def _forms_in(paragraphs: Sequence[str]) -> dict[str, dict[str, int]]:
    """Each word of the body (by its lower case) -> how often each spelling of it comes, a
    word that opens a sentence counted only when the body has no other spelling of it."""
    forms: dict[str, dict[str, int]] = {}
    openers: dict[str, dict[str, int]] = {}
    for paragraph in paragraphs:
        opening = True
        for token in paragraph.split():
            core = _TOKEN.match(token).group(2)  # type: ignore[union-attr]
            if core.endswith(".") and "." not in core[:-1]:
                core = core[:-1]  # a full stop ("Bonn."), not an abbreviation's ("U.S.")
            if core:
                counts = (openers if opening else forms).setdefault(core.lower(), {})
                counts[core] = counts.get(core, 0) + 1
            opening = bool(_SENTENCE_END.search(token)) and not (
                "." in core or token.rstrip(".").lower() in _ABBREVIATIONS)  # "U.S. Midwest", "Mr. Baker"
    for word, counts in openers.items():
        # "Showers continued...": a word seen only at the start of sentences is an ordinary
        # one, unless it has capitals past its first letter ("IBM expects", "McDonald said")
        inner = {form: n for form, n in counts.items() if any(c.isupper() for c in form[1:])}
        forms.setdefault(word, inner or {word: 1})
    return forms


def _as_in_body(word: str, forms: dict[str, dict[str, int]], code: bool = False) -> str:
    if code:  # a ticker ("<DOW>") is written as it is, though the body names "Dow Chemical"
        return word
    key = word.lower()
    if key in forms:
        counts = forms[key]
        return max(counts, key=lambda form: (counts[form], form.islower()))
    for mark in "-/":  # "FARMER-OWNED", "NASDAQ/LONDON": each part on its own
        if mark in word.strip(mark):
            return mark.join(_as_in_body(part, forms) if part else part for part in word.split(mark))
    if key.endswith(("'s", "\u2019s")) and len(key) > 2:  # "SINGAPORE'S"
        return _as_in_body(word[:-2], forms, code) + word[-2:].lower()
    if any(c in word for c in ".&") or any(c.isdigit() for c in word):
        return word
    return _proper_words().get(key, key)


@cache
def _proper_words() -> dict[str, str]:
    """Words of country names and of the words for their people, and months and weekdays, by
    their lower case ("japan" -> "Japan", "german" -> "German", "feb" -> "Feb"): a headline
    names what its body may not."""
    from builder.importer.dates import MONTHS, WEEKDAYS
    from builder.importer.recognise.data import countries  # (loaded by the first all-capitals title)

    days = [f"{day}day" for day in ("Mon", "Tues", "Wednes", "Thurs", "Fri", "Satur", "Sun")]
    names = [*countries.CANONICAL.values(), *(n for names in countries.EXTRA_ALIASES.values() for n in names),
             *countries.DEMONYMS, *(n for names in countries.DEMONYMS.values() for n in names),
             *(month.capitalize() for month in MONTHS), *(day.capitalize() for day in WEEKDAYS), *days]
    return {word.lower(): word for name in names for word in name.split()
            if word[:1].isupper() and word.isalpha()}


def _is_subheading(line: str, following: str) -> bool:
    # Hard-wrapped copy has lines of similar width; a subheading is clearly shorter than the
    # sentence under it and starts it off with a capital.
    return (bool(following) and len(line.split()) <= 10 and len(line) < 60 and not _ends_sentence(line)
            and not line.endswith(",") and not _LIST_ITEM.match(line) and line[:1].isupper()
            and following[:1].isupper() and len(following) > len(line) + 15 and _ends_sentence(following))


def heading_text(paragraph: str) -> str | None:
    return paragraph[1:] if paragraph.startswith(HEADING_MARK) else None


def _ends_sentence(text: str) -> bool:
    return text.endswith(_TERMINAL)


# A line ending in an initial ("Kenneth J."), an initialism ("the U.S.") or a title or month
# ("Gen.", "Jan.") ends no paragraph: hard-wrapped copy breaks its lines anywhere, and 184 of the
# first 2,761 Reuters stories were cut mid-sentence there ("...the U.S." / "District Court...").
_WRAPPED_ABBREVIATION = re.compile(r"(?:^|[\s(])(?:[A-Z]\.|(?:[A-Za-z]\.){2,}|(?i:mr|mrs|ms|dr|st|gen|col|sen|rep"
                                   r"|gov|no|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.)$")


def _ends_paragraph(text: str) -> bool:
    """Whether a line of copy with single newlines ends its paragraph: it ends a sentence."""
    return _ends_sentence(text) and not _WRAPPED_ABBREVIATION.search(text)


def _is_item(text: str) -> bool:
    return bool(_LIST_ITEM.match(text))


def fix_glued(text: str) -> str:
    """'said.The minister' -> 'said. The minister' (copy pasted from web pages glues sentences)."""
    return _GLUED_QUOTE.sub(lambda m: _space_quote(m, text), _GLUED.sub(" ", text))


def _space_quote(match: re.Match[str], text: str) -> str:
    quote = match.group(1)
    # A straight quote after a full stop opens the next sentence when the quotes before it are paired.
    opening = quote == "\u201c" or (quote == '"' and text[: match.start()].count('"') % 2 == 0)
    return f" {quote}" if opening else f"{quote} "


def split_dateline(paragraph: str) -> tuple[str, str, str]:
    """('KUWAIT, Jan 5', 'KUNA', rest) from a lead paragraph, or ('', '', paragraph)."""
    match = _DATELINE.match(paragraph) or _PLACE_DATELINE.match(paragraph)
    if not match or len(match.group("place").split()) > 8:
        return "", "", paragraph
    agency = match.groupdict().get("agency") or ""
    return " ".join(match.group("place").split()), agency.strip(), paragraph[match.end():]


def list_item_text(paragraph: str) -> str | None:
    """The text of a list item paragraph, or None."""
    match = _LIST_ITEM.match(paragraph)
    return paragraph[match.end():] if match else None


def list_item_number(paragraph: str) -> int | None:
    """The number of a numbered list item ("3. ..." or "3) ..."), or None."""
    match = _LIST_ITEM.match(paragraph)
    return int(match.group("number")) if match and match.group("number") else None


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])|&(?=#?\w+;)")
# "## Heading", "###" (a press release's end mark) and "---" open blocks as much as "# " and "- "
_MD_LINE_START = re.compile(r"^(\s*)(?:(#+|-+|[+=])|(\d+)([.)]))(?=\s|$)")


def escape_markdown(text: str) -> str:
    """Plain text as Markdown that renders to the same text: wire copy is never markup."""
    escaped = _MD_SPECIAL.sub(lambda m: "\\" + (m.group(1) or "&"), text)
    return _MD_LINE_START.sub(_escape_block_marker, escaped)


def _escape_block_marker(match: re.Match[str]) -> str:
    indent, marker, number, delimiter = match.groups()
    return f"{indent}\\{marker}" if marker else f"{indent}{number}\\{delimiter}"


_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_HEBREW_SCRIPT = re.compile(r"[\u0590-\u05ff\ufb1d-\ufb4f]")
# Letters only one language of a script uses (or uses often), with the share of the script's
# letters from which they name it. Arabic copy has a few of the others too (a transliterated
# name, a Persian keyboard's yeh and kaf), so a language is told by how often they occur; teh
# marbuta, frequent in Arabic and rare elsewhere, is looked for first. In Persian, farsi yeh
# alone is about one letter in twenty.
_ARABIC_SCRIPT_LANGUAGES = (
    ("ar", re.compile(r"[\u0629]"), 100),  # teh marbuta
    ("ckb", re.compile(r"[\u0695\u06b5\u06c6\u06ce]"), 100),  # Sorani Kurdish: reh, lam, oe, yeh with v
    ("ps", re.compile(r"[\u067c\u0689\u0693\u0696\u069a\u06ab\u06bc]"), 100),  # Pashto
    ("ur", re.compile(r"[\u0679\u0688\u0691\u06ba\u06d2]"), 100),  # Urdu: tteh, ddal, rreh, noon ghunna, yeh barree
    ("fa", re.compile(r"[\u067e\u0686\u0698\u06af\u06a9\u06cc]"), 50),  # peh, tcheh, jeh, gaf, keheh, farsi yeh
)
_YIDDISH = re.compile(r"[\u05f0-\u05f2\ufb1f]")  # its double vav, vav yod, double yod


def language_of(text: str) -> str:
    """The language of copy written in a right-to-left script, as a BCP 47 tag ("" when the copy
    is mostly in another script, whose language its letters do not tell): by the letters only
    each language uses (Arabic otherwise), Hebrew or Yiddish. The build marks such an article."""
    if not (_ARABIC_SCRIPT.search(text) or _HEBREW_SCRIPT.search(text)):
        return ""  # (most copy: its letters are not counted one by one)
    letters = sum(1 for c in text if c.isalpha())
    if not letters:
        return ""
    hebrew = len(_HEBREW_SCRIPT.findall(text))
    if hebrew * 2 > letters:
        return "yi" if len(_YIDDISH.findall(text)) * 100 >= hebrew else "he"
    arabic_script = len(_ARABIC_SCRIPT.findall(text))
    if arabic_script * 2 <= letters:
        return ""
    for language, marks, one_in in _ARABIC_SCRIPT_LANGUAGES:
        if len(marks.findall(text)) * one_in >= arabic_script:
            return language
    return "ar"


# A body given as HTML (JSON Lines from a CMS: "<p>LONDON (Reuters) - Oil <b>jumped</b></p>"):
# readers saw the tags as text, escaped. Its text is taken, a paragraph per block.
_HTML_BODY = re.compile(r"<(?:p|br|div|li|h[1-6]|blockquote|ul|ol|table|tr)\b[^<>]*>", re.IGNORECASE)
_BLOCKS = frozenset({"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "table",
                     "tr", "section", "article", "figure", "figcaption", "header", "footer", "pre"})
_UNREAD = frozenset({"script", "style", "template", "noscript", "iframe", "object", "svg", "math"})


class _BodyText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0  # inside elements whose content is no text (scripts, styles)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _UNREAD:
            self.hidden += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _UNREAD:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(" ".join(data.split("\n")))


def html_body_text(body: str) -> str:
    """``body`` as plain text, a blank line between blocks, when it is HTML; else as it is."""
    if not _HTML_BODY.search(body):
        return body
    parser = _BodyText()
    parser.feed(body)
    parser.close()
    return "".join(parser.parts)

