"""Where the built-in checklists and the JSON Schemas live.

In an installed wheel they are package data (`schoolaudit/checklists`,
`schoolaudit/schemas`); in a source checkout they sit at the top of the
repository, beside the package. Both are found the same way, so nothing else
needs to know which case it is in.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any


def _data_dir(name: str) -> Path:
    packaged = Path(str(resources.files("schoolaudit"))) / name
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / name


def checklists_dir() -> Path:
    """The folder of built-in checklists."""
    return _data_dir("checklists")


def schemas_dir() -> Path:
    """The folder of JSON Schemas."""
    return _data_dir("schemas")


@cache
def load_schema(name: str) -> dict[str, Any]:
    """A JSON Schema by file stem: `checklist`, `answers` or `report`."""
    with open(schemas_dir() / f"{name}.schema.json", encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    return schema
