"""The workbook's Sources sheet: every document the checklist cites, and who cites it.

Governors are asked to act on guidance they may not have read; this sheet
lets them find it (title, edition, publisher, link) and see which items rest
on it, and marks each citation whose paragraph has not yet been checked
against the source's own text.
"""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from schoolaudit.render.xlsx import (
    Value,
    finish_table,
    header_row,
    paragraph,
    screen_only_after,
    set_widths,
    table_rows,
)
from schoolaudit.scoring import Result

SOURCE_HEADERS = ("Title", "Edition", "Publisher", "Source", "Link", "Cited by")
SOURCE_WIDTHS = (86, 22, 35, 14, 60, 60)
PRINTED = 3  # Title to Publisher: PAGE_WIDTH at 100 %; ids, links and places stay on screen
CHECK_SOURCE_NOTE = (
    "“check source”: the paragraph or section cited has not yet been confirmed against the "
    "source's own text; read it there before relying on it."
)


def build_sources(sheet: Worksheet, result: Result) -> None:
    """Every document the checklist cites, and which items cite it where."""
    set_widths(sheet, SOURCE_WIDTHS)
    header_row(sheet, 1, SOURCE_HEADERS)
    checklist = result.checklist
    cited: dict[str, list[str]] = {key: [] for key in checklist.sources}
    for item in checklist.items:
        for reference in item.references:
            where = ", ".join(
                part
                for part in (reference.where, None if reference.verified else "check source")
                if part
            )
            cited.setdefault(reference.source, []).append(
                f"{item.id} ({where})" if where else item.id
            )
    rows: list[list[Value]] = []
    for key, places in cited.items():
        source = checklist.sources.get(key)
        rows.append(
            [
                source.title if source else key,
                source.edition if source else None,
                source.publisher if source else None,
                key,
                source.url if source else None,
                "; ".join(places) or "not cited by any item",
            ]
        )
    last = table_rows(sheet, 2, rows)
    finish_table(sheet, last, len(SOURCE_HEADERS), freeze="B2")
    screen_only_after(sheet, PRINTED, last)
    paragraph(sheet, last + 2, CHECK_SOURCE_NOTE, PRINTED + 1, len(SOURCE_HEADERS))
