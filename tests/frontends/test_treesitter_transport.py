"""Transport facts from the tree-sitter front ends (transport.Transport and each language's
TransportSyntax): TLS verification turned off and plain-``http://`` Okta URLs (OIN403),
redirects followed on a token request (OIN404), credentials written to a log, print or
exception message (OIN405) and one org's URL in code (OIN402), in JS/TS, Go, Java, C#, Ruby
and PHP. Each case runs the engine on one file and pins every OIN40x finding's exact span;
good cases must give none."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from sourcespan import span_in

from oinlint.config import Settings
from oinlint.engine import check
from oinlint.frontends.shared.transport import is_secret_name, okta_org_host, plain_http_okta

Expected = tuple[str, str] | tuple[str, str, int]  # (code, text of the span[, occurrence])
CODES = ("OIN402", "OIN403", "OIN404", "OIN405")


def _found(tmp_path: Path, name: str, source: str) -> set[tuple[str, int, int, int, int]]:
    """Findings in a file named for Okta (the transport rules report only in Okta code)."""
    folder, _, base = name.rpartition("/")
    target = tmp_path / folder / f"okta_{base}"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(textwrap.dedent(source), encoding="utf-8")
    settings = Settings(root=tmp_path, select=CODES, respect_gitignore=False)
    result = check([str(target)], settings)
    return {(f.code, f.span.line, f.span.column, f.span.end_line, f.span.end_column)
            for f in result.findings if f.code in CODES}


def _expected(name: str, source: str, expected: list[Expected]
              ) -> set[tuple[str, int, int, int, int]]:
    out: set[tuple[str, int, int, int, int]] = set()
    for item in expected:
        code, needle = item[0], item[1]
        occurrence = item[2] if len(item) == 3 else 1
        span = span_in(name, source, needle, occurrence)
        out.add((code, span.line, span.column, span.end_line, span.end_column))
    return out


# (id, file name, source, expected findings: [] for a good case)
CASES: list[tuple[str, str, str, list[Expected]]] = [
    # -- JavaScript / TypeScript ------------------------------------------------------------
    ("js-agent-env", "src/client.js", """\
        const https = require('https');
        const agent = new https.Agent({ rejectUnauthorized: false });
        process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
        const api = got.extend({ https: { rejectUnauthorized: false } });
        """, [("OIN403", "rejectUnauthorized: false"),
              ("OIN403", "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'"),
              ("OIN403", "rejectUnauthorized: false", 2)]),
    ("js-token-logged", "src/token.ts", """\
        export async function fetchToken(org: string, id: string, secret: string) {
          const res = await fetch(`https://${org}/oauth2/v1/token`, {
            method: 'POST', redirect: 'follow',
            body: new URLSearchParams({ grant_type: 'client_credentials' }),
          });
          const tokens = await res.json();
          console.log(`token for ${org}: ${tokens.access_token}`);
          logger.debug('secret', secret, { accessToken: tokens.access_token });
          return tokens;
        }
        const TOKEN_URL = `http://${process.env.OKTA_HOST}/oauth2/v1/token`;
        """, [("OIN404", "redirect: 'follow'"),
              ("OIN405", "tokens.access_token"),
              ("OIN405", "secret", 3),
              ("OIN405", "tokens.access_token", 2),
              ("OIN403", "`http://${process.env.OKTA_HOST}/oauth2/v1/token`")]),
    ("js-good", "src/client.js", """\
        // rejectUnauthorized: false was set here once
        const agent = new https.Agent({ rejectUnauthorized: true });
        const dev = new https.Agent({ rejectUnauthorized: process.env.NODE_ENV === 'production' });
        const LOCAL = 'http://localhost:8080/oauth2/v1/token';
        const claims = jwt.verify(token, key, { rejectUnauthorized: false });
        console.log('token endpoint', tokenUrl, token_type, tokenType, token.length);
        console.log(token ? 'have a token' : 'no token', pageToken);
        """, []),
    ("js-good-api-redirect", "src/api.js", """\
        async function users(org, token) {
          const res = await fetch(`https://${org}/api/v1/users`, {
            redirect: 'follow', headers: { Authorization: `Bearer ${token}` } });
          console.info('listed users', (await res.json()).length);
        }
        """, []),
    # -- Go ---------------------------------------------------------------------------------
    ("go-insecure", "okta/client.go", """\
        package okta

        import (
        \t"crypto/tls"
        \t"net/http"
        )

        func Client() *http.Client {
        \ttr := &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}
        \tcfg := &tls.Config{}
        \tcfg.InsecureSkipVerify = true
        \treturn &http.Client{Transport: tr}
        }
        """, [("OIN403", "InsecureSkipVerify: true"),
              ("OIN403", "cfg.InsecureSkipVerify = true")]),
    ("go-logged", "okta/token.go", """\
        package okta

        import (
        \t"fmt"
        \t"log"
        )

        const tokenURL = "http://okta.internal.example/oauth2/v1/token"

        func remember(tok *Token, accessToken string) {
        \tlog.Printf("token %s expires in %d", tok.AccessToken, tok.ExpiresIn)
        \tfmt.Println("token:", accessToken)
        }
        """, [("OIN403", '"http://okta.internal.example/oauth2/v1/token"'),
              ("OIN405", "tok.AccessToken"),
              ("OIN405", "accessToken", 2)]),
    ("go-good", "okta/client.go", """\
        package okta

        import (
        \t"crypto/tls"
        \t"log"
        )

        // InsecureSkipVerify: true is never set: the default verifies certificates
        var cfg = &tls.Config{InsecureSkipVerify: false, MinVersion: tls.VersionTLS12}

        const local = "http://127.0.0.1:8080/oauth2/v1/token"

        func remember(tok *Token, tokenURL string) {
        \tlog.Printf("token from %s (%s) expires in %d, %d chars", tokenURL, tok.TokenType,
        \t\ttok.ExpiresIn, len(tok.AccessToken))
        }
        """, []),
    ("go-good-sprintf", "okta/header.go", """\
        package okta

        import "fmt"

        func header(token string) string {
        \treturn fmt.Sprintf("Bearer %s", token)
        }
        """, []),
    # -- Java -------------------------------------------------------------------------------
    ("java-trust-all", "src/main/java/acme/Insecure.java", """\
        import org.apache.http.conn.ssl.NoopHostnameVerifier;
        import org.apache.http.conn.ssl.TrustAllStrategy;

        class TrustEverything implements X509TrustManager {
            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            SSLContext context() throws Exception {
                return SSLContexts.custom().loadTrustMaterial(null, new TrustAllStrategy()).build();
            }

            HttpClient client(SSLContext ctx) {
                return HttpClients.custom().setSSLContext(ctx)
                    .setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE).build();
            }

            OkHttpClient ok(OkHttpClient.Builder b) {
                return b.hostnameVerifier((hostname, session) -> true).build();
            }
        }
        """, [("OIN403", "checkServerTrusted"),
              ("OIN403", "new TrustAllStrategy()"),
              ("OIN403", "NoopHostnameVerifier.INSTANCE"),
              ("OIN403", "(hostname, session) -> true")]),
    ("java-logged", "src/main/java/acme/TokenService.java", """\
        class TokenService {
            private static final Logger log = LoggerFactory.getLogger(TokenService.class);

            void remember(OAuthToken token, String clientSecret, String domain) {
                System.out.println("token: " + token.getAccessToken());
                log.info("authenticating with {}", clientSecret);
                String url = "http://" + domain + "/oauth2/v1/token";
                throw new IllegalStateException("rejected secret " + clientSecret);
            }
        }
        """, [("OIN405", "token.getAccessToken()"),
              ("OIN403", '"http://" + domain + "/oauth2/v1/token"'),
              ("OIN405", "clientSecret", 2),
              ("OIN405", "clientSecret", 3)]),
    ("java-good", "src/main/java/acme/Safe.java", """\
        import org.apache.http.conn.ssl.NoopHostnameVerifier;

        class Safe {
            // new TrustAllStrategy() and NoopHostnameVerifier are not used any more
            static final String LOCAL = "http://localhost:9000/oauth2/v1/token";

            void remember(OAuthToken token, String tokenUrl) {
                log.info("token from {} of type {} expires in {}", tokenUrl,
                         token.getTokenType(), token.getExpiresIn());
                System.out.println("token length " + token.getAccessToken().length());
            }

            OkHttpClient ok(OkHttpClient.Builder b) {
                return b.hostnameVerifier((h, s) -> h.endsWith(".okta.com")).build();
            }
        }
        """, []),
    ("java-good-client-trusted", "src/main/java/acme/Pinning.java", """\
        class Pinning implements X509TrustManager {
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}
            public void checkServerTrusted(X509Certificate[] chain, String authType)
                    throws CertificateException {
                delegate.checkServerTrusted(chain, authType);
            }
        }
        """, []),
    # -- C# ---------------------------------------------------------------------------------
    ("cs-callbacks", "src/Http.cs", """\
        class Http {
            HttpClient Create() {
                var handler = new HttpClientHandler {
                    ServerCertificateCustomValidationCallback = (m, c, ch, e) => true };
                return new HttpClient(handler);
            }
            void Legacy(HttpClientHandler h) {
                h.ServerCertificateCustomValidationCallback =
                    HttpClientHandler.DangerousAcceptAnyServerCertificateValidator;
                ServicePointManager.ServerCertificateValidationCallback = delegate { return true; };
            }
        }
        """, [("OIN403", "ServerCertificateCustomValidationCallback = (m, c, ch, e) => true"),
              ("OIN403", "HttpClientHandler.DangerousAcceptAnyServerCertificateValidator"),
              ("OIN403", "ServicePointManager.ServerCertificateValidationCallback = delegate "
                         "{ return true; }")]),
    ("cs-logged", "src/TokenProvider.cs", """\
        class TokenProvider {
            const string TokenUrl = "http://okta.internal.example/oauth2/v1/token";
            void Remember(TokenResponse token, string clientSecret) {
                Console.WriteLine($"token {token.AccessToken}");
                _logger.LogInformation("secret {Secret}", clientSecret);
            }
        }
        """, [("OIN403", '"http://okta.internal.example/oauth2/v1/token"'),
              ("OIN405", "token.AccessToken"),
              ("OIN405", "clientSecret", 2)]),
    ("cs-good", "src/Http.cs", """\
        class Http {
            // ServerCertificateCustomValidationCallback = (m, c, ch, e) => true
            HttpClient Create() {
                var handler = new HttpClientHandler {
                    ServerCertificateCustomValidationCallback =
                        (m, c, ch, e) => e == SslPolicyErrors.None };
                return new HttpClient(handler);
            }
        }
        """, []),
    ("cs-good-logs", "src/TokenProvider.cs", """\
        class TokenProvider {
            void Remember(TokenResponse token, string tokenUrl, CancellationToken ct,
                          CancellationToken cancellationToken) {
                _logger.LogInformation("token from {Url} of type {T}", tokenUrl, token.TokenType);
                _logger.LogDebug("cancelled {C}", cancellationToken.IsCancellationRequested);
                Console.WriteLine($"expires in {token.ExpiresIn}");
            }
        }
        """, []),
    # -- Ruby -------------------------------------------------------------------------------
    ("rb-verify-none", "lib/okta_http.rb", """\
        http = Net::HTTP.new(host, 443)
        http.use_ssl = true
        http.verify_mode = OpenSSL::SSL::VERIFY_NONE
        conn = Faraday.new(url: base, ssl: { verify: false })
        Net::HTTP.start(host, 443, use_ssl: true, verify_mode: OpenSSL::SSL::VERIFY_NONE) { |h| h }
        """, [("OIN403", "http.verify_mode = OpenSSL::SSL::VERIFY_NONE"),
              ("OIN403", "verify: false"),
              ("OIN403", "verify_mode: OpenSSL::SSL::VERIFY_NONE")]),
    ("rb-logged", "lib/okta_token.rb", """\
        class OktaToken
          def remember(token, client_secret)
            puts "token #{token.access_token}"
            Rails.logger.info("secret #{@client_secret} #{client_secret}")
            raise ArgumentError, "bad response #{token[:access_token]}"
          end
        end
        """, [("OIN405", "token.access_token"),
              ("OIN405", "@client_secret"),
              ("OIN405", "client_secret", 3),
              ("OIN405", "token[:access_token]")]),
    ("rb-good", "lib/okta_http.rb", """\
        # http.verify_mode = OpenSSL::SSL::VERIFY_NONE
        http.verify_mode = OpenSSL::SSL::VERIFY_PEER
        conn = Faraday.new(url: base, ssl: { verify: true })
        LOCAL = "http://localhost:3000/oauth2/v1/token"
        payload = JWT.decode(token, nil, false, { verify: false })
        """, []),
    ("rb-good-logs", "lib/okta_token.rb", """\
        def remember(token, token_url)
          puts "token from #{token_url} of type #{token.token_type}"
          Rails.logger.info("token has #{token.access_token.length} chars") if token.present?
        end
        """, []),
    # -- PHP --------------------------------------------------------------------------------
    ("php-curl", "src/TokenClient.php", """\
        <?php
        function fetch_token(string $org, string $id, string $secret): string {
            $ch = curl_init("https://$org/oauth2/v1/token");
            curl_setopt($ch, CURLOPT_POST, true);
            curl_setopt($ch, CURLOPT_POSTFIELDS, http_build_query([
                'grant_type' => 'client_credentials', 'scope' => 'okta.users.read']));
            curl_setopt($ch, CURLOPT_USERPWD, "$id:$secret");
            curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, false);
            curl_setopt_array($ch, [CURLOPT_SSL_VERIFYHOST => 0, CURLOPT_FOLLOWLOCATION => true]);
            $body = json_decode(curl_exec($ch), true);
            error_log("token " . $body['access_token']);
            return $body['access_token'];
        }
        """, [("OIN403", "curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, false)"),
              ("OIN403", "CURLOPT_SSL_VERIFYHOST => 0"),
              ("OIN404", "CURLOPT_FOLLOWLOCATION => true"),
              ("OIN405", "$body['access_token']")]),
    ("php-guzzle", "src/OktaClient.php", """\
        <?php
        class OktaClient {
            public function __construct() {
                $this->http = new Client(['verify' => false, 'base_uri' => $this->base]);
            }
            public function debug(): void {
                echo "secret {$this->clientSecret}\\n";
                var_dump($this->token);
                $r = Http::withoutVerifying()->get($this->base . '/api/v1/users');
            }
        }
        """, [("OIN403", "'verify' => false"),
              ("OIN405", "$this->clientSecret"),
              ("OIN405", "$this->token"),
              ("OIN403", "withoutVerifying()")]),
    ("php-good", "src/OktaClient.php", """\
        <?php
        // curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, false);
        curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, true);
        curl_setopt($ch, CURLOPT_SSL_VERIFYHOST, 2);
        $client = new Client(['verify' => '/etc/ssl/certs/corp-ca.pem']);
        Auth::routes(['verify' => false]);
        $local = 'http://127.0.0.1:8080/oauth2/v1/token';
        """, []),
    ("php-good-logs", "src/TokenStore.php", """\
        <?php
        function remember(array $token, string $tokenUrl): void {
            error_log("token from $tokenUrl of type {$token['token_type']}");
            echo strlen($token['access_token']), "\\n";
        }
        """, []),
]


@pytest.mark.parametrize(("name", "source", "expected"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_transport_findings(tmp_path: Path, name: str, source: str,
                            expected: list[Expected]) -> None:
    assert _found(tmp_path, name, source) == _expected(name, source, expected)


def test_every_language_has_two_bad_and_two_good_cases() -> None:
    counts: dict[str, list[int]] = {}
    for case_id, _, _, expected in CASES:
        counts.setdefault(case_id.split("-")[0], [0, 0])[0 if expected else 1] += 1
    assert set(counts) == {"js", "go", "java", "cs", "rb", "php"}
    assert all(bad >= 2 and good >= 2 for bad, good in counts.values()), counts


HARDCODED = """\
    const client = new okta.Client({ orgUrl: 'https://acme.okta.com', token });
    const docs = 'https://developer.okta.com/docs/';
    const placeholder = 'https://{yourOktaDomain}';
    console.log('migrated from https://globex.okta.com');
