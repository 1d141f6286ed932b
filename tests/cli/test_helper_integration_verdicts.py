"""Issue 15's helper-call integration gets the right verdicts in Python, TypeScript, Go and Java.

The same integration in each language (``tests/corpus/helper-integrations/``): a token for
``okta.users.read okta.groups.read`` and the calls through the project's own helper, whose
results go straight into another call (a print, a log line). As written, no scope finding; with
an extra scope requested, OIN203 for that scope alone; and ``oinlint init`` proposes exactly the
two scopes, as needed by the calls (never "requested in the code" only, which would mean the
calls were not seen and a later edit of the request could drop a scope a call needs).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from oinlint.cli import main

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "helper-integrations"
LANGUAGES = ["py", "ts", "go", "java"]


@pytest.fixture
def project(request: pytest.FixtureRequest, tmp_path: Path,
            monkeypatch: pytest.MonkeyPatch) -> Path:
    language = str(request.param)
    shutil.copytree(CORPUS / language, tmp_path / language)
    (tmp_path / language / ".git").mkdir()
    monkeypatch.chdir(tmp_path / language)
    return tmp_path / language


def _findings(capsys: pytest.CaptureFixture[str]) -> list[tuple[str, str]]:
    main(["check", "--isolated", "--no-cache", "--select", "OIN2", "--format", "json", "."])
    document = json.loads(capsys.readouterr().out)
    return [(f["code"], f["message"]) for f in document["findings"]]


@pytest.mark.parametrize("project", LANGUAGES, indirect=True)
def test_as_written_no_scope_finding_and_init_proposes_what_the_calls_need(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _findings(capsys) == []
    assert main(["init", "--isolated", "--name", "Acme Access Review", "-o", "-"]) == 0
    text = capsys.readouterr().out
    document = yaml.safe_load(text)
    assert sorted(s["name"] for s in document["scopes"]) == ["okta.groups.read", "okta.users.read"]
    assert text.count("# needed by the Okta calls at") == 2, text


@pytest.mark.parametrize("project", LANGUAGES, indirect=True)
def test_an_extra_requested_scope_is_oin203_alone(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = next(p for p in project.iterdir() if p.is_file())
    text = source.read_text(encoding="utf-8")
    sep = "%20" if source.suffix == ".java" else " "  # a form body in Java, a string elsewhere
    asked = f"okta.users.read{sep}okta.groups.read"
    assert asked in text
    source.write_text(text.replace(asked, f"{asked}{sep}okta.logs.read"), encoding="utf-8")
    found = _findings(capsys)
    assert [code for code, _ in found] == ["OIN203"], found
    assert "okta.logs.read" in found[0][1]
