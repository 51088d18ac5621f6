"""Settings from [tool.archive] and the command line."""

from __future__ import annotations

import os
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
    ("https://user.github.io/repo/ ", "https://user.github.io/repo/"),  # (was /repo/%20/: found by a probe)
    (" https://user.github.io/repo/\t", "https://user.github.io/repo/"),
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


@pytest.mark.parametrize(("written", "reason"), [
    ("https://user.github.io//repo/", "has an empty segment ('//')"),  # links were //repo/: the host "repo"
    ("https://user.github.io/repo//", "has an empty segment ('//')"),
    ("https://user.github.io/repo/../", "has a '..' segment"),  # links were /repo/../, outside /repo/
    ("https://user.github.io/repo/%2E%2E/", "has a '%2E%2E' segment"),
    ("https://user.github.io/./repo/", "has a '.' segment"),
    ("https://user.github.io/repo/index.html",  # links were /repo/index.html/tags/
     "ends in 'index.html', which looks like a file (end the URL with '/' if it is a folder)"),
    ("https://user.github.io/repo\\x/", "has a backslash, which browsers read as '/'"),
])
def test_a_base_url_whose_path_would_make_links_leave_the_site_is_refused(
        tmp_path: Path, written: str, reason: str) -> None:
    """Such a base URL was accepted, and every link of the site left it (or named a file's
    subfolder): the setting is named with its line, or --base-url."""
    (tmp_path / "pyproject.toml").write_text(f"[tool.archive]\ntitle = 'T'\nbase_url = '{written}'\n", "utf-8")
    settings, errors = read_settings(tmp_path)
    assert [str(error) for error in errors] == [
        f"pyproject.toml:3: tool.archive.base_url: its path {reason}; expected the folder the site lives in, "
        f"such as https://user.github.io/repo/, got {written!r}"]
    assert settings.base_url == "http://localhost:8000/"  # usable defaults, to check the content too
    settings, errors = read_settings(tmp_path / "nowhere", written)
    assert [(e.path, e.field) for e in errors] == [("command line", "--base-url")]
    assert errors[0].message.startswith(f"its path {reason};")


@pytest.mark.parametrize("written", ["https://user.github.io/repo", "https://user.github.io",
                                     "https://user.github.io/v1.2/", "https://user.github.io/a/b/"])
def test_a_base_url_naming_a_folder_is_accepted(tmp_path: Path, written: str) -> None:
    assert read_settings(tmp_path, written)[1] == []


@pytest.mark.parametrize("toml", [
    "[tool.archive] # settings\nper_page = 0\n",
    "[ tool . archive ]\n\"per_page\" = 0\n",
    "[tool]\narchive.per_page = 0\n",
    "[tool]\narchive = { title = 'T', per_page = 0 }\n",
])
def test_a_setting_is_named_with_its_line_however_the_toml_spells_it(tmp_path: Path, toml: str) -> None:
    """Found by a probe: a comment after the table's header, spaces or quotes in names, dotted
    keys and inline tables lost the line ('pyproject.toml: tool.archive.per_page: ...')."""
    (tmp_path / "pyproject.toml").write_text(toml, "utf-8")
    _, errors = read_settings(tmp_path)
    assert [str(error).split(": ", 2)[:2] for error in errors] == [["pyproject.toml:2", "tool.archive.per_page"]]


@pytest.mark.parametrize(("toml", "field", "shown"), [
    ('title = "Daily \\u0001 News"', "title", "U+0001"),
    ('description = "Wire copy\\b archive"', "description", "U+0008"),
    ('publisher = "Agency \\uFFFF"', "publisher", "U+FFFF"),
    ('title = "Daily \\u0085 News"', "title", "U+0085"),
])
def test_a_text_setting_with_a_character_feeds_cannot_hold_is_refused(
        tmp_path: Path, toml: str, field: str, shown: str) -> None:
    """Found by a probe: TOML escapes let a title or description hold control characters, which
    reached every feed as they were (``<title>Daily \\x01 News</title>``: no XML parser reads
    the file) and every page's <title>."""
    (tmp_path / "pyproject.toml").write_text(f"[tool.archive]\n{toml}\n", "utf-8")
    settings, errors = read_settings(tmp_path)
    assert [str(error) for error in errors] == [
        f"pyproject.toml:2: tool.archive.{field}: holds the control character or noncharacter {shown}, "
        "which feeds and pages cannot show; remove it"]
    assert getattr(settings, field) == getattr(type(settings)(), field)