"""


def test_hardcoded_org_in_code_but_not_in_messages_or_test_files(tmp_path: Path) -> None:
    found = _found(tmp_path, "src/okta.js", HARDCODED)
    assert found == _expected("src/okta.js", HARDCODED,
                              [("OIN402", "'https://acme.okta.com'")])
    assert _found(tmp_path, "src/okta.test.js", HARDCODED) == set()
    go = 'package x\n\nconst org = "https://acme.okta.com"\n'
    assert {f[0] for f in _found(tmp_path, "x.go", go)} == {"OIN402"}
    assert _found(tmp_path, "x_test.go", go) == set()
    assert _found(tmp_path, "src/test/java/acme/OrgIT.java",
                  'class OrgIT { String org = "https://acme.okta.com"; }\n') == set()
    assert _found(tmp_path, "src/main/java/acme/Catalog.java",
                  'class Catalog { String org = "https://acme.okta.com"; }\n') != set()


def test_loggers_are_recognised_by_name(tmp_path: Path) -> None:
    source = """\
        auditLogger.info('token', accessToken);
        catalog.info('token', accessToken);
        this.log.debug('token', accessToken);
        Math.log(accessToken);
    """
    assert _found(tmp_path, "src/a.js", source) == _expected("src/a.js", source, [
        ("OIN405", "accessToken"), ("OIN405", "accessToken", 3)])


def test_message_names_the_option_as_written(tmp_path: Path) -> None:
    target = tmp_path / "okta_client.go"
    target.write_text('package x\n\nvar c = &tls.Config{InsecureSkipVerify: true}\n',
                      encoding="utf-8")
    result = check([str(target)], Settings(root=tmp_path, select=("OIN403",),
                                           respect_gitignore=False))
    assert [f.message.split(":")[0] for f in result.findings] == [
        "TLS certificate verification is turned off (`InsecureSkipVerify"]


@pytest.mark.parametrize(("name", "secret"), [
    ("access_token", True), ("accessToken", True), ("AccessToken", True),
    ("$client_secret", True), ("@clientSecret", True), ("apiToken", True), ("token", True),
    ("authorization", True), ("idToken", True),
    ("tokenUrl", False), ("token_type", False), ("TokenType", False), ("secretName", False),
    ("hasToken", False), ("pageToken", False), ("cancellationToken", False),
    ("tokenEndpoint", False), ("clientId", False), ("expiresIn", False),
])
def test_secret_names_are_shared_by_every_front_end(name: str, secret: bool) -> None:
    assert is_secret_name(name) is secret


@pytest.mark.parametrize(("url", "http", "host"), [
    ("http://acme.okta.com", True, "acme.okta.com"),
    ("http://{}/oauth2/v1/token", True, None),
    ("http://gateway.internal/api/v1/users", True, None),
    ("http://localhost:8080/oauth2/v1/token", False, None),
    ("http://127.0.0.1/api/v1/users", False, None),
    ("http://status.example.net/feed", False, None),
    ("http://www.okta.com/exk1abcd", False, None),
    ("https://acme.okta.com/api/v1/users", False, "acme.okta.com"),
    ("https://example.okta.com", False, None),
])
def test_url_decisions_are_shared(url: str, http: bool, host: str | None) -> None:
    assert plain_http_okta(url) is http
    assert okta_org_host(url) == host


def test_a_redirect_setting_keeps_the_token_lifecycle(tmp_path: Path) -> None:
    """The OIN404 fact sits beside its TokenRequest, which the lifecycle tracer still reads."""
    from oinlint import frontends
    from oinlint.facts import TokenRequest, TransportSetting

    source = textwrap.dedent("""\
        let token;
        async function fetchToken(org) {
          const res = await fetch(`https://${org}/oauth2/v1/token`, { method: 'POST',
            redirect: 'follow', body: 'grant_type=client_credentials&scope=okta.users.read' });
          token = (await res.json()).access_token;
        }
        """)
    facts = frontends.parse("t.js", source, "javascript")
    [request] = facts.of(TokenRequest)
    assert request.caching == "module"
    assert [s.setting for s in facts.of(TransportSetting)] == ["follow-redirects"]


def test_a_quoted_false_is_a_true_string(tmp_path: Path) -> None:
    source = """\
        const a = new https.Agent({ rejectUnauthorized: 'false' });
        process.env["NODE_TLS_REJECT_UNAUTHORIZED"] = "0";
    """
    assert _found(tmp_path, "src/a.js", source) == _expected("src/a.js", source, [
        ("OIN403", 'process.env["NODE_TLS_REJECT_UNAUTHORIZED"] = "0"')])
