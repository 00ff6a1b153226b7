"""SIGKILL at random moments during a piped interview never leaves a torn answers file.

A few points here; `python fuzz/crash.py --points 100` runs many and prints the tally.
"""

from __future__ import annotations

import pytest

from fuzz.crash import run_points


@pytest.mark.slow
def test_a_killed_interview_leaves_the_old_or_a_new_complete_file() -> None:
    tally = run_points(3)  # raises AssertionError on a torn or invalid file
    assert tally["points"] == 3
