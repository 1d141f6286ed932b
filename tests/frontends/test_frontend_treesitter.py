"""The tree-sitter front ends (JS/TS, Go, Java, C#, Ruby, PHP): exact facts and spans for the
shapes OIN1xx relies on, mentions that must stay silent, HTTP calls / token requests / scopes,
suppressions through the engine, grammar loading (once per process; a broken grammar is one
clear problem line) and random input that must never raise."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sourcespan import span_in

from oinlint import frontends
from oinlint.config import Settings
from oinlint.engine import check
from oinlint.facts import (
    ApiCall,
    AuthHeader,
    Fact,
    FileFacts,
    ScopeList,
    SdkClient,
    SecretLiteral,
    Span,
    TokenRequest,
    Unresolved,
)
from oinlint.frontends.languages import LANGUAGE_SPECS, SPEC_OF, LazyTreeSitter
from oinlint.frontends.treesitter import grammars
from oinlint.frontends.treesitter.frontend import TreeSitterLanguage
from oinlint.frontends.treesitter.values import HOLE, StrValue, format_holes, split_url

TOKEN = "00FAKEoinlintTsTestTOKENx7Qm2Lp9Rv4Tz8WpKq"
PEM_BODY = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7FAKEoinlintNOTaREALkey0123"
SECRET = "FAKEsecret-oinlint-9xQ2vL7pW4kR8tZ1mN6bY3"
PATHS = {"javascript": "t.js", "typescript": "t.ts", "tsx": "t.tsx", "go": "t.go",
         "java": "T.java", "csharp": "T.cs", "ruby": "t.rb", "php": "t.php"}


def parse(language: str, source: str) -> FileFacts:
    return frontends.parse(PATHS[language], textwrap.dedent(source), language)


def span_of(language: str, source: str, needle: str, occurrence: int = 1) -> Span:
    return span_in(PATHS[language], source, needle, occurrence)


def inner(language: str, source: str, needle: str, sub: str) -> Span:
    """The span of the last ``sub`` inside the first ``needle``."""
    outer = span_of(language, source, needle)
    at = needle.rindex(sub)
    return Span(outer.path, outer.line, outer.column + at, outer.line,
                outer.column + at + len(sub))


def headers(language: str, source: str) -> list[tuple[Span, str | None, str, str]]:
    return [(h.span, h.scheme, h.via, h.context) for h in parse(language, source).of(AuthHeader)]


def kinds(facts: FileFacts) -> list[str]:
    return [type(f).__name__ for f in facts.facts]


def secrets(language: str, source: str) -> list[tuple[Span, str, str | None]]:
    return [(s.span, s.kind, s.name) for s in parse(language, source).of(SecretLiteral)]


# -- JavaScript / TypeScript ------------------------------------------------------------------

JS_HEADERS = """\
    const SCHEME = "SSWS";
    class Api {
      auth(t) { this.h['Authorization'] = `${SCHEME} ${t}`; }
    }
    export async function users(org, token) {
      return fetch(`https://${org}/api/v1/users?limit=2`, {
        headers: { Accept: 'application/json', authorization: 'SSWS ' + token },
      });
    }
