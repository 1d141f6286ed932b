"""Every example in every rule YAML is a test: bad ones must be found where they say, good
ones must not be found at all (Fixit's VALID/INVALID, kept in the catalogue)."""

from __future__ import annotations

from pathlib import Path

import pytest

from oinlint.config import Settings
from oinlint.engine import check
from oinlint.findings import Finding
from oinlint.rules.catalogue import Example, RuleSpec, load_catalogue

CATALOGUE = load_catalogue()


def _cases() -> list[tuple[RuleSpec, int, Example]]:
    return [(spec, i, ex) for spec in CATALOGUE.values() for i, ex in enumerate(spec.examples)]


def _run(tmp_path: Path, spec: RuleSpec,
         example: Example) -> tuple[list[Finding], list[str], Path]:
    target = tmp_path / example.file
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(example.code, encoding="utf-8")
    for name, code in example.files:  # code and a submission together (OIN2xx)
        extra = tmp_path / name
        extra.parent.mkdir(parents=True, exist_ok=True)
        extra.write_text(code, encoding="utf-8")
    # All rules on, as users run them (OIN000 depends on other rules' keywords, OIN001 on the
    # rules a suppression names); only the rule under test is asserted.
    settings = Settings(root=tmp_path, respect_gitignore=False)
    result = check([str(tmp_path if example.files else target)], settings)
    found = [f for f in result.findings if f.code == spec.code]
    return found, example.code.splitlines(), target


def _in(finding: Finding, target: Path) -> bool:
    path = Path(finding.span.path)
    return (path if path.is_absolute() else Path.cwd() / path).resolve() == target.resolve()


def _text_at(lines: list[str], finding: Finding) -> str:
    span = finding.span
    if span.line == span.end_line:
        text: str = lines[span.line - 1][span.column - 1 : span.end_column - 1]
        return text
    parts = [lines[span.line - 1][span.column - 1 :], *lines[span.line : span.end_line - 1],
             lines[span.end_line - 1][: span.end_column - 1]]
    return "\n".join(parts)


@pytest.mark.parametrize(
    ("spec", "index", "example"),
    _cases(),
    ids=[f"{s.code}-{'bad' if e.bad else 'good'}-{i}-{e.file}" for s, i, e in _cases()],
)
def test_example(tmp_path: Path, spec: RuleSpec, index: int, example: Example) -> None:
    if spec.scope == "live":
        pytest.skip("live rules' examples are emulator scenarios: tests/test_live_examples.py")
    findings, lines, target = _run(tmp_path, spec, example)
    if not example.bad:
        seen = "; ".join(f"{f.span.line}:{f.span.column} {f.message}" for f in findings)
        assert findings == [], f"{spec.code} must not fire on good example {example.file}: {seen}"
        return
    assert findings, f"{spec.code} missed bad example {example.file} ({example.note})"
    main = [f for f in findings if _in(f, target)]
    got = {(f.span.line, _text_at(lines, f)) for f in main}
    for expected in example.expect:
        at_line = [f for f in main if f.span.line == expected.line]
        assert at_line, f"expected {spec.code} at line {expected.line}, got {sorted(got)}"
        if expected.text is not None:
            assert expected.text in {_text_at(lines, f) for f in at_line}, (
                f"expected span text {expected.text!r} at line {expected.line}, got {sorted(got)}")
        if expected.column is not None:
            assert expected.column in {f.span.column for f in at_line}


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_every_rule_has_three_bad_and_three_good_examples(code: str) -> None:
    spec = CATALOGUE[code]
    assert sum(e.bad for e in spec.examples) >= 3
    assert sum(not e.bad for e in spec.examples) >= 3
    for example in spec.examples:
        if example.bad:
            assert example.expect, f"{code} bad example {example.file} has no expected span"
