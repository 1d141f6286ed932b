"""Every rule is one unit: its YAML and exactly one implementation, at the scope it declares.

The check is run on the shipped catalogue and code (must pass) and on deliberately broken
registries (must fail), so a passing run means something.
"""

from __future__ import annotations

import dataclasses
import pkgutil
from collections.abc import Callable, Iterator, Mapping

import pytest

from oinlint import checks
from oinlint.checks import interface
from oinlint.facts import FileFacts, ParseProblem, Span
from oinlint.live.rules import LIVE_RULES
from oinlint.rules.catalogue import RuleSpec, load_catalogue
from oinlint.rules.implementation import SCOPES, Implementation
from oinlint.rules.registry import (
    RegistryError,
    implementations,
    load_registry,
    registry_problems,
)

CATALOGUE = load_catalogue()


@dataclasses.dataclass(frozen=True)
class _SuppressionProblem:  # the shape of the engine's SuppressionProblem
    span: Span
    message: str
    fix: str | None = None


Case = tuple[Mapping[str, RuleSpec], tuple[Implementation, ...]]


def assert_one_implementation_each(catalogue: Mapping[str, RuleSpec],
                                   found: tuple[Implementation, ...]) -> None:
    problems = registry_problems(catalogue, found)
    assert problems == [], "\n".join(problems)
    assert set(load_registry(catalogue, found)) == set(catalogue)


def _shipped() -> Case:
    return CATALOGUE, implementations()


def _without(code: str) -> tuple[Implementation, ...]:
    return tuple(i for i in implementations() if i.code != code)


def _yaml_without_code() -> Case:
    return CATALOGUE, _without("OIN404")


def _code_without_yaml() -> Case:
    return {c: s for c, s in CATALOGUE.items() if c != "OIN404"}, implementations()


def _two_implementations() -> Case:
    extra = Implementation("OIN404", "file", "file facts", "tests.another_oin404")
    return CATALOGUE, (*implementations(), extra)


def _scope_mismatch() -> Case:
    changed = tuple(dataclasses.replace(i, scope="project") if i.code == "OIN404" else i
                    for i in implementations())
    return CATALOGUE, changed


def _live_rule_missing() -> Case:
    return CATALOGUE, _without("OIN903")


def _yaml_scope_changed() -> Case:
    catalogue = dict(CATALOGUE)
    catalogue["OIN000"] = dataclasses.replace(CATALOGUE["OIN000"], scope="file")
    return catalogue, implementations()


BROKEN: dict[str, tuple[Callable[[], Case], str]] = {
    "yaml-without-code": (_yaml_without_code, r"OIN404: OIN404-\S+\.yaml has no implementation"),
    "code-without-yaml": (_code_without_yaml, r"OIN404: implemented by \S+ but has no rules/"),
    "two-implementations": (_two_implementations, r"OIN404: 2 implementations"),
    "scope-mismatch": (_scope_mismatch, r"OIN404: \S+ declares scope: file but \S+ is a project"),
    "live-rule-missing": (_live_rule_missing, r"OIN903: \S+ has no implementation"),
    "yaml-scope-changed": (_yaml_scope_changed, r"OIN000: \S+ declares scope: file but \S+ is "
                                                r"a tool rule"),
}


def test_every_rule_has_exactly_one_implementation_at_its_scope() -> None:
    assert_one_implementation_each(*_shipped())


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_the_check_fails_on_a_broken_registry(case: str) -> None:
    make, expected = BROKEN[case]
    catalogue, found = make()
    with pytest.raises(AssertionError, match=expected):
        assert_one_implementation_each(catalogue, found)
    with pytest.raises(RegistryError, match=expected):
        load_registry(catalogue, found)


def test_a_second_registration_by_the_decorator_is_caught(
        monkeypatch: pytest.MonkeyPatch) -> None:
    registered = list(interface.IMPLEMENTATIONS)
    monkeypatch.setattr(interface, "IMPLEMENTATIONS", registered)
    monkeypatch.setattr(checks, "IMPLEMENTATIONS", registered)
    monkeypatch.setattr(interface, "FILE_RULES", dict(interface.FILE_RULES))

    @interface.file_rule("OIN101")
    def ssws_again(facts: FileFacts) -> Iterator[checks.Hit]:
        return iter(())

    with pytest.raises(RegistryError, match=r"OIN101: 2 implementations .*ssws_again"):
        load_registry()


def test_the_registry_pairs_every_rule() -> None:
    registry = load_registry()
    assert list(registry) == list(CATALOGUE)
    for code, rule in registry.items():
        assert rule.spec is CATALOGUE[code]
        assert rule.implementation.scope == rule.spec.scope in SCOPES


def test_the_engine_tables_hold_the_registered_functions() -> None:
    kinds: dict[str, Mapping[str, object]] = {
        "file facts": checks.FILE_RULES, "project facts": checks.PROJECT_RULES,
        "suppression problems": checks.SUPPRESSION_RULES}
    for runs_on, table in kinds.items():
        assert sorted(table) == sorted(i.code for i in checks.IMPLEMENTATIONS
                                       if i.runs_on == runs_on)
    assert "OIN000" in checks.FILE_RULES and "OIN001" in checks.SUPPRESSION_RULES


def test_live_rules_are_the_live_scope() -> None:
    assert [rule.code for rule in LIVE_RULES] == [
        code for code, spec in CATALOGUE.items() if spec.scope == "live"]
    assert all(rule.steps and rule.outcome for rule in LIVE_RULES)


def test_every_rule_module_of_the_package_is_listed() -> None:
    listed = {module.__name__ for module in checks.RULE_MODULES}
    present = {f"oinlint.checks.{info.name}" for info in pkgutil.iter_modules(checks.__path__)}
    assert listed == present - {"oinlint.checks.interface"}


def test_oin000_and_oin001_report_their_problems() -> None:
    span = Span("a.py", 2, 1, 2, 5)
    facts = FileFacts("a.py", "python", problems=(ParseProblem(span, "invalid syntax"),))
    assert list(checks.FILE_RULES["OIN000"](facts)) == [
        checks.Hit(span, args={"problem": "invalid syntax"})]
    problems = [_SuppressionProblem(span, "unused suppression", "Remove OIN402.")]
    assert list(checks.SUPPRESSION_RULES["OIN001"](problems)) == [
        checks.Hit(span, args={"problem": "unused suppression"}, fix="Remove OIN402.")]
