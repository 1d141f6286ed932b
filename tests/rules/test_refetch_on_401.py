"""A 401 check answers OIN303 only when it gets a new token: one that raises, logs or returns an
error leaves a revoked token in the cache until it expires. A test asserting a 401, or a server
answering its own clients with 401, answers nothing either."""

from __future__ import annotations

import pytest
from project_rules import all_hits, hits

from oinlint.frontends.shared.refetch import answers_with_new_token

# -- the guarded block, read as text ---------------------------------------------------------

ANSWERED = [
    ("self._token = None\nreturn self.get(path)", None),
    ('_state["token"] = None', None),
    ("this.cached = null;", None),
    ("@token = nil\nretry", None),
    ("$this->accessToken = null;", None),
    ("c.token = \"\"", None),
    ("token_cache.pop(org, None)", None),
    ("delete tokens[org];", None),
    ("provider.invalidate();\nres = await axios.get(url)", None),
    ("self.token = self._fetch()", None),
    ("token = await getAccessToken(true);", None),
    ("continue", None),
    ("needs_refresh = True", None),
    ("raise TokenExpired()", None),
    ("throw new TokenExpiredException(resp);", None),
    ("return this.request(method, path, body);", "request"),
    ("self._authenticate()", None),
    ("await this.refresh();", None),
]

UNANSWERED = [
    'raise RuntimeError("Okta said 401: check the token")',
    'throw new Error(`Unauthorized: ${res.statusText}`);',
    'return nil, fmt.Errorf("okta: unauthorized (401)")',
    'logger.error("401 from Okta, will retry later")',
    "pass",
    'raise AuthenticationError("token rejected")',
    "handle_auth_error(resp)",
    'console.warn("retry")  // retry by hand',
    "return None",
    'log.Printf("token invalid: %s", body)',
]


@pytest.mark.parametrize(("guarded", "function"), ANSWERED)
def test_a_new_token_or_a_retry_answers(guarded: str, function: str | None) -> None:
    assert answers_with_new_token(guarded, function) is True


@pytest.mark.parametrize("guarded", UNANSWERED)
def test_an_error_raised_or_logged_answers_nothing(guarded: str) -> None:
    assert answers_with_new_token(guarded, "users") is False


# -- OIN303 over projects ----------------------------------------------------------------------

PY_CACHE = '''import time
import httpx

_cache = {}

def token_for(org, cid, secret):
    hit = _cache.get(org)
    if hit is None or time.monotonic() >= hit[1]:
        body = httpx.post(f"https://{org}/oauth2/v1/token", auth=(cid, secret),
                          data={"grant_type": "client_credentials",
                                "scope": "okta.users.read"}).json()
        hit = (body["access_token"], time.monotonic() + body["expires_in"] - 300)
        _cache[org] = hit
    return hit[0]

def users(org, cid, secret):
    resp = httpx.get(f"https://{org}/api/v1/users",
                     headers={"Authorization": f"Bearer {token_for(org, cid, secret)}"})
    if resp.status_code == 401:
        %s
    return resp.json()
'''


@pytest.mark.parametrize("answer", [
    'raise RuntimeError("Okta answered 401")',
    'logger.error("unauthorized"); return None',
    "return []",
])
def test_python_check_that_raises_leaves_oin303(answer: str) -> None:
    assert hits({"svc.py": PY_CACHE % answer}, "OIN303") == [("svc.py", 18)]


@pytest.mark.parametrize("answer", [
    "_cache.pop(org, None); return users(org, cid, secret)",
    "del _cache[org]; return users(org, cid, secret)",
    "_cache[org] = None",
])
def test_python_check_that_drops_the_token_answers(answer: str) -> None:
    assert hits({"svc.py": PY_CACHE % answer}, "OIN303") == []


def test_the_unanswered_check_is_named_on_the_finding() -> None:
    from project_rules import parsed

    from oinlint.checks.interface import PROJECT_RULES
    from oinlint.project import ProjectFacts

    project = ProjectFacts(parsed({"svc.py": PY_CACHE % 'raise RuntimeError("401")'}))
    [hit] = list(PROJECT_RULES["OIN303"](project))
    notes = [(r.span.line, r.message) for r in hit.related]
    assert (19, "a 401 is checked here, but not answered with a new token and a retry") in notes


