"""SIGKILL at random moments never leaves a torn answers file (interview) or output (batch).

A few points here; `python fuzz/crash.py --points 100` (the interview) and
`python fuzz/crash_batch.py --points 100` (the batch) run many and print the tally.
"""

from __future__ import annotations

import pytest

from fuzz.crash import run_points


@pytest.mark.slow
def test_a_killed_interview_leaves_the_old_or_a_new_complete_file() -> None:
    tally = run_points(3)  # raises AssertionError on a torn or invalid file
    assert tally["points"] == 3


@pytest.mark.slow
def test_a_killed_batch_leaves_every_output_old_or_new_and_complete() -> None:
    from fuzz.crash_batch import run_points as run_batch_points

    tally = run_batch_points(2, seed=7)  # raises AssertionError on a torn output
    assert tally["points"] == 2
