"""How long one school's report takes: JSON vs the workbook vs Markdown vs the PDF pack.

Generates its own data: a checklist of about 100 items over 8 sections (every
answer type, phase conditions, unverified references) and one school's answers
with notes and evidence, some of them starting like formulas. Then times, on
one core, from a scored `Result` to the bytes of each output:

  json      render_json_report + json.dumps (what `report --json` writes)
  xlsx      render_governor_workbook: six sheets, chart, validation, print set-up
  markdown  render_markdown_report
  pdf       render_governors_pack: the governors' pack (fpdf2), A4 pages

and prints the median of several runs, with each one's ratio to JSON.

    python benchmarks/report_timing.py [--items 100] [--runs 15] [--write DIR]

`--write DIR` also leaves the generated checklist, answers and workbook in DIR,
to open in a spreadsheet or convert with LibreOffice.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.load_validate_score import answer_for  # noqa: E402
from schoolaudit import load_answers, load_checklist, score  # noqa: E402
from schoolaudit.model import Checklist  # noqa: E402
from schoolaudit.render.governor_workbook import render_governor_workbook  # noqa: E402
from schoolaudit.render.governors_pack import render_governors_pack  # noqa: E402
from schoolaudit.render.json_report import render_json_report  # noqa: E402
from schoolaudit.render.markdown_report import render_markdown_report  # noqa: E402
from schoolaudit.scoring import Result  # noqa: E402

AUDIT_DATE = dt.date(2026, 11, 20)
SECTIONS = 8
TYPES = ("ynp", "ynp", "ynp", "yesno", "level", "choice", "number", "date")
SEVERITIES = ("statutory", "expected", "expected", "recommended")
WORDS = [
    "filtering",
    "monitoring",
    "staff",
    "pupils",
    "parents",
    "governors",
    "policy",
    "incident",
    "image",
    "report",
    "device",
    "network",
    "review",
    "training",
    "online",
    "safety",
    "generative",
    "AI",
    "nudify",
    "apps",
]


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()


def _item(section: int, number: int, rng: random.Random) -> dict[str, Any]:
    kind = TYPES[number % len(TYPES)]
    item: dict[str, Any] = {
        "id": f"s{section}-{number:02d}",
        "text": _sentence(rng, 12) + "?",
        "type": kind,
        "weight": rng.choice([1, 1, 2, 3]),
        "severity": rng.choice(SEVERITIES),
        "guidance": _sentence(rng, 25) + ".",
        "remediation": _sentence(rng, 18) + ".",
        "evidence": _sentence(rng, 8) + ".",
        "owner": rng.choice(["DSL", "IT lead", "Headteacher", "Governors"]),
        "references": [
            {
                "source": rng.choice(["kcsie", "dfe-fm", "uksic"]),
                "where": f"para {rng.randint(1, 200)}",
                "verified": rng.random() < 0.7,
            }
        ],
    }
    if kind == "level":
        item["levels"] = {n: f"Level {n}" for n in range(1, 6)}
    elif kind == "choice":
        item["options"] = [
            {"value": "none", "label": "Nothing in place", "score": 0},
            {"value": "some", "label": "Some of it", "score": 0.5},
            {"value": "all", "label": "All of it", "score": 1},
        ]
    elif kind == "number":
        item.update({"min": 50, "target": 90, "max": 100, "unit": "%"})
    elif kind == "date":
        item["max_age_days"] = 365
    if number % 11 == 5:
        item["applies_if"] = {"school.phase": ["secondary", "all-through"]}
    return item


def generated_checklist(items: int, rng: random.Random) -> dict[str, Any]:
    sizes = [items // SECTIONS + (1 if n < items % SECTIONS else 0) for n in range(SECTIONS)]
    return {
        "id": "timing",
        "title": "Generated timing checklist",
        "version": "1.0",
        "sources": {
            "kcsie": {"title": "Keeping children safe in education", "edition": "2025"},
            "dfe-fm": {"title": "Filtering and monitoring standards", "publisher": "DfE"},
            "uksic": {"title": "Appropriate filtering and monitoring definitions"},
        },
        "sections": [
            {
                "id": f"s{section}",
                "title": f"Section {section}: {_sentence(rng, 3)}",
                "weight": rng.choice([1, 1, 2]),
                "items": [_item(section, n, rng) for n in range(1, size + 1)],
            }
            for section, size in enumerate(sizes, start=1)
        ],
    }


def generated_answers(checklist: Checklist, rng: random.Random) -> dict[str, Any]:
    """Answers to most items, a third with notes, some notes starting like formulas."""
    answers: dict[str, Any] = {}
    for item in checklist.items:
        if rng.random() < 0.04:
            continue
        value = answer_for(item, rng)
        if rng.random() < 0.3:
            lead = rng.choice(["", "", "=", "+", "-", "@"])
            answers[item.id] = {
                "answer": value,
                "note": f"{lead}{_sentence(rng, 14)} | checked {AUDIT_DATE}",
                "evidence": _sentence(rng, 6),
            }
        else:
            answers[item.id] = value
    return {
        "schoolaudit": 1,
        "checklist": {"id": checklist.id, "version": checklist.version},
        "school": {"name": "Oakfield & Elm Primary School", "urn": "100000", "phase": "primary"},
        "completed_by": "A. Person, DSL",
        "date": AUDIT_DATE.isoformat(),
        "answers": answers,
    }


def generated_result(folder: Path, items: int) -> Result:
    """Write the generated checklist and answers to `folder`, load and score them."""
    rng = random.Random(2026)
    checklist_data = generated_checklist(items, rng)
    checklist_path = folder / "timing-checklist.yaml"
    answers_path = folder / "timing-answers.yaml"
    checklist_path.write_text(yaml.safe_dump(checklist_data, sort_keys=False), "utf-8")
    checklist = load_checklist(str(checklist_path))
    answers_data = generated_answers(checklist, rng)
    answers_path.write_text(yaml.safe_dump(answers_data, sort_keys=False), "utf-8")
    return score(checklist, load_answers(str(answers_path), checklist))


def median_ms(work: Callable[[], object], runs: int) -> tuple[float, int]:
    """Median wall time in milliseconds over `runs`, and the size of what was made."""
    size = len(work())  # type: ignore[arg-type]  # also warms imports and caches
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(1000 * (time.perf_counter() - start))
    return statistics.median(times), size


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--items", type=int, default=100)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--write", type=Path, help="leave the generated files in this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = args.write or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        result = generated_result(folder, args.items)
        if args.write:
            (folder / "timing-report.xlsx").write_bytes(render_governor_workbook(result))
            (folder / "timing-report.pdf").write_bytes(render_governors_pack(result))
    counts = result.counts
    print(
        f"checklist: {counts.items} items in {len(result.sections)} sections; "
        f"{counts.applicable} apply, {counts.gaps} gaps; median of {args.runs} runs, one core"
    )
    outputs: dict[str, Callable[[], object]] = {
        "json": lambda: json.dumps(render_json_report(result), indent=2, ensure_ascii=False),
        "xlsx": lambda: render_governor_workbook(result),
        "markdown": lambda: render_markdown_report(result),
        "pdf": lambda: render_governors_pack(result),
    }
    figures = {name: median_ms(work, args.runs) for name, work in outputs.items()}
    base = figures["json"][0]
    for name, (ms, size) in figures.items():
        print(f"{name:<9} {ms:8.1f} ms  {size / 1024:7.1f} KiB  {ms / base:6.1f}x json")
    print(f"24,000 schools' workbooks on one core: about {24000 * figures['xlsx'][0] / 1000:.0f} s")


if __name__ == "__main__":
    main()
