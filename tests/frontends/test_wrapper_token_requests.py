"""A token request sent through the integration's own HTTP helper is recognised by its form
(``grant_type=client_credentials``), whatever the helper does with its URL: XSOAR's
``self._http_request(method="POST", full_url=…, data={…})``, a client's ``this.apiCall(URL, {},
{ grant_type: 'client_credentials' })``. The form must name the grant; a helper handed a body
without it, or the body of an HTTP call already seen, is no token request of its own."""

from __future__ import annotations

import textwrap

import pytest

from oinlint import frontends
from oinlint.facts import TokenRequest

LANGUAGES = {".py": "python", ".js": "javascript", ".ts": "typescript", ".php": "php",
             ".go": "go"}


def requests_of(name: str, source: str) -> list[tuple[int, str | None, str, str]]:
    facts = frontends.parse(name, textwrap.dedent(source), LANGUAGES[name[name.rindex("."):]])
    return [(r.span.line, r.grant_type, r.via, r.caching) for r in facts.of(TokenRequest)]


def test_python_own_http_helper_with_a_client_credentials_form() -> None:
    assert requests_of("client.py", """\
        TOKEN_URL = "https://example.okta.com/oauth2/v1/token"

        class Client(BaseClient):
            def token(self):
                res = self._http_request(method="POST", full_url=TOKEN_URL,
                                         data={"grant_type": "client_credentials",
                                               "scope": "okta.users.read"},
                                         auth=(self.client_id, self.secret))
                self._token = res.get("access_token")
                return self._token
        """) == [(5, "client_credentials", "http", "instance")]


@pytest.mark.parametrize("body", [
    'data={"grant_type": "authorization_code", "code": code}',
    'json={"name": "x"}',
    'params={"limit": 200}',
])
def test_python_helper_without_the_grant_is_no_token_request(body: str) -> None:
    assert requests_of("client.py", f"""\
        class Client(BaseClient):
            def call(self, code):
                return self._http_request(method="POST", url_suffix="/x", {body})
        """) == []


def test_js_own_api_call_helper_with_a_grant_in_its_form() -> None:
    assert requests_of("ims.js", """\
        export class Ims {
          async token() {
            if (this.cached) return this.cached;
            const res = await this.apiCall(TOKEN_URL, {}, {
              client_id: this.config.clientId,
              client_secret: this.config.clientSecret,
              grant_type: 'client_credentials',
            });
            const { access_token, expires_in } = await res.json();
            this.cached = { access_token, expires_in };
            return this.cached;
          }
        }
        """) == [(4, "client_credentials", "wrapper:apiCall", "instance")]


def test_js_helper_with_another_grant_is_no_token_request() -> None:
    assert requests_of("ims.js", """\
        export async function exchange(code) {
          return apiCall(TOKEN_URL, {}, { grant_type: 'authorization_code', code });
        }
        """) == []


def test_php_body_of_a_curl_request_is_not_a_second_request() -> None:
    found = requests_of("t.php", """\
        <?php
        function token($org) {
            $ch = curl_init("https://{$org}/oauth2/v1/token");
            curl_setopt($ch, CURLOPT_POSTFIELDS, http_build_query([
                'grant_type' => 'client_credentials', 'scope' => 'okta.apps.read']));
            return curl_exec($ch);
        }
        """)
    assert [line for line, *_ in found] == [3]


def test_go_form_inside_the_request_is_not_a_second_request() -> None:
    found = requests_of("t.go", """\
        package okta
        func (c *Client) Token(ctx context.Context) error {
            req, _ := http.NewRequestWithContext(ctx, "POST", c.org+"/oauth2/v1/token",
                strings.NewReader("grant_type=client_credentials"))
            _, err := c.hc.Do(req)
            return err
        }
        """)
    assert [line for line, *_ in found] == [3]