"""


def test_js_header_object_subscript_constant_template_and_context() -> None:
    assert headers("javascript", JS_HEADERS) == [
        (span_of("javascript", JS_HEADERS, "`${SCHEME} ${t}`"), "SSWS", "template", "Api.auth"),
        (span_of("javascript", JS_HEADERS, "'SSWS ' + token"), "SSWS", "concat", "users"),
    ]


def test_js_setters_headers_class_join_and_value_in_a_variable() -> None:
    source = """\
        const value = ['SSWS', token].join(' ');
        req.setHeader('Authorization', value);
        const h = new Headers([['Authorization', `Bearer ${access}`]]);
        axios.defaults.headers.common.Authorization = util.format('SSWS %s', t);
    """
    assert headers("typescript", source) == [
        (span_of("typescript", source, "value", 2), "SSWS", "constant", ""),
        (span_of("typescript", source, "`Bearer ${access}`"), "Bearer", "template", ""),
        (span_of("typescript", source, "util.format('SSWS %s', t)"), "SSWS", "format", ""),
    ]


def test_js_mentions_are_not_headers() -> None:
    source = """\
        // Authorization: SSWS <token> was removed
        if (header.startsWith('SSWS ')) {
          console.warn('SSWS ' + header.slice(5));
          throw new Error(`SSWS ${header} is not allowed`);
        }
        const isLegacy = value === 'SSWS ' + token;
        const headers = { 'X-Scheme': 'SSWS', Authorization: `Bearer ${t}` };
    """
    assert [(s, h) for _, s, h, _ in headers("javascript", source)] == [("Bearer", "template")]


def test_js_sdk_client_inline_named_import_and_bound_config() -> None:
    source = """\
        import okta from '@okta/okta-sdk-nodejs';
        import { Client as OktaClient } from '@okta/okta-sdk-nodejs';
        const a = new okta.Client({ orgUrl: u, token: process.env.OKTA_API_TOKEN });
        const config = { orgUrl: u, authorizationMode: 'PrivateKey', clientId: id,
                         scopes: ['okta.users.read'], privateKey: key };
        const b = new OktaClient(config);
        const c = new OktaClient(loadConfig());
        const d = new Other.Client({ token: t });
    """
    facts = parse("typescript", source)
    clients = [(c.sdk, c.auth_mode, c.options, c.token_span) for c in facts.of(SdkClient)]
    assert clients == [
        ("okta-sdk-nodejs", None, ("orgUrl", "token"),
         span_of("typescript", source, "process.env.OKTA_API_TOKEN")),
        ("okta-sdk-nodejs", "PrivateKey",
         ("orgUrl", "authorizationMode", "clientId", "scopes", "privateKey"), None),
    ]
    assert [u.what for u in facts.of(Unresolved)] == ["okta-sdk-nodejs config"]
    (scopes,) = facts.of(ScopeList)
    assert scopes.role == "sdk-config"
    assert [(r.name, r.span) for r in scopes.scopes] == [
        ("okta.users.read", span_of("typescript", source, "okta.users.read"))]


def test_js_secrets_api_token_pem_jwk_and_env_default() -> None:
    source = f"""\
        // rotated: {TOKEN}
        const okta = {{ clientSecret: '{SECRET}', clientId: '0oa1fakeoinlintId' }};
        const s = process.env.OKTA_CLIENT_SECRET || '{SECRET}';
        const placeholder = {{ clientSecret: '<your-client-secret>', other: process.env.X }};
        const key = '-----BEGIN PRIVATE KEY-----\\n' +
          '{PEM_BODY}\\n' +
          '-----END PRIVATE KEY-----';
        const jwk = {{ kty: 'RSA', n: 'abc', d: 'FAKEoinlintPrivateExponentQw3Er5Ty7Ui9Op1' }};
    """
    assert secrets("javascript", source) == [
        (span_of("javascript", source, TOKEN), "api-token", None),
        (span_of("javascript", source, f"'{SECRET}'"), "client-secret", "clientSecret"),
        (span_of("javascript", source, f"'{SECRET}'", 2), "client-secret", "OKTA_CLIENT_SECRET"),
        (Span("t.js", 5, 13, 7, 30), "private-key", "key"),
        (span_of("javascript", source, "'FAKEoinlintPrivateExponentQw3Er5Ty7Ui9Op1'"),
         "private-key", "jwk"),
    ]


def test_js_http_calls_token_request_and_scopes() -> None:
    source = """\
        await axios.get(`https://${org}/api/v1/groups/${id}/users?limit=200`);
        await fetch(`https://${org}/oauth2/v1/token`, {
          method: 'POST', redirect: 'error',
          headers: { Authorization: `Basic ${basic}` },
          body: new URLSearchParams({
            grant_type: 'client_credentials', scope: 'okta.users.read okta.groups.read' }),
        });
        await got.post('https://acme.okta.com/oauth2/default/v1/token',
                       { form: { grant_type: 'client_credentials' } });
    """
    facts = parse("javascript", source)
    (call,) = facts.of(ApiCall)
    assert (call.method, call.path_template, call.base_url, call.via) == (
        "GET", "/api/v1/groups/{}/users", "https://{}", "axios.get")
    org, custom = facts.of(TokenRequest)
    assert (org.endpoint_kind, org.url_template, org.grant_type, org.client_auth,
            org.follow_redirects) == (
        "org", "https://{}/oauth2/v1/token", "client_credentials", "basic", False)
    assert [r.name for r in org.scopes] == ["okta.users.read", "okta.groups.read"]
    assert org.scopes[1].span == span_of("javascript", source, "okta.groups.read")
    assert (custom.endpoint_kind, custom.client_auth) == ("custom", "unknown")
    assert [s.role for s in facts.of(ScopeList)] == ["token-request"]


# -- Go ----------------------------------------------------------------------------------------

GO_SOURCE = """\
    package okta

    import (
        "fmt"
        sdk "github.com/okta/okta-sdk-golang/v5/okta"
    )

    const scheme = "SSWS"

    func (c *Client) newRequest(url, apiToken string) {
        req.Header.Set("Authorization", scheme+" "+apiToken)
        req.Header["Authorization"] = []string{fmt.Sprintf("SSWS %s", apiToken)}
        h := http.Header{"Authorization": {"Bearer " + access}}
        cfg, _ := sdk.NewConfiguration(sdk.WithOrgUrl(u), sdk.WithToken(apiToken))
        bearer, _ := sdk.NewConfiguration(sdk.WithAuthorizationMode("Bearer"), sdk.WithToken(t))
    }
