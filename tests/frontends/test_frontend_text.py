"""The configuration / text front end: exact facts and spans per file type, tricky negatives,
and a fuzz test that no input makes any non-Python front end raise."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oinlint.config import Settings
from oinlint.engine import check
from oinlint.facts import (
    AuthHeader,
    CredentialSetting,
    Fact,
    FileFacts,
    SdkClient,
    SecretLiteral,
    Span,
)
from oinlint.frontends import parse
from oinlint.frontends import text as text_frontend
from oinlint.frontends.languages import LANGUAGES, detect_language
from oinlint.frontends.text.lexer import lex

SECRET = "FAKEsecret-oinlint-9xQ2vL7pW4kR8tZ1mN6bY3"
TOKEN = "00FAKEoinlintTESTtoken_0123456789-abcdefXY"


def run(path: str, text: str, language: str | None = None) -> FileFacts:
    """The text front end's facts (called directly: source languages have tree-sitter front
    ends now, and this one is their fallback and Kotlin's front end)."""
    language = language or detect_language(path, text.encode()[:256])
    facts = text_frontend.parse(path, text, language)
    assert not [p for p in facts.problems if "internal error" in p.message]
    return facts


def at(text: str, span: Span) -> str:
    """The text a span covers (single-line spans)."""
    lines = text.splitlines()
    assert span.line == span.end_line, span
    return lines[span.line - 1][span.column - 1 : span.end_column - 1]


def found(facts: FileFacts, kind: type[Fact], text: str) -> list[tuple[int, int, str]]:
    return [(f.span.line, f.span.column, at(text, f.span)) for f in facts.of(kind)]


def settings_of(facts: FileFacts) -> list[tuple[int, str, str, str, bool, str]]:
    return [(s.span.line, s.name, s.file_kind, s.context, s.has_value, s.kind)
            for s in facts.of(CredentialSetting)]


# -- .env ------------------------------------------------------------------------------------
def test_dotenv_keys_values_and_comments() -> None:
    text = (
        "# OKTA_API_TOKEN=commented out\n"
        "OKTA_API_TOKEN=\n"
        "export OKTA_CLIENT_TOKEN=\"a # not a comment\"  # a comment\n"
        "OKTA_URL=https://acme.okta.com/#frag\n"
        f"OKTA_CLIENT_SECRET='{SECRET}'\n"
    )
    facts = run(".env", text)
    assert settings_of(facts) == [
        (2, "OKTA_API_TOKEN", "dotenv", "", False, "api-token"),
        (3, "OKTA_CLIENT_TOKEN", "dotenv", "", True, "api-token"),
    ]
    assert found(facts, CredentialSetting, text) == [
        (2, 1, "OKTA_API_TOKEN"), (3, 8, "OKTA_CLIENT_TOKEN")]
    assert found(facts, SecretLiteral, text) == [(5, 21, SECRET)]
    secret = next(facts.of(SecretLiteral))
    assert (secret.kind, secret.name, secret.okta_context, secret.redacted) == (
        "client-secret", "OKTA_CLIENT_SECRET", True, "FAKE…")
    assert [(c.line, c.column, c.text, c.standalone) for c in facts.comments] == [
        (1, 3, "OKTA_API_TOKEN=commented out", True), (3, 49, "a comment", False)]


@pytest.mark.parametrize("value", ["${OKTA_CLIENT_SECRET}", "<your client secret>", "changeme",
                                   "$(cat /run/secrets/okta)", "vault://secret/okta#client",
                                   "xxxxxxxxxxxxxxxxxxxxxxxx", "prefix-${SECRET}-suffix"])
def test_dotenv_placeholders_are_not_secrets(value: str) -> None:
    facts = run(".env", f"OKTA_DOMAIN=acme.okta.com\nOKTA_CLIENT_SECRET={value}\n")
    assert list(facts.of(SecretLiteral)) == []


def test_dotenv_multiline_private_key() -> None:
    body = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKjMzEfYyjiWA4R4"
    text = (f'OKTA_PRIVATE_KEY="-----BEGIN PRIVATE KEY-----\n{body}\n'
            '-----END PRIVATE KEY-----"\nOKTA_CLIENT_ID=0oa1\n')
    facts = run(".env", text)
    [key] = facts.of(SecretLiteral)
    assert (key.kind, key.name, key.redacted) == ("private-key", "OKTA_PRIVATE_KEY",
                                                  "-----BEGIN PRIVATE KEY-----…")
    assert (key.span.line, key.span.column, key.span.end_line, key.span.end_column) == (
        1, 19, 3, 26)


