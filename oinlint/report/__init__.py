"""Reporters: each turns a :class:`~oinlint.engine.RunResult` into one output format.

Reporters read findings and the catalogue only. Whatever they produce passes through
:func:`oinlint.redact.redact` in :func:`render`, so no format can leak a secret.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from oinlint.redact import redact

if TYPE_CHECKING:
    from oinlint.engine import RunResult
    from oinlint.rules.catalogue import Catalogue

__all__ = ["FORMATS", "render"]

Reporter = Callable[["RunResult", "Catalogue", bool], str]


def _load(name: str) -> Reporter:
    import importlib

    module = importlib.import_module(f"oinlint.report.{name}")
    reporter: Reporter = module.render
    return reporter


FORMATS: dict[str, str] = {
    "text": "text",
    "concise": "concise",
    "json": "json_format",
    "sarif": "sarif",
    "junit": "junit",
    "github": "github",
    "gitlab": "gitlab",
}


def render(fmt: str, result: RunResult, catalogue: Catalogue, color: bool = False) -> str:
    """The output of ``fmt`` for ``result``, with every secret masked."""
    return redact(_load(FORMATS[fmt])(result, catalogue, color))
