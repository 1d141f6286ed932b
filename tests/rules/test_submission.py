"""oin-submission.yaml: schema, loader (positions of every problem), OIN6xx through the engine,
and `oinlint init`."""

from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
from fakes import run_oinlint
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from trees import write_tree

from oinlint.config import Settings
from oinlint.engine import check
from oinlint.facts import FileFacts, ScopeList, ScopeRef, SecretLiteral, Span
from oinlint.submission import (
    LOGO_MAX_BYTES,
    Submission,
    find_submission,
    load_project_submission,
    load_schema,
    load_submission,
    parse_submission,
)
from oinlint.submission.template import TODO_REASON, render_template, scopes_from_facts

ROOT = Path(__file__).resolve().parents[2]
DESIGN = ROOT.parent / "shared" / "DESIGN.md"

MINIMAL = """\
name: Acme Access Review            # ≤ 64 characters
description: Reviews who can reach what in your Okta org, nightly.   # < 1024
config_guide_url: https://docs.acme-access-review.io/okta-setup              # https only
support_email: okta-escalations@acme-access-review.io
auth:
  method: client_secret_basic        # the only method OIN API service integrations support
scopes:
  - name: okta.users.read
    reason: List users to build the access review.
  - name: okta.logs.read
    reason: Read sign-in events for last-access dates.
"""

FULL = """\
name: Acme Access Review
description: >-
  Reviews who can reach what in your Okta org, nightly.
logo: okta-logo.png
use_cases: [Automation, Identity Governance and Administration (IGA), Zero Trust]
support_email: okta-escalations@acme-access-review.io
config_guide_url: https://docs.acme-access-review.io/okta-setup
auth:
  method: client_secret_basic
scopes:
  - name: okta.users.read
    reason: List users to build the access review.
tenant_settings:
  - {name: acme_subdomain, label: Your Acme subdomain}
test_account:
  url: https://app.acme-access-review.io/login
  username: isvtest@okta.com
  instructions: Open Settings > Okta and click Sync now.
"""


def _png(width: int = 244, height: int = 244, padding: int = 0) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    raw = b"".join(b"\x00" + b"\x00" * (width * 4) for _ in range(height))
    extra = chunk(b"tEXt", b"pad\x00" + b"x" * padding) if padding else b""
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + extra
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _where(sub: Submission) -> list[tuple[str, int, int, str]]:
    return [(p.code, p.span.line, p.span.column, p.field) for p in sub.problems]


# -- schema ------------------------------------------------------------------------------------


def test_schema_is_valid_draft_2020_12() -> None:
    schema = load_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def _properties(schema: dict[str, Any], path: str = "") -> list[tuple[str, dict[str, Any]]]:
    out = []
    for name, sub in schema.get("properties", {}).items():
        out.append((f"{path}{name}", sub))
        out.extend(_properties(sub, f"{path}{name}."))
        if "items" in sub:
            out.append((f"{path}{name}[]", sub["items"]))
            out.extend(_properties(sub["items"], f"{path}{name}[]."))
    return out


def test_every_property_has_a_title_and_a_description() -> None:
    props = _properties(load_schema())
    assert len(props) > 20
    for name, sub in props:
        assert sub.get("title") and sub.get("description"), name


def test_schema_limits_follow_the_wizard() -> None:
    props = dict(_properties(load_schema()))
    assert props["name"]["maxLength"] == 64
    assert props["description"]["maxLength"] == 1023  # under 1024
    assert props["use_cases"]["maxItems"] == 3
    assert len(props["use_cases[]"]["enum"]) == 7
    assert props["tenant_settings"]["maxItems"] == 8
    assert props["auth.method"]["const"] == "client_secret_basic"
    assert props["scopes[]"]["required"] == ["name", "reason"]


def test_design_examples_validate() -> None:
    examples = [MINIMAL, FULL.replace("logo: okta-logo.png\n", "")]
    if DESIGN.is_file():
        section = DESIGN.read_text("utf-8").split("## 6.", 1)[1].split("\n## ", 1)[0]
        examples += re.findall(r"```yaml\n(.*?)```", section, re.S)
        assert len(examples) > 2
    for index, text in enumerate(examples):
        sub = parse_submission(text)
        # The design document's examples are documentation and use the reserved `.example`
        # domain (RFC 2606) on purpose; only OIN608 may report that there.
        problems = [p for p in _where(sub) if index < 2 or p[0] != "OIN608"]
        assert sub.parsed and not problems, problems


