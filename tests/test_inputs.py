"""builder.inputs: the hashes that decide what a rebuild may skip. A layout edit must change the
digest of exactly the templates that use it (their pages are checked, no others), and the input
digest must follow settings, layouts and static files but not content (content is hashed file by
file, builder.load)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import builder.inputs as inputs
from builder.config import read_settings
from builder.inputs import DIGESTS_KEPT, input_digest, layout_environment, static_digest, template_digests
from builder.pipeline import BuildOptions
from builder.render import make_environment, read_layouts
from tests.helpers import article, write_files

EXTENDS_BASE = {"404.html", "article.html", "entities.html", "entity.html", "letter.html", "listing.html",
                "period.html", "search.html"}
IMPORTS_MACROS = {"article.html", "entities.html", "entity.html", "letter.html", "listing.html", "period.html"}


def digests(root: Path) -> dict[str, str]:
    return template_digests(layout_environment(root, keep_compiled=False))


def changed(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}


def test_a_layout_edit_changes_the_digests_of_the_templates_that_use_it_and_no_others(tmp_path: Path) -> None:
    builtin = Path(__file__).parent.parent / "builder" / "layouts"
    before = digests(tmp_path)
    assert EXTENDS_BASE | IMPORTS_MACROS | {"base.html", "feed.xml", "sitemap.xml"} <= before.keys()

    overrides = [("feed.xml", {"feed.xml"}), ("_macros.html", IMPORTS_MACROS | {"_macros.html", "feed.xml"}),
                 ("base.html", EXTENDS_BASE | IMPORTS_MACROS | {"base.html", "_macros.html", "feed.xml"})]
    for name, expected in overrides:  # each override adds to the ones before it
        source = (builtin / name).read_text("utf-8")
        write_files(tmp_path, {f"layouts/{name}": source.replace("</", "<!-- edited --></", 1)})
        after = digests(tmp_path)
        assert changed(before, after) == expected, name
    untouched = {"robots.txt", "sitemap.xml", "sitemap-index.xml", "redirect.html"}
    assert not changed(before, after) & untouched


def test_a_template_that_names_its_include_at_run_time_depends_on_every_layout(tmp_path: Path) -> None:
    write_files(tmp_path, {"layouts/part.html": "{% include site.part %}", "layouts/one.html": "one"})
    before = digests(tmp_path)
    write_files(tmp_path, {"layouts/two.html": "two"})
    after = digests(tmp_path)
    assert "part.html" in changed(before, after)  # it may include the new layout
    assert "feed.xml" not in changed(before, after)


def test_the_input_digest_follows_settings_layouts_and_static_files_not_content(tmp_path: Path) -> None:
    write_files(tmp_path, {"content/a.md": article("First")})
    options = BuildOptions(tmp_path)

    def digest() -> str:
        settings, errors = read_settings(tmp_path)
        assert errors == []
        return input_digest(tmp_path, options, settings)

    first = digest()
    write_files(tmp_path, {"content/a.md": article("First, edited"), "content/b.md": article("Second")})
    assert digest() == first
    seen = {first}
    for change in ({"pyproject.toml": "[tool.archive]\nper_page = 10\n"},
                   {"layouts/robots.txt": "User-agent: *\n"},
                   {"static/notice.txt": "hello"}):
        write_files(tmp_path, change)
        now = digest()
        assert now not in seen, change
        seen.add(now)
    assert input_digest(tmp_path, BuildOptions(tmp_path, drafts=True), read_settings(tmp_path)[0]) not in seen


def test_the_static_digest_sees_a_file_rewritten_with_a_new_size_or_time(tmp_path: Path) -> None:
    write_files(tmp_path, {"static/style.css": "a {}"})
    first = static_digest(tmp_path)
    assert static_digest(tmp_path) == first
    style = tmp_path / "static" / "style.css"
    os.utime(style, ns=(style.stat().st_atime_ns, style.stat().st_mtime_ns + 10**9))
    second = static_digest(tmp_path)
    style.write_text("a { color: red }")
    assert len({first, second, static_digest(tmp_path)}) == 3


def test_template_digests_are_kept_beside_the_compiled_layouts_and_never_trusted_damaged(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build process reads them instead of parsing every layout again, under the digest of the
    layouts: an edited layout gives new ones; a damaged file is parsed again and written anew."""
    write_files(tmp_path, {"layouts/feed.xml": "<feed/>\n"})
    compiled = tmp_path / "compiled"

    def fresh() -> dict[str, str]:  # as a new process sees them
        return template_digests(make_environment(read_layouts(tmp_path / "layouts"), compiled))

    parsed = fresh()
    kept = compiled / DIGESTS_KEPT
    assert kept.is_file()
    with monkeypatch.context() as patched:
        patched.setattr(inputs, "_template_digests_of", lambda env: pytest.fail("parsed again"))
        assert fresh() == parsed
    write_files(tmp_path, {"layouts/feed.xml": "<feed>edited</feed>\n"})
    edited = fresh()
    assert changed(parsed, edited) == {"feed.xml"}
    kept.write_bytes(kept.read_bytes().replace(edited["feed.xml"][:12].encode(), b"0" * 12))
    assert fresh() == edited
    assert edited["feed.xml"][:12].encode() in kept.read_bytes()  # written anew
