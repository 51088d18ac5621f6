"""Jinja rendering: layouts from ROOT/layouts override the built-in ones. No I/O but reading layouts."""

from __future__ import annotations

import hashlib
import os
import re
import weakref
from collections import Counter
from collections.abc import Callable, MutableMapping
from contextlib import suppress
from dataclasses import dataclass, field, fields, is_dataclass, replace
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
import markupsafe
from markupsafe import Markup

from builder.cache import FORMAT
from builder.errors import SourceError, not_utf8
from builder.markdown import is_safe_url, link_url
from builder.views import Job, noun
from builder.write import write_atomic_bytes

BUILTIN_LAYOUTS = Path(__file__).parent / "layouts"


class TemplateFailed(Exception):
    def __init__(self, error: SourceError) -> None:
        self.error = error
        super().__init__(str(error))


@dataclass(frozen=True)
class Layouts:
    """Every layout a build can use, read once: the project's (``folder``) over the built-in
    ones. A build hashes, checks and renders this one reading, so a layout saved while it runs
    (the dev server's search refresh is a build, and editing goes on) is seen by the next build
    only, never half by this one."""

    folder: Path
    files: dict[str, tuple[bytes, str]]  # template name -> (its bytes, the file it was read from)
    digest: str  # of every file of both folders, by path and bytes
    # The project's entries that look like an override and cannot be one (a link to nothing, a
    # folder named as a layout is, a file that cannot be read): the built-in layout would be used
    # without a word.
    unusable: dict[str, str] = field(default_factory=dict)  # template name -> the error's message

    def show_extra(self, key: str) -> bool:
        """Whether a layout reads the article field ``key`` (``extra.key``, ``extra["key"]``)."""
        needles = [f"extra.{key}".encode(), f"extra['{key}']".encode(), f'extra["{key}"]'.encode()]
        return any(needle in data for data, _ in self.files.values() for needle in needles)

    def unescaped_filters(self) -> list[SourceError]:
        """Warnings for the project's layouts that write a search filter's value from data without
        ``|pagefind_filter``: Pagefind's UI writes filter values into /search/ as HTML once it has
        decoded them, so a name holding markup (wire copy is untrusted) would be markup there."""
        warnings = []
        for name, (data, filename) in sorted(self.files.items()):
            if _is_builtin(filename):
                continue
            text = data.decode("utf-8", errors="replace")
            for found in _FILTER_VALUE.finditer(text):
                if "pagefind_filter" not in found.group("value"):
                    line = text.count("\n", 0, found.start()) + 1
                    warnings.append(SourceError(
                        f"layouts/{name}", line, 0, "data-pagefind-filter",
                        f"{found.group('value')} is written without |pagefind_filter; Pagefind's search page shows "
                        "filter values as HTML, so a name holding markup would be markup there: add |pagefind_filter"))
        return warnings

    def override(self, name: str) -> str | None:
        """The project's own version of a layout, if it has one."""
        data, filename = self.files.get(name, (b"", ""))
        return data.decode("utf-8", errors="replace") if filename and not _is_builtin(filename) else None


# A search filter's value written from data in a layout's attribute: data-pagefind-filter="actor:{{ x }}".
_FILTER_VALUE = re.compile(r"""data-pagefind-filter\s*=\s*(["'])[^"'{]*(?P<value>\{\{.*?\}\})""", re.DOTALL)


def _is_builtin(filename: str) -> bool:
    return Path(filename).is_relative_to(BUILTIN_LAYOUTS)


def _is_layout_file(filename: str, layouts: Path) -> bool:
    """Whether a traceback frame's file is a layout: the project's or a built-in one."""
    return Path(filename).is_relative_to(layouts) or _is_builtin(filename)


def read_layouts(folder: Path) -> Layouts:
    files: dict[str, tuple[bytes, str]] = {}
    digest = hashlib.sha256()
    unusable: dict[str, str] = {}
    for base in (folder, BUILTIN_LAYOUTS):
        for path in sorted(base.rglob("*")) if base.is_dir() else ():
            name = path.relative_to(base).as_posix()
            if base == folder and name.startswith(BUILTIN_PREFIX):  # (it would hide the built-in it names)
                if path.is_file():
                    unusable[name] = (f"layouts/{BUILTIN_PREFIX} names the built-in layouts (an override extends "
                                      f"{BUILTIN_PREFIX}base.html); move this file out of it")
                    digest.update(f"{name}\0{unusable[name]}".encode())
                continue
            if path.is_file():
                try:
                    data = path.read_bytes()
                except OSError as exc:  # an override made unreadable: an error, not a traceback
                    unusable[name] = (f"cannot read it ({exc.strerror or exc}): the built-in {name} is not used "
                                      "instead; make it readable, or remove it")
                    digest.update(f"{name}\0{unusable[name]}".encode())
                    continue
                digest.update(name.encode() + b"\0" + data)
                files.setdefault(name, (data, str(path)))
            elif base == folder and (what := _not_a_layout(path, name)):
                unusable[name] = what
                digest.update(f"{name}\0{what}".encode())  # (a change: the stamp must not hide it)
    return Layouts(folder, files, digest.hexdigest(), unusable)


