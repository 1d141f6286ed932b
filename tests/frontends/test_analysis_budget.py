"""Issue 13, item 12: a file within ``max-file-size`` whose parse or query would take minutes and
gigabytes is read by the text front end instead, with a notice (OIN000 and a warning line that
names the file and why) and its planted credential still found: bounded, never silent."""

from __future__ import annotations

from pathlib import Path

import huge_inputs
import pytest

from oinlint.config import Settings
from oinlint.engine import check
from oinlint.facts import AuthHeader, TokenRequest
from oinlint.frontends import budget, parse
from oinlint.submission.loader import load_submission
from oinlint.submission.parse import MAX_SUBMISSION_BYTES, TOO_LARGE, parse_submission


def _run(root: Path) -> tuple[set[tuple[str, str, int]], list[str], list[str]]:
    result = check([str(root)], Settings(root=root, respect_gitignore=False))
    found = {(f.code, Path(f.span.path).name, f.span.line) for f in result.findings}
    messages = [f.message for f in result.findings if f.code == "OIN000"]
    return found, messages, list(result.warnings)


def _degraded(tmp_path: Path, name: str, text: str, front_end: str, why: str) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    found, messages, warnings = _run(tmp_path)
    assert ("OIN000", name, 1) in found
    assert ("OIN101", name, 1) in found  # the SSWS header, from the text front end
    assert [m for m in messages if budget.OVER_BUDGET in m and why in m]
    notice = f"over the analysis budget of the {front_end} front end ({why}"
    assert [w for w in warnings if Path(w.split(": ", 1)[0]).name == name
            and w.split(": ", 1)[1].startswith(notice)], warnings


def test_an_80k_term_javascript_concatenation_is_read_by_the_text_front_end(
    tmp_path: Path,
) -> None:
    name, text = huge_inputs.js_concatenation(80_000)
    _degraded(tmp_path, name, text, "JavaScript/TypeScript", "nested more than 20,000 levels")


def test_100k_nested_javascript_arrays_are_read_by_the_text_front_end(tmp_path: Path) -> None:
    name, text = huge_inputs.js_nested_arrays(100_000)
    _degraded(tmp_path, name, text, "JavaScript/TypeScript", "nested more than 20,000 levels")


@pytest.mark.slow  # ~5 s: the tokenizer and the text front end over 133k lines
def test_800_kb_of_trivial_python_statements_are_read_by_the_text_front_end(
    tmp_path: Path,
) -> None:
    name, text = huge_inputs.python_statements(800_000)
    _degraded(tmp_path, name, text, "Python", "533,")


def test_a_tree_with_more_nodes_than_the_budget_is_read_by_the_text_front_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(budget, "MAX_TREE_NODES", 100)
    name, text = huge_inputs.js_concatenation(100)
    facts = parse(name, text, "javascript")
    assert facts.problems[0].message.startswith(budget.OVER_BUDGET)
    assert "syntax nodes, more than 100)" in facts.problems[0].message
    assert any(isinstance(f, AuthHeader) for f in facts.facts)  # the text front end's


def test_a_file_within_the_budget_is_read_by_its_own_front_end() -> None:
    name, text = huge_inputs.js_concatenation(15_000)  # 15k levels: under the depth budget
    facts = parse(name, text, "javascript")
    assert facts.problems == ()
    name, text = huge_inputs.python_statements(20_000)
    assert parse(name, text, "python").problems == ()


def test_the_depth_check_stops_at_the_limit_and_tells_a_shallow_tree() -> None:
    from oinlint.frontends.treesitter.grammars import grammar
    from oinlint.frontends.treesitter.languages.javascript import JAVASCRIPT

    loaded = grammar(JAVASCRIPT.grammar)
    deep = loaded.parse(b"x = " + b"[" * 50 + b"]" * 50).root_node
    assert budget.tree_depth_over(deep, 40)
    assert not budget.tree_depth_over(deep, 60)


def test_a_7_mb_submission_is_refused_before_it_is_read(tmp_path: Path) -> None:
    name, text = huge_inputs.submission(7_000_000)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    loaded = load_submission(path, "oin-submission.yaml")
    assert [(p.code, p.message) for p in loaded.problems] == [("OIN607", TOO_LARGE)]
    assert not loaded.parsed


def test_submission_text_over_the_limit_is_refused_before_yaml_parsing() -> None:
    text = "name: Acme\n" + "# padding\n" * (MAX_SUBMISSION_BYTES // 10 + 1)
    parsed = parse_submission(text)
    assert [(p.code, p.message) for p in parsed.problems] == [("OIN607", TOO_LARGE)]
    assert parse_submission("name: Acme\n").parsed


def test_a_huge_jwt_assertion_is_blanked_and_the_token_still_judged() -> None:
    """20,000 claim keys and 5,000 clock reads around a token function (the expiry reading
    once scanned back from every key): the file keeps its own front end, its SSWS header, and
    its token is kept with no expiry handling (the assertion's ``expiresIn`` is not the token's)."""
    name, text = huge_inputs.js_claims()
    facts = parse(name, text, "javascript")
    assert facts.problems == ()
    assert any(isinstance(f, AuthHeader) and f.scheme == "SSWS" for f in facts.facts)
    (request,) = (f for f in facts.facts if isinstance(f, TokenRequest))
    assert (request.caching, request.expiry_read) == ("module", False)
