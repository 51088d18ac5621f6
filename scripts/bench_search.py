"""Search benchmark: Pagefind index time, peak memory and bundle size for generated archives of
1,000 and 10,000 articles, and the time from typing a query to results shown in Chromium, with
the filters not loaded (the search page's default) and loaded (``?filters=1``).

    python scripts/bench_search.py [--sizes 1000 10000] [--work DIR]

Prints a table; asserts nothing. Needs the test extra (Playwright) and /usr/bin/chromium.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from builder.bench import timed_build  # noqa: E402
from builder.gen import generate_corpus  # noqa: E402
from builder.search import BUNDLE  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

QUERIES = ("ceasefire", "central bank", "minister", "grain exports", "election")


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def index(root: Path) -> tuple[float, float, int]:
    """Seconds and peak MB (build process and Pagefind children) of indexing every year, and the
    bundle bytes: a build without search first, then one with it, which renders nothing new."""
    shutil.rmtree(root / ".archive-cache" / "search", ignore_errors=True)
    timed_build(root, search=False)
    run = timed_build(root, search=True)
    return run.seconds, run.peak_mb, folder_size(root / "site" / BUNDLE)


def query_times(site: Path, page_path: str = "search/") -> list[float]:
    """Milliseconds from filling the search box to the first result being shown, per query."""
    from playwright.sync_api import sync_playwright

    times = []
    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(url + page_path)  # loads the newest month's bundle and merges the others
        page.wait_for_selector(".pagefind-ui__search-input")
        for query in QUERIES:
            page.fill(".pagefind-ui__search-input", "")
            page.wait_for_timeout(400)
            started = time.perf_counter()
            page.fill(".pagefind-ui__search-input", query)
            page.wait_for_selector(".pagefind-ui__result-link", timeout=30_000)
            times.append((time.perf_counter() - started) * 1000)
        browser.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-search-"))
    header = ("articles", "index s", "peak MB", "bundle MB", "kB/article", "query ms", "filtered ms")
    print(" ".join(f"{h:>{w}}" for h, w in zip(header, (9, 8, 8, 10, 11, 9, 12), strict=True)))
    for size in args.sizes:
        root = work / str(size)
        if not (root / "content").is_dir():
            generate_corpus(root, size)
        seconds, peak, size_bytes = index(root)
        latency = filtered = ""
        if size == max(args.sizes):  # the debounce (300 ms) is included
            latency = f"{statistics.median(query_times(root / 'site')):.0f}"
            filtered = f"{statistics.median(query_times(root / 'site', 'search/?filters=1')):.0f}"
        print(f"{size:>9,} {seconds:>8.1f} {peak:>8.0f} {size_bytes / 1e6:>10.1f} "
              f"{size_bytes / size / 1000:>11.1f} {latency:>9} {filtered:>12}")
    print(f"(corpora in {work}; query time is the median of {len(QUERIES)} queries, typing to first result)")


if __name__ == "__main__":
    main()