_PUT_IT_THERE = "put the layout there, or remove it"


def _not_a_layout(path: Path, name: str) -> str:
    builtin = (BUILTIN_LAYOUTS / name).is_file()
    instead = f"the built-in {name} is used instead" if builtin else "no layout is read from it"
    if path.is_symlink() and not path.exists():
        return f"a symbolic link to {os.readlink(path)}, which does not exist: {instead}; {_PUT_IT_THERE}"
    if path.is_dir() and builtin:
        return f"a folder where the layout {name} would be: {instead}; {_PUT_IT_THERE}"
    return ""


class NamedUndefined(jinja2.StrictUndefined):
    """StrictUndefined whose error says what there is: a view's fields, a mapping's keys
    (``article.extra``), instead of "'builder.views.base.SiteView object' has no attribute 'x'"."""

    __slots__ = ()

    @property
    def _undefined_message(self) -> str:
        found, name = self._undefined_obj, self._undefined_name
        if self._undefined_hint or not isinstance(name, str):
            return str(super()._undefined_message)
        if is_dataclass(found) and not isinstance(found, type):
            names = [field.name for field in fields(found)]
            names += [key for key, value in vars(type(found)).items() if isinstance(value, property)]
            return f"{type(found).__name__} has no field {name!r}; it has: {', '.join(names)}"
        if isinstance(found, dict):
            keys = ", ".join(map(str, found)) if found else ""
            return f"no key {name!r} here; " + (f"the keys are: {keys}" if keys else "it is empty")
        return str(super()._undefined_message)


class LayoutNotText(jinja2.TemplateSyntaxError):
    """A layout that is not UTF-8 text: reported as its syntax errors are."""


class LayoutsLoader(jinja2.BaseLoader):
    """Templates from a ``Layouts`` reading, without their indentation: it is for the people who
    edit them, and on 100,000 pages it is megabytes. Line breaks stay (they separate inline
    elements as a space does, and keep error line numbers right), and so does everything inside
    <pre> and <textarea>."""

    def __init__(self, layouts: Layouts) -> None:
        self.layouts = layouts

    def get_source(self, environment: jinja2.Environment, template: str,
                   ) -> tuple[str, str, Callable[[], bool]]:
        found = self.layouts.files.get(template) or _builtin(template)
        if found is None:
            raise jinja2.TemplateNotFound(template)
        data, filename = found
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line, message = not_utf8(data, exc)
            raise LayoutNotText(message, line, template, filename) from None
        return compact(text), filename, lambda: True

    def list_templates(self) -> list[str]:
        return sorted(self.layouts.files)


BUILTIN_PREFIX = "builtin/"  # {% extends "builtin/base.html" %}: the built-in layout an override extends


def _builtin(template: str) -> tuple[bytes, str] | None:
    """The built-in layout named ``builtin/<name>``, overridden or not, for an override that extends
    it (MkDocs' ``{{ super() }}`` way) instead of copying it whole. Not listed among the templates:
    it changes only with the builder, whose version keys every cache."""
    if not template.startswith(BUILTIN_PREFIX):
        return None
    path = BUILTIN_LAYOUTS / template[len(BUILTIN_PREFIX):]
    if not path.resolve().is_relative_to(BUILTIN_LAYOUTS.resolve()) or not path.is_file():
        return None
    return path.read_bytes(), str(path)


_VERBATIM = re.compile(r"(<(pre|textarea)\b.*?</\2\s*>)", re.DOTALL | re.IGNORECASE)


def compact(source: str) -> str:
    pieces = _VERBATIM.split(source)
    # split gives: text, verbatim block, its tag name, text, ...
    return "".join(re.sub(r"(?m)^[ \t]+", "", piece) if i % 3 == 0 else piece
                   for i, piece in enumerate(pieces) if i % 3 != 2)


_escape_text: Callable[[str], str] = getattr(markupsafe, "_escape_inner", lambda text: str(markupsafe.escape(text)))


def output_escape(value: object) -> str:
    """What ``{{ value }}`` writes: markupsafe's escaping without wrapping each result in a new
    Markup, which is only ever appended to the page. That wrapping was a third of rendering."""
    if type(value) is str:
        return _escape_text(value)
    html = getattr(value, "__html__", None)
    if html is not None:
        return str(html())
    return _escape_text(str(value))


