"""Turning a rule's hits into findings: message, severity, fingerprint, redacted snippet.

Every text a finding carries out of the project (message, context lines, related messages, fix)
is redacted here, value by value, before any reporter sees it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from oinlint import redact
from oinlint.checks import Hit
from oinlint.config import Settings
from oinlint.facts import FileFacts, SecretLiteral, Span
from oinlint.findings import Finding, Related, fingerprint
from oinlint.frontends.languages import detect_language
from oinlint.rules.catalogue import Catalogue, RuleSpec

__all__ = ["CONTEXT_LINES", "FindingBuilder", "remember_secrets"]

CONTEXT_LINES = 2
# Languages whose unquoted ``key: value`` runs to the end of the line (a password with spaces).
_CONFIG_LANGUAGES = frozenset({"dotenv", "yaml", "toml", "properties"})


def _snippet(lines: Sequence[str], span: Span) -> tuple[tuple[str, ...], int]:
    first = max(1, span.line - CONTEXT_LINES)
    last = min(len(lines), span.end_line + CONTEXT_LINES)
    config = detect_language(span.path) in _CONFIG_LANGUAGES
    return tuple(redact.redact_source_lines(lines, first, last, config=config)), first


def _span_text(lines: Sequence[str], span: Span) -> str:
    if span.line < 1 or span.line > len(lines):
        return ""
    if span.line == span.end_line:
        return lines[span.line - 1][span.column - 1 : span.end_column - 1]
    head = lines[span.line - 1][span.column - 1 :]
    middle = lines[span.line : span.end_line - 1]
    tail = lines[span.end_line - 1][: span.end_column - 1] if span.end_line <= len(lines) else ""
    return "\n".join([head, *middle, tail])


class FindingBuilder:
    """Turns hits into findings for one file (message, fingerprint, snippet)."""

    def __init__(self, catalogue: Catalogue, settings: Settings,
                 lines: Sequence[str] | Callable[[], Sequence[str]]) -> None:
        self.catalogue = catalogue
        self.settings = settings
        # A file's lines are read only when a finding needs a snippet (a warm run has most
        # files' facts from the cache and no text in memory).
        self._lines = lines
        # Redacted context per window of lines: findings on one line share it (thousands of
        # calls on one 1 MB line were each redacting the whole line again).
        self._snippets: dict[tuple[int, int], tuple[tuple[str, ...], int]] = {}

    @property
    def lines(self) -> Sequence[str]:
        if callable(self._lines):
            self._lines = self._lines()
        return self._lines

    def _snippet(self, span: Span) -> tuple[tuple[str, ...], int]:
        window = (span.line, span.end_line)
        if window not in self._snippets:
            self._snippets[window] = _snippet(self.lines, span)
        return self._snippets[window]

    def finding(self, spec: RuleSpec, hit: Hit) -> Finding:
        snippet, first = self._snippet(hit.span)
        return Finding(
            code=spec.code,
            name=spec.name,
            severity=self.settings.severity.get(spec.code, spec.severity),
            message=redact.redact(spec.format_message(hit.args)),
            span=hit.span,
            fingerprint=fingerprint(
                spec.code, hit.span.path, _span_text(self.lines, hit.span), hit.context
            ),
            context=hit.context,
            fix=redact.redact(hit.fix) if hit.fix else spec.fix or None,
            snippet=snippet,
            snippet_line=first,
            related=tuple(Related(r.span, redact.redact(r.message)) for r in hit.related),
        )


def remember_secrets(facts: FileFacts, lines: Sequence[str]) -> None:
    for secret in facts.of(SecretLiteral):
        raw = _span_text(lines, secret.span).strip().strip("\"'`")
        redact.remember_secret(raw)
