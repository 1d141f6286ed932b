"""What a file does with the result of another module's function (a token collector layer).

A token is often fetched in one module (``auth.get_token()`` returns it) and kept in another
(``main()`` holds it for a ``while True`` loop, a client stores it on ``self``, a handler asks
for one before each call). The fetching module cannot tell its fate; this file can, but does
not know the callee returns a token. So every call of another module's function whose result
is assigned here is traced as if it were a token request, and where the result would be kept
for long, or fetched per loop or per API call, a ``TokenHandoff`` says so. Most of them are
about values that are not tokens; :mod:`oinlint.crossfile` keeps those whose callee returns a
fresh token (``TokenRequest.exported_by``) and drops the rest. A function of more than
``MAX_ASSIGNS`` assignments (generated code) is not searched, and at most ``MAX_TRACED`` calls
of one function are traced: each trace reads the whole function.
"""

from __future__ import annotations

from typing import Final

from oinlint.facts import Fact, TokenHandoff
from oinlint.frontends.python import tree
from oinlint.frontends.python.tokentrace import TokenTrace, token_caching
from oinlint.frontends.python.tokenwalk import FunctionRecord, RequestCandidate

__all__ = ["TokenHandoffs"]

# Where a result kept this way would outlive a token's hour, or be fetched again and again.
_TELLING: Final = frozenset({"instance", "module", "per-org", "function-cache", "none"})
# Each trace reads every assignment of its function: a generated function of thousands of
# assignments from imported calls would cost their square. Token code is never that big.
MAX_ASSIGNS: Final = 300
MAX_TRACED: Final = 64


def _assigned_calls(func: FunctionRecord) -> set[int]:
    """The calls whose result an assignment of ``func`` takes or an HTTP call of it sends:
    ``x = f()``, ``x = await f()``, ``x = Client(f())``, ``headers = {"Authorization":
    f"Bearer {f()}"}``, ``requests.get(url, headers={"Authorization": "Bearer " + f()})``."""
    found: set[int] = set()
    for _, value in func.assigns:
        _nested_calls(value, found)
    for call, _ in func.http:
        for arg in call.args:
            _nested_calls(arg.value, found)
    return found


# The expressions a token's value passes through on its way into a header or an argument
_CARRIERS: Final = (tree.Await, tree.Dict, tree.DictElement, tree.FormattedString,
                    tree.FormattedStringExpression, tree.BinaryOperation, tree.Arg,
                    tree.Tuple, tree.List, tree.Element, tree.ConcatenatedString)


def _nested_calls(value: tree.BaseExpression, found: set[int]) -> None:
    """``value`` and the calls inside it through the expressions a value is built with
    (depth-limited; lambdas and comprehensions are not entered)."""
    stack: list[tuple[tree.Node, int]] = [(value, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, tree.Call):
            found.add(id(node))
            if depth < 6:
                stack.extend((arg, depth + 1) for arg in node.args)
        elif isinstance(node, _CARRIERS) and depth < 6:
            stack.extend((child, depth + 1) for child in node.children)


class TokenHandoffs(TokenTrace):
    """``TokenHandoff`` facts for the calls of other modules' functions (after the walk)."""

    def handoffs(self) -> list[Fact]:
        found: list[Fact] = []
        callees = self.primary.callees
        if not callees:
            return found
        for func in (self.module, *self.funcs):
            if len(func.assigns) > MAX_ASSIGNS:
                continue
            assigned = _assigned_calls(func)
            traced = 0
            for site in func.sites:
                key = id(site.call)
                callee = callees.get(key)
                if callee is None or key not in assigned or key in self.token_calls:
                    continue
                traced += 1
                if traced > MAX_TRACED:
                    break
                fact = self._handoff(func, site.call, site.loop, site.guarded, callee)
                if fact is not None:
                    found.append(fact)
        return found

    def _handoff(self, func: FunctionRecord, call: tree.Call, loop: bool, guarded: bool,
                 callee: str) -> TokenHandoff | None:
        candidate = RequestCandidate(call, func, func.scope, "imported", loop, guarded)
        trace = self._trace(func, {id(call)}, 0, candidate)
        if trace.unknown:
            return None  # handed on again: the next caller decides
        caching = token_caching(trace)
        if caching not in _TELLING and trace.held is None:
            return None
        related = self._related(trace, func)
        where = trace.bad[0] if trace.bad else (trace.site or call)
        return TokenHandoff(
            self.primary.span(where), func.context, callee, caching, held_by=trace.held,
            in_loop=trace.in_loop, per_call=trace.per_call,
            expiry_read=any("expires" in f.flags for f in related),
            clock_used=any("clock" in f.flags for f in related))
