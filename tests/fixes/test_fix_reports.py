"""Fixes in the machine-readable reports: SARIF results carry ``fixes`` (valid against the
OASIS 2.1.0 schema, regions and inserted text exact), JSON findings an ``autofix`` field;
findings without a fix carry neither, and the existing keys stay as they were."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped,unused-ignore]
import pytest
from submission_text import SUBMISSION_FIELDS

from oinlint.cli import main

HEAD = SUBMISSION_FIELDS + """\
# The scopes we ask for.
scopes:
"""


def _code(*resources: str, extra: str = "") -> str:
    """A Python module listing each resource with a GET."""
    out = "import requests\n"
    for what in resources:
        out += (f"\n\ndef get_{what}(org: str, token: str) -> list[dict]:\n"
                f'    return requests.get(f"https://{{org}}/api/v1/{what}", '
                'headers={"Authorization": f"Bearer {token}"}).json()\n')
    return out + extra

SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "data" / "sarif-schema-2.1.0.json")
                    .read_text(encoding="utf-8"))


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    (tmp_path / "app.py").write_text(_code("users", "groups"))
    # line 9: manage used for reads (OIN202); 11: no call needs logs (OIN203); groups missing
    (tmp_path / "oin-submission.yaml").write_text(HEAD + (
        "  - name: okta.users.manage  # keep\n    reason: Users.\n"
        "  - name: okta.logs.read\n    reason: Logs.\n"))
    return tmp_path


def _report(capsys: pytest.CaptureFixture[str], fmt: str) -> Any:
    main(["check", "--no-cache", "--select", "OIN2,OIN6", "--format", fmt, "."])
    return json.loads(capsys.readouterr().out)


def _by_code(results: list[dict[str, Any]], key: str) -> dict[str, dict[str, Any]]:
    return {r[key]: r for r in results}


def test_sarif_results_with_a_fix_carry_schema_valid_fixes_with_exact_replacements(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = _report(capsys, "sarif")
    assert list(jsonschema.Draft4Validator(SCHEMA).iter_errors(log)) == []
    results = _by_code(log["runs"][0]["results"], "ruleId")
    narrow = results["OIN202"]["fixes"]
    assert narrow == [{
        "description": {"text": "replace okta.users.manage with okta.users.read (safe)"},
        "artifactChanges": [{
            "artifactLocation": {"uri": "oin-submission.yaml", "uriBaseId": "%SRCROOT%"},
            "replacements": [{
                "deletedRegion": {"startLine": 9, "startColumn": 1, "endLine": 10,
                                  "endColumn": 1},
                "insertedContent": {"text": "  - name: okta.users.read  # keep\n"}}]}],
        "properties": {"safe": True}}]
    removal = results["OIN203"]["fixes"][0]["artifactChanges"][0]["replacements"]
    # the last entry: its region runs to the end of the file, nothing is inserted
    assert removal == [{"deletedRegion": {"startLine": 11, "startColumn": 1, "endLine": 12,
                                          "endColumn": 19}}]
    addition = results["OIN204"]["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert addition["deletedRegion"] == {"startLine": 12, "startColumn": 19, "endLine": 12,
                                         "endColumn": 19}
    assert addition["insertedContent"]["text"].startswith("  - name: okta.groups.read\n")


def test_sarif_result_without_a_fix_has_no_fixes(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "app.py").write_text(_code("users"))
    (project / "oin-submission.yaml").write_text(HEAD + "  - name: okta.users.read\n"
                                                 "    reason: TODO\n")
    results = _report(capsys, "sarif")["runs"][0]["results"]
    assert results and all("fixes" not in r for r in results)


def test_json_findings_say_whether_a_fix_applies_and_keep_their_keys(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    findings = _by_code(_report(capsys, "json")["findings"], "code")
    assert findings["OIN202"]["autofix"] == {
        "applicable": "safe", "title": "replace okta.users.manage with okta.users.read"}
    assert findings["OIN204"]["autofix"]["title"] == "declare okta.groups.read"
    assert isinstance(findings["OIN202"]["fix"], str)  # the rule's advice, as before
    assert all("autofix" not in f for c, f in findings.items()
               if c not in {"OIN202", "OIN203", "OIN204"})


def test_json_marks_a_fix_on_a_resource_with_an_unresolved_call_unsafe(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "app.py").write_text(_code("users", extra=(
        "\n\ndef anything(org: str, token: str, method: str, uid: str) -> None:\n"
        '    requests.request(method, f"https://{org}/api/v1/logs/{uid}", '
        'headers={"Authorization": f"Bearer {token}"})\n')))
    findings = _by_code(_report(capsys, "json")["findings"], "code")
    assert findings["OIN203"]["autofix"]["applicable"] == "unsafe"
