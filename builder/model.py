"""The content model: frozen dataclasses, and the validation that turns raw front matter into them.

Parse at the edge, trust inside: after ``validate_*`` every value has its exact type
(aware datetimes in the site's time zone, tuples of names, checked URLs).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

import yaml

from builder.errors import SourceError, closest
from builder.frontmatter import RawDoc, node_column, node_line
from builder.language import tag_error
from builder.markdown import MarkdownTooComplex, RenderedBody, is_safe_url, render_markdown, showable
from builder.slugs import RESERVED_SLUGS, slugify

MAX_TITLE = 500
MAX_NAME = 200
MAX_TAGS = 100
MAX_ACTORS = 300
MAX_SUMMARY = 300
MAX_URL = 2000  # source_url, image
ACTOR_KINDS = ("person", "organisation", "country", "place", "other")

_BOOL_TAG = "tag:yaml.org,2002:bool"
_NULL_TAG = "tag:yaml.org,2002:null"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?)?"
                       r"(Z|[+-]\d{2}:?\d{2})?$", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Article:
    rel: str  # source file, relative to the project root
    title: str
    date: datetime  # aware, in the site time zone
    slug: str
    slug_line: int = 1  # the line the slug comes from (slug: or title:), for URL clash messages
    source: str = ""
    source_id: str = ""
    author: str = ""  # the byline: a reporter, or an agency's desk
    summary: str = ""
    tags: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    updated: datetime | None = None
    draft: bool = False
    timed: bool = True  # False: date: gives the day alone (2025-03-22), shown without a time
    updated_timed: bool = True
    source_url: str = ""
    image: str = ""
    aliases: tuple[str, ...] = ()
    aliases_line: int = 1  # the line of aliases:, for messages about an alias
    language: str = ""  # a BCP 47 tag when not the site's language
    body_html: str = ""  # empty once cached: bodies live in the body store, keyed by ``digest``
    words: int = 0
    digest: str = ""  # hash of the source file's bytes
    extra: dict[str, Any] = field(default_factory=dict)  # unknown fields, kept for templates


@dataclass(frozen=True)
class Profile:
    """An actor or tag profile: a canonical name, its aliases and a description."""

    rel: str
    name: str
    kind: str = "other"  # actors only: person, organisation, country, place, other
    aliases: tuple[str, ...] = ()
    name_line: int = 1  # the lines of name: (or title:) and aliases:, for alias clash messages
    aliases_line: int = 1
    description: str = ""
    body_html: str = ""
    keywords: tuple[str, ...] = ()  # tags only: words that make the importer apply the tag
    extra: dict[str, Any] = field(default_factory=dict)
    stub: bool = False  # a stub the importer wrote that nobody has edited: it gives no page by itself


ARTICLE_FIELDS = frozenset({"title", "date", "slug", "source", "source_id", "author", "summary", "tags",
                            "actors", "updated", "draft", "source_url", "image", "aliases",
                            "import_hash", "language"})
# Fields of running text, where a " #" is a hashtag or a number ("Talks #2") far more often than
# a comment: one there is an error. (A comment after a source or a slug is taken as one.)
PROSE_FIELDS = frozenset({"title", "summary", "description"})
PROFILE_FIELDS = frozenset({"name", "title", "kind", "aliases", "description", "keywords", "import_hash"})


# Other generators' names for a field of ours (Pelican's and Hugo's categories are our tags).
SYNONYMS = {"categories": "tags", "category": "tags"}


def misspelt_fields(articles: Sequence[Article], displayed: Callable[[str], bool]) -> list[SourceError]:
    """Fields of articles that look like a misspelt known one (``tag:``, ``summery:``) and that no
    layout shows (``displayed``): the archive keeps them for layouts as ``article.extra``, so the
    tags or the summary were lost without a word. One warning per field, at its first file."""
    guesses: dict[str, str | None] = {}
    found: dict[str, list[str]] = {}
    for article in articles:
        for key in article.extra:
            if key not in guesses:
                close = SYNONYMS.get(key.lower()) or closest(key, ARTICLE_FIELDS)
                guesses[key] = close if close and not displayed(key) else None
            if guesses[key]:
                found.setdefault(key, []).append(article.rel)
    warnings = []
    for key, files in sorted(found.items()):
        more = f" (and {len(files) - 1} more file{'s' if len(files) > 2 else ''})" if len(files) > 1 else ""
        warnings.append(SourceError(min(files), 0, 0, key, f"not a field the archive reads: did you mean "
                                    f"'{guesses[key]}'? No layout shows it either (article.extra.{key}){more}"))
    return warnings


class _Fields:
    """Typed access to one document's fields, collecting every error instead of stopping."""

    def __init__(self, doc: RawDoc) -> None:
        self.doc = doc
        self.errors: list[SourceError] = []

    def error(self, name: str, message: str, node: yaml.Node | None = None) -> None:
        line = node_line(node) if node is not None else 1
        column = node_column(node) if node is not None else 0
        self.errors.append(SourceError(self.doc.rel, line, column, name, message))

    def text(self, name: str, *, required: bool = False, limit: int = MAX_TITLE) -> str:
        node = self.doc.fields.get(name)
        if name in self.doc.comments and name in PROSE_FIELDS:
            self._cut_by_comment(name, clean_text(str(node.value)) if node is not None else "")
            return ""
        if node is None or _is_null(node):
            if required:
                self.error(name, "missing; every article needs a " + name + self._other_case(name), node)
            return ""
        if not isinstance(node, yaml.ScalarNode):
            self.error(name, f"expected text, got a {_kind(node)}", node)
            return ""
        value = clean_text(node.value)
        if required and not value:
            self.error(name, "is empty", node)
        if len(value) > limit:
            self.error(name, f"is {len(value):,} characters long; the limit is {limit:,}", node)
        return value

    def _other_case(self, name: str) -> str:
        """Where a required field is written with capitals (Pelican's "Title:")."""
        for key, node in self.doc.fields.items():
            if key != name and key.lower() == name:
                return f" (found {key!r} on line {node_line(node)}: field names are lower case)"
        return ""

    def _cut_by_comment(self, name: str, value: str) -> None:
        """Text shown to readers that YAML cut at a " #": refused rather than published short
        (found by a probe: "Protesters rally under #MeToo banner" became "Protesters rally under")."""
        line, column, comment = self.doc.comments[name]
        cut = repr(value) if value else "empty"
        self.errors.append(SourceError(
            self.doc.rel, line, column, name, f"{comment!r} was read as a YAML comment (' #' begins one), "
            f"so the {name} would be {cut}; put the whole {name} in quotes (or the comment on a line of its own)"))

    def names(self, name: str, limit: int) -> tuple[str, ...]:
        node = self.doc.fields.get(name)
        if node is None or _is_null(node):
            return ()
        items = [node] if isinstance(node, yaml.ScalarNode) else node.value
        if isinstance(node, yaml.MappingNode):
            self.error(name, "expected a list of names, such as [NATO, Russia], got a mapping", node)
            return ()
        if len(items) > limit:
            self.error(name, f"has {len(items):,} entries; the limit is {limit:,}", node)
            return ()
        found: list[str] = []
        for item in items:
            value = clean_text(item.value) if isinstance(item, yaml.ScalarNode) and not _is_null(item) else ""
            if not isinstance(item, yaml.ScalarNode):  # [NATO, [EU]]: not an empty name, a list
                self.error(name, f"expected a name, got a {_kind(item)}", item)
            elif not value:
                self.error(name, "every entry must be a non-empty name", item)
            elif len(value) > MAX_NAME:
                self.error(name, f"a name is longer than {MAX_NAME} characters", item)
            elif value not in found:
                found.append(value)
        return tuple(found)

    def date(self, name: str, zone: ZoneInfo, *, required: bool = False) -> datetime | None:
        node = self.doc.fields.get(name)
        if node is None or _is_null(node):
            if required:
                self.error(name, "missing; every article needs a date such as 2025-03-22T01:33:00Z"
                           + self._other_case(name), node)
            return None
        if not isinstance(node, yaml.ScalarNode):
            self.error(name, f"expected a date, got a {_kind(node)}", node)
            return None
        return self._parse_date(name, node, zone)

    def _parse_date(self, name: str, node: yaml.ScalarNode, zone: ZoneInfo) -> datetime | None:
        raw = node.value.strip()
        if not _ISO_DATE.match(raw):
            self.error(name, f"{raw!r} is not an ISO 8601 date; use e.g. 2025-03-22T01:33:00Z", node)
            return None
        try:
            value = datetime.fromisoformat(raw.upper().replace("Z", "+00:00"))
        except ValueError:
            self.error(name, f"{raw!r} is not a real date; use ISO 8601 such as "
                       "2025-03-22T01:33:00Z", node)
            return None
        if value.tzinfo is None:  # without an offset the site time zone applies
            value = value.replace(tzinfo=zone)
        try:
            value.astimezone(UTC)  # as feeds, sitemaps and the search sort give it: in range too
            return value.astimezone(zone)
        except (OverflowError, ValueError):
            self.error(name, f"{raw!r} is out of the range of dates this site can show", node)
            return None

    def flag(self, name: str) -> bool:
        node = self.doc.fields.get(name)
        if node is None or _is_null(node):
            return False
        if isinstance(node, yaml.ScalarNode) and node.tag == _BOOL_TAG:
            return node.value.lower() in ("true", "yes", "on", "y")
        self.error(name, "expected true or false", node)
        return False

    def url(self, name: str, example: str) -> str:
        """An http(s) address, or a site path (``example``: "/images/photo.jpg") that views put
        under the base path as they do every URL of the site."""
        value = self.text(name, limit=MAX_URL)
        problem = _url_problem(value) if value else ""
        if problem:
            self.error(name, f"{value!r} {problem}; use an http(s) address or a site path such as {example}",
                       self.doc.fields[name])
            return ""
        return value

    def site_paths(self, name: str) -> tuple[str, ...]:
        """Old URLs: "/2019/old-title/" (a folder) or "/news/old.html" (a file), within the site.
        "/x/index.html" is the folder "/x/" (the same page); percent escapes are decoded, as the
        web server does before it looks for the file."""
        paths = []
        for value in self.names(name, MAX_TAGS):
            problem = _site_path_problem(value)
            if problem:
                self.error(name, f"{value!r} is not a site path such as /2019/old-title/: {problem}",
                           self.doc.fields[name])
                continue
            parts = [p for p in unquote(value).split("/") if p]
            if parts[-1].lower() in ("index.html", "index.htm"):
                parts.pop()
            is_file = bool(parts) and parts[-1].lower().endswith((".html", ".htm"))
            paths.append("/" + "/".join(parts) + ("" if is_file or not parts else "/"))
        return tuple(dict.fromkeys(paths))

    def language(self, name: str) -> str:
        value = self.text(name, limit=35)
        error = tag_error(value, "ar") if value else ""
        if error:
            self.error(name, error, self.doc.fields[name])
            return ""
        return value

    def line(self, name: str) -> int:
        """The line of a field, or 1 when it is absent."""
        node = self.doc.fields.get(name)
        return node_line(node) if node is not None else 1

    def body(self, allow_html: bool, base_path: str) -> RenderedBody:
        try:
            return render_markdown(self.doc.body, allow_html, base_path)
        except MarkdownTooComplex as exc:
            self.errors.append(SourceError(self.doc.rel, self.doc.body_line + exc.line, 0, "body", str(exc)))
            return RenderedBody("", "", 0)

    def extra(self, known: frozenset[str]) -> dict[str, Any]:
        return {k: plain_value(v) for k, v in self.doc.fields.items() if k not in known}


