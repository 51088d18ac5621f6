"""The search index: Pagefind (from PyPI's pagefind-bin), one bundle per year of articles and
one for the newest month (builder.indexes.search_shards).

Only article pages carry ``data-pagefind-body``, so index, tag and actor pages stay out of the
results; filters (actor, tag, year, source), metadata and the date sort come from attributes in
the article layout.

Why shards: one Pagefind index of 100,000 pages needs more memory than this machine has, and
re-indexing everything for one edited article takes minutes. Each shard is indexed on its own
(``pagefind/2024/``, ``pagefind/2025/``, ``pagefind/2025-11/``...), from a scratch folder of hard
links to its article pages, and cached by a hash of those pages.

Why a patch: Pagefind cannot update a bundle, and indexing a year again for one edited article
takes a second at 10,000 articles and ten at 100,000. So a changed page (edited, added, moved or
gone) leaves its shard's bundle as it was and goes to the patch bundle (``pagefind/patch/``),
which Pagefind indexes in a few hundredths of a second; ``pagefind/patch.json`` lists the ids of
the stale versions, which the search page's API file (layouts/pagefind.js) takes out of results
and filter counts. When more than ``search_patch_pages`` pages wait in the patch, the shards with
the most changes are indexed again, and their pages leave it.

The search page loads the newest bundle and merges the others (Pagefind's ``mergeIndex``).
Reuse also keeps rebuilds byte-identical: Pagefind's filter files are not byte-stable between
two runs over the same pages (its maps are unordered).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Collection, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import suppress
from pathlib import Path

from builder.cache import Hidden, SearchBundles, newest_first
from builder.errors import SourceError
from builder.progress import Progress, step

BUNDLE = "pagefind"
PATCH = "patch"  # the bundle of the pages changed since their shard's bundle was made
_FRAGMENT_SIGNATURE = b"pagefind_dcd"


_UNUSED = ("pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.")
_PRIMARY_ONLY = ("pagefind-ui.", "pagefind.js", "pagefind-worker.js", "wasm.")


def is_unused(name: str) -> bool:
    """Pagefind's component and modular UIs and its highlight script: the search page uses the
    default UI and no page highlights terms (283 kB a bundle)."""
    return name.startswith(_UNUSED)


def is_primary_only(name: str) -> bool:
    """Pagefind's UI, its script, worker and WebAssembly: a bundle that is only merged into
    another's search never loads them (mergeIndex runs on the first bundle's code and
    WebAssembly), and they are 226 kB a bundle, 0.6 kB an article at 10,000 articles."""
    return name.startswith(_PRIMARY_ONLY) or is_unused(name)


class SearchFailed(Exception):
    def __init__(self, error: SourceError) -> None:
        self.error = error
        super().__init__(str(error))


class SearchStopped(Exception):
    """Indexing was stopped from outside (``stop``): the dev server's search refresh, when an edit
    comes in. The build stops with it and leaves the site as it was."""


def stop_if_asked(stop: threading.Event | None) -> None:
    """Raise SearchStopped once ``stop`` is set: a build looks between its steps, and indexing
    before each shard (at 100,000 articles, reading the content and planning took a stopped
    refresh 8-17 s, which an edit saved meanwhile waited for when only Pagefind looked)."""
    if stop is not None and stop.is_set():
        raise SearchStopped


def pagefind_executable() -> Path:
    try:
        from pagefind_bin import get_executable
    except ImportError as exc:  # pragma: no cover - a broken install
        raise SearchFailed(_error(f"pagefind-bin is not installed ({exc}); reinstall the package "
                                  "or build with --no-search")) from None
    return Path(get_executable())


def page_search_key(page: bytes) -> str:
    """An article page's search key: a hash of what Pagefind reads of it (search_copy: the
    article element, the title and the language; without the text of its ignored parts) and of
    this module, which cuts it and runs Pagefind. Neighbour links, related articles, the header
    and the footer are not in it: a new article next door, a new site footer, a new wording of
    the dateline or a new release of the builder that leaves the rest of the article element as
    it was makes no shard be indexed again."""
    digest = hashlib.sha1(_THIS_CODE)
    copy = search_copy(page) or page
    digest.update(without_ignored_text(copy) or copy)
    return digest.hexdigest()


def shard_digest(pages: Mapping[str, str]) -> str:
    """A hash of what Pagefind reads of a shard's pages, ``{site path: search key}``, and of
    Pagefind's version."""
    digest = hashlib.sha256(_version().encode())
    for key in sorted(f"{path}:{key}" for path, key in pages.items()):
        digest.update(key.encode() + b"\0")
    return digest.hexdigest()[:32]


