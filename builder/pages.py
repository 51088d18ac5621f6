"""Rendering the pages: every page's view and key (or only those a rebuild can have changed),
in forked workers; the pages whose key changed are rendered and staged, the others kept from the
previous site. Also the dev server's quick preview of edited articles."""

from __future__ import annotations

import hashlib
import os
import pickle
import time
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from builder.cache import FORMAT as __version__  # the builder version and a hash of its code
from builder.cache import BodyStore, PageState, body_key
from builder.errors import BuildFailed, SourceError
from builder.frontmatter import parse_document
from builder.inputs import READS_SEARCH, layout_environment, parse_salt, template_digests
from builder.load import validate_source
from builder.markdown import render_markdown
from builder.metrics import TemplateTimes
from builder.model import Article
from builder.progress import Progress, step
from builder.rebuild import Dirty
from builder.render import Layouts, TemplateFailed, render
from builder.routes import output_file
from builder.search import page_search_key
from builder.site import Site
from builder.source import SourceFile, read_regular
from builder.views import VIEW_TYPES, ArticleLink, Job, PageSpec, article_job, plural, site_pages
from builder.workers import CHUNK, PARALLEL_FROM, chunks, pool_map
from builder.write import Staging, file_rel, same_bytes, write_atomic_bytes


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
    base_path: str  # bodies' root-relative links go under it
    search: bool  # without a search index no page needs a search key


_plan: list[RenderPlan] = []  # the plan of the write_pages under way (in workers: inherited)
_store: dict[tuple[int, Path], BodyStore] = {}  # this process's body store: SQLite connections do not survive a fork


@dataclass
class ChunkDone:
    pages: list[tuple[str, str, str, tuple[int, ...]]]  # (path, key, search key, refs)
    errors: list[SourceError]
    rendered: list[str]  # the site paths of the pages rendered (the others were kept)
    templates: dict[str, TemplateTimes] = field(default_factory=dict)


@dataclass
class PagesWritten:
    state: PageState  # the new record of pages
    rendered: list[str]  # the paths of the pages rendered
    checked: int  # pages whose view and key were computed
    templates: dict[str, TemplateTimes]  # the time each template's pages took (--timings)


def write_pages(site: Site, root: Path, staging: Staging, store: BodyStore, previous: PageState,
                workers: int, search: bool, progress: Progress | None,
                only: Dirty | None, layouts: Layouts) -> PagesWritten:
    """Compute every page's view and key (or only those of the pages in ``only``, keeping the
    others' records), render those whose key changed and link the others from the previous
    site. Views, keys and rendering all happen in the worker processes, which inherit the site
    model when they fork: the parent sends them page numbers, never page data."""
    # The site-wide view (builder.views.base.SiteView) follows from the settings and the search flag.
    salt = f"{__version__}:{layouts.digest}:{site.settings!r}:{search}"
    # A page's key depends on the layouts it uses, not all of them: editing the tag page's layout
    # re-renders the tag pages only.
    env = layout_environment(root, layouts=layouts)
    per_template = {name: f"{__version__}:{digest}:{site.settings!r}" + (f":{search}" if digest.endswith(READS_SEARCH)
                                                                          else "")
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
                           store.path, parse_salt(site.settings), site.settings.allow_html,
                           site.settings.base_path, search)]
    errors: list[SourceError] = []
    rendered: list[str] = []
    templates: dict[str, TemplateTimes] = {}
    chunked = pool_map(make_chunk, chunks(chosen, CHUNK), workers, parallel=len(chosen) >= PARALLEL_FROM, chunksize=1)
    try:
        with step(progress, "rendering", len(chosen)) as shown:
            for done in chunked:
                errors += done.errors
                rendered += done.rendered
                for name, times in done.templates.items():
                    templates.setdefault(name, TemplateTimes()).merge(times)
                for path, key, search_key, refs in done.pages:
                    state.keys[path] = key
                    state.refs[path] = refs
                    if search_key:
                        state.search_keys[path] = search_key
                    else:
                        state.search_keys.pop(path, None)
                shown.advance(len(done.pages))
    finally:
        _plan.clear()
    if errors:
        raise BuildFailed(collapse(errors))
    staging.keep.update(file_rel(path) for path in state.keys)  # what workers kept does not come back
    return PagesWritten(state, rendered, len(chosen), templates)


