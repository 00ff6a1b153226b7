"""The Trend sheet's content as plain rows, for whichever workbook holds it.

The trust workbook is streamed (openpyxl's write-only mode, rows appended one
by one), so the sheet is given here as rows of plain values, with no styling:
the workbook's own cell helpers style them as they append. Two tables: the
trust's year by year (schools audited, mean score, how many green, amber and
red), then one row per school with its score in each academic year, the
change since its first audit and the direction since its last. Ratings are
always written as words.
"""

from __future__ import annotations

from dataclasses import dataclass

from schoolaudit.render.words import rating_word
from schoolaudit.scoring import rounded
from schoolaudit.trend import Point, SchoolTrend, Trend

Value = str | float | int | None

TRUST_HEADERS = ("Trust", "Year", "Schools audited", "Mean score", "Green", "Amber", "Red")
DIRECTION_WORDS = {"up": "up", "down": "down", "same": "no change", None: "first audit"}


@dataclass(frozen=True, slots=True)
class TrendTable:
    """Headers and rows for the two tables of a Trend sheet."""

    trust_headers: tuple[str, ...]
    trust_rows: tuple[tuple[Value, ...], ...]
    school_headers: tuple[str, ...]
    school_rows: tuple[tuple[Value, ...], ...]
    years: tuple[str, ...]  # the academic years, oldest first: one school column each


def render_trend_table(trend: Trend) -> TrendTable:
    """Both tables; a school's cell for a year holds its latest audit's score that year."""
    years = tuple(sorted({p.year for school in trend.schools for p in school.points}))
    return TrendTable(
        trust_headers=TRUST_HEADERS,
        trust_rows=tuple(
            (
                year.trust,
                year.year,
                year.schools,
                rounded(year.mean_score),
                *(count for _, count in year.ratings),
            )
            for year in trend.trusts
        ),
        school_headers=(
            "School",
            "URN",
            "Trust",
            *years,
            "Latest rating",
            "Change since first",
            "Since last audit",
        ),
        school_rows=tuple(_school_row(school, years) for school in trend.schools),
        years=years,
    )


def _school_row(school: SchoolTrend, years: tuple[str, ...]) -> tuple[Value, ...]:
    latest_in: dict[str, Point] = {}
    for point in school.points:  # oldest first: the last one in a year stays
        latest_in[point.year] = point
    last = school.points[-1]
    return (
        school.name,
        school.key if school.key != school.name else None,
        school.trust,
        *(rounded(latest_in[year].score) if year in latest_in else None for year in years),
        rating_word(last.rating),
        rounded(school.change),
        DIRECTION_WORDS[school.direction],
    )
