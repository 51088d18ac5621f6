"""The record of the site's files: a file someone changed or removed in site/ is written again."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from builder import pipeline
from builder.gen import generate_corpus
from builder.outputs import changed_files, recorded_files, updated_record
from builder.pages import preview_articles
from tests.helpers import article, build_site, mtimes, snapshot, write_files


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("outputs")
    generate_corpus(root, 40, profiles=False)
    return root


@pytest.fixture()
def site_root(corpus: Path, tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(corpus / "content", root / "content")
    return root


def _article_page(site: Path) -> Path:
    return next(p for p in sorted(site.glob("20*/*/*/*/index.html")))


def _size(site: Path) -> int:
    return sum(p.stat().st_size for p in site.rglob("*") if p.is_file())


def test_changed_files_sees_edits_removals_and_touches(tmp_path: Path) -> None:
    write_files(tmp_path, {"a/index.html": "a", "b/index.html": "b", "c.css": "c", "d.xml": "d"})
    record = recorded_files(tmp_path, ["a/index.html", "b/index.html", "c.css", "d.xml", "gone.html"])
    assert set(record) == {"a/index.html", "b/index.html", "c.css", "d.xml"}  # a missing file is left out
    assert changed_files(tmp_path, record) == set()
    (tmp_path / "a" / "index.html").write_text("edited")
    (tmp_path / "b" / "index.html").unlink()
    os.utime(tmp_path / "c.css", ns=(1, 1))  # same bytes, another mtime: looked at again
    assert changed_files(tmp_path, record) == {"a/index.html", "b/index.html", "c.css"}


def test_updated_record_takes_commits_removals_and_looks_again(tmp_path: Path) -> None:
    write_files(tmp_path, {"kept.html": "k", "new.html": "n", "rendered.html": "r"})
    previous = {"kept.html": (1, 1), "removed.html": (1, 1), "rendered.html": (1, 1), "vanished.html": (1, 1)}
    record = updated_record(tmp_path, previous, {"new.html": (9, 9)}, ["removed.html"],
                            ["rendered.html", "vanished.html", "new.html"])
    rendered = (tmp_path / "rendered.html").stat()
    assert record == {"kept.html": (1, 1), "new.html": (9, 9),  # the commit's own figures
                      "rendered.html": (rendered.st_size, rendered.st_mtime_ns)}


@pytest.mark.parametrize("aside", [False, True], ids=["here", "aside"])
def test_files_changed_or_removed_in_the_site_are_written_again(site_root: Path, aside: bool,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Found in review: a page deleted or edited by hand in site/ stayed so through every later
    build, since a rebuild writes only what changed in the input. (Large sites are looked at in
    a process aside.)"""
    if aside:
        monkeypatch.setattr(pipeline, "CHECK_ASIDE_FROM", 0)
    build_site(site_root, search=False)
    site = site_root / "site"
    cold = snapshot(site)
    page = _article_page(site)
    page.unlink()
    (site / "tags" / "index.html").write_text("edited by hand")
    (site / "assets" / "style.css").unlink()
    before = mtimes(site)
    result = build_site(site_root, search=False)
    assert not result.unchanged and result.rendered == 2  # the two pages, and no other
    assert snapshot(site) == cold
    after = mtimes(site)
    assert [rel for rel in before if after[rel] != before[rel]] == ["tags/index.html"]
    assert result.size_bytes == _size(site)
    # said, in case the edit was meant
    assert [str(w) for w in result.warnings] == [
        f"site/{rel}: changed or removed since the last build; restored (edits made in the site do not last: "
        "make them in content/, layouts/ or static/)"
        for rel in [page.relative_to(site).as_posix(), "tags/index.html", "assets/style.css"]]  # (pages first)
    again = build_site(site_root, search=False)
    assert again.unchanged and again.rendered == 0 and again.warnings == []


def test_a_file_added_to_the_site_by_hand_stays_through_a_rebuild_of_every_page(site_root: Path) -> None:
    """A static file edited makes the commit look for removed files across the whole site: it
    finds them in the record of the site's files, so a file someone put in the site (a
    verification file for a search console, say) is left where it is, as the README says."""
    write_files(site_root, {"static/extra.txt": "one\n", "static/old.txt": "old\n"})
    build_site(site_root, search=False)
    site = site_root / "site"
    (site / "google1234.html").write_text("google-site-verification: google1234.html")
    (site_root / "static" / "old.txt").unlink()
    write_files(site_root, {"static/extra.txt": "two\n"})
    result = build_site(site_root, search=False)
    assert (site / "google1234.html").read_text().startswith("google-site-verification")
    assert not (site / "old.txt").exists() and (site / "extra.txt").read_text() == "two\n"
    assert result.warnings == [] and build_site(site_root, search=False).unchanged


