"""Where a build's time went, for ``archive build --timings``: the build's steps in order, and
for each template the pages it made and the time they took (as Hugo's ``--templateMetrics``),
so that an editor of a large archive can see which step, or which of their layouts, is slow."""

from __future__ import annotations

import resource
import time
from dataclasses import dataclass


class Laps:
    """The durations of a build's steps, in the order they ran."""

    def __init__(self, started: float) -> None:
        self.steps: dict[str, float] = {}
        self._last = started

    def lap(self, step: str) -> None:
        """``step`` ran from the previous lap (or the start) until now."""
        now = time.perf_counter()
        self.steps[step] = self.steps.get(step, 0.0) + now - self._last
        self._last = now


@dataclass
class TemplateTimes:
    """One template's pages in a build, timed in the render workers."""

    checked: int = 0  # pages whose view and key were computed
    view_seconds: float = 0.0  # making their views and keys
    rendered: int = 0  # pages rendered (the others were kept as they were)
    render_seconds: float = 0.0  # fetching the body (articles) and running the template
    write_seconds: float = 0.0  # staging the file
    slowest_seconds: float = 0.0  # the slowest page to render
    slowest_path: str = ""

    def add_render(self, path: str, render_seconds: float, write_seconds: float) -> None:
        self.rendered += 1
        self.render_seconds += render_seconds
        self.write_seconds += write_seconds
        if render_seconds > self.slowest_seconds:
            self.slowest_seconds, self.slowest_path = render_seconds, path

    def merge(self, other: TemplateTimes) -> None:
        self.checked += other.checked
        self.view_seconds += other.view_seconds
        self.rendered += other.rendered
        self.render_seconds += other.render_seconds
        self.write_seconds += other.write_seconds
        if other.slowest_seconds > self.slowest_seconds:
            self.slowest_seconds, self.slowest_path = other.slowest_seconds, other.slowest_path


STEP_NAMES = {
    "scan": "listing content, layouts and settings",
    "load": "reading and parsing content, site model",
    "plan": "choosing the pages to check",
    "render": "views, rendering and writing pages",
    "search": "search index (Pagefind)",
    "commit": "putting the new site in place",
    "caches": "saving caches and the record of files",
}


def peak_memory_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of the largest of its finished children (render
    workers, Pagefind), in MB (Linux reports kB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return own / 1024, children / 1024


def timings_report(seconds: float, steps: dict[str, float], templates: dict[str, TemplateTimes]) -> str:
    """The table ``--timings`` prints: steps with their share of the build, then templates by
    the time their pages took (CPU time in the workers, summed over them)."""
    lines = [f"{'step':<44}{'seconds':>9}{'share':>7}"]
    for step, spent in steps.items():
        lines.append(f"{STEP_NAMES.get(step, step):<44}{spent:>9.3f}{spent / max(seconds, 1e-9):>7.0%}")
    lines.append(f"{'whole build':<44}{seconds:>9.3f}")
    if templates:
        lines += ["", f"{'template':<20}{'checked':>9}{'views s':>9}{'rendered':>10}{'render s':>10}"
                      f"{'write s':>9}{'ms/page':>9}  slowest page (render ms)"]
        for name, times in sorted(templates.items(), key=lambda item: -_spent(item[1])):
            per_page = (times.render_seconds + times.write_seconds) / times.rendered * 1000 if times.rendered else 0
            page = f"/{times.slowest_path}"  # (site paths: "" is the home page, shown as "/")
            slowest = f"{page} ({times.slowest_seconds * 1000:.1f})" if times.rendered else "-"
            lines.append(f"{name:<20}{times.checked:>9,}{times.view_seconds:>9.3f}{times.rendered:>10,}"
                         f"{times.render_seconds:>10.3f}{times.write_seconds:>9.3f}{per_page:>9.2f}  {slowest}")
    own, child = peak_memory_mb()
    lines += ["", f"peak memory: {own:,.0f} MB in the build process, {child:,.0f} MB in its largest worker"]
    return "\n".join(lines)


def _spent(times: TemplateTimes) -> float:
    return times.view_seconds + times.render_seconds + times.write_seconds
