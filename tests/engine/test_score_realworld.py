"""The real-world scorer (``scripts/score_realworld.py``) counts what it says it counts: a
finding near a label of its file and code is a true positive, once; an unsure label neither
helps nor hurts; OIN501 matches its repository; and the labels committed are well formed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from scripts_loader import load_script

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "tests" / "corpus" / "realworld"


SCORER = load_script("score_realworld")
Mark = SCORER.Mark


def _totals(tallies: dict[Any, Any]) -> tuple[int, int, int]:
    return (sum(t.tp for t in tallies.values()), sum(t.fp for t in tallies.values()),
            sum(t.fn for t in tallies.values()))


def test_a_finding_near_its_label_counts_once_and_a_far_one_is_a_false_positive() -> None:
    labels = [Mark("o__r/a.py", "OIN101", 10)]
    found = [Mark("o__r/a.py", "OIN101", 11), Mark("o__r/a.py", "OIN101", 11),
             Mark("o__r/a.py", "OIN101", 40), Mark("o__r/a.py", "OIN103", 10)]
    assert _totals(SCORER.score(labels, [], found, 2)) == (1, 2, 0)


def test_oin306_outside_python_is_not_judged_by_labels_made_before_it_covered_it() -> None:
    """OIN306 was labelled for okta-sdk-python alone: a Node or Go SDK finding counts neither
    way; a Python one still does."""
    found = [Mark("o__r/a.js", "OIN306", 4), Mark("o__r/b.go", "OIN306", 8),
             Mark("o__r/c.py", "OIN306", 5)]
    assert _totals(SCORER.score([], [], found, 2)) == (0, 1, 0)
    assert _totals(SCORER.score([Mark("o__r/c.py", "OIN306", 5)], [], found, 2)) == (1, 0, 0)


def test_oin306_outside_python_counts_in_a_batch_labelled_for_every_sdk() -> None:
    """From batch 9 on the guide defines OIN306 for every SDK: a Node finding there is a hit
    when labelled and a false positive when not; files of older batches still count neither way."""
    found = [Mark("o__r/a.js", "OIN306", 4), Mark("o__r/b.go", "OIN306", 8)]
    wide = frozenset({"o__r/a.js"})
    assert _totals(SCORER.score([], [], found, 2, wide)) == (0, 1, 0)
    assert _totals(SCORER.score([Mark("o__r/a.js", "OIN306", 4)], [], found, 2, wide)) == (1, 0, 0)
    assert _totals(SCORER.score([Mark("o__r/b.go", "OIN306", 8)], [], found, 2, wide)) == (0, 1, 1)


def test_a_missed_label_is_a_false_negative_and_unsure_counts_neither_way() -> None:
    labels = [Mark("o__r/a.go", "OIN301", 5), Mark("o__r/a.go", "OIN202", 9)]
    unsure = [Mark("o__r/a.go", "OIN203", 20)]
    found = [Mark("o__r/a.go", "OIN203", 21), Mark("o__r/a.go", "OIN202", 9)]
    tallies = SCORER.score(labels, unsure, found, 2)
    assert _totals(tallies) == (1, 0, 1)
    assert any("FN o__r/a.go:5 OIN301" in t.misses for t in tallies.values())


def test_rate_limit_finding_matches_a_label_anywhere_in_its_repository() -> None:
    labels = [Mark("o__r/a.py", "OIN501", 3)]
    assert _totals(SCORER.score(labels, [], [Mark("o__r/b.py", "OIN501", 70)], 2)) == (1, 0, 0)
    assert _totals(SCORER.score(labels, [], [Mark("x__y/b.py", "OIN501", 3)], 2)) == (0, 1, 1)


def test_per_project_labels_count_once_per_repository() -> None:
    labels = [Mark("o__r/a.py", "OIN501", 3), Mark("o__r/b.py", "OIN501", 9)]
    assert _totals(SCORER.score(labels, [], [Mark("o__r/b.py", "OIN501", 9)], 2)) == (1, 0, 0)
    assert _totals(SCORER.score(labels, [], [], 2)) == (0, 0, 1)


def test_submission_and_tool_codes_are_not_scored() -> None:
    assert not SCORER.scored("OIN607") and not SCORER.scored("OIN000")
    assert not SCORER.scored("OIN205") and SCORER.scored("OIN204")


def test_committed_labels_name_files_of_the_manifest_with_known_codes() -> None:
    manifest = yaml.safe_load((CORPUS / "manifest.yaml").read_text(encoding="utf-8"))
    paths = {entry["path"] for entry in manifest["files"]}
    assert len(paths) >= 80
    for labels in sorted((CORPUS / "labels").glob("*.yaml")):
        document = yaml.safe_load(labels.read_text(encoding="utf-8"))
        for name, entry in document["files"].items():
            assert name in paths, f"{labels.name}: {name} is not in the manifest"
            for item in (entry or {}).get("findings") or []:
                assert str(item["code"]).startswith("OIN") and int(item["line"]) >= 1


def test_every_manifest_file_has_a_batch_and_batch_one_is_the_first_corpus() -> None:
    of = SCORER.batches(CORPUS)
    manifest = yaml.safe_load((CORPUS / "manifest.yaml").read_text(encoding="utf-8"))
    assert len(of) == len(manifest["files"])
    batches = set(of.values())
    assert batches == set(range(1, max(batches) + 1))  # numbered 1, 2, … with none missing
    assert sum(1 for batch in of.values() if batch == 1) == 100  # the first, blind-scored set
