"""Site paths: articles, dates, tags and actors turned into paths, and the paths the builder
keeps for itself (``is_generated``), which no alias may take. (Inside those, the views name a
few files of their own: an index's letter pages, the search bundles, the sitemap's parts.)

A path here is relative to the site root, uses forward slashes and ends with "/" (a folder
holding index.html) or names a file. Every piece comes from ``slugify`` or digits, so no
path can climb out of the output folder; ``output_file`` checks it once more anyway.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

from builder.errors import SourceError
from builder.model import Article

# Paths the builder generates itself; an alias may not take them over.
GENERATED_FILES = frozenset({"", "index.html", "404.html", "feed.xml", "sitemap.xml", "robots.txt",
                             ".nojekyll"})
GENERATED_FOLDERS = ("tags/", "actors/", "search/", "assets/", "page/", "pagefind")
_DATE_ARCHIVE = re.compile(r"^\d{4}/(?:\d{2}/(?:\d{2}/)?)?(?:page/.*)?$")
# The parts of a sitemap index (above 50,000 URLs): reserved always, or an old URL taking one
# would fail the build only once the archive grows past the limit.
_SITEMAP_PART = re.compile(r"sitemap-\d+\.xml")


def article_path(article: Article) -> str:
    return f"{day_path(article.date)}{article.slug}/"


# %-formatting: three times faster than f-strings with format specs, on 300,000 calls a build.
def year_path(year: int) -> str:
    return "%04d/" % year  # noqa: UP031


def month_path(year: int, month: int) -> str:
    return "%04d/%02d/" % (year, month)  # noqa: UP031


def day_path(day: date | datetime) -> str:
    return "%04d/%02d/%02d/" % (day.year, day.month, day.day)  # noqa: UP031


def tag_path(slug: str) -> str:
    return f"tags/{slug}/"


def actor_path(slug: str) -> str:
    return f"actors/{slug}/"


def page_path(first: str, number: int) -> str:
    """Page ``number`` (counted from the oldest) of a listing whose front page is ``first``."""
    return f"{first}page/{number}/"


def url(base_path: str, path: str) -> str:
    """A root-relative URL under the site's base path: ``/repo/`` + ``tags/nato/``."""
    return base_path + path


def output_file(out: Path, path: str) -> Path:
    """The file to write for a site path; refuses anything that could leave ``out``.

    A lexical check is enough: the output is a fresh staging folder with no symlinks in it.
    """
    return Path(output_name(str(out), path))


def output_name(out: str, path: str) -> str:
    """``output_file`` as a string, for the writer's hot path."""
    parts = path.split("/")
    if path.startswith("/") or "\\" in path or any(p in (".", "..") for p in parts) or "\0" in path:
        raise ValueError(f"refusing to write outside the output folder: {path!r}")
    return f"{out}/{path}index.html" if path.endswith("/") or not path else f"{out}/{path}"


def alias_paths(article: Article) -> tuple[str, ...]:
    """The site paths of an article's old URLs (``aliases:``), each a redirect to its page."""
    return tuple(alias.lstrip("/") for alias in article.aliases)


def route_errors(articles: list[Article]) -> list[SourceError]:
    """Two articles on one URL, or an alias on an article's URL or on a page the builder makes."""
    errors: list[SourceError] = []
    owners: dict[str, tuple[Article, bool]] = {}  # site path -> (its article, whether an old URL)
    alias_files = {path for article in articles for path in alias_paths(article) if not path.endswith("/")}
    for article in articles:
        own = article_path(article)
        for alias in article.aliases:
            path = alias.lstrip("/")
            if is_generated(path):
                errors.append(SourceError(article.rel, article.aliases_line, 0, "aliases", f"{alias} is a "
                                          "page the archive generates itself; choose another old URL"))
            elif inside := _file_above(path, alias_files):
                errors.append(SourceError(article.rel, article.aliases_line, 0, "aliases", f"{alias} lies "
                                          f"inside /{inside}, a file of the site; choose another old URL"))
            elif path == own:
                errors.append(SourceError(article.rel, article.aliases_line, 0, "aliases", f"{alias} is this "
                                          "article's own URL; an old URL redirects to it"))
        for path, is_alias in ((own, False), *((p, True) for p in alias_paths(article) if p != own)):
            other, other_is_alias = owners.setdefault(path, (article, is_alias))
            if other is not article:
                errors.append(_clash(article, is_alias, path, other, other_is_alias))
                errors.append(_clash(other, other_is_alias, path, article, is_alias))
    return errors


def _file_above(path: str, alias_files: set[str]) -> str:
    """The file of the site that ``path`` would be a folder inside, or "": a file the build
    writes (``feed.xml/x/``), any page's ``index.html`` (``2024/index.html/x/``) or an old URL's
    file (``news/a.html/x/``). The writer could only fail, naming neither article nor alias."""
    parts = path.split("/")[:-1]  # the folders above the page or file
    for depth in range(1, len(parts) + 1):
        folder = "/".join(parts[:depth])
        if (parts[depth - 1] == "index.html" or folder in GENERATED_FILES or folder in alias_files
                or _SITEMAP_PART.fullmatch(folder)):
            return folder
    return ""


def _clash(article: Article, is_alias: bool, path: str, other: Article, other_is_alias: bool) -> SourceError:
    """One side of two articles on one URL, on the line of the field that gave it."""
    theirs = "an old URL (aliases:)" if other_is_alias else "the URL"
    if is_alias:
        return SourceError(article.rel, article.aliases_line, 0, "aliases", f"/{path} is also {theirs} of "
                           f"{other.rel}; an old URL can lead to one article only")
    return SourceError(article.rel, article.slug_line, 0, "slug", f"/{path} is also {theirs} of {other.rel}; "
                       "set a different 'slug:' in one of them")


def is_generated(path: str) -> bool:
    """True for a path the builder writes itself (indexes, feeds, assets, date archives)."""
    top = path.split("/", 1)[0] + "/"
    return (path in GENERATED_FILES or path.rstrip("/") in GENERATED_FILES
            or top in GENERATED_FOLDERS or path.startswith("pagefind") or bool(_DATE_ARCHIVE.match(path))
            or bool(_SITEMAP_PART.fullmatch(path.rstrip("/"))))
