"""OIN3xx: the access token's lifecycle (client credentials: one-hour tokens, no refresh token).

The front end follows each token from its request to where it is kept; these rules read that
verdict (``TokenRequest``) and decide. Library clients that renew tokens themselves (authlib,
httpx-auth) carry ``caching="library"`` and are never reported here.

Only tokens from Okta: where Okta is one connector among many, Tailscale's, Pulsar's or Sigma's
own OAuth tokens are not the integration's business. A token request is Okta's when its URL is
Okta's token path, it asks for ``okta.*`` scopes, or its file is Okta code
(:func:`~oinlint.checks.transport.okta_evidence_of`).

A token fetched by another module's function and kept here (``HandedToken``, joined by
:mod:`oinlint.crossfile`) is judged here, where it is kept, as if it were requested here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from oinlint.checks.interface import Hit, ProjectFacts, file_rule, project_rule
from oinlint.checks.transport import okta_evidence_of
from oinlint.facts import (
    USER_GRANTS,
    ApiCall,
    AuthHeader,
    FileFacts,
    HandedToken,
    HelperDef,
    ProcessShape,
    RefreshTokenUse,
    ResponseHandling,
    SdkClient,
    ServedToken,
    Span,
    TokenRequest,
)
from oinlint.findings import Related
from oinlint.testfiles import is_test_file

# Token kept beyond one use: in these places a token outlives its hour unless renewed.
_KEPT = frozenset({"module", "instance", "per-org", "function-cache"})
_WHERE = {
    "module": "in a module-level variable",
    "instance": "in an instance attribute",
    "per-org": "in a per-org dict",
    "function-cache": "by a function cache",
}


# When the token expires, written with the clock each language has (OIN301's help): Python's
# advice must not reach a Go file.
_EXPIRY_BY_LANGUAGE = {
    "python": "`time.monotonic() + expires_in - margin`",
    "javascript": "`performance.now() + expires_in * 1000 - margin`, in milliseconds",
    "typescript": "`performance.now() + expires_in * 1000 - margin`, in milliseconds",
    "tsx": "`performance.now() + expires_in * 1000 - margin`, in milliseconds",
    "go": "`time.Now().Add(time.Duration(tok.ExpiresIn)*time.Second - margin)`, or let "
          "`golang.org/x/oauth2/clientcredentials` renew it",
    "java": "`System.nanoTime()` plus `expires_in` seconds minus a margin",
    "kotlin": "`System.nanoTime()` plus `expires_in` seconds minus a margin",
    "csharp": "`DateTimeOffset.UtcNow.AddSeconds(expiresIn - margin)`",
    "ruby": "`Process.clock_gettime(Process::CLOCK_MONOTONIC) + expires_in - margin`",
    "php": "`time() + $expiresIn - $margin`",
}
_EXPIRY_ANY = "a monotonic clock reading + `expires_in` − a margin"


def _fetched_once_fix(language: str) -> str:
    expiry = _EXPIRY_BY_LANGUAGE.get(language, _EXPIRY_ANY)
    return (f"Keep the token per org together with the time it expires ({expiry}), fetch a new "
            "one when that time has passed, and fetch once more and retry when an API call "
            "answers 401.")


def _from_okta(request: TokenRequest, okta_file: bool) -> bool:
    """Is this token Okta's (see the module's docstring)?"""
    return (okta_file or request.endpoint_kind != "unknown"
            or any(scope.name.startswith("okta.") for scope in request.scopes))


def _okta_requests(facts: FileFacts) -> Iterator[TokenRequest]:
    """The file's token requests to Okta."""
    okta_file = okta_evidence_of(facts) is not None
    for request in facts.of(TokenRequest):
        if _from_okta(request, okta_file):
            yield request


def kept_here(handed: HandedToken) -> TokenRequest:
    """The token request of another file, as it would be had it been made where its token is
    kept: the handoff's caching and expiry handling, the request's server, grant and scopes."""
    request, handoff = handed.request, handed.handoff
    again = handoff.in_loop or handoff.per_call
    return replace(
        request, span=handed.span, context=handed.context, url_span=None, site=None,
        caching=handoff.caching, held_by=handoff.held_by, in_loop=handoff.in_loop,
        per_call=handoff.per_call, expiry_read=request.expiry_read or handoff.expiry_read,
        clock_used=request.clock_used or handoff.clock_used,
        fetch_sites=(handed.span,) if again else (), exported_by=None)


