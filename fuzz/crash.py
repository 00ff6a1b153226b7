"""Crash safety: SIGKILL the interview at random moments; the answers file is never torn.

    python fuzz/crash.py --points 100

Each point starts a real `schoolaudit audit` on a fresh copy of a started
answers file, pipes it a full sitting's answers (one save after each), and
kills it with SIGKILL after a random delay. The file left behind must be the
old complete version or one of the new complete ones, that is, a valid
answers file holding exactly the first k answers for some k. It prints the
tally: how many kills landed before the first save, between saves, after the
end, and how many left a temporary file behind (removed by the next save).
The test suite runs a few points (tests/test_crash_safety.py); this runs many.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MINI = REPO / "tests" / "data" / "mini.yaml"
STARTED = """\
# started by hand
schoolaudit: 1
checklist: {id: mini, version: "1.0"}
school: {name: Test School, phase: primary, boarding: "no"}
completed_by: A. Person, DSL
date: 2026-01-10
answers:
"""
LINES = ["y", "p", "n", "3", "2", "70%", "2025-12-01", "Acme filter"]
TYPING_SECONDS = 0.04
ITEMS = ["bas-01", "bas-02", "bas-03", "ppl-01", "ppl-02", "ppl-03", "ppl-04", "ppl-05"]


@dataclass(frozen=True)
class Kill:
    """What one SIGKILL left: how many answers the file holds, and any temporary files."""

    answers_kept: int
    leftovers: int
    finished: bool  # the sitting ended before the kill arrived


def kill_once(folder: Path, delay: float) -> Kill:
    """Run one sitting in `folder`, SIGKILL it after `delay` seconds, check what is left.

    Raises AssertionError if the file is torn: unreadable, invalid, or holding
    answers that are not the first k of the sitting's.
    """
    sys.path.insert(0, str(REPO))
    from schoolaudit import load_answers, load_checklist

    path = folder / "answers.yaml"
    path.write_text(STARTED, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "schoolaudit", "audit", str(path), "--checklist", str(MINI)],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    feeder = threading.Thread(target=_feed, args=(process,), daemon=True)
    feeder.start()
    try:
        process.wait(timeout=delay)
        finished = True
    except subprocess.TimeoutExpired:
        finished = False
        process.send_signal(signal.SIGKILL)
        process.wait()
    feeder.join()
    checklist = load_checklist(str(MINI))
    answers = load_answers(str(path), checklist)  # raises if the file is torn or invalid
    kept = [item for item in ITEMS if item in answers.answers]
    assert kept == ITEMS[: len(kept)], f"answers out of order: {kept}"
    assert set(answers.answers) == set(kept), f"unexpected answers: {sorted(answers.answers)}"
    leftovers = len(list(folder.glob(".answers.yaml.*.tmp")))
    return Kill(len(kept), leftovers, finished)


def _feed(process: subprocess.Popen[bytes]) -> None:
    """Type the answers a little apart, so the saves spread over time and kills land among them."""
    assert process.stdin is not None
    try:
        for line in LINES:
            process.stdin.write(line.encode() + b"\n")
            process.stdin.flush()
            time.sleep(TYPING_SECONDS)
        process.stdin.close()
    except (BrokenPipeError, OSError):  # killed meanwhile
        pass


def sitting_seconds() -> float:
    """How long one whole sitting takes here: the range the kills are spread over."""
    with tempfile.TemporaryDirectory() as folder:
        start = time.monotonic()
        kill_once(Path(folder), 120)  # never killed: it finishes first
        return time.monotonic() - start


def run_points(points: int, seed: int | None = None) -> Counter[str]:
    """Kill `points` sittings at random moments; the tally of where the kills landed."""
    chooser = random.Random(seed)
    span = sitting_seconds()
    tally: Counter[str] = Counter()
    for _ in range(points):
        with tempfile.TemporaryDirectory() as folder:
            kill = kill_once(Path(folder), chooser.uniform(span * 0.2, span * 1.05))
        if kill.finished:
            tally["after the sitting ended"] += 1
        elif kill.answers_kept == 0:
            tally["before the first save"] += 1
        else:
            tally[f"after {kill.answers_kept} saved"] += 1
        tally["temporary file left (removed by the next save)"] += kill.leftovers > 0
        tally["points"] += 1
    return tally


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=100)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    tally = run_points(args.points, args.seed)
    for what, count in sorted(tally.items()):
        print(f"{count:>5}  {what}")
    print(f"{tally['points']} kills, 0 torn files (every file was an old or a new complete one)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
