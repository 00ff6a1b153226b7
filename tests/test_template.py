"""The fillable template: what `template` writes, and `import` reading a filled copy back.

Templates are filled with openpyxl the way a person fills them: answers
typed in odd case or with spaces, dates typed day first or left as Excel
serial numbers, rows sorted, columns inserted, notes added below the table.
Whatever they did, the import must hold the same answers as the YAML a
person would have written.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from typer.testing import CliRunner

from schoolaudit.answers import load_answers
from schoolaudit.catalog import Catalog
from schoolaudit.cli import app
from schoolaudit.model import Answers
from schoolaudit.render.template import PORTRAIT_PAGE_WIDTH, render_template
from tests.conftest import MINI, REPO, TESTS
from tests.templates import SCHOOL, fill, make_template, row_of

CASES = TESTS / "cases" / "answers" / "invalid"
HAND_WRITTEN = """\
schoolaudit: 1
checklist: {id: mini, version: "1.0"}
school: {name: Oakfield Primary, urn: "100000", phase: primary, trust: Oak Trust,
         boarding: "no", provider: Acme Filtering}
completed_by: A. Person, DSL
date: 2026-09-05
answers:
  bas-01: yes
  bas-02: {answer: partial, note: "Blocks known sites; =no category for new ones",
           evidence: "Filter test 2026-09-02"}
  bas-03: no
  ppl-01: 3
  ppl-02: web
  ppl-03: 85
  ppl-04: 2026-09-01
  ppl-05: {answer: "Acme filter", evidence: Contract}
  sec-01: {note: "Not yet asked"}
