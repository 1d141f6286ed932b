"""Okta rate limits: on HTTP 429 wait until ``X-Rate-Limit-Reset`` (UTC epoch seconds)."""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx

MAX_WAIT = 60.0


def wait_for_reset(resp: httpx.Response, *, sleep: Callable[[float], None] = time.sleep,
                   now: Callable[[], float] = time.time) -> None:
    reset = resp.headers.get("X-Rate-Limit-Reset", "")
    delay = float(reset) - now() + 1.0 if reset.isdigit() else 1.0
    sleep(min(max(delay, 1.0), MAX_WAIT))
