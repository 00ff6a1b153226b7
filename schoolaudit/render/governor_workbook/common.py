"""What more than one sheet of the governor's workbook shares, so the sheets agree.

The Summary and the Action plan colour a priority the same way; the Answers
and How scored sheets show a credit to the same places; the Summary and How
scored sheets head their parts alike and explain a capped rating in the same
lines. Helpers for any workbook (cells, tables, printing) live in
`schoolaudit.render.xlsx`; words for every renderer in `schoolaudit.render.words`.
"""

from __future__ import annotations

from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from schoolaudit.render.words import answer_text, cap_text
from schoolaudit.render.xlsx import WRAP, Value, font, put, text_cell
from schoolaudit.scoring import Result


def number(value: float | None) -> float | None:
    """Credits to four places: 1/3 shows as 0.3333, not sixteen digits."""
    return None if value is None else round(value, 4)


def subheading(sheet: Worksheet, row: int, text: str) -> None:
    """A part's heading in column A, larger and bold."""
    text_cell(sheet, row, 1, text)
    sheet.cell(row=row, column=1).font = font(bold=True, size=13)


def cap_lines(result: Result) -> list[str]:
    """Why the rating is held at amber, then each statutory item that holds it there."""
    cap = cap_text(result)
    if not cap:
        return []
    return [
        cap,
        *(f"{r.item.id}: {r.item.text} Answer: {answer_text(r)}." for r in result.capped_by),
    ]


def label_row(sheet: Worksheet, row: int, label: str, value: Value, fmt: str = "") -> None:
    """A bold label in column A and its value beside it, left-aligned."""
    text_cell(sheet, row, 1, label)
    sheet.cell(row=row, column=1).font = font(bold=True)
    sheet.cell(row=row, column=1).alignment = WRAP
    put(sheet, row, 2, value, fmt)
    sheet.cell(row=row, column=2).alignment = Alignment(horizontal="left", vertical="top")
