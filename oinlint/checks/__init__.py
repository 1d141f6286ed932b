"""Rule implementations: small functions that read facts and yield hits.

Rule modules write against :mod:`oinlint.checks.interface` (``Hit``, ``ProjectFacts``, the
``file_rule`` / ``project_rule`` / ``suppression_rule`` decorators). This package imports every
rule module by name (:data:`RULE_MODULES`), so importing it registers every rule; the engine
reads the tables below. Rules never parse source and never decide their own severity or
wording beyond message arguments: those come from the catalogue (``rules/*.yaml``), and
:mod:`oinlint.rules.registry` checks that each YAML has exactly one implementation here (or in
:mod:`oinlint.live.rules`) at the scope it declares.
"""

from __future__ import annotations

from types import ModuleType

from oinlint.checks import credentials, hygiene, lifecycle, scopes, submission, tool, transport
from oinlint.checks.interface import (
    FILE_RULES,
    IMPLEMENTATIONS,
    PROJECT_RULES,
    SUPPRESSION_RULES,
    Hit,
    ProjectFacts,
    file_rule,
    project_rule,
    suppression_rule,
)

__all__ = [
    "FILE_RULES",
    "IMPLEMENTATIONS",
    "PROJECT_RULES",
    "RULE_MODULES",
    "SUPPRESSION_RULES",
    "Hit",
    "ProjectFacts",
    "file_rule",
    "project_rule",
    "suppression_rule",
]

# Every module that registers rules; a new rule module is added here (a test checks the list
# against the package's files).
RULE_MODULES: tuple[ModuleType, ...] = (
    tool, credentials, scopes, lifecycle, transport, hygiene, submission)

