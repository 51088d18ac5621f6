"""Errors about content: each names a file, a line where known, a field and what was expected."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class SourceError:
    """One problem in one input file, printed as ``path:line:col: field: message``."""

    path: str
    line: int = 0  # 1-based (1 for a whole file); 0 only where there are no lines: a folder, the settings
    column: int = 0
    field: str = ""
    message: str = ""

    def __str__(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        what = f"{self.field}: {self.message}" if self.field else self.message
        return printable(f"{where}: {what}")


def printable(text: str) -> str:
    """``text`` with its control characters (but line feed and tab) written as ``\\x1b``, and
    its bidi embeddings, overrides and isolates as ``\\u202e``: for what is printed to a
    terminal and names files or quotes copy."""
    return _CONTROLS.sub(_escaped, text)


def _escaped(found: re.Match[str]) -> str:
    code = ord(found.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


# Control characters but line feed and tab: a file named with a terminal's escape codes must not
# recolour (or retitle, or worse) the terminal its error is printed in. The bidi controls that
# reorder text would show another file's name ("evil\u202edm.txt.md" reads "eviltxt.md...").
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def closest(word: str, known: Iterable[str]) -> str | None:
    """The known name that ``word`` most likely misspells (``summery`` -> ``summary``), or None:
    for the "did you mean" of a misspelt field or setting."""
    found = difflib.get_close_matches(word.lower(), list(known), n=1, cutoff=0.75)
    return found[0] if found else None


def not_utf8(data: bytes, exc: UnicodeDecodeError) -> tuple[int, str]:
    """(line, message) for a file whose bytes are not UTF-8: a content file or a layout."""
    return (data.count(b"\n", 0, exc.start) + 1,
            f"not valid UTF-8 (byte {data[exc.start]:#04x} at offset {exc.start}); save the file as UTF-8")


class BuildFailed(Exception):
    """Raised with every error of a build at once; the previous output stays untouched."""

    def __init__(self, errors: Iterable[SourceError]) -> None:
        self.errors = sorted(set(errors))
        super().__init__("\n".join(str(e) for e in self.errors))


def shown_path(path: Path, root: Path) -> str:
    """A path as messages name it: relative to the project inside it ("site" for ROOT/site),
    else absolute."""
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
