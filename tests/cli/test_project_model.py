"""Commit-shaped runs and the project root (issue 14 items 1 and 2), through the command line.

``oinlint check a.py`` judges ``a.py`` against the whole project (the project model) and shows
what the whole-project run reports for it; ``cd pkg && oinlint check`` uses the project's
configuration, submission and files; a configuration above the git work tree is ignored.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from fakes import clean_env, run_oinlint

ROOT = Path(__file__).resolve().parents[2]
SUBMISSION = ROOT / "examples" / "clean-integration" / "oin-submission.yaml"

USERS = '''"""Okta users."""
import requests

from pkg.http import send


def list_users(org: str, token: str) -> list[dict]:
    url = f"https://{org}.okta.com/api/v1/users"
    return send(requests.get(url, headers={"Authorization": f"Bearer {token}"}))
'''
HTTP = '''"""Okta API responses: rate limits and pages."""
import time


def send(response):
    if response.status_code == 429:
        time.sleep(int(response.headers["X-Rate-Limit-Reset"]) - time.time())
    return response.json(), response.links.get("next")
'''

Finding = tuple[str, int, str]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A git repository whose rate-limit and paging handling live in another module than its
    one Okta call, and whose submission declares two scopes no call needs (OIN203)."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    (repo / "pkg").mkdir(parents=True)
    (repo / "pkg" / "users.py").write_text(USERS, encoding="utf-8")
    (repo / "pkg" / "http.py").write_text(HTTP, encoding="utf-8")
    (repo / "README.md").write_text("# An integration\n", encoding="utf-8")
    shutil.copy(SUBMISSION, repo / "oin-submission.yaml")
    subprocess.run(["git", "init", "-q"], cwd=repo, env=clean_env(), check=True)
    return repo


def _json(cwd: Path, *args: str) -> dict[str, Any]:
    run = run_oinlint(["check", "--format", "json", *args], cwd)
    assert run.returncode in (0, 1), run.stderr
    data: dict[str, Any] = json.loads(run.stdout)
    return data


def _found(data: dict[str, Any]) -> list[Finding]:
    return sorted((f["path"], f["line"], f["code"]) for f in data["findings"])


def _whole_for(whole: list[Finding], *paths: str, submission: bool) -> list[Finding]:
    return sorted(f for f in whole
                  if f[0] in paths or (submission and f[0] == "oin-submission.yaml"))


def test_one_file_shows_what_the_whole_project_run_reports_for_it(project: Path) -> None:
    whole = _found(_json(project))
    assert {code for _, _, code in whole} == {"OIN203"}  # the project handles 429 and paging
    users = _found(_json(project, "pkg/users.py"))
    assert "OIN501" not in {code for _, _, code in users}  # was reported before the fix
    assert "OIN502" not in {code for _, _, code in users}
    # users.py has an Okta call, so the submission's verdict is shown with it
    assert users == _whole_for(whole, "pkg/users.py", submission=True)
    assert _found(_json(project, "pkg/http.py")) == _whole_for(whole, "pkg/http.py",
                                                               submission=False)
    assert _found(_json(project, "oin-submission.yaml")) == _whole_for(
        whole, "oin-submission.yaml", submission=True)


def test_a_file_without_okta_calls_passes_the_commit(project: Path) -> None:
    run = run_oinlint(["check", "README.md"], project)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "All checks passed (1 file checked)." in run.stdout


def test_clean_example_token_module_alone_has_no_false_oin303(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "clean"
    shutil.copytree(ROOT / "examples" / "clean-integration", repo)
    subprocess.run(["git", "init", "-q"], cwd=repo, env=clean_env(), check=True)
    whole = _found(_json(repo))
    alone = _found(_json(repo, "acme_access_review/tokens.py"))
    assert alone == _whole_for(whole, "acme_access_review/tokens.py", submission=True) == []


def test_a_subfolder_run_keeps_the_projects_submission_and_model(project: Path) -> None:
    whole = _found(_json(project))
    inside = _json(project / "pkg")
    rebased = sorted((f["path"].removeprefix(f"{project.as_posix()}/"), f["line"], f["code"])
                     for f in inside["findings"])
    assert "OIN607" not in {code for _, _, code in rebased}  # was a false OIN607
    assert rebased == _whole_for(whole, submission=True)  # OIN203 kept
    assert inside["run"]["root"] == project.as_posix()


def test_a_config_above_the_repository_is_ignored(project: Path) -> None:
    outside = project.parent / "oinlint.toml"
    outside.write_text('select = ["OIN1"]\nsubmission = "elsewhere.yaml"\n', encoding="utf-8")
    run = run_oinlint(["check", "--format", "json", "-v"], project)
    data = json.loads(run.stdout)
    assert {f["code"] for f in data["findings"]} == {"OIN203"}  # OIN2xx were not selected
    assert data["run"] == {"root": ".", "configuration": None,
                           "submission": "oin-submission.yaml"}
    assert (f"oinlint: ignored {outside}: it is above the git work tree {project}"
            in run.stderr.splitlines())
    assert (project / ".oinlint_cache").is_dir()
    assert not (project.parent / ".oinlint_cache").exists()


def test_init_writes_at_the_repository_root_not_above_it(project: Path) -> None:
    (project.parent / "oinlint.toml").write_text("fail-on = 'high'\n", encoding="utf-8")
    (project / "oin-submission.yaml").unlink()
    run = run_oinlint(["init"], project / "pkg")
    assert run.returncode == 0, run.stderr
    assert (project / "oin-submission.yaml").is_file()
    assert not (project.parent / "oin-submission.yaml").exists()
    assert "okta.users.read" in (project / "oin-submission.yaml").read_text(encoding="utf-8")


def test_config_flag_chooses_settings_not_the_root(project: Path) -> None:
    shared = project / "shared" / "oinlint.toml"
    shared.parent.mkdir()
    shared.write_text('fail-on = "high"\n', encoding="utf-8")
    data = _json(project, "--config", "shared/oinlint.toml")
    assert {f["code"] for f in data["findings"]} == {"OIN203"}  # no false OIN607
    assert data["summary"]["fail_on"] == "high"
    assert data["run"] == {"root": ".", "configuration": "shared/oinlint.toml",
                           "submission": "oin-submission.yaml"}


def test_verbose_names_the_root_configuration_and_submission(project: Path) -> None:
    (project / "pyproject.toml").write_text("[tool.oinlint]\nfail-on = 'low'\n",
                                            encoding="utf-8")
    run = run_oinlint(["check", "-v", "--no-cache"], project / "pkg")
    lines = run.stderr.splitlines()
    assert (f"oinlint: project root: {project.as_posix()} (the nearest folder with a "
            "configuration file)") in lines
    assert f"oinlint: configuration: {project.as_posix()}/pyproject.toml" in lines
    assert f"oinlint: submission: {project.as_posix()}/oin-submission.yaml" in lines


def test_sarif_run_properties_name_root_configuration_and_submission(project: Path) -> None:
    run = run_oinlint(["check", "--format", "sarif", "pkg/users.py"], project)
    properties = json.loads(run.stdout)["runs"][0]["properties"]
    assert properties == {"root": ".", "configuration": None,
                          "submission": "oin-submission.yaml"}


def test_warnings_about_files_not_named_are_counted_not_shown(project: Path) -> None:
    (project / "pyproject.toml").write_text("[tool.oinlint]\nmax-file-size = 3000\n",
                                            encoding="utf-8")
    (project / "pkg" / "big.py").write_text("# okta\n" + "x = 1\n" * 600, encoding="utf-8")
    whole = run_oinlint(["check", "--no-cache"], project)
    assert "pkg/big.py" in whole.stderr
    one = run_oinlint(["check", "--no-cache", "pkg/users.py"], project)
    assert one.stderr == ""
    verbose = run_oinlint(["check", "--no-cache", "-v", "pkg/users.py"], project)
    assert "big.py" not in verbose.stderr
    assert ("oinlint: 1 warning(s) about files outside the paths checked not shown"
            in verbose.stderr.splitlines())


def test_isolated_checks_only_the_paths_named(project: Path) -> None:
    codes = {f["code"] for f in _json(project, "--isolated", "pkg/users.py")["findings"]}
    assert {"OIN501", "OIN502"} <= codes  # documented: --isolated has no project around it
