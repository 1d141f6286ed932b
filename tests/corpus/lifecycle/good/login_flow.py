"""Admin console sign-in (authorization code with PKCE): not the API service token."""

import requests


def exchange_code(domain: str, client_id: str, code: str, verifier: str, redirect_uri: str) -> dict:
    resp = requests.post(f"https://{domain}/oauth2/default/v1/token", data={
        "grant_type": "authorization_code",
        "client_id": client_id,
        "code": code,
        "code_verifier": verifier,
        "redirect_uri": redirect_uri,
    })
    resp.raise_for_status()
    return resp.json()


def refresh(domain: str, client_id: str, refresh_token: str) -> dict:
    resp = requests.post(f"https://{domain}/oauth2/default/v1/token", data={
        "grant_type": "refresh_token", "client_id": client_id, "refresh_token": refresh_token,
    })
    return resp.json()
