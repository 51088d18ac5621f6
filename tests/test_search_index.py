"""The Pagefind index: what is indexed, the filters, the cache, and failures."""

from __future__ import annotations

import gzip
import json
import shutil
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from builder import indexes, pipeline, search
from tests.helpers import (
    RecordedProgress,
    article,
    build_errors,
    build_site,
    pagefind_processes,
    searchable_pages,
    snapshot,
    write_files,
)


@pytest.fixture()
def root(tmp_path: Path) -> Path:
    return write_files(tmp_path, {
        "pyproject.toml": "[tool.archive]\nactor_page_min = 1\n",  # a page for every actor
        "content/a.md": article("Grain talks", "2025-03-20T09:00:00Z", actors="[Mark Rutte]",
                                tags="[Trade]", source="MENAFN"),
        "content/b.md": article("Budget grows", "2024-03-21T09:00:00Z", actors="[Donald Trump]",
                                tags="[Defence]", source="AP"),
    })


def test_only_article_pages_are_indexed_with_filters(root: Path) -> None:
    result = build_site(root)
    assert result.search == "indexed"
    site = root / "site"
    article_page = (site / "2025/03/20/grain-talks/index.html").read_text()
    assert "data-pagefind-body" in article_page
    assert 'data-pagefind-filter="actor:Mark Rutte"' in article_page
    assert 'data-pagefind-filter="tag:Trade"' in article_page
    assert 'data-pagefind-filter="year">2025<' in article_page
    assert 'data-pagefind-sort="date:2025-03-20T09:00:00Z"' in article_page
    for listing in ("index.html", "tags/trade/index.html", "actors/mark-rutte/index.html", "2025/index.html"):
        assert "data-pagefind-body" not in (site / listing).read_text()
    for bundle in ("2024", "2025-03"):  # one bundle per year, the newest month on its own
        entry = json.loads((site / "pagefind" / bundle / "pagefind-entry.json").read_text())
        assert entry["languages"]["en"]["page_count"] == 1
    assert sorted(p.name for p in (site / "pagefind").iterdir()) == ["2024", "2025-03", "patch.json"]
    assert json.loads((site / "pagefind" / "patch.json").read_text()) == {"bundle": "", "hidden": {}}  # nothing changed
    assert (site / "pagefind" / "2025-03" / "pagefind-ui.js").is_file()  # the bundle the page loads
    assert not (site / "pagefind" / "2024" / "pagefind-ui.js").exists()  # merged only: no UI copy
    assert (site / "pagefind" / "2025-03" / "wasm.en.pagefind").is_file()
    loaded = {p.name for p in (site / "pagefind" / "2025-03").iterdir()}  # no UI the page does not use
    assert not {"pagefind-component-ui.js", "pagefind-modular-ui.js", "pagefind-highlight.js"} & loaded
    merged = {p.name for p in (site / "pagefind" / "2024").iterdir()}  # nor code: the first bundle's runs it
    assert "pagefind-entry.json" in merged and not {"pagefind.js", "pagefind-worker.js", "wasm.en.pagefind"} & merged
    search_page = (site / "search" / "index.html").read_text()
    assert 'data-bundles="/pagefind/2025-03/ /pagefind/2024/"' in search_page
    assert 'data-api="/search/2025-03/"' in search_page  # the UI imports this pagefind.js, not the bundle's
    api = (site / "search" / "2025-03" / "pagefind.js").read_text()
    assert 'export * from "/pagefind/2025-03/pagefind.js";' in api and "export async function filters()" in api
    assert '"/pagefind/patch.json"' in api


def test_an_excerpt_opens_with_the_text_and_actors_are_searched_after_it(tmp_path: Path) -> None:
    """Found by a probe: results' excerpts opened with the actor chips ("Mark Rutte Donald Trump
    NATO ... NATO Secretary General Mark Rutte has..."). The canonical names are still searched,
    after the text, so that "Ukraine" finds an article whose text says "Kiev"."""
    write_files(tmp_path, {"content/a.md": article("Grain talks", "2025-03-20T09:00:00Z",
                                                   body="Talks went on in Kiev.", actors="[Mark Rutte, Ukraine]")})
    build_site(tmp_path)
    [fragment] = (tmp_path / "site" / "pagefind").glob("*/fragment/*")
    record = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
    assert record["content"] == "Grain talks. Talks went on in Kiev. Mark Rutte, Ukraine."
    assert record["filters"]["actor"] == ["Mark Rutte", "Ukraine"]


