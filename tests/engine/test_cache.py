"""The facts cache and the worker pool must never change what a run finds."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from fakes import api_token
from trees import write_tree

from oinlint import frontends
from oinlint.config import Settings
from oinlint.engine import RunResult, check, scan
from oinlint.engine import cache as cache_module
from oinlint.engine.cache import decode_facts, encode_facts


@pytest.fixture(autouse=True)
def _own_cache_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test makes its own per-machine cache key, never the user's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))


def _project(root: Path, copies: int = 1, distinct: bool = False) -> Path:
    token = api_token()
    files = {}
    for i in range(copies):
        files[f"svc{i}/client.py"] = (
            "import requests\n\n"
            "def users(org, api_token):\n"
            '    headers = {"Authorization": f"SSWS {api_token}"}\n'
            '    return requests.get(f"https://{org}/api/v1/users", headers=headers)\n'
        ) + (f"\nSERVICE = {i}\n" if distinct else "")
        files[f"svc{i}/settings.py"] = f'OKTA_TOKEN = "{token}"\n'
        files[f"svc{i}/.env"] = "OKTA_API_TOKEN=\n"
        files[f"svc{i}/unrelated.py"] = "def add(a, b):\n    return a + b\n"
    return write_tree(root, files)


def _keys(result: RunResult) -> list[tuple[str, str, int, int, str]]:
    return [(f.code, f.span.path, f.span.line, f.span.column, f.fingerprint)
            for f in result.findings]


def test_cached_run_gives_identical_findings(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    root = _project(tmp_path / "p")
    monkeypatch.chdir(root)
    settings = Settings(root=root, respect_gitignore=False)
    cache = root / ".oinlint_cache"
    cold = check(["."], settings)
    first = check(["."], settings, cache_dir=cache)
    assert list(cache.glob("facts-*.json")) and (cache / ".gitignore").read_text().endswith("*\n")
    warm = check(["."], settings, cache_dir=cache)
    assert _keys(cold) == _keys(first) == _keys(warm)
    assert {f.code for f in warm.findings} >= {"OIN101", "OIN103", "OIN104"}
    assert [f.snippet for f in warm.findings] == [f.snippet for f in cold.findings]


def test_changed_file_is_rescanned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _project(tmp_path / "p")
    monkeypatch.chdir(root)
    settings = Settings(root=root, respect_gitignore=False)
    cache = root / ".oinlint_cache"
    check(["."], settings, cache_dir=cache)
    target = root / "svc0" / "client.py"
    target.write_text(target.read_text().replace("SSWS", "Bearer"))
    os.utime(target, ns=(1, 1))  # a different mtime even on coarse clocks
    warm = check(["."], settings, cache_dir=cache)
    assert "OIN101" not in {f.code for f in warm.findings}


def test_corrupt_or_foreign_cache_is_ignored(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    root = _project(tmp_path / "p")
    monkeypatch.chdir(root)
    settings = Settings(root=root, respect_gitignore=False)
    cache = root / ".oinlint_cache"
    expected = _keys(check(["."], settings))
    check(["."], settings, cache_dir=cache)
    for index in cache.glob("facts-*.json"):
        index.write_text("{not json")
    assert _keys(check(["."], settings, cache_dir=cache)) == expected
    for index in cache.glob("facts-*.json"):  # a hostile entry naming a non-fact type
        client = str(root / "svc0" / "client.py")
        size = (root / "svc0" / "client.py").stat().st_size
        data = {"version": 2, "files": {client: [0, size, "", None, "svc0/client.py",
                                                 {"__t": "os.system"}]}}
        index.write_text(json.dumps(data))
    assert _keys(check(["."], settings, cache_dir=cache)) == expected


def test_pool_and_in_process_agree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _project(tmp_path / "p", copies=60, distinct=True)
    monkeypatch.chdir(root)
    monkeypatch.setattr(scan, "POOL_MIN_BYTES", 0)  # a pool even for this small tree
    settings = Settings(root=root, respect_gitignore=False)
    serial = check(["."], settings, jobs=1)
    pooled = check(["."], settings, jobs=2)
    assert _keys(serial) == _keys(pooled)
    assert len(serial.scanned) == 240
    assert sum(f.code == "OIN101" for f in pooled.findings) == 60


def test_facts_round_trip_through_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _project(tmp_path / "p")
    monkeypatch.chdir(root)
    result = check(["."], Settings(root=root, respect_gitignore=False))
    for facts in result.files:
        assert decode_facts(json.loads(json.dumps(encode_facts(facts))), facts.path) == facts


def test_cache_is_found_from_another_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               parsed_paths: list[str]) -> None:
    """Entries are keyed by absolute path; the facts move to the path as displayed now."""
    root = _project(tmp_path / "p")
    settings = Settings(root=root, respect_gitignore=False)
    cache = tmp_path / "cache"
    monkeypatch.chdir(root)
    check(["."], settings, cache_dir=cache)
    monkeypatch.chdir(tmp_path)
    assert parsed_paths  # the run that filled the cache did parse
    parsed_paths.clear()
    warm = check(["p"], settings, cache_dir=cache)
    assert parsed_paths == []  # every file came from the cache
    cold = check(["p"], settings)
    assert _keys(warm) == _keys(cold)
    assert {f.span.path for f in warm.findings if f.code == "OIN101"} == {"p/svc0/client.py"}


def test_touched_but_unchanged_file_is_not_parsed_again(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch,
                                                         parsed_paths: list[str]) -> None:
    root = _project(tmp_path / "p")
    monkeypatch.chdir(root)
    settings = Settings(root=root, respect_gitignore=False)
    cache = root / ".oinlint_cache"
    first = check(["."], settings, cache_dir=cache)
    os.utime(root / "svc0" / "client.py", ns=(1, 1))  # a checkout: new mtime, same bytes
    assert "svc0/client.py" in parsed_paths  # the first run parsed it
    parsed_paths.clear()
    again = check(["."], settings, cache_dir=cache)
    assert parsed_paths == [] and _keys(again) == _keys(first)


def test_a_renamed_or_copied_file_takes_its_facts_from_the_cache_at_its_own_path(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Facts are found by content (hash, language, path class), then moved to the new path:
    the copy and the renamed file are not parsed, and their findings are a cold run's."""
    root = _project(tmp_path / "p")
    monkeypatch.chdir(root)
    settings = Settings(root=root, respect_gitignore=False)
    cache = root / ".oinlint_cache"
    check(["."], settings, cache_dir=cache)
    client = (root / "svc0" / "client.py").read_text()
    (root / "copy").mkdir()
    (root / "copy" / "client.py").write_text(client)
    (root / "svc0" / "settings.py").rename(root / "svc0" / "renamed.py")
    cold = check(["."], settings)
    parsed: list[str] = []
    real_parse = frontends.parse

    def counting(path: str, text: str, language: str) -> object:
        parsed.append(path)
        return real_parse(path, text, language)

    monkeypatch.setattr(frontends, "parse", counting)
    warm = check(["."], settings, cache_dir=cache)
    assert parsed == []
    assert _keys(warm) == _keys(cold)
    assert {"copy/client.py", "svc0/renamed.py"} <= {f.span.path for f in warm.findings}
    assert all(fact.span.path == facts.path for facts in warm.files for fact in facts.facts
               if hasattr(fact, "span"))


