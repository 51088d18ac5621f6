"""The dev server: serves a built folder over HTTP at the site's base path, with live reload.

It knows nothing of articles or layouts: it is given a folder, a base path and a ``Reloader``
(which browsers listen to). The watcher and the builder call ``Reloader.publish``; requests that
arrive while a build is committing wait on ``Reloader.site_lock`` instead of seeing a
half-written site. The base path follows the settings of the last good build (``DevHTTPServer.move``),
and ``/`` points to it.
"""

from __future__ import annotations

import html
import ipaddress
import json
import mimetypes
import os
import posixpath
import queue
import re
import socket
import sys
import threading
import time
from collections.abc import Collection
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit

EVENTS_PATH = "/__archive__/events"
STALE_PATH = "/__archive__/stale"  # ?state=...&file=...: whether a page changed since it was served
CLIENT_PATH = "/__archive__/reload.js"
WORKER_PATH = "/__archive__/reload-worker.js"  # the one event stream of all open pages
TYPES = {
    ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8", ".json": "application/json", ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8", ".svg": "image/svg+xml", ".wasm": "application/wasm",
    ".pagefind": "application/octet-stream", ".pf_meta": "application/octet-stream",
    ".pf_index": "application/octet-stream", ".pf_fragment": "application/octet-stream",
    ".pf_filter": "application/octet-stream", ".webmanifest": "application/manifest+json",
}
_RANGE = re.compile(r"bytes=(\d*)-(\d*)")  # one range; several get the whole file, as HTTP allows
CLIENT_JS = Path(__file__).parent / "reload.js"  # (not in static/, whose files every site gets)
# Files no page loads: when only these changed, only the pages among them reload (feeds and
# sitemaps change with the pages that list them).
PAGE_ONLY_SUFFIXES = (".html", ".xml", ".txt")
MAX_LISTED_PAGES = 1000  # a longer list of changed pages (a layout edit) reloads every page
SCRIPTS = {CLIENT_PATH: CLIENT_JS, WORKER_PATH: Path(__file__).parent / "reload-worker.js"}


class Reloader:
    """What browsers are told: "reload", or a build error to show until the next good build."""

    def __init__(self) -> None:
        self.site_lock = threading.RLock()  # held by the builder while it commits a build
        self._listeners: list[queue.Queue[str]] = []
        self._guard = threading.Lock()
        self.error = ""  # the current build error, shown as an overlay
        self.epoch = 0
        self._boot = f"{os.getpid()}-{time.time_ns()}"  # another server process: another site
        # The epoch at which each page last changed, and the last one at which every page may have
        # (None listed for pages, a new base path): whether a page served at an earlier state is stale.
        self._page_changed: dict[str, int] = {}
        self._all_changed = 0
        self._base_path: str | None = None
        self._moves: dict[str, str] = {}  # articles moved while serving: old page path -> where it is now

    @property
    def state(self) -> str:
        """Which site a page was served from: a page that starts listening after the next build
        was announced (a save while it loaded, a server restarted meanwhile) sees that it is
        stale when it connects, and reloads."""
        return f"{self._boot}.{self.epoch}"

    def listen(self) -> queue.Queue[str]:
        channel: queue.Queue[str] = queue.Queue()
        with self._guard:
            self._listeners.append(channel)
            channel.put(self._message("hello", {"state": self.state}))
        if self.error:
            channel.put(self._message("builderror", self.error))
        return channel

    def forget(self, channel: queue.Queue[str]) -> None:
        with self._guard:
            if channel in self._listeners:
                self._listeners.remove(channel)

    def publish_reload(self, base_path: str, moved: dict[str, str] | None = None,
                       changed: Collection[str] | None = None) -> None:
        """Pages reload; one opened under another base path than ``base_path`` (the site's base
        URL changed) goes to the same page at the new one, where the server now has it, and one
        whose article moved (``moved``: old path under the base path -> new one) goes to its new
        address. ``changed``: the site's files that changed (None: any may have); a page whose
        own file is not among them stays as it is, scroll position and all, unless a file every
        page may use changed."""
        self.error = ""
        pages = pages_to_reload(changed)
        with self._guard:  # (a page connecting now is told either this state or this reload)
            self.epoch += 1
            if pages is None or base_path != self._base_path:
                self._all_changed = self.epoch
            else:
                self._page_changed.update(dict.fromkeys(pages, self.epoch))
            self._base_path = base_path
            self._follow_moves(moved or {})
            message = self._message("reload", {"epoch": self.epoch, "state": self.state, "base": base_path,
                                               "moved": moved or {}, "pages": pages})
        self._publish(message)

    def is_stale(self, state: str, served_file: str) -> bool:
        """Whether the page of ``served_file``, served at ``state``, changed since: a page whose
        reload was announced before it listened (an edit built while it loaded) asks on connecting."""
        boot, _, epoch = state.rpartition(".")
        if boot != self._boot or not epoch.isdigit() or not served_file:
            return True  # another server's page, no state at all, or a page not found
        with self._guard:
            return max(self._all_changed, self._page_changed.get(served_file, 0)) > int(epoch)

    def _follow_moves(self, moved: dict[str, str]) -> None:
        for before, now in moved.items():
            for earlier, then in list(self._moves.items()):
                if then == before:  # moved again
                    self._moves[earlier] = now
            self._moves[before] = now
        for before in [b for b, now in self._moves.items() if b == now]:  # moved back
            del self._moves[before]

    def moved_to(self, served_file: str) -> tuple[str, str] | None:
        """Where the article of ``served_file`` is now, if it moved while serving: the base path
        and its page path (a page that was loading when its title changed)."""
        page = served_file.removesuffix("index.html")
        with self._guard:
            now = self._moves.get(page)
            return (self._base_path or "/", now) if now is not None else None

    def publish_error(self, text: str) -> None:
        self.error = text
        self._publish(self._message("builderror", text))

    def _publish(self, message: str) -> None:
        with self._guard:
            listeners = list(self._listeners)
        for channel in listeners:
            channel.put(message)

    @staticmethod
    def _message(event: str, data: object) -> str:
        return f"event: {event}\ndata: {json.dumps(data)}\n\n"

    @property
    def listeners(self) -> int:
        with self._guard:
            return len(self._listeners)


