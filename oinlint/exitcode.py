"""The process exit codes, stable across releases: CI gates and pre-commit read them.

Kept below every layer (the engine's ``RunResult`` and the verifier's result compute them; the
command line returns them) so that nothing has to import the command line for a number.
"""

from __future__ import annotations

import enum

__all__ = ["ExitCode"]


class ExitCode(enum.IntEnum):
    OK = 0
    """Nothing at or above ``fail-on``; a live check verified."""
    FINDINGS = 1
    """Findings at or above ``fail-on``; a live check failed."""
    ERROR = 2
    """Usage, configuration or internal error."""
    UNKNOWN = 3
    """A live check could not decide (the org could not be asked)."""
