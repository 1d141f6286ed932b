"""Every rule YAML example with ``fixed:`` is a test of ``oinlint check --fix``: its files are
written to a fresh project, fixed (``--unsafe-fixes`` too when the rule's fix is unsafe), and
each named file must read exactly as ``fixed:`` says; a second ``--fix`` changes nothing.
Every rule with an ``autofix:`` carries such an example, and its page shows the text after
the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from oinlint.cli import main
from oinlint.rules.catalogue import Example, RuleSpec, load_catalogue
from oinlint.rules.docs import rule_markdown

CATALOGUE = load_catalogue()
CASES = [(spec, i, ex) for spec in CATALOGUE.values()
         for i, ex in enumerate(e for e in spec.examples if e.bad) if ex.fixed]


def _write(root: Path, example: Example) -> dict[str, str]:
    files = {example.file: example.code, **dict(example.files)}
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return files


def _fix(capsys: pytest.CaptureFixture[str], spec: RuleSpec) -> str:
    """``--fix``, with ``--unsafe-fixes`` for a rule whose fix is unsafe."""
    unsafe = ["--unsafe-fixes"] if spec.autofix.get("safety") != "safe" else []
    main(["check", "--no-cache", "--fix", *unsafe, "."])
    return capsys.readouterr().err


@pytest.mark.parametrize(("spec", "index", "example"), CASES,
                         ids=[f"{s.code}-bad-{i}" for s, i, _ in CASES])
def test_fixed_example_reads_exactly_as_its_yaml_says_and_refixing_is_a_no_op(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        spec: RuleSpec, index: int, example: Example) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    files = _write(tmp_path, example)
    _fix(capsys, spec)
    expected = {**files, **dict(example.fixed)}
    got = {name: (tmp_path / name).read_text(encoding="utf-8") for name in expected}
    assert got == expected, f"{spec.code} bad example {index} ({example.note})"
    assert "applied 0 fix(es)" in _fix(capsys, spec)
    assert {name: (tmp_path / name).read_text(encoding="utf-8") for name in expected} == expected


def test_every_rule_with_an_autofix_has_an_example_with_its_fixed_text() -> None:
    with_fix = {spec.code for spec in CATALOGUE.values() if spec.autofix}
    assert with_fix and with_fix == {spec.code for spec, _, _ in CASES}


def test_fixed_examples_differ_from_what_they_fix() -> None:
    for spec, index, example in CASES:
        before = {example.file: example.code, **dict(example.files)}
        assert any(before.get(name) != text for name, text in example.fixed), (spec.code, index)


def test_rule_page_shows_the_fixed_text_after_the_bad_example() -> None:
    page = rule_markdown(CATALOGUE["OIN202"])
    before = page.index("  - name: okta.users.manage")
    after = page.index("After `oinlint check --fix`:")
    assert before < after < page.index("  - name: okta.users.read", after) < page.index(
        "## Use instead")
