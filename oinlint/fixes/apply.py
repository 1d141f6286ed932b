"""Applying fixes to one file's text: non-overlapping edits in order, the others left out.

A fix is applied whole or not at all: when one of its edits clashes with an edit already
chosen (an earlier fix touches the same lines), the fix waits for the next pass, which works
on the text that the first pass wrote.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

from oinlint.fixes.model import Edit, Fix

__all__ = ["apply_edits", "choose", "unified_diff"]


def choose(fixes: Iterable[Fix]) -> list[Fix]:
    """The fixes whose edits clash with no fix chosen before them (first come, first kept);
    an edit identical to one chosen (two findings with one fix) is not a clash."""
    chosen: list[Fix] = []
    taken: list[Edit] = []
    for fix in fixes:
        fresh = [e for e in fix.edits if e not in taken]
        if any(e.overlaps(t) for e in fresh for t in taken):
            continue
        chosen.append(fix)
        taken.extend(fresh)
    return chosen


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """``text`` with ``edits`` (non-overlapping, lines of the original) applied; an edit given
    twice applies once."""
    lines = text.splitlines(keepends=True)
    unique = list(dict.fromkeys(edits))
    order = sorted(range(len(unique)), key=lambda i: (unique[i].start_line, i))
    out: list[str] = []
    at = 1  # the next original line to copy
    for index in order:
        edit = unique[index]
        out.extend(lines[at - 1 : edit.start_line - 1])
        at = max(at, edit.start_line)
        out.extend(edit.lines)
        at = max(at, edit.end_line)
    out.extend(lines[at - 1 :])
    return "".join(out)


def unified_diff(before: str, after: str, shown: str) -> str:
    """``--diff`` output for one file, like ``git diff`` names it."""
    return "".join(difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True),
        fromfile=f"a/{shown}", tofile=f"b/{shown}"))
