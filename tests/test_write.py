"""builder.write.Staging on its own: what a rebuild stages, and what it leaves alone."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from builder.errors import BuildFailed
from builder.write import SITE_MARK, SITE_MARK_TEXT, Staging
from tests.helpers import article, build_site, ctrl_c_state, snapshot, write_files


def _site(tmp_path: Path) -> Path:
    out = tmp_path / "site"
    (out / "a").mkdir(parents=True)
    (out / "a" / "index.html").write_bytes(b"same")
    (out / "index.html").write_bytes(b"home")
    os.utime(out / "a" / "index.html", ns=(1_000_000_000, 1_000_000_000))
    return out


def test_a_rebuild_stages_only_changed_pages_side_by_side(tmp_path: Path) -> None:
    """A rebuild after a layout or builder change renders every page: those that come out as
    they were used to cost a staging folder each, made and removed (19,000 at 10,000 articles,
    4 s of system time here), and the changed ones still do. Now no folder is made at all."""
    out = _site(tmp_path)
    staging = Staging(out, overlay=True)
    staging.create()
    staging.write("a/", b"same")
    assert list(staging.folder.iterdir()) == []
    staging.write("b/", b"new")
    staging.write("a/c/", b"deeper")
    staging.write("", b"home")
    assert all(p.is_file() for p in staging.folder.iterdir())
    assert staging.final_file("b/").read_bytes() == b"new"
    assert staging.final_file("a/") == out / "a" / "index.html"
    staging.commit()
    assert (out / "b" / "index.html").read_bytes() == b"new"
    assert (out / "a" / "c" / "index.html").read_bytes() == b"deeper"
    assert (out / "a" / "index.html").stat().st_mtime_ns == 1_000_000_000
    assert not staging.folder.exists()


@pytest.mark.parametrize("rel", ["index.html", "2025/03/20/x/index.html", "a%2Fb/index.html", "%25/%/x",
                                 "tags/" + "a-long-name/" * 30 + "index.html"])
def test_a_staged_file_goes_where_its_path_says(tmp_path: Path, rel: str) -> None:
    out = _site(tmp_path)
    staging = Staging(out, overlay=True)
    staging.create()
    staging.write(rel, b"page")
    staging.write("a/", b"same")  # kept: a rebuild removes the files it did not write or keep
    staging.commit()
    assert (out / rel).read_bytes() == b"page"
    assert (out / "a" / "index.html").read_bytes() == b"same"


def test_a_commit_removes_the_recorded_files_the_new_site_lacks_and_leaves_others(tmp_path: Path) -> None:
    """With the record of the site's files, the commit removes what the record has and the new
    site does not, without walking the whole site (4 s at 100,000 articles); a file added by
    hand is not in the record, and stays."""
    out = _site(tmp_path)
    for rel in ("b/index.html", "b/c/index.html", "b/c/feed.xml", "hand.txt"):
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(b"x")
    staging = Staging(out, overlay=True,
                      recorded=["a/index.html", "index.html", "b/index.html", "b/c/index.html", "b/c/feed.xml",
                                "gone-already.html"])
    staging.create()
    staging.write("a/", b"same")
    staging.write("", b"new home")
    staging.commit()
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == ["a", "a/index.html", "hand.txt",
                                                                             "index.html"]
    assert staging.removed == {"b/index.html", "b/c/index.html", "b/c/feed.xml", "gone-already.html"}


def test_a_full_build_over_a_site_links_unchanged_pages(tmp_path: Path) -> None:
    out = _site(tmp_path)
    staging = Staging(out)
    staging.create()
    staging.write("a/", b"same")
    staging.write("", b"changed home")
    staging.commit()
    assert (out / "a" / "index.html").stat().st_mtime_ns == 1_000_000_000
    assert (out / "index.html").read_bytes() == b"changed home"


# -- where a build may write ----------------------------------------------------------------------

def _project(tmp_path: Path) -> Path:
    root = write_files(tmp_path / "project", {"content/a.md": article("Only story")})
    os.makedirs(root / ".git")
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    return root


@pytest.mark.parametrize(("out", "words"), [
    pytest.param(".", "it holds the project", id="the project"),
    pytest.param("..", "it holds the project", id="above the project"),
    pytest.param("content", "inside the project's content/", id="content"),
    pytest.param("content/site", "inside the project's content/", id="in content"),
    pytest.param("layouts", "inside the project's layouts/", id="layouts"),
    pytest.param(".archive-cache/site", "inside the project's .archive-cache/", id="cache"),
])
def test_a_build_never_replaces_the_project_or_its_input(tmp_path: Path, out: str, words: str) -> None:
    """``archive build --out .`` swapped the site in for the project folder: content/, the
    layouts and .git were gone."""
    root = _project(tmp_path)
    before = snapshot(tmp_path)
    with pytest.raises(BuildFailed) as failed:
        build_site(root, out=root / out, search=False)
    [error] = failed.value.errors
    assert error.field == "--out" and words in error.message, error
    assert snapshot(tmp_path) == before


def test_a_build_never_writes_into_the_folder_a_linked_content_leads_to(tmp_path: Path) -> None:
    """content/ a symbolic link to a folder elsewhere, and --out below that folder: the site was
    written among the articles, and the next build read static/'s .md files there as content."""
    root = _project(tmp_path)
    os.rename(root / "content", tmp_path / "articles")
    os.symlink(tmp_path / "articles", root / "content")
    with pytest.raises(BuildFailed) as failed:
        build_site(root, out=tmp_path / "articles" / "site", search=False)
    [error] = failed.value.errors
    assert error.field == "--out" and "inside the project's content/" in error.message, error
    assert not (tmp_path / "articles" / "site").exists()


