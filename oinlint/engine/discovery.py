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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Candidate", "ExcludeMatcher", "discover", "relative_posix"]


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


def relative_posix(path: Path | str, root: Path | str) -> str | None:
    """``path`` below ``root`` as a POSIX path, or None when it is not below it.

    Plain string work on absolute, normalised paths: ``Path.relative_to`` re-parses both paths
    on every call, which was a tenth of a 13,000-file run.
    """
    text, base = str(path), str(root)
    if text == base:
        return "."
    prefix = base if base.endswith(os.sep) else base + os.sep
    if not text.startswith(prefix):
        return None
    rest = text[len(prefix):]
    return rest.replace(os.sep, "/") if os.sep != "/" else rest


def _relative(path: Path | str, root: Path) -> str:
    """``path`` below ``root`` (how it is matched and shown), else the path itself."""
    relative = relative_posix(path, root)
    return relative if relative is not None else Path(path).as_posix()


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


def _walk(directory: Path, excluded: Callable[[str], bool]) -> Iterable[str]:
    """Files below ``directory`` as path strings; an excluded directory is never entered
    (``node_modules``, ``.venv``: a pattern that matches a directory matches all below it)."""
    for dirpath, dirnames, filenames in os.walk(directory, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not excluded(os.path.join(dirpath, d)))
        for name in sorted(filenames):
            yield os.path.join(dirpath, name)


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
    seen: set[str] = set()
    found: list[Candidate] = []
    warnings: list[str] = []

    bases = (root,) if root == cwd else (root, cwd)

    def excluded(path: Path | str) -> bool:
        return any(matcher.matches(_relative(path, base)) for base in bases)

    for raw in paths:
        given = Path(raw)
        absolute = given if given.is_absolute() else cwd / given
        absolute = Path(os.path.normpath(absolute))
        if absolute.is_dir():
            listed = _git_files(absolute) if respect_gitignore else None
            if listed == []:  # a directory the user named although git ignores it: walk it
                listed = None
            if listed is None:
                for name in _walk(absolute, excluded):
                    if name in seen or excluded(name):
                        continue
                    seen.add(name)
                    found.append(Candidate(Path(name), _relative(name, cwd), explicit=False))
                continue
            for path in listed:
                if str(path) in seen or excluded(path):
                    continue
                if not (path.is_file() or path.is_symlink()):
                    continue  # deleted from the work tree but still in the index
                seen.add(str(path))
                found.append(Candidate(path, _relative(path, cwd), explicit=False))
        elif absolute.is_file() or absolute.is_symlink():
            if str(absolute) in seen or (force_exclude and excluded(absolute)):
                continue
            seen.add(str(absolute))
            found.append(Candidate(absolute, _relative(absolute, cwd), explicit=True))
        else:
            warnings.append(f"{raw}: no such file or directory")
    return found, warnings
