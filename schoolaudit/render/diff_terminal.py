"""`schoolaudit diff` in the terminal: read in ten seconds.

The headline says who, how far apart, and the overall move; statutory items
that got worse are called out by name before anything else; then the
sections, then every item that moved, biggest movement first.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from schoolaudit.changes import compare_checklists
from schoolaudit.diff import Diff, ItemChange
from schoolaudit.render.terminal import rating_text
from schoolaudit.render.words import (
    CHANGE_LABELS,
    apart_text,
    diff_counts_text,
    diff_provisional_text,
    score_change_text,
    score_text,
    side_text,
)
from schoolaudit.scoring import ItemResult

KIND_STYLE = {
    "regressed": "bold red",
    "improved": "green",
    "newly_applicable": "yellow",
    "stopped_applying": "cyan",
    "added": "yellow",
    "removed": "cyan",
    "details": "",
}


def render_diff(diff: Diff, *, top: int = 20) -> RenderableType:
    """Headline, sections, the `top` biggest movements (at least one), then what the
    checklist's new version added (up to `top`, gaps first) and retired."""
    parts: list[RenderableType] = [_headline(diff), _sections(diff)]
    if not diff.changes:
        parts.append(Text("No item changed between the two audits.", style="green"))
        return Group(*parts)
    parts.append(_changes(diff, top))
    if diff.of_kind("added"):
        parts.append(_added(diff, top))
    if retired := diff.of_kind("removed"):
        parts.append(
            Text(
                f"Retired since v{diff.old.checklist.version} ({len(retired)}, no longer "
                "counted): " + "; ".join(f"{c.item.id} (was {_answer(c.old)})" for c in retired)
            )
        )
    return Group(*parts)


def _headline(diff: Diff) -> Panel:
    old, new = diff.old, diff.new
    school = new.answers.school
    lines = Text()
    lines.append(school.get("name", ""), style="bold")
    if school.get("urn"):
        lines.append(f"  (URN {school['urn']})")
    lines.append(
        f"\n{old.answers.date.isoformat()} → {new.answers.date.isoformat()}: "
        f"{apart_text(diff.days_apart)} apart"
    )
    if diff.same_version:
        lines.append(f"\n{new.checklist.title} v{new.checklist.version}, both")
    else:
        versions = compare_checklists(old.checklist, new.checklist)
        lines.append(
            f"\n{new.checklist.title}: v{old.checklist.version} → v{new.checklist.version} "
            f"({len(versions.added)} items added, {len(versions.retired)} retired, "
            f"{len(versions.renamed)} renamed since)"
        )
    lines.append("\n\nOverall ")
    lines.append(score_text(old.score), style="bold")
    lines.append(" ")
    lines.append_text(rating_text(old.rating))
    lines.append(" → ")
    lines.append(score_text(new.score), style="bold")
    lines.append(" ")
    lines.append_text(rating_text(new.rating))
    lines.append(f"   ({score_change_text(diff.score_change)})", style="bold")
    lines.append("\n" + diff_counts_text(diff))
    if provisional := diff_provisional_text(diff):
        lines.append("\n" + provisional, style="bold yellow")
    regressions = diff.statutory_regressions
    if regressions:
        lines.append(
            f"\nSTATUTORY ITEMS NOW WORSE ({len(regressions)}): "
            + "; ".join(_movement_words(change) for change in regressions),
            style="bold red",
        )
    fresh = diff.new_statutory_gaps
    if fresh:
        lines.append(
            f"\nNEW STATUTORY ITEMS NOT MET ({len(fresh)}): "
            + "; ".join(_movement_words(change) for change in fresh),
            style="bold yellow",
        )
    return Panel(lines, title="schoolaudit diff", expand=True)


def _movement_words(change: ItemChange) -> str:
    return f"{change.item.id} {_answer(change.old)} → {_answer(change.new)}"


def _answer(result: ItemResult | None) -> str:
    return side_text(result)


def _sections(diff: Diff) -> Table:
    table = Table(title="Sections", title_justify="left")
    table.add_column("Section")
    table.add_column("Before", justify="right")
    table.add_column("Now", justify="right")
    table.add_column("Change", justify="right")
    for section in sorted(diff.sections, key=lambda s: -abs(s.change or 0)):
        table.add_row(
            Text(section.title),
            score_text(section.old_score),
            score_text(section.new_score),
            Text(score_change_text(section.change), style=_change_style(section.change)),
        )
    return table


def _change_style(change: float | None) -> str:
    if change is None or round(change, 1) == 0:
        return ""
    return "green" if change > 0 else "red"


def _changes(diff: Diff, top: int) -> RenderableType:
    """Items both audits had, biggest movement first."""
    movements = diff.movements
    if not movements:
        return Text("No item that both audits had changed.", style="green")
    shown = movements[: max(top, 1)]
    table = Table(
        title=f"Changes, biggest first ({len(shown)} of {len(movements)})",
        title_justify="left",
    )
    table.add_column("Change", no_wrap=True)
    table.add_column("Item", no_wrap=True)
    table.add_column("Question")
    table.add_column("Before → now")
    for change in shown:
        kind = Text(CHANGE_LABELS[change.kind], style=KIND_STYLE[change.kind])
        question = _question(change)
        if change.old_id and change.old_id != change.item.id:
            question.append(f" (was {change.old_id})")
        table.add_row(kind, change.item.id, question, Text(_before_after(change)))
    return _with_more(table, len(movements) - len(shown), "smaller change")


def _added(diff: Diff, top: int) -> RenderableType:
    """Items the later version added, those not met first: the new work they bring."""
    added = sorted(diff.of_kind("added"), key=_new_work_first)
    shown = added[: max(top, 1)]
    table = Table(
        title=f"New in v{diff.new.checklist.version}, not met first ({len(shown)} of {len(added)})",
        title_justify="left",
    )
    table.add_column("Item", no_wrap=True)
    table.add_column("Question")
    table.add_column("Now")
    for change in shown:
        table.add_row(change.item.id, _question(change), Text(_answer(change.new)))
    return _with_more(table, len(added) - len(shown), "more new item")


def _new_work_first(change: ItemChange) -> tuple[bool, int, float]:
    """Not met before met; statutory first; then the most weight still to gain."""
    new = change.new
    credit = new.credit if new is not None and new.credit is not None else 1.0
    severity = ("statutory", "expected", "recommended").index(change.item.severity)
    return (credit >= 1.0, severity, -change.item.weight * (1.0 - credit))


def _question(change: ItemChange) -> Text:
    question = Text(change.item.text)
    if change.item.severity == "statutory":
        question.append(" (statutory)", style="bold")
    return question


def _with_more(table: Table, more: int, noun: str) -> RenderableType:
    if more <= 0:
        return table
    nouns = noun if more == 1 else noun + "s"
    return Group(table, Text(f"… and {more} {nouns}: see --json or --xlsx (or --top)."))


def _before_after(change: ItemChange) -> str:
    if change.kind == "details":
        old = change.old.answer if change.old else None
        new = change.new.answer if change.new else None
        what = [
            word
            for word, a, b in (
                ("answer", old and old.value, new and new.value),
                ("note", old and old.note, new and new.note),
                ("evidence", old and old.evidence, new and new.evidence),
            )
            if a != b
        ]
        return f"{_answer(change.old)} → {_answer(change.new)}; {' and '.join(what)} changed"
    return f"{_answer(change.old)} → {_answer(change.new)}"