"""

MESSY = {
    "bas-01": "Yes ",
    "bas-02": (
        "PARTIAL",
        "Blocks known sites; =no category for new ones",
        "Filter test 2026-09-02",
    ),
    "bas-03": " no",
    "ppl-01": 3,
    "ppl-02": "Web",
    "ppl-03": "85%",
    "ppl-04": "01/09/2026",
    "ppl-05": ("Acme filter", None, "Contract"),
    "sec-01": (None, "Not yet asked"),
}
"""The answers above, as people type them into the template."""


def expected(tmp_path: Path) -> Answers:
    path = tmp_path / "hand.yaml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    return load_answers(str(path), resolve=_catalog().get)


def _catalog() -> Catalog:
    return Catalog([MINI.parent])


def imported(runner: CliRunner, filled: Path, out: Path, *extra: str) -> Answers:
    result = runner.invoke(app, ["import", str(filled), "-o", str(out), *extra, "-c", str(MINI)])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return load_answers(str(out), resolve=_catalog().get)


def same(left: Answers, right: Answers) -> None:
    assert (left.school, left.date, left.completed_by) == (
        right.school,
        right.date,
        right.completed_by,
    )
    assert dict(left.answers) == dict(right.answers)
    assert (left.checklist_id, left.checklist_version) == (
        right.checklist_id,
        right.checklist_version,
    )


# --- what `template` writes ----------------------------------------------------------------------


def test_template_command_writes_sheets_dropdowns_and_protection(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "template.xlsx"
    result = runner.invoke(app, ["template", "--checklist", str(MINI), "--xlsx", str(out)])
    assert result.exit_code == 0, result.output
    assert "Wrote" in result.stderr and "10 questions" in result.stderr
    workbook = load_workbook(out)
    assert workbook.sheetnames == ["Instructions", "School", "Answers", "schoolaudit"]
    assert workbook["schoolaudit"].sheet_state == "hidden"
    answers = workbook["Answers"]
    header = [cell.value for cell in answers[1]]
    assert header[:6] == ["id", "section", "question", "answer", "note", "evidence"]
    assert "guidance" in header and "applies only when" in header
    ids = [answers.cell(row=r, column=1).value for r in range(2, answers.max_row + 1)]
    assert ids == [item.id for item in _catalog().get(str(MINI)).items]  # grouped by section
    dropdowns = {
        str(cell): (v.type, v.formula1)
        for v in answers.data_validations.dataValidation
        for cell in str(v.sqref).split()
    }
    row = {item_id: n for n, item_id in enumerate(ids, start=2)}
    assert dropdowns[f"D{row['bas-01']}"] == ("list", '"yes,no,unsure"')
    assert dropdowns[f"D{row['bas-02']}"] == ("list", '"yes,partial,no,unsure"')
    assert dropdowns[f"D{row['ppl-01']}"] == ("list", '"1,2,3,4,5,unsure"')
    assert dropdowns[f"D{row['ppl-02']}"] == ("list", '"physical,web,active,unsure"')
    assert dropdowns[f"D{row['ppl-03']}"][0] == "decimal"
    assert dropdowns[f"D{row['ppl-04']}"] == ("list", '"never,unsure,na"')
    assert answers.protection.sheet and not answers.protection.password
    assert answers.cell(row=2, column=1).protection.locked  # ids stay as they are
    for col in (4, 5, 6):
        assert not answers.cell(row=2, column=col).protection.locked
    when = answers.cell(row=row["sec-01"], column=header.index("applies only when") + 1).value
    assert (
        when == "Applies only when the school's phase is secondary or all-through. "
        "Otherwise leave it blank."
    )
    school = workbook["School"]
    fields = [school.cell(row=r, column=1).value for r in range(2, school.max_row + 1)]
    assert fields == [
        "name",
        "urn",
        "phase",
        "trust",
        "local_authority",
        "boarding",
        "provider",
        "completed_by",
        "date",
    ]
    phase = next(v for v in school.data_validations.dataValidation if "C4" in str(v.sqref))
    assert phase.formula1.startswith('"nursery,primary,')


def test_the_instructions_print_on_one_portrait_page_width(tmp_path: Path) -> None:
    """At widths (4, 96) LibreOffice printed the step numbers alone on page 1 and the steps,
    cut at the right edge, on page 2: the sheet is portrait, and its columns must fit that."""
    sheet = load_workbook(make_template(tmp_path / "t.xlsx"))["Instructions"]
    assert sheet.page_setup.orientation == "portrait"
    assert sheet.page_setup.scale == 100  # 9 pt text prints at 9 pt
    widths = [sheet.column_dimensions[letter].width for letter in "AB"]
    assert sheet.max_column == 2
    assert sum(widths) <= PORTRAIT_PAGE_WIDTH


@pytest.mark.parametrize("command", ["audit", "migrate"])
def test_audit_and_migrate_on_a_template_point_to_import(
    runner: CliRunner, tmp_path: Path, command: str
) -> None:
    """They edit YAML in place; the message had said "give ... a filled template named .xlsx",
    which is what was given."""
    path = make_template(tmp_path / "filled.xlsx")
    result = runner.invoke(app, [command, str(path)], input="q\n")
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [
        f"{path}: this is a spreadsheet; this command edits a YAML answers file in place "
        f"(make one from a filled template first: schoolaudit import {path} -o answers.yaml)"
    ]


def test_a_messy_fill_imports_to_the_answers_a_person_would_have_written(
    runner: CliRunner, tmp_path: Path
) -> None:
    filled = fill(make_template(tmp_path / "t.xlsx"), SCHOOL | {"phase": "Primary "}, MESSY)
    got = imported(runner, filled, tmp_path / "imported.yaml")
    same(got, expected(tmp_path))
    text = (tmp_path / "imported.yaml").read_text(encoding="utf-8")
    assert "date: 2026-09-05" in text and "ppl-04: 2026-09-01" in text  # ISO in files we write


def test_sorted_or_filtered_rows_inserted_columns_and_notes_below_still_import(
    runner: CliRunner, tmp_path: Path
) -> None:
    template = make_template(tmp_path / "t.xlsx")
    workbook = load_workbook(template)
    sheet = workbook["Answers"]
    sheet.protection.sheet = False  # what a person does to sort: Review > Unprotect Sheet
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    for number, values in enumerate(reversed(rows), start=2):  # sorted Z to A
        for col, value in enumerate(values, start=1):
            sheet.cell(row=number, column=col).value = value
    sheet.auto_filter.ref = f"A1:I{sheet.max_row}"  # filtered to the unanswered: rows hidden
    for number in range(3, sheet.max_row + 1, 2):
        sheet.row_dimensions[number].hidden = True
    sheet.insert_cols(2)  # their own column, "who answers"
    sheet.cell(row=1, column=2).value = "who answers"
    sheet.cell(row=sheet.max_row + 2, column=1).value = "Checked with the DSL on Monday"
    workbook["School"].insert_rows(1)  # a title row above the header
    workbook["School"].cell(row=1, column=1).value = "Our school"
    workbook.save(template)
    filled = fill(template, SCHOOL, MESSY)
    same(imported(runner, filled, tmp_path / "i.yaml"), expected(tmp_path))


def test_dates_as_excel_dates_or_serial_numbers(runner: CliRunner, tmp_path: Path) -> None:
    school = SCHOOL | {"date": dt.datetime(2026, 9, 5), "urn": 100000}
    answers = MESSY | {"ppl-04": 46266}  # 1 September 2026, a date cell whose format was cleared
    filled = fill(make_template(tmp_path / "t.xlsx"), school, answers)
    same(imported(runner, filled, tmp_path / "i.yaml"), expected(tmp_path))
    answers = MESSY | {"ppl-04": dt.datetime(2026, 9, 1)}
    filled = fill(make_template(tmp_path / "u.xlsx"), school, answers)
    same(imported(runner, filled, tmp_path / "j.yaml"), expected(tmp_path))


def test_validate_and_report_read_a_filled_template_as_they_read_yaml(
    runner: CliRunner, tmp_path: Path
) -> None:
    filled = fill(make_template(tmp_path / "t.xlsx"), SCHOOL, MESSY)
    yaml_path = tmp_path / "hand.yaml"
    yaml_path.write_text(HAND_WRITTEN, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(filled), "-c", str(MINI)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{filled}: ok (mini v1.0; 8 of 8 applicable items answered)")
    reports = [
        json.loads(runner.invoke(app, ["report", str(path), "-c", str(MINI), "--json", "-"]).stdout)
        for path in (filled, yaml_path)
    ]
    assert reports[0].pop("source_file") == str(filled)
    reports[1].pop("source_file")
    assert reports[0] == reports[1]


def test_every_message_names_its_cell(runner: CliRunner, tmp_path: Path) -> None:
    template = make_template(tmp_path / "t.xlsx")
    filled = fill(template, SCHOOL, {"bas-02": "maybe", "ppl-01": 7, "ppl-04": "31/02/2026"})
    sheet = load_workbook(filled)["Answers"]
    rows = {item_id: row_of(sheet, 1, item_id) for item_id in ("bas-02", "ppl-01", "ppl-04")}
    result = runner.invoke(
        app, ["import", str(filled), "-o", str(tmp_path / "a.yaml"), "-c", str(MINI)]
    )
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [
        f"{filled}:Answers!D{rows['bas-02']}: 'maybe' is not an answer to bas-02 "
        "(allowed: yes, partial, no, unsure)",
        f"{filled}:Answers!D{rows['ppl-01']}: '7' is not an answer to ppl-01: a level is 1 to 5 "
        "(allowed: 1, 2, 3, 4, 5, unsure)",
        f"{filled}:Answers!D{rows['ppl-04']}: '31/02/2026' is not an answer to ppl-04: "
        "write a real date as DD/MM/YYYY (allowed: a date as DD/MM/YYYY, never, unsure, na)",
    ]
    assert not (tmp_path / "a.yaml").exists()
    checked = runner.invoke(app, ["validate", str(filled), "-c", str(MINI), "--format", "json"])
    (outcome,) = json.loads(checked.stdout)
    first = outcome["problems"][0]
    assert (first["code"], first["cell"], first["line"]) == (
        "answers/bad-answer",
        f"Answers!D{rows['bas-02']}",
        None,
    )


def test_a_template_for_a_view_asks_the_base_checklists_questions(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "dfe.xlsx"
    result = runner.invoke(app, ["template", "-c", "dfe-filtering-monitoring", "--xlsx", str(out)])
    assert result.exit_code == 0, result.output
    assert "dfe-filtering-monitoring is a view of uksic-online-safety" in result.stderr
    marker = load_workbook(out)["schoolaudit"]
    assert (marker["B3"].value, marker["B4"].value) == (
        "uksic-online-safety",
        Catalog().get(None).version,
    )


@pytest.mark.parametrize(
    ("name", "case", "message"),
    [
        ("school.ods", "xlsx-saved-as-ods.xlsx", "this is an OpenDocument spreadsheet (.ods)"),
        ("school.xls", "xlsx-old-excel.xlsx", "this is an old-style Excel file"),
    ],
)
def test_other_spreadsheet_formats_are_named_with_how_to_save_them(
    runner: CliRunner, tmp_path: Path, name: str, case: str, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes((CASES / case).read_bytes())
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"{path}: {message}"), result.stderr


def test_import_refuses_to_overwrite_its_input_or_an_answers_file(
    runner: CliRunner, tmp_path: Path
) -> None:
    filled = fill(make_template(tmp_path / "t.xlsx"), SCHOOL, MESSY)
    before = filled.read_bytes()
    result = runner.invoke(app, ["import", str(filled), "-o", str(filled)])
    assert result.exit_code == 2 and "an answers file is YAML" in result.stderr, result.output
    existing = tmp_path / "last.yaml"
    existing.write_text("kept\n", encoding="utf-8")
    result = runner.invoke(app, ["import", str(filled), "-o", str(existing), "-c", str(MINI)])
    assert result.exit_code == 2 and "--force" in result.stderr, result.output
    assert existing.read_text(encoding="utf-8") == "kept\n" and filled.read_bytes() == before
    got = imported(runner, filled, existing, "--force")
    same(got, expected(tmp_path))


def test_prefill_writes_last_years_answers_in(runner: CliRunner, tmp_path: Path) -> None:
    last_year = tmp_path / "2025.yaml"
    last_year.write_text(
        HAND_WRITTEN.replace("date: 2026-09-05", "date: 2026-09-10"), encoding="utf-8"
    )
    out = tmp_path / "t.xlsx"
    args = ["template", "-c", str(MINI), "--xlsx", str(out), "--prefill", str(last_year)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "9 answers filled in" in result.stderr
    school = load_workbook(out)["School"]
    assert school.cell(row=row_of(school, 1, "date"), column=3).value is None  # this year's to give
    filled = fill(out, {"date": "05/09/2026"})
    same(imported(runner, filled, tmp_path / "i.yaml"), expected(tmp_path))


def test_a_template_from_an_older_checklist_says_what_is_new_and_gone(
    runner: CliRunner, tmp_path: Path
) -> None:
    filled = fill(make_template(tmp_path / "t.xlsx"), SCHOOL, MESSY)
    newer = tmp_path / "mini.yaml"
    text = MINI.read_text(encoding="utf-8").replace('version: "1.0"', 'version: "1.1"')
    newer.write_text(text.replace("id: ppl-05", "id: ppl-07"), encoding="utf-8")
    result = runner.invoke(
        app, ["import", str(filled), "-o", str(tmp_path / "a.yaml"), "-c", str(newer)]
    )
    assert result.exit_code == 0, result.output
    assert (
        f"{filled}:Answers!A1: warning: this template was made for mini version 1.0; version 1.1 "
        "is current; new items, not in the template and so unanswered: ppl-07; items no longer in "
        "the checklist: ppl-05 (answers to ppl-05 left out)"
    ) in result.stderr


def test_a_template_saved_again_the_way_excel_lays_it_out_imports(
    runner: CliRunner, tmp_path: Path
) -> None:
    from tests.templates import zip_parts, zipped

    filled = fill(make_template(tmp_path / "t.xlsx"), SCHOOL, MESSY)
    excel = tmp_path / "excel.xlsx"
    excel.write_bytes(zipped(excel_layout(zip_parts(filled.read_bytes()))))
    same(imported(runner, excel, tmp_path / "i.yaml"), expected(tmp_path))


def excel_layout(parts: dict[str, bytes]) -> dict[str, bytes]:
    """Rewrite a workbook as Excel's Save As lays it out: every string moved into a
    shared-strings table (openpyxl writes them inline), and every cell style renumbered
    (Excel rebuilds the style table when it saves)."""
    import re

    shared: dict[str, int] = {}

    def to_shared(match: re.Match[str]) -> str:
        index = shared.setdefault(match[3], len(shared))
        return f'{match[1]}t="s"{match[2]}><v>{index}</v></c>'

    styles = parts["xl/styles.xml"].decode("utf-8")
    block = re.search(r"<cellXfs[^>]*>(.*?)</cellXfs>", styles, flags=re.S)
    assert block is not None
    xfs = re.findall(r"<xf\b[^>]*/>|<xf\b.*?</xf>", block.group(1), flags=re.S)
    renumbered = [xfs[0], *reversed(xfs[1:])]  # style 0 stays the default, as Excel keeps it
    new_block = f'<cellXfs count="{len(xfs)}">' + "".join(renumbered) + "</cellXfs>"
    parts["xl/styles.xml"] = styles.replace(block.group(0), new_block).encode("utf-8")
    renumber = {0: 0, **{i: len(xfs) - i for i in range(1, len(xfs))}}
    for name in [n for n in parts if n.startswith("xl/worksheets/sheet")]:
        xml = parts[name].decode("utf-8")
        xml = re.sub(r' s="(\d+)"', lambda m: f' s="{renumber[int(m[1])]}"', xml)
        xml = re.sub(
            r'(<c [^>]*?)t="inlineStr"([^>]*)><is>'
            r'(?:<t>|<t xml:space="preserve">)(.*?)</t></is></c>',
            to_shared,
            xml,
            flags=re.S,
        )
        parts[name] = xml.encode("utf-8")
    items = "".join(f'<si><t xml:space="preserve">{text}</t></si>' for text in shared)
    parts["xl/sharedStrings.xml"] = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{len(shared)}" uniqueCount="{len(shared)}">{items}</sst>'
    ).encode()
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdShared" Type="http://schemas.openxmlformats.org/officeDocument/'
        b'2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    )
    assert len(shared) > 50, "the template's text is now in the shared-strings table"
    return parts


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_template_saved_again_by_libreoffice_imports(runner: CliRunner, tmp_path: Path) -> None:
    filled = fill(make_template(tmp_path / "t.xlsx"), SCHOOL, MESSY)
    out = tmp_path / "lo"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(filled),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    resaved = out / "t.xlsx"
    assert resaved.read_bytes() != filled.read_bytes()
    same(imported(runner, resaved, tmp_path / "i.yaml"), expected(tmp_path))


def test_template_text_is_never_a_formula(tmp_path: Path) -> None:
    """Last year's note `=HYPERLINK(…)` is written in as text, and imports back as itself."""
    hand = tmp_path / "last.yaml"
    note = '=HYPERLINK("http://example.invalid","x")'
    hand.write_text(HAND_WRITTEN.replace('"Not yet asked"', json.dumps(note)), encoding="utf-8")
    checklist = _catalog().get(str(MINI))
    last_year = load_answers(str(hand), checklist, today=dt.date(2026, 9, 5))
    path = _bytes_file(tmp_path, render_template(checklist, last_year))
    workbook = load_workbook(path)
    for sheet in workbook:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate)
    fill(path, {"date": "05/09/2026"})
    again = load_answers(str(path), checklist, today=dt.date(2026, 9, 5))
    assert again.answers["sec-01"].note == note


