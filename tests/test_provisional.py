"""An unfinished audit says so in every output, so nobody acts on a score that is still moving."""

from __future__ import annotations

import io

from openpyxl import load_workbook
from rich.console import Console

from schoolaudit.render.governor_workbook import render_governor_workbook
from schoolaudit.render.json_report import render_json_report
from schoolaudit.render.markdown_report import render_markdown_report
from schoolaudit.render.terminal import render_terminal_report
from schoolaudit.render.words import cap_text
from schoolaudit.scoring import Result, score
from tests import builders

CHECKLIST = builders.checklist(
    ("sec", [builders.item(f"sec-{n:02d}") for n in range(1, 5)]),
    ("txt", [builders.item("txt-01", type="text")]),
)
WARNING = "PROVISIONAL: 3 scored questions that apply are not answered yet."


def _result(values: dict[str, str]) -> Result:
    return score(CHECKLIST, builders.answers(values))


def _terminal(result: Result) -> str:
    console = Console(width=200, no_color=True, file=io.StringIO())
    console.print(render_terminal_report(result))
    return console.file.getvalue()  # type: ignore[attr-defined]


def _summary_text(result: Result) -> str:
    sheet = load_workbook(io.BytesIO(render_governor_workbook(result)))["Summary"]
    return "\n".join(str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value)


def test_every_output_of_an_unfinished_audit_is_marked_provisional() -> None:
    unfinished = _result({"sec-01": "yes"})
    assert WARNING in _terminal(unfinished)
    assert f"**{WARNING}" in render_markdown_report(unfinished)
    assert WARNING in _summary_text(unfinished)
    assert render_json_report(unfinished)["overall"]["provisional"] is True


def test_a_finished_audit_is_not_provisional_though_a_text_item_is_blank() -> None:
    finished = _result({f"sec-{n:02d}": "no" for n in range(1, 5)})
    assert "PROVISIONAL" not in _terminal(finished)
    assert "PROVISIONAL" not in render_markdown_report(finished)
    assert "PROVISIONAL" not in _summary_text(finished)
    assert render_json_report(finished)["overall"]["provisional"] is False


def test_the_cap_is_worded_for_a_red_rating_too() -> None:
    statutory = builders.item("sec-01", severity="statutory")
    checklist = builders.checklist(("sec", [statutory, builders.item("sec-02")]))
    red = score(checklist, builders.answers({"sec-01": "no", "sec-02": "no"}))
    assert red.rating == "red"
    assert cap_text(red) == (
        "Statutory items are not fully met (sec-01): even with a higher score, the rating "
        "could be no better than amber until they are."
    )