def test_full_example_with_a_real_logo(tmp_path: Path) -> None:
    (tmp_path / "okta-logo.png").write_bytes(_png())
    (tmp_path / "oin-submission.yaml").write_text(FULL, "utf-8")
    sub = load_submission(tmp_path / "oin-submission.yaml")
    assert sub.valid, _where(sub)
    assert sub.name == "Acme Access Review"
    assert sub.auth_method == "client_secret_basic"
    assert sub.use_cases == ("Automation", "Identity Governance and Administration (IGA)",
                             "Zero Trust")
    assert [(t.name, t.label) for t in sub.tenant_settings] == [
        ("acme_subdomain", "Your Acme subdomain")]
    assert sub.test_account is not None and sub.test_account.username == "isvtest@okta.com"


# -- the model ---------------------------------------------------------------------------------


def test_declared_scopes_carry_their_spans() -> None:
    sub = parse_submission(MINIMAL, display="oin-submission.yaml")
    assert [(s.name, s.span.line, s.span.column, s.span.end_column) for s in sub.scopes] == [
        ("okta.users.read", 8, 11, 26), ("okta.logs.read", 10, 11, 25)]
    assert sub.scopes[0].reason == "List users to build the access review."
    assert sub.scopes[0].reason_span == Span("oin-submission.yaml", 9, 13, 9, 51)
    assert sub.scope_names == {"okta.users.read", "okta.logs.read"}
    fact = sub.scope_list()
    assert fact.role == "submission"
    assert [r.name for r in fact.scopes] == ["okta.users.read", "okta.logs.read"]
    assert sub.span_of("auth.method") == Span("oin-submission.yaml", 6, 11, 6, 30)


def test_comments_are_kept_for_suppressions() -> None:
    text = ('name: "Acme # not a comment"   # a comment\n'
            "# standalone\n"
            "config_guide_url: https://x.example/#fragment\n"
            "description: |\n"
            "  # inside a block scalar\n")
    comments = parse_submission(text).comments
    assert [(c.line, c.column, c.text, c.standalone) for c in comments] == [
        (1, 32, " a comment", False), (2, 1, " standalone", True)]


# -- each problem at its node ------------------------------------------------------------------


def _with(**fields: str) -> str:
    """MINIMAL with fields replaced (value None = removed) or added at the end."""
    text = MINIMAL
    for key, value in fields.items():
        pattern = re.compile(rf"^{key}:.*\n(?:[ ].*\n)*", re.M)
        if pattern.search(text):
            text = pattern.sub(value, text, count=1)
        else:
            text += value
    return text


