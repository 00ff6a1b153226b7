"""Problems found in input files, as data.

A loader never stops at the first mistake: it collects every `Problem` in a file
and raises one `ProblemsError` carrying all of them. The CLI prints each on its
own line as `path:line:column: message (hint)`; batch keeps them per file and
goes on. Stable `code`s let trusts and tests filter problems without parsing
the wording.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Location:
    """Where a problem is: a file and, when known, a 1-based line and column or a cell."""

    path: str
    line: int | None = None
    column: int | None = None
    cell: str | None = None  # "Answers!D14" for spreadsheets

    def __str__(self) -> str:
        if self.cell:
            return f"{self.path}:{self.cell}"
        if self.line is None:
            return self.path
        if self.column is None:
            return f"{self.path}:{self.line}"
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input, located as precisely as the input allows."""

    code: str
    message: str
    location: Location
    hint: str | None = None
    severity: Severity = "error"

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        text = f"{self.location}: {prefix}{self.message}"
        return f"{text} ({self.hint})" if self.hint else text

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready form, used by `--format json` and batch reports."""
        data: dict[str, object] = {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "file": self.location.path,
            "line": self.location.line,
            "column": self.location.column,
        }
        if self.location.cell:
            data["cell"] = self.location.cell
        if self.hint:
            data["hint"] = self.hint
        data["text"] = str(self)
        return data


@dataclass
class ProblemsError(Exception):
    """Raised once by a loader with every error it found in one input."""

    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__("\n".join(str(p) for p in self.problems))


def errors_only(problems: list[Problem]) -> list[Problem]:
    """The problems that make an input unusable (warnings are reported, not fatal)."""
    return [p for p in problems if p.severity == "error"]


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Order problems as a reader meets them in the file: by line, then column."""
    return sorted(
        problems,
        key=lambda p: (p.location.path, p.location.line or 0, p.location.column or 0),
    )


def too_deep(location: Location) -> Problem:
    """Data nested past what the parser or Python's recursion limit allows: no real
    checklist or answers file is, whichever of the two stopped it."""
    return Problem(
        "yaml/too-deep",
        "the document is nested too deeply to check",
        location,
        "is this the right file?",
    )
