"""Each input format parses our own fixture wire texts into the expected fields."""

from __future__ import annotations

import json
import re
import time
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from builder.importer.dates import front_matter_date, parse_date
from builder.importer.emit import body_markdown
from builder.importer.formats import PARSERS, detect, jsonl
from builder.importer.names import FORMATS
from builder.importer.record import Failure, ParseError, WireArticle
from builder.importer.text import HEADING_MARK, MAX_INPUT_BYTES, escape_markdown, fix_glued, split_dateline
from builder.markdown import render_markdown

WIRE = Path(__file__).parent / "fixtures" / "wire"


def parse(name: str) -> WireArticle:
    data = (WIRE / name).read_bytes()
    articles = PARSERS[detect(name, data)](data, name)
    assert len(articles) == 1
    return articles[0]


def test_menafn_with_provider_tag_and_disclaimer() -> None:
    a = parse("01_menafn_provider.txt")
    assert a.title == "Dubai port operator posts record container volumes"
    assert a.date == datetime(2025, 2, 4, 9, 12, tzinfo=UTC)
    assert (a.source, a.provider) == ("MENAFN", "Khaleej Times")
    assert a.source_id == "MENAFN04022025000049011008ID1109165234"
    assert a.paragraphs[0].startswith("Dubai's main port operator")
    text = " ".join(a.paragraphs)
    assert "Legal Disclaimer" not in text and "Search" not in text and "MENAFN" not in text


MENAFN_COPY = """Saturday 22 March 2025 01:33 GMT

Bloc director thinks NATO nations should restore relations with Russia

(MENAFN- Asia Times (AT)) NATO Secretary General Mark Rutte spoke on Friday.

He said relations should gradually normalise.

MENAFN16032025000045015687ID1109319523

Legal Disclaimer:
MENAFN provides the information "as is" without warranty of any kind.
"""


def parse_menafn(text: str) -> WireArticle:
    [article] = PARSERS["menafn"](text.encode(), "a.txt")
    return article


def test_menafn_provider_in_brackets_and_an_id_glued_to_the_last_sentence() -> None:
    """Found by a probe: "(MENAFN- Asia Times (AT))" gave the provider "Asia Times (AT" and a
    body opening with ") NATO"; an id line glued to the last sentence stayed in the body, and
    the article had no source id to be found by when imported again."""
    article = parse_menafn(MENAFN_COPY)
    assert (article.provider, article.paragraphs[0]) == ("Asia Times (AT)", "NATO Secretary General Mark Rutte "
                                                                              "spoke on Friday.")
    glued = parse_menafn(MENAFN_COPY.replace("normalise.\n\nMENAFN", "normalise.MENAFN"))
    assert glued.source_id == "MENAFN16032025000045015687ID1109319523"
    assert glued.paragraphs[-1] == "He said relations should gradually normalise."
    assert parse_menafn(MENAFN_COPY.replace("normalise.\n\nMENAFN", "normalise. MENAFN")) == article


def test_menafn_without_a_title_line_is_refused() -> None:
    """Found by a probe: with the title line missing, the story's first paragraph, lead tag and
    all, became the title and left the body."""
    with pytest.raises(ParseError, match="no title"):
        parse_menafn(MENAFN_COPY.replace("Bloc director thinks NATO nations should restore relations with Russia\n",
                                         ""))


@pytest.mark.parametrize("line", ["Samedi 22 mars 2025 01:33 GMT", "Saturday 22 March 25 01:33 GMT"])
def test_menafn_date_line_in_a_form_not_read_is_refused_not_taken_for_the_title(line: str) -> None:
    """Found by a probe: with --date, a date line this importer cannot read became the title (and
    the headline the first paragraph); without it, the error did not say which line was meant."""
    with pytest.raises(ParseError, match="looks like a date line") as error:
        parse_menafn(MENAFN_COPY.replace("Saturday 22 March 2025 01:33 GMT", line))
    assert error.value.line == 1
    undated = parse_menafn(MENAFN_COPY.replace("Saturday 22 March 2025 01:33 GMT\n\nBloc director thinks NATO "
                                               "nations should restore relations with Russia",
                                               "Markets close at 15:30 GMT"))
    assert (undated.title, undated.date) == ("Markets close at 15:30 GMT", None)  # a headline with a time


def test_menafn_kuna_dateline_single_newlines() -> None:
    a = parse("02_menafn_kuna_dateline.txt")
    assert (a.provider, a.dateline) == ("KUNA", "KUWAIT, Jan 5")
    assert a.paragraphs[0].startswith("Kuwait and Oman signed")
    assert len(a.paragraphs) == 4  # one paragraph per line when copy has single newlines


def test_glued_sentences_are_separated() -> None:
    a = parse("03_menafn_glued_no_id.txt")
    assert "said. The increase" in a.paragraphs[0]
    assert 'year. "We will' in a.paragraphs[1]
    assert a.source_id == ""


def test_digest_subheadings() -> None:
    a = parse("04_menafn_digest.txt")
    headings = [p[1:] for p in a.paragraphs if p.startswith(HEADING_MARK)]
    assert headings == ["Emirates orders more wide-body jets", "Qatar National Bank profit rises",
                        "Saudi solar plant starts up"]


