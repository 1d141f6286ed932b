"""``--format sarif``: SARIF 2.1.0 for GitHub code scanning (and any other SARIF consumer).

One run, one ``tool.driver`` whose ``rules[]`` are the rules that have a result, in catalogue
order, each with its full help; ``ruleIndex`` points into that list. As ruff does
(``crates/ruff_linter/src/message/sarif.rs``), a rule without a result is not described: with
every enabled rule's help, three results made a 211 KB file. Every finding becomes a result,
waived ones too: they carry ``suppressions[]`` (``inSource`` for an inline comment, ``external``
for the baseline or configuration) with the reason, so an audit keeps them instead of losing
them. ``partialFingerprints`` holds oinlint's line-free fingerprint under a tool-namespaced key;
``upload-sarif`` adds GitHub's own ``primaryLocationLineHash`` next to it.

What GitHub reads is summarised in ``LINTER-ANCHORS.md`` §5: security rules carry the
``security`` tag and a *numeric* ``security-severity``; the others carry ``problem.severity``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urljoin

from oinlint._version import __version__
from oinlint.engine.result import RunResult
from oinlint.printable import unicode_safe
from oinlint.redact import redact, redact_values
from oinlint.report.fix_fields import FixIndex, fix_index
from oinlint.report.longlines import ContextLines
from oinlint.rules.docs import rule_markdown

if TYPE_CHECKING:
    from oinlint.facts import Span
    from oinlint.findings import Finding, Severity
    from oinlint.report.input import ReportInput
    from oinlint.rules.catalogue import Catalogue, RuleSpec

__all__ = ["SCHEMA_URI", "build_sarif", "render"]

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/oinlint/oinlint"
DOCS_BASE = "https://github.com/oinlint/oinlint/blob/main/"
FINGERPRINT_KEY = "oinlintFingerprint/v1"
SRCROOT = "%SRCROOT%"
MAX_DESCRIPTION = 1024
MAX_TAGS = 20
SECURITY_FAMILIES = ("OIN1", "OIN2", "OIN3", "OIN4")

_SUPPRESSION_KIND = {"inline": "inSource", "baseline": "external", "config": "external"}
_PROBLEM_SEVERITY = {"error": "error", "warning": "warning", "note": "recommendation"}
_RELATIVE_LINK = re.compile(r"\]\((?![a-zA-Z][a-zA-Z0-9+.-]*:|#|/)([^)\s]+)\)")


def _plain(text: str, limit: int = MAX_DESCRIPTION) -> str:
    """One line of plain text (Markdown backticks dropped), cut at a word under ``limit``."""
    text = " ".join(text.replace("`", "").split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "…"


def is_security_rule(spec: RuleSpec) -> bool:
    """Rules whose results GitHub should treat as security alerts."""
    return "security" in spec.tags or spec.family in SECURITY_FAMILIES


def help_uri(spec: RuleSpec) -> str:
    return DOCS_BASE + spec.docs_path


def _help_text(spec: RuleSpec) -> str:
    docs = spec.docs
    parts = [f"{spec.code} {spec.name}: {_plain(spec.summary)}"]
    for title, key in (("What it does", "what"), ("Why it matters for OIN review", "why")):
        body = str(docs.get(key, "")).strip()
        if body:
            parts.append(f"{title}: {_plain(body, 4000)}")
    if spec.fix:
        parts.append(f"How to fix: {_plain(spec.fix, 4000)}")
    parts.append(f"Suppress with '# oinlint: ignore[{spec.code}] -- reason'.")
    parts.append(f"Documentation: {help_uri(spec)}")
    return "\n\n".join(parts)


def _absolute_links(markdown: str, spec: RuleSpec) -> str:
    """Relative links of a docs page (``../configuration.md``) made absolute: GitHub shows the
    help far from the repository's ``docs/`` folder."""
    base = DOCS_BASE + spec.docs_path

    def absolute(match: re.Match[str]) -> str:
        return f"]({urljoin(base, match.group(1))})"

    return _RELATIVE_LINK.sub(absolute, markdown)


def _rule(spec: RuleSpec, severity: Severity) -> dict[str, Any]:
    security = is_security_rule(spec)
    tags = list(dict.fromkeys((*(("security",) if security else ()), *spec.tags)))[:MAX_TAGS]
    properties: dict[str, Any] = {"tags": tags, "precision": "high"}
    if security:
        properties["security-severity"] = severity.security_severity
    else:
        properties["problem.severity"] = _PROBLEM_SEVERITY[severity.sarif_level]
    what = str(spec.docs.get("what", "")).strip() or spec.summary
    return {
        "id": spec.code,
        "name": spec.name,
        "shortDescription": {"text": _plain(spec.summary)},
        "fullDescription": {"text": _plain(what)},
        "help": {"text": _help_text(spec), "markdown": _absolute_links(rule_markdown(spec), spec)},
        "helpUri": help_uri(spec),
        "defaultConfiguration": {"level": severity.sarif_level},
        "properties": properties,
    }


