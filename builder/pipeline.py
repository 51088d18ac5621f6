"""The build, as the list of its steps.

scan content -> load (parse only what changed) -> site model -> views -> render the pages whose
key changed (link the rest from the previous site) -> static files -> search index -> swap.
All errors are collected first; nothing is written unless there are none.
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
import pickle
import time
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import AbstractContextManager, contextmanager, nullcontext, suppress
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

from jinja2 import Environment, TemplateError, meta
from markupsafe import Markup

from builder.cache import FORMAT as __version__  # the builder version and a hash of its code
from builder.cache import (
    BodyStore,
    CachedDocument,
    DocumentCache,
    PageState,
    Stamp,
    body_key,
    build_lock,
    forget_inherited_locks,
    forget_stale,
    read_pickle,
    write_pickle,
)
from builder.config import Settings, read_settings
from builder.errors import BuildFailed, SourceError
from builder.frontmatter import parse_document
from builder.indexes import search_shards
from builder.markdown import render_markdown
from builder.model import Article, Profile, validate_article, validate_profile
from builder.progress import Progress, Silent
from builder.rebuild import (
    Dirty,
    added_or_removed_pages,
    article_shape,
    dirty_pages,
    matched_positions,
    moved_urls,
    relaid_pages,
    renumbered,
    shape_of,
)
from builder.render import (
    BUILTIN_LAYOUTS,
    TemplateFailed,
    check_templates,
    render,
    shared_environment,
)
from builder.routes import article_path, output_file
from builder.search import (
    BUNDLE,
    PATCH,
    SearchFailed,
    index_shards,
    is_primary_only,
    is_unused,
    page_search_key,
    patch_file,
)
from builder.site import Site, build_site
from builder.source import SourceEntry, SourceFile, read_entry, scan_sources
from builder.views import (
    VIEW_TYPES,
    ArticleLink,
    Job,
    PageSpec,
    article_job,
    entity_urls,
    site_pages,
)
from builder.write import Staging, file_rel, write_atomic_bytes

STATIC_ASSETS = Path(__file__).parent / "static"
PARALLEL_FROM = 200  # below this many files a process pool costs more than it saves
CHUNK = 64
CACHE = ".archive-cache"  # under the project root, git-ignored
PAGES_WARN_BYTES = 800_000_000
T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class BuildOptions:
    root: Path
    out: Path | None = None
    base_url: str | None = None
    drafts: bool = False
    search: bool = True
    workers: int = 0  # 0: one per core
    cache: bool = True  # False: read and write no cache (archive check)
    refresh_search: bool = True  # False: keep the previous search bundles for now (dev server)
    commit_lock: AbstractContextManager[Any] | None = None  # held while the new site is swapped in
    progress: Progress = field(default_factory=Silent, compare=False)
    keep_model: bool = False  # build the site model even when nothing changed (dev server previews)


@dataclass
class BuildResult:
    out: Path
    articles: int
    pages: int
    seconds: float
    timings: dict[str, float] = field(default_factory=dict)
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

    @property
    def size_warning(self) -> str:
        """GitHub Pages refuses a site over 1 GB: say so well before it gets there."""
        if self.size_bytes < PAGES_WARN_BYTES:
            return ""
        return (f"the site is {self.size_bytes / 1e9:.2f} GB; GitHub Pages refuses sites over 1 GB "
                f"({self.size_bytes / max(self.articles, 1) / 1000:.1f} kB per article)")


@dataclass(frozen=True)
class Loaded:
    """Content and settings, validated: what every build, and ``archive check``, starts from."""

    settings: Settings
    site: Site | None
    errors: list[SourceError]
    documents: dict[str, CachedDocument]
    parsed: int
    inputs: str = ""  # hash of all the input but the content files (see _input_digest)
    fingerprint: str = ""  # of the whole input (see _fingerprint); when it was ``unless``, no site
    cache: DocumentCache | None = None  # where ``documents`` came from, and go back to
    replaced: dict[str, Any] = field(default_factory=dict)  # the cached results of files parsed again or gone


def build(options: BuildOptions) -> BuildResult:
    """Build the site; on any error raise BuildFailed with all of them and leave ``out`` as it was."""
    started = time.perf_counter()
    root = options.root.resolve()
    out = (options.out or root / "site").resolve()
    cache_folder = root / CACHE
    with build_lock(cache_folder), _fewer_collections():
        return _build(options, root, out, cache_folder, started)


COLLECT_EVERY = (100_000, 50, 100)  # allocations between cyclic collections, by generation


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """A build makes millions of objects that live until it ends (the site model, the page
    list): the cyclic collector's default, a pass every 700 allocations, walks them again and
    again (1.3 s of an edit's 6.8 s of loading at 100,000 articles). It finds no garbage there."""
    before = gc.get_threshold()
    gc.set_threshold(*COLLECT_EVERY)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _build(options: BuildOptions, root: Path, out: Path, cache_folder: Path, started: float) -> BuildResult:
    timings: dict[str, float] = {}
    workers = options.workers or os.cpu_count() or 1
    settings, settings_errors = read_settings(root, options.base_url)
    salt = _salt(settings)
    out_key = hashlib.sha1(str(out).encode()).hexdigest()[:12]
    stamp_path = cache_folder / f"stamp-{out_key}.pickle"
    # Present from just before a build changes the site until its record is written: a build
    # stopped in between left a site that neither the record nor the stamp describes.
    unrecorded = cache_folder / f"unrecorded-{out_key}"
    built = (out / "index.html").is_file()
    scanned = scan_sources(root, root / "content")
    static = _static_digest(root)
    digest = _input_digest(root, options, settings, static)
    inputs = f"{digest}:{options.refresh_search}"
    files = {entry.rel: (entry.size, entry.mtime_ns) for entry in scanned[0]}
    trusted = options.cache and not unrecorded.exists()
    if built and trusted and not options.keep_model and not settings_errors and not scanned[1]:
        stamp = read_pickle(stamp_path, salt)
        if isinstance(stamp, Stamp) and stamp.inputs == inputs and stamp.files == files:
            return BuildResult(out, stamp.articles, stamp.pages, time.perf_counter() - started, timings,
                               "unchanged" if options.search else "off", 0, 0, True, size_bytes=stamp.size)
    store = BodyStore(cache_folder / f"bodies-{salt[:12]}.sqlite")
    try:
        pages_path = cache_folder / f"pages-{out_key}.pickle"
        previous = (read_pickle(pages_path, salt) if trusted else None) or PageState()
        unless = previous.fingerprint if built and not options.keep_model else ""
        loaded = load(root, options, workers, store if options.cache else None, unless, scanned, digest)
        timings["load"] = time.perf_counter() - started
        if built and loaded.fingerprint == previous.fingerprint and not loaded.errors:
            _save_documents(loaded)  # the site in place is this input's
            if options.cache:
                write_pickle(stamp_path, salt, Stamp(inputs, files, len(previous.digests), len(previous.keys),
                                                     previous.size))
            return BuildResult(out, len(previous.digests), len(previous.keys), time.perf_counter() - started,
                               timings, "unchanged" if options.search else "off", 0, loaded.parsed, True,
                               loaded.site, size_bytes=previous.size)
        if loaded.errors or loaded.site is None:
            raise BuildFailed(loaded.errors)
        site = loaded.site
        base = _base(loaded.inputs, loaded.documents)
        view_base = _base(_view_input(options, settings), loaded.documents)
        templates = template_digests(layout_environment(root))
        digests = [article.digest for article in site.articles]
        shape, urls = shape_of(base, loaded.documents), entity_urls(site)
        only = None
        if built:
            only = dirty_pages(site, previous, base, shape, urls, loaded.replaced)
            if only is None and previous.base != base:
                only = relaid_pages(previous, view_base, digests, templates)
            if only is None and previous.base == base:  # (else every page is checked)
                positions = matched_positions(previous.digests, digests)
                only = added_or_removed_pages(site, previous, base, urls, loaded.replaced, positions)
                if only is not None:  # articles came or went among others: positions moved
                    previous = renumbered(previous, positions)
        state, rendered, checked, search = _write_site(site, root, out, options, store, previous, workers,
                                                       timings, only, (stamp_path, unrecorded),
                                                       static_changed=static != previous.static)
        state.fingerprint, state.base, state.entity_urls = loaded.fingerprint, base, urls
        state.view_base, state.templates, state.static = view_base, templates, static
        state.structure, state.placement, state.timeline = shape
        state.digests = digests
        if options.cache:
            write_pickle(pages_path, salt, state)
            _save_documents(loaded)
            store.keep_only({body_key(a.digest, salt) for a in site.articles})
            write_pickle(stamp_path, salt, Stamp(inputs, files, len(site.articles), len(state.keys), state.size))
            unrecorded.unlink(missing_ok=True)  # (a build without the cache leaves it: it wrote no record)
            forget_stale(cache_folder, store.path, out_key)
    finally:
        store.close()
    return BuildResult(out, len(site.articles), len(state.keys), time.perf_counter() - started, timings,
                       search, rendered, loaded.parsed, site=site, size_bytes=state.size, checked=checked,
                       warnings=moved_urls(site, loaded.replaced))


def load(root: Path, options: BuildOptions, workers: int, store: BodyStore | None,
         unless: str = "", scanned: tuple[list[SourceEntry], list[SourceError]] | None = None,
         inputs: str = "", read_cache: bool = False) -> Loaded:
    """Settings, content and layouts, validated, with every error; parses only changed files
    (of ``scanned``, when the content folder was just scanned; ``inputs``: its _input_digest,
    when just made). When the input's fingerprint is ``unless`` (that of the site in place),
    stops there. Without a body store nothing is cached, but ``read_cache`` still takes the
    validated documents of unchanged files from the cache (``archive check``, which writes nothing)."""
    settings, errors = read_settings(root, options.base_url)
    salt = _salt(settings)
    entries, scan_errors = scanned or scan_sources(root, root / "content")
    errors += scan_errors
    cache = DocumentCache(root / CACHE, salt) if store or read_cache else None
    cached = cache.read() if cache else {}
    documents, parsed, replaced = load_documents(entries, cached, settings, workers, store, salt, options.progress)
    inputs = inputs or _input_digest(root, options, settings)
    fingerprint = _fingerprint(inputs, options, documents)
    if unless and fingerprint == unless and not errors:
        return Loaded(settings, None, [], documents, parsed, inputs, fingerprint, cache, replaced)
    articles: list[Article] = []
    actors: list[Profile] = []
    tags: list[Profile] = []
    for document in documents.values():
        result = document.result
        if isinstance(result, list):
            errors += result
        elif isinstance(result, Article):
            articles.append(result)
        elif result.kind == "tag":
            tags.append(result)
        else:
            actors.append(result)
    site, site_errors = build_site(settings, articles, actors, tags, options.drafts)
    errors += site_errors
    errors += check_templates(layout_environment(root, keep_compiled=options.cache), root / "layouts")
    return Loaded(settings, site if not errors else None, errors, documents, parsed, inputs, fingerprint, cache,
                  replaced)


def folder_size(folder: Path) -> int:
    total = 0
    stack = [str(folder)]
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                elif entry.is_file(follow_symlinks=False):
                    total += entry.stat(follow_symlinks=False).st_size
    return total


def _save_documents(loaded: Loaded) -> None:
    if loaded.cache is not None:
        loaded.cache.write(loaded.documents)


def preview_articles(site: Site, root: Path, out: Path, changed: Sequence[Path],
                     lock: AbstractContextManager[Any] | None = None) -> list[str] | None:
    """Re-render just the pages of edited articles, with the last build's model, straight into
    ``out``: the dev server's way to show an edit at once. None when that would not be faithful
    (a new, removed or moved article, a new name, an error): then only a build will do."""
    positions = {article.rel: i for i, article in enumerate(site.articles)}
    articles = list(site.articles)
    bodies: dict[str, str] = {}
    for path in changed:
        rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else ""
        if rel not in positions or not path.is_file():
            return None
        source = SourceFile(rel, path.read_bytes())
        result = validate_source(source, site.settings)
        old = articles[positions[rel]]
        same_url = isinstance(result, Article) and (result.date, result.slug, result.draft, result.aliases) \
            == (old.date, old.slug, old.draft, old.aliases)
        if not isinstance(result, Article) or not same_url:
            return None
        try:
            tags, actors = site.tags.canonical(result.tags), site.actors.canonical(result.actors)
        except KeyError:
            return None  # a name the site has no page for yet
        bodies[rel] = result.body_html
        articles[positions[rel]] = replace(result, tags=tags, actors=actors, body_html="",
                                           digest=source.digest)
    preview = replace(site, articles=articles)
    env = layout_environment(root)
    pages: list[tuple[str, bytes]] = []
    try:
        for rel, body in bodies.items():
            job = article_job(preview, positions[rel])
            view = replace(job.context["article"], body_html=Markup(body))
            html = render(env, replace(job, context={**job.context, "article": view}), root / "layouts")
            pages.append((job.path, html))
    except TemplateFailed:
        return None
    with lock or nullcontext():
        for site_path, data in pages:
            write_atomic_bytes(output_file(out, site_path), data)
    return [site_path for site_path, _ in pages]


# -- loading -----------------------------------------------------------------------------------

def load_documents(entries: Sequence[SourceEntry], cached: dict[str, CachedDocument], settings: Settings,
                   workers: int, store: BodyStore | None, salt: str, progress: Progress | None = None,
                   ) -> tuple[dict[str, CachedDocument], int, dict[str, Any]]:
    """Every content file's validated result: from the cache when its size and mtime (or its
    bytes) are unchanged, else parsed, in a process pool when there are many.
    -> (documents, how many were parsed, the cached results of files parsed again or gone)."""
    documents: dict[str, CachedDocument] = {}
    stale: list[tuple[SourceEntry, str]] = []
    for entry in entries:
        old = cached.get(entry.rel)
        if old is not None and (old.size, old.mtime_ns) == (entry.size, entry.mtime_ns):
            documents[entry.rel] = old
        else:
            stale.append((entry, old.digest if old else ""))
    parsed = 0
    replaced: dict[str, Any] = {}
    items = [(entry, known, settings) for entry, known in stale]
    bodies: list[tuple[str, str]] = []
    progress = progress or Silent()
    progress.start("reading", len(items))
    for entry, (digest, result, body, shape) in zip(
            [e for e, _ in stale], _map(load_document, items, workers, parallel=len(items) >= PARALLEL_FROM,
                                        chunksize=CHUNK), strict=True):
        if result is None:  # same bytes as the cached document: only the mtime moved
            old = cached[entry.rel]
            result, shape = old.result, (old.timeline, old.names)
        else:
            parsed += 1
            if entry.rel in cached:
                replaced[entry.rel] = cached[entry.rel].result
            if body is not None:
                bodies.append((body_key(digest, salt), body))
        documents[entry.rel] = CachedDocument(entry.size, entry.mtime_ns, digest, result, *shape)
        progress.advance()
        if store is not None and len(bodies) >= 512:
            store.put_many(bodies)
            bodies = []
    if store is not None:
        store.put_many(bodies)
    progress.stop()
    for rel in cached.keys() - documents.keys():  # removed files: a rebuild needs to know what they were
        replaced[rel] = cached[rel].result
    return documents, parsed, replaced


def load_document(item: tuple[SourceEntry, str, Settings]) -> tuple[str, Any, str | None, tuple[str, str]]:
    """(digest, validated result or None when the bytes match ``known``, rendered body, hash of
    an article's timeline fields and of its names)."""
    entry, known, settings = item
    source = read_entry(entry)
    if isinstance(source, SourceError):
        return "", [source], None, ("", "")
    if source.digest == known:
        return known, None, None, ("", "")
    result = validate_source(source, settings)
    if isinstance(result, Article):
        body, result = result.body_html, replace(result, body_html="", digest=source.digest)
        return source.digest, result, body, article_shape(result)
    return source.digest, result, None, ("", "")


def validate_source(source: SourceFile, settings: Settings) -> Article | Profile | list[SourceError]:
    doc = parse_document(source)
    if isinstance(doc, list):
        return doc
    if source.rel.startswith("content/actors/"):
        return validate_profile(doc, True, settings.allow_html)
    if source.rel.startswith("content/tags/"):
        return validate_profile(doc, False, settings.allow_html)
    return validate_article(doc, settings.zone, settings.allow_html)


# -- writing -----------------------------------------------------------------------------------

def _write_site(site: Site, root: Path, out: Path, options: BuildOptions, store: BodyStore,
                previous: PageState, workers: int, timings: dict[str, float], only: Dirty | None,
                markers: tuple[Path, Path], static_changed: bool = True) -> tuple[PageState, int, int, str]:
    """-> (the new record of pages, pages rendered, pages checked, what became of search).
    ``markers``: the stamp, removed, and the unrecorded mark, made, just before the commit."""
    # A rebuild writes only what changed over the previous site, when there is a record of it;
    # when only some pages can have changed (``only``), the set of files is the same but for the
    # search bundles that are replaced, the pages of URLs that moved, and static files (a layout
    # edit together with static files: those removed are looked for in the whole site).
    overlay = bool(previous.keys) and (out / "index.html").is_file()
    prune: list[str] | None = [] if overlay and only is not None and not static_changed else None
    staging = Staging(out, overlay=overlay, prune=prune)
    mark = time.perf_counter()
    try:
        staging.create()
        state, rendered, checked = write_pages(site, root, staging, store, previous, workers, options.search,
                                               options.progress, only if overlay else None)
        staging.copy_tree(STATIC_ASSETS, "assets")
        if (root / "static").is_dir():
            staging.copy_tree(root / "static")
        staging.write(".nojekyll", b"")
        timings["render"] = time.perf_counter() - mark
        search = "off"
        if options.search and not options.refresh_search and previous.search.shards:
            staging.keep_previous_tree(BUNDLE)  # stale until the next build that refreshes it
            state.search = previous.search
            search = "stale"
        elif options.search:
            mark = time.perf_counter()
            search = _index_search(site, staging, root, options, previous, state, workers)
            timings["search"] = time.perf_counter() - mark
        stamp, unrecorded = markers
        stamp.unlink(missing_ok=True)
        if options.cache:
            unrecorded.parent.mkdir(parents=True, exist_ok=True)
            unrecorded.touch()
        with options.commit_lock or nullcontext():
            staging.commit()
        if staging.overlay:
            state.size = previous.size + staging.size_delta if previous.size else folder_size(out)
        else:
            state.size = staging.placed  # the new site is the staging folder
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
    return state, rendered, checked, search


def _index_search(site: Site, staging: Staging, root: Path, options: BuildOptions, previous: PageState,
                  state: PageState, workers: int) -> str:
    """One Pagefind bundle per year and one for the newest month (builder.indexes.search_shards),
    and the patch bundle of the pages changed since theirs was made: only what changed is indexed."""
    shards: dict[str, dict[str, str]] = {}
    for name, positions in search_shards(site.articles).items():
        paths = (article_path(site.articles[position]) for position in positions)
        shards[name] = {path: state.search_keys[path] for path in paths}
    limit = site.settings.search_patch_pages if _search_page_merges_the_patch(root) else 0
    before, cache = previous.search, root / CACHE / "search"
    after, indexed = index_shards(shards, cache, workers, before, staging.final_file, limit)
    bundles = {**after.shards, PATCH: after.patch} if after.patch else after.shards
    in_place = {**before.shards, PATCH: before.patch}
    newest = next(reversed(shards), "")
    for name, digest in sorted(bundles.items()):
        if staging.overlay and in_place.get(name) == digest:
            staging.keep_previous_tree(f"{BUNDLE}/{name}")
        else:
            # Only the newest bundle is loaded by the search page: the merged ones need no code.
            staging.link_tree(cache / digest, f"{BUNDLE}/{name}",
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


def _search_page_merges_the_patch(root: Path) -> bool:
    """Layouts from before the patch: a search.html without ``data-api`` loads the bundle's own
    module, and a pagefind.js that does not read ``patch`` knows nothing of it. Either way a
    changed article's whole shard is indexed again, as before."""
    def override(name: str) -> str | None:
        path = root / "layouts" / name
        return path.read_text("utf-8", errors="replace") if path.is_file() else None

    search_page, api = override("search.html"), override("pagefind.js")
    return (search_page is None or "data-api" in search_page) and (api is None or "patch" in api)


@dataclass(frozen=True)
class RenderPlan:
    """What render workers need, set before the pool forks: they inherit it, compiled layouts
    and site model included, and are sent page numbers only."""

    specs: list[PageSpec]
    previous: dict[str, str]  # the previous build's page keys
    previous_search: dict[str, str]  # and search keys
    salt: str  # for templates without a digest of their own
    per_template: dict[str, str]
    env: Environment
    root: Path
    layouts: Path  # root / "layouts", for the error messages of templates that fail
    staging: Staging
    store_path: Path
    body_salt: str
    allow_html: bool
    search: bool  # without a search index no page needs a search key


_plan: list[RenderPlan] = []  # the plan of the write_pages under way (in workers: inherited)
_store: dict[tuple[int, Path], BodyStore] = {}  # this process's body store: SQLite connections do not survive a fork


@dataclass
class ChunkDone:
    pages: list[tuple[str, str, str, tuple[int, ...]]]  # (path, key, search key, refs)
    errors: list[SourceError]
    rendered: int
    placed: int  # bytes put in the staging folder
    pid: int  # the process that did it: a worker's staging is a copy of the parent's


def write_pages(site: Site, root: Path, staging: Staging, store: BodyStore, previous: PageState,
                workers: int, search: bool, progress: Progress | None = None,
                only: Dirty | None = None) -> tuple[PageState, int, int]:
    """Compute every page's view and key (or only those of the pages in ``only``, keeping the
    others' records), render those whose key changed and link the others from the previous
    site. Views, keys and rendering all happen in the worker processes, which inherit the site
    model when they fork: the parent sends them page numbers, never page data.
    -> (the new record of pages, pages rendered, pages checked)."""
    # The site-wide view (builder.views.SiteView) follows from the settings and the search flag.
    salt = f"{__version__}:{layouts_digest(root / 'layouts')}:{site.settings!r}:{search}"
    # A page's key depends on the layouts it uses, not all of them: editing the tag page's layout
    # re-renders the tag pages only.
    env = layout_environment(root)
    per_template = {name: f"{__version__}:{digest}:{site.settings!r}:{search}"
                    for name, digest in template_digests(env).items()}
    specs = site_pages(site, search, only.wants if only else None)
    chosen = [i for i, spec in enumerate(specs) if only is None or spec in only]
    state = PageState() if only is None else PageState(dict(previous.keys), refs=dict(previous.refs),
                                                       search_keys=dict(previous.search_keys),
                                                       topics=dict(previous.topics))
    if only is not None:
        _drop_gone_pages(specs, only, state, staging)
    state.topics.update((specs[i].path, specs[i].topic) for i in chosen)
    _plan[:] = [RenderPlan(specs, previous.keys, previous.search_keys, salt, per_template, env, root,
                           root / "layouts", staging,
                           store.path, _salt(site.settings), site.settings.allow_html, search)]
    errors: list[SourceError] = []
    rendered = 0
    progress = progress or Silent()
    progress.start("rendering", len(chosen))
    try:
        for done in _map(make_chunk, _chunks(chosen, CHUNK), workers, parallel=len(chosen) >= PARALLEL_FROM,
                         chunksize=1):
            errors += done.errors
            rendered += done.rendered
            if done.pid != os.getpid():
                staging.placed += done.placed
            for path, key, search_key, refs in done.pages:
                state.keys[path] = key
                state.refs[path] = refs
                if search_key:
                    state.search_keys[path] = search_key
            progress.advance(len(done.pages))
    finally:
        _plan.clear()
        progress.stop()
    if errors:
        raise BuildFailed(_collapse(errors))
    staging.keep.update(file_rel(path) for path in state.keys)  # what workers kept does not come back
    return state, rendered, len(chosen)


def _drop_gone_pages(specs: list[PageSpec], only: Dirty, state: PageState, staging: Staging) -> None:
    """A topic listed now lists all its pages: those it had before and has no more (an article's
    old URL, a name's last page) leave the record, and their files the site."""
    listed = {spec.path for spec in specs}
    for path, topic in list(state.topics.items()):
        if path not in listed and only.wants(topic):
            for record in (state.keys, state.refs, state.search_keys, state.topics):
                record.pop(path, None)
            staging.prune_under(os.path.dirname(file_rel(path)))


def make_chunk(indices: list[int]) -> ChunkDone:
    """In a worker: the views and keys of some pages; render those whose key changed."""
    [plan] = _plan
    store = _body_store(plan.store_path)
    done = ChunkDone([], [], 0, 0, os.getpid())
    placed = plan.staging.placed
    for index in indices:
        job = plan.specs[index].make()
        page = page_key(job, plan.per_template.get(job.template, plan.salt))
        indexed = plan.search and job.template == "article.html"
        if plan.previous.get(job.path) == page and plan.staging.link_previous(job.path):
            search_key = ""
            if indexed:  # the same page: the same key, or the key of the page in place
                search_key = plan.previous_search.get(job.path) or page_search_key(
                    plan.staging.final_file(job.path).read_bytes())
            done.pages.append((job.path, page, search_key, job.refs))
            continue
        try:
            job = _with_body(job, store, plan.root, plan.body_salt, plan.allow_html)
            html = render(plan.env, job, plan.layouts)
            plan.staging.write(job.path, html)
            done.pages.append((job.path, page, page_search_key(html) if indexed else "", job.refs))
            done.rendered += 1
        except TemplateFailed as failed:
            done.errors.append(failed.error)
    done.placed = plan.staging.placed - placed
    return done


def _body_store(path: Path) -> BodyStore:
    key = (os.getpid(), path)
    if key not in _store:
        for (pid, _), old in _store.items():
            if pid == os.getpid():  # the store of other settings: closed (one inherited is let be)
                old.close()
        _store.clear()
        _store[key] = BodyStore(path)
    return _store[key]


def _collapse(errors: list[SourceError], shown: int = 3) -> list[SourceError]:
    """One broken layout fails every page that uses it: show a few, then count the rest."""
    groups: dict[tuple[str, int, str], list[SourceError]] = {}
    for error in errors:
        message = error.message.split(": ", 1)[-1]
        groups.setdefault((error.path, error.line, message), []).append(error)
    result: list[SourceError] = []
    for (path, line, message), group in groups.items():
        result += sorted(group)[:shown]
        if len(group) > shown:
            result.append(SourceError(path, line, 0, "", f"... and {len(group) - shown} more pages with "
                                      f"the same error: {message}"))
    return result


def page_key(job: Job, salt: str) -> str:
    """A hash of everything a page shows: its template, the layouts, the settings, its view data."""
    digest = hashlib.sha1(salt.encode())
    # "site" is the same on every page and part of the salt: not pickled 100,000 times.
    context = {name: value for name, value in job.context.items() if name != "site"}
    _KeyPickler(digest).dump((job.path, job.template, context))
    return digest.hexdigest()


def _fields(value: Any) -> tuple[type, tuple[Any, ...]]:
    return type(value), tuple(value.__dict__.values())


class _KeyPickler(pickle.Pickler):
    """Pickles view values as their class and field values: 40% faster than the default way,
    and a key is never read back."""

    def __init__(self, digest: Any) -> None:
        super().__init__(_HashWriter(digest), protocol=4)
        self.dispatch_table = _REDUCERS


def _link_key(link: ArticleLink) -> tuple[type, tuple[bytes]]:
    return ArticleLink, (link.key,)


_REDUCERS: dict[type, Callable[[Any], Any]] = {**{kind: _fields for kind in VIEW_TYPES}, ArticleLink: _link_key}


class _HashWriter:
    def __init__(self, digest: Any) -> None:
        self.write = digest.update


def _with_body(job: Job, store: BodyStore, root: Path, salt: str, allow_html: bool) -> Job:
    """Article pages get their body from the store, or from the source file when it is missing."""
    view = job.context.get("article")
    if view is None or not getattr(view, "body_digest", ""):
        return job
    html = store.get(body_key(view.body_digest, salt))
    if html is None:
        doc = parse_document(SourceFile(view.source_rel, (root / view.source_rel).read_bytes()))
        html = render_markdown(doc.body, allow_html).html if not isinstance(doc, list) else ""
    return replace(job, context={**job.context, "article": replace(view, body_html=Markup(html))})


def layout_environment(root: Path, keep_compiled: bool = True) -> Environment:
    """The Jinja environment of the project's layouts, compiled once per process and kept
    compiled in the cache between builds (not by ``archive check``, which writes nothing)."""
    return shared_environment(root / "layouts", layouts_digest(root / "layouts"),
                              root / CACHE / "jinja" if keep_compiled else None)


_template_digests: weakref.WeakKeyDictionary[Environment, dict[str, str]] = weakref.WeakKeyDictionary()


def template_digests(env: Environment) -> dict[str, str]:
    """Each template's hash together with every template it extends, includes or imports."""
    if env not in _template_digests:  # an environment's templates never change
        _template_digests[env] = _template_digests_of(env)
    return _template_digests[env]


def _template_digests_of(env: Environment) -> dict[str, str]:
    sources: dict[str, str] = {}
    references: dict[str, set[str] | None] = {}
    for name in env.list_templates():
        try:
            source = env.loader.get_source(env, name)[0] if env.loader else ""
            found = set(meta.find_referenced_templates(env.parse(source)))
        except TemplateError:
            source, found = "", set()
        sources[name] = source
        references[name] = None if None in found else {n for n in found if isinstance(n, str)}
    everything = hashlib.sha256("\0".join(f"{n}\0{sources[n]}" for n in sorted(sources)).encode()).hexdigest()
    digests: dict[str, str] = {}
    for name in sources:
        seen, stack = set(), [name]
        while stack:
            current = stack.pop()
            if current in seen:
                continue
            seen.add(current)
            refs = references.get(current, set())
            if refs is None:  # a computed template name: it may use any template
                seen = set(sources)
                break
            stack += [r for r in refs if r in sources]
        text = "\0".join(f"{n}\0{sources[n]}" for n in sorted(seen))
        digests[name] = hashlib.sha256(text.encode()).hexdigest() if seen != set(sources) else everything
    return digests


def layouts_digest(layouts: Path) -> str:
    """A hash of every layout the build can use, the project's and the built-in ones."""
    digest = hashlib.sha256()
    for folder in (layouts, BUILTIN_LAYOUTS):
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            if path.is_file():
                digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _fingerprint(inputs: str, options: BuildOptions, documents: dict[str, CachedDocument]) -> str:
    """The whole input of a build: when it is unchanged, so is the site."""
    digest = hashlib.sha256(f"{inputs}:{options.refresh_search}".encode())
    for rel in sorted(documents):
        digest.update(f"{rel}:{documents[rel].digest}".encode())
    return digest.hexdigest()


def _base(inputs: str, documents: dict[str, CachedDocument]) -> str:
    """The input but for articles: settings, layouts, profiles. (Whether the dev server refreshes
    search now or later changes no page: ``inputs`` leave it out.)"""
    digest = hashlib.sha256(inputs.encode())
    for rel in sorted(documents):
        if not isinstance(documents[rel].result, Article):
            digest.update(f"{rel}:{documents[rel].digest}".encode())
    return digest.hexdigest()


def _input_digest(root: Path, options: BuildOptions, settings: Settings, static: str = "") -> str:
    """Everything a build reads but the content files: version, settings, flags, layouts, static
    files (``static``: their _static_digest, when just made)."""
    digest = hashlib.sha256(_view_input(options, settings).encode())
    digest.update(layouts_digest(root / "layouts").encode())
    digest.update((static or _static_digest(root)).encode())
    return digest.hexdigest()


def _view_input(options: BuildOptions, settings: Settings) -> str:
    """What pages' view data depend on but content files: not layouts nor static files."""
    return f"{__version__}:{settings!r}:{options.drafts}:{options.search}"


def _static_digest(root: Path) -> str:
    """The built-in assets and the project's static files, by path, size and mtime."""
    digest = hashlib.sha256()
    for folder in (STATIC_ASSETS, root / "static"):
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            if path.is_file():
                stat = path.stat()
                digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def _salt(settings: Settings) -> str:
    """What parsing depends on besides the file: the builder version and two settings."""
    return hashlib.sha1(f"{__version__}:{settings.timezone}:{settings.allow_html}".encode()).hexdigest()


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _map(function: Callable[[T], R], items: Iterable[T], workers: int, *, parallel: bool,
         chunksize: int) -> Iterator[R]:
    """``map`` over a process pool when the work is large enough to pay for it."""
    if not parallel or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        # Not map(): a StopIteration escaping ``function`` would end map's iteration quietly
        # (pages left unrendered); raised in this generator it becomes a RuntimeError.
        for item in items:
            yield function(item)
        return
    # Forked workers share the parent's memory (the site model, the render plan) for free, as
    # long as nothing writes to it: frozen objects are left alone by the workers' garbage
    # collector, which would otherwise walk (and so copy) all of them.
    gc.freeze()
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                                 initializer=_start_worker) as pool:
            yield from pool.map(function, items, chunksize=chunksize)
    finally:
        gc.unfreeze()


def _start_worker() -> None:
    forget_inherited_locks()
    gc.set_threshold(*COLLECT_EVERY)  # as the build that forked it (a pool outside one too)
