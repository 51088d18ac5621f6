"""builder.indexes: the pure functions the scale issue's promises rest on. Pagination numbered
from the oldest and related articles chosen among earlier ones are what keep an older page's
bytes when a new article arrives; here they are checked on arbitrary inputs, not one site."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from builder import indexes
from builder.model import Article

START = datetime(2020, 1, 1, tzinfo=UTC)
NAMES = ("A", "B", "C", "D", "E")


def make(number: int, actors: tuple[str, ...] = (), tags: tuple[str, ...] = ()) -> Article:
    slug = f"a-{number}"
    return Article(rel=f"content/{slug}.md", title=slug, date=START + timedelta(hours=number), slug=slug,
                   actors=actors, tags=tags)


sizes = st.integers(min_value=0, max_value=130)
per_pages = st.integers(min_value=1, max_value=25)


@given(sizes, per_pages)
def test_pages_hold_every_position_once_newest_first_full_but_the_front(count: int, per_page: int) -> None:
    positions = list(range(count))
    pages = indexes.paginate(positions, per_page)
    assert [page.number for page in pages] == list(range(1, len(pages) + 1))
    assert all(page.count == len(pages) for page in pages)
    assert [p for page in pages for p in reversed(page.items)] == positions
    *frozen, front = pages
    assert front.is_front and not any(page.is_front for page in frozen)
    assert all(len(page.items) == per_page for page in frozen)
    if count >= per_page:  # the front page holds the newest per_page to 2 * per_page - 1
        assert per_page <= len(front.items) < 2 * per_page
    for page in pages:
        if page.items:
            assert page.first_item == positions.index(page.items[-1]) + 1


@given(sizes, per_pages, st.integers(min_value=1, max_value=45))
def test_new_items_leave_every_full_page_as_it_was(count: int, per_page: int, added: int) -> None:
    """Append-stable: a listing that grows keeps its full pages; only the front page changes and
    new full pages appear behind it (so adding an article rewrites a bounded set of files)."""
    before = indexes.paginate(list(range(count)), per_page)
    after = indexes.paginate(list(range(count + added)), per_page)
    kept = {(page.number, page.items, page.first_item) for page in after[:-1]}
    assert all((page.number, page.items, page.first_item) in kept for page in before[:-1])
    new_full_pages = len(after) - len(before)
    assert 0 <= new_full_pages <= added // per_page + 1


name_sets = st.lists(st.sampled_from(NAMES), max_size=3, unique=True).map(tuple)
archives = st.lists(st.tuples(name_sets, name_sets), min_size=1, max_size=60)


@settings(max_examples=60)
@given(archives, st.data())
def test_related_articles_are_earlier_and_stay_the_same_when_newer_ones_arrive(
        names: list[tuple[tuple[str, ...], tuple[str, ...]]], data: st.DataObject) -> None:
    articles = [make(number, actors, tags) for number, (actors, tags) in enumerate(names)]
    cut = data.draw(st.integers(min_value=1, max_value=len(articles)), label="articles before the new ones")
    older = articles[:cut]
    for archive in (older, articles):
        tag_index, actor_index = indexes.by_tag(archive), indexes.by_actor(archive)
        for position, article in enumerate(archive):
            picks = indexes.related(archive, tag_index, actor_index, position, 5)
            assert len(picks) == len(set(picks)) <= 5
            for other in picks:  # earlier, and sharing a name
                assert other < position
                assert set(archive[other].actors) & set(article.actors) or set(archive[other].tags) & set(article.tags)
    older_tags, older_actors = indexes.by_tag(older), indexes.by_actor(older)
    all_tags, all_actors = indexes.by_tag(articles), indexes.by_actor(articles)
    for position in range(cut):
        assert (indexes.related(older, older_tags, older_actors, position, 5)
                == indexes.related(articles, all_tags, all_actors, position, 5))


def test_related_articles_prefer_shared_actors_then_the_nearest() -> None:
    articles = [make(0, actors=("A",)), make(1, tags=("T",)), make(2, tags=("T",)), make(3, actors=("A",), tags=("T",))]
    picks = indexes.related(articles, indexes.by_tag(articles), indexes.by_actor(articles), 3, 5)
    assert picks == [0, 2, 1]  # an actor counts twice a tag; among equals the nearest first
    assert indexes.related(articles, indexes.by_tag(articles), indexes.by_actor(articles), 3, 0) == []


@given(sizes)
def test_neighbours_are_the_adjacent_positions_in_time(count: int) -> None:
    for position in range(count):
        older, newer = indexes.neighbours(count, position)
        assert older == (position - 1 if position else None)
        assert newer == (position + 1 if position + 1 < count else None)
