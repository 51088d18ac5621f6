"""Bad content is reported as ``path:line: field: message``, all at once, and never touches ``site/``.

Every failing-build test first builds a good site, snapshots it, adds the bad input, and then
checks the messages, that ``site/`` is byte-identical and that no staging folder is left over.
"""

from __future__ import annotations

import os
import pickle
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from builder.check import check
from builder.frontmatter import parse_document
from builder.model import Profile, Rejected, validate_profile
from builder.source import SourceFile
from tests.helpers import article, build_errors, build_site, snapshot, write_files

GOOD = {
    "pyproject.toml": '[tool.archive]\ntitle = "Test Archive"\n',
    "content/2024/first.md": article("First story", tags="[NATO, EU]", actors="[Mark Rutte]"),
    "content/2024/second.md": article("Second story", date="2024-05-02T08:00:00+02:00", tags="[NATO]"),
}

LAYOUT_UNDEFINED = """\
{% extends "base.html" %}
{% block main %}
<h1>{{ article.title }}</h1>
<p>{{ no_such_variable.field }}</p>
{% endblock %}
"""


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = write_files(tmp_path_factory.mktemp("good") / "project", GOOD)
    build_site(project)
    assert (project / "site" / "index.html").is_file()
    return project


@pytest.fixture
def root(built_once: Path, tmp_path: Path) -> Path:
    """A copy of a project with a good site already built into ``site/`` (never built in this
    process under this path, so no in-process cache of an earlier build can hide a problem)."""
    return Path(shutil.copytree(built_once, tmp_path / "project", symlinks=True))


def leftovers(project: Path) -> list[str]:
    """Staging or swap folders a build left beside the output."""
    return sorted(p.name for p in project.glob(".site.*"))


def fails_cleanly(project: Path, files: dict[str, str | bytes]) -> list[str]:
    """Add ``files``, build, and return the errors; ``site/`` must not have changed."""
    before = snapshot(project / "site")
    assert before
    write_files(project, files)
    errors = build_errors(project)
    assert errors
    assert snapshot(project / "site") == before
    assert leftovers(project) == []
    return errors


def one_error(errors: list[str], prefix: str, *words: str) -> str:
    """The single error starting with ``prefix`` (a path, or ``path:line``) holding every word."""
    found = [e for e in errors if e.startswith(prefix) and all(w in e for w in words)]
    assert len(found) == 1, f"expected one error {prefix!r} with {words}, got {errors}"
    return found[0]


def run_cli(project: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "builder", "build", "--root", str(project), *args],
                          capture_output=True, text=True, timeout=60, env={**os.environ, **env})


def as_a_user(command: list[str]) -> list[str]:
    """``command`` run with the permissions of a user: root reads any file whatever its mode, so
    it runs without root's capabilities that allow it (setpriv, from util-linux)."""
    if os.geteuid() != 0:
        return command
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: a folder cannot be made unreadable")
    caps = "-dac_override,-dac_read_search"
    return ["setpriv", f"--inh-caps={caps}", f"--bounding-set={caps}", *command]


def _build_with_unreadable(root: Path, path: Path) -> subprocess.CompletedProcess[str]:
    """``archive build`` with ``path`` made unreadable (chmod 000), run as a user: root reads anything."""
    path.chmod(0)
    try:
        return subprocess.run(as_a_user([sys.executable, "-m", "builder", "build", "--root", str(root)]),
                              capture_output=True, text=True, timeout=120, check=False)
    finally:
        path.chmod(0o755)


def test_a_content_folder_that_cannot_be_read_is_an_error(root: Path) -> None:
    """Found by a probe under archive serve --watch: a content folder made unreadable (chmod 000)
    made its articles vanish from the site without a word (their pages went, the build said
    "6 pages rendered"); a deploy would have published the archive without them."""
    before = snapshot(root / "site")
    folder = root / "content" / "2024"
    folder.mkdir(exist_ok=True)
    (folder / "hidden.md").write_text(article("Hidden story", "2024-06-01T10:00:00Z"))
    done = _build_with_unreadable(root, folder)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "content/2024: cannot read the folder (Permission denied)" in done.stderr, done.stderr
    assert snapshot(root / "site") == before


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_static_file_or_folder_that_cannot_be_read_is_an_error(root: Path, what: str) -> None:
    """Found by a probe under archive serve --watch: an unreadable static file failed the build
    with '/abs/path/static/new.css: cannot write the site: Permission denied' (it was read, not
    written), and an unreadable static folder was passed over, its files gone from the site."""
    before = snapshot(root / "site")
    write_files(root, {"static/docs/guide.css": "p { color: navy; }\n"})
    made = root / "static" / "docs" / ("guide.css" if what == "file" else "")
    done = _build_with_unreadable(root, made)
    assert done.returncode == 1, done.stdout + done.stderr
    shown = "static/docs/guide.css: cannot read" if what == "file" else "static/docs: cannot read the folder"
    assert f"{shown} (Permission denied)" in done.stderr and str(root) not in done.stderr, done.stderr
    assert snapshot(root / "site") == before


def page(project: Path, path: str) -> str:
    return (project / "site" / path / "index.html").read_text("utf-8")


# -- content errors ------------------------------------------------------------------------------

def test_a_named_pipe_in_content_or_static_is_an_error_not_a_hang(root: Path) -> None:
    """Reading a FIFO waits for a writer: ``archive build`` (and the dev server's builds) hung."""
    before = snapshot(root / "site")
    os.mkfifo(root / "content" / "notes.md")
    (root / "static").mkdir()
    os.mkfifo(root / "static" / "feed.json")
    result = run_cli(root, "--no-search")
    assert result.returncode == 1
    assert "content/notes.md:1: not a regular file" in result.stderr
    assert snapshot(root / "site") == before
    os.unlink(root / "content" / "notes.md")
    assert run_cli(root, "--no-search").returncode == 0  # the pipe in static/ is not copied
    assert not (root / "site" / "feed.json").exists()