def test_a_touched_page_is_checked_once(site_root: Path) -> None:
    build_site(site_root, search=False)
    page = _article_page(build_site(site_root, search=False).out)
    os.utime(page, ns=(10**18, 10**18))
    result = build_site(site_root, search=False)
    assert result.rendered == 1 and page.stat().st_mtime_ns == 10**18  # the same bytes: left as it is
    assert build_site(site_root, search=False).unchanged


def test_a_search_file_removed_from_the_site_comes_back(site_root: Path) -> None:
    build_site(site_root)
    site = site_root / "site"
    cold = snapshot(site)
    removed = sorted((site / "pagefind").glob("*/fragment/*"))[:3]
    assert removed
    for file in removed:
        file.unlink()
    result = build_site(site_root)
    assert result.search == "unchanged" and result.rendered == 0
    assert snapshot(site) == cold


def test_without_a_record_every_page_is_compared_with_the_site(site_root: Path) -> None:
    build_site(site_root, search=False)
    site = site_root / "site"
    cold = snapshot(site)
    for record in (site_root / ".archive-cache").glob("outputs-*.pickle"):
        record.write_bytes(b"not a record")
    (site / "tags" / "index.html").write_text("edited by hand")
    build_site(site_root, search=False)
    assert snapshot(site) == cold


def test_a_page_the_dev_server_previewed_is_not_taken_for_a_damaged_one(site_root: Path) -> None:
    """The dev server writes an edited article's page before its build: that build renders the
    same bytes and keeps the file, and the record must then know that file as it is."""
    first = build_site(site_root, search=False, keep_model=True)
    assert first.site is not None
    edited = site_root / first.site.articles[0].rel
    edited.write_text(edited.read_text().replace("\n---\n", "\n---\nEdited in the dev server.\n\n", 1))
    assert preview_articles(first.site, site_root, first.out, [edited])
    result = build_site(site_root, search=False, verify_site=False)
    assert result.rendered >= 1
    assert build_site(site_root, search=False).unchanged


def test_a_preview_of_a_name_only_a_profile_knows_leaves_it_to_the_build(tmp_path: Path) -> None:
    """Found by a probe: an edit adding a tag that a profile names and no article has made the
    dev server's preview fail with KeyError (the server then built as usual); a preview that
    cannot be faithful says so with None."""
    root = write_files(tmp_path, {"content/a.md": article("Grain talks", tags='["Grain"]'),
                                  "content/tags/zoning.md": "---\nname: Zoning\n---\nLand use.\n"})
    first = build_site(root, search=False, keep_model=True)
    assert first.site is not None
    (root / "content" / "a.md").write_text(article("Grain talks", tags='["Grain", "Zoning"]'))
    assert preview_articles(first.site, root, first.out, [root / "content" / "a.md"]) is None


def test_a_new_article_after_a_repair_is_built_as_usual(site_root: Path) -> None:
    build_site(site_root, search=False)
    (site_root / "site" / "tags" / "index.html").unlink()
    write_files(site_root, {"content/late.md": article("A late story", "2026-01-01T10:00:00Z")})
    build_site(site_root, search=False)
    site = site_root / "site"
    assert (site / "2026" / "01" / "01" / "a-late-story" / "index.html").is_file()
    assert "A late story" in (site / "index.html").read_text()
    assert (site / "tags" / "index.html").is_file()
    cold_root = site_root.parent / "cold"
    shutil.copytree(site_root / "content", cold_root / "content")
    build_site(cold_root, search=False)
    assert snapshot(site) == snapshot(cold_root / "site")


def test_a_site_without_its_home_page_is_still_checked(site_root: Path) -> None:
    """Found in review: with site/index.html gone the build took the site for none and skipped
    the check, then linked the other pages it kept from the site, hand edits included."""
    build_site(site_root, search=False)
    site = site_root / "site"
    cold = snapshot(site)
    (site / "index.html").unlink()
    (site / "tags" / "index.html").write_text("edited by hand")
    build_site(site_root, search=False)
    assert snapshot(site) == cold


def test_many_restored_files_are_counted_not_listed(site_root: Path) -> None:
    build_site(site_root, search=False)
    site = site_root / "site"
    shutil.rmtree(site / "tags")
    result = build_site(site_root, search=False)
    shown = [str(w) for w in result.warnings]
    assert len(shown) == 6 and all(line.startswith("site/tags/") for line in shown[:5])
    assert re.fullmatch(r"site: \.\.\. and \d+ more files restored", shown[5]), shown[5]


def test_restored_pages_are_named_before_search_files(site_root: Path) -> None:
    """Found by a probe: a hand-edited page and a removed search folder restored together named five
    search files and counted the page among "... and 12 more files restored"."""
    build_site(site_root)
    site = site_root / "site"
    (site / "tags" / "index.html").write_text("edited by hand")
    shutil.rmtree(site / "pagefind")
    shown = [str(w) for w in build_site(site_root).warnings]
    assert shown[0].startswith("site/tags/index.html: changed or removed since the last build"), shown
    assert shown[1].startswith("site/pagefind/"), shown
