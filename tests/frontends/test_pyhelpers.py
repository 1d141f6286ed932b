"""Issue 15, Python: API calls made through the shapes real integrations use: a helper of the
project's (own or imported) that takes the session and the URL in any position, a base URL
that ends with a slash, the standard library's ``urlopen``. Each becomes an ``ApiCall`` and an
``HttpApiUse`` (what OIN501 and OIN502 read); look-alikes stay silent."""

from __future__ import annotations

from sourcespan import parse, span_of

from oinlint.facts import ApiCall, HttpApiUse


def uses(source: str) -> list[tuple[int, str, str]]:
    return [(u.span.line, u.method, u.path) for u in parse(source).of(HttpApiUse)]


def api_calls(source: str) -> list[tuple[str | None, str | None, str]]:
    return [(c.method, c.path_template, c.via) for c in parse(source).of(ApiCall)]


# -- bad: calls through helpers are API calls ------------------------------------------------


def test_imported_helper_with_session_first_and_verb_last_is_an_api_use() -> None:
    src = """\
        import requests
        from .common import request_session

        class Okta:
            def init(self, url, token):
                self.url = url + "/api/v1"
                self.session = requests.Session()

            def user_list(self):
                return request_session(self.session, self.url + "/users", "get").json()

            def add_group(self, body):
                request_session(self.session, self.url + "/groups", "post", data=body)
        """
    assert uses(src) == [(10, "GET", "/api/v1/users"), (13, "POST", "/api/v1/groups")]
    assert api_calls(src) == [("GET", "/api/v1/users", "wrapper:request_session"),
                              ("POST", "/api/v1/groups", "wrapper:request_session")]


def test_own_wrapper_call_sites_are_api_uses_with_their_paths() -> None:
    src = """\
        import requests

        class Api:
            def __init__(self, org):
                self.base = f"https://{org}/api/v1"
                self.session = requests.Session()

            def _get(self, path, **params):
                return self.session.get(self.base + path, params=params)

            def users(self):
                return self._get("/users", limit=200)
        """
    found = list(parse(src).of(HttpApiUse))
    assert found == [HttpApiUse(span_of(src, 'self._get("/users", limit=200)'), "Api.users",
                                "GET", "/api/v1/users")]


def test_method_keyword_of_an_unknown_helper_gives_the_verb() -> None:
    src = """\
        from .http import call_okta

        def deactivate(org, uid):
            call_okta(url=f"https://{org}/api/v1/users/{uid}/lifecycle/deactivate", method="POST")
        """
    assert uses(src) == [(4, "POST", "/api/v1/users/{}/lifecycle/deactivate")]


def test_base_url_ending_in_a_slash_still_reaches_the_api() -> None:
    src = """\
        import os
        import requests

        ORG = os.environ["OKTA_ORG_URL"]

        def groups(token):
            return requests.get(ORG + "api/v1/groups", headers={"Authorization": token}).json()
        """
    assert uses(src) == [(7, "GET", "/api/v1/groups")]
    assert api_calls(src) == [("GET", "/api/v1/groups", "requests")]


def test_urlopen_of_a_request_with_a_body_is_a_post() -> None:
    src = """\
        import urllib.request

        def expire(org, uid):
            req = urllib.request.Request(f"{org}/api/v1/users/{uid}/lifecycle/expire_password",
                                         data=b"")
            return urllib.request.urlopen(req)

        def users(org):
            from urllib.request import urlopen
            return urlopen(f"{org}/api/v1/users").read()
        """
    assert uses(src) == [(6, "POST", "/api/v1/users/{}/lifecycle/expire_password"),
                         (10, "GET", "/api/v1/users")]


def test_a_direct_call_is_one_api_use_not_two() -> None:
    src = """\
        import requests

        def users(org):
            return requests.get(f"https://{org}/api/v1/users").json()
        """
    assert uses(src) == [(4, "GET", "/api/v1/users")]


# -- good: look-alikes stay silent -----------------------------------------------------------


def test_a_helper_given_a_non_okta_url_is_no_api_use() -> None:
    src = """\
        from .common import request_session

        def status(session, base):
            return request_session(session, base + "/status/health", "get")
        """
    assert uses(src) == []
    assert api_calls(src) == []


def test_assertions_and_mocks_naming_an_api_url_are_not_calls() -> None:
    src = """\
        def test_users(client, org):
            resp = client.users()
            assertEqual(resp.url, f"https://{org}/api/v1/users")
            mock_get(f"https://{org}/api/v1/users", json=[])
        """
    assert uses(src) == []
    assert api_calls(src) == []


def test_a_message_naming_an_api_url_is_not_a_call() -> None:
    src = """\
        import logging

        log = logging.getLogger(__name__)

        def users(org):
            log.info("GET %s", f"https://{org}/api/v1/users")
            print("see", f"https://{org}/api/v1/users")
        """
    assert uses(src) == []


def test_urlopen_of_a_non_okta_url_is_silent() -> None:
    src = """\
        from urllib.request import Request, urlopen

        def ping():
            return urlopen(Request("https://example.com/api/status")).read()
        """
    assert uses(src) == []
    assert api_calls(src) == []


def test_an_api_path_in_a_plain_string_join_is_not_a_call() -> None:
    src = """\
        import os

        def link(org):
            return os.path.join(org, "api/v1/users")
        """
    assert uses(src) == []


NESTED_HEAD = """\
    import logging
    import os

    import requests

    ORG = os.environ["OKTA_ORG_URL"]
    log = logging.getLogger(__name__)

    def get_all(path):
        return requests.get(ORG + path, timeout=10).json()

"""


def test_a_wrapper_call_whose_result_goes_into_a_message_is_still_a_call() -> None:
    """``print(len(get_all(...)))``: the message is ``print``, the wrapper call is made."""
    src = NESTED_HEAD + """\
    def report():
        print(len(get_all("/api/v1/users")), get_all("/api/v1/groups"))
        log.info("apps: %s", get_all("/api/v1/apps"))
    """
    assert [(line, path) for line, _, path in uses(src)] == [
        (13, "/api/v1/users"), (13, "/api/v1/groups"), (14, "/api/v1/apps")]


def test_in_a_message_only_the_projects_own_wrappers_count() -> None:
    src = NESTED_HEAD + """\
    def report():
        print(describe("/api/v1/users"))
        log.info("calling %s", "/api/v1/groups")
    """
    assert uses(src) == []