def test_a_file_name_that_is_not_utf8_is_an_error(root: Path) -> None:
    """It was a UnicodeEncodeError traceback (and ``archive check`` exited 0)."""
    before = snapshot(root / "site")
    name = os.fsencode(root / "content") + b"/bad\xff.md"
    with open(name, "w") as handle:
        handle.write(article("Bad name"))
    result = run_cli(root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "content/bad\ufffd.md:1: the file name is not valid UTF-8; rename it" in result.stderr
    assert snapshot(root / "site") == before

def test_malformed_yaml(root: Path) -> None:
    errors = fails_cleanly(root, {"content/bad.md": article("Rutte: a statement")})
    one_error(errors, "content/bad.md:2:", "malformed YAML")


def test_malformed_yaml_names_the_line_and_field_of_the_mistake(root: Path) -> None:
    """Found by a probe: an unclosed quote on line 2 was reported on the last line, where PyYAML
    gave up ('content/a.md:8:1: malformed YAML: found unexpected end of stream'), with no field."""
    text = '---\ntitle: "Unclosed quote\ndate: 2025-01-01\nsource: AP\ntags: [a]\nx: 1\ny: 2\n---\nbody\n'
    errors = fails_cleanly(root, {"content/bad.md": text, "content/tags.md": article(tags="[a, b")})
    one_error(errors, "content/bad.md:2:8: title: malformed YAML", "quoted scalar", "(line 8)")
    one_error(errors, "content/tags.md:4:7: tags: malformed YAML", "flow sequence")


def test_a_hashtag_that_yaml_reads_as_a_comment_is_an_error_not_a_shorter_headline(root: Path) -> None:
    """Found by a probe: "title: Protesters rally under #MeToo banner" built the headline
    "Protesters rally under" (and its URL) without a word; the same for a summary."""
    errors = fails_cleanly(root, {
        "content/tag.md": article("Protesters rally under #MeToo banner", summary="Thousands marched. #NousToutes"),
        "content/all.md": article("#MeToo rally"),
        "content/fine.md": article('"Talks #2 resume"', source="AP  # the wire", tags="[Trade]  # checked"),
    })
    one_error(errors, "content/tag.md:2:31: title: '#MeToo banner' was read as a YAML comment",
              "so the title would be 'Protesters rally under'; put the whole title in quotes")
    one_error(errors, "content/tag.md:4:29: summary: '#NousToutes' was read as a YAML comment",
              "so the summary would be 'Thousands marched.'")
    one_error(errors, "content/all.md:2:8: title: '#MeToo rally' was read as a YAML comment", "would be empty")
    assert not [e for e in errors if e.startswith("content/fine.md")]  # quoted, or a comment after a source


@pytest.mark.parametrize(("line", "error"), [
    ("title: Breaking: talks collapse", "2:16: title: malformed YAML: mapping values are not allowed in this context; "
     "a ': ' in a value ends it: put the whole value in quotes: title: \"Breaking: talks collapse\""),
    ("title: @realDonald says hi", "2:8: title: malformed YAML: found character that cannot start any token; "
     "a value cannot begin with '@': put the whole value in quotes: title: \"@realDonald says hi\""),
    ('title: "We will win," says minister', "2:23: title: malformed YAML: did not find expected key; text follows "
     "the closing quote: put the whole value in quotes: title: '\"We will win,\" says minister'"),
    ("title: A\ntags: [MeToo, #NousToutes]\nsource: AP", "3:7: tags: malformed YAML: while parsing a flow "
     "sequence begun here: did not find expected ',' or ']' (line 5); ' #' begins a YAML comment, which cut the "
     "list short: put a name with '#' in quotes"),
    ("title: A\n\tsource: AP", "YAML indents with spaces, not tabs"),
    # (found in review: a backslash in double quotes is an escape, and the quoted fix failed again)
    ("title: Regex: \\d+ matches", "put the whole value in quotes: title: 'Regex: \\d+ matches'"),
    # (quotes around a whole list made it one name: the item goes in quotes)
    ("title: A\ntags: [@nato, EU]", "3:8: tags: malformed YAML: found character that cannot start any token; put "
     "the name it trips on in quotes ([NATO, '@nato', EU])"),
    # (found by a README probe: a one-line text field got the hint meant for lists)
    ("title: [broken", "2:8: title: malformed YAML: while parsing a flow sequence begun here: did not find "
     "expected ',' or ']' (line 3); a value that begins with '[' is a list to YAML: put the whole value in "
     "quotes: title: \"[broken\""),
    ("title: [Reuters] Oil prices rise", "2:18: title: malformed YAML: did not find expected key; a value that "
     "begins with '[' is a list to YAML: put the whole value in quotes: title: \"[Reuters] Oil prices rise\""),
    ("title: A\nsummary: {draft} text", "a value that begins with '{' is a mapping to YAML: put the whole value "
     "in quotes: summary: \"{draft} text\""),
    # (found by the dev-server probe: no hint for these two)
    ('title: A\nsource: "C:\\wire"', "3:12: source: malformed YAML: found unknown escape character; in double "
     "quotes a backslash begins an escape: write the value in single quotes: source: 'C:\\wire'"),
    ("title: A\nsource:AFP\ntags: [a]", "3:1: malformed YAML: while scanning a simple key begun here: could not "
     "find expected ':' (line 4); a field needs a space after its ':': source: AFP"),
])
def test_yaml_mistakes_an_editor_makes_come_with_their_fix(root: Path, line: str, error: str) -> None:
    """Found by a probe: PyYAML's words alone ("did not find expected key") said neither what was
    wrong with the value typed nor that quotes would make it text."""
    errors = fails_cleanly(root, {"content/bad.md": f"---\n{line}\ndate: 2024-05-01\n---\nBody.\n"})
    one_error(errors, "content/bad.md:", error)


def test_no_fix_is_offered_for_a_field_whose_line_above_lost_its_colon(root: Path) -> None:
    """Found in review: "title Talks" above "date: ..." had the date quoted as the fix, which
    failed the same way, then quoted twice."""
    errors = fails_cleanly(root, {"content/bad.md": "---\ntitle Talks in Geneva\ndate: 2024-05-01\n---\nBody.\n"})
    assert errors == ["content/bad.md:3:5: date: malformed YAML: mapping values are not allowed in this context"]


def test_a_required_field_with_a_capital_names_the_field_written(root: Path) -> None:
    """Found by a probe: "Title:" (Pelican's spelling) gave "title: missing" on line 1, and a
    "title: ~" too, not on its own line."""
    errors = fails_cleanly(root, {"content/caps.md": "---\nTitle: A\nDate: 2024-05-01\n---\nBody.\n",
                                  "content/null.md": "---\ntitle: ~\ndate: 2024-05-01\n---\nBody.\n"})
    one_error(errors, "content/caps.md:1: title: missing", "(found 'Title' on line 2: field names are lower case)")
    one_error(errors, "content/caps.md:1: date: missing", "(found 'Date' on line 3: field names are lower case)")
    one_error(errors, "content/null.md:2:8: title: missing")


def test_an_article_saved_among_the_profiles_is_an_error(root: Path) -> None:
    """Found by a probe: content/tags/x.md with a title and a date became a tag's profile, and the
    article vanished without a word."""
    errors = fails_cleanly(root, {"content/tags/talks.md": article("Talks resume", "2024-05-03T10:00:00Z")})
    one_error(errors, "content/tags/talks.md:3:7: date: a profile has no date: if this file is an article, move it "
              "out of content/tags/ (articles go anywhere else under content/); if it is a profile, remove date:")


def test_missing_title(root: Path) -> None:
    errors = fails_cleanly(root, {"content/bad.md": article(None)})
    one_error(errors, "content/bad.md:1:", "title:", "missing")


def test_missing_date(root: Path) -> None:
    errors = fails_cleanly(root, {"content/bad.md": article("No date here", None)})
    one_error(errors, "content/bad.md:1:", "date:", "missing")


@pytest.mark.parametrize("value", ["2024-02-30", "2024-02-30T10:00:00Z", "2023-02-29", "2024-13-01"])
def test_impossible_date(root: Path, value: str) -> None:
    errors = fails_cleanly(root, {"content/bad.md": article("Impossible", value)})
    one_error(errors, "content/bad.md:3:", "date:", value)


def test_impossible_updated_date(root: Path) -> None:
    errors = fails_cleanly(root, {"content/bad.md": article("Impossible", updated="2024-04-31")})
    one_error(errors, "content/bad.md:4:", "updated:", "2024-04-31")


@pytest.mark.parametrize(("value", "zone"), [("0001-01-01T00:05:00", "Europe/Amsterdam"),
                                             ("0001-01-01T03:00:00", "Asia/Tokyo"),
                                             ("9999-12-31T20:00:00", "America/New_York")])
def test_a_date_the_site_zone_keeps_but_utc_cannot_hold_is_an_error_not_a_crash(
        root: Path, value: str, zone: str) -> None:
    """Found by a probe: a date without an offset is read in the site's zone, which kept it in
    range, but feeds, sitemaps and the search sort give it in UTC, and year 0 or 10000 is no
    Python date: the build died with an OverflowError traceback and no file named."""
    (root / "pyproject.toml").write_text(f'[tool.archive]\ntimezone = "{zone}"\n')
    errors = fails_cleanly(root, {"content/bad.md": article("Very old", value)})
    one_error(errors, "content/bad.md:3:", "date:", "out of the range of dates")
@pytest.mark.parametrize(("text", "field", "expected"), [
    pytest.param(article("[a, b]"), "title", "expected text", id="title-list"),
    pytest.param(article("Tags", tags="{nato: 1, eu: 2}"), "tags", "got a mapping", id="tags-mapping"),
    pytest.param(article("Actors", actors="{who: Rutte}"), "actors", "got a mapping", id="actors-mapping"),
    pytest.param(article("Undecided", draft="maybe"), "draft", "true or false", id="draft-maybe"),
    pytest.param(article("Tags", tags="[NATO, [EU]]"), "tags", "expected a name, got a list", id="tags-nested-list"),
    pytest.param(article("Actors", actors="[{who: Rutte}]"), "actors", "expected a name, got a mapping",
                 id="actors-entry-mapping"),
    pytest.param(article("Date list", "[2024-05-01]"), "date", "expected a date", id="date-list"),
    pytest.param(article("Tongue", language="Arabic please"), "language", "expected a language tag such as 'ar'",
                 id="language-not-a-tag"),
    pytest.param(article("Tongue", language='"ar\\" onload=x"'), "language", "expected a language tag",
                 id="language-attribute-injection"),
])
def test_wrong_type(root: Path, text: str, field: str, expected: str) -> None:
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t.startswith(field + ":"))
    errors = fails_cleanly(root, {"content/bad.md": text})
    one_error(errors, f"content/bad.md:{line}:", f"{field}:", expected)


