"""Typed site settings, read from ``[tool.archive]`` in ``ROOT/pyproject.toml``."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from builder.errors import BuildFailed, SourceError


@dataclass(frozen=True)
class Settings:
    title: str = "News Archive"
    description: str = "An archive of news articles."
    base_url: str = "http://localhost:8000/"
    language: str = "en"
    timezone: str = "UTC"
    per_page: int = 20
    feed_size: int = 20
    related_count: int = 5
    actor_page_min: int = 2  # an actor gets a page and a feed from this many articles (or with a profile)
    allow_html: bool = False  # raw HTML in Markdown; imported copy is untrusted, so off
    publisher: str = ""
    search_patch_pages: int = 64  # changed pages indexed on their own before their year is again (builder.search)

    @property
    def base_path(self) -> str:
        """The URL path the site lives under, always with a leading and trailing slash."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    @property
    def origin(self) -> str:
        """Scheme and host of the base URL, without a path."""
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.netloc}"

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


_TYPES: dict[str, type] = {f.name: type(f.default) for f in fields(Settings)}


def load_settings(root: Path, base_url: str | None = None) -> Settings:
    """Settings from the project file, with the command line's base URL winning."""
    settings, errors = read_settings(root, base_url)
    if errors:
        raise BuildFailed(errors)
    return settings


def read_settings(root: Path, base_url: str | None = None) -> tuple[Settings, list[SourceError]]:
    """Settings and their errors; on errors the settings are usable defaults, so a build can go
    on checking the content and report every problem at once."""
    path = root / "pyproject.toml"
    table: dict[str, Any] = {}
    if path.is_file():
        try:
            table = tomllib.loads(path.read_text("utf-8")).get("tool", {}).get("archive", {})
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            return Settings(), [SourceError("pyproject.toml", 0, 0, "", f"not valid TOML: {exc}")]
    settings, errors = _settings_from_table(table)
    if base_url is not None:
        settings = replace(settings, base_url=base_url)
        errors += _check_base_url(settings.base_url, "--base-url")
    return (settings, []) if not errors else (_usable(settings), errors)


def _usable(settings: Settings) -> Settings:
    try:
        settings.zone  # noqa: B018 - validates the name
    except (ZoneInfoNotFoundError, ValueError):
        settings = replace(settings, timezone="UTC")
    return replace(settings, per_page=max(1, settings.per_page), feed_size=max(1, settings.feed_size),
                   related_count=max(0, settings.related_count),
                   search_patch_pages=max(0, settings.search_patch_pages))


def _settings_from_table(table: dict[str, Any]) -> tuple[Settings, list[SourceError]]:
    errors: list[SourceError] = []
    values: dict[str, Any] = {}
    for key, value in table.items():
        where = SourceError("pyproject.toml", 0, 0, f"tool.archive.{key}")
        expected = _TYPES.get(key)
        if expected is None:
            errors.append(replace(where, message=f"unknown setting; known: {', '.join(_TYPES)}"))
        elif type(value) is not expected:
            errors.append(replace(where, message=f"expected {expected.__name__}, got {value!r}"))
        else:
            values[key] = value
    settings = Settings(**values)
    if (settings.per_page < 1 or settings.feed_size < 1 or settings.related_count < 0
            or settings.search_patch_pages < 0):
        errors.append(SourceError("pyproject.toml", 0, 0, "tool.archive", "counts must be positive"))
    try:
        settings.zone  # noqa: B018 - validates the name
    except (ZoneInfoNotFoundError, ValueError):
        errors.append(SourceError("pyproject.toml", 0, 0, "tool.archive.timezone",
                                  f"unknown time zone {settings.timezone!r}; "
                                  "e.g. 'UTC' or 'Europe/Berlin'"))
    errors += _check_base_url(settings.base_url, "tool.archive.base_url")
    return settings, errors


def _check_base_url(url: str, field: str) -> list[SourceError]:
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.netloc and not parts.query and not parts.fragment:
        return []
    return [SourceError("pyproject.toml" if field.startswith("tool") else "command line", 0, 0, field,
                        "expected an absolute http(s) URL such as https://user.github.io/repo/, "
                        f"got {url!r}")]
