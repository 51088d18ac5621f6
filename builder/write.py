"""Writing the site without ever leaving a half-built one in place.

Two ways, chosen per build:

- **Full** (first build, or no usable record of the previous one): every file goes into a
  staging folder beside the output, swapped in with two renames on success. Files whose bytes
  did not change are hard-linked from the previous site, so they keep their mtime.
- **Overlay** (a rebuild): only new and changed files are written, into the staging folder,
  side by side and named by their path (no folder to make per page, and none to remove: a
  layout edit stages 10,000 pages); on success each is renamed over its old version and files
  the site no longer has are removed. A failed build never touches the site; a build killed
  while committing leaves every page present, some of them already new, and the next build
  finishes the job (the record of page keys is only written after a commit).

Either way an unchanged page is never rewritten: its mtime stays, and a deploy uploads only
what changed.
"""

from __future__ import annotations

import filecmp
import hashlib
import os
import re
import shutil
import stat
from collections.abc import Callable, Collection, Container, Iterable, Iterator
from contextlib import suppress
from functools import partial
from pathlib import Path

from builder.cache import CACHE
from builder.errors import BuildFailed, SourceError
from builder.routes import output_file, output_name

SITE_MARK = ".nojekyll"  # every site a build writes has it (GitHub Pages serves it as it is)
# What it holds: an empty .nojekyll is in many hand-made GitHub Pages folders (docs/), which a
# build must not take for a site it wrote and replace whole.
SITE_MARK_TEXT = b"Written by archive: GitHub Pages serves this site's files as they are, without Jekyll.\n"
INPUT_FOLDERS = ("content", "layouts", "static", CACHE)


def static_files(source: Path, under: str = "") -> Iterator[tuple[Path, str]]:
    """The files a build copies from ``source``, with their site paths: regular files only (the
    Pages artifact refuses symlinks, and reading a named pipe would wait for a writer forever),
    no hidden ones (a static/.nojekyll too: the build writes its own, the mark of its sites).
    A folder that cannot be read fails the build: its files would be missing from the site."""
    for folder, dirs, names in os.walk(source, onerror=partial(_unreadable, source)):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            file = Path(folder) / name
            if name.startswith(".") or not stat.S_ISREG(file.lstat().st_mode):
                continue
            yield file, (Path(under) / file.relative_to(source)).as_posix()


def _unreadable(source: Path, exc: OSError) -> None:
    if isinstance(exc, FileNotFoundError):
        return  # gone since it was listed (a checkout): the next build sees what replaced it
    rel = Path(exc.filename or source).relative_to(source.parent).as_posix()
    raise BuildFailed([SourceError(rel, 0, 0, "", f"cannot read the folder ({exc.strerror or exc}); its files "
                                   "would be missing from the site: make it readable, or remove it")])


def static_overrides(root: Path, pages: Container[str]) -> list[str]:
    """The site paths of the files of static/ that take the place of a page the build made
    (static files are copied last). ``pages``: site paths, looked up for each static file (not
    listed as files: 280,000 of them at 100,000 articles, on every build)."""
    folder = root / "static"
    if not folder.is_dir():
        return []
    return [rel for _, rel in static_files(folder) if any(page in pages for page in _pages_of(rel))]


def _pages_of(rel: str) -> tuple[str, ...]:
    """The site paths whose file is ``rel`` (file_rel's inverse): "a/index.html" is "a/"'s."""
    if rel == "index.html" or rel.endswith("/index.html"):
        return rel, rel.removesuffix("index.html")
    return (rel,)


def override_warnings(overrides: Iterable[str]) -> list[SourceError]:
    """Static files in place of pages: maybe meant (a home page of one's own), maybe not, so said."""
    return [SourceError(f"static/{rel}", 0, 0, "", f"replaces the page the archive makes at /{rel}")
            for rel in overrides]


