"""``--format concise``: one line per finding, ``path:line:col: CODE message``."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from oinlint.report.input import ReportInput
    from oinlint.rules.catalogue import Catalogue


def render(result: ReportInput, catalogue: Catalogue, color: bool = False) -> str:
    lines = [
        f"{f.span.path}:{f.span.line}:{f.span.column}: {f.code} {f.message}"
        for f in result.active
    ]
    return "\n".join(lines) + ("\n" if lines else "")
