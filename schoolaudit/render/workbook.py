"""The governor's workbook (`report --xlsx`), made with openpyxl.

Governors never run the tool: they open this file in Excel or LibreOffice,
print it, and fill in who does what by when. So every sheet is built to be
read on paper as well as on screen (landscape, one page wide, header row
repeated, the school and page numbers in the footer), colour is never the only
signal (ratings are always written as words), and every piece of text that
came from an answers or checklist file is stored as text, never as a formula.

The functions here take a scoring `Result` and return bytes; nothing here
knows about the command line, so `batch --reports-dir` can call it per school.
"""

from __future__ import annotations

import io
import math
import os
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.marker import DataPoint
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.formatting.rule import Rule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from schoolaudit import __version__
from schoolaudit.atomic import write_bytes_atomic
from schoolaudit.render.words import (
    NO_GAPS_TEXT,
    OPTIONAL_SCHOOL_FIELDS,
    RATING_MEANING,
    SECTION_NOT_SCORED_TEXT,
    answer_text,
    arithmetic_text,
    cap_text,
    left_out_texts,
    overall_arithmetic_text,
    plan_rows,
    provisional_text,
    rating_rule_text,
    rating_word,
    references_text,
    score_text,
    section_cap_text,
)
from schoolaudit.render.words import (
    PLAN_HEADERS as AUDIT_COLUMNS,
)
from schoolaudit.render.xlsx import (
    COLOURS,
    DATE_FORMAT,
    WRAP,
    Value,
    clean_text,
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
    shorten,
    table_rows,
    text_cell,
)
from schoolaudit.scoring import Result, SectionResult, rounded

SHEETS = ("Summary", "Action plan", "Answers", "How scored", "Sources")
TOP_GAPS = 10
EXTRA_PLAN_ROWS = 20  # empty, formatted rows under the gaps for actions governors add
STATUSES = ("Not started", "In progress", "Done")
CM_PER_ROW = 0.53  # a 15-point row, for keeping rows free under the chart
CHART_CM_BASE, CHART_CM_PER_SECTION = 3.0, 0.9
PRIORITY_COLOUR = {"high": "red", "medium": "amber", "low": "blue"}
STATUS_COLOUR = {"Done": "green", "In progress": "amber"}
SCORE_FORMAT = "0.0"

SCORING_RULES = (
    "Each item earns a credit between 0 and 1: yes 1, partial 0.5, no 0; a maturity level "
    "1–5 earns (level − 1) / 4; a choice earns its option's score; a date earns 1 if it is "
    "recent enough; a number earns 0 below its minimum and 1 at its target. Unsure and "
    "unanswered earn 0. Items that do not apply, items answered not applicable (na) and "
    "text items are left out. A section's score is 100 × Σ(weight × credit) / Σ(weight) "
    "over the items it counts; the overall score is the weighted mean of the section scores."
)


def write_workbook(result: Result, path: str | os.PathLike[str]) -> None:
    """Write the workbook to `path`; an existing file is replaced only once it is complete."""
    write_bytes_atomic(path, workbook_bytes(result))


def workbook_bytes(result: Result) -> bytes:
    """The whole workbook as .xlsx bytes."""
    buffer = io.BytesIO()
    build_workbook(result).save(buffer)
    return buffer.getvalue()


def build_workbook(result: Result) -> Workbook:
    """The workbook object: Summary, Action plan, Answers, How scored and Sources."""
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])  # the unnamed sheet every new workbook has
    sheets = [workbook.create_sheet(title) for title in SHEETS]
    _summary(sheets[0], result)
    _action_plan(sheets[1], result)
    _answers(sheets[2], result)
    _how_scored(sheets[3], result)
    _sources(sheets[4], result)
    for sheet in sheets:
        fit_rows(sheet)
        print_setup(sheet, result.answers.school_name)
    _properties(workbook, result)
    return workbook


def _score(value: float | None) -> float | str:
    """A score as shown (one decimal), or a dash where there is none."""
    shown = rounded(value)
    return "–" if shown is None else shown


def _number(value: float | None) -> float | None:
    """Credits to four places: 1/3 shows as 0.3333, not sixteen digits."""
    return None if value is None else round(value, 4)


# --- Summary ---------------------------------------------------------------------------------