def static_links(root: Path) -> list[SourceError]:
    """Symbolic links in static/, which are not copied (static_files), and a static/ that is
    itself one leading out of the project, which is: either way, said rather than silent."""
    folder = root / "static"
    if folder.is_symlink() and folder.is_dir() and not folder.resolve().is_relative_to(root.resolve()):
        return [SourceError("static", 0, 0, "", f"a symbolic link to {folder.resolve()}, outside the project: "
                            "its files are published with the site")]
    found = []
    for parent, dirs, names in os.walk(folder) if folder.is_dir() else ():
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in sorted({*dirs, *names}):
            path = Path(parent) / name
            if not name.startswith(".") and path.is_symlink():
                found.append(SourceError(f"static/{path.relative_to(folder).as_posix()}", 0, 0, "",
                                         "a symbolic link, not copied: static files are copied as regular "
                                         "files only; copy the file or folder itself"))
    return found


def static_clashes(root: Path, made: Iterable[str]) -> list[SourceError]:
    """Files of static/ that stand where the build makes a folder (``static/2025`` over the
    folder of every 2025 article) or below a file it makes (``static/feed.xml/x``). ``made``:
    every file the build makes, relative to the site. Copied anyway, the first deleted those
    pages from the site in a rebuild, and either failed a cold build naming its staging folder."""
    folder = root / "static"
    statics = [rel for _, rel in static_files(folder)] if folder.is_dir() else []
    if not statics:
        return []  # (``made`` is then never listed)
    # Only made files under a static file's top folder can clash with it: a few, where the
    # parents of all 280,000 files of a 100,000-article site took 0.4 s a build.
    tops = {rel.split("/", 1)[0] for rel in statics}
    files = {rel for rel in made if rel.split("/", 1)[0] in tops}
    folders = {parent for rel in files for parent in _parents(rel)}
    errors = []
    for rel in statics:
        taken = next((parent for parent in _parents(rel) if parent in files), None)
        if rel in folders:
            errors.append(SourceError(f"static/{rel}", 0, 0, "", f"a file where the archive makes the folder "
                                      f"/{rel}/ (its pages would be lost); rename or move the file"))
        elif taken is not None:
            errors.append(SourceError(f"static/{rel}", 0, 0, "", f"static/{taken} is a folder where the archive "
                                      f"makes the file /{taken}; rename or move the folder"))
    return errors


def _parents(rel: str) -> Iterator[str]:
    """The folders of a site path, outermost first: "a/b/c.html" -> "a", "a/b"."""
    parts = rel.split("/")
    return ("/".join(parts[:depth]) for depth in range(1, len(parts)))


def output_problems(root: Path, out: Path) -> list[SourceError]:
    """A build replaces its output folder whole: never one that holds the project or its
    input (``--out .`` deleted content/, layouts/ and .git), nor a folder of other files
    (``--out ~/Documents``). Both paths resolved."""
    def problem(message: str) -> list[SourceError]:
        return [SourceError("command line", 0, 0, "--out", f"{out}: {message}")]

    if root.is_relative_to(out):
        return problem("it holds the project, and a build replaces its output folder whole; "
                       "choose a folder of its own, such as site/")
    for name in INPUT_FOLDERS:
        # (resolved too: a content/ that is a symbolic link to a folder elsewhere)
        if out.is_relative_to(root / name) or out.is_relative_to((root / name).resolve()):
            return problem(f"it is inside the project's {name}/, which the build reads; choose a folder "
                           "of its own, such as site/")
    if out.exists() and not out.is_dir():
        return problem("it is a file; expected a folder for the site")
    if out.is_dir() and any(out.iterdir()) and not _built_here(root, out):
        return problem("it holds files that are not a site this builder wrote, and a build replaces "
                       "its output folder whole; empty it first, or choose another")
    return []


def output_key(out: Path) -> str:
    """The name of an output folder's records in the cache."""
    return hashlib.sha1(str(out).encode()).hexdigest()[:12]


