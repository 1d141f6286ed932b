"""The version oinlint reports, the CHANGELOG and the pins the docs suggest agree (issue 14):
a `rev: vX.Y.Z` (pre-commit) or `@vX.Y.Z` (GitHub Action) names a release the CHANGELOG has,
and an unreleased version is a `.dev` version with an [Unreleased] section."""

from __future__ import annotations

import re
from pathlib import Path

from oinlint._version import __version__

REPO = Path(__file__).resolve().parents[2]
DOCS = [REPO / "README.md", REPO / ".pre-commit-hooks.yaml", *sorted((REPO / "docs").glob("*.md"))]
PIN = re.compile(r"(?:rev:\s*|oinlint/oinlint@)v(\d+\.\d+\.\d+)")


def _released() -> set[str]:
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    return set(re.findall(r"^## \[(\d+\.\d+\.\d+)\]", changelog, re.MULTILINE))


def _pins(text: str) -> list[str]:
    return PIN.findall(text)


def test_every_pinned_version_in_the_docs_is_a_release_in_the_changelog() -> None:
    released = _released()
    pins = {f"{path.name}: v{v}" for path in DOCS
            for v in _pins(path.read_text(encoding="utf-8")) if v not in released}
    assert pins == set()


def test_the_version_is_a_dev_version_exactly_when_it_is_not_released() -> None:
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    if ".dev" in __version__:
        assert "## [Unreleased]" in changelog
        assert __version__.split(".dev")[0] not in _released()
    else:
        assert __version__ in _released()


def test_the_pin_pattern_sees_a_tag_pin() -> None:
    assert _pins("    rev: v0.1.0\n        uses: oinlint/oinlint@v0.2.3") == ["0.1.0", "0.2.3"]
    assert _pins("    rev: 0123456789abcdef0123456789abcdef01234567") == []
