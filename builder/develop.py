"""``archive serve [--watch]``: build, serve, and rebuild on every change, never falling over.

The pieces stay apart: the server (``serve.py``) serves a folder, the watcher (``watch.py``)
reports batches of changed paths, and this module calls the pipeline's ``build`` in between.
A rebuild keeps the search bundles as they were, so browsers reload at once; once edits have
settled, a second build refreshes the search index in the background.
"""

from __future__ import annotations

import sys
import threading
import time
import traceback
import webbrowser
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from builder.config import read_settings
from builder.errors import BuildFailed
from builder.pages import preview_articles
from builder.pipeline import BuildOptions, BuildResult, build
from builder.search import BUNDLE, SearchStopped
from builder.serve import DevHTTPServer, Reloader, make_server, serve_forever, warn
from builder.source import is_content_name
from builder.views import plural
from builder.watch import Watcher
from builder.write import SITE_MARK, file_rel

FAILURE_GRACE_SECONDS = 0.15  # a failed build's errors wait this long for a save still under way
SEARCH_SETTLE_SECONDS = 1.5  # refresh the search index once no edit came for this long
SEARCH_PAGE = "search/index.html"
COMMIT_WAIT_SECONDS = 60  # how long a stopping server waits for a build's commit (about 1 s at 10,000 pages)


@dataclass(frozen=True)
class ServeOptions:
    root: Path
    host: str = "127.0.0.1"
    port: int = 8000
    watch: bool = False
    poll: bool = False
    open_browser: bool = False
    drafts: bool = False
    future: bool = False
    workers: int = 0


def _pages_changed(changed: frozenset[str] | None) -> frozenset[str] | None:
    """The site files a build changed, where those of the search index stand for the page that
    loads them: the search page reloads for a new index, the others do not."""
    if changed is None:
        return None
    return frozenset(SEARCH_PAGE if rel.startswith(f"{BUNDLE}/") else rel for rel in changed)


