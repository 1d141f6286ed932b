"""``--format json``: the findings as data, for scripts and the audit report."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from oinlint._version import __version__
from oinlint.printable import unicode_safe
from oinlint.redact import redact_values
from oinlint.report.fix_fields import FixIndex, fix_index

if TYPE_CHECKING:
    from oinlint.engine import RunResult
    from oinlint.findings import Finding
    from oinlint.rules.catalogue import Catalogue


def finding_to_dict(finding: Finding, fixes: FixIndex | None = None) -> dict[str, Any]:
    """One finding; ``autofix`` (``{"applicable": "safe"|"unsafe", "title"}``) when
    ``oinlint check --fix`` answers it (``fix`` stays the rule's advice, as before)."""
    span = finding.span
    data: dict[str, Any] = {
        "code": finding.code,
        "name": finding.name,
        "severity": finding.severity.label,
        "message": finding.message,
        "path": span.path,
        "line": span.line,
        "column": span.column,
        "end_line": span.end_line,
        "end_column": span.end_column,
        "fingerprint": finding.fingerprint,
        "fix": finding.fix,
        "context": finding.context,
    }
    if finding.related:
        data["related"] = [
            {"path": r.span.path, "line": r.span.line, "column": r.span.column,
             "message": r.message}
            for r in finding.related
        ]
    autofix = fixes.json_field((finding.code, span.path, span.line, span.column)) if (
        fixes is not None) else None
    if autofix is not None:
        data["autofix"] = autofix
    if finding.waiver:
        data["waiver"] = {"kind": finding.waiver.kind, "reason": finding.waiver.reason}
    return data


def summary(result: RunResult) -> dict[str, Any]:
    by_code: dict[str, int] = {}
    for finding in result.active:
        by_code[finding.code] = by_code.get(finding.code, 0) + 1
    return {
        "files_scanned": len(result.scanned),
        "files_skipped": len(result.skipped),
        "findings": len(result.active),
        "failing": len(result.failing),
        "waived": len(result.findings) - len(result.active),
        "by_code": dict(sorted(by_code.items())),
        "fail_on": result.fail_on.label,
        "exit_code": result.exit_code,
        "stale_baseline": [
            {"fingerprint": e.fingerprint, "code": e.code, "path": e.path, "count": e.count}
            for e in result.stale_baseline
        ],
        "warnings": result.warnings,
        "duration_seconds": round(result.duration, 3),
    }


def render(result: RunResult, catalogue: Catalogue, color: bool = False) -> str:
    analysis = result.scope_analysis
    counts = summary(result)
    fixes = fix_index(result)
    counts["unresolved_calls"] = len(analysis.unresolved)
    counts["okta_calls"] = len(analysis.calls) + len(analysis.unresolved)
    document = {
        "version": __version__,
        "run": result.run_properties,  # the project root, configuration and submission used
        "findings": [finding_to_dict(f, fixes) for f in result.active],
        "waived": [finding_to_dict(f) for f in result.findings if f.waiver],
        "summary": counts,
        # The scope matrix: per scope, declared / requested in code / required by calls /
        # granted (null until the live checker fills it).
        "scopes": [row.to_dict() for row in analysis.matrix()],
        "unresolved": [
            {"path": c.span.path, "line": c.span.line, "column": c.span.column,
             "method": c.method, "url_path": c.path, "status": c.status, "reason": c.reason}
            for c in analysis.unresolved
        ],
    }
    # Redacted value by value, then serialized: never a pattern over the document.
    return unicode_safe(json.dumps(redact_values(document), indent=2, ensure_ascii=False)) + "\n"
