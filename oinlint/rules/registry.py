"""The rule registry: every ``rules/*.yaml`` paired with exactly one implementation.

Implementations come from :mod:`oinlint.checks` (file, project and the tool's own rules, each
recorded by its decorator) and :mod:`oinlint.live.rules` (the verifier's outcomes, scope
``live``). Pairing fails with :class:`RegistryError`, naming every problem, on a YAML without
an implementation, an implementation without a YAML, two implementations of one code, or an
implementation at another scope than its YAML declares. The test suite pairs the shipped
catalogue, so a rule cannot be half added.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from oinlint import checks
from oinlint.live.rules import LIVE_RULES
from oinlint.rules.catalogue import RuleSpec, load_catalogue
from oinlint.rules.implementation import Implementation

__all__ = [
    "RegisteredRule",
    "Registry",
    "RegistryError",
    "implementations",
    "load_registry",
    "registry_problems",
]


class RegistryError(Exception):
    """The catalogue and the implementations do not pair one to one."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class RegisteredRule:
    """A rule as a unit: its catalogue entry and its one implementation."""

    spec: RuleSpec
    implementation: Implementation


class Registry(Mapping[str, RegisteredRule]):
    """Rules by code, in code order, each with its implementation."""

    def __init__(self, rules: Mapping[str, RegisteredRule]) -> None:
        self._rules = dict(sorted(rules.items()))

    def __getitem__(self, code: str) -> RegisteredRule:
        return self._rules[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._rules)

    def __len__(self) -> int:
        return len(self._rules)


def implementations() -> tuple[Implementation, ...]:
    """Every implementation registered in the code base, duplicates included."""
    return (*checks.IMPLEMENTATIONS, *(rule.implementation for rule in LIVE_RULES))


def registry_problems(catalogue: Mapping[str, RuleSpec],
                      found: Iterable[Implementation]) -> list[str]:
    """Why ``catalogue`` and ``found`` do not pair one to one (empty when they do)."""
    by_code: dict[str, list[Implementation]] = {}
    for implementation in found:
        by_code.setdefault(implementation.code, []).append(implementation)
    problems: list[str] = []
    for code in sorted(set(catalogue) | set(by_code)):
        spec = catalogue.get(code)
        impls = by_code.get(code, [])
        if spec is None:
            origins = ", ".join(i.origin for i in impls)
            problems.append(f"{code}: implemented by {origins} but has no rules/{code}-*.yaml")
        elif not impls:
            problems.append(f"{code}: {spec.source.name} has no implementation")
        elif len(impls) > 1:
            origins = ", ".join(i.origin for i in impls)
            problems.append(f"{code}: {len(impls)} implementations ({origins}); a rule has one")
        elif impls[0].scope != spec.scope:
            problems.append(
                f"{code}: {spec.source.name} declares scope: {spec.scope} but "
                f"{impls[0].origin} is a {impls[0].scope} rule (runs on {impls[0].runs_on})")
    return problems


def load_registry(catalogue: Mapping[str, RuleSpec] | None = None,
                  found: Iterable[Implementation] | None = None) -> Registry:
    """Pair the catalogue (default: the shipped one) with the implementations (default: all)."""
    specs = catalogue if catalogue is not None else load_catalogue()
    impls = tuple(found) if found is not None else implementations()
    problems = registry_problems(specs, impls)
    if problems:
        raise RegistryError(problems)
    return Registry({i.code: RegisteredRule(specs[i.code], i) for i in impls})
