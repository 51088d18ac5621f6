"""The build, as the list of its steps. Reads content, validates all of it, then renders."""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TypeVar

from builder.config import Settings, read_settings
from builder.errors import BuildFailed, SourceError
from builder.frontmatter import parse_document
from builder.model import Article, Profile, validate_article, validate_profile
from builder.render import BUILTIN_LAYOUTS, TemplateFailed, check_templates, make_environment, render
from builder.search import SearchFailed, index_site
from builder.site import Site, build_site
from builder.source import SourceFile, read_sources
from builder.views import Job, site_jobs
from builder.write import Staging

STATIC_ASSETS = Path(__file__).parent / "static"
PARALLEL_FROM = 200  # below this many files a process pool costs more than it saves
CHUNK = 64
CACHE = ".archive-cache"  # under the project root, git-ignored
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


@dataclass
class BuildResult:
    out: Path
    articles: int
    pages: int
    seconds: float
    timings: dict[str, float] = field(default_factory=dict)
    search: str = "off"  # off, indexed, or reused (nothing changed since the cached index)


def build(options: BuildOptions) -> BuildResult:
    """Build the site; on any error raise BuildFailed with all of them and leave ``out`` as it was."""
    started = time.perf_counter()
    timings: dict[str, float] = {}
    root = options.root.resolve()
    out = (options.out or root / "site").resolve()
    settings, errors = read_settings(root, options.base_url)
    workers = options.workers or os.cpu_count() or 1

    sources, source_errors = read_sources(root, root / "content")
    errors += source_errors
    articles, actor_profiles, tag_profiles, load_errors = load_documents(sources, settings, workers)
    errors += load_errors
    timings["load"] = time.perf_counter() - started
    site, site_errors = build_site(settings, articles, actor_profiles, tag_profiles, options.drafts)
    errors += site_errors
    env = make_environment(root / "layouts")
    errors += check_templates(env, root / "layouts")
    if errors or site is None:
        raise BuildFailed(errors)

    staging = Staging(out)
    staging.create()
    try:
        pages = write_pages(site, root, staging, workers, options.search)
        staging.copy_tree(STATIC_ASSETS, "assets")
        if (root / "static").is_dir():
            staging.copy_tree(root / "static")
        staging.write(".nojekyll", b"")
        timings["render"] = time.perf_counter() - started - timings["load"]
        search = "off"
        if options.search:
            mark = time.perf_counter()
            search = "reused" if index_site(staging.folder, root / CACHE / "search") else "indexed"
            timings["search"] = time.perf_counter() - mark
        staging.commit()
    except SearchFailed as failed:
        staging.abort()
        raise BuildFailed([failed.error]) from None
    except BaseException:
        staging.abort()
        raise
    return BuildResult(out, len(site.articles), pages, time.perf_counter() - started, timings, search)


# -- loading -----------------------------------------------------------------------------------

def load_documents(sources: Sequence[SourceFile], settings: Settings, workers: int,
                   ) -> tuple[list[Article], list[Profile], list[Profile], list[SourceError]]:
    articles: list[Article] = []
    actors: list[Profile] = []
    tags: list[Profile] = []
    errors: list[SourceError] = []
    items = [(source, settings) for source in sources]
    parallel = len(items) >= PARALLEL_FROM
    for result in _map(load_document, items, workers, parallel=parallel, chunksize=CHUNK):
        if isinstance(result, list):
            errors += result
        elif isinstance(result, Article):
            articles.append(result)
        elif result.kind == "tag":
            tags.append(result)
        else:
            actors.append(result)
    return articles, actors, tags, errors


def load_document(item: tuple[SourceFile, Settings]) -> Article | Profile | list[SourceError]:
    source, settings = item
    doc = parse_document(source)
    if isinstance(doc, list):
        return doc
    if source.rel.startswith("content/actors/"):
        return validate_profile(doc, True, settings.allow_html)
    if source.rel.startswith("content/tags/"):
        return validate_profile(doc, False, settings.allow_html)
    return validate_article(doc, settings.zone, settings.allow_html)


# -- rendering ---------------------------------------------------------------------------------

_worker_state: dict[str, object] = {}


def write_pages(site: Site, root: Path, staging: Staging, workers: int, search: bool) -> int:
    jobs = site_jobs(site, search)
    layouts = layouts_digest(root / "layouts")
    chunks = ((root, layouts, staging, chunk) for chunk in _chunks(jobs, CHUNK))
    pages = 0
    errors: list[SourceError] = []
    parallel = len(site.articles) >= PARALLEL_FROM
    for count, chunk_errors in _map(render_chunk, chunks, workers, parallel=parallel, chunksize=1):
        pages += count
        errors += chunk_errors
    if errors:
        raise BuildFailed(errors)
    return pages


def render_chunk(item: tuple[Path, str, Staging, list[Job]]) -> tuple[int, list[SourceError]]:
    root, layouts, staging, jobs = item
    env = _worker_state.get("env")
    if env is None or _worker_state.get("key") != (root, layouts):  # a changed layout: a new env
        env = make_environment(root / "layouts")
        _worker_state.update(env=env, key=(root, layouts))
    errors: list[SourceError] = []
    for job in jobs:
        try:
            staging.write(job.path, render(env, job, root / "layouts"))  # type: ignore[arg-type]
        except TemplateFailed as failed:
            errors.append(failed.error)
    return len(jobs), errors


def layouts_digest(layouts: Path) -> str:
    """A hash of every layout the build can use, the project's and the built-in ones."""
    digest = hashlib.sha256()
    for folder in (layouts, BUILTIN_LAYOUTS):
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            if path.is_file():
                digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


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
    with ProcessPoolExecutor(workers) as pool:
        yield from pool.map(function, items, chunksize=chunksize)
