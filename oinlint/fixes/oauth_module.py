"""The module the SSWS fix writes once per project: OAuth client credentials for Okta calls.

The fixed code imports an auth object from it instead of building ``Authorization: SSWS …``:
``OktaAuth`` (a ``requests.auth.AuthBase``) and ``OktaHttpxAuth`` (an ``httpx.Auth``, sync and
async), each only when the project already uses that library, so that the module needs nothing
else (pyjwt only for ``private_key_jwt``, imported when that is configured). The org is the
one each request goes to (the code's own URL stays), the token comes from the org
authorization server with exactly the scopes the project's calls need, and it is cached until
shortly before ``expires_in``, fetched again once on a 401, and a 429 waits for
``X-Rate-Limit-Reset`` (bounded). The text passes ``oinlint check`` itself (a test runs it).
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["HTTPX_AUTH", "MODULE_NAME", "REQUESTS_AUTH", "render_module"]

MODULE_NAME = "okta_oauth"
REQUESTS_AUTH = "OktaAuth"
HTTPX_AUTH = "OktaHttpxAuth"

_HEAD = '''\
"""OAuth 2.0 client credentials for the Okta API (written by `oinlint check --fix`).

It replaces an Okta API token (SSWS): each request gets `Authorization: Bearer <token>`,
a client-credentials token from the org authorization server (`{{org}}/oauth2/v1/token`)
of the org the request goes to, with the scopes in SCOPES.

Configuration (environment):
  OKTA_CLIENT_ID         the service app's client id (always)
  OKTA_CLIENT_SECRET     its client secret (client_secret_basic, as OIN instances use)
  OKTA_PRIVATE_KEY_FILE  a PEM key registered on the app: private_key_jwt instead
  OKTA_KEY_ID            that key's kid (optional; private_key_jwt needs pyjwt)

Tokens are cached per org until shortly before `expires_in`; a 401 fetches a new one
once; a 429 waits until `X-Rate-Limit-Reset` (at most MAX_RATE_LIMIT_WAIT seconds) and
retries. The token request never follows redirects.
"""

from __future__ import annotations

{stdlib}
{third}
__all__ = [{exports}]

# The scopes the project's Okta calls need (from `oinlint check --show-scopes`).
SCOPES = "{scopes}"
TOKEN_PATH = "/oauth2/v1/token"
RENEW_BEFORE_EXPIRY = 300  # seconds before expires_in ends that a token is renewed
MAX_RATE_LIMIT_WAIT = 60.0  # seconds: the longest wait for X-Rate-Limit-Reset
MAX_RETRIES = 3  # per request: one new token on 401, the rest for 429
TIMEOUT = 30.0  # seconds, per HTTP request


def _origin(url: Any) -> str:
    """`https://acme.okta.com` of a request URL: the org whose token it needs."""
    parts = urlsplit(str(url))
    return f"{{parts.scheme}}://{{parts.netloc}}"


def _rate_limit_wait(headers: Any) -> float:
    """Seconds until X-Rate-Limit-Reset (epoch seconds), at least 1, at most the cap."""
    try:
        reset = float(headers.get("X-Rate-Limit-Reset", ""))
    except ValueError:
        return 1.0
    return min(max(reset - time.time(), 1.0), MAX_RATE_LIMIT_WAIT)


def _token_request(token_url: str) -> tuple[dict[str, str], dict[str, str]]:
    """The form and headers of a client-credentials request: private_key_jwt when
    OKTA_PRIVATE_KEY_FILE is set, else client_secret_basic."""
    client_id = os.environ["OKTA_CLIENT_ID"]
    form = {{"grant_type": "client_credentials", "scope": SCOPES}}
    headers = {{"Accept": "application/json"}}
    key_file = os.environ.get("OKTA_PRIVATE_KEY_FILE")
    if key_file:
        import jwt  # pyjwt, needed only for private_key_jwt

        with open(key_file, "rb") as handle:
            key = handle.read()
        now = int(time.time())
        claims = {{"iss": client_id, "sub": client_id, "aud": token_url, "iat": now,
                  "exp": now + 300, "jti": uuid.uuid4().hex}}
        kid = os.environ.get("OKTA_KEY_ID")
        form["client_assertion_type"] = (
            "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
        form["client_assertion"] = jwt.encode(claims, key, algorithm="RS256",
                                              headers={{"kid": kid}} if kid else None)
    else:
        secret = os.environ["OKTA_CLIENT_SECRET"]
        pair = f"{{quote(client_id, safe='')}}:{{quote(secret, safe='')}}"
        headers["Authorization"] = "Basic " + base64.b64encode(pair.encode()).decode()
    return form, headers


class _TokenCache:
    """Access tokens per org, each until shortly before its expires_in."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._tokens: dict[str, tuple[str, float]] = {{}}

    def get(self, origin: str) -> str | None:
        with self._lock:
            entry = self._tokens.get(origin)
        if entry is None or time.monotonic() >= entry[1]:
            return None
        return entry[0]

    def store(self, origin: str, payload: Any) -> str:
        token = str(payload["access_token"])
        lifetime = float(payload.get("expires_in", 3600))
        renew_at = time.monotonic() + max(lifetime - RENEW_BEFORE_EXPIRY, lifetime / 2)
        with self._lock:
            self._tokens[origin] = (token, renew_at)
        return token

    def drop(self, origin: str, token: str) -> None:
        with self._lock:
            if self._tokens.get(origin, ("", 0.0))[0] == token:
                del self._tokens[origin]