def pages_to_reload(changed: Collection[str] | None) -> list[str] | None:
    """The pages (site files) that need reloading after ``changed`` changed; None for every page:
    a stylesheet, script, image or other file that pages load may be among them, or the list
    is too long to send to every tab."""
    if changed is None or len(changed) > MAX_LISTED_PAGES:
        return None
    if any(not rel.endswith(PAGE_ONLY_SUFFIXES) for rel in changed):
        return None
    return sorted(rel for rel in changed if rel.endswith(".html"))


def make_server(folder: Path, base_path: str, reloader: Reloader | None, host: str = "127.0.0.1",
                port: int = 8000) -> DevHTTPServer:
    """A server for ``folder`` at ``base_path``; raises OSError with a clear message when the port
    is taken or the host cannot be listened on."""
    handler = type("Handler", (SiteHandler,), {"folder": folder.resolve(), "base_path": base_path,
                                               "reloader": reloader, "bound_name": host.strip("[]").lower()})
    # An IPv6 address (``::1``) needs a server of its family; names and IPv4 addresses keep IPv4.
    server: type[DevHTTPServer] = DevHTTPServer
    if ":" in host:
        server = type("Server", (DevHTTPServer,), {"address_family": socket.AF_INET6})
    try:
        return server((host, port), handler)
    except OSError as exc:
        if exc.errno in (98, 48):  # EADDRINUSE on Linux and macOS
            raise OSError(exc.errno, f"port {port} on {host} is already in use: stop the other server "
                                     "or choose another with --port") from None
        raise OSError(exc.errno, f"cannot listen on {host} port {port}: {exc.strerror or exc}; check --host "
                                 "(an address of this machine, such as 127.0.0.1)") from None


class DevHTTPServer(ThreadingHTTPServer):
    """The HTTP server, whose site can move to another base path while it runs."""

    request_queue_size = 128  # many browser tabs connecting at once
    daemon_threads = True
    RequestHandlerClass: type[SiteHandler]

    @property
    def base_path(self) -> str:
        return self.RequestHandlerClass.base_path

    def move(self, base_path: str) -> None:
        """Serve the site under ``base_path`` from the next request on (a new base URL was built)."""
        self.RequestHandlerClass.base_path = base_path

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A closed tab or a cancelled fetch resets the connection mid-response: nothing went
        # wrong here, so no traceback. Anything else is a bug worth its traceback.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


# The names of this computer: a server bound to one answers only requests made to one of these.
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})


