"""Ruby and PHP integrations as people write them (issue 15): Laravel-style PHP settings files
that provision an Okta API token from the environment (OIN104), and Ruby client wrappers whose
transport call sends a path the call sites hand them (OIN501/OIN502)."""

from __future__ import annotations

import textwrap

import pytest

from oinlint import frontends
from oinlint.facts import CredentialSetting, FileFacts


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
