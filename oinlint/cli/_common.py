"""What every command shares: the user-error exception, exit codes, writing output, warnings.

Kept light (no engine, no YAML): ``oinlint --version`` and the dispatcher import only this.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from oinlint.exitcode import ExitCode
from oinlint.printable import printable

__all__ = ["ExitCode", "UsageError", "text_only_options", "use_color", "warn", "write_output"]


class UsageError(Exception):
    """A problem the user can fix: bad flag value, bad config, missing file."""


def use_color(args: argparse.Namespace, stream: object) -> bool:
    if args.no_color or os.environ.get("NO_COLOR") or args.output:
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


_SURROGATE = re.compile("[\ud800-\udfff]")


def _printable(text: str) -> str:
    """Lone surrogates (file names that are not valid UTF-8, read with surrogateescape) as
    U+FFFD: reports must stay valid UTF-8, and writing a surrogate would abort the run."""
    return _SURROGATE.sub("\ufffd", text)


def write_output(text: str, output: str | None) -> None:
    """``text`` to the file ``output``, else to standard output."""
    text = _printable(text)
    if output:
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
    else:
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except OSError as exc:  # a full disk, a closed pipe: say so once, not at exit again
            _silence_stdout()
            raise UsageError(f"cannot write to standard output: {exc.strerror or exc}") from None


def _silence_stdout() -> None:
    """Point standard output at the null device, so that the interpreter's flush at exit
    does not fail a second time with its own message."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def warn(message: str) -> None:
    """One line on stderr, redacted, control characters escaped (a file name may carry ESC)."""
    sys.stderr.write(printable(f"oinlint: warning: {message}") + "\n")


_TEXT_ONLY = (("show_scopes", "--show-scopes"), ("show_unresolved", "--show-unresolved"),
              ("show_suppressed", "--show-suppressed"))


def text_only_options(args: argparse.Namespace, fmt: str) -> str | None:
    """The note for views that only ``--format text`` prints, when another format was asked
    for: they used to be dropped without a word. The other formats stay what they are (one
    line per finding, a schema); JSON and SARIF already carry scopes, calls and waivers."""
    given = [flag for dest, flag in _TEXT_ONLY if getattr(args, dest, False)]
    if fmt in ("text", "json") or not given:  # json always has what they show
        return None
    return (f"{', '.join(given)} only change{'s' if len(given) == 1 else ''} --format text; "
            f"ignored with --format {fmt} (--format json has the scope matrix, the unresolved "
            "calls and the waived findings)")
