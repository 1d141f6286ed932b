"""What a verify run is given (:class:`VerifyOptions`) and what it learns (:class:`VerifyResult`).

:meth:`VerifyResult.as_dict` is the documented ``verify --format json`` document; the outcome
maps to the exit code (verified 0, failed 1, unknown 3).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import httpx

from oinlint._version import __version__
from oinlint.exitcode import ExitCode
from oinlint.findings import Finding
from oinlint.live.client import Exchange, Policy
from oinlint.live.declared import DeclaredScopes
from oinlint.live.verify.client_auth import Credentials
from oinlint.live.verify.replay_plan import CodeRequest, ReplayPlan

__all__ = ["OUTCOME_EXIT", "ProbeResult", "ReplayResult", "VerifyOptions", "VerifyResult"]

OUTCOME_EXIT = {"verified": ExitCode.OK, "failed": ExitCode.FINDINGS, "unknown": ExitCode.UNKNOWN}


@dataclass
class VerifyOptions:
    """What to verify: the org, who asks, the declared scopes, and how (probes, transport)."""

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
    replay: ReplayPlan | None = None  # the code's token requests and calls to replay


@dataclass(frozen=True)
class ReplayResult:
    """One of the code's token requests, replayed: ``outcome`` is granted, refused (a scope
    error), failed (another error), unresolved (scopes unknown: not replayed) or skipped."""

    request: CodeRequest
    outcome: str
    method: str | None = None  # the client authentication the replay used
    granted: tuple[str, ...] = ()
    error: str = ""
    detail: str = ""

    def as_dict(self) -> dict[str, Any]:
        span = self.request.span
        return {"path": span.path, "line": span.line, "column": span.column,
                "scopes": list(self.request.names) if self.request.scopes else None,
                "code_auth_method": self.request.auth_method,
                "endpoint": self.request.endpoint_kind, "via": self.request.via,
                "outcome": self.outcome, "auth_method": self.method,
                "granted": list(self.granted), "error": self.error or None,
                "detail": self.detail or None}


@dataclass(frozen=True)
class ProbeResult:
    """One read-only probe call and what it answered (``ok`` is None when it could not tell)."""

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
    replayed: list[ReplayResult] | None = None  # None: the code's requests were not replayed
    unused_declared: list[str] = field(default_factory=list)
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

    def replay_dict(self) -> dict[str, Any] | None:
        """The replay of the code's token requests (None: not replayed)."""
        if self.replayed is None:
            return None
        return {"requests": [r.as_dict() for r in self.replayed if r.outcome != "unresolved"],
                "unresolved": [r.as_dict() for r in self.replayed if r.outcome == "unresolved"],
                "unused_declared": self.unused_declared}

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
            "replay": self.replay_dict(),
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
