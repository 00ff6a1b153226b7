"""The governor's workbook (`report --xlsx`), read back with openpyxl.

Every test reads the saved bytes, as Excel or LibreOffice would, never the
objects in memory: what matters is what the file holds.
"""

from __future__ import annotations

import dataclasses
import io
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from pypdf import PdfReader
from typer.testing import CliRunner

from schoolaudit import __version__, load_answers, load_checklist, score
from schoolaudit.assess import assess
from schoolaudit.catalog import Catalog
from schoolaudit.cli import app
from schoolaudit.model import Answer
from schoolaudit.render import governor_workbook as workbook_module
from schoolaudit.render.governor_workbook import render_governor_workbook, write_governor_workbook
from schoolaudit.render.xlsx import PAGE_WIDTH, printed_columns, row_height, wrapped_lines
from schoolaudit.scoring import Result
from tests import builders
from tests.conftest import MINI, REPO

MOST_PRINTED_PAGES = 15

ANSWERS = """\
schoolaudit: 1
checklist: {id: mini, version: "1.0"}
school: {name: "St Mary & St John's Primary", urn: "123456", phase: primary, boarding: "yes"}
completed_by: A. Person, DSL
date: 2026-11-20
answers:
  bas-01: "yes"
  bas-02: {answer: partial, note: "=HYPERLINK(\\"http://evil.example\\",\\"x\\")", evidence: "+1"}
  bas-03: "no"
  ppl-01: 3
  ppl-02: {answer: web, note: "-2+3", evidence: "@SUM(A1)"}
  ppl-03: 70
  ppl-04: 2026-01-01
  ppl-05: Acme Filter
  ppl-06: "no"
  sec-01: "yes"
"""

PLAN_HEADERS = [
    "Id",
    "Requirement",
    "Priority",
    "Current answer",
    "Action",
    "Owner role",
    "Owner",
    "Due date",
    "Status",
    "Governor comments",
    "Section",
    "Severity",
    "Note",
    "Evidence needed",
    "Reference",
]
PRINTED_PLAN_COLUMNS = 10  # Id … Governor comments; the rest stay on screen


def _result(tmp_path: Path, text: str = ANSWERS) -> Result:
    path = tmp_path / "answers.yaml"
    path.write_text(text, encoding="utf-8")
    checklist = load_checklist(str(MINI))
    return score(checklist, load_answers(str(path), checklist))


def _read(result: Result) -> Workbook:
    return load_workbook(io.BytesIO(render_governor_workbook(result)))


@pytest.fixture
def result(tmp_path: Path) -> Result:
    return _result(tmp_path)


@pytest.fixture
def book(result: Result) -> Workbook:
    return _read(result)


def _column(sheet: Any, title: str) -> list[Any]:
    """The values under a header in row 1, down to the last row."""
    headers = [cell.value for cell in sheet[1]]
    index = headers.index(title) + 1
    return [sheet.cell(row=row, column=index).value for row in range(2, sheet.max_row + 1)]


def _labels(sheet: Any) -> dict[str, Any]:
    """Summary label → value pairs (column A → column B)."""
    return {row[0].value: row[1].value for row in sheet.iter_rows(max_col=2) if row[0].value}


def _all_text(sheet: Any) -> str:
    return "\n".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)


def test_sheet_names_in_order(book: Workbook) -> None:
    assert book.sheetnames == [
        "Summary",
        "Action plan",
        "Answers",
        "How scored",
        "Sources",
        "Glossary",
    ]


def test_summary_names_the_school_the_audit_and_the_score(book: Workbook) -> None:
    summary = book["Summary"]
    labels = _labels(summary)
    assert labels["School"] == "St Mary & St John's Primary"
    assert labels["URN"] == "123456"
    assert labels["Phase"] == "primary"
    assert labels["Audit date"].date().isoformat() == "2026-11-20"
    assert labels["Completed by"] == "A. Person, DSL"
    assert labels["Checklist"] == "Mini test checklist (mini, version 1.0)"
    assert labels["Overall score"] == 56.9
    assert labels["Rating"] == "AMBER"
    assert labels["Items"].startswith("9 of 9 applicable items answered")
    assert "1 not applicable · 6 gaps (1 statutory)" in labels["Items"]
    text = _all_text(summary)
    assert "Amber: the school meets much of what the guidance asks" in text
    assert "Statutory items not fully met (ppl-06)" in text
    # the statutory gap in words on page 1; the arithmetic is on How scored, not here
    assert "Are boarders supervised online in the evenings? Answer: no. (ppl-06)" in text
    assert "100 × (2×1 + 3×0.5 + 1×0)" not in text
    assert "100 × (3×0.5 + 2×1 + 1×0) / (3 + 2 + 1) = 100 × 3.5 / 6 = 58.3" in _all_text(
        book["How scored"]
    )
    assert "green ≥ 80, amber ≥ 50, else red" in _all_text(book["How scored"])


