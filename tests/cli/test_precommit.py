"""The pre-commit hooks: the manifest is valid, and the real ``pre-commit try-repo`` installs
this checkout and runs the ``oinlint`` hook on staged files.

``try-repo`` clones a local repository at ``HEAD``; when it has uncommitted changes it makes a
temporary commit of the *staged and modified tracked* files (``git add -u``) in a shadow clone,
so **untracked files are left out**: a new, not yet added module would be missing from the
installed hook and the test would fail for a reason unrelated to the code under test. The test
therefore snapshots the working tree as git sees it (tracked plus untracked-but-not-ignored
files, ``git ls-files --cached --others --exclude-standard``) into a one-commit repository and
points ``try-repo`` at that. The hook's environment is a fresh virtualenv into which pre-commit
pip-installs the snapshot (the package index serves the build backend and the runtime
dependencies), so each ``try-repo`` run takes ten seconds or so.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from fakes import api_token, clean_env
from submission_text import SUBMISSION_FIELDS

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = ROOT / ".pre-commit-hooks.yaml"


def _hooks() -> dict[str, dict[str, object]]:
    return {hook["id"]: hook for hook in yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))}


def test_manifest_is_valid_for_pre_commit() -> None:
    clientlib = pytest.importorskip("pre_commit.clientlib")
    loaded = clientlib.load_manifest(str(MANIFEST))  # raises InvalidManifestError if not
    assert [hook["id"] for hook in loaded] == ["oinlint", "oinlint-verify", "oinlint-fix"]


def test_oinlint_hook_fields() -> None:
    hook = _hooks()["oinlint"]
    assert hook["name"] == "oinlint"
    assert hook["entry"] == "oinlint check --force-exclude"
    assert hook["language"] == "python"
    assert hook["require_serial"] is True
    assert hook["minimum_pre_commit_version"] == "3.0.0"
    assert hook.get("pass_filenames", True) is True
    assert "stages" not in hook  # runs at every stage pre-commit is installed for


def test_fix_hook_is_manual_and_fixes_what_the_check_hook_checks() -> None:
    hooks = _hooks()
    fix = hooks["oinlint-fix"]
    assert fix["entry"] == "oinlint check --force-exclude --fix"
    assert fix["stages"] == ["manual"]  # it rewrites files: only when asked for
    assert "--unsafe-fixes" not in str(fix["entry"])  # unsafe fixes only by the user's args
    assert fix["files"] == hooks["oinlint"]["files"]
    assert fix["types"] == hooks["oinlint"]["types"]
    assert fix["require_serial"] is True


def test_verify_hook_is_manual_and_takes_no_filenames() -> None:
    hook = _hooks()["oinlint-verify"]
    assert hook["entry"] == "oinlint verify"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    assert hook["stages"] == ["manual"]
    assert hook["always_run"] is True


@pytest.mark.parametrize("name", [
    "app.py", "stubs/x.pyi", "nb.ipynb", "scripts/deploy.sh", "run.bash", ".envrc",
    "config.yaml", ".github/workflows/ci.yml", "package.json", "pyproject.toml", "main.tf",
    "prod.tfvars", "x.hcl", ".env", ".env.local", "deploy/.env.production", "app.env",
    "Dockerfile", "docker/Dockerfile.prod", "Containerfile", "api.dockerfile", "README.md",
    "docs/guide.rst", "notes.txt", "src/index.js", "lib/a.mjs", "a.cjs", "ui/App.jsx",
    "src/client.ts", "ui/App.tsx", "main.go", "src/Main.java", "Build.kt", "Program.cs",
    "lib/okta.rb", "Gemfile", "scripts/Sync-Okta.ps1", "Okta.psm1", "lib/okta.ex",
    "test/okta_test.exs", "src/main.rs", "Okta.scala", "index.php", "application.properties",
    "setup.cfg", "tox.ini",
    "nginx.conf", "bin/sync", "Makefile", "Jenkinsfile",
])
def test_hook_file_filter_covers_what_oinlint_reads(name: str) -> None:
    pattern = str(_hooks()["oinlint"]["files"])
    assert re.search(pattern, name), name
    assert _hooks()["oinlint"]["types"] == ["text"]  # binaries never reach oinlint


@pytest.mark.parametrize("name", ["logo.png", "archive.tar.gz", "lib/native.so", "font.woff2",
                                  "data.parquet", "x.pyc"])
def test_hook_file_filter_skips_other_files(name: str) -> None:
    assert not re.search(str(_hooks()["oinlint"]["files"]), name)


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, env=clean_env(), check=True, capture_output=True)


def _snapshot(target: Path) -> Path:
    """The working tree of this checkout, committed as the only commit of a new repository."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, env=clean_env(), capture_output=True, check=True,
    ).stdout.decode("utf-8", "surrogateescape").split("\0")
    target.mkdir()
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():  # skip files deleted from the work tree but still in the index
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    _git(target, "init", "-q")
    _git(target, "add", "-A")
    _git(target, "-c", "user.name=oinlint tests", "-c", "user.email=tests@oinlint.invalid",
         "-c", "commit.gpgsign=false", "commit", "-q", "-m", "snapshot of the working tree")
    return target


