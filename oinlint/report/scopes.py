"""Text output of the scope analysis: the scope matrix (``--show-scopes``) and the calls the
analysis could not resolve (``--show-unresolved``), as rich tables after the findings. Values
from the project are redacted and printable (:mod:`oinlint.printable`)."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from oinlint.facts import Span
from oinlint.printable import printable
from oinlint.scope_analysis import Analysis, CallNeed

__all__ = ["print_scope_matrix", "print_unresolved"]

MAX_PLACES = 4


def _places(spans: list[str]) -> str:
    unique = list(dict.fromkeys(spans))
    shown = "\n".join(unique[:MAX_PLACES])
    return shown + (f"\n+{len(unique) - MAX_PLACES} more" if len(unique) > MAX_PLACES else "")


def _at(span: Span) -> str:
    return f"{printable(span.path)}:{span.line}"


def _operation(call: CallNeed) -> str:
    """``listUsers`` (the operationId) when known, else ``GET /api/v1/users``."""
    if call.operations and call.via != "terraform":
        return printable(call.operations[0].operation_id)
    return printable(call.label)  # a Terraform block is named as written, with no HTTP verb


def print_scope_matrix(console: Console, analysis: Analysis) -> None:
    """One row per scope: where declared, where requested in code, which calls need it."""
    rows = analysis.matrix()
    if not rows:
        console.print("[dim]Scopes: none declared, requested or required.[/dim]")
        console.print()
        return
    table = Table(title="Scopes", title_justify="left", show_lines=True)
    for column in ("scope", "declared", "requested in code", "required by calls", "granted"):
        table.add_column(column, overflow="fold")
    for row in rows:
        required = [f"{_operation(c)} {_at(c.span)}" for c in row.required_by]
        granted = "—" if row.granted is None else ("yes" if row.granted else "no")
        table.add_row(
            escape(printable(row.name)),
            escape(_places([_at(s) for s in row.declared])) or (
                f"— (covered by {escape(printable(row.covered_by))})" if row.covered_by
                else "—"),
            escape(_places([f"{_at(u.span)} ({u.role})" for u in row.requested])) or "—",
            escape(_places(required)) or "—",
            granted,
        )
    console.print(table)
    console.print()


def print_unresolved(console: Console, analysis: Analysis) -> None:
    """The Okta calls whose operation the analysis could not decide (never guessed)."""
    calls = analysis.unresolved
    if not calls:
        console.print("[dim]Unresolved Okta calls: none.[/dim]")
        console.print()
        return
    console.print(f"[bold]Unresolved Okta calls: {len(calls)}[/bold] (not guessed; the "
                  "scopes they could need are not reported as unused)", highlight=False)
    for call in calls:
        console.print(f"  {escape(_at(call.span))}: {escape(printable(call.method or 'ANY'))} "
                      f"{escape(printable(call.path or '?'))}: "
                      f"{escape(printable(call.reason or call.status))}",
                      highlight=False, soft_wrap=True)
    console.print()
