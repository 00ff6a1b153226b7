"""Finding checklists: the built-in ones and those in a trust's own folders.

`--checklist` takes an id or a path. An id is looked up among the built-in
checklists and every `--checklist-dir`; a path (anything that ends in .yaml or
.yml, or names an existing file) is loaded as it is. Checklists are loaded
once per catalog, so a batch over thousands of schools reads each only once.

Versions: `<folder>/*.yaml` hold the current version of each checklist and
`<folder>/archive/<id>-<version>.yaml` older ones, kept so that an answers file
made against an older version still reports as it did. A trust's folder may
not reuse a built-in id, nor hold one version of a checklist twice: which of
two files wins would be a guess, so both are named and neither is used.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from schoolaudit.checklist import load_checklist_file
from schoolaudit.model import Checklist
from schoolaudit.problems import Location, Problem, ProblemsError
from schoolaudit.resources import checklists_dir
from schoolaudit.text import did_you_mean
from schoolaudit.yamlsource import YamlDocument, load_yaml

DEFAULT_CHECKLIST = "uksic-online-safety"
ARCHIVE = "archive"
"""The sub-folder of a checklist folder that holds older versions."""


@dataclass(frozen=True, slots=True)
class Entry:
    """A checklist file found in a folder, before or without loading it in full."""

    id: str
    path: str
    builtin: bool
    version: str | None = None
    current: bool = True  # False: an older version, from an archive folder


def version_key(version: str | None) -> tuple[tuple[int, int | str], ...]:
    """Sort key for versions: "2026.10" after "2026.2"; numbers before words."""
    parts = re.split(r"[.\-]", version or "")
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in parts)


class Catalog:
    """The checklists available to one run."""

    def __init__(self, extra_dirs: Iterable[str | os.PathLike[str]] = ()) -> None:
        self.extra_dirs = [Path(d) for d in extra_dirs]
        self._loaded: dict[str, Checklist] = {}
        self._entries: list[Entry] | None = None
        self._versions: dict[str, list[Entry]] = {}  # asked for by every file of a batch
        self._read: dict[str, YamlDocument] = {}  # files `entries` read, until they are loaded

    def entries(self, *, archived: bool = False) -> list[Entry]:
        """Every current checklist file, built-in first (with `archived`, older versions too).

        Raises `ProblemsError` if a trust's folder reuses a built-in id or
        holds one version of a checklist twice.
        """
        if self._entries is None:
            entries: list[Entry] = []
            for folder, builtin in [(checklists_dir(), True)] + [
                (d, False) for d in self.extra_dirs
            ]:
                entries.extend(_scan(folder, builtin, self._read))
                entries.extend(_scan_archive(folder / ARCHIVE, builtin))
            clashes = list(_clashes(entries))
            if clashes:
                raise ProblemsError(clashes)
            self._entries = entries
        return [entry for entry in self._entries if archived or entry.current]

    def versions(self, checklist_id: str) -> list[Entry]:
        """Every version of one checklist, newest first (empty: no such checklist)."""
        if checklist_id not in self._versions:
            found = [entry for entry in self.entries(archived=True) if entry.id == checklist_id]
            self._versions[checklist_id] = sorted(
                found, key=lambda e: (e.current, version_key(e.version)), reverse=True
            )
        return list(self._versions[checklist_id])

    def get(self, id_or_path: str | None = None, version: str | None = None) -> Checklist:
        """A loaded, checked checklist by id or path (the default one without either).

        With `version`, an id names that version of the checklist, current or
        archived; a version that exists nowhere is a problem naming those that do.
        A path is loaded as it is, whatever `version` says.
        """
        wanted = id_or_path or DEFAULT_CHECKLIST
        if looks_like_path(wanted):
            return self._load(wanted, builtin=False)
        return self.by_id(wanted, version)

    def by_id(self, wanted: str, version: str | None = None) -> Checklist:
        """A checklist by its id (and version) only, never by path: what a file may name.

        An answers file comes from anyone (a school, an email); were its
        `checklist.id` taken as a path, validating it would read the trust's own
        files (`/etc/passwd`) or hang on a pipe. Paths come from the command line.
        """
        matches = self.versions(wanted)
        if not matches:
            known = [entry.id for entry in self.entries()]
            raise ProblemsError(
                [
                    Problem(
                        "catalog/unknown",
                        f"no checklist with id '{wanted}'",
                        Location(wanted),
                        did_you_mean(wanted, known) or "available: " + (", ".join(known) or "none"),
                    )
                ]
            )
        chosen = matches[0]
        if version is not None and version != chosen.version:
            same = [entry for entry in matches if entry.version == version]
            if not same:
                raise ProblemsError([_unknown_version(wanted, version, matches)])
            chosen = same[0]
        checklist = self._load(chosen.path, builtin=chosen.builtin)
        if (checklist.id, checklist.version) != (chosen.id, chosen.version) and not chosen.current:
            raise ProblemsError(
                [
                    Problem(
                        "catalog/misnamed",
                        f"this file holds version {checklist.version} of '{checklist.id}', "
                        f"but its name says version {chosen.version} of '{chosen.id}'",
                        Location(chosen.path),
                        f"name it {checklist.id}-{checklist.version}.yaml",
                    )
                ]
            )
        return checklist

    def latest(self, checklist_id: str) -> Checklist | None:
        """The current version of a checklist, None if the catalog has no such id."""
        matches = self.versions(checklist_id)
        return self._load(matches[0].path, builtin=matches[0].builtin) if matches else None

    def _load(self, path: str, *, builtin: bool) -> Checklist:
        key = os.path.abspath(path)
        if key not in self._loaded:
            self._loaded[key] = load_checklist_file(
                path, builtin=builtin, resolve=self.get, document=self._read.pop(key, None)
            )
        return self._loaded[key]


def _unknown_version(checklist_id: str, version: str, entries: list[Entry]) -> Problem:
    there = ", ".join(
        f"{entry.version}{' (current)' if entry.current else ''}" for entry in entries
    )
    return Problem(
        "catalog/unknown-version",
        f"there is no version {version} of checklist '{checklist_id}'",
        Location(checklist_id),
        f"versions there are: {there}",
    )


def _clashes(entries: list[Entry]) -> Iterable[Problem]:
    """A trust's checklist with a built-in id, or one version of a checklist twice."""
    builtin_ids = {entry.id: entry for entry in entries if entry.builtin and entry.current}
    seen: dict[tuple[str, str | None], Entry] = {}
    for entry in entries:
        first = builtin_ids.get(entry.id)
        if not entry.builtin and entry.current and first is not None:
            yield Problem(
                "catalog/duplicate-id",
                f"checklist id '{entry.id}' is already used by the built-in {first.path}",
                Location(entry.path),
                "give your checklist its own id; a built-in id cannot be replaced",
            )
            continue
        key = (entry.id, entry.version)
        if key in seen:
            yield Problem(
                "catalog/duplicate-id",
                f"version {entry.version} of checklist '{entry.id}' is also {seen[key].path}",
                Location(entry.path),
                "keep one file per version (older versions go in archive/<id>-<version>.yaml)",
            )
            continue
        seen[key] = entry


