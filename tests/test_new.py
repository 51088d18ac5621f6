"""``archive new``: a correctly named article file with valid front matter, never over another."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from builder.cli import _parser
from tests.helpers import build_site


def test_new_article_builds_and_never_overwrites(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "builder", "new", "Orbán meets Fico: \"talks\"", "--root", str(tmp_path),
               "--date", "2025-03-22T10:00:00Z", "--actor", "Viktor Orbán", "--actor", "Robert Fico",
               "--tag", "NO", "--source", "MENAFN"]
    first = subprocess.run(command, capture_output=True, text=True, check=True, cwd=tmp_path)
    assert first.stdout.strip() == "content/2025/03/orban-meets-fico-talks.md"
    second = subprocess.run(command, capture_output=True, text=True, check=True, cwd=tmp_path)
    assert second.stdout.strip() == "content/2025/03/orban-meets-fico-talks-2.md"
    text = (tmp_path / first.stdout.strip()).read_text("utf-8")
    assert "title: 'Orbán meets Fico: \"talks\"'" in text and "tags: ['NO']" in text
    result = build_site(tmp_path, search=False)
    assert result.articles == 2
    page = (tmp_path / "site" / "2025" / "03" / "22" / "orban-meets-fico-talks" / "index.html").read_text()
    assert "Viktor Orbán" in page and ">NO<" in page


def test_the_path_printed_is_the_one_the_shell_can_open(tmp_path: Path) -> None:
    """Found by a probe: run from above the project (`archive new ... --root p3`), the path was
    printed relative to p3, where "$EDITOR $(archive new ...)" could not find it."""
    (tmp_path / "p3").mkdir()
    done = subprocess.run([sys.executable, "-m", "builder", "new", "No content", "--root", "p3", "--date",
                           "2025-01-01"], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert done.stdout.strip() == "p3/content/2025/01/no-content.md"
    assert (tmp_path / done.stdout.strip()).is_file()


def test_a_root_that_does_not_exist_is_said(tmp_path: Path) -> None:
    """Found by a README review: `archive import --root typo` says a new project is made there,
    and `archive new --root typo` made one without a word."""
    done = subprocess.run([sys.executable, "-m", "builder", "new", "First", "--root", "typo", "--date",
                           "2025-01-01"], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert done.stderr == "note: typo did not exist: a new project is made there\n"
    assert done.stdout == "typo/content/2025/01/first.md\n"
    done = subprocess.run([sys.executable, "-m", "builder", "new", "Second", "--root", "typo", "--date",
                           "2025-01-01"], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert done.stderr == ""


def test_new_without_letters_is_an_error(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "builder", "new", "???", "--root", str(tmp_path)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1 and "error: the headline needs letters or digits" in done.stderr
    assert not (tmp_path / "content").exists()


def test_wrong_settings_are_listed_as_a_build_lists_them(tmp_path: Path) -> None:
    """Found following the README: with two wrong settings, `archive new` printed "error: " before
    the first only, the second looking like the first one's continuation."""
    (tmp_path / "pyproject.toml").write_text('[tool.archive]\nper_page = "x"\ntimezone = "Nowhere/X"\n')
    done = subprocess.run([sys.executable, "-m", "builder", "new", "Hello", "--root", str(tmp_path)],
                          capture_output=True, text=True, check=False, cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "pyproject.toml:2: tool.archive.per_page: expected a whole number, got 'x'",
        "pyproject.toml:3: tool.archive.timezone: unknown time zone 'Nowhere/X'; e.g. 'UTC' or 'Europe/Berlin'",
        "no article written: 2 errors"]


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


def test_new_never_takes_the_url_of_an_article_elsewhere(tmp_path: Path) -> None:
    """Found by a probe: `new` checked only for a file of the same name in content/YYYY/MM/, so it
    wrote articles whose URL another file's article, slug or alias already took: the build failed."""
    root = tmp_path
    (root / "content").mkdir()
    (root / "content" / "talks.md").write_text("---\ntitle: Talks resume\ndate: 2025-03-22\n---\nx\n")
    (root / "content" / "other.md").write_text("---\ntitle: Other\nslug: peace-deal\ndate: 2025-03-22\n---\nx\n")
    (root / "content" / "old.md").write_text("---\ntitle: Old\ndate: 2025-03-21\n"
                                             "aliases: [\"/2025/03/22/ceasefire/\"]\n---\nx\n")
    printed = [_new(root, title, "--date", "2025-03-22").stdout.strip() for title in
               ("Talks resume", "Peace deal", "Ceasefire")]
    assert printed == [str(root / f"content/2025/03/{name}-2.md") for name in ("talks-resume", "peace-deal",
                                                                                 "ceasefire")]
    assert build_site(root, search=False).articles == 6


def test_a_date_that_does_not_exist_is_said_so(capsys: pytest.CaptureFixture[str]) -> None:
    """Found by a probe: --date 2025-02-30 was "not a date such as 2025-03-22", as if its shape were wrong."""
    for argv in (["new", "Headline", "--date", "2025-02-30"], ["import", "x.txt", "--date", "2025-02-30"]):
        with pytest.raises(SystemExit):
            _parser().parse_args(argv)
        assert "'2025-02-30' is not a real date: day is out of range for month" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        _parser().parse_args(["new", "Headline", "--date", "22/03/2025"])
    assert "'22/03/2025' is not a date such as 2025-03-22 or 2025-03-22T10:00:00Z" in capsys.readouterr().err
