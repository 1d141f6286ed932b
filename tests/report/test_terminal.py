"""Terminal experience: the progress bar (TTY only, after a delay) and the summary table."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fakes import run_oinlint
from trees import write_tree

from oinlint.config import Settings
from oinlint.engine import check
from oinlint.engine.progress import ScanProgress, scan_progress

REPO = Path(__file__).resolve().parents[2]


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_engine_reports_progress(tmp_path: Path) -> None:
    write_tree(tmp_path, {f"m{i}.py": "x = 1\n" for i in range(5)})
    calls: list[tuple[int, int]] = []
    check([str(tmp_path)], Settings(root=tmp_path), progress=lambda d, t: calls.append((d, t)))
    assert calls and calls[-1] == (5, 5)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_no_bar_when_stderr_is_not_a_terminal() -> None:
    with scan_progress(stream=io.StringIO()) as progress:
        assert progress is None
    with scan_progress(enabled=False, stream=_Tty()) as progress:
        assert progress is None


def test_bar_only_after_the_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TERM", raising=False)
    quick = _Tty()
    bar = ScanProgress(quick, delay=60)
    for done in range(1, 4):
        bar(done, 10)
    bar.close()
    assert quick.getvalue() == ""  # a fast scan never flickers a bar
    slow = _Tty()
    bar = ScanProgress(slow, delay=0)
    for done in range(1, 10):
        bar(done, 10)
    bar.close()
    assert "scanning" in slow.getvalue()


def test_no_color_means_no_escape_codes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    stream = _Tty()
    bar = ScanProgress(stream, delay=0)
    bar(1, 2)
    bar.close()
    assert "\x1b[3" not in stream.getvalue()  # no colour (cursor control is fine)


def test_summary_table_at_the_end_of_text_output() -> None:
    run = run_oinlint(["check", "--no-cache", "."], REPO / "examples" / "vulnerable-integration")
    assert run.returncode == 1
    tail = run.stdout[run.stdout.index("Summary"):]
    for row in ("files", "OIN1xx", "suppressed", "time"):
        assert row in tail
    assert "\x1b[" not in run.stdout  # NO_COLOR (set by run_oinlint)
    quiet = run_oinlint(["check", "--no-cache", "-q", "."],
                        REPO / "examples" / "vulnerable-integration")
    assert "Summary" not in quiet.stdout
    assert run.stderr.count("scanning") == 0  # stderr is a pipe here: no bar
