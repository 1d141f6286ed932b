# ruff: noqa: E501  (the snippets are source files with their own line lengths)
"""The token lifecycle across one function boundary (issue 15).

OIN304: a helper that requests a token (``get_token()``, ``async function getToken()``,
``func (c *Client) token()``) called from the function that makes each API call, or inside a
loop over API calls, asks for a token per call, unless the helper caches it until expiry.
OIN301: a token fetched in ``main()`` and handed to a long-running loop, scheduled job or
server (JS/TS and Go through tree-sitter, as Python does) outlives its hour.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from oinlint.config import Settings
from oinlint.engine import check


def _findings(tmp_path: Path, name: str, text: str, codes: tuple[str, ...]) -> set[tuple[str, int]]:
    (tmp_path / name).write_text(text, encoding="utf-8")
    settings = Settings(root=tmp_path, select=codes, respect_gitignore=False)
    result = check([str(tmp_path)], settings)
    return {(f.code, f.span.line) for f in result.active}


def _line(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


# -- Python -------------------------------------------------------------------------------------

PY_HELPER = '''import os
import time
import requests

ORG = os.environ["OKTA_ORG"]


def get_token():
    r = requests.post(f"https://{ORG}/oauth2/v1/token",
                      data={"grant_type": "client_credentials", "scope": "okta.users.manage"},
                      auth=(os.environ["OKTA_CLIENT_ID"], os.environ["OKTA_CLIENT_SECRET"]))
    return r.json()["access_token"]

'''

PY_CACHED = '''import os
import time
import requests

ORG = os.environ["OKTA_ORG"]
_cache = {"token": None, "expires": 0.0}


def get_token():
    if _cache["token"] is None or time.monotonic() > _cache["expires"]:
        body = requests.post(f"https://{ORG}/oauth2/v1/token",
                             data={"grant_type": "client_credentials"},
                             auth=(os.environ["OKTA_CLIENT_ID"], os.environ["OKTA_CLIENT_SECRET"])).json()
        _cache["token"] = body["access_token"]
        _cache["expires"] = time.monotonic() + body["expires_in"] - 60
    return _cache["token"]

'''

PY_PER_CALL = [
    '''def get_user(uid):
    token = get_token()  # MARK
    return requests.get(f"https://{ORG}/api/v1/users/{uid}", headers={"Authorization": f"Bearer {token}"})
''',
    '''def deactivate_all(uids):
    for uid in uids:
        requests.post(f"https://{ORG}/api/v1/users/{uid}/lifecycle/deactivate",
                      headers={"Authorization": f"Bearer {get_token()}"})  # MARK
''',
    '''def all_groups():
    url = f"https://{ORG}/api/v1/groups"
    while url:
        resp = requests.get(url, headers={"Authorization": "Bearer " + get_token()})  # MARK
        url = resp.links.get("next", {}).get("url")
''',
]

PY_NOT_PER_CALL = [
    (PY_CACHED, PY_PER_CALL[0].replace("  # MARK", "")),
    (PY_CACHED, PY_PER_CALL[1].replace("  # MARK", "")),
    (PY_HELPER, '''def main(uids):
    token = get_token()
    for uid in uids:
        requests.post(f"https://{ORG}/api/v1/users/{uid}/lifecycle/suspend",
                      headers={"Authorization": f"Bearer {token}"})
'''),
]


@pytest.mark.parametrize("body", PY_PER_CALL)
def test_python_helper_called_per_api_call_is_oin304(tmp_path: Path, body: str) -> None:
    text = PY_HELPER + "\n" + body
    assert ("OIN304", _line(text, "# MARK")) in _findings(tmp_path, "users.py", text, ("OIN304",))


@pytest.mark.parametrize(("helper", "body"), PY_NOT_PER_CALL)
def test_python_cached_helper_or_one_fetch_per_run_is_not_oin304(tmp_path: Path, helper: str,
                                                                  body: str) -> None:
    assert _findings(tmp_path, "users.py", helper + "\n" + body, ("OIN304",)) == set()


# -- JavaScript / TypeScript --------------------------------------------------------------------

JS_HELPER = '''const ORG = process.env.OKTA_ORG;

async function getToken() {
  const res = await fetch(`${ORG}/oauth2/v1/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'okta.users.manage' }),
  });
  return (await res.json()).access_token;
}

'''

JS_CACHED = '''const ORG = process.env.OKTA_ORG;
let cached = null;
let expiresAt = 0;

async function getToken() {
  if (cached && performance.now() < expiresAt) {
    return cached;
  }
  const res = await fetch(`${ORG}/oauth2/v1/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'okta.users.manage' }),
  });
  const body = await res.json();
  cached = body.access_token;
  expiresAt = performance.now() + (body.expires_in - 60) * 1000;
  return cached;
}

'''

JS_PER_CALL = [
    '''async function fetchUser(id) {
  const token = await getToken(); // MARK
  const res = await fetch(`${ORG}/api/v1/users/${id}`, { headers: { Authorization: `Bearer ${token}` } });
  return res.json();
}
module.exports = { fetchUser };
''',
    '''async function suspendAll(ids) {
  for (const id of ids) {
    const token = await getToken(); // MARK
    await fetch(`${ORG}/api/v1/users/${id}/lifecycle/suspend`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
  }
}
module.exports = { suspendAll };
''',
    '''async function unlockAll(ids) {
  await Promise.all(ids.map(async (id) => {
    const token = await getToken(); // MARK
    await fetch(`${ORG}/api/v1/users/${id}/lifecycle/unlock`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
  }));
}
module.exports = { unlockAll };
''',
]

JS_ONE_RUN = '''async function main() {
  const token = await getToken();
  for (const id of process.argv.slice(2)) {
    await fetch(`${ORG}/api/v1/users/${id}/lifecycle/suspend`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
  }
}
main();
'''

JS_NOT_PER_CALL = [
    (JS_CACHED, JS_PER_CALL[0].replace(" // MARK", "")),
    (JS_CACHED, JS_PER_CALL[1].replace(" // MARK", "")),
    (JS_HELPER, JS_ONE_RUN),
]


@pytest.mark.parametrize("body", JS_PER_CALL)
@pytest.mark.parametrize("name", ["users.js", "users.ts"])
def test_js_helper_awaited_per_api_call_is_oin304(tmp_path: Path, body: str, name: str) -> None:
    text = JS_HELPER + body
    assert ("OIN304", _line(text, "// MARK")) in _findings(tmp_path, name, text, ("OIN304",))


@pytest.mark.parametrize(("helper", "body"), JS_NOT_PER_CALL)
@pytest.mark.parametrize("name", ["users.js", "users.ts"])
def test_js_cached_helper_or_one_fetch_per_run_is_not_oin304(tmp_path: Path, helper: str,
                                                              body: str, name: str) -> None:
    assert _findings(tmp_path, name, helper + body, ("OIN304",)) == set()


# -- Go -----------------------------------------------------------------------------------------

GO_HEAD = '''package okta

import (
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"
)

type Client struct {
	org, id, secret string
	http            *http.Client
	mu              sync.Mutex
	tok             string
	exp             time.Time
}

'''

GO_FETCH = '''	form := url.Values{"grant_type": {"client_credentials"}, "scope": {"okta.users.manage"}}
	req, _ := http.NewRequest("POST", c.org+"/oauth2/v1/token", strings.NewReader(form.Encode()))
	req.SetBasicAuth(c.id, c.secret)
	resp, err := c.http.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var body struct {
		AccessToken string `json:"access_token"`
		ExpiresIn   int    `json:"expires_in"`
	}
	json.NewDecoder(resp.Body).Decode(&body)
'''

GO_HELPER = GO_HEAD + "func (c *Client) token() (string, error) {\n" + GO_FETCH + \
    "\treturn body.AccessToken, nil\n}\n\n"

GO_CACHED = GO_HEAD + '''func (c *Client) token() (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.tok != "" && time.Now().Before(c.exp) {
		return c.tok, nil
	}
''' + GO_FETCH + '''	c.tok = body.AccessToken
	c.exp = time.Now().Add(time.Duration(body.ExpiresIn)*time.Second - time.Minute)
	return c.tok, nil
}

'''

GO_PER_CALL = [
    '''func (c *Client) GetUser(id string) (*http.Response, error) {
	tok, err := c.token() // MARK
	if err != nil {
		return nil, err
	}
	req, _ := http.NewRequest("GET", c.org+"/api/v1/users/"+id, nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	return c.http.Do(req)
}
''',
    '''func (c *Client) DeactivateAll(ids []string) {
	for _, id := range ids {
		tok, _ := c.token() // MARK
		req, _ := http.NewRequest("POST", c.org+"/api/v1/users/"+id+"/lifecycle/deactivate", nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		c.http.Do(req)
	}
}
''',
    '''func (c *Client) ListGroups() (*http.Response, error) {
	req, _ := http.NewRequest("GET", c.org+"/api/v1/groups", nil)
	tok, _ := c.token() // MARK
	req.Header.Set("Authorization", "Bearer "+tok)
	return c.http.Do(req)
}
''',
]

GO_ONE_RUN = '''func Run(c *Client) {
	tok, _ := c.token()
	for _, id := range os.Args[1:] {
		req, _ := http.NewRequest("POST", c.org+"/api/v1/users/"+id+"/lifecycle/suspend", nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		c.http.Do(req)
	}
}
'''

GO_NOT_PER_CALL = [
    (GO_CACHED, GO_PER_CALL[0].replace(" // MARK", "")),
    (GO_CACHED, GO_PER_CALL[1].replace(" // MARK", "")),
    (GO_HELPER, GO_ONE_RUN),
]


@pytest.mark.parametrize("body", GO_PER_CALL)
def test_go_token_method_called_per_request_is_oin304(tmp_path: Path, body: str) -> None:
    text = GO_HELPER + body
    assert ("OIN304", _line(text, "// MARK")) in _findings(tmp_path, "client.go", text, ("OIN304",))


@pytest.mark.parametrize(("helper", "body"), GO_NOT_PER_CALL)
def test_go_cached_token_method_or_one_fetch_per_run_is_not_oin304(tmp_path: Path, helper: str,
                                                                    body: str) -> None:
    assert _findings(tmp_path, "client.go", helper + body, ("OIN304",)) == set()


# -- a token fetched in main() and held by a long-running part (tree-sitter held_by) -----------

JS_HELD = [
    '''async function main() {
  const token = await getToken(); // MARK
  setInterval(async () => {
    const r = await fetch(`${ORG}/api/v1/logs`, { headers: { Authorization: `Bearer ${token}` } });
    console.log(await r.json());
  }, 60000);
}
main();
''',
    '''const express = require('express');
async function main() {
  const token = await getToken(); // MARK
  const app = express();
  app.get('/users', async (req, res) => {
    const r = await fetch(`${ORG}/api/v1/users`, { headers: { Authorization: `Bearer ${token}` } });
    res.json(await r.json());
  });
  app.listen(3000);
}
main();
''',
    '''const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function main() {
  const token = await getToken(); // MARK
  while (true) {
    const r = await fetch(`${ORG}/api/v1/logs`, { headers: { Authorization: `Bearer ${token}` } });
    console.log(await r.json());
    await sleep(60000);
  }
}
main();
''',
]

JS_NOT_HELD = [
    JS_ONE_RUN,
    '''async function main() {
  let token = await getToken();
  let expiresAt = performance.now() + 3000 * 1000;
  setInterval(async () => {
    if (performance.now() > expiresAt) {
      token = await getToken();
      expiresAt = performance.now() + 3000 * 1000;
    }
    await fetch(`${ORG}/api/v1/logs`, { headers: { Authorization: `Bearer ${token}` } });
  }, 60000);
}
main();
''',
    '''async function main() {
  const token = await getToken();
  setInterval(() => console.log('alive'), 60000);
  await fetch(`${ORG}/api/v1/users`, { headers: { Authorization: `Bearer ${token}` } });
}
main();
''',
]


@pytest.mark.parametrize("body", JS_HELD)
@pytest.mark.parametrize("name", ["sync.js", "sync.ts"])
def test_js_token_held_by_interval_server_or_loop_is_oin301(tmp_path: Path, body: str,
                                                             name: str) -> None:
    text = JS_HELPER + body
    assert ("OIN301", _line(text, "// MARK")) in _findings(tmp_path, name, text, ("OIN301",))


@pytest.mark.parametrize("body", JS_NOT_HELD)
@pytest.mark.parametrize("name", ["sync.js", "sync.ts"])
def test_js_token_for_one_run_or_renewed_is_not_oin301(tmp_path: Path, body: str,
                                                       name: str) -> None:
    assert _findings(tmp_path, name, JS_HELPER + body, ("OIN301",)) == set()


# the held token's helper reads no ``expires_in`` (one that does has its expiry in view)
GO_MAIN_HEAD = GO_HELPER.replace("package okta", "package main").replace(
    "\t\tExpiresIn   int    `json:\"expires_in\"`\n", "")

GO_HELD = [
    '''func main() {
	c := &Client{org: os.Getenv("OKTA_ORG"), http: http.DefaultClient}
	tok, _ := c.token() // MARK
	for {
		req, _ := http.NewRequest("GET", c.org+"/api/v1/logs", nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		c.http.Do(req)
		time.Sleep(time.Minute)
	}
}
''',
    '''func main() {
	c := &Client{org: os.Getenv("OKTA_ORG"), http: http.DefaultClient}
	tok, _ := c.token() // MARK
	ticker := time.NewTicker(time.Minute)
	for range ticker.C {
		req, _ := http.NewRequest("GET", c.org+"/api/v1/logs", nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		c.http.Do(req)
	}
}
''',
    '''func main() {
	c := &Client{org: os.Getenv("OKTA_ORG"), http: http.DefaultClient}
	tok, _ := c.token() // MARK
	http.HandleFunc("/users", func(w http.ResponseWriter, r *http.Request) {
		req, _ := http.NewRequest("GET", c.org+"/api/v1/users", nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		c.http.Do(req)
	})
	http.ListenAndServe(":8080", nil)
}
''',
]

GO_NOT_HELD = [
    GO_ONE_RUN.replace("func Run(c *Client)", "func main()").replace(
        "\ttok, _ := c.token()", "\tc := &Client{org: os.Getenv(\"OKTA_ORG\")}\n\ttok, _ := c.token()"),
    '''func main() {
	c := &Client{org: os.Getenv("OKTA_ORG"), http: http.DefaultClient}
	for {
		tok, _ := c.token()
		req, _ := http.NewRequest("GET", c.org+"/api/v1/logs", nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		c.http.Do(req)
		time.Sleep(time.Hour)
	}
}
''',
    '''func main() {
	c := &Client{org: os.Getenv("OKTA_ORG"), http: http.DefaultClient}
	tok, _ := c.token()
	exp := time.Now().Add(50 * time.Minute)
	for {
		if time.Now().After(exp) {
			tok, _ = c.token()
			exp = time.Now().Add(50 * time.Minute)
		}
		req, _ := http.NewRequest("GET", c.org+"/api/v1/logs", nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		c.http.Do(req)
		time.Sleep(time.Minute)
	}
}
''',
]


@pytest.mark.parametrize("body", GO_HELD)
def test_go_token_held_by_loop_ticker_or_server_is_oin301(tmp_path: Path, body: str) -> None:
    text = GO_MAIN_HEAD + body
    assert ("OIN301", _line(text, "// MARK")) in _findings(tmp_path, "main.go", text, ("OIN301",))


@pytest.mark.parametrize("body", GO_NOT_HELD)
def test_go_token_for_one_run_or_renewed_is_not_oin301(tmp_path: Path, body: str) -> None:
    assert _findings(tmp_path, "main.go", GO_MAIN_HEAD + body, ("OIN301",)) == set()


# -- a token put into a session's default headers ------------------------------------------------

PY_SESSION = '''import os
import time
import requests


class OktaSync:
    def __init__(self, org):
        self.org = org
        self.session = requests.Session()
        r = requests.post(f"https://{org}/oauth2/v1/token", timeout=5,
                          data={"grant_type": "client_credentials", "scope": "okta.users.read"},
                          auth=(os.environ["CID"], os.environ["SECRET"]))
        self.session.headers.update({"Authorization": f"Bearer {r.json()['access_token']}"})

    def users(self):
        return self.session.get(f"https://{self.org}/api/v1/users", timeout=5).json()
'''


@pytest.mark.parametrize("put", [
    'self.session.headers.update({"Authorization": f"Bearer {r.json()[\'access_token\']}"})',
    'self.session.headers["Authorization"] = f"Bearer {r.json()[\'access_token\']}"',
    'self.session.headers.setdefault("Authorization", "Bearer " + r.json()["access_token"])',
])
def test_python_token_put_into_an_instance_sessions_headers_is_kept_there(
        tmp_path: Path, put: str) -> None:
    text = PY_SESSION.replace(
        'self.session.headers.update({"Authorization": f"Bearer {r.json()[\'access_token\']}"})',
        put)
    found = _findings(tmp_path, "sync.py", text, ("OIN301", "OIN303"))
    assert found == {("OIN301", 10), ("OIN303", 13)}
    [finding] = [f for f in check([str(tmp_path)], Settings(
        root=tmp_path, select=("OIN301",), respect_gitignore=False)).active]
    assert "in an instance attribute" in finding.message


def test_python_token_put_into_a_local_sessions_headers_stays_local(tmp_path: Path) -> None:
    """A session made, used and dropped in one function holds the token for that call only."""
    text = PY_SESSION.replace("self.session", "session").replace(
        "    def users(self):\n        return session.get(", "        session.get(")
    assert "session.headers.update(" in text and "def users" not in text
    assert _findings(tmp_path, "sync.py", text, ("OIN301", "OIN303")) == set()


def test_a_token_sent_by_an_http_put_is_not_stored_by_it(tmp_path: Path) -> None:
    """``httpx.put(url, headers={… token})`` sends the token; it is not ``dict.update`` (a put
    into a store): the fetch in the loop of the lifecycle corpus's ``loop_token.py`` stays one
    per call."""
    corpus = Path(__file__).resolve().parents[1] / "corpus" / "lifecycle" / "bad"
    text = (corpus / "loop_token.py").read_text(encoding="utf-8")
    assert "httpx.put(" in text
    (tmp_path / "members.py").write_text(text, encoding="utf-8")
    result = check([str(tmp_path)], Settings(root=tmp_path, select=("OIN304", "OIN301"),
                                             respect_gitignore=False))
    assert [(f.code, f.span.line) for f in result.active] == [("OIN304", 12)]
    assert "inside a loop and in the function that calls the API" in result.active[0].message


PY_APP_STATE = '''import os
import httpx
from fastapi import FastAPI

ORG = os.environ["OKTA_ORG_URL"]
app = FastAPI()
client = httpx.AsyncClient()


@app.on_event("startup")
async def startup():
    r = await client.post(f"{ORG}/oauth2/v1/token", auth=(os.environ["CID"], os.environ["SECRET"]),
                          data={"grant_type": "client_credentials", "scope": "okta.users.read"})
    app.state.token = r.json()["access_token"]


@app.get("/users")
async def users():
    r = await client.get(f"{ORG}/api/v1/users", headers={"Authorization": f"Bearer {app.state.token}"})
    return r.json()
'''


def test_python_token_kept_on_a_module_level_object_lives_with_the_process(
        tmp_path: Path) -> None:
    """``app.state.token = …`` in a startup hook: the module's app keeps it for hours."""
    found = _findings(tmp_path, "main.py", PY_APP_STATE, ("OIN301", "OIN303"))
    assert found == {("OIN301", 12), ("OIN303", 19)}


def test_python_token_on_a_parameter_object_is_not_the_modules(tmp_path: Path) -> None:
    """The same store on an object the function was given (``def startup(app)``) is that
    object's business: not a module store, so not reported from here."""
    text = PY_APP_STATE.replace("async def startup():", "async def startup(app):")
    assert _findings(tmp_path, "main.py", text, ("OIN301",)) == set()
