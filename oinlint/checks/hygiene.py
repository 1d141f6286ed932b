"""OIN50x: API hygiene — rate limits and pagination — judged over the whole project.

Both rules look at direct HTTP calls to ``/api/v1/…`` (``HttpApiUse``) in Python files and ask
whether *any* code of the project handles the response property (429 / ``X-Rate-Limit-Reset`` /
``Retry-After``; ``Link: rel="next"``). A call is paginated when Okta's spec says so (the
operation takes the ``after`` cursor, see ``Operation.paginated``), not by its name:
``listFactors`` returns every factor at once. Handling often lives in a shared helper in another
module, so "anywhere in the project" is the precise question a static tool can answer; SDK
calls are not judged (okta-sdk-python retries 429s and pages with ``resp.has_next()``).
"""

from __future__ import annotations

from collections.abc import Iterator

from oinlint.checks.interface import Hit, ProjectFacts, project_rule
from oinlint.facts import HttpApiUse, ResponseHandling
from oinlint.okta.matcher import match


def _handled(project: ProjectFacts, *kinds: str) -> bool:
    return any(h.kind in kinds for f in project.resolved_files for h in f.of(ResponseHandling))


@project_rule("OIN501")
def no_rate_limit_handling(project: ProjectFacts) -> Iterator[Hit]:
    if _handled(project, "429", "rate-limit-header"):
        return
    for facts in project.resolved_files:
        calls = list(facts.of(HttpApiUse))
        if calls:  # one finding per file, at its first call
            first = calls[0]
            yield Hit(first.span, first.context, {
                "call": f"{first.method} {first.path}", "count": str(len(calls))})


@project_rule("OIN502")
def no_pagination(project: ProjectFacts) -> Iterator[Hit]:
    if _handled(project, "pagination"):
        return
    for facts in project.resolved_files:
        for call in facts.of(HttpApiUse):
            if call.method != "GET":
                continue
            operation = match("GET", call.path).operation
            if operation is not None and operation.paginated:
                yield Hit(call.span, call.context, {
                    "call": f"GET {call.path}", "operation": operation.operation_id})
