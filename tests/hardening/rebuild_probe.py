"""A seeded random walk of edits to a small generated project. After every step the incremental
build (as `archive build` makes it, or the dev server with its quick previews) must

- fail exactly when a cold build of the same input fails, and then leave the site as it was;
- otherwise equal the cold build file for file (with search, what each bundle lets a search find:
  Pagefind's own files are not byte-stable);
- and leave the mtime of every file whose bytes did not change.

The edits are what editors and developers do: titles, dates, names, bodies, drafts, aliases,
slugs, profiles, settings, layouts, static files, a broken file fixed at the next step, and the
command line's flags. tests/hardening/test_rebuild_probe.py walks a few seeds of each mode on
every test run; for many more:

    python -m tests.hardening.rebuild_probe --mode search --seeds 1-30 --steps 40

It found what no hand-written test had: an alias at the top of the site that deleted the search
index, and articles hidden from search when the newest month's last article went.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import random
import re
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, ClassVar

import yaml

from builder.errors import BuildFailed
from builder.frontmatter import YAML_LOADER
from builder.gen import generate_corpus
from builder.pages import preview_articles
from builder.pipeline import BuildOptions, build
from builder.site import Site
from builder.write import file_rel
from tests.helpers import mtimes, searchable_pages, snapshot

BUILTIN = Path(__file__).resolve().parents[2] / "builder" / "layouts"
INPUTS = ("content", "layouts", "static", "pyproject.toml")
MODES = ("plain", "batch", "search", "preview")
WORDS = ["talks", "budget", "river", "energy", "summit", "ceasefire", "deal", "vote", "court", "storm", "port",
         "grain", "oil", "bank", "trade", "minister", "strike", "election", "border", "rail"]
NEW_TAGS = ["Breaking", "Fisheries", "Zoning", "Weather", "energy", "ENERGY", "Diplomacy"]
NEW_ACTORS = ["Ada Newcomer", "Bob Stranger", "Nato", "NATO", "Carla Brandnew", "china"]
SETTINGS: dict[str, Callable[[random.Random], object]] = {
    "title": lambda r: r.choice(WORDS).title(),
    "per_page": lambda r: r.randint(2, 25),
    "listing_summaries": lambda r: r.random() < 0.5,
    "actor_page_min": lambda r: r.randint(1, 4),
    "related_count": lambda r: r.randint(0, 6),
    "feed_size": lambda r: r.randint(1, 10),
    "base_url": lambda r: r.choice(["https://x.github.io/repo/", "http://localhost:8000/", "https://example.org/"]),
    "description": lambda r: " ".join(r.sample(WORDS, 4)),
    "timezone": lambda r: r.choice(["UTC", "Asia/Kolkata", "America/New_York"]),
    "publisher": lambda r: r.choice(WORDS).title(),
    "search_patch_pages": lambda r: r.choice([0, 1, 3, 64]),
    "language": lambda r: r.choice(["en", "fr"]),
}


# -- files -------------------------------------------------------------------------------------------

def comparable(site: Path, files: dict[str, str]) -> dict[str, str]:
    """The site's ``files`` by hash; with search, what each search finds instead of Pagefind's files."""
    result = files
    if (site / "pagefind").is_dir():
        result = {rel: digest for rel, digest in result.items() if not rel.startswith("pagefind/")}
        for url, record in searchable_pages(site).items():
            result["search: " + url] = hashlib.sha256(json.dumps(record, sort_keys=True).encode()).hexdigest()
    return result


def split(text: str) -> tuple[dict[str, Any], str]:
    _, front, body = text.split("---\n", 2)
    # (the builder's loader, libyaml's: the pure-Python one took a sixth of a walk)
    return yaml.load(front, Loader=YAML_LOADER) or {}, body


def join(meta: dict[str, Any], body: str) -> str:
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, default_flow_style=None, width=1000)
    return f"---\n{front}---\n{body}"


def as_datetime(value: object) -> datetime:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def copy_inputs(source: Path, dest: Path) -> None:
    """Replace dest's inputs (content, layouts, static files, settings) with source's."""
    for name in INPUTS:
        src, dst = source / name, dest / name
        if dst.is_dir():
            shutil.rmtree(dst)
        elif dst.exists():
            dst.unlink()
        if src.is_dir():
            shutil.copytree(src, dst)
        elif src.exists():
            shutil.copy2(src, dst)


# -- the walk ----------------------------------------------------------------------------------------

@dataclass
class Flags:
    """The command line's part of a build."""
    search: bool = False
    drafts: bool = False
    base_url: str | None = None


