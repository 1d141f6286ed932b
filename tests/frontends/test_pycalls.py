"""The Python call collector (``oinlint.frontends.python.calls``): exact ``ApiCall``, ``Unresolved``
and ``ScopeList`` facts for the HTTP libraries, base URLs, wrappers, okta-sdk-python methods
and the places scopes are written; and the look-alikes that must stay silent."""

from __future__ import annotations

from sourcespan import parse, span_of

from oinlint.facts import ApiCall, ScopeList, ScopeRef, Unresolved


def calls(source: str) -> list[ApiCall]:
    return list(parse(source).of(ApiCall))


def call_shapes(source: str) -> list[tuple[str | None, str | None, str, str | None]]:
    return [(c.method, c.path_template, c.via, c.operation_id) for c in calls(source)]


def scope_lists(source: str) -> list[ScopeList]:
    return list(parse(source).of(ScopeList))


# -- HTTP libraries -------------------------------------------------------------------------


def test_requests_module_function_exact_fact() -> None:
    src = """\
        import requests

        def users(org, token):
            return requests.get(f"https://{org}/api/v1/users", headers={"Authorization": token})
        """
    call = 'requests.get(f"https://{org}/api/v1/users", headers={"Authorization": token})'
    assert calls(src) == [ApiCall(span_of(src, call), "users", "GET", "/api/v1/users",
                                  "requests", None, "https://{}")]


def test_import_alias_and_post() -> None:
    src = """\
        import requests as r

        def create(org, body):
            r.post("https://" + org + "/api/v1/users?activate=true", json=body)
        """
    assert call_shapes(src) == [("POST", "/api/v1/users", "requests", None)]


def test_request_with_method_argument() -> None:
    src = """\
        import requests

        def drop(org, uid):
            requests.request("DELETE", f"https://{org}/api/v1/users/{uid}")
        """
    assert call_shapes(src) == [("DELETE", "/api/v1/users/{}", "requests", None)]


def test_session_method() -> None:
    src = """\
        import requests

        session = requests.Session()

        def groups(org):
            return session.get(f"https://{org}/api/v1/groups").json()
        """
    assert call_shapes(src) == [("GET", "/api/v1/groups", "requests", None)]


def test_httpx_client_base_url_and_relative_path_in_with_block() -> None:
    src = """\
        import httpx

        def users(org):
            with httpx.Client(base_url=f"https://{org}/api/v1") as client:
                return client.get("/users", params={"limit": 200}).json()
        """
    assert call_shapes(src) == [("GET", "/api/v1/users", "httpx", None)]


def test_httpx_async_client_post() -> None:
    src = """\
        import httpx

        async def add(org, gid, uid):
            async with httpx.AsyncClient() as client:
                await client.put(f"https://{org}/api/v1/groups/{gid}/users/{uid}")
        """
    assert call_shapes(src) == [("PUT", "/api/v1/groups/{}/users/{}", "httpx", None)]


def test_urllib3_pool_manager_request() -> None:
    src = """\
        import urllib3

        http = urllib3.PoolManager()

        def logs(org):
            return http.request("GET", f"https://{org}/api/v1/logs?since=2024-01-01")
        """
    assert call_shapes(src) == [("GET", "/api/v1/logs", "urllib3", None)]


def test_aiohttp_session_get() -> None:
    src = """\
        import aiohttp

        async def apps(org):
            async with aiohttp.ClientSession() as session:
                async with session.get(f"https://{org}/api/v1/apps") as resp:
                    return await resp.json()
        """
    assert call_shapes(src) == [("GET", "/api/v1/apps", "aiohttp", None)]


def test_base_url_attribute_and_concatenation() -> None:
    src = """\
        import requests

        class Okta:
            def __init__(self, org):
                self.base_url = f"https://{org}/api/v1"
                self.session = requests.Session()

            def groups(self):
                return self.session.get(self.base_url + "/groups").json()
        """
    assert call_shapes(src) == [("GET", "/api/v1/groups", "requests", None)]


def test_str_format_url() -> None:
    src = """\
        import requests

        def user(org, uid):
            return requests.get("https://{}/api/v1/users/{}".format(org, uid))
        """
    assert call_shapes(src) == [("GET", "/api/v1/users/{}", "requests", None)]


def test_module_constant_base() -> None:
    src = """\
        import requests

        def logs():
            return requests.get(BASE + "/logs")

        BASE = "https://acme.okta.com/api/v1"
        """
    assert call_shapes(src) == [("GET", "/api/v1/logs", "requests", None)]


