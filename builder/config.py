"""Typed site settings, read from ``[tool.archive]`` in ``ROOT/pyproject.toml``."""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from builder.errors import BuildFailed, SourceError, closest
from builder.language import tag_error


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
    listing_summaries: bool = True  # every listing shows each article's summary; false: the home page only
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
    table: Any = {}
    text = ""
    if path.is_file():
        try:
            text = path.read_text("utf-8")
            table = tomllib.loads(text)
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            return Settings(), [_toml_error(str(exc))]
        except OSError as exc:
            return Settings(), [SourceError("pyproject.toml", 0, 0, "", f"cannot be read: {exc.strerror or exc}")]
    elif path.exists() or path.is_symlink():  # (was passed over: the build went on with the defaults)
        what = "a folder" if path.is_dir() else "a symbolic link to nothing" if path.is_symlink() else "not a file"
        return Settings(), [SourceError("pyproject.toml", 0, 0, "", f"{what}, not the project's settings "
                                        "file; make it a TOML file, or remove it to build with the defaults")]
    for key in ("tool", "archive"):
        table = table.get(key, {})
        if not isinstance(table, dict):
            field = "tool" if key == "tool" else "tool.archive"
            return Settings(), [SourceError("pyproject.toml", _line_of(text, "", key), 0, field,
                                            f"expected a table of settings ([{field}]), got {as_toml(table)}")]
    settings, errors = _settings_from_table(table, text)
    if base_url is not None:
        settings = replace(settings, base_url=base_url.strip())
        errors += _check_base_url(settings.base_url, "--base-url")
    if errors:
        return _usable(settings), errors
    return replace(settings, base_url=uri(settings.base_url)), []


def _toml_error(message: str) -> SourceError:
    """tomllib's "... (at line 4, column 14)" with the place where every error has it."""
    place = re.search(r" \(at line (\d+), column (\d+)\)$", message)
    if place is None:
        return SourceError("pyproject.toml", 0, 0, "", f"not valid TOML: {message}")
    return SourceError("pyproject.toml", int(place[1]), int(place[2]), "",
                       f"not valid TOML: {message[:place.start()]}")


def uri(url: str) -> str:
    """A base URL written as readers write it (``https://user.github.io/archiv-für-alle/``) as
    the URI that feeds, the sitemap, links and the dev server need: the path percent-encoded
    (``/archiv-f%C3%BCr-alle/``, escapes already there kept) and the host in lower case, in IDNA
    when not ASCII."""
    parts = urlsplit(url)
    netloc = parts.netloc
    # The host in lower case (RFC 3986, 6.2.2.1): feed ids are compared character by character, and
    # a rebuild with "User.GitHub.io" written otherwise made every entry new to feed readers.
    host = parts.hostname or ""  # (lower case already: "Bücher.de" is written with a capital)
    try:
        written = host if host.isascii() else host.encode("idna").decode("ascii")
        netloc = re.sub(re.escape(host), written, netloc, count=1, flags=re.IGNORECASE)
    except UnicodeError:
        pass  # left as written; browsers say what is wrong with it
    return parts._replace(netloc=netloc, path=quote(parts.path, safe="/%:@!$&'()*+,;=~")).geturl()


def _usable(settings: Settings) -> Settings:
    """(Wrong values were left out, their defaults kept; the time zone and the base URL, which
    the command line can give, are checked only here.)"""
    try:
        settings.zone  # noqa: B018 - validates the name
    except (ZoneInfoNotFoundError, ValueError):
        settings = replace(settings, timezone="UTC")
    if _check_base_url(settings.base_url, ""):
        settings = replace(settings, base_url=Settings.base_url)
    return settings


COUNTS = {"per_page": 1, "feed_size": 1, "related_count": 0, "actor_page_min": 1, "search_patch_pages": 0}


def _settings_from_table(table: dict[str, Any], text: str = "") -> tuple[Settings, list[SourceError]]:
    errors: list[SourceError] = []
    values: dict[str, Any] = {}
    for key, value in table.items():
        where = SourceError("pyproject.toml", _line_of(text, "archive", key), 0, f"tool.archive.{key}")
        expected = _TYPES.get(key)
        if expected is None:
            guess = closest(key, _TYPES)
            mean = f"did you mean '{guess}'? " if guess else ""
            errors.append(replace(where, message=f"unknown setting; {mean}known: {', '.join(_TYPES)}"))
        elif type(value) is not expected:
            errors.append(replace(where, message=f"expected {_KINDS[expected]}, got {as_toml(value)}"))
        elif key in COUNTS and isinstance(value, int) and value < COUNTS[key]:
            errors.append(replace(where, message=f"expected a whole number of at least {COUNTS[key]}, got {value}"))
        elif key == "language" and (problem := tag_error(str(value), "en")):
            errors.append(replace(where, message=problem))
        elif key == "title" and not str(value).strip():
            errors.append(replace(where, message="expected the site's name; it is empty"))
        elif key == "publisher" and value and not str(value).strip():  # (JSON-LD would name " ")
            errors.append(replace(where, message="expected the publisher's name, or no publisher setting "
                                                 "(the site's title is used); it is blank"))
        elif isinstance(value, str) and (bad := _UNSHOWABLE.search(value)):
            code = f"U+{ord(bad.group()):04X}"
            errors.append(replace(where, message=f"holds the control character or noncharacter {code}, "
                                                 "which feeds and pages cannot show; remove it"))
        else:
            # (a base URL copied with a space after it made every link /repo/%20/...: found by a probe)
            values[key] = value.strip() if key == "base_url" and isinstance(value, str) else value
    settings = Settings(**values)
    try:
        settings.zone  # noqa: B018 - validates the name
    except (ZoneInfoNotFoundError, ValueError):
        errors.append(SourceError("pyproject.toml", _line_of(text, "archive", "timezone"), 0, "tool.archive.timezone",
                                  f"unknown time zone {settings.timezone!r}; "
                                  "e.g. 'UTC' or 'Europe/Berlin'"))
    errors += _check_base_url(settings.base_url, "tool.archive.base_url", _line_of(text, "archive", "base_url"))
    return settings, errors


