"""The trust workbook (`batch --xlsx`): many schools side by side, made with openpyxl.

Sheets: Summary (counts, ratings with a chart, scores per checklist), Schools
(one row per school, worst first), Heatmap (schools × sections, coloured, the
score written in every cell), Common gaps (what most schools fall short on,
with the action), Trend (when some school was audited in more than one
academic year: each trust and school year by year) and Errors (every problem
in every rejected file).

The sheets are streamed in write-only mode straight into the output file, so
24,000 schools need no more memory than 24. The file is written atomically:
an existing workbook is replaced only by a complete new one.
"""

from __future__ import annotations

import os
import tempfile
from typing import IO

from openpyxl import Workbook

from schoolaudit import __version__
from schoolaudit.atomic import open_atomic
from schoolaudit.batch import Tally
from schoolaudit.render.sheetxml import splice
from schoolaudit.render.trend_table import render_trend_table
from schoolaudit.render.trust_workbook.cells import TITLE, style_ids, table_styles
from schoolaudit.render.trust_workbook.child import in_child
from schoolaudit.render.trust_workbook.lists import build_common_gaps, build_errors
from schoolaudit.render.trust_workbook.schools import build_heatmap, build_schools
from schoolaudit.render.trust_workbook.summary import build_summary
from schoolaudit.render.trust_workbook.trend_sheet import build_trend, has_history
from schoolaudit.render.xlsx import share_styles, use_workbook_font

SHEETS = ("Summary", "Schools", "Heatmap", "Common gaps", "Errors")
TREND = "Trend"  # before Errors, when some school has more than one year

__all__ = ["SHEETS", "write_trust_workbook"]


def write_trust_workbook(tally: Tally, path: str | os.PathLike[str]) -> None:
    """Write the trust workbook for `tally` to `path`, all or nothing."""
    workbook = Workbook(write_only=True)
    use_workbook_font(workbook)
    share_styles(workbook)  # styles found by identity: each cell's were hashed whole
    history = tally.history()
    summary, schools, heatmap, gaps = (workbook.create_sheet(t) for t in SHEETS[:4])
    trend = workbook.create_sheet(TREND) if has_history(history) else None
    errors = workbook.create_sheet(SHEETS[4])
    styles = style_ids(summary)
    table = table_styles(summary)
    duplicates = sum(
        1 for r in tally.rejected if any(p.code == "batch/duplicate-urn" for p in r.problems)
    )
    with (
        tempfile.TemporaryFile("w+", encoding="utf-8") as school_rows,
        tempfile.TemporaryFile("w+", encoding="utf-8") as heatmap_rows,
        tempfile.TemporaryFile("w+", encoding="utf-8") as trend_rows,
        tempfile.TemporaryFile("w+", encoding="utf-8") as gap_rows,
        tempfile.TemporaryFile("w+", encoding="utf-8") as error_rows,
        tempfile.TemporaryFile() as skeleton,
    ):
        # the Schools rows (half the work at national scale) in a child, on the idle core
        writing = in_child(lambda: build_schools(schools, tally, school_rows, styles), school_rows)
        try:
            build_schools(schools, tally, None if writing else school_rows, styles)
            build_summary(summary, tally, duplicates)
            build_heatmap(heatmap, tally, heatmap_rows, styles)
            build_common_gaps(gaps, tally, gap_rows, table)
            if trend is not None:
                build_trend(trend, render_trend_table(history), trend_rows, styles)
            build_errors(errors, tally, error_rows, table)
            if writing and not writing.succeeded():  # it failed: write them here after all
                school_rows.seek(0)
                school_rows.truncate()
                scratch = Workbook(write_only=True).create_sheet()  # `schools` is laid out
                build_schools(scratch, tally, school_rows, styles)
        finally:
            if writing is not None:  # an error or Ctrl-C here leaves no child behind
                writing.end()
        properties = workbook.properties
        properties.title = TITLE
        properties.creator = properties.lastModifiedBy = f"schoolaudit {__version__}"
        workbook.save(skeleton)
        skeleton.seek(0)
        parts: dict[str, IO[str]] = {
            schools.path.lstrip("/"): school_rows,
            heatmap.path.lstrip("/"): heatmap_rows,
            gaps.path.lstrip("/"): gap_rows,
            errors.path.lstrip("/"): error_rows,
        }
        if trend is not None:
            parts[trend.path.lstrip("/")] = trend_rows
        with open_atomic(path) as handle:
            splice(skeleton, handle, parts)
