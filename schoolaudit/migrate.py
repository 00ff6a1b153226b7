"""Moving an answers file onto another version of its checklist.

Every answer whose item survives is kept, under the item's new id when it
was renamed (`replaces:`). An answer to a retired item, or one the new
version's item no longer accepts (its type or options changed), is never
dropped in silence: it is written as a comment above `answers:` and listed in
the summary, for the DSL to carry over by hand if it still means something.
The file is rewritten with the core writer: comments, key order and unknown
keys kept, checked against the new version before an atomic save.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from schoolaudit.answer_types import AnswerError
from schoolaudit.answers import parse_answer
from schoolaudit.answers_file import AnswersFile
from schoolaudit.catalog import Catalog, version_key
from schoolaudit.changes import ChecklistChanges, compare_checklists, onto_view
from schoolaudit.model import Answer, Answers, Checklist, Item
from schoolaudit.problems import ProblemsError


@dataclass(frozen=True, slots=True)
class SetAside:
    """An answer that could not move: its old item, what it said, and why."""

    item_id: str
    answer: Answer
    why: str


@dataclass(frozen=True, slots=True)
class Migration:
    """What moving one file onto another version did (or, on a dry run, would do)."""

    path: str
    changes: ChecklistChanges
    kept: tuple[str, ...]  # ids answered in both versions, under the same id
    renamed: tuple[tuple[str, str], ...]  # (old id, new id) for answers that moved
    set_aside: tuple[SetAside, ...]  # kept as comments in the file
    to_answer: tuple[str, ...]  # the new version's new items, asked by the next `audit`
    written: bool

    @property
    def old(self) -> Checklist:
        return self.changes.old

    @property
    def new(self) -> Checklist:
        return self.changes.new


def migrate_file(
    path: str,
    catalog: Catalog,
    to_version: str | None = None,
    *,
    today: dt.date | None = None,
    dry_run: bool = False,
) -> Migration:
    """Rewrite the answers file at `path` onto `to_version` (default: the newest).

    Raises `ProblemsError` if the file is invalid, the version exists nowhere,
    or the file changed on disk while it was being moved.
    """
    file = AnswersFile.open(path, resolve=catalog.by_id)  # an id in a file is never a path
    old = file.checklist
    new = catalog.by_id(old.id, to_version) if to_version else catalog.latest(old.id) or old
    if new.view_of is not None and new.version != old.version:
        raise ProblemsError([onto_view(path, new)])
    changes = compare_checklists(old, new)
    plan = plan_migration(file, changes)
    if new.version != old.version and not dry_run:
        apply_migration(file, plan, today or dt.date.today())
        file.save()
        return replace(plan, written=True)
    return plan


def plan_migration(file: AnswersFile, changes: ChecklistChanges) -> Migration:
    """Where each answer in the file goes on the new version; pure (nothing is written)."""
    return plan_answers(file.answers, file.path, changes)


def _gone_word(changes: ChecklistChanges) -> str:
    """Why an item is missing: retired in a newer version, or not yet there in an older one.

    Moving back to an older version is allowed (it restores the answers), but an item
    added since was never retired: "gov-14 is retired in version 2026.1" misread the move.
    """
    if version_key(changes.new.version) < version_key(changes.old.version):
        return "was added after version"
    return "is retired in version"


def plan_answers(answers: Answers, path: str, changes: ChecklistChanges) -> Migration:
    """Where each of `answers` goes on the new version (used by `template --prefill` too)."""
    new_id = changes.new_id
    kept, renamed, set_aside = [], [], []
    gone = _gone_word(changes)
    for item_id, answer in answers.answers.items():
        target = new_id.get(item_id)
        if target is None:
            why = f"{item_id} {gone} {changes.new.version}"
            set_aside.append(SetAside(item_id, answer, why))
            continue
        why_not = _refusal(changes.new.item_by_id[target], answer, answers.date)
        if why_not:
            set_aside.append(SetAside(item_id, answer, why_not))
        elif target == item_id:
            kept.append(item_id)
        else:
            renamed.append((item_id, target))
    return Migration(
        path=path,
        changes=changes,
        kept=tuple(kept),
        renamed=tuple(renamed),
        set_aside=tuple(set_aside),
        to_answer=tuple(item.id for item in changes.added),
        written=False,
    )


def _refusal(item: Item, answer: Answer, audit_date: dt.date) -> str | None:
    """Why the new version of an item cannot take this answer (None: it can)."""
    if answer.value is None:
        return None
    raw = answer.value.isoformat() if isinstance(answer.value, dt.date) else answer.value
    try:
        parse_answer(item, raw, audit_date)
    except AnswerError:
        return f"{item.id} no longer accepts this answer (now: {item.describe_allowed()})"
    return None


def apply_migration(
    file: AnswersFile, plan: Migration, today: dt.date, by: str = "schoolaudit migrate"
) -> None:
    """Edit the open file as `plan` says (the caller saves); `by` names the command."""
    comments = {aside.item_id: file.remove_answer(aside.item_id) for aside in plan.set_aside}
    for old_id, new_id in plan.renamed:
        file.rename_answer(old_id, new_id)
    file.move_to(plan.new)
    lines = [
        f"Moved from {plan.old.id} {plan.old.version} to {plan.new.version} "
        f"by `{by}` on {today.isoformat()}."
    ]
    if plan.set_aside:
        lines.append("Answers that could not move, kept here so nothing is lost:")
        for aside in plan.set_aside:
            said = comments[aside.item_id]  # already on one line
            lines.append(f"  {aside_line(aside)}" + (f"  # {said}" if said else ""))
    file.add_comment("\n".join(lines))


def aside_line(aside: SetAside) -> str:
    """One set-aside answer on one line (a comment cannot hold a line break)."""
    value = aside.answer.value
    shown = value.isoformat() if isinstance(value, dt.date) else value
    parts = [f"{aside.item_id}: {'(no answer)' if shown is None else shown}"]
    if aside.answer.note:
        parts.append(f"note: {aside.answer.note}")
    if aside.answer.evidence:
        parts.append(f"evidence: {aside.answer.evidence}")
    return " ".join("; ".join(parts).split()) + f"  ({aside.why})"
