"""The Trend sheet's content as plain rows, for whichever workbook holds it.

The trust workbook is streamed (openpyxl's write-only mode, rows appended one
by one), so the sheet is given here as rows of plain values, with no styling:
the workbook's own cell helpers style them as they append. Two tables: the
trust's year by year (schools audited, mean and median score, how many green,
amber and red), then one row per school with its score and rating in each
academic year, the change since its first audit and the direction since its
last. Ratings are always written as words.
"""

from __future__ import annotations

from dataclasses import dataclass

from schoolaudit.render.words import rating_word
from schoolaudit.scoring import rounded
from schoolaudit.trend import Point, SchoolTrend, Trend

Value = str | float | int | None

TRUST_HEADERS = (
    "Trust",
    "Year",
    "Schools audited",
    "Mean score",
    "Median score",
    "Green",
    "Amber",
    "Red",
)
SCHOOL_LEAD = ("School", "URN", "Trust")
DIRECTION_WORDS = {"up": "up", "down": "down", "same": "no change", None: "first audit"}


@dataclass(frozen=True, slots=True)
class TrendTable:
    """Headers and rows for the two tables of a Trend sheet."""

    trust_headers: tuple[str, ...]
    trust_rows: tuple[tuple[Value, ...], ...]
    school_headers: tuple[str, ...]
    school_rows: tuple[tuple[Value, ...], ...]
    years: tuple[str, ...]  # the academic years, oldest first: two school columns each

    @property
    def rating_columns(self) -> range:
        """Where the school rows hold a rating word (0-based): the second column of each year."""
        return range(len(SCHOOL_LEAD) + 1, len(SCHOOL_LEAD) + 2 * len(self.years), 2)


def render_trend_table(trend: Trend) -> TrendTable:
    """Both tables; a school's two cells a year: the score and rating of its latest audit then."""
    years = tuple(sorted({p.year for school in trend.schools for p in school.points}))
    return TrendTable(
        trust_headers=TRUST_HEADERS,
        trust_rows=tuple(
            (
                year.trust,
                year.year,
                year.schools,
                rounded(year.mean_score),
                rounded(year.median_score),
                *(count for _, count in year.ratings),
            )
            for year in trend.trusts
        ),
        school_headers=(
            *SCHOOL_LEAD,
            *(f"{year} {part}" for year in years for part in ("score", "rating")),
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
    cells: list[Value] = []
    for year in years:
        audit = latest_in.get(year)
        if audit is None:
            cells += [None, None]
        else:
            cells += [rounded(audit.score), rating_word(audit.rating)]
    return (
        school.name,
        school.key if school.key != school.name else None,
        school.trust,
        *cells,
        rounded(school.change),
        DIRECTION_WORDS[school.direction],
    )
