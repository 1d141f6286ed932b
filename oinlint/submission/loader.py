"""Find and read a project's ``oin-submission.yaml``; a file that cannot be read is OIN607.

``find_submission`` and ``fallback_root`` say where the file is, ``load_submission`` reads it
(unreadable or not UTF-8: a :class:`~oinlint.submission.model.Submission` holding the OIN607
problem) and hands the text to :func:`~oinlint.submission.parse.parse_submission`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from oinlint.facts import Span
from oinlint.submission.model import DEFAULT_SUBMISSION, Submission, SubmissionProblem
from oinlint.submission.parse import parse_submission

__all__ = [
    "fallback_root",
    "find_submission",
    "load_project_submission",
    "load_submission",
]


def _display(path: Path, cwd: Path | None = None) -> str:
    base = (cwd or Path.cwd()).resolve()
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def find_submission(root: Path, configured: str | os.PathLike[str] | None = None) -> Path | None:
    """The submission file of the project at ``root``: ``configured`` (relative to ``root``
    unless absolute) or else ``oin-submission.yaml`` at ``root``; None when there is none."""
    base = Path(os.path.normpath(Path(root).resolve()))
    candidate = Path(configured) if configured else Path(DEFAULT_SUBMISSION)
    if not candidate.is_absolute():
        candidate = base / candidate
    candidate = Path(os.path.normpath(candidate))
    return candidate if candidate.exists() else None


def fallback_root(paths: Sequence[str | os.PathLike[str]]) -> Path | None:
    """Where to look for the submission when no configuration file names a project root:
    the one directory checked (``oinlint check examples/clean-integration`` from elsewhere),
    or the directory of the one file checked. None for several paths (no single project)."""
    if len(paths) != 1:
        return None
    path = Path(paths[0])
    return path if path.is_dir() else path.parent


def load_project_submission(
    root: Path,
    configured: str | os.PathLike[str] | None = None,
    cwd: Path | None = None,
) -> Submission | None:
    """Find and load the project's submission; None when the file does not exist."""
    path = find_submission(root, configured)
    if path is None:
        return None
    return load_submission(path, display=_display(path, cwd))


def load_submission(path: Path, display: str | None = None) -> Submission:
    """Load one submission file; problems (unreadable, not UTF-8, broken YAML) are in the model."""
    shown = display or _display(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return _unreadable(path, shown, f"cannot read the submission file: {reason}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return _unreadable(path, shown, "the submission file is not UTF-8 text", line)
    return parse_submission(text, path=path, display=shown)


def _unreadable(path: Path, display: str, message: str, line: int = 1) -> Submission:
    span = Span(display, line, 1, line, 1)
    return Submission(path, display, problems=(SubmissionProblem("OIN607", span, message),))
