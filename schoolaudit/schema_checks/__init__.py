"""The schemas' is-valid checks, compiled into Python ahead of time by fastjsonschema.

`schemas.fast_check` is the quick yes before jsonschema is asked anything.
Compiling a schema into it takes fastjsonschema ~10 ms for the answers schema
and ~50 ms for the checklist's, in every process that checks a file: every
command, and every worker of a batch; importing the compiled code takes a few
milliseconds. So it is kept here, one module a schema (`python -m
schoolaudit.schema_checks` writes them), each with the hash of the schema it
was made from. `fast_check` takes a module only while that hash is the
schema's own, and compiles the schema itself otherwise, so an edited schema is
never checked by stale code; tests/test_fast_path.py says when to write the
modules again.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
from pathlib import Path
from typing import Any

NAMES = ("answers", "checklist")
"""The schemas checked with `fast_check`."""


def schema_hash(schema: dict[str, Any]) -> str:
    """The hash of a schema's content (not of its file's layout)."""
    text = json.dumps(schema, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def module_source(name: str) -> str:
    """The text of the module that checks the named schema."""
    import fastjsonschema

    from schoolaudit.resources import load_schema

    schema = load_schema(name)
    code = fastjsonschema.compile_to_code(copy.deepcopy(schema))  # it rewrites `$ref`s in place
    found = re.search(r"^def (\w+)\(", code, re.MULTILINE)
    if found is None:
        raise RuntimeError("fastjsonschema's code has no function")
    return (
        f'"""The {name} schema\'s is-valid check, written by `python -m schoolaudit.schema_checks`'
        f' with fastjsonschema {fastjsonschema.VERSION}: do not edit."""\n'
        "# mypy: ignore-errors\n"
        "# ruff: noqa\n"
        f"{code}\n\n"
        f"SCHEMA_SHA256 = {schema_hash(schema)!r}\n"
        f"validate = {found.group(1)}\n"
    )


def write_modules(folder: Path | None = None) -> list[Path]:
    """Write every schema's module (into this package, or `folder`)."""
    folder = folder or Path(__file__).parent
    written = []
    for name in NAMES:
        path = folder / f"{name}.py"
        path.write_text(module_source(name), encoding="utf-8")
        written.append(path)
    return written
