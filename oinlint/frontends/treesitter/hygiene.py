"""The hygiene pass: code that answers HTTP 429, reads Okta's rate-limit headers or follows
``Link: rel="next"``, as ``ResponseHandling`` facts (OIN501 asks whether *any* file of the
project answers 429, so a shared retry helper in another module counts; OIN502 asks whether
the function making a list call pages, itself, with a pager or through a function of the
file that does: :mod:`oinlint.frontends.shared.pagination`).

Runs after the walk on every language with a transport syntax table, over the file's bytes
(the words are :mod:`oinlint.frontends.shared.vocabulary`'s): a match in a comment or inside a
log, print or exception message is text, not handling. One fact per kind and function is
enough for a project rule, so later matches in the same function are skipped.
"""

from __future__ import annotations

import bisect
import re

import tree_sitter as ts

from oinlint.facts import ResponseHandling, ResponseKind
from oinlint.frontends.shared.pagination import paging_callers
from oinlint.frontends.shared.vocabulary import (
    NEXT_LINK,
    PAGE_CURSOR,
    PAGER_CALL,
    RATE_LIMIT_HEADER,
    RATE_LIMIT_STATUS,
)
from oinlint.frontends.treesitter.analyzer import Analyzer
from oinlint.frontends.treesitter.walk import in_message

__all__ = ["response_handling"]

_KINDS: tuple[tuple[re.Pattern[bytes], ResponseKind], ...] = (
    (RATE_LIMIT_STATUS, "429"),
    (RATE_LIMIT_HEADER, "rate-limit-header"),
    (NEXT_LINK, "pagination"),
    (PAGE_CURSOR, "pagination"),
    (PAGER_CALL, "pagination"),
)


def response_handling(a: Analyzer, root: ts.Node, functions: frozenset[str],
                      calls: frozenset[str]) -> None:
    """Add a ResponseHandling fact for each kind of handling, once per function."""
    comments = sorted(a.comment_ranges)
    seen: set[tuple[str, str]] = set()
    for pattern, kind in _KINDS:
        for match in pattern.finditer(a.data):
            start = match.start()
            index = bisect.bisect_right(comments, (start, 1 << 62)) - 1
            if index >= 0 and comments[index][0] <= start < comments[index][1]:
                continue
            node = root.descendant_for_byte_range(start, match.end())
            if node is None or in_message(a, node, functions, calls):
                continue
            span = a.span_bytes(start, match.end())
            context = a.offsets.context(start)
            if (kind, context) in seen:
                continue
            seen.add((kind, context))
            a.facts.append(ResponseHandling(span, context, kind))
    if any(kind == "pagination" for kind, _ in seen):
        by_offset = a.offsets.context
        a.facts.extend(paging_callers(a.path, a.data, lambda offset, _: by_offset(offset),
                                      a.facts))
