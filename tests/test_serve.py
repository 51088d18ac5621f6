"""``archive serve --watch`` over real HTTP on 127.0.0.1: edits, errors, recovery, traversal."""

from __future__ import annotations

import http.client
import json
import os
import queue
import re
import shutil
import socket
import struct
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from builder.develop import DevServer, ServeOptions
from builder.gen import generate_corpus
from builder.serve import MAX_LISTED_PAGES, Reloader, pages_to_reload
from builder.watch import Watcher
from tests.helpers import article, build_site, pagefind_processes, searchable_pages, write_files

PAGE = "2025/03/20/grain-talks/"


class Served:
    def __init__(self, root: Path, process: subprocess.Popen[str], url: str, log: Path) -> None:
        self.root, self.process, self.url, self.log = root, process, url, log

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    @property
    def address(self) -> tuple[str, int]:
        host, port = self.url.split("//")[1].split("/")[0].split(":")
        return host, int(port)

    def raw(self, method: str, path: str) -> tuple[int, dict[str, str]]:
        """A request with the path exactly as given (no client-side normalisation)."""
        connection = http.client.HTTPConnection(*self.address, timeout=10)
        connection.putrequest(method, path, skip_accept_encoding=True)
        connection.endheaders()
        response = connection.getresponse()
        response.read()
        return response.status, dict(response.getheaders())


    def drop(self, path: str, read: int = 0) -> None:
        """A client that asks for ``path``, reads ``read`` bytes of the answer, then goes away with
        a reset (SO_LINGER 0), as a closed tab or a cancelled fetch does."""
        with socket.create_connection(self.address, timeout=10) as client:
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            client.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
            while read > 0:
                read -= len(client.recv(min(read, 65536)))


def wait_for(condition: Callable[[], bool], seconds: float = 15) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


MakeServer = Callable[[], DevServer]


def listening(server: DevServer) -> queue.Queue[str]:
    """A browser's channel, past the server's "hello" that every new one is sent first."""
    channel = server.reloader.listen()
    assert channel.get(timeout=1).startswith("event: hello\n")
    return channel


@pytest.fixture()
def dev_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MakeServer]:
    """Dev servers of ``tmp_path`` in this process, without HTTP. Their timed search refreshes are
    scheduled but never come during the test (one after a stall of 1.5 s built and announced in
    the middle of it: the tests run refreshes themselves); afterwards none they scheduled may run:
    it would build while the next test builds, and a build's render plan is one per process."""
    monkeypatch.setattr("builder.develop.SEARCH_SETTLE_SECONDS", 3600)
    made: list[DevServer] = []

    def make() -> DevServer:
        made.append(DevServer(ServeOptions(root=tmp_path, workers=1)))
        return made[-1]

    yield make
    for server in made:
        if server._search_timer is not None:
            server._search_timer.cancel()
        with server._build_guard:  # (a refresh already started finishes)
            pass


@pytest.fixture()
def served(tmp_path: Path) -> Iterator[Served]:
    write_files(tmp_path, {
        "content/a.md": article("Grain talks", "2025-03-20T09:00:00Z", body="The first version."),
        "content/b.md": article("Budget grows", "2025-03-21T09:00:00Z", body="Another story."),
        "pyproject.toml": '[tool.archive]\nbase_url = "https://user.github.io/repo/"\n',
    })
    log = tmp_path / "serve.log"
    with open(log, "w") as handle:
        process = subprocess.Popen([sys.executable, "-m", "builder", "serve", "--root", str(tmp_path),
                                    "--watch", "--port", "0"], stdout=handle, stderr=subprocess.STDOUT,
                                   text=True)
    try:
        assert wait_for(lambda: "serving" in log.read_text(), 30), log.read_text()
        url = re.search(r"at (http://127\.0\.0\.1:\d+/repo/)", log.read_text())
        assert url, log.read_text()
        yield Served(tmp_path, process, url.group(1), log)
    finally:
        process.terminate()
        process.wait(10)


def test_serves_under_the_base_path_with_the_reload_hook(served: Served, tmp_path: Path) -> None:
    status, page = served.get(PAGE)
    assert status == 200 and "The first version." in page
    assert f'data-file="{PAGE}index.html" defer></script>' in page  # (which pages reload)
    assert '<script src="/__archive__/reload.js"' in page
    assert served.raw("GET", "/__archive__/reload.js")[1]["Content-Type"].startswith("text/javascript")
    build_site(tmp_path, search=False)  # a plain build has no hook, nor its script
    assert "__archive__" not in (tmp_path / "site" / PAGE / "index.html").read_text()
    assert sorted(p.name for p in (tmp_path / "site" / "assets").iterdir()) == ["favicon.svg", "search.js", "style.css"]
    status, body = served.get("no/such/page/")
    assert status == 404 and "Page not found" in body and 'data-file=""' in body  # (reloads after any build)


def test_an_edit_reaches_the_served_page(served: Served) -> None:
    (served.root / "content" / "a.md").write_text(
        article("Grain talks", "2025-03-20T09:00:00Z", body="The second version."))
    assert wait_for(lambda: "The second version." in served.get(PAGE)[1])


def test_an_editor_saving_by_rename_is_seen(served: Served) -> None:
    temporary = served.root / "content" / ".a.md.swp"
    temporary.write_text(article("Grain talks", "2025-03-20T09:00:00Z", body="Saved by rename."))
    temporary.rename(served.root / "content" / "a.md")
    assert wait_for(lambda: "Saved by rename." in served.get(PAGE)[1])


def test_a_broken_file_is_reported_and_a_fix_recovers(served: Served) -> None:
    broken = served.root / "content" / "c.md"
    broken.write_text("---\ntitle: [unclosed\ndate: 2025-03-22\n---\nBody\n")
    assert wait_for(lambda: "content/c.md:2:8: title: malformed YAML" in served.log.read_text())
    assert served.process.poll() is None  # still up
    status, page = served.get(PAGE)
    assert status == 200 and "The first version." in page  # the last good site is served
    broken.write_text(article("Third story", "2025-03-22T09:00:00Z", body="Fixed."))
    assert wait_for(lambda: served.get("2025/03/22/third-story/")[0] == 200)


