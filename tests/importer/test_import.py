"""``archive import`` end to end: files written, idempotence, no clobbering, and a clean build."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import feedparser
import pytest
import yaml

from builder.importer import emit
from builder.importer.run import ImportOptions, ImportReport, run_import
from builder.importer.text import language_of
from tests.helpers import RecordedProgress, build_site

WIRE = Path(__file__).parent / "fixtures" / "wire"
SEED = Path(__file__).parent / "fixtures" / "seed_menafn.txt"
SLUG = "bloc-director-thinks-nato-nations-should-restore-relations-with-russia"


def do_import(root: Path, *paths: Path | str, **options: object) -> ImportReport:
    return run_import(ImportOptions(root=root, paths=tuple(str(p) for p in paths), workers=1,
                                    **options))  # type: ignore[arg-type]


def front(path: Path) -> dict[str, object]:
    loaded = yaml.safe_load(path.read_text("utf-8").split("---")[1])
    assert isinstance(loaded, dict)
    return loaded


def only(report: ImportReport, status: str) -> list[str]:
    return [o.path for o in report.outcomes if o.status == status]


def test_seed_article_imports_like_the_bundled_one(tmp_path: Path) -> None:
    report = do_import(tmp_path, SEED)
    [written] = only(report, "created")
    assert written == f"content/2025/03/{SLUG}.md"
    meta = front(tmp_path / written)
    assert meta["title"] == "Bloc director thinks NATO nations should restore relations with Russia"
    assert meta["date"] == "2025-03-22T01:33:00Z" or str(meta["date"]).startswith("2025-03-22 01:33")
    assert (meta["source"], meta["source_id"]) == ("MENAFN", "MENAFN16032025000045015687ID1109319523")
    actors = meta["actors"]
    assert isinstance(actors, list)
    for name in ("Mark Rutte", "Donald Trump", "Vladimir Putin", "Viktor Orban", "Robert Fico"):
        assert name in actors
    body = (tmp_path / written).read_text("utf-8").split("---", 2)[2]
    assert "Russia is not going anywhere" in body and "Legal Disclaimer" not in body
    again = do_import(tmp_path, SEED)
    assert [o.status for o in again.outcomes] == ["unchanged"]


def test_fixture_set_imports_as_expected(tmp_path: Path) -> None:
    report = do_import(tmp_path, WIRE)
    failed = {Path(o.origin).name for o in report.outcomes if o.status == "failed"}
    assert failed == {"06_menafn_no_date.txt", "11_records.jsonl:3", "11_records.jsonl:4", "12_empty.txt",
                      "13_binary.txt:1", "14_truncated.txt", "15_no_title.txt"}
    assert report.count("created") == 12
    assert "no date" in next(o.reason for o in report.outcomes if "06_" in o.origin)
    result = build_site(tmp_path)
    assert result.articles == 12


def test_date_option_supplies_a_missing_date(tmp_path: Path) -> None:
    report = do_import(tmp_path, WIRE / "06_menafn_no_date.txt", date=date(2025, 4, 1))
    [written] = only(report, "created")
    assert written.startswith("content/2025/04/") and str(front(tmp_path / written)["date"]) == "2025-04-01"


def test_same_source_id_updates_its_own_file(tmp_path: Path) -> None:
    do_import(tmp_path, SEED)
    changed = tmp_path / "changed.txt"
    changed.write_text(SEED.read_text("utf-8").replace("Bloc director thinks", "Alliance chief says"))
    report = do_import(tmp_path, changed)
    assert only(report, "updated") == [f"content/2025/03/{SLUG}.md"]
    assert len(list((tmp_path / "content" / "2025").rglob("*.md"))) == 1


def test_a_corrected_headline_keeps_the_articles_url(tmp_path: Path) -> None:
    """Found by a probe: the same source id with a corrected headline moved the article to the new
    headline's URL, and every link to the old one broke (the build only warned, and only when a
    previous build was there to compare with)."""
    [written] = only(do_import(tmp_path, SEED), "created")
    changed = tmp_path / "changed.txt"
    changed.write_text(SEED.read_text("utf-8").replace("Bloc director thinks", "Alliance chief says"))
    assert only(do_import(tmp_path, changed), "updated") == [written]
    meta = front(tmp_path / written)
    assert (meta["title"], meta["slug"]) == ("Alliance chief says NATO nations should restore relations with "
                                             "Russia", SLUG)
    build_site(tmp_path, search=False)
    assert (tmp_path / "site" / "2025" / "03" / "22" / SLUG / "index.html").is_file()
    assert only(do_import(tmp_path, changed), "unchanged") == [written]


def test_a_corrected_date_keeps_the_old_url_as_an_alias(tmp_path: Path) -> None:
    """Found by a probe: the same source id with a corrected date moved the article to another
    day's URL, and every link to the old one broke (the build only warned)."""
    [written] = only(do_import(tmp_path, SEED), "created")
    changed = tmp_path / "changed.txt"
    changed.write_text(SEED.read_text("utf-8").replace("Saturday 22 March 2025", "Sunday 23 March 2025"))
    assert only(do_import(tmp_path, changed), "updated") == [written]
    assert front(tmp_path / written)["aliases"] == [f"/2025/03/22/{SLUG}/"]
    result = build_site(tmp_path, search=False)
    assert result.warnings == []
    old = (tmp_path / "site" / "2025" / "03" / "22" / SLUG / "index.html").read_text()
    assert f'url=/2025/03/23/{SLUG}/"' in old  # the old URL leads to the new one
    assert only(do_import(tmp_path, changed), "unchanged") == [written]
    assert only(do_import(tmp_path, SEED), "updated") == [written]  # corrected back: both URLs kept, once each
    assert front(tmp_path / written)["aliases"] == [f"/2025/03/23/{SLUG}/"]
    assert build_site(tmp_path, search=False).warnings == []


def test_a_date_corrected_twice_keeps_the_first_url_first_so_the_feed_id_stays(tmp_path: Path) -> None:
    """Found by a probe: a second date correction wrote the URL just left before the older ones
    (``aliases: [/2025/03/23/..., /2025/03/22/...]``), and the feed entry's id, its first old URL,
    changed: feed readers showed the story again (RFC 4287, section 4.2.6: an id never changes)."""
    [written] = only(do_import(tmp_path, SEED), "created")
    build_site(tmp_path, base_url="https://user.github.io/repo/", search=False)
    first_id = feedparser.parse((tmp_path / "site" / "feed.xml").read_bytes()).entries[0].id
    for day in ("Sunday 23 March 2025", "Monday 24 March 2025"):
        changed = tmp_path / "changed.txt"
        changed.write_text(SEED.read_text("utf-8").replace("Saturday 22 March 2025", day))
        assert only(do_import(tmp_path, changed), "updated") == [written]
    assert front(tmp_path / written)["aliases"] == [f"/2025/03/22/{SLUG}/", f"/2025/03/23/{SLUG}/"]
    build_site(tmp_path, base_url="https://user.github.io/repo/", search=False)
    entry = feedparser.parse((tmp_path / "site" / "feed.xml").read_bytes()).entries[0]
    assert entry.id == first_id == f"https://user.github.io/repo/2025/03/22/{SLUG}/"
    assert entry.link == f"https://user.github.io/repo/2025/03/24/{SLUG}/"


def test_one_source_id_twice_in_one_import_is_a_warning(tmp_path: Path) -> None:
    """Found by a probe: two records with one id in one run silently gave one file, the later."""
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "X2", "title": "Oil rises", "date": "2024-03-31", "body": "Oil rose."}\n'
                      '{"id": "X2", "title": "Oil rises", "date": "2024-03-31", "body": "Oil rose again."}\n')
    report = do_import(tmp_path, source)
    assert report.warnings == [f"{source}:2: source_id 'X2' was given by {source}:1 too, in this import: "
                               "the later one updates the file"]
    assert [o.status for o in report.outcomes] == ["created", "updated"]