class FastTemplate(jinja2.Template):
    """A template whose compiled code escapes its output with ``output_escape``: compiled code
    calls the name ``escape`` only where it writes output (jinja2.compiler._output_child_pre)."""

    @classmethod
    def _from_namespace(cls, environment: jinja2.Environment, namespace: MutableMapping[str, Any],
                        globals: MutableMapping[str, Any]) -> jinja2.Template:
        namespace["escape"] = output_escape
        return super()._from_namespace(environment, namespace, globals)


_shared: dict[Path | None, tuple[str, jinja2.Environment]] = {}


def shared_environment(layouts: Layouts, compiled: Path | None = None) -> jinja2.Environment:
    """One environment per version of the layouts, kept for the process and the render workers
    it forks, so that each template is compiled once; ``compiled`` is a folder where compiled
    templates are kept between builds. Projects without layouts of their own share one (a
    process building many, as the tests do, compiled the built-in layouts for each: 0.1 s)."""
    own = layouts.unusable or not all(map(_is_builtin, (filename for _, filename in layouts.files.values())))
    key = layouts.folder if own else None
    found = _shared.get(key)
    if found is None or found[0] != layouts.digest:
        found = _shared[key] = (layouts.digest, make_environment(layouts, compiled))
    return found[1]


# What compiled templates depend on besides their source: the builder (its environment's options,
# filters and loader) and Jinja's code generator, whose bytecode format number does not follow it.
COMPILED_BY = f"{FORMAT}:{jinja2.__version__}"


class CheckedBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept between builds, each file with the SHA-256 of its bytes: Jinja's
    own checks only its header, so a damaged file rendered wrong pages (a flipped byte in a
    string constant) or stopped the build with a traceback (a truncated one). A file that does
    not match, or that another builder or Jinja compiled, is compiled again."""

    def get_source_checksum(self, source: str) -> str:
        return hashlib.sha1(f"{COMPILED_BY}\0{source}".encode()).hexdigest()

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            with open(self._get_cache_filename(bucket), "rb") as handle:
                data = handle.read()
        except OSError:
            return
        checksum, code = data[:32], data[32:]
        if hashlib.sha256(code).digest() != checksum:
            return
        try:
            bucket.bytecode_from_string(code)
        except Exception:  # (what a file of another Python cannot be read as)
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = bucket.bytecode_to_string()
        with suppress(OSError):  # a cache that cannot be written costs a compilation next time
            write_atomic_bytes(Path(self._get_cache_filename(bucket)), hashlib.sha256(code).digest() + code)


def make_environment(layouts: Layouts, compiled: Path | None = None) -> jinja2.Environment:
    if compiled is not None:
        compiled.mkdir(parents=True, exist_ok=True)
    env = jinja2.Environment(
        loader=LayoutsLoader(layouts), autoescape=True, undefined=NamedUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        auto_reload=False, cache_size=-1,
        bytecode_cache=CheckedBytecodeCache(str(compiled)) if compiled is not None else None)
    env.template_class = FastTemplate
    env.filters["safe_url"] = safe_url
    env.filters["pagefind_filter"] = pagefind_filter
    env.filters["noun"] = noun
    env.filters["number"] = number
    return env


def number(value: object) -> str:
    """A count as readers read it, its thousands grouped (``1,042``) as ``plural`` writes it."""
    return f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else str(value)


def pagefind_filter(value: object) -> Markup:
    """A data-pagefind-filter value, escaped three times: Pagefind's UI decodes entities on the way
    from the index into its filter list, which it writes as HTML."""
    text = str(value)
    for _ in range(3):
        text = _escape_text(text)
    return Markup(text)


def safe_url(value: object) -> str:
    """For URLs from data in templates: anything not http(s), mailto, tel or relative becomes "#";
    the rest as links in the body are written (``link_url``)."""
    text = str(value)
    return link_url(text) if is_safe_url(text) else "#"


def template_names(env: jinja2.Environment) -> list[str]:
    return sorted(n for n in env.list_templates() if not n.startswith("."))


def check_templates(env: jinja2.Environment, layouts: Path) -> list[SourceError]:
    """Compile every layout first, so a broken one is reported before anything renders; and say
    which of the project's overrides cannot be read as one."""
    loader = env.loader
    unusable = loader.layouts.unusable if isinstance(loader, LayoutsLoader) else {}
    errors = [SourceError(f"layouts/{name}", 0, 0, "", what) for name, what in unusable.items()]
    for name in template_names(env):
        try:
            env.get_template(name)
        except jinja2.TemplateSyntaxError as exc:
            what = f"{exc.message}" if isinstance(exc, LayoutNotText) else f"template syntax error: {exc.message}"
            errors.append(SourceError(_layout_rel(exc.filename, layouts, name), exc.lineno or 0, 0, "", what))
    return errors


