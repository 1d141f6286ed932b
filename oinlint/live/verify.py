"""``oinlint verify``: prove that an org grants exactly the scopes the submission declares.

The flow, and the request budget that bounds it (N = number of declared scopes):

1. discovery: ``GET /.well-known/oauth-authorization-server`` (fallback
   ``/.well-known/openid-configuration``); the issuer must be the org authorization server and
   the token endpoint ``{org}/oauth2/v1/token`` on the org's own origin (else no credential is
   ever sent).
2. one token request with all declared scopes (client_secret_basic, or private_key_jwt with
   ``--private-key``). ``use_dpop_nonce`` / ``invalid_dpop_proof`` switch DPoP on (an ES256 key
   per run) and retry with the nonce.
3. only when that request is refused: pinpoint the refused scopes (:func:`pinpoint`): scope by
   scope until a refusal is found, then all not-yet-asked scopes together (usually granted:
   done); the last suspect needs no request. Token requests the org evaluates (a grant or a
   refusal) count against a hard budget of N + 3, one of them reserved for step 4, so the run
   never exceeds it; worst case: 1 + (N + 1) + 1. A DPoP handshake (``invalid_dpop_proof``
   for a missing proof, then ``use_dpop_nonce``) is not an evaluation: it adds at most 2
   requests per run, counted separately, because the nonce is reused afterwards.
4. one request for an undeclared scope, which must be refused.
5. with ``--probe``: one read-only GET per distinct probe of a granted scope.

Transport retries (429 waits, 5xx backoff) re-send the same request and are bounded by
:class:`~oinlint.live.client.Policy`, not by the budget. The outcome is ``verified`` (exit 0),
``failed`` (exit 1, OIN901–OIN906 findings) or ``unknown`` (exit 3: the org could not be asked
or answered oddly; never reported as non-compliance).
"""

from __future__ import annotations

import base64
import json
import time
import uuid
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import httpx
import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from oinlint._version import __version__
from oinlint.facts import Span
from oinlint.findings import Finding, fingerprint
from oinlint.live import okta_scopes
from oinlint.live.client import Exchange, OrgClient, Policy, Reply, RequestParts, Undecidable
from oinlint.live.declared import DeclaredScopes
from oinlint.live.dpop import DPoPKey
from oinlint.redact import redact, remember_secret
from oinlint.rules.catalogue import load_catalogue

__all__ = [
    "Credentials",
    "PrivateKey",
    "PrivateKeyError",
    "ProbeResult",
    "VerifyOptions",
    "VerifyResult",
    "load_private_key",
    "run_verify",
]

JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
TOKEN_PATH = "/oauth2/v1/token"
SCOPE_ERRORS = frozenset({"invalid_scope", "consent_required"})
OUTCOME_EXIT = {"verified": 0, "failed": 1, "unknown": 3}


# --- credentials ----------------------------------------------------------------------------

class PrivateKeyError(Exception):
    """``--private-key`` could not be read as a PEM or JWK private key."""


@dataclass(frozen=True)
class PrivateKey:
    """A private key for ``private_key_jwt``; only its algorithm and kid are ever shown."""

    key: Any
    algorithm: str
    key_id: str | None

    def __repr__(self) -> str:
        return f"PrivateKey(algorithm={self.algorithm!r}, key_id={self.key_id!r})"


def _algorithm_for(key: Any) -> str:
    if isinstance(key, rsa.RSAPrivateKey):
        return "RS256"
    if isinstance(key, ec.EllipticCurvePrivateKey):
        return {"secp256r1": "ES256", "secp384r1": "ES384", "secp521r1": "ES512"}.get(
            key.curve.name, "ES256")
    raise PrivateKeyError("the private key must be an RSA or EC (P-256/384/521) key")