def _built_here(root: Path, out: Path) -> bool:
    """A site this builder wrote: its mark says so. One built before the mark had words (an empty
    .nojekyll, as in many a hand-made docs/ folder) counts only as the project's own site/ or as
    an output folder the cache has a record of."""
    mark = out / SITE_MARK
    if not mark.is_file() or (out / ".git").exists():
        return False
    with suppress(OSError):
        if mark.read_bytes() == SITE_MARK_TEXT:
            return True
    return out == root / "site" or (root / CACHE / f"outputs-{output_key(out)}.pickle").is_file()


class Staging:
    def __init__(self, out: Path, overlay: bool = False, prune: list[str] | None = None,
                 recorded: Collection[str] | None = None) -> None:
        self.out = out
        self.overlay = overlay and out.is_dir()
        self.folder = out.parent / f".{out.name}.staging-{os.getpid()}"
        self.old = out.parent / f".{out.name}.old-{os.getpid()}"
        self.keep: set[str] = set()  # overlay: every file (relative path) the new site has
        # Overlay: where files not in ``keep`` are removed at commit: None for the whole site, or
        # only these folders (a rebuild that knows its set of pages did not change).
        self.prune = prune
        # Overlay: the files of the site in place as the last build recorded them
        # (builder.outputs): those the new site lacks are removed without a walk through it all.
        self.recorded = recorded
        self.had_site = out.is_dir()  # a first build compares nothing and links nothing
        # Overlay: the files the commit put in place, with their (size, mtime_ns), and those it
        # removed (builder.outputs keeps the record of the site's files from them).
        self.committed: dict[str, tuple[int, int]] = {}
        self.removed: set[str] = set()
        self._made: set[str] = set()  # folders made by this process

    def create(self) -> None:
        self._recover()
        _remove(self.folder)
        self.folder.mkdir(parents=True)
        self._made.add(str(self.folder))

    def _staged(self, rel: str) -> str:
        """Where the new site's file ``rel`` is staged: at the same place in a full build, whose
        staging folder becomes the site; side by side in an overlay (see _flat_name)."""
        name = _flat_name(rel) if self.overlay else None
        return f"{self.folder}/{name or rel}"

    def _recover(self) -> None:
        """Tidy up after a build that was killed (builds hold the project lock, so any staging or
        old folder here is a leftover): a site moved aside but never replaced is put back."""
        parent = self.out.parent
        if not parent.is_dir():
            return
        leftovers = sorted(parent.glob(f".{self.out.name}.old-*"))
        if not self.out.exists() and leftovers:
            os.rename(leftovers.pop(), self.out)
        for path in [*leftovers, *parent.glob(f".{self.out.name}.staging-*")]:
            _remove(path)

    def write(self, path: str, data: bytes | Path) -> None:
        """The file ``path`` of the new site holds ``data``: bytes, or those of a file (a static
        one, compared and copied in pieces: a video of 400 MB took 850 MB of memory whole)."""
        previous = output_name(str(self.out), path)  # (refuses a path that would leave the site)
        rel = file_rel(path)
        target = self._staged(rel)
        self.keep.add(rel)
        unchanged = self.had_site and (same_bytes(previous, data) if isinstance(data, bytes)
                                       else _same_file(previous, data))
        if unchanged and self.overlay:
            # The previous file stays, mtime included. A file staged earlier for the same path
            # goes: static/ is copied last, over a page or a built-in asset this build staged.
            with suppress(FileNotFoundError):
                os.unlink(target)
            return
        self._make_folder(os.path.dirname(target))
        if unchanged and _link(previous, target):
            return  # linked, keeping its mtime
        if isinstance(data, bytes):
            _write_file(target, data)
        else:
            shutil.copyfile(data, target)

    def _make_folder(self, folder: str) -> None:
        """``os.makedirs(folder, exist_ok=True)`` that remembers the folders it made or found, its
        parents included: makedirs looks up each parent and tries every folder again (a day's
        page after its articles made its folder): 35,000 mkdir and 35,000 stat calls for the
        26,000 folders of 10,000 articles."""
        if folder in self._made:
            return
        parent = os.path.dirname(folder)
        if parent != folder:
            self._make_folder(parent)  # (the staging folder is known: the walk up stops there)
        with suppress(FileExistsError):  # (made by another worker, or an earlier build)
            os.mkdir(folder)
        self._made.add(folder)

    def link_previous(self, path: str) -> bool:
        """Keep the previous site's file for ``path`` unchanged; False when there is none."""
        previous = output_name(str(self.out), path)
        if self.overlay:
            rel = file_rel(path)
            if os.path.isfile(previous) and not os.path.islink(previous):
                self.keep.add(rel)
                return True
            return False
        target = self._staged(file_rel(path))
        self._make_folder(os.path.dirname(target))
        return self.had_site and _link(previous, target)

    def final_file(self, path: str) -> Path:
        """Where the page for ``path`` is once committed: staged now, or kept from the old site."""
        kept = output_file(self.out, path)
        staged = Path(self._staged(file_rel(path)))
        return staged if staged.exists() or not self.overlay else kept

    def copy_bundle(self, source: Path, under: str, skip: Callable[[str], bool] | None = None) -> None:
        """Put a search bundle's files under ``under``, copied: a hard link would make the site's
        file and the cache's one file, and a hand edit or a deploy tool rewriting the site in
        place would change the cache too. A file with the same bytes as the previous site's stays
        as it was (linked from it), mtime included: a shard indexed again for one edited article
        mostly rewrites files Pagefind names by their content (each page's fragment), and a
        deploy should upload only what changed. Hidden files (the bundle's manifest) stay out."""
        for path in sorted(source.rglob("*")):
            if path.is_file() and not path.name.startswith(".") and not (skip and skip(path.name)):
                rel = f"{under}/{path.relative_to(source).as_posix()}"
                self.keep.add(rel)
                previous = self.out / rel
                data = path.read_bytes()
                unchanged = self.had_site and same_bytes(previous, data)
                if unchanged and self.overlay:
                    continue
                target = Path(self._staged(rel))
                self._make_folder(str(target.parent))
                if not (unchanged and _link(previous, target)):
                    _write_file(str(target), data)

    def prune_under(self, under: str) -> None:
        """Overlay: files below ``under`` (or the file ``under``) that the new site does not have
        go at commit."""
        if self.prune is not None:
            self.prune.append(under)

    def keep_previous_tree(self, under: str) -> None:
        """Overlay: keep every file below ``under`` of the previous site as it is."""
        folder = self.out / under
        if self.overlay and self.prune is not None:
            return  # nothing is pruned there
        if self.overlay and folder.is_dir():
            self.keep.update(p.relative_to(self.out).as_posix() for p in folder.rglob("*") if p.is_file())
        elif folder.is_dir():
            for path in folder.rglob("*"):
                if path.is_file():
                    self.keep.add(path.relative_to(self.out).as_posix())
                    target = self.folder / path.relative_to(self.out)
                    self._make_folder(str(target.parent))
                    _link(path, target)

    def copy_tree(self, source: Path, under: str = "", trusted: Callable[[str], bool] | None = None) -> None:
        """Write the files below ``source``; overlay, those ``trusted`` says the previous site
        has as they are (static files unchanged by path, size and mtime, the site's copy as its
        record has it) are kept without reading: a one-article rebuild read 500 MB of images
        twice to compare them (0.28 s from memory; seconds from disk)."""
        for file, rel in static_files(source, under):
            if not (trusted and self.overlay and trusted(rel) and self._keep_previous_file(rel)):
                try:
                    self.write(rel, file)
                except PermissionError as exc:  # reading it (chmod 000): not "cannot write the site"
                    if exc.filename != str(file):
                        raise
                    shown = file.relative_to(source.parent).as_posix()
                    raise BuildFailed([SourceError(shown, 0, 0, "", f"cannot read ({exc.strerror}); make it "
                                                   "readable, or remove it")]) from None

    def _keep_previous_file(self, rel: str) -> bool:
        """Overlay: keep the previous site's ``rel`` over anything this build staged there (a
        static file stands in for a page); False when there is none."""
        if not self.link_previous(rel):
            return False
        with suppress(FileNotFoundError):
            os.unlink(self._staged(rel))
        return True

    def commit(self) -> None:
        if self.overlay:
            self._commit_overlay()
            return
        # os.replace cannot put a folder over a full one. Linux swaps two folders in one step
        # (renameat2 RENAME_EXCHANGE), so there is never a moment without a site; elsewhere, two
        # renames, and a build killed between them is put right by the next one (_recover).
        if self.out.exists() and _exchange(self.folder, self.out):
            _remove(self.folder)  # now the previous site
            return
        if self.out.exists():
            _remove(self.old)
            os.rename(self.out, self.old)
        os.rename(self.folder, self.out)
        _remove(self.old)

    def _commit_overlay(self) -> None:
        staged_root, out_root = str(self.folder), str(self.out)
        for folder, _, names in os.walk(staged_root):
            rel_folder = os.path.relpath(folder, staged_root)
            for name in names:
                rel = _unflat(name) if rel_folder == "." else f"{rel_folder}/{name}"
                self.keep.add(rel)  # pages rendered in worker processes are recorded here
                source, target = os.path.join(folder, name), os.path.join(out_root, rel)
                try:
                    old: os.stat_result | None = os.lstat(target)
                except FileNotFoundError:
                    old = None
                except NotADirectoryError:
                    self._clear_way(rel)
                    old = None
                if old is not None and stat.S_ISDIR(old.st_mode):
                    shutil.rmtree(target)
                    old = None
                if old is None:  # a new page: its folder may be new too
                    os.makedirs(os.path.dirname(target), exist_ok=True)
                new = os.stat(source)  # (a rename keeps the inode: the same size and mtime in the site)
                self.committed[rel] = (new.st_size, new.st_mtime_ns)
                os.replace(source, target)
        _remove(self.folder)
        if self.prune is None and self.recorded is not None:
            self._remove_gone(self.recorded)
            return
        for top in [out_root] if self.prune is None else [os.path.join(out_root, p) for p in self.prune]:
            self._remove_unkept(top)

    def _remove_gone(self, recorded: Collection[str]) -> None:
        """Remove the recorded files the new site does not have, and the folders that leaves
        empty: at 100,000 articles, 0.2 s instead of 4 s for walking 176,000 files to find them.
        A file someone added to the site by hand is not in the record, and is left alone."""
        out_root = str(self.out)
        folders = set()
        for rel in recorded:
            if rel in self.keep:
                continue
            self.removed.add(rel)
            folders.add(os.path.dirname(rel))
            with suppress(FileNotFoundError, IsADirectoryError):  # (gone, or a folder made there by hand)
                os.unlink(os.path.join(out_root, rel))
        for folder in sorted(folders, key=len, reverse=True):  # the deepest first
            self._remove_empty_folders(folder)

    def _remove_empty_folders(self, folder: str) -> None:
        """``folder`` (relative to the site) and the folders above it, as long as they are empty."""
        while folder and folder != ".":
            try:
                os.rmdir(os.path.join(self.out, folder))
            except OSError:  # not empty (or gone): the folders above it are not empty either
                return
            folder = os.path.dirname(folder)

    def _clear_way(self, rel: str) -> None:
        """A file of the previous site stands where ``rel`` needs a folder (a static file named
        ``2024`` removed, and the first article of 2024 added): the new site has a folder there,
        so that file goes. One the new site keeps is left, for the commit to fail on."""
        parts = rel.split("/")[:-1]
        for depth in range(1, len(parts) + 1):
            prefix = "/".join(parts[:depth])
            path = os.path.join(self.out, prefix)
            if os.path.islink(path) or (os.path.lexists(path) and not os.path.isdir(path)):
                if prefix not in self.keep:
                    os.unlink(path)
                    self.removed.add(prefix)
                return

    def _remove_unkept(self, top: str) -> None:
        out_root = str(self.out)
        if os.path.isfile(top):  # a page's own file (builder.pages._drop_gone_pages)
            rel = os.path.relpath(top, out_root)
            if rel not in self.keep:
                os.unlink(top)
                self.removed.add(rel)
            self._remove_empty_folders(os.path.dirname(rel))
            return
        for folder, _, names in os.walk(top, topdown=False):
            rel_folder = os.path.relpath(folder, out_root)
            for name in names:
                rel = name if rel_folder == "." else f"{rel_folder}/{name}"
                if rel not in self.keep:
                    os.unlink(os.path.join(folder, name))
                    self.removed.add(rel)
            if folder != out_root and not os.listdir(folder):
                os.rmdir(folder)
        # and the folders above it that this left empty (tags/x/page/ when its last page went)
        self._remove_empty_folders(os.path.relpath(os.path.dirname(top.rstrip("/")), out_root))

    def abort(self) -> None:
        _remove(self.folder)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically with renameat2(RENAME_EXCHANGE); False where it is unavailable."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange)
    return bool(result == 0)


