"""`schoolaudit diff --xlsx`: the comparison as a workbook for governors.

Two sheets. **Summary**: the school, the two audit dates and how far apart
they are, the overall score and rating before and now, the statutory items
that got worse (by name), and the section scores side by side. **Changes**:
one row per item that changed, biggest movement first, with the answers,
notes and credits on both sides, filterable by kind of change. Text from the
answers files is stored as text, never a formula (`render.xlsx`).
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from schoolaudit.diff import Diff, ItemChange
from schoolaudit.render.words import (
    CHANGE_LABELS,
    apart_text,
    diff_counts_text,
    diff_provisional_text,
    rating_word,
    score_change_text,
    side_text,
)
from schoolaudit.render.xlsx import (
    Value,
    fill_colour,
    finish_table,
    fit_rows,
    font,
    header_row,
    paragraph,
    print_setup,
    put,
    set_widths,
    sheet_title,
    table_rows,
    text_cell,
    use_workbook_font,
)
from schoolaudit.scoring import ItemResult, rounded

CHANGE_HEADERS = (
    "Change",
    "Item",
    "Question",
    "Severity",
    "Before",
    "Now",
    "Note before",
    "Note now",
)
WIDTHS = (19, 8, 44, 11, 14, 14, 22, 22)  # about one A4 landscape page wide at full size
LEFT, RIGHT = Alignment(horizontal="left"), Alignment(horizontal="right")
KIND_COLOUR = {"regressed": "red", "improved": "green", "newly_applicable": "amber"}


def render_diff_workbook(diff: Diff) -> bytes:
    """The workbook as .xlsx bytes."""
    workbook = Workbook()
    use_workbook_font(workbook)
    summary = workbook.worksheets[0]
    summary.title = "Summary"
    changes = workbook.create_sheet("Changes")
    _summary(summary, diff)
    _changes(changes, diff)
    for sheet in (summary, changes):
        fit_rows(sheet)
        print_setup(sheet, diff.new.answers.school_name)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _summary(sheet: Worksheet, diff: Diff) -> None:
    set_widths(sheet, (30, 16, 16, 12, 30))
    old, new = diff.old, diff.new
    sheet_title(sheet, f"What changed: {new.answers.school_name}")
    facts: list[tuple[str, Value]] = [
        ("URN", new.answers.school.get("urn") or "not given"),
        ("Earlier audit", old.answers.date),
        ("Later audit", new.answers.date),
        ("Apart", apart_text(diff.days_apart)),
        ("Checklist", f"{new.checklist.title} ({new.checklist.id})"),
        (
            "Versions",
            f"{old.checklist.version} → {new.checklist.version}"
            if not diff.same_version
            else f"{new.checklist.version} (both)",
        ),
    ]
    row = 3
    for label, value in facts:
        _label(sheet, row, label)
        put(sheet, row, 2, value)
        sheet.cell(row=row, column=2).alignment = LEFT
        row += 1
    row += 1
    header_row(sheet, row, ("", "Before", "Now", "Change"))
    row += 1
    _label(sheet, row, "Overall score")
    put(sheet, row, 2, rounded(old.score), "0.0")
    put(sheet, row, 3, rounded(new.score), "0.0")
    _change_cell(sheet, row, diff.score_change)
    row += 1
    _label(sheet, row, "Rating")
    for column, rating in ((2, old.rating), (3, new.rating)):
        text_cell(sheet, row, column, rating_word(rating))
        fill_colour(sheet, row, column, rating)
    row += 2
    for label, changes, colour in (
        ("Statutory items now worse", diff.statutory_regressions, "red"),
        ("New statutory items not met", diff.new_statutory_gaps, "amber"),
    ):
        if changes or colour == "red":  # "None." says no statutory item got worse
            _label(sheet, row, label)
            paragraph(sheet, row, _named(changes) or "None.", 2, 5)
            fill_colour(sheet, row, 2, colour if changes else None)
            row += 1
    _label(sheet, row, "Items")
    paragraph(sheet, row, diff_counts_text(diff), 2, 5)
    if provisional := diff_provisional_text(diff):
        row += 1
        _label(sheet, row, "Not finished")
        paragraph(sheet, row, provisional, 2, 5)
        fill_colour(sheet, row, 2, "amber")
    row += 2
    header_row(sheet, row, ("Section", "Before", "Now", "Change"))
    for section in diff.sections:
        row += 1
        text_cell(sheet, row, 1, section.title)
        put(sheet, row, 2, rounded(section.old_score), "0.0")
        put(sheet, row, 3, rounded(section.new_score), "0.0")
        _change_cell(sheet, row, section.change)


def _change_cell(sheet: Worksheet, row: int, change: float | None) -> None:
    """`+25.0` / `−37.5` in column D, right-aligned under the scores it compares."""
    text_cell(sheet, row, 4, score_change_text(change))
    sheet.cell(row=row, column=4).alignment = RIGHT


def _label(sheet: Worksheet, row: int, text: str) -> None:
    text_cell(sheet, row, 1, text)
    sheet.cell(row=row, column=1).font = font(bold=True)


def _named(changes: tuple[ItemChange, ...]) -> str:
    """`flt-01 Does the filter …? (yes → partial); …`."""
    return "; ".join(f"{c.item.id} {c.item.text} ({_sides(c)})" for c in changes)


def _sides(change: ItemChange) -> str:
    return f"{side_text(change.old)} → {side_text(change.new)}"


def _changes(sheet: Worksheet, diff: Diff) -> None:
    set_widths(sheet, WIDTHS)
    header_row(sheet, 1, CHANGE_HEADERS)
    rows = [_change_row(change) for change in diff.changes]
    last = table_rows(sheet, 2, rows)
    for offset, change in enumerate(diff.changes):
        colour = KIND_COLOUR.get(change.kind)
        if colour:
            fill_colour(sheet, 2 + offset, 1, colour)
    finish_table(sheet, last, len(CHANGE_HEADERS), freeze="C2")


def _change_row(change: ItemChange) -> list[Value]:
    item = change.item
    question = item.text
    if change.old_id and change.old_id != item.id:
        question += f" (was {change.old_id})"
    return [
        CHANGE_LABELS[change.kind],
        item.id,
        question,
        item.severity,
        side_text(change.old),
        side_text(change.new),
        _note(change.old),
        _note(change.new),
    ]


def _note(result: ItemResult | None) -> str | None:
    return result.answer.note if result is not None and result.answer is not None else None