def test_unchanged_pages_reuse_the_cached_index(root: Path) -> None:
    build_site(root)
    first = snapshot(root / "site")
    assert build_site(root).search == "unchanged"
    assert snapshot(root / "site") == first
    bundle_2024 = snapshot(root / "site" / "pagefind" / "2024")
    mtimes = {p: p.stat().st_mtime_ns for p in (root / "site" / "pagefind" / "2024").rglob("*")}
    (root / "content" / "a.md").write_text(article("Grain talks resume", "2025-03-20T09:00:00Z"))
    assert build_site(root).search == "patched"
    # only the edited article was indexed (the patch); the 2024 bundle's files were not even rewritten
    assert snapshot(root / "site" / "pagefind" / "2024") == bundle_2024
    assert {p: p.stat().st_mtime_ns for p in (root / "site" / "pagefind" / "2024").rglob("*")} == mtimes


def test_the_search_cache_keeps_as_many_unused_bundles_as_there_are_shards(root: Path) -> None:
    """Previous versions of a shard stay for an undo, the last used first; not without bound."""
    write_files(root, {"pyproject.toml": "[tool.archive]\nactor_page_min = 1\nsearch_patch_pages = 0\n"})
    cached = root / ".archive-cache" / "search"
    build_site(root)
    leftover = cached / ".shard-killed" / "site" / "2025" / "index.html"  # a killed build's scratch
    write_files(leftover.parents[2], {"site/2025/index.html": "<p>x</p>"})
    for n in range(5):
        (root / "content" / "a.md").write_text(article("Grain talks", "2025-03-20T09:00:00Z", body=f"Edit {n}."))
        assert build_site(root).search == "indexed"
    shards = len([p for p in (root / "site" / "pagefind").iterdir() if p.is_dir()])
    assert shards == 2
    # In use (2), the version the last build replaced (1), and as many unused as one site has
    # bundles: its shards and a patch (another output's build must not take the bundles of the
    # site in place, patch included).
    assert len([p for p in cached.iterdir() if not p.name.startswith(".")]) == shards + 1 + shards + 1
    (root / "content" / "a.md").write_text(article("Grain talks", "2025-03-20T09:00:00Z", body="Edit 3."))
    assert build_site(root).search == "cached"  # the version before last: still cached
    assert not leftover.parents[2].exists()


def test_a_shard_indexed_again_keeps_the_files_whose_bytes_did_not_change(tmp_path: Path) -> None:
    root = write_files(tmp_path, {f"content/{name}.md": article(f"Grain talks {name}", f"2025-03-2{i}T09:00:00Z")
                                  for i, name in enumerate(["one", "two", "three"])})
    write_files(root, {"pyproject.toml": "[tool.archive]\nsearch_patch_pages = 0\n"})  # no patch: the shard again
    build_site(root)
    bundle = root / "site" / "pagefind" / "2025-03"
    before = {p.relative_to(bundle): (p.read_bytes(), p.stat().st_mtime_ns) for p in bundle.rglob("*") if p.is_file()}
    (root / "content" / "two.md").write_text(article("Grain talks two", "2025-03-21T09:00:00Z",
                                                     body="Body text, edited."))
    assert build_site(root).search == "indexed"
    after = {p.relative_to(bundle): (p.read_bytes(), p.stat().st_mtime_ns) for p in bundle.rglob("*") if p.is_file()}
    same = [rel for rel in after if rel in before and after[rel][0] == before[rel][0]]
    assert all(after[rel][1] == before[rel][1] for rel in same)  # unchanged bytes: not rewritten
    assert sum(1 for rel in same if rel.parts[0] == "fragment") == 2  # the two pages not edited
    assert any(rel not in before for rel in after)  # the edited page's fragment is new


def test_no_search_writes_no_bundle(root: Path) -> None:
    result = build_site(root, search=False)
    assert result.search == "off"
    assert not (root / "site" / "pagefind").exists()
    assert "pagefind-ui.js" not in (root / "site" / "search" / "index.html").read_text()
    assert not [p for p in (root / "site" / "search").rglob("*") if p.name != "index.html"]
    build_site(root)
    assert (root / "site" / "pagefind" / "2025-03").is_dir()
    build_site(root, search=False)  # turning search off again removes the bundles
    assert not (root / "site" / "pagefind").exists()


