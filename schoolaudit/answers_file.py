"""Editing one answers file in place, the way a careful person would by hand.

The interview saves after every answer, so the file is rewritten many times.
Each rewrite must keep what a person put there: comments, the order of keys,
keys schoolaudit does not know. ruamel.yaml's round-trip mode holds all of
that; PyYAML (the fast reader everywhere else) would drop comments.

Every save is checked before it is written: the new text is read back with the
same loader and checks as `schoolaudit validate`, so the interview can never
write a file that the rest of the tool rejects. The model it returns is what
the file now says, and a file larger than the reader accepts is never written.

Two sittings may work on one file at once (two people, one section each). A
save holds an advisory lock on the file's folder across re-reading the file,
checking it and renaming the new one into place, so no two saves interleave.
If the file changed on disk since this sitting last read or wrote it, the save
re-reads it and applies this sitting's unsaved edits on top of what is there
(a merge: both sittings' answers are kept). Only when that cannot be done
(the file was deleted, created by someone else, or edited into an invalid
file) does it raise `ChangedOnDisk` instead of losing someone's answers.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError as RuamelError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from schoolaudit.answers import ChecklistResolver, check_answers
from schoolaudit.atomic import write_bytes_atomic
from schoolaudit.model import NO, YES, Answers, AnswerValue, Checklist
from schoolaudit.problems import Location, Problem, ProblemsError, errors_only
from schoolaudit.yamlsource import (
    MAX_FILE_BYTES,
    ZIP_MAGIC,
    decode_utf8,
    parse_yaml,
    read_bytes,
)

FORMAT_VERSION = 1
_STR_TAG = "tag:yaml.org,2002:str"
_RESOLVER = yaml.resolver.Resolver()
_FOLDED_BREAKS = re.compile("[\x85\u2028\u2029]")


def _not_editable_workbook(path: str) -> ProblemsError:
    """A filled template given to `audit` or `migrate`, which edit a YAML file in place.

    `report`, `validate` and `diff` read a template; the general message for a zip
    ("give the answers file, or a filled template named .xlsx") told someone who had
    given exactly that to give it again. `import` is the way from one to the other.
    """
    return ProblemsError(
        [
            Problem(
                "file/spreadsheet",
                "this is a spreadsheet; this command edits a YAML answers file in place",
                Location(path),
                f"make one from a filled template first: schoolaudit import {path} -o answers.yaml",
            )
        ]
    )


class ChangedOnDisk(ProblemsError):
    """The file is not what this interview last read or wrote: someone else changed it."""


def _round_trip() -> YAML:
    handler = YAML(typ="rt")
    handler.preserve_quotes = True
    handler.width = 4096  # never fold a long note over several lines
    handler.indent(mapping=2, sequence=4, offset=2)
    return handler


class AnswersFile:
    """One answers file open for editing: its round-trip document and what it means.

    `answers` is the checked model of the file as last read or written; edits
    change the document, and `save()` checks, writes and refreshes the model.
    """

    def __init__(
        self,
        path: str,
        checklist: Checklist,
        document: CommentedMap,
        disk: bytes | None,
        answers: Answers | None = None,
    ) -> None:
        self.path = path
        self.checklist = checklist
        self.document = document
        self._disk = disk  # the bytes on disk as last read or written; None: not created yet
        self._yaml = _round_trip()  # built once: a save is on the path from key to prompt
        self._edits: list[Callable[[], None]] = []  # made since the last save: replayed on a merge
        self.replaced: list[
            str
        ] = []  # items whose answer from another sitting the last save replaced
        self.answers: Answers = answers or self._checked(self._dump())
        self.warnings: list[Problem] = []

    # -- opening -----------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str,
        checklist: Checklist | None = None,
        *,
        resolve: ChecklistResolver | None = None,
    ) -> AnswersFile:
        """Open an existing file; `ProblemsError` with every problem if it is invalid.

        `checklist` is the one to check against; without it the file's own
        `checklist.id` is looked up with `resolve`.
        """
        raw = read_bytes(path)
        if raw.startswith(ZIP_MAGIC):
            raise _not_editable_workbook(path)
        text = decode_utf8(path, raw)
        document = parse_yaml(text, path)
        answers, problems = check_answers(document.data, document, path, checklist, resolve=resolve)
        if answers is None:
            raise ProblemsError(problems)
        chosen = checklist or _resolver(resolve)(answers.checklist_id, answers.checklist_version)
        opened = cls(path, chosen, _editable(path, text), raw, answers)
        opened.warnings = problems
        return opened

    @classmethod
    def new(
        cls,
        path: str,
        checklist: Checklist,
        school: Mapping[str, Any],
        date: dt.date,
        completed_by: str | None = None,
        *,
        checklist_path: str | None = None,
    ) -> AnswersFile:
        """A new file, not yet on disk (`save()` creates it, refusing to replace one)."""
        document = CommentedMap()
        document["schoolaudit"] = FORMAT_VERSION
        document["checklist"] = CommentedMap(id=checklist.id, version=checklist.version)
        document["school"] = CommentedMap()
        for key, value in school.items():
            document["school"][key] = _scalar(value)
        document["completed_by"] = _scalar(completed_by)
        document["date"] = date
        document["answers"] = CommentedMap()
        resume = f"schoolaudit audit {path}" + (
            f" --checklist {checklist_path}" if checklist_path else ""
        )
        document.yaml_set_start_comment(
            f"Answers to {checklist.title} ({checklist.id} v{checklist.version}).\n"
            f"Written by `schoolaudit audit`; carry on with `{resume}`.\n"
            "You may edit it by hand: comments and keys you add are kept."
        )
        return cls(path, checklist, document, None)

    @classmethod
    def from_answers(
        cls, path: str, checklist: Checklist, answers: Answers, *, origin: str, replace: bool
    ) -> AnswersFile:
        """A new file holding `answers` (read from a filled template), not yet saved.

        The checklist version written is the one answered against, so a later
        `validate` still says when the checklist has moved on. With `replace`, an
        existing file at `path` is replaced by `save()`; without, it is refused.
        """
        school = dict(answers.school)
        made = cls.new(path, checklist, school, answers.date, answers.completed_by)
        if answers.checklist_version is not None:
            made.document["checklist"]["version"] = answers.checklist_version
        made.document.ca.comment = None
        made.document.yaml_set_start_comment(
            f"Answers to {checklist.title} ({checklist.id} v{answers.checklist_version}).\n"
            f"Imported from {origin} by `schoolaudit import`.\n"
            "You may edit it by hand, or carry on with `schoolaudit audit`."
        )
        for item in checklist.items:
            if item.id in answers.answers:
                given = answers.answers[item.id]
                made.set_answer(item.id, given.value, note=given.note, evidence=given.evidence)
        if replace:
            made._disk = _current_bytes(path)  # what save() may replace
        return made

    # -- editing -----------------------------------------------------------------------------

    def set_answer(
        self,
        item_id: str,
        value: AnswerValue | None,
        *,
        note: str | None = None,
        evidence: str | None = None,
    ) -> None:
        """Set one item's answer; a note or evidence makes the long form.

        An entry already in the long form keeps its note and evidence unless
        new ones are given; an empty one ("") removes it, and an entry left with
        its answer alone (and no comment inside) goes back to the short form, or
        away if the item is unanswered. A new entry goes in checklist order.
        """
        self._edit(lambda: self._set_answer(item_id, value, note, evidence))

    def _set_answer(
        self, item_id: str, value: AnswerValue | None, note: str | None, evidence: str | None
    ) -> None:
        entries = self._answers_map()
        existing = entries.get(item_id)
        if isinstance(existing, dict):
            existing["answer"] = _answer_scalar(value)
            for key, text in (("note", note), ("evidence", evidence)):
                if text == "":
                    existing.pop(key, None)
                elif text is not None:
                    existing[key] = _scalar(text)
            commented = isinstance(existing, CommentedMap) and bool(existing.ca.items)
            if list(existing) == ["answer"] and not commented:  # back to the short form
                if value is None:
                    entries.pop(item_id)
                else:
                    entries[item_id] = _answer_scalar(value)
            return
        note, evidence = note or None, evidence or None  # nothing to remove from a short form
        if note is None and evidence is None:
            entry: Any = _answer_scalar(value)
        else:
            entry = CommentedMap(answer=_answer_scalar(value))
            if note is not None:
                entry["note"] = _scalar(note)
            if evidence is not None:
                entry["evidence"] = _scalar(evidence)
        if item_id in entries:
            comment = entries.ca.items.pop(item_id, None) if isinstance(entry, dict) else None
            entries[item_id] = entry
            if comment is not None:  # `gov-01: yes  # …` keeps its comment after the new lines
                entry.ca.items[list(entry)[-1]] = [None, None, comment[2], None]
        else:
            entries.insert(self._slot(entries, item_id), item_id, entry)

    def rename_answer(self, old_id: str, new_id: str) -> None:
        """Give an entry a new id in place, keeping its value and its comment."""
        entries = self._answers_map()
        position = list(entries).index(old_id)
        comment = entries.ca.items.pop(old_id, None)
        entries.insert(position, new_id, entries.pop(old_id))
        if comment is not None:
            entries.ca.items[new_id] = comment

    def remove_answer(self, item_id: str) -> str | None:
        """Take an entry out; return the text of its trailing comment, if it had one."""
        entries = self._answers_map()
        comment = entries.ca.items.pop(item_id, None)
        entries.pop(item_id)
        token = comment[2] if comment and len(comment) > 2 else None
        text = " ".join(token.value.split()).lstrip("#").strip() if token is not None else ""
        return text or None

    def add_comment(self, text: str) -> None:
        """Comment lines just above `answers:`, after any already there."""
        self._answers_map()
        self.document.yaml_set_comment_before_after_key("answers", before=text, indent=0)

    def move_to(self, checklist: Checklist) -> None:
        """Record another version of the checklist; `save()` checks the answers against it.

        The heading `new()` wrote ("… (uksic-online-safety v2026.1).") follows,
        so the file never names two versions.
        """
        before = f"({self.checklist.id} v{self.checklist.version})"
        after = f"({checklist.id} v{checklist.version})"
        heading = self.document.ca.comment[1] if self.document.ca.comment else None
        for token in heading or []:
            token.value = token.value.replace(before, after)
        self.document["checklist"]["version"] = checklist.version
        self.checklist = checklist

    def set_school(self, field: str, value: str | None) -> None:
        """Set (or, with None, remove) one school-profile field."""
        self._edit(lambda: self._set_school(field, value))

    def _set_school(self, field: str, value: str | None) -> None:
        school = self.document["school"]
        if value is None:
            school.pop(field, None)
        else:
            school[field] = _scalar(value)

    def set_completed_by(self, value: str | None) -> None:
        self._edit(lambda: self.document.__setitem__("completed_by", _scalar(value)))

    def set_date(self, value: dt.date) -> None:
        self._edit(lambda: self.document.__setitem__("date", value))

    def _edit(self, change: Callable[[], None]) -> None:
        """Make a change to the document now, and keep it to replay if a save must merge."""
        change()
        self._edits.append(change)

    def _answers_map(self) -> CommentedMap:
        entries = self.document.get("answers")
        if not isinstance(entries, CommentedMap):
            entries = CommentedMap()
            self.document["answers"] = entries
        return entries

    def _slot(self, entries: CommentedMap, item_id: str) -> int:
        """Where a new entry goes: before the first entry that comes later in the checklist."""
        position = self.checklist.position
        mine = position[item_id]
        for index, key in enumerate(entries):
            if position.get(key, -1) > mine:
                return index
        return len(entries)

    # -- saving ------------------------------------------------------------------------------

    @property
    def exists(self) -> bool:
        return self._disk is not None

    def preview(self) -> Answers:
        """What the file would say if saved now, checked as `save()` checks it; nothing written."""
        return self._checked(self._dump())

    def save(self) -> Answers:
        """Check the edited document, write it atomically, and return what it now says.

        Raises `ProblemsError` (nothing written) if the edit made the file
        invalid or too large, and `ChangedOnDisk` if someone else changed the
        file in a way this sitting's edits cannot be merged into.
        """
        self.replaced = []
        with _folder_lock(self.path):
            current = _current_bytes(self.path)
            if current != self._disk:
                self._merge(current)
            data = self._dump()
            answers = self._checked(data)
            try:
                write_bytes_atomic(self.path, data)
            except OSError as error:  # a full disk, a folder gone or read-only
                raise ProblemsError(
                    [
                        Problem(
                            "file/unwritable",
                            f"cannot save the file: {error.strerror or error}",
                            Location(self.path),
                            "the last answer was not saved; the file holds every one before it",
                        )
                    ]
                ) from None
        self._disk = data
        self._edits.clear()
        self.answers = answers
        return answers

    def _merge(self, current: bytes | None) -> None:
        """Put this sitting's unsaved edits on top of the file as it now is on disk.

        Another sitting (or a person with an editor) saved since this one last
        read the file: re-read it, and replay the edits on that. A file gone,
        created meanwhile, or no longer a valid answers file is not guessed at.
        """
        if self._disk is None:
            raise self._changed("was created by someone else while this interview ran", None)
        if current is None:
            raise self._changed("was moved or deleted while this interview ran", None)
        try:
            text = decode_utf8(self.path, current)
            theirs = self._checked(current)
            fresh = _editable(self.path, text)
        except ProblemsError as error:
            raise self._changed(
                "was changed by another program since it was read, and is now invalid",
                error.problems[0],
            ) from None
        self.document = fresh
        for change in self._edits:
            change()
        self.replaced = _replaced(self.answers, theirs, self._checked(self._dump()))

    def _changed(self, what: str, why: Problem | None) -> ChangedOnDisk:
        hint = "put it back" if "deleted" in what else "audit it again"
        if why is not None:
            hint = f"{why.location}: {why.message}"
        return ChangedOnDisk(
            [
                Problem(
                    "answers/changed-on-disk",
                    f"the file {what}; the last answer was not saved, so as not to overwrite it",
                    Location(self.path),
                    hint,
                )
            ]
        )

    def _dump(self) -> bytes:
        stream = io.StringIO()
        self._yaml.dump(self.document, stream)
        return stream.getvalue().encode("utf-8")

    def _checked(self, data: bytes) -> Answers:
        """The model of `data`, read back exactly as `validate` would read the file.

        Text over the reader's size limit is refused here, before it is
        written: the interview never saves a file the tool would then refuse.
        """
        if len(data) > MAX_FILE_BYTES:
            raise ProblemsError(
                [
                    Problem(
                        "file/too-large",
                        f"the file would be too large to read back ({len(data):,} bytes; "
                        f"the limit is {MAX_FILE_BYTES:,}), so the last answer was not saved",
                        Location(self.path),
                        "shorten the note or evidence: a note can refer to a document instead",
                    )
                ]
            )
        document = parse_yaml(data.decode("utf-8"), self.path)
        answers, problems = check_answers(document.data, document, self.path, self.checklist)
        if answers is None:
            raise ProblemsError(errors_only(problems))
        return answers


def _replaced(seen: Answers, theirs: Answers, merged: Answers) -> list[str]:
    """Items another sitting answered (since this one last saw the file) that a merge replaced."""
    return [
        item_id
        for item_id, answer in theirs.answers.items()
        if answer != seen.answers.get(item_id) and merged.answers.get(item_id) != answer
    ]


def _editable(path: str, text: str) -> CommentedMap:
    """The file's round-trip document, which keeps comments and order through edits."""
    try:
        document = _round_trip().load(text)
    except RuamelError as error:  # PyYAML accepted it; ruamel is stricter in places
        raise ProblemsError(
            [Problem("yaml/syntax", f"cannot edit this file: {error}", Location(path))]
        ) from None
    if not isinstance(document, CommentedMap):
        raise ProblemsError(
            [Problem("answers/not-mapping", "cannot edit this file", Location(path))]
        )
    return document


