"""SARIF output: valid against the OASIS 2.1.0 schema and complete for GitHub code scanning."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jsonschema  # type: ignore[import-untyped,unused-ignore]
import pytest
from fakes import api_token, run_oinlint

from oinlint.config import Settings
from oinlint.engine import RunResult, check
from oinlint.engine.baseline import BaselineEntry
from oinlint.facts import Span
from oinlint.findings import Finding, Related, Severity, Waiver
from oinlint.report import CHECK_FORMATS, sarif
from oinlint.report.render import REPORTERS, render
from oinlint.report.sarif import FINGERPRINT_KEY, SCHEMA_URI, build_sarif
from oinlint.rules.catalogue import load_catalogue
from oinlint.rules.docs import rule_markdown

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_PATH = Path(__file__).resolve().parents[1] / "data" / "sarif-schema-2.1.0.json"
SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"
CATALOGUE = load_catalogue()


# jsonschema checks "uri" only with an optional package installed; check the shape ourselves.
_FORMATS = jsonschema.FormatChecker()


def _is_uri(value: object) -> bool:
    text = str(value)
    return bool(urlsplit(text).scheme) and not any(c.isspace() or c == "\\" for c in text)


def _is_uri_reference(value: object) -> bool:
    return not any(c.isspace() or c == "\\" for c in str(value))


_FORMATS.checks("uri")(_is_uri)
_FORMATS.checks("uri-reference")(_is_uri_reference)


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema, format_checker=_FORMATS)


@pytest.fixture
def in_tmp(tmp_path: Path) -> Iterator[Path]:
    previous = Path.cwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(previous)


def _errors(validator: jsonschema.Draft4Validator, document: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator.iter_errors(document)]


def _sarif(result: RunResult) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(render("sarif", result, CATALOGUE))
    return document


def _span(path: str, line: int, column: int = 5, end_column: int = 20) -> Span:
    return Span(path, line, column, line, end_column)


def _constructed(root: Path) -> RunResult:
    """A run with every shape a reporter meets: active, inline-waived, baseline-waived and
    related-location findings, a path in a sub-directory, warnings and a stale entry."""
    settings = Settings(root=root)
    findings = [
        Finding("OIN101", "ssws-authorization-header", Severity.HIGH,
                "Authorization header uses SSWS", _span("src/pkg/client.py", 3), "a" * 32,
                context="Client.get", fix="use Bearer",
                snippet=("import httpx", "", "h = {'Authorization': 'SSWS ' + t}"),
                snippet_line=1,
                related=(Related(_span("src/pkg/settings.py", 7), "the token is defined here"),)),
        Finding("OIN103", "hardcoded-api-token", Severity.CRITICAL, "Hard-coded token 00ab…",
                _span("src/pkg/settings.py", 7), "b" * 32,
                waiver=Waiver("inline", "fixture for the docs",
                              Span("src/pkg/settings.py", 7, 40, 7, 80))),
        Finding("OIN104", "api-token-provisioned", Severity.HIGH, "OKTA_API_TOKEN in .env",
                _span(".env", 2, 1, 15), "c" * 32, waiver=Waiver("baseline", "in baseline")),
        Finding("OIN001", "unused-suppression", Severity.LOW, "unused suppression: no OIN101",
                _span("src/pkg/client.py", 9), "d" * 32),
    ]
    return RunResult(
        findings=findings, settings=settings, enabled=settings.enabled_codes(CATALOGUE),
        scanned=["src/pkg/client.py", "src/pkg/settings.py", ".env"],
        warnings=["data.bin: binary file; skipped"],
        stale_baseline=[BaselineEntry("e" * 32, "OIN103", "old.py", 1)],
    )


def test_schema_copy_is_unchanged() -> None:
    assert hashlib.sha256(SCHEMA_PATH.read_bytes()).hexdigest() == SCHEMA_SHA256


def test_sarif_is_registered() -> None:
    assert "sarif" in CHECK_FORMATS
    assert REPORTERS["sarif"] is sarif.render


def test_constructed_run_validates_against_the_schema(
    validator: jsonschema.Draft4Validator, in_tmp: Path
) -> None:
    document = _sarif(_constructed(in_tmp))
    assert _errors(validator, document) == []
    assert document["$schema"] == SCHEMA_URI == "https://json.schemastore.org/sarif-2.1.0.json"
    assert document["version"] == "2.1.0"
    assert len(document["runs"]) == 1


def test_schema_validation_can_fail(validator: jsonschema.Draft4Validator, in_tmp: Path) -> None:
    document = _sarif(_constructed(in_tmp))
    document["runs"][0]["results"][0]["level"] = "fatal"
    del document["runs"][0]["tool"]["driver"]["name"]
    document["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["artifactLocation"][
        "uri"] = "src\\pkg\\settings py"
    document["runs"][0]["tool"]["driver"]["informationUri"] = "not a uri"
    errors = _errors(validator, document)
    assert len(errors) == 4, errors


def test_driver_and_rules_meet_github_requirements(in_tmp: Path) -> None:
    import oinlint

    run = _sarif(_constructed(in_tmp))["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "oinlint"
    assert driver["semanticVersion"] == driver["version"] == oinlint.__version__
    assert driver["informationUri"].startswith("https://")
    # only the rules with a result (waived ones too), in catalogue order
    assert [r["id"] for r in driver["rules"]] == ["OIN001", "OIN101", "OIN103", "OIN104"]
    for rule in driver["rules"]:
        spec = CATALOGUE[rule["id"]]
        assert rule["name"] == spec.name and len(rule["name"]) <= 255
        assert rule["shortDescription"]["text"] == spec.summary
        assert 0 < len(rule["fullDescription"]["text"]) <= 1024
        assert "\n" not in rule["fullDescription"]["text"]
        assert spec.summary in rule["help"]["text"] and "`" not in rule["help"]["text"]
        assert rule["help"]["markdown"].startswith(f"# {spec.name} ({spec.code})")
        assert "## Why it matters for OIN review" in rule["help"]["markdown"]
        assert "](../" not in rule["help"]["markdown"]  # relative docs links made absolute
        assert rule["helpUri"] == (
            f"https://github.com/oinlint/oinlint/blob/main/docs/rules/{spec.code}-{spec.name}.md")
        # (that the page exists is test_docs.py's job: generate_docs --check)
        assert rule["defaultConfiguration"]["level"] == spec.severity.sarif_level
        properties = rule["properties"]
        assert properties["precision"] == "high"
        assert len(properties["tags"]) <= 20
        assert set(spec.tags) <= set(properties["tags"])
        if spec.family in ("OIN1", "OIN2", "OIN3", "OIN4") or "security" in spec.tags:
            assert "security" in properties["tags"]
            value = properties["security-severity"]
            assert isinstance(value, str)
            assert 0.1 <= float(value) <= 10.0
            assert value == spec.severity.security_severity
        else:
            assert "security-severity" not in properties
            assert properties["problem.severity"] in ("error", "warning", "recommendation")


def test_help_markdown_is_the_docs_page(in_tmp: Path) -> None:
    rules = {r["id"]: r for r in _sarif(_constructed(in_tmp))["runs"][0]["tool"]["driver"]["rules"]}
    spec = CATALOGUE["OIN103"]
    page = rule_markdown(spec)
    assert rules["OIN103"]["help"]["markdown"] == page  # OIN103's page has no relative links
    assert rules["OIN103"]["properties"]["security-severity"] == "9.5"
    markdown = rules["OIN001"]["help"]["markdown"]
    assert "(https://github.com/oinlint/oinlint/blob/main/docs/suppressions.md)" in markdown


def test_results_locations_fingerprints_and_suppressions(in_tmp: Path) -> None:
    result = _constructed(in_tmp)
    run = _sarif(result)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert [r["ruleId"] for r in results] == ["OIN101", "OIN103", "OIN104", "OIN001"]
    for item, finding in zip(results, result.findings, strict=True):
        assert rules[item["ruleIndex"]]["id"] == item["ruleId"]
        assert item["level"] == finding.severity.sarif_level
        assert item["message"]["text"].startswith(finding.message)
        assert len(item["locations"]) == 1
        physical = item["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"] == {"uri": finding.span.path, "uriBaseId": "%SRCROOT%"}
        region = physical["region"]
        assert (region["startLine"], region["startColumn"], region["endLine"],
                region["endColumn"]) == (finding.span.line, finding.span.column,
                                         finding.span.end_line, finding.span.end_column)
        assert item["partialFingerprints"] == {FINGERPRINT_KEY: finding.fingerprint}
    assert [r["level"] for r in results] == ["error", "error", "error", "note"]
    active, inline, baseline, unwaived = results
    assert "suppressions" not in active and "suppressions" not in unwaived
    assert inline["suppressions"] == [{
        "kind": "inSource", "status": "accepted", "justification": "fixture for the docs",
        "location": {"physicalLocation": {
            "artifactLocation": {"uri": "src/pkg/settings.py", "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": 7, "startColumn": 40, "endLine": 7, "endColumn": 80}}},
    }]
    assert baseline["suppressions"] == [
        {"kind": "external", "status": "accepted", "justification": "in baseline"}]
    assert active["message"]["text"].endswith("Fix: use Bearer")
    assert active["locations"][0]["physicalLocation"]["region"]["snippet"] == {
        "text": "h = {'Authorization': 'SSWS ' + t}"}  # the span's line only, not the context
    assert "snippet" not in inline["locations"][0]["physicalLocation"]["region"]  # none known
    assert active["relatedLocations"] == [{
        "id": 1,
        "physicalLocation": {
            "artifactLocation": {"uri": "src/pkg/settings.py", "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": 7, "startColumn": 5, "endLine": 7, "endColumn": 20}},
        "message": {"text": "the token is defined here"},
    }]
    assert active["properties"]["context"] == "Client.get"


def test_invocation_working_directory_and_notifications(in_tmp: Path) -> None:
    run = _sarif(_constructed(in_tmp))["runs"][0]
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is True
    assert invocation["workingDirectory"]["uri"] == in_tmp.resolve().as_uri() + "/"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == in_tmp.resolve().as_uri() + "/"
    texts = [n["message"]["text"] for n in invocation["toolExecutionNotifications"]]
    assert texts[0] == "data.bin: binary file; skipped"
    assert "stale baseline entry: OIN103 in old.py" in texts[1]
    assert {n["level"] for n in invocation["toolExecutionNotifications"]} == {"warning"}


def test_severity_override_changes_rule_level(in_tmp: Path) -> None:
    result = _constructed(in_tmp)
    result.settings = result.settings.with_overrides(severity={"OIN103": Severity.LOW})
    rules = {r["id"]: r for r in _sarif(result)["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["OIN103"]["defaultConfiguration"]["level"] == "note"
    assert rules["OIN103"]["properties"]["security-severity"] == "3.0"


def test_a_run_without_results_describes_no_rule(in_tmp: Path) -> None:
    settings = Settings(root=in_tmp, select=("OIN103",))
    result = RunResult(findings=[], settings=settings, enabled=settings.enabled_codes(CATALOGUE))
    run = _sarif(result)["runs"][0]
    assert run["tool"]["driver"]["rules"] == []
    assert run["results"] == []


def test_only_rules_with_results_are_described_and_rule_index_follows(in_tmp: Path) -> None:
    """Three results of two rules: two rule descriptions, not the help of every enabled rule."""
    settings = Settings(root=in_tmp)
    findings = [
        Finding("OIN301", "x", Severity.HIGH, "m", _span("a.py", 1), "a" * 32),
        Finding("OIN101", "x", Severity.HIGH, "m", _span("a.py", 2), "b" * 32),
        Finding("OIN301", "x", Severity.HIGH, "m", _span("b.py", 3), "c" * 32),
    ]
    result = RunResult(findings=findings, settings=settings,
                       enabled=settings.enabled_codes(CATALOGUE), scanned=["a.py", "b.py"])
    text = render("sarif", result, CATALOGUE)
    run = json.loads(text)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["OIN101", "OIN301"]
    assert [r["ruleIndex"] for r in run["results"]] == [1, 0, 1]
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in run["results"])
    assert len(text) < 30_000  # every rule's help was over 200 KB


def test_absolute_and_odd_paths(validator: jsonschema.Draft4Validator, in_tmp: Path) -> None:
    outside = (in_tmp.parent / "elsewhere dir" / "x.py").resolve()
    settings = Settings(root=in_tmp)
    findings = [
        Finding("OIN103", "hardcoded-api-token", Severity.CRITICAL, "m",
                _span(str(outside), 1), "f" * 32),
        Finding("OIN103", "hardcoded-api-token", Severity.CRITICAL, "m",
                _span("dir with space/ü.py", 1), "0" * 32),
    ]
    result = RunResult(findings=findings, settings=settings,
                       enabled=settings.enabled_codes(CATALOGUE))
    document = _sarif(result)
    assert _errors(validator, document) == []
    first, second = (r["locations"][0]["physicalLocation"]["artifactLocation"]
                     for r in document["runs"][0]["results"])
    assert first == {"uri": outside.as_uri()}
    assert first["uri"].startswith("file:///") and "%20" in first["uri"]
    assert second == {"uri": "dir%20with%20space/%C3%BC.py", "uriBaseId": "%SRCROOT%"}


def test_engine_run_on_a_tree(validator: jsonschema.Draft4Validator, in_tmp: Path) -> None:
    token = api_token()
    (in_tmp / "src" / "app").mkdir(parents=True)
    (in_tmp / "src" / "app" / "settings.py").write_text(
        f'ORG = "https://acme.okta.com"\nOKTA_TOKEN = "{token}"\n', encoding="utf-8")
    (in_tmp / "clean.py").write_text("print('hello')\n", encoding="utf-8")
    settings = Settings(root=in_tmp, respect_gitignore=False)
    result = check(["."], settings)
    document = _sarif(result)
    assert _errors(validator, document) == []
    text = json.dumps(document)
    assert token not in text
    results = document["runs"][0]["results"]
    hits = [r for r in results if r["ruleId"] == "OIN103"]
    assert len(hits) == 1
    location = hits[0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "src/app/settings.py"
    assert location["region"]["startLine"] == 2
    assert location["region"]["startColumn"] == 15
    assert location["region"]["endColumn"] == 15 + len(token)
    snippet = location["region"]["snippet"]["text"]
    assert snippet == f'OKTA_TOKEN = "{token[:4]}…"'
    assert hits[0]["level"] == "error"

    # The fingerprint has no line number in it: code inserted above leaves it unchanged.
    settings_py = in_tmp / "src" / "app" / "settings.py"
    settings_py.write_text("import os\n\n\n" + settings_py.read_text(encoding="utf-8"),
                           encoding="utf-8")
    moved = _sarif(check(["."], settings))["runs"][0]["results"]
    moved_hit = next(r for r in moved if r["ruleId"] == "OIN103")
    assert moved_hit["locations"][0]["physicalLocation"]["region"]["startLine"] == 5
    assert moved_hit["partialFingerprints"] == hits[0]["partialFingerprints"]


def test_cli_writes_valid_sarif_with_exit_code(
    validator: jsonschema.Draft4Validator, tmp_path: Path
) -> None:
    token = api_token()
    (tmp_path / "app.py").write_text(f'TOKEN = "{token}"\n', encoding="utf-8")
    run = run_oinlint(["check", "--isolated", "--select", "OIN0,OIN1", "--format", "sarif",
                       "-o", "out.sarif", "."], tmp_path)
    assert run.returncode == 1, run.stderr
    assert run.stdout == ""
    raw = (tmp_path / "out.sarif").read_text(encoding="utf-8")
    assert token not in raw
    document = json.loads(raw)
    assert _errors(validator, document) == []
    (result,) = document["runs"][0]["results"]
    assert result["ruleId"] == "OIN103"
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "app.py"
    assert document["runs"][0]["invocations"][0]["workingDirectory"]["uri"] == (
        tmp_path.resolve().as_uri() + "/")


def test_build_sarif_is_the_rendered_document(in_tmp: Path) -> None:
    result = _constructed(in_tmp)
    assert build_sarif(result, CATALOGUE) == _sarif(result)


def test_unknown_or_empty_spans_still_make_a_valid_region(in_tmp: Path) -> None:
    settings = Settings(root=in_tmp)
    finding = Finding("OIN103", "hardcoded-api-token", Severity.CRITICAL, "m",
                      Span("oin-submission.yaml", 0, 0, 0, 0), "1" * 32)
    result = RunResult(findings=[finding], settings=settings,
                       enabled=settings.enabled_codes(CATALOGUE))
    (item,) = _sarif(result)["runs"][0]["results"]
    region = item["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 1}