# -- YAML ------------------------------------------------------------------------------------
def test_compose_environment_map_and_list() -> None:
    text = (
        "services:\n"
        "  sync:\n"
        "    image: acme/okta-sync  # https://example.com/#readme\n"
        "    environment:\n"
        "      - OKTA_API_TOKEN=${OKTA_API_TOKEN}\n"
        f"      - \"OKTA_CLIENT_SECRET={SECRET}\"\n"
        "      - OKTA_CLIENT_TOKEN\n"
        "      # - OKTA_API_KEY=commented\n"
        "  web:\n"
        "    environment:\n"
        "      OKTA_CLIENT_TOKEN: ${OKTA_CLIENT_TOKEN}\n"
        "      NOTE: \"a # b\"\n"
    )
    facts = run("docker-compose.yml", text)
    assert settings_of(facts) == [
        (5, "OKTA_API_TOKEN", "compose", "services.sync.environment", True, "api-token"),
        (7, "OKTA_CLIENT_TOKEN", "compose", "services.sync.environment", False, "api-token"),
        (11, "OKTA_CLIENT_TOKEN", "compose", "services.web.environment", True, "api-token"),
    ]
    assert found(facts, CredentialSetting, text)[0] == (5, 9, "OKTA_API_TOKEN")
    assert found(facts, CredentialSetting, text)[2] == (11, 7, "OKTA_CLIENT_TOKEN")
    assert found(facts, SecretLiteral, text) == [(6, 29, SECRET)]
    assert [c.text for c in facts.comments] == ["https://example.com/#readme",
                                                "- OKTA_API_KEY=commented"]


def test_kubernetes_env_block_and_flow_style() -> None:
    text = (
        "apiVersion: apps/v1\n"
        "kind: Deployment\n"
        "spec:\n"
        "  template:\n"
        "    spec:\n"
        "      containers:\n"
        "        - name: sync\n"
        "          env:\n"
        "            - {name: OKTA_CLIENT_TOKEN, value: \"\"}\n"
        "            - name: OKTA_API_TOKEN\n"
        "              valueFrom:\n"
        "                secretKeyRef: {name: okta, key: token}\n"
        "            - name: OKTA_CLIENT_SECRET\n"
        f"              value: {SECRET}\n"
    )
    facts = run("deploy/k8s.yaml", text)
    assert found(facts, CredentialSetting, text) == [
        (9, 22, "OKTA_CLIENT_TOKEN"), (10, 21, "OKTA_API_TOKEN")]
    assert [(s.file_kind, s.context, s.has_value) for s in facts.of(CredentialSetting)] == [
        ("kubernetes", "spec.template.spec.containers.env", False),
        ("kubernetes", "spec.template.spec.containers.env", True)]
    assert found(facts, SecretLiteral, text) == [(14, 22, SECRET)]


def test_github_actions_env_and_curl_in_run_script() -> None:
    text = (
        "on: push\n"
        "jobs:\n"
        "  sync:\n"
        "    runs-on: ubuntu-latest\n"
        "    env:\n"
        "      OKTA_CLIENT_TOKEN: ${{ secrets.OKTA_CLIENT_TOKEN }}\n"
        "    steps:\n"
        "      - run: |\n"
        "          # curl -H \"Authorization: SSWS $OLD\" https://old\n"
        "          curl -sf -H \"Authorization: SSWS ${{ secrets.T }}\" \"https://x/api/v1/users\"\n"
        "          curl -H 'Authorization: Bearer '\"$AT\" https://x\n"
    )
    facts = run(".github/workflows/sync.yml", text)
    assert settings_of(facts) == [
        (6, "OKTA_CLIENT_TOKEN", "ci", "jobs.sync.env", True, "api-token")]
    headers = list(facts.of(AuthHeader))
    assert [(h.span.line, h.scheme, h.via) for h in headers] == [
        (10, "SSWS", "curl"), (11, "Bearer", "curl")]
    assert at(text, headers[0].span) == "Authorization: SSWS ${{ secrets.T }}"


