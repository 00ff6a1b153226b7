"""The Summary sheet: how many schools, how many files rejected, the ratings and scores.

Ratings are words on every checklist, so they are counted across all of them,
with a bar chart; scores are summed up per checklist only (median, quartiles,
lowest and highest), since a score on one framework says nothing about another.
"""

from __future__ import annotations

from openpyxl.chart import BarChart, Reference

from schoolaudit.batch import Tally
from schoolaudit.render.trust_workbook.cells import (
    SHARE_FORMAT,
    TITLE,
    Sheet,
    header,
    heading,
    number,
    prepare,
    rating,
    text,
)

RATINGS = ("green", "amber", "red", "none")
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
    prepare(sheet, [44, 10, 10, 10, 10, 10, 10])
    rows: list[list[object]] = [
        heading(sheet, TITLE, 16),
        [text(sheet, "Files read"), tally.files],
        [text(sheet, "Schools scored"), tally.schools],
        [text(sheet, "Files rejected (see Errors)"), len(tally.rejected)],
    ]
    if duplicates:
        rows.append([text(sheet, "of which: schools given twice (same URN)"), duplicates])
    rows += [[], header(sheet, ["Rating", "Schools", "Share"])]
    ratings_header = len(rows)
    counts = tally.rating_counts()
    for word in RATINGS:
        share = counts[word] / tally.schools if tally.schools else None
        rows.append([rating(sheet, None if word == "none" else word), counts[word]])
        rows[-1].append(number(sheet, share, SHARE_FORMAT))
    rows += [[], header(sheet, SPREAD_COLUMNS)]
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
                text(sheet, group.group.label),
                len(group.schools),
                *(number(sheet, f) for f in figures),
            ]
        )
    rows += [
        [],
        [
            text(
                sheet,
                "Each checklist (and each version of one) has its own block on the Schools, "
                "Heatmap and Common gaps sheets: scores on different checklists are not compared.",
            )
        ],
    ]
    for row in rows:
        sheet.append(row)
    _chart(sheet, ratings_header)


def _chart(sheet: Sheet, header_row: int) -> None:
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
    sheet.add_chart(chart, f"I{header_row}")
