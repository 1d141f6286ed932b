from __future__ import annotations

from oinlint.engine.suppressions import apply_suppressions, parse_suppressions
from oinlint.facts import Comment, Span
from oinlint.findings import Finding, Severity

KNOWN = ["OIN001", "OIN101", "OIN103"]


def _finding(code: str, line: int, end_line: int | None = None) -> Finding:
    return Finding(code, "x", Severity.HIGH, "m", Span("a.py", line, 1, end_line or line, 5), "fp")


def test_trailing_and_standalone_targets() -> None:
    comments = [
        Comment(3, 20, " oinlint: ignore[OIN101] -- legacy tool", standalone=False),
        Comment(5, 1, " oinlint: ignore[OIN103] -- test fixture", standalone=True),
        Comment(6, 1, " a second comment line", standalone=True),
    ]
    found, problems = parse_suppressions("a.py", comments)
    assert problems == []
    assert [(s.codes, s.target_line, s.reason) for s in found] == [
        (("OIN101",), 3, "legacy tool"),
        (("OIN103",), 7, "test fixture"),
    ]


def test_standalone_skips_consecutive_suppression_comments() -> None:
    comments = [
        Comment(1, 1, " oinlint: ignore[OIN101] -- a", standalone=True),
        Comment(2, 1, " oinlint: ignore[OIN103] -- b", standalone=True),
    ]
    found, _ = parse_suppressions("a.py", comments)
    assert [s.target_line for s in found] == [3, 3]


def test_waives_matching_finding_and_keeps_reason() -> None:
    found, _ = parse_suppressions("a.py", [Comment(4, 9, " oinlint: ignore[OIN101] -- why", False)])
    findings, problems = apply_suppressions([_finding("OIN101", 4), _finding("OIN103", 4)], found,
                                            KNOWN, KNOWN, require_reason=False)
    assert problems == []
    assert findings[0].waiver is not None and findings[0].waiver.reason == "why"
    assert findings[1].waiver is None


def test_multi_line_finding_is_covered_on_any_of_its_lines() -> None:
    found, _ = parse_suppressions("a.py", [Comment(6, 9, " oinlint: ignore[OIN101] -- x", False)])
    findings, problems = apply_suppressions([_finding("OIN101", 4, 7)], found, KNOWN, KNOWN, False)
    assert findings[0].waived and problems == []


def test_unused_unknown_and_malformed_are_reported() -> None:
    comments = [
        Comment(1, 1, " oinlint: ignore[OIN101] -- nothing here", True),
        Comment(3, 1, " oinlint: ignore[OIN999] -- typo", True),
        Comment(5, 1, " oinlint: ignore OIN101", True),
        Comment(7, 1, " oinlint: ignore[] -- empty", True),
    ]
    found, malformed = parse_suppressions("a.py", comments)
    _, problems = apply_suppressions([], found, KNOWN, KNOWN, False)
    messages = [p.message for p in (*malformed, *problems)]
    assert any("malformed suppression" in m and "OIN101" in m for m in messages)
    assert any("malformed suppression" in m and "empty" in m for m in messages)
    assert "suppression names unknown rule code OIN999" in messages
    assert "unused suppression: no OIN101 finding here" in messages


def test_require_reason_keeps_the_finding_and_reports() -> None:
    found, _ = parse_suppressions("a.py", [Comment(2, 9, " oinlint: ignore[OIN101]", False)])
    findings, problems = apply_suppressions([_finding("OIN101", 2)], found, KNOWN, KNOWN, True)
    assert not findings[0].waived
    assert next(p.message for p in problems).startswith("suppression has no reason")


def test_suppression_for_a_disabled_rule_is_not_unused() -> None:
    found, _ = parse_suppressions("a.py", [Comment(2, 9, " oinlint: ignore[OIN103] -- x", False)])
    _, problems = apply_suppressions([], found, KNOWN, ["OIN101"], False)
    assert problems == []


def test_oin001_help_names_the_codes_of_the_suppression_itself() -> None:
    """Issue 14 item 5: the help said `ignore[OIN101]` whatever the comment waived."""
    comments = [Comment(2, 9, " oinlint: ignore[OIN402] -- fixture", False),
                Comment(3, 9, " oinlint: ignore[OIN999] -- typo", False),
                Comment(4, 9, " oinlint: ignore[OIN103]", False)]
    found, _ = parse_suppressions("a.py", comments)
    _, problems = apply_suppressions([_finding("OIN103", 4)], found, [*KNOWN, "OIN402"],
                                     [*KNOWN, "OIN402"], require_reason=True)
    fixes = {p.message: p.fix for p in problems}
    assert fixes == {
        "suppression names unknown rule code OIN999":
            "Correct OIN999 to the code the finding shows (`oinlint rules` lists them all), or "
            "remove it.",
        "suppression has no reason; write 'oinlint: ignore[CODE] -- why this is safe' "
        "(require-reason = true)": "Add the reason: `oinlint: ignore[OIN103] -- why this is safe`.",
        "unused suppression: no OIN402 finding here":
            "Remove OIN402 from the comment (its finding is gone), or move the comment to the "
            "line of the OIN402 finding or the line above it.",
    }
    assert not any("OIN101" in (p.fix or "") for p in problems)
