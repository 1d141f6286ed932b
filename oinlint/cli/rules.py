"""``oinlint rules`` (the catalogue as a table or JSON) and ``oinlint explain`` (a rule's page)."""

from __future__ import annotations

import argparse
import json
import os
import sys

from rich.console import Console
from rich.markdown import Markdown
from rich.table import Table

from oinlint._version import __version__
from oinlint.cli._common import ExitCode, UsageError, write_output
from oinlint.rules.catalogue import load_catalogue
from oinlint.rules.docs import rule_markdown

__all__ = ["run_explain", "run_rules"]


def run_rules(args: argparse.Namespace) -> int:
    catalogue = load_catalogue()
    if args.format == "json":
        rows = [
            {"code": s.code, "name": s.name, "severity": s.severity.label, "summary": s.summary,
             "scope": s.scope}
            for s in catalogue.values()
        ]
        write_output(json.dumps(rows, indent=2) + "\n", None)
        return ExitCode.OK
    table = Table(title=f"oinlint {__version__}: {len(catalogue)} rules")
    for column in ("code", "name", "severity", "summary"):
        table.add_column(column)
    for spec in catalogue.values():
        table.add_row(spec.code, spec.name, spec.severity.label, spec.summary)
    Console(no_color=bool(os.environ.get("NO_COLOR"))).print(table)
    return ExitCode.OK


def run_explain(args: argparse.Namespace) -> int:
    catalogue = load_catalogue()
    key = args.rule.strip()
    spec = catalogue.get(key.upper()) or catalogue.by_name(key)
    if spec is None:
        raise UsageError(f"unknown rule '{key}'; `oinlint rules` lists them")
    text = rule_markdown(spec)
    if sys.stdout.isatty() and not os.environ.get("NO_COLOR"):
        Console().print(Markdown(text))
    else:
        write_output(text, None)
    return ExitCode.OK
