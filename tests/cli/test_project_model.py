"""Commit-shaped runs and the project root (issue 14 items 1 and 2), through the command line.

``oinlint check a.py`` judges ``a.py`` against the whole project (the project model) and shows
what the whole-project run reports for it; ``cd pkg && oinlint check`` uses the project's
configuration, submission and files; a configuration above the git work tree is ignored.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
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
HTTP = '''"""Okta API responses: rate limits, pages and a token refused."""
import time


def send(response, retry=None):
    if response.status_code == 401 and retry is not None:
        return retry()  # the caller gets a new token and sends the request again
    if response.status_code == 429:
        time.sleep(int(response.headers["X-Rate-Limit-Reset"]) - time.time())
    return response.json(), response.links.get("next")
'''

Finding = tuple[str, int, str]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A git repository whose rate-limit, paging and 401 handling live in another module than
    its one Okta call, and whose submission declares two scopes no call needs (OIN203)."""
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


# --- the real pre-commit: one staged file, `git commit` through the hook -------------------

HOOK = re.compile(r"^(\S+:\d+:\d+): (OIN\d{3}) ", re.MULTILINE)


def _hook_config() -> str:
    """This repository's ``oinlint`` hook as a ``repo: local`` hook of ``language: system``
    (oinlint from the running environment: offline, nothing installed by pre-commit)."""
    manifest = {h["id"]: h for h in yaml.safe_load(
        (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}["oinlint"]
    hook = {key: manifest[key] for key in ("id", "name", "entry", "files", "types",
                                           "require_serial") if key in manifest}
    hook["language"] = "system"
    if "args" in manifest:
        hook["args"] = manifest["args"]
    return yaml.safe_dump({"repos": [{"repo": "local", "hooks": [hook]}]})


def _git(repo: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    identity = ["-c", "user.name=oinlint tests", "-c", "user.email=tests@oinlint.invalid",
                "-c", "commit.gpgsign=false"]
    return subprocess.run(["git", *identity, *args], cwd=repo, env=env, capture_output=True,
                          text=True, check=False, timeout=300)


@pytest.mark.slow
def test_a_pre_commit_commit_reports_what_the_whole_project_run_reports(project: Path) -> None:
    pytest.importorskip("pre_commit")
    env = clean_env()
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["PRE_COMMIT_HOME"] = str(project.parent / "pre-commit-home")
    # Only the scope the one call needs: the whole project run is clean.
    declared = SUBMISSION.read_text(encoding="utf-8").split("  - name: okta.groups.read")[0]
    (project / "oin-submission.yaml").write_text(declared, encoding="utf-8")
    (project / ".pre-commit-config.yaml").write_text(_hook_config(), encoding="utf-8")
    assert _git(project, "add", "-A", env=env).returncode == 0
    assert _git(project, "commit", "-q", "-m", "start", env=env).returncode == 0
    installed = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=project,
                               env=env, capture_output=True, text=True, check=False)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert run_oinlint(["check", "--format", "concise"], project).stdout == ""

    # users.py calls the API; 429 and paging are handled in http.py, which is not staged
    users = project / "pkg" / "users.py"
    users.write_text(users.read_text(encoding="utf-8") + "\n# one more line\n", "utf-8")
    _git(project, "add", "pkg/users.py", env=env)
    passed = _git(project, "commit", "-m", "users: a comment", env=env)
    assert passed.returncode == 0, passed.stdout + passed.stderr  # no false OIN501/OIN502
    assert re.search(r"^oinlint\.+Passed$", passed.stdout + passed.stderr, re.MULTILINE)

    # a staged file with findings: the hook shows exactly the whole run's findings for it
    (project / "pkg" / "legacy.py").write_text(
        '"""Okta."""\nimport requests\n\n\ndef groups(org, token):\n'
        '    return requests.get(f"https://{org}.okta.com/api/v1/groups",\n'
        '                        headers={"Authorization": f"SSWS {token}"})\n', "utf-8")
    whole = run_oinlint(["check", "--format", "concise"], project).stdout
    expected = sorted(m.groups() for m in HOOK.finditer(whole)
                      if m.group(1).startswith(("pkg/legacy.py:", "oin-submission.yaml:")))
    assert any(loc.startswith("pkg/legacy.py:") for loc, _ in expected), whole
    _git(project, "add", "pkg/legacy.py", env=env)
    refused = _git(project, "commit", "-m", "legacy groups", env=env)
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert sorted(m.groups() for m in HOOK.finditer(output)) == expected
