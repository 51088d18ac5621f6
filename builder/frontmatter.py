"""Split a Markdown file into YAML front matter and body, keeping the line of every field.

python-frontmatter silently returns empty metadata for a BOM, an unterminated block or a
list; here every such case is an error with a line. YAML is composed (not loaded) so that
each field keeps its line and its exact source text: ``NO`` stays the country code and
``1.10`` stays a version string until the model decides what a field should be.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from builder.errors import SourceError, not_utf8
from builder.source import SourceFile

try:  # libyaml's loader, the fastest (tools that read front matter as the build does use it too)
    YAML_LOADER: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML without libyaml
    YAML_LOADER = yaml.SafeLoader

MAX_FRONT_MATTER_BYTES = 256 * 1024
MAX_NODES = 20_000  # also stops "billion laughs" alias expansion
MAX_DEPTH = 16


@dataclass(frozen=True)
class RawDoc:
    """A file's front matter fields (as YAML nodes, with lines) and its Markdown body."""

    rel: str
    fields: dict[str, yaml.Node]
    body: str
    body_line: int  # the file line where the body starts
    # A comment after a field's unquoted value, by field: "title: Rally under #MeToo banner" is
    # the title "Rally under" to YAML, and the rest a comment. (line, column, the comment)
    comments: dict[str, tuple[int, int, str]] = field(default_factory=dict)


def parse_document(src: SourceFile) -> RawDoc | list[SourceError]:
    text_or_error = _decode(src)
    if isinstance(text_or_error, SourceError):
        return [text_or_error]
    lines = text_or_error.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return [SourceError(src.rel, 1, 0, "", "expected front matter: the file must start with a "
                            "'---' line, then YAML fields, then another '---' line")]
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        return [SourceError(src.rel, 1, 0, "", "front matter is not closed: add a '---' line "
                            "after the last field")]
    yaml_text = "".join(lines[1:end])
    if len(yaml_text.encode("utf-8")) > MAX_FRONT_MATTER_BYTES:
        return [SourceError(src.rel, 2, 0, "", f"front matter is larger than the limit of "
                            f"{MAX_FRONT_MATTER_BYTES:,} bytes")]
    fields = _compose_fields(src.rel, yaml_text)
    if isinstance(fields, list):
        return fields
    return RawDoc(src.rel, fields, "".join(lines[end + 1:]), end + 2, _comments(fields, lines[1:end]))


def _comments(fields: dict[str, yaml.Node], yaml_lines: list[str]) -> dict[str, tuple[int, int, str]]:
    """The comments that follow a top-level field's plain (unquoted) value on its last line."""
    found = {}
    for name, node in fields.items():
        if isinstance(node, yaml.ScalarNode) and not node.style and node.end_mark:
            line, column = node.end_mark.line, node.end_mark.column
            rest = yaml_lines[line][column:] if line < len(yaml_lines) else ""
            if rest.lstrip().startswith("#"):
                found[name] = (line + 2, column + len(rest) - len(rest.lstrip()) + 1, rest.strip())
    return found


