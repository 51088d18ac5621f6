"""builder.bench on a small corpus: every step runs, and each does what its name says."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from builder import bench
from builder.gen import generate_corpus


@pytest.mark.slow
def test_the_benchmark_runs_every_step_with_and_without_search(tmp_path: Path) -> None:
    runs = bench.bench(60, tmp_path)
    steps = ["cold", "nothing changed", "one article edited", "recent article edited", "one article added",
             "late article added", "one article removed", "one layout edited"]
    assert [(run.step, run.search) for run in runs] == [(s, False) for s in steps] + [(s, True) for s in steps]
    by_step = {(run.step, run.search): run for run in runs}
    for search in (False, True):
        cold = by_step["cold", search]
        assert cold.pages > 60 and cold.rewritten >= cold.pages and cold.output_mb > 0
        assert by_step["nothing changed", search].rewritten == 0
        for step in ("one article edited", "recent article edited", "one article added", "late article added",
                     "one article removed"):
            assert 0 < by_step[step, search].rewritten < cold.rewritten / 4, step


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


def test_the_side_by_side_table_gives_each_round_its_disk_time_and_ratio(capsys: pytest.CaptureFixture[str]) -> None:
    bench.print_side_by_side(10, [("disk", 0.61, 0.0), ("hugo", 10.0, 1200.0), ("archive", 5.5, 400.0),
                                  ("disk", 1.84, 0.0), ("hugo", 12.0, 1250.0), ("archive", 9.0, 410.0)])
    rows = [line.split() for line in capsys.readouterr().out.splitlines()[3:]]
    assert rows == [["1", "0.61", "10.00", "1200", "5.50", "400", "0.55"],
                    ["2", "1.84", "12.00", "1250", "9.00", "410", "0.75"]]
