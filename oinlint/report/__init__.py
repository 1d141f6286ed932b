"""Reporters: each turns a run's result into one output format.

Reporters read findings, the catalogue and the analyses the run already made (never recompute
one). Each redacts every value it prints (:func:`oinlint.redact.redact`, value by value, never
over the serialized document), so no format can leak a secret or be broken by one. This
package root only names the formats, so that the command line can build its parser without
importing a reporter.
"""

from __future__ import annotations

__all__ = ["CHECK_FORMATS", "VERIFY_FORMATS"]

CHECK_FORMATS = ("text", "concise", "json", "sarif", "junit", "github", "gitlab")
"""``oinlint check --format``."""

VERIFY_FORMATS = ("text", "json", "concise", "sarif", "junit", "github")
"""``oinlint verify --format``."""