def test_gitlab_ci_variables_are_ci() -> None:
    text = "variables:\n  OKTA_API_TOKEN: $OKTA_API_TOKEN\nsync:\n  script: [make sync]\n"
    facts = run(".gitlab-ci.yml", text)
    assert settings_of(facts) == [(2, "OKTA_API_TOKEN", "ci", "variables", True, "api-token")]


def test_okta_yaml_sdk_client() -> None:
    text = ("okta:\n  client:\n    orgUrl: https://acme.okta.com\n"
            "    token: \"${OKTA_API_TOKEN}\"\n")
    facts = run("okta.yaml", text)
    [client] = facts.of(SdkClient)
    assert (client.sdk, client.auth_mode, client.options) == ("okta.yaml", None,
                                                              ("orgUrl", "token"))
    assert at(text, client.span) == "client"
    assert client.token_span is not None and at(text, client.token_span) == "${OKTA_API_TOKEN}"
    # SDK configuration is OIN102's; it is not also a provisioned variable (corpus convention 4)
    assert settings_of(facts) == []

    bearer = run("okta.yaml", "okta:\n  client:\n    authorizationMode: Bearer\n    token: x\n")
    assert [c.auth_mode for c in bearer.of(SdkClient)] == ["Bearer"]
    private = run("okta.yaml", "okta:\n  client:\n    authorizationMode: PrivateKey\n"
                               "    clientId: abc\n    # token: old\n")
    assert [(c.auth_mode, c.options) for c in private.of(SdkClient)] == [
        ("PrivateKey", ("authorizationMode", "clientId"))]


def test_broken_yaml_is_reported_and_still_scanned() -> None:
    text = "sync:\n  okta:\n    apiToken: \"abc\n  x: [\nOKTA_API_TOKEN: 1\n"
    facts = run("config.yaml", text)
    assert [p.message for p in facts.problems] == [
        "invalid YAML at line 6: found unexpected end of stream"]
    assert settings_of(facts) == [
        (3, "okta.apiToken", "yaml", "sync.okta", True, "api-token"),
        (5, "OKTA_API_TOKEN", "yaml", "", True, "api-token")]


def test_helm_template_is_scanned_without_a_parse_problem() -> None:
    text = ("{{- if .Values.sync.enabled }}\nenv:\n  - name: OKTA_API_TOKEN\n"
            "    value: {{ .Values.okta.apiToken | quote }}\n{{- end }}\n")
    facts = run("chart/templates/deployment.yaml", text)
    assert facts.problems == ()
    assert found(facts, CredentialSetting, text) == [(3, 11, "OKTA_API_TOKEN")]


def test_yaml_anchors_merge_keys_and_documents() -> None:
    text = (
        "x-env: &env\n  OKTA_CLIENT_TOKEN: ${T}\n"
        "services:\n  a:\n    environment: *env\n  b:\n    environment:\n      <<: *env\n"
        "---\nrecursive: &r [*r]\n---\nOKTA_API_TOKEN: x\n"
    )
    facts = run("compose.yaml", text)
    assert found(facts, CredentialSetting, text) == [
        (2, 3, "OKTA_CLIENT_TOKEN"), (12, 1, "OKTA_API_TOKEN")]


# -- JSON ------------------------------------------------------------------------------------
def test_json_appsettings_with_comments() -> None:
    text = (
        "{\n"
        "  // the SDK reads Okta:Client\n"
        "  \"Okta\": {\n"
        "    \"Client\": {\"OktaDomain\": \"https://acme.okta.com/#x\", \"Token\": \"${T}\"},\n"
        f"    \"ClientSecret\": \"{SECRET}\",\n"
        "    \"ApiToken\": \"\"\n"
        "  },\n"
        "}\n"
    )
    facts = run("appsettings.json", text)
    assert facts.problems == ()
    # JSON settings provision the variable (OIN104), they are not an SDK call (corpus conv. 4)
    assert list(facts.of(SdkClient)) == []
    assert settings_of(facts) == [
        (4, "Okta.Client.Token", "json", "Okta.Client", True, "api-token"),
        (6, "Okta.ApiToken", "json", "Okta", False, "api-token")]
    assert found(facts, SecretLiteral, text) == [(5, 22, SECRET)]
    assert [(c.line, c.text) for c in facts.comments] == [(2, "the SDK reads Okta:Client")]


