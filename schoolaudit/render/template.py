"""The fillable template (`schoolaudit template`): a workbook a school fills in with Excel.

Many schools will never open a terminal, but every school has Excel. The
template asks the same questions as `audit`: a **School** sheet for the
profile, an **Answers** sheet with one row per item, each answer cell with a
dropdown of exactly the values that item takes, and an **Instructions** sheet
a school business manager can follow alone. Ids, questions and guidance are
locked (no password: protection guards against slips, not people), answer,
note and evidence cells are not. A hidden sheet records the checklist id,
version and items, so `import` knows what it is reading and what changed
since. Text from checklists and answers files is always written as text.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from schoolaudit import __version__
from schoolaudit.answer_types import kind_of, shared_words
from schoolaudit.dates import DATE_EXAMPLE, DATE_FORM
from schoolaudit.model import PHASES, Answer, Answers, Checklist, Item
from schoolaudit.render.xlsx import (
    WRAP,
    fit_rows,
    font,
    header_row,
    paragraph,
    print_setup,
    put,
    set_widths,
    sheet_title,
    text_cell,
)
from schoolaudit.template_layout import (
    ANSWER_COLUMNS,
    ANSWERS_SHEET,
    CHECKLIST,
    FORMAT,
    INSTRUCTIONS_SHEET,
    ITEM,
    KIND,
    MARKER_KIND,
    MARKER_SHEET,
    SCHOOL_COLUMNS,
    SCHOOL_SHEET,
    TEMPLATE_FORMAT,
    VERSION,
)

TEXT_FORMAT = "@"  # typed dates stay as typed, read day first by us, not by Excel's locale
FILL_IN = PatternFill("solid", fgColor="FFF2CC")  # pale yellow: "write here"
SECTION_BANDS = (PatternFill("solid", fgColor="F2F2F2"), PatternFill("solid", fgColor="FFFFFF"))
UNLOCKED = Protection(locked=False)
LINE = Side(style="thin", color="BFBFBF")
GRID = Border(left=LINE, right=LINE, top=LINE, bottom=LINE)  # each answer in its own box
LIST_LIMIT = 255  # Excel's limit on a dropdown written as a list of values
ANSWER_WIDTHS = (8, 14, 46, 12, 26, 22, 24, 48, 30)
PRINTED = 7  # id to 'what to answer': legible on A4 landscape; guidance is on screen
SCHOOL_WIDTHS = (16, 64, 34)
VALUE_COLUMN = 3


@dataclass(frozen=True, slots=True)
class AnswerRule:
    """What one answer cell accepts, as a spreadsheet can say it.

    `choices` become a dropdown; `number` a check for a number from 0 to
    `number_max` (no upper bound when None); `typed_date` keeps the cell as
    text, so a date typed day first is read by us rather than by Excel's
    locale; `allowed` is the sentence shown beside the question and `prompt`
    the tip shown when the cell is selected.
    """

    allowed: str
    prompt: str
    choices: tuple[str, ...] = ()
    number: bool = False
    number_max: float | None = None
    typed_date: bool = False


def answer_rule(item: Item) -> AnswerRule:
    """What an item's answer cell offers: the cell check from the answer-type table
    (`answer_types.AnswerKind.template`), and the words a person reads beside it."""
    rule = kind_of(item).template(item)
    words = ", or ".join(rule.values)
    if rule.kind == "date":
        allowed = f"a date as {DATE_FORM} (e.g. {DATE_EXAMPLE}), or {words}"
        prompt = f"Type a date as {DATE_FORM}, or pick a word."
        return AnswerRule(allowed, prompt, rule.values, typed_date=True)
    if rule.kind == "number":
        number = item.describe_allowed().split(", ")[0]  # "a number from 0 to 100 (%)"
        return AnswerRule(
            f"{number}, or {words}",
            f"Type {number}, or {words}.",
            number=True,
            number_max=rule.maximum,
        )
    if rule.kind == "text":
        return AnswerRule(f"any text, or {', or '.join(shared_words(item))}", "Type your answer.")
    labels = {str(level): label for level, label in item.levels}
    labels.update((option.value, option.label) for option in item.options)
    if labels:  # levels and choices: each value with what it means
        allowed = "\n".join(f"{v} = {labels[v]}" if v in labels else v for v in rule.values)
        return AnswerRule(allowed, "Pick from the list.", rule.values)
    return AnswerRule(", ".join(rule.values), "Pick from the list.", rule.values)


def render_template(checklist: Checklist, prefill: Answers | None = None) -> bytes:
    """The template as .xlsx bytes; `prefill` (last year's answers) is written in."""
    buffer = io.BytesIO()
    build_template(checklist, prefill).save(buffer)
    return buffer.getvalue()


def build_template(checklist: Checklist, prefill: Answers | None = None) -> Workbook:
    """The workbook object: Instructions, School, Answers, and the hidden marker."""
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    instructions = workbook.create_sheet(INSTRUCTIONS_SHEET)
    school = workbook.create_sheet(SCHOOL_SHEET)
    answers = workbook.create_sheet(ANSWERS_SHEET)
    marker = workbook.create_sheet(MARKER_SHEET)
    _instructions(instructions, checklist)
    _school(school, checklist, prefill)
    _answers(answers, checklist, prefill)
    _marker(marker, checklist)
    name = prefill.school_name if prefill else ""
    for sheet in (instructions, school, answers):
        print_setup(sheet, name or checklist.title)
    instructions.page_setup.orientation = "portrait"
    workbook.active = 0
    workbook.properties.creator = f"schoolaudit {__version__}"
    workbook.properties.title = f"{checklist.title}: fillable template"
    return workbook


# --- School -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Field:
    key: str
    help: str
    choices: tuple[str, ...] = ()
    typed: bool = False  # kept as text: a URN's digits, a date read day first


def _school_fields(checklist: Checklist) -> Iterator[_Field]:
    yield _Field("name", "The school's name, as governors know it.")
    yield _Field(
        "urn",
        "The school's 6-digit unique reference number (URN). Leave blank if none.",
        typed=True,
    )
    yield _Field("phase", "Pick the school's phase from the list.", PHASES)
    yield _Field("trust", "The multi-academy trust the school belongs to. Leave blank if none.")
    yield _Field("local_authority", "The school's local authority. Leave blank if none.")
    for field in checklist.profile:
        if field.type == "text":
            yield _Field(field.id, f"{field.text} (leave blank if you prefer)")
        else:
            yield _Field(field.id, f"{field.text} Pick from the list.", field.answer_words())
    yield _Field("completed_by", "Your name and role, e.g. A. Person, DSL.")
    yield _Field(
        "date",
        f"The date the answers were checked, as {DATE_FORM} (e.g. {DATE_EXAMPLE}).",
        typed=True,
    )


def _school(sheet: Worksheet, checklist: Checklist, prefill: Answers | None) -> None:
    set_widths(sheet, SCHOOL_WIDTHS)
    header_row(sheet, 1, SCHOOL_COLUMNS)
    lists: dict[tuple[str, ...], DataValidation] = {}
    for row, field in enumerate(_school_fields(checklist), start=2):
        text_cell(sheet, row, 1, field.key)
        text_cell(sheet, row, 2, field.help)
        value = sheet.cell(row=row, column=VALUE_COLUMN)
        value.protection, value.fill = UNLOCKED, FILL_IN
        if field.typed:
            value.number_format = TEXT_FORMAT
        if field.choices:
            _dropdown(sheet, lists, field.choices, "Pick from the list.").add(value)
        for column in (1, 2, 3):
            sheet.cell(row=row, column=column).alignment = WRAP
            sheet.cell(row=row, column=column).border = GRID
        if prefill is not None:
            _prefill_school(sheet, row, field.key, prefill)
    _protect(sheet)
    sheet.freeze_panes = "A2"
    fit_rows(sheet)


def _prefill_school(sheet: Worksheet, row: int, key: str, prefill: Answers) -> None:
    """Last year's profile; the date is left for this year's."""
    value = prefill.completed_by if key == "completed_by" else prefill.school.get(key)
    if key != "date" and value:
        text_cell(sheet, row, VALUE_COLUMN, value)


# --- Answers ----------------------------------------------------------------------------------


def _answers(sheet: Worksheet, checklist: Checklist, prefill: Answers | None) -> None:
    set_widths(sheet, ANSWER_WIDTHS)
    header_row(sheet, 1, ANSWER_COLUMNS)
    lists: dict[tuple[str, ...], DataValidation] = {}
    numbers: dict[float | None, DataValidation] = {}
    row = 1
    for band, section in enumerate(checklist.sections):
        for item in section.items:
            row += 1
            rule = answer_rule(item)
            guidance = (
                "Ask your filtering or monitoring provider. " if item.ask == "provider" else ""
            ) + item.guidance
            for column, text in (
                (1, item.id),
                (2, section.title),
                (3, item.text),
                (7, rule.allowed),
                (8, guidance),
                (9, _applies_when(checklist, item)),
            ):
                text_cell(sheet, row, column, text)
            for column in range(1, len(ANSWER_COLUMNS) + 1):
                cell = sheet.cell(row=row, column=column)
                cell.alignment, cell.border = WRAP, GRID
                if column <= 3:
                    cell.fill = SECTION_BANDS[band % 2]
                if 4 <= column <= 6:
                    cell.protection, cell.fill = UNLOCKED, FILL_IN
            answer = sheet.cell(row=row, column=4)
            if rule.choices:  # a word or a level; typed text and numbers read from the left
                answer.alignment = Alignment(wrap_text=True, vertical="top", horizontal="center")
            if rule.typed_date:
                answer.number_format = TEXT_FORMAT
            if rule.choices:
                _dropdown(sheet, lists, rule.choices, rule.prompt, strict=not rule.typed_date).add(
                    answer
                )
            elif rule.number:
                _number_check(sheet, numbers, rule.number_max, rule.prompt).add(answer)
            if prefill is not None and item.id in prefill.answers:
                _prefill_item(sheet, row, prefill.answers[item.id])
    _protect(sheet)
    sheet.freeze_panes = "D2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(ANSWER_COLUMNS))}{max(row, 2)}"
    sheet.print_title_rows = "1:1"
    fit_rows(sheet)  # before the print area is set: guidance must show whole on screen too
    sheet.print_area = f"A1:{get_column_letter(PRINTED)}{max(row, 2)}"


def _prefill_item(sheet: Worksheet, row: int, last_year: Answer) -> None:
    """Last year's answer, note and evidence, to keep or change; dates as a school types them."""
    value, note, evidence = last_year.value, last_year.note, last_year.evidence
    if isinstance(value, dt.date):
        text_cell(sheet, row, 4, value.strftime("%d/%m/%Y"))
    elif value is not None:
        put(sheet, row, 4, value)
    for column, text in ((5, note), (6, evidence)):
        if text:
            text_cell(sheet, row, column, text)


def _applies_when(checklist: Checklist, item: Item) -> str:
    """The item's conditions in words a school can check against its own answers."""
    parts = []
    for condition in item.conditions:
        wanted = " or ".join(str(value) for value in condition.values)
        field = condition.school_field
        if field == "phase":
            parts.append(f"the school's phase is {wanted}")
        elif field is not None:
            question = checklist.profile_field(field)
            parts.append(f"“{question.text if question else field}” is {wanted} (School sheet)")
        else:
            parts.append(f"the answer to {condition.key} is {wanted}")
    if not parts:
        return ""
    return "Applies only when " + " and ".join(parts) + ". Otherwise leave it blank."


# --- checks, protection, marker ----------------------------------------------------------------


def _dropdown(
    sheet: Worksheet,
    lists: dict[tuple[str, ...], DataValidation],
    choices: tuple[str, ...],
    prompt: str,
    *,
    strict: bool = True,
) -> DataValidation:
    """One dropdown per distinct list of values, shared by every cell that uses it.

    `strict` refuses anything else typed; a date item's list (never, unsure)
    only warns, since a typed date is an answer too.
    """
    key = (*choices, "" if strict else "typed")
    if key not in lists:
        formula = '"' + ",".join(choices) + '"'
        if len(formula) > LIST_LIMIT:
            formula = _list_range(sheet, choices)
        check = DataValidation(
            type="list",
            formula1=formula,
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="stop" if strict else "information",
            errorTitle="Not one of the answers",
            error="Pick one of the answers from the list (click the arrow beside the cell).",
            showInputMessage=True,
            prompt=prompt[:LIST_LIMIT],
        )
        sheet.add_data_validation(check)
        lists[key] = check
    return lists[key]


def _list_range(sheet: Worksheet, choices: tuple[str, ...]) -> str:
    """A long list written to the hidden marker sheet: a dropdown past Excel's 255 characters."""
    assert sheet.parent is not None
    marker = sheet.parent[MARKER_SHEET]  # made first, hidden once the items are listed
    column = max(marker.max_column + 1, 5)  # A to C hold the marker itself
    for row, choice in enumerate(choices, start=1):
        text_cell(marker, row, column, choice)
    letter = get_column_letter(column)
    return f"'{MARKER_SHEET}'!${letter}$1:${letter}${len(choices)}"


def _number_check(
    sheet: Worksheet, numbers: dict[float | None, DataValidation], most: float | None, prompt: str
) -> DataValidation:
    if most not in numbers:
        check = DataValidation(
            type="decimal",
            operator="greaterThanOrEqual" if most is None else "between",
            formula1="0",
            formula2=None if most is None else f"{most:g}",
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="warning",
            errorTitle="Not a number in range",
            error=f"{prompt} Choose Yes to keep what you typed (e.g. unsure).",
            showInputMessage=True,
            prompt=prompt[:LIST_LIMIT],
        )
        sheet.add_data_validation(check)
        numbers[most] = check
    return numbers[most]


def _protect(sheet: Worksheet) -> None:
    """Locked structure, no password; filters, sorting and column widths stay usable."""
    protection = sheet.protection
    protection.sheet = True
    protection.autoFilter = False
    protection.sort = False
    protection.formatColumns = False
    protection.formatRows = False
    protection.formatCells = False


def _marker(sheet: Worksheet, checklist: Checklist) -> None:
    rows: list[tuple[str, str | int, str]] = [
        (KIND, MARKER_KIND, ""),
        (FORMAT, TEMPLATE_FORMAT, ""),
        (CHECKLIST, checklist.id, ""),
        (VERSION, checklist.version, ""),
        *((ITEM, item.id, item.type) for item in checklist.items),  # types: dates read as dates
    ]
    for row, (key, value, kind) in enumerate(rows, start=1):
        text_cell(sheet, row, 1, key)
        put(sheet, row, 2, value)
        put(sheet, row, 3, kind or None)
    sheet.sheet_state = "hidden"
    _protect(sheet)


# --- Instructions ------------------------------------------------------------------------------

# The Instructions sheet prints on A4 portrait at 100 %. Tried in LibreOffice, columns adding up
# to 78 fit the page and 81 do not: at (4, 96) the step numbers printed alone on page 1 and the
# steps, cut at the right edge, on page 2.
PORTRAIT_PAGE_WIDTH = 78
INSTRUCTIONS_WIDTHS = (4, 70)


def _instructions(sheet: Worksheet, checklist: Checklist) -> None:
    set_widths(sheet, INSTRUCTIONS_WIDTHS)
    sheet_title(sheet, "How to fill in this workbook")
    text_cell(
        sheet,
        2,
        1,
        f"{checklist.title} · {checklist.id} version {checklist.version} · "
        f"{len(checklist.items)} questions",
    )
    sheet.cell(row=2, column=1).font = font(italic=True, color="595959")
    row = 3
    for number, step in enumerate(_steps(), start=1):
        row += 1
        put(sheet, row, 1, number)
        sheet.cell(row=row, column=1).alignment = Alignment(vertical="top")
        sheet.cell(row=row, column=1).font = font(bold=True)
        paragraph(sheet, row, step, 2, 2)
    row += 2
    text_cell(sheet, row, 1, "What the answers mean")
    sheet.cell(row=row, column=1).font = font(bold=True, size=13)
    for word, meaning in _MEANINGS:
        row += 1
        text_cell(sheet, row, 1, "")
        paragraph(sheet, row, f"{word}: {meaning}", 2, 2)
        sheet.cell(row=row, column=2).font = font()
    _protect(sheet)


def _steps() -> tuple[str, ...]:
    return (
        "If Excel shows a yellow bar saying PROTECTED VIEW, click Enable Editing, or the "
        "workbook cannot be filled in.",
        "Go to the School sheet (tab at the bottom). Fill in the yellow cells in the value "
        "column: the school's name, URN, phase and the other questions. Where a cell has a "
        "small arrow beside it when you click it, pick from the list.",
        f"Type the date the answers were checked in the date row, day first: {DATE_FORM}, "
        f"e.g. {DATE_EXAMPLE}.",
        "Go to the Answers sheet. There is one row per question, grouped by section. For each "
        "question, click the yellow answer cell and pick an answer from its list. Columns to "
        "the right say what the answers are, how to check, and when a question applies.",
        "If you are not sure, choose unsure: it counts as a gap until someone checks. Leave "
        "the answer blank only if you have not got to the question yet; a blank also counts "
        "as a gap in the report.",
        "Use the note column to say why (or what is planned), and the evidence column to say "
        "what proves the answer (a policy, a log, a test result). Both are optional but help "
        "governors and inspectors.",
        "Some questions only apply to some schools: the 'applies only when' column says when. "
        "If it does not apply to your school, leave its answer blank.",
        "Questions marked 'Ask your filtering or monitoring provider' are best answered by "
        "them: send them the question and copy their answer in.",
        "Only the yellow cells take typing; the rest (ids, questions, guidance) are locked so "
        "they are not changed by accident. In a note, Alt+Enter starts a new line. Please do "
        "not rename the sheets or change the ids in the id column. You may "
        "sort or filter the rows, add your own columns or comments, and widen columns; if Excel "
        "asks, use Review > Unprotect Sheet (there is no password).",
        "Save the workbook as an Excel workbook (.xlsx); any file name will do. In LibreOffice, "
        "use File > Save As, choose 'Excel 2007-365 (.xlsx)' and 'Use Excel 2007-365!'.",
        "Send the saved file back to whoever sent it to you (usually the IT lead or the trust). "
        "They turn it into the school's report with schoolaudit, and will tell you if any "
        "answer needs a second look: each message names the sheet and cell, e.g. Answers!D14.",
    )


_MEANINGS = (
    ("yes", "fully in place, and you could show the evidence."),
    ("partial", "in place in part, or not yet everywhere it should be."),
    ("no", "not in place."),
    ("unsure", "nobody has checked yet; it counts as a gap until they do."),
    ("na", "not applicable to this school (offered only where a question allows it)."),
    ("never", "for 'when was it last done' questions: it has never been done."),
    (
        "1 to 5",
        "maturity levels, 1 the least and 5 the most; the list beside the question says "
        "what each means.",
    ),
)
