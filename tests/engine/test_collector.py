"""The cyclic garbage collector is paused while a run builds acyclic data (≈ 0.3 s of a
commit-shaped run), on while front ends parse, and left as the caller had it."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from trees import write_tree

from oinlint import frontends
from oinlint.config import Settings
from oinlint.engine import cache as cache_module
from oinlint.engine import check, scan
from oinlint.facts import FileFacts

CLIENT = "import requests\nrequests.get('https://example.okta.com/api/v1/users')\n"


@pytest.fixture(autouse=True)
def _own_cache_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = write_tree(tmp_path / "p", {"a/client.py": CLIENT, "b/client.py": CLIENT + "# b\n"})
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def collector_restored() -> Iterator[None]:
    yield
    gc.enable()


def _settings(root: Path) -> Settings:
    return Settings(root=root, respect_gitignore=False)


def test_cached_facts_are_decoded_with_the_collector_paused(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    decode = cache_module.decode_facts

    def recording(data: Any, path: str) -> FileFacts:
        seen.append(gc.isenabled())
        return decode(data, path)

    monkeypatch.setattr(cache_module, "decode_facts", recording)
    cache = project / ".oinlint_cache"
    check(["."], _settings(project), cache_dir=cache)
    check(["."], _settings(project), cache_dir=cache)
    assert seen == [False, False]
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_front_ends_parse_with_the_collector_on_and_the_run_frozen(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[bool, bool]] = []
    parse = frontends.parse

    def recording(path: str, text: str, language: str) -> FileFacts:
        seen.append((gc.isenabled(), gc.get_freeze_count() > 0))
        return parse(path, text, language)

    monkeypatch.setattr(frontends, "parse", recording)
    check(["."], _settings(project))
    assert seen == [(True, True), (True, True)]
    assert gc.get_freeze_count() == 0


def test_a_caller_that_turned_the_collector_off_keeps_it_off(
        project: Path, collector_restored: None) -> None:
    gc.disable()
    check(["."], _settings(project))
    assert not gc.isenabled()


def test_pool_workers_run_with_the_collector_on(collector_restored: None) -> None:
    gc.disable()  # as a worker forked from a paused run starts
    scan._init_worker(1 << 20)
    assert gc.isenabled()
