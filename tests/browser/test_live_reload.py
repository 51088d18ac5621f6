"""An open page reloads by itself after an edit, and shows build errors as an overlay."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import launch
from tests.helpers import article, write_files
from tests.test_serve import PAGE, Served, served, wait_for  # noqa: F401 - the fixture

pytestmark = pytest.mark.slow


@pytest.fixture
def live_browser(playwright: Any) -> Iterator[Any]:
    """A Chromium of the test's own, closed whole at its end: its pages are never closed one by
    one. Chromium can acknowledge the close of a page whose reload is committing without closing
    it, and Playwright's page (or context) close, which has no timeout, then waits forever
    (microsoft/playwright#42068, crbug.com/536385539). An edit reloaded an open page twice (its
    preview, then the build: now only when the build's page differs from the preview), and one
    such close hung a whole test run; a probe closing pages
    right after an edit hung within 6 to 25 edits, one closing whole browsers not in 80 (a
    launch and a close take 0.4 s)."""
    instance = launch(playwright)
    yield instance
    instance.close()  # bounded: Playwright kills a browser that has not closed in 30 s


def test_open_page_reloads_after_an_edit_and_shows_errors(live_browser: Any, served: Served) -> None:  # noqa: F811
    page = live_browser.new_page(bypass_csp=True)  # the test evaluates its own expressions
    page.goto(served.url + PAGE)
    assert "The first version." in page.locator("main").inner_text()
    page.wait_for_selector("html[data-archive-live=connected]", state="attached", timeout=10_000)
    (served.root / "content" / "a.md").write_text(
        article("Grain talks", "2025-03-20T09:00:00Z", body="Reloaded by itself."))
    page.wait_for_function("document.body.innerText.includes('Reloaded by itself.')", timeout=15_000)

    (served.root / "content" / "a.md").write_text("---\ntitle: Grain talks\ndate: 2025-02-30\n---\nx\n")
    overlay = page.locator("#archive-build-error")
    overlay.wait_for(timeout=15_000)
    assert "content/a.md:3:7: date: '2025-02-30' is not a real date" in overlay.inner_text()

    (served.root / "content" / "a.md").write_text(
        article("Grain talks", "2025-03-20T09:00:00Z", body="Fixed again."))
    page.wait_for_function("document.body.innerText.includes('Fixed again.')", timeout=15_000)
    assert page.locator("#archive-build-error").count() == 0


def test_an_edit_reloads_only_the_pages_it_changed_and_once(live_browser: Any, served: Served) -> None:  # noqa: F811
    """An edit reloaded every open page twice, once for its preview and once for the build: the
    edited page flashed twice, and pages the edit never touched lost their scroll position."""
    context = live_browser.new_context(bypass_csp=True)  # (the test evaluates its own expressions)
    edited, other = context.new_page(), context.new_page()
    loads = []
    edited.on("load", lambda _: loads.append(1))
    edited.goto(served.url + PAGE)
    other.goto(served.url + "2025/03/21/budget-grows/")
    for page in (edited, other):
        page.wait_for_selector("html[data-archive-live=connected]", state="attached", timeout=10_000)
    loads.clear()
    # The other page counts the server's reload messages itself, and marks its own document.
    other.evaluate("""() => {
        window.kept = true;
        window.reloads = 0;
        const events = new EventSource("/__archive__/events");
        events.addEventListener("reload", () => { window.reloads += 1; });
        events.addEventListener("open", () => { window.listening = true; });
    }""")
    other.wait_for_function("window.listening === true", timeout=10_000)
    write = (served.root / "content" / "a.md").write_text
    write(article("Grain talks", "2025-03-20T09:00:00Z", body="Reloaded once."))
    other.wait_for_function("window.reloads >= 2", timeout=15_000)  # the preview's, then the build's
    edited.wait_for_function("document.body.innerText.includes('Reloaded once.')", timeout=15_000)
    edited.wait_for_load_state("load")
    edited.wait_for_timeout(500)  # time for a second reload to happen, as it did (and its event to reach us)
    assert len(loads) == 1
    assert other.evaluate("window.kept") is True

    write("---\ntitle: Grain talks\ndate: 2025-02-30\n---\nx\n")
    other.locator("#archive-build-error").wait_for(timeout=15_000)
    write(article("Grain talks", "2025-03-20T09:00:00Z", body="Reloaded once."))  # as built last
    other.locator("#archive-build-error").wait_for(state="detached", timeout=15_000)
    assert other.evaluate("window.kept") is True  # the overlay went, the page stayed
    edited.wait_for_timeout(500)  # (a wrong reload of the edited page would be on its way)
    assert len(loads) == 1

    missing = context.new_page()  # a page not found reloads after any build: it may be there now
    missing.goto(served.url + "2025/03/22/new-story/")
    missing.wait_for_selector("html[data-archive-live=connected]", state="attached", timeout=10_000)
    write_files(served.root, {"content/c.md": article("New story", "2025-03-22T09:00:00Z", body="Now here.")})
    missing.wait_for_function("document.body.innerText.includes('Now here.')", timeout=15_000)


def test_an_open_page_follows_a_new_base_path(live_browser: Any, served: Served) -> None:  # noqa: F811
    """Found in review: after a new base URL in pyproject.toml the open page reloaded its old
    address, which the server no longer serves (404), instead of the same page at the new one."""
    page = live_browser.new_page()
    page.goto(served.url + PAGE + "?q=1#main")
    page.wait_for_selector("html[data-archive-live=connected]", state="attached", timeout=10_000)
    (served.root / "pyproject.toml").write_text('[tool.archive]\nbase_url = "https://user.github.io/news/"\n')
    moved = served.url.replace("/repo/", "/news/") + PAGE + "?q=1#main"
    page.wait_for_url(moved, timeout=20_000)
    assert "The first version." in page.locator("main").inner_text()
    assert page.locator('link[rel=stylesheet]').get_attribute("href") == "/news/assets/style.css"


def test_an_open_page_follows_a_non_ascii_base_path_and_reloads_there(live_browser: Any, served: Served) -> None:  # noqa: F811
    """Found by a probe: with base_url "https://user.github.io/archiv-für-alle/" the dev server
    answered 404 to every page (the browser asks for /archiv-f%C3%BCr-alle/)."""
    page = live_browser.new_page(bypass_csp=True)  # the test evaluates its own expressions
    page.goto(served.url + PAGE)
    page.wait_for_selector("html[data-archive-live=connected]", state="attached", timeout=10_000)
    (served.root / "pyproject.toml").write_text(
        '[tool.archive]\nbase_url = "https://user.github.io/archiv-für-alle/"\n', "utf-8")
    moved = served.url.replace("/repo/", "/archiv-f%C3%BCr-alle/") + PAGE
    page.wait_for_url(moved, timeout=20_000)
    assert "The first version." in page.locator("main").inner_text()
    page.wait_for_selector("html[data-archive-live=connected]", state="attached", timeout=10_000)
    (served.root / "content" / "a.md").write_text(
        article("Grain talks", "2025-03-20T09:00:00Z", body="Reloaded under the new path."))
    page.wait_for_function("document.body.innerText.includes('Reloaded under the new path.')", timeout=15_000)
    assert page.url == moved


def test_an_open_page_follows_its_article_to_a_new_url(live_browser: Any, served: Served) -> None:  # noqa: F811
    """Found in review: a new title moves the article (the slug follows the title); its open page
    reloaded its old address, a 404, instead of going to the article's new one."""
    page = live_browser.new_page()
    page.goto(served.url + PAGE + "#main")
    page.wait_for_selector("html[data-archive-live=connected]", state="attached", timeout=10_000)
    (served.root / "content" / "a.md").write_text(
        article("Grain talks resume", "2025-03-20T09:00:00Z", body="Under a new title."))
    page.wait_for_url(served.url + "2025/03/20/grain-talks-resume/#main", timeout=20_000)
    assert "Under a new title." in page.locator("main").inner_text()


def test_a_page_loading_when_its_article_moves_follows_it(live_browser: Any, served: Served) -> None:  # noqa: F811
    """Found by a probe: a page still loading when a new title moved its article missed the
    reload that named the move, and reloaded its old address: a 404."""
    page = live_browser.new_page()
    moved = "2025/03/20/grain-talks-resume/"

    def move_first(route: Any) -> None:  # the page's reload script waits while the article moves
        (served.root / "content" / "a.md").write_text(
            article("Grain talks resume", "2025-03-20T09:00:00Z", body="Moved while loading."))
        assert wait_for(lambda: served.get(moved)[0] == 200)
        route.continue_()
    page.route("**/__archive__/reload.js", move_first, times=1)
    page.goto(served.url + PAGE)
    page.wait_for_url(served.url + moved, timeout=20_000)
    assert "Moved while loading." in page.locator("main").inner_text()


def test_many_open_tabs_all_load_and_reload(live_browser: Any, served: Served) -> None:  # noqa: F811
    """Found by a probe opening tabs one after another: each page held its own event stream, and
    a browser keeps six HTTP/1.1 connections per server, so the seventh tab never loaded."""
    # One profile, whose tabs share the connections (bypass_csp: the test evaluates its own expressions)
    context = live_browser.new_context(bypass_csp=True)
    pages = []
    for _ in range(8):
        page = context.new_page()
        page.goto(served.url + PAGE, timeout=10_000)
        page.wait_for_selector("html[data-archive-live=connected]", state="attached", timeout=10_000)
        pages.append(page)
    (served.root / "content" / "a.md").write_text(
        article("Grain talks", "2025-03-20T09:00:00Z", body="Every tab reloaded."))
    for page in pages:
        page.wait_for_function("document.body.innerText.includes('Every tab reloaded.')", timeout=15_000)
    (served.root / "content" / "a.md").write_text("---\ntitle: Grain talks\ndate: 2025-02-30\n---\nx\n")
    pages[-1].locator("#archive-build-error").wait_for(timeout=15_000)
    late = context.new_page()  # a tab opened while the build is broken shows the error too
    late.goto(served.url + PAGE, timeout=10_000)
    late.locator("#archive-build-error").wait_for(timeout=10_000)


def test_an_open_page_reloads_when_a_restarted_server_built_an_edit(live_browser: Any, tmp_path: Path) -> None:
    """Found by a probe: an open page whose server was stopped, the article edited, and the server
    started again reconnected to the new one and kept showing the old text: the edit was built
    before the page listened, so no "reload" ever reached it (as with an edit built while a page
    is loading). The page now learns, on connecting, whether a build came after it was served."""
    write_files(tmp_path, {"content/a.md": article("Grain talks", "2025-03-20T09:00:00Z", body="Before."),
                           "pyproject.toml": '[tool.archive]\nbase_url = "https://user.github.io/repo/"\n'})
    with socket.socket() as probe:  # a free port, for both servers
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    page = live_browser.new_page(bypass_csp=True)  # the test evaluates its own expressions
    with dev_process(tmp_path, port) as url:
        page.goto(url + PAGE)
        page.wait_for_selector("html[data-archive-live=connected]", state="attached", timeout=10_000)
    (tmp_path / "content" / "a.md").write_text(article("Grain talks", "2025-03-20T09:00:00Z", body="After."))
    with dev_process(tmp_path, port):
        page.wait_for_function("document.body.innerText.includes('After.')", timeout=30_000)


@contextmanager
def dev_process(root: Path, port: int) -> Iterator[str]:
    """``archive serve --watch`` of ``root`` on ``port``; yields its URL once it serves."""
    log = root / f"serve-{time.monotonic_ns()}.log"
    with open(log, "w") as handle:
        process = subprocess.Popen([sys.executable, "-m", "builder", "serve", "--root", str(root), "--watch",
                                    "--port", str(port)], stdout=handle, stderr=subprocess.STDOUT)
    try:
        assert wait_for(lambda: "serving" in log.read_text(), 30), log.read_text()
        yield f"http://127.0.0.1:{port}/repo/"
    finally:
        process.terminate()
        process.wait(10)