CASES = [
    # (id, text, code, line, column, end_column, field, message part)
    ("unknown-key", _with(descripton="descripton: x\n"), "OIN601", 12, 1, 11,
     "descripton", "did you mean 'description'"),
    ("missing-required", _with(description=""), "OIN601", 1, 1, 5, "", "missing `description`"),
    ("name-too-long", _with(name=f"name: {'x' * 65}\n"), "OIN601", 1, 7, 72, "name",
     "65 characters long"),
    ("description-too-long", _with(description=f"description: {'d' * 1024}\n"), "OIN601", 2,
     14, 1038, "description", "under 1024"),
    ("bad-email", _with(support_email="support_email: okta at acme\n"), "OIN601", 4, 16, 28,
     "support_email", "not an email address"),
    ("boolean-name", _with(name="name: yes\n"), "OIN601", 1, 7, 10, "name", "quote the value"),
    ("oin-manager-use-case", _with(use_cases="use_cases: [Automation, Lifecycle Management]\n"),
     "OIN601", 12, 25, 45, "use_cases[1]", "OIN Manager"),
    ("use-case-alias", _with(use_cases="use_cases: [MFA]\n"), "OIN601", 12, 13, 16,
     "use_cases[0]", "Multifactor Authentication (MFA)"),
    ("four-use-cases", _with(use_cases="use_cases:\n  - Automation\n  - Zero Trust\n"
                             "  - Centralized Logging\n  - Identity Verification\n"),
     "OIN601", 16, 5, 26, "use_cases[3]", "at most 3"),
    ("tenant-name", _with(tenant_settings="tenant_settings:\n  - name: 1st_var\n"
                          "    label: First\n"), "OIN601", 13, 11, 18,
     "tenant_settings[0].name", "lowercase"),
    ("nine-tenant-settings", _with(tenant_settings="tenant_settings:\n" + "".join(
        f"  - {{name: v{i}, label: V{i}}}\n" for i in range(9))), "OIN601", 21, 5, 26,
     "tenant_settings[8]", "at most 8"),
    ("duplicate-scope", _with(scopes="scopes:\n  - name: okta.users.read\n    reason: A.\n"
                              "  - name: okta.users.read\n    reason: B.\n"), "OIN601", 10, 11,
     26, "scopes[1].name", "declared twice"),
    ("empty-scopes", _with(scopes="scopes: []\n"), "OIN601", 7, 9, 11, "scopes",
     "at least one scope"),
    ("scopes-not-a-list", _with(scopes="scopes: okta.users.read\n"), "OIN601", 7, 9, 24,
     "scopes", "must be a list"),
    ("duplicate-key", MINIMAL + "name: Again\n", "OIN601", 12, 1, 5, "name", "duplicate key"),
    ("missing-reason", _with(scopes="scopes:\n  - name: okta.users.read\n"), "OIN602", 8, 5, 26,
     "scopes[0]", "has no reason"),
    ("todo-reason",
     _with(scopes=f'scopes:\n  - name: okta.users.read\n    reason: "{TODO_REASON}"\n'),
     "OIN602", 9, 13, 57, "scopes[0].reason", "placeholder"),
    ("blank-reason", _with(scopes='scopes:\n  - name: okta.users.read\n    reason: "  "\n'),
     "OIN602", 9, 13, 17, "scopes[0].reason", "blank"),
    ("http-guide", _with(config_guide_url="config_guide_url: http://docs.acme-review.io/x\n"),
     "OIN603", 3, 19, 47, "config_guide_url", "https"),
    ("http-test-account", _with(test_account="test_account:\n  url: http://app.acme-review.io\n"
                                "  username: isvtest@okta.com\n"), "OIN603", 13, 8, 33,
     "test_account.url", "https"),
    ("private-key-jwt", _with(auth="auth:\n  method: private_key_jwt\n"), "OIN604", 6, 11, 26,
     "auth.method", "client_secret_basic"),
    ("password", _with(test_account="test_account:\n  url: https://app.acme-access-review.io\n"
                       "  username: isvtest@okta.com\n  password: s3cret-Example-9\n"),
     "OIN605", 15, 3, 11, "test_account.password", "OIN Wizard"),
    ("client-secret", _with(auth="auth:\n  method: client_secret_basic\n  secret: x\n"),
     "OIN605", 7, 3, 9, "auth.secret", "credential"),
    ("logo-svg", _with(logo="logo: brand/logo.svg\n"), "OIN606", 12, 7, 21, "logo",
     "PNG, JPG or GIF"),
]


