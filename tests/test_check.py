"""``archive check`` validates a project without writing anything, and ``--links`` crawls the built
site with ``builder.linkcheck``: broken links, missing anchors and links outside the base path."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from builder.check import check, main_check
from builder.linkcheck import LinkProblem, check_links, scan_page
from builder.render import BUILTIN_LAYOUTS
from tests.helpers import article, build_errors, build_site, write_files

REPO_URL = "https://user.github.io/repo/"
GOOD = {
    "pyproject.toml": '[tool.archive]\ntitle = "Test Archive"\n',
    "content/2024/first.md": article("First story", tags="[NATO, EU]", actors="[Mark Rutte]"),
    "content/2024/second.md": article("Second story", date="2024-05-02T08:00:00+02:00", tags="[NATO]"),
    "content/actors/mark-rutte.md": "---\nname: Mark Rutte\nkind: person\n---\nNATO chief.\n",
}
FIRST = "2024/05/01/first-story/index.html"


def tree(folder: Path) -> dict[str, str]:
    """Every file and folder below ``folder`` (hidden ones included), files with their hash."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file()
            else "folder" for p in sorted(folder.rglob("*"))}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], str]:
    """``archive check ARGV``: the exit code, the problem lines and the summary line."""
    code = main_check(list(argv))
    out, err = capsys.readouterr()
    return code, err.splitlines(), out.strip()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = write_files(tmp_path_factory.mktemp("built") / "project", GOOD)
    build_site(project, search=False)
    return project


@pytest.fixture
def project(built: Path, tmp_path: Path) -> Path:
    """A fresh copy of a project with its site built (each test may change its copy)."""
    return Path(shutil.copytree(built, tmp_path / "project", symlinks=True))


def with_base_layout(project: Path, extra: str) -> None:
    """Override base.html with the built-in one plus ``extra`` in the footer of every page."""
    base = (BUILTIN_LAYOUTS / "base.html").read_text("utf-8")
    assert "</footer>" in base
    write_files(project, {"layouts/base.html": base.replace("</footer>", extra + "\n</footer>")})


# -- the content check -------------------------------------------------------------------------