def validate_article(doc: RawDoc, zone: ZoneInfo, allow_html: bool,
                     base_path: str = "/") -> Article | list[SourceError]:
    f = _Fields(doc)
    title = f.text("title", required=True)
    date = f.date("date", zone, required=True)
    slug_text = f.text("slug", limit=MAX_NAME)
    slug = slugify(slug_text or title)
    slug_field = "slug" if slug_text else "title"
    if (slug_text or title) and not slug:
        f.error(slug_field, "gives an empty URL slug; add a 'slug:' with letters or digits",
                doc.fields.get(slug_field))
    elif slug in RESERVED_SLUGS:
        f.error(slug_field, f"gives the URL slug {slug!r}, which is reserved for pagination; "
                "set another 'slug:'", doc.fields.get(slug_field))
    updated = f.date("updated", zone)
    if date and updated and _before(updated, date, doc.fields["updated"]):
        f.error("updated", f"{_raw(doc.fields['updated'])!r} is before date {_raw(doc.fields['date'])!r}; an "
                "article is updated after it is published: correct one of them, or remove updated:",
                doc.fields["updated"])
        updated = None
    body = f.body(allow_html, base_path)
    summary = f.text("summary", limit=5000) or clean_text(body.first_paragraph)
    article = Article(
        rel=doc.rel, title=title, date=date or datetime(1970, 1, 1, tzinfo=zone), slug=slug,
        slug_line=node_line(doc.fields[slug_field]) if slug_field in doc.fields else 1,
        source=f.text("source", limit=MAX_NAME), source_id=f.text("source_id", limit=MAX_NAME),
        author=f.text("author", limit=MAX_NAME), summary=shorten(summary, MAX_SUMMARY), tags=f.names("tags", MAX_TAGS),
        actors=f.names("actors", MAX_ACTORS), updated=updated, draft=f.flag("draft"),
        timed=not _day_alone(doc.fields.get("date")), updated_timed=not _day_alone(doc.fields.get("updated")),
        source_url=f.url("source_url", "/archive/original.html"), image=f.url("image", "/images/photo.jpg"),
        aliases=f.site_paths("aliases"),
        aliases_line=f.line("aliases"), language=f.language("language"), body_html=body.html,
        words=body.words, extra=f.extra(ARTICLE_FIELDS),
    )
    if f.errors:  # (its body is not needed to place it)
        return _rejected(f.errors, replace(article, body_html=""), ARTICLE_PLACING)
    return article


