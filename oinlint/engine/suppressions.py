"""Inline suppressions: ``# oinlint: ignore[OIN101] -- reason`` (``//`` in C-like languages).

A trailing comment covers findings on its line; a comment alone on its line covers the next
line that is not itself such a comment. A suppression that matches nothing, names an unknown
code, is malformed, or (with ``require-reason``) gives no reason is reported as OIN001: a
waiver that silently outlives its finding is how audits go wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from oinlint.checks import SUPPRESSION_RULES
from oinlint.engine.building import FindingBuilder
from oinlint.engine.lines import LineCache
from oinlint.facts import Comment, Span
from oinlint.findings import Finding, Waiver
from oinlint.rules.catalogue import Catalogue

if TYPE_CHECKING:
    from oinlint.engine.result import RunResult
    from oinlint.submission import Submission

__all__ = [
    "Suppression",
    "SuppressionProblem",
    "apply_suppressions",
    "parse_suppressions",
    "suppress_findings",
]

_MARKER = re.compile(r"^\s*oinlint\s*:", re.IGNORECASE)
_STRICT = re.compile(
    r"^\s*oinlint:\s*ignore\[(?P<codes>[^\]]*)\]\s*(?:--\s*(?P<reason>.*?))?\s*$"
)
_CODE = re.compile(r"^OIN\d{3}$")


@dataclass(frozen=True, slots=True)
class Suppression:
    codes: tuple[str, ...]
    reason: str
    span: Span
    target_line: int


@dataclass(frozen=True, slots=True)
class SuppressionProblem:
    """A suppression that does no work or cannot be read; ``fix`` names its own codes."""

    span: Span
    message: str
    fix: str | None = None


def _directive_span(path: str, comment: Comment, body: str, lines: Sequence[str]) -> Span:
    """Where the ``oinlint:`` text itself is, whatever the comment marker (``#``, ``//``)."""
    column = comment.column
    if 1 <= comment.line <= len(lines):
        found = lines[comment.line - 1].find(body, max(0, comment.column - 1))
        if found >= 0:
            column = found + 1
    return Span(path, comment.line, column, comment.line, column + len(body))


def parse_suppressions(
    path: str, comments: Sequence[Comment], lines: Sequence[str] = ()
) -> tuple[list[Suppression], list[SuppressionProblem]]:
    """Read every ``oinlint:`` comment of a file (``lines``: its source, to place spans)."""
    standalone_lines = {c.line for c in comments if c.standalone}
    found: list[Suppression] = []
    problems: list[SuppressionProblem] = []
    for comment in comments:
        if not _MARKER.match(comment.text):
            continue
        body = comment.text.strip()
        span = _directive_span(path, comment, body, lines)
        match = _STRICT.match(comment.text)
        if not match:
            problems.append(SuppressionProblem(
                span, f"malformed suppression '{body[:60]}': write "
                "'oinlint: ignore[CODE] -- reason'",
                "Write it as `oinlint: ignore[CODE] -- reason` with the code the finding on "
                "this line (or the next) shows, or remove it."))
            continue
        codes = tuple(c.strip().upper() for c in match.group("codes").split(",") if c.strip())
        bad = [c for c in codes if not _CODE.match(c)]
        if not codes or bad:
            problems.append(SuppressionProblem(
                span, f"malformed suppression '{body[:60]}': list rule codes like OIN101",
                "Write each code as OIN and three digits, as the finding to waive shows it, "
                "separated by commas."))
            continue
        target = comment.line
        if comment.standalone:
            target += 1
            while target in standalone_lines:
                target += 1
        found.append(Suppression(codes, (match.group("reason") or "").strip(), span, target))
    return found, problems


def apply_suppressions(
    findings: Iterable[Finding],
    suppressions: Sequence[Suppression],
    known_codes: Iterable[str],
    enabled_codes: Iterable[str],
    require_reason: bool,
) -> tuple[list[Finding], list[SuppressionProblem]]:
    """Waive the findings that suppressions cover; report the suppressions that do no work."""
    known = set(known_codes)
    enabled = set(enabled_codes)
    used: set[tuple[int, str]] = set()
    problems: list[SuppressionProblem] = []
    for index, suppression in enumerate(suppressions):
        for code in suppression.codes:
            if code not in known:
                problems.append(SuppressionProblem(
                    suppression.span, f"suppression names unknown rule code {code}",
                    f"Correct {code} to the code the finding shows (`oinlint rules` lists "
                    "them all), or remove it."))
                used.add((index, code))
            elif code not in enabled:
                used.add((index, code))  # the rule is off here: nothing to say about it
        if require_reason and not suppression.reason:
            codes = ", ".join(suppression.codes)
            problems.append(SuppressionProblem(
                suppression.span,
                "suppression has no reason; write 'oinlint: ignore[CODE] -- why this is safe' "
                "(require-reason = true)",
                f"Add the reason: `oinlint: ignore[{codes}] -- why this is safe`."))
    out: list[Finding] = []
    for finding in findings:
        waiver = None
        for index, suppression in enumerate(suppressions):
            if finding.code not in suppression.codes:
                continue
            if not finding.span.contains_line(suppression.target_line):
                continue
            used.add((index, finding.code))
            if require_reason and not suppression.reason:
                continue
            waiver = Waiver("inline", suppression.reason, suppression.span)
            break
        out.append(replace(finding, waiver=waiver) if waiver else finding)
    for index, suppression in enumerate(suppressions):
        for code in suppression.codes:
            if (index, code) not in used:
                problems.append(SuppressionProblem(
                    suppression.span, f"unused suppression: no {code} finding here",
                    f"Remove {code} from the comment (its finding is gone), or move the "
                    f"comment to the line of the {code} finding or the line above it."))
    return out, problems


def suppress_findings(
    result: RunResult,
    submission: Submission | None,
    catalogue: Catalogue,
    codes_by_path: dict[str, frozenset[str]],
    lines_of: LineCache,
    shown: Callable[[str], bool] | None = None,
) -> list[Finding]:
    """Inline suppressions over every finding of a file (file and project rules alike), and
    OIN001 for the suppressions that are malformed, unknown or unused (in the files ``shown``
    only: elsewhere no file rule ran, so every suppression would look unused)."""
    comments = {f.path: f.comments for f in result.files
                if f.comments and (shown is None or shown(f.path))}
    if submission is not None and submission.comments and (
            shown is None or shown(submission.display)):
        comments.setdefault(submission.display, submission.comments)
    by_path: dict[str, list[Finding]] = {}
    for finding in result.findings:
        by_path.setdefault(finding.span.path, []).append(finding)
    settings = result.settings
    out: list[Finding] = []
    for path in sorted(set(by_path) | set(comments)):
        findings = by_path.get(path, [])
        if path not in comments:
            out.extend(findings)
            continue
        codes = codes_by_path.get(path, result.enabled)
        lines = lines_of(path)
        suppressions, malformed = parse_suppressions(path, comments[path], lines)
        waived, unused = apply_suppressions(
            findings, suppressions, catalogue, codes, settings.require_reason
        )
        out.extend(waived)
        problems: list[SuppressionProblem] = [*malformed, *unused]
        for code, rule in sorted(SUPPRESSION_RULES.items()):
            if code in codes:
                builder = FindingBuilder(catalogue, settings, lines)
                out.extend(builder.finding(catalogue[code], hit) for hit in rule(problems))
    return out