def _is_this_computer(host_header: str | None, bound_name: str = "") -> bool:
    """Whether a request's Host is one DNS rebinding cannot forge: this computer's names
    (``localhost:8000``, ``[::1]:8000``, ``*.localhost``), an IP address (a rebinding page's
    requests carry its domain name), or the name given to --host. A request without one
    (HTTP/1.0) is no browser's."""
    if host_header is None:
        return True
    host = host_header.strip().lower()
    name = host[:host.find("]") + 1] if host.startswith("[") else host.rsplit(":", 1)[0]
    if name in LOOPBACK or name.endswith(".localhost") or (bound_name and name.strip("[]") == bound_name):
        return True
    try:
        ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return False
    return True


class SiteHandler(BaseHTTPRequestHandler):
    folder: Path
    base_path: str
    reloader: Reloader | None
    # A request for another host name is refused, whatever the address listened on (0.0.0.0 too):
    # a web page on any site can make its own name resolve to this computer (DNS rebinding) and
    # read what the server shows, drafts and articles under embargo included; its requests carry
    # that name.
    bound_name = ""  # the --host given, when it is a name a request may use
    state = ""  # the reloader's state when the request came (Reloader.state)
    served_file = ""  # the site file a page came from (relative), named to its reload script
    server_version = "archive"
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self._serve(head=False)

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def _not_allowed(self) -> None:
        # The request's body is not read: the connection closes, or the body would be read as
        # the next request.
        self.send_response(HTTPStatus.METHOD_NOT_ALLOWED)
        self.send_header("Allow", "GET, HEAD")
        self.send_header("Content-Length", "0")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _not_allowed

    def log_message(self, format: str, *args: object) -> None:
        pass  # the terminal is for build messages

    def _serve(self, head: bool) -> None:
        # Taken before the file is read: a build committed in between makes the page reload.
        self.state = self.reloader.state if self.reloader is not None else ""
        # Set once a file is found; a page not found names none, as its address may get a page in
        # any build (an article added, a static file): it reloads after every build.
        self.served_file = ""
        if not _is_this_computer(self.headers.get("Host"), self.bound_name):
            self._send(HTTPStatus.FORBIDDEN, b"archive serve answers requests for this computer only (localhost, "
                       b"an IP address or the --host name)\n", "text/plain; charset=utf-8", head)
            return
        url = urlsplit(self.path)
        path = url.path
        query = f"?{url.query}" if url.query else ""  # kept by redirects, as GitHub Pages does
        if self.reloader is not None and path == EVENTS_PATH:
            self._events(head)
            return
        if self.reloader is not None and path == STALE_PATH:
            self._stale(parse_qs(url.query), head)
            return
        if self.reloader is not None and path in SCRIPTS:
            self._send(HTTPStatus.OK, SCRIPTS[path].read_bytes(), "text/javascript; charset=utf-8", head)
            return
        if (path == "/" or unquote(path) + "/" == unquote(self.base_path)) and self.base_path != "/":
            # Where the site is ("/" or the base path without its slash); temporary, as the base
            # path may change while serving.
            self._redirect(HTTPStatus.FOUND, self.base_path + query)
            return
        lock = self.reloader.site_lock if self.reloader else threading.RLock()
        with lock:  # never a half-committed site
            target = self._resolve(path)
            if isinstance(target, str):  # a redirect to the folder URL with its slash
                self._redirect(HTTPStatus.MOVED_PERMANENTLY, target + query)
                return
            if target is None:
                self._not_found(head)
                return
            body = target.read_bytes()
        self.served_file = target.relative_to(self.folder).as_posix()
        content_type = _content_type(target)
        if content_type.startswith("text/html"):  # (a page gets the reload script: no ranges of it)
            self._send(HTTPStatus.OK, body, content_type, head)
        else:
            self._send_file(body, content_type, head)

    def _stale(self, asked: dict[str, list[str]], head: bool) -> None:
        """Whether a page served at ``state`` changed since, and where its article is now if it
        moved (unless another page took its address)."""
        assert self.reloader is not None
        served_file = asked.get("file", [""])[0]
        answer: dict[str, object] = {"stale": self.reloader.is_stale(asked.get("state", [""])[0], served_file)}
        moved = self.reloader.moved_to(served_file) if served_file else None
        if moved is not None and not (self.folder / served_file).is_file():
            answer["base"], answer["moved"] = moved
        self._send(HTTPStatus.OK, json.dumps(answer).encode(), "application/json", head)

    def _send_file(self, body: bytes, content_type: str, head: bool) -> None:
        """A file, or the range of it asked for: Safari plays a video only from a server that
        answers ranges, and browsers seek in one by asking for them."""
        found = _RANGE.fullmatch(self.headers.get("Range", "").strip())
        size = len(body)
        if found is None or found.groups() == ("", ""):
            self._send(HTTPStatus.OK, body, content_type, head, {"Accept-Ranges": "bytes"})
            return
        first, last = found.groups()
        if first:
            start, end = int(first), min(int(last) if last else size - 1, size - 1)
        else:  # the last ``last`` bytes
            start, end = max(size - int(last), 0), size - 1
        if start >= size or start > end:
            self._send(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE, b"", content_type, head,
                       {"Content-Range": f"bytes */{size}"})
            return
        self._send(HTTPStatus.PARTIAL_CONTENT, body[start:end + 1], content_type, head,
                   {"Accept-Ranges": "bytes", "Content-Range": f"bytes {start}-{end}/{size}"})

    def _resolve(self, path: str) -> Path | str | None:
        """The file for a URL path, a redirect target, or None. Nothing outside the folder: no
        "..", no encoded dots or slashes, no backslashes, no symlinks leading out."""
        # Compared decoded: a browser may escape what the base URL has raw, or in lower case (%c3%bc).
        decoded, base = unquote(path), unquote(self.base_path)
        if not decoded.startswith(base):
            return None
        rel = decoded[len(base):]
        if "\\" in rel or "\0" in rel or rel.startswith("/"):
            return None
        parts = rel.split("/")
        if any(part in (".", "..") for part in parts):
            return None
        target = (self.folder / rel) if rel else self.folder
        try:
            resolved = target.resolve()
        except (OSError, RuntimeError):
            return None
        if not resolved.is_relative_to(self.folder):
            return None
        if resolved.is_dir():
            if rel and not rel.endswith("/"):
                # Only ever a path on this site: never "//host" (an open redirect).
                return self.base_path + quote(posixpath.normpath(rel).lstrip("/")) + "/"
            resolved = resolved / "index.html"
        return resolved if resolved.is_file() else None

    def _redirect(self, status: HTTPStatus, location: str) -> None:
        self.send_response(status)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _not_found(self, head: bool) -> None:
        page = self.folder / "404.html"
        body = page.read_bytes() if page.is_file() else b"<!doctype html><title>Not found</title><p>Not found"
        self._send(HTTPStatus.NOT_FOUND, body, "text/html; charset=utf-8", head)

    def _send(self, status: HTTPStatus, body: bytes, content_type: str, head: bool,
              headers: dict[str, str] | None = None) -> None:
        if self.reloader is not None and content_type.startswith("text/html"):
            body = inject_client(body, self.base_path, self.state, self.served_file)
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _events(self, head: bool) -> None:
        """Server-Sent Events: one connection per open page, told "reload" or "error"."""
        assert self.reloader is not None
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        if head:  # the headers only: a HEAD is no listener
            return
        channel = self.reloader.listen()
        try:
            self.wfile.write(b": connected\n\n")
            self.wfile.flush()
            while True:
                try:
                    message = channel.get(timeout=15)
                except queue.Empty:
                    message = ": keep-alive\n\n"
                self.wfile.write(message.encode("utf-8"))
                self.wfile.flush()
        except (TimeoutError, BrokenPipeError, ConnectionResetError, OSError):
            pass
        finally:
            self.reloader.forget(channel)


def inject_client(body: bytes, base_path: str, state: str = "", served_file: str = "") -> bytes:
    """The live-reload script, added to pages only when serving (never in ``archive build`` output)."""
    tag = (f'<script src="{html.escape(CLIENT_PATH)}" data-base="{html.escape(base_path)}" '
           f'data-state="{html.escape(state)}" data-file="{html.escape(served_file)}" defer></script>')
    marker = body.rfind(b"</body>")
    if marker < 0:
        return body + tag.encode()
    return body[:marker] + tag.encode() + body[marker:]


def _content_type(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in TYPES:
        return TYPES[suffix]
    guessed, _ = mimetypes.guess_type(path.name)
    return guessed or "application/octet-stream"


def warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


def serve_forever(server: DevHTTPServer) -> threading.Thread:
    thread = threading.Thread(target=server.serve_forever, name="http", daemon=True)
    thread.start()
    return thread