def index_shards(shards: Mapping[str, Mapping[str, str]], cache: Path, workers: int, before: SearchBundles,
                 locate: Callable[[str], Path], patch_limit: int, in_site: bool = True,
                 damaged: Collection[str] = (), progress: Progress | None = None,
                 stop: threading.Event | None = None) -> tuple[SearchBundles, set[str]]:
    """Bundles for every shard, ``{name: {site path: search key}}``, given where a page's file is
    and the bundles in place (``in_site``: whether the site holds them) -> (the bundles now, the
    digests of those indexed now).

    A shard whose pages changed since its bundle was made keeps that bundle when the changes are
    few: the changed pages go to the patch bundle, which the search page merges too, and the
    bundle's stale versions of them are hidden from results (``SearchBundles.hidden``). Indexing
    an edited article of an older year then takes Pagefind a few hundredths of a second instead
    of its whole year's pages (about a second at 10,000 articles, ten at 100,000). At most
    ``patch_limit`` changed pages wait in the patch; beyond, the shards with the most changes are
    indexed again (0: always). The bundles named in ``damaged`` are not as they were in the site:
    their copies in the cache are checked as any other would be. Once ``stop`` is set, Pagefind
    is stopped and SearchStopped raised."""
    in_place = {*before.shards.values(), before.patch} - {""} if in_site else set()
    in_place -= {before.shards.get(name) or (before.patch if name == PATCH else "") for name in damaged}
    checked: dict[str, bool] = {}

    def cached(digest: str) -> bool:
        """A bundle in the cache, whole: one about to be copied into the site is checked against
        the digests of its files (a cache is never trusted; one in place is the site's own)."""
        if digest not in checked:
            whole = (cache / digest / "pagefind-entry.json").is_file() and (
                digest in in_place or bundle_is_whole(cache / digest))
            if not whole:
                shutil.rmtree(cache / digest, ignore_errors=True)
            checked[digest] = whole
        return checked[digest]

    def index(jobs: dict[str, Mapping[str, str]]) -> set[str]:
        missing = sorted(digest for digest in jobs if not cached(digest))
        if not missing:
            return set()
        pages = sum(len(jobs[digest]) for digest in missing)  # counted in pages, for a rate in pages/s
        with step(progress, "indexing", pages) as shown, ThreadPoolExecutor(max(1, min(workers, len(missing)))) as pool:
            running = {pool.submit(_index_one, [(path, locate(path)) for path in sorted(jobs[digest])],
                                   cache / digest, stop): digest for digest in missing}
            for done in as_completed(running):
                done.result()  # (Pagefind's failure, raised here)
                shown.advance(len(jobs[running[done]]))
        checked.update(dict.fromkeys(missing, True))
        return set(missing)

    digests = {name: shard_digest(pages) for name, pages in shards.items()}
    changed = _changed_pages(shards, digests, before, cached, patch_limit)
    hidden = _hidden_pages(changed, cache, before)  # takes out of ``changed`` a shard it cannot do
    after = SearchBundles(
        shards={name: before.shards[name] if name in changed else digests[name] for name in shards},
        pages={name: dict(before.pages[name]) if name in changed else dict(shards[name]) for name in shards},
        hidden=hidden)
    patch = {path: shards[name][path] for name, paths in changed.items() for path in paths if path in shards[name]}
    after.patch = shard_digest(patch) if patch else ""
    jobs = {digests[name]: shards[name] for name in shards if name not in changed}
    indexed = index({**jobs, after.patch: patch} if patch else jobs)
    # A page whose key changed but whose text did not (a link in it now leads to an actor's new
    # page) is the same page for Pagefind: its version in its shard's bundle stays, and the patch
    # is made again without it, or both would be found.
    same = _same_for_pagefind(after, patch, cache)
    if same:
        for name, paths in changed.items():
            after.pages[name].update({path: shards[name][path] for path in paths & same})
        patch = {path: key for path, key in patch.items() if path not in same}
        after.hidden = {path: hidden for path, hidden in after.hidden.items() if path not in same}
        after.patch = shard_digest(patch) if patch else ""
        indexed |= index({after.patch: patch} if patch else {})
    in_use = {*after.shards.values(), after.patch, *before.shards.values(), before.patch} - {""}
    _forget_unused(cache, in_use, keep=len(digests) + 1)  # one site's worth: its shards and a patch
    return after, indexed