def test_rating_is_a_word_beside_its_colour(book: Workbook) -> None:
    summary = book["Summary"]
    rating = next(row[1] for row in summary.iter_rows(max_col=2) if row[0].value == "Rating")
    assert rating.value == "AMBER"
    assert rating.fill.fgColor.rgb.endswith("FFEB9C")
    assert rating.font.color.rgb.endswith("9C5700")


def test_summary_lists_the_top_gaps_in_priority_order(book: Workbook, result: Result) -> None:
    summary = book["Summary"]
    header = next(
        r
        for r in range(1, summary.max_row + 1)
        if summary.cell(r, 5).value == "Requirement and action"
    )
    ids = [summary.cell(header + 1 + n, 1).value for n in range(5)]
    assert ids == [gap.item.id for gap in result.gaps[:5]]
    assert summary.cell(header + 1, 5).value == (
        "Are boarders supervised online in the evenings?\n→ Arrange supervision."
    )


def test_summary_shows_the_top_five_gaps_in_words(tmp_path: Path) -> None:
    """Page 1 carries the top gaps as requirement, action and owner role, not only ids."""
    items = [builders.item(f"gap-{n:02d}", owner=f"Role {n}") for n in range(1, 15)]
    result = score(builders.checklist(("gap", items)), builders.answers({}))
    summary = _read(result)["Summary"]
    text = _all_text(summary)
    assert "Top 5 gaps (of 14: all are on the Action plan sheet)" in text
    assert "gap-05" in text and "gap-06" not in text
    assert "Question gap-05?\n→ Fix gap-05." in text and "Role 5" in text


def test_summary_has_a_bar_chart_of_section_scores(book: Workbook) -> None:
    summary = book["Summary"]
    charts = summary._charts
    assert len(charts) == 1
    chart = charts[0]
    assert type(chart).__name__ == "BarChart"
    assert (chart.y_axis.scaling.min, chart.y_axis.scaling.max) == (0, 100)
    values = chart.series[0].val.numRef.f
    first, last = (int(ref.split("$")[-1]) for ref in values.split(":"))
    scores = [summary.cell(row, 2).value for row in range(first, last + 1)]
    titles = [summary.cell(row, 1).value for row in range(first, last + 1)]
    assert titles == ["Basics", "People", "Secondary only"]
    assert scores == [58.3, 54.2, None]


def test_action_plan_has_every_gap_in_priority_order(book: Workbook, result: Result) -> None:
    plan = book["Action plan"]
    assert [cell.value for cell in plan[1]] == PLAN_HEADERS
    gaps = result.gaps
    assert _column(plan, "Id")[: len(gaps)] == [gap.item.id for gap in gaps]
    assert _column(plan, "Priority")[: len(gaps)] == [
        "high",
        "medium",
        "medium",
        "medium",
        "low",
        "low",
    ]
    row = [cell.value for cell in plan[3]]
    assert row == [
        "bas-02",
        "Is the filter set up?",
        "medium",
        "partial",
        "Set it up.",
        "IT lead",
        None,
        None,
        None,
        None,
        "Basics",
        "expected",
        '=HYPERLINK("http://evil.example","x")',
        "A screenshot.",
        "Document A, para 2 (check source)",
    ]
    for title in ("Owner", "Due date", "Status", "Governor comments"):
        assert set(_column(plan, title)) == {None}, title


def test_action_plan_status_dropdown_covers_every_gap_and_spare_rows(
    book: Workbook, result: Result
) -> None:
    plan = book["Action plan"]
    status = "ABCDEFGHIJKLMNO"[PLAN_HEADERS.index("Status")]
    lists = [dv for dv in plan.data_validations.dataValidation if dv.type == "list"]
    assert len(lists) == 1
    assert lists[0].formula1 == '"Not started,In progress,Done"'
    last = 1 + len(result.gaps) + workbook_module.EXTRA_PLAN_ROWS
    assert str(lists[0].sqref) == f"{status}2:{status}{last}"
    due = PLAN_HEADERS.index("Due date") + 1
    assert all(plan.cell(row, due).number_format == "dd/mm/yy" for row in range(2, last + 1))


