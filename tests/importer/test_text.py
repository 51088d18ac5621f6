"""Text helpers of the importer: all-capitals headlines written as their bodies write words."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.importer import run
from builder.importer.text import decode, decoded, headline_case, paragraphs_of
from tests.importer.test_import import do_import, front


@pytest.mark.parametrize(("title", "body", "expected"), [
    ("BAHIA COCOA REVIEW", "Showers continued in the Bahia cocoa zone, Comissaria Smith said in its weekly review.",
     "Bahia cocoa review"),
    ("U.S. TRADE DEFICIT WIDENS IN JANUARY", "The U.S. trade deficit widened in January, officials said.",
     "U.S. trade deficit widens in January"),
    # a word only seen opening a sentence is an ordinary one, unless it has inner capitals
    ("IBM SEES HIGHER PROFITS", "Profits will rise. IBM expects more. Higher sales help.", "IBM sees higher profits"),
    ("SHOWERS IN U.S. MIDWEST", "Showers fell in the U.S. Midwest.", "Showers in U.S. Midwest"),
    ("BAKER SAYS DOLLAR STABLE", "Mr. Baker said the dollar was stable.", "Baker says dollar stable"),
    ('"CHIRAC" VISIT TO BONN', "Prime Minister Jacques Chirac will visit Bonn.", '"Chirac" visit to Bonn'),
    # tickers, abbreviations and figures as written; countries named only in the headline
    ("AMERICAN MOTORS <AMO> TALKS", "American Motors Corp broke off talks.", "American Motors <AMO> talks"),
    ("AT&T BUYS 747-400'S", "The company bought aircraft.", "AT&T buys 747-400's"),
    ("HOECHST TO WORK WITH JAPAN FIRMS", "Hoechst will work with Japanese firms.", "Hoechst to work with Japan firms"),
    ("TRADING ON SINGAPORE'S MARKET", "Trading was delayed.", "Trading on Singapore's market"),
    ("DEFICIT NARROWS IN FEB", "The deficit narrowed.", "Deficit narrows in Feb"),
    ("FARMER-OWNED RESERVE, NASDAQ/LONDON", "The farmer-owned reserve and Nasdaq.",
     "Farmer-owned reserve, Nasdaq/london"),
    # left as they are: a title with lower case, or a body in capitals too
    ("Mixed Case Title", "Some body text.", "Mixed Case Title"),
    ("ALL CAPS TITLE", "ALL CAPS BODY TOO.", "ALL CAPS TITLE"),
    ("1987/88", "Figures.", "1987/88"),
    ("NATO", "The alliance met.", "NATO"),
    ("\u0642\u0645\u0629 NATO \u0641\u064a \u0644\u0627\u0647\u0627\u064a", "\u0627\u0644\u062d\u0644\u0641 met.",
     "\u0642\u0645\u0629 NATO \u0641\u064a \u0644\u0627\u0647\u0627\u064a"),
])
def test_headline_case(title: str, body: str, expected: str) -> None:
    assert headline_case(title, [body]) == expected


def test_an_all_capitals_headline_is_imported_in_headline_case(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"title": "SAUDI ARABIA REITERATES COMMITMENT TO OPEC PACT", "date": "1987-03-01T10:00:00",'
                      ' "body": "Saudi Arabia reiterated its commitment to the OPEC pact, the minister said."}\n')
    report = do_import(tmp_path, source)
    [path] = [o.path for o in report.outcomes if o.status == "created"]
    assert front(tmp_path / path)["title"] == "Saudi Arabia reiterates commitment to OPEC pact"
    assert path.endswith("/saudi-arabia-reiterates-commitment-to-opec-pact.md")


def test_copy_imported_in_capitals_before_is_updated_not_imported_twice(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Copy without a source id is found again by its title and date: an all-capitals title
    imported before headline case must find its file, not make a second one beside it."""
    source = tmp_path / "in.jsonl"
    source.write_text('{"title": "COCOA TALKS RESUME", "date": "1987-03-01T10:00:00",'
                      ' "body": "Cocoa talks resumed in London on Monday, delegates said."}\n')
    with monkeypatch.context() as patched:
        patched.setattr(run, "headline_case", lambda title, paragraphs: title)  # as before
        [first] = do_import(tmp_path, source).outcomes
    assert first.status == "created" and front(tmp_path / first.path)["title"] == "COCOA TALKS RESUME"
    [again] = do_import(tmp_path, source).outcomes
    assert (again.status, again.path) == ("updated", first.path)
    assert front(tmp_path / first.path)["title"] == "Cocoa talks resume"
    assert len(list((tmp_path / "content").rglob("cocoa-talks-resume*.md"))) == 1