def test_date_only_line_and_list_and_place_dateline() -> None:
    a = parse("05_menafn_list_dateonly.txt")
    assert a.date == date(2025, 3, 22)
    assert a.dateline == "AMMAN"
    assert sum(p.startswith("- ") for p in a.paragraphs) == 3


def test_no_date_is_not_invented() -> None:
    assert parse("06_menafn_no_date.txt").date is None


def test_ap_story() -> None:
    a = parse("07_ap_story.txt")
    assert (a.source, a.author, a.dateline) == ("AP", "Mary Clarkson", "WASHINGTON")
    assert a.date == datetime(2025, 3, 14, 23, 42, tzinfo=timezone(timedelta(hours=-4)))
    assert not any("Copyright" in p for p in a.paragraphs)


def test_reuters_story() -> None:
    a = parse("08_reuters_story.txt")
    assert (a.source, a.dateline) == ("Reuters", "LONDON, March 20")
    assert not any("Reporting by" in p for p in a.paragraphs)


def test_afp_date_from_dateline_and_copyright_year() -> None:
    a = parse("09_afp_dateline_year.txt")
    assert (a.source, a.date) == ("AFP", date(2025, 2, 3))


@pytest.mark.parametrize(("lead", "trailer", "expected"), [
    ("GENEVA, March 5, 2024 (AP) \u2014 Talks resumed.", "", date(2024, 3, 5)),
    ("WASHINGTON, March 17, 1987 (Reuters) - Talks resumed.", "Copyright 1990 Reuters", date(1987, 3, 17)),
    ("WASHINGTON, D.C., March 17 (Reuters) - Talks resumed.", "Copyright 1990 Reuters", date(1990, 3, 17)),
    ("GENEVA, March 5 (AP) \u2014 Talks resumed.", "", None),  # no year stated anywhere: never guessed
])
def test_a_dateline_with_its_own_year_dates_the_copy(lead: str, trailer: str, expected: date | None) -> None:
    """Found by a probe: "GENEVA, March 5, 2024 (AP) \u2014" was no date (only a copyright line's
    year completed a dateline's day), and the import was refused without --date."""
    [article] = PARSERS["text"](f"Talks resume\n\n{lead}\n\n{trailer}\n".encode(), "a.txt")
    assert article.date == expected


@pytest.mark.parametrize("date_line", ["", "March 5, 2024\n\n"])
def test_copy_without_a_headline_is_refused_not_titled_with_its_lead(date_line: str) -> None:
    """Found by a probe: copy opening with "WASHINGTON, March 5, 2024 (AP) — The Federal Reserve..."
    was titled with that whole lead paragraph (under --date: and dated another day)."""
    copy = f"{date_line}WASHINGTON, March 5, 2024 (AP) \u2014 The Federal Reserve left rates unchanged.\n\nMore.\n"
    with pytest.raises(ParseError, match="no headline: the copy opens with its dateline and lead") as refused:
        PARSERS["text"](copy.encode(), "a.txt")
    assert refused.value.line == (3 if date_line else 1)


def test_a_json_lines_body_in_html_is_read_as_text_with_its_dateline() -> None:
    """Found by a probe: '<p>LONDON (Reuters) - Oil prices <b>jumped</b></p>' was written as escaped
    tags, which readers saw; the dateline stayed in the lead, and a record's own 'dateline' was lost."""
    record = {"title": "Oil jumps", "date": "2024-03-05", "body": "<p>LONDON (Reuters) - Oil prices <b>jumped"
              "</b> &amp; held.</p><script>alert(1)</script><p>Brent rose.<br>WTI too.</p>"}
    [a] = jsonl.parse(json.dumps(record).encode(), "in.jsonl")
    assert (a.paragraphs, a.dateline, a.source) == (("Oil prices jumped & held.", "Brent rose.", "WTI too."),
                                                    "LONDON", "Reuters")
    record = {"title": "Deal", "date": "1987-02-26", "dateline": "COMMACK, N.Y., Feb 26 -", "body": "Text."}
    [a] = jsonl.parse(json.dumps(record).encode(), "in.jsonl")
    assert (a.paragraphs, a.dateline) == (("Text.",), "COMMACK, N.Y., Feb 26")


def test_html_page() -> None:
    a = parse("10_page.html")
    assert a.title == "Morocco expands high-speed rail line to Marrakech"
    assert a.date == datetime(2025, 2, 18, 8, 30, tzinfo=timezone(timedelta(hours=1)))
    assert a.author == "Karim Benali"
    assert a.dateline == "RABAT"
    text = " ".join(a.paragraphs)
    assert "Advertisement" not in text and "Most read" not in text and "Home" not in text
    assert a.paragraphs[0].startswith("Morocco will extend")


def test_jsonl_records_each_parsed_or_reported() -> None:
    found = jsonl.parse_lines((WIRE / "11_records.jsonl").read_bytes(), "r.jsonl")
    ok = [f for f in found if isinstance(f, WireArticle)]
    bad = [f"{f.origin}: {f.reason}" for f in found if not isinstance(f, WireArticle)]
    assert [a.source_id for a in ok] == ["AW-2025-0115-01", "NW-88"]
    assert ok[0].tags == ("Lithium", "Mining")
    assert ok[1].date == date(2025, 1, 14)
    assert bad[0].startswith("r.jsonl:3: no body") and bad[1].startswith("r.jsonl:4: not valid JSON")


