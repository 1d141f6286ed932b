# ruff: noqa: E501  (the snippets are source files with their own line lengths)
"""A Go SDK-style client: the token request's body is JSON written as a constant format
(``{"grant_type": "client_credentials"}``), the client's ``GetAccessToken(creds)`` is called by a
handler of another file that keeps the token and asks it ``IsExpired()``, and the client's own
``AccessToken()`` calls the handler interface's ``GetAccessToken()`` (no argument: another
function of that name). The kept token is sent by the client's ``authenticate``."""

from __future__ import annotations

from project_rules import all_hits, parsed

from oinlint.facts import TokenHandoff, TokenRequest

CLIENT_GO = '''package okta

import (
	"fmt"
	"net/http"
	"strings"
)

const tokenBody = `{
	"client_id": "%s",
	"client_secret": "%s",
	"grant_type": "client_credentials"
}`

type Client struct {
	http    *http.Client
	Org     string
	handler AccessTokenHandler
}

func (c *Client) AccessToken() (string, error) {
	return c.handler.GetAccessToken()
}

func (c *Client) GetAccessToken(creds *Credentials) (*AccessToken, error) {
	body := fmt.Sprintf(tokenBody, creds.ID, creds.Secret)
	req, err := http.NewRequest(http.MethodPost, creds.TokenURL, strings.NewReader(body))
	if err != nil {
		return nil, err
	}
	rsp, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer rsp.Body.Close()
	token := &AccessToken{}
	if err = token.Load(rsp.Body); err != nil {
		return nil, err
	}
	return token, nil
}

func (c *Client) authenticate(req *http.Request) (*http.Request, error) {
	token, err := c.AccessToken()
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", fmt.Sprintf("Bearer %s", token))
	return req, nil
}

func (c *Client) get(path string) (*http.Response, error) {
	req, _ := http.NewRequest(http.MethodGet, "https://"+c.Org+path, nil)
	req, err := c.authenticate(req)
	if err != nil {
		return nil, err
	}
	return c.http.Do(req)
}
'''

HANDLERS_GO = '''package okta

type AccessTokenHandler interface {
	GetAccessToken() (string, error)
}

type CredentialsHandler struct {
	client      *Client
	creds       *Credentials
	accessToken *AccessToken
}

func (h *CredentialsHandler) GetAccessToken() (string, error) {
	if h.accessToken != nil && !h.accessToken.IsExpired() {
		return h.accessToken.Token, nil
	}
	accessToken, err := h.client.GetAccessToken(h.creds)
	if err != nil {
		return "", err
	}
	h.accessToken = accessToken
	return accessToken.Token, nil
}
'''


def test_a_json_body_written_as_a_constant_names_the_grant() -> None:
    facts = parsed({"okta/client.go": CLIENT_GO})[0]
    assert [r.grant_type for r in facts.of(TokenRequest)] == ["client_credentials"]


def test_a_call_with_another_number_of_arguments_is_another_function() -> None:
    # ``c.handler.GetAccessToken()`` is the interface's, not ``GetAccessToken(creds)``: the
    # token is handed to the caller in another file, not used by ``authenticate`` here
    facts = parsed({"okta/client.go": CLIENT_GO})[0]
    assert [r.exported_by for r in facts.of(TokenRequest)] == ["Client.GetAccessToken"]
    same_arity = CLIENT_GO.replace("return c.handler.GetAccessToken()",
                                   "return c.GetAccessToken(c.creds)")
    facts = parsed({"okta/client.go": same_arity})[0]
    assert [r.exported_by for r in facts.of(TokenRequest)] == [None]


def test_the_handlers_expiry_predicate_is_expiry_handling() -> None:
    facts = parsed({"okta/handlers.go": HANDLERS_GO})[0]
    assert [(h.caching, h.expiry_read, h.clock_used) for h in facts.of(TokenHandoff)] == [
        ("instance", True, True)]
    unchecked = HANDLERS_GO.replace(" && !h.accessToken.IsExpired()", "")
    facts = parsed({"okta/handlers.go": unchecked})[0]
    assert [(h.caching, h.expiry_read, h.clock_used) for h in facts.of(TokenHandoff)] == [
        ("instance", False, False)]


def test_the_kept_token_is_reported_where_the_client_sends_it() -> None:
    files = {"okta/client.go": CLIENT_GO, "okta/handlers.go": HANDLERS_GO}
    # kept by the handler with its expiry checked: no OIN301/OIN302; no 401 answered: OIN303
    # where ``authenticate`` puts it in the header (not at the handler's call)
    assert all_hits(files) == [("OIN303", "okta/client.go", 48)]


def test_without_a_token_request_an_unresolved_clients_header_is_not_guessed() -> None:
    # no token request anywhere: only headers on calls that resolve to Okta's API are said to
    # send a token got outside the checked files (this client's calls do not resolve)
    start = CLIENT_GO.index("func (c *Client) GetAccessToken(")
    end = CLIENT_GO.index("func (c *Client) authenticate(")
    files = {"okta/client.go": CLIENT_GO[:start] + CLIENT_GO[end:]}
    assert all_hits(files) == []


JAVA_KEEPER = '''package com.acme.okta;

public class OktaTokens {
    private String token;

    public String token() {
        if (token == null) {
            token = rest.postForObject(org + "/oauth2/v1/token",
                "grant_type=client_credentials&scope=okta.users.read", Map.class).get("access_token");
        }
        return token;
    }

    public Object users() {
        return rest.exchange(org + "/api/v1/users", HttpMethod.GET, new HttpEntity<>(headers("Bearer " + token())), Object.class);
    }
}
'''


def test_a_token_kept_by_one_language_is_not_sent_by_another() -> None:
    start = CLIENT_GO.index("func (c *Client) GetAccessToken(")
    end = CLIENT_GO.index("func (c *Client) authenticate(")
    files = {"okta/client.go": CLIENT_GO[:start] + CLIENT_GO[end:],
             "java/OktaTokens.java": JAVA_KEEPER}
    assert [(code, path) for code, path, _ in all_hits(files) if code == "OIN303"
            and path.endswith(".go")] == []
