"""A setting named as the root of Okta's REST API (``OKTA_API_URL``, ``oktaApiBase``,
``SS_OKTA_GATEWAY_REST_URL``) holds ``https://{org}/api/v1``: paths appended to it are Okta
calls (issue 15, "URLs built from instance or struct state"). An org URL setting is not the API
root, and a path that repeats ``/api/v1`` after the root is not doubled."""

from __future__ import annotations

import pytest
from project_rules import parsed

from oinlint.facts import ApiCall
from oinlint.frontends.shared.strvalue import HOLE, StrValue

PY = '''import os
import requests

BASE = os.environ["OKTA_API_URL"]
HEADERS = {"Authorization": f"Bearer {os.environ['TOKEN']}"}


def users():
    return requests.get(f"{BASE}/users", headers=HEADERS).json()


def groups():
    return requests.get(os.getenv("OKTA_REST_URL") + "/groups?limit=200", headers=HEADERS)


def apps():
    return requests.get(os.environ["OKTA_API_URL"] + "/api/v1/apps", headers=HEADERS)


def zones():
    return requests.get(f"{os.environ['OKTA_ORG_URL']}/zones", headers=HEADERS)
'''

JS = '''const axios = require('axios');
const headers = { Authorization: `Bearer ${process.env.TOKEN}` };
async function groups() {
  return (await axios.get(`${process.env.OKTA_API_URL}/groups`, { headers })).data;
}
async function users() {
  return (await axios.get(process.env.OKTA_API_URL + '/api/v1/users', { headers })).data;
}
async function apps() {
  return (await axios.get(`${process.env.OKTA_ORG_URL}/apps`, { headers })).data;
}
module.exports = { groups, users, apps };
'''


def _calls(path: str, text: str) -> list[tuple[int, str]]:
    return [(c.span.line, c.path_template or "") for f in parsed({path: text})
            for c in f.of(ApiCall)]


def test_python_paths_under_an_api_root_setting() -> None:
    assert _calls("okta.py", PY) == [(9, "/api/v1/users"), (13, "/api/v1/groups"),
                                     (17, "/api/v1/apps")]


def test_javascript_paths_under_an_api_root_setting() -> None:
    assert _calls("okta.js", JS) == [(4, "/api/v1/groups"), (7, "/api/v1/users")]


@pytest.mark.parametrize("name", ["OKTA_ORG_URL", "OKTA_DOMAIN", "OKTA_BASE_URL",
                                  "OKTA_API_TOKEN", "API_URL", "GITHUB_API_URL"])
def test_other_settings_are_not_the_api_root(name: str) -> None:
    text = PY.replace('os.environ["OKTA_API_URL"]', f'os.environ["{name}"]', 1)
    assert (9, "/api/v1/users") not in _calls("okta.py", text)


def test_the_api_root_is_not_doubled() -> None:
    joined = StrValue.of((*StrValue.api_root().parts, "/api/v1/users"), "concat")
    assert joined.parts == (HOLE, "/api/v1/users")
    # a longer word is not the root
    other = StrValue.of((*StrValue.api_root().parts, "/api/v12"), "concat")
    assert other.parts == (HOLE, "/api/v1/api/v12")


PHP = '''<?php
use GuzzleHttp\\Client;
class Okta {
    public function users() {
        $http = new Client();
        $url = Environment::getEnv('SS_OKTA_GATEWAY_REST_URL') . '/users?limit=200';
        return $http->get($url, ['headers' => ['Authorization' => 'Bearer ' . getenv('T')]]);
    }
}
'''


def test_php_a_static_settings_call_names_the_api_root() -> None:
    assert _calls("Okta.php", PHP) == [(7, "/api/v1/users")]