_TOKENS = _TokenCache()


class OktaTokenError(RuntimeError):
    """The org authorization server refused the token request (the message says why)."""


def _check_token_response(status: int, payload: Any) -> Any:
    if status != 200 or not isinstance(payload, dict) or "access_token" not in payload:
        error = payload.get("error", "") if isinstance(payload, dict) else ""
        raise OktaTokenError(f"token request failed: HTTP {{status}} {{error}}".strip())
    return payload
'''

_REQUESTS = '''

class {name}(requests.auth.AuthBase):
    """requests: `requests.get(url, auth={name}())`, `session.auth = {name}()`."""

    def __init__(self, org_url: str | None = None) -> None:
        self.org_url = org_url.rstrip("/") if org_url else None

    def _token(self, origin: str) -> str:
        cached = _TOKENS.get(origin)
        if cached is not None:
            return cached
        token_url = origin + TOKEN_PATH
        for _ in range(MAX_RETRIES):
            form, headers = _token_request(token_url)
            response = requests.post(token_url, data=form, headers=headers,
                                     timeout=TIMEOUT, allow_redirects=False)
            if response.status_code != 429:
                break
            time.sleep(_rate_limit_wait(response.headers))
        payload = response.json() if response.content else {{}}
        checked = _check_token_response(response.status_code, payload)
        return _TOKENS.store(origin, checked)

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        origin = self.org_url or _origin(request.url)
        self._authorize(request, origin)
        request.register_hook("response", self._retry)
        return request

    def _authorize(self, request: requests.PreparedRequest, origin: str) -> None:
        request.headers["Authorization"] = f"Bearer {{self._token(origin)}}"

    def _retry(self, response: requests.Response, **kwargs: Any) -> requests.Response:
        """A 401 gets one new token, a 429 waits for X-Rate-Limit-Reset; sent again."""
        origin = self.org_url or _origin(response.request.url)
        renewed = False
        for _ in range(MAX_RETRIES):
            if response.status_code == 401 and not renewed:
                sent = str(response.request.headers.get("Authorization", ""))
                _TOKENS.drop(origin, sent.removeprefix("Bearer "))
                renewed = True
            elif response.status_code == 429:
                time.sleep(_rate_limit_wait(response.headers))
            else:
                break
            response.close()
            request = response.request.copy()
            self._authorize(request, origin)
            again = response.connection.send(request, **kwargs)
            again.history.append(response)
            again.request = request
            response = again
        return response
'''

_HTTPX = '''