def test_every_row_is_tall_enough_for_its_longest_cell(tmp_path: Path) -> None:
    """Guidance and 'applies only when' show whole on screen, not cut at the row's foot."""
    from schoolaudit.render.xlsx import row_height, wrapped_lines

    workbook = load_workbook(_bytes_file(tmp_path, render_template(Catalog().get(None))))
    sheet = workbook["Answers"]
    for row in range(2, sheet.max_row + 1):
        for col in range(1, sheet.max_column + 1):
            cell = sheet.cell(row=row, column=col)
            if isinstance(cell.value, str):
                width = sheet.column_dimensions[cell.column_letter].width
                lines = wrapped_lines(cell.value, width, float(cell.font.sz))
                needed = row_height(lines, float(cell.font.sz))
                assert (sheet.row_dimensions[row].height or row_height(1)) >= needed, (
                    cell.coordinate
                )


def _bytes_file(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "x.xlsx"
    path.write_bytes(data)
    return path


# --- property: whatever a person types that is an answer, import reads as the YAML would ------

_WORDS = {
    "bas-01": ["yes", "no", "unsure"],
    "bas-02": ["yes", "partial", "no", "unsure"],
    "bas-03": ["yes", "partial", "no", "unsure"],
    "ppl-02": ["physical", "web", "active", "unsure"],
    "ppl-06": ["yes", "no", "unsure"],
    "sec-01": ["yes", "partial", "no", "unsure"],
}
_TEXT = st.text(st.sampled_from("abcXYZ019 ,.;:'()/&-"), min_size=1, max_size=30).map(str.strip)


@st.composite
def _typed_word(draw: st.DrawFn, words: list[str]) -> tuple[object, object]:
    """(what the YAML holds, what a person types): another case, spaces around."""
    word = draw(st.sampled_from(words))
    cased = draw(st.sampled_from([word, word.upper(), word.capitalize()]))
    return word, draw(st.sampled_from(["", " "])) + cased + draw(st.sampled_from(["", "  "]))


@st.composite
def _typed_date(draw: st.DrawFn) -> tuple[object, object]:
    day = draw(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2026, 9, 5)))
    typed = draw(
        st.sampled_from(
            [
                day.strftime("%d/%m/%Y"),
                day.isoformat(),
                dt.datetime(day.year, day.month, day.day),
                (day - dt.date(1899, 12, 30)).days,
            ]
        )
    )
    return day.isoformat(), typed


