"""The automatic fixes of a run as reporters show them: SARIF ``fixes`` and JSON's ``autofix``.

SARIF 2.1.0 §3.55: a ``fix`` is a description and ``artifactChanges``, each a file and
``replacements`` of a ``deletedRegion`` by ``insertedContent`` (GitHub code scanning and ruff
write the same). oinlint's edits replace whole lines, so each region runs from column 1 of its
first line to column 1 of the line after it (an insertion is an empty region); a region that
reaches the end of the file ends after the last line's last character.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from oinlint.engine import RunResult
from oinlint.fixes import Edit, Fix, plan_fixes
from oinlint.fixes.submission_scopes import read_text

__all__ = ["FixIndex", "fix_index"]

Key = tuple[str, str, int, int]


class FixIndex:
    """The run's fixes by the finding they answer (code, path as shown, line, column)."""

    def __init__(self, fixes: tuple[Fix, ...]) -> None:
        self._by_key: dict[Key, list[Fix]] = {}
        for fix in fixes:
            self._by_key.setdefault(fix.key, []).append(fix)
        self._lines: dict[Path, list[str]] = {}

    def of(self, key: Key) -> list[Fix]:
        return self._by_key.get(key, [])

    def json_field(self, key: Key) -> dict[str, str] | None:
        """``{"applicable": "safe"|"unsafe", "title": …}`` for a fixable finding, else None."""
        fixes = self.of(key)
        if not fixes:
            return None
        fix = next((f for f in fixes if f.safe), fixes[0])
        return {"applicable": "safe" if fix.safe else "unsafe", "title": fix.title}

    def sarif_fixes(self, key: Key, artifact: dict[str, str]) -> list[dict[str, Any]]:
        """The SARIF ``fixes`` of one result (empty when it has none)."""
        out: list[dict[str, Any]] = []
        for fix in self.of(key):
            lines = self._text_lines(fix.path)
            if lines is None:
                continue
            safety = "safe" if fix.safe else "unsafe: oinlint check --fix --unsafe-fixes"
            out.append({
                "description": {"text": f"{fix.title} ({safety})"},
                "artifactChanges": [{
                    "artifactLocation": dict(artifact),
                    "replacements": [_replacement(edit, lines) for edit in fix.edits],
                }],
                "properties": {"safe": fix.safe},
            })
        return out

    def _text_lines(self, path: Path) -> list[str] | None:
        if path not in self._lines:
            text = read_text(path)
            if text is None:
                return None
            self._lines[path] = text.splitlines(keepends=True)
        return self._lines[path]


def _replacement(edit: Edit, lines: list[str]) -> dict[str, Any]:
    if edit.end_line <= len(lines):
        end_line, end_column = edit.end_line, 1
    else:  # up to the end of the file: after the last line's last character
        end_line, end_column = len(lines), len(lines[-1]) + 1 if lines else 1
    start_line, start_column = edit.start_line, 1
    if edit.start_line > len(lines):  # an insertion at the end of the file
        start_line, start_column = end_line, end_column
    region = {"startLine": max(1, start_line), "startColumn": start_column,
              "endLine": max(1, end_line), "endColumn": end_column}
    replacement: dict[str, Any] = {"deletedRegion": region}
    if edit.lines:
        replacement["insertedContent"] = {"text": "".join(edit.lines)}
    return replacement


def fix_index(result: object) -> FixIndex:
    """The fixes of ``result`` when it is a run (a baseline or a cached report has none)."""
    return FixIndex(plan_fixes(result).fixes if isinstance(result, RunResult) else ())
