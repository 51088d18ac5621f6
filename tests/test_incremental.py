"""Rebuilds: the cache, overlay commits, unchanged files kept, and append-stable pages."""

from __future__ import annotations

import json
import os
import pickle
import re
import shutil
import subprocess
import sys
import zlib
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from builder.config import read_settings
from builder.gen import generate_corpus
from builder.load import validate_source
from builder.model import Article
from builder.pipeline import BuildResult
from builder.routes import article_path
from builder.source import SourceFile
from builder.stamps import with_hash
from builder.views import names as name_views
from builder.write import file_rel
from tests.helpers import article, broken_links, build_site, mtimes, searchable_pages, snapshot, write_files


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("incremental")
    generate_corpus(root, 260, profiles=False)
    write_files(root, {"pyproject.toml": "[tool.archive]\nper_page = 10\n"})
    return root


def shard_sizes(site: Path) -> dict[str, int]:
    """Articles per search bundle, counted from the article pages: a year's, less its month's
    when the newest month has a bundle of its own ("2025-12")."""
    def articles(folder: Path) -> int:
        return sum(1 for page in folder.rglob("index.html") if len(page.relative_to(site).parts) == 5)
    sizes = {}
    for shard in (site / "pagefind").iterdir():
        if not shard.is_dir() or shard.name == "patch":
            continue
        year, _, month = shard.name.partition("-")
        sizes[shard.name] = articles(site / year / month if month else site / year)
    for name in [n for n in sizes if "-" in n]:
        year = name.split("-")[0]
        if year in sizes:
            sizes[year] -= sizes[name]
    return sizes


def fresh_copy(corpus: Path, tmp_path: Path) -> Path:
    root = tmp_path / "site-root"
    os.system(f"cp -r {corpus} {root}")
    return root


LATER = datetime(2100, 1, 1, tzinfo=UTC)  # (so that a year after the corpus's newest story is past)
# The first builds of the corpus that most tests start from, each made once per module (and per
# xdist worker): ``search=False`` (the default), with search, and with ``now`` at LATER.
FIRST_BUILDS: dict[str, dict[str, object]] = {"plain": {"search": False}, "search": {},
                                              "later": {"search": False, "now": LATER}}
BuiltCopy = Callable[..., tuple[Path, BuildResult]]


@pytest.fixture(scope="module")
def first_builds(corpus: Path, tmp_path_factory: pytest.TempPathFactory,
                 ) -> Callable[[str], tuple[Path, Path, BuildResult]]:
    """``kind`` -> (where the corpus was built, the built tree moved aside, the first build's
    result). The cache's records are keyed by the site's absolute path: a copy of the built tree
    put back where it was built is, to the builder, the site just after that build."""
    base = tmp_path_factory.mktemp("first-builds")
    made: dict[str, tuple[Path, Path, BuildResult]] = {}

    def first_build(kind: str) -> tuple[Path, Path, BuildResult]:
        if kind not in made:
            work, original = base / kind / "site-root", base / kind / "original"
            work.parent.mkdir()
            shutil.copytree(corpus, work)
            result = build_site(work, **FIRST_BUILDS[kind])
            os.rename(work, original)
            made[kind] = (work, original, result)
        return made[kind]
    return first_build


@pytest.fixture
def built_copy(first_builds: Callable[[str], tuple[Path, Path, BuildResult]],
               tmp_path: Path) -> Iterator[BuiltCopy]:
    """``built_copy(kind="plain")`` -> (root, first build's result): a fresh copy of the corpus as
    its first build of that kind left it (site, cache, mtimes), as if the test had built it. The
    test's tree is moved to ``tmp_path / "site-root"`` when it ends (kept there if it failed)."""
    used: list[Path] = []

    def copy(kind: str = "plain") -> tuple[Path, BuildResult]:
        work, original, result = first_builds(kind)
        assert not used and not work.exists()
        subprocess.run(["cp", "-a", str(original), str(work)], check=True)  # (mtimes as built; copytree: 2x the CPU)
        used.append(work)
        return work, result
    yield copy
    for work in used:
        os.rename(work, tmp_path / "site-root")


def test_nothing_changed_is_a_no_op(corpus: Path, tmp_path: Path) -> None:
    root = fresh_copy(corpus, tmp_path)
    first = build_site(root, search=False, workers=2)
    assert first.rendered == first.pages and first.parsed == 260
    before = mtimes(root / "site")
    again = build_site(root, search=False, workers=2)
    assert again.unchanged and again.rendered == 0 and again.parsed == 0
    assert first.changed is None and again.changed == frozenset()  # (a first build: every file)
    assert mtimes(root / "site") == before


def test_one_edit_rewrites_only_the_pages_that_show_it(built_copy: BuiltCopy, tmp_path: Path) -> None:
    root, _ = built_copy()
    before, hashes = mtimes(root / "site"), snapshot(root / "site")
    target = sorted((root / "content").rglob("*.md"))[100]
    target.write_text(target.read_text().replace("\n---\n\n", "\n---\n\nA new first sentence. ", 1))
    result = build_site(root, search=False)
    assert result.parsed == 1
    after = snapshot(root / "site")
    changed = {p for p in after if after[p] != hashes.get(p)}
    assert 1 <= len(changed) <= 12
    assert result.changed == changed  # (what the dev server reloads)
    unchanged_mtimes = {p: t for p, t in mtimes(root / "site").items() if p not in changed}
    assert unchanged_mtimes == {p: before[p] for p in unchanged_mtimes}
    assert broken_links(root / "site") == []


def test_adding_the_newest_article_rewrites_a_bounded_set(built_copy: BuiltCopy, tmp_path: Path) -> None:
    root, _ = built_copy()
    hashes = snapshot(root / "site")
    write_files(root, {"content/2026/01/newest.md": article("The newest story", "2026-01-02T10:00:00Z",
                                                            tags="[Diplomacy, Energy]",
                                                            actors="[NATO, Russia, Viktor Orbán]")})
    added = build_site(root, search=False)
    after = snapshot(root / "site")
    rewritten = {p for p in after if after[p] != hashes.get(p)}
    assert added.changed == rewritten | (hashes.keys() - after.keys())
    # its page, its day/month/year, the previous newest article, the home page, each tag and actor
    # front page and index, feed, sitemap, search page: never old full pages
    assert len(rewritten) <= 40, sorted(rewritten)
    assert not [p for p in rewritten if "/page/" in p and not p.startswith("page/")], sorted(rewritten)


def test_removed_article_disappears_and_links_stay_whole(built_copy: BuiltCopy, tmp_path: Path) -> None:
    root, _ = built_copy()
    victim = sorted((root / "content").rglob("*.md"))[50]
    text = victim.read_text()
    victim.unlink()
    build_site(root, search=False)
    assert f"site/{victim.stem}" not in " ".join(p.as_posix() for p in (root / "site").rglob("index.html"))
    assert broken_links(root / "site") == []
    assert "title:" in text


def test_layout_change_rerenders_in_parallel_without_losing_pages(built_copy: BuiltCopy, tmp_path: Path) -> None:
    root, first = built_copy()
    pages = set(snapshot(root / "site"))
    base = (Path(__file__).parent.parent / "builder" / "layouts" / "base.html").read_text()
    write_files(root, {"layouts/base.html": base.replace("Skip to content", "Skip to the content")})
    result = build_site(root, search=False, workers=2)
    html_pages = [p for p in pages if p.endswith(".html") and p != "404.html"]
    assert len(html_pages) - 5 <= result.rendered < first.pages  # every page on base.html; no feed
    assert set(snapshot(root / "site")) == pages
    assert "Skip to the content" in (root / "site" / "index.html").read_text()
    assert broken_links(root / "site") == []