# Templates of an environment that recursed without end, with the error they give: each page of
# one took a third of a second to fail (a thousand frames deep), a minute for a small site; the
# rest fail at once.
_endless: weakref.WeakKeyDictionary[jinja2.Environment, dict[str, SourceError]] = weakref.WeakKeyDictionary()


def render(env: jinja2.Environment, job: Job, layouts: Path) -> bytes:
    endless = _endless.setdefault(env, {})
    try:
        if job.template in endless:
            raise RecursionError
        return env.get_template(job.template).render(job.context).encode("utf-8")
    except jinja2.TemplateSyntaxError:
        raise  # (a build renders only when every layout compiled; builder.trial passes over the others)
    except RecursionError as exc:  # caught before its traceback of a thousand frames is walked
        found = endless.setdefault(job.template, _endless_error(exc, job.template, layouts))
        raise TemplateFailed(replace(found, message=f"template error while rendering /{job.path}: "
                                                    f"{found.message}")) from None
    except Exception as exc:  # layouts are code: a 1/0 in one is its error, not a crash
        raise TemplateFailed(_runtime_error(exc, job, layouts)) from None


def _endless_error(exc: RecursionError, template: str, layouts: Path) -> SourceError:
    """Names the layouts that recursed: those with more than one frame on one line in the
    traceback (the page's own template, which may be a built-in one using them, has a frame a
    line), and the line of the outermost such frame of the first."""
    frames: dict[str, int] = {}  # layout file -> the line of its outermost frame in the loop
    # By file and line: a page template that extends base.html has two frames (its body and a
    # block) outside the loop, and was named as looping, at its extends line, when two partials
    # included one another; only the frames of the loop come back on the same line.
    counts: Counter[tuple[str, int]] = Counter()
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if _is_layout_file(filename, layouts):
            counts[filename, tb.tb_lineno] += 1
        tb = tb.tb_next
    for (filename, line), count in counts.items():  # (in traceback order: outermost first)
        if count > 1:
            frames.setdefault(filename, line)
    looping = sorted(frames)
    if not looping:
        return SourceError(f"layouts/{template}", 0, 0, "", "maximum recursion depth exceeded: does a layout "
                           "include, import or extend itself?")
    names = [_layout_rel(name, layouts, template) for name in looping]
    what = (f"does {names[0]} include, import or extend itself?" if len(names) == 1 else
            f"{', '.join(names[:-1])} and {names[-1]} include, import or extend one another")
    return SourceError(names[0], frames[looping[0]], 0, "", f"maximum recursion depth exceeded: {what}")


def _runtime_error(exc: Exception, job: Job, layouts: Path) -> SourceError:
    # The failing line is in the traceback frames that Jinja maps back to template lines: the
    # innermost frame of a layout file, whatever its name ends in (a partial named .jinja, pagefind.js).
    tb, filename, line = exc.__traceback__, job.template, 0
    while tb is not None:
        frame_file = tb.tb_frame.f_code.co_filename
        if _is_layout_file(frame_file, layouts):
            filename, line = frame_file, tb.tb_lineno
        tb = tb.tb_next
    message = re.sub(r"\s+", " ", str(exc))
    missing = _NOT_EXPORTED.search(message)
    if missing and (layouts / missing["layout"]).is_file():
        # (the error names the built-in page that imports it; the cause is the project's layout)
        message += (f"; layouts/{missing['layout']} replaces the built-in one, and has no {missing['name']!r}: "
                    f"define it there (copy it from builder/layouts/{missing['layout']})")
    if isinstance(exc, jinja2.TemplateNotFound):
        message = f"no layout named {message}"
    elif not isinstance(exc, jinja2.TemplateError):
        message = f"{type(exc).__name__}: {message}"
    return SourceError(_layout_rel(filename, layouts, job.template), line, 0, "",
                       f"template error while rendering /{job.path}: {message}")


_NOT_EXPORTED = re.compile(r"the template '(?P<layout>[^']+)' \(imported on line \d+ in '[^']+'\) does not export "
                           r"the requested name '(?P<name>[^']+)'")


def _layout_rel(filename: str | None, layouts: Path, name: str) -> str:
    if filename:
        path = Path(filename)
        for base, label in ((layouts, "layouts"), (BUILTIN_LAYOUTS, "builder/layouts")):
            if path.is_relative_to(base):
                return f"{label}/{path.relative_to(base).as_posix()}"
    return f"layouts/{name}"


__all__ = ["Markup", "TemplateFailed", "check_templates", "make_environment", "render"]
