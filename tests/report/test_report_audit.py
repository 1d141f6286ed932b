"""The audit report (`oinlint report`): verdict, escaping, leaks, and `--format gitlab`."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from fakes import api_token, client_secret, run_oinlint
from markdown_it import MarkdownIt
from report_payloads import ALL, INJECTED_TAGS, hostile_result, hostile_verify
from trees import write_tree

from oinlint import __version__
from oinlint.config import Settings
from oinlint.engine import RunResult, check
from oinlint.facts import Span
from oinlint.findings import Finding, Severity
from oinlint.report import audit
from oinlint.report.audit import build_report, decide, render_audit
from oinlint.report.audit_model import NOT_ANALYSED
from oinlint.report.markdown import escape_markdown
from oinlint.report.render import render
from oinlint.rules.catalogue import load_catalogue

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"


def _finding(code: str, severity: Severity = Severity.HIGH) -> Finding:
    return Finding(code=code, name="x", severity=severity, message="m",
                   span=Span("a.py", 1, 1, 1, 2), fingerprint=code.lower() * 4)


def _result(*findings: Finding) -> RunResult:
    return RunResult(findings=list(findings), settings=Settings(root=REPO),
                     enabled=frozenset(), scanned=["a.py"])


def _verify(outcome: str) -> dict[str, Any]:
    return {"schema": "oinlint-verify/1", "outcome": outcome, "reason": f"it was {outcome}"}


# --- verdict ---------------------------------------------------------------------------------

def test_verdict_ready_without_findings() -> None:
    verdict = decide(_result(), _verify("verified"))
    assert verdict.status == "ready"
    assert any("verified" in r for r in verdict.reasons)


def test_verdict_ready_without_live_check_says_so() -> None:
    verdict = decide(_result(), None)
    assert verdict.status == "ready"
    assert any("no live-check result" in n for n in verdict.notes)


def test_verdict_not_ready_on_failing_finding() -> None:
    verdict = decide(_result(_finding("OIN101")), _verify("verified"))
    assert verdict.status == "not-ready"
    assert "OIN101" in verdict.reasons[0]


def test_verdict_below_fail_on_is_ready() -> None:
    result = _result(_finding("OIN101", Severity.INFO))
    assert decide(result, None).status == "ready"


def test_verdict_not_ready_on_failed_live_check() -> None:
    assert decide(_result(), _verify("failed")).status == "not-ready"


def test_verdict_could_not_decide_on_unknown_live_check() -> None:
    verdict = decide(_result(), _verify("unknown"))
    assert verdict.status == "undecided"
    assert "could not decide" in verdict.reasons[0]


def test_verdict_could_not_decide_on_parse_error() -> None:
    verdict = decide(_result(_finding("OIN000", Severity.MEDIUM)), None)
    assert verdict.status == "undecided"
    assert "parsed" in verdict.reasons[0]


def test_verdict_could_not_decide_on_unresolved_calls() -> None:
    assert decide(_result(), None, unresolved=2).status == "undecided"


def test_certain_block_wins_over_unknown() -> None:
    verdict = decide(_result(_finding("OIN101")), _verify("unknown"))
    assert verdict.status == "not-ready"
    assert any("could not decide" in n for n in verdict.notes)


def test_failing_count_is_what_the_verdict_blocks_on() -> None:
    """Live findings fail the verdict, so they are failing; a parse error (OIN000) makes it
    "could not decide", so it is active but not failing."""
    result = _result(_finding("OIN101"), _finding("OIN000", Severity.MEDIUM),
                     _finding("OIN105", Severity.INFO))
    verify = {**_verify("failed"), "findings": [
        {"code": "OIN901", "severity": "high", "message": "granted okta.users.manage"},
        {"code": "OIN902", "severity": "high", "message": "refused okta.logs.read"}]}
    report = build_report(result, load_catalogue(), verify)
    assert report.verdict.status == "not-ready"
    assert report.counts["findings"] == 5
    assert report.counts["failing"] == 3
    markdown = render_audit("markdown", result, load_catalogue(), verify)
    assert "5 active findings · 3 failing (1 in code, 2 live) · 0 waived" in markdown
    html = render_audit("html", result, load_catalogue(), verify)
    assert "<b>3</b> failing (1 in code, 2 live)</span>" in html
    clean = build_report(result, load_catalogue(), _verify("verified"))
    assert clean.counts["failing"] == 1
    assert "1 failing · " in render_audit("markdown", result, load_catalogue(),
                                           _verify("verified"))


def test_clean_example_is_ready() -> None:
    settings = Settings(root=EXAMPLES / "clean-integration")
    result = check([str(EXAMPLES / "clean-integration")], settings)
    report = build_report(result, load_catalogue(), _verify("verified"))
    assert report.verdict.status == "ready", report.verdict
    assert report.matrix, "the declared scopes are in the matrix"


def test_vulnerable_example_is_not_ready_and_groups_by_family() -> None:
    settings = Settings(root=EXAMPLES / "vulnerable-integration")
    result = check([str(EXAMPLES / "vulnerable-integration")], settings)
    report = build_report(result, load_catalogue())
    assert report.verdict.status == "not-ready"
    families = [g.family for g in report.families]
    assert families == sorted(families) and "OIN1" in families
    for group in report.families:
        assert all(e.code.startswith(group.family) for _, es in group.by_severity for e in es)


def test_unknown_family_gets_its_own_section(tmp_path: Path) -> None:
    report = build_report(hostile_result(tmp_path), load_catalogue())
    assert "OIN7" in [g.family for g in report.families]


def test_matrix_without_analysis_marks_columns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                ) -> None:
    """Before the scope analysis lands in the JSON document, the declared column still comes
    from the submission and the code columns say so."""
    monkeypatch.setattr(audit, "_check_document", lambda result, catalogue: {})
    settings = Settings(root=EXAMPLES / "clean-integration")
    result = check([str(EXAMPLES / "clean-integration")], settings)
    report = build_report(result, load_catalogue())
    assert not report.matrix_analysed
    assert report.matrix and all(r.requested.text == NOT_ANALYSED for r in report.matrix)
    assert all(r.declared.links for r in report.matrix)


# --- escaping --------------------------------------------------------------------------------

def test_html_escapes_everything_from_code_and_org(tmp_path: Path) -> None:
    page = render_audit("html", hostile_result(tmp_path), load_catalogue(), hostile_verify())
    lowered = page.lower()
    for tag in INJECTED_TAGS:
        assert f"<{tag} " not in lowered and f"<{tag}>" not in lowered, tag
    assert "</textarea" not in lowered and "</title><" not in lowered
    assert 'href="javascript' not in lowered and 'id="injected"' not in lowered
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;" in page
    assert page.count("<title>") == 1
    assert "src=" not in re.sub(r"&lt;.*?&gt;", "", page)  # no attribute outside text


def test_html_is_self_contained(tmp_path: Path) -> None:
    page = render_audit("html", hostile_result(tmp_path), load_catalogue(), hostile_verify())
    assert "<script" not in page.lower()
    assert not re.search(r"<link\b|@import|url\(|https?://fonts", page)
    assert "Content-Security-Policy" in page and "@media print" in page


def test_markdown_escape_helper() -> None:
    assert escape_markdown("a|b") == "a\\|b"
    assert escape_markdown("`a|b`") == "\\`a\\|b\\`"  # a pipe splits a cell even in a span
    assert escape_markdown("`<b>`") == "`<b>`"  # a code span shows it as text
    assert escape_markdown("<script>") == "&lt;script&gt;"
    assert escape_markdown("[l](javascript:x)") == "\\[l\\](javascript:x)"
    assert escape_markdown("line\nbreak") == "line break"
    assert escape_markdown("__init__.py *x*") == "\\_\\_init\\_\\_.py \\*x\\*"
    assert escape_markdown("# h") == "\\# h" and escape_markdown("1. x") == "1\\. x"
    assert escape_markdown("- x") == "\\- x" and escape_markdown("---") == "\\---"


def test_markdown_escapes_only_what_markdown_reads() -> None:
    """``0.1.0`` is not a list item, ``okta_api`` cannot start emphasis, and a rule's code span
    renders as code: none of them gets a backslash a reader would see in the raw text."""
    assert escape_markdown("0.1.0") == "0.1.0"
    assert escape_markdown("acme_access_review/okta_api.py:15") == (
        "acme_access_review/okta_api.py:15")
    assert escape_markdown("`x`") == "`x`"
    assert escape_markdown("variable `OKTA_API_TOKEN`; use `Bearer`") == (
        "variable `OKTA_API_TOKEN`; use `Bearer`")
    assert escape_markdown("a `` b ` c") == "a \\`\\` b \\` c"  # unpaired: text


def _rendered_tags(markdown: str) -> set[str]:
    """The HTML elements a CommonMark renderer (with raw HTML allowed, as GitHub allows
    some) makes of ``markdown``."""
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)
    return {tag.lower() for tag in re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", html)}


@pytest.mark.parametrize("wrap", ["{}", "`{}`", "``{}``", "`{}", "{}`", "`a` {} `b`"])
def test_markdown_rendered_has_no_injected_element_even_in_code_spans(
        tmp_path: Path, wrap: str) -> None:
    """Payloads inside backticks stay code spans (shown verbatim, never HTML); an unpaired
    backtick leaves them escaped text."""
    result = hostile_result(tmp_path)
    result.findings = [Finding(code=f.code, name=f.name, severity=f.severity,
                               message=wrap.format(f.message), span=f.span,
                               fingerprint=f.fingerprint, fix=wrap.format(f.fix or ""),
                               snippet=f.snippet, snippet_line=f.snippet_line,
                               waiver=f.waiver) for f in result.findings]
    text = render_audit("markdown", result, load_catalogue(), hostile_verify())
    tags = _rendered_tags(text)
    assert not tags & set(INJECTED_TAGS), tags
    assert tags <= {"h1", "h2", "h3", "h4", "p", "a", "ul", "li", "table", "thead", "tbody",
                    "tr", "th", "td", "br", "code", "pre", "strong", "em", "blockquote"}, tags
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(text)
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs and all(h.startswith("#") for h in hrefs), hrefs
    assert " id=\"injected\"" not in html


def test_markdown_report_shows_the_version_and_code_spans_unescaped() -> None:
    project = EXAMPLES / "vulnerable-integration"
    result = check([str(project)], Settings(root=project))
    text = render_audit("markdown", result, load_catalogue(), reproducible=True)
    assert f"oinlint {__version__} · " in text
    prose = _outside_fences(text)
    assert "\\`" not in prose and "\\." not in prose
    assert "variable `OKTA_API_TOKEN`" in prose


def _outside_fences(text: str) -> str:
    out, fence = [], None
    for line in text.splitlines():
        match = re.match(r"^(`{3,})", line)
        if fence is None and match:
            fence = match.group(1)
            continue
        if fence is not None:
            if line.strip() == fence:
                fence = None
            continue
        out.append(line)
    return "\n".join(out)


def test_markdown_escapes_everything_from_code_and_org(tmp_path: Path) -> None:
    text = render_audit("markdown", hostile_result(tmp_path), load_catalogue(),
                        hostile_verify())
    prose = _outside_fences(text)
    tags = re.findall(r"<(/?[a-zA-Z][^>\s]*)", prose)
    assert set(tags) <= {"a", "/a", "br"}, set(tags)
    # The source lines are in fences long enough that nothing closes them early.
    assert "document.title='pwned'</script>" in text


def test_markdown_table_rows_keep_their_columns(tmp_path: Path) -> None:
    text = render_audit("markdown", hostile_result(tmp_path), load_catalogue(),
                        hostile_verify())
    rows = [line for line in _outside_fences(text).splitlines() if line.startswith("| ")]
    widths: dict[int, int] = {}
    for row in rows:
        count = len(re.split(r"(?<!\\)\|", row))
        widths[count] = widths.get(count, 0) + 1
    # | a | b | → 4 parts; the 5-column tables → 7; the 6-column scope matrix → 8.
    assert set(widths) <= {4, 7, 8}, widths


# --- leaks -----------------------------------------------------------------------------------

def test_audit_report_never_contains_a_secret(tmp_path: Path) -> None:
    token, secret, env_secret = api_token(), client_secret(), client_secret()
    project = write_tree(tmp_path / "project", {
        "app/settings.py": (
            'OKTA_ORG_URL = "https://acme.okta.com"\n'
            f'OKTA_TOKEN = "{token}"\n'
            f'okta_client_secret = "{secret}"\n'
            'headers = {"Authorization": "SSWS " + OKTA_TOKEN}  '
            "# oinlint: ignore[OIN101] -- legacy path, removed in Q3\n"
        ),
        ".env": f"OKTA_CLIENT_SECRET={env_secret}\nOKTA_API_TOKEN={token}\n",
        "oin-submission.yaml": (
            "name: Leaky\ndescription: x\nconfig_guide_url: https://x.example/guide\n"
            "support_email: a@x.example\nauth:\n  method: client_secret_basic\n"
            "scopes:\n  - name: okta.users.read\n    reason: List users.\n"
        ),
    })
    for fmt in ("html", "markdown"):
        out = tmp_path / f"report.{fmt}"
        run = run_oinlint(["report", "--isolated", "--no-cache", "--format", fmt,
                           "-o", str(out), "."], project)
        assert run.returncode == 0, run.stderr
        text = out.read_text(encoding="utf-8")
        assert "OIN103" in text
        for value in (token, token[2:], secret, env_secret):
            assert value not in text, fmt
            assert value not in run.stdout + run.stderr
        assert "legacy path, removed in Q3" in text  # the waiver is shown with its reason
        assert str(tmp_path) not in text  # no absolute path


# --- CLI -------------------------------------------------------------------------------------

def test_report_cli_writes_html_with_verify_result(tmp_path: Path) -> None:
    verify = tmp_path / "verify.json"
    verify.write_text(json.dumps({**_verify("verified"), "org": {"host": "acme.okta.com"},
                                  "scope_matrix": []}), encoding="utf-8")
    out = tmp_path / "r.html"
    run = run_oinlint(["report", "--no-cache", "-o", str(out), "--verify-result", str(verify),
                       "."], EXAMPLES / "clean-integration")
    assert run.returncode == 0, run.stderr
    page = out.read_text(encoding="utf-8")
    assert "Verdict: Ready" in page and "acme.okta.com" in page


def test_report_cli_rejects_a_bad_verify_result(tmp_path: Path) -> None:
    bad = tmp_path / "verify.json"
    bad.write_text('{"schema": "something-else"}', encoding="utf-8")
    run = run_oinlint(["report", "--no-cache", "--verify-result", str(bad), "."], tmp_path)
    assert run.returncode == 2
    assert "oinlint-verify/1" in run.stderr


def test_reproducible_report_has_no_date_or_duration(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    result = hostile_result(tmp_path)
    result.duration = 1.234
    text = render_audit("markdown", result, load_catalogue(), reproducible=True)
    assert "1.23 s" not in text and "omitted" in text
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    text = render_audit("markdown", result, load_catalogue())
    assert "2026-01-01T00:00:00Z" in text and "1.23 s" not in text


# --- GitLab code quality ---------------------------------------------------------------------

def test_gitlab_format_shape() -> None:
    settings = Settings(root=EXAMPLES / "vulnerable-integration")
    result = check([str(EXAMPLES / "vulnerable-integration")], settings)
    issues = json.loads(render("gitlab", result, load_catalogue()))
    assert isinstance(issues, list) and len(issues) == len(result.active) > 0
    fingerprints = [issue["fingerprint"] for issue in issues]
    assert len(set(fingerprints)) == len(fingerprints)
    for issue in issues:
        assert isinstance(issue["description"], str) and issue["description"]
        assert re.fullmatch(r"OIN\d{3}", issue["check_name"])
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert isinstance(issue["location"]["path"], str)
        assert not issue["location"]["path"].startswith("/")
        assert isinstance(issue["location"]["lines"]["begin"], int)
        assert issue["location"]["lines"]["begin"] >= 1


def test_gitlab_duplicate_fingerprints_are_made_unique(tmp_path: Path) -> None:
    twice = [_finding("OIN101"), _finding("OIN101")]
    issues = json.loads(render("gitlab", _result(*twice), load_catalogue()))
    assert len({i["fingerprint"] for i in issues}) == 2


def test_gitlab_leaves_waived_findings_out(tmp_path: Path) -> None:
    issues = json.loads(render("gitlab", hostile_result(tmp_path), load_catalogue()))
    assert {i["check_name"] for i in issues} == {"OIN101", "OIN701"}


def test_payloads_are_distinct() -> None:
    assert len(set(ALL)) == len(ALL)
