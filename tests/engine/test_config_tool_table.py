"""`[tool.oinlint]` written in oinlint.toml (issue 14 item 5): the error says where it belongs
instead of only "unknown key 'tool'"."""

from __future__ import annotations

from pathlib import Path

import pytest

from oinlint.config import ConfigError, settings_from_table
from oinlint.rules.catalogue import load_catalogue


def test_tool_oinlint_table_in_oinlint_toml_says_where_it_belongs(tmp_path: Path) -> None:
    path = tmp_path / "oinlint.toml"
    with pytest.raises(ConfigError) as info:
        settings_from_table({"tool": {"oinlint": {"select": ["OIN1"]}}}, path, load_catalogue())
    assert str(info.value).startswith(
        f"{path}: unknown key 'tool' ([tool.oinlint] belongs in pyproject.toml; in this file "
        "write the keys at the top level, without a table header); allowed keys: select")


def test_another_unknown_tool_key_keeps_the_plain_message(tmp_path: Path) -> None:
    path = tmp_path / "oinlint.toml"
    with pytest.raises(ConfigError, match=r"unknown key 'tool'; allowed keys"):
        settings_from_table({"tool": 1}, path, load_catalogue())