def _current_bytes(path: str) -> bytes | None:
    """What is on disk now (None: nothing is), read with the same bounds as any input."""
    try:
        return read_bytes(path, max_bytes=MAX_FILE_BYTES)
    except ProblemsError as error:
        if error.problems[0].code == "file/not-found":
            return None
        raise


@contextlib.contextmanager
def _folder_lock(path: str) -> Iterator[None]:
    """Hold an exclusive advisory lock on the file's folder while the body runs.

    The lock is on the folder rather than the file because the file itself is
    replaced by each save (a lock on it would be on the old copy), and rather
    than a lock file beside it so that nothing is left behind. It is held for
    one save, a few milliseconds. Where locking is not available (Windows, some
    network file systems) the save goes ahead: the re-read still catches
    almost every clash.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    folder = os.path.dirname(os.path.realpath(path))  # a link: the folder of its target
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        yield
        return
    try:
        with contextlib.suppress(OSError):
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def _resolver(resolve: ChecklistResolver | None) -> ChecklistResolver:
    """The resolver `check_answers` used: the given one, or the built-in catalog's."""
    if resolve is not None:
        return resolve
    from schoolaudit.catalog import Catalog

    return Catalog().by_id


def check_creatable(path: str) -> None:
    """Refuse, before any question is asked, a new file in a folder that cannot hold it."""
    folder = os.path.dirname(path) or "."
    if not os.path.isdir(folder):
        problem = f"cannot create the file: the folder {folder} does not exist"
    elif not os.access(folder, os.W_OK):
        problem = f"cannot create the file: you may not write to the folder {folder}"
    else:
        return
    raise ProblemsError(
        [Problem("file/unwritable", problem, Location(path), "choose another place for it")]
    )


def _scalar(value: Any) -> Any:
    """Text that YAML 1.1 (PyYAML, our reader) would not read back as text gets quotes.

    ruamel writes YAML 1.2, where `no`, `off` and `10:30` are plain text; PyYAML
    would read them as a boolean and a number. Quoting them keeps a note a note.
    NEL (U+0085) and the Unicode line and paragraph separators are written raw
    in plain or single-quoted text, where a reader folds them into a space or
    drops them: double quotes write them as escapes (`\\N`, `\\L`, `\\P`).
    """
    if not isinstance(value, str):
        return value
    if _FOLDED_BREAKS.search(value):
        return DoubleQuotedScalarString(value)
    resolved = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    if resolved != _STR_TAG:
        return DoubleQuotedScalarString(value)
    return value


def _answer_scalar(value: AnswerValue | None) -> Any:
    """An answer as written: `yes`/`no` plain (`gov-01: yes`); other text quoted if needed."""
    if value in (YES, NO):
        return value
    return _scalar(value)