@pytest.mark.parametrize("path", ["/repo/../../etc/passwd", "/repo/%2e%2e/%2e%2e/etc/passwd",
                                  "/repo/..%2f..%2fetc%2fpasswd", "/repo/..\\..\\etc\\passwd",
                                  "/etc/passwd", "/repo/%2e%2e%5c%2e%2e%5cetc%5cpasswd"])
def test_traversal_attempts_get_404(served: Served, path: str) -> None:
    assert served.raw("GET", path)[0] == 404


def test_only_requests_for_this_computer_are_answered(served: Served) -> None:
    """Found by a probe: any Host header was answered, so a web page whose own name it made resolve
    to 127.0.0.1 (DNS rebinding) could read the preview, drafts and embargoed articles included."""
    def status(host: str) -> int:
        connection = http.client.HTTPConnection(*served.address, timeout=10)
        connection.putrequest("GET", "/repo/", skip_host=True)
        connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        response.read()
        return response.status
    port = served.address[1]
    for name in ("attacker.example", "127.0.0.1.attacker.example", "localhost.attacker.example"):
        assert status(f"{name}:{port}") == 403, name
    # (an IP address cannot be a rebinding page's: its requests carry the page's domain name)
    for name in ("127.0.0.1", "localhost", "LOCALHOST", "[::1]", "preview.localhost", "192.168.1.5"):
        assert status(f"{name}:{port}") == 200, name