"""


def test_go_headers_sprintf_constant_and_receiver_context() -> None:
    assert headers("go", GO_SOURCE) == [
        (span_of("go", GO_SOURCE, 'scheme+" "+apiToken'), "SSWS", "concat", "Client.newRequest"),
        (span_of("go", GO_SOURCE, 'fmt.Sprintf("SSWS %s", apiToken)'), "SSWS", "format",
         "Client.newRequest"),
        (span_of("go", GO_SOURCE, '"Bearer " + access'), "Bearer", "concat",
         "Client.newRequest"),
    ]


def test_go_sdk_configuration_alias_and_modes() -> None:
    clients = [(c.sdk, c.auth_mode, c.options, c.token_span)
               for c in parse("go", GO_SOURCE).of(SdkClient)]
    assert clients == [
        ("okta-sdk-golang", None, ("orgUrl", "token"),
         inner("go", GO_SOURCE, "sdk.WithToken(apiToken)", "apiToken")),
        ("okta-sdk-golang", "Bearer", ("authorizationMode", "token"),
         inner("go", GO_SOURCE, "sdk.WithToken(t)", "t")),
    ]


def test_go_options_slice_and_other_with_token_packages() -> None:
    source = """\
        package okta

        import "github.com/okta/okta-sdk-golang/v5/okta"

        func opts(t string) []okta.ConfigSetter {
            return []okta.ConfigSetter{okta.WithOrgUrl(u), okta.WithToken(t)}
        }

        func other(t string) { vault.WithToken(t) }
    """
    (client,) = parse("go", source).of(SdkClient)
    assert (client.options, client.token_span) == (
        ("orgUrl", "token"), inner("go", source, "okta.WithToken(t)", "t"))


def test_go_mentions_secrets_and_http() -> None:
    source = f"""\
        package main

        // Authorization: SSWS {TOKEN}
        var ErrToken = errors.New("SSWS tokens are not supported")

        func main() {{
            log.Printf("SSWS %s", t)
            if strings.HasPrefix(h, "SSWS ") {{ panic("SSWS " + h) }}
            cc := clientcredentials.Config{{
                ClientID:     "0oa1fakeoinlintGoId",
                ClientSecret: "{SECRET}",
                TokenURL:     "https://" + org + "/oauth2/v1/token",
                Scopes:       []string{{"okta.users.read"}},
                AuthStyle:    oauth2.AuthStyleInHeader,
            }}
            url := fmt.Sprintf("https://%s/api/v1/apps", org)
            req, _ := http.NewRequest(http.MethodGet, url, nil)
        }}
    """
    facts = parse("go", source)
    assert list(facts.of(AuthHeader)) == []
    assert [(s.kind, s.name) for s in facts.of(SecretLiteral)] == [
        ("api-token", None), ("client-secret", "ClientSecret")]
    (request,) = facts.of(TokenRequest)
    assert (request.endpoint_kind, request.client_auth, request.grant_type, request.via) == (
        "org", "basic", "client_credentials", "clientcredentials")
    (call,) = facts.of(ApiCall)
    assert (call.method, call.path_template) == ("GET", "/api/v1/apps")
    assert facts.comments[0].text == f"Authorization: SSWS {TOKEN}"


def test_go_raw_string_pem_key() -> None:
    source = f"""\
        package keys

        const pem = `-----BEGIN RSA PRIVATE KEY-----
        {PEM_BODY}
        -----END RSA PRIVATE KEY-----`
    """
    assert secrets("go", source) == [(Span("t.go", 3, 13, 5, 31), "private-key", "pem")]


# -- Java --------------------------------------------------------------------------------------

JAVA_SOURCE = """\
    class OktaUsers {
        private static final String SCHEME = "SSWS";
        HttpURLConnection open(URL url, String apiToken) throws IOException {
            conn.setRequestProperty("Authorization", SCHEME + " " + apiToken);
            req.header(HttpHeaders.AUTHORIZATION, String.format("SSWS %s", apiToken));
            headers.set("Authorization", "Bearer " + access);
            LOG.info("SSWS " + apiToken);
            if (h.startsWith("SSWS ")) { throw new IllegalStateException("SSWS " + h); }
            return conn;
        }
    }
