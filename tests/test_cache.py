"""builder.cache: the document cache writes what changed beside its base, and never trusts a bad file."""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import fields
from pathlib import Path

from builder.cache import (
    KEEP_OTHER_RECORDS,
    KEEP_OTHER_STORES,
    BodyStore,
    CachedDocument,
    DocumentCache,
    forget_stale,
    read_pickle,
)
from builder.pages import page_key
from builder.views import ArticleLink, Job
from tests.helpers import article, build_site, write_files


def _documents(count: int, tag: str = "") -> dict[str, CachedDocument]:
    return {f"content/{i}.md": CachedDocument(i, i, f"digest-{i}{tag}", ["result"]) for i in range(count)}


def _written(folder: Path, documents: dict[str, CachedDocument] | None = None,
             **changed: CachedDocument) -> DocumentCache:
    """A cache that read what is there, then wrote ``documents`` (or what it read, with ``changed``)."""
    cache = DocumentCache(folder, "salt")
    read = cache.read()
    cache.write(documents if documents is not None else {**read, **{f"content/{k}.md": v for k, v in changed.items()}})
    return cache


def test_a_few_changes_go_beside_the_base_and_read_back_merged(tmp_path: Path) -> None:
    """Entries are compared by identity: those read from the cache are the ones not re-read."""
    first = DocumentCache(tmp_path, "salt")
    assert first.read() == {}
    documents = _documents(2000)
    first.write(documents)
    base_mtime = first.base_path.stat().st_mtime_ns
    assert not first.changes_path.exists()

    second = DocumentCache(tmp_path, "salt")
    read = second.read()
    assert read == documents
    read["content/5.md"] = CachedDocument(5, 99, "new", ["edited"])
    del read["content/6.md"]
    second.write(read)
    assert second.changes_path.exists() and second.base_path.stat().st_mtime_ns == base_mtime

    third = DocumentCache(tmp_path, "salt")
    merged = third.read()
    assert merged["content/5.md"].digest == "new" and "content/6.md" not in merged
    assert len(merged) == 1999
    third.write(merged)  # nothing new: nothing written
    assert third.base_path.stat().st_mtime_ns == base_mtime


def test_many_changes_rewrite_the_base_and_drop_the_changes(tmp_path: Path) -> None:
    _written(tmp_path, _documents(2000))
    again = _written(tmp_path, **{"1": CachedDocument(1, 2, "x", [])})
    assert again.changes_path.exists()
    last = _written(tmp_path, _documents(2000, tag="-all-edited"))
    assert not last.changes_path.exists()
    assert DocumentCache(tmp_path, "salt").read() == _documents(2000, tag="-all-edited")


def test_changes_of_another_base_or_a_corrupt_file_are_ignored(tmp_path: Path) -> None:
    _written(tmp_path, _documents(500))
    edit = _written(tmp_path, **{"1": CachedDocument(1, 2, "edited", [])})
    changes = edit.changes_path.read_bytes()
    _written(tmp_path, _documents(500, tag="-new-base"))  # a new base...
    edit.changes_path.write_bytes(changes)  # ...with the old base's changes put back
    assert DocumentCache(tmp_path, "salt").read() == _documents(500, tag="-new-base")
    broken = bytearray(changes)
    broken[len(broken) // 2] ^= 0xFF
    edit.changes_path.write_bytes(bytes(broken))
    assert DocumentCache(tmp_path, "salt").read() == _documents(500, tag="-new-base")
    assert DocumentCache(tmp_path, "other salt").read() == {}


def test_an_edit_parses_one_file_and_leaves_the_large_cache_file_alone(tmp_path: Path) -> None:
    write_files(tmp_path, {f"content/{i:03d}.md": article(f"Story {i}", f"2024-05-{1 + i % 28:02d}T10:00:00Z")
                           for i in range(150)})
    build_site(tmp_path, search=False)
    base = tmp_path / ".archive-cache" / "documents.pickle"
    before = base.stat().st_mtime_ns
    target = tmp_path / "content" / "007.md"
    target.write_text(target.read_text().replace("Body text.", "Body text, edited."))
    assert build_site(tmp_path, search=False).parsed == 1
    os.utime(target, ns=(1, 1))  # only the mtime moves: the bytes are compared, nothing is parsed
    assert build_site(tmp_path, search=False).parsed == 0
    again = build_site(tmp_path, search=False)
    assert again.parsed == 0 and again.unchanged
    assert base.stat().st_mtime_ns == before
    assert "edited" in (tmp_path / "site" / "2024" / "05" / "08" / "story-7" / "index.html").read_text()


def test_a_page_key_changes_with_every_field_a_listed_article_shows() -> None:
    """Page keys take a link's hash (made once per link) instead of its fields: the hash must
    cover each field the link shows, or an edit would leave the listing pages stale."""
    shown = [f.name for f in fields(ArticleLink) if f.name != "key"]
    values = {name: f"{name} value" for name in shown}

    def key_of(**changed: str) -> str:
        link = ArticleLink.keyed(**{**values, **changed})
        return page_key(Job("tags/x/", "entity.html", {"items": [link]}, (0,)), "salt")

    base = key_of()
    assert all(key_of(**{name: "other"}) != base for name in shown)
    assert key_of() == base  # and it is a function of them alone


def _aged(path: Path, age: int) -> Path:
    path.write_bytes(b"x")
    os.utime(path, (1_700_000_000 - age, 1_700_000_000 - age))
    return path


def test_stale_body_stores_and_records_are_dropped_but_the_last_used(tmp_path: Path) -> None:
    """Each builder version or settings had its own body store, never deleted: the cache grew by
    one copy of every body per upgrade."""
    stores = {name: _aged(tmp_path / f"bodies-{name}.sqlite", age) for name, age in
              (("current", 50), ("newer", 10), ("older", 20), ("oldest", 30))}
    for suffix in ("-wal", "-shm"):
        _aged(tmp_path / f"bodies-oldest.sqlite{suffix}", 30)
    for key, age in (("site", 90), ("a", 1), ("b", 2), ("c", 3), ("d", 4), ("e", 5)):
        for name in (f"pages-{key}.pickle", f"stamp-{key}.pickle", f"outputs-{key}.pickle", f"unrecorded-{key}"):
            _aged(tmp_path / name, age)
    _aged(tmp_path / ".pages-site.pickle.4242.tmp", 60)  # a write a killed build left
    forget_stale(tmp_path, stores["current"], "site")
    assert KEEP_OTHER_STORES == 1 and KEEP_OTHER_RECORDS == 3
    # The store in use, and the most recently used other one.
    assert sorted(p.name for p in tmp_path.glob("bodies-*")) == ["bodies-current.sqlite", "bodies-newer.sqlite"]
    # This output's record, and those of the three most recently built others, each whole; no
    # temporary file.
    kept = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("bodies-"))
    assert kept == sorted(f"{kind}-{key}{ext}" for key in ("site", "a", "b", "c")
                          for kind, ext in (("pages", ".pickle"), ("stamp", ".pickle"), ("outputs", ".pickle"),
                                            ("unrecorded", "")))


