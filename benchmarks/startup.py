"""How long `schoolaudit --help` takes to start, against bare Python.

Runs, alternately so that both see the same load on the machine,

  python    `python -c pass`: the interpreter alone
  help      `python -m schoolaudit --help`: what every command pays before its work

each in a fresh process run in this tree (cwd and PYTHONPATH: `python -c`
puts the current folder first on sys.path), and prints the median of each, the ratio, and the
modules a command loads that it should not (jsonschema, openpyxl, ruamel.yaml:
they belong to the commands that use them). Targets: help ≤ 120 ms on a
2-core machine, ≤ 17 × python.

    python benchmarks/startup.py [--runs 30]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("jsonschema", "openpyxl", "ruamel")
TARGET_MS = 120
TARGET_RATIO = 17


def seconds(command: list[str], env: dict[str, str]) -> float:
    """Wall time of one run, from fork to exit."""
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def heavy_modules(env: dict[str, str]) -> list[str]:
    """The heavy libraries importing the CLI loads (none, when all is well)."""
    code = (
        "import sys, schoolaudit.cli; "
        f"print(' '.join(m for m in {HEAVY!r} if any(n.split('.')[0] == m for n in sys.modules)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    return out.stdout.split()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    # .pyc files written by the warm-up run, as an installed package has them
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(ROOT)
    bare = [sys.executable, "-c", "pass"]
    helped = [sys.executable, "-m", "schoolaudit", "--help"]
    seconds(helped, env)  # warm the file cache and the .pyc files
    python, help_ = [], []
    for _ in range(runs):
        python.append(seconds(bare, env))
        help_.append(seconds(helped, env))
    python_ms = statistics.median(python) * 1000
    help_ms = statistics.median(help_) * 1000
    ratio = help_ms / python_ms
    print(f"python -c pass          {python_ms:7.1f} ms  (median of {runs})")
    print(f"schoolaudit --help      {help_ms:7.1f} ms  (target ≤ {TARGET_MS} ms)")
    print(f"ratio                   {ratio:7.1f} ×   (target ≤ {TARGET_RATIO} ×)")
    loaded = heavy_modules(env)
    print(f"heavy modules at start  {', '.join(loaded) or 'none'}")


if __name__ == "__main__":
    main()
