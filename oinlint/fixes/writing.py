"""Turning chosen fixes into new file texts, and writing them only when that is safe.

A file is rewritten only when its text is still the text the fixes were made from, and when
both that text and the new one parse (Python with CPython's parser, the other languages with
their own front end, the submission as YAML): a fix never turns a readable file into a broken
one, and never touches a file that did not parse. A file a fix creates is written only while
no file of that name exists.
"""

from __future__ import annotations

import ast
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
    if path.suffix == ".py":  # CPython's own parser: cheap, and what the fixes' libcst accepts
        try:
            ast.parse(text)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return False
        return True
    if path.suffix.lower() not in (".yaml", ".yml"):
        language = detect_language(path.as_posix())
        return language != "text" and not parse(path.as_posix(), text, language).problems
    try:
        yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return False
    return True


def _before(path: Path, fixes: Sequence[Fix]) -> str | None:
    """The text the fixes work on: the file's, or nothing for a file they create."""
    if all(f.creates for f in fixes):
        return None if path.exists() else ""
    return read_text(path)


def changes(fixes: Sequence[Fix], shown: dict[Path, str] | None = None) -> list[FileChange]:
    """Per file, the text after the fixes that fit together (the rest wait for a later pass)."""
    by_path: dict[Path, list[Fix]] = {}
    for fix in fixes:
        by_path.setdefault(fix.path, []).append(fix)
    out: list[FileChange] = []
    for path, mine in by_path.items():
        before = _before(path, mine)
        if before is None or (before and not _parses(path, before)):
            continue
        chosen = choose(mine)
        after = apply_edits(before, [e for f in chosen for e in f.edits])
        if after == before or not _parses(path, after):
            continue
        name = (shown or {}).get(path) or _display(path, mine)
        out.append(FileChange(path, name, before, after, tuple(chosen)))
    return out


def _display(path: Path, fixes: Sequence[Fix]) -> str:
    """The path as the run shows it: its findings' path, else relative to the working
    directory (a file a fix creates has no finding of its own)."""
    own = next((f.shown for f in fixes if not f.creates), None)
    if own is not None:
        return own
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


def write_changes(found: Sequence[FileChange]) -> int:
    """Write each change whose file still holds the text it was made from; how many fixes."""
    applied = 0
    # Files a fix creates first: code that imports one is written only once it exists.
    ordered = sorted(found, key=lambda c: not all(f.creates for f in c.fixes))
    created_all = True
    for change in ordered:
        if all(f.creates for f in change.fixes):
            try:
                change.path.parent.mkdir(parents=True, exist_ok=True)
                with change.path.open("xb") as handle:  # never over a file that appeared
                    handle.write(change.after.encode("utf-8"))
            except OSError:
                created_all = False
                continue
            applied += len(change.fixes)
            continue
        if not created_all:
            break  # a module the code would import could not be written: leave the code
        if read_text(change.path) != change.before:
            continue  # changed under us: leave it to the next run
        change.path.write_bytes(change.after.encode("utf-8"))
        applied += len(change.fixes)
    return applied
