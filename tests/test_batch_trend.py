"""`schoolaudit batch` over several years of the same schools: one row each, and a Trend sheet.

The folder holds a three-year history of Oakfield, two years of Birch (its
latest audit first in path order), one audit of Cedar (whose name starts like
a formula), and a second Oakfield file in the same academic year as its
latest, which stays a `batch/duplicate-urn` error. Each school's latest audit
is its row; the earlier ones are counted only on the Trend sheet.
"""

from __future__ import annotations

import csv
import json
import random
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from schoolaudit.batch import Group, School, Tally
from schoolaudit.render.trend_table import TRUST_HEADERS
from schoolaudit.resources import load_schema
from tests.conftest import TESTS
from tests.test_batch import run_batch

HISTORY = TESTS / "data" / "history"
VERSIONS = TESTS / "data" / "versions"
LATEST = {"100000": "2026-10-01", "100001": "2026-11-02", "100002": "2026-10-15"}


def make_history_folder(root: Path) -> Path:
    folder = root / "returns"
    folder.mkdir()
    for name in ("oakfield-2024", "oakfield-2025", "oakfield-2026", "cedar-2026"):
        shutil.copy(HISTORY / f"{name}.yaml", folder / f"{name}.yaml")
    # Birch's latest audit comes first in path order: the later year still wins.
    shutil.copy(HISTORY / "birch-2026.yaml", folder / "a-birch.yaml")
    shutil.copy(HISTORY / "birch-2025.yaml", folder / "b-birch.yaml")
    again = (HISTORY / "oakfield-2026.yaml").read_text("utf-8").replace("2026-10-01", "2026-11-20")
    (folder / "zz-oakfield-again.yaml").write_text(again, "utf-8")  # same academic year
    return folder


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("history")
    run = run_batch(root, make_history_folder(root), jobs=2, checklist_dir=VERSIONS)
    assert run.exit_code == 1  # the same-year copy
    assert "3 schools scored, 1 file rejected, 3 earlier audits used for trends." in run.stderr
    return root


def rows(path: Path, title: str) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in openpyxl.load_workbook(path)[title].iter_rows(values_only=True)]


def test_each_school_is_one_row_by_its_latest_audit(history: Path) -> None:
    book = history / "out-2" / "trust.xlsx"
    schools = rows(book, "Schools")[1:]
    assert sorted((r[1], r[3].date().isoformat()) for r in schools) == sorted(LATEST.items())
    assert len(rows(book, "Heatmap")) == 1 + 3
    gaps = rows(book, "Common gaps")[1:]
    assert gaps and all(r[4] <= 3 and r[5] == pytest.approx(r[4] / 3) for r in gaps if r[0])
    summary = {r[0]: r[1] for r in rows(book, "Summary") if r[0]}
    assert summary["Files read"] == 7
    assert summary["Schools scored"] == 3
    assert summary["Earlier years' audits, used for trends (see Trend)"] == 3
    assert summary["of which: schools given twice (same URN and year)"] == 1
    errors = rows(book, "Errors")[1:]
    assert [(Path(r[0]).name, r[4]) for r in errors] == [
        ("zz-oakfield-again.yaml", "batch/duplicate-urn")
    ]
    assert "2026/27" in errors[0][2]


def test_the_trend_sheet_figures(history: Path) -> None:
    book = openpyxl.load_workbook(history / "out-2" / "trust.xlsx")
    assert book.sheetnames == ["Summary", "Schools", "Heatmap", "Common gaps", "Trend", "Errors"]
    sheet = book["Trend"]
    values = [tuple(r) for r in sheet.iter_rows(values_only=True)]
    trust = next(n for n, r in enumerate(values) if r[:2] == ("Trust", "Year"))
    assert values[trust][: len(TRUST_HEADERS)] == TRUST_HEADERS
    trust_rows = [r[:8] for r in values[trust + 1 : trust + 4]]
    assert trust_rows == [
        ("Oak Learning Trust", "2024/25", 1, 25.0, 25.0, 0, 0, 1),
        ("Oak Learning Trust", "2025/26", 2, 71.9, 71.9, 0, 2, 0),
        ("Oak Learning Trust", "2026/27", 3, 81.3, 75.0, 1, 2, 0),
    ]
    header = next(n for n, r in enumerate(values) if r[:2] == ("School", "URN"))
    years = ("2024/25", "2025/26", "2026/27")
    by_year = tuple(f"{year} {part}" for year in years for part in ("score", "rating"))
    assert values[header][3:] == (*by_year, "Change since first", "Since last audit")
    lead = ("Oak Learning Trust",)
    assert values[header + 1 :] == [
        (
            "=1+1 Cedar School",
            "100002",
            *lead,
            None,
            None,
            None,
            None,
            75.0,
            "AMBER",
            None,
            "first audit",
        ),
        ("Birch Academy", "100001", *lead, None, None, 68.8, "AMBER", 100.0, "GREEN", 31.2, "up"),
        (
            "Oakfield Primary School",
            "100000",
            *lead,
            25.0,
            "RED",
            75.0,
            "AMBER",
            68.8,
            "AMBER",
            43.8,
            "down",
        ),
    ]
    cedar = sheet.cell(header + 2, 1)
    assert cedar.data_type == "s" and cedar.quotePrefix  # text, never a formula
    assert sheet.cell(header + 4, 5).fill.fgColor.rgb.endswith("FFC7CE")  # RED, in red
    assert sheet.auto_filter.ref.startswith(f"A{header + 1}:")