def _candidates(facts: FileFacts) -> Iterator[TokenRequest]:
    """Client-credentials token requests to Okta whose token the code manages itself (also
    those of another module's function whose token is kept here)."""
    okta_file = okta_evidence_of(facts) is not None
    handed = [kept_here(h) for h in facts.of(HandedToken)]
    for request in (*facts.of(TokenRequest), *handed):
        if not _from_okta(request, okta_file):
            continue
        if request.via in ("authlib", "httpx-auth") or request.caching == "library":
            continue
        if request.grant_type not in (None, "client_credentials"):
            continue
        yield request


def _fetched_once(request: TokenRequest) -> bool:
    return (
        request.caching in _KEPT
        and not request.per_call
        and not request.in_loop
        and not request.expiry_read
        and not request.clock_used
        and not request.retry_on_401
    )


# Processes that live for hours: a token kept there outlives its hour. A Lambda handler runs
# per event, but its container (and every module-level or object-held token) is reused while
# warm, so it counts as long-lived too.
_LONG_LIVED = frozenset({"server", "scheduler", "loop", "handler"})
_HELD = {
    "loop": "in a local that a never-ending worker loop keeps using",
    "worker": "in a local handed to a worker thread or process",
    "scheduler": "in a local handed to a scheduled job",
    "server": "in a local handed to a server that runs until stopped",
}


# A one-shot run still outlives a token it fetched up front for every org of a list (``{org:
# fetch(org) for org in orgs}``): the run lasts as long as the list.
def _one_shot(project: ProjectFacts) -> bool:
    """The project shows it runs once and exits (a CLI, a script) and nothing long-lived: a
    token kept for the process then dies with it, long before its hour is up. A project with
    no sign either way is judged as before (a client object or module may live in a server)."""
    kinds = {shape.kind for f in project.files for shape in f.of(ProcessShape)}
    return "cli" in kinds and not kinds & _LONG_LIVED


def _held_too_long(request: TokenRequest) -> bool:
    """A local token that a worker loop, thread or scheduled job of its function keeps using."""
    return (
        request.held_by in _HELD
        and request.caching == "local"
        and not request.expiry_read
        and not request.clock_used
        and not request.retry_on_401
    )


def _inside(inner: Span, outer: Span) -> bool:
    return (outer.line, outer.column) <= (inner.line, inner.column) and (
        inner.end_line, inner.end_column) <= (outer.end_line, outer.end_column)


@project_rule("OIN301")
def token_fetched_once(project: ProjectFacts) -> Iterator[Hit]:
    one_shot = _one_shot(project)
    for facts in project.resolved_files:
        yield from _fetched_once_in(facts, one_shot)


def _fetched_once_in(facts: FileFacts, one_shot: bool) -> Iterator[Hit]:
    lines: set[int] = set()
    # a token fetched for an okta-sdk Bearer client is reported once, at the client
    clients = [r.span for r in facts.of(TokenRequest) if r.via == "okta-sdk-bearer"]
    for request in _candidates(facts):
        span = request.site or request.span
        if request.via != "okta-sdk-bearer" and any(_inside(span, c) for c in clients):
            continue
        if span.line in lines:
            continue
        if _held_too_long(request):
            where = _HELD.get(request.held_by or "", _HELD["loop"])
        elif _fetched_once(request) and (not one_shot or request.held_by == "orgs"):
            where = _WHERE.get(request.caching, "")
            if request.via == "okta-sdk-bearer":
                where = "by an okta-sdk-python client in Bearer mode"
        else:
            continue
        lines.add(span.line)
        yield Hit(span, request.context, {"where": where},
                  fix=_fetched_once_fix(facts.language))


@file_rule("OIN302")
def expires_in_ignored(facts: FileFacts) -> Iterator[Hit]:
    for request in _candidates(facts):
        if request.caching not in _KEPT or request.per_call or request.in_loop:
            continue
        if request.via == "okta-sdk-bearer":
            continue
        if request.clock_used and not request.expiry_read:
            # at the guessed lifetime when it is seen: that is what to replace
            guess = request.lifetime_span
            yield Hit(guess or request.span, request.context,
                      {"how": "its lifetime is a fixed guess, not the response's `expires_in`"},
                      related=(Related(request.span, "the token is requested here"),)
                      if guess is not None else ())
        elif request.expiry_read and not request.clock_used:
            yield Hit(request.span, request.context,
                      {"how": "`expires_in` is read but never compared with a clock"})


