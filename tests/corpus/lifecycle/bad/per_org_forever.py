"""Token per customer org, kept for the life of the worker."""

import httpx

_TOKENS: dict[str, str] = {}


def _request_token(tenant) -> str:
    resp = httpx.post(f"https://{tenant.domain}/oauth2/v1/token",
                      data={"grant_type": "client_credentials", "scope": "okta.users.read"},
                      auth=(tenant.client_id, tenant.client_secret))
    resp.raise_for_status()
    return resp.json()["access_token"]


def token(tenant) -> str:
    if tenant.domain not in _TOKENS:
        _TOKENS[tenant.domain] = _request_token(tenant)
    return _TOKENS[tenant.domain]
