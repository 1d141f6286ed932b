"""OIN50x: API hygiene — rate limits and pagination.

Both rules look at HTTP calls to ``/api/v1/…`` (``HttpApiUse``: direct, or through the
project's wrappers). OIN501 asks whether *any* code of the project answers 429 (a retry layer
usually lives in one shared helper, so "anywhere" is the precise question). OIN502 asks, per
list call, whether the function making it follows the pages: it reads a ``next`` link or
hands on Okta's ``after`` cursor itself, calls a pager, or calls (or goes through a wrapper
that is) a function that does — the front ends record those per function. One function that
pages the users does not page the groups read elsewhere. A call is paginated when Okta's spec
says so (the operation takes the ``after`` cursor, see ``Operation.paginated``), not by its
name: ``listFactors`` returns every factor at once. SDK calls are not judged (okta-sdk-python
retries 429s and pages with ``resp.has_next()``).
Only calls in files that show they are about Okta count (``okta_evidence_of``): a bare
``/api/v1/`` is also Argo CD's, Kandji's and many other products' API.
"""

from __future__ import annotations

from collections.abc import Iterator

from oinlint.checks.interface import Hit, ProjectFacts, project_rule
from oinlint.checks.transport import okta_evidence_of
from oinlint.facts import ApiCall, AuthHeader, FileFacts, HttpApiUse, ResponseHandling, SdkClient
from oinlint.frontends.languages import LANGUAGE_SPECS, parse_text
from oinlint.frontends.text import SOURCE_LANGUAGES
from oinlint.okta.matcher import match
from oinlint.testfiles import is_test_file

# Okta client libraries that send a 429 back to the caller (the official SDKs wait and retry)
_NO_RETRY_CLIENTS = frozenset({"oktakit", "okta-sdk-python (legacy)"})
# source languages that a code front end reads (a header the text front end finds in a note or
# a script it cannot parse is weaker evidence)
_CODE_LANGUAGES = SOURCE_LANGUAGES & {spec.name for spec in LANGUAGE_SPECS
                                      if spec.frontend is not parse_text}


def _handled(project: ProjectFacts, *kinds: str) -> bool:
    return any(h.kind in kinds for f in project.resolved_files for h in f.of(ResponseHandling))


def _okta_calls(project: ProjectFacts, per_call: bool = False
                ) -> Iterator[tuple[FileFacts, list[HttpApiUse]]]:
    """Each file's direct ``/api/v1/`` calls that are Okta's: all of them in a file that shows
    it is Okta code; in another file of a project that does, those whose path is an operation
    of Okta's spec (Argo CD's ``/api/v1/applications`` is not). A finding made for each call
    (``per_call``) asks more of such a file: the call goes through the project's wrapper
    (``okta.get("/api/v1/users")``), since a direct call from a file with nothing of Okta in it
    may be another product's that shares a path (Kandji's ``/api/v1/devices`` in a
    multi-connector tool)."""
    files = [(facts, list(facts.of(HttpApiUse))) for facts in project.resolved_files]
    evident = {facts.path for facts, _ in files if okta_evidence_of(facts) is not None}
    for facts, calls in files:
        if facts.path not in evident:
            wrapped = {c.span for c in facts.of(ApiCall) if c.via.startswith("wrapper:")}
            calls = [c for c in calls
                     if evident and (not per_call or c.span in wrapped)
                     and match(c.method, c.path).operation is not None]
        if calls:
            yield facts, calls


@project_rule("OIN501")
def no_rate_limit_handling(project: ProjectFacts) -> Iterator[Hit]:
    if _handled(project, "429", "rate-limit-header"):
        return
    found = False
    for _, calls in _okta_calls(project):  # one finding per file, at its first call
        first = calls[0]
        found = True
        yield Hit(first.span, first.context, {
            "calls": f"{first.method} {first.path}, {len(calls)} in this file"})
    if found:
        return
    # no call resolved (a framework's client, paths in an enum, PSR-7 requests), but an
    # ``SSWS`` header built by hand, or a client library that does not wait on 429 (oktakit,
    # the legacy okta Python SDK): the project calls Okta's API itself, one finding per file
    for facts in project.resolved_files:
        if is_test_file(facts.path) or facts.language not in _CODE_LANGUAGES:
            continue  # a config file's or a note's header is not the integration's code
        header = next((h for h in facts.of(AuthHeader)
                       if (h.scheme or "").upper() == "SSWS" and not h.passed_on), None)
        if header is not None:
            yield Hit(header.span, header.context, {"calls": "sent with this `SSWS` header"})
            continue
        client = next((c for c in facts.of(SdkClient) if c.sdk in _NO_RETRY_CLIENTS), None)
        if client is not None:
            yield Hit(client.span, client.context,
                      {"calls": f"made through this {client.sdk} client, which does not "
                                "retry on 429"})


@project_rule("OIN502")
def no_pagination(project: ProjectFacts) -> Iterator[Hit]:
    for facts, calls in _okta_calls(project, per_call=True):
        paging = {h.context for h in facts.of(ResponseHandling) if h.kind == "pagination"}
        for call in calls:
            if call.method != "GET" or call.context in paging:
                continue
            operation = match("GET", call.path).operation
            if operation is not None and operation.paginated:
                yield Hit(call.span, call.context, {
                    "call": f"GET {call.path}", "operation": operation.operation_id,
                    "function": _function(call.context)})


def _function(context: str) -> str:
    return f"`{context}`" if context else "the module's top-level code"
