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
from openpyxl.chart.text import RichText
from openpyxl.drawing.text import (
    CharacterProperties,
    Paragraph,
    ParagraphProperties,
    RichTextProperties,
)
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from schoolaudit import __version__
from schoolaudit.render.colours import COLOURS, PRIORITY_COLOUR
from schoolaudit.render.first_page import (
    NO_STATUTORY_GAPS_TEXT,
    TOP_ACTIONS,
    holds_down_text,
    statutory_not_met,
)
from schoolaudit.render.governor_workbook.common import label_row, subheading
from schoolaudit.render.words import (
    NO_GAPS_TEXT,
    OPTIONAL_SCHOOL_FIELDS,
    RATING_MEANING,
    answer_text,
    cap_text,
    counts_text,
    provisional_text,
    rating_word,
    section_cap_text,
    stale_text,
)
from schoolaudit.render.xlsx import (
    WRAP,
    Value,
    fill_colour,
    font,
    header_row,
    paragraph,
    row_height,
    set_widths,
    sheet_title,
    table_rows,
    text_cell,
)
from schoolaudit.scoring import Result, SectionResult, rounded

TOP_GAPS = TOP_ACTIONS  # what fits on page 1 beside the headline
SUMMARY_WIDTHS = (21, 9, 11, 13, 89)  # PAGE_WIDTH: A4 landscape at 100 %
HOW_SCORED_POINTER = (
    "Scores out of 100. How each score and the rating were worked out: the How scored sheet. "
    "Every item's answer and credit: the Answers sheet."
)
SCREEN_ONLY_TEXT = (
    "On paper: this Summary, the Action plan and How scored. On screen only: Answers (every "
    "item as answered, with notes and evidence; the Action plan prints every gap with its "
    "answer), Sources and Glossary (the governors' pack prints both for the items it names). "
    "To print one of them, clear its print area first (Excel: Page Layout › Print Area › Clear "
    "Print Area; LibreOffice: Format › Print Ranges › Clear)."
)
CM_PER_ROW = row_height(1) * 2.54 / 72  # a one-line row, for keeping rows free under the chart
CHART_CM_BASE, CHART_CM_PER_SECTION = 0.9, 0.46
CHART_CM_WIDTH = 20
LABEL_PT = 9.5  # the section names beside the bars; LibreOffice prints 9 as 8.9
SCORE_FORMAT = "0.0"


def build_summary(sheet: Worksheet, result: Result) -> None:
    """Page 1 as in the governors' pack: who, when, the score and rating, the statutory
    requirements not met and the top gaps in words; then the sections, counts and rule."""
    set_widths(sheet, SUMMARY_WIDTHS)
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
    row = _statutory(sheet, result, row + 1)
    row = _top_gaps(sheet, result, row + 1)
    paragraph(sheet, row, SCREEN_ONLY_TEXT, 1, 5)
    sheet.cell(row=row, column=1).font = font(italic=True, color="595959")
    row += 1
    sheet.row_breaks.append(Break(id=row))  # on paper: sections and chart on page 2
    _section_scores(sheet, result, row + 1)


def _score(value: float | None) -> float | str:
    """A score as shown (one decimal), or a dash where there is none."""
    shown = rounded(value)
    return "–" if shown is None else shown


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
        *((("Review due", stale),) if (stale := stale_text(result)) else ()),
        ("Completed by", answers.completed_by or "not recorded"),
        ("Checklist", f"{checklist.title} ({checklist.id}, version {checklist.version})"),
    ]
    for offset, (label, value) in enumerate(pairs):
        label_row(sheet, row + offset, label, value)
        sheet.merge_cells(
            start_row=row + offset, start_column=2, end_row=row + offset, end_column=5
        )
    return row + len(pairs) + 1


def _labelled(sheet: Worksheet, row: int, label: str, text: str) -> None:
    """A bold label in column A, level with the top of a paragraph across B:E."""
    text_cell(sheet, row, 1, label)
    sheet.cell(row=row, column=1).font = font(bold=True)
    sheet.cell(row=row, column=1).alignment = WRAP
    paragraph(sheet, row, text, 2, 5)


def _headline(sheet: Worksheet, result: Result, row: int) -> int:
    """Overall score, the rating as a word and a colour, and what the rating means."""
    label_row(sheet, row, "Overall score", _score(result.score), SCORE_FORMAT)
    sheet.cell(row=row, column=2).font = font(bold=True, size=14)
    sheet.row_dimensions[row].height = 20
    label_row(sheet, row + 1, "Rating", rating_word(result.rating))
    fill_colour(sheet, row + 1, 2, result.rating)
    _labelled(sheet, row + 2, "What this means", RATING_MEANING[result.rating])
    row += 3
    provisional = provisional_text(result)
    if provisional:
        _labelled(sheet, row, "Not finished", provisional)
        fill_colour(sheet, row, 2, "amber")
        row += 1
    _labelled(sheet, row, "Items", counts_text(result.counts) + ".")
    row += 1
    cap = cap_text(result)
    if cap:
        _labelled(sheet, row, "Statutory items", cap)
        row += 1
    return row


