from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from oinlint import redact
from oinlint.facts import FileFacts

# tests/corpus holds realistic integration files (test_*.py and conftest.py among them):
# data for test_corpus.py, never tests to collect.
collect_ignore = ["corpus"]


@pytest.fixture(autouse=True, scope="session")
def _private_cache_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The facts cache's per-user key (``$XDG_CACHE_HOME/oinlint/key``) goes to a temporary
    folder for the whole session, subprocesses included: tests never touch the real one."""
    previous = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))
    yield
    if previous is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = previous


@pytest.fixture(autouse=True)
def _fresh_redactions() -> Iterator[None]:
    redact.forget_all()
    yield
    redact.forget_all()


@pytest.fixture
def parsed_paths(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths handed to a front end in this process (workers count in their own)."""
    from oinlint import frontends

    parsed: list[str] = []
    real = frontends.parse

    def counting(path: str, text: str, language: str) -> FileFacts:
        parsed.append(path)
        return real(path, text, language)

    monkeypatch.setattr(frontends, "parse", counting)
    return parsed
