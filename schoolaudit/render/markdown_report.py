"""The report as Markdown (`report --markdown`), for a governors' pack or an email.

It carries what the workbook's Summary and Action plan sheets carry, in the
same words as the terminal report. Text from answers and checklist files is
escaped so that it can never break a table or become HTML.
"""

from __future__ import annotations

from schoolaudit import __version__
from schoolaudit.render.checklist_doc import markdown_text
from schoolaudit.render.first_page import NO_STATUTORY_GAPS_TEXT, statutory_not_met, top_actions
from schoolaudit.render.words import (
    NO_GAPS_TEXT,
    OPTIONAL_SCHOOL_FIELDS,
    RATING_MEANING,
    SECTION_NOT_SCORED_TEXT,
    answer_text,
    arithmetic_text,
    cap_text,
    counts_text,
    overall_arithmetic_text,
    provisional_text,
    rating_rule_text,
    rating_word,
    references_text,
    score_text,
    section_cap_text,
    stale_text,
)
from schoolaudit.scoring import ItemResult, Result

HELD_NOTE = "A rating marked * is held at amber by a statutory item not fully met (see below)."


def render_markdown_report(result: Result) -> str:
    """Page 1's order, as in the governors' pack: who and when, score and rating, the
    section scores, the statutory requirements not met and the five most important
    actions; then the whole action plan, and last how the scores were worked out."""
    lines = [
        *_summary(result),
        *_sections(result),
        *_statutory(result),
        *_top_actions(result),
        *_action_plan(result),
        *_working(result),
        f"_Made by schoolaudit {__version__}._",
    ]
    return "\n".join(lines) + "\n"


def text(value: str) -> str:
    """File-derived text made safe inside a table cell or a line of Markdown."""
    return markdown_text(value)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(headers: tuple[str, ...] | list[str], rows: list[list[str]]) -> list[str]:
    return [_row(list(headers)), _row(["---"] * len(headers)), *(_row(r) for r in rows), ""]


def _summary(result: Result) -> list[str]:
    answers = result.answers
    school = answers.school
    checklist = result.checklist
    facts = [
        ("School", school.get("name", "")),
        ("URN", school.get("urn") or "not given"),
        ("Phase", school.get("phase") or "not given"),
        *((label, school[key]) for key, label in OPTIONAL_SCHOOL_FIELDS if school.get(key)),
        ("Audit date", answers.date.isoformat()),
        ("Completed by", answers.completed_by or "not recorded"),
        ("Checklist", f"{checklist.title} ({checklist.id}, version {checklist.version})"),
    ]
    lines = [f"# Online safety audit: {text(answers.school_name)}", ""]
    lines += [f"**{stale}**", ""] if (stale := stale_text(result)) else []
    lines += [f"- **{label}:** {text(value)}" for label, value in facts]
    lines += [
        "",
        f"**Overall score {score_text(result.score)} · rating {rating_word(result.rating)}**",
        "",
        *((f"**{provisional}**", "") if (provisional := provisional_text(result)) else ()),
        RATING_MEANING[result.rating],
        "",
    ]
    cap = cap_text(result)
    if cap:
        lines += [cap, ""]
    lines += [counts_text(result.counts) + ".", ""]
    return lines


def _sections(result: Result) -> list[str]:
    """Section scores; a rating held at amber by a statutory item is marked."""
    held = [section_cap_text(s, result.checklist.rating) for s in result.sections]
    rows = [
        [
            text(section.title),
            score_text(section.score),
            (rating_word(section.rating) if section.score is not None else "not scored")
            + ("*" if because else ""),
            str(section.gap_count),
        ]
        for section, because in zip(result.sections, held, strict=True)
    ]
    rows.append(
        [
            "**Overall**",
            f"**{score_text(result.score)}**",
            f"**{rating_word(result.rating)}**",
            f"**{result.counts.gaps}**",
        ]
    )
    lines = ["## Section scores", "", *_table(["Section", "Score", "Rating", "Gaps"], rows)]
    if any(held):
        lines += [HELD_NOTE, ""]
    return lines


def _statutory(result: Result) -> list[str]:
    """The statutory requirements not fully met, as requirements a governor reads."""
    missing = statutory_not_met(result)
    if not missing:
        return ["## Statutory requirements not met", "", NO_STATUTORY_GAPS_TEXT, ""]
    lines = ["## Statutory requirements not met", ""]
    lines += [f"- {text(a.requirement)} Answer: {text(a.answer)}. (`{a.item_id}`)" for a in missing]
    return [*lines, ""]


def _top_actions(result: Result) -> list[str]:
    """The five most important actions, each with the role that usually owns it."""
    actions = top_actions(result)
    if not actions:
        return ["## Gaps", "", NO_GAPS_TEXT, ""]
    title = "The five most important actions" if len(actions) == 5 else "The most important actions"
    lines = [f"## {title}", ""]
    lines += [
        f"{n}. {text(a.action)} Owner: {text(a.owner)}. ({a.priority} priority, `{a.item_id}`)"
        for n, a in enumerate(actions, start=1)
    ]
    return [*lines, ""]


def _working(result: Result) -> list[str]:
    """How each section's score was reached, then the overall and the rating rule."""
    held = [section_cap_text(s, result.checklist.rating) for s in result.sections]
    lines = ["## How the score was reached", ""]
    for section, because in zip(result.sections, held, strict=True):
        how = (
            arithmetic_text(result, section.id)
            if section.score is not None
            else SECTION_NOT_SCORED_TEXT
        )
        lines.append(f"- {text(section.title)}: {how}" + (f"; {because}" if because else ""))
    lines += [
        f"- Overall: {overall_arithmetic_text(result)}",
        f"- Rating {rating_word(result.rating)}: {rating_rule_text(result.checklist)}.",
        "",
    ]
    return lines


PLAN_COLUMNS = ("#", "Priority", "Id", "Requirement", "Answer", "Action", "Owner role", "Reference")
"""What a reader of the Markdown needs to act on a gap; the rest of the workbook's Action plan
(section, severity, evidence needed, and the columns to fill in) would push a table past what
any Markdown viewer shows."""
FILL_IN_TEXT = (
    "Owners, due dates and progress are recorded in the workbook's Action plan "
    "(`schoolaudit report ANSWERS --xlsx OUT`)."
)


def _action_plan(result: Result) -> list[str]:
    """Every gap in priority order: what is asked, the answer, the action, who, and where from."""
    if not result.gaps:
        return []
    rows = [
        [
            str(number),
            gap.priority,
            f"`{gap.item.id}`",
            text(gap.item.text),
            text(_answer_with_note(gap.result)),
            text(gap.item.remediation),
            text(gap.item.owner),
            text(references_text(result.checklist, gap.item.references)),
        ]
        for number, gap in enumerate(result.gaps, start=1)
    ]
    return ["## Action plan", "", *_table(PLAN_COLUMNS, rows), FILL_IN_TEXT, ""]


def _answer_with_note(result: ItemResult) -> str:
    """`partial (note: blocks known sites only)`: the school's note stays with its answer."""
    note = result.answer.note if result.answer else None
    return answer_text(result) + (f" (note: {note})" if note else "")
