"""OIN1xx: SSWS API tokens and hard-coded credentials."""

from __future__ import annotations

from collections.abc import Iterator

from oinlint.checks.interface import Hit, file_rule
from oinlint.facts import AuthHeader, CredentialSetting, FileFacts, SdkClient, SecretLiteral

# Options that carry an SSWS API token when the SDK runs in its default mode.
_TOKEN_OPTIONS = {"token", "apiToken"}
# SDKs and tools whose default authorization mode is SSWS (an API token).
_SSWS_BY_DEFAULT = {
    "okta-sdk-python",
    "okta-sdk-nodejs",
    "okta-sdk-golang",
    "okta-sdk-java",
    "okta-sdk-dotnet",
    "okta-sdk-php",
    "oktakit",
    "okta.yaml",
    "terraform",
    "okta-cli",
}


@file_rule("OIN101")
def ssws_authorization_header(facts: FileFacts) -> Iterator[Hit]:
    for header in facts.of(AuthHeader):
        if header.scheme is not None and header.scheme.upper() == "SSWS":
            yield Hit(header.span, header.context, {"via": header.via})


def _uses_api_token(client: SdkClient) -> bool:
    if not _TOKEN_OPTIONS.intersection(client.options):
        return False
    mode = client.auth_mode
    if mode is None:
        return client.sdk in _SSWS_BY_DEFAULT
    return mode.upper() == "SSWS"


@file_rule("OIN102")
def api_token_client_config(facts: FileFacts) -> Iterator[Hit]:
    for client in facts.of(SdkClient):
        if _uses_api_token(client):
            span = client.token_span or client.span
            yield Hit(span, client.context, {"sdk": client.sdk})


@file_rule("OIN103")
def hardcoded_api_token(facts: FileFacts) -> Iterator[Hit]:
    for secret in facts.of(SecretLiteral):
        if secret.kind == "api-token":
            yield Hit(secret.span, secret.context, {"redacted": secret.redacted})


@file_rule("OIN104")
def api_token_provisioned(facts: FileFacts) -> Iterator[Hit]:
    for setting in facts.of(CredentialSetting):
        if setting.kind == "api-token":
            yield Hit(
                setting.span,
                setting.context,
                {"name": setting.name, "file_kind": setting.file_kind},
            )


@file_rule("OIN105")
def hardcoded_client_credential(facts: FileFacts) -> Iterator[Hit]:
    for secret in facts.of(SecretLiteral):
        if secret.kind in ("client-secret", "private-key") and secret.okta_context:
            what = "private key" if secret.kind == "private-key" else "client secret"
            yield Hit(
                secret.span,
                secret.context,
                {"what": what, "name": secret.name or "?", "redacted": secret.redacted},
            )
