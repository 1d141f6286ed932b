"""The facts cache is untrusted input: whatever is written into it, a run finds what a cold run
finds, never prints another file's lines, never reads without limit and never crashes.

Each attack is tried three ways: ``forged-v2`` (the pre-HMAC format, whose index name was
computable offline), ``forged-v4`` (today's format with a made-up HMAC: anyone without the
per-machine key) and ``signed`` (a valid HMAC, as if the key had leaked: the checks behind
the HMAC must hold on their own). The signed attacks run twice: with the project's files just
written (their stamps not settled: every file with facts is read and hashed) and a minute
later (settled stamps: unchanged files are taken on their stamp, without reading).

An entry is ``[mtime_ns, size, sha256, warning, display, facts, ctime_ns, inode, settled,
readable, quiet]``;
facts are ``[language, facts, comments, problems]``, a fact ``[type, span, context, …]`` and a
span ``[line, column, end_line, end_column]`` (:mod:`oinlint.engine.cachecodec`).
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fakes import api_token
from trees import write_tree

from oinlint.config import Settings
from oinlint.engine import RunResult, check, sources
from oinlint.engine.cache import seal
from oinlint.engine.cachecodec import CorruptEntry, decode_facts, encode_facts
from oinlint.engine.cachekey import key_path, machine_key
from oinlint.facts import AuthHeader, FileFacts, Span

HOW = ("forged-v2", "forged-v4", "signed")
CLIENT = (
    "import requests\n\n"
    "def users(org, api_token):\n"
    '    headers = {"Authorization": f"SSWS {api_token}"}\n'
    '    return requests.get(f"https://{org}/api/v1/users", headers=headers)\n'
)


@pytest.fixture(autouse=True)
def _own_cache_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = write_tree(tmp_path / "p", {"svc/client.py": CLIENT,
                                       "svc/settings.py": f'OKTA_TOKEN = "{api_token()}"\n',
                                       "svc/unrelated.py": "def add(a, b):\n    return a + b\n"})
    monkeypatch.chdir(root)
    return root


@pytest.fixture(params=["fresh", "settled"])
def clock(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """``settled``: every stamp is taken as if a minute had passed since the files were
    written, so the cache takes unchanged files on their stamp without reading them."""
    if request.param == "settled":
        monkeypatch.setattr(sources, "now_ns", lambda: time.time_ns() + 60 * 10**9)
    return str(request.param)


def _settings(root: Path) -> Settings:
    return Settings(root=root, respect_gitignore=False)


def _keys(result: RunResult) -> list[tuple[str, str, int, tuple[str, ...]]]:
    return [(f.code, f.span.path, f.span.line, f.snippet) for f in result.findings]


def _index(cache: Path) -> Path:
    (index,) = cache.glob("facts-*.json")
    return index


def _entries(cache: Path) -> dict[str, Any]:
    """The entries of the index a run wrote (read with the key, as the cache does)."""
    index = _index(cache)
    raw = index.read_bytes()
    start = raw.index(b'"files":') + len(b'"files":')
    entries: dict[str, Any] = json.loads(raw[start:-1])
    return entries


def _write_index(cache: Path, body: bytes, how: str) -> None:
    """Replace the index's content by ``body`` (the JSON of the entries), written ``how``."""
    index = _index(cache)
    if how == "forged-v2":
        document = b'{"version":2,"files":' + body + b"}"
    elif how == "forged-v4":
        document = b'{"version":4,"mac":"' + b"0" * 64 + b'","files":' + body + b"}"
    else:
        key = machine_key()
        assert key is not None
        document = seal(key, index.name.removeprefix("facts-").removesuffix(".json").encode(),
                        body)
    index.write_bytes(document)


def _tamper(cache: Path, how: str, edit: Callable[[dict[str, Any]], None]) -> None:
    entries = _entries(cache)
    edit(entries)
    _write_index(cache, json.dumps(entries).encode(), how)


def _client_entry(entries: dict[str, Any]) -> list[Any]:
    (entry,) = (v for k, v in entries.items() if k.endswith("client.py"))
    assert isinstance(entry, list)
    return entry


