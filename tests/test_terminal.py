"""The terminal report says why a section that scores green is rated amber."""

from __future__ import annotations

import io

from rich.console import Console

from schoolaudit.render.terminal import render_terminal_report
from schoolaudit.render.words import section_cap_text
from schoolaudit.scoring import score
from tests import builders

# Nine yes answers and one statutory no: 90 for the section, but held at amber.
ITEMS = [builders.item(f"sec-{n:02d}") for n in range(1, 10)]
STATUTORY = builders.item("sec-10", severity="statutory", type="yesno")
CHECKLIST = builders.checklist(("sec", [*ITEMS, STATUTORY]), ("other", [builders.item("oth-01")]))


def _text(values: dict[str, str], *, explain: bool) -> str:
    result = score(CHECKLIST, builders.answers(values))
    console = Console(width=100, no_color=True, file=io.StringIO())
    console.print(render_terminal_report(result, explain=explain))
    return console.file.getvalue()  # type: ignore[attr-defined]


def test_a_green_section_held_by_a_statutory_gap_is_marked_and_explained() -> None:
    values = {f"sec-{n:02d}": "yes" for n in range(1, 10)} | {"sec-10": "no", "oth-01": "yes"}
    table = _text(values, explain=False)
    assert "│ Sec     │  90.0 │ AMBER* │    1 │" in table
    assert "* held at amber by a statutory item not fully met (see --explain)" in table
    explained = _text(values, explain=True)
    assert "Sec  score 90.0  AMBER (held at amber: statutory sec-10 not fully met)" in explained


def test_no_mark_where_the_score_alone_is_amber_or_the_statutory_item_is_met() -> None:
    held_anyway = {f"sec-{n:02d}": "partial" for n in range(1, 10)} | {"sec-10": "no"}
    met = {f"sec-{n:02d}": "yes" for n in range(1, 10)} | {"sec-10": "yes"}
    for values in (held_anyway, met):
        result = score(CHECKLIST, builders.answers(values))
        assert section_cap_text(result.sections[0], CHECKLIST.rating) is None
        assert "*" not in _text(values, explain=False)
