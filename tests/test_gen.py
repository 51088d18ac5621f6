"""The synthetic corpus generator: deterministic, count-independent, parseable and skewed."""

from __future__ import annotations

import re
import statistics
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from builder.frontmatter import YAML_LOADER
from builder.gen import SOURCES, generate_corpus, main, slugify, vocabulary, yaml_str

SMALL_WORDS = 120  # short bodies keep the tests fast; the shape does not depend on length
# The 2,000-article run is read with libyaml when present (same safe schema, ~10x faster);
# the front-matter test below uses yaml.safe_load itself.


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


Doc = tuple[dict[str, Any], str, str]


def _split(path: Path, loader: Any = None) -> Doc:
    """(front matter as loaded by yaml.safe_load, its raw text, the body)."""
    text = path.read_text("utf-8")
    assert text.startswith("---\n")
    raw, body = text[4:].split("\n---\n", 1)
    data = yaml.safe_load(raw) if loader is None else yaml.load(raw, Loader=loader)
    assert isinstance(data, dict)
    return data, raw, body


@pytest.fixture(scope="module")
def big_run(tmp_path_factory: pytest.TempPathFactory) -> list[Doc]:
    """2,000 short articles, parsed: enough to see the popularity skew."""
    paths = generate_corpus(tmp_path_factory.mktemp("big"), 2000, words=30, profiles=False)
    return [_split(path, YAML_LOADER) for path in paths]


def test_identical_arguments_give_identical_trees(tmp_path: Path) -> None:
    generate_corpus(tmp_path / "a", 60, seed=7, words=SMALL_WORDS)
    generate_corpus(tmp_path / "b", 60, seed=7, words=SMALL_WORDS)
    first = _tree(tmp_path / "a")
    assert first == _tree(tmp_path / "b")
    assert any(rel.startswith("content/actors/") for rel in first)
    assert any(rel.startswith("content/tags/") for rel in first)


def test_another_seed_gives_another_corpus(tmp_path: Path) -> None:
    generate_corpus(tmp_path / "a", 20, seed=1, words=SMALL_WORDS, profiles=False)
    generate_corpus(tmp_path / "b", 20, seed=2, words=SMALL_WORDS, profiles=False)
    assert _tree(tmp_path / "a") != _tree(tmp_path / "b")


def test_one_more_article_adds_one_file_and_changes_nothing_else(tmp_path: Path) -> None:
    small = generate_corpus(tmp_path / "a", 50, words=SMALL_WORDS)
    large = generate_corpus(tmp_path / "b", 51, words=SMALL_WORDS)
    before, after = _tree(tmp_path / "a"), _tree(tmp_path / "b")
    assert len(small) == 50 and len(large) == 51
    assert all(after.get(rel) == data for rel, data in before.items())  # profiles included
    extra = set(after) - set(before)
    assert len(extra) == 1 and next(iter(extra)).startswith("content/")


def test_paths_are_unique_sorted_and_laid_out_by_utc_month(tmp_path: Path) -> None:
    paths = generate_corpus(tmp_path, 300, words=SMALL_WORDS, profiles=False)
    assert len(paths) == len(set(paths)) == 300
    assert paths == sorted(paths)
    slugs = [p.stem for p in paths]
    assert len(slugs) == len(set(slugs))
    for path in paths:
        assert path.is_file() and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", path.stem)
        date = _split(path, YAML_LOADER)[0]["date"].astimezone(UTC)
        assert path.parent.relative_to(tmp_path / "content").as_posix() == \
            f"{date.year:04d}/{date.month:02d}"


def test_every_article_has_the_required_front_matter(tmp_path: Path) -> None:
    paths = generate_corpus(tmp_path, 300, words=SMALL_WORDS, profiles=False)
    sources = {name for name, _ in SOURCES}
    for path in paths:
        data, raw, body = _split(path)
        assert set(data) - {"summary"} == {"title", "date", "source", "source_id", "tags",
                                           "actors"}
        assert isinstance(data["title"], str) and 5 <= len(data["title"].split()) <= 14
        assert isinstance(data["date"], datetime) and data["date"].tzinfo is not None
        assert datetime(2001, 1, 1, tzinfo=UTC) <= data["date"] < datetime(2026, 1, 1, tzinfo=UTC)
        assert data["source"] in sources
        assert re.fullmatch(r"GEN-\d{10}", data["source_id"])
        assert isinstance(data.get("summary", ""), str) and len(data.get("summary", "")) < 300
        for key, low, high in (("tags", 2, 6), ("actors", 2, 8)):
            names = data[key]
            assert isinstance(names, list) and low <= len(names) <= high
            assert all(isinstance(n, str) and n for n in names) and len(set(names)) == len(names)
        assert re.search(r"^date: \d{4}-\d\d-\d\dT\d\d:\d\d:00(Z|[+-]\d\d:\d\d)$", raw, re.M)
        paragraphs = [p for p in body.strip().split("\n\n") if not p.startswith("- ")]
        assert 5 <= len(paragraphs) <= 11
        assert all(name in body for name in data["actors"])  # every actor is named in the text


