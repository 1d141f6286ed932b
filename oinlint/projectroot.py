"""Where the project is: the folder whose configuration, submission and files make one run.

As ruff does, the project root is the nearest folder, from where the run starts upwards, that
holds a configuration file (``oinlint.toml``, ``.oinlint.toml``, or ``pyproject.toml`` with a
``[tool.oinlint]`` table). The walk stops at the top of the enclosing git work tree (a folder
holding ``.git``, a folder or a file; git itself is never run for this), so a file in a parent
folder outside the repository never takes over: it is only named, for ``-v``, as ignored.

Without a configuration file, the root is the nearest folder holding ``oin-submission.yaml``,
else the git work tree top. Without any of these there is no project: the paths named are all
there is (:attr:`ProjectRoot.found` is False and the root is the working directory).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

__all__ = ["CONFIG_NAMES", "ProjectRoot", "find_project", "marks_project", "start_folder"]

CONFIG_NAMES = ("oinlint.toml", ".oinlint.toml", "pyproject.toml")
SUBMISSION_NAME = "oin-submission.yaml"

# Reads one candidate configuration file: its oinlint table, or None (a pyproject.toml
# without ``[tool.oinlint]``). config.py passes its reader, which raises on broken TOML.
TableReader = Callable[[Path], "Mapping[str, Any] | None"]


@dataclass(frozen=True)
class ProjectRoot:
    """The root of one run and what marked it."""

    root: Path
    marker: Literal["config", "submission", "git", "none"]
    config: Path | None = None  # the configuration file at the root
    table: Mapping[str, Any] | None = None  # its oinlint settings
    git_top: Path | None = None  # the enclosing git work tree, the walk's upper bound
    ignored_config: Path | None = None  # a configuration file above the git top, not used

    @property
    def found(self) -> bool:
        """Whether a project was recognised (else the paths named are the whole run)."""
        return self.marker != "none"


def git_top(start: Path) -> Path | None:
    """The top of the git work tree holding ``start``: the nearest folder with ``.git``."""
    for directory in (start, *start.parents):
        if os.path.lexists(directory / ".git"):
            return directory
    return None


def _config_in(directory: Path, read: TableReader) -> tuple[Path, Mapping[str, Any]] | None:
    for name in CONFIG_NAMES:
        candidate = directory / name
        if candidate.is_file():
            table = read(candidate)
            if table is not None:
                return candidate, table
    return None


def find_project(start: Path, read: TableReader, cwd: Path | None = None) -> ProjectRoot:
    """The project holding ``start`` (an absolute folder), per the rules in this module's doc.

    ``cwd`` is the root reported when no project is recognised (default: ``start``).
    """
    top = git_top(start)
    walk = [start, *start.parents]
    if top is not None:
        walk = walk[: walk.index(top) + 1]
    submission_folder: Path | None = None
    for directory in walk:
        config = _config_in(directory, read)
        if config is not None:
            return ProjectRoot(directory, "config", config[0], config[1], top)
        if submission_folder is None and (directory / SUBMISSION_NAME).is_file():
            submission_folder = directory
    ignored = _ignored_above(top)
    if submission_folder is not None:
        return ProjectRoot(submission_folder, "submission", git_top=top, ignored_config=ignored)
    if top is not None:
        return ProjectRoot(top, "git", git_top=top, ignored_config=ignored)
    return ProjectRoot(cwd or start, "none")


def _ignored_above(top: Path | None) -> Path | None:
    """The configuration file a walk past the git top would have found (named by ``-v``).

    Only named, never read as settings: a ``pyproject.toml`` counts when its text has a
    ``[tool.oinlint`` table header, so a broken file up there cannot fail the run."""
    if top is None:
        return None
    for directory in top.parents:
        for name in CONFIG_NAMES:
            candidate = directory / name
            if not candidate.is_file():
                continue
            if marks_project(candidate) is not None:
                return candidate
    return None


def marks_project(candidate: Path) -> Mapping[str, Any] | None:
    """A :data:`TableReader` that only looks: ``{}`` for an ``oinlint.toml``, or for a
    ``pyproject.toml`` whose text has a ``[tool.oinlint`` header; never a parse error (for a
    file that is only a marker: above the git top, or beside ``--config``)."""
    if candidate.name != "pyproject.toml":
        return {}
    try:
        text = candidate.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    return {} if "[tool.oinlint" in text else None


def start_folder(paths: Sequence[str], cwd: Path) -> Path:
    """Where the walk starts: the deepest folder holding every path named (a file's folder),
    so ``oinlint check other/project`` finds that project; the cwd for the default ``.``."""
    folders: list[str] = []
    for raw in paths:
        absolute = Path(os.path.normpath(cwd / raw))
        folders.append(str(absolute if absolute.is_dir() else absolute.parent))
    if not folders:
        return cwd
    try:
        return Path(os.path.commonpath(folders))
    except ValueError:  # different drives
        return cwd
