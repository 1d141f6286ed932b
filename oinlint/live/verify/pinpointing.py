"""Step 3: which declared scopes the org refuses, within a request budget (:func:`pinpoint`).

A pure strategy over an ``ask`` callback, so that its request counts can be tested without an
org.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence

__all__ = ["pinpoint"]


def pinpoint(scopes: Sequence[str], budget: int,
             ask: Callable[[list[str]], frozenset[str] | None]) -> dict[str, bool | None]:
    """Which of ``scopes`` are refused, knowing that they are not all granted together.

    ``ask(group)`` is one token request: the granted scopes, or ``None`` when the request is
    refused as a whole (at least one member refused). At most ``budget`` calls are made.

    Every answer narrows two kinds of sets: *suspect* groups known to hold a refusal (the first
    one is all of ``scopes``) and a *pool* of scopes nothing is known about. A suspect group is
    asked about scope by scope; its last scope is refused without a request. When a refusal is
    found, the rest of its group joins the pool, and the pool is asked about in one request
    (usually granted: done) whenever the budget still covers the worst case afterwards.
    Without that speculative request the worst case is exactly one request per scope (the
    information-theoretic minimum), so ``budget`` = N + 1 always suffices; one refused scope at
    position p of N costs p + 1 requests (N - 1 for the last).
    """
    result: dict[str, bool | None] = {}
    suspects: deque[list[str]] = deque([list(scopes)])
    pool: list[str] = []
    used = 0
    while True:
        for group in [g for g in suspects if len(g) == 1]:
            result[group[0]] = False
            suspects.remove(group)
        outstanding = len(pool) + sum(len(g) for g in suspects)
        if outstanding == 0 or used >= budget:
            break
        slack = budget - used - outstanding
        used += 1
        if len(pool) >= 2 and slack >= 1:
            test, pool = pool, []
            granted = ask(test)
            if granted is None:
                suspects.append(test)
            else:
                result.update((s, s in granted) for s in test)
        elif suspects:
            group = suspects[0]
            scope = group[0]
            granted = ask([scope])
            if granted is not None and scope in granted:
                result[scope] = True
                group.pop(0)
            else:
                result[scope] = False
                suspects.popleft()
                pool.extend(group[1:])
        else:
            scope = pool.pop(0)
            granted = ask([scope])
            result[scope] = granted is not None and scope in granted
    for scope in [*pool, *(s for g in suspects for s in g)]:
        result.setdefault(scope, None)
    return result
