"""The schemas' is-valid checks compiled ahead of time are used only while they are current."""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterator
from typing import Any

import pytest

from schoolaudit import schemas
from schoolaudit.resources import load_schema, schemas_dir
from schoolaudit.schema_checks import NAMES, module_source, schema_hash


@pytest.fixture(autouse=True)
def fresh_checks() -> Iterator[None]:
    schemas.fast_check.cache_clear()
    yield
    schemas.fast_check.cache_clear()


@pytest.mark.parametrize("name", NAMES)
def test_each_compiled_check_was_made_from_the_schema_as_it_is(name: str) -> None:
    module = importlib.import_module(f"schoolaudit.schema_checks.{name}")
    assert schema_hash(load_schema(name)) == module.SCHEMA_SHA256, (
        f"schemas/{name}.schema.json has changed: run `python -m schoolaudit.schema_checks`"
    )
    assert schemas.fast_check(name) is module.validate


@pytest.mark.parametrize("name", NAMES)
def test_writing_the_modules_again_gives_the_same_check(name: str) -> None:
    """The kept module is what the generator writes now, but for fastjsonschema's own
    version line (a newer release may word its code differently)."""
    module = importlib.import_module(f"schoolaudit.schema_checks.{name}")
    kept = module.__file__
    assert kept is not None
    with open(kept, encoding="utf-8") as handle:
        text = handle.read()
    assert f"SCHEMA_SHA256 = {schema_hash(load_schema(name))!r}" in module_source(name)
    assert text.splitlines()[-2:] == module_source(name).splitlines()[-2:]


def test_an_edited_schema_is_compiled_afresh_not_checked_by_stale_code(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    original = load_schema("answers")
    edited: dict[str, Any] = {**original, "required": [*original["required"], "signed_off_by"]}
    monkeypatch.setattr(schemas, "load_schema", lambda name: edited)
    check = schemas.fast_check("answers")
    stale = importlib.import_module("schoolaudit.schema_checks.answers").validate
    assert check is not stale
    document = {
        "schoolaudit": 1,
        "checklist": {"id": "uksic-online-safety"},
        "school": {"name": "A School", "phase": "primary"},
        "date": "2026-11-20",
        "answers": {},
    }
    stale(document)  # the kept check knows nothing of the new field
    with pytest.raises(Exception, match="signed_off_by"):
        check(document)


def test_compiling_a_schema_leaves_the_schema_jsonschema_reads_as_it_was(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """fastjsonschema rewrites a schema's `$ref`s in place; the schema is cached and
    jsonschema words errors from it, so the compiler is given a copy."""
    monkeypatch.setattr(schemas, "_compiled_ahead", lambda name, schema: None)
    with open(schemas_dir() / "checklist.schema.json", encoding="utf-8") as handle:
        on_disk = json.load(handle)
    schemas.fast_check("checklist")
    assert load_schema("checklist") == on_disk
