"""Reading a filled template (.xlsx) into answers data, every part located at its cell.

The reader turns the School and Answers sheets into the same JSON-shaped data
an answers file holds, plus a locator that names the cell each part came from
(`school.xlsx:Answers!D14`), so every check after reading is the one YAML
files get, with the same messages.

Spreadsheets pass through many hands, so the reader expects what people do
to them: rows sorted or filtered (items are found by id, not position),
columns added or moved (found by header), answers typed in any case or with
spaces, dates typed day first, as text or left as Excel serial numbers, and a
workbook saved again by Excel or LibreOffice. It also expects what attackers
do: the file's size and its uncompressed size are bounded before anything is
parsed (zip bombs), XML that declares a DTD or entities is refused outright,
and parsing goes through defusedxml (openpyxl uses it when installed).
openpyxl is imported here, inside the reader, never at start-up.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
import zipfile
import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from xml.etree.ElementTree import ParseError

from schoolaudit.dates import (
    DATE_EXAMPLE,
    DATE_FORM,
    DateError,
    from_excel_serial,
    parse_typed_date,
)
from schoolaudit.problems import Location, Problem, ProblemsError
from schoolaudit.template_layout import (
    ANSWER_COLUMNS,
    ANSWER_FIELDS,
    ANSWERS_SHEET,
    CHECKLIST,
    FIELD,
    FORMAT,
    ITEM,
    KIND,
    MARKER_KIND,
    MARKER_SHEET,
    SCHOOL_COLUMNS,
    SCHOOL_SHEET,
    TEMPLATE_FORMAT,
    VALUE,
    VERSION,
    WHO_AND_WHEN,
)
from schoolaudit.yamlsource import read_bytes

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

MAX_XLSX_BYTES = 20 * 1024 * 1024
"""Largest workbook read. A filled template is a few tens of kilobytes."""
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
"""Largest total its parts may unzip to: a zip bomb is refused before it is inflated."""
MAX_PARTS = 1000
MAX_ROWS, MAX_COLUMNS = (
    5000,
    60,
)  # far past any template; a sheet stretched to 1,048,576 rows is not read
HEADER_ROWS = 20  # a header row pushed down by rows a school inserted above it is still found
_PROLOG_BYTES = 4096  # a DTD can only come before the root element
_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
_REPORT_SHEETS = {"summary", "action plan"}


@dataclass(frozen=True)
class TemplateDocument:
    """A read template: the answers data, and the cell each part of it came from."""

    path: str
    data: dict[str, Any]
    cells: Mapping[tuple[str, ...], str]
    keys: Mapping[tuple[str, ...], str]
    template_items: tuple[str, ...] = field(default=())

    def at(self, path: Sequence[str | int], *, key: bool = False) -> Location:
        """The cell holding `path` (its id or field name with `key=True`), or the nearest one."""
        parts = tuple(str(part) for part in path)
        if key and parts in self.keys:
            return Location(self.path, cell=self.keys[parts])
        while parts:
            if parts in self.cells:
                return Location(self.path, cell=self.cells[parts])
            parts = parts[:-1]
        return Location(self.path)


DAMAGED: tuple[type[Exception], ...] = (zipfile.BadZipFile, zlib.error, EOFError, ParseError)
"""What a damaged part raises while a read-only workbook's sheet is read (found by fuzzing)."""


def read_template(path: str) -> TemplateDocument:
    """Read a filled template, or raise `ProblemsError` saying what is wrong with the file."""
    raw = _read_bounded(path)
    workbook = _open_workbook(path, raw)
    try:
        with warnings.catch_warnings():
            # openpyxl warns, as it reads a cell, of a date serial out of range and then
            # reads the cell as an error: the checks say what is wrong with it, in words
            warnings.simplefilter("ignore")
            return _Reading(path, workbook).document()
    except DAMAGED:  # read-only sheets unzip and parse as they are read: damage shows here
        raise _corrupt(path) from None
    finally:
        workbook.close()


# --- the file -----------------------------------------------------------------------------------


def _read_bounded(path: str) -> bytes:
    raw = read_bytes(path, max_bytes=MAX_XLSX_BYTES)
    _check_zip(path, raw)
    return raw


