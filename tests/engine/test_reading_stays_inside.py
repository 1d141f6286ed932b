"""Nothing outside the scanned root is read unless the user names it on the command line.

Symbolic links met while walking, the default ``oin-submission.yaml``, a configured
``submission`` path and the engine's line cache all stay inside the project root; a path named
on the command line (a file, a folder, ``--submission``) is the user's choice and is read.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from fakes import api_token, clean_env, run_oinlint
from trees import write_tree

from oinlint.config import Settings
from oinlint.engine import check
from oinlint.engine.discovery import discover
from oinlint.engine.lines import LineCache

OUTSIDE = "symbolic link to a path outside the project root; skipped"


@pytest.fixture
def layout(tmp_path: Path) -> tuple[Path, Path, str]:
    """``project/`` with one clean file, and ``elsewhere/okta.env`` (a fake token) beside it."""
    token = api_token()
    project = write_tree(tmp_path / "project", {"app.py": "x = 1\n"})
    elsewhere = write_tree(tmp_path / "elsewhere", {"okta.env": f"OKTA_API_TOKEN={token}\n"})
    (project / "leak.env").symlink_to(elsewhere / "okta.env")
    return project, elsewhere, token


def _git_init(path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(path)], check=True, env=clean_env())


@pytest.mark.parametrize("git", [False, True], ids=["walked", "git"])
def test_a_symlink_met_while_walking_that_leads_out_of_the_root_is_skipped_with_a_warning(
    layout: tuple[Path, Path, str], git: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    project, _, token = layout
    if git:
        _git_init(project)
    monkeypatch.chdir(project)
    result = check(["."], Settings(root=project))
    assert "leak.env" not in result.scanned
    assert result.findings == []
    assert result.warnings == [f"leak.env: {OUTSIDE}"]
    assert token not in repr(result.files)


def test_a_symlinked_folder_that_leads_out_of_the_root_is_not_walked(
    layout: tuple[Path, Path, str]
) -> None:
    project, elsewhere, _ = layout
    (project / "linked").symlink_to(elsewhere, target_is_directory=True)
    found, warnings = discover(["."], project, [], cwd=project, respect_gitignore=False)
    assert sorted(c.display for c in found) == ["app.py"]
    assert warnings == [f"leak.env: {OUTSIDE}", f"linked: {OUTSIDE}"]


def test_a_symlink_that_stays_inside_the_root_is_read(tmp_path: Path) -> None:
    token = api_token()
    project = write_tree(tmp_path, {"config/okta.env": f"OKTA_API_TOKEN={token}\n"})
    (project / "local.env").symlink_to(project / "config" / "okta.env")
    found, warnings = discover(["."], project, [], cwd=project, respect_gitignore=False)
    assert sorted(c.display for c in found) == ["config/okta.env", "local.env"]
    assert warnings == []


def test_a_symlink_named_on_the_command_line_is_read_even_when_it_leads_out(
    layout: tuple[Path, Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project, _, _ = layout
    monkeypatch.chdir(project)
    result = check(["leak.env"], Settings(root=project))
    assert result.warnings == []
    assert ("OIN103", "leak.env") in [(f.code, f.span.path) for f in result.findings]


def test_a_folder_named_on_the_command_line_may_itself_lie_outside_the_root(
    layout: tuple[Path, Path, str]
) -> None:
    project, elsewhere, _ = layout
    found, warnings = discover([str(elsewhere)], project, [], cwd=project,
                               respect_gitignore=False)
    assert [c.path for c in found] == [str(elsewhere / "okta.env")]
    assert warnings == []


def _fake_environment_secret() -> tuple[dict[str, str], str]:
    secret = api_token()
    env = clean_env()
    env["DATABASE_URL"] = f"postgres://ci:{secret}@db.internal:5432/app"
    return env, secret


def _every_output(project: Path, env: dict[str, str]) -> str:
    """Text, JSON, SARIF and Markdown and HTML reports of one project, stdout and stderr."""
    runs = [["check", "--format", fmt, "--no-cache"] for fmt in ("text", "json", "sarif")]
    runs += [["report", "--format", fmt, "--no-cache"] for fmt in ("markdown", "html")]
    out = []
    for args in runs:
        done = subprocess.run([sys.executable, "-m", "oinlint", *args], cwd=project, env=env,
                              capture_output=True, text=True, encoding="utf-8",
                              errors="replace", timeout=120, check=False)
        assert "Traceback" not in done.stderr, done.stderr
        out.append(done.stdout + done.stderr)
    return "\n".join(out)


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc")
def test_a_submission_linked_to_proc_self_environ_prints_no_environment(tmp_path: Path) -> None:
    project = write_tree(tmp_path / "project", {"app.py": "x = 1\n"})
    (project / "oin-submission.yaml").symlink_to("/proc/self/environ")
    env, secret = _fake_environment_secret()
    output = _every_output(project, env)
    assert secret not in output
    assert "DATABASE_URL" not in output
    assert "oin-submission.yaml: the submission file resolves outside the project root" in output


def test_a_configured_submission_outside_the_root_is_not_read(tmp_path: Path) -> None:
    token = api_token()
    project = write_tree(tmp_path / "a" / "b" / "project", {
        "app.py": "x = 1\n",
        "pyproject.toml": '[tool.oinlint]\nsubmission = "../../../secrets.yaml"\n',
    })
    write_tree(tmp_path, {"secrets.yaml": f"name: {token}\nscopes: [{token}]\n"})
    output = _every_output(project, clean_env())
    assert token not in output
    assert ("../../../secrets.yaml: the submission file resolves outside the project root "
            f"({project}); not read") in output


def test_a_submission_named_on_the_command_line_is_read_outside_the_root(
    tmp_path: Path
) -> None:
    project = write_tree(tmp_path / "project", {
        "app.py": "x = 1\n", "pyproject.toml": '[tool.oinlint]\nsubmission = "meta.yaml"\n'})
    write_tree(tmp_path, {"shared/oin-submission.yaml": "name: Shared Integration\n"})
    done = run_oinlint(["check", "--no-cache", "--submission", "../shared/oin-submission.yaml"],
                       project)
    assert "outside the project root" not in done.stderr
    shown = (tmp_path / "shared" / "oin-submission.yaml").resolve()
    assert f"{shown}:1:1: OIN601" in done.stdout  # read, and checked
    assert "> 1 | name: Shared Integration" in done.stdout  # its lines for the snippet too


def test_the_line_cache_does_not_read_outside_the_root(tmp_path: Path) -> None:
    project = write_tree(tmp_path / "project", {"app.py": "inside\n"})
    write_tree(tmp_path, {"outside.txt": "outside\n"})
    (project / "linked.txt").symlink_to(tmp_path / "outside.txt")
    lines = LineCache(project)
    cwd = Path.cwd()
    os.chdir(project)
    try:
        assert lines("app.py") == ["inside"]
        assert lines("../outside.txt") == []
        assert lines("linked.txt") == []
        assert lines(str(tmp_path / "outside.txt")) == []
        lines.allow("named.txt", tmp_path / "outside.txt")  # the user named it
        assert lines("named.txt") == ["outside"]
    finally:
        os.chdir(cwd)
