"""Incremental builds against cold builds along seeded random walks of edits (rebuild_probe.py):
a few seeds of each mode here, many more from its command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hardening.rebuild_probe import RebuildProbe
from tests.hardening.support import count

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(("mode", "seed", "steps"), [
    ("plain", 1, 20), ("plain", 2, 20), ("batch", 3, 10), ("batch", 4, 10), ("search", 5, 12), ("preview", 6, 12),
])
def test_every_rebuild_of_a_random_walk_equals_a_cold_build(tmp_path: Path, mode: str, seed: int, steps: int) -> None:
    probe = RebuildProbe(seed, tmp_path, mode)
    probe.run(steps)
    count(f"random-walk steps rebuilt as a cold build ({mode})", steps)
    assert sum(line.startswith("step ") for line in probe.log) == steps
