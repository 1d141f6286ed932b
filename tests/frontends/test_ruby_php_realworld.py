"""Ruby and PHP integrations as people write them (issue 15): Laravel-style PHP settings files
that provision an Okta API token from the environment (OIN104), and Ruby client wrappers whose
transport call sends a path the call sites hand them (OIN501/OIN502)."""

from __future__ import annotations

import textwrap

import pytest

from oinlint import frontends
from oinlint.facts import CredentialSetting, FileFacts, HttpApiUse


def parse(path: str, language: str, source: str) -> FileFacts:
    return frontends.parse(path, textwrap.dedent(source), language)


def settings(source: str) -> list[tuple[int, str, str]]:
    facts = parse("config/okta.php", "php", source)
    return [(s.span.line, s.name, s.file_kind) for s in facts.of(CredentialSetting)]


# -- PHP: settings files that provision an API token ----------------------------------------

PHP_PROVISIONS = [
    ("laravel-connections-per-stage", """\
        <?php
        return [
            'connections' => [
                'prod' => [
                    'base_url' => env('OKTA_PROD_BASE_URL'),
                    'api_token' => env('OKTA_PROD_API_TOKEN'),
                ],
                'dev' => [
                    'api_token' => env('OKTA_DEV_API_TOKEN', ''),
                ],
            ],
        ];
        """, [(6, "OKTA_PROD_API_TOKEN", "PHP"), (9, "OKTA_DEV_API_TOKEN", "PHP")]),
    ("flat-array-getenv", """\
        <?php

        return array(
            'org_url' => getenv('OKTA_ORG_URL'),
            'token' => getenv('OKTA_API_TOKEN'),
        );
        """, [(5, "OKTA_API_TOKEN", "PHP")]),
    ("stage-as-suffix-and-qualified-env", """\
        <?php
        return ['okta' => ['token' => \\env('OKTA_CLIENT_TOKEN_STAGING')]];
        """, [(2, "OKTA_CLIENT_TOKEN_STAGING", "PHP")]),
]


@pytest.mark.parametrize(("source", "expected"), [(s, e) for _, s, e in PHP_PROVISIONS],
                         ids=[i for i, _, _ in PHP_PROVISIONS])
def test_php_settings_array_provisioning_an_okta_api_token_is_a_credential_setting(
        source: str, expected: list[tuple[int, str, str]]) -> None:
    assert settings(source) == expected


PHP_NOT_PROVISIONING = [
    ("app-token-not-okta", """\
        <?php
        return ['api_token' => env('APP_TOKEN'), 'okta_url' => env('OKTA_ORG_URL')];
        """),
    ("only-org-url-and-client-id", """\
        <?php
        return [
            'okta' => [
                'org_url' => env('OKTA_ORG_URL'),
                'client_id' => env('OKTA_CLIENT_ID'),
            ],
        ];
        """),
    ("env-read-in-code-not-settings", """\
        <?php
        function client() {
            return new Client(['token' => env('OKTA_API_TOKEN')]);
        }
        """),
    ("access-token-is-not-an-api-token", """\
        <?php
        return ['cache' => env('OKTA_PROD_ACCESS_TOKEN')];
        """),
]


@pytest.mark.parametrize("source", [s for _, s in PHP_NOT_PROVISIONING],
                         ids=[i for i, _ in PHP_NOT_PROVISIONING])
def test_php_settings_array_without_an_okta_api_token_variable_is_no_setting(
        source: str) -> None:
    assert settings(source) == []


# -- Ruby: a client wrapper's transport call with the verb handed in -------------------------

def api_uses(source: str) -> list[tuple[int, str, str]]:
    facts = parse("lib/okta_client.rb", "ruby", source)
    return [(u.span.line, u.method, u.path) for u in facts.of(HttpApiUse)]


RUBY_WRAPPERS = [
    ("sawyer-agent-call-with-api-prefix", """\
        module OktaSync
          class Client
            def request(method, path, data)
              uri = URI::DEFAULT_PARSER.escape("/api/v1" + path.to_s)
              agent.call(method, uri, data, {})
            end
          end
        end
        """, [(5, "ANY", "/api/v1/{}")]),
    ("http-rb-send-with-ssws-auth", """\
        module OktaSync
          class Client
            def call_with_token(action, url, body = {})
              @http
                .headers(accept: 'application/json')
                .auth("SSWS #{@api_token}")
                .send(action, @base_url + url, json: body)
            end
          end
        end
        """, [(7, "ANY", "/api/v1/{}")]),
    ("literal-verb-ssws-auth-url-from-caller", """\
        class OktaClient
          def fetch(url)
            @http.auth("SSWS #{@token}").public_send(:get, url)
          end
        end
        """, [(3, "GET", "/api/v1/{}")]),
]


@pytest.mark.parametrize(("source", "expected"), [(s, e) for _, s, e in RUBY_WRAPPERS],
                         ids=[i for i, _, _ in RUBY_WRAPPERS])
def test_ruby_wrapper_transport_call_with_verb_handed_in_is_an_okta_api_use(
        source: str, expected: list[tuple[int, str, str]]) -> None:
    assert api_uses(source) == expected


RUBY_NOT_OKTA = [
    ("send-of-a-non-verb-message", """\
        class OktaClient
          def notify(path)
            @mailer.send(:deliver, "/api/v1" + path)
          end
        end
        """),
    ("other-product-path-bearer-auth", """\
        class OktaBridge
          def call_with_token(action, url)
            @http.auth("Bearer #{@token}").send(action, @base + "/v2/tickets" + url)
          end
        end
        """),
    ("bare-request-helper-is-not-the-transport", """\
        class OktaClient
          def get(url, options = {})
            request(:get, url, options)
          end
        end
        """),
]


@pytest.mark.parametrize("source", [s for _, s in RUBY_NOT_OKTA],
                         ids=[i for i, _ in RUBY_NOT_OKTA])
def test_ruby_dynamic_call_without_okta_api_sign_is_no_api_use(source: str) -> None:
    assert api_uses(source) == []
