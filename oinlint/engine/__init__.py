"""The engine: discovery, reading, the prefilter, the facts cache, rules, findings and waivers.

:func:`check` runs it; :class:`RunResult` is what a run produced, and all that reporters read.
"""

from __future__ import annotations

from oinlint.engine.result import RunResult
from oinlint.engine.run import check

__all__ = ["RunResult", "check"]