@pytest.mark.parametrize(("name", "reason"), [
    ("12_empty.txt", "empty input"), ("13_binary.txt", "binary input"),
    ("14_truncated.txt", "no body text"), ("15_no_title.txt", "no title")])
def test_broken_inputs_give_a_reason(name: str, reason: str) -> None:
    with pytest.raises(ParseError, match=reason):
        parse(name)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_a_nul_byte_is_named_by_its_line(encoding: str) -> None:
    """Found by a probe: "binary input" named no line, so one NUL in a JSON Lines file of
    thousands of records (or a text file) left the reader searching for it."""
    data = ('{"title": "A", "date": "2025-01-01", "body": "b"}\n' * 2 + '{"title": "B\x00"}\n').encode(encoding)
    with pytest.raises(ParseError, match="binary input") as raised:
        jsonl.parse_lines(data, "r.jsonl")
    assert raised.value.line == 3


def test_legacy_encoding() -> None:
    assert parse("16_cp1252.txt").title == "Café owners in Tunis protest new tax"


@pytest.mark.parametrize(("text", "expected"), [
    ("Saturday 22 March 2025 01:33 GMT", "2025-03-22T01:33:00Z"),
    ("March 5, 2025 10:15 AM EST", "2025-03-05T15:15:00Z"),
    ("Sunday 5 January 2025 14:00 GMT+3", "2025-01-05T11:00:00Z"),
    ("22 March 2025", "2025-03-22"),
    ("2025-03-22T10:00:00+03:00", "2025-03-22T07:00:00Z"),
    ("Tues. Sept. 2, 2025 9:05 pm", "2025-09-02T21:05"),
    ("3/16/2025 1:45:08 AM", "2025-03-16T01:45:08"),  # as MENAFN's pages print dates
    ("16/3/2025 13:45 GMT", "2025-03-16T13:45:00Z"),
    ("16.03.2025", "2025-03-16"), ("4.3.2025", "2025-03-04"),  # dots: day first
    ("5/5/2025", "2025-05-05"),
])
def test_dates(text: str, expected: str) -> None:
    found = parse_date(text)
    assert found is not None and front_matter_date(found) == expected


def test_impossible_and_partial_dates() -> None:
    with pytest.raises(ValueError):
        parse_date("31 February 2025")
    with pytest.raises(ValueError, match="could be the 3 of month 4 or the 4 of month 3"):
        parse_date("3/4/2025 1:45:08 AM")  # never guessed
    with pytest.raises(ValueError):
        parse_date("2/30/2025")
    with pytest.raises(ValueError, match="16 March 2025 is a Sunday, not a Monday"):
        parse_date("Monday 16 March 2025 01:33 GMT")  # the weekday or the day is wrong: never guessed
    assert parse_date("Sun., March 16, 2025") == date(2025, 3, 16)
    assert parse_date("3/16/25") is None and parse_date("1.5 million") is None
    assert parse_date("March 5") is None and parse_date("in 2025 or so") is None


def test_dateline_split() -> None:
    assert split_dateline("LONDON, March 5 (Reuters) - Text")[:2] == ("LONDON, March 5", "Reuters")
    assert split_dateline("Nothing here - Text") == ("", "", "Nothing here - Text")
    assert fix_glued("U.S. officials said.Then e.g. this") == "U.S. officials said. Then e.g. this"


@pytest.mark.parametrize("text", ["a *b* _c_ [x](javascript:alert(1))", "<script>alert(1)</script>",
                                  "1. not a list", "# not a heading", "&copy; stays", "back\\slash `x`",
                                  "## not a heading", "###", "---", "-- end"])
def test_escaped_text_renders_as_itself(text: str) -> None:
    html = render_markdown(escape_markdown(text)).html
    from html import unescape
    assert unescape(html.removeprefix("<p>").removesuffix("</p>\n")) == text


def jsonl_reasons(text: str) -> list[str]:
    return [f"{f.origin}: {f.reason}" for f in jsonl.parse_lines(text.encode(), "r.jsonl")
            if not isinstance(f, WireArticle)]


@pytest.mark.parametrize(("fields", "reason"), [
    ('"title": "T", "body": {"x": 1}', "body: expected text, got an object"),
    ('"title": ["list"], "body": "b"', "title: expected text, got a list"),
    ('"headline": true, "body": "b"', "headline: expected text, got true"),
    ('"title": "T", "body": "b", "id": {}', "id: expected text, got an object"),
    ('"title": "T", "body": "b", "tags": ["ok", null]', "tags: expected a name or a list of names, got null"),
    ('"title": "T", "body": "b", "id": NaN', 'id: NaN is not a JSON value; write "NaN" in quotes if it is text'),
    ('"title": "T", "body": "b", "guid": -Infinity',
     'guid: -Infinity is not a JSON value; write "-Infinity" in quotes if it is text'),
    # Found by a probe: a lone surrogate escape is valid JSON but no character; writing the file
    # raised UnicodeEncodeError, a traceback that ended the import after the records before it.
    ('"title": "T\\ud800", "body": "b"', "title: holds \\ud800, half of a surrogate pair, which is no "
     "character; expected text"),
    ('"title": "T", "body": "b", "tags": ["ok", "\\udfff"]', "tags: holds \\udfff, half of a surrogate pair, "
     "which is no character; expected a name or a list of names"),
])
def test_jsonl_wrong_types_are_named_not_taken_for_missing(fields: str, reason: str) -> None:
    assert jsonl_reasons('{"date": "2025-01-01", ' + fields + "}") == [f"r.jsonl:1: {reason}"]


