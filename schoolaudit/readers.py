"""Reading an answers document, whatever format it came in.

Every format yields the same thing: JSON-shaped data plus a locator that turns
a path into that data (`["answers", "flt-03"]`) back into a place a person can
find in the file: `answers.yaml:14:11` for YAML, `school.xlsx:Answers!D14` for
a filled template. Every check after reading is shared, so a message reads
the same whichever format the school used.

The reader is chosen by the file's name; the YAML reader itself names a
spreadsheet given under another name, so a wrong suffix is still one clear line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from schoolaudit.problems import Location


class Document(Protocol):
    """A read answers document: its data and where each part of it came from."""

    @property
    def path(self) -> str: ...

    @property
    def data(self) -> Any: ...

    def at(self, path: Sequence[str | int], *, key: bool = False) -> Location: ...


Reader = Callable[[str], Document]


def _read_yaml(path: str) -> Document:
    from schoolaudit.yamlsource import load_yaml

    return load_yaml(path)


def _read_xlsx(path: str) -> Document:
    from schoolaudit.xlsx_reader import read_template

    return read_template(path)


_READERS: dict[str, Reader] = {suffix: _read_xlsx for suffix in (".xlsx", ".xlsm", ".xls", ".ods")}
"""Readers by lower-case suffix (".xlsx"), each importing its format's library
only when called; anything else is read as YAML. An old .xls or a LibreOffice
.ods goes to the xlsx reader, which says how to save it as .xlsx."""


def reader_for(path: str) -> Reader:
    """The reader for `path`, chosen by its suffix; YAML unless another claims it."""
    lowered = path.lower()
    for suffix, reader in _READERS.items():
        if lowered.endswith(suffix):
            return reader
    return _read_yaml


def read_document(path: str) -> Document:
    """Read `path` with the reader for its format, or raise `ProblemsError`."""
    return reader_for(path)(path)
