"""``archive import``: inputs -> parsed articles -> actors and tags -> Markdown files in content/."""

from __future__ import annotations

import os
import re
import stat
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

from builder.config import Settings, load_settings
from builder.errors import printable
from builder.frontmatter import parse_document
from builder.importer import emit, formats
from builder.importer.dates import dateline_date, front_matter_date, local_day
from builder.importer.recognise.actors import ActorFinder, FoundActor, KnownActor
from builder.importer.recognise.tags import TagRule, find_tags
from builder.importer.record import Failure, ParseError, ParseErrors, WireArticle
from builder.importer.store import ContentIndex, Existing, may_overwrite, not_a_folder, read_text, write_atomic
from builder.importer.text import TWICE, decoded, headline_case, language_of, sign_off, table_text, undoubled
from builder.load import refusal
from builder.markdown import is_safe_url
from builder.model import MAX_URL, Profile, clean_text, validate_profile
from builder.progress import Progress, Silent, step
from builder.routes import day_path
from builder.slugs import name_key, slugify
from builder.source import read_sources
from builder.stamps import stored_hash
from builder.workers import pool_map

INPUT_SUFFIXES = (".txt", ".text", ".html", ".htm", ".jsonl", ".ndjson", ".json", "")
PARALLEL_FROM = 64
T = TypeVar("T")
R = TypeVar("R")
STATUSES = ("created", "updated", "unchanged", "skipped", "failed")


@dataclass(frozen=True)
class ImportOptions:
    root: Path
    paths: tuple[str, ...]
    dry_run: bool = False
    force: bool = False
    format: str = "auto"
    date: date | None = None
    workers: int = 0
    progress: Progress = field(default_factory=Silent, compare=False)


@dataclass(frozen=True)
class Outcome:
    origin: str
    status: str  # one of STATUSES
    path: str = ""  # the Markdown file, relative to the root
    reason: str = ""


@dataclass
class ImportReport:
    outcomes: list[Outcome] = field(default_factory=list)
    profiles_created: list[str] = field(default_factory=list)  # (a dry run: those it would create)
    warnings: list[str] = field(default_factory=list)  # "origin: what was dropped and why"
    dry_run: bool = False

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    def summary(self) -> str:
        counts = ", ".join(f"{self.count(s)} {s}" for s in STATUSES)
        articles = f"{len(self.outcomes)} article{'s' if len(self.outcomes) != 1 else ''}"
        done = sum(self.count(s) for s in ("created", "updated", "unchanged"))
        if done < len(self.outcomes):  # some skipped or failed: "imported 12 of 19 articles"
            articles = f"{done} of {articles}"
        if self.dry_run:
            return f"dry run, nothing written: would import {articles}: {counts}"
        return f"imported {articles}: {counts}"


@dataclass(frozen=True)
class Recognised:
    article: WireArticle
    tags: tuple[str, ...]
    actors: tuple[FoundActor, ...]


def run_import(options: ImportOptions, stdin: bytes | None = None) -> ImportReport:
    root = options.root.resolve()
    settings = load_settings(root)
    workers = options.workers or os.cpu_count() or 1
    report = ImportReport(dry_run=options.dry_run)
    inputs = list(expand_inputs(options.paths, report))
    progress = options.progress
    parsed = _parse_inputs(inputs, options.format, stdin, workers, report, progress)
    report.warnings.extend(_times_without_zone(parsed, settings))
    known, rules = load_profiles(root)
    recognised = _map(_recognise, parsed, workers, (known, rules), parallel=len(parsed) >= PARALLEL_FROM,
                      progress=progress, label="recognising")
    index = ContentIndex(root, settings)
    stubs: dict[str, tuple[str, set[str]]] = {}
    first_of: dict[str, str] = {}  # source id -> the input that gave it first in this import
    with step(progress, "writing", len(recognised)) as shown:
        for item in recognised:
            shown.advance()
            if isinstance(item, Failure):
                report.outcomes.append(Outcome(item.origin, "failed", reason=item.reason))
                continue
            source_id = item.article.source_id
            if source_id and first_of.get(source_id, item.article.origin) != item.article.origin:
                report.warnings.append(f"{item.article.origin}: source_id {source_id!r} was given by "
                                       f"{first_of[source_id]} too, in this import: the later one updates the file")
            report.outcomes.append(_store(item, options, settings, index, root))
            if source_id and report.outcomes[-1].status != "failed":  # (one that failed gave it to no file)
                first_of.setdefault(source_id, item.article.origin)
            if report.outcomes[-1].status in ("created", "updated", "unchanged"):
                _collect_stubs(item.actors, stubs)
    report.profiles_created = _write_stubs(root, stubs, report.warnings, write=not options.dry_run)
    return report