def test_a_committed_config_template_provisions_what_its_copy_will(tmp_path: Path) -> None:
    """``config.json.example`` is the file a user copies to ``config.json`` and fills in: the
    nested ``okta.apiToken`` it asks for is the API token the integration will read."""
    text = ('{\n  "okta": {\n    "domain": "your-domain.okta.com",\n'
            '    "apiToken": "your-api-token-here"\n  }\n}\n')
    (tmp_path / "config.json.example").write_text(text, encoding="utf-8")
    (tmp_path / "notes.example").write_text(text, encoding="utf-8")
    result = check([str(tmp_path)], Settings(root=tmp_path, select=("OIN104",),
                                             respect_gitignore=False))
    assert [(Path(f.span.path).name, f.span.line) for f in result.findings] == [
        ("config.json.example", 4)]


def test_broken_json_keeps_what_it_read() -> None:
    text = '{"okta": {"apiToken": "x",\n "b": }'
    facts = run("settings.json", text)
    assert [(p.span.line, p.message) for p in facts.problems] == [
        (2, "invalid JSON at line 2: expected a value after the key")]
    assert found(facts, CredentialSetting, text) == [(1, 12, "apiToken")]


def test_postman_collection_header() -> None:
    text = ('{"item": [{"request": {"header": [\n'
            '  {"key": "Authorization", "value": "SSWS {{apiKey}}"},\n'
            '  {"key": "X-Note", "value": "SSWS is legacy"}]}}]}\n')
    facts = run("okta.postman_collection.json", text)
    assert [(h.span.line, h.scheme, h.via, at(text, h.span)) for h in facts.of(AuthHeader)] == [
        (2, "SSWS", "template", "SSWS {{apiKey}}")]


# -- TOML, properties ------------------------------------------------------------------------
def test_toml_tables_quoted_keys_inline_tables_and_strings() -> None:
    text = (
        "[okta]\n"
        "api_token = \"abc\"  # comment\n"
        f"client_secret = '{SECRET}'\n"
        "url = \"https://x#y\"\n"
        "[env]\n"
        "\"OKTA_CLIENT_TOKEN\" = \"\"\n"
        "inline = { OKTA_API_TOKEN = \"q\", other = 1 }\n"
        "notes = \"\"\"\nOKTA_API_TOKEN = \"inside a string\"\n\"\"\"\n"
    )
    facts = run("fly.toml", text)
    assert settings_of(facts) == [
        (2, "okta.api_token", "toml", "okta", True, "api-token"),
        (6, "OKTA_CLIENT_TOKEN", "toml", "env", False, "api-token"),
        (7, "OKTA_API_TOKEN", "toml", "env.inline", True, "api-token")]
    assert found(facts, CredentialSetting, text)[1] == (6, 2, "OKTA_CLIENT_TOKEN")
    assert found(facts, SecretLiteral, text) == [(3, 18, SECRET)]
    assert [c.text for c in facts.comments] == ["comment"]


def test_properties_and_ini() -> None:
    text = (
        "# okta.client.token=commented\n"
        "! okta.client.token=also commented\n"
        "okta.client.orgUrl=https://acme.okta.com\n"
        "okta.client.token = ${OKTA_TOKEN}\n"
        f"okta.oauth2.client-secret: {SECRET}\n"
    )
    facts = run("src/main/resources/application.properties", text)
    assert settings_of(facts) == [
        (4, "okta.client.token", "properties", "", True, "api-token")]
    assert list(facts.of(SdkClient)) == []
    assert found(facts, SecretLiteral, text) == [(5, 28, SECRET)]
    ini = "[okta]\napi_token = x\n; okta_api_token = y\n"
    assert settings_of(run("settings.ini", ini)) == [
        (2, "okta.api_token", "properties", "okta", True, "api-token")]


# -- Dockerfile, shell -----------------------------------------------------------------------
def test_dockerfile_env_arg_and_run() -> None:
    text = (
        "FROM python:3.12-slim\n"
        "ARG OKTA_API_TOKEN\n"
        "ENV OKTA_CLIENT_TOKEN legacy form\n"
        f"ENV OKTA_CLIENT_SECRET={SECRET} OTHER=1\n"
        "# ENV OKTA_API_KEY=commented\n"
        "RUN curl -H \"Authorization: SSWS $OKTA_API_TOKEN\" https://acme.okta.com/api/v1/users\n"
    )
    facts = run("Dockerfile", text)
    assert settings_of(facts) == [
        (2, "OKTA_API_TOKEN", "dockerfile", "", False, "api-token"),
        (3, "OKTA_CLIENT_TOKEN", "dockerfile", "", True, "api-token")]
    assert found(facts, SecretLiteral, text) == [(4, 24, SECRET)]
    assert [(h.span.line, h.scheme, h.via) for h in facts.of(AuthHeader)] == [
        (6, "SSWS", "curl")]


