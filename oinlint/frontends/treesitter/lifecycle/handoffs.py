"""What a file does with the result of another module's function (``TokenHandoff`` facts).

The tree-sitter twin of python/tokenhandoffs.py. A token is often fetched in one module
(``export async function getToken()`` returns it) and kept in another (``main.ts`` hands it to a
``setInterval`` job, a client keeps it on ``this``, a handler asks for one before each call).
The fetching module cannot tell its fate; this file can, but does not know the callee returns a
token. So each call of another module's function whose result is assigned here (the front end's
``handoff_calls``) is traced as if it were a token request, and where the result would be kept
for long, or fetched per loop or per API call, a ``TokenHandoff`` says so. Most of them are about
values that are not tokens; :mod:`oinlint.crossfile` keeps those whose callee returns a fresh
token (``TokenRequest.exported_by``) and drops the rest. A function of more than
``MAX_ASSIGNS`` assignments (generated code) is not searched, and at most ``MAX_TRACED`` calls of
one function are traced: each trace reads the whole function.
"""

from __future__ import annotations

from typing import Final

import tree_sitter as ts

from oinlint.facts import TokenHandoff
from oinlint.frontends.shared.tidy import context_at
from oinlint.frontends.shared.vocabulary import EXPIRES_IN, LIBRARY_EXPIRY
from oinlint.frontends.treesitter.lifecycle.trace import TokenTrace, TokenTracer, caching_of

__all__ = ["handoffs"]

# Where a result kept this way would outlive a token's hour, or be fetched again and again.
_TELLING: Final = frozenset({"instance", "module", "per-org", "function-cache", "none"})
# Each trace reads every assignment of its function: a generated function of thousands of
# assignments from imported calls would cost their square. Token code is never that big.
MAX_ASSIGNS: Final = 300
MAX_TRACED: Final = 64


def handoffs(tracer: TokenTracer) -> list[TokenHandoff]:
    """A ``TokenHandoff`` for each kept result of another module's function (after
    :meth:`~.index.FileIndex.index`)."""
    found: list[TokenHandoff] = []
    traced: dict[int, int] = {}
    for key, (node, callee) in sorted(tracer.a.handoff_calls.items()):
        if key in tracer.token_keys:
            continue
        located = tracer.where.get(tracer.a.key(node))
        if located is None or len(located[0].assigns) > MAX_ASSIGNS:
            continue
        count = traced[id(located[0])] = traced.get(id(located[0]), 0) + 1
        if count > MAX_TRACED:
            continue
        fact = _handoff(tracer, node, callee)
        if fact is not None:
            found.append(fact)
    return found


def _handoff(tracer: TokenTracer, node: ts.Node, callee: str) -> TokenHandoff | None:
    a = tracer.a
    located = tracer.where.get(a.key(node))
    if located is None:
        return None
    fn, loop = located
    trace = tracer.trace(fn, {a.key(node)}, 0, node, loop, TokenTrace(), None)
    if trace.unknown:
        return None  # handed on again: the next caller decides
    caching = caching_of(trace)
    if caching not in _TELLING and trace.held is None:
        return None
    texts = [tracer.expiry_text(f) for f in tracer.related(trace, fn)]
    where = trace.bad[0] if trace.bad else (trace.site or node)
    span = a.span(where)
    return TokenHandoff(
        span, context_at(a.ranges, span.line), callee, caching, held_by=trace.held,
        in_loop=trace.in_loop, per_call=trace.per_call,
        expiry_read=any(EXPIRES_IN.search(t) or LIBRARY_EXPIRY.search(t) for t in texts),
        clock_used=any(tracer.syntax.clock.search(t) or LIBRARY_EXPIRY.search(t)
                       for t in texts))