def _summary(sheet: Worksheet, result: Result) -> None:
    """The page a governor reads first: who, when, the score, sections, top gaps."""
    set_widths(sheet, (26, 12, 14, 12, 72))
    sheet_title(sheet, f"Online safety audit: {result.answers.school_name}")
    text_cell(
        sheet,
        2,
        1,
        f"{result.checklist.title}, version {result.checklist.version} · report by "
        f"schoolaudit {__version__}",
    )
    sheet.cell(row=2, column=1).font = font(italic=True, color="595959")
    row = _profile(sheet, result, 4)
    row = _headline(sheet, result, row)
    row = _counts(sheet, result, row + 1)
    sheet.row_breaks.append(Break(id=row))  # on paper: sections and chart on their own page
    row = _section_scores(sheet, result, row + 1)
    sheet.row_breaks.append(Break(id=row))
    row = _top_gaps(sheet, result, row + 1)
    row = _rating_rule(sheet, result, row + 1)
    _profile_answers(sheet, result, row + 1)


def _label(sheet: Worksheet, row: int, label: str, value: Value, fmt: str = "") -> None:
    text_cell(sheet, row, 1, label)
    sheet.cell(row=row, column=1).font = font(bold=True)
    sheet.cell(row=row, column=1).alignment = WRAP
    put(sheet, row, 2, value, fmt)
    sheet.cell(row=row, column=2).alignment = Alignment(horizontal="left", vertical="top")


def _profile(sheet: Worksheet, result: Result, row: int) -> int:
    """School, URN, phase, date, who completed it, checklist."""
    answers = result.answers
    school = answers.school
    checklist = result.checklist
    pairs: list[tuple[str, Value]] = [
        ("School", school.get("name", "")),
        ("URN", school.get("urn") or "not given"),
        ("Phase", school.get("phase") or "not given"),
    ]
    pairs += [(label, school[key]) for key, label in OPTIONAL_SCHOOL_FIELDS if school.get(key)]
    pairs += [
        ("Audit date", answers.date),
        ("Completed by", answers.completed_by or "not recorded"),
        ("Checklist", f"{checklist.title} ({checklist.id}, version {checklist.version})"),
    ]
    for offset, (label, value) in enumerate(pairs):
        _label(sheet, row + offset, label, value)
    return row + len(pairs) + 1


def _headline(sheet: Worksheet, result: Result, row: int) -> int:
    """Overall score, the rating as a word and a colour, and what the rating means."""
    _label(sheet, row, "Overall score", _score(result.score), SCORE_FORMAT)
    sheet.cell(row=row, column=2).font = font(bold=True, size=14)
    sheet.row_dimensions[row].height = 20
    _label(sheet, row + 1, "Rating", rating_word(result.rating))
    fill_colour(sheet, row + 1, 2, result.rating)
    text_cell(sheet, row + 2, 1, "What this means")
    sheet.cell(row=row + 2, column=1).font = font(bold=True)
    sheet.cell(row=row + 2, column=1).alignment = WRAP
    paragraph(sheet, row + 2, RATING_MEANING[result.rating], 2, 5)
    row += 3
    provisional = provisional_text(result)
    if provisional:
        text_cell(sheet, row, 1, "Not finished")
        sheet.cell(row=row, column=1).font = font(bold=True)
        paragraph(sheet, row, provisional, 2, 5)
        fill_colour(sheet, row, 2, "amber")
        row += 1
    cap = cap_text(result)
    if cap:
        text_cell(sheet, row, 1, "Statutory items")
        sheet.cell(row=row, column=1).font = font(bold=True)
        sheet.cell(row=row, column=1).alignment = WRAP
        paragraph(sheet, row, cap, 2, 5)
        row += 1
    return row


def _counts(sheet: Worksheet, result: Result, row: int) -> int:
    counts = result.counts
    pairs = (
        ("Items in the checklist", counts.items),
        ("Applicable items", counts.applicable),
        ("Answered", counts.answered),
        ("Unanswered", counts.unanswered),
        ("Not applicable", counts.not_applicable),
        ("Unsure", counts.unsure),
        ("Gaps", counts.gaps),
        ("Statutory gaps", counts.statutory_gaps),
    )
    _subheading(sheet, row, "Counts")
    for offset, (label, number) in enumerate(pairs, start=1):
        _label(sheet, row + offset, label, number)
    return row + len(pairs) + 2


def _subheading(sheet: Worksheet, row: int, text: str) -> None:
    text_cell(sheet, row, 1, text)
    sheet.cell(row=row, column=1).font = font(bold=True, size=13)