def test_invalid_utf8_names_the_line(root: Path) -> None:
    data = article("Latin-1 copy", body="First line.\n\nCaf\u00e9 au lait.").encode("latin-1")
    line = data.split(b"\n").index(b"Caf\xe9 au lait.") + 1
    errors = fails_cleanly(root, {"content/bad.md": data})
    one_error(errors, f"content/bad.md:{line}:", "UTF-8")


@pytest.mark.parametrize(("data", "word"), [
    pytest.param(b"", "empty", id="empty"),
    pytest.param(b"  \n\n", "empty", id="blank"),
    pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary", id="png"),
    pytest.param(article("UTF-16").encode("utf-16"), "binary", id="utf-16"),
])
def test_empty_or_binary_file(root: Path, data: bytes, word: str) -> None:
    errors = fails_cleanly(root, {"content/bad.md": data})
    one_error(errors, "content/bad.md:", word)


def test_two_articles_on_one_url_name_both_files(root: Path) -> None:
    errors = fails_cleanly(root, {"content/copy.md": article("First Story")})
    one_error(errors, "content/copy.md:", "slug:", "/2024/05/01/first-story/", "content/2024/first.md")
    one_error(errors, "content/2024/first.md:", "slug:", "/2024/05/01/first-story/", "content/copy.md")


def test_an_article_with_a_wrong_field_still_has_its_url_clash_reported(root: Path) -> None:
    """Found in review: an article with any error was left out before the URLs were compared, so
    its clash with another article surfaced only in the build after the first error was fixed."""
    for _ in range(2):  # and again: a failed build caches nothing that could hide either error
        errors = fails_cleanly(root, {"content/copy.md": article("First Story", tags="{a: 1}")})
        one_error(errors, "content/copy.md:4:", "tags:")
        one_error(errors, "content/copy.md:", "slug:", "/2024/05/01/first-story/", "content/2024/first.md")
        one_error(errors, "content/2024/first.md:", "slug:", "/2024/05/01/first-story/", "content/copy.md")
    errors = fails_cleanly(root, {"content/copy.md": article("First Story", slug="[x]")})
    assert [e for e in errors if "first.md" in e] == []  # its slug itself wrong: nothing to compare


def test_unterminated_front_matter(root: Path) -> None:
    errors = fails_cleanly(root, {"content/bad.md": "---\ntitle: Open\ndate: 2024-05-01\n\nBody.\n"})
    one_error(errors, "content/bad.md:1:", "not closed")


def test_missing_front_matter(root: Path) -> None:
    errors = fails_cleanly(root, {"content/bad.md": "# Just Markdown\n\nNo front matter.\n"})
    one_error(errors, "content/bad.md:1:", "front matter")


