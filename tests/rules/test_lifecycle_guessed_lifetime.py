# ruff: noqa: E501  (the snippets are source files with their own line lengths)
"""OIN302 points at the guessed lifetime when it is seen (the constant, or the number after a
clock read), since that is what to replace; at the token request otherwise. The request is
named beside it."""

from __future__ import annotations

import re

import pytest
from project_rules import parsed

from oinlint.checks.interface import FILE_RULES
from oinlint.frontends.shared.lifetime import guessed_lifetime

GO = '''package okta

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"time"
)

const tokenLifetime = 55 * time.Minute

type Client struct {
	org    string
	token  string
	expiry time.Time
	hc     *http.Client
}

func (c *Client) Token() (string, error) {
	if c.token != "" && time.Now().Before(c.expiry) {
		return c.token, nil
	}
	form := url.Values{}
	form.Set("grant_type", "client_credentials")
	resp, err := c.hc.Post(c.org+"/oauth2/v1/token", "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var out struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return "", err
	}
	c.token = out.AccessToken
	c.expiry = time.Now().Add(tokenLifetime)
	return c.token, nil
}
'''

JS = '''const axios = require('axios');
let token = null;
let expiresAt = 0;
async function getToken() {
  if (token && Math.floor(Date.now() / 1000) < expiresAt) return token;
  const { data } = await axios.post(`${process.env.OKTA_ORG_URL}/oauth2/v1/token`,
    'grant_type=client_credentials', { auth: { username: process.env.CID, password: process.env.CS } });
  token = data.access_token;
  expiresAt = Math.floor(Date.now() / 1000) + 3300;
  return token;
}
module.exports = { getToken };
'''

PY = '''from datetime import datetime, timedelta
import requests

TOKEN_LIFE_TIME = timedelta(minutes=58)
_cache = {}


def token(org, cid, secret):
    now = datetime.now()
    hit = _cache.get(org)
    if hit and now - hit[1] < TOKEN_LIFE_TIME:
        return hit[0]
    body = requests.post(f"https://{org}/oauth2/v1/token", auth=(cid, secret),
                         data={"grant_type": "client_credentials"}).json()
    _cache[org] = (body["access_token"], now)
    return body["access_token"]
'''

PHP = '''<?php
class Tokens
{
    private $token;
    private $until = 0;

    public function get()
    {
        if ($this->token === null || time() > $this->until) {
            $res = $this->http->post($this->org . '/oauth2/v1/token', ['form_params' => ['grant_type' => 'client_credentials']]);
            $this->token = json_decode((string) $res->getBody(), true)['access_token'];
            $this->until = time() + 3300;
        }
        return $this->token;
    }
}
'''

# no lifetime written where the functions can be read: the clock is compared with a value
# handed in, so the finding stays at the request
JS_UNSEEN = JS.replace("Math.floor(Date.now() / 1000) + 3300", "Math.floor(Date.now() / 1000) + config.ttl")


def _oin302(path: str, text: str) -> list[tuple[int, str, tuple[str, ...]]]:
    (facts,) = parsed({path: text})
    lines = text.splitlines()
    return [(hit.span.line, lines[hit.span.line - 1][hit.span.column - 1:hit.span.end_column - 1]
             if hit.span.line == hit.span.end_line else "", tuple(r.message for r in hit.related))
            for hit in FILE_RULES["OIN302"](facts)]


@pytest.mark.parametrize(("path", "text", "line", "expression"), [
    ("okta.go", GO, 11, "55 * time.Minute"),
    ("okta.js", JS, 9, "3300"),
    ("okta.py", PY, 4, "timedelta(minutes=58)"),
    ("Tokens.php", PHP, 12, "3300"),
], ids=["go-constant", "js-after-a-unit-division", "python-lifetime-constant", "php-literal"])
def test_oin302_points_at_the_guessed_lifetime(path: str, text: str, line: int,
                                              expression: str) -> None:
    assert _oin302(path, text) == [(line, expression, ("the token is requested here",))]


def test_oin302_stays_at_the_request_when_no_lifetime_is_seen() -> None:
    assert _oin302("okta.js", JS_UNSEEN) == [(6, "", ())]  # the request spans two lines


def test_guessed_lifetime_skips_constants_the_code_assigns_and_unit_divisors() -> None:
    clock = re.compile(r"Date\.now\(\)")
    text = "let ttl = 5;\nfunction f() { ttl = 9; x = Date.now() / 1000 + 600; }\n"
    ranges = [(text.index("function"), len(text))]
    # ``ttl`` is assigned in a function: not a constant (the caller leaves it out); the
    # divisor ``1000`` is a unit, the lifetime is ``600``
    start, end = guessed_lifetime(text, ranges, clock, {}) or (0, 0)
    assert text[start:end] == "600"
    assert guessed_lifetime("f(Date.now())", [(0, 13)], clock, {}) is None
