"""Settled stamps (git's racy-git rule): the facts cache takes a file as unchanged without
reading it only when no edit could hide behind its ``stat``; everything else is read again."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest
from fakes import api_token
from trees import write_tree

from oinlint.config import Settings, load_settings
from oinlint.engine import RunResult, check, scan, sources
from oinlint.engine import cache as cache_module
from oinlint.engine.discovery import Candidate
from oinlint.engine.sources import Source
from oinlint.engine.stamps import SETTLE_NS, stamp_of
from oinlint.rules.catalogue import load_catalogue

CLIENT = (
    "import requests\n\n"
    "def users(org, api_token):\n"
    '    headers = {"Authorization": f"SSWS {api_token}"}\n'
    '    return requests.get(f"https://{org}/api/v1/users", headers=headers)\n'
)
RATE_LIMITS = (
    '"""Okta responses."""\nimport time\n\n\ndef send(response):\n'
    "    if response.status_code == 429:\n"
    '        time.sleep(int(response.headers["X-Rate-Limit-Reset"]) - time.time())\n'
    '    return response.json(), response.links.get("next")\n'
)


@pytest.fixture(autouse=True)
def _own_cache_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))


def _settle(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stamps taken from now on are taken as if a minute had passed since the last edit."""
    monkeypatch.setattr(sources, "now_ns", lambda: time.time_ns() + 60 * 10**9)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the facts cache reads (and hashes) to check an entry."""
    seen: list[str] = []
    real = sources.read_source

    def recording(candidate: Candidate, max_size: int) -> Source:
        seen.append(candidate.display)
        return real(candidate, max_size)

    monkeypatch.setattr(cache_module, "read_source", recording)
    return seen


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = write_tree(tmp_path / "repo", {
        "oinlint.toml": 'fail-on = "high"\n', "client.py": CLIENT, "http.py": RATE_LIMITS,
        "settings.py": f'OKTA_TOKEN = "{api_token()}"\n'})
    (root / ".git").mkdir()
    monkeypatch.chdir(root)
    return root


def _keys(result: RunResult) -> list[tuple[str, str, int, tuple[str, ...]]]:
    return [(f.code, f.span.path, f.span.line, f.snippet) for f in result.findings]


def _commit_run(root: Path, cache: Path | None) -> RunResult:
    settings = load_settings(load_catalogue(), paths=["client.py"])
    return check(["client.py"], settings, cache_dir=cache, project_model=True)


def test_files_behind_the_project_rules_are_not_read_when_their_stamps_are_settled(
        repo: Path, monkeypatch: pytest.MonkeyPatch, reads: list[str]) -> None:
    _settle(monkeypatch)
    cache = repo / ".oinlint_cache"
    check(["."], Settings(root=repo), cache_dir=cache)
    reads.clear()
    warm = _commit_run(repo, cache)
    # The file shown (its lines make snippets) and the one with a secret literal (its lines
    # redact the secret everywhere) are read; the rate-limit module is taken on its stamp.
    assert sorted(reads) == ["client.py", "settings.py"]
    assert sorted(f.path for f in warm.files) == ["client.py", "http.py", "settings.py"]
    assert _keys(warm) == _keys(_commit_run(repo, None))


def test_files_are_read_and_hashed_while_their_stamps_are_not_settled(
        repo: Path, reads: list[str]) -> None:
    cache = repo / ".oinlint_cache"
    check(["."], Settings(root=repo), cache_dir=cache)  # the files were written just now
    reads.clear()
    warm = _commit_run(repo, cache)
    assert sorted(reads) == ["client.py", "http.py", "settings.py"]
    assert _keys(warm) == _keys(_commit_run(repo, None))


def test_an_edit_no_stat_field_shows_is_seen_when_the_stamp_was_not_settled(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two writes within one timestamp tick, the cache's read between them: ``stat`` says
    nothing changed (faked here), and only the stamp's not being settled catches it."""
    cache = repo / ".oinlint_cache"
    client = repo / "client.py"
    check(["."], Settings(root=repo), cache_dir=cache)
    before = os.stat(client)
    client.write_text(CLIENT.replace("SSWS", "Basi"))  # the same size
    real_stat = os.stat

    def same_stat(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        return before if str(path) == str(client) else real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", same_stat)
    warm = check(["."], Settings(root=repo), cache_dir=cache)
    assert "OIN101" not in {f.code for f in warm.findings}


def test_an_edit_that_restores_mtime_and_size_is_seen_with_settled_stamps(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _settle(monkeypatch)
    cache = repo / ".oinlint_cache"
    client = repo / "client.py"
    cold = check(["."], Settings(root=repo), cache_dir=cache)
    assert "OIN101" in {f.code for f in cold.findings}
    before = client.stat()
    client.write_text(CLIENT.replace("SSWS", "Basi"))  # the same size
    os.utime(client, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the same mtime
    warm = check(["."], Settings(root=repo), cache_dir=cache)
    assert "OIN101" not in {f.code for f in warm.findings}


def test_a_file_without_keywords_edited_to_hold_a_token_keeping_size_and_mtime_is_read(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An entry without facts used to be matched on ``mtime`` and size alone."""
    _settle(monkeypatch)
    token = api_token()
    plain = repo / "plain.py"
    plain.write_text(f'T = "{"a" * len(token)}"\n')
    cache = repo / ".oinlint_cache"
    cold = check(["."], Settings(root=repo), cache_dir=cache)
    assert "plain.py" not in {f.span.path for f in cold.findings}
    before = plain.stat()
    plain.write_text(f'T = "{token}"\n')
    os.utime(plain, ns=(before.st_atime_ns, before.st_mtime_ns))
    warm = check(["."], Settings(root=repo), cache_dir=cache)
    assert ("OIN103", "plain.py") in {(f.code, f.span.path) for f in warm.findings}


@pytest.mark.parametrize("settled", [False, True])
def test_a_warm_run_repeats_the_warnings_of_the_cold_run(
        repo: Path, monkeypatch: pytest.MonkeyPatch, settled: bool) -> None:
    """A file the Python front end left to the text front end is said on every run."""
    if settled:
        _settle(monkeypatch)
    write_tree(repo, {"big.py": 'URL = "https://example.okta.com/oauth2/v1/token"\n'
                                + "x = 1\n" * 160_000})
    cache = repo / ".oinlint_cache"
    cold = check(["."], Settings(root=repo), cache_dir=cache)
    assert any("over the analysis budget" in w for w in cold.warnings)
    assert check(["."], Settings(root=repo), cache_dir=cache).warnings == cold.warnings


def test_a_stamp_is_settled_only_well_after_the_files_last_change(tmp_path: Path) -> None:
    path = write_tree(tmp_path, {"a.py": "x = 1\n"}) / "a.py"
    info = os.stat(path)
    changed = max(info.st_mtime_ns, info.st_ctime_ns)
    soon = stamp_of(info, changed + SETTLE_NS // 2)
    later = stamp_of(info, changed + 2 * SETTLE_NS)
    assert (soon.settled, later.settled) == (False, True)
    assert not soon.matches(info) and later.matches(info)
    path.write_text("x = 2\n")
    assert not later.matches(os.stat(path))


def test_binary_files_met_while_walking_are_not_read_again_while_unchanged(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An image or archive is read once (a NUL byte: skipped) and then known by its stamp;
    named on the command line it is still said to be skipped."""
    _settle(monkeypatch)
    (repo / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)))
    (repo / "notes.txt").write_bytes(b"okta\x00token")  # named like text: a warning
    cache = repo / ".oinlint_cache"
    cold = check(["."], Settings(root=repo), cache_dir=cache)
    read: list[str] = []
    real = sources.read_source

    def recording(candidate: Candidate, max_size: int) -> Source:
        read.append(candidate.display)
        return real(candidate, max_size)

    monkeypatch.setattr(scan, "read_source", recording)
    warm = check(["."], Settings(root=repo), cache_dir=cache)
    assert read == []
    assert (warm.skipped, warm.warnings) == (cold.skipped, cold.warnings)
    assert ("logo.png", "binary file; skipped") in warm.skipped
    assert warm.warnings == [f"notes.txt: {sources.NUL_IN_TEXT}"]
    named = check(["logo.png"], Settings(root=repo), cache_dir=cache)
    assert named.warnings == ["logo.png: binary file; skipped"]