def test_index_failure_fails_the_build_and_keeps_the_site(root: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    build_site(root, search=False)
    before = snapshot(root / "site")
    failing = tmp_path / "pagefind"
    failing.write_text("#!/bin/sh\necho 'Error: cannot index this' >&2\nexit 3\n")
    failing.chmod(failing.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setattr(search, "pagefind_executable", lambda: failing)
    (root / "content" / "c.md").write_text(article("New one", "2025-04-01T00:00:00Z"))
    errors = build_errors(root)
    assert errors == ["search index: Pagefind failed (exit 3): Error: cannot index this"]
    assert snapshot(root / "site") == before


def _page_counts(site: Path) -> dict[str, int]:
    return {bundle.name: json.loads((bundle / "pagefind-entry.json").read_text())["languages"]["en"]["page_count"]
            for bundle in sorted((site / "pagefind").iterdir()) if bundle.is_dir()}


def test_new_articles_reindex_the_newest_month_only_until_the_next_month_begins(tmp_path: Path) -> None:
    root = write_files(tmp_path, {
        "pyproject.toml": "[tool.archive]\nsearch_patch_pages = 0\n",  # no patch (tested below)
        "content/a.md": article("Old talks", "2024-05-01T09:00:00Z"),
        "content/b.md": article("January talks", "2025-01-10T09:00:00Z"),
        "content/c.md": article("March talks", "2025-03-20T09:00:00Z"),
    })
    build_site(root)
    site = root / "site"
    assert _page_counts(site) == {"2024": 1, "2025": 1, "2025-03": 1}
    older = {p: p.stat().st_mtime_ns for name in ("2024", "2025") for p in (site / "pagefind" / name).rglob("*")}
    write_files(root, {"content/d.md": article("More March talks", "2025-03-25T09:00:00Z")})
    assert build_site(root).search == "indexed"
    assert _page_counts(site) == {"2024": 1, "2025": 1, "2025-03": 2}
    assert {p: p.stat().st_mtime_ns for p in older} == older  # the year bundles were not touched
    write_files(root, {"content/e.md": article("April talks", "2025-04-02T09:00:00Z")})
    build_site(root)
    assert _page_counts(site) == {"2024": 1, "2025": 3, "2025-04": 1}  # March joined its year
    search_page = (site / "search" / "index.html").read_text()
    assert 'data-bundles="/pagefind/2025-04/ /pagefind/2025/ /pagefind/2024/"' in search_page
    assert '"/pagefind/2025-04/pagefind.js"' in (site / "search" / "2025-04" / "pagefind.js").read_text()
    assert sorted(p.name for p in (site / "search").iterdir()) == ["2025-04", "index.html"]  # March's went
    assert (site / "pagefind" / "2025-04" / "pagefind-ui.js").is_file()
    assert not (site / "pagefind" / "2025" / "pagefind-ui.js").exists()


def test_a_year_over_the_bundle_limit_is_indexed_in_runs_of_days(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Found by a simulated year of daily builds: Pagefind took 6.8 GB for a year of 30,000
    articles in one bundle. Past the limit (2 here) a year, or the newest month, is cut into runs of
    whole days, and the runs of older months are left as they were when the newest month grows."""
    monkeypatch.setattr(indexes, "SEARCH_BUNDLE_PAGES", 2)
    root = write_files(tmp_path, {
        "pyproject.toml": "[tool.archive]\nsearch_patch_pages = 0\n",
        **{f"content/{n}.md": article(f"Talks {n}", day) for n, day in enumerate([
            "2025-01-10T09:00:00Z", "2025-01-11T09:00:00Z", "2025-02-03T09:00:00Z", "2025-03-20T09:00:00Z",
            "2025-03-21T09:00:00Z"])},
    })
    build_site(root)
    site = root / "site"
    assert _page_counts(site) == {"2025-01-10": 2, "2025-02-03": 1, "2025-03": 2}  # (March: the newest month)
    older = {p: p.stat().st_mtime_ns for name in ("2025-01-10", "2025-02-03")
             for p in (site / "pagefind" / name).rglob("*")}
    write_files(root, {"content/5.md": article("More talks", "2025-03-21T10:00:00Z")})
    assert build_site(root).search == "indexed"
    assert _page_counts(site) == {"2025-01-10": 2, "2025-02-03": 1, "2025-03-20": 1, "2025-03-21": 2}
    assert {p: p.stat().st_mtime_ns for p in older} == older
    search_page = (site / "search" / "index.html").read_text()
    assert 'data-bundles="/pagefind/2025-03-21/ /pagefind/2025-03-20/ /pagefind/2025-02-03/ /pagefind/2025-01-10/"' \
        in search_page
    assert sorted(p.name for p in (site / "search").iterdir()) == ["2025-03-21", "index.html"]


# -- what Pagefind is given ------------------------------------------------------------------------

def test_pagefind_reads_a_cut_down_copy_and_makes_the_same_fragments(tmp_path: Path) -> None:
    """Article pages reach Pagefind as search_copy makes them; indexed as they are instead, they
    give the same fragments (named by a hash of their content), raw HTML and all."""
    root = write_files(tmp_path / "project", {
        "pyproject.toml": "[tool.archive]\nallow_html = true\n",
        "content/a.md": article("Grain talks", "2025-03-20T09:00:00Z", actors="[Mark Rutte]", tags="[Trade]",
                                body="Grain *exports* resume.\n\n## Ports\n\nOdesa reopens."),
        "content/b.md": article("Budget grows", "2024-03-21T09:00:00Z", source="AP",
                                body="<article><p>Raw HTML with its own article element.</p></article>"),
    })
    build_site(root)
    site = root / "site"
    pages = sorted(site.glob("20*/*/*/*/index.html"))
    copies = [search.search_copy(page.read_bytes()) for page in pages]
    assert copies[0] is None  # b, with its raw <article>: indexed whole
    assert copies[1] is not None and len(copies[1]) < len(pages[1].read_bytes()) / 2
    assert b"<title>Grain talks" in copies[1] and b'lang="en"' in copies[1] and b"Odesa reopens" in copies[1]
    assert b"site-nav" not in copies[1] and b"Content-Security-Policy" not in copies[1]
    whole = tmp_path / "whole"
    for page in pages:
        target = whole / page.relative_to(site)
        target.parent.mkdir(parents=True)
        target.write_bytes(page.read_bytes())
    search._run_pagefind(whole)
    built = {p.name for p in site.glob("pagefind/*/fragment/*")}
    assert built and built == {p.name for p in (whole / "pagefind" / "fragment").iterdir()}


@pytest.mark.parametrize("page", [
    b"<html><body><main data-pagefind-body>a</main><main data-pagefind-body>b</main></body></html>",
    b"<html><body><div data-pagefind-body><div>a</div></div></body></html>",  # the tag nests
    b"<html><body><article data-pagefind-body>a</article><!-- </article> --></body></html>",
    b"<html><body><p data-pagefind-filter='x:y'>a</p><main data-pagefind-body>b</main></body></html>",
    b"<html><body><main>no mark</main></body></html>",
], ids=["two marks", "nested tag", "closing tag in a comment", "filter outside", "no mark"])
def test_a_page_that_cannot_be_cut_for_certain_is_indexed_whole(page: bytes) -> None:
    assert search.search_copy(page) is None


def test_a_head_with_pagefind_attributes_is_kept_whole() -> None:
    page = (b'<html lang="fr"><head><meta data-pagefind-meta="image[content]" content="/a.png"><title>T</title>'
            b'<link rel="stylesheet" href="/s.css"></head><body><nav>menu</nav><main data-pagefind-body>text</main>'
            b"<footer>f</footer></body></html>")
    assert search.search_copy(page) == (
        b'<html lang="fr"><head><meta data-pagefind-meta="image[content]" content="/a.png"><title>T</title>'
        b'<link rel="stylesheet" href="/s.css"></head><body><main data-pagefind-body>text</main></body></html>\n')
    plain = page.replace(b' data-pagefind-meta="image[content]"', b"")
    assert search.search_copy(plain) == (
        b'<html lang="fr"><head><title>T</title></head><body><main data-pagefind-body>text</main></body></html>\n')


def test_an_archive_without_articles_still_gets_its_search_page_and_feeds(tmp_path: Path) -> None:
    """With no article there is no bundle to name the search API file after; the pages after the
    search page were once left out without a word (a StopIteration ended the render loop)."""
    root = write_files(tmp_path, {"content/.keep.md": ""})
    result = build_site(root)
    site = root / "site"
    for page in ("index.html", "search/index.html", "404.html", "feed.xml", "sitemap.xml", "robots.txt"):
        assert (site / page).is_file(), page
    assert result.pages == len([p for p in site.rglob("*") if p.is_file() and p.parts[-2] != "assets"
                                and p.name != ".nojekyll"])
    assert "pagefind" not in (site / "search" / "index.html").read_text()


# -- the patch: changed pages indexed on their own -------------------------------------------------

def _fragments(bundle: Path) -> dict[str, tuple[str, dict[str, list[str]]]]:
    """{url: (page id, filters)} of a bundle's pages, read from its fragment files."""
    pages = {}
    for fragment in (bundle / "fragment").iterdir():
        record = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        pages[record["url"]] = (fragment.name.removesuffix(".pf_fragment"), record["filters"])
    return pages


@pytest.fixture()
def years(tmp_path: Path) -> Path:
    """Three articles of 2024 (one bundle) and one of the newest month."""
    return write_files(tmp_path, {
        "content/a.md": article("Grain talks", "2024-03-20T09:00:00Z", tags="[Trade]", body="Wheat and barley."),
        "content/b.md": article("Budget grows", "2024-04-21T09:00:00Z", tags="[Defence]"),
        "content/c.md": article("Port reopens", "2024-05-22T09:00:00Z", tags="[Shipping]"),
        "content/d.md": article("March talks", "2025-03-20T09:00:00Z"),
    })


def test_an_edit_goes_to_the_patch_and_the_stale_page_is_hidden(years: Path) -> None:
    build_site(years)
    site = years / "site"
    year = site / "pagefind" / "2024"
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in year.rglob("*") if p.is_file()}
    stale_id, stale_filters = _fragments(year)["/2024/03/20/grain-talks/"]
    write_files(years, {"content/a.md": article("Grain talks", "2024-03-20T09:00:00Z", tags="[Farming]",
                                                body="Wheat and oats.")})
    assert build_site(years).search == "patched"
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in year.rglob("*") if p.is_file()} == before
    assert _page_counts(site) == {"2024": 3, "2025-03": 1, "patch": 1}
    patched = _fragments(site / "pagefind" / "patch")
    assert list(patched) == ["/2024/03/20/grain-talks/"]
    assert patched["/2024/03/20/grain-talks/"][1]["tag"] == ["Farming"]
    assert stale_filters["tag"] == ["Trade"]
    hidden = {stale_id: {"url": "/2024/03/20/grain-talks/", "filters": stale_filters, "shard": "2024"}}
    patch_file = json.loads((site / "pagefind" / "patch.json").read_text())
    assert patch_file == {"bundle": "/pagefind/patch/", "hidden": hidden}
    assert not (site / "pagefind" / "patch" / "pagefind.js").exists()  # merged: no code of its own
    # A second edit of the same page: the patch again, the same stale page hidden.
    write_files(years, {"content/a.md": article("Grain talks", "2024-03-20T09:00:00Z", body="Wheat and rye.")})
    assert build_site(years).search == "patched"
    assert json.loads((site / "pagefind" / "patch.json").read_text())["hidden"] == hidden
    assert [filters.get("tag") for _, filters in _fragments(site / "pagefind" / "patch").values()] == [None]


@pytest.mark.parametrize("workers", [1, 2])
def test_indexing_shows_its_progress_in_pages(years: Path, workers: int) -> None:
    """Found in review: at 100,000 articles Pagefind runs for two of a cold build's three
    minutes, and the build showed no progress meanwhile (only reading and rendering had any)."""
    def indexing(**options: object) -> list[tuple[str, int, int]]:
        recorded = RecordedProgress()
        build_site(years, progress=recorded, workers=workers, **options)
        return [step for step in recorded.steps if step[0] == "indexing"]

    assert indexing() == [("indexing", 4, 4)]  # two bundles: 2024's three pages, 2025-03's one
    assert indexing() == []  # nothing changed
    write_files(years, {"content/a.md": article("Grain talks", "2024-03-20T09:00:00Z", body="Wheat and oats.")})
    assert indexing() == [("indexing", 1, 1)]  # the patch's one page
    assert indexing(search=False) == []


def test_new_and_removed_articles_use_the_patch_and_undo_restores_the_bundles(years: Path) -> None:
    build_site(years)
    site = years / "site"
    first = snapshot(site / "pagefind")
    gone_id, gone_filters = _fragments(site / "pagefind" / "2024")["/2024/04/21/budget-grows/"]
    removed = (years / "content" / "b.md").read_text()
    (years / "content" / "b.md").unlink()
    write_files(years, {"content/e.md": article("More March talks", "2025-03-25T09:00:00Z")})
    assert build_site(years).search == "patched"
    assert _page_counts(site) == {"2024": 3, "2025-03": 1, "patch": 1}  # the new article only
    assert list(_fragments(site / "pagefind" / "patch")) == ["/2025/03/25/more-march-talks/"]
    assert json.loads((site / "pagefind" / "patch.json").read_text())["hidden"] == {
        gone_id: {"url": "/2024/04/21/budget-grows/", "filters": gone_filters, "shard": "2024"}}
    (years / "content" / "e.md").unlink()
    write_files(years, {"content/b.md": removed})
    assert build_site(years).search == "patched"  # the patch goes: the bundles as they were
    assert snapshot(site / "pagefind") == first
    assert not (site / "pagefind" / "patch").exists()


def test_past_the_limit_the_shard_with_most_changes_is_indexed_again(years: Path) -> None:
    write_files(years, {"pyproject.toml": "[tool.archive]\nsearch_patch_pages = 2\n",
                        "content/e.md": article("More March talks", "2025-03-25T09:00:00Z")})
    build_site(years)
    site = years / "site"
    write_files(years, {"content/d.md": article("March talks", "2025-03-20T09:00:00Z", body="Edited.")})
    build_site(years)
    assert _page_counts(site) == {"2024": 3, "2025-03": 2, "patch": 1}
    for name in ("a", "b"):  # two articles of 2024 moved: four changed pages there, five in all
        write_files(years, {f"content/{name}.md": article(name, "2024-06-01T09:00:00Z")})
    build_site(years)
    assert _page_counts(site) == {"2024": 3, "2025-03": 2, "patch": 1}  # 2024 again; March's edit waits
    assert len(_fragments(site / "pagefind" / "2024")) == 3
    assert list(_fragments(site / "pagefind" / "patch")) == ["/2025/03/20/march-talks/"]
    assert json.loads((site / "pagefind" / "patch.json").read_text())["hidden"].keys() == {
        _fragments(site / "pagefind" / "2025-03")["/2025/03/20/march-talks/"][0]}


@pytest.mark.parametrize("layout", ["search.html", "pagefind.js"])
def test_layouts_from_before_the_patch_get_none(years: Path, layout: str) -> None:
    """A search.html without data-api imports the bundle's own module; a pagefind.js that does not
    read the patch file cannot merge it: a changed article's shard is indexed again instead."""
    builtin = (Path(__file__).parents[1] / "builder" / "layouts" / "search.html").read_text()
    old = {"search.html": builtin.replace(' data-api="{{ api }}"', ""),
           "pagefind.js": "export * from {{ primary|tojson }};\n"}
    write_files(years, {f"layouts/{layout}": old[layout]})
    build_site(years)
    write_files(years, {"content/a.md": article("Grain talks", "2024-03-20T09:00:00Z", body="Edited.")})
    assert build_site(years).search == "indexed"
    assert _page_counts(years / "site") == {"2024": 3, "2025-03": 1}  # its shard, indexed again
    assert json.loads((years / "site" / "pagefind" / "patch.json").read_text()) == {"bundle": "", "hidden": {}}


def test_a_page_whose_text_did_not_change_stays_in_its_bundle(years: Path) -> None:
    """An actor named a second time gets a page, so the first article's name becomes a link: its
    page changed, not what Pagefind makes of it. Patched, it would be found twice."""
    write_files(years, {"content/a.md": article("Grain talks", "2024-03-20T09:00:00Z", actors="[Ada Lovelace]")})
    build_site(years)
    site = years / "site"
    before = _fragments(site / "pagefind" / "2024")
    write_files(years, {"content/e.md": article("More talks", "2025-03-25T09:00:00Z", actors="[Ada Lovelace]")})
    assert build_site(years).search == "indexed"
    assert 'href="/actors/ada-lovelace/"' in (site / "2024/03/20/grain-talks/index.html").read_text()
    assert list(_fragments(site / "pagefind" / "patch")) == ["/2025/03/25/more-talks/"]
    assert json.loads((site / "pagefind" / "patch.json").read_text())["hidden"] == {}
    assert _fragments(site / "pagefind" / "2024") == before
    assert build_site(years).search == "unchanged"


def test_the_build_says_what_became_of_the_search_index(years: Path) -> None:
    def build_line() -> str:
        done = subprocess.run([sys.executable, "-m", "builder", "build", "--root", str(years)],
                              capture_output=True, text=True, timeout=120, check=True)
        return done.stdout

    assert "(search indexed," in build_line()
    original = (years / "content" / "a.md").read_text()
    write_files(years, {"content/a.md": article("Grain talks", "2024-03-20T09:00:00Z", body="Edited.")})
    assert "(search patched," in build_line()
    (years / "content" / "a.md").write_text(original)
    assert "(search patched," in build_line()  # the patch goes: the bundles as they were
    assert "(search index unchanged," in build_line()
    (years / "content" / "b.md").unlink()  # a removal only hides its page: nothing to index
    assert "(search patched," in build_line()
    assert json.loads((years / "site" / "pagefind" / "patch.json").read_text())["hidden"]


def test_a_layout_edit_outside_the_article_element_indexes_nothing_again(years: Path) -> None:
    """A page's search key is what Pagefind reads of it: a new footer (base.html) renders every
    page again and leaves every bundle as it was; a change inside the article element does not."""
    build_site(years)
    site = years / "site"
    before = snapshot(site / "pagefind")
    base = (Path(__file__).parents[1] / "builder" / "layouts" / "base.html").read_text()
    assert "</footer>" in base
    write_files(years, {"layouts/base.html": base.replace("</footer>", "<p>New footer line.</p></footer>")})
    result = build_site(years)
    assert "New footer line." in (site / "2024/03/20/grain-talks/index.html").read_text()
    assert result.rendered > 4 and result.search == "unchanged"
    assert snapshot(site / "pagefind") == before
    article_layout = (Path(__file__).parents[1] / "builder" / "layouts" / "article.html").read_text()
    assert "data-pagefind-meta=\"title\"{{ article.lang }}>" in article_layout
    write_files(years, {"layouts/article.html": article_layout.replace(
        'data-pagefind-meta="title"{{ article.lang }}>', 'data-pagefind-meta="title"{{ article.lang }}>Story: ')})
    assert build_site(years).search == "patched"  # every article changed: four pages in the patch
    assert _page_counts(site) == {"2024": 3, "2025-03": 1, "patch": 4}
    build_site(years, out=years / "clean", cache=False)
    found = searchable_pages(site)
    assert found == searchable_pages(years / "clean")
    assert found["/2024/03/20/grain-talks/"]["meta"]["title"] == "Story: Grain talks"
    (years / "layouts" / "article.html").unlink()  # undo: the bundles as they were, the patch gone
    assert build_site(years).search == "patched"
    assert snapshot(site / "pagefind") == before


def test_a_layout_edit_inside_an_ignored_element_indexes_nothing_again(years: Path) -> None:
    """The dateline is data-pagefind-ignore: Pagefind reads its date and source (metadata and
    filters) and nothing else of it. Rewording "min read" re-indexed every shard (13 s with
    search at 10,000 articles, 2.9 s without), as the page's search key hashed it; now the
    bundles stay, and they let a search find what a cold build's do."""
    build_site(years)
    site = years / "site"
    before = snapshot(site / "pagefind")
    layout = (Path(__file__).parents[1] / "builder" / "layouts" / "article.html").read_text()
    reading = '<span class="reading">{{ article.reading_minutes }} min read</span>'
    assert reading in layout
    write_files(years, {"layouts/article.html": layout.replace(reading, (
        '<span class="reading" title="at 230 words a minute">{{ article.reading_minutes }} minutes '
        "<b>to read</b></span>"))})
    result = build_site(years)
    assert "minutes <b>to read</b>" in (site / "2024/03/20/grain-talks/index.html").read_text()
    assert result.rendered == 4 and result.search == "unchanged"  # (the four article pages)
    assert snapshot(site / "pagefind") == before
    build_site(years, out=years / "clean", cache=False)
    assert searchable_pages(site) == searchable_pages(years / "clean")
    # Inside it, what Pagefind does read still counts: the date's metadata.
    write_files(years, {"layouts/article.html": layout.replace(
        'data-pagefind-meta="date">{{ article.date_text }}', 'data-pagefind-meta="date">On {{ article.date_text }}')})
    assert build_site(years).search == "patched"
    assert searchable_pages(site)["/2024/03/20/grain-talks/"]["meta"]["date"].startswith("On ")


IGNORED = (b'<html><head><title>T</title></head><body><article data-pagefind-body><h1>Hi</h1>'
           b'<p class="dateline" data-pagefind-ignore><a href="/d/"><time data-pagefind-meta="date">1 May</time></a>'
           b' <span class="sep">&middot;</span> <span class="reading">5 min read</span><br>'
           b'<span hidden data-pagefind-filter="year">2024</span></p><p>Body text.</p></article></body></html>')


def test_the_text_of_ignored_elements_is_left_out_of_the_search_key() -> None:
    assert search.without_ignored_text(IGNORED) == (
        b'<html><head><title>T</title></head><body><article data-pagefind-body><h1>Hi</h1>'
        b'<p class="dateline" data-pagefind-ignore><time data-pagefind-meta="date">1 May</time>'
        b'<span hidden data-pagefind-filter="year">2024</span></p><p>Body text.</p></article></body></html>')
    key = search.page_search_key(IGNORED)
    assert search.page_search_key(IGNORED.replace(b"5 min read", b"five minutes")) == key
    assert search.page_search_key(IGNORED.replace(b"1 May", b"2 May")) != key  # metadata
    assert search.page_search_key(IGNORED.replace(b"Body text", b"Body copy")) != key


@pytest.mark.parametrize("change", [
    (b'<span class="reading">', b'<span class="reading"><!-- x -->'),  # a comment
    (b"<br>", b"<div>a block</div>"),  # would end the <p>: its text is read
    (b'<span class="reading">5 min read</span>', b'<span class="reading">5 min read'),  # unclosed
    (b'<a href="/d/">', b'<a href="/d/"><a href="/e/">x</a>'),  # a link in a link ends the first
    (b'<span class="reading">', b'<span class="reading"/>'),  # not void: the slash closes nothing
    (b"</article>", b"<script>x</script></article>"),
], ids=["comment", "block", "unclosed", "link in link", "self-closed span", "script"])
def test_an_ignored_element_that_may_end_elsewhere_is_hashed_as_it_is(change: tuple[bytes, bytes]) -> None:
    page = IGNORED.replace(*change)
    assert page != IGNORED and search.without_ignored_text(page) is None


def test_a_corrupt_search_cache_is_indexed_again_and_the_site_has_copies(root: Path) -> None:
    """Bundles went from the cache into the site as hard links, unchecked: a hand edit of the
    site's file changed the cache too, and a cache file overwritten (a full disk, a killed copy)
    was deployed as it was, the build saying 'search index unchanged'."""
    build_site(root)
    entries = sorted((root / "site" / "pagefind").glob("*/pagefind-entry.json"))
    assert entries and all(entry.stat().st_nlink == 1 for entry in entries)
    cached = sorted((root / ".archive-cache" / "search").glob("*/pagefind-entry.json"))
    before = [path.read_bytes() for path in cached]
    entries[0].write_text("hand edit")
    assert [path.read_bytes() for path in cached] == before
    for path in (root / ".archive-cache" / "search").rglob("*"):
        if path.is_file() and path.name != search.MANIFEST:
            path.write_bytes(b"\0garbage")
    shutil.rmtree(root / "site")
    result = build_site(root)
    assert result.search == "indexed"
    for entry in (root / "site" / "pagefind").glob("*/pagefind-entry.json"):
        assert "languages" in json.loads(entry.read_text())
    assert all(search.bundle_is_whole(path.parent) for path in
               (root / ".archive-cache" / "search").glob("*/pagefind-entry.json"))


# -- stopping: the dev server's search refresh gives way to an edit --------------------------------

def test_a_stopped_pagefind_is_killed_and_says_so(tmp_path: Path) -> None:
    """Found while timing the dev server: a search refresh that indexes every shard again (11 s
    at 10,000 articles) kept an edit's build waiting until it ended."""
    site = tmp_path / "site"
    for number in range(3000):
        page = site / f"p{number}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f"<html lang='en'><body><main data-pagefind-body><h1>Page {number}</h1>"
                        f"<p>{'words of the page ' * 40}{number}</p></main></body></html>")
    stop = threading.Event()
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            search._run_pagefind(site, stop)
            outcome.append(None)
        except BaseException as exc:  # (handed to the test's thread)
            outcome.append(exc)
    thread = threading.Thread(target=run)
    thread.start()
    deadline = time.monotonic() + 30
    while not pagefind_processes(site) and time.monotonic() < deadline and thread.is_alive():
        time.sleep(0.01)
    assert pagefind_processes(site), "Pagefind did not start (or ended before it was seen)"
    stopped_at = time.monotonic()
    stop.set()
    thread.join(10)
    assert isinstance(outcome[0], search.SearchStopped) and time.monotonic() - stopped_at < 2
    assert pagefind_processes(site) == []


