"""The ``oinlint`` command line: one parser, one module per command, one exit-code policy.

Exit codes (stable, :class:`oinlint.exitcode.ExitCode`): 0 nothing at or above ``fail-on``;
1 findings; 2 usage, configuration or internal error; 3 a live check could not decide. Any
unexpected error is one redacted line on stderr, never a traceback (set ``OINLINT_DEBUG=1`` to
see it).

Nothing below this package imports it. A command's module is imported only when that command
runs (the one deliberate function-level import in the package): ``oinlint check`` in a
pre-commit hook must not pay for the live checker's HTTP, JWT and emulator imports, nor
``oinlint --version`` for the engine's.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from oinlint.cli._arguments import build_parser
from oinlint.cli._common import ExitCode, UsageError
from oinlint.printable import printable

__all__ = ["build_parser", "main"]


def _dispatch(args: argparse.Namespace) -> int:
    """Run the chosen command (its module is imported here, see the module docstring)."""
    command: str = args.command
    if command == "check":
        from oinlint.cli import check
        return check.run(args)
    if command == "report":
        from oinlint.cli import report
        return report.run(args)
    if command in ("rules", "explain"):
        from oinlint.cli import rules
        return rules.run_rules(args) if command == "rules" else rules.run_explain(args)
    if command == "init":
        from oinlint.cli import init
        return init.run(args)
    if command == "verify":
        from oinlint.cli import verify
        return verify.run(args)
    from oinlint.cli import emulator
    return emulator.run(args)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    if args.command is None:
        parser.print_help()
        return ExitCode.ERROR
    try:
        return _dispatch(args)
    except UsageError as exc:
        sys.stderr.write(printable(f"oinlint: error: {exc}") + "\n")
        return ExitCode.ERROR
    except KeyboardInterrupt:
        sys.stderr.write("oinlint: interrupted\n")
        return ExitCode.ERROR
    except Exception as exc:  # the promise: one line, never a traceback
        if os.environ.get("OINLINT_DEBUG"):
            raise
        detail = " ".join(str(exc).split())[:300]
        sys.stderr.write(printable(f"oinlint: internal error: {type(exc).__name__}: {detail}")
                         + "\n")
        return ExitCode.ERROR
