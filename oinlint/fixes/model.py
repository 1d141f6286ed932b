"""A fix: line edits on one file's original text, what rule it answers, and whether it is safe.

Edits are line ranges of the text as it was read (1-based, ``end_line`` exclusive, so an
insertion is an empty range), each with the whole lines that replace it. Working on whole
lines of the original keeps every other byte (comments, blank lines, other entries) as written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["Edit", "Fix"]


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace lines ``start_line`` .. ``end_line - 1`` with ``lines`` (each with its own line
    ending). ``start_line == end_line`` inserts before ``start_line``."""

    start_line: int
    end_line: int
    lines: tuple[str, ...]

    def overlaps(self, other: Edit) -> bool:
        """Two edits clash when they replace a common line, or one inserts inside the other's
        replaced range; two insertions at one place do not (they apply in order)."""
        if self.start_line == self.end_line and other.start_line == other.end_line:
            return False
        if self.start_line == self.end_line:
            return other.start_line < self.start_line < other.end_line
        if other.start_line == other.end_line:
            return self.start_line < other.start_line < self.end_line
        return self.start_line < other.end_line and other.start_line < self.end_line


@dataclass(frozen=True, slots=True)
class Fix:
    """What ``--fix`` would do for one finding (``code`` at ``line``:``column`` of ``shown``).

    ``safe``: the fix changes nothing the analysis could not see; an unsafe one (it changes
    behaviour, or needs the analysis to be complete where it is not) needs ``--unsafe-fixes``.
    ``path`` is the file written, ``shown`` the finding's path as the run names it.
    ``creates``: the file does not exist yet and the fix writes it (its one edit inserts
    the whole text); it is never written over a file that appeared meanwhile.
    """

    code: str
    path: Path
    shown: str
    line: int
    column: int
    edits: tuple[Edit, ...]
    safe: bool
    title: str
    creates: bool = False

    @property
    def key(self) -> tuple[str, str, int, int]:
        """The finding this fix answers: code, path as shown, line, column."""
        return (self.code, self.shown, self.line, self.column)
