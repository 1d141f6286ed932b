"""Small fact-tidying steps that every code front end applies the same way."""

from __future__ import annotations

from oinlint.facts import SecretLiteral, Span

__all__ = ["context_at", "drop_nested_keys"]


def _inside(inner: Span, outer: Span) -> bool:
    return inner != outer and (outer.line, outer.column) <= (inner.line, inner.column) and (
        inner.end_line, inner.end_column) <= (outer.end_line, outer.end_column)


def drop_nested_keys(secrets: list[SecretLiteral]) -> list[SecretLiteral]:
    """One private key in ``"-----BEGIN..." "MII..."`` is one fact, not one per part."""
    keys = [s.span for s in secrets if s.kind == "private-key"]
    if len(keys) < 2:
        return secrets
    return [
        s for s in secrets
        if s.kind != "private-key" or not any(_inside(s.span, outer) for outer in keys)
    ]


def context_at(ranges: list[tuple[int, int, str]], line: int) -> str:
    """The innermost function or class around ``line`` ("" at top level)."""
    best = ""
    best_start = 0
    for start, end, name in ranges:
        if start <= line <= end and start >= best_start:
            best, best_start = name, start
    return best
