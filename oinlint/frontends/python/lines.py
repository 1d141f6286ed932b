"""Line numbering for the Python front end: Python's versus the engine's.

Spans use the engine's numbering (``str.splitlines``); ``tokenize`` and the compiler
count lines differently in the rare file with form feeds or Unicode line separators.
:class:`Lines` converts offsets and Python's positions into the engine's lines and columns.
"""

from __future__ import annotations

import bisect
import re

__all__ = ["Lines"]

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_EXTRA_BREAK = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_ANY_BREAK = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


class Lines:
    """Offsets and positions in the engine's line numbering (``str.splitlines``).

    Python breaks lines only at \\n, \\r\\n and \\r; ``splitlines`` also breaks at
    form feeds, \\x1c-\\x1e, NEL and U+2028/9. Files without those (nearly all) need no
    conversion; the others get their Python positions mapped through offsets.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.py_starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]
        self.same = _EXTRA_BREAK.search(text) is None
        self.starts = (
            self.py_starts if self.same else [0, *(m.end() for m in _ANY_BREAK.finditer(text))]
        )

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        index = bisect.bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index] + 1

    def from_python(self, line: int, column0: int) -> tuple[int, int]:
        """A ``tokenize`` / compiler position (1-based line, 0-based column), 1-based for a Span."""
        if self.same:
            return line, column0 + 1
        start = self.py_starts[min(max(line, 1), len(self.py_starts)) - 1]
        return self.position(start + column0)

    def before(self, line: int, column: int) -> str:
        """Text on ``line`` before 1-based ``column`` (engine numbering)."""
        start = self.starts[line - 1] if 0 < line <= len(self.starts) else 0
        return self.text[start : start + column - 1]