@pytest.mark.parametrize("yaml_text", ["- title\n- date\n", "just a sentence\n"], ids=["list", "scalar"])
def test_front_matter_not_a_mapping(root: Path, yaml_text: str) -> None:
    errors = fails_cleanly(root, {"content/bad.md": f"---\n{yaml_text}---\nBody.\n"})
    one_error(errors, "content/bad.md:2:", "mapping")


def test_duplicate_key(root: Path) -> None:
    text = "---\ntitle: One\ndate: 2024-05-01\ntitle: Two\n---\nBody.\n"
    errors = fails_cleanly(root, {"content/bad.md": text})
    message = one_error(errors, "content/bad.md:4:", "title:", "duplicate")
    assert "line 2" in message


def test_symlink_outside_content_is_refused(root: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text(article("Secret outside the content folder"), "utf-8")
    before = snapshot(root / "site")
    (root / "content" / "link.md").symlink_to(secret)
    errors = build_errors(root)
    one_error(errors, "content/link.md:", "symbolic link")
    assert snapshot(root / "site") == before
    assert leftovers(root) == []


def test_reserved_slug_page_is_refused(root: Path) -> None:
    errors = fails_cleanly(root, {"content/bad.md": article("Paging", slug="page")})
    one_error(errors, "content/bad.md:", "slug:", "reserved")


def test_title_page_gives_the_reserved_slug(root: Path) -> None:
    errors = fails_cleanly(root, {"content/bad.md": article("Page")})
    one_error(errors, "content/bad.md:", "slug:", "reserved")


ALIAS_LINE = 4  # article(title, date, aliases=...): the third field


@pytest.mark.parametrize(("alias", "words"), [
    pytest.param("/2024/05/01/first-story/index.html", ["also the URL of content/2024/first.md"],
                 id="an article's page as index.html"),
    pytest.param("/2024/index.html", ["generates itself"], id="a year page as index.html"),
    pytest.param("/2024/05/03/third-story/", ["this article's own URL"], id="its own URL"),
    pytest.param("/.git/", ["hidden"], id="hidden folder"),
    pytest.param("/old/.well-known/x.html", ["hidden"], id="hidden inside"),
    pytest.param("/p/#x/", ["fragment"], id="fragment"),
    pytest.param("/q/?a=b/", ["query"], id="query"),
    pytest.param("/%2e%2e/%2e%2e/x/", ["'..'"], id="escaped dots"),
    pytest.param("/" + "é" * 130 + "/", ["255 bytes"], id="longer than a file name"),
    # Found by a probe (these passed the checks, then the build failed writing the site, naming
    # neither the article nor the alias): a folder inside a file the build writes, and a part of
    # the sitemap index, which comes only above 50,000 URLs: a deploy that worked would then fail.
    pytest.param("/feed.xml/latest/", ["inside /feed.xml, a file of the site"], id="inside the feed"),
    pytest.param("/2024/index.html/old/", ["inside /2024/index.html"], id="inside a year page's file"),
    pytest.param("/2024/05/01/first-story/index.html/x.html", ["inside /2024/05/01/first-story/index.html"],
                 id="inside an article's file"),
    pytest.param("/sitemap-2.xml", ["generates itself"], id="a part of a sitemap index"),
])
def test_an_alias_no_page_can_have_is_an_error_on_its_line(root: Path, alias: str, words: list[str]) -> None:
    """"/x/index.html" was not seen as the page "/x/": an old URL replaced an article's page with
    a redirect (and a year page, or not, depending on the build). "/.git/" was written, and a
    '#' or '?' gave a folder no URL reaches."""
    errors = fails_cleanly(root, {"content/2024/third.md": article("Third story", "2024-05-03T09:00:00Z",
                                                                     aliases=f"['{alias}']")})
    one_error(errors, f"content/2024/third.md:{ALIAS_LINE}:", "aliases:", *words)


def test_an_old_url_inside_another_old_urls_file_is_an_error_on_its_line(root: Path) -> None:
    """Found by a probe: /news/grain.html (a file) and /news/grain.html/x/ (a folder inside it)
    passed the checks; the build then failed writing the site."""
    errors = fails_cleanly(root, {
        "content/2024/third.md": article("Third story", "2024-05-03T09:00:00Z", aliases="[/news/grain.html]"),
        "content/2024/fourth.md": article("Fourth story", "2024-05-04T09:00:00Z", aliases="[/news/grain.html/x/]"),
    })
    one_error(errors, f"content/2024/fourth.md:{ALIAS_LINE}:", "aliases:", "inside /news/grain.html")
    assert not [e for e in errors if e.startswith("content/2024/third.md")], errors


def test_two_articles_with_one_old_url_are_both_named_on_their_alias_lines(root: Path) -> None:
    errors = fails_cleanly(root, {
        "content/2024/third.md": article("Third story", "2024-05-03T09:00:00Z", aliases="[/old/]"),
        "content/2024/fourth.md": article("Fourth story", "2024-05-04T09:00:00Z", aliases="[/old/index.html]"),
    })
    one_error(errors, f"content/2024/third.md:{ALIAS_LINE}:", "aliases:", "/old/ is also an old URL (aliases:) "
              "of content/2024/fourth.md")
    one_error(errors, f"content/2024/fourth.md:{ALIAS_LINE}:", "aliases:", "content/2024/third.md")


def test_a_profile_with_a_wrong_field_still_has_its_name_clashes_reported(root: Path) -> None:
    """A profile with any error was left out before its names were compared with the others':
    the clash of names surfaced only in the build after the other error was fixed."""
    files = {"content/actors/first.md": "---\nname: First\nkind: person\n---\n",
             "content/actors/second.md": "---\nname: Second\nkind: 5\naliases: [First]\n---\n"}
    for _ in range(2):  # and again: a failed build caches nothing that could hide either error
        errors = fails_cleanly(root, files)
        one_error(errors, "content/actors/second.md:3:", "kind:", "is not one of")
        one_error(errors, "content/actors/second.md:4:", "aliases:", "'First' already belongs to 'First'")
    files["content/actors/second.md"] = "---\nname: Second\nkind: 5\naliases: [First, 7: x]\n---\n"
    errors = fails_cleanly(root, files)  # its aliases themselves wrong: no clash to report with them
    assert [e for e in errors if "second.md" in e and "already belongs" in e] == []


def test_an_old_url_with_escapes_redirects_from_the_folder_the_server_looks_in(root: Path) -> None:
    write_files(root, {"content/2024/third.md": article("Third story", "2024-05-03T09:00:00Z",
                                                        aliases="['/news/caf%C3%A9/', '/x/index.html']")})
    build_site(root)
    assert "/2024/05/03/third-story/" in (root / "site" / "news" / "café" / "index.html").read_text()
    assert "/2024/05/03/third-story/" in (root / "site" / "x" / "index.html").read_text()


def test_reserved_slug_error_names_the_slug_line(root: Path) -> None:
    errors = fails_cleanly(root, {"content/bad.md": article("Paging", slug="page")})
    one_error(errors, "content/bad.md:4:", "slug:", "reserved")


@pytest.mark.parametrize("value", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:00:00-05:00"])
def test_date_out_of_range_is_an_error(root: Path, value: str) -> None:
    errors = fails_cleanly(root, {"content/bad.md": article("Edge of time", value)})
    one_error(errors, "content/bad.md:3:", "date:")


def test_three_bad_files_reported_in_one_build(root: Path) -> None:
    errors = fails_cleanly(root, {
        "content/a-yaml.md": "---\ntitle: [unclosed\ndate: 2024-05-01\n---\nBody.\n",
        "content/b-nodate.md": article("Dateless", None),
        "content/c-tags.md": article("Mapped tags", tags="{a: 1}"),
    })
    one_error(errors, "content/a-yaml.md:", "malformed YAML")
    one_error(errors, "content/b-nodate.md:1:", "date:", "missing")
    one_error(errors, "content/c-tags.md:4:", "tags:", "mapping")
    assert len(errors) == 3


# -- settings and layouts ------------------------------------------------------------------------

def test_unknown_setting_names_pyproject(root: Path) -> None:
    errors = fails_cleanly(root, {"pyproject.toml": '[tool.archive]\ntitel = "Typo"\n'})
    one_error(errors, "pyproject.toml:", "tool.archive.titel", "unknown setting")


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "../../etc/passwd", ""])
def test_bad_timezone_names_pyproject(root: Path, zone: str) -> None:
    errors = fails_cleanly(root, {"pyproject.toml": f'[tool.archive]\ntimezone = "{zone}"\n'})
    one_error(errors, "pyproject.toml:", "tool.archive.timezone", repr(zone))


