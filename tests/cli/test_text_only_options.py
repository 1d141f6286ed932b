"""``--show-scopes``, ``--show-unresolved`` and ``--show-suppressed`` are views of ``--format
text``: with another format they are not silently dropped but named in one warning line."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakes import run_oinlint

APP = "import httpx\n\nhttpx.get(f'https://{org}/api/v1/users')\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    return tmp_path


def _check(project: Path, *args: str) -> tuple[str, list[str]]:
    run = run_oinlint(["check", "--isolated", "--no-cache", "-q", *args, "."], project)
    assert run.returncode in (0, 1), run.stderr
    assert "Traceback" not in run.stderr
    return run.stdout, [line for line in run.stderr.splitlines() if "warning:" in line]


def test_show_scopes_with_concise_says_it_is_ignored(project: Path) -> None:
    stdout, warnings = _check(project, "--format", "concise", "--show-scopes",
                              "--show-unresolved")
    assert warnings == [
        "oinlint: warning: --show-scopes, --show-unresolved only change --format text; ignored "
        "with --format concise (--format json has the scope matrix, the unresolved calls and "
        "the waived findings)"]
    assert "Scopes" not in stdout  # concise stays one line per finding


def test_one_text_only_option_with_sarif(project: Path) -> None:
    _stdout, warnings = _check(project, "--format", "sarif", "--show-suppressed")
    assert warnings == [
        "oinlint: warning: --show-suppressed only changes --format text; ignored with --format "
        "sarif (--format json has the scope matrix, the unresolved calls and the waived "
        "findings)"]


def test_json_carries_the_views_so_it_gets_no_warning(project: Path) -> None:
    stdout, warnings = _check(project, "--format", "json", "--show-scopes", "--show-unresolved",
                              "--show-suppressed")
    assert warnings == []
    assert '"scopes"' in stdout


def test_show_scopes_with_text_prints_the_matrix_without_a_warning(project: Path) -> None:
    stdout, warnings = _check(project, "--show-scopes")
    assert warnings == []
    assert "okta.users.read" in stdout
