"""OIN2xx: least privilege, from the code's Okta calls, its scope strings and the submission.

All seven rules read the one analysis of the run (``ProjectFacts.scopes``), so a scope is
judged the same way everywhere (and in the scope matrix). Declaration-side findings point at
the scope's name in ``oin-submission.yaml``; code-side ones at the scope inside its string, or
at the call. OIN202-OIN204 need at least one Okta call (or unresolved call) in the project, so a
repository without Okta calls never hears that its scopes are unused.
"""

from __future__ import annotations

from collections.abc import Iterator

from oinlint.checks.interface import Hit, ProjectFacts, project_rule
from oinlint.facts import Span
from oinlint.findings import Related
from oinlint.okta import is_known_scope, scope, suggest, twin
from oinlint.scope_analysis import Analysis, CallNeed

MAX_RELATED = 5


def _analysis(project: ProjectFacts) -> Analysis:
    return project.scopes


def _submission_ok(analysis: Analysis) -> bool:
    return analysis.submission is not None and bool(getattr(analysis.submission, "parsed", False))


def _all_scopes(analysis: Analysis, okta_only: bool = False) -> Iterator[tuple[str, Span, str]]:
    """(name, span, where) for every declared then requested scope, each place once.
    ``okta_only``: leave out strings that are neither Okta-shaped nor asked of Okta (an
    application's own scopes, sent to its own authorization server)."""
    for name, span in analysis.declared:
        yield name, span, "declared"
    for use in analysis.requested:
        if not okta_only or use.okta_business():
            yield use.name, use.span, ("requested in configuration" if use.role == "config"
                                       else "requested in code")


def _calls_related(calls: list[CallNeed], why: str) -> tuple[Related, ...]:
    return tuple(Related(c.span, f"{c.label} {why}") for c in calls[:MAX_RELATED])


def _places(calls: list[CallNeed]) -> str:
    shown = ", ".join(f"{c.label} at {c.where}" for c in calls[:3])
    return shown + (f" and {len(calls) - 3} more" if len(calls) > 3 else "")


@project_rule("OIN201")
def unknown_scope(project: ProjectFacts) -> Iterator[Hit]:
    analysis = _analysis(project)
    for name, span, where in _all_scopes(analysis, okta_only=True):
        if is_known_scope(name):
            continue
        hints = suggest(name)
        hint = f"; did you mean {' or '.join(hints)}?" if hints else ""
        yield Hit(span, args={"scope": name, "problem": (
            f"{name} ({where}) is not an Okta scope{hint}")},
            fix=f"Use {hints[0]}." if hints else None)


@project_rule("OIN202")
def manage_where_read_suffices(project: ProjectFacts) -> Iterator[Hit]:
    analysis = _analysis(project)
    if not analysis.calls:
        return
    seen: set[tuple[str, Span]] = set()
    for name, span, where in _all_scopes(analysis):
        granted = analysis.declared_names if where == "declared" else analysis.requested_names
        read = analysis.read_suffices(name, granted)
        if read is None or (name, span) in seen:
            continue
        seen.add((name, span))
        users = analysis.users_of(name)
        yield Hit(span, args={"scope": name, "problem": (
            f"{name} is {where}, but the code only reads with it: {read} suffices "
            f"({_places(users)})")},
            fix=f"Replace {name} with {read}.",
            related=_calls_related(users, f"needs only {read}"))


@project_rule("OIN203")
def scope_needed_by_no_call(project: ProjectFacts) -> Iterator[Hit]:
    analysis = _analysis(project)
    if not analysis.has_calls:
        return
    if not _submission_ok(analysis) and all(
            c.span.path in analysis.api_token_files
            for c in (*analysis.calls, *analysis.unresolved)):
        return  # only API-token calls found: the OAuth client's own calls were not seen
    checked = len(analysis.calls)
    open_calls = len(analysis.unresolved)
    seen: set[tuple[str, Span]] = set()
    for name, span, where in _all_scopes(analysis, okta_only=True):
        if (name, span) in seen or not is_known_scope(name):
            continue
        seen.add((name, span))
        entry = scope(name)
        if entry is not None and not entry.usable_by_api_service:
            continue  # OIN207 says what is wrong with it
        if analysis.users_of(name) or analysis.unresolved_users_of(name):
            continue
        unseen = (f"; {open_calls} call(s) the analysis could not resolve cannot need it "
                  "either" if open_calls else "")
        yield Hit(span, args={"scope": name, "problem": (
            f"{name} is {where}, but none of the {checked} Okta call(s) found needs it"
            f"{unseen}")},
            fix=f"Remove {name}, or show the call that needs it.")