def load_private_key(path: Path, key_id: str | None = None) -> PrivateKey:
    """Read a PEM (PKCS#1/PKCS#8) or JWK private key; remember its material as secret."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PrivateKeyError(f"cannot read private key file {path}: "
                              f"{getattr(exc, 'strerror', None) or exc}") from None
    remember_secret(text)
    stripped = text.strip()
    if stripped.startswith("{"):
        try:
            jwk = json.loads(stripped)
        except ValueError:
            raise PrivateKeyError(f"{path}: not valid JSON (expected a JWK)") from None
        if isinstance(jwk, dict) and "keys" in jwk and isinstance(jwk["keys"], list):
            jwk = jwk["keys"][0] if jwk["keys"] else {}
        if not isinstance(jwk, dict) or "d" not in jwk:
            raise PrivateKeyError(f"{path}: the JWK is not a private key (no 'd')")
        for member in ("d", "p", "q", "dp", "dq", "qi"):
            if isinstance(jwk.get(member), str):
                remember_secret(jwk[member])
        try:
            key = jwt.PyJWK(jwk).key
        except (jwt.PyJWTError, ValueError, KeyError, TypeError):
            raise PrivateKeyError(f"{path}: unsupported JWK (use RSA or EC)") from None
        return PrivateKey(key, str(jwk.get("alg") or _algorithm_for(key)),
                          key_id or (str(jwk["kid"]) if jwk.get("kid") else None))
    if "PRIVATE KEY-----" not in text:
        raise PrivateKeyError(f"{path}: not a PEM private key or a JWK")
    try:
        key = serialization.load_pem_private_key(text.encode("utf-8"), password=None)
    except (ValueError, TypeError):
        raise PrivateKeyError(f"{path}: the PEM private key cannot be read (encrypted keys "
                              "are not supported)") from None
    return PrivateKey(key, _algorithm_for(key), key_id)


@dataclass(frozen=True)
class Credentials:
    """The client's identity: a client secret (OIN instances) or a private key."""

    client_id: str
    secret: str | None = None
    private_key: PrivateKey | None = None

    def __post_init__(self) -> None:
        if self.secret:
            remember_secret(self.secret)

    def __repr__(self) -> str:
        return f"Credentials(client_id={self.client_id!r}, method={self.method!r})"

    @property
    def method(self) -> str:
        return "private_key_jwt" if self.private_key is not None else "client_secret_basic"


# --- options and result ---------------------------------------------------------------------

@dataclass
class VerifyOptions:
    org_url: str
    credentials: Credentials
    declared: DeclaredScopes
    probe: bool = False
    undeclared_scope: str | None = None
    policy: Policy = field(default_factory=Policy)
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.time
    transport: httpx.BaseTransport | None = None
    emulator: bool = False


@dataclass(frozen=True)
class ProbeResult:
    scopes: tuple[str, ...]
    method: str
    path: str
    status: int | None
    ok: bool | None
    detail: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"scopes": list(self.scopes), "method": self.method, "path": self.path,
                "status": self.status, "ok": self.ok, "detail": self.detail}


