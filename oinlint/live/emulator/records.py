"""What the emulator remembers of its traffic: requests, token requests and issued tokens.

Integration authors' tests read these (``org.requests``, ``org.token_requests``,
``org.issued``); a record never holds a header's or a body's value, only names and outcomes.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["IssuedToken", "RequestRecord", "TokenRequestRecord"]


@dataclass(frozen=True, slots=True)
class RequestRecord:
    """One request the emulator received: never the values of headers or bodies."""

    method: str
    path: str
    status: int
    header_names: frozenset[str]
    client_id: str | None = None

    @property
    def had_authorization(self) -> bool:
        return "authorization" in self.header_names


@dataclass(frozen=True, slots=True)
class TokenRequestRecord:
    """One call of ``/oauth2/v1/token`` and how the org answered it."""

    client_id: str | None
    auth_method: str | None
    scopes: tuple[str, ...]
    status: int
    error: str | None
    granted: tuple[str, ...]
    dpop: bool


@dataclass
class IssuedToken:
    """One access token the org minted (through the token endpoint or ``issue_token``)."""

    token: str
    client_id: str
    scopes: tuple[str, ...]
    issued_at: float
    jkt: str | None
