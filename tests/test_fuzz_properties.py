"""Every input ends in a result or a clean `ProblemsError`, never another exception.

The same targets the coverage-guided fuzzer runs (`fuzz/targets.py`, run for
minutes by `python fuzz/run.py`), fed here by hypothesis on every test run:
arbitrary bytes, text made of YAML's own punctuation (anchors, aliases, tags,
flow collections), and real checklist and answers files with random edits.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
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
    for target in TARGETS.values():
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
