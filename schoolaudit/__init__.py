"""schoolaudit: audit a UK school's online-safety arrangements against UK guidance.

The public API is small: load a checklist and an answers file, score them, and
read the result. Everything else is private and may change.

    >>> from schoolaudit import load_checklist, load_answers, score
    >>> checklist = load_checklist("uksic-online-safety")        # doctest: +SKIP
    >>> result = score(checklist, load_answers("answers.yaml", checklist))  # doctest: +SKIP

The names are loaded on first use (PEP 562 `__getattr__`): `import schoolaudit`
stays cheap, so `schoolaudit --help` does not pay for jsonschema and the YAML
loaders it never runs.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from schoolaudit.answers import load_answers
    from schoolaudit.catalog import load_checklist
    from schoolaudit.problems import Problem, ProblemsError
    from schoolaudit.scoring import score

_PUBLIC = {
    "load_answers": "schoolaudit.answers",
    "load_checklist": "schoolaudit.catalog",
    "Problem": "schoolaudit.problems",
    "ProblemsError": "schoolaudit.problems",
    "score": "schoolaudit.scoring",
}

__all__ = ["Problem", "ProblemsError", "__version__", "load_answers", "load_checklist", "score"]


def __getattr__(name: str) -> Any:
    """Load a public name from its module the first time it is asked for."""
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'schoolaudit' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
