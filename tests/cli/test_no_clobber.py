"""oinlint never overwrites a file it did not write (issue 13, item 15): ``-o`` and
``--write-baseline`` refuse unless the file is empty, recognisably oinlint's, or ``--force``;
``--cache-dir`` drops its ``.gitignore`` only into a folder it created."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fakes import api_token

from oinlint.cli import main
from oinlint.cli._overwrite import written_by_oinlint

SUBMISSION = "name: Acme\n# the user's own file\n"
PYPROJECT = "[project]\nname = 'demo'\n\n[tool.oinlint]\nselect = [\"OIN1\"]\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "app.py").write_text("import os\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (tmp_path / "oin-submission.yaml").write_text(SUBMISSION, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str]]:
    code = main(list(argv))
    return code, capsys.readouterr().err.splitlines()


def test_write_baseline_refuses_to_overwrite_pyproject(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = run(capsys, "check", "--no-cache", "--write-baseline", "pyproject.toml", "app.py")
    assert code == 2
    assert err == ["oinlint: error: pyproject.toml exists and is not an oinlint baseline; "
                   "refusing to overwrite it (use --force)"]
    assert (project / "pyproject.toml").read_text(encoding="utf-8") == PYPROJECT


def test_write_baseline_rewrites_its_own_baseline_and_an_empty_file(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "base.json").write_text("", encoding="utf-8")
    assert run(capsys, "check", "--no-cache", "--write-baseline", "base.json", "app.py")[0] == 0
    assert run(capsys, "check", "--no-cache", "--write-baseline", "base.json", "app.py")[0] == 0
    document = json.loads((project / "base.json").read_text(encoding="utf-8"))
    assert (document["tool"], document["findings"]) == ("oinlint", [])


def test_write_baseline_with_force_overwrites(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "notes.txt").write_text("mine\n", encoding="utf-8")
    code, _ = run(capsys, "check", "--no-cache", "--force", "--write-baseline", "notes.txt",
                  "app.py")
    assert code == 0
    assert json.loads((project / "notes.txt").read_text(encoding="utf-8"))["tool"] == "oinlint"


@pytest.mark.parametrize("command", ["check", "report"])
def test_output_refuses_to_overwrite_the_submission_file(
    project: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    code, err = run(capsys, command, "--no-cache", "-q", "-o", "oin-submission.yaml", "app.py")
    assert code == 2
    assert err == ["oinlint: error: oin-submission.yaml exists and oinlint did not write it; "
                   "refusing to overwrite it (use --force)"]
    assert (project / "oin-submission.yaml").read_text(encoding="utf-8") == SUBMISSION


def test_verify_output_refuses_to_overwrite_a_file_oinlint_did_not_write(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = run(capsys, "verify", "--emulator", "-o", "pyproject.toml")
    assert code == 2
    assert err == ["oinlint: error: pyproject.toml exists and oinlint did not write it; "
                   "refusing to overwrite it (use --force)"]


@pytest.mark.parametrize("fmt", ["text", "concise", "json", "sarif", "junit", "github",
                                 "gitlab"])
def test_output_rewrites_a_report_oinlint_wrote(
    project: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    (project / "token.py").write_text(
        f'ORG = "https://acme.okta.com"\nOKTA_TOKEN = "{api_token()}"\n', encoding="utf-8")
    for _ in range(2):
        code, err = run(capsys, "check", "--no-cache", "-q", "--format", fmt, "-o", "out",
                        "app.py", "token.py")
        assert (code, err) == (1, [])
    assert written_by_oinlint((project / "out").read_text(encoding="utf-8"))


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_report_output_rewrites_its_own_report(
    project: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    for _ in range(2):
        code, err = run(capsys, "report", "--no-cache", "-q", "--format", fmt, "-o", "out",
                        "app.py")
        assert (code, err) == (0, [])


def test_output_with_force_overwrites(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run(capsys, "check", "--no-cache", "--force", "-o", "oin-submission.yaml", "app.py")
    assert code == 0
    assert (project / "oin-submission.yaml").read_text(encoding="utf-8").startswith("All checks")


def test_cache_dir_in_the_project_root_adds_no_gitignore(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "check", "--cache-dir", ".", "app.py")[0] == 0
    assert list(project.glob("facts-*.json"))  # the cache was written
    assert not (project / ".gitignore").exists()


def test_cache_dir_oinlint_creates_gets_its_gitignore(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "check", "--cache-dir", "build/cache", "app.py")[0] == 0
    assert (project / "build/cache/.gitignore").read_text(encoding="utf-8").endswith("*\n")
    assert not (project / "build/.gitignore").exists()
