"""Okta knowledge oinlint's rules rest on: operations, their scopes, and the URL matcher.

The data is generated from Okta's OpenAPI specs by ``scripts/generate_okta_data.py`` and ships
in the wheel (``oinlint/okta/data``); nothing here touches the network.
"""

from __future__ import annotations

from oinlint.okta.matcher import MatchResult, MatchStatus, lookup, match, normalise_path
from oinlint.okta.spec import (
    Operation,
    Scope,
    data_meta,
    implied_by,
    is_known_scope,
    operation_by_id,
    operations,
    operations_by_id,
    satisfies,
    scope,
    scopes,
    snake_case,
    suggest,
    twin,
)

__all__ = [
    "MatchResult",
    "MatchStatus",
    "Operation",
    "Scope",
    "data_meta",
    "implied_by",
    "is_known_scope",
    "lookup",
    "match",
    "normalise_path",
    "operation_by_id",
    "operations",
    "operations_by_id",
    "satisfies",
    "scope",
    "scopes",
    "snake_case",
    "suggest",
    "twin",
]