def test_a_source_id_given_by_a_record_that_failed_is_no_duplicate(tmp_path: Path) -> None:
    """Found by a probe: a record that failed (no date) still counted as the first to give its id,
    and the good one after it was warned as a duplicate of a file never written."""
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "X3", "title": "Oil rises", "body": "Oil rose."}\n'
                      '{"id": "X3", "title": "Oil rises", "date": "2024-03-31", "body": "Oil rose."}\n')
    report = do_import(tmp_path, source)
    assert [o.status for o in report.outcomes] == ["failed", "created"]
    assert report.warnings == []


def test_utf8_encoded_twice_is_read_as_first_written_with_a_warning(tmp_path: Path) -> None:
    """Found by a probe: "CafÃ© owner in SÃ£o Paulo" (UTF-8 read as Windows-1252, saved again) was
    imported as it was, slug "cafa-c-owner-in-sapso-paulo", without a word."""
    text = "Café owner in São Paulo\n\nSÃO PAULO, March 5, 2024 (AP) \u2014 The “café” closed.\n"
    twice = "".join(chr(byte) if byte in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([byte]).decode("cp1252")
                    for byte in text.encode("utf-8"))
    source = tmp_path / "in.txt"
    source.write_text(twice, "utf-8")
    report = do_import(tmp_path, source)
    assert report.warnings == [f"{source}: UTF-8 encoded twice ('CafÃ©' for 'Café'); read as first written"]
    [written] = only(report, "created")
    assert written == "content/2024/03/cafe-owner-in-sao-paulo.md"
    assert "The “café” closed." in (tmp_path / written).read_text("utf-8")


def test_utf8_encoded_twice_in_one_record_of_json_lines_is_repaired(tmp_path: Path) -> None:
    """Found by a probe: JSON escapes such text ("\\u00c3\\u00a9"), and a correct record beside it
    ("Zürich") made the whole file's check give up: neither was repaired nor told."""
    twice = "Café été doubled".encode().decode("cp1252")
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "1", "title": twice, "date": "2024-03-05", "body": f"{twice}."}) + "\n"
                      + json.dumps({"id": "2", "title": "Zürich talks", "date": "2024-03-05", "body": "Zürich."},
                                   ensure_ascii=False) + "\n", "utf-8")
    report = do_import(tmp_path, source)
    assert report.warnings == [f"{source}:1: UTF-8 encoded twice ('CafÃ©' for 'Café'); read as first written"]
    assert sorted(only(report, "created")) == ["content/2024/03/cafe-ete-doubled.md", "content/2024/03/zurich-talks.md"]
    assert "Café été doubled." in (tmp_path / "content/2024/03/cafe-ete-doubled.md").read_text("utf-8")


def test_edited_file_is_never_overwritten_without_force(tmp_path: Path) -> None:
    [written] = only(do_import(tmp_path, SEED), "created")
    path = tmp_path / written
    path.write_text(path.read_text("utf-8").replace("Russia is not going anywhere", "EDITED"))
    changed = tmp_path / "changed.txt"
    changed.write_text(SEED.read_text("utf-8").replace("gradually normalize", "slowly normalize"))
    report = do_import(tmp_path, changed)
    assert only(report, "skipped") == [written] and "EDITED" in path.read_text("utf-8")
    forced = do_import(tmp_path, changed, force=True)
    assert only(forced, "updated") == [written] and "EDITED" not in path.read_text("utf-8")
    # Said (found by a probe: "1 updated" alone, the editor's changes gone without a word).
    assert [o.reason for o in forced.outcomes] == ["an editor's changes to it were overwritten (--force)"]
    again = do_import(tmp_path, SEED, force=True)  # (the file is the importer's own again: nothing to say)
    assert [(o.status, o.reason) for o in again.outcomes] == [("updated", "")]


def test_an_editors_own_file_with_the_source_id_is_never_overwritten_even_with_force(tmp_path: Path) -> None:
    """Found reading the README ("an editor's own file ... is never taken for an imported one,
    even with --force"): a file without an import_hash that carries the copy's source_id was
    replaced by --force, the editor's text gone."""
    [written] = only(do_import(tmp_path, SEED), "created")
    path = tmp_path / written
    text = re.sub(r"^import_hash: .*\n", "", path.read_text("utf-8"), flags=re.MULTILINE)
    path.write_text(text + "\nMy own paragraph.\n", "utf-8")
    for force in (False, True):
        report = do_import(tmp_path, SEED, force=force)
        [outcome] = report.outcomes
        assert (outcome.status, outcome.path) == ("skipped", written)
        assert outcome.reason == ("an editor's own file (no import_hash) holds this source_id; the importer "
                                  "never writes over it, even with --force")
        assert path.read_text("utf-8").endswith("My own paragraph.\n")


@pytest.mark.parametrize("editor_own", [False, True])
def test_a_file_saved_in_another_encoding_is_never_overwritten(tmp_path: Path, editor_own: bool) -> None:
    """Found by a probe: an imported file an editor saved as Windows-1252 ("café"), or an
    editor's own file in it carrying the copy's source_id, was replaced by the next import
    without a word: it could not be read as UTF-8, so it counted as no file at all."""
    [written] = only(do_import(tmp_path, SEED), "created")
    path = tmp_path / written
    text = path.read_text("utf-8").replace("Russia is not going anywhere", "Café edit")
    if editor_own:
        text = re.sub(r"^import_hash: .*\n", "", text, flags=re.MULTILINE)
    path.write_bytes(text.encode("cp1252"))
    saved = path.read_bytes()
    changed = tmp_path / "changed.txt"
    changed.write_text(SEED.read_text("utf-8").replace("gradually normalize", "slowly normalize"))
    for force in (False, True):
        [outcome] = do_import(tmp_path, changed, force=force).outcomes
        assert (outcome.status, outcome.path) == ("skipped", written)
        assert outcome.reason.startswith("its file is not UTF-8 text")
        assert path.read_bytes() == saved


@pytest.mark.parametrize("encoding", ["crlf", "bom"])
def test_an_edited_file_with_crlf_or_a_byte_order_mark_is_still_its_articles(tmp_path: Path, encoding: str) -> None:
    """Found by a probe: an imported file an editor saved with Windows line ends (or a byte order
    mark) was not recognised by its source_id, and the next import wrote the article again
    beside it (slug-2.md): the same article published twice."""
    [written] = only(do_import(tmp_path, SEED), "created")
    path = tmp_path / written
    text = path.read_text("utf-8") + "\nAn editor's paragraph.\n"
    path.write_bytes(text.replace("\n", "\r\n").encode() if encoding == "crlf" else b"\xef\xbb\xbf" + text.encode())
    [outcome] = do_import(tmp_path, SEED).outcomes
    assert (outcome.status, outcome.path, outcome.reason) == ("skipped", written,
                                                              "edited since import; use --force to overwrite")
    assert [p.name for p in (tmp_path / "content" / "2025").rglob("*.md")] == [path.name]


def test_every_error_of_a_file_is_said_at_once_with_its_line(tmp_path: Path) -> None:
    """Found by a probe: a file with a wrong weekday, a 600-character title and a second id line
    took three runs to show three errors, one per run, and the title's had no line."""
    lines = SEED.read_text("utf-8").splitlines()
    title_line = next(n for n, line in enumerate(lines, start=1) if line.startswith("Bloc director"))
    lines[0] = "Friday 22 March 2025 01:33 GMT"  # a Saturday
    lines[title_line - 1] = "Talks " * 100
    broken = tmp_path / "broken.txt"
    broken.write_text("\n".join(lines).replace("MENAFN16032025000045015687ID1109319523",
                                               "MENAFN16032025000045015687ID1109319523\n\nMENAFN1\n"
                                               "MENAFN17032025000045015687ID1109319524", 1), "utf-8")
    [outcome] = do_import(tmp_path, broken).outcomes  # one input failed, for all these reasons
    first, *others = outcome.reason.split("\n")
    said = [f"{outcome.origin}: {first}", *others]
    assert outcome.status == "failed" and len(said) == 3, said
    assert any(line.startswith(f"{broken}:1: ") and "is not a real date" in line and "Friday" in line
               for line in said), said
    assert f"{broken}:{title_line}: the title is 599 characters long; the limit is 500" in said
    assert any(re.match(rf"{re.escape(str(broken))}:\d+: two articles in one file", line) for line in said), said


