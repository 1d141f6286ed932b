"""The few Okta Management API reads the access review needs, for one org."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import httpx

from .credentials import OrgCredentials
from .ratelimit import wait_for_reset
from .tokens import TokenCache


class OktaApiError(RuntimeError):
    """An Okta API call kept failing (rate limited or unauthorized after a fresh token)."""


class OktaApi:
    def __init__(self, org: OrgCredentials, tokens: TokenCache, http: httpx.Client,
                 max_attempts: int = 5) -> None:
        self._org = org
        self._tokens = tokens
        self._http = http
        self._max_attempts = max_attempts

    def _get(self, url: str, params: dict[str, str | int] | None) -> httpx.Response:
        refreshed = False
        for _ in range(self._max_attempts):
            token = self._tokens.access_token(self._org)
            resp = self._http.get(url, params=params, headers={
                "Authorization": f"Bearer {token}", "Accept": "application/json"})
            if resp.status_code == 401 and not refreshed:
                self._tokens.invalidate(self._org)  # revoked or expired early: one new token
                refreshed = True
                continue
            if resp.status_code == 429:
                wait_for_reset(resp)
                continue
            resp.raise_for_status()
            return resp
        raise OktaApiError(f"GET {url} failed after {self._max_attempts} attempts")

    def paginate(self, path: str, params: dict[str, str | int]) -> Iterator[dict]:
        """Every item of a list endpoint, following ``Link: <…>; rel="next"``."""
        url: str | None = f"https://{self._org.domain}{path}"
        query: dict[str, str | int] | None = params
        while url:
            resp = self._get(url, query)
            yield from resp.json()
            url = resp.links.get("next", {}).get("url")
            query = None  # the next link carries the cursor and the query

    def users(self) -> Iterator[dict]:
        return self.paginate("/api/v1/users", {"limit": 200})

    def groups(self) -> Iterator[dict]:
        return self.paginate("/api/v1/groups", {"limit": 200})

    def group_members(self, group_id: str) -> Iterator[dict]:
        return self.paginate(f"/api/v1/groups/{group_id}/users", {"limit": 200})

    def sign_ins(self, since: dt.datetime, until: dt.datetime) -> Iterator[dict]:
        return self.paginate("/api/v1/logs", {
            "since": since.strftime("%Y-%m-%dT%H:%M:%SZ"),  # UTC
            "until": until.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "filter": 'eventType eq "user.session.start"',
            "limit": 1000,
        })