def _entries() -> st.SearchStrategy[dict[str, tuple[object, object, str | None]]]:
    answers: dict[str, st.SearchStrategy[tuple[object, object]]] = {
        item_id: _typed_word(words) for item_id, words in _WORDS.items()
    }
    answers["ppl-01"] = st.integers(1, 5).map(lambda n: (n, n))
    answers["ppl-03"] = st.integers(0, 100).map(lambda n: (n, f"{n}%"))
    answers["ppl-04"] = st.one_of(_typed_date(), _typed_word(["never", "na", "unsure"]))
    answers["ppl-05"] = _TEXT.filter(bool).map(lambda t: (t, t))
    return st.dictionaries(
        st.sampled_from(sorted(answers)), st.just(None), max_size=len(answers)
    ).flatmap(
        lambda chosen: st.fixed_dictionaries(
            {k: st.tuples(answers[k], st.none() | _TEXT.filter(bool)) for k in chosen}
        ).map(lambda d: {k: (v[0][0], v[0][1], v[1]) for k, v in d.items()})
    )


@settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries=_entries())
def test_any_typed_answers_import_as_the_yaml_holds_them(
    tmp_path: Path, entries: dict[str, tuple[object, object, str | None]]
) -> None:
    template = make_template(tmp_path / "t.xlsx")
    typed = {k: (shown, note) for k, (_, shown, note) in entries.items()}
    filled = fill(template, SCHOOL, typed)
    yaml_answers = {
        k: ({"answer": value, "note": note} if note else {"answer": value})
        for k, (value, _, note) in entries.items()
    }
    document = json.loads(HAND_WRITTEN_JSON) | {"answers": yaml_answers}
    hand = tmp_path / "hand.yaml"
    hand.write_text(json.dumps(document), encoding="utf-8")  # JSON is YAML
    checklist = _catalog().get(str(MINI))
    got = load_answers(str(filled), checklist, today=dt.date(2026, 9, 5))
    want = load_answers(str(hand), checklist, today=dt.date(2026, 9, 5))
    same(got, want)


