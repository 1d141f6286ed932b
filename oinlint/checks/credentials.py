"""OIN1xx: SSWS API tokens and hard-coded credentials."""

from __future__ import annotations

from collections.abc import Iterator

from oinlint.checks.interface import Hit, ProjectFacts, file_rule, project_rule
from oinlint.facts import AuthHeader, CredentialSetting, FileFacts, SdkClient, SecretLiteral
from oinlint.testfiles import is_test_file

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


# SDK clients that read their credentials from the environment when given none in code
_READS_ENVIRONMENT = _SSWS_BY_DEFAULT - {"okta.yaml", "terraform", "okta-cli"}
# options that set a client up for OAuth (its own token request, or a token handed in)
_OAUTH_OPTIONS = {"privateKey", "private_key", "clientId", "client_id", "scopes",
                  "authorizationMode", "authorization_mode", "oauthTokenProvider", "accessToken"}


@project_rule("OIN102")
def api_token_client_config(project: ProjectFacts) -> Iterator[Hit]:
    from_environment = _api_token_provisioned(project)
    for facts in project.resolved_files:
        for client in facts.of(SdkClient):
            if _uses_api_token(client):
                span = client.token_span or client.span
                yield Hit(span, client.context, {"sdk": client.sdk})
            elif from_environment and _configured_elsewhere(client):
                # ``new Client()`` reads OKTA_CLIENT_TOKEN, which the project provisions
                yield Hit(client.span, client.context, {"sdk": client.sdk})


def _api_token_provisioned(project: ProjectFacts) -> bool:
    """The project's configuration provisions an API-token variable (OIN104) and nothing
    anywhere sets an SDK up for OAuth (a PrivateKey mode, a private key variable)."""
    settings = [s for f in project.files if not is_test_file(f.path)
                for s in f.of(CredentialSetting)]
    if not any(s.kind == "api-token" for s in settings) or any(
            s.kind == "private-key" for s in settings):
        return False
    return not any((c.auth_mode or "SSWS").upper() != "SSWS"
                   for f in project.files for c in f.of(SdkClient))


def _configured_elsewhere(client: SdkClient) -> bool:
    """An SDK client given no credentials or mode in code: it reads them from the
    environment (or ``okta.yaml``), SSWS by default."""
    return (client.sdk in _READS_ENVIRONMENT and client.auth_mode is None
            and not (_TOKEN_OPTIONS | _OAUTH_OPTIONS).intersection(client.options))


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
