"""Find and read a project's ``oin-submission.yaml``; a file that cannot be read is OIN607.

``find_submission`` and ``fallback_root`` say where the file is, ``load_submission`` reads it
(unreadable or not UTF-8: a :class:`~oinlint.submission.model.Submission` holding the OIN607
problem) and hands the text to :func:`~oinlint.submission.parse.parse_submission`.

A submission found by name or by a configuration file must stay inside the project: a
``oin-submission.yaml -> /proc/self/environ`` link or ``submission = "../../etc/passwd"`` would
otherwise print what it points to in every report (:class:`OutsideProject`). A path the user
names on the command line is read wherever it is.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path

from oinlint.facts import Span
from oinlint.submission.model import DEFAULT_SUBMISSION, Submission, SubmissionProblem
from oinlint.submission.parse import MAX_SUBMISSION_BYTES, TOO_LARGE, parse_submission

__all__ = [
    "OutsideProject",
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


class OutsideProject(ValueError):
    """The submission file found by name or configuration resolves outside the project root."""


def _inside(path: Path, root: Path) -> bool:
    real, base = os.path.realpath(path), os.path.realpath(root)
    return real == base or real.startswith(base.rstrip(os.sep) + os.sep)


def find_submission(
    root: Path, configured: str | os.PathLike[str] | None = None, *, confine: bool = False
) -> Path | None:
    """The submission file of the project at ``root``: ``configured`` (relative to ``root``
    unless absolute) or else ``oin-submission.yaml`` at ``root``; None when there is none.

    With ``confine``, a path that resolves (through ``..`` or symbolic links) outside ``root``
    raises :class:`OutsideProject` instead of being returned.
    """
    base = Path(os.path.normpath(Path(root).resolve()))
    candidate = Path(configured) if configured else Path(DEFAULT_SUBMISSION)
    if not candidate.is_absolute():
        candidate = base / candidate
    candidate = Path(os.path.normpath(candidate))
    if not (candidate.exists() or candidate.is_symlink()):
        return None
    if confine and not _inside(candidate, base):
        shown = os.fspath(configured) if configured else DEFAULT_SUBMISSION
        raise OutsideProject(f"{shown}: the submission file resolves outside the project root "
                             f"({base}); not read")
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
    *,
    confine: bool = True,
) -> Submission | None:
    """Find and load the project's submission; None when the file does not exist.

    ``confine`` (the default: a name from a configuration file or the default name) raises
    :class:`OutsideProject` for a file outside ``root``; pass False for a path the user named.
    """
    path = find_submission(root, configured, confine=confine)
    if path is None:
        return None
    return load_submission(path, display=_display(path, cwd), root=root if confine else None)


def load_submission(path: Path, display: str | None = None, root: Path | None = None) -> Submission:
    """Load one submission file; problems (unreadable, not UTF-8, broken YAML) are in the model.
    Its logo is looked at only inside ``root`` (default: the submission's own folder)."""
    shown = display or _display(path)
    try:
        info = path.stat()
        if not (stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode)):  # a FIFO would block
            return _unreadable(path, shown, "cannot read the submission file: not a regular file")
        if info.st_size > MAX_SUBMISSION_BYTES:  # refused before it is read and parsed
            return _unreadable(path, shown, TOO_LARGE)
        with path.open("rb") as stream:  # at most one byte past the limit: a file still growing
            data = stream.read(MAX_SUBMISSION_BYTES + 1)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return _unreadable(path, shown, f"cannot read the submission file: {reason}")
    if len(data) > MAX_SUBMISSION_BYTES:
        return _unreadable(path, shown, TOO_LARGE)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return _unreadable(path, shown, "the submission file is not UTF-8 text", line,
                           fix="Save the file as UTF-8 text (the OIN Wizard's fields are "
                               "Unicode).")
    return parse_submission(text, path=path, display=shown, logo_root=root)


_READ_FIX = ("Make the submission a regular file oinlint can read, or point `submission =` "
             "(or `--submission`) at the right one.")


def _unreadable(path: Path, display: str, message: str, line: int = 1,
                fix: str = _READ_FIX) -> Submission:
    span = Span(display, line, 1, line, 1)
    problem = SubmissionProblem("OIN607", span, message, fix=fix)
    return Submission(path, display, problems=(problem,))