"""


def test_java_headers_constant_format_and_header_constant_key() -> None:
    assert headers("java", JAVA_SOURCE) == [
        (span_of("java", JAVA_SOURCE, 'SCHEME + " " + apiToken'), "SSWS", "concat",
         "OktaUsers.open"),
        (span_of("java", JAVA_SOURCE, 'String.format("SSWS %s", apiToken)'), "SSWS", "format",
         "OktaUsers.open"),
        (span_of("java", JAVA_SOURCE, '"Bearer " + access'), "Bearer", "concat",
         "OktaUsers.open"),
    ]


def test_java_sdk_builder_chain_variable_and_modes() -> None:
    source = """\
        class F {
            ApiClient a(String t) {
                return Clients.builder().setOrgUrl(u)
                    .setClientCredentials(new TokenClientCredentials(t)).build();
            }
            ApiClient b(String t) {
                ClientBuilder builder = Clients.builder();
                builder.setOAuth2AccessToken(t);
                return builder.build();
            }
            ApiClient c() {
                return Clients.builder().setAuthorizationMode(AuthorizationMode.PRIVATE_KEY)
                    .setScopes(Set.of("okta.users.read")).build();
            }
        }
    """
    clients = [(c.auth_mode, c.options, c.token_span) for c in parse("java", source).of(SdkClient)]
    assert clients == [
        (None, ("orgUrl", "token"), Span("T.java", 4, 62, 4, 63)),
        ("Bearer", ("accessToken",), None),
        ("PrivateKey", ("authorizationMode", "scopes"), None),
    ]


def test_java_secrets_text_block_and_map() -> None:
    source = f"""\
        class Keys {{
            static final String CLIENT_SECRET = "{SECRET}";
            static final String CLIENT_SECRET_ENV = "OKTA_CLIENT_SECRET";
            Map<String, String> form = Map.of("grant_type", "client_credentials",
                                              "client_secret", "{SECRET}");
            static final String KEY = \"\"\"
                -----BEGIN PRIVATE KEY-----
                {PEM_BODY}
                -----END PRIVATE KEY-----
                \"\"\";
        }}
    """
    found = secrets("java", source)
    assert [(s.line, kind, name) for s, kind, name in found] == [
        (2, "client-secret", "CLIENT_SECRET"), (5, "client-secret", "client_secret"),
        (7, "private-key", "KEY")]
    assert found[2][0].column == 9  # the text block's value starts at -----BEGIN


def test_java_http_request_builder_and_rest_template() -> None:
    source = """\
        class C {
            void a() {
                HttpRequest r = HttpRequest
                    .newBuilder(URI.create("https://" + org + "/api/v1/users/" + id))
                    .header("Accept", "application/json").DELETE().build();
                String url = "https://" + org + "/oauth2/" + server + "/v1/token";
                rest.postForObject(url, entity, Map.class);
            }
        }
    """
    facts = parse("java", source)
    (call,) = facts.of(ApiCall)
    assert (call.method, call.path_template, call.via) == ("DELETE", "/api/v1/users/{}",
                                                          "HttpRequest")
    (request,) = facts.of(TokenRequest)
    assert (request.endpoint_kind, request.url_template) == ("custom",
                                                            "https://{}/oauth2/{}/v1/token")


def test_java_comments_are_kept_apart() -> None:
    source = """\
        /** Authorization: SSWS <token> is gone. */
        class A {
            // oinlint: ignore[OIN101] -- legacy
            int x; /* trailing */
        }
    """
    facts = parse("java", source)
    assert [(c.line, c.column, c.text, c.standalone) for c in facts.comments] == [
        (1, 3, "* Authorization: SSWS <token> is gone.", True),
        (3, 8, "oinlint: ignore[OIN101] -- legacy", True),
        (4, 15, "trailing", False),
    ]
    assert list(facts.of(AuthHeader)) == []


# -- C# ----------------------------------------------------------------------------------------

CS_SOURCE = """\
    public class Okta {
        private const string Scheme = "SSWS";
        public void M(string t) {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("SSWS", t);
            request.Headers.TryAddWithoutValidation("Authorization", $"SSWS {t}");
            client.DefaultRequestHeaders.Add("Authorization", string.Format("{0} {1}", Scheme, t));
            var bearer = new AuthenticationHeaderValue("Bearer", access);
            _logger.LogWarning($"SSWS {t}");
            throw new InvalidOperationException($"SSWS {t}");
        }
    }
"""


def test_csharp_headers_auth_header_value_interpolation_and_format() -> None:
    assert headers("csharp", CS_SOURCE) == [
        (span_of("csharp", CS_SOURCE, 'new AuthenticationHeaderValue("SSWS", t)'), "SSWS",
         "auth-class", "Okta.M"),
        (span_of("csharp", CS_SOURCE, '$"SSWS {t}"'), "SSWS", "template", "Okta.M"),
        (span_of("csharp", CS_SOURCE, 'string.Format("{0} {1}", Scheme, t)'), "SSWS", "format",
         "Okta.M"),
    ]


def test_csharp_sdk_configurations() -> None:
    source = """\
        var a = new OktaClient(new OktaClientConfiguration { OktaDomain = d, Token = t });
        var b = new Configuration { OktaDomain = d,
            AuthorizationMode = AuthorizationMode.BearerToken, AccessToken = t };
        var c = new OktaClientConfiguration();
        c.OktaDomain = d;
        c.Token = Environment.GetEnvironmentVariable("OKTA_API_TOKEN");
        var other = new Configuration { BasePath = x };
    """
    clients = [(c.auth_mode, c.options, c.token_span) for c in parse("csharp", source).of(
        SdkClient)]
    assert clients == [
        (None, ("oktaDomain", "token"), Span("T.cs", 1, 78, 1, 79)),
        ("Bearer", ("oktaDomain", "authorizationMode", "accessToken"), None),
        (None, ("oktaDomain", "token"),
         span_of("csharp", source, 'Environment.GetEnvironmentVariable("OKTA_API_TOKEN")')),
    ]


def test_csharp_secrets_named_argument_verbatim_and_env_default() -> None:
    source = f"""\
        class Okta {{
            const string ClientSecret = "{SECRET}";
            const string ClientSecretName = "OKTA_CLIENT_SECRET";
            void M() {{
                Connect(clientId: "0oa1fakeoinlintCs", clientSecret: @"{SECRET}");
                var s = Environment.GetEnvironmentVariable("OKTA_CLIENT_SECRET") ?? "{SECRET}";
                var p = new Settings {{ ClientSecret = "<your-client-secret>" }};
            }}
        }}
    """
    assert [(s.line, k, n) for s, k, n in secrets("csharp", source)] == [
        (2, "client-secret", "ClientSecret"), (5, "client-secret", "clientSecret"),
        (6, "client-secret", "OKTA_CLIENT_SECRET")]


def test_csharp_http_and_identity_model_token_request() -> None:
    source = """\
        var r = await http.GetAsync($"https://{org}/api/v1/groups?q={q}");
        var t = await http.RequestClientCredentialsTokenAsync(new ClientCredentialsTokenRequest {
            Address = $"https://{org}/oauth2/v1/token",
            ClientCredentialStyle = ClientCredentialStyle.PostBody,
            Scope = "okta.users.read",
        });
    """
    facts = parse("csharp", source)
    (call,) = facts.of(ApiCall)
    assert (call.method, call.path_template) == ("GET", "/api/v1/groups")
    (request,) = facts.of(TokenRequest)
    assert (request.endpoint_kind, request.client_auth, request.grant_type) == (
        "org", "body-secret", "client_credentials")
    assert [r.name for r in request.scopes] == ["okta.users.read"]


def test_csharp_comments() -> None:
    facts = parse("csharp", "/// <summary>SSWS</summary>\nint x; // oinlint: ignore[OIN103]\n")
    assert [(c.line, c.text, c.standalone) for c in facts.comments] == [
        (1, "<summary>SSWS</summary>", True), (2, "oinlint: ignore[OIN103]", False)]


# -- Ruby --------------------------------------------------------------------------------------

RB_SOURCE = """\
    class OktaSync
      SCHEME = 'SSWS'
      def users(token)
        req["Authorization"] = "SSWS #{token}"
        h = { "Authorization" => "#{SCHEME} #{token}", accept: "json" }
        conn.headers[:authorization] = format("SSWS %s", token)
        r = { Authorization: "Bearer #{access}" }
        puts "SSWS #{token}"
        raise ArgumentError, "SSWS #{token}" if token.start_with?("SSWS ")
      end
    end
