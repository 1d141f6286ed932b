"""Issue 13, item 10: a file its parser gives up on (nesting too deep) keeps its OIN000 problem
and still reports the hard-coded token the text front end finds in it."""

from __future__ import annotations

import time
from pathlib import Path

from fakes import api_token

from oinlint.config import Settings
from oinlint.engine import check

SECONDS = 20.0  # a few seconds at most on a loaded machine


def _found(root: Path) -> set[tuple[str, str, int, int]]:
    started = time.perf_counter()
    findings = check([str(root)], Settings(root=root, respect_gitignore=False)).findings
    assert time.perf_counter() - started < SECONDS
    return {(f.code, Path(f.span.path).name, f.span.line, f.span.column) for f in findings}


def test_a_json_file_too_deep_to_parse_still_reports_its_hard_coded_token(tmp_path: Path) -> None:
    deep = "[" * 2000 + "]" * 2000
    (tmp_path / "config.json").write_text(
        f'{{"token": "{api_token()}",\n"x": {deep}}}\n', encoding="utf-8")
    found = _found(tmp_path)
    assert ("OIN000", "config.json", 1, 1) in found
    assert ("OIN103", "config.json", 1, 12) in found


def test_a_python_file_too_deep_to_parse_still_reports_its_hard_coded_token(
    tmp_path: Path,
) -> None:
    chain = "+".join(["1"] * 100_000)
    (tmp_path / "app.py").write_text(
        f'headers = {{"Authorization": "SSWS {api_token()}"}}\nx = {chain}\n', encoding="utf-8")
    found = _found(tmp_path)
    assert ("OIN000", "app.py", 1, 1) in found
    assert ("OIN103", "app.py", 1, 35) in found
    assert ("OIN101", "app.py", 1, 29) in found  # the header, from the text front end
