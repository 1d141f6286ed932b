"""``oinlint check --fix`` on the scopes of ``oin-submission.yaml``: each fix alone (the text
after it asserted exactly, comments and other reasons byte for byte), a combination, a second
run that changes nothing, ``--diff`` writing nothing, a broken file left alone, and a fix held
back without ``--unsafe-fixes`` when an unresolved call touches the scope's resource."""

from __future__ import annotations

from pathlib import Path

import pytest
from submission_text import SUBMISSION_FIELDS

from oinlint.cli import main
from oinlint.fixes.ssws_fixes import CODES as SSWS_CODES
from oinlint.fixes.submission_scopes import CODES
from oinlint.rules.catalogue import load_catalogue
from oinlint.rules.docs import rule_markdown

HEAD = SUBMISSION_FIELDS + """\
# The scopes we ask for.
scopes:
"""

GET = ('    return requests.get(f"https://{{org}}/api/v1/{what}", '
       'headers={{"Authorization": f"Bearer {{token}}"}}).json()\n')


def _code(*resources: str, extra: str = "") -> str:
    out = "import requests\n"
    for what in resources:
        out += f"\n\ndef get_{what}(org: str, token: str) -> list[dict]:\n" + GET.format(
            what=what)
    return out + extra


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    return tmp_path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["check", "--no-cache", "--select", "OIN2,OIN6", *argv, "."])
    out, err = capsys.readouterr()
    return code, out, err


def _write(project: Path, scopes: str, code: str) -> Path:
    (project / "app.py").write_text(code)
    path = project / "oin-submission.yaml"
    path.write_text(HEAD + scopes)
    return path


