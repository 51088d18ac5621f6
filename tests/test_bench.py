"""builder.bench on a small corpus: every step runs, and each does what its name says."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import pytest

from builder import bench
from builder.gen import generate_corpus


@pytest.mark.slow
def test_the_benchmark_runs_every_step_with_and_without_search(tmp_path: Path) -> None:
    runs = bench.bench(60, tmp_path)
    steps = ["cold", "nothing changed", "one article edited", "recent article edited", "one article added",
             "late article added", "one article removed", "one layout edited", "searched layout edited"]
    assert [(run.step, run.search) for run in runs] == [(s, False) for s in steps] + [(s, True) for s in steps]
    by_step = {(run.step, run.search): run for run in runs}
    for search in (False, True):
        cold = by_step["cold", search]
        assert cold.pages > 60 and cold.rewritten >= cold.pages and cold.output_mb > 0
        assert by_step["nothing changed", search].rewritten == 0
        for step in ("one article edited", "recent article edited", "one article added", "late article added",
                     "one article removed"):
            assert 0 < by_step[step, search].rewritten < cold.rewritten / 4, step
    # The dateline's wording is no text search reads: the same pages, and no search file, rewritten;
    # a word before each title is, and the bundles are made again.
    layout = {search: by_step["one layout edited", search].rewritten for search in (False, True)}
    assert layout[True] == layout[False] >= 60  # (every article page)
    searched = {search: by_step["searched layout edited", search].rewritten for search in (False, True)}
    assert searched[True] > searched[False] + 10


def test_the_added_article_is_the_newest_and_in_the_newest_month(tmp_path: Path) -> None:
    """As a wire archive's next story: not in a month (and so a search bundle) of its own."""
    generate_corpus(tmp_path, 40, profiles=False)
    articles = sorted((tmp_path / "content").glob("[12]*/*/*.md"))
    month = articles[-1].parent
    added = bench.newest_article(tmp_path, 1, month)
    assert added.parent == month
    dates = [line.split(": ", 1)[1] for path in articles for line in path.read_text().splitlines()
             if line.startswith("date: ")]
    new_date = next(line.split(": ", 1)[1] for line in added.read_text().splitlines() if line.startswith("date: "))
    assert new_date.startswith(f"{month.parent.name}-{month.name}-")
    assert all(datetime.fromisoformat(new_date) > datetime.fromisoformat(d) for d in dates)


def test_the_late_article_is_dated_among_the_newest(tmp_path: Path) -> None:
    """Copy filed late: in the newest month, before its newest articles, after most others."""
    generate_corpus(tmp_path, 400, profiles=False)
    articles = sorted((tmp_path / "content").glob("[12]*/*/*.md"))
    late = bench.newest_article(tmp_path, 1, articles[-1].parent, late=True)
    dates = sorted(datetime.fromisoformat(line.split(": ", 1)[1]) for path in articles
                   for line in path.read_text().splitlines() if line.startswith("date: "))
    when = next(datetime.fromisoformat(line.split(": ", 1)[1]) for line in late.read_text().splitlines()
                if line.startswith("date: "))
    assert dates[len(dates) // 2] < when < dates[-1]


def test_the_disk_probe_writes_its_pages_and_moves_the_previous_probe_aside(tmp_path: Path) -> None:
    trash = tmp_path / "trash"
    first = bench.disk_probe(tmp_path, trash)
    pages = list((tmp_path / "disk-probe").glob("*/*/index.html"))
    assert first > 0 and len(pages) == bench.PROBE_FILES
    assert all(page.stat().st_size == 10_000 for page in pages[:50])
    bench.disk_probe(tmp_path, trash)  # the first probe's files are moved, not deleted
    assert len(list(trash.iterdir())) == 1
    assert len(list((tmp_path / "disk-probe").glob("*/*/index.html"))) == bench.PROBE_FILES


def test_the_side_by_side_table_gives_each_round_its_disk_time_cpu_and_ratio(
        capsys: pytest.CaptureFixture[str]) -> None:
    timed = bench.Timed
    bench.print_side_by_side(10, [bench.Round(0.61, timed(10.0, 1200.0, 14.2, 3.1), timed(5.5, 400.0, 9.0, 2.4)),
                                  bench.Round(1.84, timed(12.0, 1250.0, 14.9, 6.0), timed(9.0, 410.0, 9.2, 8.8))])
    rows = [line.split() for line in capsys.readouterr().out.splitlines()[3:]]
    assert rows == [["1", "0.61", "10.00", "14.2+3.1", "1200", "5.50", "9.0+2.4", "400", "0.55"],
                    ["2", "1.84", "12.00", "14.9+6.0", "1250", "9.00", "9.2+8.8", "410", "0.75"]]


def test_a_timed_command_counts_the_cpu_of_its_children(tmp_path: Path) -> None:
    """A build's work is in its workers: their CPU seconds count once the build waited for them."""
    busy = "import time; t = time.process_time(); exec('while time.process_time() - t < 0.3: pass')"
    parent = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {busy!r}], check=True)"
    run = bench.timed([sys.executable, "-c", parent])
    assert run.user + run.system >= 0.3 and run.seconds >= 0.3 and run.peak_mb > 1