@project_rule("OIN303")
def no_refetch_on_401(project: ProjectFacts) -> Iterator[Hit]:
    # a test asserting a 401 answers nothing (``assert r.status_code == 401``)
    checks = [(f, h) for f in project.files if not is_test_file(f.path)
              for h in f.of(ResponseHandling) if h.kind in ("401", "401-unanswered")]
    if any(h.kind == "401" for _, h in checks):
        return
    unanswered = tuple(Related(h.span, "a 401 is checked here, but not answered with a new "
                                       "token and a retry") for _, h in checks[:3])
    one_shot = _one_shot(project)
    elsewhere = _okta_bearer_calls(project.resolved_files)
    languages = {f.path: f.language for f in project.resolved_files}
    served = _served_uses(project.resolved_files)
    said: set[Span] = set()
    for facts in project.resolved_files:
        for request in _candidates(facts):
            if request.via in ("okta-sdk-bearer", "okta-sdk-oauth"):
                # the request that fetched the client's token is reported instead; an SDK
                # client in PrivateKey mode renews its own token
                continue
            others: list[tuple[Span, str]] = []
            if request.held_by in _HELD and request.caching == "local":
                where = _HELD.get(request.held_by, _HELD["loop"])
            elif request.caching in _KEPT and not request.per_call and not request.in_loop and (
                not one_shot or request.held_by == "orgs"
            ):
                where = _WHERE.get(request.caching, "cached")
                # a token kept for the process is what the project's other Okta calls send,
                # and what the functions that call its getter put in their headers
                # (of the same program: a Go file does not send what a Java class keeps)
                family = _FAMILY.get(facts.language, facts.language)
                others = [use for path, uses in elsewhere.items() if path != facts.path
                          and _FAMILY.get(languages[path], languages[path]) == family
                          for use in uses] + served.get(request.span, [])
            else:
                continue
            for hit in _at_uses(facts, request, where, others, unanswered):
                if hit.span not in said:
                    said.add(hit.span)
                    yield hit
    if not one_shot and not any(
            True for f in project.resolved_files for _ in _candidates(f)) and not any(
            r.grant_type in USER_GRANTS for f in project.files for r in f.of(TokenRequest)):
        # no Okta token request anywhere (nor a user's sign-in): the token the Okta calls send
        # is got by code not checked here (a module left out, a package of the integrator's),
        # and kept there
        for uses in _okta_bearer_calls(project.resolved_files, unresolved=False).values():
            for span, context in uses:
                yield Hit(span, context, {"sent": "sent here",
                                          "kept": "comes from code outside the checked files"},
                          related=unanswered)


# languages whose files make one program together
_FAMILY = {"typescript": "javascript", "tsx": "javascript", "kotlin": "java"}


def _at_uses(facts: FileFacts, request: TokenRequest, where: str,
             others: list[tuple[Span, str]], checks: tuple[Related, ...] = ()) -> Iterator[Hit]:
    """OIN303 where the kept token is sent: that is where a 401 arrives and must be answered.
    The ``Bearer`` headers of the request's class (its other methods), else of its file (a
    cache object handed to functions beside it), and those of the project's other files that
    call Okta without a token request of their own (``others``); the request itself when
    none is seen."""
    fetched = Related(request.span, f"the token is fetched here and kept {where}")
    uses = [*_bearer_uses(facts, request), *others]
    if not uses:
        yield Hit(request.span, request.context,
                  {"sent": "from this request", "kept": f"is cached {where}"}, related=checks)
        return
    for span, context in uses:
        yield Hit(span, context, {"sent": "sent here", "kept": f"is cached {where}"},
                  related=(fetched, *checks))


def _okta_bearer_calls(files: tuple[FileFacts, ...], unresolved: bool = True
                       ) -> dict[str, list[tuple[Span, str]]]:
    """Per Okta file that requests no token itself: its ``Bearer`` headers set in a function
    that calls the Okta API, in a wrapper of the file (handed the path it calls), or in a
    method of their class (``_headers()`` beside ``get(path)``): a client module sending the
    token another module keeps."""
    found: dict[str, list[tuple[Span, str]]] = {}
    for facts in files:
        if any(r.exported_by is None for r in facts.of(TokenRequest)) or any(
                True for _ in facts.of(HandedToken)) or okta_evidence_of(facts) is None:
            # a file that gets its own token sends that one (one whose request only hands
            # its token to another module, which keeps it, sends the kept one)
            continue
        calling = {call.context for call in facts.of(ApiCall)}
        # and the file's wrappers (``request(path)``): in Okta code, what they are handed is
        # Okta's API even where no call of theirs resolves (``${this.baseUrl}/${path}``)
        calling |= {helper.context for helper in facts.of(HelperDef)}
        classes = {c.rsplit(".", 1)[0] for c in calling if "." in c}
        bearer = [h for h in facts.of(AuthHeader)
                  if (h.scheme or "").lower() == "bearer" and not h.passed_on]
        # a file whose calls are not resolved at all (Go's ``c.http.Do(req)`` after
        # ``authenticate(req)``): each of its Bearer headers sends the kept token
        # (``unresolved``; not when no token is kept anywhere to be sent)
        uses = [(h.span, h.context) for h in bearer
                if (unresolved and not calling) or h.context in calling
                or h.context.rsplit(".", 1)[0] in classes]
        if uses:
            found[facts.path] = sorted(uses)
    return found


