"""Which findings a run shows when it checks part of a project (``oinlint check a.py``).

Such a run is judged over the whole project (every file's facts back the project rules, so
OIN501 sees the 429 handling in another module); the paths named only choose which findings
are shown:

- findings located in a file named (or found in a folder named);
- findings located in the submission file when the submission itself is among them, or when
  a file among them has a fact the least-privilege analysis reads (an Okta API call, resolved
  or not, a scope list, a token request): the files that can change the submission's verdict.

Warnings and skips are shown for the selected files only; the rest are counted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from oinlint.facts import ApiCall, FileFacts, ScopeList, TokenRequest, Unresolved

__all__ = ["Selection", "feeds_scope_analysis"]


def feeds_scope_analysis(facts: FileFacts) -> bool:
    """Whether this file gives the scope analysis anything (see the module's doc)."""
    for fact in facts.facts:
        if isinstance(fact, (ApiCall, TokenRequest)):
            return True
        if isinstance(fact, ScopeList) and fact.role != "submission":
            return True
        if isinstance(fact, Unresolved) and fact.what == "api-call":
            return True
    return False


@dataclass
class Selection:
    """The shown part of a run: every path (a whole-project run) or the displays named."""

    displays: frozenset[str] | None = None  # None: everything is shown
    submission_display: str | None = None
    _submission_shown: bool = field(default=False)

    @property
    def everything(self) -> bool:
        return self.displays is None

    def selects(self, display: str) -> bool:
        return self.displays is None or display in self.displays

    def saw(self, facts: FileFacts) -> None:
        """Note the facts of a selected file (does it feed the submission's verdict?)."""
        if not self._submission_shown and feeds_scope_analysis(facts):
            self._submission_shown = True

    def shows(self, path: str) -> bool:
        """Whether a finding located in ``path`` is shown."""
        if self.displays is None or path in self.displays:
            return True
        return path == self.submission_display and self._submission_shown
