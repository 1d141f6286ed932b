"""Token-lifecycle facts from the tree-sitter front ends (the lifecycle pass and each language's
LifecycleSyntax): where a token request's token is kept (``caching``), whether it is fetched
per API call or in a loop, expiry and clock reads, 401 checks (``ResponseHandling``), refresh
tokens (``RefreshTokenUse``), and an honest ``unknown`` (plus ``Unresolved``) when the fate is
not visible in the file. The corpus (tests/corpus/lifecycle) scores the rules; these pin the
facts."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from sourcespan import span_in

from oinlint import frontends
from oinlint.config import Settings
from oinlint.engine import check
from oinlint.facts import FileFacts, RefreshTokenUse, ResponseHandling, TokenRequest, Unresolved

PATHS = {"javascript": "t.js", "typescript": "t.ts", "go": "t.go", "java": "T.java",
         "csharp": "T.cs", "ruby": "t.rb", "php": "t.php"}


def parse(language: str, source: str) -> FileFacts:
    return frontends.parse(PATHS[language], textwrap.dedent(source), language)


def request(language: str, source: str) -> TokenRequest:
    facts = parse(language, source)
    assert not facts.problems, facts.problems
    found = list(facts.of(TokenRequest))
    assert len(found) == 1, found
    return found[0]


def line_of(language: str, source: str, needle: str) -> int:
    return span_in(PATHS[language], source, needle).line


# -- JavaScript / TypeScript ----------------------------------------------------------------

JS_MODULE = """\
    const axios = require('axios');
    async function getToken() {
      const res = await axios.post(`${process.env.ORG}/oauth2/v1/token`,
        'grant_type=client_credentials&scope=okta.users.read', { auth: AUTH });
      return res.data.access_token;
    }
    const tokenPromise = getToken();
    async function users() {
      const token = await tokenPromise;
      return axios.get(`${process.env.ORG}/api/v1/users`,
        { headers: { Authorization: `Bearer ${token}` } });
    }
"""

JS_INSTANCE = """\
    class Okta {
      async token() {
        if (!this.accessToken) {
          const { data } = await axios.post(`${this.org}/oauth2/v1/token`,
            new URLSearchParams({ grant_type: 'client_credentials' }), { auth: this.auth });
          this.accessToken = data.access_token;
        }
        return this.accessToken;
      }
    }
"""

JS_EXPIRY = """\
    class Tokens {
      async get(org) {
        const hit = this.cache.get(org.domain);
        if (hit && Date.now() < hit.expiresAt) return hit.token;
        const body = await this.fetch(org);
        this.cache.set(org.domain,
          { token: body.access_token, expiresAt: Date.now() + body.expires_in * 1000 });
        return body.access_token;
      }
      async fetch(org) {
        const res = await fetch(`https://${org.domain}/oauth2/v1/token`, {
          method: 'POST', body: 'grant_type=client_credentials&scope=okta.users.read' });
        return res.json();
      }
    }
"""

JS_LOOP = """\
    async function token(org) {
      const res = await fetch(`https://${org}/oauth2/v1/token`, {
        method: 'POST', body: 'grant_type=client_credentials' });
      return (await res.json()).access_token;
    }
    async function suspendAll(org, ids) {
      for (const id of ids) {
        const t = await token(org);
        await fetch(`https://${org}/api/v1/users/${id}/lifecycle/suspend`,
          { method: 'POST', headers: { Authorization: `Bearer ${t}` } });
      }
    }
"""

JS_PER_ORG = """\
    async function token(org) {
      const res = await fetch(`https://${org.domain}/oauth2/v1/token`, {
        method: 'POST', body: 'grant_type=client_credentials' });
      return (await res.json()).access_token;
    }
    async function nightly(orgs) {
      for (const org of orgs) {
        const t = await token(org);
        await exportUsers(org, t);
      }
    }
"""

JS_EXPORTED = """\
    export async function getToken(org) {
      const res = await fetch(`https://${org}/oauth2/v1/token`, {
        method: 'POST', body: 'grant_type=client_credentials' });
      return (await res.json()).access_token;
    }
