"""Measure actor and tag recognition against hand-written expectations, and its speed.

    .venv/bin/python scripts/actor_eval.py [--quiet] [--no-speed]

Reads tests/importer/fixtures/recognise/NN_name.txt (first line the title, then paragraphs separated
by blank lines) and expected.yaml (file name -> actors and tags an editor would give). When the
MENAFN sample exists at ../shared/samples/menafn/ it is scored too, against the editor's own front
matter; the project does not depend on it. Names compare case- and accent-insensitively.
Prints per-file misses and extras, micro-averaged precision and recall, and articles per second
for find() + find_tags() on ~600-word texts.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from builder.importer.recognise import ActorFinder, find_tags  # noqa: E402
from builder.importer.recognise._text import name_key  # noqa: E402

FIXTURES = ROOT / "tests" / "importer" / "fixtures" / "recognise"
SAMPLES = ROOT.parent / "shared" / "samples" / "menafn"
# The editor's front matter for the real sample (content/2025/03/bloc-director-...md).
SAMPLE_EXPECTED = {
    "000_ab6e4190d8d2e7ba.txt": {
        "actors": ["Mark Rutte", "Donald Trump", "Vladimir Putin", "Viktor Orban", "Robert Fico", "NATO",
                   "European Union", "Russia", "Ukraine"],
        "tags": ["NATO", "Russia", "Ukraine", "Diplomacy", "Defence spending"],
    },
}


@dataclass
class Score:
    true_positives: int = 0
    found: int = 0
    expected: int = 0

    def add(self, found: Sequence[str], expected: Sequence[str]) -> tuple[list[str], list[str]]:
        found_keys = {name_key(n): n for n in found}
        expected_keys = {name_key(n): n for n in expected}
        self.true_positives += len(found_keys.keys() & expected_keys.keys())
        self.found += len(found_keys)
        self.expected += len(expected_keys)
        misses = [expected_keys[k] for k in expected_keys if k not in found_keys]
        extras = [found_keys[k] for k in found_keys if k not in expected_keys]
        return misses, extras

    def line(self, label: str) -> str:
        precision = self.true_positives / self.found if self.found else 0.0
        recall = self.true_positives / self.expected if self.expected else 0.0
        return (f"{label}: precision {precision:.3f} ({self.true_positives}/{self.found}), "
                f"recall {recall:.3f} ({self.true_positives}/{self.expected})")


def read_fixture(path: Path) -> tuple[str, list[str]]:
    """Title on the first line, paragraphs separated by blank lines (inner line breaks joined)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    title = lines[0].strip()
    paragraphs, current = [], []
    for line in lines[1:]:
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return title, paragraphs


def read_menafn(path: Path) -> tuple[str, list[str]]:
    """The sample's layout: a date line, the title, paragraphs, then an id line and a disclaimer."""
    blocks = [b.strip() for b in path.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    title, paragraphs = blocks[1], []
    for block in blocks[2:]:
        if block.startswith(("MENAFN", "Legal Disclaimer")):
            break
        paragraphs.append(" ".join(block.split()))
    return title, paragraphs


def cases() -> list[tuple[str, str, list[str], dict[str, list[str]]]]:
    expected = yaml.safe_load((FIXTURES / "expected.yaml").read_text(encoding="utf-8"))
    found = []
    for path in sorted(FIXTURES.glob("*.txt")):
        title, paragraphs = read_fixture(path)
        found.append((path.name, title, paragraphs, expected[path.name]))
    for name, wanted in SAMPLE_EXPECTED.items():
        sample = SAMPLES / name
        if sample.is_file():
            title, paragraphs = read_menafn(sample)
            found.append((f"menafn/{name}", title, paragraphs, wanted))
    return found


def evaluate(quiet: bool) -> None:
    finder = ActorFinder()
    actor_score, tag_score = Score(), Score()
    for name, title, paragraphs, wanted in cases():
        actors = finder.find(title, paragraphs)
        tags = find_tags(title, paragraphs, actors)
        actor_misses, actor_extras = actor_score.add([a.name for a in actors], wanted["actors"])
        tag_misses, tag_extras = tag_score.add(tags, wanted["tags"])
        if not quiet:
            print(f"{name}")
            print(f"  actors: {', '.join(a.name for a in actors)}")
            print(f"  tags:   {', '.join(tags)}")
        if actor_misses or actor_extras:
            print(f"  {name}: actor misses {actor_misses} extras {actor_extras}")
        if not quiet and (tag_misses or tag_extras):
            print(f"  {name}: tag misses {tag_misses} extras {tag_extras}")
    print()
    print(actor_score.line("actors"))
    print(tag_score.line("tags"))


def speed(rounds: int = 5) -> None:
    """Articles per second on ~600-word texts (fixtures joined in fours), one core."""
    texts = [(title, paragraphs) for _, title, paragraphs, _ in cases()]
    articles = []
    for i in range(len(texts)):
        group = [texts[(i + j) % len(texts)] for j in range(4)]
        paragraphs = [p for _, ps in group for p in ps]
        articles.append((group[0][0], paragraphs))
    words = sum(len(" ".join(ps).split()) for _, ps in articles) / len(articles)
    finder = ActorFinder()
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for title, paragraphs in articles:
            find_tags(title, paragraphs, finder.find(title, paragraphs))
        best = min(best, time.perf_counter() - start)
    print(f"speed: {len(articles) / best:.0f} articles/s (find + find_tags, {words:.0f} words on average, "
          f"{len(articles)} articles, best of {rounds})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quiet", action="store_true", help="only misses, extras and the totals")
    parser.add_argument("--no-speed", action="store_true", help="skip the speed measurement")
    options = parser.parse_args()
    evaluate(options.quiet)
    if not options.no_speed:
        speed()


if __name__ == "__main__":
    main()
