"""Reporters: each turns a run's result into one output format.

Reporters read findings, the catalogue and the analyses the run already made (never recompute
one). :func:`oinlint.report.render.render` passes whatever they produce through
:func:`oinlint.redact.redact`, so no format can leak a secret. This package root only names the
formats, so that the command line can build its parser without importing a reporter.
"""

from __future__ import annotations

__all__ = ["CHECK_FORMATS", "VERIFY_FORMATS"]

CHECK_FORMATS = ("text", "concise", "json", "sarif", "junit", "github", "gitlab")
"""``oinlint check --format``."""

VERIFY_FORMATS = ("text", "json", "concise", "sarif", "junit", "github")
"""``oinlint verify --format``."""
