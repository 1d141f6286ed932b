"""Which paths are tests, fixtures, mocks or documentation: what the front ends, the rules and
the analyses agree to read as not the integration itself (the user-visible ``test-paths``
setting is the engine's)."""

from __future__ import annotations

import re
from typing import Final

__all__ = ["TEST_FILE", "is_test_file"]

# A test, fixture, mock or documentation file by its own name or a folder of its path (the
# front ends' and rules' view; the user-visible ``test-paths`` setting is the engine's). The
# last folders only: a corpus or example project may itself live under a tests/ directory.
TEST_FILE: Final = re.compile(
    r"(?:^|/)(?:test_[^/]*\.py|[^/]*_test\.(?:py|go)|conftest\.py|[^/]*\.(?:test|spec|mock)\.[^/]+"
    r"|[^/]*Tests?\.(?:java|cs)|[^/]*_spec\.rb"
    r"|(?:__tests__|__mocks__|mocks?|fixtures|testdata)/(?:[^/]+/)?[^/]+)$")


def is_test_file(path: str) -> bool:
    """Is this a test, fixture or mock file (``test_users.py``, ``src/__mocks__/org.ts``)?"""
    return TEST_FILE.search(path.replace("\\", "/")) is not None