def test_same_bytes_in_another_path_class_are_parsed_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A CI workflow and a plain YAML file with the same bytes mean different things."""
    text = "env:\n  OKTA_API_TOKEN: ${{ secrets.OKTA }}\n"
    root = write_tree(tmp_path / "p", {"conf/okta.yaml": text})
    monkeypatch.chdir(root)
    settings = Settings(root=root, respect_gitignore=False)
    cache = root / ".oinlint_cache"
    check(["."], settings, cache_dir=cache)
    write_tree(root, {".github/workflows/okta.yaml": text})
    parsed: list[str] = []
    real_parse = frontends.parse

    def counting(path: str, source: str, language: str) -> object:
        parsed.append(path)
        return real_parse(path, source, language)

    monkeypatch.setattr(frontends, "parse", counting)
    check(["."], settings, cache_dir=cache)
    assert parsed == [".github/workflows/okta.yaml"]


def test_an_edited_module_of_oinlint_makes_a_new_cache(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The code digest reads stat data, not contents: an edit still changes it."""
    package = write_tree(tmp_path / "pkg", {"oinlint/engine/cache.py": "x = 1\n",
                                            "rules/OIN101.yaml": "code: OIN101\n"})
    monkeypatch.setattr(cache_module, "__file__", str(package / "oinlint/engine/cache.py"))
    monkeypatch.setattr(cache_module, "catalogue_dir", lambda: package / "rules")
    before = cache_module.code_digest.__wrapped__()
    assert cache_module.code_digest.__wrapped__() == before
    (package / "oinlint/engine/cache.py").write_text("x = 22\n")
    assert cache_module.code_digest.__wrapped__() != before