def _artifact(path: str) -> dict[str, str]:
    """A repository-relative URI under ``%SRCROOT%``; an absolute ``file:`` URI otherwise."""
    posix = path.replace("\\", "/")
    if Path(path).is_absolute() or PurePosixPath(posix).is_absolute():
        return {"uri": Path(path).as_uri()}
    posix = posix.removeprefix("./")
    try:  # a file name that is not UTF-8: its own bytes, percent-encoded
        uri = quote(posix, safe="/", errors="surrogateescape")
    except UnicodeEncodeError:  # a surrogate no file system gave: the document must still be
        uri = quote(posix, safe="/", errors="replace")  # written, so "?" (%3F) stands for it
    return {"uri": uri, "uriBaseId": SRCROOT}


def _region(span: Span) -> dict[str, int]:
    """1-based, end after start (a project-level span may be empty or unknown: line 0)."""
    start_line, start_column = max(1, span.line), max(1, span.column)
    end_line = max(start_line, span.end_line)
    end_column = max(1, span.end_column)
    if end_line == start_line:
        end_column = max(end_column, start_column)
    return {"startLine": start_line, "startColumn": start_column, "endLine": end_line,
            "endColumn": end_column}


def _snippet(finding: Finding, context: ContextLines) -> str | None:
    """The span's own lines, from the finding's (already redacted) context lines."""
    if not finding.snippet or finding.snippet_line < 1:
        return None
    first = finding.span.line - finding.snippet_line
    last = finding.span.end_line - finding.snippet_line
    if first < 0 or last >= len(finding.snippet) or last < first:
        return None
    lines = finding.snippet[first : last + 1]
    return "\n".join(context.shown(line, number, finding.span)[0]
                     for number, line in enumerate(lines, start=finding.span.line))


def _location(span: Span, message: str | None = None, snippet: str | None = None,
              ident: int | None = None) -> dict[str, Any]:
    region: dict[str, Any] = dict(_region(span))
    if snippet is not None:
        region["snippet"] = {"text": snippet}
    location: dict[str, Any] = {
        "physicalLocation": {"artifactLocation": _artifact(span.path), "region": region}
    }
    if ident is not None:
        location = {"id": ident, **location}
    if message:
        location["message"] = {"text": message}
    return location


def _message(finding: Finding) -> str:
    text = finding.message.strip()
    if not text.endswith((".", "!", "?")):
        text += "."
    if finding.fix:
        text += f" Fix: {finding.fix.strip()}"
    return text


def _result(finding: Finding, index: int, fixes: FixIndex, context: ContextLines
            ) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": index,
        "level": finding.severity.sarif_level,
        "message": {"text": _message(finding)},
        "locations": [_location(finding.span, snippet=_snippet(finding, context))],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
        "properties": {"severity": finding.severity.label, "name": finding.name},
    }
    if finding.context:
        result["properties"]["context"] = finding.context
    if finding.related:
        result["relatedLocations"] = [
            _location(related.span, related.message, ident=number)
            for number, related in enumerate(finding.related, start=1)
        ]
    sarif_fixes = fixes.sarif_fixes(_key(finding), _artifact(finding.span.path))
    if sarif_fixes and finding.waiver is None:
        result["fixes"] = sarif_fixes
    if finding.waiver is not None:
        suppression: dict[str, Any] = {
            "kind": _SUPPRESSION_KIND.get(finding.waiver.kind, "external"),
            "status": "accepted",
        }
        if finding.waiver.reason:
            suppression["justification"] = finding.waiver.reason
        if finding.waiver.span is not None:
            suppression["location"] = _location(finding.waiver.span)
        result["suppressions"] = [suppression]
    return result


def _key(finding: Finding) -> tuple[str, str, int, int]:
    return (finding.code, finding.span.path, finding.span.line, finding.span.column)


def _notification(text: str) -> dict[str, Any]:
    return {"level": "warning", "message": {"text": text}}


def build_sarif(result: ReportInput, catalogue: Catalogue) -> dict[str, Any]:
    """The SARIF log for one run, as a JSON-ready dict."""
    codes = {f.code for f in result.findings}  # waived ones too: they are results
    specs = [catalogue[code] for code in catalogue if code in codes]
    index = {spec.code: i for i, spec in enumerate(specs)}
    overrides = result.severity_overrides
    rules = [_rule(spec, overrides.get(spec.code, spec.severity)) for spec in specs]
    notifications = [_notification(w) for w in result.warnings]
    notifications += [
        _notification(f"stale baseline entry: {e.code} in {e.path} ({e.count} no longer found)")
        for e in result.stale_baseline
    ]
    cwd = Path.cwd()
    fixes = fix_index(result)  # SARIF `fixes` on the results `check --fix` would answer
    invocation: dict[str, Any] = {
        "executionSuccessful": True,
        "workingDirectory": {"uri": cwd.as_uri().rstrip("/") + "/"},
    }
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    context = ContextLines(redact)
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "oinlint",
                "semanticVersion": __version__,
                "version": __version__,
                "informationUri": INFORMATION_URI,
                "rules": rules,
            }
        },
        "invocations": [invocation],
        "originalUriBaseIds": {SRCROOT: {"uri": cwd.as_uri().rstrip("/") + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, index[f.code], fixes, context) for f in result.findings],
    }
    if isinstance(result, RunResult):  # the project root, configuration and submission used
        run["properties"] = result.run_properties
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(result: ReportInput, catalogue: Catalogue, color: bool = False) -> str:
    # Redacted value by value, then serialized: never a pattern over the document.
    log = redact_values(build_sarif(result, catalogue))
    return unicode_safe(json.dumps(log, indent=2, ensure_ascii=False)) + "\n"