@pytest.mark.parametrize("how", HOW[:2])
def test_crafted_cache_entry_cannot_hide_findings(project: Path, how: str) -> None:
    """An entry with the file's true size, hash and time but no facts must not win.

    (Not ``signed``: whoever holds the key can write any facts for the file's true content;
    the key is what keeps this attack out.)"""
    cache = project / ".oinlint_cache"
    cold = check(["."], _settings(project), cache_dir=cache)
    assert "OIN101" in {f.code for f in cold.findings}

    def empty_facts(entries: dict[str, Any]) -> None:
        entry = _client_entry(entries)
        entry[2] = hashlib.sha256(CLIENT.encode()).hexdigest()
        entry[5][1] = []

    _tamper(cache, how, empty_facts)
    assert _keys(check(["."], _settings(project), cache_dir=cache)) == _keys(cold)


def test_index_name_cannot_be_computed_without_the_machine_key(
        project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    names = []
    for machine in ("one", "two"):
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / machine))
        cache = tmp_path / f"cache-{machine}"
        check(["."], _settings(project), cache_dir=cache)
        names.append(_index(cache).name)
    assert names[0] != names[1]


def test_machine_key_is_private_and_a_shared_key_turns_the_cache_off(
        project: Path, parsed_paths: list[str]) -> None:
    cache = project / ".oinlint_cache"
    check(["."], _settings(project), cache_dir=cache)
    path = key_path()
    assert path is not None and path.stat().st_mode & 0o777 == 0o600
    path.chmod(0o644)  # another user could read it, so could forge an index
    assert machine_key() is None
    parsed_paths.clear()
    check(["."], _settings(project), cache_dir=cache)
    assert "svc/client.py" in parsed_paths  # the cache was not trusted


def _span_naming(path: str) -> Callable[[dict[str, Any]], None]:
    """Every span of the client's facts names another file (as v3 spans did)."""

    def edit(entries: dict[str, Any]) -> None:
        for fact in _client_entry(entries)[5][1]:
            fact[1] = [path, *fact[1]]

    return edit


def _display(path: str) -> Callable[[dict[str, Any]], None]:
    """The client's entry says its facts are another file's (they are decoded in that path)."""

    def edit(entries: dict[str, Any]) -> None:
        _client_entry(entries)[4] = path

    return edit


@pytest.mark.parametrize("how", HOW)
@pytest.mark.parametrize("attack", [_span_naming, _display])
def test_cached_fact_cannot_show_lines_of_another_file(
        project: Path, tmp_path: Path, how: str, clock: str,
        attack: Callable[[str], Callable[[dict[str, Any]], None]]) -> None:
    outside = tmp_path / "shadow"
    marker = f"root:{api_token()}:19000:0:99999:7:::"
    outside.write_text("\n".join([marker] * 6) + "\n")
    cache = project / ".oinlint_cache"
    cold = check(["."], _settings(project), cache_dir=cache)
    _tamper(cache, how, attack(str(outside)))
    warm = check(["."], _settings(project), cache_dir=cache)
    assert _keys(warm) == _keys(cold)
    assert all(str(outside) != f.span.path and not any("root:" in line for line in f.snippet)
               for f in warm.findings)


@pytest.mark.parametrize("how", HOW)
def test_cache_entry_for_a_symlink_to_dev_zero_is_not_read(project: Path, tmp_path: Path,
                                                           how: str) -> None:
    """A file replaced by a link to /dev/zero, with an entry that matches its stat (size 0)."""
    cache = project / ".oinlint_cache"
    check(["."], _settings(project), cache_dir=cache)
    client = project / "svc" / "client.py"
    client.unlink()
    client.symlink_to("/dev/zero")

    def like_dev_zero(entries: dict[str, Any]) -> None:
        entry = _client_entry(entries)
        entry[0], entry[1] = 1, 0  # another time: the old code then hashed the whole "file"

    _tamper(cache, how, like_dev_zero)

    def limit_memory() -> None:  # the unfixed code reads until this limit, then crashes
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    done = subprocess.run(
        [sys.executable, "-m", "oinlint", "check", ".", "--isolated",
         "--jobs", "1", "--cache-dir", str(cache), "--format", "json"],
        cwd=project, capture_output=True, text=True, timeout=120, preexec_fn=limit_memory,
        check=False)
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    assert {f["code"] for f in report["findings"]} >= {"OIN103"}
    # Two defences stop it, whichever comes first: discovery skips a link out of the root, and
    # the cache reads only regular files within the size limit.
    assert report["summary"]["warnings"] in (
        ["svc/client.py: not a regular file; skipped"],
        ["svc/client.py: symbolic link to a path outside the project root; skipped"])