def validate_profile(doc: RawDoc, is_actor: bool, allow_html: bool,
                     base_path: str = "/") -> Profile | list[SourceError]:
    f = _Fields(doc)
    name = f.text("name", limit=MAX_NAME) or f.text("title", limit=MAX_NAME)
    if not name:
        f.error("name", "missing; a profile needs the canonical name, e.g. name: Mark Rutte")
    if "date" in doc.fields:  # (found by a probe: an article saved there vanished into a profile)
        folder = doc.rel.split("/")[1] if doc.rel.count("/") > 1 else "actors"
        f.error("date", f"a profile has no date: if this file is an article, move it out of content/{folder}/ "
                "(articles go anywhere else under content/); if it is a profile, remove date:", doc.fields["date"])
    kind = f.text("kind", limit=MAX_NAME) or "other"
    if is_actor and kind not in ACTOR_KINDS:
        f.error("kind", f"{kind!r} is not one of {', '.join(ACTOR_KINDS)}", doc.fields["kind"])
    profile = Profile(rel=doc.rel, name=name, kind=kind if is_actor else "tag",
                      aliases=f.names("aliases", MAX_ACTORS),
                      name_line=f.line("name" if "name" in doc.fields else "title"),
                      aliases_line=f.line("aliases"), description=f.text("description", limit=5000),
                      body_html=f.body(allow_html, base_path).html,
                      keywords=f.names("keywords", MAX_ACTORS), extra=f.extra(PROFILE_FIELDS))
    return _rejected(f.errors, profile, PROFILE_PLACING) if f.errors else profile


