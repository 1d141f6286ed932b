# ruff: noqa: E501  (the snippets are source files with their own line lengths)
"""OIN305 also sees a token response's refresh token read as a field (Go ``creds.RefreshToken``,
JS ``data.refreshToken``, Java ``r.getRefreshToken()``), not only the ``refresh_token`` string;
a method of the integration named ``refreshToken()`` that fetches a new client-credentials token
is not one."""

from __future__ import annotations

from project_rules import all_hits

GO = '''package okta

func (c *Client) login() error {
	form := url.Values{"grant_type": {"client_credentials"}, "scope": {"okta.users.read"}}
	resp, err := c.http.PostForm(c.org+"/oauth2/v1/token", form)
	if err != nil {
		return err
	}
	var creds TokenResponse
	json.NewDecoder(resp.Body).Decode(&creds)
	c.access = creds.AccessToken
	c.refresh = creds.RefreshToken
	return nil
}
'''

TS = '''export class Okta {{
  private token?: string;
  private refresh?: string;

  async {name}() {{
    const r = await axios.post(`${{org}}/oauth2/v1/token`, new URLSearchParams({{ grant_type: 'client_credentials', scope: 'okta.users.read' }}));
    this.token = r.data.access_token;
    {keep}
  }}
}}
'''

JAVA = '''class OktaTokens {
    void fetch() {
        HttpRequest req = HttpRequest.newBuilder(URI.create(org + "/oauth2/v1/token"))
            .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=okta.users.read")).build();
        TokenResponse r = mapper.readValue(http.send(req, ofString()).body(), TokenResponse.class);
        this.access = r.getAccessToken();
        this.refresh = r.getRefreshToken();
    }
}
'''


def _oin305(files: dict[str, str]) -> list[tuple[str, str, int]]:
    return [hit for hit in all_hits(files) if hit[0] == "OIN305"]


def test_go_refresh_token_field() -> None:
    assert _oin305({"okta.go": GO}) == [("OIN305", "okta.go", 12)]


def test_js_refresh_token_property_read() -> None:
    source = TS.format(name="fetchToken", keep="this.refresh = r.data.refreshToken;")
    assert _oin305({"okta.ts": source}) == [("OIN305", "okta.ts", 8)]


def test_an_own_method_named_refresh_token_is_not_a_refresh_token() -> None:
    source = TS.format(name="refreshToken", keep="")
    assert _oin305({"okta.ts": source}) == []


def test_java_getter() -> None:
    assert _oin305({"OktaTokens.java": JAVA}) == [("OIN305", "OktaTokens.java", 7)]


def test_a_go_field_without_client_credentials_is_not_judged() -> None:
    source = GO.replace('"client_credentials"', '"authorization_code"')
    assert _oin305({"okta.go": source}) == []
