# ruff: noqa: E501  (the snippets are real-shaped code, long lines and all)
"""A client that signs its own JWT assertion (private_key_jwt) writes an expiry and reads a clock
for it (``exp: now + 300``, ``expiresIn: '5m'``, ``.setExpiration(…)``, ``time.Now().Add(…)``).
That is the assertion's lifetime, not the access token's: it must neither hide a token kept
forever (OIN301) nor look like a guessed token lifetime (OIN302). Before, in every tree-sitter
language and in Python when the claims were built inline, it did one or the other."""

from __future__ import annotations

import pytest
from project_rules import all_hits

from oinlint.frontends.shared.assertion import without_assertion

OKTA_PY = r'''import time, uuid, jwt, requests

ORG = "https://acme.okta.com"

class Okta:
    def __init__(self, client_id, key):
        self.client_id, self.key, self.token = client_id, key, None

    def get_token(self):
        if self.token is None:
            now = int(time.time())
            assertion = jwt.encode({"aud": f"{ORG}/oauth2/v1/token", "iss": self.client_id,
                                    "sub": self.client_id, "iat": now, "exp": now + 300,
                                    "jti": str(uuid.uuid4())}, self.key, algorithm="RS256")
            r = requests.post(f"{ORG}/oauth2/v1/token", data={
                "grant_type": "client_credentials", "scope": "okta.users.read",
                "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion": assertion})
            self.token = r.json()["access_token"]
        return self.token

    def users(self):
        return requests.get(f"{ORG}/api/v1/users", headers={"Authorization": f"Bearer {self.get_token()}"}).json()
'''

OKTA_JS = r'''const jwt = require('jsonwebtoken');
const ORG = 'https://acme.okta.com';
let token;
async function getToken() {
  if (token) return token;
  const now = Math.floor(Date.now() / 1000);
  const claims = { aud: `${ORG}/oauth2/v1/token`, iss: process.env.CID, sub: process.env.CID, iat: now, exp: now + 300 };
  const assertion = jwt.sign(claims, process.env.KEY, { algorithm: 'RS256' });
  const res = await fetch(`${ORG}/oauth2/v1/token`, { method: 'POST', body: new URLSearchParams({
    grant_type: 'client_credentials', scope: 'okta.users.read',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion }) });
  token = (await res.json()).access_token;
  return token;
}
async function listUsers() { return (await fetch(`${ORG}/api/v1/users`, { headers: { Authorization: `Bearer ${await getToken()}` } })).json(); }
module.exports = { listUsers };
'''

OKTA_GO = r'''package okta

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

const org = "https://acme.okta.com"

type Client struct {
	clientID string
	key      interface{}
	token    string
	hc       *http.Client
}

func (c *Client) assertion() (string, error) {
	claims := jwt.MapClaims{
		"aud": org + "/oauth2/v1/token",
		"iss": c.clientID,
		"sub": c.clientID,
		"exp": time.Now().Add(5 * time.Minute).Unix(),
	}
	return jwt.NewWithClaims(jwt.SigningMethodRS256, claims).SignedString(c.key)
}

func (c *Client) fetchToken() error {
	a, err := c.assertion()
	if err != nil {
		return err
	}
	form := url.Values{}
	form.Set("grant_type", "client_credentials")
	form.Set("scope", "okta.users.read")
	form.Set("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
	form.Set("client_assertion", a)
	resp, err := c.hc.Post(org+"/oauth2/v1/token", "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var out struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return err
	}
	c.token = out.AccessToken
	return nil
}

func (c *Client) ListUsers() (*http.Response, error) {
	req, _ := http.NewRequest("GET", org+"/api/v1/users", nil)
	req.Header.Set("Authorization", "Bearer "+c.token)
	return c.hc.Do(req)
}
'''

OKTA_JAVA = r'''package com.acme.okta;

import io.jsonwebtoken.Jwts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Date;

public class Okta {
    private static final String ORG = "https://acme.okta.com";
    private final HttpClient http = HttpClient.newHttpClient();
    private String accessToken;

    private String assertion() {
        return Jwts.builder()
            .setAudience(ORG + "/oauth2/v1/token")
            .setIssuer(clientId)
            .setSubject(clientId)
            .setIssuedAt(new Date())
            .setExpiration(new Date(System.currentTimeMillis() + 300_000))
            .signWith(privateKey)
            .compact();
    }

    private String token() throws Exception {
        if (accessToken == null) {
            String form = "grant_type=client_credentials&scope=okta.users.read"
                + "&client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
                + "&client_assertion=" + assertion();
            HttpRequest req = HttpRequest.newBuilder(URI.create(ORG + "/oauth2/v1/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
            HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
            accessToken = mapper.readTree(res.body()).get("access_token").asText();
        }
        return accessToken;
    }

    public String users() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(ORG + "/api/v1/users"))
            .header("Authorization", "Bearer " + token()).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString()).body();
    }
}
'''