def _changed_pages(shards: Mapping[str, Mapping[str, str]], digests: Mapping[str, str], before: SearchBundles,
                   cached: Callable[[str], bool], limit: int) -> dict[str, set[str]]:
    """The shards that keep the bundle in place, with their pages changed since it was made
    (edited, added, moved away, removed): those of shards whose pages are not all as in a cached
    bundle, and no more than ``limit`` pages in all, the shards with the most changes left out.
    A shard some of whose pages are now in another one (a month's pages leave their year's bundle
    when it becomes the newest month again) is indexed again: their versions in its bundle have
    the URL and often the id of those in the other bundle, so hiding them would hide both."""
    shard_of = {path: name for name, pages in shards.items() for path in pages}
    changed: dict[str, set[str]] = {}
    for name, pages in shards.items():
        base, indexed = before.shards.get(name, ""), before.pages.get(name)
        if limit and not cached(digests[name]) and base and indexed is not None and cached(base) \
                and all(shard_of.get(path, name) == name for path in indexed.keys() - pages.keys()):
            changed[name] = {path for path in pages.keys() | indexed.keys() if pages.get(path) != indexed.get(path)}
    while sum(map(len, changed.values())) > limit:
        del changed[max(changed, key=lambda name: (len(changed[name]), name))]
    return changed


def _same_for_pagefind(after: SearchBundles, patch: Mapping[str, str], cache: Path) -> set[str]:
    """The patch's pages whose fragment is the one of the version they would hide."""
    replacing = {f"/{path}": after.hidden[path].id for path in patch if path in after.hidden}
    found = _page_ids(cache / after.patch, set(replacing)) if replacing else {}
    return {url[1:] for url, (page_id, _) in found.items() if page_id == replacing[url]}


def patch_file(bundles: SearchBundles, url: str) -> bytes:
    """``pagefind/patch.json``, which the search page's API file reads before the first search:
    the patch bundle's URL ("" when there is none), and the ids of the stale pages it replaces in
    the other bundles, with their URL (an id is a short hash: another bundle's page may have the
    same), their filter values (so that filter counts leave them out too) and the name of their
    bundle (a sorted search asks it for its results at once, to take them out)."""
    names = {digest: name for name, digest in bundles.shards.items()}
    hidden = {entry.id: {"url": f"/{path}", "filters": entry.filters, "shard": names.get(entry.bundle, "")}
              for path, entry in bundles.hidden.items()}
    data = {"bundle": url if bundles.patch else "", "hidden": hidden}
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


def _hidden_pages(changed: dict[str, set[str]], cache: Path, before: SearchBundles) -> dict[str, Hidden]:
    """The stale versions, in the bundles kept, of the changed pages: their ids and filters, as the
    previous build found them or from the bundle's fragments. A shard where one cannot be found
    is taken out of ``changed`` (it is indexed again)."""
    hidden: dict[str, Hidden] = {}
    for name in sorted(changed):
        bundle = before.shards[name]
        stale = changed[name] & before.pages[name].keys()
        known = {path: before.hidden[path] for path in stale
                 if path in before.hidden and before.hidden[path].bundle == bundle}
        found = _page_ids(cache / bundle, {f"/{path}" for path in stale - known.keys()})
        if len(known) + len(found) < len(stale):
            del changed[name]
            continue
        hidden.update(known)
        hidden.update({url[1:]: Hidden(bundle, page_id, filters) for url, (page_id, filters) in found.items()})
    return hidden


