"""Precision and recall of the OIN101–OIN105 detectors against the labelled corpus.

Shared by ``tests/test_corpus.py`` (asserts thresholds) and ``scripts/corpus_metrics.py``
(prints the same tables as Markdown). A finding counts at ``(path, code, line)`` granularity:
``path`` relative to the corpus directory, ``line`` the 1-based first line of the finding's
span. Labels live in ``<corpus>/labels.yaml`` (conventions in ``<corpus>/README.md``).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TypeVar

import yaml

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "credentials"
RULES = ("OIN101", "OIN102", "OIN103", "OIN104", "OIN105")
# Files in the corpus directory that describe it; never scanned, never labelled.
META_FILES = ("labels.yaml", "negatives.yaml", "README.md")
PRECISION_MIN = 0.95
RECALL_MIN = 0.90
MIN_POSITIVES = 5  # a family (or rule × family cell) is asserted from this many positives on

Triple = tuple[str, str, int]  # (path relative to the corpus, rule code, first line)
K = TypeVar("K")

_SUFFIX_FAMILY = {
    ".py": "python",
    ".sh": "shell",
    ".bash": "shell",
    ".yml": "yaml",
    ".yaml": "yaml",
    ".json": "json",
    ".toml": "toml",
    ".tf": "terraform",
    ".tfvars": "terraform",
    ".hcl": "terraform",
    ".md": "markdown",
    ".js": "js/ts",
    ".mjs": "js/ts",
    ".cjs": "js/ts",
    ".jsx": "js/ts",
    ".ts": "js/ts",
    ".tsx": "js/ts",
    ".go": "go",
    ".java": "java",
    ".cs": "csharp",
    ".rb": "ruby",
    ".php": "php",
    ".properties": "properties",
}


def family(path: str) -> str:
    """The file-type family of a corpus path, from its name and extension."""
    name = PurePosixPath(path).name.lower()
    if name == "dockerfile" or name.startswith("dockerfile.") or name.endswith(".dockerfile"):
        return "dockerfile"
    if name == ".env" or name.startswith(".env.") or name.endswith(".env"):
        return "dotenv"
    return _SUFFIX_FAMILY.get(PurePosixPath(name).suffix, "other")


# ---------------------------------------------------------------------------------------------
# labels


@dataclass(frozen=True)
class Labels:
    """Every corpus file and the findings expected in it."""

    files: tuple[str, ...]
    expected: frozenset[Triple]


def load_labels(corpus: Path = CORPUS) -> Labels:
    data = yaml.safe_load((corpus / "labels.yaml").read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError("labels.yaml must map paths to lists of {code, line}")
    expected: set[Triple] = set()
    for path, items in data.items():
        for item in items or []:
            if set(item) != {"code", "line"}:
                raise ValueError(f"{path}: label {item!r} must have exactly 'code' and 'line'")
            triple = (str(path), str(item["code"]), int(item["line"]))
            if triple in expected:
                raise ValueError(f"duplicate label {triple}")
            expected.add(triple)
    return Labels(files=tuple(sorted(str(p) for p in data)), expected=frozenset(expected))


def corpus_files(corpus: Path = CORPUS) -> list[str]:
    """Every file under the corpus directory except the META_FILES at its top."""
    out = []
    for path in corpus.rglob("*"):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        relative = path.relative_to(corpus).as_posix()
        if relative not in META_FILES:
            out.append(relative)
    return sorted(out)


def load_negatives(corpus: Path = CORPUS) -> dict[str, list[dict[str, object]]]:
    """Hard-negative sites (documentation: which codes must NOT fire on which lines, and why)."""
    data = yaml.safe_load((corpus / "negatives.yaml").read_text(encoding="utf-8")) or {}
    return {str(k): list(v) for k, v in data.items()}


# ---------------------------------------------------------------------------------------------
# running oinlint


def _relative_to_corpus(raw: str, corpus: Path) -> str:
    corpus = corpus.resolve()
    given = Path(raw)
    for candidate in (given, Path.cwd() / given, corpus / given):
        if not candidate.is_absolute():
            continue
        try:
            return candidate.resolve().relative_to(corpus).as_posix()
        except ValueError:
            continue
    return PurePosixPath(raw).as_posix()


def run_oinlint(corpus: Path = CORPUS) -> set[Triple]:
    """Active OIN101–OIN105 findings of ``oinlint.engine.check`` over the corpus."""
    from oinlint.config import Settings
    from oinlint.engine import check

    settings = Settings(
        root=corpus,
        select=("OIN1",),
        respect_gitignore=False,
        extend_exclude=tuple(f"/{name}" for name in META_FILES),
    )
    result = check([str(corpus)], settings)
    return {
        (_relative_to_corpus(f.span.path, corpus), f.code, f.span.line)
        for f in result.active
        if f.code in RULES
    }


# ---------------------------------------------------------------------------------------------
# metrics


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def expected(self) -> int:
        return self.tp + self.fn

    @property
    def found(self) -> int:
        return self.tp + self.fp

    @property
    def precision(self) -> float:
        """TP / (TP + FP); 1.0 when nothing was found (no false alarm)."""
        return self.tp / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        """TP / (TP + FN); 1.0 when nothing was expected."""
        return self.tp / self.expected if self.expected else 1.0


@dataclass
class Metrics:
    overall: Score
    by_rule: dict[str, Score]
    by_family: dict[str, Score]
    by_rule_family: dict[tuple[str, str], Score]
    false_positives: list[Triple] = field(default_factory=list)
    false_negatives: list[Triple] = field(default_factory=list)


def _group(
    expected: Iterable[Triple], found: Iterable[Triple], key: Callable[[Triple], K]
) -> dict[K, Score]:
    exp, got = set(expected), set(found)
    scores: dict[K, Score] = {}
    for triple in exp | got:
        score = scores.setdefault(key(triple), Score())
        if triple in exp and triple in got:
            score.tp += 1
        elif triple in got:
            score.fp += 1
        else:
            score.fn += 1
    return scores


def compute(expected: Iterable[Triple], found: Iterable[Triple],
            rules: Iterable[str] = RULES) -> Metrics:
    """Scores over (path, code, line) triples, restricted to ``rules``."""
    keep = set(rules)
    exp = {t for t in expected if t[1] in keep}
    got = {t for t in found if t[1] in keep}
    overall = _group(exp, got, lambda t: "all").get("all", Score())
    by_rule = {code: Score() for code in sorted(keep)}
    by_rule.update(_group(exp, got, lambda t: t[1]))
    by_family = _group(exp, got, lambda t: family(t[0]))
    by_rule_family = _group(exp, got, lambda t: (t[1], family(t[0])))
    return Metrics(
        overall=overall,
        by_rule=dict(sorted(by_rule.items())),
        by_family=dict(sorted(by_family.items())),
        by_rule_family=dict(sorted(by_rule_family.items())),
        false_positives=sorted(got - exp),
        false_negatives=sorted(exp - got),
    )


def failures(metrics: Metrics, precision_min: float = PRECISION_MIN,
             recall_min: float = RECALL_MIN, min_positives: int = MIN_POSITIVES) -> list[str]:
    """Every threshold the metrics miss: per rule overall, per family and per rule × family
    cell with at least ``min_positives`` labelled positives."""
    problems: list[str] = []

    def judge(label: str, score: Score) -> None:
        if score.precision < precision_min:
            problems.append(f"{label}: precision {score.precision:.3f} < {precision_min} "
                            f"({score.fp} false positive(s))")
        if score.recall < recall_min:
            problems.append(f"{label}: recall {score.recall:.3f} < {recall_min} "
                            f"({score.fn} missed)")

    for code, score in metrics.by_rule.items():
        judge(code, score)
    for fam, score in metrics.by_family.items():
        if score.expected >= min_positives:
            judge(f"family {fam}", score)
    for (code, fam), score in metrics.by_rule_family.items():
        if score.expected >= min_positives:
            judge(f"{code} × {fam}", score)
    return problems


# ---------------------------------------------------------------------------------------------
# rendering


def _pct(value: float) -> str:
    return f"{value:.3f}"


def _rows(title: str, scores: Mapping[str, Score]) -> list[str]:
    lines = [f"| {title} | expected | found | TP | FP | FN | precision | recall |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for name, s in scores.items():
        lines.append(f"| {name} | {s.expected} | {s.found} | {s.tp} | {s.fp} | {s.fn} | "
                     f"{_pct(s.precision)} | {_pct(s.recall)} |")
    return lines


def _line_text(corpus: Path, triple: Triple, width: int = 90) -> str:
    try:
        lines = (corpus / triple[0]).read_text(encoding="utf-8").splitlines()
        text = lines[triple[2] - 1].strip()
    except (OSError, IndexError, UnicodeDecodeError):
        return ""
    text = text.replace("|", "\\|").replace("`", "'")
    return text if len(text) <= width else text[: width - 1] + "…"


def render_markdown(metrics: Metrics, corpus: Path = CORPUS, *, details: bool = True) -> str:
    out = ["## oinlint credential corpus: OIN101–OIN105", ""]
    o = metrics.overall
    out.append(f"Overall: {o.expected} expected, {o.found} found, precision {_pct(o.precision)}, "
               f"recall {_pct(o.recall)} (thresholds: precision ≥ {PRECISION_MIN}, "
               f"recall ≥ {RECALL_MIN}; families and cells asserted from "
               f"{MIN_POSITIVES} positives).")
    out += ["", "### By rule", "", *_rows("rule", metrics.by_rule)]
    out += ["", "### By file family (all five rules)", "", *_rows("family", metrics.by_family)]
    cells = {f"{code} × {fam}": s for (code, fam), s in metrics.by_rule_family.items()}
    out += ["", "### By rule × family", "", *_rows("rule × family", cells)]
    if details:
        for title, triples in (("False positives", metrics.false_positives),
                               ("False negatives (missed)", metrics.false_negatives)):
            out += ["", f"### {title}: {len(triples)}", ""]
            out += [f"- `{p}:{line}` {code} — `{_line_text(corpus, (p, code, line))}`"
                    for p, code, line in triples] or ["(none)"]
    problems = failures(metrics)
    out += ["", f"### Thresholds missed: {len(problems)}", ""]
    out += [f"- {p}" for p in problems] or ["(none)"]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------------
# an independent oracle for OIN103, used by the corpus self-checks

TOKEN_SHAPE = re.compile(r"(?<![A-Za-z0-9_-])00[A-Za-z0-9_-]{40}(?![A-Za-z0-9_-])")


def shannon_entropy(value: str) -> float:
    counts = Counter(value)
    n = len(value)
    return -sum(c / n * math.log2(c / n) for c in counts.values()) if n else 0.0


def looks_like_api_token(value: str) -> bool:
    """The corpus convention: the shape, ≥ 4 bits of entropy and ≥ 12 distinct characters
    (real tokens are random base64url; placeholders, repeats and lowercase hex are not)."""
    return (bool(TOKEN_SHAPE.fullmatch(value)) and shannon_entropy(value) >= 4.0
            and len(set(value)) >= 12)
