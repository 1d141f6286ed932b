"""Token-lifecycle facts of the Python front end (oinlint.frontends.python.lifecycle): exact
``TokenRequest`` verdicts for the shapes OIN3xx/OIN40x rest on, and the small transport and
hygiene facts."""

from __future__ import annotations

from typing import Any

import pytest
from sourcespan import parse, span_of

from oinlint.facts import (
    FileFacts,
    HardcodedOrg,
    HttpApiUse,
    RefreshTokenUse,
    ResponseHandling,
    SecretLogged,
    TokenRequest,
    TransportSetting,
    Unresolved,
)

BODY = 'data={"grant_type": "client_credentials", "scope": "okta.users.read"}'





def the_request(source: str) -> TokenRequest:
    found = list(parse(source).of(TokenRequest))
    assert len(found) == 1, found
    return found[0]


def verdict(request: TokenRequest) -> dict[str, Any]:
    return {
        "endpoint_kind": request.endpoint_kind,
        "grant_type": request.grant_type,
        "client_auth": request.client_auth,
        "caching": request.caching,
        "expiry_honoured": request.expiry_honoured,
        "retry_on_401": request.retry_on_401,
        "in_loop": request.in_loop,
        "per_call": request.per_call,
        "via": request.via,
    }


MODULE_TOKEN = f"""
import os
import requests

def get_token():
    r = requests.post(f"https://{{os.environ['ORG']}}/oauth2/v1/token", {BODY},
                      auth=(os.environ["CID"], os.environ["SECRET"]))
    return r.json()["access_token"]

TOKEN = get_token()
"""


def test_module_level_token() -> None:
    request = the_request(MODULE_TOKEN)
    assert verdict(request) == {
        "endpoint_kind": "org", "grant_type": "client_credentials", "client_auth": "basic",
        "caching": "module", "expiry_honoured": False, "retry_on_401": False,
        "in_loop": False, "per_call": False, "via": "http",
    }
    assert (request.span.line, request.span.column, request.span.end_line) == (6, 9, 7)
    assert request.site == span_of(MODULE_TOKEN, "get_token()", 2)
    assert request.url_template == "https://{}/oauth2/v1/token"


CACHE = f"""
import time
import httpx

class Tokens:
    def __init__(self):
        self._cache = {{}}

    def get(self, org, cid, secret):
        hit = self._cache.get(org)
        if hit is None or time.monotonic() >= hit[1]:
            body = self._fetch(org, cid, secret)
            hit = (body["access_token"], time.monotonic() + body["expires_in"] - 300)
            self._cache[org] = hit
        return hit[0]

    def _fetch(self, org, cid, secret):
        return httpx.post(f"https://{{org}}/oauth2/v1/token", {BODY}, auth=(cid, secret)).json()

def users(tokens, org, cid, secret):
    resp = httpx.get(f"https://{{org}}/api/v1/users",
                     headers={{"Authorization": f"Bearer {{tokens.get(org, cid, secret)}}"}})
    if resp.status_code == 401:
        tokens._cache.pop(org, None)
    return resp
"""


def test_per_org_cache_with_expiry_and_401() -> None:
    request = the_request(CACHE)
    assert verdict(request) == {
        "endpoint_kind": "org", "grant_type": "client_credentials", "client_auth": "basic",
        "caching": "per-org", "expiry_honoured": True, "retry_on_401": True,
        "in_loop": False, "per_call": False, "via": "http",
    }
    assert request.expiry_read and request.clock_used
    assert request.site == span_of(CACHE, "self._fetch(org, cid, secret)")


def test_instance_attribute_in_init() -> None:
    request = the_request(f"""
        import requests
        class C:
            def __init__(self, org, cid, secret):
                resp = requests.post(f"https://{{org}}/oauth2/v1/token", {BODY}, auth=(cid, secret))
                self.token = resp.json()["access_token"]
    """)
    assert (request.caching, request.expiry_honoured, request.per_call) == (
        "instance", False, False)


def test_lru_cache_is_a_function_cache() -> None:
    request = the_request(f"""
        import functools, requests
        @functools.lru_cache(maxsize=None)
        def token(org, cid, secret):
            return requests.post(f"https://{{org}}/oauth2/v1/token", {BODY},
                                 auth=(cid, secret)).json()["access_token"]
    """)
    assert request.caching == "function-cache"
    assert not request.clock_used


