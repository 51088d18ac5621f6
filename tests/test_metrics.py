"""``archive build --timings``: the build's steps and each template's pages, as measured."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.cli import main
from builder.gen import generate_corpus
from builder.metrics import Laps, TemplateTimes, timings_report
from tests.helpers import build_site, write_files

FULL_BUILD_STEPS = ["scan", "load", "plan", "render", "commit", "caches"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("timings")
    generate_corpus(root, 120, years=2, profiles=False)
    return root


def test_a_cold_build_times_every_step_in_order_and_every_page_by_its_template(corpus: Path) -> None:
    result = build_site(corpus, search=False, workers=2)  # two workers: their times are summed
    assert list(result.timings) == FULL_BUILD_STEPS
    assert all(seconds >= 0 for seconds in result.timings.values())
    assert sum(result.timings.values()) <= result.seconds
    templates = result.templates
    assert sum(times.rendered for times in templates.values()) == result.rendered == result.pages
    assert sum(times.checked for times in templates.values()) == result.checked
    articles = templates["article.html"]
    assert articles.rendered == result.articles == 120
    assert articles.slowest_path.count("/") == 4  # an article's own page: YYYY/MM/DD/slug/
    assert 0 < articles.slowest_seconds <= articles.render_seconds
    assert {"period.html", "entity.html", "feed.xml", "sitemap.xml"} <= templates.keys()


def test_a_rebuild_times_only_what_it_checked_and_rendered(tmp_path: Path) -> None:
    files = {f"content/2024/05/a{i}.md": f"---\ntitle: Story {i}\ndate: 2024-05-0{i}T10:00:00Z\n"
             f"summary: Story {i}.\ntags: [trade]\n---\n\nBody {i}.\n" for i in range(1, 4)}
    root = write_files(tmp_path, files)
    build_site(root, search=False)
    (root / "content/2024/05/a2.md").write_text(files["content/2024/05/a2.md"].replace("Body 2", "Body two"))
    result = build_site(root, search=False)
    assert result.templates["article.html"].rendered == 1
    assert result.templates["article.html"].slowest_path == "2024/05/02/story-2/"
    assert sum(times.rendered for times in result.templates.values()) == result.rendered
    unchanged = build_site(root, search=False)
    assert unchanged.unchanged and list(unchanged.timings) == ["scan"] and unchanged.templates == {}


def test_laps_add_up_a_step_run_twice() -> None:
    laps = Laps(0.0)
    laps.lap("load")
    first = laps.steps["load"]
    laps.lap("render")
    laps.lap("load")
    assert list(laps.steps) == ["load", "render"]
    assert laps.steps["load"] > first


def test_merged_times_keep_the_slowest_page() -> None:
    one, two = TemplateTimes(), TemplateTimes()
    one.add_render("a/", 0.002, 0.001)
    two.add_render("b/", 0.005, 0.001)
    two.add_render("c/", 0.001, 0.001)
    one.merge(two)
    assert (one.rendered, one.slowest_path, one.slowest_seconds) == (3, "b/", 0.005)
    assert one.render_seconds == pytest.approx(0.008)


def test_the_report_names_steps_templates_and_memory() -> None:
    kept = TemplateTimes(checked=4, view_seconds=0.01)
    drawn = TemplateTimes(checked=2)
    drawn.add_render("tags/trade/", 0.004, 0.002)
    report = timings_report(1.0, {"load": 0.25, "render": 0.5}, {"entity.html": drawn, "period.html": kept})
    lines = report.splitlines()
    assert lines[1].split()[-2:] == ["0.250", "25%"]
    assert lines[2].startswith("views, rendering and writing pages")
    assert "/tags/trade/ (4.0)" in report
    home = TemplateTimes(checked=1)
    home.add_render("", 0.001, 0.001)  # found by a probe: the home page's path is "", shown as nothing
    assert timings_report(1.0, {}, {"listing.html": home}).splitlines()[-3].endswith("  / (1.0)")
    period = next(line for line in lines if line.startswith("period.html"))
    assert period.split()[1:4] == ["4", "0.010", "0"] and period.endswith("-")
    assert lines[-1].startswith("peak memory: ") and "MB in its largest worker" in lines[-1]


def test_the_command_prints_the_report_after_its_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_files(tmp_path, {"content/a.md": "---\ntitle: One\ndate: 2024-05-01\n---\n\nText.\n"})
    assert main(["build", "--root", str(root), "--no-search", "--quiet", "--timings"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("built 1 article")
    assert out[1].split() == ["step", "seconds", "share"]
    assert any(line.startswith("article.html ") and line.split()[3] == "1" for line in out)
    assert main(["build", "--root", str(root), "--no-search", "--quiet"]) == 0
    assert "step" not in capsys.readouterr().out