def test_dates_cover_the_span_and_mix_offsets(tmp_path: Path) -> None:
    paths = generate_corpus(tmp_path, 400, years=25, end_year=2025, words=30, profiles=False)
    raws = [_split(p, YAML_LOADER)[1] for p in paths]
    years = {int(p.parent.parent.name) for p in paths}
    assert years == set(range(2001, 2026))  # even a small corpus spans every year
    utc_share = sum(bool(re.search(r"^date: \S+Z$", raw, re.M)) for raw in raws) / len(raws)
    assert 0.6 < utc_share < 0.8


def test_popularity_is_skewed_with_a_long_tail(big_run: list[Doc]) -> None:
    tags: Counter[str] = Counter()
    actors: Counter[str] = Counter()
    for data, _, _ in big_run:
        tags.update(data["tags"])
        actors.update(data["actors"])
    vocab = vocabulary(1)
    tag_counts = [tags[name] for name in vocab.tags.items]  # unused names count as zero
    actor_counts = [actors[name] for name in vocab.actors.items]
    assert max(tag_counts) > 10 * max(statistics.median(tag_counts), 1)
    assert max(actor_counts) > 10 * max(statistics.median(actor_counts), 1)
    assert tags.most_common(1)[0][1] > 0.2 * len(big_run)  # a few names are everywhere...
    assert len(actors) > 1000 and len(tags) > 200  # ...and many appear only now and then


def test_realistic_variety(big_run: list[Doc]) -> None:
    texts = [raw + body for _, raw, body in big_run]
    titles = [data["title"] for data, _, _ in big_run]
    summaries = sum("summary" in data for data, _, _ in big_run)
    assert 0.4 < summaries / len(texts) < 0.6
    assert any(not t.isascii() for t in titles)  # accented names reach the headlines
    assert any("Viktor Orbán" in t for t in texts)
    assert any(re.search(r"[:&?\"]", t) for t in titles)
    assert any("](https://example.org/" in t for t in texts)
    assert any("\n- " in t for t in texts)
    assert any("**" in t for t in texts)
    assert len(set(titles)) == len(titles)  # repeats get an "UPDATE n-" prefix
    assert len({data["source"] for data, _, _ in big_run}) == len(SOURCES)


def test_body_length_follows_words(tmp_path: Path) -> None:
    paths = generate_corpus(tmp_path, 20, words=600, profiles=False)
    sizes = [len(p.read_bytes()) for p in paths]
    words = [len(_split(p)[2].split()) for p in paths]
    assert 550 <= statistics.mean(words) <= 700
    assert 3_000 <= statistics.mean(sizes) <= 5_500


def test_profiles_parse_and_do_not_clash(tmp_path: Path) -> None:
    generate_corpus(tmp_path, 1, words=SMALL_WORDS)
    actors = sorted((tmp_path / "content" / "actors").glob("*.md"))
    tags = sorted((tmp_path / "content" / "tags").glob("*.md"))
    assert 35 <= len(actors) <= 45 and 5 <= len(tags) <= 20
    seen: set[str] = set()
    kinds = set()
    for path in actors:
        data, _, body = _split(path)
        assert set(data) == {"name", "kind", "aliases", "description"} and body.strip()
        kinds.add(data["kind"])
        for name in (data["name"], *data["aliases"]):
            assert name.casefold() not in seen  # the site refuses an alias claimed twice
            seen.add(name.casefold())
    assert kinds == {"person", "organisation", "country"}
    for path in tags:
        data, _, _ = _split(path)
        assert set(data) == {"name", "description"}


def test_yaml_str_survives_awkward_titles() -> None:
    for text in ('Q&A: "No deal" \\ maybe?', "- starts like a list", "#hash: yes", "Zoë's"):
        assert yaml.safe_load(f"title: {yaml_str(text)}") == {"title": text}


def test_slugify() -> None:
    assert slugify("Viktor Orbán & NATO") == "viktor-orban-and-nato"
    assert slugify("Søren Østergaard: 'Łódź'?") == "soren-ostergaard-lodz"
    assert len(slugify("word " * 40)) <= 80


def test_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path), "--count", "3", "--words", "50"]) == 0
    assert "3 articles" in capsys.readouterr().out
    assert len(list((tmp_path / "content").glob("[0-9]*/*/*.md"))) == 3
