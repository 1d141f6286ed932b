from __future__ import annotations

import json
from pathlib import Path

import pytest

from oinlint.engine.baseline import BaselineError, apply_baseline, load_baseline, render_baseline
from oinlint.facts import Span
from oinlint.findings import Finding, Severity, fingerprint


def _finding(fp: str, line: int = 1) -> Finding:
    return Finding("OIN103", "hardcoded-api-token", Severity.CRITICAL, "m",
                   Span("a.py", line, 1, line, 2), fp)


def test_fingerprint_ignores_lines_and_whitespace_but_not_text() -> None:
    a = fingerprint("OIN101", "a.py", 'f"SSWS {t}"', "Client.get")
    assert a == fingerprint("OIN101", "a.py", 'f"SSWS  {t}"\n', "Client.get")
    assert a != fingerprint("OIN101", "a.py", 'f"SSWS {u}"', "Client.get")
    assert a != fingerprint("OIN101", "b.py", 'f"SSWS {t}"', "Client.get")
    assert a != fingerprint("OIN101", "a.py", 'f"SSWS {t}"', "Other.get")


def test_round_trip_with_counts(tmp_path: Path) -> None:
    text = render_baseline([_finding("x", 1), _finding("x", 9), _finding("y", 3)])
    path = tmp_path / "baseline.json"
    path.write_text(text)
    entries = load_baseline(path)
    assert {(e.fingerprint, e.count) for e in entries} == {("x", 2), ("y", 1)}
    assert "line" not in text  # no line numbers: moving code must not break the baseline
    assert text == render_baseline([_finding("y", 30), _finding("x", 10), _finding("x", 1)])


def test_apply_waives_up_to_count_and_reports_stale(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    path.write_text(render_baseline([_finding("x"), _finding("gone")]))
    entries = load_baseline(path)
    findings, stale = apply_baseline([_finding("x", 1), _finding("x", 5), _finding("new")], entries)
    assert [f.waived for f in findings] == [True, False, False]
    assert findings[0].waiver is not None and findings[0].waiver.kind == "baseline"
    assert [(e.fingerprint, e.count) for e in stale] == [("gone", 1)]


def test_reasons_survive_rewrites(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    document = json.loads(render_baseline([_finding("x")]))
    document["findings"][0]["reason"] = "accepted risk SEC-42"
    path.write_text(json.dumps(document))
    entries = load_baseline(path)
    rewritten = json.loads(render_baseline([_finding("x")], entries))
    assert rewritten["findings"][0]["reason"] == "accepted risk SEC-42"
    findings, _ = apply_baseline([_finding("x")], entries)
    assert findings[0].waiver is not None and findings[0].waiver.reason == "accepted risk SEC-42"


@pytest.mark.parametrize("content", ["", "{}", '{"tool": "other", "version": 1}', "[1, 2]",
                                     '{"tool": "oinlint", "version": 1, "findings": [{}]}'])
def test_bad_baselines_are_clear_errors(tmp_path: Path, content: str) -> None:
    path = tmp_path / "b.json"
    path.write_text(content)
    with pytest.raises(BaselineError, match=str(path)):
        load_baseline(path)