def test_wrong_setting_type_names_pyproject(root: Path) -> None:
    errors = fails_cleanly(root, {"pyproject.toml": '[tool.archive]\nper_page = "20"\n'})
    one_error(errors, "pyproject.toml:2:", "tool.archive.per_page", "expected a whole number")


@pytest.mark.parametrize(("line", "words"), [
    pytest.param("per_page = 0", ["tool.archive.per_page", "at least 1, got 0"], id="per_page"),
    pytest.param("feed_size = -3", ["tool.archive.feed_size", "at least 1, got -3"], id="feed_size"),
    pytest.param("actor_page_min = 0", ["tool.archive.actor_page_min", "at least 1"], id="actor_page_min"),
    pytest.param("related_count = -1", ["tool.archive.related_count", "at least 0"], id="related_count"),
    pytest.param('language = "en\\"><script>"', ["tool.archive.language", "language tag"], id="language"),
    pytest.param('title = "  "', ["tool.archive.title", "empty"], id="title"),
    pytest.param('base_url = "ftp://example.org/"', ["tool.archive.base_url", "http(s)"], id="base_url"),
])
def test_each_wrong_setting_is_named_with_its_line(root: Path, line: str, words: list[str]) -> None:
    """A count below its minimum was 'counts must be positive', naming no setting and no line."""
    errors = fails_cleanly(root, {"pyproject.toml": f'[project]\nname = "x"\n\n[tool.archive]\n# ours\n{line}\n'})
    one_error(errors, "pyproject.toml:6:", *words)


@pytest.mark.parametrize("url", ["http://[::1/", "http://host:port/", "http://:80/"])
def test_a_base_url_that_is_no_url_is_an_error_not_a_traceback(root: Path, url: str) -> None:
    """urlsplit raises ValueError on an unclosed IPv6 address: it was a traceback."""
    errors = fails_cleanly(root, {"pyproject.toml": f'[tool.archive]\nbase_url = "{url}"\n'})
    one_error(errors, "pyproject.toml:2:", "tool.archive.base_url", "expected an absolute http(s) URL")
    result = run_cli(root, "--base-url", url)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "--base-url: expected an absolute http(s) URL" in result.stderr


@pytest.mark.parametrize("command", ["build", "check", "import", "new", "serve"])
def test_a_root_that_is_a_file_is_a_usage_error(tmp_path: Path, command: str) -> None:
    """It was NotADirectoryError from the first folder made below it."""
    afile = tmp_path / "notes.txt"
    afile.write_text("notes")
    extra = {"import": ["-"], "new": ["A title"]}.get(command, [])
    done = subprocess.run([sys.executable, "-m", "builder", command, "--root", str(afile), *extra],
                          capture_output=True, text=True, timeout=60, input="", check=False)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"argument --root: '{afile}' is a file; expected the project's folder" in done.stderr


@pytest.mark.parametrize("text", ["[tool]\narchive = 5\n", "tool = 5\n"])
def test_settings_that_are_not_a_table_are_an_error(root: Path, text: str) -> None:
    """They were an AttributeError traceback."""
    errors = fails_cleanly(root, {"pyproject.toml": text})
    one_error(errors, "pyproject.toml:", "expected a table of settings")


def test_settings_and_content_errors_reported_together(root: Path) -> None:
    errors = fails_cleanly(root, {"pyproject.toml": '[tool.archive]\ntitel = "Typo"\n',
                                  "content/bad.md": article(None)})
    one_error(errors, "pyproject.toml:", "tool.archive.titel")
    one_error(errors, "content/bad.md:1:", "title:", "missing")


def test_layout_syntax_error_names_layout_and_line(root: Path) -> None:
    layout = LAYOUT_UNDEFINED.replace("{{ no_such_variable.field }}", "{{ article.summary | }}")
    errors = fails_cleanly(root, {"layouts/article.html": layout})
    one_error(errors, "layouts/article.html:4:", "syntax error")


def test_a_layout_syntax_error_is_listed_with_the_other_layouts_runtime_errors(root: Path) -> None:
    """A syntax error in one layout stopped the build before any page rendered, so an unknown field
    in another layout showed only once the first was fixed: all errors of a build at once."""
    errors = fails_cleanly(root, {"layouts/listing.html": "{% if %}", "layouts/article.html": LAYOUT_UNDEFINED})
    one_error(errors, "layouts/listing.html:1:", "template syntax error")
    one_error(errors, "layouts/article.html:4:", "'no_such_variable' is undefined", "/2024/05/01/first-story/")
    assert len(errors) == 2, errors
    # archive check too (it renders every page of an overridden layout: both articles here)
    assert {e.split(": ")[0] for e in check(root)} == {"layouts/listing.html:1", "layouts/article.html:4"}


