"""Incremental builds against cold builds along seeded random walks of edits (rebuild_probe.py):
a few seeds of each mode here (66 steps: the whole suite must stay under 10 minutes on this
machine's slow days), many more from its command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hardening.rebuild_probe import RebuildProbe
from tests.hardening.support import count

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(("mode", "seed", "steps"), [
    ("plain", 1, 15), ("plain", 2, 15), ("batch", 3, 8), ("batch", 4, 8), ("search", 5, 10), ("preview", 6, 10),
])
def test_every_rebuild_of_a_random_walk_equals_a_cold_build(tmp_path: Path, mode: str, seed: int, steps: int) -> None:
    probe = RebuildProbe(seed, tmp_path, mode)
    probe.run(steps)
    count(f"random-walk steps rebuilt as a cold build ({mode})", steps)
    assert sum(line.startswith("step ") for line in probe.log) == steps
