"""Views: one answers file scored against another framework (`report --checklist VIEW`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from schoolaudit.answers import check_answers
from schoolaudit.assess import assess
from schoolaudit.catalog import Catalog
from schoolaudit.checklist import lint_file
from schoolaudit.cli import app
from schoolaudit.model import NA, Checklist
from schoolaudit.problems import Location, errors_only
from schoolaudit.scoring import Result, score
from schoolaudit.views import score_view
from tests.conftest import MINI, REPO, TESTS

MINI_VIEW = TESTS / "data" / "mini-view.yaml"
EXAMPLES = sorted((REPO / "examples").glob("*.yaml"))
DFE = "dfe-filtering-monitoring"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog([TESTS / "data"])


def answers_data(
    answers: dict[str, object], *, checklist: str, school: dict[str, str] | None = None
) -> dict[str, Any]:
    """An answers document as a school would write it (JSON-shaped)."""
    return {
        "schoolaudit": 1,
        "checklist": {"id": checklist},
        "school": {"name": "Test School", "phase": "secondary", **(school or {})},
        "date": "2026-11-20",
        "answers": answers,
    }


def write_answers(
    path: Path,
    answers: dict[str, object],
    *,
    checklist: str,
    school: dict[str, str] | None = None,
) -> Path:
    path.write_text(yaml.safe_dump(answers_data(answers, checklist=checklist, school=school)))
    return path


def _view_of_mini(
    catalog: Catalog, tmp_path: Path, answers: dict[str, object], **school: str
) -> Result:
    path = write_answers(tmp_path / "a.yaml", answers, checklist="mini", school=school or None)
    outcome = assess(str(path), catalog, catalog.get(str(MINI_VIEW)))
    assert outcome.result is not None, [str(p) for p in outcome.problems]
    return outcome.result


def _answer(result: Result, item_id: str) -> object:
    return next(r.value for r in result.items if r.item.id == item_id)


def test_the_builtin_dfe_view_maps_cleanly_onto_the_main_checklist() -> None:
    catalog = Catalog()
    path = catalog.get(DFE).path
    assert path is not None
    problems = lint_file(path, resolve=catalog.get)
    assert not errors_only(problems), [str(p) for p in problems]
    assert catalog.get(DFE).view_of == "uksic-online-safety"


def test_every_scored_dfe_item_is_answered_by_the_main_checklist() -> None:
    dfe = Catalog().get(DFE)
    unmapped = [item.id for item in dfe.items if item.scored and not item.answered_by]
    assert unmapped == []


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_report_scores_the_dfe_standards_from_the_main_answers(
    example: Path, runner: CliRunner
) -> None:
    result = runner.invoke(app, ["report", str(example), "--checklist", DFE, "--json", "-"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["checklist"]["id"] == DFE
    assert report["scored_from"]["id"] == "uksic-online-safety"
    assert 0 <= report["overall"]["score"] <= 100


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_a_view_item_of_one_same_type_item_carries_its_answer_note_and_evidence(
    example: Path,
) -> None:
    catalog = Catalog()
    dfe = catalog.get(DFE)
    base = assess(str(example), catalog).result
    view = assess(str(example), catalog, dfe).result
    assert base is not None and view is not None
    base_items = {r.item.id: r for r in base.items}
    for result in view.items:
        sources = [base_items[i] for i in result.item.answered_by]
        if len(sources) != 1 or sources[0].item.type != result.item.type:
            continue
        source = sources[0]
        if source.status in ("not_applicable", "na"):
            assert result.status in ("not_applicable", "na"), result.item.id
            continue
        if result.status == "not_applicable" or source.status == "unanswered":
            continue  # left out by the view's own condition, or nothing to carry yet
        assert result.value == source.value, result.item.id
        if source.answer and source.answer.evidence:
            assert result.answer is not None and result.answer.evidence == source.answer.evidence
        assert result.answer is not None and result.answer.note is not None
        assert result.answer.note.startswith(f"From {source.item.id} ")


def test_copied_answers_are_judged_by_the_views_own_rules(catalog: Catalog, tmp_path: Path) -> None:
    result = _view_of_mini(
        catalog,
        tmp_path,
        {"bas-01": "yes", "ppl-01": 4, "ppl-02": "web", "ppl-04": "2026-01-01", "ppl-05": "Acme"},
    )
    items = {r.item.id: r for r in result.items}
    assert items["v-01"].credit == 1
    assert items["v-05"].value == 4 and items["v-05"].credit == 0.75
    assert items["v-06"].value == "web" and items["v-06"].credit == 0.5  # the view's own score
    assert items["v-07"].credit == 0  # 2026-01-01 is older than the view's 30 days
    assert items["v-08"].value == "Acme" and items["v-08"].credit is None


@pytest.mark.parametrize(
    ("bas01", "bas02", "bas03", "v02", "v03"),
    [
        ("yes", "yes", "yes", "yes", "yes"),
        ("yes", "partial", "no", "partial", "partial"),  # mean(0.5, 0) = 0.25: partial
        ("no", "yes", "no", "no", "partial"),  # all: the lowest; mean(1, 0) = 0.5
        ("yes", "no", None, "no", None),  # bas-03 does not apply when bas-02 is no
    ],
)
def test_combined_answers_follow_all_and_mean(
    catalog: Catalog,
    tmp_path: Path,
    bas01: str,
    bas02: str,
    bas03: str | None,
    v02: str,
    v03: str | None,
) -> None:
    answers = {"bas-01": bas01, "bas-02": bas02, "bas-03": bas03}
    result = _view_of_mini(catalog, tmp_path, {k: v for k, v in answers.items() if v})
    assert _answer(result, "v-02") == v02
    if v03 is None:  # only bas-02 counts
        assert _answer(result, "v-03") == ("yes" if bas02 == "yes" else "no")
    else:
        assert _answer(result, "v-03") == v03


def test_any_takes_the_best_and_a_yesno_view_item_reads_partial_as_no(
    catalog: Catalog, tmp_path: Path
) -> None:
    answered = {"bas-02": "partial", "ppl-06": "yes"}
    boarding = _view_of_mini(catalog, tmp_path, answered, boarding="yes")
    assert _answer(boarding, "v-04") == "yes"
    day_school = _view_of_mini(catalog, tmp_path, answered, boarding="no")
    assert _answer(day_school, "v-04") == "no"  # only bas-02 applies: partial is not yes


def test_a_base_item_that_does_not_apply_makes_the_view_item_not_applicable(
    catalog: Catalog, tmp_path: Path
) -> None:
    result = _view_of_mini(catalog, tmp_path, {"sec-01": "yes"}, phase="primary")
    v09 = next(r for r in result.items if r.item.id == "v-09")
    assert v09.value == NA and v09.credit is None
    assert v09.answer is not None and "does not apply" in (v09.answer.note or "")


def test_an_unanswered_base_item_leaves_the_view_item_unanswered(
    catalog: Catalog, tmp_path: Path
) -> None:
    result = _view_of_mini(catalog, tmp_path, {"bas-01": "yes"})
    assert next(r for r in result.items if r.item.id == "v-02").status == "unanswered"
    assert result.still_to_answer > 0


def test_answers_to_the_view_itself_are_scored_directly(catalog: Catalog, tmp_path: Path) -> None:
    path = write_answers(tmp_path / "v.yaml", {"v-01": "no"}, checklist="mini-view")
    outcome = assess(str(path), Catalog([MINI_VIEW.parent]), catalog.get(str(MINI_VIEW)))
    assert outcome.result is not None, [str(p) for p in outcome.problems]
    assert _answer(outcome.result, "v-01") == "no"
    assert outcome.result.answers.scored_from is None


def test_answers_to_a_third_checklist_are_refused_as_the_wrong_checklist(
    catalog: Catalog, tmp_path: Path
) -> None:
    path = write_answers(tmp_path / "a.yaml", {}, checklist="uksic-online-safety")
    outcome = assess(str(path), catalog, catalog.get(str(MINI_VIEW)))
    assert outcome.result is None
    assert [p.code for p in outcome.errors] == ["answers/wrong-checklist"]


_VALUES = {
    "yesno": st.sampled_from(["yes", "no", "unsure", None]),
    "ynp": st.sampled_from(["yes", "partial", "no", "unsure", None]),
    "level": st.sampled_from([1, 2, 3, 4, 5, None]),
    "choice": st.sampled_from(["physical", "web", "active", None]),
    "number": st.sampled_from([0, 50, 70, 90, None]),
    "date": st.sampled_from(["2026-01-01", "2025-01-01", "never", "na", None]),
    "text": st.sampled_from(["Acme", None]),
}


def _random_answers(mini: Checklist) -> st.SearchStrategy[dict[str, object]]:
    return st.fixed_dictionaries({item.id: _VALUES[item.type] for item in mini.items})


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_view_scores_like_any_checklist_for_any_base_answers(
    catalog: Catalog, data: st.DataObject
) -> None:
    """Scores stay in 0..100, and a combined item never beats its best nor trails its worst."""
    mini = catalog.get(str(MINI))
    view = catalog.get(str(MINI_VIEW))
    raw = data.draw(_random_answers(mini))
    phase = data.draw(st.sampled_from(["primary", "secondary"]))
    boarding = data.draw(st.sampled_from(["yes", "no"]))
    document = answers_data(
        {k: v for k, v in raw.items() if v is not None},
        checklist="mini",
        school={"phase": phase, "boarding": boarding},
    )
    answers, problems = check_answers(document, _Nowhere(), "x.yaml", mini)
    assert answers is not None, [str(p) for p in problems]
    base = score(mini, answers)
    result = score_view(view, base)
    assert result.score is None or 0 <= result.score <= 100
    base_credit = {r.item.id: r.credit for r in base.items}
    for item_result in result.items:
        credits = [base_credit[i] for i in item_result.item.answered_by]
        counted = [c for c in credits if c is not None]
        if item_result.credit is None or not counted or len(item_result.item.answered_by) == 1:
            continue
        assert min(counted) - 0.5 <= item_result.credit <= max(counted)


class _Nowhere:
    """A locator for data that came from no file."""

    def at(self, path: object, *, key: bool = False) -> Location:
        return Location("x.yaml")