"""


def test_js_token_fetched_at_module_load_is_module_state() -> None:
    found = request("javascript", JS_MODULE)
    assert found.caching == "module"
    assert found.site is not None
    assert found.site.line == line_of("javascript", JS_MODULE, "getToken();")
    assert (found.in_loop, found.per_call, found.expiry_read, found.clock_used) == (
        False, False, False, False)
    assert found.retry_on_401 is False


def test_js_lazy_field_and_destructuring_is_instance_state() -> None:
    found = request("typescript", JS_INSTANCE)
    assert found.caching == "instance" and found.site is None


def test_js_per_org_cache_with_expires_in_and_clock() -> None:
    found = request("javascript", JS_EXPIRY)
    assert found.caching == "per-org"
    assert found.expiry_read and found.clock_used and found.expiry_honoured


def test_js_fetch_inside_a_loop_over_items() -> None:
    found = request("javascript", JS_LOOP)
    assert found.caching == "none" and found.in_loop and found.per_call
    assert [s.line for s in found.fetch_sites] == [line_of("javascript", JS_LOOP, "token(org);")]


def test_js_loop_over_orgs_is_one_token_per_org() -> None:
    found = request("javascript", JS_PER_ORG)
    assert found.caching == "local" and not found.in_loop and not found.per_call


def test_js_fate_not_visible_stays_unknown() -> None:
    facts = parse("javascript", JS_EXPORTED)
    (found,) = facts.of(TokenRequest)
    assert found.caching == "unknown"
    assert [u.what for u in facts.of(Unresolved)] == ["token-lifecycle"]


def test_js_top_level_script_uses_its_token_for_one_run() -> None:
    source = """\
        const res = await fetch(`${ORG}/oauth2/v1/token`, { method: 'POST',
          body: 'grant_type=client_credentials' });
        const { access_token: token } = await res.json();
        console.log(await (await fetch(`${ORG}/api/v1/users`, {
          headers: { Authorization: `Bearer ${token}` } })).json());
    """
    assert request("javascript", source).caching == "local"


@pytest.mark.parametrize(("snippet", "expected"), [
    ("if (res.status === 401) { retry(); }", 1),
    ("switch (err.response.status) { case 401: refresh(); }", 1),
    ("if ([401, 403].includes(res.status)) {}", 1),
    ("res.status(401).send('no');", 0),  # sending a 401 is not handling one
    ("logger.info('got 401 from okta');", 0),
    ("// if (res.status === 401) retry", 0),
])
def test_js_401_checks(snippet: str, expected: int) -> None:
    assert len(list(parse("javascript", snippet).of(ResponseHandling))) == expected


def test_js_refresh_token_use_outside_messages() -> None:
    source = """\
        const body = { grant_type: 'refresh_token', refresh_token: saved };
        logger.warn('no refresh_token for client credentials');
    """
    uses = list(parse("javascript", source).of(RefreshTokenUse))
    # the grant type and the body key; not the log message
    assert [(u.span.line, u.span.column) for u in uses] == [(1, 28), (1, 45)]


# -- Go ---------------------------------------------------------------------------------------

GO_STRUCT = """\
    package okta

    type Client struct {
        token   string
        expires time.Time
    }

    func (c *Client) Token(ctx context.Context) (string, error) {
        if c.token != "" && time.Now().Before(c.expires) {
            return c.token, nil
        }
        req, _ := http.NewRequestWithContext(ctx, "POST", c.org+"/oauth2/v1/token",
            strings.NewReader("grant_type=client_credentials"))
        resp, err := c.hc.Do(req)
        if err != nil {
            return "", err
        }
        var tr tokenResponse
        json.NewDecoder(resp.Body).Decode(&tr)
        c.token = tr.AccessToken
        c.expires = time.Now().Add(time.Duration(tr.ExpiresIn) * time.Second)
        return c.token, nil
    }
"""

GO_CONSTRUCTOR = """\
    package okta

    type Client struct {
        token string
    }

    func fetch(org string) (string, error) {
        resp, err := http.PostForm(org+"/oauth2/v1/token",
            url.Values{"grant_type": {"client_credentials"}})
        if err != nil {
            return "", err
        }
        var body map[string]any
        json.NewDecoder(resp.Body).Decode(&body)
        return body["access_token"].(string), nil
    }

    func New(org string) (*Client, error) {
        tok, err := fetch(org)
        if err != nil {
            return nil, err
        }
        return &Client{token: tok}, nil
    }
"""


def test_go_receiver_field_with_expiry_through_an_out_parameter() -> None:
    found = request("go", GO_STRUCT)
    assert found.caching == "instance" and found.expiry_honoured


def test_go_struct_literal_returned_by_a_constructor_keeps_the_token() -> None:
    found = request("go", GO_CONSTRUCTOR)
    assert found.caching == "instance"
    assert found.site is not None and found.site.line == line_of("go", GO_CONSTRUCTOR,
                                                                 "fetch(org)\n")
    assert found.retry_on_401 is False


def test_go_library_token_source() -> None:
    source = """\
        package main
        func main() {
            cfg := clientcredentials.Config{ClientID: id, ClientSecret: s,
                TokenURL: org + "/oauth2/v1/token"}
            client := cfg.Client(ctx)
            _ = client
        }
    """
    assert request("go", source).caching == "library"


def test_go_401_constant_in_a_comparison() -> None:
    source = """\
        package p
        func f(resp *http.Response) bool { return resp.StatusCode == http.StatusUnauthorized }
    """
    assert len(list(parse("go", source).of(ResponseHandling))) == 1


# -- Java, C#, Ruby, PHP ----------------------------------------------------------------------

JAVA = """\
    class Gateway {
        private final String accessToken;
        Gateway() throws Exception {
            this.accessToken = requestToken();
        }
        private String requestToken() throws Exception {
            HttpRequest request = HttpRequest.newBuilder()
                    .uri(URI.create(org + "/oauth2/v1/token"))
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                    .build();
            HttpResponse<String> response = http.send(request,
                    HttpResponse.BodyHandlers.ofString());
            return mapper.readTree(response.body()).get("access_token").asText();
        }
    }