def test_action_plan_colours_priorities_by_rule(book: Workbook) -> None:
    plan = book["Action plan"]
    priority = "ABCDEFGHIJKLMNO"[PLAN_HEADERS.index("Priority")]
    rules = {
        rule.formula[0]: rule.dxf.fill.bgColor.rgb
        for ranges in plan.conditional_formatting
        if str(ranges.sqref).startswith(priority)
        for rule in ranges.rules
    }
    assert rules.keys() == {'"high"', '"medium"', '"low"'}
    assert rules['"high"'].endswith("FFC7CE")


def test_action_plan_is_set_up_for_screen_and_paper(book: Workbook, result: Result) -> None:
    plan = book["Action plan"]
    assert plan.freeze_panes == "B2"
    assert plan.auto_filter.ref.startswith("A1:O")
    assert all(plan.cell(2, c).alignment.wrap_text for c in range(1, 16))
    assert plan.column_dimensions["B"].width >= 30  # the requirement reads on a few lines
    # on paper: ten columns, at 100 %; notes, evidence and references stay on screen
    printed = 1 + len(result.gaps) + 5  # the gaps and five spare rows to write in
    assert plan.print_area == f"'Action plan'!$A$1:$J${printed}"
    assert plan.column_dimensions["K"].outline_level == 1
    for title in ("Owner", "Due date", "Status", "Governor comments"):  # room to write in
        letter = "ABCDEFGHIJ"[PLAN_HEADERS.index(title)]
        assert plan.column_dimensions[letter].width >= 8, title
        assert plan[f"{letter}2"].border.left.style == "thin", title  # a box for the pen


@pytest.mark.parametrize("name", ["Summary", "Action plan", "Answers", "How scored", "Sources"])
def test_printed_columns_fit_the_page_at_full_size(book: Workbook, name: str) -> None:
    """A sheet wider than the page is shrunk to fit it: 9 pt text would print smaller."""
    sheet = book[name]
    printed = printed_columns(sheet)
    widths = [sheet.column_dimensions[get_column_letter(c)].width for c in range(1, printed + 1)]
    assert sum(widths) <= PAGE_WIDTH, widths
    fonts = {c.font.sz for row in sheet.iter_rows(max_col=printed) for c in row if c.value}
    assert min(fonts) >= 9


@pytest.mark.parametrize("name", ["Summary", "Action plan", "Answers", "How scored", "Sources"])
def test_every_sheet_prints_landscape_at_full_size_with_footer(book: Workbook, name: str) -> None:
    """Each sheet's printed columns fit A4 landscape, so it prints at 100 %, never shrunk."""
    sheet = book[name]
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.scale == 100
    assert not sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.oddFooter.left.text == "St Mary && St John's Primary"  # & escaped as &&
    assert "&P" in sheet.oddFooter.right.text and "&N" in sheet.oddFooter.right.text


@pytest.mark.parametrize("name", ["Action plan", "Answers", "Sources"])
def test_table_sheets_repeat_their_header_row(book: Workbook, name: str) -> None:
    assert book[name].print_title_rows == "$1:$1"


def test_answers_sheet_has_every_item_and_says_why_one_did_not_apply(
    book: Workbook, result: Result
) -> None:
    answers = book["Answers"]
    assert _column(answers, "Id")[: len(result.items)] == [r.item.id for r in result.items]
    rows = {
        row[0].value: {answers.cell(1, c.column).value: c.value for c in row}
        for row in answers.iter_rows(min_row=2)
    }
    assert rows["sec-01"]["Applies"] == "no"
    assert rows["sec-01"]["Why not counted"] == (
        "applies only to secondary or all-through schools (this school: primary)"
    )
    assert rows["ppl-05"]["Why not counted"] == "text items are information, never scored"
    assert rows["ppl-02"]["Answer"] == "Internet and web monitoring"
    assert rows["ppl-02"]["Credit"] == 0.75
    assert rows["ppl-02"]["Evidence"] == "@SUM(A1)"
    assert rows["bas-02"]["References"] == "Document A, para 2 (check source)"
    assert rows["bas-02"]["Weight × credit"] == 1.5
    # on paper, nothing: the Action plan prints every gap's answer, and the Summary says so
    empty = answers.max_row + 2
    assert answers.print_area == f"'Answers'!$A${empty}"
    assert answers.cell(empty, 1).value is None
    assert rows["bas-01"]["Gap"] == "no" and rows["bas-02"]["Gap"] == "yes"


