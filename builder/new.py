"""``archive new "Headline"``: a correctly named article file with valid front matter."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import suppress
from datetime import date, datetime, timedelta
from pathlib import Path

import frontmatter

from builder.config import load_settings
from builder.importer.dates import local_day
from builder.importer.store import ContentIndex, write_atomic
from builder.load import refusal
from builder.routes import day_path
from builder.slugs import slugify
from builder.source import is_utf8


class NewArticleError(Exception):
    pass


def new_article(root: Path, title: str, when: datetime | date | None = None,
                actors: Sequence[str] = (), tags: Sequence[str] = (), source: str = "") -> Path:
    """Write ``content/YYYY/MM/<slug>.md`` and return its path; never overwrites a file."""
    title = " ".join(title.split())
    for what, values in (("the headline", [title]), ("an actor", actors), ("a tag", tags), ("the source", [source])):
        if not all(is_utf8(value) for value in values):
            raise NewArticleError(f"{what} is not valid UTF-8 text")
    slug = slugify(title)
    if not slug:
        raise NewArticleError("the headline needs letters or digits to make a file name")
    settings = load_settings(root)
    zone = settings.zone
    if when is None:
        # The one place the clock is read: an editor writing a new article now.
        when = datetime.now(zone).replace(second=0, microsecond=0)
    elif isinstance(when, datetime) and when.tzinfo is None:
        when = when.replace(tzinfo=zone)
    folder = root / "content" / f"{when.year:04d}" / f"{when.month:02d}"
    # (None: the site's zone cannot hold it, in year 1 or 9999; the build's refusal below says so)
    day = local_day(when, zone) or (when.date() if isinstance(when, datetime) else when)
    index = ContentIndex(root, settings, _may_take_urls_of(day))  # the URLs and aliases articles take
    path = folder / f"{slug}.md"
    number = 2
    while path.exists() or index.url_owner(f"{day_path(day)}{path.stem}/", path) is not None:
        path = folder / f"{slug}-{number}.md"
        number += 1
    metadata: dict[str, object] = {"title": title, "date": when.isoformat()}
    if path.stem != slug:  # a second article with this headline: its own URL too, not only its own file
        metadata["slug"] = path.stem
    if source:
        metadata["source"] = source
    metadata["tags"] = list(tags)
    metadata["actors"] = list(actors)
    post = frontmatter.Post("Write the article here.\n", handler=None, **metadata)
    text = frontmatter.dumps(post, sort_keys=False, allow_unicode=True, default_flow_style=None, width=10_000)
    text = text.rstrip("\n") + "\n"
    # What the build would say of it, said now: a date out of range, an empty actor...
    refused = refusal(path.relative_to(root).as_posix(), text, settings)
    if refused:
        raise NewArticleError(f"the article would not build: {refused}")
    try:
        write_atomic(path, text)
    except OSError as exc:
        raise NewArticleError(f"cannot write {exc.filename or path}: {exc.strerror or exc}") from None
    return path


def _may_take_urls_of(day: date) -> Callable[[bytes], bool]:
    """Whether a content file can take a URL of ``day``: its date (an ISO date, as the build
    reads them) is that day or the next or the one before (the site's zone may move it), or
    an alias names that day's folder."""
    needles = [day_path(day).encode()]
    for shift in (-1, 0, 1):
        with suppress(OverflowError):  # (before year 1, after 9999)
            needles.append((day + timedelta(days=shift)).isoformat().encode())
    return lambda data: any(needle in data for needle in needles)
