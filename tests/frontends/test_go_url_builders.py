# ruff: noqa: E501  (the snippets are source files with their own line lengths)
"""Go URL builders of the same file, evaluated with each call's arguments: a method
``func (c *Client) url(path string) string { return "https://" + c.org + "/api/v1" + path }``
then ``http.Get(c.url("/users"))`` is ``GET /api/v1/users`` (it was an unknown URL)."""

from __future__ import annotations

import pytest

from oinlint.facts import ApiCall, ScopeList
from oinlint.frontends import parse

CLIENT = '''package okta

import (
	"fmt"
	"net/http"
)

type Client struct{ org string }

BUILDER

func (c *Client) Users() (*http.Response, error) {
	return http.Get(CALL)
}
'''


def calls(builder: str, call: str) -> list[tuple[str | None, str | None]]:
    source = CLIENT.replace("BUILDER", builder).replace("CALL", call)
    return [(c.method, c.path_template) for c in parse("okta.go", source, "go").of(ApiCall)]


@pytest.mark.parametrize(("builder", "call"), [
    pytest.param('func (c *Client) url(path string) string {\n'
                 '\treturn "https://" + c.org + "/api/v1" + path\n}', 'c.url("/users")',
                 id="method"),
    pytest.param('func apiURL(org, path string) string {\n'
                 '\treturn fmt.Sprintf("https://%s/api/v1%s", org, path)\n}',
                 'apiURL(c.org, "/users")', id="function-sprintf"),
])
def test_a_builder_is_evaluated_with_the_calls_arguments(builder: str, call: str) -> None:
    assert calls(builder, call) == [("GET", "/api/v1/users")]


def test_a_builder_with_several_returns_is_not_guessed() -> None:
    builder = ('func (c *Client) url(path string, v2 bool) string {\n'
               '\tif v2 {\n\t\treturn "https://" + c.org + "/api/v2" + path\n\t}\n'
               '\treturn "https://" + c.org + "/api/v1" + path\n}')
    assert calls(builder, 'c.url("/users", false)') == []


def test_two_functions_of_one_name_are_not_guessed() -> None:
    builder = ('func (c *Client) url(path string) string {\n'
               '\treturn "https://" + c.org + "/api/v1" + path\n}\n'
               'type Other struct{}\n'
               'func (o *Other) url(path string) string {\n'
               '\treturn "https://example.com" + path\n}')
    assert calls(builder, 'c.url("/users")') == []


# -- an environment value given a default when it is empty -------------------------------------

SCOPES_GO = '''package okta

import (
	"net/http"
	"net/url"
	"os"
)

func token(org string) (*http.Response, error) {
	scopes := os.Getenv("OKTA_SCOPES")
	if scopes == "" {
		scopes = DEFAULT
	}
	return http.PostForm("https://"+org+"/oauth2/v1/token", url.Values{"grant_type": {"client_credentials"}, "scope": {scopes}})
}
'''


def requested(default: str) -> list[tuple[str, int]]:
    facts = parse("okta.go", SCOPES_GO.replace("DEFAULT", default), "go")
    return sorted({(r.name, r.span.line) for s in facts.of(ScopeList) if s.role == "token-request"
                   for r in s.scopes})


def test_the_default_given_to_an_empty_environment_value_is_requested() -> None:
    # at the literal, where the words are written
    assert requested('"okta.users.read okta.groups.read"') == [
        ("okta.groups.read", 12), ("okta.users.read", 12)]


@pytest.mark.parametrize("default", ['""', 'strings.TrimSpace(flagValue)'])
def test_an_empty_or_unknown_default_stays_unknown(default: str) -> None:
    assert requested(default) == []
