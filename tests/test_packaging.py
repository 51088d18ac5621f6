"""What a normal install (pip install ., as the Pages workflow does) puts in the package."""

from __future__ import annotations

import tomllib
from pathlib import Path

PACKAGE = Path(__file__).parents[1] / "builder"


def test_every_file_the_builder_reads_is_package_data() -> None:
    """Found by a probe: layouts/pagefind.js matched none of the package-data patterns (which
    named .html, .xml and .txt layouts), so an installed builder failed every build with search
    ('no layout named pagefind.js'); an editable install, as the README's first command makes,
    hid it."""
    settings = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text())
    patterns = settings["tool"]["setuptools"]["package-data"]["builder"]
    data = {path for path in PACKAGE.rglob("*") if path.is_file() and path.suffix not in (".py", ".pyc")
            and "__pycache__" not in path.parts}
    matched = {path for pattern in patterns for path in PACKAGE.glob(pattern) if path.is_file()}
    assert data and sorted(str(p.relative_to(PACKAGE)) for p in data - matched) == []