def _page_ids(bundle: Path, urls: set[str]) -> dict[str, tuple[str, dict[str, list[str]]]]:
    """``{url: (page id, filters)}`` of the given pages of a bundle, read from its fragments (each
    a gzip of ``pagefind_dcd`` and the page's JSON, named by its id) until all are found."""
    found: dict[str, tuple[str, dict[str, list[str]]]] = {}
    fragments = sorted((bundle / "fragment").glob("*.pf_fragment")) if urls else []
    for fragment in fragments:
        try:
            data = gzip.decompress(fragment.read_bytes())
            record = json.loads(data.removeprefix(_FRAGMENT_SIGNATURE))
        except (OSError, EOFError, ValueError):
            continue
        if isinstance(record, dict) and record.get("url") in urls:
            found[record["url"]] = (fragment.name.removesuffix(".pf_fragment"), record.get("filters") or {})
            if len(found) == len(urls):
                break
    return found


def _index_one(pages: Sequence[tuple[str, Path]], bundle: Path, stop: threading.Event | None = None) -> None:
    """Index one shard: its pages as Pagefind reads them (search_copy, else a hard link) in a
    scratch folder, Pagefind, bundle to cache."""
    stop_if_asked(stop)
    bundle.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".shard-", dir=bundle.parent) as scratch:
        site = Path(scratch) / "site"
        for site_path, file in pages:
            target = site / site_path / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            copy = search_copy(file.read_bytes())
            if copy is not None:
                target.write_bytes(copy)
                continue
            try:
                os.link(file, target)
            except OSError:
                shutil.copyfile(file, target)
        _run_pagefind(site, stop)
        (site / BUNDLE / MANIFEST).write_text(_manifest(site / BUNDLE))
        shutil.rmtree(bundle, ignore_errors=True)
        os.rename(site / BUNDLE, bundle)


MANIFEST = ".manifest"  # in each cached bundle: its files' SHA-256, checked before it is reused


def _manifest(bundle: Path) -> str:
    return "".join(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.relative_to(bundle).as_posix()}\n"
                   for path in sorted(bundle.rglob("*")) if path.is_file() and path.name != MANIFEST)


def bundle_is_whole(bundle: Path) -> bool:
    """True when the bundle's files are those its manifest lists, byte for byte: a file truncated,
    overwritten, added or lost (a full disk, a killed copy, a hand edit) and it is indexed again."""
    try:
        return (bundle / MANIFEST).read_text() == _manifest(bundle)
    except (OSError, UnicodeDecodeError):
        return False


_BODY_MARK = b"data-pagefind-body"
_THIS_CODE = hashlib.sha1(Path(__file__).read_bytes()).digest()
_TAG_NAME = re.compile(rb"<([a-zA-Z][a-zA-Z0-9-]*)")
_TITLE = re.compile(rb"<title[\s>].*?</title>", re.DOTALL)


def search_copy(page: bytes) -> bytes | None:
    """The page as Pagefind needs it: its ``<html>`` tag (the language), its title, and the
    ``data-pagefind-body`` element in ``<body ...>``, without the metadata of the head nor the
    navigation, related lists and footer around the element. Pagefind parses every byte: an
    article page of 13.4 kB cut to 6 kB is indexed with 12% less CPU, into the same fragment.

    None (index the page as it is) unless the cut is certain: one ``<html``, ``<body`` and mark,
    an element whose tag opens and closes once in the whole page (so no nesting, comment or raw
    HTML can end it early), and no ``data-pagefind`` attribute outside it; the head is kept
    whole when it has one (a layout may take a filter or metadata from there)."""
    if page.count(_BODY_MARK) != 1 or page.count(b"<body") != 1 or page.count(b"<html") != 1:
        return None
    html = page.find(b">", page.find(b"<html")) + 1
    body_tag = page.find(b"<body")
    body = page.find(b">", body_tag) + 1
    start = page.rfind(b"<", 0, page.find(_BODY_MARK))
    name = _TAG_NAME.match(page, start)
    if not 0 < html <= body_tag < body <= start or name is None:
        return None
    opening = re.compile(rb"<" + re.escape(name.group(1)) + rb"[\s>/]")
    closing = b"</" + name.group(1) + b">"
    if len(opening.findall(page)) != 1 or page.count(closing) != 1:
        return None
    end = page.find(closing) + len(closing)
    if end < start or b"data-pagefind" in page[body:start] or b"data-pagefind" in page[end:]:
        return None
    if b"data-pagefind" in page[:body_tag]:
        head = page[:body_tag]
    else:
        title = _TITLE.search(page, html, body_tag)
        head = page[:html] + b"<head>" + (title.group(0) if title else b"") + b"</head>"
    return head + page[body_tag:body] + page[start:end] + b"</body></html>\n"


