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
from openpyxl.worksheet.worksheet import Worksheet

from schoolaudit.diff import Diff, ItemChange
from schoolaudit.render.words import (
    CHANGE_LABELS,
    apart_text,
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
)
from schoolaudit.scoring import ItemResult, rounded

CHANGE_HEADERS = (
    "Change",
    "Item",
    "Question",
    "Severity",
    "Section",
    "Before",
    "Now",
    "Credit before",
    "Credit now",
    "Note before",
    "Note now",
)
KIND_COLOUR = {"regressed": "red", "improved": "green", "newly_applicable": "amber"}


def render_diff_workbook(diff: Diff) -> bytes:
    """The workbook as .xlsx bytes."""
    workbook = Workbook()
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
        row += 1
    row += 1
    header_row(sheet, row, ("", "Before", "Now", "Change"))
    row += 1
    _label(sheet, row, "Overall score")
    put(sheet, row, 2, rounded(old.score), "0.0")
    put(sheet, row, 3, rounded(new.score), "0.0")
    text_cell(sheet, row, 4, score_change_text(diff.score_change))
    row += 1
    _label(sheet, row, "Rating")
    for column, rating in ((2, old.rating), (3, new.rating)):
        text_cell(sheet, row, column, rating_word(rating))
        fill_colour(sheet, row, column, rating)
    row += 2
    regressions = diff.statutory_regressions
    _label(sheet, row, "Statutory items now worse")
    paragraph(
        sheet,
        row,
        "; ".join(f"{c.item.id} {c.item.text} ({_sides(c)})" for c in regressions) or "None.",
        2,
        5,
    )
    if regressions:
        fill_colour(sheet, row, 2, "red")
    row += 1
    counts = [f"{len(diff.of_kind(kind))} {label}" for kind, label in CHANGE_LABELS.items()]
    _label(sheet, row, "Items")
    paragraph(sheet, row, " · ".join([*counts, f"{diff.unchanged} unchanged"]), 2, 5)
    row += 2
    header_row(sheet, row, ("Section", "Before", "Now", "Change"))
    for section in diff.sections:
        row += 1
        text_cell(sheet, row, 1, section.title)
        put(sheet, row, 2, rounded(section.old_score), "0.0")
        put(sheet, row, 3, rounded(section.new_score), "0.0")
        text_cell(sheet, row, 4, score_change_text(section.change))


def _label(sheet: Worksheet, row: int, text: str) -> None:
    text_cell(sheet, row, 1, text)
    sheet.cell(row=row, column=1).font = font(bold=True)


def _sides(change: ItemChange) -> str:
    return f"{side_text(change.old)} → {side_text(change.new)}"


def _changes(sheet: Worksheet, diff: Diff) -> None:
    set_widths(sheet, (16, 10, 50, 13, 14, 16, 16, 10, 10, 30, 30))
    header_row(sheet, 1, CHANGE_HEADERS)
    rows = [_change_row(change) for change in diff.changes]
    last = table_rows(sheet, 2, rows, formats={8: "0.00", 9: "0.00"}, centred=(8, 9))
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
        item.section_id,
        side_text(change.old),
        side_text(change.new),
        change.old_credit,
        change.new_credit,
        _note(change.old),
        _note(change.new),
    ]


def _note(result: ItemResult | None) -> str | None:
    return result.answer.note if result is not None and result.answer is not None else None