def test_shell_script() -> None:
    text = (
        "#!/bin/sh\n"
        "export OKTA_API_TOKEN=\"$(vault read -field=token secret/okta)\"\n"
        "export OKTA_CLIENT_TOKEN\n"
        "docker run -e OKTA_API_TOKEN --env OKTA_CLIENT_TOKEN=x img\n"
        "echo \"set OKTA_API_TOKEN=<token> in .env\"\n"
        "echo ${#OKTA_API_TOKEN} https://x/#frag\n"
        "AUTH=\"Authorization: SSWS ${OKTA_API_TOKEN}\"\n"
        "cat <<EOF\n# not a comment\nEOF\n"
        "curl -d \"grant_type=client_credentials&client_secret=" + SECRET + "\" https://x\n"
    )
    facts = run("deploy.sh", text)
    assert found(facts, CredentialSetting, text) == [
        (2, 8, "OKTA_API_TOKEN"), (3, 8, "OKTA_CLIENT_TOKEN"), (4, 15, "OKTA_API_TOKEN"),
        (4, 36, "OKTA_CLIENT_TOKEN")]
    assert [(h.span.line, h.scheme, h.via, at(text, h.span)) for h in facts.of(AuthHeader)] == [
        (7, "SSWS", "literal", "Authorization: SSWS ${OKTA_API_TOKEN}")]
    assert [(s.span.line, s.name) for s in facts.of(SecretLiteral)] == [(11, "client_secret")]
    assert [(c.line, c.text) for c in facts.comments] == [(1, "!/bin/sh")]


# -- HCL -------------------------------------------------------------------------------------
def test_terraform_provider_variables_and_attributes() -> None:
    text = (
        "# provider \"okta\" { api_token = \"x\" }\n"
        "provider \"okta\" {\n"
        "  org_name  = \"acme\" // the org\n"
        "  api_token = var.okta_api_token /* from tfvars */\n"
        "}\n"
        "variable \"okta_api_token\" {\n  sensitive = true\n}\n"
        "resource \"aws_ecs_task_definition\" \"sync\" {\n"
        "  container_definitions = jsonencode([{\n"
        "    environment = [{ name = \"OKTA_CLIENT_TOKEN\", value = var.t }]\n"
        "  }])\n"
        "}\n"
    )
    facts = run("main.tf", text)
    [client] = facts.of(SdkClient)
    assert (client.sdk, client.auth_mode, client.options, at(text, client.span)) == (
        "terraform", None, ("orgName", "apiToken"), 'provider "okta"')
    assert client.token_span is not None and at(text, client.token_span) == "var.okta_api_token"
    assert found(facts, CredentialSetting, text) == [
        (6, 11, "okta_api_token"), (11, 30, "OKTA_CLIENT_TOKEN")]
    assert [c.text for c in facts.comments] == [
        'provider "okta" { api_token = "x" }', "the org", "from tfvars"]
    access = run("main.tf", "provider \"okta\" {\n  access_token = var.at\n}\n")
    assert [c.options for c in access.of(SdkClient)] == [("accessToken",)]


def test_properties_continuation_and_bare_keys() -> None:
    text = ("a=1 \\\n  OKTA_API_TOKEN=inside a continued value \\\n  more\n"
            "okta.client.token\n[section]\n")
    facts = run("app.properties", text)
    assert settings_of(facts) == [(4, "okta.client.token", "properties", "", False, "api-token")]


def test_jwk_private_member_and_header_without_scheme() -> None:
    d = "FAKEoinlintNOTaREALkeyDoNotUseThisIsCorpusDataOnlyQWxhZGRpbjEyMw"
    text = ('{"okta": {"privateKey": {"kty": "RSA",\n'
            f'  "d": "{d}",\n  "n": "{d}"}}}},\n'
            ' "hook": {"key": "Authorization", "value": "my-shared-secret"}}\n')
    facts = run("okta.json", text)
    assert [(s.kind, s.name, s.span.line, at(text, s.span)) for s in facts.of(SecretLiteral)] == [
        ("private-key", "privateKey", 2, d)]
    assert [(h.span.line, h.scheme) for h in facts.of(AuthHeader)] == [(4, None)]