def test_a_compiled_layout_a_killed_build_was_writing_is_removed(tmp_path: Path) -> None:
    (tmp_path / "jinja").mkdir()
    kept = _aged(tmp_path / "jinja" / "__jinja2_abc.cache", 10)
    _aged(tmp_path / "jinja" / "__jinja2_abc.cache.4242.tmp", 10)
    forget_stale(tmp_path, tmp_path / "bodies-current.sqlite", "site")
    assert list((tmp_path / "jinja").iterdir()) == [kept]


def test_a_build_under_new_settings_drops_the_store_of_the_settings_before_last(tmp_path: Path) -> None:
    write_files(tmp_path, {"content/a.md": article()})
    for zone in ("UTC", "Europe/Paris", "Asia/Tokyo"):  # the time zone is part of a body store's salt
        write_files(tmp_path, {"pyproject.toml": f'[tool.archive]\ntimezone = "{zone}"\n'})
        build_site(tmp_path)
    assert len(list((tmp_path / ".archive-cache").glob("bodies-*.sqlite"))) == 1 + KEEP_OTHER_STORES
    assert (tmp_path / "site" / "index.html").is_file()


def test_a_damaged_body_in_the_store_is_rendered_again_not_published(tmp_path: Path) -> None:
    """SQLite checks its own structure only: a bit flipped inside a stored body (a bad disk
    block, a cache restored half-written) was published as the article's text."""
    write_files(tmp_path, {"content/a.md": article(body="The ministers agreed on a ceasefire.")})
    build_site(tmp_path, search=False)
    store = next((tmp_path / ".archive-cache").glob("bodies-*.sqlite"))
    with sqlite3.connect(store) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = store.read_bytes()
    assert data.count(b"ceasefire") == 1
    store.write_bytes(data.replace(b"ceasefire", b"ceaseFire"))
    shutil.rmtree(tmp_path / "site")
    build_site(tmp_path, search=False)
    page = next((tmp_path / "site").rglob("a-title/index.html")).read_text("utf-8")
    assert "ceasefire" in page and "ceaseFire" not in page


def test_a_body_store_of_an_earlier_format_is_made_again(tmp_path: Path) -> None:
    with sqlite3.connect(tmp_path / "bodies.sqlite") as connection:
        connection.execute("CREATE TABLE bodies (key TEXT PRIMARY KEY, html TEXT NOT NULL)")
        connection.execute("INSERT INTO bodies VALUES ('k', '<p>old</p>')")
    store = BodyStore(tmp_path / "bodies.sqlite")
    assert store.get("k") is None
    store.put_many([("k", "<p>new</p>")])
    assert store.get("k") == "<p>new</p>"
    store.close()


def test_a_cache_file_with_a_garbled_frame_length_is_rebuilt_not_a_traceback(tmp_path: Path) -> None:
    """A flipped high bit in a pickle's frame length raised OverflowError out of the build."""
    write_files(tmp_path, {"content/a.md": article()})
    build_site(tmp_path, search=False)
    cache = tmp_path / ".archive-cache" / "documents.pickle"
    data = bytearray(cache.read_bytes())
    assert data[:3] == b"\x80\x05\x95"  # protocol 5, then a frame of 8 bytes' length
    data[10] |= 0x80
    cache.write_bytes(bytes(data))
    assert read_pickle(cache, "any") is None
    (tmp_path / "content" / "a.md").write_text(article(body="Edited."))
    build_site(tmp_path, search=False)
    assert "Edited." in (tmp_path / "site" / "2024" / "05" / "01" / "a-title" / "index.html").read_text()