class Rejected(list[SourceError]):
    """A document's errors, with the document itself (``partial``) when the fields that place it
    among the others are valid (an article's title, date, slug and aliases; a profile's name and
    aliases): the build still checks those against the other documents, so that two articles on
    one URL or a clash of names is reported in the same build as, say, a wrong kind, not in the
    next one."""

    def __init__(self, errors: list[SourceError], partial: Article | Profile | None) -> None:
        super().__init__(errors)
        self.partial = partial


ARTICLE_PLACING = frozenset({"title", "date", "slug", "aliases", "draft"})
PROFILE_PLACING = frozenset({"name", "title", "aliases"})


def _rejected(errors: list[SourceError], document: Article | Profile, placing: frozenset[str]) -> Rejected:
    return Rejected(errors, None if any(e.field in placing for e in errors) else document)


def plain_value(node: yaml.Node) -> Any:
    """A YAML node as plain data for templates; YAML 1.1 yes/no/on/off stay text."""
    if isinstance(node, yaml.SequenceNode):
        return [plain_value(n) for n in node.value]
    if isinstance(node, yaml.MappingNode):
        return {showable(str(k.value)): plain_value(v) for k, v in node.value}
    tag, value = node.tag, showable(node.value)
    if tag == _NULL_TAG:
        return None
    if tag == _BOOL_TAG:
        return value.lower() == "true" if value.lower() in ("true", "false") else value
    if tag.endswith((":int", ":float")):
        try:
            return int(value) if tag.endswith(":int") else float(value)
        except ValueError:
            return value
    return value


