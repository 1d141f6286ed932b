"""Go URL builders of the same file, evaluated with each call's arguments: a method
``func (c *Client) url(path string) string { return "https://" + c.org + "/api/v1" + path }``
then ``http.Get(c.url("/users"))`` is ``GET /api/v1/users`` (it was an unknown URL)."""

from __future__ import annotations

import pytest

from oinlint.facts import ApiCall
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