def test_urljoin() -> None:
    src = """\
        from urllib.parse import urljoin
        import requests

        def apps(base):
            return requests.get(urljoin(base, "/api/v1/apps"))
        """
    assert call_shapes(src) == [("GET", "/api/v1/apps", "requests", None)]


def test_runtime_tail_is_unresolved_not_guessed() -> None:
    src = """\
        import requests

        def anything(org, path):
            return requests.get(f"https://{org}/api/v1/{path}")
        """
    facts = parse(src)
    assert list(facts.of(ApiCall)) == []
    assert list(facts.of(Unresolved)) == [Unresolved(
        span_of(src, 'requests.get(f"https://{org}/api/v1/{path}")'), "anything", "api-call",
        "GET /api/v1/{}")]


def test_other_services_are_not_okta_calls() -> None:
    src = """\
        import requests

        def ping(host):
            requests.get(f"https://{host}/health")
            requests.post("https://hooks.slack.com/services/T000/B000", json={})
        """
    facts = parse(src)
    assert list(facts.of(ApiCall)) == [] and list(facts.of(Unresolved)) == []


# -- wrappers -------------------------------------------------------------------------------


def test_in_file_wrapper_call_sites_carry_the_url() -> None:
    src = """\
        import requests

        def paged_get(url, headers):
            while url:
                resp = requests.get(url, headers=headers)
                url = resp.links.get("next", {}).get("url")

        def users(org, h):
            return paged_get(f"https://{org}/api/v1/users", h)
        """
    call = 'paged_get(f"https://{org}/api/v1/users", h)'
    assert calls(src) == [ApiCall(span_of(src, call), "users", "GET", "/api/v1/users",
                                  "wrapper:paged_get", None, "https://{}")]


def test_method_wrapper_on_self() -> None:
    src = """\
        import httpx

        class Api:
            def __init__(self):
                self.client = httpx.Client()

            def _delete(self, url):
                return self.client.delete(url)

            def drop(self, org, uid):
                return self._delete(f"https://{org}/api/v1/users/{uid}")
        """
    assert call_shapes(src) == [("DELETE", "/api/v1/users/{}", "wrapper:_delete", None)]


def test_imported_wrapper_method_from_its_name() -> None:
    src = """\
        from .http import post_json

        def create(org, body):
            return post_json(f"https://{org}/api/v1/groups", body)
        """
    assert call_shapes(src) == [("POST", "/api/v1/groups", "wrapper:post_json", None)]


def test_mapping_get_is_no_wrapper_and_an_unknown_callee_gets_no_method() -> None:
    """``CACHE.get(key)`` does not make ``cached`` a GET wrapper; the call site is still an
    Okta URL handed to an unknown function, so it counts, with no method (never guessed)."""
    src = """\
        CACHE = {}

        def cached(key):
            return CACHE.get(key)

        def users(org):
            return cached(f"https://{org}/api/v1/users")
        """
    assert call_shapes(src) == [(None, "/api/v1/users", "wrapper:cached", None)]


def test_log_messages_are_not_calls() -> None:
    src = """\
        import logging

        log = logging.getLogger(__name__)

        def note(org):
            log.info(f"GET https://{org}/api/v1/users")
        """
    assert calls(src) == []


# -- okta-sdk-python ------------------------------------------------------------------------


def test_sdk_method_on_client_variable() -> None:
    src = """\
        from okta.client import Client as OktaClient

        async def users(config):
            client = OktaClient(config)
            found, resp, err = await client.list_users()
            events, resp, err = await client.list_log_events()
        """
    facts = calls(src)
    assert [(c.method, c.path_template, c.via, c.operation_id) for c in facts] == [
        ("GET", "/api/v1/users", "okta-sdk-python", "listUsers"),
        ("GET", "/api/v1/logs", "okta-sdk-python", "listLogEvents"),
    ]
    assert facts[0].span == span_of(src, "client.list_users()")


def test_sdk_method_through_self_and_factory() -> None:
    src = """\
        from okta.client import Client

        def make(domain):
            return Client({"orgUrl": f"https://{domain}"})

        class Sync:
            def __init__(self, config):
                self.client = Client(config)

            async def run(self, domain):
                await self.client.get_user("me")
                other = make(domain)
                await other.list_groups()
        """
    assert call_shapes(src) == [
        ("GET", "/api/v1/users/{id}", "okta-sdk-python", "getUser"),
        ("GET", "/api/v1/groups", "okta-sdk-python", "listGroups"),
    ]


