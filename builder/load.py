"""Reading the content: settings, every content file (parsed only when it changed since the
cached copy, in a process pool when there are many), the site model and the layouts, validated,
with every error at once. What every build, and ``archive check``, starts from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from builder.cache import CACHE, BodyStore, CachedDocument, DocumentCache, body_key
from builder.config import Settings, read_settings
from builder.errors import SourceError
from builder.frontmatter import parse_document
from builder.inputs import input_digest, input_fingerprint, layout_environment, parse_salt
from builder.model import Article, Profile, Rejected, validate_article, validate_profile
from builder.progress import Progress, step
from builder.rebuild import article_shape
from builder.render import Layouts, check_templates
from builder.search import stop_if_asked
from builder.site import Site, build_site
from builder.source import SourceEntry, SourceFile, read_entry, scan_sources
from builder.stamps import untouched
from builder.workers import CHUNK, PARALLEL_FROM, pool_map

if TYPE_CHECKING:  # (the build's options: a build imports this module)
    from builder.pipeline import BuildOptions


@dataclass(frozen=True)
class Loaded:
    """Content and settings, validated: what every build, and ``archive check``, starts from."""

    settings: Settings
    site: Site | None  # None when content or settings have errors (layout errors may be beside it)
    errors: list[SourceError]
    documents: dict[str, CachedDocument]
    parsed: int
    inputs: str = ""  # hash of all the input but the content files (see input_digest)
    fingerprint: str = ""  # of the whole input (see input_fingerprint); when it was ``unless``, no site
    cache: DocumentCache | None = None  # where ``documents`` came from, and go back to
    replaced: dict[str, Any] = field(default_factory=dict)  # the cached results of files parsed again or gone
    # What a failed build renders a page of each layout of, for the layouts' own errors: the site,
    # or with errors in the content, the model of its valid files alone (None if it has errors too).
    trial: Site | None = None
    # The articles dated after the build's present, left out for now: (file, date), oldest first.
    held: tuple[tuple[str, datetime], ...] = ()


def load(root: Path, options: BuildOptions, workers: int, store: BodyStore | None,
         unless: str = "", scanned: tuple[list[SourceEntry], list[SourceError]] | None = None,
         inputs: str = "", read_cache: bool = False, layouts: Layouts | None = None) -> Loaded:
    """Settings, content and layouts, validated, with every error; parses only changed files
    (of ``scanned``, when the content folder was just scanned; ``inputs``: its input_digest,
    when just made). When the input's fingerprint is ``unless`` (that of the site in place),
    stops there. ``layouts``: as the build read them (else read now). Without a body store
    nothing is cached, but ``read_cache`` still takes the validated documents of unchanged files
    from the cache (``archive check``, which writes nothing)."""
    settings, errors = read_settings(root, options.base_url)
    salt = parse_salt(settings)
    entries, scan_errors = scanned or scan_sources(root, root / "content")
    errors += scan_errors
    cache = DocumentCache(root / CACHE, salt) if store or read_cache else None
    cached = cache.read() if cache else {}
    documents, parsed, replaced = load_documents(entries, cached, settings, workers, store, salt, options.progress)
    stop_if_asked(options.stop)  # (a search refresh an edit stopped)
    inputs = inputs or input_digest(root, options, settings)
    held = held_back(documents, options)
    # (an article whose date came is published by the next build, though no file changed)
    fingerprint = input_fingerprint(inputs, options, documents, [rel for rel, _ in held])
    if unless and fingerprint == unless and not errors:
        return Loaded(settings, None, [], documents, parsed, inputs, fingerprint, cache, replaced, held=held)
    articles: list[Article] = []
    actors: list[Profile] = []
    tags: list[Profile] = []
    partials: set[int] = set()  # (the ids of the documents read from files with errors)
    for document in documents.values():
        result = document.result
        if isinstance(result, list):
            errors += result
            partial = result.partial if isinstance(result, Rejected) else None
            if partial is not None:
                partials.add(id(partial))
            if isinstance(partial, Article):
                articles.append(partial)
            elif partial is not None:  # (by its folder: an actor's wrong kind may well be "tag")
                (tags if partial.rel.startswith("content/tags/") else actors).append(partial)
        elif isinstance(result, Article):
            articles.append(result)
        elif result.kind == "tag":
            tags.append(result)
        else:
            actors.append(result)
    until = None if options.future else options.now
    site, site_errors = build_site(settings, articles, actors, tags, options.drafts, until)
    errors += site_errors
    layout_errors = check_templates(layout_environment(root, options.cache, layouts), root / "layouts")
    # (the site model of valid content is kept beside layout errors: pages of the layouts that
    # did compile are rendered in memory for their own errors, listed with the others)
    trial: Site | None = site
    if partials:
        trial = _valid_only(settings, articles, actors, tags, partials, options.drafts, until)
    elif site_errors:  # (the valid files themselves clash: no model to try the layouts on)
        trial = None
    return Loaded(settings, site if not errors else None, errors + layout_errors, documents, parsed, inputs,
                  fingerprint, cache, replaced, trial, held)


def held_back(documents: dict[str, CachedDocument], options: BuildOptions) -> tuple[tuple[str, datetime], ...]:
    """The articles dated after the build's present, which wait for their date (an embargo, a
    scheduled story; or a typo in a year, which the build's summary then shows), oldest first."""
    if options.future or options.now is None:
        return ()
    now = options.now
    held = [(result.rel, result.date) for document in documents.values()
            if isinstance(result := document.result, Article) and result.date > now
            and (options.drafts or not result.draft)]
    return tuple(sorted(held, key=lambda item: (item[1], item[0])))


