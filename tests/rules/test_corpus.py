"""The labelled credential corpus (tests/corpus/credentials): oinlint's OIN101–OIN105 must reach
precision ≥ 0.95 and recall ≥ 0.90 per rule, per file family and per rule × family cell with at
least five labelled positives. ``pytest -s tests/test_corpus.py`` prints the tables;
``python scripts/corpus_metrics.py`` prints them without pytest.

The corpus is an independent ground truth: it was labelled from the rule catalogue
(rules/OIN10*.yaml) and tests/corpus/credentials/README.md, not from the detectors. The other
tests here check the harness and the labels themselves, and pass whatever the detectors do.
"""

from __future__ import annotations

import json
import tomllib
from collections import Counter
from pathlib import Path

import pytest
import yaml
from corpus_metrics import (
    CORPUS,
    RULES,
    TOKEN_SHAPE,
    Score,
    _relative_to_corpus,
    compute,
    corpus_files,
    failures,
    family,
    load_labels,
    load_negatives,
    looks_like_api_token,
    render_markdown,
    run_oinlint,
)

# ---------------------------------------------------------------------------------------------
# the metric itself, on synthetic data


def test_score_precision_recall_and_vacuous_cases() -> None:
    assert Score(tp=9, fp=1, fn=3).precision == pytest.approx(0.9)
    assert Score(tp=9, fp=1, fn=3).recall == pytest.approx(0.75)
    assert Score().precision == 1.0 and Score().recall == 1.0
    assert Score(fp=2).precision == 0.0 and Score(fp=2).recall == 1.0
    assert Score(fn=2).precision == 1.0 and Score(fn=2).recall == 0.0


def test_compute_counts_triples_per_rule_family_and_cell() -> None:
    expected = {
        ("a.py", "OIN101", 3), ("a.py", "OIN101", 9), ("a.py", "OIN103", 9),
        ("b/.env", "OIN104", 2), ("b/.env", "OIN103", 2), ("c.tf", "OIN102", 4),
    }
    found = {
        ("a.py", "OIN101", 3),            # TP
        ("a.py", "OIN101", 8),            # FP: right rule, wrong line
        ("a.py", "OIN103", 9),            # TP
        ("b/.env", "OIN104", 2),          # TP
        ("b/.env", "OIN105", 2),          # FP: wrong rule on a labelled line
        ("c.tf", "OIN102", 4),            # TP
        ("d.md", "OIN103", 1),            # FP in an unlabelled file
        ("a.py", "OIN201", 3),            # outside OIN101–OIN105: ignored
    }
    m = compute(expected, found)
    assert (m.overall.tp, m.overall.fp, m.overall.fn) == (4, 3, 2)
    assert m.overall.precision == pytest.approx(4 / 7)
    assert m.overall.recall == pytest.approx(4 / 6)
    assert (m.by_rule["OIN101"].tp, m.by_rule["OIN101"].fp, m.by_rule["OIN101"].fn) == (1, 1, 1)
    assert (m.by_rule["OIN103"].tp, m.by_rule["OIN103"].fp, m.by_rule["OIN103"].fn) == (1, 1, 1)
    assert (m.by_rule["OIN104"].tp, m.by_rule["OIN104"].fn) == (1, 0)
    assert (m.by_rule["OIN105"].tp, m.by_rule["OIN105"].fp) == (0, 1)
    assert "OIN201" not in m.by_rule
    assert set(m.by_rule) == set(RULES)  # rules with no triple at all still get a row
    assert (m.by_family["python"].tp, m.by_family["python"].fp,
            m.by_family["python"].fn) == (2, 1, 1)
    assert (m.by_family["dotenv"].tp, m.by_family["dotenv"].fp,
            m.by_family["dotenv"].fn) == (1, 1, 1)
    assert m.by_family["markdown"].fp == 1 and m.by_family["terraform"].tp == 1
    assert m.by_rule_family[("OIN101", "python")].expected == 2
    assert m.false_positives == sorted([("a.py", "OIN101", 8), ("b/.env", "OIN105", 2),
                                        ("d.md", "OIN103", 1)])
    assert m.false_negatives == sorted([("a.py", "OIN101", 9), ("b/.env", "OIN103", 2)])


def test_failures_apply_thresholds_only_where_there_are_enough_positives() -> None:
    # OIN101: 10 expected in python, 9 found + 1 FP -> precision 0.9 (fails), recall 0.9 (passes)
    expected = {("p.py", "OIN101", n) for n in range(1, 11)}
    found = {("p.py", "OIN101", n) for n in range(1, 10)} | {("p.py", "OIN101", 99)}
    # OIN102: 2 expected in go, 0 found -> the rule fails overall; the go family has too few
    # positives to be asserted on its own
    expected |= {("x.go", "OIN102", 1), ("x.go", "OIN102", 2)}
    problems = failures(compute(expected, found))
    joined = "\n".join(problems)
    assert "OIN101: precision 0.900" in joined
    assert "OIN101: recall" not in joined
    assert "OIN102: recall 0.000" in joined
    assert "family python: precision" in joined and "OIN101 × python: precision" in joined
    assert "family go" not in joined and "OIN102 × go" not in joined
    assert failures(compute(expected, expected)) == []


