"""The old path of the emulator's ``org.yaml`` parsing, kept for one importer only.

``oinlint.live.commands`` (moving to ``oinlint/cli/`` concurrently) imports
``EmulatorConfigError`` and ``parse_config`` from here; their home is
:mod:`oinlint.live.emulator.org_config`. Delete this module once that import line points there.
"""

from __future__ import annotations

from oinlint.live.emulator.org_config import EmulatorConfigError, parse_config

__all__ = ["EmulatorConfigError", "parse_config"]
