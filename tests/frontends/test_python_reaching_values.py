"""Values the Python front end may take as known (issue 15, real integrations): a parameter's
string default (``version="v1"`` in ``f"{root}api/{version}"``) and, for a name assigned more
than once in a function (``url = …`` in each branch of an ``if``), the assignment written last
before the use. A name that a loop or an unpacking also binds stays unknown."""

from __future__ import annotations

import textwrap

from oinlint.facts import ApiCall
from oinlint.frontends import parse


def _calls(source: str) -> list[tuple[int, str | None, str | None]]:
    facts = parse("okta_manager.py", textwrap.dedent(source), "python")
    return sorted((c.span.line, c.method, c.path_template) for c in facts.of(ApiCall))


def test_a_string_default_of_a_parameter_completes_the_base_url() -> None:
    source = '''\
        import requests

        class OktaManager:
            def __init__(self, api_root, version="v1"):
                self.api_root = f"{api_root}api/{version}"
                self.session = requests.Session()

            def add_group(self, body):
                return self.session.post(self.api_root + "/groups", json=body)
        '''
    assert _calls(source) == [(9, "POST", "/api/v1/groups")]


def test_a_default_that_is_not_a_string_stays_unknown() -> None:
    source = '''\
        import requests

        class OktaManager:
            def __init__(self, api_root, version=None):
                self.api_root = f"{api_root}api/{version}"
                self.session = requests.Session()

            def add_group(self, body):
                return self.session.post(self.api_root + "/groups", json=body)
        '''
    assert _calls(source) == []


def test_each_branch_uses_the_url_assigned_just_before() -> None:
    source = '''\
        import requests
        BASE = "https://example.okta.com/api/v1"

        def deactivate_or_suspend(uid, deactivate):
            if deactivate:
                url = f"{BASE}/users/{uid}/lifecycle/deactivate"
                r = requests.post(url)
            else:
                url = f"{BASE}/users/{uid}/lifecycle/suspend"
                r = requests.post(url)
            return r
        '''
    assert _calls(source) == [(7, "POST", "/api/v1/users/{}/lifecycle/deactivate"),
                              (10, "POST", "/api/v1/users/{}/lifecycle/suspend")]


def test_a_url_also_bound_by_a_loop_stays_unknown() -> None:
    source = '''\
        import requests
        BASE = "https://example.okta.com/api/v1"

        def fetch(paths):
            url = f"{BASE}/users"
            for url in paths:
                requests.get(url)
        '''
    assert _calls(source) == []


def test_a_url_first_assigned_then_unpacked_is_known_before_the_unpacking() -> None:
    source = '''\
        import requests
        BASE = "https://example.okta.com/api/v1"

        def list_providers(page):
            url = BASE + "/idps"
            response = requests.get(url)
            while page:
                items, response, url = page(response, url)
                requests.get(url)
        '''
    # the first call sends the assigned URL; after the unpacking the URL is unknown
    assert _calls(source) == [(6, "GET", "/api/v1/idps")]