"""


def test_ruby_headers_interpolation_constant_symbol_key_and_format() -> None:
    assert headers("ruby", RB_SOURCE) == [
        (span_of("ruby", RB_SOURCE, '"SSWS #{token}"'), "SSWS", "template", "OktaSync.users"),
        (span_of("ruby", RB_SOURCE, '"#{SCHEME} #{token}"'), "SSWS", "template",
         "OktaSync.users"),
        (span_of("ruby", RB_SOURCE, 'format("SSWS %s", token)'), "SSWS", "format",
         "OktaSync.users"),
        (span_of("ruby", RB_SOURCE, '"Bearer #{access}"'), "Bearer", "template",
         "OktaSync.users"),
    ]


def test_ruby_oktakit_token_and_access_token() -> None:
    source = """\
        a = Oktakit.new(token: ENV["OKTA_API_TOKEN"], organization: "acme")
        b = Oktakit::Client.new(access_token: t, organization: "acme")
        c = Other.new(token: t)
    """
    clients = [(c.sdk, c.auth_mode, c.options, c.token_span)
               for c in parse("ruby", source).of(SdkClient)]
    assert clients == [
        ("oktakit", None, ("token", "organization"),
         span_of("ruby", source, 'ENV["OKTA_API_TOKEN"]')),
        ("oktakit", "Bearer", ("accessToken", "organization"), None),
    ]


def test_ruby_secrets_heredoc_fetch_default_and_hash() -> None:
    source = f"""\
        OKTA_CLIENT_SECRET = ENV.fetch("OKTA_CLIENT_SECRET", "{SECRET}")
        CONFIG = {{ client_secret: "{SECRET}", client_id: "0oa1fakeoinlint" }}
        OTHER = {{ client_secret: ENV["OKTA_CLIENT_SECRET"], name: "OKTA_CLIENT_SECRET" }}
        KEY = <<~PEM
          -----BEGIN PRIVATE KEY-----
          {PEM_BODY}
          -----END PRIVATE KEY-----
        PEM
    """
    found = secrets("ruby", source)
    assert [(s.line, k, n) for s, k, n in found] == [
        (1, "client-secret", "OKTA_CLIENT_SECRET"), (2, "client-secret", "client_secret"),
        (5, "private-key", None)]
    assert found[2][0].column == 3


def test_ruby_http_and_comments() -> None:
    source = """\
        # oinlint: ignore[OIN101] -- fixture
        req = Net::HTTP::Post.new(URI("https://#{org}/api/v1/users/#{id}/lifecycle/activate"))
        res = Net::HTTP.post_form(URI("https://#{org}/oauth2/v1/token"),
                                  grant_type: "client_credentials", scope: "okta.users.read")
    """
    facts = parse("ruby", source)
    (call,) = facts.of(ApiCall)
    assert (call.method, call.path_template) == ("POST", "/api/v1/users/{}/lifecycle/activate")
    (request,) = facts.of(TokenRequest)
    assert (request.grant_type, [r.name for r in request.scopes]) == (
        "client_credentials", ["okta.users.read"])
    assert [(c.line, c.column, c.text) for c in facts.comments] == [
        (1, 3, "oinlint: ignore[OIN101] -- fixture")]


# -- PHP ---------------------------------------------------------------------------------------

PHP_SOURCE = """\
    <?php
    final class Okta {
        private const SCHEME = 'SSWS';
        public function users(string $token): void {
            curl_setopt($ch, CURLOPT_HTTPHEADER, ['Accept: application/json',
                                                  'Authorization: SSWS ' . $token]);
            $h = ['headers' => ['Authorization' => sprintf('%s %s', self::SCHEME, $token)]];
            $r = $req->withHeader('Authorization', "SSWS {$token}");
            $b = ['Authorization' => 'Bearer ' . $access];
            error_log('SSWS ' . $token);
            throw new \\RuntimeException("SSWS $token");
        }
    }
