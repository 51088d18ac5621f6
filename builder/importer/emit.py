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
from builder.importer.text import escape_markdown, heading_text, list_item_number, list_item_text, table_text
from builder.stamps import HASH_FIELD, content_hash, stored_hash, untouched, with_hash

__all__ = ["HASH_FIELD", "article_text", "body_markdown", "content_hash", "copy_hash", "profile_text",
           "stored_hash", "untouched", "with_hash", "yaml_field"]

COPY_FIELD = "copy_hash"  # what an article without a source id is known by: its own copy
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter: ten times faster


def yaml_field(key: str, value: object) -> str:
    """One ``key: value`` line; lists in flow style, strings quoted only when YAML needs it."""
    flow = isinstance(value, list)
    dumped = yaml.dump({key: value}, Dumper=_DUMPER, allow_unicode=True, default_flow_style=flow and None,
                       sort_keys=False, width=1_000_000)
    return dumped if dumped.endswith("\n") else dumped + "\n"


def article_text(article: WireArticle, when: datetime | date, tags: Sequence[str],
                 actors: Sequence[str], slug: str = "", language: str = "", aliases: Sequence[str] = ()) -> str:
    fields: list[tuple[str, object]] = [
        ("title", article.title),
        ("date", front_matter_date(when)),
        ("source", article.source),
        ("provider", article.provider),
        ("source_id", article.source_id),
        (COPY_FIELD, "" if article.source_id else copy_hash(article.paragraphs)),
        ("source_url", article.source_url),
        ("author", article.author),
        ("dateline", article.dateline),
        ("summary", article.summary),
        ("tags", list(tags)),
        ("actors", list(actors)),
        ("slug", slug),
        ("aliases", list(aliases)),
        ("language", language),
    ]
    front = "".join(_date_line(v) if k == "date" else yaml_field(k, v) for k, v in fields if v)
    return with_hash(f"---\n{front}---\n\n{body_markdown(article.paragraphs)}")


def _date_line(value: object) -> str:
    return f"date: {value}\n"  # ISO 8601 as written, unquoted: the builder reads it exactly


def body_markdown(paragraphs: Sequence[str]) -> str:
    """Paragraphs separated by blank lines; list items grouped into Markdown lists. Numbered items
    keep their numbers: counting on from the list's first one they are a numbered list (which
    Markdown numbers the same); an item out of sequence (1, 2, 10) keeps its number as text."""
    out: list[str] = []
    following: int | None = None  # the number the open numbered list would give its next item
    for paragraph in paragraphs:
        table = table_text(paragraph)
        if table is not None:
            out.append(_code_block(table))
            following = None
            continue
        heading = heading_text(paragraph)
        item = None if heading is not None else list_item_text(paragraph)
        number = None if item is None else list_item_number(paragraph)
        if heading is not None:
            out.append("### " + escape_markdown(heading))
        elif item is None:
            out.append(escape_markdown(paragraph))
        elif number is None:
            line = "- " + escape_markdown(item)
            if out and out[-1].startswith("- "):
                out[-1] += "\n" + line
            else:
                out.append(line)
        elif number == following:
            out[-1] += f"\n{number}. {escape_markdown(item)}"
        elif following is None:
            out.append(f"{number}. {escape_markdown(item)}")
        else:
            out.append(escape_markdown(paragraph))  # out of sequence: "10\. ..." as text
            number = None
        following = number + 1 if number is not None else None
    return "\n\n".join(out) + "\n"


def _code_block(text: str) -> str:
    """Lines shown as they are (a table's columns line up only in a fixed-width font); the fence
    is longer than any run of backticks inside, so no line of the text can close it."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}\n{text}\n{fence}"


def profile_text(name: str, kind: str, aliases: Sequence[str]) -> str:
    front = yaml_field("name", name) + yaml_field("kind", kind)
    if aliases:
        front += yaml_field("aliases", sorted(aliases))
    front += 'description: ""\n'
    return with_hash(f"---\n{front}---\n")


def copy_hash(paragraphs: Sequence[str]) -> str:
    """The identity of a body's copy: its text without white space, so that a later importer
    splitting paragraphs or lines differently still knows the same copy, while one word more or
    less is another article (two stories under one headline on one day are not one story)."""
    return hashlib.sha256("".join("".join(paragraphs).split()).encode("utf-8")).hexdigest()[:20]