def test_symlink_out_of_the_site_is_not_followed(served: Served, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret")
    (served.root / "site" / "leak.txt").symlink_to(secret)
    status, body = served.get("leak.txt")
    assert status == 404 and "top secret" not in body


def test_no_open_redirect_and_only_get_and_head(served: Served) -> None:
    status, headers = served.raw("GET", "//evil.example/%2e%2e")
    assert status == 404 and "Location" not in headers
    status, headers = served.raw("GET", "/repo/2025")
    assert status == 301 and headers["Location"] == "/repo/2025/"
    assert served.raw("HEAD", "/repo/")[0] == 200
    assert served.raw("POST", "/repo/")[0] == 405


def test_the_base_path_without_its_slash_leads_to_the_site(served: Served) -> None:
    """Found by a probe: /repo/2025 was redirected to /repo/2025/, but /repo itself was a 404."""
    status, headers = served.raw("GET", "/repo")
    assert status == 302 and headers["Location"] == "/repo/"


def test_a_refused_post_does_not_leave_its_body_to_be_read_as_a_request(served: Served) -> None:
    """Found by a probe: the 405 left the body unread on a kept-alive connection, and the server
    then read "helloGET /repo/ ..." as the next request (501)."""
    with socket.create_connection(served.address, timeout=10) as client:
        client.sendall(b"POST /repo/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n\r\nhello"
                       b"GET /repo/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        answer = b""
        while chunk := client.recv(65536):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 405") and b"Connection: close" in answer
    assert b"501" not in answer


def test_a_head_of_the_event_stream_gets_headers_only(served: Served) -> None:
    """Found by a probe: HEAD /__archive__/events got a body and was kept as a listener."""
    with socket.create_connection(served.address, timeout=10) as client:
        client.sendall(b"HEAD /__archive__/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        answer = b""
        while chunk := client.recv(65536):  # the server closes: no listener is kept
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200") and b"text/event-stream" in head and body == b""


def test_content_types(served: Served) -> None:
    assert wait_for(lambda: (served.root / "site" / "pagefind" / "2025-03" / "wasm.en.pagefind").exists())
    expected = {"/repo/": "text/html", "/repo/assets/style.css": "text/css",
                "/repo/feed.xml": "application/xml", "/repo/pagefind/2025-03/pagefind.js": "text/javascript",
                "/repo/pagefind/2025-03/wasm.en.pagefind": "application/octet-stream"}
    for path, content_type in expected.items():
        status, headers = served.raw("GET", path)
        assert status == 200 and headers["Content-Type"].startswith(content_type), (path, headers)


def test_port_in_use_gives_a_clear_message(served: Served, tmp_path: Path) -> None:
    port = served.url.split(":")[2].split("/")[0]
    done = subprocess.run([sys.executable, "-m", "builder", "serve", "--root", str(served.root), "--port", port],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 1
    assert f"port {port} on 127.0.0.1 is already in use" in done.stderr and "Traceback" not in done.stderr


def test_a_host_that_cannot_be_listened_on_is_named(tmp_path: Path) -> None:
    """Found reading the README: `--host 999.1.1.1` ended in "error: Name or service not known",
    naming neither the host nor the option."""
    write_files(tmp_path, {"content/a.md": article("Grain talks", "2025-03-20T09:00:00Z")})
    done = subprocess.run([sys.executable, "-m", "builder", "serve", "--root", str(tmp_path), "--port", "0",
                           "--host", "999.1.1.1"], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "error: cannot listen on 999.1.1.1 port 0: " in done.stderr
    assert "check --host" in done.stderr


@pytest.mark.skipif(not socket.has_ipv6, reason="no IPv6 here")
def test_the_ipv6_loopback_is_served_at_a_url_that_names_it(tmp_path: Path) -> None:
    """Found reading `archive serve --help`: `--host ::1` (taken as local: no warning) failed with
    "Address family for hostname not supported", and would have printed http://::1:8000/."""
    write_files(tmp_path, {"content/a.md": article("Grain talks", "2025-03-20T09:00:00Z")})
    log = tmp_path / "serve.log"
    with open(log, "w") as handle:
        process = subprocess.Popen([sys.executable, "-m", "builder", "serve", "--root", str(tmp_path),
                                    "--host", "::1", "--port", "0"], stdout=handle, stderr=subprocess.STDOUT)
    try:
        assert wait_for(lambda: "serving " in log.read_text() or process.poll() is not None, 30), log.read_text()
        found = re.search(r"at http://\[::1\]:(\d+)/", log.read_text())
        assert found, log.read_text()
        connection = http.client.HTTPConnection("::1", int(found.group(1)), timeout=10)
        connection.request("GET", "/")
        assert connection.getresponse().status == 200
        connection.close()
    finally:
        process.terminate()
        process.wait(10)


def test_a_layouts_folder_created_while_serving_is_watched(served: Served) -> None:
    layouts = served.root / "layouts"
    assert not layouts.exists()
    layouts.mkdir()
    builtin = (Path(__file__).parent.parent / "builder" / "layouts" / "article.html").read_text()
    (layouts / "article.html").write_text(builtin.replace("min read", "minutes to read"))
    assert wait_for(lambda: "minutes to read" in served.get(PAGE)[1], 30)
    # Then a style sheet: no page is rendered again, the file is served as it is now.
    (served.root / "static").mkdir()
    (served.root / "static" / "extra.css").write_text("body { color: navy; }\n")
    assert wait_for(lambda: served.get("extra.css") == (200, "body { color: navy; }\n"), 30)
    (served.root / "static" / "extra.css").write_text("body { color: black; }\n")
    assert wait_for(lambda: served.get("extra.css") == (200, "body { color: black; }\n"), 30)
    assert "minutes to read" in served.get(PAGE)[1]


def test_a_client_dropping_the_connection_is_not_an_error(served: Served) -> None:
    """Found by a probe: each reset printed "Exception occurred during processing of request" and
    a ConnectionResetError or BrokenPipeError traceback."""
    (served.root / "site" / "big.bin").write_bytes(b"x" * 4_000_000)  # still being sent when dropped
    for _ in range(10):
        served.drop("/repo/feed.xml")  # gone before the answer
        served.drop("/repo/big.bin", read=1000)  # gone in the middle of the body
    assert served.get("feed.xml")[0] == 200  # still serving
    assert not wait_for(lambda: "Error" in served.log.read_text(), 2), served.log.read_text()
    assert "Exception occurred" not in served.log.read_text() and served.process.poll() is None


def test_a_new_base_path_is_followed(served: Served) -> None:
    """Found by a probe: with a new base URL in pyproject.toml the pages linked to /news/ while
    the server kept serving /repo/, and said nothing."""
    assert served.raw("GET", "/")[1]["Location"] == "/repo/"  # where the site is
    (served.root / "pyproject.toml").write_text('[tool.archive]\nbase_url = "https://user.github.io/news/"\n')
    moved = served.url.replace("/repo/", "/news/")
    assert wait_for(lambda: f"the site is now at {moved}" in served.log.read_text()), served.log.read_text()
    with urllib.request.urlopen(moved + PAGE, timeout=10) as response:
        page = response.read().decode("utf-8")
    assert "The first version." in page and 'href="/news/assets/style.css"' in page
    status, headers = served.raw("GET", "/")
    assert status == 302 and headers["Location"] == "/news/"
    assert served.raw("GET", "/repo/")[0] == 404
    assert served.raw("GET", "/news/2025")[1]["Location"] == "/news/2025/"


def test_a_non_ascii_base_path_is_served_percent_encoded(served: Served) -> None:
    """Found by a probe: with base_url "https://user.github.io/archiv-für-alle/" every page was a
    404 (browsers ask for /archiv-f%C3%BCr-alle/) and / sent a Latin-1 Location; a folder with
    other letters (an alias /nachrichten/日本/) asked for without its slash lost the connection."""
    write_files(served.root, {
        "content/a.md": article("Grain talks", "2025-03-20T09:00:00Z", body="The first version.",
                                aliases="['/nachrichten/%E6%97%A5%E6%9C%AC/']"),
        "pyproject.toml": '[tool.archive]\nbase_url = "https://user.github.io/archiv-für-alle/"\n',
    })
    base = "/archiv-f%C3%BCr-alle/"
    assert wait_for(lambda: f"the site is now at {served.url.replace('/repo/', base)}" in served.log.read_text()
                    and (served.root / "site" / "nachrichten" / "日本").is_dir()), served.log.read_text()
    assert served.raw("GET", "/")[1]["Location"] == base
    assert served.raw("GET", base + PAGE)[0] == 200
    assert served.raw("GET", base.lower() + PAGE)[0] == 200  # %c3%bc: the same path
    status, headers = served.raw("GET", base + "nachrichten/%E6%97%A5%E6%9C%AC")
    assert status == 301 and headers["Location"] == base + "nachrichten/%E6%97%A5%E6%9C%AC/"
    assert served.raw("GET", base + "nachrichten/%E6%97%A5%E6%9C%AC/")[0] == 200


def test_a_named_pipe_in_the_project_does_not_stop_rebuilds(served: Served) -> None:
    """Found by a probe: a FIFO under content/ or static/ blocked the build thread for good (it
    waited for a writer), so no later edit was ever built, even once the FIFO was gone."""
    (served.root / "static").mkdir()
    os.mkfifo(served.root / "static" / "pipe.css")
    (served.root / "static" / "extra.css").write_text("body { color: navy; }\n")  # static files are copied
    assert wait_for(lambda: served.get("extra.css")[0] == 200), served.log.read_text()
    os.mkfifo(served.root / "content" / "c.md")
    assert wait_for(lambda: "content/c.md" in served.log.read_text()), served.log.read_text()
    assert "not a regular file" in served.log.read_text()
    assert served.get(PAGE)[0] == 200 and served.process.poll() is None  # the last good site
    (served.root / "content" / "c.md").unlink()
    (served.root / "content" / "d.md").write_text(article("New story", "2025-03-23T09:00:00Z", body="Built."))
    assert wait_for(lambda: served.get("2025/03/23/new-story/")[0] == 200), served.log.read_text()


def test_content_deleted_and_restored_is_still_watched(served: Served) -> None:
    """Found by a probe: after ``rm -rf content && git checkout -- content`` the restored site
    was built, but no later edit was: the folder's watch had ended with the folder."""
    shutil.rmtree(served.root / "content")
    assert wait_for(lambda: "content folder not found" in served.log.read_text()), served.log.read_text()
    write_files(served.root, {
        "content/a.md": article("Grain talks", "2025-03-20T09:00:00Z", body="Restored."),
        "content/b.md": article("Budget grows", "2025-03-21T09:00:00Z", body="Another story."),
    })
    assert wait_for(lambda: "Restored." in served.get(PAGE)[1]), served.log.read_text()
    # (after the search refresh, a full build that would pick up the edit below by itself)
    assert wait_for(lambda: served.log.read_text().count("search index refreshed") == 2), served.log.read_text()
    (served.root / "content" / "a.md").write_text(
        article("Grain talks", "2025-03-20T09:00:00Z", body="Edited after the restore."))
    assert wait_for(lambda: "Edited after the restore." in served.get(PAGE)[1]), served.log.read_text()


def test_a_build_failing_while_files_change_shows_no_stale_error(tmp_path: Path, dev_server: MakeServer) -> None:
    """Found by a probe: a checkout removing files while a build read them failed that build with
    'cannot read' errors, shown over every open page until the next build cleared them. With
    changes already queued the next build is the one that reports."""
    write_files(tmp_path, {"content/a.md": article("Grain talks", "2025-03-20T09:00:00Z"),
                           "content/b.md": "---\ntitle: Broken\ndate: 2025-02-30\n---\nx\n"})
    server = dev_server()
    server._queued.add(str(tmp_path / "content" / "b.md"))  # as the watcher adds a change
    assert server.rebuild() is False
    assert server.reloader.error == ""  # no overlay: the queued build follows
    server._queued.clear()
    assert server.rebuild() is False
    assert "content/b.md:3:7: date:" in server.reloader.error  # nothing pending: shown


def test_a_build_failing_while_a_burst_of_changes_goes_on_shows_no_stale_error(
        tmp_path: Path, dev_server: MakeServer) -> None:
    """Found by a probe: ``rm -rf content`` on 2,000 articles while a build read them showed 77,
    then 128 'cannot read' errors over every open page. The watcher had seen the deletions but
    held them until the burst went quiet, so no change was queued yet and the errors were taken
    for the content's own."""
    write_files(tmp_path, {"content/a.md": article("Grain talks", "2025-03-20T09:00:00Z"),
                           "content/b.md": "---\ntitle: Broken\ndate: 2025-02-30\n---\nx\n"})
    server = dev_server()
    server.watcher = Watcher(tmp_path, [tmp_path / "content"], server.on_changes)  # (not started)
    server.watcher.collector.add([str(tmp_path / "content" / "b.md")])  # seen, the burst going on
    assert server.rebuild() is False
    assert server.reloader.error == ""  # no overlay: the build after the burst reports
    server.watcher.collector.pending.clear()
    # The build's own making of its staging folder and site, beside content/, is no such burst
    # (they are events in the project's folder, which is watched for content/ coming and going).
    server.watcher.collector.add([str(tmp_path), str(tmp_path / "site")])
    assert server.rebuild() is False
    assert "content/b.md:3:7: date:" in server.reloader.error  # nothing pending: shown


def test_a_moved_article_is_named_in_the_reload_message(tmp_path: Path, dev_server: MakeServer) -> None:
    """Found in review: a new title moves the article's URL (the slug follows the title), and its
    open page reloaded into a 404. The reload names the move, so the page can follow it."""
    write_files(tmp_path, {"content/a.md": article("Grain talks", "2025-03-20T09:00:00Z"),
                           "content/b.md": article("Budget grows", "2025-03-21T09:00:00Z")})
    server = dev_server()
    assert server.rebuild()
    channel = listening(server)
    (tmp_path / "content" / "a.md").write_text(article("Grain talks resume", "2025-03-20T09:00:00Z"))
    assert server.rebuild({str(tmp_path / "content" / "a.md")})
    message = channel.get(timeout=1)
    assert message.startswith("event: reload\n")
    data = json.loads(message.split("data: ", 1)[1])
    assert data["moved"] == {PAGE: "2025/03/20/grain-talks-resume/"}
    (tmp_path / "content" / "b.md").write_text(article("Budget grows", "2025-03-21T09:00:00Z", body="Edited."))
    assert server.rebuild({str(tmp_path / "content" / "b.md")})
    assert json.loads(channel.get(timeout=1).split("data: ", 1)[1])["moved"] == {}  # nothing moved this time


@pytest.mark.parametrize("temporary", [".goutputstream-X1YZ2Q", ".a.md.Xb3kQ9", ".a.md.swx", "#a.md#"])
def test_an_article_saved_through_a_temporary_file_is_previewed(tmp_path: Path, dev_server: MakeServer,
                                                               temporary: str) -> None:
    """Found by a probe of editors' saves: gedit (.goutputstream-*), rsync (.a.md.*), vim's .swx
    and emacs's autosave put a temporary file beside the article, and a batch holding a name that
    was not Markdown was never previewed: the edit waited for the whole incremental build."""
    write_files(tmp_path, {"content/a.md": article("Grain talks", "2025-03-20T09:00:00Z")})
    server = dev_server()
    assert server.rebuild()
    saved = tmp_path / "content" / temporary
    saved.write_text(article("Grain talks", "2025-03-20T09:00:00Z", body="Saved by rename."))
    saved.rename(tmp_path / "content" / "a.md")
    assert server._preview({str(saved), str(tmp_path / "content" / "a.md")})
    assert "Saved by rename." in (tmp_path / "site" / PAGE / "index.html").read_text()
    (tmp_path / "layouts").mkdir()  # but an article with a layout waits for the build
    assert not server._preview({str(tmp_path / "layouts" / "article.html"), str(tmp_path / "content" / "a.md")})


def test_a_preview_never_makes_a_site_folder_that_builds_refuse(tmp_path: Path, dev_server: MakeServer) -> None:
    """Found by a probe: with site/ deleted while serving, an article saved was previewed into a
    new site/ holding only its page, which every later build refused as a folder it did not write."""
    write_files(tmp_path, {"content/a.md": article("Grain talks", "2025-03-20T09:00:00Z")})
    server = dev_server()
    assert server.rebuild()
    shutil.rmtree(tmp_path / "site")
    (tmp_path / "content" / "a.md").write_text(article("Grain talks", "2025-03-20T09:00:00Z", body="Edited."))
    assert server._preview({str(tmp_path / "content" / "a.md")}) == []
    assert not (tmp_path / "site").exists()
    assert server.rebuild({str(tmp_path / "content" / "a.md")})
    assert "Edited." in (tmp_path / "site" / PAGE / "index.html").read_text()


def test_a_previewed_page_is_written_again_when_its_edit_is_undone(tmp_path: Path, dev_server: MakeServer) -> None:
    """Found by a probe: an edit previewed while another file broke the build, then undone (as
    `git checkout .` does), left the previewed text served: the source was as the last good build
    had it, so that build found nothing to do."""
    original = article("Grain talks", "2025-03-20T09:00:00Z", body="The first version.")
    write_files(tmp_path, {"content/a.md": original, "content/b.md": article("Budget grows", "2025-03-21T09:00:00Z")})
    server = dev_server()
    assert server.rebuild()
    good_b = (tmp_path / "content" / "b.md").read_text()
    (tmp_path / "content" / "b.md").write_text("---\ntitle: Broken\ndate: 2025-02-30\n---\nx\n")
    assert server.rebuild() is False
    (tmp_path / "content" / "a.md").write_text(original.replace("first version", "DRAFT SENTENCE"))
    assert server._preview({str(tmp_path / "content" / "a.md")})
    assert "DRAFT SENTENCE" in (tmp_path / "site" / PAGE / "index.html").read_text()
    assert server.rebuild() is False
    (tmp_path / "content" / "a.md").write_text(original)
    (tmp_path / "content" / "b.md").write_text(good_b)
    assert server.rebuild()
    page = (tmp_path / "site" / PAGE / "index.html").read_text()
    assert "The first version." in page and "DRAFT SENTENCE" not in page
    assert not any("restored" in str(w) for w in server.last.warnings)  # its own page: no warning


def test_a_static_file_changed_reloads_the_browsers(tmp_path: Path, dev_server: MakeServer) -> None:
    """Found by a probe: a build that rendered no page told no browser, and a static file (a
    stylesheet of one's own) renders none."""
    write_files(tmp_path, {"content/a.md": article("Grain talks", "2025-03-20T09:00:00Z")})
    server = dev_server()
    assert server.rebuild()
    channel = listening(server)
    write_files(tmp_path, {"static/extra.css": "body { color: red; }\n"})
    assert server.rebuild({str(tmp_path / "static" / "extra.css")}, quiet_reload=True)
    assert reloaded_pages(channel) is None  # any page may use it: every page
    assert (tmp_path / "site" / "extra.css").read_text() == "body { color: red; }\n"


def edit_served(tmp_path: Path, dev_server: MakeServer) -> tuple[DevServer, queue.Queue[str], Path]:
    """Two articles built by a dev server, a browser's channel to it, and the newer article
    edited (not yet built)."""
    write_files(tmp_path, {"content/a.md": article("Grain talks", "2025-03-20T09:00:00Z"),
                           "content/b.md": article("Budget grows", "2025-03-21T09:00:00Z")})
    server = dev_server()
    assert server.rebuild()
    channel = listening(server)
    edited = tmp_path / "content" / "b.md"
    edited.write_text(article("Budget grows", "2025-03-21T09:00:00Z", body="Edited."))
    return server, channel, edited


def reloaded_pages(channel: queue.Queue[str]) -> list[str] | None:
    """The pages the next message tells to reload (None: every page)."""
    message = channel.get(timeout=1)
    assert message.startswith("event: reload\n")
    pages: list[str] | None = json.loads(message.split("data: ", 1)[1])["pages"]
    return pages


def test_a_reload_names_the_pages_that_changed(tmp_path: Path, dev_server: MakeServer) -> None:
    """An edit reloaded every open page twice (its preview, then the build): an editor lost the
    scroll position of pages the edit never touched, and the page edited flashed twice."""
    server, channel, edited = edit_served(tmp_path, dev_server)
    server.on_changes({str(edited)})
    assert reloaded_pages(channel) == ["2025/03/21/budget-grows/index.html"]  # previewed
    assert server.rebuild({str(edited)}, quiet_reload=True)
    built = reloaded_pages(channel)
    assert built and "index.html" in built  # the summary on the home page
    assert not {"2025/03/21/budget-grows/index.html", f"{PAGE}index.html"} & set(built)  # previewed; untouched
    assert server.rebuild(refresh_search=True)
    assert reloaded_pages(channel) == ["search/index.html"]
    for saved in (edited, tmp_path / "content" / "a.md"):  # saved again unchanged: nothing to reload
        saved.write_text(saved.read_text())
        server.on_changes({str(saved)})  # (no preview)
        assert server.rebuild({str(saved)}, quiet_reload=True)
        assert channel.empty()


def test_a_search_refresh_reloads_the_search_page_alone(tmp_path: Path, dev_server: MakeServer) -> None:
    """Found by the CSP test, once reloads named their pages: an edit left the open search page
    as it was (its page and index had not changed yet), and the refreshed index reloaded nothing."""
    server, channel, edited = edit_served(tmp_path, dev_server)
    assert server.rebuild({str(edited)}, quiet_reload=True)
    built = reloaded_pages(channel)
    assert built is not None and "search/index.html" not in built
    assert server.rebuild(refresh_search=True)
    assert reloaded_pages(channel) == ["search/index.html"]


def test_pages_to_reload() -> None:
    assert pages_to_reload(["feed.xml", "b/index.html", "a/index.html", "robots.txt"]) == ["a/index.html",
                                                                                            "b/index.html"]
    assert pages_to_reload([]) == []
    assert pages_to_reload(None) is None  # a whole new site
    assert pages_to_reload(["a/index.html", "assets/style.css"]) is None  # pages load it
    assert pages_to_reload(["a/index.html", "photo.jpg"]) is None
    assert pages_to_reload([f"{n}/index.html" for n in range(MAX_LISTED_PAGES + 1)]) is None


def test_a_change_another_server_built_first_still_reloads_the_browsers(tmp_path: Path, dev_server: MakeServer) -> None:
    """Found by a probe: two servers on one project (two ports) both rebuild on an edit; the one
    that waited for the other's build found the site already made, rendered nothing, and left its
    browsers on the old page."""
    write_files(tmp_path, {"content/a.md": article("Grain talks", "2025-03-20T09:00:00Z")})
    first, second = dev_server(), dev_server()
    assert first.rebuild() and second.rebuild()
    channel = listening(second)
    changed = {str(tmp_path / "content" / "a.md")}
    (tmp_path / "content" / "a.md").write_text(article("Grain talks", "2025-03-20T09:00:00Z", body="Edited."))
    assert first.rebuild(changed, quiet_reload=True)
    assert second.rebuild(changed, quiet_reload=True)
    assert second.last is not None and second.last.rendered == 0  # the first server had built it
    assert reloaded_pages(channel) is None  # (it cannot tell which pages the other one changed)
    assert second.rebuild(changed, quiet_reload=True)  # nothing new since: no reload
    assert channel.empty()
    # The other server built a change, then this one a change of its own (found by a review:
    # it listed only its own files, and its browsers never showed the other change).
    (tmp_path / "content" / "a.md").write_text(article("Grain talks", "2025-03-20T09:00:00Z", body="Again."))
    assert first.rebuild(changed, quiet_reload=True)
    write_files(tmp_path, {"content/b.md": article("Oil talks", "2025-03-21T09:00:00Z")})
    assert second.rebuild({str(tmp_path / "content" / "b.md")}, quiet_reload=True)
    assert second.last is not None and second.last.rendered > 0
    assert reloaded_pages(channel) is None


def test_a_stopping_server_waits_for_a_commit_under_way(tmp_path: Path, dev_server: MakeServer) -> None:
    """Ctrl-C while a rebuild moved its files into the site ended the process halfway (the build
    runs on a thread of its own, which signals cannot reach): now the server waits for it."""
    server = dev_server()
    committing = threading.Event()

    def commit() -> None:
        with server.reloader.site_lock:
            committing.set()
            time.sleep(0.5)

    thread = threading.Thread(target=commit)
    thread.start()
    committing.wait(5)
    started = time.monotonic()
    server.close()
    assert time.monotonic() - started >= 0.4
    thread.join()


@pytest.mark.parametrize("port", ["70000", "-5", "http"])
def test_a_port_out_of_range_is_one_line_not_a_traceback(tmp_path: Path, port: str) -> None:
    """Found by a probe: --port 70000 ended in 25 lines of traceback (OverflowError from bind)."""
    done = subprocess.run([sys.executable, "-m", "builder", "serve", "--root", str(tmp_path), "--port", port],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "is not a port: expected a number from 0 to 65535" in done.stderr


def test_without_watch_a_first_build_that_fails_ends_the_command(tmp_path: Path) -> None:
    """Found reading the README: `archive serve` (no --watch) whose first build failed said "the
    server shows them until then" and served a bare "Not found" for ever, since nothing rebuilds;
    with a --root that does not exist (a typo) it also made that folder and its site/."""
    write_files(tmp_path, {"content/a.md": article("Leap", "2023-02-29")})
    done = subprocess.run([sys.executable, "-m", "builder", "serve", "--root", str(tmp_path), "--port", "0"],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "content/a.md:3:7: date:" in done.stderr
    assert "nothing to serve" in done.stderr and not (tmp_path / "site").exists()
    missing = tmp_path / "typo"
    done = subprocess.run([sys.executable, "-m", "builder", "serve", "--root", str(missing), "--port", "0",
                           "--watch"], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"{missing}: no such folder" in done.stderr and not missing.exists()


def test_a_setting_wrong_at_start_is_shown_and_a_fix_recovers(tmp_path: Path) -> None:
    """Found by a probe: `archive serve --watch` with `per_page = "x"` in pyproject.toml died at
    start with a traceback (BuildFailed from reading the settings), where a broken article is
    shown in the terminal and over the page. Now it serves, says what is wrong, and recovers."""
    write_files(tmp_path, {"content/a.md": article("Grain talks", "2025-03-20T09:00:00Z"),
                           "pyproject.toml": '[tool.archive]\nper_page = "x"\n'})
    log = tmp_path / "serve.log"
    with open(log, "w") as handle:
        process = subprocess.Popen([sys.executable, "-m", "builder", "serve", "--root", str(tmp_path),
                                    "--watch", "--port", "0"], stdout=handle, stderr=subprocess.STDOUT, text=True)
    try:
        # (not "serving": the failed build's line says what it serves first)
        assert wait_for(lambda: " at http://127.0.0.1:" in log.read_text(), 30), log.read_text()
        text = log.read_text()
        assert "pyproject.toml:2: tool.archive.per_page: expected a whole number, got 'x'" in text
        # No site was ever built here: there is no "last good site" (it said there was).
        assert "build failed: 1 error; no site to serve until a build succeeds" in text, text
        assert "Traceback" not in text and process.poll() is None
        url = re.search(r"at (http://127\.0\.0\.1:\d+/)", text)
        assert url, text
        served = Served(tmp_path, process, url.group(1), log)
        (tmp_path / "pyproject.toml").write_text("[tool.archive]\nper_page = 10\n")
        assert wait_for(lambda: served.get(PAGE)[0] == 200, 30), log.read_text()
    finally:
        process.terminate()
        process.wait(10)


def first_event(served: Served) -> tuple[str, dict[str, str]]:
    """The first event a page connecting now is sent."""
    connection = http.client.HTTPConnection(*served.address, timeout=10)
    connection.request("GET", "/__archive__/events")
    response = connection.getresponse()
    lines = [b""]
    while not lines[0].startswith(b"event: "):  # past comments (": connected")
        lines = [response.fp.readline()]
    while lines[-1] != b"\n":
        lines.append(response.fp.readline())
    connection.close()
    fields = dict(line.decode().rstrip("\n").split(": ", 1) for line in lines if b": " in line and
                  not line.startswith(b":"))
    return fields["event"], json.loads(fields["data"])


def test_a_page_served_before_a_build_learns_it_is_stale_when_it_connects(served: Served) -> None:
    """Found by a probe: a page loading while an edit was built (or open while the server was
    restarted) started listening after the "reload" was sent, and kept the old text for good."""
    state = re.compile(r'data-state="([^"]+)"')
    before = state.search(served.get(PAGE)[1])
    assert before
    (served.root / "content" / "a.md").write_text(
        article("Grain talks", "2025-03-20T09:00:00Z", body="The second version."))
    assert wait_for(lambda: "The second version." in served.get(PAGE)[1])
    # The preview writes the page, then announces it: wait for the announcement (failed in CI once
    # when the hello came between the two).
    assert wait_for(lambda: first_event(served)[1]["state"] != before.group(1))  # the page reloads
    assert first_event(served)[0] == "hello"
    # the build after the preview, and the search refresh after it (each announced just after logged)
    assert wait_for(lambda: served.log.read_text().count("search index refreshed") == 2), served.log.read_text()

    def page_state() -> str:
        found = state.search(served.get(PAGE)[1])
        assert found
        return found.group(1)
    # and then stays: a page served now is told nothing new
    assert wait_for(lambda: first_event(served) == ("hello", {"state": page_state()}))
    after = page_state()
    root = served.url.split("/repo/")[0]

    def stale(state: str, page: str) -> dict[str, object]:
        query = urllib.parse.urlencode({"state": state, "file": page})
        with urllib.request.urlopen(f"{root}/__archive__/stale?{query}", timeout=10) as response:
            answer: dict[str, object] = json.load(response)
            return answer
    assert stale(before.group(1), f"{PAGE}index.html")["stale"]
    assert stale(after, f"{PAGE}index.html") == {"stale": False}
    (served.root / "content" / "a.md").write_text(
        article("Grain talks resume", "2025-03-20T09:00:00Z", body="The second version."))
    assert wait_for(lambda: served.get("2025/03/20/grain-talks-resume/")[0] == 200)
    # A page loading when its article moved asks where it is: the reload's "moved" never reached it.
    # (The build commits the new page, then announces the move: wait for the announcement.)
    moved = {"stale": True, "base": "/repo/", "moved": "2025/03/20/grain-talks-resume/"}
    assert wait_for(lambda: stale(after, f"{PAGE}index.html") == moved), stale(after, f"{PAGE}index.html")


def test_a_page_is_stale_only_after_a_build_that_changed_it() -> None:
    """A page that connects after builds were announced reloads only if one of them changed it:
    the edited page reloaded a second time, for the build that followed its preview."""
    reloader = Reloader()
    first = reloader.state
    reloader.publish_reload("/repo/", changed=None)  # every page
    assert reloader.is_stale(first, "b/index.html")
    second = reloader.state
    reloader.publish_reload("/repo/", changed={"a/index.html", "feed.xml"})
    assert reloader.is_stale(second, "a/index.html") and not reloader.is_stale(second, "b/index.html")
    third = reloader.state
    reloader.publish_reload("/news/", changed={"a/index.html"})  # a new base path: every page
    assert reloader.is_stale(third, "b/index.html")
    assert not reloader.is_stale(reloader.state, "a/index.html")
    assert reloader.is_stale(Reloader().state, "a/index.html")  # another server's page
    assert reloader.is_stale("", "a/index.html")
    assert reloader.is_stale(reloader.state, "")  # a page not found: any build may have made it


def test_the_server_knows_where_an_article_moved_while_serving() -> None:
    reloader = Reloader()
    reloader.publish_reload("/repo/", moved={"2025/03/20/a/": "2025/03/20/b/"}, changed=None)
    assert reloader.moved_to("2025/03/20/a/index.html") == ("/repo/", "2025/03/20/b/")
    reloader.publish_reload("/repo/", moved={"2025/03/20/b/": "2025/03/21/c/"}, changed=None)
    assert reloader.moved_to("2025/03/20/a/index.html") == ("/repo/", "2025/03/21/c/")  # moved again
    assert reloader.moved_to("2025/03/20/b/index.html") == ("/repo/", "2025/03/21/c/")
    reloader.publish_reload("/news/", moved={"2025/03/21/c/": "2025/03/20/a/"}, changed=None)
    assert reloader.moved_to("2025/03/20/a/index.html") is None  # back where it was
    assert reloader.moved_to("2025/03/20/b/index.html") == ("/news/", "2025/03/20/a/")


def test_a_redirect_to_a_folder_keeps_the_query(served: Served) -> None:
    """Found by a probe: /repo/search?q=grain was sent to /repo/search/ without its query, so a
    search link written without the slash lost its words (GitHub Pages keeps them)."""
    status, headers = served.raw("GET", "/repo/search?q=grain%20deal")
    assert status == 301 and headers["Location"] == "/repo/search/?q=grain%20deal"
    assert served.raw("GET", "/repo?q=1")[1]["Location"] == "/repo/?q=1"
    assert served.raw("GET", "/repo/2025")[1]["Location"] == "/repo/2025/"  # (no query: none added)


def test_a_range_of_a_file_is_served(served: Served) -> None:
    """Found by a probe: 'Range: bytes=0-9' got the whole file with 200, and Safari plays a video
    only from a server that answers ranges (Chromium cannot seek in it either)."""
    (served.root / "site" / "clip.mp4").write_bytes(bytes(range(256)) * 4)

    def ask(byte_range: str) -> tuple[int, dict[str, str], bytes]:
        connection = http.client.HTTPConnection(*served.address, timeout=10)
        connection.request("GET", "/repo/clip.mp4", headers={"Range": byte_range})
        response = connection.getresponse()
        body = response.read()
        connection.close()
        return response.status, dict(response.getheaders()), body

    status, headers, body = ask("bytes=0-9")
    assert status == 206 and body == bytes(range(10)) and headers["Content-Range"] == "bytes 0-9/1024"
    assert headers["Content-Type"] == "video/mp4" and headers["Content-Length"] == "10"
    assert ask("bytes=1000-")[2] == bytes(range(232, 256))
    assert ask("bytes=-4")[2] == bytes(range(252, 256))  # the last four
    status, headers, _ = ask("bytes=2000-")
    assert status == 416 and headers["Content-Range"] == "bytes */1024"
    assert ask("bytes=0-1,5-6")[0] == 200  # several ranges: the whole file, as HTTP allows
    assert served.raw("GET", "/repo/clip.mp4")[1]["Accept-Ranges"] == "bytes"


@pytest.mark.slow
def test_an_edit_stops_a_search_refresh_and_is_built_first(tmp_path: Path, dev_server: MakeServer,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """A layout edit of text search reads makes the refresh that follows index every shard again
    (11 s at 10,000 articles): an edit saved meanwhile waited for it. Now the edit stops it, its
    build goes first, and the refresh runs again after it."""
    generate_corpus(tmp_path, 600, profiles=False)
    dev = dev_server()
    assert dev.rebuild(refresh_search=True)  # the first build, search and all
    layout = (Path(__file__).parents[1] / "builder" / "layouts" / "article.html").read_text()
    title = 'data-pagefind-meta="title"{{ article.lang }}>'
    write_files(tmp_path, {"layouts/article.html": layout.replace(title, title + "Story: ")})
    assert dev.rebuild({str(tmp_path / "layouts" / "article.html")})  # search left stale for now
    _no_timed_refresh(dev)  # (the test runs the refreshes itself)
    outcome: list[bool] = []
    refresh = threading.Thread(target=lambda: outcome.append(dev.rebuild(refresh_search=True, stoppable=True)))
    refresh.start()
    deadline = time.monotonic() + 60
    while not pagefind_processes(tmp_path) and refresh.is_alive() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert pagefind_processes(tmp_path), "the refresh's Pagefind was not seen running"
    edited = sorted((tmp_path / "content").glob("[12]*/*/*.md"))[-1]
    edited.write_text(edited.read_text().replace("\n---\n\n", "\n---\n\nAn edited first sentence. ", 1))
    dev.on_changes({str(edited)})
    refresh.join(10)
    assert outcome == [False] and not pagefind_processes(tmp_path)
    assert "search refresh stopped for an edit" in capsys.readouterr().out
    with dev._queue_lock:  # the edit's build, as the build loop runs it
        changed, dev._queued = dev._queued, set()
    assert changed == {str(edited)} and dev.rebuild(changed)
    _no_timed_refresh(dev)
    assert dev.last is not None and dev.last.search == "stale"
    assert dev.rebuild(refresh_search=True, stoppable=True)  # then the refresh, whole
    assert dev.last.search == "indexed"
    found = searchable_pages(tmp_path / "site")
    assert all(record["meta"]["title"].startswith("Story: ") for record in found.values()) and len(found) == 600


def _no_timed_refresh(dev: DevServer) -> None:
    assert dev._search_timer is not None
    dev._search_timer.cancel()


def test_no_search_refresh_starts_while_an_edit_waits_for_its_build(tmp_path: Path, dev_server: MakeServer,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    write_files(tmp_path, {"content/a.md": article("Grain talks", "2025-03-20T09:00:00Z", body="First.")})
    dev = dev_server()
    assert dev.rebuild(refresh_search=True)
    (tmp_path / "content" / "a.md").write_text(article("Grain talks", "2025-03-20T09:00:00Z", body="Second."))
    dev.on_changes({str(tmp_path / "content" / "a.md")})
    commit = dev.last.commit if dev.last else None
    assert dev.rebuild(refresh_search=True, stoppable=True) is False  # the edit's build goes first
    assert dev.last is not None and dev.last.commit == commit
    with dev._queue_lock:
        changed, dev._queued = dev._queued, set()
    assert dev.rebuild(changed)
    _no_timed_refresh(dev)
    assert dev.rebuild(refresh_search=True, stoppable=True)  # and then the refresh
    assert dev.last.search == "patched"
    assert "Second." in (tmp_path / "site" / PAGE / "index.html").read_text()
    capsys.readouterr()


def test_a_failure_that_a_save_under_way_explains_shows_no_error(tmp_path: Path, dev_server: MakeServer,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """Found by a probe: an editor saving in place truncates the file, then writes it 20-80 ms
    later; a build that read it empty in between showed "empty file" over the page (twice in 300
    saves) until the next build. A failure waits a moment for such a save before it is shown."""
    write_files(tmp_path, {"content/a.md": article("Grain talks", "2025-03-20T09:00:00Z", body="First.")})
    dev = dev_server()
    assert dev.rebuild(refresh_search=True)
    target = tmp_path / "content" / "a.md"
    target.write_text("")  # the truncation the build reads...
    saved = threading.Timer(0.1, lambda: (target.write_text(article("Grain talks", "2025-03-20T09:00:00Z",
                                                                    body="Second.")),
                                           dev.on_changes({str(target)})))
    saved.start()  # (lands once the build has failed: the build of an empty file takes less)
    assert dev.rebuild({str(target)}) is False
    saved.join()
    assert dev.reloader.error == ""  # no overlay: the build that follows says what is wrong, if anything
    assert "build failed while files were changing" in capsys.readouterr().err
    with dev._queue_lock:
        changed, dev._queued = dev._queued, set()
    assert changed == {str(target)} and dev.rebuild(changed)  # the save's build
    # A failure no save explains is shown, a moment later.
    target.write_text("")
    assert dev.rebuild({str(target)}) is False and "content/a.md" in dev.reloader.error


def test_an_article_held_back_is_published_when_its_date_comes(served: Served) -> None:
    """Held back until its date, said once; when the date comes, the server builds it (no file
    changed: an embargo lifts on time in the preview too), and says nothing more about it."""
    when = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=6)
    write_files(served.root, {"content/embargo.md": article("Embargo lifts", when.isoformat())})
    path = when.strftime("%Y/%m/%d/embargo-lifts/")
    assert wait_for(lambda: "held back until its date (content/embargo.md" in served.log.read_text(), 30)
    assert served.get(path)[0] == 404
    assert wait_for(lambda: served.get(path)[0] == 200, 40), served.log.read_text()
    assert served.log.read_text().count("held back") == 1


def test_the_host_check_holds_whatever_address_the_server_listens_on() -> None:
    """Found in review: bound to 0.0.0.0 (a container, a phone on the network) the check was off,
    and a rebinding page in the editor's own browser could read the preview again."""
    from builder.serve import _is_this_computer
    assert not _is_this_computer("attacker.example:8000", "0.0.0.0")
    assert _is_this_computer("10.0.0.7:8000", "0.0.0.0")  # (a phone on the network, by address)
    assert _is_this_computer("Mybox.local:8000", "mybox.local") and not _is_this_computer("mybox.local:8000", "")
    assert _is_this_computer("[fe80::1]:8000", "::") and _is_this_computer(None, "")