OKTA_CS = r'''using System;
using System.Collections.Generic;
using System.IdentityModel.Tokens.Jwt;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;

public class OktaClient
{
    private const string Org = "https://acme.okta.com";
    private readonly HttpClient _http = new HttpClient();
    private string _accessToken;

    private string Assertion()
    {
        var token = new JwtSecurityToken(_clientId, Org + "/oauth2/v1/token", null,
            notBefore: DateTime.UtcNow, expires: DateTime.UtcNow.AddMinutes(5), signingCredentials: _creds);
        return new JwtSecurityTokenHandler().WriteToken(token);
    }

    private async Task<string> GetTokenAsync()
    {
        if (_accessToken == null)
        {
            var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["scope"] = "okta.users.read",
                ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                ["client_assertion"] = Assertion(),
            });
            var res = await _http.PostAsync(Org + "/oauth2/v1/token", form);
            var body = await res.Content.ReadAsStringAsync();
            _accessToken = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString();
        }
        return _accessToken;
    }

    public async Task<string> ListUsersAsync()
    {
        var req = new HttpRequestMessage(HttpMethod.Get, Org + "/api/v1/users");
        req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await GetTokenAsync());
        return await (await _http.SendAsync(req)).Content.ReadAsStringAsync();
    }
}
'''

OKTA_PHP = r'''<?php
use Firebase\JWT\JWT;

class Okta
{
    private $token;
    private $org = 'https://acme.okta.com';

    private function assertion()
    {
        return JWT::encode(['aud' => $this->org . '/oauth2/v1/token', 'iss' => $this->cid, 'sub' => $this->cid, 'exp' => time() + 300], $this->key, 'RS256');
    }

    private function token()
    {
        if ($this->token === null) {
            $res = $this->http->post($this->org . '/oauth2/v1/token', ['form_params' => [
                'grant_type' => 'client_credentials', 'scope' => 'okta.users.read',
                'client_assertion_type' => 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
                'client_assertion' => $this->assertion()]]);
            $this->token = json_decode($res->getBody(), true)['access_token'];
        }
        return $this->token;
    }

    public function users()
    {
        return $this->http->get($this->org . '/api/v1/users', ['headers' => ['Authorization' => 'Bearer ' . $this->token()]]);
    }
}
'''

OKTA_RB = r'''require 'jwt'
require 'faraday'

class OktaClient
  ORG = 'https://acme.okta.com'

  def assertion
    JWT.encode({ aud: "#{ORG}/oauth2/v1/token", iss: @cid, sub: @cid, exp: Time.now.to_i + 300 }, @key, 'RS256')
  end

  def token
    @token ||= begin
      res = Faraday.post("#{ORG}/oauth2/v1/token", grant_type: 'client_credentials', scope: 'okta.users.read',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion)
      JSON.parse(res.body)['access_token']
    end
  end

  def users
    Faraday.get("#{ORG}/api/v1/users", nil, { 'Authorization' => "Bearer #{token}" })
  end
end
'''


# each keeps its token for good, beside an assertion that expires in five minutes
KEPT_FOREVER = [
    ('okta.py', OKTA_PY, [("OIN301", 'okta.py', 15), ("OIN303", 'okta.py', 23)]),
    ('okta.js', OKTA_JS, [("OIN301", 'okta.js', 9), ("OIN303", 'okta.js', 15)]),
    ('okta.go', OKTA_GO, [("OIN301", 'okta.go', 42), ("OIN303", 'okta.go', 59)]),
    ('Okta.java', OKTA_JAVA, [("OIN301", 'Okta.java', 31), ("OIN303", 'Okta.java', 42)]),
    ('Okta.cs', OKTA_CS, [("OIN301", 'Okta.cs', 32), ("OIN303", 'Okta.cs', 42)]),
    ('Okta.php', OKTA_PHP, [("OIN301", 'Okta.php', 17), ("OIN303", 'Okta.php', 28)]),
    ('okta.rb', OKTA_RB, [("OIN301", 'okta.rb', 13), ("OIN303", 'okta.rb', 20)]),
]


@pytest.mark.parametrize(("path", "text", "expected"), KEPT_FOREVER,
                         ids=[case[0] for case in KEPT_FOREVER])
def test_token_kept_forever_beside_an_assertion_is_fetched_once(
        path: str, text: str, expected: list[tuple[str, str, int]]) -> None:
    assert all_hits({path: text}) == expected


