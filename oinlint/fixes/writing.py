"""Turning chosen fixes into new file texts, and writing them only when that is safe.

A file is rewritten only when its text is still the text the fixes were made from, and when
both that text and the new one parse (YAML for the submission, the language's own front end for
code): a fix never turns a readable file into a broken one, and never touches a file that did
not parse.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from oinlint.fixes.apply import apply_edits, choose
from oinlint.fixes.model import Fix
from oinlint.fixes.submission_scopes import read_text
from oinlint.frontends import parse
from oinlint.frontends.languages import detect_language

__all__ = ["FileChange", "changes", "write_changes"]


@dataclass(frozen=True, slots=True)
class FileChange:
    path: Path
    shown: str
    before: str
    after: str
    fixes: tuple[Fix, ...]


def _parses(path: Path, text: str) -> bool:
    if path.suffix.lower() not in (".yaml", ".yml"):
        language = detect_language(path.as_posix())
        return language != "text" and not parse(path.as_posix(), text, language).problems
    try:
        yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return False
    return True


def changes(fixes: Sequence[Fix], shown: dict[Path, str] | None = None) -> list[FileChange]:
    """Per file, the text after the fixes that fit together (the rest wait for a later pass)."""
    by_path: dict[Path, list[Fix]] = {}
    for fix in fixes:
        by_path.setdefault(fix.path, []).append(fix)
    out: list[FileChange] = []
    for path, mine in by_path.items():
        before = read_text(path)
        if before is None or not _parses(path, before):
            continue
        chosen = choose(mine)
        after = apply_edits(before, [e for f in chosen for e in f.edits])
        if after == before or not _parses(path, after):
            continue
        # The submission's name as the run shows it; a code file's, as its findings do.
        name = (shown or {}).get(path) or mine[0].shown
        out.append(FileChange(path, name, before, after, tuple(chosen)))
    return out


def write_changes(found: Sequence[FileChange]) -> int:
    """Write each change whose file still holds the text it was made from; how many fixes."""
    applied = 0
    for change in found:
        if read_text(change.path) != change.before:
            continue  # changed under us: leave it to the next run
        change.path.write_bytes(change.after.encode("utf-8"))
        applied += len(change.fixes)
    return applied
