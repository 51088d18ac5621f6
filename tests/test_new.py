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
