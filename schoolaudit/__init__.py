"""schoolaudit: audit a UK school's online-safety arrangements against UK guidance.

The public API is small: load a checklist and an answers file, score them, and
read the result. Everything else is private and may change.

    >>> from schoolaudit import load_checklist, load_answers, score
    >>> checklist = load_checklist("uksic-online-safety")        # doctest: +SKIP
    >>> result = score(checklist, load_answers("answers.yaml", checklist))  # doctest: +SKIP
"""

__version__ = "0.1.0"

from schoolaudit.answers import load_answers
from schoolaudit.catalog import load_checklist
from schoolaudit.problems import Problem, ProblemsError
from schoolaudit.scoring import score

__all__ = ["Problem", "ProblemsError", "__version__", "load_answers", "load_checklist", "score"]