def _before(updated: datetime, date: datetime, node: yaml.Node) -> bool:
    """Whether an update predates publication; an update given as a day alone (2024-05-01) is
    only before an article published on a later day."""
    if _day_alone(node):
        return updated.date() < date.date()
    return updated < date


def _day_alone(node: yaml.Node | None) -> bool:
    """Whether a date field gives a day without a time (2024-05-01)."""
    raw = _raw(node) if node is not None else ""
    return bool(raw) and "T" not in raw.upper() and " " not in raw


def _raw(node: yaml.Node) -> str:
    return str(node.value).strip() if isinstance(node, yaml.ScalarNode) else ""


def _url_problem(value: str) -> str:
    """Why ``value`` is no http(s) address nor site path ("" when it is one). A relative path
    (``photo.jpg``) would name another file from each page that shows it (an article, a feed, a
    search result), and Open Graph needs an absolute URL: it is refused, not guessed."""
    if not is_safe_url(value):
        return "is not a safe URL"
    try:
        parts = urlsplit(value)
    except ValueError:
        return "is not a valid URL"
    if parts.scheme:
        return "" if parts.scheme.lower() in ("http", "https") and parts.netloc else "is not an http(s) address"
    if value.startswith("//"):
        return "is protocol-relative (it names a host, not a path)"
    if not value.startswith("/"):
        return "is relative, so each page showing it would name another file"
    decoded = unquote(parts.path)
    if "\\" in decoded or any(segment in (".", "..") for segment in decoded.split("/")):
        return "has '.', '..' or backslashes in its path"
    return ""


def _site_path_problem(value: str) -> str:
    """Why an old URL cannot be a page of this site ("" when it can)."""
    if "://" in value or value.startswith("//") or not is_safe_url(value):
        return "a path on this site, not a full URL"
    if "?" in value or "#" in value:
        return "a static page has no query (?) or fragment (#)"
    decoded = unquote(value)
    parts = [p for p in decoded.split("/") if p]
    if not parts:
        return "it names no page"
    if "\\" in decoded or any(ord(c) < 32 for c in decoded) or any(p in (".", "..") for p in parts):
        return "no '.', '..', backslashes or control characters"
    if any(p.startswith(".") for p in parts):
        return "no hidden folders or files (a part starting with '.')"
    if any(len(p.encode()) > 255 for p in parts):
        return "a part of it is longer than 255 bytes, which no file system stores"
    return ""


def shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:.-")
    return cut + "\u2026"


# Invisible format characters that words need: the zero-width non-joiner Persian writes inside
# words, the joiner of emoji sequences, the direction marks (which reorder nothing but neutral
# characters). The others (soft hyphen, zero-width space, byte order mark, the bidi embeddings,
# overrides and isolates that can make a title read in another order than it is written) are
# dropped: a space in their place split "Wash\u00adington" and Persian words in two.
_KEPT_FORMAT = frozenset("\u200c\u200d\u200e\u200f\u061c")


def _shown(character: str) -> str:
    if character.isprintable() or character in _KEPT_FORMAT:
        return character
    return "" if unicodedata.category(character) == "Cf" else " "


def clean_text(value: str) -> str:
    """A title or a name as the build shows it (the importer names its files by this too)."""
    # Control characters and runs of white space never belong in a title or a name.
    if not value.isprintable():
        value = "".join(map(_shown, value))
    elif "  " not in value:  # printable text has no white space but " " (Unicode's definition)
        return value.strip()
    return _SPACES.sub(" ", value).strip()


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == _NULL_TAG and not node.style


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return "list"
    return "mapping" if isinstance(node, yaml.MappingNode) else "value"
