"""OIN50x: API hygiene — rate limits and pagination — judged over the whole project.

Both rules look at direct HTTP calls to ``/api/v1/…`` (``HttpApiUse``) in Python files and ask
whether *any* code of the project handles the response property (429 / ``X-Rate-Limit-Reset`` /
``Retry-After``; ``Link: rel="next"``). A call is paginated when Okta's spec says so (the
operation takes the ``after`` cursor, see ``Operation.paginated``), not by its name:
``listFactors`` returns every factor at once. Handling often lives in a shared helper in another
module, so "anywhere in the project" is the precise question a static tool can answer; SDK
calls are not judged (okta-sdk-python retries 429s and pages with ``resp.has_next()``).
Only calls in files that show they are about Okta count (``okta_evidence_of``): a bare
``/api/v1/`` is also Argo CD's, Kandji's and many other products' API.
"""

from __future__ import annotations

from collections.abc import Iterator

from oinlint.checks.interface import Hit, ProjectFacts, project_rule
from oinlint.checks.transport import okta_evidence_of
from oinlint.facts import FileFacts, HttpApiUse, ResponseHandling
from oinlint.okta.matcher import match


def _handled(project: ProjectFacts, *kinds: str) -> bool:
    return any(h.kind in kinds for f in project.resolved_files for h in f.of(ResponseHandling))


def _okta_calls(project: ProjectFacts) -> Iterator[tuple[FileFacts, list[HttpApiUse]]]:
    """Each file's direct ``/api/v1/`` calls that are Okta's: all of them in a file that shows
    it is Okta code; in another file of a project that does, those whose path is an operation
    of Okta's spec (Argo CD's ``/api/v1/applications`` is not)."""
    files = [(facts, list(facts.of(HttpApiUse))) for facts in project.resolved_files]
    evident = {facts.path for facts, _ in files if okta_evidence_of(facts) is not None}
    for facts, calls in files:
        if facts.path not in evident:
            calls = [c for c in calls
                     if evident and match(c.method, c.path).operation is not None]
        if calls:
            yield facts, calls


@project_rule("OIN501")
def no_rate_limit_handling(project: ProjectFacts) -> Iterator[Hit]:
    if _handled(project, "429", "rate-limit-header"):
        return
    for _, calls in _okta_calls(project):  # one finding per file, at its first call
        first = calls[0]
        yield Hit(first.span, first.context, {
            "call": f"{first.method} {first.path}", "count": str(len(calls))})


@project_rule("OIN502")
def no_pagination(project: ProjectFacts) -> Iterator[Hit]:
    if _handled(project, "pagination"):
        return
    for _, calls in _okta_calls(project):
        for call in calls:
            if call.method != "GET":
                continue
            operation = match("GET", call.path).operation
            if operation is not None and operation.paginated:
                yield Hit(call.span, call.context, {
                    "call": f"GET {call.path}", "operation": operation.operation_id})