@pytest.mark.parametrize(("path", "marker", "line"), [
    ("Makefile", "#", "\tcurl -H \"Authorization: SSWS $(OKTA_API_TOKEN)\" https://x\n"),
    ("Jenkinsfile", "//", "sh 'curl -H \"Authorization: SSWS $OKTA_API_TOKEN\" https://x'\n"),
])
def test_makefiles_and_jenkinsfiles_are_scripts(path: str, marker: str, line: str) -> None:
    text = f"{marker} curl -H \"Authorization: SSWS $OLD\"\n\n" + line
    facts = run(path, text)
    assert [(h.span.line, h.scheme, h.via) for h in facts.of(AuthHeader)] == [(3, "SSWS", "curl")]
    assert list(facts.of(CredentialSetting)) == []


# -- source languages (regex level until tree-sitter) ----------------------------------------
def test_javascript_headers_sdk_and_negatives() -> None:
    text = (
        "const okta = require('@okta/okta-sdk-nodejs');\n"
        "// const old = new okta.Client({ orgUrl, token: 'x' });\n"
        "const client = new okta.Client({ orgUrl, token: process.env.OKTA_API_TOKEN });\n"
        "const a = { Authorization: 'SSWS ' + token, url: 'https://x//y' };\n"
        "fetch(u, { headers: { 'Authorization': `SSWS ${token}` } });\n"
        "if (v.startsWith('SSWS ')) throw new Error('SSWS is not allowed as Authorization');\n"
        "const h = { 'X-Legacy-Scheme': 'SSWS', 'Authorization': 'Bearer ' + at };\n"
        "const pk = new okta.Client({ orgUrl, authorizationMode: 'PrivateKey', clientId });\n"
    )
    facts = run("client.js", text)
    assert [(h.span.line, h.scheme, h.via, at(text, h.span)) for h in facts.of(AuthHeader)] == [
        (4, "SSWS", "concat", "'SSWS ' + token"),
        (5, "SSWS", "template", "`SSWS ${token}`"),
        (7, "Bearer", "concat", "'Bearer ' + at")]
    clients = list(facts.of(SdkClient))
    assert [(c.span.line, c.sdk, c.auth_mode, c.options) for c in clients] == [
        (3, "okta-sdk-nodejs", None, ("orgUrl", "token")),
        (8, "okta-sdk-nodejs", "PrivateKey", ("orgUrl", "authorizationMode", "clientId"))]
    assert clients[0].token_span is not None
    assert at(text, clients[0].token_span) == "process.env.OKTA_API_TOKEN"
    assert [(c.line, c.column) for c in facts.comments] == [(2, 4)]


def test_go_with_token_and_bearer_mode() -> None:
    text = (
        "package main\n\n"
        "func f() {\n"
        "\t// okta.WithToken(\"x\")\n"
        "\t_, c, _ := okta.NewClient(ctx, okta.WithOrgUrl(u), okta.WithToken(apiToken))\n"
        "\tcfg, _ := okta.NewConfiguration(\n"
        "\t\tokta.WithAuthorizationMode(\"Bearer\"),\n"
        "\t\tokta.WithToken(accessToken),\n"
        "\t)\n"
        "\treq.Header.Set(\"Authorization\", \"SSWS \"+apiToken)\n"
        "}\n"
    )
    facts = run("main.go", text)
    assert [(c.span.line, c.auth_mode, c.options) for c in facts.of(SdkClient)] == [
        (5, None, ("orgUrl", "token")), (8, "Bearer", ("authorizationMode", "token"))]
    assert [(h.span.line, h.scheme, h.via) for h in facts.of(AuthHeader)] == [
        (10, "SSWS", "concat")]