LATIN = ("Saturday 22 March 2025 01:33 GMT\n\nCafé owners in São Paulo protest\n\n(MENAFN) Café owners in São Paulo "
         "said on Friday that crème and crêpes prices rose, José Müller told reporters.\n")


@pytest.mark.parametrize(("text", "encoding"), [
    (LATIN, "latin-1"),
    ("Hungary's Viktor Orbán said on Friday the EU should end sanctions.", "cp1252"),
    ("Die Regierung erhöht die Förderung für Elektroautos, sagte Müller \u201cheute\u201d \u2013 5½°C.", "cp1252"),
    ("As informações da região e ações do governo não são públicas.", "cp1252"),
    ("Президент России Владимир Путин заявил в пятницу, что переговоры продолжатся.", "cp1251"),
    ("Zażółć gęślą jaźń. Premier Polski powiedział w piątek, że rząd obniży podatki.", "cp1250"),
    ("Türkiye Cumhurbaşkanı Erdoğan cuma günü yaptığı açıklamada ekonominin büyüyeceğini söyledi.", "cp1254"),  # noqa: RUF001
])
def test_text_that_is_not_utf8_is_read_as_western_unless_it_reads_as_another(text: str, encoding: str) -> None:
    """Found by a probe: charset-normalizer alone read Latin-1 as cp1250 ("Săo Paulo") and
    "Orbán" as cp1257 ("Orbįn")."""
    assert decode(text.encode(encoding)) == text


def test_utf8_mixed_with_windows_1252_reads_each_part_in_its_own() -> None:
    """Found by a probe: copy pasted together from a UTF-8 and a Windows-1252 source read as
    cp1250 as a whole ("Sp\u0102\u00a9aking"), or as 1252 its UTF-8 part would be "Sp\u00c3\u00a9aking"."""
    text = "Speaking in S\u00e3o Paulo, Orb\u00e1n said \u201cno\u201d to the caf\u00e9 owners\u2019 plea."
    data = text.replace("\u201cno\u201d to the caf\u00e9", "{}").encode("utf-8").replace(
        b"{}", "\u201cno\u201d to the caf\u00e9".encode("cp1252"))
    assert decoded(data) == (text, "UTF-8 mixed with Windows-1252")
    cyrillic = "\u041f\u0440\u0435\u0437\u0438\u0434\u0435\u043d\u0442 \u0420\u043e\u0441\u0441\u0438\u0438 " * 5
    assert decoded(cyrillic.encode("cp1251"))[0] == cyrillic  # still told by charset-normalizer


def test_windows_1252_with_a_byte_it_leaves_undefined_is_still_read_as_windows_1252() -> None:
    """Found by a probe: one stray 0x81, 0x8D, 0x8F, 0x90 or 0x9D (Latin-1's C1 controls, which
    Windows-1252 leaves undefined) failed the strict decode, and the whole article was read as
    charset-normalizer's cp852: "Russia\u2019s" came out "Russia\u013as". Browsers read them as
    those controls (WHATWG), which copy never keeps."""
    text = "Hungary\u2019s Viktor Orb\u00e1n said \u201cno\u201d on Friday, as \u00e9lite caf\u00e9s closed."
    data = text.encode("cp1252").replace(b"said", b"sa\x81id\x9d")
    assert decoded(data) == (text, "Windows-1252")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_read(encoding: str) -> None:
    """Found by a probe: UTF-16 was refused as binary, its NUL bytes checked before its BOM."""
    data = ("\ufeff" if encoding.endswith("-be") else "") + "March 5, 2025\n\nTitle here\n\nBody text.\n"
    assert decode(data.encode(encoding)) == "March 5, 2025\n\nTitle here\n\nBody text.\n"


