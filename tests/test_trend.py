"""Progress over the years: a three-year history of one school and two years of another."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from schoolaudit.assess import assess
from schoolaudit.catalog import Catalog
from schoolaudit.render.trend_table import render_trend_table
from schoolaudit.scoring import Result
from schoolaudit.trend import academic_year, trend
from tests.conftest import TESTS

HISTORY = TESTS / "data" / "history"
FILES = ["oakfield-2024", "oakfield-2025", "oakfield-2026", "birch-2025", "birch-2026"]


@pytest.fixture(scope="module")
def results() -> list[Result]:
    catalog = Catalog([TESTS / "data" / "versions"])
    scored = [assess(str(HISTORY / f"{name}.yaml"), catalog).result for name in FILES]
    assert all(scored)
    return [r for r in scored if r is not None]


def test_a_three_year_history_of_one_school(results: list[Result]) -> None:
    """Two checklist versions across the three years: each audit scored on its own."""
    oakfield = next(s for s in trend(results).schools if s.key == "100000")
    assert oakfield.name == "Oakfield Primary School"
    assert [(p.year, p.score, p.rating, p.checklist) for p in oakfield.points] == [
        ("2024/25", 25.0, "red", "tiny 2024.1"),
        ("2025/26", 75.0, "amber", "tiny 2024.1"),
        ("2026/27", 68.75, "amber", "tiny 2026.1"),
    ]
    assert oakfield.change == pytest.approx(43.75)
    assert oakfield.direction == "down"  # 75.0 → 68.8 since the last audit


def test_the_trust_series_counts_each_school_once_a_year(results: list[Result]) -> None:
    series = trend(results).trust_series("Oak Learning Trust")
    assert [(y.year, y.schools, y.mean_score, dict(y.ratings)) for y in series] == [
        ("2024/25", 1, 25.0, {"green": 0, "amber": 0, "red": 1}),
        ("2025/26", 2, pytest.approx((75.0 + 68.75) / 2), {"green": 0, "amber": 2, "red": 0}),
        ("2026/27", 2, pytest.approx((68.75 + 100.0) / 2), {"green": 1, "amber": 1, "red": 0}),
    ]


def test_two_audits_in_one_year_count_the_later(results: list[Result]) -> None:
    birch_2026 = next(r for r in results if r.answers.date == dt.date(2026, 11, 2))
    oakfield_2026 = next(r for r in results if r.answers.date == dt.date(2026, 10, 1))
    series = trend([oakfield_2026, birch_2026, results[0]]).trust_series("Oak Learning Trust")
    assert [(y.year, y.schools) for y in series] == [("2024/25", 1), ("2026/27", 2)]


@given(shuffler=st.randoms())
def test_the_order_of_the_files_does_not_matter(
    results: list[Result], shuffler: random.Random
) -> None:
    shuffled = list(results)
    shuffler.shuffle(shuffled)
    assert trend(shuffled) == trend(results)


def test_academic_years_start_in_september() -> None:
    assert academic_year(dt.date(2026, 8, 31)) == "2025/26"
    assert academic_year(dt.date(2026, 9, 1)) == "2026/27"
    assert academic_year(dt.date(1999, 9, 1)) == "1999/00"


def test_the_trend_sheet_rows(results: list[Result]) -> None:
    table = render_trend_table(trend(results))
    assert table.years == ("2024/25", "2025/26", "2026/27")
    assert table.school_headers == (
        "School",
        "URN",
        "Trust",
        "2024/25 score",
        "2024/25 rating",
        "2025/26 score",
        "2025/26 rating",
        "2026/27 score",
        "2026/27 rating",
        "Change since first",
        "Since last audit",
    )
    assert list(table.rating_columns) == [4, 6, 8]
    birch = ("Birch Academy", "100001", "Oak Learning Trust", None, None, 68.8, "AMBER")
    oakfield = ("Oakfield Primary School", "100000", "Oak Learning Trust", 25.0, "RED", 75.0)
    assert table.school_rows == (
        (*birch, 100.0, "GREEN", 31.2, "up"),
        (*oakfield, "AMBER", 68.8, "AMBER", 43.8, "down"),
    )
    assert table.trust_rows == (
        ("Oak Learning Trust", "2024/25", 1, 25.0, 25.0, 0, 0, 1),
        ("Oak Learning Trust", "2025/26", 2, 71.9, 71.9, 0, 2, 0),
        ("Oak Learning Trust", "2026/27", 2, 84.4, 84.4, 1, 1, 0),
    )
