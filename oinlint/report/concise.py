"""``--format concise``: one line per finding, ``path:line:col: CODE message``.

Each value is redacted and printable (:mod:`oinlint.printable`): one finding, one line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from oinlint.printable import line_start, printable

if TYPE_CHECKING:
    from oinlint.report.input import ReportInput
    from oinlint.rules.catalogue import Catalogue


def render(result: ReportInput, catalogue: Catalogue, color: bool = False) -> str:
    lines = [
        f"{line_start(f.span.path)}:{f.span.line}:{f.span.column}: {f.code} "
        f"{printable(f.message)}"
        for f in result.active
    ]
    return "\n".join(lines) + ("\n" if lines else "")