HAND_WRITTEN_JSON = json.dumps(
    {
        "schoolaudit": 1,
        "checklist": {"id": "mini", "version": "1.0"},
        "school": {k: v for k, v in SCHOOL.items() if k not in ("completed_by", "date")},
        "completed_by": SCHOOL["completed_by"],
        "date": "2026-09-05",  # SCHOOL's 05/09/2026, as a file holds it
    }
)


@pytest.mark.parametrize(
    "example", sorted((REPO / "examples").glob("*.yaml")), ids=lambda p: p.stem
)
def test_every_example_survives_prefill_fill_and_import(
    runner: CliRunner, tmp_path: Path, example: Path
) -> None:
    """Last year's answers, written into a template and read back, are exactly what they were."""
    before = load_answers(str(example))
    out = tmp_path / "t.xlsx"
    made = runner.invoke(app, ["template", "--xlsx", str(out), "--prefill", str(example)])
    assert made.exit_code == 0, made.output
    fill(out, {"date": before.date.strftime("%d/%m/%Y")})
    result = runner.invoke(app, ["import", str(out), "-o", str(tmp_path / "back.yaml")])
    assert result.exit_code == 0, result.output
    same(load_answers(str(tmp_path / "back.yaml")), before)


def test_a_list_past_excels_255_characters_comes_from_the_hidden_sheet(tmp_path: Path) -> None:
    from schoolaudit.model import Option
    from tests.builders import checklist, item

    options = tuple(Option(f"option-number-{n:02d}", f"Option {n}", n / 30) for n in range(30))
    long_list = checklist(("sec", [item("sec-01", type="choice", options=options)]))
    path = tmp_path / "t.xlsx"
    path.write_bytes(render_template(long_list))
    sheet = load_workbook(path)["Answers"]
    (check,) = sheet.data_validations.dataValidation
    assert check.formula1 == "'schoolaudit'!$E$1:$E$31"  # 30 options and unsure
    school = {k: v for k, v in SCHOOL.items() if k not in ("boarding", "provider")}
    fill(path, school, {"sec-01": "OPTION-NUMBER-29"})
    got = load_answers(str(path), long_list, today=dt.date(2026, 9, 5))
    assert got.value("sec-01") == "option-number-29"


