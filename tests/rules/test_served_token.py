"""A token kept (cached, with or without expiry) in one module and handed out by a getter to the
modules that send it (issue 15, "cached tokens sent from places the analysis does not connect
to their cache"): ``TokenRequest.served_by`` names the getter, :mod:`oinlint.crossfile` makes a
``ServedToken`` at each call of it in another file, and OIN303 points at the ``Authorization``
header sent there, where a 401 arrives, instead of at the token request."""

from __future__ import annotations

from project_rules import hits as _hits
from project_rules import parsed as _parsed

from oinlint.crossfile import resolve, with_resolved
from oinlint.facts import ServedToken, TokenRequest
from oinlint.frontends import parse

AUTH_PY = '''import time
import requests

_cache = {}


def _fetch(org):
    r = requests.post(f"https://{org}/oauth2/v1/token", timeout=5,
                      data={"grant_type": "client_credentials", "scope": "okta.users.read"})
    return r.json()


def get_token(org):
    entry = _cache.get(org)
    if entry and entry["exp"] > time.monotonic():
        return entry["token"]
    body = _fetch(org)
    _cache[org] = {"token": body["access_token"],
                   "exp": time.monotonic() + body["expires_in"] - 60}
    return body["access_token"]
'''

USERS_PY = '''import requests
from app.auth import get_token


def list_users(org):
    token = get_token(org)
    return requests.get(f"https://{org}/api/v1/users", timeout=5,
                        headers={"Authorization": f"Bearer {token}"}).json()
'''

CLIENT_PY = '''import requests
from app.auth import get_token


class Groups:
    def __init__(self, org):
        self.org = org
        self.token = get_token(org)

    def list(self):
        return requests.get(f"https://{self.org}/api/v1/groups", timeout=5,
                            headers={"Authorization": f"Bearer {self.token}"}).json()
'''

UTIL_TS = '''import axios from "axios";

const global = globalThis as Record<string, any>;

const fetchOrgToken = async (org: string): Promise<string> => {
  const cached = global[org];
  const now = Date.now() / 1000;
  if (cached && now < cached.expires) {
    return cached.token;
  }
  const { data } = await axios.post(`https://${org}/oauth2/v1/token`,
    "grant_type=client_credentials&scope=okta.users.read");
  global[org] = { token: data.access_token, expires: now + data.expires_in - 60 };
  return data.access_token;
};

export const getAuthorization = async (org: string): Promise<string> => {
  const token = await fetchOrgToken(org);
  return `Bearer ${token}`;
};
'''

CLIENT_TS = '''import axios from "axios";
import { getAuthorization } from "./util";

export const createClient = async (org: string) => {
  const auth = await getAuthorization(org);
  return axios.create({
    baseURL: `https://${org}/api/v1`,
    headers: { Authorization: auth },
  });
};
'''

HANDLED_PY = '''import requests
from app.auth import get_token, _cache


def list_users(org):
    token = get_token(org)
    r = requests.get(f"https://{org}/api/v1/users", timeout=5,
                     headers={"Authorization": f"Bearer {token}"})
    if r.status_code == 401:
        _cache.pop(org, None)
        return list_users(org)
    return r.json()
'''


def test_a_getter_of_a_cached_token_is_named_by_its_request() -> None:
    python = parse("app/auth.py", AUTH_PY, "python")
    assert [(r.served_by, r.exported_by) for r in python.of(TokenRequest)] == [
        ("get_token", None)]
    # the getter that prefixes "Bearer" and returns it on is the one other modules call
    script = parse("src/util.ts", UTIL_TS, "typescript")
    assert [(r.served_by, r.exported_by) for r in script.of(TokenRequest)] == [
        ("getAuthorization", None)]


