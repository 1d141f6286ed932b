"""Context lines of a long line (a minified bundle, generated code) are shown in part: at most
``CONTEXT_WIDTH`` characters around the finding, redacted before they are cut. Thousands of
findings on one 100 KB line made a 290 MB text report."""

from __future__ import annotations

import json
from pathlib import Path

import huge_inputs
from fakes import api_token

from oinlint.config import Settings
from oinlint.engine import check
from oinlint.facts import Span
from oinlint.findings import Finding, Severity
from oinlint.report.longlines import CONTEXT_WIDTH, shown_line
from oinlint.report.render import render
from oinlint.rules.catalogue import load_catalogue

CATALOGUE = load_catalogue()


def test_a_short_line_is_shown_whole() -> None:
    line = "const headers = { Authorization: `Bearer ${token}` };"
    assert shown_line(line, 3, Span("a.js", 3, 10, 3, 20)) == (line, 0)


def test_a_long_line_is_cut_around_the_findings_column() -> None:
    line = "a" * 5000 + "TARGET" + "b" * 5000
    span = Span("a.js", 1, 5001, 1, 5007)
    shown, cut = shown_line(line, 1, span)
    assert shown.startswith("…") and shown.endswith("…")
    assert len(shown) == CONTEXT_WIDTH + 2
    assert shown[span.column - 1 - cut:span.end_column - 1 - cut] == "TARGET"
    # a context line above or below is shown from its start
    assert shown_line(line, 2, span) == ("a" * CONTEXT_WIDTH + "…", 0)


def _finding(line: str, column: int, end_column: int) -> Finding:
    return Finding(code="OIN502", name="no-pagination", severity=Severity.MEDIUM,
                   message="list call", span=Span("bundle.js", 2, column, 2, end_column),
                   fingerprint="f", snippet=("import x;", line), snippet_line=1)


def test_text_report_keeps_the_caret_under_the_span_of_a_cut_line(tmp_path: Path) -> None:
    line = "x" * 3000 + "getUsers('/api/v1/users')" + "y" * 3000
    result = check([str(tmp_path)], Settings(root=tmp_path))  # an empty RunResult to fill
    result.findings = [_finding(line, 3001, 3026)]
    text = render("text", result, CATALOGUE, False)
    lines = text.splitlines()
    assert max(len(row) for row in lines if " | " in row) < CONTEXT_WIDTH + 20
    [source] = [row for row in lines if row.startswith("> 2 |")]
    [carets] = [row for row in lines if row.strip().strip("|").strip().startswith("^")]
    start = carets.index("^")
    assert source[start:start + 25] == "getUsers('/api/v1/users')"
    assert carets.count("^") == 25


def test_a_secret_on_a_cut_line_is_redacted_before_the_cut(tmp_path: Path) -> None:
    """The token straddles the cut: redacted whole first, so no part past its first four
    characters is printed in any format."""
    token = api_token()
    line = "a" * (CONTEXT_WIDTH - 10) + " " + token + " " + "b" * 500
    result = check([str(tmp_path)], Settings(root=tmp_path))
    result.findings = [_finding(line, 1, 5)]
    for fmt in ("text", "sarif", "json"):
        out = render(fmt, result, CATALOGUE, False)
        assert token[4:12] not in out, fmt


def test_thousands_of_findings_on_one_line_give_a_bounded_report(tmp_path: Path) -> None:
    name, text = huge_inputs.js_wrapper_calls(3000)
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = check([str(tmp_path)], Settings(root=tmp_path, select=("OIN502",),
                                             respect_gitignore=False))
    assert len(result.findings) == 3000  # one per call: none lost to the bound
    report = render("text", result, CATALOGUE, False)
    context = [row for row in report.splitlines() if row[:1] in "> " and " | " in row]
    assert len(context) >= 6000 and max(map(len, context)) < CONTEXT_WIDTH + 20
    assert len(report) < 3000 * 1000  # was 3000 × the 100 KB line
    sarif = json.loads(render("sarif", result, CATALOGUE, False))
    snippets = [r["locations"][0]["physicalLocation"]["region"]["snippet"]["text"]
                for r in sarif["runs"][0]["results"]]
    assert len(snippets) == 3000 and max(map(len, snippets)) <= CONTEXT_WIDTH + 2