def _times_without_zone(articles: list[WireArticle], settings: Settings) -> list[str]:
    """One warning for the articles whose copy gives a time without a time zone ("3/22/2025
    1:33:08 AM"): written without an offset, each is read in the site's time zone, which may not
    be the wire's; one line for them all (a corpus may have thousands)."""
    origins = [a.origin for a in articles if isinstance(a.date, datetime) and a.date.tzinfo is None]
    if not origins:
        return []
    more = f" (and {len(origins) - 1:,} more)" if len(origins) > 1 else ""
    return [f"{origins[0]}{more}: a time without a time zone; written without an offset, so read in the site's "
            f"time zone ({settings.timezone}): add the wire's zone to the date if it is another"]


# -- inputs ------------------------------------------------------------------------------------

def expand_inputs(paths: Sequence[str], report: ImportReport) -> Iterator[str]:
    """Files as given; folders walked in sorted order (hidden and editor temp files skipped). A
    named pipe given by name (``<(zcat wire.gz)``, /dev/stdin) is read like ``-``; any other thing
    that is not a regular file is reported, never opened: reading it could block or never end."""
    for given in paths:
        mode = stat.S_IFREG if given == "-" else _mode(given)  # "-": standard input, read by the caller
        if isinstance(mode, str):
            report.outcomes.append(Outcome(given, "failed", reason=mode))
        elif stat.S_ISDIR(mode):
            yield from _walk(Path(given), report)
        elif stat.S_ISREG(mode) or stat.S_ISFIFO(mode):
            yield given
        else:
            report.outcomes.append(Outcome(given, "failed", reason=f"{_special(mode)}, not a file or "
                                           "folder; not read (give - to read standard input)"))


def _walk(folder: Path, report: ImportReport) -> Iterator[str]:
    left_out: Counter[str] = Counter()  # by suffix: said, so a folder of .xml files is no silent "0 articles"
    for top, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.startswith((".", "~", "#")):
                continue
            if Path(name).suffix.lower() not in INPUT_SUFFIXES:
                if not name.endswith("~"):  # (an editor's backup is no input anyone meant)
                    left_out[Path(name).suffix.lower()] += 1
                continue
            path = str(Path(top) / name)
            mode = _mode(path)
            if isinstance(mode, int) and stat.S_ISREG(mode):
                yield path
            else:
                reason = mode if isinstance(mode, str) else f"{_special(mode)}, not a regular file; not read"
                report.outcomes.append(Outcome(path, "failed", reason=reason))
    if left_out:
        count = left_out.total()
        report.warnings.append(f"{folder}: {count:,} {'file' if count == 1 else 'files'} not read "
                               f"({', '.join(sorted(left_out))}): from a folder only {', '.join(INPUT_SUFFIXES[:-1])} "
                               "files and files without a suffix are read; name a file to read it whatever its suffix")


def _mode(path: str) -> int | str:
    """The file type and mode of ``path`` (links followed), or why it has none."""
    try:
        return os.stat(path).st_mode
    except FileNotFoundError:
        return "a broken link" if os.path.islink(path) else "no such file or folder"
    except OSError as exc:
        return f"cannot read: {exc.strerror or exc}"