@pytest.mark.parametrize(("text", "code", "line", "column", "end_column", "field", "part"),
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_problem_is_reported_at_the_offending_node(
    text: str, code: str, line: int, column: int, end_column: int, field: str, part: str
) -> None:
    sub = parse_submission(text, display="oin-submission.yaml")
    matching = [p for p in sub.problems if p.code == code and p.field == field]
    assert matching, _where(sub)
    problem = matching[0]
    assert (problem.span.line, problem.span.column, problem.span.end_column) == (
        line, column, end_column), (problem, text.splitlines()[line - 1])
    assert part in problem.message


def test_only_the_expected_problems() -> None:
    sub = parse_submission(_with(auth="auth:\n  method: client_secret_post\n"))
    assert [p.code for p in sub.problems] == ["OIN604"]


def test_password_never_reaches_the_model() -> None:
    sub = parse_submission(_with(test_account="test_account:\n  url: https://a.example\n"
                                 "  username: u\n  password: hunter2-example-value\n"))
    assert "hunter2-example-value" not in repr(sub)


# -- broken, empty, missing --------------------------------------------------------------------


@pytest.mark.parametrize(("text", "line", "column"), [
    ("name: a\n  b: c\n", 2, 4),
    ("scopes:\n  - name: x\n   reason: y\n", 3, 4),
    ('name: "open\n', 1, 7),
    ("name: a\nauth:\n\tmethod: x\n", 3, 1),
    ("a: [1, 2\n", 1, 4),
    ("a: 1\n---\nb: 2\n", 2, 1),
])
def test_broken_yaml_is_one_problem_at_the_error(text: str, line: int, column: int) -> None:
    sub = parse_submission(text)
    assert not sub.parsed
    assert [(p.code, p.span.line, p.span.column) for p in sub.problems] == [
        ("OIN607", line, column)]
    assert sub.problems[0].message.startswith("the submission file is not valid YAML")


@pytest.mark.parametrize("text", ["", "# nothing yet\n", "- a\n- b\n", "just text\n"])
def test_empty_or_not_a_mapping(text: str) -> None:
    sub = parse_submission(text)
    assert [p.code for p in sub.problems] == ["OIN601"]


def test_alias_loops_and_unknown_tags_do_not_raise() -> None:
    for text in ("x: &a [*a]\n", "name: !!python/name:os.system x\n",
                 "a: &a [*a, *a]\nb: &b [*a, *a]\nc: &c [*b, *b]\n", "? [a]\n: b\n"):
        assert parse_submission(text).problems


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab:-# \n\t'\"[]{}&*!|>?,.@%`0")), max_size=60))
def test_never_raises(text: str) -> None:
    parse_submission(text)


def test_not_utf8_and_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "oin-submission.yaml"
    path.write_bytes(b"name: ok\ndescription: caf\xe9\n")
    sub = load_submission(path)
    assert [(p.code, p.span.line) for p in sub.problems] == [("OIN607", 2)]
    directory = tmp_path / "dir.yaml"
    directory.mkdir()
    assert [p.code for p in load_submission(directory).problems] == ["OIN607"]


def test_finding_the_file(tmp_path: Path) -> None:
    assert find_submission(tmp_path) is None
    assert load_project_submission(tmp_path) is None
    (tmp_path / "oin-submission.yaml").write_text(MINIMAL, "utf-8")
    assert find_submission(tmp_path) == tmp_path.resolve() / "oin-submission.yaml"
    (tmp_path / "meta").mkdir()
    (tmp_path / "meta" / "oin.yaml").write_text(MINIMAL, "utf-8")
    assert find_submission(tmp_path, "meta/oin.yaml") == tmp_path.resolve() / "meta/oin.yaml"
    assert find_submission(tmp_path, "meta/missing.yaml") is None
    loaded = load_project_submission(tmp_path, "meta/oin.yaml", cwd=tmp_path)
    assert loaded is not None and loaded.display == "meta/oin.yaml" and loaded.valid


# -- the logo ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "content", "message"), [
    ("logo.png", None, "not found"),
    ("logo.png", b"", "empty file"),
    ("logo.png", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "an SVG image"),
    ("logo.gif", b"RIFF\x00\x00\x00\x00WEBPVP8 ", "a WebP image"),
    ("logo.png", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "a JPEG image named like a PNG"),
    ("logo.png", _png(padding=LOGO_MAX_BYTES), "under 1 MB"),
])
def test_logo_file_checks(tmp_path: Path, name: str, content: bytes | None, message: str) -> None:
    if content is not None:
        (tmp_path / name).write_bytes(content)
    path = tmp_path / "oin-submission.yaml"
    path.write_text(_with(logo=f"logo: {name}\n"), "utf-8")
    sub = load_submission(path, display="oin-submission.yaml")
    assert [(p.code, p.span.line, p.span.column) for p in sub.problems] == [("OIN606", 12, 7)]
    assert message in sub.problems[0].message


@pytest.mark.parametrize(("name", "content"), [
    ("logo.png", _png()), ("logo.JPG", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 100),
    ("img/logo.gif", b"GIF89a" + b"\x00" * 100),
])
def test_good_logos(tmp_path: Path, name: str, content: bytes) -> None:
    (tmp_path / name).parent.mkdir(exist_ok=True)
    (tmp_path / name).write_bytes(content)
    path = tmp_path / "oin-submission.yaml"
    path.write_text(_with(logo=f"logo: {name}\n"), "utf-8")
    assert load_submission(path).valid


# -- through the engine ------------------------------------------------------------------------

