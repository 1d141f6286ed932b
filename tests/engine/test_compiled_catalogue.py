"""The rule catalogue is read at start-up from its compiled JSON, never a stale one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from oinlint.rules.catalogue import COMPILED_NAME, compile_catalogue, load_catalogue

ROOT = Path(__file__).resolve().parents[2]


def test_the_committed_compiled_catalogue_is_current() -> None:
    committed = (ROOT / "rules" / COMPILED_NAME).read_text(encoding="utf-8")
    assert committed == compile_catalogue(ROOT / "rules"), (
        "run `python scripts/generate_docs.py` after editing rules/*.yaml")


def test_the_compiled_catalogue_gives_the_rules_the_yaml_gives(tmp_path: Path) -> None:
    only_yaml = tmp_path / "yaml"
    shutil.copytree(ROOT / "rules", only_yaml)
    (only_yaml / COMPILED_NAME).unlink()
    assert dict(load_catalogue(ROOT / "rules")) == dict(load_catalogue(only_yaml))


@pytest.mark.parametrize("change", ["edit", "add"])
def test_an_edited_yaml_wins_over_a_stale_compiled_catalogue(tmp_path: Path, change: str) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    source = rules / "OIN101-ssws-authorization-header.yaml"
    document = yaml.safe_load(source.read_text(encoding="utf-8"))
    document["message"] = "an edited message"
    if change == "add":
        document["code"] = "OIN199"
        source = rules / "OIN199-added.yaml"
    source.write_text(yaml.safe_dump(document), encoding="utf-8")
    catalogue = load_catalogue(rules)
    assert catalogue["OIN199" if change == "add" else "OIN101"].message == "an edited message"
