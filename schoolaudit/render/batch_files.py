"""The batch's streamed outputs: `--json` and `--csv` over every school.

At national scale these files are large (24,000 schools × 125 items is three
million CSV rows), so neither is built in memory: each school's part is
rendered in the worker that scored it (`school_json`, `school_csv`) and the
parent appends the parts, in file order, to a temporary file that replaces
the output only when all of it is written (`atomic.open_atomic`).

The CSV is the long format analysts load into Power BI or a pivot table: one
row per school × item. It starts with a UTF-8 byte-order mark so that Excel
reads it as UTF-8, and every text cell that a spreadsheet would take for a
formula (`=`, `+`, `-`, `@`, tab, carriage return) starts with an apostrophe.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any, BinaryIO

from schoolaudit import __version__
from schoolaudit.batch import CommonGap, Rejected, Tally
from schoolaudit.render.formulas import formula_safe
from schoolaudit.render.json_report import json_value, render_json_report
from schoolaudit.scoring import Result, rounded
from schoolaudit.trend import Trend

CSV_COLUMNS = (
    "urn",
    "school",
    "checklist",
    "checklist_version",
    "section",
    "item",
    "severity",
    "applies",
    "answer",
    "credit",
    "weight",
)
BOM = "\ufeff"


def school_json(result: Result) -> bytes:
    """One school's report, exactly as `report --json` has it, on one line."""
    return json.dumps(render_json_report(result), ensure_ascii=False).encode("utf-8")


def school_csv(result: Result) -> bytes:
    """One school's rows of the long CSV, one per item of its checklist."""
    school = result.answers.school
    checklist = result.checklist
    fixed = (school.get("urn", ""), school.get("name", ""), checklist.id, checklist.version)
    rows = (
        (
            *fixed,
            item.item.section_id,
            item.item.id,
            item.item.severity,
            "yes" if item.applies else "no",
            json_value(item.value),
            item.credit,
            item.item.weight,
        )
        for item in result.items
    )
    return csv_lines(rows).encode("utf-8")


def csv_header() -> bytes:
    return (BOM + csv_lines([CSV_COLUMNS])).encode("utf-8")


def csv_lines(rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows([formula_safe(value) for value in row] for row in rows)
    return buffer.getvalue()


class JsonStream:
    """`{"schools": [...], "errors": [...], "common_gaps": [...], "summary": {}, "trend": {}}`.

    Streamed: each school's report is appended as it comes.
    """

    def __init__(self, handle: BinaryIO) -> None:
        self.handle = handle
        self.first = True
        handle.write(b'{"schoolaudit": ')
        handle.write(json.dumps({"version": __version__, "format": 1}).encode("utf-8"))
        handle.write(b',\n"schools": [')

    def add(self, school: bytes) -> None:
        self.handle.write(b"\n" if self.first else b",\n")
        self.handle.write(school)
        self.first = False

    def finish(self, tally: Tally) -> None:
        tail = {
            "errors": [error_dict(rejected) for rejected in tally.rejected],
            "common_gaps": [common_gap_dict(gap) for gap in tally.common_gaps()],
            "summary": summary_dict(tally),
            "trend": trend_dict(tally.history()),
        }
        self.handle.write(b"\n],\n")
        self.handle.write(json.dumps(tail, indent=2, ensure_ascii=False)[1:].encode("utf-8"))
        self.handle.write(b"\n")


def error_dict(rejected: Rejected) -> dict[str, Any]:
    return {
        "file": rejected.path,
        "problems": [str(problem) for problem in rejected.problems],
        "details": [problem.to_dict() for problem in rejected.problems],
    }


def common_gap_dict(gap: CommonGap) -> dict[str, Any]:
    return {
        "id": gap.item.id,
        "count": gap.count,
        "share": round(gap.share, 4),
        "checklist": {"id": gap.group.id, "version": gap.group.version},
        "section": gap.item.section,
        "severity": gap.item.severity,
        "text": gap.item.text,
        "remediation": gap.item.remediation,
    }


def summary_dict(tally: Tally) -> dict[str, Any]:
    checklists = []
    for group in tally.ordered_groups():
        spread = group.spread()
        checklists.append(
            {
                "id": group.group.id,
                "version": group.group.version,
                "title": group.group.title,
                "schools": len(group.schools),
                "median": spread.median if spread else None,
                "lower_quartile": spread.lower_quartile if spread else None,
                "upper_quartile": spread.upper_quartile if spread else None,
                "lowest": spread.lowest if spread else None,
                "highest": spread.highest if spread else None,
            }
        )
    return {
        "files": tally.files,
        "schools": tally.schools,
        "rejected": len(tally.rejected),
        "earlier_audits": tally.earlier_audits,
        "ratings": tally.rating_counts(),
        "checklists": checklists,
    }


def trend_dict(trend: Trend) -> dict[str, Any]:
    """Each school's audits by URN, oldest first, and each trust's figures per academic year."""
    return {
        "schools": [
            {
                "urn": school.key,
                "name": school.name,
                "trust": school.trust,
                "audits": [
                    {
                        "date": point.date.isoformat(),
                        "academic_year": point.year,
                        "score": rounded(point.score),
                        "rating": point.rating,
                        "checklist": checklist_dict(point.checklist),
                        "file": point.path,
                    }
                    for point in school.points
                ],
                "change": rounded(school.change),
                "direction": school.direction,
            }
            for school in trend.schools
        ],
        "trusts": [
            {
                "trust": year.trust,
                "academic_year": year.year,
                "schools": year.schools,
                "mean": rounded(year.mean_score),
                "median": rounded(year.median_score),
                "ratings": dict(year.ratings),
            }
            for year in trend.trusts
        ],
    }


def checklist_dict(label: str) -> dict[str, str]:
    """`{"id": "tiny", "version": "2024.1"}` from a trend point's `tiny 2024.1`."""
    checklist_id, _, version = label.partition(" ")
    return {"id": checklist_id, "version": version}