def looks_like_path(text: str) -> bool:
    """A --checklist value that names a file rather than an id."""
    return text.endswith((".yaml", ".yml")) or os.sep in text or os.path.isfile(text)


def _yaml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return [path for path in sorted(folder.glob("*.y*ml")) if path.suffix in (".yaml", ".yml")]


def _scan(folder: Path, builtin: bool, read: dict[str, YamlDocument]) -> list[Entry]:
    """Checklist files in `folder`, named by their `id` (or file stem if unreadable).

    Each document read is kept in `read` by its absolute path, so loading the
    checklist later does not read and parse the file a second time.
    """
    entries = []
    for path in _yaml_files(folder):
        try:
            document = load_yaml(str(path))
        except ProblemsError:
            data = None
        else:
            data = document.data
            read[os.path.abspath(path)] = document
        checklist_id = data.get("id") if isinstance(data, dict) else None
        version = data.get("version") if isinstance(data, dict) else None
        entries.append(
            Entry(
                str(checklist_id or path.stem),
                str(path),
                builtin,
                None if version is None else str(version),
            )
        )
    return entries


def _scan_archive(folder: Path, builtin: bool) -> list[Entry]:
    """Older versions, named `<id>-<version>.yaml`: read from the name, not the file.

    Archived files are loaded only when an answers file names their version
    (and their content checked against the name then), so keeping many years
    of versions costs a run nothing.
    """
    entries = []
    for path in _yaml_files(folder):
        checklist_id, _, version = path.stem.rpartition("-")
        if checklist_id and version:
            entries.append(Entry(checklist_id, str(path), builtin, version, current=False))
    return entries


def load_checklist(id_or_path: str | None = None, extra_dirs: Iterable[str] = ()) -> Checklist:
    """A checklist by built-in id or path: the public entry point."""
    return Catalog(extra_dirs).get(id_or_path)