def _valid_only(settings: Settings, articles: list[Article], actors: list[Profile], tags: list[Profile],
                partials: set[int], drafts: bool, until: datetime | None) -> Site | None:
    """The site model of the content files without errors (what could be read of the others
    would make pages that fail where the real ones would not); None when even that model has
    errors (two valid files on one URL)."""
    def valid(items: list[Any]) -> list[Any]:
        return [item for item in items if id(item) not in partials]
    site, errors = build_site(settings, valid(articles), valid(actors), valid(tags), drafts, until)
    return None if errors else site


def save_documents(loaded: Loaded) -> None:
    if loaded.cache is not None:
        loaded.cache.write(loaded.documents)


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
    results = pool_map(load_document, items, workers, parallel=len(items) >= PARALLEL_FROM, chunksize=CHUNK)
    with step(progress, "reading", len(items)) as shown:
        for entry, (digest, result, body, shape) in zip([e for e, _ in stale], results, strict=True):
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
            shown.advance()
            if store is not None and len(bodies) >= 512:
                store.put_many(bodies)
                bodies = []
    if store is not None:
        store.put_many(bodies)
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


def refusal(rel: str, text: str, settings: Settings) -> str:
    """What the build would say of ``text`` as the content file ``rel`` ("" when it would take
    it): the commands that write content (``archive new``, ``archive import``) never leave a file
    that stops the next build."""
    result = validate_source(SourceFile(rel, text.encode("utf-8")), settings)
    if not isinstance(result, list):
        return ""
    return "; ".join(f"{error.field}: {error.message}" if error.field else error.message for error in result)


def _as_stub(result: Profile | list[SourceError], source: SourceFile) -> Profile | list[SourceError]:
    """An actor profile marked as a stub when it is still what the importer wrote: it holds only
    what the import found, so it must not give each of the thousands of names an import finds
    a page and a feed that ``actor_page_min`` would not (it still maps the actor's spellings)."""
    if isinstance(result, Profile) and untouched(source.data.decode("utf-8", "replace")):
        return replace(result, stub=True)
    return result


def validate_source(source: SourceFile, settings: Settings) -> Article | Profile | list[SourceError]:
    doc = parse_document(source)
    if isinstance(doc, list):
        return doc
    if source.rel.startswith("content/actors/"):
        return _as_stub(validate_profile(doc, True, settings.allow_html, settings.base_path), source)
    if source.rel.startswith("content/tags/"):
        return validate_profile(doc, False, settings.allow_html, settings.base_path)
    return validate_article(doc, settings.zone, settings.allow_html, settings.base_path)