_TAG = re.compile(rb"<(/?)([A-Za-z][^\s/>]*)([^>]*)>")
_QUOTED = re.compile(rb"""(?:[^"']|"[^"]*"|'[^']*')*""")
_ATTRIBUTE = re.compile(rb"""([^\s=/>"']+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?""")
_IGNORE = b"data-pagefind-ignore"
# Where these are, text is not what it seems (comments, raw text) or moves (foreign content).
_UNCERTAIN = re.compile(rb"<(?:!--|!\[cdata\[|script|style|textarea|title|xmp|plaintext|noscript|noembed|noframes|"
                        rb"iframe|template|svg|math)", re.IGNORECASE)
_VOID = frozenset(b"area base br col embed hr img input link meta source track wbr".split())
# Inside an ignored element only phrasing content, whose end tags close nothing else, is cut:
# anything else (a <div> in a <p>, a second <a> in an <a>) can end the element early.
_PHRASING = frozenset(b"a abbr b bdi bdo br cite code data del dfn em i img ins kbd mark q s samp small "
                      b"span strong sub sup time u var wbr".split())


class _Uncertain(Exception):
    """An ignored element that may not end where its end tag is."""


def without_ignored_text(copy: bytes) -> bytes | None:
    """The page without what Pagefind does not read inside its ``data-pagefind-ignore``
    elements: their text and the tags of their phrasing content (checked: pages that differ only
    there give the same fragment and index). Kept are the elements' own tags and, whole, the
    elements inside them that Pagefind does read: filters and metadata, which count inside
    ignored elements, images (the page's image metadata) and ids. A layout edit to a dateline's
    wording then indexes no shard again.

    None (hash the page as it is) unless every ignored element is certain to end where its end
    tag is: phrasing content only, nested tag by tag, in a body without comments or raw text."""
    body = copy.find(b"<body")
    found = copy.find(_IGNORE, body)
    if body < 0 or found < 0 or _UNCERTAIN.search(copy, body):
        return None
    out, last = bytearray(), 0
    try:
        while found >= 0:
            tag = _TAG.match(copy, copy.rfind(b"<", body, found))
            if tag is None or tag.end() <= found:  # (the word in text)
                found = copy.find(_IGNORE, found + 1)
                continue
            names = _attribute_names(tag.group(3))
            if tag.group(1) or _IGNORE not in names or tag.group(2).lower() in _VOID:
                found = copy.find(_IGNORE, tag.end())
                continue
            out += copy[last:tag.end()]
            last = _cut_ignored(copy, tag, names, out)
            found = copy.find(_IGNORE, last)
    except _Uncertain:
        return None
    return bytes(out + copy[last:])


