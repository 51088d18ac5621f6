"""The build, as the list of its steps.

scan content -> load (parse only what changed) -> site model -> views -> render the pages whose
key changed (link the rest from the previous site) -> static files -> search index -> swap.
All errors are collected first; nothing is written unless there are none.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import AbstractContextManager, nullcontext, suppress
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
    PageState,
    body_key,
    build_lock,
    forget_inherited_locks,
    read_pickle,
    write_pickle,
)
from builder.config import Settings, read_settings
from builder.errors import BuildFailed, SourceError
from builder.frontmatter import parse_document
from builder.markdown import render_markdown
from builder.model import Article, Profile, validate_article, validate_profile
from builder.progress import Progress, Silent
from builder.render import BUILTIN_LAYOUTS, TemplateFailed, check_templates, make_environment, render
from builder.routes import article_path, output_file
from builder.search import BUNDLE, SearchFailed, index_shards, is_ui_asset
from builder.site import Site, build_site
from builder.source import SourceEntry, SourceFile, read_entry, scan_sources
from builder.views import Job, article_job, site_jobs
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


@dataclass
class BuildResult:
    out: Path
    articles: int
    pages: int
    seconds: float
    timings: dict[str, float] = field(default_factory=dict)
    search: str = "off"  # off, indexed, reused (nothing changed), or stale (kept for now)
    rendered: int = 0  # pages rendered this time; the others were unchanged
    parsed: int = 0  # content files parsed this time; the others came from the cache
    unchanged: bool = False  # nothing in the input changed: the previous site was kept as it is
    site: Site | None = field(default=None, repr=False)  # the model, for the dev server's previews
    size_bytes: int = 0  # the whole output, search included

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


def build(options: BuildOptions) -> BuildResult:
    """Build the site; on any error raise BuildFailed with all of them and leave ``out`` as it was."""
    started = time.perf_counter()
    root = options.root.resolve()
    out = (options.out or root / "site").resolve()
    cache_folder = root / CACHE
    with build_lock(cache_folder):
        return _build(options, root, out, cache_folder, started)


def _build(options: BuildOptions, root: Path, out: Path, cache_folder: Path, started: float) -> BuildResult:
    timings: dict[str, float] = {}
    workers = options.workers or os.cpu_count() or 1
    settings, _ = read_settings(root, options.base_url)
    salt = _salt(settings)
    store = BodyStore(cache_folder / f"bodies-{salt[:12]}.sqlite")
    try:
        loaded = load(root, options, workers, store if options.cache else None)
        timings["load"] = time.perf_counter() - started
        if loaded.errors or loaded.site is None:
            raise BuildFailed(loaded.errors)
        site = loaded.site
        pages_path = cache_folder / f"pages-{hashlib.sha1(str(out).encode()).hexdigest()[:12]}.pickle"
        previous = (read_pickle(pages_path, salt) if options.cache else None) or PageState()
        fingerprint = _fingerprint(root, options, settings, loaded.documents)
        if previous.fingerprint == fingerprint and (out / "index.html").is_file():
            _save_documents(cache_folder, salt, loaded, options)
            return BuildResult(out, len(site.articles), len(previous.keys), time.perf_counter() - started,
                               timings, "reused" if options.search else "off", 0, loaded.parsed, True, site)
        state, rendered, search = _write_site(site, root, out, options, store, previous, workers, timings)
        state.fingerprint = fingerprint
        if options.cache:
            write_pickle(pages_path, salt, state)
            _save_documents(cache_folder, salt, loaded, options)
            store.keep_only({body_key(a.digest, salt) for a in site.articles})
    finally:
        store.close()
    return BuildResult(out, len(site.articles), len(state.keys), time.perf_counter() - started, timings,
                       search, rendered, loaded.parsed, site=site, size_bytes=folder_size(out))


def load(root: Path, options: BuildOptions, workers: int, store: BodyStore | None) -> Loaded:
    """Settings, content and layouts, validated, with every error; parses only changed files."""
    settings, errors = read_settings(root, options.base_url)
    salt = _salt(settings)
    entries, scan_errors = scan_sources(root, root / "content")
    errors += scan_errors
    cached = (read_pickle(root / CACHE / "documents.pickle", salt) or {}) if store else {}
    documents, parsed = load_documents(entries, cached, settings, workers, store, salt, options.progress)
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
    errors += check_templates(make_environment(root / "layouts"), root / "layouts")
    return Loaded(settings, site if not errors else None, errors, documents, parsed)


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


def _save_documents(cache_folder: Path, salt: str, loaded: Loaded, options: BuildOptions) -> None:
    if options.cache and loaded.parsed:
        write_pickle(cache_folder / "documents.pickle", salt, loaded.documents)


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
    env = make_environment(root / "layouts")
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
                   ) -> tuple[dict[str, CachedDocument], int]:
    """Every content file's validated result: from the cache when its size and mtime (or its
    bytes) are unchanged, else parsed, in a process pool when there are many."""
    documents: dict[str, CachedDocument] = {}
    stale: list[tuple[SourceEntry, str]] = []
    for entry in entries:
        old = cached.get(entry.rel)
        if old is not None and (old.size, old.mtime_ns) == (entry.size, entry.mtime_ns):
            documents[entry.rel] = old
        else:
            stale.append((entry, old.digest if old else ""))
    parsed = 0
    items = [(entry, known, settings) for entry, known in stale]
    bodies: list[tuple[str, str]] = []
    progress = progress or Silent()
    progress.start("reading", len(items))
    for entry, (digest, result, body) in zip(
            [e for e, _ in stale], _map(load_document, items, workers, parallel=len(items) >= PARALLEL_FROM,
                                        chunksize=CHUNK), strict=True):
        if result is None:  # same bytes as the cached document: only the mtime moved
            result = cached[entry.rel].result
        else:
            parsed += 1
            if body is not None:
                bodies.append((body_key(digest, salt), body))
        documents[entry.rel] = CachedDocument(entry.size, entry.mtime_ns, digest, result)
        progress.advance()
        if store is not None and len(bodies) >= 512:
            store.put_many(bodies)
            bodies = []
    if store is not None:
        store.put_many(bodies)
    progress.stop()
    return documents, parsed


def load_document(item: tuple[SourceEntry, str, Settings]) -> tuple[str, Any, str | None]:
    """(digest, validated result or None when the bytes match ``known``, rendered body)."""
    entry, known, settings = item
    source = read_entry(entry)
    if isinstance(source, SourceError):
        return "", [source], None
    if source.digest == known:
        return known, None, None
    result = validate_source(source, settings)
    if isinstance(result, Article):
        body, result = result.body_html, replace(result, body_html="", digest=source.digest)
        return source.digest, result, body
    return source.digest, result, None


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
                previous: PageState, workers: int, timings: dict[str, float],
                ) -> tuple[PageState, int, str]:
    # A rebuild writes only what changed over the previous site, when there is a record of it.
    staging = Staging(out, overlay=bool(previous.keys) and (out / "index.html").is_file())
    mark = time.perf_counter()
    try:
        staging.create()
        state, rendered = write_pages(site, root, staging, store, previous, workers, options.search,
                                      options.progress)
        staging.copy_tree(STATIC_ASSETS, "assets")
        if (root / "static").is_dir():
            staging.copy_tree(root / "static")
        staging.write(".nojekyll", b"")
        timings["render"] = time.perf_counter() - mark
        search = "off"
        if options.search and not options.refresh_search and previous.shards:
            staging.keep_previous_tree(BUNDLE)  # stale until the next build that refreshes it
            state.shards = dict(previous.shards)
            search = "stale"
        elif options.search:
            mark = time.perf_counter()
            search = _index_search(site, staging, root, options, previous, state, workers)
            timings["search"] = time.perf_counter() - mark
        with options.commit_lock or nullcontext():
            staging.commit()
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
    return state, rendered, search


def _index_search(site: Site, staging: Staging, root: Path, options: BuildOptions, previous: PageState,
                  state: PageState, workers: int) -> str:
    """One Pagefind bundle per year (see builder.search); only changed years are indexed."""
    shards: dict[str, list[tuple[str, Path]]] = {}
    keys: dict[str, list[str]] = {}
    for article in site.articles:
        path, year = article_path(article), str(article.date.year)
        shards.setdefault(year, []).append((path, staging.final_file(path)))
        keys.setdefault(year, []).append(f"{path}:{state.search_keys[path]}")
    cache = root / CACHE / "search"
    digests, bundles, indexed = index_shards(shards, keys, cache, workers, previous.shards)
    newest = max(bundles, default="")
    for name, bundle in sorted(bundles.items()):
        if staging.overlay and previous.shards.get(name) == digests[name]:
            staging.keep_previous_tree(f"{BUNDLE}/{name}")
        else:
            # Only the newest year's bundle is loaded by the search page: the merged ones need no UI.
            staging.link_tree(bundle, f"{BUNDLE}/{name}", skip=None if name == newest else is_ui_asset)
    state.shards = digests
    return "indexed" if indexed else "reused"


_worker_state: dict[str, Any] = {}


def write_pages(site: Site, root: Path, staging: Staging, store: BodyStore, previous: PageState,
                workers: int, search: bool, progress: Progress | None = None) -> tuple[PageState, int]:
    """Render the pages whose key changed; link the others from the previous site."""
    salt = f"{__version__}:{layouts_digest(root / 'layouts')}:{site.settings!r}"
    # A page's key depends on the layouts it uses, not all of them: editing the tag page's layout
    # re-renders the tag pages only.
    per_template = {name: f"{__version__}:{digest}:{site.settings!r}"
                    for name, digest in template_digests(make_environment(root / "layouts")).items()}
    state = PageState()
    to_render: list[Job] = []
    for job in site_jobs(site, search):
        key = page_key(job, per_template.get(job.template, salt))
        state.keys[job.path] = key
        if job.template == "article.html":  # what the search index reads of the page
            state.search_keys[job.path] = _search_key(job, per_template.get(job.template, salt))
        if previous.keys.get(job.path) != key or not staging.link_previous(job.path):
            to_render.append(job)
    staging.keep.update(file_rel(path) for path in state.keys)  # workers' additions do not come back
    setup = (root, salt, store.path, _salt(site.settings), site.settings.allow_html, staging)
    chunks = ((setup, chunk) for chunk in _chunks(to_render, CHUNK))
    errors: list[SourceError] = []
    parallel = len(to_render) >= PARALLEL_FROM
    progress = progress or Silent()
    progress.start("rendering", len(to_render))
    for chunk_errors in _map(render_chunk, chunks, workers, parallel=parallel, chunksize=1):
        errors += chunk_errors
        progress.advance(CHUNK)
    progress.stop()
    if errors:
        raise BuildFailed(_collapse(errors))
    return state, len(to_render)


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


def _search_key(job: Job, salt: str) -> str:
    return hashlib.sha1(salt.encode() + pickle.dumps(job.context["article"], protocol=4)).hexdigest()


def page_key(job: Job, salt: str) -> str:
    """A hash of everything a page shows: its template, the layouts, the settings, its view data."""
    digest = hashlib.sha1(salt.encode())
    digest.update(pickle.dumps((job.path, job.template, job.context), protocol=4))
    return digest.hexdigest()


def render_chunk(item: tuple[tuple[Path, str, Path, str, bool, Staging], list[Job]]) -> list[SourceError]:
    (root, salt, store_path, body_salt, allow_html, staging), jobs = item
    key = (root, salt, store_path)
    if _worker_state.get("key") != key:  # a changed layout or setting: a new environment
        if "store" in _worker_state:
            _worker_state["store"].close()
        _worker_state.update(env=make_environment(root / "layouts"), key=key, store=BodyStore(store_path))
    env, store = _worker_state["env"], _worker_state["store"]
    errors: list[SourceError] = []
    for job in jobs:
        try:
            job = _with_body(job, store, root, body_salt, allow_html)
            staging.write(job.path, render(env, job, root / "layouts"))
        except TemplateFailed as failed:
            errors.append(failed.error)
    return errors


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


def template_digests(env: Environment) -> dict[str, str]:
    """Each template's hash together with every template it extends, includes or imports."""
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