_KINDS = {str: "text", int: "a whole number", bool: "true or false"}


def as_toml(value: object) -> str:
    """A value as the settings file writes it (``true``, not Python's ``True``): text in single
    quotes (a TOML literal string) unless it holds one or a control character, then in double."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        if "'" in value or any(ord(char) < 0x20 or 0x7f <= ord(char) <= 0x9f for char in value):
            return re.sub("[\x7f-\x9f]", lambda found: f"\\u{ord(found.group()):04X}",
                          json.dumps(value, ensure_ascii=False))  # (a TOML basic string, escapes and all)
        return f"'{value}'"
    if isinstance(value, list):
        return "[" + ", ".join(as_toml(item) for item in value) + "]"
    if isinstance(value, dict):
        pairs = ", ".join(f"{k if re.fullmatch(r'[A-Za-z0-9_-]+', k) else as_toml(k)} = {as_toml(v)}"
                          for k, v in value.items())
        return f"{{ {pairs} }}" if pairs else "{}"
    if hasattr(value, "isoformat"):  # a TOML date, time or date-time
        return str(value.isoformat())
    return str(value)  # (a number: Python writes 1.5, inf and nan as TOML does)


# What TOML's escapes can put in a text setting that XML (the feeds) or HTML cannot hold: C0
# controls but tab and line breaks, DEL and C1 controls, noncharacters.
_UNSHOWABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")


def _line_of(text: str, table: str, key: str) -> int:
    """The line of ``key = ...`` in ``[tool.<table>]`` (``[tool]`` when ``table`` is empty), or 0;
    however the TOML spells it: a comment after the header, spaces or quotes in names
    (``[ tool . archive ]``, ``"per_page" = 0``), dotted keys (``archive.per_page = 0`` under
    ``[tool]``), an inline table (``archive = { per_page = 0 }``) or a table of its own
    (``[tool.archive.per_page]``, or one below it)."""
    wanted = ("tool", table, key) if table else ("tool",) if key == "tool" else ("tool", key)
    current: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("["):
            current = _dotted(stripped.lstrip("[").split("]", 1)[0])
            if current[:len(wanted)] == wanted:
                return number
            continue
        name, equals, value = stripped.partition("=")
        path = current + _dotted(name)
        if equals and (path == wanted or (path == wanted[:-1] and re.search(
                rf"[{{,]\s*[\"']?{re.escape(key)}[\"']?\s*=", value))):
            return number
    return 0


def _dotted(name: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in name.split("."))


def _check_base_url(url: str, field: str, line: int = 0) -> list[SourceError]:
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - validates it
    except ValueError:  # "http://[::1/": an unclosed IPv6 address; a port that is not a number
        parts = urlsplit("")
    where = SourceError("pyproject.toml" if field.startswith("tool") else "command line", line, 0, field)
    if not (parts.scheme in ("http", "https") and parts.hostname and parts.port != 0):  # (port 0: no server)
        return [replace(where, message="expected an absolute http(s) URL such as https://user.github.io/repo/, "
                                       f"got {url!r}")]
    if parts.query or parts.fragment:  # (every link would be the base URL plus a path: after the "?" or "#")
        part = "a query ('?')" if parts.query else "a fragment ('#')"
        return [replace(where, message=f"it has {part}, which would end up inside every link; expected the "
                                       f"folder the site lives in, such as https://user.github.io/repo/, got {url!r}")]
    if parts.username is not None or parts.password is not None:  # (every page would carry them)
        hidden = parts._replace(netloc="***@" + parts.netloc.rsplit("@", 1)[1]).geturl()  # (nor the log)
        return [replace(where, message="it holds a user name or password, which every page would publish; "
                                       "expected the public address of the site, such as "
                                       f"https://user.github.io/repo/, got {hidden!r}")]
    problem = _base_path_problem(parts.path)
    return [replace(where, message=f"{problem}; expected the folder the site lives in, such as "
                                   f"https://user.github.io/repo/, got {url!r}")] if problem else []


def _base_path_problem(path: str) -> str:
    """What makes a base URL's path unusable as the folder every link starts with, or "".

    Links are the base path plus a page's path, so ``//repo/`` would make protocol-relative links
    (to the host ``repo``), ``/repo/../`` links that leave the folder, and ``/repo/index.html``
    links below a file (``/repo/index.html/tags/``)."""
    if "\\" in path:
        return "its path has a backslash, which browsers read as '/'"
    segments = path.split("/")[1:]  # ("" for the path's leading slash)
    if "" in segments[:-1]:
        return "its path has an empty segment ('//')"
    dots = [segment for segment in segments if unquote(segment) in (".", "..")]
    if dots:
        return f"its path has a {dots[0]!r} segment"
    if segments and "." in unquote(segments[-1]):
        return (f"its path ends in {segments[-1]!r}, which looks like a file (end the URL with '/' "
                "if it is a folder)")
    return ""