def _try_repo(cwd: Path, *files: str, hook: str = "oinlint",
              stage: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    checkout = _snapshot(cwd.parent / "oinlint-checkout")
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(checkout), hook, *stage,
         "--color", "never", "--files", *files],
        cwd=cwd, env=clean_env(), capture_output=True, text=True, timeout=900, check=False,
    )


@pytest.fixture
def staged_repo(tmp_path: Path) -> tuple[Path, str]:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    pytest.importorskip("pre_commit")
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: nothing for try-repo to clone")
    token = api_token()
    repo = tmp_path / "integration"
    repo.mkdir()
    files = {
        "bad.py": f'OKTA_TOKEN = "{token}"\n',
        "good.py": 'import sys\n\nprint("hello", file=sys.stderr)\n',
        "fixtures/sample.py": f'SAMPLE = "{token}"\n',
        "pyproject.toml": '[tool.oinlint]\nextend-exclude = ["fixtures"]\n',
    }
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    return repo, token


@pytest.mark.slow
def test_try_repo_fails_on_a_staged_secret(staged_repo: tuple[Path, str]) -> None:
    repo, token = staged_repo
    run = _try_repo(repo, "bad.py", "good.py")
    output = run.stdout + run.stderr
    assert run.returncode != 0, output
    assert re.search(r"^oinlint\.+Failed$", output, re.MULTILINE), output
    assert "bad.py:1:15: OIN103" in output
    assert token not in output


@pytest.mark.slow
def test_try_repo_passes_clean_and_force_excluded_files(staged_repo: tuple[Path, str]) -> None:
    repo, _ = staged_repo
    run = _try_repo(repo, "good.py", "fixtures/sample.py", "pyproject.toml")
    output = run.stdout + run.stderr
    assert run.returncode == 0, output
    assert re.search(r"^oinlint\.+Passed$", output, re.MULTILINE), output
    assert "OIN103" not in output  # fixtures/ is excluded even though pre-commit names it


SUBMISSION = SUBMISSION_FIELDS + """\
scopes:
  - name: okta.users.manage  # the review reads users
    reason: List users to build the access review.
"""

READS_USERS = (
    "import requests\n\n\n"
    "def users(org: str, token: str) -> list[dict]:\n"
    '    return requests.get(f"https://{org}/api/v1/users",\n'
    '                        headers={"Authorization": f"Bearer {token}"}).json()\n')


@pytest.mark.slow
def test_try_repo_fix_hook_narrows_the_submission_and_stops_the_commit(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    pytest.importorskip("pre_commit")
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: nothing for try-repo to clone")
    repo = tmp_path / "integration"
    repo.mkdir()
    (repo / "oin-submission.yaml").write_text(SUBMISSION, encoding="utf-8")
    (repo / "app.py").write_text(READS_USERS, encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    run = _try_repo(repo, "app.py", "oin-submission.yaml", hook="oinlint-fix",
                    stage=("--hook-stage", "manual"))
    output = run.stdout + run.stderr
    assert run.returncode != 0, output  # files were modified: the commit stops for a review
    assert "files were modified by this hook" in output, output
    assert (repo / "oin-submission.yaml").read_text(encoding="utf-8") == SUBMISSION.replace(
        "okta.users.manage  #", "okta.users.read  #")
    assert (repo / "app.py").read_text(encoding="utf-8") == READS_USERS  # nothing else touched
