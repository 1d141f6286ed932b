# ruff: noqa: E501  (the snippets are source files with their own line lengths)
"""OIN303 when no file of the project requests a token: the Okta calls that send a ``Bearer``
token got by code not among the checked files (the integrator's own package, a module left
out) still need a 401 answer. A token taken from the request being served (a proxy passing
its caller's token on, a signed-in user's session) is not the integration's to renew."""

from __future__ import annotations

import pytest
from project_rules import all_hits

PY_CLIENT = '''import requests
from acme_auth import service_token

ORG = "https://acme.okta.com"

def users():
    return requests.get(f"{ORG}/api/v1/users",
                        headers={"Authorization": f"Bearer {service_token()}"}).json()

def groups():
    r = requests.get(f"{ORG}/api/v1/groups", headers={"Authorization": "Bearer " + service_token()})
    return r.json()
'''

GO_CLIENT = '''package okta

import "net/http"

type Client struct {
	org    string
	tokens TokenSource
	hc     *http.Client
}

func (c *Client) ListUsers() (*http.Response, error) {
	req, _ := http.NewRequest("GET", c.org+"/api/v1/users", nil)
	req.Header.Set("Authorization", "Bearer "+c.tokens.Token())
	return c.hc.Do(req)
}
'''

TS_CLIENT = '''import { serviceToken } from '@acme/okta-auth';
const ORG = 'https://acme.okta.com';
export async function apps() {
  const r = await fetch(`${ORG}/api/v1/apps`, { headers: { Authorization: `Bearer ${await serviceToken()}` } });
  return r.json();
}
'''


@pytest.mark.parametrize(("files", "expected"), [
    ({"okta.py": PY_CLIENT}, [("OIN303", "okta.py", 8), ("OIN303", "okta.py", 11)]),
    ({"okta.go": GO_CLIENT}, [("OIN303", "okta.go", 13)]),
    ({"apps.ts": TS_CLIENT}, [("OIN303", "apps.ts", 4)]),
], ids=["python", "go", "typescript"])
def test_bearer_token_from_code_not_checked_needs_a_401_answer(
        files: dict[str, str], expected: list[tuple[str, str, int]]) -> None:
    assert all_hits(files) == expected


PY_ANSWERED = PY_CLIENT.replace(
    '''    r = requests.get(f"{ORG}/api/v1/groups", headers={"Authorization": "Bearer " + service_token()})
''', '''    r = requests.get(f"{ORG}/api/v1/groups", headers={"Authorization": "Bearer " + service_token()})
    if r.status_code == 401:
        service_token.cache_clear()
        return groups()
''')

PY_SESSION = '''import requests
from flask import Flask, request

app = Flask(__name__)
ORG = "https://acme.okta.com"

@app.route("/me")
def me():
    token = request.session["access_token"]
    return requests.get(f"{ORG}/api/v1/users/me",
                        headers={"Authorization": f"Bearer {request.session['access_token']}"}).json()
'''

JS_PASSED_ON = '''const express = require('express');
const app = express();
app.get('/me', async (req, res) => {
  const r = await fetch('https://acme.okta.com/api/v1/users/me', {
    headers: { Authorization: `Bearer ${req.userContext.tokens.access_token}` },
  });
  res.json(await r.json());
});
app.listen(3000);
'''

# a one-shot command: the token it is handed dies with the run
PY_ONE_SHOT = PY_CLIENT + '''

if __name__ == "__main__":
    import argparse
    argparse.ArgumentParser().parse_args()
    print(users())
'''


@pytest.mark.parametrize("files", [
    {"okta.py": PY_ANSWERED},
    {"app.py": PY_SESSION},
    {"app.js": JS_PASSED_ON},
    {"okta.py": PY_ONE_SHOT},
], ids=["401-answered", "python-session", "js-user-context", "one-shot"])
def test_no_finding_when_answered_passed_on_or_one_shot(files: dict[str, str]) -> None:
    assert [hit for hit in all_hits(files) if hit[0] == "OIN303"] == []
