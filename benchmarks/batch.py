"""How long `schoolaudit batch --xlsx` takes over N schools, and its memory, as a whole process.

Generates N realistic answers files for the main built-in checklist (every item
answered, a note and evidence on a third of them, about 13 KiB each), then runs
`python -m schoolaudit batch DIR --xlsx OUT [--jobs J]` as a user would and
samples the memory of the process and its workers: the largest resident set
of the main process (its own high-water mark), and the proportional set (PSS:
shared pages counted once across the workers) summed over all of them, every
half second (reading it more often slowed the run it measured).

Beside it, on a smaller N, a naive baseline in one process: `yaml.safe_load`
(pure Python) and `jsonschema.validate` (which builds its validator again on
every call) per file, and an openpyxl workbook in normal mode with a row per
school. It prints time, files per second, peak memory, and the speed-up.

    python benchmarks/batch.py N [--jobs J] [--naive 1000] [--data DIR] [--reports]

`--data DIR` keeps the generated files there and reuses them on the next run.
`--reports` adds `--reports-dir` (every school's governor workbook) to the run.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from load_validate_score import AUDIT_DATE, answer_for, pick_checklist  # noqa: E402

from schoolaudit.model import Checklist  # noqa: E402

NOTES = (
    "Checked with the IT lead and the DSL at the termly review; the provider confirmed the "
    "setting in writing and we tested it from a pupil account on a school laptop and an iPad.",
    "Partly in place: the policy says so, but staff in the sixth-form block were not trained "
    "this year and two supply teachers had no log-in to the monitoring console until March.",
    "Evidence is in the safeguarding folder on the shared drive (governors' copy), including "
    "the filter test results, the provider's category list and the minutes of the last review.",
)
EVIDENCE = "Filter test log (testfiltering.com) and screenshots, autumn term; minutes of review."


def quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def answers_text(checklist: Checklist, n: int, rng: random.Random) -> str:
    """One school's answers file, written as a person's editor would leave it."""
    lines = [
        "schoolaudit: 1",
        f'checklist: {{id: {checklist.id}, version: "{checklist.version}"}}',
        "school:",
        f"  name: {quoted(f'School number {n} Church of England Primary Academy')}",
        f'  urn: "{100000 + n}"',
        f"  phase: {rng.choice(['primary', 'secondary', 'special', 'all-through'])}",
        "  trust: Example Learning Trust",
    ]
    for field in checklist.profile:
        words = field.answer_words() or ("Example Filtering Ltd",)
        lines.append(f"  {field.id}: {quoted(str(rng.choice(words)))}")
    lines += [
        "completed_by: A. Person, Designated Safeguarding Lead",
        f"date: {AUDIT_DATE.isoformat()}",
        "answers:",
    ]
    for position, item in enumerate(checklist.items):
        value = answer_for(item, rng)
        shown = quoted(str(value)) if isinstance(value, str) else str(value)
        if position % 3 == n % 3:
            note = NOTES[(n + position) % len(NOTES)]
            lines.append(f"  {item.id}:")
            lines.append(f"    answer: {shown}")
            lines.append(f"    note: {quoted(note)}")
            lines.append(f"    evidence: {quoted(EVIDENCE)}")
        else:
            lines.append(f"  {item.id}: {shown}")
    return "\n".join(lines) + "\n"


def generate(checklist: Checklist, folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(2026)
    paths = []
    for n in range(count):
        path = folder / f"{n // 1000:03d}" / f"school-{n:05d}.yaml"
        if not path.exists():
            path.parent.mkdir(exist_ok=True)
            path.write_text(answers_text(checklist, n, rng), "utf-8")
        paths.append(path)
    return paths


class MemoryWatch:
    """Peak memory and CPU of a process and its children, sampled from /proc.

    Sampling must not slow what it measures: reading a process's
    `smaps_rollup` walks its page tables under the memory-map lock, and doing
    that every 20 ms made a 24,000-school run a third slower. So the
    proportional set size (shared pages counted once) is sampled every half
    second; the main process's CPU time (cheap to read) every 20 ms, and its
    peak resident set is its own high-water mark (`VmHWM`), which the kernel
    keeps between samples.
    """

    INTERVAL = 0.02
    PSS_EVERY = 25  # samples: every half second

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_rss = 0
        self.peak_pss = 0
        self.main_cpu = 0.0  # the batch's own process, without its workers: last seen
        self.running = threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()

    def _watch(self) -> None:
        sample = 0
        while not self.running.is_set():
            if sample % self.PSS_EVERY == 0:
                tree = [self.pid, *_children(self.pid)]
                pss = sum(_kib(p, "smaps_rollup", "Pss:") for p in tree)
                self.peak_pss = max(self.peak_pss, pss)
            self.peak_rss = max(self.peak_rss, _kib(self.pid, "status", "VmHWM:"))
            self.main_cpu = max(self.main_cpu, _cpu_seconds(self.pid))
            sample += 1
            self.running.wait(self.INTERVAL)

    def stop(self) -> None:
        self.running.set()
        self.thread.join()


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(child) for child in text.split()]


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process so far (not its children), from /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _kib(pid: int, name: str, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/{name}").read_text().splitlines():
            if line.startswith(key):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def run_ours(
    folder: Path, jobs: int | None, reports: bool
) -> tuple[float, float, float, int, int, int]:
    with tempfile.TemporaryDirectory() as out:
        command = [sys.executable, "-m", "schoolaudit", "batch", str(folder)]
        command += ["--xlsx", f"{out}/trust.xlsx"]
        command += ["--jobs", str(jobs)] if jobs else []
        command += ["--reports-dir", f"{out}/reports"] if reports else []
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
        watch = MemoryWatch(process.pid)
        _, stderr = process.communicate()
        seconds = time.perf_counter() - start
        watch.stop()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the batch and its workers
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if process.returncode not in (0, 1):
            raise SystemExit(f"batch failed ({process.returncode}): {stderr}")
        size = Path(f"{out}/trust.xlsx").stat().st_size
    return seconds, cpu, watch.main_cpu, watch.peak_rss, watch.peak_pss, size


def run_naive(paths: list[Path]) -> float:
    """yaml.safe_load + jsonschema.validate per file, openpyxl in normal mode."""
    import jsonschema
    import yaml
    from openpyxl import Workbook

    from schoolaudit.resources import load_schema

    schema = load_schema("answers")
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["School", "URN", "Answers"])
    start = time.perf_counter()
    for path in paths:
        data = yaml.safe_load(path.read_text("utf-8"))
        data["date"] = str(data["date"])
        jsonschema.validate(data, schema)
        sheet.append([data["school"]["name"], data["school"]["urn"], len(data["answers"])])
    with tempfile.TemporaryDirectory() as out:
        workbook.save(f"{out}/naive.xlsx")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", type=int)
    parser.add_argument("--jobs", type=int)
    parser.add_argument("--naive", type=int, default=1000, help="files for the naive baseline")
    parser.add_argument("--data", type=Path, help="keep (and reuse) the generated files here")
    parser.add_argument("--reports", action="store_true", help="also write --reports-dir")
    args = parser.parse_args()
    checklist = pick_checklist(None)
    with tempfile.TemporaryDirectory() as scratch:
        folder = (args.data or Path(scratch)) / f"{args.files}-schools"
        started = time.perf_counter()
        paths = generate(checklist, folder, args.files)
        size = sum(p.stat().st_size for p in paths[:200]) / min(200, len(paths))
        print(
            f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
            f"{platform.python_version()}, load average {os.getloadavg()[0]:.1f}"
        )
        print(
            f"{len(paths)} answers files for {checklist.id} v{checklist.version} "
            f"({len(checklist.items)} items), {size / 1024:.1f} KiB each "
            f"(made in {time.perf_counter() - started:.0f} s)"
        )
        seconds, cpu, main_cpu, rss, pss, xlsx = run_ours(folder, args.jobs, args.reports)
        rate = len(paths) / seconds
        print(
            f"ours:  {len(paths):>6} files in {seconds:6.2f} s = {rate:6.0f} files/s; "
            f"peak RSS {rss / 1024:.0f} MiB (main process), "
            f"{pss / 1024:.0f} MiB PSS (all processes); workbook {xlsx / 1e6:.1f} MB"
        )
        cores = args.jobs or os.cpu_count() or 1
        print(
            f"       CPU time {cpu:.1f} s in all (on a machine to itself, about "
            f"{cpu / min(cores, os.cpu_count() or 1):.1f} s over {cores} cores; "
            f"{1000 * cpu / len(paths):.2f} ms of CPU per school)"
        )
        print(
            f"       of which the main process {main_cpu:.1f} s "
            f"({1000 * main_cpu / len(paths):.2f} ms a school), the workers {cpu - main_cpu:.1f} s"
        )
        naive_paths = paths[: args.naive]
        naive_seconds = run_naive(naive_paths)
        naive_rate = len(naive_paths) / naive_seconds
        print(
            f"naive: {len(naive_paths):>6} files in {naive_seconds:6.2f} s = "
            f"{naive_rate:6.0f} files/s (one process)"
        )
        print(f"speed-up: {rate / naive_rate:.1f}x")


if __name__ == "__main__":
    main()
