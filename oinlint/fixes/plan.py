"""Which fixes a run's findings have: one fixer per kind of file, each reading the RunResult.

Rules stay pure (facts in, hits out); a fixer reads what the run already worked out (its
findings, the submission as loaded, the one scope analysis) and proposes edits. Only findings
that count (not waived) get a fix.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from oinlint.engine import RunResult
from oinlint.fixes.code_scopes import code_scope_fixes
from oinlint.fixes.model import Fix
from oinlint.fixes.submission_scopes import read_text, scope_fixes

__all__ = ["FixPlan", "plan_fixes"]


@dataclass(frozen=True, slots=True)
class FixPlan:
    """The fixes of one run, safe and unsafe, in the order of the findings."""

    fixes: tuple[Fix, ...]

    def applicable(self, unsafe: bool) -> tuple[Fix, ...]:
        return tuple(f for f in self.fixes if f.safe or unsafe)

    @property
    def safe_keys(self) -> frozenset[tuple[str, str, int, int]]:
        return frozenset(f.key for f in self.fixes if f.safe)

    @property
    def unsafe_keys(self) -> frozenset[tuple[str, str, int, int]]:
        return frozenset(f.key for f in self.fixes if not f.safe) - self.safe_keys


def plan_fixes(result: RunResult) -> FixPlan:
    """Every fix the run's active findings have."""
    submission = result.submission
    text = read_text(submission.path) if submission is not None and submission.parsed else None
    analysis = result.scope_analysis
    settings = result.settings
    module = settings.root / settings.fix_oauth_module if settings.fix_oauth_module else None
    fixes = (*scope_fixes(result.active, submission, text, analysis),
             *code_scope_fixes(result.active, analysis, result.files, settings.root),
             *_ssws_fixes(result, module))
    return FixPlan(fixes)


# The findings the SSWS -> OAuth rewrite answers (``ssws_fixes.CODES``), in Python files.
_SSWS_CODES = frozenset({"OIN101"})


def _ssws_fixes(result: RunResult, module: Path | None) -> tuple[Fix, ...]:
    if not any(f.code in _SSWS_CODES and f.span.path.endswith(".py") for f in result.active):
        return ()
    # Imported here: the rewrite parses with libcst (about 0.3 s to import), which a run
    # without an SSWS finding in a Python file never needs.
    from oinlint.fixes.ssws_fixes import ssws_fixes

    return tuple(ssws_fixes(result.active, result.scope_analysis, result.settings.root,
                            [*result.scanned, *(f.path for f in result.files)], module))
