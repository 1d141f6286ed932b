"""Source lines of the files findings point into, read at most once per run.

A path shown in a finding is only a name: the cache reads it from disk only when it resolves
inside the project root (or is a file the run has allowed, such as a submission named on the
command line), so a symbolic link or ``..`` in a shown path never reads outside the project.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["LineCache"]


class LineCache:
    """Source lines of files that project rules and suppressions point into, read once."""

    def __init__(self, root: Path) -> None:
        self._root = root
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
                try:
                    return candidate.read_text(encoding="utf-8", errors="replace").splitlines()
                except OSError:
                    return []
        return []
