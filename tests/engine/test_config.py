from __future__ import annotations

from pathlib import Path

import pytest

from oinlint.config import DEFAULT_EXCLUDE, ConfigError, Settings, find_config, load_settings
from oinlint.findings import Severity
from oinlint.rules.catalogue import load_catalogue

CATALOGUE = load_catalogue()


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_config_file(tmp_path: Path) -> None:
    settings = load_settings(CATALOGUE, cwd=tmp_path)
    assert settings.config_file is None
    assert settings.fail_on is Severity.LOW
    assert settings.exclude == DEFAULT_EXCLUDE
    assert settings.enabled_codes(CATALOGUE) == frozenset(CATALOGUE)


def test_pyproject_table_is_read_and_validated(tmp_path: Path) -> None:
    _write(tmp_path / "pyproject.toml", """
[project]
name = "x"

[tool.oinlint]
select = ["OIN1"]
ignore = ["OIN104"]
extend-select = ["OIN001"]
fail-on = "high"
per-file-ignores = {"tests/**" = ["OIN103"]}
extend-exclude = ["fixtures"]
submission = "meta/oin-submission.yaml"
require-reason = true
severity = {OIN102 = "critical"}
""")
    settings = load_settings(CATALOGUE, cwd=tmp_path)
    assert settings.config_file == tmp_path / "pyproject.toml"
    assert settings.fail_on is Severity.HIGH
    assert settings.enabled_codes(CATALOGUE) == {"OIN001", "OIN101", "OIN102", "OIN103", "OIN105"}
    assert settings.per_file_ignores["tests/**"] == ("OIN103",)  # after test-paths' entries
    assert settings.extend_exclude == ("fixtures",)
    assert settings.submission == "meta/oin-submission.yaml"
    assert settings.require_reason is True
    assert settings.severity == {"OIN102": Severity.CRITICAL}


def test_pyproject_without_table_is_skipped_for_a_parent_oinlint_toml(tmp_path: Path) -> None:
    _write(tmp_path / "oinlint.toml", 'fail-on = "medium"\n')
    child = tmp_path / "svc"
    child.mkdir()
    _write(child / "pyproject.toml", "[project]\nname = 'svc'\n")
    found = find_config(child)
    assert found is not None and found[0] == tmp_path / "oinlint.toml"
    assert load_settings(CATALOGUE, cwd=child).fail_on is Severity.MEDIUM


def test_closest_config_wins(tmp_path: Path) -> None:
    _write(tmp_path / "oinlint.toml", 'fail-on = "medium"\n')
    child = tmp_path / "svc"
    child.mkdir()
    _write(child / "oinlint.toml", 'fail-on = "critical"\n')
    assert load_settings(CATALOGUE, cwd=child).fail_on is Severity.CRITICAL


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ('selct = ["OIN1"]', "unknown key 'selct' (did you mean 'select'?)"),
        ('fail-on = "severe"', "'fail-on' must be one of info, low, medium, high, critical"),
        ('select = ["OIN9999"]', "unknown rule code 'OIN9999'"),
        ('select = "OIN1"', "'select' must be a list"),
        ('require-reason = "yes"', "'require-reason' must be true or false"),
        ('per-file-ignores = ["x"]', "'per-file-ignores' must be a table"),
        ('severity = {OIN777 = "low"}', "'severity' names unknown rule code 'OIN777'"),
        ('max-file-size = -1', "'max-file-size' must be a positive number"),
        ('exclude = "build"', "'exclude' must be a list of glob patterns"),
    ],
)
def test_bad_keys_and_values_name_file_key_and_allowed(
    tmp_path: Path, body: str, needle: str
) -> None:
    config = _write(tmp_path / "oinlint.toml", body + "\n")
    with pytest.raises(ConfigError) as info:
        load_settings(CATALOGUE, cwd=tmp_path)
    message = str(info.value)
    assert str(config) in message
    assert needle in message


def test_unknown_key_lists_allowed_keys(tmp_path: Path) -> None:
    _write(tmp_path / "oinlint.toml", "colour = true\n")
    with pytest.raises(ConfigError, match="allowed keys: select, extend-select, ignore"):
        load_settings(CATALOGUE, cwd=tmp_path)


def test_broken_toml_is_a_config_error(tmp_path: Path) -> None:
    _write(tmp_path / "oinlint.toml", "select = [\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(CATALOGUE, cwd=tmp_path)


def test_isolated_ignores_config(tmp_path: Path) -> None:
    _write(tmp_path / "oinlint.toml", "bogus = 1\n")
    assert load_settings(CATALOGUE, cwd=tmp_path, isolated=True).config_file is None


def test_prefix_selection_and_all() -> None:
    settings = Settings(select=("OIN10",), ignore=("OIN103",))
    assert settings.enabled_codes(CATALOGUE) == {"OIN101", "OIN102", "OIN104", "OIN105"}
    assert Settings(select=("all",)).enabled_codes(CATALOGUE) == frozenset(CATALOGUE)