class {name}(httpx.Auth):
    """httpx auth, sync and async: `httpx.Client(auth={name}())`."""

    def __init__(self, org_url: str | None = None) -> None:
        self.org_url = org_url.rstrip("/") if org_url else None

    def _sync_token(self, origin: str) -> str:
        cached = _TOKENS.get(origin)
        if cached is not None:
            return cached
        token_url = origin + TOKEN_PATH
        with httpx.Client(timeout=TIMEOUT, follow_redirects=False) as client:
            for _ in range(MAX_RETRIES):
                form, headers = _token_request(token_url)
                response = client.post(token_url, data=form, headers=headers)
                if response.status_code != 429:
                    break
                time.sleep(_rate_limit_wait(response.headers))
        payload = response.json() if response.content else {{}}
        checked = _check_token_response(response.status_code, payload)
        return _TOKENS.store(origin, checked)

    async def _async_token(self, origin: str) -> str:
        cached = _TOKENS.get(origin)
        if cached is not None:
            return cached
        token_url = origin + TOKEN_PATH
        async with httpx.AsyncClient(timeout=TIMEOUT, follow_redirects=False) as client:
            for _ in range(MAX_RETRIES):
                form, headers = _token_request(token_url)
                response = await client.post(token_url, data=form, headers=headers)
                if response.status_code != 429:
                    break
                await asyncio.sleep(_rate_limit_wait(response.headers))
        payload = response.json() if response.content else {{}}
        checked = _check_token_response(response.status_code, payload)
        return _TOKENS.store(origin, checked)

    def sync_auth_flow(
            self, request: httpx.Request,
    ) -> Generator[httpx.Request, httpx.Response, None]:
        origin = self.org_url or _origin(request.url)
        token = self._sync_token(origin)
        request.headers["Authorization"] = f"Bearer {{token}}"
        response = yield request
        renewed = False
        for _ in range(MAX_RETRIES):
            if response.status_code == 401 and not renewed:
                _TOKENS.drop(origin, token)
                token = self._sync_token(origin)
                renewed = True
            elif response.status_code == 429:
                time.sleep(_rate_limit_wait(response.headers))
            else:
                return
            request.headers["Authorization"] = f"Bearer {{token}}"
            response = yield request

    async def async_auth_flow(
            self, request: httpx.Request,
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        origin = self.org_url or _origin(request.url)
        token = await self._async_token(origin)
        request.headers["Authorization"] = f"Bearer {{token}}"
        response = yield request
        renewed = False
        for _ in range(MAX_RETRIES):
            if response.status_code == 401 and not renewed:
                _TOKENS.drop(origin, token)
                token = await self._async_token(origin)
                renewed = True
            elif response.status_code == 429:
                await asyncio.sleep(_rate_limit_wait(response.headers))
            else:
                return
            request.headers["Authorization"] = f"Bearer {{token}}"
            response = yield request
'''


def render_module(scopes: Iterable[str], *, requests_auth: bool, httpx_auth: bool) -> str:
    """The module's text: the token cache, and the auth class of each library asked for."""
    stdlib = ["import base64", "import os", "import threading", "import time", "import uuid",
              "from typing import Any", "from urllib.parse import quote, urlsplit"]
    third: list[str] = []
    exports = ["OktaTokenError", "SCOPES"]
    if httpx_auth:
        stdlib[:0] = ["import asyncio"]
        stdlib.insert(-2, "from collections.abc import AsyncGenerator, Generator")
        third.append("import httpx")
        exports.append(HTTPX_AUTH)
    if requests_auth:
        third.extend(["import requests", "import requests.auth"])
        exports.append(REQUESTS_AUTH)
    text = _HEAD.format(stdlib="\n".join(stdlib),
                        third=("\n" + "\n".join(sorted(third)) + "\n") if third else "",
                        exports=", ".join(f'"{e}"' for e in sorted(exports)),
                        scopes=" ".join(sorted(set(scopes))))
    if requests_auth:
        text += _REQUESTS.format(name=REQUESTS_AUTH)
    if httpx_auth:
        text += _HTTPX.format(name=HTTPX_AUTH)
    return text