class DevServer:
    """Owns the reloader, the HTTP server and the watcher; ``rebuild`` is the only way in."""

    def __init__(self, options: ServeOptions) -> None:
        self.options = options
        self.root = options.root.resolve()
        self.reloader = Reloader()
        self.build_options = BuildOptions(root=self.root, drafts=options.drafts, future=options.future,
                                          workers=options.workers,
                                          commit_lock=self.reloader.site_lock, keep_model=True)
        self.out = self.root / "site"
        self._search_timer: threading.Timer | None = None
        self._build_guard = threading.Lock()  # one build at a time within this process
        # Set when an edit comes in, until a build takes it: a search refresh under way stops and
        # lets that build go first (at 10,000 articles a layout edit's refresh indexes every shard
        # again: 11 s), and none starts before it.
        self._stop_refresh = threading.Event()
        self.watcher: Watcher | None = None
        self.last: BuildResult | None = None
        self._queued: set[str] = set()
        self._queue_lock = threading.Lock()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self.server: DevHTTPServer | None = None  # set once serving: it follows the base path
        self._previewed: set[str] = set()  # site files previews wrote since the last good build
        self._due_tried: tuple[str, datetime] | None = None  # the held article last built for

    def rebuild(self, changed: set[str] | None = None, refresh_search: bool = False,
                quiet_reload: bool = False, stoppable: bool = False) -> bool:
        """Build; tell browsers to reload, or show them the errors. Never raises. ``stoppable``:
        a search refresh that an edit stops (the edit's build schedules the next one)."""
        started = time.perf_counter()
        with self._build_guard:
            seen = self.last.commit if self.last else None
            with self._queue_lock:
                previewed = frozenset(self._previewed)
                if stoppable and self._stop_refresh.is_set():
                    return False  # an edit waits: its build goes first, and schedules the refresh again
                if not refresh_search:
                    self._stop_refresh.clear()  # (the edits that set it are this build's)
            try:
                # Only the first build compares the site's files with the record: the server owns
                # the site while it serves, and a rebuild should be quick. Pages a preview wrote
                # are written again: the source may be back as the last build had it (an edit
                # undone while another file broke the build), and then nothing else would.
                result = build(replace(self.build_options, refresh_search=refresh_search,
                                       verify_site=self.last is None, rewrite=previewed,
                                       stop=self._stop_refresh if stoppable else None))
            except SearchStopped:
                print("search refresh stopped for an edit; it runs again after the edit's build", flush=True)
                return False
            except BuildFailed as failed:
                if self._changes_coming():
                    # Files changed while it ran (a checkout removing files it was reading): the
                    # build that follows says what is still wrong; an overlay now would be stale.
                    print(f"build failed while files were changing ({plural(len(failed.errors), 'error')}); "
                          "building again", file=sys.stderr)
                    return False
                text = "\n".join(str(e) for e in failed.errors)
                print(text, file=sys.stderr)
                print(f"build failed: {plural(len(failed.errors), 'error')}; {self._serving()}", file=sys.stderr)
                self.reloader.publish_error(text)
                return False
            except Exception as exc:
                text = f"unexpected build error: {exc}"
                print(text, file=sys.stderr)
                traceback.print_exc(limit=3, file=sys.stderr)
                self.reloader.publish_error(text)
                return False
            # Announced within the guard: a later build's error is never announced before this
            # success, whose announcement would then take the error's overlay away.
            if result.held_note and (self.last is None or self.last.held != result.held):
                print(f"note: {result.held_note}", flush=True)
            self.last = result
            with self._queue_lock:
                self._previewed -= previewed
            self._follow_base_path(result)
            elapsed = (time.perf_counter() - started) * 1000
            for warning in result.warnings:
                print(f"warning: {warning}", file=sys.stderr)
            if not refresh_search:
                what = plural(len(changed), "change") if changed else "build"
                print(f"{what}: {plural(result.rendered, 'page')} rendered in {elapsed:.0f} ms", flush=True)
                # The site changed (pages rendered, static files copied, files removed; or another
                # process serving the same project built a change since this one's last build,
                # and which of its files changed is not known here): browsers show it.
                files = None if result.based_on != seen else result.changed
                if (result.commit != seen and files != frozenset()) or not quiet_reload or self.reloader.error:
                    self.reloader.publish_reload(self._base_path(), result.moved, _pages_changed(files))
                self._schedule_search()
            elif result.search in ("indexed", "patched"):
                print(f"search index refreshed in {elapsed:.0f} ms", flush=True)
                if result.changed != frozenset():  # the search page, whose results come from the new index
                    self.reloader.publish_reload(self._base_path(), changed=_pages_changed(result.changed))
            return True

    def _serving(self) -> str:
        """What the server shows while the build fails: no good build yet and no site in place
        (a new project, a first build broken) is nothing to serve, not "the last good site"."""
        if self.last is not None or (self.out / "index.html").is_file():
            return "serving the last good site"
        return "no site to serve until a build succeeds"

    def _changes_coming(self) -> bool:
        """Whether changes are pending, or come within FAILURE_GRACE_SECONDS: an editor saving in
        place truncates the file, then writes it 20-80 ms later, and a build that read the empty
        file in between flashed "empty file" over the page until the next build."""
        deadline = time.monotonic() + FAILURE_GRACE_SECONDS
        while not self._changes_pending():
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.01)
        return True

    def _changes_pending(self) -> bool:
        # Queued for the next build, or seen by the watcher in a burst not over yet (rm -rf of a
        # big folder, a checkout: the watcher hands them over once they stop).
        with self._queue_lock:
            if self._queued:
                return True
        return self.watcher is not None and self.watcher.changing()

    def _base_path(self) -> str:
        """Where the server has the site now ("": no server, no page to move)."""
        return self.server.base_path if self.server is not None else ""

    def _follow_base_path(self, result: BuildResult) -> None:
        """A new base URL in pyproject.toml moves every link of the site: serve it there too,
        before browsers are told to reload."""
        server = self.server
        if server is None or result.site is None:
            return
        base_path = result.site.settings.base_path
        if base_path != server.base_path:
            old = server.base_path
            server.move(base_path)
            print(f"base path changed from {old} to {base_path}: the site is now at "
                  f"{self.url(base_path)}", flush=True)

    def url(self, base_path: str) -> str:
        port = self.server.server_address[1] if self.server else self.options.port
        host = f"[{self.options.host}]" if ":" in self.options.host else self.options.host  # (IPv6: [::1])
        return f"http://{host}:{port}{base_path}"

    def _schedule_search(self) -> None:
        if self._search_timer is not None:
            self._search_timer.cancel()
        self._search_timer = threading.Timer(SEARCH_SETTLE_SECONDS, self.rebuild,
                                             kwargs={"refresh_search": True, "stoppable": True})
        self._search_timer.daemon = True
        self._search_timer.start()

    def on_changes(self, paths: set[str]) -> None:
        """Called by the watcher: preview edited articles at once, then queue a build. Builds run
        on their own thread, so a preview never waits for a build that is still running."""
        relevant = {p for p in paths if self._matters(Path(p))}
        if not relevant:
            return
        previewed = self._preview(relevant)
        if previewed:  # the edited pages first; indexes follow in the build
            self.reloader.publish_reload(self._base_path(), changed=previewed)
        with self._queue_lock:
            self._queued |= relevant
            self._stop_refresh.set()
        self._wake.set()

    def _build_loop(self) -> None:
        """One build after another while changes keep coming; changes made during a build are
        gathered into the next one."""
        while not self._stopping.is_set():
            self._wake.wait(0.5)
            with self._queue_lock:
                changed, self._queued = self._queued, set()
                self._wake.clear()
            if changed:
                self.rebuild(changed, quiet_reload=True)
            elif self._came_due():
                self.rebuild(quiet_reload=True)

    def _came_due(self) -> bool:
        """Whether an article the site holds back has reached its date since the last build: it is
        published then, as a scheduled build would, with no file changed (once: a build that
        fails is not tried again every half second)."""
        held = self.last.held if self.last else ()
        if not held or held[0][1] > datetime.now(UTC) or held[0] == self._due_tried:
            return False
        self._due_tried = held[0]
        return True

    def _preview(self, paths: set[str]) -> list[str]:
        """Edited articles whose URL and names did not change are shown before the full rebuild:
        the site files written."""
        last = self.last
        resolved = [Path(p).resolve() for p in paths]
        # A folder's own event says nothing more, nor does a file of content/ that is not an
        # article: the temporary file an editor or rsync saved through (.goutputstream-*, .a.md.*).
        content = self.root / "content"
        files = [f for f in resolved if not f.is_dir() and (is_content_name(f.name) or not f.is_relative_to(content))]
        if last is None or last.site is None or not files or not all(is_content_name(f.name) for f in files):
            return []
        if not (self.out / SITE_MARK).is_file():  # no site (deleted while serving): the build makes it
            return []
        started = time.perf_counter()
        try:
            written = preview_articles(last.site, self.root, self.out, files, self.reloader.site_lock)
        except Exception:
            return []
        if not written:
            return []
        site_files = [file_rel(path) for path in written]
        with self._queue_lock:
            self._previewed.update(site_files)
        print(f"preview: {', '.join('/' + p for p in written)} in "
              f"{(time.perf_counter() - started) * 1000:.0f} ms", flush=True)
        return site_files

    def _matters(self, path: Path) -> bool:
        try:
            rel = path.resolve().relative_to(self.root)
        except (ValueError, OSError):
            return False
        top = rel.parts[0] if rel.parts else ""
        return top in ("content", "layouts", "static") or rel.as_posix() == "pyproject.toml"

    def start_watching(self) -> None:
        targets = [self.root / name for name in ("content", "layouts", "static", "pyproject.toml")]
        self.watcher = Watcher(self.root, targets, self.on_changes, poll=self.options.poll)
        self.watcher.start()
        threading.Thread(target=self._build_loop, name="build", daemon=True).start()
        if self.watcher.note:
            print(self.watcher.note, file=sys.stderr)

    def close(self) -> None:
        self._stopping.set()
        if self._search_timer is not None:
            self._search_timer.cancel()
        if self.watcher is not None:
            self.watcher.close()
        # A build committing now finishes first (the process must not end with the site half
        # old, half new), and none starts after: the lock is kept. One still rendering dies with
        # the process; the next build removes its staging folder.
        self.reloader.site_lock.acquire(timeout=COMMIT_WAIT_SECONDS)


