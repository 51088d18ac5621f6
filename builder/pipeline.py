"""The build, as the list of its steps.

check the site in place against its record -> scan content -> load (parse only what changed) ->
site model -> views -> render the pages whose key changed or whose file was damaged (link the rest
from the previous site) -> static files -> search index -> swap -> record the site's files.
All errors are collected first; nothing is written unless there are none.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext, suppress
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from builder.cache import (
    CACHE,
    SEARCH_RECORD_FORMAT,
    BodyStore,
    PageState,
    SearchBundles,
    Stamp,
    body_key,
    build_lock,
    forget_stale,
    read_pickle,
    write_pickle,
)
from builder.config import read_settings
from builder.errors import BuildFailed, SourceError, shown_path
from builder.indexes import search_shards
from builder.inputs import (
    STATIC_ASSETS,
    base_digest,
    input_digest,
    layout_environment,
    parse_salt,
    static_digest,
    template_digests,
    view_input,
)
from builder.load import Loaded, load, save_documents
from builder.metrics import Laps, TemplateTimes
from builder.model import misspelt_fields
from builder.outputs import (
    OutputFiles,
    changed_files,
    read_record,
    recorded_files,
    restored,
    updated_record,
    write_record,
)
from builder.pages import PagesWritten, write_pages
from builder.progress import Progress, Silent
from builder.rebuild import (
    Dirty,
    moved_articles,
    moved_day_warnings,
    moved_days,
    moved_urls,
    pages_to_check,
    renamed_profiles,
    repairing,
    search_switched,
    shape_of,
)
from builder.render import Layouts, read_layouts
from builder.routes import article_path
from builder.search import (
    BUNDLE,
    PATCH,
    SearchFailed,
    index_shards,
    is_primary_only,
    is_unused,
    page_search_key,
    patch_file,
    stop_if_asked,
)
from builder.site import Site
from builder.source import no_content, scan_sources
from builder.trial import trial_render
from builder.views import entity_urls, plural
from builder.workers import aside, fewer_collections, uninterrupted
from builder.write import (
    SITE_MARK,
    SITE_MARK_TEXT,
    Staging,
    file_rel,
    output_key,
    output_problems,
    override_warnings,
    static_clashes,
    static_files,
    static_links,
    static_overrides,
)

PAGES_WARN_BYTES = 800_000_000
CHECK_ASIDE_FROM = 10_000  # files in the site: below, a process costs more than it saves


@dataclass(frozen=True)
class BuildOptions:
    root: Path
    out: Path | None = None
    base_url: str | None = None
    drafts: bool = False
    future: bool = False  # articles dated after ``now`` too (else held back until their date)
    now: datetime | None = None  # the build's present: its start, unless given (tests)
    search: bool = True
    workers: int = 0  # 0: one per core
    # False: read and write no cache (a cold build; archive check, whose load still reads the
    # validated documents of unchanged files: builder.load.load's read_cache)
    cache: bool = True
    refresh_search: bool = True  # False: keep the previous search bundles for now (dev server)
    commit_lock: AbstractContextManager[Any] | None = None  # held while the new site is swapped in
    progress: Progress = field(default_factory=Silent, compare=False)
    keep_model: bool = False  # build the site model even when nothing changed (dev server previews)
    # Compare the site's files with the record of the last build and write again those changed or
    # gone (builder.outputs); the dev server, which owns the site while it serves, does it once.
    verify_site: bool = True
    # Files of the site written outside a build (the dev server's previews): written again, as
    # changed files are, but not warned about.
    rewrite: frozenset[str] = frozenset()
    # Set from another thread to stop the search indexing, and the build with it (SearchStopped):
    # the dev server's search refresh gives way to an edit.
    stop: threading.Event | None = field(default=None, compare=False)


@dataclass
class BuildResult:
    out: Path
    articles: int
    pages: int
    seconds: float
    timings: dict[str, float] = field(default_factory=dict)  # seconds of each step (builder.metrics)
    # off; indexed (a shard's bundle made); patched (only the patch or the stale pages it hides);
    # unchanged; cached (bundles of an earlier build, as after an undo); or stale (the previous
    # ones kept for now: dev server)
    search: str = "off"
    rendered: int = 0  # pages rendered this time; the others were unchanged
    parsed: int = 0  # content files parsed this time; the others came from the cache
    unchanged: bool = False  # nothing in the input changed: the previous site was kept as it is
    site: Site | None = field(default=None, repr=False)  # the model, for the dev server's previews
    size_bytes: int = 0  # the whole output, search included
    checked: int = 0  # pages whose view and key were computed (the others cannot have changed)
    warnings: list[SourceError] = field(default_factory=list)  # worth telling, not errors
    moved: dict[str, str] = field(default_factory=dict)  # edited articles' old page paths -> their new ones
    templates: dict[str, TemplateTimes] = field(default_factory=dict)  # each template's pages, timed
    commit: str = ""  # the site's last change (PageState.commit), whichever process made it; "" unknown
    based_on: str = ""  # the change the build found in place: another process's if not the last one seen
    # The site's files this build put in place or removed (relative paths); None when it replaced
    # the whole site (a first build, or one without a record of the site's files).
    changed: frozenset[str] | None = None
    held: tuple[tuple[str, datetime], ...] = ()  # articles held back until their date (file, date), oldest first

    @property
    def held_note(self) -> str:
        return held_note(self.held)

    @property
    def size_warning(self) -> str:
        """GitHub Pages refuses a site over 1 GB: say so well before it gets there."""
        if self.size_bytes < PAGES_WARN_BYTES:
            return ""
        return (f"the site is {self.size_bytes / 1e9:.2f} GB; GitHub Pages refuses sites over 1 GB "
                f"({self.size_bytes / max(self.articles, 1) / 1000:.1f} kB per article). Settings that make it "
                "smaller: listing_summaries = false (summaries on the home page only), a higher actor_page_min "
                "(fewer actor pages and feeds)")


def held_note(held: Sequence[tuple[str, datetime]]) -> str:
    """What the build left out for now, said on every build: a story that does not appear, or a
    year typed 2204, is then no mystery."""
    if not held:
        return ""
    rel, date = held[0]
    when = date.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    first = f"{rel}, on {when}" if len(held) == 1 else f"the first: {rel}, on {when}"
    return (f"{plural(len(held), 'article')} dated after now held back until {'its' if len(held) == 1 else 'their'} "
            f"date ({first}); --future builds {'it' if len(held) == 1 else 'them'} now")


def build(options: BuildOptions) -> BuildResult:
    """Build the site; on any error raise BuildFailed with all of them and leave ``out`` as it was."""
    started = time.perf_counter()
    root = options.root.resolve()
    out = (options.out or root / "site").resolve()
    cache_folder = root / CACHE
    problems = output_problems(root, out)
    if not (root / "content").is_dir():  # (a --root typo: said before the cache is made there)
        problems.append(no_content(root))
    problems += _cache_problems(cache_folder)
    if problems:
        raise BuildFailed(problems)
    if options.now is None:  # (one present for the whole build)
        options = replace(options, now=datetime.now(UTC))
    with build_lock(cache_folder), fewer_collections():
        return _build(options, root, out, cache_folder, started)


def _cache_problems(cache_folder: Path) -> list[SourceError]:
    """A cache folder that is not one (a file, a link to nothing), or entries of it of the wrong
    kind: a file where the build keeps a folder (the compiled layouts, the search bundles) or a
    folder where it keeps a file (the lock, a pickle, a body store). Each stopped the build with a
    traceback, or an error about writing the site."""
    if cache_folder.is_symlink() and not cache_folder.exists():
        return [SourceError(CACHE, 0, 0, "", f"a symbolic link to {os.readlink(cache_folder)}, which does not "
                            "exist; make that folder, or remove the link")]
    if cache_folder.exists() and not cache_folder.is_dir():
        return [SourceError(CACHE, 0, 0, "", "a file where the build keeps its cache (a folder); remove it: the "
                            "cache holds only what a build can make again")]
    if not cache_folder.is_dir():
        return []
    found = []
    for entry in sorted(cache_folder.iterdir()):
        folder = entry.name in ("jinja", "search")
        kept_file = entry.name == "lock" or entry.name.endswith((".pickle", ".sqlite", ".sqlite-wal", ".sqlite-shm"))
        if (folder and not entry.is_dir()) or (kept_file and entry.is_dir()):
            kind = "a file where the build keeps a folder" if folder else "a folder where the build keeps a file"
            found.append(SourceError(f"{CACHE}/{entry.name}", 0, 0, "", f"{kind}; remove it: the cache holds only "
                                     "what a build can make again"))
    return found


def _build(options: BuildOptions, root: Path, out: Path, cache_folder: Path, started: float) -> BuildResult:
    laps = Laps(started)
    workers = options.workers or os.cpu_count() or 1
    settings, settings_errors = read_settings(root, options.base_url)
    salt = parse_salt(settings)
    out_key = output_key(out)
    stamp_path = cache_folder / f"stamp-{out_key}.pickle"
    # Present from just before a build changes the site until its record is written: a build
    # stopped in between left a site that neither the record nor the stamp describes.
    unrecorded = cache_folder / f"unrecorded-{out_key}"
    outputs_path = cache_folder / f"outputs-{out_key}.pickle"
    built = (out / "index.html").is_file()
    trusted = options.cache and not unrecorded.exists()
    # (a site without its home page is looked at too: the pages it keeps are linked into the new one)
    record = read_record(outputs_path) if trusted and out.is_dir() else None
    trusted = trusted and (record is not None or not out.is_dir())  # no record: compare every page
    check_site = _site_check(out, record, options)
    scanned = scan_sources(root, root / "content")
    # Read once: everything this build hashes, checks and renders is this reading of the layouts.
    layouts = read_layouts(root / "layouts")
    static = static_digest(root)
    digest = input_digest(root, options, settings, static, layouts.digest)
    inputs = f"{digest}:{options.refresh_search}:{options.search}"
    files = {entry.rel: (entry.size, entry.mtime_ns) for entry in scanned[0]}
    damaged = check_site() | options.rewrite
    laps.lap("scan")
    stop_if_asked(options.stop)
    if built and trusted and not damaged and not options.keep_model and not settings_errors and not scanned[1]:
        stamp = read_pickle(stamp_path, salt)
        if isinstance(stamp, Stamp) and stamp.inputs == inputs and stamp.files == files and not _due(stamp, options):
            return BuildResult(out, stamp.articles, stamp.pages, time.perf_counter() - started, laps.steps,
                               "unchanged" if options.search else "off", 0, 0, True, size_bytes=stamp.size,
                               changed=frozenset(), held=stamp.held, warnings=list(stamp.lasting))
    store = BodyStore(cache_folder / f"bodies-{salt[:12]}.sqlite")
    try:
        pages_path = cache_folder / f"pages-{out_key}.pickle"
        previous = (read_pickle(pages_path, salt) if trusted else None) or PageState()
        based_on = previous.commit
        search_path = cache_folder / f"search-{out_key}.pickle"
        if trusted and not previous.keys:  # (a record of another builder version or settings)
            bundles = read_pickle(search_path, "", SEARCH_RECORD_FORMAT)
            previous.search = bundles if isinstance(bundles, SearchBundles) else previous.search
        # Articles move to another day without an edit only under a new time zone or builder,
        # which no record of the last build's pages survives (its salt): then they are looked for.
        look_for_moved_days = not previous.digests
        # A page a static file stood in for, and no longer does, was kept unchanged (as the built
        # page) and is not in the site: made again, as a damaged file is, without a warning.
        uncovered = {rel for rel in previous.overridden if not (root / "static" / rel).is_file()}
        damaged |= uncovered
        unless = previous.fingerprint if built and not options.keep_model and not damaged else ""
        loaded = load(root, options, workers, store if options.cache else None, unless, scanned, digest,
                      layouts=layouts)
        laps.lap("load")
        stop_if_asked(options.stop)
        held = loaded.held
        if built and not damaged and loaded.fingerprint == previous.fingerprint and not loaded.errors:
            # (the site in place is this input's)
            unsaved = _save_caches(partial(save_documents, loaded), partial(
                write_pickle, stamp_path, salt, Stamp(inputs, files, len(previous.digests), len(previous.keys),
                                                      previous.size, held, tuple(previous.lasting)))
                if options.cache else lambda: None)
            return BuildResult(out, len(previous.digests), len(previous.keys), time.perf_counter() - started,
                               laps.steps, "unchanged" if options.search else "off", 0, loaded.parsed, True,
                               loaded.site, size_bytes=previous.size, warnings=previous.lasting + unsaved,
                               commit=previous.commit,
                               based_on=based_on, changed=frozenset(), held=held)
        if loaded.errors or loaded.site is None:
            raise BuildFailed(loaded.errors + _layouts_tried(loaded, root, layouts, options))
        site = loaded.site
        base = base_digest(loaded.inputs, loaded.documents)
        view_base = base_digest(view_input(options, settings), loaded.documents)
        templates = template_digests(layout_environment(root, layouts=layouts))
        shape, urls = shape_of(base, loaded.documents), entity_urls(site)
        only = None
        if built:
            only, previous = pages_to_check(site, previous, base, view_base, shape, urls, loaded.replaced,
                                            templates)
        if only is not None and previous.searched is not options.search:
            only = search_switched(only, templates)
        only = repairing(only, previous, damaged)
        laps.lap("plan")
        stop_if_asked(options.stop)
        written = _write_site(site, root, out, options, store, previous, workers, laps, only,
                              (stamp_path, unrecorded), layouts, static_changed=static != previous.static,
                              record=record or {}, damaged=damaged)
        state = written.pages.state
        state.fingerprint, state.base, state.entity_urls = loaded.fingerprint, base, urls
        state.view_base, state.templates, state.static = view_base, templates, static
        state.searched = options.search
        state.overridden = tuple(static_overrides(root, state.keys))
        state.structure, state.placement, state.timeline = shape
        state.digests = [article.digest for article in site.articles]
        state.commit = os.urandom(8).hex()
        state.lasting = misspelt_fields(site.articles, layouts.show_extra) + layouts.unescaped_filters()
        unsaved = []
        if options.cache:
            unsaved = _save_caches(partial(save_documents, loaded),
                                   partial(store.keep_only, {body_key(a.digest, salt) for a in site.articles}))
        # (after the saves above: a full build records the site's files in a process aside meanwhile)
        outputs = written.outputs()
        state.size = sum(size for size, _ in outputs.values())
        if options.cache and not unsaved:
            unsaved = _save_caches(
                partial(write_pickle, pages_path, salt, state), partial(write_record, outputs_path, outputs),
                partial(write_pickle, search_path, "", state.search, SEARCH_RECORD_FORMAT),
                partial(write_pickle, stamp_path, salt,
                        Stamp(inputs, files, len(site.articles), len(state.keys), state.size, held,
                              tuple(state.lasting))),
                # (a build without the cache leaves it: it wrote no record)
                partial(unrecorded.unlink, missing_ok=True),
                partial(forget_stale, cache_folder, store.path, out_key))
    finally:
        store.close()
    laps.lap("caches")
    moves = moved_articles(site, loaded.replaced)
    day_moves = moved_days(site, record or {}, {before for _, before, _ in moves}) if look_for_moved_days else []
    return BuildResult(out, len(site.articles), len(state.keys), time.perf_counter() - started, laps.steps,
                       written.search, len(written.pages.rendered), loaded.parsed, site=site, size_bytes=state.size,
                       checked=written.pages.checked, templates=written.pages.templates,
                       warnings=state.lasting + moved_urls(moves, loaded.replaced, record or {})
                       + renamed_profiles(site, loaded.replaced)
                       + moved_day_warnings(day_moves)
                       + override_warnings(state.overridden)
                       + static_links(root) + restored(shown_path(out, root), damaged - options.rewrite - uncovered)
                       + unsaved,
                       # (the dev server sends open pages after them: a new time zone's moves too)
                       moved={before: now for _, before, now in moves}
                       | {before: article_path(article) for before, article in day_moves}, commit=state.commit,
                       based_on=based_on, changed=written.changed, held=held)


def _due(stamp: Stamp, options: BuildOptions) -> bool:
    """Whether an article the site in place held back has reached its date: no file changed, and
    yet the site has."""
    return bool(stamp.held) and options.now is not None and stamp.held[0][1] <= options.now


def _layouts_tried(loaded: Loaded, root: Path, layouts: Layouts, options: BuildOptions) -> list[SourceError]:
    """The errors of the first page of each layout that compiled, listed with the build's others:
    rendered from the model of the valid content (``Loaded.trial``)."""
    if loaded.trial is None:
        return []
    return trial_render(loaded.trial, layout_environment(root, options.cache, layouts), root / "layouts")


def _save_caches(*steps: Callable[[], object]) -> list[SourceError]:
    """Run the steps that save the caches, after the site is in place; the first that fails (a
    full disk) stops the others and is a warning, not a traceback: the site is built, and the
    next build, finding the site unrecorded, checks every page of it."""
    for save in steps:
        try:
            save()
        except OSError as exc:
            return [SourceError(str(exc.filename or CACHE), 0, 0, "", "the site was built, but the build's cache "
                                f"could not be saved: {exc.strerror or exc}; the next build checks every page")]
    return []


def _site_check(out: Path, record: OutputFiles | None, options: BuildOptions) -> Callable[[], set[str]]:
    """The files of the site in place that are not as ``record`` has them (builder.outputs),
    when asked; a large site is looked at in another process meanwhile (0.7 s at 100,000
    articles, while this one lists the content: 0.6 s)."""
    if record is None or not options.verify_site:
        return set
    check = partial(changed_files, out, record)
    return aside(check) if len(record) >= CHECK_ASIDE_FROM else check


@dataclass
class _Written:
    pages: PagesWritten
    search: str  # what became of search (BuildResult.search)
    outputs: Callable[[], OutputFiles]  # the record of the site's files (builder.outputs), when asked
    changed: frozenset[str] | None  # BuildResult.changed


def _write_site(site: Site, root: Path, out: Path, options: BuildOptions, store: BodyStore,
                previous: PageState, workers: int, laps: Laps, only: Dirty | None,
                markers: tuple[Path, Path], layouts: Layouts, static_changed: bool,
                record: OutputFiles, damaged: set[str]) -> _Written:
    """``markers``: the stamp, removed, and the unrecorded mark, made, just before the commit;
    ``record``: the files of the site in place; ``damaged``: those not as the record has them."""
    # A rebuild writes only what changed over the previous site, when there is a record of its
    # files (even one from another version of the builder, whose record of pages is unusable:
    # then every page is rendered, and written only where its bytes changed); when only some
    # pages can have changed (``only``), the set of files is the same but for the search bundles
    # that are replaced, the pages of URLs that moved, and static files (a layout edit together
    # with static files: those removed are looked for in the whole site).
    overlay = bool(record) and (out / "index.html").is_file()
    prune: list[str] | None = [] if overlay and only is not None and not static_changed else None
    staging = Staging(out, overlay=overlay, prune=prune, recorded=record.keys())
    try:
        staging.create()
        pages = write_pages(site, root, staging, store, previous, workers, options.search, options.progress,
                            only if overlay else None, layouts)
        state = pages.state
        clashes = static_clashes(root, made_files(state.keys, options.search))
        if clashes:
            raise BuildFailed(clashes)
        # Static files unchanged since the last build, whose copies in the site are as recorded,
        # are kept unread (Staging.copy_tree).
        trusted = None if static_changed else lambda rel: rel not in damaged
        staging.copy_tree(STATIC_ASSETS, "assets", trusted)
        if (root / "static").is_dir():
            staging.copy_tree(root / "static", trusted=trusted)
        staging.write(SITE_MARK, SITE_MARK_TEXT)
        laps.lap("render")
        search = "off"
        if not options.search and previous.search.shards:
            staging.prune_under(BUNDLE)  # (a build with search before)
        if options.search and not options.refresh_search and previous.search.shards:
            staging.keep_previous_tree(BUNDLE)  # stale until the next build that refreshes it
            state.search = previous.search
            search = "stale"
        elif options.search:
            search = _index_search(site, staging, root, options, previous, state, workers, layouts, damaged)
            laps.lap("search")
        stamp, unrecorded = markers
        stamp.unlink(missing_ok=True)
        if options.cache:
            unrecorded.parent.mkdir(parents=True, exist_ok=True)
            unrecorded.touch()
        with options.commit_lock or nullcontext(), uninterrupted():
            staging.commit()
        laps.lap("commit")
        outputs: Callable[[], OutputFiles]
        if staging.overlay:
            outputs = partial(updated_record, out, record, staging.committed, staging.removed,
                              [*damaged, *map(file_rel, pages.rendered)])
        else:
            outputs = partial(recorded_files, out, staging.keep)
            if len(staging.keep) >= CHECK_ASIDE_FROM:
                outputs = aside(outputs)  # while this process saves its caches
    except SearchFailed as failed:
        staging.abort()
        raise BuildFailed([failed.error]) from None
    except OSError as exc:  # a full disk, a read-only or missing folder: an error, not a traceback
        with suppress(OSError):
            staging.abort()
        where = exc.filename or out
        raise BuildFailed([SourceError(str(where), 0, 0, "", f"cannot write the site: "
                                       f"{exc.strerror or exc}; the previous site was left as it was")]) from None
    except BaseException:
        staging.abort()
        raise
    changed = frozenset(staging.committed.keys() | staging.removed) if staging.overlay else None
    return _Written(pages, search, outputs, changed)


def made_files(pages: Iterable[str], search: bool) -> Iterator[str]:
    """Every file a build makes besides static/'s, relative to the site (``pages``: site paths),
    listed as it is read."""
    yield from map(file_rel, pages)
    yield from (rel for _, rel in static_files(STATIC_ASSETS, "assets"))
    yield SITE_MARK
    if search:
        yield f"{BUNDLE}/{PATCH}.json"


def _index_search(site: Site, staging: Staging, root: Path, options: BuildOptions, previous: PageState,
                  state: PageState, workers: int, layouts: Layouts, damaged: set[str]) -> str:
    """One Pagefind bundle per year and one for the newest month (builder.indexes.search_shards),
    and the patch bundle of the pages changed since theirs was made: only what changed is indexed.
    A bundle with a file in ``damaged`` is copied again from the cache."""
    shards: dict[str, dict[str, str]] = {}
    for name, positions in search_shards(site.articles).items():
        paths = (article_path(site.articles[position]) for position in positions)
        # (a page kept from a build without search has no key yet: its file has it)
        shards[name] = {path: state.search_keys.get(path) or state.search_keys.setdefault(
            path, page_search_key(staging.final_file(path).read_bytes())) for path in paths}
    limit = site.settings.search_patch_pages if _search_page_merges_the_patch(layouts) else 0
    before, cache = previous.search, root / CACHE / "search"
    repair = {rel.split("/")[1] for rel in damaged if rel.startswith(f"{BUNDLE}/") and rel.count("/") > 1}
    after, indexed = index_shards(shards, cache, workers, before, staging.final_file, limit, staging.overlay,
                                  repair, options.progress, options.stop)
    bundles = {**after.shards, PATCH: after.patch} if after.patch else after.shards
    in_place = {**before.shards, PATCH: before.patch}
    newest = next(reversed(shards), "")
    for name, digest in sorted(bundles.items()):
        if staging.overlay and in_place.get(name) == digest and name not in repair:
            staging.keep_previous_tree(f"{BUNDLE}/{name}")
        else:
            # Only the newest bundle is loaded by the search page: the merged ones need no code.
            staging.copy_bundle(cache / digest, f"{BUNDLE}/{name}",
                              skip=is_unused if name == newest else is_primary_only)
            staging.prune_under(f"{BUNDLE}/{name}")
    for name in {*before.shards, PATCH} - bundles.keys():  # last month's, now part of its year; a patch
        staging.prune_under(f"{BUNDLE}/{name}")
    if shards:
        staging.write(f"{BUNDLE}/{PATCH}.json", patch_file(after, site.settings.base_path + f"{BUNDLE}/{PATCH}/"))
    state.search = after
    if indexed - {after.patch}:
        return "indexed"
    if after.shards != before.shards:
        return "cached"  # bundles of an earlier build, as after an undo
    return "patched" if indexed or (after.patch, after.hidden) != (before.patch, before.hidden) else "unchanged"


def _search_page_merges_the_patch(layouts: Layouts) -> bool:
    """Layouts from before the patch: a search.html without ``data-api`` loads the bundle's own
    module, and a pagefind.js that does not read ``patch`` knows nothing of it. Either way a
    changed article's whole shard is indexed again, as before."""
    search_page, api = layouts.override("search.html"), layouts.override("pagefind.js")
    return (search_page is None or "data-api" in search_page) and (api is None or "patch" in api)