def test_not_applicable_wording_for_item_and_profile_conditions(tmp_path: Path) -> None:
    text = ANSWERS.replace("bas-02: {answer: partial", 'bas-02: {answer: "no"').replace(
        'boarding: "yes"', 'boarding: "no"'
    )
    answers = load_workbook(io.BytesIO(render_governor_workbook(_result(tmp_path, text))))[
        "Answers"
    ]
    why = dict(zip(_column(answers, "Id"), _column(answers, "Why not counted"), strict=True))
    assert (
        why["bas-03"]
        == "applies only when bas-02 (“Is the filter set up?”) is yes or partial (it is no)"
    )
    assert why["ppl-06"] == (
        "applies only when the answer to “Does the school have boarding pupils?” is yes (it is no)"
    )


def test_how_scored_sheet_shows_each_sections_arithmetic(book: Workbook) -> None:
    text = _all_text(book["How scored"])
    # items alike counted together, as in the governors' pack's appendix: 1×0.5 once, 1×1 once
    assert "100 × (2×0.5 + 1×1 + 1×0.75 + 1×0.5 + 1×0) / (2 + 4×1) = 100 × 3.25 / 6" in text
    assert "(2×58.3 + 1×54.2) / (2 + 1) = 56.9" in text
    assert "ppl-06: Are boarders supervised online in the evenings? Answer: no." in text


def test_glossary_sheet_puts_the_terms_the_gaps_use_first() -> None:
    """Terms the Action plan's gaps use come first, with those gaps; the rest follow in the
    glossary's order. A met item's terms are not 'used by a gap'."""
    items = [
        builders.item("flt-01", text="Does the DSL see the logs?", remediation="Ask for a VLAN."),
        builders.item("flt-02", text="Is there a DPIA?"),
        builders.item("flt-03", text="Does the DSL sign it off?"),
    ]
    glossary = builders.GLOSSARY
    checklist = dataclasses.replace(builders.checklist(("flt", items)), glossary=glossary)
    answers = builders.answers({"flt-01": "no", "flt-02": "yes", "flt-03": "partial"})
    sheet = _read(score(checklist, answers))["Glossary"]
    assert _column(sheet, "Term") == [glossary[1][0], glossary[2][0], glossary[0][0]]
    assert _column(sheet, "In plain words")[0] == glossary[1][1]
    assert _column(sheet, "Gaps that use it") == ["flt-01, flt-03", "flt-01", None]


@pytest.mark.parametrize("name", ["Answers", "Sources", "Glossary"])
def test_screen_only_sheets_print_nothing_and_the_summary_says_so(
    book: Workbook, name: str
) -> None:
    """Their print area is one empty cell, which LibreOffice prints as no page at all."""
    sheet = book[name]
    empty = sheet.max_row + 2
    assert sheet.print_area == f"'{name}'!$A${empty}"
    assert sheet.cell(empty, 1).value is None
    summary = _all_text(book["Summary"])
    assert (
        f"On screen only: {name}" in summary or f", {name}" in summary or f"and {name}" in summary
    )


def test_sources_sheet_lists_every_document_and_where_it_is_cited(book: Workbook) -> None:
    sources = book["Sources"]
    assert _column(sources, "Source")[:2] == ["doc-a", "doc-b"]
    assert _column(sources, "Title")[:2] == ["Document A", "Document B"]
    cited = _column(sources, "Cited by")
    assert cited[0].startswith("bas-01 (para 1); bas-02 (para 2, check source); ppl-01")
    assert cited[1] == "bas-03; ppl-03; ppl-05"


LEADS = ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", '=HYPERLINK("http://e.example")', "#N/A"]


