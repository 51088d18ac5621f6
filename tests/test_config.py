"""Settings from [tool.archive] and the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.config import read_settings


@pytest.mark.parametrize(("written", "expected"), [
    ("https://user.github.io/archiv-für-alle/", "https://user.github.io/archiv-f%C3%BCr-alle/"),
    ("https://user.github.io/archiv-f%C3%BCr-alle/", "https://user.github.io/archiv-f%C3%BCr-alle/"),
    ("https://user.github.io/news.archive_2025/", "https://user.github.io/news.archive_2025/"),
    ("https://example.org/~user/News-Archive/", "https://example.org/~user/News-Archive/"),
    ("https://nachrichten.bücher.de/", "https://nachrichten.xn--bcher-kva.de/"),
    ("https://Bücher.de/archiv/", "https://xn--bcher-kva.de/archiv/"),  # (was left raw: the capital)
])
def test_the_base_url_is_kept_as_a_uri(tmp_path: Path, written: str, expected: str) -> None:
    """The base path is what browsers request and what feeds and the sitemap must carry: a
    non-ASCII path is percent-encoded (the dev server served nothing under /archiv-für-alle/,
    and sent / to a Latin-1 Location), a non-ASCII host in IDNA, anything else as written."""
    (tmp_path / "pyproject.toml").write_text(f'[tool.archive]\nbase_url = "{written}"\n', "utf-8")
    settings, errors = read_settings(tmp_path)
    assert errors == [] and settings.base_url == expected
    settings, errors = read_settings(tmp_path / "nowhere", written)  # --base-url
    assert errors == [] and settings.base_url == expected
