"""Listing a repository with git runs none of the programs its own configuration names.

A scanned tree's ``.git/config`` is untrusted input: ``core.fsmonitor`` (and hooks, a pager,
an external diff) would run a program of the tree's choosing on the reviewer's machine.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from fakes import clean_env
from trees import write_tree

from oinlint.engine.discovery import discover


def _repository_with_a_trap(tmp_path: Path, setting: str) -> tuple[Path, Path]:
    """A repository whose ``.git/config`` sets ``setting`` to a script that leaves a marker."""
    project = write_tree(tmp_path / "project", {"app.py": "x = 1\n", "skip.log": "log\n",
                                                ".gitignore": "*.log\n"})
    marker = tmp_path / "marker"
    script = tmp_path / "trap.sh"
    script.write_text(f"#!/bin/sh\ntouch '{marker}'\nexit 1\n", encoding="utf-8")
    script.chmod(0o755)
    env = clean_env()
    subprocess.run(["git", "init", "-q", str(project)], check=True, env=env)
    subprocess.run(["git", "-C", str(project), "add", "app.py", ".gitignore"], check=True,
                   env=env)
    subprocess.run(["git", "-C", str(project), "config", setting, str(script)], check=True,
                   env=env)
    return project, marker


def test_listing_a_repository_does_not_run_its_core_fsmonitor(tmp_path: Path) -> None:
    project, marker = _repository_with_a_trap(tmp_path, "core.fsmonitor")
    found, warnings = discover(["."], project, [], cwd=project)
    assert not marker.exists()
    assert sorted(c.display for c in found) == [".gitignore", "app.py"]  # git did list them
    assert warnings == []


def test_git_lists_the_scanned_repository_even_inside_another_repositorys_hook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Inside a git hook ``GIT_DIR`` names the hook's repository, not the one scanned."""
    project, marker = _repository_with_a_trap(tmp_path, "core.fsmonitor")
    (project / "kept.log").write_text("tracked although *.log is ignored\n", encoding="utf-8")
    subprocess.run(["git", "-C", str(project), "add", "-f", "kept.log"], check=True,
                   env=clean_env())
    other = tmp_path / "other"
    subprocess.run(["git", "init", "-q", str(other)], check=True, env=clean_env())
    marker.unlink(missing_ok=True)  # the set-up's own ``git add`` ran the trap
    monkeypatch.setenv("GIT_DIR", str(other / ".git"))
    found, _ = discover(["."], project, [], cwd=project)
    assert sorted(c.display for c in found) == [".gitignore", "app.py", "kept.log"]
    assert not marker.exists()
