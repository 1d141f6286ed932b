# ruff: noqa: E501  (the snippets are source files with their own line lengths)
"""A function that sends a ``Bearer`` token in an HTTP call calls an API, whatever its host (an
Okta custom authorization server's token for the integrator's own API, a URL held in a setting):
a token requested in it, each time it runs, is OIN304 in Python as in the tree-sitter languages.
Before, only ``/api/`` paths counted, and such a token was taken for a local of one run."""

from __future__ import annotations

import pytest
from project_rules import all_hits, parsed

from oinlint.facts import TokenRequest

PY = '''import os
import requests

BASE = "https://api.example.com"
OKTA = "https://acme.okta.com"


def access_token():
    r = requests.post(f"{OKTA}/oauth2/default/v1/token", auth=(os.environ["CID"], os.environ["CS"]),
                      data={"grant_type": "client_credentials", "scope": "orders"})
    return r.json()["access_token"]


def create_order(order):
    token = access_token()
    return requests.post(f"{BASE}/v2/orders", json=order, headers={"Authorization": f"Bearer {token}"}).json()


def capture(order_id):
    token = access_token()
    return requests.post(f"{BASE}/v2/orders/{order_id}/capture", headers={"Authorization": f"Bearer {token}"}).json()
'''

JS = '''const OKTA = 'https://acme.okta.com';
const BASE = process.env.ORDERS_API;
async function accessToken() {
  const r = await fetch(`${OKTA}/oauth2/default/v1/token`, { method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'orders' }) });
  return (await r.json()).access_token;
}
export async function createOrder(order) {
  const token = await accessToken();
  return fetch(`${BASE}/v2/orders`, { method: 'POST', body: JSON.stringify(order), headers: { Authorization: `Bearer ${token}` } });
}
'''

# the token is cached at module level: fetched once, not per call
PY_CACHED = PY.replace('''def create_order(order):
    token = access_token()''', '''TOKEN = access_token()


def create_order(order):
    token = TOKEN''').replace('''def capture(order_id):
    token = access_token()''', '''def capture(order_id):
    token = TOKEN''')

# a function that fetches a token and posts it somewhere without sending it as a credential
# (a hand-off to a queue): no API call of its own
PY_HANDOFF = PY.replace('headers={"Authorization": f"Bearer {token}"}', 'data={"t": token}')


@pytest.mark.parametrize(("files", "expected"), [
    ({"pay.py": PY}, [("OIN304", "pay.py", 15), ("OIN304", "pay.py", 20)]),
    ({"orders.js": JS}, [("OIN304", "orders.js", 9)]),
], ids=["python", "javascript"])
def test_token_per_call_to_an_api_of_another_host(files: dict[str, str],
                                                  expected: list[tuple[str, str, int]]) -> None:
    assert all_hits(files) == expected


@pytest.mark.parametrize("files", [{"pay.py": PY_CACHED}, {"pay.py": PY_HANDOFF}],
                         ids=["cached-at-module-level", "not-sent-as-a-credential"])
def test_no_token_per_call_when_cached_or_not_sent(files: dict[str, str]) -> None:
    found = all_hits(files)
    assert [hit for hit in found if hit[0] == "OIN304"] == []
    # the cached token is judged as kept; the handed-off one is seen and judged local
    (facts,) = parsed(files)
    assert [r.per_call for r in facts.of(TokenRequest)] == [False]
    assert ("OIN301" in {code for code, _, _ in found}) == (files["pay.py"] == PY_CACHED)
