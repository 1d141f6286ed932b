"""``oinlint check``: settings from configuration and flags, the engine, a reporter, an exit code.

:func:`run_engine` is shared with ``oinlint report``: both take the same inputs, so they must
resolve them the same way.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from oinlint.cli._common import (
    ExitCode,
    UsageError,
    text_only_options,
    use_color,
    warn,
    write_output,
)
from oinlint.cli._inputs import load_run_settings, require_paths, require_rules
from oinlint.cli._overwrite import guard_baseline, guard_output
from oinlint.config import ConfigError, parse_code_list
from oinlint.engine import RunResult, check
from oinlint.engine.baseline import BaselineError, load_baseline, render_baseline
from oinlint.engine.progress import scan_progress
from oinlint.findings import Severity
from oinlint.fixes import FixPlan, plan_fixes
from oinlint.fixes.apply import unified_diff
from oinlint.fixes.writing import changes, write_changes
from oinlint.printable import printable
from oinlint.report.render import render
from oinlint.report.text import TextOptions, render_text
from oinlint.rules.catalogue import Catalogue, load_catalogue
from oinlint.submission.model import DEFAULT_SUBMISSION

__all__ = ["run", "run_engine"]

MAX_FIX_PASSES = 10  # a pass's fixes can enable others (a clash waits); a loop stops here


def _codes(values: Sequence[str], option: str) -> tuple[str, ...]:
    try:
        return parse_code_list(values, load_catalogue(), option)
    except ConfigError as exc:
        raise UsageError(str(exc).replace("<command line>: ", "")) from None


def run_engine(args: argparse.Namespace) -> tuple[Catalogue, RunResult]:
    """Settings from the configuration and the flags, then the engine."""
    catalogue = load_catalogue()
    if args.isolated and args.config:
        raise UsageError("--isolated and --config contradict each other; use one")
    settings = load_run_settings(catalogue, config=args.config, isolated=args.isolated,
                                 paths=[p for p in args.paths if os.path.lexists(p)])
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
    require_rules(settings, catalogue)
    require_paths(args.paths)
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
    with scan_progress(enabled=not getattr(args, "quiet", False)) as progress:
        result = check(args.paths, settings, force_exclude=args.force_exclude,
                       baseline=baseline, jobs=jobs, cache_dir=cache_dir, progress=progress,
                       project_model=not args.isolated)
    return catalogue, result


_MARKERS = {
    "config": "the nearest folder with a configuration file",
    "submission": f"the nearest folder with {DEFAULT_SUBMISSION}",
    "git": "the top of the git work tree",
}


def describe_run(result: RunResult, isolated: bool = False) -> list[str]:
    """What ``-v`` says about the run before its findings: the project root and why, the
    configuration and submission files in force, a configuration file ignored above the git
    work tree, and how many warnings about files outside the paths named were not shown."""
    settings = result.settings
    project = settings.project
    properties = result.run_properties
    if project is not None:
        why = _MARKERS[project.marker]
    else:
        why = "the working directory: " + ("--isolated" if isolated else "no project found")
    lines = [f"project root: {properties['root']} ({why})",
             f"configuration: {properties['configuration'] or '(none: defaults)'}",
             f"submission: {properties['submission'] or '(none found)'}"]
    if project is not None and project.ignored_config is not None:
        lines.append(f"ignored {project.ignored_config}: it is above the git work tree "
                     f"{project.git_top}")
    if result.hidden_warnings:
        lines.append(f"{result.hidden_warnings} warning(s) about files outside the paths "
                     "checked not shown")
    return lines


def run(args: argparse.Namespace) -> int:
    if args.write_baseline:
        guard_baseline(args.write_baseline, args.force)
    else:
        guard_output(args.output, args.force)
    catalogue, result = run_engine(args)
    if args.diff:
        return _print_diffs(args, result)
    if args.fix:
        result = _apply_fixes(args, result)
    if getattr(args, "verbose", False):
        for line in describe_run(result, isolated=args.isolated):
            sys.stderr.write(printable(f"oinlint: {line}") + "\n")
    for warning in result.warnings:
        warn(warning)
    nothing = result.checked_nothing(args.force_exclude)
    if nothing is not None:
        raise UsageError(nothing)
    for entry in result.stale_baseline:
        warn(f"stale baseline entry: {entry.code} in {entry.path} "
             f"({entry.count} no longer found); rewrite the baseline to drop it")
    if args.write_baseline:
        previous = []
        if args.write_baseline.exists():
            try:
                previous = load_baseline(args.write_baseline)
            except BaselineError:  # empty, or overwritten with --force
                previous = []
        write_output(render_baseline(result.findings, previous), str(args.write_baseline))
        count = len(result.active)
        sys.stderr.write(f"oinlint: wrote {count} finding(s) to {args.write_baseline}\n")
        return ExitCode.OK
    fmt = args.format or "text"
    note = text_only_options(args, fmt)
    if note:
        warn(note)
    color = use_color(args, sys.stdout)
    if fmt == "text":
        plan = plan_fixes(result)
        fixable = plan.safe_keys | (plan.unsafe_keys if args.unsafe_fixes else frozenset())
        options = TextOptions(quiet=args.quiet, verbose=args.verbose,
                              show_suppressed=args.show_suppressed,
                              show_scopes=args.show_scopes,
                              show_unresolved=args.show_unresolved,
                              fixable=fixable,
                              unsafe_fixable=frozenset() if args.unsafe_fixes
                              else plan.unsafe_keys)
        output = render_text(result, catalogue, color, options)  # redacted field by field
    else:
        output = render(fmt, result, catalogue, color)
    write_output(output, args.output)
    if args.exit_zero:
        return ExitCode.OK
    return result.exit_code


def _shown(result: RunResult) -> dict[Path, str]:
    submission = result.submission
    return {submission.path: submission.display} if submission is not None else {}


def _print_diffs(args: argparse.Namespace, result: RunResult) -> int:
    """``--diff``: what ``--fix`` would change first, as unified diffs; nothing is written."""
    plan: FixPlan = plan_fixes(result)
    found = changes(plan.applicable(args.unsafe_fixes), _shown(result))
    write_output("".join(unified_diff(c.before, c.after, c.shown) for c in found), args.output)
    count = sum(len(c.fixes) for c in found)
    sys.stderr.write(f"oinlint: {count} fix(es) would be applied\n")
    return ExitCode.FINDINGS if found else ExitCode.OK


def _apply_fixes(args: argparse.Namespace, result: RunResult) -> RunResult:
    """``--fix``: apply, check again, until no fix is left (fixes that clashed in one pass
    apply in the next); the result is the last check's, with the findings that remain."""
    applied = 0
    for _ in range(MAX_FIX_PASSES):
        found = changes(plan_fixes(result).applicable(args.unsafe_fixes), _shown(result))
        wrote = write_changes(found)
        if not wrote:
            break
        applied += wrote
        _, result = run_engine(args)
    sys.stderr.write(f"oinlint: applied {applied} fix(es)\n")
    return result
