"""Every input ends in a result or a clean `ProblemsError`, never another exception.

The same targets the coverage-guided fuzzer runs (`fuzz/targets.py`, run for
minutes by `python fuzz/run.py`), fed here by hypothesis on every test run:
arbitrary bytes, text made of YAML's own punctuation (anchors, aliases, tags,
flow collections), real checklist and answers files with random edits, and a
filled template (fuzz/seeds/mini-filled.xlsx) with random bytes flipped in its
zip, or anything typed into its cells.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from fuzz.targets import TARGETS
from tests.conftest import MINI, TESTS

PUNCTUATION = list("&*!|>-?:,[]{}#%@`'\" \n\t")
ODD = ["\ufeff", "\x85", "\u2028", "\ufffe", "\x1b", "a", "b", "1", "0x", ".nan", ".inf"]
TOKENS = ["yes", "~", "!!int ", "!!float ", "!!str ", "&a ", "*a", "<<: ", "id: ", "9" * 30]
YAML_ALPHABET = st.sampled_from([*PUNCTUATION, *ODD, *TOKENS])
SEEDS = {
    "checklist": MINI.read_text(encoding="utf-8"),
    "answers": (TESTS / "cases" / "answers" / "invalid" / "duplicate-key.yaml").read_text("utf-8"),
}
SETTINGS = settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])


def _all_targets(data: bytes) -> None:
    for name, target in TARGETS.items():
        if name != "xlsx":  # bytes that are not a zip end at the first check: tested below
            target(data)


@SETTINGS
@given(st.binary(max_size=400))
def test_any_bytes(data: bytes) -> None:
    _all_targets(data)


@SETTINGS
@given(st.lists(YAML_ALPHABET, max_size=60).map("".join))
def test_yaml_punctuation(text: str) -> None:
    _all_targets(text.encode("utf-8"))


@st.composite
def _edited(draw: st.DrawFn, seed: str) -> bytes:
    """A real file with a few random cuts and insertions, so the checks past parsing run."""
    text = seed
    for _ in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 12)))
        inserted = draw(st.lists(YAML_ALPHABET, max_size=4).map("".join))
        text = text[:start] + inserted + text[end:]
    return text.encode("utf-8")


@SETTINGS
@given(_edited(SEEDS["checklist"]))
def test_edited_checklists_lint_or_are_refused(data: bytes) -> None:
    TARGETS["checklist"](data)


@SETTINGS
@given(_edited(SEEDS["answers"]))
def test_edited_answers_files_score_or_are_refused(data: bytes) -> None:
    TARGETS["answers"](data)


def test_crashing_inputs_the_fuzzer_kept_stay_fixed() -> None:
    """Each input `fuzz/run.py` found crashing, once fixed, is replayed here for good."""
    for path in sorted((Path(__file__).parent.parent / "fuzz" / "regressions").glob("*")):
        _all_targets(path.read_bytes())


FILLED = (Path(__file__).parent.parent / "fuzz" / "seeds" / "mini-filled.xlsx").read_bytes()
CELL_VALUES = st.one_of(
    # what a spreadsheet program lets a person type (openpyxl refuses C0 controls as Excel does)
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40),
    st.sampled_from(["=1+1", "YES ", "05/09/2026", "31/02/2026", "9" * 400, "\ufffe", "na"]),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.none(),
)
XLSX_SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@XLSX_SETTINGS
@given(st.lists(st.tuples(st.integers(0, len(FILLED) - 1), st.integers(0, 255)), max_size=6))
@example([(46, 0)])  # found by this test: a part that fails to inflate was an internal error
def test_a_template_with_bytes_flipped_is_read_or_refused(flips: list[tuple[int, int]]) -> None:
    data = bytearray(FILLED)
    for position, value in flips:
        data[position] = value
    TARGETS["xlsx"](bytes(data))


@XLSX_SETTINGS
@example([("School", 1, 1, dt.date(2000, 1, 1)), ("School", 1, 1, -693594)])  # found here: a
# date-formatted cell holding a serial out of range made openpyxl warn on stderr mid-read
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["School", "Answers"]),
            st.integers(1, 14),
            st.integers(1, 8),
            CELL_VALUES,
        ),
        min_size=1,
        max_size=6,
    )
)
def test_anything_typed_into_a_templates_cells_is_read_or_refused(
    edits: list[tuple[str, int, int, object]],
) -> None:
    import io

    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(FILLED))
    for sheet, row, column, value in edits:
        workbook[sheet].cell(row=row, column=column).value = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    TARGETS["xlsx"](buffer.getvalue())
