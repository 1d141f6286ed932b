"""Hostile inputs for the audit-report tests: markup in every field that comes from the
scanned code or the org (path, message, source lines, waiver reason, org answers)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from oinlint.config import Settings
from oinlint.engine import RunResult
from oinlint.facts import Span
from oinlint.findings import Finding, Severity, Waiver

TITLE_PAYLOAD = "<script>document.title='pwned'</script>"
IMG_PAYLOAD = "</textarea><img src=x onerror=\"document.title='pwned'\">"
MORE_PAYLOADS = (
    "</title><svg onload=\"document.title='pwned'\">",
    "<iframe src=\"javascript:document.title='pwned'\"></iframe>",
    "\"><a href=\"javascript:document.title='pwned'\" id=\"injected\">x</a>",
    "| cell | `code` [link](javascript:alert(1)) <u>underlined</u>",
)
ALL = (TITLE_PAYLOAD, IMG_PAYLOAD, *MORE_PAYLOADS)
# Elements our reports never contain themselves: one of them in the DOM means an injection.
INJECTED_TAGS = ("script", "img", "svg", "iframe", "textarea", "u")


def hostile_result(root: Path) -> RunResult:
    """A run whose every free-text field carries markup."""
    path = f"src/{TITLE_PAYLOAD}{IMG_PAYLOAD}.py"
    span = Span(path, 3, 1, 3, 10)
    finding = Finding(
        code="OIN101", name="ssws-authorization-header", severity=Severity.HIGH,
        message=f"header {TITLE_PAYLOAD} {MORE_PAYLOADS[0]}", span=span, fingerprint="f" * 32,
        fix=f"fix {MORE_PAYLOADS[1]}",
        snippet=(f"# {TITLE_PAYLOAD}", f"x = '{IMG_PAYLOAD}'", f"y = '{MORE_PAYLOADS[2]}'"),
        snippet_line=2,
    )
    waived = Finding(
        code="OIN104", name="api-token-provisioned", severity=Severity.HIGH,
        message=f"waived {MORE_PAYLOADS[3]}", span=Span(path, 9, 1, 9, 4),
        fingerprint="e" * 32, snippet=(IMG_PAYLOAD,), snippet_line=9,
        waiver=Waiver("inline", f"because {TITLE_PAYLOAD} {IMG_PAYLOAD}"),
    )
    future = Finding(
        code="OIN7" + "01", name="future-family", severity=Severity.LOW,
        message=f"a family we have never heard of {MORE_PAYLOADS[1]}",
        span=Span(path, 1, 1, 1, 2), fingerprint="d" * 32,
    )
    return RunResult(findings=[finding, waived, future], settings=Settings(root=root),
                     enabled=frozenset({"OIN101", "OIN104"}), scanned=[path],
                     skipped=[(f"bin/{IMG_PAYLOAD}", f"binary {TITLE_PAYLOAD}")],
                     warnings=[f"warning {MORE_PAYLOADS[0]}"])


def hostile_verify() -> dict[str, Any]:
    """An ``oinlint-verify/1`` document whose org answered with markup."""
    return {
        "schema": "oinlint-verify/1", "outcome": "unknown",
        "reason": f"the org answered {TITLE_PAYLOAD}",
        "incomplete": IMG_PAYLOAD,
        "org": {"url": "https://evil.example", "host": f"evil.example{MORE_PAYLOADS[0]}",
                "emulator": False},
        "client": {"client_id": f"0oa{IMG_PAYLOAD}", "auth_method": "client_secret_basic"},
        "started_at": "2026-01-01T00:00:00Z", "duration_seconds": 1.0,
        "scopes": {"granted": [f"okta.{TITLE_PAYLOAD}.read"], "refused": [],
                   "undetermined": [], "undeclared_checked": None, "undeclared_granted": []},
        "scope_matrix": [{"scope": f"okta.{TITLE_PAYLOAD}.read", "declared": False,
                          "granted": True}],
        "findings": [{"code": "OIN901", "name": "token-request-failed", "severity": "high",
                      "message": f"error_description: {IMG_PAYLOAD}",
                      "path": "oin-submission.yaml", "line": 1}],
        "requests": [{"step": "token", "method": "POST", "path": f"/oauth2/{TITLE_PAYLOAD}",
                      "status": None, "error": f"TLS {IMG_PAYLOAD}", "result": MORE_PAYLOADS[2]}],
        "request_counts": {"http": 1},
        "notes": [f"note {MORE_PAYLOADS[1]}"],
    }
