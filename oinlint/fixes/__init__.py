"""``oinlint check --fix``: fixes proposed from a run's findings, applied as line edits.

:mod:`model` (``Fix``, ``Edit``), :mod:`apply` (non-overlapping edits, diffs), :mod:`plan`
(the fixers over a ``RunResult``), :mod:`submission_scopes` (the scope fixes of
``oin-submission.yaml``), :mod:`writing` (writing only what still parses).
"""

from oinlint.fixes.model import Edit, Fix
from oinlint.fixes.plan import FixPlan, plan_fixes

__all__ = ["Edit", "Fix", "FixPlan", "plan_fixes"]
