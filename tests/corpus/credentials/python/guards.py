"""Refuse SSWS API tokens anywhere they could sneak back in."""

from __future__ import annotations

import logging
from collections.abc import Mapping

log = logging.getLogger(__name__)

SSWS_PREFIX = "SSWS "
DEPRECATION = "Authorization: SSWS headers are no longer accepted by acme-sync"


class ApiTokenNotAllowed(ValueError):
    """Raised when a caller passes an SSWS API token instead of an OAuth access token."""


def ensure_bearer(headers: Mapping[str, str]) -> None:
    value = headers.get("Authorization", "")
    if value.startswith(SSWS_PREFIX) or value.upper().startswith("SSWS"):
        log.error("Refusing request with Authorization: SSWS header")
        raise ApiTokenNotAllowed("SSWS scheme is not allowed; use OAuth 2.0 client credentials")
    if not value.startswith("Bearer "):
        raise ApiTokenNotAllowed(f"unexpected authorization scheme: {value.split(' ', 1)[0]!r}")


def scrub(headers: Mapping[str, str]) -> dict[str, str]:
    """Mask the Authorization header before logging it."""
    clean = dict(headers)
    if "Authorization" in clean:
        scheme = clean["Authorization"].split(" ", 1)[0]
        clean["Authorization"] = f"{scheme} ***"
    return clean


def www_authenticate_is_ssws(response_headers: Mapping[str, str]) -> bool:
    return response_headers.get("WWW-Authenticate", "").startswith("SSWS")
