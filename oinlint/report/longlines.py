"""How much of a long source line a report shows next to a finding.

A minified bundle or a generated file puts thousands of calls on one line; every finding there
carries that whole line as context, so 2,000 findings on a 100 KB line made a 290 MB text
report. Reports show at most ``CONTEXT_WIDTH`` characters of a context line: on the line the
finding starts on, the part around its column; on the others, the start. ``…`` marks each cut.
The finding's own fields (path, line, column) are untouched: only what is printed is cut.

A line is redacted whole before it is cut, so a cut never splits a secret out of the
redaction's sight; :class:`ContextLines` redacts each distinct line once per report.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from oinlint.facts import Span

__all__ = ["CONTEXT_WIDTH", "ContextLines", "shown_line"]

CONTEXT_WIDTH: Final = 200
_ELLIPSIS: Final = "…"
# On the finding's line, how much of the text before its column stays in view.
_LEAD: Final = CONTEXT_WIDTH // 4


def shown_line(line: str, number: int, span: Span) -> tuple[str, int]:
    """The part of context line ``number`` a report prints, and the offset to subtract from a
    0-based character index of ``line`` to find it in that part (negative when ``…`` was put
    in front). A line of at most ``CONTEXT_WIDTH`` characters is shown whole."""
    if len(line) <= CONTEXT_WIDTH:
        return line, 0
    start = max(0, span.column - 1 - _LEAD) if number == span.line else 0
    end = start + CONTEXT_WIDTH
    head = _ELLIPSIS if start > 0 else ""
    tail = _ELLIPSIS if end < len(line) else ""
    return head + line[start:end] + tail, start - len(head)


class ContextLines:
    """One report's context lines: each distinct line redacted once, then cut to show."""

    def __init__(self, redact: Callable[[str], str]) -> None:
        self._redact = redact
        self._redacted: dict[str, str] = {}

    def shown(self, line: str, number: int, span: Span) -> tuple[str, int]:
        safe = self._redacted.get(line)
        if safe is None:
            safe = self._redacted[line] = self._redact(line)
        return shown_line(safe, number, span)