def test_a_content_error_is_listed_with_the_layouts_runtime_errors(root: Path) -> None:
    """An error in one article stopped the build before any page rendered, so an unknown field in
    a layout showed only once the article was fixed. The layouts are tried on the valid articles;
    the broken one (its date wrong, its title and slug fine) is left out of that trial."""
    errors = fails_cleanly(root, {"layouts/article.html": LAYOUT_UNDEFINED,
                                  "content/2024/second.md": article("Second story", date="2024-13-02")})
    one_error(errors, "content/2024/second.md:", "date")
    one_error(errors, "layouts/article.html:4:", "'no_such_variable' is undefined", "/2024/05/01/first-story/")
    assert len(errors) == 2, errors
    assert {e.split(":")[0] for e in check(root)} == {"content/2024/second.md", "layouts/article.html"}


def test_pages_of_a_layout_that_uses_a_broken_one_add_no_error_of_their_own(root: Path) -> None:
    """Every page extends base.html: its syntax error is the one error, not one per page."""
    errors = fails_cleanly(root, {"layouts/base.html": "{% block main %}{% endblock %}{% if %}",
                                  "layouts/_macros.html": "{% macro x() %}"})
    one_error(errors, "layouts/base.html:1:", "template syntax error")
    one_error(errors, "layouts/_macros.html:1:", "template syntax error")
    assert len(errors) == 2, errors


def test_a_layout_that_is_not_utf8_is_an_error_with_its_line(root: Path) -> None:
    """It was a traceback (UnicodeDecodeError from Jinja's loader)."""
    errors = fails_cleanly(root, {"layouts/article.html": b'{% extends "base.html" %}\n<p>caf\xe9</p>\n',
                                  "layouts/tag.html": b"\xff\xfe"})
    one_error(errors, "layouts/article.html:2:", "not valid UTF-8", "0xe9")
    one_error(errors, "layouts/tag.html:1:", "not valid UTF-8", "0xff")


@pytest.mark.parametrize(("expression", "words"), [
    pytest.param("{{ 1 / 0 }}", ["ZeroDivisionError: division by zero"], id="division"),
    pytest.param("{{ article.title + 1 }}", ["TypeError:"], id="type"),
    pytest.param('{% include "missing.html" %}', ["no layout named missing.html"], id="include"),
])
def test_a_layout_that_raises_is_an_error_with_its_line(root: Path, expression: str, words: list[str]) -> None:
    """Jinja's own errors were reported; any other exception in a layout was a traceback."""
    errors = fails_cleanly(root, {"layouts/article.html": LAYOUT_UNDEFINED.replace(
        "{{ no_such_variable.field }}", expression)})
    assert errors and all(e.startswith("layouts/article.html:4:") and all(w in e for w in words)
                          for e in errors), errors


def test_a_layout_that_includes_itself_is_an_error(root: Path) -> None:
    errors = fails_cleanly(root, {"layouts/article.html": '{% include "article.html" %}'})
    assert errors and all(e.startswith("layouts/article.html") and "include, import or extend itself" in e
                          for e in errors), errors


def test_an_override_that_cannot_be_read_is_an_error_not_the_built_in_layout(root: Path) -> None:
    """Found by a probe: a layouts/base.html that is a folder, or a link to a file that is gone,
    was passed over without a word, and every page had the built-in base instead of the override."""
    before = snapshot(root / "site")
    (root / "layouts" / "base.html").mkdir(parents=True)
    (root / "layouts" / "article.html").symlink_to(root / "gone.html")
    errors = build_errors(root)
    one_error(errors, "layouts/base.html: a folder where the layout base.html would be: the built-in "
                      "base.html is used instead; put the layout there, or remove it")
    one_error(errors, f"layouts/article.html: a symbolic link to {root / 'gone.html'}, which does not exist")
    assert snapshot(root / "site") == before


def test_an_override_that_cannot_be_read_is_an_error_not_a_traceback(root: Path) -> None:
    """Found by a probe under archive serve --watch: a layouts/article.html made unreadable (chmod
    000) failed the build with "unexpected build error: [Errno 13] Permission denied" and a
    traceback, in the terminal and over the page, naming no line of the usual form."""
    before = snapshot(root / "site")
    override = root / "layouts" / "article.html"
    override.parent.mkdir(parents=True, exist_ok=True)
    override.write_text("<p>override</p>")
    override.chmod(0)
    if os.access(override, os.R_OK):  # (root reads anything: a file it cannot read is made otherwise)
        override.unlink()
        override.symlink_to("/proc/self/mem")
    errors = build_errors(root)
    one_error(errors, "layouts/article.html: cannot read it (", "the built-in article.html is not used instead")
    assert snapshot(root / "site") == before


def test_layout_undefined_variable_names_layout(root: Path) -> None:
    # ``root`` was built under another path: see the stale-layout test below for why that matters.
    errors = fails_cleanly(root, {"layouts/article.html": LAYOUT_UNDEFINED})
    assert all(e.startswith("layouts/article.html:4:") and "'no_such_variable' is undefined" in e
               for e in errors), errors
    assert any("/2024/05/01/first-story/" in e for e in errors)


def test_the_count_of_further_pages_with_a_layout_error_comes_after_the_pages_shown(tmp_path: Path) -> None:
    """Found by a probe: '... and 2 more pages with the same error' sorted before the three pages
    it counts ('.' before 't'), so the list opened with a count of pages not yet shown."""
    files: dict[str, str | bytes] = {f"content/{day}.md": article(f"Story {day}", f"2024-05-0{day}T10:00:00Z")
                                     for day in range(1, 6)}
    errors = build_errors(write_files(tmp_path, {**files, "layouts/article.html": LAYOUT_UNDEFINED}))
    assert [e.split(": ", 1)[1].split(":")[0] for e in errors] == [
        "template error while rendering /2024/05/01/story-1/", "template error while rendering /2024/05/02/story-2/",
        "template error while rendering /2024/05/03/story-3/", "template error while rendering 2 more pages"]
    assert errors[-1] == "layouts/article.html:4: template error while rendering 2 more pages: the same error, " \
                         "'no_such_variable' is undefined"


