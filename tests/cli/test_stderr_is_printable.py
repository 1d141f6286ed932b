"""Issue 13, item 7 (stderr): warnings and errors name files, and a file name may carry escape
sequences or a newline followed by a GitHub workflow command. What oinlint writes to stderr is
redacted and has every control character escaped, like the line-based reports."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

HOSTILE = "okta\x1b]0;pwned\x07\n::error file=x::injected.py"


@pytest.mark.skipif(sys.platform == "win32", reason="control characters in file names")
def test_warning_about_a_hostile_file_name_has_no_control_character(tmp_path: Path) -> None:
    # Not valid UTF-8, so the run warns about it by name.
    (tmp_path / HOSTILE).write_bytes(b"OKTA_ORG = 'x' \xff\xfe\n")
    done = subprocess.run(
        [sys.executable, "-m", "oinlint", "check", ".", "--isolated", "--no-cache", "-q"],
        cwd=tmp_path, capture_output=True, env={**os.environ, "NO_COLOR": "1"},
        timeout=120, check=False)
    stderr = done.stderr.decode("utf-8", "replace")
    warnings = [line for line in stderr.splitlines() if line.startswith("oinlint: warning:")]
    assert len(warnings) == 1, stderr
    assert "okta\\x1b]0;pwned\\x07\\x0a::error file=x::injected.py" in warnings[0]
    assert "\x1b" not in stderr and "\x07" not in stderr
    assert not any(line.lstrip().startswith("::") for line in stderr.splitlines())


def test_usage_error_naming_a_hostile_path_has_no_control_character(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "oinlint", "check", "missing\x1b[2Jdir", "--isolated"],
        cwd=tmp_path, capture_output=True, timeout=120, check=False)
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 2
    assert "\x1b" not in stderr
    assert "missing\\x1b[2Jdir" in stderr
