"""The governor's workbook (`report --xlsx`), made with openpyxl.

Governors never run the tool: they open this file in Excel or LibreOffice,
print it, and fill in who does what by when. So every sheet is built to be
read on paper as well as on screen (landscape, one page wide, header row
repeated, the school and page numbers in the footer), colour is never the only
signal (ratings are always written as words), and every piece of text that
came from an answers or checklist file is stored as text, never as a formula.

The functions here take a scoring `Result` and return bytes; nothing here
knows about the command line, so `batch --reports-dir` can call it per school.
This module puts the sheets together; each sheet is built by its own module
(`summary`, `action_plan`, `answers_sheet`, `how_scored`, `sources`,
`glossary_sheet`), and what
they share is in `common`.
"""

from __future__ import annotations

import io
import os

from openpyxl import Workbook

from schoolaudit import __version__
from schoolaudit.atomic import write_bytes_atomic
from schoolaudit.render.governor_workbook.action_plan import EXTRA_PLAN_ROWS, build_action_plan
from schoolaudit.render.governor_workbook.answers_sheet import build_answers
from schoolaudit.render.governor_workbook.glossary_sheet import build_glossary
from schoolaudit.render.governor_workbook.how_scored import build_how_scored
from schoolaudit.render.governor_workbook.sources import build_sources
from schoolaudit.render.governor_workbook.summary import build_summary
from schoolaudit.render.sheetxml import splice, take_rows
from schoolaudit.render.words import rating_word
from schoolaudit.render.xlsx import (
    clean_text,
    fit_rows,
    print_setup,
    screen_only,
    share_styles,
    use_workbook_font,
)
from schoolaudit.scoring import Result, rounded

__all__ = [
    "EXTRA_PLAN_ROWS",
    "SHEETS",
    "build_workbook",
    "render_governor_workbook",
    "write_governor_workbook",
]

SHEETS = ("Summary", "Action plan", "Answers", "How scored", "Sources", "Glossary")
SCREEN_ONLY = ("Answers", "Sources", "Glossary")
"""Sheets kept off paper (the Summary says so and why): see `SCREEN_ONLY_TEXT`."""


def write_governor_workbook(result: Result, path: str | os.PathLike[str]) -> None:
    """Write the workbook to `path`; an existing file is replaced only once it is complete."""
    write_bytes_atomic(path, render_governor_workbook(result))


def render_governor_workbook(result: Result) -> bytes:
    """The whole workbook as .xlsx bytes.

    openpyxl writes everything but the cells; the cells are written as the
    same SpreadsheetML text, much faster (`sheetxml.take_rows`): `batch
    --reports-dir` makes one of these for every school.
    """
    workbook = build_workbook(result)  # looked up here, so a test can replace it
    taken = [(sheet, take_rows(sheet)) for sheet in workbook.worksheets]
    skeleton, buffer = io.BytesIO(), io.BytesIO()
    workbook.save(skeleton)
    skeleton.seek(0)
    parts = {sheet.path.lstrip("/"): rows for sheet, rows in taken}  # a sheet's part: named in save
    splice(skeleton, buffer, parts)
    return buffer.getvalue()


def build_workbook(result: Result) -> Workbook:
    """The workbook object: Summary, Action plan, Answers, How scored, Sources and Glossary.

    On paper: Summary, Action plan and How scored. Answers, Sources and Glossary
    are screen-only: the Action plan already prints every gap with its answer, and
    the governors' pack prints the sources and the terms its pages use.
    """
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])  # the unnamed sheet every new workbook has
    use_workbook_font(workbook)
    share_styles(workbook)
    sheets = [workbook.create_sheet(title) for title in SHEETS]
    build_summary(sheets[0], result)
    build_action_plan(sheets[1], result)
    build_answers(sheets[2], result)
    build_how_scored(sheets[3], result)
    build_sources(sheets[4], result)
    build_glossary(sheets[5], result)
    for sheet in sheets:
        fit_rows(sheet)  # rows fit the printed columns, so this comes before the next line
        print_setup(sheet, result.answers.school_name)
        if sheet.title in SCREEN_ONLY:
            screen_only(sheet)
    _properties(workbook, result)
    return workbook


def _properties(workbook: Workbook, result: Result) -> None:
    """Title, subject and creator; nothing about the person or machine that ran it."""
    properties = workbook.properties
    properties.title = clean_text(f"Online safety audit: {result.answers.school_name}")
    properties.subject = clean_text(f"{result.checklist.title}, version {result.checklist.version}")
    properties.creator = f"schoolaudit {__version__}"
    properties.lastModifiedBy = f"schoolaudit {__version__}"
    properties.description = (
        f"Audit date {result.answers.date.isoformat()}; overall score "
        f"{rounded(result.score) if result.score is not None else 'none'}, rating "
        f"{rating_word(result.rating)}."
    )