def test_a_getter_also_called_in_its_own_module_is_still_the_getter() -> None:
    """``get_token`` is called by a function beside it (which returns users, not the token)
    and may be imported elsewhere too: it is the getter, and the header beside it is where
    the token is sent."""
    kept = AUTH_PY + '''

def list_users(org):
    return requests.get(f"https://{org}/api/v1/users", timeout=5,
                        headers={"Authorization": f"Bearer {get_token(org)}"}).json()
'''
    assert [r.served_by for r in parse("app/auth.py", kept, "python").of(TokenRequest)] == [
        "get_token"]
    assert _hits({"app/auth.py": kept}, "OIN303") == [("app/auth.py", 25)]
    assert _hits({"app/auth.py": kept, "app/users.py": USERS_PY, "app/__init__.py": ""},
                 "OIN303") == [("app/auth.py", 25), ("app/users.py", 8)]


def test_each_call_of_the_getter_in_another_file_is_a_served_token() -> None:
    parsed = _parsed({"app/auth.py": AUTH_PY, "app/users.py": USERS_PY})
    users = with_resolved(parsed, resolve(parsed))[1]
    assert [(s.span.line, s.context, s.request.served_by) for s in users.of(ServedToken)] == [
        (6, "list_users", "get_token")]


def test_no_refetch_is_reported_where_the_served_token_is_sent() -> None:
    files = {"app/auth.py": AUTH_PY, "app/users.py": USERS_PY, "app/__init__.py": ""}
    assert _hits(files, "OIN303") == [("app/users.py", 8)]  # was app/auth.py:8, the request
    scripts = {"src/util.ts": UTIL_TS, "src/client.ts": CLIENT_TS}
    assert _hits(scripts, "OIN303") == [("src/client.ts", 8)]  # `Authorization: auth`


def test_a_getter_called_in_a_constructor_points_at_the_class_headers() -> None:
    files = {"app/auth.py": AUTH_PY, "app/client.py": CLIENT_PY, "app/__init__.py": ""}
    assert _hits(files, "OIN303") == [("app/client.py", 12)]


def test_a_project_that_answers_401_is_not_reported() -> None:
    files = {"app/auth.py": AUTH_PY, "app/users.py": HANDLED_PY, "app/__init__.py": ""}
    assert _hits(files, "OIN303") == []


def test_without_the_caller_the_request_itself_is_reported() -> None:
    assert _hits({"app/auth.py": AUTH_PY}, "OIN303") == [("app/auth.py", 8)]
    assert _hits({"src/util.ts": UTIL_TS}, "OIN303") == [("src/util.ts", 11)]


PROVIDER_PY = '''import time
import requests


class TokenProvider:
    def __init__(self, org):
        self.org, self._token, self._exp = org, None, 0.0

    def token(self):
        if self._token and time.monotonic() < self._exp:
            return self._token
        r = requests.post(f"https://{self.org}/oauth2/v1/token", timeout=5,
                          data={"grant_type": "client_credentials", "scope": "okta.users.read"})
        self._token = r.json()["access_token"]
        self._exp = time.monotonic() + r.json()["expires_in"] - 60
        return self._token
'''

AUTH_GO = '''package okta

import (
	"net/http"
	"net/url"
	"strings"
	"time"
)

type Client struct {
	org    string
	token  string
	expiry time.Time
}

func (c *Client) accessToken() (string, error) {
	if c.token != "" && time.Now().Before(c.expiry) {
		return c.token, nil
	}
	form := url.Values{"grant_type": {"client_credentials"}, "scope": {"okta.users.read"}}
	resp, err := http.Post("https://"+c.org+"/oauth2/v1/token",
		"application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	if err != nil {
		return "", err
	}
	c.token, c.expiry = readToken(resp)
	return c.token, nil
}
'''


def test_a_getter_that_returns_the_store_itself_is_named() -> None:
    """``return self._token`` / ``return c.token, nil``: the stored value, not the response."""
    python = parse("app/auth.py", PROVIDER_PY, "python")
    assert [r.served_by for r in python.of(TokenRequest)] == ["TokenProvider.token"]
    go = parse("okta/auth.go", AUTH_GO, "go")
    assert [r.served_by for r in go.of(TokenRequest)] == ["Client.accessToken"]


