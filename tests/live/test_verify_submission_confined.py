"""``verify`` reads a submission named by a configuration file only inside the project root
(issue 13 item 4): a ``submission = "../…"`` in a scanned repository's config must not make
verify read, and print, a file outside the tree. A path named on the command line still works."""

from __future__ import annotations

from pathlib import Path

from fakes import run_oinlint
from live_support import write_submission


def test_configured_submission_outside_the_root_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    write_submission(outside, ["okta.users.read"])
    project = tmp_path / "project"
    project.mkdir()
    (project / "oinlint.toml").write_text('submission = "../outside/oin-submission.yaml"\n',
                                          encoding="utf-8")
    run = run_oinlint(["verify", "--emulator"], project)
    assert run.returncode == 2, run.stdout + run.stderr
    assert "resolves outside the project root" in run.stderr
    assert "okta.users.read" not in run.stdout + run.stderr


def test_configured_submission_inside_the_root_is_used(tmp_path: Path) -> None:
    (tmp_path / "meta").mkdir()
    write_submission(tmp_path / "meta", ["okta.users.read"])
    (tmp_path / "oinlint.toml").write_text('submission = "meta/oin-submission.yaml"\n',
                                           encoding="utf-8")
    run = run_oinlint(["verify", "--emulator"], tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "okta.users.read" in run.stdout


def test_a_submission_named_on_the_command_line_may_lie_outside(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    write_submission(outside, ["okta.users.read"])
    project = tmp_path / "project"
    project.mkdir()
    run = run_oinlint(["verify", "--emulator", "--submission",
                       str(outside / "oin-submission.yaml")], project)
    assert run.returncode == 0, run.stdout + run.stderr
