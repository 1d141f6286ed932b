"""Go: a constructor that fetches a token and returns it in a struct (``return &Client{token:
tok.AccessToken}``) keeps the token as long as its caller keeps the struct. Made anew in the
function that calls the API, for each call, it is a token per call (OIN304) rather than one kept
for good (OIN301); made once (``main``) or kept in a package variable, it is kept."""

from __future__ import annotations

import pytest
from project_rules import all_hits

CLIENT = '''package okta

import (
	"context"
	"net/http"

	"golang.org/x/oauth2/clientcredentials"
)

var shared *Client

type Client struct {
	org   string
	token string
	hc    *http.Client
}

func New(ctx context.Context, org, id, secret string) (*Client, error) {
	conf := &clientcredentials.Config{ClientID: id, ClientSecret: secret,
		TokenURL: org + "/oauth2/v1/token", Scopes: []string{"okta.users.read"}}
	tok, err := conf.Token(ctx)
	if err != nil {
		return nil, err
	}
	return &Client{org: org, token: tok.AccessToken, hc: http.DefaultClient}, nil
}

func (c *Client) get(path string) (*http.Response, error) {
	req, _ := http.NewRequest("GET", c.org+path, nil)
	req.Header.Set("Authorization", "Bearer "+c.token)
	return c.hc.Do(req)
}
'''

PER_CALL = CLIENT + '''
func ListUsers(ctx context.Context, org, id, secret string) (*http.Response, error) {
	c, err := New(ctx, org, id, secret)
	if err != nil {
		return nil, err
	}
	return c.get("/api/v1/users")
}
'''

ONCE_IN_MAIN = CLIENT + '''
func main() {
	c, _ := New(context.Background(), "https://acme.okta.com", "id", "secret")
	for {
		c.get("/api/v1/users")
	}
}
'''

IN_A_PACKAGE_VARIABLE = CLIENT + '''
func Init(ctx context.Context, org, id, secret string) error {
	c, err := New(ctx, org, id, secret)
	shared = c
	return err
}
'''


def test_a_constructor_made_for_each_api_call_is_a_token_per_call() -> None:
    assert all_hits({"okta.go": PER_CALL}) == [("OIN304", "okta.go", 35)]  # at New(…)


@pytest.mark.parametrize("text", [ONCE_IN_MAIN, IN_A_PACKAGE_VARIABLE, CLIENT],
                         ids=["once-in-main", "kept-in-a-package-variable", "not-called-here"])
def test_a_constructor_kept_by_its_caller_keeps_the_token(text: str) -> None:
    codes = {code for code, _, _ in all_hits({"okta.go": text})}
    assert "OIN304" not in codes and "OIN301" in codes