def test_a_build_never_replaces_a_folder_of_other_files(tmp_path: Path) -> None:
    root = _project(tmp_path)
    documents = write_files(tmp_path / "documents", {"letter.txt": "Dear editor"})
    repository = write_files(tmp_path / "pages", {".nojekyll": "", ".git/HEAD": "ref: refs/heads/gh-pages\n"})
    afile = write_files(tmp_path / "f", {"x": "a file"}) / "x"
    for out, words in ((documents, "not a site this builder wrote"), (repository, "not a site this builder wrote"),
                       (afile, "it is a file")):
        before = snapshot(tmp_path)
        with pytest.raises(BuildFailed) as failed:
            build_site(root, out=out, search=False)
        assert words in failed.value.errors[0].message
        assert snapshot(tmp_path) == before


def test_a_hand_made_pages_folder_with_an_empty_nojekyll_is_not_taken_for_a_site(tmp_path: Path) -> None:
    """Found by a probe: any folder with a .nojekyll counted as a site this builder wrote, and many
    a hand-made GitHub Pages docs/ folder has one: `archive build --out docs` replaced it whole,
    and docs/guide.md was gone. A built site's .nojekyll now says who wrote it."""
    root = _project(tmp_path)
    docs = write_files(root / "docs", {".nojekyll": "", "guide.md": "# Our guide\n", "index.html": "<p>Docs</p>"})
    before = snapshot(docs)
    with pytest.raises(BuildFailed) as failed:
        build_site(root, out=docs, search=False)
    assert "not a site this builder wrote" in failed.value.errors[0].message
    assert snapshot(docs) == before
    elsewhere = tmp_path / "public"
    build_site(root, out=elsewhere, search=False, cache=False)
    assert (elsewhere / SITE_MARK).read_bytes() == SITE_MARK_TEXT
    build_site(root, out=elsewhere, search=False, cache=False)  # its own: replaced


def test_a_site_built_before_the_mark_had_words_is_still_its_own(tmp_path: Path) -> None:
    """Sites an earlier version built have an empty .nojekyll: the project's site/, and an --out
    folder the cache has a record of, are still replaced; a static/.nojekyll is not copied over
    the mark."""
    root = _project(tmp_path)
    write_files(root, {"static/.nojekyll": ""})
    public = tmp_path / "public"
    for out in (root / "site", public):
        build_site(root, out=out, search=False)
        assert (out / SITE_MARK).read_bytes() == SITE_MARK_TEXT
        (out / SITE_MARK).write_bytes(b"")  # as an earlier version left it
    shutil.rmtree(root / ".archive-cache")
    build_site(root, search=False)  # site/: the project's own
    with pytest.raises(BuildFailed):  # public/: no record of it any more
        build_site(root, out=public, search=False)
    build_site(root, out=tmp_path / "other", search=False)
    (tmp_path / "other" / SITE_MARK).write_bytes(b"")
    build_site(root, out=tmp_path / "other", search=False)  # recorded in the cache


def test_a_build_replaces_its_own_site_and_fills_an_empty_folder(tmp_path: Path) -> None:
    root = _project(tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    for out in (empty, tmp_path / "new" / "site", root / "site"):
        build_site(root, out=out, search=False)
        assert (out / SITE_MARK).is_file() and (out / "index.html").is_file()
        build_site(root, out=out, search=False, cache=False)  # a full build: the folder swapped whole
        assert (out / "index.html").is_file()


def test_a_rebuild_leaves_no_empty_folder_a_cold_build_has_not(tmp_path: Path) -> None:
    """A listing that lost its last full page left its page/ folder behind, empty."""
    stories = {f"content/s{n}.md": article(f"Story {n}", f"2024-01-0{n}T10:00:00Z", tags="[Energy]")
               for n in range(1, 5)}
    root = write_files(tmp_path / "project", {"pyproject.toml": "[tool.archive]\nper_page = 2\n", **stories})
    build_site(root, search=False)
    assert (root / "site" / "tags" / "energy" / "page").is_dir()
    (root / "content" / "s4.md").unlink()
    build_site(root, search=False)
    build_site(root, search=False, out=tmp_path / "cold", cache=False)

    def folders(site: Path) -> list[str]:
        return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_dir())

    assert folders(root / "site") == folders(tmp_path / "cold")
    assert snapshot(root / "site") == snapshot(tmp_path / "cold")


