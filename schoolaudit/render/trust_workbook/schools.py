"""The Schools and Heatmap sheets: every school side by side, worst first.

Scores on different checklists (or versions of one) are never put in one
column: each checklist gets its own block, titled, with its own header row of
section names. A trust with one checklist gets one plain table with filters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import IO

from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.utils import get_column_letter

from schoolaudit.batch import GroupTally, Tally
from schoolaudit.render.sheetxml import Styled, XmlRows
from schoolaudit.render.trust_workbook.cells import (
    FOOTER,
    Sheet,
    prepare,
    table_ref,
    turned_height,
)

SCHOOL_COLUMNS = ("School", "URN", "Phase", "Audit date", "Overall", "Rating")
HEATMAP_COLUMNS = ("School", "URN", "Overall")
# Excel's red–yellow–green scale, pale enough for the figure in the cell to read.
SCALE = ColorScaleRule(  # type: ignore[no-untyped-call]
    start_type="num",
    start_value=0,
    start_color="F8696B",
    mid_type="num",
    mid_value=50,
    mid_color="FFEB84",
    end_type="num",
    end_value=100,
    end_color="63BE7B",
)
NO_SCHOOLS = "No school could be scored: every file was rejected (see the Errors sheet)."


def block_title(tally: GroupTally) -> str:
    count = len(tally.schools)
    return f"{tally.group.label}: {count} school{'' if count == 1 else 's'}"


def first_header_row(tally: Tally) -> int:
    """Where the first header row lands: under a block title when there are several blocks."""
    return 2 if len(tally.groups) > 1 else 1


SCHOOL_WIDTHS = [26, 7, 10, 10, 7, 8]
SECTION_WIDTH = 6  # section names are turned in the header: 11 sections print at 9 pt
FILE_WIDTH = 40


def build_schools(sheet: Sheet, tally: Tally, out: IO[str] | None, styles: dict[str, int]) -> None:
    """One row per school: name, URN, phase, date, overall, rating, sections, statutory gaps.

    The file each school came from is the last column, for the screen: the
    print area stops before it, so the table prints one page wide at ≥ 9 pt.
    The rows go to `out` as XML (`sheetxml`; with no `out`, another process
    writes them); the sheet keeps everything else.
    """
    groups = tally.ordered_groups()
    widest = max((len(t.group.sections) for t in groups), default=0)
    widths = [*SCHOOL_WIDTHS, *[SECTION_WIDTH] * widest, 7, FILE_WIDTH]
    titled = len(groups) > 1
    total_rows = sum(len(g.schools) + 2 + titled for g in groups) or 1
    last_printed = get_column_letter(len(widths) - 1)  # all but the file: set before print set-up
    sheet.print_area = f"A1:{last_printed}{total_rows}"
    prepare(sheet, widths, FOOTER)
    _freeze(sheet, tally)
    rows = XmlRows(out, styles, len(widths))
    for group in groups:
        if len(groups) > 1:
            rows.append([Styled(block_title(group), "heading")])
        titles = [*SCHOOL_COLUMNS, *(t for _, t in group.group.sections), "Statutory gaps"]
        padding = [""] * (widest - len(group.group.sections))
        first = _header(rows, [*titles, *padding, "File"], widths, len(SCHOOL_COLUMNS), len(titles))
        gap = [None] * len(padding)
        for school in group.worst_first():
            rows.append(
                [
                    school.name,
                    school.urn,
                    school.phase,
                    dt.date.fromisoformat(school.date),
                    school.score,
                    _rating(school.rating),
                    *school.sections,
                    school.statutory_gaps,
                    *gap,
                    school.path,
                ]
            )
        if first == first_header_row(tally):
            sheet.auto_filter.ref = table_ref(first, rows.count, len(widths))
        rows.blank()
    if not groups:
        rows.append([Styled(NO_SCHOOLS, "heading")])


def build_heatmap(sheet: Sheet, tally: Tally, out: IO[str], styles: dict[str, int]) -> None:
    """Schools × sections, each score in its cell and coloured red to green."""
    groups = tally.ordered_groups()
    widest = max((len(t.group.sections) for t in groups), default=0)
    widths = [26, 7, 7, *[SECTION_WIDTH] * widest]
    prepare(sheet, widths, FOOTER)
    _freeze(sheet, tally)
    rows = XmlRows(out, styles, len(widths))
    for group in groups:
        if len(groups) > 1:
            rows.append([Styled(block_title(group), "heading")])
        sections = [title for _, title in group.group.sections]
        titles = [*HEATMAP_COLUMNS, *sections]
        _header(rows, titles, widths, len(HEATMAP_COLUMNS), len(titles))
        first = rows.count + 1
        for school in group.worst_first():
            rows.append([school.name, school.urn, school.score, *school.sections])
        if rows.count >= first:
            last_column = get_column_letter(len(titles))
            sheet.conditional_formatting.add(f"C{first}:{last_column}{rows.count}", SCALE)
        rows.blank()
    if not groups:
        rows.append([Styled(NO_SCHOOLS, "heading")])


def _header(
    rows: XmlRows, titles: list[str], widths: Sequence[float], first_turned: int, end_turned: int
) -> int:
    """A header row whose section titles (`first_turned` to `end_turned`) read bottom to top."""
    turned = range(first_turned, end_turned)
    cells = [Styled(title, "turned" if n in turned else "header") for n, title in enumerate(titles)]
    return rows.append(cells, height=turned_height(titles, widths, turned))


def _rating(word: str | None) -> Styled | str:
    """The rating as a word in its colour: colour is never the only signal."""
    return Styled(word.upper(), word) if word else "UNRATED"


def _freeze(sheet: Sheet, tally: Tally) -> None:
    """The first header row (and the school's name) stay in view, and print on every page."""
    header_row = first_header_row(tally)
    sheet.freeze_panes = f"B{header_row + 1}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