@pytest.mark.parametrize("how", HOW)
def test_deeply_nested_cache_is_a_miss_not_a_crash(project: Path, how: str, clock: str) -> None:
    cache = project / ".oinlint_cache"
    cold = check(["."], _settings(project), cache_dir=cache)
    _write_index(cache, b"[" * 200_000 + b"]" * 200_000, how)
    assert _keys(check(["."], _settings(project), cache_dir=cache)) == _keys(cold)
    _tamper(cache, how, lambda entries: _client_entry(entries)[5].__setitem__(
        1, json.loads("[" * 50 + "]" * 50)))
    assert _keys(check(["."], _settings(project), cache_dir=cache)) == _keys(cold)


def _set(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    """An edit that sets the value at ``path`` inside the client's entry."""

    def edit(entries: dict[str, Any]) -> None:
        target: Any = _client_entry(entries)
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return edit


def _auth_header_field(index: int, value: Any) -> Callable[[dict[str, Any]], None]:
    """Set a field of the client's AuthHeader fact: [type, span, context, scheme, via, …]."""

    def edit(entries: dict[str, Any]) -> None:
        (fact,) = (f for f in _client_entry(entries)[5][1] if f[0] == "AuthHeader")
        fact[index] = value

    return edit


WRONG_TYPES = {
    "line-is-a-string": _auth_header_field(1, ["4", 5, 4, 30]),
    "span-is-null": _auth_header_field(1, None),
    "span-is-short": _auth_header_field(1, [4, 5, 4]),
    "scheme-is-a-number": _auth_header_field(3, 7),
    "fact-has-an-extra-field": lambda entries: next(
        f for f in _client_entry(entries)[5][1] if f[0] == "AuthHeader").append("x"),
    "facts-is-a-number": _set((5, 1), 5),
    "language-is-a-number": _set((5, 0), 3),
    "entry-is-an-object": lambda entries: entries.update(
        {k: {"a": 1} for k in entries if k.endswith("client.py")}),
    "size-is-a-string": _set((1,), "169"),
    "ctime-is-a-string": _set((6,), "1"),
    "settled-is-a-number": _set((8,), 1),
    "facts-of-a-binary-file": _set((9,), False),
    "quiet-is-a-string": _set((10,), "yes"),
    "entry-is-short": lambda entries: _client_entry(entries).pop(),
}


@pytest.mark.parametrize("how", HOW)
@pytest.mark.parametrize("wrong", sorted(WRONG_TYPES))
def test_wrongly_typed_cache_entry_is_a_miss_not_a_crash(project: Path, how: str, clock: str,
                                                         wrong: str) -> None:
    cache = project / ".oinlint_cache"
    cold = check(["."], _settings(project), cache_dir=cache)
    _tamper(cache, how, WRONG_TYPES[wrong])
    assert _keys(check(["."], _settings(project), cache_dir=cache)) == _keys(cold)


def test_edit_that_keeps_size_and_time_is_still_seen(project: Path) -> None:
    """Facts are hit only against the file's current content hash, not its ``stat``."""
    cache = project / ".oinlint_cache"
    client = project / "svc" / "client.py"
    check(["."], _settings(project), cache_dir=cache)
    before = client.stat()
    client.write_text(CLIENT.replace("SSWS", "Basi"))  # same size
    os.utime(client, ns=(before.st_atime_ns, before.st_mtime_ns))
    warm = check(["."], _settings(project), cache_dir=cache)
    assert "OIN101" not in {f.code for f in warm.findings}


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid",
                    "-c", "commit.gpgsign=false", *args], cwd=root, check=True,
                   capture_output=True)


def test_committed_cache_is_not_used(project: Path, parsed_paths: list[str]) -> None:
    cache = project / ".oinlint_cache"
    _git(project, "init", "-q")
    check(["."], Settings(root=project), cache_dir=cache)
    _git(project, "add", "-A")
    _git(project, "add", "-f", ".oinlint_cache")
    _git(project, "commit", "-q", "-m", "a cache committed by mistake")
    written = _index(cache).read_bytes()
    parsed_paths.clear()
    warm = check(["."], Settings(root=project), cache_dir=cache)
    assert warm.warnings == [".oinlint_cache: a facts cache committed to git is not used "
                             "(untrack it: git rm -r --cached .oinlint_cache)"]
    assert "svc/client.py" in parsed_paths  # parsed again, not read from the committed cache
    assert _index(cache).read_bytes() == written  # and the committed files are left alone


