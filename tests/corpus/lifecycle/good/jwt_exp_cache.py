import time

import httpx
import jwt

_tokens: dict[str, str] = {}


def _expired(token: str) -> bool:
    claims = jwt.decode(token, options={"verify_signature": False})
    return claims["exp"] - 300 <= time.time()


def access_token(domain: str, client_id: str, secret: str) -> str:
    token = _tokens.get(domain)
    if token is None or _expired(token):
        resp = httpx.post(f"https://{domain}/oauth2/v1/token", auth=(client_id, secret),
                          data={"grant_type": "client_credentials", "scope": "okta.users.read"})
        resp.raise_for_status()
        token = resp.json()["access_token"]
        _tokens[domain] = token
    return token


def forget(domain: str) -> None:
    _tokens.pop(domain, None)


def get(domain: str, client_id: str, secret: str, path: str) -> httpx.Response:
    resp = httpx.get(f"https://{domain}{path}",
                     headers={"Authorization": f"Bearer {access_token(domain, client_id, secret)}"})
    if resp.status_code == httpx.codes.UNAUTHORIZED:
        forget(domain)
        resp = httpx.get(f"https://{domain}{path}",
                         headers={"Authorization": f"Bearer {access_token(domain, client_id, secret)}"})
    return resp
