"""Editing one answers file in place, the way a careful person would by hand.

The interview saves after every answer, so the file is rewritten many times.
Each rewrite must keep what a person put there: comments, the order of keys,
keys schoolaudit does not know. ruamel.yaml's round-trip mode holds all of
that; PyYAML (the fast reader everywhere else) would drop comments.

Every save is checked before it is written: the new text is read back with the
same loader and checks as `schoolaudit validate`, so the interview can never
write a file that the rest of the tool rejects. The model it returns is what
the file now says. A save then refuses to overwrite a file that changed on disk
since it was last read or written (a second interview on the same file, an
editor): it raises `ChangedOnDisk` instead of silently losing someone's answers.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Mapping
from pathlib import Path
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
from schoolaudit.yamlsource import MAX_FILE_BYTES, decode_utf8, parse_yaml

FORMAT_VERSION = 1
_STR_TAG = "tag:yaml.org,2002:str"
_RESOLVER = yaml.resolver.Resolver()


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
        raw = _read_bytes(path)
        text = decode_utf8(path, raw)
        document = parse_yaml(text, path)
        answers, problems = check_answers(document.data, document, path, checklist, resolve=resolve)
        if answers is None:
            raise ProblemsError(problems)
        chosen = checklist or _resolver(resolve)(answers.checklist_id)
        try:
            edited = _round_trip().load(text)
        except RuamelError as error:  # PyYAML accepted it; ruamel is stricter in places
            raise ProblemsError(
                [Problem("yaml/syntax", f"cannot edit this file: {error}", Location(path))]
            ) from None
        opened = cls(path, chosen, edited, raw, answers)
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
        if replace and os.path.isfile(path):
            made._disk = Path(path).read_bytes()
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
        new ones are given. A new entry goes in checklist order among the others.
        """
        entries = self._answers_map()
        existing = entries.get(item_id)
        if isinstance(existing, dict):
            existing["answer"] = _answer_scalar(value)
            for key, text in (("note", note), ("evidence", evidence)):
                if text is not None:
                    existing[key] = _scalar(text)
            return
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

    def set_school(self, field: str, value: str | None) -> None:
        """Set (or, with None, remove) one school-profile field."""
        school = self.document["school"]
        if value is None:
            school.pop(field, None)
        else:
            school[field] = _scalar(value)

    def set_completed_by(self, value: str | None) -> None:
        self.document["completed_by"] = _scalar(value)

    def set_date(self, value: dt.date) -> None:
        self.document["date"] = value

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
        invalid, and `ChangedOnDisk` if someone else changed the file.
        """
        data = self._dump()
        answers = self._checked(data)
        self._check_unchanged()
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
        self.answers = answers
        return answers

    def _dump(self) -> bytes:
        stream = io.StringIO()
        self._yaml.dump(self.document, stream)
        return stream.getvalue().encode("utf-8")

    def _checked(self, data: bytes) -> Answers:
        """The model of `data`, read back exactly as `validate` would read the file."""
        document = parse_yaml(data.decode("utf-8"), self.path)
        answers, problems = check_answers(document.data, document, self.path, self.checklist)
        if answers is None:
            raise ProblemsError(errors_only(problems))
        return answers

    def _check_unchanged(self) -> None:
        try:
            current: bytes | None = Path(self.path).read_bytes()
        except FileNotFoundError:
            current = None
        if current == self._disk:
            return
        if self._disk is None:
            what, hint = "was created by someone else while this interview ran", "audit it again"
        elif current is None:
            what, hint = "was moved or deleted while this interview ran", "put it back"
        else:
            what = "was changed by another program (another `schoolaudit audit`?) since it was read"
            hint = "close the other interview or editor, then run this one again to resume"
        raise ChangedOnDisk(
            [
                Problem(
                    "answers/changed-on-disk",
                    f"the file {what}; the last answer was not saved, so as not to overwrite it",
                    Location(self.path),
                    hint,
                )
            ]
        )


def _resolver(resolve: ChecklistResolver | None) -> ChecklistResolver:
    """The resolver `check_answers` used: the given one, or the built-in catalog's."""
    if resolve is not None:
        return resolve
    from schoolaudit.catalog import Catalog

    return Catalog().get


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


def _read_bytes(path: str) -> bytes:
    try:
        size = os.stat(path).st_size
        if size > MAX_FILE_BYTES:
            raise ProblemsError(
                [
                    Problem(
                        "file/too-large",
                        f"file is too large ({size:,} bytes; the limit is {MAX_FILE_BYTES:,})",
                        Location(path),
                        "is this the right file?",
                    )
                ]
            )
        return Path(path).read_bytes()
    except IsADirectoryError:
        raise ProblemsError(
            [Problem("file/is-directory", "is a folder, not a file", Location(path))]
        ) from None
    except OSError as error:
        raise ProblemsError(
            [Problem("file/unreadable", f"cannot read the file: {error.strerror}", Location(path))]
        ) from None


def _scalar(value: Any) -> Any:
    """Text that YAML 1.1 (PyYAML, our reader) would not read back as text gets quotes.

    ruamel writes YAML 1.2, where `no`, `off` and `10:30` are plain text; PyYAML
    would read them as a boolean and a number. Quoting them keeps a note a note.
    """
    if not isinstance(value, str):
        return value
    resolved = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    if resolved != _STR_TAG:
        return DoubleQuotedScalarString(value)
    return value


def _answer_scalar(value: AnswerValue | None) -> Any:
    """An answer as written: `yes`/`no` plain (`gov-01: yes`); other text quoted if needed."""
    if value in (YES, NO):
        return value
    return _scalar(value)