def test_a_stopped_search_refresh_stops_before_it_renders(years: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Found at 100,000 articles under `archive serve --watch`: an edit saved while the search
    refresh was reading the content waited 8 to 17 s for it, since the stop was looked at only
    once Pagefind ran (and a refresh with nothing to index never looked). It is looked at between
    the steps before too: a refresh stopped meanwhile renders and writes nothing."""
    build_site(years)
    before = snapshot(years / "site")
    layout = (Path(__file__).parents[1] / "builder" / "layouts" / "article.html").read_text()
    write_files(years, {"layouts/article.html": layout.replace("min read", "minutes to read")})  # not indexed
    def never_render(*args: object, **kwargs: object) -> None:
        raise AssertionError("a stopped refresh rendered pages")

    monkeypatch.setattr(pipeline, "write_pages", never_render)
    stop = threading.Event()
    stop.set()
    with pytest.raises(search.SearchStopped):
        build_site(years, stop=stop, refresh_search=True)
    assert snapshot(years / "site") == before


def test_a_build_stopped_while_indexing_leaves_the_site_as_it_was(years: Path) -> None:
    build_site(years)
    site = years / "site"
    before = snapshot(site)
    layout = (Path(__file__).parents[1] / "builder" / "layouts" / "article.html").read_text()
    title = 'data-pagefind-meta="title"{{ article.lang }}>'
    write_files(years, {"layouts/article.html": layout.replace(title, title + "Story: ")})
    stop = threading.Event()
    stop.set()
    with pytest.raises(search.SearchStopped):
        build_site(years, stop=stop)
    assert snapshot(site) == before and not list(years.glob(".site.*"))
    assert build_site(years).search == "patched"  # the next build does it all
    assert searchable_pages(site)["/2024/03/20/grain-talks/"]["meta"]["title"] == "Story: Grain talks"
