"""How long re-auditing takes: comparing two years of one school, per pair of files.

Generates its own data: N schools, each with two answers files a year apart on
the main built-in checklist (realistic answers; about a fifth changed between
the years). Then times, on one core:

  report    assess one file (read, check, score): the baseline, what `report` does
  diff      assess both files + diff + the JSON: what `diff --json` does, per pair
  core      diff alone, over two Results already scored
  changes   compare_checklists on the checklist with itself (what the version notice
            and migrate pay per file when a file is on an older version)

and prints milliseconds per file or pair, and the ratio of diff to report (two
files are read per pair, so about 2 is expected).

    python benchmarks/reaudit.py [--schools 300]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from load_validate_score import answer_for, pick_checklist, write_files  # noqa: E402

from schoolaudit.assess import assess  # noqa: E402
from schoolaudit.catalog import Catalog  # noqa: E402
from schoolaudit.changes import compare_checklists  # noqa: E402
from schoolaudit.diff import diff  # noqa: E402
from schoolaudit.render.diff_json import render_diff_dict  # noqa: E402
from schoolaudit.scoring import Result  # noqa: E402

TODAY = dt.date(2028, 1, 1)  # after both years, so neither date is in the future


def next_year(paths: list[Path], folder: Path, rng: random.Random) -> list[Path]:
    """Each school's file a year on: about a fifth of the answers changed."""
    checklist = pick_checklist(None)
    later = []
    for path in paths:
        data = yaml.safe_load(path.read_text("utf-8"))
        data["date"] = "2027-11-20"
        data["school"]["urn"] = str(data["school"]["urn"])
        for item in checklist.items:
            if rng.random() < 0.2:
                data["answers"][item.id] = answer_for(item, rng)
        out = folder / path.name.replace(".yaml", "-next.yaml")
        out.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
        later.append(out)
    return later


def timed(label: str, count: int, unit: str, work: Callable[[int], object]) -> float:
    start = time.perf_counter()
    for n in range(count):
        work(n)
    per = 1000 * (time.perf_counter() - start) / count
    print(f"{label:<8} {count:>5} {unit}s: {per:7.2f} ms per {unit}")
    return per


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=300)
    args = parser.parse_args()
    catalog = Catalog()
    checklist = pick_checklist(None)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        earlier = write_files(checklist, folder, args.schools)
        later = next_year(earlier, folder, random.Random(2027))

        def result(path: Path) -> Result:
            outcome = assess(str(path), catalog, today=TODAY)
            assert outcome.result is not None, outcome.problems
            return outcome.result

        for path in later[:20]:  # warm up: the schema, the lazy imports
            result(path)
        report = timed("report", args.schools, "file", lambda n: result(later[n]))
        pair = timed(
            "diff",
            args.schools,
            "pair",
            lambda n: render_diff_dict(diff(result(earlier[n]), result(later[n]))),
        )
        scored = [(result(a), result(b)) for a, b in zip(earlier, later, strict=True)]
        timed("core", args.schools, "pair", lambda n: diff(*scored[n]))
        timed("changes", args.schools, "file", lambda n: compare_checklists(checklist, checklist))
    print(f"{checklist.id} v{checklist.version}, {len(checklist.items)} items")
    print(f"ratio diff / report: {pair / report:.2f} (two files read per pair: about 2 expected)")


if __name__ == "__main__":
    main()