@pytest.mark.parametrize("lead", LEADS, ids=repr)
def test_text_from_files_is_never_a_formula(lead: str) -> None:
    """Answers notes, evidence, school names and checklist text all stay text."""
    item = builders.item(
        "flt-01", text=lead, remediation=lead, evidence=lead, owner=lead, type="yesno"
    )
    checklist = builders.checklist(("flt", [item]))
    answers = builders.answers(
        {"flt-01": Answer("no", note=lead, evidence=lead)},
        school={"name": lead, "trust": lead},
    )
    book = _read(score(checklist, answers))
    found = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate}"
                if cell.value == lead:
                    assert cell.data_type == "s"
                    found += 1
    assert found >= 8  # requirement, action, evidence needed, owner, note, evidence, name, trust


def test_characters_a_sheet_cannot_hold_do_not_crash_it() -> None:
    item = builders.item("flt-01", type="yesno")
    answers = builders.answers({"flt-01": Answer("no", note="bell\x07 and nul\x00")})
    book = _read(score(builders.checklist(("flt", [item])), answers))
    assert "bell\ufffd and nul\ufffd" in _column(book["Action plan"], "Note")


@pytest.mark.parametrize("brk", ["\r\n", "\r", "\x85", "\u2029", "\x1c", "\x1e"], ids=repr)
def test_line_and_paragraph_separators_in_a_note_are_measured_not_a_crash(brk: str) -> None:
    """Measuring a row's height crashed (exit 3) on a note with a carriage return: the font
    shaper refuses a word holding a line or paragraph separator."""
    note = f"First line{brk}second line"
    item = builders.item("flt-01", type="yesno")
    answers = builders.answers({"flt-01": Answer("no", note=note)})
    book = _read(score(builders.checklist(("flt", [item])), answers))
    (shown,) = _column(book["Answers"], "Note")[:1]
    assert shown.startswith("First line") and shown.endswith("second line")
    assert wrapped_lines(note, 30) == (1 if brk in "\x1c\x1e" else 2)


def test_a_control_character_in_the_school_name_leaves_a_readable_file() -> None:
    """A forbidden character in a document property made the whole file unreadable."""
    item = builders.item("flt-01", type="yesno")
    answers = builders.answers({"flt-01": "no"}, school={"name": "Oak\x01field"})
    book = _read(score(builders.checklist(("flt", [item])), answers))
    assert book.properties.title == "Online safety audit: Oak\ufffdfield"
    assert _labels(book["Summary"])["School"] == "Oak\ufffdfield"


def test_text_longer_than_a_cell_holds_is_cut_with_a_mark() -> None:
    """Excel offers to repair a file with a cell over 32,767 characters (UTF-16 units)."""
    note = "=" + "word 🙂 " * 6000  # 42,001 characters, 48,001 UTF-16 units
    item = builders.item("flt-01", type="yesno")
    answers = builders.answers({"flt-01": Answer("no", note=note)})
    book = _read(score(builders.checklist(("flt", [item])), answers))
    (cell,) = (c for row in book["Answers"].iter_rows() for c in row if "word" in str(c.value))
    assert len(cell.value.encode("utf-16-le")) // 2 <= 32767
    assert cell.value.startswith("=word 🙂 word")
    assert cell.value.endswith(
        "[cut: a cell holds at most 32,767 characters; the rest is in the answers file]"
    )
    assert cell.data_type == "s"


def test_rows_stay_within_excels_height_and_a_long_note_says_where_the_rest_is() -> None:
    """A row taller than a page printed a blank page, then the note cut off unmarked."""
    note = " ".join(f"Sentence {n} of what the provider said on the call." for n in range(60))
    item = builders.item("flt-01", type="yesno")
    answers = builders.answers({"flt-01": Answer("no", note=note, evidence=note)})
    book = _read(score(builders.checklist(("flt", [item])), answers))
    for sheet in book.worksheets:
        heights = [d.height for d in sheet.row_dimensions.values() if d.height]
        assert max(heights, default=0) <= 409, sheet.title
    (planned,) = _column(book["Action plan"], "Note")[:1]
    kept = planned.removesuffix(" … (the whole note is on the Answers sheet)")
    assert kept != planned and note.startswith(kept) and len(kept) > 300
    assert _column(book["Answers"], "Note")[:1] == [note]


def test_a_section_held_at_amber_says_why() -> None:
    """90 is green by the thresholds; a statutory gap holds the section at amber."""
    items = [
        builders.item("flt-01", type="yesno", severity="statutory"),
        builders.item("flt-02", type="yesno", weight=9),
    ]
    answers = builders.answers({"flt-01": "no", "flt-02": "yes"})
    book = _read(score(builders.checklist(("flt", items)), answers))
    held = "held at amber: statutory flt-01 not fully met"
    assert f"; {held}" in _all_text(book["Summary"])
    assert f"= 100 × 9 / 10 = 90.0 (score 90.0, AMBER; {held})" in _all_text(book["How scored"])


