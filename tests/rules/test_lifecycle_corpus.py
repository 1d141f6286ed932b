"""The labelled token-lifecycle corpus (tests/corpus/lifecycle): OIN3xx must reach precision
≥ 0.9 and recall ≥ 0.85 over the corpus; the OIN40x findings are scored and printed too.

Each corpus file is a small integration of its own, so each is checked as its own project
(OIN303 is a project rule: a 401 handler anywhere in a project counts for all its files).
``pytest -s tests/test_lifecycle_corpus.py`` prints the tables. Labels: labels.yaml, written
from the rule catalogue (rules/OIN3*.yaml, rules/OIN40*.yaml) and the README's conventions.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from corpus_metrics import Triple, compute, corpus_files, load_labels, render_markdown

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "lifecycle"
LIFECYCLE = ("OIN301", "OIN302", "OIN303", "OIN304", "OIN305", "OIN306")
TRANSPORT = ("OIN401", "OIN402", "OIN403", "OIN404", "OIN405")
PRECISION_MIN = 0.9
RECALL_MIN = 0.85


@cache
def _found() -> frozenset[Triple]:
    from oinlint.config import Settings
    from oinlint.engine import check

    found: set[Triple] = set()
    for relative in corpus_files(CORPUS):
        path = CORPUS / relative
        settings = Settings(root=path.parent, select=("OIN3", "OIN4"), respect_gitignore=False)
        result = check([str(path)], settings)
        for finding in result.active:
            found.add((relative, finding.code, finding.span.line))
    return frozenset(found)


def test_every_corpus_file_is_labelled() -> None:
    labels = load_labels(CORPUS)
    assert sorted(labels.files) == corpus_files(CORPUS)
    assert len(labels.files) >= 30


def test_lifecycle_rules_meet_precision_and_recall() -> None:
    labels = load_labels(CORPUS)
    metrics = compute(labels.expected, _found(), LIFECYCLE)
    print(render_markdown(metrics, CORPUS, details=True))
    overall = metrics.overall
    assert overall.precision >= PRECISION_MIN, metrics.false_positives
    assert overall.recall >= RECALL_MIN, metrics.false_negatives


def test_transport_rules_on_the_corpus() -> None:
    labels = load_labels(CORPUS)
    metrics = compute(labels.expected, _found(), TRANSPORT)
    print(render_markdown(metrics, CORPUS, details=True))
    assert metrics.overall.precision >= PRECISION_MIN, metrics.false_positives
    assert metrics.overall.recall >= RECALL_MIN, metrics.false_negatives