def test_bad_article_fails_with_path_and_line_and_writes_nothing(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    project = write_files(tmp_path / "project", {
        **GOOD, "content/2024/bad.md": "---\ntitle: Bad\ndate: 2024-02-30\n---\n\nBody.\n"})
    before = tree(tmp_path)
    code, problems, summary = run(capsys, "--root", str(project))
    assert code == 1
    assert len(problems) == 1
    assert re.fullmatch(r"content/2024/bad\.md:3(:\d+)?: date: .*not a real date.*", problems[0]), problems
    assert summary == "checked 3 articles: 1 problem"
    assert tree(tmp_path) == before  # not even .archive-cache/ or a lock file


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    project = write_files(tmp_path / "project", {
        **GOOD,
        "content/a.md": "---\ntitle: [not, text]\ndate: 2024-05-01T10:00:00Z\n---\n\nBody.\n",
        "content/b.md": "---\ntitle: No date\n---\n\nBody.\n",
        "layouts/article.html": "{% block main %}{{ broken }\n",
    })
    problems = check(project, links=False, out=None, base_url=None)
    assert [p.split(":")[0] for p in problems] == ["content/a.md", "content/b.md", "layouts/article.html"]
    assert all(re.match(r"[\w/.]+:\d+", p) for p in problems[:2]), problems


def test_good_project_passes_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = write_files(tmp_path / "project", GOOD)
    before = tree(tmp_path)
    assert run(capsys, "--root", str(project)) == (0, [], "checked 2 articles: no problems")
    assert tree(tmp_path) == before


def test_a_misspelt_field_is_a_warning_as_in_the_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Found by a README probe: the build warned about ``tag:`` (the tags lost without a word),
    and ``archive check``, which checks the content as a build would, said nothing."""
    project = write_files(tmp_path / "project", {"content/a.md": article("Grain talks", "2025-03-20T09:00:00Z",
                                                                         tag="[Trade]")})
    warning = ("warning: content/a.md: tag: not a field the archive reads: did you mean 'tags'? No layout "
               "shows it either (article.extra.tag)")
    assert run(capsys, "--root", str(project)) == (0, [warning], "checked 1 article: no problems")
    assert [f"warning: {w}" for w in build_site(project, search=False).warnings] == [warning]  # the build's own


def test_drafts_are_checked_as_a_drafts_build_reads_them(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """Found by a README review: a draft taking a published article's URL fails the --drafts
    build, and the build that publishes it, but check had no --drafts to find it first."""
    project = write_files(tmp_path / "project", {
        **GOOD, "content/draft.md": article("First story", date="2024-05-01T11:00:00Z", draft="true")})
    assert run(capsys, "--root", str(project)) == (0, [], "checked 3 articles: no problems")
    code, problems, summary = run(capsys, "--root", str(project), "--drafts")
    assert (code, summary) == (1, "checked 3 articles: 2 problems")
    assert problems == [
        f"content/{this}:2: slug: /2024/05/01/first-story/ is also the URL of content/{other}; set a "
        "different 'slug:' in one of them"
        for this, other in [("2024/first.md", "draft.md"), ("draft.md", "2024/first.md")]]


def test_a_layout_that_fails_to_render_is_found(tmp_path: Path) -> None:
    layout = '{% extends "base.html" %}\n{% block main %}\n<h1>{{ page.titel }}</h1>\n{% endblock %}\n'
    project = write_files(tmp_path / "project", {**GOOD, "layouts/404.html": layout})
    [problem] = check(project, links=False, out=None, base_url=None)
    assert problem.startswith("layouts/404.html:3: template error while rendering /404.html")
    assert "titel" in problem


def test_a_layout_override_failing_on_a_later_page_only_is_found(tmp_path: Path) -> None:
    """Found by a probe: check rendered the first page of each layout only, so an article.html
    override showing article.extra.photographer passed check when the first article had one, and
    the build then failed on the next. Every page of an overridden layout is rendered now (those
    of built-in layouts, which every page satisfies, still once), and reported as the build does."""
    layout = (BUILTIN_LAYOUTS / "article.html").read_text("utf-8").replace(
        "{% block main %}", "{% block main %}\n<p>Photo: {{ article.extra.photographer }}</p>", 1)
    files = {**GOOD, "layouts/article.html": layout,
             "content/2024/first.md": article("First story", photographer="Jane Doe")}
    project = write_files(tmp_path / "project", files)
    expected = ["layouts/article.html:16: template error while rendering /2024/05/02/second-story/: "
                "no key 'photographer' here; it is empty"]
    assert check(project, links=False, out=None, base_url=None) == expected
    assert build_errors(project, search=False) == expected


def test_a_static_file_where_the_archive_makes_a_folder_is_found(tmp_path: Path) -> None:
    """As the build refuses it (tests/test_build.py): static/2024 would take the 2024 articles' folder."""
    project = write_files(tmp_path / "project", {**GOOD, "static/2024": "a note"})
    assert check(project, links=False, out=None, base_url=None) == [
        "static/2024: a file where the archive makes the folder /2024/ (its pages would be lost); "
        "rename or move the file"]


def test_bad_base_url_is_reported(tmp_path: Path) -> None:
    project = write_files(tmp_path / "project", GOOD)
    assert check(project, links=False, out=None, base_url="ftp://example.org/") == [
        "command line: --base-url: expected an absolute http(s) URL such as "
        "https://user.github.io/repo/, got 'ftp://example.org/'"]


def test_check_in_a_subprocess_leaves_the_project_as_it_was(project: Path) -> None:
    before = tree(project.parent)
    done = subprocess.run([sys.executable, "-m", "builder.check", "--links"], cwd=project,
                          capture_output=True, text=True, check=False)
    assert (done.returncode, done.stderr) == (0, "")
    assert re.fullmatch(r"checked 2 articles and the links of \d+ pages: no problems\n", done.stdout)
    assert tree(project.parent) == before


def test_files_unchanged_since_the_build_come_from_its_cache(project: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The build's validated documents are reused (read, never written): only a file changed
    since is parsed again, and its problem is found."""
    import builder.load

    parsed: list[str] = []
    real = builder.load.load_document
    monkeypatch.setattr(builder.load, "load_document",
                        lambda item: parsed.append(item[0].rel) or real(item))
    before = tree(project)
    assert check(project, links=False, out=None, base_url=None) == []
    assert parsed == []
    (project / "content/2024/second.md").write_text("---\ntitle: Second\ndate: 2024-02-30\n---\n\nBody.\n")
    [problem] = check(project, links=False, out=None, base_url=None)
    assert parsed == ["content/2024/second.md"] and problem.startswith("content/2024/second.md:3")
    del before["content/2024/second.md"]
    after = tree(project)
    del after["content/2024/second.md"]
    assert after == before  # the cache was not updated


# -- the built site ----------------------------------------------------------------------------

def test_links_of_a_clean_site_pass(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = tree(project)
    code, problems, summary = run(capsys, "--root", str(project), "--links")
    assert (code, problems) == (0, [])
    pages = len(list((project / "site").rglob("*.html")))
    assert summary == f"checked 2 articles and the links of {pages} pages: no problems"
    assert tree(project) == before


def test_links_without_a_built_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = write_files(tmp_path / "project", GOOD)
    code, problems, _ = run(capsys, "--root", str(project), "--links")
    assert code == 1
    assert problems == [f"no built site at {project.resolve() / 'site'}: run archive build first"]
    assert not (project / "site").exists()


def test_a_broken_link_in_a_layout_is_reported_on_every_page(project: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    with_base_layout(project, '<a href="{{ site.base_path }}no-such-page/">Gone</a>')
    build_site(project, search=False)
    code, problems, summary = run(capsys, "--root", str(project), "--links")
    pages = sorted(p.relative_to(project).as_posix() for p in (project / "site").rglob("*.html")
                   if "<footer" in p.read_text("utf-8"))
    assert code == 1
    assert len(pages) > 10
    of = {f"site/{FIRST}": " (the page of content/2024/first.md)",
          "site/2024/05/02/second-story/index.html": " (the page of content/2024/second.md)"}
    assert problems == [f"{page}{of.get(page, '')}: /no-such-page/: does not resolve" for page in pages]
    assert summary.endswith(f": {len(pages)} problems")


def test_a_broken_link_in_a_built_page_is_reported(project: Path) -> None:
    page = project / "site" / FIRST
    page.write_text(page.read_text("utf-8").replace(
        "</main>", '<a href="../../02/nowhere/">x</a><img src="/assets/missing.png" alt=""></main>'))
    assert check(project, links=True, out=None, base_url=None) == [
        f"site/{FIRST} (the page of content/2024/first.md): ../../02/nowhere/: does not resolve",
        f"site/{FIRST} (the page of content/2024/first.md): /assets/missing.png: does not resolve",
    ]


def test_a_missing_anchor_is_reported(project: Path) -> None:
    with_base_layout(project, '<a href="{{ site.tags_url }}#no-such-id">Tags</a> <a href="#main">Top</a>')
    build_site(project, search=False)
    problems = check(project, links=True, out=None, base_url=None)
    assert problems
    assert all(p.endswith(": /tags/#no-such-id: no element with id 'no-such-id'") for p in problems)
    assert (f"site/{FIRST} (the page of content/2024/first.md): /tags/#no-such-id: "
            "no element with id 'no-such-id'") in problems


def test_a_missing_anchor_on_the_same_page_is_reported(project: Path) -> None:
    page = project / "site" / "tags" / "index.html"
    page.write_text(page.read_text("utf-8").replace("</main>", '<a href="#nope">x</a></main>'))
    assert check(project, links=True, out=None, base_url=None) == [
        "site/tags/index.html: #nope: no element with id 'nope'"]


def test_an_out_folder_is_crawled(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "elsewhere"
    shutil.move(project / "site", out)
    assert check(project, links=True, out=out, base_url=None) == []
    (out / "index.html").write_text((out / "index.html").read_text("utf-8").replace(
        "</main>", '<a href="/gone/">x</a></main>'))
    assert check(project, links=True, out=out, base_url=None) == [
        f"{out}/index.html: /gone/: does not resolve"]


# -- a site under a sub-path, as on GitHub Pages ------------------------------------------------

@pytest.fixture(scope="module")
def repo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = write_files(tmp_path_factory.mktemp("repo") / "project", GOOD)
    build_site(project, base_url=REPO_URL)  # with the search index: its files are linked too
    return project


def test_sub_path_site_checks_clean_and_every_link_stays_under_it(repo_site: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--root", str(repo_site), "--links", "--base-url", REPO_URL)[:2] == (0, [])
    site = repo_site / "site"
    links: set[str] = set()
    for page in site.rglob("*.html"):
        found, canonical_and_alternate, _ = scan_page(page.read_text("utf-8"))
        links |= found | canonical_and_alternate
    own = {link for link in links if link.startswith("https://user.github.io")}
    assert own and all(link.startswith(REPO_URL) for link in own)
    internal = {link for link in links if not link.startswith(("https://", "http://", "mailto:"))}
    assert internal
    assert {link for link in internal if not link.startswith(("/repo/", "#", "?"))} == set()
    assert any("/repo/pagefind/" in link for link in internal)  # the search page's bundle resolves
    assert any(link.startswith("/repo/assets/") for link in internal)


def test_sub_path_site_checked_for_the_wrong_base_url_says_so(repo_site: Path) -> None:
    assert check(repo_site, links=True, out=None, base_url=None) == [
        f"site: built for {REPO_URL}, not http://localhost:8000/: "
        "give archive check the same --base-url as archive build"]


def test_links_outside_the_base_path_are_reported(repo_site: Path, tmp_path: Path) -> None:
    project = Path(shutil.copytree(repo_site, tmp_path / "project", symlinks=True))
    page = project / "site" / "tags" / "index.html"
    page.write_text(page.read_text("utf-8").replace("</main>", (
        '<a href="/elsewhere/">a</a> <a href="../../">b</a> <a href="/repo/tags/">fine</a>'
        '<a href="https://user.github.io/other-project/">another project: not ours to check</a>'
        '<a href="https://user.github.io/repo/gone/">ours</a></main>')))
    assert check(project, links=True, out=None, base_url=REPO_URL) == [
        "site/tags/index.html: ../../: is outside the base path /repo/",
        "site/tags/index.html: /elsewhere/: is outside the base path /repo/",
        "site/tags/index.html: https://user.github.io/repo/gone/: does not resolve",
    ]


def test_a_broken_link_on_an_article_page_names_its_content_file(tmp_path: Path) -> None:
    """Found by a probe: a body link copied from the live site (/repo/2024/...) goes under the base
    path again (/repo/repo/2024/...), and check --links named the built page only: which of
    thousands of content files holds it was left to find."""
    project = write_files(tmp_path / "project", {**GOOD, "content/2024/second.md": article(
        "Second story", date="2024-05-02T08:00:00+02:00", body="See [the first](/repo/2024/05/01/first-story/).")})
    build_site(project, base_url=REPO_URL, search=False)
    assert check(project, links=True, out=None, base_url=REPO_URL) == [
        "site/2024/05/02/second-story/index.html (the page of content/2024/second.md): "
        "/repo/repo/2024/05/01/first-story/: does not resolve"]


def test_canonical_links_must_be_on_the_site(repo_site: Path, tmp_path: Path) -> None:
    project = Path(shutil.copytree(repo_site, tmp_path / "project", symlinks=True))
    tags, first = project / "site" / "tags" / "index.html", project / "site" / FIRST
    tags.write_text(tags.read_text("utf-8").replace(f'"{REPO_URL}tags/"', f'"{REPO_URL}tagz/"'))
    first.write_text(first.read_text("utf-8").replace(f'"{REPO_URL}2024/', '"https://user.github.io/2024/'))
    assert check(project, links=True, out=None, base_url=REPO_URL) == [
        "site/2024/05/01/first-story/index.html (the page of content/2024/first.md): "
        "https://user.github.io/2024/05/01/first-story/: is outside the base path /repo/",
        f"site/tags/index.html: {REPO_URL}tagz/: does not resolve",
    ]


def test_a_preview_image_or_url_that_does_not_resolve_is_reported(tmp_path: Path) -> None:
    """Found by a probe: ``image: /images/missing.jpg`` (a file ``static/`` lacks) built and
    passed ``archive check --links``, so the deploy published an og:image, twitter:image and
    JSON-LD image that answer 404, and every link preview of the article went without its
    picture. The Open Graph and Twitter URLs are checked as links now (og:url, as canonical,
    must also stay under the base path)."""
    project = write_files(tmp_path / "project", {
        **GOOD, "content/2024/first.md": article("First story", image="/images/missing.jpg"),
        "static/images/there.jpg": "jpeg"})
    build_site(project, base_url=REPO_URL, search=False)
    assert check(project, links=True, out=None, base_url=REPO_URL) == [
        f"site/{FIRST} (the page of content/2024/first.md): {REPO_URL}images/missing.jpg: does not resolve"]
    page = project / "site" / FIRST
    page.write_text(page.read_text("utf-8").replace(f"{REPO_URL}images/missing.jpg", f"{REPO_URL}images/there.jpg")
                    .replace(f'og:url" content="{REPO_URL}', 'og:url" content="https://user.github.io/'))
    assert check(project, links=True, out=None, base_url=REPO_URL) == [
        f"site/{FIRST} (the page of content/2024/first.md): https://user.github.io/2024/05/01/first-story/: "
        "is outside the base path /repo/"]


# -- the crawler on hand-written pages ---------------------------------------------------------

def crawl(tmp_path: Path, pages: dict[str, str], base_url: str = "/") -> list[str]:
    site = write_files(tmp_path / "site", pages)
    return [str(problem) for problem in check_links(site, base_url)]


def test_crawler_rules(tmp_path: Path) -> None:
    assert crawl(tmp_path, {
        "index.html": """
            <a name="legacy"></a><h2 id="x">X</h2>
            <a href="a/">folder</a> <a href="a">folder without slash</a> <a href="a/index.html#y">file</a>
            <a href="a/?page=2#y">query ignored</a> <a href="?q=1">this page</a> <a href="#legacy">a name</a>
            <a href="#top">top</a> <a href="#x">x</a> <A HREF='a/#y'>upper case</A> <a href=a/>bare</a>
            <img src="img/p%20q.png" srcset="img/p%20q.png 1x, img/missing.png 2x" alt="">
            <a href="https://example.org/nowhere">other site</a> <a href="mailto:a@b.c">mail</a>
            <a href="tel:+123">phone</a> <a href="javascript:alert(1)">script</a>
            <form action="search/"></form> <a href="a/#nope">bad anchor</a> <a href="b/">missing</a>
            <!-- <a href="commented/">not a link</a> -->
            <script>var s = '<a href="scripted/">not a link</a>';</script>
            <a href="search/" title="a &amp; b">entity</a> <a href="a/&#35;y">encoded fragment</a>
            <p class="q"id="adjacent"></p> <a title="x" href="#adjacent">attributes without a space</a>
        """,
        "a/index.html": '<p id="y">Y</p><a href="../#x">up</a> <a href="../../">above the site</a>',
        "img/p q.png": "png",
        "search/index.html": "<meta http-equiv=\"refresh\" content=\"0; url='../a/#gone'\">",
    }) == [
        "a/index.html: ../../: is outside the base path /",
        "index.html: a/#nope: no element with id 'nope'",
        "index.html: b/: does not resolve",
        "index.html: img/missing.png: does not resolve",
        "index.html: javascript:alert(1): javascript: links are not allowed",
        "search/index.html: ../a/#gone: no element with id 'gone'",
    ]


def test_crawler_404_page_must_not_use_relative_links(tmp_path: Path) -> None:
    assert crawl(tmp_path, {
        "404.html": '<a href="/">home</a> <a href="index.html">relative</a> <a href="#x">anchor</a>'
                    '<b id="x"></b>',
        "index.html": "<p>home</p>",
    }) == ["404.html: index.html: is relative, but 404.html is served at any missing URL"]


def test_link_problems_sort_by_page_then_link() -> None:
    problems = [LinkProblem("b.html", "x", "r"), LinkProblem("a.html", "z", "r"),
                LinkProblem("a.html", "y", "r")]
    assert [str(p) for p in sorted(problems)] == ["a.html: y: r", "a.html: z: r", "b.html: x: r"]


def test_crawler_in_a_process_pool_finds_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import builder.linkcheck

    pages = {f"p{i}/index.html": f'<a href="../p{i + 1}/#s{i + 1}">next</a><p id="s{i}"></p>'
             for i in range(60)}
    pages["p7/index.html"] = '<a href="../p8/#nope">next</a><a href="/p99/">gone</a><p id="s7"></p>'
    site = write_files(tmp_path / "site", pages)
    expected = ["p59/index.html: ../p60/#s60: does not resolve",
                "p7/index.html: ../p8/#nope: no element with id 'nope'",
                "p7/index.html: /p99/: does not resolve"]
    assert [str(p) for p in check_links(site, "/", workers=1)] == expected
    monkeypatch.setattr(builder.linkcheck, "PARALLEL_FROM", 10)
    monkeypatch.setattr(builder.linkcheck, "CHUNK", 7)
    assert [str(p) for p in check_links(site, "/", workers=2)] == expected


def test_crawler_reports_links_that_leave_the_site(tmp_path: Path) -> None:
    """What odd base URLs made (https://user.github.io//repo/, /repo/../, /repo/index.html) passed
    the crawler: a protocol-relative link was taken for another site's."""
    assert crawl(tmp_path, {
        "index.html": '<a href="//repo/">protocol-relative</a> <a href="/repo/../">dot segment</a>'
                      '<a href="/repo/index.html/">below a file</a> <a href="/\\evil.example/">backslash</a>'
                      '<a href="//user.github.io/repo/">own host</a> <a href="//user.github.io/repo/x/">own, gone</a>'
                      '<link rel="canonical" href="//repo/"> <a href="https://example.org/">another site</a>',
    }, "https://user.github.io/repo/") == [
        "index.html: //repo/: is protocol-relative: it leads to the host 'repo', not to a page of this "
        "site (write https:// for another site)",
        "index.html: //user.github.io/repo/x/: does not resolve",
        "index.html: /\\evil.example/: is protocol-relative: it leads to the host 'evil.example', not to a "
        "page of this site (write https:// for another site)",
        "index.html: /repo/../: is outside the base path /repo/",
        "index.html: /repo/index.html/: does not resolve",
    ]
    assert crawl(tmp_path / "2", {"index.html": '<a href="//repo/">x</a>'}) == [
        "index.html: //repo/: is protocol-relative: it leads to the host 'repo', not to a page of this "
        "site (write https:// for another site)"]


def test_crawler_reports_links_to_this_computer(tmp_path: Path) -> None:
    """Found by a probe: links copied from the preview (http://localhost:8000/...) passed the
    crawler and reached the published site; a site built for localhost may have them."""
    page = ('<a href="http://localhost:8000/2024/05/02/second/">x</a> <a href="http://127.0.0.1:8000/tags/">y</a>'
            '<a href="https://example.org/">another site</a>')
    assert crawl(tmp_path, {"index.html": page}, "https://user.github.io/repo/") == [
        "index.html: http://127.0.0.1:8000/tags/: leads to 127.0.0.1:8000, this computer (a preview's address, "
        "copied from archive serve?): readers get nothing there; write the site's path (/...) instead",
        "index.html: http://localhost:8000/2024/05/02/second/: leads to localhost:8000, this computer (a preview's "
        "address, copied from archive serve?): readers get nothing there; write the site's path (/...) instead"]
    # (found in review: 127.net is a domain of its own, not this computer)
    assert crawl(tmp_path / "3", {"index.html": '<a href="https://127.net/x">cdn</a>'},
                 "https://user.github.io/repo/") == []
    assert crawl(tmp_path / "2", {"index.html": page, "tags/index.html": "",
                                  "2024/05/02/second/index.html": ""}, "http://localhost:8000/") == []


def test_check_refuses_a_base_url_whose_links_would_leave_the_site(project: Path) -> None:
    [problem] = check(project, links=True, out=None, base_url="https://user.github.io//repo/")
    assert problem.startswith("command line: --base-url: its path has an empty segment ('//')")
