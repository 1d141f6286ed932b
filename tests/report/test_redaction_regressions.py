"""Issue 13, outputs that break, lose findings or leak: one regression test per reported case.

Every secret is made up at test time (``tests/support/fakes.py``); each test searches the
outputs for that exact value.
"""

from __future__ import annotations

import base64
import json
import secrets
import string
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from fakes import api_token, client_secret, run_oinlint

from oinlint import redact
from oinlint.credentials import PRIVATE_KEY_PLACEHOLDER
from oinlint.report import CHECK_FORMATS

BASE64 = string.ascii_letters + string.digits + "+/"


def pem_body() -> list[str]:
    """Four lines of a made-up key body (64 base64 characters each)."""
    return ["".join(secrets.choice(BASE64) for _ in range(64)) for _ in range(4)]


def pem(body: list[str], kind: str = "RSA PRIVATE KEY", newline: str = "\n") -> str:
    return newline.join([f"-----BEGIN {kind}-----", *body, f"-----END {kind}-----"])


def _outputs(project: Path, *formats: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for fmt in formats:
        run = run_oinlint(["check", "--isolated", "--format", fmt], project)
        assert run.returncode == 1, (fmt, run.stderr)
        assert run.stderr == "", (fmt, run.stderr)
        out[fmt] = run.stdout
    return out


def _leaks(values: list[str], out: dict[str, str]) -> list[tuple[str, str]]:
    return [(name, value[:8]) for name, text in out.items() for value in values if value in text]


# --- 1. a private key in a scanned file corrupted every machine format --------------------


def test_pem_header_in_a_source_line_keeps_every_machine_format_valid(tmp_path: Path) -> None:
    body = pem_body()
    token = api_token()
    (tmp_path / "README.md").write_text(
        f"# Setup\n\nPaste your key:\n\n```\n{pem(body)}\n```\n", encoding="utf-8")
    (tmp_path / "a_key.py").write_text(  # flagged: the message carries the placeholder
        f'PRIVATE_KEY = "{pem(body, kind="PRIVATE KEY", newline=chr(92) + "n")}"\n'
        f'SAMPLE_KEY = """{pem(body)}"""\nOKTA_TOKEN = "{token}"\n', encoding="utf-8")
    # Findings in files after the key's: they must all survive in every format.
    (tmp_path / "b_settings.py").write_text(f'OKTA_TOKEN = "{token}"\n', encoding="utf-8")
    (tmp_path / "c_more.py").write_text(f'OKTA_API_TOKEN = "{token}"\n', encoding="utf-8")
    out = _outputs(tmp_path, *CHECK_FORMATS)

    findings = json.loads(out["json"])["findings"]
    expected = {(f["path"], f["line"], f["code"]) for f in findings}
    assert {("a_key.py", 1, "OIN105"), ("a_key.py", 8, "OIN103"), ("b_settings.py", 1, "OIN103"),
            ("c_more.py", 1, "OIN103")} <= expected
    sarif = json.loads(out["sarif"])
    assert len(sarif["runs"][0]["results"]) == len(findings)
    assert len(json.loads(out["gitlab"])) == len(findings)
    junit = ET.fromstring(out["junit"].encode("utf-8"))
    assert len(junit.findall(".//failure")) == len(findings)
    assert len(out["concise"].splitlines()) == len(findings)
    assert len(out["github"].splitlines()) == len(findings)
    for path, line, code in expected:
        assert f"{path}:{line}:" in out["concise"], (path, code)
        assert f"file={path},line={line}," in out["github"], (path, code)
        assert f"{path}:{line}:" in out["text"], (path, code)
    assert _leaks([*body, token], out) == []


def test_pem_pattern_never_matches_its_own_placeholder() -> None:
    for tail in ("", "\n::x: after", " for `KEY` in app.py", '", "b": "next value"}'):
        value = f"key {PRIVATE_KEY_PLACEHOLDER}{tail}"
        assert redact.redact(value) == value
        assert redact.redact_source_line(value) == value
    once = redact.redact(f"-----BEGIN PRIVATE KEY-----\n{pem_body()[0]} then words")
    assert once == PRIVATE_KEY_PLACEHOLDER
    assert redact.redact(once) == once


def test_pem_block_is_masked_within_its_value_only() -> None:
    body = pem_body()
    value = f"{pem(body, newline=chr(92) + 'n')}\", \"other\": \"kept"
    masked = redact.redact(value)
    assert masked == f'{PRIVATE_KEY_PLACEHOLDER}", "other": "kept'
    truncated = redact.redact(f"-----BEGIN EC PRIVATE KEY-----\n{body[0]}\n<tag>")
    assert truncated == f"{PRIVATE_KEY_PLACEHOLDER}<tag>"


def test_multi_line_key_body_is_masked_in_context_lines() -> None:
    body = pem_body()
    lines = ['KEY = """-----BEGIN RSA PRIVATE KEY-----', *body,
             '-----END RSA PRIVATE KEY-----"""', "x = 1"]
    shown = redact.redact_source_lines(lines, 3, 7)
    assert shown == ["…", "…", "…", '-----END RSA PRIVATE KEY-----"""', "x = 1"]


# --- 2. a one-line key with \n escapes, and passwords, leaked in context lines ------------


def test_one_line_escaped_private_key_never_prints_in_any_output(tmp_path: Path) -> None:
    body = pem_body()
    escaped = pem(body, kind="PRIVATE KEY", newline="\\n")
    token = api_token()  # a finding next to each key, so that the key's line is context
    (tmp_path / ".env").write_text(f'OKTA_PRIVATE_KEY="{escaped}"\nOKTA_API_TOKEN={token}\n',
                                   encoding="utf-8")
    (tmp_path / "service.json").write_text(
        f'{{\n  "okta_api_token": "{token}",\n  "privateKey": "{escaped}\\n"\n}}\n',
        encoding="utf-8")
    (tmp_path / "keys.py").write_text(
        f'private_key = "{escaped}\\n"\nOKTA_TOKEN = "{token}"\n', encoding="utf-8")
    out = _outputs(tmp_path, *CHECK_FORMATS)
    for fmt in ("html", "markdown"):
        run = run_oinlint(["report", "--isolated", "--reproducible", "--format", fmt], tmp_path)
        assert run.stderr == "", run.stderr
        out[fmt] = run.stdout
    for path in (".env:2:", "service.json:2:", "keys.py:2:"):
        assert path in out["concise"], out["concise"]
    assert 'private_key = "' + PRIVATE_KEY_PLACEHOLDER in out["text"]
    assert _leaks([*body, token], out) == []


def test_one_line_escaped_key_keeps_its_begin_marker_for_the_pem_net() -> None:
    body = pem_body()
    line = f'private_key = "{pem(body, kind="PRIVATE KEY", newline=chr(92) + "n")}"'
    assert redact.redact_source_line(line) == f'private_key = "{PRIVATE_KEY_PLACEHOLDER}"'


@pytest.mark.parametrize("password", ["Tr0ub4dor3x battery staple", "Xq7#pL2"],
                         ids=["with-spaces", "seven-characters"])
def test_submission_password_never_prints(tmp_path: Path, password: str) -> None:
    (tmp_path / "oin-submission.yaml").write_text(
        "name: Acme\ntest_account:\n  url: https://acme.example\n"
        f"  username: admin@acme.example\n  password: {password}\n", encoding="utf-8")
    out = _outputs(tmp_path, *CHECK_FORMATS)
    assert "OIN605" in out["text"]
    parts = [part for part in password.split() if len(part) >= 4]
    assert _leaks([password, *parts], out) == []


# --- 3. secrets no rule flags printed in context lines ------------------------------------


def test_basic_credential_in_a_context_line_is_masked() -> None:
    secret = client_secret()
    encoded = base64.b64encode(f"0oa1b2c3d4e5f6g7h8i9:{secret}".encode()).decode()
    shown = redact.redact_source_line(f"headers = {{'Authorization': 'Basic {encoded}'}}")
    assert shown == f"headers = {{'Authorization': 'Basic {encoded[:4]}…'}}"
    assert redact.redact("Basic authentication is not allowed") == (
        "Basic authentication is not allowed")


def test_secret_concatenated_into_buffer_from_is_masked(tmp_path: Path) -> None:
    secret = client_secret()
    (tmp_path / "auth.js").write_text(
        "const org = 'https://acme.okta.com';\n"
        f"const basic = Buffer.from('0oa1b2c3d4e5f6g7h8i9' + ':' + '{secret}')"
        ".toString('base64');\n"
        "fetch(`${org}/oauth2/v1/token`, { method: 'POST' });\n", encoding="utf-8")
    out = _outputs(tmp_path, "text", "sarif")
    assert "auth.js" in out["text"]
    assert _leaks([secret], out) == []
    assert redact.redact_source_line(f"b64encode(b'0oa1b2c3:{secret}')") == (
        f"b64encode(b'0oa1b2c3:{secret[:4]}…')")


# --- 7. file names and source lines injected workflow commands and escape sequences -------


def test_file_name_cannot_inject_a_workflow_command(tmp_path: Path) -> None:
    token = api_token()
    name = "::add-mask::x\n::error file=evil::pwned.py"
    try:
        (tmp_path / name).write_text(f'OKTA_TOKEN = "{token}"\n', encoding="utf-8")
    except OSError:
        pytest.skip("the file system refuses this name")
    out = _outputs(tmp_path, "text", "concise", "github")
    for fmt, text in out.items():
        commands = [line for line in text.splitlines() if line.lstrip().startswith("::")]
        if fmt == "github":
            assert commands and len(commands) == len(text.splitlines())
            for command in commands:  # annotations of this file, nothing else
                assert command.startswith(("::error file=%3A%3Aadd-mask%3A%3Ax%0A%3A%3Aerror ",
                                           "::warning file=%3A%3Aadd-mask%3A%3Ax%0A%3A%3Aerror ")
                                          ), command
        else:
            assert commands == [], (fmt, text)
            assert "./::add-mask::x\\x0a::error file=evil::pwned.py:1:" in text, (fmt, text)


def test_escape_sequences_in_source_lines_never_reach_the_terminal(tmp_path: Path) -> None:
    token = api_token()
    (tmp_path / "evil\x1b[2Jname.py").write_text(
        f'\x1b]0;owned\x07x = 1\nOKTA_TOKEN = "{token}"  # \x1b[31mred\x9b2J\n',
        encoding="utf-8")
    out = _outputs(tmp_path, "text", "concise", "github")
    for fmt, text in out.items():
        assert not any(c in text for c in "\x1b\x07\x9b"), (fmt, text)
    assert "evil\\x1b[2Jname.py:2:" in out["concise"]
    assert "\\x1b]0;owned\\x07x = 1" in out["text"]


@pytest.mark.parametrize(("line", "shown"), [
    # a call is code, not a secret: the context line shows it whole
    ("TOKEN = get_token()", "TOKEN = get_token()"),
    ("access_token = oktaGetToken123(org)", "access_token = oktaGetToken123(org)"),
    ("token: fetch_okta_token(org)", "token: fetch_okta_token(org)"),
])
def test_a_call_assigned_to_a_token_name_is_not_masked(line: str, shown: str) -> None:
    assert redact.redact_source_line(line) == shown


def test_a_bare_secret_assigned_to_a_token_name_is_still_masked() -> None:
    value = client_secret()
    for line in (f"token = {value}", f"api_key={value};", f"token: {value}(x"):
        masked = redact.redact_source_line(line)
        assert value not in masked and "…" in masked