def _section_scores(sheet: Worksheet, result: Result, row: int) -> int:
    """A chart of the section scores, then each one's score, rating, gaps and arithmetic.

    The chart comes first so that on paper it is never split from its heading;
    the table below it may run on to the next page row by row.
    """
    _subheading(sheet, row, "Section scores")
    height = CHART_CM_BASE + CHART_CM_PER_SECTION * len(result.sections)
    header = row + 2 + math.ceil(height / CM_PER_ROW)
    last = header + len(result.sections)
    _chart(sheet, result, header, last, height, f"A{row + 1}")
    header_row(sheet, header, ("Section", "Score", "Rating", "Gaps", "How it was worked out"))
    rows: list[list[Value]] = []
    for section in result.sections:
        rows.append(
            [
                section.title,
                rounded(section.score),
                rating_word(section.rating) if section.score is not None else "not scored",
                sum(1 for r in section.items if r.is_gap),
                _section_working(result, section),
            ]
        )
    table_rows(sheet, header + 1, rows, {2: SCORE_FORMAT}, centred=(2, 4))
    for offset, section in enumerate(result.sections):
        fill_colour(sheet, header + 1 + offset, 3, section.rating)
    overall = last + 1
    table_rows(
        sheet,
        overall,
        [
            [
                "Overall",
                rounded(result.score),
                rating_word(result.rating),
                result.counts.gaps,
                overall_arithmetic_text(result),
            ]
        ],
        {2: SCORE_FORMAT},
        centred=(2, 4),
    )
    for column in range(1, 6):
        sheet.cell(row=overall, column=column).font = font(bold=True)
    fill_colour(sheet, overall, 3, result.rating)
    return overall + 1


def _section_working(result: Result, section: SectionResult) -> str:
    """The section's arithmetic and, when a green score is rated amber, why."""
    if section.score is None:
        return SECTION_NOT_SCORED_TEXT
    held = section_cap_text(section, result.checklist.rating)
    working = arithmetic_text(result, section.id)
    return f"{working}; {held}" if held else working


def _chart(
    sheet: Worksheet, result: Result, header: int, last: int, height: float, anchor: str
) -> None:
    """A native bar chart of the section scores on a 0–100 axis, bars in rating colours.

    Bars run across the page so that long section titles read level, first
    section at the top; the chart grows with the number of sections.
    """
    chart = BarChart()
    chart.type = "bar"
    chart.title = "Section scores (0–100)"
    chart.legend = None
    chart.height, chart.width = height, 24
    chart.x_axis.scaling.orientation = "maxMin"  # first section at the top
    chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 100
    chart.y_axis.majorUnit = 20
    chart.y_axis.title = "Score"
    chart.y_axis.number_format = "0"
    chart.x_axis.delete = chart.y_axis.delete = False  # openpyxl 3.1 hides axes otherwise
    chart.add_data(Reference(sheet, min_col=2, min_row=header, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=header + 1, max_row=last))
    series = chart.series[0]
    series.graphicalProperties = GraphicalProperties(solidFill=COLOURS["blue"][1])
    for index, section in enumerate(result.sections):
        if section.rating in COLOURS:
            fill = GraphicalProperties(solidFill=COLOURS[section.rating][1])
            series.dPt.append(DataPoint(idx=index, spPr=fill))
    sheet.add_chart(chart, anchor)


def _top_gaps(sheet: Worksheet, result: Result, row: int) -> int:
    shown = result.gaps[:TOP_GAPS]
    title = f"Top {len(shown)} gaps" + (
        f" (of {len(result.gaps)}: all are on the Action plan sheet)"
        if len(result.gaps) > len(shown)
        else ""
    )
    _subheading(sheet, row, title if shown else "Gaps")
    if not shown:
        text_cell(sheet, row + 1, 1, NO_GAPS_TEXT)
        return row + 2
    header_row(sheet, row + 1, ("Item", "Priority", "Severity", "Answer", "Requirement and action"))
    last = table_rows(
        sheet,
        row + 2,
        (
            [
                gap.item.id,
                gap.priority,
                gap.item.severity,
                answer_text(gap.result),
                f"{gap.item.text}\n→ {gap.item.remediation}",
            ]
            for gap in shown
        ),
    )
    for offset, gap in enumerate(shown):
        fill_colour(sheet, row + 2 + offset, 2, PRIORITY_COLOUR[gap.priority])
    return last + 1


def _rating_rule(sheet: Worksheet, result: Result, row: int) -> int:
    _subheading(sheet, row, "How the rating is decided")
    lines = [
        f"Rating {rating_word(result.rating)}: {rating_rule_text(result.checklist)}.",
        *_cap_lines(result),
        "The How scored sheet shows every item's credit and why any item was left out.",
    ]
    for offset, line in enumerate(lines, start=1):  # a row each, so pages break between
        paragraph(sheet, row + offset, line, 1, 5)
    return row + len(lines) + 1


