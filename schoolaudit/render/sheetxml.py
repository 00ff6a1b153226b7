"""Worksheet rows written as SpreadsheetML text directly, for every workbook we make.

Two uses: `XmlRows` streams the trust workbook's big sheets (Schools, Heatmap,
Trend) from plain values, and `take_rows` writes a normal-mode openpyxl sheet's
cells (every governor workbook) as openpyxl itself would, at a fraction of the
cost. Either way `splice` puts the rows into the zip openpyxl saved.

At national scale the trust workbook's two big sheets hold 24,000 rows of some twenty cells each.
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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import IO, BinaryIO

from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.compat import safe_string
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import WINDOWS_EPOCH, to_excel
from openpyxl.worksheet.worksheet import Worksheet

from schoolaudit.render.formulas import FORMULA_LEADS
from schoolaudit.render.xlsx import clean_text

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
        style = ""
        if type(value) is Styled:
            style = self.attrs[value.style]
            value = value.value
            if value is None:
                return f'<c r="{ref}"{style}/>'
        kind = type(value)
        if kind is not float and kind is not int:  # most cells are numbers: they skip these
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


def splice(
    source: BinaryIO,
    target: BinaryIO,
    rows: Mapping[str, IO[str] | TakenRows],
) -> None:
    """Copy the zip `source` to `target`, filling each named sheet's empty rows from `rows`.

    `rows` maps a part name (`xl/worksheets/sheet2.xml`) to a text file of
    `<row>` elements, read from its start, or to the rows `take_rows` took out
    of a sheet (which also put back the sheet's `<dimension>`).
    """
    with (
        zipfile.ZipFile(source) as zin,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zout,
    ):
        for info in zin.infolist():
            data = zin.read(info.filename)
            filling = rows.get(info.filename)
            if filling is None:
                zout.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
                continue
            match = EMPTY_SHEET_DATA.search(data)
            if match is None:
                raise ValueError(f"{info.filename}: no empty <sheetData> to fill")
            head, tail = data[: match.start()], data[match.end() :]
            with zout.open(info.filename, "w") as part:
                if isinstance(filling, TakenRows):
                    if EMPTY_DIMENSION not in head:
                        raise ValueError(f"{info.filename}: no empty <dimension> to fill")
                    head = head.replace(EMPTY_DIMENSION, filling.dimension.encode(), 1)
                    part.write(head + filling.xml.encode("utf-8") + tail)
                    continue
                part.write(head + b"<sheetData>")
                _copy_text(filling, part)
                part.write(b"</sheetData>" + tail)


def _copy_text(text: IO[str], out: IO[bytes]) -> None:
    text.seek(0)
    while chunk := text.read(1 << 20):
        out.write(chunk.encode("utf-8"))


# --- a normal-mode sheet's rows, written as openpyxl writes them ------------------------------

EMPTY_DIMENSION = b'<dimension ref="A1:A1" />'


@dataclass(frozen=True, slots=True)
class TakenRows:
    """A sheet's `<sheetData>` element and `<dimension>`, as openpyxl would have written them."""

    xml: str
    dimension: str


def take_rows(sheet: Worksheet) -> TakenRows:
    """The rows of a normal-mode sheet as SpreadsheetML, taken out of the sheet.

    openpyxl writes a cell through an element tree and an incremental XML
    writer, ~12 µs a cell: over half of a governor workbook's time went there.
    This writes the very same text (the same elements, attributes, order and
    escaping, byte for byte: tests/test_sheetxml.py holds it to openpyxl's own
    output) at a fraction of the cost. The cells and row dimensions are then
    removed, so that `workbook.save` writes an empty `<sheetData>` for `splice`
    to fill; everything else about the sheet stays openpyxl's. Cell styles get
    their ids here, sheet by sheet and cell by cell, in the order openpyxl's
    own writer would give them, so styles.xml is unchanged too.
    """
    cells = sheet._cells  # openpyxl keeps no public map of the cells
    dimensions = sheet.row_dimensions
    epoch = sheet.parent.epoch if sheet.parent is not None else WINDOWS_EPOCH
    style_ids: dict[bytes, str] = {}
    by_row: dict[int, list[Cell | MergedCell]] = {}
    for key in sorted(cells):
        by_row.setdefault(key[0], []).append(cells[key])
    for number in dimensions.keys() - by_row.keys():
        by_row[number] = []
    dimension = f'<dimension ref="{sheet.calculate_dimension()}" />'
    out = ["<sheetData>"]
    for number in sorted(by_row):
        found = dimensions.get(number)
        extra = "".join(f' {key}="{value}"' for key, value in found) if found is not None else ""
        out.append(f'<row r="{number}"{extra}>')
        out.extend(_cell(cell, epoch, style_ids) for cell in by_row[number])
        out.append("</row>")
    out.append("</sheetData>")
    cells.clear()
    dimensions.clear()
    return TakenRows("".join(out), dimension)


def _cell(cell: Cell | MergedCell, epoch: dt.datetime, style_ids: dict[bytes, str]) -> str:
    """One `<c>` element, as openpyxl's `etree_write_cell` writes it (empty when it writes none)."""
    if cell.comment is not None or cell.hyperlink is not None:
        raise ValueError(f"{cell.coordinate}: comments and links are not written here")
    value = cell.value
    styled = cell.has_style
    if value is None and not styled:
        return ""
    kind = cell.data_type
    style = ""
    if styled:  # the id openpyxl would give (its first use numbers it), found faster
        key = cell._style.tobytes()  # type: ignore[union-attr]  # the style's nine numbers
        style = style_ids.get(key) or style_ids.setdefault(key, f' s="{cell.style_id}"')
    ref = cell.coordinate
    if kind == "s":
        if value is None or value == "":
            return f'<c r="{ref}"{style} t="inlineStr" />'
        if not isinstance(value, str):
            raise ValueError(f"{ref}: rich text is not written here")
        stripped = value.strip()
        space = ' xml:space="preserve"' if stripped and stripped != value else ""
        return f'<c r="{ref}"{style} t="inlineStr"><is><t{space}>{_escape(value)}</t></is></c>'
    if kind == "d":
        kind, value = "n", to_excel(value, epoch)  # type: ignore[no-untyped-call]
    elif kind not in ("n", "b"):
        raise ValueError(f"{ref}: a {kind!r} cell is not written here")
    if value is None or value == "":
        return f'<c r="{ref}"{style} t="{kind}" />'
    return f'<c r="{ref}"{style} t="{kind}"><v>{safe_string(value)}</v></c>'


def _escape(text: str) -> str:
    """What the XML writer openpyxl uses escapes in text: `&`, `<` and `>`, nothing else."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text
