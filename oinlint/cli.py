"""The ``oinlint`` command line.

Exit codes (stable): 0 nothing at or above ``fail-on``; 1 findings; 2 usage, configuration or
internal error; 3 a live check could not decide. Any unexpected error is one redacted line on
stderr, never a traceback (set ``OINLINT_DEBUG=1`` to see it).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from oinlint._version import __version__
from oinlint.redact import redact

if TYPE_CHECKING:
    from oinlint.engine import RunResult
    from oinlint.rules.catalogue import Catalogue

__all__ = ["main"]

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_UNKNOWN = 0, 1, 2, 3


class UsageError(Exception):
    """A problem the user can fix: bad flag value, bad config, missing file."""


def _add_check_arguments(parser: argparse.ArgumentParser) -> None:
    from oinlint.report import FORMATS

    parser.add_argument("paths", nargs="*", default=["."], metavar="PATH",
                        help="files or directories to check (default: .)")
    parser.add_argument("--format", choices=sorted(FORMATS), default=None,
                        help="output format (default: text)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE")
    parser.add_argument("--config", metavar="FILE", type=Path,
                        help="use this oinlint.toml / pyproject.toml instead of searching")
    parser.add_argument("--isolated", action="store_true", help="ignore configuration files")
    parser.add_argument("--select", action="append", default=[], metavar="CODES",
                        help="only these rule codes or prefixes (comma separated)")
    parser.add_argument("--extend-select", action="append", default=[], metavar="CODES")
    parser.add_argument("--ignore", action="append", default=[], metavar="CODES")
    parser.add_argument("--fail-on", metavar="SEVERITY",
                        choices=["info", "low", "medium", "high", "critical"],
                        help="lowest severity that fails the run (default: low)")
    parser.add_argument("--force-exclude", action="store_true",
                        help="apply excludes to paths named on the command line too")
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings")
    parser.add_argument("--baseline", metavar="FILE", type=Path,
                        help="waive the findings recorded in this baseline")
    parser.add_argument("--write-baseline", metavar="FILE", type=Path,
                        help="record the current findings as the baseline and exit 0")
    parser.add_argument("--submission", metavar="FILE",
                        help="path of oin-submission.yaml (default: as configured)")
    parser.add_argument("--show-suppressed", action="store_true",
                        help="also print findings waived by suppressions or the baseline")
    parser.add_argument("--show-scopes", action="store_true",
                        help="print the scope matrix: declared, requested in code, required "
                        "by calls, granted")
    parser.add_argument("--show-unresolved", action="store_true",
                        help="list the Okta calls the scope analysis could not resolve")
    parser.add_argument("-q", "--quiet", action="store_true", help="print findings only")
    parser.add_argument("-v", "--verbose", action="store_true", help="list skipped files too")
    parser.add_argument("--no-color", action="store_true", help="never use colour")
    parser.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                        help="worker processes for large trees (default: number of CPUs)")
    parser.add_argument("--no-cache", action="store_true",
                        help="do not read or write the facts cache")
    parser.add_argument("--cache-dir", type=Path, default=None, metavar="DIR",
                        help="facts cache location (default: .oinlint_cache in the project root)")


def _add_report_arguments(parser: argparse.ArgumentParser) -> None:
    """``oinlint report``: the inputs of ``check`` (no output or gate flags) plus the last
    live-check result and reproducibility."""
    parser.add_argument("paths", nargs="*", default=["."], metavar="PATH",
                        help="files or directories to check (default: .)")
    parser.add_argument("--format", choices=["html", "markdown"], default="html",
                        help="report format (default: html)")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write the report to FILE (default: standard output)")
    parser.add_argument("--verify-result", metavar="FILE", type=Path,
                        help="the JSON written by `oinlint verify --format json`")
    parser.add_argument("--reproducible", action="store_true",
                        help="no date and no durations (also implied by SOURCE_DATE_EPOCH, "
                        "whose date is then used)")
    parser.add_argument("--config", metavar="FILE", type=Path,
                        help="use this oinlint.toml / pyproject.toml instead of searching")
    parser.add_argument("--isolated", action="store_true", help="ignore configuration files")
    parser.add_argument("--select", action="append", default=[], metavar="CODES",
                        help="only these rule codes or prefixes (comma separated)")
    parser.add_argument("--extend-select", action="append", default=[], metavar="CODES")
    parser.add_argument("--ignore", action="append", default=[], metavar="CODES")
    parser.add_argument("--fail-on", metavar="SEVERITY",
                        choices=["info", "low", "medium", "high", "critical"],
                        help="lowest severity that blocks the verdict (default: low)")
    parser.add_argument("--force-exclude", action="store_true",
                        help="apply excludes to paths named on the command line too")
    parser.add_argument("--baseline", metavar="FILE", type=Path,
                        help="waive the findings recorded in this baseline (they are listed)")
    parser.add_argument("--submission", metavar="FILE",
                        help="path of oin-submission.yaml (default: as configured)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    parser.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                        help="worker processes for large trees (default: number of CPUs)")
    parser.add_argument("--no-cache", action="store_true",
                        help="do not read or write the facts cache")
    parser.add_argument("--cache-dir", type=Path, default=None, metavar="DIR",
                        help="facts cache location (default: .oinlint_cache in the project root)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="oinlint",
        description="Check that an Okta Integration Network API service integration is ready "
        "to submit.",
    )
    parser.add_argument("--version", action="version", version=f"oinlint {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = commands.add_parser("check", help="run the static rules over files")
    _add_check_arguments(check)
    report = commands.add_parser(
        "report", help="write an audit report (HTML or Markdown) for a security reviewer")
    _add_report_arguments(report)
    rules = commands.add_parser("rules", help="list the rules")
    rules.add_argument("--format", choices=["table", "json"], default="table")
    explain = commands.add_parser("explain", help="show a rule's documentation")
    explain.add_argument("rule", metavar="CODE", help="a rule code (OIN101) or name")
    # `oinlint init` (oinlint.submission.init): a commented oin-submission.yaml template
    from oinlint.submission.init import add_init_arguments

    add_init_arguments(commands.add_parser("init", help="write a commented oin-submission.yaml"))
    # `oinlint verify` / `oinlint emulator` (oinlint.live.commands): the live check
    from oinlint.live.commands import add_emulator_parser, add_verify_parser

    add_verify_parser(commands)
    add_emulator_parser(commands)
    return parser


def _codes(values: Sequence[str], option: str) -> tuple[str, ...]:
    from oinlint.config import ConfigError, parse_code_list
    from oinlint.rules.catalogue import load_catalogue

    try:
        return parse_code_list(values, load_catalogue(), option)
    except ConfigError as exc:
        raise UsageError(str(exc).replace("<command line>: ", "")) from None


def _use_color(args: argparse.Namespace, stream: object) -> bool:
    if args.no_color or os.environ.get("NO_COLOR") or args.output:
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _printable(text: str) -> str:
    """Lone surrogates (file names that are not valid UTF-8, read with surrogateescape) as
    U+FFFD: reports must stay valid UTF-8, and writing a surrogate would abort the run."""
    return _SURROGATE.sub("\ufffd", text)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _write(text: str, output: str | None) -> None:
    text = _printable(text)
    if output:
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def _warn(message: str) -> None:
    sys.stderr.write(redact(f"oinlint: warning: {message}") + "\n")


def _run_engine(args: argparse.Namespace) -> tuple[Catalogue, RunResult]:
    """Settings from the configuration and the flags, then the engine (``check`` and
    ``report`` take the same inputs, so they must resolve them the same way)."""
    from oinlint.baseline import BaselineError, load_baseline
    from oinlint.config import ConfigError, load_settings
    from oinlint.engine import check
    from oinlint.findings import Severity
    from oinlint.rules.catalogue import load_catalogue

    catalogue = load_catalogue()
    if args.isolated and args.config:
        raise UsageError("--isolated and --config contradict each other; use one")
    try:
        settings = load_settings(catalogue, config=args.config, isolated=args.isolated)
    except ConfigError as exc:
        raise UsageError(str(exc)) from None
    overrides: dict[str, object] = {}
    if args.select:
        overrides["select"] = _codes(args.select, "--select")
    if args.extend_select:
        overrides["extend_select"] = settings.extend_select + _codes(
            args.extend_select, "--extend-select")
    if args.ignore:
        overrides["ignore"] = settings.ignore + _codes(args.ignore, "--ignore")
    if args.fail_on:
        overrides["fail_on"] = Severity.parse(args.fail_on)
    if args.submission:  # a command-line path is relative to where the command runs
        overrides["submission"] = str(Path(args.submission).resolve())
    if overrides:
        settings = settings.with_overrides(**overrides)
    baseline = None
    if args.baseline:
        try:
            baseline = load_baseline(args.baseline)
        except BaselineError as exc:
            raise UsageError(str(exc)) from None
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    jobs = args.jobs or os.cpu_count() or 1
    cache_dir = None if args.no_cache else (args.cache_dir or settings.root / ".oinlint_cache")
    from oinlint.progress import scan_progress

    with scan_progress(enabled=not getattr(args, "quiet", False)) as progress:
        result = check(args.paths, settings, force_exclude=args.force_exclude,
                       baseline=baseline, jobs=jobs, cache_dir=cache_dir, progress=progress)
    return catalogue, result


def run_check(args: argparse.Namespace) -> int:
    from oinlint.baseline import BaselineError, load_baseline, render_baseline
    from oinlint.report import render

    catalogue, result = _run_engine(args)
    for warning in result.warnings:
        _warn(warning)
    for entry in result.stale_baseline:
        _warn(f"stale baseline entry: {entry.code} in {entry.path} "
              f"({entry.count} no longer found); rewrite the baseline to drop it")
    if args.write_baseline:
        previous = []
        if args.write_baseline.exists():
            try:
                previous = load_baseline(args.write_baseline)
            except BaselineError:
                previous = []
        _write(render_baseline(result.findings, previous), str(args.write_baseline))
        count = len(result.active)
        sys.stderr.write(f"oinlint: wrote {count} finding(s) to {args.write_baseline}\n")
        return EXIT_OK
    fmt = args.format or "text"
    color = _use_color(args, sys.stdout)
    if fmt == "text":
        from oinlint.report.text import TextOptions, render_text

        options = TextOptions(quiet=args.quiet, verbose=args.verbose,
                              show_suppressed=args.show_suppressed,
                              show_scopes=args.show_scopes,
                              show_unresolved=args.show_unresolved)
        output = redact(render_text(result, catalogue, color, options))
    else:
        output = render(fmt, result, catalogue, color)
    _write(output, args.output)
    if args.exit_zero:
        return EXIT_OK
    return result.exit_code


def run_report(args: argparse.Namespace) -> int:
    """The audit report. Exit 0 once written, whatever the verdict: it is a document for a
    reviewer; ``check`` is the gate."""
    from oinlint.report.audit import VerifyResultError, load_verify_result, render_audit

    verify = None
    if args.verify_result:
        try:
            verify = load_verify_result(args.verify_result)
        except VerifyResultError as exc:
            raise UsageError(str(exc)) from None
    catalogue, result = _run_engine(args)
    for warning in result.warnings:
        _warn(warning)
    _write(render_audit(args.format, result, catalogue, verify,
                        reproducible=args.reproducible), args.output)
    return EXIT_OK


def run_rules(args: argparse.Namespace) -> int:
    import json

    from oinlint.rules.catalogue import load_catalogue

    catalogue = load_catalogue()
    if args.format == "json":
        rows = [
            {"code": s.code, "name": s.name, "severity": s.severity.label, "summary": s.summary,
             "scope": s.scope}
            for s in catalogue.values()
        ]
        _write(json.dumps(rows, indent=2) + "\n", None)
        return EXIT_OK
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"oinlint {__version__}: {len(catalogue)} rules")
    for column in ("code", "name", "severity", "summary"):
        table.add_column(column)
    for spec in catalogue.values():
        table.add_row(spec.code, spec.name, spec.severity.label, spec.summary)
    Console(no_color=bool(os.environ.get("NO_COLOR"))).print(table)
    return EXIT_OK


def run_explain(args: argparse.Namespace) -> int:
    from oinlint.rules.catalogue import load_catalogue
    from oinlint.rules.docs import rule_markdown

    catalogue = load_catalogue()
    key = args.rule.strip()
    spec = catalogue.get(key.upper()) or catalogue.by_name(key)
    if spec is None:
        raise UsageError(f"unknown rule '{key}'; `oinlint rules` lists them")
    text = rule_markdown(spec)
    if sys.stdout.isatty() and not os.environ.get("NO_COLOR"):
        from rich.console import Console
        from rich.markdown import Markdown

        Console().print(Markdown(text))
    else:
        _write(text, None)
    return EXIT_OK


def run_init(args: argparse.Namespace) -> int:
    from oinlint.submission.init import run_init as init

    return init(args)


def run_verify(args: argparse.Namespace) -> int:
    from oinlint.live.commands import run_verify_command

    return run_verify_command(args)


def run_emulator(args: argparse.Namespace) -> int:
    from oinlint.live.commands import run_emulator_command

    return run_emulator_command(args)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    handlers: dict[str, Callable[[argparse.Namespace], int]] = {
        "check": run_check,
        "report": run_report,
        "rules": run_rules,
        "explain": run_explain,
        "init": run_init,
        "verify": run_verify,
        "emulator": run_emulator,
    }
    if args.command is None:
        parser.print_help()
        return EXIT_ERROR
    try:
        return handlers[args.command](args)
    except UsageError as exc:
        sys.stderr.write(redact(f"oinlint: error: {exc}") + "\n")
        return EXIT_ERROR
    except KeyboardInterrupt:
        sys.stderr.write("oinlint: interrupted\n")
        return EXIT_ERROR
    except Exception as exc:  # the promise: one line, never a traceback
        if os.environ.get("OINLINT_DEBUG"):
            raise
        detail = " ".join(str(exc).split())[:300]
        sys.stderr.write(redact(f"oinlint: internal error: {type(exc).__name__}: {detail}") + "\n")
        return EXIT_ERROR