"""

CSHARP = """\
    public class Sync
    {
        private async Task<string> GetTokenAsync()
        {
            var response = await _http.PostAsync($"https://{_org}/oauth2/v1/token",
                Form("client_credentials"));
            var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
            return token!.AccessToken;
        }

        public async Task AddAsync(IEnumerable<string> userIds)
        {
            foreach (var userId in userIds)
            {
                var accessToken = await GetTokenAsync();
                using var request = new HttpRequestMessage(HttpMethod.Put, $"https://{_org}/api/v1/users/{userId}");
                request.Headers.Authorization =
                    new AuthenticationHeaderValue("Bearer", accessToken);
                await _http.SendAsync(request);
            }
        }
    }
"""

RUBY = """\
    class OktaClient
      def token
        @token ||= fetch_token
      end

      def fetch_token
        req = Net::HTTP::Post.new(URI("#{@org}/oauth2/v1/token"))
        req.set_form_data(grant_type: "client_credentials")
        res = Net::HTTP.start(@host, 443, use_ssl: true) { |http| http.request(req) }
        JSON.parse(res.body).fetch("access_token")
      end
    end
"""

PHP = """\
    <?php
    final class Okta
    {
        public function __construct(private Client $http)
        {
            $this->accessToken = $this->fetchToken();
        }

        private function fetchToken(): string
        {
            $response = $this->http->post($this->org . '/oauth2/v1/token', [
                'form_params' => ['grant_type' => 'client_credentials'],
            ]);
            return json_decode((string) $response->getBody(), true)['access_token'];
        }
    }
"""


def test_java_constructor_keeps_the_token_in_a_field() -> None:
    found = request("java", JAVA)
    assert found.caching == "instance"
    assert found.site is not None and found.site.line == line_of("java", JAVA, "requestToken();")


def test_csharp_fetch_per_item_in_a_foreach() -> None:
    found = request("csharp", CSHARP)
    assert found.caching == "none" and found.in_loop and found.per_call
    assert [s.line for s in found.fetch_sites] == [line_of("csharp", CSHARP, "GetTokenAsync();")]


def test_ruby_memoised_instance_variable_and_implicit_return() -> None:
    found = request("ruby", RUBY)
    assert found.caching == "instance"
    assert found.site is not None and found.site.line == line_of("ruby", RUBY, "fetch_token\n")


def test_php_constructor_keeps_the_token_in_a_property() -> None:
    found = request("php", PHP)
    assert found.caching == "instance"
    assert found.site is not None and found.site.line == line_of("php", PHP, "$this->fetchToken()")


def test_ruby_and_php_401_checks() -> None:
    assert len(list(parse("ruby", 'retry if res.code == "401"\n').of(ResponseHandling))) == 1
    assert len(list(parse("php", "<?php if ($r->getStatusCode() === 401) { $x = 1; }\n").of(
        ResponseHandling))) == 1


# -- through the engine -----------------------------------------------------------------------

def test_rules_fire_on_javascript_and_stay_silent_on_unknown(tmp_path: Path) -> None:
    (tmp_path / "module.js").write_text(textwrap.dedent(JS_MODULE), encoding="utf-8")
    (tmp_path / "exported.js").write_text(textwrap.dedent(JS_EXPORTED), encoding="utf-8")
    settings = Settings(root=tmp_path, select=("OIN3",), respect_gitignore=False)
    result = check([str(tmp_path)], settings)
    found = sorted((f.span.path.rsplit("/", 1)[-1], f.code, f.span.line) for f in result.active)
    assert found == [("module.js", "OIN301", 7), ("module.js", "OIN303", 11)]  # 303: sent there


def test_js_arrow_function_in_a_class_field_is_called_through_this() -> None:
    source = """\
        class Okta {
          fetchToken = async () => {
            const res = await fetch(`${this.org}/oauth2/v1/token`, {
              method: 'POST', body: 'grant_type=client_credentials' });
            return (await res.json()).access_token;
          };
          async init() {
            this.token = await this.fetchToken();
          }
        }
    """
    found = request("typescript", source)
    assert found.caching == "instance"
    assert found.site is not None and found.site.line == 8


def test_js_script_passing_its_token_to_helpers_is_one_run() -> None:
    source = """\
        async function listUsers(org, token) {
          const res = await fetch(`${org}/api/v1/users`,
            { headers: { Authorization: `Bearer ${token}` } });
          return res.json();
        }
        const res = await fetch(`${ORG}/oauth2/v1/token`, { method: 'POST',
          body: 'grant_type=client_credentials' });
        const token = (await res.json()).access_token;
        console.log(await listUsers(ORG, token));
    """
    assert request("javascript", source).caching == "local"
