"""The verify run's steps in order, and :func:`run_verify`, the library entry point.

See :mod:`oinlint.live.verify` for the flow and its request budget: discovery, one token
request for the declared scopes, pinpointing when it is refused, the undeclared-scope check,
probes, the replay of the code's token requests; then the findings (OIN901–OIN909) and
the outcome.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from urllib.parse import urlsplit

from oinlint.live import okta_scopes
from oinlint.live.client import OrgClient, RequestParts, Undecidable
from oinlint.live.server_text import server_text
from oinlint.live.verify.model import VerifyOptions, VerifyResult
from oinlint.live.verify.pinpointing import pinpoint
from oinlint.live.verify.probes import Probes
from oinlint.live.verify.replay import ReplayCheck
from oinlint.live.verify.session import TOKEN_PATH, BudgetSpent, Failed, Granted
from oinlint.live.verify.token_response import TokenResponseChecks
from oinlint.live.verify.undeclared import UndeclaredScopeCheck
from oinlint.redact import redact

__all__ = ["run_verify"]


class _PinpointStopped(Exception):
    """The org answered a pinpointing request with an error: no more requests are asked."""


class _Stop(Exception):
    """A finding ended the run early (e.g. a custom authorization server)."""


class _Run(TokenResponseChecks, UndeclaredScopeCheck, Probes, ReplayCheck):
    """One verify run: the steps, in order, over the checks it mixes in."""

    def run(self) -> None:
        self.discover()
        answer = self.ask(self.declared)
        if isinstance(answer, Failed):
            self.token_failed(answer)
            return
        if isinstance(answer, Granted):
            self.accept(answer, self.declared, first=True)
        else:
            self.result.notes.append(
                f"the org refused the declared scopes together ({answer.error}: "
                f"{answer.description}); pinpointing which")
            self.pinpoint()
        self.check_undeclared()
        if self.options.probe:
            self.probe()
        self.replay()

    def discover(self) -> None:
        reply = None
        for path in ("/.well-known/oauth-authorization-server",
                     "/.well-known/openid-configuration"):
            reply = self.client.send("discovery", "GET", self.client.url(path),
                                     RequestParts, credentials=False)
            if reply.status == 200:
                break
        assert reply is not None
        if reply.status != 200:
            raise Undecidable(f"the org's discovery documents answered HTTP {reply.status}; "
                              f"is {self.client.org_url} an Okta org?")
        doc = reply.json("discovery document")
        if not isinstance(doc, dict):
            raise Undecidable("the discovery document is not a JSON object")
        issuer = str(doc.get("issuer") or "")
        endpoint = str(doc.get("token_endpoint") or "")
        # The org's own words: shown shortened, escaped and redacted (see server_text).
        shown_issuer, shown_endpoint = server_text(issuer, 120), server_text(endpoint, 120)
        self.result.issuer = shown_issuer or None
        self.result.token_endpoint = shown_endpoint or None
        if _url_path(issuer, "issuer").rstrip("/"):
            self.finding("OIN901", kind="custom-as", reason=(
                f"the discovery document names the issuer {shown_issuer}, a custom "
                "authorization server; OIN API service integrations must use the org "
                f"authorization server ({self.client.org_url})"))
            raise _Stop
        if issuer.rstrip("/") != self.client.org_url:
            self.result.notes.append(
                f"the issuer is {shown_issuer}, not {self.client.org_url} (a custom domain?)")
        if not endpoint or not _same_origin(self.client, endpoint) or (
                _url_path(endpoint, "token_endpoint").rstrip("/") != TOKEN_PATH):
            raise Undecidable(
                f"the discovery document names the token endpoint {shown_endpoint or '(none)'}, "
                f"not {self.token_url}; no credentials were sent")

    def token_failed(self, answer: Failed) -> None:
        if answer.error == "malformed":
            self.finding("OIN905", kind="shape", problem=answer.description)
            return
        hint = ""
        if answer.error == "invalid_client":
            hint = (" — check the client id and secret of the test instance"
                    if self.creds.private_key is None else
                    " — check the client id, the key and its kid")
        self.finding("OIN901", kind=answer.error, reason=(
            f"HTTP {answer.status} {answer.error}: {answer.description}{hint}"))

    def accept(self, answer: Granted, requested: Sequence[str], *, first: bool) -> None:
        """Record a granted answer; on the first one also check the response's shape."""
        body = answer.body
        granted = set(answer.scopes)
        if first:
            self.result.response_scope = list(answer.scopes)
            self.check_shape(body, requested)
            if not isinstance(body.get("scope"), str) and self.result.token_scp is not None:
                granted = set(self.result.token_scp)
        for scope in requested:
            self.result.granted[scope] = scope in granted
        for scope in sorted(granted - set(requested)):
            self.result.granted[scope] = True
            self.result.notes.append(f"the token response carries {server_text(scope, 80)}, "
                                     "which was not requested")

    def pinpoint(self) -> None:
        """Find the refused declared scopes (strategy: :func:`pinpoint`)."""

        def ask(scopes: list[str]) -> frozenset[str] | None:
            answer = self.ask(scopes)
            if isinstance(answer, Failed):
                self.result.notes.append(f"pinpointing stopped: the org answered "
                                         f"{answer.error} ({answer.description})")
                raise _PinpointStopped
            if isinstance(answer, Granted):
                self.accept(answer, scopes, first=False)
                return frozenset(answer.scopes)
            return None

        budget = self.budget - 1 - self.result.token_requests  # one kept for the undeclared check
        try:
            found = pinpoint(self.declared, budget, ask)
        except (_PinpointStopped, BudgetSpent):
            found = {}
        for scope in self.declared:
            if scope in found:
                self.result.granted[scope] = found[scope]
            else:
                self.result.granted.setdefault(scope, None)
        if any(self.result.granted.get(s) is None for s in self.declared):
            self.result.notes.append("some declared scopes could not be checked")

    def conclude(self) -> None:
        declared = list(self.declared)
        for scope in self.result.refused:
            known = "" if okta_scopes.is_known_scope(scope) else " (not a known Okta scope)"
            self.finding("OIN904", scope, scope=scope, known=known)
        for scope in self.result.undeclared_granted:
            how = ("the undeclared-scope check" if scope == self.result.undeclared_checked
                   else "the token response")
            self.finding("OIN903", None, scope=scope, how=how)
        missing = self.result.refused
        extra = self.result.undeclared_granted
        if missing or extra:
            granted = [s for s, ok in self.result.granted.items() if ok]
            self.finding("OIN902", None, kind="summary",
                         declared=" ".join(declared) or "(none)",
                         granted=" ".join(granted) or "(none)",
                         missing=" ".join(missing) or "none", extra=" ".join(extra) or "none")


