"""The interview loop: ask, check, save, move on, in a terminal or from a pipe.

`Sitting.run()` opens (or creates) the answers file, asks the school profile
that is missing, then walks the items `flow` picks, saving after every answer
through `AnswersFile`. A terminal gets line editing and a note prompt after
`n`, `p` or `u`; a pipe gets one answer per line, the same checks, its answers
echoed so the transcript reads like a session, and no note prompts unless a
line asks for one with `+`.

Stopping is always safe. Saves are atomic, and Ctrl-C, a closed terminal
(SIGHUP) or SIGTERM arriving during a save are held until the save is done,
so at most the answer being typed is lost.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import shlex
import signal
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

from rich.console import Console
from rich.text import Text

from schoolaudit.answers_file import AnswersFile, check_creatable
from schoolaudit.catalog import DEFAULT_CHECKLIST, Catalog, looks_like_path
from schoolaudit.changes import compare_checklists
from schoolaudit.interview.flow import (
    Command,
    Invalid,
    Reply,
    Scope,
    first_item,
    is_complete,
    keys_for,
    left_items,
    next_item,
    note_may_not_fit,
    previous_item,
    progress,
    read_key,
    returning_item,
)
from schoolaudit.interview.keyboard import (
    MAX_LINE_BYTES,
    Keyboard,
    LineTooLong,
    NotText,
    SignalGuard,
    Stopped,
)
from schoolaudit.interview.profile import (
    SCHOOL_KEYS,
    ProfileError,
    ProfileValue,
    Question,
    Told,
    parse_profile,
    profile_finished,
    profile_questions,
    questions_to_ask,
    settle,
)
from schoolaudit.interview.screen import (
    REMOVE_KEY,
    commands_screen,
    help_screen,
    item_screen,
    note_prompt,
    nothing_to_ask,
    question_screen,
    section_rule,
    summary_screen,
    told_screen,
)
from schoolaudit.migrate import apply_migration, plan_migration
from schoolaudit.model import Checklist, Item
from schoolaudit.problems import Location, Problem, ProblemsError
from schoolaudit.render.migration import render_migration
from schoolaudit.scoring import score
from schoolaudit.text import did_you_mean

NOT_TEXT = (
    "! that line is not UTF-8 text, so it was not used: type it again "
    "(set the terminal, or the file piped in, to UTF-8)"
)
Ending = Literal["complete", "quit", "ended", "refused", "interrupted", "hangup"]


class _Quit(Exception):
    """`q` typed at a profile question: stop the sitting, keeping what is saved."""


class _Refused(Exception):
    """A piped line that cannot be used: the sitting stops there.

    A person at a terminal is asked again; a pipe cannot read the question, so
    asking again would take every later line as another try and put the rest
    of the answers on the wrong questions.
    """

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


Step = Item | Literal["quit"] | None
"""After a typed line: the item to show next, "quit", or None when no item is left."""


@dataclass(frozen=True)
class Request:
    """What the command line asked for."""

    path: str
    checklist: str | None = None  # an id or a path, as typed
    given: Mapping[str, ProfileValue] = field(default_factory=dict)  # checked profile options
    scope: Scope = field(default_factory=Scope)


@dataclass
class Sitting:
    """One sitting of the interview over one answers file."""

    request: Request
    catalog: Catalog
    console: Console
    keyboard: Keyboard
    report: Callable[[list[Problem]], None] = lambda problems: None  # warnings on opening
    today: dt.date = field(default_factory=dt.date.today)
    file: AnswersFile | None = None
    skipped: set[str] = field(default_factory=set)
    back_from: Item | None = None  # where `b` was first typed, until the walk is back there
    guard: SignalGuard = field(default_factory=SignalGuard)
    shown_section: str | None = field(default=None, init=False)  # the last section heading
    refused_line: int | None = field(default=None, init=False)  # the piped line that stopped it

    # -- the whole sitting ------------------------------------------------------------------

    def run(self) -> Ending:
        """Profile, items, summary. `ProblemsError` for an invalid file or a clash on disk."""
        with self.guard:
            try:
                ending = self._sitting()
            except Stopped as stop:
                ending = "hangup" if stop.signum != signal.SIGINT else "interrupted"
            except KeyboardInterrupt:
                ending = "interrupted"
            if ending != "hangup":  # the terminal is gone: nobody to tell
                self.console.print(self.summary(ending))
                if commands := self.next_commands():  # never wrapped, so a copy runs as is
                    self.console.print(commands_screen(commands), soft_wrap=True)
            return ending

    def _sitting(self) -> Ending:
        try:
            self.file = self._open()
            self.file = self._profile(self.file)
            return self.walk()
        except EOFError:
            return "ended"
        except _Quit:
            return "quit"
        except _Refused as refused:
            self.report([refused.problem])
            return "refused"

    def summary(self, ending: Ending) -> Text:
        """What was saved, what is left and the score so far."""
        if self.file is None or not self.file.exists:
            return Text("\nNothing was saved: the school's name and phase are needed first.")
        answers = self.file.answers
        left = len(left_items(self.file.checklist, answers))
        lead = f"\nSaved {self.request.path}."
        if ending == "interrupted":
            lead = f"\nInterrupted. Every answer given is saved in {self.request.path}."
        elif ending == "refused":
            lead = (
                f"\nStopped at line {self.refused_line} of the input. "
                f"Every answer before it is saved in {self.request.path}."
            )
        return summary_screen(lead, score(self.file.checklist, answers), left)

    def next_commands(self) -> list[tuple[str, str]]:
        """What to run next: carry on (while items are left), then the report."""
        if self.file is None or not self.file.exists:
            return []
        commands = [] if self.complete else [("Carry on:", self._next_command("audit"))]
        xlsx = shlex.quote(os.path.splitext(self.request.path)[0] + "-report.xlsx")
        commands.append(("Report:", f"{self._next_command('report')} --xlsx {xlsx}"))
        return commands

    @property
    def complete(self) -> bool:
        """Every applicable scored item is answered: the exit status says so."""
        return self.file is not None and is_complete(self.file.checklist, self.file.answers)

    def _next_command(self, name: str) -> str:
        words = ["schoolaudit", name, self.request.path]
        chosen = self.request.checklist
        if chosen and (self.file is None or not self.file.checklist.builtin):
            words += ["--checklist", chosen]
        return " ".join(shlex.quote(word) for word in words)

    # -- opening and the profile ------------------------------------------------------------

    def _open(self) -> AnswersFile | None:
        """The existing file, checked (None when it does not exist yet)."""
        path = self.request.path
        if not os.path.exists(path):
            check_creatable(path)
            return None
        chosen = self.catalog.get(self.request.checklist) if self.request.checklist else None
        file = self._own_version(path, chosen) or AnswersFile.open(
            path, chosen, resolve=self._resolve
        )
        # a profile answer that is missing is about to be asked: no need to warn of it
        self.report([p for p in file.warnings if p.code != "answers/missing-profile"])
        if not looks_like_path(self.request.checklist or ""):  # a file names no other version
            self._move_to_current(file)
        return file

    def _own_version(self, path: str, chosen: Checklist | None) -> AnswersFile | None:
        """The file read against its own version, when --checklist names its checklist by id.

        `--checklist uksic-online-safety` on a file made with an older version
        means that checklist, not its current version's items: the file is read
        as it was made, then moved onto the current version.
        """
        if chosen is None or looks_like_path(self.request.checklist or ""):
            return None
        try:
            file = AnswersFile.open(path, resolve=self._resolve)
        except ProblemsError:
            return None  # read against the chosen one instead, for its messages
        return file if file.checklist.id == chosen.id else None

    def _move_to_current(self, file: AnswersFile) -> None:
        """A file made on an older version moves onto the current one: only new items are asked."""
        current = self.catalog.latest(file.checklist.id)
        if current is None or current.version == file.checklist.version or current.view_of:
            return  # a view is never answered itself: the file stays on its own version
        plan = plan_migration(file, compare_checklists(file.checklist, current))
        self._save(file, lambda: apply_migration(file, plan, self.today, "schoolaudit audit"))
        moved = replace(plan, written=True)
        self.console.print(Text(render_migration(moved, self.request.path, doing="audit")))

    def _resolve(self, checklist_id: str, version: str | None = None) -> Checklist:
        """Find the file's checklist by id; if it was a file, say how to name it again."""
        try:
            return self.catalog.by_id(checklist_id, version)
        except ProblemsError as error:
            first = error.problems[0]
            if first.code != "catalog/unknown":
                raise
            hint = "if it is a checklist file, name it again with --checklist PATH"
            raise ProblemsError(
                [replace(first, hint=f"{hint}; {first.hint}" if first.hint else hint)]
            ) from None

    def _profile(self, file: AnswersFile | None) -> AnswersFile:
        """Ask what the profile lacks; a new file is created once it has a name and phase."""
        wanted = self.request.checklist or DEFAULT_CHECKLIST
        checklist = file.checklist if file else self.catalog.get(wanted)
        _check_section(checklist, self.request.scope.section)
        questions = profile_questions(checklist)
        given = dict(self.request.given)
        have: dict[str, object] = dict(file.answers.school) if file else {}
        if file is not None:
            have.update(completed_by=file.answers.completed_by, date=file.answers.date)
        finished = file is not None and profile_finished(file.answers.completed_by)
        todo = questions_to_ask(questions, {**have, **given}, finished)
        if file is None:
            for question in [q for q in todo if q.key in ("name", "phase")]:
                value = self._ask_profile(question)
                if value is not None:  # always, for these required questions
                    given[question.key] = value
            file = self._create(checklist, given)
            todo = [q for q in todo if q.key not in ("name", "phase")]
        elif given:
            self._save(file, lambda: _apply_all(file, given))
        have.update(given)
        for question in todo:
            value = self._settle(question, have)
            if value is not None:
                have[question.key] = value
                self._save(file, functools.partial(_apply, file, question.key, value))
        return file

    def _settle(self, question: Question, have: Mapping[str, object]) -> ProfileValue | None:
        """Ask `question`, unless what the profile already holds answers it (or makes it moot)."""
        settled = settle(question, have)
        if isinstance(settled, Told):
            self.console.print(told_screen(question, settled))
            return settled.value
        return None if settled is None else self._ask_profile(settled)

    def _create(self, checklist: Checklist, given: Mapping[str, ProfileValue]) -> AnswersFile:
        school = {key: given[key] for key in SCHOOL_KEYS if key in given}
        date = given.get("date", self.today)
        completed_by = given.get("completed_by")
        by_path = self.request.checklist if not checklist.builtin else None
        file = AnswersFile.new(
            self.request.path,
            checklist,
            school,
            date if isinstance(date, dt.date) else self.today,
            str(completed_by) if completed_by is not None else None,
            checklist_path=by_path,
        )
        self._save(file, lambda: None)
        self.file = file  # saved: a stop at the next profile question must say so
        return file

    def _ask_profile(self, question: Question) -> ProfileValue | None:
        default = self.today.strftime("%d/%m/%Y") if question.key == "date" else None  # as typed
        self.console.print(question_screen(question, default))
        while True:
            typed = self._read("> ")
            if typed.strip().lower() == "q":  # as at every item prompt: no school is called "q"
                raise _Quit
            try:
                return parse_profile(question, typed.strip() or default or "", self.today)
            except ProfileError as error:
                self._refuse(f": {error}")
                self.console.print(Text(f"! {error}", style="red"))

    def _save(self, file: AnswersFile, edit: Callable[[], None]) -> None:
        """Edit and save as one step that no stop signal can split."""
        with self.guard.saving():
            edit()
            file.save()
        if file.replaced:  # two sittings gave one item different answers: the later one is kept
            self.console.print(
                Text(
                    f"! {', '.join(file.replaced)} had just been answered in another sitting "
                    "on this file; this sitting's answer replaced it",
                    "yellow",
                )
            )

    # -- the items --------------------------------------------------------------------------

    def walk(self) -> Ending:
        """Ask items until none is left in scope, `q`, or the end of input."""
        assert self.file is not None
        scope = self.request.scope
        item = first_item(self.file.checklist, self.file.answers, scope)
        if item is None:  # say why no question comes, rather than go straight to the summary
            sections = {section.id: section for section in self.file.checklist.sections}
            self.console.print(nothing_to_ask(sections.get(scope.section or ""), scope.review))
        while item is not None:
            self.show(item)
            step = self.handle(item, self._read("> "))
            if step == "quit":
                return "quit"
            item = step
        return "complete"

    def show(self, item: Item) -> None:
        assert self.file is not None
        checklist, answers = self.file.checklist, self.file.answers
        if item.section_id != self.shown_section:
            self.shown_section = item.section_id
            section = next(s for s in checklist.sections if s.id == item.section_id)
            self.console.print(section_rule(section))
        where = progress(checklist, answers, self.request.scope, item)
        self.console.print(item_screen(item, where, answers.answers.get(item.id)))

    def handle(self, item: Item, typed: str) -> Step:
        """One typed line at `item`: the item to show next, None when done, or "quit"."""
        assert self.file is not None
        file = self.file
        action = read_key(item, typed, file.answers.date)
        if isinstance(action, Invalid):
            allowed = ", ".join(f"{key} {meaning}".strip() for key, meaning in keys_for(item))
            self._refuse(f": {action.message}", f"allowed: {allowed}")
            self.console.print(Text(f"! {action.message} (allowed: {allowed}; ? help)", "red"))
            return item
        if isinstance(action, Reply):
            before = file.answers.answers.get(item.id)
            # saved before the note prompt: a stop while the note is typed keeps the answer
            self._save(file, lambda: file.set_answer(item.id, action.value))
            offer = action.asks_for_note or note_may_not_fit(before, action.value)
            if action.with_note or (offer and self.keyboard.interactive):
                self._add_note(item)
            return self._after(item)
        return self._obey(item, action)

    def _obey(self, item: Item, action: Command) -> Step:
        """`?` `b` `s` `q` `+` and Enter."""
        assert self.file is not None
        file = self.file
        current = file.answers.answers.get(item.id)
        answered = current is not None and current.value is not None
        if action.name == "quit":
            return "quit"
        if action.name == "help":
            self.console.print(help_screen(file.checklist, item))
            return item
        if action.name == "back":
            earlier = previous_item(file.checklist, file.answers, self.request.scope, item)
            if earlier is None:
                self.console.print(Text("This is the first item.", "yellow"))
                return item
            self.back_from = self.back_from or item
            self.skipped.discard(earlier.id)  # gone back to: no longer skipped
            return earlier
        if action.name == "skip":
            self.skipped.add(item.id)
            return self._after(item)
        if action.name == "note":
            self._add_note(item)
            return self._after(item) if answered else item
        if answered:  # Enter keeps the answer
            return self._after(item)
        # from a pipe, an empty line here would push every later line onto the wrong item
        self._refuse(f": an empty line at {item.id}, which has no answer", "type s to skip it")
        self.console.print(Text("Type an answer, or s to skip it for now (? for help).", "yellow"))
        return item

    def _after(self, item: Item) -> Item | None:
        """The item to show after `item`: in order while returning from `b`, else the next to do."""
        assert self.file is not None
        if self.back_from is not None:
            ahead = returning_item(
                self.file.checklist, self.file.answers, self.request.scope, item, self.back_from
            )
            if ahead is None or ahead.id == self.back_from.id:
                self.back_from = None  # back where `b` was typed: carry on as before
            if ahead is not None:
                return ahead
        return next_item(
            self.file.checklist,
            self.file.answers,
            self.request.scope,
            item,
            frozenset(self.skipped),
        )

    def _add_note(self, item: Item) -> None:
        """Ask an optional note and evidence for the saved answer; Enter keeps what is there,
        `-` removes it."""
        assert self.file is not None
        file = self.file
        current = file.answers.answers.get(item.id)
        note = self._optional("Note: why, or what is planned", current.note if current else None)
        try:
            evidence = self._optional(
                f"Evidence: what proves it ({item.evidence})", current.evidence if current else None
            )
        except _Quit:  # keep the note already typed, then stop
            if note is not None:
                value = current.value if current else None
                self._save(file, lambda: file.set_answer(item.id, value, note=note))
            raise
        if note is not None or evidence is not None:
            value = current.value if current else None
            self._save(file, lambda: file.set_answer(item.id, value, note=note, evidence=evidence))

    def _read(self, prompt: str) -> str:
        """A typed line; one that is not UTF-8 text is refused here and asked again."""
        while True:
            try:
                return self.keyboard.read(prompt)
            except LineTooLong:
                self._refuse(
                    f" is longer than {MAX_LINE_BYTES:,} bytes, so it was not used",
                    "keep a note short: it can name the document that holds the detail",
                )
            except NotText:
                self._refuse(" is not UTF-8 text, so it was not used", "save the input as UTF-8")
                self.console.print(Text(NOT_TEXT, style="red"))

    def _refuse(self, what: str, hint: str | None = None) -> None:
        """A line that cannot be used: from a pipe, stop the sitting (a terminal asks again)."""
        if self.keyboard.interactive:
            return
        self.refused_line = line = self.keyboard.lines_read
        where = Location(self.request.path)
        problem = f"line {line} of the input{what}"
        raise _Refused(Problem("interview/refused-line", problem, where, hint))

    def _optional(self, label: str, now: str | None) -> str | None:
        """A new note (or evidence); "" when `-` removes the one written; None keeps it."""
        self.console.print(note_prompt(label, now))
        typed = self._read("+ ").strip()
        if typed.lower() == "q":  # as at every prompt: no note or evidence is just "q"
            raise _Quit
        if typed == REMOVE_KEY:  # no note or evidence is just "-" either
            return "" if now else None
        return typed or None


def _apply(file: AnswersFile, key: str, value: ProfileValue) -> None:
    if key == "date" and isinstance(value, dt.date):
        file.set_date(value)
    elif key == "completed_by":
        file.set_completed_by(str(value))
    else:
        file.set_school(key, str(value))


def _apply_all(file: AnswersFile, values: Mapping[str, ProfileValue]) -> None:
    for key, value in values.items():
        _apply(file, key, value)


class UnknownSection(ValueError):
    """`--section` names no section of the checklist: a usage error."""


def _check_section(checklist: Checklist, section: str | None) -> None:
    ids = [s.id for s in checklist.sections]
    if section is not None and section not in ids:
        hint = did_you_mean(section, ids) or "sections: " + ", ".join(ids)
        raise UnknownSection(f"{checklist.id} has no section '{section}' ({hint})")
