"""A reply of the emulated org before it reaches the socket, and Okta's error bodies.

Every part of the org answers with a :class:`Reply`; ``oauth_error`` is the token endpoint's
RFC 6749 error shape, ``okta_error`` the management API's ``errorCode``/``errorSummary`` shape.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Reply", "json_reply", "oauth_error", "okta_error"]


@dataclass
class Reply:
    """Status, body and headers, plus how to deliver them (delay, drop) and to whom."""

    status: int
    body: bytes = b""
    headers: list[tuple[str, str]] = field(default_factory=list)
    delay: float = 0.0
    drop: bool = False
    client_id: str | None = None

    def header(self, name: str, value: str) -> Reply:
        self.headers.append((name, value))
        return self


def json_reply(status: int, payload: Any) -> Reply:
    body = json.dumps(payload, separators=(",", ":")).encode("utf-8")
    return Reply(status, body, [("Content-Type", "application/json")])


def oauth_error(status: int, error: str, description: str) -> Reply:
    reply = json_reply(status, {"error": error, "error_description": description})
    return reply.header("Cache-Control", "no-store").header("Pragma", "no-cache")


def okta_error(status: int, code: str, summary: str,
               causes: Iterable[str] = ()) -> Reply:
    return json_reply(status, {
        "errorCode": code,
        "errorSummary": summary,
        "errorLink": code,
        "errorId": "oae" + secrets.token_hex(11),
        "errorCauses": [{"errorSummary": c} for c in causes],
    })