def _decode(src: SourceFile) -> str | SourceError:
    data = src.data
    if not data.strip():
        return SourceError(src.rel, 1, 0, "", "empty file; expected front matter and a body")
    nul = data.find(b"\x00", 0, 8192)
    if nul >= 0:
        return SourceError(src.rel, data.count(b"\n", 0, nul) + 1, 0, "",
                           "binary file (contains NUL bytes); expected UTF-8 text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, message = not_utf8(data, exc)
        return SourceError(src.rel, line, 0, "", message)
    return as_read(text)


def as_read(text: str) -> str:
    """A content file's text as the build reads it: no byte order mark, and LF line ends."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _yaml_error(rel: str, yaml_text: str, exc: yaml.MarkedYAMLError) -> SourceError:
    """Where the mistake is: PyYAML's problem is where it gave up (for an unclosed quote, the end
    of the front matter), its context where the faulty value began (the line to fix)."""
    problem, context = exc.problem_mark, exc.context_mark
    message = f"malformed YAML: {exc.problem or exc}"
    mark = problem or context
    # (A block mapping "begun" at the first field is the whole front matter, not the faulty value:
    # "summary: {draft} text" on line 4 was reported at 2:1 as the title's.)
    if context and problem and exc.context and context.line < problem.line \
            and exc.context != "while parsing a block mapping":
        mark = context
        message = f"malformed YAML: {exc.context} begun here: {exc.problem} (line {problem.line + 2})"
    if mark is None:
        return SourceError(rel, 2, 0, "", message)
    lines = yaml_text.split("\n")
    line = lines[mark.line] if mark.line < len(lines) else ""
    found = _FIELD_NAME.match(line)
    return SourceError(rel, mark.line + 2, mark.column + 1, found.group(1) if found else "",
                       message + _hint(message, line, mark.column))


def _hint(message: str, line: str, column: int) -> str:
    """The usual fix for PyYAML's usual complaints about a value an editor typed: most are text
    that YAML reads as syntax, and quotes make it text (found by a probe: none said so)."""
    character = line[column] if column < len(line) else ""
    if "tab character" in message or character == "\t":
        return "; YAML indents with spaces, not tabs"
    if "flow sequence" in message and " #" in line:
        return "; ' #' begins a YAML comment, which cut the list short: put a name with '#' in quotes"
    glued = _GLUED_FIELD.match(line)
    if "could not find expected ':'" in message and glued:
        return f"; a field needs a space after its ':': {glued.group(1)}: {glued.group(2)}"
    found = _FIELD_NAME.match(line)
    if not found or column < found.end():
        return ""  # (the mistake is not in this field's value: a line above that lost its colon)
    value = line[found.end():].strip()
    if value[:1] in ("[", "{") and found.group(1) in _ONE_LINE_FIELDS:  # ("[Reuters] Oil prices rise")
        why = f"a value that begins with {value[0]!r} is a {'list' if value[0] == '[' else 'mapping'} to YAML"
    elif value[:1] in ("[", "{"):  # (quotes around the whole list would make it one name)
        return "; put the name it trips on in quotes ([NATO, '@nato', EU])"
    elif "mapping values are not allowed" in message:
        why = "a ': ' in a value ends it"
    elif "cannot start any token" in message and character:
        why = f"a value cannot begin with {character!r}"
    elif "did not find expected key" in message and value[:1] in ("'", '"'):
        why = "text follows the closing quote"
    elif "unknown escape character" in message and value[:1] == '"' and value[-1:] == '"':
        inside = value[1:-1]
        return ("; in double quotes a backslash begins an escape: write the value in single quotes: "
                f"{found.group(1)}: '{inside.replace(chr(39), chr(39) * 2)}'")
    else:
        return ""
    return f"; {why}: put the whole value in quotes: {found.group(1)}: {_quoted(value)}"


def _quoted(value: str) -> str:
    """``value`` as YAML text that reads back as typed: in double quotes, unless a backslash (an
    escape there) or a double quote is in it; then in single quotes, where only ' is doubled."""
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


# Fields that hold one line of text, never a list: a '[' or '{' opening one is text to quote whole.
_ONE_LINE_FIELDS = frozenset({"title", "summary", "description", "source", "source_id", "slug", "source_url",
                              "image", "language", "name", "kind", "provider", "author", "dateline"})
_FIELD_NAME = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]|$)")  # a top-level field on its line
_GLUED_FIELD = re.compile(r"([A-Za-z_][\w-]*):(\S.*)")  # "source:AFP": one word to YAML


def _compose_fields(rel: str, yaml_text: str) -> dict[str, yaml.Node] | list[SourceError]:
    try:
        node = yaml.compose(yaml_text, Loader=YAML_LOADER)
    except yaml.MarkedYAMLError as exc:
        return [_yaml_error(rel, yaml_text, exc)]
    except (yaml.YAMLError, RecursionError) as exc:
        return [SourceError(rel, 2, 0, "", f"malformed YAML: {exc}")]
    if node is None:
        return {}
    if not isinstance(node, yaml.MappingNode):
        return [SourceError(rel, node_line(node), 0, "", "front matter must be a mapping of "
                            "fields (key: value), not a list or a single value")]
    size_error = _check_size(rel, node)
    if size_error:
        return [size_error]
    fields: dict[str, yaml.Node] = {}
    errors: list[SourceError] = []
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if not isinstance(key, str) or not key:
            errors.append(SourceError(rel, node_line(key_node), 0, "", "field names must be text"))
        elif key in fields:
            errors.append(SourceError(rel, node_line(key_node), 0, key, "duplicate field; the "
                                      f"first is on line {node_line(fields[key])}"))
        else:
            fields[key] = value_node
    return errors or fields


def _check_size(rel: str, root: yaml.Node) -> SourceError | None:
    """Refuse deep nesting and alias expansion before anything walks the tree recursively."""
    stack: list[tuple[yaml.Node, int]] = [(root, 0)]
    seen = 0
    while stack:
        node, depth = stack.pop()
        seen += 1
        if seen > MAX_NODES or depth > MAX_DEPTH:
            what = f"{MAX_NODES:,} values" if seen > MAX_NODES else f"{MAX_DEPTH} levels of nesting"
            return SourceError(rel, node_line(node), 0, "", f"front matter exceeds the limit of {what}")
        if isinstance(node, yaml.SequenceNode):
            stack += ((child, depth + 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            stack += ((child, depth + 1) for pair in node.value for child in pair)
    return None


def node_line(node: yaml.Node) -> int:
    """The file line of a node: the front matter starts on line 2."""
    return int(node.start_mark.line) + 2 if node.start_mark else 0


def node_column(node: yaml.Node) -> int:
    return int(node.start_mark.column) + 1 if node.start_mark else 0
