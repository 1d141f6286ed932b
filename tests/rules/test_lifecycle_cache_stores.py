"""A token put into a cache (``cache.set(org, token)``, ``redis.setex(key, ttl, token)``) is kept
per org whoever owns the cache, in Python as in the tree-sitter languages, and the cache keeps
time: with a constant lifetime the token is renewed on a guess (OIN302), with one computed from
``expires_in`` it is handled, and with none the cache's own default applies (not judged). It was
taken for a local in Python, so each use looked like a fresh token (a false OIN304)."""

from __future__ import annotations

import pytest
from project_rules import all_hits, parsed

from oinlint.facts import TokenRequest

PY = '''import requests

def okta_token(cache, org, cid, secret):
    token = cache.get(org)
    if token:
        return token
    body = requests.post(f"https://{org}/oauth2/v1/token", auth=(cid, secret),
                         data={"grant_type": "client_credentials",
                               "scope": "okta.users.read"}).json()
    token = body["access_token"]
    cache.%s
    return token

def users(cache, org, cid, secret):
    r = requests.get(f"https://{org}/api/v1/users",
                     headers={"Authorization": "Bearer " + okta_token(cache, org, cid, secret)})
    return r.json()
'''


@pytest.mark.parametrize(("put", "expected"), [
    ("set(org, token)", [("OIN303", "svc.py", 16)]),
    ("set(org, token, timeout=body['expires_in'] - 60)", [("OIN303", "svc.py", 16)]),
    ("setex(org, 3000, token)", [("OIN302", "svc.py", 7), ("OIN303", "svc.py", 16)]),
    ("set(org, token, 3000)", [("OIN302", "svc.py", 7), ("OIN303", "svc.py", 16)]),
    ("put(org, token)", [("OIN303", "svc.py", 16)]),
])
def test_python_token_put_into_a_cache_parameter_is_kept(put: str,
                                                         expected: list[tuple[str, str, int]]
                                                         ) -> None:
    assert all_hits({"svc.py": PY % put}) == expected


def test_python_local_dict_named_cache_is_not_a_store() -> None:
    """A local dict assigned by subscript dies with the call: the token is one per call."""
    text = PY.replace("    token = cache.get(org)\n    if token:\n        return token\n", "")
    text = text.replace("def okta_token(cache, org", "def okta_token(_, org")
    text = text.replace("    cache.%s\n", "    cache = {}\n    cache[org] = token\n")
    assert all_hits({"svc.py": text}) == [("OIN304", "svc.py", 14)]


def test_python_put_on_a_receiver_not_named_as_a_cache_is_not_a_store() -> None:
    """``uploader.put(…)`` is no cache: the token is still one per call."""
    text = PY.replace("    token = cache.get(org)\n    if token:\n        return token\n", "")
    assert all_hits({"svc.py": text % "put(org, token)"}) == [("OIN303", "svc.py", 13)]
    text = text.replace("def okta_token(cache,", "def okta_token(uploader,").replace(
        "    cache.%s\n", "    uploader.put(org, token)\n")
    assert all_hits({"svc.py": text}) == [("OIN304", "svc.py", 13)]


JS = '''const axios = require('axios');
const NodeCache = require('node-cache');
const cache = new NodeCache();

async function oktaToken(org) {
  const hit = cache.get(org);
  if (hit) return hit;
  const res = await axios.post(`https://${org}/oauth2/v1/token`,
    'grant_type=client_credentials&scope=okta.users.read');
  const token = res.data.access_token;
  cache.%s;
  return token;
}

async function users(org) {
  const r = await axios.get(`https://${org}/api/v1/users`,
    { headers: { Authorization: `Bearer ${await oktaToken(org)}` } });
  return r.data;
}
module.exports = { users };
'''


@pytest.mark.parametrize(("put", "expected"), [
    ("set(org, token)", [("OIN303", "svc.js", 17)]),
    ("set(org, token, res.data.expires_in - 60)", [("OIN303", "svc.js", 17)]),
    # the guess is the lifetime given to the cache, where OIN302 points
    ("set(org, token, 3000)", [("OIN302", "svc.js", 11), ("OIN303", "svc.js", 17)]),
])
def test_js_cache_keeps_time(put: str, expected: list[tuple[str, str, int]]) -> None:
    assert all_hits({"svc.js": JS % put}) == expected