def run(options: ServeOptions) -> int:
    # Settings with errors come back usable (their defaults): the first build reports the errors,
    # and the server follows the base path of the settings once they are fixed.
    if not options.root.is_dir():  # a typo in --root: nothing to build, and no folder to make
        print(f"error: {options.root}: no such folder; expected the project's folder", file=sys.stderr)
        return 1
    settings, _ = read_settings(options.root.resolve())
    dev = DevServer(options)
    if options.host not in ("127.0.0.1", "localhost", "::1"):
        warn(f"serving on {options.host}: other machines on the network can reach this server")
    dev.rebuild(refresh_search=True)
    if not (dev.out / "index.html").is_file():
        if not options.watch:  # nothing would ever build it
            print("nothing to serve: fix the errors above and run archive serve again (with --watch it "
                  "rebuilds on every change and shows the errors until then)", file=sys.stderr)
            return 1
        print("no site yet: fix the errors above; the server shows them until then", file=sys.stderr)
        dev.out.mkdir(parents=True, exist_ok=True)
    try:
        server = make_server(dev.out, settings.base_path, dev.reloader if options.watch else None,
                             options.host, options.port)
    except OSError as exc:
        print(f"error: {exc.strerror or exc}", file=sys.stderr)
        return 1
    dev.server = server
    url = dev.url(settings.base_path)
    if options.watch:
        dev.start_watching()  # before saying "serving": a change made right after must be seen
    print(f"serving {dev.out} at {url}" + (" (watching for changes)" if options.watch else ""), flush=True)
    if options.open_browser:
        webbrowser.open(url)
    thread = serve_forever(server)
    try:
        while thread.is_alive():
            thread.join(0.5)
    except KeyboardInterrupt:
        print("stopping", file=sys.stderr)
    finally:
        dev.close()
        server.shutdown()
        server.server_close()
    return 0
