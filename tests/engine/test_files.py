from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from oinlint.engine.discovery import (
    ExcludeMatcher,
    _glob_to_regex,
    below,
    discover,
    relative_posix,
)
from oinlint.engine.ignores import relative_to_root, root_relative
from oinlint.frontends.languages import detect_language


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("build", "build/x.py", True),
        ("build", "src/build/x.py", True),
        ("build", "src/builder.py", False),
        ("tests/fixtures", "tests/fixtures/a.py", True),
        ("tests/fixtures", "x/tests/fixtures/a.py", False),
        ("*.min.js", "web/app.min.js", True),
        ("**/generated/**", "a/b/generated/c.py", True),
        ("docs/*.md", "docs/a.md", True),
        ("docs/*.md", "docs/sub/a.md", False),
        ("./vendor/", "vendor/x.go", True),
    ],
)
def test_exclude_globs(pattern: str, path: str, expected: bool) -> None:
    assert ExcludeMatcher([pattern]).matches(path) is expected


@pytest.mark.parametrize(
    ("path", "head", "language"),
    [
        ("app/client.py", b"", "python"),
        ("bin/sync", b"#!/usr/bin/env python3\n", "python"),
        ("bin/run", b"#!/bin/bash\n", "shell"),
        ("bin/tool", b"#!/usr/bin/env -S node --no-warnings\n", "javascript"),
        ("Dockerfile", b"", "dockerfile"),
        ("deploy/Dockerfile.prod", b"", "dockerfile"),
        (".env", b"", "dotenv"),
        (".env.production", b"", "dotenv"),
        ("config/prod.env", b"", "dotenv"),
        ("main.tf", b"", "hcl"),
        ("k8s/deploy.yml", b"", "yaml"),
        ("src/index.tsx", b"", "tsx"),
        ("README", b"hello", "text"),
        # a configuration file's committed template is read as what it becomes
        ("config.json.example", b"", "json"),
        ("config/app.yml.dist", b"", "yaml"),
        ("settings.toml.sample", b"", "toml"),
        ("notes.example", b"", "text"),
        ("README.txt.example", b"", "text"),
    ],
)
def test_language_detection(path: str, head: bytes, language: str) -> None:
    assert detect_language(path, head) == language


def _tree(root: Path) -> None:
    for name in ("a.py", "build/gen.py", "pkg/b.py", "pkg/node_modules/x.js", "ignored.log"):
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x = 1\n")


def test_walk_applies_default_excludes(tmp_path: Path) -> None:
    _tree(tmp_path)
    found, warnings = discover(["."], tmp_path, ["build", "node_modules"], cwd=tmp_path,
                               respect_gitignore=False)
    assert sorted(c.display for c in found) == ["a.py", "ignored.log", "pkg/b.py"]
    assert warnings == []


def test_git_discovery_honours_gitignore(tmp_path: Path) -> None:
    _tree(tmp_path)
    (tmp_path / ".gitignore").write_text("*.log\n")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    found, _ = discover(["."], tmp_path, ["build", "node_modules"], cwd=tmp_path)
    assert sorted(c.display for c in found) == [".gitignore", "a.py", "pkg/b.py"]


def test_explicit_paths_bypass_excludes_unless_forced(tmp_path: Path) -> None:
    _tree(tmp_path)
    args = ["build/gen.py", "a.py"]
    found, _ = discover(args, tmp_path, ["build"], cwd=tmp_path)
    assert [c.display for c in found] == ["build/gen.py", "a.py"]
    assert all(c.explicit for c in found)
    forced, _ = discover(args, tmp_path, ["build"], cwd=tmp_path, force_exclude=True)
    assert [c.display for c in forced] == ["a.py"]


def test_missing_path_is_a_warning_and_duplicates_collapse(tmp_path: Path) -> None:
    _tree(tmp_path)
    found, warnings = discover(["a.py", "a.py", "nope.py"], tmp_path, [], cwd=tmp_path)
    assert [c.display for c in found] == ["a.py"]
    assert warnings == ["nope.py: no such file or directory"]