def test_files_a_folder_holds_that_are_not_read_are_said(tmp_path: Path) -> None:
    """Found reading the README: a folder of .xml or .md wire files imported "0 articles" without
    a word of why."""
    wire = tmp_path / "wire"
    wire.mkdir()
    (wire / "a.xml").write_text("<x/>")
    (wire / "b.xml").write_text("<x/>")
    (wire / "notes.md").write_text("notes")
    (wire / ".hidden.xml").write_text("<x/>")
    report = do_import(tmp_path, wire)
    assert report.outcomes == []
    assert report.warnings == [f"{wire}: 3 files not read (.md, .xml): from a folder only .txt, .text, .html, "
                               ".htm, .jsonl, .ndjson, .json files and files without a suffix are read; name a "
                               "file to read it whatever its suffix"]


def test_a_root_that_does_not_exist_is_said_in_a_dry_run_too(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    """Found following the README ("--root naming a folder that does not exist yet says a new
    project is made there"): a dry run, the first thing to try with a new --root, said nothing."""
    from builder.cli import main

    missing = tmp_path / "typo"
    assert main(["import", "--quiet", "--dry-run", "--root", str(missing), str(SEED)]) == 0
    assert f"note: {missing} does not exist: the import would make a new project there" in capsys.readouterr().err
    assert not missing.exists()
    assert main(["import", "--quiet", "--root", str(missing), str(SEED)]) == 0
    assert f"note: {missing} did not exist: a new project is made there" in capsys.readouterr().err


def test_failures_are_printed_in_the_order_of_their_inputs(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """Found trying the README's JSON Lines: a record without a date was reported after the
    records further down that were no JSON, whatever their lines."""
    from builder.importer.run import print_report

    good = '{"title": "Grain talks", "date": "2025-03-20", "body": "Ministers met in Geneva."}'
    records = [good, '{"title": "No date", "body": "Text."}', "not json", *[good] * 7, "not json"]
    (tmp_path / "in.jsonl").write_text("\n".join(records) + "\n")
    print_report(do_import(tmp_path, tmp_path / "in.jsonl", dry_run=True))
    lines = [line.split(": ")[0] for line in capsys.readouterr().err.splitlines()]
    assert lines == [f"{tmp_path / 'in.jsonl'}:{n}" for n in (2, 3, 11)]


def test_same_title_on_different_days_gets_distinct_slugs(tmp_path: Path) -> None:
    text = (WIRE / "03_menafn_glued_no_id.txt").read_text("utf-8")
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(text)
    second.write_text(text.replace("Monday 10 March 2025", "Tuesday 11 March 2025"))
    report = do_import(tmp_path, first, second)
    paths = only(report, "created")
    assert len(paths) == 2 and len(set(paths)) == 2
    build = build_site(tmp_path)
    assert build.articles == 2


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    report = do_import(tmp_path, WIRE, dry_run=True)
    assert report.count("created") == 12
    assert not (tmp_path / "content").exists()


def test_a_dry_run_says_so_and_names_the_profiles_it_would_write(tmp_path: Path) -> None:
    """Found by a probe: a dry run printed 'imported 1 article: 1 created' and listed no
    profile, as if it had written them."""
    dry = do_import(tmp_path, WIRE, dry_run=True)
    assert dry.summary().startswith("dry run, nothing written: would import 12 of 19 articles: 12 created")
    assert not (tmp_path / "content").exists()
    real = do_import(tmp_path, WIRE)
    assert dry.profiles_created and dry.profiles_created == real.profiles_created
    assert real.summary().startswith("imported 12 of 19 articles: 12 created")


def test_the_summary_counts_only_what_was_imported_as_imported(tmp_path: Path) -> None:
    """Found trying the README: an input that failed alone ended "imported 1 article: 0 created,
    ..., 1 failed", which reads as a success."""
    failed = do_import(tmp_path, tmp_path / "missing.txt")
    assert failed.summary() == "imported 0 of 1 article: 0 created, 0 updated, 0 unchanged, 0 skipped, 1 failed"
    done = do_import(tmp_path, SEED)
    assert done.summary() == "imported 1 article: 1 created, 0 updated, 0 unchanged, 0 skipped, 0 failed"


def test_a_dry_run_counts_what_the_import_would_do(tmp_path: Path) -> None:
    """Found by a probe: the same article twice (one id) was "2 created" in a dry run and
    "1 created, 1 unchanged" for real; an update of it, "created" twice."""
    source = tmp_path / "in.jsonl"
    line = '{"title": "Same story", "date": "2025-06-01", "body": "%s", "id": "ID-1"}'
    source.write_bytes(records(line % "First.", line % "First.", line % "Corrected."))
    dry = do_import(tmp_path, source, dry_run=True)
    assert not (tmp_path / "content").exists()
    real = do_import(tmp_path, source)
    assert statuses(dry) == statuses(real) == [("created", ""), ("unchanged", ""), ("updated", "")]


def test_new_actors_get_profile_stubs_and_existing_profiles_win(tmp_path: Path) -> None:
    profile = tmp_path / "content" / "actors" / "donald-trump.md"
    profile.parent.mkdir(parents=True)
    profile.write_text("---\nname: Donald J. Trump\nkind: person\naliases: [Donald Trump, Trump]\n---\n")
    report = do_import(tmp_path, SEED)
    meta = front(tmp_path / only(report, "created")[0])
    assert "Donald J. Trump" in meta["actors"]  # type: ignore[operator]
    stub = tmp_path / "content" / "actors" / "mark-rutte.md"
    assert "content/actors/mark-rutte.md" in report.profiles_created
    stub_meta = front(stub)
    assert (stub_meta["name"], stub_meta["kind"]) == ("Mark Rutte", "person")
    assert "Rutte" in stub_meta["aliases"]  # type: ignore[operator]
    assert profile.read_text().startswith("---\nname: Donald J. Trump")


def test_cli_reads_standard_input_and_reports(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "builder", "import", "--root", str(tmp_path), "-"],
                          input=SEED.read_bytes(), capture_output=True, check=False)
    assert done.returncode == 0, done.stderr
    assert b"imported 1 article: 1 created, 0 updated, 0 unchanged, 0 skipped, 0 failed" in done.stdout
    bad = subprocess.run([sys.executable, "-m", "builder", "import", "--root", str(tmp_path),
                          str(WIRE / "12_empty.txt"), str(WIRE / "01_menafn_provider.txt")],
                         capture_output=True, text=True, check=False)
    assert bad.returncode == 1
    assert "12_empty.txt: empty input" in bad.stderr and "1 created" in bad.stdout


@pytest.mark.parametrize("workers", [2])
def test_parallel_import_matches_serial(tmp_path: Path, workers: int) -> None:
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    many = tmp_path / "many"
    many.mkdir()
    for i in range(70):  # above the pool threshold
        (many / f"{i:03d}.txt").write_text(SEED.read_text("utf-8").replace(
            "MENAFN16032025000045015687ID1109319523", f"MENAFN16032025000045015687ID{i:010d}")
            .replace("Bloc director thinks", f"Story {i}: bloc director thinks"))
    do_import(serial, many)
    run_import(ImportOptions(root=parallel, paths=(str(many),), workers=workers))
    files = sorted(p.relative_to(serial) for p in serial.rglob("*.md"))
    assert files == sorted(p.relative_to(parallel) for p in parallel.rglob("*.md"))
    assert all((serial / f).read_bytes() == (parallel / f).read_bytes() for f in files)


def test_reimport_is_unchanged_even_after_profile_stubs_were_written(tmp_path: Path) -> None:
    recognise = Path(__file__).parent / "fixtures" / "recognise"
    first = do_import(tmp_path, WIRE, recognise, date=date(2025, 1, 1))
    assert first.profiles_created and first.count("created") > 40
    again = do_import(tmp_path, WIRE, recognise, date=date(2025, 1, 1))
    assert again.count("created") == again.count("updated") == 0
    assert again.count("unchanged") == first.count("created")


def test_profile_stubs_never_share_a_spelling_and_the_import_builds(tmp_path: Path) -> None:
    first = tmp_path / "one.txt"
    first.write_text("Monday 10 March 2025 10:00 GMT\n\nTaylor and Taylor meet\n\n"
                     "Finance Minister Alex Taylor met central bank governor Allan Taylor on Monday. "
                     "Taylor said the talks went well.\n")
    second = tmp_path / "two.txt"
    second.write_text("Tuesday 11 March 2025 10:00 GMT\n\nTaylor speaks again\n\n"
                      "Central bank governor Allan Taylor said on Tuesday rates would stay on hold. "
                      "Taylor added that inflation was easing.\n")
    do_import(tmp_path, first, second)
    profiles = [front(p) for p in (tmp_path / "content" / "actors").glob("*.md")]
    spellings = [str(s).casefold() for p in profiles for s in [p["name"], *p.get("aliases", [])]]  # type: ignore[list-item]
    assert len(spellings) == len(set(spellings)), spellings
    assert build_site(tmp_path, search=False).articles == 2


def records(*lines: str) -> bytes:
    return "".join(line + "\n" for line in lines).encode()


def statuses(report: ImportReport) -> list[tuple[str, str]]:
    return [(o.status, o.reason) for o in report.outcomes]


@pytest.mark.parametrize("umask", [0o022, 0o027])
def test_imported_files_get_the_mode_open_would_give(tmp_path: Path, umask: int) -> None:
    previous = os.umask(umask)
    try:
        report = do_import(tmp_path, SEED)
        reference = tmp_path / "made-by-open.txt"
        reference.write_text("x")
    finally:
        os.umask(previous)
    written = [tmp_path / only(report, "created")[0], *(tmp_path / p for p in report.profiles_created)]
    expected = stat.S_IMODE(reference.stat().st_mode)
    assert expected == 0o666 & ~umask
    assert {stat.S_IMODE(p.stat().st_mode) for p in written} == {expected}


@pytest.mark.parametrize("dry_run", [False, True])
def test_a_file_where_a_folder_belongs_fails_that_article_only(tmp_path: Path, dry_run: bool) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "2024").write_text("notes")
    source = tmp_path / "in.jsonl"
    source.write_bytes(records(
        '{"title": "Fine one", "date": "2025-06-01", "body": "b", "id": "F1"}',
        '{"title": "Blocked", "date": "2024-05-01", "body": "b", "id": "B1"}',
        '{"title": "Fine two", "date": "2025-06-02", "body": "b", "id": "F2"}'))
    report = do_import(tmp_path, source, dry_run=dry_run)
    assert statuses(report) == [
        ("created", ""),
        ("failed", "cannot write content/2024/05/blocked.md: content/2024 is a file, not a folder"),
        ("created", "")]
    assert (tmp_path / "content" / "2024").read_text() == "notes"
    assert (tmp_path / "content" / "2025" / "06" / "fine-two.md").exists() is not dry_run


