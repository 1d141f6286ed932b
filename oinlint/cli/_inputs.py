"""What a run must have before it starts: settings that load, paths that exist and at least
one rule to run.

A run that checks nothing must not pass: a typo in a path or a selection that turns every
rule off would otherwise print "All checks passed" and exit 0 in CI (exit 2 instead, as ruff
does for a missing path). A configuration that cannot be used is one line naming the file and
the key, never an internal error.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Sequence
from pathlib import Path

from oinlint.cli._common import UsageError
from oinlint.config import CONFIG_NAMES, ConfigError, Settings, load_settings
from oinlint.engine.discovery import ExcludeMatcher
from oinlint.rules.catalogue import Catalogue

__all__ = ["load_run_settings", "require_paths", "require_rules"]


def _config_files(cwd: Path, config: Path | None) -> list[Path]:
    """The files :func:`load_settings` may have read, in its order (to name the one that was
    too deeply nested)."""
    if config is not None:
        return [config]
    return [d / n for d in (cwd, *cwd.parents) for n in CONFIG_NAMES if (d / n).is_file()]


def _deep_file(cwd: Path, config: Path | None) -> str:
    for path in _config_files(cwd, config):
        try:
            tomllib.loads(path.read_text(encoding="utf-8", errors="replace"))
        except RecursionError:
            return str(path)
        except (OSError, ValueError):
            continue
    return "the configuration file"


def _check_patterns(settings: Settings) -> None:
    """Every glob compiles (``[z-a]`` is a bad character range)."""
    keyed = [("exclude", p) for p in settings.exclude]
    keyed += [("extend-exclude", p) for p in settings.extend_exclude]
    keyed += [("per-file-ignores", p) for p in settings.per_file_ignores]
    for key, pattern in keyed:
        try:
            ExcludeMatcher([pattern])
        except re.error as exc:
            where = f"{settings.config_file}: " if settings.config_file else ""
            raise UsageError(f"{where}'{key}': {pattern!r} is not a valid pattern "
                             f"({exc.msg})") from None


def load_run_settings(
    catalogue: Catalogue, *, cwd: Path | None = None, config: Path | None = None,
    isolated: bool = False, paths: Sequence[str] = (),
) -> Settings:
    """:func:`load_settings` with every configuration problem as a :class:`UsageError`."""
    try:
        settings = load_settings(catalogue, cwd=cwd, config=config, isolated=isolated,
                                 paths=paths)
    except ConfigError as exc:
        raise UsageError(str(exc)) from None
    except RecursionError:
        where = _deep_file((cwd or Path.cwd()).resolve(), config)
        raise UsageError(f"{where}: not valid TOML: nested too deeply") from None
    _check_patterns(settings)
    return settings

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
