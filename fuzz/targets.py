"""What the fuzzer feeds: one function per input format, bytes in, a result or problems out.

Each target takes the bytes of one file and runs it through what the tool does
with such a file. Ending in a result, or in `ProblemsError` (a clean,
located message), is a pass; any other exception escaping a target is a crash
that the fuzzer keeps. To fuzz a new reader, add a function here and an entry
in `TARGETS`, and seed files in `SEEDS`.
"""

from __future__ import annotations

import contextlib
import json
import tempfile
from collections.abc import Callable
from pathlib import Path

from schoolaudit.answers import check_answers
from schoolaudit.assess import assess
from schoolaudit.catalog import Catalog
from schoolaudit.checklist import build_checklist, lint_document
from schoolaudit.model import Checklist
from schoolaudit.problems import ProblemsError, errors_only
from schoolaudit.render.json_report import render_json_report
from schoolaudit.scoring import score
from schoolaudit.values import json_keys
from schoolaudit.yamlsource import MAX_FILE_BYTES, decode_utf8, parse_yaml

REPO = Path(__file__).resolve().parent.parent
NAME = "fuzzed.yaml"


def fuzz_yaml(data: bytes) -> None:
    """The YAML loader: decoding, parsing, aliases, keys, numbers."""
    with contextlib.suppress(ProblemsError):
        parse_yaml(decode_utf8(NAME, data[:MAX_FILE_BYTES]), NAME)


def fuzz_checklist(data: bytes) -> None:
    """The checklist linter, then building the model from a checklist that lints clean."""
    try:
        document = parse_yaml(decode_utf8(NAME, data[:MAX_FILE_BYTES]), NAME)
    except ProblemsError:
        return
    if not errors_only(lint_document(document)):
        build_checklist(json_keys(document.data), path=NAME, builtin=False)


_MINI: list[Checklist] = []


def fuzz_answers(data: bytes) -> None:
    """An answers file checked against the test checklist, scored and written as JSON."""
    if not _MINI:
        from schoolaudit.checklist import load_checklist_file

        _MINI.append(load_checklist_file(str(REPO / "tests" / "data" / "mini.yaml")))
    checklist = _MINI[0]
    try:
        document = parse_yaml(decode_utf8(NAME, data[:MAX_FILE_BYTES]), NAME)
    except ProblemsError:
        return
    answers, _ = check_answers(document.data, document, NAME, checklist)
    if answers is not None:
        json.dumps(render_json_report(score(checklist, answers)), allow_nan=False)


_CATALOG: list[Catalog] = []


def fuzz_xlsx(data: bytes) -> None:
    """A filled template: the bounded unzip, the XML (defusedxml), cells into answers, the
    shared checks and scoring, exactly as `validate`, `report` and `batch` read one."""
    if not _CATALOG:
        _CATALOG.append(Catalog([REPO / "tests" / "data"]))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzzed.xlsx"
        path.write_bytes(data)
        outcome = assess(str(path), _CATALOG[0])  # bad input ends in problems, never raises
    if outcome.result is not None:
        json.dumps(render_json_report(outcome.result), allow_nan=False)


TARGETS: dict[str, Callable[[bytes], None]] = {
    "yaml": fuzz_yaml,
    "checklist": fuzz_checklist,
    "answers": fuzz_answers,
    "xlsx": fuzz_xlsx,
}

SEEDS: dict[str, list[str]] = {
    "yaml": ["tests/cases/*/*/*.yaml", "examples/*.yaml", "fuzz/regressions/*"],
    "checklist": ["tests/cases/checklists/*/*.yaml", "tests/data/mini.yaml", "checklists/*.yaml"],
    "answers": ["tests/cases/answers/*/*.yaml"],
    "xlsx": ["tests/cases/answers/*/*.xlsx", "fuzz/seeds/*.xlsx"],
}
"""Files each target starts from (globs under the repository)."""
