"""`schoolaudit diff`: two audits of one school compared, across a checklist version change.

The history in tests/data/history: Oakfield audited in 2024 and 2025 on tiny
2024.1 and in 2026 on tiny 2026.1 (gov-04 and flt-03 added, gov-02 retired,
gov-03 renamed gov-05, flt-01 re-weighted 1 → 3); Birch is another school.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from openpyxl import load_workbook
from typer.testing import CliRunner

from schoolaudit.assess import assess
from schoolaudit.catalog import Catalog
from schoolaudit.cli import app
from schoolaudit.diff import Diff, diff
from schoolaudit.render.diff_json import render_diff_dict
from schoolaudit.resources import load_schema
from schoolaudit.scoring import Result, score
from tests.builders import answers, checklist, item
from tests.conftest import TESTS
from tests.test_properties import audits

VERSIONS = TESTS / "data" / "versions"
HISTORY = TESTS / "data" / "history"
DIR = ["--checklist-dir", str(VERSIONS)]
TODAY = dt.date(2026, 12, 1)


def result_of(name: str) -> Result:
    outcome = assess(str(HISTORY / name), Catalog([VERSIONS]), today=TODAY)
    assert outcome.result is not None, outcome.problems
    return outcome.result


@pytest.fixture(scope="module")
def across_versions() -> Diff:
    return diff(result_of("oakfield-2025.yaml"), result_of("oakfield-2026.yaml"))


def kinds(comparison: Diff) -> dict[str, str]:
    return {change.item.id: change.kind for change in comparison.changes}


# -- the core ---------------------------------------------------------------------------------


def test_across_a_version_change_items_are_paired_by_id_and_replaces(
    across_versions: Diff,
) -> None:
    assert kinds(across_versions) == {
        "gov-01": "improved",  # partial → yes
        "gov-05": "improved",  # was gov-03: no → yes
        "flt-03": "added",
        "gov-02": "removed",
        "flt-01": "regressed",  # yes → partial, and its weight went 1 → 3
        "gov-04": "added",
    }
    (renamed,) = [c for c in across_versions.changes if c.item.id == "gov-05"]
    assert renamed.old_id == "gov-03"
    assert across_versions.unchanged == 1  # flt-02 applies to neither (a primary school)
    assert not across_versions.same_version


def test_biggest_movement_first_and_the_statutory_regression_called_out(
    across_versions: Diff,
) -> None:
    movements = [abs(change.movement) for change in across_versions.movements]
    assert movements == sorted(movements, reverse=True)
    version_kinds = [c.kind in ("added", "removed") for c in across_versions.changes]
    assert version_kinds == sorted(version_kinds)  # after every movement of a shared item
    (regression,) = across_versions.statutory_regressions
    assert regression.item.id == "flt-01"
    assert regression.movement == pytest.approx(3 * (0.5 - 1))  # at the newer weight


def test_overall_and_section_change_and_how_far_apart(across_versions: Diff) -> None:
    assert across_versions.days_apart == 365
    assert across_versions.score_change == pytest.approx(68.75 - 75.0)
    assert {s.id: (s.old_score, s.new_score) for s in across_versions.sections} == {
        "gov": (50.0, 75.0),
        "flt": (100.0, 62.5),
    }


def test_same_version_a_note_alone_is_a_detail() -> None:
    comparison = diff(result_of("oakfield-2024.yaml"), result_of("oakfield-2025.yaml"))
    assert comparison.same_version
    assert kinds(comparison) == {
        "gov-01": "improved",
        "gov-02": "improved",
        "flt-01": "improved",
        "gov-03": "details",  # no → no, with a note added
    }


def test_items_that_start_or_stop_applying() -> None:
    c = checklist(
        ("gov", [item("gov-01"), item("gov-02", allow_na=True)]),
        ("flt", [item("flt-01", applies_if={"school.phase": ["secondary"]})]),
    )
    old = score(c, answers({"gov-01": "yes", "gov-02": "no"}, school={"phase": "primary"}))
    new = score(
        c,
        answers(
            {"gov-01": "yes", "gov-02": "na", "flt-01": "no"},
            school={"phase": "secondary"},
            date=dt.date(2027, 11, 20),
        ),
    )
    assert kinds(diff(old, new)) == {"gov-02": "stopped_applying", "flt-01": "newly_applicable"}


@given(audits(), st.data())
def test_diff_is_symmetric_and_accounts_for_every_item(
    audit: tuple[Any, dict[str, Any]], data: st.DataObject
) -> None:
    c, values = audit
    kept = {k: v for k, v in values.items() if data.draw(st.booleans(), label=f"keep {k}")}
    a, b = score(c, answers(values)), score(c, answers(kept))
    assert not diff(a, a).changes and diff(a, a).unchanged == len(c.items)
    forward, backward = diff(a, b), diff(b, a)
    assert len(forward.changes) + forward.unchanged == len(c.items)
    ids = {kind: {ch.item.id for ch in forward.of_kind(kind)} for kind in ("improved", "regressed")}
    assert ids["improved"] == {ch.item.id for ch in backward.of_kind("regressed")}
    assert ids["regressed"] == {ch.item.id for ch in backward.of_kind("improved")}


# -- the command --------------------------------------------------------------------------------


def test_terminal_reads_in_ten_seconds(runner: CliRunner) -> None:
    result = runner.invoke(
        app,
        ["diff", str(HISTORY / "oakfield-2025.yaml"), str(HISTORY / "oakfield-2026.yaml"), *DIR],
    )
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "2025-10-01 → 2026-10-01: 365 days (about 1 year) apart" in text
    assert "Overall 75.0 AMBER → 68.8 AMBER (−6.2)" in text
    assert "STATUTORY ITEMS NOW WORSE (1): flt-01 yes → partial" in text
    assert "1 worse · 2 better · 2 new in this version · 1 retired · 1 unchanged" in text
    assert "(was gov-03)" in text
    assert "v2024.1 → v2026.1 (2 items added, 1 retired, 1 renamed since)" in text
    assert "NEW STATUTORY ITEMS NOT MET (1): gov-04 — → no" in text
    assert "answered against version" not in result.stderr  # the version notice is report's


def test_top_ranks_movements_of_items_both_audits_had_and_new_items_come_apart(
    runner: CliRunner,
) -> None:
    """The QA pass: after a version change the top N was filled with newly added items.

    gov-04 (new, statutory, weight 3, not met) moves the score more than gov-01
    (partial → yes) but is no movement of the school: it has its own section.
    """
    old, new = HISTORY / "oakfield-2025.yaml", HISTORY / "oakfield-2026.yaml"
    result = runner.invoke(app, ["diff", str(old), str(new), *DIR, "--top", "2"])
    assert result.exit_code == 0, result.output
    lines = [" ".join(line.strip("│ ").split()) for line in result.stdout.splitlines()]
    changes = lines[lines.index("Changes, biggest first (2 of 3)") :]
    rows = [line.split(" │ ")[:2] for line in changes if line.startswith(("worse", "better"))]
    assert rows == [["worse", "flt-01"], ["better", "gov-01"]]  # the third: gov-05, no → yes
    assert "… and 1 smaller change: see --json or --xlsx (or --top)." in changes
    added = changes[changes.index("New in v2026.1, not met first (2 of 2)") :]
    assert [line.split(" │ ")[0] for line in added if line.startswith(("gov", "flt"))] == [
        "gov-04",  # statutory, answered no
        "flt-03",
    ]
    assert "Retired since v2024.1 (1, no longer counted): gov-02 (was yes)" in lines


def test_a_migrated_file_not_yet_re_audited_is_provisional(
    runner: CliRunner, tmp_path: Path
) -> None:
    moved = tmp_path / "moved.yaml"
    shutil.copy(HISTORY / "oakfield-2025.yaml", moved)
    assert runner.invoke(app, ["migrate", str(moved), *DIR]).exit_code == 0
    old = str(HISTORY / "oakfield-2025.yaml")
    result = runner.invoke(app, ["diff", old, str(moved), *DIR])
    assert result.exit_code == 0, result.output
    assert (
        "PROVISIONAL: the later audit has 2 unanswered scored questions, counted as 0 until "
        "answered" in " ".join(result.stdout.split())
    )


def test_two_different_schools_are_refused_unless_forced(runner: CliRunner) -> None:
    files = [str(HISTORY / "oakfield-2025.yaml"), str(HISTORY / "birch-2026.yaml"), *DIR]
    refused = runner.invoke(app, ["diff", *files])
    assert refused.exit_code == 1, refused.output
    assert refused.stderr.splitlines() == [
        f"{HISTORY / 'birch-2026.yaml'}: these are two different schools: URN 100000 "
        "(Oakfield Primary School) and URN 100001 (Birch Academy) (compare two audits of one "
        "school, or add --force to compare them anyway)"
    ]
    forced = runner.invoke(app, ["diff", *files, "--force"])
    assert forced.exit_code == 0, forced.output


def test_audits_of_two_different_checklists_are_refused(runner: CliRunner, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    text = (VERSIONS / "tiny.yaml").read_text()
    (other / "small.yaml").write_text(text.replace("id: tiny", "id: small"))
    new = tmp_path / "new.yaml"
    new.write_text((HISTORY / "oakfield-2026.yaml").read_text().replace("id: tiny", "id: small"))
    old = str(HISTORY / "oakfield-2025.yaml")
    result = runner.invoke(app, ["diff", old, str(new), *DIR, "--checklist-dir", str(other)])
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [
        f"{new}: these audits answer different checklists: tiny and small (compare two audits "
        "made with one checklist, in any of its versions)"
    ]


def test_an_invalid_side_is_invalid_input(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text((HISTORY / "oakfield-2026.yaml").read_text().replace("gov-01: yes", "gov-01: 7"))
    result = runner.invoke(app, ["diff", str(HISTORY / "oakfield-2025.yaml"), str(bad), *DIR])
    assert result.exit_code == 1, result.output
    assert "'7' is not an answer to gov-01" in result.stderr


def test_json_equals_the_library_and_validates(runner: CliRunner) -> None:
    old, new = HISTORY / "oakfield-2025.yaml", HISTORY / "oakfield-2026.yaml"
    result = runner.invoke(app, ["diff", str(old), str(new), *DIR, "--json", "-"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    Draft202012Validator(load_schema("diff")).validate(data)
    catalog = Catalog([VERSIONS])
    sides = [assess(str(path), catalog).result for path in (old, new)]
    assert sides[0] is not None and sides[1] is not None
    assert data == json.loads(json.dumps(render_diff_dict(diff(sides[0], sides[1]))))
    assert data["statutory_regressions"] == ["flt-01"]
    assert data["new_statutory_gaps"] == ["gov-04"]
    assert data["checklist_changes"]["renamed"] == [{"old_id": "gov-03", "new_id": "gov-05"}]
    assert data["counts"]["added"] == 2 and data["counts"]["removed"] == 1
    assert data["new"]["provisional"] is False and data["new"]["unanswered"] == 0


def test_redact_leaves_every_note_out(runner: CliRunner) -> None:
    old, new = HISTORY / "oakfield-2025.yaml", HISTORY / "oakfield-2026.yaml"
    args = ["diff", str(old), str(new), *DIR, "--json", "-"]
    assert "Termly review minuted" in runner.invoke(app, args).stdout
    redacted = runner.invoke(app, [*args, "--redact"])
    assert redacted.exit_code == 0, redacted.output
    assert "Termly review minuted" not in redacted.stdout
    assert "Not yet on the agenda" not in redacted.stdout
    assert json.loads(redacted.stdout)["statutory_regressions"] == ["flt-01"]


def test_workbook_for_governors(runner: CliRunner, tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    shutil.copy(HISTORY / "oakfield-2025.yaml", old)
    old.write_text(old.read_text().replace('"Not yet on the agenda"', '"=HYPERLINK(1)"'))
    out = tmp_path / "changes.xlsx"
    result = runner.invoke(
        app, ["diff", str(old), str(HISTORY / "oakfield-2026.yaml"), *DIR, "--xlsx", str(out)]
    )
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    assert book.sheetnames == ["Summary", "Changes"]
    changes = book["Changes"]
    rows = [[cell.value for cell in row] for row in changes.iter_rows()]
    assert rows[0][:6] == ["Change", "Item", "Question", "Severity", "Before", "Now"]
    assert [row[1] for row in rows[1:]] == [
        "flt-01",
        "gov-01",
        "gov-05",
        "flt-03",
        "gov-02",
        "gov-04",
    ]
    assert changes.freeze_panes == "C2" and changes.auto_filter.ref == "A1:H7"
    note = changes.cell(row=4, column=7)  # gov-05's note before: a formula-looking note
    assert note.value == "=HYPERLINK(1)" and note.data_type == "s"
    summary = [str(c.value) for row in book["Summary"].iter_rows() for c in row if c.value]
    assert "Statutory items now worse" in summary
    assert any(v.startswith("flt-01 Does the filter block illegal content?") for v in summary)