def test_a_file_where_the_actors_folder_belongs_is_a_warning(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "actors").write_text("notes")
    report = do_import(tmp_path, SEED)
    assert report.count("created") == 1 and report.profiles_created == []
    assert report.warnings == ["no actor profile stubs written: content/actors is a file, not a folder"]


def run_cli(root: Path, *paths: str, stdin: bytes = b"") -> subprocess.CompletedProcess[str]:
    """The CLI in a child process with a time limit: a test of a hang must not hang the tests."""
    return subprocess.run([sys.executable, "-m", "builder", "import", "--root", str(root), "--dry-run", *paths],
                          input=stdin.decode(), capture_output=True, text=True, check=False, timeout=60)


def test_pipes_and_devices_are_reported_never_opened(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    os.mkfifo(inbox / "waiting.txt")  # opening it would block: no one ever writes to it
    (inbox / "story.txt").write_bytes(SEED.read_bytes())
    done = run_cli(tmp_path, str(inbox), os.devnull)
    assert f"{inbox / 'waiting.txt'}: a named pipe, not a regular file; not read" in done.stderr
    assert f"{os.devnull}: a device, not a file or folder; not read" in done.stderr
    assert "1 created" in done.stdout and "2 failed" in done.stdout


def test_a_pipe_given_by_name_is_read_like_standard_input(tmp_path: Path) -> None:
    done = run_cli(tmp_path, "/dev/stdin", stdin=SEED.read_bytes())  # a pipe from subprocess
    assert done.returncode == 0, done.stderr
    assert "would import 1 article: 1 created" in done.stdout


def test_a_source_url_the_build_would_refuse_is_left_out_with_a_warning(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(records(
        '{"title": "Script link", "date": "2025-06-01", "body": "b", "url": "javascript:alert(1)"}',
        '{"title": "Site path", "date": "2025-06-01", "body": "b", "url": "/2025/other/"}',
        '{"title": "Web link", "date": "2025-06-01", "body": "b", "url": "https://example.org/a"}'))
    report = do_import(tmp_path, source)
    assert report.count("created") == 3
    assert report.warnings == [
        f"{source}:1: url 'javascript:alert(1)' left out (the article's source_url): expected an http(s) "
        "address of at most 2,000 characters",
        f"{source}:2: url '/2025/other/' left out (the article's source_url): expected an http(s) address "
        "of at most 2,000 characters"]
    urls = [front(tmp_path / p).get("source_url") for p in only(report, "created")]
    assert urls == [None, None, "https://example.org/a"]
    assert build_site(tmp_path, search=False).articles == 3


def test_the_importer_writes_no_file_the_build_would_refuse(tmp_path: Path) -> None:
    """A title, a source or an id over the model's limits was written, and the next build failed
    on the file: such a record now fails the import, with the build's reason."""
    source = tmp_path / "in.jsonl"
    source.write_bytes(records(
        '{"title": "' + "Long " * 120 + '", "date": "2025-06-01", "body": "b"}',
        '{"title": "Big id", "date": "2025-06-01", "body": "b", "id": ' + "7" * 5000 + '}',
        '{"title": "Fine", "date": "2025-06-01", "body": "b"}'))
    report = do_import(tmp_path, source)
    failed = [o.reason for o in report.outcomes if o.status == "failed"]
    assert len(failed) == 2 and report.count("created") == 1
    assert failed[0].startswith("the build would refuse it: title:") and "500" in failed[0]
    assert failed[1].startswith("the build would refuse it: source_id:")
    assert len(list((tmp_path / "content").rglob("*.md"))) == 1
    assert build_site(tmp_path, search=False).articles == 1


def test_a_json_array_file_imports_each_object(tmp_path: Path) -> None:
    source = tmp_path / "export.json"
    source.write_text('[\n  {"title": "First", "date": "2025-06-01", "body": "b"},\n'
                      '  {"title": "Second", "date": "2025-06-02", "body": "b"}\n]\n')
    report = do_import(tmp_path, source)
    assert [(o.origin, o.status) for o in report.outcomes] == [(f"{source}:2", "created"),
                                                              (f"{source}:3", "created")]


def test_a_title_whose_file_names_are_all_taken_fails_that_article_only(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past slug-9999 the search for a free file name raised an error no caller caught, and the
    whole import stopped with a traceback."""
    monkeypatch.setattr("builder.importer.run.MAX_SAME_NAME", 3)
    source = tmp_path / "in.jsonl"
    source.write_bytes(records(*(
        f'{{"title": "Same title", "date": "2025-06-0{day}", "body": "b", "id": "ID-{day}"}}'
        for day in (1, 2, 3)), '{"title": "Other", "date": "2025-06-04", "body": "b"}'))
    report = do_import(tmp_path, source)
    assert [o.status for o in report.outcomes] == ["created", "created", "failed", "created"]
    assert "same-title.md, same-title-2.md" in report.outcomes[2].reason
    assert build_site(tmp_path, search=False).articles == 3


def menafn_copy(title: str, body: str, trailer: str = "Legal Disclaimer:\nMENAFN provides the information "
                "\u201cas is\u201d without warranty of any kind.\n") -> str:
    return (f"Saturday 22 March 2025 01:33 GMT\n\n{title}\n\n\n{body}\n\n"
            f"MENAFN22032025000045015687ID1109300001\n\n\n{trailer}\nSearch\n")


def test_the_title_repeated_as_the_first_body_line_is_dropped(tmp_path: Path) -> None:
    """MENAFN copy often repeats the title above the lead: it stayed in the body, and the lead tag
    and dateline under it were left in the text (no provider, no dateline)."""
    source = tmp_path / "in.txt"
    source.write_text(menafn_copy("Kuwait oil output rises in March", "KUWAIT OIL OUTPUT RISES IN MARCH.\n\n"
                                  "(MENAFN- KUNA) KUWAIT, March 22 (KUNA) -- Output rose, the ministry said.\n\n"
                                  "The corporation gave no figures."))
    [written] = only(do_import(tmp_path, source), "created")
    meta = front(tmp_path / written)
    assert (meta["provider"], meta["dateline"]) == ("KUNA", "KUWAIT, March 22")
    body = (tmp_path / written).read_text("utf-8").split("---", 2)[2]
    assert body.strip().startswith("Output rose, the ministry said.")
    assert "MENAFN" not in body and "OUTPUT RISES" not in body


def test_a_disclaimer_in_other_words_is_no_part_of_the_body(tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    source.write_text(menafn_copy("Central bank holds rates", "(MENAFN- Khaleej Times) The bank held rates.",
                                  "Disclaimer: MENAFN provides the information as is without warranty.\n"))
    [written] = only(do_import(tmp_path, source), "created")
    body = (tmp_path / written).read_text("utf-8").split("---", 2)[2]
    assert body.strip() == "The bank held rates."


def test_two_articles_in_one_menafn_file_are_refused_not_glued_or_dropped(tmp_path: Path) -> None:
    """Found by a probe: with no disclaimer between them the second article was glued to the first
    (its date line, title and lead in the body, its id winning); after the disclaimer it was
    dropped. Both were "1 created", without a word."""
    first = menafn_copy("Central bank holds rates", "(MENAFN) The bank held rates.", trailer="")
    second = menafn_copy("Oil output rises", "(MENAFN) Output rose.").replace("ID1109300001", "ID1109300002")
    glued, after = tmp_path / "glued.txt", tmp_path / "after.txt"
    glued.write_text(first + "\n" + second)
    after.write_text(menafn_copy("Central bank holds rates", "(MENAFN) The bank held rates.") + "\n" + second)
    report = do_import(tmp_path, glued, after)
    assert [o.status for o in report.outcomes] == ["failed", "failed"]
    assert all("two articles in one file" in o.reason and "MENAFN22032025000045015687ID1109300002" in o.reason
               for o in report.outcomes)
    assert not (tmp_path / "content").exists()
    same = tmp_path / "same.txt"  # the one id line twice (a page's header and footer): one article
    copy = menafn_copy("Central bank holds rates", "(MENAFN) The bank held rates.")
    same.write_text("MENAFN22032025000045015687ID1109300001\n\n" + copy)
    assert do_import(tmp_path, same).count("created") == 1
    related = tmp_path / "related.txt"  # a saved page's related stories after the disclaimer: no article
    related.write_text(copy + "\nRelated\nOil output rises\nMENAFN22032025000045015687ID1109300009\n")
    assert do_import(tmp_path, related).count("unchanged") == 1


@pytest.mark.parametrize("date_line", ["Monday 16 March 2025 01:33 GMT", "3/4/2025 1:45:08 AM"])
def test_a_wrong_date_line_in_plain_wire_copy_is_refused_not_taken_for_the_title(
        tmp_path: Path, date_line: str) -> None:
    """Found in review: plain-text copy (not MENAFN's) swallowed the error of a date line that is
    not a real date, and took the line for the title (the real title went into the body)."""
    source = tmp_path / "in.txt"
    source.write_text(f"{date_line}\n\nStorm hits coast\n\nLONDON (Reuters) - A storm hit the coast.\n")
    report = do_import(tmp_path, source, format="text", date=date(2025, 3, 1))
    [outcome] = report.outcomes
    assert outcome.status == "failed" and "is not a real date" in outcome.reason, outcome


def test_a_dateline_day_that_contradicts_the_given_date_is_refused(tmp_path: Path) -> None:
    """Found by a probe: copy with no year ("New Delhi, May 28 (PTI)") imported with --date
    2024-01-17 was dated 17 January without a word, against its own dateline."""
    source = tmp_path / "in.txt"
    source.write_text("Storm hits coast\n\nLONDON, May 28 (Reuters) - A storm hit the coast.\n")
    [outcome] = do_import(tmp_path, source, format="text", date=date(2024, 1, 17)).outcomes
    assert (outcome.status, outcome.reason) == ("failed", "its dateline 'LONDON, May 28' gives another day than "
                                                "--date 2024-01-17: give its day (--date 2024-05-28), or import "
                                                "it on its own")
    [written] = only(do_import(tmp_path, source, format="text", date=date(2024, 5, 28)), "created")
    assert front(tmp_path / written)["date"] == date(2024, 5, 28)


def test_a_numeric_date_line_is_read_when_unambiguous_and_refused_when_not(tmp_path: Path) -> None:
    """Found by a probe: "3/16/2025 1:45:08 AM" (as MENAFN's pages print dates) was no date, and
    with --date it became the title, the real title the first body line."""
    plain = menafn_copy("Central bank holds rates", "(MENAFN) The bank held rates.")
    clear, unclear = tmp_path / "clear.txt", tmp_path / "unclear.txt"
    clear.write_text(plain.replace("Saturday 22 March 2025 01:33 GMT", "3/16/2025 1:45:08 AM"))
    unclear.write_text(plain.replace("Saturday 22 March 2025 01:33 GMT", "3/4/2025 1:45:08 AM"))
    report = do_import(tmp_path, clear, unclear)
    [written] = only(report, "created")
    assert (front(tmp_path / written)["title"], front(tmp_path / written)["date"]) == \
        ("Central bank holds rates", datetime(2025, 3, 16, 1, 45, 8))
    [failed] = [o.reason for o in report.outcomes if o.status == "failed"]
    assert "3/4/2025" in failed and "write the month in words, or give --date" in failed


def test_the_lead_tag_under_a_photo_credit_and_a_dateline_with_its_year(tmp_path: Path) -> None:
    """Found by a probe: a "Photo: WAM" line above the lead kept the "(MENAFN- ...)" tag and the
    dateline in the body, and "ABU DHABI, 22nd March, 2025 (WAM) --" was no dateline."""
    source = tmp_path / "in.txt"
    source.write_text(menafn_copy("Abu Dhabi opens new port", "Photo: WAM\n\n(MENAFN- Emirates News Agency) "
                                  "ABU DHABI, 22nd March, 2025 (WAM) -- The port opened on Saturday."))
    [written] = only(do_import(tmp_path, source), "created")
    meta = front(tmp_path / written)
    assert (meta["provider"], meta["dateline"]) == ("Emirates News Agency", "ABU DHABI, 22nd March, 2025")
    body = (tmp_path / written).read_text("utf-8").split("---", 2)[2]
    assert " ".join(body.split()) == "Photo: WAM The port opened on Saturday."


def test_tabs_and_runs_of_spaces_in_a_title_become_one_space(tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    source.write_text(menafn_copy("Central\tbank  holds\u00a0 rates ", "(MENAFN) The bank held rates."))
    wire = tmp_path / "wire.txt"  # other wires' plain text too
    wire.write_text("Storm\t hits  coast\n\nMarch 5, 2025\n\nLONDON (AP) \u2014 A storm hit the coast.\n")
    written = only(do_import(tmp_path, source, wire), "created")
    assert [front(tmp_path / w)["title"] for w in written] == ["Central bank holds rates", "Storm hits coast"]


def test_heading_and_rule_marks_in_copy_stay_text_on_the_page(tmp_path: Path) -> None:
    """'## Word', '###' and '---' alone on a line became a heading, an empty heading and a rule:
    only a lone '# ' or '- ' was escaped. ('###' ending the copy is an end mark: test_formats.)"""
    source = tmp_path / "in.txt"
    source.write_text(menafn_copy("Marks in copy", "(MENAFN) The lead.\n\n## Not a heading\n\n---\n\n"
                                  "###\n\nThe end."))
    assert only(do_import(tmp_path, source), "created") == ["content/2025/03/marks-in-copy.md"]
    assert build_site(tmp_path, search=False).articles == 1
    page = (tmp_path / "site" / "2025" / "03" / "22" / "marks-in-copy" / "index.html").read_text("utf-8")
    body = page.split('<div class="body prose">', 1)[1].split("</div>", 1)[0]
    assert "<h" not in body and "<hr" not in body
    assert "<p>## Not a heading</p>" in body and "<p>---</p>" in body and "<p>###</p>" in body


ARABIC = "قالت مصر إن العمل مع الشركاء بشأن نقص المياه سيستمر، وأضافت أن المحادثات كانت مثمرة."
PERSIAN = "ایران روز یکشنبه اعلام کرد که گفتگوها با آژانس بین‌المللی انرژی اتمی ادامه خواهد یافت."
URDU = "پاکستان کے وزیر اعظم نے کہا ہے کہ مذاکرات جاری رہیں گے اور کوئی فیصلہ جلد متوقع نہیں\u06d4"


@pytest.mark.parametrize(("text", "expected"), [
    (ARABIC, "ar"), (PERSIAN, "fa"), (URDU, "ur"), ("ישראל הודיעה כי השיחות יימשכו בשבוע הבא.", "he"),
    ("هەرێمی کوردستان ڕایگەیاند کە دانوستانەکان بەردەوام دەبن", "ckb"),
    ("د افغانستان حکومت وویل چې خبرې اترې به دوام ومومي او ښځې به ګډون وکړي", "ps"),
    ("דער פּרעזידענט האָט געזאָגט אַז די שמועסן װעלן זיך ממשיך זײַן", "yi"),
    # Arabic typed on a Persian keyboard (its yeh and kaf throughout): teh marbuta says Arabic
    ("قالت الحكومة المصرية إن الشراکة مع گوگل مستمرة وإن الخطة الاقتصادیة الجديدة ستطبق", "ar"),
    ("Egypt warns the UN over water shortages.", ""), ("Путин заявил, что переговоры продолжатся.", ""),
    ("Egypt (مصر) warns the United Nations over water shortages in Cairo and Alexandria.", ""),
    ("مصر تحذر الأمم المتحدة من نقص المياه في قمة گروپ العشرين. " + ARABIC * 4, "ar"),  # one Persian letter
])
def test_the_language_of_right_to_left_copy_is_told_by_its_letters(text: str, expected: str) -> None:
    assert language_of(text) == expected


def test_arabic_copy_is_imported_with_its_language_and_marked_on_its_page(tmp_path: Path) -> None:
    """MENAFN carries Arabic copy too: its file says `language: ar` (unless the site is Arabic),
    and the build marks the text (lang, dir) for screen readers and right-to-left layout."""
    source = tmp_path / "in.jsonl"
    source.write_bytes(records(
        json.dumps({"title": "مصر تحذر الأمم المتحدة من نقص المياه", "date": "2025-06-01", "body": ARABIC,
                    "id": "AR-1"}, ensure_ascii=False),
        '{"title": "Egypt warns over water", "date": "2025-06-02", "body": "Cairo said so.", "id": "EN-1"}'))
    report = do_import(tmp_path, source)
    arabic, english = (tmp_path / p for p in only(report, "created"))
    assert front(arabic)["language"] == "ar" and "language" not in front(english)
    build_site(tmp_path, search=False)
    [page] = (tmp_path / "site" / "2025" / "06" / "01").glob("*/index.html")
    assert '<div class="body prose" lang="ar" dir="rtl" data-pagefind-meta="language[lang]">' in page.read_text()
    arabic_site = tmp_path / "arabic-site"
    (arabic_site / "pyproject.toml").parent.mkdir()
    (arabic_site / "pyproject.toml").write_text('[tool.archive]\nlanguage = "ar"\n')
    report = do_import(arabic_site, source)
    assert all("language" not in front(arabic_site / p) for p in only(report, "created"))  # the site's own
    egyptian_site = tmp_path / "egyptian-site"  # found in review: "ar" copy on an "ar-EG" site is its own
    (egyptian_site / "pyproject.toml").parent.mkdir()
    (egyptian_site / "pyproject.toml").write_text('[tool.archive]\nlanguage = "ar-EG"\n')
    report = do_import(egyptian_site, source)
    assert all("language" not in front(egyptian_site / p) for p in only(report, "created"))


# Reuters-21578's shape (1987): paragraphs start indented, continuation lines do not; earnings
# briefs are one short line a figure; price tables line up columns with spaces; "Reuter" signs off.
REUTERS_1987 = [
    {"title": "COBANCO INC <CBCO> YEAR NET", "date": "1987-02-26T15:18:59", "author": "By Patti Domm, Reuter",
     "body": "Shr 34 cts vs 1.19 dlrs\n    Net 807,000 vs 2,858,000\n    Assets 510.2 mln vs 479.7 mln\n"
             "    Note: Year includes 1985\nextraordinary gain of 132,000 dlrs.\n Reuter\n"},
    {"title": "ASCS TERMINAL MARKET VALUES", "date": "1987-02-26T16:32:51",
     "body": "The service set these values, effective through the\nnext business day.  Prices are in dollars.\n"
             "     WHEAT     HRW   HRS    SRW\n Chicago       --    3.04   2.98\n Baltimore/\n"
             " Norf./Phil.   --    --     3.06\n Toledo        --    3.04   2.98\n"
             "Qtly div 17 cts vs 17 cts prior Pay Jan 15 Record Dec 11 Reuter\n"},
]


def test_reuters_1987_copy_keeps_its_paragraphs_tables_and_no_sign_off(tmp_path: Path) -> None:
    records = tmp_path / "reuters.jsonl"
    records.write_text("".join(json.dumps(r) + "\n" for r in REUTERS_1987), "utf-8")
    root = tmp_path / "site"
    report = do_import(root, records)
    assert report.count("created") == 2
    brief = root / "content/1987/02/cobanco-inc-cbco-year-net.md"
    body = brief.read_text("utf-8").split("---", 2)[2]
    assert body.strip().split("\n\n") == ["Shr 34 cts vs 1.19 dlrs", "Net 807,000 vs 2,858,000",
                                          "Assets 510.2 mln vs 479.7 mln",
                                          "Note: Year includes 1985 extraordinary gain of 132,000 dlrs."]
    assert (front(brief)["source"], front(brief)["author"]) == ("Reuters", "Patti Domm")  # from the sign-off
    table = (root / "content/1987/02/ascs-terminal-market-values.md").read_text("utf-8").split("---", 2)[2]
    assert ("```\n    WHEAT     HRW   HRS    SRW\nChicago       --    3.04   2.98\nBaltimore/\n"
            "Norf./Phil.   --    --     3.06\nToledo        --    3.04   2.98\n```") in table
    assert "Prices are in dollars.\n\n```" in table  # a sentence's double space is no column
    assert table.rstrip().endswith("Record Dec 11") and "Reuter" not in table  # glued to the last row
    assert "actors" not in front(root / "content/1987/02/ascs-terminal-market-values.md")  # "HRW": wheat
    result = build_site(root)
    page = (root / "site/1987/02/26/ascs-terminal-market-values/index.html").read_text("utf-8")
    assert "<pre tabindex=\"0\"><code>    WHEAT     HRW" in page and result.articles == 2


def test_a_records_own_actor_codes_join_the_names_the_text_gives(tmp_path: Path) -> None:
    """Reuters-21578 lists 'people' and 'orgs' as lower-case codes ('volcker', 'de-la-madrid'):
    each became an actor of its own (120 such), beside 'Paul Volcker' found in the text."""
    record = {"title": "VOLCKER SAYS DEBT TALKS GO ON", "date": "1987-03-02", "people": ["volcker", "de-la-madrid"],
              "orgs": ["gatt", "worldbank"],
              "body": "Federal Reserve Board Chairman Paul Volcker said talks with President Miguel de la Madrid "
                      "would go on. Volcker said GATT rules applied.\n"}
    records = tmp_path / "r.jsonl"
    records.write_text(json.dumps(record) + "\n", "utf-8")
    assert do_import(tmp_path, records).count("created") == 1
    actors = front(next((tmp_path / "content/1987/03").glob("*.md")))["actors"]
    assert isinstance(actors, list)
    assert "Paul Volcker" in actors and "volcker" not in actors and "Volcker" not in actors
    assert "de la Madrid" in actors or "Miguel de la Madrid" in actors
    assert "GATT" in actors and "gatt" not in actors
    assert "worldbank" in actors  # no such word in the text: kept as the record gives it


@pytest.mark.parametrize("workers", [1, 2])
def test_an_import_reports_its_progress_step_by_step(tmp_path: Path, workers: int) -> None:
    """Found in review: the scale issue asks for progress on long imports too, and an import of
    Reuters-21578 (29 s) showed nothing until its summary."""
    many = tmp_path / "many.jsonl"
    many.write_text("".join(json.dumps({"title": f"Story {i}", "date": "2025-03-01T10:00:00",
                                        "body": f"Body of story {i}."}) + "\n" for i in range(70)))
    recorded = RecordedProgress()
    report = run_import(ImportOptions(root=tmp_path, paths=(str(many), str(SEED)), workers=workers,
                                      progress=recorded))
    assert report.count("created") == 71
    assert recorded.steps == [("reading", 2, 2), ("recognising", 71, 71), ("writing", 71, 71)]


def test_the_import_command_takes_quiet(tmp_path: Path) -> None:
    done = run_cli(tmp_path, "--quiet", str(SEED))
    assert done.returncode == 0 and "1 created" in done.stdout, done.stderr


def ap_copy(tmp_path: Path, name: str, lead: str) -> Path:
    path = tmp_path / name
    path.write_text(f"March 5, 2025\n\nStocks close higher\n\n{lead}\n", "utf-8")
    return path


def test_two_stories_under_one_headline_on_one_day_are_two_articles(tmp_path: Path) -> None:
    """Found by a probe: without a source id, a second story with the same title and date
    replaced the first ("1 updated"), in one run or in two."""
    wall = ap_copy(tmp_path, "ap1.txt", "NEW YORK (AP) — Wall Street rose on Wednesday after tech earnings.")
    tokyo = ap_copy(tmp_path, "ap2.txt", "TOKYO (AP) — Japanese shares rose on Wednesday as the yen weakened.")
    assert statuses(do_import(tmp_path, wall)) == [("created", "")]
    assert statuses(do_import(tmp_path, tokyo)) == [("created", "")]
    assert statuses(do_import(tmp_path, wall, tokyo)) == [("unchanged", ""), ("unchanged", "")]
    bodies = sorted(p.read_text("utf-8").split("---", 2)[2] for p in (tmp_path / "content").rglob("*.md")
                    if "actors" not in p.parts)
    assert len(bodies) == 2 and "Wall Street" in bodies[1] and "Japanese shares" in bodies[0]
    assert build_site(tmp_path).articles == 2


def test_two_menafn_files_without_ids_in_one_run_are_two_articles(tmp_path: Path) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    for path, lead in ((first, "Stocks in Dubai rose on Friday."), (second, "Stocks in Doha fell on Friday.")):
        path.write_text(f"Saturday 22 March 2025 01:33 GMT\n\nMarkets close higher\n\n(MENAFN) {lead}\n")
    report = do_import(tmp_path, first, second)
    assert [o.status for o in report.outcomes] == ["created", "created"]
    assert len(set(only(report, "created"))) == 2


def test_an_editors_own_file_with_the_title_and_date_is_never_taken_for_an_import(tmp_path: Path) -> None:
    """Found by a probe: the import said "edited since import; use --force", and --force
    replaced the editor's article, which was never imported."""
    mine = tmp_path / "content" / "2025" / "03" / "stocks-close-higher.md"
    mine.parent.mkdir(parents=True)
    mine.write_text("---\ntitle: Stocks close higher\ndate: 2025-03-05\n---\n\nMy own text.\n", "utf-8")
    wall = ap_copy(tmp_path, "ap1.txt", "NEW YORK (AP) — Wall Street rose on Wednesday after tech earnings.")
    for force in (False, True):
        report = do_import(tmp_path, wall, force=force)
        assert [o.status for o in report.outcomes] == ["created" if not force else "unchanged"]
    assert mine.read_text("utf-8").endswith("My own text.\n")
    assert only(report, "unchanged") == ["content/2025/03/stocks-close-higher-2.md"]


def test_a_file_imported_before_copy_hashes_is_found_by_its_body(tmp_path: Path) -> None:
    wall = ap_copy(tmp_path, "ap1.txt", "NEW YORK (AP) — Wall Street rose on Wednesday after tech earnings.")
    [written] = only(do_import(tmp_path, wall), "created")
    path = tmp_path / written
    old = emit.with_hash(re.sub(r"(?m)^(copy|import)_hash: .*\n", "", path.read_text("utf-8")))
    path.write_text(old, "utf-8")  # as an importer without copy hashes wrote it
    assert statuses(do_import(tmp_path, wall)) == [("updated", "")]
    tokyo = ap_copy(tmp_path, "ap2.txt", "TOKYO (AP) — Japanese shares rose on Wednesday as the yen weakened.")
    assert only(do_import(tmp_path, tokyo), "created") == ["content/2025/03/stocks-close-higher-2.md"]


def test_a_reimport_keeps_the_slug_written_after_long_front_matter(tmp_path: Path) -> None:
    """Found by a probe: the content index read the first 8,192 bytes of each file, so a
    ``slug:`` after long tags was lost on re-import and two articles shared one URL."""
    tags = [f"Topic number {i} " + "x" * 120 for i in range(100)]
    line = '{"id": "%s", "title": "Same title", "date": "2025-03-22T10:00:00Z", "body": "%s", "tags": %s}'
    source = tmp_path / "s1.jsonl"
    source.write_bytes(records(line % ("A1", "First body.", "[]"), line % ("A2", "Second body.", json.dumps(tags))))
    assert [o.status for o in do_import(tmp_path, source).outcomes] == ["created", "created"]
    assert [o.status for o in do_import(tmp_path, source).outcomes] == ["unchanged", "unchanged"]
    assert build_site(tmp_path, search=False).articles == 2


@pytest.mark.parametrize("dry_run", [False, True])
def test_an_imported_file_never_takes_the_url_of_an_article_elsewhere(tmp_path: Path, dry_run: bool) -> None:
    """Found by a probe: names were checked against content/YYYY/MM/ only, so an import took
    the URL of content/editor/mine.md (or an editor's old URL) and the next build failed."""
    editor = tmp_path / "content" / "editor"
    editor.mkdir(parents=True)
    (editor / "mine.md").write_text("---\ntitle: Markets close higher\ndate: 2025-03-22T09:00:00Z\n---\n\n"
                                    "Editor text.\n", "utf-8")
    (editor / "old.md").write_text("---\ntitle: Other\ndate: 2025-03-22T09:00:00Z\n"
                                   "aliases: [/2025/03/22/oil-up/]\n---\n\nEditor text.\n", "utf-8")
    inputs = []
    for title in ("Markets close higher", "Oil up"):
        inputs.append(tmp_path / f"{slug_of(title)}.txt")
        inputs[-1].write_text(f"Saturday 22 March 2025 01:33 GMT\n\n{title}\n\n(MENAFN) Stocks rose on Friday.\n\n"
                              f"MENAFN22032025000045015687ID11093{len(inputs)}\n", "utf-8")
    report = do_import(tmp_path, *inputs, dry_run=dry_run)
    assert only(report, "created") == ["content/2025/03/markets-close-higher-2.md", "content/2025/03/oil-up-2.md"]
    if not dry_run:
        assert build_site(tmp_path, search=False).articles == 4
        assert [o.status for o in do_import(tmp_path, *inputs).outcomes] == ["unchanged", "unchanged"]


def slug_of(title: str) -> str:
    return title.lower().replace(" ", "-")


def test_one_line_fields_are_written_on_one_line(tmp_path: Path) -> None:
    """Found by a probe: a multi-line author, source or summary went into front matter as it came."""
    source = tmp_path / "in.jsonl"
    source.write_bytes(records(json.dumps({"id": "Z", "title": "T three", "date": "2025-03-22", "body": "Body.",
                                           "author": "By Ann\nSmith", "summary": "Line one\n\nline two",
                                           "source": "AP\n"})))
    [written] = only(do_import(tmp_path, source), "created")
    text = (tmp_path / written).read_text("utf-8")
    assert "author: Ann Smith\n" in text and "summary: Line one line two\n" in text and "source: AP\n" in text


@pytest.mark.parametrize(("text", "line", "reason"), [
    ("March 5, 2025\n\nTitle\n\n" + "x" * 20_001 + "\n", 5, "a line is longer than 20,000 characters"),
    ("Intro\nMonday 16 March 2025 01:33 GMT\n\nTitle\n\n(MENAFN) Body.\n", 2,
     "the date line 'Monday 16 March 2025 01:33 GMT' is not a real date"),
    ("\n\nSaturday 22 March 2025 23:33 XYZ\n\nTitle\n\n(MENAFN) Body.\n", 3, "the date line 'Saturday 22 March"),
    ("Stocks close higher\nMonday 16 March 2025\n\nNEW YORK (AP) — Stocks rose.\n", 2, "is a Sunday, not a Monday"),
])
def test_an_error_a_line_is_to_blame_for_names_that_line(tmp_path: Path, text: str, line: int, reason: str) -> None:
    """Found by a probe: an over-long line and a wrong date line were reported without their line."""
    source = tmp_path / "in.txt"
    source.write_text(text, "utf-8")
    [failed] = do_import(tmp_path, source).outcomes
    assert failed.status == "failed" and failed.origin == f"{source}:{line}" and reason in failed.reason


def test_an_overlong_body_line_of_a_record_is_named_within_the_body(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(records(json.dumps({"title": "T", "date": "2025-01-01", "body": "a\n" + "y" * 20_001})))
    [failed] = do_import(tmp_path, source).outcomes
    assert (failed.origin, failed.reason) == (f"{source}:1", "body: line 2 is longer than 20,000 characters; "
                                              "this is not article text")


def test_an_actor_stub_nobody_edited_gives_no_page_that_actor_page_min_would_not(tmp_path: Path) -> None:
    """Found by a probe: every new actor's stub counted as a profile, which always gives a page,
    so the Reuters import made 18,111 actor pages for 18,350 actors (12,974 named once)."""
    report = do_import(tmp_path, SEED)
    assert "content/actors/mark-rutte.md" in report.profiles_created  # named once, in one article
    build_site(tmp_path, search=False)
    site = tmp_path / "site"
    assert not (site / "actors" / "mark-rutte").exists()
    stub = tmp_path / "content" / "actors" / "mark-rutte.md"
    stub.write_text(stub.read_text("utf-8").replace('description: ""', "description: Head of NATO."), "utf-8")
    build_site(tmp_path, search=False)  # an editor's profile always gives a page
    assert "Head of NATO." in (site / "actors" / "mark-rutte" / "index.html").read_text("utf-8")


def test_the_report_prints_control_characters_in_names_escaped(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    """Found by a probe: the build escapes them in its errors, the import printed an input named
    "w\\x1b[2Jx.txt" as it is, which cleared the terminal the report was read in."""
    from builder.importer.run import print_report

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "w\x1b[2Jx.txt").write_text("no date\n\nTitle\n\nBody.\n")
    (folder / "r\x07.jsonl").write_text('{"title": "T\\u001b[31m", "body": "b", "date": "someday"}\n')
    print_report(do_import(tmp_path / "site", folder))
    out = capsys.readouterr()
    assert "in/w\\x1b[2Jx.txt: no date in the text" in out.err
    assert "r\\x07.jsonl:1: " in out.err
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f]", out.err + out.out)


def test_titles_the_build_cleans_get_the_url_the_build_gives_them(tmp_path: Path) -> None:
    """Found by a probe: the importer took its slug from the title as the copy wrote it, the
    build from the title it shows (a noncharacter or NEL a space, a bidi control dropped): it
    wrote oilprices-rise.md beside oil-prices-rise.md, both /oil-prices-rise/ to the build,
    which refused them."""
    source = tmp_path / "r.jsonl"
    titles = ["Oil\\ufffeprices rise", "Oil prices rise", "Gas\\u0085prices", "Gas prices", "Tax\\u202e cut", "Tax cut"]
    source.write_text("".join('{"title": "' + title + f'", "date": "2025-03-22", "body": "Copy {i}."}}\n'
                              for i, title in enumerate(titles)))
    assert do_import(tmp_path, source).count("created") == 6
    build_site(tmp_path, search=False)
    assert len(list((tmp_path / "site" / "2025" / "03" / "22").glob("*/index.html"))) == 6
    assert do_import(tmp_path, source).count("unchanged") == 6


def test_names_the_build_cleans_get_one_profile_stub(tmp_path: Path) -> None:
    """Found by a probe: actors "Acme\\ufffeCorp" and "Acme Corp" of two records got two stubs
    (acmecorp.md, acme-corp.md), both "Acme Corp" to the build, which refused the second."""
    source = tmp_path / "r.jsonl"
    source.write_text('{"title": "One", "date": "2025-03-22", "body": "One.", "actors": ["Acme\\ufffeCorp"],'
                      ' "tags": ["Oil\\u0085gas"]}\n'
                      '{"title": "Two", "date": "2025-03-22", "body": "Two.", "actors": ["Acme Corp"],'
                      ' "tags": ["Oil gas"]}\n')
    report = do_import(tmp_path, source)
    assert report.profiles_created == ["content/actors/acme-corp.md"]
    build_site(tmp_path, search=False)
    assert front(tmp_path / "content" / "2025" / "03" / "one.md")["tags"] == ["Oil gas"]


def test_what_the_menafn_reader_left_out_is_a_warning_of_the_import(tmp_path: Path) -> None:
    """The parser's notes (a damaged id line, text after the id line) reach the report."""
    source = tmp_path / "in.txt"
    text = SEED.read_text("utf-8")
    source.write_text(text.replace("MENAFN16032025000045015687ID1109319523", "MENAFN160320250000450X5687ID11"))
    report = do_import(tmp_path, source)
    assert len(only(report, "created")) == 1
    assert any(w.startswith(f"{source}: line ") and "looks like an id line but is not one" in w
               for w in report.warnings), report.warnings


def test_times_without_a_time_zone_get_one_warning_naming_the_site_zone(tmp_path: Path) -> None:
    """Found by a probe: MENAFN's numeric date line ("3/22/2025 1:33:08 AM") has no zone; the time
    was written without an offset and read in the site's zone (Asia/Kuwait) without a word."""
    (tmp_path / "pyproject.toml").write_text('[tool.archive]\ntimezone = "Asia/Kuwait"\n')
    text = SEED.read_text("utf-8")
    first = text.splitlines()[0]
    sources = []
    for n in (1, 2):
        source = tmp_path / f"in{n}.txt"
        source.write_text(text.replace(first, f"3/{21 + n}/2025 1:33:08 AM")
                          .replace("ID1109319523", f"ID110931952{n}"))
        sources.append(source)
    report = do_import(tmp_path, *sources)
    assert len(only(report, "created")) == 2
    assert [w for w in report.warnings if "time zone" in w] == [
        f"{sources[0]} (and 1 more): a time without a time zone; written without an offset, so read in the "
        "site's time zone (Asia/Kuwait): add the wire's zone to the date if it is another"]