@dataclass
class RebuildProbe:
    seed: int
    work: Path
    mode: str = "plain"
    count: int = 60
    log: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        assert self.mode in MODES, self.mode
        self.r = random.Random(self.seed)
        self.project = self.work / "project"
        self.flags = Flags(search=self.mode in ("search", "preview"))
        self.settings: dict[str, object] = {"per_page": 5, "feed_size": 5}
        self.broken: list[tuple[Path, str | None]] = []  # files an edit broke: fixed at the next step
        self.last_site: Site | None = None  # the dev server's model, for its previews
        self.previewed: set[str] = set()  # site files a preview wrote since the last build
        self.previewed_this_step: set[str] = set()  # (the build after a preview rewrites them, same bytes)
        generate_corpus(self.project, self.count, seed=self.seed, words=40, years=3)
        self.write_settings()

    # -- helpers
    def articles(self) -> list[Path]:
        content = self.project / "content"
        return sorted(p for p in content.rglob("*.md")
                      if not p.relative_to(content).as_posix().startswith(("actors/", "tags/")))

    def by_date(self) -> list[tuple[datetime, Path]]:
        dated = []
        for path in self.articles():
            with contextlib.suppress(KeyError, ValueError):  # (a date an edit broke)
                dated.append((as_datetime(split(path.read_text())[0]["date"]), path))
        return sorted(dated)

    def pick(self) -> Path:
        return self.r.choice(self.articles())

    def edit_meta(self, path: Path, change: Callable[[dict[str, Any]], None]) -> None:
        meta, body = split(path.read_text())
        change(meta)
        path.write_text(join(meta, body))

    def toggle(self, key: str, value: Callable[[dict[str, Any]], object]) -> str:
        """Add the field to an article, or remove it if it has one."""
        path = self.pick()
        self.edit_meta(path, lambda meta: meta.pop(key) if meta.get(key) else meta.__setitem__(key, value(meta)))
        return f"{key} toggled in {path.name}"

    def names_in_use(self, key: str) -> list[str]:
        found: set[str] = set()
        for path in self.articles()[:80]:
            with contextlib.suppress(ValueError, yaml.YAMLError):
                found.update(split(path.read_text())[0].get(key) or [])
        return sorted(found)

    def words(self, n: int) -> str:
        return " ".join(self.r.choice(WORDS) for _ in range(n)).capitalize()

    def write_settings(self) -> None:
        lines = ["[tool.archive]"] + [f"{key} = {json.dumps(value)}" for key, value in self.settings.items()]
        (self.project / "pyproject.toml").write_text("\n".join(lines) + "\n")

    # -- edits: each makes one change and says what it did
    def e_title(self) -> str:
        path, title = self.pick(), self.words(self.r.randint(2, 6))
        self.edit_meta(path, lambda meta: meta.__setitem__("title", title))
        return f"title of {path.name} -> {title!r}"

    def e_date(self) -> str:
        path = self.pick()
        delta = self.r.choice([timedelta(minutes=1), timedelta(hours=-3), timedelta(days=1), timedelta(days=-1),
                               timedelta(days=31), timedelta(days=-40), timedelta(days=365), timedelta(days=-700),
                               timedelta(hours=self.r.randint(-2000, 2000))])
        self.edit_meta(path, lambda meta: meta.__setitem__("date", (as_datetime(meta["date"]) + delta).isoformat()))
        return f"date of {path.name} {delta}"

    def e_summary(self) -> str:
        path, summary = self.pick(), self.words(5) if self.r.random() < 0.7 else None
        self.edit_meta(path, lambda meta: meta.pop("summary", None) if summary is None
                       else meta.__setitem__("summary", summary))
        return f"summary of {path.name} -> {summary!r}"

    def e_body(self) -> str:
        path = self.pick()
        meta, body = split(path.read_text())
        line = self.words(8) + ".\n"
        path.write_text(join(meta, "\n" + line + body if self.r.random() < 0.5 else body.rstrip() + "\n\n" + line))
        return f"body of {path.name}"

    def names(self, key: str, pool: list[str]) -> str:
        path, known = self.pick(), self.names_in_use(key)
        how = self.r.choice(["add", "add new", "remove", "reorder", "case", "clear", "rename"])

        def change(meta: dict[str, Any]) -> None:
            names = list(meta.get(key) or [])
            if how == "add" and known:
                names.append(self.r.choice(known))
            elif how == "add new":
                names.insert(self.r.randint(0, len(names)), self.r.choice(pool))
            elif how == "remove" and names:
                names.pop(self.r.randrange(len(names)))
            elif how == "reorder":
                self.r.shuffle(names)
            elif how == "case" and names:
                i = self.r.randrange(len(names))
                names[i] = names[i].lower() if self.r.random() < 0.5 else names[i].upper()
            elif how == "clear":
                names = []
            elif how == "rename" and names:
                i = self.r.randrange(len(names))
                names[i] = f"{names[i]} {self.r.choice(WORDS).capitalize()}"
            meta[key] = list(dict.fromkeys(names))

        self.edit_meta(path, change)
        return f"{key}: {how} in {path.name}"

    def e_tags(self) -> str:
        return self.names("tags", NEW_TAGS)

    def e_actors(self) -> str:
        return self.names("actors", NEW_ACTORS)

    def e_add(self) -> str:
        dated = self.by_date()
        where = self.r.choice(["newest", "oldest", "among", "a year on", "years before"])
        moment = {"newest": lambda: dated[-1][0] + timedelta(hours=self.r.randint(1, 50)),
                  "oldest": lambda: dated[0][0] - timedelta(hours=self.r.randint(1, 50)),
                  "among": lambda: self.r.choice(dated)[0] + timedelta(minutes=self.r.randint(-300, 300)),
                  "a year on": lambda: dated[-1][0] + timedelta(days=400),
                  "years before": lambda: dated[0][0] - timedelta(days=800)}[where]()
        tags = self.r.sample(self.names_in_use("tags"), 2) + ([self.r.choice(NEW_TAGS)] if self.r.random() < .3 else [])
        actors = (self.r.sample(self.names_in_use("actors"), 2)
                  + ([self.r.choice(NEW_ACTORS)] if self.r.random() < .3 else []))
        meta: dict[str, Any] = {"title": self.words(4), "date": moment.isoformat(), "source": "AP",
                                "tags": list(dict.fromkeys(tags)), "actors": list(dict.fromkeys(actors))}
        if self.r.random() < 0.15:
            meta["draft"] = True
        path = self.project / "content" / str(moment.year) / f"new-{self.r.randrange(10**6)}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(join(meta, f"\n{self.words(10)}.\n\n{self.words(7)}.\n"))
        return f"add ({where}) {path.relative_to(self.project)}"

    def e_remove(self) -> str:
        dated = self.by_date()
        which = self.r.choice(["newest", "oldest", "any"])
        path = dated[-1][1] if which == "newest" else dated[0][1] if which == "oldest" else self.r.choice(dated)[1]
        path.unlink()
        return f"remove ({which}) {path.relative_to(self.project)}"

    def e_rename(self) -> str:
        path = self.pick()
        dest = self.project / "content" / "moved" / path.name
        if dest.exists():
            return "rename: skipped"
        dest.parent.mkdir(exist_ok=True)
        path.rename(dest)
        return f"rename {path.name} into content/moved/"

    def e_duplicate(self) -> str:
        path = self.pick()
        meta, body = split(path.read_text())
        meta["title"] = f"{meta['title']} again"
        path.with_name("dup-" + path.name).write_text(join(meta, body))
        return f"duplicate {path.name}"

    def e_draft(self) -> str:
        return self.toggle("draft", lambda meta: True)

    def e_alias(self) -> str:
        alias = self.r.choice([f"/old/{self.r.randrange(1000)}/", f"/old-{self.r.randrange(1000)}.html",
                               f"/news/{self.r.randrange(1000)}.html"])
        return self.toggle("aliases", lambda meta: [alias])

    def e_slug(self) -> str:
        slug = f"slug-{self.r.randrange(1000)}"
        return self.toggle("slug", lambda meta: slug)

    def e_updated(self) -> str:
        return self.toggle("updated", lambda meta: (as_datetime(meta["date"]) + timedelta(days=2)).isoformat())

    def e_language(self) -> str:
        return self.toggle("language", lambda meta: "fr")

    def e_image(self) -> str:
        return self.toggle("image", lambda meta: "/images/x.jpg")

    def e_touch(self) -> str:
        path = self.pick()
        os.utime(path)
        return f"touch {path.name}"

    def e_break(self) -> str:
        path = self.pick()
        self.broken.append((path, path.read_text()))
        path.write_text(path.read_text().replace("date:", "date: notadate #", 1))
        return f"break the date of {path.name}"

    def e_break_layout(self) -> str:
        path = self.project / "layouts" / "listing.html"
        path.parent.mkdir(exist_ok=True)
        self.broken.append((path, path.read_text() if path.exists() else None))
        path.write_text("{% if %}")
        return "break layouts/listing.html"

    def profile(self, kind: str) -> str:
        folder = self.project / "content" / kind
        folder.mkdir(exist_ok=True)
        names = self.names_in_use(kind)
        existing = sorted(folder.glob("*.md"))
        how = self.r.choice(["add", "edit", "delete", "merge", "add", "unalias", "body"])
        if how == "add" or (how != "merge" and not existing):
            meta: dict[str, Any] = {"name": self.r.choice(names + (NEW_ACTORS if kind == "actors" else NEW_TAGS)),
                                    "description": self.words(5)}
            if kind == "actors":
                meta["kind"] = self.r.choice(["person", "organisation", "country"])
            path = folder / f"p-{self.r.randrange(10**5)}.md"
            path.write_text(join(meta, f"\n{self.words(6)}.\n"))
            return f"{kind} profile added: {meta['name']} ({path.name})"
        if how == "merge":
            first, second = self.r.sample(names, 2)
            meta = {"name": first, "aliases": [second], "description": "merged"}
            if kind == "actors":
                meta["kind"] = "person"
            path = folder / f"m-{self.r.randrange(10**5)}.md"
            path.write_text(join(meta, "\n"))
            return f"{kind} profile merges {second!r} into {first!r}"
        path = self.r.choice(existing)
        if how == "delete":
            path.unlink()
            return f"{kind} profile deleted: {path.name}"
        meta, body = split(path.read_text())
        if how == "unalias":
            meta.pop("aliases", None)
        elif how == "edit":
            meta["description"] = self.words(4)
        else:
            body += f"\n{self.words(5)}.\n"
            if "kind" in meta:
                meta["kind"] = self.r.choice(["person", "organisation", "country"])
        path.write_text(join(meta, body))
        return f"{kind} profile {how}: {path.name}"

    def e_actor_profile(self) -> str:
        return self.profile("actors")

    def e_tag_profile(self) -> str:
        return self.profile("tags")

    def e_setting(self) -> str:
        key = self.r.choice(sorted(SETTINGS))
        if self.r.random() < 0.2 and key in self.settings:
            del self.settings[key]
        else:
            self.settings[key] = SETTINGS[key](self.r)
        self.write_settings()
        return f"setting {key} = {self.settings.get(key)!r}"

    def e_layout(self) -> str:
        folder = self.project / "layouts"
        (folder / "parts").mkdir(parents=True, exist_ok=True)
        extra = folder / "parts" / "extra.html"
        how = self.r.choice(["add", "edit", "delete", "partial", "edit partial", "computed include", "other",
                             "dateline"])
        if how == "dateline":  # inside an element Pagefind ignores: no shard is indexed again
            path = folder / "article.html"
            text = path.read_text() if path.exists() else (BUILTIN / "article.html").read_text()
            mark = self.r.randrange(999)
            path.write_text(re.sub(r"min read( <b>\d+</b>)?", f"min read <b>{mark}</b>", text, count=1))
            return "layout article.html dateline reworded"
        if how in ("partial", "computed include") or (how == "edit partial" and not extra.exists()):
            extra.write_text(f"<p>extra {self.r.randrange(999)}</p>")
            name, include = (("article.html", '"parts/extra.html"') if how != "computed include"
                             else ("period.html", '"parts/" ~ "extra.html"'))
            text = (BUILTIN / name).read_text()
            included = f"{{% block main %}}{{% include {include} %}}"
            (folder / name).write_text(text.replace("{% block main %}", included, 1))
            return f"layout {name} includes a partial"
        if how == "edit partial":
            extra.write_text(f"<p>extra {self.r.randrange(999)}</p>")
            return "layout partial edited"
        if how == "other":
            name = self.r.choice(["robots.txt", "404.html", "redirect.html", "letter.html", "sitemap-index.xml",
                                  "pagefind.js", "entities.html"])
            text = (BUILTIN / name).read_text()
            (folder / name).write_text(text.replace("\n", "\n ", 1) if self.r.random() < 0.5 else text + "\n")
            return f"layout {name} overridden"
        existing = sorted(p for p in folder.rglob("*") if p.is_file())
        if how == "add" or not existing:
            name = self.r.choice(["article.html", "listing.html", "base.html", "entity.html", "period.html",
                                  "feed.xml", "_macros.html", "sitemap.xml", "entities.html", "search.html"])
            path, text = folder / name, (BUILTIN / name).read_text()
        else:
            path = self.r.choice(existing)
            text = path.read_text()
            if how == "delete":
                path.unlink()
                return f"layout {path.name} deleted"
        mark = self.r.randrange(999)
        if "</main>" in text:
            text = text.replace("</main>", f"<p>probe {mark}</p></main>", 1)
        elif "</body>" in text:
            text = text.replace("</body>", f"<!-- probe {mark} --></body>", 1)
        else:
            text += f"\n{{# probe {mark} #}}\n" if "{%" in text else "\n"
        path.write_text(text)
        return f"layout {path.name} {how}ed"

    def e_static(self) -> str:
        folder = self.project / "static"
        how = self.r.choice(["add", "edit", "delete", "asset", "page"])
        if how in ("page", "asset"):
            pages = ["index.html", "tags/index.html", "actors/index.html", "feed.xml", "page/1/index.html"]
            rel = "assets/style.css" if how == "asset" else self.r.choice(pages)
            path = folder / rel
            if path.exists() and self.r.random() < 0.5:
                path.unlink()
                return f"static {rel} removed"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"/* static {self.r.randrange(99)} */\n")
            return f"static {rel} stands in for a built file"
        existing = sorted(folder.rglob("*.*")) if folder.is_dir() else []
        if how == "add" or not existing:
            path = folder / "img" / f"f{self.r.randrange(100)}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(self.words(3))
            return f"static {path.relative_to(folder)} added"
        path = self.r.choice(existing)
        if how == "delete":
            path.unlink()
        else:
            path.write_text(self.words(4))
        return f"static {path.relative_to(folder)} {how}ed"

    def e_base_url_flag(self) -> str:
        self.flags.base_url = self.r.choice([None, None, "https://y.github.io/sub/", "http://localhost:8000/"])
        return f"--base-url {self.flags.base_url}"

    def e_drafts_flag(self) -> str:
        self.flags.drafts = not self.flags.drafts
        return f"--drafts {self.flags.drafts}"

    def e_search_flag(self) -> str:
        if self.mode not in ("search", "preview"):
            return "--no-search: skipped"
        self.flags.search = not self.flags.search
        return f"search {self.flags.search}"

    EDITS: ClassVar[dict[str, int]] = {  # each edit with its weight
        "title": 6, "date": 6, "summary": 3, "body": 4, "tags": 6, "actors": 6, "add": 6, "remove": 4,
        "rename": 1, "duplicate": 1, "draft": 3, "alias": 2, "slug": 2, "updated": 1, "language": 1, "image": 1,
        "touch": 1, "break": 1, "break_layout": 1, "actor_profile": 3, "tag_profile": 2, "setting": 2,
        "layout": 2, "static": 2, "base_url_flag": 1, "drafts_flag": 1, "search_flag": 1}

    def step(self) -> list[str]:
        done = []
        if self.broken:
            path, text = self.broken.pop()
            if text is None:
                path.unlink(missing_ok=True)
            elif path.exists():
                path.write_text(text)
            done.append(f"fix {path.name}")
        names, weights = zip(*self.EDITS.items(), strict=True)
        for _ in range(self.r.randint(3, 12) if self.mode == "batch" else self.r.choice([1, 1, 1, 2, 3])):
            edit = self.r.choices(names, weights)[0]
            try:
                done.append(getattr(self, "e_" + edit)())
            except (IndexError, ValueError, KeyError) as exc:  # nothing to pick from
                done.append(f"{edit}: skipped ({exc!r})")
        return done

    # -- builds
    def options(self, root: Path, **extra: Any) -> BuildOptions:
        return BuildOptions(root=root, search=self.flags.search, drafts=self.flags.drafts,
                            base_url=self.flags.base_url, **extra)

    def build(self, root: Path) -> str | None:
        """Build as `archive build` does: None, or the errors."""
        try:
            build(self.options(root, workers=2 if self.r.random() < .3 else 1))
        except BuildFailed as failed:
            return "; ".join(sorted(str(e) for e in failed.errors))
        return None

    def dev_build(self, changed: list[Path]) -> str | None:
        """Build as the dev server does: a quick preview of edited articles first, then a build
        that keeps the previous search bundles, then one that brings them up to date."""
        edited = [path for path in changed if path.suffix == ".md" and path.exists()]
        if self.last_site is not None and edited and len(edited) == len(changed):
            written = preview_articles(self.last_site, self.project, self.project / "site", edited)
            self.previewed_this_step = {file_rel(path) for path in written or ()}
            self.previewed |= self.previewed_this_step
        previewed = frozenset(self.previewed)
        try:
            result = build(self.options(self.project, workers=1, keep_model=True, refresh_search=False,
                                        verify_site=self.last_site is None, rewrite=previewed))
        except BuildFailed as failed:
            return "; ".join(sorted(str(e) for e in failed.errors))
        self.last_site = result.site
        self.previewed -= previewed
        if self.flags.search:
            build(self.options(self.project, workers=1, keep_model=True, verify_site=False))
        return None

    def cold(self) -> tuple[Path, str | None]:
        cold = self.work / "cold"
        shutil.rmtree(cold, ignore_errors=True)
        cold.mkdir()
        copy_inputs(self.project, cold)
        return cold / "site", self.build(cold)

    def run(self, steps: int) -> None:
        """Walk ``steps`` steps; AssertionError, with the walk so far, at the first difference."""
        first = self.dev_build([]) if self.mode == "preview" else self.build(self.project)
        assert first is None, first
        site, before_step = self.project / "site", self.work / "before-step"
        for number in range(steps):
            shutil.rmtree(before_step, ignore_errors=True)
            before_step.mkdir()
            copy_inputs(self.project, before_step)
            content_before = snapshot(self.project / "content")
            done = self.step()
            content_after = snapshot(self.project / "content")
            changed = [self.project / "content" / rel for rel in content_after.keys() | content_before.keys()
                       if content_before.get(rel) != content_after.get(rel)]
            self.log.append(f"step {number}: {'; '.join(done)}")
            files, times = (snapshot(site), mtimes(site)) if site.exists() else ({}, {})
            self.previewed_this_step = set()
            failed = self.dev_build(changed) if self.mode == "preview" else self.build(self.project)
            cold_site, cold_failed = self.cold()
            self.expect((failed is None) == (cold_failed is None),
                        f"the rebuild {'failed' if failed else 'passed'} and the cold build "
                        f"{'failed' if cold_failed else 'passed'}: {failed or cold_failed}")
            if failed is not None:
                self.expect(self.mode == "preview" or snapshot(site) == files, "a failed build changed the site")
                if not self.broken:  # an error no edit meant to make (a clash): undo the step
                    copy_inputs(before_step, self.project)
                    self.log.append("undone: " + failed[:200])
                continue
            now = snapshot(site), mtimes(site)
            ours, theirs = comparable(site, now[0]), comparable(cold_site, snapshot(cold_site))
            differ = sorted(rel for rel in ours.keys() | theirs.keys() if ours.get(rel) != theirs.get(rel))
            self.expect(not differ, f"{len(differ)} files differ from a cold build: {differ[:12]}")
            touched = sorted(rel for rel, digest in now[0].items() if files.get(rel) == digest
                             and times.get(rel) not in (None, now[1][rel]) and rel not in self.previewed_this_step)
            self.expect(not touched, f"unchanged files rewritten: {touched[:12]}")

    def expect(self, condition: bool, problem: str) -> None:
        if not condition:
            walk = "\n".join(self.log[-15:])
            raise AssertionError(f"seed {self.seed} ({self.mode}): {problem}\nthe walk's last steps:\n{walk}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", choices=MODES, default="plain")
    parser.add_argument("--seeds", default="1-10", help="one seed, or a range: 1-10")
    parser.add_argument("--steps", type=int, default=40)
    parser.add_argument("--count", type=int, default=150, help="articles in the generated project")
    args = parser.parse_args()
    first, _, last = args.seeds.partition("-")
    failures = 0
    for seed in range(int(first), int(last or first) + 1):
        with tempfile.TemporaryDirectory(prefix=f"rebuild-probe-{seed}-") as work:
            try:
                RebuildProbe(seed, Path(work), args.mode, args.count).run(args.steps)
                print(f"seed {seed}: {args.steps} steps, every rebuild equal to a cold build", flush=True)
            except AssertionError as problem:
                failures += 1
                print(problem, flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
