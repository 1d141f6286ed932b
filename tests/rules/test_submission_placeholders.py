"""OIN608 (issue 14 item 4): placeholder values in the submission are findings, at the value,
with what to write instead; `oinlint init`'s template is reported until it is filled in."""

from __future__ import annotations

from pathlib import Path

import pytest

from oinlint.cli import main
from oinlint.submission import parse_submission
from oinlint.submission.placeholders import (
    description_adds_nothing,
    placeholder_text,
    reserved_host,
)

GOOD = """\
name: Acme Access Review
description: Nightly review of who can reach what in your Okta org.
support_email: okta-escalations@acme-access-review.io
config_guide_url: https://docs.acme-access-review.io/okta/setup
auth:
  method: client_secret_basic
scopes:
  - name: okta.users.read
    reason: List users to build the access review.
"""


@pytest.mark.parametrize(("host", "reserved"), [
    ("example.com", True), ("EXAMPLE.ORG.", True), ("docs.example.net", True),
    ("acme.example", True), ("app.acme.test", True), ("x.invalid", True),
    ("localhost", True), ("api.localhost", True),
    ("examples.com", False), ("example.company.io", False), ("myexample.com", False),
    ("example.co", False), ("test.acme.io", False), ("acme-test.io", False),
    ("localhost.acme.io", False), ("okta.com", False),
])
def test_reserved_hosts_are_the_rfc_2606_and_6761_names(host: str, reserved: bool) -> None:
    assert reserved_host(host) is reserved


@pytest.mark.parametrize(("value", "marker"), [
    ("TODO", "TODO"), ("todo: write this", "todo:"), ("Syncs users (TBD)", "TBD"),
    ("FIXME later", "FIXME"), ("XXXX", "XXXX"), ("changeme", "changeme"),
    ("Change-Me", "Change-Me"), ("Lorem ipsum dolor sit amet", "Lorem ipsum"),
    ("your-team@acme.io", "your-team"), ("https://your_org.okta.com", "your_org"),
    ("Sign in at <your app URL>", "<your app URL>"), ("{{ support_email }}", "{{ support_email }}"),
    ("${GUIDE_URL}", "${GUIDE_URL}"), ("[insert description here]", "[insert description here]"),
])
def test_placeholder_text_is_found(value: str, marker: str) -> None:
    assert placeholder_text(value) == marker


@pytest.mark.parametrize("value", [
    "Turns access requests into todos.", "Todo list sync for Okta", "Tbd Inc help desk",
    "Syncs your Okta users", "Exchange metadata with Okta", "Sign in with your Okta account",
    "Uses the todo-list API", "Reads 3 < 4 > 2 items", "mytodo@acme.io", "A [beta] feature",
])
def test_prose_that_only_resembles_a_placeholder_is_not_one(value: str) -> None:
    assert placeholder_text(value) is None


@pytest.mark.parametrize(("description", "name", "empty"), [
    ("Acme Sync connects your Okta org to Acme Sync.", "Acme Sync", True),
    ("The Acme Sync integration for Okta.", "Acme Sync", True),
    ("Acme Sync", "Acme Sync", True),
    ("Copies Okta users into Acme Sync.", "Acme Sync", False),
    ("Nightly access review of your Okta org.", "Acme Access Review", False),
    ("Acme Sync for Okta, nightly.", "Acme Sync", False),
])
def test_a_description_with_no_word_beyond_the_name(description: str, name: str,
                                                    empty: bool) -> None:
    assert description_adds_nothing(description, name) is empty


def _problems(text: str) -> list[tuple[str, int, int, int, str]]:
    sub = parse_submission(text, display="oin-submission.yaml")
    return [(p.code, p.span.line, p.span.column, p.span.end_column, p.field)
            for p in sub.problems]


def test_real_looking_values_are_not_placeholders() -> None:
    assert _problems(GOOD) == []


def test_a_reserved_domain_is_reported_at_the_scalar_with_what_to_write() -> None:
    text = GOOD.replace("okta-escalations@acme-access-review.io", "'ops@example.com'")
    sub = parse_submission(text, display="oin-submission.yaml")
    (problem,) = sub.problems
    assert (problem.code, problem.field) == ("OIN608", "support_email")
    assert (problem.span.line, problem.span.column, problem.span.end_column) == (3, 16, 33)
    assert problem.message == (
        "`support_email` uses 'example.com', a reserved example domain (RFC 2606/6761) that "
        "can never be a real address: write the monitored address at your company's domain "
        "that Okta escalates to")
    assert problem.fix == ("Replace it with the monitored address at your company's domain "
                           "that Okta escalates to.")


def test_a_value_with_another_problem_is_reported_once() -> None:
    text = GOOD.replace("https://docs.acme-access-review.io/okta/setup",
                        "http://example.com/setup")
    assert [p[0] for p in _problems(text)] == ["OIN603"]


def test_scope_reasons_are_left_to_oin602() -> None:
    text = GOOD.replace("List users to build the access review.", "TODO")
    assert [p[0] for p in _problems(text)] == ["OIN602"]


def test_init_template_is_not_ready_until_its_placeholders_are_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "app.py").write_text(
        'import httpx\nhttpx.get("https://acme.okta.com/api/v1/users")\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["init", "--isolated", "--name", "Acme Sync"]) == 0
    capsys.readouterr()
    code = main(["check", "--isolated", "--select", "OIN608", "--format", "concise", "."])
    out = capsys.readouterr().out
    assert code == 1
    fields = [line.split(" ", 2)[1] for line in out.splitlines()]
    assert fields == ["OIN608"] * 3, out
    assert "`description` says nothing beyond the name" in out
    assert "uses 'example.com'" in out
