"""Small project trees written into a temporary directory for a test."""

from __future__ import annotations

from pathlib import Path

__all__ = ["write_tree"]


def write_tree(root: Path, files: dict[str, str]) -> Path:
    """Write ``{relative path: text}`` under ``root`` (folders made as needed); return root."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root