def _js_with_expiry(check: str) -> str:
    text = OKTA_JS.replace("let token;\n", "let token;\nlet expiresAt = 0;\n")
    first = "  if (token) return token;\n  const now = Math.floor(Date.now() / 1000);\n"
    text = text.replace(first, check)
    body = "  const body = await res.json();\n  token = body.access_token;\n"
    text = text.replace("  token = (await res.json()).access_token;\n",
                        body + "  expiresAt = Date.now() + (body.expires_in - 60) * 1000;\n")
    assert text.count("expiresAt") == 3, "the snippet changed: adjust the replacements"
    return text


JS_EXPIRY = _js_with_expiry("  if (token && Date.now() < expiresAt) return token;\n"
                            "  const now = Math.floor(Date.now() / 1000);\n")
# tricky: one ``now`` serves the assertion's claims and the token's expiry check
JS_SHARED_NOW = _js_with_expiry("  const now = Math.floor(Date.now() / 1000);\n"
                                "  if (token && now * 1000 < expiresAt) return token;\n")

GO_EXPIRY = OKTA_GO.replace("\ttoken    string\n",
                            "\ttoken    string\n\texpiry   time.Time\n").replace(
    "func (c *Client) fetchToken() error {\n",
    "func (c *Client) fetchToken() error {\n\tif c.token != \"\" && time.Now().Before(c.expiry) {\n"
    "\t\treturn nil\n\t}\n").replace(
    "\t\tAccessToken string `json:\"access_token\"`\n",
    "\t\tAccessToken string `json:\"access_token\"`\n\t\tExpiresIn   int    `json:\"expires_in\"`\n"
).replace("\tc.token = out.AccessToken\n",
          "\tc.token = out.AccessToken\n"
          "\tc.expiry = time.Now().Add(time.Duration(out.ExpiresIn-60) * time.Second)\n")
# the token's lifetime guessed beside the assertion's: still a guess
GO_GUESS = GO_EXPIRY.replace("time.Duration(out.ExpiresIn-60) * time.Second", "55 * time.Minute"
                             ).replace("\t\tExpiresIn   int    `json:\"expires_in\"`\n", "")

PY_EXPIRY = OKTA_PY.replace(
    "        if self.token is None:\n",
    "        if self.token is None or time.monotonic() > self.expires_at:\n").replace(
    '            self.token = r.json()["access_token"]\n',
    '            body = r.json()\n            self.token = body["access_token"]\n'
    '            self.expires_at = time.monotonic() + body["expires_in"] - 60\n')


@pytest.mark.parametrize(("path", "text", "expected"), [
    ("okta.js", JS_EXPIRY, [("OIN303", "okta.js", 18)]),
    ("okta.js", JS_SHARED_NOW, [("OIN303", "okta.js", 18)]),
    ("okta.go", GO_EXPIRY, [("OIN303", "okta.go", 65)]),
    ("okta.py", PY_EXPIRY, [("OIN303", "okta.py", 25)]),
    ("okta.go", GO_GUESS, [("OIN302", "okta.go", 58), ("OIN303", "okta.go", 64)]),
], ids=["js", "js-shared-now", "go", "python", "go-guessed-lifetime"])
def test_token_expiry_beside_an_assertion_is_judged_on_its_own(
        path: str, text: str, expected: list[tuple[str, str, int]]) -> None:
    assert all_hits({path: text}) == expected


def test_without_assertion_blanks_claims_signing_and_their_values() -> None:
    text = OKTA_JS
    masked = without_assertion(text)
    assert len(masked) == len(text) and masked.count("\n") == text.count("\n")
    assert "exp:" not in masked and "Date.now" not in masked and "jwt.sign" not in masked
    assert "grant_type: 'client_credentials'" in masked and "token = (await res.json())" in masked


def test_without_assertion_keeps_text_with_no_assertion_and_shared_values() -> None:
    plain = "const expiresAt = Date.now() + body.expires_in * 1000;\n"
    assert without_assertion(plain) == plain
    masked = without_assertion(JS_SHARED_NOW)
    assert "const now = Math.floor(Date.now() / 1000);" in masked
    assert "exp: now + 300" not in masked


def test_without_assertion_blanks_signing_options_written_over_lines() -> None:
    text = ("async function getToken() {\n  let signingOptions = {\n    algorithm: 'RS256',\n"
            "    expiresIn: '1h',\n  };\n  const a = jwt.sign({ jti: id() }, key, signingOptions);\n"
            "  return fetch(url, { body: a });\n}\n")
    masked = without_assertion(text)
    assert "expiresIn" not in masked and "signingOptions" not in masked
    assert "const a =" in masked and "fetch(url, { body: a })" in masked