def test_manage_used_only_for_reads_is_narrowed_keeping_comment_and_reason(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(project, "  - name: okta.users.manage  # why: the review\n"
                  "    reason: List users to build the access review.\n", _code("users"))
    code, _, err = _run(capsys, "--fix")
    assert path.read_text() == HEAD + (
        "  - name: okta.users.read  # why: the review\n"
        "    reason: List users to build the access review.\n")
    assert code == 0
    assert "applied 1 fix(es)" in err


def test_scope_no_call_needs_is_removed_with_its_reason_only(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(project, "  - name: okta.users.read\n    reason: List users.\n\n"
                  "  # logs were for last-access dates\n"
                  "  - name: okta.logs.read\n    reason: Read sign-in events.\n"
                  "  - name: okta.groups.read  # groups\n    reason: Group names.\n",
                  _code("users", "groups"))
    _run(capsys, "--fix")
    assert path.read_text() == HEAD + (
        "  - name: okta.users.read\n    reason: List users.\n\n"
        "  # logs were for last-access dates\n"
        "  - name: okta.groups.read  # groups\n    reason: Group names.\n")


def test_read_and_manage_pair_keeps_read_when_reads_suffice(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(project, "  - name: okta.users.read\n    reason: List users.\n"
                  "  - name: okta.users.manage\n    reason: Also users.\n", _code("users"))
    _run(capsys, "--fix")
    assert path.read_text() == HEAD + "  - name: okta.users.read\n    reason: List users.\n"


def test_read_and_manage_pair_keeps_manage_when_a_call_writes(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    writes = ("\n\ndef deactivate(org: str, token: str, uid: str) -> None:\n"
              '    requests.post(f"https://{org}/api/v1/users/{uid}/lifecycle/deactivate", '
              'headers={"Authorization": f"Bearer {token}"})\n')
    path = _write(project, "  - name: okta.users.read\n    reason: List users.\n"
                  "  - name: okta.users.manage\n    reason: Deactivate leavers.\n",
                  _code("users", extra=writes))
    _run(capsys, "--fix")
    assert path.read_text() == HEAD + (
        "  - name: okta.users.manage\n    reason: Deactivate leavers.\n")


def test_misspelt_scope_with_one_suggestion_is_replaced_keeping_quotes(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(project, '  - name: "okta.users.raed"\n    reason: List users.\n',
                  _code("users"))
    _run(capsys, "--fix")
    assert path.read_text() == HEAD + '  - name: "okta.users.read"\n    reason: List users.\n'


def test_missing_scope_is_added_with_a_todo_reason_that_oin602_flags(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(project, "  - name: okta.users.read\n    reason: List users.\n",
                  _code("users", "groups"))
    code, out, _ = _run(capsys, "--fix")
    assert path.read_text() == HEAD + (
        "  - name: okta.users.read\n    reason: List users.\n"
        "  - name: okta.groups.read\n"
        '    reason: "TODO: say which feature needs this scope"\n')
    assert code == 1
    assert "OIN602" in out and "OIN204" not in out


def test_combination_then_second_fix_changes_nothing(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(project, "  - name: okta.users.manage   # keep\n    reason: Users.\n\n"
                  "  - name: okta.logs.read\n    reason: Logs.\n"
                  "  - name: okta.apps.read\n    reason: Apps.  # apps\n",
                  _code("users", "apps", "groups"))
    _run(capsys, "--fix")
    fixed = HEAD + ("  - name: okta.users.read   # keep\n    reason: Users.\n\n"
                    "  - name: okta.apps.read\n    reason: Apps.  # apps\n"
                    "  - name: okta.groups.read\n"
                    '    reason: "TODO: say which feature needs this scope"\n')
    assert path.read_text() == fixed
    _, _, err = _run(capsys, "--fix")
    assert path.read_text() == fixed
    assert "applied 0 fix(es)" in err


def test_diff_prints_the_change_writes_nothing_and_exits_1(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scopes = "  - name: okta.users.manage\n    reason: Users.\n"
    path = _write(project, scopes, _code("users"))
    code, out, _ = _run(capsys, "--diff")
    assert code == 1
    assert path.read_text() == HEAD + scopes
    assert "-  - name: okta.users.manage\n+  - name: okta.users.read\n" in out
    assert out.startswith("--- a/oin-submission.yaml\n+++ b/oin-submission.yaml\n")


def test_diff_with_nothing_to_fix_exits_0(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(project, "  - name: okta.users.read\n    reason: Users.\n", _code("users"))
    code, out, _ = _run(capsys, "--diff")
    assert (code, out) == (0, "")


def test_broken_yaml_is_never_touched(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scopes = "  - name: okta.users.manage\n    reason: [Users.\n"
    path = _write(project, scopes, _code("users"))
    _run(capsys, "--fix")
    assert path.read_text() == HEAD + scopes


def test_fix_on_a_resource_with_an_unresolved_call_needs_unsafe_fixes(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    unresolved = ("\n\ndef anything(org: str, token: str, method: str, uid: str) -> None:\n"
                  '    requests.request(method, f"https://{org}/api/v1/groups/{uid}", '
                  'headers={"Authorization": f"Bearer {token}"})\n')
    scopes = "  - name: okta.users.read\n    reason: Users.\n"
    path = _write(project, scopes, _code("users", "groups", extra=unresolved))
    _, out, _ = _run(capsys, "--fix")
    assert path.read_text() == HEAD + scopes
    assert "1 more with `--unsafe-fixes`" in out
    _run(capsys, "--fix", "--unsafe-fixes")
    assert "okta.groups.read" in path.read_text()


def test_text_output_marks_fixable_findings_and_counts_them(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(project, "  - name: okta.users.manage\n    reason: Users.\n", _code("users"))
    _, out, _ = _run(capsys)
    assert "OIN202 [*] okta.users.manage" in out
    assert "[*] 1 fixable with `oinlint check --fix`." in out


def test_every_code_with_a_fixer_declares_its_fix_in_the_catalogue_and_page() -> None:
    catalogue = load_catalogue()
    declared = {spec.code for spec in catalogue.values() if spec.autofix}
    assert declared == set(CODES) | set(SSWS_CODES)
    assert "Automatic fix (safe, `oinlint check --fix`)" in rule_markdown(
        catalogue["OIN203"])