@project_rule("OIN204")
def call_needs_undeclared_scope(project: ProjectFacts) -> Iterator[Hit]:
    analysis = _analysis(project)
    if not analysis.has_calls:
        return
    if not _submission_ok(analysis):
        yield from _calls_beyond_requests(analysis)
        return
    submission = analysis.submission
    key = submission.span_of("scopes") or Span(submission.display, 1, 1, 1, 1)
    declared = analysis.declared_names
    for call in analysis.calls:
        missing = analysis.missing(call, declared)
        if not missing:
            continue
        names = " and ".join(missing)
        more = ""
        if call.alternatives is not None and len(call.alternatives) > 1:
            more = " (or another of: " + "; ".join(
                " + ".join(alt) for alt in call.alternatives) + ")"
        yield Hit(call.span, call.context, {"scope": names, "problem": (
            f"{call.label} needs {names}{more}, which {submission.display} does not declare")},
            fix=f"Declare {names} in {submission.display} with the reason this call needs it.",
            related=(Related(key, "the declared scopes: "
                             + (", ".join(sorted(declared)) or "none")),))


@project_rule("OIN205")
def requested_not_declared(project: ProjectFacts) -> Iterator[Hit]:
    analysis = _analysis(project)
    if not _submission_ok(analysis):
        return
    submission = analysis.submission
    key = submission.span_of("scopes") or Span(submission.display, 1, 1, 1, 1)
    declared = analysis.declared_names
    for use in analysis.requested:
        if use.name in declared:
            continue
        yield Hit(use.span, args={"scope": use.name, "problem": (
            f"{use.name} is requested in code ({use.role}) but {submission.display} does not "
            "declare it: the token request fails for customers who grant only what is declared")},
            fix=f"Declare {use.name} (with its reason), or stop requesting it.",
            related=(Related(key, "the declared scopes"),))


@project_rule("OIN206")
def read_and_manage_declared(project: ProjectFacts) -> Iterator[Hit]:
    analysis = _analysis(project)
    spans = dict(analysis.declared)
    for name, span in analysis.declared:
        entry = scope(name)
        manage = twin(name)
        if entry is None or not entry.is_read or manage is None or manage not in spans:
            continue
        yield Hit(span, args={"scope": name, "problem": (
            f"{name} and {manage} are both declared; {manage} already includes {name}")},
            fix=f"Declare only one: {name} if the integration only reads, else {manage}.",
            related=(Related(spans[manage], f"{manage} is declared here"),))


@project_rule("OIN207")
def scope_unusable_by_api_service(project: ProjectFacts) -> Iterator[Hit]:
    analysis = _analysis(project)
    seen: set[tuple[str, Span]] = set()
    for name, span, where in _all_scopes(analysis, okta_only=True):
        entry = scope(name)
        if entry is None or entry.usable_by_api_service or (name, span) in seen:
            continue
        seen.add((name, span))
        instead = f"; use {entry.replacement} instead" if entry.replacement else ""
        yield Hit(span, args={"scope": name, "problem": (
            f"{name} ({where}) cannot be used by an OIN API service integration: "
            f"{entry.why or 'not an Admin Management API scope'}{instead}")},
            fix=f"Use {entry.replacement}." if entry.replacement else None)


def _calls_beyond_requests(analysis: Analysis) -> Iterator[Hit]:
    """OIN204 without a submission: a call needs a scope none of the project's token requests
    asks for. Silent unless every token request's scopes are known."""
    if not analysis.requests_known:
        return
    asked = frozenset(n for site in analysis.requests for n in site.names)
    shown = "; ".join(f"{', '.join(site.names)} at {site.where}" if not site.stands_in else
                      f"{', '.join(site.names)}, as {site.what} at {site.where} names them"
                      for site in analysis.requests[:3])
    for call in analysis.calls:
        if call.span.path in analysis.api_token_files:
            continue  # made with an API token (OIN101/OIN102), not with these requests
        missing = analysis.missing(call, asked)
        if not missing:
            continue
        names = " and ".join(missing)
        yield Hit(call.span, call.context, {"scope": names, "problem": (
            f"{call.label} needs {names}, which the project's token requests do not ask for "
            f"(they ask for {shown})")},
            fix=f"Ask for {names} in the token request (and declare it with its reason).",
            related=tuple(Related(site.span, f"{site.what} asks for "
                                  + ", ".join(site.names))
                          for site in analysis.requests[:MAX_RELATED]))
