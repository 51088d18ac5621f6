"""Markdown files the importer writes: front matter in a fixed order, escaped body, and an
``import_hash`` that tells later imports whether an editor has changed the file since."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from datetime import date, datetime

import yaml

from builder.importer.dates import front_matter_date
from builder.importer.record import WireArticle
from builder.importer.text import escape_markdown, heading_text, list_item_text

HASH_FIELD = "import_hash"
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter: ten times faster
_HASH_LINE = re.compile(rf"^{HASH_FIELD}:.*\n", re.MULTILINE)


def yaml_field(key: str, value: object) -> str:
    """One ``key: value`` line; lists in flow style, strings quoted only when YAML needs it."""
    flow = isinstance(value, list)
    dumped = yaml.dump({key: value}, Dumper=_DUMPER, allow_unicode=True, default_flow_style=flow and None,
                       sort_keys=False, width=1_000_000)
    return dumped if dumped.endswith("\n") else dumped + "\n"


def article_text(article: WireArticle, when: datetime | date, tags: Sequence[str],
                 actors: Sequence[str], slug: str = "", language: str = "") -> str:
    fields: list[tuple[str, object]] = [
        ("title", article.title),
        ("date", front_matter_date(when)),
        ("source", article.source),
        ("provider", article.provider),
        ("source_id", article.source_id),
        ("source_url", article.source_url),
        ("author", article.author),
        ("dateline", article.dateline),
        ("summary", article.summary),
        ("tags", list(tags)),
        ("actors", list(actors)),
        ("slug", slug),
        ("language", language),
    ]
    front = "".join(_date_line(v) if k == "date" else yaml_field(k, v) for k, v in fields if v)
    return with_hash(f"---\n{front}---\n\n{body_markdown(article.paragraphs)}")


def _date_line(value: object) -> str:
    return f"date: {value}\n"  # ISO 8601 as written, unquoted: the builder reads it exactly


def body_markdown(paragraphs: Sequence[str]) -> str:
    """Paragraphs separated by blank lines; list items grouped into Markdown lists."""
    out: list[str] = []
    for paragraph in paragraphs:
        heading = heading_text(paragraph)
        if heading is not None:
            out.append("### " + escape_markdown(heading))
            continue
        item = list_item_text(paragraph)
        if item is not None:
            line = "- " + escape_markdown(item)
            if out and out[-1].startswith("- "):
                out[-1] += "\n" + line
                continue
            out.append(line)
        else:
            out.append(escape_markdown(paragraph))
    return "\n\n".join(out) + "\n"


def profile_text(name: str, kind: str, aliases: Sequence[str]) -> str:
    front = yaml_field("name", name) + yaml_field("kind", kind)
    if aliases:
        front += yaml_field("aliases", sorted(aliases))
    front += 'description: ""\n'
    return with_hash(f"---\n{front}---\n")


def content_hash(text: str) -> str:
    """The hash of a file's text without its own hash line."""
    return hashlib.sha256(_HASH_LINE.sub("", text).encode("utf-8")).hexdigest()[:20]


def with_hash(text: str) -> str:
    head, sep, rest = text.partition("\n---\n")
    return f"{head}\n{HASH_FIELD}: {content_hash(text)}{sep}{rest}"


def stored_hash(text: str) -> str | None:
    match = re.search(rf"^{HASH_FIELD}:\s*(\S+)\s*$", text.split("\n---", 2)[0] if text.startswith("---")
                      else "", re.MULTILINE)
    return match.group(1) if match else None


def untouched(text: str) -> bool:
    """True when the file is byte for byte what the importer wrote (its hash still matches)."""
    stored = stored_hash(text)
    return stored is not None and stored == content_hash(text)
