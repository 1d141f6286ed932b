"""What a front end reads from a file's path, besides putting it in spans.

Two byte-identical files get the same facts (moved to each path) when their path classes are
equal too: ``.github/workflows/x.yml`` is CI configuration and ``config/x.yml`` is not, and a
Makefile is read as shell where another text file is prose. Every other front end reads the
path only to name it, so its class is "".

The text front end is imported only for a YAML or text file: importing it costs ~30 ms, which a
pre-commit run over Python files alone does not pay.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["TEST_FILE", "is_test_file", "path_class"]

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


def path_class(path: str, language: str) -> str:
    if language == "yaml":
        from oinlint.frontends.text.yamlfile import yaml_file_kind

        return yaml_file_kind(path, "")  # "ci", "compose", or "yaml" (decided by the text)
    if language == "text":
        from oinlint.frontends.text import text_flavour

        return text_flavour(path)
    return ""
