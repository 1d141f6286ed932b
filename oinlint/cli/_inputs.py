"""What a run must have before it starts: paths that exist and at least one rule to run.

A run that checks nothing must not pass: a typo in a path or a selection that turns every
rule off would otherwise print "All checks passed" and exit 0 in CI (exit 2 instead, as ruff
does for a missing path).
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from oinlint.cli._common import UsageError
from oinlint.config import Settings
from oinlint.rules.catalogue import Catalogue

__all__ = ["require_paths", "require_rules"]

STDIN_REFUSED = ("'-' (standard input) is not supported: name the files or directories "
                 "to check")


def require_paths(paths: Sequence[str]) -> None:
    """Every path on the command line exists (a dangling symlink counts: it is reported)."""
    if "-" in paths:
        raise UsageError(STDIN_REFUSED)
    missing = [raw for raw in paths if not os.path.lexists(raw)]
    if missing:
        more = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
        raise UsageError(f"{missing[0]}: no such file or directory{more}")


def require_rules(settings: Settings, catalogue: Catalogue) -> None:
    """The selection enables at least one rule that a static run executes (live OIN9xx rules
    are the verifier's: selecting only them checks nothing)."""
    enabled = settings.enabled_codes(catalogue)
    if not any(catalogue[code].scope != "live" for code in enabled):
        where = f" ({settings.config_file} and the command line)" if settings.config_file else ""
        raise UsageError(f"no rule is enabled: select, extend-select and ignore{where} turn "
                         "every static rule off")