def test_js_module_map_without_a_clock_is_still_fetched_once() -> None:
    """A plain ``Map`` keeps no time: nothing renews the token (OIN301)."""
    text = (JS % "set(org, token)").replace("new NodeCache()", "new Map()").replace(
        "const cache", "const tokens").replace("cache.", "tokens.")
    assert all_hits({"svc.js": text}) == [("OIN301", "svc.js", 8), ("OIN303", "svc.js", 17)]


FLASK_CONFIG = '''import os
import requests
from flask import Flask, current_app

app = Flask(__name__)
ORG = os.environ["OKTA_ORG_URL"]

def token():
    if "OKTA_TOKEN" not in current_app.config:
        current_app.config["OKTA_TOKEN"] = requests.post(
            f"{ORG}/oauth2/v1/token",
            data={"grant_type": "client_credentials", "scope": "okta.users.read"},
            auth=(os.environ["CID"], os.environ["SECRET"])).json()["access_token"]
    return current_app.config["OKTA_TOKEN"]

@app.route("/users")
def users():
    return requests.get(f"{ORG}/api/v1/users",
                        headers={"Authorization": f"Bearer {token()}"}).json()
'''


def test_python_token_kept_in_an_object_of_the_module() -> None:
    """``current_app.config["OKTA_TOKEN"] = …``: kept for the process (no expiry: OIN301),
    not a local handed on (it was a false OIN304)."""
    assert all_hits({"app.py": FLASK_CONFIG}) == [("OIN301", "app.py", 10),
                                                  ("OIN303", "app.py", 19)]


def test_python_token_put_into_a_local_object_is_not_kept() -> None:
    text = FLASK_CONFIG.replace(
        '    if "OKTA_TOKEN" not in current_app.config:\n',
        '    box = Box()\n    if True:\n').replace(
        'current_app.config["OKTA_TOKEN"] =', 'box.items["OKTA_TOKEN"] =').replace(
        'return current_app.config["OKTA_TOKEN"]', 'return box.items["OKTA_TOKEN"]')
    assert ("OIN304", "app.py", 20) in all_hits({"app.py": text})


STORAGE_TS = '''import fetch from "node-fetch";
import { LocalStorage } from "@raycast/api";

const ORG = process.env.OKTA_ORG_URL;

export async function apiRequest(path: string) {
  const stored = await LocalStorage.allItems();
  const now = Date.now() / 1000;
  if (!stored.expiresAt || stored.expiresAt <= now) {
    const { accessToken, expiresIn } = await getAccessToken();
    await LocalStorage.setItem("accessToken", accessToken);
    await LocalStorage.setItem("expiresAt", now + expiresIn);
  }
  const res = await fetch(`${ORG}/api/v1${path}`, {
    headers: { Authorization: `Bearer ${stored.accessToken}` },
  });
  return res.json();
}

async function getAccessToken() {
  const params = new URLSearchParams();
  params.append("grant_type", "client_credentials");
  params.append("scope", "okta.users.read");
  const res = await fetch(`${ORG}/oauth2/v1/token`, { method: "POST", body: params });
  const data = await res.json();
  return { accessToken: data.access_token, expiresIn: data.expires_in };
}
'''


def test_js_form_built_by_appends_and_a_token_kept_in_storage() -> None:
    """``params.append("grant_type", …)`` is the request's form (its scope judged), and a
    token put into ``LocalStorage`` with its expiry is kept and renewed: only OIN303."""
    facts = parsed({"api.ts": STORAGE_TS})
    [request] = [r for f in facts for r in f.of(TokenRequest)]
    assert (request.grant_type, request.caching, request.expiry_honoured) == (
        "client_credentials", "per-org", True)
    assert [s.name for s in request.scopes] == ["okta.users.read"]
    assert all_hits({"api.ts": STORAGE_TS}) == [("OIN303", "api.ts", 15)]


def test_js_appends_to_another_object_are_not_the_form() -> None:
    text = STORAGE_TS.replace('body: params', 'body: other').replace(
        '  const res = await fetch(`${ORG}/oauth2/v1/token`',
        '  const other = "x";\n  const res = await fetch(`${ORG}/oauth2/v1/token`')
    facts = parsed({"api.ts": text})
    [request] = [r for f in facts for r in f.of(TokenRequest)]  # by its URL alone
    assert request.scopes == ()