def test_family_by_name_and_extension() -> None:
    cases = {
        "a/b.py": "python", "x.sh": "shell", "ci/.github/workflows/x.yml": "yaml",
        "k8s/d.yaml": "yaml", "docker/sync/Dockerfile": "dockerfile",
        "Dockerfile.worker": "dockerfile", "env/.env": "dotenv", "env/.env.example": "dotenv",
        "env/billing.env": "dotenv", "a.json": "json", "fly.toml": "toml", "main.tf": "terraform",
        "README.md": "markdown", "src/a.ts": "js/ts", "src/a.js": "js/ts", "c.go": "go",
        "C.java": "java", "application.properties": "properties", "LICENSE": "other",
    }
    assert {path: family(path) for path in cases} == cases


def test_finding_paths_are_made_relative_to_the_corpus(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "env").mkdir(parents=True)
    (corpus / "env" / ".env").write_text("X=1\n")
    monkeypatch.chdir(tmp_path)
    assert _relative_to_corpus("corpus/env/.env", corpus) == "env/.env"
    assert _relative_to_corpus(str(corpus / "env" / ".env"), corpus) == "env/.env"
    monkeypatch.chdir(corpus)
    assert _relative_to_corpus("env/.env", corpus) == "env/.env"


def test_render_markdown_lists_misses_and_false_alarms() -> None:
    m = compute({("python/legacy_client.py", "OIN101", 23)}, {("python/guards.py", "OIN101", 17)})
    text = render_markdown(m)
    assert "| OIN101 | 1 | 1 | 0 | 1 | 1 | 0.000 | 0.000 |" in text
    assert "`python/guards.py:17` OIN101" in text
    assert "`python/legacy_client.py:23` OIN101" in text
    assert "Thresholds missed: " in text


# ---------------------------------------------------------------------------------------------
# the labels: well formed, complete, consistent with the corpus conventions

LABELS = load_labels()


def _lines(path: str) -> list[str]:
    return (CORPUS / path).read_text(encoding="utf-8").splitlines()


def test_every_corpus_file_is_labelled_and_every_label_names_a_file() -> None:
    files = corpus_files()
    assert set(LABELS.files) == set(files), (
        f"unlabelled: {sorted(set(files) - set(LABELS.files))}; "
        f"missing: {sorted(set(LABELS.files) - set(files))}")


def test_labels_point_at_real_non_blank_lines_with_known_codes() -> None:
    for path, code, line in LABELS.expected:
        assert code in RULES, (path, code)
        lines = _lines(path)
        assert 1 <= line <= len(lines), (path, code, line)
        assert lines[line - 1].strip(), f"{path}:{line} ({code}) is blank"


def test_corpus_is_big_enough() -> None:
    per_rule = Counter(code for _, code, _ in LABELS.expected)
    assert len(LABELS.files) >= 60
    assert len(LABELS.expected) >= 40
    assert all(per_rule[code] >= 6 for code in RULES), per_rule
    negatives = load_negatives()
    assert sum(len(v) for v in negatives.values()) >= 60


def test_negative_sites_exist_and_do_not_contradict_the_labels() -> None:
    for path, sites in load_negatives().items():
        assert path in LABELS.files, path
        lines = _lines(path)
        for site in sites:
            line = int(site["line"])  # type: ignore[call-overload]
            assert 1 <= line <= len(lines) and lines[line - 1].strip(), (path, line)
            for code in site["codes"]:  # type: ignore[attr-defined]
                assert code in RULES, (path, line, code)
                assert (path, code, line) not in LABELS.expected, (
                    f"{path}:{line} is listed as a negative for {code} and labelled {code}")


def test_oin103_labels_match_the_token_convention() -> None:
    """Every token-shaped, token-random string is labelled OIN103 on its line, and every
    OIN103 label has one (README: placeholders, repeats and low-entropy hex are not tokens)."""
    shaped: set[tuple[str, str, int]] = set()
    for path in LABELS.files:
        for number, text in enumerate(_lines(path), 1):
            if any(looks_like_api_token(m.group(0)) for m in TOKEN_SHAPE.finditer(text)):
                shaped.add((path, "OIN103", number))
    labelled = {t for t in LABELS.expected if t[1] == "OIN103"}
    assert shaped == labelled


def test_fake_secrets_say_they_are_fake() -> None:
    for path, _, number in (t for t in LABELS.expected if t[1] in {"OIN103", "OIN105"}):
        text = _lines(path)[number - 1]
        if "-----BEGIN" in text or "<<-EOT" in text:
            continue  # private keys: the FAKE marker is in the key body
        assert "fake" in text.lower(), f"{path}:{number}"


def test_corpus_files_parse() -> None:
    for path in LABELS.files:
        full = CORPUS / path
        text = full.read_text(encoding="utf-8")
        if full.suffix == ".py":
            compile(text, str(full), "exec")
        elif full.suffix == ".json":
            json.loads(text)
        elif full.suffix in {".yml", ".yaml"}:
            list(yaml.safe_load_all(text))
        elif full.suffix == ".toml":
            tomllib.loads(text)


# ---------------------------------------------------------------------------------------------
# the detectors against the corpus


def test_corpus_precision_and_recall() -> None:
    metrics = compute(LABELS.expected, run_oinlint())
    print()
    print(render_markdown(metrics))
    assert failures(metrics) == []
