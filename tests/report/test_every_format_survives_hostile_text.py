"""Property: whatever text a finding carries (PEM fragments, quotes, control characters, lone
surrogates, NUL, long lines), every ``check`` format stays parseable by its real parser, keeps
every finding, prints no planted secret, and gives a terminal or a CI runner nothing to act on.

The findings are made here, not by the engine: the reporters' own net is under test (a value
is redacted within itself, then serialized), whatever the engine let through.
"""

from __future__ import annotations

import json
import re
import secrets
import string
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import jsonschema  # type: ignore[import-untyped,unused-ignore]
import pytest
from fakes import api_token, client_secret
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oinlint import redact
from oinlint.config import Settings
from oinlint.engine import RunResult
from oinlint.facts import Span
from oinlint.findings import Finding, Related, Severity, Waiver
from oinlint.report import CHECK_FORMATS
from oinlint.report.render import render
from oinlint.rules.catalogue import load_catalogue

CATALOGUE = load_catalogue()
SCHEMA_PATH = Path(__file__).resolve().parents[1] / "data" / "sarif-schema-2.1.0.json"
CODES = ("OIN101", "OIN103", "OIN105", "OIN204", "OIN605", "OIN000")
BASE64 = string.ascii_letters + string.digits + "+/"

HOSTILE_PIECES = (
    "-----BEGIN PRIVATE KEY-----", "-----BEGIN RSA PRIVATE KEY-----\n", "-----END PRIVATE KEY-----",
    "-----BEGIN PRIVATE KEY-----…", "…", "\\n", '"', "'", "`", "<", ">", "&", "]]>", "</failure>",
    "\x00", "\x1b[2J", "\x1b]0;owned\x07", "\x9b31m", "\r\n", "\u2028", "\u202e", "\ud800",
    "\udcff", "\ufffe", "%0A", "\n::error file=x::boom", "::add-mask::", "::stop-commands::x",
    "[bold]", "${{ secrets.X }}", "x" * 3000,
)
hostile = st.lists(
    st.one_of(st.sampled_from(HOSTILE_PIECES),
              st.text(st.characters(exclude_categories=()), max_size=40)),
    max_size=6,
).map("".join)


@dataclass(frozen=True)
class Planted:
    """Secrets put into every text field: none may appear in any output."""

    token: str
    known: str
    body: tuple[str, ...]

    def key(self) -> str:
        return "\n".join(["-----BEGIN RSA PRIVATE KEY-----", *self.body,
                          "-----END RSA PRIVATE KEY-----"])

    def values(self) -> list[str]:
        return [self.token, self.token[2:], self.known, self.known[4:], *self.body]


@pytest.fixture(scope="module")
def planted() -> Iterator[Planted]:
    plant = Planted(api_token(), client_secret(),
                    tuple("".join(secrets.choice(BASE64) for _ in range(64)) for _ in range(3)))
    yield plant


@pytest.fixture(scope="module")
def sarif_validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


def _text(plant: Planted, noise: str, index: int) -> str:
    """Noise around the planted secrets, each between spaces (a token is a token only alone)."""
    secret = (plant.token, plant.known, plant.key())[index % 3]
    return f"{noise} {secret} {noise[::-1]}"


def _findings(texts: list[str], plant: Planted) -> list[Finding]:
    findings = []
    for i, noise in enumerate(texts):
        path = f"p{i}/{noise[:80]}.py".replace("\\", "_")
        line = 1000 + i
        findings.append(Finding(
            code=CODES[i % len(CODES)], name=CATALOGUE[CODES[i % len(CODES)]].name,
            severity=Severity(i % 5), message=_text(plant, noise, i),
            span=Span(path, line, 3, line, 9), fingerprint=f"{i:032x}",
            context=_text(plant, noise, i + 1), fix=_text(plant, noise, i + 2),
            snippet=tuple(_text(plant, noise, i + k).replace("\n", " ") for k in range(3)),
            snippet_line=line - 1,
            related=(Related(Span(path, 1, 1, 1, 2), _text(plant, noise, i)),),
            waiver=Waiver("inline", _text(plant, noise, i)) if i == 1 else None,
        ))
    return findings


def _result(findings: list[Finding]) -> RunResult:
    config = Settings(root=Path("."), fail_on=Severity.INFO)
    return RunResult(findings=findings, settings=config, enabled=config.enabled_codes(CATALOGUE),
                     scanned=[f.span.path for f in findings], duration=0.1)


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\ud800-\udfff]")


def _check(fmt: str, output: str, findings: list[Finding],
           validator: jsonschema.Draft4Validator) -> None:
    """Parse ``output`` as its consumer would and find every active finding in it."""
    output.encode("utf-8")  # a report must be writable as UTF-8
    active = [f for f in findings if f.waiver is None]
    lines = sorted(f.span.line for f in active)
    if fmt == "json":
        document = json.loads(output)
        assert sorted(f["line"] for f in document["findings"]) == lines
        assert len(document["waived"]) == len(findings) - len(active)
    elif fmt == "sarif":
        document = json.loads(output)
        errors = [e.message for e in validator.iter_errors(document)]
        assert errors == []
        results = document["runs"][0]["results"]
        assert sorted(r["locations"][0]["physicalLocation"]["region"]["startLine"]
                      for r in results) == sorted(f.span.line for f in findings)
    elif fmt == "gitlab":
        issues = json.loads(output)
        assert sorted(i["location"]["lines"]["begin"] for i in issues) == lines
        for issue in issues:
            assert {"description", "check_name", "fingerprint", "severity"} <= issue.keys()
            assert isinstance(issue["location"]["path"], str)
        assert len({i["fingerprint"] for i in issues}) == len(issues)
    elif fmt == "junit":
        root = ET.fromstring(output.encode("utf-8"))
        failures = root.findall(".//failure")
        assert len(failures) == len(active)
        assert root.get("failures") == str(len({f.span.path for f in active}))  # test cases
    else:
        assert not _CONTROL.search(output), fmt
        for line in output.splitlines():
            if line.lstrip().startswith("::"):
                assert fmt == "github" and line.startswith(("::error file=p", "::warning file=p",
                                                            "::notice file=p")), line
        for finding in active:
            where = {"github": f"line={finding.span.line},",
                     "text": f":{finding.span.line}:3:",
                     "concise": f":{finding.span.line}:3: {finding.code} "}[fmt]
            assert where in output, (fmt, finding.span.line)
        if fmt != "text":  # one line per annotation or finding
            assert len(output.splitlines()) == len(active)


@pytest.mark.parametrize("fmt", CHECK_FORMATS)
def test_every_format_parses_keeps_every_finding_and_leaks_nothing(
    fmt: str, planted: Planted, sarif_validator: jsonschema.Draft4Validator
) -> None:
    redact.remember_secret(planted.known)

    @settings(max_examples=50, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(texts=st.lists(hostile, min_size=1, max_size=4))
    def check(texts: list[str]) -> None:
        findings = _findings(texts, planted)
        output = render(fmt, _result(findings), CATALOGUE)
        _check(fmt, output, findings, sarif_validator)
        leaked = [value[:6] for value in planted.values() if value in output]
        assert leaked == [], fmt

    check()


def test_the_property_covers_every_format() -> None:
    assert set(CHECK_FORMATS) == {"text", "concise", "json", "sarif", "junit", "github",
                                  "gitlab"}