def test_java_csharp_ruby_php() -> None:
    java = ("class A {\n"
            "  Client c = Clients.builder()\n"
            "      .setClientCredentials(new TokenClientCredentials(t)).build();\n"
            "  void f() { conn.setRequestProperty(\"Authorization\", \"SSWS \" + t); }\n}\n")
    facts = run("A.java", java)
    assert [(c.sdk, at(java, c.token_span)) for c in facts.of(SdkClient) if c.token_span] == [
        ("okta-sdk-java", "t")]
    assert [h.scheme for h in facts.of(AuthHeader)] == ["SSWS"]

    cs = ("using Okta.Sdk;\nvar c = new OktaClientConfiguration\n{\n"
          "    OktaDomain = d,\n    Token = apiToken,\n};\n"
          "var b = new OktaClientConfiguration { AuthorizationMode = AuthorizationMode.BearerToken,"
          " Token = at };\n"
          "http.DefaultRequestHeaders.Authorization =\n"
          "    new AuthenticationHeaderValue(\"SSWS\", t);\n")
    facts = run("Program.cs", cs)
    assert [(c.auth_mode, c.options) for c in facts.of(SdkClient)] == [
        (None, ("oktaDomain", "token")), ("Bearer", ("authorizationMode", "token"))]
    assert [(h.span.line, h.scheme) for h in facts.of(AuthHeader)] == [(9, "SSWS")]

    rb = ("client = Oktakit.new(token: ENV['OKTA_API_TOKEN'], organization: 'acme')\n"
          "req['Authorization'] = \"SSWS #{token}\"\n"
          "raise 'SSWS tokens are not allowed' if h.start_with?('SSWS ')\n")
    facts = run("client.rb", rb)
    assert [(c.sdk, c.options) for c in facts.of(SdkClient)] == [
        ("oktakit", ("token", "organization"))]
    assert [(h.span.line, h.via) for h in facts.of(AuthHeader)] == [(2, "template")]

    php = ("<?php\n#[Attribute]\n"
           "curl_setopt($ch, CURLOPT_HTTPHEADER, ['Authorization: SSWS ' . $token]); # c\n")
    facts = run("client.php", php)
    assert [(h.via, at(php, h.span)) for h in facts.of(AuthHeader)] == [
        ("concat", "'Authorization: SSWS ' . $token")]
    assert [c.text for c in facts.comments] == ["c"]


def test_source_secret_literals_keep_their_quotes() -> None:
    text = f'const okta = {{ clientId: "0oa1", clientSecret: "{SECRET}" }};\n'
    facts = run("okta.ts", text)
    assert found(facts, SecretLiteral, text) == [(1, 48, f'"{SECRET}"')]


# -- prose and comments ----------------------------------------------------------------------
def test_markdown_mentions_are_not_use_but_tokens_are_leaks() -> None:
    text = (
        "Set `OKTA_API_TOKEN=...` or send `Authorization: SSWS <token>`:\n\n"
        "    curl -H \"Authorization: SSWS $TOKEN\" https://acme.okta.com\n\n"
        f"<!-- oinlint: ignore[OIN103] -- revoked -->\nOld token: {TOKEN}\n"
    )
    facts = run("README.md", text)
    assert [type(f).__name__ for f in facts.facts] == ["SecretLiteral"]
    assert found(facts, SecretLiteral, text) == [(6, 12, TOKEN)]
    assert [(c.line, c.column, c.text) for c in facts.comments] == [
        (5, 6, "oinlint: ignore[OIN103] -- revoked")]


def test_token_in_a_comment_is_still_a_leak() -> None:
    text = f"x: 1  # old token {TOKEN} (revoked?)\n"
    facts = run("config.yaml", text)
    assert found(facts, SecretLiteral, text) == [(1, 19, TOKEN)]


def test_crlf_and_unusual_line_breaks_keep_engine_line_numbers() -> None:
    text = "A=1\r\nOKTA_API_TOKEN=\r\nB=2\x0cOKTA_CLIENT_TOKEN=x\r\n"
    facts = run(".env", text)
    assert found(facts, CredentialSetting, text) == [
        (2, 1, "OKTA_API_TOKEN"), (4, 1, "OKTA_CLIENT_TOKEN")]
    # a properties value continued with a backslash before a CRLF (this once looped forever)
    text = "a=1 \\\r\n  b\r\nOKTA_API_TOKEN=x\r\n"
    assert found(run("app.properties", text), CredentialSetting, text) == [
        (3, 1, "OKTA_API_TOKEN")]


