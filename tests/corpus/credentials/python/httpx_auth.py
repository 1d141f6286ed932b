from __future__ import annotations

from collections.abc import Generator

import httpx


class OktaApiTokenAuth(httpx.Auth):
    """httpx auth for tenants still on API tokens."""

    def __init__(self, token: str) -> None:
        self._token = token

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = "SSWS {}".format(self._token)
        yield request


class OktaBearerAuth(httpx.Auth):
    """httpx auth that asks the token cache for a fresh access token on each request."""

    def __init__(self, tokens, org: str) -> None:
        self._tokens = tokens
        self._org = org

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = f"Bearer {self._tokens.get(self._org)}"
        response = yield request
        if response.status_code == 401:
            self._tokens.invalidate(self._org)
            request.headers["Authorization"] = f"Bearer {self._tokens.get(self._org)}"
            yield request


def legacy_client(org: str, token: str) -> httpx.Client:
    return httpx.Client(
        base_url=f"https://{org}",
        headers={"accept": "application/json", "authorization": f"SSWS {token}"},
        timeout=20.0,
    )


def client(org: str, tokens) -> httpx.Client:
    return httpx.Client(base_url=f"https://{org}", auth=OktaBearerAuth(tokens, org), timeout=20.0)