def test_an_input_that_is_not_utf8_names_the_encoding_assumed(tmp_path: Path) -> None:
    source = tmp_path / "latin1.txt"
    source.write_bytes(LATIN.encode("latin-1"))
    report = do_import(tmp_path, source)
    assert report.warnings == [f"{source}: not UTF-8; read as Windows-1252"]
    assert front(tmp_path / report.outcomes[0].path)["title"] == "Café owners in São Paulo protest"


def test_a_wrapped_line_ending_in_an_initial_or_initialism_ends_no_paragraph() -> None:
    """Found by a probe: 184 of the first 2,761 Reuters stories were cut mid-sentence at lines
    ending 'Kenneth J.' or 'the U.S.' (and 'Kenneth J' became an actor)."""
    lines = ["Minstar Inc said Kenneth J.", "Severinson was named president, the U.S.",
             "Agriculture Department said on Friday.", "A new paragraph."]
    assert paragraphs_of(lines) == ["Minstar Inc said Kenneth J. Severinson was named president, the U.S. "
                                    "Agriculture Department said on Friday.", "A new paragraph."]


def test_copy_that_indents_its_paragraphs_is_split_at_the_indents_only() -> None:
    """Reuters indents each paragraph: a line that happens to end a sentence is where the wrap
    fell, not a paragraph's end."""
    lines = ["Showers continued in", "the zone, said the review.", "    The dry period means",
             "the crop will be late.", "Again it seems so.", "    Third."]
    assert paragraphs_of(lines) == ["Showers continued in the zone, said the review.",
                                    "The dry period means the crop will be late. Again it seems so.", "Third."]


def test_a_ticker_in_an_all_capitals_headline_stays_as_it_is() -> None:
    """Found by a probe: 'DOW <DOW> TO OFFER...' became 'Dow <Dow> to offer...': the ticker took
    the body's spelling of the company's name."""
    body = ["Dow Chemical Co said it would offer 130 mln Swiss francs of notes."]
    assert headline_case("DOW <DOW> TO OFFER 130 MLN DLRS IN SWISS NOTES", body).startswith("Dow <DOW> to offer")


@pytest.mark.parametrize(("ending", "blank"), [("\x85", "\x85\x85"), ("\u2028", "\u2029"), ("\x0b", "\x0c\x0c")])
def test_other_line_ends_end_lines_and_keep_words_apart(ending: str, blank: str) -> None:
    """Found by a probe: NEL (EBCDIC's line end), Unicode's line and paragraph separators, and the
    vertical tab and form feed (Word's manual line break, a page break) were deleted as control
    characters or kept inside a line: "said.\\x85The" became "said.The", and a MENAFN file with
    NEL line ends was one line, refused as having no body."""
    text = f"March 5, 2025{blank}Title here{blank}First line{ending}goes on.{blank}Body text.{ending}"
    assert decode(text.encode("utf-8")) == "March 5, 2025\n\nTitle here\n\nFirst line\ngoes on.\n\nBody text.\n"


def test_a_menafn_file_with_nel_line_ends_is_imported(tmp_path: Path) -> None:
    sample = Path(__file__).parent / "fixtures" / "wire" / "01_menafn_provider.txt"
    source = tmp_path / "nel.txt"
    source.write_bytes(sample.read_text("utf-8").replace("\n", "\x85").encode("utf-8"))
    report = do_import(tmp_path, source)
    assert report.count("created") == 1, report.summary()
    [path] = (tmp_path / "content").glob("20*/*/*.md")
    assert front(path)["source_id"] == "MENAFN04022025000049011008ID1109165234"


def test_rows_apart_by_pipes_stay_a_table() -> None:
    """Found by a probe: "Item | 2024 | 2025" / "Revenue | 18.7 | 19.2" on single lines were joined
    into one line of text, as wrapped lines are; rows aligned by spaces already stayed a table."""
    lines = ["Figures for the year:", "", "Item | 2024 | 2025", "Revenue | 18.7 | 19.2", "Spending | 5.1 | 6.0",
             "", "Either way, a | b is no table."]
    assert paragraphs_of(lines) == ["Figures for the year:",
                                    "\x1dItem | 2024 | 2025\nRevenue | 18.7 | 19.2\nSpending | 5.1 | 6.0",
                                    "Either way, a | b is no table."]
