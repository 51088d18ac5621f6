"""What a build reads besides the content files, hashed: the builder's version, settings,
flags, layouts (each template with those it uses) and static files. Equal hashes, equal output:
rebuilds and caches are keyed by them."""

from __future__ import annotations

import hashlib
import weakref
from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment, FileSystemBytecodeCache, TemplateError, meta

from builder.cache import CACHE, CachedDocument, read_pickle, write_pickle
from builder.cache import FORMAT as __version__  # the builder version and a hash of its code
from builder.config import Settings
from builder.model import Article
from builder.render import COMPILED_BY, Layouts, LayoutsLoader, read_layouts, shared_environment

if TYPE_CHECKING:  # (the build's options: a build imports this module)
    from builder.pipeline import BuildOptions


STATIC_ASSETS = Path(__file__).parent / "static"
# Ends the digest of a template that (with the layouts it uses) reads ``site.search_enabled``: only
# its pages depend on the --no-search flag (builder.pages.write_pages).
READS_SEARCH = ":search"


def layout_environment(root: Path, keep_compiled: bool = True, layouts: Layouts | None = None) -> Environment:
    """The Jinja environment of the project's layouts (``layouts``: as the build read them, else
    read now), compiled once per process and kept compiled in the cache between builds (not by
    ``archive check``, which writes nothing)."""
    return shared_environment(layouts or read_layouts(root / "layouts"),
                              root / CACHE / "jinja" if keep_compiled else None)


_template_digests: weakref.WeakKeyDictionary[Environment, dict[str, str]] = weakref.WeakKeyDictionary()


def template_digests(env: Environment) -> dict[str, str]:
    """Each template's hash together with every template it extends, includes or imports."""
    if env not in _template_digests:  # an environment's templates never change
        _template_digests[env] = _kept_template_digests(env)
    return _template_digests[env]


DIGESTS_KEPT = "template-digests.pickle"  # beside the compiled layouts


def _kept_template_digests(env: Environment) -> dict[str, str]:
    """``template_digests``, kept between builds beside the compiled layouts, under the digest of
    every layout file and what compiled them: parsing every layout for the ones it uses took
    0.08 s of each build on a slow day. A file that does not match its checksum is not used."""
    cache, loader = env.bytecode_cache, env.loader
    if not isinstance(cache, FileSystemBytecodeCache) or not isinstance(loader, LayoutsLoader):
        return _template_digests_of(env)
    path = Path(cache.directory) / DIGESTS_KEPT
    kept = read_pickle(path, loader.layouts.digest, COMPILED_BY)
    if isinstance(kept, dict):
        return kept
    digests = _template_digests_of(env)
    with suppress(OSError):  # a cache that cannot be written costs the parsing next time
        write_pickle(path, loader.layouts.digest, digests, COMPILED_BY)
    return digests


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
    everything += READS_SEARCH if any("search_enabled" in source for source in sources.values()) else ""
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
        reads = READS_SEARCH if "search_enabled" in text else ""
        digests[name] = hashlib.sha256(text.encode()).hexdigest() + reads if seen != set(sources) else everything
    return digests


def input_fingerprint(inputs: str, options: BuildOptions, documents: dict[str, CachedDocument],
                      held: Sequence[str] = ()) -> str:
    """The whole input of a build: when it is unchanged, so is the site. ``held``: the files of
    the articles held back until their date."""
    digest = hashlib.sha256(f"{inputs}:{options.refresh_search}:{options.search}:{sorted(held)}".encode())
    for rel in sorted(documents):
        digest.update(f"{rel}:{documents[rel].digest}".encode())
    return digest.hexdigest()


def base_digest(inputs: str, documents: dict[str, CachedDocument]) -> str:
    """The input but for articles: settings, layouts, profiles. (Whether the dev server refreshes
    search now or later changes no page: ``inputs`` leave it out.)"""
    digest = hashlib.sha256(inputs.encode())
    for rel in sorted(documents):
        if not isinstance(documents[rel].result, Article):
            digest.update(f"{rel}:{documents[rel].digest}".encode())
    return digest.hexdigest()


def input_digest(root: Path, options: BuildOptions, settings: Settings, static: str = "", layouts: str = "") -> str:
    """Everything a build reads but the content files: version, settings, flags, layouts, static
    files (``static``, ``layouts``: their static_digest and Layouts.digest, when just made)."""
    digest = hashlib.sha256(view_input(options, settings).encode())
    digest.update((layouts or read_layouts(root / "layouts").digest).encode())
    digest.update((static or static_digest(root)).encode())
    return digest.hexdigest()


def view_input(options: BuildOptions, settings: Settings) -> str:
    """What pages' view data depend on but content files: not layouts nor static files. Not the
    search flag either: it changes the pages of the templates that read it alone (READS_SEARCH,
    builder.rebuild.search_switched), not every page."""
    return f"{__version__}:{settings!r}:{options.drafts}:{options.future}"


def static_digest(root: Path) -> str:
    """The built-in assets and the project's static files, by path, size and mtime."""
    digest = hashlib.sha256()
    for folder in (STATIC_ASSETS, root / "static"):
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            if path.is_file():
                stat = path.stat()
                digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def parse_salt(settings: Settings) -> str:
    """What parsing depends on besides the file: the builder version and three settings (the
    base path: bodies' root-relative links go under it)."""
    key = f"{__version__}:{settings.timezone}:{settings.allow_html}:{settings.base_path}"
    return hashlib.sha1(key.encode()).hexdigest()