def test_json_has_the_latest_audits_and_the_trend(history: Path) -> None:
    data = json.loads((history / "out-2" / "trust.json").read_text("utf-8"))
    registry: Registry[Any] = Registry().with_resource(
        "https://schoolaudit.invalid/schemas/report.schema.json",
        Resource.from_contents(load_schema("report")),
    )
    Draft202012Validator(load_schema("batch"), registry=registry).validate(data)
    assert {s["school"]["urn"]: s["date"] for s in data["schools"]} == LATEST
    assert data["summary"]["earlier_audits"] == 3
    oakfield = next(s for s in data["trend"]["schools"] if s["urn"] == "100000")
    assert [
        (a["academic_year"], a["score"], a["checklist"]["version"]) for a in oakfield["audits"]
    ] == [
        ("2024/25", 25.0, "2024.1"),
        ("2025/26", 75.0, "2024.1"),
        ("2026/27", 68.8, "2026.1"),
    ]
    assert (oakfield["change"], oakfield["direction"]) == (43.8, "down")
    latest = data["trend"]["trusts"][-1]
    assert (latest["academic_year"], latest["schools"], latest["mean"], latest["median"]) == (
        "2026/27",
        3,
        81.3,
        75.0,
    )
    with (history / "out-2" / "items.csv").open(encoding="utf-8-sig") as handle:
        urns = {row["urn"] for row in csv.DictReader(handle)}
    assert urns == set(LATEST)
    assert len(list((history / "out-2" / "reports").iterdir())) == 3


def test_jobs_1_gives_exactly_what_jobs_2_gives(history: Path) -> None:
    assert run_batch(history, history / "returns", jobs=1, checklist_dir=VERSIONS).exit_code == 1
    one, two = history / "out-1", history / "out-2"
    for name in ("trust.json", "items.csv"):
        assert (one / name).read_bytes() == (two / name).read_bytes(), name
    for title in openpyxl.load_workbook(two / "trust.xlsx").sheetnames:
        assert rows(one / "trust.xlsx", title) == rows(two / "trust.xlsx", title), title
    assert sorted(p.name for p in (one / "reports").iterdir()) == sorted(
        p.name for p in (two / "reports").iterdir()
    )


TINY = Group("tiny", "1", "Tiny", (), ())


def school(urn: str, date: str, path: str) -> School:
    key = TINY.key
    return School(path, f"School {urn}", urn, None, date, key, 50.0, "amber", (), 0, (), group=TINY)


@given(
    audits=st.dictionaries(  # (URN, the year an academic year starts in) → a day in it
        st.tuples(st.sampled_from(["1", "2", "3"]), st.integers(2019, 2026)),
        st.sampled_from(["09-01", "12-31", "08-31"]),
        min_size=1,
    ),
    shuffler=st.randoms(),
)
def test_the_latest_year_counts_whatever_the_file_order(
    audits: dict[tuple[str, int], str], shuffler: random.Random
) -> None:
    """One audit per school and academic year, added in any order: the latest is counted."""
    schools = [
        school(urn, f"{start + (day < '09')}-{day}", f"{urn}-{start}.yaml")
        for (urn, start), day in audits.items()
    ]
    shuffler.shuffle(schools)
    tally = Tally()
    for each in schools:
        assert tally.add(each) is each  # an earlier year is never an error
    urns = {s.urn for s in schools}
    latest = {urn: max(s.date for s in schools if s.urn == urn) for urn in urns}
    assert {s.urn: s.date for s in schools if tally.counts(s)} == latest
    assert tally.schools == len(latest)
    assert tally.earlier_audits == len(schools) - len(latest)
    assert sum(len(t.schools) for t in tally.groups.values()) == len(latest)
    history = tally.history()
    assert sorted(len(s.points) for s in history.schools) == sorted(
        sum(s.urn == urn for s in schools) for urn in urns
    )
