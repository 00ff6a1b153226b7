"""Finding checklists: the built-in ones and those in a trust's own folders.

`--checklist` takes an id or a path. An id is looked up among the built-in
checklists and every `--checklist-dir`; a path (anything that ends in .yaml or
.yml, or names an existing file) is loaded as it is. Checklists are loaded
once per catalog, so a batch over thousands of schools reads each only once.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from schoolaudit.checklist import load_checklist_file
from schoolaudit.model import Checklist
from schoolaudit.problems import Location, Problem, ProblemsError
from schoolaudit.resources import checklists_dir
from schoolaudit.text import did_you_mean
from schoolaudit.yamlsource import load_yaml

DEFAULT_CHECKLIST = "uksic-online-safety"


@dataclass(frozen=True, slots=True)
class Entry:
    """A checklist file found in a folder, before or without loading it in full."""

    id: str
    path: str
    builtin: bool


class Catalog:
    """The checklists available to one run."""

    def __init__(self, extra_dirs: Iterable[str | os.PathLike[str]] = ()) -> None:
        self.extra_dirs = [Path(d) for d in extra_dirs]
        self._loaded: dict[str, Checklist] = {}
        self._entries: list[Entry] | None = None

    def entries(self) -> list[Entry]:
        """Every checklist file, built-in first; a trust's own may not reuse a built-in id."""
        if self._entries is None:
            entries: list[Entry] = []
            for folder, builtin in [(checklists_dir(), True)] + [
                (d, False) for d in self.extra_dirs
            ]:
                entries.extend(_scan(folder, builtin))
            self._entries = entries
        return self._entries

    def get(self, id_or_path: str | None = None) -> Checklist:
        """A loaded, checked checklist by id or path (the default one without either)."""
        wanted = id_or_path or DEFAULT_CHECKLIST
        if _looks_like_path(wanted):
            return self._load(wanted, builtin=False)
        matches = [entry for entry in self.entries() if entry.id == wanted]
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
        return self._load(matches[0].path, builtin=matches[0].builtin)

    def _load(self, path: str, *, builtin: bool) -> Checklist:
        key = os.path.abspath(path)
        if key not in self._loaded:
            self._loaded[key] = load_checklist_file(path, builtin=builtin, resolve=self.get)
        return self._loaded[key]


def _looks_like_path(text: str) -> bool:
    return text.endswith((".yaml", ".yml")) or os.sep in text or os.path.isfile(text)


def _scan(folder: Path, builtin: bool) -> list[Entry]:
    """Checklist files in `folder`, named by their `id` (or file stem if unreadable)."""
    if not folder.is_dir():
        return []
    entries = []
    for path in sorted(folder.glob("*.y*ml")):
        if path.suffix not in (".yaml", ".yml"):
            continue
        try:
            data = load_yaml(str(path)).data
            checklist_id = data.get("id") if isinstance(data, dict) else None
        except ProblemsError:
            checklist_id = None
        entries.append(Entry(str(checklist_id or path.stem), str(path), builtin))
    return entries


def load_checklist(id_or_path: str | None = None, extra_dirs: Iterable[str] = ()) -> Checklist:
    """A checklist by built-in id or path: the public entry point."""
    return Catalog(extra_dirs).get(id_or_path)