def _check_zip(path: str, raw: bytes) -> None:
    """Refuse what is not a workbook, or is built to hurt, before openpyxl sees it."""
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise _fail(
            path,
            "file/old-excel",
            "this is an old-style Excel file (or one with a password), not an .xlsx workbook",
            "open it in Excel, remove any password, and save it as an Excel Workbook, .xlsx",
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, ValueError):
        raise _corrupt(path) from None
    with archive:
        parts = archive.infolist()
        names = {part.filename for part in parts}
        if len(parts) > MAX_PARTS or sum(part.file_size for part in parts) > MAX_UNCOMPRESSED_BYTES:
            raise _fail(
                path,
                "file/zip-bomb",
                "the workbook unpacks to far more than any spreadsheet of answers "
                f"(over {MAX_UNCOMPRESSED_BYTES // 2**20} MB or {MAX_PARTS} parts); "
                "it was not read",
                "is this the right file?",
            )
        if "content.xml" in names and "mimetype" in names:
            raise _fail(
                path,
                "file/ods",
                "this is an OpenDocument spreadsheet (.ods), not an Excel workbook",
                "in LibreOffice, use File > Save As and choose 'Excel 2007-365 (.xlsx)'",
            )
        if "xl/workbook.xml" not in names:
            what = "a Word document, not" if "word/document.xml" in names else "not"
            raise _fail(
                path,
                "file/not-workbook",
                f"this is {what} an Excel workbook",
                "give the filled template, a .xlsx file",
            )
        for part in parts:
            if part.filename.endswith((".xml", ".rels")) and _declares_entities(archive, part):
                raise _fail(
                    path,
                    "file/hostile-xml",
                    f"the workbook's part {part.filename} declares a DTD or XML entities, which "
                    "no spreadsheet program writes; it was not read",
                    "ask for the file to be saved again from Excel or LibreOffice",
                )


def _declares_entities(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> bool:
    try:
        with archive.open(part) as stream:
            head = stream.read(_PROLOG_BYTES)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError):
        return False  # left to openpyxl, whose failure is reported as a damaged file
    for encoding in ("utf-8", "utf-16"):
        text = head.decode(encoding, errors="ignore").upper()
        if "<!DOCTYPE" in text or "<!ENTITY" in text:
            return True
    return False


def _open_workbook(path: str, raw: bytes) -> Workbook:
    from defusedxml import DefusedXmlException
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "extension is not supported": harmless to us
            return load_workbook(io.BytesIO(raw), read_only=True, data_only=True, keep_links=False)
    except DefusedXmlException:
        raise _fail(
            path,
            "file/hostile-xml",
            "the workbook declares XML entities, which no spreadsheet program writes; "
            "it was not read",
        ) from None
    except Exception:  # openpyxl raises many kinds for a damaged file; none is our bug
        raise _corrupt(path) from None


# --- the sheets ---------------------------------------------------------------------------------