def test_ttl_cache_counts_as_a_clock_without_expires_in() -> None:
    request = the_request(f"""
        import requests
        from cachetools import TTLCache, cached
        @cached(TTLCache(maxsize=8, ttl=3000))
        def token(org, cid, secret):
            return requests.post(f"https://{{org}}/oauth2/v1/token", {BODY},
                                 auth=(cid, secret)).json()["access_token"]
    """)
    assert (request.caching, request.clock_used, request.expiry_read) == (
        "function-cache", True, False)


PER_CALL = f"""
import requests

def _token(org, cid, secret):
    return requests.post(f"https://{{org}}/oauth2/v1/token", {BODY},
                         auth=(cid, secret)).json()["access_token"]

def get_user(org, cid, secret, uid):
    token = _token(org, cid, secret)
    return requests.get(f"https://{{org}}/api/v1/users/{{uid}}",
                        headers={{"Authorization": f"Bearer {{token}}"}}).json()
"""


def test_token_per_api_call() -> None:
    request = the_request(PER_CALL)
    assert (request.caching, request.per_call, request.in_loop) == ("none", True, False)
    assert request.fetch_sites == (span_of(PER_CALL, "_token(org, cid, secret)", 2),)


LOOP = f"""
import httpx

def token(org, cid, secret):
    return httpx.post(f"https://{{org}}/oauth2/v1/token", {BODY}, auth=(cid, secret)).json()

def suspend_all(org, cid, secret, user_ids):
    for uid in user_ids:
        t = token(org, cid, secret)["access_token"]
        httpx.post(f"https://{{org}}/api/v1/users/{{uid}}/lifecycle/suspend",
                   headers={{"Authorization": f"Bearer {{t}}"}})
"""


def test_token_in_a_loop() -> None:
    request = the_request(LOOP)
    assert request.in_loop and request.per_call
    assert request.fetch_sites == (span_of(LOOP, "token(org, cid, secret)", 2),)


def test_loop_over_tenants_and_retry_loops_are_not_per_item() -> None:
    request = the_request(f"""
        import httpx
        def fetch(org, cid, secret):
            for attempt in range(3):
                r = httpx.post(f"https://{{org}}/oauth2/v1/token", {BODY}, auth=(cid, secret))
                if r.status_code != 429:
                    return r.json()["access_token"]
        def main(tenants):
            for tenant in tenants:
                token = fetch(tenant.domain, tenant.cid, tenant.secret)
                export(tenant, token)
    """)
    assert (request.in_loop, request.per_call, request.caching) == (False, False, "local")


def test_entry_point_with_local_token_is_not_per_call() -> None:
    request = the_request(f"""
        import requests
        def main():
            token = requests.post("https://x/oauth2/v1/token", {BODY}, auth=("a", "b")).json()
            requests.get("https://x/api/v1/users", headers={{"Authorization": "Bearer " + token}})
    """)
    assert (request.caching, request.per_call) == ("local", False)


def test_custom_authorization_server_and_url_span() -> None:
    source = f"""
        import requests
        AS = "aus1abc"
        def token(org, cid, secret):
            return requests.post(f"https://{{org}}/oauth2/{{AS}}/v1/token", {BODY},
                                 auth=(cid, secret))
    """
    request = the_request(source)
    assert request.endpoint_kind == "custom"
    assert request.url_template == "https://{}/oauth2/aus1abc/v1/token"
    assert request.url_span == span_of(source, 'f"https://{org}/oauth2/{AS}/v1/token"')


def test_default_server_and_unknown_server() -> None:
    custom = the_request(f"""
        import httpx
        URL = "https://acme.example/oauth2/default/v1/token"
        def t(c, s):
            return httpx.post(URL, {BODY}, auth=(c, s))
    """)
    unknown = the_request(f"""
        import httpx
        def t(url, c, s):
            return httpx.post(url, {BODY}, auth=(c, s))
    """)
    assert (custom.endpoint_kind, unknown.endpoint_kind) == ("custom", "unknown")
    assert unknown.caching == "unknown"


