"""Instructions a file for one school's check, counted by valgrind: steady where time is not.

On a shared or virtual machine the same batch takes a quarter more or less CPU
time from one run to the next; the number of instructions it executes does not
change. This counts them for `batch`'s per-file work (`check_file`: read the
YAML, check, score, boil down to the school's record) under
`valgrind --tool=callgrind`, as the difference between a run over N files and a
run over none (so start-up, imports and loading the checklist cancel out), and
prints it beside the same count for libyaml's bare parse of the same files
(`yaml.load` with `CSafeLoader`) as the baseline.

    python benchmarks/instructions.py [--files 40] [--data DIR]

Needs valgrind (Debian: `apt-get install valgrind`). Each run takes ~50x the
plain time: about a minute for 40 files.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from batch import generate  # noqa: E402
from load_validate_score import pick_checklist  # noqa: E402

WARM_UP = 5
"""Files checked before counting starts in both runs (first-use caches filled)."""

CHILD = """
import sys
from pathlib import Path
paths = [line for line in Path(sys.argv[2]).read_text().splitlines() if line]
count = int(sys.argv[3])
if sys.argv[1] == "ours":
    from schoolaudit.batch import Plan, check_file
    from schoolaudit.catalog import Catalog
    plan = Plan(Catalog())
    work = lambda path: check_file(path, plan)
else:
    import yaml
    work = lambda path: yaml.load(Path(path).read_text("utf-8"), Loader=yaml.CSafeLoader)
for path in paths[:{warm_up}]:
    work(path)
for path in paths[{warm_up}:{warm_up} + count]:
    work(path)
""".replace("{warm_up}", str(WARM_UP))


def instructions(what: str, listing: Path, count: int) -> int:
    """Instructions callgrind counts for the child doing `what` over `count` files."""
    with tempfile.TemporaryDirectory() as scratch:
        result = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={scratch}/out",
                sys.executable,
                "-c",
                CHILD,
                what,
                str(listing),
                str(count),
            ],
            capture_output=True,
            text=True,
            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
            check=True,
        )
    found = re.search(r"Collected : (\d+)", result.stderr)
    if found is None:
        raise SystemExit(f"valgrind said no count:\n{result.stderr[-2000:]}")
    return int(found.group(1))


def per_file(what: str, listing: Path, count: int) -> float:
    return (instructions(what, listing, count) - instructions(what, listing, 0)) / count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=40)
    parser.add_argument("--data", type=Path, help="keep (and reuse) the generated files here")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt-get install valgrind)")
    checklist = pick_checklist(None)
    with tempfile.TemporaryDirectory() as scratch:
        folder = (args.data or Path(scratch)) / f"{args.files + WARM_UP}-schools"
        paths = generate(checklist, folder, args.files + WARM_UP)
        listing = Path(scratch) / "files.txt"
        listing.write_text("\n".join(str(p) for p in paths), "utf-8")
        ours = per_file("ours", listing, args.files)
        floor = per_file("libyaml", listing, args.files)
        size = sum(p.stat().st_size for p in paths) / len(paths)  # before the files go
    print(
        f"{args.files} answers files for {checklist.id} v{checklist.version} "
        f"({len(checklist.items)} items), {size / 1024:.1f} KiB each"
    )
    print(f"ours:    {ours / 1e6:6.2f} M instructions a file (read, check, score)")
    print(f"libyaml: {floor / 1e6:6.2f} M instructions a file (yaml.load with CSafeLoader only)")
    print(f"ratio:   {ours / floor:.2f}x")


if __name__ == "__main__":
    main()