def test_one_further_page_with_a_layout_error_is_one_page(tmp_path: Path) -> None:
    """Found reading a build's errors: 'template error while rendering 1 more pages'."""
    files: dict[str, str | bytes] = {f"content/{day}.md": article(f"Story {day}", f"2024-05-0{day}T10:00:00Z")
                                     for day in range(1, 5)}
    errors = build_errors(write_files(tmp_path, {**files, "layouts/article.html": LAYOUT_UNDEFINED}))
    assert errors[-1] == "layouts/article.html:4: template error while rendering 1 more page: the same error, " \
                         "'no_such_variable' is undefined"


def test_changed_layout_is_used_by_the_next_build_in_process(tmp_path: Path) -> None:
    project = write_files(tmp_path / "project", GOOD)
    build_site(project)  # the same path, built in this process before the layout changes
    errors = fails_cleanly(project, {"layouts/article.html": LAYOUT_UNDEFINED})
    assert any(e.startswith("layouts/article.html:4:") and "no_such_variable" in e for e in errors)


# -- the command line ----------------------------------------------------------------------------

@pytest.mark.parametrize(("files", "expected"), [
    pytest.param({"content/bad.md": article("Leap", "2023-02-29"), "content/worse.md": article("[x]")},
                 ["content/bad.md:3:7: date:", "content/worse.md:2:8: title:"], id="content"),
    pytest.param({"pyproject.toml": '[tool.archive]\ntimezone = "Nowhere/Land"\n'},
                 ["pyproject.toml:2: tool.archive.timezone:"], id="settings"),
])
def test_cli_exits_1_with_messages_and_no_traceback(root: Path, files: dict[str, str],
                                                   expected: list[str]) -> None:
    before = snapshot(root / "site")
    write_files(root, files)
    result = run_cli(root)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    for start in expected:
        assert any(line.startswith(start) for line in lines), result.stderr
    count = len(expected)
    assert f"build failed: {count} error{'s' if count > 1 else ''};" in lines[-1]  # "1 error", "2 errors"
    assert lines[-1].endswith("; the previous site was left untouched")
    assert "Traceback" not in result.stderr
    assert snapshot(root / "site") == before
    assert leftovers(root) == []


def test_a_first_build_that_fails_says_no_site_was_written(tmp_path: Path) -> None:
    """Found by a README probe: it said "the previous site was left untouched" when there was none."""
    write_files(tmp_path, {"content/bad.md": article("Leap", "2023-02-29")})
    result = run_cli(tmp_path)
    assert result.returncode == 1 and result.stderr.splitlines()[-1] == "build failed: 1 error; no site was written"
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("command", ["build", "check", "import", "serve"])
@pytest.mark.parametrize("workers", ["-3", "two"])
def test_a_wrong_workers_count_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                command: str, workers: str) -> None:
    """Found reading the README: `--workers -3` was taken silently (as one process)."""
    from builder.cli import main

    paths = ["x.txt"] if command == "import" else []
    with pytest.raises(SystemExit) as stopped:
        main([command, "--root", str(tmp_path), "--workers", workers, *paths])
    assert stopped.value.code == 2
    assert "--workers: expected 0 (one per core) or a number of processes" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_every_option_of_every_command_says_what_it_does() -> None:
    """Found reading `archive import --help`: --format was listed with its choices and no word."""
    from builder.cli import _parser

    commands = next(action for action in _parser()._actions if action.dest == "command")
    for name, command in commands.choices.items():  # type: ignore[union-attr]
        for action in command._actions:
            assert action.help, f"archive {name} {'/'.join(action.option_strings) or action.dest}"


# -- inputs that must work ------------------------------------------------------------------------

def test_bom_and_crlf_still_work(root: Path) -> None:
    text = "\ufeff" + article("Byte order mark", body="Body after a BOM.").replace("\n", "\r\n")
    write_files(root, {"content/bom.md": text.encode("utf-8")})
    build_site(root)
    html = page(root, "2024/05/01/byte-order-mark")
    assert ">Byte order mark</h1>" in html
    assert "Body after a BOM." in html
    assert "\ufeff" not in html


def test_yaml_no_stays_text_and_unknown_fields_reach_templates(tmp_path: Path) -> None:
    project = write_files(tmp_path / "project", {
        "content/a.md": article("Nordic news", tags="[NO, yes, 'off']", country="NO",
                                wire_desk="Brussels desk", meta="{desk: Oslo, priority: 2}"),
        "layouts/article.html": """\
            {% extends "base.html" %}
            {% block main %}
            <p id="extra">{{ article.extra.country }}|{{ article.extra.wire_desk }}|{{
            article.extra.meta.desk }}|{{ article.extra.meta.priority + 1 }}</p>
            {% for tag in article.tags %}<span class="tag">{{ tag.label }}</span>{% endfor %}
            {% endblock %}
            """,
    })
    build_site(project)
    html = page(project, "2024/05/01/nordic-news")
    assert '<p id="extra">NO|Brussels desk|Oslo|3</p>' in html
    assert re.findall(r'<span class="tag">(.*?)</span>', html) == ["NO", "yes", "off"]
    assert "<h1>NO</h1>" in page(project, "tags/no")
    assert "False" not in html and "True" not in html


def test_unknown_fields_lose_what_html_cannot_hold(tmp_path: Path) -> None:
    """Left alone by a probe of hostile copy: a quoted YAML text's escapes put control characters
    and noncharacters in article.extra, and a layout showing it wrote them into the page."""
    project = write_files(tmp_path / "project", {
        "content/a.md": article("Escapes", desk='"Oslo\\x01 desk\\u0000\\uffff"', meta='{"k\\x02": "v\\x7f"}'),
        "layouts/article.html": """\
            {% extends "base.html" %}
            {% block main %}<p id="extra">{{ article.extra.desk }}|{{ article.extra.meta }}</p>{% endblock %}
            """,
    })
    build_site(project)
    assert '<p id="extra">Oslo desk|{&#39;k&#39;: &#39;v&#39;}</p>' in page(project, "2024/05/01/escapes")


def test_numeric_title_stays_text(tmp_path: Path) -> None:
    project = write_files(tmp_path / "project", {"content/a.md": article("1.10")})
    build_site(project)
    html = page(project, "2024/05/01/1-10")
    assert ">1.10</h1>" in html
    assert "<title>1.10 · " in html


def test_date_without_offset_uses_site_timezone(tmp_path: Path) -> None:
    project = write_files(tmp_path / "project", {
        "pyproject.toml": '[tool.archive]\ntimezone = "America/New_York"\n',
        "content/a.md": article("Late night", "2024-05-01T01:00:00"),
        "content/b.md": article("Day only", "2024-05-03"),
    })
    build_site(project)
    assert 'datetime="2024-05-01T01:00:00-04:00"' in page(project, "2024/05/01/late-night")
    assert 'datetime="2024-05-03T00:00:00-04:00"' in page(project, "2024/05/03/day-only")
    assert not (project / "site" / "2024" / "04").exists()


