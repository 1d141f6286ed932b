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
from oinlint.redact import redact

__all__ = ["ExitCode", "UsageError", "use_color", "warn", "write_output"]


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
        sys.stdout.write(text)
        sys.stdout.flush()


def warn(message: str) -> None:
    sys.stderr.write(redact(f"oinlint: warning: {message}") + "\n")