def test_a_description_on_several_lines_is_kept(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.archive]\ndescription = """News,\n\tviews."""\n', "utf-8")
    assert read_settings(tmp_path)[0].description == "News,\n\tviews."


@pytest.mark.parametrize("written", ["https://deploy:s3cret@example.org/repo/", "https://token@example.org/"])
def test_a_base_url_with_a_user_or_password_is_refused(tmp_path: Path, written: str) -> None:
    """Found by a probe: a base URL holding credentials (copied from a deploy remote) was taken,
    and its user and password were published in every canonical link, og:url, feed and sitemap.
    The error does not print them either (a CI log is read by others)."""
    (tmp_path / "pyproject.toml").write_text(f"[tool.archive]\nbase_url = '{written}'\n", "utf-8")
    settings, errors = read_settings(tmp_path)
    assert [str(e) for e in errors] == [
        "pyproject.toml:2: tool.archive.base_url: it holds a user name or password, which every page would "
        "publish; expected the public address of the site, such as https://user.github.io/repo/, got "
        f"'https://***@{written.split('@')[1]}'"]
    assert settings.base_url == "http://localhost:8000/"
    [error] = read_settings(tmp_path / "nowhere", written)[1]
    assert str(error).startswith("command line: --base-url: it holds a user name or password")


def test_a_toml_syntax_error_names_its_line_and_column(tmp_path: Path) -> None:
    """Found by a probe: 'pyproject.toml: not valid TOML: Expected ']' at the end of a table
    declaration (at line 1, column 14)': the place was in the message, not where every other
    error has it (path:line:column), which editors and CI annotations read."""
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.archive\ntitle = "T"\n', "utf-8")
    assert [str(e) for e in read_settings(tmp_path)[1]] == [
        "pyproject.toml:4:14: not valid TOML: Expected ']' at the end of a table declaration"]


@pytest.mark.parametrize(("toml", "field", "message"), [
    ('base_url = "https://example.com:0/"', "base_url",
     "expected an absolute http(s) URL such as https://user.github.io/repo/, got 'https://example.com:0/'"),
    ('publisher = " "', "publisher",
     "expected the publisher's name, or no publisher setting (the site's title is used); it is blank"),
])
def test_a_setting_no_reader_could_use_is_refused(tmp_path: Path, toml: str, field: str, message: str) -> None:
    """Found by a probe: a base URL on port 0 (where no server listens) was taken for every link,
    and a blank publisher named the site's publisher " " in every article's JSON-LD."""
    (tmp_path / "pyproject.toml").write_text(f"[tool.archive]\n{toml}\n", "utf-8")
    assert [str(e) for e in read_settings(tmp_path)[1]] == [f"pyproject.toml:2: tool.archive.{field}: {message}"]


@pytest.mark.parametrize("kind", ["folder", "dangling link", "unreadable"])
def test_a_settings_file_that_cannot_be_read_is_an_error(tmp_path: Path, kind: str) -> None:
    """Found by a probe: a folder named pyproject.toml was passed over without a word, and the
    build went on with the default settings (an unreadable file was a traceback)."""
    path = tmp_path / "pyproject.toml"
    if kind == "folder":
        path.mkdir()
    elif kind == "dangling link":
        path.symlink_to(tmp_path / "gone.toml")
    else:
        path.write_text("[tool.archive]\n")
        path.chmod(0)
        if os.access(path, os.R_OK):  # (root reads anything: a file it cannot read is made otherwise)
            path.unlink()
            path.symlink_to("/proc/self/mem")
    _, errors = read_settings(tmp_path)
    assert len(errors) == 1 and errors[0].path == "pyproject.toml", errors
    assert {"folder": "a folder, not the project's settings file", "dangling link": "a symbolic link to nothing",
            "unreadable": "cannot be read"}[kind] in errors[0].message


@pytest.mark.parametrize(("written", "part"), [
    ("https://user.github.io/repo/?lang=en", "a query ('?')"),
    ("https://user.github.io/repo/#top", "a fragment ('#')"),
])
def test_a_base_url_with_a_query_or_fragment_says_so(tmp_path: Path, written: str, part: str) -> None:
    """It got the generic "expected an absolute http(s) URL", though it is one: links are the
    base URL plus a path, which would land after the '?' or '#'."""
    errors = read_settings(tmp_path, written)[1]
    assert [str(error) for error in errors] == [
        f"command line: --base-url: it has {part}, which would end up inside every link; expected the "
        f"folder the site lives in, such as https://user.github.io/repo/, got {written!r}"]


