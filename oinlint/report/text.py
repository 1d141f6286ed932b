"""``--format text``: ruff-like findings with source context, a caret and a fix hint (rich).

Colour only when writing to a terminal (and never with ``NO_COLOR``); the layout is the same
either way so that logs read like the terminal. Every value from the project (paths, messages,
source lines) is redacted and printable (:mod:`oinlint.printable`) before rich markup
escaping: no escape sequence or workflow command reaches the terminal or the CI log.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from oinlint.findings import Finding, Severity
from oinlint.printable import line_start, printable
from oinlint.redact import redact
from oinlint.report.families import family_title
from oinlint.report.longlines import CONTEXT_WIDTH, ContextLines
from oinlint.report.scopes import print_scope_matrix, print_unresolved

if TYPE_CHECKING:
    from oinlint.engine import RunResult
    from oinlint.rules.catalogue import Catalogue

__all__ = ["TextOptions", "render", "render_text"]

_STYLE = {
    Severity.CRITICAL: "bold red",
    Severity.HIGH: "red",
    Severity.MEDIUM: "yellow",
    Severity.LOW: "cyan",
    Severity.INFO: "dim",
}


@dataclass(frozen=True, slots=True)
class TextOptions:
    quiet: bool = False
    verbose: bool = False
    show_suppressed: bool = False
    show_scopes: bool = False  # the scope matrix (declared / requested / required / granted)
    show_unresolved: bool = False  # the Okta calls the scope analysis could not resolve
    # Findings `--fix` would fix (code, path, line, column), and those only --unsafe-fixes would.
    fixable: frozenset[tuple[str, str, int, int]] = frozenset()
    unsafe_fixable: frozenset[tuple[str, str, int, int]] = frozenset()


def _key(finding: Finding) -> tuple[str, str, int, int]:
    return (finding.code, finding.span.path, finding.span.line, finding.span.column)


def _finding(console: Console, finding: Finding, context: ContextLines,
             fixable: bool = False) -> None:
    span = finding.span
    style = _STYLE[finding.severity]
    mark = " [*]" if fixable else ""
    console.print(
        f"[bold]{escape(line_start(span.path))}:{span.line}:{span.column}:[/bold] "
        f"[{style}]{finding.code}[/{style}]{escape(mark)} {escape(printable(finding.message))}"
        f" [dim]({finding.severity.label})[/dim]",
        highlight=False,
        soft_wrap=True,
    )
    if finding.waiver:
        console.print(
            f"  [dim]waived ({finding.waiver.kind}): "
            f"{escape(printable(finding.waiver.reason or '—'))}[/dim]",
            highlight=False, soft_wrap=True,
        )
    if finding.snippet:
        width = len(str(finding.snippet_line + len(finding.snippet) - 1))
        console.print(f"  {' ' * width} |", style="dim", highlight=False)
        for offset, full in enumerate(finding.snippet):
            number = finding.snippet_line + offset
            source, cut = context.shown(full, number, span)  # a 1 MB line, in part
            line = printable(source.expandtabs(4))
            marker = ">" if span.contains_line(number) else " "
            console.print(
                f"{marker} [dim]{number:>{width}} |[/dim] {escape(line)}",
                highlight=False, soft_wrap=True,
            )
            if number == span.line:
                begin = span.column - 1 - cut
                prefix = printable(source[:begin].expandtabs(4))
                length = (span.end_column - span.column) if span.end_line == span.line else max(
                    1, len(source) - begin)
                if len(source) > CONTEXT_WIDTH:  # a cut line: the carets end where it does
                    length = min(length, len(source) - begin)
                carets = "^" * max(1, length)
                console.print(
                    f"  {' ' * width} | {' ' * len(prefix)}[{style}]{carets}[/{style}]",
                    highlight=False, soft_wrap=True,
                )
        console.print(f"  {' ' * width} |", style="dim", highlight=False)
    for related in finding.related:
        console.print(
            f"  [dim]note:[/dim] {escape(printable(related.span.path))}:{related.span.line}:"
            f"{related.span.column}: {escape(printable(related.message))}",
            highlight=False, soft_wrap=True,
        )
    if finding.fix:
        console.print(f"  [green]help:[/green] {escape(printable(finding.fix))}", highlight=False,
                      soft_wrap=True)
    console.print()


def render_text(
    result: RunResult, catalogue: Catalogue, color: bool, options: TextOptions
) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer, force_terminal=color, no_color=not color, width=120,
        color_system="standard" if color else None, highlight=False,
    )
    shown = result.findings if options.show_suppressed else result.active
    context = ContextLines(redact)
    for finding in shown:
        _finding(console, finding, context,
                 finding.waiver is None and _key(finding) in options.fixable)
    if options.show_scopes or options.show_unresolved:
        analysis = result.scope_analysis
        if options.show_scopes:
            print_scope_matrix(console, analysis)
        if options.show_unresolved:
            print_unresolved(console, analysis)
    if options.verbose:
        for path, reason in result.skipped:
            console.print(f"[dim]skipped {escape(printable(path))}: "
                          f"{escape(printable(reason))}[/dim]", highlight=False)
    if not options.quiet:
        if result.findings or options.verbose:
            _summary_table(console, result)
        active = result.active
        waived = len(result.findings) - len(active)
        counts: dict[Severity, int] = {}
        for finding in active:
            counts[finding.severity] = counts.get(finding.severity, 0) + 1
        by_severity = ", ".join(
            f"{counts[s]} {s.label}" for s in sorted(counts, reverse=True)
        )
        files = f"{len(result.scanned)} file{'s' if len(result.scanned) != 1 else ''}"
        if active:
            console.print(
                f"[bold]Found {len(active)} finding{'s' if len(active) != 1 else ''}[/bold] "
                f"({by_severity}) in {files}"
                + (f"; {waived} waived" if waived else "")
                + f"; failing at {result.fail_on.label} and above: "
                f"{len(result.failing)}.",
                highlight=False, soft_wrap=True,
            )
            _fix_count(console, active, options)
        else:
            console.print(
                f"[green]All checks passed[/green] ({files} checked"
                + (f", {waived} waived" if waived else "") + ").",
                highlight=False,
            )
    return buffer.getvalue()


def _fix_count(console: Console, active: list[Finding], options: TextOptions) -> None:
    """How many findings ``--fix`` would fix (``[*]``), and how many more need
    ``--unsafe-fixes``; silent when none."""
    keys = {_key(f) for f in active}
    safe = len(keys & options.fixable)
    unsafe = len(keys & options.unsafe_fixable)
    if not safe and not unsafe:
        return
    line = f"[*] {safe} fixable with `oinlint check --fix`" if safe else "No safe fixes"
    if unsafe:
        line += f" ({unsafe} more with `--unsafe-fixes`)"
    console.print(escape(line) + ".", highlight=False, soft_wrap=True)


def _summary_table(console: Console, result: RunResult) -> None:
    """Files, findings by family (from the code prefix, so new families need no change),
    suppressed, time: the numbers a reviewer of a CI log looks for first."""
    table = Table(title="Summary", box=box.SIMPLE, title_justify="left", show_header=True)
    table.add_column("", style="bold")
    table.add_column("count", justify="right")
    table.add_column("detail")
    table.add_row("files", str(len(result.scanned)), f"{len(result.skipped)} skipped")
    families: dict[str, list[Finding]] = {}
    for finding in result.active:
        families.setdefault(finding.code[:4], []).append(finding)
    for family in sorted(families):
        found = families[family]
        failing = sum(1 for f in found if f.severity >= result.fail_on)
        table.add_row(f"{family}xx", str(len(found)),
                      f"{escape(family_title(family))}; {failing} failing")
    waived = [f for f in result.findings if f.waiver is not None]
    kinds: dict[str, int] = {}
    for finding in waived:
        assert finding.waiver is not None
        kinds[finding.waiver.kind] = kinds.get(finding.waiver.kind, 0) + 1
    table.add_row("suppressed", str(len(waived)),
                  ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items())) or "—")
    table.add_row("time", f"{result.duration:.2f} s", "")
    console.print(table)


def render(result: RunResult, catalogue: Catalogue, color: bool = False) -> str:
    return render_text(result, catalogue, color, TextOptions())