def _drop_gone_pages(specs: list[PageSpec], only: Dirty, state: PageState, staging: Staging) -> None:
    """A topic listed now lists all its pages: those it had before and has no more (an article's
    old URL, a name's last page) leave the record, and their files the site: a page's folder
    ("tags/x/"), or the file alone of a page named as a file ("old-story.html", "tags/x/feed.xml"),
    whose folder holds other things (at the top, the search index)."""
    listed = {spec.path for spec in specs}
    for path, topic in list(state.topics.items()):
        if path not in listed and only.wants(topic):
            for record in (state.keys, state.refs, state.search_keys, state.topics):
                record.pop(path, None)
            staging.prune_under(os.path.dirname(file_rel(path)) if path.endswith("/") else path)


def make_chunk(indices: list[int]) -> ChunkDone:
    """In a worker: the views and keys of some pages; render those whose key changed."""
    [plan] = _plan
    store = _body_store(plan.store_path)
    done = ChunkDone([], [], [])
    with store.reading():  # (one read transaction for the chunk's bodies)
        for index in indices:
            started = time.perf_counter()
            job = plan.specs[index].make()
            page = page_key(job, plan.per_template.get(job.template, plan.salt))
            times = done.templates.get(job.template) or done.templates.setdefault(job.template, TemplateTimes())
            viewed_at = time.perf_counter()
            times.checked += 1
            times.view_seconds += viewed_at - started
            indexed = plan.search and job.template == "article.html"
            if plan.previous.get(job.path) == page and plan.staging.link_previous(job.path):
                search_key = ""
                if indexed:  # the same page: the same key, or the key of the page in place
                    search_key = plan.previous_search.get(job.path) or page_search_key(
                        plan.staging.final_file(job.path).read_bytes())
                done.pages.append((job.path, page, search_key, job.refs))
                continue
            try:
                job = _with_body(job, store, plan)
                html = render(plan.env, job, plan.layouts)
                rendered_at = time.perf_counter()
                plan.staging.write(job.path, html)
                times.add_render(job.path, rendered_at - viewed_at, time.perf_counter() - rendered_at)
                done.pages.append((job.path, page, page_search_key(html) if indexed else "", job.refs))
                done.rendered.append(job.path)
            except TemplateFailed as failed:
                done.errors.append(failed.error)
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


def collapse(errors: list[SourceError], shown: int = 3) -> list[SourceError]:
    """One broken layout fails every page that uses it: show a few, then count the rest."""
    groups: dict[tuple[str, int, str], list[SourceError]] = {}
    for error in errors:
        message = error.message.split(": ", 1)[-1]
        groups.setdefault((error.path, error.line, message), []).append(error)
    result: list[SourceError] = []
    for (path, line, message), group in groups.items():
        result += sorted(group)[:shown]
        if len(group) > shown:
            # ("rendering 2 more pages" sorts after "rendering /...", the pages shown)
            result.append(SourceError(path, line, 0, "", f"template error while rendering "
                                      f"{plural(len(group) - shown, 'more page')}: the same error, {message}"))
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


def _with_body(job: Job, store: BodyStore, plan: RenderPlan) -> Job:
    """Article pages get their body from the store, or from the source file when it is missing."""
    view = job.context.get("article")
    if view is None or not getattr(view, "body_digest", ""):
        return job
    html = store.get(body_key(view.body_digest, plan.body_salt))
    if html is None:
        doc = parse_document(SourceFile(view.source_rel, (plan.root / view.source_rel).read_bytes()))
        html = render_markdown(doc.body, plan.allow_html, plan.base_path).html if not isinstance(doc, list) else ""
    return replace(job, context={**job.context, "article": replace(view, body_html=Markup(html))})


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
        try:
            data = read_regular(path) if rel in positions else None
        except OSError:  # gone, or unreadable: the build that follows says so
            data = None
        if data is None:
            return None
        source = SourceFile(rel, data)
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
        if any(t not in site.tag_index for t in tags) or any(a not in site.actor_index for a in actors):
            return None  # a name only a profile knows: in no index yet
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
    written = []
    with lock or nullcontext():
        for site_path, data in pages:
            target = output_file(out, site_path)
            if not same_bytes(target, data):  # (a save without a change: nothing to reload)
                write_atomic_bytes(target, data)
                written.append(site_path)
    return written
