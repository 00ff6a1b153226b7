"""How many answers files per second schoolaudit loads, validates and scores.

Generates its own data: N answers files for a checklist (the main built-in one,
or the test checklist where the built-ins are missing), with realistic answers,
notes and evidence. Then times, on one core:

  ours      read_answers (UTF-8 check, libyaml parse with marks, duplicate keys,
            alias bound, schema validation, per-item checks) + score
  floor     yaml.load with libyaml's CSafeLoader only (no checks at all)
  naive     yaml.safe_load (pure-Python loader) + jsonschema, the obvious way

and prints files per second and the ratios. A batch over 24,000 schools needs
roughly 24,000 / (files per second) seconds on one core.

    python benchmarks/load_validate_score.py [--files 2000] [--checklist ID|PATH]
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
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from schoolaudit.answers import read_answers  # noqa: E402
from schoolaudit.catalog import Catalog  # noqa: E402
from schoolaudit.model import Checklist, Item  # noqa: E402
from schoolaudit.problems import ProblemsError  # noqa: E402
from schoolaudit.resources import load_schema  # noqa: E402
from schoolaudit.scoring import score  # noqa: E402

AUDIT_DATE = dt.date(2026, 11, 20)


def pick_checklist(wanted: str | None) -> Checklist:
    catalog = Catalog()
    try:
        return catalog.get(wanted)
    except ProblemsError:
        return catalog.get(str(ROOT / "tests" / "data" / "mini.yaml"))


def answer_for(item: Item, rng: random.Random) -> object:
    if rng.random() < 0.05:
        return "unsure"
    kind = item.type
    if kind == "yesno":
        return rng.choice(["yes", "yes", "no"])
    if kind == "ynp":
        return rng.choice(["yes", "yes", "partial", "no"])
    if kind == "level":
        return rng.randint(1, 5)
    if kind == "choice":
        return rng.choice(item.options).value
    if kind == "number":
        return rng.randint(0, int(item.max or 100))
    if kind == "date":
        return (AUDIT_DATE - dt.timedelta(days=rng.randint(0, 700))).isoformat()
    return "Example Filtering Ltd"


def write_files(checklist: Checklist, folder: Path, count: int) -> list[Path]:
    rng = random.Random(2026)
    profile = {field.id: rng.choice(field.answer_words() or ("x",)) for field in checklist.profile}
    paths = []
    for n in range(count):
        answers: dict[str, object] = {}
        for item in checklist.items:
            if rng.random() < 0.03:
                continue
            value = answer_for(item, rng)
            if rng.random() < 0.15:
                answers[item.id] = {
                    "answer": value,
                    "note": f"Checked with the IT lead ({n})",
                    "evidence": "Filter test log, autumn term",
                }
            else:
                answers[item.id] = value
        data = {
            "schoolaudit": 1,
            "checklist": {"id": checklist.id, "version": checklist.version},
            "school": {
                "name": f"School {n}",
                "urn": f"{900000 + n}",
                "phase": rng.choice(["primary", "secondary", "special"]),
                **profile,
            },
            "completed_by": "A. Person, DSL",
            "date": AUDIT_DATE.isoformat(),
            "answers": answers,
        }
        path = folder / f"school-{n:05d}.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
        paths.append(path)
    return paths


def timed(label: str, paths: list[Path], work: Callable[[Path], object]) -> float:
    start = time.perf_counter()
    for path in paths:
        work(path)
    seconds = time.perf_counter() - start
    rate = len(paths) / seconds
    print(
        f"{label:<7} {len(paths):>6} files in {seconds:6.2f} s = {rate:8.0f} files/s "
        f"({1000 * seconds / len(paths):.2f} ms per file)"
    )
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--checklist")
    args = parser.parse_args()
    checklist = pick_checklist(args.checklist)
    answers_schema = Draft202012Validator(load_schema("answers"))

    def ours(path: Path) -> object:
        answers, problems = read_answers(str(path), checklist)
        assert answers is not None, problems
        return score(checklist, answers)

    def floor(path: Path) -> object:
        return yaml.load(path.read_text("utf-8"), Loader=yaml.CSafeLoader)

    def naive(path: Path) -> object:
        data = yaml.safe_load(path.read_text("utf-8"))
        data["date"] = str(data["date"])
        return answers_schema.is_valid(data)

    with tempfile.TemporaryDirectory() as folder:
        paths = write_files(checklist, Path(folder), args.files)
        size = sum(p.stat().st_size for p in paths) / len(paths)
        print(
            f"checklist {checklist.id} v{checklist.version}: {len(checklist.items)} items; "
            f"{len(paths)} generated answers files, {size / 1024:.1f} KiB each"
        )
        ours(paths[0])  # warm caches (schema compilation) before timing
        rate = timed("ours", paths, ours)
        floor_rate = timed("floor", paths, floor)
        naive_rate = timed("naive", paths, naive)
    print(f"ours / floor (parse only, libyaml): {rate / floor_rate:.2f}x the speed")
    print(
        f"ours / naive (pure-Python YAML + jsonschema, no item checks): "
        f"{rate / naive_rate:.2f}x the speed"
    )
    print(f"24,000 schools on one core: about {24000 / rate:.0f} s")


if __name__ == "__main__":
    main()
