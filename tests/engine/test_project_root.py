"""The project root (issue 14 item 2): the nearest configuration holder, never above the git
work tree top; a submission or the git top without one; ``--config`` chooses settings only."""

from __future__ import annotations

from pathlib import Path

import pytest

from oinlint.config import load_settings
from oinlint.engine import check
from oinlint.findings import Severity
from oinlint.projectroot import find_project, marks_project, start_folder
from oinlint.rules.catalogue import load_catalogue

CATALOGUE = load_catalogue()


def _write(path: Path, text: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _repo(path: Path, git_file: bool = False) -> Path:
    """A folder that git would call a work tree top (``.git`` a folder, or a file as in a
    worktree or submodule)."""
    if git_file:
        _write(path / ".git", "gitdir: /elsewhere\n")
    else:
        (path / ".git").mkdir(parents=True)
    return path


def test_config_above_the_git_top_is_ignored_and_named(tmp_path: Path) -> None:
    outside = _write(tmp_path / "oinlint.toml", 'select = ["OIN1"]\nfail-on = "critical"\n')
    repo = _repo(tmp_path / "repo")
    settings = load_settings(CATALOGUE, cwd=repo)
    assert settings.config_file is None
    assert settings.fail_on is Severity.LOW
    assert settings.root == repo
    assert settings.project is not None
    assert settings.project.marker == "git"
    assert settings.project.ignored_config == outside


def test_a_git_file_marks_the_top_too(tmp_path: Path) -> None:
    _write(tmp_path / "oinlint.toml", 'fail-on = "critical"\n')
    repo = _repo(tmp_path / "worktree", git_file=True)
    (repo / "pkg").mkdir()
    settings = load_settings(CATALOGUE, cwd=repo / "pkg")
    assert (settings.root, settings.config_file) == (repo, None)


def test_a_subfolder_run_uses_the_project_root_and_its_configuration(tmp_path: Path) -> None:
    repo = _repo(tmp_path / "repo")
    config = _write(repo / "pyproject.toml", '[tool.oinlint]\nfail-on = "high"\n')
    _write(repo / "pkg" / "sub" / "pyproject.toml", "[project]\nname = 'sub'\n")
    settings = load_settings(CATALOGUE, cwd=repo / "pkg" / "sub")
    assert (settings.root, settings.config_file, settings.fail_on) == (
        repo, config, Severity.HIGH)
    assert settings.project is not None and settings.project.marker == "config"


def test_config_flag_chooses_settings_not_the_root(tmp_path: Path) -> None:
    repo = _repo(tmp_path / "repo")
    shared = _write(repo / "shared" / "oinlint.toml", 'fail-on = "medium"\n')
    settings = load_settings(CATALOGUE, cwd=repo, config=shared)
    assert (settings.root, settings.config_file, settings.fail_on) == (
        repo, shared, Severity.MEDIUM)


def test_config_flag_beside_a_broken_config_at_the_root(tmp_path: Path) -> None:
    """The root's own file only marks the root when --config is given: it is not parsed."""
    repo = _repo(tmp_path / "repo")
    _write(repo / "oinlint.toml", "select = [\n")
    shared = _write(tmp_path / "shared.toml", 'fail-on = "high"\n')
    settings = load_settings(CATALOGUE, cwd=repo, config=shared)
    assert (settings.root, settings.fail_on) == (repo, Severity.HIGH)


def test_the_submission_marks_the_root_without_a_configuration(tmp_path: Path) -> None:
    _write(tmp_path / "project" / "oin-submission.yaml", "name: x\n")
    (tmp_path / "project" / "pkg").mkdir()
    settings = load_settings(CATALOGUE, cwd=tmp_path / "project" / "pkg")
    assert settings.root == tmp_path / "project"
    assert settings.project is not None and settings.project.marker == "submission"


def test_the_configuration_wins_over_a_nearer_submission(tmp_path: Path) -> None:
    repo = _repo(tmp_path / "repo")
    _write(repo / "oinlint.toml", 'submission = "app/oin-submission.yaml"\n')
    _write(repo / "app" / "oin-submission.yaml", "name: x\n")
    assert load_settings(CATALOGUE, cwd=repo / "app").root == repo


def test_no_marker_means_no_project_and_the_cwd_as_root(tmp_path: Path) -> None:
    folder = tmp_path / "loose"
    folder.mkdir()
    settings = load_settings(CATALOGUE, cwd=folder)
    assert (settings.root, settings.project) == (folder, None)


def test_isolated_is_the_cwd_without_a_project(tmp_path: Path) -> None:
    repo = _repo(tmp_path / "repo")
    _write(repo / "oinlint.toml", 'fail-on = "high"\n')
    (repo / "pkg").mkdir()
    settings = load_settings(CATALOGUE, cwd=repo / "pkg", isolated=True)
    assert (settings.root, settings.project, settings.config_file) == (repo / "pkg", None, None)


def test_the_walk_starts_at_the_folder_holding_the_paths(tmp_path: Path) -> None:
    other = _repo(tmp_path / "other")
    config = _write(other / "oinlint.toml", 'fail-on = "high"\n')
    _write(other / "src" / "a.py")
    here = _repo(tmp_path / "here")
    settings = load_settings(CATALOGUE, cwd=here, paths=[str(other / "src" / "a.py")])
    assert (settings.root, settings.config_file) == (other, config)
    assert start_folder([".", "x/y.py"], here) == here
    assert start_folder(["src/a.py"], other) == other / "src"


def test_a_pyproject_above_the_top_counts_only_with_an_oinlint_table(tmp_path: Path) -> None:
    _write(tmp_path / "pyproject.toml", "[project]\nname = 'home'\n")
    assert marks_project(tmp_path / "pyproject.toml") is None
    repo = _repo(tmp_path / "repo")
    assert find_project(repo, marks_project).ignored_config is None
    _write(tmp_path / "pyproject.toml", "[tool.oinlint]\nselect = [\n")  # broken: only named
    assert find_project(repo, marks_project).ignored_config == tmp_path / "pyproject.toml"


def test_the_api_keeps_the_paths_as_the_run_unless_asked_for_the_project_model(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = _repo(tmp_path / "repo")
    _write(repo / "oinlint.toml", 'fail-on = "high"\n')
    _write(repo / "users.py", '"""Okta."""\nimport requests\n\nfrom okta_http import send\n\n\n'
           'def users(org):\n'
           '    return send(requests.get(f"https://{org}.okta.com/api/v1/users"))\n')
    _write(repo / "okta_http.py", '"""Okta responses."""\nimport time\n\n\ndef send(response):\n'
           '    if response.status_code == 429:\n'
           '        time.sleep(int(response.headers["X-Rate-Limit-Reset"]) - time.time())\n'
           '    return response.json(), response.links.get("next")\n')
    monkeypatch.chdir(repo)
    settings = load_settings(CATALOGUE, paths=["users.py"])
    alone = check(["users.py"], settings)
    assert {"OIN501", "OIN502"} <= {f.code for f in alone.findings}
    modelled = check(["users.py"], settings, project_model=True)
    assert not {"OIN501", "OIN502"} & {f.code for f in modelled.findings}
    assert {f.span.path for f in modelled.findings} <= {"users.py"}
    assert modelled.scanned == ["users.py"]
    assert sorted(f.path for f in modelled.files) == ["okta_http.py", "users.py"]
