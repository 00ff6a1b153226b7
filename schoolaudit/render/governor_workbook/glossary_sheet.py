"""The workbook's Glossary sheet: the checklist's terms in plain words, on screen.

Terms the report's gaps use come first, each with the gaps that use it, so a
governor reading the Action plan finds the words it leaves unexplained at the
top; the rest of the checklist's terms follow. The sheet does not print: the
governors' pack prints the terms its own pages use in its appendix, and a
printed glossary here would cost a page the Action plan needs (see
`schoolaudit.render.xlsx.screen_only`). (Named `glossary_sheet` so that it is
not mistaken for `schoolaudit.glossary`, which finds the terms.)
"""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from schoolaudit.glossary import item_terms
from schoolaudit.render.xlsx import Value, finish_table, header_row, set_widths, table_rows
from schoolaudit.scoring import Result

GLOSSARY_HEADERS = ("Term", "In plain words", "Gaps that use it")
GLOSSARY_WIDTHS = (30, 80, 33)
NO_GLOSSARY_TEXT = "This checklist has no glossary."


def build_glossary(sheet: Worksheet, result: Result) -> None:
    """Every glossary term with its meaning; those the gaps use first, with their ids."""
    set_widths(sheet, GLOSSARY_WIDTHS)
    header_row(sheet, 1, GLOSSARY_HEADERS)
    used = gap_terms(result)
    rows: list[list[Value]] = [
        [term, meaning, ", ".join(used[term])] for term, meaning in result.checklist.glossary
    ]
    rows.sort(key=lambda row: not row[2])  # stable: glossary order within each part
    for row in rows:
        row[2] = row[2] or None
    last = table_rows(sheet, 2, rows or [[NO_GLOSSARY_TEXT]])
    finish_table(sheet, last, len(GLOSSARY_HEADERS), freeze="B2")


def gap_terms(result: Result) -> dict[str, list[str]]:
    """Each glossary term → the ids of the gaps whose question or action uses it."""
    used: dict[str, list[str]] = {term: [] for term, _ in result.checklist.glossary}
    for gap in result.gaps:
        for term, _ in item_terms(result.checklist, gap.item):
            used[term].append(gap.item.id)
    return used