@pytest.mark.parametrize(("path", "text"), [
    ("app.yaml", "env:\n  OKTA_API_TOKEN: x  # oinlint: ignore[OIN104] -- legacy job, SEC-1\n"),
    (".env", "# oinlint: ignore[OIN104] -- legacy job, SEC-1\nOKTA_API_TOKEN=\n"),
    ("main.tf", "// oinlint: ignore[OIN104] -- legacy, SEC-1\nvariable \"okta_api_token\" {}\n"),
    ("run.sh", "export OKTA_API_TOKEN  # oinlint: ignore[OIN104] -- legacy job, SEC-1\n"),
])
def test_suppressions_in_config_comments(tmp_path: Path, path: str, text: str) -> None:
    (tmp_path / path).write_text(text, encoding="utf-8")
    result = check([str(tmp_path / path)], Settings(root=tmp_path, select=("OIN104", "OIN001"),
                                                    respect_gitignore=False))
    assert [(f.code, f.waiver is not None) for f in result.findings] == [("OIN104", True)]


# -- robustness ------------------------------------------------------------------------------
_PIECES = st.sampled_from([
    '"""', "'''", "<<EOF\n", "\nEOF\n", "${", "#{", "/*", "*/", "//", "<!--", "-->", "=begin\n",
    "\n=end", "okta:\n  client:\n    token: x\n", "OKTA_API_TOKEN=", "-H \"Authorization: SSWS ",
    "new okta.Client({", "okta.WithToken(", "Oktakit.new(", 'provider "okta" {', TOKEN,
    "client_secret=", "`SSWS ${t}`", "<<<EOT\n", '@"', "- name: OKTA_API_TOKEN\n", "&a [*a]",
    "<<: *a", "---\n", "\r\n", "\\\r\n", "\u2028", "\x0c", "\\", "{", "}", "[", "]", "(", ")",
    '"', "'", "`",
    "#", ":", "=", ",", " ", "\t", "\n",
])
_TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=40).map("".join)


_NOT_PYTHON = [lang for lang in LANGUAGES if lang != "python"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXT, language=st.sampled_from(_NOT_PYTHON))
def test_random_text_never_breaks_a_front_end(text: str, language: str) -> None:
    """Through the dispatcher: whichever front end owns the language."""
    facts = parse("fuzz", text, language)
    assert isinstance(facts, FileFacts)
    assert not [p for p in facts.problems if "internal error" in p.message]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXT, language=st.sampled_from(_NOT_PYTHON))
def test_random_text_gives_spans_inside_the_file(text: str, language: str) -> None:
    """The text front end for every language (it is the tree-sitter fallback too)."""
    facts = text_frontend.parse("fuzz", text, language)
    assert isinstance(facts, FileFacts)
    assert facts.problems == () or language in ("yaml", "json")
    lines = text.splitlines() or [""]
    for fact in facts.facts:
        span = fact.span
        assert 1 <= span.line <= span.end_line <= len(lines)
        assert (span.line, span.column) <= (span.end_line, span.end_column)
        assert span.end_column <= len(lines[span.end_line - 1]) + 1


@pytest.mark.parametrize(("path", "language"), [
    ("scripts/Sync-Okta.ps1", "powershell"), ("Okta.psm1", "powershell"),
    ("lib/okta.ex", "elixir"), ("test/okta_test.exs", "elixir"), ("src/main.rs", "rust"),
    ("Okta.scala", "scala"),
])
def test_more_source_languages_are_recognised(path: str, language: str) -> None:
    assert detect_language(path) == language


def test_powershell_strings_and_comments_are_lexed_as_powershell_writes_them() -> None:
    source = ('$path = "C:\\temp\\"  # a backslash does not escape in PowerShell\n'
              '$q = "say `"hi`" and ""bye"""\n'
              "$s = 'it''s'\n"
              '<# a block\n   comment #> $after = "x"\n')
    lexed = lex(source, "powershell")
    bodies = [source[t.body_start:t.body_end] for t in lexed.strings]
    assert bodies == ["C:\\temp\\", 'say `"hi`" and ""bye""', "it''s", "x"]
    assert [c.text for c in lexed.comments] == [
        "a backslash does not escape in PowerShell", "a block\n   comment"]


def test_rust_lifetimes_are_not_strings() -> None:
    source = 'fn f<\'a>(x: &\'a str) -> &\'a str { "SSWS" }\n'
    assert [source[t.body_start:t.body_end] for t in lex(source, "rust").strings] == ["SSWS"]
