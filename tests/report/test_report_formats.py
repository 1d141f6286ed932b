"""JUnit XML, GitHub Actions annotations and the JSON shape."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from fakes import api_token, run_oinlint

from oinlint import __version__
from oinlint.config import Settings
from oinlint.engine import RunResult
from oinlint.facts import Span
from oinlint.findings import Finding, Related, Severity, Waiver
from oinlint.report.github import escape_data, escape_property
from oinlint.report.render import render
from oinlint.rules.catalogue import load_catalogue

CATALOGUE = load_catalogue()
TRICKY = 'needs <escaping> & "quotes" 100% done,\nsecond: line\r\x1b[31m'


def _finding(code: str, severity: Severity, path: str, line: int, message: str = "m",
             **extra: object) -> Finding:
    return Finding(code, CATALOGUE[code].name, severity, message,
                   Span(path, line, 3, line, 9), f"{code}{path}{line}".ljust(32, "0"),
                   **extra)  # type: ignore[arg-type]


def _result() -> RunResult:
    settings = Settings(root=Path("."))
    findings = [
        _finding("OIN101", Severity.HIGH, "a.py", 2, TRICKY, fix="use Bearer & co",
                 related=(Related(Span("b.py", 4, 1, 4, 2), "token from here"),)),
        _finding("OIN103", Severity.CRITICAL, "a.py", 5),
        _finding("OIN104", Severity.MEDIUM, "deploy/app.env", 1),
        _finding("OIN001", Severity.LOW, "b.py", 1),
        _finding("OIN103", Severity.CRITICAL, "b.py", 8,
                 waiver=Waiver("inline", "docs fixture <ok>")),
        _finding("OIN103", Severity.CRITICAL, "c.py", 1, waiver=Waiver("baseline", "")),
        _finding("OIN000", Severity.INFO, "sub:dir,x/odd%.py", 1, "a%b"),
    ]
    return RunResult(
        findings=findings, settings=settings, enabled=settings.enabled_codes(CATALOGUE),
        scanned=["a.py", "b.py", "c.py", "deploy/app.env", "clean.py", "sub:dir,x/odd%.py"],
        skipped=[("image.png", "binary file; skipped")],
        warnings=["big.json: larger than 1048576 bytes (max-file-size); skipped"],
        duration=0.25,
    )


# --- JUnit -------------------------------------------------------------------------------


def _junit(result: RunResult) -> ET.Element:
    text = render("junit", result, CATALOGUE)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(text.encode("utf-8"))


def test_junit_parses_and_counts_match() -> None:
    root = _junit(_result())
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "oinlint"
    cases = suite.findall("testcase")
    assert [c.get("classname") for c in cases] == [
        "a.py", "b.py", "c.py", "deploy/app.env", "clean.py", "sub:dir,x/odd%.py", "image.png"]
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors"),
            suite.get("skipped")) == ("7", "4", "0", "1")
    assert root.get("tests") == "7" and root.get("failures") == "4"
    assert suite.get("time") == "0.250"
    failures = suite.findall("testcase/failure")
    assert [f.get("type") for f in failures] == ["OIN101", "OIN103", "OIN001", "OIN104", "OIN000"]
    by_path = {c.get("classname"): c for c in cases}
    assert len(by_path["a.py"].findall("failure")) == 2
    assert by_path["clean.py"].findall("*") == []  # a passing test case
    assert by_path["c.py"].findall("failure") == []  # only a waived finding
    skipped = by_path["image.png"].find("skipped")
    assert skipped is not None and skipped.get("message") == "binary file; skipped"
    properties = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert properties == {"oinlint.version": __version__, "fail-on": "low"}
    assert "big.json: larger than" in (suite.findtext("system-err") or "")


def test_junit_failures_count_failed_testcases_not_findings() -> None:
    """JUnit's ``failures`` is a number of test cases: 5 findings in 4 files fail 4 cases."""
    suite = _junit(_result()).find("testsuite")
    assert suite is not None
    failed = [c for c in suite.findall("testcase") if c.find("failure") is not None]
    assert len(suite.findall("testcase/failure")) == 5
    assert len(failed) == 4
    assert suite.get("failures") == "4"


def test_junit_failure_content_is_escaped_and_complete() -> None:
    suite = _junit(_result()).find("testsuite")
    assert suite is not None
    first = suite.find("testcase/failure")
    assert first is not None
    message = first.get("message") or ""
    assert message.startswith("OIN101 ssws-authorization-header (high): needs <escaping> & ")
    assert '"quotes" 100% done,' in message
    assert "\x1b" not in message and "\ufffd" in message  # not representable in XML 1.0
    body = first.text or ""
    assert body.startswith("a.py:2:3: OIN101 needs <escaping>")
    assert "note: b.py:4:1: token from here" in body
    assert body.rstrip().endswith("fix: use Bearer & co")


def test_junit_waived_findings_are_listed_not_failed() -> None:
    suite = _junit(_result()).find("testsuite")
    assert suite is not None
    cases = {c.get("classname"): c for c in suite.findall("testcase")}
    b_out = cases["b.py"].findtext("system-out") or ""
    assert "waived (inline: docs fixture <ok>): b.py:8:3: OIN103" in b_out
    c_out = cases["c.py"].findtext("system-out") or ""
    assert "waived (baseline: no reason given): c.py:1:3: OIN103" in c_out


