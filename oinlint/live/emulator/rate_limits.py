"""Okta's rate limits: a request budget per bucket and window, 429 E0000047, X-Rate-Limit-*.

A bucket is the path's first three segments; budgets come from ``rate_limits`` in ``org.yaml``.
"""

from __future__ import annotations

import time

from oinlint.live.emulator.replies import Reply, okta_error
from oinlint.live.emulator.state import OrgState

__all__ = ["RateLimiter", "too_many_requests"]


def too_many_requests(limit: int, reset: int) -> Reply:
        reply = okta_error(429, "E0000047",
                           "API call exceeded rate limit due to too many requests.")
        return (reply.header("X-Rate-Limit-Limit", str(limit))
                .header("X-Rate-Limit-Remaining", "0")
                .header("X-Rate-Limit-Reset", str(reset)))


class RateLimiter(OrgState):
    """Counts requests per bucket and refuses those over the budget."""

    @staticmethod
    def _bucket(path: str) -> str:
        return "/" + "/".join(path.strip("/").split("/")[:3])

    def _rate_limit(self, path: str) -> Reply | None:
        bucket = self._bucket(path)
        limits = self.config.rate_limits
        window = max(1, limits.window_seconds)
        now = int(time.time())
        with self._lock:
            start, count = self._windows.get(bucket, (now - now % window, 0))
            if now >= start + window:
                start, count = now - now % window, 0
            limit = limits.limit_for(bucket)
            reset = start + window
            if count >= limit:
                return too_many_requests(limit, reset)
            self._windows[bucket] = (start, count + 1)
        return None

    def rate_limit_headers(self, path: str) -> list[tuple[str, str]]:
        bucket = self._bucket(path)
        limits = self.config.rate_limits
        with self._lock:
            start, count = self._windows.get(bucket, (int(time.time()), 0))
        limit = limits.limit_for(bucket)
        return [("X-Rate-Limit-Limit", str(limit)),
                ("X-Rate-Limit-Remaining", str(max(0, limit - count))),
                ("X-Rate-Limit-Reset", str(start + max(1, limits.window_seconds)))]