BAD = """\
name: Acme Access Review
description: Reviews who can reach what in your Okta org, nightly.
config_guide_url: http://docs.acme-access-review.io/okta-setup
support_email: okta-escalations@acme-access-review.io
auth:
  method: private_key_jwt
scopes:
  - name: okta.users.read
    reason: "TODO: why the integration needs this scope"
test_account:
  url: https://app.acme-access-review.io/login
  username: isvtest@okta.com
  password: Example-Passw0rd-Not-Real
colour: blue
"""


def _run(root: Path, **overrides: Any) -> Any:
    return check([str(root)], Settings(root=root, respect_gitignore=False, **overrides))


def test_engine_reports_oin6xx_at_the_nodes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                            ) -> None:
    write_tree(tmp_path, {"oin-submission.yaml": BAD})
    monkeypatch.chdir(tmp_path)
    result = _run(tmp_path)
    assert isinstance(result.submission, Submission)
    got = sorted((f.code, f.span.path, f.span.line, f.span.column)
                 for f in result.findings if f.code.startswith("OIN6"))
    assert got == [
        ("OIN601", "oin-submission.yaml", 14, 1),
        ("OIN602", "oin-submission.yaml", 9, 13),
        ("OIN603", "oin-submission.yaml", 3, 19),
        ("OIN604", "oin-submission.yaml", 6, 11),
        ("OIN605", "oin-submission.yaml", 13, 3),
    ]
    unknown = next(f for f in result.findings if f.code == "OIN601")
    assert "unknown field `colour`" in unknown.message
    assert unknown.snippet and unknown.snippet_line == 12


def test_password_is_masked_in_reports(tmp_path: Path) -> None:
    write_tree(tmp_path, {"oin-submission.yaml": BAD})
    run = run_oinlint(["check", "--select", "OIN6", "--format", "text", "."], tmp_path)
    assert run.returncode == 1, run.stderr
    assert "OIN605" in run.stdout
    assert "Example-Passw0rd-Not-Real" not in run.stdout + run.stderr


def test_yaml_comment_suppresses_a_submission_finding(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    text = MINIMAL.replace(
        "    reason: List users to build the access review.\n",
        "    reason: TBD  # oinlint: ignore[OIN602] -- reason agreed with the OIN team\n",
    ) + "# oinlint: ignore[OIN603] -- nothing to suppress here\nsupport_phone: 1\n"
    write_tree(tmp_path, {"oin-submission.yaml": text})
    monkeypatch.chdir(tmp_path)
    result = _run(tmp_path)
    by_code = {f.code: f for f in result.findings}
    assert by_code["OIN602"].waiver is not None
    assert by_code["OIN602"].waiver.reason == "reason agreed with the OIN team"
    assert by_code["OIN601"].waiver is None  # the comment above names OIN603, not OIN601
    unused = [f for f in result.findings if f.code == "OIN001"]
    assert [(f.span.line, "unused" in f.message) for f in unused] == [(12, True)]


def test_configured_submission_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_tree(tmp_path, {"meta/oin.yaml": _with(auth="auth: {method: none}\n")})
    monkeypatch.chdir(tmp_path)
    result = _run(tmp_path, submission="meta/oin.yaml")
    assert [(f.code, f.span.path, f.span.line) for f in result.findings] == [
        ("OIN604", "meta/oin.yaml", 5)]
    missing = _run(tmp_path, submission="meta/other.yaml")
    assert missing.submission is None
    assert "meta/other.yaml: submission file not found" in missing.warnings


def test_oin607_needs_okta_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path, {"README.md": "Nothing about our identity provider here.\n"})
    assert [f.code for f in _run(tmp_path).findings if f.code == "OIN607"] == []
    token = "00" + "FAKEoinlintSUBMISSIONtest_0123456789-abc"
    write_tree(tmp_path, {".env": f"OKTA_API_TOKEN={token}\n", "b.env": f"X={token}\n"})
    found = [f for f in _run(tmp_path).findings if f.code == "OIN607"]
    assert [(f.span.path, f.span.line) for f in found] == [(".env", 1)]  # once, not per file
    assert "oinlint init" in found[0].message


def test_oin607_for_broken_yaml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_tree(tmp_path, {"oin-submission.yaml": "name: x\nscopes:\n  - a\n  b: c\n"})
    monkeypatch.chdir(tmp_path)
    result = _run(tmp_path)
    assert [(f.code, f.span.line, f.span.column) for f in result.findings
            if f.code.startswith("OIN6")] == [("OIN607", 4, 3)]


