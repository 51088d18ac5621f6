"""Writing the site: into a staging folder beside the output, swapped in only on success.

An output file whose bytes did not change is hard-linked from the previous site instead of
rewritten, so its mtime stays and a deploy uploads only what changed.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from builder.routes import output_file


class Staging:
    def __init__(self, out: Path) -> None:
        self.out = out
        self.folder = out.parent / f".{out.name}.staging-{os.getpid()}"
        self.old = out.parent / f".{out.name}.old-{os.getpid()}"

    def create(self) -> None:
        _remove(self.folder)
        self.folder.mkdir(parents=True)

    def write(self, path: str, data: bytes) -> None:
        target = output_file(self.folder, path)
        target.parent.mkdir(parents=True, exist_ok=True)
        previous = output_file(self.out, path)
        if _same_bytes(previous, data):
            try:
                os.link(previous, target)
                return
            except OSError:
                pass  # other file system or no hard links: write a copy instead
        with open(target, "wb") as handle:
            handle.write(data)

    def copy_tree(self, source: Path, under: str = "") -> None:
        """Copy static files (regular files only: the Pages artifact refuses symlinks)."""
        for folder, dirs, names in os.walk(source):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(names):
                file = Path(folder) / name
                if name.startswith(".") or file.is_symlink():
                    continue
                rel = (Path(under) / file.relative_to(source)).as_posix()
                self.write(rel, file.read_bytes())

    def commit(self) -> None:
        """Swap the staging folder in with two renames; os.replace cannot replace a full folder."""
        if self.out.exists():
            _remove(self.old)
            os.rename(self.out, self.old)
        os.rename(self.folder, self.out)
        _remove(self.old)

    def abort(self) -> None:
        _remove(self.folder)


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        if path.is_symlink() or path.stat().st_size != len(data):
            return False
        return path.read_bytes() == data
    except OSError:
        return False


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
