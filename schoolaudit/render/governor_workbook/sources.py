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
    set_widths,
    table_rows,
)
from schoolaudit.scoring import Result

SOURCE_HEADERS = ("Source", "Title", "Edition", "Publisher", "Link", "Cited by")
SOURCE_WIDTHS = (16, 44, 12, 18, 40, 60)
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
                key,
                source.title if source else key,
                source.edition if source else None,
                source.publisher if source else None,
                source.url if source else None,
                "; ".join(places) or "not cited by any item",
            ]
        )
    last = table_rows(sheet, 2, rows)
    finish_table(sheet, last, len(SOURCE_HEADERS), freeze="B2")
    paragraph(sheet, last + 2, CHECK_SOURCE_NOTE, 1, 3)
