"""Celery-style tasks: every task fetches a token for its one call."""

import requests


def fetch_token(tenant) -> str:
    r = requests.post(f"https://{tenant.domain}/oauth2/v1/token",
                      data={"grant_type": "client_credentials", "scope": "okta.users.manage"},
                      auth=(tenant.client_id, tenant.client_secret), timeout=10)
    r.raise_for_status()
    return r.json()["access_token"]


def deactivate_user(tenant, user_id: str) -> None:
    token = fetch_token(tenant)
    r = requests.post(f"https://{tenant.domain}/api/v1/users/{user_id}/lifecycle/deactivate",
                      headers={"Authorization": f"Bearer {token}"}, timeout=30)
    r.raise_for_status()
