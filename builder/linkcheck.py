"""Crawl a built site: every internal link, asset and anchor in every HTML page must resolve.

``check_links(site, base_url)`` reads each ``*.html`` file below ``site`` once and checks every
``href``, ``src``, ``srcset``, ``action``, ``formaction``, ``poster`` and ``<object data>``, and the
target of a ``<meta http-equiv="refresh">``:

* a relative or root-relative link must stay under the base path (``/repo/``) and resolve to a
  file of the site; a folder resolves to its ``index.html``; the query string is ignored;
* a fragment (``page/#id``) must name an element with that ``id``, or an ``<a name>``, in the
  target page (``#top`` and text fragments ``#:~:text=`` always work in browsers);
* ``http``, ``https``, ``mailto`` and ``tel`` links to other sites are not checked; any other
  scheme (``javascript:``, ``data:``...) is reported, and so is a protocol-relative link
  (``//repo/``, what a base URL of ``https://user.github.io//repo/`` made) to another host than
  the site's: it leaves the site, and the builder writes none;
* an absolute URL on the site's own origin (``https://user.github.io/repo/x/``) is checked as an
  internal path when it lies under the base path; ``<link rel="canonical">``,
  ``rel="alternate"`` and ``og:url`` must lie under it; ``og:image`` and ``twitter:image`` are
  checked as links;
* ``404.html`` is served at any missing URL, so it may not use relative paths;
* a link to this computer (``http://localhost:8000/...``, ``127.0.0.1``: the preview's address)
  is reported, when the site's own origin is known and is not one.

Pages are scanned with regular expressions, not a full HTML parser: the builder's output always
escapes ``<`` and ``>`` inside attribute values, which is all the scanner relies on. Comments and
the text of ``<script>`` and ``<style>`` are skipped. Large sites are checked in a process pool.
"""

from __future__ import annotations

import html
import ipaddress
import os
import posixpath
import re
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from urllib.parse import unquote, urlsplit

PARALLEL_FROM = 2000  # pages; below this a process pool costs more than it saves
CHUNK = 500
UNCHECKED_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
NOT_FOUND_PAGE = "404.html"

