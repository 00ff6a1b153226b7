"""Coverage-guided fuzzing of schoolaudit's readers, for a bounded time.

    pip install -e '.[fuzz]'
    python fuzz/run.py --minutes 10                 # every target, time shared
    python fuzz/run.py --minutes 3 --target yaml    # one target

Each target runs in its own process under atheris (libFuzzer), starting from
the corpus files named in `fuzz/targets.py`, with schoolaudit and PyYAML's
Python code instrumented for coverage. At the end it prints, per target, the
executions, the coverage (libFuzzer's `cov:` edges and `ft:` features) and any
crashing inputs, kept in `fuzz/crashes/`: add each to the bad-input corpus in
`tests/cases/` with the message it should produce, then fix it. The exit
status is 1 if anything crashed. Not part of the test suite (it is the
hypothesis tests in tests/test_fuzz_properties.py that run on every push).
"""

from __future__ import annotations

import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CRASHES = HERE / "crashes"
TIMEOUT_SECONDS = 10
"""One input running longer than this is a hang, which libFuzzer keeps as a crash."""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=1.0, help="total time, shared by targets")
    parser.add_argument("--target", action="append", help="a target name (default: all)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args, rest = parser.parse_known_args()
    sys.path.insert(0, str(REPO))
    if args.child:
        return _child(args.child, rest)
    from fuzz.targets import TARGETS

    names = args.target or list(TARGETS)
    seconds = max(1, int(args.minutes * 60 / len(names)))
    failed = False
    print(f"{'target':<10} {'executions':>11} {'exec/s':>7} {'cov':>6} {'ft':>7}  crashes")
    for name in names:
        stats = _run(name, seconds)
        failed = failed or bool(stats["crashes"])
        print(
            f"{name:<10} {stats['runs']:>11,} {stats['rate']:>7,} {stats['cov']:>6,} "
            f"{stats['ft']:>7,}  {', '.join(stats['crashes']) or 'none'}"
        )
    return 1 if failed else 0


def _run(name: str, seconds: int) -> dict[str, object]:
    """Fuzz one target for `seconds`; its figures from libFuzzer's log."""
    from fuzz.targets import SEEDS

    CRASHES.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as corpus:
        for pattern in SEEDS[name]:
            for index, seed in enumerate(sorted(glob.glob(str(REPO / pattern)))):
                shutil.copy(seed, Path(corpus) / f"{index}-{Path(seed).name}")
        before = set(os.listdir(CRASHES))
        command = [
            sys.executable,
            str(HERE / "run.py"),
            "--child",
            name,
            corpus,
            f"-max_total_time={seconds}",
            f"-timeout={TIMEOUT_SECONDS}",
            "-max_len=4096",
            "-rss_limit_mb=2048",
            f"-artifact_prefix={CRASHES}/{name}-",
            "-print_final_stats=1",
        ]
        log = subprocess.run(
            command, capture_output=True, text=True, errors="replace", cwd=REPO, check=False
        ).stderr
    crashes = sorted(set(os.listdir(CRASHES)) - before)
    return {
        "runs": _last(r"stat::number_of_executed_units:\s*(\d+)", log),
        "rate": _last(r"stat::average_exec_per_sec:\s*(\d+)", log),
        "cov": _last(r"\bcov: (\d+)", log),
        "ft": _last(r"\bft: (\d+)", log),
        "crashes": crashes,
    }


def _last(pattern: str, log: str) -> int:
    found = re.findall(pattern, log)
    return int(found[-1]) if found else 0


def _child(name: str, libfuzzer_args: list[str]) -> int:
    import atheris

    with atheris.instrument_imports(include=["schoolaudit", "yaml", "fuzz"]):
        from fuzz.targets import TARGETS

    atheris.Setup([sys.argv[0], *libfuzzer_args], TARGETS[name])
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    sys.exit(main())