def test_document_properties_name_the_tool_and_nobody_else(book: Workbook) -> None:
    properties = book.properties
    assert properties.creator == f"schoolaudit {__version__}"
    assert properties.lastModifiedBy == f"schoolaudit {__version__}"
    assert properties.title == "Online safety audit: St Mary & St John's Primary"
    assert properties.subject == "Mini test checklist, version 1.0"


def test_no_gaps_still_leaves_a_plan_to_fill_in() -> None:
    item = builders.item("flt-01", type="yesno")
    result = score(builders.checklist(("flt", [item])), builders.answers({"flt-01": "yes"}))
    book = _read(result)
    plan = book["Action plan"]
    assert _column(plan, "Requirement")[0] == "No gaps: every applicable item is fully met."
    assert any(dv.type == "list" for dv in plan.data_validations.dataValidation)
    assert "No gaps: every applicable item is fully met." in _all_text(book["Summary"])


def test_write_workbook_replaces_a_file_only_with_a_complete_one(
    tmp_path: Path, result: Result, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"the old report")

    def broken(_result: Result) -> Any:
        raise RuntimeError("rendering failed half way")

    monkeypatch.setattr(workbook_module, "build_workbook", broken)
    with pytest.raises(RuntimeError):
        write_governor_workbook(result, target)
    assert target.read_bytes() == b"the old report"
    monkeypatch.undo()
    write_governor_workbook(result, target)
    assert load_workbook(target).sheetnames[0] == "Summary"
    assert [p.name for p in tmp_path.iterdir() if p.name != "answers.yaml"] == ["report.xlsx"]


# --- through the command line ----------------------------------------------------------------


@pytest.fixture
def answers_file(tmp_path: Path) -> Path:
    path = tmp_path / "answers.yaml"
    path.write_text(ANSWERS, encoding="utf-8")
    return path


def test_report_xlsx_writes_the_workbook(
    runner: CliRunner, answers_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "governors.xlsx"
    out.write_bytes(b"an older report")
    outcome = runner.invoke(app, ["report", str(answers_file), "-c", str(MINI), "--xlsx", str(out)])
    assert outcome.exit_code == 0, outcome.output
    assert "Overall score" in outcome.stdout  # the terminal report is still shown
    book = load_workbook(out)
    assert _column(book["Action plan"], "Id")[:6] == [
        "ppl-06",
        "bas-02",
        "ppl-01",
        "ppl-02",
        "bas-03",
        "ppl-03",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--xlsx", "missing/out.xlsx"], "the folder missing does not exist"),
        (["--xlsx", "-"], "a workbook or PDF cannot go to standard output"),
        (["--xlsx", "."], ". is a folder"),
        (["--json", "-", "--markdown", "-"], "only one of --json and --markdown can be -"),
        (["--json", "fine.json", "--markdown", "missing/out.md"], "the folder missing does not"),
    ],
)
def test_unwritable_outputs_are_usage_errors_and_nothing_is_written(
    runner: CliRunner, answers_file: Path, args: list[str], message: str
) -> None:
    outcome = runner.invoke(app, ["report", str(answers_file), "-c", str(MINI), *args])
    assert outcome.exit_code == 2, outcome.output
    assert message in " ".join(outcome.stderr.split())
    assert "Traceback" not in outcome.output
    assert list(Path.cwd().iterdir()) == []


@pytest.mark.parametrize("option", ["--xlsx", "--markdown", "--json"])
def test_an_output_onto_the_answers_file_is_refused_and_the_answers_kept(
    runner: CliRunner, answers_file: Path, option: str
) -> None:
    """`--xlsx answers.yaml` replaced the school's whole audit with a report of it."""
    outcome = runner.invoke(
        app,
        [
            "report",
            str(answers_file),
            "-c",
            str(MINI),
            option,
            f"{answers_file.parent}/./{answers_file.name}",
        ],
    )
    assert outcome.exit_code == 2, outcome.output
    refusal = (
        "a workbook's name must end in .xlsx"  # refused first: the answers file is .yaml
        if option == "--xlsx"
        else "is an input of this report; writing there would replace it"
    )
    assert refusal in " ".join(outcome.stderr.split())
    assert answers_file.read_text(encoding="utf-8") == ANSWERS