"""


def test_php_header_lines_arrays_psr7_and_class_constant() -> None:
    assert headers("php", PHP_SOURCE) == [
        (span_of("php", PHP_SOURCE, "'Authorization: SSWS ' . $token"), "SSWS", "concat",
         "Okta.users"),
        (span_of("php", PHP_SOURCE, "sprintf('%s %s', self::SCHEME, $token)"), "SSWS", "format",
         "Okta.users"),
        (span_of("php", PHP_SOURCE, '"SSWS {$token}"'), "SSWS", "template", "Okta.users"),
        (span_of("php", PHP_SOURCE, "'Bearer ' . $access"), "Bearer", "concat", "Okta.users"),
    ]


def test_php_secrets_env_default_named_argument_and_placeholder() -> None:
    source = f"""\
        <?php
        return [
            'client_secret' => env('OKTA_CLIENT_SECRET', '{SECRET}'),
            'other' => getenv('OKTA_CLIENT_SECRET') ?: '{SECRET}',
            'placeholder' => ['client_secret' => 'your-client-secret'],
            'id' => ['client_id' => '0oa1fakeoinlintPhp'],
        ];
        $c = new Client(clientSecret: '{SECRET}');
    """
    assert [(s.line, k, n) for s, k, n in secrets("php", source)] == [
        (3, "client-secret", "OKTA_CLIENT_SECRET"), (4, "client-secret", "OKTA_CLIENT_SECRET"),
        (8, "client-secret", "clientSecret")]


def test_php_curl_and_guzzle_token_requests() -> None:
    source = """\
        <?php
        function token($org) {
            $ch = curl_init("https://{$org}/oauth2/v1/token");
            curl_setopt($ch, CURLOPT_USERPWD, $id . ':' . $secret);
            curl_setopt($ch, CURLOPT_POSTFIELDS, http_build_query([
                'grant_type' => 'client_credentials', 'scope' => 'okta.apps.read']));
        }
        function users($org) {
            return $http->request('GET', "https://$org/api/v1/users", ['verify' => false]);
        }
    """
    facts = parse("php", source)
    (request,) = facts.of(TokenRequest)
    assert (request.client_auth, request.grant_type, request.via) == (
        "basic", "client_credentials", "curl")
    assert [r.name for r in request.scopes] == ["okta.apps.read"]
    (call,) = facts.of(ApiCall)
    assert (call.method, call.path_template, call.via) == ("GET", "/api/v1/users", "http.request")


def test_php_comments_hash_and_slash() -> None:
    facts = parse("php", "<?php\n# oinlint: ignore[OIN103]\n$x = 1; // trailing\n/* block */\n")
    assert [(c.line, c.text, c.standalone) for c in facts.comments] == [
        (2, "oinlint: ignore[OIN103]", True), (3, "trailing", False), (4, "block", True)]


def test_php_no_facts_outside_php_tags() -> None:
    facts = parse("php", "<html>SSWS token here</html>\n<?php echo 'SSWS ' . $t;\n")
    assert list(facts.of(AuthHeader)) == []


# -- across languages --------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "source", "line"), [
    ("javascript", "// oinlint: ignore[OIN101] -- migration fixture\n"
                   "const h = { Authorization: 'SSWS ' + t };\n", 2),
    ("go", "package a\n\nfunc f() {\n\treq.Header.Set(\"Authorization\", \"SSWS \"+t)"
           " // oinlint: ignore[OIN101] -- fixture\n}\n", 4),
    ("java", "class A { void f() {\n    // oinlint: ignore[OIN101] -- fixture\n"
             "    c.setRequestProperty(\"Authorization\", \"SSWS \" + t);\n} }\n", 3),
    ("csharp", "// oinlint: ignore[OIN101] -- fixture\n"
               "h.Authorization = new AuthenticationHeaderValue(\"SSWS\", t);\n", 2),
    ("ruby", "req[\"Authorization\"] = \"SSWS #{t}\" # oinlint: ignore[OIN101] -- fixture\n", 1),
    ("php", "<?php\n# oinlint: ignore[OIN101] -- fixture\n"
            "$h = ['Authorization' => 'SSWS ' . $t];\n", 3),
])
def test_suppressions_work_through_the_engine(tmp_path: Path, language: str, source: str,
                                              line: int) -> None:
    target = tmp_path / PATHS[language]
    target.write_text(source, encoding="utf-8")
    result = check([str(target)], Settings(root=tmp_path, select=("OIN1", "OIN0"),
                                           respect_gitignore=False))
    assert [f.code for f in result.active] == []
    assert [(f.code, f.span.line) for f in result.findings if f.code == "OIN101"] == [
        ("OIN101", line)]


@pytest.mark.parametrize("language", sorted(PATHS))
def test_api_token_in_a_comment_is_a_secret_with_context(language: str) -> None:
    marker = "#" if language == "ruby" else "//"
    prefix = "<?php\n" if language == "php" else ""
    facts = frontends.parse(PATHS[language], f"{prefix}{marker} old: {TOKEN}\n", language)
    (secret,) = facts.of(SecretLiteral)
    assert (secret.kind, secret.redacted, secret.span.line) == ("api-token", "00FA…",
                                                                2 if prefix else 1)
    assert facts.problems == ()


def test_syntax_errors_over_much_of_the_file_are_one_problem_and_facts_survive() -> None:
    source = f"const t = '{TOKEN}';\n" + ")))) ]]] }}}} (((( " * 30 + "\n"
    facts = frontends.parse("t.js", source, "javascript")
    assert len(facts.problems) == 1
    assert facts.problems[0].message.startswith("syntax errors:")
    assert facts.problems[0].span.line in (1, 2)
    assert [s.kind for s in facts.of(SecretLiteral)] == ["api-token"]


def test_a_small_syntax_error_is_not_a_problem() -> None:
    source = "const h = { Authorization: 'SSWS ' + t };\nfunction ( {\n" + "const x = 1;\n" * 40
    facts = frontends.parse("t.js", source, "javascript")
    assert facts.problems == ()
    assert [h.scheme for h in facts.of(AuthHeader)] == ["SSWS"]


def test_non_ascii_text_keeps_character_columns() -> None:
    source = "const é = 'ü'; const h = { Authorization: 'SSWS ' + t };\n"
    (header,) = frontends.parse("t.js", source, "javascript").of(AuthHeader)
    column = source.index("'SSWS '") + 1
    assert header.span == Span("t.js", 1, column, 1, column + len("'SSWS ' + t"))
    assert source[header.span.column - 1 : header.span.end_column - 1] == "'SSWS ' + t"


def test_grammar_is_loaded_once_per_process() -> None:
    grammars.reset_cache()
    for _ in range(3):
        frontends.parse("a.go", "package a\n", "go")
        frontends.parse("b.ts", "let a = 1;\n", "typescript")
        frontends.parse("c.tsx", "let a = <b/>;\n", "tsx")
    assert grammars.loads == {"go": 1, "typescript": 1, "tsx": 1}


def test_a_broken_grammar_is_one_clear_line_and_the_run_goes_on(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    grammars.reset_cache()
    calls: list[str] = []

    def broken(source: grammars.GrammarSource) -> object:
        calls.append(source.package)
        if source.package == "tree-sitter-ruby":
            raise ImportError("No module named 'tree_sitter_ruby'")
        return source.load()

    monkeypatch.setattr(grammars, "_pointer", broken)
    try:
        (tmp_path / "a.rb").write_text(f'TOKEN = "{TOKEN}"\n', encoding="utf-8")
        (tmp_path / "b.rb").write_text('req["Authorization"] = "SSWS #{t}"\n', encoding="utf-8")
        (tmp_path / "c.go").write_text(f'package c\n\nconst t = "{TOKEN}"\n', encoding="utf-8")
        result = check([str(tmp_path)], Settings(root=tmp_path, select=("OIN0", "OIN1"),
                                                 respect_gitignore=False))
        problems = sorted((Path(f.span.path).name, f.message) for f in result.findings
                          if f.code == "OIN000")
        assert [name for name, _ in problems] == ["a.rb", "b.rb"]
        assert all("tree-sitter-ruby grammar could not be loaded" in m for _, m in problems)
        assert all(m.count("\n") == 0 for _, m in problems)
        found = sorted((Path(f.span.path).name, f.code) for f in result.findings
                       if f.code != "OIN000")
        # the text front end still reads the Ruby files; Go is untouched
        assert ("a.rb", "OIN103") in found and ("c.go", "OIN103") in found
        assert calls.count("tree-sitter-ruby") == 1
    finally:
        grammars.reset_cache()


def test_an_analyzer_bug_becomes_a_problem_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    from oinlint.frontends.treesitter.languages import javascript

    def boom(self: object, node: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setitem(javascript.JavaScriptAnalyzer._handlers, "variable_declarator", boom)
    facts = frontends.parse("t.js", "let a = 1;\n", "javascript")
    assert [p.message for p in facts.problems] == [
        "internal error in the javascript front end: RuntimeError: boom"]


def test_every_language_has_a_frontend() -> None:
    # shell, Dockerfiles and HCL: tests/test_frontend_shell_hcl.py
    tree_sitter = {spec.name for spec in LANGUAGE_SPECS if spec.grammar is not None}
    assert tree_sitter == {*PATHS, "shell", "dockerfile", "hcl"}
    lazy = [SPEC_OF[name].frontend for name in sorted(tree_sitter)]
    assert all(isinstance(f, LazyTreeSitter) and isinstance(f.language, TreeSitterLanguage)
               for f in lazy)
    assert {spec.grammar.package for spec in LANGUAGE_SPECS if spec.grammar is not None} == {
        "tree-sitter-javascript", "tree-sitter-typescript", "tree-sitter-go", "tree-sitter-java",
        "tree-sitter-c-sharp", "tree-sitter-ruby", "tree-sitter-php", "tree-sitter-bash",
        "tree-sitter-hcl"}


def test_a_python_only_run_loads_no_grammar() -> None:
    grammars.reset_cache()
    frontends.parse("a.py", "import os\n", "python")
    frontends.parse("a.yaml", "a: 1\n", "yaml")
    assert grammars.loads == {}


# -- values ------------------------------------------------------------------------------------


def test_format_holes_and_split_url() -> None:
    template = StrValue.of(("SSWS %s/%d%%",), "literal")
    assert format_holes(template, [StrValue.of(("a",), "literal")], "printf").parts == (
        "SSWS a/", HOLE, "%")
    brace = StrValue.of(("{1}-{0}-{{x}}",), "literal")
    assert format_holes(brace, [StrValue.of(("a",), "literal"), None], "brace").parts == (
        HOLE, "-a-{x}")
    assert split_url("https://{}/api/v1/users/{}?limit=2") == ("https://{}", "/api/v1/users/{}")
    assert split_url("{}/api/v1/groups") == ("{}", "/api/v1/groups")
    assert split_url("/api/v1/apps#x") == (None, "/api/v1/apps")
    assert split_url("not a url") == (None, None)


# -- random input ------------------------------------------------------------------------------

_FRAGMENTS = st.sampled_from([
    "Authorization", "'SSWS '", '"SSWS "', "+", ".", "(", ")", "{", "}", "[", "]", ";", ",",
    "`", "${", "#{", "$t", "okta.Client", "new", "Oktakit.new", "token:", "=", "=>", ":=",
    "\n", " ", "//", "#", "/*", "*/", "<?php", "func", "class", "def", "end", '"""', TOKEN,
    "-----BEGIN PRIVATE KEY-----", "clientSecret", "\\", "'", '"', "é", "\x00", "\r\n",
])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(language=st.sampled_from(sorted(PATHS)),
       text=st.one_of(st.text(max_size=300), st.lists(_FRAGMENTS, max_size=60).map("".join)))
