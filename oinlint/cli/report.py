"""``oinlint report``: the audit report for a security reviewer (HTML or Markdown).

Exit 0 once written, whatever the verdict: it is a document for a reviewer; ``check`` is the
gate.
"""

from __future__ import annotations

import argparse

from oinlint.cli._common import ExitCode, UsageError, warn, write_output
from oinlint.cli._overwrite import guard_output
from oinlint.cli.check import run_engine
from oinlint.report.audit import VerifyResultError, load_verify_result, render_audit

__all__ = ["run"]


def run(args: argparse.Namespace) -> int:
    guard_output(args.output, args.force)
    verify = None
    if args.verify_result:
        try:
            verify = load_verify_result(args.verify_result)
        except VerifyResultError as exc:
            raise UsageError(str(exc)) from None
    catalogue, result = run_engine(args)
    for warning in result.warnings:
        warn(warning)
    nothing = result.checked_nothing(args.force_exclude)
    if nothing is not None:
        raise UsageError(nothing)  # an audit report of nothing would read as a clean one
    write_output(render_audit(args.format, result, catalogue, verify,
                              reproducible=args.reproducible), args.output)
    return ExitCode.OK