@dataclass
class VerifyResult:
    """Everything a verify run learnt; :meth:`as_dict` is the documented JSON shape."""

    org_url: str
    client_id: str
    auth_method: str
    declared: DeclaredScopes
    started_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    emulator: bool = False
    outcome: str = "unknown"
    reason: str = ""
    findings: list[Finding] = field(default_factory=list)
    exchanges: list[Exchange] = field(default_factory=list)
    granted: dict[str, bool | None] = field(default_factory=dict)
    response_scope: list[str] | None = None
    token_scp: list[str] | None = None
    token_type: str | None = None
    dpop: bool = False
    issuer: str | None = None
    token_endpoint: str | None = None
    undeclared_checked: str | None = None
    probes: list[ProbeResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    token_requests: int = 0  # evaluated by the org: counted against the budget
    dpop_handshakes: int = 0
    budget: int = 0
    duration: float = 0.0
    incomplete: str | None = None

    @property
    def exit_code(self) -> int:
        return OUTCOME_EXIT[self.outcome]

    @property
    def host(self) -> str:
        return urlsplit(self.org_url).netloc

    @property
    def refused(self) -> list[str]:
        return [s for s in self.declared.scopes if self.granted.get(s) is False]

    @property
    def undetermined(self) -> list[str]:
        return [s for s in self.declared.scopes if self.granted.get(s) is None]

    @property
    def undeclared_granted(self) -> list[str]:
        declared = set(self.declared.scopes)
        return [s for s, ok in self.granted.items() if ok and s not in declared]

    def scope_matrix(self) -> list[dict[str, Any]]:
        rows = []
        probes = {s: p for p in self.probes for s in p.scopes}
        scopes = list(self.declared.scopes) + [s for s in self.granted
                                               if s not in self.declared.scopes]
        for scope in scopes:
            declared = scope in self.declared.scopes
            span = self.declared.spans.get(scope)
            probe = probes.get(scope)
            rows.append({
                "scope": scope,
                "declared": declared,
                "declared_at": (f"{span.path}:{span.line}:{span.column}" if span else None),
                "granted": self.granted.get(scope),
                "checked_as": ("declared" if declared else
                               "undeclared" if scope == self.undeclared_checked else "response"),
                "probe": probe.as_dict() if probe else None,
            })
        return rows

    def as_dict(self) -> dict[str, Any]:
        """The ``verify --format json`` document (schema ``oinlint-verify/1``)."""
        counts: dict[str, int] = {}
        for exchange in self.exchanges:
            counts[exchange.step] = counts.get(exchange.step, 0) + 1
        return {
            "schema": "oinlint-verify/1",
            "tool": {"name": "oinlint", "version": __version__},
            "outcome": self.outcome,
            "exit_code": self.exit_code,
            "reason": self.reason,
            "incomplete": self.incomplete,
            "org": {"url": self.org_url, "host": self.host, "issuer": self.issuer,
                    "token_endpoint": self.token_endpoint, "emulator": self.emulator},
            "client": {"client_id": self.client_id, "auth_method": self.auth_method,
                       "dpop": self.dpop, "token_type": self.token_type},
            "started_at": self.started_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "duration_seconds": round(self.duration, 3),
            "submission": {"path": self.declared.path, "declared": list(self.declared.scopes)},
            "scopes": {
                "declared": list(self.declared.scopes),
                "granted": [s for s, ok in self.granted.items() if ok],
                "refused": self.refused,
                "undetermined": self.undetermined,
                "undeclared_checked": self.undeclared_checked,
                "undeclared_granted": self.undeclared_granted,
                "response_scope": self.response_scope,
                "token_scp": self.token_scp,
            },
            "scope_matrix": self.scope_matrix(),
            "probes": [p.as_dict() for p in self.probes],
            "findings": [_finding_dict(f) for f in self.findings],
            "requests": [e.as_dict() for e in self.exchanges],
            "request_counts": {"http": len(self.exchanges), "token": counts.get("token", 0),
                               "token_evaluated": self.token_requests,
                               "dpop_handshakes": self.dpop_handshakes,
                               "token_budget": self.budget, "by_step": counts},
            "notes": self.notes,
        }


def _finding_dict(finding: Finding) -> dict[str, Any]:
    span = finding.span
    return {"code": finding.code, "name": finding.name, "severity": finding.severity.label,
            "message": finding.message, "path": span.path, "line": span.line,
            "column": span.column, "end_line": span.end_line, "end_column": span.end_column,
            "fingerprint": finding.fingerprint, "fix": finding.fix}


# --- token answers --------------------------------------------------------------------------

@dataclass(frozen=True)
class _Granted:
    scopes: tuple[str, ...]
    body: dict[str, Any]


@dataclass(frozen=True)
class _Refused:
    error: str
    description: str


@dataclass(frozen=True)
class _Failed:
    status: int
    error: str
    description: str


_Answer = _Granted | _Refused | _Failed


class _BudgetSpent(Exception):
    pass


def _classify(reply: Reply) -> str | None:
    if reply.status == 200:
        return "granted"
    try:
        body = json.loads(reply.body)
    except ValueError:
        return None
    if isinstance(body, dict):
        return str(body.get("error") or body.get("errorCode") or "") or None
    return None


class _Run:
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

    def finding(self, code: str, at: str | None = None, **args: str) -> None:
        """Add a finding located at the declared scope ``at`` (else the ``scopes:`` key)."""
        spec = self.catalogue[code]
        args.setdefault("org", self.result.host)
        span = self.options.declared.span_for(at) if self.options.declared.path else Span(
            "<org>", 1, 1, 1, 1)
        message = redact(spec.format_message(args))
        key = at or args.get("scope") or args.get("kind", "")
        self.result.findings.append(Finding(
            code=code, name=spec.name, severity=spec.severity, message=message, span=span,
            fingerprint=fingerprint(code, span.path, key, f"verify:{self.result.host}"),
            context=f"verify:{self.result.host}", fix=spec.fix or None))

    # steps ------------------------------------------------------------------------------

    def run(self) -> None:
        self.discover()
        answer = self.ask(self.declared)
        if isinstance(answer, _Failed):
            self.token_failed(answer)
            return
        if isinstance(answer, _Granted):
            self.accept(answer, self.declared, first=True)
        else:
            self.result.notes.append(
                f"the org refused the declared scopes together ({answer.error}: "
                f"{answer.description}); pinpointing which")
            self.pinpoint()
        self.check_undeclared()
        if self.options.probe:
            self.probe()

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
        self.result.issuer, self.result.token_endpoint = issuer or None, endpoint or None
        issuer_parts = urlsplit(issuer)
        if issuer_parts.path.rstrip("/"):
            self.finding("OIN901", kind="custom-as", reason=(
                f"the discovery document names the issuer {issuer}, a custom authorization "
                "server; OIN API service integrations must use the org authorization server "
                f"({self.client.org_url})"))
            raise _Stop
        if issuer.rstrip("/") != self.client.org_url:
            self.result.notes.append(
                f"the issuer is {issuer}, not {self.client.org_url} (a custom domain?)")
        if not endpoint or not self.client.same_origin(endpoint) or (
                urlsplit(endpoint).path.rstrip("/") != TOKEN_PATH):
            raise Undecidable(
                f"the discovery document names the token endpoint {endpoint or '(none)'}, "
                f"not {self.token_url}; no credentials were sent")

    def build(self, scopes: Sequence[str]) -> Callable[[], RequestParts]:
        def parts() -> RequestParts:
            form = {"grant_type": "client_credentials", "scope": " ".join(scopes)}
            headers = {"Accept": "application/json"}
            creds = self.creds
            if creds.private_key is not None:
                form["client_assertion_type"] = JWT_BEARER
                form["client_assertion"] = self.assertion()
            else:
                # RFC 6749 §2.3.1: form-urlencode id and secret before Base64.
                raw = f"{quote(creds.client_id, safe='')}:{quote(creds.secret or '', safe='')}"
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

    def ask(self, scopes: Sequence[str]) -> _Answer:
        """One evaluated token request for ``scopes`` (after a DPoP handshake if needed)."""
        handshakes = 0
        if self.result.token_requests >= self.budget:
            raise _BudgetSpent
        while True:
            reply = self.client.send("token", "POST", self.token_url, self.build(scopes),
                                     credentials=True, scopes=tuple(scopes), classify=_classify)
            nonce = reply.headers.get("dpop-nonce")
            if nonce:
                self.nonce = nonce
            if reply.status == 200:
                self.result.token_requests += 1
                body = reply.json("token endpoint")
                if not isinstance(body, dict):
                    return _Failed(200, "malformed", "the token response is not a JSON object")
                raw_scope = body.get("scope")
                granted = tuple(str(raw_scope).split()) if isinstance(raw_scope, str) else ()
                return _Granted(granted, body)
            if reply.status not in (400, 401, 403):
                raise Undecidable(f"the token endpoint answered HTTP {reply.status}")
            body = reply.json("token endpoint")
            if not isinstance(body, dict):
                raise Undecidable("the token endpoint's error is not a JSON object")
            error = str(body.get("error") or body.get("errorCode") or "unknown_error")
            description = str(body.get("error_description") or body.get("errorSummary") or "")
            if error in ("use_dpop_nonce", "invalid_dpop_proof") and handshakes < 2 and (
                    error == "use_dpop_nonce" or self.dpop_key is None):
                if error == "use_dpop_nonce" and not nonce:
                    return _Failed(reply.status, error, "use_dpop_nonce without a DPoP-Nonce "
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
                return _Refused(error, description)
            return _Failed(reply.status, error, description)

    def token_failed(self, answer: _Failed) -> None:
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

    def accept(self, answer: _Granted, requested: Sequence[str], *, first: bool) -> None:
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
            self.result.notes.append(f"the token response carries {scope}, which was not "
                                     "requested")

    def check_shape(self, body: dict[str, Any], requested: Sequence[str]) -> None:
        token = body.get("access_token")
        if not isinstance(token, str) or not token:
            self.finding("OIN905", kind="access_token",
                         problem="the token response has no access_token")
            return
        remember_secret(token)
        self.token = token
        expected = "DPoP" if self.dpop_key is not None else "Bearer"
        token_type = str(body.get("token_type", ""))
        self.result.token_type = token_type or None
        if token_type.lower() != expected.lower():
            self.finding("OIN905", kind="token_type", problem=(
                f"token_type is {token_type or '(missing)'!s}, expected {expected}"))
        expires = body.get("expires_in")
        if not isinstance(expires, int) or isinstance(expires, bool) or expires <= 0:
            self.finding("OIN905", kind="expires_in",
                         problem=f"expires_in is {expires!r}, expected a positive integer")
        elif expires != 3600:
            self.result.notes.append(f"expires_in is {expires} s (Okta's org AS uses 3600 s)")
        if not isinstance(body.get("scope"), str):
            self.finding("OIN905", kind="scope",
                         problem="the token response has no `scope` listing the granted scopes")
        for extra in ("refresh_token", "id_token"):
            if extra in body:
                remember_secret(str(body[extra]))
                self.result.notes.append(f"the token response carries a {extra} "
                                         "(client credentials should not)")
        self.check_claims(token, body, requested)

    def check_claims(self, token: str, body: dict[str, Any], requested: Sequence[str]) -> None:
        """Read the JWT as a diagnostic: Okta says org-AS tokens are opaque to clients."""
        try:
            claims = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError:
            self.result.notes.append("the access token is opaque (not a JWT): claims not read")
            return
        scp = claims.get("scp")
        if isinstance(scp, list):
            self.result.token_scp = [str(s) for s in scp]
        cid, sub = claims.get("cid"), claims.get("sub")
        if cid is not None and cid != self.creds.client_id:
            self.finding("OIN905", kind="cid", problem=(
                f"the access token's cid claim is {cid}, not the client id"))
        if sub is not None and sub != self.creds.client_id:
            self.result.notes.append(f"the access token's sub claim is {sub}, not the client id")
        scope = body.get("scope")
        if isinstance(scp, list) and isinstance(scope, str) and set(scp) != set(scope.split()):
            self.finding("OIN905", kind="scp", problem=(
                f"the access token's scp claim ({' '.join(map(str, scp))}) differs from the "
                f"response's scope ({scope})"))
        iss = claims.get("iss")
        if iss is not None and self.result.issuer and iss != self.result.issuer:
            self.result.notes.append(f"the access token's iss is {iss}, not the issuer "
                                     f"{self.result.issuer}")
        if self.dpop_key is not None:
            jkt = (claims.get("cnf") or {}).get("jkt") if isinstance(claims.get("cnf"),
                                                                      dict) else None
            if jkt != self.dpop_key.thumbprint:
                self.finding("OIN905", kind="cnf", problem=(
                    "the DPoP-bound access token's cnf.jkt does not match the proof key"))
        iat, exp = claims.get("iat"), claims.get("exp")
        if isinstance(iat, int) and isinstance(exp, int) and exp - iat != 3600:
            self.result.notes.append(f"the access token lives {exp - iat} s (Okta: 3600 s)")

    def pinpoint(self) -> None:
        """Find the refused declared scopes (strategy: :func:`pinpoint`)."""

        def ask(scopes: list[str]) -> frozenset[str] | None:
            answer = self.ask(scopes)
            if isinstance(answer, _Failed):
                self.result.notes.append(f"pinpointing stopped: the org answered "
                                         f"{answer.error} ({answer.description})")
                raise _PinpointStopped
            if isinstance(answer, _Granted):
                self.accept(answer, scopes, first=False)
                return frozenset(answer.scopes)
            return None

        budget = self.budget - 1 - self.result.token_requests  # one kept for the undeclared check
        try:
            found = pinpoint(self.declared, budget, ask)
        except (_PinpointStopped, _BudgetSpent):
            found = {}
        for scope in self.declared:
            if scope in found:
                self.result.granted[scope] = found[scope]
            else:
                self.result.granted.setdefault(scope, None)
        if any(self.result.granted.get(s) is None for s in self.declared):
            self.result.notes.append("some declared scopes could not be checked")

    def check_undeclared(self) -> None:
        scope = self.pick_undeclared()
        if scope is None:
            self.result.notes.append("no undeclared scope left to check")
            return
        self.result.undeclared_checked = scope
        try:
            answer = self.ask([scope])
        except _BudgetSpent:
            self.result.notes.append("no token request left for the undeclared-scope check")
            self.result.undeclared_checked = None
            return
        if isinstance(answer, _Granted):
            self.result.granted[scope] = scope in answer.scopes
        elif isinstance(answer, _Refused):
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

    def probe(self) -> None:
        if self.token is None:
            self.result.notes.append("probes skipped: no token with the declared scopes")
            return
        token, scheme = self.token, (self.result.token_type or "Bearer")
        scheme = "DPoP" if scheme.lower() == "dpop" else "Bearer"
        by_path: dict[str, list[str]] = {}
        for scope in self.declared:
            if self.result.granted.get(scope):
                path = okta_scopes.probe_for(scope)
                if path is None:
                    self.result.notes.append(f"no read-only probe is known for {scope}")
                else:
                    by_path.setdefault(path, []).append(scope)
        for path, scopes in by_path.items():
            url = self.client.url(path)

            def parts(url: str = url) -> RequestParts:
                headers = {"Authorization": f"{scheme} {token}"}
                if scheme == "DPoP" and self.dpop_key is not None:
                    headers["DPoP"] = self.dpop_key.proof("GET", url, access_token=token)
                return RequestParts(headers=headers)

            reply = self.client.send("probe", "GET", url, parts, credentials=True)
            self.record_probe(tuple(scopes), path, reply)

    def record_probe(self, scopes: tuple[str, ...], path: str, reply: Reply) -> None:
        status = reply.status
        if 200 <= status < 300:
            self.result.probes.append(ProbeResult(scopes, "GET", path, status, True))
            return
        challenge = reply.headers.get("www-authenticate", "")
        code = ""
        try:
            body = json.loads(reply.body)
            if isinstance(body, dict):
                code = str(body.get("errorCode") or body.get("error") or "")
        except ValueError:
            pass
        if status in (401, 403):
            detail = "insufficient_scope" if "insufficient_scope" in challenge else (
                code or "refused")
            self.result.probes.append(ProbeResult(scopes, "GET", path, status, False, detail))
            for scope in scopes:
                self.finding("OIN906", scope, scope=scope, method="GET", path=path,
                             status=str(status), detail=detail)
            return
        self.result.probes.append(ProbeResult(scopes, "GET", path, status, None,
                                              code or f"HTTP {status}"))
        self.result.notes.append(f"probe GET {path} answered HTTP {status} {code}".rstrip())

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


class _PinpointStopped(Exception):
    pass


def pinpoint(scopes: Sequence[str], budget: int,
             ask: Callable[[list[str]], frozenset[str] | None]) -> dict[str, bool | None]:
    """Which of ``scopes`` are refused, knowing that they are not all granted together.

    ``ask(group)`` is one token request: the granted scopes, or ``None`` when the request is
    refused as a whole (at least one member refused). At most ``budget`` calls are made.

    Every answer narrows two kinds of sets: *suspect* groups known to hold a refusal (the first
    one is all of ``scopes``) and a *pool* of scopes nothing is known about. A suspect group is
    asked about scope by scope; its last scope is refused without a request. When a refusal is
    found, the rest of its group joins the pool, and the pool is asked about in one request
    (usually granted: done) whenever the budget still covers the worst case afterwards.
    Without that speculative request the worst case is exactly one request per scope (the
    information-theoretic minimum), so ``budget`` = N + 1 always suffices; one refused scope at
    position p of N costs p + 1 requests (N - 1 for the last).
    """
    result: dict[str, bool | None] = {}
    suspects: deque[list[str]] = deque([list(scopes)])
    pool: list[str] = []
    used = 0
    while True:
        for group in [g for g in suspects if len(g) == 1]:
            result[group[0]] = False
            suspects.remove(group)
        outstanding = len(pool) + sum(len(g) for g in suspects)
        if outstanding == 0 or used >= budget:
            break
        slack = budget - used - outstanding
        used += 1
        if len(pool) >= 2 and slack >= 1:
            test, pool = pool, []
            granted = ask(test)
            if granted is None:
                suspects.append(test)
            else:
                result.update((s, s in granted) for s in test)
        elif suspects:
            group = suspects[0]
            scope = group[0]
            granted = ask([scope])
            if granted is not None and scope in granted:
                result[scope] = True
                group.pop(0)
            else:
                result[scope] = False
                suspects.popleft()
                pool.extend(group[1:])
        else:
            scope = pool.pop(0)
            granted = ask([scope])
            result[scope] = granted is not None and scope in granted
    for scope in [*pool, *(s for g in suspects for s in g)]:
        result.setdefault(scope, None)
    return result


class _Stop(Exception):
    """A finding ended the run early (e.g. a custom authorization server)."""


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
        except (_Stop, _BudgetSpent):
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
