"""Each input format parses our own fixture wire texts into the expected fields."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from builder.importer.dates import front_matter_date, parse_date
from builder.importer.formats import PARSERS, detect, jsonl
from builder.importer.record import ParseError, WireArticle
from builder.importer.text import HEADING_MARK, escape_markdown, fix_glued, split_dateline
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


def test_legacy_encoding() -> None:
    assert parse("16_cp1252.txt").title == "Café owners in Tunis protest new tax"


@pytest.mark.parametrize(("text", "expected"), [
    ("Saturday 22 March 2025 01:33 GMT", "2025-03-22T01:33:00Z"),
    ("March 5, 2025 10:15 AM EST", "2025-03-05T15:15:00Z"),
    ("Sunday 5 January 2025 14:00 GMT+3", "2025-01-05T11:00:00Z"),
    ("22 March 2025", "2025-03-22"),
    ("2025-03-22T10:00:00+03:00", "2025-03-22T07:00:00Z"),
    ("Tues. Sept. 2, 2025 9:05 pm", "2025-09-02T21:05"),
])
def test_dates(text: str, expected: str) -> None:
    found = parse_date(text)
    assert found is not None and front_matter_date(found) == expected


def test_impossible_and_partial_dates() -> None:
    with pytest.raises(ValueError):
        parse_date("31 February 2025")
    assert parse_date("March 5") is None and parse_date("in 2025 or so") is None


def test_dateline_split() -> None:
    assert split_dateline("LONDON, March 5 (Reuters) - Text")[:2] == ("LONDON, March 5", "Reuters")
    assert split_dateline("Nothing here - Text") == ("", "", "Nothing here - Text")
    assert fix_glued("U.S. officials said.Then e.g. this") == "U.S. officials said. Then e.g. this"


@pytest.mark.parametrize("text", ["a *b* _c_ [x](javascript:alert(1))", "<script>alert(1)</script>",
                                  "1. not a list", "# not a heading", "&copy; stays", "back\\slash `x`"])
def test_escaped_text_renders_as_itself(text: str) -> None:
    html = render_markdown(escape_markdown(text)).html
    from html import unescape
    assert unescape(html.removeprefix("<p>").removesuffix("</p>\n")) == text