def test_jsonl_numbers_are_kept_as_written() -> None:
    long_id = "1" * 5000  # over Python's 4,300-digit limit for int()
    found = jsonl.parse_lines(
        "".join('{"title": "T", "date": "2025-01-01", "body": "b", "id": ' + n + "}\n"
                for n in ("1e400", "0.10", "42", long_id)).encode(), "r.jsonl")
    assert [getattr(f, "source_id", f) for f in found] == ["1e400", "0.10", "42", long_id]


def test_a_json_array_gives_its_objects_with_their_lines() -> None:
    text = ('[\n  {"title": "A", "date": "2025-01-01", "body": "b"},\n  7,\n'
            '  {"title": "B",\n   "date": "2025-01-02", "body": "b"}\n]\n')
    found = jsonl.parse_lines(text.encode(), "r.json")
    assert [(f.origin, getattr(f, "title", None) or getattr(f, "reason", None)) for f in found] == [
        ("r.json:2", "A"), ("r.json:3", "expected a JSON object, got a number"), ("r.json:4", "B")]
    one_line = jsonl.parse_lines(b'[{"title": "A", "date": "2025-01-01", "body": "b"}]', "r.json")
    assert [getattr(f, "title", f) for f in one_line] == ["A"]


def test_a_json_array_keeps_the_limit_of_one_record() -> None:
    body = "word " * (MAX_INPUT_BYTES // 5 + 1)
    text = ('[{"title": "Big", "date": "2025-01-01", "body": "' + body + '"},\n'
            ' {"title": "Small", "date": "2025-01-01", "body": "b"}]')
    found = jsonl.parse_lines(text.encode(), "r.json")
    assert [(f.origin, getattr(f, "reason", None)) for f in found] == [
        ("r.json:1", f"record is over {MAX_INPUT_BYTES:,} characters"), ("r.json:2", None)]


@pytest.mark.parametrize(("text", "reason"), [
    ('[\n {"title": "A", "date": "2025-01-01", "body": "b"},\n {"title": "B" "body": "b"}\n]\n',
     "r.json:3: not valid JSON (Expecting ',' delimiter at column 16)"),
    ('[\n {"title": "A", "date": "2025-01-01", "body": "b"},\n]\n',
     "r.json:3: not valid JSON (Expecting value (a comma before ']') at column 1)"),
    ('[\n {"title": "A", "date": "2025-01-01", "body": "b"}\n',
     "r.json:3: not valid JSON (Expecting ',' delimiter at column 1)"),
    ('[]\n[]\n', "r.json:2: not valid JSON (Extra data after the JSON value at column 1)"),
    ('{\n  "title": "A",\n  "body": "b",\n}\n', "r.json:4: not valid JSON (Expecting property name"),
])
def test_a_broken_json_document_is_one_error_for_the_file(text: str, reason: str) -> None:
    [failure] = jsonl.parse_lines(text.encode(), "r.json")
    assert isinstance(failure, Failure) and f"{failure.origin}: {failure.reason}".startswith(reason)
    assert failure.reason.endswith("expected a JSON array of objects, or JSON Lines: one object per line")


def test_a_pretty_printed_object_is_one_record() -> None:
    [article] = jsonl.parse_lines(b'\n{\n  "title": "Pretty",\n  "date": "2025-01-01",\n  "body": "b"\n}\n',
                                  "r.json")
    assert isinstance(article, WireArticle) and (article.origin, article.title) == ("r.json:2", "Pretty")


def test_a_json_array_on_standard_input_is_detected() -> None:
    assert detect("-", b' [\n {"title": "A"}]') == "jsonl"
    assert detect("-", b"[Photo] Minister visits\n\nText") == "text"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32"])
@pytest.mark.parametrize(("text", "expected"), [
    ((WIRE / "01_menafn_provider.txt").read_text("utf-8"), "menafn"),
    ('{"title": "A", "date": "2025-01-01", "body": "b"}\n', "jsonl"),
    ("<!DOCTYPE html><html><body><p>Text</p></body></html>", "html"),
])
def test_a_byte_order_mark_does_not_hide_the_format(encoding: str, text: str, expected: str) -> None:
    # Windows saves "Unicode" text as UTF-16 with a BOM: read as bytes, a UTF-16 MENAFN file
    # showed no "(MENAFN" and was imported as other wire copy, its disclaimer and id in the body.
    data = (b"\xfe\xff" if encoding == "utf-16-be" else b"") + text.encode(encoding)  # the others write one
    assert detect("-", data) == expected
    if expected == "menafn":
        [article] = PARSERS[detect("wire.txt", data)](data, "wire.txt")
        assert article.source_id == "MENAFN04022025000049011008ID1109165234"


def test_html_paragraphs_without_end_punctuation_stay_apart() -> None:
    """Found by a probe: text extracted from HTML has a line per paragraph, and a paragraph with no
    end punctuation (a caption, a byline, a short line) was joined to the next as hard-wrapped
    plain text is."""
    page = (b"<html><head><title>Port traffic doubles in Jebel Ali</title></head><body><article>"
            b"<h1>Port traffic doubles in Jebel Ali</h1>"
            b"<p>Photo courtesy of the port authority showing the new container berths at night</p>"
            b"<p>Traffic at the port doubled in the first quarter, the authority said on Monday, citing "
            b"new shipping lines from Asia and a record month of March for container volumes.</p>"
            b"<p>The authority expects growth to continue through the year as new berths open.</p>"
            b"</article></body></html>")
    article = PARSERS["html"](page, "page.html")[0]
    assert article.paragraphs[0] == "Photo courtesy of the port authority showing the new container berths at night"
    assert article.paragraphs[1].startswith("Traffic at the port doubled")


@pytest.mark.parametrize(("items", "html"), [
    (["Intro.", "1. First", "2. Second", "3. Third"],
     "<p>Intro.</p>\n<ol>\n<li>First</li>\n<li>Second</li>\n<li>Third</li>\n</ol>\n"),
    (["3) Third", "4) Fourth"], '<ol start="3">\n<li>Third</li>\n<li>Fourth</li>\n</ol>\n'),
    (["1. One", "2. Two", "10. Ten"], "<ol>\n<li>One</li>\n<li>Two</li>\n</ol>\n<p>10. Ten</p>\n"),
    (["- Dot", "1. One"], "<ul>\n<li>Dot</li>\n</ul>\n<ol>\n<li>One</li>\n</ol>\n"),
])
def test_numbered_items_keep_their_numbers(items: list[str], html: str) -> None:
    """Found by a probe: numbered items were made bullets ("1. ... 10. ..." lost every number)."""
    assert render_markdown(body_markdown(items)).html == html


@pytest.mark.parametrize(("paragraphs", "kept", "agency"), [
    (["Text.", "Reuter"], ["Text."], "Reuters"),
    (["Text.", "REUTER"], ["Text."], "Reuters"),
    (["Text.", "-- AP"], ["Text."], "AP"),
    (["Text.", "(end)"], ["Text."], ""),
    (["Text.", "###"], ["Text."], ""),
    (["Pay Jan 15 Record Dec 11 Reuter"], ["Pay Jan 15 Record Dec 11"], "Reuters"),
    (["Text.", "Pay Jan 15 Record Dec 11 Reuter"], ["Text.", "Pay Jan 15 Record Dec 11"], "Reuters"),
    (["Text.", "He spoke to Reuters."], ["Text.", "He spoke to Reuters."], ""),
    (["Reuter"], ["Reuter"], ""),
    (["Text.", "REUTER", "Reuter"], ["Text."], "Reuters"),  # some 1987 copy signs off twice
    (["Text. REUTER", "Reuter"], ["Text."], "Reuters"),
])
def test_a_sign_off_ends_no_body(paragraphs: list[str], kept: list[str], agency: str) -> None:
    from builder.importer.text import sign_off
    assert sign_off(paragraphs) == (kept, agency)


@pytest.mark.parametrize(("byline", "name"), [
    ("By Patti Domm, Reuter", "Patti Domm"), ("by JANE DOE, The Associated Press", "Jane Doe"),
    ("Mary Clarkson", "Mary Clarkson"), ("Byron Smith", "Byron Smith"),
    # Found by a probe: two names in capitals stayed in capitals ("and" is not)
    ("By JOSH BOAK and CHRISTOPHER RUGABER, Associated Press", "Josh Boak and Christopher Rugaber"),
    ("By JANE DOE & JOHN ROE", "Jane Doe & John Roe"), ("By Ed van der Berg", "Ed van der Berg"),
])
def test_bylines_give_the_name(byline: str, name: str) -> None:
    from builder.importer.text import byline_name
    assert byline_name(byline) == name


@pytest.mark.parametrize(("field", "reason"), [
    ('"id": "X\\n---\\ntitle: hacked"', "id: 'X\\n---\\ntitle: hacked' contains a line break"),
    ('"source_id": "A\\u2028B"', "source_id: 'A\\u2028B' contains a line break"),
    ('"guid": "Y\\u0007"', "guid: 'Y\\x07' contains the control character U+0007"),
])
def test_jsonl_an_id_on_more_than_one_line_is_refused(field: str, reason: str) -> None:
    """Found by a probe: the importer finds a file again by its id on one line, so an id with a
    line break made a new file (-2, -3, ...) at every re-import."""
    [found] = jsonl_reasons('{"date": "2025-01-01", "title": "T", "body": "b", ' + field + "}")
    assert found.startswith(f"r.jsonl:1: {reason}; expected an id on one line")


def html_page(head: str) -> bytes:
    return (f"<!doctype html><html><head><title>Oil prices climb</title>{head}</head><body><article>"
            "<h1>Oil prices climb</h1><p>Oil prices climbed on Friday as supply fell, traders in London said, "
            "adding that demand was strong across Asia.</p><p>Brent crude rose two percent to its highest "
            "level this month, the data showed on Friday afternoon.</p></article></body></html>").encode()


@pytest.mark.parametrize("head", [
    '<meta property="article:published_time" content="2025-02-30T10:00:00Z">',
    '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2025-02-30"}</script>',
])
def test_html_an_impossible_date_in_the_page_is_refused_not_replaced(head: str) -> None:
    """Found by a probe: trafilatura turned 2025-02-30 into 2025-02-01, an invented date."""
    with pytest.raises(ParseError, match=r"date: '2025-02-30[^']*' \(.*\) is not a real date"):
        PARSERS["html"](html_page(head), "page.html")


def test_html_a_long_meta_attribute_is_read_in_linear_time() -> None:
    """Found by a probe: the pattern that finds a date meta tag backtracked over the attribute's
    every "date" or "time", and the patterns of meta and time tags ran from each "<meta" or
    "<time" to the page's end when no ">" closed it (48 kB took seconds, 4 MB would take hours)."""
    from builder.importer.formats.html import _page_dates

    for page in ('<meta name="' + "date" * 50_000 + ">", "<meta " * 20_000, "<time datetime=" * 20_000):
        started = time.perf_counter()
        assert _page_dates(page) == []
        assert time.perf_counter() - started < 1, page[:20]  # 30 s, 12 s and 30 s before; ms now
    assert _page_dates('<meta itemprop="datePublished" content="2025-02-27">') == [
        ("<meta datePublished>", "2025-02-27")]


def test_html_a_real_date_in_the_page_is_taken() -> None:
    head = '<meta property="article:published_time" content="2025-02-27T10:00:00Z">'
    assert PARSERS["html"](html_page(head), "page.html")[0].date == datetime(2025, 2, 27, 10, tzinfo=UTC)


@pytest.mark.parametrize(("zone", "offset"), [
    ("MST", -7), ("EAT", 3), ("WAT", 1), ("NZDT", 13), ("SAST", 2), ("AKST", -9), ("CAT", 2), ("HST", -10),
])
def test_common_zone_abbreviations_are_read(zone: str, offset: int) -> None:
    """Found by a probe: these were dropped, the time read in the site's zone, hours off."""
    found = parse_date(f"Saturday 22 March 2025 23:33 {zone}")
    assert found == datetime(2025, 3, 22, 23, 33, tzinfo=timezone(timedelta(hours=offset)))


@pytest.mark.parametrize(("zone", "reason"), [
    ("CST", "the time zone CST could be US Central Standard Time (UTC-6) or China Standard Time (UTC+8); "
            "write the offset in its place (UTC-6 or +08:00 instead of CST)"),
    ("XYZ", "the time zone XYZ is not one this importer knows; write the offset in its place (UTC+3 or "
            "-05:00 instead of XYZ)"),
    # Found by a probe: these gave Python's own words ("offset must be a timedelta strictly
    # between -timedelta(hours=24) and ..."), or took +5:75 for +6:15.
    ("GMT+99", "GMT+99 is no UTC offset; offsets run from -12:00 to +14:00"),
    ("UTC-24", "UTC-24 is no UTC offset; offsets run from -12:00 to +14:00"),
    ("GMT+5:75", "GMT+5:75 is no UTC offset; offsets run from -12:00 to +14:00"),
])
def test_an_ambiguous_or_unknown_zone_is_refused_not_dropped(tmp_path: Path, zone: str, reason: str) -> None:
    with pytest.raises(ValueError, match=re.escape(reason)):
        parse_date(f"Saturday 22 March 2025 23:33 {zone}")
    copy = tmp_path / "in.txt"
    copy.write_text(f"Saturday 22 March 2025 23:33 {zone}\n\nMarkets close\n\n(MENAFN) Stocks rose.\n")
    with pytest.raises(ParseError, match=re.escape(f"the date line 'Saturday 22 March 2025 23:33 {zone}': {reason}")):
        PARSERS["menafn"](copy.read_bytes(), str(copy))


def test_menafn_a_paragraph_opening_with_legal_disclaimer_is_kept_with_the_rest() -> None:
    """Found by a probe: a story paragraph opening 'Legal Disclaimer: ...' was taken for the
    trailer, and the rest of the article was silently dropped."""
    data = ("Saturday 22 March 2025 01:33 GMT\n\nCourt rules on fine print\n\n(MENAFN) First para.\n\n"
            "Legal Disclaimer: this paragraph is a real part of the story about fine print.\n\n"
            "The court ruled on Friday.\n\nMENAFN22032025000045015687ID1109310001\n\n"
            "Legal Disclaimer:\nMENAFN provides the information \u201cas is\u201d without warranty.\n").encode()
    [a] = PARSERS["menafn"](data, "x.txt")
    assert a.paragraphs == ("First para.", "Legal Disclaimer: this paragraph is a real part of the story "
                            "about fine print.", "The court ruled on Friday.")
    assert a.source_id == "MENAFN22032025000045015687ID1109310001"


def test_menafn_a_second_article_without_its_id_line_is_refused_not_glued() -> None:
    """Found by a probe: two stories pasted into one file, the second without its id line, became
    one article whose body held the second's date line, title and lead."""
    data = (b"Saturday 22 March 2025 01:33 GMT\n\nFirst title\n\n(MENAFN) First body.\n\n"
            b"MENAFN22032025000045015687ID1109310001\n\nSunday 23 March 2025 02:33 GMT\n\n"
            b"Second article title\n\n(MENAFN) Second body.\n")
    with pytest.raises(ParseError, match="two articles in one file: a date line") as raised:
        PARSERS["menafn"](data, "x.txt")
    assert raised.value.line == 9


def test_the_command_line_names_every_format_in_order() -> None:
    """cli's --format choices come from builder.importer.names, which imports no parser."""
    assert tuple(PARSERS) == FORMATS


@pytest.mark.parametrize(("head", "expected"), [
    # Found by a probe: a canonical URL with the day in it (/2023/11/02/) made htmldate prefer the
    # URL's day to published_time, written as midnight: "2 November 2023, 00:00 UTC", not 12:00.
    ('<link rel="canonical" href="https://x.example/2025/02/27/oil"><meta property="article:published_time" '
     'content="2025-02-27T12:00:00+00:00">', datetime(2025, 2, 27, 12, tzinfo=UTC)),
    ('<link rel="canonical" href="https://x.example/2025/02/27/oil">', date(2025, 2, 27)),  # a day, no time
    # htmldate completed a month alone with today's day of the month: no date, never invented
    ('<meta name="date" content="2025-02">', None),
])
def test_html_a_day_or_time_the_page_does_not_state_is_not_invented(head: str, expected: object) -> None:
    assert PARSERS["html"](html_page(head), "page.html")[0].date == expected


def test_html_byline_and_credits_are_no_part_of_the_body() -> None:
    """Found by a probe: "By ..." above the story, and "Reporting by ...", "Our Standards: ..." or
    AP's copyright below it, were the body's first and last paragraphs (and the dateline stayed)."""
    page = (b'<!doctype html><html><head><title>Oil prices climb</title><meta property="article:published_time" '
            b'content="2025-02-27T10:00:00Z"></head><body><article><h1>Oil prices climb</h1>'
            b"<p>By Jane Doe and John Roe</p><p>LONDON, Feb 27 (Reuters) - Oil prices climbed on Friday as supply "
            b"fell, traders said.</p><p>Brent crude rose two percent to its highest level this month.</p>"
            b"<p>Reporting by Jane Doe; Editing by Alex Smith</p><p>Our Standards: The Thomson Reuters Trust "
            b"Principles.</p></article></body></html>")
    [a] = PARSERS["html"](page, "page.html")
    assert (a.author, a.dateline, a.source) == ("Jane Doe and John Roe", "LONDON, Feb 27", "")
    assert a.paragraphs == ("Oil prices climbed on Friday as supply fell, traders said.",
                            "Brent crude rose two percent to its highest level this month.")


def test_html_page_read_in_the_encoding_its_meta_names() -> None:
    """Found by a probe: a Shift JIS page was read as Windows-1252 ("\u201c\u0152\u2039\u017e...")."""
    page = ("<html><head><meta charset='shift_jis'><title>\u6771\u4eac\u3067\u5730\u9707</title><meta "
            "property='article:published_time' content='2024-03-05T10:00:00+09:00'></head><body><article>"
            "<h1>\u6771\u4eac\u3067\u5730\u9707</h1><p>\u6771\u4eac\u30675\u65e5\u3001\u9707\u5ea64\u306e\u5730\u9707"
            "\u304c\u3042\u308a\u307e\u3057\u305f\u3002\u6d25\u6ce2\u306e\u5fc3\u914d\u306f\u3042\u308a\u307e\u305b"
            "\u3093\u3002</p></article></body></html>").encode("shift_jis")
    [a] = PARSERS["html"](page, "page.html")
    assert a.title == "\u6771\u4eac\u3067\u5730\u9707"


@pytest.mark.parametrize(("lead", "trailer", "expected_date", "dateline"), [
    # Found by a probe: Reuters brackets its credits, and writes "\u00a9 Thomson Reuters 2024"
    ("LONDON, June 3 (Reuters) - Oil rose.", "(Reporting by A B; Editing by C D)\n\u00a9 Thomson Reuters 2024",
     date(2024, 6, 3), "LONDON, June 3"),
    # a place with accented capitals, a "Published:" date line, and AP's "___" above its credits
    ("BOGOT\u00c1, Colombia (AP) \u2014 Talks resumed.", "___\n\nAssociated Press writer A B contributed to this "
     "report.", date(2024, 3, 5), "BOGOT\u00c1, Colombia"),
])
def test_wire_credits_copyright_and_dateline(lead: str, trailer: str, expected_date: date, dateline: str) -> None:
    data = f"Talks resume\n\nPublished: March 5, 2024\n\n{lead}\n\nMore talks.\n\n{trailer}\n".encode()
    if "Reuters" in lead:
        data = data.replace(b"Published: March 5, 2024\n\n", b"")
    [a] = PARSERS["text"](data, "a.txt")
    assert (a.date, a.dateline) == (expected_date, dateline)
    assert a.paragraphs[-1] == "More talks."


def test_menafn_a_disclaimer_heading_in_the_story_keeps_the_rest_and_the_id() -> None:
    """Found by a probe: a press release's own "Disclaimer:" heading alone on its line, before
    the id line and MENAFN's "Legal Disclaimer:", was taken for the trailer: the release's last
    paragraphs were dropped and the id line with them (the article got a copy_hash, so a corrected
    version became a second file)."""
    data = ("Saturday 22 March 2025 01:33 GMT\n\nToken sale opens\n\n(MENAFN- Newsfile) The sale opened.\n\n"
            "Disclaimer:\nThis is a sponsored press release. Readers should do their own research.\n\n"
            "MENAFN22032025000045015687ID1109310001\n\n"
            "Legal Disclaimer:\nMENAFN provides the information \u201cas is\u201d without warranty.\n\n"
            "Search\n").encode()
    [a] = PARSERS["menafn"](data, "x.txt")
    assert a.source_id == "MENAFN22032025000045015687ID1109310001"
    assert a.paragraphs[0] == "The sale opened."
    assert "sponsored press release" in " ".join(a.paragraphs)
    assert "MENAFN provides" not in " ".join(a.paragraphs)


def test_menafn_a_story_sentence_quoting_the_disclaimer_keeps_the_id() -> None:
    data = ("Saturday 22 March 2025 01:33 GMT\n\nFirm jokes\n\n(MENAFN) First para.\n\n"
            "MENAFN provides the information as is, the firm joked.\n\n"
            "MENAFN22032025000045015687ID1109310002\n\n"
            "Legal Disclaimer:\nMENAFN provides the information \u201cas is\u201d without warranty.\n").encode()
    [a] = PARSERS["menafn"](data, "x.txt")
    assert a.source_id == "MENAFN22032025000045015687ID1109310002"
    assert a.paragraphs == ("First para.", "MENAFN provides the information as is, the firm joked.")


def test_menafn_text_after_the_id_line_without_a_known_disclaimer_is_left_out_and_said() -> None:
    """Found by a probe: a reworded disclaimer after the id line ("MENAFN provides this content
    as is...") matched no trailer pattern and became the article's last paragraph (and the
    summary of a one-paragraph story). The id line closes a MENAFN story."""
    data = ("Saturday 22 March 2025 01:33 GMT\n\nOil output rises\n\n(MENAFN) Output rose.\n\n"
            "MENAFN22032025000045015687ID1109310003\n\n"
            "MENAFN provides this content \u201cas is\u201d without warranty of any kind.\n").encode()
    [a] = PARSERS["menafn"](data, "x.txt")
    assert (a.paragraphs, a.source_id) == (("Output rose.",), "MENAFN22032025000045015687ID1109310003")
    assert a.notes == ("line 9: the text after the id line left out, taken for MENAFN's disclaimer "
                       "('MENAFN provides this content \u201cas is\u201d without warranty of ...')",)


def test_menafn_a_date_line_after_the_id_line_is_still_a_second_article() -> None:
    data = (b"Saturday 22 March 2025 01:33 GMT\n\nOil output rises\n\n(MENAFN) Output rose.\n\n"
            b"MENAFN22032025000045015687ID1109310003\n\n"
            b"Sunday 23 March 2025 02:00 GMT\n\nSecond story\n\n(MENAFN) More.\n")
    with pytest.raises(ParseError, match="two articles in one file: a date line"):
        PARSERS["menafn"](data, "x.txt")


def test_menafn_a_damaged_id_line_is_left_out_of_the_body_and_said() -> None:
    """Found by a probe: an id line with a stray letter ("...4501X687ID11093") was kept as the
    body's last paragraph, and the article lost its source_id without a word."""
    data = (b"Saturday 22 March 2025 01:33 GMT\n\nOil output rises\n\n(MENAFN) Output rose.\n\n"
            b"MENAFN1603202500004501X687ID11093\n\n"
            b"Legal notice: MENAFN supplies this information as is.\n")
    [a] = PARSERS["menafn"](data, "x.txt")
    assert (a.paragraphs, a.source_id) == (("Output rose.",), "")
    assert a.notes[0] == ("line 7: 'MENAFN1603202500004501X687ID11093' looks like an id line but is not one "
                          "(expected MENAFN, digits, ID, digits); left out of the body, and the article has "
                          "no source_id")
    assert a.notes[1].startswith("line 9: the text after the id line left out")


def test_menafn_the_title_repeated_after_the_lead_tag_is_dropped() -> None:
    """Found by a probe: "(MENAFN- KUNA) Kuwait oil output rises" on a line of its own, the story
    below, kept the title as the body's first paragraph (it was dropped only before the tag)."""
    data = (b"Saturday 22 March 2025 01:33 GMT\n\nKuwait oil output rises\n\n(MENAFN- KUNA) Kuwait oil output rises\n\n"
            b"KUWAIT, March 22 (KUNA) -- Output rose.\n\nMENAFN22032025000045015687ID1109310004\n")
    [a] = PARSERS["menafn"](data, "x.txt")
    assert (a.provider, a.dateline, a.paragraphs) == ("KUNA", "KUWAIT, March 22", ("Output rose.",))
    sentence = data.replace(b"(MENAFN- KUNA) Kuwait oil output rises\n", b"(MENAFN- KUNA) Kuwait oil output rises.\n")
    [b] = PARSERS["menafn"](sentence, "x.txt")  # (a sentence with the title's words is the story's)
    assert b.paragraphs[0] == "Kuwait oil output rises."
