"""Issue 13, item 11: submission input that used to end the run with an internal error (exit 2)
is one problem naming the file, and the other files' findings survive."""

from __future__ import annotations

import time
from pathlib import Path

from fakes import api_token, run_oinlint

from oinlint.config import Settings
from oinlint.engine import check
from oinlint.findings import Finding
from oinlint.submission import parse_submission

SECONDS = 5.0  # each case takes well under a second; the deep one used to take 5.8 s and crash


def _check(root: Path) -> list[Finding]:
    return check([str(root)], Settings(root=root, respect_gitignore=False)).findings


def _submission_problems(text: str) -> list[tuple[str, int, int, str]]:
    started = time.perf_counter()
    submission = parse_submission(text)
    assert time.perf_counter() - started < SECONDS
    return [(p.code, p.span.line, p.span.column, p.message) for p in submission.problems]


def test_submission_with_a_date_like_name_is_a_schema_problem_not_a_crash() -> None:
    problems = _submission_problems("name: 2026-13-45\n")
    unreadable = [p for p in problems if "date" in p[3]]
    assert [p[:3] for p in unreadable] == [("OIN601", 1, 7)]
    assert "quote it" in unreadable[0][3]
    assert not any("`name`" in p[3] for p in problems)  # its text stands in: no second problem


def test_submission_with_a_ten_thousand_digit_number_is_a_problem_not_a_crash() -> None:
    problems = _submission_problems("name: Acme\ndescription: " + "9" * 10_000 + "\n")
    unreadable = [p for p in problems if "too long" in p[3]]
    assert [p[:3] for p in unreadable] == [("OIN601", 2, 14)]
    assert "10000 characters" in unreadable[0][3]


def test_submission_nested_five_thousand_brackets_deep_is_a_problem_not_a_crash() -> None:
    problems = _submission_problems("name: " + "[" * 5000 + "]" * 5000 + "\n")
    assert [p[:3] for p in problems] == [("OIN607", 1, 207)]
    assert "nested too deeply" in problems[0][3]


def test_a_bad_submission_keeps_the_other_files_findings(tmp_path: Path) -> None:
    (tmp_path / "oin-submission.yaml").write_text(
        "name: 2026-13-45\ndescription: " + "9" * 10_000 + "\n", encoding="utf-8")
    (tmp_path / "app.py").write_text(f'TOKEN = "SSWS {api_token()}"\n', encoding="utf-8")
    found = {(f.code, Path(f.span.path).name, f.span.line, f.span.column) for f in _check(tmp_path)}
    assert ("OIN103", "app.py", 1, 15) in found
    assert ("OIN601", "oin-submission.yaml", 1, 7) in found
    assert ("OIN601", "oin-submission.yaml", 2, 14) in found


def test_a_deeply_nested_submission_does_not_end_the_run(tmp_path: Path) -> None:
    (tmp_path / "oin-submission.yaml").write_text("name: " + "[" * 5000 + "]" * 5000 + "\n",
                                                  encoding="utf-8")
    (tmp_path / "app.py").write_text(f'TOKEN = "SSWS {api_token()}"\n', encoding="utf-8")
    started = time.perf_counter()
    run = run_oinlint(["check", "--format", "concise", "."], tmp_path, timeout=60)
    assert time.perf_counter() - started < 30
    assert run.returncode == 1, run.stderr
    assert "internal error" not in run.stderr
    assert "app.py:1:15: OIN103" in run.stdout
    assert "oin-submission.yaml:1:207: OIN607" in run.stdout