def test_same_names_on_other_objects_are_not_sdk_calls() -> None:
    src = """\
        from okta.client import Client

        async def run(repo, config):
            client = Client(config)
            await client.close()
            repo.list_users()
        """
    assert calls(src) == []


# -- scopes ---------------------------------------------------------------------------------


def test_token_request_form_dict_scopes_each_with_its_span() -> None:
    src = """\
        import requests

        def token(org, cid, secret):
            return requests.post(
                f"https://{org}/oauth2/v1/token",
                auth=(cid, secret),
                data={"grant_type": "client_credentials",
                      "scope": "okta.users.read okta.logs.read"},
            )
        """
    facts = scope_lists(src)
    assert len(facts) == 1
    assert facts[0].role == "token-request"
    assert facts[0].scopes == (
        ScopeRef("okta.users.read", span_of(src, "okta.users.read")),
        ScopeRef("okta.logs.read", span_of(src, "okta.logs.read")),
    )


def test_token_request_urlencoded_body() -> None:
    src = """\
        import httpx

        def token(org):
            return httpx.post(f"https://{org}/oauth2/v1/token",
                              content="grant_type=client_credentials"
                                      "&scope=okta.apps.read%20okta.groups.read")
        """
    (fact,) = scope_lists(src)
    assert fact.scopes == (
        ScopeRef("okta.apps.read", span_of(src, "okta.apps.read")),
        ScopeRef("okta.groups.read", span_of(src, "okta.groups.read")),
    )


def test_list_joined_with_spaces_and_module_constant() -> None:
    src = """\
        import requests

        SCOPES = ["okta.users.read", "okta.groups.read"]

        def token(org):
            return requests.post(f"https://{org}/oauth2/v1/token",
                                 data={"grant_type": "client_credentials",
                                       "scope": " ".join(SCOPES)})
        """
    facts = scope_lists(src)
    expected = (ScopeRef("okta.users.read", span_of(src, "okta.users.read")),
                ScopeRef("okta.groups.read", span_of(src, "okta.groups.read")))
    assert sorted((f.role, f.scopes) for f in facts) == [
        ("constant", expected), ("token-request", expected)]


def test_sdk_config_scopes() -> None:
    src = """\
        from okta.client import Client

        client = Client({
            "orgUrl": "https://acme.okta.com",
            "authorizationMode": "PrivateKey",
            "scopes": ["okta.users.read", "okta.apps.read"],
        })
        """
    (fact,) = scope_lists(src)
    assert fact.role == "sdk-config"
    assert [r.name for r in fact.scopes] == ["okta.users.read", "okta.apps.read"]
    assert fact.scopes[1].span == span_of(src, "okta.apps.read")


def test_host_names_are_not_scope_constants() -> None:
    src = """\
        OKTA_DOMAIN = "okta.example.com"
        ISSUER = "acme.okta.com"
        SCOPE = "okta.users.read"
        """
    facts = scope_lists(src)
    assert [(f.role, [r.name for r in f.scopes]) for f in facts] == [
        ("constant", ["okta.users.read"])]


def test_wrapper_building_the_url_from_a_path_parameter() -> None:
    src = """\
        import requests

        class Okta:
            def __init__(self, org):
                self.base = f"https://{org}/api/v1"
                self.session = requests.Session()

            def _request(self, method, path, **kw):
                return self.session.request(method, f"{self.base}{path}", **kw)

            def users(self):
                return self._request("GET", "/users")

            def drop(self, uid):
                return self._request("DELETE", f"/users/{uid}")
        """
    facts = parse(src)
    assert [(c.method, c.path_template, c.via) for c in facts.of(ApiCall)] == [
        ("GET", "/api/v1/users", "wrapper:_request"),
        ("DELETE", "/api/v1/users/{}", "wrapper:_request"),
    ]
    assert next(facts.of(ApiCall)).span == span_of(src, 'self._request("GET", "/users")')
    assert list(facts.of(Unresolved)) == []


def test_wrapper_without_call_sites_here_stays_unresolved() -> None:
    src = """\
        import requests

        BASE = "https://acme.okta.com/api/v1"

        def okta_get(path):
            return requests.get(BASE + path)
        """
    facts = parse(src)
    assert list(facts.of(ApiCall)) == []
    assert [u.detail for u in facts.of(Unresolved)] == ["GET /api/v1{}"]
