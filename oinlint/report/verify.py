"""Rendering a :class:`~oinlint.live.verify.VerifyResult`: text, JSON, and the check formats.

Text and JSON are specific to verify (the JSON document ``oinlint-verify/1`` is what
``oinlint report --verify-result`` reads). Concise, SARIF, JUnit and GitHub annotations reuse the
``check`` reporters, which read a :class:`~oinlint.report.input.ReportInput`: here a
:class:`VerifyRun`. Every value is redacted before it is serialized (never the document), and
each text line is printable: an org's answers are text from outside too.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from oinlint.engine.baseline import BaselineEntry
from oinlint.findings import Finding, Severity, active, failing
from oinlint.printable import printable, unicode_safe
from oinlint.redact import redact_values
from oinlint.report import concise, github, junit, sarif
from oinlint.report.input import ReportInput
from oinlint.rules.catalogue import Catalogue, load_catalogue

if TYPE_CHECKING:
    from oinlint.live.verify import VerifyResult

__all__ = ["VerifyRun", "as_report_input", "render_verify"]

_HEADLINE = {
    "verified": "verified: {host} grants exactly the declared scopes",
    "failed": "failed: {reason}",
    "unknown": "unknown: {reason} (this is not a compliance result: the check could not decide)",
}


def _granted_cell(value: bool | None, declared: bool) -> str:
    if value is None:
        return "?"
    if value:
        return "yes" if declared else "YES (undeclared)"
    return "REFUSED" if declared else "refused"


def render_text(result: VerifyResult) -> str:
    lines: list[str] = []
    method = result.auth_method + (", DPoP" if result.dpop else "")
    where = " (emulator)" if result.emulator else ""
    lines.append(f"oinlint verify · {result.host}{where} · {result.outcome.upper()}")
    lines.append(f"  client {result.client_id} ({method}) · "
                 f"{result.started_at.strftime('%Y-%m-%dT%H:%M:%SZ')} · "
                 f"{result.duration:.2f} s · submission {result.declared.path or '(none)'}")
    lines.append("")
    rows = [("scope", "declared", "granted", "probe")]
    for row in result.scope_matrix():
        probe = row["probe"]
        probe_text = "—"
        if probe:
            probe_text = f"{probe['method']} {probe['path']} → {probe['status']}"
            if probe["detail"]:
                probe_text += f" {probe['detail']}"
        elif row["checked_as"] == "undeclared":
            probe_text = "(undeclared-scope check)"
        rows.append((row["scope"], "yes" if row["declared"] else "no",
                     _granted_cell(row["granted"], row["declared"]), probe_text))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    for r in rows:
        lines.append("  " + "  ".join(r[i].ljust(widths[i]) for i in range(3)) + "  " + r[3])
    lines.extend(_replay_lines(result))
    if result.findings:
        lines.append("")
        for finding in result.findings:
            span = finding.span
            lines.append(f"{span.path}:{span.line}:{span.column}: {finding.code} "
                         f"[{finding.severity.label}] {finding.message}")
            if finding.fix:
                lines.append(f"    fix: {finding.fix}")
    if result.notes:
        lines.append("")
        lines.append("notes:")
        lines.extend(f"  - {note}" for note in result.notes)
    token = sum(1 for e in result.exchanges if e.step in ("token", "replay"))
    lines.append("")
    handshakes = (f", {result.dpop_handshakes} DPoP handshake(s)"
                  if result.dpop_handshakes else "")
    lines.append(f"requests: {len(result.exchanges)} HTTP; {token} token request(s): "
                 f"{result.token_requests} evaluated of a budget of {result.budget}"
                 f"{handshakes}")
    for e in result.exchanges:
        status = str(e.status) if e.status is not None else (e.error or "no answer")
        extra = f" {e.result}" if e.result and e.result != "granted" else ""
        scopes = f"  [{' '.join(e.scopes)}]" if e.scopes else ""
        retry = f"  (attempt {e.attempt})" if e.attempt > 1 else ""
        retry += "  (replay)" if e.step == "replay" else ""
        lines.append(f"  {e.method:<4} {e.path}  {status}{extra}{scopes}{retry}")
    lines.append("")
    lines.append(_HEADLINE[result.outcome].format(host=result.host, reason=result.reason))
    if result.outcome == "failed" and result.incomplete:
        lines.append(f"  (the check stopped early: {result.incomplete})")
    return "\n".join(printable(line) for line in lines) + "\n"


def _replay_lines(result: VerifyResult) -> list[str]:
    """The code's token requests as replayed (nothing when they were not)."""
    if result.replayed is None:
        return []
    lines = ["", "replayed token requests (the code's own, against a client granted exactly "
             "the declared scopes):"]
    if not result.replayed:
        lines.append("  (none found in the code)")
    for replayed in result.replayed:
        request = replayed.request
        if replayed.outcome == "unresolved":
            lines.append(f"  {request.where}  scopes unresolved: not replayed")
            continue
        answer = replayed.outcome + (f" {replayed.error}" if replayed.error else "")
        if replayed.outcome == "skipped":
            answer = f"skipped ({replayed.detail})"
        lines.append(f"  {request.where}  [{' '.join(request.names)}]  "
                     f"{replayed.method or request.auth_method or ''} → {answer}")
    if result.unused_declared:
        lines.append(f"  declared, but never requested or needed: "
                     f"{' '.join(result.unused_declared)}")
    return lines


def render_json(result: VerifyResult) -> str:
    document = redact_values(result.as_dict())
    return unicode_safe(json.dumps(document, indent=2, ensure_ascii=False)) + "\n"


@dataclass
class VerifyRun:
    """A live check's findings in the shape the findings reporters read (:class:`ReportInput`):
    every finding counts (``fail_on`` is info), the OIN9xx rules are the ones enabled, and the
    one file read is the submission."""

    findings: list[Finding]
    enabled: frozenset[str]
    scanned: list[str]
    warnings: list[str]
    duration: float
    skipped: list[tuple[str, str]] = field(default_factory=list)
    stale_baseline: list[BaselineEntry] = field(default_factory=list)
    fail_on: Severity = Severity.INFO
    severity_overrides: Mapping[str, Severity] = field(default_factory=dict)

    @property
    def active(self) -> list[Finding]:
        return active(self.findings)

    @property
    def failing(self) -> list[Finding]:
        return failing(self.findings, self.fail_on)


def as_report_input(result: VerifyResult) -> VerifyRun:
    """The findings of a live check for the concise, SARIF, JUnit and GitHub reporters."""
    catalogue = load_catalogue()
    warnings = []
    if result.outcome == "unknown":
        warnings.append(f"verify outcome unknown: {result.reason}")
    elif result.incomplete:
        warnings.append(f"verify stopped early: {result.incomplete}")
    return VerifyRun(
        findings=list(result.findings),
        enabled=frozenset(catalogue.matching("OIN9")),
        scanned=[result.declared.path] if result.declared.path else [],
        warnings=warnings,
        duration=result.duration,
    )


_FINDINGS_REPORTERS: dict[str, Callable[[ReportInput, Catalogue, bool], str]] = {
    "concise": concise.render,
    "sarif": sarif.render,
    "junit": junit.render,
    "github": github.render,
}


def render_verify(fmt: str, result: VerifyResult) -> str:
    """``result`` in ``fmt`` (one of ``VERIFY_FORMATS``), with every secret masked."""
    if fmt == "text":
        return render_text(result)
    if fmt == "json":
        return render_json(result)
    return _FINDINGS_REPORTERS[fmt](as_report_input(result), load_catalogue(), False)
