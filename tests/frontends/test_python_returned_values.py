"""Python: a URL returned by a function of the same file is that function's return value, with
its parameters unknown: ``requests.get(base(org) + "/groups")`` and ``base_url, headers =
api_info(org)`` followed by ``"{}/users".format(base_url)`` are Okta API calls. A function
with several returns, or one not defined in the file, stays unknown."""

from __future__ import annotations

import textwrap

import pytest

from oinlint.facts import ApiCall
from oinlint.frontends import parse


def _calls(source: str) -> list[tuple[int, str | None, str | None]]:
    facts = parse("okta.py", textwrap.dedent(source), "python")
    return [(c.span.line, c.method, c.path_template) for c in facts.of(ApiCall)]


def test_a_tuple_item_of_a_returned_value() -> None:
    assert _calls('''\
        import requests

        def api_info(domain):
            base_url = "https://{}/api/v1".format(domain)
            return base_url, {"Authorization": "Bearer x"}

        def users(domain):
            base_url, headers = api_info(domain)
            return requests.get("{}/users?limit=200".format(base_url), headers=headers)
        ''') == [(9, "GET", "/api/v1/users")]


@pytest.mark.parametrize("call", [
    pytest.param('base(domain) + "/groups"', id="function"),
    pytest.param('self_base + "/groups"', id="bound-then-used"),
])
def test_a_returned_string(call: str) -> None:
    source = f'''\
        import requests

        def base(domain):
            return f"https://{{domain}}/api/v1"

        def groups(domain):
            self_base = base(domain)
            return requests.get({call})
        '''
    assert _calls(source) == [(8, "GET", "/api/v1/groups")]


def test_a_method_of_the_class() -> None:
    assert _calls('''\
        import requests

        class Okta:
            def _root(self):
                return f"https://{self.org}/api/v1"

            def apps(self):
                return requests.get(self._root() + "/apps")
        ''') == [(8, "GET", "/api/v1/apps")]


@pytest.mark.parametrize("definition", [
    pytest.param('''\
        def base(domain):
            if domain:
                return f"https://{domain}/api/v1"
            return "https://example.com/v2"
        ''', id="two-returns"),
    pytest.param("from helpers import base\n", id="imported"),
])
def test_what_cannot_be_told_stays_unknown(definition: str) -> None:
    source = "import requests\n" + textwrap.dedent(definition) + textwrap.dedent('''
        def groups(domain):
            return requests.get(base(domain) + "/groups")
        ''')
    assert [path for _, _, path in _calls(source)] == []


# -- a URL builder: the call's arguments fill the function's parameters -------------------------

@pytest.mark.parametrize("call", [
    'api_url("/users")',
    'api_url(path="/users")',
    'api_url("/users", version="v1")',
])
def test_a_url_builder_evaluated_with_its_arguments(call: str) -> None:
    source = f"""\
        import os
        import requests

        ORG = os.environ["OKTA_ORG_URL"]

        def api_url(path, version="v1"):
            return f"{{ORG}}/api/{{version}}{{path}}"

        def users(tok):
            return requests.get({call}, headers={{"Authorization": f"Bearer {{tok}}"}}).json()
    """
    assert _calls(source) == [(10, "GET", "/api/v1/users")]


def test_a_method_url_builder_skips_self() -> None:
    source = """\
        import requests

        class Okta:
            def __init__(self, org):
                self.org = org

            def url(self, path):
                return "https://" + self.org + "/api/v1" + path

            def groups(self):
                return requests.get(self.url("/groups")).json()
    """
    assert _calls(source) == [(11, "GET", "/api/v1/groups")]


def test_a_builder_handed_a_parameter_makes_a_wrapper_not_a_call() -> None:
    # ``get(org, path)`` passes its own ``path`` on: the path is known only at its callers
    source = """\
        import requests

        def api_url(org, path):
            return f"https://{org}/api/v1{path}"

        def get(org, path):
            return requests.get(api_url(org, path)).json()

        def users(org):
            return get(org, "/users")
    """
    assert _calls(source) == [(10, "GET", "/api/v1/users")]