def test_no_submission_no_okta_code_is_quiet(tmp_path: Path) -> None:
    write_tree(tmp_path, {"main.py": "print('hello')\n"})
    result = _run(tmp_path)
    assert result.submission is None
    assert [f for f in result.findings if f.code.startswith("OIN6")] == []


# -- oinlint init ------------------------------------------------------------------------------


def test_template_reports_every_placeholder_it_writes() -> None:
    text = render_template("Acme Sync", {"okta.users.read": ["src/a.py:3"],
                                         "okta.logs.read": []})
    sub = parse_submission(text)
    assert sub.parsed and sub.name == "Acme Sync"
    assert [s.name for s in sub.scopes] == ["okta.users.read", "okta.logs.read"]
    assert [(p.code, p.field) for p in sub.problems] == [
        ("OIN608", "description"), ("OIN608", "support_email"), ("OIN608", "config_guide_url"),
        ("OIN602", "scopes[0].reason"), ("OIN602", "scopes[1].reason")]
    assert "# needed by the Okta calls at src/a.py:3" in text
    strings = render_template("Acme Sync", {"okta.users.read": ["src/a.py:3"]}, "strings")
    assert "# requested in the code at src/a.py:3" in strings and "needed by" not in strings
    filled = (text.replace(f'"{TODO_REASON}"', "Needed by the nightly sync.")
              .replace("example.com", "acme-sync.io")
              .replace("Acme Sync connects your Okta org to Acme Sync.",
                       "Copies Okta users and groups into Acme Sync every night."))
    assert parse_submission(filled).valid, _where(parse_submission(filled))


def test_template_without_scopes_asks_for_them() -> None:
    sub = parse_submission(render_template("Acme"))
    assert [(p.code, p.field) for p in sub.problems if p.code != "OIN608"] == [
        ("OIN601", "scopes")]


@pytest.mark.parametrize("name", ["yes", "Acme: Sync", "Ünïcode “quoted” #1", "x" * 80])
def test_template_names_are_quoted_when_needed(name: str) -> None:
    sub = parse_submission(render_template(name, ["okta.users.read"]))
    assert sub.name == name[:64]


def test_scopes_from_facts() -> None:
    def fact(path: str, line: int, *names: str, role: str = "token-request") -> FileFacts:
        span = Span(path, line, 1, line, 10)
        refs = tuple(ScopeRef(n, span) for n in names)
        return FileFacts(path, "python", (ScopeList(span, "", refs, role),  # type: ignore[arg-type]
                                          SecretLiteral(span, "", "api-token", "00…")))

    files = [fact("b.py", 3, "okta.users.read", "okta.logs.read"),
             fact("a.py", 9, "okta.users.read", "not a scope"),
             fact("oin-submission.yaml", 1, "okta.apps.read", role="submission")]
    assert scopes_from_facts(files) == {"okta.logs.read": ["b.py:3"],
                                        "okta.users.read": ["b.py:3", "a.py:9"]}


def test_cli_init_writes_refuses_and_forces(tmp_path: Path) -> None:
    (tmp_path / "acme-sync").mkdir()
    project = tmp_path / "acme-sync"
    first = run_oinlint(["init"], project)
    assert first.returncode == 0, first.stderr
    written = (project / "oin-submission.yaml").read_text("utf-8")
    assert "name: Acme Sync" in written
    assert parse_submission(written).parsed
    again = run_oinlint(["init"], project)
    assert again.returncode == 2 and "already exists; use --force" in again.stderr
    (project / "oin-submission.yaml").write_text("edited\n", "utf-8")
    forced = run_oinlint(["init", "--force", "--name", "Acme"], project)
    assert forced.returncode == 0
    assert "name: Acme\n" in (project / "oin-submission.yaml").read_text("utf-8")
    printed = run_oinlint(["init", "-o", "-"], project)
    assert printed.returncode == 0 and printed.stdout.startswith("# oin-submission.yaml")


def test_documented_examples_validate(tmp_path: Path) -> None:
    page = (ROOT / "docs" / "submission.md").read_text("utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", page, re.S)
    assert blocks
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "okta-logo.png").write_bytes(_png())
    for text in blocks:
        sub = parse_submission(text, path=tmp_path / "oin-submission.yaml")
        assert sub.valid, _where(sub)