CLIENT_CLASS_PY = '''import os
import requests
from app.auth import provider


class Okta:
    def __init__(self):
        self.session = requests.Session()

    def _headers(self):
        return {"Authorization": "Bearer " + provider.token()}

    def get(self, path):
        return self.session.get(os.environ["OKTA_ORG_URL"] + path, headers=self._headers())
'''

JOBS_PY = '''from app.client import Okta

okta = Okta()


def users():
    return okta.get("/api/v1/users").json()
'''


def test_a_header_method_beside_the_wrapper_other_files_call_okta_through() -> None:
    """The client class builds its headers in ``_headers()`` and calls Okta only through
    ``get(path)``, which another module calls: the header is where the kept token goes."""
    auth = PROVIDER_PY + '\n\nprovider = TokenProvider(os.environ["OKTA_ORG"])\n'
    auth = auth.replace("import time\n", "import os\nimport time\n")
    files = {"app/auth.py": auth, "app/client.py": CLIENT_CLASS_PY, "app/jobs.py": JOBS_PY,
             "app/__init__.py": ""}
    assert _hits(files, "OIN303") == [("app/client.py", 11)]
    # without the module that calls through the wrapper: the file is Okta code (it reads
    # OKTA_ORG_URL) and its wrapper is handed the API path, so the header is still the use
    del files["app/jobs.py"]
    assert _hits(files, "OIN303") == [("app/client.py", 11)]
    # a client of another API (no Okta word in the file) is not where Okta's token goes
    files["app/client.py"] = CLIENT_CLASS_PY.replace(
        'os.environ["OKTA_ORG_URL"]', 'os.environ["STATUS_URL"]').replace("class Okta", "class Api")
    assert _hits(files, "OIN303") == [("app/auth.py", 13)]


TOKENS_JAVA = '''package com.acme.okta;

import java.time.Instant;
import java.util.Map;

public class OktaTokenService {
    private final RestTemplate rest = new RestTemplate();
    private final String orgUrl = System.getenv("OKTA_ORG_URL");
    private String accessToken;
    private Instant expiresAt = Instant.EPOCH;

    public synchronized String getAccessToken() {
        if (accessToken == null || Instant.now().isAfter(expiresAt)) {
            LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
            form.add("grant_type", "client_credentials");
            form.add("scope", "okta.users.read");
            Map body = rest.postForObject(orgUrl + "/oauth2/v1/token", form, Map.class);
            accessToken = (String) body.get("access_token");
            expiresAt = Instant.now().plusSeconds(((Number) body.get("expires_in")).longValue());
        }
        return accessToken;
    }
}
'''

USERS_JAVA = '''package com.acme.okta;

import java.util.List;

public class OktaUserClient {
    private final RestTemplate rest = new RestTemplate();
    private final OktaTokenService tokens;
    private final String orgUrl = System.getenv("OKTA_ORG_URL");

    public OktaUserClient(OktaTokenService tokens) {
        this.tokens = tokens;
    }

    public List listUsers() {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(tokens.getAccessToken());
        return rest.exchange(orgUrl + "/api/v1/users", HttpMethod.GET,
                             new HttpEntity<>(headers), List.class).getBody();
    }
}
'''


def test_spring_set_bearer_auth_is_where_a_served_java_token_is_sent() -> None:
    tokens = parse("src/OktaTokenService.java", TOKENS_JAVA, "java")
    assert [r.served_by for r in tokens.of(TokenRequest)] == ["OktaTokenService.getAccessToken"]
    files = {"src/OktaTokenService.java": TOKENS_JAVA, "src/OktaUserClient.java": USERS_JAVA}
    assert _hits(files, "OIN303") == [("src/OktaUserClient.java", 16)]
