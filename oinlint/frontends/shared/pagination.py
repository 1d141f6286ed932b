"""Functions that page with another function's help, within one file (OIN502 asks per call).

A list call is followed when the function making it reads the next page itself, or when it
calls a function of the same file that does: ``contains_next(response)`` in a loop,
``self.get_all_pages(self.make_request(…))``, a wrapper handed the URL that walks the links.
The caller's caller pages too (to a few levels): ``sync()`` → ``all_users()`` → ``_paginate()``.
The front ends find the functions that page themselves; this module only adds their callers,
by name, over the file's text, since the walks record no call graph. A name found in a
comment line is not a call.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator

from oinlint.frontends.shared.tidy import context_at

__all__ = ["paging_callers"]

# Levels of callers followed: enough for a wrapper of a wrapper, bounded for huge files.
_ROUNDS = 4
_COMMENT_LINE = re.compile(r"\s*(?:#|//|/\*|\*|--)")
_IDENTIFIER = re.compile(r"[A-Za-z_$][\w$]*[?!]?")


def paging_callers(text: str, ranges: list[tuple[int, int, str]], paging: Iterable[str]
                   ) -> Iterator[tuple[int, int, int, str]]:
    """(line, column, length, context) of one call per function, not itself paging, of a
    function of this file that pages (its context in ``paging``); 1-based lines, 0-based
    columns."""
    known = set(paging)
    todo = set(known)
    starts = _line_starts(text)
    lines = text.split("\n")
    for _ in range(_ROUNDS):
        names = {name for name in (_short(c) for c in todo) if name}
        todo = set()
        if not names:
            return
        pattern = re.compile(r"(?<![\w$])(?:" + "|".join(sorted(map(re.escape, names)))
                             + r")(?![\w$?!])\s*\(")
        for match in pattern.finditer(text):
            line = bisect.bisect_right(starts, match.start())
            if _COMMENT_LINE.match(lines[line - 1]):
                continue
            context = context_at(ranges, line)
            if context in known:
                continue
            known.add(context)
            todo.add(context)
            column = match.start() - starts[line - 1]
            yield line, column, len(match.group(0).rstrip("( \t")), context


def _short(context: str) -> str:
    """A function's own name from its context (``Okta.DirectoryService.contains_next``)."""
    name = context.rsplit(".", 1)[-1].rsplit("#", 1)[-1]
    return name if len(name) > 2 and _IDENTIFIER.fullmatch(name) else ""


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", text))
    return starts