def _url_path(url: str, what: str) -> str:
    """The path of a URL the org named; one that cannot be parsed makes the run undecidable."""
    try:
        return urlsplit(url).path
    except ValueError:  # "https://[x" or a port out of range
        raise Undecidable(f"the discovery document's {what} is not a valid URL; no "
                          "credentials were sent") from None


def _same_origin(client: OrgClient, url: str) -> bool:
    try:
        return client.same_origin(url)
    except ValueError:
        raise Undecidable("the discovery document's token_endpoint is not a valid URL; no "
                          "credentials were sent") from None


def run_verify(options: VerifyOptions) -> VerifyResult:
    """Run the whole check; never raises for anything the org does."""
    creds = options.credentials
    result = VerifyResult(org_url=options.org_url, client_id=creds.client_id,
                          auth_method=creds.method, declared=options.declared,
                          emulator=options.emulator)
    if creds.private_key is not None:
        result.notes.append("private_key_jwt used: OIN API service instances are given a "
                            "client secret (client_secret_basic) — verify the test instance "
                            "with its secret before submitting")
    started = time.monotonic()
    with OrgClient(options.org_url, policy=options.policy, sleep=options.sleep,
                   clock=options.clock, transport=options.transport) as client:
        result.org_url = client.org_url
        run = _Run(options, client, result)
        try:
            run.run()
        except Undecidable as exc:
            result.incomplete = redact(str(exc))
        except (_Stop, BudgetSpent):
            pass
        finally:
            result.exchanges = list(client.exchanges)
        run.conclude()
    result.duration = time.monotonic() - started
    result.findings.sort(key=lambda f: (f.code, f.span.line, f.message))
    if result.findings:
        result.outcome = "failed"
        result.reason = f"{len(result.findings)} finding(s): " + ", ".join(
            dict.fromkeys(f.code for f in result.findings))
    elif result.incomplete:
        result.outcome = "unknown"
        result.reason = result.incomplete
    elif result.undetermined:
        result.outcome = "unknown"
        result.reason = "some declared scopes could not be checked"
    else:
        result.outcome = "verified"
        result.reason = "the org grants exactly the declared scopes"
    return result