KNOWN = ("known: title, description, base_url, language, timezone, per_page, feed_size, related_count, "
         "listing_summaries, actor_page_min, allow_html, publisher, search_patch_pages")


@pytest.mark.parametrize(("toml", "error"), [
    ('titel = "Typo"', f"2: tool.archive.titel: unknown setting; did you mean 'title'? {KNOWN}"),
    ("per_pages = 10", f"2: tool.archive.per_pages: unknown setting; did you mean 'per_page'? {KNOWN}"),
    ("Timezone = 'UTC'", f"2: tool.archive.Timezone: unknown setting; did you mean 'timezone'? {KNOWN}"),
    ("colour = 'red'", f"2: tool.archive.colour: unknown setting; {KNOWN}"),  # (nothing close: no guess)
])
def test_an_unknown_setting_suggests_the_closest_known_one(tmp_path: Path, toml: str, error: str) -> None:
    """Found by a README probe: ``titel = ...`` listed every setting but did not say which one
    was meant, as a misspelt content field does ("did you mean 'tags'?")."""
    (tmp_path / "pyproject.toml").write_text(f"[tool.archive]\n{toml}\n", "utf-8")
    assert [str(e) for e in read_settings(tmp_path)[1]] == [f"pyproject.toml:{error}"]


@pytest.mark.parametrize(("toml", "shown"), [
    ("per_page = true", "expected a whole number, got true"),
    ("listing_summaries = 'no'", "expected true or false, got 'no'"),
    ("allow_html = 1", "expected true or false, got 1"),
    ('per_page = "it\'s"', "expected a whole number, got \"it's\""),  # (no TOML literal string holds a ')
    ("title = ['News', true]", "expected text, got ['News', true]"),
    ("title = { name = 'News', short = false }", "expected text, got { name = 'News', short = false }"),
    ("title = 2024-05-01", "expected text, got 2024-05-01"),
    ("per_page = 2.5", "expected a whole number, got 2.5"),
])
def test_a_value_of_the_wrong_type_is_shown_as_toml_writes_it(tmp_path: Path, toml: str, shown: str) -> None:
    """Found by a README probe: ``per_page = true`` said "got True" (Python's spelling), which
    is no TOML: a value is shown as the settings file writes it."""
    (tmp_path / "pyproject.toml").write_text(f"[tool.archive]\n{toml}\n", "utf-8")
    field = toml.split(" = ", 1)[0]
    assert [str(e) for e in read_settings(tmp_path)[1]] == [f"pyproject.toml:2: tool.archive.{field}: {shown}"]


@pytest.mark.parametrize(("toml", "error"), [
    ("[tool.archive.titel]\nx = 1\n", f"4: tool.archive.titel: unknown setting; did you mean 'title'? {KNOWN}"),
    ("[tool.archive.per_page]\nx = 1\n", "4: tool.archive.per_page: expected a whole number, got { x = 1 }"),
    ("[tool.archive.search.patch]\nx = 1\n", f"4: tool.archive.search: unknown setting; {KNOWN}"),
    ("[[tool.archive.tags]]\nname = 'NATO'\n", f"4: tool.archive.tags: unknown setting; {KNOWN}"),
])
def test_a_table_under_the_settings_is_named_with_its_line(tmp_path: Path, toml: str, error: str) -> None:
    """Found by a README probe: a table of its own (``[tool.archive.titel]``) was an error without
    a line, where a setting written ``titel = ...`` has one."""
    (tmp_path / "pyproject.toml").write_text(f"[tool.archive]\ntitle = 'T'\n\n{toml}", "utf-8")
    assert [str(e) for e in read_settings(tmp_path)[1]] == [f"pyproject.toml:{error}"]


def test_settings_that_are_not_a_table_are_named_with_their_line(tmp_path: Path) -> None:
    """``tool = "x"`` looked for a key ``tool.tool`` and gave no line."""
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\ntool = "x"\n', "utf-8")
    # (TOML puts a key after [project] in that table: tool is then project.tool, and no error)
    assert read_settings(tmp_path)[1] == []
    (tmp_path / "pyproject.toml").write_text('# the settings\ntool = "x"\n', "utf-8")
    assert [str(e) for e in read_settings(tmp_path)[1]] == [
        "pyproject.toml:2: tool: expected a table of settings ([tool]), got 'x'"]
