"""oinlint: is this Okta Integration Network API service integration ready to submit?

The public API is small on purpose: run a check from Python with :func:`check`, or use the
``oinlint`` command. Everything else lives in modules that may change between releases.
"""

from __future__ import annotations

from oinlint._version import __version__
from oinlint.engine import RunResult, check
from oinlint.findings import Finding, Severity

__all__ = ["Finding", "RunResult", "Severity", "__version__", "check"]