def _section_scores(sheet: Worksheet, result: Result, row: int) -> int:
    """A chart of the section scores, then each one's score, rating, gaps and arithmetic.

    The chart comes first so that on paper it is never split from its heading;
    the table below it may run on to the next page row by row.
    """
    subheading(sheet, row, "Section scores")
    paragraph(sheet, row + 1, HOW_SCORED_POINTER, 1, 5)
    row += 1
    height = CHART_CM_BASE + CHART_CM_PER_SECTION * len(result.sections)
    header = row + 3 + math.ceil(height / CM_PER_ROW)  # a row's slack under the chart
    last = header + len(result.sections)
    _chart(sheet, result, header, last, height, f"A{row + 1}")
    header_row(sheet, header, ("Section", "Score", "Rating", "Gaps", "What holds it down"))
    rows: list[list[Value]] = []
    for section in result.sections:
        rows.append(
            [
                section.title,
                rounded(section.score),
                rating_word(section.rating) if section.score is not None else "not scored",
                section.gap_count,
                _holds_down(result, section),
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
                "",
            ]
        ],
        {2: SCORE_FORMAT},
        centred=(2, 4),
    )
    for column in range(1, 6):
        sheet.cell(row=overall, column=column).font = font(bold=True)
    fill_colour(sheet, overall, 3, result.rating)
    return overall + 1


def _holds_down(result: Result, section: SectionResult) -> str:
    """What keeps the section from 100 and, when a green score is rated amber, why."""
    held = section_cap_text(section, result.checklist.rating)
    text = holds_down_text(section, count=False)  # the Gaps column counts them
    return f"{text}; {held}" if held else text


def _chart(
    sheet: Worksheet, result: Result, header: int, last: int, height: float, anchor: str
) -> None:
    """A native bar chart of the section scores on a 0–100 axis, bars in rating colours.

    Bars run across the page so that long section titles read level, first
    section at the top; the chart grows with the number of sections.
    """
    chart = BarChart()
    chart.type = "bar"
    chart.legend = None
    chart.height, chart.width = height, CHART_CM_WIDTH
    chart.x_axis.scaling.orientation = "maxMin"  # first section at the top
    chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 100
    chart.y_axis.majorUnit = 20
    chart.y_axis.number_format = "0"
    chart.x_axis.delete = chart.y_axis.delete = False  # openpyxl 3.1 hides axes otherwise
    chart.x_axis.tickLblSkip = 1  # every section named: LibreOffice skips some when rows are tight
    chart.x_axis.txPr = _axis_text(LABEL_PT)
    chart.add_data(Reference(sheet, min_col=2, min_row=header, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=header + 1, max_row=last))
    series = chart.series[0]
    series.graphicalProperties = GraphicalProperties(solidFill=COLOURS["blue"][1])
    for index, section in enumerate(result.sections):
        if section.rating in COLOURS:
            fill = GraphicalProperties(solidFill=COLOURS[section.rating][1])
            series.dPt.append(DataPoint(idx=index, spPr=fill))
    sheet.add_chart(chart, anchor)


def _axis_text(points: float) -> RichText:
    """An axis's labels at `points` (the chart's own default is 10 pt, too tall for its rows)."""
    size = int(points * 100)
    run = CharacterProperties(sz=size)
    return RichText(
        bodyPr=RichTextProperties(),
        p=[Paragraph(pPr=ParagraphProperties(defRPr=run), endParaRPr=run)],
    )


def _statutory(sheet: Worksheet, result: Result, row: int) -> int:
    """The statutory requirements not fully met, each in words with its answer."""
    subheading(sheet, row, "Statutory requirements not met")
    missing = statutory_not_met(result)
    lines = [f"{a.requirement} Answer: {a.answer}. ({a.item_id})" for a in missing]
    for offset, line in enumerate(lines or [NO_STATUTORY_GAPS_TEXT], start=1):
        paragraph(sheet, row + offset, line, 1, 5)
    return row + max(len(lines), 1) + 1


def _top_gaps(sheet: Worksheet, result: Result, row: int) -> int:
    """The highest-priority gaps in words (all of them are on the Action plan), or none."""
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
    header_row(
        sheet, row + 1, ("Item", "Priority", "Answer", "Owner role", "Requirement and action")
    )
    last = table_rows(
        sheet,
        row + 2,
        (
            [
                gap.item.id,
                gap.priority,
                answer_text(gap.result),
                gap.item.owner,
                f"{gap.item.text}\n→ {gap.item.remediation}",
            ]
            for gap in shown
        ),
    )
    for offset, gap in enumerate(shown):
        fill_colour(sheet, row + 2 + offset, 2, PRIORITY_COLOUR[gap.priority])
    return last + 1
