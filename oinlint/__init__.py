"""oinlint: is this Okta Integration Network API service integration ready to submit?

The public API is small on purpose: run a check from Python with :func:`check`, or use the
``oinlint`` command. Everything else lives in modules that may change between releases.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from oinlint._version import __version__

if TYPE_CHECKING:
    from oinlint.engine import RunResult, check
    from oinlint.findings import Finding, Severity

__all__ = ["Finding", "RunResult", "Severity", "__version__", "check"]


def __getattr__(name: str) -> object:
    """The public API, imported on first use (PEP 562).

    The reason for these function-level imports: every ``oinlint`` command imports this package
    first, and importing the engine here made ``oinlint --version`` and ``oinlint rules`` pay
    for the whole engine, its rules and front ends (~0.3 s) before printing a line.
    """
    if name in ("check", "RunResult"):
        from oinlint import engine

        return getattr(engine, name)
    if name in ("Finding", "Severity"):
        from oinlint import findings

        return getattr(findings, name)
    raise AttributeError(f"module 'oinlint' has no attribute {name!r}")