@pytest.mark.parametrize("change", ["setting", "corrupt-cache", "code-version"])
def test_cache_is_invalidated_never_trusted(built_copy: BuiltCopy, tmp_path: Path, change: str,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    root, _ = built_copy()
    cache = root / ".archive-cache" / "documents.pickle"
    if change == "setting":
        write_files(root, {"pyproject.toml": '[tool.archive]\nper_page = 10\ntimezone = "Asia/Tokyo"\n'})
    elif change == "corrupt-cache":
        data = bytearray(cache.read_bytes())
        data[len(data) // 2] ^= 0xFF
        cache.write_bytes(bytes(data))
        # A file saved again unchanged: the stamp no longer matches, the cache must be read.
        touched = sorted((root / "content").rglob("*.md"))[7]
        os.utime(touched, ns=(touched.stat().st_atime_ns, touched.stat().st_mtime_ns + 10**9))
    else:
        import builder.inputs
        import builder.pages

        for module in (builder.inputs, builder.pages):  # (each imports the version from builder.cache)
            monkeypatch.setattr(module, "__version__", "some-other-builder")
        monkeypatch.setattr("builder.cache.FORMAT", "some-other-builder")
    result = build_site(root, search=False)
    assert result.parsed == 260  # every file parsed again: nothing taken from the bad cache
    assert result.unchanged == (change == "corrupt-cache")  # same input, same site: nothing to write
    assert broken_links(root / "site") == []
    form = pickle.loads(cache.read_bytes())[0]
    assert isinstance(form, str)


@pytest.mark.parametrize("search", [False, True])
def test_a_new_builder_version_writes_only_the_files_that_changed(built_copy: BuiltCopy, tmp_path: Path, search: bool,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Found in review: the first build of a new version of the builder made a whole new site
    beside the old one and deleted the old one (25 s of deleting alone at 100,000 articles), as
    its record of pages, keyed by the version, was unusable, and with it the record of files.
    That record has a format of its own now: the site is updated in place like any rebuild."""
    root, _ = built_copy("search" if search else "plain")
    site = root / "site"
    before, folder = mtimes(site), os.stat(site).st_ino
    target = sorted((root / "content").rglob("*.md"))[100]
    target.write_text(target.read_text().rstrip("\n") + " One more sentence.\n")
    import builder.inputs
    import builder.pages

    for module in (builder.inputs, builder.pages):
        monkeypatch.setattr(module, "__version__", "some-other-builder")
    monkeypatch.setattr("builder.cache.FORMAT", "some-other-builder")
    upgraded = build_site(root, search=search, workers=2)
    assert upgraded.rendered == upgraded.pages  # the old version's record of pages is not trusted
    assert os.stat(site).st_ino == folder  # updated in place, not replaced
    after = mtimes(site)
    changed = {rel for rel in after if before.get(rel) != after[rel]}
    page = file_rel(article_path_of(root, target))
    if search:  # and the edited article's year, indexed again (Pagefind names most files by content)
        assert page in changed and all(rel == page or rel.startswith("pagefind/") for rel in changed)
        assert searchable_pages(site) == searchable_pages(build_site(root, out=tmp_path / "cold", cache=False).out)
    else:
        assert changed == {page}
        build_site(root, search=False, out=tmp_path / "cold", cache=False)
        assert snapshot(site) == snapshot(tmp_path / "cold")


def article_path_of(root: Path, source: Path) -> str:
    """The site path of the article in ``source``, as the build places it."""
    result = validate_source(SourceFile(source.relative_to(root).as_posix(), source.read_bytes()),
                             read_settings(root, None)[0])
    assert isinstance(result, Article)
    return article_path(result)


def test_a_file_of_the_old_site_where_a_folder_now_goes_makes_way(tmp_path: Path) -> None:
    """Found in review: a static file named ``2024`` removed in the build that adds the first
    article of 2024 failed the commit halfway with "Not a directory" (the file stood where the
    year's folder goes), and claimed the previous site was left as it was."""
    root = write_files(tmp_path, {"content/a.md": article("One", "2023-05-01T10:00:00Z"),
                                  "static/2024": "a static file\n"})
    build_site(root, search=False)
    (root / "static" / "2024").unlink()
    write_files(root, {"content/b.md": article("Two", "2024-05-01T10:00:00Z")})
    result = build_site(root, search=False)
    assert (root / "site" / "2024" / "05" / "01" / "two" / "index.html").is_file()
    build_site(root, search=False, out=tmp_path / "cold", cache=False)
    assert snapshot(root / "site") == snapshot(tmp_path / "cold")
    assert result.size_bytes == sum(p.stat().st_size for p in (root / "site").rglob("*") if p.is_file())
    assert not build_site(root, search=False).warnings  # the record knows the file went


def test_a_build_with_nothing_to_do_trusts_only_a_sound_stamp(built_copy: BuiltCopy, tmp_path: Path) -> None:
    """The stamp (sizes and mtimes of the content files the site in place was built from) ends
    a build with nothing to do before any cache is read; a corrupt or stale one is not trusted."""
    root, _ = built_copy()
    [stamp] = (root / ".archive-cache").glob("stamp-*.pickle")
    data = bytearray(stamp.read_bytes())
    data[len(data) // 2] ^= 0xFF
    stamp.write_bytes(bytes(data))
    (root / ".archive-cache" / "documents.pickle").unlink()  # reading it would parse every file
    again = build_site(root, search=False)
    assert again.unchanged and again.parsed == 260  # the corrupt stamp was not believed
    assert build_site(root, search=False).parsed == 0  # a sound one again
    target = sorted((root / "content").rglob("*.md"))[7]
    target.write_text(target.read_text().replace("\n---\n\n", "\n---\n\nA new first sentence. ", 1))
    edited = build_site(root, search=False)
    assert not edited.unchanged and edited.parsed == 1 and edited.rendered > 0


def test_a_layout_edit_rerenders_only_the_pages_that_use_it(built_copy: BuiltCopy, tmp_path: Path) -> None:
    root, _ = built_copy()
    before = snapshot(root / "site")
    period = (Path(__file__).parent.parent / "builder" / "layouts" / "period.html").read_text()
    write_files(root, {"layouts/period.html": period.replace("{% block main %}", "{% block main %}<!-- p -->", 1)})
    result = build_site(root, search=False)
    after = snapshot(root / "site")
    changed = {p for p in after if after[p] != before.get(p)}
    assert changed and all(p.split("/")[0].isdigit() and len(p.split("/")) <= 5 for p in changed), sorted(changed)
    assert not any(p.count("/") == 4 and not p.split("/")[3].isdigit() and p.split("/")[3] != "page"
                   for p in changed)  # no article page
    assert result.rendered == len(changed)


def test_a_layout_saved_while_a_build_runs_reaches_every_page_by_the_next_build(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The dev server's background search refresh is a build; a layout saved while it runs was
    half seen by it (the input hashed before the save, the templates after), and the next build
    then took the layout for known and rendered nothing (found with 100,000 articles). A build
    reads the layouts once: it renders the version it read, and the next build the new one, on
    the pages of that template only."""
    import builder.pipeline as pipeline

    root = fresh_copy(corpus, tmp_path)
    serving = {"search": False, "keep_model": True}  # as the dev server builds
    build_site(root, refresh_search=False, **serving)  # a build for an edit
    builtin = (Path(__file__).parent.parent / "builder" / "layouts" / "article.html").read_text()
    real_load = pipeline.load

    def load_then_save(*args: object, **kwargs: object) -> object:
        loaded = real_load(*args, **kwargs)  # type: ignore[arg-type]
        write_files(root, {"layouts/article.html": builtin.replace("min read", "minutes to read")})
        return loaded

    monkeypatch.setattr(pipeline, "load", load_then_save)
    racing = build_site(root, refresh_search=True, **serving)  # the search refresh, begun before the save
    monkeypatch.undo()
    articles = [p for p in (root / "site").glob("[12]*/*/*/*/index.html")]
    assert len(articles) == 260
    assert not racing.warnings
    assert not any("minutes to read" in page.read_text() for page in articles)  # the layouts it read
    after = build_site(root, refresh_search=False, **serving)  # the watcher's build for the save
    assert (after.checked, after.rendered) == (260, 260)  # the article pages, and only them
    assert all("minutes to read" in page.read_text() for page in articles)
    rebuilt = snapshot(root / "site")
    os.rename(root / "site", tmp_path / "old-site")
    os.rename(root / ".archive-cache", tmp_path / "old-cache")
    build_site(root, search=False)
    assert snapshot(root / "site") == rebuilt


def _shift_date(text: str, delta: timedelta) -> str:
    def shifted(match: re.Match[str]) -> str:
        when = datetime.fromisoformat(match[1]) + delta
        return "date: " + when.isoformat().replace("+00:00", "Z")
    return re.sub(r"^date: (\S+)$", shifted, text, count=1, flags=re.MULTILINE)


EDITS = {
    # display fields only: the rebuild renders just the pages that refer to the article
    "body past the summary": lambda t: t.rstrip("\n") + "\n\nA closing paragraph added later.\n",
    "first sentence (summary)": lambda t: t.replace("\n---\n\n", "\n---\n\nA new first sentence. ", 1),
    "source": lambda t: t.replace('source: "', 'source: "Wire ', 1),
    "a line above the title": lambda t: t.replace("---\n", "---\n# checked\n", 1),
    # the URL moves too: those pages, the sitemap, and the old URL's page goes
    "title": lambda t: t.replace('title: "', 'title: "Updated: ', 1),  # the slug follows the title
    "slug": lambda t: t.replace("title: ", f"slug: moved-{zlib.crc32(t.encode())}\ntitle: ", 1),
    # names: also the pages of the names added or removed, and the later articles they reach
    "a tag added": lambda t: t.replace("tags: [", 'tags: ["Politics", ', 1),
    "the last tag removed": lambda t: re.sub(r', "[^"]*"\]\n', "]\n", t, count=1),
    "an actor added": lambda t: t.replace("actors: [", 'actors: ["Russia", ', 1),
    "tags reversed": lambda t: re.sub(r"tags: \[(.*)\]", lambda m: f"tags: [{', '.join(reversed(m[1].split(', ')))}]",
                                      t, count=1),
    # dates that keep the article's place in the archive: also the periods it left and joined
    "an hour later": lambda t: _shift_date(t, timedelta(hours=1)),
    "a day later": lambda t: _shift_date(t, timedelta(days=1)),  # and so a new URL
    # structure: a new name, or the article's place in the archive's order: the edit counts as the
    # article's removal and its addition (builder.rebuild.added_or_removed_pages)
    "a new tag": lambda t: t.replace("tags: [", 'tags: ["Breaking", ', 1),  # a name that was not there
    "date": lambda t: t.replace("date: 20", "date: 19", 1),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_a_rebuild_after_an_edit_equals_a_cold_build(built_copy: BuiltCopy, tmp_path: Path, edit: str) -> None:
    """The rebuild's shortcuts (only the pages that show an edited article) lose nothing: the
    site equals one built from scratch from the same content."""
    root, _ = built_copy()
    before = snapshot(root / "site")
    for target in sorted((root / "content").rglob("*.md"))[120:123]:
        edited = EDITS[edit](target.read_text())
        assert edited != target.read_text()
        target.write_text(edited)
    rebuilt = build_site(root, search=False, workers=2)
    cold = build_site(root, search=False, out=tmp_path / "cold", cache=False)
    assert snapshot(root / "site") == snapshot(tmp_path / "cold")
    changed = {p for p, digest in snapshot(root / "site").items() if before.get(p) != digest}
    if edit == "a line above the title":  # no page shows where the title line is: the articles'
        # own pages are rendered again (their file's hash changed), to the same bytes
        assert not changed and rebuilt.rendered <= 3 and 0 < rebuilt.checked < cold.pages / 4
    else:
        assert changed and len(changed) <= rebuilt.rendered < cold.pages / 4
    assert rebuilt.checked < cold.pages / 4  # only the pages that can show the edits
    if edit in ("title", "slug"):  # the three old URLs' pages are gone
        assert len(set(before) - set(snapshot(root / "site"))) == 3
    if edit == "source":  # every page that lists an article shows its source: all change, no other is checked
        assert rebuilt.checked == rebuilt.rendered
    assert rebuilt.size_bytes == sum(p.stat().st_size for p in (root / "site").rglob("*") if p.is_file())


def test_a_title_edit_that_reorders_two_articles_of_the_same_minute_equals_a_cold_build(tmp_path: Path) -> None:
    """Articles of the same date go in slug order: a new title can swap two of them, and then
    every index lists them the other way round. No shortcut may keep the old order."""
    stories = {f"content/{n}.md": article(title, "2024-05-01T10:00:00Z", tags="[Energy]", actors="[NATO]")
               for n, title in enumerate(["Alpha talks", "Beta talks", "Gamma talks"])}
    write_files(tmp_path / "root", stories)
    root = tmp_path / "root"
    build_site(root, search=False)
    order = (root / "site" / "tags" / "energy" / "index.html").read_text()
    assert order.index("alpha-talks") > order.index("beta-talks")  # newest first: beta after alpha
    (root / "content" / "0.md").write_text(article("Zeta talks", "2024-05-01T10:00:00Z", tags="[Energy]",
                                                   actors="[NATO]"))
    build_site(root, search=False)
    build_site(root, search=False, out=tmp_path / "cold", cache=False)
    assert snapshot(root / "site") == snapshot(tmp_path / "cold")
    order = (root / "site" / "tags" / "energy" / "index.html").read_text()
    assert order.index("zeta-talks") < order.index("gamma-talks") < order.index("beta-talks")


def test_a_title_edit_is_found_under_the_new_url_only(built_copy: BuiltCopy, tmp_path: Path) -> None:
    root, _ = built_copy("search")
    target = sorted((root / "content").rglob("*.md"))[120]
    target.write_text(EDITS["title"](target.read_text()))
    old_path = next(p.parent for p in (root / "site").rglob("index.html") if p.parent.name == target.stem)
    rebuilt = build_site(root)
    assert rebuilt.search == "patched" and rebuilt.checked < rebuilt.pages / 4
    assert not old_path.exists()
    found = searchable_pages(root / "site")
    new_url = f"/{old_path.relative_to(root / 'site').parent.as_posix()}/updated-{target.stem}/"
    assert new_url in found and not [url for url in found if url.endswith(f"/{target.stem}/")]
    build_site(root, out=tmp_path / "cold", cache=False)
    assert found == searchable_pages(tmp_path / "cold")  # what a build from scratch finds
    assert rebuilt.size_bytes == sum(p.stat().st_size for p in (root / "site").rglob("*") if p.is_file())


def test_a_name_edited_in_the_latest_30_days_updates_the_trending_names_off_the_front_listing(
        tmp_path: Path) -> None:
    """The home page's trending names count the articles of the latest 30 days, more than its
    listing shows: a name edit of one of them changes the home page without being on it."""
    root = tmp_path / "root"
    actors = {6: "[NATO, Mark Rutte]", 7: "[NATO, Mark Rutte]"}
    stories = {f"content/s{n}.md": article(f"Story {n}", f"2024-05-{n + 1:02d}T10:00:00Z", tags="[Energy]",
                                           actors=actors.get(n, "[NATO, Russia]")) for n in range(8)}
    write_files(root, {"pyproject.toml": "[tool.archive]\nper_page = 3\n", **stories})
    build_site(root, search=False)
    home = (root / "site" / "index.html").read_text()
    assert home.index("Russia") < home.index("Mark Rutte")  # 6 articles against 2
    for n in (0, 1, 2):  # none of them on the front page (which lists the five newest)
        (root / "content" / f"s{n}.md").write_text(article(f"Story {n}", f"2024-05-{n + 1:02d}T10:00:00Z",
                                                           tags="[Energy]", actors="[NATO, Mark Rutte]"))
    rebuilt = build_site(root, search=False)
    build_site(root, search=False, out=tmp_path / "cold", cache=False)
    home = (tmp_path / "cold" / "index.html").read_text()
    assert home.index("Mark Rutte") < home.index("Russia")  # 5 against 3
    assert rebuilt.checked < rebuilt.pages and snapshot(root / "site") == snapshot(tmp_path / "cold")


def test_a_moved_url_is_told_with_the_alias_that_keeps_it(tmp_path: Path) -> None:
    """A title edit moves the article (its slug follows the title): links to the old URL are out
    there, so the build says so, naming the file, the line and the aliases: line that keeps it."""
    root = tmp_path / "root"
    write_files(root, {"content/a.md": article("Talks resume", "2024-05-01T10:00:00Z"),
                       "content/b.md": article("Other story", "2024-05-02T10:00:00Z")})
    assert build_site(root, search=False).warnings == []
    (root / "content" / "a.md").write_text(article("Talks resume in Geneva", "2024-05-01T10:00:00Z"))
    (root / "content" / "b.md").write_text(article("Other story", "2024-05-02T10:00:00Z", body="New body."))
    done = subprocess.run([sys.executable, "-m", "builder", "build", "--root", str(root), "--no-search"],
                          capture_output=True, text=True, timeout=120, check=True)
    assert done.stderr.splitlines() == [
        "warning: content/a.md:2: slug: the article moved from /2024/05/01/talks-resume/ to "
        "/2024/05/01/talks-resume-in-geneva/; links to the old URL will fail unless it is kept: "
        'add aliases: ["/2024/05/01/talks-resume/"]']  # the body edit of b.md moved nothing
    (root / "content" / "a.md").write_text(article("Talks resume in Geneva", "2024-05-01T10:00:00Z",
                                                   aliases='["/2024/05/01/talks-resume/"]'))
    assert build_site(root, search=False).warnings == []
    redirect = root / "site" / "2024" / "05" / "01" / "talks-resume" / "index.html"
    assert "talks-resume-in-geneva" in redirect.read_text()
    assert broken_links(root / "site") == []


def test_a_profile_renamed_without_its_old_name_is_told_with_the_alias_that_keeps_its_articles(
        tmp_path: Path) -> None:
    """Articles give the names the importer found: a profile renamed without its old name among
    its aliases lost every article (they named the old name, now a name of its own), silently."""
    profile = "---\nname: {}\nkind: person\n{}---\n"
    write_files(tmp_path, {"content/a.md": article("Grain talks", "2024-05-01T10:00:00Z", actors="[Mark Rutte]"),
                           "content/b.md": article("Oil talks", "2024-05-02T10:00:00Z", actors="[Mark Rutte]"),
                           "content/actors/rutte.md": profile.format("Mark Rutte", "")})
    assert build_site(tmp_path, search=False).warnings == []
    (tmp_path / "content" / "actors" / "rutte.md").write_text(profile.format("Mark Rutte (NATO)", ""))
    assert [str(w) for w in build_site(tmp_path, search=False).warnings] == [
        "content/actors/rutte.md:2: name: renamed from 'Mark Rutte', which 2 articles still name: they are no "
        "longer about 'Mark Rutte (NATO)'; add 'Mark Rutte' to aliases: to keep them (and its URL, which then "
        "leads to the actor's page)"]
    (tmp_path / "content" / "actors" / "rutte.md").write_text(
        profile.format("Mark Rutte (NATO)", "aliases: [mark rutte]\n"))
    assert build_site(tmp_path, search=False).warnings == []
    assert "Grain talks" in (tmp_path / "site" / "actors" / "mark-rutte-nato" / "index.html").read_text()
    assert "mark-rutte-nato" in (tmp_path / "site" / "actors" / "mark-rutte" / "index.html").read_text()
    (tmp_path / "content" / "actors" / "rutte.md").write_text(profile.format("NATO chief", "aliases: [mark rutte]\n"))
    assert build_site(tmp_path, search=False).warnings == []  # renamed again: its articles still follow it


def test_articles_a_new_time_zone_moves_to_another_day_are_told_with_the_alias(tmp_path: Path) -> None:
    """Found by a probe: a new ``timezone`` places every article dated near midnight on another
    day, and so at another URL (wire copy dated in UTC, 22:00 to 24:00, moved to the next day in
    Berlin: one article in twelve). The build said nothing: the old URLs failed, and the feed
    entries got new ids, so feed readers showed them again. Each is told as an edit that moves an
    article is, the first five, then a count."""
    root = tmp_path / "root"
    late = {f"content/late{n}.md": article(f"Late story {n}", f"2024-05-0{n + 1}T23:00:00Z") for n in range(7)}
    write_files(root, {**late, "content/day.md": article("Daytime story", "2024-05-01T12:00:00Z"),
                       "content/daily1.md": article("Daily briefing", "2024-05-01T08:00:00Z"),
                       "content/daily2.md": article("Daily briefing", "2024-05-02T08:00:00Z")})
    assert build_site(root, search=False).warnings == []
    write_files(root, {"pyproject.toml": '[tool.archive]\ntimezone = "Europe/Berlin"\n'})
    (root / "content" / "daily1.md").unlink()  # a story taken down: not a move to the day of its namesake
    rebuilt = build_site(root, search=False)
    warnings = [str(w) for w in rebuilt.warnings]
    # The dev server sends a page open at an old URL to the new one (found by a probe: it showed
    # "Page not found" after a time zone change, though the move was known).
    assert rebuilt.moved["2024/05/01/late-story-0/"] == "2024/05/02/late-story-0/" and len(rebuilt.moved) == 7
    assert warnings[:2] == [
        "content/late0.md: date: the article moved from /2024/05/01/late-story-0/ to /2024/05/02/late-story-0/ "
        "(its date falls on another day in the site's time zone); links to the old URL will fail unless it "
        'is kept: add aliases: ["/2024/05/01/late-story-0/"]',
        "content/late1.md: date: the article moved from /2024/05/02/late-story-1/ to /2024/05/03/late-story-1/ "
        "(its date falls on another day in the site's time zone); links to the old URL will fail unless it "
        'is kept: add aliases: ["/2024/05/02/late-story-1/"]']
    assert len(warnings) == 6 and warnings[5] == "content: ... and 2 more articles moved to another day"
    write_files(root, {f"content/late{n}.md": article(f"Late story {n}", f"2024-05-0{n + 1}T23:00:00Z",
                                                      aliases=f'["/2024/05/0{n + 1}/late-story-{n}/"]')
                       for n in range(7)})
    assert build_site(root, search=False).warnings == []
    assert broken_links(root / "site") == []


def test_a_rebuild_after_an_edit_patches_search_and_leaves_no_stale_search_file(
        built_copy: BuiltCopy, tmp_path: Path) -> None:
    root, _ = built_copy("search")
    target = sorted((root / "content").rglob("*.md"))[120]
    target.write_text(EDITS["first sentence (summary)"](target.read_text()))
    rebuilt = build_site(root)
    bundles = root / "site" / "pagefind"
    fragments = {shard.name: len(list((shard / "fragment").iterdir())) for shard in bundles.iterdir()
                 if shard.is_dir() and shard.name != "patch"}
    assert rebuilt.search == "patched" and fragments == shard_sizes(root / "site")  # one per article, none stale
    assert len(list((bundles / "patch" / "fragment").iterdir())) == 1  # the edited article, as it is now
    assert len(json.loads((bundles / "patch.json").read_text())["hidden"]) == 1  # as it was
    assert rebuilt.size_bytes == sum(p.stat().st_size for p in (root / "site").rglob("*") if p.is_file())


def test_the_dev_servers_late_search_refresh_renders_nothing_again(built_copy: BuiltCopy, tmp_path: Path) -> None:
    """serve --watch builds first without refreshing search, then refreshes it: the second build
    must only index, not check every page again (it was a full rebuild before)."""
    root, _ = built_copy("search")
    target = sorted((root / "content").rglob("*.md"))[120]
    target.write_text(EDITS["first sentence (summary)"](target.read_text()))
    quick = build_site(root, refresh_search=False)
    assert quick.search == "stale" and 1 <= quick.rendered <= 40
    refreshed = build_site(root)
    assert refreshed.search == "patched" and refreshed.rendered == 0 and refreshed.checked == 0
    html = {p: d for p, d in snapshot(root / "site").items() if not p.startswith("pagefind/")}
    build_site(root, out=tmp_path / "cold", cache=False)
    assert html == {p: d for p, d in snapshot(tmp_path / "cold").items() if not p.startswith("pagefind/")}


def test_the_recorded_size_of_a_first_build_is_that_of_its_files(corpus: Path, tmp_path: Path) -> None:
    """A full build counts the bytes it places instead of walking the new site afterwards."""
    root = fresh_copy(corpus, tmp_path)
    for workers in (1, 2):
        result = build_site(root, out=tmp_path / f"out-{workers}", workers=workers)
        files = [p for p in (tmp_path / f"out-{workers}").rglob("*") if p.is_file()]
        assert result.size_bytes == sum(p.stat().st_size for p in files) > 0


APPENDS = {
    # name: (articles to add, given the previous newest article's date and a name used once; fast path?)
    "newest, known names": (lambda newest, once: [("The newest story", newest + timedelta(days=1),
                                                   "[Diplomacy, Energy]", "[NATO, Russia]")], True),
    "same day, new names": (lambda newest, once: [("Later the same day", newest + timedelta(minutes=5),
                                                   "[Brand New Tag]", "[Ada Newcomer, NATO]")], True),
    "a new year, two articles": (lambda newest, once: [
        ("Next year", newest + timedelta(days=400), "[Energy]", "[Russia]"),
        ("Next year again", newest + timedelta(days=401), "[Energy, Diplomacy]", "[Ada Newcomer]")], True),
    "an actor named once gets a page": (lambda newest, once: [
        ("Named again", newest + timedelta(hours=2), "[Energy]", f"[{once}]")], True),
    "a batch of 25 fills pages": (lambda newest, once: [
        (f"Batch story {i}", newest + timedelta(minutes=i + 1), "[Energy, Diplomacy]", "[NATO, Russia]")
        for i in range(25)], True),
    # A name's slug goes to its first use: a newer name with it gets a hashed one (nothing moves);
    # a story older than all others brings one that takes the slug (names' pages move).
    "a new name with an older name's slug": (lambda newest, once: [
        ("Slug thief", newest + timedelta(days=1), "[Energy]", "[-NATO]")], True),
    "an old story's new name takes a name's slug": (lambda newest, once: [
        ("Slug thief", newest - timedelta(days=365 * 60), "[Energy]", "[-NATO]")], False),
    # Copy that comes in late, dated among the newest: the articles after it move along.
    "late, an hour before the newest": (lambda newest, once: [
        ("Late story", newest - timedelta(hours=1), "[Diplomacy, Energy]", "[NATO, Russia]")], True),
    "late, two days back, new names": (lambda newest, once: [
        ("Later still", newest - timedelta(days=2), "[Brand New Tag]", "[Ada Newcomer, NATO]"),
        ("And another", newest - timedelta(days=1, hours=3), "[Energy]", f"[{once}]")], True),
    "a story from years ago": (lambda newest, once: [
        ("From the archive", newest - timedelta(days=3000), "[Energy]", "[Russia]")], True),
}


@pytest.mark.parametrize("case", sorted(APPENDS))
def test_a_rebuild_after_new_articles_equals_a_cold_build(built_copy: BuiltCopy, tmp_path: Path, case: str) -> None:
    """New articles newer than all others (the everyday case) check only the pages that can show
    them, and lose nothing: the site equals one built from scratch."""
    later = LATER
    root, first = built_copy("later")
    assert first.site is not None
    newest = first.site.articles[-1].date
    once = min(name for name, members in first.site.actor_index.items() if len(members) == 1)
    make, fast = APPENDS[case]
    files = {f"content/new/{i}.md": article(title, when.isoformat(), tags=tags, actors=actors)
             for i, (title, when, tags, actors) in enumerate(make(newest, once))}
    write_files(root, files)
    rebuilt = build_site(root, search=False, workers=2, now=later)
    cold = build_site(root, search=False, out=tmp_path / "cold", cache=False, now=later)
    assert snapshot(root / "site") == snapshot(tmp_path / "cold")
    assert rebuilt.articles == first.articles + len(files)
    assert (rebuilt.checked < cold.pages / 2) == fast, (rebuilt.checked, cold.pages)
    if case == "newest, known names":  # the older pages of long listings are not even checked
        assert rebuilt.checked < 80, rebuilt.checked  # all of them: 116 (the home page alone has 27)


REMOVALS = {
    # name: (which article files go, given the first build; articles to add; fast path?)
    "one from the middle": (lambda site, files: [files[120]], [], True),
    "the newest": (lambda site, files: [site.articles[-1].rel], [], True),
    "two of the same day": (lambda site, files: [a.rel for a in site.articles
                                                 if a.date.date() == site.articles[40].date.date()][:2], [], True),
    "an actor's second-last article: no page for it now": (lambda site, files: [
        site.articles[min(m for m in site.actor_index.values() if len(m) == 2)[0]].rel], [], True),
    "one gone and one late": (lambda site, files: [files[200]],
                              [("Late story", timedelta(hours=-1), "[Diplomacy]", "[NATO]")], True),
}


@pytest.mark.parametrize("case", sorted(REMOVALS))
def test_a_rebuild_after_removals_equals_a_cold_build(built_copy: BuiltCopy, tmp_path: Path, case: str) -> None:
    """A story taken down checks only the pages that showed it or that its going moves (the
    articles beside it, its names' and periods' newer listing pages, the later articles of its
    names): the site equals one built from scratch, and its page is gone."""
    root, first = built_copy()
    assert first.site is not None
    files = sorted(p.relative_to(root).as_posix() for p in (root / "content").rglob("*.md"))
    pick, additions, fast = REMOVALS[case]
    gone = pick(first.site, files)
    gone_paths = [article_path(a) for a in first.site.articles if a.rel in gone]
    assert gone and len(gone_paths) == len(gone)
    for rel in gone:
        (root / rel).unlink()
    newest = first.site.articles[-1].date
    write_files(root, {f"content/new/{i}.md": article(title, (newest + shift).isoformat(), tags=tags, actors=actors)
                       for i, (title, shift, tags, actors) in enumerate(additions)})
    rebuilt = build_site(root, search=False, workers=2)
    cold = build_site(root, search=False, out=tmp_path / "cold", cache=False)
    assert snapshot(root / "site") == snapshot(tmp_path / "cold")
    assert rebuilt.articles == first.articles - len(gone) + len(additions)
    assert (rebuilt.checked < cold.pages / 2) == fast, (rebuilt.checked, cold.pages)
    assert not [path for path in gone_paths if (root / "site" / path).exists()]


def test_a_split_index_after_new_articles_equals_a_cold_build(corpus: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Letter pages of a long index (here: any index over 3 names) follow new names on the short path."""
    monkeypatch.setattr(name_views, "INDEX_NAMES_MAX", 3)
    monkeypatch.setattr(name_views, "TOP_PER_KIND", 2)
    root = fresh_copy(corpus, tmp_path)
    first = build_site(root, search=False)
    assert first.site is not None
    newest = first.site.articles[-1].date
    write_files(root, {"content/new/0.md": article("Xylophones", (newest + timedelta(days=1)).isoformat(),
                                                   tags="[Xylophone Trade]", actors="[Quinn Quartermain, Xu Xi]")})
    rebuilt = build_site(root, search=False, workers=2)
    cold = build_site(root, search=False, out=tmp_path / "cold", cache=False)
    assert snapshot(root / "site") == snapshot(tmp_path / "cold")
    assert "Xylophone Trade" in (root / "site" / "tags" / "a-z" / "x" / "index.html").read_text("utf-8")
    assert rebuilt.checked < cold.pages / 2


@pytest.mark.parametrize("overlay", [True, False])
def test_a_build_killed_in_its_commit_then_the_change_undone_gives_the_old_site_back(
        built_copy: BuiltCopy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, overlay: bool) -> None:
    """A build stopped halfway through its commit (overlay: some pages renamed into place) or
    right after it (a full build, after a setting changed: the folders swapped), before it could
    record what it built: when the editor then undoes the change, the next build must not take
    the half-new site for the old one."""
    from builder import write

    root, _ = built_copy()
    clean = snapshot(root / "site")
    target, settings = sorted((root / "content").rglob("*.md"))[120], root / "pyproject.toml"
    originals = {target: target.read_text(), settings: settings.read_text()}
    if overlay:
        target.write_text(originals[target].replace('title: "', 'title: "Updated: ', 1))  # many pages change

        def half_commit(self: write.Staging) -> None:
            for path in sorted(p for p in self.folder.rglob("*") if p.is_file())[::2]:
                (self.out / path.relative_to(self.folder)).parent.mkdir(parents=True, exist_ok=True)
                os.replace(path, self.out / path.relative_to(self.folder))
            raise KeyboardInterrupt  # as a kill: no record of this build is written
        monkeypatch.setattr(write.Staging, "_commit_overlay", half_commit)
    else:
        settings.write_text(originals[settings].replace("per_page = 10", "per_page = 12"))
        monkeypatch.setattr("builder.pipeline.write_pickle", _interrupted)
    with pytest.raises(KeyboardInterrupt):
        build_site(root, search=False)
    monkeypatch.undo()
    assert snapshot(root / "site") != clean  # some of the change is in place
    for path, text in originals.items():
        path.write_text(text)
    build_site(root, search=False)
    assert snapshot(root / "site") == clean


def _interrupted(*args: object) -> None:
    raise KeyboardInterrupt


LAYOUT_EDITS = {  # template -> (text to find, its replacement): each shows in that template's pages
    "article.html": ("min read", "minutes to read"),
    "period.html": ("{% block main %}", "{% block main %}<!-- period -->"),
    "entity.html": ("{% block main %}", "{% block main %}<!-- entity -->"),
    "_macros.html": ("counted from the oldest", "numbered from the oldest"),
    "feed.xml": ("</feed>", "<!-- feed --></feed>"),
    "base.html": ("Skip to content", "Skip to the content"),
}


@pytest.mark.parametrize("template", sorted(LAYOUT_EDITS))
def test_a_layout_edit_checks_only_the_pages_of_the_layouts_it_changes(built_copy: BuiltCopy, tmp_path: Path,
                                                                      template: str) -> None:
    """Views do not depend on layouts: when only layouts changed, only the pages whose template
    (with the layouts it extends, imports or includes) changed are looked at, and the site is
    the one a build from scratch makes."""
    root, first = built_copy()
    source = (Path(__file__).parent.parent / "builder" / "layouts" / template).read_text()
    old, new = LAYOUT_EDITS[template]
    assert old in source
    write_files(root, {f"layouts/{template}": source.replace(old, new, 1)})
    rebuilt = build_site(root, search=False, workers=2)
    build_site(root, search=False, out=tmp_path / "cold", cache=False)
    assert snapshot(root / "site") == snapshot(tmp_path / "cold")
    assert rebuilt.rendered > 0 and rebuilt.checked >= rebuilt.rendered
    if template == "article.html":
        assert rebuilt.checked == rebuilt.rendered == 260  # the article pages, and no other
    elif template in ("base.html", "_macros.html"):  # every HTML page uses them; feeds do not
        assert rebuilt.checked < first.pages
    else:
        assert rebuilt.checked < first.pages / 2


def test_a_layout_edit_with_an_article_edit_checks_every_page(built_copy: BuiltCopy, tmp_path: Path) -> None:
    root, first = built_copy()
    source = (Path(__file__).parent.parent / "builder" / "layouts" / "period.html").read_text()
    edited = sorted((root / "content").rglob("*.md"))[100]
    write_files(root, {"layouts/period.html": source.replace("{% block main %}", "{% block main %}<!-- p -->", 1)})
    edited.write_text(edited.read_text().replace("\n---\n\n", "\n---\n\nA new first sentence. ", 1))
    rebuilt = build_site(root, search=False)
    assert rebuilt.checked == first.pages
    build_site(root, search=False, out=tmp_path / "cold", cache=False)
    assert snapshot(root / "site") == snapshot(tmp_path / "cold")


def test_a_static_file_edit_checks_no_page_and_a_removed_one_goes(corpus: Path, tmp_path: Path) -> None:
    """Pages name static files by URL only: a new style sheet renders nothing again. A static file
    removed together with a layout edit leaves the site too."""
    root = fresh_copy(corpus, tmp_path)
    write_files(root, {"static/extra.css": "body { color: black; }\n", "static/old.txt": "old\n"})
    build_site(root, search=False)
    write_files(root, {"static/extra.css": "body { color: navy; }\n"})
    rebuilt = build_site(root, search=False)
    assert rebuilt.checked == 0 and rebuilt.rendered == 0
    assert (root / "site" / "extra.css").read_text() == "body { color: navy; }\n"
    (root / "static" / "old.txt").unlink()
    period = (Path(__file__).parent.parent / "builder" / "layouts" / "period.html").read_text()
    write_files(root, {"layouts/period.html": period.replace("{% block main %}", "{% block main %}<!-- p -->", 1)})
    rebuilt = build_site(root, search=False)
    assert 0 < rebuilt.checked < rebuilt.pages / 2
    assert not (root / "site" / "old.txt").exists()
    build_site(root, search=False, out=tmp_path / "cold", cache=False)
    assert snapshot(root / "site") == snapshot(tmp_path / "cold")


def test_a_static_file_in_place_of_an_asset_or_a_page_stays_after_a_rebuild(tmp_path: Path) -> None:
    """static/ is copied last, over the built-in assets and the pages: a rebuild that renders the
    home page again, and copies the built-in style sheet, still ends with the project's files."""
    root = write_files(tmp_path / "root", {
        "content/a.md": article("First story", "2024-05-01T10:00:00Z", tags="[Energy]"),
        "static/assets/style.css": "body { color: navy; }\n",
        "static/index.html": "<!doctype html><title>Home</title><p>Our own home page</p>\n"})
    build_site(root, search=False)
    write_files(root, {"content/b.md": article("Second story", "2024-05-02T10:00:00Z", tags="[Energy]")})
    build_site(root, search=False)
    build_site(root, search=False, out=tmp_path / "cold", cache=False)
    assert (root / "site" / "assets" / "style.css").read_text() == "body { color: navy; }\n"
    assert "Our own home page" in (root / "site" / "index.html").read_text()
    assert snapshot(root / "site") == snapshot(tmp_path / "cold")


def test_unchanged_static_files_are_not_read_again_and_a_damaged_copy_is(tmp_path: Path) -> None:
    """A one-article rebuild read every static file and its copy in the site to compare them
    (500 MB of images: 0.3 s of a 0.33 s rebuild). Static files unchanged since the last build
    (path, size, mtime), whose copies are as the site's record has them, are now kept unread:
    a copy altered behind the record's back (same size and mtime) is left as it is, while one
    changed in the open is written again."""
    root = write_files(tmp_path / "root", {
        "content/a.md": article("First story", "2024-05-01T10:00:00Z"),
        "static/img/photo.jpg": "JPEG" * 1000, "static/img/other.jpg": "PNG!" * 1000})
    build_site(root, search=False)
    hidden, seen = root / "site" / "img" / "photo.jpg", root / "site" / "img" / "other.jpg"
    before = hidden.stat()
    hidden.write_text("XXXX" * 1000)  # same size, mtime put back: as the record has it
    os.utime(hidden, ns=(before.st_atime_ns, before.st_mtime_ns))
    seen.write_text("edited by hand")
    write_files(root, {"content/b.md": article("Second story", "2024-05-02T10:00:00Z")})
    rebuilt = build_site(root, search=False)
    assert hidden.read_text() == "XXXX" * 1000  # not read: trusted as recorded
    assert seen.read_text() == "PNG!" * 1000
    assert [w.path for w in rebuilt.warnings] == ["site/img/other.jpg"]
    (root / "static" / "img" / "photo.jpg").write_text("JPEG" * 1001)  # a static edit: compared and copied
    build_site(root, search=False)
    build_site(root, search=False, out=tmp_path / "cold", cache=False)
    assert snapshot(root / "site") == snapshot(tmp_path / "cold")


def test_a_page_comes_back_when_the_static_file_in_its_place_goes(tmp_path: Path) -> None:
    """A static file that stood in for a page (static/index.html, static/tags/index.html) and is
    removed gives the built page back, as a cold build has it, though no page's input changed."""
    root = write_files(tmp_path / "root", {
        "content/a.md": article("First story", "2024-05-01T10:00:00Z", tags="[Energy]"),
        "static/index.html": "<!doctype html><title>Home</title><p>Our own home page</p>\n",
        "static/tags/index.html": "<!doctype html><title>Tags</title><p>Our own tags</p>\n"})
    build_site(root, search=False)
    assert "Our own home page" in (root / "site" / "index.html").read_text()
    (root / "static" / "index.html").unlink()
    (root / "static" / "tags" / "index.html").unlink()
    rebuilt = build_site(root, search=False)
    build_site(root, search=False, out=tmp_path / "cold", cache=False)
    assert "Our own" not in (root / "site" / "index.html").read_text()
    assert snapshot(root / "site") == snapshot(tmp_path / "cold")
    assert rebuilt.rendered == 2 and not rebuilt.warnings  # those two pages; nobody edited the site


def test_an_old_url_at_the_top_of_the_site_removed_takes_nothing_else_with_it(tmp_path: Path) -> None:
    """An alias such as /old-story.html is a page at the top of the site: when it goes, only its
    file goes, not the search index nor files added by hand (the rest of its folder, the site)."""
    stories = {f"content/{n}.md": article(f"Story number {n}", f"2024-05-0{n + 1}T10:00:00Z", tags="[Energy]")
               for n in range(3)}
    root = write_files(tmp_path / "root", {**stories, "content/0.md": article(
        "Story number 0", "2024-05-01T10:00:00Z", tags="[Energy]", aliases='["/old-story.html"]')})
    build_site(root, search=True)
    assert (root / "site" / "old-story.html").is_file()
    (root / "site" / "by-hand.txt").write_text("added by hand\n")
    write_files(root, {"content/0.md": stories["content/0.md"]})
    build_site(root, search=True)
    build_site(root, search=True, out=tmp_path / "cold", cache=False)
    assert not (root / "site" / "old-story.html").exists()
    assert (root / "site" / "by-hand.txt").read_text() == "added by hand\n"
    assert searchable_pages(root / "site").keys() == searchable_pages(tmp_path / "cold").keys()
    assert len(searchable_pages(root / "site")) == 3


def test_articles_that_go_from_their_years_bundle_to_the_newest_months_stay_searchable(tmp_path: Path) -> None:
    """The newest month has a search bundle of its own. When its only article goes, the month
    before becomes the newest: its articles leave their year's bundle (kept, their versions there
    hidden) for a bundle of their own, and are found there, as in a cold build."""
    stories = {"content/jan.md": article("January story", "2025-01-10T10:00:00Z", tags="[Energy]"),
               "content/mar1.md": article("First March story", "2025-03-05T10:00:00Z", tags="[Energy]"),
               "content/mar2.md": article("Second March story", "2025-03-20T10:00:00Z", tags="[Energy]"),
               "content/apr.md": article("April story", "2025-04-02T10:00:00Z", tags="[Energy]")}
    root = write_files(tmp_path / "root", stories)
    build_site(root, search=True)
    assert sorted(p.name for p in (root / "site" / "pagefind").iterdir() if p.is_dir()) == ["2025", "2025-04"]
    (root / "content" / "apr.md").unlink()
    build_site(root, search=True)
    build_site(root, search=True, out=tmp_path / "cold", cache=False)
    found = searchable_pages(root / "site")
    assert found.keys() == searchable_pages(tmp_path / "cold").keys()
    assert len(found) == 3


def test_switching_search_on_and_off_checks_the_search_pages_only(built_copy: BuiltCopy, tmp_path: Path) -> None:
    """An operator previews with --no-search and deploys with search: each switch rendered every
    page again (the flag was in every page's key), 11 s instead of 0.3 s at 6,500 articles. Only
    the search page and the search API file depend on it; search finds what a cold build's finds."""
    root, _ = built_copy("search")
    for search in (False, True, False, True):
        new = root / "content" / "2025" / "12" / f"switch-{search}-{len(list(root.rglob('*.md')))}.md"
        write_files(root, {str(new.relative_to(root)): article(f"Switch {new.stem}", "2025-12-31T20:00:00Z")})
        result = build_site(root, search=search)
        assert result.rendered < 40, result.rendered
        cold = build_site(root, search=search, out=tmp_path / f"cold-{search}", cache=False)
        assert cold.rendered > 300
        site, cold_site = root / "site", tmp_path / f"cold-{search}"
        assert (site / "pagefind").exists() is search
        assert {k: v for k, v in snapshot(site).items() if not k.startswith("pagefind/")} == \
            {k: v for k, v in snapshot(cold_site).items() if not k.startswith("pagefind/")}
        if search:
            assert searchable_pages(site) == searchable_pages(cold_site)


def test_a_new_builder_version_keeps_the_search_bundles_and_patch_in_place(built_copy: BuiltCopy, tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Found in a simulated year of daily builds: old articles edited day after day wait in the
    search patch, so at any time most years' bundles have pages in it; the first build of a new
    builder version forgot which bundles and patch were in place (the record of pages is keyed by
    the version) and indexed those years again: 8,068 search files rewritten (every one) at
    6,500 articles, where no indexed page had changed."""
    root, _ = built_copy("search")
    for target in sorted((root / "content").rglob("*.md"))[10:250:60]:  # one edit in each year
        target.write_text(target.read_text().rstrip("\n") + " One more sentence.\n")
    assert build_site(root, search=True).search == "patched"
    site = root / "site"
    before = mtimes(site)
    import builder.inputs
    import builder.pages

    for module in (builder.inputs, builder.pages):
        monkeypatch.setattr(module, "__version__", "some-other-builder")
    monkeypatch.setattr("builder.cache.FORMAT", "some-other-builder")
    upgraded = build_site(root, search=True, workers=2)
    assert upgraded.rendered == upgraded.pages
    after = mtimes(site)
    assert sorted(rel for rel in after if before.get(rel) != after[rel]) == []
    assert searchable_pages(site) == searchable_pages(build_site(root, out=tmp_path / "cold", cache=False).out)


@pytest.mark.parametrize("order", ["added", "removed"])
def test_an_article_whose_name_takes_or_frees_an_alias_slug_equals_a_cold_build(tmp_path: Path, order: str) -> None:
    """A profile's alias redirect yields to a name of its slug with a page: an article that came
    with "E U Envoy" (named nowhere near Mark Rutte) left /actors/e-u-envoy/ leading to Mark
    Rutte, and one removed left the redirect out, until a cold build. (Found by a probe.)"""
    root = tmp_path / "root"
    envoy = article("Envoy", "2024-05-11T10:00:00Z", actors="[E U Envoy]")
    write_files(root, {
        "pyproject.toml": "[tool.archive]\nactor_page_min = 1\n",  # "E U Envoy" named once has a page
        "content/actors/rutte.md": "---\nname: Mark Rutte\nkind: person\naliases: [E.U. Envoy]\n---\n",
        **{f"content/a{i}.md": article(f"Rutte {i}", f"2024-05-0{i}T10:00:00Z", actors="[Mark Rutte]")
           for i in (1, 2)},
        **{f"content/b{i}.md": article(f"Other {i}", f"2024-05-{day}T10:00:00Z", actors="[Someone]")
           for i, day in ((1, 10), (2, 12))},
        **({"content/envoy.md": envoy} if order == "removed" else {})})

    def redirects() -> bool:  # (and Mark Rutte's feed is there too; else E U Envoy's own)
        redirect = "http-equiv=\"refresh\"" in (root / "site/actors/e-u-envoy/index.html").read_text()
        assert ("/actors/mark-rutte/feed.xml" in (root / "site/actors/e-u-envoy/feed.xml").read_text()) == redirect
        return redirect
    build_site(root, search=False)
    assert redirects() == (order == "added")
    if order == "added":
        write_files(root, {"content/envoy.md": envoy})
    else:
        (root / "content/envoy.md").unlink()
    rebuilt = build_site(root, search=False)
    assert redirects() == (order == "removed")
    build_site(root, search=False, out=tmp_path / "cold", cache=False)
    assert rebuilt.checked < rebuilt.pages and snapshot(root / "site") == snapshot(tmp_path / "cold")


# Profiles that keep old names (aliases:) of two of the corpus's names: their pages' old URLs
# redirect, and their feeds are written there again, as the names' own feeds.
ALIAS_PROFILES = {
    "content/actors/viktor-orban.md": "---\nname: Viktor Orbán\nkind: person\naliases: [Orban]\n---\n",
    "content/tags/nato.md": "---\nname: NATO\naliases: [North Atlantic Treaty Organization]\n---\n",
}
ORBAN, NATO = "actors/orban/feed.xml", "tags/north-atlantic-treaty-organization/feed.xml"
OLD_NAME_FEEDS = {ORBAN: "actors/viktor-orban/feed.xml", NATO: "tags/nato/feed.xml"}  # -> the name's own


def _newest(root: Path, tags: bool, orban: bool) -> Path:
    """The file of the newest article of the corpus tagged NATO or not (``tags``) and naming
    Viktor Orbán or not (``orban``)."""
    found = []
    for path in (root / "content").rglob("*.md"):
        text = path.read_text()
        names = {field: re.search(rf"^{field}: (.*)$", text, re.M) for field in ("date", "tags", "actors")}
        if all(names.values()) and ('"NATO"' in names["tags"][1]) == tags \
                and ('"Viktor Orbán"' in names["actors"][1]) == orban:  # type: ignore[index]
            found.append((datetime.fromisoformat(names["date"][1]), path))  # type: ignore[index]
    return max(found)[1]


def _edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text().replace(old, new, 1))


def _add_about_both(root: Path, newest: datetime, shift: timedelta) -> None:
    write_files(root, {"content/new/about-both.md": article(
        "Orbán and the alliance", (newest + shift).isoformat(), tags="[NATO, Energy]", actors="[Viktor Orbán]")})


ALIAS_CHANGES = {
    # name: (the change, given the project and the newest article's date; the old-name feeds
    # there after it; those whose bytes it changes; whether the rebuild checks only the pages
    # the change can reach)
    "an article about both names, the newest": (
        lambda root, newest: _add_about_both(root, newest, timedelta(days=1)), {ORBAN, NATO}, {ORBAN, NATO}, True),
    "an article about both names, filed late": (
        lambda root, newest: _add_about_both(root, newest, timedelta(hours=-1)), {ORBAN, NATO}, {ORBAN, NATO}, True),
    "the newest article about Orbán taken down": (
        lambda root, newest: _newest(root, tags=False, orban=True).unlink(), {ORBAN, NATO}, {ORBAN}, True),
    "the NATO tag added to an article": (  # an edit of names: the pages of the name added
        lambda root, newest: _edit(_newest(root, tags=False, orban=False), "tags: [", 'tags: ["NATO", '),
        {ORBAN, NATO}, {NATO}, True),
    "the title of the newest article about Orbán": (  # display fields only: the pages that show it
        lambda root, newest: _edit(_newest(root, tags=False, orban=True), 'title: "', 'title: "New: '),
        {ORBAN, NATO}, {ORBAN}, True),
    "an alias added to a profile": (
        lambda root, newest: write_files(root, {"content/actors/viktor-orban.md": ALIAS_PROFILES[
            "content/actors/viktor-orban.md"].replace("[Orban]", "[Orban, PM Orbán]")}),
        {ORBAN, NATO, "actors/pm-orban/feed.xml"}, set(), False),
    "an alias removed from a profile": (
        lambda root, newest: write_files(root, {"content/tags/nato.md": "---\nname: NATO\n---\n"}),
        {ORBAN}, set(), False),
}


@pytest.mark.parametrize("case", sorted(ALIAS_CHANGES))
def test_the_feeds_at_old_names_urls_follow_their_names_as_a_cold_build(corpus: Path, tmp_path: Path,
                                                                       case: str) -> None:
    """A name's feed written again at an old name's URL (a profile's alias) shows the name's
    articles: it changes with its name's feed, on the rebuild's short paths too, and comes and
    goes with the profile's aliases, as the redirect there does. The site equals a cold build."""
    root = fresh_copy(corpus, tmp_path)
    write_files(root, ALIAS_PROFILES)
    first = build_site(root, search=False)
    assert first.site is not None
    site = root / "site"
    before = snapshot(site)
    assert ORBAN in before and NATO in before
    change, feeds, changed, fast = ALIAS_CHANGES[case]
    change(root, first.site.articles[-1].date)
    rebuilt = build_site(root, search=False, workers=2)
    cold = build_site(root, search=False, out=tmp_path / "cold", cache=False)
    after = snapshot(site)
    assert after == snapshot(tmp_path / "cold")
    assert {rel for rel in after if rel.endswith("/feed.xml") and rel.split("/")[1] in (
        "orban", "pm-orban", "north-atlantic-treaty-organization")} == feeds
    for old in feeds:
        own = OLD_NAME_FEEDS.get(old, "actors/viktor-orban/feed.xml")
        assert (site / old).read_bytes() == (site / own).read_bytes()
        assert (site / old).parent.joinpath("index.html").is_file()  # beside the page's redirect
    for old in {ORBAN, NATO} - feeds:
        assert not (site / old).parent.exists()
    assert {old for old in feeds & before.keys() if after[old] != before[old]} == changed
    assert (rebuilt.checked < cold.pages / 2) == fast, (rebuilt.checked, cold.pages)


@pytest.mark.parametrize("order", ["added", "removed"])
def test_an_old_names_url_passed_between_two_names_takes_its_feed_along(tmp_path: Path, order: str) -> None:
    """Two profiles keep old names of one slug: the first name (in order) with a page has the URL,
    its redirect and its feed. An article that gives the first its page (an importer's stub
    profile gives none by itself), or takes it away, passes them from one name to the other,
    though no other page of the second name changes."""
    root = tmp_path / "root"
    second = article("Alpha again", "2024-05-11T10:00:00Z", actors="[Alpha]")
    write_files(root, {
        "content/actors/alpha.md": with_hash("---\nname: Alpha\nkind: person\naliases: [Envoy]\n---\n"),
        "content/actors/beta.md": "---\nname: Beta\nkind: person\naliases: [Envoy!]\n---\n",
        "content/alpha.md": article("Alpha story", "2024-05-10T10:00:00Z", actors="[Alpha]"),
        **{f"content/b{i}.md": article(f"Beta {i}", f"2024-05-0{i}T10:00:00Z", actors="[Beta]") for i in (1, 2)},
        **{f"content/o{i}.md": article(f"Other {i}", f"2023-0{i}-01T10:00:00Z", tags="[Other]") for i in range(1, 7)},
        **({"content/second.md": second} if order == "removed" else {})})

    def owner() -> str:
        feed = (root / "site/actors/envoy/feed.xml").read_text()
        name = "alpha" if "actors/alpha/" in feed else "beta"
        assert feed == (root / f"site/actors/{name}/feed.xml").read_text()
        assert f"/actors/{name}/" in (root / "site/actors/envoy/index.html").read_text()
        return name
    build_site(root, search=False)
    assert owner() == ("alpha" if order == "removed" else "beta")
    if order == "added":
        write_files(root, {"content/second.md": second})
    else:
        (root / "content/second.md").unlink()
    rebuilt = build_site(root, search=False)
    assert owner() == ("alpha" if order == "added" else "beta")
    build_site(root, search=False, out=tmp_path / "cold", cache=False)
    assert rebuilt.checked < rebuilt.pages and snapshot(root / "site") == snapshot(tmp_path / "cold")
