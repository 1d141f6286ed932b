"""The tree-sitter front ends for shell scripts (Bash), Dockerfile ``RUN`` instructions and
HCL/Terraform: exact facts and spans, comments kept apart, suppressions through the engine,
grammar loading (once per process; a broken grammar or an unparsable file is one clear line
and the text front end's facts)."""

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
    CredentialSetting,
    FileFacts,
    ScopeList,
    SdkClient,
    SecretLiteral,
    Span,
    TokenRequest,
)
from oinlint.frontends import text as text_frontend
from oinlint.frontends.treesitter import grammars
from oinlint.frontends.treesitter.languages.dockerfile import shell_ranges

TOKEN = "00FAKEoinlintTsTestTOKENx7Qm2Lp9Rv4Tz8WpKq"
SECRET = "FAKEsecret-oinlint-9xQ2vL7pW4kR8tZ1mN6bY3"
PATHS = {"shell": "run.sh", "dockerfile": "Dockerfile", "hcl": "main.tf"}


def parse(language: str, source: str) -> FileFacts:
    facts = frontends.parse(PATHS[language], textwrap.dedent(source), language)
    assert not [p for p in facts.problems if "internal error" in p.message], facts.problems
    return facts


def span_of(language: str, source: str, needle: str, occurrence: int = 1) -> Span:
    return span_in(PATHS[language], source, needle, occurrence)


def headers(language: str, source: str) -> list[tuple[Span, str | None, str]]:
    return [(h.span, h.scheme, h.via) for h in parse(language, source).of(AuthHeader)]


def settings_of(language: str, source: str) -> list[tuple[Span, str, bool]]:
    return [(s.span, s.name, s.has_value) for s in parse(language, source).of(CredentialSetting)]


# -- shell --------------------------------------------------------------------------------------

SH_HEADERS = """\
    #!/usr/bin/env bash
    # curl -H "Authorization: SSWS $OLD" is gone
    TOKEN="$(cat /run/secrets/okta)"
    AUTH="Authorization: SSWS ${TOKEN}"
    PREFIX="SSWS"
    curl -sS -H "$AUTH" "https://$ORG/api/v1/users"   # SSWS in a trailing comment
    curl --header='Authorization: Bearer x' https://$ORG/api/v1/groups
    wget --header="Authorization: $PREFIX $TOKEN" "https://$ORG/api/v1/apps"
    http GET "https://$ORG/api/v1/users/me" Authorization:"SSWS $TOKEN"
    echo "use SSWS tokens? no: Authorization: SSWS x"
    printf 'Authorization: SSWS %s\\n' "$TOKEN"
    grep -H 'Authorization: SSWS' src/*.py
    bash -c "curl -H 'Authorization: SSWS $TOKEN' https://x/api/v1/users"
    cat <<'EOF'
    Never send -H "Authorization: SSWS ..." again.
    EOF
    ssh ops@bastion bash <<EOF
    curl -H "Authorization: SSWS $TOKEN" https://x/api/v1/users
    EOF
"""


def test_shell_headers_through_variables_and_tools() -> None:
    src = SH_HEADERS
    assert headers("shell", src) == [
        (span_of("shell", src, '"$AUTH"'), "SSWS", "curl"),
        (span_of("shell", src, "Authorization: Bearer x"), "Bearer", "curl"),
        (span_of("shell", src, "Authorization: $PREFIX $TOKEN"), "SSWS", "curl"),
        (span_of("shell", src, 'Authorization:"SSWS $TOKEN'), "SSWS", "httpie"),
        (span_of("shell", src, "Authorization: SSWS $TOKEN", 1), "SSWS", "curl"),
        (span_of("shell", src, "Authorization: SSWS $TOKEN", 2), "SSWS", "curl"),
    ]
    comments = [c.text for c in parse("shell", src).comments]
    assert comments == ["!/usr/bin/env bash", 'curl -H "Authorization: SSWS $OLD" is gone',
                        "SSWS in a trailing comment"]


def test_shell_settings_secrets_and_form_bodies() -> None:
    src = f"""\
        export OKTA_API_TOKEN="{TOKEN}"
        export OKTA_CLIENT_TOKEN
        OKTA_CLIENT_TOKEN= ./run
        docker run -e OKTA_API_TOKEN --env "OKTA_CLIENT_TOKEN=${{T}}" -e "OKTA_API_TOKEN" img
        helm upgrade sync ./chart --set okta.client.token="$T" --set okta.orgUrl=x
        make deploy OKTA_API_TOKEN=$T
        : "${{OKTA_API_TOKEN:?set it}}"
        echo OKTA_API_TOKEN=x
        OKTA_CLIENT_SECRET='{SECRET}'
        OKTA_CLIENT_SECRET2="$(vault read -field=secret x)"
        curl -d "client_id=0oa1&client_secret={SECRET}" https://x/oauth2/v1/token
        S="${{OKTA_CLIENT_SECRET:-{SECRET}}}" P="${{CLIENT_SECRET:-$(cat f)}}"
    """
    facts = parse("shell", src)
    assert [(s.span.line, s.span.column, s.name, s.has_value, s.file_kind)
            for s in facts.of(CredentialSetting)] == [
        (1, 8, "OKTA_API_TOKEN", True, "shell"), (2, 8, "OKTA_CLIENT_TOKEN", False, "shell"),
        (3, 1, "OKTA_CLIENT_TOKEN", False, "shell"), (4, 15, "OKTA_API_TOKEN", False, "shell"),
        (4, 37, "OKTA_CLIENT_TOKEN", True, "shell"), (4, 65, "OKTA_API_TOKEN", False, "shell"),
        (5, 33, "okta.client.token", True, "shell"), (6, 13, "OKTA_API_TOKEN", True, "shell")]
    assert [(s.span, s.kind, s.name) for s in facts.of(SecretLiteral)] == [
        (span_of("shell", src, TOKEN), "api-token", None),
        (span_of("shell", src, f"'{SECRET}'"), "client-secret", "OKTA_CLIENT_SECRET"),
        (span_of("shell", src, SECRET, 2), "client-secret", "client_secret"),
        (span_of("shell", src, SECRET, 3), "client-secret", "OKTA_CLIENT_SECRET")]


def test_shell_token_request_scopes_and_api_calls() -> None:
    src = f"""\
        scopes="okta.users.read okta.groups.read"
        at=$(curl -sS -u "0oa1fakeoinlintId:{SECRET}" \\
          --data-urlencode "scope=$scopes" -d grant_type=client_credentials \\
          "https://${{OKTA_ORG}}/oauth2/default/v1/token" | jq -r .access_token)
        curl -X DELETE -H "Authorization: Bearer $at" "https://$OKTA_ORG/api/v1/users/$id"
        http POST "https://$OKTA_ORG/oauth2/v1/token" grant_type=client_credentials
    """
    facts = parse("shell", src)
    first, second = facts.of(TokenRequest)
    assert (first.endpoint_kind, first.grant_type, first.client_auth, first.via,
            first.url_template) == ("custom", "client_credentials", "basic", "curl",
                                    "https://{}/oauth2/default/v1/token")
    assert [s.name for s in first.scopes] == ["okta.users.read", "okta.groups.read"]
    assert first.url_span == span_of("shell", src, '"https://${OKTA_ORG}/oauth2/default/v1/token"')
    assert (second.endpoint_kind, second.grant_type, second.via) == (
        "org", "client_credentials", "httpie")
    (call,) = facts.of(ApiCall)
    assert (call.method, call.path_template, call.via) == ("DELETE", "/api/v1/users/{}", "curl")
    assert [s.role for s in facts.of(ScopeList)] == ["constant", "token-request"]
    (secret,) = facts.of(SecretLiteral)
    assert (secret.span, secret.name) == (span_of("shell", src, SECRET), "client_secret")


def test_shell_suppressions_work_through_the_engine(tmp_path: Path) -> None:
    target = tmp_path / "run.sh"
    target.write_text(
        "#!/bin/sh\n# oinlint: ignore[OIN101] -- migration fixture, SEC-1\n"
        'curl -H "Authorization: SSWS $T" https://x/api/v1/users\n'
        "export OKTA_API_TOKEN  # oinlint: ignore[OIN104] -- legacy job, SEC-1\n",
        encoding="utf-8")
    result = check([str(target)], Settings(root=tmp_path, select=("OIN1", "OIN0"),
                                           respect_gitignore=False))
    assert [f.code for f in result.active] == []
    assert sorted((f.code, f.span.line) for f in result.findings) == [
        ("OIN101", 3), ("OIN104", 4)]


# -- Dockerfile ---------------------------------------------------------------------------------

DOCKERFILE = """\
    FROM alpine:3.20
    LABEL description="Café sync — reads OKTA_API_TOKEN at run time"
    ARG OKTA_API_TOKEN
    ENV OKTA_CLIENT_TOKEN=""
    # RUN curl -H "Authorization: SSWS $OKTA_API_TOKEN" https://x
    RUN echo "SSWS is deprecated" \\
     && curl -sS \\
          # Docker drops this line: -H "Authorization: SSWS nope"
          -H "Authorization: SSWS ${OKTA_API_TOKEN}" \\
          "https://$ORG/api/v1/org"
    RUN --mount=type=secret,id=s export OKTA_CLIENT_TOKEN="$(cat /run/secrets/s)"
    RUN ["curl", "-H", "Authorization: SSWS x", "https://x"]
    RUN <<EOF
    set -eu
    curl -d "client_secret=FAKEsecret-oinlint-9xQ2vL7pW4kR8tZ1mN6bY3" https://x/oauth2/v1/token
    EOF
    CMD ["sh", "-c", "echo done"]
"""


def test_dockerfile_run_instructions_are_shell_with_real_spans() -> None:
    src = DOCKERFILE
    facts = parse("dockerfile", src)
    assert [(h.span, h.scheme, h.via) for h in facts.of(AuthHeader)] == [
        (span_of("dockerfile", src, "Authorization: SSWS ${OKTA_API_TOKEN}"), "SSWS", "curl"),
        (span_of("dockerfile", src, "Authorization: SSWS x"), "SSWS", "curl")]
    assert [(s.span, s.name, s.has_value) for s in facts.of(CredentialSetting)] == [
        (span_of("dockerfile", src, "OKTA_API_TOKEN", 2), "OKTA_API_TOKEN", False),
        (span_of("dockerfile", src, "OKTA_CLIENT_TOKEN"), "OKTA_CLIENT_TOKEN", False),
        (span_of("dockerfile", src, "OKTA_CLIENT_TOKEN", 2), "OKTA_CLIENT_TOKEN", True)]
    assert all(s.file_kind == "dockerfile" for s in facts.of(CredentialSetting))
    (secret,) = facts.of(SecretLiteral)
    assert secret.span == span_of("dockerfile", src, SECRET)
    (request,) = facts.of(TokenRequest)
    assert request.span.line == 15
    (call,) = facts.of(ApiCall)
    assert call.span.line == 7
    assert [c.line for c in facts.comments] == [5, 8]


def test_dockerfile_shell_ranges() -> None:
    text = "RUN a \\\n# c\n  b\nENV X=1\nRUN [\"x\"]\n# escape=\\\nRUN <<EOT bash\nc\nEOT\n"
    ranges, comments = shell_ranges(text)
    assert [text[s:e] for s, e in ranges] == ["a \\\n# c\n  b", "c\n"]
    assert [text[s:e] for s, e in comments] == ["# c"]
    assert shell_ranges("# escape=`\nRUN a `\n  b\n") == ([], [])


def test_dockerfile_suppression(tmp_path: Path) -> None:
    target = tmp_path / "Dockerfile"
    target.write_text(
        "FROM alpine\n# oinlint: ignore[OIN101] -- smoke stage only, SEC-2\n"
        'RUN curl -H "Authorization: SSWS $T" https://x/api/v1/org\n', encoding="utf-8")
    result = check([str(target)], Settings(root=tmp_path, select=("OIN1", "OIN0"),
                                           respect_gitignore=False))
    assert [f.code for f in result.active] == []
    assert [(f.code, f.span.line) for f in result.findings] == [("OIN101", 3)]


# -- HCL ----------------------------------------------------------------------------------------

TF = f"""\
    # provider "okta" {{ api_token = "x" }}
    provider "okta" {{
      org_name  = "acme" // the org
      api_token = var.okta_api_token /* from tfvars */
    }}
    variable "okta_api_token" {{
      sensitive = true
    }}
    resource "aws_ecs_task_definition" "sync" {{
      container_definitions = jsonencode([{{
        environment = [{{ name = "OKTA_CLIENT_TOKEN", value = "{TOKEN}" }}]
      }}])
    }}
    data "http" "me" {{
      request_headers = {{ Authorization = "SSWS ${{var.okta_api_token}}" }}
    }}
    resource "null_resource" "seed" {{
      provisioner "local-exec" {{
        command = <<-EOT
          curl -H "Authorization: SSWS ${{var.t}}" https://x/api/v1/users
        EOT
      }}
    }}
    resource "kubernetes_secret" "okta" {{
      data = {{ OKTA_CLIENT_SECRET = "{SECRET}", OKTA_CLIENT_ID = "0oa1" }}
    }}
    locals {{
      private_key = <<EOT
    -----BEGIN PRIVATE KEY-----
    MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7FAKEoinlintNOTaREALkey0123
    -----END PRIVATE KEY-----
    EOT
    }}
"""


def test_terraform_provider_variables_headers_and_secrets() -> None:
    src = TF
    facts = parse("hcl", src)
    (client,) = facts.of(SdkClient)
    assert (client.sdk, client.options, client.span, client.token_span, client.context) == (
        "terraform", ("orgName", "apiToken"), span_of("hcl", src, 'provider "okta"', 2),
        span_of("hcl", src, "var.okta_api_token"), "provider.okta")
    assert [(s.span, s.name, s.context) for s in facts.of(CredentialSetting)] == [
        (span_of("hcl", src, "okta_api_token", 2), "okta_api_token", "variable"),
        (span_of("hcl", src, "OKTA_CLIENT_TOKEN"), "OKTA_CLIENT_TOKEN",
         "resource.aws_ecs_task_definition.sync")]
    assert [(h.span, h.scheme, h.via) for h in facts.of(AuthHeader)] == [
        (span_of("hcl", src, "SSWS ${var.okta_api_token}"), "SSWS", "template"),
        (span_of("hcl", src, "Authorization: SSWS ${var.t}"), "SSWS", "curl")]
    assert [(s.span.line, s.kind, s.name) for s in facts.of(SecretLiteral)] == [
        (11, "api-token", None), (25, "client-secret", "OKTA_CLIENT_SECRET"),
        (29, "private-key", "private_key")]
    assert [c.text for c in facts.comments] == [
        'provider "okta" { api_token = "x" }', "the org", "from tfvars"]


def test_terraform_references_are_not_literals() -> None:
    src = """\
        provider "okta" {
          org_name     = var.org
          access_token = var.okta_access_token
        }
        locals {
          okta_client_secret = "${var.prefix}-${var.secret}"
          client_secret      = data.vault_generic_secret.okta.data["client_secret"]
        }
    """
    facts = parse("hcl", src)
    assert list(facts.of(SecretLiteral)) == []
    assert [c.options for c in facts.of(SdkClient)] == [("orgName", "accessToken")]


@pytest.mark.parametrize("marker", ["#", "//", "/*"])
def test_terraform_suppressions(tmp_path: Path, marker: str) -> None:
    closer = " */" if marker == "/*" else ""
    target = tmp_path / "main.tf"
    target.write_text(f"{marker} oinlint: ignore[OIN104] -- legacy, SEC-1{closer}\n"
                      'variable "okta_api_token" {}\n', encoding="utf-8")
    result = check([str(target)], Settings(root=tmp_path, select=("OIN104", "OIN001"),
                                           respect_gitignore=False))
    assert [(f.code, f.waiver is not None) for f in result.findings] == [("OIN104", True)]


# -- grammars and broken input ------------------------------------------------------------------


def test_bash_and_hcl_grammars_load_once_per_process() -> None:
    grammars.reset_cache()
    for _ in range(3):
        frontends.parse("a.sh", "echo hi\n", "shell")
        frontends.parse("Dockerfile", "FROM x\nRUN echo hi\n", "dockerfile")
        frontends.parse("a.tf", "locals {}\n", "hcl")
    assert grammars.loads == {"bash": 1, "hcl": 1}


@pytest.mark.parametrize(("language", "package", "source"), [
    ("shell", "tree-sitter-bash", 'curl -H "Authorization: SSWS $T" https://x\n'),
    ("dockerfile", "tree-sitter-bash", 'RUN curl -H "Authorization: SSWS $T" https://x\n'),
    ("hcl", "tree-sitter-hcl", 'x = { Authorization = "SSWS ${var.t}" }\n'),
])
def test_a_broken_grammar_is_one_line_and_the_text_front_end(
    monkeypatch: pytest.MonkeyPatch, language: str, package: str, source: str
) -> None:
    grammars.reset_cache()

    def broken(grammar: grammars.GrammarSource) -> object:
        if grammar.package == package:
            raise ImportError(f"No module named '{package.replace('-', '_')}'")
        return grammar.load()

    monkeypatch.setattr(grammars, "_pointer", broken)
    try:
        facts = frontends.parse(PATHS[language], source, language)
        (problem,) = facts.problems
        assert "grammar could not be loaded" in problem.message
        assert "\n" not in problem.message
        assert [h.scheme for h in facts.of(AuthHeader)] == ["SSWS"]
    finally:
        grammars.reset_cache()


@pytest.mark.parametrize(("language", "source"), [
    ("shell", 'curl -H "Authorization: SSWS $T" https://x\n' + "))) ((( }}} ;; |||\n" * 20),
    ("hcl", 'x = { Authorization = "SSWS ${var.t}" }\n' + "= = } } ]] (( \n" * 20),
])
def test_a_file_that_does_not_parse_gets_the_text_front_end(language: str, source: str) -> None:
    facts = frontends.parse(PATHS[language], source, language)
    (problem,) = facts.problems
    assert problem.message.startswith("syntax errors:")
    assert "text front end" in problem.message
    expected = text_frontend.parse(PATHS[language], source, language)
    assert facts.facts == expected.facts


_PIECES = st.sampled_from([
    "curl ", "-H ", '"Authorization: SSWS $T"', "'", '"', "$(", ")", "${", "}", "{", "<<EOF\n",
    "\nEOF\n", "RUN ", "ENV ", "\\\n", "# c\n", "// c\n", "/* ", " */", "export ",
    "OKTA_API_TOKEN=",
    TOKEN, "provider \"okta\" {", "api_token = ", "<<-EOT\n", "\n  EOT\n", "=", " ", "\n", "é",
    "\x00", "\r\n", "-d scope=okta.users.read ", "https://x/oauth2/v1/token ", "[", "]",
])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(language=st.sampled_from(sorted(PATHS)),
       text=st.one_of(st.text(max_size=200), st.lists(_PIECES, max_size=50).map("".join)))
def test_random_text_never_raises(language: str, text: str) -> None:
    facts = frontends.parse(PATHS[language], text, language)
    assert isinstance(facts, FileFacts)
    assert not [p for p in facts.problems if "internal error" in p.message], facts.problems
    lines = text.splitlines() or [""]
    for fact in facts.facts:
        assert 1 <= fact.span.line <= fact.span.end_line <= max(len(lines), 1) + 1