def _special(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    return "a socket" if stat.S_ISSOCK(mode) else "a device"


def _parse_inputs(inputs: list[str], format_name: str, stdin: bytes | None, workers: int,
                  report: ImportReport, progress: Progress) -> list[WireArticle]:
    items = [(name, format_name, _read_here(name, stdin)) for name in inputs]
    articles: list[WireArticle] = []
    results = _map(_parse_one, items, workers, None, parallel=len(items) >= PARALLEL_FROM,
                   progress=progress, label="reading")
    for name, (result, encoding) in zip(inputs, results, strict=True):
        if encoding == TWICE:
            report.warnings.append(_twice(name))
        elif encoding:
            report.warnings.append(f"{name}: not UTF-8; read as {encoding}")
        if isinstance(result, Failure):
            report.outcomes.append(Outcome(result.origin, "failed", reason=result.reason))
        else:
            for item in result:
                if isinstance(item, Failure):
                    report.outcomes.append(Outcome(item.origin, "failed", reason=item.reason))
                else:
                    report.warnings.extend(f"{item.origin}: {note}" for note in item.notes)
                    articles.append(_without_unsafe_url(_in_headline_case(_without_sign_off(_one_line(
                        _as_first_written(item, report)))), report))
    return articles


def _as_first_written(article: WireArticle, report: ImportReport) -> WireArticle:
    """One article's text UTF-8 encoded twice, which the whole input's check cannot see: JSON Lines
    escape it ("\\u00c3\\u00a9"), or records written right sit beside it in one file."""
    fields = (article.title, article.summary, article.author, *article.paragraphs)
    if undoubled("\n".join(fields)) is None:
        return article

    def fix(text: str) -> str:
        return undoubled(text, signs=0) or text
    report.warnings.append(_twice(article.origin))
    return replace(article, title=fix(article.title), summary=fix(article.summary), author=fix(article.author),
                   paragraphs=tuple(map(fix, article.paragraphs)))


def _twice(origin: str) -> str:
    return f"{origin}: {TWICE} ('CafÃ©' for 'Café'); read as first written"


def _one_line(article: WireArticle) -> WireArticle:
    """Fields that are one line of text in front matter (a byline, a summary from a JSON record or
    a page's description) with their line breaks and runs of spaces made one space: written as
    they came, they were multi-line YAML that editors and the importer's own index misread."""
    names = ("source", "provider", "author", "dateline", "summary", "source_url")
    joined: dict[str, object] = {name: " ".join(str(getattr(article, name)).split()) for name in names}
    # The title as the build shows it, which its URL is made from: taken as the copy wrote it
    # ("Oil\ufffeprices"), the importer's slug was not the build's, and two files took one URL.
    joined["title"] = clean_text(article.title)
    for name in ("tags", "actors"):  # the same for names, or one actor got two profile stubs
        joined[name] = tuple(dict.fromkeys(filter(None, map(clean_text, getattr(article, name)))))
    changed = {name: value for name, value in joined.items() if value != getattr(article, name)}
    return replace(article, **changed) if changed else article  # type: ignore[arg-type]


def _without_sign_off(article: WireArticle) -> WireArticle:
    """The wire's "Reuter" or "(end)" goes; the agency it names is the source when none is given."""
    paragraphs, agency = sign_off(article.paragraphs)
    if tuple(paragraphs) == article.paragraphs:
        return article
    return replace(article, paragraphs=tuple(paragraphs), source=article.source or agency)


def _in_headline_case(article: WireArticle) -> WireArticle:
    """An all-capitals title, as old wires wrote them, written as its body writes its words."""
    title = headline_case(article.title, article.paragraphs)
    return article if title == article.title else replace(article, title=title)


def _read_here(name: str, stdin: bytes | None) -> bytes | OSError | None:
    """Standard input and named pipes are read once, in this process: a worker process may not
    have the pipe (``/dev/fd/63``). Files are read by whichever process parses them."""
    if name == "-":
        return stdin
    try:
        return Path(name).read_bytes() if stat.S_ISFIFO(os.stat(name).st_mode) else None
    except OSError as exc:
        return exc


def _without_unsafe_url(article: WireArticle, report: ImportReport) -> WireArticle:
    """A source URL the build would refuse (``javascript:``, a site path, over-long) is dropped
    with a warning: the article is still worth importing, and its file must build."""
    url = article.source_url
    if not url or _is_web_address(url):
        return article
    shown = url if len(url) <= 80 else url[:80] + "..."
    report.warnings.append(f"{article.origin}: url {shown!r} left out (the article's source_url): expected an http(s) "
                           f"address of at most {MAX_URL:,} characters")
    return replace(article, source_url="")


def _is_web_address(url: str) -> bool:
    """http(s) with a host, within the build's length limit; and, should the two ever drift
    apart, what the build itself takes for a safe URL."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return (parts.scheme.lower() in ("http", "https") and bool(parts.netloc) and len(url) <= MAX_URL
            and is_safe_url(url))


def _parse_one(item: tuple[str, str, bytes | OSError | None]) -> tuple[list[WireArticle | Failure] | Failure, str]:
    """The articles in one input, or the reason it cannot be read; and the encoding assumed for
    it when it is not UTF-8 (told in the report: a wrong guess garbles every accented letter)."""
    name, format_name, data = item
    try:
        if isinstance(data, OSError):
            raise data
        if data is None:
            data = Path(name).read_bytes()
        encoding = _assumed_encoding(data)
        chosen = formats.detect(name, data) if format_name == "auto" else format_name
        if chosen == "jsonl":
            return formats.jsonl.parse_lines(data, name), encoding
        articles: list[WireArticle | Failure] = list(formats.PARSERS[chosen](data, name))
        return articles, encoding
    except ParseErrors as several:  # one input failed: each reason on a line of its own, named by its line
        first, *others = several.errors
        return Failure(_origin(name, first), "\n".join([str(first), *(f"{_origin(name, e)}: {e}" for e in others)])), ""
    except ParseError as exc:
        return Failure(_origin(name, exc), str(exc)), ""
    except OSError as exc:
        return Failure(name, f"cannot read: {exc.strerror or exc}"), ""


def _origin(name: str, error: ParseError) -> str:
    """An input named by the line to blame, where there is one: "wire.txt:3"."""
    return f"{name}:{error.line}" if error.line else name


def _assumed_encoding(data: bytes) -> str:
    """The encoding an input that is not UTF-8 is read in ("" for UTF-8, the usual case, which
    costs one decode; the parsers decode on their own, in their own way)."""
    try:
        return TWICE if undoubled(data.decode("utf-8")) is not None else ""
    except UnicodeDecodeError:
        pass
    try:
        return decoded(data, None)[1]
    except ParseError:
        return ""  # the parser says why


# -- recognition -------------------------------------------------------------------------------

_context: dict[str, object] = {}


def _set_context(known: list[KnownActor], rules: list[TagRule]) -> None:
    """Build the actor finder once per process, not once per article."""
    _context.update(finder=ActorFinder(known), rules=rules)


def _recognise(article: WireArticle) -> Recognised | Failure:
    """Actors and tags for one article; an unexpected failure is that article's, not the import's."""
    try:
        return _recognise_one(article)
    except Exception as exc:
        return Failure(article.origin, f"actor recognition failed ({type(exc).__name__}: {exc}); "
                       "please report this input")


def _recognise_one(article: WireArticle) -> Recognised:
    finder = _context["finder"]
    rules = _context["rules"]
    assert isinstance(finder, ActorFinder) and isinstance(rules, list)
    prose = [p for p in article.paragraphs if table_text(p) is None]  # ("HRW" in a grain table is wheat)
    found = finder.find(article.title, prose)
    tags = find_tags(article.title, prose, found, rules)
    seen = _spellings(found)
    given = [FoundActor(_as_written(name, prose), "other", (), False, 1) for name in article.actors
             if name_key(name) not in seen and name_key(name.replace("-", " ")) not in seen]
    merged_tags = list(dict.fromkeys([*article.tags, *tags]))
    return Recognised(article, tuple(merged_tags), tuple(found) + tuple(given))


def _spellings(found: Sequence[FoundActor]) -> set[str]:
    """What the record's own actor list may call an actor the text names: its name, its aliases,
    and a person's surname (Reuters-21578 lists 'chirac' and 'volcker' beside the text's
    'Jacques Chirac' and 'Paul Volcker', which would have made them actors of their own)."""
    keys: set[str] = set()
    for actor in found:
        keys.update(name_key(spelling) for spelling in (actor.name, *actor.aliases))
        if actor.kind == "person":
            keys.add(name_key(actor.name.split()[-1]))
    return keys


def _as_written(name: str, paragraphs: Sequence[str]) -> str:
    """A name the record lists in lower case, a code ('volcker', 'de-la-madrid', 'gatt'), as the
    body writes it ('Volcker', 'de la Madrid', 'GATT'; titles may be all capitals); as it is when
    the body has no such word."""
    if not name.islower():
        return name
    words = r"[- ]".join(map(re.escape, name.split("-")))
    pattern = re.compile(rf"(?<![\w-]){words}(?![\w-])", re.IGNORECASE)
    for paragraph in paragraphs:
        for match in pattern.finditer(paragraph):
            if not match.group().islower():
                return match.group()
    return name


def load_profiles(root: Path) -> tuple[list[KnownActor], list[TagRule]]:
    """Actor profiles become known actors; tag profiles with ``keywords`` become tag rules."""
    known: list[KnownActor] = []
    rules: list[TagRule] = []
    sources, _ = read_sources(root, root / "content")
    for source in sources:
        is_actor = source.rel.startswith("content/actors/")
        if not (is_actor or source.rel.startswith("content/tags/")):
            continue
        if emit.untouched(source.data.decode("utf-8", "replace")):
            # A stub the importer wrote and no editor has curated: what it holds was found in
            # the copy, so using it would change recognition (and so re-imports) for nothing.
            continue
        doc = parse_document(source)
        profile = None if isinstance(doc, list) else validate_profile(doc, is_actor, False)
        if not isinstance(profile, Profile):
            continue  # a broken profile is reported by the build; the import goes on without it
        if is_actor:
            known.append(KnownActor(profile.name, profile.kind, profile.aliases))
        elif profile.keywords:
            rules.append(TagRule(profile.name, profile.keywords))
    return known, rules


# -- storing -----------------------------------------------------------------------------------

def _store(item: Recognised, options: ImportOptions, settings: Settings, index: ContentIndex,
           root: Path) -> Outcome:
    zone = settings.zone
    article = item.article
    when = article.date or options.date
    if when is None:
        return Outcome(article.origin, "failed",
                       reason="no date in the text; give one with --date YYYY-MM-DD")
    stated = dateline_date(article.dateline, when.year) if article.date is None and article.dateline else None
    if stated is not None and (stated.month, stated.day) != (when.month, when.day):
        return Outcome(article.origin, "failed", reason=(
            f"its dateline {article.dateline!r} gives another day than --date {when.isoformat()}: give its "
            f"day (--date {stated.isoformat()}), or import it on its own"))
    slug = slugify(article.title)
    if not slug:
        return Outcome(article.origin, "failed", reason="the title has no letters or digits for a file name")
    day = local_day(when, zone)
    if day is None:
        return Outcome(article.origin, "failed", reason=f"the date {when.isoformat()} leaves years 1-9999 "
                       "in UTC or in the site time zone")
    found = _target(article, when, day, slug, index, root)
    if isinstance(found, str):
        return Outcome(article.origin, "failed", reason=found)
    target, url_slug = found
    rel = target.relative_to(root).as_posix()
    blocked = not_a_folder(root, target.parent)
    if blocked:
        return Outcome(article.origin, "failed", rel, f"cannot write {rel}: {blocked}")
    language = language_of(" ".join((article.title, *article.paragraphs[:3])))
    if language == settings.language.split("-")[0].lower():
        language = ""  # the site's ("ar" on an "ar-EG" site too): nothing to mark
    url = f"{day_path(day)}{url_slug or slug}/"
    old_urls = _old_urls(index.by_path.get(target), article, url)
    text = emit.article_text(article, when, item.tags, [a.name for a in item.actors], url_slug, language,
                             [f"/{path}" for path in old_urls])
    return _write(article.origin, target, rel, text, options, index, article, when, url_slug, (url, *old_urls),
                  settings)


def _old_urls(existing: Existing | None, article: WireArticle, url: str) -> tuple[str, ...]:
    """The site paths an article updated by its source id leaves, to keep as its ``aliases:``: a
    corrected date moves its URL (links to the old one are out there), and old URLs kept before
    stay kept."""
    if existing is None or not existing.source_id or existing.source_id != article.source_id:
        return ()
    # The old URLs first, in their order, then the URL just left: the first old URL is the
    # article's feed entry id (views/special.py ``_first_path``), which must never change.
    own, *kept = existing.urls or ("",)
    return tuple(path for path in (*kept, own) if path and path != url)


MAX_SAME_NAME = 10_000  # slug, slug-2, ... slug-9999: a search for a free name must end somewhere


def _target(article: WireArticle, when: date, day: date, slug: str, index: ContentIndex,
            root: Path) -> tuple[Path, str] | str:
    """The file for this article and its ``slug:`` ("" for the title's own): its own file when
    the source id is known, else a free name whose URL no other article takes; or why there is
    none."""
    if article.source_id and article.source_id in index.by_source_id:
        existing = index.by_source_id[article.source_id]
        # A corrected headline keeps the article's URL (its slug written out): links to it stay good.
        kept = existing.slug or slugify(clean_text(existing.title)) or slug
        owner = index.url_owner(f"{day_path(day)}{kept}/", existing.path)
        if owner is None:
            return existing.path, existing.slug or ("" if kept == slug else kept)
        return (f"its file {existing.path.relative_to(root).as_posix()} would take the URL "
                f"/{day_path(day)}{kept}/ of {owner.relative_to(root).as_posix()}; "
                "set a different 'slug:' in one of them")
    folder = root / "content" / f"{day.year:04d}" / f"{day.month:02d}"
    date_text = front_matter_date(when)
    for number in range(1, MAX_SAME_NAME):
        name = slug if number == 1 else f"{slug}-{number}"
        path = folder / f"{name}.md"
        taken = index.by_path.get(path)
        if taken is None and not path.exists() and index.url_owner(f"{day_path(day)}{name}/", path) is None:
            return path, "" if number == 1 else name
        if taken and _same_copy(taken, article, date_text, index):
            return path, taken.slug
    return (f"{MAX_SAME_NAME - 1:,} articles of that month already have this title's file name or URL "
            f"({slug}.md, {slug}-2.md, ...); give this one another title")


def _same_copy(taken: Existing, article: WireArticle, date_text: str, index: ContentIndex) -> bool:
    """Whether a file holds this article, which has no source id: a file the importer wrote,
    without a source id either, with the same title (whatever its case: an all-capitals one
    imported before headline case is the same article), date and copy. Two stories under one
    headline on one day are two articles; an editor's own file is never taken for an import."""
    if not taken.imported or taken.source_id or article.source_id or \
            (clean_text(taken.title).casefold(), taken.date) != (article.title.casefold(), date_text):
        return False
    if taken.copy_hash:
        return taken.copy_hash == emit.copy_hash(article.paragraphs)
    # Imported before files carried a copy hash: the same copy is the same body, as written.
    planned = index.planned.get(taken.path)
    text = planned if planned is not None else read_text(taken.path)
    body = (text or "").split("\n---\n", 1)[-1].lstrip("\n")
    return body == emit.body_markdown(article.paragraphs)


def _write(origin: str, target: Path, rel: str, text: str, options: ImportOptions, index: ContentIndex,
           article: WireArticle, when: date, slug: str, urls: tuple[str, ...], settings: Settings) -> Outcome:
    planned = index.planned.get(target)  # a dry run's earlier article on this file, as if written
    on_disk = planned is None and target.exists()
    current = planned if planned is not None else read_text(target) if on_disk else None
    if on_disk and current is None:  # (an editor saved it in another encoding: whose it is is unknown)
        return Outcome(origin, "skipped", rel, "its file is not UTF-8 text, or cannot be read; the importer "
                       "never writes over it, even with --force (save it as UTF-8 to let imports update it)")
    if current == text:
        return Outcome(origin, "unchanged", rel)
    if current is not None and planned is None and stored_hash(current) is None:  # (found by its source_id)
        return Outcome(origin, "skipped", rel, "an editor's own file (no import_hash) holds this source_id; "
                       "the importer never writes over it, even with --force")
    edited = current is not None and planned is None and not may_overwrite(target, False)
    if edited and not options.force:
        return Outcome(origin, "skipped", rel, "edited since import; use --force to overwrite")
    refused = refusal(rel, text, settings)  # (only for text about to be written: it costs a parse)
    if refused:
        return Outcome(origin, "failed", rel, f"the build would refuse it: {refused}")
    if options.dry_run:
        index.planned[target] = text
    else:
        try:
            write_atomic(target, text)
        except OSError as exc:  # permissions, a full disk: this article fails, the import goes on
            return Outcome(origin, "failed", rel, f"cannot write {rel}: {exc.strerror or exc}")
    copy = "" if article.source_id else emit.copy_hash(article.paragraphs)
    index.remember(Existing(target, article.title, front_matter_date(when), article.source_id, slug, copy,
                            urls=urls))
    # (said: an editor's changes to it are gone, which --force allowed but nobody may have meant)
    return Outcome(origin, "created" if current is None else "updated", rel,
                   "an editor's changes to it were overwritten (--force)" if edited else "")


def _collect_stubs(actors: Iterable[FoundActor], stubs: dict[str, tuple[str, set[str]]]) -> None:
    for actor in actors:
        if not actor.known:
            _, aliases = stubs.setdefault(actor.name, (actor.kind, set()))
            aliases.update(actor.aliases)


def _write_stubs(root: Path, stubs: dict[str, tuple[str, set[str]]], warnings: list[str],
                 write: bool = True) -> list[str]:
    """A profile stub for each new actor, for an editor to curate; existing profiles stay as they
    are. A stub never claims a spelling that another profile, or another new actor, also uses
    ("Taylor" for both Alex and Allan Taylor): the build would rightly refuse two owners.
    Stubs that cannot be written are a warning: the articles are imported all the same.
    ``write=False`` (a dry run): the files it would write, none written."""
    blocked = not_a_folder(root, root / "content" / "actors")
    if blocked and stubs:
        warnings.append(f"no actor profile stubs written: {blocked}")
        return []
    claimed = _claimed_spellings(root)
    counts = Counter(name_key(a) for name in stubs for a in {name, *stubs[name][1]})
    created = []
    for name in sorted(stubs):
        kind, aliases = stubs[name]
        slug = slugify(name)
        path = root / "content" / "actors" / f"{slug}.md"
        if not slug or path.exists() or name_key(name) in claimed:
            continue
        own = sorted(a for a in aliases if name_key(a) not in claimed and counts[name_key(a)] == 1
                     and name_key(a) != name_key(name))
        try:
            if write:
                write_atomic(path, emit.profile_text(name, kind, own))
        except OSError as exc:
            warnings.append(f"{path.relative_to(root).as_posix()}: actor profile stub not written: "
                            f"{exc.strerror or exc}")
            continue
        claimed.update({name_key(name): name, **{name_key(a): name for a in own}})
        created.append(path.relative_to(root).as_posix())
    return created


def _claimed_spellings(root: Path) -> dict[str, str]:
    """Every name and alias of the actor profiles already in content/actors."""
    claimed: dict[str, str] = {}
    sources, _ = read_sources(root, root / "content" / "actors")
    for source in sources:
        doc = parse_document(replace(source, rel="content/actors/" + source.rel.rsplit("/", 1)[-1]))
        profile = None if isinstance(doc, list) else validate_profile(doc, True, False)
        if isinstance(profile, Profile):
            for spelling in (profile.name, *profile.aliases):
                claimed.setdefault(name_key(spelling), profile.name)
    return claimed


# -- work in parallel --------------------------------------------------------------------------

def _map(function: Callable[[T], R], items: Sequence[T], workers: int,
         context: tuple[list[KnownActor], list[TagRule]] | None, *, parallel: bool,
         progress: Progress, label: str) -> list[R]:
    """``function`` over ``items``, in a process pool when there is enough work to pay for it."""
    if context is not None:
        _set_context(*context)
    done: list[R] = []
    with step(progress, label, len(items)) as shown:
        # (forked workers inherit the recognisers' context set above)
        for result in pool_map(function, items, workers, parallel=parallel, chunksize=16):
            done.append(result)
            shown.advance()
    return done


def print_report(report: ImportReport, verbose: bool = True) -> None:
    # Input names and the copy quoted in reasons are escaped: an input named with a terminal's
    # escape codes must not clear (or retitle) the terminal its report is read in.
    for outcome in sorted(report.outcomes, key=_input_order):
        if outcome.status == "failed":
            print(printable(f"{outcome.origin}: {outcome.reason}"), file=sys.stderr)
        elif verbose and outcome.status == "skipped":
            print(printable(f"{outcome.origin}: skipped {outcome.path}: {outcome.reason}"), file=sys.stderr)
        elif outcome.status == "updated" and outcome.reason:
            print(printable(f"{outcome.origin}: updated {outcome.path}: {outcome.reason}"), file=sys.stderr)
    for warning in report.warnings:
        print(printable(f"warning: {warning}"), file=sys.stderr)
    for path in report.profiles_created:
        print(printable(f"{'would write' if report.dry_run else 'new'} actor profile: {path}"))
    print(report.summary())


def _input_order(outcome: Outcome) -> tuple[str, int]:
    """Outcomes as their inputs come: by file, then by record ("in.jsonl:10" after "in.jsonl:9"),
    whichever step found them (a record that is no JSON fails before one without a date)."""
    name, colon, number = outcome.origin.rpartition(":")
    return (name, int(number)) if colon and number.isdigit() else (outcome.origin, 0)
