"""One verify run's state, its findings and its evaluated token requests.

:meth:`VerifySession.ask` is the one place a token request is made: it builds the request
(client secret or signed assertion, DPoP proof once the org asks for one), does the DPoP
handshake, counts the request against the budget and classifies the answer as
:class:`Granted`, :class:`Refused` (a scope error) or :class:`Failed`. The steps
(:mod:`~oinlint.live.verify.flow` and the checks it mixes in) build on this class.
"""

from __future__ import annotations

import base64
import json
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import jwt

from oinlint.facts import Span
from oinlint.findings import Finding, fingerprint
from oinlint.live.client import OrgClient, Reply, RequestParts, Undecidable
from oinlint.live.dpop import DPoPKey
from oinlint.live.server_text import server_text
from oinlint.live.verify.model import VerifyOptions, VerifyResult
from oinlint.redact import redact, remember_secret
from oinlint.rules.catalogue import load_catalogue

__all__ = [
    "JWT_BEARER",
    "SCOPE_ERRORS",
    "TOKEN_PATH",
    "Answer",
    "BudgetSpent",
    "Failed",
    "Granted",
    "Refused",
    "VerifySession",
    "classify",
]

JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
TOKEN_PATH = "/oauth2/v1/token"
SCOPE_ERRORS = frozenset({"invalid_scope", "consent_required"})


@dataclass(frozen=True)
class Granted:
    """Granted: the scopes the response's ``scope`` lists, and the response body."""

    scopes: tuple[str, ...]
    body: dict[str, Any]


@dataclass(frozen=True)
class Refused:
    """Refused with a scope error (``invalid_scope``, ``consent_required``)."""

    error: str
    description: str


@dataclass(frozen=True)
class Failed:
    """Any other answer: it tells nothing about the scopes."""

    status: int
    error: str
    description: str


Answer = Granted | Refused | Failed


class BudgetSpent(Exception):
    """No evaluated token request is left in the run's budget."""


def classify(reply: Reply) -> str | None:
    """How a token exchange is recorded: ``granted``, or the error the org answered."""
    if reply.status == 200:
        return "granted"
    try:
        body = json.loads(reply.body)
    except (ValueError, RecursionError):  # RecursionError: JSON nested too deeply
        return None
    if isinstance(body, dict):
        return server_text(body.get("error") or body.get("errorCode") or "", 80) or None
    return None