def _cut_ignored(copy: bytes, start: re.Match[bytes], names: set[bytes], out: bytearray) -> int:
    """Add to ``out`` what Pagefind reads inside the ignored element that ``start`` opens, up to
    its end tag; -> where that ends."""
    if start.group(3).rstrip().endswith(b"/"):
        raise _Uncertain
    read = _read_by_pagefind(names)
    open_tags = [(start.group(2).lower(), read)]  # (tag, whether Pagefind reads it)
    reading = int(read)  # how many of them it reads: their text is kept
    last = start.end()
    for tag in _TAG.finditer(copy, last):
        closing, name, attributes = tag.group(1), tag.group(2).lower(), tag.group(3)
        if reading:
            out += copy[last:tag.start()]
        last = tag.end()
        if closing:
            closed, read = open_tags.pop()
            if closed != name:
                raise _Uncertain
            reading -= read
            if read or not open_tags:  # (a read element's end, or the ignored element's own)
                out += b"</" + name + b">"
            if not open_tags:
                return last
            continue
        if name not in _PHRASING or (name == b"a" and any(t == b"a" for t, _ in open_tags)):
            raise _Uncertain
        names = _attribute_names(attributes) if b"data-pagefind" in attributes or b"id" in attributes else set()
        read = _read_by_pagefind(names) or b"id" in names  # (an id's element may be an anchor, with its text)
        if read or name == b"img":
            out += copy[tag.start():tag.end()]
        if name not in _VOID:
            if attributes.rstrip().endswith(b"/"):
                raise _Uncertain
            open_tags.append((name, read))
            reading += read
    raise _Uncertain  # never closed


def _attribute_names(attributes: bytes) -> set[bytes]:
    """A tag's attribute names; a quote left open means a ">" inside a value ended the tag early
    (as _TAG reads it): not certain."""
    if (b'"' in attributes or b"'" in attributes) and _QUOTED.fullmatch(attributes) is None:
        raise _Uncertain
    return {found.group(1).lower() for found in _ATTRIBUTE.finditer(attributes)}


def _read_by_pagefind(names: Collection[bytes]) -> bool:
    return any(name.startswith(b"data-pagefind-") and name != _IGNORE for name in names)


def _forget_unused(cache: Path, used: set[str], keep: int) -> None:
    """Bundles no longer in use (a shard's version before an edit, the other side of --drafts)
    stay for a quick undo, the last used first, but no more of them than ``keep`` (the number of
    bundles): at 100,000 articles a year's bundle is 12 MB, and keeping 60 whatever the size had
    made the search cache 1.8 GB."""
    folders = [p for p in cache.iterdir() if p.is_dir()] if cache.is_dir() else []
    for scratch in (p for p in folders if p.name.startswith(".shard-")):  # a killed build's (all indexing is done)
        shutil.rmtree(scratch, ignore_errors=True)
    entries = [p for p in folders if not p.name.startswith(".")]
    for bundle in entries:
        if bundle.name in used:
            with suppress(OSError):
                os.utime(bundle)  # last used now
    unused = newest_first(p for p in entries if p.name not in used)
    for stale in unused[keep:]:
        shutil.rmtree(stale, ignore_errors=True)


def _run_pagefind(folder: Path, stop: threading.Event | None = None) -> None:
    command = [str(pagefind_executable()), "--site", str(folder), "--output-subdir", BUNDLE]
    try:
        with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) as process:
            output = _output_unless_stopped(process, stop)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchFailed(_error(f"could not run Pagefind: {exc}")) from None
    output = output.strip()
    if process.returncode != 0 or "Error:" in output:
        raise SearchFailed(_error(f"Pagefind failed (exit {process.returncode}): {_last_lines(output)}"))


PAGEFIND_TIMEOUT = 3600
STOP_CHECK_SECONDS = 0.05


def _output_unless_stopped(process: subprocess.Popen[str], stop: threading.Event | None) -> str:
    """Pagefind's output once it ends; killed, and SearchStopped, once ``stop`` is set (checked
    every STOP_CHECK_SECONDS); killed, and TimeoutExpired, after PAGEFIND_TIMEOUT."""
    deadline = time.monotonic() + PAGEFIND_TIMEOUT
    while True:
        try:
            return process.communicate(timeout=STOP_CHECK_SECONDS if stop is not None else PAGEFIND_TIMEOUT)[0]
        except subprocess.TimeoutExpired:
            stopped = stop is not None and stop.is_set()
            if stopped or time.monotonic() > deadline:
                process.kill()
                process.communicate()
                if stopped:
                    raise SearchStopped from None
                raise


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("pagefind-bin")
    except Exception:  # any failure only means "unknown version"
        return "unknown"


def _last_lines(text: str, count: int = 8) -> str:
    return " | ".join(line.strip() for line in text.splitlines()[-count:] if line.strip())


def _error(message: str) -> SourceError:
    return SourceError("search index", 0, 0, "", message)
