"""builder.bench_hugo: the Hugo project the benchmark compares with (written, not built: Hugo is
an optional benchmark dependency, not a test one)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from builder.bench_hugo import hugo_command, write_hugo_project
from builder.gen import generate_corpus


def test_the_hugo_project_mounts_every_year_and_makes_every_month_a_section(tmp_path: Path) -> None:
    corpus, project = tmp_path / "corpus", tmp_path / "hugo"
    generate_corpus(corpus, 40, years=3)
    write_hugo_project(corpus, project)
    config = tomllib.loads((project / "hugo.toml").read_text("utf-8"))
    years = sorted(p.name for p in (corpus / "content").glob("[0-9]*"))
    mounted = sorted(m["target"] for m in config["module"]["mounts"] if m["source"] != "months")
    assert mounted == [f"content/{year}" for year in years]  # actors/ and tags/ profiles stay out
    assert config["pagination"]["pagerSize"] == 20
    assert set(config["taxonomies"].values()) == {"tags", "actors"}
    months = {p.parent for p in (corpus / "content").glob("[0-9]*/[0-9]*/*.md")}
    indexes = {p.parent for p in (project / "months").rglob("_index.md")}
    assert {m.relative_to(corpus / "content") for m in months} == {i.relative_to(project / "months") for i in indexes}
    for name in ("baseof", "page", "section", "home", "term", "taxonomy"):
        assert "{{" in (project / "layouts" / f"{name}.html").read_text("utf-8")


def test_a_cold_hugo_build_moves_the_previous_output_aside(tmp_path: Path) -> None:
    project, trash = tmp_path / "hugo", tmp_path / "trash"
    (project / "public").mkdir(parents=True)
    command = hugo_command(project, trash)
    if command is None:  # Hugo is not installed: nothing to run, nothing moved
        assert (project / "public").is_dir()
        return
    assert not (project / "public").exists() and len(list(trash.iterdir())) == 1
    assert command[command.index("--destination") + 1] == str(project / "public")
