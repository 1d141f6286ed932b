"""The test suite never installs system packages (issue 14): a developer running
``python -m pytest`` as root must not get ``apt-get install`` run on their machine. ``.ci/run``
installs what CI needs; without it the browser tests skip (or fail under CI)."""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
INSTALLERS = re.compile(r"""["'](apt-get|apt|dnf|yum|apk|brew|snap)["']""")


def test_no_test_module_runs_a_system_package_manager() -> None:
    offenders = [
        f"{path.relative_to(TESTS)}:{number}"
        for path in sorted(TESTS.rglob("*.py"))
        if path.resolve() != Path(__file__).resolve()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if INSTALLERS.search(line)
    ]
    assert offenders == []


def test_the_pattern_would_see_an_apt_get_call() -> None:
    assert INSTALLERS.search('subprocess.run(["apt-get", "install", "-y", "chromium"])')
