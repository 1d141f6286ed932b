# ruff: noqa: E501  (the snippets are source files with their own line lengths)
"""Go resty: a token request's answer handed to ``SetResult(&tok)`` lands in ``tok``, and
``client.SetAuthToken(tok.AccessToken)`` keeps the token in the client for every request, so
the token goes where the client goes (a struct a constructor returns: kept for its life). It
used to be taken for a local of one call."""

from __future__ import annotations

import pytest
from project_rules import all_hits

KEPT = '''package okta

import (
	"github.com/go-resty/resty/v2"
)

type Client struct {
	r *resty.Client
}

type tokenResp struct {
	AccessToken string `json:"access_token"`
	ExpiresIn   int    `json:"expires_in"`
}

func New(org, id, secret string) (*Client, error) {
	r := resty.New().SetBaseURL(org)
	var tok tokenResp
	_, err := r.R().SetBasicAuth(id, secret).
		SetFormData(map[string]string{"grant_type": "client_credentials", "scope": "okta.users.read"}).
		SetResult(&tok).Post("/oauth2/v1/token")
	if err != nil {
		return nil, err
	}
	r.SetAuthToken(tok.AccessToken)
	return &Client{r: r}, nil
}

func (c *Client) Users() ([]byte, error) {
	resp, err := c.r.R().Get("/api/v1/users")
	return resp.Body(), err
}
'''

# the client renews its token when it nears ``expires_in``: only the 401 answer is missing
WITH_EXPIRY = KEPT.replace("type Client struct {\n\tr *resty.Client\n}", "type Client struct {\n\tr     *resty.Client\n\tuntil time.Time\n}").replace(
    'import (\n', 'import (\n\t"time"\n').replace(
    "\treturn &Client{r: r}, nil",
    "\treturn &Client{r: r, until: time.Now().Add(time.Duration(tok.ExpiresIn-60) * time.Second)}, nil")

# the token set on the client is not the token request's: a static one from the environment
NOT_THE_TOKEN = KEPT.replace("r.SetAuthToken(tok.AccessToken)", 'r.SetAuthToken(os.Getenv("OTHER_TOKEN"))').replace(
    'import (\n', 'import (\n\t"os"\n')


@pytest.mark.parametrize(("text", "expected"), [
    (KEPT, [("OIN301", "okta.go", 19), ("OIN303", "okta.go", 19)]),
    (WITH_EXPIRY, [("OIN303", "okta.go", 21)]),
], ids=["kept-in-the-client", "kept-with-its-expiry"])
def test_resty_token_follows_its_client(text: str, expected: list[tuple[str, str, int]]) -> None:
    assert all_hits({"okta.go": text}) == expected


def test_a_client_given_another_token_does_not_keep_the_fetched_one() -> None:
    assert [h for h in all_hits({"okta.go": NOT_THE_TOKEN}) if h[0] in ("OIN301", "OIN303")] == []
