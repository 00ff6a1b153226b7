"""The workbook's Summary sheet: the page a governor reads first, often on paper.

It says who was audited and when, the overall score and rating in words,
the counts, a chart and table of the section scores, the top gaps, how the
rating was decided and the school's profile answers. It lives apart from the
other sheets because it is the only one laid out as a page rather than a
table: its rows are placed one part after another, with page breaks between.
"""

from __future__ import annotations

import math

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.marker import DataPoint
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.styles import Alignment
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from schoolaudit import __version__
from schoolaudit.render.colours import COLOURS, PRIORITY_COLOUR
from schoolaudit.render.governor_workbook.common import cap_lines, subheading
from schoolaudit.render.words import (
    NO_GAPS_TEXT,
    OPTIONAL_SCHOOL_FIELDS,
    RATING_MEANING,
    SECTION_NOT_SCORED_TEXT,
    answer_text,
    arithmetic_text,
    cap_text,
    overall_arithmetic_text,
    provisional_text,
    rating_rule_text,
    rating_word,
    section_cap_text,
)
from schoolaudit.render.xlsx import (
    WRAP,
    Value,
    fill_colour,
    font,
    header_row,
    paragraph,
    put,
    set_widths,
    sheet_title,
    table_rows,
    text_cell,
)
from schoolaudit.scoring import Result, SectionResult, rounded

TOP_GAPS = 10
CM_PER_ROW = 0.53  # a 15-point row, for keeping rows free under the chart
CHART_CM_BASE, CHART_CM_PER_SECTION = 3.0, 0.9
SCORE_FORMAT = "0.0"


def build_summary(sheet: Worksheet, result: Result) -> None:
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


def _score(value: float | None) -> float | str:
    """A score as shown (one decimal), or a dash where there is none."""
    shown = rounded(value)
    return "–" if shown is None else shown


def _label(sheet: Worksheet, row: int, label: str, value: Value, fmt: str = "") -> None:
    """A bold label in column A and its value beside it, left-aligned."""
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
    """How many items there are, apply, were answered, left unanswered or are gaps."""
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
    subheading(sheet, row, "Counts")
    for offset, (label, number) in enumerate(pairs, start=1):
        _label(sheet, row + offset, label, number)
    return row + len(pairs) + 2


def _section_scores(sheet: Worksheet, result: Result, row: int) -> int:
    """A chart of the section scores, then each one's score, rating, gaps and arithmetic.

    The chart comes first so that on paper it is never split from its heading;
    the table below it may run on to the next page row by row.
    """
    subheading(sheet, row, "Section scores")
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
                section.gap_count,
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
    """The highest-priority gaps (all of them are on the Action plan), or that there are none."""
    shown = result.gaps[:TOP_GAPS]
    title = f"Top {len(shown)} gaps" + (
        f" (of {len(result.gaps)}: all are on the Action plan sheet)"
        if len(result.gaps) > len(shown)
        else ""
    )
    subheading(sheet, row, title if shown else "Gaps")
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
    """The rule that gave this rating, what held it down, and where the arithmetic is."""
    subheading(sheet, row, "How the rating is decided")
    lines = [
        f"Rating {rating_word(result.rating)}: {rating_rule_text(result.checklist)}.",
        *cap_lines(result),
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
    subheading(sheet, row, "School profile")
    paragraph(sheet, row + 1, "These answers decide which items apply to the school.", 1, 5)
    school = result.answers.school
    for offset, field in enumerate(fields, start=2):
        _label(sheet, row + offset, field.text, school.get(field.id) or "not given")
