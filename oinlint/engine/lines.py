"""Source lines of the files findings point into, read at most once per run."""

from __future__ import annotations

from pathlib import Path

__all__ = ["LineCache"]


class LineCache:
    """Source lines of files that project rules and suppressions point into, read once."""

    def __init__(self, root: Path) -> None:
        self._root = root
        self._lines: dict[str, list[str]] = {}

    def remember(self, display: str, lines: list[str]) -> None:
        self._lines[display] = lines

    def __call__(self, display: str) -> list[str]:
        if display not in self._lines:
            self._lines[display] = self._read(display)
        return self._lines[display]

    def _read(self, display: str) -> list[str]:
        for base in (Path.cwd(), self._root):
            candidate = base / display
            if candidate.is_file():
                try:
                    return candidate.read_text(encoding="utf-8", errors="replace").splitlines()
                except OSError:
                    return []
        return []