def test_two_outputs_naming_one_file_are_refused(runner: CliRunner, answers_file: Path) -> None:
    args = ["report", str(answers_file), "-c", str(MINI), "--xlsx", "out.xlsx"]
    outcome = runner.invoke(app, [*args, "--markdown", "out.xlsx"])
    assert outcome.exit_code == 2, outcome.output
    assert "out.xlsx is also the --xlsx output" in " ".join(outcome.stderr.split())
    assert not Path("out.xlsx").exists()


@pytest.mark.parametrize("name", ["audit.xls", "audit", "audit.xlsx.yaml"])
def test_a_workbook_name_must_end_in_xlsx(runner: CliRunner, answers_file: Path, name: str) -> None:
    outcome = runner.invoke(app, ["report", str(answers_file), "-c", str(MINI), "--xlsx", name])
    assert outcome.exit_code == 2, outcome.output
    assert f"{name}: a workbook's name must end in .xlsx" in " ".join(outcome.stderr.split())
    assert not Path(name).exists()


def test_written_files_are_named_on_stderr(runner: CliRunner, answers_file: Path) -> None:
    args = ["report", str(answers_file), "-c", str(MINI), "--xlsx", "a.XLSX", "--json", "a.json"]
    outcome = runner.invoke(app, args)
    assert outcome.exit_code == 0, outcome.output
    assert outcome.stderr.splitlines()[-1] == "Wrote a.json, a.XLSX."
    assert "Wrote" not in outcome.stdout


def test_a_refused_write_is_a_clear_message_not_a_bug(
    runner: CliRunner, answers_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from schoolaudit import atomic

    def refuse(path: object, data: bytes) -> None:
        raise PermissionError(13, "Permission denied", f"{path}.tmp1234")

    monkeypatch.setattr(atomic, "write_bytes_atomic", refuse)
    out = tmp_path / "out.xlsx"
    outcome = runner.invoke(app, ["report", str(answers_file), "-c", str(MINI), "--xlsx", str(out)])
    assert outcome.exit_code == 1, outcome.output
    assert outcome.stderr.splitlines()[-1] == f"{out}: could not be written: Permission denied"


# --- LibreOffice -----------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_libreoffice_prints_every_workbook_short_and_legible(
    tmp_path: Path, result: Result
) -> None:
    """LibreOffice converts each workbook to PDF without complaint: every example on at
    most 15 A4 pages, no text under 9 pt (a sheet too wide for the page is shrunk)."""
    books = {"governors": result}
    for example in sorted((REPO / "examples").glob("*.yaml")):
        outcome = assess(str(example), Catalog())
        assert outcome.result is not None
        books[example.stem] = outcome.result
    for name, scored in books.items():
        write_governor_workbook(scored, tmp_path / f"{name}.xlsx")
    completed = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            *(str(tmp_path / f"{name}.xlsx") for name in books),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    for name in books:
        reader = PdfReader(tmp_path / f"{name}.pdf")
        assert len(reader.pages) <= MOST_PRINTED_PAGES, (name, len(reader.pages))
        assert min(_printed_sizes(reader)) >= 9 - 0.05, name
    text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "governors.pdf").pages)
    for expected in ("Online safety audit", "Governor", "How the score was reached"):
        assert expected in text
    assert "St Mary & St John's Primary" in text  # the footer's && printed as one &


def _printed_sizes(reader: PdfReader) -> set[float]:
    """The size every piece of text is printed at: its font size times the page's scaling."""
    sizes: set[float] = set()

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            sizes.add(abs(size * (tm[3] or tm[0]) * (cm[3] or cm[0])))

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    return sizes


def test_row_heights_come_from_the_fonts_widths() -> None:
    """Wide letters wrap sooner than narrow ones: lines are measured, not characters counted,
    and a row is as tall as its lines (no blank block under a short text)."""
    assert wrapped_lines("W" * 60, 20) > wrapped_lines("i" * 60, 20)
    assert wrapped_lines("Is the filter set up?", 36) == 1
    words = " ".join(["filtering"] * 40)
    lines = wrapped_lines(words, 36)
    assert 1 < lines < wrapped_lines(words, 18)
    assert row_height(lines) == pytest.approx(lines * 9 * 1.12 + 1, abs=0.05)
