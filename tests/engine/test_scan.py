"""Byte-identical files are parsed once; their facts must equal a parse at their own path."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakes import api_token
from trees import write_tree

from oinlint import frontends
from oinlint.config import Settings
from oinlint.engine import check, scan
from oinlint.engine.discovery import Candidate
from oinlint.engine.prefilter import Prefilter
from oinlint.engine.scan import scan_all
from oinlint.facts import rebase
from oinlint.frontends.languages import detect_language
from oinlint.frontends.pathclass import path_class
from oinlint.rules.catalogue import load_catalogue

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted(
    p for base in ("tests/corpus", "examples") for p in (ROOT / base).rglob("*") if p.is_file()
)


def test_the_corpus_covers_every_language() -> None:
    languages = {detect_language(p.name, p.read_bytes()[:256]) for p in SOURCES}
    assert {"python", "javascript", "typescript", "go", "java", "csharp", "ruby", "php",
            "shell", "hcl", "dockerfile", "yaml", "json", "toml", "dotenv", "markdown"} <= languages


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_rebased_facts_equal_facts_parsed_at_the_new_path(source: Path) -> None:
    """Same bytes and same path class: a parse at one path, moved, equals a parse at the other."""
    text = source.read_text(encoding="utf-8", errors="replace")
    relative = source.relative_to(ROOT).as_posix()
    language = detect_language(relative, source.read_bytes()[:256])
    here, elsewhere = f"one/{relative}", f"other/dir/{relative}"
    assert path_class(here, language) == path_class(elsewhere, language)
    facts = frontends.parse(here, text, language)
    assert rebase(facts, elsewhere) == frontends.parse(elsewhere, text, language)
    assert rebase(facts, here) is facts


def test_path_classes_tell_ci_compose_and_make_apart() -> None:
    assert path_class(".github/workflows/ci.yml", "yaml") == "ci"
    assert path_class("deploy/docker-compose.prod.yml", "yaml") == "compose"
    assert path_class("config/app.yml", "yaml") == "yaml"
    assert path_class("Makefile", "text") == "shell" != path_class("NOTES.txt", "text")
    assert path_class("svc/a.py", "python") == path_class("b.py", "python") == ""


def _copies(root: Path, count: int) -> Path:
    token = api_token()
    body = (
        "import requests\n\n"
        "def users(org):\n"
        f'    headers = {{"Authorization": "SSWS {token}"}}\n'
        '    return requests.get(f"https://{org}/api/v1/users", headers=headers)\n'
    )
    files = {f"svc{i}/client.py": body for i in range(count)}
    files["other/client.py"] = body.replace("/users", "/groups")
    return write_tree(root, files)


@pytest.mark.parametrize("jobs", [1, 2])
def test_identical_files_are_parsed_once_and_reported_at_each_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int, parsed_paths: list[str]
) -> None:
    count = 30
    root = _copies(tmp_path / "p", count)
    monkeypatch.chdir(root)
    monkeypatch.setattr(scan, "POOL_MIN_BYTES", 0)  # jobs=2 really uses the pool
    result = check(["."], Settings(root=root, respect_gitignore=False), jobs=jobs)
    ssws = sorted(f.span.path for f in result.findings if f.code == "OIN101")
    assert ssws == sorted([*(f"svc{i}/client.py" for i in range(count)), "other/client.py"])
    lines = {(f.span.line, f.span.column) for f in result.findings if f.code == "OIN101"}
    assert len(lines) == 1
    if jobs == 1:  # workers count in their own processes
        assert len(parsed_paths) == 2


def test_pool_outcome_for_every_candidate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scan, "POOL_MIN_BYTES", 0)
    root = _copies(tmp_path / "p", 40)
    (root / "plain.py").write_text("x = 1\n")
    candidates = [Candidate(str(p), str(p.relative_to(root)), explicit=False)
                  for p in sorted(root.rglob("*.py"))]
    catalogue = load_catalogue()
    prefilter = Prefilter.for_rules(catalogue, list(catalogue))
    outcomes = list(scan_all(candidates, 1 << 20, prefilter, jobs=2))
    assert sorted(o.candidate.display for o in outcomes) == sorted(c.display for c in candidates)
    by_path = {o.candidate.display: o for o in outcomes}
    assert by_path["plain.py"].facts is None
    assert all(o.facts is not None and o.facts.path == path
               for path, o in by_path.items() if path != "plain.py")