def test_random_text_never_raises(language: str, text: str) -> None:
    facts = frontends.parse(PATHS[language], text, language)
    assert isinstance(facts, FileFacts)
    assert not [p for p in facts.problems if "internal error" in p.message], facts.problems
    for fact in facts.facts:
        assert isinstance(fact, Fact)
        assert 1 <= fact.span.line <= fact.span.end_line


def test_deep_nesting_is_handled() -> None:
    source = "x = " + "[" * 3000 + "]" * 3000 + ";\n"
    facts = frontends.parse("t.js", source, "javascript")
    assert isinstance(facts, FileFacts)


@pytest.mark.parametrize(("language", "source", "sdk"), [
    ("javascript", "const okta = require('@okta/okta-sdk-nodejs');\n"
                   "const c = new okta.Client({});\nc.userApi.listUsers({ limit: 2 });\n",
     "okta-sdk-nodejs"),
    ("go", 'package a\n\nimport "github.com/okta/okta-sdk-golang/v5/okta"\n\n'
           "func f() { client.UserAPI.ListUsers(ctx).Execute() }\n", "okta-sdk-golang"),
    ("java", "import com.okta.sdk.resource.api.UserApi;\n"
             "class A { void f() { userApi.listUsers(null, null, 2, null, null, null, null); } }\n",
     "okta-sdk-java"),
    ("csharp", "using Okta.Sdk.Api;\nvar users = await userApi.ListUsersAsync().ToListAsync();\n",
     "okta-sdk-dotnet"),
    ("ruby", "client = Oktakit.new(access_token: t, organization: 'acme')\n"
             "users, status = client.list_users\n", "oktakit"),
])
def test_sdk_methods_named_like_operations_are_api_calls(language: str, source: str,
                                                         sdk: str) -> None:
    (call,) = parse(language, source).of(ApiCall)
    assert (call.operation_id, call.method, call.path_template, call.via) == (
        "listUsers", "GET", "/api/v1/users", sdk)


def test_api_call_whose_path_is_built_at_runtime_is_unresolved() -> None:
    source = "fetch(`https://${org}/api/v1/${resource}`);\n"
    facts = parse("javascript", source)
    assert list(facts.of(ApiCall)) == []
    assert [(u.what, u.detail) for u in facts.of(Unresolved)] == [("api-call", "GET /api/v1/{}")]


def test_custom_authorization_server_token_request_has_the_url_span() -> None:
    source = "await got.post(`https://${org}/oauth2/default/v1/token`, { form });\n"
    (request,) = parse("javascript", source).of(TokenRequest)
    assert request.endpoint_kind == "custom"
    assert request.url_span == span_of("javascript", source,
                                       "`https://${org}/oauth2/default/v1/token`")
