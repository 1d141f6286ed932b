"""What the rule registry knows about one rule's code: its code, scope and where it lives.

A rule is a YAML in ``rules/`` plus exactly one implementation. Implementations are made in
three places (``oinlint.checks`` for file, project and the tool's own rules;
``oinlint.live.rules`` for the verifier's); each records itself as an :class:`Implementation`
so that :mod:`oinlint.rules.registry` can pair it with its YAML and check the scope the YAML
declares. This module is a leaf: both sides import it, it imports neither.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["SCOPES", "Implementation", "Scope"]

# The scopes a rule's YAML may declare (``scope:``): what the rule looks at.
Scope = Literal["file", "project", "live", "tool"]
SCOPES: tuple[Scope, ...] = ("file", "project", "live", "tool")


@dataclass(frozen=True, slots=True)
class Implementation:
    """One rule's code: ``scope`` must equal the ``scope:`` of the rule's YAML.

    ``runs_on`` says what the engine (or the verifier) hands the implementation: ``file facts``,
    ``project facts``, ``suppression problems`` or ``a verify run``; ``origin`` names the
    function or table entry, for the registry's messages.
    """

    code: str
    scope: Scope
    runs_on: str
    origin: str
