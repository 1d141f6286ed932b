"""``per-file-ignores``: the codes off for a path, with globs grouped by the codes they turn off."""

from __future__ import annotations

from oinlint import config
from oinlint.engine.ignores import FileIgnores
from oinlint.rules.catalogue import load_catalogue

CATALOGUE = load_catalogue()


def _table() -> dict[str, tuple[str, ...]]:
    return {**config.test_path_ignores(config.DEFAULT_TEST_PATHS), "legacy/**": ("OIN101",),
            "scripts/*.py": ("OIN101",), "**/conftest.py": ("OIN103",)}


def test_globs_that_turn_off_the_same_codes_share_one_matcher() -> None:
    ignores = FileIgnores(_table(), CATALOGUE)
    assert len(ignores._rules) == 3  # test paths; OIN101; OIN103


def test_each_path_gets_the_union_of_the_codes_of_every_glob_it_matches() -> None:
    ignores = FileIgnores(_table(), CATALOGUE)
    # test-paths: everything but the credential rules that recognise a credential by itself
    test_codes = {c for sel in ("OIN2", "OIN3", "OIN4", "OIN5") for c in CATALOGUE.matching(sel)}
    test_codes |= {"OIN105", "OIN607"}
    assert ignores.ignored("svc/client.py") == set()
    assert ignores.ignored("tests/unit/test_client.py") == test_codes
    assert ignores.ignored("legacy/old.py") == {"OIN101"}
    assert ignores.ignored("scripts/run.py") == {"OIN101"}
    assert ignores.ignored("scripts/deep/run.py") == set()
    assert ignores.ignored("svc/conftest.py") == test_codes | {"OIN103"}