@pytest.mark.parametrize(("call", "auth"), [
    (f'httpx.post(URL, {BODY}, auth=(cid, secret))', "basic"),
    ('httpx.post(URL, data={"grant_type": "client_credentials", "client_id": cid, '
     '"client_secret": secret})', "body-secret"),
    ('httpx.post(URL, data={"grant_type": "client_credentials", "client_assertion": a, '
     '"client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"})',
     "private-key-jwt"),
    ('httpx.post(URL, data="grant_type=client_credentials", '
     'headers={"Authorization": "Basic " + b64})', "basic"),
])
def test_client_authentication(call: str, auth: str) -> None:
    request = the_request(f"""
        import httpx
        URL = "https://acme.example/oauth2/v1/token"
        def t(cid, secret, a, b64):
            return {call}
    """)
    assert request.client_auth == auth
    assert request.grant_type == "client_credentials"


def test_user_grants_are_recorded_as_such() -> None:
    """A user's sign-in is a token request of its own grant (its refresh token is the user's:
    OIN305 leaves it alone), not followed like a client-credentials token; other grants are
    not recorded."""
    facts = parse("""
        import requests
        def login(org, code):
            return requests.post(f"https://{org}/oauth2/default/v1/token",
                                 data={"grant_type": "authorization_code", "code": code})
        def exchange(org, assertion):
            saml = "urn:ietf:params:oauth:grant-type:saml2-bearer"
            return requests.post(f"https://{org}/oauth2/v1/token",
                                 data={"grant_type": saml, "assertion": assertion})
    """)
    assert [(r.grant_type, r.caching) for r in facts.of(TokenRequest)] == [
        ("authorization_code", "unknown")]


def test_urllib3_post_and_cert_none() -> None:
    source = """
        import urllib3
        http = urllib3.PoolManager(cert_reqs="CERT_NONE")
        def t(org):
            return http.request("POST", f"https://{org}/oauth2/v1/token",
                                fields={"grant_type": "client_credentials"})
    """
    facts = parse(source)
    request = the_request(source)
    assert request.endpoint_kind == "org"
    assert [t.span for t in facts.of(TransportSetting)] == [
        span_of(source, 'cert_reqs="CERT_NONE"')]


def test_authlib_and_httpx_auth_are_library_clients() -> None:
    authlib = the_request("""
        from authlib.integrations.httpx_client import OAuth2Client
        def c(org, cid, secret):
            client = OAuth2Client(cid, secret)
            client.fetch_token(f"https://{org}/oauth2/v1/token", grant_type="client_credentials")
            return client
    """)
    lib = the_request("""
        from httpx_auth import OAuth2ClientCredentials
        auth = OAuth2ClientCredentials("https://acme.example/oauth2/default/v1/token",
                                       client_id="a", client_secret="b")
    """)
    assert (authlib.via, authlib.caching, authlib.endpoint_kind) == ("authlib", "library", "org")
    assert (lib.via, lib.caching, lib.endpoint_kind) == ("httpx-auth", "library", "custom")


def test_requests_oauthlib_session_at_module_level() -> None:
    request = the_request("""
        from oauthlib.oauth2 import BackendApplicationClient
        from requests_oauthlib import OAuth2Session
        session = OAuth2Session(client=BackendApplicationClient(client_id="x"))
        session.fetch_token(token_url="https://acme.example/oauth2/v1/token", client_secret="s",
                            grant_type="client_credentials")
    """)
    assert (request.via, request.caching) == ("requests-oauthlib", "module")


def test_own_fetch_token_function_is_not_oauthlib() -> None:
    assert list(parse("""
        def fetch_token(t):
            return t
        class X:
            def go(self):
                return self.fetch_token(1)
    """).of(TokenRequest)) == []


def test_okta_sdk_bearer_client_at_module_level() -> None:
    request = the_request("""
        from okta.client import Client
        client = Client({"orgUrl": ORG, "authorizationMode": "Bearer", "token": TOKEN})
    """)
    assert (request.via, request.caching) == ("okta-sdk-bearer", "module")


