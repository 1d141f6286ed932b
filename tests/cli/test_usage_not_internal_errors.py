"""Bad input the CLI reads is a usage error naming the file or option, not an internal error
(issue 13, item 11): globs, deep TOML, baseline counts, a full disk, unbounded verify waits."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from fakes import clean_env, run_oinlint

from oinlint.cli import main


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "app.py").write_text("import os\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str]]:
    code = main(list(argv))
    return code, capsys.readouterr().err.splitlines()


@pytest.mark.parametrize("key", ["exclude", "extend-exclude"])
def test_bad_exclude_glob_names_the_file_and_key(
    project: Path, capsys: pytest.CaptureFixture[str], key: str
) -> None:
    (project / "oinlint.toml").write_text(f'{key} = ["[z-a]"]\n', encoding="utf-8")
    code, err = run(capsys, "check", "--no-cache", "app.py")
    assert code == 2
    assert err == [f"oinlint: error: {project / 'oinlint.toml'}: '{key}': '[z-a]' is not a "
                   "valid pattern (bad character range z-a)"]


def test_bad_per_file_ignores_glob_names_the_key(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "oinlint.toml").write_text('[per-file-ignores]\n"[z-a]" = ["OIN1"]\n',
                                          encoding="utf-8")
    code, err = run(capsys, "check", "--no-cache", "app.py")
    assert code == 2
    assert err == [f"oinlint: error: {project / 'oinlint.toml'}: 'per-file-ignores': '[z-a]' "
                   "is not a valid pattern (bad character range z-a)"]


@pytest.mark.parametrize("command", [["check", "--no-cache", "app.py"], ["init", "-o", "-"]])
def test_deeply_nested_toml_names_the_file(
    project: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    (project / "pyproject.toml").write_text(
        "[tool.oinlint]\nx = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    code, err = run(capsys, *command)
    assert code == 2
    assert err == [f"oinlint: error: {project / 'pyproject.toml'}: not valid TOML: "
                   "nested too deeply"]


@pytest.mark.parametrize(("count", "shown"), [("1e400", "inf"), ("0", "0"), ("true", "True"),
                                              ("2.5", "2.5")])
def test_baseline_count_that_is_not_a_whole_number_is_a_usage_error(
    project: Path, capsys: pytest.CaptureFixture[str], count: str, shown: str
) -> None:
    (project / "base.json").write_text(
        '{"tool": "oinlint", "version": 1, "findings": [{"fingerprint": "f", "code": "OIN101",'
        f' "path": "app.py", "count": {count}}}]}}', encoding="utf-8")
    code, err = run(capsys, "check", "--isolated", "--no-cache", "--baseline", "base.json",
                    "app.py")
    assert code == 2
    assert err == ["oinlint: error: base.json: malformed baseline entry ('count' must be a whole "
                   f"number from 1, not {shown})"]


def test_stdout_on_a_full_disk_is_one_line(project: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    with open("/dev/full", "w", encoding="utf-8") as full:
        done = subprocess.run([sys.executable, "-m", "oinlint", "check", "--isolated",
                               "--no-cache", "app.py"], cwd=project, env=clean_env(),
                              stdout=full, stderr=subprocess.PIPE, text=True, check=False)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "oinlint: error: cannot write to standard output: No space left on device"]


@pytest.mark.parametrize(("option", "message"), [
    (["--timeout", "nan"], "--timeout must be a number of seconds above 0 and at most 600, "
                           "not nan"),
    (["--timeout", "inf"], "--timeout must be a number of seconds above 0 and at most 600, "
                           "not inf"),
    (["--timeout", "0"], "--timeout must be a number of seconds above 0 and at most 600, not 0"),
    (["--max-wait", "nan"], "--max-wait must be a number of seconds from 0 to 3600, not nan"),
    (["--max-wait", "inf"], "--max-wait must be a number of seconds from 0 to 3600, not inf"),
    (["--retries", "1000000"], "--retries must be from 0 to 10, not 1000000"),
    (["--retries", "-1"], "--retries must be from 0 to 10, not -1"),
])
def test_verify_waits_must_be_finite_and_bounded(
    project: Path, capsys: pytest.CaptureFixture[str], option: list[str], message: str
) -> None:
    code, err = run(capsys, "verify", "--emulator", *option)
    assert code == 2
    assert err == [f"oinlint: error: {message}"]


def test_missing_path_error_holds_in_a_real_process(project: Path) -> None:
    done = run_oinlint(["check", "--isolated", "--no-cache", "typo_dir"], project)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.splitlines() == ["oinlint: error: typo_dir: no such file or directory"]
