"""``oinlint init``: scan the project and write a commented ``oin-submission.yaml`` from it.

The scopes prefilled are the fewest the code's Okta calls need, else the scope strings found in
the code; the template itself is :mod:`oinlint.submission.template`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from oinlint.cli._common import ExitCode, UsageError
from oinlint.cli._inputs import load_run_settings
from oinlint.engine import check
from oinlint.rules.catalogue import load_catalogue
from oinlint.submission.model import DEFAULT_SUBMISSION
from oinlint.submission.template import (
    TemplateError,
    check_name,
    render_template,
    required_scopes,
    scopes_from_facts,
    template_name,
)

__all__ = ["run"]


def run(args: argparse.Namespace) -> int:
    """0 written, 2 refused (file exists) or bad arguments."""
    if args.name is not None:
        try:
            check_name(args.name)
        except TemplateError as exc:
            raise UsageError(f"--name: {exc}") from None
    project = Path(args.path)
    if not project.is_dir():
        raise UsageError(f"{args.path}: not a directory")
    settings = load_run_settings(load_catalogue(), cwd=project.resolve(), config=args.config,
                                 isolated=args.isolated)
    if args.isolated:
        settings = settings.with_overrides(root=project.resolve())
    root = settings.root
    if args.output == "-":
        target = None
    elif args.output:
        target = Path(args.output)
    else:
        configured = Path(settings.submission or DEFAULT_SUBMISSION)
        target = configured if configured.is_absolute() else root / configured
    if target is not None and target.exists() and not args.force:
        raise UsageError(f"{target} already exists; use --force to overwrite it")
    scan = settings.with_overrides(select=("ALL",), extend_select=(), ignore=(),
                                   per_file_ignores={})
    result = check([str(project)], scan, project_model=not args.isolated)  # the whole project
    scopes = required_scopes(result.files)
    source = "calls"
    if not scopes:
        scopes, source = scopes_from_facts(result.files), "strings"
    try:
        text = render_template(args.name or template_name(root), scopes, source)
    except TemplateError as exc:
        raise UsageError(str(exc)) from None
    if target is None:
        sys.stdout.write(text)
        return ExitCode.OK
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {target}: {exc.strerror or exc}") from None
    found = (f"{len(scopes)} scope(s) from the code, each with a TODO reason" if scopes
             else "no scopes found in the code: list them")
    try:
        shown = target.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        shown = str(target)
    sys.stderr.write(f"oinlint: wrote {shown} ({found}); edit it, then run `oinlint check`\n")
    return ExitCode.OK