def _served_uses(files: tuple[FileFacts, ...]) -> dict[Span, list[tuple[Span, str]]]:
    """Per kept token (its request's span): the ``Authorization`` headers (``Bearer`` or
    built from the getter's result) of the functions that call its getter in other files, or
    of their class when the function sends none itself (``self.token = get_token()``)."""
    found: dict[Span, list[tuple[Span, str]]] = {}
    for facts in files:
        getters = list(facts.of(ServedToken))
        if not getters:
            continue
        headers = [h for h in facts.of(AuthHeader)
                   if (h.scheme or "bearer").lower() == "bearer"]
        for getter in getters:
            uses = [(h.span, h.context) for h in headers if h.context == getter.context]
            owner = _owner(getter.context)
            if not uses and owner is not None:  # kept on the instance, sent by its methods
                uses = [(h.span, h.context) for h in headers
                        if h.context.startswith(owner + ".")]
            found.setdefault(getter.request.span, []).extend(uses)
    return found


def _owner(context: str) -> str | None:
    """The class of a method's context (``Client.token`` → ``Client``); None for a function."""
    return context.rsplit(".", 1)[0] if "." in context else None


def _bearer_uses(facts: FileFacts, request: TokenRequest) -> list[tuple[Span, str]]:
    """The class's own ``Bearer`` headers when it has any, else the file's."""
    owner = _owner(request.context)
    bearer = {h.span: h.context for h in facts.of(AuthHeader)
              if (h.scheme or "").lower() == "bearer"}
    own = {span: context for span, context in bearer.items()
           if owner is not None and context.startswith(owner + ".")}
    return sorted((own or bearer).items())


@project_rule("OIN304")
def token_per_call(project: ProjectFacts) -> Iterator[Hit]:
    for facts in project.resolved_files:  # a token another module's function fetches too
        yield from _per_call_in(facts)


def _per_call_in(facts: FileFacts) -> Iterator[Hit]:
    for request in _candidates(facts):
        if request.via == "okta-sdk-bearer":
            continue
        if request.in_loop or request.per_call:
            how = "inside a loop" if request.in_loop else "in the function that calls the API"
            if request.in_loop and request.per_call:
                how = "inside a loop and in the function that calls the API"
            if request.via == "okta-sdk-oauth":
                # each new client in PrivateKey mode requests its own token on its first call
                how = f"by a new Okta SDK client in PrivateKey mode {how}"
            for span in request.fetch_sites or (request.span,):
                yield Hit(span, request.context, {"how": how})


@file_rule("OIN305")
def refresh_token_with_client_credentials(facts: FileFacts) -> Iterator[Hit]:
    requests = list(_okta_requests(facts))
    if not any(r.grant_type == "client_credentials" for r in requests):
        return
    if any(r.grant_type in USER_GRANTS for r in facts.of(TokenRequest)):
        # the file also signs users in (a login or device flow): the refresh token is theirs
        return
    lines: set[int] = set()
    for use in facts.of(RefreshTokenUse):
        if use.span.line not in lines:  # ``data={"grant_type": "refresh_token", "refresh_…``
            lines.add(use.span.line)
            yield Hit(use.span, use.context, {"how": use.how})


@file_rule("OIN306")
def sdk_private_key_mode(facts: FileFacts) -> Iterator[Hit]:
    for client in facts.of(SdkClient):
        # every Okta SDK (and okta.yaml, which they read) has the same PrivateKey mode
        if (client.auth_mode or "").replace("_", "").lower() == "privatekey":
            # at the mode's value: that is what to change (the client when it is not known)
            yield Hit(client.mode_span or client.span, client.context, {"sdk": client.sdk})