def test_a_test_asserting_401_answers_nothing() -> None:
    files = {
        "svc.py": PY_CACHE % "return None",
        "tests/test_svc.py": "def test_rejected(resp):\n    assert resp.status_code == 401\n",
    }
    assert hits(files, "OIN303") == [("svc.py", 18)]


def test_a_server_answering_401_to_its_clients_answers_nothing() -> None:
    files = {
        "svc.py": PY_CACHE.replace("    if resp.status_code == 401:\n        %s\n", ""),
        "api.py": ("from fastapi import HTTPException, status\n\n"
                   "def guard(user):\n"
                   "    if user is None:\n"
                   "        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED)\n"),
    }
    assert hits(files, "OIN303") == [("svc.py", 18)]


def test_python_httpx_auth_flow_answers() -> None:
    files = {"auth.py": '''import httpx
from http import HTTPStatus

class OktaAuth(httpx.Auth):
    def __init__(self, org, cid, secret):
        self.org, self.cid, self.secret = org, cid, secret
        self.token = None

    def _fetch(self):
        return httpx.post(f"https://{self.org}/oauth2/v1/token", auth=(self.cid, self.secret),
                          data={"grant_type": "client_credentials"}).json()["access_token"]

    def auth_flow(self, request):
        self.token = self.token or self._fetch()
        request.headers["Authorization"] = f"Bearer {self.token}"
        response = yield request
        if response.status_code == HTTPStatus.UNAUTHORIZED:
            self.token = self._fetch()
            request.headers["Authorization"] = f"Bearer {self.token}"
            yield request
'''}
    assert hits(files, "OIN303") == []


TS_CLIENT = '''let cached: { token: string; expiresAt: number } | null = null;
const ORG = process.env.OKTA_ORG_URL!;

async function accessToken(): Promise<string> {
  if (cached && Date.now() < cached.expiresAt) return cached.token;
  const res = await fetch(`${ORG}/oauth2/v1/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'okta.groups.read' }),
  });
  const body = await res.json();
  cached = { token: body.access_token, expiresAt: Date.now() + body.expires_in * 1000 };
  return cached.token;
}

export async function listGroups() {
  const res = await fetch(`${ORG}/api/v1/groups`,
                          { headers: { Authorization: `Bearer ${await accessToken()}` } });
  if (res.status === 401) {
    %s
  }
  return res.json();
}
'''


def test_typescript_check_that_throws_leaves_oin303() -> None:
    files = {"client.ts": TS_CLIENT % "throw new Error(`Okta: ${res.statusText}`);"}
    assert hits(files, "OIN303") == [("client.ts", 17)]


def test_typescript_check_that_drops_and_retries_answers() -> None:
    files = {"client.ts": TS_CLIENT % "cached = null;\n    return listGroups();"}
    assert hits(files, "OIN303") == []


GO_CLIENT = '''package okta

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

type Client struct {
	org   string
	http  *http.Client
	token string
}

func (c *Client) fetchToken() error {
	form := url.Values{"grant_type": {"client_credentials"}, "scope": {"okta.users.read"}}
	resp, err := c.http.Post(c.org+"/oauth2/v1/token", "application/x-www-form-urlencoded",
		strings.NewReader(form.Encode()))
	if err != nil {
		return err
	}
	var body struct{ AccessToken string `json:"access_token"` }
	json.NewDecoder(resp.Body).Decode(&body)
	c.token = body.AccessToken
	return nil
}

func (c *Client) Users() (*http.Response, error) {
	req, _ := http.NewRequest("GET", c.org+"/api/v1/users", nil)
	req.Header.Set("Authorization", "Bearer "+c.token)
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusUnauthorized {
		%s
	}
	return resp, nil
}

func Serve(c *Client) {
	c.fetchToken()
	http.ListenAndServe(":8080", nil)
}
'''


def test_go_check_that_returns_an_error_leaves_oin303() -> None:
    files = {"client.go": GO_CLIENT % 'return nil, fmt.Errorf("okta: unauthorized")'}
    assert ("client.go", 32) in hits(files, "OIN303")


def test_go_check_that_fetches_again_answers() -> None:
    files = {"client.go": GO_CLIENT % "c.fetchToken()\n\t\treturn c.Users()"}
    assert hits(files, "OIN303") == []