def test_redirects_and_verify_on_token_request() -> None:
    source = f"""
        import requests
        def t(org, c, s):
            return requests.post(f"https://{{org}}/oauth2/v1/token", {BODY}, auth=(c, s),
                                 allow_redirects=True, verify=False)
    """
    facts = parse(source)
    request = the_request(source)
    assert (request.follow_redirects, request.verify_tls) == (True, False)
    settings = {(t.setting, t.target, t.span) for t in facts.of(TransportSetting)}
    assert settings == {
        ("follow-redirects", "token", span_of(source, "allow_redirects=True")),
        ("verify-off", "any", span_of(source, "verify=False")),
    }


def test_transport_settings_elsewhere() -> None:
    source = """
        import ssl, requests, aiohttp
        s = requests.Session()
        s.verify = False
        ctx = ssl.create_default_context()
        ctx.check_hostname = False
        conn = aiohttp.TCPConnector(ssl=False)
        ORG = "http://acme.okta.com"
        LOCAL = "http://127.0.0.1:8080/oauth2/v1/token"
        claims = jwt.decode(tok, verify=False)
    """
    kinds = sorted((t.setting, t.span.line) for t in parse(source).of(TransportSetting))
    assert kinds == [("http-url", 8), ("verify-off", 4), ("verify-off", 6), ("verify-off", 7)]


def test_secret_logged() -> None:
    source = """
        import logging
        log = logging.getLogger(__name__)
        def f(org, access_token, client_secret, body, token_url):
            log.info("token %s for %s", access_token, org)
            print(f"secret={client_secret}")
            log.debug("len %d url %s", len(access_token), token_url)
            raise ValueError("bad " + body["access_token"])
    """
    logged = [(s.name, s.sink, s.span.line) for s in parse(source).of(SecretLogged)]
    assert logged == [("access_token", "log.info", 5), ("client_secret", "print", 6),
                      ("body['access_token']", "ValueError", 8)]


def test_response_handling_and_refresh_tokens() -> None:
    facts = parse("""
        import logging
        def call(resp, body):
            if resp.status_code == 401:
                pass
            if resp.status_code == 401:
                _tokens.pop(org)
            if resp.status_code in (429, 503):
                wait(resp.headers["X-Rate-Limit-Reset"])
            nxt = resp.links.get("next")
            logging.info("no refresh_token for client credentials")
            return body["refresh_token"]
    """)
    kinds = sorted({h.kind for h in facts.of(ResponseHandling)})
    assert kinds == ["401", "401-unanswered", "429", "pagination", "rate-limit-header"]
    assert [r.span.line for r in facts.of(RefreshTokenUse)] == [12]


def test_hardcoded_org_urls() -> None:
    facts = parse("""
        A = "https://acme.okta.com"
        B = "https://example.okta.com/api/v1/users"
        C = "https://{yourOktaDomain}/oauth2/v1/token"
        D = "https://globex.oktapreview.com/oauth2/v1/token"
        E = "acme.okta.com"
    """)
    assert [(o.host, o.span.line) for o in facts.of(HardcodedOrg)] == [
        ("acme.okta.com", 2), ("globex.oktapreview.com", 5)]


def test_unresolved_when_the_fetcher_is_not_called_here() -> None:
    facts = parse(f"""
        import httpx
        def fetch(org, c, s):
            return httpx.post(f"https://{{org}}/oauth2/v1/token", {BODY}, auth=(c, s)).json()
    """)
    assert [u.what for u in facts.of(Unresolved)] == ["token-lifecycle"]
    assert the_request_caching(facts) == "unknown"


def the_request_caching(facts: FileFacts) -> str:
    return next(iter(facts.of(TokenRequest))).caching


def test_http_api_uses() -> None:
    facts = parse(f"""
        import httpx, urllib3
        http = urllib3.PoolManager()
        def f(org, token, uid):
            httpx.post(f"https://{{org}}/oauth2/v1/token", {BODY})
            httpx.get(f"https://{{org}}/api/v1/users?limit=200")
            http.request("DELETE", f"https://{{org}}/api/v1/users/{{uid}}")
            httpx.get("https://status.example/health")
    """)
    uses = [(u.method, u.path, u.span.line, u.context) for u in facts.of(HttpApiUse)]
    assert uses == [("GET", "/api/v1/users", 6, "f"), ("DELETE", "/api/v1/users/{}", 7, "f")]