def test_junit_from_the_cli(tmp_path: Path) -> None:
    token = api_token()
    (tmp_path / "bad.py").write_text(f'T = "{token}"\n', encoding="utf-8")
    (tmp_path / "good.py").write_text("x = 1\n", encoding="utf-8")
    run = run_oinlint(["check", "--isolated", "--select", "OIN0,OIN1", "--format", "junit", "."],
                      tmp_path)
    assert run.returncode == 1, run.stderr
    assert token not in run.stdout
    suite = ET.fromstring(run.stdout.encode("utf-8")).find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures")) == ("2", "1")
    failure = suite.find("testcase[@classname='bad.py']/failure")
    assert failure is not None and failure.get("type") == "OIN103"
    assert (failure.text or "").startswith("bad.py:1:6: OIN103 ")


# --- GitHub Actions ----------------------------------------------------------------------


def test_github_escaping_functions() -> None:
    assert escape_data("100% a\r\nb, c: d") == "100%25 a%0D%0Ab, c: d"
    assert escape_property("100% a\r\nb, c: d") == "100%25 a%0D%0Ab%2C c%3A d"
    assert escape_data("%0A") == "%250A"  # no double decoding on GitHub's side


def test_github_annotations() -> None:
    lines = render("github", _result(), CATALOGUE).splitlines()
    assert lines[0] == (
        "::error file=a.py,line=2,col=3,endLine=2,endColumn=9,"
        "title=OIN101 ssws-authorization-header::"
        "needs <escaping> & \"quotes\" 100%25 done,%0Asecond: line%0D\\x1b[31m (high)"
        "%0Ahelp: use Bearer & co"
    )
    assert lines[1] == ("::error file=a.py,line=5,col=3,endLine=5,endColumn=9,"
                        "title=OIN103 hardcoded-api-token::m (critical)")
    assert lines[2].startswith("::warning file=deploy/app.env,line=1,")  # medium → warning
    assert lines[3].startswith("::notice file=b.py,line=1,")  # low → notice
    assert lines[4] == ("::notice file=sub%3Adir%2Cx/odd%25.py,line=1,col=3,endLine=1,"
                        "endColumn=9,title=OIN000 parse-error::a%25b (info)")
    assert lines[5] == ("::warning title=oinlint::big.json: larger than 1048576 bytes "
                        "(max-file-size); skipped")
    assert len(lines) == 6  # the two waived findings are not annotated
    for line in lines:
        assert "\n" not in line and "\r" not in line


def test_github_from_the_cli_exit_codes(tmp_path: Path) -> None:
    token = api_token()
    (tmp_path / "bad.py").write_text(f'T = "{token}"\n', encoding="utf-8")
    run = run_oinlint(["check", "--isolated", "--select", "OIN0,OIN1", "--format", "github",
                       "bad.py"], tmp_path)
    assert run.returncode == 1
    (line,) = run.stdout.splitlines()
    assert line.startswith(
        "::error file=bad.py,line=1,col=6,endLine=1,endColumn=48,"
        "title=OIN103 hardcoded-api-token::Hard-coded Okta API token "
        f"{token[:4]}…")
    assert token not in run.stdout
    (tmp_path / "clean").mkdir()
    (tmp_path / "clean" / "ok.py").write_text("x = 1\n", encoding="utf-8")
    clean = run_oinlint(["check", "--isolated", "--format", "github", "."], tmp_path / "clean")
    assert (clean.returncode, clean.stdout, clean.stderr) == (0, "", "")


# --- JSON --------------------------------------------------------------------------------


def test_json_shape() -> None:
    document = json.loads(render("json", _result(), CATALOGUE))
    assert set(document) >= {"version", "findings", "summary"}
    assert document["version"] == __version__
    first = document["findings"][0]
    assert {k: first[k] for k in ("code", "name", "severity", "message", "path", "line",
                                  "column", "end_line", "end_column", "fingerprint", "fix")} == {
        "code": "OIN101", "name": "ssws-authorization-header", "severity": "high",
        "message": TRICKY, "path": "a.py", "line": 2, "column": 3, "end_line": 2,
        "end_column": 9, "fingerprint": "OIN101a.py2".ljust(32, "0"), "fix": "use Bearer & co",
    }
    assert first["related"] == [{"path": "b.py", "line": 4, "column": 1,
                                 "message": "token from here"}]
    assert [f["code"] for f in document["findings"]] == [
        "OIN101", "OIN103", "OIN104", "OIN001", "OIN000"]  # waived ones are not findings
    assert [w["waiver"] for w in document["waived"]] == [
        {"kind": "inline", "reason": "docs fixture <ok>"}, {"kind": "baseline", "reason": ""}]
    summary = document["summary"]
    assert (summary["findings"], summary["waived"], summary["files_scanned"],
            summary["files_skipped"], summary["exit_code"]) == (5, 2, 6, 1, 1)
    assert summary["failing"] == 4  # fail-on low: the info finding does not fail
    assert summary["by_code"] == {"OIN000": 1, "OIN001": 1, "OIN101": 1, "OIN103": 1,
                                  "OIN104": 1}
