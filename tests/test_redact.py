"""`report --redact`: no note or evidence text in any output meant for wider circulation."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pypdf
import pytest
from typer.testing import CliRunner

from schoolaudit import load_answers, load_checklist
from schoolaudit.cli import app
from schoolaudit.redact import redact
from schoolaudit.scoring import score
from tests.conftest import MINI

ANSWERS = """\
schoolaudit: 1
checklist: {id: mini, version: "1.0"}
school: {name: Test School, phase: primary, boarding: "no"}
completed_by: A. Person, DSL
date: 2026-01-10
answers:
  bas-01: {answer: "no", note: "NOTE-PUPIL-X", evidence: "EVIDENCE-INCIDENT-7"}
  bas-02: {answer: partial, note: "NOTE-STAFF-Y"}
  ppl-01: {answer: 2, evidence: "EVIDENCE-LOG-Z"}
"""
SECRETS = ("NOTE-PUPIL-X", "EVIDENCE-INCIDENT-7", "NOTE-STAFF-Y", "EVIDENCE-LOG-Z")


@pytest.fixture
def answered(tmp_path: Path) -> Path:
    path = tmp_path / "answers.yaml"
    path.write_text(ANSWERS, encoding="utf-8")
    return path


def _outputs(runner: CliRunner, path: Path, *extra: str) -> str:
    """Everything `report` shows and writes, as one text to search."""
    folder = path.parent
    json_out, md_out, xlsx_out = folder / "r.json", folder / "r.md", folder / "r.xlsx"
    pdf_out = folder / "r.pdf"
    files = ["--json", str(json_out), "--markdown", str(md_out), "--xlsx", str(xlsx_out)]
    files += ["--pdf", str(pdf_out)]
    args = ["report", str(path), "--checklist", str(MINI), "--explain", "--top", "50", *files]
    result = runner.invoke(app, [*args, *extra])
    assert result.exit_code == 0, result.output
    cells = [
        str(cell.value)
        for sheet in openpyxl.load_workbook(xlsx_out).worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]
    pages = [page.extract_text() for page in pypdf.PdfReader(pdf_out).pages]
    return "\n".join(
        [result.output, json_out.read_text("utf-8"), md_out.read_text("utf-8"), *cells, *pages]
    )


def test_without_redact_notes_and_evidence_are_shown(runner: CliRunner, answered: Path) -> None:
    everything = _outputs(runner, answered)
    assert all(secret in everything for secret in SECRETS)


def test_redact_leaves_every_note_and_evidence_out_of_every_output(
    runner: CliRunner, answered: Path
) -> None:
    everything = _outputs(runner, answered, "--redact")
    assert not [secret for secret in SECRETS if secret in everything]


def test_redact_changes_nothing_but_notes_and_evidence(answered: Path) -> None:
    checklist = load_checklist(str(MINI))
    result = score(checklist, load_answers(str(answered), checklist))
    redacted = redact(result)
    assert redacted.score == result.score and redacted.rating == result.rating
    assert [g.result.item.id for g in redacted.gaps] == [g.result.item.id for g in result.gaps]
    assert all(a.note is None and a.evidence is None for a in redacted.answers.answers.values())
    assert {k: a.value for k, a in redacted.answers.answers.items()} == {
        k: a.value for k, a in result.answers.answers.items()
    }
    for section in redacted.sections:
        assert all(r.answer is None or r.answer.note is None for r in section.items)
