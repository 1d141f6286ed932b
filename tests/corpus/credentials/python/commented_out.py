"""Okta user sync (OAuth 2.0 only since v3)."""

import requests

# def legacy_headers(token):
#     return {"Authorization": f"SSWS {token}"}

# client = OktaClient({"orgUrl": ORG, "token": os.environ["OKTA_API_TOKEN"]})

# OKTA_TOKEN = "00FAKE_oinlint_1CxuWiXtJ9DDRdT4IPgF78YoOyt"  # staging token, rotated 2024-03


def list_users(org: str, access_token: str) -> list[dict]:
    # Authorization: Bearer only; Okta API tokens (SSWS) were removed in v3.
    resp = requests.get(f"https://{org}/api/v1/users",
                        headers={"Authorization": f"Bearer {access_token}"}, timeout=30)
    resp.raise_for_status()
    return resp.json()
