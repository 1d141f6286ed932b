"""One door to every ``check`` reporter.

Findings arrive redacted (``engine/building``); each reporter redacts every value once more
before it serializes (JSON and SARIF through :func:`oinlint.redact.redact_values`, JUnit per
attribute and text, the line formats per field). Nothing here runs a pattern over a finished
document: a PEM pattern over a JSON document ate its quotes and every finding after the key.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from oinlint.report import concise, github, gitlab, json_format, junit, sarif, text

if TYPE_CHECKING:
    from oinlint.engine import RunResult
    from oinlint.rules.catalogue import Catalogue

__all__ = ["REPORTERS", "render"]

Reporter = Callable[["RunResult", "Catalogue", bool], str]

REPORTERS: dict[str, Reporter] = {
    "text": text.render,
    "concise": concise.render,
    "json": json_format.render,
    "sarif": sarif.render,
    "junit": junit.render,
    "github": github.render,
    "gitlab": gitlab.render,
}


def render(fmt: str, result: RunResult, catalogue: Catalogue, color: bool = False) -> str:
    """The output of ``fmt`` for ``result``, with every secret masked."""
    return REPORTERS[fmt](result, catalogue, color)
