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
    table_rows = [(s.code, s.name, s.severity.label, s.summary) for s in catalogue.values()]
    if not sys.stdout.isatty():
        write_output(_plain_table(table_rows), None)
        return ExitCode.OK
    table = Table(title=f"oinlint {__version__}: {len(catalogue)} rules")
    for column in _COLUMNS:
        table.add_column(column)
    for row in table_rows:
        table.add_row(*row)
    Console(no_color=bool(os.environ.get("NO_COLOR"))).print(table)
    return ExitCode.OK


_COLUMNS = ("code", "name", "severity", "summary")


def _plain_table(rows: list[tuple[str, str, str, str]]) -> str:
    """One line per rule, columns aligned, nothing cut or wrapped: a pipe (``grep``, a file,
    a pager) gets every summary whole, whatever width rich would guess for it."""
    lines = [_COLUMNS, *rows]
    widths = [max(len(line[i]) for line in lines) for i in range(len(_COLUMNS) - 1)]
    return "".join(
        "  ".join([*(cell.ljust(width) for cell, width in zip(line, widths, strict=False)),
                   line[-1]]) + "\n"
        for line in lines)


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
