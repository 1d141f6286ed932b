"""Never clobber a file oinlint did not write: ``-o FILE`` and ``--write-baseline FILE``.

``oinlint check -o oin-submission.yaml`` or ``--write-baseline pyproject.toml`` used to replace
the file without asking. An existing file is now overwritten only when it is empty, when its
content is recognisably oinlint's (a baseline for ``--write-baseline``; one of oinlint's
report formats for ``-o``), or with ``--force``. The check runs before any work, so a refused
run costs nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

from oinlint.cli._common import UsageError
from oinlint.engine.baseline import BaselineError, load_baseline

__all__ = ["guard_baseline", "guard_output", "written_by_oinlint"]

_HEAD = 16_384  # what is read of an existing file to recognise it

# The first line of oinlint's line formats: text and concise (a finding, the all-clear, the
# scope table), GitHub annotations, ``verify`` text.
_FIRST_LINE = re.compile(
    r"\A(?:All checks passed\b|Scopes\b|oinlint verify \u00b7 "
    r"|::(?:error|warning|notice) .*title=OIN\d{3}\b"
    r"|[^\n]*:\d+:\d+: OIN\d{3} )")


def written_by_oinlint(text: str) -> bool:
    """Whether ``text`` (the start of a file) is one of oinlint's report formats, or empty."""
    body = text.lstrip("\ufeff \t\r\n")
    if not body:
        return True
    if body.startswith(("{", "[")):  # json, sarif, gitlab, verify json
        return bool(
            re.search(r'"name":\s*"oinlint"', body)
            or ('"findings"' in body and re.search(r'"(?:version|exit_code)"', body))
            or re.search(r'"check_name":\s*"OIN\d{3}"', body)
            or re.fullmatch(r"\[\s*\]\s*", body))
    if body.startswith("<?xml"):  # junit
        return '<testsuites name="oinlint"' in body
    if body.startswith("<!DOCTYPE html>"):  # the audit report
        return "<title>OIN readiness" in body
    if body.startswith("# OIN readiness"):  # the audit report in Markdown
        return True
    return bool(_FIRST_LINE.match(body))


def _head(path: Path) -> str | None:
    """The start of the existing file at ``path``; None when there is no regular file there
    (writing then succeeds or fails with its own clear message)."""
    if not path.is_file():
        return None
    try:
        with path.open("rb") as handle:
            return handle.read(_HEAD).decode("utf-8", errors="replace")
    except OSError:
        return None


def guard_output(output: str | None, force: bool) -> None:
    """Refuse ``-o FILE`` when FILE holds something oinlint did not write."""
    if not output or force:
        return
    head = _head(Path(output))
    if head is not None and not written_by_oinlint(head):
        raise UsageError(f"{output} exists and oinlint did not write it; refusing to "
                         "overwrite it (use --force)")


def guard_baseline(path: Path, force: bool) -> None:
    """Refuse ``--write-baseline FILE`` when FILE is not empty and not an oinlint baseline."""
    if force:
        return
    head = _head(path)
    if head is None or not head.strip():
        return
    try:
        load_baseline(path)
    except BaselineError:
        raise UsageError(f"{path} exists and is not an oinlint baseline; refusing to "
                         "overwrite it (use --force)") from None
