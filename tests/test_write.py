"""builder.write.Staging on its own: what a rebuild stages, and what it leaves alone."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from builder.errors import BuildFailed
from builder.write import SITE_MARK, Staging
from tests.helpers import article, build_site, snapshot, write_files


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


def test_a_full_build_over_a_site_links_unchanged_pages(tmp_path: Path) -> None:
    out = _site(tmp_path)
    staging = Staging(out)
    staging.create()
    staging.write("a/", b"same")
    staging.write("", b"changed home")
    staging.commit()
    assert (out / "a" / "index.html").stat().st_mtime_ns == 1_000_000_000
    assert (out / "index.html").read_bytes() == b"changed home"
    assert staging.placed == len(b"same") + len(b"changed home")


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


def test_a_build_replaces_its_own_site_and_fills_an_empty_folder(tmp_path: Path) -> None:
    root = _project(tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    for out in (empty, tmp_path / "new" / "site", root / "site"):
        build_site(root, out=out, search=False)
        assert (out / SITE_MARK).is_file() and (out / "index.html").is_file()
        build_site(root, out=out, search=False, cache=False)  # a full build: the folder swapped whole
        assert (out / "index.html").is_file()