class _Reading:
    """One pass over a workbook, collecting data, cells and every problem found."""

    def __init__(self, path: str, workbook: Workbook) -> None:
        self.path = path
        self.workbook = workbook
        self.sheets = {name.strip().lower(): name for name in workbook.sheetnames}
        self.cells: dict[tuple[str, ...], str] = {}
        self.keys: dict[tuple[str, ...], str] = {}
        self.problems: list[Problem] = []

    def document(self) -> TemplateDocument:
        checklist_id, version, items = self._marker()
        data: dict[str, Any] = {
            "schoolaudit": 1,
            "checklist": {"id": checklist_id, "version": version},
            "school": {},
        }
        self._school(data)
        data["answers"] = self._answers(items)
        if self.problems:
            raise ProblemsError(self.problems)
        return TemplateDocument(self.path, data, self.cells, self.keys, tuple(items))

    def _rows(self, title: str) -> Iterator[tuple[int, tuple[Any, ...]]]:
        """The sheet's rows as values, up to the last one with data (and at most MAX_ROWS).

        Without `max_row`, a read-only sheet stops at its last row; with it,
        openpyxl would pad empty rows all the way down.
        """
        sheet = self.workbook[self.sheets[title.lower()]]
        rows = sheet.iter_rows(min_row=1, max_col=MAX_COLUMNS, values_only=True)
        for number, values in enumerate(rows, start=1):
            if number > MAX_ROWS:
                return
            yield number, values

    def _cell(self, title: str, row: int, column: int) -> str:
        from openpyxl.utils import get_column_letter

        return f"{self.sheets[title.lower()]}!{get_column_letter(column)}{row}"

    def _problem(self, code: str, message: str, cell: str | None, hint: str | None = None) -> None:
        self.problems.append(Problem(code, message, Location(self.path, cell=cell), hint))

    # -- marker --

    def _marker(self) -> tuple[str, str, dict[str, str]]:
        """The checklist id, version and item types the template was made for."""
        if MARKER_SHEET not in self.sheets:
            raise self._not_a_template()
        found: dict[str, Any] = {}
        rows: dict[str, int] = {}
        items: dict[str, str] = {}
        for number, values in self._rows(MARKER_SHEET):
            key, value, kind = (*values, None, None, None)[:3]
            if key == ITEM and isinstance(value, str):
                items[value] = str(kind or "")
            elif isinstance(key, str) and key not in found:
                found[key], rows[key] = value, number
        if found.get(KIND) != MARKER_KIND or not isinstance(found.get(CHECKLIST), str):
            raise self._not_a_template()
        if not isinstance(found.get(FORMAT), int) or found[FORMAT] > TEMPLATE_FORMAT:
            raise _fail(
                self.path,
                "template/newer-format",
                "this template was made by a newer schoolaudit than this one",
                "install a newer schoolaudit as the README says, then read it again",
            )
        where = self._cell(MARKER_SHEET, rows[CHECKLIST], 2)
        self.cells[("checklist",)] = self.cells[("checklist", "id")] = where
        self.cells[("checklist", "version")] = self._cell(MARKER_SHEET, rows.get(VERSION, 1), 2)
        return found[CHECKLIST], str(found.get(VERSION) or ""), items

    def _not_a_template(self) -> ProblemsError:
        if set(self.sheets) >= _REPORT_SHEETS:
            return _fail(
                self.path,
                "file/report-workbook",
                "this is a report workbook, not a filled template",
                "a report is made from answers; give the filled template or the answers file",
            )
        return _fail(
            self.path,
            "file/not-template",
            "this spreadsheet is not a template made by `schoolaudit template`",
            "make one with `schoolaudit template --xlsx FILE`, have it filled in, then read that",
        )

    def _sheet_present(self, title: str) -> bool:
        if title.lower() in self.sheets:
            return True
        self._problem(
            "template/missing-sheet",
            f"the workbook has no {title} sheet",
            None,
            "was it renamed or deleted? name it back to " + title,
        )
        return False

    def _header(
        self, title: str, needed: Sequence[str], known: Sequence[str]
    ) -> tuple[int, dict[str, int]] | None:
        """The header row and each column by its lower-case name, found in the first rows.

        The header row is the first with `needed[0]` and another of the `known`
        headers, so a renamed column is named as missing rather than losing the row.
        """
        for number, values in self._rows(title):
            if number > HEADER_ROWS:
                break
            columns = {
                str(value).strip().lower(): index
                for index, value in reversed(list(enumerate(values, start=1)))
                if isinstance(value, str) and value.strip()
            }
            if needed[0] in columns and len(set(known) & set(columns)) >= 2:
                missing = [name for name in needed if name not in columns]
                for name in missing:
                    self._problem(
                        "template/missing-column",
                        f"the {title} sheet has no '{name}' column",
                        self._cell(title, number, 1),
                        f"was its header renamed? name it back to '{name}'",
                    )
                return (number, columns) if not missing else None
        self._problem(
            "template/missing-header",
            f"the {title} sheet has no header row with '{needed[0]}' and '{needed[1]}' columns",
            f"{self.sheets[title.lower()]}!A1",
            "was the header row deleted? make a new template and copy the answers across",
        )
        return None

    # -- School --

    def _school(self, data: dict[str, Any]) -> None:
        self.cells[("school",)] = f"{SCHOOL_SHEET}!A1"
        if not self._sheet_present(SCHOOL_SHEET):
            return
        found = self._header(SCHOOL_SHEET, (FIELD, VALUE), SCHOOL_COLUMNS)
        if found is None:
            return
        header, columns = found
        key_column, value_column = columns[FIELD], columns[VALUE]
        seen: dict[str, str] = {}
        for number, values in self._rows(SCHOOL_SHEET):
            if number <= header:
                continue
            key = _at(values, key_column)
            if not isinstance(key, str) or not key.strip():
                continue
            key = key.strip().lower()
            where = self._cell(SCHOOL_SHEET, number, value_column)
            seen[key] = where
            path = (key,) if key in WHO_AND_WHEN else ("school", key)
            self.cells[path] = where
            self.keys[path] = self._cell(SCHOOL_SHEET, number, key_column)
            value = self._school_value(key, _at(values, value_column), where)
            if value is not None:
                (data if key in WHO_AND_WHEN else data["school"])[key] = value
        for key, words in (
            ("name", "the school's name"),
            ("phase", "the school's phase"),
            ("date", "the audit date"),
        ):
            present = data.get(key) if key in WHO_AND_WHEN else data["school"].get(key)
            if present is None and not any(p.location.cell == seen.get(key) for p in self.problems):
                self._problem(
                    "template/empty",
                    f"{words} is not filled in",
                    seen.get(key, f"{SCHOOL_SHEET}!A1"),
                    f"type it as {DATE_FORM}, e.g. {DATE_EXAMPLE}"
                    if key == "date"
                    else "fill it in on the School sheet",
                )

    def _school_value(self, key: str, value: Any, where: str) -> Any:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if key == "date":
            typed = _as_date(value)
            if typed is None:
                try:
                    typed = parse_typed_date(str(value))
                except DateError as error:
                    self._problem("template/bad-date", f"the audit date {error}", where)
                    return None
            return typed.isoformat()
        if key == "phase" and isinstance(value, str):
            return value.strip().lower()  # "Primary" typed over the dropdown
        if key == "urn" and isinstance(value, int | float) and float(value).is_integer():
            return str(int(value))  # Excel keeps 100000 typed in a General cell as a number
        return _text_or_value(value)

    # -- Answers --

    def _answers(self, items: Mapping[str, str]) -> dict[str, Any]:
        self.cells[("answers",)] = f"{ANSWERS_SHEET}!A1"
        answers: dict[str, Any] = {}
        if not self._sheet_present(ANSWERS_SHEET):
            return answers
        found = self._header(ANSWERS_SHEET, ("id", *ANSWER_FIELDS), ANSWER_COLUMNS)
        if found is None:
            return answers
        header, columns = found
        first: dict[str, tuple[int, Any]] = {}
        for number, values in self._rows(ANSWERS_SHEET):
            item_id = _at(values, columns["id"])
            if (
                number <= header
                or not isinstance(item_id, str)
                or not _ID.match(item_id.strip().lower())
            ):
                continue  # a blank row, a school's own note, a heading
            item_id = item_id.strip().lower()
            entry = {
                name: _answer_value(
                    _at(values, columns[name]),
                    items.get(item_id, "") if name == "answer" else "text",
                )
                for name in ANSWER_FIELDS
            }
            if item_id in first:
                if first[item_id][1] != entry:
                    self._problem(
                        "template/duplicate-row",
                        f"{item_id} is in two rows ({first[item_id][0]} and {number}) with "
                        "different answers",
                        self._cell(ANSWERS_SHEET, number, columns["id"]),
                        "delete the row that is wrong",
                    )
                continue
            first[item_id] = (number, entry)
            # A problem with an entry as a whole is about its id only when that id is not one
            # the template wrote (typed, or pasted from elsewhere); on the template's own rows
            # it is about the answer given, which is the cell to change (not-applicable).
            own_row = item_id in items
            key_column = columns["answer"] if own_row else columns["id"]
            self.keys[("answers", item_id)] = self._cell(ANSWERS_SHEET, number, key_column)
            for name in ANSWER_FIELDS:
                self.cells[("answers", item_id, name)] = self._cell(
                    ANSWERS_SHEET, number, columns[name]
                )
            self.cells[("answers", item_id)] = self.cells[("answers", item_id, "answer")]
            if any(value is not None for value in entry.values()):
                answers[item_id] = {
                    name: value for name, value in entry.items() if value is not None
                }
        return answers


def _at(values: tuple[Any, ...], column: int) -> Any:
    return values[column - 1] if column <= len(values) else None


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return from_excel_serial(value)
    return None


def _answer_value(value: Any, kind: str) -> Any:
    """A cell's value as an answers file would hold it.

    Text is stripped ("Yes " is "Yes"; the checks ignore case); a date item's
    date, or its serial number, becomes ISO text; a date where text was wanted
    is written back as a school would type it.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if kind == "date" and (date := _as_date(value)) is not None:
        return date.isoformat()
    if kind == "text" and not isinstance(value, str):
        if isinstance(value, dt.datetime | dt.date):
            return value.strftime("%d/%m/%Y")
        return _number_text(value)
    return _text_or_value(value)


def _text_or_value(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _number_text(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _corrupt(path: str) -> ProblemsError:
    return _fail(
        path,
        "file/corrupt",
        "cannot read this workbook: it is damaged, or not really an .xlsx file",
        "open it in Excel or LibreOffice and save it again as .xlsx",
    )


def _fail(path: str, code: str, message: str, hint: str | None = None) -> ProblemsError:
    return ProblemsError([Problem(code, message, Location(path), hint)])