def test_symlink_loop_does_not_hang_discovery(tmp_path: Path) -> None:
    _tree(tmp_path)
    os.symlink(tmp_path / "loop", tmp_path / "loop")
    os.symlink(tmp_path, tmp_path / "pkg" / "up")
    found, _ = discover(["."], tmp_path, [], cwd=tmp_path, respect_gitignore=False)
    displays = {c.display for c in found}
    assert "a.py" in displays and "loop" in displays
    assert not any(d.startswith("pkg/up/") for d in displays)


def test_a_named_directory_that_git_ignores_is_walked(tmp_path: Path) -> None:
    _tree(tmp_path)
    (tmp_path / ".gitignore").write_text("pkg/\n")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    found, _ = discover(["pkg"], tmp_path, ["node_modules"], cwd=tmp_path)
    assert [c.display for c in found] == ["pkg/b.py"]
    everything, _ = discover(["."], tmp_path, ["node_modules"], cwd=tmp_path)
    assert "pkg/b.py" not in {c.display for c in everything}


@pytest.mark.parametrize("git", [False, True])
def test_candidates_carry_their_absolute_path_as_a_string(tmp_path: Path, git: bool) -> None:
    """No ``Path`` object per file (a fifth of discovering 6,800 files); the string is the
    normalised absolute path the cache keys its entries by."""
    _tree(tmp_path)
    if git:
        subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    found, _ = discover([".", "a.py"], tmp_path, ["node_modules"], cwd=tmp_path,
                        respect_gitignore=git)
    assert found and all(type(c.path) is str for c in found)
    assert {c.display: c.path for c in found}["pkg/b.py"] == str(tmp_path / "pkg" / "b.py")


PATHS = ("build/x.py", "src/build/x.py", "src/builder.py", "a/.git/config", ".gitignore",
         "node_modules", "web/node_modules/x/y.js", "x/node_modules.py", "/abs/vendor/x.go",
         "vendor", "docs/vendor", "a/b/c/d.py", ".", "my.venv/x", "venv2/x.py")


@pytest.mark.parametrize("pattern", ["build", "build/", "./vendor/", ".git", "node_modules",
                                     "venv", ".", "/build", "src/build", "*.py", "b?ild"])
def test_plain_names_match_exactly_as_their_glob_regex_does(pattern: str) -> None:
    """Plain names are looked up among a path's components, not run as a regex: the same
    answer for every path."""
    regex = re.compile(_glob_to_regex(pattern))
    matcher = ExcludeMatcher([pattern])
    assert [matcher.matches(p) for p in PATHS] == [bool(regex.match(p)) for p in PATHS]


def test_plain_names_are_not_compiled_into_the_regex() -> None:
    matcher = ExcludeMatcher(["node_modules", ".git", "build/", "docs/*.md"])
    assert matcher._names == {"node_modules", ".git", "build"}
    assert matcher._regex is not None and "node_modules" not in matcher._regex.pattern


@pytest.mark.parametrize("root", ["/repo", "/repo/"])
def test_below_answers_as_relative_posix_does(root: str) -> None:
    """The per-file form (prefix made once) of :func:`relative_posix`."""
    relative = below(root)
    for path in ("/repo", "/repo/a.py", "/repo/pkg/b.py", "/repository/a.py", "/elsewhere/a.py"):
        assert relative(path) == relative_posix(path, root)


def test_root_relative_answers_as_relative_to_root_does(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    os.symlink(tmp_path / "real", tmp_path / "link")
    root = tmp_path / "real"
    relative = root_relative(root)
    for path in (root / "a.py", root, tmp_path / "link" / "b.py", tmp_path / "other.py"):
        assert relative(str(path)) == relative_to_root(path, root)