def test_every_corpus_file_comes_back_from_the_cache(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     parsed_paths: list[str]) -> None:
    """The checks behind the cache accept every fact the front ends make (else: slow runs)."""
    corpus = Path(__file__).resolve().parent.parent / "corpus"
    monkeypatch.chdir(corpus)
    settings = Settings(root=corpus, respect_gitignore=False)
    cache = tmp_path / "cache"
    cold = check(["."], settings, cache_dir=cache)
    assert len(parsed_paths) > 50
    parsed_paths.clear()
    warm = check(["."], settings, cache_dir=cache)
    assert parsed_paths == []
    assert _keys(warm) == _keys(cold)


def _encoded() -> Any:
    return json.loads(json.dumps(encode_facts(FileFacts("a.py", "python", (), (), ()))))


def _with_fact(fact: Any) -> Any:
    data = _encoded()
    data[1] = [fact]
    return data


def _span(line: Any = 1) -> list[Any]:
    return [line, 1, 1, 2]


def _header(span: Any = None, extra: tuple[Any, ...] = ()) -> list[Any]:
    """An AuthHeader: [type, span, context, scheme, via, header, passed_on]."""
    return ["AuthHeader", _span() if span is None else span, "", "SSWS", "literal",
            "Authorization", False, *extra]


CORRUPT = {
    "span-naming-another-file": _with_fact(_header(span=["/etc/shadow", 1, 1, 1, 2])),
    "span-with-a-path-for-a-line": _with_fact(_header(span=["/etc/shadow", 1, 1, 2])),
    "line-is-a-bool": _with_fact(_header(span=_span(line=True))),
    "line-is-a-float": _with_fact(_header(span=_span(line=1.0))),
    "extra-field": _with_fact(_header(extra=(1,))),
    "missing-field": _with_fact(_header()[:-1]),
    "missing-part": _encoded()[:3],
    "bare-fact-base-class": _with_fact(["Fact", _span(), ""]),
    "type-outside-the-whitelist": _with_fact(["os.system"]),
    "type-tag-is-a-list": _with_fact([["AuthHeader"], _span(), "", "SSWS", "literal",
                                      "Authorization"]),
    "span-where-a-fact-goes": _with_fact(_span()),
    "fact-as-an-object": _with_fact({"__t": "AuthHeader"}),
    "literal-out-of-range": _with_fact(["ResponseHandling", _span(), "", "500"]),
    "optional-of-the-wrong-type": _with_fact(["ApiCall", _span(), "", "GET", 7, "sdk", None,
                                              None]),
    "tuple-item-of-the-wrong-type": _with_fact(["HelperDef", _span(), "", "get", [1], [],
                                                None, ""]),
    "comment-with-a-string-line": [*_encoded()[:2], [["1", 1, "# x", True]], []],
    "not-file-facts": [1, 2],
    "v3-object-form": {"__t": "FileFacts", "path": "a.py", "language": "python",
                       "facts": [], "comments": [], "problems": []},
}


@pytest.mark.parametrize("name", sorted(CORRUPT))
def test_decoding_cached_facts_checks_every_field(name: str) -> None:
    with pytest.raises(CorruptEntry):
        decode_facts(CORRUPT[name], "a.py")


def test_decoding_accepts_what_it_encodes() -> None:
    good = _with_fact(_header())
    decoded = decode_facts(good, "a.py")
    assert decoded.facts[0].span.path == "a.py"
    assert decode_facts(json.loads(json.dumps(encode_facts(decoded))), "a.py") == decoded


def test_facts_with_a_span_in_another_file_are_never_encoded() -> None:
    """Spans are stored without their path, so one in another file would move into this one."""
    elsewhere = FileFacts("a.py", "python", (AuthHeader(Span("b.py", 1, 1, 1, 2), "", "SSWS",
                                                         "literal", "Authorization"),))
    with pytest.raises(ValueError, match=r"b\.py"):
        encode_facts(elsewhere)