_FLAT = re.compile("%(25|2F)")


def _flat_name(rel: str) -> str | None:
    """A file name for the path ``rel`` ("2025/03/index.html" -> "2025%2F03%2Findex.html"), or
    None when too long for one: that file is staged at its path, in folders. A file of the top
    folder keeps its escaped name whatever its length: the commit unescapes every name there."""
    name = rel.replace("%", "%25").replace("/", "%2F")
    return name if len(name.encode()) <= 240 or "/" not in rel else None


def _unflat(name: str) -> str:
    """The path of a file staged side by side: _flat_name undone."""
    return _FLAT.sub(lambda found: "%" if found.group(1) == "25" else "/", name)


def write_atomic_bytes(path: Path, data: bytes) -> None:
    """Replace one file at once (a temporary file and a rename): readers see old or new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError:  # (a full disk: the part written would hold on to the space)
        with suppress(OSError):
            temporary.unlink()
        raise


def file_rel(path: str) -> str:
    """The file a site path is written to, relative to the site: "a/" -> "a/index.html"."""
    return path + "index.html" if path.endswith("/") or not path else path


def _link(previous: str | Path, target: str | Path) -> bool:
    """A hard link (the folder of ``target`` exists); False where there can be none."""
    try:
        os.link(previous, target)
    except OSError:
        return False
    return True


def _write_file(path: str, data: bytes) -> None:
    """``open(path, "wb").write(data)`` without the buffered file object, whose fstat and
    isatty calls cost more than the write on a page of a few kB (29,000 pages: 0.1 s)."""
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view):]
    finally:
        os.close(handle)


def same_bytes(path: str | Path, data: bytes) -> bool:
    """Whether ``path`` is a file (not a link) holding exactly ``data``."""
    try:
        found = os.lstat(path)
        if found.st_size != len(data) or stat.S_ISLNK(found.st_mode):
            return False
        with open(path, "rb") as handle:
            return handle.read() == data
    except OSError:
        return False


def _same_file(path: str, source: Path) -> bool:
    """``same_bytes`` for the bytes of the file ``source``, read in pieces."""
    try:
        found = os.lstat(path)
        if found.st_size != source.stat().st_size or stat.S_ISLNK(found.st_mode):
            return False
        return filecmp.cmp(path, source, shallow=False)
    except OSError:
        return False


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
