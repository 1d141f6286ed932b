"""The live rules (OIN901–OIN909): for each code, the outcome of ``oinlint verify`` that
produces its finding.

The verifier (:func:`oinlint.live.verify.run_verify`) makes these findings while it talks to
the org: it has no facts for a rule function to read, only answers. This table is the rule
side of those answers, and :mod:`oinlint.rules.registry` registers each entry as the one
implementation of its code with scope ``live``, like every file and project rule. It imports
nothing from the verifier, so the registry stays cheap to load.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from oinlint.rules.implementation import Implementation

__all__ = ["LIVE_RULES", "LiveRule", "VerifyStep"]

# The steps of a verify run (oinlint.live.verify's docstring), and its conclusion.
VerifyStep = Literal["discovery", "token", "pinpoint", "undeclared", "probe", "replay",
                     "conclusion"]


@dataclass(frozen=True, slots=True)
class LiveRule:
    """One live rule: the verify steps whose answers can produce it, and the outcome that does."""

    code: str
    steps: tuple[VerifyStep, ...]
    outcome: str

    @property
    def implementation(self) -> Implementation:
        return Implementation(self.code, "live", "a verify run",
                              f"{__name__}.LIVE_RULES[{self.code}]")


LIVE_RULES: tuple[LiveRule, ...] = (
    LiveRule("OIN901", ("discovery", "token"),
             "the org refuses the token request itself (an error other than invalid_scope or "
             "consent_required: invalid_client, unauthorized_client, a rejected DPoP proof…), "
             "or discovery names a custom authorization server"),
    LiveRule("OIN902", ("conclusion",),
             "the scopes granted differ from the scopes declared (any OIN903 or OIN904)"),
    LiveRule("OIN903", ("token", "undeclared"),
             "a scope the submission does not declare is granted: by the undeclared-scope "
             "request, or listed in a token response"),
    LiveRule("OIN904", ("token", "pinpoint"),
             "a declared scope is refused (invalid_scope or consent_required, pinpointed scope "
             "by scope) or left out of the scopes a token response grants"),
    LiveRule("OIN905", ("token",),
             "a granted token response is malformed: not a JSON object, no access_token or "
             "scope, the wrong token_type, a non-positive expires_in, or access-token claims "
             "(cid, scp, cnf.jkt) that contradict the client, the response or the DPoP key"),
    LiveRule("OIN906", ("probe",),
             "a read-only GET with the granted token (--probe) is answered 401 or 403"),
    LiveRule("OIN907", ("replay",),
             "a token request the code makes, replayed with its scopes and client "
             "authentication against a client granted exactly the declared scopes, is refused"),
    LiveRule("OIN908", ("replay",),
             "an Okta call in the code needs a scope that none of the code's token requests "
             "asks for (every request's scopes resolved)"),
    LiveRule("OIN909", ("replay",),
             "a declared scope that none of the code's token requests asks for and no Okta "
             "call in the code needs (every request's and call's scopes resolved)"),
)