def test_prefill_from_an_older_version_moves_the_answers_as_migrate_does(
    runner: CliRunner, tmp_path: Path
) -> None:
    """Last year's file on 2026.1: the template is the current version, last year's answers in."""
    import yaml

    old = Catalog().get("uksic-online-safety", "2026.1")
    data = yaml.safe_load((REPO / "examples" / "oakfield-primary.yaml").read_text("utf-8"))
    data["checklist"]["version"] = old.version
    data["answers"] = {k: v for k, v in data["answers"].items() if k in old.item_by_id}
    last_year = tmp_path / "2025.yaml"
    last_year.write_text(json.dumps(data, default=str), encoding="utf-8")
    out = tmp_path / "t.xlsx"
    result = runner.invoke(app, ["template", "--xlsx", str(out), "--prefill", str(last_year)])
    assert result.exit_code == 0, result.output
    current = Catalog().get(None)
    assert f"{current.id} v{current.version}" in result.stderr
    assert f"{len(data['answers'])} answers filled in" in result.stderr
    # The QA pass: nothing said the answers had been moved onto another version (audit does)
    assert result.stderr.startswith(
        f"{last_year} answers uksic-online-safety 2026.1; {current.version} is current, so the "
        f"template moved its answers onto {current.version} ({last_year} itself is unchanged).\n"
        f"  kept: {len(data['answers'])} answers\n"
    ), result.stderr
    assert "): left blank in the template\n" in result.stderr  # the new items
    marker = load_workbook(out)["schoolaudit"]
    assert marker["B4"].value == current.version


def test_a_template_made_for_an_older_version_imports_onto_that_version(
    runner: CliRunner, tmp_path: Path
) -> None:
    """It is checked against the version it asked, and the import says `migrate` moves it on."""
    old = Catalog().get("uksic-online-safety", "2026.1")
    out = tmp_path / "old.xlsx"
    out.write_bytes(render_template(old))
    first = old.items[0]
    fill(out, {"name": "Oakfield", "phase": "primary", "date": "05/09/2026"}, {first.id: "yes"})
    back = tmp_path / "back.yaml"
    result = runner.invoke(app, ["import", str(out), "-o", str(back)])
    assert result.exit_code == 0, result.output
    imported = load_answers(str(back), old)
    assert (imported.checklist_version, imported.value(first.id)) == ("2026.1", "yes")
    assert f"`schoolaudit migrate {back}` moves the answers onto" in result.stderr