RUBY_CLIENT = '''require "faraday"

class OktaClient
  def initialize(org, id, secret)
    @org, @id, @secret = org, id, secret
  end

  def token
    @token ||= begin
      conn = Faraday.new(url: "https://#{@org}")
      res = conn.post("/oauth2/v1/token", "grant_type=client_credentials&scope=okta.users.read")
      JSON.parse(res.body)["access_token"]
    end
  end

  def users
    conn = Faraday.new(url: "https://#{@org}")
    res = conn.get("/api/v1/users", nil, { "Authorization" => "Bearer #{token}" })
    if res.status == 401
      %s
    end
    JSON.parse(res.body)
  end
end
'''


def test_ruby_check_that_raises_leaves_oin303() -> None:
    files = {"client.rb": RUBY_CLIENT % 'raise "Okta said 401"'}
    assert hits(files, "OIN303") == [("client.rb", 18)]


def test_ruby_check_that_forgets_the_token_answers() -> None:
    files = {"client.rb": RUBY_CLIENT % "@token = nil\n      return users"}
    assert hits(files, "OIN303") == []


# -- an error that says the token is no longer good ----------------------------------------------

PY_TOKEN_ERROR = '''import requests

class Okta:
    def __init__(self, org):
        self.org = org
        self.token = self._fetch()

    def _fetch(self):
        return requests.post(f"https://{self.org}/oauth2/v1/token",
                             data={"grant_type": "client_credentials",
                                   "scope": "okta.users.read"}).json()["access_token"]

    def users(self):
        try:
            r = requests.get(f"https://{self.org}/api/v1/users",
                             headers={"Authorization": f"Bearer {self.token}"})
            r.raise_for_status()
            return r.json()
        except Exception as e:
            %s
'''


@pytest.mark.parametrize("handler", [
    'if "Invalid access token" in str(e):\n'
    '                self.token = self._fetch()\n'
    '                return self.users()\n'
    '            raise',
    'if "token has expired" in str(e).lower():\n'
    '                self.token = None\n'
    '            raise',
])
def test_python_token_error_answered_with_a_new_token(handler: str) -> None:
    assert hits({"okta.py": PY_TOKEN_ERROR % handler}, "OIN303") == []


@pytest.mark.parametrize("handler", [
    'if "Invalid access token" in str(e):\n'
    '                raise RuntimeError("Okta rejected the token")\n'
    '            raise',
    'if "rate limit" in str(e):\n'
    '                self.token = None\n'
    '            raise',
])
def test_python_token_error_only_raised_or_another_error_leaves_oin303(handler: str) -> None:
    assert hits({"okta.py": PY_TOKEN_ERROR % handler}, "OIN303") == [("okta.py", 16)]


def test_python_caught_token_expired_type_answered() -> None:
    text = PY_TOKEN_ERROR.replace("except Exception as e:", "except TokenExpiredError:")
    assert hits({"okta.py": text % "self.token = self._fetch()\n            return self.users()"},
                "OIN303") == []


def test_js_token_error_in_a_catch_answered() -> None:
    files = {"client.ts": TS_CLIENT.replace(
        "  if (res.status === 401) {\n    %s\n  }\n",
        "  if (!res.ok) {\n    const err = await res.json();\n"
        "    if (err.error === 'invalid_token') { cached = null; return listGroups(); }\n  }\n")}
    assert hits(files, "OIN303") == []


# -- OIN305 beside a user's sign-in --------------------------------------------------------------

SIGN_IN = '''import requests

def service_token(org):
    return requests.post(f"https://{org}/oauth2/v1/token",
                         data={"grant_type": "client_credentials",
                               "scope": "okta.users.read"}).json()["access_token"]

def user_login(org, user, pw):
    return requests.post(f"https://{org}/oauth2/v1/token",
                         data={"grant_type": "%s", "username": user, "password": pw}).json()

def user_refresh(org, tokens):
    return requests.post(f"https://{org}/oauth2/v1/token",
                         data={"grant_type": "refresh_token",
                               "refresh_token": tokens["refresh_token"]}).json()
'''


def test_refresh_token_of_a_users_sign_in_is_not_oin305() -> None:
    assert all_hits({"auth.py": SIGN_IN % "password"}, "OIN305") == []


def test_refresh_token_beside_client_credentials_only_is_oin305_once_per_line() -> None:
    """Without a user's grant the refresh token is the client-credentials code's; the three
    mentions on one line are one finding."""
    assert all_hits({"auth.py": SIGN_IN % "client_credentials"}, "OIN305") == [
        ("OIN305", "auth.py", 14), ("OIN305", "auth.py", 15)]
