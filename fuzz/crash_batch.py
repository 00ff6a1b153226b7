"""Crash safety of the batch: SIGKILL it at random moments; no output is ever torn.

    python fuzz/crash_batch.py --points 100

A folder of schools is batched once to completion (the "old" outputs: the
trust workbook, JSON, CSV and each school's own workbook). Then one school's
answers change and the batch runs again over the same outputs, killed with
SIGKILL at a random moment of the run (spread from start-up to just past the
end). Every output left behind must be the old file, byte for byte, or a new
complete one: a workbook that opens with every sheet, JSON that parses with
every school, a CSV with every row. A temporary file may be left beside it (the
next write to that name removes it once stale); nothing else may be.
The test suite runs a few points (tests/test_crash_safety.py); this runs many.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((REPO / "examples").glob("*.yaml"))
SCHOOLS = 12  # enough for the run to last a while, few enough for 100 points
OUTPUTS = ("trust.xlsx", "trust.json", "items.csv")


@dataclass(frozen=True)
class Outcome:
    """What one killed batch left: which outputs are old or new, and stray files."""

    new: int  # outputs (of OUTPUTS and the school workbooks) replaced by a complete new one
    old: int  # outputs left exactly as they were
    leftovers: int  # hidden temporary files beside them


def make_schools(folder: Path) -> None:
    """`SCHOOLS` answers files: the examples, each copied under its own URN and name."""
    for n in range(SCHOOLS):
        source = EXAMPLES[n % len(EXAMPLES)].read_text(encoding="utf-8")
        urn = f"{200000 + n}"
        text = source.replace("name: ", f"name: School {n:02d} ", 1)
        if "urn:" in text:
            text = _replace_line(text, "  urn:", f'  urn: "{urn}"')
        else:
            text = text.replace("school:\n", f'school:\n  urn: "{urn}"\n', 1)
        (folder / f"school-{n:02d}.yaml").write_text(text, encoding="utf-8")


def _replace_line(text: str, start: str, line: str) -> str:
    return "\n".join(line if row.startswith(start) else row for row in text.split("\n"))


def run_batch(schools: Path, out: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1"}
    command = [sys.executable, "-m", "schoolaudit", "batch", str(schools), "--jobs", "2"]
    command += ["--xlsx", str(out / "trust.xlsx"), "--json", str(out / "trust.json")]
    command += ["--csv", str(out / "items.csv"), "--reports-dir", str(out / "governors")]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)


def snapshot(out: Path) -> dict[str, bytes]:
    """Every output file's bytes, by its path inside `out`."""
    return {
        str(path.relative_to(out)): path.read_bytes()
        for path in sorted(out.rglob("*"))
        if path.is_file() and not path.name.startswith(".")
    }


def check_complete(name: str, data: bytes) -> None:
    """Raise AssertionError unless `data` is a whole output of its kind."""
    if name.endswith(".json"):
        report = json.loads(data)
        assert len(report["schools"]) == SCHOOLS, f"{name}: {len(report['schools'])} schools"
    elif name.endswith(".csv"):
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        schools = {row[0] for row in rows[1:]}
        assert len(schools) == SCHOOLS, f"{name}: rows for {len(schools)} schools"
    elif name.endswith(".xlsx"):
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(data), read_only=True)
        assert workbook.sheetnames, f"{name}: no sheets"
        for sheet in workbook.worksheets:
            for _ in sheet.iter_rows(values_only=True):  # reads every row: a torn zip fails
                pass
        workbook.close()


def kill_once(base: Path, old: dict[str, bytes], when: float, schools: Path) -> Outcome:
    """Copy the old outputs to a fresh folder, run the batch there, kill it at `when` s."""
    out = Path(tempfile.mkdtemp(dir=base))
    for name, data in old.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(data)
    process = run_batch(schools, out)
    try:
        process.wait(timeout=when)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
    now = snapshot(out)
    assert set(old) <= set(now), f"an output vanished: {sorted(set(old) - set(now))}"
    new = 0
    for name, data in now.items():
        if old.get(name) == data:
            continue
        check_complete(name, data)
        new += 1
    leftovers = [p for p in out.rglob(".*") if p.is_file()]
    assert all(p.name.endswith(".tmp") for p in leftovers), leftovers
    shutil.rmtree(out)
    return Outcome(new, len(now) - new, len(leftovers))


def run_points(points: int, seed: int | None = None) -> Counter[str]:
    """Kill `points` batches at random moments; the tally of what each left."""
    chooser = random.Random(seed)
    tally: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        schools = base / "schools"
        schools.mkdir()
        make_schools(schools)
        first = base / "first"
        first.mkdir()
        started = time.monotonic()
        assert run_batch(schools, first).wait() == 0, "the first batch failed"
        full = time.monotonic() - started
        old = snapshot(first)
        for name, data in old.items():
            check_complete(name, data)
        changed = schools / "school-00.yaml"  # the second run's outputs differ from the first's
        changed.write_text(
            changed.read_text(encoding="utf-8").replace("name: School 00", "name: School 00b", 1),
            encoding="utf-8",
        )
        for _ in range(points):
            outcome = kill_once(base, old, chooser.uniform(0.05, full * 1.15), schools)
            if outcome.new == 0:
                tally["every output still the old one"] += 1
            elif outcome.old == 0:
                tally["every output a new complete one"] += 1
            else:
                tally["some outputs new, the rest old (none torn)"] += 1
            tally["temporary file left (removed by a later write once stale)"] += (
                outcome.leftovers > 0
            )
            tally["points"] += 1
    return tally


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    from fuzz.crash import main

    sys.exit(
        main(
            run_points,
            __doc__.splitlines()[0],
            "0 torn outputs (each was the old file or a new complete one)",
        )
    )
