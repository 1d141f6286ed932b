"""Step 4: one token request for a scope the submission does not declare, which must be refused.

The scope asked for is ``--undeclared-scope``, else the ``.manage`` twin of a declared ``.read``
scope, else a common management scope; never one a declared scope implies. A grant becomes
OIN903 when the run concludes.
"""

from __future__ import annotations

from oinlint.live import okta_scopes
from oinlint.live.verify.session import BudgetSpent, Granted, Refused, VerifySession

__all__ = ["UndeclaredScopeCheck"]


class UndeclaredScopeCheck(VerifySession):
    """Asks for one undeclared scope and records whether it was granted."""

    def check_undeclared(self) -> None:
        scope = self.pick_undeclared()
        if scope is None:
            self.result.notes.append("no undeclared scope left to check")
            return
        self.result.undeclared_checked = scope
        try:
            answer = self.ask([scope])
        except BudgetSpent:
            self.result.notes.append("no token request left for the undeclared-scope check")
            self.result.undeclared_checked = None
            return
        if isinstance(answer, Granted):
            self.result.granted[scope] = scope in answer.scopes
        elif isinstance(answer, Refused):
            self.result.granted[scope] = False
        else:
            self.result.granted[scope] = None
            self.result.notes.append(f"the undeclared-scope request for {scope} was answered "
                                     f"{answer.error} ({answer.description})")

    def pick_undeclared(self) -> str | None:
        declared = set(self.declared)
        chosen = self.options.undeclared_scope
        if chosen:
            return None if chosen in declared else chosen
        # A declared .manage scope implies its .read twin: asking for that twin proves nothing.
        implied = declared | {
            twin for scope in declared if scope.endswith(".manage")
            for twin in (okta_scopes.twin(scope),) if twin
        }
        for scope in self.declared:
            if scope.endswith(".read"):
                twin = okta_scopes.twin(scope)
                if twin and twin not in implied:
                    return twin
        for fallback in ("okta.users.manage", "okta.users.read", "okta.groups.manage"):
            if fallback not in implied:
                return fallback
        spare = sorted(okta_scopes.known_scopes() - implied)
        return spare[0] if spare else None
