"""``--format gitlab``: GitLab's code-quality report (a JSON array of issues).

GitLab shows these in the merge request widget and the pipeline's Code Quality tab when the
file is an ``artifacts:reports:codequality`` artefact. Each issue needs ``description``,
``check_name``, ``fingerprint`` (unique in the report), ``severity`` (info, minor, major,
critical, blocker) and ``location.path`` with ``location.lines.begin``. Waived findings are
left out: GitLab has no notion of a suppressed issue, and a waiver must not turn into noise.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from oinlint.findings import Severity
from oinlint.printable import unicode_safe
from oinlint.redact import redact_values

if TYPE_CHECKING:
    from oinlint.engine import RunResult
    from oinlint.rules.catalogue import Catalogue

__all__ = ["GITLAB_SEVERITY", "render"]

GITLAB_SEVERITY = {
    Severity.INFO: "info",
    Severity.LOW: "minor",
    Severity.MEDIUM: "major",
    Severity.HIGH: "critical",
    Severity.CRITICAL: "blocker",
}


def render(result: RunResult, catalogue: Catalogue, color: bool = False) -> str:
    issues: list[dict[str, Any]] = []
    seen: set[str] = set()
    for finding in result.active:
        fingerprint = finding.fingerprint
        occurrence = 1
        while fingerprint in seen:  # same text twice in one context: keep them distinct
            occurrence += 1
            fingerprint = hashlib.sha256(
                f"{finding.fingerprint}:{occurrence}".encode()).hexdigest()[:32]
        seen.add(fingerprint)
        span = finding.span
        description = f"{finding.code} {finding.message}"
        if finding.fix:
            description += f" Fix: {finding.fix}"
        issues.append({
            "type": "issue",
            "description": description,
            "check_name": finding.code,
            "fingerprint": fingerprint,
            "severity": GITLAB_SEVERITY[finding.severity],
            "categories": ["Security"],
            "location": {
                "path": span.path,
                "lines": {"begin": max(1, span.line), "end": max(span.line, span.end_line)},
            },
        })
    # Redacted value by value, then serialized: never a pattern over the document.
    return unicode_safe(json.dumps(redact_values(issues), indent=2, ensure_ascii=False)) + "\n"
