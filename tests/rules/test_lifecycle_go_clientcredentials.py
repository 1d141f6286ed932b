# ruff: noqa: E501  (the snippets are source files with their own line lengths)
"""Go: a ``clientcredentials.Config`` made a ``TokenSource`` or a ``Client`` renews its token
(the library caches it until ``expires_in``); one asked once for ``conf.Token(ctx)`` hands out
one token, whose fate is the code's: kept in a struct for good (OIN301), fetched again before
every call (OIN304), or kept with its ``Expiry``. It used to be taken for the library's."""

from __future__ import annotations

import pytest
from project_rules import all_hits

KEPT = '''package okta

import (
	"context"
	"net/http"

	"golang.org/x/oauth2/clientcredentials"
)

type Client struct {
	org   string
	token string
	hc    *http.Client
}

func New(ctx context.Context, org, id, secret string) (*Client, error) {
	conf := &clientcredentials.Config{
		ClientID:     id,
		ClientSecret: secret,
		TokenURL:     org + "/oauth2/v1/token",
		Scopes:       []string{"okta.users.read"},
	}
	tok, err := conf.Token(ctx)
	if err != nil {
		return nil, err
	}
	return &Client{org: org, token: tok.AccessToken, hc: http.DefaultClient}, nil
}

func (c *Client) ListUsers() (*http.Response, error) {
	req, _ := http.NewRequest("GET", c.org+"/api/v1/users", nil)
	req.Header.Set("Authorization", "Bearer "+c.token)
	return c.hc.Do(req)
}
'''

PER_CALL = '''package okta

import (
	"context"
	"net/http"

	"golang.org/x/oauth2/clientcredentials"
)

func ListUsers(ctx context.Context, org, id, secret string) (*http.Response, error) {
	tok, err := (&clientcredentials.Config{ClientID: id, ClientSecret: secret,
		TokenURL: org + "/oauth2/v1/token", Scopes: []string{"okta.users.read"}}).Token(ctx)
	if err != nil {
		return nil, err
	}
	req, _ := http.NewRequest("GET", org+"/api/v1/users", nil)
	req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
	return http.DefaultClient.Do(req)
}
'''

# the token kept with its expiry, renewed when it has passed: only the 401 answer is missing
WITH_EXPIRY = KEPT.replace("\ttoken string\n", "\ttoken string\n\tuntil time.Time\n").replace(
    '\t"net/http"\n', '\t"net/http"\n\t"time"\n').replace(
    "token: tok.AccessToken,", "token: tok.AccessToken, until: tok.Expiry,").replace(
    '\treq, _ := http.NewRequest("GET", c.org+"/api/v1/users", nil)\n',
    '\tif time.Now().After(c.until) {\n\t\treturn nil, errExpired\n\t}\n'
    '\treq, _ := http.NewRequest("GET", c.org+"/api/v1/users", nil)\n')

CLIENT = KEPT.replace("\ttok, err := conf.Token(ctx)\n\tif err != nil {\n\t\treturn nil, err\n\t}\n"
                      "\treturn &Client{org: org, token: tok.AccessToken, hc: http.DefaultClient}, nil\n",
                      "\treturn &Client{org: org, hc: conf.Client(ctx)}, nil\n").replace(
    '\treq.Header.Set("Authorization", "Bearer "+c.token)\n', "")
SOURCE = KEPT.replace("tok, err := conf.Token(ctx)", "tok, err := conf.TokenSource(ctx).Token()")


@pytest.mark.parametrize(("text", "expected"), [
    (KEPT, [("OIN301", "okta.go", 17), ("OIN303", "okta.go", 32)]),
    (PER_CALL, [("OIN304", "okta.go", 11)]),
    (WITH_EXPIRY, [("OIN303", "okta.go", 37)]),
    (CLIENT, []),
    (SOURCE, []),
], ids=["kept", "per-call", "kept-with-expiry", "client", "token-source"])
def test_clientcredentials_token_is_judged_by_what_the_code_does_with_it(
        text: str, expected: list[tuple[str, str, int]]) -> None:
    assert CLIENT != KEPT and SOURCE != KEPT and WITH_EXPIRY.count("until") == 3
    assert all_hits({"okta.go": text}) == expected
