"""A finding's help fits the finding (issue 14 item 5): OIN301 names the clock of the file's
language (no `time.monotonic()` for Go), OIN607 tells a missing file from one that is broken."""

from __future__ import annotations

from pathlib import Path

import pytest

from oinlint.config import Settings
from oinlint.engine import check
from oinlint.findings import Finding
from oinlint.rules.catalogue import load_catalogue

CATALOGUE = load_catalogue()


def _findings(tmp_path: Path, files: dict[str, str], code: str) -> list[Finding]:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = check([str(tmp_path)], Settings(root=tmp_path, respect_gitignore=False))
    return [f for f in result.findings if f.code == code]


def _bad_example(code: str, file: str) -> str:
    (example,) = [e for e in CATALOGUE[code].examples if e.bad and e.file == file]
    return example.code


@pytest.mark.parametrize(("file", "clock"), [
    ("okta_api.py", "time.monotonic()"),
    ("token.go", "time.Now().Add("),
    ("okta.js", "performance.now()"),
])
def test_oin301_help_names_the_clock_of_the_language(tmp_path: Path, file: str,
                                                     clock: str) -> None:
    (finding,) = _findings(tmp_path, {file: _bad_example("OIN301", file)}, "OIN301")
    assert finding.fix is not None and clock in finding.fix
    if not file.endswith(".py"):
        assert "monotonic()" not in finding.fix


def test_oin301_rule_help_is_language_neutral() -> None:
    assert "time.monotonic()" not in CATALOGUE["OIN301"].fix


MISSING_CODE = 'import httpx\nhttpx.get("https://acme.okta.com/api/v1/users")\n'


def test_oin607_missing_file_help_says_to_write_one(tmp_path: Path) -> None:
    (finding,) = _findings(tmp_path, {"app.py": MISSING_CODE}, "OIN607")
    assert finding.fix is not None and finding.fix.startswith("Run `oinlint init`")
    assert "syntax" not in finding.fix


def test_oin607_broken_yaml_help_is_about_the_yaml(tmp_path: Path) -> None:
    (finding,) = _findings(tmp_path, {"app.py": MISSING_CODE,
                                      "oin-submission.yaml": 'name: "Acme\n'}, "OIN607")
    assert finding.fix is not None and finding.fix.startswith("Fix the YAML at the reported")
    assert "oinlint init" not in finding.fix


def test_oin607_not_utf8_help_is_about_the_encoding(tmp_path: Path) -> None:
    (tmp_path / "oin-submission.yaml").write_bytes(b"name: Acme \xff\n")
    (finding,) = _findings(tmp_path, {"app.py": MISSING_CODE}, "OIN607")
    assert finding.fix == "Save the file as UTF-8 text (the OIN Wizard's fields are Unicode)."
