"""Rows of the two big sheets (Schools, Heatmap) written as SpreadsheetML text directly.

At national scale these two sheets hold 24,000 rows of some twenty cells each.
openpyxl, even in write-only mode, builds an object per cell and serialises it
through an XML tree writer: ~40 µs a cell, about half a minute for the two
sheets on this machine. Everything else about the sheets (column widths,
frozen panes, filters, colour scales, print set-up, the styles themselves)
is still openpyxl's; only the rows are written here, at ~2 µs a cell, into a
temporary file, and put in place of the empty `<sheetData>` openpyxl wrote
when the workbook's zip is copied to its destination (`splice`).

The rules are those of every workbook schoolaudit writes: text is always an
inline string (never a formula, whatever it starts with), cleaned of the
characters XML forbids and cut at a cell's limit (`render.xlsx.clean_text`),
and text that a spreadsheet would take for a formula carries the quote prefix.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, BinaryIO

from openpyxl.utils import get_column_letter

from schoolaudit.render.xlsx import FORMULA_LEADS, clean_text

EXCEL_EPOCH = dt.date(1899, 12, 30)
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
EMPTY_SHEET_DATA = re.compile(rb"<sheetData\s*/>|<sheetData>\s*</sheetData>")


@dataclass(frozen=True, slots=True)
class Styled:
    """A value with a named style (a rating's colour, a header's fill)."""

    value: str | float | dt.date | None
    style: str


Value = str | int | float | dt.date | Styled | None


class XmlRows:
    """Writes `<row>` elements to a text file, numbering rows as it goes.

    `styles` maps a style name to the cell-format index openpyxl gave it; the
    names used here are `body` (the body font), `quoted` (text with a formula
    lead), `date`, `score` (a number shown with one decimal), and whatever
    `Styled` values name. With no `out` the rows are only counted: another
    process is writing them (see `trust_workbook.write_trust_workbook`).
    """

    def __init__(self, out: IO[str] | None, styles: dict[str, int], columns: int) -> None:
        self.out = out
        self.styles = styles
        self.count = 0
        self.letters = [get_column_letter(n) for n in range(1, columns + 1)]
        # each style's attribute text, made once: a national batch writes half a million cells
        self.attrs = {name: f' s="{index}"' for name, index in styles.items()}

    def append(self, values: Sequence[Value], height: float | None = None) -> int:
        self.count += 1
        if self.out is None:
            return self.count
        row = str(self.count)
        cell = self._cell
        cells = "".join(
            [
                cell(letter + row, value)
                for letter, value in zip(self.letters, values, strict=False)  # rows may stop short
                if value is not None
            ]
        )
        extra = f' ht="{height:g}" customHeight="1"' if height else ""
        self.out.write(f'<row r="{row}"{extra}>{cells}</row>')
        return self.count

    def blank(self) -> int:
        self.count += 1
        return self.count

    def _cell(self, ref: str, value: Value) -> str:
        kind = type(value)
        if kind is float:  # most cells are scores: the common case first
            return f'<c r="{ref}"{self.attrs["score"]}><v>{value!r}</v></c>'
        if kind is int:
            return f'<c r="{ref}"{self.attrs["body"]}><v>{value}</v></c>'
        style = ""
        if type(value) is Styled:
            style = self.attrs[value.style]
            value = value.value
            if value is None:
                return f'<c r="{ref}"{style}/>'
        if isinstance(value, str):
            text = clean_text(value)
            if not style:
                style = self.attrs["quoted" if text.startswith(FORMULA_LEADS) else "body"]
            return (
                f'<c r="{ref}" t="inlineStr"{style}><is><t xml:space="preserve">'
                f"{text.translate(_ESCAPES)}</t></is></c>"
            )
        if isinstance(value, dt.date):
            serial = (value - EXCEL_EPOCH).days
            return f'<c r="{ref}"{self.attrs["date"]}><v>{serial}</v></c>'
        if not style:  # scores show one decimal (25.0, not 25); counts are whole
            style = self.attrs["score" if isinstance(value, float) else "body"]
        return f'<c r="{ref}"{style}><v>{value!r}</v></c>'


def splice(source: BinaryIO, target: BinaryIO, rows: dict[str, IO[str]]) -> None:
    """Copy the zip `source` to `target`, filling each named sheet's empty rows from `rows`.

    `rows` maps a part name (`xl/worksheets/sheet2.xml`) to a text file of
    `<row>` elements, read from its start.
    """
    with (
        zipfile.ZipFile(source) as zin,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zout,
    ):
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename not in rows:
                zout.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
                continue
            match = EMPTY_SHEET_DATA.search(data)
            if match is None:
                raise ValueError(f"{info.filename}: no empty <sheetData> to fill")
            with zout.open(info.filename, "w") as part:
                part.write(data[: match.start()] + b"<sheetData>")
                _copy_text(rows[info.filename], part)
                part.write(b"</sheetData>" + data[match.end() :])


def _copy_text(text: IO[str], out: IO[bytes]) -> None:
    text.seek(0)
    while chunk := text.read(1 << 20):
        out.write(chunk.encode("utf-8"))
