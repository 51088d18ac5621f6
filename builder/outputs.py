"""The record of the files a build left in the site, by size and mtime.

A rebuild writes only what changed, so the site in place is a cache of sorts, and no cache is
trusted: the next build compares each file with the record (one ``lstat`` a file, about 0.1 s
for the 40,000 files of 10,000 articles) and writes again any that someone changed, replaced or
removed since (a hand edit, an ``rm``, a deploy tool writing in place).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from builder.cache import read_pickle, write_pickle
from builder.errors import SourceError
from builder.search import BUNDLE

# site file (relative to the site, as builder.write.file_rel names it) -> (size, mtime_ns)
OutputFiles = dict[str, tuple[int, int]]

# The record has a format of its own, not the builder's version: what files the site holds does
# not depend on the code that wrote them, and a record that outlives an upgrade lets the first
# build of a new version write only the files that changed, as any rebuild does, instead of
# making a whole new site and deleting the old one (25 s of deleting at 100,000 articles).
RECORD_FORMAT = "archive-outputs-1"


def read_record(path: Path) -> OutputFiles | None:
    """The record the last build left at ``path``; None when missing, corrupt or of another format."""
    stored = read_pickle(path, "", RECORD_FORMAT)
    return stored if isinstance(stored, dict) else None


def write_record(path: Path, record: OutputFiles) -> None:
    write_pickle(path, "", record, RECORD_FORMAT)


def _stat(path: str) -> tuple[int, int] | None:
    try:
        found = os.lstat(path)
    except OSError:
        return None
    return found.st_size, found.st_mtime_ns


def recorded_files(out: Path, rels: Iterable[str]) -> OutputFiles:
    """The size and mtime of each of these files of the site; those missing are left out."""
    prefix = f"{out}/"
    record: OutputFiles = {}
    for rel in rels:
        found = _stat(prefix + rel)
        if found is not None:
            record[rel] = found
    return record


def changed_files(out: Path, record: OutputFiles) -> set[str]:
    """The files of the site that are not as the record has them: changed, replaced or gone."""
    prefix = f"{out}/"
    return {rel for rel, recorded in record.items() if _stat(prefix + rel) != recorded}


def restored(site: str, damaged: Iterable[str], shown: int = 5) -> list[SourceError]:
    """Warnings for the files of the site (``site``: as the user knows the folder) that were
    not as the last build left it and are now again: a hand edit there was perhaps meant."""
    # Pages first, search files last: a hand-edited page, the case the warning is for, was hidden
    # in the count behind the files of a search folder removed at the same time.
    names = sorted(damaged, key=lambda rel: (rel.startswith(f"{BUNDLE}/"), not rel.endswith(".html"), rel))
    warnings = [SourceError(f"{site}/{rel}", 0, 0, "", "changed or removed since the last build; restored "
                            "(edits made in the site do not last: make them in content/, layouts/ or static/)")
                for rel in names[:shown]]
    if len(names) > shown:
        warnings.append(SourceError(site, 0, 0, "", f"... and {len(names) - shown} more files restored"))
    return warnings


def updated_record(out: Path, previous: OutputFiles, committed: OutputFiles, removed: Iterable[str],
                   looked_at: Iterable[str]) -> OutputFiles:
    """The record after a rebuild that wrote only what changed: the previous one, with the files
    the commit put in place (``committed``) and without those it removed; files the build
    rendered or repaired but left as they were (``looked_at``: a page the dev server's preview
    had already written with the same bytes) are looked at again."""
    looked = [rel for rel in looked_at if rel not in committed]
    record = {**previous, **committed}
    for rel in [*removed, *looked]:
        record.pop(rel, None)
    record.update(recorded_files(out, looked))
    return record
