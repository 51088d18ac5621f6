"""A generated archive of several hundred articles builds, paginates and links cleanly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from builder.gen import generate_corpus
from tests.helpers import broken_links, build_site, write_files

COUNT = 400
PER_PAGE = 7


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    generate_corpus(root, COUNT, years=25)
    write_files(root, {"pyproject.toml": f"[tool.archive]\nper_page = {PER_PAGE}\n"
                                         'base_url = "https://example.org/archive/"\n'})
    result = build_site(root)
    assert result.articles == COUNT
    return root / "site"


def _listed(page: Path) -> list[str]:
    return re.findall(r'<h3><a href="([^"]+)"', page.read_text("utf-8"))


def test_links_resolve(corpus_site: Path) -> None:
    assert broken_links(corpus_site, "/archive/") == []


def test_home_pagination_covers_every_article_once(corpus_site: Path) -> None:
    pages = sorted((corpus_site / "page").iterdir(), key=lambda p: int(p.name))
    assert [int(p.name) for p in pages] == list(range(1, COUNT // PER_PAGE))
    seen = _listed(corpus_site / "index.html")
    assert PER_PAGE <= len(seen) < 2 * PER_PAGE
    for page in pages:
        listed = _listed(page / "index.html")
        assert len(listed) == PER_PAGE
        seen += listed
    assert len(seen) == len(set(seen)) == COUNT


def test_front_page_is_newest_and_pages_go_back_in_time(corpus_site: Path) -> None:
    def dates(page: Path) -> list[str]:
        return re.findall(r'<time datetime="([^"]+)"', page.read_text("utf-8"))

    front = dates(corpus_site / "index.html")
    page1 = dates(corpus_site / "page" / "1" / "index.html")
    assert front == sorted(front, reverse=True)
    assert min(front) > max(page1)


def test_tag_pages_paginate(corpus_site: Path) -> None:
    tag_pages = [p for p in (corpus_site / "tags").iterdir() if (p / "page").is_dir()]
    assert tag_pages, "the most popular tags should need several pages"
    biggest = max(tag_pages, key=lambda p: len(list((p / "page").iterdir())))
    text = (biggest / "index.html").read_text("utf-8")
    assert 'rel="next"' in text and "Older" in text


def test_date_archives_exist_for_each_year(corpus_site: Path) -> None:
    years = sorted(p.name for p in corpus_site.iterdir() if re.fullmatch(r"\d{4}", p.name))
    assert len(years) >= 20
    year_page = (corpus_site / years[1] / "index.html").read_text("utf-8")
    assert f'href="/archive/{years[0]}/"' in year_page and f'href="/archive/{years[2]}/"' in year_page


def test_actor_index_groups_by_kind(corpus_site: Path) -> None:
    text = (corpus_site / "actors" / "index.html").read_text("utf-8")
    for group in ("People", "Organisations", "Countries"):
        assert f">{group}</h2>" in text
