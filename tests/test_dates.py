"""UK dates: day first wherever a person types one; ISO still works; impossible dates refused."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from schoolaudit.dates import DateError, from_excel_serial, parse_typed_date


@pytest.mark.parametrize(
    "typed",
    [
        "05/09/2026",
        "5/9/2026",
        " 05/09/2026 ",
        "05.09.2026",
        "05-09-2026",
        "2026-09-05",
        "5 September 2026",
        "5 Sep 2026",
        "5th Sept 2026",
    ],
)
def test_day_first_and_iso_mean_5_september(typed: str) -> None:
    assert parse_typed_date(typed) == dt.date(2026, 9, 5)


@pytest.mark.parametrize(
    "typed", ["31/02/2026", "13/13/2026", "2026-02-30", "next week", "05/09/26", ""]
)
def test_anything_else_is_refused_with_the_form_to_use(typed: str) -> None:
    with pytest.raises(DateError, match=r"write it as DD/MM/YYYY, e\.g\. 05/09/2026"):
        parse_typed_date(typed)


@given(st.dates(min_value=dt.date(1000, 1, 1)))
def test_every_date_written_day_first_reads_back(day: dt.date) -> None:
    assert parse_typed_date(day.strftime("%d/%m/%Y")) == day
    assert parse_typed_date(day.isoformat()) == day


def test_excel_serial_numbers_are_dates_only_in_this_century() -> None:
    assert from_excel_serial(46270) == dt.date(2026, 9, 5)
    assert from_excel_serial(46270.0) == dt.date(2026, 9, 5)
    assert from_excel_serial(46270.5) is None
    assert from_excel_serial(85) is None
    assert from_excel_serial(True) is None
