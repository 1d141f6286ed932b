"""Issue 15, Python: scope strings held in constants and constructor defaults reach the token
request that sends them (a ``ScopeList`` of role ``token-request`` pointing at the strings
themselves), and a token request is known by its body when its URL is not."""

from __future__ import annotations

from sourcespan import parse

from oinlint.facts import ScopeList


def requested(source: str) -> list[tuple[int, tuple[str, ...], tuple[int, ...]]]:
    """(line of the request, scope names, lines the scopes are written on)."""
    return [(s.span.line, tuple(r.name for r in s.scopes), tuple(r.span.line for r in s.scopes))
            for s in parse(source).of(ScopeList) if s.role == "token-request"]


# -- bad (scopes that were lost before) ------------------------------------------------------


def test_module_constant_joined_into_a_form_with_an_unresolved_token_url() -> None:
    src = """\
        import requests
        from .settings import TOKEN_URL

        DEFAULT_SCOPES = ["okta.users.read", "okta.groups.manage"]

        def token(client_id, assertion):
            form = {"grant_type": "client_credentials", "scope": " ".join(DEFAULT_SCOPES),
                    "client_assertion": assertion}
            return requests.post(TOKEN_URL, data=form).json()["access_token"]
        """
    assert requested(src) == [(9, ("okta.users.read", "okta.groups.manage"), (4, 4))]


def test_constructor_default_kept_on_self_reaches_the_request() -> None:
    src = """\
        import httpx

        class Okta:
            def __init__(self, org, scopes=("okta.apps.read", "okta.logs.read")):
                self._scopes = scopes
                self.token_url = f"{org}/oauth2/v1/token"

            def fetch(self):
                return httpx.post(self.token_url, data={
                    "grant_type": "client_credentials", "scope": " ".join(self._scopes)})
        """
    assert requested(src) == [(9, ("okta.apps.read", "okta.logs.read"), (4, 4))]


def test_parameter_or_constant_requests_the_constant() -> None:
    src = """\
        import requests

        SCOPES = "okta.users.read okta.groups.read"

        def fetch(token_url, scopes=None):
            body = {"grant_type": "client_credentials", "scope": scopes or SCOPES}
            return requests.post(token_url, data=body)
        """
    assert requested(src) == [(7, ("okta.users.read", "okta.groups.read"), (3, 3))]


def test_client_assertion_body_marks_a_token_request_without_a_url() -> None:
    src = """\
        import requests

        SCOPE = "okta.users.read"

        def fetch(endpoint, jwt):
            return requests.post(endpoint, data={
                "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion": jwt, "scope": SCOPE})
        """
    assert requested(src) == [(6, ("okta.users.read",), (3,))]


# -- good: nothing invented ------------------------------------------------------------------


def test_reassigned_parameter_does_not_fall_back_to_its_default() -> None:
    src = """\
        import requests

        def fetch(token_url, scopes="okta.users.read"):
            scopes = load_scopes()
            return requests.post(token_url, data={"grant_type": "client_credentials",
                                                  "scope": scopes})
        """
    assert requested(src) == []


def test_a_post_without_a_grant_is_not_a_token_request() -> None:
    src = """\
        import requests

        SCOPES = ["okta.users.read"]

        def report(url):
            return requests.post(url, json={"scope": " ".join(SCOPES), "kind": "audit"})
        """
    assert requested(src) == []


def test_a_refresh_grant_with_an_unknown_url_is_not_a_client_credentials_request() -> None:
    src = """\
        import requests

        def refresh(url, rt):
            return requests.post(url, data={"grant_type": "refresh_token", "refresh_token": rt,
                                            "scope": "okta.users.read"})
        """
    assert requested(src) == []


def test_a_constant_alone_stays_a_constant() -> None:
    src = """\
        SCOPES = ["okta.users.read", "okta.groups.read"]
        """
    lists = list(parse(src).of(ScopeList))
    assert [(s.role, len(s.scopes)) for s in lists] == [("constant", 2)]