# A start tag; the builder's output never has a raw ">" in an attribute value.
_TAG = re.compile(r"<[a-zA-Z][^>]*>")
_TAG_NAME = re.compile(r"<([^\s/>]+)")
_ATTRIBUTE = re.compile(r"""(?<=[\s"'/])([^\s"'>/=]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)
_RAW_TEXT = re.compile(r"(<(script|style)\b[^>]*>).*?(</\2\s*>|$)", re.DOTALL | re.IGNORECASE)
_REFRESH = re.compile(r"""^\s*[\d.]*\s*[;,]?\s*(?:url\s*=\s*)?(["']?)(.*?)\1\s*$""",
                      re.IGNORECASE | re.DOTALL)
_LINK_ATTRIBUTES = frozenset({"href", "xlink:href", "src", "action", "formaction", "poster"})
_PREVIEW_IMAGES = frozenset({"og:image", "og:image:url", "og:image:secure_url", "twitter:image"})


@dataclass(frozen=True, order=True)
class LinkProblem:
    """One link on one page that does not resolve; ``page`` is relative to the site folder."""

    page: str
    link: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.link}: {self.reason}"


def check_links(site: Path, base_url: str = "/", workers: int = 0) -> list[LinkProblem]:
    """Every broken internal link, asset and anchor of every HTML page below ``site``, sorted.

    ``base_url`` is the URL the site was built for (``https://user.github.io/repo/``), or only its
    path (``/repo/``); with a full URL, absolute links to the site's own origin are checked too.
    """
    return crawl(site, base_url, workers)[0]


def crawl(site: Path, base_url: str = "/", workers: int = 0) -> tuple[list[LinkProblem], int]:
    """``check_links``, and the number of HTML pages crawled."""
    parts = urlsplit(base_url)
    origin = f"{parts.scheme}://{parts.netloc}".lower() if parts.scheme and parts.netloc else ""
    # Decoded, as every link's path is before it is compared: /archiv-f%C3%BCr-alle/ is /archiv-für-alle/.
    base_path = unquote(parts.path if parts.path.endswith("/") else parts.path + "/")
    files = _site_files(site)
    pages = sorted(f for f in files if f.endswith(".html"))
    workers = workers or os.cpu_count() or 1
    chunks = [(str(site), chunk) for chunk in _chunks(pages, CHUNK)]
    if len(pages) >= PARALLEL_FROM and workers > 1:
        with ProcessPoolExecutor(workers, initializer=_init, initargs=(files, base_path, origin)) as pool:
            results = list(pool.map(_check_chunk, chunks))
    else:
        _init(files, base_path, origin)
        results = [_check_chunk(chunk) for chunk in chunks]
    problems = {problem for chunk_problems, _ in results for problem in chunk_problems}
    anchors: dict[str, set[str]] = {}
    for _, pending in results:  # anchors in other pages: read only the pages linked to with one
        for page, link, target, fragment in pending:
            if target not in anchors:
                anchors[target] = scan_page(_read(str(site), target))[2]
            if not _has_anchor(anchors[target], fragment):
                problems.add(LinkProblem(page, link, _no_anchor(fragment)))
    return sorted(problems), len(pages)


# -- one worker's share ------------------------------------------------------------------------

_Pending = tuple[str, str, str, str]  # page, link, target page, fragment
_Outcome = tuple[str | None, str | None, str]  # problem, page whose anchors to check ("": this one), fragment



@dataclass(frozen=True)
class _Site:
    files: frozenset[str]  # every file, relative to the site folder
    base_path: str  # "/repo/"
    origin: str  # "https://user.github.io", or "" when only the base path is known


_site = _Site(frozenset(), "/", "")  # the site this process checks (each pool worker has its own)
_outcomes: dict[str, _Outcome] = {}  # by link, with the page's folder for relative links


def _init(files: frozenset[str], base_path: str, origin: str) -> None:
    global _site
    _site = _Site(files, base_path, origin)
    _outcomes.clear()
    _tags.clear()


def _check_chunk(item: tuple[str, Sequence[str]]) -> tuple[list[LinkProblem], list[_Pending]]:
    site, pages = item
    problems: list[LinkProblem] = []
    pending: list[_Pending] = []
    outcomes = _outcomes
    for page in pages:
        links, strict_links, ids = scan_page(_read(site, page))
        page_dir = page.rpartition("/")[0] + "/" if "/" in page else ""
        for strict, group in ((False, links), (True, strict_links)):
            for link in group:
                if page == NOT_FOUND_PAGE:
                    outcome = _outcome(link, page_dir, strict, served_anywhere=True)
                else:
                    key = link if link[:1] == "/" and link[:2] != "//" else f"{page_dir}\0{strict:d}\0{link}"
                    outcome = outcomes.get(key) or outcomes.setdefault(key, _outcome(link, page_dir, strict))
                problem, target, fragment = outcome
                if problem:
                    problems.append(LinkProblem(page, link, problem))
                elif target is None:
                    continue
                elif target in ("", page):
                    if not _has_anchor(ids, fragment):
                        problems.append(LinkProblem(page, link, _no_anchor(fragment)))
                else:
                    pending.append((page, link, target, fragment))
    return problems, pending


def _read(site: str, page: str) -> str:
    with open(os.path.join(site, page), encoding="utf-8", errors="replace") as file:
        return file.read()


def _outcome(link: str, page_dir: str, strict: bool, served_anywhere: bool = False) -> _Outcome:
    """What one link leads to, from a page in ``page_dir``."""
    value = link.strip(" \t\n\r\f")
    if "\\" in value:
        value = value.replace("\\", "/")  # as browsers read http(s) URLs
    value, _, fragment = value.partition("#")
    fragment = unquote(fragment)
    if not value or value.startswith("?"):
        return None, "" if fragment else None, fragment  # this page
    files, base_path, origin = _site.files, _site.base_path, _site.origin
    try:
        parts = urlsplit(value)
    except ValueError:
        return "is not a valid URL", None, fragment
    scheme = parts.scheme.lower()
    own_origin = False
    if scheme or parts.netloc:
        if scheme and scheme not in UNCHECKED_SCHEMES:
            return f"{scheme}: links are not allowed", None, fragment
        here = f"{scheme or origin.partition(':')[0]}://{parts.netloc}".lower()
        if not scheme and (not origin or here != origin):  # "//repo/": a base path gone wrong, or a typo
            return (f"is protocol-relative: it leads to the host {parts.netloc!r}, not to a page of this "
                    "site (write https:// for another site)"), None, fragment
        if origin and _is_local(parts.hostname) and not _is_local(urlsplit(origin).hostname):
            return (f"leads to {parts.netloc}, this computer (a preview's address, copied from archive serve?): "
                    "readers get nothing there; write the site's path (/...) instead"), None, fragment
        if not origin or scheme in ("mailto", "tel") or here != origin:
            return None, None, fragment  # another site: not checked
        own_origin = True
    path = unquote(parts.path) or ("/" if own_origin else "")
    if path.startswith("/"):
        if not (path.startswith(base_path) or path + "/" == base_path):
            if own_origin and not strict:
                return None, None, fragment  # another project's page on a shared host (user.github.io)
            return f"is outside the base path {base_path}", None, fragment
        rel = path[len(base_path):]
    elif served_anywhere:
        return f"is relative, but {NOT_FOUND_PAGE} is served at any missing URL", None, fragment
    else:
        rel = page_dir + path
    folder = rel == "" or rel.endswith("/")
    norm = posixpath.normpath(rel) if rel else "."
    if norm == ".." or norm.startswith(("../", "/")):
        return f"is outside the base path {base_path}", None, fragment
    norm = "" if norm == "." else norm + "/" if folder else norm
    target = norm + "index.html" if folder else norm if norm in files else norm + "/index.html"
    if target not in files:
        return "does not resolve", None, fragment
    return None, target if fragment and target.endswith(".html") else None, fragment


def _is_local(host: str | None) -> bool:
    """A host that is the reader's own computer (found by a probe: links copied from the
    preview, http://localhost:8000/..., reached the published site unreported)."""
    host = (host or "").lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:  # (an address: 127.net is a domain of its own)
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def _has_anchor(ids: set[str], fragment: str) -> bool:
    return not fragment or fragment in ids or fragment.lower() == "top" or fragment.startswith(":~:")


def _no_anchor(fragment: str) -> str:
    return f"no element with id {fragment!r}"


# -- scanning one page -------------------------------------------------------------------------

def scan_page(text: str) -> tuple[set[str], set[str], set[str]]:
    """One HTML page's links, its canonical and alternate links (which must stay under the base
    path even as absolute URLs), and the ids its anchors can use."""
    if "<!--" in text or "<script" in text or "<style" in text or "<SCRIPT" in text or "<STYLE" in text:
        text = _RAW_TEXT.sub(r"\1\3", _COMMENT.sub("", text))
    cache = _tags
    if len(cache) >= TAG_CACHE:
        cache.clear()
    # A site repeats its tags: each distinct one is parsed once, into marked strings.
    found = set().union(*[cache[t] if t in cache else _parse_tag(t) for t in set(_TAG.findall(text))])
    links: set[str] = set()
    strict: set[str] = set()
    ids: set[str] = set()
    for item in found:
        (links if item[0] == _LINK else strict if item[0] == _STRICT else ids).add(item[1:])
    return links, strict, ids


_LINK, _STRICT, _ID = "L", "S", "I"  # marks: a link, a canonical or alternate link, an anchor
_tags: dict[str, tuple[str, ...]] = {}
TAG_CACHE = 200_000


def _parse_tag(tag: str) -> tuple[str, ...]:
    """The links and ids of one start tag such as ``<a href="/x/" id="y">``, marked (``L/x/``,
    ``Iy``), and remembered."""
    _tags[tag] = found = _tag_items(tag) if "=" in tag else ()
    return found


def _tag_items(tag: str) -> tuple[str, ...]:
    name, attributes = _attributes(tag)
    links = [attributes[a] for a in _LINK_ATTRIBUTES.intersection(attributes)]
    items = [_ID + attributes["id"]] if "id" in attributes else []
    if "srcset" in attributes:
        links += _srcset_urls(attributes["srcset"])
    if name == "a" and "name" in attributes:
        items.append(_ID + attributes["name"])
    elif name == "object" and "data" in attributes:
        links.append(attributes["data"])
    elif name == "link" and "href" in attributes:
        rel = attributes.get("rel", "").lower().split()
        if "canonical" in rel or "alternate" in rel:
            links.remove(attributes["href"])
            items.append(_STRICT + attributes["href"])
    elif name == "meta" and attributes.get("http-equiv", "").lower() == "refresh":
        match = _REFRESH.match(attributes.get("content", ""))
        if match and match.group(2):
            links.append(match.group(2))
    elif name == "meta" and "content" in attributes:
        # Link previews fetch these: an og:image naming a file the site lacks shows no picture.
        meta = (attributes.get("property") or attributes.get("name") or "").lower()
        if meta in _PREVIEW_IMAGES:
            links.append(attributes["content"])
        elif meta == "og:url":
            items.append(_STRICT + attributes["content"])
    return (*items, *(_LINK + link for link in links))


def _attributes(tag: str) -> tuple[str, dict[str, str]]:
    """A start tag's name and attributes, in lower case; the first of a repeated attribute wins."""
    match = _TAG_NAME.match(tag)
    name = match.group(1).lower() if match else ""
    attributes: dict[str, str] = {}
    for attribute, double, single, bare in _ATTRIBUTE.findall(tag):
        value = double or single or bare
        attributes.setdefault(attribute.lower(), html.unescape(value) if "&" in value else value)
    return name, attributes


def canonical_url(text: str) -> str | None:
    """The ``<link rel="canonical">`` URL of an HTML page, if it has one."""
    for tag in _TAG.findall(text):
        if tag[:5].lower() == "<link" and "canonical" in tag.lower():
            name, attributes = _attributes(tag)
            if name == "link" and "canonical" in attributes.get("rel", "").lower().split():
                return attributes.get("href")
    return None


def _srcset_urls(srcset: str) -> Iterator[str]:
    for candidate in srcset.split(","):
        words = candidate.split()
        if words:
            yield words[0]


# -- helpers -----------------------------------------------------------------------------------

def _site_files(site: Path) -> frozenset[str]:
    """Every file below ``site``, relative to it with forward slashes."""
    top = str(site)
    found: list[str] = []
    for folder, _dirs, names in os.walk(top):
        prefix = folder[len(top) + 1:].replace(os.sep, "/") + "/" if folder != top else ""
        found += [prefix + name for name in names]
    return frozenset(found)


def _chunks(items: Iterable[str], size: int) -> Iterator[list[str]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk
