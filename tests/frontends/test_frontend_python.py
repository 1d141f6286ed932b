"""The Python front end: exact facts (kind, scheme, via, span) for the shapes OIN1xx relies on,
mentions that must stay silent, syntax errors, and random input that must never raise."""

from __future__ import annotations

import ast

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sourcespan import PATH, parse, span_of

from oinlint import frontends
from oinlint.facts import (
    AuthHeader,
    Comment,
    FileFacts,
    SdkClient,
    SecretLiteral,
    Span,
    Unresolved,
)
from oinlint.frontends.python import tree
from oinlint.frontends.python.lines import Lines
from oinlint.frontends.python.statements import build_module
from oinlint.frontends.python.values import HOLE, LexicalScope, Resolver, StrValue
from oinlint.frontends.python.visitor import PrimaryVisitor
from oinlint.frontends.python.walk import walk

TOKEN = "00FAKEoinlintDocstrTOKENx7Qm2Lp9Rv4Tz8Wp3K"
SECRET = "FAKEsecret-oinlint-9xQ2vL7pW4kR8tZ1mN6bY3"





def headers(source: str) -> list[tuple[Span, str | None, str, str]]:
    return [(h.span, h.scheme, h.via, h.context) for h in parse(source).of(AuthHeader)]


def ssws(source: str) -> list[AuthHeader]:
    return [h for h in parse(source).of(AuthHeader) if h.scheme == "SSWS"]


# -- AuthHeader -----------------------------------------------------------------------------


def test_fstring_in_headers_dict_exact_span() -> None:
    src = """\
        import requests

        def users(org, api_token):
            headers = {"Authorization": f"SSWS {api_token}"}
            return requests.get(f"https://{org}/api/v1/users", headers=headers)
        """
    assert headers(src) == [(Span(PATH, 4, 33, 4, 52), "SSWS", "f-string", "users")]


def test_module_constant_concatenation_and_lower_case_header_name() -> None:
    src = """\
        SCHEME = "SSWS"

        def auth_headers(token):
            return {"authorization": SCHEME + " " + token}
        """
    assert headers(src) == [(Span(PATH, 4, 30, 4, 50), "SSWS", "concat", "auth_headers")]


def test_percent_format_in_session_headers_update() -> None:
    src = """\
        import os
        import requests

        session = requests.Session()
        session.headers.update({"Authorization": "SSWS %s" % os.environ["OKTA_TOKEN"]})
        """
    expected = span_of(src, '"SSWS %s" % os.environ["OKTA_TOKEN"]')
    assert headers(src) == [(expected, "SSWS", "percent", "")]


def test_httpx_auth_subclass_is_auth_class_with_qualified_context() -> None:
    src = """\
        import httpx

        class OktaAuth(httpx.Auth):
            def __init__(self, token):
                self.token = token

            def auth_flow(self, request):
                request.headers["Authorization"] = "SSWS {}".format(self.token)
                yield request
        """
    expected = span_of(src, '"SSWS {}".format(self.token)')
    assert headers(src) == [(expected, "SSWS", "auth-class", "OktaAuth.auth_flow")]


def test_requests_authbase_alias_and_class_attribute_scheme() -> None:
    src = """\
        from requests.auth import AuthBase as Base

        class TokenAuth(Base):
            scheme = "SSWS"

            def __call__(self, r):
                r.headers["Authorization"] = f"{self.scheme} {self.token}"
                return r
        """
    expected = span_of(src, 'f"{self.scheme} {self.token}"')
    assert headers(src) == [(expected, "SSWS", "auth-class", "TokenAuth.__call__")]


def test_format_join_percent_and_constant_prefix_variants() -> None:
    src = """\
        PREFIX = "SSWS "
        def f(t):
            a = {"Authorization": PREFIX + t}
            b = {"Authorization": f"{PREFIX}{t}"}
            c = {"Authorization": " ".join(["SSWS", t])}
            d = {"Authorization": "SSWS %(tok)s" % {"tok": t}}
            e = {"Authorization": "{0} {1}".format("SSWS", t)}
        """
    found = [(h.scheme, h.via) for h in parse(src).of(AuthHeader)]
    assert found == [("SSWS", "concat"), ("SSWS", "f-string"), ("SSWS", "join"),
                     ("SSWS", "percent"), ("SSWS", "format")]


def test_dict_call_update_keyword_and_setters() -> None:
    src = """\
        def f(t, req, session, headers):
            h = dict(Authorization="SSWS " + t)
            session.headers.update(Authorization="SSWS " + t)
            req.add_header("Authorization", "SSWS " + t)
            headers.setdefault("AUTHORIZATION", "SSWS " + t)
        """
    spans = [h.span for h in ssws(src)]
    assert spans == [span_of(src, '"SSWS " + t', n) for n in (1, 2, 3, 4)]


def test_header_pairs_in_a_list() -> None:
    src = """\
        import httpx
        client = httpx.Client(headers=[("Accept", "*/*"), ("Authorization", "SSWS " + tok)])
        """
    assert headers(src) == [(span_of(src, '"SSWS " + tok'), "SSWS", "concat", "")]


def test_header_name_and_scheme_constants_defined_after_use() -> None:
    src = """\
        def get(req, token):
            req.add_header(AUTH_HEADER, "%s %s" % (SCHEME, token))

        AUTH_HEADER = "Authorization"
        SCHEME = "SSWS"
        """
    assert headers(src) == [(span_of(src, '"%s %s" % (SCHEME, token)'), "SSWS", "percent", "get")]


def test_value_built_in_a_variable_is_reported_once_where_it_is_sent() -> None:
    src = """\
        def f(token):
            value = f"SSWS {token}"
            return {"Authorization": value}
        """
    assert headers(src) == [(span_of(src, "value", 2), "SSWS", "constant", "f")]


def test_ssws_value_outside_a_header_container() -> None:
    src = """\
        AUTH = "SSWS " + key  # oinlint: ignore[OIN101] -- legacy
        def helper(api_token):
            return "SSWS {token}".format(token=api_token)
        def curl(token):
            run(["curl", "-H", f"Authorization: SSWS {token}", url])
        """
    assert headers(src) == [
        (span_of(src, '"SSWS " + key'), "SSWS", "concat", ""),
        (span_of(src, '"SSWS {token}".format(token=api_token)'), "SSWS", "format", "helper"),
        (span_of(src, 'f"Authorization: SSWS {token}"'), "SSWS", "f-string", "curl"),
    ]


def test_bearer_header_has_bearer_scheme() -> None:
    src = """\
        def f(access_token):
            return {"Authorization": f"Bearer {access_token}"}
        """
    assert headers(src) == [(span_of(src, 'f"Bearer {access_token}"'), "Bearer", "f-string", "f")]


def test_unknown_value_has_no_scheme() -> None:
    src = """\
        def f(value):
            return {"Authorization": value}
        """
    assert headers(src) == [(span_of(src, "value", 2), None, "dict", "f")]


def test_name_bound_twice_is_not_resolved() -> None:
    src = """\
        SCHEME = "SSWS"
        SCHEME = "Bearer"
        h = {"Authorization": SCHEME + " " + t}
        """
    assert [h.scheme for h in parse(src).of(AuthHeader)] == [None]


def test_mentions_are_not_headers() -> None:
    src = '''\
        import logging

        log = logging.getLogger(__name__)

        # Old versions sent "Authorization: SSWS <token>"; we refuse them now.
        def check_header(value: str) -> None:
            """Reject SSWS API tokens: OIN integrations use OAuth 2.0."""
            if value.startswith("SSWS "):
                log.error("SSWS API tokens are not supported, use OAuth 2.0")
                log.debug("SSWS %s", value)
                raise ValueError(f"SSWS {value} is not allowed")
            assert value != "SSWS " + value, "SSWS %s" % value
            other = {"X-Legacy-Scheme": "SSWS", "Authorization": "Bearer " + value}
            doc = "Authorization: SSWS <token>"
        '''
    assert ssws(src) == []


def test_reading_a_header_is_not_setting_it() -> None:
    src = """\
        def is_legacy(request):
            return request.headers.get("Authorization", "").startswith("SSWS ")
        """
    assert ssws(src) == []


# -- SdkClient -------------------------------------------------------------------------------


def test_sdk_client_alias_inline_dict() -> None:
    src = """\
        import os
        from okta.client import Client as OktaClient

        client = OktaClient({"orgUrl": "https://acme.okta.com", "token": os.environ["TOKEN"]})
        """
    (client,) = parse(src).of(SdkClient)
    assert client.span == span_of(
        src, 'OktaClient({"orgUrl": "https://acme.okta.com", "token": os.environ["TOKEN"]})')
    assert client.sdk == "okta-sdk-python"
    assert client.auth_mode is None
    assert client.options == ("orgUrl", "token")
    assert client.token_span == span_of(src, 'os.environ["TOKEN"]')
    assert (client.span.line, client.span.column) == (4, 10)


def test_sdk_client_config_variable_with_explicit_mode() -> None:
    src = """\
        from okta.client import Client

        config = {
            "orgUrl": settings.okta_org_url,
            "authorizationMode": "SSWS",
            "token": settings.okta_token,
        }
        okta_client = Client(config)
        """
    (client,) = parse(src).of(SdkClient)
    assert client.span == span_of(src, "Client(config)")
    assert (client.auth_mode, client.options) == ("SSWS", ("orgUrl", "authorizationMode", "token"))
    assert client.token_span == span_of(src, "settings.okta_token")


def test_sdk_client_module_import_dict_built_key_by_key_and_update() -> None:
    src = """\
        import okta.client
        MODE = "Bearer"

        def make(tok):
            cfg = {}
            cfg["orgUrl"] = "https://acme.okta.com"
            cfg["token"] = tok
            cfg.update(authorizationMode=MODE)
            return okta.client.Client(cfg)
        """
    (client,) = parse(src).of(SdkClient)
    assert client.auth_mode == "Bearer"
    assert client.options == ("orgUrl", "token", "authorizationMode")
    assert client.token_span == span_of(src, "tok", 3)
    assert client.context == "make"


def test_sdk_client_from_okta_import_client_keyword_config_and_unresolvable_mode() -> None:
    src = """\
        from okta import client as oc
        c = oc.Client(user_config=dict(orgUrl="u", token=tok, authorization_mode=mode))
        """
    (client,) = parse(src).of(SdkClient)
    assert (client.auth_mode, client.options) == ("?", ("orgUrl", "token", "authorizationMode"))


def test_sdk_client_without_static_config() -> None:
    src = """\
        from okta.client import Client
        a = Client()
        b = Client(load_config())
        """
    facts = parse(src)
    (client,) = facts.of(SdkClient)
    assert client.options == () and client.auth_mode is None
    (unresolved,) = facts.of(Unresolved)
    assert unresolved.span == span_of(src, "Client(load_config())")


def test_other_clients_are_not_the_okta_sdk() -> None:
    src = """\
        from httpx import Client
        github = GitHubClient({"token": os.environ["GITHUB_TOKEN"]})
        http = Client({"token": token})
        """
    assert list(parse(src).of(SdkClient)) == []


# -- SecretLiteral ---------------------------------------------------------------------------


def test_api_tokens_anywhere_including_comments_docstrings_and_fstrings() -> None:
    src = f'''\
        OKTA_TOKEN = "{TOKEN}"
        # {TOKEN}
        def sync():
            """Uses {TOKEN}."""
            return {{"Authorization": f"SSWS {TOKEN}"}}
        '''
    secrets = [s for s in parse(src).of(SecretLiteral) if s.kind == "api-token"]
    assert [s.span for s in secrets] == [span_of(src, TOKEN, n) for n in (1, 2, 3, 4)]
    assert [s.context for s in secrets] == ["", "", "sync", "sync"]
    assert {s.redacted for s in secrets} == {"00FA…"}


def test_api_token_lookalikes_are_not_tokens() -> None:
    src = """\
        DIGEST = "00085ceb6aff45d79cc00da49257ce7251b40918fb"
        PLACEHOLDER = "00xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
        TRACE = "a00FAKEoinlint6xvnr7DQXKOZ78obXZ5FryxKh6L8I"
        USER = "00u1fakeoinlint2id3x"
        """
    assert list(parse(src).of(SecretLiteral)) == []


def test_client_secrets_by_name_keyword_attribute_default_and_getenv() -> None:
    src = f"""\
        OKTA_CLIENT_SECRET = "{SECRET}"
        cfg = {{"clientSecret": "{SECRET}"}}
        class C:
            def __init__(self, client_secret="{SECRET}"):
                self.client_secret = "{SECRET}"
        make(client_secret="{SECRET}")
        s = os.getenv("OKTA_CLIENT_SECRET", "{SECRET}")
        """
    found = [(s.span, s.name, s.kind) for s in parse(src).of(SecretLiteral)]
    names = ["OKTA_CLIENT_SECRET", "clientSecret", "client_secret", "client_secret",
             "client_secret", "OKTA_CLIENT_SECRET"]
    assert found == [(span_of(src, f'"{SECRET}"', n), name, "client-secret")
                     for n, name in enumerate(names, 1)]
    assert all(s.okta_context and s.redacted == "FAKE…" for s in parse(src).of(SecretLiteral))


def test_client_secret_outside_okta_context_is_marked() -> None:
    src = f'GITHUB_CLIENT_SECRET = "{SECRET}"\n'
    (secret,) = parse(src).of(SecretLiteral)
    assert secret.okta_context is False


def test_placeholders_and_lookups_are_not_secrets() -> None:
    src = """\
        import os
        OKTA_CLIENT_SECRET = os.environ["OKTA_CLIENT_SECRET"]
        okta = {"client_secret": "<your-client-secret>", "clientSecret": "changeme"}
        x = os.getenv("OKTA_CLIENT_SECRET", "")
        """
    assert list(parse(src).of(SecretLiteral)) == []


def test_basic_auth_pair_to_a_token_endpoint() -> None:
    src = f"""\
        import httpx
        TOKEN_URL = "https://acme.okta.com/oauth2/v1/token"
        PAIR = ("0oa1examplecl1ent1d", "{SECRET}")
        def f(org):
            httpx.post(TOKEN_URL, auth=("0oa1examplecl1ent1d", "{SECRET}"))
            httpx.post(f"https://{{org}}/oauth2/v1/token", auth=PAIR)
            httpx.post(f"https://{{org}}/oauth2/v1/token", auth=httpx.BasicAuth("id", "{SECRET}"))
            httpx.get("https://metrics.example/health", auth=("probe", "{SECRET}"))
        """
    found = [(s.span, s.name) for s in parse(src).of(SecretLiteral)]
    assert found == [(span_of(src, f'"{SECRET}"', 1), "PAIR"),
                     (span_of(src, f'"{SECRET}"', 2), "auth"),
                     (span_of(src, f'"{SECRET}"', 3), "auth")]


def test_pem_private_key_is_one_fact_for_the_whole_literal() -> None:
    body = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7FAKEoinlintq8Wn3Zr5Lx1Kv7Tp2"
    src = f"""\
        PRIVATE_KEY = (
            "-----BEGIN PRIVATE KEY-----\\n"
            "{body}\\n"
            "-----END PRIVATE KEY-----\\n"
        )
        """
    (secret,) = parse(src).of(SecretLiteral)
    assert secret.kind == "private-key" and secret.name == "PRIVATE_KEY"
    assert (secret.span.line, secret.span.column, secret.span.end_line) == (2, 5, 4)
    assert secret.redacted == "-----BEGIN PRIVATE KEY-----…"


def test_jwk_private_member_is_a_private_key() -> None:
    d = "FAKEoinlintJWKd-X4cTteJY_gn4FYPsXB8rdXix5vwsg1FLN5E3EaG6RJoVH"
    src = f"""\
        OKTA_PRIVATE_JWK = {{"kty": "RSA", "e": "AQAB", "d": "{d}"}}
        PUBLIC_JWK = {{"kty": "RSA", "e": "AQAB", "n": "{d}"}}
        """
    (secret,) = parse(src).of(SecretLiteral)
    assert (secret.kind, secret.name, secret.span) == (
        "private-key", "OKTA_PRIVATE_JWK", span_of(src, f'"{d}"'))


# -- comments, contexts, problems ------------------------------------------------------------


def test_comments_with_positions_and_standalone_flag() -> None:
    src = """\
        # first
        x = {"a": 1}  # oinlint: ignore[OIN101] -- reason
        def f(a,  # in params
              b):
            # inside
            return a
        """
    assert parse(src).comments == (
        Comment(1, 1, " first", True),
        Comment(2, 15, " oinlint: ignore[OIN101] -- reason", False),
        Comment(3, 11, " in params", False),
        Comment(5, 5, " inside", True),
    )


def test_nested_function_context() -> None:
    src = """\
        class Outer:
            def method(self):
                def inner(t):
                    return {"Authorization": "SSWS " + t}
                return inner
        """
    (header,) = parse(src).of(AuthHeader)
    assert header.context == "Outer.method.inner"


def test_syntax_error_is_one_problem_at_the_right_line() -> None:
    src = 'import okta\ndef fetch_token(:\n    pass\n'
    facts = parse(src)
    assert [type(f).__name__ for f in facts.facts] == ["OktaEvidence"]  # `okta`, line 1
    (problem,) = facts.problems
    assert problem.span.line == 2
    assert problem.message.startswith("syntax error: ")
    assert "\n" not in problem.message


def test_unclosed_bracket_reports_the_opening_line_and_keeps_tokens_and_comments() -> None:
    src = f'headers = {{"Authorization": "SSWS " + token  # {TOKEN}\n'
    facts = parse(src)
    (problem,) = facts.problems
    assert problem.span.line == 1
    assert [s.kind for s in facts.of(SecretLiteral)] == ["api-token"]
    assert len(facts.comments) == 1 and facts.comments[0].line == 1


def test_indentation_error_line() -> None:
    (problem,) = parse('OKTA_URL = "https://acme.okta.com"\n  x = 1\n').problems
    assert problem.span.line == 2


def test_form_feed_lines_follow_the_engine_numbering() -> None:
    # str.splitlines() (the engine) breaks at \x0c; Python does not.
    src = 'x = 1\x0c\nh = {"Authorization": "SSWS " + t}  # note\n'
    facts = parse(src)
    (header,) = facts.of(AuthHeader)
    lines = src.splitlines()
    assert lines[header.span.line - 1][header.span.column - 1 : header.span.end_column - 1] == (
        '"SSWS " + t')
    assert facts.comments[0].line == header.span.line


def test_crlf_and_tabs() -> None:
    src = 'def f(t):\r\n\treturn {"Authorization": "SSWS " + t}\r\n'
    (header,) = parse(src).of(AuthHeader)
    assert header.span == Span(PATH, 2, 27, 2, 38)


# -- the value resolver on its own -----------------------------------------------------------


def _value(expression: str, prelude: str = "") -> StrValue | None:
    code = prelude + "\nVALUE = " + expression + "\n"
    visitor = PrimaryVisitor(PATH, code, Lines(code))
    walk(build_module(code, ast.parse(code)), visitor)
    binding, _ = visitor.module_scope.lookup("VALUE")
    assert binding is not None and binding[0] is not None
    return Resolver().string(binding[0], visitor.module_scope)


@pytest.mark.parametrize(
    ("expression", "prelude", "template", "via"),
    [
        ('"a" "b"', "", "ab", "literal"),
        ('f"https://{org}/api/v1/users/{uid}"', "", "https://{}/api/v1/users/{}", "f-string"),
        ('BASE + "/api/v1/groups"', 'BASE = "https://x"', "https://x/api/v1/groups", "concat"),
        ('"%s/users?n=%d" % (BASE, n)', 'BASE = "/api/v1"', "/api/v1/users?n={}", "percent"),
        ('"{a}-{0}".format(x, a="k")', "", "k-{}", "format"),
        ('"/".join(["", "api", "v1", seg])', "", "/api/v1/{}", "join"),
        ("PATHS['users']", "PATHS = {'users': '/api/v1/users'}", "/api/v1/users", "constant"),
        ('f"{{literal}} {x!r}"', "", "{literal} {}", "f-string"),
        ("r'\\d' + '\\t'", "", "\\d\t", "concat"),
    ],
)
def test_resolver_templates(expression: str, prelude: str, template: str, via: str) -> None:
    value = _value(expression, prelude)
    assert value is not None
    assert (value.template, value.via) == (template, via)


def test_resolver_unknown_and_self_reference() -> None:
    assert _value("token") is None
    assert _value("x + 1") is None
    value = _value('VALUE + "a"')  # bound once, to itself: must stop, not loop
    assert value is None or HOLE in value.parts


def test_scope_lookup_shadowing() -> None:
    module = LexicalScope("module", "")
    module.bind("A", tree.SimpleString('"x"'))
    function = LexicalScope("function", "f", module)
    function.bind("A", None)
    assert function.lookup("A") == (None, function)
    assert module.lookup("A")[0] is not None


# -- robustness ------------------------------------------------------------------------------

_PYTHONISH = st.lists(
    st.sampled_from([
        "def ", "class ", "(", ")", "[", "]", "{", "}", ":", "\n", "    ", "\t", "'", '"', '"""',
        "f'", "#", "\\", "=", "+", "%", ".format(", "Authorization", "SSWS ", "okta", "import ",
        "from okta.client import Client\n", "Client(", "lambda", ",", "*", "**", "\r", "\x0c",
        "x", "headers", TOKEN, "-----BEGIN PRIVATE KEY-----", "\x00", "é", "\u2028",
    ]),
    max_size=60,
).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=300), _PYTHONISH))
def test_random_text_never_raises(text: str) -> None:
    facts = frontends.parse(PATH, text, "python")
    assert isinstance(facts, FileFacts)
    assert len(facts.problems) <= 1


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_random_bytes_never_raise(data: bytes) -> None:
    facts = frontends.parse(PATH, data.decode("utf-8", errors="replace"), "python")
    assert isinstance(facts, FileFacts)


def test_deep_nesting_is_a_problem_not_a_crash() -> None:
    facts = frontends.parse(PATH, "x = " + "(" * 5000 + "1" + ")" * 5000 + "\n", "python")
    assert isinstance(facts, FileFacts)
