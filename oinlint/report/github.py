"""``--format github``: GitHub Actions workflow commands, one annotation per active finding.

``::error file=app.py,line=3,col=5,endLine=3,endColumn=9,title=OIN101 ssws-authorization-header::…``

Escaping follows ``@actions/core`` (``toolkit/packages/core/src/command.ts``): in the message
(data) ``%``, ``\\r`` and ``\\n`` become ``%25``, ``%0D`` and ``%0A``; in properties ``:`` and
``,`` become ``%3A`` and ``%2C`` as well. Severity maps to ``error`` (high, critical),
``warning`` (medium) and ``notice`` (low, info). Before that escaping, each value is redacted
and every control character but newlines is written as ``\\xNN`` (:func:`printable`): a runner never
sees an escape sequence, and a newline only where the message has two parts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from oinlint.printable import printable

if TYPE_CHECKING:
    from oinlint.findings import Finding
    from oinlint.report.input import ReportInput
    from oinlint.rules.catalogue import Catalogue

__all__ = ["escape_data", "escape_property", "render"]

_COMMAND = {"error": "error", "warning": "warning", "note": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(printable(text, lines=True)).replace(":", "%3A").replace(",", "%2C")


def _command(name: str, properties: dict[str, str], message: str) -> str:
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def annotation(finding: Finding) -> str:
    span = finding.span
    properties = {
        "file": span.path,
        "line": str(span.line),
        "col": str(span.column),
        "endLine": str(span.end_line),
        "endColumn": str(span.end_column),
        "title": f"{finding.code} {finding.name}",
    }
    message = f"{printable(finding.message, lines=True)} ({finding.severity.label})"
    if finding.fix:
        message += f"\nhelp: {printable(finding.fix, lines=True)}"
    return _command(_COMMAND[finding.severity.sarif_level], properties, message)


def render(result: ReportInput, catalogue: Catalogue, color: bool = False) -> str:
    lines = [annotation(f) for f in result.active]
    lines += [_command("warning", {"title": "oinlint"}, printable(w, lines=True))
              for w in result.warnings]
    return "\n".join(lines) + ("\n" if lines else "")