def test_offset_date_is_converted_to_site_timezone(tmp_path: Path) -> None:
    project = write_files(tmp_path / "project", {
        "pyproject.toml": '[tool.archive]\ntimezone = "UTC"\n',
        "content/a.md": article("Across midnight", "2024-04-30T23:00:00-05:00"),
    })
    build_site(project)
    assert 'datetime="2024-05-01T04:00:00+00:00"' in page(project, "2024/05/01/across-midnight")
    assert not (project / "site" / "2024" / "04").exists()


# -- determinism ----------------------------------------------------------------------------------

@pytest.fixture
def mixed_project(tmp_path: Path) -> Path:
    files: dict[str, str | bytes] = {
        "pyproject.toml": '[tool.archive]\ntimezone = "Europe/Berlin"\nper_page = 2\nrelated_count = 3\n'}
    offsets = ["Z", "+05:30", "-08:00", "+00:00", "-03:00", "+14:00", ""]
    for i, offset in enumerate(offsets):
        files[f"content/{i}.md"] = article(
            f"Story {i} \u00c9conomie", f"2024-05-0{1 + i % 3}T0{i}:30:00{offset}",
            tags=f"[Tag{i % 3}, NATO, \u00c9conomie, nato]", actors=f"[Actor {i % 2}, EU, Orb\u00e1n]")
    return write_files(tmp_path / "project", files)


def test_build_is_deterministic(mixed_project: Path) -> None:
    build_site(mixed_project, out=mixed_project / "out-a")
    build_site(mixed_project, out=mixed_project / "out-b")
    first, second = snapshot(mixed_project / "out-a"), snapshot(mixed_project / "out-b")
    assert len(first) > 30
    assert first == second


def test_build_does_not_depend_on_hash_seed(mixed_project: Path) -> None:
    outputs = []
    for seed in ("1", "4242"):
        out = mixed_project / f"out-{seed}"
        result = run_cli(mixed_project, "--out", str(out), PYTHONHASHSEED=seed)
        assert result.returncode == 0, result.stderr
        outputs.append(snapshot(out))
    assert len(outputs[0]) > 30
    assert outputs[0] == outputs[1]


def test_an_actor_profile_whose_wrong_kind_is_tag_is_not_taken_for_a_tag(root: Path) -> None:
    """Found in review: the rejected profile was sorted by its kind, so an actor profile with
    `kind: tag` was compared with the tag profiles and a false clash reported."""
    errors = fails_cleanly(root, {"content/actors/nato.md": "---\nname: NATO\nkind: tag\n---\n",
                                  "content/tags/nato.md": "---\nname: NATO\n---\n"})
    one_error(errors, "content/actors/nato.md:3:", "kind:", "is not one of")
    assert [e for e in errors if "already belongs" in e] == []


def test_a_rejected_document_crosses_from_a_parsing_worker_whole() -> None:
    """Parsing workers send their results to the build process pickled: a rejected document's
    errors and the part of it that places it must both arrive."""
    rejected = validate_profile(parse_document(SourceFile(
        "content/actors/x.md", b"---\nname: X\nkind: 5\naliases: [Y]\n---\n")), True, False)
    assert isinstance(rejected, Rejected) and rejected.partial is not None
    copy = pickle.loads(pickle.dumps(rejected))
    assert isinstance(copy, Rejected) and list(copy) == list(rejected)
    assert isinstance(copy.partial, Profile) and copy.partial.aliases == ("Y",)


@pytest.mark.parametrize(("date", "updated"), [
    ("2024-01-01", "2023-01-01"),
    ("2024-05-01T10:00:00Z", "2024-05-01T09:59:00Z"),
    ("2024-05-01T10:00:00Z", "2024-04-30"),  # a day alone: before only on an earlier day
])
def test_updated_before_date_is_an_error(root: Path, date: str, updated: str) -> None:
    """It was accepted: the page said "updated 1 January 2023" of an article of 2024, and the feed,
    the JSON-LD and the sitemap carried it."""
    errors = fails_cleanly(root, {"content/bad.md": article("Early", date=date, updated=updated)})
    assert errors == [f"content/bad.md:4:10: updated: {updated!r} is before date {date!r}; an article is "
                      "updated after it is published: correct one of them, or remove updated:"]


def test_updated_on_the_day_of_publication_is_fine(tmp_path: Path) -> None:
    write_files(tmp_path, {"content/a.md": article("Same day", date="2024-05-01T10:00:00Z", updated="2024-05-01")})
    build_site(tmp_path, search=False)


def test_a_file_name_with_escape_codes_cannot_reach_the_terminal(root: Path) -> None:
    """Found by a probe: a file named with a terminal's escape codes printed them raw in its
    error (recolouring the terminal, or worse)."""
    errors = fails_cleanly(root, {"content/\x1b[31mred\x1b[0m.md": "---\ntitle: [broken\n---\nx\n"})
    one_error(errors, "content/\\x1b[31mred\\x1b[0m.md:2:8: title: malformed YAML")
    assert not any("\x1b" in error for error in errors)


def test_a_file_name_with_bidi_controls_is_printed_in_its_own_order(root: Path) -> None:
    """Found by a probe: a right-to-left override in a file's name reached the terminal, where
    "evil\u202edm.txt.md" reads "eviltxt.md..." (Trojan Source): the error named another file
    than the one to open."""
    errors = fails_cleanly(root, {"content/evil\u202edm.txt\u2066.md": "---\ntitle: [broken\n---\nx\n"})
    one_error(errors, "content/evil\\u202edm.txt\\u2066.md:2:8: title: malformed YAML")


def test_a_build_of_a_folder_without_content_writes_nothing_there(tmp_path: Path) -> None:
    """Found by a probe: `archive build --root <typo>` failed ('content folder not found') but
    made the folder, with a build cache (its lock and compiled layouts) in it."""
    missing = tmp_path / "typo"
    assert build_errors(missing) == [f"content: content folder not found in {missing}; run archive in the "
                                     "project's folder, or name that folder with --root (in a new folder, "
                                     'archive new "Headline" starts one)']
    assert not missing.exists()
    assert build_errors(tmp_path) == [f"content: content folder not found in {tmp_path}; run archive in the "
                                      "project's folder, or name that folder with --root (in a new folder, "
                                      'archive new "Headline" starts one)']
    assert list(tmp_path.iterdir()) == []
