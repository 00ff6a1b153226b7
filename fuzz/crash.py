"""Crash safety: SIGKILL the interview at random moments; the answers file is never torn.

    python fuzz/crash.py --points 100

Each point starts a real `schoolaudit audit` on a fresh copy of a started
answers file and types it a full sitting's answers through a pipe, each once
the one before is saved (one save per answer). It is killed with SIGKILL at a
random moment: a random number of saves in, plus a random few milliseconds,
so kills land while an answer is being checked, written or renamed. The file
left behind must be the old complete version or one of the new complete ones,
that is, a valid answers file holding exactly the first k answers for some k.
It prints the tally: where the kills landed, and how many left a temporary
file behind (removed by the next save to that file).
The test suite runs a few points (tests/test_crash_safety.py); this runs many.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
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
ITEMS = ["bas-01", "bas-02", "bas-03", "ppl-01", "ppl-02", "ppl-03", "ppl-04", "ppl-05"]


@dataclass(frozen=True)
class Kill:
    """What one SIGKILL left: how many answers the file holds, and any temporary files."""

    answers_kept: int
    leftovers: int
    finished: bool  # the sitting ended before the kill arrived


def kill_once(folder: Path, after_saves: int, offset: float) -> Kill:
    """Run one sitting in `folder` and SIGKILL it `offset` seconds after its
    `after_saves`-th save, then check what is left.

    Each answer is typed once the previous one is saved, so the kill lands
    while the next answer is being checked, written or renamed into place.
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
    saves = _Saves(path)
    feeder = threading.Thread(target=_feed, args=(process, saves), daemon=True)
    feeder.start()
    finished = not saves.wait_for(after_saves, process)
    if not finished:
        time.sleep(offset)
        finished = process.poll() is not None
        process.send_signal(signal.SIGKILL)
    process.wait()
    saves.stop()
    feeder.join()
    with contextlib.suppress(OSError):  # a sitting that ended early left its input open
        if process.stdin is not None:
            process.stdin.close()
    checklist = load_checklist(str(MINI))
    answers = load_answers(str(path), checklist)  # raises if the file is torn or invalid
    kept = [item for item in ITEMS if item in answers.answers]
    assert kept == ITEMS[: len(kept)], f"answers out of order: {kept}"
    assert set(answers.answers) == set(kept), f"unexpected answers: {sorted(answers.answers)}"
    leftovers = len(list(folder.glob(".answers.yaml.*.tmp")))
    return Kill(len(kept), leftovers, finished)


class _Saves:
    """Counts the saves of one file (each save is a rename: a new inode)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.count = 0
        self._seen = os.stat(path).st_ino
        self._stopped = False

    def poll(self) -> None:
        try:
            inode = os.stat(self.path).st_ino
        except FileNotFoundError:
            return
        if inode != self._seen:
            self._seen = inode
            self.count += 1

    def wait_for(self, count: int, process: subprocess.Popen[bytes]) -> bool:
        """Wait until `count` saves were seen; False if the sitting ended first."""
        while self.count < count and not self._stopped:
            self.poll()
            if process.poll() is not None:
                self.poll()
                return self.count >= count
            time.sleep(0.001)
        return True

    def stop(self) -> None:
        self._stopped = True


def _feed(process: subprocess.Popen[bytes], saves: _Saves) -> None:
    """Type each answer once the one before it is saved, as a person would."""
    assert process.stdin is not None
    try:
        for done, line in enumerate(LINES):
            if done and not saves.wait_for(done, process):
                break
            process.stdin.write(line.encode() + b"\n")
            process.stdin.flush()
        process.stdin.close()
    except (BrokenPipeError, OSError):  # killed meanwhile
        pass


def run_points(points: int, seed: int | None = None) -> Counter[str]:
    """Kill `points` sittings at random moments; the tally of where the kills landed."""
    chooser = random.Random(seed)
    tally: Counter[str] = Counter()
    for _ in range(points):
        after = chooser.randrange(len(LINES))
        offset = chooser.uniform(0, 1.5 if after == 0 else 0.08)  # start-up, or one save
        with tempfile.TemporaryDirectory() as folder:
            kill = kill_once(Path(folder), after, offset)
        if kill.finished:
            tally["after the sitting ended"] += 1
        elif kill.answers_kept == 0:
            tally["before the first save"] += 1
        else:
            tally[f"after {kill.answers_kept} saved"] += 1
        tally["temporary file left (removed by the next save)"] += kill.leftovers > 0
        tally["points"] += 1
    return tally


def main(
    run: Callable[[int, int | None], Counter[str]] = run_points,
    description: str = __doc__.splitlines()[0],
    verdict: str = "0 torn files (every file was an old or a new complete one)",
) -> int:
    """Run `--points` kills with `run` and print the tally (shared with fuzz/crash_batch.py)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--points", type=int, default=100)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    tally = run(args.points, args.seed)
    for what, count in sorted(tally.items()):
        print(f"{count:>5}  {what}")
    print(f"{tally['points']} kills, {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
