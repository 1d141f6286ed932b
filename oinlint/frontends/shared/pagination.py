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
from collections.abc import Callable, Iterable, Iterator

from oinlint.facts import ResponseHandling, Span

__all__ = ["paging_callers"]

# Levels of callers followed: enough for a wrapper of a wrapper, bounded for huge files.
_ROUNDS = 4
_COMMENT_LINE = re.compile(rb"[ \t]*(?:#|//|/\*|\*|--)")
_IDENTIFIER = re.compile(r"[A-Za-z_$][\w$]*[?!]?")


def paging_callers(path: str, data: bytes, context_of: Callable[[int, int], str],
                   facts: Iterable[object]) -> Iterator[ResponseHandling]:
    """A ``pagination`` fact at one call per function, not itself paging, of a function of
    this file that pages (one with a ``pagination`` fact among ``facts``). ``context_of``:
    the function around a byte offset of ``data`` (the file's UTF-8 bytes) on a 1-based line
    (the front end answers by whichever it keeps)."""
    known = {f.context for f in facts
             if isinstance(f, ResponseHandling) and f.kind == "pagination"}
    todo = set(known)
    starts = [0, *(m.end() for m in re.finditer(b"\n", data))]
    for _ in range(_ROUNDS):
        names = {name for name in (_short(c) for c in todo) if name}
        todo = set()
        if not names:
            return
        pattern = re.compile(rb"(?<![\w$])(?:" + b"|".join(
            re.escape(n.encode()) for n in sorted(names)) + rb")(?![\w$?!])\s*\(")
        for match in pattern.finditer(data):
            line = bisect.bisect_right(starts, match.start())
            if _COMMENT_LINE.match(data, starts[line - 1]):
                continue
            context = context_of(match.start(), line)
            if context in known:
                continue
            known.add(context)
            todo.add(context)
            column = len(data[starts[line - 1]:match.start()].decode("utf-8", "replace")) + 1
            length = len(match.group(0).rstrip(b"( \t"))
            yield ResponseHandling(Span(path, line, column, line, column + length), context,
                                   "pagination")


def _short(context: str) -> str:
    """A function's own name from its context (``Okta.DirectoryService.contains_next``)."""
    name = context.rsplit(".", 1)[-1].rsplit("#", 1)[-1]
    return name if len(name) > 2 and _IDENTIFIER.fullmatch(name) else ""
