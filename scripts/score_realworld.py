"""Score oinlint against the hand-made labels of the real-world corpus (issue 15).

The corpus is described by ``tests/corpus/realworld/`` (manifest and labels made blind, by
labellers who never saw oinlint's code, in ``labels/*.yaml`` in the format of ``LABELLING.md``);
the public files themselves live outside the repository, under ``--files`` (or
``$OINLINT_REALWORLD``) as ``<owner>__<repo>/<original path>``. Each repository is checked as
one project (its own root, no configuration, no cache). A finding is a true positive when a
label of the same file and code lies within ``--slack`` lines of it; OIN501 (one finding per
project) matches any label of its repository. Findings on an ``unsure`` label count neither way.

Repositories are split in two halves by a hash of their name: ``tune`` (rules may be tuned on it)
and ``holdout`` (never looked at while tuning). The figures are printed per family, per language
and per half; ``--json`` writes them for the record. The corpus grows in batches (the manifest's
``batch``, 1 when absent), each collected and labelled blind before any tuning on it; ``--batch``
scores one batch alone, so a new batch's first figures are blind ones.

    python scripts/score_realworld.py --files DIR [--json out.json] [--slack 2] [--misses]
                                      [--batch N]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from oinlint.config import Settings
from oinlint.engine import check

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus" / "realworld"
FAMILIES = {"OIN1": "credentials", "OIN2": "scopes", "OIN3": "lifecycle",
            "OIN4": "transport", "OIN5": "hygiene"}
# Codes a per-repository corpus without a submission file can be scored on.
NOT_SCORED = ("OIN0", "OIN6", "OIN9", "OIN205", "OIN206")
PER_PROJECT = ("OIN501",)
LANGUAGES = {".py": "python", ".js": "js/ts", ".mjs": "js/ts", ".cjs": "js/ts", ".ts": "js/ts",
             ".tsx": "js/ts", ".jsx": "js/ts", ".go": "go", ".java": "java", ".kt": "java",
             ".cs": "csharp", ".rb": "ruby", ".php": "php", ".sh": "shell", ".bash": "shell",
             ".tf": "terraform", ".hcl": "terraform"}


@dataclass(frozen=True)
class Mark:
    """One label or one finding: where and what."""

    path: str
    code: str
    line: int
    # the same finding at other lines, as the labeller listed them (``also: [194, 218]``): a
    # finding there is a duplicate of this label, neither a second hit nor a false one
    also: tuple[int, ...] = ()

    @property
    def repo(self) -> str:
        return self.path.split("/", 1)[0]


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.misses.extend(other.misses)

    def figures(self) -> dict[str, object]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else None
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else None
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": None if precision is None else round(precision, 2),
                "recall": None if recall is None else round(recall, 2)}


def scored(code: str) -> bool:
    return code[:4] in FAMILIES and not code.startswith(NOT_SCORED)


# The first batch whose labellers had OIN306 defined for every Okta SDK (LABELLING.md).
WIDE_OIN306_BATCH = 9


def outside_guide(mark: Mark, wide_oin306: frozenset[str] = frozenset()) -> bool:
    """A finding the labels cannot judge: batches 1-8 were labelled with OIN306 defined for
    okta-sdk-python alone (LABELLING.md); since session 10 it covers every Okta SDK and
    okta.yaml, and those findings count neither way in files (``wide_oin306``) whose batch
    was not labelled for them."""
    return (mark.code == "OIN306" and language(mark.path) != "python"
            and mark.path not in wide_oin306)


def half(repo: str) -> str:
    return "tune" if hashlib.sha256(repo.encode()).digest()[0] % 2 == 0 else "holdout"


def language(path: str) -> str:
    return LANGUAGES.get(Path(path).suffix.lower(), "other")


def load_labels(directory: Path) -> tuple[list[Mark], list[Mark], set[str]]:
    """Labels, unsure labels, and every file some labeller judged."""
    labels: list[Mark] = []
    unsure: list[Mark] = []
    judged: set[str] = set()
    for path in sorted(directory.glob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for name, entry in (document.get("files") or {}).items():
            judged.add(name)
            entry = entry or {}
            for item in entry.get("findings") or []:
                labels.append(Mark(name, str(item["code"]), int(item["line"]),
                                   tuple(int(n) for n in item.get("also") or ())))
            for item in entry.get("unsure") or []:
                unsure.append(Mark(name, str(item["code"]), int(item.get("line", 0))))
    return labels, unsure, judged


def batches(corpus: Path) -> dict[str, int]:
    """The batch of each corpus file (``<owner>__<repo>/<path>``), from the manifest."""
    manifest = yaml.safe_load((corpus / "manifest.yaml").read_text(encoding="utf-8")) or {}
    return {str(entry["path"]): int(entry.get("batch", 1))
            for entry in manifest.get("files") or []}


def findings_of(files: Path, repos: Iterable[str]) -> list[Mark]:
    marks: list[Mark] = []
    for repo in sorted(repos):
        root = (files / repo).resolve()
        result = check([str(root)], Settings(root=root))
        for finding in result.findings:
            if finding.waived:
                continue
            try:
                relative = Path(finding.span.path).resolve().relative_to(files.resolve())
            except ValueError:
                continue
            marks.append(Mark(relative.as_posix(), finding.code, finding.span.line))
    return marks


def _near(a: Mark, b: Mark, slack: int) -> bool:
    if a.code != b.code:
        return False
    if a.code in PER_PROJECT:
        return a.repo == b.repo
    return a.path == b.path and any(abs(line - b.line) <= slack for line in (a.line, *a.also))


def score(labels: list[Mark], unsure: list[Mark], found: list[Mark], slack: int,
          wide_oin306: frozenset[str] = frozenset()) -> dict[tuple[str, str, str], Tally]:
    """Tallies keyed by (half, family, language); a label matches at most one finding."""
    tallies: dict[tuple[str, str, str], Tally] = defaultdict(Tally)
    open_labels: list[Mark] = []
    for label in (m for m in labels if scored(m.code)):  # a per-project code: one per repository
        if label.code in PER_PROJECT and any(o.code == label.code and o.repo == label.repo
                                             for o in open_labels):
            continue
        open_labels.append(label)
    for mark in (m for m in found if scored(m.code)):
        if outside_guide(mark, wide_oin306):
            continue
        key = (half(mark.repo), FAMILIES[mark.code[:4]], language(mark.path))
        match = next((label for label in open_labels if _near(label, mark, slack)), None)
        if match is not None:
            open_labels.remove(match)
            tallies[key].tp += 1
        elif any(_near(u, mark, slack) for u in unsure):
            continue
        elif any(m.code == mark.code and _near(m, mark, slack) for m in labels):
            continue  # a second finding on a label already matched: a duplicate, not a miss
        else:
            tallies[key].fp += 1
            tallies[key].misses.append(f"FP {mark.path}:{mark.line} {mark.code}")
    for label in open_labels:
        key = (half(label.repo), FAMILIES[label.code[:4]], language(label.path))
        tallies[key].fn += 1
        tallies[key].misses.append(f"FN {label.path}:{label.line} {label.code}")
    return tallies


def summarise(tallies: dict[tuple[str, str, str], Tally],
              axis: int) -> dict[str, dict[str, dict[str, object]]]:
    """Figures per half, then per family (axis 1) or per language (axis 2)."""
    out: dict[str, dict[str, Tally]] = defaultdict(lambda: defaultdict(Tally))
    for key, tally in tallies.items():
        out[key[0]][key[axis]].add(tally)
        out["all"][key[axis]].add(tally)
    return {h: {k: t.figures() for k, t in sorted(rows.items())} for h, rows in out.items()}


def of_batch(corpus: Path, batch: int, labels: list[Mark], unsure: list[Mark],
             judged: set[str]) -> tuple[list[Mark], list[Mark], set[str]]:
    """The labels, unsure labels and judged files of one batch of the manifest."""
    files = {path for path, number in batches(corpus).items() if number == batch}
    return ([m for m in labels if m.path in files], [m for m in unsure if m.path in files],
            judged & files)


def print_rows(halves: dict[str, dict[str, dict[str, object]]]) -> None:
    """One line per half and row: precision, recall and the counts."""
    for part, rows in sorted(halves.items()):
        for name, row in rows.items():
            print(f"{part:8} {name:12} P={row['precision']} R={row['recall']} "
                  f"tp={row['tp']} fp={row['fp']} fn={row['fn']}")


def print_misses(tallies: dict[tuple[str, str, str], Tally], holdout: bool) -> None:
    """Every false positive and negative of the tune half (and the holdout's, if asked)."""
    for key, tally in sorted(tallies.items()):
        if key[0] == "holdout" and not holdout:
            continue
        for line in tally.misses:
            print(f"{key[0]:8} {line}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--files", type=Path,
                        default=Path(os.environ.get("OINLINT_REALWORLD", "/work/realworld/files")),
                        help="the corpus files (outside the repository)")
    parser.add_argument("--slack", type=int, default=2, help="lines a finding may be off")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--batch", type=int, help="score only this batch of the manifest")
    parser.add_argument("--misses", action="store_true",
                        help="list every FP and FN of the tune half (the holdout stays unseen)")
    parser.add_argument("--misses-all", action="store_true",
                        help="also the holdout half's (for the record, never for tuning)")
    args = parser.parse_args(argv)
    files = args.files
    if not files.is_dir():
        print(f"{files}: no corpus files there (see tests/corpus/realworld/README.md)",
              file=sys.stderr)
        return 2
    labels, unsure, judged = load_labels(args.corpus / "labels")
    if args.batch is not None:
        labels, unsure, judged = of_batch(args.corpus, args.batch, labels, unsure, judged)
    if not judged:
        print(f"no labels under {args.corpus / 'labels'}", file=sys.stderr)
        return 2
    repos = {name.split("/", 1)[0] for name in judged}
    found = [m for m in findings_of(files, repos) if m.path in judged]
    wide = frozenset(path for path, number in batches(args.corpus).items()
                     if number >= WIDE_OIN306_BATCH)
    tallies = score(labels, unsure, found, args.slack, wide)
    figures = {"families": summarise(tallies, 1), "languages": summarise(tallies, 2),
               "labels": len(labels), "files": len(judged), "repos": len(repos)}
    for title in ("families", "languages"):
        print(f"## by {'family' if title == 'families' else 'language'}")
        print_rows(figures[title])  # type: ignore[arg-type]
    if args.misses or args.misses_all:
        print_misses(tallies, args.misses_all)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
