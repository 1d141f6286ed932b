"""Configuration: ``[tool.oinlint]`` in ``pyproject.toml`` or the top level of ``oinlint.toml``.

The configuration file at the project root wins (no implicit merging, as ruff); where the root
is, and why a file above the git work tree is never used, is :mod:`oinlint.projectroot`.
``--config`` chooses the settings, not the root. Every key is checked: an unknown key or a bad
value is a :class:`ConfigError` that names the file, the key and what is allowed.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from oinlint.findings import Severity
from oinlint.projectroot import (
    CONFIG_NAMES,
    ProjectRoot,
    find_project,
    marks_project,
    start_folder,
)
from oinlint.rules.catalogue import Catalogue

__all__ = [
    "CONFIG_NAMES",
    "DEFAULT_EXCLUDE",
    "DEFAULT_TEST_PATHS",
    "OFF_IN_TEST_PATHS",
    "ConfigError",
    "ProjectRoot",
    "Settings",
    "find_config",
    "load_settings",
]

DEFAULT_EXCLUDE = (
    ".git",
    ".hg",
    ".svn",
    ".venv",
    "venv",
    ".tox",
    ".nox",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    ".oinlint_cache",
    "__pycache__",
    "node_modules",
    "site-packages",
    "dist",
    "build",
    "_build",
    # built front-end bundles (Next.js output, minified scripts): machine-made, not the source
    ".next",
    "_next",
    "*.min.js",
    ".terraform",
    "vendor",
)

class ConfigError(Exception):
    """A configuration problem, worded for the user: file, key, what is allowed."""


# Tests, fixtures, mocks and documentation: they pin one org, turn TLS off for a local double
# and print made-up secrets on purpose. Only the credential rules that recognise a credential
# by itself report there (OIN101-OIN104: a real API token committed in a test is as leaked as
# one in code) unless ``test-paths`` says otherwise; OIN105 is off, as a fixture's client
# secret or signing key looks like a real one, and so is OIN607, as a project whose only Okta
# code is its tests' is no integration to submit. Gitignore-flavoured globs, as ``exclude``.
DEFAULT_TEST_PATHS: tuple[str, ...] = (
    "test", "tests", "__tests__", "__mocks__", "mocks", "mock", "fixtures", "testdata",
    "spec", "docs", "test_*.py", "*_test.py", "conftest.py", "*_test.go", "*.test.*",
    "*.spec.*", "*.mock.*", "*Test.java", "*Tests.java", "*Tests.cs", "*_spec.rb",
)
# The rule families that are off in test paths (selectors, as in ``per-file-ignores``).
OFF_IN_TEST_PATHS: tuple[str, ...] = ("OIN105", "OIN2", "OIN3", "OIN4", "OIN5", "OIN607")


def test_path_ignores(globs: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """The per-file-ignores entries that ``test-paths`` stands for."""
    return {glob: OFF_IN_TEST_PATHS for glob in globs}


@dataclass(frozen=True)
class Settings:
    """Resolved settings for one run."""

    root: Path = field(default_factory=Path.cwd)
    config_file: Path | None = None
    select: tuple[str, ...] = ("ALL",)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    # The whole per-file-ignores table: ``test-paths``' entries, then the user's own.
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: test_path_ignores(DEFAULT_TEST_PATHS))
    test_paths: tuple[str, ...] = DEFAULT_TEST_PATHS
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    fail_on: Severity = Severity.LOW
    submission: str | None = None
    # ``submission`` as the configuration file gave it: the run reads that file only inside the
    # project root, while a different ``submission`` (``--submission``, the API) is the user's.
    config_submission: str | None = None
    require_reason: bool = False
    severity: Mapping[str, Severity] = field(default_factory=dict)
    max_file_size: int = 1_048_576
    respect_gitignore: bool = True
    # The project the run belongs to (None: the API's default, or ``--isolated``: the paths
    # named are the whole run). With one, the CLI backs project rules with all its files.
    project: ProjectRoot | None = None
    # Host names of Okta orgs reached through a custom domain (``login.acme.com``): a URL
    # naming one is Okta code's (OIN402, OIN403, OIN405 evidence), as ``*.okta.com`` is.
    okta_domains: tuple[str, ...] = ()
    # ``[tool.oinlint.fix] oauth-module``: where the SSWS fix writes its OAuth module
    # (relative to the root; None: ``okta_oauth.py`` next to the fixed code).
    fix_oauth_module: str | None = None

    def enabled_codes(self, catalogue: Catalogue) -> frozenset[str]:
        """The codes this configuration turns on, after select / extend-select / ignore."""
        chosen: set[str] = set()
        for selector in (*self.select, *self.extend_select):
            chosen.update(catalogue.matching(selector))
        for selector in self.ignore:
            chosen.difference_update(catalogue.matching(selector))
        return frozenset(chosen)

    def with_overrides(self, **changes: Any) -> Settings:
        return replace(self, **changes)


_KEYS = {
    "select": "a list of rule codes or prefixes, e.g. [\"OIN1\", \"OIN201\"] or [\"ALL\"]",
    "extend-select": "a list of rule codes or prefixes added to 'select'",
    "ignore": "a list of rule codes or prefixes to turn off",
    "per-file-ignores": "a table of glob = [codes], e.g. {\"tests/**\" = [\"OIN103\"]}",
    "test-paths": "a list of glob patterns of tests, fixtures, mocks and docs, where only "
                  "the OIN101-OIN104 credential rules report (replaces the default list; [] "
                  "turns this off)",
    "exclude": "a list of glob patterns (replaces the default excludes)",
    "extend-exclude": "a list of glob patterns added to the default excludes",
    "fail-on": "one of: info, low, medium, high, critical",
    "submission": "the path of oin-submission.yaml, relative to the config file",
    "require-reason": "true or false",
    "severity": "a table of code = severity, e.g. {OIN104 = \"low\"}",
    "max-file-size": "a positive number of bytes",
    "respect-gitignore": "true or false",
    "fix": "a table of --fix settings: oauth-module = \"path/okta_oauth.py\" (a .py path "
           "relative to the project root, where the SSWS fix writes its OAuth module)",
    "okta-domains": "a list of host names of Okta orgs reached through a custom domain, "
                    "e.g. [\"login.acme.com\"] (a host name, not a URL)",
}
# A host name: dot-separated labels of letters, digits and inner hyphens, at least two labels.
_HOST_NAME = re.compile(r"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+"
                        r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")


def find_config(start: Path) -> tuple[Path, Mapping[str, Any]] | None:
    """The configuration file of the project holding ``start`` (never above its git top)."""
    project = find_project(start.resolve(), _read_table)
    if project.config is None or project.table is None:
        return None
    return project.config, project.table


def _read_table(path: Path) -> Mapping[str, Any] | None:
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    if path.name == "pyproject.toml":
        tool = document.get("tool", {})
        table = tool.get("oinlint") if isinstance(tool, dict) else None
        return table if isinstance(table, dict) else None
    return document


def _codes(value: Any, path: Path, key: str, catalogue: Catalogue) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{path}: '{key}' must be {_KEYS.get(key, 'a list of codes')}")
    for selector in value:
        if not catalogue.matching(selector):
            hint = difflib.get_close_matches(selector.upper(), list(catalogue), n=1)
            suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
            raise ConfigError(
                f"{path}: '{key}' names unknown rule code '{selector}'{suggestion}; "
                f"known codes: {', '.join(catalogue)} (prefixes like 'OIN1' and 'ALL' work too)"
            )
    return tuple(v.upper() for v in value)


def _globs(value: Any, path: Path, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{path}: '{key}' must be {_KEYS[key]}")
    return tuple(value)


def _host_names(value: Any, path: Path, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{path}: '{key}' must be {_KEYS[key]}")
    for host in value:
        if not _HOST_NAME.match(host.lower()):
            raise ConfigError(f"{path}: '{key}' must be {_KEYS[key]}; {host!r} is not a host name")
    return tuple(host.lower() for host in value)


def _bool(value: Any, path: Path, key: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{path}: '{key}' must be true or false, not {value!r}")
    return value


def _severity(value: Any, path: Path, key: str) -> Severity:
    try:
        return Severity.parse(str(value))
    except ValueError:
        raise ConfigError(
            f"{path}: '{key}' must be one of info, low, medium, high, critical, not {value!r}"
        ) from None


def _fix_table(raw: Any, path: Path) -> str | None:
    """``fix = {oauth-module = "…"}``: a relative ``.py`` path inside the project."""
    if not isinstance(raw, dict) or set(raw) - {"oauth-module"}:
        raise ConfigError(f"{path}: 'fix' must be {_KEYS['fix']}")
    module = raw.get("oauth-module")
    if module is None:
        return None
    parts = Path(str(module)).parts if isinstance(module, str) else ()
    if not parts or not str(module).endswith(".py") or Path(str(module)).is_absolute() \
            or ".." in parts:
        raise ConfigError(f"{path}: 'fix.oauth-module' must be a .py path relative to the "
                          f"project root, not {module!r}")
    return str(module)


def settings_from_table(
    table: Mapping[str, Any], path: Path, catalogue: Catalogue, root: Path | None = None
) -> Settings:
    """Check every key of a configuration table and build :class:`Settings` from it."""
    for key in table:
        if key not in _KEYS:
            hint = difflib.get_close_matches(key, list(_KEYS), n=1)
            suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
            if key == "tool" and isinstance(table[key], Mapping) and "oinlint" in table[key]:
                suggestion = (" ([tool.oinlint] belongs in pyproject.toml; in this file write "
                              "the keys at the top level, without a table header)")
            raise ConfigError(
                f"{path}: unknown key '{key}'{suggestion}; allowed keys: {', '.join(_KEYS)}"
            )
    settings = Settings(root=root or path.parent, config_file=path)
    changes: dict[str, Any] = {}
    for key in ("select", "extend-select", "ignore"):
        if key in table:
            changes[key.replace("-", "_")] = _codes(table[key], path, key, catalogue)
    test_paths = (_globs(table["test-paths"], path, "test-paths") if "test-paths" in table
                  else DEFAULT_TEST_PATHS)
    ignores = test_path_ignores(test_paths)
    if "per-file-ignores" in table:
        raw = table["per-file-ignores"]
        if not isinstance(raw, dict):
            raise ConfigError(f"{path}: 'per-file-ignores' must be {_KEYS['per-file-ignores']}")
        for glob, codes in raw.items():
            ignores[str(glob)] = (*ignores.get(str(glob), ()),
                                  *_codes(codes, path, f"per-file-ignores.{glob}", catalogue))
    changes["per_file_ignores"] = ignores
    changes["test_paths"] = test_paths
    for key in ("exclude", "extend-exclude"):
        if key in table:
            changes[key.replace("-", "_")] = _globs(table[key], path, key)
    if "fail-on" in table:
        changes["fail_on"] = _severity(table["fail-on"], path, "fail-on")
    if "submission" in table:
        if not isinstance(table["submission"], str) or not table["submission"]:
            raise ConfigError(f"{path}: 'submission' must be {_KEYS['submission']}")
        changes["submission"] = changes["config_submission"] = table["submission"]
    for key in ("require-reason", "respect-gitignore"):
        if key in table:
            changes[key.replace("-", "_")] = _bool(table[key], path, key)
    if "severity" in table:
        raw = table["severity"]
        if not isinstance(raw, dict):
            raise ConfigError(f"{path}: 'severity' must be {_KEYS['severity']}")
        for code in raw:
            if code.upper() not in catalogue:
                raise ConfigError(f"{path}: 'severity' names unknown rule code '{code}'")
        changes["severity"] = {
            code.upper(): _severity(level, path, f"severity.{code}") for code, level in raw.items()
        }
    if "okta-domains" in table:
        changes["okta_domains"] = _host_names(table["okta-domains"], path, "okta-domains")
    if "fix" in table:
        changes["fix_oauth_module"] = _fix_table(table["fix"], path)
    if "max-file-size" in table:
        size = table["max-file-size"]
        if not isinstance(size, int) or isinstance(size, bool) or size <= 0:
            raise ConfigError(f"{path}: 'max-file-size' must be {_KEYS['max-file-size']}")
        changes["max_file_size"] = size
    return replace(settings, **changes)


def load_settings(
    catalogue: Catalogue,
    cwd: Path | None = None,
    config: Path | None = None,
    isolated: bool = False,
    paths: Sequence[str] = (),
) -> Settings:
    """Settings for a run started in ``cwd`` over ``paths``: the project is found from the
    folder holding the paths (``cwd`` without paths); ``config`` replaces its configuration
    file but not its root. ``isolated``: no configuration and no project, the root is ``cwd``."""
    cwd = (cwd or Path.cwd()).resolve()
    if isolated:
        return Settings(root=cwd)
    # With --config the files at the root only mark it: they are not read as settings.
    reader = _read_table if config is None else marks_project
    project = find_project(start_folder(paths, cwd) if paths else cwd, reader, cwd)
    root = project.root if project.found else cwd
    if config is not None:
        if not config.is_file():
            raise ConfigError(f"{config}: configuration file not found")
        table = _read_table(config)
        if table is None:
            raise ConfigError(f"{config}: has no [tool.oinlint] table")
        settings = settings_from_table(table, config.resolve(), catalogue, root=root)
    elif project.config is not None and project.table is not None:
        settings = settings_from_table(project.table, project.config, catalogue, root=root)
    else:
        settings = Settings(root=root)
    return replace(settings, project=project if project.found else None)


def parse_code_list(values: Sequence[str], catalogue: Catalogue, option: str) -> tuple[str, ...]:
    """Codes given on the command line (comma separated), checked like the config keys."""
    codes = [c.strip() for value in values for c in value.split(",") if c.strip()]
    return _codes(codes, Path("<command line>"), option, catalogue)
