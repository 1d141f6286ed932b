# ruff: noqa: E501  (the snippets are source files with their own line lengths)
"""Scopes asked of Okta's authorize and device-authorize endpoints (a user's sign-in) are
requested scopes like a token request's: OIN207 names the ones an API service integration
cannot use (``.self``, ``offline_access``, OpenID Connect's). Before, a Python or JavaScript
device-authorization request's ``scope`` was not read at all (a Go authorize URL's was)."""

from __future__ import annotations

import pytest
from project_rules import hits

PY = '''import requests


def device_login(org, client_id):
    r = requests.post(f"https://{org}/oauth2/v1/PATH",
                      data={"client_id": client_id, "scope": "okta.users.read.self offline_access"})
    return r.json()
'''

TS = """export async function deviceLogin(org: string, clientId: string) {
  const r = await fetch(`https://${org}/oauth2/v1/PATH`, {
    method: 'POST',
    body: new URLSearchParams({ client_id: clientId, scope: 'okta.users.read.self offline_access' }),
  });
  return r.json();
}
"""


@pytest.mark.parametrize("path", ["device/authorize", "authorize"])
@pytest.mark.parametrize(("name", "source", "line"), [("login.py", PY, 6), ("login.ts", TS, 4)])
def test_sign_in_scopes_are_judged(path: str, name: str, source: str, line: int) -> None:
    assert hits({name: source.replace("PATH", path)}, "OIN207") == [(name, line), (name, line)]


def test_a_scope_sent_to_another_endpoint_is_not_a_request() -> None:
    # ``/oauth2/v1/introspect`` takes no scope list: ``scope`` there is not asked for (the
    # JavaScript front end reads Okta scope words in any string of an Okta file anyway)
    assert hits({"login.py": PY.replace("PATH", "introspect")}, "OIN207") == []
