"""Making and filling templates in tests the way a person does, with openpyxl.

A person finds a question's row by its id and types into the answer, note and
evidence cells; they do not know (or care) which row number it is. So `fill`
finds rows and columns by their content, as the reader does, and still works
after rows were sorted or columns inserted.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from schoolaudit.catalog import Catalog
from schoolaudit.render.template import render_template
from tests.conftest import MINI

SCHOOL = {
    "name": "Oakfield Primary",
    "urn": "100000",
    "phase": "primary",
    "trust": "Oak Trust",
    "boarding": "no",
    "provider": "Acme Filtering",
    "completed_by": "A. Person, DSL",
    "date": "05/09/2026",
}
"""The School sheet as a school fills it in: the date typed day first."""


def make_template(path: Path, checklist_path: Path = MINI) -> Path:
    path.write_bytes(render_template(Catalog().get(str(checklist_path))))
    return path


def column(sheet: Worksheet, header: str) -> int:
    """A column by its header text, wherever the header row is."""
    for row in sheet.iter_rows(min_row=1, max_row=20):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.strip().lower() == header:
                return int(cell.column)
    raise KeyError(header)


def row_of(sheet: Worksheet, key_column: int, key: str) -> int:
    for row in range(1, sheet.max_row + 1):
        if sheet.cell(row=row, column=key_column).value == key:
            return row
    raise KeyError(key)


def fill(
    path: Path,
    school: Mapping[str, Any] | None = None,
    answers: Mapping[str, Any] | None = None,
    out: Path | None = None,
) -> Path:
    """Type values in: `answers` maps an id to an answer, or to (answer, note, evidence)."""
    workbook = load_workbook(path)
    fill_workbook(workbook, school, answers)
    target = out or path
    workbook.save(target)
    return target


def fill_workbook(
    workbook: Workbook, school: Mapping[str, Any] | None, answers: Mapping[str, Any] | None
) -> None:
    sheet = workbook["School"]
    keys, values = column(sheet, "field"), column(sheet, "value")
    for key, value in (school or {}).items():
        sheet.cell(row=row_of(sheet, keys, key), column=values).value = value
    sheet = workbook["Answers"]
    ids = column(sheet, "id")
    for item_id, given in (answers or {}).items():
        row = row_of(sheet, ids, item_id)
        parts = given if isinstance(given, tuple) else (given,)
        for header, value in zip(("answer", "note", "evidence"), parts, strict=False):
            sheet.cell(row=row, column=column(sheet, header)).value = value


def zip_parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def zipped(parts: Mapping[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()