def _profile_answers(sheet: Worksheet, result: Result, row: int) -> None:
    """The checklist's own profile questions: they decide which items apply."""
    fields = result.checklist.profile
    if not fields:
        return
    _subheading(sheet, row, "School profile")
    paragraph(sheet, row + 1, "These answers decide which items apply to the school.", 1, 5)
    school = result.answers.school
    for offset, field in enumerate(fields, start=2):
        _label(sheet, row + offset, field.text, school.get(field.id) or "not given")


def _cap_lines(result: Result) -> list[str]:
    """Why the rating is held at amber, then each statutory item that holds it there."""
    cap = cap_text(result)
    if not cap:
        return []
    return [
        cap,
        *(f"{r.item.id}: {r.item.text} Answer: {answer_text(r)}." for r in result.capped_by),
    ]


# --- Action plan -----------------------------------------------------------------------------

PLAN_HEADERS = (*AUDIT_COLUMNS, "Owner", "Due date", "Status", "Governor comments")
PLAN_WIDTHS = (5, 8, 12, 32, 13, 9, 12, 20, 32, 20, 20, 12, 12, 12, 12, 24)
PRIORITY_COLUMN = PLAN_HEADERS.index("Priority") + 1
DUE_COLUMN = PLAN_HEADERS.index("Due date") + 1
STATUS_COLUMN = PLAN_HEADERS.index("Status") + 1
NOTE_COLUMN = PLAN_HEADERS.index("Note") + 1
NOTE_CUT = " … (the whole note is on the Answers sheet)"


def _action_plan(sheet: Worksheet, result: Result) -> None:
    """One row per gap, highest priority first, with columns for people to fill in."""
    set_widths(sheet, PLAN_WIDTHS)
    header_row(sheet, 1, PLAN_HEADERS)
    rows: list[Sequence[Value]] = [_fit_note(row) for row in plan_rows(result)]
    if not rows:
        rows = [[None, None, None, NO_GAPS_TEXT]]
    last_gap = table_rows(sheet, 2, rows, centred=(1,))
    last = last_gap + EXTRA_PLAN_ROWS
    for row in range(2, last + 1):
        for column in range(1, len(PLAN_HEADERS) + 1):
            sheet.cell(row=row, column=column).alignment = WRAP
        sheet.cell(row=row, column=DUE_COLUMN).number_format = DATE_FORMAT
    _plan_validation(sheet, last)
    _plan_colours(sheet, last_gap, last)
    finish_table(sheet, last, len(PLAN_HEADERS))


def _fit_note(row: Sequence[Value]) -> list[Value]:
    """A note too long for the tallest row, cut where it says the rest is on Answers."""
    fitted = list(row)
    note = fitted[NOTE_COLUMN - 1]
    if isinstance(note, str):
        fitted[NOTE_COLUMN - 1] = shorten(note, PLAN_WIDTHS[NOTE_COLUMN - 1], NOTE_CUT)
    return fitted


def _plan_validation(sheet: Worksheet, last: int) -> None:
    """A Status dropdown and a date check on Due date, over every row people may fill."""
    status = get_column_letter(STATUS_COLUMN)
    dropdown = DataValidation(
        type="list",
        formula1='"' + ",".join(STATUSES) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Status",
        error="Choose Not started, In progress or Done.",
        promptTitle="Status",
        prompt="Not started, In progress or Done",
        showInputMessage=True,
    )
    dropdown.add(f"{status}2:{status}{last}")
    due = get_column_letter(DUE_COLUMN)
    date = DataValidation(
        type="date",
        operator="greaterThan",
        formula1="DATE(2000,1,1)",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Due date",
        error="Enter a date, for example 31/03/2027.",
    )
    date.add(f"{due}2:{due}{last}")
    sheet.add_data_validation(dropdown)
    sheet.add_data_validation(date)


def _plan_colours(sheet: Worksheet, last_gap: int, last: int) -> None:
    """Conditional colours: priority by its word, status as people change it."""
    priority = get_column_letter(PRIORITY_COLUMN)
    for word, colour in PRIORITY_COLOUR.items():
        sheet.conditional_formatting.add(
            f"{priority}2:{priority}{last_gap}", _rule(f'"{word}"', colour)
        )
    status = get_column_letter(STATUS_COLUMN)
    for word, colour in STATUS_COLOUR.items():
        sheet.conditional_formatting.add(f"{status}2:{status}{last}", _rule(f'"{word}"', colour))


def _rule(formula: str, colour: str) -> Rule:
    fill, ink = COLOURS[colour]
    style = DifferentialStyle(  # a differential style: no font name
        fill=PatternFill("solid", fgColor=fill, bgColor=fill), font=Font(bold=True, color=ink)
    )
    return Rule(type="cellIs", operator="equal", formula=[formula], dxf=style)