def test_ctrl_c_stops_a_build_with_a_line_and_leaves_the_site(tmp_path: Path) -> None:
    """Ctrl-C printed KeyboardInterrupt tracebacks, the build process's and its workers'."""
    import signal
    import subprocess
    import sys
    import time

    stories = {f"content/s{n}.md": article(f"Story {n}", f"2024-01-{n % 28 + 1:02d}T{n % 24:02d}:00:00Z",
                                           tags="[Energy]", body="Words. " * 200) for n in range(600)}
    root = write_files(tmp_path / "project", stories)
    build_site(root, search=False)
    before = snapshot(root / "site")
    for name in stories:
        (root / name).write_text((root / name).read_text() + "\nMore.\n")
    command = [sys.executable, "-m", "builder", "build", "--root", str(root), "--no-search", "--quiet"]
    assert not ctrl_c_state(), ctrl_c_state()  # (the build would inherit it)
    running = subprocess.Popen(command, start_new_session=True, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not list(root.glob(".site.staging-*")) and running.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    os.killpg(running.pid, signal.SIGINT)  # as a terminal sends it, to every process of the build
    _, stderr = running.communicate(timeout=60)
    if running.returncode == 0:
        pytest.fail(f"the build ended before it could be interrupted ({time.monotonic() - deadline + 60:.2f} s)")
    assert running.returncode == 130 and "Traceback" not in stderr, stderr
    assert "archive build: interrupted" in stderr
    assert snapshot(root / "site") == before
    assert not list(root.glob(".site.*"))


def test_a_file_where_the_cache_goes_is_an_error(tmp_path: Path) -> None:
    """It was a FileExistsError traceback."""
    root = _project(tmp_path)
    (root / ".archive-cache").write_text("junk")
    with pytest.raises(BuildFailed) as failed:
        build_site(root, search=False)
    assert "a file where the build keeps its cache" in str(failed.value.errors[0])
    assert not (root / "site").exists()


def test_a_cache_folder_linked_to_a_folder_that_is_gone_is_an_error(tmp_path: Path) -> None:
    """A cache on another disk, not mounted: it was a FileExistsError traceback."""
    root = _project(tmp_path)
    os.symlink(tmp_path / "elsewhere" / "cache", root / ".archive-cache")
    with pytest.raises(BuildFailed) as failed:
        build_site(root, search=False)
    assert [str(error) for error in failed.value.errors] == [
        f".archive-cache: a symbolic link to {tmp_path / 'elsewhere' / 'cache'}, which does not exist; make that "
        "folder, or remove the link"]
    assert not (root / "site").exists()


@pytest.mark.parametrize("name", ["jinja", "search", "lock", "documents.pickle"])
def test_an_entry_of_the_wrong_kind_in_the_cache_is_an_error_naming_it(tmp_path: Path, name: str) -> None:
    """A file for the compiled layouts' folder, a folder for the lock: tracebacks; a file for the
    search bundles' folder: "cannot write the site"."""
    root = _project(tmp_path)
    build_site(root, search=False)
    before = snapshot(root / "site")
    entry = root / ".archive-cache" / name
    if entry.is_dir():
        shutil.rmtree(entry)
    entry.unlink(missing_ok=True)
    if name in ("jinja", "search"):
        entry.write_text("junk")
    else:
        entry.mkdir()
    (root / "content" / "b.md").write_text(article("Another"))
    with pytest.raises(BuildFailed) as failed:
        build_site(root)
    assert [str(error) for error in failed.value.errors] == [
        f".archive-cache/{name}: a {'file' if name in ('jinja', 'search') else 'folder'} where the build keeps "
        f"a {'folder' if name in ('jinja', 'search') else 'file'}; remove it: the cache holds only what a build "
        "can make again"]
    assert snapshot(root / "site") == before


def test_a_large_static_file_is_copied_without_being_held_in_memory(tmp_path: Path) -> None:
    """Found by a probe: a 400 MB file in static/ made a build's peak memory 850 MB, and every
    rebuild after an article edit read it whole twice (the file and the site's copy, compared
    as bytes). It is now compared and copied in pieces."""
    import tracemalloc

    size = 24 * 1024 * 1024
    root = write_files(tmp_path / "project", {"content/a.md": article("Only story")})
    (root / "static").mkdir()
    (root / "static" / "video.bin").write_bytes(bytes(range(256)) * (size // 256))
    for body in ("First.", "Edited."):  # a cold build, then a rebuild that compares it
        write_files(root, {"content/a.md": article("Only story", body=body)})
        tracemalloc.start()
        try:
            build_site(root, search=False)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert peak < size // 2, f"{peak:,} bytes at the peak"
    assert (root / "site" / "video.bin").read_bytes() == (root / "static" / "video.bin").read_bytes()
