"""Which files a run reads: git-aware discovery, excludes and ``--force-exclude``.

Inside a git work tree a directory is listed with ``git ls-files`` (tracked plus untracked but
not ignored), so ``.gitignore`` is honoured exactly as git reads it; elsewhere the tree is
walked. Paths named on the command line are taken as they are unless ``force_exclude`` is set,
which is how pre-commit runs us: it passes every staged path, excludes included.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Candidate", "ExcludeMatcher", "discover"]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A file to read: its absolute path and the path shown to the user."""

    path: Path
    display: str
    explicit: bool


def _glob_to_regex(pattern: str) -> str:
    pattern = pattern.strip().removeprefix("./")
    anchored = "/" in pattern.rstrip("/")
    pattern = pattern.strip("/")
    out: list[str] = []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            end = pattern.find("]", i)
            if end == -1:
                out.append(re.escape(char))
            else:
                out.append(pattern[i : end + 1].replace("!", "^", 1))
                i = end + 1
                continue
        else:
            out.append(re.escape(char))
        i += 1
    body = "".join(out)
    prefix = "^" if anchored else "^(?:.*/)?"
    return f"{prefix}{body}(?:/.*)?$"


class ExcludeMatcher:
    """Gitignore-flavoured globs compiled into one regex: a name without ``/`` matches at any
    depth, a path with ``/`` is anchored at the project root, ``**`` spans directories."""

    def __init__(self, patterns: Iterable[str]) -> None:
        parts = [_glob_to_regex(p) for p in patterns if p.strip()]
        self._regex = re.compile("|".join(f"(?:{p})" for p in parts)) if parts else None

    def matches(self, relative: str) -> bool:
        return bool(self._regex and self._regex.match(relative))


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _display(path: Path, cwd: Path) -> str:
    try:
        return path.relative_to(cwd).as_posix()
    except ValueError:
        return path.as_posix()


def _git_files(directory: Path) -> list[Path] | None:
    """Files git sees under ``directory`` (tracked and untracked-not-ignored), or None."""
    try:
        result = subprocess.run(
            ["git", "-C", str(directory), "ls-files", "-z", "--cached", "--others",
             "--exclude-standard", "--deduplicate"],
            capture_output=True,
            check=False,
            timeout=120,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if result.returncode != 0:
        return None
    names = result.stdout.decode("utf-8", "surrogateescape").split("\0")
    return [directory / name for name in names if name]


def _walk(directory: Path) -> Iterable[Path]:
    for dirpath, dirnames, filenames in os.walk(directory, followlinks=False):
        dirnames.sort()
        base = Path(dirpath)
        for name in sorted(filenames):
            yield base / name


def discover(
    paths: Sequence[str],
    root: Path,
    exclude: Iterable[str],
    *,
    force_exclude: bool = False,
    respect_gitignore: bool = True,
    cwd: Path | None = None,
) -> tuple[list[Candidate], list[str]]:
    """Files to read for ``paths`` and one-line warnings for paths that could not be used."""
    cwd = (cwd or Path.cwd()).resolve()
    root = root.resolve()
    matcher = ExcludeMatcher(exclude)
    seen: set[Path] = set()
    found: list[Candidate] = []
    warnings: list[str] = []

    def excluded(path: Path) -> bool:
        relative = _relative(path, root)
        return matcher.matches(relative) or matcher.matches(_relative(path, cwd))

    for raw in paths:
        given = Path(raw)
        absolute = given if given.is_absolute() else cwd / given
        absolute = Path(os.path.normpath(absolute))
        if absolute.is_dir():
            listed = _git_files(absolute) if respect_gitignore else None
            if listed == []:  # a directory the user named although git ignores it: walk it
                listed = None
            for path in listed if listed is not None else _walk(absolute):
                if path in seen or excluded(path):
                    continue
                if listed is not None and not (path.is_file() or path.is_symlink()):
                    continue  # deleted from the work tree but still in the index
                seen.add(path)
                found.append(Candidate(path, _display(path, cwd), explicit=False))
        elif absolute.is_file() or absolute.is_symlink():
            if absolute in seen or (force_exclude and excluded(absolute)):
                continue
            seen.add(absolute)
            found.append(Candidate(absolute, _display(absolute, cwd), explicit=True))
        else:
            warnings.append(f"{raw}: no such file or directory")
    return found, warnings