# --- Answers ---------------------------------------------------------------------------------

ANSWER_HEADERS = (
    "Section",
    "Id",
    "Question",
    "Severity",
    "Weight",
    "Answer",
    "Credit",
    "Gap",
    "Applies",
    "Counted",
    "Why not counted",
    "Note",
    "Evidence",
    "References",
)
ANSWER_WIDTHS = (12, 8, 36, 13, 7, 14, 7, 6, 8, 9, 28, 22, 22, 34)


def _answers(sheet: Worksheet, result: Result) -> None:
    """Every item: the answer, its credit, whether it applied and, if not, why."""
    set_widths(sheet, ANSWER_WIDTHS)
    header_row(sheet, 1, ANSWER_HEADERS)
    why = left_out_texts(result)
    checklist = result.checklist
    rows: list[list[Value]] = []
    for section in result.sections:
        for r in section.items:
            answer = r.answer
            rows.append(
                [
                    section.title,
                    r.item.id,
                    r.item.text,
                    r.item.severity,
                    r.item.weight,
                    answer_text(r),
                    _number(r.credit),
                    "yes" if r.is_gap else "no",
                    "yes" if r.applies and r.status != "na" else "no",
                    "yes" if r.credit is not None else "no",
                    why.get(r.item.id),
                    answer.note if answer else None,
                    answer.evidence if answer else None,
                    references_text(checklist, r.item.references),
                ]
            )
    last = table_rows(sheet, 2, rows, centred=(5, 7, 8, 9, 10))
    finish_table(sheet, last, len(ANSWER_HEADERS))


# --- How scored ------------------------------------------------------------------------------

SCORED_HEADERS = ("Item", "Question", "Answer", "Weight", "Credit", "Weight × credit", "Counted")
SCORED_WIDTHS = (10, 48, 22, 8, 8, 10, 44)


def _how_scored(sheet: Worksheet, result: Result) -> None:
    """Each section's arithmetic, item by item, in words a governor can redo."""
    set_widths(sheet, SCORED_WIDTHS)
    sheet_title(sheet, "How the score was reached")
    columns = len(SCORED_HEADERS)
    paragraph(sheet, 2, SCORING_RULES, 1, columns)
    why = left_out_texts(result)
    row = 4
    for section in result.sections:
        _subheading(sheet, row, section.title)
        text = (
            f"score {score_text(section.score)}, {rating_word(section.rating)}"
            if section.score is not None
            else SECTION_NOT_SCORED_TEXT
        )
        held = section_cap_text(section, result.checklist.rating)
        text_cell(sheet, row, 3, f"{text} ({held})" if held else text)
        fill_colour(sheet, row, 3, section.rating)
        paragraph(sheet, row + 1, arithmetic_text(result, section.id), 1, columns)
        header_row(sheet, row + 2, SCORED_HEADERS)
        row = table_rows(
            sheet,
            row + 3,
            (
                [
                    r.item.id,
                    r.item.text,
                    answer_text(r),
                    r.item.weight,
                    _number(r.credit),
                    None if r.credit is None else _number(r.weighted_credit),
                    "yes" if r.credit is not None else why.get(r.item.id, "no"),
                ]
                for r in section.items
            ),
            centred=(4, 5, 6),
        )
        row += 2
    _overall(sheet, result, row)


def _overall(sheet: Worksheet, result: Result, row: int) -> None:
    columns = len(SCORED_HEADERS)
    _subheading(sheet, row, "Overall")
    paragraph(
        sheet,
        row + 1,
        f"{overall_arithmetic_text(result)} (Σ section weight × section score / Σ section weight)",
        1,
        columns,
    )
    text = f"Rating: {rating_word(result.rating)} ({rating_rule_text(result.checklist)})"
    paragraph(sheet, row + 2, text, 1, columns)
    fill_colour(sheet, row + 2, 1, result.rating)
    for offset, line in enumerate(_cap_lines(result), start=3):
        paragraph(sheet, row + offset, line, 1, columns)


# --- Sources ---------------------------------------------------------------------------------

SOURCE_HEADERS = ("Source", "Title", "Edition", "Publisher", "Link", "Cited by")
SOURCE_WIDTHS = (16, 44, 12, 18, 40, 60)
CHECK_SOURCE_NOTE = (
    "“check source”: the paragraph or section cited has not yet been confirmed against the "
    "source's own text; read it there before relying on it."
)


def _sources(sheet: Worksheet, result: Result) -> None:
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


# --- the whole file --------------------------------------------------------------------------


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
