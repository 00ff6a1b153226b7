"""Write the bad-spreadsheet cases of the corpus: `python -m tests.make_xlsx_cases`.

Each case is a filled template (from tests/data/mini.yaml) with one thing a
person, a program or an attacker did to it, written to
`tests/cases/answers/invalid/xlsx-<slug>.xlsx`. Its `.expected` file holds the
exact lines `validate` must print; write that by hand, having read them. Run
this again only when a case is added or the template's layout changes.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook, load_workbook

from tests.conftest import MINI, TESTS
from tests.templates import SCHOOL, fill_workbook, row_of, zip_parts, zipped

OUT = TESTS / "cases" / "answers" / "invalid"


def _template() -> Workbook:
    from schoolaudit.catalog import Catalog
    from schoolaudit.render.template import render_template

    return load_workbook(io.BytesIO(render_template(Catalog().get(str(MINI)))))


def _saved(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _filled(answers: dict[str, object], school: dict[str, object] | None = None) -> Workbook:
    workbook = _template()
    fill_workbook(workbook, SCHOOL if school is None else school, answers)
    return workbook


def ynp_maybe() -> bytes:
    return _saved(_filled({"bas-01": "yes", "bas-02": "maybe"}))


def not_applicable_kept() -> bytes:
    """bas-03 answered though bas-02 no makes it not apply: the warning names the answer's cell."""
    return _saved(_filled({"bas-01": "yes", "bas-02": "no", "bas-03": "yes"}))


def many_problems() -> bytes:
    workbook = _filled(
        {"bas-01": "Yess", "ppl-01": 7, "ppl-03": "lots", "ppl-04": "next week", "ppl-02": "daily"}
    )
    sheet = workbook["Answers"]
    row = sheet.max_row + 1  # a row a person added for a question they thought was missing
    sheet.cell(row=row, column=1).value = "bas-4"
    sheet.cell(row=row, column=4).value = "yes"
    return _saved(workbook)


def school_not_filled_in() -> bytes:
    return _saved(_filled({"bas-01": "yes"}, school={}))


def impossible_audit_date() -> bytes:
    return _saved(_filled({"bas-01": "yes"}, SCHOOL | {"date": "31/02/2026"}))


def renamed_column() -> bytes:
    workbook = _filled({"bas-01": "yes"})
    workbook["Answers"]["D1"] = "Answer (pick one)"
    return _saved(workbook)


def deleted_sheet() -> bytes:
    workbook = _filled({})
    del workbook["Answers"]
    return _saved(workbook)


def header_deleted() -> bytes:
    workbook = _filled({"bas-01": "yes"})
    workbook["Answers"].delete_rows(1)
    return _saved(workbook)


def older_template() -> bytes:
    """Made for version 0.9, which had an item (bas-00) since dropped and lacked ppl-05."""
    workbook = _filled({"bas-01": "yes", "ppl-05": "Acme"})
    marker = workbook["schoolaudit"]
    marker["B4"] = "0.9"
    for row in range(1, marker.max_row + 1):
        if marker.cell(row=row, column=2).value == "ppl-05":
            marker.cell(row=row, column=2).value = "bas-00"
    sheet = workbook["Answers"]
    sheet.cell(row=row_of(sheet, 1, "ppl-05"), column=1).value = "bas-00"
    return _saved(workbook)


def duplicate_row() -> bytes:
    workbook = _filled({"bas-02": "yes"})
    sheet = workbook["Answers"]
    source = row_of(sheet, 1, "bas-02")
    copy = sheet.max_row + 1
    for column in range(1, 10):
        sheet.cell(row=copy, column=column).value = sheet.cell(row=source, column=column).value
    sheet.cell(row=copy, column=4).value = "no"
    return _saved(workbook)


def _marker_changed(row: int, value: object) -> bytes:
    workbook = _filled({"bas-01": "yes"})
    workbook["schoolaudit"].cell(row=row, column=2).value = value
    return _saved(workbook)


def wrong_checklist() -> bytes:
    return _marker_changed(3, "uksic-online-safety")


def newer_format() -> bytes:
    return _marker_changed(2, 2)


def not_a_template() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["School", "Filtering", "Monitoring"])
    sheet.append(["Oakfield", "yes", "partial"])
    return _saved(workbook)


def report_workbook() -> bytes:
    workbook = Workbook()
    workbook.active.title = "Summary"  # type: ignore[union-attr]
    workbook.create_sheet("Action plan")
    return _saved(workbook)


def damaged() -> bytes:
    return _saved(_filled({"bas-01": "yes"}))[:3000]


def word_document() -> bytes:
    return zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<document/>"})


def saved_as_ods() -> bytes:
    """What LibreOffice writes by default, given an .xlsx name by hand."""
    mimetype = b"application/vnd.oasis.opendocument.spreadsheet"
    return zipped({"mimetype": mimetype, "content.xml": b"<office:document-content/>"})


def old_excel() -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096)


def zip_bomb() -> bytes:
    """101 MB of zeros in a part, about 100 KB zipped."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", bytes(101 * 1024 * 1024))
    return buffer.getvalue()


def entity_expansion() -> bytes:
    """ "Billion laughs" in the workbook part: refused before any XML parser sees it."""
    parts = zip_parts(_saved(_filled({"bas-01": "yes"})))
    laughs = "".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n else "lol"}">' for n in range(10)
    )
    doctype = f"<?xml version='1.0'?><!DOCTYPE workbook [{laughs}]>".encode()
    parts["xl/workbook.xml"] = doctype + parts["xl/workbook.xml"]
    return zipped(parts)


CASES: dict[str, Callable[[], bytes]] = {
    "ynp-maybe": ynp_maybe,
    "many-problems": many_problems,
    "not-applicable-kept": not_applicable_kept,
    "school-not-filled-in": school_not_filled_in,
    "impossible-audit-date": impossible_audit_date,
    "renamed-column": renamed_column,
    "deleted-sheet": deleted_sheet,
    "header-deleted": header_deleted,
    "older-template": older_template,
    "duplicate-row": duplicate_row,
    "wrong-checklist": wrong_checklist,
    "newer-format": newer_format,
    "not-a-template": not_a_template,
    "report-workbook": report_workbook,
    "damaged": damaged,
    "word-document": word_document,
    "saved-as-ods": saved_as_ods,
    "old-excel": old_excel,
    "zip-bomb": zip_bomb,
    "entity-expansion": entity_expansion,
}


def main() -> None:
    for slug, make in CASES.items():
        path: Path = OUT / f"xlsx-{slug}.xlsx"
        path.write_bytes(make())
        print(path.relative_to(TESTS.parent))


if __name__ == "__main__":
    main()