def _fingerprint(root: Path, options: BuildOptions, settings: Settings,
                 documents: dict[str, CachedDocument]) -> str:
    """The whole input of a build: when it is unchanged, so is the site."""
    flags = f"{options.drafts}:{options.search}:{options.refresh_search}"
    digest = hashlib.sha256(f"{__version__}:{settings!r}:{flags}".encode())
    digest.update(layouts_digest(root / "layouts").encode())
    for folder in (STATIC_ASSETS, root / "static"):
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            if path.is_file():
                stat = path.stat()
                digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    for rel in sorted(documents):
        digest.update(f"{rel}:{documents[rel].digest}".encode())
    return digest.hexdigest()


def _salt(settings: Settings) -> str:
    """What parsing depends on besides the file: the builder version and two settings."""
    return hashlib.sha1(f"{__version__}:{settings.timezone}:{settings.allow_html}".encode()).hexdigest()


def _chunks(items: Iterable[Job], size: int) -> Iterator[list[Job]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _map(function: Callable[[T], R], items: Iterable[T], workers: int, *, parallel: bool,
         chunksize: int) -> Iterator[R]:
    """``map`` over a process pool when the work is large enough to pay for it."""
    if not parallel or workers < 2:
        yield from map(function, items)
        return
    with ProcessPoolExecutor(workers, initializer=forget_inherited_locks) as pool:
        yield from pool.map(function, items, chunksize=chunksize)
