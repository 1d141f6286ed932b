"""Source lines of the files findings point into, read at most once per run.

A path shown in a finding is only a name: the cache reads it from disk only when it resolves
inside the project root (or is a file the run has allowed, such as a submission named on the
command line), so a symbolic link or ``..`` in a shown path never reads outside the project.
A file larger than ``max-file-size`` is not read at all: no lines, as for a file the run
skipped.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["DEFAULT_MAX_SIZE", "LineCache"]

DEFAULT_MAX_SIZE = 1_048_576  # the default ``max-file-size``


class LineCache:
    """Source lines of files that project rules and suppressions point into, read once."""

    def __init__(self, root: Path, max_size: int = DEFAULT_MAX_SIZE) -> None:
        self._root = root
        self._max_size = max_size
        self._real_root = os.path.realpath(root)
        self._lines: dict[str, list[str]] = {}
        self._allowed: dict[str, Path] = {}

    def remember(self, display: str, lines: list[str]) -> None:
        self._lines[display] = lines

    def allow(self, display: str, path: Path) -> None:
        """Let ``display`` be read from ``path`` even outside the root (the user named it)."""
        self._allowed[display] = path

    def _inside(self, path: Path) -> bool:
        real = os.path.realpath(path)
        return real == self._real_root or real.startswith(
            self._real_root.rstrip(os.sep) + os.sep)

    def __call__(self, display: str) -> list[str]:
        if display not in self._lines:
            self._lines[display] = self._read(display)
        return self._lines[display]

    def _read(self, display: str) -> list[str]:
        allowed = self._allowed.get(display)
        places = [allowed] if allowed is not None else [
            base / display for base in (Path.cwd(), self._root)]
        for candidate in places:
            if candidate.is_file() and (allowed is not None or self._inside(candidate)):
                return self._lines_of(candidate)
        return []

    def _lines_of(self, path: Path) -> list[str]:
        """The file's lines, or none when it is larger than ``max_size`` (checked before and
        while reading: a file may grow between the two) or cannot be read."""
        try:
            if path.stat().st_size > self._max_size:
                return []
            with path.open("rb") as stream:
                data = stream.read(self._max_size + 1)
        except OSError:
            return []
        if len(data) > self._max_size:
            return []
        return data.decode("utf-8", errors="replace").splitlines()
