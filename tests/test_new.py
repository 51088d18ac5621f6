"""``archive new``: a correctly named article file with valid front matter, never over another."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.helpers import build_site


def test_new_article_builds_and_never_overwrites(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "builder", "new", "Orbán meets Fico: \"talks\"", "--root", str(tmp_path),
               "--date", "2025-03-22T10:00:00Z", "--actor", "Viktor Orbán", "--actor", "Robert Fico",
               "--tag", "NO", "--source", "MENAFN"]
    first = subprocess.run(command, capture_output=True, text=True, check=True)
    assert first.stdout.strip() == "content/2025/03/orban-meets-fico-talks.md"
    second = subprocess.run(command, capture_output=True, text=True, check=True)
    assert second.stdout.strip() == "content/2025/03/orban-meets-fico-talks-2.md"
    text = (tmp_path / first.stdout.strip()).read_text("utf-8")
    assert "title: 'Orbán meets Fico: \"talks\"'" in text and "tags: ['NO']" in text
    result = build_site(tmp_path, search=False)
    assert result.articles == 2
    page = (tmp_path / "site" / "2025" / "03" / "22" / "orban-meets-fico-talks" / "index.html").read_text()
    assert "Viktor Orbán" in page and ">NO<" in page


def test_new_without_letters_is_an_error(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "builder", "new", "???", "--root", str(tmp_path)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1 and "error: the headline needs letters or digits" in done.stderr
    assert not (tmp_path / "content").exists()


def _new(root: Path, *args: str | bytes) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "builder", "new", *args, "--root", str(root)],
                          capture_output=True, text=True, check=False)


def test_new_refuses_what_the_build_would_refuse_and_writes_nothing(tmp_path: Path) -> None:
    """It wrote files the next build rejected: a date out of range, empty names."""
    for args, words in (
        (["Early", "--date", "0001-01-01T00:00:00+05:00"], "date: '0001-01-01T00:00:00+05:00' is out of the range"),
        (["Late", "--date", "9999-12-31T23:00:00-05:00"], "date: '9999-12-31T23:00:00-05:00' is out of the range"),
        (["Empty", "--actor", "", "--tag", "   "], "actors: every entry must be a non-empty name"),
        ([b"Not \xff text"], "the headline is not valid UTF-8 text"),
        (["Fine", "--actor", b"\xfe"], "an actor is not valid UTF-8 text"),
    ):
        done = _new(tmp_path, *args)
        assert done.returncode == 1 and words in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert not (tmp_path / "content").exists()


def test_new_where_a_folder_is_a_file_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "2024").write_text("notes")
    done = _new(tmp_path, "Blocked", "--date", "2024-05-01")
    assert done.returncode == 1 and "content/2024/05: Not a directory" in done.stderr, done.stderr
    assert (tmp_path / "content" / "2024").read_text() == "notes"