class VerifySession:
    """One verify run over one :class:`OrgClient`; fills :class:`VerifyResult`."""

    def __init__(self, options: VerifyOptions, client: OrgClient, result: VerifyResult) -> None:
        self.options, self.client, self.result = options, client, result
        self.creds = options.credentials
        self.declared = options.declared.scopes
        self.budget = len(self.declared) + 3
        result.budget = self.budget
        self.token_url = client.url(TOKEN_PATH)
        self.dpop_key: DPoPKey | None = None
        self.nonce: str | None = None
        self.token: str | None = None
        self.catalogue = load_catalogue()

    # findings ---------------------------------------------------------------------------

    def finding(self, code: str, at: str | None = None, *, span: Span | None = None,
                **args: str) -> None:
        """Add a finding located at ``span`` (a place in the code), else at the declared scope
        ``at`` (else the ``scopes:`` key)."""
        spec = self.catalogue[code]
        args.setdefault("org", self.result.host)
        if span is None:
            span = self.options.declared.span_for(at) if self.options.declared.path else Span(
                "<org>", 1, 1, 1, 1)
        message = redact(spec.format_message(args))
        key = at or args.get("scope") or args.get("kind", "")
        # The emulator listens on a new port each run: its findings must keep one fingerprint.
        org = "emulator" if self.result.emulator else self.result.host
        self.result.findings.append(Finding(
            code=code, name=spec.name, severity=spec.severity, message=message, span=span,
            fingerprint=fingerprint(code, span.path, key, f"verify:{org}"),
            context=f"verify:{self.result.host}", fix=spec.fix or None))

    # token requests ---------------------------------------------------------------------

    def build(self, scopes: Sequence[str], method: str | None = None
              ) -> Callable[[], RequestParts]:
        """The request's parts; ``method`` ``client_secret_post`` sends the secret in the form
        (the replay of code that does), else the credentials' own method."""

        def parts() -> RequestParts:
            form = {"grant_type": "client_credentials", "scope": " ".join(scopes)}
            headers = {"Accept": "application/json"}
            creds = self.creds
            if creds.private_key is not None:
                form["client_assertion_type"] = JWT_BEARER
                form["client_assertion"] = self.assertion()
            elif method == "client_secret_post":
                form["client_id"] = creds.client_id
                form["client_secret"] = creds.secret or ""
            else:
                # RFC 6749 §2.3.1: form-urlencode id and secret before Base64.
                quoted = quote(creds.secret or '', safe='')
                remember_secret(quoted)  # an org may echo the secret as it was sent
                raw = f"{quote(creds.client_id, safe='')}:{quoted}"
                encoded = base64.b64encode(raw.encode("utf-8")).decode("ascii")
                remember_secret(encoded)
                headers["Authorization"] = f"Basic {encoded}"
            if self.dpop_key is not None:
                headers["DPoP"] = self.dpop_key.proof("POST", self.token_url, nonce=self.nonce)
            return RequestParts(headers=headers, form=form)

        return parts

    def assertion(self) -> str:
        key = self.creds.private_key
        assert key is not None
        now = int(time.time())
        claims = {"iss": self.creds.client_id, "sub": self.creds.client_id,
                  "aud": self.token_url, "iat": now, "exp": now + 300, "jti": str(uuid.uuid4())}
        headers = {"kid": key.key_id} if key.key_id else None
        token = jwt.encode(claims, key.key, algorithm=key.algorithm, headers=headers)
        remember_secret(token)
        return token

    def ask(self, scopes: Sequence[str], method: str | None = None,
            step: str = "token") -> Answer:
        """One evaluated token request for ``scopes`` (after a DPoP handshake if needed)."""
        handshakes = 0
        if self.result.token_requests >= self.budget:
            raise BudgetSpent
        while True:
            reply = self.client.send(step, "POST", self.token_url, self.build(scopes, method),
                                     credentials=True, scopes=tuple(scopes), classify=classify)
            nonce = reply.headers.get("dpop-nonce")
            if nonce:
                self.nonce = nonce
            if reply.status == 200:
                self.result.token_requests += 1
                body = reply.json("token endpoint")
                if not isinstance(body, dict):
                    return Failed(200, "malformed", "the token response is not a JSON object")
                raw_scope = body.get("scope")
                granted = tuple(str(raw_scope).split()) if isinstance(raw_scope, str) else ()
                return Granted(granted, body)
            if reply.status not in (400, 401, 403):
                raise Undecidable(f"the token endpoint answered HTTP {reply.status}")
            body = reply.json("token endpoint")
            if not isinstance(body, dict):
                raise Undecidable("the token endpoint's error is not a JSON object")
            error = str(body.get("error") or body.get("errorCode") or "unknown_error")
            # The org's own words: shortened, control characters escaped, redacted.
            description = server_text(body.get("error_description")
                                      or body.get("errorSummary") or "")
            if error in ("use_dpop_nonce", "invalid_dpop_proof") and handshakes < 2 and (
                    error == "use_dpop_nonce" or self.dpop_key is None):
                if error == "use_dpop_nonce" and not nonce:
                    return Failed(reply.status, error, "use_dpop_nonce without a DPoP-Nonce "
                                  "header")
                handshakes += 1
                self.result.dpop_handshakes += 1
                if self.dpop_key is None:
                    self.dpop_key = DPoPKey()
                    self.result.dpop = True
                    self.result.notes.append(
                        f"the org requires DPoP ({error}); proofs signed with an ES256 key "
                        "generated for this run")
                continue
            self.result.token_requests += 1
            if error in SCOPE_ERRORS:
                return Refused(error, description)
            return Failed(reply.status, server_text(error, 80), description)
