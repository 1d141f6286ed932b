"""The scopes each Terraform ``okta`` provider resource and data source needs.

A configuration that manages ``okta_group`` needs ``okta.groups.manage``; one that only reads
``data "okta_users"`` needs ``okta.users.read``. The table (``data/terraform_resources.json``)
is hand-curated: each row names the Okta operations the block uses, and a test checks that
the scopes satisfy every one of them. A block missing from it is unknown, never guessed.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

__all__ = ["TerraformBlock", "terraform_block", "terraform_blocks"]


@dataclass(frozen=True, slots=True)
class TerraformBlock:
    """One row: ``kind`` "resource" or "data", the block type, the AND-set of scopes it
    needs, the operations that show it, and where the row comes from."""

    kind: str
    type: str
    scopes: tuple[str, ...]
    operations: tuple[str, ...]
    source: str


@functools.cache
def terraform_blocks() -> dict[tuple[str, str], TerraformBlock]:
    """Every row, keyed by (kind, type)."""
    text = resources.files("oinlint.okta").joinpath(
        "data", "terraform_resources.json").read_text(encoding="utf-8")
    rows: dict[str, dict[str, Any]] = json.loads(text)["blocks"]
    table: dict[tuple[str, str], TerraformBlock] = {}
    for key, row in rows.items():
        kind, _, block_type = key.partition(".")
        table[(kind, block_type)] = TerraformBlock(
            kind, block_type, tuple(str(s) for s in row["scopes"]),
            tuple(str(o) for o in row["operations"]), str(row["source"]))
    return table


def terraform_block(kind: str, block_type: str) -> TerraformBlock | None:
    """The row of ``resource "okta_group"`` (``kind`` "resource") or None when unknown."""
    return terraform_blocks().get((kind, block_type))
