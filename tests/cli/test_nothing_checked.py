"""A run that checks nothing never passes (issue 13, item 8): a missing path, '-' and a
selection with no static rule are usage errors (exit 2, one line on stderr)."""

from __future__ import annotations

from pathlib import Path

import pytest

from oinlint.cli import main


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "app.py").write_text("import os\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, list[str]]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err.splitlines()


def test_missing_directory_fails_check_instead_of_passing(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "check", "--isolated", "--no-cache", "typo_dir")
    assert (code, out) == (2, "")
    assert err == ["oinlint: error: typo_dir: no such file or directory"]


def test_missing_paths_are_counted_in_one_line(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "check", "--isolated", "--no-cache", "nope", "app.py", "gone")
    assert code == 2
    assert err == ["oinlint: error: nope: no such file or directory (and 1 more)"]


def test_missing_directory_is_not_reported_ready(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "report", "--isolated", "--no-cache", "-q", "typo_dir")
    assert (code, out) == (2, "")
    assert err == ["oinlint: error: typo_dir: no such file or directory"]


def test_stdin_dash_is_refused_not_passed(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "check", "--isolated", "--no-cache", "-")
    assert (code, out) == (2, "")
    assert err == ["oinlint: error: '-' (standard input) is not supported: name the files or "
                   "directories to check"]


@pytest.mark.parametrize("selection", [
    ["--select", "OIN101", "--ignore", "OIN1"],
    ["--select", "OIN9"],  # live rules only: the verifier's, a static run executes none
])
def test_selection_enabling_no_static_rule_is_a_usage_error(
    project: Path, capsys: pytest.CaptureFixture[str], selection: list[str]
) -> None:
    code, out, err = run(capsys, "check", "--isolated", "--no-cache", *selection, "app.py")
    assert (code, out) == (2, "")
    assert err == ["oinlint: error: no rule is enabled: select, extend-select and ignore turn "
                   "every static rule off"]


def test_configuration_enabling_no_rule_names_the_file(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "oinlint.toml").write_text('select = ["OIN101"]\nignore = ["OIN101"]\n',
                                          encoding="utf-8")
    code, _, err = run(capsys, "check", "--no-cache", "app.py")
    assert code == 2
    assert err == [f"oinlint: error: no rule is enabled: select, extend-select and ignore "
                   f"({project / 'oinlint.toml'} and the command line) turn every static rule off"]


def test_existing_path_with_rules_still_passes(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "check", "--isolated", "--no-cache", "--select", "OIN1", "app.py")
    assert code == 0
    assert out == "All checks passed (1 file checked).\n"


def test_empty_folder_fails_instead_of_passing(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "empty").mkdir()
    code, out, err = run(capsys, "check", "--isolated", "--no-cache", "empty")
    assert (code, out) == (2, "")
    assert err == ["oinlint: error: nothing was checked: the paths given hold no file "
                   "oinlint reads"]


def test_only_unreadable_files_fail_instead_of_passing(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "blob.py").write_bytes(b"\x00\x01binary")
    (project / "other.py").write_bytes(b"\x00\x02binary")
    code, out, err = run(capsys, "check", "--isolated", "--no-cache", "blob.py", "other.py")
    assert (code, out) == (2, "")
    assert err[-1] == ("oinlint: error: nothing was checked: every file was skipped as "
                       "unreadable, blob.py (and 1 more)")
    report_code, _, report_err = run(capsys, "report", "--isolated", "--no-cache", "blob.py")
    assert report_code == 2
    assert report_err[-1].startswith("oinlint: error: nothing was checked")


def test_deliberate_exclusion_of_every_path_still_passes(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """pre-commit passes the staged files; --force-exclude dropping them all is the
    configuration's choice, as are per-file-ignores that turn every rule off."""
    (project / "oinlint.toml").write_text(
        'exclude = ["gen"]\n[per-file-ignores]\n"app.py" = ["OIN"]\n', encoding="utf-8")
    (project / "gen").mkdir()
    (project / "gen" / "x.py").write_text("X = 1\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", "--no-cache", "--force-exclude", "gen/x.py")
    assert (code, out) == (0, "All checks passed (0 files checked).\n")
    code, out, _ = run(capsys, "check", "--no-cache", "app.py")
    assert (code, out) == (0, "All checks passed (0 files checked).\n")
