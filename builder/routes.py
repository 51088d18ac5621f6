"""The one place that turns data into site paths.

A path here is relative to the site root, uses forward slashes and ends with "/" (a folder
holding index.html) or names a file. Every piece comes from ``slugify`` or digits, so no
path can climb out of the output folder; ``output_file`` checks it once more anyway.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from builder.errors import SourceError
from builder.model import Article

RESERVED_SLUGS = frozenset({"page"})  # /YYYY/MM/DD/page/N/ is pagination


def article_path(article: Article) -> str:
    return f"{day_path(article.date)}{article.slug}/"


def year_path(year: int) -> str:
    return f"{year:04d}/"


def month_path(year: int, month: int) -> str:
    return f"{year:04d}/{month:02d}/"


def day_path(day: date | datetime) -> str:
    return f"{day.year:04d}/{day.month:02d}/{day.day:02d}/"


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
    parts = path.split("/")
    if path.startswith("/") or "\\" in path or any(p in (".", "..") for p in parts) or "\0" in path:
        raise ValueError(f"refusing to write outside the output folder: {path!r}")
    return out / path / "index.html" if path.endswith("/") or not path else out / path


def route_errors(articles: list[Article]) -> list[SourceError]:
    """Two articles on one URL, an alias on an article's URL, or a reserved slug."""
    errors: list[SourceError] = []
    owners: dict[str, Article] = {}
    for article in articles:
        if article.slug in RESERVED_SLUGS:
            errors.append(SourceError(article.rel, 0, 0, "slug", f"{article.slug!r} is reserved "
                                      "for pagination; set another 'slug:'"))
        for path in (article_path(article), *(a.lstrip("/") for a in article.aliases)):
            other = owners.setdefault(path, article)
            if other is not article:
                errors.append(SourceError(article.rel, 0, 0, "slug", f"/{path} is also the URL "
                                          f"of {other.rel}; set a different 'slug:' in one of them"))
                errors.append(SourceError(other.rel, 0, 0, "slug", f"/{path} is also the URL "
                                          f"of {article.rel}"))
    return errors
