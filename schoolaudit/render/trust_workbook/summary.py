"""The Summary sheet: how many schools, how many files rejected, the ratings and scores.

Ratings are words on every checklist, so they are counted across all of them,
with a bar chart; scores are summed up per checklist only (median, quartiles,
lowest and highest), since a score on one framework says nothing about another.
"""

from __future__ import annotations

from openpyxl.chart import BarChart, Reference

from schoolaudit.batch import Tally
from schoolaudit.render.trust_workbook.cells import (
    FOOTER,
    SHARE_FORMAT,
    TITLE,
    Rows,
    Sheet,
    number,
    rating,
    text,
)

RATINGS = ("green", "amber", "red", "none")
SEPARATE_CHECKLISTS = (
    "Scores are summed up per checklist: each checklist (and each version of one) has "
    "its own block on the Schools, Heatmap and Common gaps sheets, and scores on different "
    "checklists are never put in one column."
)
SPREAD_COLUMNS = (
    "Checklist",
    "Schools",
    "Median",
    "Lower quartile",
    "Upper quartile",
    "Lowest",
    "Highest",
)


def build_summary(sheet: Sheet, tally: Tally, duplicates: int) -> None:
    rows = Rows(sheet, [40, 9, 9, 9, 9, 9, 9], footer=FOOTER)
    rows.heading(TITLE, 16)
    counts_rows = [
        ("Files read", tally.files),
        ("Schools scored", tally.schools),
        ("Files rejected (see Errors)", len(tally.rejected)),
    ]
    if duplicates:
        counts_rows.append(("of which: schools given twice (same URN and year)", duplicates))
    if tally.earlier_audits:
        counts_rows.append(
            ("Earlier years' audits, used for trends (see Trend)", tally.earlier_audits)
        )
    for label, count in counts_rows:
        rows.append([text(sheet, label), count])
    rows.blank()
    ratings_header = rows.header(["Rating", "Schools", "Share"])
    counts = tally.rating_counts()
    for word in RATINGS:
        share = counts[word] / tally.schools if tally.schools else None
        rows.append(
            [
                rating(sheet, None if word == "none" else word),
                counts[word],
                number(sheet, share, SHARE_FORMAT),
            ]
        )
    rows.blank()
    rows.header(SPREAD_COLUMNS)
    for group in tally.ordered_groups():
        spread = group.spread()
        figures = (
            []
            if spread is None
            else [
                spread.median,
                spread.lower_quartile,
                spread.upper_quartile,
                spread.lowest,
                spread.highest,
            ]
        )
        rows.append(
            [
                text(sheet, group.group.label, wrap=True),
                len(group.schools),
                *(number(sheet, f) for f in figures),
            ]
        )
    rows.blank()
    rows.append([text(sheet, SEPARATE_CHECKLISTS, wrap=True)])
    _chart(sheet, ratings_header, f"A{rows.count + 2}")


def _chart(sheet: Sheet, header_row: int, anchor: str) -> None:
    """A native bar chart of how many schools have each rating."""
    chart = BarChart()
    chart.type = "col"
    chart.title = "Schools by rating"
    chart.y_axis.title = "Schools"
    chart.legend = None
    chart.height, chart.width = 7.5, 12
    data = Reference(sheet, min_col=2, min_row=header_row, max_row=header_row + len(RATINGS))
    categories = Reference(
        sheet, min_col=1, min_row=header_row + 1, max_row=header_row + len(RATINGS)
    )
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(categories)
    chart.y_axis.delete = False
    chart.x_axis.delete = False
    sheet.add_chart(chart, anchor)  # below the tables: the page stays one wide
