"""``oinlint init`` writes one YAML key per field whatever it is given (issue 13, item 16):
a display name is validated, evidence comments cannot break out of their line."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from oinlint.cli import main
from oinlint.submission.template import TemplateError, render_template


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "app.py").write_text("import os\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(("name", "message"), [
    ("X\nname: y", "--name: the name must be one line of printable characters"),
    ("Acme\u2028Sync", "--name: the name must be one line of printable characters"),
    ("   ", "--name: the name is empty"),
    ("A" * 65, "--name: the name has 65 characters; the OIN catalog allows at most 64"),
])
def test_init_name_with_a_line_break_or_too_long_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str], name: str, message: str
) -> None:
    code = main(["init", "--isolated", "--name", name])
    captured = capsys.readouterr()
    assert (code, captured.out) == (2, "")
    assert captured.err.splitlines() == [f"oinlint: error: {message}"]
    assert not (project / "oin-submission.yaml").exists()


def test_init_name_with_yaml_syntax_is_one_name_key(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init", "--isolated", "--name", 'Acme: "Sync" # x', "-o", "-"]) == 0
    document = yaml.safe_load(capsys.readouterr().out)
    assert document["name"] == 'Acme: "Sync" # x'
    assert document["description"].startswith('Acme: "Sync" # x connects')


def test_template_evidence_with_a_line_break_stays_a_comment() -> None:
    text = render_template("Acme", {"okta.users.read": ["evil\nname: y.py:3"]})
    document = yaml.safe_load(text)
    assert document["name"] == "Acme"
    assert [s["name"] for s in document["scopes"]] == ["okta.users.read"]
    assert "  # needed by the Okta calls at evil\ufffdname: y.py:3" in text.splitlines()


def test_template_refuses_a_scope_name_that_is_not_one() -> None:
    with pytest.raises(TemplateError, match="is not a scope name"):
        render_template("Acme", ["okta.users.read\nname: y"])
