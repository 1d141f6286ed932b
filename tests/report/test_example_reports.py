"""The committed example reports (``docs/examples/``) match what oinlint writes today."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest
from scripts_loader import load_script

REPO = Path(__file__).resolve().parents[2]


def _generator() -> ModuleType:
    return load_script("generate_example_reports")


def test_example_reports_are_current(capsys: pytest.CaptureFixture[str]) -> None:
    generator = _generator()
    status = generator.main(["--check"])
    assert status == 0, (
        "docs/examples is stale: run `python scripts/generate_example_reports.py`\n"
        + capsys.readouterr().err)


def test_example_reports_are_reproducible() -> None:
    for name in ("vulnerable-integration", "clean-integration"):
        for suffix in ("html", "md"):
            text = (REPO / "docs" / "examples" / f"{name}.{suffix}").read_text(encoding="utf-8")
            assert "/work/" not in text and "/home/" not in text and "/tmp/" not in text
            assert "omitted: reproducible output" in text
    vulnerable = (REPO / "docs" / "examples" / "vulnerable-integration.md").read_text(
        encoding="utf-8")
    clean = (REPO / "docs" / "examples" / "clean-integration.md").read_text(encoding="utf-8")
    assert "Verdict: Not ready" in vulnerable
    assert "Verdict: Ready" in clean
